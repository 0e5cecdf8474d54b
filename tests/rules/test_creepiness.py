import pytest

from reviewer.rules._text import Scan
from reviewer.rules.lexicon import LIFE_EVENTS, SENSITIVE_ANY, SENSITIVE_RE
from tests.conftest import findings

PREGNANT = {"inferred_attributes": [{"attribute": "likely_pregnant", "source": "purchase_pattern"}]}


@pytest.mark.parametrize(
    "text",
    [
        "We noticed you were looking at our winter coats.",
        "We saw that you visited the pricing page.",
        "Our records show you opened the app at night.",
        "You recently viewed the Alpine tent.",
    ],
)
def test_surveillance_phrasing(text: str) -> None:
    assert findings(text, rule="creepiness.surveillance")


@pytest.mark.parametrize(
    "text",
    [
        "We noticed a problem with your payment card.",
        "You can view your order any time.",
        "New coats have arrived for winter.",
    ],
)
def test_non_surveillance(text: str) -> None:
    assert findings(text, rule="creepiness.surveillance") == []


def test_abandoned_cart_is_only_minor() -> None:
    (f,) = findings("You left a jacket in your cart.", rule="creepiness.surveillance")
    assert f.severity == 1


def test_exact_counts_and_times_with_behaviour() -> None:
    found = findings("You viewed this blender 7 times last night at 11:42 pm.", rule="creepiness.exact_detail")
    assert {f.quote for f in found} == {"7 times", "last night", "at 11:42 pm"}
    assert all(f.severity == 3 for f in found)


def test_times_without_behaviour_are_fine() -> None:
    assert findings("Doors open at 9:00 am, three times a week.", rule="creepiness.exact_detail") == []


def test_live_location() -> None:
    assert findings("You're 200 m from our Elm St store right now!", rule="creepiness.location")
    assert findings("Since you're in Denver, drop by.", rule="creepiness.location")


def test_store_locator_is_fine() -> None:
    assert findings("Find a store near you at our website.", rule="creepiness.location") == []
    assert findings("Welcome to Denver, our newest store!", rule="creepiness.location") == []


def test_welcome_to_city_with_location_signal() -> None:
    ctx = {"observed_signals": [{"kind": "location", "detail": "Lisbon airport"}]}
    assert findings("Welcome to Lisbon! Here is a roaming deal.", ctx, rule="creepiness.location")


def test_third_party_sources() -> None:
    (f,) = findings("Based on your credit score, you qualify.", rule="creepiness.third_party")
    assert f.severity == 3
    (f,) = findings(
        "Our data partners told us you like golf.",
        {"consent": {"third_party_data": False}},
        rule="creepiness.third_party",
    )
    assert f.severity == 4


def test_first_party_mentions_are_fine() -> None:
    assert findings("Follow us on Instagram for daily deals.", rule="creepiness.third_party") == []


def test_inferred_pregnancy_revealed_is_severe() -> None:
    found = findings(
        "Congratulations on your pregnancy! Shop our maternity range.",
        PREGNANT,
        rule="creepiness.sensitive_inference",
    )
    assert max(f.severity for f in found) == 4


def test_stated_pregnancy_is_welcome() -> None:
    ctx = {"stated_preferences": ["I'm expecting in May and want maternity wear"]}
    assert (
        findings(
            "Congratulations on your pregnancy! Shop our maternity range.",
            ctx,
            rule="creepiness.sensitive_inference",
        )
        == []
    )


def test_observed_health_signal() -> None:
    ctx = {"purchases": [{"category": "diabetes test strips", "days_ago": 3}]}
    (f,) = findings("Managing your diabetes? These snacks help.", ctx, rule="creepiness.sensitive_inference")
    assert f.severity == 3


def test_sensitive_word_without_context_or_address_is_fine() -> None:
    assert findings("Our pharmacy fills prescriptions on weekends.", rule="creepiness.sensitive_inference") == []


def test_history_recital() -> None:
    ctx = {"purchases": [{"category": "tent"}, {"category": "boots"}, {"category": "stove"}]}
    text = "In May you bought a tent. In June you ordered boots. Then you purchased a stove."
    (f,) = findings(text, ctx, rule="creepiness.history_recital")
    assert f.quote == text and f.severity == 2


def test_one_purchase_reference_is_fine() -> None:
    ctx = {"purchases": [{"category": "tent"}]}
    assert findings("Thanks, you bought a great tent.", ctx, rule="creepiness.history_recital") == []


@pytest.mark.parametrize(
    "text",
    [
        "Congratulations on your prеgnancy!",  # Cyrillic е
        "Congratulations on your preg\u200bnancy!",  # zero-width space
        "Congratulations on your ｐｒｅｇｎａｎｃｙ!",  # full-width
    ],
)
def test_disguised_words_are_seen_through_with_exact_offsets(text: str) -> None:
    (f,) = findings(text, PREGNANT, rule="creepiness.sensitive_inference")
    assert f.quote == text and f.severity == 4


def test_insinuation_versus_a_notice_without_any_data() -> None:
    assert findings("Feeling depressed lately? Try our tea.", rule="creepiness.sensitive_inference")
    assert findings("Managing your diabetes is hard work.", rule="creepiness.sensitive_inference")
    assert findings("Your prescription is ready for pickup.", rule="creepiness.sensitive_inference") == []
    assert findings("Your HIV test results are ready.", rule="creepiness.sensitive_inference") == []


@pytest.mark.parametrize(
    "text",
    [
        "We've been watching what you browse.",
        "I can see you were on our pricing page.",
        "We saw your balance drop last week.",
        "You've been checking out our espresso machines.",
    ],
)
def test_more_surveillance_phrasing(text: str) -> None:
    assert findings(text, rule="creepiness.surveillance")


@pytest.mark.parametrize(
    "text",
    [
        "With type 2 in the picture now, here are our low-sugar picks for you.",
        "Since your paychecks stopped in April, you might like our hardship plan.",
        "Given everything going on with your health lately, take it easy.",
    ],
)
def test_health_and_income_events_named_without_stock_words(text: str) -> None:
    assert [f for f in findings(text, {}) if f.rule_id == "creepiness.sensitive_inference"]


def test_a_place_the_customer_named_is_not_tracking() -> None:
    ctx = {"support": {"open_case": True, "topic": "says she works next to the Deansgate branch"}}
    body = "As you're just around the corner from our Deansgate branch, collect your card there today."
    assert findings(body, ctx, rule="creepiness.location") == []
    assert findings(body, {}, rule="creepiness.location")


def test_a_security_notice_says_what_happened() -> None:
    ctx = {"observed_signals": [{"kind": "app_usage", "detail": "New device sign-in, Manchester, 02:14"}]}
    body = "There was a sign-in to your online banking from a new device in Manchester at 02:14 this morning."
    assert findings(body, ctx, rule="creepiness.echoes_observed") == []


@pytest.mark.parametrize(
    "text",
    [
        "Awake at 3am again? Our sleep range is 20% off.",
        "You've been in every Saturday since March!",
        "11 of your last 14 orders have come back to us.",
        "You were at the Starlight Casino on Saturday night.",
    ],
)
def test_habits_hours_and_past_places_recited(text: str) -> None:
    assert [f for f in findings(text, {}) if f.category == "creepiness"]


def test_saying_back_the_case_the_customer_opened_is_not_watching() -> None:
    text = "Hi Ahmed, I can see you called us yesterday about the double charge, and a refund is on its way."
    case = {"support": {"open_case": True, "topic": "double charge refund"}}
    assert findings(text, case, channel="chat", rule="creepiness.surveillance") == []
    assert findings(text, {}, channel="chat", rule="creepiness.surveillance")


def test_a_location_the_caller_shared_is_theirs_to_hear_back() -> None:
    text = "Using your location, we have you on Route 9 near mile marker 14, are you near the exit?"
    shared = {"observed_signals": [{"kind": "location", "detail": "Route 9 mile marker 14, shared by caller"}]}
    watched = {"observed_signals": [{"kind": "location", "detail": "Route 9 mile marker 14 from phone GPS"}]}
    assert findings(text, shared, channel="ivr", rule="creepiness.echoes_observed") == []
    assert findings(text, watched, channel="ivr", rule="creepiness.echoes_observed")


def test_a_condition_named_by_its_measure_is_sensitive() -> None:
    ctx = {"purchases": [{"category": "glucose test strips", "days_ago": 20}]}
    assert findings("Keeping your blood sugar steady? Try our new range.", ctx, rule="creepiness.sensitive_inference")


@pytest.mark.parametrize(
    ("prefs", "flagged"),
    [([], True), (["My hours got cut at work and I'm struggling to pay my bill. Is there any help?"], False)],
)
def test_money_worries_are_sensitive_unless_the_customer_said_so(prefs: list[str], flagged: bool) -> None:
    text = "We know money has been tight since your job change, so here is our Budget Billing plan."
    found = findings(text, {"stated_preferences": prefs}, rule="creepiness.sensitive_inference")
    assert bool(found) is flagged


def test_pregnancy_named_in_slang_is_still_pregnancy() -> None:
    ctx = {"inferred_attributes": [{"attribute": "likely_pregnant", "source": "purchase_pattern"}]}
    assert findings("Mama-to-be? Welcome to the bump club.", ctx, rule="creepiness.sensitive_inference")


