"""The LLM judge and rewriter: one call judges every rubric, a fence the draft cannot forge, quotes as evidence.

Both send text off the machine, so each call opens a privacy :class:`Boundary`: the message and context are
masked on the way out; quotes, suggestions and rewrites are mapped back on the way in.

The prompts put everything that is the same for every review first (instructions, rubric texts, thresholds,
schema, example: the system message) and the per-review data last, so a server's prompt cache serves the prefix.
"""

import asyncio
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from pydantic import AliasChoices, BaseModel, Field, ValidationError

from reviewer.judges._protocol import (
    Candidate,
    Judgement,
    JudgeRequest,
    OnRubric,
    RewriteRequest,
    RubricJudgement,
)
from reviewer.judges.backends import BackendError, ChatBackend, Completion, parse_json_object
from reviewer.models import Finding, Message, Tokens
from reviewer.privacy import Boundary
from reviewer.rubrics import PromptSet, Rubric
from reviewer.settings import Settings

# What one answer may contribute to a result, whatever its size: evidence items per rubric, characters per
# reasoning, per problem or suggestion, instructions reported from the data (each note quotes at most 160).
MAX_EVIDENCE = 10
MAX_REASONING_CHARS = 2000
MAX_EVIDENCE_CHARS = 500
MAX_INSTRUCTIONS = 5


class _EvidenceOut(BaseModel):
    quote: str
    problem: str = ""
    severity: int = Field(default=1, ge=0, le=4)
    suggestion: str | None = None


class _RubricOut(BaseModel):
    evidence: list[_EvidenceOut] = Field(default_factory=list)
    reasoning: str = Field(default="", validation_alias=AliasChoices("reasoning", "rationale"))
    score: int = Field(ge=0, le=4)


class RewriteOut(BaseModel):
    """What the rewrite prompt asks for."""

    subject: str | None = None
    body: str = Field(min_length=1)


_EVIDENCE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "quote": {"type": "string"},
        "problem": {"type": "string"},
        "severity": {"type": "integer", "enum": [1, 2, 3, 4]},
        "suggestion": {"type": ["string", "null"]},
    },
    "required": ["quote", "problem", "severity", "suggestion"],
    "additionalProperties": False,
}
# Per rubric: evidence, then reasoning, then the score (models score better after citing and reasoning). Every
# property required and no additional ones, so servers accept it with strict: true; no maxLength or maxItems:
# they crash llama.cpp's grammar engine.
_RUBRIC_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "evidence": {"type": "array", "items": _EVIDENCE_SCHEMA},
        "reasoning": {"type": "string"},
        "score": {"type": "integer", "enum": [0, 1, 2, 3, 4]},
    },
    "required": ["evidence", "reasoning", "score"],
    "additionalProperties": False,
}


def judge_schema(rubric_ids: list[str]) -> dict[str, Any]:
    """The answer to one judging call: instructions found in the data first, then each rubric's judgement."""
    return {
        "type": "object",
        "$defs": {"rubric": _RUBRIC_SCHEMA},
        "properties": {
            "instructions_found": {"type": "array", "items": {"type": "string"}},
            "rubrics": {
                "type": "object",
                "properties": {rid: {"$ref": "#/$defs/rubric"} for rid in rubric_ids},
                "required": list(rubric_ids),
                "additionalProperties": False,
            },
        },
        "required": ["instructions_found", "rubrics"],
        "additionalProperties": False,
    }


REWRITE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"subject": {"type": ["string", "null"]}, "body": {"type": "string"}},
    "required": ["subject", "body"],
    "additionalProperties": False,
}

# Text in the data that looks like a fence: the old fixed markers, and anything shaped like ours. The nonce makes
# ours unforgeable; these are rewritten anyway so that no marker, old or new, reads as one inside the data.
_MARKERS = re.compile(r"(?i)\[\s*(?:begin|end)\s+data\s*\]|<<<|>>>|\b(?:begin|end)-(?=[0-9a-f]{4})")
_NEUTRAL = {"<<<": "‹‹‹", ">>>": "›››"}


