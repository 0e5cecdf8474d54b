"""Stereotyping by origin: ethnicity, faith, language or region decided for the customer or generalised about."""

import re
from collections.abc import Iterator

from reviewer.models import Finding
from reviewer.rules._base import RuleInput, rule
from reviewer.rules._context import customer_names, mentions_category, said_stems, stated_text
from reviewer.rules._text import Lexicon, Scan, in_dash_signature
from reviewer.rules.lexicon import NATIONALITY, PROMO_RE
from reviewer.text import content_stems, same_word

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
    # the reader counted among a nation's people: "Like so many Filipino families abroad, you know every peso counts"
    rf"|\b(?:like|as with|as for) (?:so many|many|most|all|other|lots of|plenty of) (?:other )?(?:{NATIONALITY}) "
    r"(?:families|people|households|customers|mums|moms|dads|parents|women|men|folks?|students|workers|expats)\b"
    r"(?=[^.!?\n]{0,30}?,? you\b)"
    # a group of them said to be alike: "Our Polish members always bring the best food"
    rf"|\b(?:our|the) (?:{NATIONALITY}) (?:customers|students|members|clients|people|families|users|guests|"
    r"neighbou?rs|friends|players|mums|moms|dads|parents|folks?) "
    r"(?:always|never|all|tend to|love|know how to|really know)\b"
    # an origin read off the customer's name: "Since your surname is Vietnamese", "with a name like yours"
    r"|\byour (?:sur|last |family |first )?name (?:is|sounds|looks|suggests you(?:'re| are))(?: \w+)? "
    rf"(?:{NATIONALITY})\b"
    r"|\bwith (?:a|your) (?:sur|last |family )?name like (?:yours|that)\b"
    # people of the name generalised about: "names like yours are often linked to fraud"
    r"|\b(?:sur|last |family )?names like (?:yours|that) (?:are|tend|often|usually|can be)\b"
    # "Looking at your name, I've switched this chat to Spanish"
    r"|\b(?:looking at|going by|judging by|judging from|based on) your (?:sur|last |family |first )?name\b"
    rf"|\b(?:as|since|because) you(?:'re| are) (?:an? )?(?:(?:south|north|east|west)(?:ern)? )?(?:{NATIONALITY})\b"
    rf"|\bbeing (?:an? )?(?:(?:south|north|east|west)(?:ern)? )?(?:{NATIONALITY}),? you\b"
    # the customer handed to another language unasked, most often from the name: "I'll transfer you to a colleague
    # who speaks Vietnamese"
    r"|\b(?:transfer|put|connect|pass|rout|send|mov)\w* you (?:through |over |across )?to (?:a |an |our |the )?"
    rf"(?:[\w-]+ ){{0,2}}?(?:colleague|agent|adviser|advisor|specialist|team|desk|line|someone|person)s? "
    rf"(?:who speaks?|speaking|in) (?:{NATIONALITY})\b"
    # the reader addressed as one of a nation: "As a proud Irishwoman, you'll want a pint in hand by noon"
    rf"|\bas an? (?:proud |true |real |typical |good |fellow )?(?:{NATIONALITY})(?:wom[ae]n|m[ae]n)?(?=,? you\b)"
    # the reader as a local type: "As a proper Yorkshire lass, you'll know"
    r"|\bas an? (?:proud |proper |true |real |typical |born[- ]and[- ]bred )(?:[\w-]+ )?(?:lass|lad|gal|bloke|fella|"
    r"(?:country|city) (?:boy|girl))\b"
    rf"|\b(?:{NATIONALITY}) (?:families|households|people|folks?|customers|mums|moms|dads) like (?:yours?|you)\b"
    r"|\b(?:for|because of) (?:your )?(?:religious|cultural|faith) reasons\b"
    r"|\b(?:women|men|people|customers) of colou?r (?:are|often|tend|usually|love|prefer|find)\b"
    r"|\byour (?:native|indigenous|aboriginal|first nations|tribal|ancestral) (?:roots|heritage|ancestry|culture)\b"
    # heritage as a trait ("with that Irish blood"), faith or culture presumed ("customers of your faith")
    rf"|\b(?:that|your|those|the) (?:{NATIONALITY}) (?:blood|genes|dna|temper|charm|spirit|side)\b"
    # (not a question for it: "we'll also ask for your religion" is a data request, overreach's to judge)
    r"|\b(?:part of|in|from|of|(?<!ask )(?<!asks )(?<!asking )(?<!request )for|to|within|across) your "
    r"(?:culture|faith|religion|heritage|ancestry)\b"
    # a language presumed weak: "in case English is difficult for you"
    # worship presumed of the reader: "Heading to church on Sunday?", "a bite after Friday prayers"
    r"|\b(?:heading|going|off|on your way) to (?:church|mass|mosque|synagogue|temple|gurdwara|shul)\b"
    r"(?! (?:street|st|road|rd|lane|hall|square|car park|fete|fair|sale)\b)"
    r"|\b(?:after|before) (?:sunday |saturday |morning |evening )?(?:church|mass|friday prayers|sunday service|"
    r"shabbat services?)\b"
    r"|\benglish (?:is|might be|may be|could be|can be) (?:difficult|hard|tricky|a challenge|a struggle|confusing|"
    r"not easy) for you\b"
    r"|\b(?:if|in case|since|as) english (?:isn't|is not|may not be|might not be) your (?:first|native|main|strongest) "
    r"language\b"
    r"|\b(?:if|in case|since) you (?:don't|do not|can't|cannot) (?:speak|read|understand) (?:much |a lot of )?english\b"
    r"|\bin your (?:own )?(?:native|mother) (?:language|tongue)\b"
    # the agent's English turned down for them: "I'll keep my English nice and simple so it's easy for you"
    r"|\b(?:keep|use|write|speak|make) (?:my|our|the|this|it in) english (?:nice and |very |really |extra |super )?"
    r"(?:simple|easy|basic|slow|plain)\b|\b(?:simple|easy|basic|slow) english (?:for you|so you)\b"
    # the customer's speech held against them: "please speak slowly in proper English", "because of your accent"
    r"|\b(?:in|speak|speaking|use|using|try) proper english\b"
    r"|\b(?:your|such a|a|that) (?:strong|thick|heavy|regional|foreign|non-native) accent\b"
    r"|\b(?:because of|due to) your accent\b"
    # the customer's own name treated as foreign: "it's a lot easier to say than Oluwaseun", "quite a mouthful"
    r"|\b(?:easier|simpler|quicker) to (?:say|pronounce|spell|remember|type) than\b"
    r"|\b(?:your|that|such an?) (?:\w+ )?(?:name|surname)(?:'s| is)? (?:a bit of |quite |such |a real )?(?:a )?"
    r"(?:mouthful|tongue[- ]twister)\b"
    r"|\byour (?:\w+ )?(?:name|surname) is (?:a bit |quite |so |really |pretty )?(?:hard|difficult|tricky) to "
    r"(?:say|pronounce|spell)\b"
)
_STATED_IDENTITY = re.compile(
    r"faith|religio|church|mosque|temple|synagogue|gurdwara|muslim|hindu|sikh|jewish|christian|buddhist|culture|"
    r"heritage|"
    r"english|language|speak|interpreter|translat|"
    # a practice of a faith, told: "I wear hijab", "we keep kosher", "I observe Shabbat"
    r"hijab|niqab|kosher|halal|shabbat|sabbath|turban|kippah|yarmulke|\bpray",
    re.I,
)
_WORSHIP_WORDS = "church|mass|mosque|synagogue|temple|gurdwara|shul|prayers|service"
_WORSHIP = re.compile(rf"\b(?:{_WORSHIP_WORDS})\b", re.I)
# The customer's own words on faith, culture or language make those phrases theirs.
_OWN_FAITH_OR_LANGUAGE = re.compile(
    rf"faith|religio|culture|heritage|ancestry|english|language|tongue|{_WORSHIP_WORDS}", re.I
)


