"""The LLM judge at campaign scale through the OpenAI Batch API: record, upload, create, poll, download, merge.

1. Every distinct case is reviewed with a backend that answers from the answers so far and records the calls
   still to send, masked exactly as in a single review (:mod:`reviewer.campaign.batch_backends`); they are written
   as batch input files, several when they exceed the Batch API's limits (:mod:`reviewer.campaign.batch_requests`).
2. Each file is uploaded with the Files API and a batch is created. The round's files and every batch id are saved
   in ``OUT.batch/state.json`` as soon as they exist: rerunning the same command resumes them (``--batch-id``
   names batches to resume instead).
3. Poll until every batch of the round ends; download the outputs (and error files) into a SQLite store.
4. Back to 1 while the reviews make new calls: with ``--rewrite``, the second round asks the flagged cases'
   rewrites, the third verifies them (further rounds for further rewrite attempts).
5. The local engine reviews every recipient with a backend that answers from the store: the results are a normal
   campaign run's. A request no batch answered (expired, cancelled, a failed line) leaves its rubric unscored at
   the rules floor with ``degraded`` set (or its rewrite out); a failed batch stops with its errors.
"""

import json
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import openai

from reviewer.campaign import BATCH_MAX_BYTES, BATCH_MAX_REQUESTS
from reviewer.campaign.batch_backends import ENDPOINT, AnswerStore
from reviewer.campaign.batch_requests import Parts, record_round
from reviewer.campaign.engine import LocalEngine, RunConfig
from reviewer.campaign.output import write_atomic
from reviewer.campaign.recipients import Row
from reviewer.errors import ConfigurationError, InputError, ReviewerError

_TERMINAL = {"completed", "failed", "expired", "cancelled"}


@dataclass
class BatchOptions:
    """The ``--batch-*`` options."""

    batch_ids: list[str] = field(default_factory=list)
    poll_s: float = 30.0
    max_requests: int = BATCH_MAX_REQUESTS
    max_bytes: int = BATCH_MAX_BYTES


def _client(config: RunConfig) -> openai.OpenAI:
    s = config.settings
    return openai.OpenAI(
        api_key=s.openai_api_key.get_secret_value() if s.openai_api_key else "not-needed",
        base_url=s.openai_base_url,
        timeout=s.llm_timeout_s,
        max_retries=s.llm_max_retries,
    )


def _failure(batch: Any) -> str:
    errors = batch.errors.data if batch.errors and batch.errors.data else []
    said = "; ".join(f"line {e.line}: {e.message}" if e.line else str(e.message) for e in errors[:3])
    return f"batch {batch.id} failed ({said or 'no reason given'})"


