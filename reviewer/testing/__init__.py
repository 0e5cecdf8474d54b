"""Test helpers that ship with the package: an OpenAI-compatible stand-in server."""

from reviewer.testing.openai_standin import OpenAIStandin, Reply, chat_completion

__all__ = ["OpenAIStandin", "Reply", "chat_completion"]
