"""Nothing identifying reaches an LLM, and everything maps back whole."""

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langchain_core.messages import BaseMessage

from reviewer import Reviewer
from reviewer.judges import Completion
from reviewer.models import CustomerContext, Tokens
from reviewer.privacy import Masker, coarsen, minimise_context
from reviewer.settings import Settings
from reviewer.testing import OpenAIStandin
from tests.llm_model import BODY, FakeModel, is_rewrite
from tests.masking_metrics import context_leaks, per_type, table
from tests.pii_corpus import STRUCTURED, generate

CORPUS = generate(96)


@pytest.fixture(scope="module")
def recording_server() -> Iterator[OpenAIStandin]:
    with OpenAIStandin(FakeModel(scores={"creepiness": 1})) as srv:
        yield srv


def test_no_pii_in_any_request_the_llm_receives(recording_server: OpenAIStandin) -> None:
    settings = Settings(
        openai_base_url=recording_server.base_url, openai_api_key="sk-test", model="standin", llm_max_retries=0
    )
    reviewer = Reviewer(settings, judge="llm")
    leaks: list[tuple[str, str]] = []
    for case in CORPUS:
        before = len(recording_server.requests)
        result = reviewer.review_sync(case.request)
        assert not result.meta.degraded
        # what the customer's data could reach: every message but the system one (the same for every review)
        sent = "\n".join(
            m["content"] for r in recording_server.requests[before:] for m in r["messages"] if m["role"] != "system"
        )
        assert len(recording_server.requests) > before
        for value, kind, where in case.values:
            if kind in STRUCTURED or where == "context":
                if re.search(rf"(?<!\w){re.escape(value)}(?!\w)", sent) or (
                    kind in ("CARD", "PHONE") and _digits(value) in _digits_only(sent)
                ):
                    leaks.append((kind, value))
    assert leaks == []


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _digits_only(text: str) -> str:
    # every run of digits (with separators removed) in the request, to catch reformatted numbers
    runs, current = [], []
    for ch in text:
        if ch.isdigit():
            current.append(ch)
        elif ch in " -().x" and current:
            continue
        elif current:
            runs.append("".join(current))
            current = []
    runs.append("".join(current))
    return "|".join(runs)


def test_masking_recall_and_precision_per_type(capsys: pytest.CaptureFixture[str]) -> None:
    metrics = per_type(CORPUS)
    with capsys.disabled():
        print(f"\nmasking on the generated corpus ({len(CORPUS)} drafts):\n{table(metrics)}")
    for kind in (*STRUCTURED, "FIRST_NAME", "LAST_NAME"):
        assert metrics[kind]["recall"] == 1.0, (kind, metrics[kind])
    assert metrics["STREET_ADDRESS"]["recall"] >= 0.9
    # Names of people not in the context need NER, which is not installed by default: reported, not required.
    assert "PERSON" in metrics
    for kind, m in metrics.items():
        assert m["masks"] == 0 or m["precision"] >= 0.95, (kind, m)
    assert metrics["PHONE"]["recall"] == 1.0 and metrics["STREET_ADDRESS"]["recall"] == 1.0


def test_optional_ner_masks_names_the_context_does_not_know(capsys: pytest.CaptureFixture[str]) -> None:
    metrics = per_type(CORPUS, ner=True)
    with capsys.disabled():
        print(f"\nwith REVIEWER_NER=true:\n{table(metrics)}")
    assert metrics["PERSON"]["recall"] >= 0.8
    for kind in (*STRUCTURED, "FIRST_NAME", "LAST_NAME"):
        assert metrics[kind]["recall"] == 1.0, (kind, metrics[kind])


def test_context_is_minimised() -> None:
    for case in CORPUS:
        assert context_leaks(case) == []
    ctx = CustomerContext.model_validate(CORPUS[0].request["context"])
    data, withheld = minimise_context(ctx, Masker(ctx))
    assert withheld == ["customer_ref", "name", "email", "phone", "address"]
    assert not set(data) & set(withheld)
    assert "<CARD" in data["support"]["topic"] and "<EMAIL>" in data["stated_preferences"][0]


def test_quasi_identifiers_are_coarsened_never_to_an_exact_count_of_days() -> None:
    from datetime import date

    today = date(2026, 11, 23)
    birth = "(a date of birth: age 40-49)"
    assert coarsen("I'm 42 years old, born 1984-03-02", today) == f"I'm 40-49 years old, born {birth}"
    for written in ("02.03.1984", "3 March 1984", "March 3rd, 1984", "03/02/1984", "2 mars 1984", "3. März 1984"):
        assert coarsen(f"DOB {written}!", today) == f"DOB {birth}!", written
    assert coarsen("moving on December 1, 2026", today) == "moving on (this year)"
    assert coarsen("renewal on 2029-01-01", today) == "renewal on (in about 3 years)"
    assert "days" not in coarsen("born 11/02/1990, moved 2026-11-01", today)


def test_redaction_reports_types_and_counts_never_values(recording_server: OpenAIStandin) -> None:
    settings = Settings(openai_base_url=recording_server.base_url, openai_api_key="sk-test", model="standin")
    case = CORPUS[0]
    result = Reviewer(settings, judge="llm").review_sync(case.request)
    assert result.redaction.fields_withheld == ["customer_ref", "name", "email", "phone", "address"]
    assert result.redaction.entities["FIRST_NAME"] == 1 and result.redaction.entities["CARD"] >= 1
    dumped = result.redaction.model_dump_json()
    assert all(value not in dumped for value, _, _ in case.values)


