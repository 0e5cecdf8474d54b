"""The LLM judge's calls, deferred to the OpenAI Batch API: answered from the batches' output, recorded when new.

The backend sits behind the ordinary LLM judge and rewriter, so every call is masked exactly as a single review's
is (one ``reviewer.privacy.Boundary`` per call, inside them). A call's ``custom_id`` is a digest of its masked
Chat Completions body: the masking and the fence token are deterministic, so a later review of the same case makes
byte-identical calls and finds their answers, and cases whose masked calls are the same (recipients who differ
only in their first name, say) share one request. The answer is mapped back through each review's own boundary.
"""

import asyncio
import hashlib
import json
import sqlite3
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from langchain_core.messages import BaseMessage

from reviewer.judges import BackendError, Completion
from reviewer.judges.backends.openai import to_openai_messages
from reviewer.models import Tokens
from reviewer.settings import Settings

ENDPOINT: Final = "/v1/chat/completions"


@dataclass
class Deferrals:
    """The calls of one review that went to the next batch instead of being answered."""

    count: int = 0


# The review under way in this task (set per review): its later calls may depend on a deferred one.
DEFERRALS: ContextVar[Deferrals] = ContextVar("DEFERRALS")


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


def call_key(body: dict[str, Any]) -> str:
    """The custom_id of a call: a digest of its (masked) body."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:40]


class AnswerStore:
    """The batches' answers by custom_id, in SQLite: bounded memory, shared by every worker process.

    A call sent in a batch has a row from then on: its answer, its error, or neither when the batch never
    answered it (expired, cancelled). A call with no row was never sent.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS answers (id TEXT PRIMARY KEY, body TEXT, error TEXT)")
        self.db.commit()

    def sent(self, keys: list[str]) -> None:
        """Remember these calls as sent, unanswered until :meth:`add` says otherwise."""
        self.db.executemany("INSERT OR IGNORE INTO answers VALUES (?, NULL, NULL)", [(k,) for k in keys])
        self.db.commit()

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
        self.db.executemany("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", rows)
        self.db.commit()

    def get(self, key: str) -> tuple[dict[str, Any] | None, str | None] | None:
        """``(answer body, error)``, both None when the batch never answered it; None when it was never sent."""
        found = self.db.execute("SELECT body, error FROM answers WHERE id = ?", (key,)).fetchone()
        if found is None:
            return None
        return (json.loads(found[0]) if found[0] else None), found[1]


def _completion(body: dict[str, Any] | None, error: str | None) -> Completion:
    """A batch's answer as the judge's completion; a missing or failed answer is a backend error, never a 0."""
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


class BatchBackend:
    """Answers each call from the batches' answers.

    With ``record``, a call never sent is kept in :attr:`bodies` for the next batch and deferred (its rubric stays
    unscored, its rewrite absent), but only while the review under way (:data:`DEFERRALS`) has had no deferred
    answer: a later call may be built from it (a rewrite from a deferred judgement) and is asked in a later batch,
    once that answer is in. Without ``record``, a call never sent is a backend error.
    """

    def __init__(self, settings: Settings, store: Path, record: bool = False) -> None:
        self.settings = settings
        self.model: str | None = settings.model
        self.store = AnswerStore(store)
        self.record = record
        self.bodies: dict[str, dict[str, Any]] = {}

    async def complete(self, messages: Sequence[BaseMessage], schema: dict[str, Any], name: str) -> Completion:
        """The recorded answer for exactly this body; see the class docstring for one never sent."""
        body = request_body(self.settings, messages, schema, name)
        key = call_key(body)
        found = self.store.get(key)
        if found is not None:
            return _completion(*found)
        if not self.record:
            return _completion(None, None)
        deferrals = DEFERRALS.get()
        if not deferrals.count:
            self.bodies[key] = body
        await asyncio.sleep(0)  # the calls made together with this one (one judgement's) are recorded too
        deferrals.count += 1
        raise BackendError("deferred", "sent through the Batch API")

    async def check(self) -> None:
        """Nothing to reach."""

    async def aclose(self) -> None:
        """Nothing to close."""
