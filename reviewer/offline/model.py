"""A linear sentence model fitted on the labelled corpus (``scripts/train_offline.py``), shipped as weights.

Each rubric has a logistic model over hashed sentence features (:mod:`reviewer.offline.features`). A sentence
whose probability passes the rubric's threshold becomes a finding over that sentence; one past the looser doubt
threshold is a doubt, which keeps a suggested rewrite from being called verified. A head too weak to flag (its
threshold is None) still doubts. Inference is a few dictionary look-ups per sentence: no numerical library at run
time.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reviewer.models import CustomerContext, Message
from reviewer.models.result import TextField
from reviewer.offline.features import context_tokens, grounding, hashed, sentence_features
from reviewer.rules._text import Sentences

WEIGHTS = Path(__file__).with_name("weights.json")


@dataclass(frozen=True)
class SentenceFlag:
    """A sentence the model flags under a rubric, with its probability and the severity it implies (0: a doubt)."""

    rubric: str
    field: TextField
    start: int
    end: int
    probability: float
    severity: int


@dataclass(frozen=True)
class _Head:
    bias: float
    weights: dict[int, float]
    threshold: float | None  # a sentence at or past it is flagged (severity 2); None: the head never flags
    serious: float  # at or past it, severity 3
    doubt: float  # at or past it, a rewrite keeping the sentence is not verified


class LearnedModel:
    """Per-rubric logistic heads over the same sentence features."""

    def __init__(self, heads: dict[str, _Head], meta: dict[str, object]) -> None:
        self.heads = heads
        self.meta = meta
        # One table for every head: a feature's weights, one per head, found with one look-up.
        names = list(heads)
        table: dict[int, list[float]] = {}
        for k, name in enumerate(names):
            for i, w in heads[name].weights.items():
                table.setdefault(i, [0.0] * len(names))[k] = w
        self._names = names
        self._table = {i: tuple(ws) for i, ws in table.items()}

    def flags(self, message: Message, context: CustomerContext) -> list[SentenceFlag]:
        """Every sentence of the subject and body that some rubric's head flags."""
        return [f for f in self._scored(message, context) if f.severity >= 2]

    def doubts(self, message: Message, context: CustomerContext) -> list[SentenceFlag]:
        """Every sentence some rubric's head doubts (severity 0) or flags."""
        return self._scored(message, context)

    def _scored(self, message: Message, context: CustomerContext) -> list[SentenceFlag]:
        known = grounding(context) if self.meta.get("grounding", True) else {}
        ctx = context_tokens(context, message.channel)
        out: list[SentenceFlag] = []
        texts: tuple[tuple[TextField, str | None], ...] = (("subject", message.subject), ("body", message.body))
        for field, text in texts:
            if not text:
                continue
            for start, end in Sentences(text).spans:
                x = hashed(sentence_features(text[start:end], known, ctx))
                zs = [self.heads[name].bias for name in self._names]
                for i, v in x.items():
                    ws = self._table.get(i)
                    if ws is not None:
                        for k, w in enumerate(ws):
                            zs[k] += w * v
                for rubric, z in zip(self._names, zs, strict=True):
                    head = self.heads[rubric]
                    p = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))
                    if head.threshold is not None and p >= head.threshold:
                        out.append(SentenceFlag(rubric, field, start, end, p, 3 if p >= head.serious else 2))
                    elif p >= head.doubt:
                        out.append(SentenceFlag(rubric, field, start, end, p, 0))
        return out


@lru_cache(maxsize=2)
def load_model(path: Path = WEIGHTS) -> LearnedModel | None:
    """The shipped weights, or None when the file is absent (the layer is then off)."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    heads = {
        rubric: _Head(
            float(h["bias"]),
            {int(i): float(w) for i, w in h["weights"].items()},
            None if h["threshold"] is None else float(h["threshold"]),
            float(h["serious"]),
            float(h.get("doubt", h["threshold"] or 1.0)),
        )
        for rubric, h in data["rubrics"].items()
    }
    return LearnedModel(heads, data.get("meta", {}))
