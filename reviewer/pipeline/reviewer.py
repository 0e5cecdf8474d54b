"""The review pipeline: assess, rewrite, verify the rewrite; usable as a LangChain Runnable."""

import asyncio
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from reviewer.judges import ChatBackend, JudgeKit, RewriteRequest, build_judge, create_backend
from reviewer.judges.llm import channel_limit
from reviewer.models import CustomerContext, Finding, Message, Meta, ReviewRequest, ReviewResult, Rewrite, Tokens
from reviewer.pipeline.assess import Assessment, EventSink, assess
from reviewer.pipeline.rewrite import added_personal_data, protected_tokens, unsafe_changes
from reviewer.pipeline.scoring import badness, unknown_note, verdict_level
from reviewer.rubrics import PromptSet, Rubric, load_prompts
from reviewer.rules import rules
from reviewer.rules.fixes import cut_lines, emptied_items, fragments, orphans
from reviewer.settings import Settings, get_settings

log = logging.getLogger("reviewer")

# A rewrite shorter than this share of the draft (in words) has lost the message's purpose.
MIN_KEPT_WORDS = 0.3


def _add(a: Tokens | None, b: Tokens | None) -> Tokens | None:
    if a is None or b is None:
        return a or b
    return a + b


class Reviewer:
    """Reviews personalized messages.

    Args:
        settings: configuration; read from the environment when omitted.
        judge: "rules" or "llm"; defaults to ``settings.resolved_judge()``.
        backend: a chat backend for the LLM judge (implies ``judge="llm"``).
        chat_model: a LangChain chat model to use instead of the openai client (implies ``judge="llm"``).
        prompts: preloaded prompt files; loaded from prompts/ when omitted.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        judge: str | None = None,
        backend: ChatBackend | None = None,
        chat_model: Any | None = None,
        prompts: PromptSet | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        self.prompts = prompts or load_prompts(self.settings.prompts_dir)
        if chat_model is not None:
            backend = create_backend("langchain", self.settings, chat_model=chat_model)
        kind = "llm" if backend is not None else (judge or self.settings.resolved_judge())
        self.kit: JudgeKit = build_judge(kind, self.settings, self.prompts, backend)
        self.judge = self.kit.judge
        self.backend = self.kit.backend
        if self.settings.log_bodies:
            log.warning("REVIEWER_LOG_BODIES is on: message bodies and contexts WILL BE LOGGED. Debug use only.")

    def offline(self) -> "Reviewer":
        """A reviewer that keeps everything on this machine: this one, or the embedded judge with the same prompts.

        The service answers with it when a judge that sends text away misses the deadline.
        """
        if not self.judge.sends_text_away:
            return self
        return Reviewer(self.settings, judge="rules", prompts=self.prompts)

    async def review(self, request: ReviewRequest | dict[str, Any], events: EventSink | None = None) -> ReviewResult:
        """Review one draft: scores, findings at exact spans, and a verified rewrite.

        ``events`` (optional) hears the review as it happens: ``rules``, then ``rubric`` per rubric, then
        ``rewrite``; the returned result is the whole review.
        """
        started = time.perf_counter()
        req = request if isinstance(request, ReviewRequest) else ReviewRequest.model_validate(request)
        rubrics = self.prompts.select(req.rubrics)
        if self.settings.log_bodies:
            log.debug("review request: %s", req.model_dump_json())
        job = _Job(req.message, req.context, rubrics)
        draft = await self._assess(job, req.message, events)
        notes = list(draft.notes)
        if (unknown := unknown_note(draft.scores, draft.findings)) is not None:
            notes.append(unknown)
        tokens = draft.tokens
        rewrite = None
        # A problem no wording fixes (no consent, an opt-out, too many messages) gets "do not send", whichever
        # judge found it, instead of a rewrite that could only apologise.
        stop = do_not_send(draft.findings)
        if stop is not None:
            notes.append(stop)
        # Nothing to fix when the verdict is not a pass only because a rubric is unknown.
        elif req.rewrite and verdict_level(draft.scores, draft.findings) >= 2:
            rewrite, used, rewrite_notes = await self._rewrite(job, draft)
            tokens = _add(tokens, used)
            notes += rewrite_notes
        if events is not None:
            events("rewrite", {"rewrite": rewrite})
        latency = (time.perf_counter() - started) * 1000
        log.info("review verdict=%s judge=%s latency_ms=%.1f", draft.verdict, self.judge.name, latency)
        return ReviewResult(
            verdict=draft.verdict,
            scores=draft.scores,
            findings=draft.findings,
            rewrite=rewrite,
            redaction=draft.redaction,
            meta=Meta(
                judge=self.judge.name,
                model=self.judge.model,
                prompt_versions=self.prompts.versions(rubrics),
                latency_ms=round(latency, 3),
                tokens=tokens,
                cached=False,
                degraded=draft.degraded,
                notes=notes,
            ),
        )

    def review_sync(self, request: ReviewRequest | dict[str, Any]) -> ReviewResult:
        """Blocking variant of :meth:`review` for scripts: its own event loop, its connections closed after."""

        async def once() -> ReviewResult:
            async with self:
                return await self.review(request)

        return asyncio.run(once())

    async def aclose(self) -> None:
        """Close the LLM connections opened in the running event loop; the reviewer stays usable.

        Call it (or use ``async with reviewer:``) before an event loop you reviewed in ends.
        """
        if self.backend is not None:
            await self.backend.aclose()

    async def __aenter__(self) -> "Reviewer":
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def as_runnable(self) -> Runnable[ReviewRequest | dict[str, Any], ReviewResult]:
        """The reviewer as a LangChain Runnable: ``invoke``, ``ainvoke``, ``batch``, ``abatch``."""
        return RunnableLambda(self.review_sync, afunc=self.review, name="reviewer")

    async def _assess(self, job: "_Job", message: Message, events: EventSink | None = None) -> Assessment:
        return await assess(message, job.context, job.rubrics, self.judge, self.settings, events)

    async def _rewrite(self, job: "_Job", draft: Assessment) -> tuple[Rewrite | None, Tokens | None, list[str]]:
        """Up to N candidates, each re-reviewed; the best is returned unless it is worse than the draft."""
        message = job.message
        keep = protected_tokens(message.body, message.template, [f for f in draft.findings if f.field == "body"])
        if message.subject:
            subject_findings = [f for f in draft.findings if f.field == "subject"]
            keep += protected_tokens(message.subject, message.template, subject_findings)
        best: tuple[tuple[bool, tuple[int, int]], Message, Assessment, list[str]] | None = None
        tokens: Tokens | None = None
        notes: list[str] = []
        request = RewriteRequest(message, job.context, job.rubrics, draft.findings, keep)
        attempts = 0
        for attempts in range(1, self.kit.rewriter.attempts + 1):
            candidate = await self.kit.rewriter.rewrite(request)
            tokens = _add(tokens, candidate.tokens)
            if candidate.message is None:
                notes.append(f"rewrite attempt {attempts}: {candidate.problem}")
                continue
            if added := added_personal_data(message, candidate.message, job.context):
                notes.append(f"rewrite attempt {attempts} added the customer's {', '.join(added)}; not returned")
                continue
            result = await self._assess(job, candidate.message)
            tokens = _add(tokens, result.tokens)
            text = f"{candidate.message.subject or ''}\n{candidate.message.body}"
            issues = [f"lost '{k}'" for k in keep if k not in text]
            if len(candidate.message.body.split()) < MIN_KEPT_WORDS * len(message.body.split()):
                issues.append("the rewrite removed most of the draft; rewrite the message by hand")
            issues += _not_fixed(message, candidate.message, draft.findings)
            issues += unsafe_changes(message, candidate.message, draft.findings, keep)
            issues += _too_long(message, candidate.message, self.settings)
            issues += [f"the judge could not clear {doubt}; check it by hand" for doubt in result.doubts]
            if candidate.problem:
                issues.append(candidate.problem)
            rank = (bool(issues), badness(result.scores, result.findings))  # lower is better
            if best is None or rank < best[0]:
                best = (rank, candidate.message, result, issues)
            if result.verdict == "pass" and not issues:
                break
            request = RewriteRequest(
                message,
                job.context,
                job.rubrics,
                draft.findings,
                keep,
                [f for f in result.findings if f.severity >= 2],
                issues,
            )
        if best is None:
            return None, tokens, notes or ["no rewrite could be produced"]
        _, chosen, result, issues = best
        if badness(result.scores, result.findings) > badness(draft.scores, draft.findings):
            return None, tokens, notes + ["the best rewrite scored worse than the draft, so none is returned"]
        verified = result.verdict == "pass" and not issues
        rewrite = Rewrite(
            text=chosen.body,
            subject=chosen.subject,
            verified=verified,
            verdict=result.verdict,
            scores=result.scores,
            attempts=attempts,
            notes=issues + ([] if verified else [f"re-review verdict: {result.verdict}"]),
        )
        return rewrite, tokens, notes


def do_not_send(findings: list[Finding]) -> str | None:
    """A note saying not to send the message when a problem no rewrite can fix was found, else None."""
    unfixable = {r.id for r in rules() if r.unfixable}
    blocking = [f for f in findings if f.rule_id in unfixable and f.severity >= 2]
    if not blocking:
        return None
    reasons = "; ".join(dict.fromkeys(f.message for f in blocking))
    return f"do not send: no rewrite can fix this ({reasons})"


def _too_long(draft: Message, rewrite: Message, settings: Settings) -> list[str]:
    """A rewrite past the channel's length limit (SMS, push), unless the draft was longer still."""
    limit = channel_limit(draft.channel, settings)
    length = len(rewrite.body) + len(rewrite.subject or "")
    if limit is None or length <= max(limit, len(draft.body) + len(draft.subject or "")):
        return []
    return [f"the rewrite has {length} characters; the {draft.channel} limit is {limit}"]


