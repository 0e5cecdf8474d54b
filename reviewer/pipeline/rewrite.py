"""What a rewrite must keep."""

import re

from reviewer.models import Finding
from reviewer.rules.data_quality import find_merge_tags
from reviewer.rules.lexicon import PROTECTED_PATTERNS

_PROTECTED = re.compile("|".join(f"(?:{p})" for p in PROTECTED_PATTERNS))


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
