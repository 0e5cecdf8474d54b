"""The LanguageTool route and the SARIF writer list what the catalogue holds: a custom rubric appears in both."""

from pathlib import Path

from fastapi.testclient import TestClient

from reviewer.api import create_app
from reviewer.api.security import hash_key
from reviewer.catalogue import build_catalogue
from reviewer.cli.sarif import to_sarif
from reviewer.judges.backends.scripted import ScriptedBackend
from reviewer.pipeline import Reviewer
from reviewer.rubrics import load_prompts
from reviewer.settings import Settings
from tests.api.conftest import AUTH, KEY
from tests.brand_rubric import brand_prompts_dir

TEXT = "Hi Dana,\nUnlock INSANE savings NOW on your next order."
HYPE = {
    "evidence": [{"quote": "INSANE savings", "problem": "Hype a customer would notice.", "severity": 2}],
    "score": 2,
    "rationale": "Hype.",
}


def _client(tmp_path: Path) -> TestClient:
    """The app with the brand's rubric installed and an LLM judge that flags the hype under every rubric."""
    settings = Settings(api_keys=hash_key(KEY), prompts_dir=brand_prompts_dir(tmp_path), cache_size=0)
    reviewer = Reviewer(settings, backend=ScriptedBackend(default=HYPE))
    return TestClient(create_app(settings, reviewer), client=("203.0.113.7", 50000))


def test_languagetool_categories_come_from_the_catalogue(tmp_path: Path) -> None:
    client = _client(tmp_path)
    categories = client.get("/v2/categories").json()
    assert {"id": "BRAND_VOICE", "name": "Brand voice"} in categories
    assert [c["id"] for c in categories][-2:] == ["DATA_QUALITY", "PRIVACY"]
    assert {"CREEPINESS", "STEREOTYPING", "OVERREACH"} <= {c["id"] for c in categories}

    r = client.post("/v2/check", data={"text": TEXT, "language": "en-US"}, headers=AUTH)
    assert r.status_code == 200, r.text
    brand = [m for m in r.json()["matches"] if m["rule"]["category"]["id"] == "BRAND_VOICE"]
    assert brand, r.json()["matches"]
    match = brand[0]
    assert match["rule"]["category"]["name"] == "Brand voice" and match["shortMessage"] == "Brand voice"
    assert match["rule"]["id"] == "LLM_BRAND_VOICE"
    assert match["rule"]["description"] == "Does the message sound like Acme (warm, plain, no hype)?"
    assert TEXT[match["offset"] : match["offset"] + match["length"]] == "INSANE savings"

    # LanguageTool's own category filters work with the catalogue's ids
    off = client.post("/v2/check", data={"text": TEXT, "disabledCategories": "BRAND_VOICE"}, headers=AUTH).json()
    assert off["matches"] and all(m["rule"]["category"]["id"] != "BRAND_VOICE" for m in off["matches"])
    only = client.post(
        "/v2/check", data={"text": TEXT, "enabledCategories": "BRAND_VOICE,TYPOS", "enabledOnly": "true"}, headers=AUTH
    ).json()
    assert only["matches"] and {m["rule"]["category"]["id"] for m in only["matches"]} == {"BRAND_VOICE"}


def test_builtin_categories_without_a_custom_rubric(client: TestClient) -> None:
    ids = [c["id"] for c in client.get("/v2/categories").json()]
    assert sorted(ids) == ["CREEPINESS", "DATA_QUALITY", "OVERREACH", "PRIVACY", "STEREOTYPING"]


def test_sarif_rules_and_taxonomy_come_from_the_catalogue(tmp_path: Path) -> None:
    settings = Settings(prompts_dir=brand_prompts_dir(tmp_path))
    catalogue = build_catalogue(load_prompts(settings.prompts_dir))
    reviewer = Reviewer(settings, backend=ScriptedBackend(default=HYPE))
    result = reviewer.review_sync({"message": {"channel": "email", "body": TEXT}, "rewrite": False})
    sarif = to_sarif(result, "draft.txt", TEXT, None, body_is_file=True, catalogue=catalogue)
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "llm.brand_voice" in ids
    assert {r.id for r in catalogue.rules} <= set(ids)  # every rule id, not only those that fired
    (brand,) = [r for r in rules if r["id"] == "llm.brand_voice"]
    assert brand["shortDescription"]["text"] == "Does the message sound like Acme (warm, plain, no hype)?"
    assert brand["properties"]["category"] == "brand_voice"
    taxa = {t["id"]: t["name"] for t in run["taxonomies"][0]["taxa"]}
    assert taxa["brand_voice"] == "Brand voice" and {"data_quality", "privacy"} <= set(taxa)
    flagged = [r for r in run["results"] if r["ruleId"] == "llm.brand_voice"]
    assert flagged and rules[flagged[0]["ruleIndex"]]["id"] == "llm.brand_voice"
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