class BatchRun:
    """One campaign's batches, round after round, resumable from ``OUT.batch/state.json``."""

    def __init__(self, config: RunConfig, options: BatchOptions) -> None:
        if config.settings.resolved_judge() != "llm":
            raise ConfigurationError(
                "--batch needs the LLM judge: pass --judge llm and set OPENAI_API_KEY or _BASE_URL"
            )
        if not (1 <= options.max_requests <= BATCH_MAX_REQUESTS and 1 <= options.max_bytes <= BATCH_MAX_BYTES):
            raise InputError(
                f"--batch-max-requests takes 1 to {BATCH_MAX_REQUESTS:,} and --batch-max-bytes 1 to "
                f"{BATCH_MAX_BYTES:,} (the Batch API's limits)"
            )
        LocalEngine(config).check_out()  # before any money is spent
        self.config, self.options = config, options
        self.dir = config.out.with_name(config.out.name + ".batch")
        self.dir.mkdir(exist_ok=True)
        self.store = self.dir / "answers.sqlite"
        self.state_path = self.dir / "state.json"
        self.state: dict[str, Any] = {
            "round": 0,
            "parts": [],  # the round's batch files
            "files": {},  # their uploaded files' ids
            "batches": {},  # their batches' ids
            "history": [],  # the batches merged so far
            "recorded": False,  # no more calls to send: the merge is next
        }
        if self.state_path.is_file():
            saved = json.loads(self.state_path.read_text(encoding="utf-8"))
            if saved.get("fingerprint") != config.fingerprint:
                raise ReviewerError(
                    f"{self.dir} belongs to a run with other inputs or options; delete it to start over"
                )
            self.state.update(saved)
        self.state["fingerprint"] = config.fingerprint
        self._adopt(options.batch_ids)
        self.client = _client(config)

    def _adopt(self, ids: list[str]) -> None:
        """``--batch-id``: these batches are the round under way (ids already merged are left out)."""
        known = {h["id"] for h in self.state["history"]} | set(self.state["batches"].values())
        new = [i for i in dict.fromkeys(ids) if i not in known]
        if new:
            names = [f"given-{n}" for n in range(1, len(new) + 1)]
            self.state.update(round=max(1, self.state["round"]), parts=names, files={}, recorded=False)
            self.state["batches"] = dict(zip(names, new, strict=True))

    def _save(self) -> None:
        write_atomic(self.state_path, json.dumps(self.state))

    def plan(self, rows: Iterator[Row]) -> bool:
        """Step 1, unless a round is under way; False when the reviews need no more calls."""
        if self.state["parts"]:
            return True
        if self.state["recorded"]:
            return False
        number = self.state["round"] + 1
        with Parts(self.dir, f"requests-{number}", self.options.max_requests, self.options.max_bytes) as parts:
            count = record_round(self.config, rows, self.store, parts)
        if not count:
            self.state["recorded"] = True
            self._save()
            return False
        self.state.update(round=number, parts=[p.name for p in parts.paths], files={}, batches={})
        self._save()
        print(f"round {number}: {count:,} requests in {len(parts.paths)} batch file(s)", file=sys.stderr)
        return True

    def submit(self) -> list[str]:
        """Step 2 for every file of the round without a batch yet; the round's batch ids."""
        batches: dict[str, str] = self.state["batches"]
        files: dict[str, str] = self.state["files"]
        for name in self.state["parts"]:
            if name in batches:
                print(f"resuming batch {batches[name]}", file=sys.stderr)
                continue
            if name not in files:
                with (self.dir / name).open("rb") as f:
                    files[name] = self.client.files.create(file=f, purpose="batch").id
                self._save()
            batch = self.client.batches.create(
                input_file_id=files[name], endpoint=ENDPOINT, completion_window="24h", metadata={"source": "reviewer"}
            )
            batches[name] = batch.id
            self._save()
            print(f"batch {batch.id} created from {name}; rerun this command to resume it", file=sys.stderr)
        return [batches[name] for name in self.state["parts"]]

    def wait(self, ids: list[str]) -> list[Any]:
        """Step 3: poll until every batch ends."""
        latest: dict[str, Any] = {}
        while True:
            for batch_id in ids:
                if batch_id not in latest or latest[batch_id].status not in _TERMINAL:
                    latest[batch_id] = self.client.batches.retrieve(batch_id)
            ended = sum(b.status in _TERMINAL for b in latest.values())
            if ended == len(ids):
                return [latest[i] for i in ids]
            counts = [b.request_counts for b in latest.values() if b.request_counts]
            done = f"{sum(c.completed for c in counts):,}/{sum(c.total for c in counts):,}"
            print(
                f"round {self.state['round']}: {ended}/{len(ids)} batches ended, {done} requests done", file=sys.stderr
            )
            time.sleep(self.options.poll_s)

    def _custom_ids(self, name: str, batch: Any) -> list[str]:
        path = self.dir / name
        text = path.read_text("utf-8") if path.is_file() else self.client.files.content(batch.input_file_id).text
        return [json.loads(line)["custom_id"] for line in text.splitlines() if line.strip()]

    def download(self, batches: list[Any]) -> None:
        """Step 3's end: every answer into the store; a failed batch stops the run, its requests asked again."""
        store = AnswerStore(self.store)
        failures = []
        for name, batch in zip(self.state["parts"], batches, strict=True):
            if batch.status == "failed":
                failures.append(_failure(batch))
                continue
            store.sent(self._custom_ids(name, batch))
            for file_id in (batch.output_file_id, batch.error_file_id):
                if file_id:
                    text = self.client.files.content(file_id).text
                    store.add([json.loads(line) for line in text.splitlines() if line.strip()])
            if batch.status != "completed":
                print(
                    f"batch {batch.id} {batch.status}: requests it did not answer stay at the rules floor, marked "
                    "degraded",
                    file=sys.stderr,
                )
            total = batch.request_counts.total if batch.request_counts else None
            self.state["history"].append(
                {"round": self.state["round"], "id": batch.id, "status": batch.status, "requests": total}
            )
        self.state.update(parts=[], files={}, batches={})
        self._save()
        if failures:
            raise ReviewerError(f"{'; '.join(failures)}: fix that and rerun this command to send them again")


def run_batch(config: RunConfig, read: Callable[[], Iterator[Row]], options: BatchOptions) -> dict[str, Any]:
    """The whole Batch API path; ``read`` reads the recipients afresh for each round and for the merge."""
    run = BatchRun(config, options)
    most = 1 + 2 * config.settings.rewrite_attempts  # judging, then a rewrite and its verification per attempt
    rounds = 0
    try:
        while run.plan(read()):
            rounds += 1
            if rounds > most:
                raise ReviewerError(
                    f"the reviews still make new LLM calls after {most} rounds of batches, which they should not; "
                    f"rerun without --rewrite, or report it with {run.dir}"
                )
            run.download(run.wait(run.submit()))
    except openai.APIError as exc:
        raise ReviewerError(f"the Batch API failed ({exc}); rerun this command to resume") from None
    config.answers = run.store
    engine = LocalEngine(config)
    manifest = engine.run(read())
    manifest["batch"] = {"rounds": run.state["round"], "batches": run.state["history"]}
    write_atomic(engine.manifest_path(), json.dumps(manifest, indent=1, ensure_ascii=False))
    shutil.rmtree(run.dir, ignore_errors=True)
    return manifest
