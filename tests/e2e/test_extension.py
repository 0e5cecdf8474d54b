"""The browser extension, unpacked in Debian's Chromium, against the real service on 127.0.0.1 (rules judge).

Pages in tests/e2e/pages mimic Gmail's and Outlook's compose structure (a contenteditable of nested divs and <br>,
built after load) and a plain textarea. They are served from a second origin, http://localhost:PORT, as mail is.
"""

import functools
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import BrowserContext, Locator, Page, Playwright, expect, sync_playwright

from reviewer.api.security import hash_key
from tests.conftest import LiveServer, free_port
from tests.e2e.test_page import ARTIFACTS, FLAGS

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
PAGES = Path(__file__).parent / "pages"
KEY = "rk_extension_test_key"

DRAFT_HTML = (
    "<div>Dear Mrs. Lee,</div><div><br></div><div>🎉🎉 Spring is here!</div>"
    "<div>As a busy <b>mom</b>, you deserve a break. Treat your wife to our spa day: https://shop.example/spa</div>"
)
DRAFT_TEXT = (
    "Dear Mrs. Lee,\n\n🎉🎉 Spring is here!\n"
    "As a busy mom, you deserve a break. Treat your wife to our spa day: https://shop.example/spa"
)


class QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


def serve(handler: Callable[..., BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def pages() -> Iterator[str]:
    server = serve(functools.partial(QuietFiles, directory=str(PAGES)))
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()


@dataclass
class Extension:
    context: BrowserContext
    id: str

    def options(self) -> Page:
        page = self.context.new_page()
        page.goto(f"chrome-extension://{self.id}/options.html")
        return page

    def configure(self, **settings: Any) -> None:
        """Store settings as the options page does (on an extension page, which also wakes the worker)."""
        page = self.options()
        page.evaluate(
            """async (settings) => {
                await chrome.storage.local.clear();
                await chrome.storage.local.set(settings);
                return chrome.runtime.sendMessage({type: "sync-sites"});
            }""",
            {"sites": ["http://localhost/*"], **settings},
        )
        page.close()


@pytest.fixture(scope="module")
def extension(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Extension]:
    with sync_playwright() as p:
        loaded = load_extension(p, tmp_path_factory.mktemp("profile"))
        yield loaded
        loaded.context.close()


def load_extension(playwright: Playwright, profile: Path) -> Extension:
    """Debian's Chromium with the unpacked extension loaded, once its service worker runs."""
    chromium = shutil.which("chromium")
    assert chromium, "Chromium is required: apt-get install chromium (scripts/test.sh does this)"
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=chromium,
        headless=True,
        args=[*FLAGS, f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}"],
        ignore_default_args=["--disable-extensions"],
        viewport={"width": 1400, "height": 900},
    )
    worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
    return Extension(context, worker.url.split("/")[2])


@pytest.fixture
def ext(extension: Extension) -> Iterator[Extension]:
    yield extension
    for page in extension.context.pages:
        page.close()


def open_editor(ext: Extension, url: str, selector: str) -> tuple[Page, Locator]:
    page = ext.context.new_page()
    page.goto(url)
    editor = page.locator(selector)
    editor.wait_for()
    return page, editor


def panel(page: Page) -> Locator:
    return page.get_by_role("dialog", name="Reviewer")


def highlights(page: Page) -> dict[str, list[str]]:
    """The page's CSS Custom Highlight registry: highlight name -> highlighted text (read in the page's own world)."""
    result: dict[str, list[str]] = page.evaluate(
        "() => Object.fromEntries([...CSS.highlights.entries()].map(([k, h]) => [k, [...h].map(String)]))"
    )
    return result


def flagged(page: Page) -> list[str]:
    names = ("reviewer-severe", "reviewer-revise", "reviewer-minor")
    return sorted(text for name, texts in highlights(page).items() if name in names for text in texts)


def text_of(editor: Locator) -> str:
    """What the editor shows, normalised: no-break spaces (Chromium leaves them where spaces were) read as spaces,
    and blank lines are dropped, since innerText counts an empty <div><br></div> line differently from the eye."""
    text: str = editor.evaluate("e => e.value ?? e.innerText")
    return normalise(text)


def normalise(text: str) -> str:
    return "\n".join(line for line in text.replace("\u00a0", " ").split("\n") if line.strip())


def test_gmail_compose_review_highlight_apply_rewrite_and_undo(ext: Extension, live: Any, pages: str) -> None:
    server = live(open_access=True)
    ext.configure(
        serviceUrl=server.url,
        profiles=[{"name": "Grace Lee", "context": {"name": {"first": "Grace", "last": "Lee"}}}],
    )
    page, editor = open_editor(ext, f"{pages}/gmail.html", "[aria-label='Message Body']")
    page.locator("input[name=subjectbox]").fill("Hey hun, a treat for you")
    editor.evaluate("(e, html) => { e.innerHTML = html; }", DRAFT_HTML)
    assert page.evaluate("window.inputEvents") == 0

    page.get_by_role("button", name="Review", exact=True).click()
    box = panel(page)
    expect(box.locator(".verdict")).to_have_text("Block")
    expect(box).to_contain_text(f"Sends the draft to {server.url} only when you press Review")
    expect(box.get_by_label("Scores")).to_contain_text("Stereotyping 3/4")
    # exact words after two emoji (four UTF-16 units), a blank line and a <b> splitting the text nodes; "Dear Mrs.
    # Lee" assumes a salutation nobody stated, and with no name on file there is nothing to put in its place
    assert flagged(page) == ["As a busy mom, you", "Mrs. Lee", "your wife"]
    expect(box.get_by_label("Findings")).to_contain_text("“hun”")  # the subject's finding is listed
    box.get_by_role("button", name="“Mrs. Lee”").click()
    expect(box.locator(".detail")).to_contain_text("No text edit fixes this on its own.")

    # a saved context profile changes the review: with the first name on file, "Mrs. Lee" can become "Grace Lee"
    box.get_by_label("Customer context").select_option(label="Grace Lee")
    box.get_by_role("button", name="Review again").click()
    expect(box.get_by_label("Findings")).to_contain_text("“Mrs. Lee”")
    box.get_by_role("button", name="“Mrs. Lee”").click()
    expect(box.locator(".detail")).to_contain_text("Replace with “Grace Lee”")
    assert flagged(page) == ["As a busy mom, you", "Mrs. Lee", "your wife"]

    # clicking the underlined words in the editor explains them
    rect = page.evaluate(
        "() => { const r = [...CSS.highlights.get('reviewer-revise')].find(r => String(r) === 'your wife')"
        ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }"
    )
    page.mouse.click(*rect)
    detail = box.locator(".detail")
    expect(detail).to_contain_text("assumes a household")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "extension-gmail-review.png"))

    # one suggestion, applied into the editor at its span with real input events; later spans still line up
    detail.get_by_role("button", name="Replace with “someone you love”").click()
    after_one = DRAFT_TEXT.replace("your wife", "someone you love")
    assert text_of(editor) == normalise(after_one)
    assert page.evaluate("window.inputEvents") >= 1
    assert flagged(page) == ["As a busy mom, you", "Mrs. Lee"]

    # then the whole verified rewrite, subject and body
    rewrite = box.locator("pre.rewrite").inner_text()
    assert "someone you love" in rewrite and "busy mom" not in rewrite
    box.get_by_role("button", name="Apply rewrite").click()
    assert text_of(editor) == normalise(rewrite)
    expect(page.locator("input[name=subjectbox]")).to_have_value("Hey, a treat for you")
    assert flagged(page) == []
    page.screenshot(path=str(ARTIFACTS / "extension-gmail-rewrite.png"))

    # the editor's own undo takes the rewrite back
    editor.press("Control+z")
    assert text_of(editor) == normalise(after_one)


