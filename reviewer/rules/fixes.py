"""The rules' own fixes: each finding's suggestion applied at its span."""

import re

from reviewer.models import Finding

# A title standing right before a removed name goes with it: "Thanks for calling, Sr. Hernández." loses both.
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sr|Sra|Srta|Prof|Sir|Madam|Madame|Mme|Herr|Frau)\.?\s$")


# A sentence that stops on a word that cannot end one: what an edit leaves when it cuts the rest ("At your age,
# there's no need to fiddle with the app." without its flagged half reads "There's."). A sentence starts at the
# text's start, after a line break or after end punctuation and a space.
_FRAGMENT = re.compile(
    r"(?:^|(?<=[.!?] ))[^.!?\n]*?(?<![\w'’])(?:(?i:the|an|your|our|their|my|its|of|and|or|but|than|because)|"
    r"(?i:there|it|that|here|what|who)['’]s|a)[ \t]*[.!?]+(?=\s|$)",
    re.M,
)


def fragments(text: str) -> list[str]:
    """The sentences of a text that stop on a word that cannot end one ("There's.", "Shop our.")."""
    return [m.group(0).strip() for m in _FRAGMENT.finditer(text)]


def drop_new_fragments(before: str, after: str) -> str:
    """The edited text without the fragments its edit made: a sentence cut short goes whole, with one space."""
    found = list(_FRAGMENT.finditer(after))
    made = {m.group(0).strip() for m in found} - set(fragments(before))
    for m in reversed([m for m in found if m.group(0).strip() in made]):
        start, end = m.start(), m.end()
        if after[end : end + 1] == " " or (after[end : end + 1] == "\n" and after[start - 1 : start] in ("\n", "")):
            end += 1  # the space after it, or the line it stood on
        elif after[start - 1 : start] == " ":
            start -= 1
        after = after[:start] + after[end:]
    return after


def _choose(findings: list[Finding]) -> list[Finding]:
    """Non-overlapping findings with suggestions; on overlap the wider, then the more severe, wins."""
    chosen: list[Finding] = []
    for f in sorted(findings, key=lambda f: (-(f.end - f.start), -f.severity)):
        if f.suggestion is None:
            continue
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def apply_suggestions(text: str, findings: list[Finding]) -> str:
    """Apply each finding's suggestion at its span; text outside the edited spans stays byte-identical.

    Removing a span also removes one now-redundant space beside it, so "a  b" and "word ," do not appear.
    """
    out = text
    for f in reversed(_choose(findings)):
        start, end, new = f.start, f.end, f.suggestion or ""
        if not new:
            title = _TITLE_BEFORE.search(out, max(start - 8, 0), start)
            if title is not None and out[start : start + 1].isupper():
                start = title.start()
            before = out[start - 1] if start > 0 else ""
            after = out[end] if end < len(out) else ""
            if before == " " and (after in " ,.;:!?\n" or after == ""):
                start -= 1
                if out[start - 1 : start] == "," and after in ",.;:!?":
                    start -= 1  # "Thanks for calling, Luis." without the name ends "Thanks for calling.", not ",."
            elif after == " " and (before in "\n" or start == 0):
                end += 1
            elif before == "\n" and after == "\n":
                # the line is now empty: keep one paragraph break, not two
                pre = len(out[:start]) - len(out[:start].rstrip("\n"))
                post = len(out[end:]) - len(out[end:].lstrip("\n"))
                end += min(pre, post)
        out = out[:start] + new + out[end:]
    return out
