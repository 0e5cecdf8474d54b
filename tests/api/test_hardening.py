"""Issue 18: no input stalls the service, every fault degrades cleanly (real uvicorn on 127.0.0.1 where it matters)."""

import functools
import json
import random
import select
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from reviewer import Reviewer
from reviewer.api import create_app
from reviewer.api.cache import MemoryCache
from reviewer.api.security import hash_key
from reviewer.api.server import server_config
from reviewer.models import Finding, ReviewRequest
from reviewer.rules import engine
from reviewer.settings import Settings
from reviewer.testing import OpenAIStandin, Reply, chat_completion
from tests.api.conftest import AUTH, KEY, llm_settings, make_client
from tests.conftest import free_port
from tests.llm_model import judgement

DRAFT = {
    "message": {"channel": "email", "body": "Hi ,\nWe noticed you looked at strollers 4 times. Sale ends Sunday."},
    "context": {"observed_signals": [{"kind": "browsing", "detail": "strollers"}]},
}
NORMAL = (
    "Dear Grace,\nThank you for your order last week. Our spring collection has arrived, with linen shirts, "
    "light jackets and walking shoes in new colours. Members save 10% until Sunday. "
)
PATHOLOGICAL = ["Hi , ", "TBD ", "$XX ", "ACT NOW ", "Surgery "]


class Served:
    """The app under ``reviewer serve``'s own uvicorn configuration, on 127.0.0.1, in a thread."""

    def __init__(self, settings: Settings) -> None:
        self.port = free_port()
        self.server = uvicorn.Server(server_config(create_app(settings), settings, "127.0.0.1", self.port))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def serve() -> Iterator[Any]:
    servers: list[Served] = []

    def start(**overrides: Any) -> Served:
        servers.append(Served(Settings(**overrides)))
        return servers[-1]

    yield start
    for s in servers:
        s.stop()


def _request(body: str) -> ReviewRequest:
    return ReviewRequest.model_validate({"message": {"channel": "email", "body": body}, "context": {}})


def _seconds_per_kb(body: str, settings: Settings) -> float:
    request = _request(body)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        engine.run_rules(request.message, request.context, settings)
        best = min(best, time.perf_counter() - started)
    return best / (len(body) / 1000)


@pytest.mark.parametrize("unit", PATHOLOGICAL)
def test_finding_dense_drafts_cost_about_what_a_normal_draft_costs_per_kilobyte(unit: str) -> None:
    # a ratio within one run, not a wall-clock limit: comparing every finding with every other made a 20 KB
    # finding-dense draft hundreds of times dearer per kilobyte than prose
    settings = Settings(judge="rules")
    normal = _seconds_per_kb((NORMAL * 200)[:20_000], settings)
    dense = _seconds_per_kb((unit * 5_000)[:20_000], settings)
    small = _seconds_per_kb((unit * 500)[:2_000], settings)
    assert dense < 25 * normal, (dense, normal)
    assert dense < 4 * small, (dense, small)  # and near-linear in the size


def _brute_nested(tokens: list[Finding]) -> set[int]:
    return {
        id(f)
        for f in tokens
        if any(
            o is not f
            and (o.field, o.category) == (f.field, f.category)
            and o.start <= f.start
            and f.end <= o.end
            and o.end - o.start > f.end - f.start
            and o.severity >= f.severity
            for o in tokens
        )
    }


def test_the_nesting_sweep_drops_exactly_what_comparing_every_pair_drops() -> None:
    rng = random.Random(18)
    for _ in range(300):
        tokens = []
        for _ in range(rng.randint(1, 25)):
            start = rng.randint(0, 30)
            tokens.append(
                Finding(
                    field=rng.choice(["subject", "body"]),
                    start=start,
                    end=start + rng.randint(1, 8),
                    category=rng.choice(["data_quality", "privacy"]),
                    rule_id="data_quality.test",
                    severity=rng.randint(1, 4),
                    message="m",
                    quote="q",
                )
            )
        assert engine._nested(tokens) == _brute_nested(tokens)


def test_a_review_lists_at_most_max_findings_and_says_so() -> None:
    client = make_client(max_findings=10, judge="rules")
    r = client.post("/v1/reviews", json={**DRAFT, "message": {"channel": "email", "body": "TBD " * 200}}, headers=AUTH)
    assert r.status_code == 200
    body = r.json()
    assert len(body["findings"]) == 10
    assert any("REVIEWER_MAX_FINDINGS" in n and "200 findings" in n for n in body["meta"]["notes"])
    assert body["verdict"] == "block"  # the verdict still weighs every finding


