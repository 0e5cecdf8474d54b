"""The result cache shared through a real Redis server (Debian's redis-server on 127.0.0.1)."""

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from reviewer.api import create_app
from reviewer.settings import Settings
from tests.conftest import free_port

DRAFT = {
    "message": {"channel": "email", "body": "Dear Mrs. Lee,\nyour order shipped."},
    "context": {"name": {"last": "Lee"}},
}


@pytest.fixture
def redis_url(tmp_path: object) -> Iterator[str]:
    server = shutil.which("redis-server")
    assert server, "redis-server is required: apt-get install redis-server (scripts/test.sh does this)"
    port = free_port()
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_two_instances_share_results_through_redis(redis_url: str) -> None:
    first = TestClient(
        create_app(Settings(open_access=True, redis_url=redis_url)),
        client=("127.0.0.1", 1),
        base_url="http://127.0.0.1",
    )
    second = TestClient(
        create_app(Settings(open_access=True, redis_url=redis_url)),
        client=("127.0.0.1", 1),
        base_url="http://127.0.0.1",
    )
    a = first.post("/v1/reviews", json=DRAFT).json()
    b = second.post("/v1/reviews", json=DRAFT).json()
    assert a["meta"]["cached"] is False and b["meta"]["cached"] is True
    assert b["findings"] == a["findings"]
    assert "reviewer_cache_hits_total 1.0" in second.get("/metrics").text


def test_a_redis_outage_does_not_fail_reviews() -> None:
    client = TestClient(
        create_app(Settings(open_access=True, redis_url="redis://127.0.0.1:9/0")),
        client=("127.0.0.1", 1),
        base_url="http://127.0.0.1",
    )
    r = client.post("/v1/reviews", json=DRAFT)
    assert r.status_code == 200 and r.json()["meta"]["cached"] is False
