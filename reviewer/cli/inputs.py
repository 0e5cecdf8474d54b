"""Reading review requests from files or stdin, with one-line errors that say what to fix."""

import difflib
import json
import sys
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from reviewer.errors import InputError
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


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The request model that holds the field at ``loc`` (list indexes skipped), or None."""
    model: type[BaseModel] = ReviewRequest
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        nested = _a_model(field.annotation)
        if nested is None:
            return None
        model = nested
    return model


def _a_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _a_model(arg)
        if found is not None:
            return found
    return None


def describe(exc: ValidationError, where: str) -> str:
    """The first problems of a request's validation error as one line, with "did you mean" for a misspelt field."""
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(p) for p in err["loc"]) or "request"
        if err["type"] == "extra_forbidden":
            model = _model_at(err["loc"][:-1])
            close = difflib.get_close_matches(str(err["loc"][-1]), list(model.model_fields) if model else [], 1)
            hint = f"did you mean '{close[0]}'?" if close else "remove it (docs/CONTRACT.md lists the fields)"
            parts.append(f"{loc}: unknown field; {hint}")
        elif err["type"] == "missing":
            parts.append(f"{loc}: required field is missing")
        else:
            parts.append(f"{loc}: {err['msg'].removeprefix('Value error, ')}")
    more = f" (+{len(exc.errors()) - 3} more)" if len(exc.errors()) > 3 else ""
    return f"{where}{'; '.join(parts)}{more}"


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
        raise InputError(describe(exc, f"{name}: ")) from None


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
