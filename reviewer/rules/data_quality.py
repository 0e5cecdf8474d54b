"""Template blunders: unrendered merge tags, empty fields, placeholder slots, the wrong name."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reviewer.models import CustomerContext, Finding
from reviewer.rules._base import RuleInput, rule
from reviewer.rules._context import customer_said, nickname_of
from reviewer.rules._text import Lexicon

# The merge-tag syntaxes of common email and messaging platforms.
_TAG_SYNTAXES = [
    r"%%\s*(?P<a>[^%\n]{1,60}?)\s*%%",  # Salesforce Marketing Cloud, ExactTarget
    r"\{\{\s*(?P<b>[^{}\n]{1,80}?)\s*\}\}",  # Liquid, Handlebars, Braze, Klaviyo, Customer.io
    r"\{%\s*(?P<c>[^%\n]{1,80}?)\s*%\}",  # Liquid / Jinja blocks
    r"\*\|\s*(?P<d>[A-Za-z0-9_:\- ]{1,40}?)\s*\|\*",  # Mailchimp
    r"\$\{\s*(?P<e>[^}\n]{1,60}?)\s*\}",  # JavaScript / Iterable / Velocity
    r"<%=?\s*(?P<f>[^%\n]{1,60}?)\s*%>",  # ERB / JSP
    r"\[\[\s*(?P<g>[^\]\n]{1,60}?)\s*\]\]",
    r"\{(?<![{$#\w]\{)\s*(?P<h>[A-Za-z_][A-Za-z0-9_.]{0,40})\s*\}(?!\})",  # {first_name}
    r"%(?<![%\w]%)(?P<i>[A-Z][A-Z0-9_]{1,30})%(?![%\w])",  # %FIRSTNAME%
    r"\[(?<![\[\w]\[)(?P<j>[A-Za-z][A-Za-z0-9_ ]{0,30}?)\](?![\](])",  # [First Name], [FNAME]
    r"<<\s*(?P<k>[A-Za-z][A-Za-z0-9_ .]{0,40}?)\s*>>",  # <<First Name>>: Word, Zoho, Campaign Monitor
    r"«\s*(?P<l>[A-Za-z][A-Za-z0-9_ .]{0,40}?)\s*»",  # «FirstName»: a Word merge field as it prints
]
# The syntaxes whose brackets are also ordinary punctuation ("[Sale]", "«Bonjour»"): a tag only when it names a field.
_BRACKETS = ("j", "k", "l")
# Every syntax starts with its literal opener (the lookbehinds come after it), so ``re`` jumps between the few
# characters that can open a tag instead of trying ten alternatives at every character.
MERGE_TAG = re.compile("|".join(_TAG_SYNTAXES))
# A bracketed word is only a tag when it names a field, so "[Sale]" or "[URGENT]" subjects pass.
_FIELD_WORD = re.compile(
    r"name|first|last|email|city|company|product|date|address|phone|title|item|amount|price|code|number|"
    r"link|url|store|country|state|zip|discount|offer|brand|user|customer|recipient",
    re.I,
)
_LABEL_WORDS = frozenset("your our the my now to a an for this more here me us it".split())
_CTA_VERBS = frozenset(
    "shop find view see book get start create read learn download claim manage track update explore browse discover "
    "join sign log reset pay renew contact call open watch listen order reserve register subscribe rate review take "
    "check compare choose pick upgrade activate apply donate redeem add continue go visit try save change confirm "
    "complete finish reply chat message accept decline cancel schedule reschedule print share".split()
)


# The links every footer carries: "[Email preferences]", "[Unsubscribe]", "[Privacy policy]".
_FOOTER_LINK = re.compile(
    r"(?:(?:e-?mail|marketing|communication|contact|notification|account|privacy|cookie) )?"
    r"(?:preferences|settings|policy|notice)|unsubscribe(?: \w+)?|opt[- ]out|privacy|terms(?: (?:and|&) conditions)?|"
    r"view (?:in|online|in browser)|help(?: centre| center)?|contact us",
    re.I,
)


def _is_button_label(expression: str) -> bool:
    """A call-to-action label such as "[Create your first project]" or "[Find store hours]": it reads as prose."""
    if _FOOTER_LINK.fullmatch(expression.strip()):
        return True
    words = expression.split()
    if len(words) >= 3 and any(w.lower() in _LABEL_WORDS for w in words):
        return True
    return len(words) >= 2 and words[0].lower() in _CTA_VERBS and "_" not in expression


_FALLBACK = re.compile(r"\b(?:default|fallback|else|or)\b|\|\||\?\?|:-|\bif\b", re.I)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_ .]*")

_FIELD_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        ["firstname", "fname", "first", "givenname", "name", "customername", "preferredname", "nickname"],
        "first_name",
    ),
    **dict.fromkeys(["lastname", "lname", "last", "surname", "familyname"], "last_name"),
    **dict.fromkeys(["email", "emailaddress", "mail"], "email"),
    **dict.fromkeys(["phone", "mobile", "phonenumber", "mobilenumber", "cell"], "phone"),
    **dict.fromkeys(["city", "region", "state", "location"], "region"),
    **dict.fromkeys(["address", "street", "postaladdress"], "address"),
    **dict.fromkeys(["salutation", "title", "honorific", "prefix"], "salutation"),
    **dict.fromkeys(["pronouns", "pronoun"], "pronouns"),
}


@dataclass(frozen=True)
class MergeTag:
    """One merge tag found in a text."""

    start: int
    end: int
    raw: str
    expression: str
    field: str | None  # the context field it maps to, when known
    has_fallback: bool


def _field_of(expression: str) -> str | None:
    ident = _IDENTIFIER.search(expression)
    if not ident:
        return None
    last_part = ident.group(0).strip().split(".")[-1]
    return _FIELD_ALIASES.get(re.sub(r"[^a-z]", "", last_part.lower()))


_WORD_BEFORE = re.compile(r"(?:\b(?P<word>[A-Za-z]+)|[,:])\s*\Z")
_LINK_VERBS = _CTA_VERBS | {"click", "tap", "press", "see", "hit"}


def _caps_in_sentence(text: str, start: int, expression: str) -> bool:
    """A word in capitals, in brackets, where the sentence needs a value: "your permit for [ZONE] expires".

    Not a tag at the start of a subject or a line ("[SALE] 20% off", "[END DATA]"), nor a link after its verb
    ("click [HERE]", "see [FAQS]").
    """
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if not (expression.isupper() and len(expression) >= 4 and before):
        return False
    return (before.group("word") or "").lower() not in _LINK_VERBS


def find_merge_tags(text: str) -> list[MergeTag]:
    """Every merge tag in ``text``, in any of the supported syntaxes."""
    tags = []
    for match in MERGE_TAG.finditer(text):
        expression = next(g for g in match.groups() if g is not None)
        bracketed = any(match.group(g) is not None for g in _BRACKETS)
        if bracketed and not (
            _FIELD_WORD.search(expression) or "_" in expression or _caps_in_sentence(text, match.start(), expression)
        ):
            continue
        if bracketed and _is_button_label(expression):
            continue
        tags.append(
            MergeTag(
                match.start(),
                match.end(),
                match.group(0),
                expression,
                _field_of(expression),
                bool(_FALLBACK.search(expression)),
            )
        )
    return tags


_GREETING_BEFORE = re.compile(r"\b(?:hi|hello|hey|dear|thanks|thank you|welcome(?: back)?),?\s*$", re.I)


def _removal_if_greeting(text: str, tag: MergeTag) -> str | None:
    """Drop a name tag after a greeting ("Hello %%name%%," -> "Hello,"); any other unknown value must be filled."""
    if tag.field == "first_name" and _GREETING_BEFORE.search(text, max(0, tag.start - 40), tag.start):
        return ""
    return None


def _with_fallback(tag: MergeTag) -> str | None:
    """The tag with a Liquid-style fallback, for the syntaxes that support one; greetings fall back to 'there'."""
    if not tag.raw.startswith("{{"):
        return None
    fallback = "there" if tag.field == "first_name" else ""
    return "{{ " + tag.expression.strip() + f' | default: "{fallback}"' + " }}"


def context_value(context: CustomerContext, field: str) -> str | None:
    """The value a merge tag for ``field`` would render for this customer."""
    name = context.name
    values: dict[str, str | None] = {
        "first_name": context.first_name(),
        "last_name": name.last if name else None,
        "email": context.email,
        "phone": context.phone,
        "region": context.region,
        "address": context.address if isinstance(context.address, str) else None,
        "salutation": context.salutation,
        "pronouns": context.pronouns,
    }
    value = values.get(field)
    return value.strip() if value and value.strip() else None


def _context_holds(context: CustomerContext, field: str) -> bool:
    """Whether the context speaks for ``field`` at all.

    A name object without a first name says it is empty; no name object says nothing (the sender's platform may
    well have it).
    """
    parent = {"first_name": "name", "last_name": "name"}.get(field, field)
    return getattr(context, parent, None) is not None or parent in context.model_fields_set


@rule(
    "data_quality.unrendered_merge_tag",
    emits={
        "data_quality.template_missing_value": "A template tag with no value for this customer and no fallback.",
        "data_quality.template_unverified": "A template's merge tag that cannot be checked against the context.",
    },
)
def unrendered_merge_tag(inp: RuleInput) -> Iterator[Finding]:
    """Merge tags left in a finished message, or template tags with no value and no fallback."""
    for tag in find_merge_tags(inp.text):
        if _mentioned(inp, tag.start, tag.end):
            continue
        value = context_value(inp.context, tag.field) if tag.field else None
        if not inp.message.template:
            yield inp.finding(
                "data_quality.unrendered_merge_tag",
                tag.start,
                tag.end,
                3,
                f"Unrendered merge tag {tag.raw}: the customer would read it as is.",
                suggestion=value if value is not None else _removal_if_greeting(inp.text, tag),
            )
        elif tag.has_fallback or value is not None:
            continue
        elif tag.field is not None and _context_holds(inp.context, tag.field):
            yield inp.finding(
                "data_quality.template_missing_value",
                tag.start,
                tag.end,
                2,
                f"{tag.raw} has no value for this customer ({tag.field} is empty) and no fallback, so it would "
                "render blank. Add a fallback in your platform's syntax, e.g. {{ first_name | default: 'there' }}.",
                suggestion=_with_fallback(tag),
            )
        else:
            yield inp.finding(
                "data_quality.template_unverified",
                tag.start,
                tag.end,
                1,
                f"Cannot check {tag.raw} against the customer context; make sure your platform has a value or "
                "a fallback for it.",
            )


# A tag written about rather than left in: quoted in an apology for an earlier send ('began "Hi {FNAME}," instead of
# your name'), or inside a line of code that a course teaches ('print(f"Hello, {name}!")').
_QUOTED = re.compile(r"[\"“‘'`][^\"”’`\n]{0,60}\Z")
_ABOUT_A_SLIP = re.compile(
    r"\b(?:instead of|mistake|error|glitch|bug|sorry|apologi[sz]e|should have (?:said|read|shown))\b",
    re.I,
)
# A tag whose working the sentence explains, as a mailing tool's tutorial does: "Type {{first_name}} anywhere in your
# subject and Postwise fills in each contact's first name".
_TAG_EXPLAINED = re.compile(
    r"\b(?:fills? (?:it |them |this )?in|replaces? (?:it|them|this)|swaps? (?:in|it)|turns? (?:it )?into|"
    r"merge (?:tags?|fields?)|placeholders?|(?:tags?|fields?) like|"
    # "In the template editor, type {{ first_name | default: "there" }} after "Hi""
    r"(?:template|email|message) (?:editor|builder|designer)|fallbacks?)\b",
    re.I,
)
_CODE_LINE = re.compile(r"\b(?:print|format|echo|console\.log)\(|\bf[\"']|\w+ = [\"'\d]|\{\{ and \}\}")


def _mentioned(inp: RuleInput, start: int, end: int) -> bool:
    """The tag is written about, not left in.

    It is quoted as a slip we apologise for, sits in a line of code, or the sentence explains how such tags work.
    """
    line_start = inp.text.rfind("\n", 0, start) + 1
    line_end = inp.text.find("\n", end)
    line = inp.text[line_start : line_end if line_end >= 0 else len(inp.text)]
    if _CODE_LINE.search(line):
        return True
    greeted = _GREETED.search(inp.text, line_start, start) is not None  # "Hi {{first_name}},"
    if not greeted and _TAG_EXPLAINED.search(inp.sentences.text_around(start)):
        return True
    return bool(_QUOTED.search(inp.text, line_start, start)) and bool(
        _ABOUT_A_SLIP.search(inp.sentences.text_around(start))
    )


_GREETING = r"(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|thanks|thank you|welcome(?: back)?)"
_GREETED = re.compile(rf"(?i)\b{_GREETING}[ \t]*\Z")  # the text before a tag ends on a greeting
# Common words start these patterns, so they would be tried at every "the" and "your"; the text must first hold
# what every match needs: a blank before punctuation, or a double blank.
_BLANK_BEFORE = [" ,", " !", " .", " :", " ;", " ?", "\t"]
# "Dear Mrs. ,": the title kept, the surname after it rendered empty (the fix drops the title with the gap)
_EMPTY_GREETING = Lexicon(
    rf"\b(?P<greet>{_GREETING})(?: (?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?)?(?P<gap>[ \t]+)(?P<punct>[,!.:;])",
    needs=_BLANK_BEFORE,
)
_DANGLING_DETERMINER = Lexicon(r"\b(?P<det>your|the|our|an?)(?P<gap>[ \t]+)(?=[,.!?;:])", needs=_BLANK_BEFORE)
_EMPTY_SLOT = Lexicon(r"\b(?:of|for|your|the|our|on|at|with|an?|in|to)(?P<gap>[ \t]{2,})(?=\w)", needs=["  ", "\t"])
# Written to start with a letter rather than \b or a lookbehind ((?<!\w.) after the first letter is the \b
# before it), so ``re`` can skip to the few letters a match starts with.
_NULLISH_WORD = re.compile(
    r"(?:n(?<!\w.)(?:ull|il)|u(?<!\w.)ndefined|N(?<!\w.)aN|N(?<!\w.)ULL)\b|\[object Object\]|N(?<=\sN)one(?=[,!.])"
    r"|N(?<=\sN)ull(?=[,!.:;])"
)
_NULLISH_NEEDS = ("null", "nil", "undefined", "NaN", "[object Object]", "None", "Null", "NULL")  # one is in every match
# A value from another field where a name or a date belongs: "Hi 100482,", "Hi kwame.osei@example.com!", "arriving
# on ORD-55921".
_WRONG_VALUE = re.compile(
    rf"(?:^|\n)[ \t]*(?i:{_GREETING})[ \t]+"
    r"(?P<v>(?!(?:19|20)\d\d\b)\d{4,}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)(?=[,!.:;]?(?:\s|$))"
    r"|\b(?:arriv(?:es|ing)|due|deliver(?:ed|y)|booked|scheduled|expected|coming) (?:on|by|for) "
    # (not a flight: "booked on LH2471", two letters and the number)
    r"(?P<code>[A-Z]{2,5}-\d{3,}|[A-Z]{3,5}\d{3,})\b",
    re.M,
)
_FIELD_NAME = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]*_(?:NAME|FIRST|LAST|EMAIL|CITY|PRODUCT|DATE)[A-Z_]*\b")


def _names_on_file(context: CustomerContext) -> set[str]:
    """The customer's first, preferred and last names, lower-cased."""
    name = context.name
    return {n.lower() for n in (name.first, name.preferred, name.last) if n} if name else set()


