"""The links a rewrite must not add, relabel or drop: plain URLs, Markdown and HTML links, the opt-out link."""

import re
from dataclasses import dataclass

from reviewer.models import Finding, Message
from reviewer.text import URL

_MARKDOWN = re.compile(r"\[([^\[\]\n]{0,500})\]\(\s*<?([^\s()<>]+)>?(?:\s+\"[^\"\n]{0,200}\")?\s*\)")
_ANCHOR = re.compile(r"<a\b([^<>]{0,2000})>(.{0,500}?)</a\s*>", re.I | re.S)  # bounded: linear on any text
_HREF = re.compile(r"""(?i)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_TAG = re.compile(r"<[^>]*>")
# Where a plain link's text starts: after a clause's punctuation or an opening bracket.
_CLAUSE = re.compile(r"[.!?;:,](?=\s)|[(\[]")
_LEAD_OUT = " \t:>|=-–—→»"  # between a link's text and its URL: "Unsubscribe: ", "Shop now → "
_CLAUSE_END = re.compile(r"[.!?;\n]")
_FILLER = frozenset({"at", "on", "via", "here", "to", "visit", "see", "click", "tap", "go", "please", "below", "link"})
_OPT_OUT = re.compile(
    r"(?i)unsubscri|opt[\s_-]?out|remove[\s_-]me|stop[\s_-](?:receiving|getting|these)|no longer (?:wish|want) to"
    r"|(?:e-?mail|mail|communication|marketing|notification|subscription)s?[\s_-]?(?:preferences|settings)"
    r"|manage[\s_-](?:your[\s_-])?(?:e-?mail[\s_-])?(?:preferences|subscriptions?)"
)


@dataclass(frozen=True)
class _Link:
    target: str  # what it points at, compared between draft and rewrite
    url: str  # as written
    label: str  # the text attached to it, as written
    start: int  # the link with its text, in its field
    end: int

    @property
    def opt_out(self) -> bool:
        return bool(_OPT_OUT.search(self.label) or _OPT_OUT.search(self.url))


def _target(url: str) -> str:
    """A link's identity: without scheme, trailing punctuation or slash; the host in lower case."""
    url = re.sub(r"(?i)^(?:(?:https?|ftp)://|mailto:)", "", url.strip().rstrip(".,;:!?"))
    host, slash, rest = url.partition("/")
    return (host.lower() + slash + rest).rstrip("/")


def _words(label: str) -> tuple[str, ...]:
    """A link's text as words, without the connecting words around it ("visit", "here", "at")."""
    words = re.findall(r"\w+", label.casefold())
    while words and words[0] in _FILLER:
        words.pop(0)
    while words and words[-1] in _FILLER:
        words.pop()
    return tuple(words)


def _links(text: str) -> list[_Link]:
    """Every link of a text with its text: markdown ``[text](url)``, HTML ``<a href>``, then plain URLs/domains."""
    found = [_Link(_target(m[2]), m[2], m[1], m.start(), m.end()) for m in _MARKDOWN.finditer(text)]
    for m in _ANCHOR.finditer(text):
        if (h := _HREF.search(m[1])) is not None:
            href = h[1] or h[2] or h[3] or ""
            found.append(_Link(_target(href), href, _TAG.sub("", m[2]).strip(), m.start(), m.end()))
    written = [(link.start, link.end) for link in found]
    plain = [m for m in URL.finditer(text) if not any(s <= m.start() < e for s, e in written)]
    for i, m in enumerate(plain):
        url = m.group(0).rstrip(".,;:!?")
        label, start = _plain_text(text, m.start(), m.start() + len(url), plain[i - 1].end() if i else 0)
        found.append(_Link(_target(url), url, label, start, m.start() + len(url)))
    return found


def _plain_text(text: str, start: int, end: int, floor: int) -> tuple[str, int]:
    """The text of a plain link, and where it starts; nothing before ``floor`` (the link before it) counts.

    Its clause before it ("Unsubscribe: URL", "Shop the sale at URL"), else a line ending in a colon just above
    it, else its clause after it ("URL to unsubscribe").
    """
    line = max(text.rfind("\n", 0, start) + 1, floor)
    lead = text[line:start].rstrip(_LEAD_OUT)
    cut = max((m.end() for m in _CLAUSE.finditer(lead)), default=0)
    if lead[cut:].strip():
        return lead[cut:].strip(), line + cut
    above = text[floor:line].rstrip()
    above = above[above.rfind("\n") + 1 :]
    if line > floor and above.endswith(":"):
        return _CLAUSE.split(above[:-1].rstrip())[-1].strip(), start
    return _CLAUSE_END.split(text[end : end + 200], maxsplit=1)[0].strip(" ,:-–—"), start


def link_problems(draft: Message, rewrite: Message, findings: list[Finding], keep: list[str]) -> list[str]:
    """Links the rewrite added, relabelled or dropped outside the flagged text (the opt-out link never)."""
    old: dict[str, list[tuple[_Link, bool]]] = {}
    new: dict[str, list[_Link]] = {}
    for field, before, after in (("body", draft.body, rewrite.body), ("subject", draft.subject, rewrite.subject)):
        flagged = [(f.start, f.end) for f in findings if f.field == field and f.severity >= 1]
        for link in _links(before or ""):
            touched = any(link.start < e and s < link.end for s, e in flagged)
            old.setdefault(link.target, []).append((link, touched))
        for link in _links(after or ""):
            new.setdefault(link.target, []).append(link)
    problems = [
        f"the rewrite adds a link the draft does not have ({links[0].url}); a rewrite may not add links"
        for target, links in new.items()
        if target not in old
    ]
    for target, was in old.items():
        first = was[0][0]
        opt_out = any(link.opt_out for link, _ in was)
        if target not in new:
            if opt_out:
                problems.append(f"the rewrite removes the opt-out link ({first.url}); keep it, with its text")
            elif not all(touched for _, touched in was) and first.url not in keep:
                problems.append(f"the rewrite removes the link {first.url} outside the flagged text; keep it")
            continue
        texts = {_words(link.label) for link, _ in was}
        free = not opt_out and any(touched for _, touched in was)  # its text was part of a problem to fix
        for link in new[target]:
            words = _words(link.label)
            if words in texts or free or (not words and not opt_out) or (opt_out and _OPT_OUT.search(link.label)):
                continue
            kind = "opt-out link" if opt_out else "link"
            change = f"to '{link.label}'" if link.label else "to nothing"
            problems.append(
                f"the rewrite changes the text of the {kind} {first.url} from '{first.label}' {change}; keep a link's "
                "text as the draft has it"
            )
    return problems