# A place given as the reason for a trait or a taste: "Since you're from Brazil, I bet you're a fantastic dancer",
# "You're in Wisconsin, so let's be honest: you can never have too much cheese".
_PLACE_AS_REASON = re.compile(
    r"\b(?i:(?:since|as|because|now that) you(?:'re|’re| are)|being|living|based|you(?:'re|’re| are)) "
    # (on an estate: "living on the Eastfield estate", not "on the Premium plan")
    r"(?i:from|in|on(?= the [A-Z][\w'’-]+(?: [A-Z][\w'’-]+)? (?i:estate)\b)) "
    r"(?:the )?(?P<place>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})(?: (?i:estate))?"
    # a trait told (3): "I bet you're...", "so... you can never have too much cheese", "so we know you don't..."
    r"(?:,? (?P<told>(?i:I bet|I'm sure|I’m sure|I imagine|I reckon|no doubt)\b"
    r"|(?i:so (?:we|I) (?:know|bet|reckon|imagine))\b"
    r"|(?i:so)\b[^.!?\n]{0,30}?\b(?i:you(?:'re|’re| are)? (?:can never|can't get enough|never|always|love|must)\b))"
    # a taste guessed (2): "you'll probably want the waterproof one", "you're clearly used to the finer things"
    r"|,? (?i:you(?:'re|’re| are|'ll|’ll| will)? "
    r"(?:probably|surely|obviously|clearly|naturally|must (?:be|love|know))\b))"
)
# A trait put on the people of a named place: "Customers in Hollow Creek tend to fall behind", "nobody in Kensington
# looks at price tags", "Households around Hollins Park tend to be watching every penny".
_PLACE_GROUP = re.compile(
    r"\b(?i:customers|people|folks|shoppers|households|families|residents|buyers|homeowners|renters|nobody|everyone|"
    r"everybody|no one|no-one) (?i:in|on|from|around|out in|up in|down in) (?:the )?"
    # the place, or places like it: "people in postcodes like NE4"
    r"(?:(?i:postcodes?|areas?|places|neighbou?rhoods?|towns|estates) like )?"
    r"(?P<place>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})(?: (?i:estate|area|postcode))? "
    r"(?:(?i:often|usually|always|really|all) )?"
    r"(?i:tend to|are (?:known|famous) for|famously|can't resist|can't get enough|never|struggle|fall behind|"
    r"get caught|end up|don't (?:look|care|mind|worry)|looks? at price)\b"
)


@rule("stereotyping.assumed_origin", fields=("body",))
def assumed_origin(inp: RuleInput) -> Iterator[Finding]:
    """Origin, ethnicity or faith decided for the customer, or generalised about: "your Caribbean favourites"."""
    stated = stated_text(inp.context)
    for m in inp.hits(_ORIGIN):
        said = [re.sub(r"(?:wo)?m[ae]n$", "", w) for w in re.findall(r"[a-z]+", inp.at(m).lower())]  # "irishwoman"
        words_ = [w for w in said if w in _NATIONALITY_WORDS]
        if words_ and all(w in stated for w in words_):
            continue  # the customer told us where they are from
        if not words_ and _OWN_FAITH_OR_LANGUAGE.search(inp.at(m)) and _STATED_IDENTITY.search(stated):
            continue  # "I'd like to hear about events for my faith": the customer raised it
        if _WORSHIP.search(inp.at(m)) and any(_WORSHIP.search(s.detail or "") for s in inp.context.observed_signals):
            continue  # "See you after Mass" to a phone seen at the church: watched, which is creepiness's to judge
        yield inp.finding(
            "stereotyping.assumed_origin",
            m.start(),
            m.end(),
            3,
            f"'{inp.at(m)}' decides the customer's origin or faith, or generalises about it; speak to what they "
            "told you instead.",
        )
    for group in _PLACE_GROUP.finditer(inp.text):
        yield inp.finding(
            "stereotyping.assumed_origin",
            group.start(),
            group.end(),
            3,
            f"'{group.group(0)}' puts a trait on the people of a place; speak to what this customer told you instead.",
        )
    for reason in _PLACE_AS_REASON.finditer(inp.text):
        if reason.group("place").lower()[:4] in stated:
            continue  # "you're in Leeds, so you'll know the Corn Exchange" to a customer who told us they live there
        yield inp.finding(
            "stereotyping.assumed_origin",
            reason.start(),
            reason.end(),
            3 if reason.group("told") else 2,
            f"'{reason.group(0)}' reads a trait or a taste off where the customer is from; speak to what they told you "
            "instead.",
        )


