"""Text helpers shared by the detectors: the scan of a text, word lists, sentences."""

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress
from typing import Any

from reviewer.text import STOP_WORDS, Shadow

try:  # the stdlib's own regex parser, to read what a pattern must start with; without it every scan is full
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python whose re internals moved
    _sre_parse = None

# A break after . ! ? (and closing quotes) or at newlines. It starts with the break character rather than a
# lookbehind, so ``re`` can skip straight to candidates instead of trying the pattern at every character.
# A full stop after a title or a common abbreviation ("Dear Mr. Ashworth,", "e.g. a receipt") ends no sentence.
_SENTENCE_BREAK = re.compile(
    r"(?:\.(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bMx\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bProf\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)"
    r"(?<!\b[aApP]\.[mM]\.)"
    # "before 3 p.m. are still open" runs on; "closes at 9 p.m. See you there" ends
    r"|(?<=\b[aApP]\.[mM])\.(?=[\"'”’)\]]*\s+[A-Z0-9])"
    r"|[!?\n])"
    r"(?:(?<=\n)\n*|(?<=[.!?])[\"'”’)\]]*\s+)"
)


def _lower_regex(source: str) -> str:
    """Lower-case a pattern's literal letters, leaving escapes (backslash sequences) alone."""
    return re.sub(
        r"\\.|\(\?P[<=][^>)]*[>)]|[A-Z]", lambda m: m.group(0) if len(m.group(0)) > 1 else m.group(0).lower(), source
    )


_WORD = re.compile(r"\w+")
_WORD_SPLIT = re.compile(r"(\w+)")
HEAD = 6  # characters read at each word start: a trigger is at most this long
_MAX_TRIGGERS = 4096
_DIGITS = "0123456789"
_FEW_CHARS = 12  # a class of at most this many characters is read as that many triggers


# Per trigger length, trigger -> the bits of the lexicons it can start (each lexicon with triggers has one bit).
_TRIGGER_BITS: list[dict[str, int]] = [{} for _ in range(HEAD)]
_SYMBOLS: set[str] = set()  # the first characters of triggers that start with a symbol ("'", "$", "[")
_symbol_starts = re.compile("(?!)")  # finds any of them; rebuilt when a lexicon adds one
_NEEDY: list["Lexicon"] = []  # lexicons with triggers and ``needs``: a text without what they need drops their bit


_HEAD_BITS: dict[str, tuple[int, ...]] = {}  # head -> the lexicons it can start; emptied when a lexicon is added
_HEAD_MEMO_LIMIT = 50_000  # ~10 MB at most; past it, new heads are looked up without being remembered
_WHITESPACE = re.compile(r"\s")  # what \s matches: heads and triggers write any of it as one space


def _head_bits(head: str) -> tuple[int, ...]:
    """The bits of the lexicons a head ("a doze", "for 3 ") can start, one per lexicon."""
    spaced = _WHITESPACE.sub(" ", head)
    mask = 0
    for n, bits in enumerate(_TRIGGER_BITS, 1):
        mask |= bits.get(spaced[:n], 0)
    found: list[int] = []
    while mask:
        bit = mask & -mask
        found.append(bit)
        mask ^= bit
    return tuple(found)


