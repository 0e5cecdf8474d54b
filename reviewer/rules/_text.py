"""Text helpers shared by the detectors: sentences, word lists, second person."""

import re
from bisect import bisect_right
from collections.abc import Iterable

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
_SECOND_PERSON = re.compile(
    r"\b(?:you|your|yours|yourself|you're|you've|you'll|you'd|congratulations|congrats)\b", re.I
)


def words(items: Iterable[str], flags: int = re.I) -> re.Pattern[str]:
    """A compiled alternation of regex fragments, each bounded by word boundaries."""
    return re.compile(r"\b(?:" + "|".join(items) + r")\b", flags)


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
