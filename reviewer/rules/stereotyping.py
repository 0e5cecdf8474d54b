"""Stereotyping: roles and traits assumed from gender, age, location or ethnicity; unstated honorifics."""

import re
from collections.abc import Iterator

from reviewer.models import CustomerContext, Finding
from reviewer.rules._base import RuleInput, rule
from reviewer.rules._context import mentions_category, stated_mentions, stated_text
from reviewer.rules._text import Hit, Lexicon, Scan, words
from reviewer.rules.lexicon import NATIONALITY

_ROLES = (
    r"mom|mum|mommy|mummy|mother|dad|daddy|father|wife|husband|woman|man|lady|girl|guy|gentleman|grandma|grandpa|"
    r"granny|grandmother|grandfather|grandparent|senior|retiree|pensioner|boomer|millennial|gen z(?:er)?|"
    r"gen x(?:er)?|zoomer|teen|teenager|housewife|homemaker|bachelor|empty nester|"
    r"latina|latino|hispanic|asian|black|african[- ]american|arab|indian|southerner|midwesterner|city girl|"
    r"country boy|texan|californian|new yorker|muslim|christian|jewish|hindu|sikh|buddhist|gay|lesbian|queer|"
    r"bisexual"
)
# Roles that name an ethnicity, religion or sexuality: stereotyping by them is the severe kind.
_ETHNIC_ROLES = re.compile(
    r"latina|latino|hispanic|asian|black|african|arab|indian|muslim|christian|jewish|hindu|sikh|buddhist|gay|"
    r"lesbian|queer|bisexual",
    re.I,
)
_ROLE_CLAIM = Lexicon(
    rf"\bas an? (?:(?:busy|working|stay[- ]at[- ]home|single|new|modern|young|older|real|typical|proud|true|"
    rf"hardworking|savvy|tech[- ]savvy|valued|loyal|black|white|asian|gay|straight)\s+){{0,3}}(?P<role>{_ROLES})\b"
)
_GROUP_ADDRESS = Lexicon(
    r"\b(?:\w+ )?(?P<group>ladies|gentlemen|girls|girlies?|gals|guys|lads|fellas?|gents|boys|moms|mums|dads|"
    r"grans?|grannies|granny|grandad|grandpa|grandma|nan)\s*(?:[,!:?]|[\u2600-\u27bf\U0001f300-\U0001faff])"
)
# ...when it opens the text, a line or a sentence, after an optional greeting. Checked looking back from the
# group word: as part of the pattern it made ``re`` try the whole pattern at every character.
_OPENS_ADDRESS = re.compile(
    r"(?:^|(?<=[\n.!?:,]\s)|(?<=\n))\s*(?:hey+ |hi |hiya |hello |calling all |attention |morning |evening )?\Z", re.I
)
_GROUP_CLAIM = re.compile(r"\s*(?:we know you|you all|you always|you know you|admit it|we all know)\b", re.I)
# The title comes first in the pattern, starting with its letter ((?<!\w.) after it is the \b before it), so
# ``re`` skips to the few capitals a title starts with; the greeting before it is checked looking back.
_HONORIFIC = re.compile(
    r"(?P<title>M(?<!\w.)(?:rs|r|s|iss|x|ister|adam|a'am|a’am)|D(?<!\w.)r|P(?<!\w.)rof|S(?<!\w.)ir)\b\.?"
    r"(?P<surname>\s+[A-Z][\w'’-]+)?",
)
_GREETING_BEFORE = re.compile(
    r"\b(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|welcome(?: back)?|thank you|thanks),?\s+\Z", re.I
)
_GENERIC_ADDRESS = Lexicon(r"\bsir\s*(?:or|/)\s*madam\b|\bmadam\s*(?:or|/)\s*sir\b|\bladies and gentlemen\b")
_GENDERED_TITLES = {"mr", "mrs", "ms", "miss", "mister", "sir", "madam", "ma'am", "ma’am"}