def test_outlook_editor_built_late_and_replaced(ext: Extension, live: Any, pages: str) -> None:
    server = live(open_access=True)
    ext.configure(serviceUrl=server.url)
    page, editor = open_editor(ext, f"{pages}/outlook.html", "[aria-label='Message body']")
    # typed for real: Chromium builds its own <div>/<br> structure from Enter and Shift+Enter
    editor.click()
    page.keyboard.type("Hi Sam 👋🏽,")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Line two")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("As a busy mom, you deserve a break.")
    page.get_by_role("button", name="Review", exact=True).click()
    expect(panel(page).locator(".verdict")).to_have_text("Block")
    assert flagged(page) == ["As a busy mom, you"]

    # Outlook (like Gmail) may rebuild the editor: the new one gets its own button, the old one's is gone
    page.evaluate("compose()")
    expect(panel(page)).to_be_hidden()
    editor = page.locator("[aria-label='Message body']")
    editor.evaluate("e => { e.innerHTML = '<div>Hey hun, a treat for you</div>'; }")
    buttons = page.get_by_role("button", name="Review", exact=True)
    expect(buttons).to_have_count(1)
    buttons.click()
    expect(panel(page).locator(".verdict")).to_have_text("Pass")
    assert flagged(page) == ["hun"]


def test_textarea_editor(ext: Extension, live: Any, pages: str) -> None:
    server = live(open_access=True)
    ext.configure(serviceUrl=server.url)
    page, editor = open_editor(ext, f"{pages}/textarea.html", "#body")
    editor.fill("Hi Dana,\n🎉 Treat your wife to our spa day: https://shop.example/spa")
    page.get_by_role("button", name="Review", exact=True).first.click()
    box = panel(page)
    expect(box.locator(".verdict")).to_have_text("Revise")
    # a textarea's text has no DOM to highlight: a transparent mirror over it carries the marks
    expect(page.locator("#reviewer-extension-root .mirror mark")).to_have_text(["your wife"])
    box.get_by_role("button", name="“your wife”").click()
    page.screenshot(path=str(ARTIFACTS / "extension-textarea.png"))
    before = page.evaluate("window.inputEvents")
    box.get_by_role("button", name="Replace with “someone you love”").click()
    assert editor.input_value() == "Hi Dana,\n🎉 Treat someone you love to our spa day: https://shop.example/spa"
    assert page.evaluate("window.inputEvents") == before + 1
    editor.press("Control+z")
    assert "your wife" in text_of(editor)


