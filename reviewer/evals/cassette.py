"""A response cache for LLM eval runs: unchanged cases are not paid for twice, and CI can replay without a key.

Entries are keyed by model, every prompt version in force, and the exact messages and schema sent. A cassette
records the prompt versions it was made with; replaying it under other versions is refused.
"""

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from langchain_core.messages import BaseMessage

from reviewer.errors import ReviewerError
from reviewer.judges import BackendError, ChatBackend, Completion
from reviewer.models import Tokens

Mode = Literal["cache", "record", "replay"]


class CassetteBackend:
    """Wraps a chat backend: ``cache`` reuses and adds, ``record`` always calls and stores, ``replay`` never calls."""

    def __init__(
        self, path: Path, mode: Mode, prompt_versions: dict[str, str], inner: ChatBackend | None = None
    ) -> None:
        self.path, self.mode, self.versions, self.inner = path, mode, prompt_versions, inner
        self.entries: dict[str, dict[str, Any]] = {}
        self.hits = self.misses = 0
        recorded: dict[str, Any] = {}
        if path.is_file():
            try:
                recorded = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise ReviewerError(f"{path}: not a cassette ({exc.msg}); delete it or record it again") from None
        elif mode == "replay":
            raise ReviewerError(f"{path}: no such cassette; make one with --record {path} (needs an LLM)")
        self.model: str | None = inner.model if inner else recorded.get("model")
        if mode == "replay" and recorded.get("prompt_versions") != prompt_versions:
            raise ReviewerError(
                f"{path} was recorded with prompt versions {recorded.get('prompt_versions')}, but the prompts now "
                f"are {prompt_versions}; record it again with --record {path}"
            )
        if mode != "record" and recorded.get("prompt_versions") == prompt_versions:
            self.entries = dict(recorded.get("entries", {}))

    def _key(self, messages: Sequence[BaseMessage], schema: dict[str, Any]) -> str:
        payload = json.dumps(
            {
                "model": self.model,
                "versions": self.versions,
                "schema": schema,
                "messages": [[m.type, str(m.content)] for m in messages],
            },
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    async def complete(self, messages: Sequence[BaseMessage], schema: dict[str, Any], name: str) -> Completion:
        """The recorded answer when there is one (and the mode allows it), else the inner backend's."""
        key = self._key(messages, schema)
        entry = self.entries.get(key) if self.mode != "record" else None
        if entry is not None:
            self.hits += 1
            return Completion(entry["text"], Tokens(prompt=entry["prompt"], completion=entry["completion"]))
        self.misses += 1
        if self.inner is None:
            raise BackendError("not_recorded", f"this request is not in {self.path}; record the cassette again")
        completion = await self.inner.complete(messages, schema, name)
        self.entries[key] = {
            "text": completion.text,
            "prompt": completion.tokens.prompt,
            "completion": completion.tokens.completion,
        }
        return completion

    async def check(self) -> str | None:
        """Ready when replaying; otherwise as ready as the inner backend."""
        return await self.inner.check() if self.inner is not None else None

    async def aclose(self) -> None:
        """Close the inner backend's connections."""
        if self.inner is not None:
            await self.inner.aclose()

    def save(self) -> None:
        """Write the cassette atomically (never half-written)."""
        if self.mode == "replay":
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        data = {"model": self.model, "prompt_versions": self.versions, "entries": self.entries}
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)