_HOUSEHOLD = Lexicon(
    r"\byour\s+(?:(?:lovely|beautiful|little|new|dear)\s+)?(?P<who>wife|husband|spouse|partner|girlfriend|"
    r"boyfriend|fianc[ée]e?|kids|children|child|sons?|daughters?|baby|toddlers?|little ones|grandkids|"
    r"grandchildren|grandsons?|granddaughters?|mother-in-law|father-in-law|in-laws)\b"
    # the same assumption in colloquial form: "show it to the wife", "tell the hubby", "no man about the house"
    r"|\b(?:the|your|tell|ask)\s+(?P<who2>wife|missus|missis|hubby|wifey|old lady|old man|other half|better half)\b"
    r"|\b(?:no )?(?P<who3>man|lady) (?:about|of) the house\b"
    r"|\bfor (?:new |busy |first-time |expecting |working )?(?P<who4>dads|moms|mums|parents|grandparents)\b"
    r"|\byour (?:little|baby) (?P<who5>girl|boy)s?\b"
    r"|\b(?:(?:lunch(?:es|boxes)?|snacks|treats|presents|gifts|costumes|clothes|shoes|school (?:bags|shoes|uniforms?))"
    r" for |(?:pack|feed|entertain|keep) )the (?P<who7>kids|children|little ones)\b"
    r"|\bthe (?P<who8>kids|children|little ones) (?:won'?t|will|can|could|make|love|are going to)\b"
    # a family member sent on an errand: "get Dad to bring the shin pads", "bring Mum & Dad"
    r"|\b(?:get|ask|tell|bring|let|have) (?P<who6>(?:your )?(?:mum|mom|mam|dad)(?: (?:&|and) (?:mum|mom|dad))?)\b"
)
_FEATURE_AFTER = re.compile(
    r"['’]?s?\s+(?:profiles?|accounts?|club|menu|section|zone|range|collection|mode|plan|corner|tab|settings)\b", re.I
)
# A partner as "her" or "him" whom the message never introduced: "give her the night off", "treat him".
_PRONOUN_PARTNER = Lexicon(
    r"\b(?:treat|spoil|surprise|pamper|impress|woo|romance) (?P<p>her|him)\b(?! to yourself)"
    r"|\bgive (?P<p2>her|him) the (?:night|day|evening|weekend) off\b"
)
_ANTECEDENT = re.compile(
    r"\b(?:she|he|mum|mom|mother|dad|father|wife|husband|daughter|son|sister|brother|girlfriend|boyfriend|partner|"
    r"friend|gran|nan|grandma|grandpa|bride|groom|fianc\w*|teacher|nurse|host|someone|loved one|colleague|boss|"
    r"valentine|mummy|daddy|auntie|aunt|uncle|niece|nephew|neighbour|neighbor)s?\b",
    re.I,
)
_HOUSEHOLD_GROUPS: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(r"wife|husband|girlfriend|boyfriend|fianc", re.I), "someone you love", 2),
    (re.compile(r"spouse|partner", re.I), "someone you love", 1),
    (re.compile(r"grand", re.I), "the whole family", 2),
    (re.compile(r"in-law", re.I), "the whole family", 2),
    (re.compile(r"kid|child|son|daughter|baby|toddler|little one|girl|boy", re.I), "the whole family", 2),
    (re.compile(r"mum|mom|mam|dad", re.I), "your family", 2),
]
_HOUSEHOLD_STATED = {
    "your family": re.compile(r"mum|mom|mam|dad|father|mother|parent|family|husband|wife|partner|kid|child", re.I),
    "someone you love": re.compile(r"wife|husband|spouse|partner|married|girlfriend|boyfriend|fianc|wedding", re.I),
    "the whole family": re.compile(
        r"kid|child|son|daughter|baby|toddler|little one|parent|mom|mum|dad|father|mother|grand|family|in-law|"
        r"boys|girls|twins|teen",
        re.I,
    ),
}

# Interests stereotypically tied to a gender or an age group; flagged only when the customer never
# showed that interest themselves (stated, bought or browsed).
_CODED_INTERESTS: dict[str, list[list[str]]] = {
    "male": [
        [r"football", r"the big game", r"game day", r"super bowl", r"nfl", r"soccer", r"premier league", r"fan"],
        [r"grill(?:ing)?", r"bbq", r"barbecue"],
        [r"beer"],
        [r"power tools"],
        [r"man cave"],
        [r"fishing"],
        [r"poker"],
        [r"muscle cars?"],
        [r"lager", r"crates? of beer"],
        [r"gadgets?"],
    ],
    "female": [
        [r"shopping spree"],
        [r"makeup", r"lipsticks?"],
        [r"handbags?"],
        [r"cooking", r"baking"],
        [r"cleaning"],
        [r"girls'? night"],
        [r"pamper yourself", r"spa day"],
        [r"chick flicks?"],
        [r"heels"],
        [r"pretty (?:shades|colou?rs|designs|picks|things)"],
        [r"nail colou?rs", r"glow[- ]up"],
        [r"school runs?"],
        [r"hiding the tummy", r"tummy control", r"anti-?ageing", r"wrinkles"],
    ],
    "older": [
        [r"grandkids", r"grandchildren"],
        [r"slow down"],
        [r"hearing aids?"],
        [r"simple enough"],
        [r"take it easy"],
    ],
    "younger": [[r"avocado toast"], [r"tiktok"], [r"slay"], [r"no cap"], [r"adulting"]],
}
# Each theme is one interest under several names; showing any of them counts for all.
_CODED_RE = {key: [(words(theme), theme) for theme in themes] for key, themes in _CODED_INTERESTS.items()}


