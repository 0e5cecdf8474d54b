"""What crosses the backend seam: the protocol, a completion, the error, and tolerant JSON parsing."""

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

from langchain_core.messages import BaseMessage

from reviewer.models import Tokens


@dataclass(frozen=True)
class Completion:
    """The model's raw text answer and what it cost."""

    text: str
    tokens: Tokens


class BackendError(Exception):
    """The model could not be reached or refused; ``reason`` is a short machine-readable cause."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


class ChatBackend(Protocol):
    """Sends chat messages, asks for JSON matching ``schema``, returns the text."""

    model: str | None

    async def complete(self, messages: Sequence[BaseMessage], schema: dict[str, Any], name: str) -> Completion:
        """One completion for ``messages``."""
        ...

    async def check(self) -> str | None:
        """Readiness: None when the model can be reached, else a short reason."""
        ...

    async def aclose(self) -> None:
        """Close what the backend opened in the running event loop; it opens anew if used again."""
        ...


_THINK = re.compile(r"<think>.*?</think>", re.S | re.I)
_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.S)


def parse_json_object(text: str) -> dict[str, Any]:
    """Tolerant JSON parsing of a model's answer.

    Skips a reasoning model's ``<think>`` block, code fences and prose around the object; accepts raw newlines
    inside strings (llama.cpp's grammar output).
    """
    cleaned = _THINK.sub("", text)
    fenced = _FENCE.search(cleaned)
    if fenced is not None:
        cleaned = fenced.group(1)
    start, end = cleaned.find("{"), cleaned.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("no JSON object in the answer")
    value = json.loads(cleaned[start : end + 1], strict=False)
    if not isinstance(value, dict):
        raise ValueError("the answer is not a JSON object")
    return cast(dict[str, Any], value)
