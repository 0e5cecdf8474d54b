import pytest

from reviewer.settings import Settings
from tests.conftest import findings


def test_promo_without_channel_consent_is_severe() -> None:
    (f,) = findings(
        "Flash sale: 30% off today only!",
        {"consent": {"marketing_sms": False}},
        channel="sms",
        rule="overreach.consent",
    )
    assert f.severity == 4


def test_transactional_without_consent_is_fine() -> None:
    ctx = {"consent": {"marketing_sms": False}}
    assert findings("Your order #1234 has shipped.", ctx, channel="sms", rule="overreach.consent") == []
    packing = "We're packing your order now. Oat milk was out, so we've swapped in the barista version."
    assert findings(packing, ctx, channel="sms", rule="overreach.consent") == []
    assert findings("Order now: oat milk 2 for £3.", ctx, channel="sms", rule="overreach.consent")
    assert (
        findings(
            "Flash sale: 30% off!",
            {"consent": {"marketing_sms": True}},
            channel="sms",
            rule="overreach.consent",
        )
        == []
    )


def test_opted_out_topic() -> None:
    ctx = {"stated_preferences": ["no more wine offers please"]}
    (f,) = findings("New wines just arrived in our cellar.", ctx, rule="overreach.opted_out")
    assert f.quote == "New wines just arrived in our cellar." and f.severity == 3  # the sentence, not the word


def test_opted_out_channel() -> None:
    ctx = {"stated_preferences": ["please don't text me"]}
    assert findings("Your weekly picks are here.", ctx, channel="sms", rule="overreach.opted_out")
    assert findings("Your weekly picks are here.", ctx, channel="email", rule="overreach.opted_out") == []


def test_frequency_threshold_is_a_setting() -> None:
    ctx = {"contact_history": {"messages_last_7_days": 4}}
    assert findings("Big sale this weekend!", ctx, rule="overreach.frequency")
    assert (
        findings(
            "Big sale this weekend!",
            ctx,
            rule="overreach.frequency",
            settings=Settings(max_messages_7_days=10),
        )
        == []
    )
    assert findings("Your receipt is attached.", ctx, rule="overreach.frequency") == []


@pytest.mark.parametrize(
    ("said", "flagged"),
    [
        ("Text me every daily deal, I don't mind lots of texts", False),
        ("I don't mind lots of emails, send me the offers", False),
        ("Too many texts, stop sending every deal", True),
        ("I like the weekly newsletter", True),
    ],
)
def test_a_customer_who_asked_for_every_deal_sets_the_pace(said: str, flagged: bool) -> None:
    ctx = {"stated_preferences": [said], "contact_history": {"messages_last_7_days": 6, "messages_last_30_days": 27}}
    found = findings("Dealday: today only, cast-iron skillet $19 (reg $45).", ctx, rule="overreach.frequency")
    assert bool(found) is flagged


def test_more_than_one_feedback_request() -> None:
    found = findings("How did we do? Please rate us. And leave a review!", rule="overreach.feedback_requests")
    # the question and "rate us" right after it are one ask; the review is another: it is the finding, and the
    # ask to keep is pointed at too, as a note
    assert [(f.quote, f.severity) for f in found] == [("How did we do?", 1), ("And leave a review!", 2)]
    assert findings("How was your ride? Tap to rate your trip.", rule="overreach.feedback_requests") == []


def test_single_feedback_request_is_fine_unless_recently_asked() -> None:
    assert findings("How did we do? Tap to answer.", rule="overreach.feedback_requests") == []
    ctx = {"contact_history": {"feedback_requests_last_30_days": 3}}
    assert findings("How did we do? Tap to answer.", ctx, rule="overreach.feedback_requests")


def test_too_many_suggestions() -> None:
    items = "\n".join(f"- Product {i}" for i in range(1, 9))
    heading, f = findings(f"Picks for you:\n{items}\nEnjoy!", rule="overreach.too_many_suggestions")
    assert heading.quote == "Picks for you:" and heading.severity == 1  # the line that puts the list forward
    # the whole list is the finding, and the fix keeps its first five items
    assert f.quote.startswith("- Product 1") and f.quote.endswith("- Product 8") and f.severity == 2
    assert f.suggestion == "\n".join(f"- Product {i}" for i in range(1, 6))
    (no_heading,) = findings(f"Spring is here.\n\n{items}", rule="overreach.too_many_suggestions")
    assert no_heading.quote.startswith("- Product 1")  # a sentence that does not put picks forward is left alone
    assert findings("Picks:\n- A\n- B\n- C", rule="overreach.too_many_suggestions") == []


def test_first_name_again_and_again() -> None:
    ctx = {"name": {"first": "Sam"}}
    text = "Sam, this is for you. Sam, don't miss it. Sam, really. Thanks, Sam!"
    found = findings(text, ctx, rule="overreach.name_repetition")
    assert len(found) == 2 and all(f.severity == 2 for f in found)
    assert findings("Hi Sam, thanks Sam.", ctx, rule="overreach.name_repetition") == []


def test_over_familiar_tone_for_low_involvement() -> None:
    ctx = {"relationship": {"involvement": "low"}}
    (f,) = findings("Hey bestie, your bin collection moved.", ctx, rule="overreach.over_familiar")
    assert f.quote == "bestie" and f.severity == 2
    assert findings("Hey bestie!", {"relationship": {"involvement": "high"}}, rule="overreach.over_familiar") == []


def test_upsell_during_open_case() -> None:
    ctx = {"support": {"open_case": True, "topic": "broken heater"}}
    assert findings(
        "Sorry for the trouble. Upgrade to Premium for 20% off!", ctx, rule="overreach.upsell_during_support"
    )
    assert (
        findings("Sorry for the trouble. A technician comes Monday.", ctx, rule="overreach.upsell_during_support") == []
    )


@pytest.mark.parametrize(
    "text,severity",
    [
        ("Reply with your password to keep your account.", 4),
        ("Tell us your annual income to unlock this offer.", 3),
        ("Please share your date of birth and religion with us.", 3),
    ],
)
def test_asking_for_sensitive_data(text: str, severity: int) -> None:
    found = findings(text, rule="overreach.data_request")
    assert found and max(f.severity for f in found) == severity


def test_security_notice_is_fine() -> None:
    assert findings("We will never ask for your password by email.", rule="overreach.data_request") == []


def test_guilt_tripping_winback() -> None:
    assert findings("Don't you love us anymore? Come back.", rule="overreach.guilt_trip")
    assert findings("We miss you! Here's 10% off to come back.", rule="overreach.guilt_trip") == []


def test_ivr_verification_may_ask_for_a_passcode() -> None:
    text = "For your security, please enter your account passcode."
    assert findings(text, channel="ivr", rule="overreach.data_request") == []
    assert findings("Reply with your passcode to continue.", channel="sms", rule="overreach.data_request")


def test_consent_flags_every_promotional_sentence() -> None:
    found = findings(
        "FLASH SALE today. 40% off all jackets!",
        {"consent": {"marketing_sms": False}},
        channel="sms",
        rule="overreach.consent",
    )
    assert [f.quote for f in found] == ["FLASH SALE today.", "40% off all jackets!"]


@pytest.mark.parametrize(
    "text",
    [
        "We're starting to take it personally, Sam.",
        "We're starting to think you don't like us anymore.",
        "After all the free shipping we've given you?",
        "Still in your cart. That feels cold 💔",
    ],
)
def test_sulking_at_the_customer_is_guilt(text: str) -> None:
    assert findings(text, rule="overreach.guilt_trip")


@pytest.mark.parametrize(
    "text",
    [
        "Please don't take it personally if we reply late.",
        "You don't like it? Return it free.",
        "That feels cold and refreshing on a hot day.",
    ],
)
def test_taking_it_personally_said_kindly_is_not_guilt(text: str) -> None:
    assert findings(text, rule="overreach.guilt_trip") == []


def test_guilt_about_opting_out() -> None:
    assert findings("Please don't unsubscribe, we'd be heartbroken.", rule="overreach.guilt_trip")


def _ids(channel: str, body: str, context: dict[str, object] | None = None) -> set[str]:
    from reviewer.models import CustomerContext, Message
    from reviewer.rules import run_rules
    from reviewer.settings import Settings

    message = Message(channel=channel, body=body)  # type: ignore[arg-type]
    return {f.rule_id or "" for f in run_rules(message, CustomerContext.model_validate(context or {}), Settings())}


@pytest.mark.parametrize(
    ("channel", "body", "context", "rule_id"),
    [
        (
            "email",
            "Pick one: the Lark Mug in Clay, the Lark Mug in Fog, the Lark Mug in Ink, the Lark Mug in Rose.",
            {},
            "overreach.too_many_suggestions",
        ),
        (
            "email",
            "Tell us more:\n- Your annual household income\n- Your favourite topics",
            {},
            "overreach.data_request",
        ),
        (
            "chat",
            "Can you let me know whether you've ever been diagnosed with a heart condition?",
            {},
            "overreach.data_request",
        ),
        (
            "email",
            "Take 10% off everything with code WEEKEND10.",
            {"stated_preferences": ["Only email me about my orders - no promotions please"]},
            "overreach.opted_out",
        ),
        (
            "chat",
            "While we sort the bill, have you thought about our HomeCare boiler cover?",
            {"support": {"open_case": True, "topic": "billing complaint"}},
            "overreach.upsell_during_support",
        ),
        (
            "chat",
            "Haha, no worries, let me check.",
            {"relationship": {"involvement": "low"}},
            "overreach.over_familiar",
        ),
    ],
)
def test_overreach_by_shape_fires(channel: str, body: str, context: dict[str, object], rule_id: str) -> None:
    assert rule_id in _ids(channel, body, context)


@pytest.mark.parametrize(
    ("channel", "body", "context"),
    [
        ("email", "Shop shoes, bags, hats and scarves this weekend.", {}),
        ("email", "Your order has shipped.", {"stated_preferences": ["Only email me about my orders - no promotions"]}),
        ("chat", "Thanks for your patience; your refund is on its way.", {"support": {"open_case": True}}),
    ],
)
def test_overreach_by_shape_stays_quiet(channel: str, body: str, context: dict[str, object]) -> None:
    assert not {i for i in _ids(channel, body, context) if i.startswith("overreach.")}


@pytest.mark.parametrize(
    "body",
    [
        "SwiftLoan: cash in your account in 15 mins. swft.ly/r STOP to opt out",
        "Greenway Gyms: spring classes at Eastgate, come along. Reply STOP to 60060 to end",
        "Fresh picks from our growers this week.\n\nUnsubscribe",
    ],
)
def test_a_marketing_footer_marks_marketing_without_sale_words(body: str) -> None:
    (f,) = findings(
        body, {"consent": {"marketing_sms": False, "marketing_email": False}}, channel="sms", rule="overreach.consent"
    )
    assert f.severity == 4 and f.start == 0 and "STOP" not in f.quote and "Unsubscribe" not in f.quote


def test_a_footer_on_a_transactional_message_is_not_marketing() -> None:
    body = "Your appointment is confirmed for Tue 10:30. Reply STOP to opt out of reminders."
    assert findings(body, {"consent": {"marketing_sms": False}}, channel="sms", rule="overreach.consent") == []


@pytest.mark.parametrize(
    "body",
    [
        "Our two-year fixed rate starts at 4.19%, with no product fee.",  # a percent before a comma
        "Big news: £10 off your next shop.",  # a currency sign after a space
        "Private flu jabs now available, £14, walk in any weekday.",
        "Prices go up tomorrow, so let us know today!",
    ],
)
def test_prices_and_deadlines_sell(body: str) -> None:
    assert findings(body, {"consent": {"marketing_email": False}}, rule="overreach.consent")


def test_a_preferences_footer_does_not_excuse_frequency() -> None:
    ctx = {"contact_history": {"messages_last_7_days": 11}}
    body = "This week only, bring a friend for free.\n\nManage your email preferences | Unsubscribe"
    assert findings(body, ctx, rule="overreach.frequency")
    assert findings("Too many emails? Choose how often we write.", ctx, rule="overreach.frequency") == []


@pytest.mark.parametrize(
    ("pref", "body"),
    [
        ("I don't drink - please don't send me alcohol offers", "Any 2 crates of Brewcastle lager for £22."),
        ("no gambling ads", "Claim 50 free spins at our casino tonight."),
        ("No diet promotions please", "Our slimming plan is 30% off."),
    ],
)
def test_an_opted_out_topic_covers_what_it_names(pref: str, body: str) -> None:
    assert findings(body, {"stated_preferences": [pref]}, rule="overreach.opted_out")


def test_what_a_topic_covers_matches_whole_words() -> None:
    ctx = {"stated_preferences": ["no gambling ads"]}
    assert findings("A better way to budget, between paydays.", ctx, rule="overreach.opted_out") == []


@pytest.mark.parametrize(
    ("text", "familiar"),
    [
        ("Hey girl, your order is here!", True),
        ("Girlll, you need this", True),
        ("For your little girl, pink or lilac.", False),
    ],
)
def test_girl_is_familiar_only_as_a_form_of_address(text: str, familiar: bool) -> None:
    found = findings(text, {"relationship": {"involvement": "low"}}, rule="overreach.over_familiar")
    assert bool(found) is familiar


@pytest.mark.parametrize(
    "body",
    [
        "Hi Nadia, here's your receipt.\nStoneware Mug x4 · £28.00\nTotal: £228.00 (free delivery)",
        "Your contract ends on 18 November. Or you could pick a new phone: vantel.co.uk/upgrade",
        "You told us you'd rather deal with us by phone, so there's nothing to do online.",
        "Thank you for shopping with us today.\n\nCompost 40L — £7.50\nLoyalty discount — £2.15\nTotal paid — £5.35",
    ],
)
def test_receipts_links_and_the_verb_deal_are_not_offers(body: str) -> None:
    ctx = {"consent": {"marketing_email": False}, "contact_history": {"messages_last_7_days": 9}}
    assert findings(body, ctx, rule="overreach.consent") == []
    assert findings(body, ctx, rule="overreach.frequency") == []


def test_never_miss_is_a_wish_not_an_opt_out() -> None:
    ctx = {"stated_preferences": ["Never miss NFL Sundays"]}
    assert findings("2-for-1 wings through the Sunday night game.", ctx, rule="overreach.opted_out") == []


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("To enter, just tell us:\n- the name of each child's school\n- their year group", "child's school"),
        ("A few questions:\n1. Which days do you shop?\n2. Which religion do you practise, if any?", "religion"),
        (
            "Visit your style profile and tell us:\n- your size\n- any health conditions we should know about",
            "health conditions",
        ),
    ],
)
def test_sensitive_asks_in_a_list_or_a_question(body: str, quote: str) -> None:
    found = findings(body, {}, rule="overreach.data_request")
    assert any(quote in f.quote for f in found) and all(f.quote.strip() not in ("1.", "2.") for f in found)


def test_a_list_that_asks_for_nothing_is_not_a_data_request() -> None:
    body = "Inside this issue:\n- How to talk about income with your partner\n- Our favourite school lunches"
    assert findings(body, {}, rule="overreach.data_request") == []


def test_a_card_pin_is_never_asked_even_in_an_ivr_security_check() -> None:
    body = "For your security, key in the four-digit PIN you use with your debit card, then press hash."
    (f,) = findings(body, {}, channel="ivr", rule="overreach.data_request")
    assert f.severity == 4


@pytest.mark.parametrize(
    "body",
    [
        "Still there, Jo? We haven't heard back about your quote.",
        "Did you see our last email? It's worth a look.",
        "Have we done something wrong? Your coach says you never showed in March.",
    ],
)
def test_chasing_and_reproach(body: str) -> None:
    assert findings(body, {}, rule="overreach.guilt_trip")


def test_upsell_phrased_as_waiting_during_an_open_case() -> None:
    ctx = {"support": {"open_case": True, "topic": "billing complaint"}}
    body = "Your complaint is with our billing team. While you wait, now is a great time to lock in your price."
    assert findings(body, ctx, rule="overreach.upsell_during_support")
    hold = "Thanks for calling. While you hold, ask our team about Home Care Plus. For billing, press 1."
    assert findings(hold, ctx, channel="ivr", rule="overreach.upsell_during_support")
    ready = "Thanks for calling. While you hold, please have your account number ready. For billing, press 1."
    assert findings(ready, ctx, channel="ivr", rule="overreach.upsell_during_support") == []


def test_an_alert_the_customer_asked_for_is_not_marketing() -> None:
    ctx = {"consent": {"marketing_email": False}, "stated_preferences": ["Back-in-stock alert: Fenwick knit, size M"]}
    body = "You asked us to let you know when the Fenwick knit came back. Get yours at sableandco.com/fenwick"
    assert findings(body, ctx, rule="overreach.consent") == []
    unasked = "The Marlow coat is back, get yours at sableandco.com/marlow"
    assert findings(unasked, ctx, rule="overreach.consent")


def test_a_data_ask_the_purpose_explains_is_fine_but_secrets_never_are() -> None:
    body = "Before we can give you a price, we need to ask about any medical conditions for each person."
    assert findings(body, {}, rule="overreach.data_request") == []
    assert findings("To give you a quote, reply with your card number.", {}, rule="overreach.data_request")


def test_a_result_notice_with_a_stop_footer_is_transactional() -> None:
    body = (
        "Cedar Clinic: a new result is ready in your patient portal. Log in at cedar.org/portal. Reply STOP to opt out"
    )
    assert findings(body, {"consent": {"marketing_sms": False}}, channel="sms", rule="overreach.consent") == []


def test_a_security_run_through_in_chat_may_ask_for_a_date_of_birth() -> None:
    body = "Before I go into anything on the account, I need to run through security: confirm your date of birth."
    assert findings(body, {}, channel="chat", rule="overreach.data_request") == []


@pytest.mark.parametrize(
    "body", ["Mx. Lee, your upgrade to Premium on SK 402 is confirmed.", "A mast upgrade finishes on 20 May."]
)
def test_a_confirmed_or_infrastructure_upgrade_is_not_an_offer(body: str) -> None:
    assert findings(body, {"consent": {"marketing_push": False}}, channel="push", rule="overreach.consent") == []


@pytest.mark.parametrize(
    "body",
    [
        "Season 2 of Harbor Lights is here. Watch tonight.",
        "Flu shots are in at our Elm St store.",
        "New spin classes this week. Book your spot in the app.",
    ],
)
def test_launches_and_arrivals_sell_without_sale_words(body: str) -> None:
    assert findings(body, {"consent": {"marketing_push": False}}, channel="push", rule="overreach.consent")


def test_an_alert_the_customer_switched_on_is_not_a_launch() -> None:
    ctx = {"consent": {"marketing_push": False}, "stated_preferences": ["notify me when my salary lands"]}
    assert findings("Payday! Your salary just landed.", ctx, channel="push", rule="overreach.consent") == []


@pytest.mark.parametrize(
    ("body", "channel"),
    [
        ("To enter the draw for a $500 gift card, key in your full 16-digit card number, then press hash.", "ivr"),
        ("To confirm your identity and be entered into our draw, upload a photo of your passport.", "email"),
        ("Before I do, please give me your date of birth, National Insurance number and household income.", "chat"),
        ("To get started, just tell us your ethnic background and skin tone.", "email"),
    ],
)
def test_asks_a_prize_draw_or_a_profile_does_not_need(body: str, channel: str) -> None:
    assert findings(body, {}, channel=channel, rule="overreach.data_request")


def test_an_ivr_identity_check_and_a_quote_may_ask_what_they_need() -> None:
    assert (
        findings(
            "For your security, key in your date of birth followed by the hash key.",
            {},
            channel="ivr",
            rule="overreach.data_request",
        )
        == []
    )
    quote = "Car insurance prices depend on the driver, so I'll need your date of birth and driving licence number."
    assert findings(quote, {}, channel="chat", rule="overreach.data_request") == []


def test_an_amount_for_a_year_is_not_a_multibuy() -> None:
    ctx = {"consent": {"marketing_email": False}}
    paid = "Thank you, we've received your tuition fee instalment of £3,083.33 for 2024/25."
    assert findings(paid, ctx, rule="overreach.consent") == []
    assert findings("Any 3 for 2 on snacks this week.", ctx, rule="overreach.consent")


@pytest.mark.parametrize(
    ("pref", "body"),
    [
        ("no alcohol offers please", "Our award-winning Malbec, now £7 a bottle when you buy six."),
        ("no cake or dessert offers", "Six salted caramel éclairs for £9 this weekend."),
        ("mobile only, no home internet offers", "Telvia Fibre now reaches your postcode: 900Mb broadband."),
        ("no cruises", "Seven nights sailing the Norwegian fjords aboard the Aurora Star."),
    ],
)
def test_opted_out_topics_cover_their_common_members(pref: str, body: str) -> None:
    assert findings(body, {"stated_preferences": [pref]}, rule="overreach.opted_out")


@pytest.mark.parametrize(
    "body", ["Don't leave it until it's too late and the choice is made for you.", "Act today: it may be too late."]
)
def test_fear_of_lateness_pressures(body: str) -> None:
    assert findings(body, {}, rule="overreach.guilt_trip")


@pytest.mark.parametrize(
    ("text", "familiar"),
    [
        ("Sorry for the mix-up with that, bud.", True),
        ("All sorted, mate!", True),
        ("Your mate, Sam, can join too.", False),
        ("Bring a mate and you both get 10% off.", False),
    ],
)
def test_a_nickname_closing_a_sentence_is_familiar(text: str, familiar: bool) -> None:
    ctx = {"relationship": {"tenure_months": 1, "lifecycle_stage": "new", "involvement": "low"}}
    assert bool(findings(text, ctx, channel="chat", rule="overreach.over_familiar")) is familiar


def test_more_picks_put_to_the_reader_after_the_answer() -> None:
    text = (
        "Here are options you might like: the Kestrel Shell ($129) and the Drift Anorak ($99). You might also want "
        "our Trek Fleece, Merino Base Layer, Storm Gaiters, Cascade Beanie, a Dry Bag, Reproofing Spray and the Gloves."
    )
    (f,) = findings(text, channel="chat", rule="overreach.too_many_suggestions")
    assert f.quote.startswith("You might also want our Trek Fleece")
    box = "You'll want our Feast Box: basmati, ghee, paneer, a masala dabba and a box of sweets, all for £35."
    assert findings(box, rule="overreach.too_many_suggestions") == []


def test_an_offer_while_the_agent_is_here_is_an_upsell_in_a_case() -> None:
    ctx = {"support": {"open_case": True, "topic": "return a lamp"}}
    text = "I've started the return for the lamp. While I'm here: shall I pop our baby catalogue in the post too?"
    assert findings(text, ctx, channel="chat", rule="overreach.upsell_during_support")
    service = "Would you like me to move the delivery to a Saturday while I'm at it?"
    assert findings(service, ctx, channel="chat", rule="overreach.upsell_during_support") == []


def test_a_stock_question_is_answered_with_an_offer_to_reserve() -> None:
    text = "Yes, the Hale bookcase is back in stock at 10% off for members. Would you like me to reserve one?"
    ctx = {"support": {"open_case": True, "topic": "stock question: Hale bookcase"}}
    assert findings(text, ctx, channel="chat", rule="overreach.upsell_during_support") == []


def test_prying_and_slang_are_over_familiar_for_a_low_involvement_customer() -> None:
    low = {"relationship": {"involvement": "low"}}
    assert findings("Someone special on the scene? 😉 Book a table for two.", low, rule="overreach.over_familiar")
    assert findings("Yasss queen, payday is here!", low, rule="overreach.over_familiar")


def test_a_named_plan_pitched_during_an_open_case() -> None:
    ctx = {"support": {"open_case": True, "topic": "slow broadband"}}
    body = "I've reset your line. While we're at it, have you heard about Skylark Plus? It's only £5 more."
    assert findings(body, ctx, rule="overreach.upsell_during_support")


def test_putting_the_case_right_is_not_an_upsell() -> None:
    context = {"support": {"open_case": True, "topic": "voucher did not apply"}}
    fixed = "I've reissued your $25 voucher and it should show in your account within the hour."
    assert findings(fixed, context, channel="chat", rule="overreach.upsell_during_support") == []
    sold = "While you're here, our Fibre 900 plan is 20% off this week."
    assert findings(sold, context, channel="chat", rule="overreach.upsell_during_support")


def test_general_sale_is_not_a_sale() -> None:
    text = "To keep the room, pay the deposit below; after 6pm it goes back on general sale."
    assert findings(text, {"consent": {"marketing_email": False}}, rule="overreach.consent") == []
    assert findings("Our summer sale ends Sunday.", {"consent": {"marketing_email": False}}, rule="overreach.consent")


def test_a_list_the_customer_asked_for_is_not_too_many_suggestions() -> None:
    body = "Here's the full gluten-free range you asked for:\n" + "\n".join(f"- Loaf {i}" for i in range(12))
    asked = {"stated_preferences": ["coeliac - please send me your full gluten-free range"]}
    assert findings(body, asked, rule="overreach.too_many_suggestions") == []
    assert findings(body, {}, rule="overreach.too_many_suggestions")
    # asked in other words: "please flag ..." is a request too
    passover = (
        "As you asked, here's our kosher-for-Passover range, now in stock: matzo, macaroons, gefilte fish, "
        "honey cake, horseradish, kosher salt and certified wines."
    )
    flag = {"stated_preferences": ["We keep kosher, please flag kosher-for-Passover products"]}
    assert findings(passover, flag, rule="overreach.too_many_suggestions") == []
    assert findings(passover, {"stated_preferences": ["We keep kosher"]}, rule="overreach.too_many_suggestions")


def test_a_footer_offering_how_often_does_not_excuse_frequency() -> None:
    ctx = {"contact_history": {"messages_last_7_days": 12}}
    footer = "You're getting this because you signed up. Unsubscribe or change how often we write."
    body = f"Our trail sale: 20% off packs.\n\n{footer}"
    assert findings(body, ctx, rule="overreach.frequency")


@pytest.mark.parametrize(("sent", "flagged"), [(7, True), (0, False)])
def test_the_customers_own_limit_counts(sent: int, flagged: bool) -> None:
    ctx = {
        "stated_preferences": ["Just one email a month please"],
        "contact_history": {"messages_last_7_days": min(sent, 2), "messages_last_30_days": sent},
    }
    body = "Fresh this week: cardamom knots and a rye sourdough.\n\nOrder here: example.com\n\nUnsubscribe"
    found = findings(body, ctx, rule="overreach.frequency")
    assert bool(found) is flagged and all(f.severity == 3 for f in found)


def test_reviewing_the_thing_bought_is_a_feedback_ask_but_reviewing_a_statement_is_not() -> None:
    asks = (
        "- Rate your delivery team\n- Review your sofa on our website\n- Take our 10-minute customer experience survey"
    )
    assert [f.severity for f in findings(asks, rule="overreach.feedback_requests")] == [1, 2, 2]
    admin = "Rate your delivery team. Please review your statement on our website."
    assert findings(admin, rule="overreach.feedback_requests") == []


def test_an_opted_out_topic_covers_its_products() -> None:
    ctx = {"stated_preferences": ["Please stop sending me makeup promos, I only buy skincare"]}
    assert findings("New lip kits just dropped! 20% off.", ctx, channel="sms", rule="overreach.opted_out")
    assert findings("Your cleanser refill is 20% off.", ctx, channel="sms", rule="overreach.opted_out") == []


def test_living_alone_is_not_a_marketing_question() -> None:
    text = "Reply YES if you're over 65 and live alone, and we'll tailor our offers."
    assert findings(text, channel="sms", rule="overreach.data_request")


def test_an_inline_list_that_describes_is_not_a_list_of_picks() -> None:
    described = "We teach guitar, bass, piano, drums, ukulele, harp, flute and singing, for every age and level."
    assert findings(described, rule="overreach.too_many_suggestions") == []
    suggested = (
        "You might also like the Orla dress, Tate mules, the Bea tote, Linden earrings, a Mira scarf, the Cass belt "
    )
    suggested += "and our Juno hat."
    assert findings(suggested, rule="overreach.too_many_suggestions")


def test_an_offer_after_the_case_is_closed_is_not_an_upsell_during_it() -> None:
    case = {"support": {"open_case": True, "topic": "phone screen repair"}}
    done = "Your phone repair is done and ready to collect. This week only: 20% off cases."
    assert findings(done, case, channel="sms", rule="overreach.upsell_during_support") == []
    open_ = "We're still waiting on the part. This week only: 20% off cases. Your price is fixed for 24 months."
    assert findings(open_, case, channel="sms", rule="overreach.upsell_during_support")


