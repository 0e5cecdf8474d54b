"""The local engine: every core, a bounded-memory stream, each distinct case reviewed once, resumable.

The main process reads, renders and keys recipients chunk by chunk; a process pool reviews the distinct cases
not seen before; finished chunks are written as parts and checkpointed in order. A killed run started again
with the same arguments skips the checkpointed chunks and reuses the cases they reviewed.
"""

import hashlib
import json
import shutil
import time
from collections import OrderedDict, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from reviewer import __version__
from reviewer.campaign.cases import Builder, Case
from reviewer.campaign.output import assemble, sha256_file, write_atomic, write_part
from reviewer.campaign.progress import Progress
from reviewer.campaign.recipients import Row
from reviewer.campaign.review import Outcome, init_worker, review_cases
from reviewer.campaign.rows import Layout
from reviewer.campaign.summary import Summary
from reviewer.errors import InputError
from reviewer.settings import Settings

TASK_SIZE = 64  # distinct cases per pool task


@dataclass
class RunConfig:
    """Everything a run needs besides the rows."""

    builder: Builder
    layout: Layout
    settings: Settings
    out: Path
    fingerprint: str  # of the inputs and options: a checkpoint from other ones is refused
    workers: int = 2
    chunk_size: int = 5000
    cache_size: int = 200_000
    progress: bool = False
    total: int = 0
    overwrite: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    answers: Path | None = None  # a Batch API run's answers: the LLM judge replays them instead of calling


@dataclass
class _Chunk:
    index: int
    cases: list[Case]
    known: dict[str, Outcome]
    waiting: dict[str, "Future[list[tuple[str, Outcome]]]"]