def _demographic_keys(context: CustomerContext) -> list[str]:
    keys = []
    gender = (context.gender or "").strip().lower()
    if gender in {"male", "m", "man"}:
        keys.append("male")
    elif gender in {"female", "f", "woman"}:
        keys.append("female")
    band = re.match(r"\s*(\d+)", context.age_band or "")
    if band:
        low = int(band.group(1))
        keys.append("older" if low >= 55 else "younger" if low < 30 else "")
    return [k for k in keys if k]


@rule(
    "stereotyping.role_claim",
    emits={"stereotyping.group_address": 'Addressing the reader by gender or family role: "Ladies, ...", "Hey moms!".'},
)
def role_claim(inp: RuleInput) -> Iterator[Finding]:
    """Role claims tied to gender, age, generation, location or ethnicity: "as a busy mom"."""
    stated = stated_text(inp.context)
    for m in inp.hits(_ROLE_CLAIM):
        role = m.group("role").lower()
        if role in stated:
            severity = 1
        else:
            severity = 4 if _ETHNIC_ROLES.search(m.group(0)) else 3
        yield inp.phrase_removal(
            "stereotyping.role_claim",
            m.start(),
            m.end(),
            severity,
            f"'{inp.at(m)}' casts the customer in a role they never stated"
            if severity > 1
            else f"'{inp.at(m)}' uses a role the customer stated; drop the generalisation around it.",
        )
    for m in inp.hits(_GROUP_ADDRESS):
        if not _OPENS_ADDRESS.search(inp.text, max(0, m.start() - 60), m.start()) and not (
            _OPENS_ADDRESS.search(inp.text, max(0, m.start("group") - 60), m.start("group"))
        ):
            continue
        claim = _GROUP_CLAIM.match(inp.text, m.end())
        yield inp.phrase_removal(
            "stereotyping.group_address",
            m.start("group"),
            m.end("group"),
            3 if claim else 1 if m.group("group").lower() == "guys" else 2,
            f"Addressing the reader as '{m.group('group')}' assumes their gender or family role"
            + (f", and '{claim.group(0).strip()}' claims to know their tastes." if claim else "."),
        )


def _norm_title(title: str) -> str:
    return title.lower().rstrip(".").replace("’", "'")


_SALUTATION_LINES = 2


def _named_so(context: CustomerContext, title: str, surname: str) -> bool:
    """The customer's own words use this title with this surname ("my wife Helen (Mrs. Whitaker)")."""
    return (
        bool(surname) and re.search(rf"\b{title}\.? {re.escape(surname.lower())}\b", stated_text(context)) is not None
    )


@rule("stereotyping.honorific")
def honorific(inp: RuleInput) -> Iterator[Finding]:
    """An honorific the customer never stated: "Dear Mrs. Smith" when salutation is unknown."""
    ctx = inp.context
    stated = _norm_title(ctx.salutation) if ctx.salutation else None
    last = (ctx.name.last if ctx.name else None) or ""
    generic = [(g.start(), g.end()) for g in inp.hits(_GENERIC_ADDRESS)]
    for m in _HONORIFIC.finditer(inp.text):
        if any(s <= m.start("title") < e for s, e in generic):
            continue
        surname = (m.group("surname") or "").strip()
        # a title opening one of the first lines is the salutation; on a later line it is a signature
        line_start = (m.start("title") == 0 or inp.text[m.start("title") - 1] == "\n") and inp.text.count(
            "\n", 0, m.start("title")
        ) <= _SALUTATION_LINES
        greeted = _GREETING_BEFORE.search(inp.text, max(0, m.start() - 60), m.start()) is not None
        addresses_customer = greeted or (last and surname == last) or line_start
        if not addresses_customer:
            continue
        title = _norm_title(m.group("title"))
        if stated == title or _named_so(inp.context, title, surname):
            continue
        if stated:
            severity, why = 3, f"the customer asked to be addressed as '{ctx.salutation}'"
        elif title in _GENDERED_TITLES:
            severity = 2
            why = "the customer never stated a salutation, so this assumes their gender" + (
                " and marital status" if title in {"mrs", "miss"} else ""
            )
        else:
            severity, why = 1, "the customer never stated this title"
        first = ctx.first_name()
        if stated:
            replacement: str | None = f"{ctx.salutation} {surname}".strip()
        elif first:
            replacement = f"{first} {surname}".strip()
        else:
            replacement = None
        start = m.start("title")
        yield inp.finding(
            "stereotyping.honorific",
            start,
            m.end(),
            severity,
            f"'{m.group('title')}': {why}. Use the stated salutation or the customer's name.",
            suggestion=replacement,
        )


