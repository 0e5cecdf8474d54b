"""The review pipeline."""

from reviewer.pipeline.reviewer import Reviewer

__all__ = ["Reviewer"]
