"""A stand-in for an OpenAI-compatible server, on 127.0.0.1, speaking the real Chat Completions protocol.

It records every request body it receives, so tests can assert what would have left the machine, and
answers with whatever the ``responder`` decides: a completion, an HTTP error, a delay, a dropped connection.
"""

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes; no 40 ms delayed-ACK stalls

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet by design
        return

    def _send(self, reply: Reply) -> None:
        if reply.delay_s:
            time.sleep(reply.delay_s)
        if reply.drop:
            self.close_connection = True
            self.connection.close()
            return
        payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body or {})
        data = payload.encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in reply.headers.items():
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path.rstrip("/").endswith("/models"):
            self._send(Reply({"object": "list", "data": [{"id": "standin", "object": "model", "owned_by": "test"}]}))
        else:
            self._send(Reply({"error": {"message": "not found"}}, status=404))

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._send(Reply({"error": {"message": "invalid JSON"}}, status=400))
            return
        with self.server.lock:
            self.server.requests.append(body)
            self.server.raw_requests.append(raw)
            self.server.auth_headers.append(self.headers.get("Authorization", ""))
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send(Reply({"error": {"message": f"no route {self.path}"}}, status=404))
            return
        self._send(self.server.responder(body))


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up (timeouts, dropped connections) are expected here, not errors."""

    responder: Callable[[Request], Reply]
    requests: list[Request]
    raw_requests: list[bytes]
    auth_headers: list[str]
    lock: threading.Lock


class OpenAIStandin:
    """``with OpenAIStandin(responder) as srv: ... srv.base_url ... srv.requests``."""

    def __init__(self, responder: Callable[[Request], Reply]) -> None:
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.responder = responder
        self.server.requests = []
        self.server.raw_requests = []
        self.server.auth_headers = []
        self.server.lock = threading.Lock()
        self.thread = threading.Thread(target=self.server.serve_forever, name="openai-standin", daemon=True)

    @property
    def base_url(self) -> str:
        """The ``OPENAI_BASE_URL`` to point a client at."""
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    @property
    def requests(self) -> list[Request]:
        """Every JSON request body received so far."""
        return self.server.requests

    @property
    def raw_requests(self) -> list[bytes]:
        """Every raw request body received so far, byte for byte."""
        return self.server.raw_requests

    def __enter__(self) -> "OpenAIStandin":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
