"""Every error is JSON: a stable machine-readable ``code`` and a message that says what to fix."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from reviewer.errors import ConfigurationError, InputError, ReviewerError, RubricError, UnknownRubricError
from reviewer.service import DraftTooLongError

log = logging.getLogger("reviewer.api")


class ApiError(Exception):
    """An error with its HTTP status and code."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


INTERNAL_MESSAGE = "The reviewer failed unexpectedly; the error is logged. Try again, or report it with the request id."

# The one mapping of the reviewer's own errors to (HTTP status, code), most specific first. Every route uses it
# through ``as_api_error``: a plain response, a batch item's error and a stream's ``error`` event alike.
REVIEWER_ERRORS: tuple[tuple[type[Exception], int, str], ...] = (
    (UnknownRubricError, 422, "unknown_rubric"),
    (DraftTooLongError, 422, "draft_too_long"),
    (InputError, 422, "invalid_request"),
    (RubricError, 500, "configuration_error"),
    (ConfigurationError, 500, "configuration_error"),
    (ReviewerError, 500, "configuration_error"),
)


def as_api_error(exc: BaseException, where: str = "") -> ApiError:
    """Any exception as the error a client gets: its status, stable code and a message; unexpected ones logged.

    ``where`` (a route, a batch item) goes into the log line of an unexpected error, never into the answer.
    """
    if isinstance(exc, ApiError):
        return exc
    for kind, status, code in REVIEWER_ERRORS:
        if isinstance(exc, kind):
            return ApiError(status, code, str(exc))
    log.error("unhandled error%s", f" on {where}" if where else "", exc_info=exc)
    return ApiError(500, "internal_error", INTERNAL_MESSAGE)


def error_body(code: str, message: str, details: object = None) -> dict[str, object]:
    """The one error shape."""
    body: dict[str, object] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return body


def err_json(err: Any) -> dict[str, object]:
    """A pydantic error entry reduced to what a client needs."""
    return {"field": ".".join(str(p) for p in err["loc"] if p != "body"), "problem": _problem(err)}


def _problem(err: Any) -> str:
    """A pydantic message without its "Value error, " prefix (our validators' messages say what to fix)."""
    return str(err["msg"]).removeprefix("Value error, ")


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, object]]]:
    details: list[dict[str, object]] = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"] if p != "body")
        if err["type"] == "json_invalid":
            return f"the request body is not valid JSON ({err['ctx'].get('error', 'decode error')})", [err_json(err)]
        msg = "unknown field; remove it" if err["type"] == "extra_forbidden" else _problem(err)
        details.append({"field": loc, "problem": msg})
    first = details[0] if details else {"field": "request", "problem": "invalid"}
    more = f" (+{len(details) - 1} more)" if len(details) > 1 else ""
    return f"{first['field']}: {first['problem']}{more}", details


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the error shape, never a traceback."""

    async def _mapped(request: Request, exc: Exception) -> JSONResponse:
        err = as_api_error(exc, f"{request.method} {request.url.path}")
        return JSONResponse(error_body(err.code, err.message), status_code=err.status, headers=err.headers)

    # ApiError and the reviewer's errors go through the one mapping (as_api_error); so does anything unexpected.
    app.add_exception_handler(ApiError, _mapped)
    app.add_exception_handler(ReviewerError, _mapped)
    app.add_exception_handler(Exception, _mapped)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        message, details = _validation_message(exc)
        return JSONResponse(error_body("invalid_request", message, details), status_code=422)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 400: "bad_request"}
        return JSONResponse(
            error_body(codes.get(exc.status_code, f"http_{exc.status_code}"), str(exc.detail)),
            status_code=exc.status_code,
        )