# Festivals and greetings that presume a religion, an origin or a language.
_CULTURE = Lexicon(
    r"\b(?P<festival>diwali|deepavali|holi|navratri|ramadan|ramzan|eid(?: mubarak| al-fitr| al-adha)?|iftar|suhoor|"
    r"hanukkah|chanukah|rosh hashanah|yom kippur|passover|purim|lunar new year|chinese new year|tet|tết|kwanzaa|"
    r"vaisakhi|baisakhi|hari raya|sallah|bakr?i? ?eid|pongal|onam|lohri|durga puja|ganesh chaturthi|raksha bandhan|"
    r"rakhi|karva chauth|chuseok|songkran|nowruz|"
    # the lunar year by its animal: "Ring in the Year of the Horse"
    r"year of the (?:rat|ox|tiger|rabbit|dragon|snake|horse|goat|sheep|monkey|rooster|dog|pig)|"
    # a festival's greeting in its language
    r"gong hei fat choy|kung hei fat choi|gung hay fat choy|gong xi fa cai|xin nian kuai le|chuc mung nam moi|"
    r"chag sameach|shana tovah?|ramadan kareem|eid saeed)\b"
    r"|\b(?P<greeting>hola|bonjour|namaste|salaam|salam|shalom|ni hao|konnichiwa|ciao|ol[áa]|merhaba|"
    r"as-?salaa?mu? alaykum|sat sri akal|xin ch[àa]o|annyeong|kumusta|mabuhay|vanakkam|kem cho|sannu|kedu|"
    r"bawo ni|jambo|habari|selamat pagi|dia dhuit|amigo|amiga|"
    # a faith's weekly greeting
    r"blessed sunday|shabbat shalom|jumm?ah? mubarak)\b"
)
# Where the Lunar New Year is a public holiday, so its greeting presumes nothing about the customer.
_LUNAR_NEW_YEAR_LOCALES = "|$sg|$my|$hk|$tw|$cn"
# What the customer must have said for each festival or greeting to be theirs; a faith's daily practice told says
# the faith ("we keep kosher", "halal only please", "I go to the gurdwara").
_JEWISH = "jewish|judaism|kosher|synagogue|shul"
_MUSLIM = "muslim|islam|halal|hijab|mosque"
_SIKH = "sikh|gurdwara"
_CULTURE_STATED = {
    "blessed sunday": "christian|church|faith|gospel|worship|god|jesus|pray|sunday service",
    "shabbat shalom": _JEWISH + "|shabbat|sabbath",
    "jumma": _MUSLIM + "|jumm?ah?",
    "diwali": "hindu|diwali|deepavali",
    "deepavali": "hindu|diwali|deepavali",
    "holi": "hindu|holi",
    "navratri": "hindu|navratri",
    "ramadan": _MUSLIM + "|ramadan|ramzan|eid|fast",
    "ramzan": _MUSLIM + "|ramadan|ramzan|eid|fast",
    "eid": _MUSLIM + "|ramadan|eid",
    "iftar": _MUSLIM + "|ramadan|iftar|fast",
    "suhoor": _MUSLIM + "|ramadan|suhoor|fast",
    "hanukkah": _JEWISH + "|hanukkah|chanukah",
    "chanukah": _JEWISH + "|hanukkah|chanukah",
    "rosh hashanah": _JEWISH + "|rosh hashanah",
    "yom kippur": _JEWISH + "|yom kippur",
    "passover": _JEWISH + "|passover|seder",
    "purim": _JEWISH + "|purim",
    "lunar new year": "lunar new year|chinese new year|tet|tết|seollal" + _LUNAR_NEW_YEAR_LOCALES,
    "year of the": "lunar new year|chinese new year|tet|tết|seollal|year of the" + _LUNAR_NEW_YEAR_LOCALES,
    "chinese new year": "lunar new year|chinese new year" + _LUNAR_NEW_YEAR_LOCALES,
    "tet": "lunar new year|tet|tết|vietnam",
    "tết": "lunar new year|tet|tết|vietnam",
    "kwanzaa": "kwanzaa",
    "vaisakhi": _SIKH + "|vaisakhi|baisakhi",
    "baisakhi": _SIKH + "|vaisakhi|baisakhi",
    "hari raya": _MUSLIM + "|hari raya|eid|raya|malay|$my|$sg|$id|$bn",
    "sallah": _MUSLIM + "|sallah|eid",
    "bakr": _MUSLIM + "|eid|bakrid",
    "pongal": "tamil|pongal",
    "onam": "malayali|kerala|onam",
    "lohri": "punjabi|sikh|lohri",
    "durga puja": "hindu|bengali|durga puja",
    "ganesh chaturthi": "hindu|ganesh",
    "raksha bandhan": "hindu|rakhi|raksha bandhan",
    "rakhi": "hindu|rakhi|raksha bandhan",
    "karva chauth": "hindu|karva chauth",
    "chuseok": "korean|chuseok|^ko",
    "songkran": "thai|songkran|^th|$th",
    "nowruz": "persian|iranian|farsi|kurdish|afghan|nowruz|^fa",
    "hola": "spanish|español|espanol|^es|$mx|$es|$ar|$co|$cl|$pe",
    "bonjour": "french|français|francais|^fr|$fr|$be",
    "namaste": "hindi|hindu|diwali|deepavali|holi|navratri|^hi|$in|$np",
    "salaam": "arabic|urdu|farsi|persian|muslim|islam|ramadan|eid|^ar|^ur|^fa",
    "salam": "arabic|urdu|farsi|persian|muslim|islam|ramadan|eid|^ar|^ur|^fa",
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
    "kumusta": "filipino|tagalog|^tl|^fil|$ph",
    "mabuhay": "filipino|tagalog|^tl|^fil|$ph",
    "vanakkam": "tamil|^ta",
    "kem cho": "gujarati|^gu",
    "sannu": "hausa|^ha",
    "kedu": "igbo|^ig",
    "bawo ni": "yoruba|^yo",
    "jambo": "swahili|^sw|$ke|$tz",
    "habari": "swahili|^sw|$ke|$tz",
    "selamat pagi": "malay|indonesian|^ms|^id|$my|$id|$sg|$bn",
    "dia dhuit": "irish|gaelic|^ga|$ie",
    "amigo": "spanish|español|espanol|^es|$mx|$es|$ar|$co|$cl|$pe",
    "amiga": "spanish|español|espanol|^es|$mx|$es|$ar|$co|$cl|$pe",
    "gong hei fat choy": "chinese|cantonese|lunar new year|^zh" + _LUNAR_NEW_YEAR_LOCALES,
    "kung hei fat choi": "chinese|cantonese|lunar new year|^zh" + _LUNAR_NEW_YEAR_LOCALES,
    "gung hay fat choy": "chinese|cantonese|lunar new year|^zh" + _LUNAR_NEW_YEAR_LOCALES,
    "gong xi fa cai": "chinese|mandarin|lunar new year|^zh" + _LUNAR_NEW_YEAR_LOCALES,
    "xin nian kuai le": "chinese|mandarin|lunar new year|^zh" + _LUNAR_NEW_YEAR_LOCALES,
    "chuc mung nam moi": "vietnamese|tet|^vi",
    "chag sameach": _JEWISH + "|hebrew|^he",
    "shana tova": _JEWISH + "|rosh hashanah|hebrew|^he",
    "ramadan kareem": _MUSLIM + "|ramadan|arabic|^ar",
    "eid saeed": _MUSLIM + "|eid|arabic|^ar",
}
_EVERYONE = Lexicon(
    r"\b(?:(?:all|everyone|everybody|those|anyone)(?: of you| in [\w'’ -]{1,30}?)? "
    r"(?:who(?:'s| is| are)?|that(?:'s| is| are)?) "
    r"(?:celebrat|observ|marking)\w*|if you(?:'re| are)? (?:celebrat|observ|fasting|taking part)\w*|"
    r"whatever you(?:'re)? celebrat\w*|"
    # an open invitation: "everyone is welcome, whether you're fasting or just fancy meeting the people on your street"
    r"whether you(?:'re| are) (?:fasting|celebrating|observing)\w*|"
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
    r"|\byou(?:'ll| will|'re| are) (?:be )?(?:celebrating|observing|fasting|preparing|hosting)\b"
    r"|\bas an? (?:\w+ )?(?:household|family)\b|\byour (?:diwali|eid|ramadan|hanukkah|passover|lunar new year|"
    r"vaisakhi|christmas|easter)\b|\bfeel right at home\b"
    # the festival as the family's own: "the biggest week of your family's year", "your family's table"
    r"|\byour (?:family|household)(?:'s|’s)? (?:\w+ )?(?:year|holidays?|festival|table|feast|gatherings?)\b"
)
# The message says it was chosen for this customer: "We picked them just for you".
_PICKED_FOR_YOU = Lexicon(
    r"\b(?:picked|chosen|selected|hand-?picked)(?: (?:them|these|it|this|out))? (?:just|especially|specially|"
    r"personally) for you\b"
    # the goods made up for the customer: "we've put together a Diwali edit just for you"
    r"|\b(?:put together|curated|created|made up|built|assembled)(?: [\w'’-]+){0,4}? (?:just|especially|specially|"
    r"personally) for you\b"
)
_TO_A_PERSON = re.compile(r"(?:\s+(?i:mubarak|kareem|sameach|to you))?,\s*[A-Z][a-z]+\s*[!,.]")
_ORIGIN_GUESS = re.compile(
    rf"\b(?:origin|heritage|ethnic\w*|nationality|surname|name[- ]origin|{NATIONALITY}|muslim|hindu|sikh|jewish|"
    r"christian|buddhist)\b",
    re.I,
)


