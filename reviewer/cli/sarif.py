"""SARIF 2.1.0 output, so a repository of templates can show findings in code scanning."""

from typing import Any

from reviewer import __version__
from reviewer.models import ReviewResult
from reviewer.rules import rules

_LEVEL = {0: "none", 1: "note", 2: "warning", 3: "error", 4: "error"}


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def to_sarif(result: ReviewResult, uri: str, body: str, subject: str | None, body_is_file: bool) -> dict[str, Any]:
    """A SARIF log with one result per finding; regions and fixes index the body in Unicode code points.

    When the input file is the plain-text draft (``body_is_file``), regions are exact file positions. For a
    JSON request they index ``message.body`` (or the subject), named in each result's properties.
    """
    descriptions = {r.id: r.description for r in rules()}
    rule_ids = sorted({f.rule_id or f"llm.{f.category}" for f in result.findings})
    results = []
    for f in result.findings:
        text = body if f.field == "body" else (subject or "")
        sl, sc = _line_col(text, f.start)
        el, ec = _line_col(text, f.end)
        location = {
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {
                    "startLine": sl,
                    "startColumn": sc,
                    "endLine": el,
                    "endColumn": ec,
                    "charOffset": f.start,
                    "charLength": f.end - f.start,
                    "snippet": {"text": f.quote},
                },
            }
        }
        entry: dict[str, Any] = {
            "ruleId": f.rule_id or f"llm.{f.category}",
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [location],
            "properties": {
                "category": f.category,
                "severity": f.severity,
                "source": f.source,
                "field": f"message.{f.field}" if not body_is_file else f.field,
            },
        }
        if f.suggestion is not None:
            entry["fixes"] = [
                {
                    "description": {
                        "text": "Remove the span" if not f.suggestion else f"Replace with '{f.suggestion}'"
                    },
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": uri},
                            "replacements": [
                                {
                                    "deletedRegion": {"charOffset": f.start, "charLength": f.end - f.start},
                                    "insertedContent": {"text": f.suggestion},
                                }
                            ],
                        }
                    ],
                }
            ]
        results.append(entry)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "reviewer",
                        "version": __version__,
                        "rules": [
                            {"id": rid, "shortDescription": {"text": descriptions.get(rid, rid)}} for rid in rule_ids
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "verdict": result.verdict,
                    "scores": {k: v.score for k, v in result.scores.items()},
                },
            }
        ],
    }
