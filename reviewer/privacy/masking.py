"""Masks personal data in text with typed placeholders, and maps everything back afterwards.

The placeholder map lives only in this object, for one request; it is never logged. Placeholders are a namespace
the text cannot forge: a placeholder typed into a draft (``<FIRST_NAME>``) is sent with look-alike brackets
(``‹FIRST_NAME›``) and comes back as the same text, never as the value it names.
"""

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import phonenumbers

from reviewer.models import CustomerContext
from reviewer.privacy import patterns
from reviewer.privacy.detectors import detect
from reviewer.privacy.fold import address_pattern, fold, name_pattern, plain, ref_pattern

PLACEHOLDER = re.compile(r"<[A-Z_]+(?:_\d+)?>")
# What the way back reads: our placeholders in any case (a model may lower-case one) and escaped literals.
_RETURNED = re.compile(r"(?P<space>[ \t]?)(?:<(?P<name>[A-Za-z_]+(?:_\d+)?)>|‹(?P<literal>[A-Z_]+(?:_\d+)?)›)")
_OPEN, _CLOSE = "‹", "›"

# A nickname the customer stated in their own words: "please call me Kate", "I go by Sasha".
_NICKNAME = re.compile(r"(?i:call me|i go by|i'm called|known as|prefer to be called|my name is)\s+([A-ZÀ-Ý][\w'’-]+)")
# Name particles that are not a name on their own.
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "des", "la", "le", "y", "bin", "al"}
# Names that are also ordinary English words: matched in lower case they are the word, not the customer.
_COMMON_WORDS = set(
    """will may june april august mark bill rose lily grace hope faith joy dawn summer autumn iris ivy jack
    frank grant hunter young king price bell hall wood woods green brown white black gray grey baker cook
    miller smith long short rich sunny sky river stone hill moss fox page penny ruby amber crystal pearl
    jade holly heather daisy violet destiny honor chance chase drew guy miles art sue pat ray gene""".split()
)
# Default region of a language written without one ("fr" -> France), for reading national phone numbers.
_LANGUAGE_REGION = {"fr": "FR", "de": "DE", "nl": "NL", "es": "ES", "it": "IT", "en": "US", "pt": "PT", "pl": "PL"}


@dataclass(frozen=True)
class Span:
    """One replacement: ``original[start:end]`` became ``masked[m_start:m_end]``."""

    start: int
    end: int
    m_start: int
    m_end: int
    placeholder: str


@dataclass
class MaskedText:
    """A text with its personal data replaced, and the spans to map offsets back."""

    original: str
    masked: str
    spans: list[Span]

    def to_original(self, m_start: int, m_end: int) -> tuple[int, int]:
        """Map a span of the masked text to the original; a span touching a placeholder widens to all of it."""
        return self._map(m_start, is_end=False), self._map(m_end, is_end=True)

    def _map(self, pos: int, *, is_end: bool) -> int:
        shift = 0
        for s in self.spans:
            if pos <= s.m_start if is_end else pos < s.m_end:
                if s.m_start < pos < s.m_end or (not is_end and pos == s.m_start):
                    return s.start
                break
            if is_end and s.m_start < pos <= s.m_end:
                return s.end
            shift = s.end - s.m_end
        return pos + shift


@dataclass(frozen=True)
class _Known:
    placeholder: str
    pattern: re.Pattern[str]  # on folded text
    name: bool  # a person's name: in lower case, a common word is the word


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    placeholder: str  # "" for a literal placeholder typed in the text
    rank: int  # 0 literal, 1 known value, 2 detected, 3 a name NER guessed


def entity_type(placeholder: str) -> str:
    """The type a placeholder counts as: ``<PHONE_2>`` -> PHONE, ``<ADDRESS_LINE_1>`` -> ADDRESS."""
    kind = re.sub(r"_\d+$", "", placeholder.strip("<>")).removesuffix("_PART")
    return "ADDRESS" if kind.startswith("ADDRESS") else kind


