"""The service object behind the routes: reviewer, rules fallback, cache, limits and metrics."""

import asyncio
import logging
import os
import time
from typing import Any

from reviewer.api.cache import MemoryCache, RedisCache, ResultCache, cache_key
from reviewer.api.errors import ApiError
from reviewer.api.metrics import Metrics
from reviewer.api.security import RateLimiter
from reviewer.models import ReviewRequest, ReviewResult
from reviewer.pipeline import Reviewer
from reviewer.pipeline.assess import EventSink
from reviewer.settings import Settings

log = logging.getLogger("reviewer.api")


class ReviewService:
    """Reviews with the configured judge under a deadline, falling back to the rules judge when the LLM fails."""

    def __init__(self, settings: Settings, reviewer: Reviewer | None = None) -> None:
        self.settings = settings
        self.reviewer = reviewer or Reviewer(settings)
        self.fallback = self.reviewer.offline()
        self.cache: ResultCache | None = (
            RedisCache(settings.redis_url, settings.cache_ttl_s)
            if settings.redis_url
            else MemoryCache(settings.cache_size, settings.cache_ttl_s)
            if settings.cache_size and settings.cache_ttl_s
            else None
        )
        self.limiter = RateLimiter(settings.rate_limit_per_minute)
        self.metrics = Metrics()
        self.started = time.time()

    def check_limits(self, request: ReviewRequest) -> None:
        """422 when the draft is longer than allowed, naming the limit."""
        length = len(request.message.body) + len(request.message.subject or "")
        if length > self.settings.max_draft_chars:
            raise ApiError(
                422,
                "draft_too_long",
                f"The draft has {length} characters; the limit is "
                f"{self.settings.max_draft_chars} (REVIEWER_MAX_DRAFT_CHARS). Shorten it or review it in parts.",
            )

    async def review(self, request: ReviewRequest, events: EventSink | None = None) -> ReviewResult:
        """One review: from the cache, or the judge within the deadline, or the rules with ``degraded`` set."""
        self.check_limits(request)
        key = None
        if self.cache is not None:
            prompts = self.reviewer.prompts
            versions = prompts.versions(prompts.select(request.rubrics))
            key = cache_key(request, self.reviewer.judge.name, self.reviewer.judge.model, versions)
        cached = await self.cache.get(key) if self.cache is not None and key else None
        if cached is not None:
            self.metrics.cache_hits.inc()
            result = cached.model_copy(update={"meta": cached.meta.model_copy(update={"cached": True})})
            if events is not None:
                events("result", {"result": result})
            return result
        try:
            async with asyncio.timeout(self.settings.request_deadline_s):  # no extra task, unlike wait_for
                result = await self.reviewer.review(request, events)
        except TimeoutError:
            log.warning(
                "review exceeded the %.0f s deadline; answering with the rules judge", self.settings.request_deadline_s
            )
            result = await self.fallback.review(request)
            notes = [*result.meta.notes, f"the LLM judge did not finish within {self.settings.request_deadline_s:g} s"]
            result = result.model_copy(
                update={"meta": result.meta.model_copy(update={"degraded": True, "notes": notes})}
            )
        self.metrics.observe(result)
        if self.cache is not None and key and not result.meta.degraded:
            await self.cache.put(key, result)
        return result

    async def aclose(self) -> None:
        """Close the LLM connections (at shutdown)."""
        await self.reviewer.aclose()

    async def ready(self) -> dict[str, Any]:
        """Readiness: rubrics loaded and, with an LLM judge, the server reachable."""
        status: dict[str, Any] = {"rubrics": sorted(self.reviewer.prompts.rubrics), "judge": self.reviewer.judge.name}
        if self.reviewer.backend is not None:
            problem = await self.reviewer.backend.check()
            status["llm"] = "reachable" if problem is None else f"unreachable: {problem}"
            if problem is not None:
                status["ready"] = False
                return status
        status["ready"] = True
        return status


def request_id() -> str:
    """A short random id for logs and error reports."""
    return os.urandom(6).hex()
