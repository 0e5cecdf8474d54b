"""What a rewrite must keep, and what it must not add: links, a link's text, requests for personal data."""

import re

from reviewer.models import CustomerContext, Finding, Message
from reviewer.pipeline.data_asks import new_data_requests
from reviewer.pipeline.links import link_problems
from reviewer.rules.data_quality import find_merge_tags
from reviewer.rules.lexicon import PROTECTED_PATTERNS

_PROTECTED = re.compile("|".join(f"(?:{p})" for p in PROTECTED_PATTERNS))


def protected_tokens(text: str, template: bool, exempt: list[Finding]) -> list[str]:
    """URLs, prices, dates, order numbers (and merge tags in a template) that a rewrite must keep.

    Tokens inside a flagged span are exempt: fixing that span may legitimately change them.
    """
    spans = [(f.start, f.end) for f in exempt]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in spans)

    tokens = [m.group(0).rstrip(".,;:!?") for m in _PROTECTED.finditer(text) if free(m.start(), m.end())]
    if template:
        tokens += [t.raw for t in find_merge_tags(text) if free(t.start, t.end)]
    return list(dict.fromkeys(t for t in tokens if t))


def unsafe_changes(draft: Message, rewrite: Message, findings: list[Finding], keep: list[str]) -> list[str]:
    """Why a rewrite cannot be verified whatever it scores: it adds links, relabels or drops them, or asks for data.

    A rewrite may not add a link, change the text attached to one of the draft's, remove one outside the flagged
    text (the opt-out link not even inside it) or ask for personal data the draft did not ask for. A link removed
    outside the flagged text whose URL is in ``keep`` is left to the check of what must be kept.
    """
    return link_problems(draft, rewrite, findings, keep) + new_data_requests(draft, rewrite)


def added_personal_data(draft: Message, rewrite: Message, context: CustomerContext) -> list[str]:
    """The customer's identifying data (last name, e-mail, phone, address) in the rewrite that the draft did not show.

    A rewrite must not reveal more about the customer than the draft did; and where recipients share one review
    (a campaign shares it only when these are absent from the message), such a rewrite would carry one recipient's
    data to the others. The first name may be added: greeting by name is ordinary, and a campaign never shares a
    review between different first names.
    """
    before = f"{draft.subject or ''}\n{draft.body}".lower()
    after = f"{rewrite.subject or ''}\n{rewrite.body}".lower()
    name = context.name
    values: dict[str, list[str | None]] = {
        "last name": [name.last] if name else [],
        "e-mail address": [context.email],
        "phone number": [context.phone],
        "address": [context.address_text()],
    }
    return [
        kind
        for kind, found in values.items()
        if any(v and len(v) > 1 and v.lower() in after and v.lower() not in before for v in found)
    ]
