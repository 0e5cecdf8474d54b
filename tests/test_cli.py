"""The real ``reviewer`` console script, run as a subprocess on real files."""

import json
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.brand_rubric import brand_prompts_dir
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
    # The rewrite is shown with its verification status, and it no longer says what was flagged.
    rewrite = out.stdout.split("Rewrite (", 1)[1].split("Notes:", 1)[0]
    assert rewrite.startswith(("verified", "NOT verified"))
    assert "Congratulations on your pregnancy" not in rewrite and "Shop the list" in rewrite
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
        ('{"message": {"channel": "email", "body": "   "}}', "message.body: the message body is empty;"),
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


def test_a_draft_over_the_limit_is_refused_naming_the_limit(tmp_path: Path) -> None:
    draft = tmp_path / "long.txt"
    draft.write_text("Hi Dana, " + "our sale is on. " * 20)
    ctx = tmp_path / "ctx.json"
    ctx.write_text("{}")
    out = run("review", str(draft), "--context", str(ctx), env={"REVIEWER_MAX_DRAFT_CHARS": "100"})
    assert out.returncode == 2, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
    assert "the limit is 100 (REVIEWER_MAX_DRAFT_CHARS)" in out.stderr and out.stdout == ""
    # the default limit lets an ordinary draft through
    assert run("review", str(draft), "--context", str(ctx)).returncode == 0


def test_an_llm_past_the_deadline_is_answered_by_the_rules_like_over_http() -> None:
    """The CLI reviews through the service's path: REVIEWER_REQUEST_DEADLINE_S, then the rules fallback."""
    with socket.socket() as server:  # accepts connections and never answers
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        env = {
            "OPENAI_BASE_URL": f"http://127.0.0.1:{server.getsockname()[1]}/v1",
            "OPENAI_API_KEY": "sk-test",
            "REVIEWER_JUDGE": "llm",
            "REVIEWER_REQUEST_DEADLINE_S": "1",
            "REVIEWER_LLM_TIMEOUT_S": "60",
        }
        started = time.monotonic()
        out = run("review", str(EXAMPLES / "pregnancy-inference.json"), "--format", "json", "--no-rewrite", env=env)
        elapsed = time.monotonic() - started
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["meta"]["degraded"] is True and data["meta"]["judge"] == "rules"
    assert "the LLM judge did not finish within 1 s" in data["meta"]["notes"]
    assert data["verdict"] == "block"
    assert elapsed < 40  # the deadline, not the 60 s LLM timeout


def test_sarif_declares_a_custom_rubric_from_the_prompts_dir(tmp_path: Path) -> None:
    prompts = brand_prompts_dir(tmp_path)
    out = run(
        "review",
        str(EXAMPLES / "winback.txt"),
        "--context",
        str(EXAMPLES / "winback.context.json"),
        "--format",
        "sarif",
        env={"REVIEWER_PROMPTS_DIR": str(prompts)},
    )
    assert out.returncode == 0, out.stderr
    run0 = json.loads(out.stdout)["runs"][0]
    rules = {r["id"]: r for r in run0["tool"]["driver"]["rules"]}
    assert rules["llm.brand_voice"]["shortDescription"]["text"].startswith("Does the message sound like Acme")
    assert {"llm.creepiness", "llm.stereotyping", "llm.overreach", "privacy.credential"} <= set(rules)
    assert "brand_voice" in {t["id"] for t in run0["taxonomies"][0]["taxa"]}
    without = json.loads(
        run(
            "review",
            str(EXAMPLES / "winback.txt"),
            "--context",
            str(EXAMPLES / "winback.context.json"),
            "--format",
            "sarif",
        ).stdout
    )
    assert "llm.brand_voice" not in {r["id"] for r in without["runs"][0]["tool"]["driver"]["rules"]}
