"""Runs a reviewer over eval cases and computes the report."""

import asyncio
import sys
from collections.abc import Callable
from typing import Any

from reviewer.catalogue import BLUNDER_IDS as BLUNDER_CATEGORIES
from reviewer.evals.cases import EvalCase
from reviewer.evals.metrics import percentile, quadratic_weighted_kappa, safe_div, spearman
from reviewer.models import Finding, ReviewRequest, ReviewResult, Verdict
from reviewer.pipeline import Reviewer

FLAG_AT = 2  # a score ≥ 2 means "flagged" (revise or worse)


def expected_verdict(case: EvalCase) -> Verdict | None:
    """The verdict the labels imply; None when a data-quality or privacy blunder decides it.

    Labels score the three rubrics only, so they cannot say how severe a blunder is: those cases are measured
    by ``blunder_detection`` (the verdict must not be ``pass``) instead of verdict accuracy.
    """
    if any(m.rubric in BLUNDER_CATEGORIES for m in case.must_flag):
        return None
    level = max(case.labels.values())
    return "block" if level >= 3 else "revise" if level == 2 else "pass"


def must_flag_hits(case: EvalCase, findings: list[Finding]) -> list[bool]:
    """Whether each must_flag item is met: a finding of its category overlaps the quote's span in the body."""
    hits = []
    body = case.message.body
    for item in case.must_flag:
        start = body.find(item.quote)
        if start < 0:
            hits.append(False)
            continue
        end = start + len(item.quote)
        hits.append(
            any(f.category == item.rubric and f.field == "body" and f.start < end and f.end > start for f in findings)
        )
    return hits


async def run_cases(
    cases: list[EvalCase],
    reviewer: Reviewer,
    concurrency: int = 4,
    progress: Callable[[int, int], None] | None = None,
    repeat: int = 1,
) -> list[tuple[EvalCase, list[ReviewResult]]]:
    """Review every case ``repeat`` times, at most ``concurrency`` at a time, reporting progress."""
    sem = asyncio.Semaphore(concurrency)
    done = 0
    total = len(cases) * repeat

    async def one(case: EvalCase) -> ReviewResult:
        nonlocal done
        async with sem:
            result = await reviewer.review(ReviewRequest(message=case.message, context=case.context))
        done += 1
        if progress:
            progress(done, total)
        return result

    runs = await asyncio.gather(*(one(c) for c in cases for _ in range(repeat)))
    return [(case, list(runs[i * repeat : (i + 1) * repeat])) for i, case in enumerate(cases)]


def stderr_progress(done: int, total: int) -> None:
    """A progress bar on a terminal; in a log (CI), a line every 10%."""
    if not sys.stderr.isatty():
        step = max(1, total // 10)
        if done % step == 0 or done == total:
            print(f"{done}/{total} cases", file=sys.stderr, flush=True)
        return
    width = 30
    filled = int(width * done / total)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} cases")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def labelled_rubrics(cases: list[EvalCase]) -> list[str]:
    """The rubrics any case labels, in first-seen order."""
    return list(dict.fromkeys(r for c in cases for r in c.labels))


def _variance(runs: list[tuple[EvalCase, list[ReviewResult]]]) -> dict[str, Any] | None:
    repeats = len(runs[0][1]) if runs else 1
    if repeats < 2:
        return None
    spreads = []
    rubrics = labelled_rubrics([c for c, _ in runs])
    for _, results in runs:
        for rubric in rubrics:
            scores = [r.scores[rubric].score for r in results if rubric in r.scores]
            spreads.append(max(scores) - min(scores) if scores else 0)
    unstable = sum(
        any(len({r.scores[rb].score for r in results if rb in r.scores}) > 1 for rb in rubrics) for _, results in runs
    )
    return {
        "repeats": repeats,
        "mean_spread": sum(spreads) / len(spreads),
        "max_spread": max(spreads),
        "unstable_cases": unstable,
    }


