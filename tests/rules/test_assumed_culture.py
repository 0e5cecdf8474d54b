"""stereotyping.assumed_culture: a festival, religion or language picked for the customer without their saying so."""

import pytest

from reviewer.models import CustomerContext, Message
from reviewer.rules import run_rules
from reviewer.settings import Settings
from tests.conftest import findings


def _ids(body: str, channel: str = "email", **context: object) -> list[str]:
    message = Message(channel=channel, body=body)  # type: ignore[arg-type]
    found = run_rules(message, CustomerContext.model_validate(context), Settings())
    return [f.rule_id or "" for f in found if f.rule_id == "stereotyping.assumed_culture"]


@pytest.mark.parametrize(
    ("body", "context"),
    [
        ("Happy Diwali, Priya! Light up your home with our lamps.", {"name": {"first": "Priya"}}),
        ("Ramadan Kareem, Omar! Iftar boxes are 20% off.", {}),
        ("Hola Sofía, your order has shipped.", {"locale": "en-US"}),
        ("Lunar New Year is the biggest week of your family's year: feast boxes are in.", {}),
    ],
)
def test_fires_when_the_customer_never_said_so(body: str, context: dict[str, object]) -> None:
    assert _ids(body, **context)


@pytest.mark.parametrize(
    ("body", "context"),
    [
        ("Ramadan Kareem, Omar! Iftar boxes are 20% off.", {"stated_preferences": ["I observe Ramadan"]}),
        ("Hola Sofía, your order has shipped.", {"locale": "es-MX"}),
        ("Hola Sofía, your order has shipped.", {"stated_preferences": ["language: Spanish"]}),
        ("Happy Diwali to all who celebrate! Our stores open late.", {}),
        ("We lent our van to the food bank this winter.", {}),
        ("Lunar New Year sale: feast boxes for the whole family, 20% off.", {}),
    ],
)
def test_quiet_when_stated_or_inclusive(body: str, context: dict[str, object]) -> None:
    assert not _ids(body, **context)


@pytest.mark.parametrize(
    ("body", "region"),
    [
        ("Hey Texan, fire up the barbecue this weekend!", "Texas"),
        ("Every Texan needs a real smoker.", "Texas"),
        ("As a Londoner you'll know the Tube is hectic.", "London"),
        ("You Californians know good wine.", "California"),
        # a region written with its postal code: the state, province or territory is the place
        ("Howdy, Texan! The smokers are in.", "Austin, TX"),
        ("Hey Albertan, grab a toque before the cold snap.", "Calgary, AB"),
        ("G'day Queenslander! Eskies are half price.", "Brisbane QLD"),
    ],
)
def test_the_region_on_file_used_as_a_type_fires(body: str, region: str) -> None:
    message = Message(channel="push", body=body)
    found = run_rules(message, CustomerContext(region=region), Settings())
    assert "stereotyping.regional" in {f.rule_id for f in found}


@pytest.mark.parametrize(
    ("body", "context"),
    [
        ("Our Texas stores open late on Friday.", {"region": "Texas"}),
        ("Hi Dan, the Denver store opens Friday.", {"region": "Denver"}),
        ("Hi Ina, the Calgary store opens Friday.", {"region": "Calgary, AB"}),
        ("Hey Texan, fire up the barbecue!", {"region": "Texas", "stated_preferences": ["Proud Texan"]}),
    ],
)
def test_a_regional_notice_or_a_stated_home_stays_quiet(body: str, context: dict[str, object]) -> None:
    found = run_rules(Message(channel="push", body=body), CustomerContext.model_validate(context), Settings())
    assert "stereotyping.regional" not in {f.rule_id for f in found}


@pytest.mark.parametrize(
    ("body", "context"),
    [
        ("Hi Patrick, with that Irish blood, we know you can handle the Guinness.", {}),
        ("Our new range is popular with customers of your faith.", {}),
        ("We've put the steps below in plain words, in case English is difficult for you.", {}),
        ("As Ramadan begins, big family dinners are part of your culture.", {}),
    ],
)
def test_origin_faith_or_language_presumed_fires(body: str, context: dict[str, object]) -> None:
    assert findings(body, context, rule="stereotyping.assumed_origin")


