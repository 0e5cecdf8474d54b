"""The rules' own fixes: a removed span takes what would be left dangling with it, and nothing else."""

import pytest

from reviewer.models import Finding
from reviewer.rules.fixes import apply_suggestions


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
