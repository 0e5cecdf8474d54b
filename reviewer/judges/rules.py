"""The rules judge: the embedded default. Scores are the highest severity its detectors proved."""

from reviewer.judges._protocol import Evidence, Judgement, JudgeTask, OnRubric, RubricJudgement
from reviewer.models import Finding
from reviewer.rubrics import BUILTIN_RUBRICS, Rubric


def rules_judgement(rubric: Rubric, findings: list[Finding]) -> RubricJudgement:
    """A rubric's score from rule findings of its category."""
    mine = sorted((f for f in findings if f.category == rubric.id), key=lambda f: -f.severity)
    if not mine:
        return RubricJudgement(0, f"No {rubric.title.lower()} rule fired.")
    top = mine[0]
    more = f" (+{len(mine) - 1} more finding{'s' if len(mine) > 2 else ''})" if len(mine) > 1 else ""
    return RubricJudgement(
        top.severity, f"{top.message}{more}", [Evidence(f.quote, f.message, f.severity) for f in mine]
    )


class RulesJudge:
    """Deterministic, offline, fast. Rubrics without detectors (a brand's own) are reported unscored."""

    name = "rules"
    model: str | None = None

    async def judge(self, task: JudgeTask, on_rubric: OnRubric | None = None) -> Judgement:
        """Score each rubric from the rule findings in ``task``."""
        out: dict[str, RubricJudgement] = {}
        categories = {f.category for f in task.rule_findings}
        for rubric in task.rubrics:
            if rubric.id in BUILTIN_RUBRICS or rubric.id in categories:
                out[rubric.id] = rules_judgement(rubric, task.rule_findings)
            else:
                out[rubric.id] = RubricJudgement(
                    None,
                    f"The rules judge has no detectors for '{rubric.id}'; configure an LLM judge to score it.",
                    unscored_reason="no_rules_for_rubric",
                )
        return Judgement(rubrics=out)
