import pytest

from tests.conftest import findings


@pytest.mark.parametrize(
    "text,quote",
    [
        ("As a busy mom, you barely have time.", "As a busy mom, you"),
        ("As a millennial you'll love this.", "As a millennial you'll"),
    ],
)
def test_role_claims(text: str, quote: str) -> None:
    (f,) = findings(text, rule="stereotyping.role_claim")
    assert f.quote == quote and f.severity == 3


def test_ethnic_role_claim_is_severe() -> None:
    (f,) = findings("As a Latina, you'll love our spicy range.", rule="stereotyping.role_claim")
    assert f.severity == 4


def test_stated_role_is_only_minor() -> None:
    (f,) = findings(
        "As a new dad, you'll want this.",
        {"stated_preferences": ["I'm a new dad"]},
        rule="stereotyping.role_claim",
    )
    assert f.severity == 1


@pytest.mark.parametrize(
    "text",
    [
        "Ladies, we know you love shopping.",
        "Men love football, so here's a grill.",
        "Every mom needs a break.",
    ],
)
def test_group_generalisations(text: str) -> None:
    assert findings(text, rule="stereotyping")


@pytest.mark.parametrize(
    "text",
    [
        "As a member, you get early access.",
        "Our customers love the new blend.",
        "Just a special note for you.",
        "It's simple: the sale ends Sunday.",
        "Ladies and gentlemen, the show begins.",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert findings(text, rule="stereotyping") == []


@pytest.mark.parametrize("text", ["At your age, technology can be confusing.", "Even grandma can use it!"])
def test_age_assumptions(text: str) -> None:
    assert findings(text, rule="stereotyping.age")


def test_unstated_gendered_honorific() -> None:
    (f,) = findings(
        "Dear Mrs. Smith,\nthanks for your order.",
        {"name": {"first": "Ann", "last": "Smith"}},
        rule="stereotyping.honorific",
    )
    assert f.quote == "Mrs. Smith" and f.severity == 2 and f.suggestion == "Ann Smith"


@pytest.mark.parametrize(
    "text", ["Dear Mrs. Smith,\nthanks for your order.", "Thanks again. Hello Ms. Garcia, here it is."]
)
def test_greeted_honorific_with_nothing_on_file(text: str) -> None:
    """A capitalised greeting addresses the reader as much as a lower-case one does."""
    (f,) = findings(text, {}, rule="stereotyping.honorific")
    assert f.quote.startswith(("Mrs.", "Ms.")) and f.severity == 2


def test_stated_dr_is_fine() -> None:
    ctx = {"name": {"last": "Okafor"}, "salutation": "Dr."}
    assert findings("Dear Dr. Okafor,\nyour results are in.", ctx, rule="stereotyping.honorific") == []


def test_honorific_against_stated_salutation() -> None:
    (f,) = findings(
        "Dear Ms. Okafor,", {"name": {"last": "Okafor"}, "salutation": "Dr."}, rule="stereotyping.honorific"
    )
    assert f.severity == 3 and f.suggestion == "Dr. Okafor"


def test_third_party_honorific_and_generic_address_are_fine() -> None:
    ctx = {"name": {"last": "Lee"}}
    assert findings("Our nutritionist Dr. Patel shares three tips.", ctx, rule="stereotyping.honorific") == []
    assert findings("Dear Sir or Madam,\nthanks.", ctx, rule="stereotyping.honorific") == []


def test_assumed_household() -> None:
    (f,) = findings("Treat your wife to something nice.", rule="stereotyping.household")
    assert f.quote == "your wife" and f.severity == 2 and f.suggestion == "someone you love"


def test_an_assumed_relation_a_pronoun_genders_again_is_cut_with_its_sentence() -> None:
    """A neutral word in its place would leave the pronoun saying who the assumed person is."""
    text = "Shall I email a copy to your husband as well, so he can look over the numbers?"
    (f,) = findings(text, rule="stereotyping.household")
    assert f.quote == "your husband" and f.suggestion is None
    (f,) = findings("Treat your daughter to something she'll love.", rule="stereotyping.household")
    assert f.quote == "your daughter" and f.suggestion is None
    # no pronoun after it, or one before it in another sentence: the neutral word fits
    (f,) = findings("She said it's lovely. Shall I send a copy to your husband?", rule="stereotyping.household")
    assert f.suggestion == "someone you love"
    # a relation that says no gender: "the kids ... them"
    (f,) = findings("Take the kids to see his new show.", rule="stereotyping.household")
    assert f.suggestion == "the whole family"


def test_stated_household_is_fine() -> None:
    ctx = {"stated_preferences": ["gifts for my two kids"]}
    assert findings("Back-to-school picks for your kids.", ctx, rule="stereotyping.household") == []


def test_coded_interest_from_gender() -> None:
    found = findings(
        "The big game is Sunday: fire up the grill!", {"gender": "male"}, rule="stereotyping.coded_interest"
    )
    assert [f.quote for f in found] == ["The big game", "fire up the grill"]
    menu = "Our new halal grill menu lands Friday, grilled to order."
    assert findings(menu, {"gender": "male"}, rule="stereotyping.coded_interest") == []


def test_coded_interest_the_customer_showed_is_fine() -> None:
    ctx = {"gender": "male", "purchases": [{"category": "football"}]}
    assert findings("New football boots are in.", ctx, rule="stereotyping.coded_interest") == []
    assert findings("New football boots are in.", {}, rule="stereotyping.coded_interest") == []
    text = "If the test shows a change, you can try our new rechargeable hearing aids free for 30 days."
    older = {"age_band": "65-74"}
    assert findings(text, older, rule="stereotyping.coded_interest")
    asked = {**older, "stated_preferences": ["Please remind me every year to book a hearing test"]}
    assert findings(text, asked, rule="stereotyping.coded_interest") == []


def _segment(source: str, **more: object) -> dict[str, object]:
    return {"inferred_attributes": [{"attribute": "interest_home_baking", "source": source}], **more}


def test_content_from_an_attribute_guessed_from_gender_and_age() -> None:
    text = "The mixer is back in stock. It's perfect for your weekend bakes, and delivery is free."
    (f,) = findings(text, _segment("gender_age_segment"), rule="stereotyping.segment_guess")
    assert f.quote == "It's perfect for your weekend bakes, and delivery is free."
    assert f.severity == 2
    (f,) = findings(
        "Menopause keeping you up?",
        {"inferred_attributes": [{"attribute": "likely_menopausal", "source": "age_band_and_gender"}]},
        rule="stereotyping.segment_guess",
    )
    assert f.quote == "Menopause keeping you up?"


@pytest.mark.parametrize(
    "ctx",
    [
        _segment("purchase_history"),  # guessed from what they bought: the creepiness rules' case
        _segment("app_usage_pattern"),  # 'usage' holds 'age' but says nothing of it
        _segment("gender_age_segment", stated_preferences=["I bake bread every weekend"]),
        _segment("gender_age_segment", purchases=[{"category": "baking_tins"}]),
    ],
)
def test_segment_guess_quiet_when_not_from_demographics_or_shown(ctx: dict[str, object]) -> None:
    text = "It's perfect for your weekend bakes."
    assert findings(text, ctx, rule="stereotyping.segment_guess") == []


def test_segment_guess_ignores_filler_words_and_orders() -> None:
    ctx = _segment("gender_age_segment")
    assert findings("Free home delivery on everything this week.", ctx, rule="stereotyping.segment_guess") == []
    order = "Your order is confirmed: 1 x bread baking tin, arriving Tuesday."
    assert findings(order, ctx, rule="stereotyping.segment_guess") == []


def test_ivr_assumes_account_holder() -> None:
    ctx = {"name": {"first": "Maria"}, "observed_signals": [{"kind": "caller_id", "detail": "known number"}]}
    (f,) = findings("Hello Maria, your balance is $45.", ctx, channel="ivr", rule="stereotyping.account_holder")
    assert f.quote == "Maria"


def test_ivr_that_verifies_first_is_fine() -> None:
    ctx = {"name": {"first": "Maria"}}
    text = "Welcome. To verify your identity, please enter your passcode. Then we can discuss your balance."
    assert findings(text, ctx, channel="ivr", rule="stereotyping.account_holder") == []


@pytest.mark.parametrize("text", ["As a gay man, you'll love this.", "As a valued Muslim customer, enjoy 10% off."])
def test_identity_roles_are_severe(text: str) -> None:
    (f,) = findings(text, rule="stereotyping.role_claim")
    assert f.severity == 4


def test_verification_sentence_is_not_an_assumption() -> None:
    text = "To hear your balance, please first enter your date of birth for verification."
    assert findings(text, {"name": {"first": "Maria"}}, channel="ivr", rule="stereotyping.account_holder") == []


def test_guys_is_only_mild() -> None:
    (f,) = findings("Hey guys! New chairs just dropped.", rule="stereotyping.group_address")
    assert f.severity == 1


OLDER = {"age_band": "65-74"}


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Time to retire the glitter: our new edit is all about polish.", "Time to retire the glitter"),
        ("Comfortable shoes with cushioned soles and nothing too flashy, picked for you.", "nothing too flashy"),
        ("Here are this week's subtitled screenings, picked so you don't miss a word.", "so you don't miss a word"),
        ("You'll want something simple, so we've picked the Easy 4 for you.", "something simple"),
        ("At 65-plus it's wise to steer clear of the free weights.", "it's wise to steer clear of"),
    ],
)
def test_taste_and_limits_decided_from_age(text: str, quote: str) -> None:
    found = findings(text, OLDER, rule="stereotyping.assumed_need")
    assert quote in {f.quote for f in found}


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("You'll want something simple, so we've picked the Easy 4 for you.", {"age_band": "25-34"}),
        ("To keep things simple, we'll ring you to book.", {**OLDER, "stated_preferences": ["phone me, no apps"]}),
        ("Our new app is simple to use, for everyone.", OLDER),
    ],
)
def test_age_decisions_need_an_older_customer_who_never_said_so(text: str, context: dict[str, object]) -> None:
    assert findings(text, context, rule="stereotyping.assumed_need") == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Match day Sat 10am! Get Dad to bring the shin pads.", "Dad"),
        ("Open Day is Saturday. Bring Mum & Dad to the parents' talk.", "Mum & Dad"),
        ("Dine In for Two is back. Why not give her the night off from the cooking?", "her"),
        ("For your little girl, the Sparkle 16 comes in pink.", "your little girl"),
        ("Valentine's is close, and picking something for her is hard.", "her"),
        ("Spoil the special man in your life this Father's Day.", "the special man in your life"),
    ],
)
def test_family_members_sent_on_errands_or_as_pronouns(text: str, quote: str) -> None:
    (f,) = findings(text, {}, rule="stereotyping.household")
    assert f.quote == quote and f.severity == 2


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Your mum's order is ready. Treat her to the matching scarf?", {}),  # "her" is the mum just named
        ("Give her the night off from the cooking.", {"stated_preferences": ["cooking for my wife's birthday"]}),
        ("Get Dad to bring the shin pads.", {"stated_preferences": ["my kids play on Saturdays, their dad drives"]}),
        ("Your sister's birthday is on the 12th: gloves would be a lovely present for her.", {}),
        ("Picking something for her?", {"stated_preferences": ["a Valentine's present for my wife"]}),
    ],
)
def test_family_members_introduced_or_stated_are_fine(text: str, context: dict[str, object]) -> None:
    assert findings(text, context, rule="stereotyping.household") == []


def test_an_interest_bought_under_a_snake_case_category_is_shown() -> None:
    ctx = {"age_band": "65-74", "purchases": [{"category": "hearing_aids", "days_ago": 12}]}
    assert findings("Getting used to new hearing aids takes patience.", ctx, rule="stereotyping.coded_interest") == []


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Nobody watches the pennies like an Aberdonian.", "Aberdeen"),
        ("Every Scouser bleeds red.", "Liverpool"),
        ("I'm a proper Yorkshire lass myself.", "Yorkshire"),
        ("We all know every Georgia kitchen runs on sweet tea.", "Georgia"),
    ],
)
def test_regional_types_by_nickname_and_by_place(text: str, region: str) -> None:
    (f,) = findings(text, {"region": region}, rule="stereotyping.regional")
    assert f.severity == 3


@pytest.mark.parametrize(
    "text",
    [
        "Good news, Texas! Our Main St store reopens Monday.",
        "Free delivery to every Texas home by Friday.",
        "Serving all Texas families since 1982.",
    ],
)
def test_the_place_as_an_address_or_a_service_area_is_not_a_type(text: str) -> None:
    assert findings(text, {"region": "Texas"}, rule="stereotyping.regional") == []


@pytest.mark.parametrize(
    "text",
    [
        "From one mum to another, we know the mornings are chaos.",
        "The gadgets are usually his department.",
        "No handy husband around this weekend?",
        "Apps can be a bit much for our more senior members.",
    ],
)
def test_roles_and_ages_assumed_without_as_a(text: str) -> None:
    assert [f for f in findings(text, {}) if f.category == "stereotyping"]


def test_a_product_feature_named_like_family_is_not_a_household() -> None:
    assert (
        findings("Saturday cartoons for the little ones in your Kids profile.", {}, rule="stereotyping.household") == []
    )


def test_kids_assumed_by_what_is_sold_for_them() -> None:
    (f,) = findings("Packed lunches for the kids, sorted: 20% off lunchboxes.", {}, rule="stereotyping.household")
    assert f.quote == "the kids"  # only the kids are replaced: "lunches for the whole family"
    stated = {"stated_preferences": ["two kids at primary school"]}
    assert findings("Packed lunches for the kids, sorted.", stated, rule="stereotyping.household") == []


def test_an_ivr_menu_option_is_not_an_account_holder_assumption() -> None:
    ctx = {"observed_signals": [{"kind": "caller_id", "detail": "number on file"}]}
    menu = "Thank you for calling Solano Energy. To pay your bill, press 1. To report an outage, press 3."
    assert findings(menu, ctx, channel="ivr", rule="stereotyping.account_holder") == []
    assert findings("Your bill of $84 is due Friday.", ctx, channel="ivr", rule="stereotyping.account_holder")


@pytest.mark.parametrize(
    "text",
    [
        "Ask a family member to help you switch back.",
        "Tablets really aren't as tricky as they look.",
        "These smartphones weren't designed with you in mind.",
        "Once you're past 50, your skin needs help.",
    ],
)
def test_tech_and_age_assumptions_without_at_your_age(text: str) -> None:
    assert findings(text, {"age_band": "75+"}, rule="stereotyping.age")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Hi Paul! As the account holder you can change the plan straight away.", True),
        ("Since you're the policyholder, I've updated the named drivers.", True),
        ("Could you confirm whether you're the account holder? If so, I can change the plan.", False),
        ("If you're the account holder, press 1.", False),
        ("Thanks, you've passed security. As the account holder you can change the plan.", False),
        ("Before I pull up any details, could you confirm you're the account holder?", False),
        ("Please confirm you're the account holder, or that Margaret has added you as a user.", False),
        ("I can confirm you're the account holder, so I've changed the plan.", True),
    ],
)
def test_telling_the_person_they_are_the_account_holder(text: str, flagged: bool) -> None:
    found = findings(text, {}, channel="chat", rule="stereotyping.account_holder")
    assert bool(found) is flagged


