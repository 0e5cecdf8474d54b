"""From rubric scores and findings to a verdict (CONTRACT.md's scale)."""

from reviewer.catalogue import BLUNDER_IDS as NON_RUBRIC_CATEGORIES  # not rubrics, but they count toward the verdict
from reviewer.models import Finding, RubricScore, Verdict


def verdict_level(scores: dict[str, RubricScore], findings: list[Finding]) -> int:
    """The highest severity that counts: rubric scores, plus data-quality and privacy findings."""
    levels = [s.score for s in scores.values()]
    levels += [f.severity for f in findings if f.category in NON_RUBRIC_CATEGORIES]
    level = max(levels, default=0)
    if any(f.category == "data_quality" and f.severity >= 2 for f in findings):
        level = max(level, 2)  # a data-quality blunder makes the verdict at least "revise"
    return level


def verdict(scores: dict[str, RubricScore], findings: list[Finding]) -> Verdict:
    """``pass`` if everything ≤ 1, ``revise`` at 2, ``block`` at 3 or more."""
    level = verdict_level(scores, findings)
    return "block" if level >= 3 else "revise" if level == 2 else "pass"


def badness(scores: dict[str, RubricScore], findings: list[Finding]) -> tuple[int, int]:
    """A sortable measure of how bad a review is: (verdict level, sum of scores and severities)."""
    total = sum(s.score for s in scores.values()) + sum(
        f.severity for f in findings if f.category in NON_RUBRIC_CATEGORIES
    )
    return verdict_level(scores, findings), total