def metric(server: LiveServer, route: str) -> float:
    text = httpx.get(f"{server.url}/metrics").text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("reviewer_requests_total") and f'route="{route}"' in line
    )


def test_nothing_is_sent_before_a_click_and_check_as_you_type_is_throttled(
    ext: Extension, live: Any, pages: str
) -> None:
    server = live(open_access=True)
    ext.configure(serviceUrl=server.url)
    page, editor = open_editor(ext, f"{pages}/textarea.html", "#body")
    editor.press_sequentially("As a busy mom, you deserve a break.")
    page.wait_for_timeout(2500)  # longer than check-as-you-type's pause
    assert metric(server, "/v1/reviews:stream") == 0
    expect(panel(page)).to_be_hidden()

    ext.configure(serviceUrl=server.url, checkAsYouType=True)
    page.reload()
    editor = page.locator("#body")
    editor.press_sequentially("As a busy mom, you deserve a break.")
    button = page.get_by_role("button", name="Review · Block")
    expect(button).to_be_visible(timeout=6000)  # reviewed after the pause, without a click
    assert metric(server, "/v1/reviews:stream") == 1
    editor.press_sequentially(" More text.")
    page.wait_for_timeout(2000)  # past the pause, but within the minimum interval
    assert metric(server, "/v1/reviews:stream") == 1
    deadline = time.monotonic() + 10
    while metric(server, "/v1/reviews:stream") < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert metric(server, "/v1/reviews:stream") == 2


class Silent(BaseHTTPRequestHandler):
    """A server that accepts and never answers in time."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        time.sleep(5)


class OtherVersion(BaseHTTPRequestHandler):
    """Something that answers /healthz but speaks another API version."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        body = {"status": "ok"} if self.path == "/healthz" else {"service": "reviewer", "api_version": 2}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


def review_error(ext: Extension, pages: str) -> Locator:
    page, editor = open_editor(ext, f"{pages}/textarea.html", "#body")
    editor.fill("Hi Dana, treat your wife to our spa day.")
    page.get_by_role("button", name="Review", exact=True).first.click()
    alert = panel(page).get_by_role("alert")
    expect(alert).to_be_visible(timeout=8000)
    return alert