def test_findings_and_rewrite_come_back_in_original_terms() -> None:
    request = {
        "message": {
            "channel": "email",
            "body": "Dear Mrs. Nakamura, Yuki, we saw card 4111 1111 1111 1111 was declined. Call 020 7946 0958.",
        },
        "context": {"name": {"first": "Yuki", "last": "Nakamura"}},
    }
    model = FakeModel(
        scores={"stereotyping": 2, "overreach": 0},
        quotes={"stereotyping": ["Mrs. <LAST_NAME>, <FIRST_NAME>"]},
        rewrites=["Dear <FIRST_NAME>, card <CARD_1> was declined. Call <PHONE_1>."],
    )
    with OpenAIStandin(model) as srv:
        settings = Settings(openai_base_url=srv.base_url, openai_api_key="sk-test", model="standin")
        result = Reviewer(settings, judge="llm").review_sync(request)
    body = request["message"]["body"]
    (llm,) = [f for f in result.findings if f.source == "llm"]
    assert llm.quote == "Mrs. Nakamura, Yuki" and body[llm.start : llm.end] == llm.quote
    assert result.rewrite is not None
    assert result.rewrite.text == "Dear Yuki, card 4111 1111 1111 1111 was declined. Call 020 7946 0958."


def test_rewrite_with_an_invented_placeholder_is_not_verified() -> None:
    request = {
        "message": {"channel": "email", "body": "Dear Mrs. Nakamura, your order shipped."},
        "context": {"name": {"first": "Yuki", "last": "Nakamura"}},
    }
    with OpenAIStandin(FakeModel(rewrites=["Dear <FIRST_NAME> <SURNAME_9>, your order shipped."])) as srv:
        settings = Settings(openai_base_url=srv.base_url, openai_api_key="sk-test", model="standin")
        result = Reviewer(settings, judge="llm").review_sync(request)
    assert result.rewrite is not None and not result.rewrite.verified
    assert result.rewrite.text == "Dear Yuki, your order shipped."  # the invented one is removed
    assert any(
        "invented placeholder(s) for values the draft does not have (SURNAME_9)" in n for n in result.rewrite.notes
    )


class QuotingBackend:
    """Cites random slices of the masked body it is shown, as a model might, placeholders included."""

    model = "quoting"

    def __init__(self, rng: Any) -> None:
        self.rng = rng

    async def complete(self, messages: list[BaseMessage], schema: dict[str, Any], name: str) -> Completion:
        user = str(messages[-1].content)
        match = BODY.search(user)
        body = match.group(1) if match else ""
        quotes = []
        for _ in range(3):
            if not body.strip():
                break
            a = self.rng.randrange(len(body))
            b = self.rng.randrange(a, min(len(body), a + 40) + 1)
            if body[a:b].strip():
                quotes.append(body[a:b])
        rubric = {
            "evidence": [{"quote": q, "problem": "p", "severity": 2, "suggestion": None} for q in quotes],
            "reasoning": "r",
            "score": 2,
        }
        rubrics = {rid: rubric for rid in schema["properties"]["rubrics"]["properties"]}
        return Completion(json.dumps({"instructions_found": [], "rubrics": rubrics}), Tokens())

    async def aclose(self) -> None:
        pass


_piece = st.sampled_from(
    [
        "Yuki",
        "Nakamura",
        "yuki@example.jp",
        "4111 1111 1111 1111",
        "+44 20 7946 0958",
        "GB82 WEST 1234 5698 7654 32",
        "42 Elm Street",
        "123-45-6789",
        " ",
        "\n",
        ", ",
        "you looked at this ",
        "🎉",
        "Dear Mrs. ",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(_piece, st.text(max_size=12)), min_size=1, max_size=10), rng=st.randoms())
def test_every_llm_finding_quotes_the_original_after_unmasking(parts: list[str], rng: Any) -> None:
    body = "".join(parts)
    if not body.strip():
        return
    request = {
        "message": {"channel": "email", "body": body},
        "rewrite": False,
        "context": {"name": {"first": "Yuki", "last": "Nakamura"}, "email": "yuki@example.jp"},
    }
    reviewer = Reviewer(Settings(), backend=QuotingBackend(rng))
    result = reviewer.review_sync(request)
    for f in result.findings:
        assert body[f.start : f.end] == f.quote
    masker = Masker(CustomerContext.model_validate(request["context"]))
    # Known values match in any case and come back in the casing on file (what a rewrite should use).
    assert masker.unmask(masker.mask(body).masked).lower() == body.lower() or "<" in body


def test_bodies_are_not_logged_by_default(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "Yuki, your card 4111 1111 1111 1111 was declined."
    Reviewer(Settings(), judge="rules").review_sync(
        {"message": {"channel": "sms", "body": secret}, "context": {"name": {"first": "Yuki"}}}
    )
    assert caplog.records, "the review should log its outcome"
    assert all("Yuki" not in r.getMessage() and "4111" not in r.getMessage() for r in caplog.records)


def test_debug_body_logging_says_so_loudly(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    Reviewer(Settings(log_bodies=True), judge="rules").review_sync({"message": {"channel": "sms", "body": "Hi Yuki"}})
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any("WILL BE LOGGED" in r.getMessage() for r in warnings)
    assert any("Hi Yuki" in r.getMessage() for r in caplog.records)


def test_stand_in_saw_placeholders_not_values(recording_server: OpenAIStandin) -> None:
    bodies = [r for r in recording_server.requests if not is_rewrite(r)]
    assert bodies and all("<FIRST_NAME>" in json.dumps(r) for r in bodies)
