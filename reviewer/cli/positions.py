"""Where a JSON request's ``message.body`` and ``message.subject`` sit in the file, character by character.

SARIF regions and fixes must point at the file a reviewer annotates: for a JSON request, the text's place inside
its string literal, escapes and all, not offsets into the decoded text.
"""

import re

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def _string_offsets(raw: str, start: int, end: int) -> list[int]:
    """The file offset of each decoded character of the literal ``raw[start:end]``, then the closing quote's."""
    offsets: list[int] = []
    i = start + 1
    while i < end - 1:
        offsets.append(i)
        if raw[i] != "\\":
            i += 1
        elif raw[i + 1] != "u":
            i += 2
        elif 0xD800 <= int(raw[i + 2 : i + 6], 16) < 0xDC00 and raw[i + 6 : i + 8] == "\\u":
            i += 12  # a surrogate pair: one character
        else:
            i += 6
    offsets.append(end - 1)
    return offsets


def json_text_offsets(raw: str) -> dict[str, list[int]]:
    """``{"body": [...], "subject": [...]}``: each decoded character's offset in ``raw``, for the strings found.

    ``raw`` is a JSON document json.loads accepted; only string literals directly in the top-level ``message``
    object are mapped. One pass with an explicit stack, however deep the document is nested.
    """
    found: dict[str, list[int]] = {}
    stack: list[tuple[str, str | None]] = []  # (the container's opening bracket, the key it was stored under)
    key: str | None = None
    expecting_key = False
    for match in _TOKEN.finditer(raw):
        token = match.group(0)
        if token in "{[":
            stack.append((token, key))
            key, expecting_key = None, token == "{"
        elif token in "}]":
            stack.pop()
            key, expecting_key = None, False
        elif token == ",":
            expecting_key = bool(stack) and stack[-1][0] == "{"
        elif token == ":":
            expecting_key = False
        elif expecting_key:
            key = token[1:-1]
        elif len(stack) == 2 and stack[1] == ("{", "message") and key in ("body", "subject"):
            found[key] = _string_offsets(raw, match.start(), match.end())
    return found
