"""API keys (stored as SHA-256 digests), loopback-only open access, and per-key rate limits."""

import hashlib
import hmac
import math
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field

from reviewer.api.errors import ApiError
from reviewer.settings import Settings

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def hash_key(key: str) -> str:
    """The digest to put in REVIEWER_API_KEYS for ``key``."""
    return hashlib.sha256(key.encode()).hexdigest()


def authenticate(
    settings: Settings, authorization: str | None, client_host: str | None, form_key: str | None = None
) -> str:
    """The caller's identity (a key digest, or the loopback address), or an ApiError saying what to fix."""
    hashes = settings.api_key_hashes()
    presented = form_key
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(
                401, "unauthorized", "Use 'Authorization: Bearer <api key>'.", {"WWW-Authenticate": "Bearer"}
            )
        presented = token.strip()
    if hashes:
        if presented is None:
            raise ApiError(
                401,
                "unauthorized",
                "An API key is required: send 'Authorization: Bearer <api key>'.",
                {"WWW-Authenticate": "Bearer"},
            )
        digest = hash_key(presented)
        if not any(hmac.compare_digest(digest, h) for h in hashes):
            raise ApiError(
                401,
                "unauthorized",
                "That API key is not valid; check it with your administrator.",
                {"WWW-Authenticate": "Bearer"},
            )
        return digest
    if not settings.open_access:
        raise ApiError(
            401,
            "unauthorized",
            "No API keys are configured: set REVIEWER_API_KEYS (SHA-256 digests), "
            "or REVIEWER_OPEN_ACCESS=true for local use on 127.0.0.1.",
        )
    if client_host not in LOOPBACK:
        raise ApiError(
            403, "forbidden", "Open access serves 127.0.0.1 only; configure REVIEWER_API_KEYS for other clients."
        )
    return f"loopback:{client_host}"


@dataclass
class RateLimiter:
    """A sliding one-minute window per identity."""

    per_minute: int
    hits: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))

    def check(self, identity: str, cost: int = 1) -> None:
        """Count ``cost`` reviews (a batch's items); raise 429 with Retry-After when the window cannot take them."""
        now = time.monotonic()
        window = self.hits[identity]
        while window and now - window[0] >= 60:
            window.popleft()
        if len(window) + cost > self.per_minute:
            if cost > self.per_minute:
                raise ApiError(
                    429,
                    "rate_limited",
                    f"The batch's {cost} items exceed the rate limit of {self.per_minute} reviews a minute; split it.",
                )
            free_at = window[len(window) + cost - self.per_minute - 1]
            retry = max(1, math.ceil(60 - (now - free_at)))
            raise ApiError(
                429,
                "rate_limited",
                f"Rate limit of {self.per_minute} reviews a minute reached; retry in {retry} s.",
                {"Retry-After": str(retry)},
            )
        window.extend([now] * cost)