@pytest.mark.parametrize(
    ("text", "rule", "guess"),
    [
        (
            "Judging by the minibar tab from your three nights, you'll love our wine club.",
            "creepiness.surveillance",
            None,
        ),
        ("Getting the nursery ready? It's never too early to plan.", "creepiness.sensitive_inference", None),
        ("Cooking for one again takes some getting used to.", "creepiness.sensitive_inference", "recent_breakup"),
        (
            "With a household income like yours, our Platinum card fits.",
            "creepiness.sensitive_inference",
            "income_band",
        ),
    ],
)
def test_inferences_said_without_the_stock_words(text: str, rule: str, guess: str | None) -> None:
    context = {"inferred_attributes": [{"attribute": guess, "source": "data_broker"}]} if guess else {}
    assert findings(text, context, rule=rule)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("Your 40-day Portuguese streak ends at midnight. One lesson keeps it going.", "Portuguese lessons daily"),
        ("Picked for you: 3 new HIIT classes dropped this morning.", "completes mostly HIIT classes"),
    ],
)
def test_the_apps_own_state_and_new_content_are_not_watching(text: str, detail: str) -> None:
    ctx = {"observed_signals": [{"kind": "app_usage", "detail": detail}]}
    assert findings(text, ctx, channel="push", rule="creepiness.echoes_observed") == []


def test_when_the_customer_did_it_still_is_watching() -> None:
    ctx = {"observed_signals": [{"kind": "app_usage", "detail": "HIIT class at 06:10"}]}
    text = "Loved your HIIT class at 6:10 this morning? Book the next one."
    assert findings(text, ctx, channel="push", rule="creepiness.echoes_observed")


def test_the_region_on_file_named_before_a_colon() -> None:
    text = "Since you're in Denver: our Larimer Square store opens Saturday."
    assert findings(text, {"region": "Denver"}, channel="push", rule="creepiness.location") == []
    assert findings(text, {"region": "Boulder"}, channel="push", rule="creepiness.location")


def test_a_named_procedure_on_the_customer_fires_but_a_surgery_appointment_does_not() -> None:
    body = "After your knee surgery at St Anne's Hospital in January, our recovery cushions could help."
    assert findings(body, rule="creepiness.sensitive_inference")
    assert findings("Your surgery appointment is confirmed for 3 May.", rule="creepiness.sensitive_inference") == []
    assert findings("Your prescription is ready to collect.", rule="creepiness.sensitive_inference") == []


def test_a_new_parent_who_said_so_is_not_an_inferred_pregnancy() -> None:
    body = "Congrats on the new arrival! I've set up the newborn diaper subscription you asked for."
    stated = {"stated_preferences": ["I'm a new dad, please set me up with a diaper subscription"]}
    assert findings(body, stated, channel="chat", rule="creepiness.sensitive_inference") == []
    inferred = {"inferred_attributes": [{"attribute": "new_parent", "source": "purchase model"}]}
    assert findings(body, inferred, channel="chat", rule="creepiness.sensitive_inference")


def test_a_security_alert_names_the_sign_in_it_warns_about() -> None:
    ctx = {"observed_signals": [{"kind": "location", "detail": "sign-in IP geolocated to Lisbon, Portugal"}]}
    body = "Your account was just signed in to from a new device in Lisbon, Portugal. If this wasn't you, reset it."
    assert findings(body, ctx, rule="creepiness.echoes_observed") == []
    nosy = "We see you're in Lisbon, Portugal this week! Try our city guide."
    assert findings(nosy, ctx, rule="creepiness.echoes_observed")


def test_a_distance_to_people_near_the_customer_is_live_location_unless_nearby_is_on() -> None:
    body = "3 people you'd like are within 1 km of you right now. Say hi!"
    assert findings(body, channel="push", rule="creepiness.location")
    nearby = {"stated_preferences": ["Turn on Nearby alerts please"]}
    assert findings(body, nearby, channel="push", rule="creepiness.location") == []


def test_the_body_s_limits_insinuated_but_not_an_aid_the_customer_bought() -> None:
    assert findings("Since the stairs have become hard work for you, try our stairlift.", rule="creepiness")
    bought = {"purchases": [{"category": "hearing_aids", "days_ago": 12}]}
    aftercare = "Getting used to new hearing aids takes a little patience, so here's our aftercare guide."
    assert findings(aftercare, bought, rule="creepiness.sensitive_inference") == []


@pytest.mark.parametrize(
    "body",
    [
        "Getting ready for your little one's arrival? Our nursery edit is in.",
        "Getting ready for a new arrival? Cots are 20% off.",
        "Our over-bump leggings are back in stock.",
    ],
)
def test_a_pregnancy_the_data_only_guessed_is_revealed_in_other_words(body: str) -> None:
    inferred = {"inferred_attributes": [{"attribute": "likely_pregnant", "source": "purchase_pattern"}]}
    assert findings(body, inferred, rule="creepiness.sensitive_inference")
    stated = {"stated_preferences": ["I'm pregnant - due in May, send me baby offers"]}
    assert findings(body, stated, rule="creepiness.sensitive_inference") == []


def test_a_body_size_only_guessed_is_revealed_by_what_is_offered() -> None:
    body = "Good news for curvier figures: our Curve edit in sizes 18 to 28 lands on Friday."
    guessed = {"inferred_attributes": [{"attribute": "likely_plus_size", "source": "browsing_pattern"}]}
    assert findings(body, guessed, rule="creepiness.sensitive_inference")
    told = {"stated_preferences": ["I wear plus-size, usually a 22"]}
    assert findings(body, told, rule="creepiness.sensitive_inference") == []
    assert findings("Our Curve edit in sizes 18 to 28 lands on Friday.", guessed, rule="creepiness") == []


def test_a_body_jab_reveals_a_weight_only_guessed() -> None:
    body = "Ready to finally shift that belly? Your 12-week plan is waiting."
    guessed = {"inferred_attributes": [{"attribute": "overweight", "source": "purchase_sizes"}]}
    assert findings(body, guessed, channel="push", rule="creepiness.sensitive_inference")
    assert findings(body, channel="push", rule="creepiness.sensitive_inference") == []


@pytest.mark.parametrize(
    ("body", "context", "fires"),
    [
        ("It's okay to admit things have been hard for you lately, and you don't have to carry it alone.", {}, True),
        (
            "We know things have been hard for you lately since your mum passed; take the time you need.",
            {"stated_preferences": ["my mum passed away in May"]},
            False,
        ),
        ("Life has been tough for a lot of families lately, so our food bank is open longer.", {}, False),
    ],
)
def test_a_struggle_insinuated_with_nothing_on_file(body: str, context: dict[str, object], fires: bool) -> None:
    assert bool(findings(body, context, rule="creepiness.sensitive_inference")) is fires


def test_dated_purchases_recited_count_as_a_history() -> None:
    body = "You grabbed a two-person tent from us in May, trail runners in June and a camp stove in July."
    (f,) = findings(body, rule="creepiness.history_recital")
    assert f.severity == 2
    assert (
        findings("You grabbed a tent from us in May. Here's how to pitch it.", rule="creepiness.history_recital") == []
    )


def test_because_you_watched_is_a_recommenders_reason_but_when_or_opened_is_watching() -> None:
    (plain,) = findings("Because you watched The Harbour: season 2 is now streaming.", rule="creepiness.surveillance")
    assert plain.severity == 1
    (opened,) = findings(
        "Since you opened our last newsletter on annuities, here's more.", rule="creepiness.surveillance"
    )
    assert opened.severity == 2


def test_an_agent_at_the_account_the_customer_called_about_is_not_watching() -> None:
    body = "I can see you're calling about your account ending 0931. How can I help?"
    assert findings(body, channel="ivr", rule="creepiness.surveillance") == []
    assert findings("I can see you've been browsing engagement rings.", channel="chat", rule="creepiness.surveillance")


def test_tenure_and_caller_id_routing_are_not_watching() -> None:
    tenure = "We see you've been a Kopi Club member for five years this month, so here's a gift."
    assert findings(tenure, rule="creepiness.surveillance") == []
    assert findings("We see you've been browsing winter coats.", rule="creepiness.surveillance")


def test_gambling_read_from_transactions_is_sensitive() -> None:
    ctx = {"purchases": [{"category": "online betting", "days_ago": 4}]}
    body = "I can also see quite a few payments to betting sites lately, so you might like our gambling block."
    assert findings(body, ctx, channel="chat", rule="creepiness.sensitive_inference")
    assert findings("Our odds on the Derby are out now.", ctx, rule="creepiness.sensitive_inference") == []


@pytest.mark.parametrize(
    "text",
    [
        "Still carrying a few extra pounds from the holidays? Our 8-week Reset program can help.",
        "And if things in the bedroom have been a bit quiet lately, our pharmacists can help discreetly.",
    ],
)
def test_the_body_insinuated_without_a_condition_named(text: str) -> None:
    assert findings(text, {"gender": "male"}, rule="creepiness.sensitive_inference")


def test_a_generic_class_about_weight_names_no_one() -> None:
    assert findings("Lose the holiday weight with our January classes.", rule="creepiness.sensitive_inference") == []


def test_a_place_in_a_condition_is_not_where_the_customer_is() -> None:
    ctx = {"support": {"open_case": True, "topic": "flight cancellation rebooking"}}
    voucher = "You're entitled to a meal voucher if you're at the airport before your original departure time."
    assert findings(voucher, ctx, channel="chat", rule="creepiness.location") == []
    assert findings("You're at the airport already? Lounge passes are 20% off.", rule="creepiness.location")


@pytest.mark.parametrize(
    "text",
    [
        "Maple Pharmacy: Hi Lena, your HIV medication refill is ready at 12 Oak St. Please collect by Fri 6pm.",
        "Rx ready 💊 Your sertraline 50mg is ready for pickup at Rowan Pharmacy, Elm St.",
    ],
)
def test_a_pickup_notice_names_the_customers_own_order(text: str) -> None:
    """Naming the medicine is a privacy question (the lock screen), not something watched or guessed."""
    ctx = {"purchases": [{"category": "prescription refill", "days_ago": 30}]}
    found = findings(text, ctx, channel="sms")
    assert not [f for f in found if f.rule_id == "creepiness.sensitive_inference"]
    assert [f for f in found if f.category == "privacy"]


