"""The embedded judge's offline layers: word forms, grounding, the sentence model, and rubric examples."""

from pathlib import Path

import numpy as np
import pytest

from reviewer import Reviewer
from reviewer.models import CustomerContext, Message
from reviewer.offline import LearnedModel, load_model
from reviewer.offline.encoder import load_encoder
from reviewer.offline.features import BASES, context_tokens, grounding, sentence_features
from reviewer.offline.model import _encoder_head, meaning_grounding
from reviewer.settings import Settings
from reviewer.text import content_stems, stem

PREGNANT = {"inferred_attributes": [{"attribute": "likely_pregnant", "source": "purchase_pattern"}]}


@pytest.mark.parametrize(("a", "b"), [("upgrading", "upgrade"), ("browsed", "browsing"), ("moms", "mom")])
def test_word_forms_meet(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_grounding_reads_the_context_by_basis() -> None:
    context = CustomerContext.model_validate(
        {
            **PREGNANT,
            "stated_preferences": ["I love trail running"],
            "observed_signals": [{"kind": "browsing", "detail": "viewed blenders 4 times"}],
        }
    )
    known = grounding(context)
    assert "pregnant" in known["inferred"] and "likely" not in known["inferred"]
    assert stem("running") in known["stated"] and stem("blenders") in known["observed"]
    feats = sentence_features("Still thinking about that blender?", known, context_tokens(context, "email"))
    assert "g:observed" in feats and "g:inferred" not in feats
    assert "x:has_inferred" in feats


def test_context_tokens_carry_what_decides_a_verdict() -> None:
    context = CustomerContext.model_validate(
        {"consent": {"marketing_sms": False}, "contact_history": {"messages_last_7_days": 9}}
    )
    tokens = context_tokens(context, "sms")
    assert {"no_consent_here", "frequent"} <= set(tokens)
    assert "no_consent_here" not in context_tokens(context, "email")


def test_the_sentence_model_flags_surveillance_phrased_without_stock_verbs() -> None:
    model = load_model()
    assert model is not None and "creepiness" in model.heads
    context = CustomerContext.model_validate(
        {"observed_signals": [{"kind": "browsing", "detail": "blender product page, 5 visits, Sunday night"}]}
    )
    message = Message(channel="email", body="That blender you kept coming back to on Sunday night is still waiting.")
    assert [f.rubric for f in model.flags(message, context)] == ["creepiness"]


def test_a_signal_the_customer_handed_over_counts_as_said() -> None:
    shared = {"observed_signals": [{"kind": "location", "detail": "location shared by customer in breakdown request"}]}
    known = grounding(CustomerContext.model_validate(shared))
    assert stem("location") in known["stated"] and stem("location") not in known["observed"]
    tracked = {"observed_signals": [{"kind": "location", "detail": "location from the app's background GPS"}]}
    known = grounding(CustomerContext.model_validate(tracked))
    assert stem("location") in known["observed"] and stem("location") not in known["stated"]


def test_the_sentence_model_stays_quiet_on_a_receipt() -> None:
    model = load_model()
    assert model is not None
    message = Message(channel="email", body="Thanks for your order #4471. Your receipt is attached.")
    assert model.flags(message, CustomerContext()) == []


def test_a_stated_topic_is_not_flagged_by_the_sentence_layer() -> None:
    draft = {
        "message": {"channel": "email", "body": "As you asked, here are our favourite pregnancy-safe skincare picks."},
        "context": {"stated_preferences": ["I'm pregnant, send me pregnancy-safe skincare"]},
        "rewrite": False,
    }
    result = Reviewer(Settings(judge="rules")).review_sync(draft)
    assert not [f for f in result.findings if f.rule_id == "creepiness.sentence_model"]


def test_an_answer_to_the_customers_own_question_is_not_flagged_by_the_sentence_layer() -> None:
    body = (
        "Good question, Nina! You asked how often you've ordered beans this year: 9 times, roughly every five weeks, "
        "most recently on 2 May."
    )
    draft = {
        "message": {"channel": "chat", "body": body},
        "context": {"purchases": [{"category": "coffee beans", "days_ago": 12}]},
        "rewrite": False,
    }
    result = Reviewer(Settings(judge="rules")).review_sync(draft)
    assert not [f for f in result.findings if f.rule_id == "creepiness.sentence_model"]
    told = {**draft, "message": {"channel": "email", "body": body.replace("You asked how often you've", "You've")}}
    result = Reviewer(Settings(judge="rules")).review_sync(told)
    assert [f for f in result.findings if f.rule_id == "creepiness.sentence_model"]


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("Still thinking about the Trailhead GTX boots? Your size is back in stock.", False),
        ("The Aster floor lamp is waiting in your cart.", False),
        ("The Pulse 600 blender is still in your cart. Free shipping ends tonight.", False),
        ("Back in stock: the Trailhead GTX boots on your wishlist, now in 9 and 10.", False),
        ("Badge unlocked: Trailblazer 🏅 Keep exploring!", False),
        ("Since you picked up the Trailhead GTX boots, here are three hiking socks to go with them.", False),
        ("Still thinking about the Trailhead GTX boots you kept coming back to on Sunday night?", True),
        ("The Trailhead GTX boots in your basket are now £20 off until midnight.", False),
        (
            "The Trailhead GTX boots are still waiting in your basket, and they're £20 off until midnight on Sunday.",
            False,
        ),
        ("Still keen on the Trailhead GTX boots? They're waiting in your cart.", False),
        (
            "Still thinking about the Rivet Straight in indigo? Your size is still in stock, and returns are free as "
            "always.",
            False,
        ),
        (
            "It's been about four weeks since your last bag of Ethiopia Yirgacheffe, so you might be getting near the "
            "bottom.",
            False,
        ),
        ("The Trailhead GTX boots are still in your bag, and it's been one of our quickest sellers.", False),
        (
            "The Trailhead GTX boots in your basket, which you kept coming back to last night, are £20 off until "
            "midnight.",
            True,
        ),
    ],
)
def test_a_plain_basket_reminder_is_not_creepy_but_saying_when_is(body: str, flagged: bool) -> None:
    draft = {
        "message": {"channel": "push", "body": body},
        "context": {"observed_signals": [{"kind": "browsing", "detail": "Trailhead GTX boots left in basket"}]},
        "rewrite": False,
    }
    result = Reviewer(Settings(judge="rules")).review_sync(draft)
    assert (result.scores["creepiness"].score >= 2) is flagged