@pytest.mark.parametrize(
    ("text", "context", "rule"),
    [
        (
            "Before I process it, pop your full card number, expiry date and the 3 digits on the back here.",
            {},
            "overreach.data_request",
        ),
        (
            "Your cleaner visited today: how did Priya do? Reply 1 (poor) to 5 (great).",
            {"contact_history": {"feedback_requests_last_30_days": 7}},
            "overreach.feedback_requests",
        ),
        (
            "Your points are back. Also, you might want to look at our debt consolidation loan.",
            {"support": {"open_case": True, "topic": "missing points"}},
            "overreach.upsell_during_support",
        ),
    ],
)
def test_asks_and_upsells_in_everyday_words(text: str, context: dict[str, object], rule: str) -> None:
    assert findings(text, context, channel="chat", rule=rule)


def test_gushing_and_counted_picks_in_words() -> None:
    assert findings("Welcome aboard! We're literally obsessed with you already.", rule="overreach.over_familiar")
    assert findings("Here are fourteen picks we think belong in your garden.", rule="overreach.too_many_suggestions")
    assert findings("Here are three picks for your garden.", rule="overreach.too_many_suggestions") == []


@pytest.mark.parametrize(
    "text",
    ["To claim your prize, reply with the 6-digit OTP we just sent.", "Reply with your 12-digit Aadhaar number."],
)
def test_one_time_codes_and_national_ids_asked_by_text(text: str) -> None:
    assert findings(text, {}, channel="sms", rule="overreach.data_request")


def test_a_mascot_in_tears_is_guilt() -> None:
    text = "Luis the Lynx is crying in the corner. Is this really goodbye?"
    assert findings(text, {}, channel="push", rule="overreach.guilt_trip")


def test_bring_a_friend_free_is_an_offer() -> None:
    ctx = {"consent": {"marketing_push": False}}
    assert findings(
        "Bring a friend free to any Saturday class this month.", ctx, channel="push", rule="overreach.consent"
    )


def test_a_list_without_bullets_under_a_picks_heading() -> None:
    picks = "Here are this week's picks:\n\n" + "\n".join(f"Floral Midi Dress in Shade {i}" for i in range(12))
    assert findings(picks + "\n\nAll 20% off.\n\nFoxglove\nUnsubscribe", rule="overreach.too_many_suggestions")
    hours = "Find us:\n\n" + "\n".join(f"Day {i}: 9am to 5pm" for i in range(7)) + "\n\nSee you soon,\nThe team"
    assert findings(hours, rule="overreach.too_many_suggestions") == []


@pytest.mark.parametrize(
    "text",
    [
        "Your annual plan renews on June 21 for $96. Your plan includes free replacements and 10% off pots and tools.",
        "Your bill changes from 1 April. If you're finding it hard to pay, our support schemes could reduce your bill.",
    ],
)
def test_what_the_customer_has_and_help_paying_are_not_offers(text: str) -> None:
    assert findings(text, {"consent": {"marketing_email": False}}, rule="overreach.consent") == []


def test_a_message_that_keeps_to_the_preference_is_not_against_it() -> None:
    ctx = {"stated_preferences": ["I'm fasting for Ramadan, please don't call me during the day"]}
    text = "Ramadan Mubarak, Yusuf. We won't schedule any calls with you during daylight hours this month."
    assert findings(text, ctx, channel="sms", rule="overreach.opted_out") == []


def test_a_payment_plan_needs_income() -> None:
    text = "To set up a payment plan you can keep to, we need a rough picture of your monthly income."
    ctx = {"support": {"open_case": True, "topic": "bill arrears - customer asked for a payment plan"}}
    assert findings(text, ctx, rule="overreach.data_request") == []


@pytest.mark.parametrize(
    ("text", "context", "channel", "rule"),
    [
        (
            "So I can log in as you and check, what's the password you use for My Cobalt?",
            {},
            "chat",
            "overreach.data_request",
        ),
        ("To finish, read them the 6-digit code we've just texted you.", {}, "chat", "overreach.data_request"),
        (
            "Get 3 months of Lumen TV Max free this week.",
            {"consent": {"marketing_email": False}},
            "email",
            "overreach.consent",
        ),
        (
            "Your router is on its way. I'd really recommend our Entertainment bundle too.",
            {"support": {"open_case": True, "topic": "no broadband"}},
            "chat",
            "overreach.upsell_during_support",
        ),
    ],
)
def test_more_asks_offers_and_upsells(text: str, context: dict[str, object], channel: str, rule: str) -> None:
    assert findings(text, context, channel=channel, rule=rule)


def test_logging_in_to_update_is_still_a_safe_channel() -> None:
    assert findings("Log in to your account to update your date of birth.", rule="overreach.data_request") == []


@pytest.mark.parametrize(
    ("body", "pref"),
    [
        ("Up to 40% off garden furniture this weekend only.", "Only email me about school uniform deals, nothing else"),
        ("Leave us a quick review: pstem.co/r/8k2", "Please don't ask me for reviews or ratings"),
        ("New Naramata Bench reds just landed, 15% off mixed cases.", "Please stop sending me wine offers"),
        ("Our nursery furniture event is on now, 20% off cots.", "Please stop sending me baby offers"),
    ],
)
def test_an_offer_outside_what_the_customer_agreed_to_fires(body: str, pref: str) -> None:
    assert findings(body, {"stated_preferences": [pref]}, rule="overreach.opted_out")


@pytest.mark.parametrize(
    ("body", "pref"),
    [
        ("20% off school uniforms this weekend only.", "Only email me about school uniform deals, nothing else"),
        ("As you asked: new IPL jerseys just dropped, 10% off.", "Only text me about cricket merch"),
        ("Your order has shipped.", "Only email me about school uniform deals"),
        ("Cellar & Co: 10% off our craft beer range.", "No more wine offers please"),
    ],
)
def test_an_offer_within_what_the_customer_agreed_to_stays_quiet(body: str, pref: str) -> None:
    assert findings(body, {"stated_preferences": [pref]}, rule="overreach.opted_out") == []


def test_a_whole_list_the_customer_asked_for_is_not_too_many() -> None:
    items = "\n".join(f"{i}. Linen Shirt - Colour {i}" for i in range(1, 11))
    body = f"Here's every linen shirt that landed this week:\n\n{items}\n\nSee them all: example.com"
    asked = {"stated_preferences": ["Email me every new linen shirt you add - the full list"]}
    assert findings(body, asked, rule="overreach.too_many_suggestions") == []
    assert findings(body, {"stated_preferences": ["Email me about linen shirts"]}, rule="overreach.too_many")


@pytest.mark.parametrize(
    "body",
    [
        "Yo Kev, your order is ready 😂",
        "Oi oi Brian! Sale on.",
        "Catch ya soon!",
        "Thanks, you absolute legend!",
        "Hey friend! The new summer menu dropped this week.",
    ],
)
def test_street_greetings_are_over_familiar_for_a_distant_brand(body: str) -> None:
    assert findings(body, {"relationship": {"involvement": "low"}}, channel="sms", rule="overreach.over_familiar")


@pytest.mark.parametrize(
    "body",
    [
        "Yo-yo sale this week.",
        "The legend returns to cinemas Friday.",
        "Oil change due.",
        "Refer a friend and you both get £10.",
    ],
)
def test_words_that_only_look_familiar_stay_quiet(body: str) -> None:
    assert findings(body, {"relationship": {"involvement": "low"}}, channel="sms", rule="overreach.over_familiar") == []


@pytest.mark.parametrize(
    "body",
    [
        "Get a free travel-size cleanser this wknd.",
        "Two-for-one pizzas tonight only.",
        "Lock in today's price for 2 years with Fixed Saver 24.",
        "Our Easy Saver account pays 4.10% AER variable.",
        "Order any two bags this week and we'll add a third free.",
        "SIM-only plans from 20 a month.",
    ],
)
def test_offers_written_without_sale_words_are_promotions(body: str) -> None:
    assert findings(body, {"consent": {"marketing_sms": False}}, channel="sms", rule="overreach.consent")


@pytest.mark.parametrize(
    "body",
    [
        "Here's what's included in your plan from 1 June: broadband, calls and cloud storage.",
        "Get a free quote for your renovation.",
        "Your account is free of charges this month.",
    ],
)
def test_service_notes_that_mention_free_or_from_are_not_promotions(body: str) -> None:
    assert findings(body, {"consent": {"marketing_sms": False}}, channel="sms", rule="overreach.consent") == []


def test_a_form_field_asks_but_a_sentence_about_the_same_data_does_not() -> None:
    form = "Please complete the form:\nYour annual household income: ____\n"
    assert findings(form, rule="overreach.data_request")
    told = "Your salary from Hartwell Logistics lands on the 28th. Want us to move £150 into savings?"
    assert findings(told, rule="overreach.data_request") == []
    checklist = "Run our drawdown calculator to see what income your pot could give you."
    assert findings(checklist, rule="overreach.data_request") == []
    assert findings("What's your annual income?", rule="overreach.data_request")


def test_a_rating_ask_in_the_message_that_closes_the_case_is_fine() -> None:
    ctx = {"support": {"open_case": True, "topic": "change standing order date"}}
    done = "You're all set: the standing order now goes out on the 28th. If you've a moment, rate this chat."
    assert findings(done, ctx, channel="chat", rule="overreach.feedback_requests") == []
    widget = "We're still looking into your standing order. If you've a moment, rate this chat."
    assert findings(widget, ctx, channel="chat", rule="overreach.feedback_requests") == []  # the chat's own rating
    call = (
        "Your fault reference is F-2231. Once you hang up, you may hear a short two-question survey about today's call."
    )
    assert findings(call, ctx, channel="ivr", rule="overreach.feedback_requests") == []  # the call's own survey
    open_ = "We're still looking into your standing order. Meanwhile, please leave us a review on Trustpilot."
    assert findings(open_, ctx, channel="chat", rule="overreach.feedback_requests")


def test_offers_answer_a_case_opened_to_buy_but_not_one_where_the_customer_said_no() -> None:
    enquiry = {"support": {"open_case": True, "topic": "Plan enquiry"}}
    body = "Here are our plans. All include free delivery and 20% off the first month."
    assert findings(body, enquiry, channel="chat", rule="overreach.upsell_during_support") == []
    declined = {"support": {"open_case": True, "topic": "phone upgrade; customer declined insurance twice"}}
    assert findings(body, declined, channel="chat", rule="overreach.upsell_during_support")


@pytest.mark.parametrize(
    ("body", "channel"),
    [
        (
            "The quickest way is for me to log in and check myself - could you reply with your account password?",
            "email",
        ),
        ("Claim your 500 free gems! Reply with the 6-digit code we just texted you to confirm it's you.", "sms"),
        ("To set up your first payment I just need your full card number and the 3-digit code on the back.", "chat"),
        (
            "Before we discuss your membership, please key in the full sixteen-digit number of the card you pay with.",
            "ivr",
        ),
        ("Just reply to this email with your NHS number and a list of the medicines you currently take.", "email"),
        ("Get your Verified badge! Just reply with a photo of your passport and your annual income.", "sms"),
        ("We ask every new supporter for their date of birth, household income and religion.", "email"),
    ],
)
def test_secrets_and_data_the_purpose_does_not_need_are_asks(body: str, channel: str) -> None:
    assert findings(body, channel=channel, rule="overreach.data_request")


@pytest.mark.parametrize(
    ("body", "channel", "context"),
    [
        ("To verify it's you, please type the six-digit code we've just texted to your number ending 218.", "chat", {}),
        ("Just so you know, no one at Orbit will ever ask for your PIN, password or full card number.", "chat", {}),
        ("We recommend you log in to update your date of birth.", "email", {}),
        (
            "I can add your husband as an authorised user. I'll just need his full name and date of birth.",
            "chat",
            {"support": {"open_case": True, "topic": "add a second person to the account"}},
        ),
    ],
)
def test_checks_warnings_and_purposes_that_need_the_data_are_not_asks(
    body: str, channel: str, context: dict[str, object]
) -> None:
    assert findings(body, context, channel=channel, rule="overreach.data_request") == []


def test_far_past_the_limit_any_nudge_is_one_too_many_unless_the_customer_set_it_up() -> None:
    flooded = {"contact_history": {"messages_last_7_days": 26, "messages_last_30_days": 94}}
    nudge = "Your energy is full again ⚡ Come back and finish level 212 before your friends do!"
    (f,) = findings(nudge, flooded, channel="push", rule="overreach.frequency")
    assert f.severity == 3 and "Come back" in f.quote
    asked = {**flooded, "stated_preferences": ["Daily reminder at 7pm"]}
    assert findings(nudge, asked, channel="push", rule="overreach.frequency") == []
    ride = "Zipper: Amir is arriving in a silver Toyota Prius. Meet at the pickup point."
    assert findings(ride, flooded, channel="push", rule="overreach.frequency") == []
    assert findings("Are you still there? I can keep this chat open.", flooded, channel="chat", rule="overreach") == []


def test_an_age_limit_or_an_announced_check_needs_a_date_of_birth() -> None:
    rated = "Because some of these titles are rated 18+, we need to confirm your date of birth once."
    assert findings(rated, rule="overreach.data_request") == []
    check = (
        "Before I can talk about your account, I just need to confirm a couple of details. "
        "Could you confirm your date of birth and the first line of your address?"
    )
    assert findings(check, channel="chat", rule="overreach.data_request") == []


@pytest.mark.parametrize(
    ("body", "pref"),
    [
        (
            "Since you've told us you skip onion and garlic during Navratri, here's the festive menu.",
            "no onion or garlic",
        ),
        ("We'll send one short note a week, nothing more.", "No more than one email a week"),
        (
            "Each recipe feeds four, and the shopping lists are in the app.",
            "Vegetarian - no meat recipes or offers please",
        ),
    ],
)
def test_keeping_to_a_preference_or_a_limit_is_not_an_opt_out_broken(body: str, pref: str) -> None:
    assert findings(body, {"stated_preferences": [pref]}, rule="overreach.opted_out") == []


def test_a_request_after_the_opt_out_clause_and_the_customers_own_discount() -> None:
    pref = {"stated_preferences": ["no apps please, phone me for refills"]}
    ivr = "This is Pinecrest Pharmacy. Since you'd rather not use the app, press 1 to reorder by phone."
    assert findings(ivr, pref, channel="ivr", rule="overreach.opted_out") == []
    renewal = "Your premium is €412.60, a small drop thanks to your claims-free discount."
    assert findings(renewal, {"consent": {"marketing_email": False}}, rule="overreach.consent") == []


def test_an_internet_banking_password_or_a_national_id_is_never_a_phone_check() -> None:
    ivr = "For your security, please key in your internet banking password, then press hash."
    assert findings(ivr, channel="ivr", rule="overreach.data_request")
    chat = "For verification, please share your Aadhaar number and date of birth."
    assert findings(chat, channel="chat", rule="overreach.data_request")
    assert findings("For your security, please key in your date of birth.", channel="ivr", rule="overreach") == []


@pytest.mark.parametrize(
    "body",
    [
        # a star rating, then a survey: two asks, though the survey follows the rating's question
        "Rate the restaurant: was your food hot? Then take our quick survey about the app.",
        # asks in words the stock list missed: a named survey, a form, "rate how", a product review
        "Leave us a review on Trustpilot. Take our 12-minute Customer Voice survey.",
        "Rate each of your modules in MyStudent. Fill in our 10-minute Careers Service feedback form.",
        "Please rate your last call by pressing a number. Now, please rate how easy it was to reach us today.",
        "Rate your delivery (1 click)\nLeave a product review and earn 50 points\nTake our 3-minute shopping survey",
        "Press 1 to rate today's call out of five. Or stay on the line to record a voice review.",
    ],
)
def test_each_different_feedback_ask_counts(body: str) -> None:
    asks = findings(body, rule="overreach.feedback_requests")
    assert len(asks) >= 2 and any(f.severity >= 2 for f in asks)


@pytest.mark.parametrize(
    "body",
    [
        # a lead-in and the ask it leads to are one ask, even a sentence apart
        "If you have a minute, we'd love to hear how your session went. It's one question. How did we do?",
        "If you have a moment, we'd love to hear how your stay went. Would you take a moment to rate your stay?",
        "We'd be grateful for your thoughts in a three-question survey about your trip.\n[Share your feedback]",
        "How was your visit? [Rate your visit]",
    ],
)
def test_one_feedback_ask_in_two_sentences_is_one_ask(body: str) -> None:
    assert findings(body, rule="overreach.feedback_requests") == []


def test_an_upsell_finding_covers_its_call_to_act() -> None:
    ctx = {"support": {"open_case": True, "topic": "broadband outage"}}
    body = (
        "Sorry your line is down; an engineer is booked for Monday. While you wait, why not try our Fibre Max plan? "
        "Tap to upgrade. Thanks for your patience."
    )
    (f,) = findings(body, ctx, rule="overreach.upsell_during_support")
    assert f.quote == "While you wait, why not try our Fibre Max plan? Tap to upgrade."  # not the thanks after it


def test_an_opted_out_topic_finding_runs_on_to_its_offer() -> None:
    ctx = {"stated_preferences": ["cheese club only, no more wine offers please"]}
    body = "Six new Sauvignon Blancs have landed. Grab the mixed six for $119. Our cheese of the month is a blue."
    (f,) = findings(body, ctx, rule="overreach.opted_out")
    assert f.quote == "Six new Sauvignon Blancs have landed. Grab the mixed six for $119."


def test_a_phone_opt_out_points_at_the_calls_pitch_not_its_greeting() -> None:
    ctx = {"stated_preferences": ["Please don't phone me. Letters or email only."]}
    body = (
        "Hello, this is Meridian Insurance for Ruth. We'd like to tell you about our new add-on. To hear more, press 1."
    )
    (f,) = findings(body, ctx, channel="ivr", rule="overreach.opted_out")
    assert f.quote.startswith("To hear more, press 1") or "press 1" in f.quote
    assert "Hello" not in f.quote


@pytest.mark.parametrize(
    "body",
    [
        "Zesto: 2 large pizzas for £18 until midnight.",
        "FlexiGym: off-peak membership is £19/month for anyone who joins this month. Tap to switch.",
        "Our Fibre Max plan is $10 a month off for the first six months.",
    ],
)
def test_priced_offers_without_sale_words_sell(body: str) -> None:
    assert findings(body, {"consent": {"marketing_sms": False}}, channel="sms", rule="overreach.consent")


def test_a_priced_line_on_a_bill_is_not_an_offer() -> None:
    body = "Your bill of £19 for March is ready. It will be collected by direct debit on the 4th."
    assert findings(body, {"consent": {"marketing_sms": False}}, channel="sms", rule="overreach.consent") == []


def test_while_ive_got_you_is_an_upsell_during_an_open_case() -> None:
    ctx = {"support": {"open_case": True, "topic": "outage: no internet since Friday"}}
    body = "I've logged it all. While I've got you: our Fibre Max 900 plan is $10 a month off. Anything else?"
    (f,) = findings(body, ctx, channel="chat", rule="overreach.upsell_during_support")
    assert f.quote.startswith("While I've got you")


def test_medications_you_are_taking_is_a_health_ask() -> None:
    body = "Before I finalise your order, could you list any medications you're currently taking?"
    (f,) = findings(body, {}, channel="chat", rule="overreach.data_request")
    assert f.severity == 3


def test_a_prize_draw_a_sentence_back_still_never_needs_an_ssn() -> None:
    body = "You've been selected for our summer sweepstakes! To enter, say or key in your Social Security number."
    (f,) = findings(body, {}, channel="ivr", rule="overreach.data_request")
    assert f.severity == 4
    check = "For your security, please key in your Social Security number."
    assert findings(check, {}, channel="ivr", rule="overreach.data_request") == []


def test_a_rating_question_after_many_recent_asks_is_one_too_many() -> None:
    body = "Glad that worked! If you have a moment, there's a single optional rating question below this chat."
    ctx = {"contact_history": {"feedback_requests_last_30_days": 6}}
    assert findings(body, ctx, channel="chat", rule="overreach.feedback_requests")
    assert findings(body, {"contact_history": {"feedback_requests_last_30_days": 0}}, channel="chat") == []
    assert findings("Your rating was saved. Thanks!", ctx, channel="chat", rule="overreach.feedback_requests") == []


def test_options_for_you_listed_inline_are_suggestions() -> None:
    many = "Here are some options for you: the Alder, the Birch, the Cedar, the Dune, the Elm, the Fern and the Gale."
    assert findings(many, {}, channel="chat", rule="overreach.too_many_suggestions")
    hours = "Here are our opening hours: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday and Sunday."
    assert findings(hours, {}, channel="chat", rule="overreach.too_many_suggestions") == []


@pytest.mark.parametrize(
    ("body", "topic", "fires"),
    [
        (
            "Done. Everything else on your cover stays the same, including your protected no-claims discount.",
            "change of car use",
            False,
        ),  # what the customer already has
        (
            "While I've got you, why not switch to our 900 Mbps plan for $15 more a month?",
            "asked about faster broadband",
            False,
        ),
        ("While I've got you, why not switch to our 900 Mbps plan for $15 more a month?", "outage: no internet", True),
        # the price of the very thing the case asked about, and another thing's
        (
            "The Harlow maternity jeans run true to size. They're also in the Bump Edit, 20% off this week.",
            "sizing question: Harlow maternity jeans",
            False,
        ),
        (
            "The Harlow maternity jeans run true to size. Our new Bump Edit tops are 20% off this week.",
            "sizing question: Harlow maternity jeans",
            True,
        ),
    ],
)
def test_what_the_case_asked_for_or_already_has_is_no_upsell(body: str, topic: str, fires: bool) -> None:
    ctx = {"support": {"open_case": True, "topic": topic}}
    assert bool(findings(body, ctx, channel="chat", rule="overreach.upsell_during_support")) is fires


@pytest.mark.parametrize(
    ("body", "channel", "fires"),
    [
        ("For your security I'll send a one-time PIN to the mobile number on your account now.", "chat", False),
        ("To protect your account, we'll send a one-time code to your registered mobile number.", "ivr", False),
        ("Please send us the one-time PIN from your text so we can check.", "sms", True),
        ("To help us find your account, please enter your date of birth as eight digits.", "ivr", False),
        ("She'll just need to confirm her date of birth the first time she rings.", "chat", False),
        ("Could you send me your date of birth and your PIN?", "chat", True),
    ],
)
def test_identity_checks_and_codes_the_company_sends_are_not_asks(body: str, channel: str, fires: bool) -> None:
    assert bool(findings(body, channel=channel, rule="overreach.data_request")) is fires


def test_a_sentence_that_counts_two_picks_is_not_a_long_list() -> None:
    two = (
        "We've picked two adults-only hotels, one in Positano and one in Ravello, both with sea-view rooms and a late "
        "check-out, so you can make the most of the last morning."
    )
    assert findings(two, rule="overreach.too_many_suggestions") == []
    many = "We've picked the Lyra, the Vega, the Orion, the Altair, the Deneb, the Rigel, the Spica and the Mira."
    assert findings(many, rule="overreach.too_many_suggestions")


def test_saying_the_opted_out_channel_will_not_be_used_keeps_to_the_opt_out() -> None:
    ctx = {"stated_preferences": ["I'm Deaf - please keep support in chat or email, no phone calls"]}
    keeps = "We'll keep everything in chat and by email, and I've added a note so nobody tries to phone you."
    assert findings(keeps, ctx, channel="chat", rule="overreach.opted_out") == []
    calls = "Our team will phone you on Monday to go through it."
    assert findings(calls, ctx, channel="chat", rule="overreach.opted_out")


def test_a_gift_acknowledged_is_its_receipt_not_an_appeal() -> None:
    ctx = {"consent": {"marketing_email": False}}
    receipt = "Thank you for your gift of £50 in memory of Helen. Your donation will help fund a nurse for a week."
    assert findings(receipt, ctx, rule="overreach.consent") == []
    appeal = "Your donation could fund a nurse for a week. Give today."
    assert findings(appeal, ctx, rule="overreach.consent")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # a plain answer that names a fee the customer will not pay
        ("I've pulled up the account: your plan renews on 14 March, and there's no early-upgrade fee.", "renewal date"),
        # the customer asked what to buy
        (
            "I'd go with the Coil Quench leave-in. Both are 3-for-2 right now if you'd like to add a gel.",
            "Asked what to recommend",
        ),
        # compensation owed is not a sale
        ("You're entitled to a meal voucher if you're at the airport before 9am.", "flight cancellation rebooking"),
    ],
)
def test_an_answer_a_recommendation_asked_for_or_compensation_is_no_upsell(text: str, topic: str) -> None:
    ctx = {"support": {"open_case": True, "topic": topic}}
    assert findings(text, ctx, channel="chat", rule="overreach.upsell_during_support") == []


def test_an_upsell_during_an_open_case_still_fires() -> None:
    ctx = {"support": {"open_case": True, "topic": "broadband keeps dropping"}}
    text = "Sorry about the dropouts. Have you considered our Fibre Max plan? It's £10 more a month."
    assert findings(text, ctx, channel="chat", rule="overreach.upsell_during_support")


@pytest.mark.parametrize(
    "text",
    [
        "Just a reminder: your free trial of Lumio Premium ends on 21 March. After that it's £7.99 a month.",
        "Your account ending 0923 went overdrawn today. If things are tight, our money support team is here.",
    ],
)
def test_notices_of_the_customers_own_account_need_no_marketing_consent(text: str) -> None:
    assert findings(text, {"consent": {"marketing_email": False}}, rule="overreach.consent") == []


def test_an_identity_check_is_for_account_business_only() -> None:
    text = (
        "Before I open your account details, could you confirm your date of birth and the last four digits of the card?"
    )
    dispute = {"support": {"open_case": True, "topic": "disputed card payment of $64.20"}}
    hours = {"support": {"open_case": True, "topic": "what time does the Main Street branch open on Saturday?"}}
    assert findings(text, dispute, channel="chat", rule="overreach.data_request") == []
    (f,) = findings(text, hours, channel="chat", rule="overreach.data_request")
    assert f.severity == 3


def test_pasting_card_details_into_a_chat_is_asked_for() -> None:
    text = "To speed things up, just paste your full card number, the expiry date and the 3-digit code here."
    (f,) = findings(text, channel="chat", rule="overreach.data_request")
    assert f.severity == 4


@pytest.mark.parametrize(
    ("text", "name", "fires"),
    [
        ("No worries, Jonno! Your replacement charger is on its way.", {"first": "Jonathan"}, True),
        ("Hi Sam, your order has shipped.", {"first": "Samantha"}, True),
        ("Hi Sam, your order has shipped.", {"first": "Samantha", "preferred": "Sam"}, False),
        ("Thanks, Jonathan. Your order has shipped.", {"first": "Jonathan"}, False),
        # a nickname that keeps no letter of the name, from the nicknames package's list
        ("Hey Bobby! The members' sale is on.", {"first": "Robert"}, True),
        ("Hey Bobby! The members' sale is on.", {"first": "Robert", "preferred": "Bobby"}, False),
        # listed for a name sharing four letters, said as a listed one sounds, the first letter said aloud
        ("Hey Jules! Thanks for joining the list.", {"first": "Julianne"}, True),
        ("Hi Bex, your class is booked.", {"first": "Rebecca"}, True),
        ("Hey Dee! The linen set is back in sage.", {"first": "Deirdre"}, True),
        ("Hey Dee! The linen set is back in sage.", {"first": "Deirdre", "preferred": "Dee"}, False),
    ],
)
def test_a_nickname_the_customer_never_gave(text: str, name: dict[str, str], fires: bool) -> None:
    found = findings(text, {"name": name}, channel="chat")
    assert bool([f for f in found if f.rule_id == "overreach.nickname"]) is fires
    assert not [f for f in found if f.rule_id == "data_quality.wrong_name"]  # a nickname is no one else's name


def test_the_chats_own_rating_waits_for_nothing_but_counts_toward_the_limit() -> None:
    text = "All done. If you have a moment, there's an optional one-question rating just below this chat."
    case = {"support": {"open_case": True, "topic": "change delivery slot"}}
    assert findings(text, case, channel="chat", rule="overreach.feedback_requests") == []
    many = {**case, "contact_history": {"feedback_requests_last_30_days": 6}}
    assert findings(text, many, channel="chat", rule="overreach.feedback_requests")
    # a reply that opens on the case being done may offer the survey after it
    done = "All done, Aaron: your roaming add-on is active. There's an optional 2-question survey, no pressure."
    assert findings(done, case, channel="chat", rule="overreach.feedback_requests") == []
    waiting = "Once it's all done, there's an optional 2-question survey, no pressure."
    assert findings(waiting, case, channel="chat", rule="overreach.feedback_requests")


def test_the_opt_outs_own_confirmation_is_no_breach_of_it() -> None:
    ctx = {"consent": {"marketing_sms": False}, "stated_preferences": ["texted STOP to Copperline offers"]}
    text = "Copperline: you're unsubscribed from marketing texts. No more offers will be sent by text."
    assert findings(text, ctx, channel="sms", rule="overreach.opted_out") == []


