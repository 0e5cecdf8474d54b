"""Sentence models fitted on the labelled corpus (``scripts/train_offline.py``), shipped as weights.

Each rubric has a logistic model over hashed sentence features (:mod:`reviewer.offline.features`), scored for
all of a draft's sentences in one numpy pass. Where the weights carry an encoder head, the rubric also has a small
network over the sentence's vector from :mod:`reviewer.offline.encoder` (its meaning, beyond its words), the
same context tokens and, where the weights were fitted with them, how close the sentence comes in meaning to each
kind of context item (:func:`meaning_grounding`). A sentence whose probability passes a head's threshold becomes
a finding over that sentence; one past the looser doubt threshold is a doubt, which keeps a suggested rewrite from
being called verified. A head too weak to flag (its threshold is None) still doubts.
"""

import json
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from reviewer.models import CustomerContext, Message
from reviewer.models.result import TextField
from reviewer.offline.encoder import SentenceEncoder, load_encoder
from reviewer.offline.features import BASES, DIM, context_items, context_tokens, grounding, hashed, sentence_features
from reviewer.rules._text import Sentences

WEIGHTS = Path(__file__).with_name("weights.json")
TOKEN_SCALE = 0.3  # the value of a present context token beside the unit-length sentence vector


@dataclass(frozen=True, order=True)
class SentenceFlag:
    """A sentence the model flags under a rubric, with its probability and the severity it implies (0: a doubt)."""

    rubric: str
    field: TextField
    start: int
    end: int
    probability: float
    severity: int
    blanked: str = ""  # the rubric whose found phrases were blanked out to score it ("": none; ``LearnedModel.doubts``)


@dataclass(frozen=True)
class _Head:
    bias: float
    weights: dict[int, float]
    threshold: float | None  # a sentence at or past it is flagged (severity 2); None: the head never flags
    serious: float  # at or past it, severity 3
    doubt: float  # at or past it, a rewrite keeping the sentence is not verified


@dataclass(frozen=True)
class _EncoderHead:
    """Networks of one hidden layer over [sentence vector, context tokens]: relu, then a logistic output.

    Several networks fitted alike from different starting weights; a sentence's probability is their mean.
    """

    w1: np.ndarray  # (members, inputs, hidden)
    b1: np.ndarray  # (members, hidden)
    w2: np.ndarray  # (members, hidden)
    b2: np.ndarray  # (members,)
    threshold: float | None
    serious: float
    doubt: float
    confirm: float  # a word head's flag stands only where this head reaches it

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        # matmul broadcasts over the networks (einsum without a plan took 8 times as long here)
        hidden = np.maximum(np.matmul(x, self.w1) + self.b1[:, None, :], 0.0)  # (members, sentences, hidden)
        z = np.matmul(hidden, self.w2[:, :, None])[..., 0] + self.b2[:, None]
        p: np.ndarray = (1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))).mean(axis=0)
        return p


def meaning_grounding(encoder: SentenceEncoder, context: CustomerContext, vectors: np.ndarray) -> np.ndarray:
    """How close each sentence comes in meaning to what the context holds, per basis.

    Per basis (stated, purchased, observed, inferred): the highest cosine with any item of that kind, 0 where there
    is none. "Strictly gluten-free" comes close to an inferred "likely_coeliac" that shares no word with it.
    """
    out = np.zeros((len(vectors), len(BASES)), dtype=np.float32)
    for k, texts in enumerate(context_items(context)[basis] for basis in BASES):
        if texts and len(vectors):
            out[:, k] = (encoder.embed(texts) @ vectors.T).max(axis=0)
    return out


@dataclass(frozen=True)
class _Encoded:
    """The encoder heads and what they read besides the vector.

    Context tokens (0/1, scaled), and, where the weights were fitted with it, the sentence's closeness in meaning to
    the context's items.
    """

    heads: dict[str, _EncoderHead]
    tokens: dict[str, int]
    token_scale: float
    meaning: bool

    def inputs(self, vectors: np.ndarray, features: list[list[str]], near: np.ndarray) -> np.ndarray:
        extra = np.zeros((len(features), len(self.tokens)), dtype=np.float32)
        for row, names in enumerate(features):
            for name in names:
                column = self.tokens.get(name)
                if column is not None:
                    extra[row, column] = self.token_scale
        return np.hstack([vectors, extra, near])  # ``near`` has no columns where the heads were fitted without it


