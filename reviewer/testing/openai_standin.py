"""A stand-in for an OpenAI-compatible server, on 127.0.0.1, speaking the real Chat Completions protocol.

It records every request body it receives, so tests can assert what would have left the machine, and
answers with whatever the ``responder`` decides: a completion, an HTTP error, a delay, a dropped connection.

It serves HTTP/1.1 with keep-alive from one asyncio event loop in a background thread, as real servers do:
a thread per connection (``http.server``) added tens of milliseconds to a 500 ms delay under 48 concurrent
calls, and its listen backlog of 5 dropped bursts of new connections.
"""

import asyncio
import contextlib
import json
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


_MODELS = {"object": "list", "data": [{"id": "standin", "object": "model", "owned_by": "test"}]}


def _encode(reply: Reply) -> bytes:
    payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body or {})
    data = payload.encode()
    try:
        reason = HTTPStatus(reply.status).phrase
    except ValueError:
        reason = ""
    head = [f"HTTP/1.1 {reply.status} {reason}", "Content-Type: application/json", f"Content-Length: {len(data)}"]
    head += [f"{key}: {value}" for key, value in reply.headers.items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + data


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            chunks.append(await reader.readexactly(size + 2))
        await reader.readuntil(b"\r\n")  # the empty trailer
        return b"".join(c[:-2] for c in chunks)
    return await reader.readexactly(int(headers.get("content-length", "0")))


class OpenAIStandin:
    """``with OpenAIStandin(responder) as srv: ... srv.base_url ... srv.requests``."""

    def __init__(self, responder: Callable[[Request], Reply]) -> None:
        self.responder = responder
        self.requests: list[Request] = []  # every JSON request body received so far
        self.raw_requests: list[bytes] = []  # the same, byte for byte
        self.auth_headers: list[str] = []
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
        return self.responder(body)

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
                    await asyncio.sleep(reply.delay_s)
                if reply.drop:
                    return
                writer.write(_encode(reply))
                await writer.drain()
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
