import pytest

from tests.conftest import findings


@pytest.mark.parametrize("number", ["4111 1111 1111 1111", "4111-1111-1111-1111", "5500005555555559"])
def test_full_card_number_is_flagged_and_masked(number: str) -> None:
    (f,) = findings(f"Your card {number} was charged.", rule="privacy.exposed_number")
    assert f.severity == 4 and f.suggestion and f.suggestion.endswith(number[-4:])


def test_non_luhn_digits_are_not_a_card() -> None:
    assert findings("Tracking 4111 1111 1111 1112 is on its way.", rule="privacy.exposed_number") == []


def test_iban_ssn_and_account_numbers() -> None:
    text = "IBAN GB82 WEST 1234 5698 7654 32, SSN 123-45-6789, account number 12345678."
    quotes = {f.quote for f in findings(text, rule="privacy.exposed_number")}
    assert {"GB82 WEST 1234 5698 7654 32", "123-45-6789", "12345678"} <= quotes


def test_masked_numbers_are_fine() -> None:
    assert findings("Card ending in 1111, account ••••5678.", rule="privacy") == []


def test_password_in_clear() -> None:
    (f,) = findings("Your temporary password is Hunter22 so log in soon.", rule="privacy.credential")
    assert f.quote == "Hunter22" and f.severity == 4


def test_one_time_codes_are_not_credentials() -> None:
    assert findings("Your verification code is 123456.", rule="privacy") == []


def test_sensitive_detail_on_lock_screen_channels() -> None:
    sms = findings("Your HIV test results are ready.", channel="sms", rule="privacy.lock_screen")
    assert {f.quote for f in sms} == {"HIV"}
    assert findings("Your HIV test results are ready.", channel="email", rule="privacy.lock_screen") == []


def test_a_cause_the_sender_backs_is_not_the_readers_secret_on_the_lock_screen() -> None:
    pride = (
        "Pride month at Ferncastle Books: 20% of June sales go to local LGBTQ+ charities. Find the display in store."
    )
    assert findings(pride, channel="push", rule="privacy.lock_screen") == []
    assert findings("Your LGBTQ+ dating profile got 3 new likes.", channel="push", rule="privacy.lock_screen")


def test_a_pickup_notice_that_names_nothing_is_fine_on_the_lock_screen() -> None:
    for text in ("Your prescription is ready to collect at our Mill Road branch.", "Your test results are ready."):
        assert findings(text, channel="sms", rule="privacy.lock_screen") == []
    # a doctor's practice by its name is a place, not a procedure
    for text in (
        "Greenway Surgery: reminder of your appointment on Mon 3 Jun at 09:20.",
        "Dr. Osei's surgery: your check-up is Tue 18th at 3pm.",
        "Flu jabs for patients aged 65 and over: book at hollybank-surgery.org",
    ):
        assert findings(text, channel="sms", rule="privacy.lock_screen") == [], text
    for text in (
        "Your knee surgery is booked for Tue 18th.",
        "Your Knee Surgery is booked for Tue 18th.",
        "Sore after Lakeview Oral Surgery? Ice packs are 20% off today.",
    ):
        assert findings(text, channel="sms", rule="privacy.lock_screen"), text


def test_a_pregnancy_the_customer_announced_is_theirs_to_see_on_the_lock_screen() -> None:
    push = "Week 30 already! Your third-trimester checklist is ready in the app."
    told = {"stated_preferences": ["Due in August - first baby!"]}
    assert findings(push, told, channel="push", rule="privacy.lock_screen") == []
    assert findings(push, channel="push", rule="privacy.lock_screen")
    condition = {"stated_preferences": ["I have COPD and need oxygen at the airport"]}
    assert findings("Oxygen for your COPD is booked.", condition, channel="sms", rule="privacy.lock_screen")