# Help decided for the customer: formats and hand-holding that suit a need they never stated.
_ASSUMED_HELP = words(
    [
        r"large[- ]print",
        r"big(?:ger)? (?:buttons|text|print|font)",
        r"(?:simplified|simpler|easier|basic|senior[- ]friendly) (?:version|app|menu|mode|phone|handset|format|plan)",
        r"senior[- ]friendly",
        r"no need to push (?:it|yourself)",
        r"take it (?:easy|slow)",
        # taste, comfort and caution decided for them
        r"(?:something|one|things|it|options?|styles?|picks?) (?:simple|simpler|sensible|practical|comfortable|gentle)",
        r"keep(?:ing)? (?:things|it) (?:simple|easy|straightforward)",
        r"(?:easy|easier|gentle|gentler|kind|kinder) on the (?:joints|knees|hips|back|feet)",
        r"(?:low|no)[- ]impact",
        r"nothing too (?:flashy|loud|bold|wild|trendy|young|fancy|complicated|techy|fiddly|daring|racy|revealing)",
        r"gentle (?:\w+ ){0,2}(?:cruises?|classes?|walks?|pace|routes?|trips?|holidays?|tours?|options?|workouts?)",
        r"comfortable,? (?:easy|practical|sensible)",
        r"(?:phone|tablet|device|handset|app|mobile) that'?s (?:easy|simple|easier|simpler) to use",
    ]
)
# Decisions from age that need no second cue: "time to retire the glitter", "so you don't miss a word".
_AGE_VERDICT = words(
    [
        r"(?:time to )?(?:retire|ditch|hang up) (?:the|your) (?:glitter|sparkle|minis?|skinny jeans|crop tops?|neon|"
        r"heels|trainers|party \w+)",
        r"not trying too hard",
        r"age[- ]appropriate",
        r"(?:more|a bit more) (?:grown[- ]up|mature|sensible|age[- ]appropriate|dignified)",
        r"(?:so|and) you (?:don'?t|won'?t|never) miss a word",
        r"(?:it'?s )?(?:wise|best|safer|sensible) to (?:steer clear of|avoid|skip|stay away from)",
        r"time for an? (?:\w+ )?(?:phone|tablet|handset|device|mobile) that'?s (?:easy|simple|easier|simpler)",
        r"dress(?:ing)? (?:your|for your) age",
    ]
)
# ...decided for them, not offered: "your statements will come in large print", "we've switched you to".
_DECIDED = words(
    [
        r"will (?:now )?(?:come|arrive|be sent|be set up) (?:in|as|with)",
        r"we(?:'ve| have| will|'ll) (?:switched|moved|set|changed|put|sent|upgraded|chosen|picked|swapped)",
        r"(?:picked|chosen|selected) (?:for|with) you",
        r"no need to",
        r"at this (?:stage|point)",
        r"at your (?:age|stage)",
        r"better suited",
        r"more your (?:speed|pace)",
        r"you'?ll (?:want|prefer|appreciate|find)",
        r"we'?ve kept",
        r"to keep (?:things|it) (?:simple|easy)",
        r"(?:picked|chosen|selected|kept) (?:\w+ )?(?:for|with) you",
    ]
)
_OFFERED = words(
    [r"(?:available|open) to (?:anyone|everyone|all)", r"on request", r"if you(?:'d)? (?:like|prefer|want)"]
)
_NEED_STATED = re.compile(
    r"\b(?:print|sight|vision|eyes?|read|hearing|deaf|accessib\w*|simple|easy|knee|joint|hip|back|injur\w*|"
    r"recover\w*|mobility|arthritis|beginner|new to|apps?|online|internet|computers?|tech\w*|links?|"
    r"(?:phone|call|ring) me|comfort\w*|quiet|plain|classic)\b"
)


@rule("stereotyping.assumed_need", fields=("body",))
def assumed_need(inp: RuleInput) -> Iterator[Finding]:
    """Help or limits decided from age alone: large print, a simpler phone, "gentle on the knees"."""
    if "older" not in _demographic_keys(inp.context) or _NEED_STATED.search(stated_text(inp.context)):
        return
    for m in inp.hits(_AGE_VERDICT):
        yield inp.finding(
            "stereotyping.assumed_need",
            m.start(),
            m.end(),
            3,
            f"'{inp.at(m)}' decides the customer's taste or limits from their age; speak to what they chose.",
        )
    for m in inp.hits(_ASSUMED_HELP):
        if not inp.in_sentence(_DECIDED, m.start()) or inp.in_sentence(_OFFERED, m.start()):
            continue
        yield inp.finding(
            "stereotyping.assumed_need",
            m.start(),
            m.end(),
            3,
            f"'{inp.at(m)}' decides what the customer needs from their age; offer it to everyone, or ask.",
        )


