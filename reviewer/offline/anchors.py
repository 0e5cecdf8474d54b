"""A rubric file teaches the embedded judge: its scale's example sentences become offline detectors.

For a rubric no other offline layer covers (a brand's own), each sentence of the draft is compared with every
anchor example by the overlap of their stems, stem pairs and character grams (cosine of binary feature sets).
A sentence close to an example of a score of 2 or more, and closer to it than to any example of a lower score,
is flagged at that score. No example near enough: the rubric scores 0 on this draft.
"""

from dataclasses import dataclass

from reviewer.models import Message
from reviewer.models.result import TextField
from reviewer.offline.features import hashed, sentence_features
from reviewer.rubrics import Rubric
from reviewer.rules._text import Sentences

# How close a sentence must be to an example: half its features shared (cosine of unit-length binary sets).
MIN_SIMILARITY = 0.5


@dataclass(frozen=True)
class AnchorHit:
    """A sentence that reads like one of the rubric's examples."""

    field: TextField
    start: int
    end: int
    score: int
    example: str
    similarity: float


def _vector(text: str) -> dict[int, float]:
    return hashed(sentence_features(text, {}, []))


def _cosine(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(i, 0.0) for i, v in a.items())


class AnchorMatcher:
    """The examples of one rubric's scale, ready to compare sentences with."""

    def __init__(self, rubric: Rubric) -> None:
        self.examples = [
            (score, example, _vector(example)) for score, anchor in rubric.scale.items() for example in anchor.examples
        ]

    @property
    def usable(self) -> bool:
        """The rubric gives at least one example of a score that needs revising."""
        return any(score >= 2 for score, _, _ in self.examples)

    def hits(self, message: Message) -> list[AnchorHit]:
        """Sentences of the subject and body that read like a flagged example."""
        out: list[AnchorHit] = []
        texts: tuple[tuple[TextField, str | None], ...] = (("subject", message.subject), ("body", message.body))
        for field, text in texts:
            if not text:
                continue
            for start, end in Sentences(text).spans:
                x = _vector(text[start:end])
                ranked = sorted(((_cosine(x, v), score, ex) for score, ex, v in self.examples), reverse=True)
                if not ranked:
                    continue
                similarity, score, example = ranked[0]
                if score >= 2 and similarity >= MIN_SIMILARITY:
                    out.append(AnchorHit(field, start, end, score, example, round(similarity, 3)))
        return out


_MATCHERS: dict[tuple[str, str, str], AnchorMatcher] = {}


def matcher(rubric: Rubric) -> AnchorMatcher:
    """The matcher of a rubric, built once per rubric file version."""
    key = (rubric.path, rubric.id, rubric.version)
    if key not in _MATCHERS:
        _MATCHERS[key] = AnchorMatcher(rubric)
    return _MATCHERS[key]
