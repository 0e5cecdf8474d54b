"""The evaluation suite: the committed cases, the runner's reports, the cache and the gate."""

import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from reviewer.evals import load_cases
from reviewer.testing import OpenAIStandin
from tests.conftest import run_reviewer
from tests.llm_model import FakeModel

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "evals" / "cases"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_reviewer("eval", *args, env=env)


def test_the_committed_suite_meets_its_own_coverage_rules() -> None:
    cases = load_cases([CASES])
    holdout = load_cases([CASES / "holdout"])
    assert len(cases) >= 250 and len(holdout) >= 50
    assert sum(c.is_clean() for c in cases) / len(cases) >= 0.40
    assert sum(c.is_clean() for c in holdout) / len(holdout) >= 0.40
    for rubric in ("creepiness", "stereotyping", "overreach"):
        assert set(Counter(c.labels[rubric] for c in cases)) == {0, 1, 2, 3, 4}, rubric
    assert {c.message.channel for c in cases} == {"email", "sms", "push", "chat", "ivr"}
    tags = {t for c in cases for t in c.tags}
    assert {"injection", "lookalike", "html", "long", "template", "merge-tag"} <= tags
    for case in cases:
        assert case.notes, case.id
        for item in case.must_flag:
            assert item.quote in case.message.body, (case.id, item.quote)


