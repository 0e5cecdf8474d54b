"""Against uvicorn on 127.0.0.1: streaming, the LanguageTool client, and LLM faults."""

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import language_tool_python
import pytest

from reviewer.testing import OpenAIStandin, Reply, chat_completion
from tests.api.conftest import llm_settings
from tests.conftest import LiveServer
from tests.llm_model import FakeModel, rubric_of

DRAFT = {
    "message": {"channel": "email", "body": "Hi ,\nWe noticed you looked at strollers 4 times. Sale ends Sunday."},
    "context": {"observed_signals": [{"kind": "browsing", "detail": "strollers"}]},
}


def _events(url: str, request: dict[str, Any]) -> list[tuple[float, str, Any]]:
    started = time.perf_counter()
    events: list[tuple[float, str, Any]] = []
    with httpx.stream("POST", f"{url}/v1/reviews:stream", json=request, timeout=30) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        name = None
        for line in response.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                events.append((time.perf_counter() - started, name or "message", json.loads(line[6:])))
    return events


def test_stream_sends_rules_first_then_each_rubric_then_the_result(live: Callable[..., LiveServer]) -> None:
    model = FakeModel(scores={"creepiness": 3}, quotes={"creepiness": ["looked at strollers"]})

    def slow(req: dict[str, Any]) -> Reply:
        reply = model(req)
        reply.delay_s = 1.0 if rubric_of(req) else 0.0
        return reply

    with OpenAIStandin(slow) as llm:
        server = live(
            **llm_settings(llm),
            rewrite_attempts=1,
        )
        events = _events(server.url, {**DRAFT, "rewrite": False})
    names = [name for _, name, _ in events]
    assert names[0] == "rules" and names[-1] == "result"
    assert sorted(d["rubric"] for _, n, d in events if n == "rubric") == ["creepiness", "overreach", "stereotyping"]
    rules_at = events[0][0]
    first_rubric_at = min(t for t, n, _ in events if n == "rubric")
    assert first_rubric_at - rules_at >= 0.5  # the rules arrive well before the slow (1 s) judge answers
    result = events[-1][2]
    assert result["scores"]["creepiness"]["score"] == 3 and result["meta"]["judge"] == "llm"


def test_languagetool_client_uses_the_service(live: Callable[..., LiveServer]) -> None:
    server = live(open_access=True)
    tool = language_tool_python.LanguageTool("en-US", remote_server=server.url)
    try:
        text = "🎉 Hi ,\nAs a busy mom, you need a break. Treat your wife."
        matches = tool.check(text)
    finally:
        tool.close()
    assert matches, "the reviewer's findings come back as LanguageTool matches"
    by_rule = {m.rule_id: m for m in matches}
    assert {"STEREOTYPING_ROLE_CLAIM", "STEREOTYPING_HOUSEHOLD", "DATA_QUALITY_EMPTY_FIELD"} <= set(by_rule)
    wife = by_rule["STEREOTYPING_HOUSEHOLD"]
    # The client turns LanguageTool's UTF-16 offsets into Python ones; after the 2-unit emoji, that only lands
    # on "your wife" because the service sent UTF-16 offsets.
    assert text[wife.offset : wife.offset + wife.error_length] == "your wife"
    assert wife.replacements == ["someone you love"] and wife.category == "STEREOTYPING"
    languages = httpx.get(f"{server.url}/v2/languages").json()
    assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in languages


def _fault(kind: str) -> Callable[[dict[str, Any]], Reply]:
    def respond(req: dict[str, Any]) -> Reply:
        if kind == "slow":
            return Reply(chat_completion("{}"), delay_s=5)
        if kind == "500":
            return Reply({"error": {"message": "boom"}}, status=500)
        if kind == "429":
            return Reply({"error": {"message": "quota"}}, status=429, headers={"Retry-After": "0"})
        if kind == "malformed":
            return Reply(chat_completion("score: very creepy"))
        if kind == "garbage_http":
            return Reply("<html>gateway</html>", status=502)
        if kind == "not_a_completion":
            return Reply('["a JSON list, not a chat completion"]')
        return Reply(drop=True)

    return respond


@pytest.mark.parametrize(
    "kind,reason",
    [
        ("slow", "timeout"),
        ("500", "server_error"),
        ("429", "rate_limited"),
        ("malformed", "grade_parse_failure"),
        ("garbage_http", "server_error"),
        ("not_a_completion", "malformed_response"),
        ("dropped", "unreachable"),
    ],
)
def test_a_failing_llm_still_answers_200_degraded(live: Callable[..., LiveServer], kind: str, reason: str) -> None:
    with OpenAIStandin(_fault(kind)) as llm:
        server = live(
            **llm_settings(llm),
            llm_timeout_s=0.5,
            llm_max_retries=1,
        )
        r = httpx.post(f"{server.url}/v1/reviews", json={**DRAFT, "rewrite": False}, timeout=30)
        metrics = httpx.get(f"{server.url}/metrics").text
    assert r.status_code == 200
    data = r.json()
    assert data["meta"]["degraded"] is True
    assert {s["unscored_reason"] for s in data["scores"].values()} == {reason}
    assert data["scores"]["creepiness"]["score"] == 3  # the rules' floor stands
    assert "reviewer_degraded_total 1.0" in metrics
    assert f'reviewer_llm_errors_total{{reason="{reason}"}} 3.0' in metrics


def test_request_deadline_falls_back_to_the_rules(live: Callable[..., LiveServer]) -> None:
    with OpenAIStandin(lambda req: Reply(chat_completion("{}"), delay_s=3)) as llm:
        server = live(
            **llm_settings(llm),
            llm_timeout_s=10,
            request_deadline_s=0.5,
        )
        started = time.perf_counter()
        r = httpx.post(f"{server.url}/v1/reviews", json={**DRAFT, "rewrite": False}, timeout=30)
        elapsed = time.perf_counter() - started
    assert r.status_code == 200 and r.json()["meta"]["degraded"] is True
    assert r.json()["meta"]["judge"] == "rules" and elapsed < 2.5
    assert any("did not finish within 0.5 s" in n for n in r.json()["meta"]["notes"])


def test_readyz_reports_an_unreachable_llm(live: Callable[..., LiveServer]) -> None:
    server = live(open_access=True, openai_base_url="http://127.0.0.1:9/v1", openai_api_key="x", judge="llm")
    r = httpx.get(f"{server.url}/readyz")
    assert r.status_code == 503 and r.json()["llm"].startswith("unreachable")
