"""The judge seam from outside the package: a backend and a judge kind registered by a test module alone."""

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import BaseMessage

from reviewer import Reviewer
from reviewer.catalogue import build_catalogue
from reviewer.errors import ConfigurationError, InputError
from reviewer.evals.cases import load_cases
from reviewer.judges import (
    Candidate,
    Completion,
    JudgeKit,
    Judgement,
    JudgeRequest,
    OnRubric,
    RewriteRequest,
    RubricJudgement,
    register_backend,
    register_judge,
)
from reviewer.models import Tokens
from reviewer.rubrics import load_prompts
from reviewer.settings import Settings
from reviewer.text import locate

DRAFT = {
    "message": {"channel": "email", "body": "Hi Ana, our spring range is in. Ana, you will love the trail shoes."},
    "context": {"name": {"first": "Ana"}, "consent": {"marketing_email": True}},
}


class _Quoting:
    """A backend that flags the sentence naming 'trail shoes' under every rubric and records what it was sent."""

    def __init__(self, settings: Settings) -> None:
        self.model: str | None = "quoting-1"
        self.sent: list[str] = []

    async def complete(self, messages: Sequence[BaseMessage], schema: dict[str, Any], name: str) -> Completion:
        self.sent.append("\n".join(str(m.content) for m in messages))
        if name == "rewrite":
            return Completion(json.dumps({"body": "Our spring range is in."}), Tokens(prompt=1, completion=1))
        answer = {
            "evidence": [{"quote": "<FIRST_NAME>, you will love", "problem": "Name again", "severity": 2}],
            "score": 2,
            "rationale": "Too familiar for <FIRST_NAME>.",
        }
        return Completion(json.dumps(answer), Tokens(prompt=10, completion=5))

    async def check(self) -> str | None:
        return None

    async def aclose(self) -> None:
        return None


def test_a_backend_registered_by_a_test_module_reviews_masked_text() -> None:
    made: list[_Quoting] = []

    @register_backend("test-quoting")
    def _factory(settings: Settings) -> _Quoting:
        made.append(_Quoting(settings))
        return made[-1]

    reviewer = Reviewer(Settings(judge="llm", backend="test-quoting"))
    result = reviewer.review_sync(DRAFT)
    assert result.meta.judge == "llm" and result.meta.model == "quoting-1"
    assert result.scores["overreach"].score == 2
    assert all("Ana" not in sent for sent in made[0].sent)  # the boundary masked the name before it left
    found = [f for f in result.findings if f.source == "llm"]
    assert found and all(DRAFT["message"]["body"][f.start : f.end] == f.quote for f in found)  # type: ignore[index]
    assert found[0].quote.startswith("Ana")
    assert "Ana" in result.scores["overreach"].rationale  # answers come back in the original's terms
    assert result.redaction.entities.get("FIRST_NAME", 0) >= 1


def test_an_unknown_backend_names_the_installed_ones() -> None:
    with pytest.raises(Exception, match="openai"):
        Reviewer(Settings(judge="llm", backend="no-such-backend"))


class _Constant:
    """A judge kind that scores every rubric 1 and adds nothing."""

    name = "constant"
    model: str | None = None
    sends_text_away = False

    async def judge(self, request: JudgeRequest, on_rubric: OnRubric | None = None) -> Judgement:
        return Judgement({r.id: RubricJudgement(1, "constant", source="rules") for r in request.rubrics})


class _NoRewrite:
    attempts = 1

    async def rewrite(self, request: RewriteRequest) -> Candidate:
        return Candidate(None, None, "no rewriter")


def test_a_judge_kind_registered_by_a_test_module_is_chosen_by_name() -> None:
    @register_judge("test-constant")
    def _kit(settings: Settings, prompts: Any, backend: Any) -> JudgeKit:
        return JudgeKit(_Constant(), _NoRewrite())

    result = Reviewer(judge="test-constant").review_sync(DRAFT)
    assert result.meta.judge == "constant"
    assert {s.score for s in result.scores.values()} >= {1}
    with pytest.raises(ConfigurationError, match="test-constant"):
        Reviewer(judge="no-such-kind")


def test_quote_location_survives_characters_that_change_length_when_lowered() -> None:
    text = "İstanbul trip: We Noticed you browsing"
    span = locate(text, "we noticed you")
    assert span is not None and text[span[0] : span[1]] == "We Noticed you"
    disguised = "Hi there, we\u200b noticed  you"
    span = locate(disguised, "we noticed you")
    assert span is not None and disguised[span[0] : span[1]].startswith("we")


def test_eval_cases_may_label_any_installed_rubric(tmp_path: Path) -> None:
    rubric = (Path(__file__).parents[1] / "prompts" / "overreach.md").read_text()
    extra = tmp_path / "prompts"
    extra.mkdir()
    (extra / "brand_voice.md").write_text(rubric.replace("id: overreach", "id: brand_voice", 1))
    case = {"id": "b1", **DRAFT, "labels": {"brand_voice": 2}, "must_flag": [{"rubric": "brand_voice", "quote": "Ana"}]}
    file = tmp_path / "cases.jsonl"
    file.write_text(json.dumps(case) + "\n")
    with pytest.raises(InputError, match="unknown rubric.*brand_voice"):
        load_cases([file])
    (loaded,) = load_cases([file], build_catalogue(load_prompts(extra)))
    assert loaded.labels == {"brand_voice": 2} and loaded.split == tmp_path.name


def test_the_scripted_backend_is_chosen_by_name_and_the_rules_stay_a_floor() -> None:
    draft = {
        "message": {"channel": "email", "body": "Dear Mrs. Lee, congratulations on your pregnancy!"},
        "context": {"inferred_attributes": [{"attribute": "likely_pregnant", "source": "purchase_pattern"}]},
        "rewrite": False,
    }
    result = Reviewer(Settings(judge="llm", backend="scripted")).review_sync(draft)
    assert result.meta.model == "scripted"
    assert result.scores["creepiness"].score == 4  # the scripted judge said 0; the rules' floor holds
    assert result.scores["creepiness"].source == "rules+llm"


def test_an_eval_run_labels_a_rubric_added_at_run_time(tmp_path: Path) -> None:
    rubric = (Path(__file__).parents[1] / "prompts" / "overreach.md").read_text()
    extra = tmp_path / "prompts"
    extra.mkdir()
    (extra / "brand_voice.md").write_text(rubric.replace("id: overreach", "id: brand_voice", 1))
    case = {"id": "b1", **DRAFT, "labels": {"brand_voice": 0, "overreach": 2}, "must_flag": []}
    case["must_flag"] = [{"rubric": "overreach", "quote": "Ana, you will love"}]
    (tmp_path / "cases.jsonl").write_text(json.dumps(case) + "\n")
    (tmp_path / "none.toml").write_text("[gate]\ntolerance = 0.02\n")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "reviewer",
            "eval",
            "--judge",
            "rules",
            "--cases",
            str(tmp_path / "cases.jsonl"),
            "--report-json",
            str(tmp_path / "r.json"),
            "--config",
            str(tmp_path / "none.toml"),
        ],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "REVIEWER_PROMPTS_DIR": str(extra)},
        timeout=120,
    )
    assert (tmp_path / "r.json").exists(), out.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    assert "brand_voice" in report["rubrics"] and report["cases"][0]["labels"]["brand_voice"] == 0
