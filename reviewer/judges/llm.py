"""The LLM judge and rewriter: rubric prompts from prompts/, JSON answers, quotes as evidence."""

import asyncio
import json
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from reviewer.judges._backends import BackendError, ChatBackend, parse_json_object
from reviewer.judges._protocol import Evidence, Judgement, JudgeTask, OnRubric, RubricJudgement
from reviewer.models import Tokens
from reviewer.rubrics import PromptSet, Rubric


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


def _findings_text(task: JudgeTask) -> str:
    if not task.rule_findings:
        return "(none)"
    return "\n".join(
        f'- [{f.category} {f.severity}] {f.rule_id}: "{f.quote}" — {f.message}' for f in task.rule_findings
    )


def _data_vars(task: JudgeTask) -> dict[str, str]:
    return {
        "channel": task.message.channel,
        "subject": task.message.subject or "(none)",
        "body": task.message.body,
        "context": json.dumps(task.context, ensure_ascii=False, indent=1) if task.context else "(none)",
    }


def _shared_vars(task: JudgeTask) -> dict[str, str]:
    """The judge prompt's variables that are the same for every rubric: built once per review."""
    return {"schema": _JUDGE_SCHEMA_JSON, "rule_findings": _findings_text(task), **_data_vars(task)}


class LLMJudge:
    """Judges each rubric with one model call, concurrently; never turns a failure into a silent 0."""

    name = "llm"

    def __init__(self, backend: ChatBackend, prompts: PromptSet) -> None:
        self.backend = backend
        self.prompts = prompts
        self.model = backend.model

    async def judge(self, task: JudgeTask, on_rubric: OnRubric | None = None) -> Judgement:
        """Score every rubric of ``task`` concurrently; each unscorable rubric says why."""
        shared = _shared_vars(task)

        async def one(rubric: Rubric) -> tuple[str, RubricJudgement, Tokens]:
            judgement, used = await self.judge_rubric(task, rubric, shared)
            if on_rubric is not None:
                on_rubric(rubric.id, judgement)
            return rubric.id, judgement, used

        results = await asyncio.gather(*(one(r) for r in task.rubrics))
        tokens = Tokens()
        for _, _, used in results:
            tokens = tokens + used
        return Judgement(rubrics={rid: judgement for rid, judgement, _ in results}, tokens=tokens)

    async def judge_rubric(
        self, task: JudgeTask, rubric: Rubric, shared: dict[str, str]
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
        evidence = [Evidence(e.quote, e.problem, e.severity, e.suggestion) for e in out.evidence if e.quote.strip()]
        return RubricJudgement(out.score, out.rationale or f"Scored {out.score} by the LLM judge.", evidence), (
            completion.tokens
        )


class LLMRewriter:
    """Rewrites a draft with the rewrite prompt."""

    def __init__(self, backend: ChatBackend, prompts: PromptSet) -> None:
        self.backend = backend
        self.prompts = prompts

    async def rewrite(
        self, task: JudgeTask, problems: str, keep: list[str], feedback: str
    ) -> tuple[RewriteOut | None, Tokens, str | None]:
        """A candidate rewrite, the tokens it cost, and the reason when there is none."""
        messages = self.prompts.rewrite.template.format_messages(
            keep=", ".join(f'"{k}"' for k in keep) if keep else "(nothing special)",
            schema=json.dumps(REWRITE_SCHEMA),
            problems=problems,
            feedback=feedback,
            **_data_vars(task),
        )
        try:
            completion = await self.backend.complete(messages, REWRITE_SCHEMA, "rewrite")
        except BackendError as exc:
            return None, Tokens(), f"rewrite call failed: {exc}"
        try:
            return RewriteOut.model_validate(parse_json_object(completion.text)), completion.tokens, None
        except (ValueError, ValidationError) as exc:
            return None, completion.tokens, f"rewrite answer could not be parsed ({str(exc)[:120]})"
