import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from reviewer import Reviewer
from reviewer.campaign.generator import generate, write_csv
from reviewer.campaign.output import read_results
from reviewer.campaign.recipients import read_rows
from reviewer.campaign.review import outcome
from reviewer.campaign.rows import Layout
from tests.campaign.conftest import builder_for
from tests.conftest import ROOT, run_reviewer

MAP = ["--map", "first_name=name.first"]


def campaign_args(folder: Path, out: Path, *extra: str) -> list[str]:
    return [
        "campaign",
        "--template",
        str(folder / "template.json"),
        "--recipients",
        str(folder / "recipients.csv"),
        "--out",
        str(out),
        *MAP,
        *extra,
    ]


@pytest.fixture(scope="module")
def run(campaign: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = campaign / "results.parquet"
    done = run_reviewer(*campaign_args(campaign, out, "--segment", "ab_group", "--chunk-size", "64", "--overwrite"))
    assert done.returncode == 0, done.stderr
    return out, done


def test_one_row_per_recipient_equal_to_reviewing_each_one_by_one(campaign: Path, run: Any) -> None:
    out, _ = run
    rows = read_results(out)
    builder = builder_for(campaign, ["ab_group"])
    layout = Layout(("creepiness", "overreach", "stereotyping"), ("ab_group",))
    reviewer = Reviewer(judge="rules")
    one_by_one = []
    for row in read_rows(campaign / "recipients.csv"):
        case = builder.build(row)
        assert case.request is not None
        one_by_one.append(layout.row(case, outcome(reviewer.review_sync(case.request))))
    assert rows == one_by_one
    # The twins (same person under another id and e-mail) share their originals' reviews.
    by_id = {r["recipient_id"]: r for r in rows}
    assert all(by_id[f"twin{i}"]["case_id"] == by_id[f"r{i:07d}"]["case_id"] for i in range(20))


def test_manifest_summary_dedupe_and_report(run: Any) -> None:
    out, done = run
    manifest = json.loads(out.with_name(out.name + ".manifest.json").read_text())
    stats, summary = manifest["stats"], manifest["summary"]
    assert manifest["complete"] and manifest["rows"] == 320 == summary["recipients"]
    assert stats["reviews"] <= 300 and stats["dedupe_ratio"] == pytest.approx(320 / stats["reviews"])
    assert sum(summary["verdicts"].values()) == 320
    assert sum(sum(c.values()) for c in summary["segments"]["ab_group"].values()) == 320
    assert "overreach.consent" in dict(summary["top_rules"]) and "template.missing_variable" in dict(
        summary["top_rules"]
    )
    assert "dedupe ratio" in done.stdout and "overreach.consent" in done.stdout
    html = out.with_name(out.name + ".report.html").read_text()
    assert "<svg" in html and "<mark>" in html and "<script" not in html
    assert "src=" not in html and "href=" not in html  # self-contained: nothing fetched
    assert not out.with_name(out.name + ".partial").exists()


def test_privacy_no_contexts_or_emails_unless_asked(campaign: Path, run: Any, tmp_path: Path) -> None:
    out, _ = run
    raw = out.read_bytes() + out.with_name(out.name + ".manifest.json").read_bytes()
    assert b"@example.com" not in raw and b"marathon" not in raw
    asked = tmp_path / "with-context.jsonl"
    done = run_reviewer(*campaign_args(campaign, asked, "--include-context", "--include-message"))
    assert done.returncode == 0, done.stderr
    row = read_results(asked)[0]
    assert json.loads(row["context"])["email"] == "customer0@example.com" and row["body"].startswith("Hi ")


def test_jsonl_and_parquet_recipients_give_the_same_rows(campaign: Path, run: Any, tmp_path: Path) -> None:
    out, _ = run
    rows = generate(300, seed=11)
    rows += [{**rows[i], "recipient_id": f"twin{i}", "email": f"twin{i}@example.org"} for i in range(20)]
    typed = [
        {**r, **{k: json.loads(r[k]) for k in ("purchases", "stated_preferences", "inferred_attributes")}} for r in rows
    ]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in typed))
    table = pa.Table.from_pylist([{k: v for k, v in r.items() if k != "inferred_attributes"} for r in rows])
    pq.write_table(
        table.append_column("inferred_attributes", pa.array([r["inferred_attributes"] for r in rows])),
        tmp_path / "r.parquet",
    )
    expected = read_results(out)
    for name in ("r.jsonl", "r.parquet"):
        result = tmp_path / f"{name}.results.jsonl"
        args = ["campaign", "--template", str(campaign / "template.json"), "--recipients", str(tmp_path / name)]
        done = run_reviewer(*args, "--out", str(result), *MAP, "--segment", "ab_group")
        assert done.returncode == 0, done.stderr
        got = read_results(result)
        assert [(r["recipient_id"], r["verdict"], r["findings"]) for r in got] == [
            (r["recipient_id"], r["verdict"], r["findings"]) for r in expected
        ]