def test_an_end_of_contract_notice_that_offers_a_way_out_is_not_marketing() -> None:
    ctx = {"consent": {"marketing_email": False}}
    notice = (
        "Your 24-month Lumen contract ends on 30 September. Your options:\n"
        "- Switch to a SIM-only plan from £10 a month.\n"
        "- Upgrade your phone, or leave Lumen: text PAC to 65075 for a switching code."
    )
    assert findings(notice, ctx, rule="overreach.consent") == []
    assert findings("Your contract ends soon! Upgrade now and get 50% off.", ctx, rule="overreach.consent")
    longer = notice.replace("Lumen contract ends", "Lumen contract for the number ending 219 ends")
    assert findings(longer, ctx, rule="overreach.consent") == []
    stay = (
        "Your Cobalt contract comes to an end on 14 March. You could:\n"
        "- Upgrade to a Pixel 8a from £19 a month\n- Do nothing, and your plan continues month to month."
    )
    assert findings(stay, ctx, rule="overreach.consent") == []


@pytest.mark.parametrize(
    "text",
    [
        "We will never call you to ask for your router password.",
        "A reminder about scams: Oakhurst will never call, text or email to ask for your PIN or a one-time code.",
        "You'll never need to share your PIN with us.",
    ],
)
def test_a_promise_never_to_ask_is_no_request(text: str) -> None:
    assert findings(text, rule="overreach.data_request") == []


def test_a_request_beside_a_promise_is_still_a_request() -> None:
    assert findings("Reply with your PIN and we'll never bother you again.", rule="overreach.data_request")


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        # the worst item of a list decides: a date of birth beside a Social Security number is no identity check
        ("To complete your entry, please include your date of birth and Social Security number.", 4),
        ("Just reply here with your Instagram username and password and we'll do the rest.", 4),
        ("Your payment failed. Reply in app chat with your full card number & CVV to keep watching.", 4),
        ("It takes ten seconds: sync your phone contacts with the Loopwell app and the discount unlocks.", 3),
        ("Please list any medical diagnoses you have and the medications you take, with dosages.", 3),
        # a secret far into the sentence, after a reply "to this email"
        ("To keep your miles, reply to this email with your member number and your current account password.", 4),
    ],
)
def test_secrets_and_contacts_asked_in_any_wording(text: str, severity: int) -> None:
    (f,) = findings(text, channel="chat", rule="overreach.data_request")
    assert f.severity == severity


def test_an_identity_check_of_non_secrets_still_passes() -> None:
    text = "Please confirm your date of birth and the first line of your address to verify your identity."
    assert findings(text, channel="chat", rule="overreach.data_request") == []
    text = "Reply to this email with your order number and the postcode it was delivered to."
    assert findings(text, rule="overreach.data_request") == []
    text = "We list your date of birth on the policy schedule, so please check it."
    assert findings(text, rule="overreach.data_request") == []
    text = "Please bring your glasses and a list of any medicines you take."
    assert findings(text, rule="overreach.data_request") == []


@pytest.mark.parametrize(
    "text",
    [
        "Kindred Dental: whitening trays now £149 (were £220) for patients until Sunday.",
        "Fathom: top up your ISA before 5 April and get £50 cashback.",
        "Peak Auto Mall: Memorial Day blowout! $0 down on every Jeep in stock.",
        "GreenCrew: Weekend special! Aeration and overseeding this Saturday.",
        "This weekend's picks: jazz at The Vaults. Tickets from £12.",
    ],
)
def test_offers_without_the_word_offer_need_consent(text: str) -> None:
    assert findings(text, {"consent": {"marketing_sms": False}}, channel="sms", rule="overreach.consent")


@pytest.mark.parametrize(
    "text",
    [
        "Your monthly Direct Debit will stay at £96 from May.",
        "Room: Deluxe King, 2 nights at $189.00. See you on the 4th.",
        "Your premium stays at $84 a month and there's nothing you need to do.",
    ],
)
def test_a_price_the_customer_already_pays_is_no_offer(text: str) -> None:
    assert findings(text, {"consent": {"marketing_sms": False}}, channel="sms", rule="overreach.consent") == []


def test_hardship_help_is_not_marketing() -> None:
    body = (
        "If your loan repayments feel hard right now, we can help:\n\n- Pause repayments for up to three months\n"
        "- Lower your monthly payment by extending the term\n\nCall our Money Support team."
    )
    no_email = {"consent": {"marketing_email": False}}
    assert findings(body, no_email, rule="overreach.consent") == []
    assert findings("Lower your monthly payment with our new loan.", no_email, rule="overreach.consent")


def test_data_asked_for_without_the_stock_verbs() -> None:
    ivr = (
        "To check on your refill, please enter your full nine-digit Social Security number, followed by the pound key."
    )
    assert findings(ivr, channel="ivr", rule="overreach.data_request")
    assert (
        findings(
            "Please enter the last four digits of your SSN, followed by the pound key.",
            channel="ivr",
            rule="overreach.data_request",
        )
        == []
    )
    offer = "5% cashback at 300 stores. To switch it on, tell us your annual salary and employer in the app."
    assert findings(offer, rule="overreach.data_request")
    assert (
        findings("Update your income in the app so we can review your credit limit.", rule="overreach.data_request")
        == []
    )
    listed = "We'd love a few details: how many you cook for, your total household income, and any medical conditions."
    assert findings(listed, rule="overreach.data_request")
    assert findings("You can send naira straight to any Nigerian bank account.", rule="overreach.data_request") == []


def test_guilt_hung_on_family_and_effort() -> None:
    for text in [
        "Every day you put this off is another day you're gambling with their future.",
        "Could you honestly look them in the eye if the worst happened?",
        "Don't your kids deserve a lawn they can actually play on?",
        "Quitting now means all those early mornings were basically for nothing.",
    ]:
        assert findings(text, rule="overreach.guilt_trip"), text
    assert findings("Your hard work paid off: ten sessions done!", rule="overreach.guilt_trip") == []


def test_a_list_under_a_heading_that_suggests_it() -> None:
    body = (
        "Since you're getting the yard in shape, here's everything else we think you'll want:\n\n"
        "A string trimmer, a leaf blower, a hedge trimmer, two spare batteries, a rapid charger, a spreader, "
        "grass seed, a garden hose and a wheelbarrow."
    )
    assert findings(body, rule="overreach.too_many_suggestions")
    box = "As a regular, you'll want our Feast Box: basmati, ghee, paneer, a masala dabba and a box of sweets."
    assert findings(box, rule="overreach.too_many_suggestions") == []


def test_a_rating_request_and_its_button_are_one_ask() -> None:
    body = (
        "We'd be grateful for a quick star rating of your visit. It's completely optional. Rate your visit\n\nThanks."
    )
    assert [f for f in findings(body, rule="overreach.feedback_requests") if f.severity >= 2] == []


def test_an_offer_joined_to_an_alert_the_customer_asked_for() -> None:
    ctx = {
        "consent": {"marketing_sms": False},
        "stated_preferences": ["tell me when the merino DK is back in stock"],
    }
    joined = "Hi Tom, the merino DK you asked about is back in 14 shades, plus 20% off circular needles till Sun."
    assert findings(joined, ctx, channel="sms", rule="overreach.consent")
    alert = "Hi Tom, the merino DK you asked about is back in 14 shades, now 20% off till Sun."
    assert findings(alert, ctx, channel="sms", rule="overreach.consent") == []


def test_only_about_one_thing_not_another() -> None:
    ctx = {
        "consent": {"marketing_email": True},
        "stated_preferences": ["Only contact me about my mobile, not home internet"],
    }
    body = "Your mobile plan renews next month. Plus, our Fibre now reaches your postcode: bundle it for £22 a month."
    assert findings(body, ctx, rule="overreach.opted_out")
    assert findings("Your mobile plan renews next month with double data.", ctx, rule="overreach.opted_out") == []
    taste = {"consent": {"marketing_email": True}, "stated_preferences": ["I run trails, not roads"]}
    assert findings("New trail shoes are in, and road shoes too.", taste, rule="overreach.opted_out") == []


def test_no_event_invitations_covers_live_sessions() -> None:
    ctx = {"consent": {"marketing_email": True}, "stated_preferences": ["no webinar or event invitations please"]}
    body = "On Wednesday we're running a 45-minute live session on the new connectors. Save your seat: ex.co/live"
    assert findings(body, ctx, rule="overreach.opted_out")
    assert findings("Your connectors update is live in the console.", ctx, rule="overreach.opted_out") == []


def test_data_the_purpose_does_not_need_asked_beside_a_reference_or_by_someone_else() -> None:
    ret = (
        "To process it I'll need a few details: your order number, your date of birth, your occupation and your "
        "approximate annual income, just for our records."
    )
    assert findings(ret, channel="chat", rule="overreach.data_request")
    check = "To find your order I'll need a few details: your order number and your date of birth."
    assert findings(check, channel="chat", rule="overreach.data_request") == []
    courier = "Before I post it, the courier I use needs your date of birth and a photo of your driving licence."
    assert findings(courier, channel="chat", rule="overreach.data_request")
    assert findings("Your parcel needs a signature on delivery.", channel="chat", rule="overreach.data_request") == []
    claim = (
        "To get your claim moving, please upload the following:\n\n- photos of the damaged areas\n"
        "- your National Insurance number"
    )
    assert findings(claim, rule="overreach.data_request")
    photos = "To get your claim moving, please upload the following:\n\n- photos of the damaged areas\n- the invoice"
    assert findings(photos, rule="overreach.data_request") == []


def test_the_customers_own_documents_and_statements_are_not_marketing() -> None:
    no_email = {"consent": {"marketing_email": False}}
    for body in [
        "Your annual account summary for 2024 is now available in online banking under Documents.",
        "Your 2024 Form 1099-INT from Greystone Savings is now available in online banking.",
        "Here's your Rewards statement for the quarter.\n\nPoints earned: 1,240\nPoints balance: 3,880\n"
        "Vouchers issued: two £5 vouchers, valid until 30 September\n\nYour vouchers are already on your card.",
    ]:
        assert findings(body, no_email, rule="overreach.consent") == [], body
    assert findings("The new spring catalogue is now available online.", no_email, rule="overreach.consent")
    promo = "Summer sale!\n\nCode: SUMMER20\nDiscount: 20% off everything\nEnds: Sunday"
    assert findings(promo, no_email, rule="overreach.consent")


def test_an_order_confirmation_lists_what_was_bought() -> None:
    items = "\n".join(f"- Item {n}, size M" for n in range(1, 9))
    order = f"Thanks for your order. Here's what's on its way:\n\n{items}\n\nOrder total: £184.00 (free delivery)"
    assert findings(order, rule="overreach.too_many_suggestions") == []
    picks = f"Thanks for your order. You might also like these, 20% off this week:\n\n{items}"
    assert findings(picks, rule="overreach.too_many_suggestions")


def test_not_a_data_request_the_company_own_details_a_warning_or_a_scheme() -> None:
    for body, channel in [
        (
            "If you'd rather pay by transfer, reply and our billing team will send an invoice with our bank details.",
            "email",
        ),
        (
            "Upload it to the secure portal; please don't email documents that include Social Security numbers.",
            "email",
        ),
        (
            "Confirm that any salary sacrifice changes from 6 April have been entered with the right start date.",
            "email",
        ),
        (
            "We will never ask for your online banking password on this call. To get started, please key in your "
            "8-digit account number followed by the hash key.",
            "ivr",
        ),
    ]:
        assert findings(body, channel=channel, rule="overreach.data_request") == [], body
    assert findings("Could you confirm your salary and your National Insurance number?", rule="overreach.data_request")


def test_another_name_with_the_same_start_is_no_nickname() -> None:
    found = findings("Hi Marcus, your new SIM has shipped.", {"name": {"first": "Marisol"}}, channel="sms")
    assert not [f for f in found if f.rule_id == "overreach.nickname"]
    assert [f for f in found if f.rule_id == "data_quality.wrong_name"]
    found = findings("Hi Danny, your new SIM has shipped.", {"name": {"first": "Daniel"}}, channel="sms")
    assert [f for f in found if f.rule_id == "overreach.nickname"]
    for other, first in (("Delia", "Deirdre"), ("Bess", "Rebecca"), ("Jude", "Julianne")):
        found = findings(f"Hi {other}, your new SIM has shipped.", {"name": {"first": first}}, channel="sms")
        assert [f for f in found if f.rule_id == "data_quality.wrong_name"], other


def test_offers_without_sale_words_and_business_words_waved_away() -> None:
    no_push = {"consent": {"marketing_push": False}}
    assert findings("New HIIT at 12:30. Your first class is free. Book in the app.", no_push, channel="push")
    no_sms = {"consent": {"marketing_sms": False}}
    flu = "Walk-in flu shots are back at all 14 stores this week, no appointment needed. Reply STOP to opt out"
    assert findings(flu, no_sms, channel="sms", rule="overreach.consent")
    booked = "Your appointment is confirmed for Tuesday at 10. Reply STOP to opt out"
    assert findings(booked, no_sms, channel="sms", rule="overreach.consent") == []
    ask = "Update your religion & caste in the app to unlock festival offers made just for you!"
    assert findings(ask, channel="sms", rule="overreach.data_request")


def test_no_alcohol_covers_packs_of_beer() -> None:
    ctx = {"consent": {"marketing_sms": True}, "stated_preferences": ["no alcohol promos please"]}
    assert findings(
        "Braai Friday! Ice-cold 6-packs delivered in 30 min.", ctx, channel="sms", rule="overreach.opted_out"
    )
    assert (
        findings("Braai Friday! Boerewors rolls delivered in 30 min.", ctx, channel="sms", rule="overreach.opted_out")
        == []
    )


def test_a_card_pin_asked_on_a_call() -> None:
    pin = "For faster service, please key in your card number, followed by your 4-digit PIN and the hash key."
    assert findings(pin, channel="ivr", rule="overreach.data_request")
    account = "To find your account, please key in your account number followed by the hash key."
    assert findings(account, channel="ivr", rule="overreach.data_request") == []


def test_goods_added_to_an_order_unasked() -> None:
    added = "Feel better soon! We've added honey-lemon lozenges and a chest rub to your next grocery order at 2-for-1."
    assert findings(added, rule="overreach.added_unasked")
    for body in [
        "Sorry about the late delivery. We've added a £15 credit to your next bill.",
        "As you asked, we've added oat milk to your weekly order.",
        "We've added our Saver bundle to your plan at no extra cost for three months.",
        "We've added the Wellness Pack to your cart, 30% off for owners.",
    ]:
        assert findings(body, rule="overreach.added_unasked") == [], body


def test_offers_named_by_what_they_give() -> None:
    no_push = {"consent": {"marketing_push": False}}
    assert findings(
        "Your free upsize is waiting. Show this in the app.", no_push, channel="push", rule="overreach.consent"
    )
    case = {"consent": {"marketing_email": True}, "support": {"open_case": True, "topic": "runners down, outage"}}
    pro = "Pro runners have twice the CPU. Try Stackwise Pro free for 14 days: no card needed."
    assert findings(pro, case, rule="overreach.upsell_during_support")
    repair = {"consent": {"marketing_push": True}, "support": {"open_case": True, "topic": "screen repair overdue"}}
    cover = "Your phone is still with our technicians. Meanwhile, protect your next phone with CarePlus+ for $9/mo!"
    assert findings(cover, repair, channel="push", rule="overreach.upsell_during_support")
    data = "You've used 90% of your data. Add 5GB for £3 in the app."
    assert findings(data, {"consent": {"marketing_sms": False}}, channel="sms", rule="overreach.consent") == []


def test_opted_out_topics_cover_their_members() -> None:
    sport = {"consent": {"marketing_sms": True}, "stated_preferences": ["no sports notifications please"]}
    assert findings("Stream City v United live from 5:30pm.", sport, channel="sms", rule="overreach.opted_out")
    pastry = {"consent": {"marketing_sms": True}, "stated_preferences": ["No more pastry or cake offers please"]}
    assert findings("Fresh almond croissants are back! 2 for £4.", pastry, channel="sms", rule="overreach.opted_out")
    assert findings("Our new flat white is here: 2 for £4.", pastry, channel="sms", rule="overreach.opted_out") == []


def test_identity_checks_on_a_call_or_beside_an_address() -> None:
    ivr = "We will never ask for your full PIN over the phone. To continue, please enter your date of birth."
    assert findings(ivr, channel="ivr", rule="overreach.data_request") == []
    survey = "Before we begin, please say your full date of birth and your approximate household income."
    assert findings(survey, channel="ivr", rule="overreach.data_request")
    chat = "Could you confirm your date of birth and the first line of your address?"
    assert findings(chat, channel="chat", rule="overreach.data_request") == []
    child = "To finish signing up, please send your child's date of birth and your order number."
    assert findings(child, channel="chat", rule="overreach.data_request")


def test_an_opt_out_kept_is_not_broken() -> None:
    mushrooms = {"stated_preferences": ["Vegetarian", "No mushrooms please"]}
    kept = "Next week's menu is live, and as always we've left off anything with mushrooms."
    assert findings(kept, mushrooms, rule="overreach.opted_out") == []
    assert findings("Next week: creamy mushroom risotto, 20% off.", mushrooms, rule="overreach.opted_out")
    drink = {"stated_preferences": ["I've stopped drinking, no wine or beer offers please"]}
    free = "Our alcohol-free aisle doubled. Pick any four bottles and save 15% through Sunday."
    assert findings(free, drink, rule="overreach.opted_out") == []
    assert findings("Pick any four bottles of wine and save 15% through Sunday.", drink, rule="overreach.opted_out")
    wine_first = "New Rhône reds: order any six bottles and save 20%. Not in the mood? Try our alcohol-free aperitifs."
    assert findings(wine_first, drink, rule="overreach.opted_out")


def test_quiet_hours_are_not_an_opt_out_of_the_channel() -> None:
    notice = "Good morning! Your sunflowers are ready to harvest and Pip has a new seed order for you."
    quiet = {"stated_preferences": ["No notifications after 10pm please"]}
    assert findings(notice, quiet, channel="push", rule="overreach.opted_out") == []
    late = "Stillwater: It's 11:15 pm. Tonight's sleep story is ready when you are."
    assert findings(late, quiet, channel="push", rule="overreach.opted_out")  # sent inside the quiet hours
    stop = {"stated_preferences": ["No notifications please"]}
    assert findings("Flash sale: 20% off seeds today!", stop, channel="push", rule="overreach.opted_out")


def test_an_alert_the_customer_set_up_is_not_marketing() -> None:
    ctx = {"consent": {"marketing_sms": False}, "stated_preferences": ["Text me if my checking drops under $100"]}
    alert = "Harborline Bank: checking ending 4417 is at $86.12, under the $100 alert you set up. Reply STOP to opt out"
    assert findings(alert, ctx, channel="sms", rule="overreach.consent") == []
    promo = "Harborline Bank: our new travel card has no fees abroad. Reply STOP to opt out"
    assert findings(promo, ctx, channel="sms", rule="overreach.consent")


def test_an_answer_to_the_customers_application_is_not_an_upsell() -> None:
    ctx = {
        "consent": {"marketing_email": False},
        "support": {"open_case": True, "topic": "auto loan pre-qualification application"},
    }
    answer = "Based on the details you gave us, you're pre-qualified for an auto loan of up to $28,000 at 6.4% APR."
    assert findings(answer, ctx, rule="overreach.consent") == []
    assert findings(answer, ctx, rule="overreach.upsell_during_support") == []
    other = {"consent": {"marketing_email": False}, "support": {"open_case": True, "topic": "lost card"}}
    assert findings("Get 20% off our premium card today!", other, rule="overreach.consent")


def test_a_treat_on_the_house_is_an_offer_and_an_apology_is_not() -> None:
    ctx = {"consent": {"marketing_push": False}}
    treat = "Book any class today and your post-workout smoothie is on us."
    assert findings(treat, ctx, channel="push", rule="overreach.consent")
    sorry = "Sorry about the mix-up with your booking, that one's on us."
    assert findings(sorry, ctx, channel="push", rule="overreach.consent") == []
    remedy = "Sorry your order arrived late: your delivery is on us, and we've refunded the fee."
    assert findings(remedy, {"consent": {"marketing_email": False}}, rule="overreach.consent") == []


def test_one_offer_to_stay_is_not_an_upsell_and_a_warranty_is_not_a_sale() -> None:
    leaving = {"support": {"open_case": True, "topic": "cancel my subscription"}}
    stay = "Before I process it, one option: I can take 20% off your plan for the next 12 months."
    assert findings(stay, leaving, channel="chat", rule="overreach.upsell_during_support") == []
    upsell = "Before I process it, have you seen our new premium speakers? 20% off today."
    assert findings(upsell, leaving, channel="chat", rule="overreach.upsell_during_support")
    refused = {"support": {"open_case": True, "topic": "cancel"}, "stated_preferences": ["no retention offers please"]}
    assert findings(stay, refused, channel="chat", rule="overreach.upsell_during_support")
    repair = {"support": {"open_case": True, "topic": "jacket seam peeling"}}
    covered = "It's covered by our lifetime repair promise, so drop it at any repair bar for a free fix."
    assert findings(covered, repair, channel="chat", rule="overreach.upsell_during_support") == []


def test_an_opt_out_kept_by_offering_the_alternative() -> None:
    ctx = {"stated_preferences": ["No interest-bearing products please, for religious reasons"]}
    text = "Instead of interest, your savings earn an expected profit share, currently 3.8% a year."
    assert findings(text, ctx, rule="overreach.opted_out") == []
    betting = {"stated_preferences": ["no betting offers please"]}
    block = "About the payments to betting sites: you can now switch on a gambling block for your debit card."
    assert findings(block, betting, rule="overreach.opted_out") == []
    assert findings("Free bet: £10 on the big match, betting made easy!", betting, rule="overreach.opted_out")


def test_a_rate_offered_is_an_offer() -> None:
    assert findings(
        "Pinewood Bank: earn 4.10% APY on new savings.",
        {"consent": {"marketing_push": False}},
        channel="push",
        rule="overreach.consent",
    )
    statement = "Your savings earned $4.10 in interest this month."
    assert findings(statement, {"consent": {"marketing_push": False}}, channel="push", rule="overreach.consent") == []


def test_data_moved_for_the_customer_is_not_asked_for() -> None:
    text = "Pop into any store or give us a call, and we'll move your contacts over for you while you wait."
    assert findings(text, {}, rule="overreach.data_request") == []
    assert findings(
        "Could you send us your phone contacts so we can invite your friends?", {}, rule="overreach.data_request"
    )


def test_the_same_call_to_action_again_and_again() -> None:
    rule = "overreach.repeated_asks"
    text = "Our sale ends tonight.\n\nLast chance: v.com/sale\nLast chance: v.com/sale\nLast chance: v.com/s"
    found = findings(text, rule=rule)
    assert [f.quote for f in found] == ["Last chance: v.com/sale", "Last chance: v.com/s"]  # the first one stays
    assert findings("Shop now! Up to 50% off. Shop now, shop now, SHOP NOW!", rule=rule)
    # two buttons and a footer link are one clear ask
    assert findings("New season, new kit. Shop now.\n\nJackets from $80. Shop now.\n\nUnsubscribe", rule=rule) == []


def test_quiet_hours_the_message_says_it_kept() -> None:
    quiet = {"stated_preferences": ["No texts before 8am or after 9pm"]}
    kept = "Your grocery order arrives today 10am-12pm. We held this text until 8am per your quiet hours."
    assert findings(kept, quiet, channel="sms", rule="overreach.opted_out") == []
    assert findings("Your grocery order arrives today 10am-12pm.", quiet, channel="sms", rule="overreach.opted_out")


def test_a_chat_reply_or_a_call_is_no_new_send() -> None:
    busy = {"contact_history": {"messages_last_7_days": 9, "messages_last_30_days": 30}}
    reply = "Those texts go out at 6am because that's when our morning deals start. Shall I move them to 9am?"
    assert findings(reply, busy, channel="chat", rule="overreach.frequency") == []
    assert findings(reply, busy, channel="sms", rule="overreach.frequency")


def test_a_care_appointment_needs_the_health_history() -> None:
    visit = (
        "This confirms your cleaning with Dr. Patel on Thursday at Lindenwood Dental. Please arrive 10 minutes early "
        "so we can update your medical history form."
    )
    assert findings(visit, rule="overreach.data_request") == []
    promo = "Get 20% off our vitamins! Reply with your medical history so we can pick the right ones."
    assert findings(promo, rule="overreach.data_request")


def test_new_goods_priced_and_a_win_back_price_are_offers() -> None:
    busy = {"consent": {"marketing_push": True}, "contact_history": {"messages_last_7_days": 12}}
    drop = "Weekend drop: new linen shirts from $29, in 11 colors."
    assert findings(drop, busy, channel="push", rule="overreach.frequency")
    stop = {"stated_preferences": ["I've cancelled, please stop sending me offers"]}
    assert findings(
        "Your watchlist is still here. Come back for 3 months at $4.99 a month.", stop, rule="overreach.opted_out"
    )
    renewal = "Your plan renews on 3 June for $29.99/month, no change."
    assert findings(renewal, {"consent": {"marketing_email": False}}, rule="overreach.consent") == []


def test_we_would_value_your_view_is_a_feedback_ask() -> None:
    many = {"contact_history": {"feedback_requests_last_30_days": 5}}
    text = "As we plan next year's courses, we'd value your view on how the first term went."
    assert findings(text, many, rule="overreach.feedback_requests")
    assert findings("Your spring schedule is confirmed.", many, rule="overreach.feedback_requests") == []


def test_a_test_result_ready_is_the_patients_own_business() -> None:
    no = {"consent": {"marketing_push": False}}
    result = "Clearpath Labs: your test result from 12 May is now available. Tap to view it securely in the app."
    assert findings(result, no, channel="push", rule="overreach.consent") == []
    assert findings(
        "Clearpath Labs: new home test kits now available. Tap to shop.", no, channel="push", rule="overreach.consent"
    )


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("Fresh sourdough drops at 7am tomorrow. Pre-order in the app and skip the line.", True),
        ("Double Stars on any oat latte today until 3pm. Tap to order ahead.", True),
        ("Ironveil unlocks Friday at 00:00. Your pre-order is ready to play.", False),
        ("Your order arrives today between 1 and 3pm. Track it in the app.", False),
    ],
)
def test_a_call_to_order_is_no_order_notice(body: str, flagged: bool) -> None:
    ctx = {"contact_history": {"messages_last_7_days": 11, "messages_last_30_days": 34}}
    assert bool(findings(body, ctx, channel="push", rule="overreach.frequency")) is flagged


def test_no_offers_in_a_list_of_opt_outs_covers_every_offer() -> None:
    ctx = {"stated_preferences": ["Only contact me about my own policy. No offers, no partner promotions."]}
    offer = "As a policyholder you can now get 15% off pet insurance with our partner PawSure."
    assert findings(offer, ctx, rule="overreach.opted_out")
    assert (
        findings("Your home policy renews on 2 June; your cover stays the same.", ctx, rule="overreach.opted_out") == []
    )


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("How was the weekend, get up to anything fun? Anyway, your policy renews on 2 June.", True),
        ("What are you having for tea tonight? Your renewal documents are ready.", True),
        ("Any holidays booked? Your travel cover renews next week.", True),
        ("Any trips booked before 1 May are covered by your old policy.", False),
        ("Your renewal documents are ready in your account.", False),
    ],
)
def test_small_talk_before_the_business(body: str, flagged: bool) -> None:
    ctx = {"relationship": {"involvement": "low"}}
    assert bool(findings(body, ctx, rule="overreach.over_familiar")) is flagged


def test_asking_how_the_order_went_is_a_feedback_ask() -> None:
    ctx = {"contact_history": {"feedback_requests_last_30_days": 6}}
    body = "Your book arrived on Tuesday. Would you tell us how the order went? It takes ten seconds."
    assert findings(body, ctx, rule="overreach.feedback_requests")
    assert findings("Your book arrived on Tuesday. Happy reading!", ctx, rule="overreach.feedback_requests") == []


@pytest.mark.parametrize(
    "body",
    [
        "Verdant Pharmacy: Your prescription is ready at our Maple Ave store. Pick up by Fri. Reply STOP to end texts.",
        "Welcome to Vela, Kofi! Your number's now live. Tap to set a monthly spending cap.",
    ],
)
def test_a_service_notice_is_not_marketing_without_consent(body: str) -> None:
    ctx = {"consent": {"marketing_sms": False, "marketing_push": False}}
    assert findings(body, ctx, channel="sms", rule="overreach.consent") == []
    assert findings("New season arrivals are now live: 20% off. Reply STOP to end texts.", ctx, channel="sms")