def test_a_pickup_notice_that_sells_is_judged_as_marketing() -> None:
    text = "Your sertraline 50mg is ready for pickup at Rowan Pharmacy. Plus 20% off vitamins this week!"
    assert findings(text, channel="sms", rule="creepiness.sensitive_inference")


@pytest.mark.parametrize(
    "text",
    [
        "Reminder: your chemotherapy session is tomorrow at 9:30am, Ward 4. Tap for directions.",
        "Eastside Health: reminder of your HIV clinic follow-up with Dr. Lane, Tue 10:30.",
        "Your prescription is ready",
        "Good news - your Diwali hamper (order #DH-30418) has been packed and handed to our courier.",
    ],
)
def test_the_customers_own_booking_or_order_is_no_guess(text: str) -> None:
    """A booked care event, a ready prescription or a shipped order names what the customer arranged."""
    assert findings(text, channel="sms", rule="creepiness.sensitive_inference") == []


@pytest.mark.parametrize(
    "text",
    [
        "Chemotherapy can be exhausting: is your energy low lately? Try our tonic.",
        "Congratulations on your pregnancy! Your order has shipped.",
        "Your debt is growing, but our 20% off sale is on. Your order has shipped.",
    ],
)
def test_a_claim_beside_an_order_is_still_a_claim(text: str) -> None:
    assert findings(text, channel="email", rule="creepiness.sensitive_inference")


def test_a_store_greeting_the_customer_at_its_door_is_tracking() -> None:
    def ctx(detail: str) -> dict[str, object]:
        return {"observed_signals": [{"kind": "location", "detail": detail, "days_ago": 0}]}

    store = "Welcome to Harlow & Pike Midtown! Show this screen at the till."
    (f,) = findings(store, ctx("entered the Midtown store geofence"), channel="push", rule="creepiness.location")
    assert f.severity == 3
    asked = {**ctx("entered the Midtown store geofence"), "stated_preferences": ["Send my code when I walk in"]}
    assert findings(store, asked, channel="push", rule="creepiness.location") == []
    roaming = "Welcome to France! Calls and data cost the same as at home."
    (f,) = findings(roaming, ctx("roaming in France"), channel="push", rule="creepiness.location")
    assert f.severity == 1


def test_a_distance_answering_a_shared_location_is_asked_for() -> None:
    text = "Going by the location you just shared, you're about 300 m from our Kingsgate branch."
    signal = [{"kind": "location", "detail": "location shared in chat", "days_ago": 0}]
    asked = {"stated_preferences": ["Where's your nearest branch to me right now?"], "observed_signals": signal}
    assert findings(text, asked, channel="chat", rule="creepiness.location") == []
    assert findings(text, {"observed_signals": signal}, channel="chat", rule="creepiness.location")


def test_safety_advice_about_distance_is_not_where_the_customer_is() -> None:
    advice = "If you see a downed power line, stay at least 30 feet away and press 1 now to report it."
    assert findings(advice, channel="ivr", rule="creepiness.location") == []
    assert findings("You're 200 m away from our Oak St store right now!", channel="push", rule="creepiness.location")


@pytest.mark.parametrize(
    "text",
    ["Hollis heard that cough this week. Feel better soon!", "We heard The Wardens playing in the background."],
)
def test_what_a_devices_microphone_picked_up_is_surveillance(text: str) -> None:
    assert findings(text, channel="push", rule="creepiness.surveillance")


@pytest.mark.parametrize(
    "text", ["We heard you! Our new menu is here.", "Have you heard the news? We're open Sundays."]
)
def test_hearing_from_customers_is_not_listening_in(text: str) -> None:
    assert findings(text, channel="push", rule="creepiness.surveillance") == []


def test_a_sensitive_category_picked_for_the_reader_insinuates_they_have_it() -> None:
    picked = "Blood-sugar friendly snacks, picked for you."
    assert findings(picked, channel="push", rule="creepiness.sensitive_inference")
    assert findings("Our diabetes-friendly range is in store now.", rule="creepiness.sensitive_inference") == []


def test_a_trip_only_location_tracking_knows_about() -> None:
    tracked = {"observed_signals": [{"kind": "location", "detail": "phone location: Outer Banks for 4 days"}]}
    assert findings("Back from the coast? Get the sand off with a full detail.", tracked, rule="creepiness.location")
    assert findings("How was your weekend in Austin? 10% off inside.", tracked, rule="creepiness.location")
    # no tracking on file, a trip they booked with us, or one they told us about: nothing presumed
    assert findings("Back from the coast? Get the sand off.", {}, rule="creepiness.location") == []
    booked = {**tracked, "purchases": [{"category": "hotel booking", "days_ago": 3}]}
    assert findings("How was your stay at the Harbour Inn?", booked, rule="creepiness.location") == []
    told = {**tracked, "stated_preferences": ["Off to the coast for a family holiday in May"]}
    assert findings("Back from the coast? Get the sand off.", told, rule="creepiness.location") == []


def test_an_age_is_not_a_place_and_a_tool_is_not_a_claim() -> None:
    assert findings("Since you're in your seventies, we'll go slowly.", channel="ivr", rule="creepiness.location") == []
    tool = "Did you know you can check your credit score in the app at no cost?"
    assert findings(tool, rule="creepiness.sensitive_inference") == []
    assert findings("Worried about your credit score? Our card can help.", rule="creepiness.sensitive_inference")


def test_money_trouble_before_payday_is_insinuated() -> None:
    assert findings(
        "Struggling to keep the lights on until payday? Nobody needs to know.", rule="creepiness.sensitive_inference"
    )
    assert findings("Payday is the 25th; your statement follows.", rule="creepiness.sensitive_inference") == []
    for text in ["Payday still a week away? Split those trainers into 4.", "Money tight this term? Desk kit from £5."]:
        assert findings(text, rule="creepiness.sensitive_inference"), text
    assert findings("Our payday sale starts Friday: 20% off desks.", rule="creepiness.sensitive_inference") == []


def test_linked_data_with_consent_may_choose_content_but_not_be_recited() -> None:
    ctx = {
        "consent": {"third_party_data": True},
        "observed_signals": [{"kind": "third_party", "detail": "Strava: mostly trail runs, 3 per week", "days_ago": 4}],
    }
    assert findings("Picked for you: new trail runners just landed.", ctx, rule="creepiness.echoes_observed") == []
    assert findings("Your trail runs are paying off: new trail runners landed.", ctx, rule="creepiness.echoes_observed")
    assert findings("Loving all those trail runs? New shoes landed.", ctx, rule="creepiness.echoes_observed")


def test_a_clinics_own_therapist_is_no_mental_health_claim() -> None:
    ctx = {"inferred_attributes": [{"attribute": "anxiety", "source": "app"}]}
    for body in ["Book sports massage slots with our new therapist, Kofi.", "Our massage therapists have new slots."]:
        assert findings(body, ctx, rule="creepiness.sensitive_inference") == [], body
    assert findings("Is therapy helping? Book your next session.", ctx, rule="creepiness.sensitive_inference")


def test_a_refill_reminder_for_the_customers_own_prescription() -> None:
    ctx = {"purchases": [{"category": "prescription: sertraline 50mg", "days_ago": 27}]}
    refill = "Running low on sertraline? Your refill is due Thursday. Tap to reorder for pickup."
    assert findings(refill, ctx, channel="push", rule="creepiness.sensitive_inference") == []
    upsell = "Running low on sertraline? Get 20% off vitamins too. Tap to reorder."
    assert findings(upsell, ctx, channel="push", rule="creepiness.sensitive_inference")


def test_sensitive_states_named_in_everyday_words() -> None:
    debt = {"inferred_attributes": [{"attribute": "financial_distress_rising_debt", "source": "credit_bureau"}]}
    assert findings("Juggling card balances that keep creeping up?", debt, rule="creepiness.sensitive_inference")
    pregnant = {"inferred_attributes": [{"attribute": "likely_pregnant", "source": "purchase_pattern"}]}
    assert findings("Nursery essentials are 20% off this week.", pregnant, rule="creepiness.sensitive_inference")
    assert findings("Nursery essentials are 20% off this week.", {}, rule="creepiness.sensitive_inference") == []
    chair = {"inferred_attributes": [{"attribute": "likely_wheelchair_user", "source": "purchase_pattern"}]}
    assert findings("Getting around in your chair will be easy.", chair, rule="creepiness.sensitive_inference")
    origin = {"inferred_attributes": [{"attribute": "ethnicity: Nigerian heritage", "source": "surname_model"}]}
    assert findings("As a Nigerian candidate, you'll fit right in.", origin, rule="creepiness.sensitive_inference")
    # an insinuation with no basis at all: "if X is keeping you up at night, you're not alone"
    assert findings("If debt is keeping you up at night, you're not alone.", rule="creepiness.sensitive_inference")
    assert findings("Our debt advisers are free to talk to.", rule="creepiness.sensitive_inference") == []


def test_a_term_ending_in_punctuation_is_found_in_the_one_scan_of_every_category() -> None:
    """'before payday?' ends in '?': the combined scan must end as each category's list does."""
    text = "Bills landing before payday? Try Flex."
    assert Scan(text).hits(SENSITIVE_RE["finances"])
    assert [h.lastgroup for h in Scan(text).hits(SENSITIVE_ANY)] == ["finances"]
    assert findings(text, channel="sms", rule="creepiness.sensitive_inference")


def test_a_pickup_notice_for_you_names_nothing_about_you() -> None:
    notice = "Larkspur Pharmacy: a prescription for you is ready at our Elm St location. Pick up by 8pm Fri."
    assert findings(notice, {}, channel="sms", rule="creepiness.sensitive_inference") == []
    guess = "Larkspur Pharmacy: we think a prescription for your anxiety could help."
    assert findings(guess, {}, channel="sms", rule="creepiness.sensitive_inference")


