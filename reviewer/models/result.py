from typing import Literal

from pydantic import BaseModel, Field

Verdict = Literal["pass", "revise", "block"]
Source = Literal["rules", "llm"]
TextField = Literal["body", "subject"]
Severity = Field(ge=0, le=4)


class Finding(BaseModel):
    """One problem at an exact span: ``text[start:end] == quote`` where text is the body or subject.

    ``suggestion`` is replacement text for the span ("" removes it), or None when no text edit fixes it.
    ``start_utf16``/``end_utf16`` are the same span in UTF-16 code units, for browser clients.
    """

    category: str
    start: int
    end: int
    quote: str
    severity: int = Severity
    message: str
    suggestion: str | None = None
    source: Source = "rules"
    rule_id: str | None = None
    field: TextField = "body"
    start_utf16: int = 0
    end_utf16: int = 0


class RubricScore(BaseModel):
    score: int = Severity
    rationale: str
    source: Literal["rules", "llm", "rules+llm"] = "rules"
    unscored_reason: str | None = Field(
        default=None,
        description="Set when the judge could not score this rubric; the score is the rules floor.",
    )


class Rewrite(BaseModel):
    text: str
    subject: str | None = None
    verified: bool
    verdict: Verdict
    scores: dict[str, RubricScore]
    attempts: int
    notes: list[str] = Field(default_factory=list)


class Redaction(BaseModel):
    entities: dict[str, int] = Field(default_factory=dict)
    fields_withheld: list[str] = Field(default_factory=list)


class Tokens(BaseModel):
    prompt: int = 0
    completion: int = 0
    cached: int = 0  # of the prompt tokens, those the server read from its prompt cache (when it says)

    def __add__(self, other: "Tokens") -> "Tokens":
        return Tokens(
            prompt=self.prompt + other.prompt,
            completion=self.completion + other.completion,
            cached=self.cached + other.cached,
        )


class Meta(BaseModel):
    judge: str
    model: str | None
    prompt_versions: dict[str, str]
    latency_ms: float
    tokens: Tokens | None
    cached: bool = False
    degraded: bool = False
    notes: list[str] = Field(default_factory=list)


class ReviewResult(BaseModel):
    verdict: Verdict
    scores: dict[str, RubricScore]
    findings: list[Finding]
    rewrite: Rewrite | None
    redaction: Redaction
    meta: Meta