def regions_of(context: CustomerContext) -> list[str]:
    """ISO regions to read the customer's phone numbers in: from the locale, then from the phone on file."""
    regions: list[str] = []
    if context.locale:
        parts = re.split(r"[-_]", context.locale)
        regions += [p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()]
        regions += [_LANGUAGE_REGION[parts[0].lower()]] if parts[0].lower() in _LANGUAGE_REGION else []
    if context.phone:
        try:
            region = phonenumbers.region_code_for_number(
                phonenumbers.parse(context.phone, regions[0] if regions else "US")
            )
            regions += [region] if region else []
        except phonenumbers.NumberParseException:
            pass
    return list(dict.fromkeys(regions))


@dataclass
class Masker:
    """Replaces the customer's known values and pattern PII with placeholders such as ``<FIRST_NAME>``.

    ``mask`` masks a text that is sent (and counts what it masked); ``mask_known`` masks strings derived from
    such texts (rule quotes and messages) the same way, without counting them again.
    """

    context: CustomerContext
    ner: bool = False
    entities: Counter[str] = field(default_factory=Counter)
    invented: set[str] = field(default_factory=set)  # unknown placeholders met on the way back
    _values: dict[str, str] = field(default_factory=dict)  # placeholder -> value on file (or as detected)
    _forms: dict[str, str] = field(default_factory=dict)  # placeholder -> how the text first wrote it
    _by_plain: dict[str, str] = field(default_factory=dict)  # letters and digits of a value -> placeholder
    _known: list[_Known] = field(default_factory=list)
    _phones: dict[str, str] = field(default_factory=dict)  # national significant number -> placeholder
    _literals: set[str] = field(default_factory=set)  # placeholders typed in the text, escaped
    _regions: list[str] = field(default_factory=list)
    _derived: dict[str, tuple[int, str]] = field(default_factory=dict)  # mask_known's answers, by placeholders issued

    def __post_init__(self) -> None:
        ctx = self.context
        self._regions = regions_of(ctx)
        if ctx.email:
            self._issue(ctx.email.strip(), "<EMAIL>", re.escape(fold(ctx.email.strip())))
        if ctx.phone:
            self._issue(ctx.phone.strip(), "<PHONE>", ref_pattern(ctx.phone))
            nsn = patterns.national_number(ctx.phone, self._regions)
            if nsn and len(nsn) >= 7:
                self._phones[nsn] = "<PHONE>"
        if ctx.customer_ref:
            self._issue(ctx.customer_ref.strip(), "<CUSTOMER_REF>", ref_pattern(ctx.customer_ref))
        if ctx.name:
            for value, placeholder in (
                (ctx.name.first, "<FIRST_NAME>"),
                (ctx.name.last, "<LAST_NAME>"),
                (ctx.name.preferred, "<PREFERRED_NAME>"),
            ):
                if value:
                    self._issue_name(value.strip(), placeholder)
        stated = " ".join(ctx.stated_preferences)
        for n, m in enumerate(_NICKNAME.finditer(stated), 1):
            self._issue_name(m.group(1).rstrip("'’"), f"<NICKNAME_{n}>")
        self._issue_address()

    # ------------------------------------------------------------------ issuing placeholders
    def _issue(self, value: str, placeholder: str, pattern: str, name: bool = False) -> None:
        key = plain(value)
        if len(key) < 2 or key in self._by_plain or not pattern:
            return
        self._values[placeholder] = value
        self._by_plain[key] = placeholder
        tail = r"(?=s?(?!\w))" if name else r"(?!\w)"
        self._known.append(_Known(placeholder, re.compile(rf"(?<!\w)(?:{pattern}){tail}"), name))
        self._known.sort(key=lambda k: -len(self._values[k.placeholder]))

    def _issue_name(self, value: str, placeholder: str) -> None:
        self._issue(value, placeholder, name_pattern(value), name=True)
        tokens = re.split(r"[\s\-]+", value)
        parts = [p for p in tokens if len(plain(p)) >= 3 and fold(p) not in _PARTICLES]
        if len(tokens) > 1:  # a double surname or a compound first name: each part alone is the customer too
            base = placeholder.strip("<>")
            for n, part in enumerate(parts, 1):
                self._issue(part, f"<{base}_PART_{n}>", name_pattern(part), name=True)

    def _issue_address(self) -> None:
        address = self.context.address
        if isinstance(address, str):
            self._issue(address.strip(), "<ADDRESS>", address_pattern(address))
            lines = [p.strip() for p in re.split(r"[\n,;]+", address) if p.strip()]
            if len(lines) > 1:
                for n, line in enumerate(lines, 1):
                    if any(ch.isdigit() for ch in line):
                        self._issue(line, f"<ADDRESS_PART_{n}>", address_pattern(line))
        elif isinstance(address, dict):
            for key, value in address.items():
                if not value or not (any(ch.isdigit() for ch in value) or re.search("line|street|addr", key, re.I)):
                    continue  # a city, state or country alone is coarse: masking it would hide ordinary words
                name = re.sub(r"[^A-Z]+", "_", key.upper()).strip("_") or "LINE"
                digits = re.findall(r"\d+", key)
                placeholder = f"<ADDRESS_{name}_{digits[-1]}>" if digits else f"<ADDRESS_{name}>"
                while placeholder in self._values:
                    placeholder = placeholder[:-1] + "_X>"
                self._issue(value.strip(), placeholder, address_pattern(value))

    def _placeholder_for(self, kind: str, value: str) -> str:
        existing = self._by_plain.get(plain(value))
        if existing is not None:
            return existing
        if kind == "PHONE":
            nsn = patterns.national_number(value, self._regions)
            if nsn in self._phones:
                return self._phones[nsn]
        n = sum(1 for p in self._values if p.startswith(f"<{kind}_")) + 1
        placeholder = f"<{kind}_{n}>"
        self._issue(value, placeholder, ref_pattern(value))
        return placeholder

    # ------------------------------------------------------------------ finding what to mask
    def _known_hits(self, text: str) -> Iterator[_Hit]:
        folded = fold(text)
        for known in self._known:
            for m in known.pattern.finditer(folded):
                raw = text[m.start() : m.end()]
                if known.name and raw.islower() and fold(raw) in _COMMON_WORDS:
                    continue
                yield _Hit(m.start(), m.end(), known.placeholder, 1)
        if self._phones:
            for start, end, digits in patterns.digit_runs(text):
                for nsn, placeholder in self._phones.items():
                    if 0 <= digits.find(nsn) <= 4:  # after a country code or trunk prefix, before an extension
                        yield _Hit(start, end, placeholder, 1)

    def _hits(self, text: str, detect_new: bool) -> list[_Hit]:
        hits = [_Hit(m.start(), m.end(), "", 0) for m in PLACEHOLDER.finditer(text)]
        known = list(self._known_hits(text))
        hits += known
        if detect_new:
            for e in detect(text, self.ner, self._regions):
                if e.kind == "PERSON" and any(k.start < e.end and e.start < k.end for k in known):
                    continue  # the customer's own name, known better than NER guesses it
                if _covered(text, e.start, e.end, known):
                    continue  # the address lines on file, each with its own placeholder, make up the whole
                hits.append(_Hit(e.start, e.end, e.kind, 3 if e.kind == "PERSON" else 2))
        # Literals first; then the longest, so masking one value never leaves the rest of a larger one.
        hits.sort(key=lambda h: (h.rank != 0, -(h.end - h.start), h.rank, h.start))
        claimed: list[_Hit] = []
        for hit in hits:
            overlapping = [c for c in claimed if c.start < hit.end and hit.start < c.end]
            if not overlapping:
                claimed.append(self._resolve(text, hit))
            elif all(c.placeholder for c in overlapping) and hit.rank and not _inside(hit, overlapping):
                # Two values overlap without one containing the other: mask their union as one.
                start = min(hit.start, *(c.start for c in overlapping))
                end = max(hit.end, *(c.end for c in overlapping))
                kinds = [h for h in (hit, *overlapping) if h.rank >= 2]
                kind = kinds[0].placeholder if kinds else "PII"
                claimed = [c for c in claimed if c not in overlapping]
                claimed.append(self._resolve(text, _Hit(start, end, kind, 2)))
        return sorted(claimed, key=lambda h: h.start)

    def _resolve(self, text: str, hit: _Hit) -> _Hit:
        """A detected entity gets its placeholder (the known one when it is a known value written another way)."""
        if hit.rank < 2:
            return hit
        return _Hit(hit.start, hit.end, self._placeholder_for(hit.placeholder, text[hit.start : hit.end]), hit.rank)

    # ------------------------------------------------------------------ the way out
    def mask(self, text: str, *, detect_new: bool = True) -> MaskedText:
        """Mask ``text``, counting each entity type found."""
        return self._apply(text, self._hits(text, detect_new), count=True)

    def _apply(self, text: str, hits: list[_Hit], *, count: bool) -> MaskedText:
        out: list[str] = []
        spans: list[Span] = []
        pos = length = 0
        for hit in hits:
            out.append(text[pos : hit.start])
            length += hit.start - pos
            pos = hit.end
            if not hit.placeholder:  # a placeholder typed in the text: same length, so no span to map
                literal = text[hit.start : hit.end]
                self._literals.add(literal)
                out.append(_OPEN + literal[1:-1] + _CLOSE)
                length += len(literal)
                continue
            out.append(hit.placeholder)
            spans.append(Span(hit.start, hit.end, length, length + len(hit.placeholder), hit.placeholder))
            length += len(hit.placeholder)
            if count:
                self._forms.setdefault(hit.placeholder, text[hit.start : hit.end])
                self.entities[entity_type(hit.placeholder)] += 1
        out.append(text[pos:])
        return MaskedText(text, "".join(out), spans)

    def mask_str(self, text: str) -> str:
        """Mask free text (context fields), without keeping offsets."""
        return self.mask(text).masked

    def mask_known(self, text: str) -> str:
        """Mask a string derived from the draft or the context (a quote, a rule's message), without counting.

        The values already issued keep their placeholders; pattern PII that no text masked so far is masked too,
        since a rule's message may quote a context field verbatim. Findings often share a quote: a text is masked
        once while no new placeholder is issued.
        """
        issued = len(self._values)
        done = self._derived.get(text)
        if done is not None and done[0] == issued:
            return done[1]
        masked = self._apply(text, self._hits(text, detect_new=True), count=False).masked
        if len(self._values) == issued:
            self._derived[text] = (issued, masked)
        return masked

    def known_placeholders(self) -> set[str]:
        """Every placeholder this masker issued."""
        return set(self._values)

    # ------------------------------------------------------------------ the way back
    def unmask(self, text: str) -> str:
        """``text`` in the original's terms: issued placeholders become the values, invented ones are removed.

        A placeholder this masker never issued is recorded in :attr:`invented` (the caller decides what that
        means, e.g. a rewrite holding one is not verified); an escaped literal becomes the text it was.
        """
        return _RETURNED.sub(self._back, text)

    def _back(self, m: re.Match[str]) -> str:
        space, name, literal = m.group("space"), m.group("name"), m.group("literal")
        if literal is not None:
            typed = f"<{literal}>"
            return space + typed if typed in self._literals else m.group(0)
        placeholder = f"<{name.upper()}>"
        if placeholder in self._values:
            return space + self._shown(placeholder)
        if name.isupper() or "_" in name:
            self.invented.add(f"<{name}>")
            return ""  # with the space before it, so that "Hello <PHONE_9>." reads "Hello."
        return m.group(0)  # lower case and ours in no way: markup such as <b>

    def _shown(self, placeholder: str) -> str:
        """The value as the text first wrote it (its spelling, its phone format), else as on file."""
        return self._forms.get(placeholder, self._values[placeholder])


def _covered(text: str, start: int, end: int, hits: list[_Hit]) -> bool:
    """Whether every letter and digit of ``text[start:end]`` lies in one of ``hits``."""
    inside = [h for h in hits if h.start < end and start < h.end]
    return bool(inside) and all(
        not text[i].isalnum() or any(h.start <= i < h.end for h in inside) for i in range(start, end)
    )


def _inside(hit: _Hit, others: list[_Hit]) -> bool:
    return any(o.start <= hit.start and hit.end <= o.end for o in others)
