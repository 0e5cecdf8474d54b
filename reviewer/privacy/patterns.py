"""Our own PII detectors, for EU, UK, US, Canadian and Australian formats.

Phones (libphonenumber), IBANs and national IDs (python-stdnum), street addresses, postcodes, dates of birth.

Each returns ``(start, end, kind)`` triples. Candidates are found with cheap patterns and then validated
(libphonenumber's metadata, check digits) where a validator exists, so ordinary numbers are left alone.
"""

import re
from collections.abc import Callable, Iterable
from datetime import date

import phonenumbers
from stdnum import iban
from stdnum.au import tfn
from stdnum.be import nn
from stdnum.ca import sin
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.ie import pps
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.pl import pesel
from stdnum.se import personnummer
from stdnum.us import ssn

Hit = tuple[int, int, str]

# Regions tried for numbers written without a country code, after the customer's own.
DEFAULT_REGIONS = ("US", "GB", "DE", "FR", "NL", "ES", "IT", "BE", "IE", "AT", "CH", "AU", "CA")

# ---------------------------------------------------------------- phones
# Digits with the separators phone numbers use between them; " / " (two numbers side by side) ends a run.
_PHONE_CANDIDATE = re.compile(
    r"(?<![\w+])(?:\+|00)?\(?\d(?:(?:[ \t]?[().\-]{1,2}[ \t]?|[ \t]|/)?\(?\d){6,18}"
    r"(?:[ \t]*(?:x|ext\.?|#)[ \t]*\d{1,5})?(?!\w)",
    re.I,
)
_DATE_SHAPED = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_CARD_SHAPED = re.compile(r"^\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?$")
_REFERENCE = re.compile(r"^(?:19|20)\d\d[-/]\d{3,6}$")
# Digits that continue a code of letters and digits ("1Z 999 AA1 01 2345 6784", a parcel number) are no phone.
_IN_A_CODE = re.compile(r"(?:[A-Za-z]+\d|\d+[A-Za-z])\w*[ \t]$")


def _is_phone(raw: str, regions: list[str]) -> bool:
    """Whether ``raw`` is a valid phone number: international as written, or national in one of ``regions``."""
    international = raw.lstrip("(").startswith(("+", "00"))
    for region in ["DE"] if international else regions:  # "+" needs no region; "00" is the prefix in Germany
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True
    return False


def phones(text: str, regions: Iterable[str]) -> list[Hit]:
    """Phone numbers valid in one of ``regions`` (the customer's first), in any national or international format.

    A run of digits that is no phone as a whole may hold one followed by other digits ("+61 412 343 504 88 George
    Street"): then its leading groups are tried, longest first.
    """
    found: list[Hit] = []
    home = list(regions)
    tried = list(dict.fromkeys([*home, *DEFAULT_REGIONS]))
    for m in _PHONE_CANDIDATE.finditer(text):
        raw = m.group(0)
        if _IN_A_CODE.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        ends = [g.end() for g in re.finditer(r"\d+", raw)]
        if _CARD_SHAPED.match(raw) or _REFERENCE.match(raw):
            continue  # a card number (the card detector's) or a reference such as 2024-11873
        for end in reversed(ends):
            part = raw[:end]
            if sum(ch.isdigit() for ch in part) < 7 or _DATE_SHAPED.match(part.strip()):
                break
            # Eight or nine digits in a row read as a phone only in the customer's own region: order numbers look so.
            bare = part.isdigit() and len(part) < 10
            if _is_phone(part, home if bare else tried):
                found.append((m.start(), m.start() + end, "PHONE"))
                break
    return found


def national_number(value: str, regions: Iterable[str]) -> str | None:
    """The national significant number of a phone written any way, or None when it is not a phone."""
    for region in [*regions, *DEFAULT_REGIONS]:
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            return phonenumbers.national_significant_number(number)
    return None


def digit_runs(text: str) -> Iterable[tuple[int, int, str]]:
    """Every run of digits (with the separators people write between them): start, end, digits only."""
    for m in _PHONE_CANDIDATE.finditer(text):
        yield m.start(), m.end(), re.sub(r"\D", "", m.group(0))


# ---------------------------------------------------------------- cards
_DIGIT_GROUPS = re.compile(r"\d{2,19}(?:[ \-]\d{2,19})*")


