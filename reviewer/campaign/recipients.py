"""Reading recipients (CSV, JSONL, Parquet) and mapping their columns onto the contract's customer context.

A column whose name is a context path (``region``, ``name.first``, ``consent.marketing_sms``, ``purchases``…) fills
that field; ``--map COLUMN=PATH`` renames a column first. Every column, mapped or not, is a template variable.
"""

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from reviewer.errors import InputError
from reviewer.models import CustomerContext

Row = dict[str, Any]
FORMATS = ("csv", "jsonl", "parquet")
_LISTS = {"stated_preferences", "purchases", "observed_signals", "inferred_attributes"}


def _paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    out: set[str] = set()
    for name, info in model.model_fields.items():
        out.add(prefix + name)
        ann = info.annotation
        for arg in (*getattr(ann, "__args__", ()), ann):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                out |= _paths(arg, f"{prefix}{name}.")
    return out


CONTEXT_PATHS = frozenset(_paths(CustomerContext))


def file_format(path: Path) -> str:
    """The format from the file name: .csv, .jsonl/.ndjson or .parquet."""
    suffix = path.suffix.lower()
    fmt = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}.get(suffix)
    if fmt is None:
        raise InputError(f"{path}: unknown format {suffix or '(none)'}; use a .csv, .jsonl or .parquet file")
    return fmt


def read_rows(path: Path) -> Iterator[Row]:
    """Rows as dicts, streamed: nothing holds the whole file."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    fmt = file_format(path)
    if fmt == "csv":
        with path.open(newline="", encoding="utf-8-sig") as f:
            yield from csv.DictReader(f)
    elif fmt == "jsonl":
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{n}: not JSON ({exc.msg}); one JSON object per line") from None
                if not isinstance(row, dict):
                    raise InputError(f"{path}:{n}: expected a JSON object")
                yield row
    else:
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=2048):
            yield from batch.to_pylist()


def count_rows(path: Path) -> int:
    """How many rows (for the progress bar): Parquet's metadata, or a count of lines."""
    if file_format(path) == "parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    with path.open("rb") as f:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    return max(0, lines - (1 if file_format(path) == "csv" else 0))


def blank(value: Any) -> bool:
    """An empty cell: None, or a string of only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def get_path(row: Row, path: str) -> Any:
    """A dotted path in a row that holds it flat (``consent.marketing_sms``) or nested."""
    if path in row:
        return row[path]
    value: Any = row
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _set(target: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        child = target.setdefault(part, {})
        if not isinstance(child, dict):
            raise InputError(f"column {path!r} conflicts with a column {part!r} that is not an object")
        target = child
    target[last] = value


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if not blank(v)}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _context_value(path: str, value: Any) -> Any:
    if path in _LISTS and isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise InputError(f"column {path}: expected a JSON array, got {value[:40]!r}") from None
    return _clean(value)


class Mapping:
    """How a recipients file's columns become a context and template variables."""

    def __init__(self, renames: dict[str, str], id_column: str) -> None:
        bad = sorted(p for p in renames.values() if p not in CONTEXT_PATHS)
        if bad:
            raise InputError(
                f"--map target {bad[0]!r} is not a context field; use one of docs/CONTRACT.md's names, e.g. "
                "name.first, consent.marketing_sms, purchases"
            )
        self.renames = renames
        self.id_column = id_column

    def recipient_id(self, row: Row) -> str:
        """The recipient's id, which every result row carries."""
        value = get_path(row, self.id_column)
        if blank(value):
            raise InputError(
                f"a row has no {self.id_column!r}; name the id column with --id-column (columns: {', '.join(row)})"
            )
        return str(value)

    def context(self, row: Row) -> dict[str, Any]:
        """The customer context of one row (not yet validated)."""
        out: dict[str, Any] = {}
        for column, value in row.items():
            path = self.renames.get(column, column)
            if not blank(value) and path in CONTEXT_PATHS:
                _set(out, path, _context_value(path, value))
        return out

    def variables(self, row: Row, names: list[str]) -> dict[str, Any]:
        """Template variables: every column (nested by its dots), context paths too; ``names`` matched loosely."""
        data: dict[str, Any] = {}
        for column, value in row.items():
            if blank(value):
                continue
            if "." in column:
                _set(data, column, _clean(value))
            else:
                data.setdefault(column, _clean(value))
            path = self.renames.get(column)
            if path is not None:
                _set(data, path, _clean(value))
        loose = {_norm(k): v for k, v in data.items()}
        for name in names:
            if name not in data and _norm(name) in loose:
                data[name] = loose[_norm(name)]
        return data


def _norm(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())
