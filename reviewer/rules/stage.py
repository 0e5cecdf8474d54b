"""The rules stage: always on, before any judge. Its findings and floor scores are what no judge can lower."""

from dataclasses import dataclass

from reviewer.models import CustomerContext, Finding, Message
from reviewer.rubrics import Rubric
from reviewer.rules._base import REGISTRY
from reviewer.rules.engine import run_rules
from reviewer.settings import Settings


@dataclass(frozen=True)
class RubricFloor:
    """The least a rubric can score: the highest severity the rules proved. ``covered``: the rules have detectors."""

    score: int
    rationale: str
    covered: bool


@dataclass(frozen=True)
class Floor:
    """Every rule finding of one message, and each requested rubric's floor."""

    findings: list[Finding]
    rubrics: dict[str, RubricFloor]

    def of(self, category: str) -> list[Finding]:
        """The findings of one category, most severe first."""
        return sorted((f for f in self.findings if f.category == category), key=lambda f: -f.severity)


def rubric_floor(rubric: Rubric, findings: list[Finding], covered: bool) -> RubricFloor:
    """A rubric's floor from the rule findings of its category."""
    mine = sorted((f for f in findings if f.category == rubric.id), key=lambda f: -f.severity)
    if not mine:
        return RubricFloor(0, f"No {rubric.title.lower()} rule fired.", covered)
    top = mine[0]
    more = f" (+{len(mine) - 1} more finding{'s' if len(mine) > 2 else ''})" if len(mine) > 1 else ""
    return RubricFloor(top.severity, f"{top.message}{more}", True)


def rule_categories() -> frozenset[str]:
    """The finding categories some registered rule can emit."""
    return frozenset(rule.id.split(".", 1)[0] for rule in REGISTRY.values())


def rules_stage(message: Message, context: CustomerContext, rubrics: list[Rubric], settings: Settings) -> Floor:
    """Run every detector over the message and compute each rubric's floor."""
    findings = run_rules(message, context, settings)
    covered = rule_categories()
    return Floor(findings, {r.id: rubric_floor(r, findings, r.id in covered) for r in rubrics})
