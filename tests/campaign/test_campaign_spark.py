"""The Spark path against a real local Spark session (local[2]); Java comes from Debian (scripts/test.sh)."""

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewer.campaign.output import read_results
from tests.conftest import run_reviewer


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    assert shutil.which("java"), "Spark needs Java: apt-get install openjdk-17-jre-headless (scripts/test.sh does)"
    from pyspark.sql import SparkSession

    session = SparkSession.builder.master("local[2]").appName("reviewer-tests").getOrCreate()
    yield session
    session.stop()


def test_review_dataframe_gives_the_local_engines_rows(spark: Any, campaign: Path, tmp_path: Path) -> None:
    from reviewer.campaign.spark import read, review_dataframe

    local = tmp_path / "local.parquet"
    args = ["--template", str(campaign / "template.json"), "--recipients", str(campaign / "recipients.csv")]
    done = run_reviewer(
        "campaign", *args, "--out", str(local), "--map", "first_name=name.first", "--segment", "ab_group"
    )
    assert done.returncode == 0, done.stderr
    template = json.loads((campaign / "template.json").read_text())
    df = read(spark, campaign / "recipients.csv").repartition(3)
    results = review_dataframe(df, template, renames={"first_name": "name.first"}, segments=["ab_group"])
    assert "score_creepiness" in results.columns and "findings" in results.columns
    got = sorted((r.asDict(recursive=True) for r in results.collect()), key=lambda r: r["recipient_id"])
    expected = sorted(read_results(local), key=lambda r: r["recipient_id"])
    assert got == expected


def test_engine_spark_on_the_command_line(campaign: Path, tmp_path: Path) -> None:
    out = tmp_path / "spark.jsonl"
    args = ["--template", str(campaign / "template.json"), "--recipients", str(campaign / "recipients.csv")]
    done = run_reviewer(
        "campaign",
        *args,
        "--out",
        str(out),
        "--map",
        "first_name=name.first",
        "--engine",
        "spark",
        "--spark-master",
        "local[2]",
    )
    assert done.returncode == 0, done.stderr
    manifest = json.loads(out.with_name(out.name + ".manifest.json").read_text())
    assert manifest["rows"] == 320 and manifest["options"]["engine"] == "spark"
    local = tmp_path / "local.jsonl"
    assert run_reviewer("campaign", *args, "--out", str(local), "--map", "first_name=name.first").returncode == 0
    assert read_results(out) == read_results(local)
