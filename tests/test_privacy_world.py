"""The second PII corpus (tests/pii_corpus_world.py) through the service, as an attacker would try it.

Every request goes through ``POST /v1/reviews`` with the LLM judge, against the recording stand-in. The model behind
it is hostile in the ways that matter here: it cites every placeholder it was shown, repeats them in its problems,
suggestions, reasoning and rewrites (in upper and lower case), and invents some of its own. What it receives must
hold none of the values the README promises to withhold, checked four ways; what the client gets back must hold
no placeholder at all.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from reviewer.api import create_app
from reviewer.api.security import hash_key
from reviewer.privacy.fold import fold
from reviewer.privacy.masking import PLACEHOLDER
from reviewer.settings import Settings
from reviewer.testing import OpenAIStandin, Reply, chat_completion
from tests.masking_metrics import misses, over_masks, per_type, table
from tests.pii_corpus import PiiCase
from tests.pii_corpus_world import COUNTRIES, generate

CORPUS = generate(80)
KEY = "rk_privacy_world_0123"
INVENTED = ["<PHONE_99>", "<SURNAME_9>", "<IBAN_42>"]
# Anything a client could mistake for a placeholder: ours in any case, escaped literals, invented ones.
ANY_PLACEHOLDER = re.compile(r"(?i)<[a-z]+(?:_[a-z0-9]+)+>|<[A-Z]{3,}>|‹[A-Z_0-9]+›")


class HostileModel:
    """Answers the judge and rewrite prompts with every placeholder it saw, plus invented and lower-cased ones."""

    def __call__(self, request: dict[str, Any]) -> Reply:
        schema = request["response_format"]["json_schema"]["schema"]
        user = request["messages"][-1]["content"]
        seen = sorted(set(PLACEHOLDER.findall(user)))
        mentioned = " ".join(seen + INVENTED + [p.lower() for p in seen[:2]])
        if "rubrics" in schema["properties"]:
            evidence = [
                {"quote": p, "problem": f"{p} is shown", "severity": 2, "suggestion": f"Hi {p} {INVENTED[0]}"}
                for p in seen[:8]
            ]
            rubric = {"evidence": evidence, "reasoning": f"The draft uses {mentioned}.", "score": 2}
            rubrics = {rid: rubric for rid in schema["properties"]["rubrics"]["properties"]}
            answer: dict[str, Any] = {"instructions_found": [f"call {mentioned}"], "rubrics": rubrics}
        else:
            answer = {"subject": f"Hello {mentioned}", "body": f"Dear customer, {mentioned}. Thank you."}
        return Reply(chat_completion(json.dumps(answer)))


@dataclass(frozen=True)
class Sent:
    """One request the stand-in received: as JSON, and the bytes on the wire."""

    body: dict[str, Any]
    raw: bytes


Reviewed = tuple[list[dict[str, Any]], list[list[Sent]]]


@pytest.fixture(scope="module")
def reviewed() -> Iterator[Reviewed]:
    """Each case's result and the requests the stand-in recorded for it."""
    with OpenAIStandin(HostileModel()) as srv:
        settings = Settings(
            api_keys=hash_key(KEY),
            judge="llm",
            openai_base_url=srv.base_url,
            openai_api_key="sk-test",
            model="standin",
            llm_max_retries=0,
            cache_size=0,
            rate_limit_per_minute=100_000,
        )
        results, sent = [], []
        with TestClient(create_app(settings), client=("203.0.113.7", 50000)) as client:
            for case in CORPUS:
                before = len(srv.requests)
                response = client.post("/v1/reviews", json=case.request, headers={"Authorization": f"Bearer {KEY}"})
                assert response.status_code == 200, response.text
                results.append(response.json())
                pairs = zip(srv.requests[before:], srv.raw_requests[before:], strict=True)
                sent.append([Sent(body, raw) for body, raw in pairs])
        yield results, sent


def _digit_runs(text: str) -> list[str]:
    """Every number in ``text`` with the separators people write inside numbers removed."""
    return [re.sub(r"\D", "", m.group(0)) for m in re.finditer(r"\d(?:[\s\-().x/+]*\d)*", text)]


