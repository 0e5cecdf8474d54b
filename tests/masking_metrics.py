"""Recall and precision of masking per entity type on the generated PII corpus."""

import json
from collections import Counter
from typing import Any

from reviewer.models import CustomerContext
from reviewer.privacy import Masker, minimise_context
from tests.pii_corpus import PiiCase


def masked_spans(case: PiiCase, ner: bool = False) -> tuple[str, list[tuple[int, int, str]]]:
    masker = Masker(CustomerContext.model_validate(case.request["context"]), ner=ner)
    body = case.request["message"]["body"]
    masked = masker.mask(body)
    return body, [(s.start, s.end, s.placeholder.strip("<>").rstrip("_0123456789")) for s in masked.spans]


def per_type(cases: list[PiiCase], ner: bool = False) -> dict[str, dict[str, float]]:
    """Recall: share of PII values in drafts fully covered by a mask. Precision: share of masks on real PII."""
    found, total, true_masks, masks = Counter[str](), Counter[str](), Counter[str](), Counter[str]()
    for case in cases:
        body, spans = masked_spans(case, ner)
        truth: list[tuple[int, int, str]] = []
        for value, kind in dict.fromkeys((v, k) for v, k, _ in case.values):
            start = body.find(value)
            while start >= 0:
                if (start, start + len(value), kind) not in truth:
                    truth.append((start, start + len(value), kind))
                start = body.find(value, start + 1)
        for start, end, kind in truth:
            total[kind] += 1
            if any(s <= start and end <= e for s, e, _ in spans):
                found[kind] += 1
        for s, e, kind in spans:
            masks[kind] += 1
            if any(s < end and start < e for start, end, _ in truth):  # on real PII, whatever its type
                true_masks[kind] += 1
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
