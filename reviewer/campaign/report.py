"""The campaign report: one self-contained HTML page with inline SVG charts, no scripts, nothing fetched."""

from html import escape
from pathlib import Path
from typing import Any

from reviewer.campaign.output import write_atomic
from reviewer.campaign.summary import VERDICTS

_COLOURS = {"pass": "#2e7d32", "revise": "#f9a825", "block": "#c62828", "error": "#757575"}
_STYLE = "".join(
    [
        "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1000px;color:#222;padding:0 1rem}",
        "h1{font-size:1.5rem;margin-bottom:.2rem}",
        "h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}",
        ".stats{display:flex;gap:1.5rem;flex-wrap:wrap;margin:1rem 0}",
        ".stat{background:#f5f5f5;padding:.6rem 1rem;border-radius:6px}",
        ".stat b{display:block;font-size:1.3rem}",
        "table{border-collapse:collapse;width:100%}",
        "td,th{padding:.3rem .5rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}",
        "td.n{text-align:right;font-variant-numeric:tabular-nums}",
        "mark{background:#ffe082;border-bottom:2px solid #c62828;padding:0 1px}",
        ".ex{font-size:.9rem;color:#444;margin-bottom:.4rem}",
        "code{font-size:.88rem}",
        ".legend span{display:inline-block;margin-right:1rem}",
        ".sw{width:.8rem;height:.8rem;display:inline-block;margin-right:.3rem;vertical-align:-1px;border-radius:2px}",
    ]
)


def _bar_chart(items: list[tuple[str, int]], colour: Any, width: int = 900, label_w: int = 300) -> str:
    """Horizontal bars, one per item; ``colour`` is a colour or a function of the label."""
    if not items:
        return "<p>None.</p>"
    top = max(n for _, n in items) or 1
    row_h, bar_w = 24, width - label_w - 70
    parts = [f'<svg role="img" width="{width}" height="{row_h * len(items) + 4}" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, n) in enumerate(items):
        y = i * row_h + 2
        fill = colour(label) if callable(colour) else colour
        w = max(1, round(bar_w * n / top)) if n else 0
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="13">{escape(label[:40])}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 8}" fill="{fill}" rx="2"/>'
            f'<text x="{label_w + w + 6}" y="{y + 16}" font-size="13">{n:,}</text>'
        )
    return "".join(parts) + "</svg>"


def _stacked(by_value: dict[str, dict[str, int]], width: int = 900, label_w: int = 220) -> str:
    """One 100% bar per segment value, split by verdict."""
    row_h, bar_w = 26, width - label_w - 80
    parts = [
        f'<svg role="img" width="{width}" height="{row_h * len(by_value) + 4}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (value, counts) in enumerate(by_value.items()):
        y, x, total = i * row_h + 2, float(label_w), sum(counts.values()) or 1
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="13">{escape(value[:30])}</text>'
        )
        for verdict in VERDICTS:
            w = bar_w * counts.get(verdict, 0) / total
            if w:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{_COLOURS[verdict]}">'
                    f"<title>{verdict}: {counts.get(verdict, 0):,}</title></rect>"
                )
                x += w
        parts.append(f'<text x="{label_w + bar_w + 6}" y="{y + 17}" font-size="13">{total:,}</text>')
    return "".join(parts) + "</svg>"


def render_report(manifest: dict[str, Any]) -> str:
    """The page's HTML."""
    summary, stats = manifest["summary"], manifest["stats"]
    verdicts = [(v, n) for v, n in summary["verdicts"].items() if n or v != "error"]
    legend = "".join(
        f'<span><i class="sw" style="background:{_COLOURS[v]}"></i>{v}</span>' for v in VERDICTS if v != "error"
    )
    html = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Campaign review</title>",
        f"<style>{_STYLE}</style></head><body><h1>Campaign review</h1>",
        f"<p>{escape(manifest['output'])} · {manifest['rows']:,} rows · "
        f"judge {escape(manifest['options']['judge'])}</p>",
        "<div class='stats'>",
        f"<div class='stat'><b>{summary['recipients']:,}</b>recipients</div>",
        f"<div class='stat'><b>{stats['reviews']:,}</b>distinct cases reviewed</div>",
        f"<div class='stat'><b>{stats['dedupe_ratio']:.2f}×</b>dedupe ratio</div>",
        *(
            f"<div class='stat'><b style='color:{_COLOURS[v]}'>{n:,}</b>{v}</div>"
            for v, n in summary["verdicts"].items()
            if n or v != "error"
        ),
        "</div><h2>Verdicts</h2>",
        _bar_chart(verdicts, lambda v: _COLOURS[v]),
    ]
    for name, by_value in summary["segments"].items():
        html += [f"<h2>By {escape(name)}</h2><p class='legend'>{legend}</p>", _stacked(by_value)]
    html += ["<h2>Top rules</h2>", _bar_chart(summary["top_rules"][:15], "#5c6bc0")]
    html.append("<h2>Examples</h2><table><tr><th>rule</th><th class='n'>recipients</th><th>examples</th></tr>")
    for rule_id, n in summary["top_rules"]:
        examples = "".join(
            f"<div class='ex'><b>{escape(ex['recipient_id'])}</b>: {escape(ex['before'])}<mark>"
            f"{escape(ex['span'])}</mark>{escape(ex['after'])}</div>"
            for ex in summary["examples"].get(rule_id, [])
        )
        html.append(f"<tr><td><code>{escape(rule_id)}</code></td><td class='n'>{n:,}</td><td>{examples}</td></tr>")
    html.append("</table></body></html>")
    return "\n".join(html)


def write_report(path: Path, manifest: dict[str, Any]) -> None:
    """Write the report (whole or not at all)."""
    write_atomic(path, render_report(manifest))
