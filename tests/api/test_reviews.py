"""The API through the real app: shapes, auth, limits, errors, cache, metrics."""

import json

from fastapi.testclient import TestClient

from reviewer.api import create_app
from reviewer.settings import Settings
from tests.api.conftest import AUTH, KEY, make_client

DRAFT = {
    "message": {"channel": "email", "body": "Dear Mrs. Lee,\nCongratulations on your pregnancy!"},
    "context": {"name": {"last": "Lee"}, "inferred_attributes": [{"attribute": "likely_pregnant"}]},
}


def test_review_follows_the_contract(client: TestClient) -> None:
    r = client.post("/v1/reviews", json=DRAFT, headers=AUTH)
    assert r.status_code == 200
    data = r.json()
    assert set(data) == {"verdict", "scores", "findings", "rewrite", "redaction", "meta"}
    assert data["verdict"] == "block" and data["meta"]["cached"] is False
    body = DRAFT["message"]["body"]
    assert all(body[f["start"] : f["end"]] == f["quote"] for f in data["findings"])
    assert r.headers["x-request-id"]


def test_identical_requests_are_served_from_the_cache(client: TestClient) -> None:
    first = client.post("/v1/reviews", json=DRAFT, headers=AUTH).json()
    second = client.post("/v1/reviews", json=DRAFT, headers=AUTH).json()
    assert first["meta"]["cached"] is False and second["meta"]["cached"] is True
    assert second["findings"] == first["findings"]
    assert "reviewer_cache_hits_total 1.0" in client.get("/metrics").text


