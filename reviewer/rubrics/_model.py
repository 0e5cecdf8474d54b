from typing import Any, Literal

from langchain_core.prompts import ChatPromptTemplate
from pydantic import BaseModel, ConfigDict, Field, field_validator

SCORES = (0, 1, 2, 3, 4)


class Anchor(BaseModel):
    """What one score on the 0-4 scale means, with short examples."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(min_length=1)
    description: str = Field(min_length=1)
    examples: list[str] = Field(default_factory=list)


class Rubric(BaseModel):
    """A rubric file: front-matter plus guidance text for the LLM judge."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: Literal["rubric"] = "rubric"
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    scale: dict[int, Anchor]
    guidance: str = Field(min_length=1)
    own_call: bool = Field(
        default=False, description="Judge this rubric in a call of its own instead of the shared call."
    )
    path: str

    @field_validator("scale")
    @classmethod
    def _all_five_scores(cls, scale: dict[int, Anchor]) -> dict[int, Anchor]:
        missing = [s for s in SCORES if s not in scale]
        extra = [s for s in scale if s not in SCORES]
        if missing or extra:
            raise ValueError(f"scale must describe exactly the scores 0-4 (missing {missing}, unexpected {extra})")
        return dict(sorted(scale.items()))

    def public(self) -> dict[str, Any]:
        """What clients see of a rubric: id, version, title, description and the 0-4 anchors."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "description": self.description,
            "scale": {str(k): a.model_dump() for k, a in self.scale.items()},
        }

    def prompt_text(self) -> str:
        """The rubric as one block of the judge prompt: id, title, guidance and the 0-4 anchors."""
        return f"### {self.id}: {self.title}\n{self.guidance}\n\nScale:\n{self.scale_text()}"

    def scale_text(self) -> str:
        """The anchors as prompt text."""
        lines = []
        for score, anchor in self.scale.items():
            examples = "; ".join(f'"{e}"' for e in anchor.examples)
            lines.append(f"{score} = {anchor.label}: {anchor.description}" + (f" e.g. {examples}" if examples else ""))
        return "\n".join(lines)


class PromptFrame(BaseModel):
    """A two-message chat prompt (system + user) kept as a file, as a langchain-core template."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    id: str
    kind: Literal["frame", "rewrite"]
    version: str
    description: str = ""
    template: ChatPromptTemplate
    path: str
