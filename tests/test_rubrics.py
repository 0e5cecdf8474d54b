"""Rubrics are files: loading, validation, drop-in rubrics."""

import re
import shutil
from pathlib import Path

import pytest

from reviewer import Reviewer
from reviewer.errors import RubricError
from reviewer.rubrics import builtin_prompts_dir, load_prompts
from reviewer.settings import Settings

TONE = """---
id: tone
kind: rubric
version: "2.1.0"
title: Brand tone
description: Does the message sound like our brand?
scale:
  0: {label: On brand, description: Warm and plain., examples: ["Thanks for your order."]}
  1: {label: Slightly off, description: A little stiff.}
  2: {label: Off brand, description: Jargon or hype.}
  3: {label: Far off, description: Shouting.}
  4: {label: Harmful, description: Insulting.}
---
Judge the brand's tone: warm, plain, never hype.
"""


def test_builtin_rubrics_load_with_all_anchors() -> None:
    prompts = load_prompts()
    assert set(prompts.rubrics) == {"creepiness", "stereotyping", "overreach"}
    for rubric in prompts.rubrics.values():
        assert list(rubric.scale) == [0, 1, 2, 3, 4]
        assert all(a.examples for a in rubric.scale.values())
    creepiness = prompts.rubrics["creepiness"].guidance
    for word in ("stated", "observed", "inferred"):
        assert word in creepiness


def test_drop_in_rubric_without_code_change(tmp_path: Path) -> None:
    (tmp_path / "tone.md").write_text(TONE)
    prompts = load_prompts(tmp_path)
    assert prompts.rubrics["tone"].version == "2.1.0"
    reviewer = Reviewer(Settings(prompts_dir=tmp_path), judge="rules")
    result = reviewer.review_sync({"message": {"channel": "email", "body": "Thanks for your order."}})
    assert result.scores["tone"].unscored_reason == "no_rules_for_rubric"
    assert result.meta.prompt_versions["tone"] == "2.1.0"


@pytest.mark.parametrize(
    "mutate,problem",
    [
        (lambda t: t.replace('version: "2.1.0"\n', ""), "version: Field required"),
        (lambda t: t.replace("  4: {label: Harmful, description: Insulting.}\n", ""), "missing [4]"),
        (lambda t: t.replace("id: tone", "id: Tone Rubric"), "id: String should match pattern"),
        (lambda t: t.replace("---\nid", "id", 1), "missing YAML front-matter"),
        (lambda t: t.replace("scale:", "scale: [", 1), "not valid YAML"),
        (lambda t: t.replace("title: Brand tone", "title: Brand tone\ncolour: blue"), "colour: Extra inputs"),
    ],
)
def test_broken_rubric_names_file_and_problem(tmp_path: Path, mutate: object, problem: str) -> None:
    path = tmp_path / "tone.md"
    path.write_text(mutate(TONE))  # type: ignore[operator]
    with pytest.raises(RubricError) as err:
        load_prompts(tmp_path)
    assert str(path) in str(err.value) and problem in str(err.value)


def test_frame_with_missing_variable_fails(tmp_path: Path) -> None:
    text = (builtin_prompts_dir() / "judge.md").read_text().replace("{rule_findings}", "")
    (tmp_path / "judge.md").write_text(text)
    with pytest.raises(RubricError, match=r"judge\.md: missing variable\(s\) \{rule_findings\}"):
        load_prompts(tmp_path)


def test_frame_with_unknown_variable_fails(tmp_path: Path) -> None:
    text = (builtin_prompts_dir() / "rewrite.md").read_text() + "\n{customer_email}\n"
    (tmp_path / "rewrite.md").write_text(text)
    with pytest.raises(RubricError, match=r"unknown variable\(s\) \{customer_email\}"):
        load_prompts(tmp_path)


def test_brand_can_override_a_builtin_rubric(tmp_path: Path) -> None:
    shutil.copy(builtin_prompts_dir() / "overreach.md", tmp_path / "overreach.md")
    path = tmp_path / "overreach.md"
    path.write_text(re.sub(r'version: "[^"]+"', 'version: "1.0.0-acme"', path.read_text(), count=1))
    assert load_prompts(tmp_path).rubrics["overreach"].version == "1.0.0-acme"
