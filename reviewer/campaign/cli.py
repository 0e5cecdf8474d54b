"""``reviewer campaign``: review every recipient of a campaign (README: "Review a whole campaign")."""

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from reviewer.campaign import BATCH_MAX_BYTES, BATCH_MAX_REQUESTS, SYNTAXES
from reviewer.errors import InputError
from reviewer.settings import Settings

_RANK = {"pass": 0, "revise": 1, "block": 2}


def add_arguments(cmd: argparse.ArgumentParser) -> None:
    """The subcommand's options."""
    source = cmd.add_mutually_exclusive_group(required=True)
    source.add_argument("--template", metavar="FILE", help="the template: .json/.yaml {channel, subject, body} or text")
    source.add_argument("--requests", metavar="FILE", help="already-rendered review requests (.jsonl or .parquet)")
    cmd.add_argument("--recipients", metavar="FILE", help="recipients for --template (.csv, .jsonl or .parquet)")
    cmd.add_argument("--out", metavar="OUT", required=True, help="results file: .parquet or .jsonl")
    cmd.add_argument("--subject", help="subject template, when the template file is plain text")
    cmd.add_argument("--channel", choices=["email", "sms", "push", "chat", "ivr"], help="default: email")
    cmd.add_argument("--syntax", choices=SYNTAXES, help="merge syntax (default auto: all of them)")
    cmd.add_argument("--map", action="append", default=[], metavar="COLUMN=PATH", help="column to context path")
    cmd.add_argument("--id-column", default="recipient_id", help="the recipient id column (default: recipient_id)")
    cmd.add_argument("--segment", action="append", default=[], metavar="COLUMN", help="count verdicts by it")
    cmd.add_argument("--rubrics", help="comma-separated rubric ids (default: all installed)")
    cmd.add_argument("--rewrite", action="store_true", help="also write a suggested rewrite per distinct case")
    cmd.add_argument("--include-context", action="store_true", help="copy each recipient's context into the results")
    cmd.add_argument("--include-message", action="store_true", help="copy each rendered message into the results")
    cmd.add_argument("--report", metavar="HTML", help="the HTML report (default: OUT.report.html)")
    cmd.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="review processes (default: cores)")
    cmd.add_argument("--chunk-size", type=int, default=5000, help="recipients per checkpointed chunk")
    cmd.add_argument("--overwrite", action="store_true", help="replace an existing results file")
    cmd.add_argument("--engine", choices=["local", "spark"], default="local")
    cmd.add_argument("--spark-master", default="local[*]", help="with --engine spark (default: local[*])")
    progress = cmd.add_mutually_exclusive_group()
    progress.add_argument("--progress", action="store_true", default=None, help="always draw the progress bar")
    progress.add_argument("--no-progress", dest="progress", action="store_false")
    cmd.add_argument("--batch", action="store_true", help="LLM judge through the OpenAI Batch API (resumable)")
    cmd.add_argument(
        "--batch-id", action="append", default=[], help="with --batch: resume this batch (repeat for several)"
    )
    cmd.add_argument("--poll-interval", type=float, default=30.0, help="with --batch: seconds between polls")
    cmd.add_argument(
        "--batch-max-requests",
        type=int,
        default=BATCH_MAX_REQUESTS,
        help=f"with --batch: requests per batch file (default and most: {BATCH_MAX_REQUESTS:,})",
    )
    cmd.add_argument(
        "--batch-max-bytes",
        type=int,
        default=BATCH_MAX_BYTES,
        help=f"with --batch: bytes per batch file (default and most: {BATCH_MAX_BYTES:,})",
    )
    cmd.add_argument("--fail-on", choices=["revise", "block"], help="exit 1 if any recipient is at or above this")


def load_template(path: Path, subject: str | None, channel: str | None, syntax: str | None) -> dict[str, Any]:
    """A template file as {channel, subject, body, syntax}; options given on the command line win."""
    import yaml

    if not path.is_file():
        raise InputError(f"{path}: no such template file")
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".json", ".yaml", ".yml"):
        data = yaml.safe_load(text)  # JSON is YAML
        if not isinstance(data, dict) or not isinstance(data.get("body"), str):
            raise InputError(f"{path}: expected an object with a 'body' (and optional subject, channel, syntax)")
    else:
        data = {"body": text}
    unknown = set(data) - {"body", "subject", "channel", "syntax"}
    if unknown:
        raise InputError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}; use body, subject, channel, syntax")
    data["subject"] = subject if subject is not None else data.get("subject")
    data["channel"] = channel or data.get("channel") or "email"
    data["syntax"] = syntax or data.get("syntax") or "auto"
    if data["syntax"] not in SYNTAXES:
        raise InputError(f"{path}: syntax must be one of {', '.join(SYNTAXES)}")
    return data