def neutralise(text: str) -> str:
    """The data with every fence-like marker defused: ``[END DATA]`` → ``(END DATA)``, ``<<<`` → ``‹‹‹``."""

    def defuse(m: re.Match[str]) -> str:
        marker = m.group(0)
        if marker in _NEUTRAL:
            return _NEUTRAL[marker]
        if marker.startswith("["):
            return "(" + marker[1:-1] + ")"
        return marker[:-1] + "_"

    return _MARKERS.sub(defuse, text)


def _restore(quote: str) -> str:
    """A quote of neutralised data in the draft's own characters (for locating it)."""
    quote = quote.replace("‹‹‹", "<<<").replace("›››", ">>>")
    return re.sub(r"(?i)\((\s*(?:begin|end)\s+data\s*)\)", r"[\1]", quote)


@dataclass(frozen=True)
class _Task:
    """What the prompts are filled with: everything already masked and neutralised."""

    message: Message
    context: dict[str, Any]
    findings: list[Finding]


def fence_nonce(data: dict[str, str]) -> str:
    """The fence token of one request: a digest of the very data it fences.

    The draft cannot contain the digest of itself, so it cannot close the fence, and the same request gets the same
    token: prompts stay reproducible (eval cassettes, result caches) while every different draft gets a new one.
    """
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def _data_vars(task: _Task) -> dict[str, str]:
    return {
        "channel": task.message.channel,
        "subject": neutralise(task.message.subject or "(none)"),
        "body": neutralise(task.message.body),
        "context": neutralise(json.dumps(task.context, ensure_ascii=False, indent=1)) if task.context else "(none)",
    }


def _findings_by_rubric(findings: list[Finding], rubrics: list[Rubric]) -> str:
    """Each rubric's own rule findings, as leads to check."""
    lines = []
    for rubric in rubrics:
        own = [f for f in findings if f.category == rubric.id]
        lines.append(f"{rubric.id}:" + ("" if own else " (none)"))
        lines += [f'  - {f.rule_id} (severity {f.severity}): "{f.quote}" — {f.message}' for f in own]
    return neutralise("\n".join(lines))


def thresholds_text(settings: Settings) -> str:
    """The configured limits the rubrics refer to, as prompt lines."""
    return "\n".join(
        [
            f"- messages to one customer: at most {settings.max_messages_7_days} in 7 days and "
            f"{settings.max_messages_30_days} in 30 days (contact_history counts what was already sent)",
            f"- feedback or review requests: at most {settings.max_feedback_requests_30_days} in 30 days",
            f"- product suggestions in one message: at most {settings.max_suggestions}",
            f"- uses of the customer's first name in one message: at most {settings.max_first_name_uses}",
            f"- past purchases or history items recited in one message: at most {settings.max_history_items}",
        ]
    )


def channel_limit(channel: str, settings: Settings) -> int | None:
    """The length a rewrite must fit in on ``channel``, or None where there is none."""
    return {"sms": settings.sms_max_chars, "push": settings.push_max_chars}.get(channel)


def _calls(rubrics: list[Rubric]) -> list[list[Rubric]]:
    """The judging calls of a review: every rubric in one, except those that opt into a call of their own."""
    shared = [r for r in rubrics if not r.own_call]
    return ([shared] if shared else []) + [[r] for r in rubrics if r.own_call]


