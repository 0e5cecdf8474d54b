"""The embedded judge: the offline default. Nothing leaves the machine.

It scores each rubric from what the offline layers prove; the deterministic rewriter applies the findings'
own suggestions.
"""

from reviewer.judges._protocol import (
    Candidate,
    Judgement,
    JudgeRequest,
    OnRubric,
    RewriteRequest,
    RubricJudgement,
)
from reviewer.rules.fixes import apply_suggestions


class EmbeddedJudge:
    """Deterministic and fast. A rubric no offline layer covers (a brand's own, say) is reported unscored."""

    name = "rules"
    model: str | None = None
    sends_text_away = False

    async def judge(self, request: JudgeRequest, on_rubric: OnRubric | None = None) -> Judgement:
        """Score each rubric from the rules' floor."""
        out: dict[str, RubricJudgement] = {}
        for rubric in request.rubrics:
            floor = request.floor.rubrics[rubric.id]
            if floor.covered:
                judged = RubricJudgement(floor.score, floor.rationale, source="rules")
            else:
                judged = RubricJudgement(
                    None,
                    f"The embedded judge has no detectors for '{rubric.id}'; configure an LLM judge to score it.",
                    unscored_reason="no_rules_for_rubric",
                    source="rules",
                )
            out[rubric.id] = judged
            if on_rubric is not None:
                on_rubric(rubric.id, judged)
        return Judgement(rubrics=out, notes=["rules judge: nothing left this machine"])


class SuggestionRewriter:
    """Applies every finding's suggestion; one attempt, since the result is deterministic."""

    attempts = 1

    async def rewrite(self, request: RewriteRequest) -> Candidate:
        """The message with each finding's suggestion applied at its span."""

        def fix(text: str, field: str) -> str:
            return apply_suggestions(text, [f for f in request.findings if f.field == field])

        message = request.message
        subject = fix(message.subject, "subject") if message.subject else None
        return Candidate(message.model_copy(update={"body": fix(message.body, "body"), "subject": subject}))