def test_an_outbound_call_that_introduces_the_company_is_not_an_answered_caller() -> None:
    ctx = {"name": {"first": "Dorothy"}}
    outbound = "Hello Dorothy, this is Maple Street Pharmacy. Your order is ready for collection."
    assert findings(outbound, ctx, channel="ivr", rule="stereotyping.account_holder") == []
    inbound = "Thank you for calling. This is Maple Street Pharmacy. Hello Dorothy, your order is ready."
    assert findings(inbound, ctx, channel="ivr", rule="stereotyping.account_holder")


def test_asking_for_the_account_number_is_the_check() -> None:
    ctx = {"observed_signals": [{"kind": "caller_id", "detail": "household landline"}]}
    text = "To hear your balance or make a payment, please enter your ten-digit account number."
    assert findings(text, ctx, channel="ivr", rule="stereotyping.account_holder") == []


@pytest.mark.parametrize(
    ("prefs", "flagged"), [([], True), (["Please speak slowly on automated calls, I'm hard of hearing"], False)]
)
def test_pace_turned_down_from_age(prefs: list[str], flagged: bool) -> None:
    ctx = {"age_band": "75+", "stated_preferences": prefs}
    text = "We'll keep this message nice and slow for you. Your order is ready."
    assert bool(findings(text, ctx, channel="ivr", rule="stereotyping.assumed_need")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Stay on the line and a friendly agent will read your bill to you nice and slowly.", True),
        ("One of our team will walk you through everything nice and slowly.", True),
        ("I'll keep my words nice and simple for you.", True),
        ("Our new tariff is nice and simple: one price, day or night.", False),  # the product, not the reader
        ("Stay on the line and an agent will read your meter reading back to confirm it.", False),
    ],
)
def test_pace_and_plain_words_set_for_an_older_customer(text: str, flagged: bool) -> None:
    ctx = {"age_band": "75-84"}
    assert bool(findings(text, ctx, channel="ivr", rule="stereotyping.assumed_need")) is flagged


def test_kids_assumed_for_add_ons() -> None:
    assert findings(
        "I can add the Family Pack too, with extra channels for the kids.", {}, rule="stereotyping.household"
    )
    stated = {"stated_preferences": ["two kids, 8 and 11"]}
    assert findings("I can add extra channels for the kids.", stated, rule="stereotyping.household") == []


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("As a millennial you'll love this.", "You'll"),  # an opening phrase goes, the next word takes the capital
        ("Most guys your age are trading up to an SUV.", None),  # the sentence's subject: no clean cut
    ],
)
def test_a_phrase_is_cut_only_where_the_sentence_survives(text: str, suggestion: str | None) -> None:
    (f,) = [f for f in findings(text, {}) if f.category == "stereotyping"]
    assert f.suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "We know you Scots hate parting with a penny, so here's 20% off.",
        "Filipinas are born caregivers, so this course is a natural fit.",
        "Like every Filipino family, yours surely has someone working abroad.",
        "As an Igbo man, business is in your blood.",
        "At 45, the clock is ticking: book your consultation.",
        "With retirement on the horizon, it's time to review your pension.",
    ],
)
def test_group_claims_by_people_and_by_age(text: str) -> None:
    assert [f for f in findings(text, {}) if f.category == "stereotyping"]


@pytest.mark.parametrize("text", ["Scots and visitors alike love the Fringe.", "Our Glasgow store opens at 9."])
def test_naming_a_people_is_not_a_claim_about_them(text: str) -> None:
    assert [f for f in findings(text, {}) if f.category == "stereotyping"] == []


def test_a_caller_not_yet_verified_is_not_verified() -> None:
    ctx = {
        "name": {"last": "Okafor"},
        "observed_signals": [{"kind": "caller_id", "detail": "number on the account; caller not yet verified"}],
    }
    text = "Good afternoon, Mr. Okafor. Welcome back. To check your balance, press 1."
    assert findings(text, ctx, channel="ivr", rule="stereotyping.account_holder")


@pytest.mark.parametrize(
    "text",
    [
        "Southern hostesses like you always set a beautiful table.",
        "Everyone knows Nigerian parties go big, so stock up.",
        "Browse collections made for your culture.",
        "We know you're careful with the pennies, so here's a deal.",
        "Hitting your forties is when most men finally start taking their skin seriously.",
    ],
)
def test_more_group_claims(text: str) -> None:
    assert [f for f in findings(text, {}) if f.category == "stereotyping"]


@pytest.mark.parametrize(("prefs", "flagged"), [([], True), (["my son Leo turns 4 in May"], False)])
def test_your_little_man_is_a_child(prefs: list[str], flagged: bool) -> None:
    found = findings("Dino pyjamas for your little man!", {"stated_preferences": prefs}, rule="stereotyping.household")
    assert bool(found) is flagged


@pytest.mark.parametrize(
    "text",
    [
        "Now that you've got all that free time on your hands, why not try bowls?",
        "I'll walk you through it, as these online accounts can be confusing.",
        "Screen time battles are a mum thing, right?",
        "We've picked the Blush Pink edition for you.",
    ],
)
def test_assumptions_from_age_and_gender_without_stock_words(text: str) -> None:
    ctx = {"gender": "female", "age_band": "65-74"}
    assert [f for f in findings(text, ctx, channel="chat") if f.category == "stereotyping"]


@pytest.mark.parametrize(
    "body",
    [
        "Bring the kids in for a free fit check this weekend.",
        "Kick back and let the kids do the washing up for once.",
        "Ready to get your teenager their own phone?",
    ],
)
def test_children_nobody_mentioned_fire(body: str) -> None:
    assert findings(body, {"gender": "female"}, rule="stereotyping.household")


def test_children_the_customer_mentioned_or_a_kids_offer_for_anyone_stay_quiet() -> None:
    stated = {"stated_preferences": ["Shopping for my two teenagers"]}
    assert findings("Ready to get your teenager their own phone?", stated, rule="stereotyping.household") == []
    assert findings("Kids eat free this weekend at every branch.", rule="stereotyping.household") == []


def test_a_kinship_title_nobody_asked_for_fires() -> None:
    (f,) = findings("Hi Ate Liza! Your load is ready.", {"name": {"first": "Liza"}}, channel="sms", rule="stereotyping")
    assert f.rule_id == "stereotyping.honorific" and f.quote == "Ate " and f.suggestion == ""
    # the title is not read as someone else's name either
    assert findings("Hi Ate Liza!", {"name": {"first": "Liza"}}, channel="sms", rule="data_quality.wrong_name") == []


def test_a_kinship_title_the_customer_uses_or_a_brand_name_stays_quiet() -> None:
    asked = {"name": {"first": "Liza"}, "salutation": "Ate"}
    assert findings("Hi Ate Liza! Your load is ready.", asked, channel="sms", rule="stereotyping.honorific") == []
    tom = {"name": {"first": "Tom"}}
    assert findings("Uncle Bob's BBQ sauce is back, Tom.", tom, rule="stereotyping.honorific") == []


@pytest.mark.parametrize(
    ("body", "rule", "context"),
    [
        ("Hubby hungry after work? Pies are 2 for $10.", "stereotyping.household", {}),
        ("Boyfriend's birthday coming up? Shop gaming gear.", "stereotyping.household", {}),
        ("Fill the kids' lunchboxes with our new snacks.", "stereotyping.household", {}),
        ("Hey Texan, fire up the smoker this weekend!", "stereotyping.regional", {"region": "Austin, Texas"}),
        ("Spice it up, amigo! Salsa is 2 for 1.", "stereotyping.assumed_culture", {}),
        ("Celebrate your Native roots with our new decor.", "stereotyping.assumed_origin", {}),
        (
            "Since you're one of our senior customers, we'll go extra slow and keep it simple.",
            "stereotyping.assumed_need",
            {"age_band": "75+"},
        ),
    ],
)
def test_assumptions_written_without_stock_phrases_fire(body: str, rule: str, context: dict[str, object]) -> None:
    assert findings(body, context, rule=rule)


@pytest.mark.parametrize(
    ("body", "rule", "context"),
    [
        ("Hubby said yes!", "stereotyping.household", {"stated_preferences": ["Planning our wedding with my hubby"]}),
        ("Kids eat free on Sundays.", "stereotyping.household", {}),
        ("Our Austin store opens late on Friday.", "stereotyping.regional", {"region": "Austin, Texas"}),
        ("Spice it up, amigo!", "stereotyping.assumed_culture", {"locale": "es-MX"}),
        ("If you'd like, we can go through it slowly.", "stereotyping.assumed_need", {"age_band": "75+"}),
    ],
)
def test_the_same_words_stated_offered_or_for_everyone_stay_quiet(
    body: str, rule: str, context: dict[str, object]
) -> None:
    assert findings(body, context, rule=rule) == []


def test_a_family_role_after_an_article_names_a_person_not_the_reader() -> None:
    guide = "Whether you're shopping for a dad, a grandpa or a stepdad, our gift guide has picks from $15."
    assert findings(guide, {"gender": "female"}, rule="stereotyping.group_address") == []
    assert findings("Hey grandpa, your new phone is here!", {"age_band": "65-74"}, rule="stereotyping.group_address")


@pytest.mark.parametrize(
    ("body", "rule", "context"),
    [
        ("That model can be a bit much for the ladies, so try the Lite.", "stereotyping.generalisation", {}),
        ("Bet you're a footy-mad bloke like the rest of us!", "stereotyping.generalisation", {}),
        ("Rugby's in every Kiwi's blood.", "stereotyping.generalisation", {}),
        ("Since the app isn't really your thing, we'll post your statements.", "stereotyping.age", {}),
        ("At 50, your body is changing: try our collagen range.", "stereotyping.age", {}),
        ("Forward this to Mum or Dad!", "stereotyping.household", {}),
        ("New lipstick shades are in. She'll love the Ruby Red.", "stereotyping.household", {"gender": "male"}),
        ("Millennials would rather spend on brunch than save.", "stereotyping.trait_claim", {}),
    ],
)
def test_generalisations_and_assumptions_in_everyday_words_fire(
    body: str, rule: str, context: dict[str, object]
) -> None:
    assert findings(body, context, rule=rule)


def test_a_partner_pronoun_in_the_subject_may_be_the_mum_the_body_names() -> None:
    body = "Your mum Helen loved the grey scarf, so the matching gloves would make a lovely present."
    assert findings(body, subject="Gloves she'll love", rule="stereotyping.household") == []
    (f,) = findings("New shades are in. She'll love the Ruby Red.", rule="stereotyping.household")
    assert f.suggestion == "They"


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("Malay families like yours always go big on kuih this Raya!", "stereotyping.assumed_origin"),
        ("Gujaratis can never resist a bargain!", "stereotyping.trait_claim"),
        ("Being a Marwari, you must love a good bargain!", "stereotyping.assumed_origin"),
        ("We know pensioners and technology don't really mix.", "stereotyping.age"),
        ("Budgeting tools, because numbers aren't every woman's strong suit.", "stereotyping.generalisation"),
        ("At 55-plus, your eyes deserve a break.", "stereotyping.age"),
        ("That kit can be a lot for a woman to lift.", "stereotyping.generalisation"),
        ("Stream the albums from your era.", "stereotyping.age"),
    ],
)
def test_more_everyday_forms_of_the_same_generalisations_fire(body: str, rule: str) -> None:
    assert findings(body, rule=rule)


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("Malay cooking classes start Saturday at our KL store.", "stereotyping.assumed_origin"),
        ("Our seniors' tech club meets on Tuesdays: everyone welcome.", "stereotyping.age"),
        ("Stream the albums from every era, from Motown to grime.", "stereotyping.age"),
    ],
)
def test_the_same_words_about_the_world_stay_quiet(body: str, rule: str) -> None:
    assert findings(body, rule=rule) == []


@pytest.mark.parametrize(
    ("body", "context", "fires"),
    [
        ("Ridge & Rye: Happy Father's Day, Marcus! Here's 15% off.", {}, True),
        ("Happy Mother's Day to you, Aoife! Treat yourself to 20% off.", {}, True),
        ("Happy Mother's Day! Treat your mum to flowers.", {}, False),  # a campaign for the day, not a greeting
        ("Happy Mother's Day, everyone! Treat your mum.", {}, False),
        ("Happy Father's Day, Marcus! Here's 15% off.", {"stated_preferences": ["gift ideas for my kids"]}, False),
    ],
)
def test_greeting_the_customer_as_a_parent(body: str, context: dict[str, object], fires: bool) -> None:
    assert bool(findings(body, context, rule="stereotyping.household")) is fires


@pytest.mark.parametrize(
    ("body", "region", "fires"),
    [
        ("Y'all know the drill, Texan! Brisket's on.", "Austin, Texas", True),
        ("Texan, this one's for you.", "Austin, Texas", True),
        ("Y'all know the drill, Texan: brisket's on.", "Austin, Texas", True),  # a colon ends the name too
        ("Good to have you back, Londoner — tea's on us.", "London", True),
        ("Shipping is free to Dallas, Houston and Austin: see the map.", "Austin, Texas", False),
        ("Every true Joburger loves a Sunday braai.", "Johannesburg", True),
        ("Thanks, Austin. See you soon.", "Austin, Texas", False),  # the name of the place, not its people
        ("We ship across Texas, Austin included.", "Austin, Texas", False),
    ],
)
def test_the_regions_people_as_a_name_for_the_customer(body: str, region: str, fires: bool) -> None:
    assert bool(findings(body, {"region": region}, rule="stereotyping.regional")) is fires


@pytest.mark.parametrize(
    ("body", "context", "severity"),
    [
        ("From one busy mom to another: dinner's sorted.", {}, 3),
        ("From one mum to another, we know your evenings are a blur.", {}, 3),
        ("From one mum to another, here's what helped me.", {"stated_preferences": ["I'm a mum of two"]}, 1),
    ],
)
def test_a_role_claimed_as_shared(body: str, context: dict[str, object], severity: int) -> None:
    (f,) = findings(body, context, rule="stereotyping.role_claim")
    assert f.severity == severity and f.quote.startswith("From one")


def test_from_one_thing_to_another_is_no_role() -> None:
    assert findings("From one season to another, our coats keep up.", rule="stereotyping.role_claim") == []


@pytest.mark.parametrize(
    ("body", "context", "fires"),
    [
        ("Your two little ones will love the splash zone.", {}, True),  # a count before the household
        ("Happy Father's Day in advance, Dave! Here's 10% off.", {}, True),
        ("New dads get 20% off all week.", {}, True),  # the reader addressed by the role
        ("New dads get 20% off all week.", {"stated_preferences": ["new dad, baby due in May"]}, False),
        ("Our new dads' group meets on Tuesdays.", {}, False),
        ("Your two tickets are attached.", {}, False),
    ],
)
def test_household_roles_in_more_forms(body: str, context: dict[str, object], fires: bool) -> None:
    assert bool(findings(body, context, rule="stereotyping.household")) is fires


