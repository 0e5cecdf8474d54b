"""Test helpers that ship with the package: an OpenAI-compatible stand-in server."""

from reviewer.testing.openai_standin import OpenAIStandin, PromptCache, Reply, chat_completion, count_tokens

__all__ = ["OpenAIStandin", "PromptCache", "Reply", "chat_completion", "count_tokens"]
