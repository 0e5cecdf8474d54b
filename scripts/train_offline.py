"""Fits the embedded judge's sentence model on the training splits and writes reviewer/offline/weights.json.

Trains on evals/cases/suite and evals/cases/dev only (plus the rubric files' anchor examples); the frozen,
holdout and field splits are never read. Sentence labels come from the ``must_flag`` quotes: a sentence that
overlaps a quote of a rubric labelled 2 or more is positive for it. Thresholds are chosen by grouped
cross-validation so that, across the training cases, few clean controls are flagged. A head whose
cross-validated recall at that threshold is too low does not flag at all; every head also gets a looser doubt
threshold: a suggested rewrite with a sentence past it is not called verified.

Needs scikit-learn (``pip install -e .[train]``); the shipped weights need nothing at run time.

    python scripts/train_offline.py [--max-clean-fpr 0.02] [--c 4]
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, vstack
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from reviewer.evals.cases import EvalCase, load_cases
from reviewer.models import CustomerContext
from reviewer.offline.features import DIM, context_tokens, grounding, hashed, sentence_features
from reviewer.offline.model import WEIGHTS
from reviewer.rubrics import load_prompts
from reviewer.rules._text import Sentences

ROOT = Path(__file__).resolve().parents[1]
TRAIN_SPLITS = ("suite", "dev")
RUBRICS = ("creepiness", "stereotyping", "overreach")


def _rows(case: EvalCase, with_grounding: bool = True) -> list[tuple[dict[int, float], dict[str, int]]]:
    known = grounding(case.context) if with_grounding else {}
    ctx = context_tokens(case.context, case.message.channel)
    rows = []
    body = case.message.body
    quotes = []
    for m in case.must_flag:
        at = body.find(m.quote)
        if at >= 0:
            quotes.append((m.rubric, at, at + len(m.quote)))
    texts = [("body", body)] + ([("subject", case.message.subject)] if case.message.subject else [])
    for field, text in texts:
        for start, end in Sentences(text).spans:
            y = {}
            for rubric in RUBRICS:
                hit = field == "body" and any(r == rubric and s < end and e > start for r, s, e in quotes)
                y[rubric] = int(hit and case.labels.get(rubric, 0) >= 2)
            rows.append((hashed(sentence_features(text[start:end], known, ctx)), y))
    return rows


def _anchor_rows() -> list[tuple[dict[int, float], dict[str, int]]]:
    """The rubric files' scale examples as extra sentences, with an empty context."""
    rows = []
    empty = CustomerContext()
    for rubric in load_prompts().rubrics.values():
        if rubric.id not in RUBRICS:
            continue
        for score, anchor in rubric.scale.items():
            for example in anchor.examples:
                x = hashed(sentence_features(example, grounding(empty), context_tokens(empty, "email")))
                rows.append((x, {r: int(r == rubric.id and score >= 2) for r in RUBRICS}))
    return rows


def _matrix(xs: list[dict[int, float]]) -> csr_matrix:
    indptr, indices, data = [0], [], []
    for x in xs:
        indices += list(x)
        data += list(x.values())
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(xs), DIM))


