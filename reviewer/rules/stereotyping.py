"""Stereotyping: roles and traits assumed from gender, age, location or ethnicity; unstated honorifics."""

import re
from collections.abc import Iterator

from reviewer.models import CustomerContext, Finding
from reviewer.rules._base import RuleInput, rule
from reviewer.rules._context import customer_names, customer_said, stated_text
from reviewer.rules._text import SECOND_PERSON, Lexicon, in_sign_off, in_signature, sender_words, words
from reviewer.rules.callers import assumed_caller, holder_claims
from reviewer.rules.lexicon import BODY_JAB, MARKETING_FOOTER, NATIONALITY, PROMO_RE, TRANSACTIONAL_RE
from reviewer.text import STOP_WORDS, content_stems, same_word, stem

_ROLES = (
    r"mom|mum|mommy|mummy|mother|dad|daddy|father|wife|husband|woman|man|lady|girl|guy|gentleman|grandma|grandpa|"
    r"granny|grandmother|grandfather|grandparent|senior|retiree|pensioner|boomer|millennial|gen z(?:er)?|"
    r"gen x(?:er)?|zoomer|teen|teenager|housewife|homemaker|bachelor|empty nester|"
    r"latina|latino|hispanic|asian|black|african[- ]american|arab|indian|southerner|midwesterner|city girl|"
    r"country boy|texan|californian|new yorker|muslim|christian|jewish|hindu|sikh|buddhist|gay|lesbian|queer|"
    r"bisexual|wheelchair user|disabled (?:person|customer|shopper|woman|man)|person with a disability|amputee"
)
# Roles that name an ethnicity, religion or sexuality: stereotyping by them is the severe kind.
_ETHNIC_ROLES = re.compile(
    r"latina|latino|hispanic|asian|black|african|arab|indian|muslim|christian|jewish|hindu|sikh|buddhist|gay|"
    r"lesbian|queer|bisexual",
    re.I,
)
_ROLE_CLAIM = Lexicon(
    # "as a busy mom", and the role given as the reason: "Since you're a dad, you'll probably want the Family plan"
    rf"\b(?:as an?|(?:since|because|now that) you(?:'re|’re| are) (?:now )?an?) "
    rf"(?:(?:busy|working|stay[- ]at[- ]home|single|new|modern|young|older|real|typical|proud|true|"
    rf"hardworking|savvy|tech[- ]savvy|valued|loyal|black|white|asian|gay|straight|{NATIONALITY})\s+){{0,3}}"
    rf"(?P<role>{_ROLES})\b"
)
# The writer claims the customer's role as a shared one: "From one busy mum to another".
# What the role is then said to decide: "As a new dad, you'll naturally want...", "as a woman you probably love".
_PREDICTS = re.compile(
    r"(?:\s+[\w-]+){0,2}\s*,?\s*(?:like (?:most|all|every) [\w ]{1,20},?\s*)?"
    r"you(?:'ll|'d| will| would| must)?\s+(?:naturally |probably |"
    r"surely |definitely |obviously |no doubt |of course )+(?:want|love|need|prefer|know|be|enjoy|appreciate|care|"
    r"like|miss)\b",
    re.I,
)
# The last person named before a role in its sentence: the role is theirs ("her first Christmas as a grandmother").
_LAST_PERSON = re.compile(r"\b(?:you\w*|she|he|her|his|him)\b(?![^.!?\n]*\b(?:you\w*|she|he|her|his|him)\b)", re.I)
_ONE_TO_ANOTHER = Lexicon(
    r"\bfrom one (?:(?:busy|working|tired|new|fellow|proud|real|stay[- ]at[- ]home|single)\s+){0,2}"
    rf"(?P<role>{_ROLES}) to another\b"
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
    r"(?P<title>M(?<!\w.)(?:rs|r|s|iss|x|ister|adame|ademoiselle|adam|a'am|a’am|me|lle|onsieur)|D(?<!\w.)r|"
    r"P(?<!\w.)rof|S(?<!\w.)(?:ir|ra|rta|r|eñora|eñorita|eñor|ignora|ignore|ignor)|F(?<!\w.)rau|H(?<!\w.)err)\b\.?"
    r"(?P<surname>\s+[A-Z][\w'’-]+)?",
)
_GREETING_BEFORE = re.compile(
    r"\b(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|welcome(?: back)?|thank you|thanks|"
    # the same in the languages whose titles are listed below: "Estimada", "Chère", "Sehr geehrter"
    r"estimad[ao]s?|querid[ao]s?|hola|buenos días|ch[eè]re?s?|bonjour|liebe[rs]?|sehr geehrte[rs]?|hallo|"
    r"gentile|car[ao]|ciao),?\s+\Z",
    re.I,
)
# Titles in other languages, with the English ones a customer may have chosen that they translate.
_TRANSLATED_TITLES = {
    **dict.fromkeys(["sr", "señor", "monsieur", "herr", "signor", "signore"], {"mr"}),
    **dict.fromkeys(["sra", "señora", "mme", "madame", "frau", "signora"], {"mrs", "ms"}),
    **dict.fromkeys(["srta", "señorita", "mlle", "mademoiselle"], {"miss", "ms"}),
}
_MARITAL_TITLES = {"mrs", "miss", "sra", "señora", "srta", "señorita", "mme", "madame", "mlle", "mademoiselle"}
_GENERIC_ADDRESS = Lexicon(r"\bsir\s*(?:or|/)\s*madam\b|\bmadam\s*(?:or|/)\s*sir\b|\bladies and gentlemen\b")
_GENDERED_TITLES = {"mr", "mrs", "ms", "miss", "mister", "sir", "madam", "ma'am", "ma’am", *_TRANSLATED_TITLES}
# Kinship titles of respect that carry an age, a gender and a culture: "Ate Liza", "Auntie Grace", "Uncle Tunde".
_KIN_TITLE = r"(?P<kin>Ate|Kuya|Tita|Tito|Lola|Lolo|Auntie|Aunty|Aunt|Uncle|Didi|Bhaiya|Bhai|Mama|Baba|Mzee|Oga)"