_NATIONALITY_WORDS = frozenset(NATIONALITY.split("|"))
# Origin, ethnicity or faith decided for the customer: "your Caribbean favourites", "coming from a big Irish family",
# "many of our Nigerian students", "for religious reasons".
_ORIGIN = Lexicon(
    rf"\byour (?:{NATIONALITY}) (?:favou?rites|food|dishes|cooking|cuisine|flavou?rs|music|family|roots|heritage|"
    r"community|traditions?|culture)\b"
    rf"|\b(?:coming|come|you come) from an? (?:big |large |close[- ]knit |proud )?(?:{NATIONALITY}) "
    r"(?:family|background|household|community)\b"
    rf"|\b(?:many|most|all|a lot|plenty) of (?:our |the )?(?:{NATIONALITY}) (?:customers|students|members|clients|"
    r"people|families|users|guests)\b"
    rf"|\beveryone knows (?:{NATIONALITY})\b"
    r"|\b(?:for|because of) (?:your )?(?:religious|cultural|faith) reasons\b"
    r"|\b(?:women|men|people|customers) of colou?r (?:are|often|tend|usually|love|prefer|find)\b"
)


@rule("stereotyping.assumed_origin", fields=("body",))
def assumed_origin(inp: RuleInput) -> Iterator[Finding]:
    """Origin, ethnicity or faith decided for the customer, or generalised about: "your Caribbean favourites"."""
    stated = stated_text(inp.context)
    for m in inp.hits(_ORIGIN):
        words_ = [w for w in re.findall(r"[a-z]+", inp.at(m).lower()) if w in _NATIONALITY_WORDS]
        if words_ and all(w in stated for w in words_):
            continue  # the customer told us where they are from
        yield inp.finding(
            "stereotyping.assumed_origin",
            m.start(),
            m.end(),
            3,
            f"'{inp.at(m)}' decides the customer's origin or faith, or generalises about it; speak to what they "
            "told you instead.",
        )


@rule("stereotyping.household")
def household(inp: RuleInput) -> Iterator[Finding]:
    """Assumed household or family: "your wife", "your kids" when the context does not say so."""
    for m in inp.hits(_PRONOUN_PARTNER):
        if _ANTECEDENT.search(inp.text[: m.start()]) or stated_mentions(
            inp.context, _HOUSEHOLD_STATED["someone you love"]
        ):
            continue
        group = "p" if m.group("p") else "p2"
        yield inp.finding(
            "stereotyping.household",
            m.start(group),
            m.end(group),
            2,
            f"'{inp.at(m)}' assumes a partner the customer never mentioned.",
            suggestion="someone you love",
        )
    for m in inp.hits(_HOUSEHOLD):
        if m.group("who6"):
            start, end = m.start("who6"), m.end("who6")
            if not stated_mentions(inp.context, _HOUSEHOLD_STATED["your family"]):
                yield inp.finding(
                    "stereotyping.household",
                    start,
                    end,
                    2,
                    f"'{inp.at(m)}' assumes a parent in the customer's household they never mentioned.",
                    suggestion="your family",
                )
            continue
        who = (
            m.group("who")
            or m.group("who2")
            or m.group("who3")
            or m.group("who4")
            or m.group("who5")
            or m.group("who7")
            or m.group("who8")
        )
        who = {"dads": "kids", "moms": "kids", "mums": "kids", "parents": "kids", "grandparents": "grandkids"}.get(
            who, who
        )
        who = {"man": "husband", "lady": "wife", "hubby": "husband", "missus": "wife", "missis": "wife"}.get(who, who)
        who = {"wifey": "wife", "old lady": "wife", "old man": "husband"}.get(who, who)
        who = {"other half": "partner", "better half": "partner"}.get(who, who)
        if _FEATURE_AFTER.match(inp.text, m.end()):
            continue  # "your Kids profile", "your family plan": a product feature, not a household member
        pattern, neutral, severity = next(g for g in _HOUSEHOLD_GROUPS if g[0].search(who))
        if stated_mentions(inp.context, _HOUSEHOLD_STATED[neutral]):
            continue
        yield inp.finding(
            "stereotyping.household",
            m.start(),
            m.end(),
            severity,
            f"'{inp.at(m)}' assumes a household the customer never mentioned.",
            suggestion=neutral,
        )


@rule("stereotyping.coded_interest", fields=("body",))
def coded_interest(inp: RuleInput) -> Iterator[Finding]:
    """Interests picked from gender or age ("men and football") that the customer never showed."""
    keys = _demographic_keys(inp.context)
    if not keys:
        return
    shown = " ".join(
        [stated_text(inp.context)]
        + [p.category.lower().replace("_", " ") for p in inp.context.purchases]
        + [(s.detail or "").lower() for s in inp.context.observed_signals]
    ).replace("-", " ")
    for key in keys:
        for pattern, theme in _CODED_RE[key]:
            if any(re.search(rf"\b{t}\b", shown) for t in theme):
                continue
            for m in inp.hits(pattern):
                kind = "age" if key in ("older", "younger") else "gender"
                yield inp.finding(
                    "stereotyping.coded_interest",
                    m.start(),
                    m.end(),
                    2,
                    f"'{inp.at(m)}' looks chosen from the customer's {kind}, not from what they told you or bought.",
                )


