"""The lexicon scan's shortcut (trying a pattern only where a word starts with one of its triggers) finds exactly
what a full ``re`` scan finds, on every eval case, the benchmark draft and disguised or awkward text; and a lookup
inside one sentence finds what searching that sentence's own text finds."""

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reviewer.rules.engine  # noqa: F401 - registers every detector, and so every lexicon
from reviewer.rules import _text
from reviewer.rules._text import LEXICONS, Lexicon, Scan, Sentences, word_triggers, words

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
    scan = Scan(text)
    for lexicon in LEXICONS:
        fast = [m.span() for m in lexicon.matches(scan.shadow.text, scan)]
        full = [m.span() for m in lexicon.pattern.finditer(scan.shadow.text)]
        assert fast == full, (lexicon.pattern.pattern[:80], text[:80])


def test_most_lexicons_have_triggers() -> None:
    assert len(LEXICONS) > 40
    assert sum(lx.triggers is not None for lx in LEXICONS) / len(LEXICONS) > 0.9


def test_shortcut_matches_a_full_scan_on_every_case() -> None:
    for text in texts():
        agree(text)


WORDS = ["you", "your", "we", "noticed", "pregnant", "mom", "as", "a", "busy", "spa", "day", "hun", "rate", "us"]
WORDS += ["7", "times", "at", "11:42", "dozen", "for", "3", "minutes", "ago", "٣", "２", "\t", "\u00a0", "\r\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, " ", "  ", ",", ".", "\n", "'", "-", "é", "\u200b", "x", "9"]), max_size=40))
def test_shortcut_matches_a_full_scan_on_generated_text(parts: list[str]) -> None:
    agree("".join(parts))


def test_a_wrong_trigger_set_is_caught() -> None:
    """The equivalence check can fail: a lexicon whose triggers miss a way in disagrees with the full scan."""
    lexicon = Lexicon(r"\b(?:spa day|pamper yourself)\b")
    LEXICONS.remove(lexicon)
    table = _text._TRIGGER_BITS[5]
    table["pamper"] &= ~lexicon.bit  # "pamper yourself" forgotten
    try:
        scan = Scan("Pamper yourself with a spa day.")
        fast = [m.span() for m in lexicon.matches(scan.shadow.text, scan)]
        assert fast == [(23, 30)]
        assert fast != [m.span() for m in lexicon.pattern.finditer(scan.shadow.text)]
    finally:
        table["pamper"] |= lexicon.bit
        _text._HEAD_BITS.clear()


@pytest.mark.parametrize("text", texts()[:60])
def test_a_lookup_in_a_sentence_finds_what_searching_the_sentence_finds(text: str) -> None:
    scan, sentences = Scan(text), Sentences(text)
    for lexicon in LEXICONS:
        for start, end in sentences.spans:
            inside = scan.first_within(lexicon, start, end)
            alone = lexicon.search(text[start:end])
            assert (inside.span() if inside else None) == (
                (alone.start() + start, alone.end() + start) if alone else None
            ), (lexicon.pattern.pattern[:60], text[start:end])


def test_triggers_read_from_patterns() -> None:
    assert word_triggers(r"\b(?:spa day|pamper yourself)\b") == {"spa da", "pamper"}
    assert word_triggers(r"\b(?:(?:all|most)\s+)?(?:women|men)\b") == {"all ", "most ", "women", "men"}
    assert word_triggers(r"\bas an? ") == {"as an", "as a "}  # a repeat ends the prefix
    assert word_triggers(r"\bwe[ \t]know") == {"we kno"}  # a whitespace class reads as one space
    assert word_triggers(r"\bwe\s+know") == {"we "}  # and, repeated, ends the prefix there
    assert word_triggers(r"\b(?:\d+|a dozen) times") == set("0123456789") | {"a doze"}  # digits as in the shadow
    assert word_triggers(r"\b\w+ times") is None  # starts with a class
    assert word_triggers(r"spa day") is None  # no word boundary: could start mid-word
    assert word_triggers(r"\?|\bwe know") == {"?", "we kno"}  # punctuation: tried wherever it is
    assert word_triggers(r"\b(?:[2-9]x|(?<=, )pal)") == {f"{d}x" for d in "23456789"} | {"pal"}  # lookarounds


def test_a_symbol_led_fragment_starts_wherever_its_symbol_is() -> None:
    lexicon = words(["zero down", r"[$€£]0 down", r"\[end data\]"])
    LEXICONS.remove(lexicon)
    found = [h.group() for h in Scan("Zero down, or $0 down. [END DATA] xzero down").hits(lexicon)]
    assert found == ["zero down", "$0 down", "[end data]"]  # not "zero down" inside "xzero down"


def test_sentences_keep_their_punctuation_and_drop_blank_lines() -> None:
    text = 'Hi there!! Is it "true?" Yes.\n\n  Indented line\nlast'
    assert [text[s:e] for s, e in Sentences(text).spans] == [
        "Hi there!!",
        'Is it "true?',
        "Yes.",
        "Indented line",
        "last",
    ]


def test_the_sentence_after_is_found_across_a_paragraph_break() -> None:
    text = "Please fill in the form.\n\nIt takes two minutes. Thanks!"
    sentences = Sentences(text)
    following = [sentences.after(0), sentences.after(text.index("It")), sentences.after(len(text) - 1)]
    assert [text[s[0] : s[1]] if s else None for s in following] == ["It takes two minutes.", "Thanks!", None]


def test_past_the_head_memo_limit_matches_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_text, "_HEAD_MEMO_LIMIT", 0)
    _text._HEAD_BITS.clear()
    for text in texts()[:40]:
        agree(text)
    assert _text._HEAD_BITS == {}  # nothing remembered past the limit


def test_a_title_or_an_abbreviation_ends_no_sentence() -> None:
    text = "Dear Mr. Ashworth,\n\nThe tax year ends. Thanks, Dr. Lee! See e.g. the form. Hi."
    spans = Sentences(text).spans
    assert [text[a:b] for a, b in spans] == [
        "Dear Mr. Ashworth,",
        "The tax year ends.",
        "Thanks, Dr. Lee!",
        "See e.g. the form.",
        "Hi.",
    ]


def test_a_clock_time_ends_a_sentence_only_where_the_next_one_starts() -> None:
    text = "Delivery slots before 3 p.m. are still open. We close at 9 P.M. See you there! Open 8 a.m.\nTill late."
    assert [text[a:b] for a, b in Sentences(text).spans] == [
        "Delivery slots before 3 p.m. are still open.",
        "We close at 9 P.M.",
        "See you there!",
        "Open 8 a.m.",
        "Till late.",
    ]


@pytest.mark.parametrize(
    ("text", "line", "signed"),
    [
        ("Thanks for shopping with us.\n\nHappy cooking,\nSprout & Stem", "Sprout & Stem", True),
        ("Your order shipped today.\n\nKind regards,\nMrs A. Lindgren", "Mrs A. Lindgren", True),
        # a short message: the greeting is its opening, and the line under it is the message
        ("Hi Aisha,\n\nWeek 14 already!\n\nSee you soon,\nThe Acorn team", "Week 14 already!", False),
        ("Dear Tom,\nGrab the rosé and hit play.\n\nMarquee+", "Grab the rosé", False),
        ("Thanks,\nWe're sorry about you and Tom.\n\nVela", "We're sorry", False),
    ],
)
def test_the_signature_sits_under_a_sign_off_not_under_the_greeting(text: str, line: str, signed: bool) -> None:
    assert _text.in_signature(text, text.index(line)) is signed
