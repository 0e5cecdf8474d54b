"""Requests for personal data in a message: what kinds a text asks the customer for."""

import re

from reviewer.models import Message

# Asking: an imperative ("send us", "confirm", "say or enter"), a means ("by entering"), a need, a question.
_ASK = re.compile(
    r"(?i)\b(?:reply|respond|write back|(?:text|e-?mail)\s+(?:us|me|back)|send|tell|share|provide|give|enter|type|"
    r"key in|say|confirm|verify|update|submit|include|upload|add|fill in|fill out|let us know|need|require|"
    r"what(?:['’]s|\s+is|\s+are)|by\s+\w+ing)\b"
)
_DATA = {
    "phone number": r"(?:(?:tele|mobile\s+|cell\s*)?phone|mobile|cell)\s+(?:number|no\b|#)",
    "e-mail address": r"e-?mail\s+address",
    "date of birth": r"date\s+of\s+birth|birth\s?date|birthday|dob|age",
    "address": r"address|post(?:al)?\s?code|zip(?:\s?code)?",
    "government ID": r"social\s+security(?:\s+number)?|ssn|national\s+(?:insurance|id)|passport|"
    r"driver'?s?\s+licen[cs]e|tax\s+(?:id|number)|id\s+number",
    "income": r"(?:annual\s+|household\s+|monthly\s+)?(?:income|salary|earnings)|net\s+worth|credit\s+score",
    "password": r"password|passcode|pin|log-?in\s+(?:details|credentials)|username|security\s+(?:question|answer|code)|"
    r"(?:one-time|verification)\s+code|(?:mother'?s\s+)?maiden\s+name",
    "card or bank details": r"(?:credit|debit|bank|payment)\s+card|card\s+(?:number|details|info)|cvv|cvc|"
    r"bank\s+(?:account|details)|account\s+number|routing\s+number|iban|sort\s+code|payment\s+details",
}
# "your <data>", a few words about it allowed ("your full 16-digit card number").
_YOUR_DATA = re.compile(
    r"(?i)\b(?:your|ur)\s+(?:(?!(?:your|to|for|and|or|at|in|on|with)\b)[\w'-]+\s+){0,3}?"
    rf"(?:{'|'.join(f'(?P<k{i}>{p})' for i, p in enumerate(_DATA.values()))})\b"
)
_KINDS = list(_DATA)
# "your" after these is a destination, not data asked for: "we'll post it to your home address".
_AWAY = frozenset({"to", "for", "in", "on", "at", "from", "into", "onto", "via", "near"})
_ABOUT_YOU = re.compile(
    r"(?i)\b(?:tell|send|give)\s+us\s+(?:\w+\s+){0,4}?about\s+(?:yourself|you)\b"
    r"|\b(?:share|send|give|provide)\s+(?:\w+\s+){0,3}?(?:details|information|info)\s+about\s+(?:yourself|you)\b"
    r"|\b(?:complete|finish|fill\s+(?:in|out)|update)\s+your\s+(?:\w+\s+)?(?:profile|personal\s+(?:details|info))"
    r"|\breply\s+(?:to\s+this\s+\w+\s+)?with\s+your\s+(?!(?:questions?|comments?|thoughts|feedback)\b)\w+"
)
# Not an ask: negated ("never share your password", "we will not ask you to enter your PIN"), or the sender
# saying what it does ("I can update your address", "we'll send your card"; but "we need your..." asks).
_NEGATED = re.compile(
    r"(?i)(?:\bnever|\bnot|n['’]t|\bno one will)\s+(?:(?:ask|request|require|need)\w*\s+(?:\w+\s+){0,4})?$"
)
_SENDER = re.compile(
    r"(?i)\b(?:i|we)(?:['’](?:ll|ve|d|re))?(?:\s+(?:can|will|could|would|shall|may|just|also|then|have|are))*\s+$"
)


def _data_requests(text: str) -> dict[str, str]:
    """The personal data a text asks the customer for, each with the first phrase that asks for it.

    A request is an ask ("reply with", "enter", "what's") and, later in its sentence, "your" and a kind of data
    ("your date of birth"; lists too: "your income, your kids' ages and your date of birth"). A negated ask
    ("we will never ask you to share your password") is none. Asks for details about the customer in general
    ("complete your profile", "tell us about yourself", "reply with your ...") are personal details.
    """
    asked: dict[str, str] = {}
    for sentence in re.finditer(r"[^.!?\n]+", text):
        said = sentence.group(0)
        asks = [a for a in _ASK.finditer(said) if _asking(said, a)]
        items = (
            [m for m in _YOUR_DATA.finditer(said, asks[0].end()) if not _away(said, m.start(), asks)] if asks else []
        )
        for item in items:
            kind = next(_KINDS[int(k[1:])] for k, v in item.groupdict().items() if v)
            ask = [a for a in asks if a.end() <= item.start()][-1]  # the nearest ask before it, for the quote
            asked.setdefault(kind, said[ask.start() : item.end()].strip())
        general = _ABOUT_YOU.search(said)
        if general and not items and _asking(said, general):
            asked.setdefault("personal details", general.group(0))
    return asked


def _asking(said: str, ask: re.Match[str]) -> bool:
    """Whether ``ask`` asks the customer: not negated, not the sender saying what it does (but "we need")."""
    before = said[max(0, ask.start() - 60) : ask.start()]
    if _NEGATED.search(before):
        return False
    return not _SENDER.search(before) or ask.group(0).lower().startswith(("need", "require"))


def _away(said: str, start: int, asks: list[re.Match[str]]) -> bool:
    """Whether the "your" at ``start`` follows a word that makes it a destination ("to your address").

    Not when that word ends the ask itself ("key in your PIN", "fill in your address").
    """
    before = said[:start].rstrip()
    words = before.split()
    return bool(words) and words[-1].lower() in _AWAY and all(a.end() != len(before) for a in asks)


def new_data_requests(draft: Message, rewrite: Message) -> list[str]:
    """The kinds of personal data the rewrite asks for that the draft did not."""
    before = _data_requests(f"{draft.subject or ''}\n{draft.body}")
    after = _data_requests(f"{rewrite.subject or ''}\n{rewrite.body}")
    return [
        f"the rewrite asks for the customer's {kind} ('{phrase}'), which the draft does not; a rewrite may not "
        "ask for personal data"
        for kind, phrase in after.items()
        if kind not in before
    ]