class LearnedModel:
    """Per-rubric logistic heads over the same sentence features, and encoder heads where the weights have them."""

    def __init__(
        self,
        heads: dict[str, _Head],
        meta: dict[str, object],
        encoded: _Encoded | None = None,
        encoder: SentenceEncoder | None = None,
    ) -> None:
        self.heads = heads
        self.meta = meta
        self.encoded = encoded if encoder is not None else None
        self.encoder = encoder
        # One table for every head: row i holds feature i's weight in each head (6 MB for 2^18 features).
        self._names = list(heads)
        self._table = np.zeros((DIM, len(self._names)), dtype=np.float64)
        for k, name in enumerate(self._names):
            for i, w in heads[name].weights.items():
                self._table[i % DIM, k] = w
        self._bias = np.array([heads[name].bias for name in self._names])

    def doubts(
        self, message: Message, context: CustomerContext, blank: Sequence[tuple[str, TextField, int, int]] = ()
    ) -> list[SentenceFlag]:
        """Every sentence some rubric's head doubts (severity 0) or flags.

        ``blank`` holds phrases already found, by rubric: (rubric, field, start, end). A sentence a rubric's head
        flags and that some of that rubric's phrases fall in (but do not cover) is scored again under that head with
        them blanked out (a ``blanked`` flag): whether it still reads flagged without what was already found.
        """
        known = grounding(context) if self.meta.get("grounding", True) else {}
        ctx = context_tokens(context, message.channel)
        texts: dict[TextField, str] = {"subject": message.subject or "", "body": message.body}
        rows = [
            _Row(field, start, end, "", text[start:end])
            for field, text in texts.items()
            if text
            for start, end in Sentences(text).spans
        ]
        scored = self._scored(rows, context, known, ctx)
        found: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for rubric, field, a, b in sorted(blank, key=lambda x: x[2]):
            found.setdefault((rubric, field), []).append((a, b))
        again: list[_Row] = []
        for f in sorted(f for f in scored if f.severity >= 2):
            near = found.get((f.rubric, f.field), [])
            # the phrases that start before the sentence ends (a long draft has thousands) and end inside or after it
            spans = [(a, b) for a, b in near[: bisect_left(near, (f.end, 0))] if b > f.start]
            if spans and not any(a <= f.start and f.end <= b for a, b in spans):
                again.append(_Row(f.field, f.start, f.end, f.rubric, _blanked(texts[f.field], f.start, f.end, spans)))
        return scored + [f for f in self._scored(again, context, known, ctx) if f.rubric == f.blanked]

    def flags(self, message: Message, context: CustomerContext) -> list[SentenceFlag]:
        """Every sentence of the subject and body that some rubric's head flags."""
        return [f for f in self.doubts(message, context) if f.severity >= 2]

    def _scored(
        self, rows: list["_Row"], context: CustomerContext, known: dict[str, set[str]], ctx: list[str]
    ) -> list[SentenceFlag]:
        if not rows:
            return []
        features = [sentence_features(row.text, known, ctx) for row in rows]
        out: list[SentenceFlag] = []
        for row, ps in zip(rows, self._word_probabilities(features).tolist(), strict=True):
            for rubric, p in zip(self._names, ps, strict=True):
                out += _graded(self.heads[rubric], row.flag(rubric, p))
        if self.encoded is None or self.encoder is None:
            return _strongest(out)
        vectors = self.encoder.embed([row.text for row in rows])
        near = meaning_grounding(self.encoder, context, vectors) if self.encoded.meaning else vectors[:, :0]
        inputs = self.encoded.inputs(vectors, [context_only(f) for f in features], near)
        meaning: dict[tuple[str, str, int, str], float] = {}
        for rubric, enc in self.encoded.heads.items():
            for row, p in zip(rows, enc.probabilities(inputs).tolist(), strict=True):
                meaning[(rubric, row.field, row.start, row.blanked)] = p
                out += _graded(enc, row.flag(rubric, p))
        # A word head's flag stands only where the sentence's meaning at least leans the same way (the encoder head
        # puts it among the training controls it scores highest): "you've used 80% of your data" has the words of
        # watching, not the meaning.
        confirmed = [
            f
            if f.severity == 0
            or f.rubric not in self.encoded.heads
            or meaning[(f.rubric, f.field, f.start, f.blanked)] >= self.encoded.heads[f.rubric].confirm
            else replace(f, severity=0)
            for f in out
        ]
        return _strongest(confirmed)

    def _word_probabilities(self, features: list[list[str]]) -> np.ndarray:
        """Each sentence's probability under each word head, shape (sentences, heads)."""
        rows = [hashed(names) for names in features]
        z = np.tile(self._bias, (len(rows), 1))
        present = [k for k, x in enumerate(rows) if x]
        if present:
            counts = np.array([len(rows[k]) for k in present])
            picked = self._table[[i % DIM for k in present for i in rows[k]]]
            sums = np.add.reduceat(picked, np.cumsum(counts) - counts)
            values = np.array([next(iter(rows[k].values())) for k in present])  # one value for all of a row's features
            z[present] += sums * values[:, None]
        p: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))
        return p


