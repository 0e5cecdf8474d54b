"""The real ``reviewer`` console script, run as a subprocess on real files."""

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_reviewer

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_reviewer(*args, stdin=stdin, env=env, timeout=60)


def test_text_review_of_an_example_is_useful() -> None:
    out = run("review", str(EXAMPLES / "pregnancy-inference.json"))
    assert out.returncode == 0, out.stderr
    assert "Verdict: BLOCK" in out.stdout
    assert "creepiness     4" in out.stdout
    assert "⟦Congratulations on your pregnancy!⟧" in out.stdout
    assert "Rewrite (verified ✓)" in out.stdout
    assert "\x1b[" not in out.stdout  # no colour codes when not a terminal


def test_json_output_follows_the_contract() -> None:
    out = run("review", str(EXAMPLES / "busy-mom-stereotype.json"), "--format", "json", "--judge", "rules")
    data = json.loads(out.stdout)
    assert set(data) == {"verdict", "scores", "findings", "rewrite", "redaction", "meta"}
    body = json.loads((EXAMPLES / "busy-mom-stereotype.json").read_text())["message"]["body"]
    for f in data["findings"]:
        if f["field"] == "body":
            assert body[f["start"] : f["end"]] == f["quote"]


def test_plain_text_with_context_and_sarif(tmp_path: Path) -> None:
    out = run(
        "review",
        str(EXAMPLES / "winback.txt"),
        "--context",
        str(EXAMPLES / "winback.context.json"),
        "--format",
        "sarif",
    )
    assert out.returncode == 0, out.stderr
    sarif = json.loads(out.stdout)
    assert sarif["version"] == "2.1.0"
    run0 = sarif["runs"][0]
    assert run0["tool"]["driver"]["name"] == "reviewer"
    text = (EXAMPLES / "winback.txt").read_text()
    results = run0["results"]
    assert results and {r["ruleId"] for r in results} >= {"overreach.guilt_trip", "overreach.over_familiar"}
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert text[region["charOffset"] : region["charOffset"] + region["charLength"]] == region["snippet"]["text"]
        assert r["level"] in ("note", "warning", "error")
    declared = {rule["id"] for rule in run0["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} <= declared
    assert any("fixes" in r for r in results)


def test_stdin_request() -> None:
    request = {"message": {"channel": "sms", "body": "Hi ,\nyour parcel is here."}}
    out = run("review", "-", "--format", "json", stdin=json.dumps(request))
    assert json.loads(out.stdout)["verdict"] == "revise"


def test_fail_on_sets_the_exit_code() -> None:
    assert run("review", str(EXAMPLES / "sms-without-consent.json"), "--fail-on", "block").returncode == 1
    assert run("review", str(EXAMPLES / "good-personalization.json"), "--fail-on", "revise").returncode == 0


@pytest.mark.parametrize(
    "stdin,expected",
    [
        ("{bad json", "is not valid JSON (line 1, column 2"),
        (
            '{"message": {"channel": "email", "body": "hi"}, "context": {"shoe_size": 9}}',
            "context.shoe_size: unknown field",
        ),
        ('{"message": {"channel": "email", "body": "   "}}', "message.body: Value error, the message body is empty"),
        ('{"message": {"channel": "fax", "body": "hi"}}', "message.channel: Input should be"),
        (
            '{"message": {"channel": "email", "body": "hi"}, "context": {"relationship": {"tenure_months": -3}}}',
            "context.relationship.tenure_months: Input should be greater than or equal to 0",
        ),
        ('{"message": {"channel": "email", "body": "hi"}, "rubrics": ["tone"]}', "unknown rubric(s) tone"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(stdin: str, expected: str) -> None:
    out = run("review", "-", stdin=stdin)
    assert out.returncode == 2
    assert expected in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_missing_file() -> None:
    out = run("review", "nope.json")
    assert out.returncode == 2 and "nope.json: no such file" in out.stderr


def test_rubrics_lists_versions(tmp_path: Path) -> None:
    out = run("rubrics")
    assert out.returncode == 0
    for name in ("creepiness", "stereotyping", "overreach"):
        assert name in out.stdout
    assert "1.0.0" in out.stdout
    broken = tmp_path / "tone.md"
    broken.write_text("---\nid: tone\nkind: rubric\n---\nbody\n")
    out = run("rubrics", env={"REVIEWER_PROMPTS_DIR": str(tmp_path)})
    assert out.returncode == 2 and str(broken) in out.stderr and "version: Field required" in out.stderr


def _case(case_id: str, body: str, labels: dict[str, int], must_flag: list[dict[str, str]]) -> str:
    return json.dumps(
        {
            "id": case_id,
            "message": {"channel": "email", "body": body},
            "context": {},
            "labels": labels,
            "must_flag": must_flag,
            "tags": [],
            "notes": "test",
        }
    )


def test_eval_on_any_case_file_with_report_and_baseline(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    zero = {"creepiness": 0, "stereotyping": 0, "overreach": 0}
    cases.write_text(
        "\n".join(
            [
                _case(
                    "a",
                    "We noticed you looked at this 4 times.",
                    {**zero, "creepiness": 3},
                    [{"rubric": "creepiness", "quote": "4 times"}],
                ),
                _case("b", "Your order shipped.", zero, []),
                _case(
                    "c",
                    "As a busy mom, you need this.",
                    {**zero, "stereotyping": 3},
                    [{"rubric": "stereotyping", "quote": "busy mom"}],
                ),
            ]
        )
        + "\n"
    )
    report = tmp_path / "out" / "report.json"
    out = run("eval", "--cases", str(cases), "--judge", "rules", "--report-json", str(report))
    assert out.returncode == 0, out.stderr
    assert "3/3 cases" in out.stderr  # progress
    data = json.loads(report.read_text())
    assert data["overall"]["must_flag_recall"] == 1.0 and data["overall"]["verdict_accuracy"] == 1.0
    assert data["rubrics"]["creepiness"]["recall"] == 1.0
    assert [c["id"] for c in data["cases"]] == ["a", "b", "c"]
    # a baseline claiming better figures makes the gate fail
    better = json.loads(report.read_text())
    better["overall"]["must_flag_recall"] = 1.0
    better["rubrics"]["creepiness"]["precision"] = 1.0
    (tmp_path / "base.json").write_text(json.dumps(better))
    assert (
        run("eval", "--cases", str(cases), "--judge", "rules", "--baseline", str(tmp_path / "base.json")).returncode
        == 0
    )
    better["overall"]["verdict_accuracy"] = 1.5
    (tmp_path / "base.json").write_text(json.dumps(better))
    gate = run("eval", "--cases", str(cases), "--judge", "rules", "--baseline", str(tmp_path / "base.json"))
    assert gate.returncode == 1 and "verdict_accuracy: 1.500 -> 1.000" in gate.stderr


def test_eval_rejects_a_bad_case_line(tmp_path: Path) -> None:
    cases = tmp_path / "bad.jsonl"
    cases.write_text(_case("a", "hi", {"creepiness": 7, "stereotyping": 0, "overreach": 0}, []) + "\n")
    out = run("eval", "--cases", str(cases))
    assert out.returncode == 2
    assert f"{cases}:1: labels.creepiness: Input should be less than or equal to 4" in out.stderr