def test_rendered_requests_and_fail_on(tmp_path: Path) -> None:
    requests = tmp_path / "requests.jsonl"
    lines = [
        {"id": "a", "message": {"channel": "sms", "body": "Your parcel is on its way."}, "context": {}},
        {
            "id": "b",
            "message": {"channel": "sms", "body": "Flash sale: 30% off!"},
            "context": {"consent": {"marketing_sms": False}},
        },
        {"id": "c", "message": {"channel": "sms", "body": "Your parcel is on its way."}, "context": {}},
        {"id": "d", "message": {"channel": "fax", "body": "x"}},
    ]
    requests.write_text("".join(json.dumps(x) + "\n" for x in lines))
    out = tmp_path / "out.jsonl"
    done = run_reviewer(
        "campaign", "--requests", str(requests), "--out", str(out), "--id-column", "id", "--fail-on", "block"
    )
    assert done.returncode == 1, done.stderr
    rows = {r["recipient_id"]: r for r in read_results(out)}
    assert (
        rows["a"]["verdict"] == "pass"
        and rows["b"]["verdict"] == "block"
        and "overreach.consent" in rows["b"]["rule_ids"]
    )
    assert (
        rows["a"]["case_id"] == rows["c"]["case_id"]
        and rows["d"]["verdict"] is None
        and "channel" in rows["d"]["error"]
    )
    again = run_reviewer("campaign", "--requests", str(requests), "--out", str(out), "--id-column", "id")
    assert again.returncode == 2 and "--overwrite" in again.stderr


def test_bad_input_says_what_to_fix(campaign: Path, tmp_path: Path) -> None:
    done = run_reviewer(*campaign_args(campaign, tmp_path / "x.csv"))
    assert done.returncode == 2 and ".parquet or .jsonl" in done.stderr
    done = run_reviewer(*campaign_args(campaign, tmp_path / "x.jsonl", "--map", "first_name=name.nick"))
    assert done.returncode == 2 and "not a context field" in done.stderr
    done = run_reviewer(*campaign_args(campaign, tmp_path / "x.jsonl", "--id-column", "cid"))
    assert done.returncode == 2 and "--id-column" in done.stderr


def test_a_killed_run_resumes_without_redoing_chunks_and_never_looks_complete(tmp_path: Path, campaign: Path) -> None:
    write_csv(tmp_path / "recipients.csv", generate(1200, seed=5))
    (tmp_path / "template.json").write_text((campaign / "template.json").read_text())
    out = tmp_path / "big.parquet"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "REVIEWER_"))}
    command = [sys.executable, "-m", "reviewer", *campaign_args(tmp_path, out, "--chunk-size", "40")]
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    checkpoint = out.with_name(out.name + ".partial") / "checkpoint.json"
    deadline = time.monotonic() + 120
    while not (checkpoint.exists() and len(json.loads(checkpoint.read_text())["done"]) >= 3):
        assert proc.poll() is None and time.monotonic() < deadline, "the run ended before it could be killed"
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists() and not out.with_name(out.name + ".manifest.json").exists()
    saved = len(json.loads(checkpoint.read_text())["done"])
    assert saved < 30
    resumed = run_reviewer(*campaign_args(tmp_path, out, "--chunk-size", "40"))
    assert resumed.returncode == 0, resumed.stderr
    assert "resuming" in resumed.stderr
    manifest = json.loads(out.with_name(out.name + ".manifest.json").read_text())
    assert manifest["stats"]["chunks_resumed"] >= saved and manifest["rows"] == 1200
    clean = tmp_path / "clean.parquet"
    assert run_reviewer(*campaign_args(tmp_path, clean, "--chunk-size", "40")).returncode == 0
    assert read_results(out) == read_results(clean)
    clean_manifest = json.loads(clean.with_name(clean.name + ".manifest.json").read_text())
    assert manifest["summary"] == clean_manifest["summary"]
    assert manifest["stats"]["reviews"] == clean_manifest["stats"]["reviews"]


class _Killed(BaseException):
    """Stands in for a SIGKILL: nothing after it in the run happens."""


def test_a_chunk_cut_short_after_saving_its_cases_is_redone_and_counted(
    tmp_path: Path, campaign: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after a chunk appended its reviews to the cases file but before its checkpoint: the resume drops them,
    so the redone chunk's reviews count as made, and the manifest reads as a clean run's."""
    from reviewer.campaign import engine
    from reviewer.cli.main import main

    write_csv(tmp_path / "recipients.csv", generate(200, seed=11))
    (tmp_path / "template.json").write_text((campaign / "template.json").read_text())
    args = campaign_args(tmp_path, tmp_path / "out.parquet", "--chunk-size", "40", "--workers", "1")
    saved = engine.write_atomic
    calls = {"n": 0}

    def dies_on_the_third_checkpoint(path: Path, text: str) -> None:
        calls["n"] += 1
        if path.name == "checkpoint.json" and calls["n"] == 3:
            raise _Killed
        saved(path, text)

    monkeypatch.setattr(engine, "write_atomic", dies_on_the_third_checkpoint)
    with pytest.raises(_Killed):
        main(args)
    monkeypatch.setattr(engine, "write_atomic", saved)
    assert main(args) == 0
    clean = campaign_args(tmp_path, tmp_path / "clean.parquet", "--chunk-size", "40", "--workers", "1")
    assert main(clean) == 0
    resumed = json.loads((tmp_path / "out.parquet.manifest.json").read_text())
    fresh = json.loads((tmp_path / "clean.parquet.manifest.json").read_text())
    assert resumed["stats"]["chunks_resumed"] == 2
    assert resumed["stats"]["reviews"] == fresh["stats"]["reviews"]
    assert read_results(tmp_path / "out.parquet") == read_results(tmp_path / "clean.parquet")