@pytest.mark.parametrize(
    ("body", "signal", "flagged"),
    [
        ("Stride: your Pro trial ends Friday. Keep your plan for $9.99 a month.", "trial active, 3 workouts", False),
        ("Vantage: You've used 80% of your 20GB data this month.", "16GB used of 20GB", False),
        ("Heads up: you've used 18GB of your 20GB data this month.", "18GB used of 20GB", False),
        ("Heads up: you've been streaming on our network every night at 2am.", "streaming between 1am and 3am", True),
        ("We haven't seen you open one of our emails in a while, so we'll pause them.", "no opens in 6 months", False),
        ("It's been a while since you last logged in, and a lot has changed.", "last login 97 days ago", False),
        ("We haven't seen you at the club since 7:42pm last Tuesday.", "last gate check-in Tue 19:42", True),
        (
            "Kestrel Bank: we noticed a new sign-in to your online banking from Chrome near Lisbon, Portugal.",
            "new device sign-in, IP geolocated to Lisbon",
            False,
        ),
        ("Northway: a new login from an iPhone near Leeds, UK. Not you? Change your password.", "new login", False),
        (
            "Kestrel Bank: we noticed a new sign-in to your online banking near Lisbon on 3 May at 2:14am. Not you? "
            "Call us.",
            "new device sign-in at 02:14",
            False,
        ),
        ("We noticed you signing in from the Harley Street clinic late last night.", "sign-in from clinic wifi", True),
        # a fraud check on the customer's own card, and one that says when they were watched
        (
            "We spotted a card payment that doesn't look like your usual spending, so we've paused it to keep your "
            "money safe.",
            "card payment flagged by fraud model",
            False,
        ),
        (
            "We spotted you topping up your gambling wallet at 3am again, which doesn't look like your usual spending.",
            "card payments to betting sites between 2am and 4am",
            True,
        ),
    ],
)
def test_the_accounts_own_state_is_not_watching_but_saying_when_is(body: str, signal: str, flagged: bool) -> None:
    draft = {
        "message": {"channel": "push", "body": body},
        "context": {"observed_signals": [{"kind": "app_usage", "detail": signal}]},
        "rewrite": False,
    }
    result = Reviewer(Settings(judge="rules")).review_sync(draft)
    assert (result.scores["creepiness"].score >= 2) is flagged


def _brand_rubric(tmp_path: Path, with_examples: bool = True) -> Path:
    folder = tmp_path / "prompts"
    folder.mkdir()
    examples = (
        ('["Reach out to our team today."]', '["Hey bestie, you NEED this, trust us!!!"]')
        if with_examples
        else ("[]", "[]")
    )
    scale = "\n".join(
        f"  {s}:\n    label: L{s}\n    description: D{s}\n    examples: {examples[1] if s >= 2 else examples[0]}"
        for s in range(5)
    )
    (folder / "brand_voice.md").write_text(
        f"---\nid: brand_voice\nkind: rubric\nversion: '1'\ntitle: Brand voice\ndescription: Our voice.\n"
        f"scale:\n{scale}\n---\nJudge whether the message sounds like us: calm, plain, never gushing.\n"
    )
    return folder


