from typing import Any

import pytest
from fastapi.testclient import TestClient

from reviewer.api import create_app
from reviewer.api.security import hash_key
from reviewer.settings import Settings
from reviewer.testing import OpenAIStandin

KEY = "rk_test_0123456789"


def make_client(**overrides: Any) -> TestClient:
    settings = Settings(api_keys=hash_key(KEY), **overrides)
    return TestClient(create_app(settings), client=("203.0.113.7", 50000))


def llm_settings(llm: OpenAIStandin, **more: Any) -> dict[str, Any]:
    """Service settings for an LLM judge behind the stand-in, open on loopback; ``more`` adds or overrides."""
    return {
        "open_access": True,
        "openai_base_url": llm.base_url,
        "openai_api_key": "sk-test",
        "model": "standin",
        "judge": "llm",
        **more,
    }


@pytest.fixture
def client() -> TestClient:
    return make_client()


AUTH = {"Authorization": f"Bearer {KEY}"}
