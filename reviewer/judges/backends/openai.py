"""The official async openai client against any OpenAI-compatible server."""

import asyncio
import importlib
import json
import logging
import socket
import weakref
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import BaseMessage

from reviewer.errors import ConfigurationError
from reviewer.judges.backends._base import BackendError, Completion
from reviewer.judges.backends._modes import MODES, ModeMemory, OutputMode
from reviewer.models import Tokens
from reviewer.settings import Settings

log = logging.getLogger("reviewer.llm")

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}
_CHECK = ": check OPENAI_BASE_URL and that the server is running"


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
    return Completion(text=message.get("content") or "", tokens=usage_tokens(response.get("usage")))


def _count(value: object) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


def usage_tokens(usage: object) -> Tokens:
    """Token counts from a usage block that may be missing, partial, or carry nulls; cached tokens when given."""
    if not isinstance(usage, dict):
        return Tokens()
    details = usage.get("prompt_tokens_details")
    cached = details.get("cached_tokens") if isinstance(details, dict) else None
    return Tokens(
        prompt=_count(usage.get("prompt_tokens")),
        completion=_count(usage.get("completion_tokens")),
        cached=_count(cached),
    )


def _retry_after(exc: Any, attempt: int) -> float:
    """The server's Retry-After (capped at 20 s), else an exponential backoff from 0.5 s."""
    response = getattr(exc, "response", None)
    header: str | None = response.headers.get("retry-after") if response is not None else None
    try:
        return min(float(header), 20.0) if header is not None else 0.5 * 2.0**attempt
    except ValueError:
        return 0.5 * 2.0**attempt


def _caused_by(exc: BaseException | None, kinds: type[BaseException] | tuple[type[BaseException], ...]) -> bool:
    """Whether ``exc`` or one of its causes is one of ``kinds`` (transports raise their own, caused by the OS's)."""
    while exc is not None:
        if isinstance(exc, kinds):
            return True
        exc = exc.__cause__
    return False


def _timed_out(exc: BaseException) -> bool:
    """Whether the SDK's timeout error means that time ran out.

    The aiohttp transport reports every lost or refused connection as a connect timeout too; the real error is
    among its causes, and only a TimeoutError there is a timeout.
    """
    return exc.__cause__ is None or _caused_by(exc.__cause__, TimeoutError)


# Asks the SDK for the response as soon as its headers arrive, body unread (what its with_streaming_response sets).
_UNREAD: dict[str, Any] = {"headers": {"X-Stainless-Raw-Response": "stream"}}


