"""Context minimisation: the allow-list of what an LLM may see about the customer."""

import re
from datetime import date, datetime
from typing import Any

from reviewer.models import CustomerContext
from reviewer.privacy.masking import Masker

# Direct identifiers never leave; everything else is allow-listed explicitly.
WITHHELD = ("customer_ref", "name", "email", "phone", "address")
_PASSED = (
    "locale",
    "salutation",
    "pronouns",
    "gender",
    "age_band",
    "region",
    "relationship",
    "consent",
    "purchases",
    "inferred_attributes",
    "contact_history",
)


_AGE = re.compile(r"\b(\d{1,3})\s*(?:-\s*)?(?:years?[ -]old|yrs?[ -]old|y/?o)\b", re.I)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE = re.compile(
    rf"\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b|\b(?P<named>(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})\b",
    re.I,
)


def _relative(match: re.Match[str], today: date) -> str:
    raw = match.group(0)
    try:
        if match.group("iso"):
            when = datetime.strptime(raw, "%Y-%m-%d").date()
        else:
            cleaned = re.sub(r"(?<=\d)(?:st|nd|rd|th)|,", "", raw)
            when = datetime.strptime(" ".join(cleaned.split()), "%B %d %Y").date()
    except ValueError:
        return "<DATE>"
    days = (today - when).days
    return f"{days} days ago" if days >= 0 else f"in {-days} days"


def coarsen(text: str, today: date | None = None) -> str:
    """Quasi-identifiers in free text made coarse: exact ages become decades, dates become "N days ago"."""
    today = today or date.today()
    text = _AGE.sub(lambda m: f"{int(m.group(1)) // 10 * 10}-{int(m.group(1)) // 10 * 10 + 9} years old", text)
    return _DATE.sub(lambda m: _relative(m, today), text)


def minimise_context(context: CustomerContext, masker: Masker) -> tuple[dict[str, Any], list[str]]:
    """The context an LLM may see, and the names of the fields withheld from it."""
    withheld = [f for f in WITHHELD if getattr(context, f)]
    data = context.model_dump(include=set(_PASSED), exclude_none=True, exclude_defaults=True)
    if context.stated_preferences:
        data["stated_preferences"] = [masker.mask_str(coarsen(p)) for p in context.stated_preferences]
    if context.observed_signals:
        data["observed_signals"] = [
            {**s.model_dump(exclude_none=True), **({"detail": masker.mask_str(coarsen(s.detail))} if s.detail else {})}
            for s in context.observed_signals
        ]
    if context.support:
        support = context.support.model_dump(exclude_none=True)
        if context.support.topic:
            support["topic"] = masker.mask_str(coarsen(context.support.topic))
        data["support"] = support
    return data, withheld
