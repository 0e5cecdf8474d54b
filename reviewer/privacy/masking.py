"""Masks personal data in text with typed placeholders, and maps everything back afterwards.

The placeholder map lives only in this object, for one request; it is never logged.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from reviewer.models import CustomerContext
from reviewer.rules.privacy import iban_valid, luhn_valid

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("EMAIL", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("IBAN", re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b")),
    ("CARD", re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")),
    ("SSN", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    ("IP_ADDRESS", re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b")),
    ("PHONE", re.compile(r"(?<![\w+])\+?\d{1,3}?[ .-]?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]?\d{3,4}\b")),
]
_VALID = {"CARD": lambda s: luhn_valid(re.sub(r"\D", "", s)), "IBAN": iban_valid}
PLACEHOLDER = re.compile(r"<[A-Z_]+(?:_\d+)?>")


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


@dataclass
class Masker:
    """Replaces the customer's known values and pattern PII with placeholders such as ``<FIRST_NAME>``."""

    context: CustomerContext
    entities: Counter[str] = field(default_factory=Counter)
    _values: dict[str, str] = field(default_factory=dict)  # placeholder -> original value
    _known: list[tuple[str, str]] = field(default_factory=list)  # (value, placeholder), longest first
    _known_placeholder: dict[str, str] = field(default_factory=dict)
    _known_re: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        ctx = self.context
        known: list[tuple[str | None, str]] = [
            (ctx.email, "<EMAIL>"),
            (ctx.phone, "<PHONE>"),
            (ctx.customer_ref, "<CUSTOMER_REF>"),
        ]
        if ctx.name:
            known += [
                (ctx.name.first, "<FIRST_NAME>"),
                (ctx.name.last, "<LAST_NAME>"),
                (ctx.name.preferred, "<PREFERRED_NAME>"),
            ]
        if isinstance(ctx.address, str):
            known.append((ctx.address, "<ADDRESS>"))
        elif isinstance(ctx.address, dict):
            known += [(v, f"<ADDRESS_{k.upper()}>") for k, v in ctx.address.items()]
        for value, placeholder in known:
            if value and len(value.strip()) >= 2 and value.strip() not in dict(self._known):
                self._known.append((value.strip(), placeholder))
                self._values[placeholder] = value.strip()
        self._known.sort(key=lambda kv: -len(kv[0]))
        # One pattern for all known values, longest first, compiled once per request.
        self._known_placeholder = {value.lower(): placeholder for value, placeholder in reversed(self._known)}
        self._known_re = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v, _ in self._known) + r")(?!\w)", re.I)
            if self._known
            else None
        )

    def _placeholder_for(self, kind: str, value: str) -> str:
        for placeholder, known in self._values.items():
            if known == value:
                return placeholder
        n = sum(1 for p in self._values if p.startswith(f"<{kind}_")) + 1
        placeholder = f"<{kind}_{n}>"
        self._values[placeholder] = value
        return placeholder

    def _hits(self, text: str) -> list[tuple[int, int, str]]:
        hits: list[tuple[int, int, str]] = []
        taken: list[tuple[int, int]] = []

        def claim(start: int, end: int, placeholder: str) -> None:
            if all(end <= s or start >= e for s, e in taken):
                hits.append((start, end, placeholder))
                taken.append((start, end))

        if self._known_re is not None:
            for m in self._known_re.finditer(text):
                claim(m.start(), m.end(), self._known_placeholder[m.group(0).lower()])
        for kind, pattern in _PATTERNS:
            for m in pattern.finditer(text):
                check = _VALID.get(kind)
                if check is None or check(m.group(0)):
                    claim(m.start(), m.end(), self._placeholder_for(kind, m.group(0)))
        return sorted(hits)

    def mask(self, text: str) -> MaskedText:
        """Mask ``text``, counting each entity type found."""
        out: list[str] = []
        spans: list[Span] = []
        pos = 0
        length = 0
        for start, end, placeholder in self._hits(text):
            out.append(text[pos:start])
            length += start - pos
            out.append(placeholder)
            spans.append(Span(start, end, length, length + len(placeholder), placeholder))
            length += len(placeholder)
            pos = end
            self.entities[placeholder.strip("<>").rstrip("_0123456789") or placeholder] += 1
        out.append(text[pos:])
        return MaskedText(text, "".join(out), spans)

    def mask_str(self, text: str) -> str:
        """Mask without keeping offsets (free-text context fields, rule quotes)."""
        return self.mask(text).masked

    def known_placeholders(self) -> set[str]:
        """Every placeholder this masker issued."""
        return set(self._values)

    def unmask(self, text: str) -> str:
        """Put the original values back in place of the placeholders this masker issued."""
        return PLACEHOLDER.sub(lambda m: self._values.get(m.group(0), m.group(0)), text)
