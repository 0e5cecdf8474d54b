"""Context minimisation: the allow-list of what an LLM may see about the customer.

Every field of the customer context is listed in :data:`POLICY` with what happens to it on the way to an LLM:
``"send"`` (closed vocabularies: booleans, counts, enumerations), ``"mask"`` (any text a caller writes:
coarsened, then masked like the draft) or ``"withhold"``. A field that is not listed is withheld, so a field
added to the context later reaches no LLM until someone decides how it may.
"""

import re
from datetime import date
from typing import Any, Literal

from reviewer.models import CustomerContext
from reviewer.privacy import patterns
from reviewer.privacy.masking import Masker

Treatment = Literal["send", "mask", "withhold"]

# Paths: a top-level field, "field.sub" for an object's field, "field[].sub" for each item of a list.
POLICY: dict[str, Treatment] = {
    "customer_ref": "withhold",
    "name": "withhold",
    "email": "withhold",
    "phone": "withhold",
    "address": "withhold",
    "locale": "mask",
    "salutation": "mask",
    "pronouns": "mask",
    "gender": "mask",
    "age_band": "mask",
    "region": "mask",
    "relationship.tenure_months": "send",
    "relationship.lifecycle_stage": "send",
    "relationship.involvement": "send",
    "consent.marketing_email": "send",
    "consent.marketing_sms": "send",
    "consent.marketing_push": "send",
    "consent.personalization": "send",
    "consent.third_party_data": "send",
    "stated_preferences[]": "mask",
    "purchases[].category": "mask",
    "purchases[].days_ago": "send",
    "observed_signals[].kind": "send",
    "observed_signals[].detail": "mask",
    "observed_signals[].days_ago": "send",
    "inferred_attributes[].attribute": "mask",
    "inferred_attributes[].source": "mask",
    "contact_history.messages_last_7_days": "send",
    "contact_history.messages_last_30_days": "send",
    "contact_history.feedback_requests_last_30_days": "send",
    "support.open_case": "send",
    "support.topic": "mask",
}
# Direct identifiers: never sent, and always named in ``redaction.fields_withheld`` when given.
WITHHELD = tuple(path for path, treatment in POLICY.items() if treatment == "withhold")

_AGE = re.compile(r"\b(\d{1,3})\s*(?:-\s*)?(?:years?[ -]old|yrs?[ -]old|y/?o|ans|jahre alt|años)\b", re.I)


def _age_band(years: int) -> str:
    low = years // 10 * 10
    return f"{low}-{low + 9}"


def _when(m: re.Match[str], text: str, today: date) -> str:
    year = patterns.date_year(m)
    if patterns.is_birth_date(text, m, today):
        return f"(a date of birth: age {_age_band(today.year - year)})"
    months = (year - today.year) * 12
    if months > 12:
        return f"(in about {months // 12} years)"
    if months < -12:
        return f"(about {-months // 12} years ago)"
    return "(this year)" if year == today.year else ("(next year)" if year > today.year else "(last year)")


def coarsen(text: str, today: date | None = None) -> str:
    """Quasi-identifiers in free text made coarse: ages and dates of birth become decades, other dates years."""
    today = today or date.today()
    text = _AGE.sub(lambda m: f"{_age_band(int(m.group(1)))} years old", text)
    return patterns.DATE.sub(lambda m: _when(m, text, today), text)


def _apply(value: Any, path: str, masker: Masker, withheld: list[str]) -> Any:
    """``value`` (a field at ``path``) as the policy says, or None when nothing of it may be sent."""
    treatment = POLICY.get(path, "withhold")
    if treatment == "withhold" and (path in POLICY or not isinstance(value, dict | list)):
        if path not in withheld:
            withheld.append(path)
        return None
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            kept = _apply(item, f"{path}.{key}", masker, withheld)
            if kept is not None:
                out[key] = kept
        return out or None
    if isinstance(value, list):
        items = [_apply(item, f"{path}[]", masker, withheld) for item in value]
        return [item for item in items if item is not None] or None
    if treatment == "mask" and isinstance(value, str):
        return masker.mask_str(coarsen(value))
    return value


def minimise_context(context: CustomerContext, masker: Masker) -> tuple[dict[str, Any], list[str]]:
    """The context an LLM may see, and the paths of the fields withheld from it."""
    withheld: list[str] = []
    data: dict[str, Any] = {}
    dumped = context.model_dump(exclude_none=True)
    for key in type(context).model_fields:  # the model's order, so that the prompt is stable
        if key not in dumped:
            continue
        kept = _apply(dumped[key], key, masker, withheld)
        if kept is not None:
            data[key] = kept
    return data, withheld