class LLMJudge:
    """Judges every rubric in one model call; never turns a failure into a silent 0."""

    name = "llm"
    sends_text_away = True

    def __init__(self, backend: ChatBackend, prompts: PromptSet, settings: Settings) -> None:
        self.backend = backend
        self.prompts = prompts
        self.settings = settings
        self.model = backend.model
        self._thresholds = thresholds_text(settings)
        self._systems: dict[tuple[str, ...], tuple[str, dict[str, Any]]] = {}

    def _system(self, rubrics: list[Rubric]) -> tuple[str, dict[str, Any]]:
        """The system message and schema for a set of rubrics: built once, byte-identical for every review."""
        key = tuple(r.id for r in rubrics)
        if key not in self._systems:
            schema = judge_schema(list(key))
            messages = self.prompts.judge.template.format_messages(
                rubrics="\n\n".join(r.prompt_text() for r in rubrics),
                thresholds=self._thresholds,
                nonce="",
                channel="",
                subject="",
                body="",
                context="",
                rule_findings="",
            )
            self._systems[key] = (str(messages[0].content), schema)
        return self._systems[key]

    async def judge(self, request: JudgeRequest, on_rubric: OnRubric | None = None) -> Judgement:
        """Mask, judge every rubric (one call, or more for rubrics with a call of their own), locate the quotes."""
        boundary = Boundary(request.context, ner=self.settings.ner)
        out = boundary.outgoing(request.message, request.floor.findings)
        task = _Task(out.message, out.context, out.findings)
        results = await asyncio.gather(*(self._judge_call(group, task, boundary) for group in _calls(request.rubrics)))
        rubrics: dict[str, RubricJudgement] = {}
        tokens = Tokens()
        notes: list[str] = []
        for judged, used, said in results:
            rubrics.update(judged)
            tokens = tokens + used
            notes += said
        if on_rubric is not None:
            for rubric in request.rubrics:
                on_rubric(rubric.id, rubrics[rubric.id])
        return Judgement(
            rubrics={r.id: rubrics[r.id] for r in request.rubrics},
            tokens=tokens,
            notes=list(dict.fromkeys(notes)),
            degraded=any(j.score is None for j in rubrics.values()),
            redaction=boundary.redaction(),
        )

    async def _judge_call(
        self, rubrics: list[Rubric], task: _Task, boundary: Boundary
    ) -> tuple[dict[str, RubricJudgement], Tokens, list[str]]:
        """One call for ``rubrics``: their judgements, its tokens, and notes (instructions found in the data, cuts)."""
        system, schema = self._system(rubrics)
        data = {"rule_findings": _findings_by_rubric(task.findings, rubrics), **_data_vars(task)}
        messages = self.prompts.judge.template.format_messages(
            rubrics="", thresholds="", nonce=fence_nonce(data), **data
        )
        messages[0].content = system
        name = "judgement" if len(rubrics) > 1 else f"{rubrics[0].id}_judgement"
        try:
            completion = _bounded(await self.backend.complete(messages, schema, name), self.settings)
        except BackendError as exc:
            failed = RubricJudgement(None, f"The LLM judge failed: {exc}", unscored_reason=exc.reason)
            return {r.id: failed for r in rubrics}, Tokens(), []
        return self._read(rubrics, completion, boundary)

    def _read(
        self, rubrics: list[Rubric], completion: Completion, boundary: Boundary
    ) -> tuple[dict[str, RubricJudgement], Tokens, list[str]]:
        """Each rubric's judgement from one answer, cut to size; a rubric the answer lacks or garbles is unscored."""
        try:
            answer = parse_json_object(completion.text)
        except ValueError as exc:
            why = f"The LLM answer could not be parsed ({str(exc)[:200]})"
            return (
                {r.id: RubricJudgement(None, why, unscored_reason="grade_parse_failure") for r in rubrics},
                completion.tokens,
                [],
            )
        found = answer.get("instructions_found")
        instructions = list(dict.fromkeys(str(s) for s in found if str(s).strip())) if isinstance(found, list) else []
        notes = [
            f"the draft speaks to the reviewer or the model: '{boundary.unmask(s)[:160]}'"
            for s in instructions[:MAX_INSTRUCTIONS]
        ]
        if len(instructions) > MAX_INSTRUCTIONS:
            notes.append(f"the LLM reported {len(instructions) - MAX_INSTRUCTIONS} more instruction(s), not listed")
        by_id = answer.get("rubrics") if isinstance(answer.get("rubrics"), dict) else answer
        # A single flat judgement (evidence, score, no "rubrics": a backend written for one rubric a call)
        # stands for every rubric of the call.
        flat = answer if "rubrics" not in answer and "score" in answer else None
        judged: dict[str, RubricJudgement] = {}
        for rubric in rubrics:
            raw = flat if flat is not None else by_id.get(rubric.id) if isinstance(by_id, dict) else None
            if raw is None:
                judged[rubric.id] = RubricJudgement(
                    None, "The LLM answer has no judgement for this rubric.", unscored_reason="missing_from_answer"
                )
                continue
            try:
                out = _RubricOut.model_validate(raw)
            except ValidationError as exc:
                judged[rubric.id] = RubricJudgement(
                    None,
                    f"The LLM answer could not be parsed ({str(exc)[:200]})",
                    unscored_reason="grade_parse_failure",
                )
                continue
            out, cut = _trimmed(out)
            if cut:
                notes.append(f"{rubric.id}: the LLM answer was truncated ({'; '.join(cut)})")
            judged[rubric.id] = _located(rubric, out, boundary)
        return judged, completion.tokens, notes


