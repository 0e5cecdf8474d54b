"""A brand's own rubric file, dropped into REVIEWER_PROMPTS_DIR, shows up in GET /v1/rubrics, the page and the
extension: the real ``reviewer serve`` on 127.0.0.1 (rules judge) and Debian's Chromium, nothing mocked.

The embedded judge scores a brand rubric from its file's examples of a problem; this one (tests/brand_rubric.py)
gives none, so it is reported unscored, and the clients still show its row.
"""

import functools
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, Playwright, Route, expect, sync_playwright

from reviewer.rubrics import load_prompts
from tests.brand_rubric import BRAND_VOICE
from tests.conftest import ROOT, free_port
from tests.e2e.test_extension import EXTENSION, PAGES, Extension, QuietFiles, load_extension, open_editor, panel, serve
from tests.e2e.test_page import ARTIFACTS, FLAGS

STATIC = ROOT / "reviewer" / "api" / "static"

DRAFT = "Hi Dana,\nTreat your wife to our spa day: https://shop.example/spa"
FALLBACK = "rgb(107, 107, 107)"  # the page's colour for a category the service did not list


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m reviewer serve --open-access`` with REVIEWER_PROMPTS_DIR holding the brand's rubric file."""
    prompts = tmp_path_factory.mktemp("brand-prompts")
    (prompts / "brand_voice.md").write_text(BRAND_VOICE, encoding="utf-8")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "REVIEWER_", "GITHUB_"))}
    env["REVIEWER_PROMPTS_DIR"] = str(prompts)
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewer", "serve", "--host", "127.0.0.1", "--port", str(port), "--open-access"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            if proc.poll() is not None:
                said = proc.stderr.read() if proc.stderr else ""
                raise RuntimeError(f"reviewer serve exited {proc.returncode}: {said}")
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("reviewer serve did not start within 30 s")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    assert shutil.which("chromium"), "Chromium is required: apt-get install chromium (scripts/test.sh does this)"
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), headless=True, args=FLAGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser, service: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 1400})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def extension(playwright: Playwright, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Extension]:
    loaded = load_extension(playwright, tmp_path_factory.mktemp("profile"))
    yield loaded
    loaded.context.close()


@pytest.fixture(scope="module")
def pages() -> Iterator[str]:
    server = serve(functools.partial(QuietFiles, directory=str(PAGES)))
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()


def test_the_api_lists_the_brand_rubric_and_reviews_report_it_unscored(service: str) -> None:
    listed = httpx.get(f"{service}/v1/rubrics", timeout=30).json()
    rubrics = {r["id"]: r for r in listed["rubrics"]}
    builtin = set(load_prompts().rubrics)
    assert set(rubrics) == builtin | {"brand_voice"}
    brand = rubrics["brand_voice"]
    assert brand["title"] == "Brand voice" and brand["version"] == "2.1.0"
    assert brand["description"].startswith("Does the message sound like Acme")
    assert brand["scale"]["4"]["label"] == "Harmful to the brand"
    assert listed["prompt_versions"]["brand_voice"] == "2.1.0"
    categories = {c["id"]: c for c in listed["categories"]}
    assert categories["brand_voice"] == {
        "id": "brand_voice",
        "title": "Brand voice",
        "description": brand["description"],
        "kind": "rubric",
    }
    assert {"data_quality", "privacy"} <= set(categories)

    review = httpx.post(
        f"{service}/v1/reviews", json={"message": {"channel": "email", "body": DRAFT}}, timeout=60
    ).json()
    assert review["scores"]["brand_voice"]["unscored_reason"] == "no_rules_for_rubric"