@rule("data_quality.empty_field")
def empty_field(inp: RuleInput) -> Iterator[Finding]:
    """A greeting or phrase whose merge field rendered empty: "Hi ," or "your ."."""
    for m in inp.hits(_EMPTY_GREETING):
        yield inp.finding(
            "data_quality.empty_field",
            m.start(),
            m.end(),
            2,
            f"'{inp.at(m)}' looks like a merge field rendered empty.",
            suggestion=inp.text[m.start("greet") : m.end("greet")] + inp.text[m.start("punct") : m.end("punct")],
        )
    for h in inp.hits(_DANGLING_DETERMINER):
        yield inp.finding(
            "data_quality.empty_field",
            h.start(),
            h.end(),
            2,
            f"'{h.group(0).strip()}' is followed by nothing: a product or name slot rendered empty.",
        )
    for h in inp.hits(_EMPTY_SLOT):
        yield inp.finding(
            "data_quality.empty_field",
            h.start(),
            h.end(),
            2,
            f"'{h.group(0).strip()}' is followed by a double space: a merge field probably rendered empty.",
        )
    nullish = [*_NULLISH_WORD.finditer(inp.text)] if any(w in inp.text for w in _NULLISH_NEEDS) else []
    if "_" in inp.text:
        nullish = sorted([*nullish, *_FIELD_NAME.finditer(inp.text)], key=lambda n: n.start())
    on_file = _names_on_file(inp.context)
    for n in nullish:
        if inp.at(n).lower() in on_file:
            continue  # "Dear Mr. Null" to Mr. Null: the name on file, not a missing value
        yield inp.finding(
            "data_quality.empty_field",
            n.start(),
            n.end(),
            3,
            f"'{inp.at(n)}' is a missing value or raw field name leaking into the message.",
            suggestion="",
        )
    for w in _WRONG_VALUE.finditer(inp.text):
        group = "v" if w.group("v") else "code"
        slot = "name" if group == "v" else "date"
        yield inp.finding(
            "data_quality.empty_field",
            w.start(group),
            w.end(group),
            3,
            f"'{w.group(group)}' is not a {slot}: a value from another field was merged into the {slot}'s place.",
            suggestion=inp.context.first_name() if group == "v" else None,
        )


