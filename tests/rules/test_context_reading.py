"""Rules that read the draft against the context: what was observed, stated, asked for or on file."""

from typing import Any

import pytest

from reviewer.models import CustomerContext
from reviewer.rules._context import sensitive_basis
from tests.conftest import findings


def signal(kind: str, detail: str, **consent: bool) -> dict[str, Any]:
    return {"observed_signals": [{"kind": kind, "detail": detail, "days_ago": 1}], "consent": consent}


# --- creepiness.echoes_observed: saying back what was watched or bought in -------------------------------------


@pytest.mark.parametrize(
    ("text", "context", "severity"),
    [
        (
            "Still weighing up the walnut desk against the oak one?",
            signal("browsing", "viewed walnut desk, oak desk"),
            2,
        ),
        ("Still thinking about that kayak? It is 20% off.", signal("app_usage", "kayak page at 1am"), 2),
        ("You were looking at the kayak at 1:40am, so here it is again.", signal("browsing", "kayak page"), 3),
        ("Enjoy your coffee at Harbour Station, on us.", signal("location", "phone at Harbour Station"), 3),
        ("Happy birthday from all of us!", signal("third_party", "date of birth from data partner"), 3),
        (
            "Happy birthday from all of us!",
            signal("third_party", "date of birth from data partner", third_party_data=False),
            4,
        ),
    ],
)
def test_echoed_observations(text: str, context: dict[str, Any], severity: int) -> None:
    found = findings(text, context, rule="creepiness.echoes_observed")
    assert [f.severity for f in found] == [severity]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # recommending from browsing without saying why is fine
        ("The walnut desk is back in stock.", signal("browsing", "viewed walnut desk")),
        # a basket reminder names what the customer put there
        ("Your walnut desk is still in your basket.", signal("browsing", "added walnut desk to basket")),
        # the customer told us, or bought it
        (
            "Your walnut desk ships Monday.",
            {**signal("browsing", "viewed walnut desk"), "purchases": [{"category": "walnut desk"}]},
        ),
        (
            "You're near Harbour Station recycling centre: open till 8pm.",
            {
                **signal("location", "near Harbour Station recycling centre"),
                "stated_preferences": ["notify me near a recycling centre"],
            },
        ),
        # a usage notice states a number, not a behaviour
        ("You've used 16GB of your 20GB allowance.", signal("app_usage", "16GB of 20GB used")),
    ],
)
def test_not_an_echo(text: str, context: dict[str, Any]) -> None:
    assert findings(text, context, rule="creepiness.echoes_observed") == []


# --- creepiness.location and surveillance: what is on file, and idioms --------------------------------------------


def test_the_region_on_file_is_not_a_live_location() -> None:
    on_file = {"region": "Riverside", "address": "118 Magnolia Ave, Riverside, CA"}
    assert findings("Since you're in Riverside, drop into our showroom.", on_file, rule="creepiness.location") == []
    assert findings("Since you're in Denver, drop into our showroom.", on_file, rule="creepiness.location")


def test_a_roaming_welcome_that_sells_nothing_is_minor() -> None:
    roaming = signal("location", "roaming on a French network")
    notice = findings(
        "Welcome to France. Calls and data come out of your allowance.", roaming, rule="creepiness.location"
    )
    promo = findings("Welcome to France. 20% off our travel pack today!", roaming, rule="creepiness.location")
    assert [f.severity for f in notice] == [1] and [f.severity for f in promo] == [2]


def test_a_win_back_greeting_is_not_surveillance() -> None:
    assert findings("It's been a while since we've seen you at the gym.", rule="creepiness.surveillance") == []
    assert findings("We've seen you at the gym every morning.", rule="creepiness.surveillance")


# --- stated means the customer said it: preferences and the case they opened ---------------------------------------


def test_a_family_member_named_in_the_customers_own_case_is_stated() -> None:
    case = {"support": {"open_case": True, "topic": "add my daughter as a named driver"}}
    text = "I've added your daughter as a named driver from 1 September."
    assert findings(text, case, rule="stereotyping.household") == []
    assert findings(text, {"support": {"open_case": True, "topic": "change of address"}}, rule="stereotyping.household")


def test_a_title_the_customer_used_for_someone_is_stated() -> None:
    context = {
        "name": {"last": "Whitaker"},
        "salutation": "Mr.",
        "stated_preferences": ["for me and my wife (Mrs. Whitaker)"],
    }
    assert findings("Dear Mr. and Mrs. Whitaker,", context, rule="stereotyping.honorific") == []
    assert findings(
        "Dear Mr. and Mrs. Whitaker,",
        {"name": {"last": "Whitaker"}, "salutation": "Mr."},
        rule="stereotyping.honorific",
    )