@pytest.mark.parametrize(
    ("body", "context"),
    [
        ("Our Irish whiskey tasting is on Friday.", {}),
        (
            "Here's the guide in Polish, as English isn't your first language.",
            {"stated_preferences": ["English isn't my first language, Polish please"]},
        ),
        ("Our store in your area has events for the whole community.", {}),
        ("Events for your faith group are listed below.", {"stated_preferences": ["I run our church's youth group"]}),
    ],
)
def test_origin_stated_or_not_about_the_customer_stays_quiet(body: str, context: dict[str, object]) -> None:
    assert findings(body, context, rule="stereotyping.assumed_origin") == []


def test_a_festival_greeting_guessed_from_a_name_fires_and_a_name_is_not_a_greeting() -> None:
    guessed = {"name": {"first": "Farah"}, "inferred_attributes": [{"attribute": "religion: Muslim", "source": "name"}]}
    assert findings(
        "Selamat Hari Raya, Farah! 20% off kuih.", guessed, channel="sms", rule="stereotyping.assumed_culture"
    )
    in_malaysia = {**guessed, "locale": "en-MY"}
    assert findings("Selamat Hari Raya, Farah!", in_malaysia, channel="sms", rule="stereotyping.assumed_culture") == []
    ola = {"name": {"first": "Ola", "last": "Adeyemi"}}
    assert findings("Hi Ola, our store reopens Saturday.", ola, rule="stereotyping.assumed_culture") == []
    assert findings(
        "Olá Maria! Our new range is in.", {"name": {"first": "Maria"}}, rule="stereotyping.assumed_culture"
    )


def test_an_origin_put_on_the_customer_is_a_sensitive_guess() -> None:
    assert findings("As you're Indian, you'll love our masala chai blend.", rule="creepiness.sensitive_inference")
    told = {"stated_preferences": ["I'm Indian and miss proper chai"]}
    assert findings("As you're Indian, you'll love our masala chai blend.", told, rule="creepiness.sensitive") == []


def test_a_brands_own_sign_off_presumes_nothing() -> None:
    body = "Hi Lena,\n\nYour next month is on us.\n\nNamaste,\nThe Harbor Yoga team\n\nUnsubscribe"
    assert findings(body, {"name": {"first": "Lena"}}, rule="stereotyping.assumed_culture") == []
    greeting = "Namaste Priya,\n\nYour new mat is here."
    assert findings(greeting, {"name": {"first": "Priya"}}, rule="stereotyping.assumed_culture")
    # a word or two after it on the sign-off line: "Ciao for now,"
    signed = "Hi Chris,\n\nBook a table this week.\n\nCiao for now,\nOsteria Lume, Bristol\nUnsubscribe"
    assert findings(signed, {"name": {"first": "Chris"}, "locale": "en-GB"}, rule="stereotyping.assumed_culture") == []
    opened = "Ciao for now, Chris! Our Italian night is back.\n\nBook a table this week."
    assert findings(opened, {"name": {"first": "Chris"}, "locale": "en-GB"}, rule="stereotyping.assumed_culture")


def test_a_festival_greeting_in_its_language_to_a_named_customer() -> None:
    wei = {"name": {"first": "Wei", "last": "Chen"}}
    text = "Gong hei fat choy, Wei! Red envelopes and gift boxes are 20% off."
    assert [f.rule_id for f in findings(text, wei)] == ["stereotyping.assumed_culture"]
    # a restaurant's greeting to its whole list, where the festival is a public holiday, or one the customer asked for
    assert findings("Gong xi fa cai! Reunion dinner bookings open today.", {**wei, "locale": "en-SG"}) == []
    assert findings(text, {**wei, "stated_preferences": ["Send me Lunar New Year offers"]}) == []


@pytest.mark.parametrize(
    ("body", "context", "flagged"),
    [
        (
            "Sundry Market: a partir de hoy te escribiremos en español. 2x1 en cereales y café hasta el domingo.",
            {"locale": "en-US"},
            True,
        ),
        (
            "Votre commande est prête à retirer en magasin dès aujourd'hui, merci de votre confiance.",
            {"locale": "en-GB"},
            True,
        ),
        (
            "Sundry Market: a partir de hoy te escribiremos en español. 2x1 en cereales y café hasta el domingo.",
            {"locale": "es-US"},
            False,
        ),
        (
            "Sundry Market: a partir de hoy te escribiremos en español. 2x1 en cereales y café hasta el domingo.",
            {"locale": "en-US", "stated_preferences": ["Prefiero recibir mensajes en español"]},
            False,
        ),
        ("Thank you for calling. For English, press 1. Para español, oprima 2.", {"locale": "en-US"}, False),
        ("Your Spanish lesson today: la casa, el perro, los gatos.", {"locale": "en-US"}, False),
    ],
)
def test_a_message_written_in_a_language_the_customer_never_chose(
    body: str, context: dict[str, object], flagged: bool
) -> None:
    assert bool(_ids(body, **context)) is flagged


