"""Content picked from a guessed identity: ethnicity, religion, origin or language inferred from a name or a segment.

A surname model decides a customer is South Asian, and the message offers Bollywood night "so you'll feel right at
home". No sensitive word need appear: the choice of content is the stereotype, and it shows the customer what was
guessed about them. Each identity below lists the words that name it in an inferred attribute and content that
copy commonly ties to it; the rule fires when the context holds such a guess, the customer never said so, and the
draft carries that content.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reviewer.models import Finding
from reviewer.rules._base import RuleInput, rule
from reviewer.rules._context import customer_said, said_origin, stated_text
from reviewer.rules._text import Hit, Lexicon, words

# identity -> (words naming it in an attribute, content copy ties to it)
_IDENTITIES: dict[str, tuple[str, list[str]]] = {
    "South Asian": (
        r"south[ _-]?asian|indian|pakistani|bangladeshi|sri[ _-]?lankan|desi|hindu|sikh|punjabi|gujarati|tamil|"
        r"bengali|hindi|urdu",
        [
            r"india",
            r"indian",
            r"pakistan\w*",
            r"bangladesh\w*",
            r"sri lanka\w*",
            r"bollywood",
            r"bhangra",
            r"curr(?:y|ies)",
            r"samosas?",
            r"chai",
            r"biryani",
            r"masala",
            r"tikka",
            r"naan",
            r"diwali",
            r"deepavali",
            r"holi",
            r"navratri",
            r"vaisakhi",
            r"baisakhi",
            r"namaste",
            r"sat sri akal",
            r"saris?",
            r"sarees?",
            r"lehengas?",
            r"mehndi",
            r"henna",
            r"hindi",
            r"urdu",
            r"punjabi",
            r"gujarati",
            r"tamil",
            r"bengali",
            r"desi",
            r"basmati",
            r"ghee",
            r"paneer",
            r"tiffins?",
            r"d[a]?hal",
            r"mithai",
            r"rangoli",
            r"kurtas?",
            r"salwar",
            r"dupattas?",
            # colourism sold as care: "keep skin fair"
            r"(?:fair|fairer|lighter|whiter) skin",
            r"skin (?:fair|fairer|lighter|whiter)",
            r"fairness",
        ],
    ),
    "Muslim or Arab": (
        r"muslim|islam\w*|arab\w*|middle[ _-]?eastern",
        [
            r"ramadan",
            r"ramzan",
            r"eid",
            r"iftar",
            r"suhoor",
            r"halal",
            r"zakat",
            r"sadaqah",
            r"mosques?",
            r"hijabs?",
            r"modest (?:fashion|wear|swimwear|styles?)",
            r"abayas?",
            r"arabic",
            r"salaam",
            r"salam",
            r"mubarak",
            r"umrah",
            r"hajj",
            # the month's practice said of the customer: "shorter sessions while you're fasting"
            r"(?:you(?:'re| are)|while|when|during (?:the|your)) fasting",
            r"(?:break(?:ing)?|open(?:ing)?) (?:the|your) fast",
            r"the holy month",
            r"prayer times",
        ],
    ),
    "Jewish": (
        r"jewish|judaism|hebrew",
        [
            r"hanukkah",
            r"chanukah",
            r"passover",
            r"seder",
            r"kosher",
            r"shabbat",
            r"shabbos",
            r"rosh hashanah",
            r"yom kippur",
            r"purim",
            r"ba[rt] mitzvah",
            r"synagogues?",
            r"hebrew",
            r"yiddish",
            r"challah",
            r"matzo",
            r"shalom",
            r"mazel tov",
        ],
    ),
    "Black or African": (
        r"black|african|caribbean|nigerian|ghanaian|kenyan|jamaican|somali|ethiopian|afro\w*",
        [
            r"deep(?:er|est)? skin(?: tones?)?",
            r"dark(?:er|est)? skin(?: tones?)?",
            r"melanin\w*",
            r"textured hair",
            r"black hair",
            r"natural hair",
            r"afros?",
            r"coily",
            r"box braids",
            r"braids",
            r"relaxers?",
            r"jollof",
            r"plantain",
            r"jerk",
            r"afrobeats?",
            r"reggae",
            r"dancehall",
            r"kwanzaa",
            r"nigeria",
            r"ghana",
            r"jamaica",
            r"caribbean",
            r"africa",
        ],
    ),
    "Hispanic or Latino": (
        r"hispanic|latin[oax]?|latine|mexican|puerto[ _-]?rican|cuban|colombian|spanish[ _-]?speak\w*",
        [
            r"en español",
            r"español",
            r"spanish",
            r"hola",
            r"salsa",
            r"reggaeton",
            r"telenovelas?",
            r"quincea\w+",
            r"cinco de mayo",
            r"d[ií]a de (?:los )?muertos",
            r"tacos?",
            r"tamales",
            r"abuela",
            r"familia",
            r"mexico",
            r"latin\w*",
        ],
    ),
    "East Asian": (
        r"east[ _-]?asian|chinese|korean|japanese|vietnamese|filipino|(?<!south )(?<!south-)asian",
        [
            r"lunar new year",
            r"chinese new year",
            r"mid-autumn",
            r"mooncakes?",
            r"dim sum",
            r"k-?pop",
            r"k-?dramas?",
            r"anime",
            r"mandarin",
            r"cantonese",
            r"korean",
            r"japanese",
            r"chinese",
            r"ni hao",
            r"konnichiwa",
            r"annyeong",
            r"xin ch[aà]o",
            r"t[eế]t",
            r"pho",
            r"chopsticks",
            r"red envelopes?",
            r"hongbao",
            r"tagalog",
            r"(?:fair|fairer|lighter|whiter|porcelain) skin",
            r"skin (?:fair|fairer|lighter|whiter)",
        ],
    ),
    "LGBTQ+": (
        r"lgbt\w*|gay|lesbian|queer|bisexual|sexual[ _-]?orientation|sexuality",
        [
            r"pride",
            r"lgbtq?\+?(?:[- ]friendly)?",
            r"queer",
            r"gay(?![- ]friendly)",
            r"rainbow",
            r"drag (?:brunch|shows?|nights?)",
            r"same[- ]sex",
        ],
    ),
    "Eastern European": (
        r"polish|ukrainian|romanian|russian|lithuanian|bulgarian|eastern[ _-]?european",
        [
            r"polish",
            r"poland",
            r"pierogi",
            r"dzień dobry",
            r"dzien dobry",
            r"ukrain\w*",
            r"romania\w*",
            r"russia\w*",
            r"lithuania\w*",
            r"bulgaria\w*",
            r"privet",
            r"bună",
            r"buna ziua",
        ],
    ),
}
_ATTRIBUTE = {name: re.compile(rf"\b(?:{cues})\b", re.I) for name, (cues, _) in _IDENTITIES.items()}
# a space in a term also matches a hyphen: "textured hair" and "a textured-hair edit"
_CONTENT = {name: words([t.replace(" ", "[ -]") for t in terms]) for name, (_, terms) in _IDENTITIES.items()}
# The content claimed as the customer's own: "calls home", "you'll feel right at home", "as good as your mum's",
# "since you prefer Polish".
_CLAIMED = Lexicon(
    r"\b(?:calls?|calling|flights?|fly(?:ing)?|money|transfers?|sending money|trips?) (?:back )?home\b"
    r"|\bback home\b|\b(?:feel|feeling) (?:right )?at home\b|\ba taste of home\b|\bjust like home\b"
    r"|\b(?:(?:as good as|just like|like) your (?:mum|mom|mam|ma|grandma|gran|nan|nani|dadi|abuela)(?:'s|’s)?)"
    r"|\byour (?:own )?(?:language|mother tongue|culture|community|people|roots|traditions?)\b"
    r"|\bsince you (?:prefer|speak|'d prefer|would prefer)\b"
)


# A phone menu's option, there for every caller: "Para español, oprima 2", "For Polish, press 3", "press 4 for Urdu"
# (not "press 3 to go straight to our Spanish-speaking team", the line set up for this caller).
_KEY = r"(?:press|oprima|marque|pulse|dial)\s+(?:\d|one|two|three|four|five|six|seven|eight|nine)\b"
_OPTION_AFTER = re.compile(rf"[,:]?\s*{_KEY}", re.I)
_OPTION_BEFORE = re.compile(rf"\b{_KEY}\s+(?:for|para)\s+(?:el\s+)?\Z", re.I)


def _menu_option(text: str, start: int, end: int) -> bool:
    """The content names one option of a phone menu every caller hears."""
    return bool(_OPTION_AFTER.match(text, end) or _OPTION_BEFORE.search(text, max(0, start - 30), start))


def _guesses(inp: RuleInput) -> list[str]:
    """The identities the inferred attributes name."""
    texts = [f"{a.attribute} {a.source or ''}".replace("_", " ") for a in inp.context.inferred_attributes]
    return [name for name, pattern in _ATTRIBUTE.items() if any(pattern.search(text) for text in texts)]


# Where a guess came from what the customer did (bought, browsed, read, listened to, where they went), surfacing
# it shows the watching (creepiness); from their name, region or photo, it is a stereotype.
_BEHAVIOURAL = re.compile(
    r"purchas|basket|order|brows|view|read|listen|watch|stream|search|click|app[ _]usage|route|location[ _]history|"
    r"check[- ]?ins?|blog|social",
    re.I,
)


def _from_behaviour(inp: RuleInput, names: set[str]) -> bool:
    """Every inferred attribute behind the guessed identities ``names`` came from the customer's behaviour."""
    sources = [
        a.source or ""
        for a in inp.context.inferred_attributes
        if any(_ATTRIBUTE[n].search(f"{a.attribute} {a.source or ''}".replace("_", " ")) for n in names)
    ]
    return bool(sources) and all(_BEHAVIOURAL.search(src) for src in sources)


