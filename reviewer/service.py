"""The one path a review takes, for the HTTP service and the command line alike.

The draft limit (REVIEWER_MAX_DRAFT_CHARS), the rubric check, the deadline (REVIEWER_REQUEST_DEADLINE_S) and
the rules fallback when the judge misses it. Nothing here imports the web framework: the CLI reviews through it
too, and the service (reviewer/api/service.py) adds its cache, rate limits and metrics on top.
"""

import asyncio
import logging

from reviewer.catalogue import Catalogue, build_catalogue
from reviewer.errors import InputError
from reviewer.models import ReviewRequest, ReviewResult
from reviewer.pipeline import Reviewer
from reviewer.pipeline.assess import EventSink
from reviewer.settings import Settings

log = logging.getLogger("reviewer.service")


class DraftTooLongError(InputError):
    """The draft is longer than REVIEWER_MAX_DRAFT_CHARS; the message names the limit."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(
            f"The draft has {length} characters; the limit is {limit} (REVIEWER_MAX_DRAFT_CHARS). "
            "Shorten it or review it in parts."
        )
        self.length, self.limit = length, limit


class ReviewCore:
    """Reviews with the configured judge under a deadline, falling back to the rules judge when it is missed."""

    def __init__(self, settings: Settings, reviewer: Reviewer | None = None) -> None:
        self.settings = settings
        self.reviewer = reviewer or Reviewer(settings)
        self.fallback = self.reviewer.offline()
        self.catalogue: Catalogue = build_catalogue(self.reviewer.prompts)

    def check(self, request: ReviewRequest) -> None:
        """Refuse, before any work, a draft over the limit or a rubric that is not installed."""
        length = len(request.message.body) + len(request.message.subject or "")
        if length > self.settings.max_draft_chars:
            raise DraftTooLongError(length, self.settings.max_draft_chars)
        self.reviewer.prompts.select(request.rubrics)  # UnknownRubricError names the installed ones

    async def judge(self, request: ReviewRequest, events: EventSink | None = None) -> ReviewResult:
        """The configured judge's review within the deadline, or the rules' with ``meta.degraded`` set."""
        deadline = self.settings.request_deadline_s
        try:
            async with asyncio.timeout(deadline):  # no extra task, unlike wait_for
                return await self.reviewer.review(request, events)
        except TimeoutError:
            log.warning("review exceeded the %.0f s deadline; answering with the rules judge", deadline)
            result = await self.fallback.review(request)
            notes = [*result.meta.notes, f"the LLM judge did not finish within {deadline:g} s"]
            return result.model_copy(update={"meta": result.meta.model_copy(update={"degraded": True, "notes": notes})})

    async def review(self, request: ReviewRequest, events: EventSink | None = None) -> ReviewResult:
        """One review: checked, then judged within the deadline."""
        self.check(request)
        return await self.judge(request, events)

    def review_sync(self, request: ReviewRequest) -> ReviewResult:
        """Blocking :meth:`review` for the command line: its own event loop, its connections closed after."""

        async def once() -> ReviewResult:
            try:
                return await self.review(request)
            finally:
                await self.aclose()

        return asyncio.run(once())

    async def aclose(self) -> None:
        """Close the LLM connections opened in the running event loop."""
        await self.reviewer.aclose()
        if self.fallback is not self.reviewer:
            await self.fallback.aclose()