def test_adding_a_newborn_to_the_policy_needs_the_babys_details() -> None:
    ask = "Congratulations on Mia! To add her to your cover, enter Mia's name and date of birth."
    case = {"support": {"open_case": True, "topic": "add newborn to health policy"}}
    assert findings(ask, case, rule="overreach.data_request") == []
    other = {"support": {"open_case": True, "topic": "question about opening hours"}}
    assert findings(ask, other, rule="overreach.data_request")


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("Your Thursday box locks at midnight. Fancy adding the lemon tart for two?", True),
        ("12 new people joined Tandem in Leeds this week. Have a look before the weekend.", True),
        ("Your Thursday box locks at midnight. Changes after that apply to next week.", False),
    ],
)
def test_a_cross_sell_question_far_past_the_limit(body: str, flagged: bool) -> None:
    ctx = {"contact_history": {"messages_last_7_days": 12, "messages_last_30_days": 38}}
    assert bool(findings(body, ctx, channel="push", rule="overreach.frequency")) is flagged


def test_a_list_of_the_content_the_customer_asked_for() -> None:
    body = "This week's recipes:\n" + "\n".join(f"- Recipe {n}: a quick supper" for n in range(1, 8))
    asked = {"stated_preferences": ["vegetarian", "quick weeknight recipes"]}
    assert findings(body, asked, rule="overreach.too_many_suggestions") == []
    assert findings(body, {"stated_preferences": ["vegetarian"]}, rule="overreach.too_many_suggestions")


def test_a_cheaper_plan_answering_a_bill_complaint_is_no_upsell() -> None:
    body = "Your discount ended, so the bill is £38. There's a SIM-only plan at £30 if you'd like me to switch you."
    case = {"support": {"open_case": True, "topic": "why did my bill go up"}}
    assert findings(body, case, channel="chat", rule="overreach.upsell_during_support") == []
    outage = {"support": {"open_case": True, "topic": "broadband outage"}}
    upsell = "Sorry about the outage. Want faster speeds? Upgrade to Superfast 250 for £15 a month."
    assert findings(upsell, outage, channel="chat", rule="overreach.upsell_during_support")


def test_hardship_help_in_an_open_case_is_no_upsell() -> None:
    case = {"support": {"open_case": True, "topic": "customer lost job, worried about loan repayments"}}
    body = "If your loan repayments feel hard right now, we can help: lower your monthly payment by extending the term."
    assert findings(body, case, rule="overreach.upsell_during_support") == []


def test_free_delivery_of_the_customers_own_order_is_no_offer() -> None:
    case = {"support": {"open_case": True, "topic": "only part of my order arrived"}}
    body = "The first parcel arrives tomorrow and the lamp follows on Thursday, both with free delivery."
    assert findings(body, case, channel="chat", rule="overreach.upsell_during_support") == []
    assert findings(
        "Order a second lamp today with free delivery.", case, channel="chat", rule="overreach.upsell_during_support"
    )


def test_a_long_list_under_a_new_in_heading_is_too_many() -> None:
    text = (
        "Pepperpine: NEW IN! Dog beds, cat trees, chew toys, harnesses, leads, bowls, fish food, bird seed, "
        "hamster wheels, litter, treats & more! 20% off: pp.co/new"
    )
    assert findings(text, channel="sms", rule="overreach.too_many_suggestions")
    notice = "Store update! Opening times change on Monday, Tuesday, Wednesday, Thursday and Friday next week."
    assert findings(notice, channel="sms", rule="overreach.too_many_suggestions") == []


def test_choosing_topics_in_a_preference_centre_is_not_a_list_of_picks() -> None:
    text = (
        "Pick the topics you care about: new fiction, crime and thrillers, cookbooks, children's books, author "
        "events, or sales only."
    )
    assert findings(text, rule="overreach.too_many_suggestions") == []


def test_data_already_received_is_not_asked_for() -> None:
    received = "We've received everything we need to prepare your 2024 return for SSN 512-66-0193."
    assert findings(received, rule="overreach.data_request") == []
    assert findings("We need your SSN and date of birth to prepare your return.", rule="overreach.data_request")


def test_a_statements_notice_is_account_business_without_marketing_consent() -> None:
    ctx = {"consent": {"marketing_email": False}}
    notice = (
        "From 1 June most members move to app-only statements. We'll keep your statements coming by post, and "
        "our phone team is here 8am-8pm."
    )
    assert findings(notice, ctx, rule="overreach.consent") == []
    assert findings("Our spring range is here: 20% off all week.", ctx, rule="overreach.consent")


def test_card_details_described_rather_than_named_are_secrets() -> None:
    text = (
        "Before I look into the declined payment, I need to confirm it's you. Please type the full long number on "
        "the front of your card, the expiry date and the 3-digit code on the back."
    )
    ctx = {"support": {"open_case": True, "topic": "card payment declined"}}
    (f,) = findings(text, ctx, channel="chat", rule="overreach.data_request")
    assert f.severity == 4


def test_an_offer_joined_to_a_requested_alert_with_a_plus_is_still_an_offer() -> None:
    ctx = {"consent": {"marketing_sms": False}, "stated_preferences": ["Vitamin C serum: tell me when it's back"]}
    joined = "Your fave Vitamin C serum is back in stock + free travel-size cleanser this wknd. Shop: glwt.co/vc"
    assert findings(joined, ctx, channel="sms", rule="overreach.consent")
    alert = "Your fave Vitamin C serum is back in stock. Shop: glwt.co/vc"
    assert findings(alert, ctx, channel="sms", rule="overreach.consent") == []


@pytest.mark.parametrize(
    "text",
    [
        "To confirm it's you, we've matched the last four digits of your Social Security number with your details.",
        "Thank you. I can confirm the payment was taken today from your card number ending 8824.",
        "We'd like you to confirm a recent payment. We won't ask for your PIN or online banking password on this call.",
    ],
)
def test_what_we_did_or_will_not_ask_is_no_data_request(text: str) -> None:
    assert findings(text, channel="ivr", rule="overreach.data_request") == []


def test_a_check_already_done_does_not_excuse_the_ask_after_it() -> None:
    text = "We've checked your account. Please confirm your Social Security number to continue."
    assert findings(text, channel="chat", rule="overreach.data_request")


@pytest.mark.parametrize(
    ("pref", "channel"),
    [
        ("Please contact me by email or text only, never by phone", "ivr"),
        ("Letters or email only", "sms"),
        ("only by post, thanks", "push"),
        ("never by phone", "ivr"),
    ],
)
def test_a_channel_the_customer_did_not_name_is_opted_out(pref: str, channel: str) -> None:
    body = "Your renewal is due soon. To hear your new premium, press 1."
    assert findings(body, {"stated_preferences": [pref]}, channel=channel, rule="overreach.opted_out")


@pytest.mark.parametrize(
    ("pref", "channel"),
    [
        ("Please contact me by email or text only", "sms"),
        ("email only please", "email"),
        ("app notifications only", "push"),
        ("Texts for delivery updates only please", "sms"),
    ],
)
def test_the_channel_the_customer_named_is_welcome(pref: str, channel: str) -> None:
    body = "Your parcel is out for delivery today."
    assert findings(body, {"stated_preferences": [pref]}, channel=channel, rule="overreach.opted_out") == []


def test_no_promos_opts_out_of_every_offer() -> None:
    ctx = {"stated_preferences": ["Texts for delivery updates only please - no promos"]}
    body = "Your parcel is out for delivery today. PS members save 20% on winter bedding this week"
    assert findings(body, ctx, channel="sms", rule="overreach.opted_out")
    assert findings("Your parcel is out for delivery today.", ctx, channel="sms", rule="overreach.opted_out") == []


@pytest.mark.parametrize(
    ("topic", "text"),
    [
        (
            "customer asked to change surname on account after her divorce",
            "Could you upload a photo of the court order or your updated driver's license through the secure link "
            "I've just sent?",
        ),
        ("add authorized user", "I'll just need his full name and date of birth."),
        ("add authorised contact", "I'll just need your OK here and his date of birth."),
        ("add named driver", "To get him on the policy I'll need his date of birth and his driving licence number."),
        (
            "locked out of online banking",
            "Once you enter the code on the login page, you'll be able to choose a new password.",
        ),
        (
            "billing question",
            "Since the account is in her name, could she type here to confirm her date of birth?",
        ),
        ("mortgage application", "To move it on to underwriting, we need your last three payslips."),
    ],
)
def test_what_the_case_needs_asked_in_a_safe_way_is_no_data_request(topic: str, text: str) -> None:
    ctx = {"support": {"open_case": True, "topic": topic}}
    assert findings(text, ctx, channel="chat", rule="overreach.data_request") == []


def test_what_the_customer_asked_for_in_the_chat_is_the_case() -> None:
    ask = "To look at an overdraft increase I'll need your monthly income after tax and your main regular outgoings."
    overdraft = {"stated_preferences": ["can I increase my arranged overdraft to £1,000?"]}
    assert findings(ask, overdraft, channel="chat", rule="overreach.data_request") == []
    hours = {"stated_preferences": ["what time do you close today?"]}
    assert findings(ask, hours, channel="chat", rule="overreach.data_request")


def test_pay_evidence_beside_the_id_a_sim_swap_needs_is_still_asked_for() -> None:
    ctx = {"support": {"open_case": True, "topic": "Lost phone, needs replacement SIM"}}
    text = (
        "For security, please upload a photo of your passport or driving licence, plus your two most recent payslips, "
        "using the secure link I've just sent."
    )
    (f,) = findings(text, ctx, channel="chat", rule="overreach.data_request")
    assert "payslips" in f.message
    assert findings("Please choose a new password, then send us your password.", {}, rule="overreach.data_request")


def test_tax_forms_and_a_notice_that_says_it_is_a_service_message_need_no_marketing_consent() -> None:
    ctx = {"consent": {"marketing_email": False}}
    body = "Your 2024 Form 1099-DIV and 1099-B for your brokerage account are now available. Sign in to download them."
    assert findings(body, ctx, rule="overreach.consent") == []
    # a service line does not make an offer a service
    assert findings("20% off our spring range. This is a service message.", ctx, rule="overreach.consent")
    assert findings("Our spring range is now available!", ctx, rule="overreach.consent")


def test_a_subject_is_read_with_its_body_for_consent() -> None:
    ctx = {"consent": {"marketing_email": False}}
    outage = "The fault affecting broadband in your area is fixed. Your outage case will close in 7 days."
    assert findings(outage, ctx, subject="Your broadband is back", rule="overreach.consent") == []
    assert findings(
        "Spring jackets, linen shirts and more.", ctx, subject="The new range is here", rule="overreach.consent"
    )


def test_an_opt_out_of_wine_covers_the_grapes() -> None:
    ctx = {"stated_preferences": ["Please stop sending me wine offers, I only buy beer and cider now"]}
    sms = "6 new Napa cabs just landed. 15% off any 3 this weekend."
    assert findings(sms, ctx, channel="sms", rule="overreach.opted_out")
    assert (
        findings("New craft ciders just landed. 15% off any 3.", ctx, channel="sms", rule="overreach.opted_out") == []
    )


def test_a_flood_of_emoji_is_over_familiar_but_one_or_two_are_not() -> None:
    flood = "FLASH DROP 🔥🔥🔥 40% off ALL sneakers 👟👟👟💥💥💥 ends at midnight!"
    (f,) = findings(flood, {}, channel="push", rule="overreach.over_familiar")
    assert f.quote == "👟👟👟💥💥💥" and f.severity == 2
    assert findings("Flash drop 🔥 40% off all sneakers 👟", {}, channel="push", rule="overreach.over_familiar") == []


def test_a_valued_rating_is_a_feedback_request() -> None:
    ctx = {
        "contact_history": {"messages_last_7_days": 5, "messages_last_30_days": 14, "feedback_requests_last_30_days": 6}
    }
    body = "Your case is closed. If you have a minute, we'd really value a quick rating of how we handled this."
    assert findings(body, ctx, rule="overreach.feedback_requests")
    assert findings("Your case is closed. We value your custom.", ctx, rule="overreach.feedback_requests") == []


def test_more_help_offered_during_a_case_is_no_upsell() -> None:
    ctx = {"support": {"open_case": True, "topic": "update title and pronouns"}}
    body = "Done: your title is now Mx. Is there anything else you'd like changed while I'm here?"
    assert findings(body, ctx, channel="chat", rule="overreach.upsell_during_support") == []
    sell = "Done: your title is now Mx. While I'm here, why not add our Premium plan for £5 more?"
    assert findings(sell, ctx, channel="chat", rule="overreach.upsell_during_support")


def test_an_opt_out_narrowed_by_a_time_keeps_the_topic_at_other_times() -> None:
    ctx = {"stated_preferences": ["I work nights and sleep until about 1pm, please no morning visits"]}
    assert findings("Your engineer visit has moved to the afternoon.", ctx, rule="overreach.opted_out") == []
    assert findings("Your engineer will visit tomorrow morning at 8am.", ctx, rule="overreach.opted_out")


@pytest.mark.parametrize(
    "body",
    [
        "Fibre 500 could really help: four times the speed for £6 more a month. Shall I switch you over today?",
        "While I have you, you can move up to Superfast 250 for an extra $15 a month.",
        "In the meantime, would you be interested in switching to our Green Plus plan?",
        "Evenings are busy online. Move to Lumen 1000 before 30 June and keep your current price.",
        "Hi Wei Ling, need more speed? Fibre Max is S$29.90/mth for your first 3 mths.",
    ],
)
def test_an_upsell_priced_as_the_difference_or_a_move_up_a_tier_sells(body: str) -> None:
    ctx = {"support": {"open_case": True, "topic": "no broadband since Monday, outage ticket open"}}
    assert findings(body, ctx, channel="chat", rule="overreach.upsell_during_support"), body


@pytest.mark.parametrize(
    "body",
    [
        "Your estimated annual bill will go from £412 to £438, which works out at about £2.17 more a month.",
        "If you do nothing, you'll move to a 30-day rolling plan at £18 a month.",
        "Our plan: pay the 6.8% loan first with an extra $150 a month, then the rest.",
    ],
)
def test_a_price_change_told_or_advice_given_is_no_upsell(body: str) -> None:
    ctx = {"support": {"open_case": True, "topic": "billing question about the new price"}}
    assert findings(body, ctx, channel="email", rule="overreach.upsell_during_support") == [], body


def test_a_new_product_far_past_the_weekly_limit_is_too_many() -> None:
    ctx = {"contact_history": {"messages_last_7_days": 12, "messages_last_30_days": 38}}
    assert findings("Our Boost Saver pays 4.25%. Open a Boost Saver today in the app.", ctx, rule="overreach.frequency")
    assert findings("Your Boost Saver statement is ready in the app.", ctx, rule="overreach.frequency") == []


def test_a_card_pin_asked_after_the_number_on_the_front_of_the_card() -> None:
    ask = "To confirm your identity, please enter the 16-digit number on the front of your card, followed by your PIN."
    (f,) = findings(ask, channel="ivr", rule="overreach.data_request")
    assert f.severity == 4
    own = "To confirm your identity, please enter your date of birth, followed by the hash key."
    assert findings(own, channel="ivr", rule="overreach.data_request") == []


def test_questions_about_the_guest_in_a_stay_survey_ask_for_their_data() -> None:
    survey = "Our survey covers your room, plus a few questions about you: your age, household income and religion."
    assert findings(survey, rule="overreach.data_request")
    room = "Our survey covers your room, breakfast and check-in, and takes about five minutes."
    assert findings(room, rule="overreach.data_request") == []


def test_medicines_of_anyone_in_the_household_are_health_data() -> None:
    ask = "To keep your quote accurate, please tell us any medications you or anyone in your household takes."
    assert findings(ask, rule="overreach.data_request")
    works = "To keep your quote accurate, please tell us about any building work done in the last 12 months."
    assert findings(works, rule="overreach.data_request") == []


@pytest.mark.parametrize(
    "told",
    [
        "Your renewal documents for policy HX-2231 are attached. You may qualify for a wind-mitigation discount.",
        "Your fixed rate on account ending 4471 ends on 30 June. You can choose a new deal up to four months before.",
        "Your bill is ready. Warm Home Discount: a £150 credit for eligible households, applied automatically.",
    ],
)
def test_what_an_account_notice_says_the_customer_may_be_entitled_to_is_not_marketing(told: str) -> None:
    ctx = {"consent": {"marketing_email": False}}
    assert findings(told, ctx, rule="overreach.consent") == [], told


def test_an_offer_in_a_notice_without_consent_is_still_marketing() -> None:
    ctx = {"consent": {"marketing_email": False}}
    sold = "Your renewal documents for policy HX-2231 are attached. Add Home Emergency cover today for 20% off!"
    assert findings(sold, ctx, rule="overreach.consent")


def test_stop_texting_me_opts_out_of_texts_only() -> None:
    ctx = {"consent": {"marketing_sms": True}, "stated_preferences": ["Please stop texting me, I read your emails"]}
    promo = "Treat week is here: 25% off all chews until Sunday."
    assert findings(promo, ctx, channel="sms", rule="overreach.opted_out")
    assert findings(promo, ctx, channel="email", rule="overreach.opted_out") == []


def test_a_channel_kept_for_one_purpose_takes_no_offers() -> None:
    ctx = {"consent": {"marketing_sms": True}, "stated_preferences": ["Texts for delivery updates only, not sales"]}
    sale = "Northpeak: Spring Sale! Up to 40% off tents this weekend only."
    assert findings(sale, ctx, channel="sms", rule="overreach.opted_out")
    assert findings("Northpeak: your order ships today.", ctx, channel="sms", rule="overreach.opted_out") == []


@pytest.mark.parametrize(
    ("pref", "sent", "kept"),
    [
        (
            "Please opt me out of Mother's Day messages",
            "Mother's Day is Sunday, May 11! Order by Thursday for free delivery.",
            "Spring bouquets are here! Order by Thursday for free delivery.",
        ),
        (
            "Please no more football offers, I only buy running kit",
            "Match day deals! Replica shirts from £35 this weekend.",
            "New running tights from £35 this weekend.",
        ),
        (
            "Please no more weight-loss emails, I'm only here for the recipes",
            "Drop 5 kg by summer with our 12-week plan, 20% off.",
            "Five summer salads, 20% off the ingredients box.",
        ),
        (
            "No more wine emails please, just send me the cheese club stuff",
            "Our Rioja sale is on: 20% off every case.",
            "Your Cheese Club box for May ships on the 14th, with 20% off extra cheeses.",
        ),
    ],
)
def test_an_opted_out_topic_in_other_words_and_the_rest_of_the_channel_kept(pref: str, sent: str, kept: str) -> None:
    ctx = {"consent": {"marketing_email": True, "marketing_sms": True}, "stated_preferences": [pref]}
    assert findings(sent, ctx, rule="overreach.opted_out"), sent
    assert findings(kept, ctx, rule="overreach.opted_out") == [], kept


def test_quiet_hours_for_texts_do_not_make_the_word_before_a_topic() -> None:
    ctx = {"stated_preferences": ["No texts before 9am please, the baby sleeps until then"]}
    email = "Your delivery is booked. The driver's text arrives 20 minutes before they reach you, never before 9."
    assert findings(email, ctx, channel="email", rule="overreach.opted_out") == []


def test_an_accounts_figure_is_no_price_cut() -> None:
    ctx = {"support": {"open_case": True, "topic": "why was my gym direct debit returned"}}
    told = "Your £42 payment was returned unpaid because your account was £11.60 short on the morning it was due."
    assert findings(told, ctx, channel="chat", rule="overreach.upsell_during_support") == []
    sold = "Sorry about that. Our Premium account was £12 a month, now just £8: shall I switch you?"
    assert findings(sold, ctx, channel="chat", rule="overreach.upsell_during_support")


def test_a_dislike_of_doing_something_is_no_opt_out() -> None:
    ctx = {"stated_preferences": ["Don't want to spend time setting things up"]}
    body = "Pop into our store, or reply to book a 15-minute call at a time that suits you."
    assert findings(body, ctx, rule="overreach.opted_out") == []
    heard = {"stated_preferences": ["I don't want to hear about wine"]}
    assert findings("Our Rioja sale is on: 20% off every case.", heard, rule="overreach.opted_out")


def test_some_digits_of_a_security_code_on_a_call_are_a_partial_check() -> None:
    ivr = "Please enter the last four digits of your account, then the second and fifth digits of your security code."
    assert findings(ivr, channel="ivr", rule="overreach.data_request") == []
    assert findings("Please enter your full telephone security code.", channel="ivr", rule="overreach.data_request")
    sms = "Reply with the second and fifth digits of your security code."
    assert findings(sms, channel="sms", rule="overreach.data_request")


@pytest.mark.parametrize(
    "body",
    [
        "Harborline: Travel money with 0% commission this summer. Order in the app by 8pm.",
        "Roadside cover starts from £4.50 a month and runs alongside your policy.",
    ],
)
def test_offers_priced_without_sale_words_need_the_channel_s_consent(body: str) -> None:
    no_push = {"consent": {"marketing_push": False, "marketing_email": True}}
    assert findings(body, no_push, channel="push", rule="overreach.consent")
    assert findings(body, {"consent": {"marketing_push": True}}, channel="push", rule="overreach.consent") == []


@pytest.mark.parametrize(
    "body",
    [
        "Your renewal at a glance:\n- Annual premium: £586.20\n- No-claims discount: 6 years, protected",
        "Your fixed rate on mortgage account ending 0418 ends on 30 June. From 1 July it moves to our standard "
        "variable rate, 7.24%, unless you choose a new deal.",
    ],
)
def test_an_account_s_own_terms_are_no_marketing(body: str) -> None:
    assert findings(body, {"consent": {"marketing_email": False}}, rule="overreach.consent") == []
    sale = "Get a 10% discount on breakdown cover this week."
    assert findings(sale, {"consent": {"marketing_email": False}}, rule="overreach.consent")


def test_a_list_of_details_is_judged_by_the_purpose_its_lead_in_line_gives() -> None:
    body = "We just need two more details to give you a final price:\n\n1. Your date of birth\n2. Your postcode"
    assert findings(body, rule="overreach.data_request") == []
    body = "To enter our prize draw, tell us:\n\n1. Your date of birth\n2. Your annual income"
    assert findings(body, rule="overreach.data_request")


def test_a_rating_ask_and_its_link_after_a_colon_are_one_ask() -> None:
    body = (
        "If you have a minute, we'd really appreciate a rating of your visit. "
        "It's one question and takes under 30 seconds: rate your visit."
    )
    assert findings(body, rule="overreach.feedback_requests") == []
    twice = "Please rate your visit. It takes a minute, and then tell us more: take our ten-question survey."
    assert findings(twice, rule="overreach.feedback_requests")


def test_new_payment_details_after_a_payment_failed_are_needed() -> None:
    failed = (
        "We tried to collect your premium of £23.80 on 1 June, but it was returned by your bank. "
        "To stay covered, please make the payment or update your bank details by 14 June."
    )
    assert findings(failed, rule="overreach.data_request") == []
    unasked = "To stay covered this year, please reply with your bank details by 14 June."
    assert findings(unasked, rule="overreach.data_request")


def test_a_payment_checked_with_its_owner_is_no_price_cut() -> None:
    no_sms = {"consent": {"marketing_sms": False}}
    check = "Brightwell: we'd like to check a payment on your card ending 4471. Was £382.00 at Aerolux Travel you?"
    assert findings(check, no_sms, channel="sms", rule="overreach.consent") == []
    assert findings("Brightwell: the Alder coat, was £80, now £40.", no_sms, channel="sms", rule="overreach.consent")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "OSTARA BANK: YOUR BONUS RATE ENDS TONIGHT!!! ACT NOW OR LOSE IT FOREVER!!!",
            "OSTARA BANK: YOUR BONUS RATE ENDS TONIGHT",
        ),
        ("BRIGHTWATER FINAL WARNING!!! Prices rise 1 April.", "BRIGHTWATER FINAL WARNING"),
        ("LAST CHANCE!!! Your quote expires at midnight.", "LAST CHANCE"),
    ],
)
def test_urgency_shouted_in_capitals(text: str, quote: str) -> None:
    (f,) = findings(text, channel="sms", rule="overreach.shouting")
    assert (f.quote, f.severity) == (quote, 2)
    assert f.suggestion == quote.capitalize()


@pytest.mark.parametrize(
    "text",
    [
        "WHAT TO DO NOW\nCall us on 0800 123 456 and we'll talk you through it.",
        "QUICK NOTE FROM YOUR HOST: check-in opens at 3pm. Enjoy your stay!",
        "Last chance: the sale ends tonight at midnight!",
        "Your NHS app is ready. Sign in today!",
    ],
)
def test_a_heading_in_capitals_or_a_plain_deadline_is_not_shouting(text: str) -> None:
    assert findings(text, channel="email", rule="overreach.shouting") == []


def test_a_national_id_to_claim_a_perk_is_not_needed_wherever_it_is_typed() -> None:
    ask = "finish your profile in the app: add your birthday, your home address, and your Social Security number."
    perk = f"Members get a free dessert in their birthday month. To claim yours, {ask}"
    (f,) = findings(perk, rule="overreach.data_request")
    assert f.severity == 4
    assert findings(f"To open your brokerage account, {ask}", rule="overreach.data_request") == []


def test_an_opt_out_for_a_while_still_opts_out() -> None:
    ctx = {"stated_preferences": ["I'm taking a break from betting - no offers for a while please"]}
    bet = "Fancy a flutter this weekend? Your $10 bonus bet expires Sunday night."
    assert findings(bet, ctx, channel="push", rule="overreach.opted_out")
    assert findings("Your March statement is ready to view.", ctx, channel="push", rule="overreach.opted_out") == []


def test_an_opt_out_that_names_a_channel_keeps_the_others() -> None:
    ctx = {"stated_preferences": ["please don't text me offers, email is fine"]}
    sale = "Lumen Home: 30% off all lamps and shades until Sunday."
    assert findings(sale, ctx, channel="email", rule="overreach.opted_out") == []
    assert findings(sale, ctx, channel="sms", rule="overreach.opted_out")
    emailing = {"stated_preferences": ["Please stop emailing me about credit cards"]}
    card = "You're pre-approved for the Platinum Rewards card: 0% on purchases for 15 months."
    assert findings(card, emailing, channel="email", rule="overreach.opted_out")
    kept = {"stated_preferences": ["texts only for delivery updates"]}
    assert findings(sale, kept, channel="email", rule="overreach.opted_out") == []


def test_the_opt_outs_own_confirmation_is_no_breach() -> None:
    ctx = {"stated_preferences": ["stop promotional texts"]}
    done = "Done, Marisol. You won't get any more promotional texts from Alder & Finch. Anything else?"
    assert findings(done, ctx, channel="chat", rule="overreach.opted_out") == []


def test_dont_ask_me_to_is_broken_by_an_ask_not_by_a_mention() -> None:
    ctx = {"stated_preferences": ["I've cancelled, please don't ask me to restart my monthly gift"]}
    thanks = "Your monthly gift helped build two school kitchens, and we wanted you to see what happened next."
    assert findings(thanks, ctx, rule="overreach.opted_out") == []
    ask = "Would you consider restarting your monthly gift? It takes a minute."
    assert findings(ask, ctx, rule="overreach.opted_out")


def test_a_topic_the_message_says_it_leaves_out_is_kept_to() -> None:
    ctx = {"stated_preferences": ["No missed-session reminders for now"]}
    keeps = "Do a session when you can, and your plan won't nag you about missed sessions."
    assert findings(keeps, ctx, rule="overreach.opted_out") == []
    assert findings("You missed two sessions this week: book one now.", ctx, rule="overreach.opted_out")


def test_a_short_topic_word_does_not_reach_longer_words() -> None:
    ctx = {"stated_preferences": ["simple plan, no apps to manage"]}
    visit = "Book a 20-minute setup appointment at your nearest store."
    assert findings(visit, ctx, rule="overreach.opted_out") == []
    assert findings("Download our new apps today and save 10%.", ctx, rule="overreach.opted_out")


def test_one_sentence_with_a_question_and_its_rating_is_one_ask() -> None:
    one = "If you have a minute, we'd love to know how the session was: there's a one-question rating in the app."
    assert findings(one, rule="overreach.feedback_requests") == []
    assert findings("Please rate your visit, and leave a review on Trustpilot.", rule="overreach.feedback_requests")


def test_a_statements_figure_lines_are_not_suggestions() -> None:
    lines = ["Total spent: £1,240", "Bills: £610 (on budget)", "Groceries: £318", "Transport: £96", "Eating out: £142"]
    statement = "Here's where your money went:\n" + "\n".join(f"• {line}" for line in lines) + "\n• Other: £74"
    assert findings(statement, rule="overreach.too_many_suggestions") == []
    picks = "Picks for you:\n" + "\n".join(f"• {name}" for name in ("Lamp", "Rug", "Vase", "Throw", "Mirror", "Clock"))
    assert findings(picks, rule="overreach.too_many_suggestions")


