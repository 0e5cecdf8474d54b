"""Text helpers shared by the detectors: sentences, word lists, second person."""

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

try:  # the stdlib's own regex parser, to read what a pattern must start with; without it every scan is full
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python whose re internals moved
    _sre_parse = None

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
_SECOND_PERSON = re.compile(
    r"\b(?:you|your|yours|yourself|you're|you've|you'll|you'd|congratulations|congrats)\b", re.I
)


def _lower_regex(source: str) -> str:
    """Lower-case a pattern's literal letters, leaving escapes (backslash sequences) alone."""
    return re.sub(
        r"\\.|\(\?P[<=][^>)]*[>)]|[A-Z]", lambda m: m.group(0) if len(m.group(0)) > 1 else m.group(0).lower(), source
    )


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
        self._starts: dict[str, list[int]] | None = None
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
            chars.append(folded)
            index.extend([i] * len(folded))
        self.text, self.index = "".join(chars), index + [len(text)]

    def word_starts(self) -> dict[str, list[int]]:
        """Where words start, keyed by their first one, two and three characters."""
        if self._starts is None:
            starts: dict[str, list[int]] = {}
            for m in _WORD.finditer(self.text):
                word, pos = m.group(), m.start()
                for n in range(1, min(3, len(word)) + 1):
                    starts.setdefault(word[:n], []).append(pos)
            self._starts = starts
        return self._starts

    def original(self, pos: int, *, end: bool = False) -> int:
        """The original offset of shadow offset ``pos``."""
        if self.index is None:
            return pos
        if end and pos > 0:
            return self.index[pos - 1] + 1
        return self.index[pos]


_WORD = re.compile(r"\w+")
_MAX_TRIGGERS = 4096


def word_triggers(source: str, flags: int = 0) -> frozenset[str] | None:
    r"""What every match must start with: the first one to three characters of a word, or None when unknown.

    Read from the parsed pattern: every way into it must pass a word boundary (``\b``) and then literal word
    characters, through groups, alternations and optional parts. A match can then only start at the start of a
    word that begins with one of these. Patterns where some path starts otherwise (a class such as ``\d``, a
    lookbehind, a non-word character, no boundary) give None and are scanned in full.
    """
    if _sre_parse is None:
        return None
    try:
        parsed = list(_sre_parse.parse(source, flags))
    except re.error:
        return None
    found: set[str] = set()

    def end(prefix: str, bounded: bool) -> bool:
        if not prefix or not bounded or len(found) > _MAX_TRIGGERS:
            return False
        found.add(prefix)
        return True

    def walk(items: list[tuple[Any, Any]], prefix: str, bounded: bool) -> bool:
        """Collect the triggers of every path through ``items``; False when some path has none."""
        if len(prefix) >= 3 or not items:
            return end(prefix, bounded)
        op, av = items[0]
        rest = items[1:]
        if op is _sre.AT:
            return walk(rest, prefix, bounded or (av is _sre.AT_BOUNDARY and not prefix))
        if op is _sre.LITERAL:
            ch = chr(av)
            return walk(rest, prefix + ch, bounded) if _WORD.fullmatch(ch) else end(prefix, bounded)
        if op is _sre.SUBPATTERN:
            return walk(list(av[-1]) + rest, prefix, bounded)
        if op is _sre.BRANCH:
            return all(walk(list(alt) + rest, prefix, bounded) for alt in av[1])
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, _high, sub = av
            # Entering the repeat ends the prefix after its first pass; with a minimum of 0 it may be skipped.
            return walk(list(sub), prefix, bounded) and (low > 0 or walk(rest, prefix, bounded))
        return end(prefix, bounded)

    return frozenset(found) if walk(parsed, "", False) else None


def _needs_folding(text: str) -> bool:
    return any(ch in _ZERO_WIDTH or ord(ch) > 0x2FF for ch in text)


@lru_cache(maxsize=64)
def shadow(text: str) -> Shadow:
    """The shadow of ``text``, cached: every detector scans the same few texts."""
    return Shadow(text)


class Hit:
    """A match found on the shadow text, with offsets and text of the original."""

    def __init__(self, match: re.Match[str], sh: Shadow, text: str) -> None:
        self._m, self._sh, self._text = match, sh, text
        self.lastgroup = match.lastgroup

    def start(self, group: int | str = 0) -> int:
        """Original start offset of the match or a group."""
        return self._sh.original(self._m.start(group))

    def end(self, group: int | str = 0) -> int:
        """Original end offset of the match or a group."""
        return self._sh.original(self._m.end(group), end=True)

    def group(self, group: int | str = 0) -> str:
        """Lower-cased, de-disguised text of the match or a group."""
        return self._m.group(group)

    def span(self) -> tuple[int, int]:
        """Original (start, end)."""
        return self.start(), self.end()


LEXICONS: list["Lexicon"] = []  # every one made, for the test that checks the trigger shortcut against re


class Lexicon:
    """A case-insensitive pattern that also sees through disguises.

    It scans a lower-cased copy of the text (4-5x faster than ``re.IGNORECASE``) in which look-alike letters
    (Cyrillic "е" for "e"), full-width forms and zero-width marks are folded away, so "prеgnancy" or
    "m\u200dom" still match. Offsets of every ``Hit`` are offsets into the original text.
    """

    def __init__(self, source: str, flags: int = 0) -> None:
        lowered = _lower_regex(source)
        self.pattern = re.compile(lowered, flags)
        self.triggers = word_triggers(lowered, flags)
        LEXICONS.append(self)

    def _matches(self, sh: Shadow) -> Iterator[re.Match[str]]:
        """The same matches as ``pattern.finditer``, tried only where a match can start when that is known.

        Python's ``re`` tries a big alternation at every character (60-330 µs on 1,800 characters); trying it only
        at the starts of words that begin with one of its triggers finds the same non-overlapping matches.
        """
        if self.triggers is None:
            yield from self.pattern.finditer(sh.text)
            return
        starts = sh.word_starts()
        present = self.triggers.intersection(starts)
        if not present:
            return
        if len(present) == 1:
            positions = starts[next(iter(present))]
        else:
            positions = sorted(set().union(*(starts[t] for t in present)))
        end = 0
        for pos in positions:
            if pos < end:
                continue
            m = self.pattern.match(sh.text, pos)  # \b and lookbehinds still see the text before pos
            if m:
                yield m
                end = m.end()

    def finditer(self, text: str) -> Iterator[Hit]:
        """Every match in ``text``."""
        sh = shadow(text)
        return (Hit(m, sh, text) for m in self._matches(sh))

    def search(self, text: str) -> Hit | None:
        """The first match in ``text``, or None."""
        sh = shadow(text)
        m = next(self._matches(sh), None)
        return Hit(m, sh, text) if m else None


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