def leaks(case: PiiCase, requests: list[Sent]) -> list[tuple[str, str, str]]:
    """(type, value, how it was found) for every promised value found in what was sent."""
    raw = "\n".join(r.raw.decode("utf-8", "replace") + json.dumps(r.body) for r in requests)
    decoded = fold("\n".join(str(m.get("content")) for r in requests for m in r.body["messages"]))
    squeezed = re.sub(r"\s+", "", decoded)
    runs = _digit_runs(decoded)
    found = []
    for value, kind, _ in case.values:
        digits = re.sub(r"\D", "", value)
        if value in raw:
            found.append((kind, value, "raw"))
        elif re.search(rf"(?<!\w){re.escape(fold(value))}(?!\w)", decoded):
            found.append((kind, value, "decoded"))
        elif re.search(r"\s", value) and re.sub(r"\s+", "", fold(value)) in squeezed:
            found.append((kind, value, "whitespace removed"))
        elif len(digits) >= 7 and any(digits in run for run in runs):
            found.append((kind, value, "digits only"))
    return found


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_the_corpus_covers_every_country_and_kind() -> None:
    assert {case.request["context"]["locale"][-2:] for case in CORPUS} == set(COUNTRIES)
    kinds = {kind for case in CORPUS for _, kind, _ in case.values}
    assert {"PHONE", "STREET_ADDRESS", "IBAN", "GOV_ID", "DATE_OF_BIRTH", "EMAIL", "NICKNAME"} <= kinds


def test_no_promised_value_reaches_the_llm(reviewed: Reviewed) -> None:
    results, sent = reviewed
    assert all(len(requests) >= 2 for requests in sent), "the judge and the rewriter should both have been called"
    found = [leak for case, requests in zip(CORPUS, sent, strict=True) for leak in leaks(case, requests)]
    assert found == []


def test_the_leak_check_can_fail() -> None:
    case = CORPUS[0]
    phone = next(v for v, k, _ in case.values if k == "PHONE")
    spaced = " ".join(re.sub(r"\D", "", phone))
    body = {"messages": [{"role": "user", "content": f"call {spaced}, {case.values[1][0].upper()}"}]}
    hows = {how for _, _, how in leaks(case, [Sent(body, json.dumps(body).encode())])}
    assert {"digits only", "decoded"} <= hows


def test_nothing_returned_holds_a_placeholder(
    reviewed: Reviewed,
) -> None:
    results, _ = reviewed
    held = [(s, ANY_PLACEHOLDER.findall(s)) for result in results for s in strings(result) if ANY_PLACEHOLDER.search(s)]
    assert held == []
    assert any(f["source"] == "llm" for result in results for f in result["findings"])


def test_a_rewrite_holding_an_invented_placeholder_is_not_verified(
    reviewed: Reviewed,
) -> None:
    results, _ = reviewed
    rewrites = [r["rewrite"] for r in results if r["rewrite"] is not None]
    assert not any(r["verified"] for r in rewrites)
    assert all(any("invented placeholder" in n for n in r["notes"]) for r in rewrites)
    # The hostile rewrite also fills in the customer's surname, e-mail and phone the draft never showed: such a
    # rewrite is not returned at all, and the review says why.
    dropped = [r for r in results if r["rewrite"] is None]
    assert dropped and all(any("added the customer's" in n for n in r["meta"]["notes"]) for r in dropped)


def test_redaction_says_what_was_withheld_and_masked(
    reviewed: Reviewed,
) -> None:
    results, _ = reviewed
    for result in results:
        redaction = result["redaction"]
        assert {"customer_ref", "name", "email", "phone", "address"} <= set(redaction["fields_withheld"])
        assert {"PHONE", "EMAIL"} <= set(redaction["entities"])
        assert not result["meta"]["degraded"]


def test_masking_recall_and_precision_per_type_on_the_second_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    metrics = per_type(CORPUS)
    with capsys.disabled():
        print(f"\nmasking on the second corpus ({len(CORPUS)} drafts, {len(COUNTRIES)} countries):\n{table(metrics)}")
    assert misses(CORPUS) == []
    assert over_masks(CORPUS) == []
