"""One small hierarchy; every message says what to do next."""


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
