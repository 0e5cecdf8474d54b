"""Eval reports: Markdown (and GitHub's step summary), JUnit XML, and a self-contained HTML page."""

import html
import math
import re
from typing import Any
from xml.etree import ElementTree as ET

_METRICS = (
    ("exact_accuracy", "exact"),
    ("within_1_accuracy", "within 1"),
    ("qwk", "QWK"),
    ("spearman", "Spearman"),
    ("precision", "precision"),
    ("recall", "recall"),
    ("f1", "F1"),
    ("false_positive_rate_clean", "FPR clean"),
)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "n/a" if math.isnan(value) else f"{value:.3f}"
    return str(value)


def markdown(rep: dict[str, Any]) -> str:
    """The metrics as Markdown tables."""
    lines = [
        f"## Reviewer eval — judge `{rep.get('judge')}`" + (f", model `{rep['model']}`" if rep.get("model") else ""),
        "",
        "| rubric | " + " | ".join(h for _, h in _METRICS) + " |",
        "|---" * (len(_METRICS) + 1) + "|",
    ]
    for rubric, m in rep["rubrics"].items():
        lines.append(f"| {rubric} | " + " | ".join(_fmt(m[k]) for k, _ in _METRICS) + " |")
    o = rep["overall"]
    lines += ["", "| overall | value |", "|---|---|"]
    for key in (
        "cases",
        "clean_cases",
        "verdict_accuracy",
        "blunder_detection",
        "clean_false_positive_rate",
        "must_flag_recall",
        "rewrite_success_rate",
        "latency_ms_p50",
        "latency_ms_p95",
        "degraded",
    ):
        lines.append(f"| {key} | {_fmt(o[key])} |")
    lines.append(f"| tokens | {o['tokens']['prompt']} prompt + {o['tokens']['completion']} completion |")
    if o.get("cost_usd") is not None:
        lines.append(f"| cost | ${o['cost_usd']:.4f} |")
    if len(rep.get("splits", {})) > 1:
        lines += ["", split_table_markdown(rep)]
    if rep.get("variance"):
        v = rep["variance"]
        lines.append(
            f"| score spread over {v['repeats']} runs | mean {_fmt(v['mean_spread'])}, max {v['max_spread']}, "
            f"unstable cases {v['unstable_cases']} |"
        )
    if rep.get("regressions") is not None:
        lines += [
            "",
            "**Gate:** " + ("passed" if not rep["regressions"] else "FAILED: " + "; ".join(rep["regressions"])),
        ]
    return "\n".join(lines) + "\n"


def case_failures(case: dict[str, Any]) -> list[str]:
    """Why a case counts as failed: a flag decision, a must_flag span or the verdict went wrong."""
    out = []
    for rubric, truth in case["labels"].items():
        pred = case["predicted"].get(rubric, 0)
        if (truth >= 2) != (pred >= 2):
            out.append(f"{rubric}: labelled {truth}, predicted {pred}")
    out += [
        f'missed {m["rubric"]} span "{m["quote"]}"'
        for m, hit in zip(case["must_flag"], case["must_flag_hits"], strict=True)
        if not hit
    ]
    if case["expected_verdict"] is not None and case["verdict"] != case["expected_verdict"]:
        out.append(f"verdict {case['verdict']}, expected {case['expected_verdict']}")
    return out