def test_a_code_texted_to_confirm_a_step_in_the_app_is_not_asked_for() -> None:
    app = "She'll need to confirm it with a one-time code sent to her phone, so it's easiest when she's with you."
    assert findings(app, channel="chat", rule="overreach.data_request") == []
    send = "Please reply with the one-time code sent to your phone so we can finish."
    assert findings(send, channel="email", rule="overreach.data_request")


def test_an_amount_off_said_in_words_is_an_offer() -> None:
    ctx = {"support": {"open_case": True, "topic": "power outage"}}
    menu = "To hear about our new tariff and get fifty dollars off your first bill when you switch, press 3."
    assert findings(menu, ctx, channel="ivr", rule="overreach.upsell_during_support")
    assert findings("For a power cut, press 1. To pay a bill, press 2.", ctx, channel="ivr", rule="overreach") == []


def test_a_list_to_go_with_the_order_is_suggestions() -> None:
    items = "\n".join(f"{i}. Item {i}" for i in range(1, 13))
    body = f"Thanks for your order of the oak table. While you wait, here are a few things to go with it:\n{items}"
    assert findings(body, rule="overreach.too_many_suggestions")
    receipt = "Thanks for your order. Your items:\n" + items
    assert findings(receipt, rule="overreach.too_many_suggestions") == []


def test_income_and_health_in_a_profiles_list_are_asked_for() -> None:
    body = (
        "Please fill in our short profile. We'll ask for:\n- Any food allergies\n"
        "- Your weight, any medical conditions you've been diagnosed with, and the medications you take\n"
        "- How much you earn, so we can suggest the right plan size"
    )
    quotes = [f.quote for f in findings(body, rule="overreach.data_request")]
    assert len(quotes) == 2 and quotes[1].startswith("- How much you earn")
    assert findings("Please fill in our short profile. We'll ask for:\n- Any food allergies", rule="overreach") == []


@pytest.mark.parametrize(
    "body",
    [
        "Good news: your mortgage in principle is ready. Estate agents will usually ask to see this certificate before "
        "they accept an offer, so keep the PDF handy.",
        "Deploy finished: build #4821 passed all 312 checks and is live on production. Tap for release notes.",
        "Welcome to Vantage! Your account is ready, and your first month is on us. Choose a password to finish.",
    ],
)
def test_the_customers_own_application_build_or_trial_needs_no_marketing_consent(body: str) -> None:
    ctx = {"consent": {"marketing_email": False, "marketing_push": False}}
    assert findings(body, ctx, channel="push", rule="overreach.consent") == []
    assert findings(body, ctx, channel="email", rule="overreach.consent") == []


@pytest.mark.parametrize(
    "body",
    [
        "Our new season is live: make us an offer on any sofa this weekend.",
        "New arrivals are live! Get your first month free when you join Vantage Plus today.",
    ],
)
def test_an_offer_of_ours_still_needs_marketing_consent(body: str) -> None:
    ctx = {"consent": {"marketing_email": False}}
    assert findings(body, ctx, channel="email", rule="overreach.consent")


def test_a_phone_check_never_takes_an_app_password() -> None:
    ask = "Now, to verify your identity, please say or key in your FitHub app password after the tone."
    assert findings(ask, channel="ivr", rule="overreach.data_request")
    pin = "Now, to verify your identity, please key in your four-digit PIN after the tone."
    assert findings(pin, channel="ivr", rule="overreach.data_request") == []


@pytest.mark.parametrize(
    ("pref", "body"),
    [
        (
            "Please don't offer me boiler cover again - I have it elsewhere",
            "Your payment has been taken. Before you go, protect your boiler with HomeCare from eight pounds a month.",
        ),
        (
            "no more finance offers please, I own my car outright",
            "Kingsway Motors: this weekend only, PCP deals from £149/mo on every new Puma. STOP to opt out",
        ),
    ],
)
def test_an_opt_out_from_being_offered_a_topic_covers_its_products(pref: str, body: str) -> None:
    assert findings(body, {"stated_preferences": [pref]}, channel="ivr", rule="overreach.opted_out")
    assert findings(body, {"stated_preferences": ["email is best"]}, channel="ivr", rule="overreach.opted_out") == []


@pytest.mark.parametrize(
    "body",
    [
        "You're on track to pass your quota in June. It may be time to move to our Enterprise plan: four times the "
        "quota.",
        "Most policies don't cover a broken boiler. Add Brightshield Home Emergency cover for £6 a month.",
    ],
)
def test_a_plan_or_cover_pitched_during_an_open_case_is_an_upsell(body: str) -> None:
    case = {"support": {"open_case": True, "topic": "burst pipe claim"}}
    assert findings(body, case, rule="overreach.upsell_during_support")
    assert findings(body, {"support": {"open_case": False}}, rule="overreach.upsell_during_support") == []


def test_an_offer_the_customer_asked_for_in_an_open_case_is_the_answer() -> None:
    body = "I can give you 3 months at half price if you stay - shall I apply that instead? It's our best deal."
    asked = "I want to cancel, it's too expensive - unless there's something cheaper you can do?"
    case = {"support": {"open_case": True, "topic": "cancellation"}, "stated_preferences": [asked]}
    assert findings(body, case, channel="chat", rule="overreach.upsell_during_support") == []
    case["stated_preferences"] = ["I want to cancel, it's too expensive"]
    assert findings(body, case, channel="chat", rule="overreach.upsell_during_support")
    pensioner = {"support": {"open_case": True, "topic": "pensioner discount question"}}
    pensioner["stated_preferences"] = ["asked in chat: is there a pensioner discount?"]  # type: ignore[assignment]
    answer = "Readers aged 65 and over can get our Senior Reader rate, which is 40% off any subscription."
    assert findings(answer, pensioner, channel="chat", rule="overreach.upsell_during_support") == []


def test_saying_what_the_review_involves_is_not_another_ask() -> None:
    body = (
        "If you'd like to, you can leave a short review on the product page. Shade photos help. There's no need to "
        "write much; a star rating and a line or two is plenty.\n\nLeave a review: petalwise.example/review"
    )
    assert [f for f in findings(body, rule="overreach.feedback_requests") if f.severity >= 2] == []
    twice = "Leave a short review on the product page. Then give us a star rating in the app, please."
    assert [f for f in findings(twice, rule="overreach.feedback_requests") if f.severity >= 2]


def test_a_survey_after_the_reply_says_the_problem_is_sorted_is_not_during_the_case() -> None:
    case = {"support": {"open_case": True, "topic": "missed delivery"}}
    body = "Glad that's sorted, and sorry again. If you've got a second, there's a one-question survey after this."
    assert findings(body, case, channel="chat", rule="overreach.feedback_requests") == []
    open_still = "Sorry again. If you've got a second, there's a one-question survey after this."
    assert findings(open_still, case, channel="chat", rule="overreach.feedback_requests")


def test_a_salary_asked_in_a_list_after_reply_with_is_asked_for() -> None:
    body = (
        "To tailor your trial, please reply with a few details about your company:\n"
        "• Company name and number of employees\n"
        "• Your personal salary and date of birth, so we can unlock all features\n"
    )
    assert findings(body, rule="overreach.data_request")
    told = "Here is what we hold, as you asked:\n• Company name and number of employees\n• Your annual plan: Pro\n"
    assert findings(told, rule="overreach.data_request") == []


def test_promotion_said_to_be_absent_is_no_offer() -> None:
    no_sms = {"consent": {"marketing_sms": False}, "stated_preferences": ["No more promotional texts"]}
    done = "Pepperleaf: You're unsubscribed and won't get promo texts from us. Text START to rejoin anytime."
    assert findings(done, no_sms, channel="sms", rule="overreach.consent") == []
    assert findings(done, no_sms, channel="sms", rule="overreach.opted_out") == []
    delivery = "Your delivery arrives Thu 8-10am. Delivery info only; you're opted out of offers, so no promos here."
    assert findings(delivery, no_sms, channel="sms", rule="overreach.consent") == []
    sale = "Pepperleaf: you won't see deals like this again. 30% off everything today."
    assert findings(sale, no_sms, channel="sms", rule="overreach.consent")


def test_a_message_confirming_fewer_emails_is_not_one_too_many() -> None:
    ctx = {
        "stated_preferences": ["fewer emails - once a week max"],
        "contact_history": {"messages_last_7_days": 1},
    }
    body = "You asked us to email you less, so from now on you'll get one Sunday round-up with the best offers."
    assert findings(body, ctx, rule="overreach.frequency") == []
    assert findings("Our Sunday round-up is here, with the best offers.", ctx, rule="overreach.frequency")


def test_a_stop_done_as_asked_honours_the_opt_out() -> None:
    ctx = {"stated_preferences": ["my mum passed away last month, please stop her donations"]}
    body = (
        "I've cancelled the monthly gift on her account today, so no further payments will be taken. "
        "Please don't worry about any letters that arrive next week."
    )
    assert findings(body, ctx, channel="chat", rule="overreach.opted_out") == []
    ask = "Would you consider keeping up her monthly donation in her memory?"
    assert findings(ask, ctx, channel="chat", rule="overreach.opted_out")


def test_an_opted_out_range_covers_what_it_sells() -> None:
    ctx = {"stated_preferences": ["please stop sending me swimwear emails"]}
    body = "Swim season is here: our new bikinis and one-pieces come in 40 prints."
    assert findings(body, ctx, rule="overreach.opted_out")
    assert findings("Our new knitwear and coats are in.", ctx, rule="overreach.opted_out") == []


def test_anything_added_at_a_monthly_price_in_an_open_case_is_an_upsell() -> None:
    case = {"support": {"open_case": True, "topic": "complaint: 3-day outage"}}
    body = "Power is back on along your street. Be ready next time: add a Home Backup battery for $19/mo. Reply INFO"
    assert findings(body, case, channel="sms", rule="overreach.upsell_during_support")
    fixed = "Power is back on along your street. We've added a $20 credit for the outage."
    assert findings(fixed, case, channel="sms", rule="overreach.upsell_during_support") == []


def test_big_guy_is_a_nickname() -> None:
    low = {"relationship": {"involvement": "low", "lifecycle_stage": "new"}}
    assert findings("Hey big guy, 25% off personal training this week.", low, rule="overreach.over_familiar")
    assert findings("Our big guy tent sleeps six.", low, rule="overreach.over_familiar") == []


def test_have_you_forgotten_the_people_who_count_on_you_guilt_trips() -> None:
    assert findings("Have you forgotten the children who count on you? Give £5.", rule="overreach.guilt_trip")
    assert findings("Have you forgotten your password? Reset it here.", rule="overreach.guilt_trip") == []


def test_employer_and_earnings_asked_in_other_words_are_data_requests() -> None:
    body = "Before I do, could you tell me who you work for and roughly what you earn a year?"
    assert findings(body, channel="chat", rule="overreach.data_request")
    told = "Your employer's salary sacrifice scheme is set up, and your pension is on track."
    assert findings(told, channel="chat", rule="overreach.data_request") == []


def test_more_of_what_the_case_is_about_at_a_price_is_an_answer() -> None:
    case = {"support": {"open_case": True, "topic": "storage nearly full"}}
    body = "You can archive older files to cold storage, or add another 1 TB for £8 a month from Admin > Billing."
    assert findings(body, case, channel="chat", rule="overreach.upsell_during_support") == []


def test_an_opted_out_topic_word_keeps_its_short_stem() -> None:
    ctx = {"stated_preferences": ["Please stop sending me kids' clothing offers"]}
    body = "Winter's coming and the kids will need layering! Our junior thermals are 25% off this week."
    assert findings(body, ctx, rule="overreach.opted_out")
    donations = {"stated_preferences": ["please stop her donations"]}
    letters = "Please don't worry about any letters that arrive next week."
    assert findings(letters, donations, rule="overreach.opted_out") == []


def test_a_count_that_keeps_going_is_no_appeal_price() -> None:
    case = {"support": {"open_case": True, "topic": "buffering on episode 4"}}
    body = "Sorry! We know how annoying it is when episode 4 keeps buffering. We've fixed a fault on our side."
    assert findings(body, case, channel="chat", rule="overreach.upsell_during_support") == []
    appeal = "Sorry about the delay. While you're here: £5 keeps a rescue dog fed for a week."
    assert findings(appeal, case, channel="chat", rule="overreach.upsell_during_support")


def test_an_upgrade_the_customer_asked_about_in_an_open_case_is_the_answer() -> None:
    body = "Yes, you can upgrade while the repair is pending. Ultra is £5 more a month. Shall I switch it on?"
    case = {"support": {"open_case": True, "topic": "connection dropping complaint"}}
    assert findings(body, case, channel="chat", rule="overreach.upsell_during_support")
    case["stated_preferences"] = ["Can I upgrade to the faster package while my repair is still open?"]  # type: ignore[assignment]
    assert findings(body, case, channel="chat", rule="overreach.upsell_during_support") == []


def test_a_discount_the_customer_already_gets_and_their_marked_work_are_not_offers() -> None:
    no_email = {"consent": {"marketing_email": False}}
    tax = "If someone has moved in or out, please tell us, as it can affect any discount you receive."
    assert findings(tax, no_email, rule="overreach.consent") == []
    assert findings("Get a discount you'll love: 20% off this week.", no_email, rule="overreach.consent")
    no_push = {"consent": {"marketing_push": False}}
    essay = "Feedback from Dr. Lewis on your essay 'Cities and Memory' is now available in Halden Learn."
    assert findings(essay, no_push, channel="push", rule="overreach.consent") == []
    launch = "The new Halden Learn app is now available: try it today."
    assert findings(launch, no_push, channel="push", rule="overreach.consent")


def test_feelings_and_fear_hung_on_the_customer_guilt_trip() -> None:
    for body in (
        "You haven't opened a single one. Honestly, that stings a little.",
        "Honestly it breaks our hearts a little when one gets left behind. Please don't make us put it back.",
        "Your spin crew keeps asking where you went. Come back this week?",
        "Don't wait until things get worse. Upgrade today.",
        "As a member, we know you won't mind helping us out with our survey.",
    ):
        assert findings(body, rule="overreach.guilt_trip"), body
    for body in (
        "If a seam stings a little at first, the balm helps.",
        "Customers keep asking about our opening hours, so here they are.",
        "Don't wait until Friday: the sale ends at midnight.",
    ):
        assert findings(body, rule="overreach.guilt_trip") == [], body


def test_hugs_and_a_missed_face_are_over_familiar_for_a_prospect() -> None:
    prospect = {"relationship": {"involvement": "low", "lifecycle_stage": "prospect"}}
    body = "Big hugs from the whole crew, we've missed your face at the counter! We put a bag aside for you, friend."
    assert len(findings(body, prospect, rule="overreach.over_familiar")) >= 2
    close = {"relationship": {"involvement": "high", "lifecycle_stage": "active"}}
    assert findings(body, close, rule="overreach.over_familiar") == []
    assert (
        findings(
            "Bring a friend, tickets are two for one. We missed your call.", prospect, rule="overreach.over_familiar"
        )
        == []
    )


def test_a_free_premium_trial_is_an_offer() -> None:
    no_push = {"consent": {"marketing_push": False}}
    body = "3 new thrillers you'll binge this weekend. Go Premium free for 7 days, tap to start!"
    assert findings(body, no_push, channel="push", rule="overreach.consent")
    assert findings("Your Premium trial ends in 7 days.", no_push, channel="push", rule="overreach.consent") == []


def test_a_slower_pace_confirmed_is_not_one_too_many() -> None:
    ctx = {
        "stated_preferences": ["too many emails, once a month is plenty"],
        "contact_history": {"messages_last_7_days": 3, "messages_last_30_days": 11},
    }
    body = (
        "As you asked, we've switched you to our monthly roundup. From now on you'll hear from us once a month, "
        "with the season's flowers and any member offers in one place."
    )
    assert findings(body, ctx, rule="overreach.frequency") == []
    assert findings("This month's flowers and member offers are in one place.", ctx, rule="overreach.frequency")


def test_a_pause_the_customer_asked_for_confirmed_honours_the_opt_out() -> None:
    ctx = {"stated_preferences": ["No workout reminders on Sundays please, it's my rest day"]}
    body = (
        "Hi Noor,\n\nAs you asked, your workout reminders will now pause every Sunday. "
        "You can change this any time in Settings.\n\nThe Pulsefit team"
    )
    subject = "Your workout reminders now pause on Sundays"
    assert findings(body, ctx, subject=subject, rule="overreach.opted_out") == []
    pitch = "Hi Noor,\n\nSunday is the perfect day for our new 20-minute workout reminders. Turn them on today!"
    assert findings(pitch, ctx, subject=subject, rule="overreach.opted_out")


def test_reserve_now_is_a_call_to_buy() -> None:
    body = (
        "Dear Mr. Obi,\n\nOur 18-year-old single malt, sherry-cask aged, comes in a run of only 900 bottles. "
        "As a member you can have a bottle this week for $129.\n\nReserve now at glenarrow.com/18."
    )
    refused = {"consent": {"marketing_email": False}}
    assert [f.quote for f in findings(body, refused, rule="overreach.consent")] == ["Reserve now at glenarrow.com/18."]
    held = "Your table for two is booked for Friday at 7pm. We reserve tables for 15 minutes after the booked time."
    assert findings(held, refused, rule="overreach.consent") == []


def test_a_counted_list_of_things_to_try_is_suggestions_whatever_else_the_message_does() -> None:
    features = "\n".join(
        f"{i}. {item}"
        for i, item in enumerate(
            [
                "Approve invoices from your phone",
                "Bank feeds in any currency",
                "Approval chains",
                "Vendor matching",
                "Journal templates",
                "Approvals in Teams",
                "Audit export",
                "Dark mode",
                "Spend limits by team",
                "Receipt capture by email",
            ],
            start=1,
        )
    )
    body = f"Hi Marta,\n\nHere are 10 things to switch on before Friday:\n{features}\n\nLog in today and try them all!"
    assert any(f.severity >= 2 for f in findings(body, {}, rule="overreach.too_many_suggestions"))
    shipped = f"Hi Marta,\n\nYour order has shipped. In the box:\n{features}\n\nLog in to track it."
    assert findings(shipped, {}, rule="overreach.too_many_suggestions") == []


def test_a_service_reminder_with_its_own_stop_and_a_donation_received_are_not_marketing() -> None:
    refused = {"consent": {"marketing_sms": False}}
    reminder = (
        "Harlow Tyres: your Golf (reg ending 4KD) is due its MOT by 2 Sep. Book at harlowtyres.co.uk/mot. "
        "Reply STOP to end reminders."
    )
    assert findings(reminder, refused, channel="sms", rule="overreach.consent") == []
    marketing = "Harlow Tyres: the autumn tyre check is here! Book at harlowtyres.co.uk. Reply STOP to opt out."
    assert findings(marketing, refused, channel="sms", rule="overreach.consent")
    receipt = "Thanks, Ciara! Your donation of €5 to Coastline Rescue was received. No further texts will be sent."
    assert findings(receipt, refused, channel="sms", rule="overreach.consent") == []
    appeal = "Donate €5 today to keep our crews on call. Text GIVE to 50300. Reply STOP to end reminders."
    assert findings(appeal, refused, channel="sms", rule="overreach.consent")


def test_a_practice_of_a_faith_the_customer_told_us_makes_the_faith_theirs() -> None:
    body = "We picked these out with you in mind, knowing how important modesty is in your faith."
    told = {"stated_preferences": ["I wear hijab - show me modest swimwear first"]}
    assert findings(body, told, rule="stereotyping.assumed_origin") == []
    assert findings(body, {}, rule="stereotyping.assumed_origin")


def test_a_priced_trial_is_an_offer() -> None:
    ctx = {"support": {"open_case": True, "topic": "payout withheld for 10 days"}}
    body = "Hi Rafael,\n\nStoopline Promote puts your listings at the top of search. Try it for 3 months at $29 total."
    assert findings(body, ctx, rule="overreach.upsell_during_support")
    assert findings(body, {"consent": {"marketing_email": False}}, rule="overreach.consent")


@pytest.mark.parametrize(
    "body",
    [
        "Presale alert: The Wrens at Corn Exchange, Sat 3 June. Tickets from 10am Wednesday.",
        "Our crews need you this winter. Text WAVE to 70111 to give £5.",
    ],
)
def test_a_presale_and_a_text_to_give_appeal_are_marketing(body: str) -> None:
    refused = {"consent": {"marketing_sms": False}}
    assert findings(body, refused, channel="sms", rule="overreach.consent")
    assert findings(body, {"consent": {"marketing_sms": True}}, channel="sms", rule="overreach.consent") == []


def test_a_review_that_would_mean_the_world_is_a_feedback_ask() -> None:
    asked = {"contact_history": {"feedback_requests_last_30_days": 4}}
    body = "Thanks for shopping with us! A quick Trustpilot review would mean the world."
    assert findings(body, asked, rule="overreach.feedback_requests")
    assert findings("If we've been good to you, a review on G2 would mean the world.", asked, rule="overreach")
    assert findings("Thanks for shopping with us! Your order is on its way.", asked, rule="overreach.feedback") == []


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("To make it easy, we've signed you up for daily reminder texts with a 10-minute workout.", True),
        ("Homes like yours usually go for our Platinum tier, so we've upgraded your quote automatically.", True),
        ("As you asked, we've signed you up for the weekly newsletter.", False),
        ("We've enrolled you in Rewards, free of charge, so every order earns points.", False),
        ("We've moved your booking to Friday at 10am, as the engineer is off sick.", False),
        # made available, not put in the box
        ("Lots of babies move up to size 2 at three months, so we've added them to your subscription options.", False),
        ("Lots of babies move up to size 2 at three months, so we've added them to your subscription.", True),
    ],
)
def test_signing_the_customer_up_or_moving_them_up_unasked(body: str, flagged: bool) -> None:
    assert bool(findings(body, rule="overreach.added_unasked")) is flagged


def test_a_phone_script_sells_with_prices_in_words_and_menu_options() -> None:
    hold = (
        "Thank you for holding. While you wait, you can add Kestrel TV Max to your plan for just ten pounds a month. "
        "Press 1 to add it now, or stay on the line for an adviser."
    )
    no_sales = {"stated_preferences": ["no sales calls or upgrade offers, please"]}
    assert findings(hold, no_sales, channel="ivr", rule="overreach.opted_out")
    assert findings("Press 1 to add a new payee, or press 2 to hear your balance.", no_sales, channel="ivr") == []
    case = {"support": {"open_case": True, "topic": "boiler repair booking"}}
    menu = "Your repair is booked for Friday. Before you go, press 9 to hear about our three-year Appliance Cover."
    assert findings(menu, case, channel="ivr", rule="overreach.upsell_during_support")


def test_upgrading_to_a_card_in_a_lost_card_chat_is_an_upsell() -> None:
    case = {"support": {"open_case": True, "topic": "lost card"}}
    pitch = "Upgrading to our Contactless Plus card is a no-brainer. Your replacement card arrives in 3 to 5 days."
    assert findings(pitch, case, channel="chat", rule="overreach.upsell_during_support")
    assert findings("Your replacement card arrives in 3 to 5 days.", case, channel="chat") == []


@pytest.mark.parametrize(("sent", "flagged"), [(14, True), (1, False)])
def test_a_tariff_sold_without_sale_words_counts_as_marketing(sent: int, flagged: bool) -> None:
    ctx = {"contact_history": {"messages_last_7_days": sent, "messages_last_30_days": 3 * sent}}
    push = "Solstice Energy: Fix your price before 1 April. Compare our Fixed Saver tariff in the app."
    assert bool(findings(push, ctx, channel="push", rule="overreach.frequency")) is flagged


def test_a_profile_that_covers_health_data_and_device_access_are_data_asks() -> None:
    profile = (
        "To personalise your experience, we'd love you to finish your profile. It only takes a minute and covers "
        "your date of birth, any medical conditions or medications we should know about, and your food budget."
    )
    assert findings(profile, rule="overreach.data_request")
    access = "To personalise your experience, let the Northvane app see your contacts and your photo library."
    assert findings(access, rule="overreach.data_request")
    assert findings("Send us photos of the damage through the claims portal.", rule="overreach.data_request") == []


def test_a_quote_for_something_else_in_an_open_case_is_an_upsell() -> None:
    case = {"support": {"open_case": True, "topic": "bereavement: policy transfer"}}
    pitch = "We were sorry to hear of David's passing. Kestrel Life Cover could help - get a quote in minutes online."
    assert findings(pitch, case, rule="overreach.upsell_during_support")
    garage = {"support": {"open_case": True, "topic": "car claim"}}
    assert findings("We'll get a quote from the garage for the repair today.", garage) == []


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        (
            "Stay on the line and we'll sign you up for a reminder call every morning with your balance. "
            "To skip this, press 9.",
            True,
        ),
        ("We'll enrol you in Autosave next month unless you tell us otherwise.", True),
        ("Reply YES and we'll sign you up for daily reminders.", False),
        ("Once you confirm below, we'll sign you up for the newsletter.", False),
    ],
)
def test_signing_the_customer_up_by_default_unless_they_act(body: str, flagged: bool) -> None:
    assert bool(findings(body, channel="ivr", rule="overreach.added_unasked")) is flagged


def test_offering_to_tell_the_customer_about_more_products_in_an_open_case_is_an_upsell() -> None:
    case = {"support": {"open_case": True, "topic": "query about UPI transaction limit"}}
    pitch = "Your limit is now ₹1 lakh. I'd be happy to tell you about our salary advance facility as well."
    assert findings(pitch, case, channel="chat", rule="overreach.upsell_during_support")
    refund = {"support": {"open_case": True, "topic": "refund"}}
    help_only = "I can tell you about our refund timeline if that helps: it's 3 to 5 working days."
    assert findings(help_only, refund, channel="chat", rule="overreach.upsell_during_support") == []


def test_a_damage_claim_needs_no_payslips_but_an_income_claim_does() -> None:
    body = (
        "Thank you for reporting the chip in your windscreen. To process claim WS-40917, please upload:\n\n"
        "• photos of the damage\n• your last three payslips\n\nUpload here within 14 days."
    )
    windscreen = {"support": {"open_case": True, "topic": "windscreen chip claim"}}
    assert findings(body, windscreen, rule="overreach.data_request")
    income = {"support": {"open_case": True, "topic": "income protection claim"}}
    assert findings(body, income, rule="overreach.data_request") == []
    loan = {"support": {"open_case": True, "topic": "personal loan application"}}
    assert findings(body.replace("report", "apply"), loan, rule="overreach.data_request") == []


def test_days_kept_free_are_a_time_for_the_topic_not_an_opt_out_of_it() -> None:
    call = "Hello, this is Kelvin Appliances with your delivery details. Your fridge is booked for Sunday the 9th."
    shabbat = {"stated_preferences": ["I observe Shabbat, so no deliveries on Friday evenings or Saturdays please"]}
    assert findings(call, shabbat, channel="ivr", rule="overreach.opted_out") == []
    collect = {"stated_preferences": ["no deliveries please, I'll collect"]}
    assert findings(call, collect, channel="ivr", rule="overreach.opted_out")


def test_a_promotion_said_to_be_over_is_no_offer() -> None:
    ctx = {"stated_preferences": ["please don't text me promotions"]}
    done = (
        "Done, Hannah. I've turned off marketing texts. You'll still get order and delivery updates by text, since "
        "those are about orders you've placed, but no more promotions."
    )
    assert findings(done, ctx, channel="chat", rule="overreach.opted_out") == []
    sale = "Done, Hannah. I've updated your address. Our spring promotion ends Sunday: 20% off everything."
    assert findings(sale, ctx, channel="chat", rule="overreach.opted_out")


def test_an_offer_that_answers_the_customers_enquiry_needs_no_marketing_consent() -> None:
    ctx = {"consent": {"marketing_email": False}}
    reply = (
        "Thank you for your enquiry about group bookings at the Linthwaite Hotel. For parties of ten or more we "
        "offer 15% off rooms booked under one reference."
    )
    assert findings(reply, ctx, rule="overreach.consent") == []
    unasked = "Spring at the Linthwaite Hotel: 15% off rooms booked under one reference this month."
    assert findings(unasked, ctx, rule="overreach.consent")
    other = "Thank you for your enquiry about parking. Our spa days are 15% off this month."
    assert findings(other, ctx, rule="overreach.consent")


def test_a_secret_asked_as_the_reply_to_a_yes_no_question_is_a_data_request() -> None:
    sms = "Did you spend $842.10 at TECHMART? If not, reply NO with your full card number and PIN so we can block it."
    assert findings(sms, channel="sms", rule="overreach.data_request")
    assert findings("Did you spend $842.10 at TECHMART? If not, reply NO.", channel="sms") == []


