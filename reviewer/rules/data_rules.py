"""Rules that are data: phrases, a category, a severity, a message and a suggestion, under a context condition.

A detector with no logic of its own is a record in a rule file (``phrases.yaml`` beside this module) rather than
a Python function. This module reads the file, checks every record, and registers each as a rule with its id.
Detectors that compute (counts, repetition, merge-tag syntaxes, checksums, per-match severities) stay in Python.

A rule file is a YAML list of records. The keys of a record:

``id``
    ``category.name``, the rule id its findings carry.
``category``
    The finding category; must be the id's prefix.
``description``
    One line: what the rule flags, for listings.
``severity``
    1 to 4.
``message``
    The finding's message; ``{match}`` stands for the matched text, as written in the message.
``patterns``
    A list of word lists, each item one of ``regex: PATTERN`` (a string, or a list of strings joined as they
    are) or ``words: [FRAGMENT, ...]`` (regex fragments, any one of them starting at a word boundary with no word
    character after it). Each item is
    a ``Lexicon``: case-insensitive, seeing through look-alike letters. Matches of all items come in text order.
``span`` (optional, default ``match``)
    What a finding covers: ``match`` (the match, or its ``group``), ``sentence`` (the sentence around the match,
    suggesting to drop it) or ``phrase`` (the match and its trailing comma, suggesting to drop them and keep the
    sentence's capital).
``group`` (optional, ``span: match`` only)
    A named group of every pattern: the finding covers that group rather than the whole match.
``suggestion`` (optional, ``span: match`` only)
    The replacement text: ``""`` removes the span; absent or ``null``, no text fix.
``when`` (optional)
    Conditions that must all hold for the rule to run (the vocabulary is below).
``escalate`` (optional)
    ``{when: CONDITIONS, severity: N, message: TEXT}``: the severity and message to use instead when the
    conditions hold.
``fields`` (optional, default ``[body, subject]``)
    The message fields the rule reads.
``unless_said`` (optional, default ``false``)
    ``true``: a match whose content words the customer used themselves (stated preferences, the topic of the
    case they opened; by word stem) is not a finding: "apps aren't your thing" to a customer who said "I don't
    get on with apps". Where the pattern has a group named ``group`` (who a generalisation is about), every word
    of that group must have been said: "mums always" to a customer who said "I'm a mum", not "Indian families
    never" to one who shops for Indian cookware.
``after`` (optional)
    The rule this one runs after. Findings that tie on position and severity come out in the order the rules
    run, so a rule moved here from Python keeps its old place.
``examples``
    ``{fire: [...], quiet: [...]}``, at least one of each: texts on which the rule must fire and must not. An
    example is a text, or a mapping with ``text`` and optionally ``context`` (a customer context), ``channel``
    (default ``email``) and, for ``fire``, the ``severity`` the findings must have.

Conditions (``when``) map a key to a value, and hold when the key's value equals it; a list of values holds when
any of them is equal. The keys:

``channel``
    The message's channel: ``email``, ``sms``, ``push``, ``chat`` or ``ivr``.
a customer context field, dotted through nested objects
    ``salutation``, ``consent.marketing_sms``, ``consent.third_party_data``, ``support.open_case``...; a field
    inside an absent object reads as ``null``. Lists (purchases, signals...) are not conditions.

``true``, ``false`` and ``null`` compare exactly: ``consent.third_party_data: false`` holds when the customer
refused, not when consent is unknown.

A broken file (bad YAML, an unknown key, a bad pattern, an unknown condition) fails on import with a
``RuleFileError`` that names the file and the line.
"""

import re
import string
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ValidationError

from reviewer.models import CustomerContext, Finding
from reviewer.models.request import Channel

# The Python detectors register first, so that a record's ``after`` can name them.
from reviewer.rules import (  # noqa: F401
    creepiness,
    data_quality,
    data_requests,
    household,
    identity,
    origin,
    overreach,
    privacy,
    stereotyping,
)
from reviewer.rules._base import REGISTRY, RuleFn, RuleInput, TextField, register
from reviewer.rules._context import said_origin, said_stems, stated_text
from reviewer.rules._text import Hit, Lexicon, _lower_regex, word_source
from reviewer.text import content_stems, same_word

