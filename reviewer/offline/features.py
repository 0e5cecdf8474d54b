"""Features of one sentence read against the customer context: words, word forms, and what the context grounds.

Words are folded to crude stems, so "upgrading" meets "upgrade" and "browsed" meets "browsing". Grounding
tokens say that the sentence surfaces something the context says was stated, observed, purchased or
inferred; context tokens carry what decides a verdict beyond the words (consent on this channel, frequency,
an open case, data on file that the customer never stated).
"""

import re
import zlib
from collections.abc import Iterable
from functools import lru_cache

from reviewer.models import CustomerContext
from reviewer.rules._context import customer_said, mentions_category
from reviewer.rules._text import Scan
from reviewer.rules.lexicon import SENSITIVE_ANY, SENSITIVE_RE
from reviewer.text import STOP_WORDS as _STOP
from reviewer.text import content_stems, stem, words

DIM = 1 << 18


BASES = ("stated", "purchased", "observed", "inferred")


# A signal the customer handed us, logged as observed: "location shared by customer in breakdown request",
# "caller entered the account PIN", "pickup pin set by customer".
_GIVEN_BY_CUSTOMER = re.compile(
    r"\b(?:shared|provided|entered|given|submitted|sent|reported|typed|uploaded|set|chosen|selected|logged|tracked|"
    r"recorded) by (?:the )?"
    r"(?:customer|user|member|caller|client|patient)\b|\b(?:customer|user|member|caller) (?:shared|entered|provided|"
    r"submitted|reported|set up|set)\b|\b(?:the customer|they) set up\b",
    re.I,
)

# ...for this call only: the channel decides whether it may be said back (a push is not the call).
_THIS_CALL = re.compile(r"\b(?:for|on|in|during) this (?:call|chat|session|conversation)\b", re.I)


def context_items(context: CustomerContext) -> dict[str, list[str]]:
    """The context's items by basis, as text: what the customer said, bought, was seen doing, or was guessed to be.

    A signal the customer handed over themselves counts as said, not watched.
    """
    signals = [s.detail for s in context.observed_signals if s.detail]
    given = [d for d in signals if _GIVEN_BY_CUSTOMER.search(d) and not _THIS_CALL.search(d)]
    return {
        "stated": [s for s in customer_said(context) if s] + given,
        "purchased": [p.category for p in context.purchases if p.category],
        "observed": [d for d in signals if d not in given],
        "inferred": [f"{a.attribute} {a.source or ''}" for a in context.inferred_attributes],
    }


def grounding(context: CustomerContext) -> dict[str, set[str]]:
    """What the context knows, by basis: the content stems of each kind of item."""

    def stems(items: Iterable[str | None]) -> set[str]:
        out: set[str] = set()
        for item in items:
            if item:
                out |= content_stems(item, generic=False)
        return out

    items = context_items(context)
    known = {basis: stems(texts) for basis, texts in items.items()}
    # By meaning: the sensitive categories (pregnancy, health, finances...) each kind of item touches, so that
    # "newborn essentials" meets an inferred "likely_pregnant".
    for basis, texts in items.items():
        known[f"cat:{basis}"] = {c for c in SENSITIVE_RE if any(mentions_category(c, t) for t in texts if t)}
    return known


def sentence_categories(sentence: str) -> set[str]:
    """The sensitive categories a sentence touches."""
    return {hit.lastgroup or "" for hit in Scan(sentence).hits(SENSITIVE_ANY)}


def context_tokens(context: CustomerContext, channel: str) -> list[str]:
    """What the context decides beyond the words: consent on this channel, frequency, open case, data on file."""
    out = [f"ch={channel}"]
    consent = context.consent
    field = {"email": "marketing_email", "sms": "marketing_sms", "push": "marketing_push"}.get(channel)
    if consent is not None and field is not None:
        given = getattr(consent, field, None)
        if given is False:
            out.append("no_consent_here")
        elif given is None:
            out.append("consent_unknown")
    if consent is not None and consent.third_party_data is False:
        out.append("no_3p_consent")
    history = context.contact_history
    if history is not None:
        if (history.messages_last_7_days or 0) > 3 or (history.messages_last_30_days or 0) > 10:
            out.append("frequent")
        if (history.feedback_requests_last_30_days or 0) > 1:
            out.append("asked_feedback")
    if context.support is not None and context.support.open_case:
        out.append("open_case")
    if context.inferred_attributes:
        out.append("has_inferred")
    if context.observed_signals:
        out.append("has_observed")
    if context.salutation is None:
        out.append("no_salutation")
    if context.stated_preferences:
        out.append("has_stated")
    rel = context.relationship
    if rel is not None and rel.lifecycle_stage in ("prospect", "new"):
        out.append("new_customer")
    if rel is not None and rel.involvement == "low":
        out.append("low_involvement")
    for pref in context.stated_preferences:
        low = pref.lower()
        if re.search(r"\b(no|not|stop|don't|do not|never|unsubscribe|opt(?:ed)? out)\b", low):
            out.append("stated_opt_out")
            break
    return out


@lru_cache(maxsize=65536)
def _grams(word: str) -> tuple[str, ...]:
    """A word's character 4-grams, padded with spaces at both ends."""
    padded = f" {word} "
    return tuple(f"c:{padded[i : i + 4]}" for i in range(len(padded) - 3))


def sentence_features(sentence: str, known: dict[str, set[str]], ctx: list[str]) -> list[str]:
    """The feature names of one sentence: stems, stem pairs, character grams, grounding, context and conjunctions."""
    ws = words(sentence)
    stems_ = [stem(w) for w in ws]
    feats = [f"w:{s}" for s in stems_]
    feats += [f"b:{a}_{b}" for a, b in zip(stems_, stems_[1:], strict=False)]
    for w in ws:
        feats += _grams(w)
    content = {s for w, s in zip(ws, stems_, strict=True) if w not in _STOP and len(w) > 2}
    grounded = [basis for basis, known_stems in known.items() if not basis.startswith("cat:") and content & known_stems]
    if any(basis.startswith("cat:") and found for basis, found in known.items()):
        categories = sentence_categories(sentence)
        grounded += [basis for basis, found in known.items() if basis.startswith("cat:") and categories & found]
    feats += [f"g:{basis}" for basis in grounded]
    feats += [f"x:{token}" for token in ctx]
    # Grounding means more on some channels and beside some data on file.
    for basis in grounded:
        feats += [f"gx:{basis}&{token}" for token in ctx if token.startswith(("ch=", "has_"))]
    if any(c.isdigit() for c in sentence):
        feats.append("digits")
    return feats


_INDEX: dict[str, int] = {}  # feature -> index, remembered: features repeat across sentences and drafts
_INDEX_LIMIT = 500_000


def _index(feature: str) -> int:
    i = zlib.crc32(feature.encode()) % DIM or DIM  # 0 is reserved so that a miss reads as falsy
    if len(_INDEX) < _INDEX_LIMIT:
        _INDEX[feature] = i
    return i % DIM


def hashed(features: Iterable[str]) -> dict[int, float]:
    """Feature names as hashed indices, present or not, scaled to unit length (crc32: stable across processes)."""
    indices = {_INDEX.get(f) or _index(f) for f in features}
    value = 1.0 / len(indices) ** 0.5 if indices else 0.0
    return dict.fromkeys(indices, value)
