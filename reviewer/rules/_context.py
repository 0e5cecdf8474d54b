"""Reading the customer context: what is stated, observed or inferred about a sensitive category."""

import os
import re
from functools import cache
from typing import Literal

from nicknames import NickNamer

from reviewer.models import CustomerContext
from reviewer.rules.lexicon import ATTRIBUTE_STEMS, SENSITIVE_RE
from reviewer.rules.medications import Mention, medication_mentions, names_medicine
from reviewer.text import content_stems, same_word

Basis = Literal["stated", "observed", "inferred"]


def mentions_category(category: str, text: str) -> bool:
    """Whether ``text`` (a context item or an attribute name such as "likely_pregnant") touches ``category``."""
    lowered = text.lower().replace("_", " ")
    if SENSITIVE_RE[category].search(lowered):
        return True
    return any(stem in lowered for stem in ATTRIBUTE_STEMS[category])


# A word negated by what comes just before it: "I'm not pregnant", "we have no grandchildren", "don't have kids".
_NEGATED = re.compile(r"(?:\bnot|\bno|\bnever|n't|\bwithout|\bno longer)(?:\s+[\w'’-]+){0,2}\s*\Z")


def _negated(text: str, start: int) -> bool:
    return _NEGATED.search(text, max(0, start - 30), start) is not None


def denies_category(category: str, said: str) -> bool:
    """The customer's statement negates ``category``: "I'm not pregnant, the baby things were a gift"."""
    lowered = said.lower().replace("_", " ")
    starts = [m.start() for m in SENSITIVE_RE[category].pattern.finditer(lowered)]
    starts += [i for stem in ATTRIBUTE_STEMS[category] if (i := lowered.find(stem)) >= 0]
    return any(_negated(lowered, i) for i in starts)


def sensitive_basis(context: CustomerContext, category: str) -> Basis | None:
    """How the company knows about ``category``: the customer stated it, we observed it, or we inferred it.

    Stated wins: if the customer told us, using it is not creepy, whatever else we hold. A statement that denies it
    ("I'm not pregnant") states nothing.
    """
    if any(
        mentions_category(category, said) and not denies_category(category, said) for said in customer_said(context)
    ):
        return "stated"
    if any(mentions_category(category, f"{a.attribute} {a.source or ''}") for a in context.inferred_attributes):
        return "inferred"
    observed = [s.detail or "" for s in context.observed_signals] + [p.category for p in context.purchases]
    if any(mentions_category(category, text) for text in observed):
        return "observed"
    return None


def customer_said(context: CustomerContext) -> list[str]:
    """What the customer told us themselves: their stated preferences and the topic of the case they opened."""
    topic = context.support.topic if context.support else None
    return list(context.stated_preferences) + ([topic] if topic else [])


def bought(context: CustomerContext, category: str) -> bool:
    """The customer bought something in ``category``: what an order, a receipt or a recall may name."""
    return any(mentions_category(category, p.category) for p in context.purchases)


def said_stems(context: CustomerContext, *, generic: bool = False) -> set[str]:
    """The content stems of what the customer told us, for "did they say this word?" checks.

    ``generic``: keep the generic context words too ("don't make me use the app" said "app").
    """
    return set().union(*(content_stems(said, generic=generic) for said in customer_said(context)))


def customer_names(context: CustomerContext) -> set[str]:
    """The customer's own names, lower-cased: the one they go by and the last name."""
    last = context.name.last if context.name else None
    return {n.lower() for n in (context.first_name(), last) if n}


def stated_text(context: CustomerContext) -> str:
    """Everything the customer told us, lower-cased, for 'did they say so?' checks."""
    return " \n ".join(customer_said(context)).lower()


# The customer telling us where they or their family come from: "I grew up in Kingston", "back home in Lagos".
_ORIGIN_SAID = re.compile(
    r"\b(?:grew up|was born|were born|i'm from|i am from|back home|my (?:roots|heritage)|"
    r"my (?:family|parents|mum|mom|dad|grand\w+) (?:is|are|was|were|came|comes?) from)\b"
)


def said_origin(context: CustomerContext) -> bool:
    """The customer told us where they (or their family) come from."""
    return _ORIGIN_SAID.search(stated_text(context).replace("’", "'")) is not None


def stated_mentions(context: CustomerContext, pattern: re.Pattern[str]) -> bool:
    """True when the customer's own words match ``pattern``, not negated ("we have no grandchildren" does not)."""
    said = stated_text(context)
    return any(not _negated(said, m.start()) for m in pattern.finditer(said))


_REQUEST = re.compile(
    r"\b(?:alert|notify|remind|nudge|text|send|tell|email|message|update|ping|warn) me\b|\bturn(?:ed)? on\b|"
    r"\bsign(?:ed)? (?:me )?up\b|\bopted? in\b|\bkeep me (?:posted|updated)\b|\blet me know\b|"
    r"\bi(?:'d| would) like (?:updates|alerts|reminders)\b|\brequested\b|"
    r"\blinked (?:my )?\w+(?: \w+)? (?:account|tracker|watch|app|device|card|bank)\b|"
    r"\b(?:back[- ]in[- ]stock|price[- ]drop|restock|stock|delivery|shipping) (?:alert|notification)s?\b|"
    r"\basked (?:for|us to)\b|\bplease (?:flag|show|list|include|point out|highlight|mark)\b|"
    # an instruction of the customer's own: "Show my fertile-window reminders in notifications"
    r"(?:^|[.!;]\s*)show (?:me|my)\b|"
    # being put on a scheme or a list: "please make sure I'm on the Warm Home Discount"
    r"\b(?:make sure|check) (?:i'?m|i am|we'?re|we are) (?:on|in|signed up|registered|enrolled)\b|"
    r"\b(?:happy|fine|ok|okay|glad) (?:for you )?to (?:get|receive|hear|name|send|show|see)\b",
    re.I,
)


