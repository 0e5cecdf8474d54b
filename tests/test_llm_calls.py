"""What the LLM path sends: calls per review by case, a cacheable prefix, honest failures, real-server quirks.

Every test speaks the real wire protocol through the real openai client to a recording stand-in on 127.0.0.1.
"""

import functools
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reviewer import Reviewer
from reviewer.errors import ConfigurationError
from reviewer.evals.config import EvalConfig, check_bounds
from reviewer.settings import Settings
from reviewer.testing import OpenAIStandin, Reply, chat_completion
from tests.llm_model import FakeModel, is_rewrite, judgement, rubrics_of

CLEAN = {
    "message": {"channel": "email", "subject": "Your order", "body": "Hi Sam, your order #4471 has shipped."},
    "context": {"name": {"first": "Sam"}},
}
FLAGGED = {
    "message": {
        "channel": "email",
        "subject": "Something for you",
        "body": "Hi Jane,\nYou looked at strollers this week. Our stroller sale ends Sunday: www.shop.example/s",
    },
    "context": {
        "name": {"first": "Jane", "last": "Roe"},
        "observed_signals": [{"kind": "browsing", "detail": "strollers", "days_ago": 2}],
    },
}
FIXED = "Hi <FIRST_NAME>,\nOur stroller sale ends Sunday: www.shop.example/s"

Serve = Callable[..., tuple[OpenAIStandin, Reviewer]]


@pytest.fixture
def serve(serve: Serve) -> Serve:
    """The shared stand-in fixture, counting tokens and cached prefixes like a real server."""
    return functools.partial(serve, count_tokens=True)


# --- calls per review, by case -------------------------------------------------------------------------------


async def test_a_clean_draft_costs_one_call(serve: Serve) -> None:
    srv, reviewer = serve(FakeModel())
    result = await reviewer.review(CLEAN)
    assert result.verdict == "pass" and result.rewrite is None
    assert len(srv.requests) == 1
    assert set(srv.requests[0]["response_format"]["json_schema"]["schema"]["properties"]["rubrics"]["required"]) == {
        "creepiness",
        "stereotyping",
        "overreach",
    }


async def test_a_flagged_draft_whose_rewrite_verifies_costs_three_calls(serve: Serve) -> None:
    model = FakeModel(scores={"creepiness": 3}, quotes={"creepiness": ["looked at strollers"]}, rewrites=[FIXED])
    srv, reviewer = serve(model)
    result = await reviewer.review(FLAGGED)
    assert result.rewrite is not None and result.rewrite.verified
    assert [is_rewrite(r) for r in srv.requests] == [False, True, False]  # judge, rewrite, verify


async def test_a_rewrite_that_never_verifies_is_bounded_by_the_settings(serve: Serve) -> None:
    bad = "Hi <FIRST_NAME>, you looked at strollers! Sale: www.shop.example/s"
    model = FakeModel(scores={"creepiness": 3}, quotes={"creepiness": ["looked at strollers"]}, rewrites=[bad])
    srv, reviewer = serve(model, rewrite_attempts=2)
    result = await reviewer.review(FLAGGED)
    assert result.rewrite is not None and not result.rewrite.verified
    assert len(srv.requests) == 1 + 2 * 2
    second_rewrite = [r for r in srv.requests if is_rewrite(r)][1]["messages"][-1]["content"]
    assert "Your previous rewrite was rejected" in second_rewrite and "looked at strollers" in second_rewrite


async def test_consent_problems_say_do_not_send_instead_of_a_rewrite(serve: Serve) -> None:
    srv, reviewer = serve(FakeModel(rewrites=["should never be asked for"]))
    request = {
        "message": {"channel": "sms", "body": "Flash sale! 30% off everything today only: shop.example/sale"},
        "context": {"consent": {"marketing_sms": False}},
    }
    result = await reviewer.review(request)
    assert result.verdict == "block" and result.rewrite is None
    assert any(n.startswith("do not send:") for n in result.meta.notes)
    assert len(srv.requests) == 1  # the judging call only


async def test_an_sms_rewrite_past_the_length_limit_is_not_verified(serve: Serve) -> None:
    long = "Hi <FIRST_NAME>, " + "our stroller sale is on with many great deals for everyone " * 4 + "shop.example/s"
    model = FakeModel(scores={"creepiness": 3}, quotes={"creepiness": ["looked at strollers"]}, rewrites=[long])
    srv, reviewer = serve(model, rewrite_attempts=1)
    request = {
        "message": {"channel": "sms", "body": "Hi Jane, you looked at strollers. Sale: shop.example/s"},
        "context": FLAGGED["context"],
    }
    result = await reviewer.review(request)
    assert result.rewrite is not None and not result.rewrite.verified
    assert any("the sms limit is 160" in n for n in result.rewrite.notes)
    rewrite_prompt = [r for r in srv.requests if is_rewrite(r)][0]["messages"][-1]["content"]
    assert "length limit: 160 characters" in rewrite_prompt