def _metrics(
    runs: list[tuple[EvalCase, list[ReviewResult]]], prices: dict[str, float] | None
) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    """Per-rubric and overall metrics of the first run of each case."""
    results = [(case, rs[0]) for case, rs in runs]
    per_rubric: dict[str, dict[str, float]] = {}
    clean = [(c, r) for c, r in results if c.is_clean()]
    for rubric in labelled_rubrics([c for c, _ in results]):
        labelled = [(c, r) for c, r in results if rubric in c.labels]
        truth = [c.labels[rubric] for c, _ in labelled]
        pred = [r.scores[rubric].score if rubric in r.scores else 0 for _, r in labelled]
        pairs = list(zip(truth, pred, strict=True))
        tp = sum(t >= FLAG_AT and p >= FLAG_AT for t, p in pairs)
        fp = sum(t < FLAG_AT <= p for t, p in pairs)
        fn = sum(p < FLAG_AT <= t for t, p in pairs)
        precision, recall = safe_div(tp, tp + fp), safe_div(tp, tp + fn)
        clean_here = [(c, r) for c, r in clean if rubric in c.labels]
        per_rubric[rubric] = {
            "exact_accuracy": safe_div(sum(t == p for t, p in pairs), len(pairs)),
            "within_1_accuracy": safe_div(sum(abs(t - p) <= 1 for t, p in pairs), len(pairs)),
            "qwk": quadratic_weighted_kappa(truth, pred),
            "spearman": spearman(truth, pred),
            "precision": precision,
            "recall": recall,
            "f1": safe_div(2 * precision * recall, precision + recall) if tp else (0.0 if fp or fn else float("nan")),
            "false_positive_rate_clean": safe_div(
                sum(r.scores[rubric].score >= FLAG_AT for _, r in clean_here if rubric in r.scores), len(clean_here)
            ),
        }
    hits = [h for c, r in results for h in must_flag_hits(c, r.findings)]
    decided = [(c, r) for c, r in results if expected_verdict(c) is not None]
    blunders = [r for c, r in results if expected_verdict(c) is None]
    flagged = [(c, r) for c, r in results if expected_verdict(c) != "pass"]
    verified = [(c, r) for c, r in flagged if r.rewrite and r.rewrite.verified]
    latencies = [r.meta.latency_ms for _, rs in runs for r in rs]
    prompt_tokens = sum(r.meta.tokens.prompt for _, rs in runs for r in rs if r.meta.tokens)
    completion_tokens = sum(r.meta.tokens.completion for _, rs in runs for r in rs if r.meta.tokens)
    cost = (
        (prompt_tokens * prices.get("prompt", 0.0) + completion_tokens * prices.get("completion", 0.0)) / 1000
        if prices
        else None
    )
    overall = {
        "cases": len(results),
        "clean_cases": len(clean),
        "verdict_accuracy": safe_div(sum(r.verdict == expected_verdict(c) for c, r in decided), len(decided)),
        "blunder_detection": safe_div(sum(r.verdict != "pass" for r in blunders), len(blunders)),
        "clean_false_positive_rate": safe_div(sum(r.verdict != "pass" for _, r in clean), len(clean)),
        "must_flag_recall": safe_div(sum(hits), len(hits)),
        "rewrite_success_rate": safe_div(len(verified), len(flagged)),
        "verified_rewrites_keeping_must_flag": sum(
            any(m.quote in (r.rewrite.text if r.rewrite else "") for m in c.must_flag) for c, r in verified
        ),
        "latency_ms_p50": percentile(latencies, 50),
        "latency_ms_p95": percentile(latencies, 95),
        "tokens": {"prompt": prompt_tokens, "completion": completion_tokens},
        "cost_usd": cost,
        "degraded": sum(r.meta.degraded for _, rs in runs for r in rs),
        # Rubric judgements the judge could not make: unknown, not passes; the gate fails on any (check_bounds).
        "unscored": sum(s.unscored_reason is not None for _, r in results for s in r.scores.values()),
    }
    return per_rubric, overall