def _small_cases(tmp_path: Path) -> Path:
    zero = {"creepiness": 0, "stereotyping": 0, "overreach": 0}
    rows = [
        {
            "id": "a",
            "message": {"channel": "email", "body": "We noticed you looked at this 4 times."},
            "labels": {**zero, "creepiness": 3},
            "must_flag": [{"rubric": "creepiness", "quote": "4 times"}],
        },
        {"id": "b", "message": {"channel": "email", "body": "Your order shipped."}, "labels": zero},
        {
            "id": "c",
            "message": {"channel": "email", "body": "Hi ,\nyour order shipped."},
            "labels": zero,
            "must_flag": [{"rubric": "data_quality", "quote": "Hi ,"}],
        },
        {
            "id": "d",
            "message": {"channel": "sms", "body": "Dear Mrs. Kay, your parcel is here."},
            "context": {"name": {"last": "Kay"}},
            "labels": {**zero, "stereotyping": 2},
            "must_flag": [{"rubric": "stereotyping", "quote": "Mrs. Kay"}],
            "extra_field_from_another_tool": 1,
        },
    ]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def test_reports_markdown_junit_html_and_step_summary(tmp_path: Path) -> None:
    cases = _small_cases(tmp_path)
    summary = tmp_path / "step_summary.md"
    out = run(
        "--cases",
        str(cases),
        "--judge",
        "rules",
        "--report-json",
        str(tmp_path / "r.json"),
        "--junit",
        str(tmp_path / "j.xml"),
        "--html",
        str(tmp_path / "r.html"),
        "--markdown",
        str(tmp_path / "r.md"),
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert out.returncode == 0, out.stderr
    rep = json.loads((tmp_path / "r.json").read_text())
    assert rep["overall"]["blunder_detection"] == 1.0 and rep["overall"]["must_flag_recall"] == 1.0
    assert [c["expected_verdict"] for c in rep["cases"]] == ["block", "pass", None, "revise"]
    suite = ET.parse(tmp_path / "j.xml").getroot()
    assert suite.get("tests") == "4" and [tc.get("name") for tc in suite] == ["a", "b", "c", "d"]
    page = (tmp_path / "r.html").read_text()
    assert page.count("<svg") == 3 and "confusion matrix for creepiness" in page
    assert "| creepiness |" in (tmp_path / "r.md").read_text()
    assert "| creepiness |" in summary.read_text()


def test_junit_marks_failed_cases(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    zero = {"creepiness": 0, "stereotyping": 0, "overreach": 0}
    path.write_text(
        json.dumps(
            {
                "id": "missed",
                "message": {"channel": "email", "body": "Plain text here."},
                "labels": {**zero, "overreach": 3},
                "must_flag": [{"rubric": "overreach", "quote": "Plain text"}],
            }
        )
        + "\n"
    )
    config = tmp_path / "eval.toml"  # a gate that fails: the case's miss is then a JUnit failure
    config.write_text('[gate]\n[gate.minimum]\n"overall.must_flag_recall" = 1.0\n')
    out = run(
        "--cases",
        str(path),
        "--judge",
        "rules",
        "--config",
        str(config),
        "--junit",
        str(tmp_path / "j.xml"),
        "--html",
        str(tmp_path / "h"),
    )
    assert out.returncode == 1
    case, gate = ET.parse(tmp_path / "j.xml").getroot()
    assert gate.get("name") == "gate" and gate.find("failure") is not None
    failure = case.find("failure")
    assert failure is not None and "overreach: labelled 3, predicted 0" in (failure.text or "")
    assert "must_flag span missed" in (tmp_path / "h").read_text() and "Plain text" in (tmp_path / "h").read_text()


def test_config_bounds_fail_the_gate(tmp_path: Path) -> None:
    config = tmp_path / "eval.toml"
    config.write_text('[gate]\ntolerance = 0.0\n[gate.minimum]\n"overall.must_flag_recall" = 1.01\n')
    out = run("--cases", str(_small_cases(tmp_path)), "--judge", "rules", "--config", str(config))
    assert out.returncode == 1 and "overall.must_flag_recall: 1.000 is below the minimum 1.01" in out.stderr
    config.write_text("[gate\n")
    bad = run("--cases", str(_small_cases(tmp_path)), "--judge", "rules", "--config", str(config))
    assert bad.returncode == 2 and "not valid TOML" in bad.stderr


def _llm_env(srv: OpenAIStandin) -> dict[str, str]:
    return {
        "OPENAI_BASE_URL": srv.base_url,
        "OPENAI_API_KEY": "sk-test",
        "REVIEWER_MODEL": "gpt-4o-mini",
        "REVIEWER_LLM_MAX_RETRIES": "0",
    }


def test_cache_record_replay_and_repeat(tmp_path: Path) -> None:
    cases = _small_cases(tmp_path)
    cassette = tmp_path / "cassette.json"
    with OpenAIStandin(FakeModel(scores={"creepiness": 3}, quotes={"creepiness": ["4 times"]})) as srv:
        first = run(
            "--cases",
            str(cases),
            "--cache",
            str(cassette),
            "--report-json",
            str(tmp_path / "1.json"),
            env=_llm_env(srv),
        )
        assert first.returncode == 0, first.stderr
        calls = len(srv.requests)
        assert calls > 0 and f"{calls} misses" in first.stderr
        second = run("--cases", str(cases), "--cache", str(cassette), "--repeat", "2", env=_llm_env(srv))
        assert second.returncode == 0, second.stderr
        assert len(srv.requests) == calls, "an unchanged case was paid for twice"
        assert "score spread over 2 runs: mean 0.000, max 0, 0 unstable case(s)" in second.stdout
    rep = json.loads((tmp_path / "1.json").read_text())
    assert rep["judge"] == "llm" and rep["overall"]["tokens"]["prompt"] > 0
    assert rep["overall"]["cost_usd"] > 0  # priced from evals/eval.toml
    # replay needs no key and no server
    replay = run("--cases", str(cases), "--replay", str(cassette))
    assert replay.returncode == 0, replay.stderr
    assert "requests were not in the cassette" not in replay.stderr


def test_replay_refuses_other_prompt_versions(tmp_path: Path) -> None:
    cases = _small_cases(tmp_path)
    cassette = tmp_path / "cassette.json"
    with OpenAIStandin(FakeModel()) as srv:
        assert run("--cases", str(cases), "--record", str(cassette), env=_llm_env(srv)).returncode == 0
    data: dict[str, Any] = json.loads(cassette.read_text())
    data["prompt_versions"]["creepiness"] = "0.9.0"
    cassette.write_text(json.dumps(data))
    out = run("--cases", str(cases), "--replay", str(cassette))
    assert out.returncode == 2 and "recorded with prompt versions" in out.stderr and "--record" in out.stderr


def test_replay_without_cassette_and_record_without_llm_say_what_to_do(tmp_path: Path) -> None:
    cases = _small_cases(tmp_path)
    missing = run("--cases", str(cases), "--replay", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "no such cassette" in missing.stderr
    nokey = run("--cases", str(cases), "--record", str(tmp_path / "c.json"))
    assert nokey.returncode == 2 and "set OPENAI_API_KEY or OPENAI_BASE_URL" in nokey.stderr


@pytest.mark.parametrize("split", ["holdout"])
def test_the_rules_judge_on_the_holdout_split_reports(split: str, tmp_path: Path) -> None:
    out = run("--cases", str(CASES / split), "--judge", "rules", "--report-json", str(tmp_path / "h.json"))
    assert out.returncode == 0, out.stderr
    assert json.loads((tmp_path / "h.json").read_text())["overall"]["cases"] >= 50
