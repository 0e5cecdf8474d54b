"""The lexicon scan's shortcut (trying a pattern only where a word starts with one of its triggers) finds exactly
what a full ``re`` scan finds, on every eval case, the benchmark draft and disguised or awkward text."""

import json
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import reviewer.rules.engine  # noqa: F401 - registers every detector, and so every lexicon
from reviewer.rules._text import LEXICONS, Shadow, word_triggers

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from review_latency import draft  # noqa: E402


def texts() -> list[str]:
    found = [draft(300), draft(2000)]
    for path in sorted((ROOT / "evals" / "cases").rglob("*.jsonl")):
        for line in path.read_text().splitlines():
            message = json.loads(line)["message"]
            found += [message["body"], message.get("subject") or ""]
    return found


def agree(text: str) -> None:
    sh = Shadow(text)
    for lexicon in LEXICONS:
        fast = [m.span() for m in lexicon._matches(sh)]
        full = [m.span() for m in lexicon.pattern.finditer(sh.text)]
        assert fast == full, (lexicon.pattern.pattern[:80], text[:80])


def test_most_lexicons_have_triggers() -> None:
    assert len(LEXICONS) > 40
    assert sum(lx.triggers is not None for lx in LEXICONS) / len(LEXICONS) > 0.8


def test_shortcut_matches_a_full_scan_on_every_case() -> None:
    for text in texts():
        agree(text)


WORDS = ["you", "your", "we", "noticed", "pregnant", "mom", "as", "a", "busy", "spa", "day", "hun", "rate", "us"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, " ", "  ", ",", ".", "\n", "'", "-", "é", "\u200b", "x", "9"]), max_size=40))
def test_shortcut_matches_a_full_scan_on_generated_text(parts: list[str]) -> None:
    agree("".join(parts))


def test_triggers_read_from_patterns() -> None:
    assert word_triggers(r"\b(?:spa day|pamper yourself)\b") == {"spa", "pam"}
    assert word_triggers(r"\b(?:(?:all|most)\s+)?(?:women|men)\b") == {"all", "mos", "wom", "men"}
    assert word_triggers(r"\bas an? ") == {"as"}
    assert word_triggers(r"\b\d+ times") is None  # starts with a class
    assert word_triggers(r"spa day") is None  # no word boundary: could start mid-word
    assert word_triggers(r"\?|\bwe know") is None  # one way in starts with punctuation
