"""Stereotyping by household: a spouse, children or parents the customer never mentioned."""

import re
from collections.abc import Iterator

from reviewer.models import Finding
from reviewer.rules._base import RuleInput, rule
from reviewer.rules._context import stated_mentions, stated_text
from reviewer.rules._text import Lexicon

_HOUSEHOLD = Lexicon(
    r"\byour\s+(?:(?:two|three|four|five|2|3|4|5|lovely|beautiful|little|new|dear|growing)\s+){0,2}(?P<who>wife|husband|spouse|partner|girlfriend|"
    r"boyfriend|fianc[ée]e?|kids|children|child|sons?|daughters?|baby|toddlers?|little ones|teens?|teenagers?|"
    r"grandkids|grandchildren|grandsons?|granddaughters?|mother-in-law|father-in-law|in-laws)\b"
    # the same assumption in colloquial form: "show it to the wife", "tell the hubby", "no man about the house"
    r"|\b(?:the|your|tell|ask)\s+(?P<who2>wife|missus|missis|hubby|wifey|old lady|old man|other half|better half)\b"
    r"|\b(?:no )?(?P<who3>man|lady) (?:about|of) the house\b"
    r"|\bfor (?:new |busy |first-time |expecting |working )?(?P<who4>dads|moms|mums|parents|grandparents)\b"
    # the reader addressed by the role: "New dads get 20% off", "Busy mums, this one's for you"
    r"|\b(?:new|busy|first-time|expecting|working) (?P<who14>dads|moms|mums|parents),? "
    r"(?:get|save|enjoy|can|deserve|need|love|this|run on|live on|survive on|know|never|always|rarely|barely)\b"
    r"|\byour (?:little|baby) (?P<who5>girl|boy|man|lady|princess|prince)s?\b"
    r"|\b(?:picture|imagine|see) the (?P<who10>kids|children|little ones)'? faces\b"
    # "the kids' lunchboxes", "Boyfriend's birthday coming up?", "Hubby hungry after work?"
    r"|\bthe (?P<who11>kids|children|little ones)'\s*(?:lunch\w*|school\w*|bedrooms?|rooms?|toys|clothes|shoes|"
    r"uniforms?|bikes?|party|parties|birthdays?|first (?:week|day|term)|school run|homework|bedtime|screen time|"
    r"clubs|after-school \w+|pocket money|packed lunch\w*|sports? kits?|(?:swimming|music|piano|dance) lessons)\b"
    r"|\b(?P<who12>boyfriend|girlfriend|husband|wife|hubby|wifey)'s (?:birthday|anniversary|gift|present|big day)\b"
    r"|\b(?P<who13>hubby|wifey)\b"
    r"|\b(?:(?:lunch(?:es|boxes)?|snacks|treats|presents|gifts|costumes|clothes|shoes|school (?:bags|shoes|uniforms?))"
    r" for |(?:pack|feed|entertain|keep|bring|let|take|treat|spoil|get) )the (?P<who7>kids|children|little ones)\b"
    r"|\bthe (?P<who8>kids|children|little ones) (?:won'?t|will|can|could|might|would|make|love|enjoy|adore|"
    r"are going to|are up|wake up|"
    r"get up|get home|are in bed|are asleep|"
    # kept out of the reader's way: "so the little ones are kept busy while you unwind"
    r"(?:are|stay|get) (?:kept )?(?:busy|entertained|occupied|happy|looked after|taken care of|out of your hair))\b"
    r"|\b(?:something|extras?|add-ons?|channels?|games?|a treat|treats|a plan|apps?|(?:second |extra |new )?"
    r"(?:lines?|phones?|tablets?|sims?)|decorating|shopping|cooking|baking|buying|wrapping) for the "
    r"(?P<who9>kids|children|little ones)\b"
    # a partner put beside the reader: "book a slot for you two", "finally time for the two of you"
    r"|\bfor (?P<who17>you two|the two of you)\b"
    # the reader put with children: "room for you and the kids at weekends"
    r"|\b(?:you|yourself) (?:and|&|plus) the (?P<who15>kids|children|little ones)\b"
    # a family member sent on an errand: "get Dad to bring the shin pads", "bring Mum & Dad"
    r"|\b(?:get|ask|tell|bring|let|have|forward (?:this|it) to|send (?:this|it) to|show (?:this|it) to|"
    r"run (?:it|this|that) (?:past|by)|check with) "
    r"(?P<who6>(?:your )?(?:mum|mom|mam|dad|parents)(?: (?:&|and|or) (?:mum|mom|dad))?)\b"
    # a parent presumed to pay: "is your mum or dad the one paying for this plan?"
    r"|\b(?:is|are) (?P<who16>your (?:mum|mom|mam|dad|parents|folks)(?: (?:&|and|or) (?:mum|mom|dad))?) "
    r"(?:the ones? (?:paying|who pays?)|who pays?|paying)\b"
    # "Mom and Dad footing the bill?"
    r"|\b(?P<who19>(?:mum|mom|mam) (?:and|&) dad|dad (?:and|&) (?:mum|mom|mam)) (?:footing|paying|covering|picking up) "
    r"(?:the bill|for (?:it|this|everything))\b"
    # parents presumed to pay, and a partner presumed to keep the purse, said as a joke: "send it to the Bank of Mum and
    # Dad", "grab a few before the boss at home notices"
    r"|\b(?P<who20>bank of (?:mum|mom|mam) (?:and|&) dad)\b"
    r"|\b(?P<who21>the boss at home|the (?:old )?ball (?:and|&) chain|the trouble (?:and|&) strife)\b"
    # a couple sold to one reader: "grab the his-and-hers set"
    r"|\b(?P<who18>his[- ](?:and|&|n'?)[- ]hers|hers[- ](?:and|&|n'?)[- ]his)\b"
)
# The customer greeted as a parent: "Happy Father's Day, Marcus!", "Happy Mother's Day to you".
_PARENT_GREETING = Lexicon(
    r"\bhappy (?:mother|father|mum|mom|dad)(?:'s|’s|s)? day(?: in advance| early)?(?=,? (?:to you\b|"
    r"(?!(?:everyone|everybody|all|folks|friends|team|mums|moms|dads|mothers|fathers|mamas|papas)\b)"
    r"[A-Z][a-z]+\s*[!.,]))"
    # the day made the reader's own: "Treat yourself this Father's Day"
    r"|\b(?:treat|spoil|pamper|reward) yourself (?:this|on) (?:mother|father|mum|mom|dad)(?:'s|’s|s)? day\b"
)
_GIFTS_BEFORE = re.compile(
    r"\b(?:gifts?|presents?|ideas?|treats?|cards?|picks?|shop|something|guides?|"
    # content made for a family member: "stretch routines for grandparents", "bedtime stories for parents"
    r"routines|stories|tracks|activities|games|classes|workouts|recipes|books|reads)\b[^\w\n]{0,2}\s+\Z",
    re.I,
)
# A list line's start: "• For dads who'd rather be in the kitchen: ..." heads a section of a guide.
_LIST_ITEM_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•·]|\d{1,2}[.)])[ \t]*\Z")
# The reader cast as a parent without a greeting: "This Mother's Day, it's your turn", "You spend all year looking
# after everyone else", "Treat yourself, Dad".
_PARENT_ROLE = Lexicon(
    r"\bthis (?:mother|father|mum|mom|dad)(?:'s|’s|s)? day,? (?:it'?s|it is) your turn\b"
    r"|\byou spend (?:all year|every day|all week|your days|all your time) (?:looking after|running around after|"
    r"caring for|taking care of) (?:everyone|everybody|the (?:kids|family|whole family)|your family)\b"
    r"|\b(?:treat yourself|you(?:'ve| have) earned it|you deserve it),? (?:dad|mum|mom|mama|papa)(?=[\s,.!?]|$)"
    # the parent who drives them everywhere: "Mum's taxi service running again this week?"
    r"|\b(?:mum|mom|dad)(?:'s|’s|s) taxi\b"
    # the one who feeds them: "You keep the whole family fed", "keep the hungry men in your life happy"
    r"|\byou (?:keep|feed) (?:the |your )?(?:whole )?(?:family|household|kids|crew|brood|troops) (?:fed|going|running|"
    r"happy|ticking over|fuelled|fueled)\b"
    r"|\bkeep (?:the |your )?(?:hungry )?(?:men|man|boys|kids|family|husband|hubby) in your (?:life|house|home) "
    r"(?:happy|fed|full|going)\b"
    # the reader counted among mothers or fathers: "things other dads told us made night feeds easier" (not "other
    # parents-to-be", which names no gender)
    r"|\b(?:other|fellow) (?:new |first-time |busy |working )?(?:dads|moms|mums|mothers|fathers)\b(?!-)"
    # the household's chores put on the reader: "when you're the one who has to get dinner on the table every night"
    r"|\byou(?:'re| are) (?:always |usually )?the one who (?:has to |always |usually |still )?(?:gets?|puts?|makes?|"
    r"cooks?|does|handles?|sorts?|organi[sz]es?|runs?) (?:\w+ ){0,3}?(?:dinner|tea|meals?|the cooking|the school run|"
    r"the laundry|the washing|the cleaning|the packed lunches|lunches|the shopping)\b"
)
_PLURAL_VERB = {"'s": "'re", " is": " are"}
_BABY = re.compile(r"\b(?:bump|bab(?:y|ies)|pregnan\w*|newborns?|(?:mum|mom|mama)-to-be|trimester|little one)\b", re.I)
_PARTNERS = {"wife", "husband", "spouse", "partner", "girlfriend", "boyfriend"}
_OTHER_PARTNER = {"wife": "husband", "husband": "wife", "girlfriend": "boyfriend", "boyfriend": "girlfriend"}


