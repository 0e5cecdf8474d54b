"""Offset-safe text folding, shared by the rules and by quote location.

Lower-casing is not offset-safe: some characters change length ("İ" lowers to two), and disguises (zero-width
marks, Cyrillic look-alikes) hide words. A :class:`Shadow` folds a text once and maps every offset back.
"""

import re
import unicodedata
from functools import lru_cache

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


# Word forms: crude stems, so that "upgrading" meets "upgrade" and "browsed" meets "browsing".
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SUFFIXES = (
    "ations",
    "ation",
    "ingly",
    "ings",
    "ing",
    "edly",
    "ness",
    "ment",
    "ers",
    "ies",
    "ied",
    "ed",
    "es",
    "er",
    "ly",
    "s",
    "e",
    "y",
)
STOP_WORDS = frozenset(
    "a an and are as at be been but by for from has have i if in into is it its me my of on or our so that the their "
    "them they this to us was we were what when which who will with you your yours "
    # words any sentence may share with what the customer said: "a new one" is not "you young ones"
    "one ones can could would should may might must not just also very really any some all get got "
    # "text me about deliveries only" shares nothing with "this week only"
    "only about than".split()
)
# Context words too generic to ground anything ("likely_pregnant" grounds "pregnant", not "likely").
_GENERIC = frozenset(
    "likely probable possible high low score model pattern purchase purchases browsing data signal affinity segment "
    "interest interested customer user page view views viewed product products item items category app usage days "
    "ago recent recently based from source".split()
)


# British and American spellings of the same word meet: "new mum" is "new mom", "colour" is "color".
_SPELLING = {"mum": "mom", "mums": "moms", "mummy": "mommy", "mummies": "mommies", "grey": "gray", "tyre": "tire"}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: one common suffix off a word of five or more letters, a doubled end undone.

    A plural "s" also comes off four-letter words ("moms"), and British spellings become American ones.
    """
    word = word.split("'", 1)[0]
    word = _SPELLING.get(word, word)
    if len(word) >= 6 and word.endswith("our") and word not in ("detour", "devour"):
        word = word[:-3] + "or"
    elif len(word) >= 7 and word.endswith("ours"):
        word = word[:-4] + "ors"
    if len(word) == 4 and word.endswith("s") and word[-2] not in "su":
        return word[:-1]
    if len(word) >= 5:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
            word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """The lower-cased words of a text."""
    return _WORD.findall(text.lower().replace("’", "'"))


def content_stems(text: str, *, generic: bool = True) -> frozenset[str]:
    """Stems of the text's content words (stop words and, unless ``generic``, generic context words left out).

    A sentence is asked about by many detectors in one review, so short texts are remembered.
    """
    if len(text) > _STEMS_MEMO_CHARS:
        return _content_stems(text, generic)
    return _remembered_stems(text, generic)


def _content_stems(text: str, generic: bool) -> frozenset[str]:
    return frozenset(
        stem(w)
        for w in words(text.replace("_", " "))
        if w not in STOP_WORDS and (generic or w not in _GENERIC) and len(w) > 2
    )


_STEMS_MEMO_CHARS = 400  # a sentence, not a whole draft: at most ~4 MB for the memo below
_remembered_stems = lru_cache(maxsize=8192)(_content_stems)


def same_word(a: str, b: str) -> bool:
    """Stems of one word: equal, or one a prefix (of five or more letters) of the other ("birth", "birthday")."""
    short, long_ = sorted((a, b), key=len)
    return short == long_ or (len(short) >= 5 and long_.startswith(short))


_URL_CHAR = r"[^\s<>\"'()\[\]{}]"
# A link written out: a URL, an e-mail address, or a bare domain (shop.example/sale) with a lower-case top level,
# so "today.Shop" (a missing space) is none.
URL = re.compile(
    rf"(?:https?|ftp)://{_URL_CHAR}+|mailto:{_URL_CHAR}+|www\.{_URL_CHAR}+"
    r"|(?<![\w.+-])[\w.+-]+@(?:[A-Za-z0-9-]+\.)+[a-z]{2,24}\b"
    rf"|(?<![\w@./-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[a-z]{{2,24}}\b(?:/{_URL_CHAR}*)?"
)
