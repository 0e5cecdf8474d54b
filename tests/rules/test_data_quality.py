import pytest

from tests.conftest import findings

JANE = {"name": {"first": "Jane", "last": "Doe"}}


@pytest.mark.parametrize(
    "tag",
    [
        "%%first name%%",
        "{{ first_name }}",
        "*|FNAME|*",
        "[FNAME]",
        "[First Name]",
        "${firstName}",
        "%FIRSTNAME%",
        "{first_name}",
        "<%= user.first_name %>",
        "[[first_name]]",
        "{% if vip %}",
    ],
)
def test_unrendered_merge_tags_in_every_common_syntax(tag: str) -> None:
    found = findings(f"Hello {tag}, your order shipped.", JANE, rule="data_quality.unrendered")
    assert [f.quote for f in found] == [tag]
    assert found[0].severity == 3


@pytest.mark.parametrize(
    ("text", "tag"), [("Your permit for [ZONE] expires on 31 May.", "[ZONE]"), ("See you at [TIME].", "[TIME]")]
)
def test_a_word_in_capitals_in_brackets_where_a_value_belongs_is_a_tag(text: str, tag: str) -> None:
    assert [f.quote for f in findings(text, JANE, rule="data_quality.unrendered")] == [tag]


def test_unrendered_tag_suggests_the_known_value() -> None:
    (f,) = findings("Hello %%first name%%,", JANE, rule="data_quality.unrendered")
    assert f.suggestion == "Jane"


@pytest.mark.parametrize(
    "text",
    [
        "[Sale] Everything must go",
        "Our [NEW] range",
        "See footnote [1].",
        "Read [our guide](https://x.io)",
        "Price: {price drop}",
        "Save 20% today",
        "Hello Jane, welcome back!",
        "[SALE] Everything must go",
        "Click [HERE] for the details.",
        "Tap [OPEN] to see your ticket.",
    ],
)
def test_ordinary_brackets_and_percent_are_not_tags(text: str) -> None:
    assert findings(text, JANE, rule="data_quality.unrendered") == []


def test_template_tag_with_value_or_fallback_is_fine() -> None:
    body = "Hi {{first_name}}, from {{ city | default: 'your area' }}."
    assert findings(body, {**JANE, "region": None}, template=True, rule="data_quality") == []


def test_template_tag_without_value_or_fallback_is_flagged() -> None:
    # The context has a name, without a first name: the tag would render blank for this customer.
    (f,) = findings("Hi {{first_name}}!", {"name": {"last": "Kay"}}, template=True, rule="data_quality")
    assert f.rule_id == "data_quality.template_missing_value" and f.severity == 2


def test_template_tag_the_context_says_nothing_about_is_only_a_note() -> None:
    # No name in the context at all: the sender's platform fills template tags, so there is nothing to prove.
    (f,) = findings("Hi {{first_name}}!", {}, template=True, rule="data_quality")
    assert f.rule_id == "data_quality.template_unverified" and f.severity == 1


def test_template_tag_for_unknown_field_is_a_minor_note() -> None:
    (f,) = findings("Your {{loyalty_tier}} perks", JANE, template=True, rule="data_quality")
    assert f.rule_id == "data_quality.template_unverified" and f.severity == 1


@pytest.mark.parametrize(
    "text,quote",
    [
        ("Hi ,\nthanks for your order.", "Hi ,"),
        ("Dear  , welcome", "Dear  ,"),
        ("Thanks for buying your . It ships soon.", "your "),
        ("Hi undefined, your order shipped.", "undefined"),
        ("Hello FIRST_NAME, welcome", "FIRST_NAME"),
    ],
)
def test_empty_fields(text: str, quote: str) -> None:
    assert quote in [f.quote for f in findings(text, rule="data_quality.empty_field")]


@pytest.mark.parametrize("text", ["Hi, thanks for your order.", "Dear Jane, welcome.", "None of these apply."])
def test_filled_fields_are_fine(text: str) -> None:
    assert findings(text, JANE, rule="data_quality.empty_field") == []


