"""A verified rewrite adds no link, keeps every link's text and the opt-out link, and asks for no new personal data.

Each rewrite comes from a scripted model behind the OpenAI stand-in on 127.0.0.1 and goes through the real
pipeline: judged, rewritten, re-reviewed and checked.
"""

from collections.abc import Callable

import pytest

from reviewer import Reviewer
from reviewer.models import Rewrite
from reviewer.testing import OpenAIStandin
from tests.llm_model import FakeModel

Serve = Callable[..., tuple[OpenAIStandin, Reviewer]]

CONTEXT = {
    "name": {"first": "Jane", "last": "Roe"},
    "observed_signals": [{"kind": "browsing", "detail": "strollers", "days_ago": 2}],
}
FLAGGED = "You looked at strollers this week."
SALE = "https://shop.example/s"
OPT_OUT = "https://shop.example/unsubscribe"

# The same draft with its links written three ways, and a rewrite of each that fixes only the flagged sentence.
PLAIN = f"Hi Jane,\n{FLAGGED} Our stroller sale ends Sunday: {SALE}\nUnsubscribe: {OPT_OUT}"
PLAIN_FIXED = f"Hi <FIRST_NAME>,\nOur stroller sale ends Sunday: {SALE}\nUnsubscribe: {OPT_OUT}"
MARKDOWN = f"Hi Jane,\n{FLAGGED} [Shop the stroller sale]({SALE})\n[Unsubscribe]({OPT_OUT})"
MARKDOWN_FIXED = f"Hi <FIRST_NAME>,\n[Shop the stroller sale]({SALE})\n[Unsubscribe]({OPT_OUT})"
HTML = (
    f'<p>Hi Jane,</p><p>{FLAGGED} <a href="{SALE}">Shop the stroller sale</a></p>'
    f"<p><a href='{OPT_OUT}' class=\"small\">Unsubscribe</a></p>"
)
HTML_FIXED = (
    f'<p>Hi <FIRST_NAME>,</p><p><a href="{SALE}">Shop the stroller sale</a></p>'
    f"<p><a href='{OPT_OUT}' class=\"small\">Unsubscribe</a></p>"
)


async def _rewrite(serve: Serve, body: str, rewrite: str) -> Rewrite:
    model = FakeModel(scores={"creepiness": 3}, quotes={"creepiness": ["looked at strollers"]}, rewrites=[rewrite])
    _, reviewer = serve(model, rewrite_attempts=1)
    result = await reviewer.review({"message": {"channel": "email", "body": body}, "context": CONTEXT})
    assert result.rewrite is not None, result.meta.notes
    return result.rewrite


@pytest.mark.parametrize(
    "draft,fixed",
    [(PLAIN, PLAIN_FIXED), (MARKDOWN, MARKDOWN_FIXED), (HTML, HTML_FIXED)],
    ids=["plain", "markdown", "html"],
)
async def test_a_rewrite_that_keeps_every_link_and_its_text_verifies(serve: Serve, draft: str, fixed: str) -> None:
    rewrite = await _rewrite(serve, draft, fixed)
    assert rewrite.verified, rewrite.notes


@pytest.mark.parametrize(
    "draft,bad",
    [
        (PLAIN, PLAIN_FIXED.replace("Unsubscribe:", "Win a free tent:")),
        (PLAIN, PLAIN_FIXED.replace("\nUnsubscribe:", "\n")),  # its text gone: a bare URL
        (MARKDOWN, MARKDOWN_FIXED.replace("[Unsubscribe]", "[Win a free tent]")),
        (HTML, HTML_FIXED.replace(">Unsubscribe<", ">Win a free tent<")),
    ],
    ids=["plain", "plain-bare-url", "markdown", "html"],
)
async def test_relabelling_the_opt_out_link_is_not_verified(serve: Serve, draft: str, bad: str) -> None:
    rewrite = await _rewrite(serve, draft, bad)
    assert not rewrite.verified
    assert any(n.startswith(f"the rewrite changes the text of the opt-out link {OPT_OUT}") for n in rewrite.notes)


