"""Requests over the Batch API's limits on one input file go out as several batches, resumable from their ids."""

import json
from pathlib import Path

import pytest

from reviewer.campaign.batch_requests import Parts
from reviewer.campaign.generator import generate, write_csv
from reviewer.campaign.output import read_results
from reviewer.errors import InputError
from tests.campaign.batch_standin import BatchStandin
from tests.campaign.test_campaign_batch import args, env
from tests.conftest import run_reviewer


def test_parts_hold_at_most_the_requests_and_bytes_allowed(tmp_path: Path) -> None:
    lines = [f'{{"custom_id": "{i}", "padding": "{"x" * i}"}}\n'.encode() for i in range(12)]
    with Parts(tmp_path, "p", max_requests=4, max_bytes=100) as parts:
        for line in lines:
            parts.write(line)
    sizes = [(len(p.read_bytes().splitlines()), p.stat().st_size) for p in parts.paths]
    assert len(sizes) > 3 and all(n <= 4 and size <= 100 for n, size in sizes)
    assert b"".join(p.read_bytes() for p in parts.paths) == b"".join(lines)
    with Parts(tmp_path, "q", max_requests=4, max_bytes=40) as parts, pytest.raises(InputError, match="max-bytes"):
        parts.write(lines[-1])


def test_requests_over_the_limit_go_out_as_several_batches_resumed_from_their_saved_ids(
    campaign: Path, tmp_path: Path
) -> None:
    write_csv(tmp_path / "recipients.csv", generate(12, seed=3))
    (tmp_path / "template.json").write_text((campaign / "template.json").read_text())
    out = tmp_path / "split.jsonl"
    state = out.with_name(out.name + ".batch") / "state.json"
    command = args(tmp_path, out, "--batch-max-requests", "3")
    with BatchStandin("complete") as standin:
        standin.max_batches = 2  # the third batch is refused, as past a model's enqueued-token limit
        first = run_reviewer(*command, env=env(standin))
        assert first.returncode == 2 and "Enqueued token limit" in first.stderr and "rerun" in first.stderr
        saved = json.loads(state.read_text())
        assert list(saved["batches"].values()) == ["batch_1", "batch_2"] and len(saved["parts"]) > 2
        standin.max_batches = None
        again = run_reviewer(*command, env=env(standin))
        assert again.returncode == 0, again.stderr
        assert "resuming batch batch_1" in again.stderr and "resuming batch batch_2" in again.stderr
        assert len(standin.batches) == len(saved["parts"]), "a batch was created twice"
        uploads = [[json.loads(x)["custom_id"] for x in upload.decode().splitlines()] for upload in standin.uploads]
    assert all(len(ids) <= 3 for ids in uploads) and len(uploads) == len(saved["parts"])
    assert len({i for ids in uploads for i in ids}) == sum(map(len, uploads)) > 6
    rows = read_results(out)
    assert len(rows) == 12 and not any(r["degraded"] or r["error"] for r in rows)
    manifest = json.loads(out.with_name(out.name + ".manifest.json").read_text())
    assert [b["id"] for b in manifest["batch"]["batches"]] == [f"batch_{i + 1}" for i in range(len(uploads))]


def test_limits_over_the_batch_apis_are_refused(campaign: Path, tmp_path: Path) -> None:
    with BatchStandin("complete") as standin:
        done = run_reviewer(*args(campaign, tmp_path / "x.jsonl", "--batch-max-requests", "50001"), env=env(standin))
    assert done.returncode == 2 and "--batch-max-requests takes 1 to 50,000" in done.stderr
