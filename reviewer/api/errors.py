"""Every error is JSON: a stable machine-readable ``code`` and a message that says what to fix."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from reviewer.errors import ReviewerError, UnknownRubricError

log = logging.getLogger("reviewer.api")


class ApiError(Exception):
    """An error with its HTTP status and code."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


def error_body(code: str, message: str, details: object = None) -> dict[str, object]:
    """The one error shape."""
    body: dict[str, object] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return body


def err_json(err: Any) -> dict[str, object]:
    """A pydantic error entry reduced to what a client needs."""
    return {"field": ".".join(str(p) for p in err["loc"] if p != "body"), "problem": err["msg"]}


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, object]]]:
    details = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"] if p != "body")
        if err["type"] == "json_invalid":
            return f"the request body is not valid JSON ({err['ctx'].get('error', 'decode error')})", [err_json(err)]
        msg = "unknown field; remove it" if err["type"] == "extra_forbidden" else err["msg"]
        details.append({"field": loc, "problem": msg})
    first = details[0] if details else {"field": "request", "problem": "invalid"}
    more = f" (+{len(details) - 1} more)" if len(details) > 1 else ""
    return f"{first['field']}: {first['problem']}{more}", details


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the error shape, never a traceback."""

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        message, details = _validation_message(exc)
        return JSONResponse(error_body("invalid_request", message, details), status_code=422)

    @app.exception_handler(UnknownRubricError)
    async def _rubric(request: Request, exc: UnknownRubricError) -> JSONResponse:
        return JSONResponse(error_body("unknown_rubric", str(exc)), status_code=422)

    @app.exception_handler(ReviewerError)
    async def _reviewer(request: Request, exc: ReviewerError) -> JSONResponse:
        return JSONResponse(error_body("configuration_error", str(exc)), status_code=500)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 400: "bad_request"}
        return JSONResponse(
            error_body(codes.get(exc.status_code, f"http_{exc.status_code}"), str(exc.detail)),
            status_code=exc.status_code,
        )

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(
            error_body(
                "internal_error",
                "The reviewer failed unexpectedly; the error is logged. Try again, or report it with the request id.",
            ),
            status_code=500,
        )