# A sign-off line's end, a word or two after the greeting allowed: "Ciao for now,", "Namaste, friends,".
_LINE_END = re.compile(r"(?:,? [\w'’]+){0,3}[,!.]?[ \t]*\n")

# Function words that mark a message as written in a language; English words are counted against it, so a bilingual
# menu ("For English, press 1. Para español, oprima 2.") is not taken for Spanish copy.
_FUNCTION_WORDS = {
    "en": "the and to of you your for with is on in our we this it are be at by",
    "es": "el la los las que por para con su sus tu del una hola gracias hoy nuestra nuestro nuestras nuestros "
    "usted le te y en es se al lo",
    "fr": "le la les des et pour avec une est votre vous nous merci du au aux ce cette sur",
    "de": "der die das und mit für ist ihr ihre wir sie nicht bis heute danke ein eine den dem zu auf",
    "pt": "os as que em para com uma seu sua você obrigado hoje até não do da dos das no na",
    "it": "il lo gli della che per con una sono tuo tua vostro grazie oggi non del al ti ci",
}
_FUNCTION_SETS = {lang: set(line.split()) for lang, line in _FUNCTION_WORDS.items()}
# What a customer says, or a locale holds, when that language is theirs.
_LANGUAGE_STATED = {
    "es": _CULTURE_STATED["hola"],
    "fr": _CULTURE_STATED["bonjour"],
    "pt": _CULTURE_STATED["olá"],
    "it": _CULTURE_STATED["ciao"],
    "de": "german|deutsch|^de|$de|$at|$ch",
}


def written_in(text: str) -> str | None:
    """The language a message is written in, where it is plainly not English.

    A fifth of its words are that language's function words, and hardly any are English ones. None for English,
    or for a text too short to tell.
    """
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 6:
        return None
    share = {lang: sum(w in vocab for w in words) / len(words) for lang, vocab in _FUNCTION_SETS.items()}
    best = max((lang for lang in share if lang != "en"), key=share.__getitem__)
    return best if share[best] >= 0.2 and share["en"] < 0.08 else None


def _holds(cues: str, locale: str, stated: str) -> bool:
    """Whether the customer said a cue, or their locale holds one (``^es``: its language, ``$in``: its country)."""
    return any(
        (cue.startswith("^") and locale.startswith(cue[1:]))
        or (cue.startswith("$") and locale.endswith("-" + cue[1:]))
        or (cue[0] not in "^$" and cue in stated)
        for cue in cues.split("|")
    )


