"""Privacy: nothing identifying reaches an LLM, and everything maps back for the user."""

from reviewer.privacy.masking import PLACEHOLDER, MaskedText, Masker
from reviewer.privacy.minimise import WITHHELD, coarsen, minimise_context

__all__ = ["PLACEHOLDER", "WITHHELD", "coarsen", "MaskedText", "Masker", "minimise_context"]