def cards(text: str, luhn: Callable[[str], bool]) -> list[Hit]:
    """Card numbers (13-19 digits, Luhn-valid) in any run of digit groups.

    Also where a run holds more than one number: "3983 4539 1488 0343 6467" is a postcode and then a card.
    """
    found: list[Hit] = []
    for m in _DIGIT_GROUPS.finditer(text):
        groups = [(g.start() + m.start(), g.end() + m.start()) for g in re.finditer(r"\d+", m.group(0))]
        for i in range(len(groups)):
            for j in range(len(groups), i, -1):
                start, end = groups[i][0], groups[j - 1][1]
                digits = re.sub(r"\D", "", text[start:end])
                if 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn(digits):
                    found.append((start, end, "CARD"))
                    break
    return found


# ---------------------------------------------------------------- IBANs
_IBAN_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ \-]?[A-Za-z0-9]){11,32}")


def ibans(text: str) -> list[Hit]:
    """IBANs in any case and grouping, checksum-validated; the longest valid prefix of each candidate.

    A candidate that holds no IBAN ("ha851168d GB21-…" starts at "ha85") gives way to the next one inside it.
    """
    found: list[Hit] = []
    pos = 0
    while m := _IBAN_CANDIDATE.search(text, pos):
        raw = m.group(0)
        pos = m.start() + 1
        for cut in range(len(raw), 14, -1):
            part = raw[:cut]
            if part[-1] in " -" or (cut < len(raw) and raw[cut].isalnum()):
                continue
            if iban.is_valid(part):
                found.append((m.start(), m.start() + cut, "IBAN"))
                pos = m.start() + cut
                break
    return found


# ---------------------------------------------------------------- national IDs
_ID_WORDS = re.compile(
    r"(?:ssn|social security|\bsin\b|social insurance|\btfn\b|tax file|\bbsn\b|burgerservice|steuer|idnr|"
    r"identifikations|pesel|\bnir\b|s[ée]curit[ée] sociale|insee|national insurance|\bnino?\b|\bni\b|"
    r"id number|id no|personal number|personnummer|tax id|national id|codice fiscale|\bdni\b|\bnie\b|\bpps\b|"
    r"rijksregister|registre national)\W{0,12}(?:\w+\W{1,3}){0,3}$",
    re.I,
)
# (pattern, validator, the countries that issue it: a keyword is needed for a number written without separators
# unless the customer is from one of them; None: the format is distinctive enough on its own)
_IDS: list[tuple[re.Pattern[str], Callable[[str], bool], frozenset[str] | None]] = [
    (re.compile(r"\b\d{3}([- ]?)\d{2}\1\d{4}\b"), ssn.is_valid, frozenset({"US"})),
    (re.compile(r"\b\d{3}([- ]?)\d{3}\1\d{3}\b"), sin.is_valid, frozenset({"CA"})),
    (re.compile(r"\b\d{3}([- ]?)\d{3}\1\d{2,3}\b"), tfn.is_valid, frozenset({"AU"})),
    (re.compile(r"\b\d{2}([ ./]?)\d{3}\1\d{3}\1\d{3}\b"), idnr.is_valid, None),
    (re.compile(r"\b\d{11}\b"), pesel.is_valid, frozenset({"PL"})),
    (re.compile(r"\b\d{11}\b"), nn.is_valid, frozenset({"BE"})),
    (
        re.compile(r"\b[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}\b", re.I),
        nir.is_valid,
        frozenset({"FR"}),
    ),
    (re.compile(r"\b\d{4}\.?\d{2}\.?\d{3}\b"), bsn.is_valid, frozenset({"NL"})),
    (re.compile(r"\b\d{2}\.?\d{2}\.?\d{2}[- ]?\d{3}\.?\d{2}\b"), nn.is_valid, frozenset({"BE"})),
    (re.compile(r"\b\d{8}[- ]?[A-Z]\b", re.I), dni.is_valid, None),
    (re.compile(r"\b[XYZ][- ]?\d{7}[- ]?[A-Z]\b", re.I), nie.is_valid, None),
    (re.compile(r"\b[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]\b", re.I), codicefiscale.is_valid, None),
    (re.compile(r"\b\d{7}[A-W][A-IW]?\b", re.I), pps.is_valid, None),
    (re.compile(r"\b(?:\d{2})?\d{6}[-+ ]\d{4}\b"), personnummer.is_valid, None),
]
# UK National Insurance numbers: two letters (QQ, the prefix of every example, included), three pairs of digits, A-D.
_NINO = re.compile(r"\b[a-z]{2}([ \-]?)\d{2}\1\d{2}\1\d{2}\1[a-d]\b", re.I)
_SSN_SHAPED = re.compile(r"\b\d{3}([- ])\d{2}\1\d{4}\b")