@dataclass(frozen=True)
class _Job:
    """One request's state, shared by the draft's assessment and every rewrite attempt."""

    message: Message
    context: CustomerContext
    rubrics: list[Rubric]


_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)([a-z])\w*")
# Telling the reader what they are like or up to: after a stereotype is cut, the sentence that ran it on
# ("Hey Albertan!" ... "Bet you're already dusting off the pickup for hunting season!") is what is left of it.
_PRESUMES = re.compile(
    r"\b(?:(?:i|we) bet you|bet you(?:'re| are|'ll| will|'ve| have)|(?:i|we) reckon (?:you|it'?s)|reckon you|"
    r"(?:i'?m|we'?re) sure you(?:'re| are|'ll| will| love)|no doubt you(?:'re| are|'ll| will)|"
    r"we know you(?: love| always| never)|knowing you(?:r type)?|you(?:'re| are) (?:probably|surely) "
    r"(?:already|always|still|into|a fan)|of course you(?:'ll| will| love)|you lot)\b",
    re.I,
)


def _not_fixed(draft: Message, rewrite: Message, findings: list[Finding]) -> list[str]:
    """Why a rewrite that re-reviews clean is still not fixed.

    Flagged text survives, it reads as fragments (a sentence starting in lower case or stopping short, or leaning
    on one the rewrite cut), or the draft stereotyped the customer and the rewrite still tells them what they are like.
    """
    issues = []
    texts = {"body": rewrite.body, "subject": rewrite.subject or ""}
    kept = {f.quote.strip() for f in findings if f.severity >= 2 and f.quote.strip() in texts[f.field]}
    issues += [f"the rewrite still says '{q}'" for q in sorted(kept) if len(q) > 3]

    def starts(text: str) -> set[str]:
        return {m.group(0) for m in _SENTENCE_START.finditer(text)}

    lowered = starts(rewrite.body) - starts(draft.body)
    if lowered:
        issues.append(f"the rewrite leaves a sentence starting in lower case ('{sorted(lowered)[0]}')")
    cut_short = set(fragments(rewrite.body)) - set(fragments(draft.body))
    cut_short |= {rewrite.body[start:end] for start, end in cut_lines(draft.body, rewrite.body)}
    if cut_short:
        issues.append(f"the rewrite leaves a sentence cut short ('{sorted(cut_short)[0]}')")
    if emptied := emptied_items(draft.body, rewrite.body):
        issues.append(f"the rewrite leaves an empty list item ('{emptied[0]}')")
    leaning = orphans(draft.body, rewrite.body)
    if leaning:
        start, end = leaning[0]
        issues.append(f"the rewrite keeps '{rewrite.body[start:end]}', which leaned on a sentence it cut")
    if any(f.category == "stereotyping" and f.severity >= 2 for f in findings):
        presumed = _PRESUMES.search(f"{rewrite.subject or ''}\n{rewrite.body}")
        if presumed is not None:
            issues.append(f"the draft stereotyped the customer and the rewrite still says '{presumed.group(0)}'")
    return issues