# "your order number" asks for an identifier: that is the check, not an assumption.
_ACCOUNT_DETAIL = Lexicon(
    r"\byour (?:(?:current|latest|outstanding|available|remaining|monthly|new|next|last|recent) )?"
    r"(?:account|balance|order|card|bill|payment|policy|subscription|appointment|prescription|claim)\b"
    r"(?! (?:number|id|reference|ending|code))"
)
_VERIFY = Lexicon(
    r"\b(?:verif(?:y|ied|ication)|confirm (?:your|that you)|security (?:question|check)|for your security|passcode|"
    r"last four|date of birth|account holder|am i speaking with|is this|"
    r"if (?:you are|you're|this is) not|if this isn'?t|not (?:the )?(?:right person|you)|"
    r"(?:we'll|we will) ask (?:you )?for|(?:to|help us|helps us) (?:find|look up|locate|identify) your|"
    r"(?:keep|protect) your account (?:safe|secure)|say or (?:enter|key in|type))\b"
)


# A call the company placed names whom it is for; the rule is about callers the company answers.
_OUTBOUND = Lexicon(
    r"\b(?:this is an? (?:automated |recorded )?(?:call|message|reminder) from|(?:a )?message for|calling for)\b"
)
_CALLER_CHECKED = re.compile(
    r"\b(?:passed|verified|authenticated|confirmed|security check|voice ?id|pin check)\b", re.I
)


_MENU_OPTION = Lexicon(r"\bpress (?:\d|one|two|three|four|star|hash|pound)\b|\bsay [\"'“‘]")


@rule("stereotyping.account_holder", fields=("body",))
def account_holder(inp: RuleInput) -> Iterator[Finding]:
    """Assuming the caller is the account holder before they are verified (IVR, caller-id chats)."""
    channel = inp.message.channel
    callers = [s for s in inp.context.observed_signals if s.kind == "caller_id"]
    if any(_CALLER_CHECKED.search(s.detail or "") for s in callers):
        return  # the caller was verified before this message
    caller_id = bool(callers)
    if not (channel == "ivr" or (channel == "chat" and caller_id)):
        return
    verify = inp.first(_VERIFY)
    if verify is not None and re.match(r"if |not ", inp.at(verify), re.I):
        return  # "If you are not Alex Moreno, please hang up": the message checks who is listening
    # Without caller ID, a mid-call line about "your payment" may follow a check the script does not show;
    # greeting the caller by name still assumes who they are.
    cues: list[Hit | re.Match[str]] = [*inp.hits(_ACCOUNT_DETAIL)] if caller_id else []
    first = inp.context.first_name()
    last = inp.context.name.last if inp.context.name else None
    for name in (first, last):
        if name:
            cues += list(re.finditer(rf"\b{re.escape(name)}\b", inp.text))
    # a cue in the very sentence that asks for verification is part of the check, not an assumption
    cues = [c for c in cues if not inp.in_sentence(_VERIFY, c.start())]
    # a menu option ("to hear your balance, press 1") routes the caller; the check comes after the choice
    cues = [c for c in cues if not inp.in_sentence(_MENU_OPTION, c.start())]
    if inp.first(_OUTBOUND) is not None:
        return  # "an automated call from the clinic for Harriet Munro": the call says whom it is for
    cues.sort(key=lambda m: m.start())
    if cues and (verify is None or cues[0].start() < verify.start()):
        cue = cues[0]
        yield inp.finding(
            "stereotyping.account_holder",
            cue.start(),
            cue.end(),
            2,
            "Assumes the caller is the account holder; verify identity before using their name or account details.",
        )