def test_unsubscribed_from_a_topic_in_the_customers_words_is_an_opt_out() -> None:
    ctx = {"stated_preferences": ["unsubscribed from Kids' Club emails, my son is 19 now"]}
    kids = "Our Kids' Club picks are here: 20% off every children's title until 15 September."
    assert findings(kids, ctx, rule="overreach.opted_out")
    history = "Our history and biography picks are here: 20% off until 15 September."
    assert findings(history, ctx, rule="overreach.opted_out") == []


def test_a_code_the_call_sends_for_the_caller_to_key_in_is_the_check() -> None:
    ivr = (
        "To get started, please enter your date of birth using the keypad. We'll then send a one-time code to the "
        "mobile number on your account, which you can enter when prompted."
    )
    assert findings(ivr, channel="ivr", rule="overreach.data_request") == []
    assert findings(
        "Please read out the one-time code from your banking app.", channel="ivr", rule="overreach.data_request"
    )


def test_a_tax_named_after_income_is_not_income_asked_for() -> None:
    gift_aid = "To do that, we just need you to confirm that you pay enough UK Income or Capital Gains Tax to cover it."
    assert findings(gift_aid, rule="overreach.data_request") == []
    assert findings("To do that, we just need you to confirm your income.", rule="overreach.data_request")


@pytest.mark.parametrize(
    ("pref", "flagged"),
    [
        ("Please skip Mother's Day emails this year, I lost my mum in January", True),
        ("Could you pause the baby club mailings for now?", False),  # another topic
        ("Please pause my membership until July", False),  # the service paused, not its messages
    ],
)
def test_a_topic_the_customer_asked_to_skip(pref: str, flagged: bool) -> None:
    text = "Mother's Day is just around the corner. Spoil Mum with our peony candle, 10% off with code BLOOM10."
    found = findings(text, {"stated_preferences": [pref]}, rule="overreach.opted_out")
    assert bool(found) is flagged


@pytest.mark.parametrize(("topic", "flagged"), [("membership freeze request, travel", True), ("medical freeze", False)])
def test_a_doctors_note_is_asked_only_where_the_case_is_about_health(topic: str, flagged: bool) -> None:
    text = (
        "We can freeze your membership for up to three months. To set this up, please reply with a doctor's note "
        "confirming your condition and expected recovery time."
    )
    ctx = {"support": {"open_case": True, "topic": topic}}
    assert bool(findings(text, ctx, rule="overreach.data_request")) is flagged


@pytest.mark.parametrize("open_case", [True, False])
def test_a_phone_menu_option_to_hear_the_pitch_during_an_open_case(open_case: bool) -> None:
    text = (
        "Thanks for calling Northwire. Fibre 900 is now available on your street. To hear about upgrading, press 3. "
        "For billing, press 1. To report a fault, press 2."
    )
    ctx = {"support": {"open_case": open_case, "topic": "no broadband for 4 days"}}
    found = findings(text, ctx, channel="ivr", rule="overreach.upsell_during_support")
    assert [f.quote for f in found] == (["To hear about upgrading, press 3."] if open_case else [])


def test_what_the_law_gives_the_customer_is_no_upsell() -> None:
    text = (
        "You asked why. Our decision was based partly on information from Experian. You can get your free statutory "
        "credit report from Experian, and ask them to correct anything wrong."
    )
    ctx = {"support": {"open_case": True, "topic": "loan decline explanation"}}
    assert findings(text, ctx, rule="overreach.upsell_during_support") == []
    sold = text.replace("free statutory credit report", "free credit report")  # a freebie, as far as it says
    assert findings(sold, ctx, rule="overreach.upsell_during_support")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "Just reply with your due date, the hospital where you plan to give birth and your obstetrician's name.",
            True,
        ),
        ("Just reply with your due date and we'll time your deliveries.", False),
    ],
)
def test_who_treats_the_customer_and_where_is_more_than_a_delivery_needs(text: str, flagged: bool) -> None:
    ctx = {"stated_preferences": ["I'm expecting in October, send me prenatal offers"]}
    assert bool(findings(text, ctx, rule="overreach.data_request")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Instead of worrying about the extra £9, why not switch to Unlimited Plus? Shall I go ahead?", True),
        ("Your bill went up because your discount ended. Why not switch to paperless billing? It's free.", False),
    ],
)
def test_why_not_switch_to_a_bigger_plan_during_a_bill_case(text: str, flagged: bool) -> None:
    ctx = {"support": {"open_case": True, "topic": "monthly bill went up; customer asks why"}}
    assert bool(findings(text, ctx, channel="chat", rule="overreach.upsell_during_support")) is flagged


@pytest.mark.parametrize(
    ("pref", "flagged"),
    [
        ("Send me the Top 10 daily deals email every morning", False),
        ("Text me every time fares from Boston to Lisbon drop", False),
        ("Don't email me every day", True),
        ("Interested in fares to Lisbon", True),
    ],
)
def test_messages_the_customer_asked_to_get_often(pref: str, flagged: bool) -> None:
    ctx = {"stated_preferences": [pref], "contact_history": {"messages_last_7_days": 11, "messages_last_30_days": 36}}
    text = "Skyway: Fares to Lisbon just dropped to $412 round trip! Book by Friday: skyway.com/lis"
    assert bool(findings(text, ctx, channel="sms", rule="overreach.frequency")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "To personalise your offers, tell us your annual household income and your employer using the secure "
            "form below.",
            True,
        ),
        ("To process your application, tell us your annual household income using the secure form below.", False),
        ("To personalise your registry, tell us your due date and whether you're having a boy or a girl.", True),
        ("To personalise your registry, tell us the name you'd like on it.", False),
    ],
)
def test_tailored_offers_need_no_earnings_or_the_babys_sex(text: str, flagged: bool) -> None:
    assert bool(findings(text, {}, rule="overreach.data_request")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Back-to-school picks for your little ones: lunchboxes from £8, 25% off.", True),
        ("Garden chairs, 25% off.", False),
    ],
)
def test_little_ones_and_back_to_school_are_the_kids_topic(text: str, flagged: bool) -> None:
    ctx = {"stated_preferences": ["Please take me off the kids' emails, my children are grown up now"]}
    assert bool(findings(text, ctx, rule="overreach.opted_out")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "Hey you!! How was your weekend? Ours was a blur of brunch. Anyway, enough about us! Your card is ready.",
            True,
        ),
        ("How was your stay? Tap to rate it.", False),
    ],
)
def test_small_talk_about_weekends_from_a_bank(text: str, flagged: bool) -> None:
    ctx = {"relationship": {"tenure_months": 4, "lifecycle_stage": "new", "involvement": "low"}}
    assert bool(findings(text, ctx, rule="overreach.over_familiar")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Good news! You're pre-approved for a £2,000 higher credit limit. Tap to accept.", True),
        ("Your claim is still under investigation; we'll update you by Friday.", False),
    ],
)
def test_credit_offered_unasked_is_a_pitch_during_an_open_case(text: str, flagged: bool) -> None:
    ctx = {"support": {"open_case": True, "topic": "Fraud claim on credit card, under investigation"}}
    assert bool(findings(text, ctx, channel="push", rule="overreach.upsell_during_support")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Brunch is back in the Potting Shed Café! 2 for 1 on breakfasts. Reply STOP to opt out", True),
        ("Our rose sale starts Friday, 20% off. Reply STOP to opt out", False),
    ],
)
def test_nothing_about_a_topic_opts_out_of_it_accent_and_all(text: str, flagged: bool) -> None:
    ctx = {
        "consent": {"marketing_sms": True},
        "stated_preferences": ["Texts about plants are fine, but nothing about the café please"],
    }
    assert bool(findings(text, ctx, channel="sms", rule="overreach.opted_out")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("From next week, we'll be writing to you twice a week instead of once.", True),
        ("You'll now hear from us daily, with a fresh deal each morning.", True),
        ("From next week you'll hear from us once a month.", False),
        ("We'll be writing to you once a week, as you asked.", False),
    ],
)
def test_a_faster_pace_announced_against_the_customers_own_limit(text: str, flagged: bool) -> None:
    ctx = {"stated_preferences": ["Once a week is fine for me"], "contact_history": {"messages_last_7_days": 0}}
    assert bool(findings(text, ctx, rule="overreach.frequency")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("We get lonely when you don't open the app. Come say hi?", True),
        ("You clicked the coat twice, but you still haven't bought anything, so here's 15% off.", True),
        ("Feeling lonely this winter? Our befriending line is free, day or night.", False),
        ("You haven't been charged anything yet: your trial ends on Friday.", False),
    ],
)
def test_loneliness_and_reproach_for_not_buying_guilt_trip(text: str, flagged: bool) -> None:
    assert bool(findings(text, {}, rule="overreach.guilt_trip")) is flagged


@pytest.mark.parametrize(
    ("preference", "flagged"),
    [
        ("Send me every deal you've got, I don't want to miss any", False),
        ("Send me every deal, but I don't want more than a few", True),
    ],
)
def test_not_wanting_to_miss_a_deal_asks_for_them_all(preference: str, flagged: bool) -> None:
    ctx = {
        "stated_preferences": [preference],
        "contact_history": {"messages_last_7_days": 6, "messages_last_30_days": 27},
    }
    text = "Today's deal: a robot vacuum, 40% off until midnight."
    assert bool(findings(text, ctx, rule="overreach.frequency")) is flagged


@pytest.mark.parametrize(
    ("lead", "flagged"),
    [
        (
            "Thanks for choosing Harbourline for your mortgage application. To move to the next stage, please upload:",
            False,
        ),
        ("Our new savings accounts are here. To see offers picked for you, please upload:", True),
    ],
)
def test_payslips_asked_for_the_customers_own_application_are_needed(lead: str, flagged: bool) -> None:
    text = f"Dear Ms Adeyemi,\n\n{lead}\n\n- your last three payslips\n- your latest P60\n"
    assert bool(findings(text, {}, rule="overreach.data_request")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "This is a call for Helen Rhys. If you are Helen, press 1. If Helen is not available, ask her to call us. "
            "Thank you, Helen. Your prescription is ready.",
            False,
        ),
        ("Hi Helen! Helen, we've got a treat for you. Thanks, Helen, and Helen, don't miss it.", True),
    ],
)
def test_the_name_said_to_check_who_answered_is_not_repetition(text: str, flagged: bool) -> None:
    ctx = {"name": {"first": "Helen", "last": "Rhys"}}
    assert bool(findings(text, ctx, channel="ivr", rule="overreach.name_repetition")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Still not buying? We held those runners for three days. Kinda rude to ghost them.", True),
        ("4 emails, 0 opens. Are we breaking up?", True),
        ("But how long are you going to keep telling yourself 'next month'?", True),
        ("Don't get caught out again!", True),
        ("It's rude to leave the tap running, and it wastes water.", False),
        ("If the leak gets worse before we arrive, turn off the stopcock.", False),
    ],
)
def test_scolding_and_fear_as_guilt(text: str, flagged: bool) -> None:
    assert bool(findings(text, {}, rule="overreach.guilt_trip")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Device Protect+ covers theft. Add it today for $14 a month.", True),
        ("Your replacement SIM ships today.", False),
    ],
)
def test_a_priced_call_to_add_cover_during_an_open_case_is_an_upsell(text: str, flagged: bool) -> None:
    ctx = {"support": {"open_case": True, "topic": "stolen phone, line suspended"}}
    assert bool(findings(text, ctx, rule="overreach.upsell_during_support")) is flagged


@pytest.mark.parametrize(
    ("preference", "text", "flagged"),
    [
        (
            "Texts only for my delivery slots please - send deals by email",
            "Berry weekend! 2-for-1 on all fresh berries through Sunday. Reply STOP to end",
            True,
        ),
        (
            "Texts only for my delivery slots please - send deals by email",
            "Your delivery slot tomorrow is 8-9am. Reply STOP to end",
            False,
        ),
        (
            "Stop sending me the furniture promos. I bought my couch, I'm done.",
            "Armchairs to match your sofa are 30% off this weekend. Reply STOP to opt out",
            True,
        ),
        (
            "Stop sending me the furniture promos. I bought my couch, I'm done.",
            "Your rug ships on Tuesday. Reply STOP to opt out",
            False,
        ),
        (
            "Stop sending me the furniture promos. I bought my couch, I'm done.",
            "Your Harlow sofa delivery is confirmed for Thu 14 Nov, 8am-12pm. Reply R to reschedule.",
            False,
        ),
    ],
)
def test_opt_outs_in_the_customers_own_words_by_text(preference: str, text: str, flagged: bool) -> None:
    ctx = {"consent": {"marketing_sms": True}, "stated_preferences": [preference]}
    assert bool(findings(text, ctx, channel="sms", rule="overreach.opted_out")) is flagged


@pytest.mark.parametrize(
    ("preference", "flagged"),
    [
        ("I don't drink any more, please leave the wine stuff out of my emails", True),
        ("Keep me posted on produce", False),
    ],
)
def test_a_topic_asked_to_be_left_out_is_opted_out_of(preference: str, flagged: bool) -> None:
    text = "Spring is here.\n\n- Asparagus, $2.99 a bunch\n- Wine picks of the week: three Riojas under $15\n"
    assert bool(findings(text, {"stated_preferences": [preference]}, rule="overreach.opted_out")) is flagged


@pytest.mark.parametrize(
    ("ask", "flagged"),
    [
        ("Please reply before Saturday with your credit score and your annual income.", True),
        ("Please reply before Saturday with your preferred time.", False),
    ],
)
def test_a_reply_asked_by_a_day_still_asks_for_the_data(ask: str, flagged: bool) -> None:
    text = f"You're all set to test-drive the Solara on Saturday.\n\n{ask}"
    assert bool(findings(text, {}, rule="overreach.data_request")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "Thank you for calling Vantage Home Insurance. For claims, press 1. For quotes on more cover, press 4.",
            False,
        ),
        ("Hello, this is Vantage Home Insurance with an offer on more cover. Press 1 to hear it.", True),
        ("Thanks for holding. Did you know you could get Fibre 900 for just five pounds more a month? Press 1.", True),
    ],
)
def test_a_call_the_customer_made_is_not_contact_they_refused(text: str, flagged: bool) -> None:
    ctx = {"stated_preferences": ["Email only please. I never want sales calls from you."]}
    assert bool(findings(text, ctx, channel="ivr", rule="overreach.opted_out")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("This week's box: 100% vegetarian, zero mushrooms, not a mushroom in sight.", False),
        ("New this week: wild mushroom risotto kits, 20% off.", True),
    ],
)
def test_zero_of_the_refused_topic_keeps_to_the_opt_out(text: str, flagged: bool) -> None:
    ctx = {"stated_preferences": ["I'm vegetarian", "no mushrooms please"]}
    assert bool(findings(text, ctx, rule="overreach.opted_out")) is flagged


@pytest.mark.parametrize(
    ("topic", "flagged"), [("asked how to lower monthly bill", False), ("no signal at home", True)]
)
def test_a_cheaper_plan_offered_to_a_customer_who_asked_to_pay_less_answers_them(topic: str, flagged: bool) -> None:
    text = (
        "Good question, Hollie. You've used under 4GB every month, so the 10GB plan would cover you and save you "
        "£8 a month. Want me to switch you at your next bill date?"
    )
    ctx = {"support": {"open_case": True, "topic": topic}}
    assert bool(findings(text, ctx, channel="chat", rule="overreach.upsell_during_support")) is flagged


def test_what_the_customer_asked_for_by_name_is_not_the_category_they_refused() -> None:
    """'Oat milk only, no dairy': the oat milk they named is not the dairy they opted out of."""
    body = "Your oat milk is back in stock at Basil & Crate. Add a carton to Friday's delivery?"
    for prefs in (["oat milk only, no dairy"], ["no dairy", "I drink oat milk"]):
        assert findings(body, {"stated_preferences": prefs}, channel="push", rule="overreach.opted_out") == []
    for prefs in (["no dairy"], ["no oat milk"]):
        assert findings(body, {"stated_preferences": prefs}, channel="push", rule="overreach.opted_out")


def test_sensitive_data_asked_on_a_form_or_in_a_list_under_reply_with() -> None:
    form = (
        "To finish setting up your Rewards card, just fill in your name, email address and Social Security "
        "number on the short form below."
    )
    (f,) = findings(form, {}, rule="overreach.data_request")
    assert f.severity == 4
    listed = (
        "To match you with the right firmness, please reply with:\n\n- your height and sleeping position\n"
        "- any back or joint conditions you've been diagnosed with\n- the medications you currently take\n"
        "- your GP's name and surgery"
    )
    quotes = [f.quote for f in findings(listed, {}, rule="overreach.data_request")]
    assert quotes == [
        "- any back or joint conditions you've been diagnosed with",
        "- the medications you currently take",
        "- your GP's name and surgery",
    ]
    assert findings("Please fill in the form below with your delivery address.", {}, rule="overreach") == []


def test_far_past_the_limit_a_launch_or_a_basket_nudge_without_sale_words_is_one_too_many() -> None:
    many = {"contact_history": {"messages_last_7_days": 12, "messages_last_30_days": 41}}
    launch = "New spin classes added on Thursday evenings at Ravenmoor Eastside. Book a bike in the app."
    assert findings(launch, many, channel="push", rule="overreach.frequency")
    nudge = "Still thinking about the Rivet Straight in indigo? Your size is still in stock."
    assert findings(nudge, many, channel="push", rule="overreach.frequency")
    few = {"contact_history": {"messages_last_7_days": 1, "messages_last_30_days": 4}}
    assert findings(launch, few, channel="push", rule="overreach.frequency") == []


def test_a_cadence_the_customer_said_is_enough_is_their_limit() -> None:
    body = "Bulb Week starts Saturday at all Trellis Garden Centres. Tulips are 3 for 2."
    sent = {"messages_last_7_days": 3, "messages_last_30_days": 7}
    for said in ("A monthly newsletter is plenty for me, thank you", "Just the weekly email please"):
        (f,) = findings(body, {"stated_preferences": [said], "contact_history": sent}, rule="overreach.frequency")
        assert f.severity == 3
    liked = {"stated_preferences": ["I love the monthly newsletter"], "contact_history": sent}
    assert findings(body, liked, rule="overreach.frequency") == []


def test_free_delivery_offered_with_a_pile_of_picks_does_not_make_it_an_order() -> None:
    fabrics = [f"{c} {f}" for f in ("boucle", "linen") for c in ("Oat", "Stone", "Sand", "Ivory")] + ["Cream velvet"]
    picks = "\n".join(f"- Hudson in {x}" for x in fabrics)
    body = f"Here's the Hudson in every fabric we offer:\n{picks}\n\nDelivery is free this month."
    (f,) = findings(body, {}, rule="overreach.too_many_suggestions")
    assert f.quote.startswith("- Hudson in Oat boucle")
    order = "Your order is confirmed:\n" + picks + "\n\nYour delivery is free and arrives Friday."
    assert findings(order, {}, rule="overreach.too_many_suggestions") == []


def test_what_the_customers_own_balance_or_terms_give_them_is_told_not_sold() -> None:
    """An account notice without marketing consent: what the points, miles or policy already give is no offer."""
    no_email = {"consent": {"marketing_email": False}}
    notices = [
        "Your points balance: 1,240. You're 260 points away from a £15 voucher.",
        "12,450 miles are due to expire on 30 June. 12,450 miles is enough for:\n- A one-way reward seat\n"
        "- An upgrade from Economy to Premium Economy on short flights",
        "The miles from your stay have posted to your Skyward account. That's enough for a one-way reward flight.",
        "Your policy renews on 1 May. A second named driver may reduce your premium.",
    ]
    for body in notices:
        assert findings(body, no_email, rule="overreach.consent") == [], body
    # the same perks put to a reader with no account business in the message are marketing
    pitch = "An upgrade from Economy to Premium Economy is 30% off this week."
    assert findings(pitch, no_email, rule="overreach.consent")


def test_no_idea_is_an_idiom_not_an_opt_out() -> None:
    ctx = {"stated_preferences": ["In this chat: need a thank-you gift for my boss, about $50, no idea what they like"]}
    body = "Three ideas that work for almost anyone: an olive tree ($48) or a coffee set ($45). Want more ideas?"
    assert findings(body, ctx, channel="chat", rule="overreach.opted_out") == []
    assert findings(body, {"stated_preferences": ["no gift ideas please"]}, channel="chat", rule="overreach.opted_out")


def test_steps_instructions_and_a_schedule_are_not_a_pile_of_suggestions() -> None:
    steps = "How it works:\n- Pick a fit\n- Enter your sizes once\n- Filter by fabric\n- Save your favourites"
    picks = "Our picks:\n- Twill overshirt, $62\n- Selvedge jeans, $88\n- Knit polo, $48"
    assert findings(f"{steps}\n\n{picks}", {}, rule="overreach.too_many_suggestions") == []
    months = ["October", "November", "December", "January", "February", "March"]
    schedule = "\n".join(f"- {m}: a novel" for m in months)
    assert findings(f"This season's reading:\n{schedule}", {}, rule="overreach.too_many_suggestions") == []
    more = "\n".join(f"- Hudson sofa in {c}, $900" for c in ("oat", "stone", "sand", "ivory", "cream", "ecru"))
    assert findings(f"Our picks:\n{more}", {}, rule="overreach.too_many_suggestions")


def test_a_free_delivery_threshold_is_a_perk_not_an_order() -> None:
    tees = "\n".join(f"{k}. The Classic Crew, shade {k}, $24" for k in range(1, 13))
    body = f"We pulled every white tee we make into one place for you:\n{tees}\n\nEvery order over $60 ships free."
    assert findings(body, {}, rule="overreach.too_many_suggestions")


def test_a_pitch_in_a_support_chat_offered_or_priced_by_the_day() -> None:
    case = {"support": {"open_case": True, "topic": "faulty kettle"}}
    asks = [
        "I've arranged a replacement, arriving Wednesday. Can I show you our stand mixers?",
        "Your eSIM is ready. Next time add the EU Travel Pass for £2 a day and save on roaming.",
    ]
    for body in asks:
        assert findings(body, case, channel="chat", rule="overreach.upsell_during_support"), body
    told = "I've arranged a replacement, arriving Wednesday. Can I show you how to descale it?"
    assert findings(told, case, channel="chat", rule="overreach.upsell_during_support") == []


def test_far_past_the_limit_a_lesson_waiting_is_a_nudge() -> None:
    many = {"contact_history": {"messages_last_7_days": 13, "messages_last_30_days": 40}}
    body = "Your Spanish lesson is waiting. Five minutes now keeps your 23-day streak alive"
    assert findings(body, many, channel="push", rule="overreach.frequency")
    assert findings(body, {"contact_history": {"messages_last_7_days": 1}}, channel="push", rule="overreach") == []


def test_hiv_status_asked_for_a_badge_is_data_the_purpose_does_not_need() -> None:
    body = "Get your Trusted badge: add your HIV status and last test date to your profile today."
    assert findings(body, {}, channel="push", rule="overreach.data_request")


def test_an_opt_out_said_as_only_this_channel_for_that() -> None:
    ctx = {"stated_preferences": ["only send me push notifications about my orders, nothing else"]}
    sale = "Drizzle & Co: Weekend deal. 30% off all rain jackets until Sunday. Tap to shop."
    assert findings(sale, ctx, channel="push", rule="overreach.opted_out")
    assert findings("Your order has shipped and arrives Friday.", ctx, channel="push", rule="overreach") == []


def test_an_extended_warranty_refused_covers_it_sold_as_a_protection_plan() -> None:
    ctx = {"stated_preferences": ["I don't want the extended warranty, please stop asking"]}
    body = "Your TV is confirmed for Thursday. I'd really recommend adding our 4-year Protection Plan for $89."
    assert findings(body, ctx, channel="chat", rule="overreach.opted_out")
    assert findings("Your TV is confirmed for Thursday.", ctx, channel="chat", rule="overreach") == []


def test_goods_put_in_the_order_unasked_and_a_plan_pitched_to_a_leaver() -> None:
    added = "I went ahead and added our Curry Night bundle to your order. Want extra chillies too?"
    assert findings(added, {}, channel="chat", rule="overreach.added_unasked")
    # a basket is only a suggestion until the customer pays
    basket = "I went ahead and added our Curry Night bundle to your basket."
    assert findings(basket, {}, channel="chat", rule="overreach.added_unasked") == []
    leaving = {"support": {"open_case": True, "topic": "cancel subscription"}}
    pitch = "Before I process that cancellation, have you seen Nimbus Premium Family? Six accounts for $16.99!"
    assert findings(pitch, leaving, channel="chat", rule="overreach.upsell_during_support")


def test_orders_opened_to_all_and_a_date_to_order_by_are_marketing() -> None:
    no_sms = {"consent": {"marketing_sms": False}}
    body = "Marigold: Eid al-Adha orders are open! Halal cuts, collect from Tue. Order by Fri at marigold.shop/eid."
    assert findings(body, no_sms, channel="sms", rule="overreach.consent")
    notice = "Marigold: we'll deliver your order by Friday between 8 and 10am."
    assert findings(notice, no_sms, channel="sms", rule="overreach.consent") == []


def test_what_an_account_already_earns_and_an_apologys_voucher_are_not_marketing() -> None:
    no_email = {"consent": {"marketing_email": False, "marketing_sms": False}}
    card = (
        "We noticed a problem with your card payment, so please update your details. As a reminder, your Everyday "
        "Rewards card earns 1.5% cash back on groceries."
    )
    assert findings(card, no_email, rule="overreach.consent") == []
    sorry = "Your order is running 20 minutes late. Sorry for the wait; a $15 meal voucher is in your app."
    assert findings(sorry, no_email, channel="sms", rule="overreach.consent") == []
    sale = "Your order is running late. Get a $15 meal voucher when you spend $50 this weekend!"
    assert findings(sale, no_email, channel="sms", rule="overreach.consent")


def test_while_we_are_here_sells_nothing_until_an_offer_follows() -> None:
    ctx = {"support": {"open_case": True, "topic": "damaged sofa, replacement pending"}}
    tips = "A few care tips while we're here: plump the cushions weekly and keep it out of direct sun."
    assert findings(tips, ctx, channel="chat", rule="overreach.upsell_during_support") == []
    pitch = "While we're here, our fabric protector spray is 20% off this week."
    assert findings(pitch, ctx, channel="chat", rule="overreach.upsell_during_support")


def test_a_feature_wanted_is_not_an_opt_out() -> None:
    ctx = {"stated_preferences": ["Looking for a card with no annual fee while I rebuild my credit"]}
    body = "The Basic card has no annual fee, and it reports to the credit bureaus while you rebuild your credit."
    assert findings(body, ctx, rule="overreach.opted_out") == []
    fees = {"stated_preferences": ["No annual fee offers, thanks"]}
    assert findings("Our Voyager card is 20% off its annual fee this month!", fees, rule="overreach.opted_out")


def test_no_promotional_emails_keeps_the_delivery_notice() -> None:
    ctx = {"stated_preferences": ["Order updates only, no promotional emails"]}
    notice = "Hello Ingrid,\n\nYour sofa is booked for delivery on Tuesday between 8am and 12pm."
    assert findings(notice, ctx, rule="overreach.opted_out") == []
    assert findings("Hello Ingrid,\n\nOur spring sale is on: 20% off every sofa!", ctx, rule="overreach.opted_out")


@pytest.mark.parametrize(
    "body",
    [
        "Our EU servers are offline on Tuesday while we upgrade our matchmaking hardware.",
        "Your trial ends in 3 days. If you decide not to upgrade, your data stays safe for 60 days.",
        "Flight SK212 is delayed to 16:40. We're sorry for the wait. Meal vouchers and gate updates are in your app.",
        "Servers are down for maintenance tonight; everyone gets a 2x XP weekend afterwards as a thank-you.",
        "Your bill went up by £14 because the 12-month discount on your plan ended on 3 March.",
    ],
)
def test_service_notices_that_name_an_upgrade_a_voucher_or_a_discount_are_not_marketing(body: str) -> None:
    ctx = {"consent": {"marketing_email": False, "marketing_sms": False}}
    assert findings(body, ctx, rule="overreach.consent") == []


@pytest.mark.parametrize(
    "body",
    [
        "Upgrade today and get 3 months free.",
        "Sorry for the wait! As a thank-you, 20% off everything this weekend: shop now.",
        "Enjoy a 20% discount on every jacket until Sunday.",
    ],
)
def test_offers_beside_those_words_are_still_marketing(body: str) -> None:
    assert findings(body, {"consent": {"marketing_email": False}}, rule="overreach.consent")


def test_a_star_tapped_is_a_feedback_ask() -> None:
    ctx = {"contact_history": {"feedback_requests_last_30_days": 5}}
    body = "Your case is now closed. If you have a minute, we'd love to know how we did: just tap a star below."
    (f,) = findings(body, ctx, rule="overreach.feedback_requests")
    assert "tap a star" in f.quote
    assert findings("Your case is now closed. Thanks for your patience.", ctx, rule="overreach.feedback_requests") == []


