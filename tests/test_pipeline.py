"""The review pipeline with the embedded rules judge, and its LangChain faces."""

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from reviewer import Reviewer, ReviewRequest
from reviewer.errors import UnknownRubricError
from reviewer.models.offsets import utf16_len

CREEPY = {
    "message": {
        "channel": "email",
        "subject": "Hi %%first name%%",
        "body": "Dear Mrs. Roe,\nCongratulations on your pregnancy! Our spring collection is 20% off until "
        "12/24 at https://shop.example/spring. Order #A1234 ships free.",
    },
    "context": {
        "name": {"first": "Ann", "last": "Roe"},
        "inferred_attributes": [{"attribute": "likely_pregnant", "source": "purchase_pattern"}],
    },
}
CLEAN = {
    "message": {"channel": "email", "body": "Hi Ann,\nYour order #A1234 has shipped and arrives Friday."},
    "context": {"name": {"first": "Ann"}},
}


@pytest.fixture(scope="module")
def rules_reviewer() -> Reviewer:
    return Reviewer(judge="rules")


def test_clean_message_passes(rules_reviewer: Reviewer) -> None:
    result = rules_reviewer.review_sync(CLEAN)
    assert result.verdict == "pass" and result.findings == [] and result.rewrite is None
    assert set(result.scores) == {"creepiness", "stereotyping", "overreach"}
    assert result.meta.judge == "rules" and result.meta.model is None and result.meta.tokens is None
    assert result.meta.prompt_versions["creepiness"] == "1.0.0"


def test_contract_shape_and_exact_spans(rules_reviewer: Reviewer) -> None:
    result = rules_reviewer.review_sync(CREEPY)
    data = json.loads(result.model_dump_json())
    assert set(data) == {"verdict", "scores", "findings", "rewrite", "redaction", "meta"}
    assert result.verdict == "block" and result.scores["creepiness"].score == 4
    assert result.scores["stereotyping"].score == 2
    body, subject = CREEPY["message"]["body"], CREEPY["message"]["subject"]
    for f in result.findings:
        text = body if f.field == "body" else subject
        assert text[f.start : f.end] == f.quote
    subject_findings = [f for f in result.findings if f.field == "subject"]
    assert [f.rule_id for f in subject_findings] == ["data_quality.unrendered_merge_tag"]


def test_rules_rewrite_is_verified_and_keeps_untouched_text_identical(rules_reviewer: Reviewer) -> None:
    result = rules_reviewer.review_sync(CREEPY)
    rw = result.rewrite
    assert rw is not None and rw.verified and rw.verdict == "pass"
    assert rw.subject == "Hi Ann"
    assert rw.text.startswith("Dear Ann Roe,\n")
    for token in ("20%", "12/24", "https://shop.example/spring", "#A1234"):
        assert token in rw.text
    # everything but the two fixed spans is byte-identical
    assert rw.text == CREEPY["message"]["body"].replace("Mrs. Roe", "Ann Roe").replace(
        "Congratulations on your pregnancy! ", ""
    )


def test_data_quality_blunder_alone_makes_revise(rules_reviewer: Reviewer) -> None:
    result = rules_reviewer.review_sync({"message": {"channel": "email", "body": "Hi ,\nyour order shipped."}})
    assert all(s.score == 0 for s in result.scores.values())
    assert result.verdict == "revise"


def test_rewrite_false_skips_rewrite(rules_reviewer: Reviewer) -> None:
    assert rules_reviewer.review_sync({**CREEPY, "rewrite": False}).rewrite is None


def test_unfixable_problem_says_do_not_send(rules_reviewer: Reviewer) -> None:
    """No wording fixes a promotion without consent: the embedded judge says so instead of offering a rewrite."""
    request = {
        "message": {"channel": "sms", "body": "Weekend sale! 30% off all jackets in store and online."},
        "context": {"consent": {"marketing_sms": False}},
    }
    result = rules_reviewer.review_sync(request)
    assert result.verdict == "block"
    assert result.rewrite is None
    assert [n for n in result.meta.notes if n.startswith("do not send:")]
    consented = rules_reviewer.review_sync({**request, "context": {"consent": {"marketing_sms": True}}})
    assert consented.verdict == "pass" and not [n for n in consented.meta.notes if n.startswith("do not send")]


_OPEN_CASE = {"support": {"open_case": True, "topic": "no broadband for 4 days"}}


def test_a_sales_mailing_during_an_open_case_is_held_not_trimmed(rules_reviewer: Reviewer) -> None:
    """Cutting a mailing's offers leaves a sales email with no price in it: the review says hold it instead."""
    body = (
        "Hi Dev,\n\nFull Fibre 900 is now live at your address.\n\nUpgrade this month and get £10 off a month for "
        "six months.\n\nUpgrading takes two minutes in the app, and it's £5 cheaper this week.\n\n"
        "Unsubscribe any time."
    )
    result = rules_reviewer.review_sync({"message": {"channel": "email", "body": body}, "context": _OPEN_CASE})
    held = [f for f in result.findings if f.rule_id == "overreach.mailing_during_open_case"]
    assert held and result.rewrite is None
    assert [n for n in result.meta.notes if n.startswith("do not send:") and "hold this mailing" in n]
    closed = rules_reviewer.review_sync({"message": {"channel": "email", "body": body}, "context": {}})
    assert not [f for f in closed.findings if f.rule_id.startswith("overreach.mailing")]


