"""The Batch API path against a stand-in for the Files and Batches endpoints, with the real openai client."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from reviewer.campaign.generator import FIRST, LAST
from reviewer.campaign.output import read_results
from tests.campaign.batch_standin import BatchStandin, minimal
from tests.conftest import ROOT, run_reviewer


def args(campaign: Path, out: Path, *extra: str) -> list[str]:
    return [
        "campaign",
        "--template",
        str(campaign / "template.json"),
        "--recipients",
        str(campaign / "recipients.csv"),
        "--out",
        str(out),
        "--map",
        "first_name=name.first",
        "--judge",
        "llm",
        "--batch",
        "--poll-interval",
        "0.05",
        *extra,
    ]


def env(standin: BatchStandin) -> dict[str, str]:
    return {"OPENAI_BASE_URL": standin.base_url, "OPENAI_API_KEY": "sk-test"}


def flag_greeting(body: dict[str, Any]) -> Any:
    """Every rubric clean, except creepiness quoting the greeting line (masked: 'Hi <FIRST_NAME>')."""
    answer = minimal(body["response_format"]["json_schema"]["schema"])
    rubric = answer["rubrics"]["creepiness"]
    rubric["score"] = 2
    user = body["messages"][-1]["content"]
    if "Hi <FIRST_NAME>" in user:
        rubric["evidence"] = [{"quote": "Hi <FIRST_NAME>", "problem": "test", "severity": 2, "suggestion": None}]
    return answer


def test_batch_masks_like_a_single_review_and_merges_every_answer(campaign: Path, tmp_path: Path) -> None:
    out = tmp_path / "batch.jsonl"
    with BatchStandin("complete", answer=flag_greeting) as standin:
        done = run_reviewer(*args(campaign, out), env=env(standin))
        assert done.returncode == 0, done.stderr
        uploaded = b"".join(standin.uploads).decode()
    lines = [json.loads(x) for x in uploaded.splitlines()]
    data = "\n".join(x["body"]["messages"][-1]["content"] for x in lines)  # the recipient's part of each call
    assert "<FIRST_NAME>" in data and "@example" not in data
    assert not [w for w in re.findall(r"\w+", data) if w in {*FIRST, *LAST}], "a name reached the LLM"
    rows = read_results(out)
    assert len(rows) == 320 and not any(r["degraded"] for r in rows)
    with_name = [r for r in rows if any(f["rule_id"] == "llm.creepiness" for f in r["findings"])]
    assert with_name, "the LLM's quotes were not mapped back"
    for row in with_name:
        finding = next(f for f in row["findings"] if f["rule_id"] == "llm.creepiness")
        assert finding["quote"].startswith("Hi ") and "<" not in finding["quote"]
    assert len({x["custom_id"] for x in lines}) == len(lines) <= 300  # one request per distinct case and call
    assert not out.with_name(out.name + ".batch").exists()


def test_a_failed_batch_stops_with_its_errors_and_resubmits_on_rerun(campaign: Path, tmp_path: Path) -> None:
    out = tmp_path / "failed.jsonl"
    with BatchStandin("fail") as standin:
        done = run_reviewer(*args(campaign, out), env=env(standin))
        assert done.returncode == 2 and "no such model" in done.stderr and "rerun" in done.stderr
        assert not out.exists()
        standin.mode = "complete"
        again = run_reviewer(*args(campaign, out), env=env(standin))
        assert again.returncode == 0, again.stderr
        assert len(standin.batches) == 2


def test_an_expired_batch_merges_what_finished_and_marks_the_rest_degraded(campaign: Path, tmp_path: Path) -> None:
    out = tmp_path / "expired.jsonl"
    with BatchStandin("expire") as standin:
        done = run_reviewer(*args(campaign, out), env=env(standin))
    assert done.returncode == 0, done.stderr
    assert "expired" in done.stderr
    rows = read_results(out)
    degraded = sum(r["degraded"] for r in rows)
    assert 0 < degraded < len(rows)


def saved_batches(state: Path) -> list[str]:
    """The batch ids a run saved for its round under way."""
    return list(json.loads(state.read_text())["batches"].values()) if state.exists() else []


@pytest.mark.parametrize("named", [False, True], ids=["saved", "batch-id"])
def test_a_run_resumes_from_the_saved_batch_id_or_a_named_one(campaign: Path, tmp_path: Path, named: bool) -> None:
    out = tmp_path / "resumed.jsonl"
    state = out.with_name(out.name + ".batch") / "state.json"
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "REVIEWER_"))}
    with BatchStandin("complete", polls=10_000) as standin:
        first = subprocess.Popen(
            [sys.executable, "-m", "reviewer", *args(campaign, out)],
            cwd=ROOT,
            env={**environ, **env(standin)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while not saved_batches(state):
            assert first.poll() is None and time.monotonic() < deadline, "the batch was never created"
            time.sleep(0.05)
        first.kill()
        first.wait()
        assert saved_batches(state) == ["batch_1"] and not out.exists()
        standin.polls = 0
        if named:  # the saved state is lost; the batch's id is enough
            shutil.rmtree(state.parent)
        resumed = run_reviewer(*args(campaign, out, *(["--batch-id", "batch_1"] if named else [])), env=env(standin))
        assert resumed.returncode == 0, resumed.stderr
        assert "resuming batch batch_1" in resumed.stderr and len(standin.batches) == 1
        rows = read_results(out)
        assert len(rows) == 320 and not any(r["degraded"] for r in rows)