class _WordStarts:
    """Where a text's words start, and at which of them each lexicon can match.

    Each word start has a head, the first ``HEAD`` characters of text there ("a doze", "for 3 "), and the heads
    name the lexicons whose triggers they begin with. A head's lexicons depend on those characters only, so
    they are looked up once per distinct head (heads are the vocabulary: "the ne", "your o"). One loop over the
    word starts then hands each lexicon its candidates; a lexicon whose triggers are nowhere in the text costs
    nothing. (A Python loop over every word's prefixes, or a pass per lexicon, cost more than the matching.)
    """

    def __init__(self, text: str, allowed: int) -> None:
        parts = _WORD_SPLIT.split(text)  # non-word, word, non-word, ..., non-word
        starts = list(accumulate(map(len, parts)))[0:-1:2]
        if symbols := [m.start() for m in _symbol_starts.finditer(text)]:
            starts = sorted(starts + symbols)  # where triggers that start with a symbol can match
        heads = [text[pos : pos + HEAD] for pos in starts]
        new = {head: _head_bits(head) for head in {head for head in heads if head not in _HEAD_BITS}}
        if len(_HEAD_BITS) + len(new) <= _HEAD_MEMO_LIMIT:
            _HEAD_BITS.update(new)  # entries are only ever added, so every head is there now
            bit_sets = list(map(_HEAD_BITS.__getitem__, heads))
        else:
            bit_sets = [new[head] if head in new else _HEAD_BITS[head] for head in heads]
        by_bit: dict[int, list[int]] = {}
        # Words that start no lexicon (an empty tuple) are dropped in C, before the Python loop.
        for pos, bits in compress(zip(starts, bit_sets, strict=True), bit_sets):
            for bit in bits:
                if bit & allowed:
                    found = by_bit.get(bit)
                    if found is None:
                        by_bit[bit] = [pos]
                    else:
                        found.append(pos)
        self._by_bit = by_bit

    def candidates(self, bit: int) -> list[int]:
        """Ascending word starts where the lexicon with ``bit`` can match."""
        return self._by_bit.get(bit, [])