def test_a_brand_rubric_is_scored_offline_from_its_examples(tmp_path: Path) -> None:
    reviewer = Reviewer(Settings(judge="rules", prompts_dir=_brand_rubric(tmp_path)))
    gushing = {"message": {"channel": "email", "body": "Hi Sam. Hey bestie, you need this, trust us!!!"}}
    calm = {"message": {"channel": "email", "body": "Hi Sam. Our autumn range is in store now."}}
    flagged = reviewer.review_sync({**gushing, "rewrite": False})
    assert flagged.scores["brand_voice"].score >= 2 and flagged.scores["brand_voice"].unscored_reason is None
    (finding,) = [f for f in flagged.findings if f.category == "brand_voice"]
    assert finding.quote == "Hey bestie, you need this, trust us!!!"
    assert reviewer.review_sync({**calm, "rewrite": False}).scores["brand_voice"].score == 0


def test_a_brand_rubric_without_examples_stays_unscored(tmp_path: Path) -> None:
    reviewer = Reviewer(Settings(judge="rules", prompts_dir=_brand_rubric(tmp_path, with_examples=False)))
    result = reviewer.review_sync({"message": {"channel": "email", "body": "Hey bestie!"}, "rewrite": False})
    assert result.scores["brand_voice"].unscored_reason == "no_rules_for_rubric"


def test_content_stems_leave_out_generic_context_words() -> None:
    assert content_stems("likely_pregnant", generic=False) == {"pregnant"}


OLDER_WOMAN = CustomerContext.model_validate({"gender": "female", "age_band": "65-74"})


def _words_only() -> LearnedModel:
    model = load_model()
    assert model is not None
    return LearnedModel(model.heads, model.meta)


def test_the_word_heads_doubt_below_their_flagging_threshold() -> None:
    model = _words_only()
    assert model.heads["stereotyping"].threshold is None  # too weak to flag: it only doubts
    message = Message(channel="email", body="Our comfy range suits women of a certain age.")
    (doubt,) = model.doubts(message, OLDER_WOMAN)
    assert doubt.rubric == "stereotyping" and doubt.severity == 0
    assert model.flags(message, OLDER_WOMAN) == []


@pytest.mark.parametrize(
    "body",
    [
        "Ladies your age usually prefer something sensible and easy to wear.",
        "Pick something sensible, as most grandmothers do.",
    ],
)
def test_the_encoder_flags_a_stereotype_the_words_miss(body: str) -> None:
    model = load_model()
    assert model is not None and model.encoder is not None
    message = Message(channel="email", body=body)
    assert [(f.rubric, f.severity >= 2) for f in model.flags(message, OLDER_WOMAN)] == [("stereotyping", True)]
    assert _words_only().flags(message, OLDER_WOMAN) == []


@pytest.mark.parametrize(
    ("body", "context"),
    [
        ("Thanks for your order #4471. Your receipt is attached.", {}),
        ("You told us you're a new dad, so here are our best baby carriers.", {"gender": "male"}),
        ("Your parcel arrives Thursday between 9 and 11.", {"gender": "female", "age_band": "65-74"}),
        ("Our autumn boots are in, from sizes 3 to 9.", {"gender": "female", "age_band": "65-74"}),
    ],
)
def test_the_encoder_stays_quiet_on_plain_and_stated_copy(body: str, context: dict[str, str]) -> None:
    model = load_model()
    assert model is not None and model.encoder is not None
    assert model.flags(Message(channel="email", body=body), CustomerContext.model_validate(context)) == []


def test_sentence_vectors_are_unit_length_and_read_meaning() -> None:
    encoder = load_encoder()
    a, b, c = encoder.embed(
        [
            "We noticed you looked at strollers six times this week.",
            "We saw you viewed the strollers page again last night.",
            "Your parcel arrives Thursday between 9 and 11.",
        ]
    )
    assert abs(float(np.linalg.norm(a)) - 1.0) < 1e-4
    assert float(a @ b) > float(a @ c) + 0.15  # two ways of saying "we watched you" sit closer than a delivery note
    assert np.array_equal(encoder.embed(["Your parcel arrives Thursday between 9 and 11."])[0], c)


DOUBTED = "Our comfy range suits women of a certain age."