def test_healthz_answers_while_a_long_draft_is_reviewed(serve: Any) -> None:
    server = serve(open_access=True, judge="rules", max_draft_chars=200_000, max_body_bytes=1_000_000, cache_size=0)
    # 160,000 characters whose every sentence is flagged: seconds of work for the rules, warm or cold
    body = ("Dear Mrs. Smith, as a busy mom you will love this. " * 3_200)[:160_000]
    heavy = json.dumps({**DRAFT, "message": {"channel": "email", "body": body}}).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=120) as review:
        review.sendall(HEAD % len(heavy) + heavy)
        time.sleep(0.05)  # the review is under way
        assert httpx.get(f"{server.url}/healthz", timeout=120).status_code == 200
        # a server busy with the rules on its event loop writes the review's answer before it can answer
        # /healthz, so that answer would be waiting here already
        waiting, _, _ = select.select([review], [], [], 0)
        assert not waiting, "/healthz waited for the review"
        review.settimeout(120)
        assert review.recv(12) == b"HTTP/1.1 200"


def test_the_memory_cache_is_bounded_by_bytes() -> None:
    import asyncio

    client = make_client(judge="rules", cache_size=0)
    one = client.post("/v1/reviews", json=DRAFT, headers=AUTH)
    from reviewer.models import ReviewResult

    result = ReviewResult.model_validate(one.json())
    size = len(result.model_dump_json())
    cache = MemoryCache(size=1000, ttl_s=3600, max_bytes=size * 3)

    async def fill() -> None:
        for i in range(50):
            await cache.put(f"k{i}", result)
        assert await cache.get("k49") is not None and await cache.get("k0") is None

    asyncio.run(fill())
    assert len(cache.items) == 3 and cache.bytes <= size * 3


HEAD = b"POST /v1/reviews HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"


def _raw(port: int, data: bytes, wait_s: float = 20) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait_s) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks) and b"}" in chunk:
                break
        return b"".join(chunks)


def test_a_request_without_a_key_is_refused_before_its_body_is_sent(serve: Any) -> None:
    server = serve(api_keys=hash_key(KEY), judge="rules")
    head = HEAD % 200_000
    answer = _raw(server.port, head)  # no body follows: the answer must not wait for it
    assert answer.startswith(b"HTTP/1.1 401") and b"unauthorized" in answer


def test_a_slow_body_is_answered_408(serve: Any) -> None:
    server = serve(open_access=True, judge="rules", read_timeout_s=0.5)
    head = HEAD % 500 + b"{"
    answer = _raw(server.port, head)
    assert answer.startswith(b"HTTP/1.1 408") and b"REVIEWER_READ_TIMEOUT_S" in answer


def test_slow_headers_are_cut_off(serve: Any) -> None:
    server = serve(open_access=True, judge="rules", read_timeout_s=0.5)
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finishes its headers
        assert sock.recv(1024) == b""  # closed by the server, not by our own timeout (that would raise)


def test_batch_items_count_against_the_rate_limit() -> None:
    client = make_client(rate_limit_per_minute=5, judge="rules")
    assert client.post("/v1/reviews:batch", json={"items": [DRAFT] * 4}, headers=AUTH).status_code == 200
    refused = client.post("/v1/reviews:batch", json={"items": [DRAFT] * 2}, headers=AUTH)
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert client.post("/v1/reviews", json=DRAFT, headers=AUTH).status_code == 200  # the fifth review
    assert client.post("/v1/reviews", json=DRAFT, headers=AUTH).status_code == 429


def test_x_forwarded_for_is_ignored_unless_a_proxy_is_trusted(serve: Any) -> None:
    server = serve(open_access=True, judge="rules")
    spoofed = {"X-Forwarded-For": "203.0.113.9"}
    # believed, the header would make this loopback client "203.0.113.9", refused by open access
    assert httpx.post(f"{server.url}/v1/reviews", json=DRAFT, headers=spoofed, timeout=30).status_code == 200
    trusting = serve(open_access=True, judge="rules", forwarded_allow_ips="127.0.0.1")
    assert httpx.post(f"{trusting.url}/v1/reviews", json=DRAFT, headers=spoofed, timeout=30).status_code == 403


def _open_client() -> TestClient:
    return TestClient(
        create_app(Settings(open_access=True, judge="rules")), client=("127.0.0.1", 1), base_url="http://127.0.0.1:8000"
    )


