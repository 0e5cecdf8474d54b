"""Any LangChain chat model (``BaseChatModel``) in place of the openai client."""

import importlib
import json
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage

from reviewer.errors import ConfigurationError
from reviewer.judges.backends._base import BackendError, Completion
from reviewer.models import Tokens
from reviewer.settings import Settings


class LangChainBackend:
    """Any LangChain chat model (``BaseChatModel``) in place of the openai client."""

    def __init__(self, chat_model: Any) -> None:
        self.chat_model = chat_model
        self.model: str | None = (
            getattr(chat_model, "model_name", None) or getattr(chat_model, "model", None) or type(chat_model).__name__
        )

    async def complete(self, messages: Sequence[BaseMessage], schema: dict[str, Any], name: str) -> Completion:
        """Invoke the chat model; token usage comes from its ``usage_metadata`` when it reports one."""
        try:
            reply = await self.chat_model.ainvoke(list(messages))
        except Exception as exc:  # a provider's own errors: the judge degrades, it does not crash
            raise BackendError("provider_error", f"{type(exc).__name__}: {exc}") from exc
        usage = getattr(reply, "usage_metadata", None) or {}
        tokens = Tokens(prompt=int(usage.get("input_tokens", 0)), completion=int(usage.get("output_tokens", 0)))
        content = reply.content if isinstance(reply, AIMessage) else str(reply)
        return Completion(text=content if isinstance(content, str) else json.dumps(content), tokens=tokens)

    async def check(self) -> None:
        """Always ready: nothing to reach."""

    async def aclose(self) -> None:
        """Nothing to close: the chat model's connections are its owner's."""


def from_settings(settings: Settings, chat_model: Any | None = None) -> LangChainBackend:
    """A chat model passed in code, or the one ``REVIEWER_LANGCHAIN_MODEL`` names as ``module:attribute``.

    The attribute may be a chat model or a callable that returns one.
    """
    if chat_model is None:
        spec = settings.langchain_model
        if not spec or ":" not in spec:
            raise ConfigurationError(
                "the langchain backend needs a chat model: pass chat_model= in code, or set "
                "REVIEWER_LANGCHAIN_MODEL=module:attribute (e.g. myapp.models:chat)"
            )
        module, attr = spec.split(":", 1)
        try:
            chat_model = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as exc:
            raise ConfigurationError(f"REVIEWER_LANGCHAIN_MODEL={spec!r} cannot be imported ({exc})") from None
        if callable(chat_model) and not hasattr(chat_model, "ainvoke"):
            chat_model = chat_model()
    return LangChainBackend(chat_model)
