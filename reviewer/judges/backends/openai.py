"""The official async openai client against any OpenAI-compatible server."""

import asyncio
import importlib
import logging
import weakref
from collections.abc import Sequence
from typing import Any, Literal

from langchain_core.messages import BaseMessage

from reviewer.judges.backends._base import BackendError, Completion
from reviewer.models import Tokens
from reviewer.settings import Settings

log = logging.getLogger("reviewer.llm")

OutputMode = Literal["json_schema", "json_object", "text"]

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


def to_openai_messages(messages: Sequence[BaseMessage]) -> list[dict[str, str]]:
    """LangChain messages as Chat Completions messages."""
    return [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]


def _completion(response: object) -> Completion:
    """The answer text and token counts of a Chat Completions response body."""
    if not isinstance(response, dict):
        raise BackendError("malformed_response", "the server's answer is not a Chat Completions JSON object")
    choices = response.get("choices") or [{}]
    message = (choices[0] if isinstance(choices[0], dict) else {}).get("message") or {}
    if message.get("refusal"):
        raise BackendError("refusal", str(message["refusal"]))
    usage = response.get("usage") or {}
    tokens = Tokens(prompt=usage.get("prompt_tokens") or 0, completion=usage.get("completion_tokens") or 0)
    return Completion(text=message.get("content") or "", tokens=tokens)


def _timed_out(exc: BaseException) -> bool:
    """Whether the SDK's timeout error means that time ran out.

    The aiohttp transport reports every lost or refused connection as a connect timeout too; the real error is
    among its causes, and only a TimeoutError there is a timeout.
    """
    cause = exc.__cause__
    if cause is None:
        return True
    while cause is not None:
        if isinstance(cause, TimeoutError):
            return True
        cause = cause.__cause__
    return False


class OpenAIBackend:
    """The official async openai client against any OpenAI-compatible server.

    Structured output degrades step by step: ``json_schema`` first; if the server refuses it (4xx/5xx), the
    schema as a ``json_object`` response format (llama.cpp's server); then plain text parsed tolerantly. The
    mode that worked is remembered, so later calls don't pay for the refusals again.

    The client speaks HTTP through the SDK's aiohttp transport: with three calls in flight per review, httpx's
    connection pool walked (and polled) every pooled connection on each call, ~4 ms of CPU a review under load.
    aiohttp sessions must be closed: ``aclose()`` closes the running loop's client.
    """

    def __init__(self, settings: Settings, client: Any | None = None) -> None:
        # The SDK is imported now, with the rest of the service's startup, not by the first call: the service
        # freezes what startup built so the garbage collector stops walking it (see reviewer.api.app).
        importlib.import_module("openai")
        self.model: str | None = settings.model
        self.settings = settings
        self._given = client
        # An async HTTP client's connections belong to one event loop; review_sync() runs a fresh loop each
        # call, so keep one client per loop instead of reusing a dead one.
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = weakref.WeakKeyDictionary()
        self.modes: list[OutputMode] = ["json_schema", "json_object", "text"]
        self.confirmed: OutputMode | None = None  # once a mode worked, a later error is the server's, not the mode's

    @property
    def client(self) -> Any:
        """The openai client for the running event loop."""
        if self._given is not None:
            return self._given
        from openai import AsyncOpenAI, DefaultAioHttpClient

        loop = asyncio.get_running_loop()
        if loop not in self._clients:
            s = self.settings
            self._clients[loop] = AsyncOpenAI(
                api_key=s.openai_api_key.get_secret_value() if s.openai_api_key else "not-needed",
                base_url=s.openai_base_url,
                timeout=s.llm_timeout_s,
                max_retries=s.llm_max_retries,
                http_client=DefaultAioHttpClient(),
            )
        return self._clients[loop]

    async def aclose(self) -> None:
        """Close the running loop's client and its connections (a client passed in is its owner's to close)."""
        client = self._clients.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.close()

    async def check(self) -> str | None:
        """Asks the server for its models: None when it answers, else the error's type."""
        try:
            await self.client.models.list(timeout=5)
        except Exception as exc:  # noqa: BLE001 - any failure means not ready, with the reason
            return type(exc).__name__
        return None

    def _response_format(self, mode: OutputMode, schema: dict[str, Any], name: str) -> dict[str, Any] | None:
        if mode == "json_schema":
            return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": False}}
        if mode == "json_object":
            return {"type": "json_object", "schema": schema}
        return None

    async def complete(self, messages: Sequence[BaseMessage], schema: dict[str, Any], name: str) -> Completion:
        """Ask for JSON, stepping down the structured-output ladder when the server refuses a mode."""
        import openai

        last: Exception | None = None
        for mode in [self.confirmed] if self.confirmed else list(self.modes):
            body: dict[str, Any] = {
                "model": self.model,
                "messages": to_openai_messages(messages),
                "temperature": 0,
                "seed": self.settings.llm_seed,
                "max_tokens": self.settings.llm_max_tokens,
            }
            response_format = self._response_format(mode, schema, name)
            if response_format is not None:
                body["response_format"] = response_format
            try:
                # The client's own post(): same retries, auth, timeouts and errors as chat.completions.create,
                # without re-validating our already-plain body against its TypedDicts (~1.5 ms a call), and
                # returning the decoded JSON (cast_to=object) instead of building a ChatCompletion model from it
                # (~0.4 ms a call): we read three fields.
                response = await self.client.post("/chat/completions", body=body, cast_to=object)
            except openai.APITimeoutError as exc:
                if not _timed_out(exc):
                    raise BackendError("unreachable", f"lost the connection to {self.client.base_url}") from exc
                raise BackendError("timeout", f"no answer within {self.settings.llm_timeout_s:g}s") from exc
            except openai.RateLimitError as exc:
                raise BackendError("rate_limited", "the server kept answering 429 after retries") from exc
            except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
                raise BackendError("auth", "the server rejected the API key; check OPENAI_API_KEY") from exc
            except openai.NotFoundError as exc:
                raise BackendError(
                    "not_found",
                    f"model {self.model!r} or endpoint not found; check REVIEWER_MODEL and OPENAI_BASE_URL",
                ) from exc
            except openai.APIConnectionError as exc:
                raise BackendError("unreachable", f"cannot connect to {self.client.base_url}") from exc
            except openai.APIStatusError as exc:
                last = exc
                if mode == "text" or mode == self.confirmed:
                    break  # the last resort, or a mode known to work, failed: a server error, not a refusal
                log.info("server refused response_format=%s (HTTP %s); trying the next mode", mode, exc.status_code)
                if mode in self.modes:  # concurrent calls may have dropped it already
                    self.modes.remove(mode)
                continue
            self.confirmed = mode
            return _completion(response)
        status = getattr(last, "status_code", "?")
        raise BackendError("server_error", f"HTTP {status} in every output mode") from last
