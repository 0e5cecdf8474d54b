"""The review pipeline: assess, rewrite, verify the rewrite; usable as a LangChain Runnable."""

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from reviewer.judges import (
    ChatBackend,
    Judge,
    JudgeTask,
    LangChainBackend,
    LLMJudge,
    LLMRewriter,
    OpenAIBackend,
    RulesJudge,
)
from reviewer.models import (
    CustomerContext,
    Finding,
    Message,
    Meta,
    Redaction,
    ReviewRequest,
    ReviewResult,
    Rewrite,
    Tokens,
)
from reviewer.pipeline.assess import Assessment, EventSink, assess, mask_message
from reviewer.pipeline.rewrite import apply_suggestions, protected_tokens
from reviewer.pipeline.scoring import badness
from reviewer.privacy import PLACEHOLDER, Masker, minimise_context
from reviewer.rubrics import PromptSet, Rubric, load_prompts
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
            backend = LangChainBackend(chat_model)
        kind = "llm" if backend is not None else (judge or self.settings.resolved_judge())
        if kind not in ("rules", "llm"):
            raise ValueError(f"unknown judge {kind!r}; use 'rules' or 'llm'")
        self.judge: Judge
        self.rewriter: LLMRewriter | None = None
        self.backend: ChatBackend | None = None
        if kind == "llm":
            self.backend = backend = backend or OpenAIBackend(self.settings)
            self.judge = LLMJudge(backend, self.prompts)
            self.rewriter = LLMRewriter(backend, self.prompts)
        else:
            self.judge = RulesJudge()
        if self.settings.log_bodies:
            log.warning("REVIEWER_LOG_BODIES is on: message bodies and contexts WILL BE LOGGED. Debug use only.")

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
        masker = Masker(req.context, ner=self.settings.ner)
        job = _Job(req.message, req.context, rubrics, masker)
        draft = await self._assess(job, req.message, events)
        entities = dict(masker.entities)  # what the request held; rewrite checks re-mask the same values
        notes = list(draft.notes)
        tokens = draft.tokens
        rewrite = None
        if req.rewrite and draft.verdict != "pass":
            rewrite, used, rewrite_notes = await self._rewrite(job, draft)
            tokens = _add(tokens, used)
            notes += rewrite_notes
        if events is not None:
            events("rewrite", {"rewrite": rewrite})
        if isinstance(self.judge, RulesJudge):
            redaction = Redaction()
            notes.append("rules judge: nothing left this machine")
        else:
            redaction = Redaction(entities=entities, fields_withheld=draft.fields_withheld)
        latency = (time.perf_counter() - started) * 1000
        log.info("review verdict=%s judge=%s latency_ms=%.1f", draft.verdict, self.judge.name, latency)
        return ReviewResult(
            verdict=draft.verdict,
            scores=draft.scores,
            findings=draft.findings,
            rewrite=rewrite,
            redaction=redaction,
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
        return await assess(message, job.context, job.rubrics, self.judge, self.settings, job.masker, events)

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
        feedback = ""
        attempts = 0
        for attempts in range(1, (self.settings.rewrite_attempts if self.rewriter else 1) + 1):
            candidate, used, problem = await self._candidate(job, draft, keep, feedback)
            tokens = _add(tokens, used)
            if candidate is None:
                notes.append(f"rewrite attempt {attempts}: {problem}")
                continue
            result = await self._assess(job, candidate)
            tokens = _add(tokens, result.tokens)
            text = f"{candidate.subject or ''}\n{candidate.body}"
            issues = [f"lost '{k}'" for k in keep if k not in text]
            if len(candidate.body.split()) < MIN_KEPT_WORDS * len(message.body.split()):
                issues.append("the rewrite removed most of the draft; rewrite the message by hand")
            if problem:
                issues.append(problem)
            rank = (bool(issues), badness(result.scores, result.findings))  # lower is better
            if best is None or rank < best[0]:
                best = (rank, candidate, result, issues)
            if result.verdict == "pass" and not issues:
                break
            still = _describe([f for f in result.findings if f.severity >= 2], job.masker)
            feedback = f"Your previous rewrite was rejected. Still wrong:\n{still}\n" + "\n".join(issues) + "\n"
        if best is None:
            return None, tokens, notes or ["no rewrite could be produced"]
        _, candidate, result, issues = best
        if badness(result.scores, result.findings) > badness(draft.scores, draft.findings):
            return None, tokens, notes + ["the best rewrite scored worse than the draft, so none is returned"]
        verified = result.verdict == "pass" and not issues
        rewrite = Rewrite(
            text=candidate.body,
            subject=candidate.subject,
            verified=verified,
            verdict=result.verdict,
            scores=result.scores,
            attempts=attempts,
            notes=issues + ([] if verified else [f"re-review verdict: {result.verdict}"]),
        )
        return rewrite, tokens, notes

    async def _candidate(
        self, job: "_Job", draft: Assessment, keep: list[str], feedback: str
    ) -> tuple[Message | None, Tokens | None, str | None]:
        """One rewrite candidate: deterministic from suggestions, or from the LLM on masked data."""
        message, masker = job.message, job.masker
        if self.rewriter is None:

            def fix(text: str, field: str) -> str:
                return apply_suggestions(text, [f for f in draft.findings if f.field == field])

            subject = fix(message.subject, "subject") if message.subject else None
            return message.model_copy(update={"body": fix(message.body, "body"), "subject": subject}), None, None
        masked = mask_message(message, masker).message
        ctx, _ = minimise_context(job.context, masker)
        problems = _describe([f for f in draft.findings if f.severity >= 1], masker) or "(none)"
        task = JudgeTask(masked, ctx, job.rubrics, [])
        out, used, problem = await self.rewriter.rewrite(task, problems, [masker.mask_known(k) for k in keep], feedback)
        if out is None:
            return None, used, problem
        candidate = message.model_copy(
            update={
                "body": masker.unmask(out.body),
                "subject": masker.unmask(out.subject) if out.subject else message.subject,
            }
        )
        return candidate, used, _placeholder_problem(masker, masked.body, out.body)


@dataclass(frozen=True)
class _Job:
    """One request's state, shared by the draft's assessment and every rewrite attempt."""

    message: Message
    context: CustomerContext
    rubrics: list[Rubric]
    masker: Masker


def _describe(findings: list[Finding], masker: Masker) -> str:
    """Findings as prompt lines, masked."""
    return "\n".join(
        f'- [{f.category} {f.severity}] "{masker.mask_known(f.quote)}": {masker.mask_known(f.message)}'
        for f in findings
    )


def _placeholder_problem(masker: Masker, masked_body: str, rewritten: str) -> str | None:
    """A rewrite must keep the draft's placeholders and invent none."""
    issued = masker.known_placeholders()
    invented = sorted({p for p in PLACEHOLDER.findall(rewritten) if p not in issued})
    missing = sorted(p for p in set(PLACEHOLDER.findall(masked_body)) if p not in rewritten)
    problems = []
    if invented:
        problems.append(f"rewrite invented placeholder(s) {', '.join(invented)}")
    if missing:
        problems.append(f"rewrite dropped placeholder(s) {', '.join(missing)}")
    return "; ".join(problems) or None
