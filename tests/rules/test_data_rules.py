"""The data rules (reviewer/rules/phrases.yaml): every record's examples, and the checks on a broken file."""

import re
import tomllib
from pathlib import Path

import pytest

import reviewer.rules as rules_package
from reviewer.models import CustomerContext, Message
from reviewer.rules import run_rules
from reviewer.rules._base import REGISTRY, RuleInput
from reviewer.rules.data_rules import RECORDS, RULE_FILE, DataRule, Example, RuleFileError, _detector, load_rule_file
from reviewer.settings import Settings
from tests.conftest import findings

SETTINGS = Settings(_env_file=None)


def _cases(kind: str) -> list[tuple[DataRule, Example]]:
    return [(rec, ex) for rec in RECORDS for ex in (rec.fire if kind == "fire" else rec.quiet)]


def _ids(case: tuple[DataRule, Example]) -> str:
    rec, ex = case
    return f"{rec.id}:{ex.line}"


def _run(rec: DataRule, ex: Example) -> list[str]:
    found = run_rules(Message(channel=ex.channel, body=ex.text), ex.context, SETTINGS)
    return [f"{f.rule_id}/{f.severity}" for f in found if f.rule_id == rec.id]


@pytest.mark.parametrize("case", _cases("fire"), ids=_ids)
def test_fires_on_its_examples(case: tuple[DataRule, Example]) -> None:
    rec, ex = case
    fired = _run(rec, ex)
    assert fired, f"{rec.path}:{ex.line}: {rec.id} did not fire on {ex.text!r}"
    if ex.severity is not None:
        assert fired == [f"{rec.id}/{ex.severity}"] * len(fired)


@pytest.mark.parametrize("case", _cases("quiet"), ids=_ids)
def test_stays_quiet_on_its_examples(case: tuple[DataRule, Example]) -> None:
    rec, ex = case
    assert not _run(rec, ex), f"{rec.path}:{ex.line}: {rec.id} fired on {ex.text!r}"


def test_every_record_is_registered_in_its_place() -> None:
    ids = list(REGISTRY)
    for rec in RECORDS:
        assert REGISTRY[rec.id].description == rec.description and rec.description
        if rec.after:
            between = ids[ids.index(rec.after) + 1 : ids.index(rec.id)]
            assert all(REGISTRY[i].emitted_by == rec.after for i in between), (rec.id, between)


def test_the_rule_file_ships_in_the_wheel() -> None:
    # hatch's wheel takes every file under the package folder, the YAML included, unless the target narrows it
    assert RULE_FILE.is_file() and RULE_FILE.parent == Path(rules_package.__file__).parent
    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    wheel = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["reviewer"] and not {"exclude", "only-include", "include"} & set(wheel)


def test_escalation_and_spans() -> None:
    text = "According to Experian, you qualify for our premium card."
    (plain,) = findings(text, rule="creepiness.third_party")
    (refused,) = findings(text, {"consent": {"third_party_data": False}}, rule="creepiness.third_party")
    (given,) = findings(text, {"consent": {"third_party_data": True}}, rule="creepiness.third_party")
    assert (plain.severity, given.severity, refused.severity) == (3, 3, 4)
    assert plain.quote == text and plain.suggestion == ""
    assert "did not consent" in refused.message and "did not consent" not in plain.message
    assert plain.message.startswith("'According to Experian' names")
    (cred,) = findings("Your password is hunter2, keep it safe.", rule="privacy.credential")
    assert cred.quote == "hunter2" and cred.suggestion is None and cred.severity == 4
    (age,) = findings("At your age, you deserve comfort.", rule="stereotyping.age")
    assert age.quote == "At your age, you" and age.suggestion == "You"  # the whole next word, never a cut letter


# -- broken rule files -------------------------------------------------------------------------------------------

GOOD = """\
- id: overreach.test_rule
  category: overreach
  description: A test rule.
  severity: 2
  message: "'{match}' is a test."
  patterns:
    - words: ['foo bar']
  examples:
    fire: ["foo bar baz"]
    quiet: ["baz"]
"""


def _broken(tmp_path: Path, text: str) -> str:
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    with pytest.raises(RuleFileError) as err:
        load_rule_file(path)
    return str(err.value)