def fingerprint(*parts: object) -> str:
    """A digest of files (by content) and options."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            digest.update(sha256_file(part).encode())
        else:
            digest.update(json.dumps(part, sort_keys=True, default=str).encode())
    return digest.hexdigest()


class LocalEngine:
    """Runs one campaign to ``config.out``; see the module docstring."""

    def __init__(self, config: RunConfig) -> None:
        self.c = config
        self.work = config.out.with_name(config.out.name + ".partial")
        self.cache: OrderedDict[str, Outcome] = OrderedDict()
        self.summary = Summary(list(config.layout.segments))
        self.done: set[int] = set()
        self.reviews = 0
        self.resumed = 0

    def manifest_path(self) -> Path:
        """Where the manifest of a complete run goes."""
        return self.c.out.with_name(self.c.out.name + ".manifest.json")

    def run(self, rows: Iterator[Row]) -> dict[str, Any]:
        """Review every row; returns the manifest."""
        started = time.time()
        self.prepare()
        progress = Progress(self.c.total, enabled=self.c.progress, done=self.summary.recipients)
        pool = ProcessPoolExecutor(self.c.workers, initializer=init_worker, initargs=(self.c.settings, self.c.answers))
        try:
            self._stream(rows, pool, progress)
        finally:
            pool.shutdown(cancel_futures=True)
            progress.close()
        return self.finish(started)

    def check_out(self) -> None:
        """Refuse to clobber a results file unless ``--overwrite`` was given."""
        if self.c.out.exists() and not self.c.overwrite:
            raise InputError(f"{self.c.out} exists; pass --overwrite to replace it, or choose another --out")

    def prepare(self) -> None:
        """Refuse to clobber results; resume a matching checkpoint or start a clean work folder."""
        self.check_out()
        checkpoint = self.work / "checkpoint.json"
        if checkpoint.is_file():
            state = json.loads(checkpoint.read_text(encoding="utf-8"))
            if state["fingerprint"] != self.c.fingerprint:
                raise InputError(
                    f"{self.work} holds a run with other inputs or options; rerun with the same arguments to resume "
                    "it, or delete that folder to start over"
                )
            self.done = set(state["done"])
            self.reviews = state["reviews"]
            self.summary = Summary.from_dict(state["summary"])
            self.resumed = len(self.done)
            self._load_cases(state.get("cases_bytes"))
        else:
            shutil.rmtree(self.work, ignore_errors=True)
            self.work.mkdir(parents=True)
        self.c.out.unlink(missing_ok=True)
        self.manifest_path().unlink(missing_ok=True)

    def _load_cases(self, checkpointed: int | None) -> None:
        """The cases reviewed up to the checkpoint; those of a chunk the kill cut short are dropped.

        Their chunk is redone, so keeping them would count its reviews as reused, not made.
        """
        cases = self.work / "cases.jsonl"
        if not cases.is_file():
            return
        if checkpointed is not None and cases.stat().st_size > checkpointed:
            with cases.open("r+b") as f:
                f.truncate(checkpointed)
        with cases.open(encoding="utf-8") as f:
            for line in f:
                try:
                    key, outcome = json.loads(line)
                except json.JSONDecodeError:
                    break  # a line cut short by the kill
                self._remember(key, outcome)

    def _remember(self, key: str, outcome: Outcome) -> None:
        self.cache[key] = outcome
        self.cache.move_to_end(key)
        if len(self.cache) > self.c.cache_size:
            self.cache.popitem(last=False)

    def _stream(self, rows: Iterator[Row], pool: ProcessPoolExecutor, progress: Progress) -> None:
        pending: deque[_Chunk] = deque()
        inflight: dict[str, Future[list[tuple[str, Outcome]]]] = {}
        index = 0
        while True:
            batch = list(islice(rows, self.c.chunk_size))
            if not batch:
                break
            if index in self.done:
                index += 1
                continue
            pending.append(self._submit(index, batch, pool, inflight))
            index += 1
            while len(pending) > 2 * self.c.workers:
                self._complete(pending.popleft(), inflight, progress)
        while pending:
            self._complete(pending.popleft(), inflight, progress)

    def _submit(
        self,
        index: int,
        batch: list[Row],
        pool: ProcessPoolExecutor,
        inflight: dict[str, "Future[list[tuple[str, Outcome]]]"],
    ) -> _Chunk:
        cases = [self.c.builder.build(row) for row in batch]
        chunk = _Chunk(index, cases, {}, {})
        new: dict[str, str] = {}
        for case in cases:
            if case.request is None or case.key in chunk.known or case.key in chunk.waiting:
                continue
            if case.key in self.cache:
                chunk.known[case.key] = self.cache[case.key]
            elif case.key in inflight:
                chunk.waiting[case.key] = inflight[case.key]
            elif case.key not in new:
                new[case.key] = case.request.model_dump_json()
        items = list(new.items())
        for start in range(0, len(items), TASK_SIZE):
            task = items[start : start + TASK_SIZE]
            future = pool.submit(review_cases, task)
            for key, _ in task:
                inflight[key] = chunk.waiting[key] = future
        return chunk

    def _complete(
        self, chunk: _Chunk, inflight: dict[str, "Future[list[tuple[str, Outcome]]]"], progress: Progress
    ) -> None:
        fresh: list[tuple[str, Outcome]] = []
        for future in {id(f): f for f in chunk.waiting.values()}.values():
            for key, outcome in future.result():
                chunk.known[key] = outcome
                if inflight.pop(key, None) is not None:
                    fresh.append((key, outcome))
                    self._remember(key, outcome)
        self.reviews += len(fresh)
        rows = []
        for case in chunk.cases:
            row = self.c.layout.row(case, chunk.known.get(case.key))
            self.summary.add(row, case.request.message if case.request else None)
            rows.append(row)
        write_part(self.work / f"part-{chunk.index:06d}.parquet", rows, self.c.layout.schema())
        if fresh:
            with (self.work / "cases.jsonl").open("a", encoding="utf-8") as f:
                f.writelines(json.dumps([k, o], ensure_ascii=False) + "\n" for k, o in fresh)
        self.done.add(chunk.index)
        cases = self.work / "cases.jsonl"
        state = {
            "fingerprint": self.c.fingerprint,
            "done": sorted(self.done),
            "reviews": self.reviews,
            "summary": self.summary.as_dict(),
            # how much of the cases file this checkpoint covers: a resume drops what a chunk cut short appended
            "cases_bytes": cases.stat().st_size if cases.is_file() else 0,
        }
        write_atomic(self.work / "checkpoint.json", json.dumps(state))
        progress.update(len(chunk.cases))

    def finish(self, started: float) -> dict[str, Any]:
        """Join the parts into the results file, then write the manifest last."""
        parts = [self.work / f"part-{i:06d}.parquet" for i in sorted(self.done)]
        rows = assemble(parts, self.c.out, self.c.layout.schema())
        summary = self.summary.as_dict()
        recipients = summary["recipients"]
        manifest = {
            "complete": True,
            "output": self.c.out.name,
            "rows": rows,
            "sha256": sha256_file(self.c.out),
            "columns": self.c.layout.schema().names,
            "reviewer_version": __version__,
            "options": self.c.options,
            "stats": {
                "recipients": recipients,
                "reviews": self.reviews,
                "dedupe_ratio": recipients / max(1, self.reviews),
                "chunks_resumed": self.resumed,
                "seconds": round(time.time() - started, 3),
            },
            "summary": summary,
        }
        write_atomic(self.manifest_path(), json.dumps(manifest, indent=1, ensure_ascii=False))
        shutil.rmtree(self.work, ignore_errors=True)
        return manifest
