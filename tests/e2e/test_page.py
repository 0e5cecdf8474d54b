"""The copywriter's page in real headless Chromium (Debian's), against uvicorn on 127.0.0.1."""

import re
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
    page.get_by_label("email", exact=True).check()  # consent is never assumed: the writer ticks what was given
    page.get_by_label("Body", exact=True).fill(
        "Hi Dana,\nTreat your wife to our spa day. Free delivery until 5/31: https://shop.example/spa"
    )
    page.get_by_role("button", name="Review").click()
    expect(page.locator("#status")).to_contain_text("Done", timeout=30_000)  # the first review loads the models
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
    # apply one suggestion: the body changes at the span, the page reviews again, and focus lands on the results
    page.get_by_role("button", name="Replace with “someone you love”").click()
    expect(page.locator("#results-heading")).to_be_focused()
    expect(page.get_by_label("Body", exact=True)).to_have_value(
        "Hi Dana,\nTreat someone you love to our spa day. Free delivery until 5/31: https://shop.example/spa"
    )
    expect(page.locator("#verdict")).to_have_text("Pass")
    expect(page.locator("#rewrite-box")).to_be_hidden()
    expect(page.locator("#detail")).to_have_text("")
    expect(page.locator("#findings")).to_have_text("No findings.")
    page.screenshot(path=str(ARTIFACTS / "page-after-apply.png"), full_page=True)


def test_keyboard_only_and_utf16_highlights(page: Page) -> None:
    page.get_by_label("email", exact=True).check()
    body = page.get_by_label("Body", exact=True)
    body.fill("🎉🎉 New arrivals!\nAs a busy mom, you deserve a break.")
    body.press("Control+Enter")
    mark = page.locator("#marked mark").first
    expect(mark).to_have_text(re.compile(r"^As a busy mom,"))  # offsets land right after two emoji (4 UTF-16 units)
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


PROMO = "Hi Dana,\nOur spring sale is on: 20% off everything until Sunday. Shop now at https://shop.example/sale"


def test_consent_is_not_assumed(page: Page) -> None:
    for channel in ("email", "SMS", "push"):
        expect(page.get_by_label(channel, exact=True)).not_to_be_checked()
    page.get_by_label("Body", exact=True).fill(PROMO)
    page.get_by_role("button", name="Review").click()
    expect(page.locator("#findings")).to_contain_text("consent")


def test_results_take_focus_and_the_detail_stays_beside_the_draft(page: Page) -> None:
    filler = "".join(f"\nLine {i}: the weather stays mild this week." for i in range(120))
    page.get_by_label("Body", exact=True).fill("As a busy mom, you deserve a break." + filler)
    page.get_by_role("button", name="Review").click()
    expect(page.locator("#results-heading")).to_be_focused()
    expect(page.locator("#results-heading")).to_be_in_viewport()
    expect(page.locator("#status")).to_contain_text("Done", timeout=30_000)
    mark = page.locator("#marked mark", has_text="busy mom")
    mark.scroll_into_view_if_needed()
    mark.click()
    expect(page.locator("#detail")).to_contain_text("role they never stated")
    expect(page.locator("#detail")).to_be_in_viewport()  # not 120 lines below, out of sight


def test_subject_findings_are_highlighted(page: Page) -> None:
    page.get_by_label("Subject", exact=True).fill("As a busy mom, you deserve this")
    page.get_by_label("Body", exact=True).fill("Hi,\nYour basket is waiting.")
    page.get_by_role("button", name="Review").click()
    mark = page.locator("#marked-subject mark", has_text="busy mom")
    expect(mark).to_be_visible()
    mark.click()
    expect(page.locator("#detail")).to_contain_text("role they never stated")
    expect(page.locator("#marked-subject")).to_contain_text("Subject: As a busy mom, you deserve this")


def test_overlapping_findings_offer_one_fix(page: Page) -> None:
    page.get_by_label("Body", exact=True).fill(
        "Hi,\n4 workouts skipped this week, and you opened the app at 2am twice."
    )
    page.get_by_role("button", name="Review").click()
    expect(page.locator("#verdict")).not_to_have_text("")
    expect(page.locator("#findings li")).to_have_count(2)  # the sentence, and "at 2am" inside it
    expect(page.get_by_role("button", name="Remove")).to_have_count(1)


def test_scores_after_an_error_do_not_look_pending(browser: Browser, live: Callable[..., LiveServer]) -> None:
    server = live(open_access=True, max_draft_chars=100)
    context = browser.new_context(viewport={"width": 1100, "height": 1400})
    page = context.new_page()
    page.goto(server.url + "/")
    page.get_by_label("Body", exact=True).fill("Our sale is on. " * 20)
    page.get_by_role("button", name="Review").click()
    expect(page.locator("#status")).to_contain_text("Error 422")
    expect(page.locator("#scores")).to_contain_text("not scored")
    expect(page.locator("#scores")).not_to_contain_text("…")
    context.close()
