"""One assessment pass: the rules stage always, then the judge, merged with the rules as a floor."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reviewer.judges import Judge, JudgeRequest, RubricJudgement
from reviewer.models import CustomerContext, Finding, Message, Redaction, RubricScore, Tokens, Verdict
from reviewer.pipeline.scoring import verdict
from reviewer.rubrics import Rubric
from reviewer.rules.stage import RubricFloor, rules_stage
from reviewer.settings import Settings


@dataclass
class Assessment:
    """Scores, findings and verdict of one message, and what the judge sent away to get them."""

    verdict: Verdict
    scores: dict[str, RubricScore]
    findings: list[Finding]
    tokens: Tokens | None = None
    notes: list[str] = field(default_factory=list)
    degraded: bool = False
    redaction: Redaction = field(default_factory=Redaction)
    doubts: list[str] = field(default_factory=list)  # sentences the judge neither flagged nor cleared


def merge(floor: RubricFloor, judged: RubricJudgement) -> RubricScore:
    """A rubric's score: the judge's, never below the rules' floor; the floor with the reason when unscored."""
    if judged.score is None:
        return RubricScore(
            score=floor.score,
            rationale=f"{judged.rationale} Rules floor: {floor.rationale}",
            source="rules",
            unscored_reason=judged.unscored_reason,
        )
    if floor.score > judged.score:
        # A deterministic finding cannot be argued away (e.g. by an injected instruction).
        if judged.source == "rules":
            return RubricScore(score=floor.score, rationale=floor.rationale, source="rules")
        said = f" (the {judged.source.upper()} judge said {judged.score}: {judged.rationale})"
        return RubricScore(score=floor.score, rationale=floor.rationale + said, source="rules+llm")
    source = judged.source if floor.score == 0 or judged.source == "rules" else "rules+llm"
    return RubricScore(score=judged.score, rationale=judged.rationale, source=source)


def _fresh(judged: RubricJudgement, rule_findings: list[Finding]) -> list[Finding]:
    """The judge's findings that do not repeat a rule finding's span and category."""
    taken = {(f.field, f.start, f.end, f.category) for f in rule_findings}
    return [f for f in judged.findings if (f.field, f.start, f.end, f.category) not in taken]


EventSink = Callable[[str, dict[str, Any]], None]


async def assess(
    message: Message,
    context: CustomerContext,
    rubrics: list[Rubric],
    judge: Judge,
    settings: Settings,
    events: EventSink | None = None,
) -> Assessment:
    """Run the rules stage, then the judge, and merge.

    ``events`` hears ``rules`` (the deterministic findings, within milliseconds) and then ``rubric`` for each
    rubric as the judge finishes it, so a client can show something at once.
    """
    floor = rules_stage(message, context, rubrics, settings)
    if events is not None:
        floors = {
            rid: RubricScore(score=f.score, rationale=f.rationale, source="rules") for rid, f in floor.rubrics.items()
        }
        events("rules", {"findings": floor.findings, "scores": floors})
        await asyncio.sleep(0)  # let a streaming client send the rules before the judge's work starts

    def on_rubric(rubric_id: str, judged: RubricJudgement) -> None:
        if events is not None:
            score = merge(floor.rubrics[rubric_id], judged)
            events("rubric", {"rubric": rubric_id, "score": score, "findings": _fresh(judged, floor.findings)})

    judgement = await judge.judge(JudgeRequest(message, context, rubrics, floor), on_rubric)
    notes = list(judgement.notes)
    scores: dict[str, RubricScore] = {}
    findings = list(floor.findings)
    for rubric in rubrics:
        judged = judgement.rubrics[rubric.id]
        scores[rubric.id] = merge(floor.rubrics[rubric.id], judged)
        findings += _fresh(judged, floor.findings)
        if judged.score is None:
            notes.append(f"{rubric.id}: unscored by the {judge.name} judge ({judged.unscored_reason})")
        if judged.dropped:
            notes.append(f"{rubric.id}: dropped {judged.dropped} LLM quote(s) not found in the draft")
    findings.sort(key=lambda f: (f.field != "subject", f.start, -f.severity))
    return Assessment(
        verdict(scores, findings),
        scores,
        findings,
        judgement.tokens,
        notes,
        judgement.degraded,
        judgement.redaction,
        judgement.doubts,
    )
