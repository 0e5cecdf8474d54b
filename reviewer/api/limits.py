"""The gate every request passes before a handler, on the raw ASGI stream.

Host and Origin in open access, the API key before the body, the body's size (413) and the time a client has to
send it (408).
"""

import asyncio
import json
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reviewer.api.errors import ApiError, error_body
from reviewer.api.security import authenticate
from reviewer.settings import Settings

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
# A browser extension's requests carry its own origin, which no web page can send: the user installed it.
EXTENSION_SCHEMES = (b"chrome-extension://", b"moz-extension://", b"safari-web-extension://")
# Routes whose key may come in the body (LanguageTool clients send ``apiKey`` as a form field).
KEY_IN_BODY = frozenset({"/v2/check"})


def _hostname(value: str) -> str:
    """The host name of a Host header or an origin, without port or brackets ('' when unreadable)."""
    try:
        return (urlsplit(value if "//" in value else f"//{value}").hostname or "").lower()
    except ValueError:
        return ""


def _send_error(err: ApiError) -> tuple[Message, Message]:
    body = json.dumps(error_body(err.code, err.message)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in err.headers.items()]
    if err.status in (408, 413):
        headers.append((b"connection", b"close"))  # the rest of the body is not read: the connection is done
    return (
        {"type": "http.response.start", "status": err.status, "headers": headers},
        {"type": "http.response.body", "body": body},
    )


class Gate:
    """Refuse what needs no handler to refuse, before the body is read; then read it within limits."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.settings = app, settings
        self.limit = settings.max_body_bytes
        self.hosts = LOOPBACK_NAMES | {h.strip().lower() for h in settings.allowed_hosts.split(",") if h.strip()}
        self.open = settings.open_access and not settings.api_key_hashes()
        self.origins = {o.strip().encode() for o in settings.cors_origins.split(",") if o.strip()}

    def check_headers(self, scope: Scope) -> ApiError | None:
        """Host and Origin (open access: no other site, no rebound DNS name), then a key sent in a header."""
        headers = dict(scope.get("headers", []))
        if self.open:
            host = _hostname(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.hosts:
                return ApiError(
                    403,
                    "forbidden",
                    "Open access answers requests for 127.0.0.1 or localhost only; add other host names to "
                    "REVIEWER_ALLOWED_HOSTS.",
                )
            origin = headers.get(b"origin")
            if (
                origin is not None
                and origin not in self.origins
                and not origin.startswith(EXTENSION_SCHEMES)
                and _hostname(origin.decode("latin-1")) not in self.hosts
            ):
                return ApiError(
                    403, "forbidden", "Open access refuses requests from other sites' pages (the Origin header)."
                )
        if scope["method"] != "POST":
            return None
        authorization = headers.get(b"authorization")
        if authorization is None and scope["path"] in KEY_IN_BODY:
            return None
        client = scope.get("client")
        try:
            authenticate(
                self.settings,
                authorization.decode("latin-1") if authorization is not None else None,
                client[0] if client else None,
            )
        except ApiError as err:
            return err
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with its body read in full, or answer 403/401/413/408 without reading it."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = self.check_headers(scope)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if refused is None and declared is not None and declared.isdigit() and int(declared) > self.limit:
            refused = self._too_large()
        if refused is None:
            try:
                async with asyncio.timeout(self.settings.read_timeout_s):
                    body = await self._read(receive)
            except TimeoutError:
                refused = ApiError(
                    408,
                    "request_timeout",
                    f"The request body did not arrive within {self.settings.read_timeout_s:g} s "
                    "(REVIEWER_READ_TIMEOUT_S); send it at once.",
                )
            except ApiError as err:
                refused = err
        if refused is not None:
            for message in _send_error(refused):
                await send(message)
            return
        if body is None:
            return  # the client went away
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _too_large(self) -> ApiError:
        return ApiError(
            413,
            "payload_too_large",
            f"Request bodies are limited to {self.limit} bytes (REVIEWER_MAX_BODY_BYTES); send a shorter draft or "
            "split the batch.",
        )

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body (small by design), or None when the client disconnects; 413 past the limit."""
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.limit:
                raise self._too_large()
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)