_GREETED_NAME = re.compile(rf"(?:^|\n)[ \t]*(?:{_GREETING})[ \t]+(?P<name>[A-Z][a-z'’-]+)\b", re.I)
_ROLE_AFTER = re.compile(
    r"[ \t/]+(?:owners?|holders?|customers?|members?|users?|residents?|parents?|carers?|guests?|teams?|"
    r"colleagues?|friends?|supporters?|patients?|students?|applicants?)\b",
    re.I,
)
_NOT_A_NAME = {
    "there",
    "friend",
    "friends",
    "all",
    "everyone",
    "team",
    "valued",
    "customer",
    "member",
    "traveler",
    "traveller",
    "reader",
    "shopper",
    "neighbor",
    "neighbour",
    "folks",
    "sir",
    "madam",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "again",
    "back",
    "to",
    "and",
    "from",
    "for",
    "you",
    "guest",
    "subscriber",
    # titles a customer may state, and generic addressees
    "rev",
    "revd",
    "fr",
    "sr",
    "dame",
    "lord",
    "lady",
    "capt",
    "rabbi",
    "imam",
    "pastor",
    "parent",
    "parents",
    "carer",
    "guardian",
    "resident",
    "patient",
    "student",
    "supporter",
    "colleague",
    "members",
    "partner",
    "client",
    "owner",
    "homeowner",
    "applicant",
    "donor",
    "policyholder",
    "cardholder",
    "accountholder",
    "householder",
    "occupier",
    # "Thank you SO much", "Thanks again": emphasis, not a name
    "so",
    "very",
    "both",
    "kindly",
}


