"""The LLM judge's calls, deferred to the OpenAI Batch API: record them once, answer them from the batch's output.

Both backends sit behind the ordinary LLM judge, so every call is masked exactly as a single review's is (one
``reviewer.privacy.Boundary`` per request, inside the judge). A call is keyed by its case and by the schema it
asks for (one per rubric group), not by its exact text: the judge fences each call's data with a fresh random
token, so the replay's prompt differs from the recorded one in that token only, and its masking (deterministic)
maps the batch's answer back to this recipient's text.
"""

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage

from reviewer.campaign.review import CURRENT_CASE
from reviewer.judges import BackendError, Completion
from reviewer.judges.backends.openai import to_openai_messages
from reviewer.models import Tokens
from reviewer.settings import Settings

ENDPOINT = "/v1/chat/completions"


def request_body(
    settings: Settings, messages: Sequence[BaseMessage], schema: dict[str, Any], name: str
) -> dict[str, Any]:
    """The Chat Completions body the openai backend sends in its ``json_schema`` mode."""
    return {
        "model": settings.model,
        "messages": to_openai_messages(messages),
        "temperature": 0,
        "seed": settings.llm_seed,
        "max_tokens": settings.llm_max_tokens,
        "response_format": {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": False}},
    }


def call_key(schema: dict[str, Any], name: str) -> str:
    """The custom_id of one call of the case under review: the case key and the call's schema."""
    digest = hashlib.sha256(json.dumps([name, schema], sort_keys=True).encode()).hexdigest()[:16]
    return f"{CURRENT_CASE.get()}.{digest}"


class RecordingBackend:
    """Records each call's body for the batch file and answers it with a deferral (the rubric stays unscored)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model: str | None = settings.model
        self.bodies: dict[str, dict[str, Any]] = {}

    async def complete(self, messages: Sequence[BaseMessage], schema: dict[str, Any], name: str) -> Completion:
        """Record; never calls anything."""
        self.bodies[call_key(schema, name)] = request_body(self.settings, messages, schema, name)
        raise BackendError("deferred", "sent through the Batch API")

    async def check(self) -> None:
        """Nothing to reach."""

    async def aclose(self) -> None:
        """Nothing to close."""


class AnswerStore:
    """The batch's answers by custom_id, in SQLite: bounded memory, shared by every worker process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE IF NOT EXISTS answers (id TEXT PRIMARY KEY, body TEXT, error TEXT)")

    def add(self, lines: list[dict[str, Any]]) -> None:
        """Store output or error lines of a batch."""
        rows = []
        for line in lines:
            response = line.get("response") or {}
            error = line.get("error")
            ok = response.get("status_code") == 200 and not error
            rows.append(
                (
                    line["custom_id"],
                    json.dumps(response.get("body")) if ok else None,
                    None if ok else json.dumps(error or response.get("body")),
                )
            )
        with sqlite3.connect(self.path) as db:
            db.executemany("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", rows)

    def get(self, key: str) -> tuple[dict[str, Any] | None, str | None]:
        """The answer body, or the error, or (None, None) when the batch never answered it."""
        with sqlite3.connect(self.path) as db:
            found = db.execute("SELECT body, error FROM answers WHERE id = ?", (key,)).fetchone()
        if found is None:
            return None, None
        return (json.loads(found[0]) if found[0] else None), found[1]


class BatchAnswerBackend:
    """Answers each call from the batch's output; a missing or failed answer is a backend error, never a 0."""

    def __init__(self, settings: Settings, store: Path) -> None:
        self.settings = settings
        self.model: str | None = settings.model
        self.store = AnswerStore(store)

    async def complete(self, messages: Sequence[BaseMessage], schema: dict[str, Any], name: str) -> Completion:
        """The recorded answer for exactly this body."""
        body, error = self.store.get(call_key(schema, name))
        if body is None:
            reason = "batch_error" if error else "batch_missing"
            raise BackendError(reason, error or "the batch has no answer for this request (expired or cancelled)")
        choices = body.get("choices") or [{}]
        message = choices[0].get("message") or {}
        if message.get("refusal"):
            raise BackendError("refusal", str(message["refusal"]))
        usage = body.get("usage") or {}
        tokens = Tokens(prompt=usage.get("prompt_tokens") or 0, completion=usage.get("completion_tokens") or 0)
        return Completion(text=message.get("content") or "", tokens=tokens)

    async def check(self) -> None:
        """Nothing to reach."""

    async def aclose(self) -> None:
        """Nothing to close."""
