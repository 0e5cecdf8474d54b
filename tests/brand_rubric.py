"""A brand's own rubric file, as a customer would drop it into REVIEWER_PROMPTS_DIR (shared by several tests)."""

from pathlib import Path

BRAND_VOICE = """\
---
id: brand_voice
kind: rubric
version: "2.1.0"
title: Brand voice
description: Does the message sound like Acme (warm, plain, no hype)?
scale:
  0:
    label: On brand
    description: Warm and plain.
  1:
    label: Slightly off
    description: A little stiff or a little breathless.
  2:
    label: Off brand
    description: Hype or jargon a customer would notice.
  3:
    label: Far off
    description: Pushy or cold throughout.
  4:
    label: Harmful to the brand
    description: Mocking, shaming or deceptive.
---
Judge whether the message sounds like Acme: warm, plain words, no hype, no pressure.
"""


def brand_prompts_dir(tmp_path: Path) -> Path:
    """A prompts directory holding only the brand's rubric file."""
    prompts = tmp_path / "brand-prompts"
    prompts.mkdir(exist_ok=True)
    (prompts / "brand_voice.md").write_text(BRAND_VOICE, encoding="utf-8")
    return prompts
