"""A stand-in for an OpenAI-compatible server, on 127.0.0.1, speaking the real Chat Completions protocol.

It records every request body it receives, so tests can assert what would have left the machine, and
answers with whatever the ``responder`` decides: a completion, an HTTP error, a delay, a dropped connection, an
answer cut off mid-body.

With ``count_tokens=True`` it plays a server's accounting as well: the usage block counts the request's tokens
(approximately: a word or a punctuation mark is one token) and reports ``cached_tokens`` the way OpenAI's prompt
cache does: the longest prefix this stand-in has seen before, when it is at least 1,024 tokens, in steps of 128.

It serves HTTP/1.1 with keep-alive from one asyncio event loop in a background thread, as real servers do:
a thread per connection (``http.server``) added tens of milliseconds to a 500 ms delay under 48 concurrent
calls, and its listen backlog of 5 dropped bursts of new connections.
"""

import asyncio
import contextlib
import dataclasses
import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

Request = dict[str, Any]


@dataclass
class Reply:
    """What the stand-in sends back."""

    body: dict[str, Any] | str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    drop: bool = False  # close the connection without answering
    cut_after: int | None = None  # send the headers (full Content-Length) and only this many body bytes, then close
    hold_s: float = 0.0  # with cut_after: hold the connection this long before closing it (stalled mid-answer)


def chat_completion(content: str, prompt_tokens: int = 100, completion_tokens: int = 50) -> dict[str, Any]:
    """A Chat Completions response body carrying ``content``."""
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "standin",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content, "refusal": None},
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


_TOKEN = re.compile(r"\w+|[^\w\s]")
CACHE_MIN_TOKENS = 1024
CACHE_STEP_TOKENS = 128


def count_tokens(text: str) -> int:
    """An approximate token count: words and punctuation marks (BPE tokenizers give about as many)."""
    return len(_TOKEN.findall(text))


def prompt_tokens(request: Request) -> list[str]:
    """The request's prompt as tokens, in the order a server feeds them to the model."""
    text = "".join(f"<|{m.get('role')}|>{m.get('content')}" for m in request.get("messages") or [])
    return _TOKEN.findall(text)


class PromptCache:
    """OpenAI-style prompt caching: the longest prefix seen before, from 1,024 tokens up, in 128-token steps."""

    def __init__(self) -> None:
        self.seen: list[list[str]] = []

    def cached(self, tokens: list[str]) -> int:
        """How many of ``tokens`` a server would read from its cache; then remember them."""
        best = 0
        for old in self.seen:
            n = 0
            for a, b in zip(old, tokens, strict=False):
                if a != b:
                    break
                n += 1
            best = max(best, n)
        self.seen.append(tokens)
        if best < CACHE_MIN_TOKENS:
            return 0
        return CACHE_MIN_TOKENS + (best - CACHE_MIN_TOKENS) // CACHE_STEP_TOKENS * CACHE_STEP_TOKENS


def _counted(request: Request, reply: Reply, cache: PromptCache) -> Reply:
    """The reply with its usage block counted from the request and the answer (successful answers only)."""
    body = reply.body
    if reply.status != 200 or not isinstance(body, dict) or not body.get("choices"):
        return reply
    tokens = prompt_tokens(request)
    content = str((body["choices"][0].get("message") or {}).get("content") or "")
    completion = count_tokens(content)
    usage = {
        "prompt_tokens": len(tokens),
        "completion_tokens": completion,
        "total_tokens": len(tokens) + completion,
        "prompt_tokens_details": {"cached_tokens": cache.cached(tokens)},
    }
    return dataclasses.replace(reply, body={**body, "usage": usage})


_MODELS = {"object": "list", "data": [{"id": "standin", "object": "model", "owned_by": "test"}]}