@pytest.mark.parametrize(
    ("body", "region", "fires"),
    [
        ("Being in Glasgow you'll probably want the waterproof version.", "Glasgow", True),
        ("Living in Texas, you'll love our offset smokers.", "Austin, Texas", True),  # any part of the region
        ("Since you're in Leeds, you'll want to know the store reopens Monday.", "Leeds", False),  # news, not a taste
        ("Being in Glasgow, our Buchanan Street store is closest to you.", "Glasgow", False),
        # a presumption adverb marks the guess whatever the verb, and a resident is addressed as one
        ("Living in Northgate, you probably can't stretch to our Premier cover.", "Northgate, Crawley", True),
        ("Living in Provo, you probably skip the coffee aisle altogether.", "Provo, Utah", True),
        ("As a Kensington resident you'll expect nothing less than Platinum.", "Kensington, London", True),
        ("Living in Leeds, you'll probably be aware that bin day has changed.", "Leeds", False),
        ("As a Leeds resident, you can use any of our 12 branches.", "Leeds", False),
    ],
)
def test_a_taste_predicted_from_the_place(body: str, region: str, fires: bool) -> None:
    assert bool(findings(body, {"region": region}, rule="stereotyping.regional")) is fires


def test_a_call_answered_by_someone_unidentified_is_not_for_the_name_on_file() -> None:
    body = "Hello Harold, this is Corner Care Pharmacy. Your prescription is ready for pickup."
    unknown = {
        "name": {"first": "Harold"},
        "observed_signals": [
            {"kind": "caller_id", "detail": "outbound call to landline; answered by unidentified person"}
        ],
    }
    (f,) = findings(body, unknown, channel="ivr", rule="stereotyping.account_holder")
    assert f.quote == "Harold"
    assert findings(body, {"name": {"first": "Harold"}}, channel="ivr", rule="stereotyping.account_holder") == []


def test_no_security_check_is_not_a_check() -> None:
    ctx = {
        "name": {"first": "Daniel"},
        "observed_signals": [{"kind": "caller_id", "detail": "number matches the holder's mobile; no security check"}],
    }
    assert findings("Your available balance is £1,206.", ctx, channel="ivr", rule="stereotyping.account_holder")
    ctx["observed_signals"][0]["detail"] = "number matches the holder's mobile; security check passed"  # type: ignore[index]
    assert findings("Your available balance is £1,206.", ctx, channel="ivr", rule="stereotyping.account_holder") == []


def test_access_arranged_from_age_alone_is_an_assumed_need() -> None:
    older = {"age_band": "75+"}
    body = "We've arranged wheelchair assistance for you from check-in right through to your seat."
    assert findings(body, older, rule="stereotyping.assumed_need")
    stated = {"age_band": "75+", "stated_preferences": ["I use a wheelchair at airports"]}
    assert findings(body, stated, rule="stereotyping.assumed_need") == []
    premises = "We've added a quieter waiting area and step-free access from the street."
    assert findings(premises, older, rule="stereotyping.assumed_need") == []


def test_a_title_in_the_sign_off_is_the_senders() -> None:
    ctx = {"name": {"first": "Ngozi", "last": "Achebe"}, "salutation": "Mrs."}
    body = "Dear Mrs. Achebe,\n\nThanks for renewing.\n\nWith warm thanks,\nDr. Helen Mayhew\nDirector"
    assert findings(body, ctx, rule="stereotyping.honorific") == []
    assert findings("Thanks, Mr. Achebe, your card is on its way.", ctx, rule="stereotyping.honorific")


def test_being_a_grandparent_shows_the_grandchildren() -> None:
    body = "Thank you for sponsoring six saplings, one for each of your grandchildren."
    said = {"age_band": "65-74", "stated_preferences": ["Grandmother of six"]}
    assert findings(body, said, rule="stereotyping.coded_interest") == []
    assert findings(body, {"age_band": "65-74"}, rule="stereotyping.coded_interest")


@pytest.mark.parametrize(
    ("body", "context", "fires"),
    [
        ("Hot flushes, broken sleep, brain fog: let's talk.", {"gender": "female", "age_band": "50-54"}, True),
        ("Hot flushes, broken sleep, brain fog: let's talk.", {"gender": "female", "age_band": "25-34"}, False),
        (
            "Hot flushes, broken sleep, brain fog: let's talk.",
            {"gender": "female", "age_band": "50-54", "stated_preferences": ["help with menopause symptoms"]},
            False,
        ),
        ("Book a free prostate check this month.", {"gender": "male", "age_band": "55-64"}, True),
        ("Book a free prostate check this month.", {"age_band": "55-64"}, False),
        ("Our stairlifts are 10% off this month.", {"age_band": "75+"}, True),
        ("Thank you for choosing a stairlift: your first payment is on 1 May.", {"age_band": "75+"}, False),
        (
            "Our stairlifts are 10% off this month.",
            {"age_band": "75+", "observed_signals": [{"kind": "browsing", "detail": "viewed grab rails"}]},
            False,  # picked from what was watched: the creepiness rules' case
        ),
        (
            "Our stairlifts are 10% off this month.",
            {"age_band": "75+", "purchases": [{"category": "stairlift", "days_ago": 300}]},
            False,
        ),
    ],
)
def test_a_life_stages_health_picked_from_age_or_gender(body: str, context: dict[str, object], fires: bool) -> None:
    assert bool(findings(body, context, rule="stereotyping.life_stage")) is fires


@pytest.mark.parametrize(
    "check",
    [
        "Thank you for confirming your security details.",
        "You've been verified.",
        "Thank you, your identity has been confirmed.",
    ],
)
def test_a_script_after_the_check_it_thanks_the_caller_for_assumes_nothing(check: str) -> None:
    ctx = {"name": {"first": "Jo", "last": "Lee"}, "salutation": "Mx."}
    after = f"Good afternoon, Mx. Lee. {check} Your card was dispatched."
    assert findings(after, ctx, channel="ivr", rule="stereotyping.account_holder") == []
    before = "Good afternoon, Mx. Lee. Your card was dispatched on Monday."
    assert findings(before, ctx, channel="ivr", rule="stereotyping.account_holder")
    not_yet = "Good afternoon, Mx. Lee. You haven't been verified yet. Your card was dispatched."
    assert findings(not_yet, ctx, channel="ivr", rule="stereotyping.account_holder")


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Aw, don't you worry, sweetie, I've sorted that login for you!", {"age_band": "75+"}),
        ("There you go, love. Anything else I can do?", {"age_band": "65-74"}),
        ("Love, it's all sorted now.", {"age_band": "75+"}),
    ],
)
def test_a_pet_name_for_an_older_customer_talks_down_to_them(text: str, context: dict[str, object]) -> None:
    (f,) = findings(text, context, channel="chat", rule="stereotyping.elderspeak")
    assert f.severity == 2 and f.suggestion == ""


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("There you go, love. Anything else I can do?", {"age_band": "35-44"}),  # not about age
        ("We love having you with us.\nLove,\nMabel's Bakery", {"age_band": "75+"}),  # a sign-off
        ("There you go, love.", {"age_band": "75+", "stated_preferences": ["call me love, everyone does"]}),
    ],
)
def test_no_pet_name_or_not_an_older_customer_stays_quiet(text: str, context: dict[str, object]) -> None:
    assert findings(text, context, channel="chat", rule="stereotyping.elderspeak") == []


def test_an_interest_the_customer_says_they_do_not_have_is_not_shown() -> None:
    body = "The weekend golfer in you deserves better than last season's clubs."
    refused = {"gender": "male", "stated_preferences": ["No golf offers please, I don't play"]}
    plays = {"gender": "male", "stated_preferences": ["I play golf most weekends"]}
    opted_out = {"gender": "female", "stated_preferences": ["No more cooking class promotions please, recipes only"]}
    assert findings(body, refused, rule="stereotyping.coded_interest")
    assert findings(body, plays, rule="stereotyping.coded_interest") == []
    # an opt-out alone still shows the topic is theirs; "never miss" is no refusal
    assert findings("Cooking class this Friday!", opted_out, rule="stereotyping.coded_interest") == []
    never_miss = {"gender": "male", "stated_preferences": ["Never miss NFL Sundays"]}
    assert findings("Game day is here, Mike!", never_miss, channel="sms", rule="stereotyping.coded_interest") == []


def test_a_coded_interest_in_the_customers_own_booking_is_theirs() -> None:
    ctx = {"gender": "male"}
    assert (
        findings("Your tee time at Pine Ridge is confirmed for Saturday.", ctx, rule="stereotyping.coded_interest")
        == []
    )
    assert findings("Book a tee time this weekend: 20% off.", ctx, rule="stereotyping.coded_interest")


@pytest.mark.parametrize(
    ("text", "context", "fires"),
    [
        ("This Mother's Day, it's your turn. Book a spa day.", {"gender": "female"}, True),
        ("You spend all year looking after everyone else, so treat yourself.", {"gender": "female"}, True),
        ("Grills 20% off. Treat yourself, Dad, you've earned it!", {"gender": "male"}, True),
        ("This Mother's Day, it's your turn.", {"stated_preferences": ["Mum of three, never a day to myself"]}, False),
        ("Gifts for dads, grandads & father figures, free engraving till Thu.", {}, False),
    ],
)
def test_the_reader_cast_as_a_parent(text: str, context: dict[str, object], fires: bool) -> None:
    assert bool(findings(text, context, rule="stereotyping.household")) is fires


def test_a_partner_assumed_by_pronoun_is_rewritten_in_the_plural() -> None:
    (f,) = findings("Trust us, she's going to say yes.", {"gender": "male"}, rule="stereotyping.household")
    assert f.quote == "she's" and f.suggestion == "they're"
    told = {"stated_preferences": ["Looking for a ring for my girlfriend"]}
    assert findings("Trust us, she's going to say yes.", told, rule="stereotyping.household") == []


@pytest.mark.parametrize(
    ("text", "region"),
    [("Sure, being a Kerryman you'd never pay full whack!", "Kerry"), ("Hey Yorkshireman, tea's on us.", "Yorkshire")],
)
def test_a_demonym_ending_in_man_names_people_of_the_region(text: str, region: str) -> None:
    assert findings(text, {"region": region}, channel="sms", rule="stereotyping.regional")


def test_an_outbound_call_that_says_whom_it_is_for_assumes_no_one() -> None:
    ctx = {"name": {"first": "Aileen", "last": "Baird"}}
    call = "This is an automated security call from Corran Bank for Aileen Baird. If you made this payment, press 1."
    assert findings(call, ctx, channel="ivr", rule="stereotyping.account_holder") == []
    answered = "Thanks for calling Corran Bank, Aileen. To hear your balance, press 1."
    assert findings(answered, ctx, channel="ivr", rule="stereotyping.account_holder")


def test_a_partners_own_account_is_a_person_not_a_product_feature() -> None:
    ivr = "If you're calling about your wife's account, press 1. If you're calling about your own account, press 2."
    (f,) = findings(ivr, channel="ivr", rule="stereotyping.household")
    assert f.quote == "your wife"
    assert findings("Your Kids profile is ready: set screen-time limits.", rule="stereotyping.household") == []


def test_a_partner_contradicting_the_one_the_customer_named_is_worse_than_assumed() -> None:
    husband = {"stated_preferences": ["Our anniversary is in June; my husband and I love city breaks"]}
    (f,) = findings("Treat your wife to something she'll remember.", husband, rule="stereotyping.household")
    assert f.severity == 3 and "husband" in f.message
    assert findings("Treat your husband to a city break.", husband, rule="stereotyping.household") == []


def test_a_partner_named_without_a_gender_is_not_given_one() -> None:
    partner = {"stated_preferences": ["Applying jointly with my partner, Sam"]}
    (f,) = findings("Once you and your husband sign, it's done.", partner, rule="stereotyping.household")
    assert (f.quote, f.severity, f.suggestion) == ("your husband", 2, "your partner")
    assert findings("Once you and your partner sign, it's done.", partner, rule="stereotyping.household") == []
    told = {"stated_preferences": ["My partner (my husband Sam) and I apply jointly"]}
    assert findings("Once you and your husband sign, it's done.", told, rule="stereotyping.household") == []


@pytest.mark.parametrize(
    ("said", "text", "fires"),
    [
        ("I don't have children, please stop the baby offers", "Lunchboxes your little ones will open.", True),
        ("child-free - I shop for myself", "Your kids will love the new range.", True),
        ("my children are grown up now", "Get your little ones sorted for school.", True),
        ("my children are grown up now", "Your kids will love the new range.", False),
        ("two kids, 4 and 7", "Your kids will love the new range.", False),
    ],
)
def test_children_the_customer_said_they_do_not_have(said: str, text: str, fires: bool) -> None:
    found = findings(text, {"stated_preferences": [said]}, rule="stereotyping.household")
    assert [f.severity for f in found] == ([3] if fires else [])


def test_a_reassurance_about_the_account_assumes_no_caller() -> None:
    ctx = {"observed_signals": [{"kind": "caller_id", "detail": "number matches account", "days_ago": 0}]}
    calm = "Thanks for calling. Skip the survey if you like; it won't affect your account in any way."
    assert findings(calm, ctx, channel="ivr", rule="stereotyping.account_holder") == []
    told = "Thanks for calling. Your account is in credit by 40 pounds."
    assert findings(told, ctx, channel="ivr", rule="stereotyping.account_holder")


def test_a_caller_not_identified_or_verified_has_not_been_checked() -> None:
    def ctx(detail: str) -> dict[str, object]:
        return {"name": {"first": "Linda"}, "observed_signals": [{"kind": "caller_id", "detail": detail}]}

    script = "Thanks for calling Brightwater Energy, Linda. Your next bill of $84.20 is due on the 14th."
    unchecked = ctx("household landline on a joint account; caller not identified or verified")
    assert findings(script, unchecked, channel="ivr", rule="stereotyping.account_holder")
    assert findings(script, ctx("caller verified by voice ID"), channel="ivr", rule="stereotyping.account_holder") == []


def test_large_print_picked_from_age_is_a_life_stage_assumption() -> None:
    text = "Hartwell Books: Our spring large-print catalogue is out! Reply BOOK for a free copy by post."
    assert findings(text, {"age_band": "75+"}, channel="sms", rule="stereotyping.life_stage")
    asked = {"age_band": "75+", "stated_preferences": ["large print please, my eyes aren't what they were"]}
    assert findings(text, asked, channel="sms", rule="stereotyping.life_stage") == []
    assert findings(text, {"age_band": "35-44"}, channel="sms", rule="stereotyping.life_stage") == []


def test_large_print_among_the_formats_everyone_may_choose_assumes_nothing() -> None:
    text = "From 1 May, every customer can choose large-print, braille or audio statements at no extra cost."
    assert findings(text, {"age_band": "75+"}, rule="stereotyping.life_stage") == []


def test_a_partner_sent_for_to_approve_the_customers_own_account() -> None:
    ctx = {"stated_preferences": ["I'm the primary account holder; my husband is a secondary cardholder"]}
    text = "For changes like this we need the main account holder, so could your husband hop on the chat to confirm?"
    assert findings(text, ctx, channel="chat", rule="stereotyping.account_holder")
    assert findings("We'll need your wife's signature on the form.", rule="stereotyping.account_holder")
    # the customer said that person holds the account; a partner merely mentioned is not sent for
    holder = {"stated_preferences": ["My wife is the main account holder"]}
    assert findings("We'll need your wife's signature on the form.", holder, rule="stereotyping.account_holder") == []
    assert findings("Your husband can call us too.", rule="stereotyping.account_holder") == []


