"""Benchmark: the embedded judge's review latency by draft size, and the LLM path's overhead outside the server.

    python bench/review_latency.py [--runs 200]

Prints a table. Targets: the embedded judge (rules and learned heads, the default) p50 <= 10 ms at 300 words and
<= 100 ms at 2,000 words; LLM-path overhead <= 5 ms per review (the rules floor, masking, prompt building, the
client, parsing and merging: everything but the server's own time).
"""

import argparse
import asyncio
import json
import multiprocessing
import random
import statistics
import time
from typing import Any

from reviewer import Reviewer
from reviewer.settings import Settings
from reviewer.testing import OpenAIStandin, Reply, chat_completion

SENTENCES = [
    "Our autumn collection has arrived with warm coats and soft knitwear.",
    "We noticed you looked at the Alpine tent 3 times last night.",
    "As a busy mom, you barely have time for yourself.",
    "Free delivery on orders over $50 until 10/31 at https://shop.example/autumn.",
    "Treat your wife to something nice this weekend.",
    "Your order #A12345 ships tomorrow and arrives Friday.",
    "Rate us and leave a review to help other shoppers.",
    "Hi %%first name%%, thanks for being with us.",
    "Our stores in Denver open late on Thursdays.",
    "Questions? Reply to this email and a real person will answer.",
]
CONTEXT: dict[str, Any] = {
    "name": {"first": "Jane", "last": "Roe"},
    "email": "jane@example.com",
    "observed_signals": [{"kind": "browsing", "detail": "tents", "days_ago": 1}],
    "consent": {"marketing_email": True},
}


def draft(words: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        out.append(rng.choice(SENTENCES))
    return " ".join(out)


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


async def bench_rules(runs: int) -> list[tuple[str, float, float, float]]:
    """In-process reviews awaited in one event loop, as the service runs them."""
    reviewer = Reviewer(Settings(), judge="rules")
    rows = []
    for words in (50, 300, 2000):
        for rewrite in (False, True):
            request = {"message": {"channel": "email", "body": draft(words)}, "context": CONTEXT, "rewrite": rewrite}
            await reviewer.review(request)  # warm-up
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                await reviewer.review(request)
                times.append((time.perf_counter() - t) * 1000)
            name = f"rules, {words} words" + (" + rewrite" if rewrite else "")
            rows.append((name, statistics.median(times), pct(times, 95), statistics.mean(times)))
    return rows


def _instant(req: dict[str, Any]) -> Reply:
    return Reply(chat_completion(json.dumps({"evidence": [], "score": 0, "rationale": "ok"})))


def _serve(queue: "multiprocessing.Queue[str]", stop: Any) -> None:
    with OpenAIStandin(_instant) as srv:
        queue.put(srv.base_url)
        stop.wait()


def _captured_bodies(request: dict[str, Any]) -> list[dict[str, Any]]:
    """The exact request bodies one review sends, captured with an in-process stand-in."""
    with OpenAIStandin(_instant) as srv:
        reviewer = Reviewer(Settings(openai_base_url=srv.base_url, openai_api_key="x", model="standin"), judge="llm")
        reviewer.review_sync(request)
        return list(srv.requests)


def bench_llm_overhead(runs: int) -> tuple[float, float, float]:
    """Review wall time vs. the same HTTP requests sent bare, against a stand-in in its own process.

    The stand-in answers at once. A review makes three concurrent rubric calls; the same three bodies posted
    concurrently with a bare httpx client measure the server's and the network's own time. The difference is
    the reviewer's overhead: rules, masking, prompt building, the openai client, parsing and merging.
    """
    import httpx

    request = {"message": {"channel": "email", "body": draft(300)}, "context": CONTEXT, "rewrite": False}
    bodies = _captured_bodies(request)
    queue: multiprocessing.Queue[str] = multiprocessing.Queue()
    stop = multiprocessing.Event()
    proc = multiprocessing.Process(target=_serve, args=(queue, stop), daemon=True)
    proc.start()
    try:
        base_url = queue.get(timeout=30)
        reviewer = Reviewer(Settings(openai_base_url=base_url, openai_api_key="x", model="standin"), judge="llm")

        async def go() -> tuple[list[float], list[float]]:
            walls, raws = [], []
            async with httpx.AsyncClient(base_url=base_url) as client:

                async def raw() -> None:
                    await asyncio.gather(*(client.post("/chat/completions", json=b) for b in bodies))

                await reviewer.review(request)  # warm-up: connection pools
                await raw()
                for _ in range(runs):
                    t = time.perf_counter()
                    await reviewer.review(request)
                    walls.append((time.perf_counter() - t) * 1000)
                    t = time.perf_counter()
                    await raw()
                    raws.append((time.perf_counter() - t) * 1000)
            await reviewer.aclose()  # the openai client's connection pool, closed in the loop that opened it
            return walls, raws

        walls, raws = asyncio.run(go())
    finally:
        stop.set()
        proc.join(timeout=10)
    return (
        statistics.median(walls),
        statistics.median(raws),
        statistics.median(w - r for w, r in zip(walls, raws, strict=True)),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    print(f"{'case':<34}{'p50 ms':>10}{'p95 ms':>10}{'mean ms':>10}")
    for name, p50, p95, mean in asyncio.run(bench_rules(args.runs)):
        print(f"{name:<34}{p50:>10.2f}{p95:>10.2f}{mean:>10.2f}")
    review, bare, overhead = bench_llm_overhead(max(30, args.runs // 2))
    print(f"\n{'llm path (300 words, 3 rubric calls)':<40}{'p50 ms':>10}")
    print(f"{'  review against instant stand-in':<40}{review:>10.2f}")
    print(f"{'  same 3 requests sent bare (httpx)':<40}{bare:>10.2f}")
    print(f"{'  reviewer overhead (paired difference)':<40}{overhead:>10.2f}")
    print("\ntargets: embedded judge p50 <= 10 ms at 300 words, <= 100 ms at 2,000 words; llm-path overhead <= 5 ms")


if __name__ == "__main__":
    main()
