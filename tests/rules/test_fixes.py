"""The rules' own fixes: a removed span takes what would be left dangling with it, and nothing else."""

import pytest

from reviewer import Reviewer
from reviewer.models import Finding
from reviewer.rules.fixes import (
    apply_suggestions,
    cut_lines,
    drop_emptied_items,
    drop_new_fragments,
    drop_orphans,
    fragments,
    orphans,
    tidy_blank_lines,
)


def _removal(text: str, quote: str) -> Finding:
    start = text.index(quote)
    return Finding(
        category="stereotyping",
        start=start,
        end=start + len(quote),
        quote=quote,
        severity=2,
        message="m",
        suggestion="",
        field="body",
        source="rules",
        rule_id="stereotyping.account_holder",
    )


@pytest.mark.parametrize(
    ("text", "quote", "fixed"),
    [
        # a title before a removed name goes with it, and so does the comma the name leaves before the full stop
        ("Gracias por llamar, Sr. Hernández. Please hold.", "Hernández", "Gracias por llamar. Please hold."),
        ("Thanks for calling, Mrs Dlamini! How can I help?", "Dlamini", "Thanks for calling! How can I help?"),
        ("Thanks for calling, Luis. How can I help?", "Luis", "Thanks for calling. How can I help?"),
        ("Hi there, friend, welcome back.", "friend", "Hi there, welcome back."),
        # a title stays where the removed text is not its name
        ("See Dr. Patel. Your result is ready.", "Your result is ready.", "See Dr. Patel."),
        ("Yes sir, right away.", "right away", "Yes sir."),
    ],
)
def test_a_removal_takes_a_dangling_title_and_comma_with_it(text: str, quote: str, fixed: str) -> None:
    assert apply_suggestions(text, [_removal(text, quote)]) == fixed


@pytest.mark.parametrize(
    ("text", "cut_short"),
    [
        ("Welcome to Keystone Energy. There's. Just stay on the line.", ["There's."]),
        ("Shop our. Plan A is ready.", ["Shop our."]),
        ("Hello\nThe.\nBye", ["The."]),
        ("Thanks for being with us for a. Here's your code.", ["Thanks for being with us for a."]),
    ],
)
def test_a_sentence_that_stops_on_a_word_that_cannot_end_one_is_a_fragment(text: str, cut_short: list[str]) -> None:
    assert fragments(text) == cut_short


@pytest.mark.parametrize(
    "text",
    [
        "We are who we are. Tell us what it is for.",
        "Choose Plan A. It's ready when you are.",
        "Find out where it came from! Log in.",
        "Nothing to look forward to? Think again.",
    ],
)
def test_whole_sentences_are_not_fragments(text: str) -> None:
    assert fragments(text) == []


@pytest.mark.parametrize(
    ("before", "after", "tidied"),
    [
        (
            "Welcome. At your age, there's no need to fiddle with the app. Just stay on the line.",
            "Welcome. There's. Just stay on the line.",
            "Welcome. Just stay on the line.",
        ),
        ("Hi Jo,\nAt your age, there's no app.\nBye", "Hi Jo,\nThere's.\nBye", "Hi Jo,\nBye"),
        ("Choose Plan A. Shop now.", "Choose Plan A. Shop now.", "Choose Plan A. Shop now."),
    ],
)
def test_an_edit_drops_only_the_fragments_it_made(before: str, after: str, tidied: str) -> None:
    assert drop_new_fragments(before, after) == tidied


def test_the_suggestion_rewriter_cuts_the_sentence_two_edits_leave_short() -> None:
    body = "Welcome to Brightwell Power. At your age, there's no need to fiddle with the app. Press 1 for billing."
    result = Reviewer(judge="rules").review_sync({"message": {"channel": "ivr", "body": body}, "context": {}})
    assert result.scores["stereotyping"].score >= 2
    assert result.rewrite is not None and "There's." not in result.rewrite.text
    assert fragments(result.rewrite.text) == []


GROCER = (
    "Hi Gemma,\n\nWe know things are hard in your area, so we've made a Value Basket.\n\n"
    "It's there whenever you need it. It ships free. Pasta is 50p this week.\n\nKerbside"
)


@pytest.mark.parametrize(
    ("before", "after", "leaning"),
    [
        # the product sentence cut: what named it is gone
        (
            GROCER,
            GROCER.replace("We know things are hard in your area, so we've made a Value Basket.\n\n", ""),
            ["It's there whenever you need it."],
        ),
        (
            "Press 1 to hear about GreenLock. Otherwise, please hold.",
            "Otherwise, please hold.",
            ["Otherwise, please hold."],
        ),
        # a time, not a pointer back; a sentence before it still there; a greeting cut
        ("You looked at jackets. This week everything is 20% off.", "This week everything is 20% off.", []),
        ("Our Trailfold pack is back. It fits a laptop.", "Our Trailfold pack is back. It fits a laptop.", []),
        ("Hi Sam! It's that time again: renewals.", "It's that time again: renewals.", []),
        # a sentence of the rewrite's own put in the cut one's place
        ("You looked at the Trailfold pack. It's $80 off.", "The Trailfold pack is back. It's $80 off.", []),
    ],
)
def test_a_kept_sentence_that_leaned_on_a_cut_one_is_found(before: str, after: str, leaning: list[str]) -> None:
    assert [after[s:e] for s, e in orphans(before, after)] == leaning


