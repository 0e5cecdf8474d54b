"""Benchmark: LLM calls and tokens per review, clean and flagged with a rewrite, against a recording stand-in.

    python bench/llm_calls.py [--before PATH]

Each review runs in a fresh process (``python -c``) against one stand-in server that answers with fixed
judgements and rewrites and keeps a server's accounting: prompt tokens (approximate: a word or a punctuation
mark is one token), completion tokens, and cached tokens as OpenAI's prompt cache gives them (the longest prefix
seen before, from 1,024 tokens up, in steps of 128). One warm-up review runs first and is not counted.

``--before PATH`` also runs the same drafts against another checkout of the reviewer (e.g. ``git worktree add
/tmp/llm-before 3fc071c``). The promptfoo rows are computed, not run: its llm-rubric pattern is one call per
rubric with promptfoo's default grading prompt, the rubric's text (and the customer context) as the rubric and
the draft as the output; a flagged draft is graded again after the rewrite, and its rewrite call is counted as
ours. Target (issue #15): our prompt tokens per review at most half of promptfoo's.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.rubrics import load_prompts
from reviewer.testing import OpenAIStandin, PromptCache, Reply, chat_completion, count_tokens
from reviewer.testing.openai_standin import prompt_tokens

ROOT = Path(__file__).resolve().parent.parent
RUBRICS = ("creepiness", "stereotyping", "overreach")

CLEAN = [
    ("Your order #4471 has shipped and arrives Thursday. Track it at shop.example/t/4471.", {}),
    ("Hi Sam, the trail shoes you asked us to watch are back in your size: shop.example/trail", {}),
    ("Our spring range is in: linen shirts, light jackets and canvas shoes. See it at shop.example/spring", {}),
]
FLAGGED = [
    (
        "Hi Jane, we noticed you looked at strollers 6 times this week. Our stroller sale ends Sunday: shop.example/s",
        "looked at strollers 6 times this week",
        "Hi <FIRST_NAME>, our stroller sale ends Sunday: shop.example/s",
    ),
    (
        "Hi Jane, as a busy mom you barely have time for yourself, so treat yourself: 20% off at shop.example/spa",
        "as a busy mom you barely have time for yourself",
        "Hi <FIRST_NAME>, take some time for yourself: 20% off at shop.example/spa",
    ),
    (
        "Hi Jane, we saw you were near our Denver store at 11:42 last night. Drop by: shop.example/denver",
        "we saw you were near our Denver store at 11:42 last night",
        "Hi <FIRST_NAME>, our Denver store is open late this week. Drop by: shop.example/denver",
    ),
]
CONTEXT = {
    "name": {"first": "Jane", "last": "Roe"},
    "observed_signals": [{"kind": "browsing", "detail": "strollers", "days_ago": 2}],
    "consent": {"marketing_email": True},
}
WARM_UP = "Thanks for your order, it ships tomorrow."

CHILD = """
import json, sys
from reviewer import Reviewer
result = Reviewer(judge="llm").review_sync(json.load(sys.stdin))
print(json.dumps({"verdict": result.verdict, "verified": bool(result.rewrite and result.rewrite.verified)}))
"""


def _flag_of(text: str) -> tuple[str, str] | None:
    for _, quote, fixed in FLAGGED:
        if quote in text:
            return quote, fixed
    return None


def fixed_answers(request: dict[str, Any]) -> Reply:
    """Fixed answers to the new prompts (one call, all rubrics) and the old ones (one rubric a call)."""
    system, user = str(request["messages"][0]["content"]), str(request["messages"][-1]["content"])
    if system.startswith("You are a senior copywriter"):
        for _, quote, fixed in FLAGGED:
            if quote.split()[-1] in user and quote in user:
                return Reply(chat_completion(json.dumps({"subject": None, "body": fixed})))
        return Reply(chat_completion(json.dumps({"subject": None, "body": "Hello <FIRST_NAME>."})))
    flag = _flag_of(user)

    def one(rubric: str) -> dict[str, Any]:
        if flag is not None and rubric == "creepiness":
            evidence = [{"quote": flag[0], "problem": "recites what we watched", "severity": 3, "suggestion": None}]
            return {"evidence": evidence, "reasoning": "Recites observed behaviour.", "score": 3}
        return {"evidence": [], "reasoning": "No problem under this rubric.", "score": 0}

    if "You judge one rubric:" in system:  # the old prompt: one rubric a call, rationale after the score
        rubric = system.split("You judge one rubric:", 1)[1].split(".", 1)[0].strip().lower()
        old = one(rubric)
        answer: dict[str, Any] = {"evidence": old["evidence"], "score": old["score"], "rationale": old["reasoning"]}
    else:
        answer = {"instructions_found": [], "rubrics": {r: one(r) for r in RUBRICS}}
    return Reply(chat_completion(json.dumps(answer)))


@dataclass
class Row:
    """Per-review averages of one kind of review."""

    calls: list[int] = field(default_factory=list)
    prompt: list[int] = field(default_factory=list)
    completion: list[int] = field(default_factory=list)
    cached: list[int] = field(default_factory=list)
    verified: list[bool] = field(default_factory=list)
    rewrite_prompt: list[int] = field(default_factory=list)  # of the prompt tokens, the rewrite calls'

    def add(self, requests: list[dict[str, Any]], usages: list[dict[str, Any]], verified: bool = False) -> None:
        self.calls.append(len(requests))
        self.prompt.append(sum(u["prompt_tokens"] for u in usages))
        self.completion.append(sum(u["completion_tokens"] for u in usages))
        self.cached.append(sum(u["prompt_tokens_details"]["cached_tokens"] for u in usages))
        self.verified.append(verified)
        self.rewrite_prompt.append(
            sum(
                u["prompt_tokens"]
                for r, u in zip(requests, usages, strict=True)
                if str(r.get("messages", [{}])[0].get("content", "")).startswith("You are a senior copywriter")
            )
        )

    def cells(self) -> list[str]:
        def mean(values: list[int]) -> str:
            return f"{sum(values) / len(values):,.0f}" if values else "-"

        return [mean(self.calls), mean(self.prompt), mean(self.completion), mean(self.cached)]


class Recorder:
    """Answers like ``fixed_answers`` and keeps each answer's usage block, as the stand-in counted it."""

    def __init__(self) -> None:
        self.usages: list[dict[str, Any]] = []
        self.cache = PromptCache()

    def __call__(self, request: dict[str, Any]) -> Reply:
        reply = fixed_answers(request)
        assert isinstance(reply.body, dict)
        tokens = prompt_tokens(request)
        content = reply.body["choices"][0]["message"]["content"]
        self.usages.append(
            {
                "prompt_tokens": len(tokens),
                "completion_tokens": count_tokens(content),
                "prompt_tokens_details": {"cached_tokens": self.cache.cached(tokens)},
            }
        )
        return reply