def test_loyalty_miles_to_a_reward_are_no_distance() -> None:
    seen = {"observed_signals": [{"kind": "location", "detail": "near store"}]}
    assert (
        findings("You're 2,095 miles away from a one-way reward flight to Dublin.", seen, rule="creepiness.location")
        == []
    )
    assert findings("You're 2 miles from our store with the free parking.", seen, rule="creepiness.location")


def test_the_case_the_customer_opened_is_not_watched() -> None:
    case = {"support": {"open_case": True, "topic": "hardship request: lower monthly card payment"}}
    text = "I've gone through the options for the hardship request you opened on Tuesday."
    assert findings(text, case, channel="chat", rule="creepiness.surveillance") == []
    assert findings("You opened our last email on Tuesday, so here's more.", {}, rule="creepiness.surveillance")


def test_a_reminder_asked_for_by_category_is_stated() -> None:
    ctx = {
        "stated_preferences": ["Remind me at 9pm for my evening medication"],
        "observed_signals": [{"kind": "app_usage", "detail": "logs doses in the Dosely app nightly", "days_ago": 1}],
    }
    text = "Dosely: 9:00 pm, time for your Biktarvy. Tap to log your dose."
    assert findings(text, ctx, channel="push", rule="creepiness.echoes_observed") == []
    unasked = {"observed_signals": ctx["observed_signals"]}
    assert findings(text, unasked, channel="push", rule="creepiness.echoes_observed")


def test_a_due_date_said_in_other_words_is_stated_pregnancy() -> None:
    text = "Congratulations to you and your wife on the little one on the way!"
    said = {"stated_preferences": ["my wife is due in August"]}
    assert findings(text, said, channel="chat", rule="creepiness.sensitive_inference") == []
    assert findings(
        text, {"stated_preferences": ["my payment is due in August"]}, rule="creepiness.sensitive_inference"
    )


def test_any_before_a_sensitive_word_claims_nothing() -> None:
    text = "Please bring your current glasses and a list of any medications you take."
    assert findings(text, {}, rule="creepiness.sensitive_inference") == []
    assert findings("Your medications are running low, refill them now?", {}, rule="creepiness.sensitive_inference")


def test_an_eyewear_prescription_is_for_lenses() -> None:
    text = "If your prescription changes, members get 25% off new lenses and a second pair of glasses for $99."
    assert findings(text, {}, rule="creepiness.sensitive_inference") == []
    drug = "If your prescription changes, ask us about cheaper options for your condition?"
    assert findings(drug, {}, rule="creepiness.sensitive_inference")


def test_a_safety_recall_says_what_the_customer_bought() -> None:
    recall = (
        "Our records show you bought a 3-quart saucepan between March and June. Some lids can crack, so please "
        "stop using it; we're replacing every affected lid free of charge."
    )
    assert findings(recall, {}, rule="creepiness.surveillance") == []
    promo = "Our records show you bought a 3-quart saucepan, so here is 20% off our new skillet."
    assert findings(promo, {}, rule="creepiness.surveillance")


def test_an_assessment_the_customer_booked_is_a_care_event() -> None:
    text = "Brightwell Health: Dr. Lin reviewed your ADHD assessment. Your follow-up is on Tuesday."
    assert findings(text, {}, channel="email", rule="creepiness.sensitive_inference") == []


def test_money_tight_insinuated_for_this_month() -> None:
    text = "If money's a little tight this month, you can spread the cost over 12 months."
    assert findings(text, {}, rule="creepiness.sensitive_inference")
    assert (
        findings(
            text, {"stated_preferences": ["money is tight, can I pay monthly?"]}, rule="creepiness.sensitive_inference"
        )
        == []
    )


def test_goods_that_serve_an_inferred_condition_reveal_the_guess() -> None:
    offer = "This month we've added our baby-food starter kit and silicone bibs to your picks: 25% off."
    assert [f.severity for f in findings(offer, PREGNANT, rule="creepiness.sensitive_inference")] == [3]
    diabetic = {"inferred_attributes": [{"attribute": "likely_diabetic", "source": "purchase_pattern"}]}
    assert findings("New in: sugar-free chocolate, picked for you.", diabetic, rule="creepiness.sensitive_inference")
    # the same goods with no guess on file, a guess of another kind, a statement, or the customer's own order
    assert findings(offer, {}, rule="creepiness.sensitive_inference") == []
    assert findings(offer, diabetic, rule="creepiness.sensitive_inference") == []
    told = {**PREGNANT, "stated_preferences": ["I'm pregnant with our first"]}
    assert findings(offer, told, rule="creepiness.sensitive_inference") == []
    receipt = "Your order of 2 packs of nappies and a changing mat has shipped."
    assert findings(receipt, PREGNANT, rule="creepiness.sensitive_inference") == []


def test_a_readers_question_in_the_first_person_is_not_addressed_to_the_customer() -> None:
    column = "This week a reader asks: Is it safe to take ibuprofen with my blood pressure pills?"
    assert findings(column, {}, rule="creepiness.sensitive_inference") == []
    assert findings(
        "Is it safe to take ibuprofen with your blood pressure pills?", {}, rule="creepiness.sensitive_inference"
    )
    # a capital "Your" addresses the reader too
    mixed = "Your blood pressure pills and my ibuprofen: safe together?"
    assert findings(mixed, {}, rule="creepiness.sensitive_inference")


def test_weight_insinuated_without_the_word_loss() -> None:
    text = "Worried about that weight creeping back now that summer's here? Every recipe is under 450 calories."
    assert findings(text, {}, rule="creepiness.sensitive_inference")
    assert findings("Every recipe this week is under 450 calories.", {}, rule="creepiness.sensitive_inference") == []


def test_past_purchases_named_with_when_and_no_verb_are_a_recital() -> None:
    bought = {
        "purchases": [
            {"category": "kayak paddle", "days_ago": 95},
            {"category": "dry bag", "days_ago": 62},
            {"category": "spray skirt", "days_ago": 30},
        ]
    }
    text = "Kayak paddle in April, dry bag in May, spray skirt in June: your kit is missing the Flow PFD."
    assert findings(text, bought, rule="creepiness.history_recital")
    calendar = "Kayak clinics in April, dry-bag packing in May and a spray skirt workshop in June."
    assert findings(calendar, {}, rule="creepiness.history_recital") == []
    order = "Your order is on its way: the kayak paddle and dry bag arrive on Tuesday, the spray skirt on Wednesday."
    assert findings(order, bought, rule="creepiness.history_recital") == []
    assert (
        findings("New this season: paddles, dry bags and spray skirts.", bought, rule="creepiness.history_recital")
        == []
    )


_BROKER_MOVE = {
    "consent": {"marketing_email": True, "third_party_data": False},
    "observed_signals": [{"kind": "third_party", "detail": "change-of-address record from a data broker"}],
}


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("Congrats on the new place! Take 20% off sofas this month.", True),
        ("Just moved? Settling in takes time, so here's 20% off.", True),
        ("Take 20% off sofas and bed frames this month.", False),
        ("Our new home collection is in: 20% off sofas.", False),
    ],
)
def test_a_life_event_bought_in_from_a_broker_said_in_other_words(body: str, flagged: bool) -> None:
    assert bool(findings(body, _BROKER_MOVE, rule="creepiness.echoes_observed")) is flagged


def test_a_due_month_with_our_first_states_the_pregnancy() -> None:
    ctx = {
        "stated_preferences": ["due in October with our first - send me nursery ideas"],
        "purchases": [{"category": "prenatal vitamins", "days_ago": 30}],
    }
    body = "Planning the nursery? Our best-selling maternity pillow is 20% off."
    assert [f for f in findings(body, ctx) if f.rule_id and f.rule_id.startswith("creepiness")] == []
    assert [f for f in findings(body, {"purchases": ctx["purchases"]}) if f.rule_id and f.rule_id.startswith("creep")]


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("Riverside Clinic: Reminder, your colposcopy is tomorrow at 9:30am with Dr. Khan. Reply C to confirm.", False),
        ("Apex Rx: Hi Tom, your Wegovy 0.25mg starter pens ship today by cold courier.", False),
        ("Parkside GP: your HbA1c is 71 and your diabetes isn't well controlled. Tap to book a review.", False),
        ("Struggling to keep your diabetes under control? Our coaching plan is 20% off this week.", True),
        ("Your diabetes snack box is 20% off this week, ships today.", True),
    ],
)
def test_a_notice_of_the_customers_own_care_is_no_inference(body: str, flagged: bool) -> None:
    found = findings(body, {"purchases": [{"category": "prescription", "days_ago": 1}]}, channel="sms")
    assert bool([f for f in found if f.rule_id == "creepiness.sensitive_inference"]) is flagged


@pytest.mark.parametrize(
    ("body", "context", "severity"),
    [
        # sobriety congratulated where it was only inferred
        (
            "Toasting 90 days alcohol-free? Our zero-proof spritz bundle is the way to mark it.",
            {
                "inferred_attributes": [
                    {"attribute": "likely_in_alcohol_recovery", "source": "alcohol_purchases_stopped"}
                ]
            },
            4,
        ),
        # a faith guessed from the name, put to the customer
        (
            "Big Catholic family? The Voyager 8 seats eight.",
            {"inferred_attributes": [{"attribute": "religion_catholic", "source": "name_origin_model"}]},
            4,
        ),
        # an addiction clinic read off the statement during a chat about fees (a statement is no receipt here)
        (
            "The fee is waived with a direct deposit. I can also see regular payments to Sunrise Recovery Center on "
            "your statement - our HSA account could save you a bit on those.",
            {"purchases": [{"category": "card payment: Sunrise Recovery Center", "days_ago": 5}]},
            3,
        ),
        # condolences for a death the customer never told us of, seen in their browsing
        (
            "We're so sorry for your loss. Our casket sprays can go straight to the funeral home.",
            {"observed_signals": [{"kind": "browsing", "detail": "viewed sympathy wreath pages", "days_ago": 1}]},
            3,
        ),
    ],
)
def test_recovery_faith_and_bereavement_named_from_data(body: str, context: dict[str, object], severity: int) -> None:
    found = findings(body, context, rule="creepiness.sensitive_inference")
    assert max(f.severity for f in found) == severity


