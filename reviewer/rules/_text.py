"""Text helpers shared by the detectors: sentences, word lists, second person."""

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
_SECOND_PERSON = re.compile(
    r"\b(?:you|your|yours|yourself|you're|you've|you'll|you'd|congratulations|congrats)\b", re.I
)


def _lower_regex(source: str) -> str:
    """Lower-case a pattern's literal letters, leaving escapes (backslash sequences) alone."""
    return re.sub(
        r"\\.|\(\?P[<=][^>)]*[>)]|[A-Z]", lambda m: m.group(0) if len(m.group(0)) > 1 else m.group(0).lower(), source
    )


class Lexicon:
    """A case-insensitive pattern that scans a lower-cased copy of the text.

    Python's ``re.IGNORECASE`` is 4-5x slower than matching lower-cased text, and lower-casing keeps every
    offset whenever it keeps the length (all but a few exotic characters); otherwise it falls back to ``re.I``.
    Match offsets are always offsets into the original text; matched text is lower-case.
    """

    def __init__(self, source: str, flags: int = 0) -> None:
        self.fast = re.compile(_lower_regex(source), flags)
        self.slow = re.compile(source, flags | re.I)

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        lowered = text.lower()
        return (self.fast, lowered) if len(lowered) == len(text) else (self.slow, text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every match in ``text``."""
        pattern, target = self._pick(text)
        return pattern.finditer(target)

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in ``text``, or None."""
        pattern, target = self._pick(text)
        return pattern.search(target)


def words(items: Iterable[str]) -> Lexicon:
    """A case-insensitive alternation of regex fragments, each bounded by word boundaries."""
    return Lexicon(r"\b(?:" + "|".join(items) + r")\b")


def has_second_person(text: str) -> bool:
    """True when the text addresses the reader directly."""
    return _SECOND_PERSON.search(text) is not None


class Sentences:
    """Sentence spans of a text, for widening a match to the sentence around it."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans: list[tuple[int, int]] = []
        start = 0
        for brk in _SENTENCE_BREAK.finditer(text):
            spans.append((start, brk.start()))
            start = brk.end()
        spans.append((start, len(text)))
        self.spans = [self._trim(s, e) for s, e in spans if text[s:e].strip()]
        self._starts = [s for s, _ in self.spans]

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def around(self, pos: int) -> tuple[int, int]:
        """The sentence that contains ``pos`` (or the nearest one before it)."""
        i = max(bisect_right(self._starts, pos) - 1, 0)
        return self.spans[i] if self.spans else (0, len(self.text))

    def text_around(self, pos: int) -> str:
        """The text of the sentence that contains ``pos``."""
        start, end = self.around(pos)
        return self.text[start:end]