def report(runs: list[tuple[EvalCase, list[ReviewResult]]], prices: dict[str, float] | None = None) -> dict[str, Any]:
    """Metrics per rubric and overall (first run of each case), per split, spread across repeats, and each case.

    ``prices`` are USD per 1,000 tokens: ``{"prompt": ..., "completion": ...}``. A split is the folder a case
    file is in; report the splits you tuned on apart from the ones you did not.
    """
    per_rubric, overall = _metrics(runs, prices)
    splits: dict[str, Any] = {}
    for name in dict.fromkeys(c.split for c, _ in runs):
        split_rubrics, split_overall = _metrics([(c, rs) for c, rs in runs if c.split == name], prices)
        splits[name] = {"rubrics": split_rubrics, "overall": split_overall}
    results = [(case, rs[0]) for case, rs in runs]
    cases = [
        {
            "id": c.id,
            "file": c.source.rsplit(":", 1)[0],
            "split": c.split,
            "labels": dict(c.labels),
            "predicted": {k: v.score for k, v in r.scores.items()},
            "runs": [{k: v.score for k, v in extra.scores.items()} for extra in rs[1:]],
            "expected_verdict": expected_verdict(c),
            "verdict": r.verdict,
            "must_flag": [m.model_dump() for m in c.must_flag],
            "must_flag_hits": must_flag_hits(c, r.findings),
            "latency_ms": r.meta.latency_ms,
            "findings": [
                f.model_dump(include={"category", "start", "end", "quote", "severity", "rule_id", "source", "field"})
                for f in r.findings
            ],
            "rewrite": r.rewrite.model_dump(include={"text", "verified"}) if r.rewrite else None,
        }
        for (c, rs), (_, r) in zip(runs, results, strict=True)
    ]
    return {"rubrics": per_rubric, "overall": overall, "splits": splits, "variance": _variance(runs), "cases": cases}


def compare(current: dict[str, Any], baseline: dict[str, Any], tolerance: float) -> list[str]:
    """Metrics that dropped by more than ``tolerance`` against the baseline (rates that rose, for FPR)."""
    regressions = []
    lower_is_better = {"false_positive_rate_clean", "clean_false_positive_rate"}

    def check(name: str, now: Any, then: Any) -> None:
        if not isinstance(now, int | float) or not isinstance(then, int | float) or then != then or now != now:
            return
        worse = now - then if any(name.endswith(m) for m in lower_is_better) else then - now
        if worse > tolerance:
            regressions.append(f"{name}: {then:.3f} -> {now:.3f}")

    def check_all(prefix: str, now: dict[str, Any], then: dict[str, Any]) -> None:
        for rubric, metrics in then.get("rubrics", {}).items():
            for metric in ("recall", "precision", "f1", "qwk", "within_1_accuracy", "false_positive_rate_clean"):
                if metric in metrics:
                    check(f"{prefix}{rubric}.{metric}", now["rubrics"].get(rubric, {}).get(metric), metrics[metric])
        for metric in ("verdict_accuracy", "must_flag_recall", "clean_false_positive_rate", "rewrite_success_rate"):
            if metric in then.get("overall", {}):
                check(f"{prefix}{metric}", now["overall"].get(metric), then["overall"][metric])

    check_all("", current, baseline)
    for name, split in baseline.get("splits", {}).items():
        if name in current.get("splits", {}):
            check_all(f"{name}: ", current["splits"][name], split)
    return regressions


def summary_table(rep: dict[str, Any]) -> str:
    """The metrics as a fixed-width table."""
    cols = (
        "exact_accuracy",
        "within_1_accuracy",
        "qwk",
        "spearman",
        "precision",
        "recall",
        "f1",
        "false_positive_rate_clean",
    )
    heads = ("exact", "within1", "QWK", "rho", "prec", "recall", "F1", "FPR clean")
    lines = [f"{'rubric':<14}" + "".join(f"{h:>10}" for h in heads)]
    for rubric, m in rep["rubrics"].items():
        lines.append(f"{rubric[:14]:<14}" + "".join(f"{m[c]:>10.3f}" for c in cols))
    o = rep["overall"]
    lines.append("")
    lines.append(
        f"cases {o['cases']} (clean {o['clean_cases']})  verdict acc {o['verdict_accuracy']:.3f}  "
        f"blunders caught {o['blunder_detection']:.3f}  "
        f"must_flag recall {o['must_flag_recall']:.3f}  clean FPR {o['clean_false_positive_rate']:.3f}  "
        f"rewrite success {o['rewrite_success_rate']:.3f}  latency p50 {o['latency_ms_p50']:.2f} ms "
        f"p95 {o['latency_ms_p95']:.2f} ms  tokens {o['tokens']['prompt']}+{o['tokens']['completion']}"
    )
    return "\n".join(lines)
