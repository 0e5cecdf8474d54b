"""Context minimisation: the allow-list of what an LLM may see about the customer."""

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


def minimise_context(context: CustomerContext, masker: Masker) -> tuple[dict[str, Any], list[str]]:
    """The context an LLM may see, and the names of the fields withheld from it."""
    withheld = [f for f in WITHHELD if getattr(context, f)]
    data = context.model_dump(include=set(_PASSED), exclude_none=True, exclude_defaults=True)
    if context.stated_preferences:
        data["stated_preferences"] = [masker.mask_str(p) for p in context.stated_preferences]
    if context.observed_signals:
        data["observed_signals"] = [
            {**s.model_dump(exclude_none=True), **({"detail": masker.mask_str(s.detail)} if s.detail else {})}
            for s in context.observed_signals
        ]
    if context.support:
        support = context.support.model_dump(exclude_none=True)
        if context.support.topic:
            support["topic"] = masker.mask_str(context.support.topic)
        data["support"] = support
    return data, withheld