# Interests stereotypically tied to a gender or an age group; flagged only when the customer never
# showed that interest themselves (stated, bought or browsed).
_CODED_INTERESTS: dict[str, list[list[str]]] = {
    "male": [
        [
            r"football",
            r"footy",
            r"the big game",
            r"game day",
            r"super bowl",
            r"nfl",
            r"soccer",
            r"premier league",
            r"fan",
        ],
        # the hobby, not a restaurant's grill menu or "grilled to order"
        [
            r"(?:fire up|man|master|light) the (?:grill|bbq|barbecue)",
            r"grill(?:ing)? season",
            r"grill ?master",
            r"bbq",
            r"barbecue",
            r"brisket",
            r"offset smokers?",
        ],
        [r"get (?:huge|jacked|shredded|swole)", r"bulk(?:ing)? (?:season|up)", r"gains"],
        [r"beer"],
        [r"power tools"],
        [r"man cave"],
        [r"fishing"],
        [r"poker"],
        [r"muscle cars?"],
        [r"lager", r"crates? of beer"],
        [r"gadgets?"],
        [r"golf(?:ers?|ing)?", r"(?:on|hit) the (?:fairway|links)", r"tee time"],
        [r"gamers? like you"],
    ],
    "female": [
        [r"shopping spree", r"shopping trip", r"retail therapy", r"shopping habit"],
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
        [r"hiding the tummy", r"tummy control"],
        [r"anti[- ]?age?ing", r"wrinkles", r"fine lines", r"retinol"],
        # a colour picked for her: "we picked the Blush Pink edition for you"
        [
            r"(?:blush|baby|pastel|hot|bubblegum|dusty)[- ]pink",
            r"lilac",
            r"rose[- ]gold",
            r"pink (?:edition|version|range|colourway|colorway|one)",
        ],
    ],
    "older": [
        # being a grandparent shows the grandchildren: "Grandmother of six"
        [r"grandkids", r"grandchildren", r"grand(?:mother|father|ma|pa|parents?|sons?|daughters?|child)", r"granny"],
        [r"slow down"],
        [r"hearing aids?"],
        [r"simple enough"],
        [r"take it easy"],
        [
            r"easy on (?:the|your) (?:joints|knees|hips)",
            r"gentle on (?:the|your) (?:joints|knees|hips)",
            r"joint[- ]friendly",
        ],
        [
            r"(?:head(?:ing)? into|approaching|nearing|close to|edging towards) (?:your )?retirement",
            # "As you get ready to retire", "as retirement approaches", "your upcoming retirement"
            r"(?:get(?:ting)? ready|prepar(?:e|ing)|gear(?:ing)? up) (?:to|for) (?:retire|retirement)\b",
            r"as (?:your )?retirement (?:approaches|nears|gets closer|draws (?:near|closer))",
            r"your (?:upcoming|coming|approaching|impending|forthcoming) retirement",
            # retirement taken as done: "Now that your working days are behind you", "now you've stopped working"
            r"now (?:that )?you(?:'re| are|'ve| have) (?:retired|stopped working|finished work(?:ing)?)",
            r"your working (?:days|life|years) (?:are|is) (?:behind you|over|done)",
            # retirement set as the reader's season: "Retirement is the perfect season to finally pick up a brush"
            r"retirement is (?:the|a|your) (?:perfect|ideal|best|right|great) (?:time|season|moment|chance|"
            r"opportunity)",
            r"(?:enjoy(?:ing)?|make the most of|embrac(?:e|ing)) (?:your |their )?retirement",
        ],
        [r"your (?:knees|joints|hips|back) will thank you"],
        # goods sold for an age, not a taste: "picked for you: hair-loss shampoo and reading glasses" (not access
        # aids such as large print or big buttons, which are offered to anyone who needs them)
        [r"reading glasses"],
        # eyesight read off the age: "a screen you can read without reaching for your glasses"
        [
            r"without (?:reaching|hunting|fumbling|looking) for (?:your |the )?(?:reading )?glasses",
            r"no (?:more )?squinting",
        ],
        [r"hair[- ]loss", r"thinning hair"],
    ],
    "younger": [
        [r"avocado toast"],
        [r"tiktok"],
        [r"slay"],
        [r"no cap"],
        [r"adulting"],
        [r"gamers? like you"],
        # money trouble read off an age: "Ramen budget? We get it"
        [r"ramen budget", r"student budget", r"broke (?:student|college kid)s?"],
    ],
}
# Each theme is one interest under several names; showing any of them counts for all. Some are shown in words
# too common to flag: a customer who said "I'm retiring in June" or "low-impact classes" has shown the theme.
_ALSO_SHOWN_BY: dict[str, list[str]] = {
    r"bbq": [r"steaks?", r"grill\w*", r"smok(?:er|ers|ing|ed)", r"meat"],
    r"football": [r"season tickets?(?: holder)?", r"rugby", r"matche?s?", r"tailgat\w*", r"stadium"],
    r"gamers? like you": [r"gam\w*", r"consoles?", r"playstation", r"xbox", r"nintendo", r"steam", r"e-?sports"],
    r"ramen budget": [r"students?", r"uni(?:versity)?", r"college", r"budget\w*", r"cheap\w*"],
    r"slay": [r"playful", r"meme\w*", r"slang"],
    r"no cap": [r"playful", r"meme\w*", r"slang"],
    r"easy on (?:the|your) (?:joints|knees|hips)": [
        r"low[- ]impact",
        r"gentle",
        r"knees?",
        r"joints?",
        r"hips?",
        r"arthritis",
        r"mobility",
        r"(?:people )?my (?:own )?age",
    ],
    r"your (?:knees|joints|hips|back) will thank you": [
        r"low[- ]impact",
        r"gentle",
        r"knees?",
        r"joints?",
        r"hips?",
        r"back pain",
        r"arthritis",
        r"mobility",
        r"chair yoga",
        r"aqua",
    ],
    r"without (?:reaching|hunting|fumbling|looking) for (?:your |the )?(?:reading )?glasses": [
        r"eyesight",
        r"sight",
        r"glasses",
        r"vision",
        r"see",
        r"reading",
    ],
    r"(?:head(?:ing)? into|approaching|nearing|close to|edging towards) (?:your )?retirement": [
        r"retir\w*",
        r"pension",
    ],
}
_CODED_RE = {
    key: [(words(theme), theme + [t for p in theme for t in _ALSO_SHOWN_BY.get(p, [])]) for theme in themes]
    for key, themes in _CODED_INTERESTS.items()
}


def _lowest_age(context: CustomerContext) -> int | None:
    """The low end of the customer's age band ("55-64": 55), if it has one."""
    band = re.match(r"\s*(\d+)", context.age_band or "")
    return int(band.group(1)) if band else None


def _demographic_keys(context: CustomerContext) -> list[str]:
    keys = []
    gender = (context.gender or "").strip().lower()
    if gender in {"male", "m", "man"}:
        keys.append("male")
    elif gender in {"female", "f", "woman"}:
        keys.append("female")
    low = _lowest_age(context)
    if low is not None:
        keys.append("older" if low >= 55 else "younger" if low < 30 else "")
    return [k for k in keys if k]


# A stated clause that says the customer does not do something: in "No golf offers please, I don't play", "golf"
# is not an interest. (An opt-out alone, "no more cooking class promotions", still shows the topic is theirs.)
_REFUSAL = re.compile(
    r"\b(?:never(?! miss)|don'?t|do not|doesn'?t|does not|not (?:interested|into|a fan|for me)|hate|dislike|"
    r"can'?t stand)\b"
)