def national_ids(text: str, regions: Iterable[str] = ()) -> list[Hit]:
    """National identity and tax numbers with their usual separators, validated by their check digits.

    A bare run of digits counts only after a word such as "SSN" or "BSN", or when it is an ID of the
    customer's own country (``regions``): otherwise every ninth order number would pass some check digit.
    """
    home = set(regions)
    found: list[Hit] = [(m.start(), m.end(), "GOV_ID") for m in _NINO.finditer(text)]
    # SSN-shaped numbers are masked even when no valid SSN could look so: for an LLM, recall wins.
    found += [(m.start(), m.end(), "GOV_ID") for m in _SSN_SHAPED.finditer(text)]
    for pattern, valid, issuers in _IDS:
        bare_needs_word = issuers is not None and not issuers & home
        for m in pattern.finditer(text):
            raw = m.group(0)
            separated = any(not ch.isalnum() for ch in raw)
            if bare_needs_word and not separated and not _ID_WORDS.search(text[max(0, m.start() - 40) : m.start()]):
                continue
            try:
                ok = valid(raw)
            except Exception:  # a validator that chokes on a candidate simply did not recognise it
                ok = False
            if ok:
                found.append((m.start(), m.end(), "GOV_ID"))
    return found


# ---------------------------------------------------------------- dates of birth
_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|"
    "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|"
    "januar|j[äa]nner|februar|m[äa]rz|juni|juli|oktober|dezember|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    "januari|februari|maart|mei|augustus"
)
# Not inside a longer code: "BB-11-26-73-C" is an ID, not 11/26/73.
DATE = re.compile(
    r"(?<![\w./-])(?:"
    r"(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})"
    r"|(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y2>\d{4}|\d{2})"
    rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?(?P<m3>{_MONTH_NAMES})\.?,?\s+(?:de\s+)?(?P<y3>\d{{4}})"
    rf"|(?P<m4>{_MONTH_NAMES})\.?\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y4>\d{{4}})"
    r")(?![\w/-]|\.\d)",
    re.I,
)
_BIRTH_WORDS = re.compile(
    r"(?:born|birth|\bdob\b|d\.o\.b|birthday|geboren|geb\.|\bn[ée]e?\b|naissance|nacid[oa]|nat[oa]\b|"
    r"geburtstag|anniversaire|cumpleaños|compleanno)\W{0,6}(?:\w+\W{1,3}){0,3}$",
    re.I,
)
ADULT_AGE = 13  # a full date this many years back or more reads as a date of birth


def date_year(m: re.Match[str]) -> int:
    """The year of a :data:`DATE` match (two-digit years read as 19xx/20xx)."""
    raw = m.group("y1") or m.group("y2") or m.group("y3") or m.group("y4")
    year = int(raw)
    if len(raw) == 2:
        year += 1900 if year > date.today().year % 100 else 2000
    return year


def is_birth_date(text: str, m: re.Match[str], today: date | None = None) -> bool:
    """A date written as a birth date: after a word like "born", or a full date far enough in the past."""
    today = today or date.today()
    if _BIRTH_WORDS.search(text[max(0, m.start() - 30) : m.start()]):
        return True
    year = date_year(m)
    return (m.group("y2") is None or len(m.group("y2")) == 4) and 1900 <= year <= today.year - ADULT_AGE


def dates_of_birth(text: str) -> list[Hit]:
    """Dates of birth in numeric (any order, any separator) and written-out forms, in several languages."""
    return [(m.start(), m.end(), "DATE_OF_BIRTH") for m in DATE.finditer(text) if is_birth_date(text, m)]


