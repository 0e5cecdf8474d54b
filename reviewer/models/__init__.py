"""Data shapes fixed by CONTRACT.md."""

from reviewer.models.context import CustomerContext
from reviewer.models.request import Channel, Message, ReviewRequest
from reviewer.models.result import (
    Finding,
    Meta,
    Redaction,
    ReviewResult,
    Rewrite,
    RubricScore,
    Tokens,
    Verdict,
)

__all__ = [
    "Channel",
    "CustomerContext",
    "Finding",
    "Message",
    "Meta",
    "Redaction",
    "ReviewRequest",
    "ReviewResult",
    "Rewrite",
    "RubricScore",
    "Tokens",
    "Verdict",
]
