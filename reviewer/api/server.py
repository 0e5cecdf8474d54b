"""How ``reviewer serve`` runs the app: uvicorn with a header timeout, proxy headers only when trusted, and logs."""

import asyncio
import logging
import sys
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from reviewer.settings import Settings


def header_timeout_protocol(timeout_s: float) -> type[asyncio.Protocol]:
    """The HTTP protocol of uvicorn,, closing a connection whose request headers take longer than ``timeout_s``.

    uvicorn times out idle keep-alive connections only: a client sending its headers a byte at a time held a
    connection (and its memory) for as long as it liked. The body's own timeout is the app's (reviewer.api.limits).
    """

    class HeaderTimeout(HttpToolsProtocol):
        _header_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._arm()

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            if self._header_timer is None:
                self._header_timer = self.loop.call_later(timeout_s, self._expire)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _expire(self) -> None:
            self._header_timer = None
            if not self.transport.is_closing():
                self.transport.close()

    return HeaderTimeout


def server_config(app: Any, settings: Settings, host: str, port: int) -> uvicorn.Config:
    """The uvicorn configuration ``reviewer serve`` uses.

    X-Forwarded-For is believed only from REVIEWER_FORWARDED_ALLOW_IPS: uvicorn's default (on, trusting the
    FORWARDED_ALLOW_IPS environment variable) let any client name its own address, and with it its rate-limit
    bucket and, in open access, "127.0.0.1".
    """
    trusted = [ip.strip() for ip in settings.forwarded_allow_ips.split(",") if ip.strip()]
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=header_timeout_protocol(settings.read_timeout_s),
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or "",
        log_level="warning",
        access_log=False,  # the app writes its own access line (reviewer.access), without query strings
        log_config=None,
    )


def configure_logging(settings: Settings) -> None:
    """Warnings to stderr; access lines with REVIEWER_ACCESS_LOG; bodies with REVIEWER_LOG_BODIES (debug only)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if settings.access_log:
        logging.getLogger("reviewer.access").setLevel(logging.INFO)
    if settings.log_bodies:
        logging.getLogger("reviewer").setLevel(logging.DEBUG)  # the request bodies are logged at DEBUG