@pytest.mark.parametrize(("extra", "verified"), [(" " + DOUBTED, False), (" Our autumn boots are in.", True)])
def test_a_rewrite_keeping_a_doubted_sentence_is_not_verified(extra: str, verified: bool) -> None:
    draft = {
        "message": {"channel": "email", "body": f"Dear Mrs. Hale, our autumn range has landed.{extra}"},
        "context": {"gender": "female", "age_band": "65-74", "name": {"first": "Ann", "last": "Hale"}},
    }
    result = Reviewer(Settings(judge="rules")).review_sync(draft)
    assert result.rewrite is not None and "Mrs." not in result.rewrite.text
    assert result.rewrite.verified is verified
    doubts = [n for n in result.rewrite.notes if "could not clear" in n]
    assert bool(doubts) is not verified


def test_a_rewrite_drops_a_sentence_that_leans_on_a_flagged_phrase() -> None:
    draft = {
        "message": {
            "channel": "email",
            "body": "Hi Sam,\n\nMost guys your age are trading up to an SUV. Our hatchback sale ends Sunday.\n\nN",
        },
        "context": {"gender": "male", "age_band": "25-34", "consent": {"marketing_email": True}},
    }
    result = Reviewer(Settings(judge="rules")).review_sync(draft)
    assert result.rewrite is not None and result.rewrite.verified
    assert result.rewrite.text == "Hi Sam,\n\nOur hatchback sale ends Sunday.\n\nN"


def test_the_region_on_file_is_not_watching() -> None:
    body = "Lone Star Boot Co: Since you're in Austin, swing by our South Congress store - 20% off boots till Sunday."
    on_file = {"region": "Austin, TX", "consent": {"marketing_sms": True}}
    result = Reviewer(Settings(judge="rules")).review_sync(
        {"message": {"channel": "sms", "body": body}, "context": on_file, "rewrite": False}
    )
    assert not [f for f in result.findings if f.rule_id == "creepiness.sentence_model"]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [  # what BERT's own uncased tokenizer (Hugging Face tokenizers) gives for the same text
        ("Café naïve — “quoted”!", ["cafe", "naive", "—", "“", "quoted", "”", "!"]),
        (
            "Hi %%first name%%, you're 200m away",
            ["hi", "%", "%", "first", "name", "%", "%", ",", "you", "'", "re", "200", "##m", "away"],
        ),
        ("x" * 101, ["[UNK]"]),
    ],
)
def test_the_encoder_cuts_text_into_berts_word_pieces(text: str, pieces: list[str]) -> None:
    tokenizer = load_encoder().pieces
    names = {i: p for p, i in tokenizer.vocab.items()}
    assert [names[i] for i in tokenizer.ids(text)] == pieces


def test_a_sentence_with_no_pieces_has_no_direction() -> None:
    vectors = load_encoder().embed(["", "Thanks!"])
    assert not vectors[0].any() and abs(float(np.linalg.norm(vectors[1])) - 1.0) < 1e-4


def test_a_word_heads_flag_stands_only_where_the_meaning_leans_the_same_way() -> None:
    context = CustomerContext.model_validate(
        {"observed_signals": [{"kind": "app_usage", "detail": "trial active, 3 workouts", "days_ago": 2}]}
    )
    message = Message(channel="push", body="Stride: your Pro trial ends Friday.")
    assert [(f.rubric, f.severity >= 2) for f in _words_only().flags(message, context)] == [("creepiness", True)]
    model = load_model()
    assert model is not None
    assert model.flags(message, context) == []  # the encoder reads a trial notice, not surveillance
    assert [f.severity for f in model.doubts(message, context)] == [0]  # still a doubt for a rewrite


def test_a_feature_that_hashes_to_the_reserved_index_is_scored() -> None:
    """crc32("w:cpzlp") is 0 modulo the table size: the reserved index, remembered as the table size itself."""
    model = load_model()
    assert model is not None
    for _ in range(2):  # the second time the index comes from the remembered mapping
        model.doubts(Message(channel="email", body="Cpzlp."), CustomerContext())


def test_meaning_grounding_meets_a_context_item_that_shares_no_word() -> None:
    context = CustomerContext.model_validate(
        {
            "inferred_attributes": [{"attribute": "likely_coeliac", "source": "purchase_pattern"}],
            "stated_preferences": ["trail running"],
        }
    )
    vectors = load_encoder().embed(
        [
            "Because you need to keep things strictly gluten-free, we wanted you to hear it first.",
            "Our Dublin store opens at nine on Saturdays.",
            "New trail shoes for your next run.",
        ]
    )
    near = meaning_grounding(load_encoder(), context, vectors)
    inferred, stated, purchased = BASES.index("inferred"), BASES.index("stated"), BASES.index("purchased")
    assert near[0, inferred] > near[1, inferred] + 0.15  # gluten-free meets coeliac; a store's hours do not
    assert near[2, stated] > near[0, stated] + 0.3  # the stated taste, used
    assert not near[:, purchased].any()  # nothing bought: no closeness to report


