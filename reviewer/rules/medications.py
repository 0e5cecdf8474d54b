"""Medicines named in a message, from a maintained drug dictionary (drug-named-entity-recognition, MIT).

Brand and generic names ("Ozempic", "sertraline", "Zoloft") are health data as surely as the word "diabetes".
An entry counts when it has a MedlinePlus or NHS page, or when it is a combination product, which the dictionary
names by its ingredients and links to no page ("Buprenorphine/naloxone" for "Suboxone", "Emtricitabine/tenofovir"
for "Truvada"); food and supplement entries ("oats", "chamomile") do not.
The dictionary loads on first use (about 1.5 s, once per process).
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9-]{2,}")
# A name after "at" is a place's: "Everything at Mirelle is 30% off" names a shop, not the pill of that name.
_AT_PLACE = re.compile(r"\bat\s+\Z", re.I)


@dataclass(frozen=True)
class Mention:
    """A medicine named at ``text[start:end]``; ``lastgroup`` is its sensitive category, as for lexicon hits."""

    begin: int
    finish: int
    medicine: str
    lastgroup: str = "health"

    def start(self) -> int:
        """Where the name starts."""
        return self.begin

    def end(self) -> int:
        """Where the name ends."""
        return self.finish


@lru_cache(maxsize=1)
def _finder() -> Any:
    from drug_named_entity_recognition import find_drugs

    return find_drugs


def medication_mentions(text: str) -> list[Mention]:
    """Every medicine the text names, in reading order."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return []
    found = _finder()([t.group(0) for t in tokens], is_ignore_case=True)
    out = []
    for entry, first, last in found:
        if not (entry.get("medline_plus_id") or entry.get("nhs_url") or "/" in str(entry.get("name", ""))):
            continue
        start = tokens[first].start()
        if _AT_PLACE.search(text, max(0, start - 4), start):
            continue
        out.append(Mention(start, tokens[last - 1].end(), str(entry.get("name", ""))))
    return sorted(out, key=lambda m: m.begin)


def names_medicine(text: str, medicine: str) -> bool:
    """Whether ``text`` (a context field) names the same medicine, by any of its names."""
    return any(m.medicine == medicine for m in medication_mentions(text))
