"""Campaign review throughput: the local engine, one-by-one `reviewer review`, Spark local[2], and 50M on paper.

    python bench/campaign.py                 # 100k recipients (seeded), Spark on 20k, 20 one-by-one reviews
    python bench/campaign.py --recipients 10000 --spark-recipients 5000 --one-by-one 10

Prints one table. The one-by-one figure reviews a sample of recipients, each with its own `reviewer review`
process (as a script looping over a campaign would), and scales it to an hour.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reviewer.campaign.cases import Builder
from reviewer.campaign.generator import TEMPLATE, generate, write_csv, write_template
from reviewer.campaign.recipients import Mapping, read_rows
from reviewer.campaign.template import CampaignTemplate

ROOT = Path(__file__).resolve().parent.parent
ENV = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "REVIEWER_"))}


def campaign(folder: Path, recipients: Path, out: str, *extra: str) -> tuple[float, dict[str, object]]:
    """Run `reviewer campaign`; wall seconds and the manifest."""
    args = ["--template", str(folder / "template.json"), "--recipients", str(recipients), "--out", str(folder / out)]
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reviewer", "campaign", *args, "--map", "first_name=name.first", "--overwrite", *extra],
        check=True,
        cwd=ROOT,
        env=ENV,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    manifest: dict[str, object] = json.loads((folder / f"{out}.manifest.json").read_text())
    return wall, manifest


def one_by_one(folder: Path, recipients: Path, n: int) -> float:
    """Seconds per recipient when each is reviewed by its own `reviewer review` process."""
    builder = Builder(
        CampaignTemplate(TEMPLATE["body"], TEMPLATE["subject"]),
        Mapping({"first_name": "name.first"}, "recipient_id"),
        channel="email",
        rubrics=None,
        rewrite=False,
        segments=[],
        keep_context=False,
    )
    rows = read_rows(recipients)
    started = time.perf_counter()
    for i in range(n):
        case = builder.build(next(rows))
        assert case.request is not None
        path = folder / f"one-{i}.json"
        path.write_text(case.request.model_dump_json())
        review = [sys.executable, "-m", "reviewer", "review", str(path), "--format", "json", "--no-rewrite"]
        subprocess.run(review, check=True, cwd=ROOT, env=ENV, capture_output=True)
    return (time.perf_counter() - started) / n


def main() -> None:
    """Run everything and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--spark-recipients", type=int, default=20_000, help="0 skips Spark")
    parser.add_argument("--one-by-one", type=int, default=20)
    parser.add_argument("--executors", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--cores-per-executor", type=int, default=4)
    parser.add_argument("--usd-per-core-hour", type=float, default=0.05)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_template(folder / "template.json")
        rows = generate(args.recipients, seed=2024)
        write_csv(folder / "big.csv", rows)
        wall, manifest = campaign(folder, folder / "big.csv", "big.parquet", "--no-progress")
        stats = manifest["stats"]
        assert isinstance(stats, dict)
        local_rate = args.recipients / wall * 3600
        single = one_by_one(folder, folder / "big.csv", args.one_by_one)
        single_rate = 3600 / single
        lines = [
            f"campaign of {args.recipients:,} recipients (seeded generator), {cores} cores, embedded judge",
            "",
            "| run | recipients | wall s | recipients/hour | distinct reviews | dedupe ratio |",
            "|---|---|---|---|---|---|",
            f"| local engine, {cores} workers | {args.recipients:,} | {wall:.1f} | {local_rate:,.0f} | "
            f"{stats['reviews']:,} | {stats['dedupe_ratio']:.2f}x |",
            f"| one by one, `reviewer review` per recipient ({args.one_by_one} sampled) | {args.one_by_one} | "
            f"{single * args.one_by_one:.1f} | {single_rate:,.0f} | {args.one_by_one} | 1.00x |",
            f"| **local engine / one by one** | | | **{local_rate / single_rate:,.0f}x** | | |",
        ]
        if args.spark_recipients:
            write_csv(folder / "spark.csv", rows[: args.spark_recipients])
            n = args.spark_recipients
            local_wall, local_manifest = campaign(folder, folder / "spark.csv", "local.parquet", "--no-progress")
            spark_wall, spark_manifest = campaign(
                folder, folder / "spark.csv", "spark.parquet", "--engine", "spark", "--spark-master", "local[2]"
            )
            for name, run_wall, run in (
                (f"local engine, same {n:,}", local_wall, local_manifest),
                (f"Spark local[2] (incl. JVM start), same {n:,}", spark_wall, spark_manifest),
            ):
                run_stats = run["stats"]
                assert isinstance(run_stats, dict)
                lines.append(
                    f"| {name} | {n:,} | {run_wall:.1f} | {n / run_wall * 3600:,.0f} | {run_stats['reviews']:,} | "
                    f"{run_stats['dedupe_ratio']:.2f}x |"
                )
        cpu_per_review = wall * cores / max(1, int(stats["reviews"]))
        ratio = float(stats["dedupe_ratio"])
        core_hours = 50_000_000 / ratio * cpu_per_review / 3600
        lines += [
            "",
            f"50M recipients on paper: {cpu_per_review * 1000:.2f} ms of core time per distinct review (measured, "
            f"all overheads in), dedupe {ratio:.2f}x -> {core_hours:,.0f} core-hours "
            f"(${core_hours * args.usd_per_core_hour:,.0f} at ${args.usd_per_core_hour}/core-hour)",
            "",
            "| executors x cores | wall hours | cost |",
            "|---|---|---|",
        ]
        for executors in args.executors:
            total = executors * args.cores_per_executor
            lines.append(
                f"| {executors} x {args.cores_per_executor} | {core_hours / total:.2f} | "
                f"${core_hours * args.usd_per_core_hour:,.0f} |"
            )
        print("\n".join(lines))


if __name__ == "__main__":
    main()
