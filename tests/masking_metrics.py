"""Recall and precision of masking per entity type on a PII corpus (tests/pii_corpus.py, tests/pii_corpus_world.py).

Recall: the share of PII values in drafts whose every letter and digit lies under some mask (a value masked in
two adjacent pieces, a street line and its postcode, counts as masked: nothing of it is sent). Precision: the
share of masks that lie on real PII, whatever its type; a mask on an ordinary word is over-masking.
"""

import json
from collections import Counter
from typing import Any

from reviewer.models import CustomerContext
from reviewer.privacy import Masker, minimise_context
from reviewer.privacy.masking import entity_type
from tests.pii_corpus import PiiCase


def masked_spans(case: PiiCase, ner: bool = False) -> tuple[str, list[tuple[int, int, str]]]:
    masker = Masker(CustomerContext.model_validate(case.request["context"]), ner=ner)
    body = case.request["message"]["body"]
    masked = masker.mask(body)
    return body, [(s.start, s.end, entity_type(s.placeholder)) for s in masked.spans]


def _truth(case: PiiCase, body: str) -> list[tuple[int, int, str]]:
    truth: list[tuple[int, int, str]] = []
    for value, kind in dict.fromkeys((v, k) for v, k, _ in case.values):
        start = body.find(value)
        while start >= 0:
            if (start, start + len(value), kind) not in truth:
                truth.append((start, start + len(value), kind))
            start = body.find(value, start + 1)
    return truth


def _covered(body: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> bool:
    return all(not body[i].isalnum() or any(s <= i < e for s, e, _ in spans) for i in range(start, end))


def per_type(cases: list[PiiCase], ner: bool = False) -> dict[str, dict[str, float]]:
    """Per type: values in drafts, recall, masks, precision (see the module's docstring)."""
    found, total, true_masks, masks = Counter[str](), Counter[str](), Counter[str](), Counter[str]()
    for case in cases:
        body, spans = masked_spans(case, ner)
        truth = _truth(case, body)
        for start, end, kind in truth:
            total[kind] += 1
            found[kind] += _covered(body, start, end, spans)
        for s, e, kind in spans:
            masks[kind] += 1
            true_masks[kind] += any(s < end and start < e for start, end, _ in truth)
    kinds = sorted(set(total) | set(masks))
    return {
        k: {
            "values": total[k],
            "recall": found[k] / total[k] if total[k] else float("nan"),
            "masks": masks[k],
            "precision": true_masks[k] / masks[k] if masks[k] else float("nan"),
        }
        for k in kinds
    }


def misses(cases: list[PiiCase]) -> list[tuple[str, str]]:
    """(type, value) of every value in a draft that is not wholly masked: what a failing recall assertion shows."""
    out = []
    for case in cases:
        body, spans = masked_spans(case)
        out += [(kind, body[s:e]) for s, e, kind in _truth(case, body) if not _covered(body, s, e, spans)]
    return out


def over_masks(cases: list[PiiCase]) -> list[tuple[str, str]]:
    """(type, text) of every mask that lies on no PII: what a failing precision assertion shows."""
    out = []
    for case in cases:
        body, spans = masked_spans(case)
        truth = _truth(case, body)
        out += [(kind, body[s:e]) for s, e, kind in spans if not any(s < te and ts < e for ts, te, _ in truth)]
    return out


def context_leaks(case: PiiCase) -> list[str]:
    """Context PII values that survive minimisation (what an LLM would see of the context)."""
    masker = Masker(CustomerContext.model_validate(case.request["context"]))
    data, _ = minimise_context(CustomerContext.model_validate(case.request["context"]), masker)
    shown = json.dumps(data, ensure_ascii=False)
    return [value for value, _, where in case.values if where == "context" and value in shown]


def table(metrics: dict[str, dict[str, Any]]) -> str:
    lines = [f"{'type':<16}{'values':>8}{'recall':>9}{'masks':>8}{'precision':>11}"]
    for kind, m in metrics.items():
        lines.append(f"{kind:<16}{m['values']:>8}{m['recall']:>9.3f}{m['masks']:>8}{m['precision']:>11.3f}")
    return "\n".join(lines)