def _bounded(completion: Completion, settings: Settings) -> Completion:
    """The completion, unless its text is over the answer limit (a backend that could not stop reading it)."""
    limit = settings.answer_limit()
    if len(completion.text) > limit or len(completion.text.encode()) > limit:  # characters first: no huge copy
        why = f"the answer is over {limit:,} bytes (REVIEWER_LLM_MAX_ANSWER_BYTES), so it was not read"
        raise BackendError("answer_too_large", why)
    return completion


_WORD_END = re.compile(r"\s+\S*$")


def _clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word's end (a placeholder stays whole), marked with "…"."""
    if len(text) <= limit:
        return text
    return _WORD_END.sub("", text[:limit]) + "…"


def _trimmed(out: _RubricOut) -> tuple[_RubricOut, list[str]]:
    """A rubric's answer cut to what one answer may contribute, and what was cut."""
    cut = []
    if len(out.evidence) > MAX_EVIDENCE:
        cut.append(f"{len(out.evidence) - MAX_EVIDENCE} evidence item(s) past the first {MAX_EVIDENCE} ignored")
    evidence = [
        ev.model_copy(
            update={
                "problem": _clip(ev.problem, MAX_EVIDENCE_CHARS),
                "suggestion": _clip(ev.suggestion, MAX_EVIDENCE_CHARS) if ev.suggestion is not None else None,
            }
        )
        for ev in out.evidence[:MAX_EVIDENCE]
    ]
    if any(a != b for a, b in zip(evidence, out.evidence, strict=False)):
        cut.append(f"evidence text cut to {MAX_EVIDENCE_CHARS} characters")
    reasoning = _clip(out.reasoning, MAX_REASONING_CHARS)
    if reasoning != out.reasoning:
        cut.append(f"reasoning cut to {MAX_REASONING_CHARS:,} characters")
    return out.model_copy(update={"evidence": evidence, "reasoning": reasoning}), cut


def _located(rubric: Rubric, out: _RubricOut, boundary: Boundary) -> RubricJudgement:
    """A rubric's answer with its evidence located in the original message; severity-0 evidence is no finding."""
    findings: list[Finding] = []
    dropped = 0
    for ev in out.evidence:
        if not ev.quote.strip() or ev.severity == 0:
            continue
        where = boundary.locate(ev.quote) or boundary.locate(_restore(ev.quote))
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
    rationale = boundary.unmask(out.reasoning) or f"Scored {out.score} by the LLM judge."
    return RubricJudgement(out.score, rationale, findings, dropped=dropped)


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
            feedback = neutralise(
                f"Your previous rewrite was rejected. Still wrong:\n{still}\n"
                + boundary.mask_known("\n".join(request.rejected_because))
            )
            feedback += "\n"
        keep = [boundary.mask_known(k) for k in request.keep]
        limit = channel_limit(request.message.channel, self.settings)
        problems = [f for f in request.findings if f.severity >= 1]
        data = {
            "keep": neutralise(", ".join(f'"{k}"' for k in keep)) if keep else "(nothing special)",
            "length_limit": f"{limit} characters, subject and body together" if limit else "(none)",
            "problems": neutralise(_describe(problems, boundary)) or "(none)",
            "feedback": feedback,
            **_data_vars(task),
        }
        messages = self.prompts.rewrite.template.format_messages(nonce=fence_nonce(data), **data)
        try:
            completion = _bounded(await self.backend.complete(messages, REWRITE_SCHEMA, "rewrite"), self.settings)
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
        # A placeholder inside a flagged span may go with it ("Mrs. <LAST_NAME>" when no title was stated).
        unflagged = out.message.body
        for f in problems:
            if f.field == "body":
                unflagged = unflagged.replace(boundary.mask_known(f.quote), " ")
        return Candidate(message, completion.tokens, boundary.placeholder_problem(unflagged, answer.body))


def _describe(findings: list[Finding], boundary: Boundary) -> str:
    """Findings as prompt lines, masked."""
    return "\n".join(
        f'- [{f.category} {f.severity}] "{boundary.mask_known(f.quote)}": {boundary.mask_known(f.message)}'
        for f in findings
    )