@pytest.mark.parametrize(
    ("body", "context"),
    [
        ("Our alcohol-free range now has 12 beers.", {"purchases": [{"category": "alcohol-free beer", "days_ago": 7}]}),
        ("Try 30 days alcohol-free beers for $1 each.", {}),
        (
            "We're so sorry for your loss, and we've closed the account as you asked.",
            {"support": {"topic": "bereavement: closing my late husband's account"}},
        ),
        (
            "Your statement for March is ready to view in the app.",
            {"purchases": [{"category": "card payment: Sunrise Recovery Center", "days_ago": 5}]},
        ),
    ],
)
def test_own_words_receipts_and_goods_named_for_everyone_stay_quiet(body: str, context: dict[str, object]) -> None:
    assert findings(body, context, rule="creepiness.sensitive_inference") == []


def test_a_move_known_from_a_property_record_is_echoed() -> None:
    record = {"kind": "third_party", "detail": "deeds office transfer record: residential property registered"}
    ctx = {"observed_signals": [{**record, "days_ago": 10}], "consent": {"third_party_data": False}}
    assert findings("Congratulations on the new home! Here's 15% off contents cover.", ctx, rule="creepiness.echoes")
    assert findings("Here's 15% off contents cover this month.", ctx, rule="creepiness.echoes") == []


@pytest.mark.parametrize(
    "text",
    [
        "Weekends can feel a bit quiet when there's no one to share them with, can't they?",
        "Still in your basket: Plan B One-Step 1.5mg. Check out now for same-day delivery.",
    ],
)
def test_loneliness_and_emergency_contraception_are_sensitive(text: str) -> None:
    seen = "Plan B One-Step left in basket" if "Plan B" in text else "browsed singles events, lonely hearts pages"
    ctx = {"observed_signals": [{"kind": "browsing", "detail": seen, "days_ago": 0}]}
    assert findings(text, ctx, rule="creepiness.sensitive_inference")


def test_a_backup_plan_is_not_a_pill() -> None:
    assert findings("What's your plan B if it rains? Our ponchos are 20% off.", {}, rule="creepiness") == []


def test_an_ivr_saying_the_call_comes_from_a_number_on_record_is_no_surveillance() -> None:
    ctx = {"observed_signals": [{"kind": "caller_id", "detail": "number matches account holder", "days_ago": 0}]}
    body = "Thanks for calling. We see you're calling from a number on our records. Please say your date of birth."
    assert findings(body, ctx, channel="ivr", rule="creepiness.surveillance") == []
    watched = "Thanks for calling. We see you were at our Elm Street branch twice this week."
    assert findings(watched, ctx, channel="ivr", rule="creepiness.surveillance")


def test_quitting_smoking_read_off_purchases_is_sensitive_but_the_order_notice_is_not() -> None:
    ctx = {"purchases": [{"category": "nicotine lozenges", "days_ago": 21}]}
    sms = "3 weeks smoke-free? Keep going! Lozenges 20% off with your card this week."
    assert findings(sms, ctx, channel="sms", rule="creepiness.sensitive_inference")
    assert findings("Our smoke-free terrace reopens Friday.", ctx, rule="creepiness.sensitive_inference") == []
    order = "Your order has shipped. Items: Nicorette 4 mg Fresh Mint Gum (2 x 105 pieces)."
    assert findings(order, ctx, rule="creepiness.sensitive_inference") == []


def test_a_home_purchase_known_from_a_deeds_record_said_as_closing_day() -> None:
    ctx = {
        "consent": {"third_party_data": False},
        "observed_signals": [
            {"kind": "third_party", "detail": "public records feed: deed transfer recorded", "days_ago": 11}
        ],
    }
    body = "Closing day is behind you and the keys are in your hand. Time to look at your home cover."
    assert findings(body, ctx, rule="creepiness")
    assert findings("Time to look at your home cover.", ctx, rule="creepiness") == []


def test_a_due_month_the_customer_told_us_states_the_pregnancy() -> None:
    body = "Congratulations on your pregnancy! Your registry discount is ready."
    stated = {"stated_preferences": ["Due in August, building my registry now"]}
    assert findings(body, stated, rule="creepiness.sensitive_inference") == []
    inferred = {"inferred_attributes": [{"attribute": "likely_pregnant", "source": "basket model"}]}
    assert findings(body, inferred, rule="creepiness.sensitive_inference")


@pytest.mark.parametrize(
    ("attribute", "offer"),
    [
        ("likely_hearing_loss", "Hearing aid batteries are buy 3, get 1 free this week."),
        ("mobility_decline", "Our stairlifts are 20% off this month."),
        ("likely_incontinence", "Leakproof underwear: 3 for 2 this week."),
        ("sight_loss", "Talking clocks and magnifiers, 15% off."),
    ],
)
def test_goods_that_serve_an_inferred_condition_reveal_it(attribute: str, offer: str) -> None:
    ctx = {"inferred_attributes": [{"attribute": attribute, "source": "purchase_pattern"}]}
    assert findings(offer, ctx, channel="push", rule="creepiness.sensitive_inference"), offer
    assert findings(offer, {}, channel="push", rule="creepiness.sensitive_inference") == [], offer


def test_opening_an_account_is_the_customer_s_own_act_not_behaviour_watched() -> None:
    ctx = {"stated_preferences": ["saving for my first home"]}
    body = "When you opened your account, you told us you're saving for your first home."
    assert findings(body, ctx, rule="creepiness.surveillance") == []
    assert findings("You opened the app 14 times this week!", rule="creepiness.surveillance")
    moved = "The balance has been moved into your Easy Access account, as you asked when you opened it."
    assert findings(moved, rule="creepiness.surveillance") == []
    assert findings("We saw that when you opened it, you clicked twice.", rule="creepiness.surveillance")


def test_minutes_from_a_store_said_of_the_reader_is_live_location() -> None:
    ctx = {"observed_signals": [{"kind": "location", "detail": "device GPS 150 m from the store", "days_ago": 0}]}
    assert findings("You're two minutes from our Harbour St store 👀", ctx, channel="push", rule="creepiness.location")
    for quiet in (
        "Our Harbour St store is two minutes from the station.",
        "You're 5 minutes away from finishing your profile!",
    ):
        assert findings(quiet, ctx, channel="push", rule="creepiness.location") == []


def test_a_distance_from_someone_elses_home_is_not_the_readers_location() -> None:
    body = "The borehole your monthly gift helped to fund is now working just 300 metres from her home."
    assert findings(body, rule="creepiness.location") == []
    assert findings("Your monthly gift is 300 metres from your home.", rule="creepiness.location")


@pytest.mark.parametrize(
    ("body", "attribute", "said"),
    [
        (
            "Fresh start? Our Solo Kitchen edit has everything for a kitchen for one.",
            "likely_separated",
            "I'm recently separated and setting up a flat on my own",
        ),
        (
            "Good news: you're first in line for our new plus-size collection.",
            "plus_size_shopper",
            "I wear plus size, tell me about new ranges",
        ),
    ],
)
def test_goods_that_serve_an_inferred_life_change_or_body_reveal_the_guess(
    body: str, attribute: str, said: str
) -> None:
    inferred = {"inferred_attributes": [{"attribute": attribute, "source": "browsing_model"}]}
    assert findings(body, inferred, rule="creepiness.sensitive_inference")
    assert findings(body, {}, rule="creepiness.sensitive_inference") == []
    told = {**inferred, "stated_preferences": [said]}
    assert findings(body, told, rule="creepiness.sensitive_inference") == []


def test_a_habit_counted_as_a_run_and_timed_is_tracking() -> None:
    timed = "11 Fridays in a row of pad thai at 9pm! Make it 12: £3 off tonight."
    assert findings(timed, rule="creepiness.exact_detail")
    assert findings("Five days in a row at 10,000 steps: your streak is on.", rule="creepiness.exact_detail") == []
    assert findings("Our 9pm show runs three nights a week.", rule="creepiness.exact_detail") == []


def test_a_condition_on_what_the_customer_might_have_done_reports_nothing() -> None:
    swap = "If it's not quite right, swaps are free within 30 days, even if you've opened it."
    assert findings(swap, rule="creepiness.surveillance") == []
    assert findings("We can see you've opened it three times, so here's 10% off.", rule="creepiness.surveillance")


def test_what_the_customer_bought_counted_over_a_stretch_of_time_is_watching() -> None:
    bought = {"purchases": [{"category": "takeaway curry", "days_ago": d} for d in (0, 2, 5)]}
    (f,) = findings("Four curries in a week, Sam? Our new salad box is 20% off.", bought, rule="creepiness.counted")
    assert f.quote == "Four curries in a week" and f.severity == 3
    assert findings("Four curries in a week, Sam? Our new salad box is 20% off.", {}, rule="creepiness.counted") == []
    offer = "Try three salads in three days and the fourth is on us."
    assert findings(offer, bought, rule="creepiness.counted") == []


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("You're a couple of minutes from done, and checking your rate won't affect your credit.", False),
        ("Welcome home! 1,240 miles from your Lisbon trip have posted to your SkyBridge account.", False),
        ("You're two minutes from our Harbour St store: pop in for a free coffee.", True),
        ("You're 300 metres from your gym, so why not grab a smoothie on the way?", True),
    ],
)
def test_progress_and_loyalty_miles_are_not_a_location(body: str, flagged: bool) -> None:
    ctx = {"observed_signals": [{"kind": "location", "detail": "GPS", "days_ago": 0}]}
    assert bool(findings(body, ctx, channel="push", rule="creepiness.location")) is flagged


