import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from reviewer.api import create_app
from reviewer.models import CustomerContext, Finding, Message
from reviewer.rules import run_rules
from reviewer.settings import Settings


def findings(
    body: str,
    context: dict[str, Any] | None = None,
    *,
    channel: str = "email",
    subject: str | None = None,
    template: bool = False,
    rule: str | None = None,
    settings: Settings | None = None,
) -> list[Finding]:
    """Rule findings for a draft, optionally only those whose rule_id starts with ``rule``."""
    message = Message(channel=channel, body=body, subject=subject, template=template)  # type: ignore[arg-type]
    found = run_rules(message, CustomerContext.model_validate(context or {}), settings or Settings(_env_file=None))
    for f in found:
        text = body if f.field == "body" else (subject or "")
        assert text[f.start : f.end] == f.quote, f"span does not match quote for {f.rule_id}"
        assert f.rule_id and f.message and 0 <= f.severity <= 4
    return [f for f in found if rule is None or (f.rule_id or "").startswith(rule)]


ROOT = Path(__file__).resolve().parent.parent


def run_reviewer(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """The real ``reviewer`` command in a subprocess, without the developer's LLM, REVIEWER_* or CI variables."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "REVIEWER_", "GITHUB_"))}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "reviewer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environ,
        cwd=ROOT,
        timeout=timeout,
    )


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's real LLM configuration."""
    for var in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "REVIEWER_JUDGE",
        "REVIEWER_MODEL",
        "REVIEWER_PROMPTS_DIR",
    ):
        monkeypatch.delenv(var, raising=False)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    """uvicorn on 127.0.0.1 in a thread, stopped by the test."""

    def __init__(self, settings: Settings) -> None:
        self.port = free_port()
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live() -> Iterator[Callable[..., LiveServer]]:
    servers: list[LiveServer] = []

    def start(**overrides: Any) -> LiveServer:
        server = LiveServer(Settings(**overrides)).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)