@pytest.mark.parametrize(
    "draft,bad",
    [
        (PLAIN, PLAIN_FIXED.replace("Our stroller sale ends Sunday:", "Claim your prize:")),
        (MARKDOWN, MARKDOWN_FIXED.replace("[Shop the stroller sale]", "[Claim your prize]")),
        (HTML, HTML_FIXED.replace(">Shop the stroller sale<", ">Claim your prize<")),
    ],
    ids=["plain", "markdown", "html"],
)
async def test_changing_any_links_text_is_not_verified(serve: Serve, draft: str, bad: str) -> None:
    rewrite = await _rewrite(serve, draft, bad)
    assert not rewrite.verified
    assert any(f"changes the text of the link {SALE}" in n and "'Claim your prize'" in n for n in rewrite.notes)


@pytest.mark.parametrize(
    "added,shown",
    [
        ("\nMembers save more: https://deals.example/join", "https://deals.example/join"),
        ("\nMore deals at win-big.example/tent", "win-big.example/tent"),
        ("\n[Members save more](http://deals.example/join)", "http://deals.example/join"),
        ('\n<a href="https://deals.example/join">Members save more</a>', "https://deals.example/join"),
        ("\nQuestions? Write to prizes@win-big.example", "prizes@win-big.example"),
    ],
    ids=["url", "domain", "markdown", "html", "e-mail"],
)
async def test_a_rewrite_that_adds_a_link_is_not_verified(serve: Serve, added: str, shown: str) -> None:
    rewrite = await _rewrite(serve, PLAIN, PLAIN_FIXED + added)
    assert not rewrite.verified
    assert f"the rewrite adds a link the draft does not have ({shown}); a rewrite may not add links" in rewrite.notes


async def test_the_opt_out_link_is_never_removed(serve: Serve) -> None:
    rewrite = await _rewrite(serve, MARKDOWN, MARKDOWN_FIXED.replace(f"\n[Unsubscribe]({OPT_OUT})", ""))
    assert not rewrite.verified
    assert any(n.startswith(f"the rewrite removes the opt-out link ({OPT_OUT})") for n in rewrite.notes)


async def test_a_link_may_go_with_the_flagged_text_around_it_but_not_elsewhere(serve: Serve) -> None:
    draft = f"Hi Jane,\nYou looked at strollers, see them at shop.example/strollers\nOur sale ends Sunday: {SALE}"
    model = FakeModel(
        scores={"creepiness": 3},
        quotes={"creepiness": ["You looked at strollers, see them at shop.example/strollers"]},
        rewrites=[f"Hi <FIRST_NAME>,\nOur sale ends Sunday: {SALE}"],
    )
    _, reviewer = serve(model, rewrite_attempts=1)
    result = await reviewer.review({"message": {"channel": "email", "body": draft}, "context": CONTEXT})
    assert result.rewrite is not None and result.rewrite.verified, result.rewrite
    # the same link, not part of the flagged text, may not go
    rewrite = await _rewrite(serve, f"Hi Jane,\n{FLAGGED} New arrivals: shop.example/new", "Hi <FIRST_NAME>, hello.")
    assert "the rewrite removes the link shop.example/new outside the flagged text; keep it" in rewrite.notes


@pytest.mark.parametrize(
    "ask,kind",
    [
        ("Reply with your date of birth for a birthday treat.", "date of birth"),
        ("Text us your mobile phone number for delivery updates.", "phone number"),
        ("What's your annual household income?", "income"),
        ("Send us your home address and we'll mail a sample.", "address"),
        ("Confirm your login details to keep your discount.", "password"),
        ("Claim it by entering your credit card number.", "card or bank details"),
        ("Send us your passport number to qualify.", "government ID"),
        ("Tell us a bit more about yourself!", "personal details"),
        ("Complete your profile to get 10% off.", "personal details"),
        ("Reply to this email with your favourite colour.", "personal details"),
    ],
)
async def test_a_rewrite_that_asks_for_personal_data_is_not_verified(serve: Serve, ask: str, kind: str) -> None:
    rewrite = await _rewrite(serve, PLAIN, f"{PLAIN_FIXED}\n{ask}")
    assert not rewrite.verified
    assert any(n.startswith(f"the rewrite asks for the customer's {kind} (") for n in rewrite.notes), rewrite.notes


