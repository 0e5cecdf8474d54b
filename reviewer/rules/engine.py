"""Runs every registered detector over the subject and body."""

from reviewer.models import CustomerContext, Finding, Message
from reviewer.rules import creepiness, data_quality, overreach, privacy, stereotyping  # noqa: F401  (registers)
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
            if name not in registered.fields:
                continue
            for finding in registered.fn(inp):
                key = (finding.field, finding.start, finding.end, finding.rule_id)
                if key not in findings or findings[key].severity < finding.severity:
                    findings[key] = finding
    return sorted(findings.values(), key=lambda f: (f.field != "subject", f.start, -f.severity))


def rules() -> list[Rule]:
    """Every registered detector, for documentation and listings."""
    return list(REGISTRY.values())
