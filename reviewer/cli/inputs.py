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
    if p.is_dir():
        raise InputError(f"{path} is a directory; pass a review request (.json), a plain-text draft, or '-' for stdin")
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
    except RecursionError:
        raise InputError(f"{name}: the JSON is nested too deeply to be a review request") from None
    except ValueError:  # an integer of thousands of digits
        raise InputError(f"{name}: a number has thousands of digits; no field of a review request needs one") from None


def load_request(
    path: str, context_path: str | None, channel: str | None, subject: str | None
) -> tuple[ReviewRequest, str, str | None]:
    """A review request from a JSON file, or from plain text plus a context file.

    Returns it, its name, and the JSON text of a JSON request (None for plain text), for SARIF positions.
    """
    text, name = _read(path)
    if subject is not None and not _utf8(subject):
        raise InputError("--subject is not valid UTF-8 text; check the terminal's or the script's encoding")
    if context_path is not None:
        if _is_request(text):
            raise InputError(
                f"{name} is a JSON review request with its own context; drop --context, or pass the plain-text "
                "draft with --context"
            )
        ctx_text, ctx_name = _read(context_path)
        context = _parse_json(ctx_text, ctx_name)
        data: Any = {"message": {"channel": channel or "email", "subject": subject, "body": text}, "context": context}
        raw = None
    else:
        data = _parse_json(text, name)
        if not isinstance(data, dict):
            raise InputError(f"{name}: expected a JSON object with 'message' and 'context'")
        if channel is not None or subject is not None:
            raise InputError(
                f"--channel and --subject describe a plain-text draft (with --context); {name} is a JSON request: "
                "set message.channel and message.subject in it"
            )
        raw = text
    try:
        return ReviewRequest.model_validate(data), name, raw
    except ValidationError as exc:
        raise InputError(describe_validation(exc, f"{name}: ", ReviewRequest)) from None


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_request(text: str) -> bool:
    """Whether ``text`` is a JSON review request (an object with a ``message``) rather than a draft."""
    if not text.lstrip().startswith("{"):
        return False
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and "message" in data
