"""Eval case files: JSONL in the contract's format, one case a line."""

import json
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reviewer.catalogue import Catalogue, build_catalogue
from reviewer.errors import InputError, describe_validation
from reviewer.models import CustomerContext, Message
from reviewer.rubrics import load_prompts

Score = Annotated[int, Field(ge=0, le=4)]


class MustFlag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rubric: str = Field(min_length=1, description="a rubric id, data_quality or privacy")
    quote: str = Field(min_length=1)


class EvalCase(BaseModel):
    """One labelled case. Extra top-level fields (other tools' metadata) are ignored; the contract's are strict."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    message: Message
    context: CustomerContext = Field(default_factory=CustomerContext)
    labels: dict[str, Score] = Field(min_length=1)
    must_flag: list[MustFlag] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    notes: str = ""
    source: str = Field(default="", exclude=True)

    def is_clean(self) -> bool:
        """A control: every label ≤ 1 and nothing that must be flagged."""
        return max(self.labels.values()) <= 1 and not self.must_flag

    @property
    def split(self) -> str:
        """The folder the case's file is in (``frozen``, ``dev``, ``field``, ...): reports group by it."""
        return Path(self.source.rsplit(":", 1)[0]).parent.name or "cases"


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


def load_cases(paths: list[Path], catalogue: Catalogue | None = None) -> list[EvalCase]:
    """Every case in the given files and folders (recursively), checked line by line.

    Labels and must_flag categories must name installed rubrics (or data_quality / privacy); ``catalogue``
    says which are installed (the built-in prompts when omitted).
    """
    known = catalogue or build_catalogue(load_prompts())
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
            unknown = sorted(
                (set(case.labels) - set(known.rubric_ids))
                | ({m.rubric for m in case.must_flag} - set(known.category_ids))
            )
            if unknown:
                raise InputError(
                    f"{where}unknown rubric(s) {', '.join(unknown)}; installed: {', '.join(known.category_ids)} "
                    "(add a rubric file with REVIEWER_PROMPTS_DIR to label your own)"
                )
            if case.id in seen:
                raise InputError(f"{where}duplicate case id {case.id!r} (first at {seen[case.id]})")
            seen[case.id] = case.source
            cases.append(case)
    if not cases:
        raise InputError(f"no cases found in {', '.join(map(str, paths))}")
    return cases
