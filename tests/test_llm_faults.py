"""Faults after the server answered: a body cut off or stalled mid-answer, an answer too large to read.

Each is its own unscored reason, told apart from a server that cannot be reached, and the rules' floor stands.
"""

import json
from collections.abc import Callable
from pathlib import Path

from reviewer import Reviewer
from reviewer.judges.backends.scripted import ScriptedBackend
from reviewer.settings import Settings
from reviewer.testing import OpenAIStandin, Reply, chat_completion
from tests.conftest import free_port
from tests.llm_model import judgement

Serve = Callable[..., tuple[OpenAIStandin, Reviewer]]

DRAFT = {
    "message": {"channel": "email", "body": "Hi Jane, you looked at strollers 4 times this week. Sale ends Sunday."},
    "context": {"name": {"first": "Jane"}, "observed_signals": [{"kind": "browsing", "detail": "strollers"}]},
    "rewrite": False,
}
ANSWER = chat_completion(json.dumps(judgement({"creepiness": 4})))


async def _floor() -> dict[str, int]:
    result = await Reviewer(Settings(judge="rules")).review(DRAFT)
    return {rid: s.score for rid, s in result.scores.items()}


async def test_an_answer_cut_mid_body_is_an_incomplete_response_not_an_unreachable_server(
    serve: Serve, tmp_path: Path
) -> None:
    srv, reviewer = serve(lambda req: Reply(ANSWER, cut_after=60))
    result = await reviewer.review(DRAFT)
    assert len(srv.requests) == 1 and result.meta.degraded
    assert {s.unscored_reason for s in result.scores.values()} == {"incomplete_response"}
    why = result.scores["creepiness"].rationale
    assert "the LLM server closed the connection mid-answer (incomplete response)" in why and "check" in why
    assert {rid: s.score for rid, s in result.scores.items()} == await _floor()
    # a server that is not there at all is still "unreachable"
    nowhere = Settings(
        openai_base_url=f"http://127.0.0.1:{free_port()}/v1", openai_api_key="sk-test", llm_state_dir=tmp_path
    )
    async with Reviewer(nowhere, judge="llm") as refused:
        gone = await refused.review(DRAFT)
    assert {s.unscored_reason for s in gone.scores.values()} == {"unreachable"}
    assert "cannot connect" in gone.scores["creepiness"].rationale


async def test_an_answer_that_stops_arriving_mid_body_times_out(serve: Serve) -> None:
    srv, reviewer = serve(lambda req: Reply(ANSWER, cut_after=60, hold_s=5), llm_timeout_s=0.3)
    result = await reviewer.review(DRAFT)
    assert {s.unscored_reason for s in result.scores.values()} == {"timeout"}
    assert "the answer stopped arriving for 0.3s" in result.scores["creepiness"].rationale
    assert {rid: s.score for rid, s in result.scores.items()} == await _floor()


async def test_an_answer_over_the_limit_is_not_parsed_whichever_backend_read_it(tmp_path: Path) -> None:
    settings = Settings(llm_state_dir=tmp_path)
    assert settings.answer_limit() == 16 * 1200 + 4096  # a few times what REVIEWER_LLM_MAX_TOKENS allows
    huge = json.dumps(judgement({"creepiness": 4}, reasoning="x" * 5_000_000))
    rewrite = json.dumps({"subject": None, "body": "Hi Jane, our sale ends Sunday. " * 200_000})
    reviewer = Reviewer(settings, backend=ScriptedBackend([huge, rewrite]))
    result = await reviewer.review({**DRAFT, "rewrite": True})
    assert {s.unscored_reason for s in result.scores.values()} == {"answer_too_large"}
    assert "over 23,296 bytes (REVIEWER_LLM_MAX_ANSWER_BYTES)" in result.scores["overreach"].rationale
    assert result.rewrite is None
    assert any(n.startswith("rewrite attempt 1: rewrite call failed: answer_too_large") for n in result.meta.notes)
    assert len(result.model_dump_json()) < 20_000