@pytest.mark.parametrize(
    "text",
    [
        "And don't worry, we know you Nigerians are always fashionably late.",
        "Everyone knows Muslim households can never have too much mutton on the table.",
        "We all know how savvy Jewish families are with money, so you'll love this.",
        "Y'all in Texas know your brisket, so we've stocked up on antacids.",
        "Weekdays are mom's territory and dads are better at the weekend splash-about.",
        "New dads run on coffee and very little sleep.",
        "Given your age, we'll spare you the app and read it out slowly.",
        "Heyyy gorgeous mama!! New PJ sets for you and your mini-me.",
    ],
)
def test_claims_about_a_group_the_customer_may_belong_to(text: str) -> None:
    assert [f for f in findings(text) if f.category == "stereotyping" and f.severity >= 2], text


def test_a_group_claim_stands_even_when_the_customer_named_the_group() -> None:
    ctx = {"stated_preferences": ["I'm Nigerian and I miss home cooking"]}
    assert findings("We know you Nigerians are always late.", ctx, rule="stereotyping.group_claim")
    assert findings("You told us you're Nigerian, so here's jollof night.", ctx, rule="stereotyping.group_claim") == []


def test_the_customers_own_name_is_no_demonym() -> None:
    ctx = {"name": {"first": "Johan", "last": "Steyn"}, "region": "Johannesburg"}
    assert findings("Hi Johan, our Kruger weekend leaves on Friday.", ctx, rule="stereotyping.regional") == []
    assert findings("Hey Joburger, our Kruger weekend leaves on Friday.", ctx, rule="stereotyping.regional")


@pytest.mark.parametrize(
    ("detail", "channel", "checked"),
    [
        ("Caller number matches account; caller entered the account PIN successfully", "ivr", True),
        ("caller has not entered the PIN", "ivr", False),
        # a booking reference or date of birth keyed in is a check too
        ("caller entered booking reference and surname", "ivr", True),
        # the PIN described at length
        ("caller ID matches phone on file; caller entered the correct 4-digit telephone PIN", "ivr", True),
        # a chat inside the customer's own account
        ("logged in to My Riverbend", "chat", True),
        ("visitor not logged in", "chat", False),
    ],
)
def test_a_caller_who_entered_the_pin_is_checked(detail: str, channel: str, checked: bool) -> None:
    body = "Welcome back, Mr. Haddad. Our records show a past-due balance on the account ending 3390."
    ctx = {
        "name": {"first": "Samir", "last": "Haddad"},
        "salutation": "Mr.",
        "observed_signals": [{"kind": "caller_id", "detail": detail, "days_ago": 0}],
    }
    assert (findings(body, ctx, channel=channel, rule="stereotyping.account_holder") == []) is checked


def test_technology_put_to_an_older_customer_as_a_struggle() -> None:
    older, younger = {"age_band": "65-74"}, {"age_band": "25-34"}
    for text in [
        "We know smartphones can feel like more hassle than they're worth, so here's a big-button handset.",
        "At your stage of career, learning new systems can feel daunting, so these roles run on Sage.",
        "We've set this call up to go a little slower for you.",
        "Since you'd rather skip the app, our phone team can set up autopay in about five minutes.",
    ]:
        assert findings(text, older, rule="stereotyping.assumed_need"), text
        assert findings(text, younger, rule="stereotyping.assumed_need") == [], text


def test_a_places_people_addressed_as_a_type() -> None:
    ctx = {"region": "Boston, MA"}
    assert findings("Boston drivers, we know you treat turn signals as optional.", ctx, rule="stereotyping.regional")
    assert findings("Boston drivers: our new Back Bay garage opens Monday.", ctx, rule="stereotyping.regional") == []


def test_interests_coded_by_age_unless_the_customer_showed_them() -> None:
    older = {"age_band": "60-64"}
    assert findings(
        "As you head into retirement, look at where your savings sit.", older, rule="stereotyping.coded_interest"
    )
    retiring = {**older, "stated_preferences": ["Retiring in June, would like help with savings"]}
    assert (
        findings("As you head into retirement, look at your savings.", retiring, rule="stereotyping.coded_interest")
        == []
    )
    assert findings("Our class is easy on the joints.", {"age_band": "65-74"}, rule="stereotyping.coded_interest")
    gentle = {"age_band": "65-74", "stated_preferences": ["looking for gentle, low-impact classes"]}
    assert findings("Our class is easy on the joints.", gentle, rule="stereotyping.coded_interest") == []
    young_man = {"age_band": "18-24", "gender": "male"}
    assert findings(
        "Summer's coming. Time to get huge: 3 months for £99.", young_man, rule="stereotyping.coded_interest"
    )


def test_a_brand_signing_off_in_its_own_trade_and_interests_the_customer_showed() -> None:
    woman = {"gender": "female", "age_band": "25-34"}
    signed = "Swap any meal in two taps.\n\nHappy cooking,\nSprout & Stem\nUnsubscribe"
    assert findings(signed, woman, rule="stereotyping.coded_interest") == []
    assert findings("Our new range makes cooking a breeze: 20% off.", woman, rule="stereotyping.coded_interest")
    fan = {"gender": "male", "stated_preferences": ["Chiefs season ticket holder, Section 118"]}
    assert findings("Game day, Jamal! Order ahead to Section 118.", fan, rule="stereotyping.coded_interest") == []
    assert findings("Game day, Jamal! Order ahead.", {"gender": "male"}, rule="stereotyping.coded_interest")


def test_a_demonym_the_customer_used_of_themselves() -> None:
    text = "Hey Texan, fire up the barbecue!"
    own = {"region": "Houston, Texas", "stated_preferences": ["born-and-bred Texan and proud of it"]}
    assert findings(text, own, rule="stereotyping.regional") == []
    assert findings(
        text, {"region": "Houston, TX", "stated_preferences": ["I love brisket"]}, rule="stereotyping.regional"
    )


def test_a_booking_notice_that_sells_nothing_picks_no_interest() -> None:
    older = {"age_band": "65-74"}
    notice = "Thanks for booking with Tidewell Hearing. Please bring your current hearing aids, if you wear them."
    assert findings(notice, older, rule="stereotyping.coded_interest") == []
    assert findings("New season, new you: 20% off hearing aids this week.", older, rule="stereotyping.coded_interest")


def test_the_reader_put_with_children_they_never_mentioned() -> None:
    text = "Our two-bed flats have room for you and the kids at weekends."
    assert findings(text, {"gender": "male"}, rule="stereotyping.household")
    said = {"stated_preferences": ["I have my two kids at weekends"]}
    assert findings(text, said, rule="stereotyping.household") == []
    assert findings("Kids eat free with every adult main this half term.", {}, rule="stereotyping.household") == []


def test_goods_sold_for_an_age_the_customer_never_asked_about() -> None:
    older = {"age_band": "55-64", "purchases": [{"category": "protein bars"}]}
    sms = "Carter's Chemist: new & picked for you – hair-loss shampoo and reading glasses, 2 for £15 this week."
    assert findings(sms, older, channel="sms", rule="stereotyping.coded_interest")
    bought = {"age_band": "55-64", "purchases": [{"category": "reading glasses"}, {"category": "hair-loss shampoo"}]}
    assert findings(sms, bought, channel="sms", rule="stereotyping.coded_interest") == []
    young = {"age_band": "25-34"}
    assert findings(sms, young, channel="sms", rule="stereotyping.coded_interest") == []


def test_who_a_gift_or_a_feature_is_for_is_not_who_is_addressed() -> None:
    guide = "The June gift guide: for dads, grads and everyone in between."
    assert findings(guide, {}, rule="stereotyping.household") == []
    assert findings(guide, {}, rule="stereotyping.group_address") == []
    plan = "Perfect for the whole family, from bedtime stories for little ones to stretch routines for grandparents."
    assert findings(plan, {}, rule="stereotyping.household") == []
    assert findings("Dads, this one's for you: 20% off grills.", {}, rule="stereotyping.group_address")


def test_a_baby_on_the_way_the_customer_told_us_about() -> None:
    text = "Congratulations! Here is what your plan covers for your baby's birth."
    said = {"stated_preferences": ["I'm due in October and want to know what my plan covers for the birth"]}
    assert findings(text, said, rule="stereotyping.household") == []
    assert findings(text, {}, rule="stereotyping.household")


def test_a_stated_role_may_not_decide_the_customers_tastes() -> None:
    said = {"stated_preferences": ["I'm a Muslim woman and my faith matters to me"]}
    text = "As a Muslim woman, you'll naturally want a traditional man who expects you to keep the home."
    (f,) = findings(text, said, rule="stereotyping.role_claim")
    assert f.severity >= 3
    (g,) = findings("As a Muslim woman, here are profiles who share your faith.", said, rule="stereotyping.role_claim")
    assert g.severity == 1


def test_joints_picked_for_an_older_customer() -> None:
    text = "Your knees will thank you: chair yoga on Tuesdays and aqua aerobics on Thursdays."
    assert findings(text, {"age_band": "65-74"}, rule="stereotyping.coded_interest")
    assert (
        findings(
            text,
            {"age_band": "65-74", "stated_preferences": ["low-impact classes please, bad knees"]},
            rule="stereotyping.coded_interest",
        )
        == []
    )


def test_a_place_people_greeting_and_generalisations_about_the_place() -> None:
    rule = "stereotyping.regional"
    assert findings("Hey Texan, fire up the barbecue: brisket season is here.", {"region": "Austin"}, rule=rule)
    assert findings("Hey Texan, fire up the barbecue.", {}, rule=rule) == []  # no region on file
    down_here = "Down here, everybody lives for Saturday football and sweet tea, so we built the range around it."
    assert [f.severity for f in findings(down_here, {"region": "Alabama"}, rule=rule)] == [3]
    church = "We know folks in Mississippi are in church every Sunday morning, so load it up on Saturday."
    assert findings(church, {"region": "Mississippi"}, rule=rule)
    assert findings("Folks in Mississippi are in for a treat: our store opens Friday.", {"region": "Mississippi"}) == []
    assert findings("Down here, everybody is welcome at our Friday tastings.", {"region": "Alabama"}, rule=rule) == []


def test_the_customers_name_called_hard_to_say() -> None:
    rule = "stereotyping.assumed_origin"
    text = "I'll just call you Sam, if that's OK: it's a lot easier to say than Oluwaseun."
    assert findings(text, {}, channel="chat", rule=rule)
    assert findings("Your surname is quite a mouthful, so we've shortened it on the card.", {}, rule=rule)
    assert findings("Our new app is easier to use than ever.", {}, rule=rule) == []


def test_age_named_as_the_reason_and_the_calling_number_taken_for_the_person() -> None:
    assert findings("Because you're over seventy, we've switched you to the simplified menu.", rule="stereotyping.age")
    assert findings("Sorry, we know phones aren't your thing.", rule="stereotyping.age")
    assert findings("Because you're over 18, you can join the loyalty club.", rule="stereotyping.age") == []
    signed_in = "We recognised your number, so you're already signed in. Your balance is $2,314.07."
    assert findings(signed_in, channel="ivr", rule="stereotyping.account_holder")
    seen = "I can see you're calling from the mobile number on your account, so there's no need for security questions."
    assert findings(seen, channel="ivr", rule="stereotyping.account_holder")
    checked = "We recognise the number you're calling from, but for your security we still need to confirm it's you."
    assert findings(checked, channel="ivr", rule="stereotyping.account_holder") == []


def test_a_call_the_company_placed_names_whom_it_is_for() -> None:
    ctx = {"name": {"first": "Rosa", "last": "Alvarez"}, "salutation": "Mrs."}
    placed = "Good afternoon, Mrs. Alvarez. This is Calloway Bank with a reminder that your payment is due on the 18th."
    assert findings(placed, ctx, channel="ivr", rule="stereotyping.account_holder") == []
    answered = "Thanks for calling Calloway Bank. Good afternoon, Mrs. Alvarez, your payment is due on the 18th."
    assert findings(answered, ctx, channel="ivr", rule="stereotyping.account_holder")


@pytest.mark.parametrize(
    ("detail", "flagged"),
    [
        ("chat visitor not signed in; matched to this account only by a device cookie", True),
        ("chat opened from the public website widget, visitor not signed in", True),
        ("signed in to the app; passed two-step verification", False),
    ],
)
def test_a_chat_visitor_nobody_identified_greeted_as_the_holder(detail: str, flagged: bool) -> None:
    ctx = {"name": {"first": "Daniel"}, "observed_signals": [{"kind": "browsing", "detail": detail}]}
    body = "Hi Daniel! I can see your recliner order; it's booked for delivery to your home on Thursday."
    assert bool(findings(body, ctx, channel="chat", rule="stereotyping.account_holder")) is flagged


@pytest.mark.parametrize(
    "text",
    [
        "You keep the whole family fed, week in, week out, so let us do the chopping.",
        "Keep the hungry men in your life happy with our hearty pies.",
        "You might want to run it past your parents first, since they're probably the ones paying the bill!",
        "Quick question first: is your mum or dad the one paying for this plan?",
    ],
)
def test_the_family_cook_or_a_paying_parent_assumed(text: str) -> None:
    assert findings(text, {"gender": "female", "age_band": "18-24"}, rule="stereotyping.household")


def test_the_family_cook_the_customer_said_she_is_stays_quiet() -> None:
    ctx = {"stated_preferences": ["I do all the cooking for my husband and our three kids"]}
    assert (
        findings("You keep the whole family fed, so let us do the chopping.", ctx, rule="stereotyping.household") == []
    )


def test_a_caller_who_asked_to_be_greeted_by_name_is_greeted() -> None:
    text = "Welcome back, Daniel. Your next payment of 42 dollars is due on March 14th. To pay now, press 1."
    signal = {"kind": "caller_id", "detail": "personal mobile registered to the account holder", "days_ago": 0}
    asked = {"name": {"first": "Daniel"}, "observed_signals": [signal]}
    assert findings(text, asked, channel="ivr", rule="stereotyping.account_holder")
    asked["stated_preferences"] = ["This mobile is mine alone - greet me by name when I call"]
    assert findings(text, asked, channel="ivr", rule="stereotyping.account_holder") == []


def test_a_range_picked_by_the_gender_field_over_the_customers_own_shopping() -> None:
    text = "New in the men's shop: relaxed oxford shirts in 6 colours."
    shops_womens = {"gender": "male", "purchases": [{"category": "womenswear_dresses", "days_ago": 20}]}
    (f,) = findings(text, shops_womens, rule="stereotyping.segment_guess")
    assert f.quote == "men's shop"
    said_mens = {"gender": "female", "stated_preferences": ["I usually shop the men's section, size S"]}
    assert findings(text, said_mens, rule="stereotyping.segment_guess") == []
    assert findings(text, {"gender": "male"}, rule="stereotyping.segment_guess") == []


