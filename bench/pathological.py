"""Benchmark: the rules stage on finding-dense drafts against prose, per kilobyte (issue 18).

    python bench/pathological.py [--kb 20]

Prints milliseconds per kilobyte for prose and for each finding-dense draft, and each one's ratio to prose.
Target: every ratio stays within a small constant as --kb grows (a quadratic stage shows as a ratio that grows
with the size: "Hi , " x 3,998 took 13 s before).
"""

import argparse
import time

from reviewer.models import ReviewRequest
from reviewer.rules.engine import run_rules
from reviewer.settings import Settings

PROSE = (
    "Dear Grace,\nThank you for your order last week. Our spring collection has arrived, with linen shirts, "
    "light jackets and walking shoes in new colours. Members save 10% until Sunday. "
)
DENSE = {
    "empty names": "Hi , ",
    "TBD placeholders": "TBD ",
    "price placeholders": "$XX ",
    "capitals": "ACT NOW ",
    "health words": "Surgery ",
}


def ms_per_kb(text: str, settings: Settings, runs: int = 3) -> float:
    """The best of ``runs`` timings of the rules stage, in milliseconds per kilobyte of text."""
    request = ReviewRequest.model_validate({"message": {"channel": "email", "body": text}, "context": {}})
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        findings = run_rules(request.message, request.context, settings)
        best = min(best, time.perf_counter() - started)
    del findings
    return best * 1000 / (len(text) / 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kb", type=int, default=20, help="draft size in kilobytes")
    size = parser.parse_args().kb * 1000
    settings = Settings(judge="rules")
    prose = ms_per_kb((PROSE * (size // len(PROSE) + 1))[:size], settings)
    print(f"{'draft':<20}{'ms/KB':>10}{'x prose':>10}")
    print(f"{'prose':<20}{prose:>10.2f}{1:>10.1f}")
    for name, unit in DENSE.items():
        dense = ms_per_kb((unit * (size // len(unit) + 1))[:size], settings)
        print(f"{name:<20}{dense:>10.2f}{dense / prose:>10.1f}")


if __name__ == "__main__":
    main()
