"""Privacy: nothing identifying reaches an LLM, and everything maps back for the user.

Judges that send text away use one :class:`Boundary` per call; nothing else needs this package.
"""

from reviewer.privacy.boundary import Boundary
from reviewer.privacy.masking import PLACEHOLDER, MaskedText, Masker
from reviewer.privacy.minimise import WITHHELD, coarsen, minimise_context

__all__ = ["PLACEHOLDER", "WITHHELD", "Boundary", "coarsen", "MaskedText", "Masker", "minimise_context"]