async def test_a_fix_may_drop_a_placeholder_inside_a_flagged_span(serve: Serve) -> None:
    request = {
        "message": {"channel": "email", "body": "Dear Mrs. Roe, our autumn range is in: shop.example/autumn"},
        "context": {"name": {"first": "Jane", "last": "Roe"}},
    }
    model = FakeModel(rewrites=["Hello, our autumn range is in: shop.example/autumn"])
    srv, reviewer = serve(model)
    result = await reviewer.review(request)
    assert any(f.rule_id == "stereotyping.honorific" for f in result.findings)
    assert result.rewrite is not None and result.rewrite.verified, result.rewrite


# --- the prefix ------------------------------------------------------------------------------------------------


def _prefix(a: bytes, b: bytes) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


async def test_the_prefix_is_byte_identical_across_drafts_and_the_data_comes_after_it(serve: Serve) -> None:
    srv, reviewer = serve(FakeModel())
    await reviewer.review({**CLEAN, "rewrite": False})
    await reviewer.review({**FLAGGED, "rewrite": False})
    first, second = (r["messages"] for r in srv.requests)
    assert first[0] == second[0]  # the whole system message
    raw = [json.dumps(r["messages"]).encode() for r in srv.requests]
    shared = _prefix(raw[0], raw[1])
    head, _, tail = raw[0][:shared].decode().rpartition('"content": "fence token: ')
    assert head and len(tail) < 16  # shared up to the per-request nonce, which differs
    for body in ("your order #4471 has shipped", "You looked at strollers"):
        assert body not in first[0]["content"] and body not in second[0]["content"]
    assert "at most 3 in 7 days" in first[0]["content"]  # thresholds from the settings
    # the server's prompt cache serves the prefix of the second review, and the review reports it
    tokens = [srv_usage(srv, i) for i in range(2)]
    assert tokens[0]["prompt_tokens_details"]["cached_tokens"] == 0
    assert tokens[1]["prompt_tokens_details"]["cached_tokens"] >= 1024


def srv_usage(srv: OpenAIStandin, index: int) -> dict[str, Any]:
    """The usage block the stand-in counted for request ``index`` (recomputed: it is deterministic)."""
    from reviewer.testing.openai_standin import PromptCache, prompt_tokens

    cache = PromptCache()
    usage: dict[str, Any] = {}
    for request in srv.requests[: index + 1]:
        tokens = prompt_tokens(request)
        usage = {"prompt_tokens": len(tokens), "prompt_tokens_details": {"cached_tokens": cache.cached(tokens)}}
    return usage


async def test_cached_tokens_reach_the_review_meta(serve: Serve) -> None:
    srv, reviewer = serve(FakeModel())
    first = await reviewer.review({**CLEAN, "rewrite": False})
    second = await reviewer.review({**FLAGGED, "rewrite": False})
    assert first.meta.tokens is not None and first.meta.tokens.cached == 0
    assert second.meta.tokens is not None and second.meta.tokens.cached >= 1024
    assert second.meta.tokens.prompt > second.meta.tokens.cached


# --- honest failure -------------------------------------------------------------------------------------------


def test_llm_judge_without_key_or_base_url_refuses_to_start() -> None:
    with pytest.raises(ConfigurationError, match="set OPENAI_API_KEY or OPENAI_BASE_URL"):
        Reviewer(Settings(openai_api_key=None, openai_base_url=None), judge="llm")


