"""The rule seam: a rule reads one text field plus the request and yields findings at exact spans."""

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from reviewer.models import CustomerContext, Finding, Message
from reviewer.models.offsets import utf16_span
from reviewer.rules._text import Hit, Lexicon, Scan, Sentences
from reviewer.rules.lexicon import SENSITIVE_ANY
from reviewer.rules.medications import Mention, medication_mentions
from reviewer.settings import Settings

TextField = Literal["body", "subject"]


# A phrase opened by a preposition modifies the sentence; removing it leaves the sentence whole.
_ADVERBIAL = re.compile(r"(?:as|at|for|like|from|in|with|even|since|because|being|unlike|among|by)\b", re.I)
# A word that needs what follows it: "new recipes just for people like you, and..." cut leaves "just for and".
_NEEDS_OBJECT = re.compile(
    r"\b(?:for|to|with|of|like|about|from|by|at|on|in|among|than|as|the|a|an|our|your|their|all|every)\s+\Z", re.I
)


# A bill's due date, not a baby's: "move your due date to the day after payday", "pay by the due date".
_DUE_DATE = re.compile(r"due dates?", re.I)
_BILLING = re.compile(
    r"\b(?:pay(?:s|ing|ments?|days?)?|paid|bills?|billing|balances?|statements?|invoices?|instal?ments?|autopay|"
    r"direct debit|debit order|loans?|rent|interest|late fees?|minimum)\b",
    re.I,
)


@dataclass
class RuleInput:
    """What a rule sees: one text field, the message it belongs to, the context and the thresholds."""

    text: str
    field: TextField
    message: Message
    context: CustomerContext
    settings: Settings

    @cached_property
    def sentences(self) -> Sentences:
        """Sentence spans of ``text``."""
        return Sentences(self.text)

    @cached_property
    def scan(self) -> Scan:
        """The text prepared for lexicons; shared by every detector that reads this field in this review."""
        return Scan(self.text)

    @cached_property
    def sensitive(self) -> list[Hit | Mention]:
        """Every sensitive-category mention: the category word lists, then medicines named by brand or generic."""
        return [
            *(h for h in self.scan.hits(SENSITIVE_ANY) if not self._bill_due(h)),
            *medication_mentions(self.text),
        ]

    def _bill_due(self, hit: Hit) -> bool:
        """A due date in a sentence about paying: the bill's, which says nothing of a pregnancy."""
        if _DUE_DATE.fullmatch(self.at(hit)) is None:
            return False  # only a due date is asked its sentence
        start, end = self.sentences.around(hit.start())
        return _BILLING.search(self.text, start, end) is not None

    def hits(self, lexicon: Lexicon) -> list[Hit]:
        """Every match of ``lexicon`` in the text."""
        return self.scan.hits(lexicon)

    def first(self, lexicon: Lexicon) -> Hit | None:
        """The first match of ``lexicon`` in the text, or None."""
        found = self.scan.hits(lexicon)
        return found[0] if found else None

    def in_sentence(self, lexicon: Lexicon, pos: int) -> Hit | None:
        """The first match of ``lexicon`` inside the sentence at ``pos``, or None."""
        start, end = self.sentences.around(pos)
        return self.scan.first_within(lexicon, start, end)

    @cached_property
    def _astral(self) -> bool:
        """True when UTF-16 offsets differ from Python's: some character is outside the Basic Multilingual Plane."""
        return not self.text.isascii() and max(self.text) > "\uffff"

    def at(self, match: "re.Match[str] | Hit | Mention") -> str:
        """The original text of a match (Lexicon matches run on a lower-cased copy)."""
        return self.text[match.start() : match.end()]

    def finding(
        self,
        rule_id: str,
        start: int,
        end: int,
        severity: int,
        message: str,
        suggestion: str | None = None,
    ) -> Finding:
        """A finding at ``text[start:end]``, with UTF-16 offsets too; the category is the rule id's prefix."""
        start16, end16 = utf16_span(self.text, start, end) if self._astral else (start, end)
        return Finding(
            category=rule_id.split(".", 1)[0],
            start=start,
            end=end,
            quote=self.text[start:end],
            severity=severity,
            message=message,
            suggestion=suggestion,
            source="rules",
            rule_id=rule_id,
            field=self.field,
            start_utf16=start16,
            end_utf16=end16,
        )

    def phrase_removal(self, rule_id: str, start: int, end: int, severity: int, message: str) -> Finding:
        """A finding that removes a phrase cleanly: its trailing comma goes too, and a sentence keeps its capital.

        "As a busy mom, you'll love it" becomes "You'll love it". A phrase the sentence leans on ("Most guys your age
        are trading up", "new recipes just for people like you, and") has no clean cut: the finding then suggests
        nothing, and a rewrite drops the sentence.
        """
        tail = re.match(r"\s*,?\s*", self.text[end:])
        closes = re.match(r"\s*(?:[.!?…]|$)", self.text[end:]) is not None
        adverbial = _ADVERBIAL.match(self.text, start) is not None  # "As a millennial you'll love this"
        leans_on = _NEEDS_OBJECT.search(self.text, max(0, start - 12), start) is not None
        if (not (tail and "," in tail.group(0)) and not closes and not adverbial) or leans_on:
            return self.finding(rule_id, start, end, severity, message, suggestion=None)
        end += tail.end() if tail else 0
        suggestion: str = ""
        if self.sentences.around(start)[0] == start and end < len(self.text) and self.text[end].isalpha():
            # The next word takes the sentence's capital: the suggestion is that whole word, never a cut letter.
            word = re.match(r"[^\W\d_]+(?:['’][^\W\d_]+)?", self.text[end:])
            length = word.end() if word else 1
            suggestion = self.text[end].upper() + self.text[end + 1 : end + length]
            end += length
        return self.finding(rule_id, start, end, severity, message, suggestion=suggestion)

    def sentence_finding(self, rule_id: str, pos: int, severity: int, message: str) -> Finding:
        """A finding over the whole sentence at ``pos``, suggesting to drop it."""
        start, end = self.sentences.around(pos)
        return self.finding(rule_id, start, end, severity, message, suggestion="")


