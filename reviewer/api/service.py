"""The service object behind the routes: the shared review path plus the cache, rate limits and metrics."""

import asyncio
import logging
import os
import time
from typing import Any

from reviewer.api.cache import MemoryCache, RedisCache, ResultCache, cache_key
from reviewer.api.metrics import Metrics
from reviewer.api.security import RateLimiter
from reviewer.models import ReviewRequest, ReviewResult
from reviewer.pipeline import Reviewer
from reviewer.pipeline.assess import EventSink
from reviewer.service import ReviewCore
from reviewer.settings import Settings

log = logging.getLogger("reviewer.api")


class ReviewService(ReviewCore):
    """The CLI's review path (limits, deadline, rules fallback) with a result cache, rate limits and metrics."""

    def __init__(self, settings: Settings, reviewer: Reviewer | None = None) -> None:
        super().__init__(settings, reviewer)
        self.cache: ResultCache | None = (
            RedisCache(settings.redis_url, settings.cache_ttl_s)
            if settings.redis_url
            else MemoryCache(settings.cache_size, settings.cache_ttl_s, settings.cache_max_bytes)
            if settings.cache_size and settings.cache_ttl_s and settings.cache_max_bytes
            else None
        )
        self.limiter = RateLimiter(settings.rate_limit_per_minute)
        self.metrics = Metrics()
        self.started = time.time()
        self._llm_check: tuple[float, str | None] | None = None  # (when, problem) of the last reachability check

    async def review(
        self, request: ReviewRequest, events: EventSink | None = None, deadline: float | None = None
    ) -> ReviewResult:
        """One review: checked, then from the cache, or the judge within the deadline, or the rules (degraded)."""
        self.check(request)
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
        result = await self.judge(request, events, deadline)
        self.metrics.observe(result)
        if self.cache is not None and key and not result.meta.degraded:
            await self.cache.put(key, result)
        return result

    async def ready(self) -> dict[str, Any]:
        """Readiness: rubrics loaded and, with an LLM judge, the server reachable."""
        status: dict[str, Any] = {"rubrics": sorted(self.reviewer.prompts.rubrics), "judge": self.reviewer.judge.name}
        if self.reviewer.backend is not None:
            problem = await self._llm_problem()
            status["llm"] = "reachable" if problem is None else f"unreachable: {problem}"
            if problem is not None:
                status["ready"] = False
                return status
        status["ready"] = True
        return status

    async def _llm_problem(self) -> str | None:
        """Why the LLM is unreachable, or None; one check per REVIEWER_READY_CHECK_S, bounded by the read timeout.

        A probe every few seconds must not become an outbound call every few seconds, nor wait on a hung server.
        """
        now = time.monotonic()
        if self._llm_check is not None and now - self._llm_check[0] < self.settings.ready_check_s:
            return self._llm_check[1]
        backend = self.reviewer.backend
        assert backend is not None
        try:
            async with asyncio.timeout(self.settings.read_timeout_s):
                problem = await backend.check()
        except TimeoutError:
            problem = f"no answer within {self.settings.read_timeout_s:g} s"
        self._llm_check = (now, problem)
        return problem


def request_id() -> str:
    """A short random id for logs and error reports."""
    return os.urandom(6).hex()
