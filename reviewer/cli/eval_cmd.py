"""``reviewer eval``: run cases, print and write reports, gate on a baseline."""

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

from reviewer.catalogue import build_catalogue
from reviewer.errors import ReviewerError
from reviewer.evals import EvalCase, compare, load_cases, report, run_cases, summary_table
from reviewer.evals.cassette import CassetteBackend, Mode
from reviewer.evals.config import check_bounds, load_config
from reviewer.evals.reports import html_report, junit, markdown, split_table_markdown
from reviewer.evals.runner import stderr_progress
from reviewer.judges import create_backend
from reviewer.models import ReviewResult
from reviewer.pipeline import Reviewer
from reviewer.rubrics import load_prompts
from reviewer.settings import Settings


def _write(path: str, text: str) -> None:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)  # never leave a half-written report
    print(f"wrote {out}")


def _reviewer(args: argparse.Namespace, settings: Settings) -> tuple[Reviewer, CassetteBackend | None]:
    options: list[tuple[Mode, str | None]] = [("cache", args.cache), ("record", args.record), ("replay", args.replay)]
    chosen = [(mode, path) for mode, path in options if path]
    if len(chosen) > 1:
        raise ReviewerError("use at most one of --cache, --record and --replay")
    if not chosen:
        return Reviewer(settings), None
    mode, path = chosen[0]
    assert path is not None
    prompts = load_prompts(settings.prompts_dir)
    inner = None if mode == "replay" else create_backend(settings.backend, settings)
    if inner is not None and not (settings.openai_api_key or settings.openai_base_url):
        raise ReviewerError(f"--{mode} calls the LLM: set OPENAI_API_KEY or OPENAI_BASE_URL (or use --replay)")
    cassette = CassetteBackend(Path(path), mode, prompts.versions(prompts.rubrics.values()), inner)
    return Reviewer(settings, backend=cassette, prompts=prompts), cassette


def _baseline(path: Path) -> dict[str, Any]:
    """A baseline written by --write-baseline, or a ReviewerError saying how to make one."""
    remedy = f"write a new one with --write-baseline {path}"
    if not path.is_file():
        raise ReviewerError(f"{path}: baseline not found; create one with --report-json {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ReviewerError(f"{path}: not a baseline ({type(exc).__name__}: {exc}); {remedy}") from None
    if not isinstance(data, dict):
        raise ReviewerError(f"{path}: not a baseline (expected a JSON object of metrics); {remedy}")
    return data


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Run the eval; 0 when the gate passes, 1 on a regression or a bound crossed."""
    config = load_config(Path(args.config) if args.config else None)
    tolerance = args.tolerance if args.tolerance is not None else config.tolerance
    try:
        cases = load_cases([Path(p) for p in args.cases], build_catalogue(load_prompts(settings.prompts_dir)))
    except UnicodeDecodeError as exc:
        raise ReviewerError(
            f"a case file is not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8"
        ) from None
    baseline = _baseline(Path(args.baseline)) if args.baseline else None  # a bad one is refused before the run
    reviewer, cassette = _reviewer(args, settings)

    async def run_all() -> list[tuple[EvalCase, list[ReviewResult]]]:
        async with reviewer:
            return await run_cases(cases, reviewer, args.concurrency, stderr_progress, repeat=args.repeat)

    runs = asyncio.run(run_all())
    if cassette is not None:
        cassette.save()
        print(f"cassette {cassette.path}: {cassette.hits} hits, {cassette.misses} misses", file=sys.stderr)
    model = reviewer.judge.model
    rep: dict[str, Any] = report(runs, config.prices.get(model or "", None))
    rep["judge"], rep["model"] = reviewer.judge.name, model
    problems = check_bounds(rep, config)
    if baseline is not None:
        path = Path(args.baseline)
        try:
            problems = compare(rep, baseline, tolerance) + problems
        except (AttributeError, TypeError, KeyError) as exc:  # a JSON object, but not of a baseline's shape
            raise ReviewerError(
                f"{path}: not a baseline ({type(exc).__name__}: {exc}); write a new one with --write-baseline {path}"
            ) from None
    if cassette is not None and cassette.mode == "replay" and cassette.misses:
        problems.append(f"{cassette.misses} request(s) were not in the cassette {cassette.path}")
    rep["regressions"] = problems if (args.baseline or config.minimum or config.maximum) else None
    print(summary_table(rep))
    if len(rep["splits"]) > 1:
        print("\n" + split_table_markdown(rep))
    if rep.get("variance"):
        v = rep["variance"]
        print(
            f"score spread over {v['repeats']} runs: mean {v['mean_spread']:.3f}, max {v['max_spread']}, "
            f"{v['unstable_cases']} unstable case(s)"
        )
    bodies = {c.id: c.message.body for c in cases}
    if args.report_json:
        _write(args.report_json, json.dumps(rep, indent=2, default=str))
    if args.write_baseline:
        keep = {k: rep[k] for k in ("judge", "model", "rubrics", "overall", "splits")}
        _write(args.write_baseline, json.dumps(keep, indent=2, default=str) + "\n")
    if args.junit:
        _write(args.junit, junit(rep))
    if args.html:
        _write(args.html, html_report(rep, bodies))
    md = markdown(rep)
    if args.markdown:
        _write(args.markdown, md)
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write(md)
    if problems:
        print("GATE FAILED:", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    if rep["regressions"] is not None:
        print(f"gate passed (tolerance {tolerance})")
    return 0


def add_arguments(ev: argparse.ArgumentParser) -> None:
    """The eval subcommand's options."""
    ev.add_argument("--cases", nargs="+", default=["evals/cases"], metavar="PATH", help="JSONL files or folders")
    ev.add_argument("--concurrency", type=int, default=4)
    ev.add_argument("--repeat", type=int, default=1, metavar="N", help="run each case N times to measure variance")
    ev.add_argument("--report-json", metavar="OUT", help="metrics plus every case's predictions and findings")
    ev.add_argument("--markdown", metavar="OUT", help="a Markdown summary (also appended to $GITHUB_STEP_SUMMARY)")
    ev.add_argument("--junit", metavar="OUT", help="JUnit XML, one test per case")
    ev.add_argument("--html", metavar="OUT", help="a self-contained HTML report")
    ev.add_argument("--baseline", metavar="FILE", help="exit 1 when a metric drops past the tolerance")
    ev.add_argument("--write-baseline", metavar="FILE", help="write this run's metrics as the new baseline")
    ev.add_argument("--tolerance", type=float, help="allowed drop against the baseline (default: from --config)")
    ev.add_argument("--config", metavar="TOML", help="gate and price settings (default: evals/eval.toml)")
    ev.add_argument("--cache", metavar="FILE", help="reuse and store LLM answers in this cassette")
    ev.add_argument("--record", metavar="FILE", help="call the LLM for every case and store the answers")
    ev.add_argument("--replay", metavar="FILE", help="answer only from a recorded cassette; no key needed")