def _shown(context: CustomerContext) -> str:
    """What the customer told us, bought or was seen doing, lower-cased: an interest of theirs, not a guess.

    A statement that says the customer does not do something is not an interest in what it names.
    """
    said = [s.lower() for s in customer_said(context)]
    return " ".join(
        [" \n ".join(s for s in said if not _REFUSAL.search(s))]
        + [p.category.lower().replace("_", " ") for p in context.purchases]
        + [(s.detail or "").lower() for s in context.observed_signals]
    )


@rule(
    "stereotyping.role_claim",
    emits={"stereotyping.group_address": 'Addressing the reader by gender or family role: "Ladies, ...", "Hey moms!".'},
)
def role_claim(inp: RuleInput) -> Iterator[Finding]:
    """Role claims tied to gender, age, generation, location or ethnicity: "as a busy mom"."""
    stated = stated_text(inp.context)
    for m in sorted([*inp.hits(_ROLE_CLAIM), *inp.hits(_ONE_TO_ANOTHER)], key=lambda hit: hit.start()):
        start = inp.sentences.around(m.start())[0]
        person = _LAST_PERSON.search(inp.text, max(start, m.start() - 60), m.start())
        if person and not person.group(0).lower().startswith("you"):
            continue  # "Dana is spending her first Christmas as a grandmother": someone else's role
        role = m.group("role").lower()
        if _role_stated(role, stated, inp.context.pronouns) and not _PREDICTS.match(inp.text, m.end()):
            severity = 1
        else:
            # a stated role still may not decide the customer's tastes: "As a Muslim woman, you'll naturally want..."
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
        if _ARTICLE_BEFORE.search(inp.text, max(0, m.start("group") - 8), m.start("group")):
            continue  # "shopping for a dad, a grandpa...", "becoming a grandad": a person named, not the reader
        if _quoted(inp.text, m.start("group")):
            continue  # "tucked in your card: 'Happy 80th, Grandpa!'": the customer's own words to someone else
        if _FOR_WHOM.search(inp.text, max(0, m.start("group") - 8), m.start("group")):
            continue  # "The gift guide: for dads, grads and everyone in between": who it is for, not who is addressed
        if _ALL_WELCOME.match(inp.text, m.end("group")) or _LISTED_NEXT.match(inp.text, m.end("group")):
            continue  # "Mums, dads, grandparents and carers are all welcome": everyone in the family, named in turn
        group = m.group("group").lower()
        if re.search(rf"\b(?:{re.escape(group)}|{_GROUP_KIN.get(group, re.escape(group))})\b", stated):
            continue  # "me and the lads", "the Thursday women's run club": the customer's own word for their group
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


# A list of who is welcome that reaches beyond one gender: "..., grandparents and carers", "... and everyone else".
_ALL_WELCOME = re.compile(
    r"(?:,\s*|\s+(?:and|or|&)\s+)[^.!?\n]{0,50}?\b(?:grandparents|carers|caregivers|guardians|everyone|anyone|"
    r"families|parents|friends|partners|helpers|relatives)\b"
    # a list of whom the door is open to: "Dads, partners and teenage helpers are all welcome"
    r"|(?:,\s*|\s+(?:and|or|&)\s+)[^.!?\n]{0,60}?\b(?:are|is) (?:all |also |very |always )?welcome\b",
    re.I,
)
# The next item of a list of people: "the people who mothered us: mums, grans, aunties, stepmums and mentors".
_LISTED_NEXT = re.compile(r",\s*[\w'’-]+(?:,|\s+(?:and|or|&)\s)", re.I)
_ROLE_FILLER = {"user", "person", "customer", "shopper", "with", "a"}
# Other words a customer may use for the group a draft addresses: "Evening ladies!" to the women's run club.
_WOMEN = r"wom[ae]n'?s|ladies'?|girls'"
_MEN = r"m[ae]n'?s|gents'?|lads'?"
_GROUP_KIN = {
    **dict.fromkeys(["ladies", "girls", "gals"], _WOMEN),
    **dict.fromkeys(["gentlemen", "gents", "lads", "fellas", "guys", "blokes"], _MEN),
}


# A gender the customer stated in other words than the draft's: "I'm a guy who..." states "man".
_SAID_GENDER = {
    **dict.fromkeys(("man", "guy", "gentleman"), re.compile(r"\bi(?:'m|’m| am) an? (?:guy|man|bloke|lad|gentleman)\b")),
    **dict.fromkeys(("woman", "lady", "girl"), re.compile(r"\bi(?:'m|’m| am) an? (?:woman|lady|gal|girl)\b")),
}
# The pronouns the customer set state the gender roles that go with them.
_PRONOUN_ROLES = {"he": {"man", "guy", "gentleman"}, "she": {"woman", "lady", "girl"}}


def _role_stated(role: str, stated: str, pronouns: str | None = None) -> bool:
    """The customer said the role in their own words: "I use a wheelchair" states "wheelchair user".

    A gender role is stated by the pronouns the customer set too ("he/him" states "man").
    """
    if role in stated or role in _PRONOUN_ROLES.get(re.split(r"\W", (pronouns or "").lower())[0], ()):
        return True
    if role in _SAID_GENDER and _SAID_GENDER[role].search(stated):
        return True
    kept = [w for w in role.split() if w not in _ROLE_FILLER]
    return len(kept) < len(role.split()) and all(re.search(rf"\b{re.escape(w)}", stated) for w in kept)


_FOR_WHOM = re.compile(r"\b(?:for|to|with|from|of|like)\s+\Z", re.I)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the|every|our|their|his|her)\s+\Z", re.I)


def _norm_title(title: str) -> str:
    return title.lower().rstrip(".").replace("’", "'")


_SALUTATION_LINES = 2
# The address without a name, or the title in another language, that goes with a stated title.
GOES_WITH_TITLE = {"sir": {"mr"}, "madam": {"mrs", "ms", "miss"}, "ma'am": {"mrs", "ms", "miss"}, **_TRANSLATED_TITLES}