@pytest.mark.parametrize(
    ("body", "context"),
    [
        # the place itself greeted as a person, for a taste the customer never told us about
        ("Howdy, Texas! Brisket season's here: smokers and rubs 20% off.", {"region": "Texas"}),
        ("Fire up the smoker, Texas 🔥 Brisket season's here.", {"region": "Texas"}),
        ("Hey Yorkshire, we know you can spot a bargain at 50 paces.", {"region": "Yorkshire"}),
        ("Oi Queenslander, summer sale's on!", {"region": "Queensland"}),
        # the locale's country: its people as a type
        ("Hey Kiwi! Missing home? Flights to Auckland from £699.", {"region": "London", "locale": "en-NZ"}),
        ("As a fellow Canuck you'll know we apologize for everything.", {"locale": "en-CA"}),
    ],
)
def test_the_place_or_the_locales_country_greeted_as_a_type_fires(body: str, context: dict[str, object]) -> None:
    found = run_rules(Message(channel="push", body=body), CustomerContext.model_validate(context), Settings())
    assert "stereotyping.regional" in {f.rule_id for f in found}


@pytest.mark.parametrize(
    ("body", "context"),
    [
        # the taste is one the customer told us about: the place is only a greeting
        (
            "Fire up the smoker, Texas 🔥 Brisket season's here.",
            {"region": "Texas", "stated_preferences": ["Competition BBQ cook: brisket on a pellet smoker"]},
        ),
        ("Good news, Denver: our Larimer Street store reopens Monday.", {"region": "Denver"}),
        ("Brr, Winnipeg! It's -31 with the wind chill tomorrow.", {"region": "Winnipeg"}),
        # the brand's own place there greets its city
        ("Hey Chicago! Our Wicker Park store hosts a free boot-waxing clinic Sat 10-2.", {"region": "Chicago"}),
        ("Now open in Dallas, Texas! Come and see us.", {"region": "Texas"}),
        ("This week: 20% off all British berries and stone fruit.", {"locale": "en-GB"}),
        ("As a British Gas customer you can add boiler cover.", {"locale": "en-GB"}),
    ],
)
def test_news_to_a_place_an_address_or_a_national_adjective_stays_quiet(body: str, context: dict[str, object]) -> None:
    found = run_rules(Message(channel="push", body=body), CustomerContext.model_validate(context), Settings())
    assert "stereotyping.regional" not in {f.rule_id for f in found}


def test_asking_for_a_religion_is_a_data_request_not_an_assumed_faith() -> None:
    body = "To personalise your offers we'll also ask for your religion and your current weight."
    found = run_rules(Message(channel="email", body=body), CustomerContext(), Settings())
    assert "stereotyping.assumed_origin" not in {f.rule_id for f in found}
    assert "overreach.data_request" in {f.rule_id for f in found}
    body = "Celebrate the season with dishes from your culture."
    found = run_rules(Message(channel="email", body=body), CustomerContext(), Settings())
    assert "stereotyping.assumed_origin" in {f.rule_id for f in found}


def test_a_regional_greeting_for_a_taste_the_customer_told_us_of_only_nods() -> None:
    body = "Hey Texan, fire up the smoker: post oak pellets and butcher paper are 20% off through Sunday."
    stated = {"region": "Austin, Texas", "stated_preferences": ["I smoke brisket most weekends on my pellet smoker"]}
    found = run_rules(Message(channel="push", body=body), CustomerContext.model_validate(stated), Settings())
    assert [f.severity for f in found if f.rule_id == "stereotyping.regional"] == [1]
    guessed = run_rules(Message(channel="push", body=body), CustomerContext(region="Austin, Texas"), Settings())
    assert [f.severity for f in guessed if f.rule_id == "stereotyping.regional"] == [2]


def test_festival_goods_in_the_customers_own_order_notice_are_what_they_ordered() -> None:
    body = "Great news - your Diwali hamper (order #DH-30418) has been packed and handed to our courier."
    message = Message(channel="email", subject="Your Diwali hamper is on its way", body=body)
    found = run_rules(message, CustomerContext(), Settings())
    assert not [f for f in found if f.category in ("stereotyping", "creepiness")]
    promo = Message(channel="email", body="Your Diwali hamper awaits: 20% off festive sweets this week.")
    assert "stereotyping.assumed_culture" in {f.rule_id for f in run_rules(promo, CustomerContext(), Settings())}