# --- stereotyping: help decided from age; group generalisations -------------------------------------------------


def test_help_decided_from_age_alone() -> None:
    older = {"age_band": "75+"}
    decided = "From next month your statements will come in large print."
    assert findings(decided, older, rule="stereotyping.assumed_need")
    assert findings(decided, {"age_band": "35-44"}, rule="stereotyping.assumed_need") == []
    assert (
        findings(decided, {**older, "stated_preferences": ["I need large print"]}, rule="stereotyping.assumed_need")
        == []
    )
    offered = "Large-print statements are available to anyone on request."
    assert findings(offered, older, rule="stereotyping.assumed_need") == []


# --- overreach: frequency, feedback asks, opt-outs, data requests, lists ----------------------------------------


def test_far_past_the_frequency_limit_even_without_sale_words() -> None:
    many = {"contact_history": {"messages_last_7_days": 12}}
    assert findings("Season two of Cold Harbour is here.", many, rule="overreach.frequency")
    assert findings("Your order has shipped.", many, rule="overreach.frequency") == []
    assert findings("Season two of Cold Harbour is here.", {"contact_history": {"messages_last_7_days": 2}}) == []


@pytest.mark.parametrize(
    "text",
    ["Double points on every order this weekend.", "Strawberries are 2 for £4 this week.", "Now only £19 for members."],
)
def test_offers_without_sale_words_are_promotions(text: str) -> None:
    assert findings(text, {"consent": {"marketing_sms": False}}, channel="sms", rule="overreach.consent")


def test_cancelling_free_is_not_an_offer() -> None:
    text = "Spin class tomorrow at 6:30am. Cancel free until 8pm tonight in the app."
    assert findings(text, {"consent": {"marketing_sms": False}}, channel="sms", rule="overreach.consent") == []


def test_surveys_and_review_sites_count_as_feedback_asks() -> None:
    text = "Please take our two-minute guest survey. And leave us a review on Tripadvisor!"
    assert findings(text, rule="overreach.feedback_requests")


def test_a_stated_topic_opt_out_in_another_word_form() -> None:
    opted = {"stated_preferences": ["Please don't send me vaccine reminders"]}
    assert findings("This month we're offering flu vaccinations in store.", opted, rule="overreach.opted_out")


def test_honouring_a_stated_preference_is_not_ignoring_it() -> None:
    prefs = {"stated_preferences": ["Feather allergy - no down pillows"]}
    text = "You asked for feather-free bedding, so your room has hypoallergenic pillows."
    assert findings(text, prefs, rule="overreach.opted_out") == []


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("Reply with your National Insurance number to enter the draw.", 4),
        ("Please send me the code for your key safe so the driver can get in.", 4),
    ],
)
def test_secrets_asked_for(text: str, severity: int) -> None:
    assert [f.severity for f in findings(text, rule="overreach.data_request")] == [severity]


def test_identity_checks_on_the_phone_keypad() -> None:
    text = "To find your policy, please key in your date of birth as eight digits."
    assert findings(text, channel="ivr", rule="overreach.data_request") == []


def test_an_order_confirmation_list_is_not_suggestions() -> None:
    order = "Thanks for your order. Here's what's coming:\n" + "\n".join(f"- Item {i}" for i in range(8))
    assert findings(order, rule="overreach.too_many_suggestions") == []
    picks = "Picked for you this week:\n" + "\n".join(f"- Item {i}" for i in range(8))
    assert findings(picks, rule="overreach.too_many_suggestions")


# --- privacy: account references ------------------------------------------------------------------------------


def test_a_bare_account_reference_is_not_a_bank_account_number() -> None:
    assert findings("Northgate Energy · Account 40018822 · Help centre", rule="privacy.exposed_number") == []
    assert findings("Your account number is 40018822.", rule="privacy.exposed_number")
    assert findings("Transfer to savings account 40018822 by Friday.", rule="privacy.exposed_number")


