"""Medicines by brand or generic name are health data (drug-named-entity-recognition's dictionary)."""

import pytest

from reviewer.models import CustomerContext, Message
from reviewer.rules import run_rules
from reviewer.rules.medications import medication_mentions
from reviewer.settings import Settings


def _rules(body: str, channel: str = "sms", **context: object) -> set[str]:
    message = Message(channel=channel, body=body)  # type: ignore[arg-type]
    return {f.rule_id or "" for f in run_rules(message, CustomerContext.model_validate(context), Settings())}


def test_brand_and_generic_names_are_found_with_their_spans() -> None:
    text = "Your Ozempic pen and your sertraline are ready."
    found = medication_mentions(text)
    assert [text[m.start() : m.end()] for m in found] == ["Ozempic", "sertraline"]
    assert found[0].medicine == "Semaglutide"


def test_a_combination_product_is_a_medicine_too() -> None:
    text = "Welcome back, Mr. Hale. Your Suboxone 8mg refill is ready at our Main Street store."
    assert [text[m.start() : m.end()] for m in medication_mentions(text)] == ["Suboxone"]
    ivr = {"name": {"first": "Robin", "last": "Hale"}, "observed_signals": [{"kind": "caller_id", "detail": "matched"}]}
    assert "privacy.disclosed_to_caller" in _rules(text, "ivr", **ivr)
    assert "privacy.disclosed_to_caller" not in _rules("Welcome back, Mr. Hale. Your refill is ready.", "ivr", **ivr)
    # a shop that shares a pill's brand name is a place
    assert medication_mentions("Everything at Mirelle is 30% off until midnight!") == []
    assert medication_mentions("Your Mirelle pills are ready to collect.") != []


@pytest.mark.parametrize("word", ["oats", "chamomile", "aloe", "running", "gold"])
def test_food_and_ordinary_words_are_not_medicines(word: str) -> None:
    assert medication_mentions(f"Our new {word} range is in.") == []


def test_a_medicine_the_company_inferred_is_a_severe_reveal() -> None:
    ids = _rules(
        "Running low on your Zoloft? Reorder in one tap.",
        inferred_attributes=[{"attribute": "depression", "source": "purchase model"}],
    )
    assert {"creepiness.sensitive_inference", "privacy.lock_screen"} <= ids


def test_a_medicine_on_sale_is_not_anyones_health_data() -> None:
    assert not _rules("Ibuprofen 200mg, 20% off this week at all stores.") & {
        "creepiness.sensitive_inference",
        "privacy.lock_screen",
    }


def test_a_medicine_the_customer_named_is_stated() -> None:
    ids = _rules(
        "Your Ozempic reminder: time for this week's dose.",
        stated_preferences=["Remind me about my Ozempic dose every Sunday"],
    )
    assert "creepiness.sensitive_inference" not in ids and "privacy.lock_screen" not in ids


@pytest.mark.parametrize(
    "text", ["How is your SSRI dose going?", "Pair your GLP-1 journey with our range.", "Still on statins? Try this."]
)
def test_a_drug_class_is_health_data_too(text: str) -> None:
    assert "creepiness.sensitive_inference" in _rules(text, channel="email")


@pytest.mark.parametrize("text", ["Meal prep made easy.", "A one-handed bottle prep machine for night feeds."])
def test_prep_is_not_a_drug(text: str) -> None:
    assert "creepiness.sensitive_inference" not in _rules(text, channel="email")
