"""Records every review of the eval cases and examples with the embedded judge, for before/after comparisons.

Usage: ``python scripts/snapshot_reviews.py OUT.json [--diff OLD.json]`` writes a snapshot and lists what changed.
"""

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from reviewer import Reviewer
from reviewer.evals.cases import load_cases
from reviewer.models import ReviewRequest

ROOT = Path(__file__).resolve().parents[1]


def _requests() -> dict[str, ReviewRequest]:
    out: dict[str, ReviewRequest] = {}
    for case in load_cases([ROOT / "evals" / "cases"]):
        out[f"case:{case.id}"] = ReviewRequest(message=case.message, context=case.context)
    for path in sorted((ROOT / "examples").glob("*.json")):
        data = json.loads(path.read_text())
        if "message" in data:
            out[f"example:{path.name}"] = ReviewRequest.model_validate(data)
    return out


def _essence(result: Any) -> dict[str, Any]:
    d = result.model_dump(mode="json")
    return {
        "verdict": d["verdict"],
        "scores": {k: v["score"] for k, v in d["scores"].items()},
        "findings": sorted(
            (f["field"], f["start"], f["end"], f["category"], f["severity"], f["rule_id"]) for f in d["findings"]
        ),
        "rewrite": d["rewrite"] and {k: d["rewrite"][k] for k in ("text", "subject", "verified")},
    }


async def _snapshot() -> dict[str, Any]:
    reviewer = Reviewer(judge="rules")
    return {key: _essence(await reviewer.review(req)) for key, req in _requests().items()}


def main() -> int:
    """Write the snapshot; with --diff, exit 1 when any review changed."""
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--diff", type=Path)
    args = parser.parse_args()
    snap = json.loads(json.dumps(asyncio.run(_snapshot())))
    args.out.write_text(json.dumps(snap, indent=1, sort_keys=True))
    print(f"{len(snap)} reviews written to {args.out}")
    if args.diff:
        old = json.loads(args.diff.read_text())
        changed = [k for k in sorted(set(old) | set(snap)) if old.get(k) != snap.get(k)]
        for key in changed:
            print(f"changed: {key}\n  before: {old.get(key)}\n  after:  {snap.get(key)}")
        print(f"{len(changed)} of {len(snap)} changed")
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
