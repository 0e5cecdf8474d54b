"""The embedded judge's offline layers beyond the rules: context grounding and a learned sentence model."""

from reviewer.offline.model import LearnedModel, SentenceFlag, load_model

__all__ = ["LearnedModel", "SentenceFlag", "load_model"]