def _signs_off(text: str, start: int, end: int) -> bool:
    """The greeting is the message's sign-off: a line of its own near the end, after the body."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == 0 or text[line_start:start].strip() or not _LINE_END.match(text, end):
        return False
    rest = text[end:]
    return len(rest.split()) <= 40 and sum(1 for line in rest.splitlines() if line.strip()) <= 4


_YOUR_ORDER = re.compile(
    r"\b(?:order|booking) (?:#|no\.? ?|number )?[A-Z0-9-]*\d[A-Z0-9-]*\b[^.!?\n]{0,60}\b(?:has been|is|was) "
    r"(?:packed|shipped|dispatched|confirmed|on its way|out for delivery|delivered|ready|left (?:at|with|in)|"
    r"collected)\b"
    r"|\b(?:packed|shipped|dispatched|delivered) (?:and handed|to|on|today|yesterday)\b"
    # the order named by what is in it: "Your Passover order (2 boxes matzah, ...) is ready to collect"
    r"|\byour (?:[\w'’-]+ ){0,3}(?:order|booking|hamper|box|delivery)\b[^.!?\n]{0,80}?\b(?:has been|is|was|are) "
    r"(?:packed|shipped|dispatched|confirmed|on its way|out for delivery|delivered|ready)\b"
    # the order the customer placed: "a problem with the card you used for your Vaisakhi order"
    r"|\byou (?:used|paid|placed|ordered)\b[^.!?\n]{0,30}\byour (?:[\w'’-]+ ){0,3}order\b",
    re.I,
)


# A greeting word inside a name, seen from around it ("\0" marks the word): "at Beth Shalom" (a capitalised word just
# before), "Pete, Ola and Ray" (a list of names).
_IN_A_NAME = re.compile(
    r"(?<=[a-z] )[A-Z][a-z]+ \0"  # a capitalised word mid-sentence before it: "at Beth Shalom"
    r"|\b[A-Z][a-z]+, \0(?:,| (?:and|&|or) [A-Z])"  # "Pete, Ola and Ray"
    r"|(?:,| and| &) \0(?: and|,)? [A-Z][a-z]+\b"
)


# Festivals a customer may say are not theirs, and their words for it: "I don't celebrate Christmas", "we're Jewish -
# no Christmas promotions please".
_FESTIVAL = (
    r"(?:christmas|xmas|easter|hallowe'?en|thanksgiving|diwali|eid|ramadan|hanukkah|chanukah|passover|lunar new year|"
    r"chinese new year|valentine'?s(?: day)?|mother'?s day|father'?s day)"
)
_NOT_KEPT = re.compile(
    r"\b(?:don'?t|do not|doesn'?t|does not|never|no longer|won'?t be|aren'?t|are not|am not|not) "
    rf"(?:celebrat\w*|keep|mark|observe|do) (?P<festival>{_FESTIVAL})\b",
    re.I,
)
_FAITH_SAID = re.compile(
    r"\b(?:we'?re|i'?m|we are|i am|as an?|our family is|my family is) (?:\w+ )?(?:jewish|muslim|hindu|sikh|buddhist|"
    r"jehovah'?s witness(?:es)?|atheists?|humanists?|pagan)\b",
    re.I,
)
_NO_FESTIVAL = re.compile(rf"\b(?:no|not|without|skip|leave out) (?:\w+ )?(?P<festival>{_FESTIVAL})\b", re.I)


def _disowned(inp: RuleInput) -> Iterator[Finding]:
    """A festival the customer said is not theirs, put to them as their own: "your family's Christmas"."""
    disowned: dict[str, str] = {}
    for pref in inp.context.stated_preferences:
        said = [*_NOT_KEPT.finditer(pref), *(_NO_FESTIVAL.finditer(pref) if _FAITH_SAID.search(pref) else [])]
        for m in said:
            disowned.setdefault(m.group("festival").lower().replace("xmas", "christmas"), pref.strip())
    for festival, pref in disowned.items():
        theirs = re.compile(
            rf"\byour (?:family'?s |household'?s |own |first )?{re.escape(festival)}\b"
            rf"|\byou(?:'ll| will|'re| are) (?:be )?(?:celebrating|hosting|decorating for) {re.escape(festival)}\b",
            re.I,
        )
        for m in theirs.finditer(inp.text):
            yield inp.finding(
                "stereotyping.assumed_culture",
                m.start(),
                m.end(),
                2,
                f"'{inp.at(m)}' puts {festival.title()} to the customer as theirs, and they told you it is not "
                f"('{pref}'). Leave the festival out for them.",
            )


@rule("stereotyping.assumed_culture")
def assumed_culture(inp: RuleInput) -> Iterator[Finding]:
    """A festival, religion or language picked for the customer (from a surname, a region) that they never stated."""
    yield from _disowned(inp)
    hits = inp.hits(_CULTURE)
    if (not hits and not inp.context.locale) or Scan(f"{inp.message.subject or ''}\n{inp.message.body}").hits(
        _EVERYONE
    ):
        return  # an inclusive seasonal greeting (in the subject or the body) presumes nothing about this customer
    stated = stated_text(inp.context)
    locale = (inp.context.locale or "").lower()
    language = written_in(inp.text) if inp.field == "body" else None
    if (
        language
        and locale
        and not locale.startswith(language)
        and not _holds(_LANGUAGE_STATED[language], locale, stated)
    ):
        # the whole message in a language the customer never asked for, most often picked from the surname
        start, end = inp.sentences.spans[0]
        yield inp.finding(
            "stereotyping.assumed_culture",
            start,
            end,
            3,
            f"The message is written in a language other than the customer's ({inp.context.locale}) that they never "
            "asked for (a guess from a name or a region). Write in their language unless they chose another.",
        )
        return
    guessed = any(
        mentions_category(c, f"{a.attribute} {a.source or ''}")
        for a in inp.context.inferred_attributes
        for c in ("religion", "ethnicity")
    ) or any(_ORIGIN_GUESS.search(f"{a.attribute} {a.source or ''}") for a in inp.context.inferred_attributes)
    name = inp.context.name
    names = {n.lower() for n in (name.first, name.preferred) if n} if name else set()
    # an order notice that sells nothing names what the customer ordered, festival goods included
    whole = f"{inp.message.subject or ''}\n{inp.message.body}"
    own_order = (
        any(m.group("festival") for m in hits) and bool(_YOUR_ORDER.search(whole)) and not Scan(whole).hits(PROMO_RE)
    )
    seen: set[str] = set()
    picked = inp.first(_PICKED_FOR_YOU)  # "We picked them just for you": the festival chosen for this customer
    picked_said = False  # that sentence is flagged once, whatever festivals it goes with
    festivals = [h for h in hits if h.group("festival")]
    for m in hits:
        if m.group("festival") and inp.in_sentence(_OPERATIONS, m.start()):
            continue
        here = inp.sentences.around(m.start())
        if m.group("festival") and sum(inp.sentences.around(h.start()) == here for h in festivals) >= 2:
            continue  # "Eid, Diwali, Christmas or just a cold Tuesday": a list of festivals is for everyone
        word = inp.at(m).lower()
        if word in names or in_dash_signature(inp.text, m.start()):
            continue  # "Hi Ola": the customer's name; "... in the app. — Ola, Kestrel Air": the agent's, not a greeting
        if m.group("greeting") and _signs_off(inp.text, m.start(), m.end()):
            continue  # "Namaste,\nThe Harbor Yoga team": the brand's own sign-off to everyone it writes to
        if m.group("greeting") and _IN_A_NAME.search(
            inp.text[max(0, m.start() - 30) : m.start()] + "\0" + inp.text[m.end() : m.end() + 30]
        ):
            continue  # "Pete, Ola and Ray read every comment", "Beth Shalom": part of a name, not a greeting
        key = next((k for k in _CULTURE_STATED if word.startswith(k)), word)
        if key in seen:
            continue
        seen.add(key)
        # "Namaste" in en-IN is everyday: the locale's country counts as saying so
        if _holds(f"{_CULTURE_STATED.get(key, key)}|{key}", locale, stated):
            continue
        # A festival campaign sent to the whole list presumes nothing; it does when the context holds a guess
        # about the customer's faith or origin, or the message claims the festival as theirs ("your Diwali").
        addressed = _TO_A_PERSON.match(inp.text, m.end()) is not None  # "Happy Diwali, Priya!"
        if m.group("festival") and not (guessed or addressed or picked or inp.in_sentence(_THEIRS, m.start())):
            continue
        if m.group("festival") and own_order:
            continue  # "your Diwali hamper (order #DH-30418) has been packed": what the customer ordered
        kind = "a language" if m.group("greeting") else "a religion or heritage"
        yield inp.finding(
            "stereotyping.assumed_culture",
            m.start(),
            m.end(),
            3,
            f"'{inp.at(m)}' presumes {kind} the customer never told you about (a guess from a name or a region). "
            "Use it only for customers who said so.",
        )
        if m.group("festival") and picked is not None and not (guessed or addressed or picked_said):
            picked_said = True
            yield inp.sentence_finding(
                "stereotyping.assumed_culture",
                picked.start(),
                2,
                f"'{inp.at(picked)}' says the {inp.at(m)} goods were chosen for this customer: a guess about their "
                "faith or origin. Offer the festival to everyone, or to those who said it is theirs.",
            )


# What people from the customer's region are called: "Texan" for Texas, "Londoner" for London.
_DEMONYM_ENDINGS = (
    "ans",
    "an",
    "ians",
    "ian",
    "ers",
    "er",
    "ites",
    "ite",
    "ese",
    "ish",
    "i",
    "men",
    "man",
    "women",
    "woman",
)
_DEMONYM_USE = re.compile(
    r"\b(?P<cue>(?i:hey|hi|hiya|hello|howdy|g'?day|yo|oi|oy|ey up|calling all|attention|every|all|real|true|no real|"
    r"as an?|fellow|you|like an?|nobody|no one|typical|a proper|proper|a true|a real|being an?|how many))[,!]?\s+"
    r"(?P<word>[A-Z][a-z]{3,})\b"
)

_DEMONYM_VOCATIVE = re.compile(
    r"(?<=, )(?P<word>[A-Z][a-z]{3,})(?=\s*(?:[!.?:;—–]|$))|(?:^|(?<=[.!?] ))(?P<lead>[A-Z][a-z]{3,})(?=, )", re.M
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
    "canuck": "canada",
    "canucks": "canada",
    "yank": "america",
    "yanks": "america",
    "joburger": "johannesburg",
    "joburgers": "johannesburg",
    "capetonian": "cape town",
    "capetonians": "cape town",
    "sydneysider": "sydney",
    "sydneysiders": "sydney",
    "melburnian": "melbourne",
    "melburnians": "melbourne",
    "liverpudlian": "liverpool",
    "liverpudlians": "liverpool",
    "novocastrian": "newcastle",
    "novocastrians": "newcastle",
    "angeleno": "los angeles",
    "angelenos": "los angeles",
    "torontonian": "toronto",
    "torontonians": "toronto",
    "mumbaikar": "mumbai",
    "mumbaikars": "mumbai",
    "weegie": "glasgow",
    "weegies": "glasgow",
    "newfie": "newfoundland",
    "newfies": "newfoundland",
    "yinzer": "pittsburgh",
    "yinzers": "pittsburgh",
    "okie": "oklahoma",
    "okies": "oklahoma",
}


# Postal codes of US states, Canadian provinces and Australian states, as regions are often written ("Austin, TX").
_REGION_CODES = {
    "al": "alabama", "ak": "alaska", "az": "arizona", "ar": "arkansas", "ca": "california", "co": "colorado",
    "ct": "connecticut", "de": "delaware", "fl": "florida", "ga": "georgia", "hi": "hawaii", "id": "idaho",
    "il": "illinois", "in": "indiana", "ia": "iowa", "ks": "kansas", "ky": "kentucky", "la": "louisiana",
    "me": "maine", "md": "maryland", "ma": "massachusetts", "mi": "michigan", "mn": "minnesota",
    "ms": "mississippi", "mo": "missouri", "mt": "montana", "ne": "nebraska", "nv": "nevada",
    "nh": "new hampshire", "nj": "new jersey", "nm": "new mexico", "ny": "new york", "nc": "north carolina",
    "nd": "north dakota", "oh": "ohio", "ok": "oklahoma", "or": "oregon", "pa": "pennsylvania",
    "ri": "rhode island", "sc": "south carolina", "sd": "south dakota", "tn": "tennessee", "tx": "texas",
    "ut": "utah", "vt": "vermont", "va": "virginia", "wa": "washington", "wv": "west virginia",
    "wi": "wisconsin", "wy": "wyoming", "ab": "alberta", "bc": "british columbia", "mb": "manitoba",
    "nb": "new brunswick", "nl": "newfoundland", "ns": "nova scotia", "on": "ontario", "pe": "prince edward island",
    "qc": "quebec", "sk": "saskatchewan", "nsw": "new south wales", "qld": "queensland", "vic": "victoria",
    "tas": "tasmania",
}  # fmt: skip


def _demonym_of(word: str, region: str) -> bool:
    """Whether ``word`` names people from ``region`` or any part of it ("Austin, TX": Austinites and Texans)."""
    parts = [part.strip() for part in region.lower().split(",")]
    parts += [part.rsplit(" ", 1)[1] for part in parts if " " in part]  # "Brisbane QLD"
    return any(_names_people_of(word.lower(), _REGION_CODES.get(part, part)) for part in parts)


def _names_people_of(w: str, r: str) -> bool:
    """Whether ``w`` names people from place ``r`` (same stem, a demonym ending, or a known nickname)."""
    if w in _NICKNAMES:
        return r.startswith(_NICKNAMES[w]) or _NICKNAMES[w] in r
    if len(r) < 4 or w == r:
        return False
    stems = [w[: -len(e)] for e in _DEMONYM_ENDINGS if w.endswith(e) and len(w) - len(e) >= 3]
    return any(r.startswith(stem) for stem in stems)  # "Kerryman": "kerry" (by -man), not "kerrym" (by -an)


def _told_us_of(region: str, said: str) -> bool:
    """The customer's own words name the region or a part of it ("Houston, TX"), or call them its people ("Texan")."""
    parts = [_REGION_CODES.get(part.strip().lower(), part.strip().lower()) for part in region.split(",")]
    if any(re.search(rf"\b{re.escape(part[:4])}", said) for part in parts if len(part) >= 4):
        return True
    return any(_demonym_of(word, region) for word in set(re.findall(r"[a-z]{4,}", said)))


