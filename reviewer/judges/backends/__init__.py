"""Chat backends, registered by name and imported only when chosen.

``REVIEWER_BACKEND`` picks one (default ``openai``). A new backend is one file: a factory registered with
:func:`register_backend`, taking the settings and returning a :class:`ChatBackend`.
"""

import importlib
from collections.abc import Callable
from typing import Any

from reviewer.errors import ReviewerError
from reviewer.judges.backends._base import BackendError, ChatBackend, Completion, parse_json_object
from reviewer.settings import Settings

BackendFactory = Callable[..., ChatBackend]

# Built-in backends as "module:factory", imported on first use so an unused provider costs nothing.
_BUILTIN = {
    "openai": ("reviewer.judges.backends.openai", "OpenAIBackend", "openai"),
    "langchain": ("reviewer.judges.backends.langchain", "from_settings", "langchain-core"),
    "scripted": ("reviewer.judges.backends.scripted", "from_settings", None),
}
_REGISTRY: dict[str, BackendFactory] = {}


def register_backend(name: str) -> Callable[[BackendFactory], BackendFactory]:
    """Register ``factory(settings, **options) -> ChatBackend`` under ``name`` (a decorator)."""

    def add(factory: BackendFactory) -> BackendFactory:
        _REGISTRY[name] = factory
        return factory

    return add


def backend_names() -> list[str]:
    """Every backend that can be chosen by name."""
    return sorted({*_BUILTIN, *_REGISTRY})


def create_backend(name: str, settings: Settings, **options: Any) -> ChatBackend:
    """The backend registered as ``name``, built from the settings (and ``options``, e.g. ``chat_model=``)."""
    factory = _REGISTRY.get(name)
    if factory is None and name in _BUILTIN:
        module, attr, package = _BUILTIN[name]
        try:
            factory = getattr(importlib.import_module(module), attr)
        except ImportError as exc:  # pragma: no cover - every built-in's package is a dependency today
            raise ReviewerError(f"backend {name!r} needs the package {package!r}: pip install {package}") from exc
    if factory is None:
        raise ReviewerError(f"unknown backend {name!r} (REVIEWER_BACKEND); installed: {', '.join(backend_names())}")
    return factory(settings, **options)


__all__ = [
    "BackendError",
    "ChatBackend",
    "Completion",
    "backend_names",
    "create_backend",
    "parse_json_object",
    "register_backend",
]