def test_the_shipped_encoder_heads_read_meaning_grounding() -> None:
    model = load_model()
    assert model is not None and model.encoded is not None and model.encoded.meaning
    members, width, _ = next(iter(model.encoded.heads.values())).w1.shape
    assert width == 384 + len(model.encoded.tokens) + len(BASES)
    assert members == model.meta["members"] == 3  # networks averaged
    # a word head's flag needs the encoder to lean further than a doubt does
    assert all(head.confirm > head.doubt for head in model.encoded.heads.values())


@pytest.mark.parametrize(("greeting", "related"), [("Dear Mrs. Hale,", True), ("Dear Ann,", False)])
def test_a_doubted_sentence_is_pointed_at_where_its_rubric_is_already_flagged(greeting: str, related: bool) -> None:
    draft = {
        "message": {"channel": "email", "body": f"{greeting} our autumn range has landed. {DOUBTED}"},
        "context": {"gender": "female", "age_band": "65-74", "name": {"first": "Ann", "last": "Hale"}},
        "rewrite": False,
    }
    result = Reviewer(Settings(judge="rules")).review_sync(draft)
    pointed = [f for f in result.findings if f.quote == DOUBTED]
    assert bool(pointed) is related
    if related:
        (f,) = pointed
        assert f.category == "stereotyping" and f.severity == 1 and f.suggestion is None
        assert result.scores["stereotyping"].score >= 2  # the rubric's score comes from the flagged honorific


@pytest.mark.parametrize(
    ("body", "whole"),
    [
        # without "Glaswegians love" the sentence still reads as the stereotype: it is pointed at whole as well
        ("Everyone knows Glaswegians love a bargain, so we've kept the best deals for you.", True),
        # without "As a busy mom, you" what is left reads clean: the rule's phrase is the only highlight
        ("As a busy mom, you deserve a break. Our spa day is 20% off this week.", False),
    ],
)
def test_a_sentence_a_rule_found_a_phrase_of_is_pointed_at_whole_only_if_the_rest_still_reads_flagged(
    body: str, whole: bool
) -> None:
    draft = {"message": {"channel": "email", "body": body}, "context": {"region": "Leeds"}, "rewrite": False}
    result = Reviewer(Settings(judge="rules")).review_sync(draft)
    rule = next(f for f in result.findings if f.rule_id != "stereotyping.sentence_model")
    pointed = [f for f in result.findings if f.rule_id == "stereotyping.sentence_model"]
    assert rule.category == "stereotyping" and rule.severity >= 2
    assert bool(pointed) is whole
    if whole:
        (f,) = pointed
        assert f.start <= rule.start and rule.end <= f.end and f.severity == 1 and f.suggestion is None


def test_an_encoder_heads_probability_is_its_networks_mean() -> None:
    rng = np.random.default_rng(0)
    nets = [
        {"w1": rng.normal(size=(5, 4)).tolist(), "b1": [0.1] * 4, "w2": rng.normal(size=4).tolist(), "b2": b2}
        for b2 in (-1.0, 2.0)
    ]
    x = rng.normal(size=(3, 5)).astype(np.float32)
    one = [_encoder_head({**net, "threshold": None, "serious": 0.9, "doubt": 0.1}) for net in nets]
    both = _encoder_head({"members": nets, "threshold": None, "serious": 0.9, "doubt": 0.1})
    expected = np.mean([head.probabilities(x) for head in one], axis=0)
    assert np.allclose(both.probabilities(x), expected, atol=1e-6)
    assert both.confirm == 0.1  # weights without a confirm threshold confirm at the doubt threshold


@pytest.mark.parametrize(
    "body",
    [
        "You're two episodes from the end of Harbour Station. New season on Friday.",
        "Pinecrest Home: We noticed a typo in yesterday's text - the sale ends Sun 12 May, not Sat.",
        "3 workouts this week — you're on a roll! Your 20-minute core session is ready when you are.",
        "Missed a day? No problem. Your 12-day streak is safe with us.",
        "Your weekly Stridewell summary is ready: 41,820 steps and 3 workouts. Tap to see your week.",
        "Since you were last here, we've added audio-guided runs and offline routes.",
    ],
)
def test_progress_through_a_subscription_and_the_companys_own_slip_are_not_watching(body: str) -> None:
    draft = {
        "message": {"channel": "sms", "body": body},
        "context": {"observed_signals": [{"kind": "app_usage", "detail": "watched 8 of 10 episodes"}]},
        "rewrite": False,
    }
    result = Reviewer(Settings(judge="rules")).review_sync(draft)
    assert result.scores["creepiness"].score < 2