@pytest.mark.parametrize(
    "text,quote",
    [
        ("Our new [insert product] is here", "[insert product]"),
        ("Only $XX.XX this week", "$XX.XX"),
        ("Lorem ipsum dolor sit amet", "Lorem ipsum dolor"),
        ("Launch date: TBD", "TBD"),
    ],
)
def test_placeholder_slots(text: str, quote: str) -> None:
    assert [f.quote for f in findings(text, rule="data_quality.placeholder")] == [quote]


def test_wrong_name_in_greeting() -> None:
    (f,) = findings("Hi John,\nyour order shipped.", JANE, rule="data_quality.wrong_name")
    assert f.quote == "John" and f.suggestion == "Jane"


@pytest.mark.parametrize("text", ["Hi Jane,", "Hello there,", "Dear Ms. Doe,", "Hi Doe family,", "Hi team,"])
def test_right_or_generic_greeting_is_fine(text: str) -> None:
    assert findings(text, JANE, rule="data_quality.wrong_name") == []


def test_a_demonym_of_the_region_is_not_a_wrong_name() -> None:
    ctx = {"name": {"first": "Wade"}, "region": "Texas"}
    assert findings("Hey Texan, fire up the pit.", ctx, rule="data_quality.wrong_name") == []
    assert findings("Hey Bob, fire up the pit.", ctx, rule="data_quality.wrong_name")


def test_a_name_for_people_from_any_part_of_the_region_is_not_a_wrong_name() -> None:
    ctx = {"name": {"first": "Cody"}, "region": "Austin, Texas"}
    assert findings("Hey Texan, fire up the smoker!", ctx, channel="push", rule="data_quality.wrong_name") == []
    assert findings("Hey Brandon, fire up the smoker!", ctx, channel="push", rule="data_quality.wrong_name")


@pytest.mark.parametrize("label", ["[Email preferences]", "[Unsubscribe]", "[Privacy policy]", "[View in browser]"])
def test_a_footer_link_label_is_no_merge_tag(label: str) -> None:
    assert findings(f"Thanks for reading.\n{label}", rule="data_quality.unrendered") == []
    assert findings("Hi [first name], your order shipped.", rule="data_quality.unrendered")


def test_the_helper_the_customer_named_may_be_greeted_but_not_their_pet() -> None:
    ctx = {
        "name": {"first": "Abena", "last": "Asante"},
        "stated_preferences": ["My son Kwame Asante handles my account by chat", "Our dog Biscuit loves your treats"],
    }
    assert findings("Hi Kwame, thanks for getting in touch.", ctx, channel="chat", rule="data_quality.wrong_name") == []
    assert findings("Hi Biscuit, thanks for getting in touch.", ctx, rule="data_quality.wrong_name")


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("Hi <<First Name>>! I'm Pip, Petalpost's virtual assistant.", "<<First Name>>"),
        ("Dear «FirstName», your order has shipped.", "«FirstName»"),
    ],
)
def test_mail_merge_fields_in_angle_quotes_are_unrendered_tags(body: str, quote: str) -> None:
    (f,) = findings(body, {"name": {"first": "Grace"}}, rule="data_quality.unrendered_merge_tag")
    assert (f.quote, f.suggestion) == (quote, "Grace")
    assert findings("«Bienvenue» is our French range.", rule="data_quality.unrendered_merge_tag") == []


@pytest.mark.parametrize(
    "body",
    [
        'Earlier today you may have had an email from us that began "Hi {FNAME}," instead of your name. Sorry!',
        "Yesterday's text said 'Your code is {{promo_code}}' by mistake; your real code is SPRING10.",
        'By the end you will write lines like this:\nprint(f"Hello, {name}! You have {count} tasks.")',
    ],
)
def test_a_tag_written_about_is_not_left_in(body: str) -> None:
    assert findings(body, rule="data_quality.unrendered_merge_tag") == []


