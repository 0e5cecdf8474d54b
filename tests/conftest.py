import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from reviewer import Reviewer
from reviewer.api import create_app
from reviewer.models import CustomerContext, Finding, Message
from reviewer.rules import run_rules
from reviewer.settings import Settings
from reviewer.testing import OpenAIStandin, Reply


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


ServeLLM = Callable[..., tuple[OpenAIStandin, Reviewer]]


@pytest.fixture
async def serve(tmp_path: Path) -> AsyncIterator[ServeLLM]:
    """Starts OpenAI stand-ins on 127.0.0.1 and LLM reviewers pointed at them; stops and closes them all after.

    ``serve(responder, count_tokens=False, **settings)``: the stand-in answers with ``responder``; settings override
    the reviewer's (no SDK retries and a per-test state directory by default).
    """
    servers: list[OpenAIStandin] = []
    reviewers: list[Reviewer] = []

    def start(responder: Callable[[dict[str, Any]], Reply], **settings: Any) -> tuple[OpenAIStandin, Reviewer]:
        srv = OpenAIStandin(responder, count_tokens=settings.pop("count_tokens", False)).__enter__()
        servers.append(srv)
        cfg = Settings(
            openai_base_url=srv.base_url,
            openai_api_key="sk-test",
            model="standin",
            llm_max_retries=settings.pop("llm_max_retries", 0),
            llm_state_dir=settings.pop("llm_state_dir", tmp_path / "state"),
            **settings,
        )
        reviewers.append(Reviewer(cfg, judge="llm"))
        return srv, reviewers[-1]

    yield start
    for reviewer in reviewers:
        await reviewer.aclose()
    for srv in servers:
        srv.__exit__(None, None, None)
