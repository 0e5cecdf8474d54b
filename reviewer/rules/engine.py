"""Runs every registered detector over the subject and body."""

from collections.abc import Iterable

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
    tokens = [f for f in findings.values() if f.category in _TOKEN_CATEGORIES]
    kept = [f for f in findings.values() if f.category not in _TOKEN_CATEGORIES or not _nested(f, tokens)]
    return sorted(kept, key=lambda f: (f.field != "subject", f.start, -f.severity))


_TOKEN_CATEGORIES = ("data_quality", "privacy")


def _nested(f: Finding, others: Iterable[Finding]) -> bool:
    """A token finding inside a wider one of the same category (PRODUCT_NAME inside *|PRODUCT_NAME|*) is noise."""
    return any(
        o is not f
        and o.field == f.field
        and o.category == f.category
        and o.start <= f.start
        and f.end <= o.end
        and (o.end - o.start) > (f.end - f.start)
        and o.severity >= f.severity
        for o in others
    )


def rules() -> list[Rule]:
    """Every registered rule id with its description, for documentation and listings.

    Ids that a detector emits besides its own (``Rule.emitted_by``) are listed too, so every finding's rule id
    has a description.
    """
    return list(REGISTRY.values())