def test_salaam_to_a_customer_who_told_us_they_observe_ramadan() -> None:
    ctx = CustomerContext(stated_preferences=["I observe Ramadan - please send me your iftar menus"])
    body = "Salaam Amira, Ramadan starts next week and, as you asked, here is our iftar menu."
    assert not _ids(body, **ctx.model_dump(exclude_none=True))


def test_a_greeting_of_the_faith_the_customer_told_us_about_is_theirs() -> None:
    body = "Namaste Anika! Our diya sets and sweets boxes are in for Diwali."
    stated = {"stated_preferences": ["We celebrate Diwali every year"], "locale": "en-US"}
    assert findings(body, stated, rule="stereotyping.assumed_culture") == []
    assert findings(
        body, {"locale": "en-US", "name": {"first": "Anika", "last": "Sharma"}}, rule="stereotyping.assumed_culture"
    )


@pytest.mark.parametrize(
    ("preferences", "flagged"),
    [([], True), (["Can I speak to someone in Vietnamese, please?"], False)],
)
def test_handing_the_customer_to_another_language_unasked_decides_their_origin(
    preferences: list[str], flagged: bool
) -> None:
    text = "Thanks, Thanh. To make this easier for you, I'll transfer you to a colleague who speaks Vietnamese."
    found = findings(text, {"stated_preferences": preferences}, channel="chat", rule="stereotyping.assumed_origin")
    assert bool(found) is flagged


def test_the_lunar_year_by_its_animal_chosen_for_the_customer_presumes_a_heritage() -> None:
    body = "Ring in the Year of the Horse with our red-envelope sets. We picked them just for you, with tea for two."
    found = findings(body, {"name": {"first": "Wei", "last": "Chen"}}, rule="stereotyping.assumed_culture")
    assert {f.quote for f in found} == {"Year of the Horse", "We picked them just for you, with tea for two."}
    # the same campaign to the whole list, with nothing said to be chosen for this customer, presumes nothing
    to_all = "Ring in the Year of the Horse with our red-envelope sets, with tea for two."
    assert findings(to_all, {"name": {"first": "Wei"}}, rule="stereotyping.assumed_culture") == []
    said = {"stated_preferences": ["we celebrate Lunar New Year with my parents"]}
    assert findings(body, said, rule="stereotyping.assumed_culture") == []


def test_a_faith_s_daily_practice_told_says_the_faith() -> None:
    body = "Shana tova, Daniel! Our honey cakes and challahs are ready to pre-order for Rosh Hashanah."
    kosher = {"name": {"first": "Daniel"}, "stated_preferences": ["we keep kosher, send me your holiday menus"]}
    assert findings(body, kosher, rule="stereotyping.assumed_culture") == []
    assert findings(body, {"name": {"first": "Daniel"}}, rule="stereotyping.assumed_culture")


def test_festival_goods_made_up_for_the_customer_presume_the_festival_is_theirs() -> None:
    body = "The festival is nearly here, so we've put together a Diwali edit just for you: diyas and sweets boxes."
    found = findings(body, {"name": {"first": "Rohan", "last": "Patel"}}, rule="stereotyping.assumed_culture")
    assert {f.quote for f in found} >= {"Diwali"}
    # the same edit offered to the whole list names nobody's festival
    to_all = "The festival is nearly here, so our Diwali edit is in: diyas and sweets boxes for everyone."
    assert findings(to_all, {"name": {"first": "Rohan"}}, rule="stereotyping.assumed_culture") == []
    said = {"stated_preferences": ["we celebrate Diwali every year"]}
    assert findings(body, said, rule="stereotyping.assumed_culture") == []


@pytest.mark.parametrize(
    "preference",
    [
        "I don't celebrate Christmas, please leave me off holiday promotions",
        "we're Jewish - no Christmas offers please",
    ],
)
def test_a_festival_the_customer_said_is_not_theirs_put_to_them_as_theirs(preference: str) -> None:
    body = "Get your family's Christmas off to a sparkling start with real fir trees delivered to your door."
    found = findings(body, {"stated_preferences": [preference]}, rule="stereotyping.assumed_culture")
    assert [f.quote for f in found] == ["your family's Christmas"]