_ONLY_ADDRESSES = frozenset(
    ("hey", "hi", "hiya", "hello", "howdy", "g'day", "gday", "yo", "oi", "oy", "ey up", "attention", "you")
)
# The country a locale names ("en-NZ"): its people are a type too ("Hey Kiwi!", "as a fellow Canuck").
_LOCALE_COUNTRIES = {
    "au": "australia", "ca": "canada", "gb": "britain", "uk": "britain", "ie": "ireland", "in": "india",
    "nz": "new zealand", "us": "america", "za": "south africa", "sg": "singapore", "it": "italy",
    "fr": "france", "de": "germany", "es": "spain", "pt": "portugal", "nl": "netherlands", "se": "sweden",
    "pl": "poland", "gr": "greece", "tr": "turkey", "ru": "russia", "ua": "ukraine", "ro": "romania",
    "mx": "mexico", "br": "brazil", "ar": "argentina", "co": "colombia", "jp": "japan", "cn": "china",
    "kr": "korea", "ph": "philippines", "vn": "vietnam", "my": "malaysia", "pk": "pakistan",
    "bd": "bangladesh", "ng": "nigeria", "ke": "kenya", "gh": "ghana", "eg": "egypt", "jm": "jamaica",
}  # fmt: skip
# The place itself greeted as a person: "Howdy, Texas! 🤠", "Hey Yorkshire, we know...", "Fire up the smoker, Texas 🔥"
# (a news greeting to a city, "Good news, Denver: our store reopens", is not one).
_PLACE_GREETING = r"(?i:hey|hiya|howdy|yo|oi|oy|g'?day|ey up|listen up|calling all)[,!]?\s+"
_AFTER_VOCATIVE = r"(?=\s*(?:[!?,:]|[^\w\s,.'\"’()&-]))"
# What the people of a state, province or city are called: greeting the customer as one ("Hey Texan") types them by
# a place even where the region on file is a city of it ("Austin").
_PLACE_PEOPLE = frozenset(
    "texan californian floridian alabamian arizonan arkansan coloradan oklahoman tennessean kentuckian virginian "
    "carolinian bostonian chicagoan angeleno minnesotan michigander hoosier jerseyan ohioan iowan kansan nebraskan "
    "nevadan oregonian washingtonian alaskan louisianan louisianian mississippian missourian vermonter mainer "
    "wisconsinite utahn idahoan montanan dakotan wyomingite delawarean marylander pennsylvanian philadelphian "
    "southerner northerner midwesterner londoner mancunian liverpudlian scouser geordie brummie glaswegian "
    "yorkshireman yorkshirewoman cockney mackem bristolian cornishman albertan quebecer quebecker ontarian "
    "newfoundlander torontonian vancouverite montrealer manitoban queenslander tasmanian sydneysider melburnian "
    "territorian dubliner corkonian kerryman".split()
)
# The place's people generalised where it is named ("we know folks in Mississippi are in church every Sunday") or
# only pointed at ("down here, everybody lives for Saturday football").
_TRAIT = (
    r"(?:\w+ )?(?:lives? for|loves?|knows?|swears? by|can'?t (?:get enough|resist|live without|do without)|"
    r"goes (?:crazy|mad|wild|nuts) for|go (?:crazy|mad|wild|nuts) for|(?:is|are) (?:in church|mad about|crazy about|"
    r"obsessed|big on|all about|always|never|usually|basically|one (?:[\w-]+ ){1,2}away from))\b"
)
_OUR_PARTS = re.compile(
    r"\b(?:down|up|out|over|round|around|back) (?:here|there|your way|that way),? (?:everybody|everyone|folks|"
    rf"people|we all|y'?all|you all) {_TRAIT}"
    r"|\b(?:everybody|everyone|folks|people|y'?all|you all) (?:down|up|out|over|round|around|back) (?:here|there|"
    rf"your way|that way) {_TRAIT}",
    re.I,
)


# A clause that ends by naming the place as the one it speaks to ("Fire up the smoker, Texas"), not as news to a city
# ("Good news, Denver"), weather ("Brr, Winnipeg!") or an address ("Dallas, Texas").
_CALLED_AFTER = re.compile(
    r"^(?!(?i:(?:good|great|big|some|breaking) news|heads up|attention|reminder|update|alert|hello|hi|welcome|thanks|"
    r"thank you|morning|evening|good (?:morning|evening|afternoon|night)|brr+)\b)"
    r"\S+(?: \S+)+ [^\sA-Z]\S*$"  # three words or more, the last not a name ("Dallas, Texas")
)