def test_progress_feedback_that_says_when_the_customer_trained_is_watching() -> None:
    draft = {
        "message": {"channel": "push", "body": "3 workouts this week, all before 6am — you're on a roll!"},
        "context": {"observed_signals": [{"kind": "app_usage", "detail": "3 workouts, 05:40-05:55"}]},
        "rewrite": False,
    }
    assert Reviewer(Settings(judge="rules")).review_sync(draft).scores["creepiness"].score >= 2


@pytest.mark.parametrize(("channel", "flagged"), [("ivr", False), ("chat", False), ("push", True)])
def test_what_the_customer_shared_in_this_call_is_theirs_to_hear_back(channel: str, flagged: bool) -> None:
    body = (
        "Thanks for calling. Using the location you shared for this call, we have you on Route 9 near mile marker "
        "14, southbound. A tow truck is on the way."
    )
    draft = {
        "message": {"channel": channel, "body": body},
        "context": {
            "support": {"open_case": True, "topic": "breakdown tow"},
            "observed_signals": [{"kind": "location", "detail": "location shared by caller for this call"}],
        },
        "rewrite": False,
    }
    result = Reviewer(Settings(judge="rules")).review_sync(draft)
    assert (result.scores["creepiness"].score >= 2) is flagged


@pytest.mark.parametrize(
    ("caller", "flagged"), [("caller passed voice-PIN verification", False), ("number matches", True)]
)
def test_a_greeting_by_name_is_manners_once_the_caller_is_verified(caller: str, flagged: bool) -> None:
    draft = {
        "message": {"channel": "ivr", "body": "Welcome back, Gerald. Thanks for calling Larkfield Energy."},
        "context": {"name": {"first": "Gerald"}, "observed_signals": [{"kind": "caller_id", "detail": caller}]},
        "rewrite": False,
    }
    result = Reviewer(Settings(judge="rules")).review_sync(draft)
    assert (result.scores["stereotyping"].score >= 2) is flagged


@pytest.mark.parametrize(
    ("channel", "body", "context"),
    [
        (
            "push",
            "Price drop: 14 Ashby Road, a home you saved, is now £285,000. Tap to see the listing.",
            {"observed_signals": [{"kind": "app_usage", "detail": "saved 14 Ashby Road to favourites"}]},
        ),
        (
            "ivr",
            "Hello, this is Kestair. We can see you're booked on flight KA 218 to Lisbon tomorrow at 07:35. Because "
            "of the French air traffic control strike, this flight may be delayed. You don't need to do anything "
            "now - we'll text you by 9 tonight. To hear your options, press 1.",
            {
                "locale": "en-GB",
                "name": {"first": "Deepak", "last": "Raval"},
                "relationship": {"tenure_months": 12, "lifecycle_stage": "active", "involvement": "low"},
                "observed_signals": [
                    {"kind": "caller_id", "detail": "number matches the lead passenger's mobile on booking QK1FF2"}
                ],
                "purchases": [{"category": "flight booking", "days_ago": 34}],
                "support": {"open_case": False, "topic": "disruption"},
            },
        ),
        (
            "chat",
            "All looks good on our side. Your smart meter sent its last reading at 06:00 this morning, so your April "
            "bill will be based on actual readings rather than estimates. If the in-home display still says 'no "
            "signal', try unplugging it for 30 seconds.",
            {
                "name": {"first": "Tobias", "last": "Grant"},
                "relationship": {"tenure_months": 9, "lifecycle_stage": "active", "involvement": "low"},
                "observed_signals": [{"kind": "app_usage", "detail": "smart meter daily reading received 06:00"}],
                "stated_preferences": ["In chat: is my smart meter actually sending readings? The display says no"],
                "support": {"open_case": True, "topic": "smart meter"},
            },
        ),
    ],
)
def test_what_the_customer_saved_booked_or_asked_about_is_theirs_to_hear(
    channel: str, body: str, context: dict[str, object]
) -> None:
    draft = {"message": {"channel": channel, "body": body}, "context": context, "rewrite": False}
    assert Reviewer(Settings(judge="rules")).review_sync(draft).scores["creepiness"].score < 2


def test_a_greeting_with_the_title_the_customer_gave_is_theirs() -> None:
    body = "Dear Mr. Okafor,\n\nYour 2021 Honda CR-V is due for its 30,000-mile service. Book online or call us."
    stated = {"name": {"first": "Emeka", "last": "Okafor"}, "salutation": "Mr.", "gender": "male"}
    found = Reviewer(Settings(judge="rules")).review_sync(
        {"message": {"channel": "email", "body": body}, "context": stated, "rewrite": False}
    )
    assert not [f for f in found.findings if f.rule_id == "stereotyping.sentence_model" and "Okafor" in f.quote]