def _named_so(context: CustomerContext, text: str, at: int, surname: str) -> bool:
    """The customer's own words address them as the draft does at ``at``.

    "my wife Helen (Mrs. Whitaker)", "please address letters to Mr. and Mrs. Patel".
    """
    if not surname:
        return False
    written = re.match(rf"[\w’']+\.?(?: (?:and|&) [\w’']+\.?)? {re.escape(surname)}\b", text[at:], re.I)
    if written is None:
        return False
    said = stated_text(context).replace(".", "")
    return re.search(rf"\b{re.escape(written.group(0).lower().replace('.', ''))}\b", said) is not None


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
        # a title opening one of the first lines is the salutation; on a later line it is a signature, whatever
        # closes the line before ("With warm thanks,\nDr. Helen Mayhew")
        opens_line = m.start("title") == 0 or inp.text[m.start("title") - 1] == "\n"
        line_start = opens_line and inp.text.count("\n", 0, m.start("title")) <= _SALUTATION_LINES
        greeted = _GREETING_BEFORE.search(inp.text, max(0, m.start() - 60), m.start()) is not None
        # the customer's full name after it: "Member: Mr. Jordan Ellery" on a statement line
        first_names = {n.lower() for n in (ctx.name.first, ctx.name.preferred) if n} if ctx.name else set()
        full_name = (
            surname.lower() in first_names
            and bool(last)
            and inp.text[m.end() : m.end() + len(last) + 1].strip() == last
        )
        addresses_customer = line_start or (greeted and not opens_line) or (last and surname == last) or full_name
        if not addresses_customer:
            continue
        title = _norm_title(m.group("title"))
        if stated == title or _named_so(inp.context, inp.text, m.start("title"), surname or last):
            continue
        if stated in GOES_WITH_TITLE.get(title, ()):
            continue  # "Dear Sir," to a customer who chose "Mr.": the same address, without the name
        if stated:
            severity, why = 3, f"the customer asked to be addressed as '{ctx.salutation}'"
        elif title in _GENDERED_TITLES:
            severity = 2
            why = "the customer never stated a salutation, so this assumes their gender" + (
                " and marital status" if title in _MARITAL_TITLES else ""
            )
        else:
            severity, why = 1, "the customer never stated this title"
        first = ctx.first_name()
        if stated:
            replacement: str | None = f"{ctx.salutation} {surname}".strip()
        elif full_name:
            replacement = surname  # "Mr. Jordan Ellery" becomes "Jordan Ellery"
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
    first = ctx.first_name()
    if not first:
        return
    for m in re.finditer(rf"\b{_KIN_TITLE}\s+(?={re.escape(first)}\b)", inp.text):
        if stated == _norm_title(m.group("kin")) or m.group("kin").lower() in stated_text(ctx):
            continue
        yield inp.finding(
            "stereotyping.honorific",
            m.start(),
            m.end(),
            2,
            f"'{m.group('kin')}' presumes the customer's age, gender and culture; they never asked for it. "
            "Use their name.",
            suggestion="",
        )


# Third-person pronouns by the set they belong to; a stated "they/them" or "she/her" names its set.
_PRONOUN_SETS = {
    "he": ("he", "him", "his", "himself"),
    "she": ("she", "her", "hers", "herself"),
    "they": ("they", "them", "their", "theirs", "themself", "themselves"),
}
_GENDERED_PRONOUN = re.compile(rf"\b(?:{'|'.join(_PRONOUN_SETS['he'] + _PRONOUN_SETS['she'])})\b(?P<s>'s)?", re.I)
# another person, named as the subject between the customer's name and the pronoun: "Ria, Jordan says she loves it"
_ANOTHER_NAME = re.compile(
    r"\b[A-Z][a-z]+(?= (?:says|said|thinks|thought|told|tells|is|was|has|had|loves|loved|wants|will|would|can|could)\b)"
)


@rule("stereotyping.pronouns", fields=("body",))
def pronouns(inp: RuleInput) -> Iterator[Finding]:
    """A pronoun for the customer that is not one they stated: "she" for a customer whose pronouns are they/them."""
    said = (inp.context.pronouns or "").lower()
    first = inp.context.first_name()
    if not first or not said or "any" in said:
        return
    theirs = {form for key, forms in _PRONOUN_SETS.items() if re.search(rf"\b{key}\b", said) for form in forms}
    if not theirs:
        return
    for name in re.finditer(rf"\b{re.escape(first)}\b", inp.text):
        end = inp.sentences.around(name.start())[1]
        for m in _GENDERED_PRONOUN.finditer(inp.text, name.end(), end):
            if m.group(0).lower().removesuffix("'s") in theirs:
                continue
            if any(n.group(0) != first for n in _ANOTHER_NAME.finditer(inp.text, name.end(), m.start())):
                break  # the pronoun may be the other person's
            yield inp.finding(
                "stereotyping.pronouns",
                m.start(),
                m.end(),
                3,
                f"'{m.group(0)}': the customer's pronouns are {inp.context.pronouns}. Use them, or their name.",
                suggestion=first + ("'s" if m.group("s") or m.group(0).lower() in ("his", "hers") else ""),
            )
            break