def test_greeting_a_caller_by_surname_and_reading_the_balance_assumes_the_account_holder() -> None:
    context = {"name": {"first": "Sami", "last": "Haddad"}, "observed_signals": [{"kind": "caller_id"}]}
    text = "Welcome back, Mr. Haddad. Your current balance is two hundred pounds."
    assert findings(text, context, channel="ivr", rule="stereotyping.account_holder")
    checked = "To protect your account, please key in your passcode. Thank you, Mr. Haddad."
    assert findings(checked, context, channel="ivr", rule="stereotyping.account_holder") == []
    # the open case says the caller passed the check: "SIM swap - caller verified"
    case = {
        "name": {"first": "Sami", "last": "Haddad"},
        "support": {"open_case": True, "topic": "SIM swap - caller verified"},
    }
    assert findings(text, case, channel="ivr", rule="stereotyping.account_holder") == []
    unchecked = {**case, "support": {"open_case": True, "topic": "SIM swap - caller not verified"}}
    assert findings(text, unchecked, channel="ivr", rule="stereotyping.account_holder")


def test_where_a_safe_channel_is_named_decides_the_ask() -> None:
    ask = "Please say the password you use to log in, then your date of birth."
    assert findings(ask, channel="ivr", rule="overreach.data_request")
    safe = "Log in to the app to update your date of birth."
    assert findings(safe, rule="overreach.data_request") == []
    warning = "Never share your password with anyone, even us."
    assert findings(warning, rule="overreach.data_request") == []


def test_a_stated_count_of_picks() -> None:
    assert findings("Here are 12 gadgets he'll love.", rule="overreach.too_many_suggestions")
    assert findings("Here are 3 ways to save.", rule="overreach.too_many_suggestions") == []
    assert findings("Check out 15 minutes of new content.", rule="overreach.too_many_suggestions") == []


def test_near_identical_picks_separated_by_dots() -> None:
    text = "Knit Throw in Dove Grey · Knit Throw in Slate · Knit Throw in Ash · Knit Throw in Fog. Shop now!"
    assert findings(text, rule="overreach.too_many_suggestions")


def test_a_review_asked_during_an_open_complaint() -> None:
    text = "Your replacement sofa arrives Tuesday. Would you share a quick review?"
    complaint = {"support": {"open_case": True, "topic": "sofa arrived damaged"}}
    assert findings(text, complaint, rule="overreach.feedback_requests")
    assert findings(text, rule="overreach.feedback_requests") == []


@pytest.mark.parametrize(
    "text",
    [
        "Hey legend, your statement is ready.",
        "Was it something we said? Your quote expires soon.",
        "Bring a friend for free this week.",
    ],
)
def test_tone_and_pressure_without_stock_words(text: str) -> None:
    context = {"relationship": {"involvement": "low"}, "consent": {"marketing_email": False}}
    assert findings(text, context, rule="overreach")


def test_stated_titles_generic_addressees_and_signatures() -> None:
    assert findings("Dear Rev. Thompson,\nThank you.", {"name": {"last": "Thompson"}, "salutation": "Rev."}) == []
    parent = {"name": {"first": "Yasmin", "last": "Khan"}}
    letter = "Dear Parent/Carer of Aisha,\nThe trip is on Wednesday.\n\nBest wishes,\nMrs. Collins\nYear 4 teacher"
    assert findings(letter, parent) == []


def test_an_inclusive_greeting_in_the_body_covers_the_subject() -> None:
    text = "To everyone celebrating: our restaurants are open as usual, with a sharing platter."
    assert findings(text, subject="Eid Mubarak from Spice Route", rule="stereotyping.assumed_culture") == []
    guessed = {"inferred_attributes": [{"attribute": "religion: Muslim", "source": "name-origin model"}]}
    assert findings(
        "Our sharing platter is back.", guessed, subject="Eid Mubarak!", rule="stereotyping.assumed_culture"
    )


def test_a_festival_campaign_to_the_whole_list_presumes_nothing() -> None:
    campaign = "Lunar New Year begins January 29: our Prosperity Tin is back, $42."
    assert findings(campaign, {"name": {"first": "Michael"}}, rule="stereotyping.assumed_culture") == []
    guessed = {"inferred_attributes": [{"attribute": "ethnicity_east_asian", "source": "surname model"}]}
    assert findings(campaign, guessed, rule="stereotyping.assumed_culture")
    assert findings("Happy Diwali, Priya! Lamps are 20% off.", {"name": {"first": "Priya"}}, rule="stereotyping")


def test_keeping_to_a_preference_names_its_topic() -> None:
    prefs = {"stated_preferences": ["Feather allergy - no feather pillows"]}
    noted = "We've noted your requests:\n- Feather-free pillows and duvet\n- Late arrival"
    assert findings(noted, prefs, rule="overreach.opted_out") == []


