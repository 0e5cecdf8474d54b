"""The reviewer: checks personalized customer messages before they are sent."""

from reviewer.errors import ReviewerError
from reviewer.models import CustomerContext, Finding, Message, ReviewRequest, ReviewResult
from reviewer.pipeline import Reviewer
from reviewer.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "CustomerContext",
    "Finding",
    "Message",
    "ReviewRequest",
    "ReviewResult",
    "Reviewer",
    "ReviewerError",
    "Settings",
    "__version__",
]