def word_triggers(source: str, flags: int = 0) -> frozenset[str] | None:
    r"""What every match must start with: its first one to ``HEAD`` characters, or None when unknown.

    Read from the parsed pattern: every way into it must pass a word boundary (``\b``), then a literal word
    character or a digit, then literal characters, through groups, alternations and optional parts; whitespace,
    literal or a class such as ``\s``, reads as one space ("a dozen" and "a\s+dozen" give "a doze"), as it does
    in the heads it is compared with. A match can then only start at a word start where the text begins with one
    of these. Patterns where some path starts otherwise (a class such as ``\w``, a lookbehind, a non-word
    character, no boundary) give None and are scanned in full.
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
        if len(prefix) >= HEAD or not items:
            return end(prefix, bounded)
        op, av = items[0]
        rest = items[1:]
        if op is _sre.AT:
            return walk(rest, prefix, bounded or (av is _sre.AT_BOUNDARY and not prefix))
        if op is _sre.LITERAL:
            ch = chr(av)
            if not prefix and not _WORD.fullmatch(ch):
                # A match that starts with a symbol ("'ll never", "$0 down") is tried wherever the symbol is.
                return not ch.isspace() and walk(rest, ch, True)
            return walk(rest, prefix + (" " if ch.isspace() else ch), bounded)
        if op is _sre.IN and prefix and _only_whitespace(av):
            return walk(rest, prefix + " ", bounded)  # \s, [ \t]: heads write whitespace as a space too
        if op is _sre.IN and av == [(_sre.CATEGORY, _sre.CATEGORY_DIGIT)]:
            return all(end(prefix + d, bounded) for d in _DIGITS)  # the shadow text writes every digit in ASCII
        if op is _sre.IN and (chars := _few_chars(av)) is not None:
            return all(walk([(_sre.LITERAL, ord(ch)), *rest], prefix, bounded) for ch in chars)
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):
            return walk(rest, prefix, bounded)  # a lookaround only narrows where a match can be: step over it
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


def _few_chars(members: list[tuple[Any, Any]]) -> list[str] | None:
    """The characters of a small class of literals and ranges ("[2-9]", "[’']"), or None for any other class."""
    chars: list[str] = []
    for op, av in members:
        if op is _sre.LITERAL:
            chars.append(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] < _FEW_CHARS:
            chars += map(chr, range(av[0], av[1] + 1))
        else:
            return None
    return chars if len(chars) <= _FEW_CHARS else None


def _only_whitespace(members: list[tuple[Any, Any]]) -> bool:
    r"""True for a class that matches whitespace only (``\s``, ``[ \t]``)."""
    return all(
        (op is _sre.CATEGORY and av is _sre.CATEGORY_SPACE) or (op is _sre.LITERAL and chr(av).isspace())
        for op, av in members
    )


class Hit:
    """A match found on the shadow text, with offsets and text of the original."""

    __slots__ = ("_m", "_sh", "lastgroup", "_start", "_end")

    def __init__(self, match: re.Match[str], sh: Shadow) -> None:
        self._m, self._sh = match, sh
        self.lastgroup = match.lastgroup
        self._start = sh.original(match.start())
        self._end = sh.original(match.end(), end=True)

    def start(self, group: int | str = 0) -> int:
        """Original start offset of the match or a group."""
        return self._start if group == 0 else self._sh.original(self._m.start(group))

    def end(self, group: int | str = 0) -> int:
        """Original end offset of the match or a group."""
        return self._end if group == 0 else self._sh.original(self._m.end(group), end=True)

    def group(self, group: int | str = 0) -> str:
        """Lower-cased, de-disguised text of the match or a group."""
        return self._m.group(group)

    def groupdict(self) -> dict[str, str | None]:
        """Lower-cased text of every named group, None for those that did not take part."""
        return self._m.groupdict()

    def span(self) -> tuple[int, int]:
        """Original (start, end)."""
        return self._start, self._end


class Scan:
    """One text prepared for every lexicon: its shadow, where its words start, and each lexicon's hits.

    Detectors ask the same lexicons again and again (the whole text, then the sentence around a hit); a scan
    answers each lexicon once per text. It lives as long as one review of one text, never across requests.
    """

    def __init__(self, text: str) -> None:
        self.shadow = Shadow(text)
        self._words: _WordStarts | None = None
        self._hits: dict[Lexicon, list[Hit]] = {}

    def words(self) -> _WordStarts:
        """The word index, built on first use."""
        if self._words is None:
            text = self.shadow.text
            unmet = sum(lx.bit for lx in _NEEDY if not any(needed in text for needed in lx.needs))
            self._words = _WordStarts(text, ~unmet)
        return self._words

    def hits(self, lexicon: "Lexicon") -> list[Hit]:
        """Every match of ``lexicon`` in the text, in order."""
        found = self._hits.get(lexicon)
        if found is None:
            sh = self.shadow
            found = self._hits[lexicon] = [Hit(m, sh) for m in lexicon.matches(sh.text, self)]
        return found

    def first_within(self, lexicon: "Lexicon", start: int, end: int) -> Hit | None:
        """The first match of ``lexicon`` that lies inside the original span ``[start, end)``."""
        for hit in self.hits(lexicon):
            if hit._start >= start and hit._end <= end:
                return hit
            if hit._start >= end:
                break
        return None


LEXICONS: list["Lexicon"] = []  # every one made, for the test that checks the trigger shortcut against re


class Lexicon:
    """A case-insensitive pattern that also sees through disguises.

    It scans a lower-cased copy of the text (4-5x faster than ``re.IGNORECASE``) in which look-alike letters
    (Cyrillic "е" for "e"), full-width forms and zero-width marks are folded away, so "prеgnancy" or
    "m\u200dom" still match. Offsets of every ``Hit`` are offsets into the original text.

    ``needs``, when given, lists substrings of which every match contains one: a text without any of them is
    not scanned (a substring test is ~10x cheaper than a regex search for a two-character class).
    """

    def __init__(self, source: str, flags: int = 0, *, needs: Iterable[str] = ()) -> None:
        lowered = _lower_regex(source)
        self.pattern = re.compile(lowered, flags)
        self.needs = tuple(needs)
        self.triggers = word_triggers(lowered, flags)
        self.bit = 0
        if self.triggers is not None:
            self.bit = 1 << sum(lx.bit != 0 for lx in LEXICONS)
            for trigger in self.triggers:
                bits = _TRIGGER_BITS[len(trigger) - 1]
                bits[trigger] = bits.get(trigger, 0) | self.bit
            symbols = {t[0] for t in self.triggers if not _WORD.match(t)}
            if not symbols <= _SYMBOLS:
                global _symbol_starts
                _SYMBOLS.update(symbols)
                _symbol_starts = re.compile("[" + "".join(map(re.escape, sorted(_SYMBOLS))) + "]")
            _HEAD_BITS.clear()
            if self.needs:
                _NEEDY.append(self)
        LEXICONS.append(self)

    def matches(self, text: str, scan: Scan) -> Iterator[re.Match[str]]:
        """The same matches as ``pattern.finditer(text)``, tried only where a match can start when that is known.

        Python's ``re`` tries a big alternation at every character (60-330 µs on 1,800 characters); trying it only
        at the starts of words that begin with one of its triggers finds the same non-overlapping matches.
        """
        if not self.bit:
            if not self.needs or any(needed in text for needed in self.needs):
                yield from self.pattern.finditer(text)
            return  # a lexicon with triggers and unmet needs has no candidates: Scan.words drops its bit
        end = 0
        match = self.pattern.match
        for pos in scan.words().candidates(self.bit):
            if pos < end:
                continue
            m = match(text, pos)  # \b and lookbehinds still see the text before pos
            if m:
                yield m
                end = m.end()

    def search(self, text: str) -> Hit | None:
        """The first match in ``text``, or None."""
        found = Scan(text).hits(self)
        return found[0] if found else None


# A line of a list: "- item", "• item", "3) item".
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*•·▪►✓✔]|\d{1,2}[.)])[ \t]+\S.*$", re.M)


def on_list_line(text: str, pos: int) -> bool:
    """``pos`` is on a line of a list ("- Prenatal multivitamin, 90 tablets", "2) Duo 30GB")."""
    return LIST_ITEM.match(text, text.rfind("\n", 0, pos) + 1) is not None


def lead_in(text: str, pos: int) -> str:
    """The line a list item at ``pos`` sits under ("we just need two more details to give you a price:")."""
    line_start = text.rfind("\n", 0, pos) + 1
    for line in reversed(text[:line_start].splitlines()):
        if not line.strip() or LIST_ITEM.match(line):
            continue
        return line
    return ""


def words(items: Iterable[str]) -> Lexicon:
    r"""A case-insensitive alternation of regex fragments, each starting at a word boundary or at a symbol.

    A fragment that starts with a word character (a letter or a digit) starts at a word boundary; one that
    starts with a symbol ("\$0 down", "\[END DATA\]") starts wherever that symbol is, whatever comes before
    it. After a fragment, "no word character follows": the same as ``\b`` after a letter, and also right after
    "4.19%" or "now available," where ``\b`` would demand a letter next.
    """
    return Lexicon(word_source(items))


def word_source(items: Iterable[str]) -> str:
    """The pattern ``words`` compiles: word-led fragments behind one word boundary, symbol-led ones beside them."""
    items = list(items)
    symbol_led = [i for i in items if _symbol_led(i)]
    worded = [i for i in items if i not in symbol_led]
    if bad := [i for i in worded if re.match(r"\[?[^\w\\(\[]", i)]:
        raise ValueError(f"word-list fragments must start with a word character or a plain symbol: {bad}")
    body = r"\b(?:" + "|".join(worded) + ")"
    if symbol_led:
        body = "(?:" + "|".join([body, *symbol_led]) + ")"
    return body + r"(?!\w)"


def _symbol_led(fragment: str) -> bool:
    """Every match of the fragment starts with a symbol (not a word character, not whitespace)."""
    triggers = word_triggers(_lower_regex(fragment))
    return triggers is not None and not any(_WORD.match(t) for t in triggers)


# Addressing the reader: "you", "your", and congratulations (which are always to someone).
SECOND_PERSON = words(
    ["you", "your", "yours", "yourself", "you're", "you've", "you'll", "you'd", "congratulations", "congrats"]
)


class Sentences:
    """Sentence spans of a text, for widening a match to the sentence around it."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans: list[tuple[int, int]] = []
        start = 0
        for brk in _SENTENCE_BREAK.finditer(text):
            cut = brk.start() + (text[brk.start()] != "\n")  # the . ! or ? stays with its sentence
            spans.append((start, cut))
            start = brk.end()
        spans.append((start, len(text)))
        self.spans = []
        for s, e in spans:
            segment = text[s:e]
            kept = segment.strip()
            if kept:
                s += len(segment) - len(segment.lstrip())
                self.spans.append((s, s + len(kept)))
        self._starts = [s for s, _ in self.spans]

    def around(self, pos: int) -> tuple[int, int]:
        """The sentence that contains ``pos`` (or the nearest one before it)."""
        return self.spans[self.index(pos)] if self.spans else (0, len(self.text))

    def after(self, pos: int) -> tuple[int, int] | None:
        """The sentence after the one that contains ``pos`` (None for the last), across line and paragraph breaks."""
        following = self.index(pos) + 1
        return self.spans[following] if following < len(self.spans) else None

    def index(self, pos: int) -> int:
        """The number of the sentence that contains ``pos`` (or the nearest one before it)."""
        return max(bisect_right(self._starts, pos) - 1, 0)

    def text_around(self, pos: int) -> str:
        """The text of the sentence that contains ``pos``."""
        start, end = self.around(pos)
        return self.text[start:end]


