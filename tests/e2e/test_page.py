"""The copywriter's page in real headless Chromium (Debian's), against uvicorn on 127.0.0.1."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import LiveServer

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    assert chromium, "Chromium is required: apt-get install chromium (scripts/test.sh does this)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live: Callable[..., LiveServer]) -> Iterator[Page]:
    server = live(open_access=True)
    context = browser.new_context(viewport={"width": 1100, "height": 1400})
    page = context.new_page()
    page.goto(server.url + "/")
    yield page
    context.close()


def test_review_highlight_apply_and_rewrite(page: Page) -> None:
    page.get_by_label("First name").fill("Dana")
    page.get_by_label("Body", exact=True).fill(
        "Hi Dana,\nTreat your wife to our spa day. Free delivery until 5/31: https://shop.example/spa"
    )
    page.get_by_role("button", name="Review").click()
    expect(page.locator("#verdict")).to_have_text("Revise")
    mark = page.locator("#marked mark", has_text="your wife")
    expect(mark).to_be_visible()
    mark.click()
    expect(page.locator("#detail")).to_contain_text("assumes a household")
    expect(page.locator("#scores")).to_contain_text("Stereotyping: 2 / 4")
    # the verified rewrite, shown as a diff against the draft
    expect(page.locator("#rewrite-box")).to_be_visible()
    expect(page.locator("#rewrite-state")).to_contain_text("verified")
    expect(page.locator("#rewrite-diff del")).to_have_text(["your wife "])
    expect(page.locator("#rewrite-diff ins")).to_have_text(["someone you love "])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page-review.png"), full_page=True)
    # apply one suggestion: the body changes at the span and the page reviews again
    page.get_by_role("button", name="Replace with “someone you love”").click()
    expect(page.get_by_label("Body", exact=True)).to_have_value(
        "Hi Dana,\nTreat someone you love to our spa day. Free delivery until 5/31: https://shop.example/spa"
    )
    expect(page.locator("#verdict")).to_have_text("Pass")
    expect(page.locator("#rewrite-box")).to_be_hidden()
    expect(page.locator("#detail")).to_have_text("")
    expect(page.locator("#findings")).to_have_text("No findings.")
    page.screenshot(path=str(ARTIFACTS / "page-after-apply.png"), full_page=True)


def test_keyboard_only_and_utf16_highlights(page: Page) -> None:
    body = page.get_by_label("Body", exact=True)
    body.fill("🎉🎉 New arrivals!\nAs a busy mom, you deserve a break.")
    body.press("Control+Enter")
    mark = page.locator("#marked mark").first
    expect(mark).to_have_text("As a busy mom, y")  # offsets land right after two emoji (4 UTF-16 units)
    page.keyboard.press("Tab")  # from the results, focus moves through the marks
    mark.focus()
    expect(page.locator("#detail")).to_contain_text("role they never stated")


def test_errors_are_shown(page: Page) -> None:
    page.get_by_role("button", name="Review").click()
    expect(page.locator("#status")).to_contain_text("Paste a draft into Body first")
    page.get_by_label("Body", exact=True).fill("Hello")
    page.locator("details summary", has_text="Paste context as JSON").click()
    page.get_by_label("Context JSON").fill("{not json")
    page.get_by_role("button", name="Review").click()
    expect(page.locator("#status")).to_contain_text("The context JSON is not valid")
    page.get_by_label("Context JSON").fill('{"shoe_size": 9}')
    page.get_by_role("button", name="Review").click()
    expect(page.locator("#status")).to_contain_text("Error 422: context.shoe_size: unknown field; remove it")