def test_open_access_refuses_other_hosts_and_other_sites_pages() -> None:
    client = _open_client()
    assert client.post("/v1/reviews", json=DRAFT).status_code == 200
    assert client.post("/v1/reviews", json=DRAFT, headers={"Origin": "http://localhost:8000"}).status_code == 200
    rebound = client.post("/v1/reviews", json=DRAFT, headers={"Host": "attacker.example:8000"})
    assert rebound.status_code == 403 and "REVIEWER_ALLOWED_HOSTS" in rebound.json()["message"]
    form = client.post(
        "/v2/check", data={"text": "Hi ,", "language": "en-US"}, headers={"Origin": "https://attacker.example"}
    )
    assert form.status_code == 403
    assert client.post("/v2/check", data={"text": "Hi ,", "language": "en-US"}).status_code == 200
    extension = {"Origin": "chrome-extension://abcdefghijklmnopabcdefghijklmnop"}  # the user installed it
    assert client.post("/v1/reviews", json=DRAFT, headers=extension).status_code == 200


def test_request_ids_are_echoed_only_when_short_and_plain(client: TestClient) -> None:
    assert client.get("/healthz", headers={"x-request-id": "abc-123"}).headers["x-request-id"] == "abc-123"
    long = client.get("/healthz", headers={"x-request-id": "a" * 10_000}).headers["x-request-id"]
    assert len(long) == 12 and long != "a" * 12


def test_the_page_is_served_with_a_policy_and_cannot_be_framed(client: TestClient) -> None:
    page = client.get("/")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/app.js").headers["x-content-type-options"] == "nosniff"


def test_metrics_can_require_a_key() -> None:
    assert make_client().get("/metrics").status_code == 200
    closed = make_client(metrics_require_key=True)
    assert closed.get("/metrics").status_code == 401
    assert closed.get("/metrics", headers=AUTH).status_code == 200


