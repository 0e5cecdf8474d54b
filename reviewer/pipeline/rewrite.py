"""Deterministic rewrites from suggestions, and what a rewrite must keep."""

import re

from reviewer.models import Finding
from reviewer.rules.data_quality import find_merge_tags
from reviewer.rules.lexicon import PROTECTED_PATTERNS

_PROTECTED = re.compile("|".join(f"(?:{p})" for p in PROTECTED_PATTERNS))


def _choose(findings: list[Finding]) -> list[Finding]:
    """Non-overlapping findings with suggestions; on overlap the wider, then the more severe, wins."""
    chosen: list[Finding] = []
    for f in sorted(findings, key=lambda f: (-(f.end - f.start), -f.severity)):
        if f.suggestion is None:
            continue
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def apply_suggestions(text: str, findings: list[Finding]) -> str:
    """Apply each finding's suggestion at its span; text outside the edited spans stays byte-identical.

    Removing a span also removes one now-redundant space beside it, so "a  b" and "word ," do not appear.
    """
    out = text
    for f in reversed(_choose(findings)):
        start, end, new = f.start, f.end, f.suggestion or ""
        if not new:
            before = out[start - 1] if start > 0 else ""
            after = out[end] if end < len(out) else ""
            if before == " " and (after in " ,.;:!?\n" or after == ""):
                start -= 1
            elif after == " " and (before in "\n" or start == 0):
                end += 1
            elif before == "\n" and after == "\n":
                # the line is now empty: keep one paragraph break, not two
                pre = len(out[:start]) - len(out[:start].rstrip("\n"))
                post = len(out[end:]) - len(out[end:].lstrip("\n"))
                end += min(pre, post)
        out = out[:start] + new + out[end:]
    return out


def protected_tokens(text: str, template: bool, exempt: list[Finding]) -> list[str]:
    """URLs, prices, dates, order numbers (and merge tags in a template) that a rewrite must keep.

    Tokens inside a flagged span are exempt: fixing that span may legitimately change them.
    """
    spans = [(f.start, f.end) for f in exempt]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in spans)

    tokens = [m.group(0).rstrip(".,;:!?") for m in _PROTECTED.finditer(text) if free(m.start(), m.end())]
    if template:
        tokens += [t.raw for t in find_merge_tags(text) if free(t.start, t.end)]
    return list(dict.fromkeys(t for t in tokens if t))