def test_a_quoted_tag_left_in_is_still_a_tag() -> None:
    assert findings('Your code "{{promo_code}}" is ready to use.', rule="data_quality.unrendered_merge_tag")
    assert findings("Hi {FNAME}, sorry we missed you today.", rule="data_quality.unrendered_merge_tag")


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("Hi Jordan,\n\nAccount holder: Marguerite Dubois\nSupply address: 14 Quarry Lane", "Marguerite Dubois"),
        ("Found it: order #55812 for Glenda Fairbanks, shipped on 3 April.", "Glenda Fairbanks"),
    ],
)
def test_another_customer_s_record_names_someone_else(body: str, quote: str) -> None:
    ctx = {"name": {"first": "Jordan", "last": "Pike"}}
    (f,) = findings(body, ctx, rule="data_quality.wrong_name")
    assert f.quote == quote
    assert findings("Account holder: Jordan Pike\nAmount due: $96", ctx, rule="data_quality.wrong_name") == []
    assert findings("Deliver to: Jane Smith, 4 Elm Road", ctx, rule="data_quality.wrong_name") == []


@pytest.mark.parametrize(
    ("body", "channel", "quote"),
    [
        ("Hi 100482, your table for 2 is booked for Friday at 7pm.", "sms", "100482"),
        ("Hi kwame.osei@example.com! How can I help today?", "chat", "kwame.osei@example.com"),
        ("Your parcel is arriving on ORD-55921. Track it in the app.", "push", "ORD-55921"),
        ("Dear Mr. Null, your renewal is due on 3 June.", "email", "Null"),
        ("Dear Mr. NULL, your renewal is due on 3 June.", "email", "NULL"),
    ],
)
def test_a_value_from_another_field_or_a_null_in_its_place(body: str, channel: str, quote: str) -> None:
    (f,) = findings(body, {"name": {"first": "Kwame"}}, channel=channel, rule="data_quality.empty_field")
    assert f.quote == quote


@pytest.mark.parametrize(
    "body",
    [
        "Hi Sam, your order ORD-55921 is arriving on Tuesday.",
        "Email us at help@example.com, or call 0800 123 4567.",
        "Null and void clauses are listed in section 4.",
        "Hello 2024, goodbye old prices!",
    ],
)
def test_codes_addresses_and_years_in_their_own_places(body: str) -> None:
    assert findings(body, rule="data_quality.empty_field") == []


def test_a_surname_that_looks_like_a_missing_value() -> None:
    body = "Dear Mr. Null, your renewal is due on 3 June."
    assert findings(body, {"name": {"last": "Null"}}, rule="data_quality.empty_field") == []


def test_a_tag_whose_working_a_tutorial_explains_is_not_left_in() -> None:
    tip = "Type {{first_name}} anywhere in your subject and Postwise fills in each contact's first name when it sends."
    assert findings(tip, rule="data_quality") == []
    assert findings("Use {{discount_code}} at checkout for 20% off.", rule="data_quality")
    assert findings("Hi {{first_name}}, your merge tags are ready to use.", rule="data_quality")


def test_a_title_with_the_surname_rendered_empty() -> None:
    (f,) = findings("Dear Mrs. ,\n\nYour renewal is due on 1 May.", {}, rule="data_quality.empty_field")
    assert f.quote == "Dear Mrs. ," and f.suggestion == "Dear,"
    assert findings("Dear Mrs. Patel,\n\nYour renewal is due on 1 May.", {}, rule="data_quality") == []


def test_a_template_editors_tutorial_quotes_its_tag() -> None:
    tutorial = 'In the template editor, type {{ first_name | default: "there" }} after "Hi".'
    assert findings("Hi Arjun,\n\n" + tutorial, rule="data_quality") == []
    assert findings("Hi {{ first_name }},\n\nYour order has shipped.", rule="data_quality.unrendered_merge_tag")


def test_a_flight_number_is_no_order_code_where_a_date_belongs() -> None:
    assert findings("You're now booked on LH2471 at 17:05, seat 22A.", channel="chat", rule="data_quality") == []
    assert findings("Your parcel is arriving on ORD-55921. Track it in the app.", rule="data_quality.empty_field")
