"""``--batch --rewrite``: rewrites and their verifications go out as later batches, masked like every call."""

import json
import re
from pathlib import Path
from typing import Any

from reviewer.campaign.generator import FIRST, LAST
from reviewer.campaign.output import read_results
from reviewer.campaign.recipients import read_rows
from reviewer.testing import OpenAIStandin, Reply, chat_completion
from tests.campaign.batch_standin import BatchStandin, minimal
from tests.campaign.test_campaign_batch import args, env
from tests.conftest import ROOT, run_reviewer

GREETING = "Hi <FIRST_NAME>"


def greeting_is_creepy(body: dict[str, Any]) -> Any:
    """Creepiness 2 for a masked greeting 'Hi <FIRST_NAME>', clean otherwise; a rewrite says 'Hello' instead."""
    schema = body["response_format"]["json_schema"]
    user = body["messages"][-1]["content"]
    if schema["name"] == "rewrite":
        draft = user.split("\nbody:\n", 1)[1].split("\ncustomer context (identifiers removed):", 1)[0]
        return {"subject": None, "body": draft.replace(GREETING, "Hello <FIRST_NAME>")}
    answer = minimal(schema["schema"])
    if GREETING in user and "creepiness" in answer["rubrics"]:
        evidence = [{"quote": GREETING, "problem": "test", "severity": 2, "suggestion": None}]
        answer["rubrics"]["creepiness"].update(score=2, evidence=evidence)
    return answer


def sent(body: dict[str, Any]) -> str:
    """What a call carries, the same however it is sent: its messages."""
    return json.dumps(body["messages"], sort_keys=True)


def own_call_rubric(folder: Path) -> Path:
    """A prompts folder adding a rubric judged in a call of its own: each judgement is then two calls at once."""
    folder.mkdir()
    text = (ROOT / "prompts" / "overreach.md").read_text().replace("id: overreach", "id: brand_voice", 1)
    (folder / "brand_voice.md").write_text(text.replace("kind: rubric\n", "kind: rubric\nown_call: true\n", 1))
    return folder


def test_rewrites_and_verifications_go_out_as_later_batches_masked_and_match_a_direct_run(
    campaign: Path, tmp_path: Path
) -> None:
    out = tmp_path / "batch.jsonl"
    prompts = {"REVIEWER_PROMPTS_DIR": str(own_call_rubric(tmp_path / "prompts"))}
    with BatchStandin("complete", answer=greeting_is_creepy) as standin:
        done = run_reviewer(*args(campaign, out, "--rewrite"), env={**env(standin), **prompts})
        assert done.returncode == 0, done.stderr
        uploads = [[json.loads(x) for x in upload.decode().splitlines()] for upload in standin.uploads]
    # Round 1 judges the drafts (both calls of each); round 2 asks only rewrites, of the flagged drafts; round 3
    # verifies them (both calls again).
    assert len(uploads) >= 3
    names = [{line["body"]["response_format"]["json_schema"]["name"] for line in upload} for upload in uploads]
    judging = {"judgement", "brand_voice_judgement"}
    assert names[0] == judging and names[1] == {"rewrite"} and names[2] == judging
    assert all(GREETING in line["body"]["messages"][-1]["content"] for line in uploads[1])
    assert all("Hello <FIRST_NAME>" in line["body"]["messages"][-1]["content"] for line in uploads[2])
    # Nothing identifying in any batch file: the recipients' part of every call is masked.
    lines = [line for upload in uploads for line in upload]
    data = "\n".join(m["content"] for line in lines for m in line["body"]["messages"] if m["role"] != "system")
    assert "<FIRST_NAME>" in data and "@example" not in data
    assert not [w for w in re.findall(r"\w+", data) if w in {*FIRST, *LAST}], "a name reached a batch file"

    # The same campaign reviewed call by call gives the same rows, from exactly the same calls.
    def reply(request: dict[str, Any]) -> Reply:
        return Reply(chat_completion(json.dumps(greeting_is_creepy(request))))

    direct = tmp_path / "direct.jsonl"
    with OpenAIStandin(reply) as server:
        environ = {"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "sk-test", **prompts}
        environ["REVIEWER_LLM_STATE_DIR"] = str(tmp_path / "state")
        plain = [a for a in args(campaign, direct, "--rewrite") if a not in ("--batch", "--poll-interval", "0.05")]
        done = run_reviewer(*plain, env=environ)
        assert done.returncode == 0, done.stderr
        direct_calls = {sent(r) for r in server.requests}
    assert {sent(line["body"]) for line in lines} == direct_calls
    rows = read_results(out)
    assert rows == read_results(direct)
    first = {r["recipient_id"]: r["first_name"] for r in read_rows(campaign / "recipients.csv")}
    verified = [r for r in rows if r["rewrite_verified"]]
    assert verified, "no rewrite was verified"
    assert all(r["rewrite"].startswith(f"Hello {first[r['recipient_id']]},") for r in verified)
    assert not [r for r in rows if r["rewrite"] and "<" in r["rewrite"]], "a placeholder was not mapped back"
    manifest = json.loads(out.with_name(out.name + ".manifest.json").read_text())
    assert manifest["batch"]["rounds"] == len(uploads) and not out.with_name(out.name + ".batch").exists()