@pytest.mark.parametrize(
    ("body", "guess", "stated"),
    [
        (
            "Sofa shopping on a budget? Five sofas under $600 that fit what you're working with.",
            {"attribute": "low_budget", "source": "third_party_credit_data"},
            "I'm on a budget, sofas under $600 please",
        ),
        (
            "Our engraved memorial stones and paw-print frames are 20% off through Sunday.",
            {"attribute": "pet_deceased", "source": "purchase_pattern"},
            "Our dog died last month, I'd like a memorial stone",
        ),
    ],
)
def test_goods_that_serve_an_inferred_budget_or_loss_reveal_the_guess(body: str, guess: dict, stated: str) -> None:
    assert findings(body, {"inferred_attributes": [guess]}, rule="creepiness.sensitive_inference")
    assert findings(body, {}, rule="creepiness.sensitive_inference") == []
    assert findings(body, {"stated_preferences": [stated]}, rule="creepiness.sensitive_inference") == []


@pytest.mark.parametrize(
    ("body", "ctx", "flagged"),
    [
        ("Your next pack of Confidra Night Maximum is 25% off this week.", {}, True),
        # told us, or a notice that sells nothing, or a compound word that only looks sensitive
        (
            "Your next pack of Confidra Night Maximum is 25% off this week.",
            {"stated_preferences": ["I buy incontinence pads here"]},
            False,
        ),
        ("Your Confidra Night Maximum order has shipped and arrives Friday.", {}, False),
    ],
)
def test_a_sensitive_purchase_sold_back_by_the_products_own_name(body: str, ctx: dict, flagged: bool) -> None:
    bought = {"purchases": [{"category": "incontinence pads (Confidra Night Maximum)", "days_ago": 34}], **ctx}
    assert bool(findings(body, bought, rule="creepiness.sensitive_inference")) is flagged


def test_a_compound_word_in_a_purchase_is_not_a_sensitive_category() -> None:
    ctx = {"purchases": [{"category": "single-origin coffee beans", "days_ago": 210}]}
    body = "Three new single-origin beans are in, and here's 10% off your next order."
    assert findings(body, ctx, rule="creepiness.sensitive_inference") == []


@pytest.mark.parametrize(
    ("text", "context", "flagged"),
    [
        # the reader's money, unnamed, where a guess about it is on file
        (
            "We've picked a few things to help while things are tight for you: a budget planner and refill pouches.",
            {"inferred_attributes": [{"attribute": "financial_stress", "source": "declined_payments_pattern"}]},
            True,
        ),
        # said of everyone, to no one
        ("Budgets are tight at the moment, so we've frozen our prices for another year.", {}, False),
        # a bookmaker's name read off the account in the middle of a reply
        (
            "I've waived the late fee. With all the spending at Bet365 and Coral on your account lately, you might "
            "find our budgeting tool handy too.",
            {"purchases": [{"category": "betting transactions", "days_ago": 3}]},
            True,
        ),
        # a reef, not a bookmaker
        ("With all the spending on Coral Bay trips this summer, we've added more boats.", {}, False),
    ],
)
def test_money_trouble_and_gambling_said_without_the_category_word(
    text: str, context: dict[str, object], flagged: bool
) -> None:
    assert bool(findings(text, context, channel="chat", rule="creepiness.sensitive_inference")) is flagged


@pytest.mark.parametrize(
    ("prefs", "flagged"),
    [(["Yes, send me my yearly reading recap"], False), (["mysteries"], True), ([], True)],
)
def test_a_recap_of_their_own_use_the_customer_asked_for_is_no_watching(prefs: list[str], flagged: bool) -> None:
    text = "You read 23 books with us this year, and your longest reading streak was 11 days in July."
    assert bool(findings(text, {"stated_preferences": prefs}, rule="creepiness.surveillance")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Ladies, it's that time of the month again! Stock up before day one.", True),
        ("Time to restock your Confidry bladder pads? Reorder in one tap.", True),
        ("Our store is open late all month. Pop in any time.", False),
        ("Your order of printer pads has shipped.", False),
    ],
)
def test_the_body_named_without_its_word_shows_on_a_lock_screen(text: str, flagged: bool) -> None:
    assert bool(findings(text, {}, channel="push", rule="privacy.lock_screen")) is flagged


def test_money_getting_tight_said_to_the_reader_without_the_word() -> None:
    guessed = {"inferred_attributes": [{"attribute": "likely_financial_strain", "source": "purchase_pattern"}]}
    said = "It's been three weeks since payday, and we know that's when things get tight. Split your basket?"
    assert findings(said, guessed, rule="creepiness.sensitive_inference")
    hedged = "We know things can get tight, and help is here if you ever need it."
    assert findings(hedged, guessed, rule="creepiness.sensitive_inference") == []


@pytest.mark.parametrize(
    ("detail", "flagged"),
    [("social media: engagement announcement post", True), ("email engagement: opens most newsletters", False)],
)
def test_a_wedding_read_from_an_engagement_signal(detail: str, flagged: bool) -> None:
    ctx = {"observed_signals": [{"kind": "third_party", "detail": detail, "days_ago": 9}]}
    text = "Planning the big day? Our registry makes it easy for guests to get you what you want."
    assert bool(findings(text, ctx, rule="creepiness.echoes_observed")) is flagged


@pytest.mark.parametrize(
    ("detail", "text", "flagged"),
    [
        (
            "customer publicly tagged @KestrelOutdoor in Instagram post from Lake Tahoe",
            "Thanks for tagging us in your cabin photo from Lake Tahoe! Could we share it?",
            False,
        ),
        (
            "Instagram post from Lake Tahoe",
            "Loved your cabin photo from Lake Tahoe! Could we share it?",
            True,
        ),
    ],
)
def test_a_post_the_customer_addressed_to_the_brand_is_theirs_to_hear_back(
    detail: str, text: str, flagged: bool
) -> None:
    ctx = {"observed_signals": [{"kind": "third_party", "detail": detail, "days_ago": 1}]}
    assert bool(findings(text, ctx, channel="chat", rule="creepiness.echoes_observed")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Your smart meter shows water flowing non-stop for 48 hours, which can mean a leak. Check your taps.", False),
        ("Your smart meter shows you run the dishwasher every night at 11pm. Try our off-peak tariff?", True),
    ],
)
def test_a_fault_the_customers_own_device_reports_is_a_warning(text: str, flagged: bool) -> None:
    ctx = {"observed_signals": [{"kind": "app_usage", "detail": "smart meter: water flow and dishwasher at night"}]}
    assert bool(findings(text, ctx, channel="sms", rule="creepiness.echoes_observed")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("We know things are tight in Flint right now, so we've pulled our lowest-priced picks for you.", True),
        ("Parking is tight in Flint right now, so we've added a drop-off bay for you.", False),
    ],
)
def test_money_trouble_put_on_the_readers_town(text: str, flagged: bool) -> None:
    ctx = {"region": "Flint, Michigan"}
    assert bool(findings(text, ctx, rule="creepiness.sensitive_inference")) is flagged


@pytest.mark.parametrize(
    ("preferences", "flagged"),
    [([], True), (["I'm partially sighted, please send large print"], False)],
)
def test_sight_named_outright_is_a_sensitive_inference_unless_stated(preferences: list[str], flagged: bool) -> None:
    text = "Thanks, Oliver. Since you're partially sighted, we'll send the claim form in large print."
    found = findings(text, {"stated_preferences": preferences}, channel="chat", rule="creepiness.sensitive_inference")
    assert bool(found) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Planning to pop the question? Our studio can help.", True),
        ("Thinking of proposing? Our studio can help.", True),
        ("Our studio is open late on Fridays.", False),
    ],
)
def test_a_proposal_guessed_from_bought_in_data_is_the_engagement_read_back(text: str, flagged: bool) -> None:
    ctx = {
        "consent": {"third_party_data": False},
        "observed_signals": [{"kind": "third_party", "detail": "data broker: relationship status engaged"}],
    }
    assert bool(findings(text, ctx, rule="creepiness.echoes_observed")) is flagged


def test_engagement_rings_in_a_signal_are_the_wedding_event() -> None:
    assert Scan("viewed solitaire engagement rings twice").hits(LIFE_EVENTS["wedding"])


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Your basket's changed lately: fewer six-packs, more oat milk and kombucha.", True),
        ("Your listening has really shifted this year. Here's a mix for the new you.", True),
        ("Your basket has changed: the blue mug is out of stock, so we swapped in the green one.", False),
    ],
)
def test_a_change_in_the_customers_habits_read_back_is_surveillance(text: str, flagged: bool) -> None:
    assert bool(findings(text, {}, rule="creepiness.surveillance")) is flagged


def test_the_customers_own_booking_read_from_the_record_is_not_watching() -> None:
    booked = "Our records show you're booked in with Dr. Imani Reyes on Tuesday 14 May at 9:40am for your check-up."
    assert findings(booked, {}, rule="creepiness") == []
    assert findings("Our records show you're due for a boiler service.", {}, rule="creepiness") == []
    watched = "Our records show you browsed our sofas 9 times at 1:40am."
    assert {f.rule_id for f in findings(watched, {}, rule="creepiness")} == {
        "creepiness.surveillance",
        "creepiness.exact_detail",
    }