def test_a_caller_not_been_verified_or_a_relative_typing_is_not_the_holder() -> None:
    unverified = {"kind": "caller_id", "detail": "inbound number matches account; caller has not been verified"}
    ctx = {"name": {"first": "Folake", "last": "Adeyemi"}, "observed_signals": [{**unverified, "days_ago": 0}]}
    ivr = "Thank you, Ms. Adeyemi. Your next bill of 79 dollars is due on the 21st."
    assert findings(ivr, ctx, channel="ivr", rule="stereotyping.account_holder")
    verified = {
        "kind": "caller_id",
        "detail": "inbound number matches account; caller has been verified",
        "days_ago": 0,
    }
    ctx["observed_signals"] = [verified]
    assert findings(ivr, ctx, channel="ivr", rule="stereotyping.account_holder") == []
    topic = "Chat opened by Ngozi, the account holder's daughter, asking to change her mum's plan"
    chat = {"name": {"first": "Grace", "last": "Okafor"}, "support": {"open_case": True, "topic": topic}}
    reply = "Thanks so much, Mrs Okafor, that's all done for you."
    assert findings(reply, chat, channel="chat", rule="stereotyping.account_holder")


def test_reading_the_matched_record_leans_on_the_number_greeting_by_name_claims_the_holder() -> None:
    ctx = {
        "name": {"first": "Maria", "last": "Lopez"},
        "observed_signals": [{"kind": "caller_id", "detail": "number matches account", "days_ago": 0}],
    }
    (record,) = findings(
        "Thanks for calling. Your order is due tomorrow between 8 and 12.",
        ctx,
        channel="ivr",
        rule="stereotyping.account_holder",
    )
    assert record.severity == 1
    (named,) = findings(
        "Hello Maria, your order is due tomorrow.", ctx, channel="ivr", rule="stereotyping.account_holder"
    )
    assert named.severity == 2


@pytest.mark.parametrize(
    "text",
    [
        "Meet Jen, our head buyer. She's a mum of two, and she swears the school run got easier with this bag.",
        'This month\'s staff pick comes from Amara: "The Halden works with trainers and heels."',
    ],
)
def test_a_coded_interest_in_someone_elses_life_or_words_is_not_picked_for_the_reader(text: str) -> None:
    assert findings(text, {"gender": "female", "age_band": "35-44"}, rule="stereotyping.coded_interest") == []


def test_a_coded_interest_put_to_the_reader_still_fires() -> None:
    text = "Your school run just got easier with our Trailfold backpack."
    assert findings(text, {"gender": "female", "age_band": "35-44"}, rule="stereotyping.coded_interest")


def test_a_group_address_in_the_customers_own_words_for_their_group() -> None:
    ctx = {"stated_preferences": ["I host the guys for football every Sunday, send me game day deals"]}
    assert findings("Game day, fellas! Wings are 2-for-1.", ctx, rule="stereotyping.gendered_address") == []
    assert findings("Game day, fellas! Wings are 2-for-1.", {}, rule="stereotyping.gendered_address")
    # a parent's "my boys" are children: no excuse for "guys"
    boys = {"stated_preferences": ["My boys play football on Saturdays"]}
    assert findings("Game day, guys! Wings are 2-for-1.", boys, rule="stereotyping.gendered_address")


def test_a_phone_menu_option_for_every_caller_decides_nothing_from_age() -> None:
    ctx = {"age_band": "75+"}
    menu = "To hear these options again, press star. To have them read more slowly, press 9."
    assert findings(menu, ctx, channel="ivr", rule="stereotyping.assumed_need") == []
    assert findings("We'll read this more slowly for you.", ctx, channel="ivr", rule="stereotyping.assumed_need")


def test_gamers_like_you_is_picked_from_gender_or_age_unless_the_customer_games() -> None:
    body = "Gamers like you will want the Nova X Pro."
    young_man = {"gender": "male", "age_band": "18-24", "purchases": [{"category": "phone contract", "days_ago": 700}]}
    assert findings(body, young_man, rule="stereotyping.coded_interest")
    gamer = {**young_man, "stated_preferences": ["I game online most nights and need low ping"]}
    assert findings(body, gamer, rule="stereotyping.coded_interest") == []


def test_a_gendered_night_out_is_picked_by_gender() -> None:
    assert findings("Girls' night in? Rosé 3 for $30.", {"gender": "female"}, channel="sms", rule="stereotyping")
    assert findings("Date night in? Rosé 3 for $30.", {"gender": "female"}, channel="sms", rule="stereotyping") == []


def test_money_trouble_read_off_an_age_unless_the_customer_said_so() -> None:
    body = "Ramen budget? We get it. Our Student Saver plan is just $15/mo."
    young = {"age_band": "18-24", "purchases": [{"category": "premium unlimited plan", "days_ago": 31}]}
    assert findings(body, young, channel="push", rule="stereotyping.coded_interest")
    student = {"age_band": "18-24", "stated_preferences": ["I'm a student on a tight budget"]}
    assert findings(body, student, channel="push", rule="stereotyping.coded_interest") == []


@pytest.mark.parametrize(
    ("body", "quote", "rewritten"),
    [
        ("Date night, sorted. Book a slot for you two.", "for you two", "Date night, sorted. Book a slot for you."),
        (
            "The kids have flown the nest: finally time for the two of you.",
            "for the two of you",
            "The kids have flown the nest: finally time for you.",
        ),
        (
            "Our uniform bundles make the kids' first week easy.",
            "the kids'",
            "Our uniform bundles make the whole family's first week easy.",
        ),
        ("Want a second line for the kids?", "the kids", "Want a second line for the whole family?"),
        ("Decorating for the little ones too?", "the little ones", "Decorating for the whole family too?"),
        ("The kids will love it.", "The kids", "The whole family will love it."),
    ],
)
def test_a_household_assumed_is_replaced_by_everyone_it_could_be(body: str, quote: str, rewritten: str) -> None:
    (f,) = findings(body, {}, rule="stereotyping.household")
    assert f.quote == quote
    assert body[: f.start] + f.suggestion + body[f.end :] == rewritten


def test_a_household_the_customer_told_us_of_or_a_baby_on_the_way_is_no_assumption() -> None:
    told = {"stated_preferences": ["planning a spa day with my husband"]}
    assert findings("Book a slot for you two.", told, rule="stereotyping.household") == []
    kids = {"stated_preferences": ["two kids starting school in September"]}
    assert findings("Our bundles make the kids' first week easy.", kids, rule="stereotyping.household") == []
    bump = "Congratulations! Our Bump & Beyond box is something special for you two."
    assert findings(bump, {}, rule="stereotyping.household") == []


@pytest.mark.parametrize(
    ("body", "region", "quote"),
    [
        ("Heatherglow: Och, it's baltic oot there! Get your boiler serviced, just £69.", "Glasgow", "Och"),
        ("Ey up! Cricket's back at Headingley. Tickets from £25.", "Leeds", "Ey up"),
        ("Howdy from Tessel! Saddle up, partner: unlimited 5G is $35/mo this week.", "Texas", "Saddle up"),
        ("Howdy, Jolene! Time to dust off your boots: our Western range is in.", "Austin, TX", "dust off your boots"),
    ],
)
def test_a_dialect_put_on_for_the_region_on_file(body: str, region: str, quote: str) -> None:
    fs = findings(body, {"region": region}, channel="sms", rule="stereotyping.regional")
    assert quote in [f.quote for f in fs]


def test_a_dialect_elsewhere_in_an_agents_own_voice_or_in_the_customers_words_is_not_put_on() -> None:
    body = "Och, it's baltic oot there! Get your boiler serviced, just £69."
    assert findings(body, {"region": "Bristol"}, channel="sms", rule="stereotyping.regional") == []
    chat = "Aye, nae bother, Kirsty. I've cancelled that direct debit for you."
    assert findings(chat, {"region": "Stirling"}, channel="chat", rule="stereotyping.regional") == []
    boots = {"region": "Texas", "stated_preferences": ["Line dancing every Friday - I need boots that keep up"]}
    told = "Howdy, Jolene! Time to dust off your boots: our Western range just landed."
    assert findings(told, boots, channel="email", rule="stereotyping.regional") == []
    york = "Ey up! Our Brooklyn store opens Saturday."
    assert findings(york, {"region": "New York"}, channel="sms", rule="stereotyping.regional") == []


def test_mums_taxi_casts_the_customer_as_a_parent() -> None:
    assert findings("Mum's taxi service running again this week? Fuel up for less.", {}, rule="stereotyping.household")
    kids = {"stated_preferences": ["I drive my two kids to football every Saturday"]}
    assert findings("Mum's taxi service running again?", kids, rule="stereotyping.household") == []


def test_a_list_of_festivals_is_for_everyone() -> None:
    ctx = {"name": {"first": "Ayesha", "last": "Siddiqui"}}
    listed = "Eid, Diwali, Christmas or just a cold Tuesday: our gift cards work for every occasion."
    assert findings(listed, ctx, channel="push", rule="stereotyping.assumed_culture") == []
    guessed = {**ctx, "inferred_attributes": [{"attribute": "religion: Muslim", "source": "name_analysis"}]}
    assert findings("Eid Mubarak, Ayesha! Our Eid gift cards are here.", guessed, rule="stereotyping.assumed_culture")


def test_simple_controls_the_customer_asked_for_are_no_age_stereotype() -> None:
    asked = {"age_band": "75-84", "stated_preferences": ["Next phone needs big buttons and a simple screen"]}
    body = "The Clarity 5 has big buttons, so there are no fiddly menus to learn."
    assert findings(body, asked, rule="stereotyping.age") == []
    assert findings(body, {"age_band": "75-84"}, rule="stereotyping.age")


def test_a_faiths_weekly_greeting_presumes_the_faith() -> None:
    body = "Blessed Sunday, Grace 🙏 Start your week with 15% off worship playlists."
    assert findings(body, {"region": "Alabama"}, channel="push", rule="stereotyping.assumed_culture")
    choir = {"region": "Alabama", "stated_preferences": ["I sing in my church choir"]}
    assert findings(body, choir, channel="push", rule="stereotyping.assumed_culture") == []


def test_picks_pulled_together_for_a_retiree_decide_their_needs_from_age() -> None:
    body = (
        "You've recently retired, so we've pulled together some picks for this new chapter: large-print editions "
        "and gentle mysteries to ease you into slower days."
    )
    quotes = [f.quote for f in findings(body, {"age_band": "65-74"}, rule="stereotyping.assumed_need")]
    assert "large-print" in quotes and "ease you into slower days" in quotes
    assert findings(body, {"age_band": "35-44"}, rule="stereotyping.assumed_need") == []
    asked = {"age_band": "65-74", "stated_preferences": ["I prefer large print these days"]}
    assert findings(body, asked, rule="stereotyping.assumed_need") == []


@pytest.mark.parametrize(
    ("body", "locale", "fires"),
    [
        ("As an Italian, you'll know good coffee when you taste it.", "it-IT", True),
        ("Hey Mexican! Missing home?", "es-MX", True),
        ("Try our Italian roast: rich and dark.", "it-IT", False),  # an adjective, not the reader
        ("As an Italian, you'll know good coffee when you taste it.", "en-GB", False),
    ],
)
def test_the_reader_typed_by_the_country_of_any_locale(body: str, locale: str, fires: bool) -> None:
    assert bool(findings(body, {"locale": locale}, rule="stereotyping.regional")) is fires


@pytest.mark.parametrize(
    ("body", "fires"),
    [
        ("Sorry, I didn't catch that. Please try again, speaking slowly in proper English.", True),
        ("Our agents sometimes struggle with a strong accent, so please press 1 instead.", True),
        ("Perfect your accent with ten minutes of speaking practice a day.", False),
        ("Sorry, I didn't catch that. Please try again, or press 1 for deliveries.", False),
    ],
)
def test_the_customer_s_speech_held_against_them(body: str, fires: bool) -> None:
    assert bool(findings(body, channel="ivr", rule="stereotyping.assumed_origin")) is fires


@pytest.mark.parametrize(
    ("body", "fires"),
    [
        ("It's perfect for keeping the kids' clubs and uniforms on track.", True),
        ("Budget for the kids' pocket money in one place.", True),
        ("The kids' club at the resort is open from 9 to 5.", False),  # the resort's club, not their children
    ],
)
def test_the_reader_s_children_assumed_through_their_activities(body: str, fires: bool) -> None:
    ctx = {"gender": "female", "age_band": "35-44"}
    assert bool(findings(body, ctx, rule="stereotyping.household")) is fires
    assert findings(body, {"stated_preferences": ["two kids, 7 and 10"]}, rule="stereotyping.household") == []


@pytest.mark.parametrize(
    ("body", "context", "fires"),
    [
        ("Ready to finally shift that belly? Your 12-week plan is waiting.", {}, True),
        ("Time to tackle that dad bod? Sessions run at 6:15 am.", {"gender": "male"}, True),
        ("Banish those bingo wings before summer with our arm workout.", {}, True),
        ("Shift that belly fat with our core programme.", {"stated_preferences": ["I want to lose belly fat"]}, False),
        ("Our belly dance classes start on Monday.", {}, False),
    ],
)
def test_the_reader_s_body_named_as_a_problem(body: str, context: dict[str, object], fires: bool) -> None:
    assert bool(findings(body, context, rule="stereotyping.body")) is fires


@pytest.mark.parametrize(
    ("body", "context", "fires"),
    [
        ("As a proud Irishwoman, you'll want a pint in hand by noon.", {}, True),
        ("As a proud Irishwoman, you'll want a pint in hand by noon.", {"stated_preferences": ["I'm Irish"]}, False),
        ("As a British Gas customer, you can switch online.", {}, False),
        ("As a German company, we take precision seriously.", {}, False),
    ],
)
def test_the_reader_addressed_as_one_of_a_nation(body: str, context: dict[str, object], fires: bool) -> None:
    assert bool(findings(body, context, rule="stereotyping.assumed_origin")) is fires


@pytest.mark.parametrize(
    ("body", "context", "fires"),
    [
        ("Ciao Luca,\n\nOur spring roast is here.", {"locale": "en-GB"}, True),
        # the customer used the greeting themselves
        ("Ciao Luca,\n\nOur spring roast is here.", {"stated_preferences": ["happy for you to say ciao"]}, False),
        # a name, not a greeting opening a line
        ("If you have a minute, rate your crew. Pete, Ola and Ray read every comment.", {"locale": "en-GB"}, False),
        ("We have contacted Rabbi Feldman at Beth Shalom, as you asked.", {"locale": "en-GB"}, False),
    ],
)
def test_a_greeting_in_another_language_opens_a_line_and_was_not_the_customer_s(
    body: str, context: dict[str, object], fires: bool
) -> None:
    assert bool(findings(body, context, rule="stereotyping.assumed_culture")) is fires


def test_a_list_of_everyone_welcome_addresses_no_one_by_gender() -> None:
    welcome = "Free workshops for children. Mums, dads, grandparents and carers are all welcome to join in."
    assert findings(welcome, rule="stereotyping.group_address") == []
    assert findings("Hey mums, this one's for you: 20% off candles.", rule="stereotyping.group_address")


def test_a_disability_the_customer_never_stated_is_a_role_claimed() -> None:
    text = "As a wheelchair user, you'll be glad to hear every floor is now step-free."
    assert findings(text, rule="stereotyping.role_claim")
    stated = {"stated_preferences": ["I use a wheelchair, please tell me which stores are accessible"]}
    assert all(f.severity < 2 for f in findings(text, stated, rule="stereotyping.role_claim"))