# Festivals and greetings that presume a religion, an origin or a language.
_CULTURE = Lexicon(
    r"\b(?P<festival>diwali|deepavali|holi|navratri|ramadan|ramzan|eid(?: mubarak| al-fitr| al-adha)?|iftar|suhoor|"
    r"hanukkah|chanukah|rosh hashanah|yom kippur|passover|purim|lunar new year|chinese new year|tet|kwanzaa|"
    r"vaisakhi|baisakhi)\b"
    r"|\b(?P<greeting>hola|bonjour|namaste|salaam|salam|shalom|ni hao|konnichiwa|ciao|ol[áa]|merhaba|"
    r"as-?salaa?mu? alaykum|sat sri akal|xin ch[àa]o|annyeong)\b"
)
_CULTURE_STATED = {
    "diwali": "hindu|diwali|deepavali",
    "deepavali": "hindu|diwali|deepavali",
    "holi": "hindu|holi",
    "navratri": "hindu|navratri",
    "ramadan": "muslim|islam|ramadan|ramzan|eid|fast",
    "ramzan": "muslim|islam|ramadan|ramzan|eid|fast",
    "eid": "muslim|islam|ramadan|eid",
    "iftar": "muslim|islam|ramadan|iftar|fast",
    "suhoor": "muslim|islam|ramadan|suhoor|fast",
    "hanukkah": "jewish|judaism|hanukkah|chanukah",
    "chanukah": "jewish|judaism|hanukkah|chanukah",
    "rosh hashanah": "jewish|judaism|rosh hashanah",
    "yom kippur": "jewish|judaism|yom kippur",
    "passover": "jewish|judaism|passover|seder",
    "purim": "jewish|judaism|purim",
    "lunar new year": "lunar new year|chinese new year|tet|seollal",
    "chinese new year": "lunar new year|chinese new year",
    "tet": "lunar new year|tet|vietnam",
    "kwanzaa": "kwanzaa",
    "vaisakhi": "sikh|vaisakhi|baisakhi",
    "baisakhi": "sikh|vaisakhi|baisakhi",
    "hola": "spanish|español|espanol|^es",
    "bonjour": "french|français|francais|^fr",
    "namaste": "hindi|^hi",
    "salaam": "arabic|urdu|farsi|persian|^ar|^ur|^fa",
    "salam": "arabic|urdu|farsi|persian|^ar|^ur|^fa",
    "shalom": "hebrew|^he",
    "ni hao": "chinese|mandarin|^zh",
    "konnichiwa": "japanese|^ja",
    "ciao": "italian|^it",
    "olá": "portuguese|^pt",
    "ola": "portuguese|^pt",
    "merhaba": "turkish|^tr",
    "sat sri akal": "punjabi|^pa",
    "xin chào": "vietnamese|^vi",
    "xin chao": "vietnamese|^vi",
    "annyeong": "korean|^ko",
}
_EVERYONE = Lexicon(
    r"\b(?:(?:all|everyone|everybody|those|anyone)(?: of you)? (?:who(?:'s| is| are)?|that(?:'s| is| are)?) "
    r"(?:celebrat|observ|marking)\w*|if you(?:'re| are)? (?:celebrat|observ|fasting|taking part)\w*|"
    r"whatever you(?:'re)? celebrat\w*|"
    r"everyone celebrating)"
)
# A festival naming the brand's own operations or a storewide campaign presumes nothing about this customer.
_OPERATIONS = Lexicon(
    r"\b(?:(?:we're|we are|we'll be|store|stores|shop|branch|doors|is|are|be|stays?|staying) open\b|"
    r"open(?:s|ing)? (?:late|early|hours|times|on|at|from|until|till|daily)|opening|clos(?:e|ed|es|ing|ure)|"
    r"hours|reopen\w*|holiday schedule|(?:storewide|sitewide) sale|"
    r"(?:sale|collection|menu|event|edit|range|specials?) (?:is|are|starts?|ends?|now)|deliver(?:y|ies) times?)\b"
)


# The festival claimed as the customer's own, or them as observing it.
_THEIRS = Lexicon(
    r"\byour (?:family'?s? |own |first )?(?:\w+ )?(?:celebrations?|festivities|feast|fast|prayers?|traditions?)\b"
    r"|\byou(?:'ll| will|'re| are) (?:be )?(?:celebrating|observing|fasting|preparing)\b"
    r"|\bas an? (?:\w+ )?(?:household|family)\b|\byour (?:diwali|eid|ramadan|hanukkah|passover|lunar new year|"
    r"vaisakhi|christmas|easter)\b|\bfeel right at home\b"
)
_TO_A_PERSON = re.compile(r"(?:\s+(?i:mubarak|kareem|sameach|to you))?,\s*[A-Z][a-z]+\s*[!,.]")
_ORIGIN_GUESS = re.compile(
    rf"\b(?:origin|heritage|ethnic\w*|nationality|surname|name[- ]origin|{NATIONALITY}|muslim|hindu|sikh|jewish|"
    r"christian|buddhist)\b",
    re.I,
)


