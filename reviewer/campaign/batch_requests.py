"""One round of Batch API requests: the calls the campaign's reviews still need, split into batch input files.

Every distinct case is reviewed through the service's review path with a :class:`BatchBackend` that answers from
the earlier rounds' answers and records each new call once (see its docstring for which ones). The first round
holds every judging call; with ``--rewrite`` the next holds the flagged cases' rewrites, the one after it their
verifications, and so on for further rewrite attempts, until a round has nothing new.

The OpenAI Batch API takes at most 50,000 requests and 200 MB in one input file: a round is written as several
files when it has more (``--batch-max-requests``, ``--batch-max-bytes`` lower both).
"""

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from reviewer.campaign.batch_backends import DEFERRALS, ENDPOINT, BatchBackend, Deferrals
from reviewer.campaign.engine import RunConfig
from reviewer.campaign.recipients import Row
from reviewer.errors import InputError, ReviewerError
from reviewer.models import ReviewRequest
from reviewer.pipeline import Reviewer
from reviewer.service import ReviewCore

_CASES_AT_ONCE = 256


class Parts:
    """Batch input files of at most ``max_requests`` lines and ``max_bytes`` bytes each, written one after another."""

    def __init__(self, folder: Path, prefix: str, max_requests: int, max_bytes: int) -> None:
        self.folder, self.prefix = folder, prefix
        self.max_requests, self.max_bytes = max_requests, max_bytes
        self.paths: list[Path] = []
        self._file: IO[bytes] | None = None
        self._lines = self._bytes = 0

    def write(self, line: bytes) -> None:
        """Append one request line (newline included), starting a new file when this one is full."""
        if len(line) > self.max_bytes:
            raise InputError(f"a batch request has {len(line):,} bytes; raise --batch-max-bytes above that")
        if self._file is None or self._lines >= self.max_requests or self._bytes + len(line) > self.max_bytes:
            self.close()
            self.paths.append(self.folder / f"{self.prefix}-{len(self.paths) + 1:03d}.jsonl")
            self._file = self.paths[-1].open("wb")
            self._lines = self._bytes = 0
        self._file.write(line)
        self._lines += 1
        self._bytes += len(line)

    def close(self) -> None:
        """Close the file being written."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> "Parts":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


async def _review(core: ReviewCore, requests: list[ReviewRequest]) -> None:
    async def one(request: ReviewRequest) -> None:
        DEFERRALS.set(Deferrals())  # this task's own: the review's calls share it, other reviews do not
        try:
            await core.review(request)
        except ReviewerError:
            pass  # a case that cannot be reviewed (a draft over the limit) makes no call

    try:
        await asyncio.gather(*(one(r) for r in requests))
    finally:
        await core.aclose()


def record_round(config: RunConfig, rows: Iterator[Row], store: Path, parts: Parts) -> int:
    """Review every distinct case against ``store``; write each call not sent yet into ``parts``; how many."""
    backend = BatchBackend(config.settings, store, record=True)
    core = ReviewCore(config.settings, Reviewer(config.settings, backend=backend))
    seen: set[str] = set()  # case keys
    written: set[str] = set()  # custom_ids: cases whose masked calls are the same share one request
    pending: list[ReviewRequest] = []

    def flush() -> None:
        asyncio.run(_review(core, pending))
        for key, body in backend.bodies.items():
            if key not in written:
                written.add(key)
                line = {"custom_id": key, "method": "POST", "url": ENDPOINT, "body": body}
                parts.write((json.dumps(line, ensure_ascii=False) + "\n").encode())
        backend.bodies.clear()
        pending.clear()

    for row in rows:
        case = config.builder.build(row)
        if case.request is None or case.key in seen:
            continue
        seen.add(case.key)
        pending.append(case.request)
        if len(pending) >= _CASES_AT_ONCE:
            flush()
    flush()
    return len(written)
