"""Reading the customer context: what is stated, observed or inferred about a sensitive category."""

import re
from typing import Literal

from reviewer.models import CustomerContext
from reviewer.rules.lexicon import ATTRIBUTE_STEMS, SENSITIVE_RE

Basis = Literal["stated", "observed", "inferred"]


def _mentions(category: str, text: str) -> bool:
    lowered = text.lower().replace("_", " ")
    if SENSITIVE_RE[category].search(lowered):
        return True
    return any(stem in lowered for stem in ATTRIBUTE_STEMS[category])


def sensitive_basis(context: CustomerContext, category: str) -> Basis | None:
    """How the company knows about ``category``: the customer stated it, we observed it, or we inferred it.

    Stated wins: if the customer told us, using it is not creepy, whatever else we hold.
    """
    if any(_mentions(category, pref) for pref in context.stated_preferences):
        return "stated"
    if any(_mentions(category, f"{a.attribute} {a.source or ''}") for a in context.inferred_attributes):
        return "inferred"
    observed = [s.detail or "" for s in context.observed_signals] + [p.category for p in context.purchases]
    if any(_mentions(category, text) for text in observed):
        return "observed"
    return None


def stated_text(context: CustomerContext) -> str:
    """Everything the customer told us, lower-cased, for 'did they say so?' checks."""
    return " \n ".join(context.stated_preferences).lower()


def stated_mentions(context: CustomerContext, pattern: re.Pattern[str]) -> bool:
    """True when the customer's own words match ``pattern``."""
    return pattern.search(stated_text(context)) is not None
