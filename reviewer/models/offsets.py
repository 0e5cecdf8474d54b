"""Offsets into a message: Python ``str`` indices (``start``/``end``) and UTF-16 code units for browsers."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (what JavaScript strings count)."""
    return len(text.encode("utf-16-le")) // 2


def utf16_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` as UTF-16 offsets."""
    start16 = utf16_len(text[:start])
    return start16, start16 + utf16_len(text[start:end])