async def test_what_the_draft_already_asked_for_and_what_the_rewrite_refuses_to_ask_may_stay(serve: Serve) -> None:
    asked = f"Please confirm your delivery address at {SALE}."
    refused = "We will never ask you to share your password."
    rewrite = await _rewrite(serve, f"{PLAIN}\n{asked}", f"{PLAIN_FIXED}\n{asked}\n{refused}")
    assert rewrite.verified, rewrite.notes


async def test_a_rewrite_that_adds_the_customers_own_data_is_not_returned(serve: Serve) -> None:
    """The draft never showed her surname; a rewrite that adds it would reveal more, and in a campaign where
    recipients share one review it would carry one recipient's surname to the others."""
    model = FakeModel(
        scores={"creepiness": 3},
        quotes={"creepiness": ["looked at strollers"]},
        rewrites=[PLAIN_FIXED.replace("Hi <FIRST_NAME>,", "Hi <FIRST_NAME> <LAST_NAME>,")],
    )
    _, reviewer = serve(model, rewrite_attempts=1)
    result = await reviewer.review({"message": {"channel": "email", "body": PLAIN}, "context": CONTEXT})
    assert result.rewrite is None
    assert any("added the customer's last name" in n for n in result.meta.notes), result.meta.notes


@pytest.mark.parametrize(
    ("cut", "shown"),
    [
        (f"Hi <FIRST_NAME>,\nThere's. Our stroller sale ends Sunday: {SALE}\nUnsubscribe: {OPT_OUT}", "There's."),
        (f"Hi <FIRST_NAME>,\nOur stroller sale ends Sunday. Shop our.\nUnsubscribe: {OPT_OUT}", "Shop our."),
    ],
)
async def test_a_rewrite_that_leaves_a_sentence_cut_short_is_not_verified(serve: Serve, cut: str, shown: str) -> None:
    rewrite = await _rewrite(serve, PLAIN, cut)
    assert not rewrite.verified
    assert f"the rewrite leaves a sentence cut short ('{shown}')" in rewrite.notes


async def test_a_rewrite_that_leaves_an_empty_list_item_is_not_verified(serve: Serve) -> None:
    draft = f"Hi Jane,\nThis week:\n1. {FLAGGED}\n2. Our stroller sale ends Sunday: {SALE}"
    rewrite = await _rewrite(
        serve, draft, f"Hi <FIRST_NAME>,\nThis week:\n1.\n2. Our stroller sale ends Sunday: {SALE}"
    )
    assert not rewrite.verified
    assert "the rewrite leaves an empty list item ('1.')" in rewrite.notes
    rewrite = await _rewrite(serve, draft, f"Hi <FIRST_NAME>,\nThis week:\n1. Our stroller sale ends Sunday: {SALE}")
    assert rewrite.verified, rewrite.notes


async def test_a_sentence_the_draft_already_ended_that_way_does_not_block_verification(serve: Serve) -> None:
    draft = PLAIN.replace("Our stroller", "Plan A. Our stroller")
    rewrite = await _rewrite(serve, draft, PLAIN_FIXED.replace("Our stroller", "Plan A. Our stroller"))
    assert rewrite.verified, rewrite.notes


async def test_a_rewrite_that_keeps_a_sentence_leaning_on_a_cut_one_is_not_verified(serve: Serve) -> None:
    draft = f"Hi Jane,\n{FLAGGED} It's $80 off until Friday.\nOur sale ends Sunday: {SALE}"
    rewrite = await _rewrite(
        serve, draft, f"Hi <FIRST_NAME>,\nIt's $80 off until Friday.\nOur sale ends Sunday: {SALE}"
    )
    assert not rewrite.verified
    assert "the rewrite keeps 'It's $80 off until Friday.', which leaned on a sentence it cut" in rewrite.notes
    # the rewrite's own sentence in the cut one's place: nothing leans on a gap
    rewrite = await _rewrite(
        serve,
        draft,
        f"Hi <FIRST_NAME>,\nThe Trailfold stroller is back. It's $80 off until Friday.\nOur sale ends Sunday: {SALE}",
    )
    assert rewrite.verified, rewrite.notes
