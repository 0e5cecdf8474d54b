"""Locating evidence quotes in a text, and UTF-16 offsets for browser clients."""

import re

from reviewer.models import Finding
from reviewer.models.offsets import utf16_span

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """The span of ``quote`` in ``text``: exact first, then ignoring case, curly quotes and spacing.

    Returns None rather than guess: a span is never invented.
    """
    quote = quote.strip().strip('"').strip()
    if not quote:
        return None
    idx = text.find(quote)
    if idx >= 0:
        return idx, idx + len(quote)
    # Same-length normalisation keeps offsets valid.
    norm_text = text.translate(_QUOTES).lower()
    norm_quote = quote.translate(_QUOTES).lower()
    idx = norm_text.find(norm_quote)
    if idx >= 0:
        return idx, idx + len(quote)
    tokens = [re.escape(t) for t in norm_quote.split()]
    if not tokens:
        return None
    match = re.search(r"\s+".join(tokens), norm_text)
    return (match.start(), match.end()) if match else None


def with_utf16(finding: Finding, text: str) -> Finding:
    """The finding with ``start_utf16``/``end_utf16`` filled in for its text."""
    start, end = utf16_span(text, finding.start, finding.end)
    return finding.model_copy(update={"start_utf16": start, "end_utf16": end})
