"""One result row per recipient, and its Arrow schema."""

import json
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from reviewer.campaign.cases import Case
from reviewer.campaign.review import Outcome, failed

_SPAN = [
    ("rule_id", pa.string()),
    ("category", pa.string()),
    ("severity", pa.int8()),
    ("field", pa.string()),
    ("start", pa.int32()),
    ("end", pa.int32()),
    ("quote", pa.string()),
]
_TEMPLATE_FINDING = [
    ("rule_id", pa.string()),
    ("variable", pa.string()),
    ("field", pa.string()),
    ("start", pa.int32()),
    ("end", pa.int32()),
    ("quote", pa.string()),
]
MISSING = "template.missing_variable"
FALLBACK = "template.fallback_used"
_RANK = {"pass": 0, "revise": 1, "block": 2}


@dataclass(frozen=True)
class Layout:
    """Which columns the results have."""

    rubrics: tuple[str, ...]
    segments: tuple[str, ...] = ()
    include_context: bool = False
    include_message: bool = False

    def schema(self) -> pa.Schema:
        """The results' columns (see the README's "Review a whole campaign")."""
        fields = [
            ("recipient_id", pa.string()),
            ("case_id", pa.string()),
            ("verdict", pa.string()),
            *((f"score_{r}", pa.int8()) for r in self.rubrics),
            ("rule_ids", pa.list_(pa.string())),
            ("findings", pa.list_(pa.struct(_SPAN))),
            ("template_findings", pa.list_(pa.struct(_TEMPLATE_FINDING))),
            ("rewrite", pa.string()),
            ("rewrite_subject", pa.string()),
            ("rewrite_verified", pa.bool_()),
            ("degraded", pa.bool_()),
            ("error", pa.string()),
            *((f"segment.{s}", pa.string()) for s in self.segments),
        ]
        if self.include_message:
            fields += [("subject", pa.string()), ("body", pa.string())]
        if self.include_context:
            fields.append(("context", pa.string()))
        return pa.schema(fields)

    def own_schema(self) -> pa.Schema:
        """The columns a recipient has whatever its case's review says (see :meth:`own`)."""
        shared = {"verdict", "rule_ids", "findings", "rewrite", "rewrite_subject", "rewrite_verified", "degraded"}
        return pa.schema([f for f in self.schema() if f.name not in shared and not f.name.startswith("score_")])

    def own(self, case: Case) -> dict[str, Any]:
        """What rendering found for this recipient alone: id, case, template findings, segments, error."""
        own: dict[str, Any] = {
            "recipient_id": case.recipient_id,
            "case_id": case.key or None,
            "template_findings": [
                {
                    "rule_id": FALLBACK if g.fallback else MISSING,
                    "variable": g.variable,
                    "field": g.field,
                    "start": g.start,
                    "end": g.end,
                    "quote": g.quote,
                }
                for g in case.gaps
            ],
            "error": case.error,
            **{f"segment.{s}": _text(case.segments.get(s)) for s in self.segments},
        }
        if self.include_message:
            message = case.request.message if case.request else None
            own["subject"] = message.subject if message else None
            own["body"] = message.body if message else None
        if self.include_context:
            own["context"] = json.dumps(case.raw_context, ensure_ascii=False) if case.raw_context is not None else None
        return own

    def row(self, case: Case, result: Outcome | None) -> dict[str, Any]:
        """The row of one recipient: its case's shared outcome, plus what rendering found for it alone."""
        return self.merge(self.own(case), result)

    def merge(self, own: dict[str, Any], result: Outcome | None) -> dict[str, Any]:
        """A recipient's own columns (:meth:`own`) with its case's outcome: the whole result row."""
        out = result if result is not None and own["error"] is None else failed(own["error"] or "not reviewed")
        template_findings = own["template_findings"]
        verdict = out["verdict"]
        blank = any(t["rule_id"] == MISSING for t in template_findings)
        if verdict is not None and blank and _RANK[verdict] < _RANK["revise"]:
            verdict = "revise"  # a variable that rendered blank is a data-quality blunder (docs/CONTRACT.md)
        rule_ids = [f["rule_id"] for f in out["findings"]] + [t["rule_id"] for t in template_findings]
        return {
            **own,
            "verdict": verdict,
            **{f"score_{r}": out["scores"].get(r) for r in self.rubrics},
            "rule_ids": sorted(set(rule_ids)),
            "findings": out["findings"],
            "rewrite": out["rewrite"],
            "rewrite_subject": out["rewrite_subject"],
            "rewrite_verified": out["rewrite_verified"],
            "degraded": out["degraded"],
            "error": out["error"],
        }


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    return value if isinstance(value, str) else json.dumps(value)