def test_docs_load_swagger_ui_from_the_service_itself(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "cdn." not in page and "/docs-assets/swagger-ui-bundle.js" in page
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/docs-assets/swagger-ui.css").status_code == 200


def _llm(llm: OpenAIStandin, **more: Any) -> dict[str, Any]:
    """No retries and no cache: each request meets the stand-in's fault once."""
    return llm_settings(llm, llm_max_retries=0, cache_size=0, **more)


def test_readyz_reuses_its_llm_check(serve: Any) -> None:
    llm = OpenAIStandin(lambda req: Reply({}))
    with llm:
        server = serve(**_llm(llm))
        assert httpx.get(f"{server.url}/readyz", timeout=30).json()["llm"] == "reachable"
    # the LLM is gone; a probe within REVIEWER_READY_CHECK_S does not call it again
    assert httpx.get(f"{server.url}/readyz", timeout=30).json()["llm"] == "reachable"


def test_readyz_does_not_wait_on_a_hung_llm(serve: Any) -> None:
    with OpenAIStandin(lambda req: Reply({})) as llm:
        server = serve(**_llm(llm, read_timeout_s=0.5, llm_timeout_s=600))
        app = server.server.config.app
        backend = app.state.service.reviewer.backend

        async def hang() -> str | None:
            import asyncio

            await asyncio.sleep(600)
            return None

        backend.check = hang
        status = httpx.get(f"{server.url}/readyz", timeout=30)
        assert status.status_code == 503 and "no answer within 0.5 s" in status.json()["llm"]


SURROGATE = '{"message":{"channel":"email","body":"Hi \\ud800 there, we saw you looked at strollers."},"context":{}}'


def test_a_lone_surrogate_is_a_422_on_every_route(client: TestClient) -> None:
    headers = {**AUTH, "content-type": "application/json"}
    for path in ("/v1/reviews", "/v1/reviews:stream"):
        r = client.post(path, content=SURROGATE, headers=headers)
        assert r.status_code == 422 and "message.body" in r.json()["message"] and "surrogate" in r.json()["message"]
    batch = client.post("/v1/reviews:batch", content='{"items":[' + SURROGATE + "]}", headers=headers)
    item = batch.json()["results"][0]
    assert batch.status_code == 200 and item["ok"] is False and item["error"]["code"] == "invalid_request"


def test_an_html_answer_from_the_llm_degrades_to_the_rules_review(serve: Any) -> None:
    html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    with OpenAIStandin(lambda req: Reply(html)) as llm:
        server = serve(**_llm(llm))
        r = httpx.post(f"{server.url}/v1/reviews", json=DRAFT, timeout=60)
        assert r.status_code == 200, r.text
        assert r.json()["meta"]["degraded"] is True and r.json()["findings"]  # the rules' review survives
        with httpx.stream("POST", f"{server.url}/v1/reviews:stream", json=DRAFT, timeout=60) as stream:
            text = "".join(stream.iter_text())
        assert "event: error" not in text and "event: result" in text


def test_a_batch_answers_within_the_request_deadline(serve: Any) -> None:
    with OpenAIStandin(lambda req: Reply({}, delay_s=60)) as llm:
        server = serve(**_llm(llm, request_deadline_s=2, llm_timeout_s=120))
        started = time.monotonic()
        r = httpx.post(f"{server.url}/v1/reviews:batch", json={"items": [DRAFT] * 8}, timeout=120)
        elapsed = time.monotonic() - started
    assert r.status_code == 200
    assert all(item["ok"] and item["result"]["meta"]["degraded"] for item in r.json()["results"])
    # four at a time: before, the second four started their own 2 s once the first four gave up (4 s in all)
    assert elapsed < 3.5, elapsed


def _rules_scores(draft: dict[str, Any]) -> dict[str, int]:
    """What the rules alone score each rubric: the floor a degraded LLM review keeps."""
    result = Reviewer(Settings(judge="rules")).review_sync({**draft, "rewrite": False})
    return {rid: s.score for rid, s in result.scores.items()}


def test_an_llm_answer_cut_mid_body_is_reported_as_such_and_keeps_the_rules_floor(serve: Any) -> None:
    # the stand-in sends the headers with the whole answer's Content-Length, 60 bytes of it, then closes
    answer = chat_completion(json.dumps(judgement({"creepiness": 4})))
    with OpenAIStandin(lambda req: Reply(answer, cut_after=60)) as llm:
        server = serve(**_llm(llm))
        r = httpx.post(f"{server.url}/v1/reviews", json=DRAFT, timeout=60)
        assert len(llm.requests) >= 2  # the judge, then the rewrite: both reached the server and were cut
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["meta"]["degraded"] is True
    assert {s["unscored_reason"] for s in data["scores"].values()} == {"incomplete_response"}
    for score in data["scores"].values():
        assert "the LLM server closed the connection mid-answer (incomplete response)" in score["rationale"]
        assert "cannot connect" not in score["rationale"]
    assert {rid: s["score"] for rid, s in data["scores"].items()} == _rules_scores(DRAFT)
    assert any("rewrite call failed: incomplete_response" in n for n in data["meta"]["notes"])


@functools.cache
def _huge() -> dict[str, Any]:
    """A 5 MB judgement: megabytes of reasoning, dozens of evidence items with 20 KB texts, 30 instructions."""
    text = "word " * 200_000  # 1 MB
    evidence = {"quote": "looked at strollers", "problem": text[:20_000], "severity": 3, "suggestion": text[:20_000]}
    rubric = {"evidence": [evidence] * 20, "reasoning": text, "score": 3}
    rubrics = {rid: rubric for rid in ("creepiness", "stereotyping", "overreach")}
    instructions = [f"instruction {i}" for i in range(30)]
    return chat_completion(json.dumps({"instructions_found": instructions, "rubrics": rubrics}))


def _huge_answer(_: dict[str, Any]) -> Reply:
    return Reply(_huge())


def test_a_multi_megabyte_llm_answer_is_not_read_and_the_response_stays_small(serve: Any) -> None:
    with OpenAIStandin(_huge_answer) as llm:
        server = serve(**_llm(llm))
        r = httpx.post(f"{server.url}/v1/reviews", json=DRAFT, timeout=60)
    assert r.status_code == 200, r.text
    assert len(r.content) < 100_000, len(r.content)
    data = r.json()
    assert data["meta"]["degraded"] is True
    assert {s["unscored_reason"] for s in data["scores"].values()} == {"answer_too_large"}
    assert "REVIEWER_LLM_MAX_ANSWER_BYTES" in data["scores"]["creepiness"]["rationale"]
    assert {rid: s["score"] for rid, s in data["scores"].items()} == _rules_scores(DRAFT)


def test_an_llm_answer_read_whole_contributes_bounded_text_and_says_it_was_truncated(serve: Any) -> None:
    with OpenAIStandin(_huge_answer) as llm:
        server = serve(**_llm(llm, llm_max_answer_bytes=50_000_000))  # read it all: the caps per field still hold
        r = httpx.post(f"{server.url}/v1/reviews", json=DRAFT, timeout=60)
    assert r.status_code == 200, r.text
    assert len(r.content) < 100_000, len(r.content)
    data = r.json()
    assert all(s["score"] >= 3 and s["unscored_reason"] is None for s in data["scores"].values())
    assert all(len(s["rationale"]) < 3_000 for s in data["scores"].values())
    llm_findings = [f for f in data["findings"] if f["source"] == "llm"]
    assert llm_findings and all(len(f["message"]) <= 501 and len(f["suggestion"]) <= 501 for f in llm_findings)
    notes = data["meta"]["notes"]
    cut = "10 evidence item(s) past the first 10 ignored; evidence text cut to 500 characters; reasoning cut to 2,000"
    assert f"creepiness: the LLM answer was truncated ({cut} characters)" in notes
    assert "the LLM reported 25 more instruction(s), not listed" in notes