def test_words_about_the_world_are_not_the_customers_data() -> None:
    notice = "Our Bradford store opens until midnight throughout Ramadan."
    assert findings(notice, channel="push", rule="privacy.lock_screen") == []
    assert findings("Garden waste sign-ups open Monday, with 20 collections a year.", channel="push") == []
    assert findings("Your Ramadan fasting planner is ready.", channel="push", rule="privacy.lock_screen")


def test_lock_screen_rule_ignores_ordinary_sms() -> None:
    assert findings("Your parcel arrives today between 2 and 4 pm.", channel="sms", rule="privacy") == []


def test_a_number_named_a_card_is_a_card_whatever_its_checksum() -> None:
    (f,) = findings("Coastline Bank: card 4532 1189 0076 2231 is ready to use.", rule="privacy.exposed_number")
    assert f.severity == 4 and f.suggestion == "•••• 2231"


@pytest.mark.parametrize("code", ["CVV 212", "CVC: 4821", "security code 907"])
def test_a_card_security_code_is_flagged(code: str) -> None:
    (f,) = findings(f"Your new card, exp 09/28, {code} is on its way.", rule="privacy.exposed_number")
    assert f.quote == code and f.severity == 4


def test_asking_where_the_security_code_is_names_no_code() -> None:
    assert findings("Enter the CVV from the back of your card at checkout.", rule="privacy") == []


def test_a_stated_topic_the_customer_asked_for_on_this_channel_is_fine_on_the_lock_screen() -> None:
    ctx = {"stated_preferences": ["I'm pregnant, due in March - send me baby deals by push"]}
    assert findings("Pregnancy essentials are 20% off this week.", ctx, channel="push", rule="privacy") == []
    assert findings("Pregnancy essentials are 20% off this week.", {}, channel="push", rule="privacy")


def test_digits_inside_a_tracking_code_are_not_a_card() -> None:
    assert findings("Track it with UPS tracking number 1Z84W7710355218840.", rule="privacy.exposed_number") == []


def test_a_national_insurance_number_the_message_names_is_exposed() -> None:
    (f,) = findings("Your NI no. QQ123456C is on file.", rule="privacy.exposed_number")
    assert f.quote == "QQ123456C" and f.severity == 4 and f.suggestion == "•••• 456C"
    assert findings("Booking ref AB123456C confirmed.", rule="privacy.exposed_number") == []


def test_an_amount_read_to_a_caller_nobody_verified_is_disclosed() -> None:
    ctx = {"name": {"first": "Dana", "last": "Reyes"}}
    body = "Hello Dana. Your balance is two thousand, three hundred dollars and forty cents. Press 1 to pay."
    (f,) = findings(body, ctx, channel="ivr", rule="privacy.disclosed_to_caller")
    assert f.quote == "two thousand, three hundred dollars and forty cents" and f.severity == 2
    checked = "Thanks Dana, you're verified. Your bill of $84.20 is due Friday."
    assert findings(checked, ctx, channel="ivr", rule="privacy.disclosed_to_caller") == []
    menu = "Thanks for calling. To hear your balance, press 1."
    assert findings(menu, ctx, channel="ivr", rule="privacy.disclosed_to_caller") == []


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("Hello Gillian. Your last payment of 38 pounds was received on the 2nd.", "38 pounds"),
        ("Welcome back, Gillian. Your account balance is R1,240.50, due on the 28th.", "R1,240.50"),
        ("Welcome back, Gillian. You're calling about the overdue balance on your home loan.", "overdue"),
        ("Hello Gillian. You're calling about your claim for water damage at 14 Larch Close.", "14 Larch Close"),
    ],
)
def test_amounts_arrears_and_the_address_read_to_a_caller_nobody_verified(body: str, quote: str) -> None:
    ctx = {
        "name": {"first": "Gillian"},
        "address": "14 Larch Close, Reading RG2 8PL",
        "observed_signals": [{"kind": "caller_id", "detail": "incoming number matches policyholder"}],
    }
    assert [f.quote for f in findings(body, ctx, channel="ivr", rule="privacy.disclosed_to_caller")] == [quote]
    checked = f"Thank you for confirming your security details. {body.split('. ', 1)[1]}"
    assert findings(checked, ctx, channel="ivr", rule="privacy.disclosed_to_caller") == []