def test_speaking_of_the_account_to_a_caller_who_failed_the_check_assumes_the_holder() -> None:
    body = "Thank you. The available balance on your current account ending 4417 is one thousand and six pounds."
    failed = "withheld number; passcode step skipped after two failed attempts"
    ctx = {"observed_signals": [{"kind": "caller_id", "detail": failed}]}
    (f,) = findings(body, ctx, channel="ivr", rule="stereotyping.account_holder")
    assert f.severity == 2
    matched = {"observed_signals": [{"kind": "caller_id", "detail": "number matches account holder"}]}
    assert [f.severity for f in findings(body, matched, channel="ivr", rule="stereotyping.account_holder")] == [1]
    passed = {"observed_signals": [{"kind": "caller_id", "detail": "registered mobile; passed PIN check"}]}
    assert findings(body, passed, channel="ivr", rule="stereotyping.account_holder") == []


def test_a_guides_list_line_for_dads_and_an_open_door_for_dads_do_not_address_the_reader() -> None:
    guide = "A few favourites:\n• For dads who'd rather be in the kitchen: Knife Skills (£39)\n• For gardeners"
    assert findings(guide, rule="stereotyping.household") == []
    assert findings("For dads who never stop: our new protein range.", rule="stereotyping.household")
    welcome = "The class covers the whelping box. Dads, partners and teenage helpers are all welcome."
    assert findings(welcome, rule="stereotyping.group_address") == []
    assert findings("Dads, this one is for you: the new grill is here.", rule="stereotyping.group_address")


def test_a_group_of_one_nation_said_to_be_alike_and_an_origin_read_off_a_surname() -> None:
    body = "Our Polish members always bring the best food and the strongest vodka, so we're counting on you!"
    assert findings(body, rule="stereotyping.assumed_origin")
    assert findings("Since your surname is Vietnamese, I've switched your letters.", rule="stereotyping.assumed_origin")
    told = {"stated_preferences": ["I'm Polish, happy to bring pierogi"]}
    assert findings(body, told, rule="stereotyping.assumed_origin") == []
    assert findings("Our Polish members' league starts in May.", rule="stereotyping.assumed_origin") == []


def test_the_body_held_up_to_others_eyes_is_a_jab() -> None:
    body = "Let's be honest: nobody wants to see a muffin top at the pool. Join the Shred Challenge."
    assert findings(body, rule="stereotyping.body")
    goal = {"stated_preferences": ["I want to lose my belly fat before the holiday"]}
    assert findings(body, goal, rule="stereotyping.body") == []


def test_the_number_or_a_name_taken_as_proof_assumes_the_holder() -> None:
    guest = {"support": {"open_case": False, "topic": "guest web chat, not signed in"}}
    chat = "Thanks for sending your name and mobile number, that's enough for me to pull the account up."
    assert findings(chat, guest, channel="chat", rule="stereotyping.account_holder")
    checked = "Thanks. To pull the account up I'll need the one-time code we just texted you."
    assert findings(checked, guest, channel="chat", rule="stereotyping.account_holder") == []
    matched = {"observed_signals": [{"kind": "caller_id", "detail": "inbound number matches member phone"}]}
    ivr = "Thanks for calling. I've found the member record linked to this phone number."
    assert findings(ivr, matched, channel="ivr", rule="stereotyping.account_holder")


def test_a_text_from_a_number_not_on_file_answered_as_the_holder() -> None:
    other = {
        "name": {"first": "Jordan"},
        "observed_signals": [{"kind": "caller_id", "detail": "text from +15125550198, not the number on file"}],
    }
    body = "Hi Jordan! Yes, your balance is $143.60, due 5/22. Reply PAY to pay now."
    assert findings(body, other, channel="sms", rule="stereotyping.account_holder")
    own = {"name": {"first": "Jordan"}, "observed_signals": [{"kind": "caller_id", "detail": "number on file"}]}
    assert findings(body, own, channel="sms", rule="stereotyping.account_holder") == []


def test_an_interest_in_the_senders_name_under_the_sign_off_is_the_brand() -> None:
    man = {"gender": "male", "age_band": "55-64"}
    body = "The Annual Dinner is back on 22 November.\n\nSee you there,\nRidgeway Golf Club Social Committee\n"
    assert findings(body, man, rule="stereotyping.coded_interest") == []
    pitch = "Tee off this spring: golf lessons for men, 20% off.\n\nSee you there,\nRidgeway Leisure\n"
    assert findings(pitch, man, rule="stereotyping.coded_interest")


@pytest.mark.parametrize(
    "body",
    [
        "Dear Parent/Carer,\nSports day is on Friday. Please send your child in PE kit with a named water bottle.",
        "Larkfield Primary: a case of chickenpox has been reported in Year 1. Please keep an eye on your child.",
        "Thanks for calling the St Mary's C of E School absence line. Please leave your child's name and class.",
    ],
)
def test_a_school_writing_to_the_parents_on_its_roll_assumes_no_child(body: str) -> None:
    assert findings(body, {}, rule="stereotyping.household") == []


@pytest.mark.parametrize(
    "body",
    [
        "Back to school! Everything your kids need, from Larkfield School Uniforms to lunchboxes, 20% off.",
        "Our new range is here: treat your child to a Brightwood Academy-style blazer for less.",
        "Hi Sam, school's back! Stock up on snacks your kids will love.",
        "Ready for September? Our bundles make the kids' first week easy.\n\nBrindle School Outfitters",
    ],
)
def test_a_shop_selling_for_school_still_assumes_the_child(body: str) -> None:
    assert findings(body, {}, rule="stereotyping.household")


def test_the_reader_counted_among_other_dads_or_mums_is_cast_in_the_role() -> None:
    body = "Congratulations! Here are the things other dads told us made night feeds easier."
    assert findings(body, {"gender": "male"}, rule="stereotyping.household")
    told = {"gender": "male", "stated_preferences": ["New dad here, our son arrived in May"]}
    assert findings(body, told, rule="stereotyping.household") == []
    neutral = "Here are the things other parents-to-be told us they swear by."
    assert findings(neutral, {}, rule="stereotyping.household") == []


@pytest.mark.parametrize(
    "body",
    [
        "As you get ready to retire, it's worth a look at how your savings will turn into income.",
        "As retirement approaches, our advisers can help you plan a steady monthly income.",
        "Your upcoming retirement is a good moment to review your pension.",
        "Now that your working days are behind you, the calendar finally belongs to you.",
        "Now that you've stopped working, why not learn Italian?",
        "Retirement is the perfect season to finally pick up a brush.",
        "Make the most of your retirement with a weekday watercolour class.",
    ],
)
def test_retirement_read_off_the_age_band_is_a_life_stage_assumed(body: str) -> None:
    assert findings(body, {"age_band": "55-64"}, rule="stereotyping")
    told = {"age_band": "55-64", "stated_preferences": ["Retiring next spring, want help planning income"]}
    assert findings(body, told, rule="stereotyping") == []
    assert findings("Our retirement planning sessions are free for every customer.", {"age_band": "55-64"}) == []


def test_a_pet_name_after_a_word_of_comfort_talks_down_to_an_older_customer() -> None:
    older = {"age_band": "65+", "gender": "female"}
    (f,) = findings("Aw no worries sweetie, these things happen!", older, channel="chat", rule="stereotyping")
    assert f.quote == "sweetie"
    assert findings("Thanks love, that's all sorted now.", older, channel="chat", rule="stereotyping.elderspeak")
    assert findings("No worries, we love hearing from you.", older, channel="chat", rule="stereotyping") == []


def test_a_pronoun_the_customer_did_not_state() -> None:
    they = {"name": {"first": "Ria"}, "pronouns": "they/them", "gender": "female"}
    note = "'Ria thinks you'll love Ridgeway, and she's sent you £10 off your first bag.'"
    (found,) = findings(note, they, rule="stereotyping.pronouns")
    assert (found.quote, found.suggestion, found.severity) == ("she's", "Ria's", 3)
    assert (
        findings("Ria thinks you'll love it, and they've sent you £10 off.", they, rule="stereotyping.pronouns") == []
    )
    # the pronoun of someone else named as the subject in between
    assert findings("Ria, Jordan says she loves the beans.", they, rule="stereotyping.pronouns") == []
    # the customer's own, and no pronouns stated
    her = {"name": {"first": "Ria"}, "pronouns": "she/her"}
    assert findings(note, her, rule="stereotyping.pronouns") == []
    assert findings(note, {"name": {"first": "Ria"}, "gender": "female"}, rule="stereotyping.pronouns") == []


def test_words_any_sentence_shares_do_not_excuse_a_jab() -> None:
    asked = {"stated_preferences": ["I lost my debit card, can I get a new one?"]}
    jab = "Honestly, you young ones never carry cash anyway, so here's our Contactless Plus card."
    assert findings(jab, asked, channel="chat", rule="stereotyping.age")
    said = {"stated_preferences": ["I'm 78 and the young ones at the branch are lovely"]}
    assert findings(jab, said, channel="chat", rule="stereotyping.age") == []


def test_an_address_the_customer_asked_for_in_their_own_words_is_stated() -> None:
    letter = "Dear Mr. and Mrs. Patel,\nYour home insurance renews on 12 March."
    ctx = {"name": {"first": "Anita", "last": "Patel"}, "salutation": "Mrs."}
    asked = {**ctx, "stated_preferences": ["Joint policy with my husband, address letters to Mr. and Mrs. Patel"]}
    assert findings(letter, asked, rule="stereotyping.honorific") == []
    assert findings(letter, ctx, rule="stereotyping.honorific")


def test_the_customers_own_word_for_their_group_is_no_assumption() -> None:
    push = "Kickoff's at 6, lads! Wings, nachos & 2-for-1 pitchers at Brickhouse Grill."
    said = {"gender": "male", "stated_preferences": ["Game-night deals please, me and the lads watch every Sunday"]}
    assert findings(push, said, channel="push", rule="stereotyping.group_address") == []
    assert findings(push, {"gender": "male"}, channel="push", rule="stereotyping.group_address")


@pytest.mark.parametrize(
    ("said", "flagged"),
    [
        ("Honeymoon for two adults, flying from Dallas, $2,000 max", False),
        ("Table for two on Friday please", False),
        ("Looking for a beach holiday in March, $2,000 max", True),
    ],
)
def test_two_of_you_where_the_customer_said_there_are_two(said: str, flagged: bool) -> None:
    chat = "With your $2,000 budget for the two of you, here are three all-inclusive options in Cancún."
    ctx = {"stated_preferences": [said]}
    assert bool(findings(chat, ctx, channel="chat", rule="stereotyping.household")) is flagged


def test_an_anniversary_says_there_is_a_partner_but_not_which() -> None:
    ctx = {"gender": "female", "stated_preferences": ["anniversary dinner here every 14 June"]}
    body = "We've held the corner table by the window for you and your husband."
    assert findings(body, ctx, rule="stereotyping.household")


def test_the_households_chores_put_on_the_reader_assume_a_role() -> None:
    body = "When you're the one who has to get dinner on the table every night, a plan helps."
    assert findings(body, {"gender": "female"}, rule="stereotyping.household")
    assert (
        findings("When dinner has to be on the table every night, a plan helps.", {}, rule="stereotyping.household")
        == []
    )


def test_a_chat_from_a_shared_tablet_whose_typist_is_unconfirmed_is_not_the_holder() -> None:
    case = "billing question typed from the family's shared tablet; the person chatting has not confirmed who they are"
    ctx = {"name": {"first": "Margaret"}, "support": {"open_case": True, "topic": case}}
    chat = "Hi Margaret! I can see your next payment of $142.18 goes out on the 3rd."
    assert findings(chat, ctx, channel="chat", rule="stereotyping.account_holder")
    known = {"name": {"first": "Margaret"}, "support": {"open_case": True, "topic": "billing question"}}
    assert findings(chat, known, channel="chat", rule="stereotyping.account_holder") == []


def test_an_assumed_partner_named_in_the_same_breath_goes_and_the_name_stays() -> None:
    sms = "Harbourline: your husband Mark now has a card on your account. Not you? Call 0800 555 0199"
    (found,) = findings(sms, {"gender": "female"}, channel="sms", rule="stereotyping.household")
    assert found.quote == "your husband" and found.suggestion == ""
    (gift,) = findings("Treat your husband to a spa day.", {"gender": "female"}, rule="stereotyping.household")
    assert gift.suggestion == "someone you love"


def test_technology_put_to_an_older_customer_as_confusing() -> None:
    chat = "No worries if the techy side of things is confusing! The router goes in the grey socket."
    assert findings(chat, {"age_band": "75+"}, channel="chat", rule="stereotyping.assumed_need")
    assert findings("The router goes in the grey socket.", {"age_band": "75+"}, channel="chat") == []


def test_the_holder_named_in_the_third_person_is_not_the_reader() -> None:
    ctx = {"name": {"first": "Kwame"}, "stated_preferences": ["My wife Gloria is the account holder; I'm authorised"]}
    said_of_her = (
        "Thanks, Kwame. I've switched the package, and Gloria will get a confirmation email as the account holder."
    )
    assert findings(said_of_her, ctx, channel="chat", rule="stereotyping.account_holder") == []
    told = "Thanks, Kwame. I've switched the package, and as the account holder you'll get a confirmation email."
    assert findings(told, ctx, channel="chat", rule="stereotyping.account_holder")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Dana is spending her first Christmas as a grandmother, and she's already bought the baby socks.", False),
        ("Marco says his first year as a dad has flown by.", False),
        ("As a grandmother, you'll love our new baby range.", True),
        ("Our chef's tip: as a busy mum, you'll want the quick recipes.", True),
    ],
)
def test_a_role_is_the_readers_only_when_said_of_them(text: str, flagged: bool) -> None:
    assert bool(findings(text, {}, rule="stereotyping.role_claim")) is flagged


@pytest.mark.parametrize(("salutation", "flagged"), [("Mr.", False), ("Ms.", True), (None, True)])
def test_sir_goes_with_a_stated_mr(salutation: str | None, flagged: bool) -> None:
    ctx = {"salutation": salutation, "name": {"first": "Oliver", "last": "Grant"}}
    text = "Dear Sir,\n\nYour credit card application has been approved."
    assert bool(findings(text, ctx, rule="stereotyping.honorific")) is flagged


@pytest.mark.parametrize(
    ("prefs", "flagged"), [(["Member of the Thursday women's run club"], False), (["running shoes"], True)]
)
def test_the_customers_own_group_may_be_addressed(prefs: list[str], flagged: bool) -> None:
    ctx = {"gender": "female", "stated_preferences": prefs}
    text = "Evening ladies!\n\nThursday's 5k leaves the shop at 6.30pm sharp."
    assert bool(findings(text, ctx, rule="stereotyping.group_address")) is flagged


@pytest.mark.parametrize(
    "text",
    [
        "Our Italian course moves at a gentle pace, with large-text mode already switched on for you.",
        "They say learning a language keeps the memory sharp in your later years.",
    ],
)
def test_decline_and_help_decided_from_age(text: str) -> None:
    assert findings(text, {"age_band": "65-74"}, rule="stereotyping.assumed_need")
    assert findings(text, {"age_band": "35-44"}, rule="stereotyping.assumed_need") == []


