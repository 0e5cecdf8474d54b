"""Ablation of the embedded judge's layers, per eval split: what each layer adds.

    python bench/ablation.py              # trains the no-grounding variant first (about 2 minutes; needs .[train])

Layers: the rules alone; plus word heads fitted without the grounding features; plus the shipped word heads (stems,
character grams, grounding, context); plus the shipped encoder heads (the sentence's vector from a small offline
encoder, and the context). Prints flag recall per rubric, clean false-positive rate and must_flag recall for every
split; read the untuned splits (holdout, frozen*, field) apart.
"""

import asyncio
import subprocess
import sys
import tempfile
from pathlib import Path

from reviewer import Reviewer
from reviewer.evals.cases import load_cases
from reviewer.evals.runner import report, run_cases
from reviewer.judges import JudgeKit, register_judge
from reviewer.judges.embedded import EmbeddedJudge, SuggestionRewriter
from reviewer.offline import LearnedModel, load_model
from reviewer.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def _kind(name: str, model: LearnedModel | None) -> str:
    @register_judge(name)
    def _kit(settings: Settings, prompts: object, backend: object) -> JudgeKit:
        return JudgeKit(EmbeddedJudge(model), SuggestionRewriter())

    return name


def main() -> int:
    """Train the variant, run every layer over every case, print one table."""
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "no-grounding.json"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "train_offline.py"),
                "--no-grounding",
                "--no-encoder",
                "--out",
                str(plain),
            ],
            check=True,
            capture_output=True,
        )
        shipped = load_model()
        assert shipped is not None, "reviewer/offline/weights.json is missing"
        layers = [
            ("rules", _kind("ablation-rules", None)),
            ("+ word heads, no grounding", _kind("ablation-plain", load_model(plain))),
            ("+ word heads (shipped)", _kind("ablation-words", LearnedModel(shipped.heads, shipped.meta))),
            ("+ encoder heads (shipped)", _kind("ablation-full", shipped)),
        ]
        cases = load_cases([ROOT / "evals" / "cases"])
        rows = []
        for label, kind in layers:
            reviewer = Reviewer(Settings(), judge=kind)
            runs = asyncio.run(run_cases([c for c in cases], reviewer, concurrency=8))
            rep = report(runs)
            for split, data in rep["splits"].items():
                r, o = data["rubrics"], data["overall"]
                rows.append(
                    (
                        split,
                        label,
                        *(r[x]["recall"] for x in ("creepiness", "stereotyping", "overreach")),
                        o["clean_false_positive_rate"],
                        o["must_flag_recall"],
                    )
                )
    print("| split | layers | creepiness | stereotyping | overreach | clean FPR | must_flag recall |")
    print("|---|---|---|---|---|---|---|")
    for row in sorted(rows, key=lambda r: r[0]):
        print(f"| {row[0]} | {row[1]} | " + " | ".join(f"{v:.3f}" for v in row[2:]) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