def test_error_states_show_in_the_panel(ext: Extension, live: Any, pages: str) -> None:
    down = f"http://127.0.0.1:{free_port()}"
    ext.configure(serviceUrl=down)
    expect(review_error(ext, pages)).to_contain_text(f"Cannot reach the reviewer service at {down}")

    keyed = live(api_keys=hash_key(KEY), rate_limit_per_minute=1)
    ext.configure(serviceUrl=keyed.url, apiKey="wrong-key")
    expect(review_error(ext, pages)).to_contain_text("rejected the API key (401)")

    ext.configure(serviceUrl=keyed.url, apiKey=KEY)
    page, editor = open_editor(ext, f"{pages}/textarea.html", "#body")
    editor.fill("Hi Dana, treat your wife to our spa day.")
    page.get_by_role("button", name="Review", exact=True).first.click()
    expect(panel(page).locator(".verdict")).to_have_text("Revise")
    panel(page).get_by_role("button", name="Review again").click()
    alert = panel(page).get_by_role("alert")
    expect(alert).to_contain_text("rate limit is reached (429). Try again in")
    page.screenshot(path=str(ARTIFACTS / "extension-error.png"))

    silent = serve(Silent)
    ext.configure(serviceUrl=f"http://127.0.0.1:{silent.server_address[1]}", timeoutSeconds=1)
    expect(review_error(ext, pages)).to_contain_text("did not answer within 1 s")
    silent.shutdown()


def test_options_page_saves_and_tests_the_connection(ext: Extension, live: Any) -> None:
    server = live(api_keys=hash_key(KEY))
    ext.configure()
    page = ext.options()
    expect(page.get_by_label("Service URL")).to_have_value("http://127.0.0.1:8000")
    page.get_by_label("Service URL").fill(server.url + "/")
    page.get_by_label("API key").fill(KEY)
    page.get_by_label("Run on these sites").fill("http://localhost/*\nnot a pattern")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#save-result")).to_contain_text('Site line 2, "not a pattern", is not a match pattern')
    page.get_by_label("Run on these sites").fill("http://localhost/*")
    page.get_by_label("Check as I type").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#save-result")).to_have_text("Saved. The Review button appears on 1 site pattern(s).")
    stored = page.evaluate("chrome.storage.local.get(null)")
    assert stored["serviceUrl"] == server.url and stored["apiKey"] == KEY and stored["checkAsYouType"] is True

    result = page.locator("#test-result")
    page.get_by_role("button", name="Test connection").click()
    expect(result).to_have_text("Connected: reviewer 0.1.0, API v1, judge rules.")
    page.get_by_label("Profile name").fill("Runner")
    page.get_by_label("Context (JSON)").fill('{"stated_preferences": ["running"]')
    page.get_by_role("button", name="Add profile").click()
    expect(page.locator("#save-result")).to_contain_text("not valid JSON")
    page.get_by_label("Context (JSON)").fill('{"stated_preferences": ["running"]}')
    page.get_by_role("button", name="Add profile").click()
    expect(page.locator("#profiles")).to_contain_text("Runner")
    page.screenshot(path=str(ARTIFACTS / "extension-options.png"), full_page=True)

    page.get_by_label("API key").fill("wrong-key")
    page.get_by_role("button", name="Test connection").click()
    expect(result).to_contain_text("401: the service rejected this API key")

    other = serve(OtherVersion)
    page.get_by_label("Service URL").fill(f"http://127.0.0.1:{other.server_address[1]}")
    page.get_by_role("button", name="Test connection").click()
    expect(result).to_have_text(
        "Wrong version: the service speaks API v2; this extension speaks v1. Update the extension."
    )
    other.shutdown()

    page.get_by_label("Service URL").fill(server.url)
    page.get_by_label("API key").fill(KEY)
    server.__exit__(None, None, None)  # the service stops
    page.get_by_role("button", name="Test connection").click()
    expect(result).to_contain_text(f"Unreachable: nothing answers at {server.url}")
