"""The FastAPI application."""

import asyncio
import gc
import json
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]

from reviewer import __version__
from reviewer.api import errors
from reviewer.api.limits import Gate
from reviewer.api.metrics import Metrics
from reviewer.api.routes import languagetool, reviews, service
from reviewer.api.service import ReviewService, request_id
from reviewer.pipeline import Reviewer
from reviewer.privacy.detectors import preload
from reviewer.settings import Settings, get_settings

STATIC = Path(__file__).parent / "static"
access_log = logging.getLogger("reviewer.access")
# The page loads only its own files and cannot be framed; every response says what it is (nosniff).
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY")]
MAX_REQUEST_ID = 64


def create_app(settings: Settings | None = None, reviewer: Reviewer | None = None) -> FastAPI:
    """The service: API under /v1 and /v2, health, metrics, and the copywriter's page at /."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.service.reviewer.judge.sends_text_away:
            await asyncio.to_thread(preload, settings.ner)  # seconds of imports, off the first request
        # What startup built (modules, schemas, presidio, prompts) lives as long as the process: freeze it, so the
        # cyclic garbage collector stops walking it. A full collection of the LLM service's ~170 MB heap paused
        # the event loop for up to 160 ms, every request in flight with it.
        gc.collect()
        gc.freeze()
        yield
        await app.state.service.aclose()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # served below from local assets: the CDN's left /docs blank offline
        title="reviewer",
        version=__version__,
        description="Checks personalized customer messages for creepiness, stereotyping, overreach and data "
        "blunders. Findings carry Python offsets (start/end) and UTF-16 offsets (start_utf16/end_utf16).",
    )
    app.state.service = ReviewService(settings, reviewer)
    errors.install(app)
    app.include_router(reviews.router)
    app.include_router(service.router)
    app.include_router(languagetool.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": PAGE_POLICY})

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="reviewer API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )

    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(Gate, settings=settings)
    app.add_middleware(Observe, metrics=app.state.service.metrics)
    return app


class Observe:
    """Request ids, metrics and a structured access log line (never a body), as plain ASGI for speed."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Time the request and tag the response with its id."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        rid = _client_request_id(headers.get(b"x-request-id", b"")) or request_id()
        started = time.perf_counter()
        status = 500

        async def tagged(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    *SECURITY_HEADERS,
                    (b"x-request-id", rid.encode("latin-1")),
                ]
            await send(message)

        try:
            await self.app(scope, receive, tagged)
        finally:
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", "unmatched")
            self.metrics.requests.labels(route, str(status)).inc()
            self.metrics.latency.labels(route).observe(elapsed)
            if access_log.isEnabledFor(logging.INFO):
                access_log.info(
                    json.dumps(
                        {
                            "request_id": rid,
                            "method": scope["method"],
                            "route": route,
                            "status": status,
                            "ms": round(elapsed * 1000, 2),
                        }
                    )
                )


def _client_request_id(raw: bytes) -> str | None:
    """A client's X-Request-Id, echoed only when short and plain (letters, digits, ``-_.:``); else None."""
    rid = raw.decode("latin-1")
    if 0 < len(rid) <= MAX_REQUEST_ID and all(c.isascii() and (c.isalnum() or c in "-_.:") for c in rid):
        return rid
    return None