def serves_case(context: CustomerContext, sentence: str) -> bool:
    """The sentence answers the support case the customer opened (their double charge, their voucher)."""
    if context.support is None or not context.support.open_case or not context.support.topic:
        return False
    topic = content_stems(context.support.topic, generic=False)
    return bool(topic) and any(same_word(a, b) for a in content_stems(sentence, generic=False) for b in topic)


def requested(context: CustomerContext, sentence: str) -> bool:
    """The customer asked for messages about what this sentence is about ("Alert me when my balance is low").

    A sentence that answers such a request uses stated data, whatever category its words fall in.
    """
    said: frozenset[str] | None = None  # the sentence's stems, worked out once a preference asks for something
    names: list[Mention] | None = None
    for pref in context.stated_preferences:
        asked = _REQUEST.search(pref)
        if not asked:
            continue
        if said is None:
            said = content_stems(sentence, generic=False)
        # what was asked about, not the words of asking ("back-in-stock alert: Fenwick knit" is about the knit)
        if said & (content_stems(pref, generic=False) - content_stems(asked.group(0), generic=False)):
            return True
        # or a medicine by name: "Remind me at 9pm for my evening medication" asked for "time for your Biktarvy"
        if "health" in SENSITIVE_RE and mentions_category("health", pref):
            names = medication_mentions(sentence) if names is None else names
            if names:
                return True
    return False


_MEDICAL = tuple(c for c in ("health", "mental_health", "sexual_health", "addiction") if c in SENSITIVE_RE)


def medicine_basis(context: CustomerContext, medicine: str) -> Basis | None:
    """How the company knows the customer takes ``medicine``.

    By any of its names in the context first, else by the medical categories.
    """
    if any(names_medicine(said, medicine) for said in customer_said(context)):
        return "stated"
    if any(names_medicine(f"{a.attribute} {a.source or ''}", medicine) for a in context.inferred_attributes):
        return "inferred"
    observed = [s.detail or "" for s in context.observed_signals] + [p.category for p in context.purchases]
    if any(names_medicine(text, medicine) for text in observed):
        return "observed"
    bases = {sensitive_basis(context, category) for category in _MEDICAL}
    return next((b for b in ("stated", "inferred", "observed") if b in bases), None)


NICKNAME_PREFIX = 3  # "Jonno" and "Jonathan" share "jon"


# What a short form adds after the part of the name it keeps: "Jonno", "Danny", "Katie", "Matty", "Tommo".
_PET_ENDING = re.compile(r"(?:[bcdfgklmnprstvz]{0,2}(?:o|y|ie|ey|a|i|s|er|ers|sy|zy|za|kins|ster|e))?")


_NICKNAMER = cache(NickNamer)  # its list loads on first use


@cache
def _listed_nicknames(first: str) -> frozenset[str]:
    """The nicknames of a given name in the `nicknames` package's list ("bob", "bobby" for Robert)."""
    return frozenset(_NICKNAMER().nicknames_of(first))


# A name shortened to its first letter said aloud: "Dee" for Deirdre, "Jay" for Jason, "Em" for Emily.
_LETTER_NAMES = {
    "bea": "b", "bee": "b", "cee": "c", "dee": "d", "el": "l", "elle": "l", "em": "m", "gee": "g", "jay": "j",
    "kay": "k", "tee": "t", "vee": "v",
}  # fmt: skip


def _pet_form(w: str, stem: str) -> bool:
    """``w`` keeps the start of ``stem`` with at most a pet ending added ("Jonno" from "Jonathan")."""
    if len(w) < NICKNAME_PREFIX or w[:NICKNAME_PREFIX] != stem[:NICKNAME_PREFIX]:
        return False
    kept = len(os.path.commonprefix([w, stem]))
    return _PET_ENDING.fullmatch(w[kept:]) is not None


def nickname_of(word: str, first: str) -> bool:
    """Whether ``word`` is a short or pet form of the first name ("Jonno", "Sam" for Samantha), not the name.

    Either a nickname the `nicknames` package lists for the name ("Bobby" for Robert) or for a name it shares four
    letters with ("Jules" for Julianne, listed for Julia); the name's start, or a listed nickname's, with at most a
    pet ending added ("Jonno"; "Bex", said "Becks", from Becky); or the first letter said aloud ("Dee" for Deirdre).
    "Marcus" is another name, not a form of "Marisol".
    """
    w, f = word.lower(), first.lower()
    if w == f:
        return False
    listed = _listed_nicknames(f)
    if w in listed or _LETTER_NAMES.get(w) == f[0]:
        return True
    if any(len(os.path.commonprefix([name, f])) >= 4 for name in _NICKNAMER().canonicals_of(w)):
        return True
    sounded = re.sub(r"x$", "cks", w)
    return any(_pet_form(sounded, stem) for stem in (f, *listed))
