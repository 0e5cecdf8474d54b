"""Matching the customer's known values however a draft writes them: case, diacritics, apostrophes, spacing.

Texts are folded character by character, so a match in the folded text has the same offsets in the original:
lower case, diacritics stripped, curly apostrophes made straight. Patterns for a value are built from the
value's own tokens, each with the variants people write (ü as u or ue, ß as ss, "str." for "straße").
"""

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "’‘ʼ´`′"


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in "‐‑‒–—":
        return "-"
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    return low if len(low) == 1 else base


def fold(text: str) -> str:
    """``text`` in lower case without diacritics, with straight apostrophes; always the same length."""
    return "".join(_fold_char(ch) for ch in text)


def plain(text: str) -> str:
    """Only the letters and digits of ``text``, folded: for comparing two writings of one value."""
    return re.sub(r"[\W_]+", "", fold(text).replace("ß", "ss"))


# Street words and their abbreviations; any one of a group matches any other.
_STREET_WORDS = [
    ("strasse", "str", "straße"),
    ("street", "st"),
    ("avenue", "ave", "av"),
    ("road", "rd"),
    ("boulevard", "blvd", "bd", "bvd"),
    ("drive", "dr"),
    ("lane", "ln"),
    ("court", "ct"),
    ("place", "pl"),
    ("square", "sq"),
    ("terrace", "tce", "terr"),
    ("crescent", "cres"),
    ("highway", "hwy"),
    ("parkway", "pkwy"),
    ("apartment", "apt"),
    ("north", "n"),
    ("south", "s"),
    ("east", "e"),
    ("west", "w"),
    ("saint", "st"),
]
_SYNONYMS: dict[str, tuple[str, ...]] = {}
for group in _STREET_WORDS:
    for word in group:
        _SYNONYMS[word] = tuple(dict.fromkeys((*_SYNONYMS.get(word, ()), *group)))


def _chars(token: str) -> str:
    """A regex for one token of a value, on folded text: ä as a or ae, ß as ss, ue as u or ue."""
    out = []
    i = 0
    while i < len(token):
        ch = token[i]
        low = ch.lower()
        if low in "äöü":
            out.append(f"{_fold_char(ch)}e?")
        elif low == "ß" or token[i : i + 2].lower() == "ss":
            out.append("(?:ss|ß)")
            i += 1 if low == "ß" else 2
            continue
        elif token[i : i + 2].lower() in ("ue", "ae", "oe"):
            out.append(f"{token[i].lower()}e?")
            i += 2
            continue
        elif ch in "'" + _APOSTROPHES:
            out.append(r"['\s]?")
        elif ch in "-‐‑–":
            out.append(r"[-\s]?")
        else:
            out.append(re.escape(_fold_char(ch)))
        i += 1
    return "".join(out)


def _address_token(token: str) -> str:
    folded = plain(token)
    if folded.isdigit():
        return rf"(?<!\d){folded}(?!\d)"
    written = fold(token).rstrip(".")
    for word, variants in _SYNONYMS.items():
        # "Hauptstraße" ends in a street word: "Hauptstr." and "Hauptstrasse" are the same street.
        ending = next((v for v in sorted(variants, key=len, reverse=True) if written.endswith(v)), None)
        if folded == word or (len(word) > 4 and ending is not None and len(ending) > 2):
            stem = _chars(token[: len(written) - len(ending)]) if folded != word and ending else ""
            alternatives = "|".join(_chars(v) for v in sorted(variants, key=len, reverse=True))
            return rf"{stem}(?:{alternatives})\.?"
    return _chars(token)


def name_pattern(value: str) -> str:
    """A regex (on folded text) for a name as written, without or with its diacritics, apostrophes, hyphens."""
    return r"[\s-]+".join(_chars(t) for t in value.split())


def address_pattern(value: str) -> str:
    """A regex (on folded text) for an address line in any case, with abbreviations and any punctuation between."""
    tokens = [t for t in re.split(r"[\s,]+", value) if plain(t)]
    return r"[\s,.\-/]*".join(_address_token(t) for t in tokens)


def ref_pattern(value: str) -> str:
    """A regex (on folded text) for a reference such as CUST-123456 with any separators or none."""
    body = r"[\s\-_./#()]{0,3}".join(re.escape(p) for p in re.split(r"[\W_]+", fold(value)) if p)
    return (r"\+?" if value.lstrip().startswith("+") else "") + body