def test_three_kinds_of_ask_in_one_message_are_too_many() -> None:
    body = (
        "Appt Tue 9:30am, reply C to confirm. Also: rate us on Google, refer a friend for $25 & ask us about whitening!"
    )
    found = findings(body, channel="sms", rule="overreach.too_many_asks")
    assert [(f.quote, f.severity) for f in found] == [
        ("rate us", 1),
        ("refer a friend", 2),
        ("ask us about whitening", 2),
    ]
    two = "Thanks for your order! Rate us on Google, or refer a friend and you both get $10."
    assert findings(two, rule="overreach.too_many_asks") == []


def test_a_channel_kept_for_one_purpose_said_with_me() -> None:
    ctx = {"stated_preferences": ["Text me for delivery updates only"]}
    promo = "Marigold Meals: add a dessert box to next week's delivery for just $6! Reply STOP to opt out"
    assert findings(promo, ctx, channel="sms", rule="overreach.opted_out")
    update = "Marigold Meals: your box arrives tomorrow between 8 and 10am."
    assert findings(update, ctx, channel="sms", rule="overreach.opted_out") == []


@pytest.mark.parametrize(
    "body",
    [
        "Your refund of $64.99 is approved. By the way, with a Bramble Rewards Visa you'd have earned $6.50 back!",
        "Your refund is approved. Shall I start your application for our Rewards card now?",
        "Thank you for holding. Did you know Platinum earns 2% back? Press 1 to hear more and apply today.",
    ],
)
def test_sales_said_without_stock_upsell_words_during_an_open_case(body: str) -> None:
    ctx = {"support": {"open_case": True, "topic": "refund for damaged blender"}}
    assert findings(body, ctx, channel="chat", rule="overreach.upsell_during_support")
    assert findings(body, {}, channel="chat", rule="overreach.upsell_during_support") == []


def test_a_question_and_its_star_rating_are_one_ask() -> None:
    body = "How was your ride with Tandem on Sunday? Tap a star to rate your driver."
    assert findings(body, channel="push", rule="overreach.feedback_requests") == []


def test_a_voucher_added_beside_the_fix_is_part_of_the_fix() -> None:
    ctx = {"support": {"open_case": True, "topic": "cancelled flight"}}
    body = (
        "So sorry about the cancellation. I've rebooked you both on tomorrow's 09:15 and added a £50 voucher to your "
        "account."
    )
    assert findings(body, ctx, channel="chat", rule="overreach.upsell_during_support") == []


def test_a_clean_record_said_with_no_is_not_an_opt_out() -> None:
    ctx = {"stated_preferences": ["No accidents or tickets in 10 years, quote me your safe-driver rate"]}
    body = "Our SafeMiles plan rewards ten years without claims or tickets with up to 22% off. Get your quote today."
    assert findings(body, ctx, rule="overreach.opted_out") == []
    assert findings(body, {"stated_preferences": ["No more SafeMiles offers"]}, rule="overreach.opted_out")


@pytest.mark.parametrize(
    "body",
    [
        "Holi is here, so we've made you a checklist of 14 must-haves:\n"
        + "\n".join(f"{i}. Item {i}" for i in range(1, 15))
        + "\nAdd all 14 to your cart.",
        "For the hike I'd go with the Stormline jacket. And since you're here, 11 more things hikers usually add: "
        "a fleece, a base layer, trousers, gaiters, a pack, a cover, poles, a torch, a kit, a filter and a flask.",
    ],
)
def test_too_many_suggestions_said_as_a_checklist_or_a_count(body: str) -> None:
    assert findings(body, channel="chat", rule="overreach.too_many_suggestions")


def test_a_checklist_of_steps_is_still_not_suggestions() -> None:
    body = "Your moving checklist:\n" + "\n".join(f"{i}. Step {i}" for i in range(1, 10))
    assert findings(body, rule="overreach.too_many_suggestions") == []


def test_regional_slang_for_a_friend_is_over_familiar() -> None:
    ctx = {"relationship": {"lifecycle_stage": "prospect", "involvement": "low"}}
    body = "Howzit my china!! Lekker deal just for u: 2 months FREE at Jozi Gym if u sign up this wknd!!"
    assert findings(body, ctx, channel="sms", rule="overreach.over_familiar")


def test_a_count_that_points_to_a_range_is_not_a_list() -> None:
    body = "Prefer something a little different? The Ellery Edit has thirty more ideas under £100."
    assert findings(body, rule="overreach.too_many_suggestions") == []


@pytest.mark.parametrize(
    "body",
    [
        "Good question - the $9.99 is your Plus subscription. It started as a free trial in February and converted "
        "automatically when the trial ended.",
        "You've got 3,260 points right now - enough for a £3 voucher. Would you like me to turn 3,000 of them into a "
        "voucher for your next order?",
        "Card declined this morning, but don't panic: update your payment details and we'll hold the order until "
        "midnight.",
    ],
)
def test_the_customers_own_account_told_in_a_support_chat_sells_nothing(body: str) -> None:
    ctx = {"support": {"open_case": True, "topic": "question about a charge"}}
    assert findings(body, ctx, channel="chat", rule="overreach.upsell_during_support") == []


def test_one_retention_offer_of_money_off_the_bill() -> None:
    ctx = {"support": {"open_case": True, "topic": "wants to cancel broadband"}}
    body = "Okay: I can take $10 a month off your bill for the next 12 months with no change to your plan."
    assert findings(body, ctx, channel="chat", rule="overreach.upsell_during_support") == []
    assert findings("Okay: I can upgrade you to Fibre Max for $10 more a month.", ctx, channel="chat", rule="overreach")


@pytest.mark.parametrize(
    "body",
    [
        "The pool is closed from 2 to 16 September for retiling. To make up for it:\n"
        "- we've taken 15% off your September membership fee\n- you can swim at our Riverside club free of charge",
        "Your account is 75 days overdue. You can:\n- pay in full online\n- set up a payment plan from £20 a month",
        "Hi Sunita,\n\nThanks for signing up to Oakmere Free Wi-Fi. You're all set for unlimited browsing.\n\n"
        "Manage your Wi-Fi account or unsubscribe at oakmere.co.uk/wifi.",
    ],
)
def test_service_notices_with_money_off_a_plan_to_pay_or_a_sign_up_are_not_marketing(body: str) -> None:
    assert findings(body, {"consent": {"marketing_email": False}}, rule="overreach.consent") == []


def test_religion_asked_lightly_is_still_asked() -> None:
    body = "Happy to help you pick a hamper, Lena! Mind telling me your religion? Just so we get the bundle right."
    assert findings(body, channel="chat", rule="overreach.data_request")


def test_the_opt_out_confirmed_in_a_chat_is_not_ignoring_it() -> None:
    ctx = {"stated_preferences": ["No more offers on WhatsApp please"]}
    body = "Done, you won't get offers from us on WhatsApp any more. You'll still see order updates here."
    assert findings(body, ctx, channel="chat", rule="overreach.opted_out") == []


def test_less_to_pay_on_the_customers_own_account_is_not_marketing() -> None:
    body = (
        "Four paid seats haven't been used for 60 days. Remove them and you'll save $64 a month from your next invoice."
    )
    assert findings(body, {"consent": {"marketing_email": False}}, rule="overreach.consent") == []
    assert findings(
        "Upgrade to annual and save $64 a month!", {"consent": {"marketing_email": False}}, rule="overreach"
    )


def test_a_pickup_code_is_not_a_new_collection() -> None:
    body = (
        "Our store is closed on Monday. Click & collect orders will be held at our other store, with a new "
        "collection code."
    )
    assert findings(body, {"consent": {"marketing_email": False}}, rule="overreach.consent") == []


def test_the_picks_after_a_colon_are_the_list() -> None:
    body = (
        "You told us you're vegetarian and short on time on weeknights, so this week's picks are all meat-free and "
        "on the table in 30 minutes or less: "
        "chickpea bowls, miso noodles, black bean tacos, a halloumi bake, and a green minestrone."
    )
    assert findings(body, rule="overreach.too_many_suggestions") == []


@pytest.mark.parametrize(
    ("body", "pref", "channel"),
    [
        (
            "Marlow Coffee: you've opted out and won't get any more marketing texts from us. Changed your mind? "
            "Reply START to rejoin.",
            "Replied STOP to Marlow Coffee texts",
            "sms",
        ),
        (
            "All sorted, Fiona. I've taken you off the Wine Club emails, so you won't get the monthly case offers any "
            "more.",
            "Stop the Wine Club emails",
            "email",
        ),
        (
            "As you asked, we've closed your account. We've also removed you from all marketing lists. You won't hear "
            "from us again.",
            "Close my account and remove me from all lists",
            "email",
        ),
    ],
)
def test_an_opt_out_confirmed_in_other_words_is_no_breach(body: str, pref: str, channel: str) -> None:
    ctx = {"stated_preferences": [pref]}
    assert findings(body, ctx, channel=channel, rule="overreach.opted_out") == []
    sale = "Wine Club and Marlow Coffee: 20% off this weekend, for all of our lists! Order at marlow.co"
    assert findings(sale, ctx, channel=channel, rule="overreach.opted_out")


def test_the_deals_a_customer_will_stop_getting_are_not_sold() -> None:
    ctx = {"support": {"open_case": True, "topic": "email frequency"}}
    done = (
        "I've changed your settings so you'll get just one round-up a month, on the first Monday, instead of the "
        "daily deals. Order emails aren't affected."
    )
    assert findings(done, ctx, channel="chat", rule="overreach.upsell_during_support") == []
    sold = "I've changed your settings. While you're here, our daily deals start at 30% off today."
    assert findings(sold, ctx, channel="chat", rule="overreach.upsell_during_support")


def test_a_contract_named_at_length_ends_in_the_notice_the_law_asks_for() -> None:
    ctx = {"consent": {"marketing_email": False}}
    body = (
        "Hi Dev,\n\nYour 24-month Tidewell Fibre 150 contract ends on 31 March. If you do nothing, it will carry on "
        "month to month from 1 April at £32 a month.\n\nYou can also choose a new 12- or 24-month plan from £26 a "
        "month, or leave without a fee any time after 31 March.\n\nThanks,\nTidewell"
    )
    assert findings(body, ctx, rule="overreach.consent") == []
    sale = "Hi Dev,\n\nChoose a new 12- or 24-month plan from £26 a month this week only.\n\nThanks,\nTidewell"
    assert findings(sale, ctx, rule="overreach.consent")


def test_a_reward_riding_on_a_contract_end_notice_is_marketing() -> None:
    ctx = {"consent": {"marketing_email": False}}
    notice = (
        "Dear Mr. Okoro,\n\nYour Kestrel Fix 12 tariff ends on 31 March. From 1 April you'll move to our Standard "
        "Variable rate unless you choose another plan. There are no exit fees if you switch.\n\n{}Kind regards,\n"
        "Kestrel Energy"
    )
    pitch = "Also this month: switch to our Green Fix 24 and get a £50 smart thermostat credit.\n\n"
    assert findings(notice.format(pitch), ctx, rule="overreach.consent")
    assert findings(notice.format(""), ctx, rule="overreach.consent") == []


@pytest.mark.parametrize(
    "body",
    [
        "New in: the Ridgeline 3 trail shoe, built for muddy miles and long climbs. Tap to see colours.",
    ],
)
def test_a_launch_or_a_basket_reminder_sells_without_sale_words(body: str) -> None:
    assert findings(body, {"consent": {"marketing_push": False}}, channel="push", rule="overreach.consent")
    assert findings(body, {"consent": {"marketing_push": True}}, channel="push", rule="overreach.consent") == []


def test_cash_for_an_act_is_an_offer_and_money_back_is_not() -> None:
    ctx = {"contact_history": {"messages_last_7_days": 12, "messages_last_30_days": 19}}
    nudge = "Kestrel Pay: Finish setting up your account and get £20 when you make your first payment. STOP to opt out"
    assert findings(nudge, ctx, channel="sms", rule="overreach.frequency")
    refund = "Kestrel Pay: we've cancelled the duplicate payment and you'll get £20 back within 5 days."
    assert findings(refund, ctx, channel="sms", rule="overreach.frequency") == []


def test_a_phone_menu_that_sells_before_the_key_to_press() -> None:
    ctx = {"stated_preferences": ["No sales calls, please"]}
    call = "Your new debit card was dispatched today. To hear about our new Saver Plus account with 4.1 percent "
    assert findings(call + "interest, press 1.", ctx, channel="ivr", rule="overreach.opted_out")
    assert findings("Your new debit card was dispatched today. To hear this again, press 1.", ctx, channel="ivr") == []


def test_a_mailing_far_past_the_limit_is_one_too_many_whatever_it_sells() -> None:
    mailing = (
        "Hi Margaret,\n\nMany people tell us that planning ahead gave them peace of mind. Our free guide explains "
        "everything.\n\nRequest your free guide\n\nAshgrove\nUnsubscribe"
    )
    many = {"contact_history": {"messages_last_7_days": 12, "messages_last_30_days": 31}}
    assert findings(mailing, many, rule="overreach.frequency")
    few = {"contact_history": {"messages_last_7_days": 4, "messages_last_30_days": 9}}
    assert findings(mailing, few, rule="overreach.frequency") == []
    receipt = "Hi Margaret,\n\nYour order has shipped and should arrive on Friday.\n\nAshgrove\nUnsubscribe"
    assert findings(receipt, many, rule="overreach.frequency") == []


def test_the_whole_range_laid_out_inline_is_too_many() -> None:
    body = (
        "Great question! Here are all our unlimited plans so you can compare: Unlimited Lite, Unlimited Lite+, "
        "Unlimited Plus, Unlimited Plus Max, Unlimited Premium, Unlimited Premium 5G, Unlimited Family and Unlimited "
        "Family Max."
    )
    assert findings(body, channel="chat", rule="overreach.too_many_suggestions")
    told = "Great question! Roaming in Spain is included in Unlimited Plus, so you don't need anything extra."
    assert findings(told, channel="chat", rule="overreach.too_many_suggestions") == []


def test_a_demo_a_webinar_and_a_whitepaper_are_kinds_of_ask() -> None:
    body = (
        "Thanks for downloading our guide! A few quick things:\n\n1. Book a 30-minute demo with our team\n"
        "2. Grab our 40-page whitepaper on remote work\n3. Register for Thursday's live webinar\n"
    )
    assert findings(body, rule="overreach.too_many_asks")
    one = "Thanks for downloading our guide! If it helps, register for Thursday's live webinar."
    assert findings(one, rule="overreach.too_many_asks") == []


def test_a_survey_button_is_an_ask() -> None:
    asked = {
        "contact_history": {"messages_last_7_days": 3, "messages_last_30_days": 7, "feedback_requests_last_30_days": 4}
    }
    body = "Hi Gloria,\n\nWe still haven't received your survey about your stay.\n\n[Start survey]\n\nVista Hotels"
    assert findings(body, asked, rule="overreach.feedback_requests")
    fresh = {"contact_history": {"feedback_requests_last_30_days": 0}}
    assert findings(body, fresh, rule="overreach.feedback_requests") == []


def test_a_call_we_make_counts_towards_frequency() -> None:
    ctx = {"contact_history": {"messages_last_7_days": 10, "messages_last_30_days": 22}}
    sale = "our summer sale ends at midnight, with up to 40% off. Press 1 to speak to an expert."
    assert findings(
        "Hi, this is Sunfair Holidays calling again: " + sale, ctx, channel="ivr", rule="overreach.frequency"
    )
    inbound = "Thank you for calling Sunfair Holidays. " + sale[0].upper() + sale[1:]
    assert findings(inbound, ctx, channel="ivr", rule="overreach.frequency") == []


def test_many_variants_of_one_thing_inline_are_too_many() -> None:
    body = (
        "Velour Beauty: 8 new pinks! Rose Mist, Rose Dust, Rose Blush, Rose Petal, Rose Quartz, Rosewood, Dusty Rose "
        "& Rose Nude. Shop vlr.co/pink"
    )
    assert findings(body, channel="sms", rule="overreach.too_many_suggestions")
    three = "Velour Beauty: 3 new pinks! Rose Mist, Rose Dust and Rose Blush. Shop vlr.co/pink"
    assert findings(three, channel="sms", rule="overreach.too_many_suggestions") == []


def test_the_customers_own_donation_thanked_is_not_an_appeal() -> None:
    ctx = {"consent": {"marketing_email": False}}
    receipt = (
        "Dear Mr Thornton,\n\nThank you for donating goods to our shops. Your donations help us care for families."
    )
    assert findings(receipt, ctx, rule="overreach.consent") == []
    appeal = "Dear Mr Thornton,\n\nThis winter, please donate to help us care for local families."
    assert findings(appeal, ctx, rule="overreach.consent")


def test_an_end_of_contract_text_gives_the_price_after_and_the_best_deal() -> None:
    ctx = {"consent": {"marketing_sms": False}}
    notice = (
        "Kestrel Mobile: your contract ends 12/06. From 13/06 you'll pay £27/mth. Our best SIM-only deal for you is "
        "£14/mth."
    )
    assert findings(notice, ctx, channel="sms", rule="overreach.consent") == []
    sale = "Kestrel Mobile: our best SIM-only deal for you is £14/mth this week only."
    assert findings(sale, ctx, channel="sms", rule="overreach.consent")


def test_a_scheme_the_customer_asked_to_be_on_is_theirs() -> None:
    body = "As you receive Pension Credit, you're eligible for the £150 Warm Home Discount this winter."
    asked = {
        "consent": {"marketing_email": False},
        "stated_preferences": ["I get Pension Credit - please make sure I'm on the Warm Home Discount"],
    }
    assert findings(body, asked, rule="overreach.consent") == []
    assert findings(body, {"consent": {"marketing_email": False}}, rule="overreach.consent")


def test_a_cut_of_meat_is_meat_to_a_vegetarian() -> None:
    ctx = {"stated_preferences": ["No meat recipes please, I'm vegetarian"]}
    body = "Here's next week's box:\n\n- Lemon and pea risotto\n- Chef's pick: our 28-day aged ribeye with chimichurri"
    assert findings(body, ctx, rule="overreach.opted_out")
    veg = "Here's next week's box:\n\n- Lemon and pea risotto\n- Chef's pick: harissa chickpea traybake"
    assert findings(veg, ctx, rule="overreach.opted_out") == []


def test_a_topic_left_off_the_list_keeps_to_the_opt_out() -> None:
    ctx = {"stated_preferences": ["no adventure trips"]}
    body = "We've chosen three gentle sailings for you. We've left the adventure trips off your list this year."
    assert findings(body, ctx, rule="overreach.opted_out") == []
    assert findings("We've added two adventure trips to your list this year.", ctx, rule="overreach.opted_out")


def test_a_great_deal_of_paperwork_sells_nothing() -> None:
    ctx = {"support": {"open_case": True, "topic": "bereavement"}}
    body = "Losing a partner brings a great deal of paperwork, and our team is here to help whenever you feel ready."
    assert findings(body, ctx, rule="overreach.upsell_during_support") == []
    assert findings("Our deal of the day: 30% off savings accounts.", ctx, rule="overreach.upsell_during_support")


def test_a_price_to_start_from_sells_and_a_price_change_tells() -> None:
    ctx = {"consent": {"marketing_push": False}}
    ad = "Life insurance from $9/mo. Get covered in 5 minutes with Evermore. Tap to see your price."
    assert findings(ad, ctx, channel="push", rule="overreach.consent")
    change = "Evermore: your cover goes from $9/mo to $11/mo on 1 May. Tap to see why."
    assert findings(change, ctx, channel="push", rule="overreach.consent") == []


def test_the_end_of_a_number_on_the_keypad_is_a_check_not_the_secret() -> None:
    ask = "To check your balance, please enter the {} of your card number."
    assert findings(ask.format("last four digits"), channel="ivr", rule="overreach.data_request") == []
    assert findings(ask.format("full sixteen digits"), channel="ivr", rule="overreach.data_request")


def test_an_age_check_with_its_reason_asks_only_what_the_law_needs() -> None:
    text = "Because our emails feature spirits, please confirm your date of birth so we can check you're {}."
    assert findings(text.format("21 or over"), rule="overreach.data_request") == []
    assert findings(text.format("a good fit"), rule="overreach.data_request")


def test_a_form_s_questions_told_ahead_are_asked() -> None:
    text = "On the registration form we'll ask for the serial number, your Social Security number and your income."
    assert findings(text, rule="overreach.data_request")
    assert findings("On the registration form we'll ask for the serial number.", rule="overreach.data_request") == []
    own_code = "Step two: it'll ask for a four-digit code — pick any one you like."
    assert findings(own_code, channel="chat", rule="overreach.data_request") == []


def test_the_slower_pace_they_asked_for_answers_the_frequency() -> None:
    ctx = {
        "stated_preferences": ["too many emails, once a month is plenty"],
        "contact_history": {"messages_last_7_days": 0, "messages_last_30_days": 1},
    }
    body = "{} This month: linen bedding in four new colours, and 20% off all throws."
    answered = "You asked us to email less, so from now on you'll get one Larkspur Letter a month."
    assert findings(body.format(answered), ctx, rule="overreach.frequency") == []
    assert findings(body.format("New in this week!"), ctx, rule="overreach.frequency")
    # a monthly perk is no slower pace
    perk = "From now on you'll get one free coffee a month."
    assert findings(body.format(perk), ctx, rule="overreach.frequency")


def test_a_setting_shown_switched_off_sends_nothing_of_the_kind() -> None:
    ctx = {
        "consent": {"marketing_email": False},
        "stated_preferences": ["weekly recipes only, no promotions or surveys"],
    }
    body = (
        "Here are your email settings, as you saved them today:\n\nWeekly recipes: on\nPromotions and offers: off\n{}"
    )
    settings = body.format("Surveys and feedback requests: off\n")
    assert findings(settings, ctx, rule="overreach.consent") == []
    assert findings(settings, ctx, rule="overreach.opted_out") == []
    assert findings(body.format("Take our two-minute survey and get 20% off!\n"), ctx, rule="overreach.consent")


def test_contact_arranged_on_a_channel_they_opted_out_of_ignores_the_opt_out() -> None:
    said = {"stated_preferences": ["please don't phone me, I can only do email or chat"]}
    booked = "Thanks, I've got the details. I'll have one of our advisers give you a call this afternoon."
    (f,) = findings(booked, said, channel="chat", rule="overreach.opted_out")
    assert f.severity == 3 and "give you a call" in f.quote
    kept = "Thanks, I've got the details. Rather than call you, an adviser will email the quote this afternoon."
    assert findings(kept, said, channel="chat", rule="overreach.opted_out") == []
    sales_only = {"stated_preferences": ["no sales calls please"]}
    assert findings(booked, sales_only, channel="chat", rule="overreach.opted_out") == []


@pytest.mark.parametrize(
    "body",
    [
        "Cobalt Rewards: Earn a $25 gift card for completing your health assessment this week!",
        "Looking to lower your rate? Refinance with Crestline in about two minutes.",
    ],
)
def test_a_reward_for_an_act_and_a_lower_rate_are_offers(body: str) -> None:
    ctx = {"consent": {"marketing_push": False, "marketing_email": False}}
    assert findings(body, ctx, channel="push", rule="overreach.consent")
    assert findings("Your health assessment is due this week.", ctx, channel="push", rule="overreach.consent") == []


def test_a_promotion_tacked_onto_a_delivery_text_is_not_the_delivery_they_asked_for() -> None:
    ctx = {"consent": {"marketing_sms": False}, "stated_preferences": ["text me about deliveries only"]}
    shipped = "Hollis: Order #H2204 has shipped and arrives Thu."
    assert findings(shipped + " Plus: 25% off your next order this week only!", ctx, channel="sms", rule="overreach")
    assert findings(shipped, ctx, channel="sms", rule="overreach") == []


def test_options_put_to_the_reader_inline_are_suggestions() -> None:
    options = "1) Duo 10GB, 2) Duo 30GB, 3) Duo Unlimited, 4) Unlimited Plus, 5) Family Flex, 6) Flex Max, 7) Pair"
    assert findings(f"For two people you could go with: {options}.", channel="chat", rule="overreach.too_many")
    assert findings(f"For two people we have: {options}.", channel="chat", rule="overreach.too_many") == []


def test_an_opted_out_topic_said_in_other_words_is_still_the_topic() -> None:
    said = {"stated_preferences": ["Please stop sending me wedding offers - I'm not getting married"]}
    body = "New season, new wardrobe. And our bridal lookbook is inside too: 40 gowns under £900."
    assert findings(body, said, rule="overreach.opted_out")
    assert findings("New season, new wardrobe: 40 coats under £200.", said, rule="overreach.opted_out") == []


def test_an_add_on_pitched_as_a_question_is_an_upsell_during_an_outage() -> None:
    ctx = {"consent": {"marketing_sms": True}, "support": {"open_case": True, "topic": "broadband outage"}}
    pitch = "Hi Tom, while we fix your broadband, why not add Sports HD for match nights? Reply SPORT to add."
    (f,) = findings(pitch, ctx, channel="sms", rule="overreach.upsell_during_support")
    assert "why not add Sports HD" in f.quote
    fix = "Hi Tom, we're still fixing your broadband. Reply HELP for updates."
    assert findings(fix, ctx, channel="sms", rule="overreach.upsell_during_support") == []


def test_contact_kept_narrow_on_the_opted_out_channel_is_no_promise() -> None:
    said = {"stated_preferences": ["Email only please - do not text me"]}
    narrow = "From today, we won't send marketing texts. We'll only text you if there's a security concern."
    assert findings(narrow, said, rule="overreach.opted_out") == []


def test_an_appeal_is_fundraising_without_the_word() -> None:
    said = {"stated_preferences": ["Please no fundraising texts, just service times"]}
    appeal = "St Aidan's: our roof appeal needs you! Give £10 today by texting ROOF10 to 70085."
    assert findings(appeal, said, channel="sms", rule="overreach.opted_out")
    times = "St Aidan's: Sunday service is at 10am this week, and evensong at 6pm."
    assert findings(times, said, channel="sms", rule="overreach.opted_out") == []


def test_a_list_item_that_gives_its_own_purpose_is_needed() -> None:
    body = (
        "To finish moving your prescriptions, we need two things:\n\n1. Your date of birth, so we can match your "
        "records.\n2. The member ID from your insurance card."
    )
    assert findings(body, rule="overreach.data_request") == []
    unasked = "To enter our prize draw, we need two things:\n\n1. Your date of birth, so we can say happy birthday."
    assert findings(unasked, rule="overreach.data_request")


def test_a_bigger_plan_pitched_after_no_upgrade_offers_is_the_topic() -> None:
    said = {"stated_preferences": ["No upgrade offers please, I just want what I ask for"]}
    pitch = "All done: your 5 GB add-on is active. While I have you, have you considered our Unlimited Max plan?"
    assert findings(pitch, said, channel="chat", rule="overreach.opted_out")
    done = "All done: your 5 GB add-on is active and will show on your next bill as $10."
    assert findings(done, said, channel="chat", rule="overreach.opted_out") == []


def test_the_channel_s_own_verb_is_not_an_opted_out_topic() -> None:
    said = {"stated_preferences": ["Stop texting me wine promotions"]}
    shipped = "Your order has shipped and arrives Friday. Reply to this text with any questions."
    assert findings(shipped, said, channel="sms", rule="overreach.opted_out") == []
    wine = "Your order has shipped. Add a case of Rioja for 20% off: reply WINE."
    assert findings(wine, said, channel="sms", rule="overreach.opted_out")


@pytest.mark.parametrize(
    "text",
    [
        "Hollybank Surgery: Free flu vaccines are now available for patients aged 65 and over. Book online.",
        "You may also be able to get free insulation through the Great British Insulation Scheme.",
        "Families on Universal Credit may be able to claim free school meals from Year 3.",
    ],
)
def test_a_public_entitlement_told_is_not_marketing(text: str) -> None:
    no_sms = {"consent": {"marketing_sms": False}}
    assert findings(text, no_sms, channel="sms", rule="overreach.consent") == []


def test_an_offer_dressed_as_eligibility_is_still_marketing() -> None:
    no_sms = {"consent": {"marketing_sms": False}}
    for text in (
        "You qualify for a free upgrade to Premium! Tap to claim it today.",
        "Patients aged 65 and over save 20% off all vitamins this week.",
    ):
        assert findings(text, no_sms, channel="sms", rule="overreach.consent"), text


def test_a_premium_a_renewal_notice_says_may_often_fall_is_told_not_sold() -> None:
    no_email = {"consent": {"marketing_email": False}}
    text = (
        "Thanks for renewing your car policy. Adding a named driver takes two minutes online, and an experienced "
        "second driver can often lower your premium."
    )
    assert findings(text, no_email, rule="overreach.consent") == []


