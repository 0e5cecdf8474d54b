"""The judge seam: one protocol to judge, one to rewrite, and the shapes that cross them.

A judge receives the request and the rules' floor and returns located judgements: findings already point at
the original message. A judge that sends text off the machine says so (``sends_text_away``) and keeps its
privacy boundary inside itself.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from reviewer.models import CustomerContext, Finding, Message, Redaction, Tokens
from reviewer.rubrics import Rubric
from reviewer.rules.stage import Floor


@dataclass(frozen=True)
class JudgeRequest:
    """What a judge receives: the original message and context, the rubrics, and the rules' floor."""

    message: Message
    context: CustomerContext
    rubrics: list[Rubric]
    floor: Floor


@dataclass
class RubricJudgement:
    """One rubric's outcome. ``score`` is None when the judge could not score it (``unscored_reason`` says why).

    ``findings`` are located in the original message; ``dropped`` counts quotes that could not be located.
    """

    score: int | None
    rationale: str
    findings: list[Finding] = field(default_factory=list)
    unscored_reason: str | None = None
    source: Literal["rules", "llm"] = "llm"
    dropped: int = 0


@dataclass
class Judgement:
    """A judge's answer for every rubric of a request, and what it sent away to get it."""

    rubrics: dict[str, RubricJudgement]
    tokens: Tokens | None = None
    notes: list[str] = field(default_factory=list)
    degraded: bool = False
    redaction: Redaction = field(default_factory=Redaction)
    # Sentences the judge neither flagged nor cleared ("stereotyping: '...'"): a rewrite keeping one is not verified.
    doubts: list[str] = field(default_factory=list)


OnRubric = Callable[[str, RubricJudgement], None]


class Judge(Protocol):
    """Scores a message under rubrics, on top of the rules' floor."""

    name: str
    model: str | None
    sends_text_away: bool  # masks before sending; a service keeps an offline fallback for it

    async def judge(self, request: JudgeRequest, on_rubric: OnRubric | None = None) -> Judgement:
        """Judge every rubric of ``request``; ``on_rubric`` hears each rubric as soon as it is judged."""
        ...


@dataclass(frozen=True)
class RewriteRequest:
    """A draft to rewrite: its findings, what must survive, and why the last attempt was rejected."""

    message: Message
    context: CustomerContext
    rubrics: list[Rubric]
    findings: list[Finding]
    keep: list[str]
    rejected: list[Finding] = field(default_factory=list)
    rejected_because: list[str] = field(default_factory=list)


@dataclass
class Candidate:
    """One rewrite attempt: the new message (None when there is none), its cost, and a problem found in it."""

    message: Message | None
    tokens: Tokens | None = None
    problem: str | None = None


class Rewriter(Protocol):
    """Proposes a fixed message; the pipeline re-reviews every candidate."""

    attempts: int

    async def rewrite(self, request: RewriteRequest) -> Candidate:
        """One candidate for ``request``."""
        ...