def test_a_change_on_the_customers_account_reported_in_a_security_notice_is_not_an_echo() -> None:
    ctx = {"observed_signals": [{"kind": "app_usage", "detail": "profile 'Maya' created on device 'Living room TV'"}]}
    notice = (
        "A new profile called 'Maya' was added to your Juniper account today at 16:42, from the device named "
        "'Living room TV'. If you don't recognise it, change your password."
    )
    assert findings(notice, ctx, rule="creepiness.echoes_observed") == []
    # the same report in a message that sells: no notice the customer must get
    pitch = notice.replace("If you don't recognise it, change your password.", "Get 20% off Premium this week!")
    assert findings(pitch, ctx, rule="creepiness.echoes_observed")


def test_a_hard_stretch_put_on_the_customer_insinuates_a_struggle() -> None:
    (f,) = findings("It's been a heavy few months for you, hasn't it? Our candles help.", {}, rule="creepiness")
    assert f.rule_id == "creepiness.sensitive_inference"
    assert findings("It's been a busy few months for us at the bakery.", {}, rule="creepiness") == []


def test_watching_said_without_the_stock_verbs() -> None:
    said = [
        "We couldn't help noticing your card hasn't been scanned in 23 days.",
        "We've seen several payments to Riverside Fertility Center on your account this year.",
    ]
    for body in said:
        assert findings(body, {}, rule="creepiness.surveillance"), body
    # in a chat at the account, the hours of what was played are still watching; the account's state is not
    played = "Looking at your account activity, the Main profile played six episodes between 1am and 3am on Saturday."
    assert findings(played, {}, channel="chat", rule="creepiness.surveillance")
    # ...unless the customer asked who has been watching: then the hours answer the case
    case = {"support": {"open_case": True, "topic": "asked who has been watching on her account"}}
    assert findings(played, case, channel="chat", rule="creepiness") == []
    refund = "Looking at your account, I can see the refund went through on Monday."
    assert findings(refund, {}, channel="chat", rule="creepiness.surveillance") == []
    assert findings("We noticed a payment to Amazon that doesn't look like you.", {}, rule="creepiness") == []


def test_a_lapse_in_the_relationship_is_not_a_report_of_watching() -> None:
    lapse = "It's been a little while since you opened Kindling, so we've put a free week of Gold in your account."
    assert findings(lapse, {}, rule="creepiness.surveillance") == []
    assert findings("You opened Kindling 14 times last night.", {}, rule="creepiness.surveillance")


def test_coming_out_of_the_oven_is_not_coming_out() -> None:
    bread = "Fresh sourdough just came out of the oven at Crumb Market St. A free croissant with any loaf today."
    assert findings(bread, {}, channel="push") == []
    assert findings("Congrats on coming out! Here's 20% off Pride merch.", {}, channel="push", rule="privacy")


def test_a_size_range_from_newborn_is_not_a_pregnancy() -> None:
    assert not Scan("Sizes newborn to 3 years, 20% off until Sunday.").hits(SENSITIVE_RE["pregnancy"])
    assert not Scan("Bodysuits from newborn to 24 months.").hits(SENSITIVE_RE["pregnancy"])
    assert Scan("Everything your newborn needs in the first weeks.").hits(SENSITIVE_RE["pregnancy"])


def test_money_trouble_put_to_the_reader_is_a_finance_category() -> None:
    assert Scan("We know January is a tough month for your bank balance.").hits(SENSITIVE_RE["finances"])
    assert not Scan("January is a tough month for our staff, so replies may be slow.").hits(SENSITIVE_RE["finances"])


def test_the_bills_own_reading_is_not_watching_but_its_hour_is() -> None:
    bill = "Your bill is ready. We noticed your usage was about 20% higher than last month, typical in a cold snap."
    assert findings(bill, rule="creepiness.surveillance") == []
    hourly = "We noticed your usage was highest at 3am every night this week."
    assert findings(hourly, rule="creepiness.surveillance")


def test_what_the_customer_asked_to_hear_about_is_not_watching() -> None:
    ctx = {"stated_preferences": ["Spotted the Nordby oak table online Sunday night, email me if it goes on sale"]}
    body = "Good news: the Nordby oak dining table you were eyeing on Sunday night is now 15% off."
    assert findings(body, ctx, rule="creepiness.surveillance") == []
    assert findings(body, {}, rule="creepiness.surveillance")


def test_the_phones_contacts_read_by_the_app_are_watching() -> None:
    body = "Please note that we have access to the 312 contacts in your phone."
    assert findings(body, rule="creepiness.surveillance")
    assert findings("We never access the contacts in your phone.", rule="creepiness.surveillance") == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Hang in there, we know things have been tough for you mentally lately.", "mental_health"),
        ("No worries if it didn't fit, bodies change, especially after a baby.", "pregnancy"),
    ],
)
def test_a_state_put_to_the_reader_in_plain_words(text: str, category: str) -> None:
    assert Scan(text).hits(SENSITIVE_RE[category])


def test_tenure_with_the_brand_named_is_the_customers_own_account() -> None:
    body = "I can see you've been with Fernway for seven years, Amir, so let me check what loyalty pricing I can offer."
    assert findings(body, channel="chat", rule="creepiness.surveillance") == []
    assert findings("I can see you've been browsing our sofas for seven days.", channel="chat", rule="creepiness")


def test_workplace_monitoring_read_back_is_watching() -> None:
    body = "Heads up: today's screenshots show YouTube open for 22 min during work hours."
    assert findings(body, channel="push", rule="creepiness.surveillance")
    assert findings("Screenshots of the new dashboard show the redesign.", rule="creepiness.surveillance") == []


def test_the_time_of_the_customers_own_ticket_is_not_tracking() -> None:
    ctx = {"support": {"open_case": True, "topic": "no internet since 7am"}}
    body = "Sorry about the outage. I can see the ticket you opened this morning, and engineers are on site."
    assert findings(body, ctx, channel="chat", rule="creepiness.exact_detail") == []
    opened = "I can see you opened our email at 11:42 pm last night, so here's the offer again."
    assert findings(opened, ctx, channel="chat", rule="creepiness.exact_detail")


def test_the_customers_own_contact_with_us_is_not_watching() -> None:
    ctx = {"support": {"open_case": True, "topic": "broadband fault"}}
    body = "I can see you spoke to my colleague yesterday about the same router dropping out, so no need to repeat it."
    assert findings(body, ctx, channel="chat", rule="creepiness.surveillance") == []
    watched = "I can see you looked at our router upgrade page yesterday, so here it is again."
    assert findings(watched, ctx, channel="chat", rule="creepiness.surveillance")


def test_the_answer_to_a_data_access_request_lists_what_is_held() -> None:
    body = (
        "As you asked on 2 April, attached is a copy of the personal data Quillby holds about you:\n\n"
        "- your order history since 2019\n- the pages and products you viewed in our app over the last 12 months\n"
    )
    assert findings(body, rule="creepiness.surveillance") == []
    recited = "Still thinking it over?\n\n- the pages and products you viewed in our app over the last 12 months\n"
    assert findings(recited, rule="creepiness.surveillance")


def test_hardship_guessed_and_said_is_a_finance_category() -> None:
    said = "We thought you might be finding things hard at the moment, so help is available."
    assert Scan(said).hits(SENSITIVE_RE["finances"])
    assert not Scan("We think you'll find the new app easy to use.").hits(SENSITIVE_RE["finances"])


def test_a_credit_check_said_not_to_touch_the_score_is_a_reassurance() -> None:
    text = "Checking your rate in the app won't {} your credit score."
    assert findings(text.format("touch"), rule="creepiness.sensitive_inference") == []
    assert findings(
        "Worried about your credit score? Check your rate in the app.", rule="creepiness.sensitive_inference"
    )


def test_an_amount_spent_at_a_casino_read_back_is_money_data() -> None:
    ctx = {"observed_signals": [{"kind": "app_usage", "detail": "card spending: casino"}]}
    assert findings("You spent $860 at Lucky Star Casino last month?", ctx, rule="creepiness.sensitive_inference")
    assert findings("Stay 2 nights at Lucky Star Casino Resort?", ctx, rule="creepiness.sensitive_inference") == []


def test_an_absence_the_check_ins_show_said_back_is_watching() -> None:
    ctx = {"observed_signals": [{"kind": "app_usage", "detail": "no gym check-ins for 23 days"}]}
    assert findings(
        "Hey Mia! Haven't seen you at the gym in weeks, everything ok?", ctx, channel="sms", rule="creepiness.echoes"
    )
    assert (
        findings("Hey Mia! New spin classes at the gym from Monday.", ctx, channel="sms", rule="creepiness.echoes")
        == []
    )
    opens = {"observed_signals": [{"kind": "email_opens", "detail": "no opens in 6 months"}]}
    lapse = "We haven't seen you open one of our emails in a while, so we're going to pause them."
    assert findings(lapse, opens, rule="creepiness.echoes") == []


def test_an_order_s_own_items_listed_are_no_inference_shown() -> None:
    ctx = {**PREGNANT, "purchases": [{"category": "prenatal vitamins", "days_ago": 0}]}
    body = "Order BP-20931 left our pharmacy today.\n\nIn this parcel:\n- Prenatal multivitamin, 90 tablets\n- Lotion"
    assert findings(body, ctx, rule="creepiness.sensitive_inference") == []
    offer = "Order BP-20931 left our pharmacy today.\n\nFor your pregnancy:\n- 20% off prenatal multivitamins"
    assert findings(offer, ctx, rule="creepiness.sensitive_inference")


def test_where_the_reader_is_seen_is_location() -> None:
    ctx = {"observed_signals": [{"kind": "location", "detail": "phone away from home address", "days_ago": 0}]}
    text = "Parcelo: we can see you're not home right now. Want us to leave it with a neighbour? Reply YES"
    assert findings(text, ctx, channel="sms", rule="creepiness.location")
    paid = "Parcelo: we can see your parcel is at the depot. Want us to leave it with a neighbour? Reply YES"
    assert findings(paid, ctx, channel="sms", rule="creepiness.location") == []