def test_a_form_asked_one_sentence_back_asks_for_the_items_listed_after_its_colon() -> None:
    body = (
        "Please complete your reader profile. It only takes a minute: your annual household income, your employer, "
        "and whether you own or rent your home."
    )
    assert findings(body, rule="overreach.data_request")
    told = "Thanks for completing your reader profile. It only takes a minute to read: your income tax guide is here."
    assert findings(told, rule="overreach.data_request") == []


def test_a_form_s_required_questions_ask_for_what_they_include() -> None:
    body = "All questions are required to receive the voucher, including your religion and household income."
    assert findings(body, rule="overreach.data_request")
    assert findings("All questions are optional.", rule="overreach.data_request") == []


@pytest.mark.parametrize(
    "body",
    [
        "Want 10% off your premium? Share your weekly step count, resting heart rate and sleep data with us.",
        "Before we can verify you, please send your parents' full names and places of birth.",
        "To fast-track your application, please tell us which mosque you attend and how often.",
    ],
)
def test_health_readings_birthplaces_and_worship_asked_without_need(body: str) -> None:
    assert findings(body, rule="overreach.data_request")


def test_a_quote_that_says_age_affects_the_cover_needs_dates_of_birth() -> None:
    body = "To finish your quote, we'll need the date of birth of each person covered, because age affects the cover."
    assert findings(body, rule="overreach.data_request") == []
    bare = "To finish your quote, we'll need the date of birth of each person covered and your household income."
    assert findings(bare, rule="overreach.data_request")


def test_a_price_cut_unlocked_by_an_act_and_more_goods_in_an_order_text_are_offers() -> None:
    no_sms = {"consent": {"marketing_sms": False}}
    for text in (
        "Tally: complete your profile today and unlock 0% trading fees for a week!",
        "Spicebox: your order's on its way! Nothing beats our 5kg basmati sack - add one to your next box.",
    ):
        assert findings(text, no_sms, channel="sms", rule="overreach.consent"), text
    note = "Spicebox: your order's on its way! I'll add a note to your order for the driver."
    assert findings(note, no_sms, channel="sms", rule="overreach.consent") == []


def test_an_order_about_to_ship_and_the_deadline_to_change_it_are_service() -> None:
    no_push = {"consent": {"marketing_push": False, "marketing_email": False}}
    assert findings("Your preorder of The Salt Road ships tomorrow.", no_push, channel="push") == []
    box = (
        "Your April box ships on 5 April. Want to swap the plant or skip this month? You can make changes until "
        "midnight on 2 April in your account."
    )
    assert findings(box, no_push, rule="overreach.consent") == []
    sale = "Our spring sale ends at midnight on 2 April: 20% off everything."
    assert findings(sale, no_push, rule="overreach.consent")


def test_a_health_questionnaire_before_a_visit_is_no_feedback_request() -> None:
    body = (
        "Your video appointment is on Wednesday. Before then, please fill in the short health questionnaire. "
        "Afterwards, please take our short feedback survey."
    )
    assert findings(body, rule="overreach.feedback_requests") == []
    twice = "Please fill in our short satisfaction questionnaire. Then please take our short feedback survey."
    assert findings(twice, rule="overreach.feedback_requests")


def test_the_channel_narrowed_as_asked_is_the_opt_outs_confirmation() -> None:
    ctx = {"stated_preferences": ["pls no more texts, just email me"]}
    done = "Juniper Books: Got it - we'll only email you from now on. This is the last text you'll get from us."
    assert findings(done, ctx, channel="sms", rule="overreach.opted_out") == []
    sale = "Juniper Books: 20% off all paperbacks this weekend. Reply STOP to end."
    assert findings(sale, ctx, channel="sms", rule="overreach.opted_out")


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        (
            "To assess your claim, please send us:\n- the police crime reference number\n- your online banking "
            "username and password, so we can verify the payment",
            "- your online banking username and password, so we can verify the payment",
        ),
        (
            "Our Sleep Survey takes 8 minutes, and everyone who finishes gets 15% off. Questions cover how many hours "
            "you sleep and a list of any mental health diagnoses you've had.",
            "Questions cover how many hours you sleep and a list of any mental health diagnoses you've had.",
        ),
        (
            "To make your offers extra special, tell us your children's full names, dates of birth and which school "
            "they attend.",
            "To make your offers extra special, tell us your children's full names, dates of birth and which school "
            "they attend.",
        ),
        (
            "Members who add their income bracket unlock up to 80% more rewards.",
            "Members who add their income bracket unlock up to 80% more rewards.",
        ),
        (
            "Before we book an interview, just tell me your childcare arrangements so we can plan around them.",
            "Before we book an interview, just tell me your childcare arrangements so we can plan around them.",
        ),
    ],
)
def test_logins_health_children_income_and_childcare_asked_for(body: str, quote: str) -> None:
    assert [f.quote for f in findings(body, rule="overreach.data_request")] == [quote]


@pytest.mark.parametrize(
    "body",
    [
        "Good news: you don't need to upload your passport or visa yet. We check them once we make an offer.",
        "When it lands, pop it in and your number, plan and contacts will carry over automatically.",
        "Please add your passport details before your first booking, as airlines need them for check-in.",
        "Adding a spouse as a second driver is free. Just add her full name, date of birth and driving licence number.",
        "Please add for each child their date of birth and any allergies or medical needs our coaches should know "
        "about.",
        "Please answer our health questionnaire. It covers heart conditions and any medication you take. Only your "
        "instructor sees it, so we can plan a safe first session.",
        # the reason in the next paragraph
        "Before your first class, please tell us about any medication you take.\n\nIt is only there so we can plan "
        "a safe first session.",
    ],
)
def test_asks_the_purpose_needs_or_that_ask_nothing(body: str) -> None:
    assert findings(body, rule="overreach.data_request") == []


@pytest.mark.parametrize(
    "who",
    ["Someone over 18 must be home for the visit.", "An adult aged 18 or over must be home for the visit."],
)
def test_someone_who_must_be_home_is_no_reason_to_ask_for_income(who: str) -> None:
    body = f"Your fitting is booked for Friday. To finish your booking, please tell us your household income. {who}"
    assert [f.quote for f in findings(body, rule="overreach.data_request")]


def test_a_remedy_and_the_customers_own_rate_are_no_marketing() -> None:
    no_sms = {"consent": {"marketing_sms": False, "marketing_email": False}}
    delay = "Skyvane: SV218 now departs 16:45 (was 14:20). A €12 meal voucher is in your app. Sorry for the delay."
    assert findings(delay, no_sms, channel="sms", rule="overreach.consent") == []
    statement = "Your April statement is ready. This month your savings earned $3.12, and your rate stays at 3.05% APY."
    assert findings(statement, no_sms, rule="overreach.consent") == []
    assert findings("Open a Boost Saver today at 5.05% APY.", no_sms, rule="overreach.consent")


@pytest.mark.parametrize(
    "body",
    [
        "Rallypost: parcel delivered to your porch at 11:02. Refer a friend & you both get £5 credit: rlp.st/ref",
        "Greystone: your alarm was set at 22:14. Add a video doorbell for £89 to see who's at the door.",
    ],
)
def test_a_referral_ask_and_a_priced_add_on_are_marketing(body: str) -> None:
    no_sms = {"consent": {"marketing_sms": False, "marketing_push": False}}
    assert findings(body, no_sms, channel="sms", rule="overreach.consent")


def test_options_the_customer_asked_about_are_no_upsell() -> None:
    asked = {"support": {"open_case": True, "topic": "question about roaming options"}}
    reply = (
        "The simplest option is Travel Pass: £5 a day. If you'd rather not pay daily, EU Roam adds 10GB for £12 for "
        "30 days."
    )
    assert findings(reply, asked, channel="chat", rule="overreach.upsell_during_support") == []
    fault = {"support": {"open_case": True, "topic": "no signal at home since Monday"}}
    assert findings(reply, fault, channel="chat", rule="overreach.upsell_during_support")


def test_more_of_what_the_customer_uses_a_password_they_change_and_a_referral_they_asked_about() -> None:
    no_sms = {"consent": {"marketing_sms": False}}
    for top_up in (
        "You've used 90% of your data. Add a 5GB boost for £3 in the app.",
        "Reply 1 to add an hour for $3.",
    ):
        assert findings(top_up, no_sms, channel="sms", rule="overreach.consent") == []
    steps = "To keep your account safe, please do this:\n1. Sign out everywhere.\n2. Change your Juniper password."
    assert findings(steps, rule="overreach.data_request") == []
    asked = {"support": {"open_case": True, "topic": "Asked how to refer her brother to Tern"}}
    how = "To refer Luis, open the app and tap Rewards > Refer a friend. You'll each get £20 credit."
    assert findings(how, asked, channel="chat", rule="overreach.upsell_during_support") == []


def test_a_percent_code_offered_during_a_case_is_an_upsell() -> None:
    case = {"support": {"open_case": True, "topic": "return a faulty kettle"}}
    text = "I've booked the courier for Friday. Want me to add a 10% code for blenders to your account?"
    assert findings(text, case, channel="chat", rule="overreach.upsell_during_support")
    done = "I've booked the courier for Friday, and your refund will follow within 5 days."
    assert findings(done, case, channel="chat", rule="overreach.upsell_during_support") == []


def test_the_alert_the_customer_set_is_not_one_message_too_many() -> None:
    ctx = {
        "stated_preferences": ["restock alert for the heavyweight hoodie"],
        "contact_history": {"messages_last_7_days": 5, "messages_last_30_days": 12},
    }
    alert = "The restock you asked for is in: Kerb heavyweight hoodie, sizes S-XXL. Tap to grab yours."
    assert findings(alert, ctx, channel="push", rule="overreach.frequency") == []
    sale = "New drop: Kerb heavyweight hoodies, 20% off this weekend. Tap to grab yours."
    assert findings(sale, ctx, channel="push", rule="overreach.frequency")


def test_a_price_to_start_from_this_week_is_an_offer() -> None:
    no_sms = {"consent": {"marketing_sms": False}}
    text = "Bloomfield: Peonies are back! Bouquets from £35 this week, same-day delivery. Reply STOP to opt out"
    assert findings(text, no_sms, channel="sms", rule="overreach.consent")


def test_a_drawn_out_greeting_a_pet_name_and_longing_are_over_familiar() -> None:
    low = {"relationship": {"involvement": "low", "lifecycle_stage": "active"}}
    text = "Well hellooo there, sunshine! We've been dying to chat with you. Press 1 for billing."
    assert [f.quote for f in findings(text, low, channel="ivr", rule="overreach.over_familiar")] == [
        "hellooo",
        "there, sunshine",
        "dying to chat with you",
    ]
    plain = "Hello there! Sunshine is forecast all week, so our garden range is in. Press 1 for billing."
    assert findings(plain, low, channel="ivr", rule="overreach.over_familiar") == []


def test_a_cost_the_customer_wants_gone_is_no_opt_out() -> None:
    fees = {"stated_preferences": ["Text me options so I stop getting hit with overdraft fees"]}
    buffer = "Harbor Bank: After last month's overdraft fees, give yourself a cushion: Overdraft Buffer covers $100."
    assert findings(buffer, fees, channel="sms", rule="overreach.opted_out") == []
    assert findings(buffer, {"stated_preferences": ["stop the overdraft offers"]}, channel="sms", rule="overreach")


def test_data_asked_for_by_telling_us() -> None:
    text = "You are one step from a $5 coupon: just earn it by telling us your marital status."
    assert findings(text, rule="overreach.data_request")


def test_a_two_letter_nickname_is_a_nickname() -> None:
    joanna = {"name": {"first": "Joanna"}}
    assert findings("Hey Jo! Your router swap went through fine.", joanna, channel="chat", rule="overreach.nickname")
    assert findings("Hi Joanna! Your router swap went through fine.", joanna, channel="chat") == []


def test_an_appeal_is_marketing_and_a_gifts_receipt_is_not() -> None:
    no_email = {"consent": {"marketing_email": False}}
    appeal = "Hi Marcus,\n\nGiving Day starts at midnight! Make your Giving Day gift at whitfieldalumni.org/give."
    assert findings(appeal, no_email, rule="overreach.consent")
    no_sms = {"consent": {"marketing_sms": False}}
    assert findings("Harbour Hospice: winter appeal is live. Donate today at hh.org/give", no_sms, channel="sms")
    receipt = "Hi Marcus,\n\nThank you for your gift last spring. Your receipt for tax purposes is attached."
    assert findings(receipt, no_email, rule="overreach.consent") == []


def test_the_customers_own_vouchers_listed_are_no_offer() -> None:
    no_email = {"consent": {"marketing_email": False}}
    moving = (
        "On 30 June we're retiring the old app. Your points, vouchers and saved cards will move across to the new "
        "app automatically."
    )
    assert findings(moving, no_email, rule="overreach.consent") == []
    assert findings("Your points are safe. Get 20% off with our new vouchers this weekend only!", no_email)


def test_a_law_that_requires_the_check_is_the_purpose() -> None:
    body = (
        "Thank you for volunteering to coach! State law requires a background check for every adult who coaches "
        "players under 18, so before the first practice we'll need your full legal name, date of birth and address."
    )
    assert findings(body, rule="overreach.data_request") == []


def test_free_gift_wrapping_on_the_customers_own_list_is_no_upsell() -> None:
    case = {"support": {"open_case": True, "topic": "set up wedding gift list"}}
    wrap = "Your gift list is now live. Would you like me to switch on the free gift-wrapping option too?"
    assert findings(wrap, case, channel="chat", rule="overreach.upsell_during_support") == []
    gift = "Your gift list is now live. Spend £50 and get a free gift with your next order!"
    assert findings(gift, case, channel="chat", rule="overreach.upsell_during_support")


def test_adding_what_the_case_asked_to_add_is_not_unasked() -> None:
    case = {"support": {"open_case": True, "topic": "add my son to the plan"}}
    son = "Done! I've added your son to your plan from today."
    assert findings(son, case, channel="chat", rule="overreach.added_unasked") == []
    cover = "Done! I've also added Premium Device Cover to your plan at £7 a month."
    assert findings(cover, case, channel="chat", rule="overreach.added_unasked")


def test_a_voucher_already_in_the_app_puts_a_disruption_right() -> None:
    case = {"support": {"open_case": True, "topic": "missed connection"}}
    voucher = "You're now booked on LH2471 at 17:05, seat 22A. A €15 meal voucher is in the app."
    assert findings(voucher, case, channel="chat", rule="overreach.upsell_during_support") == []
    lounge = "You're now booked on LH2471 at 17:05. Want lounge access for £25? I can add it to your booking now."
    assert findings(lounge, case, channel="chat", rule="overreach.upsell_during_support")


@pytest.mark.parametrize(
    ("body", "channel"),
    [
        (
            "Corvid Airways: check-in is now open for CV330 to Rome on 11 Apr. Get your boarding pass: corvid.air/ci",
            "sms",
        ),
        ("Dear Mr. Achterberg,\n\nFrom 1 May, your Brightwell Easy Saver will pay 4.10% AER, up from 3.85%.", "email"),
        ("Thanks, Sam!\n\nYour new Easy Saver is open. Interest is paid monthly at 4.10% AER.", "email"),
    ],
)
def test_the_customers_own_trip_and_own_rate_are_no_marketing(body: str, channel: str) -> None:
    no_marketing = {"consent": {"marketing_email": False, "marketing_sms": False}}
    assert findings(body, no_marketing, channel=channel, rule="overreach.consent") == []
    assert findings("Dear Sam,\n\nOpen a Brightwell Easy Saver today and earn 4.10% AER.", no_marketing)


def test_a_topic_kept_out_of_a_channel_leaves_the_channel_open() -> None:
    no_cycle = {"stated_preferences": ["no cycle details in emails"]}
    feature = "Hi Mei,\n\nNew this month: you can now export your history as a PDF to share with your doctor."
    assert findings(feature, no_cycle, rule="overreach.opted_out") == []
    details = "Hi Mei,\n\nYour cycle details for April: day 14 of 29, fertile window starts tomorrow."
    assert findings(details, no_cycle, rule="overreach.opted_out")
    assert findings(feature, {"stated_preferences": ["no emails please"]}, rule="overreach.opted_out")


def test_credit_pitched_during_a_hardship_case_is_an_upsell() -> None:
    hardship = {"support": {"open_case": True, "topic": "hardship plan - two missed payments"}}
    pitch = "Hi Tomasz,\n\nYou're pre-approved to raise your limit to $12,000, with 60,000 bonus points on $4,000."
    assert findings(pitch, hardship, rule="overreach.upsell_during_support")
    plan = "Hi Tomasz,\n\nYour hardship plan is set up: $120 a month from 1 June. Your 2,340 points are safe."
    assert findings(plan, hardship, rule="overreach.upsell_during_support") == []


def test_surveys_help_and_passes_that_are_here_or_live_are_no_launch() -> None:
    no_email = {"consent": {"marketing_email": False, "marketing_push": False}}
    team = "Hi Chloe,\n\nWe've extended our hours. Whether you want tips or a cup of tea, the team is here."
    survey = "Hi Sam,\n\nIf you have a couple of minutes, our onboarding survey is here: brackley.example/survey."
    talks = "Hi everyone,\n\nTalks this week are open to all staff. No need to sign up."
    for body in (team, survey, talks):
        assert findings(body, no_email, rule="overreach.consent") == []
    own_pass = "Welcome to Spain, Sam! Your Roam Free pass is live - use your UK allowance as normal."
    assert findings(own_pass, no_email, channel="push", rule="overreach.consent") == []
    launch = "Roam Free passes are here! Use your UK allowance in 40 countries."
    assert findings(launch, no_email, channel="push", rule="overreach.consent")


def test_an_optional_register_with_nothing_to_share_asks_for_nothing() -> None:
    offer = (
        "You're all set for Monday's install. If anyone in your home has a medical condition or disability that means "
        "they'd need extra help during a power cut, you can join our free Priority Services Register. Just say if "
        "you'd like the link - no need to share any details here."
    )
    assert findings(offer, channel="chat", rule="overreach.data_request") == []
    ask = "You're all set for Monday's install. Please tell me about any medical condition or disability in your home."
    assert findings(ask, channel="chat", rule="overreach.data_request")


def test_another_services_pin_is_never_the_phone_lines_check() -> None:
    banking = "To keep your account safe, please enter your online banking PIN now, followed by the hash key."
    assert findings(banking, channel="ivr", rule="overreach.data_request")
    own = "For your security, please enter your four-digit telephone PIN, followed by the hash key."
    assert findings(own, channel="ivr", rule="overreach.data_request") == []


def test_marital_status_listed_under_an_ask() -> None:
    body = "To finish your profile, please reply with:\n- your availability for shifts\n- your marital status"
    assert findings(body, rule="overreach.data_request")
    told = "Your booking is confirmed. You told us:\n- your room type: double\n- your relationship status: not needed"
    assert findings(told, rule="overreach.data_request") == []


def test_a_price_rise_on_the_customers_own_plan_is_a_notice_not_an_offer() -> None:
    ctx = {"consent": {"marketing_sms": False}}
    rise = "StreamNest: from 1 July your Standard plan will be $12.99/mo (was $11.49). No action needed."
    assert findings(rise, ctx, channel="sms", rule="overreach.consent") == []
    told = "Flexi: from 1 May your membership price will go up by £2 a month. Details in the app."
    assert findings(told, ctx, channel="sms", rule="overreach.consent") == []
    # a lower price beside the old one is a cut, and a cut put with a call to switch is still an offer
    cut = "Flexi: your plan will be $9.99/mo (was $14.99) if you switch today. Tap to switch."
    assert findings(cut, ctx, channel="sms", rule="overreach.consent")


def test_a_noun_with_no_in_it_opts_out_of_nothing() -> None:
    ctx = {"stated_preferences": ["I run a two-chair barber shop", "no-shows are my biggest problem"]}
    body = "Shops using reminders cut no-shows by about a third in their first month. Try it free for 30 days."
    assert findings(body, ctx, rule="overreach.opted_out") == []
    ctx = {"stated_preferences": ["no shows or gigs please"]}
    assert findings("New shows just announced: book now for 20% off.", ctx, rule="overreach.opted_out")


def test_a_self_excluded_gambler_gets_no_offer_whatever_it_is_called() -> None:
    ctx = {"stated_preferences": ["self-excluded for 12 months - do not contact me about betting"]}
    (f,) = findings(
        "Good news, Declan! Your self-exclusion ends in 3 days. A £20 welcome-back bonus is waiting for you.",
        ctx,
        channel="push",
        rule="overreach.opted_out",
    )
    assert f.quote == "A £20 welcome-back bonus is waiting for you." and f.severity == 3
    notice = "Your self-exclusion ends in 3 days. You can extend it at any time in Settings."
    assert findings(notice, ctx, channel="push", rule="overreach.opted_out") == []


def test_a_free_extra_in_every_order_and_a_welcome_bonus_are_offers() -> None:
    ctx = {"consent": {"marketing_push": False}}
    for body in (
        "Crate & Ladle: free dessert in every box this week! Tap to add a sticky toffee pudding.",
        "Spinzone: a 50% reload bonus on deposits till midnight.",
    ):
        assert findings(body, ctx, channel="push", rule="overreach.consent"), body
    assert findings("Your box is on its way and arrives by 6pm.", ctx, channel="push", rule="overreach.consent") == []


def test_a_one_tap_how_is_it_going_is_a_feedback_ask() -> None:
    ctx = {"contact_history": {"feedback_requests_last_30_days": 6}}
    (f,) = findings(
        "If you have a moment, tell us in one tap how it's going. It's completely optional.",
        ctx,
        rule="overreach.feedback_requests",
    )
    assert "6 time(s)" in f.message
    assert findings("Tell us how to reach you if the courier is late.", ctx, rule="overreach.feedback_requests") == []


def test_a_national_insurance_number_the_benefit_claim_needs_asked_by_a_secure_page() -> None:
    ctx = {"support": {"open_case": True, "topic": "Pension Credit claim"}}
    body = (
        "We can't finish your claim yet because we need your National Insurance number. You'll find it on your "
        "State Pension letters. Please enter it on the secure claim page, or phone us and we'll take it then."
    )
    assert findings(body, ctx, rule="overreach.data_request") == []
    # the same ask for a windscreen claim, or with nowhere safe to give it, is still too much
    windscreen = {"support": {"open_case": True, "topic": "windscreen claim"}}
    assert findings(body, windscreen, rule="overreach.data_request")
    by_reply = "We can't finish your claim yet: we need your National Insurance number. Just reply to this email."
    assert findings(by_reply, ctx, rule="overreach.data_request")


def test_a_passport_style_photo_is_no_passport() -> None:
    body = "Please include a recent passport-style photo with your renewal form."
    assert findings(body, {}, rule="overreach.data_request") == []
    passport = "Please include a photo of your passport with your renewal form."
    assert findings(passport, {}, rule="overreach.data_request")


def test_a_list_run_on_with_more_picks_counts_them_all() -> None:
    body = (
        "Here are some ideas: the Orla lamp, the Brae table lamp, the Kit touch lamp and the Fenn brass lamp, plus you "
        "might also like our linen duvet sets, the Rowan bedside table, blackout curtains, a memory-foam pillow and "
        "scented candles! Want me to add any?"
    )
    (f,) = findings(body, {}, channel="chat", rule="overreach.too_many_suggestions")
    assert f.quote.startswith("Here are some ideas")
    short = "Here are two: the Orla lamp and the Brae table lamp, plus you might also like our Fenn brass lamp."
    assert findings(short, {}, channel="chat", rule="overreach.too_many_suggestions") == []


@pytest.mark.parametrize(
    "body",
    [
        "Don't leave your children to pick up the bill. A funeral plan fixes the cost today.",
        "Still no will, Sam? Your kids deserve better. Fixed-fee wills just £99 this week.",
    ],
)
def test_family_left_to_pay_is_a_guilt_trip(body: str) -> None:
    assert findings(body, {}, rule="overreach.guilt_trip")


def test_family_protected_is_no_guilt_trip() -> None:
    body = "Our travel cover means you won't leave your family unprotected when you're abroad."
    assert findings(body, {}, rule="overreach.guilt_trip") == []


def test_losses_to_win_back_are_pressure() -> None:
    body = "You're down £420 this week, Ryan. Win it back tonight: 50% reload bonus till midnight."
    assert findings(body, {}, channel="push", rule="overreach.pressure")
    assert findings("Help our team win the trophy back this season.", {}, rule="overreach.pressure") == []


def test_a_day_the_customer_keeps_free_of_calls_leaves_the_channel_open() -> None:
    ctx = {"stated_preferences": ["Please don't call me on Saturdays"]}
    body = (
        "Thanks, Miriam. As you asked, we won't call on Saturdays, so your loss adjuster will ring you on Monday "
        "morning. To choose a different time, press 1."
    )
    assert findings(body, ctx, channel="ivr", rule="overreach.opted_out") == []
    never = {"stated_preferences": ["Please don't call me"]}
    assert findings("This is Harbour Insurance calling about our new home cover. Press 1.", never, channel="ivr")


def test_a_price_never_rests_on_faith_sexuality_or_ethnicity() -> None:
    body = (
        "Happy to quote for your week in Morocco, Daniel! Before I can, I'll need your annual salary, your religion "
        "and the name of your employer."
    )
    ctx = {"stated_preferences": ["I need travel insurance for a week in Morocco in April"]}
    assert findings(body, ctx, channel="chat", rule="overreach.data_request")
    # what a price does rest on, the quote still explains
    dob = "Happy to quote for your week in Morocco! To give you an accurate quote, please tell us your date of birth."
    assert findings(dob, ctx, channel="chat", rule="overreach.data_request") == []


def test_reasons_listed_for_an_optional_register_ask_for_nothing() -> None:
    body = (
        "If you or someone in your home needs extra help, for example because of age, a disability or a medical "
        "condition, press 1 to join our free Priority Services Register."
    )
    assert findings(body, {}, channel="ivr", rule="overreach.data_request") == []
    ask = "To join our Priority Services Register, please tell us about any disability or medical condition."
    assert findings(ask, {}, channel="ivr", rule="overreach.data_request")


def test_whether_the_children_matter_to_you_is_a_guilt_trip() -> None:
    body = "Little Wings: we haven't heard from you since March. Don't the children we care for matter to you anymore?"
    assert findings(body, {}, channel="push", rule="overreach.guilt_trip")


@pytest.mark.parametrize(
    ("body", "topic"),
    [
        (
            "I'm sorry SK418 was cancelled, Tom. I've moved you to SK422 at 15:40 at no cost. Would you like a meal "
            "voucher for the wait?",
            "cancelled flight rebooking",
        ),
        ("We've moved you to a quiet room and refunded the first night. Breakfast is on us tomorrow.", "noise"),
        (
            "We're very sorry for the loss of your husband, and we know there is a great deal to deal with at the "
            "moment. As you asked, we've lowered your monthly direct debit to £84.",
            "direct debit change after bereavement",
        ),
    ],
)
def test_a_gesture_to_put_a_case_right_is_no_upsell(body: str, topic: str) -> None:
    ctx = {"support": {"open_case": True, "topic": topic}}
    assert findings(body, ctx, channel="chat", rule="overreach.upsell_during_support") == []


def test_a_deal_offered_during_a_case_is_still_an_upsell() -> None:
    ctx = {"support": {"open_case": True, "topic": "noise"}}
    body = "We've moved you to a quiet room. While you're with us, our spa deal is 20% off this week."
    assert findings(body, ctx, rule="overreach.upsell_during_support")


def test_a_restored_service_told_to_the_customer_whose_outage_case_is_open() -> None:
    ctx = {"consent": {"marketing_push": False}, "support": {"open_case": True, "topic": "area broadband outage"}}
    body = "Good news: service is back in your area. Still offline? Restart your router."
    assert findings(body, ctx, channel="push", rule="overreach.consent") == []
    sale = "Good news: our new Fibre 900 is here in your area. Upgrade today."
    assert findings(sale, ctx, channel="push", rule="overreach.consent")


def test_the_customers_own_discount_kept_through_a_reset_is_no_offer() -> None:
    ctx = {"consent": {"marketing_email": False}}
    body = "Once you're back in, your saved recipes, brew log and member discount will all be just where you left them."
    assert findings(body, ctx, rule="overreach.consent") == []


def test_what_the_customers_own_box_holds_is_no_list_of_suggestions() -> None:
    body = (
        "Hi Sam,\n\nYour Autumn Bulb box is packed and goes out on Friday. Here's what's inside:\n\n"
        "- Thirty crocus bulbs in purple and white.\n- A bag of peat-free compost.\n- Our planting guide.\n\n"
        "A few tips for your first weeks:\n\n- Plant the bulbs twice their depth.\n- Water them in well.\n"
        "- Keep squirrels off with a wire cover.\n\nHappy planting!\nThe Bulb Club\n\n"
        "Manage your preferences or unsubscribe."
    )
    assert findings(body, {}, rule="overreach.too_many_suggestions") == []