RuleFn = Callable[[RuleInput], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule id: a detector, or (``emitted_by`` set) an id that another detector emits besides its own."""

    id: str
    fn: RuleFn
    fields: tuple[TextField, ...]
    description: str
    emitted_by: str | None = None
    # True for problems no wording fixes (no consent, an opt-out, too many messages): the review says
    # "do not send" instead of offering a rewrite.
    unfixable: bool = False


# Every rule id a finding can carry, with its description; the engine runs the entries without ``emitted_by``.
REGISTRY: dict[str, Rule] = {}


def register(
    rule_id: str,
    fn: RuleFn,
    description: str,
    *,
    fields: tuple[TextField, ...] = ("body", "subject"),
    emits: Mapping[str, str] | None = None,
    unfixable: bool = False,
    unfixable_emits: Collection[str] = (),
) -> None:
    """Register detector ``fn`` under ``rule_id``, and the other ids it emits (id -> description)."""
    ids = [rule_id, *(emits or {})]
    for new_id in ids:
        if new_id in REGISTRY or ids.count(new_id) > 1:
            raise ValueError(f"rule {new_id} registered twice")
        if not re.fullmatch(r"[a-z_]+\.[a-z_]+", new_id):
            raise ValueError(f"rule id {new_id!r} is not category.name")
    REGISTRY[rule_id] = Rule(rule_id, fn, fields, description, unfixable=unfixable)
    for extra, about in (emits or {}).items():
        REGISTRY[extra] = Rule(extra, fn, fields, about, emitted_by=rule_id, unfixable=extra in unfixable_emits)


def rule(
    rule_id: str,
    *,
    fields: tuple[TextField, ...] = ("body", "subject"),
    emits: Mapping[str, str] | None = None,
    unfixable: bool = False,
    unfixable_emits: Collection[str] = (),
) -> Callable[[RuleFn], RuleFn]:
    """Register a detector under ``category.name``; its docstring is its description.

    ``emits`` names, with a description each, the other rule ids the detector's findings may carry;
    ``unfixable`` marks a problem no rewrite can fix, and ``unfixable_emits`` the emitted ids that are one.
    """
    if not set(unfixable_emits) <= set(emits or {}):
        raise ValueError(f"{rule_id}: unfixable_emits names ids it does not emit")

    def decorate(fn: RuleFn) -> RuleFn:
        doc = (fn.__doc__ or "").strip().split("\n")[0]
        register(rule_id, fn, doc, fields=fields, emits=emits, unfixable=unfixable, unfixable_emits=unfixable_emits)
        return fn

    return decorate