def _renames(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        column, sep, path = pair.partition("=")
        if not sep or not column or not path:
            raise InputError(f"--map {pair!r}: write COLUMN=PATH, e.g. --map sms_ok=consent.marketing_sms")
        out[column] = path
    return out


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the campaign review; the exit code follows ``--fail-on`` like ``reviewer review``."""
    from reviewer.campaign.cases import Builder
    from reviewer.campaign.engine import LocalEngine, RunConfig, fingerprint
    from reviewer.campaign.recipients import Mapping, count_rows, read_rows
    from reviewer.campaign.report import write_report
    from reviewer.campaign.rows import Layout
    from reviewer.campaign.summary import table
    from reviewer.campaign.template import CampaignTemplate
    from reviewer.rubrics import load_prompts

    if args.template and not args.recipients:
        raise InputError("--template needs --recipients FILE (.csv, .jsonl or .parquet)")
    if args.engine == "spark" and args.batch:
        raise InputError("--batch runs on the local engine; drop --engine spark")
    if args.workers < 1 or args.chunk_size < 1:
        raise InputError("--workers and --chunk-size must be at least 1")
    source = Path(args.recipients or args.requests)
    spec = load_template(Path(args.template), args.subject, args.channel, args.syntax) if args.template else None
    template = CampaignTemplate(spec["body"], spec["subject"], spec["syntax"]) if spec else None
    rubric_ids = [r.strip() for r in args.rubrics.split(",")] if args.rubrics else None
    rubrics = tuple(r.id for r in load_prompts(settings.prompts_dir).select(rubric_ids))
    layout = Layout(rubrics, tuple(args.segment), args.include_context, args.include_message)
    builder = Builder(
        template,
        Mapping(_renames(args.map), args.id_column),
        channel=spec["channel"] if spec else "email",
        rubrics=rubric_ids,
        rewrite=args.rewrite,
        segments=args.segment,
        keep_context=args.include_context,
    )
    out = Path(args.out)
    options = {
        "template": spec,
        "input": str(source),
        "map": args.map,
        "id_column": args.id_column,
        "segments": args.segment,
        "rubrics": list(rubrics),
        "rewrite": args.rewrite,
        "judge": settings.resolved_judge(),
        "include_context": args.include_context,
        "include_message": args.include_message,
        "chunk_size": args.chunk_size,
        "engine": args.engine,
        "batch": args.batch,
    }
    config = RunConfig(
        builder,
        layout,
        settings,
        out,
        fingerprint(source, options),
        workers=args.workers,
        chunk_size=args.chunk_size,
        progress=sys.stderr.isatty() if args.progress is None else args.progress,
        total=count_rows(source),
        overwrite=args.overwrite,
        options=options,
    )
    if args.engine == "spark":
        from reviewer.campaign.spark_run import run_spark

        manifest = run_spark(config, source, args.spark_master)
    elif args.batch:
        from reviewer.campaign.batch import BatchOptions, run_batch

        batching = BatchOptions(args.batch_id, args.poll_interval, args.batch_max_requests, args.batch_max_bytes)
        manifest = run_batch(config, lambda: read_rows(source), batching)
    else:
        engine = LocalEngine(config)
        if (engine.work / "checkpoint.json").is_file():
            print(f"resuming the run in {engine.work}", file=sys.stderr)
        manifest = engine.run(read_rows(source))
    report = Path(args.report) if args.report else out.with_name(out.name + ".report.html")
    write_report(report, manifest)
    sys.stdout.write(table(manifest["summary"], manifest["stats"]))
    print(f"\nresults: {out}  manifest: {out.name}.manifest.json  report: {report}")
    summary = manifest["summary"]
    if args.fail_on:
        worst = [v for v, n in summary["verdicts"].items() if n and v != "error" and _RANK[v] >= _RANK[args.fail_on]]
        if worst or summary["verdicts"].get("error"):
            return 1
    return 0