RULE_FILE = Path(__file__).with_name("phrases.yaml")

Span = Literal["match", "sentence", "phrase"]
_RECORD_KEYS = {
    "id",
    "category",
    "description",
    "severity",
    "message",
    "patterns",
    "span",
    "group",
    "suggestion",
    "when",
    "escalate",
    "fields",
    "after",
    "unless_said",
    "examples",
}
_REQUIRED = ("id", "category", "description", "severity", "message", "patterns", "examples")
_CHANNELS: tuple[str, ...] = get_args(Channel)
_FIELDS: tuple[TextField, ...] = ("body", "subject")


class RuleFileError(ValueError):
    """A rule file that cannot be read: the message starts with ``FILE:LINE:``."""


class _Located(dict[Any, Any]):
    """A YAML mapping that remembers its line and the line of each key (1-based)."""

    line: int
    key_lines: dict[Any, int]


class _Loader(yaml.SafeLoader):
    """The safe loader, with mappings that know their lines and duplicate keys refused."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> _Located:
    loader.flatten_mapping(node)
    data = _Located()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in data:
            problem = f"duplicate key {key!r}"
            raise yaml.constructor.ConstructorError(None, None, problem, key_node.start_mark)
        data.key_lines[key] = key_node.start_mark.line + 1
        data[key] = loader.construct_object(value_node, deep=True)
    return data


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


Conditions = tuple[tuple[str, tuple[Any, ...]], ...]


@dataclass(frozen=True)
class Example:
    """A text a rule must fire on, or must not."""

    text: str
    context: CustomerContext
    channel: Channel
    severity: int | None
    line: int


@dataclass(frozen=True)
class Escalation:
    """A higher severity, and its message, when some conditions hold."""

    when: Conditions
    severity: int
    message: str


@dataclass(frozen=True)
class DataRule:
    """One record of a rule file, checked."""

    id: str
    description: str
    severity: int
    message: str
    patterns: tuple[str, ...]
    span: Span
    group: str | None
    suggestion: str | None
    when: Conditions
    escalate: Escalation | None
    fields: tuple[TextField, ...]
    after: str | None
    unless_said: bool
    fire: tuple[Example, ...]
    quiet: tuple[Example, ...]
    path: Path
    line: int


class _Reader:
    """Checks the records of one file, raising ``RuleFileError`` at the first problem."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, line: int, problem: str) -> typing.NoReturn:
        raise RuleFileError(f"{self.path}:{line}: {problem}")

    def line_of(self, node: Any, key: Any = None) -> int:
        if isinstance(node, _Located):
            return node.key_lines.get(key, node.line) if key is not None else node.line
        return 0

    def mapping(self, value: Any, line: int, what: str, keys: set[str], required: tuple[str, ...] = ()) -> _Located:
        if not isinstance(value, _Located):
            self.fail(line, f"{what} must be a mapping")
        for key in value:
            if key not in keys:
                self.fail(self.line_of(value, key), f"unknown key {key!r} in {what} (known: {', '.join(sorted(keys))})")
        for key in required:
            if key not in value:
                self.fail(value.line, f"{what} has no {key!r}")
        return value

    def text(self, value: Any, line: int, what: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(line, f"{what} must be a non-empty string")
        return value

    def severity(self, value: Any, line: int) -> int:
        if type(value) is not int or not 1 <= value <= 4:
            self.fail(line, f"severity must be an integer from 1 to 4, not {value!r}")
        return value

    def message(self, value: Any, line: int) -> str:
        message = self.text(value, line, "message")
        try:
            parts = list(string.Formatter().parse(message))
        except ValueError as exc:
            self.fail(line, f"message: {exc} (write a literal brace as {{{{ or }}}})")
        for _literal, field, spec, conversion in parts:
            if field is not None and (field != "match" or spec or conversion):
                self.fail(line, f"message: unknown placeholder {{{field}}}; only {{match}} is known")
        return message

    def patterns(self, value: Any, line: int) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            self.fail(line, "patterns must be a non-empty list of {regex: ...} or {words: [...]}")
        sources = []
        for item in value:
            item_line = self.line_of(item) or line
            entry = self.mapping(item, item_line, "a pattern", {"regex", "words"})
            if len(entry) != 1:
                self.fail(item_line, "a pattern has exactly one of 'regex' or 'words'")
            ((kind, body),) = entry.items()
            key_line = self.line_of(entry, kind)
            parts = [body] if isinstance(body, str) else body
            if not isinstance(parts, list) or not parts or not all(isinstance(p, str) and p for p in parts):
                self.fail(key_line, f"{kind} must be a string or a list of non-empty strings")
            # as ``words``: a fragment starts at a word boundary (or at its symbol) and no word character follows
            # it, so a fragment ending in "?" or "!" matches before a space too
            try:
                source = "".join(parts) if kind == "regex" else word_source(parts)
                compiled = re.compile(_lower_regex(source))
            except (re.error, ValueError) as exc:
                self.fail(key_line, f"bad {kind} pattern: {exc}")
            if compiled.match(""):
                self.fail(key_line, f"{kind} pattern matches the empty string")
            sources.append(source)
        return tuple(sources)

    def conditions(self, value: Any, line: int, what: str) -> Conditions:
        if not isinstance(value, _Located) or not value:
            self.fail(line, f"{what} must be a mapping of conditions")
        out = []
        for key, expected in value.items():
            key_line = self.line_of(value, key)
            allowed = _condition_values(key)
            if allowed is None:
                self.fail(key_line, f"unknown condition {key!r}: use 'channel' or a customer context field")
            options = tuple(expected) if isinstance(expected, list) else (expected,)
            for option in options:
                if option is not None and not isinstance(option, bool | int | str):
                    self.fail(key_line, f"condition {key!r}: {option!r} is not a value")
                if allowed and option not in allowed:
                    self.fail(key_line, f"condition {key!r}: {option!r} is none of {', '.join(map(str, allowed))}")
            out.append((str(key), options))
        return tuple(out)

    def examples(self, value: Any, line: int) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
        groups = self.mapping(value, line, "examples", {"fire", "quiet"}, ("fire", "quiet"))
        found: dict[str, tuple[Example, ...]] = {}
        for kind in ("fire", "quiet"):
            items = groups[kind]
            kind_line = self.line_of(groups, kind)
            if not isinstance(items, list) or not items:
                self.fail(kind_line, f"examples.{kind} must be a non-empty list")
            found[kind] = tuple(self.example(item, kind_line, kind) for item in items)
        return found["fire"], found["quiet"]

    def example(self, item: Any, line: int, kind: str) -> Example:
        if isinstance(item, str):
            return Example(self.text(item, line, "an example"), CustomerContext(), "email", None, line)
        keys = {"text", "context", "channel"} | ({"severity"} if kind == "fire" else set())
        entry = self.mapping(item, line, f"an examples.{kind} item", keys, ("text",))
        channel = entry.get("channel", "email")
        if channel not in _CHANNELS:
            self.fail(self.line_of(entry, "channel"), f"channel {channel!r} is none of {', '.join(_CHANNELS)}")
        try:
            context = CustomerContext.model_validate(entry.get("context") or {})
        except ValidationError as exc:
            self.fail(self.line_of(entry, "context"), f"example context: {exc}")
        severity = self.severity(entry["severity"], self.line_of(entry, "severity")) if "severity" in entry else None
        text = self.text(entry["text"], entry.line, "an example's text")
        return Example(text, context, channel, severity, entry.line)

    def record(self, value: Any, line: int, earlier: dict[str, int]) -> DataRule:
        rec = self.mapping(value, line, "a rule record", _RECORD_KEYS, _REQUIRED)

        def at(key: str) -> int:
            return self.line_of(rec, key)

        rule_id = self.text(rec["id"], at("id"), "id")
        if not re.fullmatch(r"[a-z_]+\.[a-z_]+", rule_id):
            self.fail(at("id"), f"id {rule_id!r} is not category.name")
        if rule_id in earlier:
            self.fail(at("id"), f"rule {rule_id} is already defined on line {earlier[rule_id]}")
        if rec["category"] != rule_id.split(".", 1)[0]:
            self.fail(at("category"), f"category {rec['category']!r} is not the prefix of id {rule_id!r}")
        span = rec.get("span", "match")
        if span not in get_args(Span):
            self.fail(at("span"), f"span {span!r} is none of {', '.join(get_args(Span))}")
        patterns = self.patterns(rec["patterns"], at("patterns"))
        group = rec.get("group")
        if group is not None:
            if span != "match" or not isinstance(group, str):
                self.fail(at("group"), "group must be a group name, and only with span: match")
            if any(group not in re.compile(_lower_regex(p)).groupindex for p in patterns):
                self.fail(at("group"), f"group {group!r} is not a named group of every pattern")
        suggestion = rec.get("suggestion")
        if "suggestion" in rec and span != "match":
            self.fail(at("suggestion"), f"span: {span} brings its own suggestion; drop 'suggestion'")
        if suggestion is not None and not isinstance(suggestion, str):
            self.fail(at("suggestion"), "suggestion must be a string or null")
        escalate = None
        if "escalate" in rec:
            esc = self.mapping(
                rec["escalate"], at("escalate"), "escalate", {"when", "severity", "message"}, ("when", "severity")
            )
            escalate = Escalation(
                self.conditions(esc["when"], self.line_of(esc, "when"), "escalate.when"),
                self.severity(esc["severity"], self.line_of(esc, "severity")),
                self.message(esc.get("message", rec["message"]), self.line_of(esc, "message")),
            )
        fields = rec.get("fields", list(_FIELDS))
        if not isinstance(fields, list) or not fields or not set(fields) <= set(_FIELDS):
            self.fail(at("fields"), f"fields must be a non-empty list of {', '.join(_FIELDS)}")
        after = rec.get("after")
        if after is not None and after not in REGISTRY and after not in earlier:
            self.fail(at("after"), f"after: no rule {after!r} is registered before this one")
        unless_said = rec.get("unless_said", False)
        if not isinstance(unless_said, bool):
            self.fail(at("unless_said"), "unless_said must be true or false")
        fire, quiet = self.examples(rec["examples"], at("examples"))
        return DataRule(
            id=rule_id,
            description=self.text(rec["description"], at("description"), "description").strip(),
            severity=self.severity(rec["severity"], at("severity")),
            message=self.message(rec["message"], at("message")),
            patterns=patterns,
            span=span,
            group=group,
            suggestion=suggestion,
            when=self.conditions(rec["when"], at("when"), "when") if "when" in rec else (),
            escalate=escalate,
            fields=tuple(f for f in _FIELDS if f in fields),
            after=after,
            unless_said=unless_said,
            fire=fire,
            quiet=quiet,
            path=self.path,
            line=rec.line,
        )


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model class of a field typed ``Model`` or ``Model | None``."""
    options = get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    models = [o for o in options if isinstance(o, type) and issubclass(o, BaseModel)]
    return models[0] if models else None


def _condition_values(key: Any) -> tuple[Any, ...] | None:
    """The values a condition key allows (empty: any value), or None for an unknown key."""
    if key == "channel":
        return _CHANNELS
    if not isinstance(key, str):
        return None
    model: type[BaseModel] | None = CustomerContext
    parts = key.split(".")
    for i, part in enumerate(parts):
        if model is None or part not in model.model_fields:
            return None
        annotation = model.model_fields[part].annotation
        model = _model_of(annotation)
        last = i == len(parts) - 1
        if last and (model is not None or typing.get_origin(annotation) in (list, dict)):
            return None  # a whole object or a list is not a value
    return ()


def _read(inp: RuleInput, key: str) -> Any:
    """The value of a condition key for this message: the channel, or a context field (None inside a None)."""
    if key == "channel":
        return inp.message.channel
    value: Any = inp.context
    for part in key.split("."):
        value = getattr(value, part, None) if value is not None else None
    return value


def _holds(conditions: Conditions, inp: RuleInput) -> bool:
    """True when every condition holds; equality is exact in type (``false`` is not ``0``)."""
    for key, options in conditions:
        value = _read(inp, key)
        if not any(type(value) is type(option) and value == option for option in options):
            return False
    return True


def load_rule_file(path: Path) -> list[DataRule]:
    """Read and check every record of a rule file; a problem raises ``RuleFileError`` naming the file and line."""
    reader = _Reader(path)
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reader.fail(mark.line + 1 if mark else 0, f"bad YAML: {exc.problem or exc}")
    except yaml.YAMLError as exc:
        reader.fail(0, f"bad YAML: {exc}")
    if not isinstance(loaded, list):
        reader.fail(1, "a rule file is a list of rule records")
    records: list[DataRule] = []
    earlier: dict[str, int] = {}
    for value in loaded:
        record = reader.record(value, reader.line_of(value) or 1, earlier)
        earlier[record.id] = record.line
        records.append(record)
    return records


# A shortfall claimed of the group: telling us you wear hearing aids does not make "you hearing-aid folk can
# struggle to keep up" any less demeaning.
_SHORTFALL = re.compile(
    r"\b(?:struggl\w*|can(?:'|no)t (?:keep up|cope|manage|follow|handle)|(?:hopeless|useless|rubbish|bad|slow) "
    r"(?:at|with)|overwhelm\w*|confus\w*|intimidat\w*|daunting|(?:too|so) (?:slow|hard|difficult))\b",
    re.I,
)


# The customer's own account of finding technology hard: "not confident with computers", "please explain slowly",
# "don't keep pushing the app on me". Words about that difficulty then mirror what they said, not a stereotype.
_OWN_TECH_DIFFICULTY = re.compile(
    r"\b(?:not (?:very |that |too |at all )?(?:confident|good|great|comfortable|techy|tech-savvy)|new to|"
    r"struggl\w*|confus\w*|(?:go|explain\w*|speak|talk)(?: things| it)? (?:slowly|step by step)|"
    r"(?:big|bigger|large) buttons|simple (?:screen|phone|menus?)|setting (?:things |it )?up|"
    r"simplest|(?:don'?t|do not|never) (?:keep )?(?:push\w*|use|want|like|get on with)(?: \w+)? (?:the |an? )?"
    r"(?:apps?|smartphones?|computers?|online|internet|tech)|"
    # a branch or a phone call chosen over the app: "I'd rather do my banking in the branch than on an app"
    r"(?:rather|prefer\w*)\b[^.!?\n]{0,40}\b(?:than|to|over) (?:on |use |using |with )?(?:an? |the )?"
    r"(?:apps?|online|internet|computers?|smartphones?))",
    re.I,
)
_TECH = re.compile(r"\b(?:apps?|smartphones?|phones?|computers?|online|internet|tech\w*|devices?|email)\b", re.I)
_TECH_WORDS = (
    "app online computer smartphone phone screen tech technology internet accounts confusing fiddly menus setup"
)


def _owns_tech_difficulty(inp: RuleInput) -> bool:
    """The customer told us technology is hard for them."""
    own = stated_text(inp.context)
    return _OWN_TECH_DIFFICULTY.search(own) is not None and _TECH.search(own) is not None


# Words for the same group of people: a customer who hosts "the guys" may be called one of the fellas.
_SAME_GROUP = tuple(
    content_stems(group, generic=False)
    # ("lads" and "ladies" share a stem, and "my boys", "my girls" are often children: none is in a group); the
    # customer's "men's league" or "women's run club" names their group too
    for group in (
        "guys fellas gents bros bro blokes men",
        "gals girlies women",
        "uni university college student undergraduate postgraduate",
    )
)


_HOME = content_stems("home", generic=False)


def _said_with_meaning(inp: RuleInput, owns_tech_difficulty: bool) -> set[str]:
    """The customer's own words by stem, with the other words for a group they named.

    Where they told us technology is hard for them, its words too; where they told us where they come from, "home".
    """
    said = set(said_stems(inp.context, generic=True))
    if said_origin(inp.context):
        said |= _HOME  # "I grew up in Kingston": where they come from is home to them, "a taste of home" theirs
    for group in _SAME_GROUP:
        if said & group:
            said |= group
    return said | content_stems(_TECH_WORDS, generic=False) if owns_tech_difficulty else said


def _rest_of_clause(text: str, end: int) -> str:
    """Up to 40 characters after a match, stopping at the sentence's end."""
    return re.split(r"[.!?\n]", text[end : end + 40], maxsplit=1)[0]


def _said_before(m: Hit, matched: str, said: set[str], after: str = "", owns_shortfall: bool = False) -> bool:
    """Whether the customer used the match's words themselves (``unless_said``).

    Any of its content words, or, where the pattern names a ``group`` (the people a generalisation is about), every
    word of the group: "Indian families never say no to a bargain" is not excused by "I shop for Indian cookware".
    A match that claims a shortfall of the group (in it or in the words just after) is never excused: saying you
    belong to a group is not agreeing to be a type. Unless the customer told us of that shortfall themselves.
    """
    if not owns_shortfall and _SHORTFALL.search(f"{matched}{after}"):
        return False
    group = m.groupdict().get("group")
    # the message's own words count whole ("the app isn't your thing"): "app" is generic only in context keys
    if group:
        return all(any(same_word(a, b) for b in said) for a in content_stems(group))
    return any(same_word(a, b) for a in content_stems(matched) for b in said)


def _detector(rec: DataRule) -> RuleFn:
    """The detector a record describes."""
    lexicons = [Lexicon(source) for source in rec.patterns]

    def detect(inp: RuleInput) -> Iterator[Finding]:
        if rec.when and not _holds(rec.when, inp):
            return
        severity, message = rec.severity, rec.message
        if rec.escalate is not None and _holds(rec.escalate.when, inp):
            severity, message = rec.escalate.severity, rec.escalate.message
        hits: list[Hit] = inp.hits(lexicons[0])
        if len(lexicons) > 1:
            hits = sorted([h for lexicon in lexicons for h in inp.hits(lexicon)], key=lambda h: h.start())
        owns_shortfall = rec.unless_said and _owns_tech_difficulty(inp)
        said = _said_with_meaning(inp, owns_shortfall) if rec.unless_said else set()
        for m in hits:
            after = "" if owns_shortfall else _rest_of_clause(inp.text, m.end())
            if said and _said_before(m, inp.at(m), said, after, owns_shortfall):
                continue
            text = message.format(match=inp.at(m))
            if rec.span == "sentence":
                yield inp.sentence_finding(rec.id, m.start(), severity, text)
            elif rec.span == "phrase":
                yield inp.phrase_removal(rec.id, m.start(), m.end(), severity, text)
            elif rec.group is not None:
                yield inp.finding(rec.id, m.start(rec.group), m.end(rec.group), severity, text, rec.suggestion)
            else:
                yield inp.finding(rec.id, m.start(), m.end(), severity, text, rec.suggestion)

    detect.__doc__ = rec.description
    detect.__qualname__ = detect.__name__ = f"data_rule[{rec.id}]"
    return detect


def register_records(records: list[DataRule]) -> None:
    """Register each record as a rule, then move each one with ``after`` behind the rule it names."""
    for rec in records:
        register(rec.id, _detector(rec), rec.description, fields=rec.fields)
    anchor = {rec.id: rec.after for rec in records if rec.after is not None}
    order = [rule_id for rule_id in REGISTRY if rule_id not in anchor]
    for rec in records:
        if rec.after is None:
            continue
        i = order.index(rec.after) + 1
        # behind the ids the anchor emits, and behind earlier records placed after the same anchor
        while i < len(order) and (REGISTRY[order[i]].emitted_by == rec.after or anchor.get(order[i]) == rec.after):
            i += 1
        order.insert(i, rec.id)
    placed = {rule_id: REGISTRY[rule_id] for rule_id in order}
    REGISTRY.clear()
    REGISTRY.update(placed)


RECORDS = load_rule_file(RULE_FILE)
register_records(RECORDS)
