"""Apache Spark: review a DataFrame of recipients on a cluster with ``mapInPandas``.

Each partition renders and reviews its recipients in the executor's Python worker, reviewing each distinct case
once per partition, and returns the result columns (the same as the local engine's). Spark distributes, retries
and writes; nothing here is home-made distribution.

    from reviewer.campaign.spark import review_dataframe
    results = review_dataframe(recipients_df, template={"channel": "email", "subject": "...", "body": "..."},
                               renames={"first_name": "name.first"}, segments=["ab_group"])
    results.write.parquet("s3://bucket/campaign-results/")
"""

import asyncio
import math
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from reviewer.campaign.cases import Builder
from reviewer.campaign.output import write_part
from reviewer.campaign.recipients import Mapping, file_format
from reviewer.campaign.review import Outcome, review_all
from reviewer.campaign.rows import Layout
from reviewer.campaign.summary import Summary
from reviewer.campaign.template import CampaignTemplate
from reviewer.errors import ConfigurationError
from reviewer.models import Message
from reviewer.settings import Settings

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import DataType, StructType


_DOT = "__dot__"


def _spark_type(t: pa.DataType) -> "DataType":
    from pyspark.sql import types as st

    if pa.types.is_list(t):
        return st.ArrayType(_spark_type(t.value_type))
    if pa.types.is_struct(t):
        return st.StructType([st.StructField(f.name, _spark_type(f.type)) for f in t])
    simple = {pa.string(): st.StringType(), pa.int8(): st.ByteType(), pa.int32(): st.IntegerType()}
    return simple.get(t, st.BooleanType())


def spark_schema(layout: Layout) -> "StructType":
    """The result columns as a Spark schema."""
    from pyspark.sql.types import StructField, StructType

    return StructType([StructField(f.name, _spark_type(f.type)) for f in layout.schema()])


def _null(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else value


def _partition(
    builder: Builder, layout: Layout, settings: Settings
) -> "Any":  # Iterator[pandas.DataFrame] -> Iterator[pandas.DataFrame]
    def review(batches: Iterator[Any]) -> Iterator[Any]:
        from reviewer.service import ReviewCore

        core = ReviewCore(settings)
        schema = layout.schema()
        known: dict[str, Outcome] = {}
        for batch in batches:
            rows = [{k.replace(_DOT, "."): _null(v) for k, v in r.items()} for r in batch.to_dict("records")]
            cases = [builder.build(row) for row in rows]
            new = {c.key: c.request.model_dump_json() for c in cases if c.request and c.key not in known}
            known.update(asyncio.run(review_all(core, list(new.items()))))
            out = [layout.row(case, known.get(case.key)) for case in cases]
            yield pa.Table.from_pylist(out, schema=schema).to_pandas()

    return review


def review_dataframe(
    df: "DataFrame",
    template: dict[str, Any],
    *,
    renames: dict[str, str] | None = None,
    id_column: str = "recipient_id",
    rubrics: list[str] | None = None,
    rewrite: bool = False,
    segments: list[str] | None = None,
    include_message: bool = False,
    include_context: bool = False,
    settings: Settings | None = None,
) -> "DataFrame":
    """Review every row of ``df`` and return one row per recipient with the result columns.

    ``df`` holds recipients (columns as for ``reviewer campaign --recipients``; ``renames`` as ``--map``) and
    ``template`` is a dict of ``body`` and optional ``subject``, ``channel``, ``syntax``. The judge is the
    configured one (the embedded judge unless an LLM is configured).
    """
    from reviewer.rubrics import load_prompts

    settings = settings or Settings()
    compiled = CampaignTemplate(template["body"], template.get("subject"), template.get("syntax", "auto"))
    ids = tuple(r.id for r in load_prompts(settings.prompts_dir).select(rubrics))
    segments = segments or []
    layout = Layout(ids, tuple(segments), include_context, include_message)
    builder = Builder(
        compiled,
        Mapping(renames or {}, id_column),
        channel=template.get("channel", "email"),
        rubrics=rubrics,
        rewrite=rewrite,
        segments=segments,
        keep_context=include_context,
    )
    safe = df.toDF(*(c.replace(".", _DOT) for c in df.columns))  # Spark reads a dot in a name as a struct field
    return safe.mapInPandas(_partition(builder, layout, settings), spark_schema(layout))


def session(master: str) -> "SparkSession":
    """A Spark session, or a clear error when Spark or Java is missing."""
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


def run_spark(config: Any, source: Path, master: str) -> dict[str, Any]:
    """``--engine spark``: review with Spark, then write the same results file, manifest and summary."""
    from reviewer.campaign.engine import LocalEngine

    started = time.time()
    engine = LocalEngine(config)
    engine.prepare()
    spark = session(master)
    b = config.builder
    layout = Layout(config.layout.rubrics, config.layout.segments, config.layout.include_context, True)
    df = review_dataframe(
        read(spark, source),
        config.options["template"],
        renames=b.mapping.renames,
        id_column=b.mapping.id_column,
        rubrics=b.rubrics,
        rewrite=b.rewrite,
        segments=b.segments,
        include_message=True,
        include_context=config.layout.include_context,
        settings=config.settings,
    )
    keep = config.layout.schema()
    summary = Summary(list(layout.segments))
    chunk: list[dict[str, Any]] = []
    index = 0
    for spark_row in df.toLocalIterator():
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
    spark.stop()
    engine.summary = summary
    engine.done = set(range(index))
    engine.reviews = len(set(_case_ids(engine.work)))  # distinct cases; Spark reviews each once per partition
    return engine.finish(started)


def _case_ids(work: Path) -> Iterator[str]:
    import pyarrow.parquet as pq

    for part in sorted(work.glob("part-*.parquet")):
        yield from (c for c in pq.read_table(part, columns=["case_id"]).column(0).to_pylist() if c)
