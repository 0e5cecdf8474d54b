"""One catalogue of what the reviewer knows: rubrics (from the rubric files), finding categories and rule ids.

Everything that lists rubrics or categories (the API, evals, SARIF, the LanguageTool route, the README's rules
table) reads them from here, so a brand's rubric file dropped into ``REVIEWER_PROMPTS_DIR`` appears everywhere.
"""

from dataclasses import dataclass
from typing import Literal

from reviewer.rubrics import PromptSet, Rubric
from reviewer.rules import rules


@dataclass(frozen=True)
class Category:
    """A finding category: a rubric, or a blunder that is not scored but counts toward the verdict."""

    id: str
    title: str
    description: str
    kind: Literal["rubric", "blunder"]


# Blunders are fixed by the contract; rubrics come from the rubric files.
BLUNDERS = (
    Category("data_quality", "Data quality", "Template blunders: unrendered merge tags, empty fields.", "blunder"),
    Category("privacy", "Privacy", "Personal data exposed in the message itself.", "blunder"),
)
BLUNDER_IDS = tuple(c.id for c in BLUNDERS)


@dataclass(frozen=True)
class RuleInfo:
    """A rule id the rules stage can emit, with its category and description."""

    id: str
    category: str
    description: str


@dataclass(frozen=True)
class Catalogue:
    """The installed rubrics, every finding category, and every rule id."""

    rubrics: tuple[Rubric, ...]
    categories: tuple[Category, ...]
    rules: tuple[RuleInfo, ...]

    @property
    def rubric_ids(self) -> tuple[str, ...]:
        """The installed rubrics' ids, built-ins first."""
        return tuple(r.id for r in self.rubrics)

    @property
    def category_ids(self) -> tuple[str, ...]:
        """Every finding category's id: the rubrics, then the blunders."""
        return tuple(c.id for c in self.categories)

    def category(self, category_id: str) -> Category:
        """One category; an unknown id (a rule of a rubric no longer installed) gets a plain title."""
        for c in self.categories:
            if c.id == category_id:
                return c
        return Category(category_id, category_id.replace("_", " ").capitalize(), "", "rubric")


def build_catalogue(prompts: PromptSet) -> Catalogue:
    """The catalogue for a set of loaded prompts."""
    rubrics = tuple(prompts.rubrics.values())
    categories = tuple(Category(r.id, r.title, r.description, "rubric") for r in rubrics) + BLUNDERS
    infos = tuple(RuleInfo(r.id, r.id.split(".", 1)[0], r.description) for r in sorted(rules(), key=lambda r: r.id))
    return Catalogue(rubrics, categories, infos)
