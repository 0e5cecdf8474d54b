"""Eval case files: JSONL in the contract's format, one case a line."""

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reviewer.cli.inputs import describe_validation
from reviewer.errors import InputError
from reviewer.models import CustomerContext, Message

Score = Field(ge=0, le=4)
FlagCategory = Literal["creepiness", "stereotyping", "overreach", "data_quality", "privacy"]


class MustFlag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rubric: FlagCategory
    quote: str = Field(min_length=1)


class Labels(BaseModel):
    model_config = ConfigDict(extra="forbid")

    creepiness: int = Score
    stereotyping: int = Score
    overreach: int = Score


class EvalCase(BaseModel):
    """One labelled case. Extra top-level fields (other tools' metadata) are ignored; the contract's are strict."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    message: Message
    context: CustomerContext = Field(default_factory=CustomerContext)
    labels: Labels
    must_flag: list[MustFlag] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    notes: str = ""
    source: str = Field(default="", exclude=True)

    def is_clean(self) -> bool:
        """A control: every label ≤ 1 and nothing that must be flagged."""
        return max(self.labels.model_dump().values()) <= 1 and not self.must_flag


def _files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.rglob("*.jsonl"))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory; pass .jsonl files or folders of them")
    return files


def load_cases(paths: list[Path]) -> list[EvalCase]:
    """Every case in the given files and folders (recursively), checked line by line."""
    cases: list[EvalCase] = []
    seen: dict[str, str] = {}
    for file in _files(paths):
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{file}:{n}: "
            try:
                case = EvalCase.model_validate({**json.loads(line), "source": f"{file}:{n}"})
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}not valid JSON ({exc.msg} at column {exc.colno})") from None
            except ValidationError as exc:
                raise InputError(describe_validation(exc, where)) from None
            except TypeError:
                raise InputError(f"{where}each line must be a JSON object") from None
            if case.id in seen:
                raise InputError(f"{where}duplicate case id {case.id!r} (first at {seen[case.id]})")
            seen[case.id] = case.source
            cases.append(case)
    if not cases:
        raise InputError(f"no cases found in {', '.join(map(str, paths))}")
    return cases