def _graded(head: _Head | _EncoderHead, scored: SentenceFlag) -> list[SentenceFlag]:
    """The sentence as a head grades it: flagged (severity 2, or 3 past serious), doubted (0), or nothing."""
    p = scored.probability
    if head.threshold is not None and p >= head.threshold:
        return [replace(scored, severity=3 if p >= head.serious else 2)]
    return [scored] if p >= head.doubt else []


@dataclass(frozen=True, order=True)
class _Row:
    """A sentence to score: where it is, and its text (with the ``blanked`` rubric's found phrases blanked out)."""

    field: TextField
    start: int
    end: int
    blanked: str
    text: str

    def flag(self, rubric: str, probability: float) -> SentenceFlag:
        return SentenceFlag(rubric, self.field, self.start, self.end, probability, 0, self.blanked)


def _blanked(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The sentence at ``start:end`` with the parts ``spans`` cover replaced by spaces."""
    chars = list(text[start:end])
    for a, b in spans:
        chars[max(a, start) - start : min(b, end) - start] = " " * (min(b, end) - max(a, start))
    return "".join(chars)


def _strongest(flags: list[SentenceFlag]) -> list[SentenceFlag]:
    """One flag per rubric and sentence: the more severe of the two heads' (the first on a tie)."""
    best: dict[tuple[str, str, int, str], SentenceFlag] = {}
    for f in flags:
        key = (f.rubric, f.field, f.start, f.blanked)
        if key not in best or f.severity > best[key].severity:
            best[key] = f
    return list(best.values())


def context_only(features: list[str]) -> list[str]:
    """The context and grounding tokens of a sentence's features: what the encoder heads read besides the vector."""
    return [f for f in features if f[1:2] == ":" and f[0] in "xg"]


def _encoder_head(h: dict[str, Any]) -> _EncoderHead:
    members = h.get("members", [h])  # weights fitted as one network keep its arrays at the top level

    def stacked(key: str) -> np.ndarray:
        return np.asarray([m[key] for m in members], dtype=np.float32)

    return _EncoderHead(
        stacked("w1"),
        stacked("b1"),
        stacked("w2"),
        stacked("b2"),
        None if h["threshold"] is None else float(h["threshold"]),
        float(h["serious"]),
        float(h["doubt"]),
        float(h.get("confirm", h["doubt"])),
    )


def _encoded(data: dict[str, Any]) -> _Encoded:
    heads = {rubric: _encoder_head(h) for rubric, h in data["heads"].items()}
    tokens = {t: i for i, t in enumerate(data["tokens"])}
    return _Encoded(heads, tokens, float(data["token_scale"]), list(data.get("meaning", [])) == list(BASES))


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
    encoded = _encoded(data["encoder"]) if "encoder" in data else None
    return LearnedModel(heads, data.get("meta", {}), encoded, load_encoder() if encoded is not None else None)
