"""Agreement metrics between labels and predicted scores."""

import math
from collections.abc import Sequence


def quadratic_weighted_kappa(truth: Sequence[int], pred: Sequence[int], k: int = 5) -> float:
    """Cohen's kappa with quadratic weights on the 0..k-1 scale; 1.0 when both raters agree and never vary."""
    n = len(truth)
    if n == 0:
        return float("nan")
    observed = [[0.0] * k for _ in range(k)]
    for t, p in zip(truth, pred, strict=True):
        observed[t][p] += 1
    hist_t = [sum(row) for row in observed]
    hist_p = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            num += w * observed[i][j]
            den += w * hist_t[i] * hist_p[j] / n
    return 1.0 if den == 0 else 1.0 - num / den


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for m in range(i, j + 1):
            ranks[order[m]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    """Spearman rank correlation (ties averaged); NaN when either side is constant."""
    ra, rb = _ranks(a), _ranks(b)
    n = len(a)
    if n < 2:
        return float("nan")
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = math.sqrt(sum((x - ma) ** 2 for x in ra))
    vb = math.sqrt(sum((y - mb) ** 2 for y in rb))
    return float("nan") if va == 0 or vb == 0 else cov / (va * vb)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linearly interpolated."""
    if not values:
        return float("nan")
    s = sorted(values)
    pos = (len(s) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def safe_div(num: float, den: float) -> float:
    """num/den, NaN when den is 0 (so an empty class is visible, not a fake 0 or 1)."""
    return num / den if den else float("nan")
