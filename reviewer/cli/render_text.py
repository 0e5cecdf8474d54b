"""Text output a copywriter can read: verdict, scores, the draft with flagged spans marked, suggestions."""

import os
import sys
import textwrap

from reviewer.models import Finding, ReviewResult

_VERDICT_COLOR = {"pass": "32", "revise": "33", "block": "31"}


def _color(enabled: bool, code: str, text: str) -> str:
    return f"\033[{code}m{text}\033[0m" if enabled else text


def _mark(text: str, field: str, findings: list[Finding], use_color: bool) -> str:
    """The text with each flagged span of ``field`` wrapped as ⟦…⟧[n], n numbering all findings."""
    out, pos = [], 0
    mine = sorted((n, f) for n, f in enumerate(findings, 1) if f.field == field)
    for n, f in sorted(mine, key=lambda nf: nf[1].start):
        if f.start < pos:
            continue  # overlapping spans are listed below; mark the first only
        out.append(text[pos : f.start])
        out.append(_color(use_color, "1;31", f"⟦{text[f.start : f.end]}⟧") + f"[{n}]")
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def _unscored_categories(result: ReviewResult) -> dict[str, Finding]:
    """The most severe finding of each category no rubric scores (data quality, privacy), for its own row."""
    top: dict[str, Finding] = {}
    for f in result.findings:
        if f.category not in result.scores and (f.category not in top or f.severity > top[f.category].severity):
            top[f.category] = f
    return top


def render(result: ReviewResult, body: str, subject: str | None, use_color: bool | None = None) -> str:
    """The review as terminal text."""
    if use_color is None:
        use_color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    lines = [
        _color(use_color, "1;" + _VERDICT_COLOR[result.verdict], f"Verdict: {result.verdict.upper()}")
        + f"   (judge: {result.meta.judge}{', model ' + result.meta.model if result.meta.model else ''})",
        "",
    ]
    for name, score in result.scores.items():
        bar = "■" * score.score + "·" * (4 - score.score)
        flag = f"  [unscored: {score.unscored_reason}]" if score.unscored_reason else ""
        lines.append(f"  {name:<14} {score.score} {bar}  {textwrap.shorten(score.rationale, 90)}{flag}")
    for category, top in _unscored_categories(result).items():  # a data blunder can BLOCK with every score at 0
        bar = "■" * top.severity + "·" * (4 - top.severity)
        lines.append(
            f"  {category:<14} {top.severity} {bar}  {textwrap.shorten(top.message, 90)}  [finding, no rubric]"
        )
    numbered = result.findings
    lines += ["", "Draft:"]
    if subject:
        lines.append("  Subject: " + _mark(subject, "subject", numbered, use_color))
    body_marked = _mark(body, "body", numbered, use_color)
    lines += ["  " + line for line in body_marked.splitlines()]
    if numbered:
        lines += ["", "Findings:"]
    for i, f in enumerate(numbered, 1):
        where = "subject" if f.field == "subject" else f"body {f.start}-{f.end}"
        lines.append(f"  [{i}] {f.category} {f.severity}/4  {f.rule_id or f.source}  ({where})")
        lines.append(f'      "{textwrap.shorten(f.quote, 80)}"')
        lines += ["      " + line for line in textwrap.wrap(f.message, 90)]
        if f.suggestion is not None:
            lines.append("      Suggestion: " + (f'replace with "{f.suggestion}"' if f.suggestion else "remove it"))
    if result.rewrite is not None:
        rw = result.rewrite
        status = "verified ✓" if rw.verified else f"NOT verified; its re-review: {rw.verdict.upper()}"
        lines += ["", f"Rewrite ({status}):"]
        if rw.subject and rw.subject != subject:
            lines.append(f"  Subject: {rw.subject}")
        lines += ["  " + line for line in rw.text.splitlines()]
        lines += [f"  note: {n}" for n in rw.notes]
    if result.meta.notes:
        lines += ["", "Notes:"] + [f"  - {n}" for n in result.meta.notes]
    return "\n".join(lines) + "\n"