def test_a_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "good.yaml"
    path.write_text(GOOD)
    (rec,) = load_rule_file(path)
    assert rec.id == "overreach.test_rule" and rec.patterns == (r"\b(?:foo bar)(?!\w)",) and rec.span == "match"


SEVERITY = "  severity: 2\n"


@pytest.mark.parametrize(
    "old,new,line,problem",
    [
        ('    quiet: ["baz"]', '    quiet: ["baz"\n  oops: ]', 11, "bad YAML"),
        (SEVERITY, SEVERITY + "  sevrity: 3\n", 5, "unknown key 'sevrity'"),
        ("['foo bar']", "['foo (bar']", 7, "bad words pattern"),
        ("- words: ['foo bar']", "- regex: '[a-'", 7, "bad regex pattern"),
        (SEVERITY, SEVERITY + "  when: {consent.marketing_fax: false}\n", 5, "condition 'consent.marketing_fax'"),
        (SEVERITY, SEVERITY + "  when: {channel: fax}\n", 5, "'fax' is none of"),
        (SEVERITY, SEVERITY + "  when: {purchases: []}\n", 5, "unknown condition 'purchases'"),
        (SEVERITY, SEVERITY + "  when: {consent: false}\n", 5, "unknown condition 'consent'"),
        ("'{match}'", "'{quote}'", 5, "unknown placeholder {quote}"),
        ("severity: 2", "severity: 7", 4, "severity must be"),
        ("category: overreach", "category: privacy", 2, "is not the prefix"),
        ('    quiet: ["baz"]\n', "", 9, "examples has no 'quiet'"),
        (SEVERITY, SEVERITY + "  group: nope\n", 5, "group 'nope'"),
        (SEVERITY, SEVERITY + "  after: overreach.nothing\n", 5, "after: no rule"),
        (SEVERITY, SEVERITY + "  severity: 3\n", 5, "duplicate key 'severity'"),
        ("  examples:", "  span: sentence\n  suggestion: ''\n  examples:", 9, "brings its own suggestion"),
    ],
)
def test_a_broken_file_names_the_file_and_line(tmp_path: Path, old: str, new: str, line: int, problem: str) -> None:
    assert old in GOOD
    message = _broken(tmp_path, GOOD.replace(old, new))
    assert message.startswith(f"{tmp_path / 'broken.yaml'}:{line}: "), message
    assert problem in message, message


def test_a_repeated_id_names_both_lines(tmp_path: Path) -> None:
    message = _broken(tmp_path, GOOD + "\n" + GOOD)
    assert message.startswith(f"{tmp_path / 'broken.yaml'}:12: ") and "already defined on line 1" in message


def test_the_shipped_file_fails_loudly_when_broken(tmp_path: Path) -> None:
    text = RULE_FILE.read_text().replace("  severity: 3\n", "  severity: 3\n  colour: red\n", 1)
    message = _broken(tmp_path, text)
    assert re.match(rf"{re.escape(str(tmp_path / 'broken.yaml'))}:\d+: unknown key 'colour'", message), message


def test_the_conditions_compare_exactly(tmp_path: Path) -> None:
    path = tmp_path / "when.yaml"
    path.write_text(GOOD.replace(SEVERITY, SEVERITY + "  when: {consent.marketing_sms: false, channel: [sms, push]}\n"))
    (rec,) = load_rule_file(path)

    def fires(channel: str, consent: dict[str, bool] | None) -> bool:
        ctx = CustomerContext.model_validate({"consent": consent} if consent is not None else {})
        msg = Message(channel=channel, body="foo bar")  # type: ignore[arg-type]
        inp = RuleInput(text=msg.body, field="body", message=msg, context=ctx, settings=SETTINGS)
        return bool(list(_detector(rec)(inp)))

    assert fires("sms", {"marketing_sms": False}) and fires("push", {"marketing_sms": False})
    assert not fires("email", {"marketing_sms": False})
    assert not fires("sms", {"marketing_sms": True}) and not fires("sms", None) and not fires("sms", {})


def test_the_shipped_file_is_the_one_loaded() -> None:
    assert [r.id for r in load_rule_file(RULE_FILE)] == [r.id for r in RECORDS]
    assert all(re.fullmatch(r"[a-z_]+\.[a-z_]+", r.id) for r in RECORDS)
