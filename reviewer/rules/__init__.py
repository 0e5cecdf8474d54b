"""The deterministic rules engine: always on, fast and exact."""

from reviewer.rules._base import Rule, RuleInput, rule
from reviewer.rules.engine import rules, run_rules

__all__ = ["Rule", "RuleInput", "rule", "rules", "run_rules"]
