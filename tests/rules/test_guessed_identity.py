"""stereotyping.guessed_identity: content picked from an ethnicity, religion, origin or language guessed about the
customer (from a name model, a segment), and the creepiness of showing them the guess."""

import pytest

from tests.conftest import findings

SURNAME_GUESS = {"attribute": "ethnicity: South Asian", "source": "surname model"}


def _ids(body: str, context: dict[str, object], channel: str = "email") -> set[str]:
    return {
        f.rule_id or "" for f in findings(body, context, channel=channel) if "guessed_identity" in (f.rule_id or "")
    }


@pytest.mark.parametrize(
    ("body", "attribute"),
    [
        ("Bollywood Nights are back on Friday, two tickets for £15.", SURNAME_GUESS),
        ("We've added our India Saver bundle so calls home are cheaper.", SURNAME_GUESS),
        (
            "Our richest shades for deeper skin tones are in.",
            {"attribute": "ethnicity_black_african", "source": "name"},
        ),
        ("Since you prefer Polish, we'll put you through to an adviser.", {"attribute": "likely_polish_speaker"}),
        ("Modest swimwear, just in for summer.", {"attribute": "religion: Muslim", "source": "name-origin model"}),
        ("Our 20 lb sacks of aged basmati and ghee are on offer this week.", SURNAME_GUESS),
        # a term's space written as a hyphen
        (
            "We've curated a textured-hair edit just for you.",
            {"attribute": "ethnicity: black", "source": "name_model"},
        ),
        (
            "If you'd like shorter sessions while you're fasting, try Quick Review.",
            {"attribute": "religion_muslim", "source": "name_analysis"},
        ),
        ("Our kitchen stays open late, so come in after breaking your fast.", {"attribute": "religion: Muslim"}),
        (
            "You'll know how hard it is to keep skin fair, so try our serum.",
            {"attribute": "ethnicity_east_asian", "source": "name_analysis"},
        ),
    ],
)
def test_content_tied_to_a_guessed_identity_fires_on_both_rubrics(body: str, attribute: dict[str, str]) -> None:
    found = _ids(body, {"inferred_attributes": [attribute]})
    assert found == {"stereotyping.guessed_identity", "creepiness.guessed_identity"}


@pytest.mark.parametrize(
    ("body", "attribute"),
    [
        ("Modest swimwear, just in for summer.", {"attribute": "religion: Muslim", "source": "purchase_pattern"}),
        ("Our Pride edit is here, picked for you.", {"attribute": "likely_lgbtq", "source": "viewing_history"}),
    ],
)
def test_an_identity_guessed_from_what_the_customer_did_is_creepiness_alone(
    body: str, attribute: dict[str, str]
) -> None:
    """Shown back, a guess from purchases or viewing reveals the watching; a stereotype is a guess from who they are."""
    assert _ids(body, {"inferred_attributes": [attribute]}) == {"creepiness.guessed_identity"}


@pytest.mark.parametrize(
    ("body", "context"),
    [
        # the customer said so themselves
        (
            "Bollywood Nights are back on Friday.",
            {"inferred_attributes": [SURNAME_GUESS], "stated_preferences": ["I love Indian cinema"]},
        ),
        # they bought it: their taste, not a guess
        (
            "Bollywood Nights are back on Friday.",
            {
                "inferred_attributes": [SURNAME_GUESS],
                "purchases": [{"category": "Bollywood screening", "days_ago": 20}],
            },
        ),
        # a guess unrelated to the content
        ("Our Lunar New Year menu starts Monday.", {"inferred_attributes": [SURNAME_GUESS]}),
        # no guess on file and nothing claims the content as the customer's own: a listing sent to everyone
        ("Bollywood Nights are back on Friday, two tickets for £15.", {}),
        # fasting as a diet, to a customer whose faith was guessed, names no practice of it
        (
            "Intermittent fasting plans start at £9 a month.",
            {"inferred_attributes": [{"attribute": "religion_muslim", "source": "name_analysis"}]},
        ),
        # an inferred attribute that is not about identity
        ("Bollywood Nights are back on Friday.", {"inferred_attributes": [{"attribute": "likes_films"}]}),
    ],
)
def test_quiet_when_stated_shown_unrelated_or_sent_to_everyone(body: str, context: dict[str, object]) -> None:
    assert _ids(body, context) == set()


def test_without_a_guess_on_file_content_claimed_as_theirs_still_fires() -> None:
    body = "Bollywood Nights return Fri! Thought you'd feel right at home - samosas & chai included."
    found = findings(body, {}, channel="sms")
    creepy = [f for f in found if f.rule_id == "creepiness.guessed_identity"]
    assert {"stereotyping.guessed_identity"} <= {f.rule_id for f in found}
    assert [f.quote for f in creepy] == ["feel right at home"] and creepy[0].severity == 2


def test_a_guessed_sexuality_shown_through_content() -> None:
    ctx = {"inferred_attributes": [{"attribute": "likely_lgbtq", "source": "address"}]}
    found = _ids("Get first dibs on our LGBTQ+-friendly escapes this summer.", ctx)
    assert "stereotyping.guessed_identity" in found
    assert _ids("Get first dibs on our LGBTQ+-friendly escapes this summer.", {}) == set()


def test_the_holder_spoken_of_to_the_helper_typing_is_not_assumed_to_be_there() -> None:
    ctx = {
        "name": {"first": "Maria", "last": "Costa"},
        "observed_signals": [
            {
                "kind": "app_usage",
                "detail": "chat opened without login; the person typing said they are the account holder's daughter",
                "days_ago": 0,
            }
        ],
    }
    spoken_of = "For Maria's security I can't go into her bills until she joins the chat."
    assert findings(spoken_of, ctx, channel="chat", rule="stereotyping.account_holder") == []
    assert findings("Hi Maria, your bill is £84 this month.", ctx, channel="chat", rule="stereotyping.account_holder")


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("Thanks for calling Cedar Bank. For English, press 1. Para español, oprima 2.", False),
        ("Thanks for calling Cedar Bank. Press 2 for Spanish.", False),
        ("From your next bill your letters come in Spanish, and you can press 3 to reach our Spanish team.", True),
    ],
)
def test_a_phone_menus_language_option_is_for_every_caller(body: str, flagged: bool) -> None:
    guess = {"inferred_attributes": [{"attribute": "ethnicity: hispanic", "source": "surname model"}]}
    found = {f.rule_id for f in findings(body, guess, channel="ivr") if "guessed_identity" in (f.rule_id or "")}
    assert bool(found) is flagged


def test_black_hair_named_for_a_bought_in_ethnicity() -> None:
    guess = {"inferred_attributes": [{"attribute": "ethnicity_black_african", "source": "data broker"}]}
    body = "Because Black hair needs extra love, we've pulled together lightweight options."
    assert _ids(body, guess) == {"stereotyping.guessed_identity", "creepiness.guessed_identity"}
    assert _ids(body, {}) == set()


def test_a_customer_who_told_us_where_they_grew_up_and_asked_for_its_food_is_not_guessed() -> None:
    body = (
        "Missing a taste of home? Our new Caribbean aisle has landed: hard dough bread, ackee and saltfish. "
        "Take £5 off your first Caribbean basket."
    )
    said = {"stated_preferences": ["I grew up in Kingston - always after proper jerk seasoning and hard dough bread"]}
    assert _ids(body, said) == set()
    assert findings(body, said, rule="stereotyping.generalisation") == []
    # where they grew up, without asking for its things, leaves the guess a guess
    elsewhere = {"stated_preferences": ["I grew up in Leeds"]}
    assert _ids(body, elsewhere)
