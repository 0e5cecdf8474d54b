"""A scripted backend for tests and demos, like inspect's mockllm: answers from a list, or a clean default."""

import json
from collections import deque
from collections.abc import Iterable, Sequence
from typing import Any

from langchain_core.messages import BaseMessage

from reviewer.judges.backends._base import BackendError, Completion
from reviewer.models import Tokens
from reviewer.settings import Settings


class ScriptedBackend:
    """Answers from a list, in order: for demos and tests without any server.

    Each output is a dict (sent as JSON), a string (sent as is) or an exception (raised). With ``default``
    set, an empty script answers every call with it instead of failing (a clean judgement, say).
    """

    def __init__(
        self,
        outputs: Iterable[dict[str, Any] | str | Exception] = (),
        model: str = "scripted",
        default: dict[str, Any] | None = None,
    ) -> None:
        self.outputs: deque[dict[str, Any] | str | Exception] = deque(outputs)
        self.model: str | None = model
        self.default = default
        self.calls: list[list[BaseMessage]] = []

    def enqueue(self, *outputs: dict[str, Any] | str | Exception) -> None:
        """Add answers to the end of the script."""
        self.outputs.extend(outputs)

    async def complete(self, messages: Sequence[BaseMessage], schema: dict[str, Any], name: str) -> Completion:
        """Pop the next scripted answer."""
        self.calls.append(list(messages))
        if not self.outputs and self.default is not None:
            return Completion(text=json.dumps(self.default), tokens=Tokens(prompt=0, completion=0))
        if not self.outputs:
            raise BackendError("script_exhausted", "the scripted backend has no answers left")
        out = self.outputs.popleft()
        if isinstance(out, Exception):
            raise out
        text = out if isinstance(out, str) else json.dumps(out)
        return Completion(text=text, tokens=Tokens(prompt=0, completion=0))

    async def check(self) -> None:
        """Always ready: nothing to reach."""

    async def aclose(self) -> None:
        """Nothing to close."""


def from_settings(
    settings: Settings, outputs: Iterable[dict[str, Any] | str | Exception] = (), default: dict[str, Any] | None = None
) -> ScriptedBackend:
    """A scripted backend; chosen by name (``REVIEWER_BACKEND=scripted``) it judges every draft clean, for demos."""
    return ScriptedBackend(outputs, default=default if default is not None or outputs else CLEAN)


CLEAN: dict[str, Any] = {"evidence": [], "score": 0, "rationale": "Scripted demo backend: nothing judged."}