# ---------------------------------------------------------------- street addresses and postcodes
# Street types a draft may write in lower case without ambiguity; others ("place", "way") need capitals.
_CLEAR_TYPES = (
    "street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|terrace|tce|crescent|cres|highway|"
    "hwy|parkway|pkwy|close|mews|gardens|grove|square|quay|parade|esplanade"
)
# Street suffixes from USPS Publication 28 (appendix C1, the common ones) and Australian/British ones.
_OTHER_TYPES = "".join(
    """alley|aly|annex|arcade|bayou|beach|bend|bluffs?|bottom|branch|bridge|brook|burgs?|bypass|camp|canyon|cape|
    causeway|centers?|ctr|circles?|cir|cliffs?|club|common|corners?|course|courts|coves?|creek|crest|crossing|
    crossroad|curve|dale|dam|divide|drives|estates?|expressway|extensions?|falls?|ferry|fields?|flats?|fords?|
    forest|forges?|forks?|fort|freeway|garden|gateway|glens?|greens?|harbors?|haven|heights|hills?|hollow|
    inlet|islands?|isle|junctions?|keys?|knolls?|lakes?|land|landing|light|lights|loaf|locks?|lodge|loop|mall|
    manors?|meadows?|mill|mills|mission|motorway|mount|mountains?|neck|orchard|oval|overpass|park|pass|passage|
    path|pike|pines?|place|pl|plains?|plaza|points?|ports?|prairie|radial|ramp|ranch|rapids?|rest|ridges?|river|
    roads|route|row|rue|run|shoals?|shores?|skyway|springs?|spurs?|squares?|sq|station|stravenue|stream|streets|
    summit|throughway|trace|track|trafficway|trail|trailer|tunnel|turnpike|underpass|unions?|valleys?|viaduct|
    views?|villages?|ville|vista|walks?|wall|way|ways|wells?|parade|esplanade|wharf|quay""".split()
)  # joined without the line breaks
_STOP = (
    r"(?!(?:the|a|an|to|on|in|at|of|for|and|or|your|our|my|this|that|from|with|by|is|are|was|items?|you|we|i|"
    r"it|they|he|she|more|new|days?|weeks?|months?|years?|times?|minutes?|hours?|miles?|km|blocks?)\b)"
)
_WORD = rf"{_STOP}[^\W\d_][\w'’.-]*"
_CAP_WORD = r"[A-Z](?:[a-z]?\.|[\w'’-]*)"
_NUMBER = r"\d{1,5}[a-zA-Z]?(?:[-/]\d{1,5}[a-zA-Z]?)?"
_UNIT = r"(?i:,?\s*(?:apt|apartment|suite|ste|unit|flat|#|bte|app|appt)\.?\s*#?\s*\w{1,5})?"
_FR_TYPES = (
    r"rue|avenue|av|bd|boulevard|all[ée]e|impasse|chemin|quai|cours|place|square|passage|route|faubourg|"
    r"chauss[ée]e|r[ée]sidence|lotissement|calle|avenida|paseo|plaza|carrer|camino|via|viale|piazza|corso|"
    r"vicolo|largo"
)
_FR_LINK = r"(?:(?:des|del|della|delle|dei|de|du|la|le|les|di|y)\b|l['’]|d['’])"
_DE_TYPES = (
    r"stra(?:ss|ß)e|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|gracht|laan|straat|plein|kade|steeg|"
    r"dijk|markt|pad|singel|kai|graben|berg|hof|steig|stieg"
)
_POSTCODE = (
    r"(?:\d{4,5}(?:-\d{4})?|\d{4}\s?[a-zA-Z]{2}|[a-zA-Z]\d[a-zA-Z]\s?\d[a-zA-Z]\d"
    r"|[a-zA-Z]{1,2}\d[a-zA-Z\d]?\s?\d[a-zA-Z]{2}|(?i:dublin)[ \t]+\d{1,2}[wW]?)"
)
_PLACE = r"[^\W\d_][\w'’.-]*"
# After a street line: "75011 Paris", "10115 Berlin", "Paris 11e", or "Toronto, ON M5V 2T6", "London SW1A 2AA".
_POSTCODE_CITY = (
    rf"(?:{_POSTCODE}(?:[ \t]+{_PLACE}(?:[ \t-]+(?:\d{{1,2}}(?:e|er|ème)\b|(?-i:[A-Z][\w'’.-]*)))?)?"
    rf"|(?:{_PLACE}[ \t]+){{0,2}}{_PLACE},?[ \t]+(?:[a-zA-Z]{{2,3}},?[ \t]+)?{_POSTCODE}\b)"
)
_TAIL = rf"(?:[ \t]*,?[ \t]*\n?[ \t]*{_POSTCODE_CITY})?"
_PREFIX = r"(?:(?:flat|apt|apartment|unit|suite)\s*\w{1,4}[,\s]+)?"
_ADDRESSES = [
    # 1600 Pennsylvania Avenue NW; 12 main st; Unit 4, 56 George Street
    re.compile(
        rf"\b{_PREFIX}{_NUMBER},?[ \t]+(?:{_WORD}[ \t]+){{1,2}}(?i:{_CLEAR_TYPES})\b\.?"
        rf"(?:[ \t]+(?i:n|s|e|w|ne|nw|se|sw)\b\.?)?{_UNIT}{_TAIL}",
        re.I,
    ),
    re.compile(
        rf"\b{_PREFIX}{_NUMBER},?[ \t]+(?:{_CAP_WORD}[ \t]+){{1,3}}(?=[A-Z])(?i:{_CLEAR_TYPES}|{_OTHER_TYPES})\b\.?"
        rf"(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?{_UNIT}{_TAIL}",
    ),
    # 12 rue de Rivoli; 5, avenue des Champs-Élysées; 3 bis rue Lepic
    re.compile(
        rf"\b{_NUMBER}(?:[ \t]+(?:bis|ter))?,?[ \t]+(?:{_FR_TYPES})\b\.?"
        rf"(?:[ \t]+(?:{_FR_LINK}[ \t]*)?{_WORD}){{1,3}}{_TAIL}",
        re.I,
    ),
    # Calle Mayor 5; Via Roma, 10
    re.compile(
        rf"\b(?:{_FR_TYPES})\b\.?(?:[ \t]+(?:{_FR_LINK}[ \t]*)?{_WORD}){{1,3}},?[ \t]+{_NUMBER}\b{_UNIT}{_TAIL}",
        re.I,
    ),
    # Hauptstraße 5; Berliner Str. 12a; keizersgracht 123
    re.compile(
        rf"(?:\b(?-i:{_CAP_WORD})[ \t]+)?\b[^\W\d_]*(?:{_DE_TYPES})(?:[ \t]+|\b){_NUMBER}\b{_TAIL}",
        re.I,
    ),
]
_POSTCODES = [
    # 10115 Berlin; 75011 Paris; 1015 CJ Amsterdam; Sydney NSW 2000; Denver, CO 80202; Paris 11e
    re.compile(r"\b\d{5}[ \t]+[A-ZÀ-Ý][\w'’-]+(?:[ \t-]+\d{1,2}(?:e|er|ème))?"),
    re.compile(r"\b\d{4}[ \t]?[A-Z]{2}[ \t]+[A-Z][\w'’-]+"),
    re.compile(r"\b[A-Z][\w'’-]+,?[ \t]+(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)[ \t]+\d{4}\b"),
    re.compile(r"\b[A-Z][\w'’-]+,[ \t]+[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?\b"),
    re.compile(r"\bParis[ \t]+\d{1,2}(?:e|er|ème)\b"),
    re.compile(r"\bDublin[ \t]+\d{1,2}[wW]?\b"),
    # K1A 0B1 (Canada), SW1A 2AA (UK): distinctive in any case
    re.compile(r"\b[a-zA-Z]\d[a-zA-Z][ \t]?\d[a-zA-Z]\d\b"),
    re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b"),
    re.compile(r"\b[a-z]{1,2}\d[a-z\d]? \d[a-z]{2}\b", re.I),
]


def addresses(text: str) -> list[Hit]:
    """Street addresses (with a unit, postcode and city that follow, also on the next line) and postcodes."""
    found = [(m.start(), m.end(), "STREET_ADDRESS") for p in _ADDRESSES for m in p.finditer(text)]
    found += [(m.start(), m.end(), "POSTAL_CODE") for p in _POSTCODES for m in p.finditer(text)]
    return [(s, e, kind) for s, e, kind in found if e - s >= 6]
