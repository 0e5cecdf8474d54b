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


def unscored(scores: dict[str, RubricScore]) -> list[str]:
    """The rubrics the judge could not score, as ``id (reason)``: their scores are only the rules' floor."""
    return [f"{rid} ({s.unscored_reason})" for rid, s in scores.items() if s.unscored_reason is not None]


def verdict(scores: dict[str, RubricScore], findings: list[Finding]) -> Verdict:
    """``pass`` if everything ≤ 1, ``revise`` at 2, ``block`` at 3 or more.

    An unscored rubric is unknown, not a pass: a draft that would pass is ``revise`` (a person must look) while
    any rubric is unscored; :func:`unknown_note` says why.
    """
    level = verdict_level(scores, findings)
    if level < 2 and unscored(scores):
        return "revise"
    return "block" if level >= 3 else "revise" if level == 2 else "pass"


def unknown_note(scores: dict[str, RubricScore], findings: list[Finding]) -> str | None:
    """Why the verdict is unknown rather than a pass, or None when every rubric was scored or it fails anyway."""
    missing = unscored(scores)
    if not missing or verdict_level(scores, findings) >= 2:
        return None
    return (
        f"verdict unknown: {', '.join(missing)} unscored; nothing else fails, but an unscored rubric is not a pass "
        "(review it by hand or run again)"
    )


def badness(scores: dict[str, RubricScore], findings: list[Finding]) -> tuple[int, int]:
    """A sortable measure of how bad a review is: (verdict level, sum of scores and severities)."""
    total = sum(s.score for s in scores.values()) + sum(
        f.severity for f in findings if f.category in NON_RUBRIC_CATEGORIES
    )
    return verdict_level(scores, findings), total
