"""Judges, registered by kind, and the chat backends an LLM judge can use.

A kind is a factory ``(settings, prompts, backend) -> JudgeKit``. ``rules`` is the embedded offline judge,
``llm`` the LLM judge over a registered backend (see :mod:`reviewer.judges.backends`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from reviewer.errors import ConfigurationError
from reviewer.judges._protocol import (
    Candidate,
    Judge,
    Judgement,
    JudgeRequest,
    OnRubric,
    Rewriter,
    RewriteRequest,
    RubricJudgement,
)
from reviewer.judges.backends import (
    BackendError,
    ChatBackend,
    Completion,
    backend_names,
    create_backend,
    parse_json_object,
    register_backend,
)
from reviewer.rubrics import PromptSet
from reviewer.settings import Settings


@dataclass(frozen=True)
class JudgeKit:
    """A judge, its rewriter, and the backend they share (None when nothing leaves the machine)."""

    judge: Judge
    rewriter: Rewriter
    backend: ChatBackend | None = None


JudgeFactory = Callable[[Settings, PromptSet, ChatBackend | None], JudgeKit]
_KINDS: dict[str, JudgeFactory] = {}


def register_judge(kind: str) -> Callable[[JudgeFactory], JudgeFactory]:
    """Register a judge kind's factory under ``kind`` (a decorator)."""

    def add(factory: JudgeFactory) -> JudgeFactory:
        _KINDS[kind] = factory
        return factory

    return add


def judge_kinds() -> list[str]:
    """Every judge kind that can be chosen."""
    return sorted(_KINDS)


def build_judge(kind: str, settings: Settings, prompts: PromptSet, backend: ChatBackend | None = None) -> JudgeKit:
    """The judge kit of ``kind``; a backend passed in is used instead of the one the settings name."""
    factory = _KINDS.get(kind)
    if factory is None:
        raise ConfigurationError(f"unknown judge {kind!r}; use one of: {', '.join(judge_kinds())}")
    return factory(settings, prompts, backend)


@register_judge("rules")
def _embedded(settings: Settings, prompts: PromptSet, backend: ChatBackend | None) -> JudgeKit:
    from reviewer.judges.embedded import EmbeddedJudge, SuggestionRewriter
    from reviewer.offline import load_model

    return JudgeKit(EmbeddedJudge(load_model() if settings.sentence_model else None), SuggestionRewriter())


@register_judge("llm")
def _llm(settings: Settings, prompts: PromptSet, backend: ChatBackend | None) -> JudgeKit:
    from reviewer.judges.llm import LLMJudge, LLMRewriter

    backend = backend or create_backend(settings.backend, settings)
    return JudgeKit(LLMJudge(backend, prompts, settings), LLMRewriter(backend, prompts, settings), backend)


__all__ = [
    "BackendError",
    "Candidate",
    "ChatBackend",
    "Completion",
    "Judge",
    "JudgeKit",
    "JudgeRequest",
    "Judgement",
    "OnRubric",
    "RewriteRequest",
    "Rewriter",
    "RubricJudgement",
    "backend_names",
    "build_judge",
    "create_backend",
    "judge_kinds",
    "parse_json_object",
    "register_backend",
    "register_judge",
]