def junit(rep: dict[str, Any]) -> str:
    """One test case per eval case, failed only when the gate failed, then a failed ``gate`` case saying why.

    A miss the gate tolerates (its metrics within the baseline's tolerance and the bounds) is listed in the case's
    output, not as a failure: a JUnit file full of red cases under a green build teaches everyone to ignore it.
    """
    cases = rep["cases"]
    regressions = rep.get("regressions") or []
    misses = [case_failures(c) for c in cases]
    failed = sum(bool(m) for m in misses) if regressions else 0
    suite = ET.Element(
        "testsuite",
        name="reviewer-eval",
        tests=str(len(cases) + bool(regressions)),
        failures=str(failed + bool(regressions)),
    )
    for case, missed in zip(cases, misses, strict=True):
        tc = ET.SubElement(
            suite,
            "testcase",
            classname=f"reviewer.eval.{case.get('file', 'cases')}",
            name=case["id"],
            time=f"{case.get('latency_ms', 0) / 1000:.4f}",
        )
        if missed and regressions:
            fail = ET.SubElement(tc, "failure", message=missed[0])
            fail.text = "\n".join(missed)
        elif missed:
            ET.SubElement(tc, "system-out").text = "missed, within the gate: " + "; ".join(missed)
    if regressions:
        gate = ET.SubElement(suite, "testcase", classname="reviewer.eval", name="gate", time="0")
        ET.SubElement(gate, "failure", message=regressions[0]).text = "\n".join(regressions)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True)


