"""The result cache: identical requests under the same rubric versions and model are served again.

In memory by default (LRU with a time-to-live); Redis when REVIEWER_REDIS_URL is set, so instances share it.
"""

import hashlib
import json
import time
from collections import OrderedDict
from typing import Any, Protocol

from reviewer.models import ReviewRequest, ReviewResult


class ResultCache(Protocol):
    """Get and put review results by key."""

    async def get(self, key: str) -> ReviewResult | None:
        """The cached result, or None."""
        ...

    async def put(self, key: str, result: ReviewResult) -> None:
        """Store a result."""
        ...


def cache_key(request: ReviewRequest, judge: str, model: str | None, versions: dict[str, str]) -> str:
    """A digest of everything that decides the result."""
    payload = {"request": request.model_dump(mode="json"), "judge": judge, "model": model, "versions": versions}
    return "reviewer:" + hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


class MemoryCache:
    """An LRU with a time-to-live, for one process, bounded by entries and by the bytes of the results it holds."""

    def __init__(self, size: int, ttl_s: int, max_bytes: int) -> None:
        self.size, self.ttl_s, self.max_bytes = size, ttl_s, max_bytes
        self.items: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self.bytes = 0  # the characters of the stored results (JSON, mostly ASCII: about their bytes)

    async def get(self, key: str) -> ReviewResult | None:
        """The cached result, unless it expired."""
        item = self.items.get(key)
        if item is None or time.monotonic() - item[0] > self.ttl_s:
            self._drop(key)
            return None
        self.items.move_to_end(key)
        return ReviewResult.model_validate_json(item[1])

    async def put(self, key: str, result: ReviewResult) -> None:
        """Store, evicting the least recently used beyond ``size`` entries or ``max_bytes``."""
        raw = result.model_dump_json()
        if self.size == 0 or len(raw) > self.max_bytes:
            return
        self._drop(key)
        self.items[key] = (time.monotonic(), raw)
        self.bytes += len(raw)
        while len(self.items) > self.size or self.bytes > self.max_bytes:
            self._drop(next(iter(self.items)))

    def _drop(self, key: str) -> None:
        item = self.items.pop(key, None)
        if item is not None:
            self.bytes -= len(item[1])


class RedisCache:
    """Shared by every instance pointing at the same Redis."""

    def __init__(self, url: str, ttl_s: int) -> None:
        try:
            import redis.asyncio as redis
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError("REVIEWER_REDIS_URL needs the redis package: pip install 'reviewer[redis]'") from exc
        self.client: Any = redis.from_url(url)
        self.ttl_s = ttl_s

    async def get(self, key: str) -> ReviewResult | None:
        """The cached result, or None (also when Redis is down: the cache is an optimisation)."""
        try:
            raw = await self.client.get(key)
        except Exception:  # noqa: BLE001 - a cache outage must not fail reviews
            return None
        return ReviewResult.model_validate_json(raw) if raw else None

    async def put(self, key: str, result: ReviewResult) -> None:
        """Store with the time-to-live; ignore outages."""
        try:
            await self.client.set(key, result.model_dump_json(), ex=self.ttl_s or None)
        except Exception:  # noqa: BLE001
            return
