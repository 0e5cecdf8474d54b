"""The LLM judge at campaign scale through the OpenAI Batch API: write, upload, create, poll, download, merge.

1. Every distinct case is reviewed once with a recording backend: the LLM judge masks the request exactly as in a
   single review and the backend keeps the Chat Completions body it would send.
2. The bodies go into a batch file, uploaded with the Files API; a batch is created; its id is saved in
   ``OUT.batch/state.json`` so that a rerun of the same command resumes it (or ``--batch-id`` names one).
3. Poll until the batch ends; download the output (and error) file into a SQLite store of answers.
4. The local engine reviews every recipient again with a backend that answers from the store: the results are
   a normal campaign run's. A request the batch did not answer (expired, cancelled, a failed line) leaves its
   rubric unscored at the rules floor with ``degraded`` set; a failed batch stops with its errors.
"""

import asyncio
import json
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reviewer.campaign.batch_backends import ENDPOINT, AnswerStore, RecordingBackend
from reviewer.campaign.engine import LocalEngine, RunConfig
from reviewer.campaign.output import write_atomic
from reviewer.campaign.recipients import Row
from reviewer.campaign.review import CURRENT_CASE
from reviewer.errors import ConfigurationError, ReviewerError
from reviewer.pipeline import Reviewer

_TERMINAL = {"completed", "failed", "expired", "cancelled"}


def _client(config: RunConfig) -> Any:
    from openai import OpenAI

    s = config.settings
    return OpenAI(
        api_key=s.openai_api_key.get_secret_value() if s.openai_api_key else "not-needed",
        base_url=s.openai_base_url,
        timeout=s.llm_timeout_s,
        max_retries=s.llm_max_retries,
    )


async def _record(reviewer: Reviewer, cases: list[tuple[str, Any]]) -> None:
    async def one(key: str, request: Any) -> None:
        CURRENT_CASE.set(key)
        await reviewer.review(request)

    await asyncio.gather(*(one(k, r) for k, r in cases))


def write_requests(config: RunConfig, rows: Iterator[Row], path: Path) -> int:
    """Step 1: the batch input file, one line per distinct masked request; returns how many."""
    recorder = RecordingBackend(config.settings)
    reviewer = Reviewer(config.settings, backend=recorder)
    seen: set[str] = set()  # case keys
    written = 0
    with path.open("w", encoding="utf-8") as f:
        batch: list[Any] = []

        def flush() -> int:
            asyncio.run(_record(reviewer, batch))
            items = recorder.bodies.items()
            lines = [{"custom_id": k, "method": "POST", "url": ENDPOINT, "body": b} for k, b in items]
            f.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
            recorder.bodies.clear()
            batch.clear()
            return len(lines)

        for row in rows:
            case = config.builder.build(row)
            if case.request is None or case.key in seen:
                continue
            seen.add(case.key)
            batch.append((case.key, case.request))
            if len(batch) >= 256:
                written += flush()
        written += flush()
    return written


class BatchRun:
    """One campaign's batch, resumable from its saved id."""

    def __init__(self, config: RunConfig, batch_id: str | None, poll_s: float) -> None:
        if config.settings.resolved_judge() != "llm":
            raise ConfigurationError(
                "--batch needs the LLM judge: pass --judge llm and set OPENAI_API_KEY or _BASE_URL"
            )
        if config.builder.rewrite:
            raise ConfigurationError("--rewrite is not available with --batch; drop one of them")
        self.config, self.poll_s = config, poll_s
        self.dir = config.out.with_name(config.out.name + ".batch")
        self.dir.mkdir(exist_ok=True)
        self.state_path = self.dir / "state.json"
        self.state: dict[str, Any] = {}
        if self.state_path.is_file():
            self.state = json.loads(self.state_path.read_text(encoding="utf-8"))
            if self.state.get("fingerprint") != config.fingerprint:
                raise ReviewerError(
                    f"{self.dir} belongs to a run with other inputs or options; delete it to start over"
                )
        if batch_id:
            self.state["batch_id"] = batch_id
        self.state["fingerprint"] = config.fingerprint
        self.client = _client(config)

    def _save(self) -> None:
        write_atomic(self.state_path, json.dumps(self.state))

    def submit(self, rows: Iterator[Row]) -> str:
        """Steps 1 and 2, unless a batch is already known."""
        if self.state.get("batch_id"):
            print(f"resuming batch {self.state['batch_id']}", file=sys.stderr)
            return str(self.state["batch_id"])
        requests = self.dir / "requests.jsonl"
        count = write_requests(self.config, rows, requests)
        with requests.open("rb") as f:
            uploaded = self.client.files.create(file=f, purpose="batch")
        batch = self.client.batches.create(
            input_file_id=uploaded.id, endpoint=ENDPOINT, completion_window="24h", metadata={"source": "reviewer"}
        )
        self.state["batch_id"] = batch.id
        self._save()
        print(f"batch {batch.id} created with {count} requests; rerun this command to resume it", file=sys.stderr)
        return str(batch.id)

    def wait(self, batch_id: str) -> Any:
        """Step 3: poll until the batch ends."""
        while True:
            batch = self.client.batches.retrieve(batch_id)
            if batch.status in _TERMINAL:
                return batch
            counts = batch.request_counts
            done = f"{counts.completed}/{counts.total}" if counts else "?"
            print(f"batch {batch_id}: {batch.status}, {done} requests done", file=sys.stderr)
            time.sleep(self.poll_s)

    def download(self, batch: Any) -> Path:
        """Step 4: the answers into the SQLite store; a failed batch stops here with its errors."""
        if batch.status == "failed":
            errors = batch.errors.data if batch.errors and batch.errors.data else []
            said = "; ".join(f"line {e.line}: {e.message}" if e.line else str(e.message) for e in errors[:3])
            self.state.pop("batch_id", None)
            self._save()
            raise ReviewerError(
                f"batch {batch.id} failed ({said or 'no reason given'}); fix that and rerun to submit a new batch"
            )
        store_path = self.dir / "answers.sqlite"
        store = AnswerStore(store_path)
        for file_id in (batch.output_file_id, batch.error_file_id):
            if file_id:
                text = self.client.files.content(file_id).text
                store.add([json.loads(line) for line in text.splitlines() if line.strip()])
        if batch.status != "completed":
            print(
                f"batch {batch.id} {batch.status}: requests it did not answer stay at the rules floor, marked degraded",
                file=sys.stderr,
            )
        return store_path


def run_batch(
    config: RunConfig, rows: Iterator[Row], again: Iterator[Row], batch_id: str | None, poll_s: float
) -> dict[str, Any]:
    """The whole Batch API path; ``again`` reads the same recipients a second time for the merge."""
    run = BatchRun(config, batch_id, poll_s)
    batch = run.wait(run.submit(rows))
    config.answers = run.download(batch)
    manifest = LocalEngine(config).run(again)
    manifest["batch"] = {"id": batch.id, "status": batch.status}
    write_atomic(LocalEngine(config).manifest_path(), json.dumps(manifest, indent=1, ensure_ascii=False))
    shutil.rmtree(run.dir, ignore_errors=True)
    return manifest