def _confusion_svg(rubric: str, matrix: list[list[int]]) -> str:
    cell, pad = 34, 46
    # Two scales: agreement (the diagonal) and errors (off it). The 0/0 cell, clean drafts called clean, dwarfs
    # everything, so it only saturates its own colour and sets neither scale.
    peak_agree = max((matrix[i][i] for i in range(1, 5)), default=0) or 1
    peak_error = max((matrix[i][j] for i in range(5) for j in range(5) if i != j), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{pad + 5 * cell + 10}" height="{pad + 5 * cell + 10}" '
        f'role="img" aria-label="confusion matrix for {rubric}">',
        f'<text x="{pad + 2.5 * cell}" y="12" text-anchor="middle" font-size="12">predicted</text>',
        f'<text x="10" y="{pad + 2.5 * cell}" font-size="12" transform="rotate(-90 10 {pad + 2.5 * cell})" '
        'text-anchor="middle">labelled</text>',
    ]
    for i in range(5):
        parts.append(
            f'<text x="{pad + i * cell + cell / 2}" y="{pad - 6}" text-anchor="middle" font-size="11">{i}</text>'
        )
        parts.append(
            f'<text x="{pad - 8}" y="{pad + i * cell + cell / 2 + 4}" text-anchor="end" font-size="11">{i}</text>'
        )
        for j in range(5):
            n = matrix[i][j]
            shade = int(255 - 200 * min(1.0, n / (peak_agree if i == j else peak_error)))
            color = f"rgb({shade},{shade},255)" if i == j else f"rgb(255,{shade},{shade})"
            parts.append(
                f'<rect x="{pad + j * cell}" y="{pad + i * cell}" width="{cell - 2}" height="{cell - 2}" '
                f'fill="{color if n else "#f4f4f4"}"/>'
            )
            parts.append(
                f'<text x="{pad + j * cell + cell / 2 - 1}" y="{pad + i * cell + cell / 2 + 4}" '
                f'text-anchor="middle" font-size="11">{n}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _highlight(body: str, spans: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, cls in sorted(spans):
        if start < pos:
            continue
        out.append(html.escape(body[pos:start]))
        out.append(f'<mark class="{cls}">{html.escape(body[start:end])}</mark>')
        pos = end
    out.append(html.escape(body[pos:]))
    return "".join(out)


def _inline(text: str) -> str:
    """Escaped text with the Markdown our tables use: `code` and **bold**."""
    out = html.escape(text)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    return re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", out)


def _markdown_html(md: str) -> str:
    """The Markdown ``markdown`` writes (headings, pipe tables, paragraphs) as HTML."""
    out: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if table:
            head, *body = table
            cells = "".join(f"<th>{_inline(c)}</th>" for c in head)
            rows = "".join(
                "<tr>" + "".join(f"<td{' class=num' if _fmt_number(c) else ''}>{_inline(c)}</td>" for c in r) + "</tr>"
                for r in body
            )
            out.append(f"<table><tr>{cells}</tr>{rows}</table>")
            table.clear()

    for line in md.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(set(c) <= {"-", ":"} for c in cells):
                table.append(cells)
            continue
        flush()
        if line.startswith("## "):
            out.append(f"<h2>{_inline(line[3:])}</h2>")
        elif line.strip():
            out.append(f"<p>{_inline(line)}</p>")
    flush()
    return "\n".join(out)


def _fmt_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def html_report(rep: dict[str, Any], bodies: dict[str, str], worst: int = 25) -> str:
    """A single HTML file: metric tables, a confusion matrix per rubric, and the worst misses with their spans."""
    rubrics = list(rep["rubrics"])
    matrices = {r: [[0] * 5 for _ in range(5)] for r in rubrics}
    for c in rep["cases"]:
        for r, label in c["labels"].items():
            matrices[r][label][min(4, max(0, c["predicted"].get(r, 0)))] += 1
    misses = sorted(
        (c for c in rep["cases"] if case_failures(c)),
        key=lambda c: -sum(abs(label - c["predicted"].get(r, 0)) for r, label in c["labels"].items()),
    )[:worst]
    rows = []
    for c in misses:
        body = bodies.get(c["id"], "")
        spans = [(f["start"], f["end"], "found") for f in c["findings"] if f["field"] == "body"]
        for m, hit in zip(c["must_flag"], c["must_flag_hits"], strict=True):
            at = body.find(m["quote"])
            if at >= 0 and not hit:
                spans.append((at, at + len(m["quote"]), "missed"))
        rows.append(
            f"<tr><td>{html.escape(c['id'])}</td><td>{'<br>'.join(html.escape(x) for x in case_failures(c))}</td>"
            f"<td class=body>{_highlight(body[:1500], spans)}</td></tr>"
        )
    summary = _markdown_html(markdown(rep))
    none = "<tr><td colspan=3>none</td></tr>"
    tables = "".join(f"<figure>{_confusion_svg(r, matrices[r])}<figcaption>{r}</figcaption></figure>" for r in rubrics)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reviewer eval report</title>
<style>
body{{font:14px/1.45 system-ui,sans-serif;margin:2rem;max-width:1200px}} table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px 8px;vertical-align:top}} figure{{display:inline-block;margin:0 1rem}}
mark.found{{background:#ffe08a}} mark.missed{{background:#ff9b9b;outline:1px solid #c00}}
td.body{{white-space:pre-wrap}}
td.num{{text-align:right;font-variant-numeric:tabular-nums}}
</style></head><body>
<h1>Reviewer eval report</h1>
{summary}
<h2>Confusion matrices (rows: labelled, columns: predicted)</h2>{tables}
<h2>Worst misses</h2>
<p><mark class="found">found span</mark> <mark class="missed">must_flag span missed</mark></p>
<table><tr><th>case</th><th>what went wrong</th><th>draft</th></tr>{"".join(rows) or none}</table>
</body></html>
"""


SPLIT_COLUMNS = (
    ("cases", "cases"),
    ("clean_false_positive_rate", "clean FPR"),
    ("must_flag_recall", "must_flag recall"),
    ("rewrite_success_rate", "verified rewrites"),
)


def split_rows(rep: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Per split: flag recall of each rubric, clean false positives, must_flag recall, verified rewrites."""
    rubrics = list(rep["rubrics"])
    heads = ["split", *[f"{r} recall" for r in rubrics], *[h for _, h in SPLIT_COLUMNS]]
    rows = []
    for name, split in rep.get("splits", {}).items():
        recalls = [_fmt(split["rubrics"].get(r, {}).get("recall", float("nan"))) for r in rubrics]
        rows.append([name, *recalls, *[_fmt(split["overall"][k]) for k, _ in SPLIT_COLUMNS]])
    return heads, rows


def split_table_markdown(rep: dict[str, Any]) -> str:
    """The per-split table as Markdown."""
    heads, rows = split_rows(rep)
    out = ["| " + " | ".join(heads) + " |", "|---" * len(heads) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(out)