async def _read_answer(response: Any, limit: int, timeout_s: float) -> object:
    """The decoded JSON body of a response whose headers came, read up to ``limit`` bytes.

    Whatever fails while the body arrives fails after the server answered: time ran out, or the connection was
    closed mid-answer; the transport's own error (httpx, aiohttp: it depends on the SDK's version) says which.
    """
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                break
            chunks.append(chunk)
    except Exception as exc:  # noqa: BLE001 - any transport's error mid-body, told apart by its cause
        if _caused_by(exc, TimeoutError):
            raise BackendError("timeout", f"the answer stopped arriving for {timeout_s:g}s") from exc
        raise BackendError(
            "incomplete_response",
            "the LLM server closed the connection mid-answer (incomplete response); the server or a proxy "
            "between may have cut it: check their logs, then review again",
        ) from exc
    finally:
        await response.close()
    if size > limit:
        raise BackendError(
            "answer_too_large",
            f"the answer is over {limit:,} bytes (REVIEWER_LLM_MAX_ANSWER_BYTES), so the rest was not read",
        )
    try:
        return json.loads(b"".join(chunks))
    except ValueError as exc:
        raise BackendError("malformed_response", f"the server's answer is not JSON ({str(exc)[:120]})") from exc


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
        if client is None and settings.openai_api_key is None and settings.openai_base_url is None:
            # Never fall through to the hosted API with no key: that is a 401 after a network round trip.
            raise ConfigurationError(
                "the LLM judge needs a server: set OPENAI_API_KEY or OPENAI_BASE_URL (hosted OpenAI, or any "
                "OpenAI-compatible server), or use --judge rules"
            )
        self.model: str | None = settings.model
        self.settings = settings
        self._given = client
        # An async HTTP client's connections belong to one event loop; review_sync() runs a fresh loop each
        # call, so keep one client per loop instead of reusing a dead one.
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = weakref.WeakKeyDictionary()
        self.memory = ModeMemory(settings.llm_state_dir)
        first = self.memory.first_mode(settings.openai_base_url, settings.model)
        self.modes: list[OutputMode] = list(MODES[MODES.index(first) :])
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
                max_retries=0,  # retried here: a refusal is learned at once, a timed-out call is not re-sent
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
            return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}}
        if mode == "json_object":
            return {"type": "json_object", "schema": schema}
        return None

    async def complete(self, messages: Sequence[BaseMessage], schema: dict[str, Any], name: str) -> Completion:
        """Ask for JSON, stepping down the structured-output ladder at the first refusal of a mode.

        Until a mode has worked, an HTTP error is read as a refusal of that mode (llama.cpp answers 500 to
        ``json_schema``) and the next mode is tried at once, without retries; the mode that works is remembered
        for this server across processes. After that, 429 and 5xx are retried (``llm_max_retries``, honouring
        Retry-After), and a timed-out call is cancelled and reported, never re-sent to a server still busy with it.
        """
        import openai

        chat = to_openai_messages(messages)
        attempt = 0
        while True:
            mode = self.confirmed or self.modes[0]
            body: dict[str, Any] = {
                "model": self.model,
                "messages": chat,
                "temperature": 0,
                "seed": self.settings.llm_seed,
                "max_tokens": self.settings.llm_max_tokens,
            }
            response_format = self._response_format(mode, schema, name)
            if response_format is not None:
                body["response_format"] = response_format
            try:
                # The client's own post(): same auth, timeouts and errors as chat.completions.create, without
                # re-validating our plain body against its TypedDicts; the body is read here, at most
                # REVIEWER_LLM_MAX_ANSWER_BYTES of it (we read three fields).
                response = await self.client.post("/chat/completions", body=body, cast_to=object, options=_UNREAD)
            except openai.APITimeoutError as exc:
                if _caused_by(exc, (ConnectionRefusedError, socket.gaierror)):  # aiohttp's refusals read as timeouts
                    why = f"cannot connect to {self.client.base_url} (refused, or no such host){_CHECK}"
                    raise BackendError("unreachable", why) from exc
                if not _timed_out(exc):
                    raise BackendError("unreachable", f"lost the connection to {self.client.base_url}") from exc
                raise BackendError("timeout", f"no answer within {self.settings.llm_timeout_s:g}s") from exc
            except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
                raise BackendError("auth", "the server rejected the API key; check OPENAI_API_KEY") from exc
            except openai.NotFoundError as exc:
                raise BackendError(
                    "not_found",
                    f"model {self.model!r} or endpoint not found; check REVIEWER_MODEL and OPENAI_BASE_URL",
                ) from exc
            except openai.APIConnectionError as exc:
                raise BackendError("unreachable", f"cannot connect to {self.client.base_url}{_CHECK}") from exc
            except openai.APIStatusError as exc:
                refused = self.confirmed is None and exc.status_code != 429 and mode != "text"
                if refused:
                    log.info("server refused response_format=%s (HTTP %s); trying the next mode", mode, exc.status_code)
                    if mode in self.modes and len(self.modes) > 1:  # concurrent calls may have dropped it already
                        self.modes.remove(mode)
                    continue
                retryable = exc.status_code == 429 or exc.status_code >= 500
                if retryable and attempt < self.settings.llm_max_retries:
                    await asyncio.sleep(_retry_after(exc, attempt))
                    attempt += 1
                    continue
                if exc.status_code == 429:
                    raise BackendError("rate_limited", "the server kept answering 429 after retries") from exc
                raise BackendError("server_error", f"HTTP {exc.status_code} in output mode {mode}") from exc
            answer = await _read_answer(response, self.settings.answer_limit(), self.settings.llm_timeout_s)
            if self.confirmed is None:
                self.confirmed = mode
                self.memory.remember(self.settings.openai_base_url, self.model, mode)
            return _completion(answer)