@dataclass(frozen=True)
class _Picked:
    """What the draft picked from an identity: the content hits, the phrases claiming it, and whether it was guessed."""

    content: list[tuple[Hit, str]]
    claimed: list[Hit]
    guessed: bool


def _picked(inp: RuleInput) -> _Picked | None:
    """Content tied to an identity the customer never stated, when the context guesses it or the draft claims it."""
    guessed = _guesses(inp)
    claimed = inp.hits(_CLAIMED)
    if not guessed and not claimed:
        return None
    # What the customer told us or did themselves: content they showed an interest in is theirs, not a guess.
    shown = " \n ".join(
        [*customer_said(inp.context), *(p.category for p in inp.context.purchases)]
        + [s.detail or "" for s in inp.context.observed_signals]
        + [inp.context.locale or ""]
    ).lower()
    said = stated_text(inp.context)
    origin_said = said_origin(inp.context)
    content = [
        (m, name)
        for name in guessed or list(_IDENTITIES)
        if not _ATTRIBUTE[name].search(shown)  # the customer said they are of this identity
        # or told us where they come from and asked for its things: "I grew up in Kingston - always after proper
        # jerk seasoning" (the identity by a place the cues do not list)
        and not (origin_said and _CONTENT[name].pattern.search(said))
        for m in inp.hits(_CONTENT[name])
        if inp.at(m).lower() not in shown and not _menu_option(inp.text, m.start(), m.end())
    ]
    # With no guess on file, only content the message claims as the customer's own ("Bollywood night, you'll feel
    # right at home") shows a guess; a festival menu sent to everyone does not.
    if not content or not (guessed or claimed):
        return None
    return _Picked(content, claimed, bool(guessed))


