"""What left the machine during one review, even when the review itself never finished.

The service opens :func:`recording` around a review; every :class:`~reviewer.privacy.Boundary` that prepares text
for an LLM in it notes itself here. When the deadline cuts the review short and the rules answer instead, the
result can still say truthfully what had been sent, and with what masked.
"""

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Protocol

from reviewer.models import Redaction


class _Redacting(Protocol):
    def redaction(self) -> Redaction: ...


@dataclass
class Sent:
    """The boundaries that sent text away during one review."""

    boundaries: list[_Redacting] = field(default_factory=list)

    def redaction(self) -> Redaction | None:
        """What was masked and withheld in anything sent (per type, the most any one call masked), or None."""
        if not self.boundaries:
            return None
        entities: Counter[str] = Counter()
        withheld: list[str] = []
        for boundary in self.boundaries:
            redaction = boundary.redaction()
            for kind, n in redaction.entities.items():
                entities[kind] = max(entities[kind], n)
            withheld += [f for f in redaction.fields_withheld if f not in withheld]
        return Redaction(entities=dict(entities), fields_withheld=withheld)


_CURRENT: ContextVar[Sent | None] = ContextVar("reviewer_privacy_sent", default=None)


@contextmanager
def recording() -> Iterator[Sent]:
    """Record, for the code run inside (and the tasks it starts), every boundary that sends text away."""
    sent = Sent()
    token = _CURRENT.set(sent)
    try:
        yield sent
    finally:
        _CURRENT.reset(token)


def note(boundary: _Redacting) -> None:
    """Called by a boundary as it hands masked text out for sending."""
    sent = _CURRENT.get()
    if sent is not None and boundary not in sent.boundaries:
        sent.boundaries.append(boundary)