# Help decided for the customer: formats and hand-holding that suit a need they never stated.
_ASSUMED_HELP = words(
    [
        r"large[- ](?:print|text|type|font)",
        r"big(?:ger)? (?:buttons|text|print|font)",
        r"(?:simplified|simpler|easier|basic|senior[- ]friendly) (?:version|app|menu|mode|phone|handset|format|plan)",
        r"senior[- ]friendly",
        r"no need to push (?:it|yourself)",
        r"take it (?:easy|slow)",
        r"(?:go|going|talk|speak) (?:extra |nice and |really |very )?slow(?:ly)?",
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
# Access arranged for the customer, for a disability nobody mentioned: "we've arranged wheelchair assistance for
# you" (not "we've added step-free access from the street": the shop's, for everyone).
_ACCESS = words(
    [
        r"wheelchair (?:assistance|access|help|space|user)",
        r"step[- ]free (?:room|access|route|entrance|parking|bay|seat(?:ing)?)",
        # an accessible place held for them, a chair brought to them: "we've reserved the accessible bay", "meet
        # you at the car with a wheelchair"
        r"accessible (?:parking )?(?:bay|space|spot|room|cabin|seat(?:ing)?|table|toilet|entrance)",
        r"(?:with|bring|fetch|have) a wheelchair",
        r"roll[- ]in shower",
        r"ground[- ]floor (?:room|cabin|seat|apartment)",
        r"no stairs",
        r"mobility (?:aid|scooter|assistance|support)",
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
        # life slowed down for them: "gentle mysteries to ease you into slower days"
        r"(?:ease|settle) you into (?:slower|quieter|gentler) (?:days|times|living|life)",
        r"(?:now|since) (?:that )?(?:you'?re |you are )?slowing down",
        # decline put to them: "keep the memory sharp in your later years"
        r"(?:in|into|for|through) your (?:later|golden|twilight|senior|autumn) years",
        r"keep(?:ing)? (?:the|your) (?:memory|mind|brain) (?:sharp|active|young|ticking)",
        # pace and simplicity turned down for them: "we'll keep this message nice and slow for you"
        r"(?:nice and |extra |really |very |a bit |a little )?slow(?:ly|er)? (?:for you|today)",
        r"speak (?:nice and |extra |really |very |more )?slow(?:ly)?",
        r"(?:read|go through|repeat|take you through) (?:\w+ ){0,6}(?:slowly|twice|step by step)",
        r"keep (?:this|everything|it|things) (?:nice and |very |really )?(?:simple|slow|short|easy) for you",
        # "one of our team will walk you through your bill nice and slowly": the pace set for them, however said
        r"nice and slow(?:ly)?",
        r"keep(?:ing)? (?:this|everything|it|things|my words|my answers) nice and (?:simple|easy)",
        # a dislike of technology put in their mouth: "Since you'd rather skip the app, our phone team can help"
        r"(?:since|as|because|knowing) you(?:'d| would) rather (?:skip|avoid|not (?:use|bother with)|do without|"
        r"steer clear of|stay away from) (?:the |our |an? )?(?:apps?|online|internet|websites?|smartphones?|"
        r"computers?|tech\w*|e-?mails?)",
        r"(?:since|as|because|knowing) you (?:prefer|like) (?:the phone|paper|post|letters|a (?:phone )?call|calling)",
        # technology put to them as a fright: "don't let all this modern stuff frighten you"
        r"(?:all )?(?:this|the|these) (?:modern|new|newfangled|techy?|digital|online|computer) "
        r"(?:stuff|things|world|technology|gadgets|bits|malarkey) (?:frighten|scare|confuse|baffle|overwhelm|worry|"
        r"put) you",
        # technology put to them as a struggle: "We know smartphones can feel like more hassle than they're worth"
        r"(?:smartphones?|(?:new )?technology|tech|apps?|new systems|new software|computers?|the internet|gadgets|"
        r"touch ?screens?|online banking|(?:learning|using) new \w+|"
        # "No worries if the techy side of things is confusing!"
        r"the tech(?:y|nical|nology)? (?:side(?: of things)?|stuff|bits?|part)) "
        r"(?:(?:can|may|might|must|often) (?:feel|seem|be|get)|is|are|gets?|feels?|seems?) "
        r"(?:like )?(?:a bit |a little |rather |quite |so |very |really )?(?:daunting|confusing|overwhelming|tricky|"
        r"a (?:real )?struggle|(?:more )?hassle|too much|intimidating|baffling|a lot)",
    ]
)
# ...decided for them, not offered: "your statements will come in large print", "we've switched you to".
_DECIDED = words(
    [
        r"will (?:now )?(?:come|arrive|be sent|be set up) (?:in|as|with)",
        r"we(?:'ve| have| will|'ll) (?:switched|moved|set|changed|put|sent|upgraded|chosen|picked|swapped|arranged|"
        r"booked|requested|added|reserved)",
        r"(?:picked|chosen|selected) (?:for|with) you",
        # a selection made for the reader: "we've pulled together some picks for this new chapter"
        r"we(?:'ve| have) (?:pulled|put) together (?:some |a few |our )?(?:picks|edit|selection|favourites|favorites)",
        r"no need to",
        r"at this (?:stage|point)",
        r"at your (?:age|stage)",
        r"better suited",
        r"more your (?:speed|pace)",
        r"you'?ll (?:want|prefer|appreciate|find)",
        r"we'?ve kept",
        r"to keep (?:things|it) (?:simple|easy)",
        r"(?:already )?(?:switched|turned|set) on for you",
        r"(?:picked|chosen|selected|kept) (?:\w+ )?(?:for|with) you",
        r"(?:since|as|because) you(?:'re| are) (?:one of )?(?:our )?(?:an? )?(?:senior|older|elderly|mature|retired)",
        r"we(?:'ll| will) (?:go|keep|take|make)",
    ]
)
_OFFERED = words(
    [
        r"(?:available|open) to (?:anyone|everyone|all)",
        # what the customer asked for, done: "You asked us to keep things simple, so there are just three options"
        r"you asked(?: us| me)? (?:to|for)",
        r"as you (?:asked|requested)",
        r"at your request",
        r"on request",
        r"if you(?:'d)? (?:like|prefer|want)",
        # an option of a phone menu, there for every caller: "To have them read more slowly, press 9"
        r"(?:press|dial|say) (?:\d|star|hash|pound|zero|one|two|nine)",
    ]
)
_NEED_STATED = re.compile(
    r"\b(?:print|(?:eye)?sight|vision|eyes?|read|hearing|deaf|accessib\w*|simple|easy|knee|joint|hip|back|"
    r"injur\w*|wheelchair|step[- ]free|stairs|walk\w*|disab\w*|recover\w*|mobility|arthritis|beginner|new to|"
    r"(?:phone|call|ring) me|comfort\w*|quiet|plain|classic|slow\w*|step by step)\b",
    re.I,
)
# Technology named with a difficulty or kept away from ("I'm not good with apps", "I'd rather not use apps",
# "prefers to call rather than use the app"), not used with ease ("I book everything online myself") nor a case
# opened about it ("online banking setup").
_TECH = (
    r"\b(?:apps?|online|internet|computers?|tech\w*|links?|smartphones?|e-?mails?|websites?|web|digital|devices?|"
    r"gadgets?)\b"
)
_AVERSE = (
    r"\b(?:hard|difficult|confus\w*|struggl\w*|baffl\w*|scar\w*|daunting|tricky|can'?t|cannot|not (?:good|great)|"
    r"no|not|rather not|rather than|instead of|don'?t|doesn'?t|do not|does not|never|without|hate|dislike|"
    r"avoid|stop pushing|keep pushing)\b"
)
_TECH_AVERSE = re.compile(rf"{_TECH}[^.!?\n]{{0,40}}{_AVERSE}|{_AVERSE}[^.!?\n]{{0,40}}{_TECH}", re.I)


def _need_stated(context: CustomerContext) -> bool:
    """The customer told us of a need or a limit (large print, no apps)."""
    said = stated_text(context)
    return bool(_NEED_STATED.search(said) or _TECH_AVERSE.search(said))


@rule("stereotyping.assumed_need", fields=("body",))
def assumed_need(inp: RuleInput) -> Iterator[Finding]:
    """Help or limits decided from age alone: large print, a simpler phone, "gentle on the knees"."""
    if "older" not in _demographic_keys(inp.context) or _need_stated(inp.context):
        return
    for m in inp.hits(_AGE_VERDICT):
        if inp.in_sentence(_OFFERED, m.start()):
            continue  # "if you'd like, we can go through it slowly": offered, not decided
        yield inp.finding(
            "stereotyping.assumed_need",
            m.start(),
            m.end(),
            3,
            f"'{inp.at(m)}' decides the customer's taste or limits from their age; speak to what they chose.",
        )
    help_hits = inp.hits(_ASSUMED_HELP) + [m for m in inp.hits(_ACCESS) if inp.in_sentence(SECOND_PERSON, m.start())]
    for m in sorted(help_hits, key=lambda m: m.start()):
        if not inp.in_sentence(_DECIDED, m.start()) or inp.in_sentence(_OFFERED, m.start()):
            continue
        yield inp.finding(
            "stereotyping.assumed_need",
            m.start(),
            m.end(),
            3,
            f"'{inp.at(m)}' decides what the customer needs from their age; offer it to everyone, or ask.",
        )


# Health of a life stage, picked for the customer from their age or gender: menopause to a woman of 50, a stairlift
# to a man of 80. (lowest age, gender or None, the terms)
_LIFE_STAGE: list[tuple[int, str | None, Lexicon]] = [
    (40, "female", words([r"(?:peri)?menopaus\w*", r"hot (?:flush(?:es)?|flash(?:es)?)", r"night sweats"])),
    (40, "male", words([r"prostate", r"erectile", r"(?:low|boost(?:ing)?) testosterone"])),
    (
        55,
        None,
        words(
            [
                r"incontinence",
                r"bladder (?:leaks?|weakness|control)",
                r"stair ?lifts?",
                r"hearing loss",
                r"macular degeneration",
                r"osteoporosis",
                r"brittle bones",
                r"mobility scooters?",
            ]
        ),
    ),
    # eyesight assumed from age: "our spring large-print catalogue is out!" to a reader of 75 (not the formats every
    # customer may choose: "large print, braille or audio")
    (65, None, words([r"(?:large|big)[- ](?:print|type|font)(?![^.!?\n]{0,40}\b(?:braille|audio)\b)"])),
]


@rule("stereotyping.life_stage", fields=("body",))
def life_stage(inp: RuleInput) -> Iterator[Finding]:
    """A life stage's health offered from age or gender alone: menopause, a stairlift, prostate checks."""
    if inp.context.observed_signals or inp.context.inferred_attributes:
        return  # picked from what was watched or guessed: the creepiness rules' case, not age alone
    if inp.first(TRANSACTIONAL_RE) and not inp.first(PROMO_RE):
        return  # "Thank you for choosing an Evergreen plan": the customer chose it
    low = _lowest_age(inp.context)
    keys = _demographic_keys(inp.context)
    shown = _shown(inp.context)
    for lowest, sex, terms in _LIFE_STAGE:
        if low is None or low < lowest or (sex and sex not in keys):
            continue
        if terms.pattern.search(shown):
            continue  # the customer raised it or bought for it
        for m in inp.hits(terms)[:1]:
            yield inp.sentence_finding(
                "stereotyping.life_stage",
                m.start(),
                3,
                f"'{inp.at(m)}' is picked from the customer's age{' and gender' if sex else ''}, not from anything "
                "they told you or bought; offer it to those who ask.",
            )


# A notice about the customer's own booking or order: "Thanks for booking", "your hearing test is confirmed".
_OWN_BOOKING = re.compile(
    r"\bthanks? (?:you )?for (?:booking|ordering|your (?:order|booking|appointment|reservation))\b"
    r"|\byour (?:[\w-]+ ){0,3}(?:is|has been) (?:booked|confirmed|scheduled|rescheduled)\b"
    r"|\b(?:booking|appointment|order|reservation) confirm(?:ed|ation)\b",
    re.I,
)


# A sentence about someone else (a member of staff, a quoted reviewer), not the reader.
_ABOUT_SOMEONE_ELSE = re.compile(r"\b(?:she|he|she's|he's|her|his)\b", re.I)


# The item offered as a gift for someone else, not picked for the reader; unless it is a gift to themselves.
_AS_A_GIFT = Lexicon(r"\b(?:gifts?|presents?)\b")
_FOR_YOURSELF = Lexicon(r"\b(?:yourself|treat you|for you)\b")
# ...unless the one it is for is the household member assumed: "Spoil the grandkids"
_KIN = re.compile(r"grand|kid|child|son|daughter|husband|wife|partner|bab(?:y|ies)|mum|mom|dad|little ones", re.I)


# A role the message leaves to the reader among others: "Whether you're a grandparent yourself, shopping for one, or..."
_LEFT_TO_READER = re.compile(
    r"\bwhether you(?:'re|’re| are)\b[^.!?\n]{0,100}?\bor\b"
    # "If footy's your thing, ...": the reader says whether it is
    r"|\bif (?:[\w-]+ ){0,3}?[\w-]+(?:'s|’s| is| are) (?:your|more your) (?:thing|jam|cup of tea|scene|bag)\b",
    re.I,
)


# A single quote opened at a word's start and not yet closed (an apostrophe sits inside a word: "we've").
_OPEN_SINGLE_QUOTE = re.compile(r"(?:^|[\s:(])['‘][A-Za-z][^'’]*$")


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` sits inside a quotation on its line: someone else's words."""
    line = text[text.rfind("\n", 0, pos) + 1 : pos]
    return (
        line.count('"') % 2 == 1
        or line.count("“") > line.count("”")
        or _OPEN_SINGLE_QUOTE.search(line) is not None  # "your card: 'Happy 80th, Grandpa!'"
    )


# The interest left to whoever has it: "whoever's cooking tonight", "anyone who's into football".
_ANYONE_DOING = re.compile(r"\b(?:whoever|anyone|everyone|whichever of you)(?:'s| is| who(?:'s| is)?)?\s+\Z", re.I)


@rule("stereotyping.coded_interest", fields=("body",))
def coded_interest(inp: RuleInput) -> Iterator[Finding]:
    """Interests picked from gender or age ("men and football") that the customer never showed."""
    keys = _demographic_keys(inp.context)
    if not keys:
        return
    shown = _shown(inp.context).replace("-", " ")
    shown_stems = {stem(w) for w in re.findall(r"[a-z]+", shown)}
    # a notice about the customer's own booking or order that sells nothing: "bring your current hearing aids"
    notice = (
        _OWN_BOOKING.search(inp.text) is not None
        and inp.first(PROMO_RE) is None
        and MARKETING_FOOTER.search(inp.text) is None
    )
    trade: frozenset[str] | None = None  # what the sender is named for, read once a hit gets that far
    for key in keys:
        for pattern, theme in _CODED_RE[key]:
            if any(re.search(rf"\b{t}\b", shown) for t in theme):
                continue
            hits = inp.hits(pattern)
            if any(_LEFT_TO_READER.search(inp.sentences.text_around(m.start())) for m in hits):
                continue  # "Whether you're a grandparent yourself, shopping for one, or...": the reader says which
            for m in hits:
                said = re.findall(r"[a-z]{4,}", inp.at(m).lower())
                # a short word counts said whole or with an ending ("pink" in "anything that comes in pink", "slow"
                # in "explain slowly"), not as a stem ("runs" is not "running shoes")
                if any(stem(w) in shown_stems for w in said if len(w) > 4) or any(
                    re.search(rf"\b{w}(?:s|ly|ed|ing|er)?\b", shown)
                    for w in said
                    if len(w) == 4 and w not in STOP_WORDS
                ):
                    continue  # "Happy cooking" to a customer who told us she cooks; "slow down" to "explain slowly"
                if _ANYONE_DOING.search(inp.text, max(0, m.start() - 25), m.start()):
                    continue  # "Dinner's sorted, whoever's cooking tonight!": left to whoever it is
                if in_sign_off(inp.text, m.start()) or in_signature(inp.text, m.start()):
                    continue  # "Happy cooking,\nSprout & Stem", "See you there,\nRidgeway Golf Club": the brand's trade
                trade = sender_words(inp.text) if trade is None else trade
                if trade and any(w in trade for w in re.findall(r"[a-z]{3,}", inp.at(m).lower())):
                    continue  # "Book a spa day" from "The Atlantic Rock Spa team": what the sender sells to everyone
                if _ABOUT_SOMEONE_ELSE.search(inp.sentences.text_around(m.start())) and not inp.in_sentence(
                    SECOND_PERSON, m.start()
                ):
                    continue  # "She's a mum of two, and she swears the school run got easier": our buyer's life
                if (
                    inp.in_sentence(_AS_A_GIFT, m.start())
                    and not inp.in_sentence(_FOR_YOURSELF, m.start())
                    and not _KIN.search(inp.at(m))
                ):
                    continue  # "hunting for a gift that isn't another candle? a Spa Day might be it": for someone else
                if _quoted(inp.text, m.start()):
                    continue  # a staff pick in their own words: "works with trainers and heels," says Amara
                if notice or (
                    inp.in_sentence(TRANSACTIONAL_RE, m.start()) and not inp.in_sentence(PROMO_RE, m.start())
                ):
                    continue  # "Your tee time is confirmed": the customer's own booking
                kind = "age" if key in ("older", "younger") else "gender"
                yield inp.finding(
                    "stereotyping.coded_interest",
                    m.start(),
                    m.end(),
                    2,
                    f"'{inp.at(m)}' looks chosen from the customer's {kind}, not from what they told you or bought.",
                )


# An attribute guessed from gender or age: "interest_home_baking" from a "gender_age_segment", "likely_menopausal" from
# "age_band_and_gender". Words of the attribute's name that say only how it was held are not its content.
_DEMOGRAPHIC_SOURCE = re.compile(
    r"(?:^|[\s_-])(?:age|age[\s_-]?bands?|gender|sex|demographics?|generation)(?=$|[\s_-])", re.I
)
_ATTRIBUTE_FILLER = {
    "likely", "probable", "possible", "interest", "interested", "in", "has", "have", "prefers", "segment", "low",
    "high", "fan", "risk", "member", "user", "buyer", "customer", "new", "home", "near", "nearing", "digital",
    "confidence", "household", "score", "propensity", "affinity", "lover", "enthusiast", "type",
}  # fmt: skip


_THEIR_ORDER = re.compile(
    r"\byour (?:order|booking|reservation|appointment|purchase|receipt|basket|cart)\b|\b(?:order|booking) "
    r"(?:is |has been )?confirmed\b",
    re.I,
)


def _guessed_from_demographics(context: CustomerContext) -> list[set[str]]:
    """The content stems of each attribute inferred from gender or age that the customer never showed."""
    shown = content_stems(_shown(context), generic=False)
    guessed = []
    for attribute in context.inferred_attributes:
        if not _DEMOGRAPHIC_SOURCE.search(attribute.source or ""):
            continue
        name = " ".join(w for w in re.split(r"[\s_-]+", attribute.attribute.lower()) if w not in _ATTRIBUTE_FILLER)
        stems = {s for s in content_stems(name, generic=False) if not s.isdigit()}
        # loosely: the stemmer leaves "bake" whole but cuts "baking" to "bak"
        if stems and not any(s.startswith(k) or k.startswith(s) for s in stems for k in shown):
            guessed.append(stems)
    return guessed


# A range sold by gender: "New in the men's shop", "our womenswear edit".
_GENDERED_LINE = re.compile(
    r"\b(?P<line>men|women|ladies|male|female)(?:'s|s'|’s)? (?:shop|range|line|collection|section|edit|department|"
    r"clothing|fashion|styles?|fit)\b|\b(?P<wear>mens|womens)wear\b",
    re.I,
)


def _line_of(word: str) -> str:
    return "women" if word.lower() in ("women", "womens", "ladies", "female") else "men"


def _lines_shown(shown: str) -> set[str]:
    """The gendered ranges the customer said they shop or bought from ("womenswear_dresses": women)."""
    lines = {_line_of(m.group("line") or m.group("wear")) for m in _GENDERED_LINE.finditer(shown)}
    lines |= {_line_of(w) for w in re.findall(r"\b(mens|womens)(?:wear|_|\b)", shown.replace("'", ""))}
    return lines


@rule("stereotyping.segment_guess", fields=("body",))
def segment_guess(inp: RuleInput) -> Iterator[Finding]:
    """Content picked from an attribute guessed from gender or age alone ("perfect for your weekend bakes")."""
    shown = _lines_shown(_shown(inp.context))
    for m in _GENDERED_LINE.finditer(inp.text) if shown else ():
        if _line_of(m.group("line") or m.group("wear")) not in shown:
            yield inp.finding(
                "stereotyping.segment_guess",
                m.start(),
                m.end(),
                2,
                f"'{m.group(0)}' picks a range by gender, though this customer shops the other one; follow what "
                "they buy, not the gender field.",
            )
            return
    guessed = _guessed_from_demographics(inp.context)
    for start, end in inp.sentences.spans if guessed else ():
        if _THEIR_ORDER.search(inp.text, start, end):
            continue  # the customer's own order or booking names what they chose
        said = content_stems(inp.text[start:end], generic=False)
        if any(same_word(a, b) for stems in guessed for a in said for b in stems):
            yield inp.finding(
                "stereotyping.segment_guess",
                start,
                end,
                2,
                "This picks content from an attribute guessed from the customer's gender or age, not from anything "
                "they told you, bought or did; offer it without the guess, or to those who showed the interest.",
            )
            return


# A pet name in the vocative: "don't you worry, sweetie", "There you go, love.", "Sweetheart, it's all sorted".
_PET_NAME = re.compile(
    r"(?:(?<=, )|(?<=^)|(?<=[.!?] )"
    # after a greeting or a word of comfort, without the comma chat leaves out: "Aw no worries sweetie"
    r"|(?<=(?i:worries) )|(?<=(?i:thanks) )|(?<=(?i:thank you) )|(?<=(?i:hi) )|(?<=(?i:hello) )|(?<=(?i:hey) )"
    r"|(?<=(?i:morning) )|(?<=(?i:bye) )|(?<=(?i:there you go) )|(?<=(?i:don't worry) ))"
    r"(?i:sweetie|sweetheart|honey|hun|darling|dearie|my dear|love|lovey|pet|petal|"
    r"duck|ducky|young lady|young man|sweet pea|my lovely)(?=\s*[,.!?]|\s*$)",
    re.M,
)
_SIGN_OFF = re.compile(r"(?<=\n)(?i:love|lots of love),?[^\S\n]*(?:\n|[^\n]{0,40}\Z)")
ELDER_AGE = 65


@rule("stereotyping.elderspeak")
def elderspeak(inp: RuleInput) -> Iterator[Finding]:
    """A pet name for an older customer ("don't you worry, sweetie"): talking down to them for their age."""
    low = _lowest_age(inp.context)
    if low is None or low < ELDER_AGE:
        return
    said = stated_text(inp.context)
    for m in _PET_NAME.finditer(inp.text):
        if m.group(0).lower() in said:
            continue  # a name the customer asked to be called
        if _SIGN_OFF.match(inp.text, m.start()):
            continue  # "Love,\nThe Bakehouse team": the sign-off, not a name for the reader
        yield inp.finding(
            "stereotyping.elderspeak",
            m.start(),
            m.end(),
            2,
            f"'{m.group(0)}' talks down to an older customer; address them as you would anyone else.",
            suggestion="",
        )


# The reader told to get a grown-up's say-so: "ask a parent before you spend your V-Coins", "ask your parents to top
# you up", "with your parent's permission".
_ASK_A_PARENT = Lexicon(
    r"\bask (?:a|your) (?:parents?|grown-?ups?|guardian|mum or dad|mom or dad|mum|mom|dad)\b"
    r"(?= (?:before|first|if|for|to)\b)"
    r"|\b(?:with|get) (?:a|your) (?:parent|guardian)(?:'s|s'|’s)? (?:permission|ok|okay|say-so)\b"
)
# The ask put to the reader: an imperative ("Remember to ask a parent"), or "you should ask" (not "Children under 12
# should ask a parent").
_TO_THE_READER = re.compile(
    r"(?:^|[^\w\s]\s*)(?:(?:remember|don'?t forget|be sure|make sure) to |please |just |and |so )?\Z"
    r"|\byou(?:'ll| will)? (?:should|must|need to|have to|may need to|might need to|might want to|want to) \Z",
    re.I,
)
_ADULTHOOD = 18  # the age band's low end from which the customer is an adult


@rule("stereotyping.assumed_minor")
def assumed_minor(inp: RuleInput) -> Iterator[Finding]:
    """An adult customer (by their age band) told to ask a parent first: talked to as a child."""
    low = _lowest_age(inp.context)
    if low is None or low < _ADULTHOOD:
        return  # a child's account, or no age on file: asking a parent may be right
    for m in inp.hits(_ASK_A_PARENT):
        start = inp.sentences.around(m.start())[0]
        if inp.at(m).lower().startswith("ask") and not _TO_THE_READER.search(inp.text[start : m.start()]):
            continue
        yield inp.sentence_finding(
            "stereotyping.assumed_minor",
            m.start(),
            2,
            f"'{inp.at(m)}' talks to an adult customer ({inp.context.age_band}) as a child; drop it.",
        )
        return


_BODY_JAB = words([BODY_JAB])
# The customer's own goal for their body: "I want to lose my belly fat", "toning up for the wedding".
_BODY_GOAL = re.compile(r"\b(?:weight|belly|tummy|fat|flab|ton(?:e|ing)|slim|los(?:e|ing)|shape|body|waist)\b", re.I)


@rule("stereotyping.body", fields=("body",))
def body_jab(inp: RuleInput) -> Iterator[Finding]:
    """The reader's body named as a problem to fix ("time to tackle that dad bod?"), a goal they never set."""
    if _BODY_GOAL.search(stated_text(inp.context)):
        return
    for m in inp.hits(_BODY_JAB):
        yield inp.sentence_finding(
            "stereotyping.body",
            m.start(),
            2,
            f"'{inp.at(m)}' judges the customer's body, a goal they never set; sell what the product does instead.",
        )


# A partner or relative sent for to approve the customer's own request: "could your husband hop on the chat to confirm?"
_SENT_FOR = Lexicon(
    r"\b(?:could|can|would|will|ask|get|have|need|needs|we'll need|we need|let) (?:you )?(?:to )?(?:ask |get |have )?"
    r"your (?P<who>husband|wife|partner|spouse|father|mother|dad|mum|mom|son|daughter)(?:'s)? "
    r"(?:(?:to |just |please )?(?:hop on|jump on|come on|call|ring|phone|confirm|approve|authori[sz]e|sign|"
    r"give (?:us )?(?:the )?(?:ok|go-ahead|permission)|okay|verify|be present|join)|permission|approval|consent|"
    r"signature|go-ahead)\b"
)


def _holder_said(inp: RuleInput, who: str) -> bool:
    """The customer told us the person they name holds or shares the account ("my wife is the main account holder")."""
    said = stated_text(inp.context)
    return (
        re.search(
            # "my wife is the main account holder", "my husband Mark is the account holder"
            rf"\b(?:my|our) {who}(?: [\w'-]+)?(?:'s| is) (?:the )?(?:main |primary |joint |sole )?"
            rf"(?:account ?holder|bill ?payer|policy ?holder|owner)|\bjoint (?:account|policy|names?)\b",
            said,
        )
        is not None
    )


@rule("stereotyping.account_holder", fields=("body",))
def account_holder(inp: RuleInput) -> Iterator[Finding]:
    """Assuming the caller is the account holder before they are verified (IVR, caller-id chats)."""
    for m in holder_claims(inp)[:1]:
        yield inp.finding(
            "stereotyping.account_holder",
            m.start(),
            m.end(),
            2,
            f"'{inp.at(m)}' tells the person they are the account holder; check who you are speaking to first.",
        )
        return
    for m in inp.hits(_SENT_FOR)[:1]:
        if not _holder_said(inp, m.group("who").lower()):
            yield inp.finding(
                "stereotyping.account_holder",
                m.start(),
                m.end(),
                2,
                f"'{inp.at(m)}' assumes someone else must approve the customer's own account; deal with the "
                "customer, unless they told you that person holds it.",
            )
            return
    assumed = assumed_caller(inp)
    if assumed is not None:
        # greeting the caller by the holder's name claims who they are (2), and so does speaking of the account to
        # a caller the signal says failed or skipped the check; reading the record the number matched ("your order
        # is due tomorrow") only leans on it, and what it discloses is privacy's to judge (1)
        named = inp.text[assumed.cue.start() : assumed.cue.end()].lower() in customer_names(inp.context)
        yield inp.finding(
            "stereotyping.account_holder",
            assumed.cue.start(),
            assumed.cue.end(),
            2 if named or assumed.unknown else 1,
            "Assumes the caller is the account holder; verify identity before using their name or account details.",
        )
