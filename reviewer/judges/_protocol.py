"""The judge seam: one protocol with one async method, and the shapes that cross it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from reviewer.models import Finding, Message, Tokens
from reviewer.rubrics import Rubric


@dataclass(frozen=True)
class JudgeTask:
    """What a judge sees. For an LLM judge the message is already masked and the context minimised."""

    message: Message
    context: dict[str, Any]
    rubrics: list[Rubric]
    rule_findings: list[Finding]


@dataclass(frozen=True)
class Evidence:
    """A quote the judge points at, still to be located in the message."""

    quote: str
    message: str
    severity: int
    suggestion: str | None = None


@dataclass
class RubricJudgement:
    """One rubric's outcome. ``score`` is None when the judge could not score it (``unscored_reason`` says why)."""

    score: int | None
    rationale: str
    evidence: list[Evidence] = field(default_factory=list)
    unscored_reason: str | None = None


@dataclass
class Judgement:
    """A judge's answer for every rubric of a task."""

    rubrics: dict[str, RubricJudgement]
    tokens: Tokens | None = None
    notes: list[str] = field(default_factory=list)


OnRubric = Callable[[str, "RubricJudgement"], None]


class Judge(Protocol):
    """Scores a message under rubrics."""

    name: str
    model: str | None

    async def judge(self, task: JudgeTask, on_rubric: OnRubric | None = None) -> Judgement:
        """Score every rubric in ``task``; ``on_rubric`` hears each rubric as soon as it is scored."""
        ...
