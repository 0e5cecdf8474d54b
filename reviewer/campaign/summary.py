"""The campaign's summary, built as rows stream past: verdicts, segments, top rules and examples."""

from collections import Counter
from typing import Any

from reviewer.models import Message

EXAMPLES_PER_RULE = 3
MAX_SEGMENT_VALUES = 30
_CONTEXT_CHARS = 60
VERDICTS = ("pass", "revise", "block", "error")


class Summary:
    """Counts and examples; bounded whatever the campaign's size."""

    def __init__(self, segments: list[str]) -> None:
        self.verdicts: Counter[str] = Counter()
        self.rules: Counter[str] = Counter()
        self.examples: dict[str, list[dict[str, Any]]] = {}
        self.segments: dict[str, dict[str, Counter[str]]] = {s: {} for s in segments}
        self.recipients = 0

    def add(self, row: dict[str, Any], message: Message | None) -> None:
        """Count one recipient's row."""
        self.recipients += 1
        verdict = row["verdict"] or "error"
        self.verdicts[verdict] += 1
        for name, by_value in self.segments.items():
            value = row[f"segment.{name}"]
            key = "(empty)" if value is None else str(value)
            if key not in by_value and len(by_value) >= MAX_SEGMENT_VALUES:
                key = "(other)"
            by_value.setdefault(key, Counter())[verdict] += 1
        spans = [*row["findings"], *(t for t in row["template_findings"] if t["start"] is not None)]
        for rule_id in row["rule_ids"]:
            self.rules[rule_id] += 1
            examples = self.examples.setdefault(rule_id, [])
            span = next((s for s in spans if s["rule_id"] == rule_id), None)
            if len(examples) < EXAMPLES_PER_RULE and span is not None and message is not None:
                text = message.body if span["field"] == "body" else message.subject or ""
                examples.append(_example(row["recipient_id"], text, span["start"], span["end"]))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Summary":
        """A summary restored from :meth:`as_dict` (a resumed run's checkpoint)."""
        summary = cls(list(data["segments"]))
        summary.recipients = data["recipients"]
        summary.verdicts = Counter({k: v for k, v in data["verdicts"].items() if v})
        summary.rules = Counter(dict(data["top_rules"]))
        summary.examples = data["examples"]
        summary.segments = {n: {v: Counter(c) for v, c in by.items()} for n, by in data["segments"].items()}
        return summary

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the manifest and the report."""
        return {
            "recipients": self.recipients,
            "verdicts": {v: self.verdicts.get(v, 0) for v in VERDICTS},
            "top_rules": self.rules.most_common(),
            "examples": self.examples,
            "segments": {
                name: {value: dict(counts) for value, counts in sorted(by.items())}
                for name, by in self.segments.items()
            },
        }


def _example(recipient_id: str, text: str, start: int, end: int) -> dict[str, Any]:
    lead = max(0, start - _CONTEXT_CHARS)
    return {
        "recipient_id": recipient_id,
        "before": ("…" if lead else "") + text[lead:start],
        "span": text[start:end],
        "after": text[end : end + _CONTEXT_CHARS] + ("…" if end + _CONTEXT_CHARS < len(text) else ""),
    }


def table(summary: dict[str, Any], stats: dict[str, Any], top: int = 10) -> str:
    """The summary as the command line prints it."""
    lines = [
        f"Recipients: {summary['recipients']:,}   reviews run: {stats['reviews']:,}   "
        f"dedupe ratio: {stats['dedupe_ratio']:.2f}x",
        "",
        f"{'verdict':<10}{'recipients':>12}{'share':>9}",
    ]
    total = max(1, summary["recipients"])
    for verdict, n in summary["verdicts"].items():
        if n or verdict != "error":
            lines.append(f"{verdict:<10}{n:>12,}{n / total:>9.1%}")
    for name, by_value in summary["segments"].items():
        lines += ["", f"{'by ' + name:<24}" + "".join(f"{v:>9}" for v in VERDICTS)]
        for value, counts in by_value.items():
            lines.append(f"{value[:23]:<24}" + "".join(f"{counts.get(v, 0):>9,}" for v in VERDICTS))
    if summary["top_rules"]:
        lines += ["", f"{'top rules':<44}{'recipients':>12}  example"]
        for rule_id, n in summary["top_rules"][:top]:
            ex = (summary["examples"].get(rule_id) or [None])[0]
            shown = f"{ex['recipient_id']}: …{ex['before'][-20:]}[{ex['span'][:30]}]" if ex else ""
            lines.append(f"{rule_id:<44}{n:>12,}  {shown}".replace("\n", " "))
    return "\n".join(lines) + "\n"