def test_a_festival_the_customer_keeps_or_never_mentioned_is_not_disowned() -> None:
    body = "Get your family's Christmas off to a sparkling start with real fir trees delivered to your door."
    for preferences in ([], ["no Christmas promotions please"], ["we love Christmas, send me the tree offers"]):
        assert findings(body, {"stated_preferences": preferences}, rule="stereotyping.assumed_culture") == []
    # the festival named for everyone, not as the customer's own
    store = "Our stores close early on Christmas Eve."
    said = {"stated_preferences": ["I don't celebrate Christmas"]}
    assert findings(store, said, rule="stereotyping.assumed_culture") == []


@pytest.mark.parametrize(
    "body",
    [
        "We're open until 10pm. Since you're from Brazil, I bet you're a fantastic dancer! Samba passes are 30% off.",
        "Hi Megan,\n\nYou're in Wisconsin, so let's be honest: you can never have too much cheese.",
        "Being from Texas, you probably like your steak big.",
        "Sending money home for the holidays? Like so many Filipino families abroad, you know every peso counts.",
        "Living in SW3, you're clearly used to the finer things, which is why we're writing.",
        "You're from Jersey, so we know you don't take nothing from nobody.",
        "Customers in Hollow Creek tend to fall behind, so we'll be checking in on your account.",
        "Let's be honest: nobody in Kensington looks at price tags.",
        "Households around Hollins Park tend to be watching every penny, so we've switched your offers.",
    ],
)
def test_a_place_or_a_nation_read_as_the_readers_trait(body: str) -> None:
    assert findings(body, rule="stereotyping.assumed_origin")


@pytest.mark.parametrize(
    ("body", "context"),
    [
        (
            "Since you're in Leeds, you probably know the Corn Exchange already.",
            {"stated_preferences": ["I live in Leeds"]},
        ),
        ("Since you're in London, your parcel ships from our Croydon hub and arrives tomorrow.", {}),
        ("As you're in Manchester, you must collect from the Deansgate store.", {}),
        ("Like many Irish families, the O'Neills started with one shop in Cork in 1952.", {}),
        ("Customers in London usually get next-day delivery.", {}),
        ("Living in Leeds, you'll find our Trinity store open late on Thursdays.", {}),
    ],
)
def test_a_place_the_customer_told_us_a_logistics_fact_or_a_founders_story_stay_quiet(
    body: str, context: dict[str, object]
) -> None:
    assert findings(body, context, rule="stereotyping.assumed_origin") == []


@pytest.mark.parametrize(
    ("body", "channel"),
    [
        ("Delivered: your Diwali mithai box (order #30917) was left at your front door at 2:14pm.", "push"),
        (
            "We noticed a problem with the card you used for your Vaisakhi order: your bank declined it this morning.",
            "chat",
        ),
    ],
)
def test_a_festival_naming_the_customers_own_order_presumes_nothing(body: str, channel: str) -> None:
    assert findings(body, channel=channel, rule="stereotyping.assumed_culture") == []
    assert findings("Get your Diwali order in before Friday: mithai boxes from £12.", channel="push")


def test_the_regions_people_given_a_trait_even_where_the_customer_lives_there() -> None:
    lives_there = {"region": "Liverpool", "stated_preferences": ["Liverpool area"]}
    body = "Let's be honest, Scousers are famously chatty, so talking on the phone all day will come naturally to you!"
    assert findings(body, lives_there, rule="stereotyping.regional")
    team = "Our Liverpool advisers are famously quick to answer: call 0151 496 0082."
    assert findings(team, {"region": "Liverpool"}, rule="stereotyping.regional") == []


def test_an_open_invitation_to_a_festival_presumes_nothing_of_the_reader() -> None:
    body = (
        "Ramadan Mubarak to everyone in Granby who is observing this month. On Friday the Granby Street Mosque is "
        "hosting a community iftar, and everyone is welcome, whether you're fasting or just fancy meeting the people "
        "on your street."
    )
    assert findings(body, {"region": "Liverpool"}, rule="stereotyping.assumed_culture") == []
    assert findings(body, {"region": "Liverpool"}, rule="creepiness.others_data") == []
    picked = "Ramadan Mubarak, Helen! Join our community iftar on Friday."
    assert findings(picked, {}, rule="stereotyping.assumed_culture")


def test_places_like_a_postcode_given_a_trait() -> None:
    body = "People in postcodes like NE4 often get caught by doorstep lenders, so we wanted you to know about us."
    assert findings(body, {}, channel="sms", rule="stereotyping.assumed_origin")
    plan = "Since you're on the Premium plan, you'll probably want the 4K add-on."
    assert findings(plan, {}, rule="stereotyping.assumed_origin") == []
