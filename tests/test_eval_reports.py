"""Issue 18, eval reports: the HTML summary is HTML, errors are visible in the confusion matrices, and JUnit
failures follow the gate (the real ``reviewer eval`` in a subprocess)."""

import json
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

from reviewer.evals.reports import _confusion_svg
from tests.conftest import run_reviewer

ZERO = {"creepiness": 0, "stereotyping": 0, "overreach": 0}


def _cases(tmp_path: Path) -> Path:
    rows = [
        {
            "id": "missed",
            "message": {"channel": "email", "body": "Plain text here."},
            "labels": {**ZERO, "overreach": 3},
            "must_flag": [{"rubric": "overreach", "quote": "Plain text"}],
        },
        {"id": "clean", "message": {"channel": "email", "body": "Your order shipped."}, "labels": ZERO},
    ]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def _eval(tmp_path: Path, *more: str) -> subprocess.CompletedProcess[str]:
    return run_reviewer(
        "eval", "--cases", str(_cases(tmp_path)), "--judge", "rules", "--junit", str(tmp_path / "j.xml"), *more
    )


def test_the_html_summary_is_rendered_not_raw_markdown(tmp_path: Path) -> None:
    assert _eval(tmp_path, "--html", str(tmp_path / "r.html")).returncode == 0
    page = (tmp_path / "r.html").read_text()
    assert "<pre>" not in page and "| creepiness |" not in page and "|---" not in page
    assert "<th>rubric</th>" in page and re.search(r"<td>creepiness</td>", page)
    assert "<code>rules</code>" in page


def test_off_diagonal_errors_are_tinted_however_big_the_clean_cell() -> None:
    matrix = [[0] * 5 for _ in range(5)]
    matrix[0][0], matrix[3][0], matrix[2][2] = 500, 3, 4
    svg = _confusion_svg("creepiness", matrix)
    fills = re.findall(r'<rect x="(\d+)" y="(\d+)" [^>]*fill="([^"]+)"', svg)
    by_cell = {((int(y) - 46) // 34, (int(x) - 46) // 34): fill for x, y, fill in fills}
    assert by_cell[(3, 0)] == "rgb(255,55,55)"  # the worst error is fully red, not 253/255 pale
    assert by_cell[(2, 2)] == "rgb(55,55,255)"
    assert by_cell[(0, 0)] == "rgb(55,55,255)"  # saturated, without setting the scale


def test_junit_failures_follow_the_gate(tmp_path: Path) -> None:
    assert _eval(tmp_path).returncode == 0  # no gate: a green build, and no red case in its JUnit file
    suite = ET.parse(tmp_path / "j.xml").getroot()
    assert suite.get("failures") == "0" and not suite.findall(".//failure")
    out = next(tc for tc in suite if tc.get("name") == "missed").find("system-out")
    assert out is not None and "overreach: labelled 3, predicted 0" in (out.text or "")

    config = tmp_path / "eval.toml"
    config.write_text('[gate]\n[gate.maximum]\n"overall.clean_false_positive_rate" = 0.5\n')
    assert _eval(tmp_path, "--config", str(config)).returncode == 0  # a gate that passes: still no red
    suite = ET.parse(tmp_path / "j.xml").getroot()
    assert suite.get("failures") == "0" and [tc.get("name") for tc in suite] == ["missed", "clean"]

    config.write_text('[gate]\n[gate.minimum]\n"overall.must_flag_recall" = 1.0\n')
    assert _eval(tmp_path, "--config", str(config)).returncode == 1
    suite = ET.parse(tmp_path / "j.xml").getroot()
    failed = [tc.get("name") for tc in suite if tc.find("failure") is not None]
    assert failed == ["missed", "gate"] and suite.get("failures") == "2"
