"""One small hierarchy; every message says what to do next."""

from pydantic import ValidationError


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


def describe_validation(exc: ValidationError, where: str = "") -> str:
    """The first problems of a pydantic error as one line."""
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(p) for p in err["loc"]) or "request"
        if err["type"] == "extra_forbidden":
            parts.append(f"{loc}: unknown field; remove it (see docs/CONTRACT.md for the allowed fields)")
        elif err["type"] == "missing":
            parts.append(f"{loc}: required field is missing")
        else:
            parts.append(f"{loc}: {err['msg'].removeprefix('Value error, ')}")
    more = f" (+{len(exc.errors()) - 3} more)" if len(exc.errors()) > 3 else ""
    return f"{where}{'; '.join(parts)}{more}"