@pytest.mark.parametrize(
    ("prefs", "flagged"),
    [(["I'm 72 and new to smartphones - please keep instructions simple and in big print"], False), ([], True)],
)
def test_big_print_the_customer_asked_for_is_theirs(prefs: list[str], flagged: bool) -> None:
    ctx = {"age_band": "65-74", "stated_preferences": prefs, "consent": {"marketing_email": True}}
    text = "Our new large-type catalogue is out, 20% off this week."
    assert bool(findings(text, ctx, rule="stereotyping.life_stage")) is flagged


def test_a_word_inside_the_customers_own_quoted_card_is_no_address() -> None:
    quoted = "We've wrapped the crossword book and tucked in your card: 'Happy 80th, Grandpa! Love, K.'"
    assert findings(quoted, {}, rule="stereotyping.group_address") == []
    assert findings("Happy 80th, Grandpa! Here's 10% off.", {}, rule="stereotyping.group_address")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Our autumn edit includes sensible styles for ladies of a certain age.", True),
        ("Let's be real: no one your age reads email anyway, so grab the app.", True),
        ("Our autumn edit has bold prints for every age.", False),
        ("No one else can see your statements in the app.", False),
    ],
)
def test_age_said_as_a_euphemism_or_a_peer_group(text: str, flagged: bool) -> None:
    assert bool(findings(text, {"age_band": "55-64"}, rule="stereotyping.age")) is flagged


@pytest.mark.parametrize(
    ("preference", "flagged"),
    [(["My husband Mark is the account holder, he's sitting next to me"], False), (["I want to add a line"], True)],
)
def test_a_partner_the_customer_named_as_the_holder_may_be_asked_to_confirm(
    preference: list[str], flagged: bool
) -> None:
    text = "To add a line I'll need the account holder to confirm. Could your husband join the chat for a moment?"
    found = findings(text, {"stated_preferences": preference}, channel="chat", rule="stereotyping.account_holder")
    assert bool(found) is flagged


@pytest.mark.parametrize(
    ("text", "preferences", "flagged"),
    [
        ("This week only, grab the his-and-hers set for $129.", [], True),
        ("This week only, grab the his-and-hers set for $129.", ["Shopping for me and my husband"], False),
        ("Treat yourself this Father's Day: the 3-burner grill, $299.", [], True),
        ("Treat yourself this Father's Day: the 3-burner grill, $299.", ["Gift ideas for my two kids"], False),
        ("Father's Day gifts for every dad, from $20.", [], False),
    ],
)
def test_a_couple_sold_to_one_reader_or_a_parents_day_made_theirs_assumes_a_household(
    text: str, preferences: list[str], flagged: bool
) -> None:
    found = findings(text, {"stated_preferences": preferences}, rule="stereotyping.household")
    assert bool(found) is flagged


@pytest.mark.parametrize(
    ("context", "flagged"),
    [
        ({"locale": "en-US", "name": {"first": "Linh", "last": "Nguyen"}}, True),
        ({"locale": "en-US", "stated_preferences": ["We celebrate Tết every year"]}, False),
    ],
)
def test_tet_with_its_accents_is_a_festival_picked_for_the_customer(context: dict[str, object], flagged: bool) -> None:
    text = "The new year is almost here, and we know your family's Tết table is the heart of it. Trays 20% off."
    assert bool(findings(text, context, rule="stereotyping.assumed_culture")) is flagged


@pytest.mark.parametrize(
    ("text", "preferences", "flagged"),
    [
        ("I've added a Kids' Club pass, so the little ones are kept busy while you unwind.", [], True),
        (
            "I've added a Kids' Club pass, so the little ones are kept busy while you unwind.",
            ["With my two kids"],
            False,
        ),
        ("Mom and Dad footing the bill? Send it their way in one tap.", [], True),
        ("Mom and Dad footing the bill? Send it their way in one tap.", ["My parents pay for my phone"], False),
        ("The kids' club is open from 9am for ages 4 to 12.", [], False),
    ],
)
def test_children_kept_busy_and_parents_who_pay_are_a_household_assumed(
    text: str, preferences: list[str], flagged: bool
) -> None:
    assert bool(findings(text, {"stated_preferences": preferences}, rule="stereotyping.household")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("If you're hunting for a gift that isn't another candle, a Stillwater Spa Day might be it.", False),
        ("You deserve it: book a Stillwater Spa Day this weekend.", True),
        ("Treat yourself to a gift: a Stillwater Spa Day.", True),
        ("Spoil the grandkids with our stocking bundle, or let us wrap and post gifts straight to them.", True),
    ],
)
def test_an_item_offered_as_a_gift_for_someone_else_is_not_picked_for_the_reader(text: str, flagged: bool) -> None:
    ctx = {"gender": "female", "age_band": "65-74"}
    assert bool(findings(text, ctx, rule="stereotyping.coded_interest")) is flagged


def test_a_guide_that_offers_gifts_for_him_and_for_her_leaves_the_recipient_to_the_reader() -> None:
    guide = "Gifts for him: leather wallets and wool scarves.\nGifts for her: silk pillowcases and earrings."
    assert findings(guide, {}, rule="stereotyping.household") == []
    assert findings("Find the perfect gift for her this Valentine's Day.", {}, rule="stereotyping.household")


def test_a_role_the_message_leaves_to_the_reader_is_not_picked_from_their_age() -> None:
    older = {"age_band": "65-74"}
    guide = (
        "Whether you're a grandparent yourself, shopping for one, or thanking the grown-up who filled that role, we've "
        "got ideas. Everyone's welcome at story time, no grandkids required."
    )
    assert findings(guide, older, rule="stereotyping.coded_interest") == []
    assert findings(
        "Spoil the grandkids this Easter with our egg hunt kits.", older, rule="stereotyping.coded_interest"
    )


def test_a_role_given_as_the_reason_casts_the_customer_in_it() -> None:
    (f,) = findings("Since you're a dad, you'll probably want the Family plan.", {}, rule="stereotyping.role_claim")
    assert f.severity == 3
    assert findings("Since you're a member, delivery is free.", {}, rule="stereotyping.role_claim") == []


def test_what_the_place_on_file_is_said_to_tell_us_about_the_customer() -> None:
    georgia = {"region": "Georgia"}
    said = [
        "You're in Georgia, so we already know sweet tea is basically your love language.",
        "Down here in Georgia, we know a good family doesn't need reminding what the season is about.",
    ]
    for body in said:
        assert findings(body, georgia, rule="stereotyping.regional"), body
    outage = "You're in Georgia, so you know storms can knock the power out: here's how to report an outage."
    assert findings(outage, georgia, rule="stereotyping.regional") == []


def test_a_list_of_the_people_a_day_is_for_is_not_an_address() -> None:
    body = "We built our bouquets around the people who mothered us: mums, grans, aunties, stepmums and mentors."
    assert findings(body, {}, rule="stereotyping.group_address") == []
    assert findings("Mums, grab a coffee on us this weekend.", {}, rule="stereotyping.group_address")
    both = "Not sure who you're shopping for? Gifts for him, her & them: our Gift Finder does the rest."
    assert findings(both, {}, channel="push", rule="stereotyping.household") == []


def test_a_colour_the_customer_said_they_love_is_not_coded() -> None:
    ctx = {"gender": "female", "stated_preferences": ["Love anything that comes in pink"]}
    body = "Picked for you: the Petal drill, lighter and in blush pink."
    assert findings(body, ctx, rule="stereotyping.coded_interest") == []
    assert findings(body, {"gender": "female"}, rule="stereotyping.coded_interest")


def test_a_pronoun_for_the_child_just_named_assumes_no_partner() -> None:
    ctx = {"stated_preferences": ["Shopping for my daughter Ava, she's obsessed with princesses"]}
    body = "Our princess collection for your little girl, with a tiara headband she'll adore."
    assert findings(body, ctx, rule="stereotyping.household") == []


def test_a_child_the_customer_mentioned_is_not_given_a_gender() -> None:
    ctx = {"stated_preferences": ["Gender-neutral baby clothes only, please"]}
    body = "New in: our Pretty in Pink collection for your little girl."
    (f,) = findings(body, ctx, rule="stereotyping.household")
    assert f.quote == "your little girl" and f.suggestion == "your little one"
    said = {"stated_preferences": ["Baby clothes for my daughter, please"]}
    assert findings(body, said, rule="stereotyping.household") == []


@pytest.mark.parametrize(
    "body",
    [
        "Spring lures just landed. Grab a few before the boss at home notices.",
        "Send this kit list to the Bank of Mum and Dad and let them handle the checkout.",
    ],
)
def test_a_partner_or_parents_assumed_in_a_joke(body: str) -> None:
    (f,) = findings(body, rule="stereotyping.household")
    assert f.severity == 2 and f.suggestion is None
    ctx = {"stated_preferences": ["My wife and my parents shop here too"]}
    assert findings(body, ctx, rule="stereotyping.household") == []


def test_technology_put_to_an_older_customer_as_a_fright() -> None:
    body = "Of course, Joan! Don't let all this modern stuff frighten you. First, tap the blue house on your screen."
    older = {"age_band": "75+", "support": {"open_case": True, "topic": "online banking setup"}}
    (f,) = findings(body, older, rule="stereotyping.assumed_need")
    assert f.quote == "all this modern stuff frighten you"  # a case about online banking states no difficulty with it
    said = {"age_band": "75+", "stated_preferences": ["I'm not good with apps, please go slowly"]}
    assert findings(body, said, rule="stereotyping.assumed_need") == []
    assert findings(body, {"age_band": "25-34"}, rule="stereotyping.assumed_need") == []


def test_the_agents_english_turned_down_for_the_customer() -> None:
    body = "No problem, Mai! I'll keep my English nice and simple so it's easy for you: click 'Change plan'."
    (f,) = findings(body, rule="stereotyping.assumed_origin")
    assert f.quote == "keep my English nice and simple"
    asked = {"stated_preferences": ["Simple English please, it is my second language"]}
    assert findings(body, asked, rule="stereotyping.assumed_origin") == []
    assert findings("I'll keep the steps simple: click 'Change plan', then 'Confirm'.", rule="stereotyping") == []


def test_an_origin_read_off_the_customers_name() -> None:
    body = "Looking at your name, I've switched this chat to Spanish. What else can I help with?"
    assert findings(body, rule="stereotyping.assumed_origin")
    assert findings("Looking at your account, your plan renews on 3 May.", rule="stereotyping.assumed_origin") == []


@pytest.mark.parametrize(
    ("said", "flagged"),
    [
        ("I book everything online myself", True),
        ("I'd rather not use apps. Phone or paper is easier for me.", False),
        ("Not confident with websites, please book for me over the phone", False),
        ("Please use larger print, my eyesight isn't great", False),
    ],
)
def test_a_need_is_stated_by_a_limit_not_by_naming_technology(said: str, flagged: bool) -> None:
    ctx = {"age_band": "75+", "stated_preferences": [said]}
    body = "We'll keep everything nice and simple for you, and read each detail back slowly."
    assert bool(findings(body, ctx, rule="stereotyping.assumed_need")) is flagged


def test_the_agents_name_after_a_dash_is_not_a_greeting() -> None:
    body = "I've rebooked you on tomorrow's 09:15. Your new boarding passes are in the app. — Ola, Kestrel Air"
    assert findings(body, {"locale": "en-GB"}, channel="chat", rule="stereotyping.assumed_culture") == []
    assert findings("Ola, Ben! Your boarding passes are in the app.", {"locale": "en-GB"}, rule="stereotyping")


def test_a_title_before_the_customers_full_name_on_a_statement_line() -> None:
    body = "Hello Jordan,\n\nMember: Mr. Jordan Ellery\nStatus: Silver"
    named = {"name": {"first": "Jordan", "last": "Ellery"}}
    (f,) = findings(body, {**named, "salutation": "Mx."}, rule="stereotyping.honorific")
    assert (f.quote, f.suggestion, f.severity) == ("Mr. Jordan", "Mx. Jordan", 3)
    (g,) = findings(body, named, rule="stereotyping.honorific")
    assert g.suggestion == "Jordan"  # "Member: Jordan Ellery"
    assert findings(body, {**named, "salutation": "Mr."}, rule="stereotyping.honorific") == []


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("you zoomers never read emails anyway lol, so here's the code: STUDENT15", "stereotyping.generalisation"),
        ("Really sorry about the delay, bet you're gutted you'll miss the footy this weekend.", "stereotyping"),
    ],
)
def test_generation_and_gender_said_in_slang(body: str, rule: str) -> None:
    ctx = {"gender": "male", "age_band": "18-24"}
    assert findings(body, ctx, channel="chat", rule=rule)


def test_a_title_before_someone_elses_name_is_not_the_customers() -> None:
    ctx = {"name": {"first": "Sarah", "last": "Price"}}
    body = "Dear Sarah,\nYour flowers were delivered to Mrs. Joan Price at 14 Orchard Lane this morning."
    assert findings(body, ctx, rule="stereotyping.honorific") == []


def test_an_interest_the_reader_is_left_to_claim() -> None:
    ctx = {"gender": "male", "region": "Melbourne"}
    body = "Finals are here. If footy's your thing, every AFL finals match streams live on Goal Line."
    assert findings(body, ctx, rule="stereotyping.coded_interest") == []


@pytest.mark.parametrize(
    ("body", "region"),
    [
        ("How many Newfies does it take to change a tyre? Just one, with our roadside cover!", "St. John's, NL"),
        ("Every Weegie needs their Irn-Bru fix! 2 for £3 this week.", "Glasgow"),
        ("Living in the Bronx, you can never be too careful. Get our smart lock today.", "Bronx, NY"),
        ("Times are tough in Bootle, so here's a loan that could help.", "Bootle"),
        ("Oh ya, you betcha, don'cha know! Ice-fishing gear is 20% off.", "Duluth"),
        ("Throw another shrimp on the barbie! Grills 20% off this week.", "Perth"),
    ],
)
def test_the_place_on_file_made_a_joke_or_a_type(body: str, region: str) -> None:
    assert findings(body, {"region": region}, channel="push", rule="stereotyping.regional")
    assert findings(body, {"region": "Cardiff"}, channel="push", rule="stereotyping.regional") == []


def test_a_stated_word_counts_in_its_other_forms() -> None:
    body = "Of course, we'll go one step at a time; just tell me whenever you'd like me to slow down."
    said = {"age_band": "75+", "stated_preferences": ["I'm new to smartphones, please explain slowly"]}
    assert findings(body, said, rule="stereotyping.coded_interest") == []
    assert findings(body, {"age_band": "75+"}, rule="stereotyping.coded_interest")


def test_what_the_sender_is_named_for_is_its_trade() -> None:
    ctx = {"gender": "female", "name": {"first": "Zanele"}}
    body = "Hi Zanele,\n\nWinter calls for a reset: book a spa day, with lunch on the deck.\n\nWith warmth,\n{}\n"
    assert findings(body.format("The Atlantic Rock Spa team"), ctx, rule="stereotyping.coded_interest") == []
    assert findings(body.format("The Atlantic Rock Hotel team"), ctx, rule="stereotyping.coded_interest")