def main() -> int:
    """Fit, choose thresholds by cross-validation, write the weights."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-clean-fpr", type=float, default=0.02, help="per rubric, on training controls")
    parser.add_argument("--c", type=float, default=4.0, help="inverse regularisation strength")
    parser.add_argument("--no-grounding", action="store_true", help="leave out the grounding features (ablation)")
    parser.add_argument("--out", type=Path, default=WEIGHTS, help="where to write the weights")
    parser.add_argument(
        "--min-cv-recall", type=float, default=0.3, help="a head below this cross-validated recall does not flag"
    )
    parser.add_argument(
        "--flag",
        default="creepiness",
        help="comma-separated rubrics whose heads may flag (those that also pass --min-cv-recall); the others only "
        "doubt. Creepiness alone: the overreach head passed the recall bar on the 2,745-case dev corpus (0.32) but "
        "pushed frozen5's clean false-positive rate from 0.035 to 0.053, past the 0.05 the learned layer must keep",
    )
    parser.add_argument(
        "--doubt-clean-rate",
        type=float,
        default=0.10,
        help="per rubric, the share of training controls a head may doubt: a rewrite with a doubted sentence is not "
        "verified",
    )
    args = parser.parse_args()
    cases = [c for c in load_cases([ROOT / "evals" / "cases"]) if c.split in TRAIN_SPLITS]
    rows, groups, case_of = [], [], []
    for n, case in enumerate(cases):
        for row in _rows(case, not args.no_grounding):
            rows.append(row)
            groups.append(n)
            case_of.append(n)
    anchors = _anchor_rows()
    X = _matrix([x for x, _ in rows])
    XA = _matrix([x for x, _ in anchors])
    groups_a = np.array(groups)
    heads = {}
    report = []
    for rubric in RUBRICS:
        y = np.array([r[1][rubric] for r in rows])
        ya = np.array([r[1][rubric] for r in anchors])
        oof = np.zeros(len(rows))
        for train, test in GroupKFold(n_splits=5).split(X, y, groups_a):
            model = LogisticRegression(C=args.c, class_weight="balanced", max_iter=2000)
            model.fit(vstack([X[train], XA]), np.concatenate([y[train], ya]))
            oof[test] = model.predict_proba(X[test])[:, 1]
        # case-level: the highest sentence probability of each case
        best = np.zeros(len(cases))
        for p, n in zip(oof, case_of, strict=True):
            best[n] = max(best[n], p)
        clean = np.array([c.is_clean() for c in cases])
        flagged = np.array([c.labels.get(rubric, 0) >= 2 for c in cases])
        threshold = 0.5
        for t in np.arange(0.30, 0.99, 0.01):
            if (best[clean] >= t).mean() <= args.max_clean_fpr:
                threshold = float(t)
                break
        serious = float(min(0.99, threshold + (1 - threshold) / 2))
        doubt = float(np.quantile(best[clean], 1 - args.doubt_clean_rate))
        recall = float((best[flagged] >= threshold).mean()) if flagged.any() else float("nan")
        fpr = float((best[clean] >= threshold).mean())
        flags = recall >= args.min_cv_recall and rubric in args.flag.split(",")
        report.append(
            f"{rubric:<13} threshold {threshold:.2f}  cv case recall {recall:.3f}  cv clean FPR {fpr:.3f}  "
            + ("flags" if flags else "does not flag")
            + f"; doubt {doubt:.2f} (cv case recall {(best[flagged] >= doubt).mean():.3f})"
        )
        final = LogisticRegression(C=args.c, class_weight="balanced", max_iter=2000)
        final.fit(vstack([X, XA]), np.concatenate([y, ya]))
        coef = final.coef_[0]
        nz = np.flatnonzero(np.abs(coef) >= 1e-3)
        heads[rubric] = {
            "bias": round(float(final.intercept_[0]), 5),
            "threshold": round(threshold, 3) if flags else None,
            "doubt": round(min(doubt, threshold), 3),
            "serious": round(serious, 3),
            "weights": {str(int(i)): round(float(coef[i]), 4) for i in nz},
        }
    meta = {
        "trained_on": list(TRAIN_SPLITS),
        "cases": len(cases),
        "sentences": len(rows),
        "anchor_examples": len(anchors),
        "C": args.c,
        "max_clean_fpr": args.max_clean_fpr,
        "doubt_clean_rate": args.doubt_clean_rate,
        "flag": args.flag,
        "cv": report,
        "grounding": not args.no_grounding,
    }
    args.out.write_text(json.dumps({"meta": meta, "rubrics": heads}, separators=(",", ":")) + "\n", encoding="utf-8")
    print("\n".join(report))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
