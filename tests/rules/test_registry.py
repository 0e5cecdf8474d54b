"""Every rule id a finding can carry is registered, with a description."""

import ast
import json
from pathlib import Path

import pytest

from reviewer.models import CustomerContext, Message
from reviewer.rules import rules, run_rules
from reviewer.rules._base import REGISTRY
from reviewer.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
RULES_DIR = ROOT / "reviewer" / "rules"
_EMITTERS = {"finding", "phrase_removal", "sentence_finding"}


def _eval_requests() -> list[tuple[str, Message, CustomerContext]]:
    out = []
    for path in sorted((ROOT / "evals" / "cases").rglob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            where = f"{path.relative_to(ROOT)}:{n}"
            message = Message.model_validate(case["message"])
            out.append((where, message, CustomerContext.model_validate(case.get("context") or {})))
    return out


def test_every_emitted_id_over_the_eval_cases_is_registered() -> None:
    requests = _eval_requests()
    assert requests, "no eval cases found"
    settings = Settings(_env_file=None)
    emitted: dict[str, str] = {}
    for where, message, context in requests:
        for f in run_rules(message, context, settings):
            assert f.rule_id is not None
            emitted.setdefault(f.rule_id, where)
    unregistered = {rule_id: where for rule_id, where in emitted.items() if rule_id not in REGISTRY}
    assert not unregistered, f"emitted but not registered (first seen at): {unregistered}"
    assert all(REGISTRY[rule_id].description for rule_id in emitted)


def _literal_ids() -> list[tuple[str, str]]:
    """Rule ids written as the first argument of ``inp.finding(...)`` and its kin in the Python detectors."""
    found = []
    for path in sorted(RULES_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _EMITTERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((f"{path.name}:{node.lineno}", node.args[0].value))
    return found


@pytest.mark.parametrize("where,rule_id", _literal_ids())
def test_every_id_in_the_code_is_registered(where: str, rule_id: str) -> None:
    assert rule_id in REGISTRY, f"{where} emits {rule_id}, which is not registered"


def test_every_registered_id_is_described_and_listed() -> None:
    listed = {r.id: r.description for r in rules()}
    assert listed.keys() == REGISTRY.keys()
    assert all(description.strip() for description in listed.values())
    for rule in REGISTRY.values():
        if rule.emitted_by is not None:
            assert REGISTRY[rule.emitted_by].emitted_by is None
            assert rule.id.split(".")[0] == rule.emitted_by.split(".")[0]


def test_emitted_ids_do_not_run_twice() -> None:
    message = Message(channel="email", body="Ladies, we know you love a bargain.")
    found = run_rules(message, CustomerContext(), Settings(_env_file=None))
    assert [f.rule_id for f in found].count("stereotyping.group_address") == 1
