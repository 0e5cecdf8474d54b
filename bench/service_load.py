"""Benchmark: bounded load on loopback against one uvicorn worker.

    python bench/service_load.py [--seconds 20] [--clients 16] [--only rules|llm] [--repeat 3]

Runs twice: rules-only, then an LLM judge against a stand-in that answers each call in 500 ms. The server and
the stand-in run in their own processes; the result cache is off so every request is reviewed, and the requests
cycle through 64 different drafts, so nothing keyed on a text can be reused from one request to the next.
Prints a table.
Targets (issue #6): rules >= 300 req/s with p95 <= 50 ms; LLM throughput ~= clients / 0.5 s with p95 within 10%
of 500 ms (no event-loop blocking); report resident memory.
"""

import argparse
import asyncio
import json
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from review_latency import draft  # noqa: E402

from reviewer.testing import OpenAIStandin, Reply, chat_completion  # noqa: E402

ANSWER = json.dumps({"evidence": [], "score": 0, "rationale": "ok"})


def _slow(req: dict[str, Any]) -> Reply:
    return Reply(chat_completion(ANSWER), delay_s=0.5)


def _serve_standin(queue: "multiprocessing.Queue[str]", stop: Any) -> None:
    with OpenAIStandin(_slow) as srv:
        queue.put(srv.base_url)
        stop.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _load(url: str, seconds: float, clients: int, bodies: list[dict[str, Any]]) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def worker(offset: int) -> None:
            nonlocal errors
            sent = offset
            while time.perf_counter() < deadline:
                t = time.perf_counter()
                r = await client.post("/v1/reviews", json=bodies[sent % len(bodies)])
                sent += 1
                if r.status_code == 200:
                    latencies.append((time.perf_counter() - t) * 1000)
                else:
                    errors += 1

        await asyncio.gather(*(worker(i) for i in range(clients)))
    return latencies, errors


_WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = %s
local sent = 0
request = function()
  sent = sent + 1
  return wrk.format(nil, nil, nil, bodies[(sent %% #bodies) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.status + e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT %%d %%d %%f %%f\\n", summary.requests, errors,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


def _wrk(url: str, seconds: float, clients: int, bodies: list[dict[str, Any]]) -> tuple[int, int, float, float, float]:
    """Load with wrk (C, two threads): requests, errors, p50 ms, p95 ms, elapsed s."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        lua_bodies = "{" + ", ".join(json.dumps(json.dumps(b)) for b in bodies) + "}"
        script.write(_WRK_SCRIPT % lua_bodies)
    cmd = ["wrk", "-t2", f"-c{clients}", f"-d{seconds:g}s", "-s", script.name, f"{url}/v1/reviews"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    requests, errors, p50, p95 = line.split()[1:]
    return int(requests), int(errors), float(p50), float(p95), seconds


def run(label: str, env: dict[str, str], seconds: float, clients: int) -> dict[str, Any]:
    port = _free_port()
    environ = {**os.environ, "REVIEWER_CACHE_SIZE": "0", "REVIEWER_RATE_LIMIT_PER_MINUTE": "100000000", **env}
    server = subprocess.Popen(
        [sys.executable, "-m", "reviewer", "serve", "--open-access", "--port", str(port)],
        env=environ,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        bodies = [{"message": {"channel": "email", "body": draft(300, seed)}, "rewrite": False} for seed in range(64)]
        asyncio.run(_load(url, 2, clients, bodies))  # warm-up
        cpu_before = _cpu_s(server.pid)
        if shutil.which("wrk"):
            requests, errors, p50, p95, elapsed = _wrk(url, seconds, clients, bodies)
            tool = "wrk"
        else:
            started = time.perf_counter()
            latencies, errors = asyncio.run(_load(url, seconds, clients, bodies))
            elapsed = time.perf_counter() - started
            latencies.sort()
            requests, p50 = len(latencies), statistics.median(latencies)
            p95 = latencies[int(0.95 * (len(latencies) - 1))]
            tool = "httpx"
        cpu_ms = (_cpu_s(server.pid) - cpu_before) * 1000 / max(requests, 1)
        rss = _rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {
        "label": f"{label} ({tool})",
        "requests": requests,
        "errors": errors,
        "rps": requests / elapsed,
        "p50": p50,
        "p95": p95,
        "rss": rss,
        "cpu_ms": cpu_ms,
    }


def _median_row(label: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    keys = ("requests", "errors", "rps", "p50", "p95", "rss", "cpu_ms")
    row = {key: statistics.median(r[key] for r in runs) for key in keys}
    return {"label": f"{label}: median of {len(runs)}", **row}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--only", choices=["rules", "llm"], help="run one of the two loads")
    parser.add_argument("--repeat", type=int, default=1, help="run each load N times and add the median run")
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []

    def repeated(label: str, env: dict[str, str]) -> None:
        runs = []
        for i in range(args.repeat):
            print(f"{label}: run {i + 1} of {args.repeat} ({args.seconds:g} s)...", file=sys.stderr)
            runs.append(run(label, env, args.seconds, args.clients))
        rows.extend(runs)
        if args.repeat > 1:
            rows.append(_median_row(label, runs))

    if args.only != "llm":
        repeated("rules judge", {"REVIEWER_JUDGE": "rules"})
    queue: multiprocessing.Queue[str] = multiprocessing.Queue()
    stop = multiprocessing.Event()
    if args.only != "rules":
        standin = multiprocessing.Process(target=_serve_standin, args=(queue, stop), daemon=True)
        standin.start()
        try:
            llm_env = {
                "REVIEWER_JUDGE": "llm",
                "OPENAI_BASE_URL": queue.get(timeout=30),
                "OPENAI_API_KEY": "x",
                "REVIEWER_MODEL": "standin",
            }
            repeated("LLM judge, stand-in 500 ms", llm_env)
        finally:
            stop.set()
            standin.join(timeout=10)
    print(
        f"300-word drafts (64 different), {args.clients} clients, {args.seconds:g} s, one uvicorn worker, "
        "POST /v1/reviews"
    )
    print(
        f"{'run':<44}{'requests':>10}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'RSS MB':>9}{'CPU ms/req':>12}"
    )
    for r in rows:
        print(
            f"{r['label']:<44}{r['requests']:>10.0f}{r['errors']:>8.0f}{r['rps']:>9.1f}{r['p50']:>9.1f}{r['p95']:>9.1f}"
            f"{r['rss']:>9.0f}{r['cpu_ms']:>12.2f}"
        )
    print(
        f"\nideal LLM throughput: {args.clients} / 0.5 s = {args.clients / 0.5:.0f} req/s; targets: rules >= 300 "
        "req/s with p95 <= 50 ms, LLM p95 <= 550 ms"
    )


if __name__ == "__main__":
    main()