def _cli(args: list[str], env: dict[str, str], stdin: str) -> subprocess.CompletedProcess[str]:
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "REVIEWER_"))}
    return subprocess.run(
        [sys.executable, "-m", "reviewer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**clean_env, **env},
        timeout=60,
    )


def test_cli_judge_llm_without_key_or_base_url_exits_2_with_one_line() -> None:
    # A proxy that does not exist: any attempt to reach the hosted API would fail differently (and slowly).
    env = {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    out = _cli(["review", "-", "--judge", "llm"], env, json.dumps(CLEAN))
    assert out.returncode == 2, out
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "OPENAI_BASE_URL" in lines[0] and "--judge rules" in lines[0]


def test_cli_fail_on_treats_an_unscored_rubric_as_unknown(tmp_path: Path) -> None:
    with OpenAIStandin(lambda req: Reply(chat_completion("I cannot judge this."))) as srv:
        env = {
            "OPENAI_BASE_URL": srv.base_url,
            "REVIEWER_MODEL": "standin",
            "REVIEWER_LLM_STATE_DIR": str(tmp_path),
        }
        out = _cli(["review", "-", "--judge", "llm", "--fail-on", "block", "--no-rewrite"], env, json.dumps(CLEAN))
        without_gate = _cli(["review", "-", "--judge", "llm", "--format", "json"], env, json.dumps(CLEAN))
    assert out.returncode == 1, out
    assert "verdict unknown" in out.stderr and "grade_parse_failure" in out.stderr
    result = json.loads(without_gate.stdout)
    assert result["verdict"] == "revise"  # not a pass: nothing was judged
    assert any(n.startswith("verdict unknown:") for n in result["meta"]["notes"])


async def test_an_unscored_review_is_not_a_pass_and_says_so(serve: Serve) -> None:
    srv, reviewer = serve(lambda req: Reply(chat_completion("no JSON here")))
    result = await reviewer.review(CLEAN)
    assert result.verdict == "revise" and result.rewrite is None  # nothing to rewrite: the verdict is unknown
    assert any(n.startswith("verdict unknown:") for n in result.meta.notes)
    assert len(srv.requests) == 1


async def test_a_rubric_missing_from_the_answer_is_unscored_alone(serve: Serve) -> None:
    answer = judgement({"overreach": 1})
    del answer["rubrics"]["stereotyping"]
    srv, reviewer = serve(lambda req: Reply(chat_completion(json.dumps(answer))))
    result = await reviewer.review({**CLEAN, "rewrite": False})
    assert result.scores["stereotyping"].unscored_reason == "missing_from_answer"
    assert result.scores["overreach"].score == 1 and result.scores["overreach"].unscored_reason is None


def test_the_eval_gate_fails_on_unscored_rubrics() -> None:
    report = {"overall": {"unscored": 2}, "rubrics": {}}
    problems = check_bounds(report, EvalConfig(tolerance=0.02, minimum={}, maximum={}, prices={}))
    assert problems and "unscored" in problems[0] and "not a pass" in problems[0]


async def test_a_timed_out_call_is_cancelled_not_retried(serve: Serve) -> None:
    srv, reviewer = serve(lambda req: Reply(chat_completion("{}"), delay_s=2), llm_timeout_s=0.3, llm_max_retries=2)
    result = await reviewer.review({**CLEAN, "rewrite": False})
    assert {s.unscored_reason for s in result.scores.values()} == {"timeout"}
    assert len(srv.requests) == 1  # not re-sent to a server still busy with it
    for _ in range(100):
        if srv.abandoned:
            break
        await __import__("asyncio").sleep(0.02)
    assert srv.abandoned == 1  # the client hung up: the server stops computing


async def test_server_errors_after_a_mode_worked_are_retried(serve: Serve) -> None:
    calls = {"n": 0}

    def flaky(req: dict[str, Any]) -> Reply:
        calls["n"] += 1
        if calls["n"] == 2:
            return Reply({"error": {"message": "overloaded"}}, status=503, headers={"Retry-After": "0"})
        return FakeModel()(req)

    srv, reviewer = serve(flaky, llm_max_retries=1)
    await reviewer.review({**CLEAN, "rewrite": False})
    result = await reviewer.review({**CLEAN, "rewrite": False})
    assert not result.meta.degraded
    assert [r["response_format"]["type"] for r in srv.requests] == ["json_schema"] * 3


# --- real-server quirks ----------------------------------------------------------------------------------------


def llama_cpp(model: FakeModel) -> Callable[[dict[str, Any]], Reply]:
    """Like llama.cpp's server: HTTP 500 on json_schema; grammar output with raw newlines inside strings."""

    def answer(req: dict[str, Any]) -> Reply:
        fmt = (req.get("response_format") or {}).get("type")
        if fmt == "json_schema":
            return Reply({"error": {"code": 500, "message": "Unrecognized schema"}}, status=500)
        reply = model(req)
        assert isinstance(reply.body, dict)
        content = reply.body["choices"][0]["message"]["content"]
        reply.body["choices"][0]["message"]["content"] = content.replace("judged", "judged\non two lines")
        reply.body["usage"] = {"prompt_tokens": 10}  # partial usage block
        return reply

    return answer


async def test_llama_cpp_refusal_is_learned_once_and_remembered_across_processes(serve: Serve, tmp_path: Path) -> None:
    state = tmp_path / "shared-state"
    srv, reviewer = serve(
        llama_cpp(FakeModel(scores={"overreach": 2})), llm_max_retries=2, llm_state_dir=state, count_tokens=False
    )
    result = await reviewer.review({**CLEAN, "rewrite": False})
    assert result.scores["overreach"].score == 2 and not result.meta.degraded
    assert "on two lines" in result.scores["overreach"].rationale
    kinds = [r["response_format"]["type"] for r in srv.requests]
    assert kinds == ["json_schema", "json_object"]  # one refusal, no SDK retries of it
    assert result.meta.tokens is not None and result.meta.tokens.prompt == 10 and result.meta.tokens.completion == 0
    remembered = json.loads((state / "output-modes.json").read_text())
    assert remembered == {f"{srv.base_url} standin": "json_object"}
    # a new process (a new reviewer, same server) starts at the mode that worked
    again = Reviewer(reviewer.settings, judge="llm")
    try:
        await again.review({**CLEAN, "rewrite": False})
    finally:
        await again.aclose()
    assert [r["response_format"]["type"] for r in srv.requests[2:]] == ["json_object"]


async def test_strict_json_schema_is_sent_where_accepted(serve: Serve) -> None:
    srv, reviewer = serve(FakeModel())
    await reviewer.review({**CLEAN, "rewrite": False})
    fmt = srv.requests[0]["response_format"]
    assert fmt["json_schema"]["strict"] is True
    schema = fmt["json_schema"]["schema"]
    assert schema["properties"]["rubrics"]["properties"]["creepiness"] == {"$ref": "#/$defs/rubric"}
    rubric = schema["$defs"]["rubric"]
    assert list(rubric["properties"]) == ["evidence", "reasoning", "score"]  # evidence, then reasoning, then score
    assert rubric["additionalProperties"] is False


@pytest.mark.parametrize(
    "wrap",
    [
        lambda a: f"<think>\nThe user wants {{json}}. Creepiness: they looked at strollers...\n</think>\n{a}",
        lambda a: f"```json\n{a}\n```",
        lambda a: f"<think>ok</think>\n\nHere you go:\n```\n{a}\n```\nHope this helps.",
    ],
    ids=["reasoning-model", "code-fence", "both"],
)
async def test_answers_wrapped_like_real_models_are_parsed(serve: Serve, wrap: Callable[[str], str]) -> None:
    answer = json.dumps(judgement({"creepiness": 3}, {"creepiness": ["looked at strollers"]}))
    srv, reviewer = serve(lambda req: Reply({**chat_completion(wrap(answer)), "usage": None}))
    result = await reviewer.review({**FLAGGED, "rewrite": False})
    assert result.scores["creepiness"].score == 3 and not result.meta.degraded
    assert [f.quote for f in result.findings if f.source == "llm"] == ["looked at strollers"]


async def test_severity_zero_evidence_is_not_a_finding(serve: Serve) -> None:
    answer = judgement({})
    answer["rubrics"]["creepiness"]["evidence"] = [
        {"quote": "your order", "problem": "fine", "severity": 0, "suggestion": None}
    ]
    srv, reviewer = serve(lambda req: Reply(chat_completion(json.dumps(answer))))
    result = await reviewer.review({**CLEAN, "rewrite": False})
    assert [f for f in result.findings if f.source == "llm"] == []


async def test_rule_findings_are_offered_to_their_own_rubric_only(serve: Serve) -> None:
    srv, reviewer = serve(FakeModel())
    await reviewer.review({**FLAGGED, "rewrite": False})
    user = srv.requests[0]["messages"][1]["content"]
    leads = user.split("rule findings to check, by rubric:\n", 1)[1]
    creepy, rest = leads.split("\nstereotyping:", 1)
    assert "creepiness.surveillance" in creepy
    assert "creepiness." not in rest and "(none)" in rest


@pytest.mark.parametrize("own_call", [False, True])
async def test_a_custom_rubric_joins_the_call_or_opts_into_its_own(
    serve: Serve, tmp_path: Path, own_call: bool
) -> None:
    extra = tmp_path / "prompts"
    extra.mkdir()
    text = (Path(__file__).parents[1] / "prompts" / "overreach.md").read_text()
    text = text.replace("id: overreach", "id: brand_voice", 1).replace("title: Overreach", "title: Brand voice", 1)
    if own_call:
        text = text.replace("kind: rubric\n", "kind: rubric\nown_call: true\n", 1)
    (extra / "brand_voice.md").write_text(text)
    srv, reviewer = serve(FakeModel(scores={"brand_voice": 2}), prompts_dir=extra)
    result = await reviewer.review({**CLEAN, "rewrite": False})
    assert result.scores["brand_voice"].score == 2 and not result.meta.degraded
    asked = sorted(sorted(rubrics_of(r)) for r in srv.requests)
    if own_call:
        assert asked == [["brand_voice"], ["creepiness", "overreach", "stereotyping"]]
    else:
        assert asked == [["brand_voice", "creepiness", "overreach", "stereotyping"]]
