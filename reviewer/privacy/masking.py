"""Masks personal data in text with typed placeholders, and maps everything back afterwards.

The placeholder map lives only in this object, for one request; it is never logged.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from reviewer.models import CustomerContext
from reviewer.privacy.detectors import detect

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
    """Replaces the customer's known values and pattern PII with placeholders such as ``<FIRST_NAME>``.

    ``mask`` runs full detection; ``mask_known`` only replaces values already seen, for strings derived from
    text that was masked before (rule quotes and messages), at a fraction of the cost.
    """

    context: CustomerContext
    ner: bool = False
    entities: Counter[str] = field(default_factory=Counter)
    _values: dict[str, str] = field(default_factory=dict)  # placeholder -> original value
    _by_value: dict[str, str] = field(default_factory=dict)  # lower-cased value -> placeholder
    _pattern: re.Pattern[str] | None = None  # every value issued so far, longest first

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
            known += [(v, f"<ADDRESS_{re.sub(r'[^A-Z]', '_', k.upper())}>") for k, v in ctx.address.items()]
        for value, placeholder in known:
            if value and len(value.strip()) >= 2:
                self._issue(value.strip(), placeholder)

    def _issue(self, value: str, placeholder: str) -> None:
        if value.lower() in self._by_value:
            return
        self._values[placeholder] = value
        self._by_value[value.lower()] = placeholder
        self._pattern = re.compile(
            r"(?<!\w)(?:"
            + "|".join(re.escape(v) for v in sorted(self._values.values(), key=len, reverse=True))
            + r")(?!\w)",
            re.I,
        )

    def _placeholder_for(self, kind: str, value: str) -> str:
        existing = self._by_value.get(value.lower())
        if existing is not None:
            return existing
        n = sum(1 for p in self._values if p.startswith(f"<{kind}_")) + 1
        placeholder = f"<{kind}_{n}>"
        self._issue(value, placeholder)
        return placeholder

    def _hits(self, text: str, detect_new: bool) -> list[tuple[int, int, str]]:
        hits: list[tuple[int, int, str]] = []
        taken: list[tuple[int, int]] = []

        def claim(start: int, end: int, placeholder: str) -> None:
            if all(end <= s or start >= e for s, e in taken):
                hits.append((start, end, placeholder))
                taken.append((start, end))

        # Known values first: the customer's own name beats a pattern guess on the same text.
        if self._pattern is not None:
            for m in self._pattern.finditer(text):
                claim(m.start(), m.end(), self._by_value[m.group(0).lower()])
        if detect_new:
            for entity in detect(text, self.ner):
                value = text[entity.start : entity.end]
                if all(entity.end <= s or entity.start >= e for s, e in taken):
                    claim(entity.start, entity.end, self._placeholder_for(entity.kind, value))
        return sorted(hits)

    def mask(self, text: str, *, detect_new: bool = True) -> MaskedText:
        """Mask ``text``, counting each entity type found."""
        out: list[str] = []
        spans: list[Span] = []
        pos = length = 0
        for start, end, placeholder in self._hits(text, detect_new):
            out.append(text[pos:start])
            length += start - pos
            out.append(placeholder)
            spans.append(Span(start, end, length, length + len(placeholder), placeholder))
            length += len(placeholder)
            pos = end
            self.entities[re.sub(r"_\d+$", "", placeholder.strip("<>"))] += 1
        out.append(text[pos:])
        return MaskedText(text, "".join(out), spans)

    def mask_str(self, text: str) -> str:
        """Mask free text (context fields), without keeping offsets."""
        return self.mask(text).masked

    def mask_known(self, text: str) -> str:
        """Replace only values already issued, without counting: for quotes and messages taken from the draft."""
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self._by_value[m.group(0).lower()], text)

    def known_placeholders(self) -> set[str]:
        """Every placeholder this masker issued."""
        return set(self._values)

    def unmask(self, text: str) -> str:
        """Put the original values back in place of the placeholders this masker issued."""
        return PLACEHOLDER.sub(lambda m: self._values.get(m.group(0), m.group(0)), text)