# Written to the customer as a parent by the one who has their child on its roll: a school or nursery writing to
# "Dear Parent/Carer", "Holbrook Primary: a case of head lice in Year 2", "You've reached the Holbrook Academy absence
# line". Its "your child" is why it writes, not a guess. (A shop's "back to school" is not a school.)
_TO_PARENTS = re.compile(
    r"\b(?i:dear|hello|hi|to (?:all|every))\s+(?i:parents?|carers?|guardians?|families|family)\b"
    r"|\b[A-Z][\w'’-]+ (?:Primary|Academy|Infants?|Juniors?|Nursery|Pre-?[Ss]chool|Kindergarten|Childcare|Daycare|"
    r"Cr[eè]che|Playgroup|"
    r"(?:Primary |Infant |Junior |High |Secondary |Grammar |Middle |Elementary |C of E |CE )?School)\b"
    r"(?!-|[ \t]+[A-Z]| (?i:uniforms?|shoes|bags?|supplies|essentials|run|holidays?|style|look|wear|shop)\b)"
    # the register kept: "To report that your child will be absent today, press 2"
    r"|\b(?i:report (?:that )?your child(?:'s)? (?:will be |is )?(?:absent|absence|off sick|ill))"
)
_CHILDREN = re.compile(r"kid|child|son|daughter|teen|little one", re.I)


