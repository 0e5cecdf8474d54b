"""``reviewer campaign --engine spark``: :mod:`reviewer.campaign.spark` writing the local engine's files.

Recipients with ``--template`` or rendered requests with ``--requests`` are read by Spark, reviewed there (each
distinct case once across the whole input) and streamed back in the input's order into the same results file,
manifest and summary as the local engine writes.
"""

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.campaign.engine import LocalEngine, RunConfig
from reviewer.campaign.output import write_part
from reviewer.campaign.recipients import file_format
from reviewer.campaign.rows import Layout
from reviewer.campaign.spark import POSITION, review_cases
from reviewer.campaign.summary import Summary
from reviewer.errors import ConfigurationError
from reviewer.models import Message

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def session(master: str) -> "SparkSession":
    """A Spark session, or a clear error when Spark is missing."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigurationError("--engine spark needs PySpark: pip install -e '.[spark]'") from None
    return SparkSession.builder.master(master).appName("reviewer-campaign").getOrCreate()


def read(spark: "SparkSession", source: Path) -> "DataFrame":
    """The input as a DataFrame; CSV columns stay text, as the local engine reads them."""
    fmt = file_format(source)
    if fmt == "csv":
        return spark.read.option("header", True).option("escape", '"').option("multiLine", True).csv(str(source))
    if fmt == "jsonl":
        return spark.read.json(str(source))
    return spark.read.parquet(str(source))


def run_spark(config: RunConfig, source: Path, master: str) -> dict[str, Any]:
    """Review with Spark, then write the same results file, manifest and summary as the local engine."""
    started = time.time()
    engine = LocalEngine(config)
    engine.prepare()
    spark = session(master)
    reviews = spark.sparkContext.accumulator(0)
    layout = Layout(config.layout.rubrics, config.layout.segments, config.layout.include_context, True)
    results = review_cases(read(spark, source), config.builder, layout, config.settings, reviews)
    keep = config.layout.schema()
    summary = Summary(list(layout.segments))
    chunk: list[dict[str, Any]] = []
    index = 0
    for spark_row in results.orderBy(POSITION).toLocalIterator():
        row = spark_row.asDict(recursive=True)
        message = Message(channel="email", subject=row["subject"], body=row["body"]) if row["body"] else None
        summary.add(row, message)
        chunk.append({name: row[name] for name in keep.names})
        if len(chunk) >= config.chunk_size:
            write_part(engine.work / f"part-{index:06d}.parquet", chunk, keep)
            chunk, index = [], index + 1
    if chunk:
        write_part(engine.work / f"part-{index:06d}.parquet", chunk, keep)
        index += 1
    engine.reviews = reviews.value
    spark.stop()
    engine.summary = summary
    engine.done = set(range(index))
    return engine.finish(started)
