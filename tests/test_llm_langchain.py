"""The LangChain backend: structured output, temperature, seed and max tokens, like the openai backend.

langchain-openai's ``ChatOpenAI`` (the real one) talks to the recording stand-in on 127.0.0.1; a chat model
without structured output (langchain-core's fake) answers in code fences, as the issue saw.
"""

import json
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from reviewer import Reviewer
from reviewer.settings import Settings
from reviewer.testing import OpenAIStandin
from tests.llm_model import FakeModel, judgement

langchain_openai = pytest.importorskip("langchain_openai")

DRAFT = {
    "message": {"channel": "email", "body": "Hi Jane, you looked at strollers this week. Sale: www.shop.example/s"},
    "context": {"name": {"first": "Jane"}},
}


def test_chat_openai_sends_structured_output_temperature_seed_and_max_tokens(tmp_path: Path) -> None:
    with OpenAIStandin(FakeModel(scores={"creepiness": 3}, quotes={"creepiness": ["looked at strollers"]})) as srv:
        chat = langchain_openai.ChatOpenAI(
            model="standin", base_url=srv.base_url, api_key="sk-test", max_retries=0, timeout=10
        )
        settings = Settings(llm_seed=11, llm_max_tokens=900, llm_state_dir=tmp_path)
        result = Reviewer(settings, chat_model=chat).review_sync({**DRAFT, "rewrite": False})
    assert result.scores["creepiness"].score == 3 and not result.meta.degraded
    assert [f.quote for f in result.findings if f.source == "llm"] == ["looked at strollers"]
    (request,) = srv.requests
    assert request["response_format"]["type"] == "json_schema"
    assert "rubrics" in request["response_format"]["json_schema"]["schema"]["properties"]
    assert request["temperature"] == 0 and request["seed"] == 11
    assert request.get("max_tokens", request.get("max_completion_tokens")) == 900
    assert result.meta.tokens is not None and result.meta.tokens.prompt == 100


async def test_a_server_refusing_structured_output_gets_plain_text(tmp_path: Path) -> None:
    # one event loop: ChatOpenAI's async client belongs to the loop it was first used in
    with OpenAIStandin(FakeModel(scores={"overreach": 2}, reject_json_schema=True)) as srv:
        chat = langchain_openai.ChatOpenAI(model="standin", base_url=srv.base_url, api_key="sk-test", max_retries=0)
        reviewer = Reviewer(Settings(llm_state_dir=tmp_path), chat_model=chat)
        first = await reviewer.review({**DRAFT, "rewrite": False})
        second = await reviewer.review({**DRAFT, "rewrite": False})
    assert first.scores["overreach"].score == 2 and second.scores["overreach"].score == 2
    kinds = [(r.get("response_format") or {}).get("type") for r in srv.requests]
    assert kinds == ["json_schema", None, None]  # refused once, then plain text


def test_a_chat_model_without_structured_output_answering_in_code_fences(tmp_path: Path) -> None:
    answer = json.dumps(judgement({"creepiness": 3}, {"creepiness": ["looked at strollers"]}))
    chat = GenericFakeChatModel(messages=iter([AIMessage(content=f"```json\n{answer}\n```")]))
    result = Reviewer(Settings(llm_state_dir=tmp_path), chat_model=chat).review_sync({**DRAFT, "rewrite": False})
    assert result.scores["creepiness"].score == 3 and not result.meta.degraded