def test_every_pitch_in_a_support_reply_is_cut_from_the_rewrite(rules_reviewer: Reviewer) -> None:
    body = (
        "Sorry your line is down; an engineer is booked for Monday. While you wait, why not try our Fibre Max plan? "
        "Your router light turns green again after the engineer visit. "
        "Stock up on our smart plugs too, 20% off this week. Thanks for your patience."
    )
    result = rules_reviewer.review_sync({"message": {"channel": "chat", "body": body}, "context": _OPEN_CASE})
    pitches = [f for f in result.findings if f.rule_id == "overreach.upsell_during_support"]
    assert len(pitches) == 2
    assert result.rewrite is not None and result.rewrite.verified
    assert "Fibre Max" not in result.rewrite.text and "smart plugs" not in result.rewrite.text
    assert "router light" in result.rewrite.text


def test_fixable_problem_beside_no_unfixable_one_gets_a_rewrite(rules_reviewer: Reviewer) -> None:
    result = rules_reviewer.review_sync(CREEPY)
    assert result.rewrite is not None
    assert not [n for n in result.meta.notes if n.startswith("do not send")]


def test_selecting_rubrics(rules_reviewer: Reviewer) -> None:
    result = rules_reviewer.review_sync({**CREEPY, "rubrics": ["overreach"]})
    assert list(result.scores) == ["overreach"]
    with pytest.raises(UnknownRubricError, match="installed: "):
        rules_reviewer.review_sync({**CREEPY, "rubrics": ["tone"]})


def test_utf16_offsets_for_browsers(rules_reviewer: Reviewer) -> None:
    body = "🎉🎉 Hi ,\nthanks"
    (f,) = rules_reviewer.review_sync({"message": {"channel": "email", "body": body}}).findings
    assert f.start == 3 and f.start_utf16 == 5
    assert f.end_utf16 - f.start_utf16 == utf16_len(f.quote)


def test_runnable_invoke_batch_and_ainvoke(rules_reviewer: Reviewer) -> None:
    runnable = rules_reviewer.as_runnable()
    assert runnable.invoke(CLEAN).verdict == "pass"
    assert [r.verdict for r in runnable.batch([CLEAN, CREEPY])] == ["pass", "block"]


async def test_runnable_ainvoke(rules_reviewer: Reviewer) -> None:
    result = await rules_reviewer.as_runnable().ainvoke(ReviewRequest.model_validate(CREEPY))
    assert result.verdict == "block"


async def test_langchain_chat_model_in_place_of_openai() -> None:
    answer = json.dumps(
        {
            "evidence": [{"quote": "Your order", "problem": "x", "severity": 1}],
            "score": 1,
            "rationale": "fine",
        }
    )
    chat = FakeListChatModel(responses=[answer] * 3)
    reviewer = Reviewer(chat_model=chat)
    result = await reviewer.review({**CLEAN, "rewrite": False})
    assert result.meta.judge == "llm"
    assert all(s.score == 1 and s.source == "llm" for s in result.scores.values())
    assert [f.quote for f in result.findings if f.source == "llm"] == ["Your order"] * 3


_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
_phrases = st.sampled_from(
    [
        "Hi ,",
        "%%first name%%",
        "we noticed you",
        "As a busy mom,",
        "Dear Mrs. Roe",
        "your wife",
        "\n- item",
        "4111 1111 1111 1111",
        "pregnancy",
        "Rate us! Leave a review!",
        "Ann, Ann, Ann, Ann",
        "🎉",
        "Mr.",
        " ",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.one_of(_text, _phrases), max_size=12), channel=st.sampled_from(["email", "sms", "ivr"]))
def test_every_finding_quotes_its_exact_span(rules_reviewer: Reviewer, parts: list[str], channel: str) -> None:
    body = "".join(parts)
    if not body.strip():
        return
    request: dict[str, Any] = {"message": {"channel": channel, "body": body}, "context": CREEPY["context"]}
    result = rules_reviewer.review_sync(request)
    for f in result.findings:
        assert body[f.start : f.end] == f.quote
        assert utf16_len(body[: f.start]) == f.start_utf16
    if result.rewrite is not None:
        assert result.rewrite.verdict in ("pass", "revise", "block")


@pytest.mark.parametrize(
    ("body", "region", "left"),
    [
        (
            "Hey Albertan! Bet you're already dusting off the pickup for hunting season. Liners are 20% off.",
            "Calgary, AB",
            "Bet you're",
        ),
        ("Howdy, Texan! I reckon you're itching to fire up the smoker. Rubs 2-for-1.", "Austin, TX", "I reckon you"),
    ],
)
def test_a_rewrite_that_still_tells_a_stereotyped_reader_what_they_are_like_is_not_verified(
    rules_reviewer: Reviewer, body: str, region: str, left: str
) -> None:
    """Cutting "Hey Albertan" leaves the sentence that ran the stereotype on: the rewrite says so, unverified."""
    result = rules_reviewer.review_sync({"message": {"channel": "email", "body": body}, "context": {"region": region}})
    assert result.scores["stereotyping"].score >= 2
    rw = result.rewrite
    assert rw is not None and not rw.verified
    assert f"the draft stereotyped the customer and the rewrite still says '{left}'" in rw.notes


def test_a_rewrite_of_a_stereotype_may_keep_a_sentence_about_what_the_customer_did(rules_reviewer: Reviewer) -> None:
    body = "Hey Albertan! Liners are 20% off this week, and we know you're due a service in May."
    context = {"region": "Calgary, AB"}
    result = rules_reviewer.review_sync({"message": {"channel": "email", "body": body}, "context": context})
    assert result.rewrite is not None and result.rewrite.verified, result.rewrite