# News of the brand's own place there, which greets the city it is in: "Hey Chicago! Our Wicker Park store hosts...".
_LOCAL_BRANCH = re.compile(
    r"\bour (?:[\w'’-]+ ){0,3}(?:stores?|shops?|branch(?:es)?|showrooms?|studios?|cafés?|cafes?|gyms?|clubs?|"
    r"restaurants?|locations?)\b",
    re.I,
)


def _around(inp: RuleInput, m: re.Match[str]) -> str:
    """The sentence a match sits in and the one after it: what a greeting to a place is selling."""
    spans = inp.sentences.spans
    if not spans:
        return inp.text
    i = inp.sentences.index(m.start())
    return inp.text[spans[i][0] : spans[min(i + 1, len(spans) - 1)][1]]


def _typed_by_country(inp: RuleInput, country: str) -> Iterator[Finding]:
    """The customer called one of the locale's country's people: "Hey Kiwi! Missing home?", "as a fellow Canuck"."""
    region = inp.context.region or ""
    names = customer_names(inp.context)
    for m in _DEMONYM_USE.finditer(inp.text):
        word = m.group("word").lower()
        if word in names or not _names_people_of(word, country) or (region and _demonym_of(word, region)):
            continue
        if word not in _NICKNAMES and re.match(r" [a-z]", inp.text[m.end() : m.end() + 2], re.I):
            continue  # an adjective, not a person: "all British berries", "as a British Gas customer"
        yield inp.finding(
            "stereotyping.regional",
            m.start(),
            m.end(),
            2 if m.group("cue").lower() in _ONLY_ADDRESSES else 3,
            f"'{m.group(0)}' treats the customer as a type from the country of their locale ({country}); "
            "speak to what they told you instead.",
        )


# A dialect put on for the region on file: "Och, it's baltic oot there!" to Glasgow, "Ey up!" to Leeds, "Saddle up,
# partner" to Texas. Each marker with the places it mimics (a city, a state or its postal code, a nation).
_DIALECTS: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (
        re.compile(
            r"\b(?:och|oot|aboot|dinnae|cannae|wouldnae|didnae|braw|bairns?|the noo|"
            r"nae (?:bother|danger|worries)|it'?s (?:pure )?baltic)\b",
            re.I,
        ),
        re.compile(
            r"\b(?:scotland|scottish|glasgow|edinburgh|aberdeen|dundee|inverness|stirling|perth|fife|paisley|highlands?)\b",
            re.I,
        ),
    ),
    (
        re.compile(r"\b(?:ey up|eh up|nowt|appen|tha knows|by 'eck)\b", re.I),
        re.compile(
            r"\b(?:yorkshire|leeds|sheffield|bradford|(?<!new )york|hull|wakefield|huddersfield|barnsley|doncaster|"
            r"halifax|harrogate|rotherham)\b",
            re.I,
        ),
    ),
    (
        re.compile(r"\b(?:howay|why aye|hinny|canny good)\b", re.I),
        re.compile(r"\b(?:newcastle|tyneside|gateshead|sunderland|durham|northumberland)\b", re.I),
    ),
    (
        re.compile(
            r"\b(?:yee-?haw|saddle up|giddy-? ?up|fixin'? to|bless your heart|howdy,? partner)\b"
            r"|(?<=, )partner\b(?=\s*[!.:,?])|\bdust off (?:your|those|them) (?:cowboy )?boots\b",
            re.I,
        ),
        re.compile(
            r"\b(?:texas|dallas|houston|austin|san antonio|fort worth|el paso|oklahoma|tennessee|nashville|"
            r"alabama|arkansas|louisiana|mississippi|kentucky|wyoming|montana)\b",
            re.I,
        ),
    ),
    (
        re.compile(r"\btop o'? the mornin\w*|\bbegorr?ah?\b|\bto be sure,? to be sure\b", re.I),
        re.compile(r"\b(?:ireland|irish|dublin|cork|galway|limerick|belfast|kerry|en-ie)\b", re.I),
    ),
    (
        re.compile(r"\b(?:you betcha|don'?cha know|oh,? ya)\b|\buff da\b", re.I),
        re.compile(
            r"\b(?:minnesota|mn|minneapolis|st\.? paul|duluth|rochester|wisconsin|wi|fargo|north dakota)\b", re.I
        ),
    ),
    (
        re.compile(r"\b(?:ey la|calm down,? calm down|la'|our kid|boss la|sound la)\b", re.I),
        re.compile(r"\b(?:liverpool|merseyside|birkenhead|bootle|wirral)\b", re.I),
    ),
    (
        # the tourist-ad cliché, not the everyday "G'day" an Australian brand writes to everyone
        re.compile(r"\bshrimp on the barbie\b", re.I),
        re.compile(r"\b(?:australia|sydney|melbourne|brisbane|perth|adelaide|hobart|darwin|canberra|en-au)\b", re.I),
    ),
]


def _told_around(inp: RuleInput, m: re.Match[str], said: set[str]) -> bool:
    """The taste sold around a match is one the customer told us about (``said``, their stems)."""
    return any(same_word(a, b) for a in content_stems(_around(inp, m)) for b in said)


def _put_on_dialect(inp: RuleInput, stated: str) -> Iterator[re.Match[str]]:
    """Dialect markers of the place on file (or the locale's country), in marketing copy the customer never wrote so.

    A chat reply or a call is an agent's own voice ("Aye, nae bother, Kirsty"); a taste the customer told us about
    around the marker keeps it a greeting.
    """
    if inp.message.channel in ("chat", "ivr"):
        return
    city, *parts = (inp.context.region or "").lower().split(",")  # "Tulsa, OK": a state code after the comma
    home = " ".join([city, *(_REGION_CODES.get(part.strip(), part) for part in parts), inp.context.locale or ""])
    said = said_stems(inp.context, generic=True)
    for marker, places in _DIALECTS:
        if not places.search(home):
            continue
        for m in marker.finditer(inp.text):
            if marker.search(stated) or _told_around(inp, m, said):
                continue
            yield m


_PEOPLE_ARE = re.compile(
    r"\b(?P<word>[A-Z][a-z]{3,}) (?:are|tend to be) (?:all |always )?(?:famously|notoriously|naturally|"
    r"known (?:for|to be)|born)\b"
)


