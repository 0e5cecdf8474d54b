"""One mapping of the reviewer's errors to (status, code), the same on /v1/reviews, :batch and :stream."""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from reviewer.api.errors import REVIEWER_ERRORS, as_api_error
from reviewer.errors import ConfigurationError, InputError, UnknownRubricError
from reviewer.models import ReviewRequest, ReviewResult
from reviewer.service import DraftTooLongError
from tests.api.conftest import AUTH, make_client

DRAFT = {
    "message": {"channel": "email", "body": "Dear Mrs. Lee,\nCongratulations on your pregnancy!"},
    "context": {"name": {"last": "Lee"}, "inferred_attributes": [{"attribute": "likely_pregnant"}]},
}


def _events(body: str) -> list[tuple[str, Any]]:
    events = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def _answers(client: TestClient, request: dict[str, Any]) -> dict[str, tuple[int, str, str]]:
    """(status, code, message) from each of the three review routes for the same request."""
    one = client.post("/v1/reviews", json=request, headers=AUTH)
    stream = client.post("/v1/reviews:stream", json=request, headers=AUTH)
    batch = client.post("/v1/reviews:batch", json={"items": [request]}, headers=AUTH)
    assert batch.status_code == 200
    item = batch.json()["results"][0]
    assert item["ok"] is False
    assert stream.headers["content-type"].startswith("application/json"), stream.text  # refused, not streamed
    return {
        "reviews": (one.status_code, one.json()["code"], one.json()["message"]),
        "stream": (stream.status_code, stream.json()["code"], stream.json()["message"]),
        "batch": (422, item["error"]["code"], item["error"]["message"]),
    }


def test_unknown_rubric_is_422_unknown_rubric_on_every_route(client: TestClient) -> None:
    answers = _answers(client, {**DRAFT, "rubrics": ["tone"]})
    for route, (status, code, message) in answers.items():
        assert (status, code) == (422, "unknown_rubric"), route
        assert "unknown rubric(s) tone" in message and "creepiness" in message, route
        assert "try again" not in message.lower(), route


def test_draft_over_the_limit_is_422_draft_too_long_on_every_route() -> None:
    client = make_client(max_draft_chars=100)
    long = {**DRAFT, "message": {"channel": "email", "body": "word " * 30}}
    for route, (status, code, message) in _answers(client, long).items():
        assert (status, code) == (422, "draft_too_long"), route
        assert "the limit is 100 (REVIEWER_MAX_DRAFT_CHARS)" in message, route


def _failing(exc: Exception) -> Any:
    async def judge(request: ReviewRequest, events: Any = None, deadline: float | None = None) -> ReviewResult:
        raise exc

    return judge


@pytest.mark.parametrize(
    "exc,status,code",
    [
        (UnknownRubricError("unknown rubric(s) tone"), 422, "unknown_rubric"),
        (InputError("the context is odd"), 422, "invalid_request"),
        (ConfigurationError("REVIEWER_MODEL is not set"), 500, "configuration_error"),
        (RuntimeError("boom"), 500, "internal_error"),
    ],
)
def test_a_failure_during_the_review_is_mapped_alike_everywhere(exc: Exception, status: int, code: str) -> None:
    # as a real server does: the unexpected error becomes the 500 answer instead of failing the test client
    client = TestClient(make_client().app, client=("203.0.113.7", 50000), raise_server_exceptions=False)
    client.app.state.service.judge = _failing(exc)  # type: ignore[attr-defined]
    one = client.post("/v1/reviews", json=DRAFT, headers=AUTH)
    assert (one.status_code, one.json()["code"]) == (status, code)
    batch = client.post("/v1/reviews:batch", json={"items": [DRAFT]}, headers=AUTH).json()["results"][0]
    assert batch["error"]["code"] == code and batch["error"]["message"] == one.json()["message"]
    stream = client.post("/v1/reviews:stream", json=DRAFT, headers=AUTH)
    assert stream.status_code == 200  # the stream had started: the error is its last event
    name, data = _events(stream.text)[-1]
    assert name == "error" and data == {"code": code, "message": one.json()["message"]}
    assert "boom" not in one.text and "Traceback" not in one.text + stream.text


def test_the_mapping_is_one_table() -> None:
    assert as_api_error(DraftTooLongError(300, 100)).code == "draft_too_long"
    assert as_api_error(UnknownRubricError("x")).status == 422
    assert as_api_error(KeyError("x")).code == "internal_error"
    kinds = [kind for kind, _, _ in REVIEWER_ERRORS]
    for i, kind in enumerate(kinds):  # most specific first: no entry is shadowed by an earlier base class
        assert not any(issubclass(kind, earlier) for earlier in kinds[:i]), kind