@pytest.mark.parametrize(
    "text",
    [
        "To set up your card we need a few details: your full date of birth, your home address and your mobile.",
        "Complete your traveller profile with your passport number and expiry date.",
        "Just reply with any diagnoses you have and the medications you take.",
        "Tell us a little more:\n- your monthly take-home pay\n- your favourite colour",
        "One more thing:\n- whether anyone in your household has a disability",
    ],
)
def test_data_asked_for_in_many_shapes(text: str) -> None:
    assert findings(text, rule="overreach.data_request")


def test_form_lines_that_ask_for_nothing_sensitive() -> None:
    text = "Please have ready:\n- your order number\n- your delivery address"
    assert findings(text, rule="overreach.data_request") == []
    assert findings("We need your date of birth to verify your identity.", rule="overreach.data_request") == []


@pytest.mark.parametrize(
    "text",
    [
        "Stock up on your Caribbean favourites this weekend.",
        "Coming from a big Irish family, you'll love our sharing platters.",
        "Many of our Nigerian students struggle with academic English.",
        "Because you may prefer to avoid interest for religious reasons, we picked this account.",
    ],
)
def test_origin_or_faith_decided_for_the_customer(text: str) -> None:
    assert findings(text, rule="stereotyping.assumed_origin")


def test_an_origin_the_customer_stated() -> None:
    stated = {"stated_preferences": ["I'm Irish and love a good stew"]}
    assert (
        findings("Coming from a big Irish family, you'll love this.", stated, rule="stereotyping.assumed_origin") == []
    )
    assert findings("Our Caribbean menu is back this weekend.", rule="stereotyping.assumed_origin") == []


def test_what_the_customer_said_is_fine_on_the_lock_screen() -> None:
    fine = {"stated_preferences": ["Fine to name my medicines in notifications"]}
    text = "Your sertraline 50mg is ready to collect at Kings Rd."
    assert findings(text, fine, channel="push", rule="privacy.lock_screen") == []
    assert findings(text, channel="push", rule="privacy.lock_screen")
    # an alert asked for covers the notice, not the medicine's name, unless the customer named it themselves
    alert = {"stated_preferences": ["Text me when my repeat prescription is ready"]}
    assert findings(text, alert, channel="sms", rule="privacy.lock_screen")
    assert (
        findings("Your repeat prescription is ready to collect.", alert, channel="sms", rule="privacy.lock_screen")
        == []
    )
    named = {"stated_preferences": ["Text me when my sertraline is ready"]}
    assert findings(text, named, channel="sms", rule="privacy.lock_screen") == []
    offers = {"stated_preferences": ["I'm pregnant - happy to get pregnancy and baby offers by text"]}
    promo = "20% off prenatal vitamins and newborn essentials this week."
    assert findings(promo, offers, channel="sms", rule="privacy.lock_screen") == []


@pytest.mark.parametrize(
    "text",
    [
        "Get 50GB extra for £5 a month, this weekend only.",
        "Double XP weekend starts Friday!",
        "Free delivery for the next hour!",
    ],
)
def test_more_offer_shapes(text: str) -> None:
    assert findings(text, {"consent": {"marketing_sms": False}}, channel="sms", rule="overreach.consent")


def test_a_baby_is_not_a_new_arrival_in_stock() -> None:
    text = "Congratulations on the new arrival! I've added Isla to your policy."
    assert (
        findings(text, {"support": {"open_case": True}}, channel="chat", rule="overreach.upsell_during_support") == []
    )


def test_a_regional_name_in_any_greeting() -> None:
    assert findings("Howdy, Texan! Swap those boots for trainers.", {"region": "Texas"}, rule="stereotyping.regional")
    assert (
        findings("Howdy, Sam! Swap those boots for trainers.", {"region": "Texas"}, rule="stereotyping.regional") == []
    )


