"""The LLM judge and rewriter: rubric prompts from prompts/, JSON answers, quotes as evidence.

Both send text off the machine, so each call opens a privacy :class:`Boundary`: the message and context are
masked on the way out; quotes, suggestions and rewrites are mapped back on the way in.
"""

import asyncio
import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from reviewer.judges._protocol import (
    Candidate,
    Judgement,
    JudgeRequest,
    OnRubric,
    RewriteRequest,
    RubricJudgement,
)
from reviewer.judges.backends import BackendError, ChatBackend, parse_json_object
from reviewer.models import Finding, Message, Tokens
from reviewer.privacy import Boundary
from reviewer.rubrics import PromptSet, Rubric
from reviewer.settings import Settings


class _EvidenceOut(BaseModel):
    quote: str
    problem: str = ""
    severity: int = Field(ge=0, le=4)
    suggestion: str | None = None


class _RubricOut(BaseModel):
    evidence: list[_EvidenceOut] = Field(default_factory=list)
    score: int = Field(ge=0, le=4)
    rationale: str = ""


class RewriteOut(BaseModel):
    """What the rewrite prompt asks for."""

    subject: str | None = None
    body: str = Field(min_length=1)


# Evidence comes before the score: models score better after citing (see shared/ENVIRONMENT.md). No maxLength:
# it crashes llama.cpp's grammar engine.
JUDGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "evidence": {
            "type": "array",
            "maxItems": 8,
            "items": {
                "type": "object",
                "properties": {
                    "quote": {"type": "string"},
                    "problem": {"type": "string"},
                    "severity": {"type": "integer", "minimum": 0, "maximum": 4},
                    "suggestion": {"type": ["string", "null"]},
                },
                "required": ["quote", "problem", "severity"],
            },
        },
        "score": {"type": "integer", "minimum": 0, "maximum": 4},
        "rationale": {"type": "string"},
    },
    "required": ["evidence", "score", "rationale"],
}
_JUDGE_SCHEMA_JSON = json.dumps(JUDGE_SCHEMA)
REWRITE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"subject": {"type": ["string", "null"]}, "body": {"type": "string"}},
    "required": ["body"],
}


@dataclass(frozen=True)
class _Task:
    """What the prompts are filled with: everything already masked."""

    message: Message
    context: dict[str, Any]
    findings: list[Finding]


def _findings_text(findings: list[Finding]) -> str:
    if not findings:
        return "(none)"
    return "\n".join(f'- [{f.category} {f.severity}] {f.rule_id}: "{f.quote}" — {f.message}' for f in findings)


def _data_vars(task: _Task) -> dict[str, str]:
    return {
        "channel": task.message.channel,
        "subject": task.message.subject or "(none)",
        "body": task.message.body,
        "context": json.dumps(task.context, ensure_ascii=False, indent=1) if task.context else "(none)",
    }


def _shared_vars(task: _Task) -> dict[str, str]:
    """The judge prompt's variables that are the same for every rubric: built once per review."""
    return {"schema": _JUDGE_SCHEMA_JSON, "rule_findings": _findings_text(task.findings), **_data_vars(task)}