@rule("stereotyping.assumed_culture")
def assumed_culture(inp: RuleInput) -> Iterator[Finding]:
    """A festival, religion or language picked for the customer (from a surname, a region) that they never stated."""
    hits = inp.hits(_CULTURE)
    if not hits or Scan(f"{inp.message.subject or ''}\n{inp.message.body}").hits(_EVERYONE):
        return  # an inclusive seasonal greeting (in the subject or the body) presumes nothing about this customer
    stated = stated_text(inp.context)
    locale = (inp.context.locale or "").lower()
    guessed = any(
        mentions_category(c, f"{a.attribute} {a.source or ''}")
        for a in inp.context.inferred_attributes
        for c in ("religion", "ethnicity")
    ) or any(_ORIGIN_GUESS.search(f"{a.attribute} {a.source or ''}") for a in inp.context.inferred_attributes)
    seen: set[str] = set()
    for m in hits:
        if m.group("festival") and inp.in_sentence(_OPERATIONS, m.start()):
            continue
        word = inp.at(m).lower()
        key = next((k for k in _CULTURE_STATED if word.startswith(k)), word)
        if key in seen:
            continue
        seen.add(key)
        cues = _CULTURE_STATED.get(key, re.escape(key)).split("|")
        said = any(
            (cue.startswith("^") and locale.startswith(cue[1:])) or (not cue.startswith("^") and cue in stated)
            for cue in cues
        )
        if said:
            continue
        # A festival campaign sent to the whole list presumes nothing; it does when the context holds a guess
        # about the customer's faith or origin, or the message claims the festival as theirs ("your Diwali").
        addressed = _TO_A_PERSON.match(inp.text, m.end()) is not None  # "Happy Diwali, Priya!"
        if m.group("festival") and not (guessed or addressed or inp.in_sentence(_THEIRS, m.start())):
            continue
        kind = "a language" if m.group("greeting") else "a religion or heritage"
        yield inp.finding(
            "stereotyping.assumed_culture",
            m.start(),
            m.end(),
            3,
            f"'{inp.at(m)}' presumes {kind} the customer never told you about (a guess from a name or a region). "
            "Use it only for customers who said so.",
        )


# What people from the customer's region are called: "Texan" for Texas, "Londoner" for London.
_DEMONYM_ENDINGS = ("ans", "an", "ians", "ian", "ers", "er", "ites", "ite", "ese", "ish", "i")
_DEMONYM_USE = re.compile(
    r"\b(?P<cue>(?i:hey|hi|hiya|hello|howdy|g'?day|yo|calling all|attention|every|all|real|true|no real|as an?|"
    r"fellow|you|like an?|nobody|no one|typical|a proper|proper|a true|a real|being an?))[,!]?\s+"
    r"(?P<word>[A-Z][a-z]{3,})\b"
)


# What people from a place are called where the name does not share its stem.
_NICKNAMES = {
    "scouser": "liverpool",
    "scousers": "liverpool",
    "geordie": "newcastle",
    "geordies": "newcastle",
    "brummie": "birmingham",
    "brummies": "birmingham",
    "mancunian": "manchester",
    "mancunians": "manchester",
    "glaswegian": "glasgow",
    "glaswegians": "glasgow",
    "aberdonian": "aberdeen",
    "aberdonians": "aberdeen",
    "cockney": "london",
    "cockneys": "london",
    "tyke": "yorkshire",
    "tykes": "yorkshire",
    "hoosier": "indiana",
    "hoosiers": "indiana",
    "jerseyan": "new jersey",
    "aussie": "australia",
    "aussies": "australia",
    "kiwi": "new zealand",
    "kiwis": "new zealand",
}


def _demonym_of(word: str, region: str) -> bool:
    """Whether ``word`` names people from ``region`` (same stem, a demonym ending, or a known nickname)."""
    w, r = word.lower(), region.lower().split(",")[0].strip()
    if w in _NICKNAMES:
        return r.startswith(_NICKNAMES[w]) or _NICKNAMES[w] in region.lower()
    if len(r) < 4 or w == r:
        return False
    stem = next((w[: -len(e)] for e in _DEMONYM_ENDINGS if w.endswith(e) and len(w) - len(e) >= 3), None)
    return stem is not None and r.startswith(stem)


@rule("stereotyping.regional")
def regional(inp: RuleInput) -> Iterator[Finding]:
    """Addressing or generalising about the customer by the region on file: "Hey Texan", "every Londoner knows"."""
    region = inp.context.region
    if not region or re.search(rf"\b{re.escape(region.split(',')[0].strip()[:4])}", stated_text(inp.context), re.I):
        return  # no region, or the customer told us about it themselves
    place = re.escape(region.split(",")[0].strip())
    for m in re.finditer(
        rf"\b(?:a |an )?(?:proper|real|true|typical|born and bred) {place} (?:lass|lad|girl|boy|man|woman|bloke|gent|"
        r"lady|gal|guy|folk|family)s?\b",
        inp.text,
        re.I,
    ):
        yield inp.finding(
            "stereotyping.regional",
            m.start(),
            m.end(),
            3,
            f"'{m.group(0)}' treats the customer as a type from the region on file ({region}); "
            "speak to what they told you instead.",
        )
    for m in _DEMONYM_USE.finditer(inp.text):
        if not _demonym_of(m.group("word"), region):
            continue
        cue = m.group("cue").lower()
        generalises = cue not in ("hey", "hi", "hiya", "hello", "howdy", "g'day", "gday", "yo", "attention", "you")
        yield inp.finding(
            "stereotyping.regional",
            m.start(),
            m.end(),
            3 if generalises else 2,
            f"'{m.group(0)}' treats the customer as a type from the region on file ({region}); "
            "speak to what they told you instead.",
        )
