"""The one path a review takes, for the HTTP service and the command line alike.

The draft limit (REVIEWER_MAX_DRAFT_CHARS), the rubric check, the deadline (REVIEWER_REQUEST_DEADLINE_S) and
the rules fallback when the judge misses it. Nothing here imports the web framework: the CLI reviews through it
too, and the service (reviewer/api/service.py) adds its cache, rate limits and metrics on top.
"""

import asyncio
import logging
from typing import Any

from reviewer.catalogue import Catalogue, build_catalogue
from reviewer.errors import InputError, ReviewerError
from reviewer.models import ReviewRequest, ReviewResult
from reviewer.pipeline import Reviewer
from reviewer.pipeline.assess import EventSink
from reviewer.privacy import ledger
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


class LoneSurrogateError(InputError):
    """A text holds half of a UTF-16 surrogate pair (a JSON escape like D800 alone), which no UTF-8 text can carry."""

    def __init__(self, where: str) -> None:
        super().__init__(
            f"{where}: contains a lone UTF-16 surrogate (an escape like \\ud800 without its pair); "
            "send valid Unicode text"
        )


def _lone_surrogate(value: Any, where: str) -> str | None:
    """The path of the first string in ``value`` that UTF-8 cannot encode, or None."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return where
        return None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _lone_surrogate(item, f"{where}.{key}" if where else str(key))
        if found is not None:
            return found
    return None


# A draft longer than this is reviewed by an on-machine judge in a worker thread, so its CPU work cannot hold the
# event loop (and every other request with it); shorter ones cost less than the hand-over.
INLINE_DRAFT_CHARS = 2_000


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
        where = _lone_surrogate(request.model_dump(exclude_defaults=True), "")
        if where is not None:
            raise LoneSurrogateError(where)

    async def judge(
        self, request: ReviewRequest, events: EventSink | None = None, deadline: float | None = None
    ) -> ReviewResult:
        """The configured judge's review within the deadline, or the rules' with ``meta.degraded`` set.

        ``deadline`` (the event loop's clock) is when the answer is due, for a batch whose items share one; by
        default REVIEWER_REQUEST_DEADLINE_S from now. A judge that fails (an LLM answering nonsense, a bug) also
        gets the rules' review, degraded, never an error: the rules' findings are always worth having.
        """
        loop = asyncio.get_running_loop()
        due = deadline if deadline is not None else loop.time() + self.settings.request_deadline_s
        with ledger.recording() as sent:  # what the judge sends away, even if it never finishes
            try:
                if due <= loop.time():
                    raise TimeoutError
                async with asyncio.timeout_at(due):  # no extra task, unlike wait_for
                    result = await self._run(self.reviewer, request, events)
            except TimeoutError:
                log.warning("review missed its deadline; answering with the rules judge")
                note = f"the LLM judge did not finish within {self.settings.request_deadline_s:g} s"
                result = self._degraded(await self._run(self.fallback, request, None), note, sent)
            except ReviewerError:
                raise  # the request or the configuration is at fault: the caller has something to fix
            except Exception as exc:  # noqa: BLE001 - any judge failure degrades to the rules' review
                if self.fallback is self.reviewer:
                    raise
                log.error("the %s judge failed; answering with the rules judge", self.reviewer.judge.name, exc_info=exc)
                note = f"the LLM judge failed ({type(exc).__name__}); the rules judge answered"
                result = self._degraded(await self._run(self.fallback, request, None), note, sent)
        return self._capped(result)

    async def _run(self, reviewer: Reviewer, request: ReviewRequest, events: EventSink | None) -> ReviewResult:
        """``reviewer.review``; in a worker thread when the judge is on this machine and the draft is long."""
        length = len(request.message.body) + len(request.message.subject or "")
        if reviewer.judge.sends_text_away or length <= INLINE_DRAFT_CHARS:
            return await reviewer.review(request, events)
        loop = asyncio.get_running_loop()

        def relay(name: str, data: Any) -> None:
            if events is not None:
                loop.call_soon_threadsafe(events, name, data)

        return await asyncio.to_thread(asyncio.run, reviewer.review(request, relay))

    @staticmethod
    def _degraded(result: ReviewResult, note: str, sent: ledger.Sent) -> ReviewResult:
        """The fallback's result, degraded, saying truthfully what the failed judge had already sent away."""
        notes = [*result.meta.notes, note]
        redaction = sent.redaction()
        if redaction is not None:
            notes = [n for n in notes if "nothing left this machine" not in n]
            notes.append(
                "the masked draft was already on its way to the LLM (it may have reached the provider); "
                "redaction lists what was masked and withheld in it"
            )
            result = result.model_copy(update={"redaction": redaction})
        meta = result.meta.model_copy(update={"degraded": True, "notes": notes})
        return result.model_copy(update={"meta": meta})

    def _capped(self, result: ReviewResult) -> ReviewResult:
        """At most REVIEWER_MAX_FINDINGS findings, the most severe first kept, in reading order; a note says so."""
        limit = self.settings.max_findings
        if len(result.findings) <= limit:
            return result
        order = {id(f): i for i, f in enumerate(result.findings)}
        kept = sorted(sorted(result.findings, key=lambda f: -f.severity)[:limit], key=lambda f: order[id(f)])
        note = (
            f"{len(result.findings)} findings; the {limit} most severe are listed (REVIEWER_MAX_FINDINGS). "
            "Fix those and review again."
        )
        meta = result.meta.model_copy(update={"notes": [*result.meta.notes, note]})
        return result.model_copy(update={"findings": kept, "meta": meta})

    async def review(
        self, request: ReviewRequest, events: EventSink | None = None, deadline: float | None = None
    ) -> ReviewResult:
        """One review: checked, then judged within the deadline."""
        self.check(request)
        return await self.judge(request, events, deadline)

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