class LLMJudge:
    """Judges each rubric with one model call, concurrently; never turns a failure into a silent 0."""

    name = "llm"
    sends_text_away = True

    def __init__(self, backend: ChatBackend, prompts: PromptSet, settings: Settings) -> None:
        self.backend = backend
        self.prompts = prompts
        self.settings = settings
        self.model = backend.model

    async def judge(self, request: JudgeRequest, on_rubric: OnRubric | None = None) -> Judgement:
        """Mask, score every rubric concurrently, and locate each quote in the original message."""
        boundary = Boundary(request.context, ner=self.settings.ner)
        out = boundary.outgoing(request.message, request.floor.findings)
        task = _Task(out.message, out.context, out.findings)
        shared = _shared_vars(task)

        async def one(rubric: Rubric) -> tuple[str, RubricJudgement, Tokens]:
            judgement, used = await self._judge_rubric(rubric, shared, boundary)
            if on_rubric is not None:
                on_rubric(rubric.id, judgement)
            return rubric.id, judgement, used

        results = await asyncio.gather(*(one(r) for r in request.rubrics))
        tokens = Tokens()
        for _, _, used in results:
            tokens = tokens + used
        rubrics = {rid: judgement for rid, judgement, _ in results}
        return Judgement(
            rubrics=rubrics,
            tokens=tokens,
            degraded=any(j.score is None for j in rubrics.values()),
            redaction=boundary.redaction(),
        )

    async def _judge_rubric(
        self, rubric: Rubric, shared: dict[str, str], boundary: Boundary
    ) -> tuple[RubricJudgement, Tokens]:
        """One rubric, one call. ``shared`` holds the prompt variables every rubric uses alike (``_shared_vars``)."""
        messages = self.prompts.judge.template.format_messages(
            rubric_id=rubric.id,
            rubric_title=rubric.title,
            rubric_guidance=rubric.guidance,
            scale=rubric.scale_text(),
            **shared,
        )
        try:
            completion = await self.backend.complete(messages, JUDGE_SCHEMA, f"{rubric.id}_judgement")
        except BackendError as exc:
            return RubricJudgement(None, f"The LLM judge failed: {exc}", unscored_reason=exc.reason), Tokens()
        try:
            out = _RubricOut.model_validate(parse_json_object(completion.text))
        except (ValueError, ValidationError) as exc:
            reason = "grade_parse_failure"
            return (
                RubricJudgement(None, f"The LLM answer could not be parsed ({str(exc)[:200]})", unscored_reason=reason),
                completion.tokens,
            )
        findings: list[Finding] = []
        dropped = 0
        for ev in out.evidence:
            if not ev.quote.strip():
                continue
            where = boundary.locate(ev.quote)
            if where is None:
                dropped += 1
                continue
            findings.append(
                Finding(
                    category=rubric.id,
                    start=where.start,
                    end=where.end,
                    quote=where.quote,
                    severity=ev.severity,
                    message=boundary.unmask(ev.problem) or f"Flagged by the LLM judge under {rubric.id}.",
                    suggestion=boundary.unmask(ev.suggestion) if ev.suggestion is not None else None,
                    source="llm",
                    rule_id=None,
                    field=where.field,
                    start_utf16=where.start_utf16,
                    end_utf16=where.end_utf16,
                )
            )
        rationale = boundary.unmask(out.rationale) or f"Scored {out.score} by the LLM judge."
        return RubricJudgement(out.score, rationale, findings, dropped=dropped), completion.tokens


class LLMRewriter:
    """Rewrites a draft with the rewrite prompt, on masked data."""

    def __init__(self, backend: ChatBackend, prompts: PromptSet, settings: Settings) -> None:
        self.backend = backend
        self.prompts = prompts
        self.settings = settings
        self.attempts = settings.rewrite_attempts

    async def rewrite(self, request: RewriteRequest) -> Candidate:
        """A candidate rewrite in the original's terms, the tokens it cost, and the reason when there is none."""
        boundary = Boundary(request.context, ner=self.settings.ner)
        out = boundary.outgoing(request.message)
        task = _Task(out.message, out.context, [])
        feedback = ""
        if request.rejected or request.rejected_because:
            still = _describe(request.rejected, boundary)
            feedback = (
                f"Your previous rewrite was rejected. Still wrong:\n{still}\n"
                + "\n".join(request.rejected_because)
                + "\n"
            )
        keep = [boundary.mask_known(k) for k in request.keep]
        messages = self.prompts.rewrite.template.format_messages(
            keep=", ".join(f'"{k}"' for k in keep) if keep else "(nothing special)",
            schema=json.dumps(REWRITE_SCHEMA),
            problems=_describe([f for f in request.findings if f.severity >= 1], boundary) or "(none)",
            feedback=feedback,
            **_data_vars(task),
        )
        try:
            completion = await self.backend.complete(messages, REWRITE_SCHEMA, "rewrite")
        except BackendError as exc:
            return Candidate(None, Tokens(), f"rewrite call failed: {exc}")
        try:
            answer = RewriteOut.model_validate(parse_json_object(completion.text))
        except (ValueError, ValidationError) as exc:
            return Candidate(None, completion.tokens, f"rewrite answer could not be parsed ({str(exc)[:120]})")
        message = request.message.model_copy(
            update={
                "body": boundary.unmask(answer.body),
                "subject": boundary.unmask(answer.subject) if answer.subject else request.message.subject,
            }
        )
        return Candidate(message, completion.tokens, boundary.placeholder_problem(out.message.body, answer.body))


def _describe(findings: list[Finding], boundary: Boundary) -> str:
    """Findings as prompt lines, masked."""
    return "\n".join(
        f'- [{f.category} {f.severity}] "{boundary.mask_known(f.quote)}": {boundary.mask_known(f.message)}'
        for f in findings
    )
