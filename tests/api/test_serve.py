"""Issue 18: ``reviewer serve`` itself, in a subprocess on 127.0.0.1: its logs and its proxy-header default."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import ROOT, free_port

DRAFT = {"message": {"channel": "email", "body": "Hi Dana, marker-7f3a: your parcel is here."}, "context": {}}


@pytest.fixture
def served() -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "REVIEWER_"))}
    env.update(
        REVIEWER_JUDGE="rules",
        REVIEWER_ACCESS_LOG="true",
        REVIEWER_LOG_BODIES="true",
        FORWARDED_ALLOW_IPS="*",  # uvicorn's own variable: it must not switch proxy headers on
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewer", "serve", "--open-access", "--port", str(port)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, "reviewer serve did not start"
        time.sleep(0.2)
    yield url, proc
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_writes_access_lines_and_debug_bodies_and_ignores_forwarded_for(
    served: tuple[str, subprocess.Popen[str]],
) -> None:
    url, proc = served
    spoofed = {"X-Forwarded-For": "203.0.113.9", "x-request-id": "req-18"}
    assert httpx.post(f"{url}/v1/reviews", json=DRAFT, headers=spoofed, timeout=60).status_code == 200
    proc.terminate()
    _, err = proc.communicate(timeout=20)
    assert '"request_id": "req-18"' in err and '"route": "/v1/reviews"' in err and '"status": 200' in err
    assert "marker-7f3a" in err  # REVIEWER_LOG_BODIES logs what it says it logs