def test_the_kids_enjoying_something_assume_a_household() -> None:
    assert findings("While you wait, the kids might enjoy our Family Streaming pack.", rule="stereotyping.household")
    said = {"stated_preferences": ["Our two kids love cartoons"]}
    assert findings("While you wait, the kids might enjoy our Family pack.", said, rule="stereotyping.household") == []
    assert findings("While you wait, you might enjoy our Streaming pack.", rule="stereotyping.household") == []


@pytest.mark.parametrize(
    "body",
    [
        "Stuck on what to get her? Our gift sets take the guesswork out.",
        "Buying for him? Our Homme collection has woody scents.",
    ],
)
def test_a_gift_recipient_nobody_introduced_is_an_assumed_partner(body: str) -> None:
    assert findings(body, rule="stereotyping.household")
    assert findings("Your sister's birthday is coming up. " + body, rule="stereotyping.household") == []


def test_a_gesture_to_make_to_someone_nobody_introduced_assumes_a_partner() -> None:
    body = "Anniversary coming up? Show her you remembered with a hand-tied bouquet."
    assert findings(body, {"gender": "male"}, rule="stereotyping.household")
    assert findings("Your mum's birthday is soon. " + body, rule="stereotyping.household") == []
    assert findings("Show her around the new app: add a second user in Settings.", rule="stereotyping.household") == []
    # the shop dog the message told of is no partner: "we haven't had the heart to tell him you're not coming"
    dog = "Biscuit waits by the door, and we haven't had the heart to tell him you're not coming."
    assert findings(dog, rule="stereotyping.household") == []


@pytest.mark.parametrize(
    "body",
    ["Heading to church on Sunday? Look sharp in our linen suits.", "Brunch after Friday prayers? Tables from noon."],
)
def test_worship_presumed_of_the_reader_is_an_assumed_faith(body: str) -> None:
    assert findings(body, {"region": "Alabama"}, rule="stereotyping.assumed_origin")
    said = {"stated_preferences": ["I sing in my church choir every Sunday", "Friday prayers at the mosque"]}
    assert findings(body, said, rule="stereotyping.assumed_origin") == []
    assert findings("We're heading to Church Street for the summer fair.", rule="stereotyping.assumed_origin") == []
    # a phone seen at the church: watched (creepiness), not assumed
    seen = {"observed_signals": [{"kind": "location", "detail": "St. Brendan's Church most Sunday mornings"}]}
    assert (
        findings("See you after church this Sunday? Brunch is 2-for-1.", seen, rule="stereotyping.assumed_origin") == []
    )


@pytest.mark.parametrize(
    "body",
    [
        "Everybody in Texas loves a backyard barbecue, so fire up the grill.",
        "Honestly, most people in Fresno are one bad month away from maxing out their cards.",
    ],
)
def test_the_people_of_the_place_on_file_generalised(body: str) -> None:
    place = "Texas" if "Texas" in body else "Fresno"
    (f,) = findings(body, {"region": place}, rule="stereotyping.regional")
    assert f.severity == 3
    assert findings(body, {"region": "Oregon"}, rule="stereotyping.regional") == []


def test_an_accessible_bay_and_a_wheelchair_arranged_from_age_alone_are_assumed_needs() -> None:
    older = {"age_band": "75-84"}
    body = "We've reserved the accessible bay by the door, and a colleague will meet you at the car with a wheelchair."
    quotes = [f.quote for f in findings(body, older, rule="stereotyping.assumed_need")]
    assert quotes == ["accessible bay", "with a wheelchair"]
    assert findings(body, {"age_band": "35-44"}, rule="stereotyping.assumed_need") == []
    asked = {"age_band": "75-84", "stated_preferences": ["I use a wheelchair, please have one ready"]}
    assert findings(body, asked, rule="stereotyping.assumed_need") == []
    # the car park's bays, there for everyone
    premises = "Our car park has four accessible bays next to the entrance."
    assert findings(premises, older, rule="stereotyping.assumed_need") == []


def test_a_simpler_setting_the_customer_asked_for_is_not_decided_from_age() -> None:
    ctx = {"age_band": "75-84", "stated_preferences": ["short phone menus please"]}
    menu = "You asked us to keep things simple, so there are just three options. For your balance, press 1."
    assert findings(menu, ctx, channel="ivr", rule="stereotyping.assumed_need") == []
    decided = "We keep things simple for you, so there are just three options. For your balance, press 1."
    assert findings(decided, ctx, channel="ivr", rule="stereotyping.assumed_need")


def test_a_caller_who_chose_to_be_verified_by_their_number_and_called_from_it_is_checked() -> None:
    ctx = {
        "name": {"first": "Dana"},
        "stated_preferences": ["Turned on Trusted Number: verify me automatically when I call from my own mobile"],
        "observed_signals": [{"kind": "caller_id", "detail": "number matches registered mobile", "days_ago": 0}],
    }
    text = "Welcome back to Harbour Savings, Dana. Say 'balance', 'payments' or 'something else'."
    assert findings(text, ctx, channel="ivr", rule="stereotyping.account_holder") == []
    ctx["stated_preferences"] = []
    assert findings(text, ctx, channel="ivr", rule="stereotyping.account_holder")


def test_the_reader_as_a_local_type_or_their_name_s_people_generalised() -> None:
    for text in (
        "As a proper Yorkshire lass, you'll know nothing beats digging up your own spuds.",
        "Because names like yours are often linked to fraud, we need two extra documents.",
    ):
        assert findings(text, {"region": "Leeds"}, rule="stereotyping.assumed_origin"), text
    assert findings("As a proper garden centre, we stock every seed potato.", rule="stereotyping.assumed_origin") == []


def test_a_group_of_the_place_on_file_said_to_tend_one_way_is_regional() -> None:
    body = "Households in Eastfield tend to watch the pennies, so we've picked out our Saver tariff for you."
    assert findings(body, {"region": "Eastfield"}, rule="stereotyping.regional")
    store = "Households in Eastfield can now book a smart meter fitting at our new depot."
    assert findings(store, {"region": "Eastfield"}, rule="stereotyping.regional") == []


def test_eyesight_read_off_the_age_band() -> None:
    body = "Meet the SimplyPhone 3: big buttons and a screen you can read without reaching for your glasses."
    assert findings(body, {"age_band": "75-84"}, rule="stereotyping.coded_interest")
    assert findings(body, {"age_band": "25-34"}, rule="stereotyping.coded_interest") == []
    told = {"age_band": "75-84", "stated_preferences": ["I need big buttons - my eyesight isn't great"]}
    assert findings(body, told, rule="stereotyping.coded_interest") == []


def test_an_interest_left_to_whoever_has_it_is_not_picked_from_gender() -> None:
    woman = {"gender": "female", "age_band": "35-44"}
    anyone = "FreshCart: Dinner's sorted, whoever's cooking tonight! 4 meal kits for $39 this week."
    assert findings(anyone, woman, channel="sms", rule="stereotyping.coded_interest") == []
    yours = "FreshCart: Dinner's sorted while you're cooking tonight!"
    assert findings(yours, woman, channel="sms", rule="stereotyping")


@pytest.mark.parametrize(
    "body",
    [
        "Sure after Sunday Mass there's time for a pint, so here's our Sunday box.",
        "A Sunday braai after Saturday mass is the best way to start the week.",
    ],
)
def test_worship_and_origin_put_on_the_reader(body: str) -> None:
    assert findings(body, {"gender": "male"}, rule="stereotyping.assumed_origin")


@pytest.mark.parametrize(
    ("body", "last", "chosen"),
    [
        ("Estimada Sra. Ramírez:\n\nGracias por su pedido.", "Ramírez", "Mrs."),
        ("Chère Madame Dubois,\n\nMerci pour votre commande.", "Dubois", "Ms."),
        ("Sehr geehrter Herr Weber,\n\nvielen Dank für Ihre Bestellung.", "Weber", "Mr."),
    ],
)
def test_a_title_in_another_language_is_still_a_title_never_stated(body: str, last: str, chosen: str) -> None:
    assert findings(body, {"name": {"first": "Alex", "last": last}}, rule="stereotyping.honorific")
    # the title the customer chose, in the message's language
    assert (
        findings(body, {"name": {"first": "Alex", "last": last}, "salutation": chosen}, rule="stereotyping.honorific")
        == []
    )


def test_a_title_after_a_greeting_in_another_language_addresses_the_reader() -> None:
    assert findings("Su pedido ha salido. Estimada Sra. Ruiz, gracias.", {"name": {"first": "Lucía"}})


def test_neighbours_said_to_love_a_product_generalise_from_the_postcode() -> None:
    body = "Shoppers in your SE15 postcode love our jerk seasoning, so we've added a jar to your basket."
    assert findings(body, rule="stereotyping.generalisation")
    assert findings("Customers in your area can now collect from the new Bridge Street store.") == []


def test_the_customers_own_word_for_their_group_excuses_its_address() -> None:
    league = {"stated_preferences": ["I'm on the Thursday-Friday men's league, text me league news"]}
    body = "Lakeview Lanes Men's League: game night this Friday, fellas! 7pm lanes 1-8. STOP to opt out"
    assert findings(body, league, channel="sms", rule="stereotyping") == []
    assert findings(body, channel="sms", rule="stereotyping.gendered_address")


def test_a_child_told_by_age_is_a_child_the_customer_mentioned() -> None:
    kids = "Hi Jess,\n\nThe pool opens at 8, so the kids can swim before breakfast."
    assert findings(kids, {"name": {"first": "Jess"}}, rule="stereotyping.household")
    told = {"stated_preferences": ["travelling with our 6-year-old and a 3 year old"]}
    assert findings(kids, told, rule="stereotyping.household") == []


def test_a_childcare_line_writes_to_the_parent_of_a_child_on_its_roll() -> None:
    nursery = "Thanks for calling Sprout and Co Childcare. To report that your child will be absent today, press 2."
    assert findings(nursery, channel="ivr", rule="stereotyping.household") == []
    shop = "Thanks for calling Brightway Toys. Shopping for your child's birthday? Press 1."
    assert findings(shop, channel="ivr", rule="stereotyping.household")


@pytest.mark.parametrize(
    "context",
    [
        {"pronouns": "he/him"},
        {"stated_preferences": ["I'm a guy who's serious about his grooming"]},
    ],
)
def test_a_gender_role_the_customer_stated_in_other_words_is_theirs(context: dict[str, object]) -> None:
    (f,) = findings(
        "As a man who takes his grooming seriously, see our Beard Edit.", context, rule="stereotyping.role_claim"
    )
    assert f.severity == 1
    woman = "As a woman who takes her grooming seriously, see our Edit."
    (f,) = findings(woman, context, rule="stereotyping.role_claim")
    assert f.severity == 3


def test_the_one_the_customer_plays_with_makes_the_two_of_you() -> None:
    body = "You mostly play co-op with your dad, so here's one for the two of you: double XP this weekend."
    said = {"stated_preferences": ["I mostly play co-op with my dad"]}
    assert findings(body, said, rule="stereotyping.household") == []
    assert findings("Here's one for the two of you: double XP this weekend.", {}, rule="stereotyping.household")


@pytest.mark.parametrize(
    "stated",
    [
        "I'm the only person who uses that line",
        "I'm the only driver on the policy and the only one who uses this mobile",
        "Please recognise my home number when I ring",
    ],
)
def test_a_line_the_customer_said_only_they_use_may_greet_them_by_name(stated: str) -> None:
    context = {
        "name": {"first": "Dorothy"},
        "stated_preferences": [stated],
        "observed_signals": [{"kind": "caller_id", "detail": "matches registered home landline"}],
    }
    body = "Welcome back, Dorothy. We recognise the number you're calling from. Press 1 to hear your next payment date."
    assert findings(body, context, channel="ivr", rule="stereotyping.account_holder") == []
    context["stated_preferences"] = ["Please call me in the mornings"]
    assert findings(body, context, channel="ivr", rule="stereotyping.account_holder")


@pytest.mark.parametrize(
    "body",
    [
        "New skins in the shop! Remember to ask a parent before you spend your V-Coins.",
        "Running low, Jayden? Ask your parents to top you up, or add £10 yourself.",
    ],
)
def test_an_adult_told_to_ask_a_parent_is_talked_to_as_a_child(body: str) -> None:
    (f,) = findings(body, {"age_band": "35-44"}, channel="push", rule="stereotyping.assumed_minor")
    assert f.severity == 2


def test_ask_a_parent_is_right_for_a_child_and_about_someone_else() -> None:
    body = "New skins in the shop! Remember to ask a parent before you spend your V-Coins."
    assert findings(body, {"age_band": "13-17"}, channel="push", rule="stereotyping.assumed_minor") == []
    assert findings(body, {}, channel="push", rule="stereotyping.assumed_minor") == []
    others = "Children under 12 should ask a parent before using the climbing wall."
    assert findings(others, {"age_band": "35-44"}, rule="stereotyping.assumed_minor") == []


def test_student_years_read_off_an_age_band() -> None:
    body = "Student Premium is half price for your uni years, with a valid .ac.uk email."
    (f,) = findings(body, {"age_band": "18-24"}, channel="sms", rule="stereotyping.age")
    assert f.quote == "your uni years"
    said = {"age_band": "18-24", "stated_preferences": ["I'm a first-year student at Bristol"]}
    assert findings(body, said, channel="sms", rule="stereotyping.age") == []


def test_an_age_said_to_make_things_harder() -> None:
    body = "At 75, night driving gets harder. Add Assist+ for £3/month."
    (f,) = findings(body, {}, channel="sms", rule="stereotyping.age")
    assert f.quote.startswith("At 75")
    for quiet in ("At 70 mph, stopping distances get longer in the rain.", "At 60, the gym is less busy then."):
        assert findings(quiet, {}, rule="stereotyping.age") == [], quiet


def test_online_forms_not_being_your_thing_is_an_age_assumption_unless_said() -> None:
    body = "Since online forms aren't your thing, we've posted a paper renewal form."
    assert findings(body, {"age_band": "75+"}, rule="stereotyping.age")
    said = {"age_band": "75+", "stated_preferences": ["Please send me paper forms, I don't use the internet"]}
    assert findings(body, said, rule="stereotyping.age") == []


def test_wealth_read_off_a_place() -> None:
    body = "Living in Chelsea, money's clearly no object, so here's our Atelier collection."
    assert findings(body, {"region": "Chelsea, London"}, rule="stereotyping.generalisation")
    idiom = "When money's no object, our Atelier range is the one."
    assert findings(idiom, {}, rule="stereotyping.generalisation") == []


def test_a_nation_said_to_get_through_a_food() -> None:
    body = "We know Vietnamese families get through a lot of rice, so here's 10kg for £14.99."
    assert findings(body, {}, rule="stereotyping.trait_claim")
    assert findings("Families eat free on Sundays at every branch.", {}, rule="stereotyping.trait_claim") == []


def test_a_first_language_guessed() -> None:
    body = "We have written this letter in very simple words because English may not be your first language."
    assert findings(body, {}, rule="stereotyping.assumed_language")
    said = {"stated_preferences": ["English isn't my first language - Polish please where you can"]}
    told = "Since English isn't your first language, I've added the Polish translation below."
    assert findings(told, said, rule="stereotyping.assumed_language") == []
