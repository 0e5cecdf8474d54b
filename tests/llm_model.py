"""A fake model behind the stand-in server: reads the real prompt, answers like a (configurable) LLM would."""

import json
import re
from dataclasses import dataclass, field
from typing import Any

from reviewer.testing import Reply, chat_completion

RUBRICS = re.compile(r"^### (\w+): ", re.M)
BODY = re.compile(r"\nbody:\n(.*?)\ncustomer context", re.S)


def is_rewrite(request: dict[str, Any]) -> bool:
    return str(request["messages"][0]["content"]).startswith("You are a senior copywriter")


def rubrics_of(request: dict[str, Any]) -> list[str]:
    """The rubrics one judging request asks for (none for a rewrite request)."""
    return [] if is_rewrite(request) else RUBRICS.findall(request["messages"][0]["content"])


def rubric_of(request: dict[str, Any]) -> str | None:
    """The first rubric a judging request asks for; None for a rewrite request."""
    rubrics = rubrics_of(request)
    return rubrics[0] if rubrics else None


def body_of(request: dict[str, Any]) -> str:
    m = BODY.search(request["messages"][-1]["content"])
    return m.group(1) if m else ""


def judgement(scores: dict[str, int], quotes: dict[str, list[str]] | None = None, **extra: Any) -> dict[str, Any]:
    """A one-call judgement for the three built-in rubrics."""
    quotes = quotes or {}
    rubrics = {
        rid: {
            "evidence": [
                {"quote": q, "problem": f"{rid} issue", "severity": max(scores.get(rid, 1), 1), "suggestion": None}
                for q in quotes.get(rid, [])
            ],
            "reasoning": f"{rid} judged",
            "score": scores.get(rid, 0),
        }
        for rid in ("creepiness", "stereotyping", "overreach")
    }
    return {"instructions_found": [], "rubrics": rubrics, **extra}


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
        if is_rewrite(request):
            text = self.rewrites.pop(0) if len(self.rewrites) > 1 else (self.rewrites[0] if self.rewrites else "")
            return Reply(chat_completion(json.dumps({"subject": None, "body": text})))
        body = body_of(request)
        answer: dict[str, Any] = {"instructions_found": [], "rubrics": {}}
        for rubric in rubrics_of(request):
            quotes = self.quotes.get(rubric, [])
            # With quotes configured, the score only applies to a text that contains one of them (so a fixed
            # rewrite scores 0); the quotes themselves are cited whether present or not, as a model might.
            applies = not quotes or any(q in body for q in quotes)
            score = self.scores.get(rubric, 0) if applies else 0
            evidence = (
                [{"quote": q, "problem": f"{rubric} issue", "severity": score, "suggestion": None} for q in quotes]
                if applies
                else []
            )
            answer["rubrics"][rubric] = {"evidence": evidence, "reasoning": f"{rubric} judged", "score": score}
        return Reply(chat_completion(json.dumps(answer)))