def in_signature(text: str, pos: int) -> bool:
    """``pos`` lies in the sender's name, on a short line just under the sign-off ("See you there,")."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    if len(text[line_start:line_end].split()) > 8 or len(text[line_end:].split()) > 40:
        return False
    above = [part.strip() for part in text[:line_start].splitlines() if part.strip()][-2:]
    return any(in_sign_off(text, text.rfind(part, 0, line_start)) for part in above)


# The opening of a message, not its close: "Hi Aisha," over a two-line message is where it starts.
_GREETING_LINE = re.compile(r"(?:hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening))\b", re.I)


# The sender named after a dash at the very end of a reply: "... in the app. — Ola, Kestrel Air".
_DASH_SIGNATURE = re.compile(r"(?:^|\s)[—–-]{1,2}\s?(?P<sig>[A-Z@][^\n.!?—–]{0,60})\s*$")


def in_dash_signature(text: str, pos: int) -> bool:
    """``pos`` lies in a sender's name put after a dash at the end of the message."""
    m = _DASH_SIGNATURE.search(text, max(0, len(text) - 80))
    return m is not None and m.start("sig") <= pos < m.end("sig")


# Words of a sender's name that say who, not what: "The Atlantic Rock Spa team".
_SENDER_FILLER = STOP_WORDS | frozenset(
    "team crew family customer care service services support ltd inc llc plc store shop from with".split()
)


