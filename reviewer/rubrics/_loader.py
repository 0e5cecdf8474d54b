"""Loads and validates the prompt files: rubrics, the judge frame and the rewrite prompt."""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from langchain_core.prompts import ChatPromptTemplate
from pydantic import ValidationError

from reviewer.errors import RubricError, UnknownRubricError
from reviewer.rubrics._model import PromptFrame, Rubric

# The judge frame's system message takes only what is the same for every review (a cacheable prefix); the
# per-review data (nonce, draft, context, rule findings) belongs in its user message. The JSON schema is not a
# variable: the backend sends it as the response format, and the prompt shows the answer's shape in words.
JUDGE_VARIABLES = frozenset(
    {"rubrics", "thresholds", "nonce", "channel", "subject", "body", "context", "rule_findings"}
)
REWRITE_VARIABLES = frozenset(
    {"keep", "nonce", "channel", "length_limit", "subject", "body", "context", "problems", "feedback"}
)
# Variables that change per review: a frame's system message must not use them, or nothing can be cached.
PER_REVIEW_VARIABLES = frozenset(
    {"nonce", "channel", "length_limit", "keep", "subject", "body", "context", "rule_findings", "problems", "feedback"}
)
_FRAME_VARIABLES = {"frame": JUDGE_VARIABLES, "rewrite": REWRITE_VARIABLES}


@dataclass(frozen=True)
class PromptSet:
    """Everything loaded from the prompt directories."""

    rubrics: dict[str, Rubric]
    judge: PromptFrame
    rewrite: PromptFrame

    def select(self, ids: Iterable[str] | None) -> list[Rubric]:
        """The rubrics a request asked for; all of them when ``ids`` is None."""
        if ids is None:
            return list(self.rubrics.values())
        unknown = [i for i in ids if i not in self.rubrics]
        if unknown:
            raise UnknownRubricError(f"unknown rubric(s) {', '.join(unknown)}; installed: {', '.join(self.rubrics)}")
        return [self.rubrics[i] for i in dict.fromkeys(ids)]

    def versions(self, rubrics: Iterable[Rubric]) -> dict[str, str]:
        """Prompt versions in force for a review, rewrite prompt included."""
        versions = {r.id: r.version for r in rubrics}
        versions["judge"] = self.judge.version
        versions["rewrite"] = self.rewrite.version
        return versions


def builtin_prompts_dir() -> Path:
    """The prompts shipped with the package (wheel) or beside it (source checkout)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "prompts", here.parent / "prompts"):
        if candidate.is_dir():
            return candidate
    raise RubricError(here, "no prompts/ directory found; reinstall the package")


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        raise RubricError(path, "missing YAML front-matter; the file must start with a line '---'")
    parts = text.split("\n---", 1)
    if len(parts) != 2:
        raise RubricError(path, "front-matter is not closed; add a line '---' after it")
    try:
        meta = yaml.safe_load(parts[0][3:])
    except yaml.YAMLError as exc:
        raise RubricError(path, f"front-matter is not valid YAML ({exc})") from exc
    if not isinstance(meta, dict):
        raise RubricError(path, "front-matter must be a YAML mapping of keys such as id, version, scale")
    body = parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
    return meta, body.strip()


def _describe(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in err['loc']) or 'file'}: {err['msg']}" for err in exc.errors())


def _parse_rubric(path: Path, meta: dict[str, Any], body: str) -> Rubric:
    try:
        return Rubric.model_validate({**meta, "guidance": body, "path": str(path)})
    except ValidationError as exc:
        raise RubricError(path, _describe(exc)) from None


def _parse_frame(path: Path, meta: dict[str, Any], body: str) -> PromptFrame:
    kind = meta.get("kind")
    sections = body.split("## user", 1)
    if not sections[0].lstrip().startswith("## system") or len(sections) != 2:
        raise RubricError(path, "the body needs a '## system' section followed by a '## user' section")
    system = sections[0].lstrip().removeprefix("## system").strip()
    user = sections[1].strip()
    try:
        template = ChatPromptTemplate.from_messages([("system", system), ("human", user)])
    except (ValueError, KeyError) as exc:
        raise RubricError(path, f"template does not parse ({exc}); write literal braces as {{{{ }}}}") from None
    expected = _FRAME_VARIABLES[str(kind)]
    found = set(template.input_variables)
    if missing := sorted(expected - found):
        raise RubricError(path, f"missing variable(s) {', '.join('{' + m + '}' for m in missing)}")
    if unknown := sorted(found - expected):
        raise RubricError(
            path,
            f"unknown variable(s) {', '.join('{' + u + '}' for u in unknown)}; allowed: {sorted(expected)}",
        )
    system_vars = set(ChatPromptTemplate.from_messages([("system", system)]).input_variables)
    if per_review := sorted(system_vars & PER_REVIEW_VARIABLES):
        raise RubricError(
            path,
            f"the system section uses per-review variable(s) {', '.join('{' + v + '}' for v in per_review)}; "
            "move them to the user section so the system message stays the same for every review (cacheable)",
        )
    try:
        return PromptFrame.model_validate({**meta, "template": template, "path": str(path)})
    except ValidationError as exc:
        raise RubricError(path, _describe(exc)) from None


def load_prompts(extra_dir: Path | None = None) -> PromptSet:
    """Load every ``*.md`` prompt file; files in ``extra_dir`` add rubrics or replace same-id ones."""
    dirs = [builtin_prompts_dir()]
    if extra_dir is not None:
        if not extra_dir.is_dir():
            raise RubricError(extra_dir, "REVIEWER_PROMPTS_DIR is not a directory")
        dirs.append(extra_dir)
    rubrics: dict[str, Rubric] = {}
    frames: dict[str, PromptFrame] = {}
    for directory in dirs:
        for path in sorted(directory.glob("*.md")):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise RubricError(path, f"cannot be read ({exc})") from None
            meta, body = _split_front_matter(path, text)
            kind = meta.get("kind", "rubric")
            if kind == "rubric":
                rubric = _parse_rubric(path, meta, body)
                rubrics[rubric.id] = rubric
            elif kind in _FRAME_VARIABLES:
                frames[kind] = _parse_frame(path, meta, body)
            else:
                raise RubricError(path, f"unknown kind {kind!r}; use rubric, frame or rewrite")
    for kind in _FRAME_VARIABLES:
        if kind not in frames:
            raise RubricError(dirs[0], f"no prompt file of kind {kind!r} found")
    if not rubrics:
        raise RubricError(dirs[0], "no rubric files found")
    return PromptSet(rubrics=rubrics, judge=frames["frame"], rewrite=frames["rewrite"])