# The customer named a partner without a gender: "applying jointly with my partner, Sam".
_NEUTRAL_PARTNER = re.compile(r"\b(?:my|our) (?:partner|spouse|other half|better half|fianc[ée]{1,2})\b")


def _told_partner(inp: RuleInput, who: str) -> str | None:
    """The partner the customer told us about when the draft assumes another ("my husband", then "your wife")."""
    other = _OTHER_PARTNER.get(who)
    said = stated_text(inp.context)
    if other is None or not re.search(rf"\b{other}\b", said) or re.search(rf"\b{who}\b", said):
        return None
    return other


_FEATURE_AFTER = re.compile(
    r"['’]?s?\s+(?:profiles?|accounts?|club|menu|section|zone|range|collection|mode|plan|corner|tab|settings)\b", re.I
)
# A partner as "her" or "him" whom the message never introduced: "give her the night off", "treat him".
_PRONOUN_PARTNER = Lexicon(
    r"\b(?:treat|spoil|surprise|pamper|impress|woo|romance) (?P<p>her|him)\b(?! to yourself)"
    # a gesture to make to them: "Show her you remembered", "show him how much he means"
    r"|\bshow (?P<p6>her|him) (?=(?:you|how much)\b)"
    r"|\bgive (?P<p2>her|him) the (?:night|day|evening|weekend) off\b"
    # a gift's recipient nobody introduced: "picking something for her", "the (special) man in your life"
    r"|\b(?:(?:something|anything|a (?:gift|present|treat|surprise)|gifts|presents|the perfect (?:gift|present)) for|"
    # "Stuck on what to get her?", "Buying for him?"
    r"(?:what|something|anything) to (?:get|buy|give)|(?:buying|shopping) for) (?P<p3>her|him)\b"
    r"|\b(?P<p4>the (?:special |lucky )?(?:man|woman|lady|guy|girl|fella)s? in your life)\b"
    r"|\b(?P<p5>she|he)(?:'ll| will|(?:'s| is) (?:going to|gonna|sure to|bound to)) "
    r"(?:love|adore|be thrilled|say yes)\b"
)
_ANTECEDENT = re.compile(
    r"\b(?:she|he|mum|mom|mother|dad|father|wife|husband|daughter|son|sister|brother|girlfriend|boyfriend|partner|"
    r"friend|gran|nan|grandma|grandpa|bride|groom|fianc\w*|teacher|nurse|host|someone|loved one|colleague|boss|"
    r"mummy|daddy|auntie|aunt|uncle|niece|nephew|neighbour|neighbor|girl|boy|kid|child|baby|toddler|little one|"
    r"grandson|granddaughter|grandchild|grandkid)s?\b|\byour valentine\b",
    re.I,
)
_HOUSEHOLD_GROUPS: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(r"wife|husband|girlfriend|boyfriend|fianc", re.I), "someone you love", 2),
    (re.compile(r"spouse|partner", re.I), "someone you love", 1),
    (re.compile(r"two of you|you two", re.I), "for you", 2),
    (re.compile(r"grand", re.I), "the whole family", 2),
    (re.compile(r"in-law", re.I), "the whole family", 2),
    (re.compile(r"kid|child|son|daughter|baby|toddler|little one|teen|girl|boy", re.I), "the whole family", 2),
    (re.compile(r"mum|mom|mam|dad", re.I), "your family", 2),
]
# A partner in the customer's words: "my husband", "we're getting married".
_PARTNER_SAID = r"wife|husband|spouse|partner|married|girlfriend|boyfriend|fianc|wedding"
_HOUSEHOLD_STATED = {
    "your family": re.compile(r"mum|mom|mam|dad|father|mother|parent|family|husband|wife|partner|kid|child", re.I),
    "someone you love": re.compile(_PARTNER_SAID, re.I),
    # two travelling or dining together, in the customer's words: "a table for two", "honeymoon for two adults" (a
    # partner, though not which gender: "your wife" still assumes)
    "for you": re.compile(
        _PARTNER_SAID + r"|couple|honeymoon|anniversary|\bfor two\b|\btwo (?:adults|people|of us)\b|\bboth of us\b"
        # someone the customer does it with: "I mostly play co-op with my dad"
        r"|\bwith (?:my|our) (?:dad|mum|mom|father|mother|son|daughter|brother|sister|friend|best friend|mate|"
        r"flatmate|roommate|gran|grandad|grandma|grandpa|nan)\b",
        re.I,
    ),
    "the whole family": re.compile(
        r"kid|child|son|daughter|baby|toddler|little one|parent|mom|mum|dad|father|mother|grand|family|in-law|"
        r"boys|girls|twins|teen|infant|\d+[- ]?(?:year|month)[- ]old|"
        # a baby on the way: "I'm due in October and want to know what my plan covers for the birth"
        r"pregnan|expecting|\bdue (?:in|on|next|this)\b|due date|\bbirth\b|newborn|maternity",
        re.I,
    ),
}


