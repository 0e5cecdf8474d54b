"""The customer context a caller may send (see CONTRACT.md).

Stated data (the customer told us) is welcome in a message; observed data (we watched) feels like
surveillance when recited; inferred data (we guessed) is the worst to reveal.
"""

from typing import Literal

from pydantic import Field

from reviewer.models._base import StrictModel

LifecycleStage = Literal["prospect", "new", "active", "lapsed", "churned"]
SignalKind = Literal["browsing", "location", "app_usage", "email_opens", "caller_id", "third_party"]
NonNegative = Field(default=None, ge=0)


class Name(StrictModel):
    first: str | None = None
    last: str | None = None
    preferred: str | None = None


class Relationship(StrictModel):
    tenure_months: int | None = NonNegative
    lifecycle_stage: LifecycleStage | None = None
    involvement: Literal["low", "high"] | None = None


class Consent(StrictModel):
    marketing_email: bool | None = None
    marketing_sms: bool | None = None
    marketing_push: bool | None = None
    personalization: bool | None = None
    third_party_data: bool | None = None


class Purchase(StrictModel):
    category: str
    days_ago: int | None = NonNegative


class ObservedSignal(StrictModel):
    kind: SignalKind
    detail: str | None = None
    days_ago: int | None = NonNegative


class InferredAttribute(StrictModel):
    attribute: str
    source: str | None = None


class ContactHistory(StrictModel):
    messages_last_7_days: int | None = NonNegative
    messages_last_30_days: int | None = NonNegative
    feedback_requests_last_30_days: int | None = NonNegative


class Support(StrictModel):
    open_case: bool = False
    topic: str | None = None


class CustomerContext(StrictModel):
    """Everything optional; PII fields are never shown to an LLM."""

    customer_ref: str | None = None
    locale: str | None = None
    name: Name | None = None
    email: str | None = None
    phone: str | None = None
    address: str | dict[str, str] | None = None
    salutation: str | None = None
    pronouns: str | None = None
    gender: str | None = None
    age_band: str | None = None
    region: str | None = None
    relationship: Relationship | None = None
    consent: Consent | None = None
    stated_preferences: list[str] = Field(default_factory=list)
    purchases: list[Purchase] = Field(default_factory=list)
    observed_signals: list[ObservedSignal] = Field(default_factory=list)
    inferred_attributes: list[InferredAttribute] = Field(default_factory=list)
    contact_history: ContactHistory | None = None
    support: Support | None = None

    def address_text(self) -> str:
        """The postal address as one line, whether given as text or as named parts; empty when absent."""
        if isinstance(self.address, str):
            return self.address
        return " ".join((self.address or {}).values())

    def first_name(self) -> str | None:
        """The name the customer goes by: preferred over first."""
        if self.name is None:
            return None
        return self.name.preferred or self.name.first
