"""The rules' own fixes: each finding's suggestion applied at its span."""

import re

from reviewer.models import Finding
from reviewer.rules._text import Sentences

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


def _drop(text: str, spans: list[tuple[int, int]]) -> str:
    """The text without the sentences at ``spans``, each taken with one space or the line it stood on."""
    for start, end in sorted(spans, reverse=True):
        if text[end : end + 1] == " " or (text[end : end + 1] == "\n" and text[start - 1 : start] in ("\n", "")):
            end += 1  # the space after it, or the line it stood on
        elif text[start - 1 : start] == " ":
            start -= 1
        text = text[:start] + text[end:]
    return text


_ENDS_WHOLE = re.compile(r"[.!?…:;)\]\"'’”]\s*$")


def cut_lines(before: str, after: str) -> list[tuple[int, int]]:
    """Spans of lines in ``after`` that are the start of a whole line of ``before`` and lost its end.

    "It's nearly" left of "It's nearly bikini season, ladies!".
    """
    lines = {line.strip() for line in before.splitlines()}
    whole = [line for line in lines if _ENDS_WHOLE.search(line)]
    out, at = [], 0
    for line in after.splitlines(keepends=True):
        text = line.strip()
        # not a line of the draft as it was: "Orbit Mobile" above "Orbit Mobile Ltd, 7 Spinner Way."
        if text and text not in lines and not _ENDS_WHOLE.search(text) and any(w.startswith(text + " ") for w in whole):
            start = at + line.index(text)
            out.append((start, start + len(text)))
        at += len(line)
    return out


def drop_new_fragments(before: str, after: str) -> str:
    """The edited text without the fragments its edit made: a sentence or a line cut short goes whole."""
    found = list(_FRAGMENT.finditer(after))
    made = {m.group(0).strip() for m in found} - set(fragments(before))
    return _drop(after, [(m.start(), m.end()) for m in found if m.group(0).strip() in made] + cut_lines(before, after))


# A sentence that leans on the one before it: "It's $80 off until Friday.", "Otherwise, please hold.", "That's why
# our kits do the thinking for you." Not a time ("This week in your course:") or a time of year ("It's that time").
_TIME = (
    r"(?:week|weekend|month|year|morning|afternoon|evening|season|spring|summer|autumn|fall|winter|time|round|"
    r"christmas|holidays?|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
)
_LEANS_BACK = re.compile(
    r"(?:it|they|he|she|these|those|both|otherwise|instead|then|that way|plus|either|neither)\b"
    r"(?!['’]s (?:time|that time)\b)"
    rf"|(?:this|that)\b(?!\s+{_TIME}\b)|all (?:two|three|four|five|of (?:them|these|those|it))\b",
    re.I,
)
# A greeting cut from above a sentence leaves nothing it could lean on.
_GREETING = re.compile(r"(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b", re.I)


def orphans(before: str, after: str) -> list[tuple[int, int]]:
    """Spans in ``after`` of kept sentences that lean on the sentence before them, which the edit cut.

    "It's $80 off until Friday." after the sentence naming the product went; not where the rewrite put a sentence
    of its own in the cut one's place.
    """
    old = Sentences(before)
    old_texts = [before[s:e] for s, e in old.spans]
    new = Sentences(after)
    new_texts = [after[s:e] for s, e in new.spans]
    kept, known = set(new_texts), set(old_texts)
    out = []
    for j, sentence in enumerate(new_texts):
        if sentence not in known or sentence.endswith(":") or not _LEANS_BACK.match(sentence):
            continue
        i = old_texts.index(sentence)
        if i == 0 or old_texts[i - 1] in kept or _GREETING.match(old_texts[i - 1]):
            continue
        if j > 0 and new_texts[j - 1] not in known:
            continue  # a sentence of the rewrite's own stands before it: what it leans on may be there
        out.append(new.spans[j])
    return out


def drop_orphans(before: str, after: str) -> str:
    """The edited text without the sentences that lean on one the edit cut, and those that lean on them."""
    while spans := orphans(before, after):
        after = _drop(after, spans)
    return after


# A list item: its marker ("1.", "2)", "-", "*", "•") at the start of a line, and what follows it.
_ITEM = re.compile(r"^([ \t]*)(?:(\d+)([.)])|[-*•·])([ \t]*)(.*)$")


def _bare(line: str) -> bool:
    """A line that holds a list marker and nothing else."""
    m = _ITEM.match(line.rstrip("\r\n"))
    return m is not None and not m.group(5).strip()


def emptied_items(before: str, after: str) -> list[str]:
    """The list markers the edit left on lines of their own ("2."), where the draft had none such."""
    bare = {line.strip() for line in before.splitlines() if _bare(line)}
    return [line.strip() for line in after.splitlines() if _bare(line) and line.strip() not in bare]


def drop_emptied_items(before: str, after: str) -> str:
    """The edited text without the list items its edit emptied, and a numbered list it cut renumbered.

    "1. Rate your conversation" and "2. Take our survey" cut leave neither "1." nor "2." on a line of its own, and
    the items kept after them are numbered from 1 again, as the draft's list was.
    """
    emptied = set(emptied_items(before, after))
    if not emptied:
        return after
    firsts = _list_starts(before)
    out: list[str] = []
    run: list[tuple[str, re.Match[str]]] = []
    for line in after.splitlines(keepends=True) + [""]:
        if _bare(line) and line.strip() in emptied:
            continue
        m = _ITEM.match(line.rstrip("\r\n")) if line else None
        if m is not None and m.group(2) is not None:
            run.append((line, m))
            continue
        out += _renumbered(run, firsts)
        run = []
        out.append(line)
    return "".join(out)


def _list_starts(text: str) -> dict[str, int]:
    """Each numbered item's text in ``text`` mapped to the number its list starts at."""
    starts: dict[str, int] = {}
    first: int | None = None
    for line in text.splitlines():
        m = _ITEM.match(line)
        if m is None or m.group(2) is None:
            first = None
            continue
        if first is None:
            first = int(m.group(2))
        starts[m.group(5).strip()] = first
    return starts


def _renumbered(run: list[tuple[str, re.Match[str]]], firsts: dict[str, int]) -> list[str]:
    """A run of numbered lines, numbered on from where the draft's list started if the edit left gaps in it."""
    if not run:
        return []
    numbers = [int(m.group(2)) for _, m in run]
    start = firsts.get(run[0][1].group(5).strip())
    if start is None or numbers == list(range(start, start + len(run))):
        return [line for line, _ in run]
    return [f"{m.group(1)}{start + k}{m.group(3)}{m.group(4)}{line[m.end(4) :]}" for k, (line, m) in enumerate(run)]


_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def tidy_blank_lines(before: str, after: str) -> str:
    """Paragraphs emptied by the edit leave one blank line between those left, as the draft had.

    A cut opening line ("Ramadan Mubarak, Yusuf!") leaves no blank lines above the first one kept, nor a cut closing
    line below the last, unless the draft had them.
    """
    if not _BLANK_RUN.search(before):
        after = _BLANK_RUN.sub("\n\n", after)
    if before == before.lstrip():
        after = after.lstrip()
    if before == before.rstrip():
        after = after.rstrip()
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