def sender_words(text: str) -> frozenset[str]:
    """Words of the sender's name (short lines just under the sign-off, or after a closing dash), lower-cased.

    What a sender is named for is its trade ("Atlantic Rock Spa"), offered to every customer.
    """
    lines = text.splitlines()
    starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    filled = [n for n, line in enumerate(lines) if line.strip()]
    names: list[str] = []
    for n in filled[-5:]:  # a sign-off has at most four lines under it (in_sign_off), so only these can be one
        line = lines[n]
        if in_sign_off(text, starts[n] + len(line) - len(line.lstrip())):
            names = [part for part in lines[n + 1 :] if part.strip()][:2]
    dash = _DASH_SIGNATURE.search(text, max(0, len(text) - 80))
    if dash:
        names.append(dash.group("sig"))
    short = " ".join(name for name in names if len(name.split()) <= 6).lower()
    return frozenset(re.findall(r"[a-z]{3,}", short)) - _SENDER_FILLER


def in_sign_off(text: str, pos: int) -> bool:
    """``pos`` lies in the sign-off: a short line of its own ending in a comma, near the end ("Happy cooking,").

    Not the greeting, nor any line with nothing above it: in a short message "Hi Aisha," is also a short line
    ending in a comma near the end, and what follows it is the message, not the sender's name.
    """
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    if line_end < 0 or not line.endswith((",", "!")) or len(line.split()) > 4:
        return False
    if not text[:line_start].strip() or _GREETING_LINE.match(line):
        return False
    rest = text[line_end:]
    return len(rest.split()) <= 40 and sum(1 for part in rest.splitlines() if part.strip()) <= 4