@pytest.mark.parametrize(
    "body",
    [
        "Late period, Imogen? Our tests are 2 for 1.",
        "Low mood lately? Try our sleep stories.",
        "So sorry for your loss.",
    ],
)
def test_cycles_moods_and_bereavement_on_the_lock_screen(body: str) -> None:
    assert findings(body, channel="push", rule="privacy.lock_screen")


def test_health_read_to_whoever_answered_is_disclosed() -> None:
    ctx = {
        "name": {"first": "Harold"},
        "observed_signals": [
            {"kind": "caller_id", "detail": "outbound call to landline; answered by unidentified person"}
        ],
    }
    body = "Hello Harold, this is Corner Care Pharmacy. Your refill of sertraline 50 milligrams is ready."
    (f,) = findings(body, ctx, channel="ivr", rule="privacy.disclosed_to_caller")
    assert f.quote == "sertraline"
    notice = "Hello Harold, this is Corner Care Pharmacy. Your prescription is ready for pickup."
    assert findings(notice, ctx, channel="ivr", rule="privacy.disclosed_to_caller") == []


@pytest.mark.parametrize(
    ("body", "term"),
    [
        ("Juniper Health: Your chlamydia test was positive. Log in to see next steps.", "chlamydia"),
        ("Reminder: your Oncology appointment is at 3pm tomorrow.", "Oncology"),
        ("Your claim for psychiatric care with Dr. Lin has been approved.", "psychiatric"),
        ("Your watch spotted a pattern that can be a sign of atrial fibrillation.", "atrial fibrillation"),
        ("TSH 8.2, consistent with hypothyroidism. Book a review.", "hypothyroidism"),
    ],
)
def test_conditions_named_outright_show_on_the_lock_screen(body: str, term: str) -> None:
    (f,) = findings(body, {}, channel="push", rule="privacy.lock_screen")
    assert f.quote == term
    assert findings(body, {}, channel="email", rule="privacy.lock_screen") == []


def test_a_clinic_reminder_of_the_customers_own_test_infers_nothing() -> None:
    reminder = "Northgate Clinic: reminder for your chlamydia retest tomorrow at 9:40."
    assert findings(reminder, {}, channel="sms", rule="creepiness.sensitive_inference") == []
    result = "Juniper Health: Your chlamydia test was positive. Log in to see next steps."
    assert findings(result, {}, channel="sms", rule="creepiness.sensitive_inference") == []


@pytest.mark.parametrize(
    ("body", "number"),
    [
        ("Your KYC is complete: Aadhaar 4821 7736 9054 is now linked.", "4821 7736 9054"),
        ("Your KYC is complete: PAN ABCPK4821L is now linked.", "ABCPK4821L"),
        ("Your tax receipt for SIN 046 454 286 is attached.", "046 454 286"),
        ("We received your form for PPS 7654321WA.", "7654321WA"),
        ("Balance alert: account 40-12-76 31926819 is now £82.10.", "40-12-76 31926819"),
        ("Credit alert: Rs 12,000 credited to account 50100234567891.", "50100234567891"),
    ],
)
def test_a_national_id_or_bank_account_written_out(body: str, number: str) -> None:
    (f,) = findings(body, {}, channel="sms", rule="privacy.exposed_number")
    assert f.quote == number and f.suggestion.startswith("••••")


@pytest.mark.parametrize(
    "body",
    [
        "Your Aadhaar XXXX XXXX 9054 is verified.",
        "Your SIN ending 286 is on file.",
        "Your passport is ready for collection at the Post Office.",
        "Your electricity account 40018822 is up to date.",
    ],
)
def test_a_masked_or_short_reference_is_no_exposed_number(body: str) -> None:
    assert findings(body, {}, channel="sms", rule="privacy.exposed_number") == []


