"""Reviewing distinct cases in a worker process, and the compact outcome a case shares with its recipients."""

import asyncio
from pathlib import Path
from typing import Any

from reviewer.errors import ReviewerError
from reviewer.models import ReviewRequest, ReviewResult
from reviewer.service import ReviewCore
from reviewer.settings import Settings

Outcome = dict[str, Any]
_CORE: ReviewCore | None = None
_CONCURRENCY = 32  # reviews in flight per worker: matters for an LLM judge, harmless for the embedded one


def outcome(result: ReviewResult) -> Outcome:
    """What every recipient of a case gets from its review."""
    rewrite = result.rewrite
    return {
        "verdict": result.verdict,
        "scores": {rid: s.score for rid, s in result.scores.items()},
        "findings": [
            {
                "rule_id": f.rule_id or f"llm.{f.category}",
                "category": f.category,
                "severity": f.severity,
                "field": f.field,
                "start": f.start,
                "end": f.end,
                "quote": f.quote,
            }
            for f in result.findings
        ],
        "rewrite": rewrite.text if rewrite else None,
        "rewrite_subject": rewrite.subject if rewrite else None,
        "rewrite_verified": rewrite.verified if rewrite else None,
        "degraded": result.meta.degraded,
        "error": None,
    }


def failed(error: str) -> Outcome:
    """The outcome of a case that could not be reviewed (a draft over the limit, say)."""
    return {
        "verdict": None,
        "scores": {},
        "findings": [],
        "rewrite": None,
        "rewrite_subject": None,
        "rewrite_verified": None,
        "degraded": False,
        "error": error,
    }


def init_worker(settings: Settings, answers: Path | None = None) -> None:
    """Pool initializer: one review core per worker process, built once; ``answers``: a Batch API run's store."""
    global _CORE
    if answers is None:
        _CORE = ReviewCore(settings)
        return
    from reviewer.campaign.batch_backends import BatchBackend
    from reviewer.pipeline import Reviewer

    _CORE = ReviewCore(settings, Reviewer(settings, backend=BatchBackend(settings, answers)))


async def review_all(core: ReviewCore, cases: list[tuple[str, str]]) -> list[tuple[str, Outcome]]:
    """Review ``(key, request JSON)`` pairs concurrently through the service's review path."""
    gate = asyncio.Semaphore(_CONCURRENCY)

    async def one(key: str, request_json: str) -> tuple[str, Outcome]:
        async with gate:
            try:
                return key, outcome(await core.review(ReviewRequest.model_validate_json(request_json)))
            except ReviewerError as exc:
                return key, failed(str(exc))

    try:
        return list(await asyncio.gather(*(one(k, r) for k, r in cases)))
    finally:
        await core.aclose()


def review_cases(cases: list[tuple[str, str]]) -> list[tuple[str, Outcome]]:
    """A pool task: review these cases in this worker."""
    assert _CORE is not None, "init_worker was not run"
    return asyncio.run(review_all(_CORE, cases))