def test_sentences_that_leaned_on_a_cut_one_go_and_so_do_those_that_leaned_on_them() -> None:
    after = GROCER.replace("We know things are hard in your area, so we've made a Value Basket.\n\n", "")
    assert drop_orphans(GROCER, after) == "Hi Gemma,\n\nPasta is 50p this week.\n\nKerbside"


def test_paragraphs_emptied_by_an_edit_leave_one_blank_line() -> None:
    assert tidy_blank_lines("Hi\n\nA.\n\nB", "Hi\n\n\n\nB") == "Hi\n\nB"
    assert tidy_blank_lines("Hi\n\n\nA", "Hi\n\n\nA") == "Hi\n\n\nA"  # the draft's own spacing stays
    # a cut opening or closing line leaves no blank lines at the ends; a draft's own stay
    assert (
        tidy_blank_lines("Eid Mubarak!\n\nYour streak is safe.", "\n\nYour streak is safe.") == "Your streak is safe."
    )
    assert tidy_blank_lines("Hi Al,\n\nP.S. You deserve it!", "Hi Al,\n\n") == "Hi Al,"
    assert tidy_blank_lines("\nHi Al,\n", "\nHi Al,\n") == "\nHi Al,\n"


def test_list_items_an_edit_emptied_go_and_a_cut_numbered_list_is_numbered_again() -> None:
    draft = "Favours:\n1. Rate us\n2. Take the survey\n3. Review us on G2\n4. Invite a teammate\n\nThanks!"
    edited = "Favours:\n1.\n2.\n3. Review us on G2\n4. Invite a teammate\n\nThanks!"
    assert drop_emptied_items(draft, edited) == "Favours:\n1. Review us on G2\n2. Invite a teammate\n\nThanks!"
    assert drop_emptied_items("Pick:\n- red\n- blue", "Pick:\n- \n- blue") == "Pick:\n- blue"
    # a list the edit left whole, numbered from where the draft's started, and the draft's own bare markers, stay
    kept = "Steps:\n3) Log in\n4) Pay"
    assert drop_emptied_items(kept, kept) == kept
    assert drop_emptied_items("1.\nStep one", "1.\nStep one") == "1.\nStep one"


def test_the_suggestion_rewriter_leaves_no_empty_list_item() -> None:
    body = (
        "Hi Ines,\n\nYour ticket has been marked resolved.\n\nA few quick favours:\n"
        "1. Rate your conversation with Jamie (1–5)\n2. Take our annual product survey (15 minutes)\n"
        "3. Invite a teammate and you'll both get a month free\n\nThanks!"
    )
    ctx = {"contact_history": {"feedback_requests_last_30_days": 2}}
    result = Reviewer(judge="rules").review_sync({"message": {"channel": "email", "body": body}, "context": ctx})
    assert result.rewrite is not None
    assert "\n1. Invite a teammate and you'll both get a month free\n" in result.rewrite.text
    assert "2." not in result.rewrite.text and "3." not in result.rewrite.text


def test_the_suggestion_rewriter_cuts_what_leaned_on_a_cut_sentence() -> None:
    body = (
        "Hi Karen,\n\nWe know money is tight for families in your postcode, so we've built a Value Basket. "
        "It's £12 and ships free.\n\nOur bakery reopens on Monday.\n\nKerbside Groceries"
    )
    ctx = {"address": "14 Ormesby Road, Middlesbrough TS3 7AB"}
    result = Reviewer(judge="rules").review_sync({"message": {"channel": "email", "body": body}, "context": ctx})
    assert result.verdict != "pass"
    assert result.rewrite is not None
    assert "It's £12" not in result.rewrite.text and "\n\n\n" not in result.rewrite.text
    assert "Our bakery reopens on Monday." in result.rewrite.text


def test_a_phrase_after_a_word_that_needs_it_is_not_cut_out_of_its_sentence() -> None:
    body = "We've been working on new recipes just for people like you, and we'd love you back."
    result = Reviewer(judge="rules").review_sync({"message": {"channel": "email", "body": body}, "context": {}})
    found = [f for f in result.findings if f.rule_id == "stereotyping.generalisation"]
    assert found and found[0].suggestion is None
    assert result.rewrite is None or "just for and" not in result.rewrite.text


def test_a_line_that_lost_its_end_is_cut_short_but_a_line_kept_whole_is_not() -> None:
    before = (
        "Hi Rebecca,\n\nIt's nearly bikini season, ladies!\n\nKind regards,\nOrbit Mobile\n\nOrbit Mobile Ltd, Leeds."
    )
    after = "Hi Rebecca,\n\nIt's nearly\n\nKind regards,\nOrbit Mobile\n\nOrbit Mobile Ltd, Leeds."
    assert [after[s:e] for s, e in cut_lines(before, after)] == ["It's nearly"]
    tidied = tidy_blank_lines(before, drop_new_fragments(before, after))
    assert tidied == "Hi Rebecca,\n\nKind regards,\nOrbit Mobile\n\nOrbit Mobile Ltd, Leeds."
