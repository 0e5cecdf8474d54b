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
    """Any LangChain chat model (``BaseChatModel``) in place of the openai client.

    Like the openai backend it asks for structured output (the model's ``with_structured_output`` with the JSON
    schema, keeping the raw message for its text and usage), temperature 0, the seed and the token limit (on the
    model's own fields, where it has them). A model or server that refuses structured output is then asked for
    plain text, parsed tolerantly, for the rest of the backend's life.
    """

    def __init__(self, chat_model: Any, settings: Settings | None = None) -> None:
        settings = settings or Settings()
        self.model: str | None = (
            getattr(chat_model, "model_name", None) or getattr(chat_model, "model", None) or type(chat_model).__name__
        )
        wanted = {"temperature": 0, "seed": settings.llm_seed, "max_tokens": settings.llm_max_tokens}
        fields = getattr(type(chat_model), "model_fields", {})
        update = {k: v for k, v in wanted.items() if k in fields}
        self.chat_model = chat_model.model_copy(update=update) if update else chat_model
        self.structured = hasattr(self.chat_model, "with_structured_output")

    def _runnable(self, schema: dict[str, Any], name: str) -> Any:
        if not self.structured:
            return self.chat_model
        try:
            return self.chat_model.with_structured_output(
                {"title": name, "description": "The answer.", **schema}, method="json_schema", include_raw=True
            )
        except (NotImplementedError, TypeError, ValueError):  # no structured output in this model class
            self.structured = False
            return self.chat_model

    async def complete(self, messages: Sequence[BaseMessage], schema: dict[str, Any], name: str) -> Completion:
        """Invoke the chat model; token usage comes from its ``usage_metadata`` when it reports one."""
        structured = self.structured
        try:
            reply = await self._runnable(schema, name).ainvoke(list(messages))
        except Exception as exc:  # a provider's own errors: the judge degrades, it does not crash
            if isinstance(exc, TimeoutError) or "Timeout" in type(exc).__name__:
                raise BackendError("timeout", f"{type(exc).__name__}: {exc}") from exc  # never re-sent
            if not structured:
                raise BackendError("provider_error", f"{type(exc).__name__}: {exc}") from exc
            self.structured = False  # structured output refused: plain text from now on
            return await self.complete(messages, schema, name)
        parsed = None
        if isinstance(reply, dict):  # with_structured_output(include_raw=True): {"raw", "parsed", ...}
            parsed = reply.get("parsed")
            reply = reply.get("raw")
        usage = getattr(reply, "usage_metadata", None) or {}
        details = usage.get("input_token_details") or {}
        tokens = Tokens(
            prompt=int(usage.get("input_tokens") or 0),
            completion=int(usage.get("output_tokens") or 0),
            cached=int(details.get("cache_read") or 0),
        )
        if isinstance(parsed, dict):
            return Completion(text=json.dumps(parsed), tokens=tokens)
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
    return LangChainBackend(chat_model, settings)
