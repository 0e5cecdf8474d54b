from typing import Any

import pytest

from reviewer.models import CustomerContext, Finding, Message
from reviewer.rules import run_rules
from reviewer.settings import Settings


def findings(
    body: str,
    context: dict[str, Any] | None = None,
    *,
    channel: str = "email",
    subject: str | None = None,
    template: bool = False,
    rule: str | None = None,
    settings: Settings | None = None,
) -> list[Finding]:
    """Rule findings for a draft, optionally only those whose rule_id starts with ``rule``."""
    message = Message(channel=channel, body=body, subject=subject, template=template)  # type: ignore[arg-type]
    found = run_rules(message, CustomerContext.model_validate(context or {}), settings or Settings(_env_file=None))
    for f in found:
        text = body if f.field == "body" else (subject or "")
        assert text[f.start : f.end] == f.quote, f"span does not match quote for {f.rule_id}"
        assert f.rule_id and f.message and 0 <= f.severity <= 4
    return [f for f in found if rule is None or (f.rule_id or "").startswith(rule)]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's real LLM configuration."""
    for var in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "REVIEWER_JUDGE",
        "REVIEWER_MODEL",
        "REVIEWER_PROMPTS_DIR",
    ):
        monkeypatch.delenv(var, raising=False)