def _request(body: str, context: dict[str, Any], rewrite: bool) -> dict[str, Any]:
    return {"message": {"channel": "email", "body": body}, "context": context, "rewrite": rewrite}


def run_checkout(checkout: Path) -> tuple[Row, Row]:
    """Clean and flagged reviews against the reviewer in ``checkout``, each in its own process."""
    recorder = Recorder()
    clean, flagged = Row(), Row()
    with OpenAIStandin(recorder) as srv, tempfile.TemporaryDirectory() as state:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "REVIEWER_"))},
            "PYTHONPATH": str(checkout),
            "OPENAI_BASE_URL": srv.base_url,
            "OPENAI_API_KEY": "sk-bench",
            "REVIEWER_MODEL": "bench",
            "REVIEWER_LLM_STATE_DIR": state,
        }

        def review(request: dict[str, Any], row: Row | None) -> None:
            before = len(srv.requests)
            out = subprocess.run(
                [sys.executable, "-c", CHILD],
                input=json.dumps(request),
                capture_output=True,
                text=True,
                env=env,
                cwd=checkout,
                timeout=120,
                check=True,
            )
            if row is not None:
                row.add(srv.requests[before:], recorder.usages[before:], json.loads(out.stdout)["verified"])

        review(_request(WARM_UP, {}, rewrite=False), None)
        for body, context in CLEAN:
            review(_request(body, context, rewrite=True), clean)
        for body, _, _ in FLAGGED:
            review(_request(body, CONTEXT, rewrite=True), flagged)
    return clean, flagged


