"""Issue 18, command line: the real ``reviewer`` in a subprocess on real files; one-line errors, exit 2 for input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_reviewer

EXAMPLES = ROOT / "examples"
REQUEST = EXAMPLES / "browsing-surveillance.json"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_reviewer(*args, stdin=stdin, timeout=120)


def _one_line_error(out: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert out.returncode == code, (out.returncode, out.stderr)
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr, out.stderr
    assert "internal error" not in out.stderr and out.stdout == ""
    return out.stderr


def test_output_piped_into_head_ends_quietly() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "REVIEWER_"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewer", "review", str(REQUEST), "--format", "json", "--judge", "rules"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline() == b"{\n"
    proc.stdout.close()  # what `| head -1` does after its line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and err == ""


def test_a_json_request_with_context_or_channel_is_refused(tmp_path: Path) -> None:
    ctx = tmp_path / "ctx.json"
    ctx.write_text("{}")
    err = _one_line_error(run("review", str(REQUEST), "--context", str(ctx)))
    assert "is a JSON review request" in err and "drop --context" in err
    err = _one_line_error(run("review", str(REQUEST), "--channel", "sms"))
    assert "--channel and --subject" in err and "message.channel" in err


def test_a_directory_is_named_as_one(tmp_path: Path) -> None:
    assert "is a directory" in _one_line_error(run("review", str(tmp_path)))


@pytest.mark.parametrize(
    "args,expected",
    [
        (["review", "x.json", "--channel", "emial"], "did you mean 'email'?"),
        (["review", "x.json", "--judge", "lmm"], "did you mean 'llm'?"),
        (["review", "x.json", "--format", "sarf"], "did you mean 'sarif'?"),
    ],
)
def test_a_wrong_choice_is_one_line_with_a_close_match(args: list[str], expected: str) -> None:
    err = _one_line_error(run(*args))
    assert expected in err and "usage:" not in err


def test_a_misspelt_field_gets_a_suggestion_and_no_pydantic_prefix() -> None:
    request = {"message": {"channel": "email", "body": "Hi"}, "context": {"name": {"frist": "Ann"}}}
    assert "context.name.frist: unknown field; did you mean 'first'?" in _one_line_error(
        run("review", "-", stdin=json.dumps(request))
    )
    empty = {"message": {"channel": "email", "body": "   "}, "context": {}}
    err = _one_line_error(run("review", "-", stdin=json.dumps(empty)))
    assert "message.body: the message body is empty" in err and "Value error" not in err


@pytest.mark.parametrize(
    "text,expected",
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"message": ' + "1" * 5_000 + "}", "thousands of digits"),
    ],
    ids=["deep", "long-integer"],
)
def test_hostile_json_is_input_not_a_crash(text: str, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(text)
    assert expected in _one_line_error(run("review", str(path)))


def test_a_subject_that_is_not_utf8_is_input(tmp_path: Path) -> None:
    draft, ctx = tmp_path / "d.txt", tmp_path / "c.json"
    draft.write_text("Hi Ann, your order shipped.")
    ctx.write_text("{}")
    out = run("review", str(draft), "--context", str(ctx), "--subject", os.fsdecode(b"Sale \xff\xfe"))
    assert "--subject is not valid UTF-8" in _one_line_error(out)


def test_eval_input_problems_are_exit_2(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_bytes(b'{"id": "a", "message": {"channel": "email", "body": "caf\xe9"}}\n')
    assert "not UTF-8" in _one_line_error(run("eval", "--cases", str(cases), "--judge", "rules"))
    good = ROOT / "evals" / "cases"
    for baseline in ("not json at all", '{"rubrics": [1, 2]}', "[1]"):
        path = tmp_path / "base.json"
        path.write_text(baseline)
        out = run("eval", "--cases", str(next(good.rglob("*.jsonl"))), "--judge", "rules", "--baseline", str(path))
        assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
        last = out.stderr.strip().splitlines()[-1]
        assert last.startswith("error: ") and "not a baseline" in last and "--write-baseline" in last


def test_sarif_for_a_json_request_points_into_the_string_literal(tmp_path: Path) -> None:
    body = 'Hi ,\nWe noticed you looked at "strollers" 4 times — café 😀.\nAs a busy mom, you deserve it.'
    request = {
        "context": {"observed_signals": [{"kind": "browsing", "detail": "strollers"}]},
        "message": {"channel": "email", "subject": "Still thinking, busy mom?", "body": body},
    }
    path = tmp_path / "req.json"
    path.write_bytes(json.dumps(request, indent=2, ensure_ascii=True).encode())
    out = run("review", str(path), "--format", "sarif", "--judge", "rules")
    assert out.returncode == 0, out.stderr
    text = path.read_bytes().decode("utf-8")  # the file's own bytes, as a code scanner reads them
    lines = text.split("\n")
    results = json.loads(out.stdout)["runs"][0]["results"]
    assert {r["properties"]["field"] for r in results} >= {"message.body"}
    edits = []
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        raw = text[region["charOffset"] : region["charOffset"] + region["charLength"]]
        assert json.loads(f'"{raw}"') == region["snippet"]["text"]
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1 :].startswith(raw.split("\n")[0])
        for fix in r.get("fixes", []):
            for rep in fix["artifactChanges"][0]["replacements"]:
                edits.append((rep["deletedRegion"]["charOffset"], rep["deletedRegion"]["charLength"], rep))
    # applying one fix keeps the file a valid request
    if edits:
        start, length, rep = edits[0]
        fixed = text[:start] + rep["insertedContent"]["text"] + text[start + length :]
        assert json.loads(fixed)["message"]["channel"] == "email"


def test_text_output_gives_a_blocking_data_blunder_its_row() -> None:
    request = {
        "message": {"channel": "email", "body": "Hi {{first_name}}, your order ships soon."},
        "context": {"consent": {"marketing_email": True}},
    }
    out = run("review", "-", "--judge", "rules", stdin=json.dumps(request))
    assert out.returncode == 0, out.stderr
    assert "Verdict: BLOCK" in out.stdout
    row = next(line for line in out.stdout.splitlines() if line.strip().startswith("data_quality"))
    assert "3 ■■■·" in row and "{{first_name}}" in row


def test_an_unverified_rewrite_reads_plainly() -> None:
    out = run("review", str(EXAMPLES / "merge-tag-blunder.json"), "--judge", "rules")
    assert "Rewrite (NOT verified; its re-review: BLOCK):" in out.stdout
    assert "NOT verified (re-review" not in out.stdout