def test_a_bills_due_date_is_no_pregnancy() -> None:
    ctx = {"stated_preferences": ["In chat: I'm behind on my card payments, what are my options?"]}
    bill = "A hardship plan can lower your minimum payment, or we can move your due date to line up with your payday."
    assert findings(bill, ctx, channel="chat", rule="creepiness.sensitive_inference") == []
    assert findings(bill, ctx, channel="push", rule="privacy.lock_screen") == []
    baby = "With your due date getting closer, we've made a bump-to-baby checklist for you."
    assert findings(baby, PREGNANT, rule="creepiness.sensitive_inference")


def test_hardship_the_customer_raised_is_stated_money_trouble() -> None:
    ctx = {"support": {"open_case": True, "topic": "payment hardship"}}
    text = "I'm sorry money is tight for you at the moment. Here are the two plans we can offer."
    assert findings(text, ctx, channel="chat", rule="creepiness.sensitive_inference") == []
    assert findings(text, {}, channel="chat", rule="creepiness.sensitive_inference")


def test_a_pay_figure_put_to_the_reader_is_money_data() -> None:
    ctx = {
        "consent": {"third_party_data": True},
        "observed_signals": [{"kind": "third_party", "detail": "income verification data: $86,000/yr"}],
    }
    text = "With a salary of $86,000 at Meridian Health, you can easily afford the Altima SV at $489 a month."
    assert findings(text, ctx, rule="creepiness.sensitive_inference")
    assert findings("The Altima SV is $489 a month with $0 down.", ctx, rule="creepiness.sensitive_inference") == []


def test_a_money_struggle_claimed_as_the_readers_experience() -> None:
    text = "Juggling bills, you know how fast the end of the month sneaks up. Get up to $500 today."
    assert findings(text, rule="creepiness.sensitive_inference")
    assert findings("Get up to $500 today, repaid on your next payday.", rule="creepiness.sensitive_inference") == []


def test_a_sexual_health_euphemism_put_to_the_reader() -> None:
    text = "Vigor+ blends maca and zinc to help you get your confidence back where it counts."
    assert findings(text, {"age_band": "55-64"}, rule="creepiness.sensitive_inference")
    sport = "Our new boots help you keep your footing where it counts."
    assert findings(sport, {"age_band": "55-64"}, rule="creepiness.sensitive_inference") == []


@pytest.mark.parametrize("text", ["Missed your Klarna payment on the 3rd?", "We saw you missed the March payment."])
def test_a_missed_payment_named_by_lender_or_month_is_money_data(text: str) -> None:
    assert Scan(text).hits(SENSITIVE_RE["finances"])
    assert findings(text, channel="push", rule="privacy.lock_screen")


def test_the_household_counted_on_the_account_is_watching() -> None:
    ctx = {"observed_signals": [{"kind": "app_usage", "detail": "3 distinct profiles streaming from 2 addresses"}]}
    text = "We've spotted 3 different people watching on your account. Add them as extra members for £4.99 each."
    assert findings(text, ctx, channel="push", rule="creepiness.surveillance")
    new = "A new device signed in to your account today. Not you? Change your password."
    assert findings(new, ctx, channel="push", rule="creepiness.surveillance") == []


def test_the_card_as_witness_and_a_household_income_bought_in() -> None:
    text = "Your FreshCart card tells us oat milk is your Tuesday ritual. Grab 2 for $5 this week."
    assert findings(text, channel="push", rule="creepiness.surveillance")
    assert findings("Your FreshCart card gets you 2 for $5 this week.", channel="push", rule="creepiness") == []
    broker = {"inferred_attributes": [{"attribute": "household_income_150k_plus", "source": "data_broker"}]}
    income = "Data from Acxiom puts your household income at $150,000 or more, so you're invited."
    assert findings(income, broker, rule="creepiness.sensitive_inference")


def test_the_callers_accent_or_mood_read_off_their_voice() -> None:
    accent = "Our system has detected a regional accent. To help our assistant understand you, please speak slowly."
    assert findings(accent, channel="ivr", rule="creepiness.surveillance")
    assert findings(accent, channel="ivr", rule="stereotyping.assumed_origin")
    mood = "Thank you for calling. We've detected some stress in your voice, so we'll put you straight through."
    assert findings(mood, channel="ivr", rule="creepiness.surveillance")
    assert findings("Our new voice assistant understands every accent, from Cork to Cardiff.") == []


def test_a_list_left_open_to_any_reason_claims_nothing() -> None:
    open_list = "Fasting for Ramadan, Lent or another reason? Our pharmacists can help anyone plan medication timing."
    assert findings(open_list, rule="creepiness.sensitive_inference") == []
    assert findings(
        "Fasting for Ramadan this month? Our pharmacists can help you.", rule="creepiness.sensitive_inference"
    )


def test_spending_at_a_kind_of_place_counted_back_is_watching_unless_asked_for() -> None:
    bars = "Tallyo: $142 on bars this month across 6 visits. Want to set a cap before the weekend?"
    assert findings(bars, channel="push", rule="creepiness.surveillance")
    asked = {"stated_preferences": ["alert me about my spending on bars each month"]}
    assert findings(bars, asked, channel="push", rule="creepiness.surveillance") == []


def test_a_did_you_know_question_tells_a_fact() -> None:
    fact = "Did you know store-brand pain relievers and allergy tablets work the same, often for half the price?"
    assert findings("Hi Rosa,\n\n" + fact, rule="creepiness.sensitive_inference") == []
    assert findings(
        "Hi Rosa,\n\nIs your arthritis playing up again this winter?", rule="creepiness.sensitive_inference"
    )


def test_workplace_idle_time_read_back_is_watching() -> None:
    body = "WorkPulse: you've been idle for 47 minutes since 14:02. Your manager can see this. Get back on task!"
    assert findings(body, channel="push", rule="creepiness.surveillance")


def test_mobility_needs_guessed_and_put_to_the_reader() -> None:
    guessed = {"inferred_attributes": [{"attribute": "mobility_impairment", "source": "video interview analysis"}]}
    body = "Dear Jonah,\n\nGiven your mobility needs, we've arranged step-free access via the Wharf Street entrance."
    assert findings(body, guessed, rule="creepiness.sensitive_inference")
    offer = "Dear Jonah,\n\nIf you have any access or mobility needs on the day, reply and we'll arrange them."
    assert findings(offer, guessed, rule="creepiness.sensitive_inference") == []


def test_a_tally_of_what_the_customer_bought() -> None:
    bought = {"purchases": [{"category": "takeaway", "days_ago": 3}]}
    (f,) = findings(
        "That's 23 chicken katsu curries this year, Leo! Make it 24 tonight.",
        bought,
        channel="push",
        rule="creepiness.counted_purchases",
    )
    assert f.quote == "23 chicken katsu curries this year" and f.severity == 3
    again = "Dinner for one again? That's 7 solo orders this week."
    assert findings(again, bought, rule="creepiness.counted_purchases")


@pytest.mark.parametrize(
    "body",
    [
        "Amazing, Kai! That's 10 classes this month - a new personal best.",
        "That's 12 new titles this month on our crime shelf.",
        "That's 2 cakes this week, all homemade by our bakers.",
    ],
)
def test_progress_news_and_small_counts_are_no_tally(body: str) -> None:
    bought = {"purchases": [{"category": "class pack", "days_ago": 3}]}
    assert findings(body, bought, rule="creepiness.counted_purchases") == []


def test_a_tally_with_nothing_bought_on_file_is_no_tally() -> None:
    assert findings("That's 23 chicken katsu curries this year!", {}, rule="creepiness.counted_purchases") == []


@pytest.mark.parametrize(
    ("body", "attribute"),
    [
        ("Your routine for fine lines is ready.", "visible_fine_lines"),
        ("The Linen Wrap Dress is back in stock in your size, UK 16.", "dress_size_uk16"),
        ("Now you're recently divorced, treat yourself to a city break.", "recently_divorced"),
    ],
)
def test_an_inference_said_back_in_its_own_words(body: str, attribute: str) -> None:
    context = {"inferred_attributes": [{"attribute": attribute, "source": "automated photo analysis"}]}
    (f,) = findings(body, context, rule="creepiness.echoes_inferred")
    assert f.severity == 3


def test_an_inference_the_customer_stated_or_the_message_does_not_address_is_not_said_back() -> None:
    context = {
        "inferred_attributes": [{"attribute": "visible_fine_lines", "source": "selfie"}],
        "stated_preferences": ["worried about fine lines around my eyes"],
    }
    assert findings("Your routine for fine lines is ready.", context, rule="creepiness.echoes_inferred") == []
    unsaid = {"inferred_attributes": [{"attribute": "visible_fine_lines", "source": "selfie"}]}
    news = "Our lab published a study on fine lines and sleep."
    assert findings(news, unsaid, rule="creepiness.echoes_inferred") == []


def test_help_managing_a_condition_named_from_a_diet_insinuates_it() -> None:
    bought = {"purchases": [{"category": "gluten-free bread", "days_ago": 4}]}
    body = "We thought you'd like a hand managing coeliac disease day to day."
    assert findings(body, bought, rule="creepiness.sensitive_inference")
    label = "Our free-from range is certified safe for people with coeliac disease."
    assert findings(label, bought, rule="creepiness.sensitive_inference") == []


def test_a_routine_counted_back_to_the_reader() -> None:
    body = "RailFlex: you've taken the 07:12 from Hadley every weekday for 6 weeks - a season ticket would save £40."
    assert findings(body, {}, channel="push", rule="creepiness.surveillance")
    streak = "You've meditated every day for 30 days: amazing streak!"
    assert findings(streak, {}, channel="push", rule="creepiness.surveillance") == []
