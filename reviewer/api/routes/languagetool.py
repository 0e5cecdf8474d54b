"""LanguageTool-compatible ``/v2/check`` and ``/v2/languages``, so LanguageTool clients and editor plugins work.

Offsets and lengths are UTF-16 code units, as LanguageTool's are. The customer context is not part of
LanguageTool's protocol; clients may send it as JSON in an extra ``context`` form field.
"""

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Header, Request
from pydantic import ValidationError

from reviewer import __version__
from reviewer.api.deps import ServiceDep
from reviewer.api.errors import ApiError
from reviewer.api.security import authenticate
from reviewer.catalogue import Catalogue
from reviewer.models import CustomerContext, Finding, Message, ReviewRequest
from reviewer.models.offsets import utf16_len

router = APIRouter(prefix="/v2", tags=["languagetool"])
_LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
]


def lt_category_id(category: str) -> str:
    """LanguageTool's spelling of a catalogue category id: ``data_quality`` is ``DATA_QUALITY``."""
    return category.upper()


def lt_categories(catalogue: Catalogue) -> list[dict[str, str]]:
    """Every finding category as LanguageTool names one: the installed rubrics (custom ones too) and the blunders."""
    return [{"id": lt_category_id(c.id), "name": c.title} for c in catalogue.categories]


def rule_descriptions(catalogue: Catalogue) -> dict[str, str]:
    """Every rule id's description, the LLM judge's ``llm.<rubric>`` included."""
    descriptions = {r.id: r.description for r in catalogue.rules}
    descriptions.update({f"llm.{r.id}": r.description for r in catalogue.rubrics})
    return descriptions


def _text_from(text: str | None, data: str | None) -> str:
    """The checked text: ``text``, or ``data``'s annotation with markup blanked so offsets stay document offsets."""
    if text is not None:
        return text
    if data is None:
        raise ApiError(400, "missing_text", "Send the draft in the 'text' form field (or LanguageTool's 'data').")
    try:
        parts = json.loads(data)["annotation"]
        return "".join(p["text"] if "text" in p else " " * len(p.get("markup", "")) for p in parts)
    except (ValueError, KeyError, TypeError) as exc:
        raise ApiError(400, "invalid_data", f"'data' must be LanguageTool's annotation JSON ({exc}).") from None


def _match(f: Finding, text: str, catalogue: Catalogue, descriptions: dict[str, str]) -> dict[str, Any]:
    category = catalogue.category(f.category)
    offset, length = f.start_utf16, f.end_utf16 - f.start_utf16  # every finding carries its UTF-16 span
    ctx_start = max(0, f.start - 40)
    rule_id = f.rule_id or f"llm.{f.category}"
    return {
        "message": f.message,
        "shortMessage": category.title,
        "offset": offset,
        "length": length,
        "replacements": [{"value": f.suggestion}] if f.suggestion is not None else [],
        "context": {
            "text": text[ctx_start : f.end + 40],
            "offset": utf16_len(text[ctx_start : f.start]),
            "length": length,
        },
        "sentence": f.quote,
        "type": {"typeName": "Other"},
        "rule": {
            "id": rule_id.upper().replace(".", "_"),
            "description": descriptions.get(rule_id, f.message),
            "issueType": "style" if f.severity < 3 else "misspelling" if f.category == "data_quality" else "style",
            "category": {"id": lt_category_id(f.category), "name": category.title},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


@router.post("/check", summary="LanguageTool-compatible check")
async def check(
    request: Request,
    service: ServiceDep,
    language: Annotated[str, Form()] = "en-US",
    text: Annotated[str | None, Form()] = None,
    data: Annotated[str | None, Form()] = None,
    context: Annotated[str | None, Form(description="Customer context as JSON (an extension)")] = None,
    apiKey: Annotated[str | None, Form()] = None,  # noqa: N803 - LanguageTool's field name
    enabledCategories: Annotated[str | None, Form()] = None,  # noqa: N803
    disabledCategories: Annotated[str | None, Form()] = None,  # noqa: N803
    enabledOnly: Annotated[bool, Form()] = False,  # noqa: N803
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Review ``text`` as an e-mail and return the findings as LanguageTool matches.

    Categories are the catalogue's (``GET /v2/categories``): the installed rubrics, custom ones included, and
    ``DATA_QUALITY``, ``PRIVACY``. ``disabledCategories`` and, with ``enabledOnly``, ``enabledCategories`` filter
    the matches by them, as in LanguageTool; ids the reviewer does not know are ignored, as LanguageTool does.
    """
    identity = authenticate(service.settings, authorization, request.client.host if request.client else None, apiKey)
    service.limiter.check(identity)
    body = _text_from(text, data)
    if not body.strip():
        return {"software": _software(), "language": _language(language), "matches": []}
    try:
        ctx = CustomerContext.model_validate(json.loads(context)) if context else CustomerContext()
    except (ValueError, ValidationError) as exc:
        raise ApiError(400, "invalid_context", f"'context' must be a customer context as JSON ({exc}).") from None
    result = await service.review(
        ReviewRequest(message=Message(channel="email", body=body), context=ctx, rewrite=False)
    )
    catalogue = service.catalogue
    wanted = _category_filter(catalogue, enabledCategories, disabledCategories, enabledOnly)
    descriptions = rule_descriptions(catalogue)
    matches = [
        _match(f, body, catalogue, descriptions)
        for f in result.findings
        if f.field == "body" and lt_category_id(f.category) in wanted
    ]
    return {"software": _software(), "language": _language(language), "matches": matches}


def _split(ids: str | None) -> set[str]:
    return {i.strip().upper() for i in (ids or "").split(",") if i.strip()}


def _category_filter(catalogue: Catalogue, enabled: str | None, disabled: str | None, only: bool) -> set[str]:
    """The LanguageTool category ids whose matches are returned."""
    known = {lt_category_id(c) for c in catalogue.category_ids}
    wanted = (known & _split(enabled)) if only else known
    return wanted - _split(disabled)


def _software() -> dict[str, Any]:
    return {
        "name": "reviewer",
        "version": __version__,
        "buildDate": "",
        "apiVersion": 1,
        "premium": False,
        "status": "",
    }


def _language(code: str) -> dict[str, Any]:
    name = next((lang["name"] for lang in _LANGUAGES if lang["longCode"] == code), "English")
    return {"name": name, "code": code, "detectedLanguage": {"name": name, "code": code, "confidence": 1.0}}


@router.get("/categories", summary="The categories /v2/check's matches use (an extension to LanguageTool)")
async def categories(service: ServiceDep) -> list[dict[str, str]]:
    """Every finding category, from the catalogue: the installed rubrics and the data-quality and privacy blunders."""
    return lt_categories(service.catalogue)


@router.get("/languages", summary="LanguageTool-compatible language list")
async def languages() -> list[dict[str, str]]:
    """The languages the reviewer checks."""
    return _LANGUAGES
