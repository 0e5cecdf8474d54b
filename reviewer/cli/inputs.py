"""Reading review requests from files or stdin, with one-line errors that say what to fix."""

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from reviewer.errors import InputError, describe_validation
from reviewer.models import ReviewRequest


def _read(path: str) -> tuple[str, str]:
    if path == "-":
        return sys.stdin.read(), "<stdin>"
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{path}: no such file; pass a review request (.json) or '-' for stdin")
    try:
        return p.read_text(encoding="utf-8"), path
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save the file as UTF-8") from None


def _parse_json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); fix it, or pass plain "
            "text with --context CTX.json"
        ) from None


def load_request(path: str, context_path: str | None, channel: str, subject: str | None) -> tuple[ReviewRequest, str]:
    """A review request from a JSON file, or from plain text plus a context file. Returns it and its name."""
    text, name = _read(path)
    if context_path is not None:
        ctx_text, ctx_name = _read(context_path)
        context = _parse_json(ctx_text, ctx_name)
        data: Any = {"message": {"channel": channel, "subject": subject, "body": text}, "context": context}
    else:
        data = _parse_json(text, name)
        if not isinstance(data, dict):
            raise InputError(f"{name}: expected a JSON object with 'message' and 'context'")
    try:
        return ReviewRequest.model_validate(data), name
    except ValidationError as exc:
        raise InputError(describe_validation(exc, f"{name}: ")) from None
