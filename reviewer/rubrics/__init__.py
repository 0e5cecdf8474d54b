"""Rubrics and prompts, loaded from the files in prompts/."""

from reviewer.rubrics._loader import PromptSet, builtin_prompts_dir, load_prompts
from reviewer.rubrics._model import Anchor, PromptFrame, Rubric

BUILTIN_RUBRICS = ("creepiness", "stereotyping", "overreach")

__all__ = [
    "BUILTIN_RUBRICS",
    "Anchor",
    "PromptFrame",
    "PromptSet",
    "Rubric",
    "builtin_prompts_dir",
    "load_prompts",
]