# People the customer may tell us about by name: "my son Kwame Asante handles my account", "Karen, her daughter".
_PEOPLE = (
    r"(?:son|daughter|husband|wife|partner|spouse|mum|mom|mother|dad|father|brother|sister|grandson|granddaughter|"
    r"nephew|niece|carer|caregiver|helper|friend|neighbou?r|guardian|attorney|representative)"
)


def _person_named(name: str) -> re.Pattern[str]:
    """The name beside a word for a person the customer knows, either way round."""
    n = re.escape(name)
    return re.compile(rf"\b{_PEOPLE}\b(?: \w+){{0,2}}? {n}\b|\b{n}\b[^.;\n]{{0,20}}\b{_PEOPLE}\b", re.I)


@rule("data_quality.wrong_name", fields=("body",))
def wrong_name(inp: RuleInput) -> Iterator[Finding]:
    """The greeting names someone other than the customer on file."""
    name = inp.context.name
    if name is None:
        return
    known = _names_on_file(inp.context)
    known |= {part.lower() for n in known for part in n.split()}
    if not known:
        return
    # the title the customer gave ("Chief", "Rev.", "Prof.") is theirs to be greeted by
    known |= {part.lower().rstrip(".") for part in (inp.context.salutation or "").split()}
    # "Hi Ate Liza", "Dear Auntie Grace": a title before the name on file (stereotyping judges the title)
    name_next = re.compile(r"\s+(?:" + "|".join(re.escape(n) for n in known) + r")\b", re.I)
    # someone the context names: "my son Kwame handles my account", a chat opened by "Karen, her daughter"
    named = " ".join([*customer_said(inp.context), *(s.detail or "" for s in inp.context.observed_signals)])
    for m in _GREETED_NAME.finditer(inp.text):
        greeted = m.group("name")
        if greeted.lower() in known or greeted.lower() in _NOT_A_NAME or not greeted[0].isupper():
            continue
        if _ROLE_AFTER.match(inp.text, m.end("name")):
            continue  # "Dear Vehicle Owner", "Dear Account Holder": a role, not a name
        if name_next.match(inp.text, m.end("name")):
            continue
        if _person_named(greeted).search(named):
            continue  # the helper or relative the customer told us about, greeted by their own name
        places = [part.strip() for part in (inp.context.region or "").lower().split(",")]
        if any(len(place) >= 4 and greeted.lower().startswith(place[:4]) for place in places):
            continue  # "Hey Texan": a name for people from the region on file (stereotyping judges that), not a name
        expected = inp.context.first_name()
        if name.first and not name.preferred and nickname_of(greeted, name.first):
            continue  # "Hi Jonno" to Jonathan: a nickname (overreach judges the familiarity), not someone else
        yield inp.finding(
            "data_quality.wrong_name",
            m.start("name"),
            m.end("name"),
            3,
            f"Greets '{greeted}', but that is not the name on file for this customer.",
            suggestion=expected,
        )
    # another customer's record pasted in: "Account holder: Marguerite Dubois", "order #55812 for Glenda Fairbanks"
    for m in _RECORD_NAME.finditer(inp.text):
        full = m.group("full")
        if any(part.lower() in known for part in full.split()) or _person_named(full.split()[0]).search(named):
            continue
        yield inp.finding(
            "data_quality.wrong_name",
            m.start("full"),
            m.end("full"),
            3,
            f"The record names '{full}', not the customer on file: is this another customer's record?",
        )


# A full name given as whose record this is: a labelled field of a statement or policy, or an order "for" someone.
# (Not "Deliver to:" or "Recipient:", which a gift names.)
_RECORD_NAME = re.compile(
    r"(?:(?:^|\n)[ \t]*(?i:account ?holder|customer(?: name)?|member(?: name)?|policy ?holder|insured|patient|"
    r"bill ?payer|name on (?:the )?account)[ \t]*:[ \t]*"
    r"|\b(?i:order|booking|account|policy|claim) (?:#|no\.? ?|number )?[A-Z0-9-]*\d[A-Z0-9-]* for )"
    r"(?P<full>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)+)"
)