@rule("stereotyping.regional")
def regional(inp: RuleInput) -> Iterator[Finding]:
    """Addressing or generalising about the customer by the region on file: "Hey Texan", "every Londoner knows"."""
    stated = stated_text(inp.context)
    country = _LOCALE_COUNTRIES.get((inp.context.locale or "").lower().rpartition("-")[2])
    if country and not _told_us_of(country, stated):
        yield from _typed_by_country(inp, country)
    for m in _put_on_dialect(inp, stated):
        yield inp.finding(
            "stereotyping.regional",
            m.start(),
            m.end(),
            2,
            f"'{m.group(0)}' puts on the dialect of the place on file; write in the brand's own voice.",
        )
    region = inp.context.region
    # the region's people given a trait, which living there does not agree to: "Scousers are famously chatty"
    names = customer_names(inp.context)
    for m in _PEOPLE_ARE.finditer(inp.text):
        if region and _demonym_of(m.group("word"), region) and m.group("word").lower() not in names:
            yield inp.finding(
                "stereotyping.regional",
                m.start(),
                m.end(),
                3,
                f"'{m.group(0)}' gives the people of the customer's region ({region}) a trait; speak to what they told "
                "you instead.",
            )
    if not region or _told_us_of(region, stated):
        return  # no region, or the customer told us about it themselves
    place = re.escape(region.split(",")[0].strip())
    places = "|".join(re.escape(part.strip()) for part in region.split(",") if part.strip())
    typed = [
        (m, 3)
        for m in re.finditer(
            rf"\b(?:a |an )?(?:proper|real|true|typical|born and bred) {place} (?:lass|lad|girl|boy|man|woman|bloke|"
            r"gent|lady|gal|guy|folk|family)s?\b",
            inp.text,
            re.I,
        )
    ]
    # the customer's own name is no demonym: "Hi Johan" to a customer in Johannesburg
    said = said_stems(inp.context, generic=True)

    typed += [
        # "every Texan" generalises (3); "hey Texan" addresses (2), and for a taste they told us of only nods (1)
        (m, 3 if m.group("cue").lower() not in _ONLY_ADDRESSES else 1 if _told_around(inp, m, said) else 2)
        for m in _DEMONYM_USE.finditer(inp.text)
        if (
            _demonym_of(m.group("word"), region)
            or (m.group("cue").lower() in _ONLY_ADDRESSES and m.group("word").lower() in _PLACE_PEOPLE)
        )
        and m.group("word").lower() not in names
    ]
    # a taste or need predicted from the place: "being in Glasgow, you'll probably want the waterproof one"
    typed += [
        (m, 2)
        for m in re.finditer(
            rf"\b(?:(?:being|living|as someone|since you(?:'re| are)|now (?:that )?you(?:'re| are)) (?:based |living )?"
            rf"(?:in|from) (?:the )?(?:{places})|as an? (?:{places}) (?:resident|local|homeowner|native))\b"
            r",?[^.!?\n]{0,30}?\byou(?:'ll| will|'d| would)? "
            # a presumption adverb marks the guess whatever follows: "you probably can't stretch to Premier"
            r"(?:(?:probably|must|surely|no doubt|obviously|naturally) (?!be (?:aware|pleased|glad|interested)\b)\w"
            r"|(?:definitely )?(?:want|need|love|appreciate|know all about|be used to|never say no|prefer|expect)\b"
            r"(?! to (?:know|hear|see|check|book))"
            # "Living in the Bronx, you can never be too careful"
            r"|(?:can|could) (?:never|always)\b|can'?t be too\b)",
            inp.text,
            re.I,
        )
    ]
    generalised = (
        # what the place is said to tell us about them: "You're in Georgia, so we already know sweet tea is your love
        # language", "Down here in Alabama, we know a good Christian family..."
        rf"\b(?:you(?:'re|’re| are) (?:in|from) (?:the )?(?:{places}),? so|(?:down|up|out|over|round) here in "
        rf"(?:the )?(?:{places}),?) we(?: all)?(?: already)? know\b",
        # the place's people addressed as a type: "Boston drivers, we know you treat turn signals as optional"
        rf"\b(?:{places}) (?:drivers|folks|people|locals|residents|mums|moms|dads|parents|fans|guys|ladies|gals),? "
        r"(?:we know|we all know|y'all|"
        r"you (?:all |always |never |really )?(?:treat|love|know|are|can't|never|always))",
        # hard times or a slow life put on the place: "Times are tough in Bootle"
        r"\b(?:times are|life is|life's|things are|money is|money's|it's|it is) (?:a bit |pretty |so |always )?"
        r"(?:tough|hard|tight|slow|rough|quiet|simpler|slower|backward) (?:in|up in|down in|out in|round|around) "
        rf"(?:the )?(?:{places})\b",
        # the region's homes or people generalised: "every Georgia kitchen runs on sweet tea"
        rf"(?<!to )(?<!for )(?<!in )(?<!across )(?<!at )(?<!reach )(?<!serve )(?<!serving )"
        rf"\b(?:every|all|no|any) (?:true |real |proper |good )?(?:{places}) (?:kitchens?|homes?|households?|"
        r"famil(?:y|ies)|moms?|mums?|dads?|parents?|kids?|drivers?|cooks?|m[ae]n|wom[ae]n|guys?|gals?|girls?|"
        r"lads?|lass(?:es)?|persons?|people|folks?|grand(?:mas?|mothers?|pas?|fathers?)|nans?|porch(?:es)?|"
        r"backyards?|gardens?|garages?)\b",
    )
    typed += [(m, 3) for pattern in generalised for m in re.finditer(pattern, inp.text, re.I)]
    # the demonym as a name: "Y'all know the drill, Texan!", "Texan, this one's for you"
    typed += [
        (m, 2)
        for m in _DEMONYM_VOCATIVE.finditer(inp.text)
        if _demonym_of(m.group("word") or m.group("lead"), region)
        and (m.group("word") or m.group("lead")).lower() not in names
    ]
    # the place greeted as a person, for a taste the customer never told us about: "Howdy, Texas! 🤠 Brisket season's
    # here" (to a customer who told us she cooks competition brisket, the place is only a greeting)
    greeted = re.compile(
        rf"\b{_PLACE_GREETING}(?:{places})\b{_AFTER_VOCATIVE}"
        rf"|(?:^|(?<=[.!?:]))[^\S\n]*(?P<clause>[^.!?:\n]+?), (?:{places})\b(?=\s*(?:[!?]|[^\w\s,.'\"’()&-]))",
        re.M,
    )
    typed += [
        (m, 2)
        for m in greeted.finditer(inp.text)
        if (m.group("clause") is None or _CALLED_AFTER.match(m.group("clause")))
        and not _told_around(inp, m, said)
        and not _LOCAL_BRANCH.search(_around(inp, m))
    ]
    # the place's people generalised: "we know folks in Mississippi are...", "down here, everybody lives for..."
    typed += [(m, 3) for m in _OUR_PARTS.finditer(inp.text)]
    typed += [
        (m, 3)
        for m in re.finditer(
            r"\b(?:(?:we (?:all )?know|everyone knows|everybody knows)(?: that)? (?:folks|people|families|locals|"
            r"everyone|everybody)|(?:everybody|everyone|all|most)(?: folks| people| families| locals)?)"
            rf" (?:in|from|round|around|across|down in|up in|out in) (?:the )?(?:{places})\b,? {_TRAIT}"
            # a group of the place said to tend one way: "Households in Eastfield tend to watch the pennies"
            r"|\b(?:households|families|folks|people|locals|residents|homeowners) (?:in|from|round|around|across) "
            rf"(?:the )?(?:{places})\b,? (?:tend|tends) to\b",
            inp.text,
            re.I,
        )
    ]
    for m, severity in typed:
        yield inp.finding(
            "stereotyping.regional",
            m.start(),
            m.end(),
            severity,
            f"'{m.group(0)}' treats the customer as a type from the region on file ({region}); "
            "speak to what they told you instead.",
        )