def test_the_page_shows_a_row_for_every_installed_rubric(page: Page, service: str) -> None:
    titles = [r["title"] for r in httpx.get(f"{service}/v1/rubrics", timeout=30).json()["rubrics"]]
    page.goto(service + "/")
    expect(page.locator("#rubric-names")).to_contain_text("Brand voice")
    page.get_by_label("First name").fill("Dana")
    page.get_by_label("Body", exact=True).fill(DRAFT)
    page.get_by_role("button", name="Review").click()
    expect(page.locator("#verdict")).to_have_text("Revise")
    rows = page.locator("#scores li")
    expect(rows).to_have_count(len(titles))
    for title in titles:
        expect(rows.filter(has_text=title)).to_have_count(1)
    brand = page.locator("#scores li[data-rubric=brand_voice]")
    expect(brand).to_have_text("Brand voice: not scored")
    assert "no detectors for 'brand_voice'" in (brand.get_attribute("title") or "")
    expect(page.locator("#score-stereotyping")).to_have_text("Stereotyping: 2 / 4 (Revise)")
    # each category has its own colour, the finding's label carries it
    colours = rows.evaluate_all("items => items.map(li => getComputedStyle(li).borderLeftColor)")
    assert len(set(colours)) == len(titles) and FALLBACK not in colours
    chip = page.locator("#findings .category").first
    expect(chip).to_have_text("Stereotyping")
    assert chip.evaluate("e => getComputedStyle(e).color") == colours[titles.index("Stereotyping")]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page-custom-rubric.png"), full_page=True)


def test_the_page_renders_a_category_the_service_did_not_list(page: Page, service: str) -> None:
    """A finding (and score) of a category missing from /v1/rubrics still renders, with a fallback label and colour."""

    def without_stereotyping(route: Route) -> None:
        listed = route.fetch().json()
        listed["rubrics"] = [r for r in listed["rubrics"] if r["id"] != "stereotyping"]
        listed["categories"] = [c for c in listed["categories"] if c["id"] != "stereotyping"]
        route.fulfill(json=listed)

    page.route(re.compile(r".*/v1/rubrics$"), without_stereotyping)
    page.goto(service + "/")
    expect(page.locator("#rubric-names")).to_contain_text("Brand voice")
    expect(page.locator("#rubric-names")).not_to_contain_text("Stereotyping")
    page.get_by_label("Body", exact=True).fill(DRAFT)
    page.get_by_role("button", name="Review").click()
    expect(page.locator("#verdict")).to_have_text("Revise")
    row = page.locator("#scores li[data-rubric=stereotyping]")
    expect(row).to_contain_text("Stereotyping: 2 / 4")
    assert row.evaluate("e => getComputedStyle(e).borderLeftColor") == FALLBACK
    chip = page.locator("#findings .category[data-category=stereotyping]")
    expect(chip).to_have_text("Stereotyping")
    assert chip.evaluate("e => getComputedStyle(e).color") == FALLBACK
    expect(page.locator("#scores li[data-rubric=brand_voice]")).to_have_text("Brand voice: not scored")


def test_the_extension_shows_the_brand_rubric(extension: Extension, service: str, pages: str) -> None:
    titles = [r["title"] for r in httpx.get(f"{service}/v1/rubrics", timeout=30).json()["rubrics"]]
    extension.configure(serviceUrl=service)
    page, editor = open_editor(extension, f"{pages}/textarea.html", "#body")
    editor.fill(DRAFT)
    page.get_by_role("button", name="Review", exact=True).first.click()
    box = panel(page)
    expect(box.locator(".verdict")).to_have_text("Revise")
    scores = box.get_by_label("Scores")
    expect(scores.locator("li")).to_have_count(len(titles))
    brand = scores.locator("li[data-rubric=brand_voice]")
    expect(brand).to_have_text("Brand voice not scored")
    expect(scores.locator("li[data-rubric=stereotyping]")).to_have_text("Stereotyping 2/4 · Revise")
    for title in titles:
        expect(scores).to_contain_text(title)
    expect(box.get_by_label("Findings").locator(".category")).to_have_text(["Stereotyping"])
    page.screenshot(path=str(ARTIFACTS / "extension-custom-rubric.png"))
    page.close()


def test_no_client_hard_codes_a_rubric_name() -> None:
    """The page and the extension learn the rubrics from the service; none of their files names one."""
    names = set(load_prompts().rubrics)
    files = [p for p in [*EXTENSION.rglob("*"), *STATIC.rglob("*")] if p.is_file() and p.suffix != ".png"]
    assert any(p.name == "content.js" for p in files) and any(p.name == "app.js" for p in files)
    found = {
        f"{p.relative_to(ROOT)}: {name}"
        for p in files
        for name in names
        if re.search(rf"\b{name}\b", p.read_text(encoding="utf-8"), re.IGNORECASE)
    }
    assert not found, found
