"""A fake model behind the stand-in server: reads the real prompt, answers like a (configurable) LLM would."""

import json
import re
from dataclasses import dataclass, field
from typing import Any

from reviewer.testing import Reply, chat_completion

RUBRIC_TITLE = re.compile(r"You judge one rubric: (\w+)")
BODY = re.compile(r"body:\n<<<\n(.*?)\n>>>", re.S)


def rubric_of(request: dict[str, Any]) -> str | None:
    m = RUBRIC_TITLE.search(request["messages"][0]["content"])
    return m.group(1).lower() if m else None


def body_of(request: dict[str, Any]) -> str:
    m = BODY.search(request["messages"][-1]["content"])
    return m.group(1) if m else ""


@dataclass
class FakeModel:
    """Scores each rubric as configured and cites the configured quotes; rewrites with ``rewrites`` in turn."""

    scores: dict[str, int] = field(default_factory=dict)
    quotes: dict[str, list[str]] = field(default_factory=dict)
    rewrites: list[str] = field(default_factory=list)
    reject_json_schema: bool = False

    def __call__(self, request: dict[str, Any]) -> Reply:
        fmt = (request.get("response_format") or {}).get("type")
        if self.reject_json_schema and fmt == "json_schema":
            return Reply({"error": {"message": "response_format json_schema not supported"}}, status=500)
        rubric = rubric_of(request)
        if rubric is None:  # the rewrite prompt
            text = self.rewrites.pop(0) if len(self.rewrites) > 1 else (self.rewrites[0] if self.rewrites else "")
            return Reply(chat_completion(json.dumps({"subject": None, "body": text})))
        quotes = self.quotes.get(rubric, [])
        # With quotes configured, the score only applies to a text that contains one of them (so a fixed
        # rewrite scores 0); the quotes themselves are cited whether present or not, as a model might.
        applies = not quotes or any(q in body_of(request) for q in quotes)
        score = self.scores.get(rubric, 0) if applies else 0
        evidence = (
            [{"quote": q, "problem": f"{rubric} issue", "severity": score, "suggestion": None} for q in quotes]
            if applies
            else []
        )
        answer = {"evidence": evidence, "score": score, "rationale": f"{rubric} judged"}
        return Reply(chat_completion(json.dumps(answer)))
