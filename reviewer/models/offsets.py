"""Offsets into a message: Python ``str`` indices (``start``/``end``) and UTF-16 code units for browsers."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (what JavaScript strings count)."""
    return len(text.encode("utf-16-le")) // 2
