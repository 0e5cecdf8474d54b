"""A campaign template in the common ESP merge syntaxes, rendered per recipient through python-liquid.

Liquid and Handlebars' ``{{ x }}`` are Liquid already; Handlebars' ``{{#if x}}``/``{{else}}``/``{{/if}}`` (and
``unless``), Mailchimp's ``*|X|*`` with ``*|IF:X|*``/``*|IFNOT:X|*``/``*|ELSE:|*``/``*|END:IF|*``, and
Salesforce's ``%%x%%`` are translated to Liquid first. Every output statement is wrapped in invisible markers, so
each rendered value's span is known: a variable that had no value is a data-quality finding at that span.
"""

import re
from dataclasses import dataclass
from typing import Any, Literal

from liquid import Environment, Undefined
from liquid.exceptions import LiquidError
from liquid.stringify import to_liquid_string
from liquid.token import Token

from reviewer.errors import InputError

Syntax = Literal["auto", "liquid", "handlebars", "mailchimp", "salesforce"]

_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters around each output statement's value
_MARKED = re.compile(f"{_OPEN}(\\d+){_OPEN}(.*?){_CLOSE}", re.S)
_OUTPUT = re.compile(r"\{\{(-?)(.*?)(-?)\}\}", re.S)
_HBS_BLOCK = re.compile(r"\{\{\{\s*(.*?)\s*\}\}\}|\{\{\s*(#if|#unless|else|/if|/unless)\b\s*(.*?)\s*\}\}")
_MAILCHIMP = re.compile(r"\*\|\s*(IF:|IFNOT:|ELSE:|END:IF)?\s*([A-Za-z0-9_:\- ]*?)\s*\|\*")
_SALESFORCE = re.compile(r"%%(?![=\[])\s*([^%\n]{1,60}?)\s*%%")
_AMPSCRIPT = re.compile(r"%%[=\[]")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class Gap:
    """A variable with no value for this recipient: rendered blank, or replaced by the template's fallback."""

    variable: str
    field: str  # "body" or "subject"
    start: int | None  # the rendered value's span, when it sits in an output statement
    end: int | None
    quote: str
    fallback: bool  # True when the template's fallback (a default filter or an else branch) filled it


@dataclass(frozen=True)
class Rendered:
    """One field rendered for one recipient, with its gaps."""

    text: str
    gaps: list[Gap]


def _ref(name: str) -> str:
    """A Liquid reference to a variable of any name (Salesforce allows spaces)."""
    return name if _IDENT.match(name) else '["' + name.replace('"', "") + '"]'


