"""Runs every registered detector over the subject and body."""

from collections import defaultdict
from collections.abc import Iterable
from itertools import groupby

from reviewer.models import CustomerContext, Finding, Message
from reviewer.rules import data_rules  # noqa: F401  (registers the Python detectors, then the data file's)
from reviewer.rules._base import REGISTRY, Rule, RuleInput, TextField
from reviewer.settings import Settings


def run_rules(message: Message, context: CustomerContext, settings: Settings) -> list[Finding]:
    """All rule findings for a message, deduplicated and in reading order (subject first)."""
    findings: dict[tuple[str, int, int, str | None], Finding] = {}
    fields: list[tuple[TextField, str | None]] = [("subject", message.subject), ("body", message.body)]
    for name, text in fields:
        if not text:
            continue
        inp = RuleInput(text=text, field=name, message=message, context=context, settings=settings)
        for registered in REGISTRY.values():
            if registered.emitted_by is not None or name not in registered.fields:
                continue
            for finding in registered.fn(inp):
                key = (finding.field, finding.start, finding.end, finding.rule_id)
                if key not in findings or findings[key].severity < finding.severity:
                    findings[key] = finding
    nested = _nested(f for f in findings.values() if f.category in _TOKEN_CATEGORIES)
    kept = [f for f in findings.values() if id(f) not in nested]
    return sorted(kept, key=lambda f: (f.field != "subject", f.start, -f.severity))


_TOKEN_CATEGORIES = ("data_quality", "privacy")


def _nested(tokens: Iterable[Finding]) -> set[int]:
    """The ids of token findings inside a wider one of the same field and category, at least as severe.

    PRODUCT_NAME inside *|PRODUCT_NAME|* is noise. One sweep per field and category, in order of start (widest
    first), keeping the furthest end reached at each severity: linear after the sort, however many findings a
    text has (comparing every pair took seconds on a finding-dense draft).
    """
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in tokens:
        groups[(f.field, f.category)].append(f)
    nested: set[int] = set()
    for group in groups.values():
        group.sort(key=lambda f: (f.start, -f.end))
        furthest: dict[int, int] = {}  # severity -> the furthest end of a span started so far
        for _, same in groupby(group, key=lambda f: (f.start, f.end)):
            spans = list(same)  # equal spans: none is wider than another, so query them all before adding them
            for f in spans:
                if any(end >= f.end for severity, end in furthest.items() if severity >= f.severity):
                    nested.add(id(f))
            for f in spans:
                furthest[f.severity] = max(furthest.get(f.severity, f.end), f.end)
    return nested


def rules() -> list[Rule]:
    """Every registered rule id with its description, for documentation and listings.

    Ids that a detector emits besides its own (``Rule.emitted_by``) are listed too, so every finding's rule id
    has a description.
    """
    return list(REGISTRY.values())
