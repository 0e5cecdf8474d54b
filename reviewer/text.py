"""Offset-safe text folding, shared by the rules and by quote location.

Lower-casing is not offset-safe: some characters change length ("İ" lowers to two), and disguises (zero-width
marks, Cyrillic look-alikes) hide words. A :class:`Shadow` folds a text once and maps every offset back.
"""

import re
import unicodedata

# Characters that disguise words: zero-width marks are dropped, look-alikes mapped to the Latin letter.
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_CONFUSABLES = str.maketrans(
    {
        **dict(zip("аеорсухіјѕԁһӏ", "aeopcyxijsdhl", strict=True)),  # Cyrillic lower case
        **dict(zip("АВЕКМНОРСТХІЈЅ", "ABEKMHOPCTXIJS", strict=True)),  # Cyrillic upper case
        **dict(zip("αορτνι", "aoptvi", strict=True)),  # Greek lower case
        **dict(zip("ΑΒΕΗΙΚΜΝΟΡΤΧΥΖ", "ABEHIKMNOPTXYZ", strict=True)),  # Greek upper case
        "ɡ": "g",
    }
)


class Shadow:
    """A lower-cased, de-disguised copy of a text, with the map from its offsets back to the original."""

    def __init__(self, text: str) -> None:
        lowered = text.lower()
        if text.isascii() or (len(lowered) == len(text) and not _needs_folding(text)):
            self.text, self.index = lowered, None
            return
        chars: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(text):
            if ch in _ZERO_WIDTH:
                continue
            folded = unicodedata.normalize("NFKC", ch.translate(_CONFUSABLES)).lower()
            if len(folded) == 1 and folded.isdecimal() and not folded.isascii():
                folded = str(unicodedata.decimal(folded))  # other scripts' digits: one digit trigger set for all
            chars.append(folded)
            index.extend([i] * len(folded))
        self.text, self.index = "".join(chars), index + [len(text)]

    def original(self, pos: int, *, end: bool = False) -> int:
        """The original offset of shadow offset ``pos``."""
        if self.index is None:
            return pos
        if end and pos > 0:
            return self.index[pos - 1] + 1
        return self.index[pos]


def _needs_folding(text: str) -> bool:
    return any(ch in _ZERO_WIDTH or ord(ch) > 0x2FF for ch in text)


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """The span of ``quote`` in ``text``: exact first, then folded (case, disguises, curly quotes, spacing).

    Returns None rather than guess: a span is never invented.
    """
    quote = quote.strip().strip('"').strip()
    if not quote:
        return None
    idx = text.find(quote)
    if idx >= 0:
        return idx, idx + len(quote)
    shadow = Shadow(text.translate(_QUOTES))
    folded = Shadow(quote.translate(_QUOTES)).text
    tokens = [re.escape(t) for t in folded.split()]
    if not tokens:
        return None
    match = re.search(r"\s+".join(tokens), shadow.text)
    if match is None:
        return None
    return shadow.original(match.start()), shadow.original(match.end(), end=True)