@pytest.mark.parametrize(
    ("text", "channel", "context", "flagged"),
    [
        # items deep in a sentence that asks for them
        ("Could you send me a photo of your front door and the 4-digit code for your key safe?", "chat", {}, True),
        ("For the transfer I'll also need the code we texted you and your four-digit voicemail PIN.", "chat", {}, True),
        ("Please type the full 16-digit number on your card and the expiry date.", "chat", {}, True),
        (
            "Please complete your reader profile: your date of birth, marital status, household income.",
            "email",
            {},
            True,
        ),
        # the same shapes that are not asks for the customer's own data, or that a check or a case needs
        ("You'll need your passport, which must be valid for three months.", "email", {}, False),
        ("The new amount and our bank details are below; please update your standing order.", "email", {}, False),
        ("Please let us know if you no longer pay enough income tax to cover Gift Aid.", "email", {}, False),
        ("Could you tell me the first line of your address and your date of birth, please?", "chat", {}, False),
        ("Please upload a photo of your driver's license in the Fairhaven app under Application.", "email", {}, False),
        (
            "Could you confirm your gross annual income and your monthly rent?",
            "chat",
            {"support": {"open_case": True, "topic": "personal loan application, step 3"}},
            False,
        ),
        (
            "Could you reply with your religion and whether you plan to have children?",
            "email",
            {"support": {"open_case": True, "topic": "tenancy application"}},
            True,
        ),
    ],
)
def test_data_asked_further_into_a_sentence(text: str, channel: str, context: dict[str, object], flagged: bool) -> None:
    assert bool(findings(text, context, channel=channel, rule="overreach.data_request")) is flagged


def test_an_identity_check_announced_in_the_sentence_before() -> None:
    text = "For your security we need to confirm it's you. Please enter your date of birth as six digits."
    assert findings(text, channel="ivr", rule="overreach.data_request") == []
    secret = "For your security we need to confirm it's you. After the tone, please say your account password."
    assert findings(secret, channel="ivr", rule="overreach.data_request")


@pytest.mark.parametrize(
    ("said", "stated"),
    [
        ("I am pregnant with twins!", True),
        ("I'm not pregnant, the baby things were a gift", False),
        ("We are no longer expecting", False),
    ],
)
def test_a_statement_that_denies_a_category_states_nothing(said: str, stated: bool) -> None:
    context = CustomerContext.model_validate({"stated_preferences": [said]})
    assert (sensitive_basis(context, "pregnancy") == "stated") is stated


def test_a_pregnancy_the_customer_denied_is_still_claimed() -> None:
    text = "Congratulations on your pregnancy! Shop our maternity range."
    denied = {"stated_preferences": ["I'm not pregnant, the baby items were a gift"]}
    assert findings(text, denied, rule="creepiness.sensitive_inference")
    assert (
        findings(text, {"stated_preferences": ["I'm pregnant with twins"]}, rule="creepiness.sensitive_inference") == []
    )


def test_data_a_rule_requires_is_asked_for_with_its_reason() -> None:
    body = (
        "Your flight PL204 to Toronto departs on Saturday. Canadian authorities require Advance Passenger Information "
        "for every traveller. Please add your passport number and nationality in Manage My Booking before you fly."
    )
    assert findings(body, rule="overreach.data_request") == []
    bare = "Your flight PL204 to Toronto departs on Saturday. Please add your passport number and nationality."
    assert findings(bare, rule="overreach.data_request")


@pytest.mark.parametrize(
    "detail", ["outbound to household landline; answering machine", "inbound call from number on file (shared line)"]
)
def test_a_call_to_a_shared_line_is_heard_by_whoever_answers(detail: str) -> None:
    text = "Hi Denise, this is Corbel Pharmacy. Your refill is ready for pickup. Call us at 555-0142."
    shared = {"name": {"first": "Denise"}, "observed_signals": [{"kind": "caller_id", "detail": detail}]}
    (f,) = findings(text, shared, channel="ivr", rule="stereotyping.account_holder")
    assert f.quote == "Denise" and f.severity == 2
    own = {"name": {"first": "Denise"}, "observed_signals": [{"kind": "caller_id", "detail": "outbound to mobile"}]}
    assert findings(text, own, channel="ivr", rule="stereotyping.account_holder") == []
    # a message that says whom it is for, and leaves no details, asks for the customer instead of assuming them
    for_her = "Hello, this is Corbel Pharmacy with a message for Denise Harper. Please call us back on 555-0142."
    assert findings(for_her, shared, channel="ivr", rule="stereotyping.account_holder") == []


def test_a_caller_told_their_identity_is_confirmed_has_been_checked() -> None:
    caller = {"name": {"first": "Dana"}, "observed_signals": [{"kind": "caller_id", "detail": "inbound call"}]}
    amounts = "Your payment of $85.00 was received on June 2. Your next payment of $85.00 is due on July 1."
    checked = "Thank you, your identity has been confirmed. " + amounts
    assert findings(checked, caller, channel="ivr", rule="privacy.disclosed_to_caller") == []
    assert findings("Thank you for calling. " + amounts, caller, channel="ivr", rule="privacy.disclosed_to_caller")