@rule("stereotyping.guessed_identity", fields=("body",))
def guessed_identity(inp: RuleInput) -> Iterator[Finding]:
    """Content picked from an ethnicity, religion, origin or language guessed from a name or a segment."""
    picked = _picked(inp)
    if picked is None:
        return
    guessed_names = {name for _, name in picked.content}
    if picked.guessed and not picked.claimed and _from_behaviour(inp, guessed_names):
        return  # guessed from what they bought or read: showing it is creepiness, judged by its own rule
    where = "a guessed identity" if picked.guessed else "an identity the customer never stated"
    names = ", ".join(sorted(guessed_names))
    spans = sorted({inp.sentences.around(h.start()) for h in [*(m for m, _ in picked.content), *picked.claimed]})
    for start, _ in spans:
        yield inp.sentence_finding(
            "stereotyping.guessed_identity",
            start,
            3,
            f"This picks content from {where} ({names}); offer it to customers who asked for it, not by their name "
            "or background.",
        )


@rule("creepiness.guessed_identity", fields=("body",))
def shows_guessed_identity(inp: RuleInput) -> Iterator[Finding]:
    """Content picked from a guessed ethnicity, religion or origin, which shows the customer what was guessed."""
    picked = _picked(inp)
    if picked is None:
        return
    first = min((m for m, _ in picked.content), key=lambda m: m.start())
    for c in picked.claimed or [first]:
        yield inp.finding(
            "creepiness.guessed_identity",
            c.start(),
            c.end(),
            3 if picked.guessed else 2,
            f"'{inp.at(c)}' shows the customer what was guessed about their background; drop it.",
        )
