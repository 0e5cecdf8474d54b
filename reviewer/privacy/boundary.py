"""The privacy boundary of one call that sends text off the machine: mask on the way out, map back on the way in.

A judge that talks to an LLM opens one boundary per call. Everything it sends passes :meth:`outgoing`;
everything it gets back passes :meth:`locate` or :meth:`unmask`; :meth:`redaction` reports what was masked.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reviewer.models import CustomerContext, Finding, Message, Redaction
from reviewer.models.offsets import utf16_span
from reviewer.models.result import TextField
from reviewer.privacy import ledger
from reviewer.privacy.masking import PLACEHOLDER, MaskedText, Masker
from reviewer.privacy.minimise import minimise_context
from reviewer.text import locate


@dataclass(frozen=True)
class Outgoing:
    """What may leave: the masked message, the minimised context, and the rule findings in masked terms."""

    message: Message
    context: dict[str, Any]
    findings: list[Finding]


@dataclass(frozen=True)
class Located:
    """An LLM quote found in the original message."""

    field: TextField
    start: int
    end: int
    quote: str
    start_utf16: int
    end_utf16: int


class Boundary:
    """One call's masking state: placeholders are issued once and mapped back with the same table."""

    def __init__(self, context: CustomerContext, *, ner: bool = False) -> None:
        self.masker = Masker(context, ner=ner)
        self._context = context
        self._texts: dict[str, MaskedText] = {}
        self._withheld: list[str] = []

    def outgoing(self, message: Message, findings: Sequence[Finding] = ()) -> Outgoing:
        """Mask the message's subject and body, minimise the context, and mask what the findings quote.

        What this returns is about to leave the machine: the boundary notes itself in the review's ledger.
        """
        ledger.note(self)
        body = self.masker.mask(message.body)
        self._texts = {"body": body}
        subject = None
        if message.subject:
            self._texts["subject"] = self.masker.mask(message.subject)
            subject = self._texts["subject"].masked
        masked = message.model_copy(update={"body": body.masked, "subject": subject})
        context, self._withheld = minimise_context(self._context, self.masker)
        mask = self.masker.mask_known
        shown = [f.model_copy(update={"quote": mask(f.quote), "message": mask(f.message)}) for f in findings]
        return Outgoing(masked, context, shown)

    def mask_known(self, text: str) -> str:
        """A string derived from the message or context (a quote, a finding's message), in masked terms."""
        return self.masker.mask_known(text)

    def locate(self, quote: str) -> Located | None:
        """Where a quote from the masked text sits in the original message (body first), or None."""
        names: tuple[TextField, ...] = ("body", "subject")
        for name in names:
            text = self._texts.get(name)
            if text is None:
                continue
            span = locate(text.masked, quote)
            if span is None:
                continue
            start, end = text.to_original(*span)
            start16, end16 = utf16_span(text.original, start, end)
            return Located(name, start, end, text.original[start:end], start16, end16)
        return None

    def unmask(self, text: str) -> str:
        """A string from the LLM in the original's terms: placeholders this boundary never issued are removed."""
        return self.masker.unmask(text)

    def placeholder_problem(self, masked_body: str, rewritten: str) -> str | None:
        """Why a rewrite cannot be verified, or None: it invented a placeholder, or it dropped one of the draft's.

        Invented: in its body, or in anything :meth:`unmask` read for this call (its subject). The reason is in
        the original's terms: invented placeholders by type (they were removed), dropped ones by their value.
        """
        issued = self.masker.known_placeholders()
        invented = sorted({p for p in PLACEHOLDER.findall(rewritten) if p not in issued} | self.masker.invented)
        missing = sorted(p for p in set(PLACEHOLDER.findall(masked_body)) if p.lower() not in rewritten.lower())
        problems = []
        if invented:
            names = ", ".join(p.strip("<>") for p in invented)
            problems.append(f"the rewrite invented placeholder(s) for values the draft does not have ({names})")
        if missing:
            problems.append(f"the rewrite dropped {', '.join(repr(self.unmask(p)) for p in missing)}")
        return "; ".join(problems) or None

    def redaction(self) -> Redaction:
        """What was masked and withheld in this call."""
        return Redaction(entities=dict(self.masker.entities), fields_withheld=list(self._withheld))