def test_auth_needs_a_valid_bearer_key(client: TestClient) -> None:
    missing = client.post("/v1/reviews", json=DRAFT)
    assert missing.status_code == 401 and missing.json()["code"] == "unauthorized"
    wrong = client.post("/v1/reviews", json=DRAFT, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "not valid" in wrong.json()["message"]
    basic = client.post("/v1/reviews", json=DRAFT, headers={"Authorization": f"Basic {KEY}"})
    assert basic.status_code == 401 and "Bearer" in basic.json()["message"]


def test_open_access_only_when_configured_and_only_on_loopback() -> None:
    closed = TestClient(create_app(Settings()), client=("127.0.0.1", 1), base_url="http://127.0.0.1")
    r = closed.post("/v1/reviews", json=DRAFT)
    assert r.status_code == 401 and "REVIEWER_OPEN_ACCESS" in r.json()["message"]
    local = TestClient(create_app(Settings(open_access=True)), client=("127.0.0.1", 1), base_url="http://127.0.0.1")
    assert local.post("/v1/reviews", json=DRAFT).status_code == 200
    remote = TestClient(create_app(Settings(open_access=True)), client=("198.51.100.2", 1))
    r = remote.post("/v1/reviews", json=DRAFT)
    assert r.status_code == 403 and r.json()["code"] == "forbidden"


def test_rate_limit_answers_429_with_retry_after() -> None:
    client = make_client(rate_limit_per_minute=3)
    codes = [client.post("/v1/reviews", json=DRAFT, headers=AUTH).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    r = client.post("/v1/reviews", json=DRAFT, headers=AUTH)
    assert r.json()["code"] == "rate_limited" and 1 <= int(r.headers["Retry-After"]) <= 60
    # a client's connection check is authenticated but does not spend the quota
    assert client.get("/v1/info", headers=AUTH).status_code == 200


def test_info_checks_the_key_and_names_the_api_version() -> None:
    client = make_client()
    info = client.get("/v1/info", headers=AUTH).json()
    assert info["service"] == "reviewer" and info["api_version"] == 1 and info["judge"] == "rules"
    r = client.get("/v1/info", headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.json()["code"] == "unauthorized"


def test_body_size_413_and_draft_length_422_name_the_limit() -> None:
    client = make_client(max_body_bytes=2048, max_draft_chars=500)
    big = {"message": {"channel": "email", "body": "x" * 5000}}
    r = client.post("/v1/reviews", content=json.dumps(big), headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "payload_too_large" and "2048" in r.json()["message"]
    long = {"message": {"channel": "email", "body": "word " * 200}}
    r = client.post("/v1/reviews", json=long, headers=AUTH)
    assert r.status_code == 422 and r.json()["code"] == "draft_too_long" and "500" in r.json()["message"]


def test_chunked_body_over_the_limit_is_413() -> None:
    client = make_client(max_body_bytes=1024)

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(10):
            yield b"x" * 500

    r = client.post("/v1/reviews", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413


def test_validation_errors_say_what_to_fix(client: TestClient) -> None:
    r = client.post(
        "/v1/reviews", json={"message": {"channel": "email", "body": "hi"}, "context": {"shoe": 1}}, headers=AUTH
    )
    assert r.status_code == 422 and r.json()["code"] == "invalid_request"
    assert r.json()["message"].startswith("context.shoe: unknown field")
    r = client.post("/v1/reviews", json={**DRAFT, "rubrics": ["tone"]}, headers=AUTH)
    assert r.status_code == 422 and r.json()["code"] == "unknown_rubric"
    r = client.post("/v1/reviews", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["code"] == "invalid_request"
    assert client.get("/v1/nothing").json()["code"] == "not_found"
    assert client.get("/v1/reviews").json()["code"] == "method_not_allowed"


def test_batch_items_succeed_or_fail_on_their_own(client: TestClient) -> None:
    items = [DRAFT, {"message": {"channel": "fax", "body": "hi"}}, {**DRAFT, "rubrics": ["tone"]}]
    r = client.post("/v1/reviews:batch", json={"items": items}, headers=AUTH)
    assert r.status_code == 200
    results = r.json()["results"]
    assert [x["ok"] for x in results] == [True, False, False]
    assert results[0]["result"]["verdict"] == "block"
    assert results[1]["error"]["code"] == "invalid_request" and "channel" in results[1]["error"]["message"]
    assert results[2]["error"]["code"] == "unknown_rubric"


def test_batch_size_limit_is_named() -> None:
    client = make_client(max_batch=2)
    r = client.post("/v1/reviews:batch", json={"items": [DRAFT] * 3}, headers=AUTH)
    assert r.status_code == 422 and r.json()["code"] == "batch_too_large" and "limit is 2" in r.json()["message"]


def test_rubrics_health_ready_metrics(client: TestClient) -> None:
    rubrics = client.get("/v1/rubrics").json()
    assert {r["id"] for r in rubrics["rubrics"]} == {"creepiness", "stereotyping", "overreach"}
    assert rubrics["rubrics"][0]["scale"]["4"]["label"]
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["ready"] is True
    client.post("/v1/reviews", json=DRAFT, headers=AUTH)
    text = client.get("/metrics").text
    assert 'reviewer_requests_total{route="/v1/reviews",status="200"} 1.0' in text
    assert 'reviewer_verdicts_total{verdict="block"} 1.0' in text
    assert "reviewer_request_seconds_bucket" in text


def test_openapi_documents_the_routes_with_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/v1/reviews", "/v1/reviews:batch", "/v1/reviews:stream", "/v1/rubrics", "/v2/check"):
        assert path in spec["paths"]
    body = spec["paths"]["/v1/reviews"]["post"]["requestBody"]["content"]["application/json"]
    assert "pregnancy" in body["examples"]


def test_cors_is_closed_by_default_and_configurable() -> None:
    closed = make_client()
    r = closed.options(
        "/v1/reviews", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in r.headers
    open_ = make_client(cors_origins="https://tools.example")
    r = open_.options(
        "/v1/reviews", headers={"Origin": "https://tools.example", "Access-Control-Request-Method": "POST"}
    )
    assert r.headers["access-control-allow-origin"] == "https://tools.example"


def test_access_log_has_no_bodies(client: TestClient, caplog) -> None:  # type: ignore[no-untyped-def]
    import logging

    caplog.set_level(logging.INFO)
    client.post("/v1/reviews", json=DRAFT, headers=AUTH)
    lines = [r.getMessage() for r in caplog.records if r.name == "reviewer.access"]
    assert lines and json.loads(lines[0])["route"] == "/v1/reviews"
    assert all("pregnancy" not in line and "Lee" not in line for line in (r.getMessage() for r in caplog.records))