def test_what_the_customer_or_their_meter_sent_us_received_is_no_watching() -> None:
    body = "Greystone Energy: We received your smart meter reading today, so your June bill will use actual usage."
    context = {"observed_signals": [{"kind": "app_usage", "detail": "smart meter reading received", "days_ago": 0}]}
    result = Reviewer(Settings(judge="rules")).review_sync(
        {"message": {"channel": "sms", "body": body}, "context": context, "rewrite": False}
    )
    assert result.scores["creepiness"].score < 2


@pytest.mark.parametrize(
    "body",
    [
        "Dear Parent/Carer,\n\nYear 7 parents' evening is on Tuesday 4 March, 4pm to 7pm, in the sports hall.\n\n"
        "Kind regards,\nMrs B. Ferreira\nHead of Year 7, Oakfield Academy",
        "Hello,\n\nThe library will close early on Friday for stocktaking. Books due that day can be returned on "
        "Monday without a fine.\n\nWith thanks,\nMr D. Hughes\nLibrarian",
    ],
)
def test_the_senders_own_title_under_the_sign_off_is_not_read_as_the_customers(body: str) -> None:
    context = {"name": {"first": "Tom", "last": "Hale"}, "salutation": None}
    result = Reviewer(Settings(judge="rules")).review_sync(
        {"message": {"channel": "email", "body": body}, "context": context, "rewrite": False}
    )
    assert result.verdict == "pass"
    greeted = body.replace("Dear Parent/Carer,", "Dear Mrs B. Hale,").replace("Hello,", "Dear Mrs B. Hale,")
    result = Reviewer(Settings(judge="rules")).review_sync(
        {"message": {"channel": "email", "body": greeted}, "context": context, "rewrite": False}
    )
    assert result.scores["stereotyping"].score >= 2


def test_the_line_under_the_greeting_of_a_short_message_is_read_by_the_sentence_model() -> None:
    context = {
        "name": {"first": "Priya"},
        "consent": {"marketing_email": True, "personalization": True},
        "purchases": [{"category": "prenatal vitamins", "days_ago": 30}],
        "inferred_attributes": [{"attribute": "likely_pregnant_second_trimester", "source": "purchase_pattern"}],
    }
    reviewer = Reviewer(Settings(judge="rules"))

    def creepiness(body: str) -> int:
        request = {"message": {"channel": "email", "body": body}, "context": context, "rewrite": False}
        return reviewer.review_sync(request).scores["creepiness"].score

    # short: "Hi Priya," is a short line ending in a comma near the end, as a sign-off is, but it opens the message
    assert creepiness("Hi Priya,\n\nFeeling those first kicks yet?\n\nSee you soon,\nThe Bramble Baby team") >= 2
    assert creepiness("Hi Priya,\n\nYour order has shipped.\n\nSee you soon,\nThe Bramble Baby team") < 2


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        (
            "Whether you're shopping for a dad, a stepdad, a grandad or the person who's been all of those to you, "
            "our gift guide has ideas from £10",
            False,
        ),
        ("You're shopping for your dad, so our gift guide has ideas from £10", True),
    ],
)
def test_a_choice_of_recipients_left_to_the_reader_assumes_nothing(sentence: str, flagged: bool) -> None:
    body = (
        f"Hi Jamie,\n\nFather's Day is Sunday 15 June. {sentence}: hand-thrown mugs, walnut chopping boards and a "
        "rather good hot sauce set.\n\nBramble & Oak"
    )
    ctx = {"name": {"first": "Jamie", "last": "Corr"}, "age_band": "35-44", "consent": {"marketing_email": True}}
    result = Reviewer(Settings(judge="rules")).review_sync(
        {"message": {"channel": "email", "body": body}, "context": ctx, "rewrite": False}
    )
    assert (result.scores["stereotyping"].score >= 2) is flagged


@pytest.mark.parametrize(("salutation", "flagged"), [("Mr.", False), (None, True)])
def test_sir_to_a_customer_who_chose_mr_is_the_address_they_gave(salutation: str | None, flagged: bool) -> None:
    draft = {
        "message": {"channel": "chat", "body": "Happy to help, sir! I've reset the router from our end."},
        "context": {"salutation": salutation},
        "rewrite": False,
    }
    result = Reviewer(Settings(judge="rules")).review_sync(draft)
    assert bool([f for f in result.findings if f.category == "stereotyping"]) is flagged


