"""Judges and the chat backends an LLM judge can use."""

from reviewer.judges._backends import (
    BackendError,
    ChatBackend,
    Completion,
    LangChainBackend,
    OpenAIBackend,
    ScriptedBackend,
    parse_json_object,
)
from reviewer.judges._protocol import Evidence, Judge, Judgement, JudgeTask, OnRubric, RubricJudgement
from reviewer.judges.llm import LLMJudge, LLMRewriter
from reviewer.judges.rules import RulesJudge, rules_judgement

__all__ = [
    "BackendError",
    "ChatBackend",
    "Completion",
    "Evidence",
    "Judge",
    "JudgeTask",
    "Judgement",
    "LLMJudge",
    "LLMRewriter",
    "LangChainBackend",
    "OnRubric",
    "OpenAIBackend",
    "RubricJudgement",
    "RulesJudge",
    "ScriptedBackend",
    "parse_json_object",
    "rules_judgement",
]