def _encode(reply: Reply) -> bytes:
    payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body or {})
    data = payload.encode()
    sent = data if reply.cut_after is None else data[: reply.cut_after]
    try:
        reason = HTTPStatus(reply.status).phrase
    except ValueError:
        reason = ""
    head = [f"HTTP/1.1 {reply.status} {reason}", "Content-Type: application/json", f"Content-Length: {len(data)}"]
    head += [f"{key}: {value}" for key, value in reply.headers.items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + sent


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            chunks.append(await reader.readexactly(size + 2))
        await reader.readuntil(b"\r\n")  # the empty trailer
        return b"".join(c[:-2] for c in chunks)
    return await reader.readexactly(int(headers.get("content-length", "0")))


async def _hung_up_within(reader: asyncio.StreamReader, seconds: float) -> bool:
    """Wait ``seconds`` for the answer's delay; True when the client closed the connection meanwhile."""
    try:
        # b"" (EOF) when the client hangs up; the clients here never pipeline, so no request byte is read early
        data = await asyncio.wait_for(reader.read(1), timeout=seconds)
    except TimeoutError:
        return False
    return not data


class OpenAIStandin:
    """``with OpenAIStandin(responder) as srv: ... srv.base_url ... srv.requests``."""

    def __init__(self, responder: Callable[[Request], Reply], count_tokens: bool = False) -> None:
        self.responder = responder
        self.cache = PromptCache() if count_tokens else None
        self.requests: list[Request] = []  # every JSON request body received so far
        self.raw_requests: list[bytes] = []  # the same, byte for byte
        self.auth_headers: list[str] = []
        self.abandoned = 0  # delayed answers whose client hung up (a timed-out call that was cancelled)
        self._sock = socket.create_server(("127.0.0.1", 0), backlog=256)
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._handlers: set[asyncio.Task[None]] = set()
        self.thread = threading.Thread(target=self._serve, name="openai-standin", daemon=True)

    @property
    def base_url(self) -> str:
        """The ``OPENAI_BASE_URL`` to point a client at."""
        host, port = self._sock.getsockname()[:2]
        return f"http://{host!s}:{port}/v1"

    @property
    def open_connections(self) -> int:
        """How many client connections the stand-in holds open now."""
        return len(self._handlers)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._handle, sock=self._sock, backlog=256))
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            server.close()
            self._loop.run_until_complete(server.wait_closed())
            self._loop.close()

    def _route(self, method: str, path: str, raw: bytes) -> Reply:
        path = path.split("?", 1)[0].rstrip("/")
        if method == "GET":
            return Reply(_MODELS) if path.endswith("/models") else Reply({"error": {"message": "not found"}}, 404)
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            return Reply({"error": {"message": "invalid JSON"}}, status=400)
        self.requests.append(body)
        self.raw_requests.append(raw)
        if not path.endswith("/chat/completions"):
            return Reply({"error": {"message": f"no route {path}"}}, status=404)
        reply = self.responder(body)
        return _counted(body, reply, self.cache) if self.cache is not None else reply

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            while True:
                head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
                method, path = head[0].split(" ")[:2]
                headers = {}
                for line in head[1:]:
                    name, _, value = line.partition(":")
                    if name:
                        headers[name.strip().lower()] = value.strip()
                raw = await _read_body(reader, headers)
                if method == "POST":
                    self.auth_headers.append(headers.get("authorization", ""))
                reply = self._route(method, path, raw)
                if reply.delay_s:
                    # A real server stops generating when its client hangs up: so does the stand-in, and counts it.
                    if await _hung_up_within(reader, reply.delay_s):
                        self.abandoned += 1
                        return
                if reply.drop:
                    return
                writer.write(_encode(reply))
                await writer.drain()
                if reply.cut_after is not None:
                    if reply.hold_s:
                        await _hung_up_within(reader, reply.hold_s)
                    return
                if headers.get("connection", "").lower() == "close":
                    return
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, ValueError):
            return  # the client hung up (timeouts, dropped connections) or sent something we cannot parse
        except asyncio.CancelledError:
            return  # the stand-in is stopping
        finally:
            writer.close()
            self._handlers.discard(task)

    async def _stop(self) -> None:
        for task in list(self._handlers):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self._handlers, return_exceptions=True)

    def __enter__(self) -> "OpenAIStandin":
        self.thread.start()
        self._ready.wait(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop.is_running():
            asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=5)
            self._loop.call_soon_threadsafe(self._loop.stop)
        self.thread.join(timeout=5)