def test_what_the_customer_logged_is_theirs_to_hear_back() -> None:
    draft = {
        "message": {"channel": "push", "body": "Weekly summary: you tracked 4 runs and 21.3 km."},
        "context": {"observed_signals": [{"kind": "app_usage", "detail": "4 runs logged by the user"}]},
        "rewrite": False,
    }
    result = Reviewer(Settings(judge="rules")).review_sync(draft)
    assert result.scores["creepiness"].score < 2


def test_a_follow_up_timed_from_the_orders_delivery_is_expected() -> None:
    draft = {
        "message": {
            "channel": "email",
            "body": "Your Tarn hiking boots arrived two weeks ago, so we hope you've had a chance to break them in.",
        },
        "context": {"purchases": [{"category": "hiking boots", "days_ago": 16}]},
        "rewrite": False,
    }
    assert Reviewer(Settings(judge="rules")).review_sync(draft).scores["creepiness"].score < 2


@pytest.mark.parametrize(
    ("channel", "body", "signal"),
    [
        (
            "push",
            "Priya is 3 minutes away in a white Corolla (plate 4MXK118). Meet her at the east entrance.",
            {"kind": "location", "detail": "pickup pin set by rider: east entrance", "days_ago": 0},
        ),
        (
            "push",
            "You're checked in at Corelift Eastside. Have a great session!",
            {"kind": "app_usage", "detail": "scanned membership QR at Eastside entrance", "days_ago": 0},
        ),
        (
            "push",
            "Because you finished The Long Road, we think you'll like these three: The Salt Path, Wild and Hawk.",
            {"kind": "app_usage", "detail": "finished The Long Road audiobook", "days_ago": 1},
        ),
        (
            "ivr",
            "We see you're calling from a number on our records. To continue, please say your date of birth.",
            {"kind": "caller_id", "detail": "number on file", "days_ago": 0},
        ),
        (
            "email",
            "Hi Nadia,\n\nYou gave Marlow Bay five stars, so here are three more small-town dramas our editors think "
            "you'll enjoy: Greyfriars Lane, The Tidewater Inn and the brand-new Holloway Green, which lands on Friday.",
            {"kind": "app_usage", "detail": "rated Marlow Bay 5 stars", "days_ago": 3},
        ),
        (
            "email",
            "Hey Kit,\n\nYour Weekly Mixtape is ready: 30 fresh tracks picked around what you've been playing lately, "
            "with a few new names we think you'll like.",
            {"kind": "app_usage", "detail": "listening history: indie folk, 40 hours this month", "days_ago": 1},
        ),
        (
            "sms",
            "Haldane Outdoors: hi Sam, your 500 points expire on 31 May. Use them on anything in store or online.",
            {"kind": "app_usage", "detail": "500 loyalty points, expiring 31 May", "days_ago": 0},
        ),
    ],
)
def test_what_the_customer_did_with_us_is_expected_personalisation(
    channel: str, body: str, signal: dict[str, object]
) -> None:
    """Their own ride, check-in, finished book, caller ID, rating, listening and points balance."""
    draft = {
        "message": {"channel": channel, "body": body},
        "context": {"name": {"first": "Ana"}, "observed_signals": [signal]},
        "rewrite": False,
    }
    assert Reviewer(Settings(judge="rules")).review_sync(draft).scores["creepiness"].score < 2


def test_a_basket_reminder_dated_and_counted_to_the_day_still_says_when() -> None:
    signal = {"kind": "browsing", "detail": "Riva Ankle Boot added to cart on 3 April, not purchased", "days_ago": 38}
    body = (
        "Hi Jess,\n\nYou put the Riva Ankle Boot in your cart back on 3 April, and it's been sitting there ever since."
    )
    draft = {"message": {"channel": "email", "body": body}, "context": {"observed_signals": [signal]}, "rewrite": False}
    assert Reviewer(Settings(judge="rules")).review_sync(draft).scores["creepiness"].score >= 2
    lenses = {
        "message": {
            "channel": "ivr",
            "body": "Hi Marcus, welcome back to Lumen Lens. It looks like it's been 87 days since your last box of "
            "daily lenses, so you're probably down to your last few pairs. To reorder, press 1.",
        },
        "context": {
            "name": {"first": "Marcus", "last": "Tan"},
            "purchases": [{"category": "daily contact lenses", "days_ago": 87}],
            "observed_signals": [{"kind": "caller_id", "detail": "inbound number matches account phone"}],
        },
        "rewrite": False,
    }
    result = Reviewer(Settings(judge="rules")).review_sync(lenses)
    assert [f for f in result.findings if f.rule_id == "creepiness.sentence_model"]
