"""POST /v1/reviews, /v1/reviews:batch and /v1/reviews:stream."""

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.encoders import jsonable_encoder
from fastapi.openapi.models import Example
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field, ValidationError

from reviewer.api.deps import AdmittedDep, IdentifiedDep
from reviewer.api.errors import ApiError, as_api_error, error_body
from reviewer.errors import InputError, describe_validation
from reviewer.models import ReviewRequest, ReviewResult

router = APIRouter(prefix="/v1", tags=["reviews"])

EXAMPLE = {
    "message": {
        "channel": "email",
        "subject": "A gift for you",
        "body": "Dear Mrs. Lee,\nCongratulations on your pregnancy! Our baby range is 20% off.",
    },
    "context": {
        "name": {"first": "Grace", "last": "Lee"},
        "consent": {"marketing_email": True},
        "inferred_attributes": [{"attribute": "likely_pregnant", "source": "purchase_pattern"}],
    },
}
EXAMPLES: dict[str, Example] = {
    "pregnancy": {"summary": "An inferred pregnancy and an unstated honorific", "value": EXAMPLE}
}


ExampleRequest = Annotated[ReviewRequest, Body(openapi_examples=EXAMPLES)]


@router.post("/reviews", response_model=ReviewResult, summary="Review one draft")
async def review(service: AdmittedDep, request: ExampleRequest) -> Response:
    """Scores per rubric, findings at exact spans (Python and UTF-16 offsets) and a verified rewrite."""
    result = await service.review(request)
    # Already a validated ReviewResult: serialize once instead of letting FastAPI validate it again.
    return Response(result.model_dump_json(), media_type="application/json")


class BatchRequest(BaseModel):
    """Up to REVIEWER_MAX_BATCH drafts; each item is validated and reviewed on its own."""

    items: list[dict[str, Any]] = Field(min_length=1, examples=[[EXAMPLE]])


class BatchItem(BaseModel):
    """One item's outcome: a result or its own error."""

    ok: bool
    result: ReviewResult | None = None
    error: dict[str, Any] | None = None


class BatchResponse(BaseModel):
    """Results in the order of the request's items."""

    results: list[BatchItem]


def _batch_item(raw: dict[str, Any]) -> ReviewRequest:
    """One batch item as a request; an invalid one is the item's own ``invalid_request``."""
    try:
        return ReviewRequest.model_validate(raw)
    except ValidationError as exc:
        raise InputError(describe_validation(exc)) from None


@router.post("/reviews:batch", response_model=BatchResponse, summary="Review several drafts concurrently")
async def review_batch(caller: IdentifiedDep, batch: BatchRequest) -> BatchResponse:
    """Each item succeeds or fails on its own; a bad item does not fail the batch.

    Each item counts as one review against the rate limit, and the whole batch answers within the request
    deadline: items still waiting for the LLM when it passes get the rules' review (``meta.degraded``).
    """
    service, identity = caller
    limit = service.settings.max_batch
    if len(batch.items) > limit:
        raise ApiError(
            422,
            "batch_too_large",
            f"The batch has {len(batch.items)} items; the limit is {limit} (REVIEWER_MAX_BATCH). Split it.",
        )
    service.limiter.check(identity, cost=len(batch.items))
    semaphore = asyncio.Semaphore(4)
    deadline = asyncio.get_running_loop().time() + service.settings.request_deadline_s

    async def one(index: int, raw: dict[str, Any]) -> BatchItem:
        try:
            request = _batch_item(raw)
            async with semaphore:
                return BatchItem(ok=True, result=await service.review(request, deadline=deadline))
        except Exception as exc:  # noqa: BLE001 - each item answers with its own error, mapped like a route's
            err = as_api_error(exc, f"POST /v1/reviews:batch item {index}")
            return BatchItem(ok=False, error=error_body(err.code, err.message))

    return BatchResponse(results=list(await asyncio.gather(*(one(i, item) for i, item in enumerate(batch.items)))))


def _sse(event: str, data: Any) -> bytes:
    return f"event: {event}\ndata: {json.dumps(jsonable_encoder(data), ensure_ascii=False)}\n\n".encode()


@router.post(
    "/reviews:stream",
    summary="Review one draft, streaming Server-Sent Events",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "Events: rules, rubric (one per rubric), rewrite, result; or error.",
        }
    },
)
async def review_stream(service: AdmittedDep, request: ExampleRequest) -> StreamingResponse:
    """``rules`` arrives within milliseconds, then ``rubric`` as each judge finishes, ``rewrite`` and ``result``.

    A request refused before the review starts (a draft over the limit, an unknown rubric) is answered like
    ``/v1/reviews``: a 422 with its code, not a stream. A failure during the review is an ``error`` event
    with the same code the other routes would answer.
    """
    service.check(request)
    queue: asyncio.Queue[tuple[str, Any] | None] = asyncio.Queue()

    async def run() -> None:
        try:
            result = await service.review(request, events=lambda name, data: queue.put_nowait((name, data)))
            queue.put_nowait(("result", {"result": result}))
        except Exception as exc:  # noqa: BLE001 - reported to the client as an event, mapped like a route's
            err = as_api_error(exc, "POST /v1/reviews:stream")
            queue.put_nowait(("error", error_body(err.code, err.message)))
        finally:
            queue.put_nowait(None)

    async def events() -> AsyncIterator[bytes]:
        task = asyncio.create_task(run())
        sent_result = False
        try:
            while (item := await queue.get()) is not None:
                name, data = item
                if name == "result":
                    if sent_result:
                        continue  # a cache hit announces its result itself
                    sent_result = True
                    data = data["result"]
                yield _sse(name, data)
        finally:
            task.cancel()

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