def test_money_held_or_owed_on_a_lock_screen_unless_the_alert_was_asked_for() -> None:
    body = "Larkspur: good morning Marcus - savings $18,402.16, checking $312.40. Tap for recent activity."
    quotes = [f.quote for f in findings(body, channel="push", rule="privacy.lock_screen")]
    assert quotes == ["$18,402.16", "$312.40"]
    assert findings(body, channel="email", rule="privacy.lock_screen") == []
    asked = {"stated_preferences": ["text me low balance alerts"]}
    alert = "Low balance alert: your checking balance is $42.10."
    assert findings(alert, asked, channel="sms", rule="privacy.lock_screen") == []
    bill = "Cobalt Mobile: your May bill of $48.20 is ready, due Jun 14."
    assert findings(bill, channel="sms", rule="privacy.lock_screen") == []


def test_an_account_number_beside_an_investment_word_is_exposed() -> None:
    (f,) = findings("Brokerage account: 7730-118842", rule="privacy.exposed_number")
    assert f.quote == "7730-118842"


def test_a_card_number_read_out_digit_by_digit() -> None:
    text = "Your card number is 4 7 1 6, 0 2 3 8, 5 5 1 9, 3 0 0 4. Press 1 to repeat."
    (f,) = findings(text, channel="ivr", rule="privacy.exposed_number")
    assert f.suggestion == "•••• 3004"
    assert findings("Press 1, 2 or 3, then 4 for more options.", channel="ivr", rule="privacy.exposed_number") == []


def test_a_check_named_and_denied_leaves_the_caller_unverified() -> None:
    body = "Welcome back, Richard. Your balance is six hundred and forty-two pounds. Press 1 to pay."
    denied = {"kind": "caller_id", "detail": "shared landline matched to Richard's profile, no security check passed"}
    passed = {"kind": "caller_id", "detail": "caller passed the security check"}
    ctx = {"name": {"first": "Richard"}}
    assert findings(body, {**ctx, "observed_signals": [denied]}, channel="ivr", rule="privacy.disclosed_to_caller")
    assert (
        findings(body, {**ctx, "observed_signals": [passed]}, channel="ivr", rule="privacy.disclosed_to_caller") == []
    )


def test_news_about_many_people_shows_nobody_s_health() -> None:
    news = "Investigation: one in five women say they were pushed out of work after announcing a pregnancy."
    assert findings(news, channel="push", rule="privacy.lock_screen") == []
    own = "Your pregnancy scan results are ready: one in three parents book the 4D scan next."
    assert findings(own, channel="push", rule="privacy.lock_screen")


def test_a_check_tried_and_failed_leaves_the_caller_unverified() -> None:
    body = "Good morning, Mr. Osei. Your balance is ninety-one pounds twenty, due on the 3rd. Press 1 to pay."
    ctx = {"name": {"first": "Kwame", "last": "Osei"}, "salutation": "Mr."}

    def said(detail: str) -> list[str]:
        signals = [{"kind": "caller_id", "detail": detail}]
        return [f.quote for f in findings(body, {**ctx, "observed_signals": signals}, channel="ivr", rule="privacy")]

    assert said("family landline; voice ID did not match the account holder") == ["ninety-one pounds"]
    assert said("PIN check failed twice; transferred to the menu") == ["ninety-one pounds"]
    assert said("caller verified by voice ID") == []
    assert said("PIN check passed") == []


def test_what_a_chat_reads_out_after_taking_a_name_as_proof_is_disclosed() -> None:
    ctx = {"support": {"open_case": False, "topic": "guest chat, not signed in: card declined at a petrol station"}}
    body = (
        "Thanks, your name and postcode are all I need to access the account. I can see two transactions of "
        "$64.10 and $12.99 this morning, and the card limit is $2,000."
    )
    quotes = [f.quote for f in findings(body, ctx, channel="chat", rule="privacy.disclosed_to_caller")]
    assert quotes == ["$64.10", "$12.99", "$2,000"]
    checked = {**ctx, "observed_signals": [{"kind": "caller_id", "detail": "customer passed the security questions"}]}
    assert findings(body, checked, channel="chat", rule="privacy.disclosed_to_caller") == []


