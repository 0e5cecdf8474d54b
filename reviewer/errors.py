"""One small hierarchy; every message says what to do next."""

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError


class ReviewerError(Exception):
    """Base of every error the reviewer raises on purpose."""


class RubricError(ReviewerError):
    """A file in prompts/ is broken; the message names the file and the problem."""

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UnknownRubricError(ReviewerError):
    """A request named a rubric that is not installed."""


class ConfigurationError(ReviewerError):
    """Settings are missing or contradictory."""


class InputError(ReviewerError):
    """A review request, context or case file is malformed."""


def describe_validation(exc: ValidationError, where: str = "", root: type[BaseModel] | None = None) -> str:
    """The first problems of a pydantic error as one line.

    With ``root`` (the model that was validated), a misspelt field gets "did you mean" from the fields beside it.
    """
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(p) for p in err["loc"]) or "request"
        if err["type"] == "extra_forbidden":
            model = _model_at(root, err["loc"][:-1]) if root is not None else None
            close = difflib.get_close_matches(str(err["loc"][-1]), list(model.model_fields) if model else [], 1)
            hint = f"did you mean '{close[0]}'?" if close else "remove it (see docs/CONTRACT.md for the allowed fields)"
            parts.append(f"{loc}: unknown field; {hint}")
        elif err["type"] == "missing":
            parts.append(f"{loc}: required field is missing")
        else:
            parts.append(f"{loc}: {err['msg'].removeprefix('Value error, ')}")
    more = f" (+{len(exc.errors()) - 3} more)" if len(exc.errors()) > 3 else ""
    return f"{where}{'; '.join(parts)}{more}"


def _model_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model that holds the field at ``loc`` under ``root`` (list indexes skipped), or None."""
    model = root
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        nested = _a_model(field.annotation)
        if nested is None:
            return None
        model = nested
    return model


def _a_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _a_model(arg)
        if found is not None:
            return found
    return None
