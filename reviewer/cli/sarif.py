"""SARIF 2.1.0 output, so a repository of templates can show findings in code scanning."""

import json
from typing import Any

from reviewer import __version__
from reviewer.catalogue import Catalogue
from reviewer.cli.positions import json_text_offsets
from reviewer.models import ReviewResult

_LEVEL = {0: "none", 1: "note", 2: "warning", 3: "error", 4: "error"}


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def sarif_rules(catalogue: Catalogue) -> list[dict[str, Any]]:
    """The driver's rules: every rule id in the catalogue, then ``llm.<rubric>`` for each installed rubric.

    A rubric file in REVIEWER_PROMPTS_DIR adds its ``llm.<id>`` here, and its category to the taxonomy.
    """
    described = [(r.id, r.category, r.description) for r in catalogue.rules]
    described += [(f"llm.{r.id}", r.id, r.description) for r in catalogue.rubrics]
    return [
        {
            "id": rule_id,
            "shortDescription": {"text": description},
            "properties": {"category": category, "categoryTitle": catalogue.category(category).title},
            "relationships": [
                {"target": {"id": category, "toolComponent": {"name": "categories"}}, "kinds": ["subset"]}
            ],
        }
        for rule_id, category, description in described
    ]


def to_sarif(
    result: ReviewResult,
    uri: str,
    body: str,
    subject: str | None,
    body_is_file: bool,
    catalogue: Catalogue,
    request_json: str | None = None,
) -> dict[str, Any]:
    """A SARIF log with one result per finding; regions and fixes in Unicode code points of the file.

    When the input file is the plain-text draft (``body_is_file``), finding offsets are file positions. For a
    JSON request (``request_json``, the file's text) each region is where the span sits inside the string literal
    of ``message.body`` (or the subject), escapes included, and a fix's replacement is JSON-escaped, so applying
    it keeps the file valid. The rule list and the category taxonomy come from the catalogue (``catalogue``), so
    custom rubrics appear in both.
    """
    places = json_text_offsets(request_json) if request_json is not None else {}
    rules = sarif_rules(catalogue)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    for f in result.findings:  # a rule the catalogue does not list still gets a declared entry
        rid = f.rule_id or f"llm.{f.category}"
        if rid not in index:
            index[rid] = len(rules)
            rules.append({"id": rid, "shortDescription": {"text": f.message}, "properties": {"category": f.category}})
    taxonomy = {
        "name": "categories",
        "version": __version__,
        "taxa": [
            {"id": c.id, "name": c.title, "shortDescription": {"text": c.description or c.title}}
            for c in catalogue.categories
        ],
    }
    results = []
    for f in result.findings:
        text = body if f.field == "body" else (subject or "")
        start, end, suggestion = f.start, f.end, f.suggestion
        if request_json is not None and f.field in places:
            text, start, end = request_json, places[f.field][f.start], places[f.field][f.end]
            suggestion = None if suggestion is None else json.dumps(suggestion, ensure_ascii=False)[1:-1]
        sl, sc = _line_col(text, start)
        el, ec = _line_col(text, end)
        location = {
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {
                    "startLine": sl,
                    "startColumn": sc,
                    "endLine": el,
                    "endColumn": ec,
                    "charOffset": start,
                    "charLength": end - start,
                    "snippet": {"text": f.quote},
                },
            }
        }
        entry: dict[str, Any] = {
            "ruleId": f.rule_id or f"llm.{f.category}",
            "ruleIndex": index[f.rule_id or f"llm.{f.category}"],
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
        if suggestion is not None:
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
                                    "deletedRegion": {"charOffset": start, "charLength": end - start},
                                    "insertedContent": {"text": suggestion},
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
                        "rules": rules,
                        "supportedTaxonomies": [{"name": "categories"}],
                    }
                },
                "taxonomies": [taxonomy],
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "verdict": result.verdict,
                    "scores": {k: v.score for k, v in result.scores.items()},
                },
            }
        ],
    }
