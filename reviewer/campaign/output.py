"""Writing results so that a partial run is never mistaken for a complete one.

While a run is in progress everything lives in ``OUT.partial/`` (one Parquet part per chunk, the checkpoint, the
reviewed cases). Only at the end are the parts joined into a temporary file beside ``OUT``, renamed onto ``OUT``
in one step, and described by ``OUT.manifest.json``, written last, with the row count and the file's SHA-256.
"""

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from reviewer.errors import InputError

OUT_FORMATS = ("parquet", "jsonl")


def out_format(path: Path) -> str:
    """Parquet or JSONL, from the output's name."""
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    raise InputError(f"--out {path}: name it .parquet or .jsonl")


def write_atomic(path: Path, text: str) -> None:
    """Write a small file so that readers see the old one or the new one, never half of it."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_part(path: Path, rows: list[dict[str, Any]], schema: pa.Schema) -> None:
    """One chunk's rows as a Parquet part, renamed into place when whole."""
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
    os.replace(tmp, path)


def sha256_file(path: Path) -> str:
    """The file's SHA-256, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def assemble(parts: Iterable[Path], out: Path, schema: pa.Schema) -> int:
    """Join the parts into ``out`` (temporary name first, then one rename); returns the row count."""
    tmp = out.with_name(f".{out.name}.tmp")
    rows = 0
    if out_format(out) == "parquet":
        with pq.ParquetWriter(tmp, schema) as writer:
            for part in parts:
                table = pq.read_table(part, schema=schema)
                writer.write_table(table)
                rows += table.num_rows
    else:
        with tmp.open("w", encoding="utf-8") as f:
            for part in parts:
                for row in pq.read_table(part, schema=schema).to_pylist():
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
                    rows += 1
    os.replace(tmp, out)
    return rows


def read_results(path: Path) -> list[dict[str, Any]]:
    """A results file's rows (Parquet or JSONL), for tests and small campaigns."""
    if out_format(path) == "parquet":
        rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
        return rows
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
