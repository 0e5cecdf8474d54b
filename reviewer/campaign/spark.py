"""Apache Spark: review a DataFrame of recipients on a cluster, each distinct case once across the whole DataFrame.

Every step is Spark's own: ``mapInArrow`` renders each recipient and computes its case key (the dedupe key);
``dropDuplicates`` on the key leaves one request per distinct case, reviewed with ``mapInArrow``; a join on the key
brings each case's outcome back to its recipients, whose result rows (the local engine's) a last ``mapInArrow``
builds. Spark distributes, shuffles, retries and writes; nothing here is home-made distribution.

    from reviewer.campaign.spark import review_dataframe
    results = review_dataframe(recipients_df, template={"channel": "email", "subject": "...", "body": "..."},
                               renames={"first_name": "name.first"}, segments=["ab_group"])
    results.write.parquet("s3://bucket/campaign-results/")
"""

import asyncio
import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from reviewer.campaign.cases import Builder
from reviewer.campaign.recipients import Mapping
from reviewer.campaign.review import review_all
from reviewer.campaign.rows import Layout
from reviewer.campaign.template import CampaignTemplate
from reviewer.settings import Settings

if TYPE_CHECKING:
    from pyspark import Accumulator
    from pyspark.sql import DataFrame
    from pyspark.sql.types import DataType, StructType

_DOT = "__dot__"  # Spark reads a dot in a column name as a struct field
POSITION = "__position__"  # the input row's place, for callers that want the input's order back
_POSITION = pa.field(POSITION, pa.int64())
_REQUEST = pa.field("request", pa.string())
Batches = Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]


def _spark_type(t: pa.DataType) -> "DataType":
    from pyspark.sql import types as st

    if pa.types.is_list(t):
        return st.ArrayType(_spark_type(t.value_type))
    if pa.types.is_struct(t):
        return st.StructType([st.StructField(f.name, _spark_type(f.type)) for f in t])
    simple = {pa.string(): st.StringType(), pa.int8(): st.ByteType(), pa.int32(): st.IntegerType()}
    return simple.get(t, st.LongType() if t == pa.int64() else st.BooleanType())


def spark_schema(schema: pa.Schema) -> "StructType":
    """An Arrow schema as a Spark schema."""
    from pyspark.sql.types import StructField, StructType

    return StructType([StructField(f.name, _spark_type(f.type)) for f in schema])


def _safe(schema: pa.Schema) -> pa.Schema:
    return pa.schema([f.with_name(f.name.replace(".", _DOT)) for f in schema])


def _rows(batch: pa.RecordBatch) -> list[dict[str, Any]]:
    return [{k.replace(_DOT, "."): v for k, v in row.items()} for row in batch.to_pylist()]


def _prepare(builder: Builder, layout: Layout) -> Batches:
    """Step 1: each recipient's own columns (:meth:`Layout.own`), its case key and its request."""
    schema = _safe(layout.own_schema().append(_REQUEST).append(_POSITION))

    def prepare(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            out = []
            for row in _rows(batch):
                position = row.pop(POSITION)
                case = builder.build(row)
                request = case.request.model_dump_json() if case.request else None
                own = {k.replace(".", _DOT): v for k, v in layout.own(case).items()}
                out.append({**own, "request": request, POSITION: position})
            yield pa.RecordBatch.from_pylist(out, schema=schema)

    return prepare


def _review(settings: Settings, reviews: "Accumulator[int] | None") -> Batches:
    """Step 2: review distinct cases, one ``(case_id, outcome JSON)`` each."""
    schema = pa.schema([("case_id", pa.string()), ("outcome", pa.string())])

    def review(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from reviewer.service import ReviewCore

        core = ReviewCore(settings)
        for batch in batches:
            cases = list(zip(batch.column("case_id").to_pylist(), batch.column("request").to_pylist(), strict=True))
            done = asyncio.run(review_all(core, cases))
            if reviews is not None:
                reviews.add(len(done))
            out = [{"case_id": key, "outcome": json.dumps(outcome, ensure_ascii=False)} for key, outcome in done]
            yield pa.RecordBatch.from_pylist(out, schema=schema)

    return review


def _merge(layout: Layout) -> Batches:
    """Step 3: each recipient's own columns with its case's outcome: the result rows."""
    schema = layout.schema().append(_POSITION)

    def merge(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            out = []
            for row in _rows(batch):
                outcome = row.pop("outcome")
                out.append(layout.merge(row, json.loads(outcome) if outcome else None))
            yield pa.RecordBatch.from_pylist(out, schema=schema)

    return merge


def review_cases(
    df: "DataFrame", builder: Builder, layout: Layout, settings: Settings, reviews: "Accumulator[int] | None" = None
) -> "DataFrame":
    """The result rows of every row of ``df`` (recipients or rendered requests, as ``builder`` reads them).

    Each distinct case is reviewed once across the whole DataFrame; ``reviews``, a Spark accumulator, counts the
    reviews run. The rows come in no particular order, with the input row's place in a :data:`POSITION` column.
    Rendering runs twice per row (once for the distinct cases, once for the rows), a few percent of a review,
    rather than persisting every rendered request.
    """
    from pyspark.sql import functions as sf

    safe = df.toDF(*(c.replace(".", _DOT) for c in df.columns)).withColumn(POSITION, sf.monotonically_increasing_id())
    prepared = _safe(layout.own_schema().append(_REQUEST).append(_POSITION))
    cases = safe.mapInArrow(_prepare(builder, layout), spark_schema(prepared))
    distinct = cases.where(sf.col("request").isNotNull()).select("case_id", "request").dropDuplicates(["case_id"])
    # Spread the reviews over every core: by bytes, the distinct requests would fit in one or two partitions.
    spread = distinct.repartition(df.sparkSession.sparkContext.defaultParallelism)
    outcomes = spread.mapInArrow(_review(settings, reviews), "case_id string, outcome string")
    joined = cases.drop("request").join(outcomes, "case_id", "left")
    return joined.mapInArrow(_merge(layout), spark_schema(layout.schema().append(_POSITION)))


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
    reviews: "Accumulator[int] | None" = None,
) -> "DataFrame":
    """Review every row of ``df`` and return one row per recipient with the result columns, in no particular order.

    ``df`` holds recipients (columns as for ``reviewer campaign --recipients``; ``renames`` as ``--map``) and
    ``template`` is a dict of ``body`` and optional ``subject``, ``channel``, ``syntax``. The judge is the
    configured one (the embedded judge unless an LLM is configured). Each distinct case is reviewed once across
    the whole DataFrame; pass ``reviews=spark.sparkContext.accumulator(0)`` to count the reviews run (the dedupe
    ratio is the row count over it).
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
    return review_cases(df, builder, layout, settings, reviews).drop(POSITION)
