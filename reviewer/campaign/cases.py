"""From a recipient to a review case: render, build the request, and the key that decides which cases are the same.

Two recipients share one review when their rendered message and their judge-relevant context are identical. The
context is all of it, except identifying values the review cannot see: a last name, e-mail, phone, address or
customer_ref that appears nowhere in the message (or in the context's free text) only counts as present or not.
"""

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from reviewer.campaign.recipients import Mapping, Row, get_path
from reviewer.campaign.template import CampaignTemplate, Gap
from reviewer.errors import InputError, describe_validation
from reviewer.models import CustomerContext, Message, ReviewRequest
from reviewer.rules.data_quality import find_merge_tags

_PRESENT = "<present>"


@dataclass
class Case:
    """One recipient, ready to review: the request (None when the row is invalid), its key and its gaps."""

    recipient_id: str
    request: ReviewRequest | None
    key: str
    gaps: list[Gap] = field(default_factory=list)
    segments: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    raw_context: dict[str, Any] | None = None


def _free_text(ctx: CustomerContext) -> str:
    parts = [*ctx.stated_preferences, *(s.detail or "" for s in ctx.observed_signals)]
    parts.append(ctx.support.topic or "" if ctx.support else "")
    return "\n".join(parts)


def _seen(value: str, text: str) -> bool:
    return any(part.lower() in text for part in [value, *value.split()] if len(part) >= 2)


def relevant_context(ctx: CustomerContext, message: Message) -> dict[str, Any]:
    """The context as the review sees it, for the dedupe key (see the module docstring)."""
    data = ctx.model_dump(exclude_none=True, exclude_defaults=True)
    text = f"{message.subject or ''}\n{message.body}"
    if find_merge_tags(text):
        return data  # a tag left in the text may be filled from any of them
    seen = f"{text}\n{_free_text(ctx)}".lower()
    for key in ("customer_ref", "email", "phone", "address"):
        value = data.get(key)
        values = list(value.values()) if isinstance(value, dict) else [value]
        if value is not None and not any(_seen(str(v), seen) for v in values):
            data[key] = _PRESENT
    last = ctx.name.last if ctx.name else None
    if last and not _seen(last, seen):
        data["name"]["last"] = _PRESENT
    return data


def case_key(request: ReviewRequest) -> str:
    """Identical keys, identical reviews."""
    payload = {
        "message": request.message.model_dump(),
        "context": relevant_context(request.context, request.message),
        "rubrics": request.rubrics,
        "rewrite": request.rewrite,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:32]


def _invalid(recipient_id: str, error: str, segments: dict[str, Any]) -> Case:
    return Case(recipient_id, None, "", segments=segments, error=error)


class Builder:
    """Builds cases from rows: recipients with a template, or already-rendered review requests."""

    def __init__(
        self,
        template: CampaignTemplate | None,
        mapping: Mapping,
        *,
        channel: str,
        rubrics: list[str] | None,
        rewrite: bool,
        segments: list[str],
        keep_context: bool,
    ) -> None:
        self.template, self.mapping, self.channel = template, mapping, channel
        self.rubrics, self.rewrite, self.segments, self.keep_context = rubrics, rewrite, segments, keep_context
        self.names = template.variables() if template else []

    def build(self, row: Row) -> Case:
        """One row's case; a row that cannot be reviewed becomes a case with ``error`` set."""
        recipient_id = self.mapping.recipient_id(row)
        segments = {s: get_path(row, s) for s in self.segments}
        try:
            request, gaps = self._request(row) if self.template else (self._rendered(row), [])
        except (ValidationError, InputError) as exc:
            text = describe_validation(exc) if isinstance(exc, ValidationError) else str(exc)
            return _invalid(recipient_id, text, segments)
        raw = request.context.model_dump(exclude_none=True, exclude_defaults=True) if self.keep_context else None
        return Case(recipient_id, request, case_key(request), gaps, segments, raw_context=raw)

    def _request(self, row: Row) -> tuple[ReviewRequest, list[Gap]]:
        assert self.template is not None
        context = CustomerContext.model_validate(self.mapping.context(row))
        body, subject = self.template.render(self.mapping.variables(row, self.names))
        message = Message.model_validate(
            {"channel": self.channel, "subject": subject.text if subject else None, "body": body.text}
        )
        request = ReviewRequest(message=message, context=context, rubrics=self.rubrics, rewrite=self.rewrite)
        return request, body.gaps + (subject.gaps if subject else [])

    def _rendered(self, row: Row) -> ReviewRequest:
        data = {k: row[k] for k in ("message", "context", "rubrics", "rewrite") if row.get(k) is not None}
        data.setdefault("rubrics", self.rubrics)
        data.setdefault("rewrite", self.rewrite)
        if isinstance(data.get("context"), dict):
            data["context"] = _drop_nulls(data["context"])
        if isinstance(data.get("message"), dict):
            data["message"] = _drop_nulls(data["message"])
        return ReviewRequest.model_validate(data)


def _drop_nulls(value: Any) -> Any:
    """Parquet structs carry every field, null where absent; the contract's models want them absent."""
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value
