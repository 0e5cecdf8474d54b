"""One assessment pass: rules always, then the judge, merged with the rules as a floor."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reviewer.judges import Judge, JudgeTask, RubricJudgement, rules_judgement
from reviewer.models import CustomerContext, Finding, Message, RubricScore, Tokens, Verdict
from reviewer.pipeline.scoring import verdict
from reviewer.pipeline.spans import locate, with_utf16
from reviewer.privacy import MaskedText, Masker, minimise_context
from reviewer.rubrics import Rubric
from reviewer.rules import run_rules
from reviewer.settings import Settings


@dataclass
class Assessment:
    """Scores, findings and verdict of one message."""

    verdict: Verdict
    scores: dict[str, RubricScore]
    findings: list[Finding]
    tokens: Tokens | None = None
    notes: list[str] = field(default_factory=list)
    degraded: bool = False
    fields_withheld: list[str] = field(default_factory=list)


@dataclass
class MaskedMessage:
    """A message as an LLM sees it, with the maps back to the original."""

    message: Message
    body: MaskedText
    subject: MaskedText | None


def mask_message(message: Message, masker: Masker) -> MaskedMessage:
    """Mask body and subject."""
    body = masker.mask(message.body)
    subject = masker.mask(message.subject) if message.subject else None
    masked = message.model_copy(update={"body": body.masked, "subject": subject.masked if subject else None})
    return MaskedMessage(masked, body, subject)


def _merge(rubric: Rubric, floor: RubricJudgement, judged: RubricJudgement, is_llm: bool) -> RubricScore:
    floor_score = floor.score or 0
    if not is_llm:
        return RubricScore(
            score=floor_score,
            rationale=floor.rationale,
            source="rules",
            unscored_reason=judged.unscored_reason if judged.score is None else None,
        )
    if judged.score is None:
        return RubricScore(
            score=floor_score,
            rationale=f"{judged.rationale} Rules floor: {floor.rationale}",
            source="rules",
            unscored_reason=judged.unscored_reason,
        )
    if floor_score > judged.score:
        # The rules are a floor: a deterministic finding cannot be argued away (e.g. by an injected instruction).
        return RubricScore(
            score=floor_score,
            source="rules+llm",
            rationale=f"{floor.rationale} (LLM judge said {judged.score}: {judged.rationale})",
        )
    return RubricScore(
        score=judged.score, rationale=judged.rationale, source="llm" if floor_score == 0 else "rules+llm"
    )


def _llm_findings(rubric: Rubric, judged: RubricJudgement, masked: MaskedMessage) -> tuple[list[Finding], int]:
    found: list[Finding] = []
    dropped = 0
    targets: list[tuple[MaskedText, str]] = [(masked.body, "body")]
    if masked.subject is not None:
        targets.append((masked.subject, "subject"))
    for ev in judged.evidence:
        for text, name in targets:
            span = locate(text.masked, ev.quote)
            if span is None:
                continue
            start, end = text.to_original(*span)
            found.append(
                Finding(
                    category=rubric.id,
                    start=start,
                    end=end,
                    quote=text.original[start:end],
                    severity=ev.severity,
                    message=ev.message or f"Flagged by the LLM judge under {rubric.id}.",
                    suggestion=ev.suggestion,
                    source="llm",
                    rule_id=None,
                    field=name,
                )
            )
            break
        else:
            dropped += 1
    return found, dropped


EventSink = Callable[[str, dict[str, Any]], None]


@dataclass
class RubricOutcome:
    """One rubric's merged score and the LLM findings located for it."""

    score: RubricScore
    findings: list[Finding]
    dropped: int


def _outcome(
    rubric: Rubric, rule_findings: list[Finding], judged: RubricJudgement, masked: MaskedMessage | None, is_llm: bool
) -> RubricOutcome:
    score = _merge(rubric, rules_judgement(rubric, rule_findings), judged, is_llm)
    if masked is None or judged.score is None:
        return RubricOutcome(score, [], 0)
    located, dropped = _llm_findings(rubric, judged, masked)
    rule_spans = {(f.field, f.start, f.end, f.category) for f in rule_findings}
    texts = {"body": masked.body.original, "subject": masked.subject.original if masked.subject else ""}
    fresh = [with_utf16(f, texts[f.field]) for f in located if (f.field, f.start, f.end, f.category) not in rule_spans]
    return RubricOutcome(score, fresh, dropped)


async def assess(
    message: Message,
    context: CustomerContext,
    rubrics: list[Rubric],
    judge: Judge,
    settings: Settings,
    masker: Masker,
    events: EventSink | None = None,
) -> Assessment:
    """Run the rules, then the judge on masked data, and merge.

    ``events`` hears ``rules`` (the deterministic findings, within milliseconds) and then ``rubric`` for each
    rubric as its judge finishes, so a client can show something at once.
    """
    rule_findings = run_rules(message, context, settings)  # UTF-16 offsets included
    is_llm = judge.name != "rules"
    if events is not None:
        floors = {r.id: _merge(r, rules_judgement(r, rule_findings), RubricJudgement(None, ""), False) for r in rubrics}
        events("rules", {"findings": rule_findings, "scores": floors})
        await asyncio.sleep(0)  # let a streaming client send the rules before the judge's work starts
    notes: list[str] = []
    withheld: list[str] = []
    masked: MaskedMessage | None = None
    if is_llm:
        masked = mask_message(message, masker)
        ctx, withheld = minimise_context(context, masker)
        shown = [
            f.model_copy(update={"quote": masker.mask_known(f.quote), "message": masker.mask_known(f.message)})
            for f in rule_findings
        ]
        task = JudgeTask(masked.message, ctx, rubrics, shown)
    else:
        task = JudgeTask(message, {}, rubrics, rule_findings)
    by_id = {r.id: r for r in rubrics}

    def on_rubric(rubric_id: str, judged: RubricJudgement) -> None:
        if events is not None:
            outcome = _outcome(by_id[rubric_id], rule_findings, judged, masked, is_llm)
            events("rubric", {"rubric": rubric_id, "score": outcome.score, "findings": outcome.findings})

    judgement = await judge.judge(task, on_rubric if is_llm else None)
    notes += judgement.notes
    scores: dict[str, RubricScore] = {}
    findings = list(rule_findings)
    degraded = False
    for rubric in rubrics:
        judged = judgement.rubrics[rubric.id]
        outcome = _outcome(rubric, rule_findings, judged, masked, is_llm)
        scores[rubric.id] = outcome.score
        findings += outcome.findings
        if judged.score is None:
            degraded = degraded or is_llm
            notes.append(f"{rubric.id}: unscored by the {judge.name} judge ({judged.unscored_reason})")
        if outcome.dropped:
            notes.append(f"{rubric.id}: dropped {outcome.dropped} LLM quote(s) not found in the draft")
    findings.sort(key=lambda f: (f.field != "subject", f.start, -f.severity))
    return Assessment(verdict(scores, findings), scores, findings, judgement.tokens, notes, degraded, withheld)