# A child's gender in the customer's words: "my daughter", "our little boy", "she's two".
_CHILD_GENDER = {
    "girl": re.compile(r"\b(?:daughters?|girls?|granddaughters?|niece|she|her|princess)\b", re.I),
    "boy": re.compile(r"\b(?:sons?|boys?|grandsons?|nephew|he|him|his|prince)\b", re.I),
}
# The customer said there are no children, or none young: "I don't have children", "child-free", "my kids are grown".
_NO_CHILDREN = re.compile(
    r"\b(?:child-?free|childless|no (?:kids|children)|(?:don'?t|do not) have (?:any )?(?:kids|children)|"
    r"not an? (?:parent|mum|mom|dad))\b",
    re.I,
)
_GROWN_CHILDREN = re.compile(
    r"\b(?:kids|children|sons?|daughters?) (?:are|have) (?:all )?(?:grown(?: up)?|left home|moved out|adults)\b", re.I
)
_YOUNG = re.compile(r"little|toddler|baby|babies|tots?\b|tiny|school", re.I)


def _denies_children(said: str, named: str) -> str | None:
    """How the customer (in ``said``, their words) said they have none of the children the draft names, if they did."""
    if _NO_CHILDREN.search(said):
        return "do not have"
    if _GROWN_CHILDREN.search(said) and _YOUNG.search(named):
        return "have grown out of"
    return None


