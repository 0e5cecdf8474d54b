"""The eval config file (TOML): gate tolerance, absolute floors and ceilings, and token prices."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.errors import InputError

DEFAULT_PATH = Path("evals/eval.toml")


@dataclass
class EvalConfig:
    """Settings for ``reviewer eval``."""

    tolerance: float = 0.02
    minimum: dict[str, float] = field(default_factory=dict)  # metric path -> lowest allowed value
    maximum: dict[str, float] = field(default_factory=dict)  # metric path -> highest allowed value
    prices: dict[str, dict[str, float]] = field(default_factory=dict)  # model -> USD per 1K prompt/completion


def load_config(path: Path | None) -> EvalConfig:
    """Read ``path`` (or evals/eval.toml when it exists); defaults otherwise."""
    if path is None:
        if not DEFAULT_PATH.is_file():
            return EvalConfig()
        path = DEFAULT_PATH
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such eval config") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    gate = data.get("gate", {})
    try:
        return EvalConfig(
            tolerance=float(gate.get("tolerance", 0.02)),
            minimum={k: float(v) for k, v in gate.get("minimum", {}).items()},
            maximum={k: float(v) for k, v in gate.get("maximum", {}).items()},
            prices={m: {k: float(v) for k, v in p.items()} for m, p in data.get("prices", {}).items()},
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"{path}: {exc}; see the comments in evals/eval.toml for the expected shape") from None


def metric(report: dict[str, Any], path: str) -> Any:
    """``"creepiness.recall"`` or ``"overall.must_flag_recall"`` looked up in a report; ``"frozen:..."`` in a split.

    A bound on a split the run did not include is not checked.
    """
    split, colon, rest = path.partition(":")
    if colon:
        report = report.get("splits", {}).get(split)
        if report is None:
            return None
        path = rest
    section, _, name = path.partition(".")
    table = report["overall"] if section == "overall" else report["rubrics"].get(section, {})
    return table.get(name)


def check_bounds(report: dict[str, Any], config: EvalConfig) -> list[str]:
    """Metrics outside the absolute floors and ceilings, and rubric judgements that are unknown (unscored)."""
    out = []
    unscored = report["overall"].get("unscored", 0)
    if unscored:
        out.append(
            f"overall.unscored: {unscored} rubric judgement(s) unscored by the judge; an unknown score is not a "
            "pass, so the gate cannot pass (see each case's notes for the reason, then run again)"
        )
    for path, low in config.minimum.items():
        value = metric(report, path)
        if isinstance(value, int | float) and value == value and value < low:
            out.append(f"{path}: {value:.3f} is below the minimum {low}")
    for path, high in config.maximum.items():
        value = metric(report, path)
        if isinstance(value, int | float) and value == value and value > high:
            out.append(f"{path}: {value:.3f} is above the maximum {high}")
    return out
