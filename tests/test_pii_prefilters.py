"""presidio's recognizers are skipped on a text that lacks what every match of theirs contains; the skip never
hides an entity: wherever a check says no, the recognizer itself finds nothing."""

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.privacy import detectors
from tests.pii_corpus import generate

ROOT = Path(__file__).resolve().parent.parent


def texts() -> list[str]:
    found = []
    for case in generate(150, seed=7):
        found.append(case.request["message"]["body"])
        found += [str(value) for value in case.request.get("context", {}).values()]
    for path in sorted((ROOT / "evals" / "cases").rglob("*.jsonl")):
        for line in path.read_text().splitlines():
            found.append(json.loads(line)["message"]["body"])
    return found


def skipped_but_found(text: str) -> list[tuple[str, str]]:
    """(recognizer, matched text) for every entity a skipped recognizer would have found."""
    missed = []
    for recognizer in detectors._recognizers():
        name = type(recognizer).__name__
        if detectors._NEEDS[name].search(text):
            continue
        missed += [(name, text[r.start : r.end]) for r in recognizer.analyze(text, recognizer.supported_entities)]
    return missed


def test_every_recognizer_has_a_check() -> None:
    assert {type(r).__name__ for r in detectors._recognizers()} == set(detectors._NEEDS)


def test_no_skip_hides_an_entity_in_the_corpus_or_the_eval_cases() -> None:
    assert [m for text in texts() for m in skipped_but_found(text)] == []


def test_the_check_can_fail() -> None:
    """With a check that is too strict, the test above would see the entity it hides."""
    saved = detectors._NEEDS["OfflineEmailRecognizer"]
    detectors._NEEDS["OfflineEmailRecognizer"] = detectors.re.compile("never present")
    try:
        assert skipped_but_found("write to jane.roe@example.com today") == [
            ("OfflineEmailRecognizer", "jane.roe@example.com")
        ]
    finally:
        detectors._NEEDS["OfflineEmailRecognizer"] = saved


PIECES = [
    "1",
    "4",
    "9",
    "0",
    "12",
    "4111",
    "5500",
    "1234",
    "0000",
    "DE",
    "GB",
    "QQ",
    "AB",
    "C",
    "a",
    "ff",
    ":",
    "::",
    ".",
    "-",
    " ",
    "@",
    "x",
    "example.com",
    "192",
    "168",
    "255",
    "10",
    "/24",
    "\n",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_no_skip_hides_an_entity_in_generated_text(parts: list[str]) -> None:
    assert skipped_but_found("".join(parts)) == []