@rule("stereotyping.household")
def household(inp: RuleInput) -> Iterator[Finding]:
    """Assumed household or family: "your wife", "your kids" when the context does not say so."""
    for m in inp.hits(_PRONOUN_PARTNER):
        # a subject line's "she" may be the mum the body names
        before = inp.text[: m.start()] + (inp.message.body if inp.field == "subject" else "")
        if _ANTECEDENT.search(before) or stated_mentions(inp.context, _HOUSEHOLD_STATED["someone you love"]):
            continue
        group = next(g for g in ("p", "p2", "p3", "p4", "p5", "p6") if m.group(g))
        if group == "p3" and _offers_both(inp.message.body):
            continue  # a gift guide that offers both ("Gifts for him: ... Gifts for her: ..."): the reader picks
        end, suggestion = m.end(group), "someone you love"
        if group == "p5":
            verb = re.match(r"'s| is", inp.text[end:])  # "she's going to say yes": "they're going to say yes"
            end += verb.end() if verb else 0
            they = "They" if inp.text[m.start(group)].isupper() else "they"
            suggestion = they + (_PLURAL_VERB[verb.group(0)] if verb else "")
        yield inp.finding(
            "stereotyping.household",
            m.start(group),
            end,
            2,
            f"'{inp.at(m)}' assumes a partner the customer never mentioned.",
            suggestion=suggestion,
        )
    said = stated_text(inp.context)
    school = _TO_PARENTS.search(inp.message.body) is not None  # it writes to the customer as a parent
    if not stated_mentions(inp.context, _HOUSEHOLD_STATED["the whole family"]) or _NO_CHILDREN.search(said):
        for m in [] if school else inp.hits(_PARENT_ROLE):
            yield inp.sentence_finding(
                "stereotyping.household",
                m.start(),
                2,
                f"'{inp.at(m)}' casts the customer as a parent or the family's carer, which they never said they are.",
            )
        for m in inp.hits(_PARENT_GREETING):
            yield inp.sentence_finding(
                "stereotyping.household",
                m.start(),
                2,
                f"'{inp.at(m)}' greets the customer as a parent, which they never said they are.",
            )
    for m in inp.hits(_HOUSEHOLD):
        if m.group("who18"):
            if not stated_mentions(inp.context, _HOUSEHOLD_STATED["for you"]):
                yield inp.finding(
                    "stereotyping.household",
                    m.start("who18"),
                    m.end("who18"),
                    2,
                    f"'{inp.at(m)}' sells to a couple, and the customer never mentioned a partner.",
                    suggestion="matching",
                )
            continue
        if m.group("who20") or m.group("who21"):
            partner = m.group("who21") is not None
            if not stated_mentions(inp.context, _HOUSEHOLD_STATED["someone you love" if partner else "your family"]):
                yield inp.finding(
                    "stereotyping.household",
                    m.start(),
                    m.end(),
                    2,
                    f"'{inp.at(m)}' jokes about a {'partner' if partner else 'parent'} the customer never mentioned.",
                    suggestion=None,  # no neutral word fits the joke: its sentence goes
                )
            continue
        if m.group("who6") or m.group("who16") or m.group("who19"):
            parent = next(g for g in ("who6", "who16", "who19") if m.group(g))
            start, end = m.start(parent), m.end(parent)
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
            or m.group("who9")
            or m.group("who10")
            or m.group("who11")
            or m.group("who12")
            or m.group("who13")
            or m.group("who14")
            or m.group("who15")
            or m.group("who17")
        )
        who = {"dads": "kids", "moms": "kids", "mums": "kids", "parents": "kids", "grandparents": "grandkids"}.get(
            who, who
        )
        if m.group("who5"):  # "your little man" is a child, not a husband
            who = "boy" if who in ("man", "prince", "boy") else "girl"
        who = {"man": "husband", "lady": "wife", "hubby": "husband", "missus": "wife", "missis": "wife"}.get(who, who)
        who = {"wifey": "wife", "old lady": "wife", "old man": "husband"}.get(who, who)
        who = {"other half": "partner", "better half": "partner"}.get(who, who)
        feature = _FEATURE_AFTER.match(inp.text, m.end())
        if feature and not (who in _PARTNERS and feature.group(0)[:1] in "'’"):
            continue  # "your Kids profile", "your family plan": a product feature ("your wife's account" is hers)
        if m.group("who4") and (
            _GIFTS_BEFORE.search(inp.text, max(0, m.start() - 20), m.start())
            or _LIST_ITEM_BEFORE.search(inp.text, max(0, m.start() - 8), m.start())
        ):
            # "Gifts for dads, grandads & father figures", a guide's line "• For dads who'd rather be in the
            # kitchen: Knife Skills": who the gift is for, not who the reader is
            continue
        if m.group("who17") and _BABY.search(inp.message.body):
            continue  # "something for you two" to a mother-to-be: her and the baby, not a partner
        pattern, neutral, severity = next(g for g in _HOUSEHOLD_GROUPS if g[0].search(who))
        told = _told_partner(inp, who)
        if told is not None:
            yield inp.finding(
                "stereotyping.household",
                m.start(),
                m.end(),
                3,
                f"'{inp.at(m)}' assumes a {who}, but the customer told you about their {told}.",
                suggestion=neutral,
            )
            continue
        if who in _OTHER_PARTNER and _NEUTRAL_PARTNER.search(said):
            if not re.search(rf"\b{who}\b", said):
                yield inp.finding(
                    "stereotyping.household",
                    m.start(),
                    m.end(),
                    2,
                    f"'{inp.at(m)}' gives the partner the customer told you about a gender they never said.",
                    suggestion="your partner",
                )
            continue
        denied = _denies_children(said, inp.at(m)) if neutral == "the whole family" and "grand" not in who else None
        if denied:
            yield inp.finding(
                "stereotyping.household",
                m.start(),
                m.end(),
                3,
                f"'{inp.at(m)}' assumes children the customer told you they {denied}.",
                suggestion=neutral,
            )
            continue
        if (
            m.group("who5")
            and not _CHILD_GENDER[who].search(said)
            and stated_mentions(inp.context, _HOUSEHOLD_STATED[neutral])
        ):
            # "Gender-neutral baby clothes only" and "for your little girl": the child is theirs, the gender is guessed
            yield inp.finding(
                "stereotyping.household",
                m.start(),
                m.end(),
                2,
                f"'{inp.at(m)}' gives the customer's child a gender they never said.",
                suggestion="your little one",
            )
            continue
        if stated_mentions(inp.context, _HOUSEHOLD_STATED[neutral]):
            continue
        if school and _CHILDREN.match(who):
            continue  # a school writing to the parents on its roll: "please check your child's hair this week"
        if m.group("who14"):
            # the role as the sentence's subject: no neutral word fits, so the sentence goes; mid-sentence ("our new
            # dads get together on Tuesdays") it is not the reader addressed by the role
            if inp.sentences.around(m.start())[0] == m.start():
                yield inp.sentence_finding(
                    "stereotyping.household",
                    m.start(),
                    severity,
                    f"'{inp.at(m)}' addresses the customer as a parent, which they never said they are.",
                )
            continue
        start, end, fix = m.start(), m.end(), neutral
        # only "the kids" is replaced in "pack the kids off", "a treat for the kids", "the kids' first week"
        kids = next((g for g in ("who7", "who8", "who9", "who10", "who11") if m.group(g)), None)
        if kids is not None:
            start, end = m.start(kids) - len("the "), m.end(kids)
            if inp.text[end : end + 1] in ("'", "’"):
                end, fix = end + 1, neutral + "'s"
            if inp.text[start].isupper():
                fix = fix[0].upper() + fix[1:]
        if neutral == "someone you love" and _NAME_AFTER.match(inp.text, end):
            fix = ""  # "your husband Mark now has a card": the name says who, and "someone you love Mark" reads wrong
        # "your husband as well, so he can look over the numbers": a neutral word leaves "he" saying who it is, so
        # the sentence goes
        regendered = _GENDERED.search(inp.at(m)) and _PRONOUN.search(inp.text, end, inp.sentences.around(start)[1])
        yield inp.finding(
            "stereotyping.household",
            start,
            end,
            severity,
            f"'{inp.at(m)}' assumes a household the customer never mentioned.",
            suggestion=None if regendered else fix,
        )


# A gift guide's sections for each ("Gifts for him: ... Gifts for her: ...", "Gifts for him, her & them").
_GIFTS_FOR = re.compile(r"\b(?:gifts?|presents?|ideas|picks) for (?P<who>her|him)\b", re.I)
_FOR_EITHER = re.compile(r"\bfor (?:him|her)\s*(?:,|/|&|\bor\b|\band\b)\s*(?:him|her|them)\b", re.I)


def _offers_both(body: str) -> bool:
    """The message offers gifts for him and for her, so the recipient is the reader's to pick."""
    return len({g.group("who").lower() for g in _GIFTS_FOR.finditer(body)}) > 1 or bool(_FOR_EITHER.search(body))


# A relation that says the person's gender, and a pronoun that says it again.
_GENDERED = re.compile(
    r"\b(?:wife|husband|girlfriend|boyfriend|fianc\w*|sons?|daughters?|mum|mom|mam|dad|mother|father|"
    r"grand(?:ma|pa|mother|father|son|daughter)s?|gran|nan)\b",
    re.I,
)
_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.I)
# A partner named right after the relation: "your husband Mark".
_NAME_AFTER = re.compile(r" (?!I\b)[A-Z][a-z]+\b")