def test_an_order_named_by_the_festival_goods_the_customer_bought_is_theirs() -> None:
    sms = "Greenbaum's Deli: Your Passover order (2 boxes matzah, brisket for 8) is ready to collect Thu from 10am."
    bought = {"purchases": [{"category": "Passover catering order", "days_ago": 6}]}
    assert findings(sms, bought, channel="sms", rule="privacy.lock_screen") == []
    guessed = {"inferred_attributes": [{"attribute": "religion_jewish", "source": "surname model"}]}
    assert findings(sms, guessed, channel="sms", rule="privacy.lock_screen")
    assert findings(sms, bought, channel="sms", rule="stereotyping.assumed_culture") == []
    offer = "Greenbaum's Deli: Passover is coming! 20% off seder plates this week."
    assert findings(offer, {**bought, **guessed}, channel="sms", rule="stereotyping.assumed_culture")


def test_an_alert_the_customer_told_us_to_show_is_theirs() -> None:
    body = "Lunara: your fertile window opens tomorrow."
    asked = {"stated_preferences": ["Show my fertile-window reminders in notifications"]}
    assert findings(body, asked, channel="push", rule="privacy.lock_screen") == []
    assert findings(body, {"stated_preferences": ["Don't show my fertile window"]}, channel="push", rule="privacy")


def test_details_on_the_lock_screen_after_discretion_was_asked_ignore_it() -> None:
    body = "Lunara: your fertile window opens tomorrow."
    asked = {"stated_preferences": ["Keep notifications discreet, no cycle details on my lock screen"]}
    (f,) = findings(body, asked, channel="push", rule="overreach.ignored_discretion")
    assert f.quote == "fertile window" and f.severity == 3
    assert findings(body, {}, channel="push", rule="overreach.ignored_discretion") == []
    assert findings("Lunara: you have a new message.", asked, channel="push", rule="overreach") == []


@pytest.mark.parametrize(
    "body",
    [
        "It's Mental Health Awareness Week. Our free 7-day Steady Mind series is now live for everyone in the app.",
        "Dog or cat over 8? Our Golden Years pet plan covers arthritis and dental care.",
    ],
)
def test_a_public_campaign_or_a_pets_health_is_nobodys_secret(body: str) -> None:
    assert findings(body, channel="push", rule="privacy.lock_screen") == []


def test_the_readers_own_condition_still_shows() -> None:
    assert findings("Managing your arthritis? Try our new gel.", channel="push", rule="privacy.lock_screen")


def test_a_health_word_naming_the_questions_asked_shows_nothing_on_the_lock_screen() -> None:
    text = "Birch Lane Surgery: your flu jab is booked for Tue 8 Oct. Please answer the 3 allergy questions first."
    assert findings(text, channel="sms", rule="privacy.lock_screen") == []
    told = "Birch Lane Surgery: your allergy test results show a severe nut allergy."
    assert findings(told, channel="sms", rule="privacy.lock_screen")


def test_a_festival_naming_a_numbered_order_reveals_nothing_on_the_lock_screen() -> None:
    bought = {"purchases": [{"category": "sweets", "days_ago": 2}]}
    delivered = "Delivered: your Diwali mithai box (order #30917) was left at your front door at 2:14pm."
    assert findings(delivered, bought, channel="push", rule="privacy.lock_screen") == []
    offer = "Your Diwali box is waiting: 20% off mithai this week."
    assert findings(offer, bought, channel="push", rule="privacy.lock_screen")


def test_the_code_that_resets_a_password_is_no_password() -> None:
    body = "Greyfield Buses: your code to reset your password is 482913. It expires in 10 minutes."
    assert findings(body, {}, channel="sms", rule="privacy.credential") == []
    assert findings("Your temporary password is Summer2024! Log in to change it.", {}, rule="privacy.credential")
