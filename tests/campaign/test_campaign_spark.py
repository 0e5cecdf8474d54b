"""The Spark path against a real local Spark session (local[2]); Java comes from Debian (scripts/test.sh)."""

import json
import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from reviewer.campaign.cases import Builder
from reviewer.campaign.output import read_results
from reviewer.campaign.recipients import Mapping, read_rows
from tests.campaign.conftest import builder_for
from tests.conftest import run_reviewer

MAP = ["--map", "first_name=name.first"]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    assert shutil.which("java"), "Spark needs Java: apt-get install openjdk-17-jre-headless (scripts/test.sh does)"
    from pyspark.sql import SparkSession

    session = SparkSession.builder.master("local[2]").appName("reviewer-tests").getOrCreate()
    yield session
    session.stop()


@pytest.fixture(scope="module")
def local(campaign: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The local engine's results for the campaign, with the ab_group segment."""
    out = tmp_path_factory.mktemp("local") / "local.jsonl"
    args = ["--template", str(campaign / "template.json"), "--recipients", str(campaign / "recipients.csv")]
    done = run_reviewer("campaign", *args, "--out", str(out), *MAP, "--segment", "ab_group")
    assert done.returncode == 0, done.stderr
    return out


def test_review_dataframe_gives_the_local_engines_rows_reviewing_each_distinct_case_once(
    spark: Any, campaign: Path, local: Path
) -> None:
    from pyspark.sql.functions import spark_partition_id

    from reviewer.campaign.spark import review_dataframe
    from reviewer.campaign.spark_run import read

    template = json.loads((campaign / "template.json").read_text())
    df = read(spark, campaign / "recipients.csv").repartition(4, "recipient_id")  # twins land apart
    reviews = spark.sparkContext.accumulator(0)
    results = review_dataframe(
        df, template, renames={"first_name": "name.first"}, segments=["ab_group"], reviews=reviews
    )
    assert "score_creepiness" in results.columns and "findings" in results.columns
    got = sorted((r.asDict(recursive=True) for r in results.collect()), key=lambda r: r["recipient_id"])
    expected = sorted(read_results(local), key=lambda r: r["recipient_id"])
    assert got == expected
    # One review per distinct case across the whole DataFrame, though many cases span partitions.
    cases = {r["case_id"] for r in got}
    assert reviews.value == len(cases) < len(got)
    partition = {r.recipient_id: r.pid for r in df.select("recipient_id", spark_partition_id().alias("pid")).collect()}
    spread: dict[str, set[int]] = defaultdict(set)
    for row in got:
        spread[row["case_id"]].add(partition[row["recipient_id"]])
    assert sum(len(p) > 1 for p in spread.values()) >= 5


def test_engine_spark_on_the_command_line(campaign: Path, local: Path, tmp_path: Path) -> None:
    out = tmp_path / "spark.jsonl"
    args = ["--template", str(campaign / "template.json"), "--recipients", str(campaign / "recipients.csv")]
    done = run_reviewer(
        "campaign", *args, "--out", str(out), *MAP, "--segment", "ab_group", "--engine", "spark", "--spark-master",
        "local[2]",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert read_results(out) == read_results(local)
    manifest = json.loads(out.with_name(out.name + ".manifest.json").read_text())
    local_manifest = json.loads(local.with_name(local.name + ".manifest.json").read_text())
    assert manifest["rows"] == 320 and manifest["options"]["engine"] == "spark"
    assert manifest["summary"] == local_manifest["summary"]
    assert manifest["stats"]["reviews"] == local_manifest["stats"]["reviews"] < 320
    assert manifest["stats"]["dedupe_ratio"] == local_manifest["stats"]["dedupe_ratio"]
    assert "dedupe ratio" in done.stdout


def rendered_requests(campaign: Path) -> list[dict[str, Any]]:
    """The campaign as already-rendered review requests, plus one that does not validate."""
    builder = builder_for(campaign)
    lines = []
    for row in read_rows(campaign / "recipients.csv"):
        case = builder.build(row)
        assert case.request is not None
        lines.append({"id": case.recipient_id, **case.request.model_dump(mode="json", exclude_none=True)})
    return [*lines, {"id": "bad", "message": {"channel": "fax", "body": "x"}}]


def test_rendered_requests_on_spark_give_the_local_engines_rows(spark: Any, campaign: Path, tmp_path: Path) -> None:
    from reviewer.campaign.rows import Layout
    from reviewer.campaign.spark import POSITION, review_cases
    from reviewer.campaign.spark_run import read
    from reviewer.settings import Settings

    lines = rendered_requests(campaign)
    (tmp_path / "requests.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    pq.write_table(pa.Table.from_pylist(lines), tmp_path / "requests.parquet")
    outs = {}
    for engine in ("local", "spark"):
        outs[engine] = tmp_path / f"{engine}.jsonl"
        done = run_reviewer(
            "campaign", "--requests", str(tmp_path / "requests.jsonl"), "--id-column", "id", "--segment",
            "context.region", "--out", str(outs[engine]), "--engine", engine, "--spark-master", "local[2]",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    rows = read_results(outs["spark"])
    assert rows == read_results(outs["local"]) and len(rows) == 321
    assert rows[-1]["error"] and "channel" in rows[-1]["error"] and rows[0]["segment.context.region"]
    # Parquet requests (structs, null where absent) on Spark, through the API the command line uses.
    builder = Builder(
        None, Mapping({}, "id"), channel="email", rubrics=None, rewrite=False, segments=["context.region"],
        keep_context=False,
    )  # fmt: skip
    layout = Layout(("creepiness", "overreach", "stereotyping"), ("context.region",))
    results = review_cases(read(spark, tmp_path / "requests.parquet"), builder, layout, Settings())
    assert [r.asDict(recursive=True) for r in results.orderBy(POSITION).drop(POSITION).collect()] == rows