PROMPTFOO_SYSTEM = (
    "You are grading output according to a user-specified rubric. If the statement in the rubric is true, then "
    "the output passes the test. You respond with a JSON object with this structure: {reason: string, pass: "
    "boolean, score: number}\n\nExamples:\n\n<Output>Hello world</Output>\n<Rubric>Content contains a greeting"
    '</Rubric>\n{"reason": "the content contains the word \'Hello\'", "pass": true, "score": 1.0}\n\n'
    "<Output>Avast ye swabs, repel the invaders!</Output>\n<Rubric>Does not speak like a pirate</Rubric>\n"
    '{"reason": "\'avast ye\' is a common pirate term", "pass": false, "score": 0.0}'
)
PROMPTFOO_ANSWER = (
    '{"reason": "The message recites what the company observed about the customer.", "pass": false, "score": 0.0}'
)


def promptfoo(ours: Row) -> tuple[Row, Row]:
    """promptfoo's llm-rubric pattern on the same drafts: one call per rubric, graded again after a rewrite."""
    prompts = load_prompts()
    cache = PromptCache()

    def grade(output: str, context: dict[str, Any]) -> list[dict[str, Any]]:
        usages = []
        for rid in RUBRICS:
            rubric = prompts.rubrics[rid].prompt_text() + "\n\nCustomer context: " + json.dumps(context)
            request = {
                "messages": [
                    {"role": "system", "content": PROMPTFOO_SYSTEM},
                    {"role": "user", "content": f"<Output>\n{output}\n</Output>\n<Rubric>\n{rubric}\n</Rubric>"},
                ]
            }
            tokens = prompt_tokens(request)
            usages.append(
                {
                    "prompt_tokens": len(tokens),
                    "completion_tokens": count_tokens(PROMPTFOO_ANSWER),
                    "prompt_tokens_details": {"cached_tokens": cache.cached(tokens)},
                }
            )
        return usages

    clean, flagged = Row(), Row()
    grade(WARM_UP, {})
    for body, context in CLEAN:
        usages = grade(body, context)
        clean.add([{"messages": [{"content": ""}]}] * len(usages), usages)
    for i, (body, _, fixed) in enumerate(FLAGGED):
        usages = grade(body, CONTEXT) + grade(fixed, CONTEXT)
        # the rewrite call itself: promptfoo has none, so ours (from the after run) is counted alike
        rewrite = {"prompt_tokens": ours.rewrite_prompt[i], "completion_tokens": 30}
        usages.append({**rewrite, "prompt_tokens_details": {"cached_tokens": 0}})
        flagged.add([{"messages": [{"content": ""}]}] * len(usages), usages)
    return clean, flagged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--before", type=Path, help="another checkout to measure, e.g. /tmp/llm-before")
    args = parser.parse_args()
    rows: list[tuple[str, Row, Row]] = []
    if args.before:
        rows.append((f"before ({args.before.name})", *run_checkout(args.before)))
    clean, flagged = run_checkout(ROOT)
    rows.append(("after", clean, flagged))
    rows.append(("promptfoo llm-rubric pattern", *promptfoo(flagged)))
    print("| review | code | calls | prompt tokens | completion tokens | cached tokens |")
    print("|---|---|---:|---:|---:|---:|")
    for kind in ("clean", "flagged + rewrite"):
        for name, c, f in rows:
            row = c if kind == "clean" else f
            print(f"| {kind} | {name} | " + " | ".join(row.cells()) + " |")
    ours = {"clean": sum(clean.prompt) / len(clean.prompt), "flagged": sum(flagged.prompt) / len(flagged.prompt)}
    pf_clean, pf_flagged = rows[-1][1], rows[-1][2]
    theirs = {
        "clean": sum(pf_clean.prompt) / len(pf_clean.prompt),
        "flagged": sum(pf_flagged.prompt) / len(pf_flagged.prompt),
    }
    uncached = {
        "clean": (sum(clean.prompt) - sum(clean.cached)) / len(clean.prompt),
        "flagged": (sum(flagged.prompt) - sum(flagged.cached)) / len(flagged.prompt),
    }
    print()
    for kind in ("clean", "flagged"):
        print(
            f"{kind}: prompt tokens {ours[kind] / theirs[kind]:.2f}x promptfoo's "
            f"(uncached {uncached[kind] / theirs[kind]:.2f}x); target <= 0.50x"
        )
    print(f"rewrites verified (after): {sum(flagged.verified)}/{len(flagged.verified)}")


if __name__ == "__main__":
    main()