def _handlebars(source: str) -> str:
    def block(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return "{{ " + m.group(1) + " }}"
        word, arg = m.group(2), m.group(3)
        return {
            "#if": f"{{% if {arg} %}}",
            "#unless": f"{{% unless {arg} %}}",
            "else": "{% else %}",
            "/if": "{% endif %}",
            "/unless": "{% endunless %}",
        }[word]

    return _HBS_BLOCK.sub(block, source)


def _mailchimp(source: str) -> str:
    """Mailchimp tags and conditionals in Liquid; ``*|END:IF|*`` closes whichever block is open."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for m in _MAILCHIMP.finditer(source):
        out.append(source[pos : m.start()])
        kind, name = m.group(1), m.group(2).strip()
        if kind == "IF:":
            stack.append("endif")
            out.append(f"{{% if {_ref(name)} %}}")
        elif kind == "IFNOT:":
            stack.append("endunless")
            out.append(f"{{% unless {_ref(name)} %}}")
        elif kind == "ELSE:":
            out.append("{% else %}")
        elif kind == "END:IF":
            out.append(f"{{% {stack.pop() if stack else 'endif'} %}}")
        else:
            out.append("{{ " + _ref(name) + " }}")
        pos = m.end()
    out.append(source[pos:])
    return "".join(out)


def _salesforce(source: str) -> str:
    if _AMPSCRIPT.search(source):
        raise InputError(
            "AMPscript blocks (%%[ ]%% or %%= =%%) are not supported: use plain %%field%% tags, or render with "
            "your platform and pass the rendered messages with --requests"
        )
    return _SALESFORCE.sub(lambda m: "{{ " + _ref(m.group(1).strip()) + " }}", source)


def to_liquid(source: str, syntax: Syntax) -> str:
    """The template in Liquid: ``auto`` translates every supported syntax, a named one only its own."""
    if syntax in ("auto", "handlebars"):
        source = _handlebars(source)
    if syntax in ("auto", "mailchimp"):
        source = _mailchimp(source)
    if syntax in ("auto", "salesforce"):
        source = _salesforce(source)
    return source


class _Recorder(Undefined):
    """Undefined that remembers where in the source a variable without a value was read."""

    seen: list[tuple[str, int]] = []

    def __init__(self, name: str, *, token: Token | None = None, obj: object = None, hint: str | None = None) -> None:
        super().__init__(name, token=token, obj=obj, hint=hint)
        _Recorder.seen.append((name, token.start_index if token is not None else -1))


def _mark(value: object, n: int) -> str:
    """An output statement's value as Liquid would print it, between markers that say which statement it is."""
    return f"{_OPEN}{n}{_OPEN}{to_liquid_string(value, autoescape=False)}{_CLOSE}"


_ENV = Environment(undefined=_Recorder)
_ENV.filters["campaign_mark"] = _mark


class FieldTemplate:
    """One field (subject or body) compiled once, rendered per recipient with its gaps."""

    def __init__(self, source: str, syntax: Syntax, field: str) -> None:
        self.field = field
        liquid = to_liquid(source, syntax)
        self.outputs: list[tuple[int, int]] = []  # span of each wrapped output statement in self.source
        out: list[str] = []
        pos = length = 0
        for m in _OUTPUT.finditer(liquid):
            out.append(liquid[pos : m.start()])
            length += m.start() - pos
            n, left, expression, right = len(self.outputs), m.group(1), m.group(2).strip(), m.group(3)
            wrapped = f"{{{{{left} {expression} | campaign_mark: {n} {right}}}}}"
            self.outputs.append((length, length + len(wrapped)))
            out.append(wrapped)
            length += len(wrapped)
            pos = m.end()
        out.append(liquid[pos:])
        self.source = "".join(out)
        try:
            self.template = _ENV.from_string(self.source)
        except LiquidError as exc:
            raise InputError(f"the {field} template does not parse: {exc}; fix the template") from None
        self.variables: list[str] = list(self.template.global_variables())

    def render(self, data: dict[str, Any]) -> Rendered:
        """Render for one recipient."""
        _Recorder.seen = []
        try:
            raw = self.template.render(**data)
        except LiquidError as exc:
            raise InputError(f"the {self.field} template failed to render: {exc}") from None
        missing: dict[int, list[str]] = {}
        conditions: list[str] = []
        for name, at in _Recorder.seen:
            which = next((i for i, (s, e) in enumerate(self.outputs) if s <= at < e), None)
            if which is None:
                conditions.append(name)
            else:
                missing.setdefault(which, []).append(name)
        text: list[str] = []
        gaps: list[Gap] = []
        pos = length = 0
        for m in _MARKED.finditer(raw):
            text.append(raw[pos : m.start()])
            length += m.start() - pos
            value = m.group(2)
            for variable in dict.fromkeys(missing.get(int(m.group(1)), [])):
                gaps.append(Gap(variable, self.field, length, length + len(value), value, fallback=bool(value)))
            text.append(value)
            length += len(value)
            pos = m.end()
        text.append(raw[pos:])
        gaps += [Gap(v, self.field, None, None, "", fallback=True) for v in dict.fromkeys(conditions)]
        return Rendered("".join(text), gaps)


class CampaignTemplate:
    """A campaign's subject and body templates."""

    def __init__(self, body: str, subject: str | None, syntax: Syntax = "auto") -> None:
        self.body = FieldTemplate(body, syntax, "body")
        self.subject = FieldTemplate(subject, syntax, "subject") if subject else None

    def variables(self) -> list[str]:
        """Every top-level variable the templates read, in order."""
        names = self.body.variables + (self.subject.variables if self.subject else [])
        return list(dict.fromkeys(names))

    def render(self, data: dict[str, Any]) -> tuple[Rendered, Rendered | None]:
        """Body and subject for one recipient."""
        return self.body.render(data), self.subject.render(data) if self.subject else None
