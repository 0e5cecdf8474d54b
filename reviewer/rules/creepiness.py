"""Creepiness: reciting what we watched, naming where data came from, revealing what we guessed."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reviewer.models import CustomerContext, Finding
from reviewer.rules._base import RuleInput, rule
from reviewer.rules._context import (
    Basis,
    bought,
    customer_said,
    medicine_basis,
    requested,
    said_stems,
    sensitive_basis,
    serves_case,
    stated_text,
)
from reviewer.rules._text import SECOND_PERSON, Hit, Lexicon, Scan, on_list_line, words
from reviewer.rules.lexicon import (
    CARE_PROVIDER,
    HARDSHIP_SAID,
    LIFE_EVENTS,
    OWN_CARE,
    PROMO_RE,
    SENSITIVE_RE,
    STRUGGLE,
    TELLING_GOODS,
    TRANSACTIONAL_RE,
)
from reviewer.rules.medications import Mention
from reviewer.text import STOP_WORDS, content_stems, same_word, stem

_WATCHING = Lexicon(
    r"\bwe(?:'ve| have)?\s+(?:noticed|saw|seen|see|spotted|observed|tracked|been watching|watched)\s+"
    r"(?:that\s+)?you(?:'ve|'re|'ll| have| are| were| had)?\b"
    r"|\bour (?:records|data|systems?|tracking|analytics) (?:show|shows|tell us|indicates?|says?) (?:that )?you\b"
    r"|\bwe know (?:what|where|when|how often) you\b"
    # the device or the card as the witness: "Your FreshCart card tells us oat milk is your Tuesday ritual", "your
    # phone tells us you're a regular"
    r"|\byour (?:[\w-]+ ){0,2}(?:card|phone|app|car|watch|speaker|tracker|fridge|tv|purchases|receipts|history|"
    r"location|sat ?nav|doorbell|thermostat) (?:tells|told|shows|showed|says|said|lets) us\b"
    r"|\bwe(?:'ve| have)? (?:been )?(?:watching|tracking|monitoring|following) (?:what|how|where|when|how often) you\b"
    r"|\bi (?:can )?see (?:that )?you(?:'ve|'re| have| are| were| had)?\b"
    r"|\bwe (?:noticed|saw|see|spotted|tracked) (?:that )?your (?:balance|spending|account activity|activity|usage|"
    r"location|browsing|habits|searches)\b"
    r"|\bwe(?:'ve| have) been (?:keeping an eye on|following) you"
    # "We couldn't help noticing your card hasn't been scanned", "looking at your account activity, the Main profile
    # played six episodes"
    r"|\b(?:we|i) (?:couldn't|could not|can't|cannot) help (?:but )?notic(?:ing|e)\b"
    r"|\blooking (?:at|through|over) your (?:account )?(?:activity|history|usage|viewing|listening|purchases|"
    r"spending|transactions|statements?)\b"
    # workplace monitoring read back: "you've been idle for 47 minutes since 14:02. Your manager can see this."
    r"|\byou(?:'ve| have) been (?:idle|inactive|away from your (?:desk|keyboard|screen)) for \d+ "
    r"(?:minutes|mins|hours)\b"
    r"|\byour (?:manager|boss|supervisor|team ?lead(?:er)?) can see (?:this|that|your|when|how|it)\b"
    # workplace monitoring read back: "screenshots show YouTube open for 22 min"
    r"|\b(?:(?:our |the |your )?(?:screenshots?|keystroke logs?|keystrokes|activity logs?|screen recordings?|"
    r"idle[- ]time logs?)) (?:show|shows|showed|tell us|say|says|caught|captured|recorded)\b"
    # what the app read off the customer's phone: "we have access to the 312 contacts in your phone"
    r"|\bwe (?:have|(?:'ve|have) got|can see|hold|keep)(?: full)? access to (?:all |the )?(?:\d+ )?(?:of )?(?:your )?"
    r"(?:contacts|contact list|address book|photos|photo library|messages|texts|call logs?|location history|gallery)\b"
    # a run of payments read off the account: "We've seen several payments to Riverside Fertility Center"
    r"|\bwe(?:'ve| have)?\s+(?:noticed|seen|spotted|saw)\s+(?:several|regular|multiple|repeated|frequent|\d+|"
    r"a number of|a few) (?:payments|transactions|purchases|charges|transfers|withdrawals) (?:to|at|from|with)\b"
    # the household counted: "We've spotted 3 different people watching on your account"
    r"|\bwe(?:'ve| have)?\s+(?:noticed|seen|spotted|saw|detected)\s+(?:\d+|two|three|four|five|several|multiple|other|"
    r"a few) (?:different |other |extra )?(?:people|viewers|users|households) (?:watching|using|streaming|sharing)\b"
    # habits and hours recited: "awake at 3am again?", "every Saturday since March", "11 of your last 14 orders"
    r"|\b(?:awake|still up|up late|online|scrolling) (?:at|past|until) \d{1,2}(?::\d\d)?\s?(?:am|a\.m\.)"
    r"|\bevery (?:single )?(?:mon|tues|wednes|thurs|fri|satur|sun)day (?:since|for the (?:last|past))\b"
    # the reader's routine counted: "you've taken the 07:12 from Hadley every weekday for 6 weeks"
    r"|\byou(?:'ve|’ve| have) (?:[\w:'’-]+ ){1,6}every (?:single )?(?:weekday|weekend|morning|evening|night|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day) (?:since|for (?:the (?:last|past) )?(?:\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|several|many) (?:days|weeks|months))\b"
    r"|\b\d+ of your (?:last|past) \d+ (?:orders|purchases|visits|bookings|deliveries|returns|sessions|classes)\b"
    # spending at a kind of place, counted: "$142 on bars this month across 6 visits"
    r"|\b(?:on|at) (?:[\w&'’-]+ ){1,3}(?:this|last) (?:week|weekend|month)(?:,)? across \d+ "
    r"(?:visits|trips|transactions|purchases|payments|nights)\b"
    # what was bought or done, read for what it says about them: "judging by the minibar tab from your stay"
    r"|\bjudging (?:by|from) (?:your|the) (?:\w+ ){0,3}(?:tab|orders?|basket|purchases|returns|history|receipts?|"
    r"searches|activity|bill|spending|playlists?|listening|usage|bookings?)\b"
    r"|\byou were (?:at|in|near) (?:the )?(?:\w+ ){1,4}(?:on|last|this) (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"night|weekend|morning|evening)\b"
    # what a device's microphone picked up: "Hollis heard that cough", "we heard The Wardens playing in the background"
    r"|\b(?:heard|overheard|could hear|picked up) (?:that|your|you|some|the [\w ]{1,30}?) "
    r"(?:cough\w*|sneez\w*|snor\w*|cry\w*|argu\w*|playing|talking|in the background)\b"
    r"|\bin the background (?:of|on|during) (?:your|the) (?:call|recording|voice)"
    # the caller's voice analysed: "Our system has detected a regional accent", "we've detected stress in your voice"
    r"|\b(?:detected|identified|recognised|recognized|picked up on) (?:a |an |your )?(?:[\w-]+ )?(?:accent|dialect)\b"
    r"|\b(?:detected|picked up|heard|sense|sensed) (?:some |a little |a bit of )?(?:stress|frustration|anger|anxiety|"
    r"sadness|distress|tiredness) in your voice\b"
)
_BEHAVIOUR = Lexicon(
    r"\byou(?:'ve| have| were)?\s+(?:recently\s+|just\s+|also\s+)?(?:viewed|browsed|looked at|visited|searched "
    r"for|clicked(?: on)?|opened|checked out|hovered over|lingered on|been looking at|been browsing|looking at|"
    r"browsing|zoomed in on|scrolled|read|watched|been checking out|checking out|been eyeing|eyeing|been viewing|"
    r"viewing|been opening|been reading|been ignoring|been skipping|not opened|not been opening)\b"
    # a change in their habits, read back: "Your basket's changed lately: fewer six-packs, more oat milk"
    r"|\byour (?:basket|trolley|shopping|spending|habits?|routine|listening|viewing|playlists?|workouts?|diet)"
    r"(?:'s|’s| has| have)? (?:really |definitely |quite |a bit |been )?(?:changed|shifted|changing) "
    r"(?:lately|recently|this (?:month|year|spring|summer|autumn|fall|winter)|over the (?:last|past))\b"
)
# What the customer did with us themselves, named just before "you opened": "the claim you opened", "the case you".
_OWN_ACT_BEFORE = re.compile(
    r"\b(?:requests?|cases?|tickets?|claims?|complaints?|disputes?|applications?|accounts?|enquir(?:y|ies)|"
    r"inquir(?:y|ies)|chats?|conversations?|threads?|returns?|subscriptions?|policy|policies)(?: that)?\s+\Z"
    # the instruction the customer gave then: "moved into your account as you asked when you opened it"
    r"|\bas you (?:asked|requested|chose|told us|instructed(?: us)?) when\s+\Z"
    # a condition, not a report: "swaps are free within 30 days, even if you've opened it"
    r"|\b(?:if|unless|whether|once)\s+\Z",
    re.I,
)
# ... or named just after it: "when you opened your account", "you opened a claim".
_OWN_ACT_AFTER = re.compile(
    r"\s+(?:your|an?|the|a new)\s+(?:[\w-]+\s+){0,2}(?:account|case|claim|ticket|complaint|dispute|application|"
    r"policy|isa|pot|plan|subscription|request)s?\b",
    re.I,
)
# A safety recall must say what the customer bought, whatever it gives away to put it right.
_RECALL = re.compile(r"\b(?:recall\w*|safety (?:notice|alert|warning)|stop using (?:it|the|your))\b", re.I)
_MISSED_YOU = re.compile(r"\bsince\s+$", re.I)
# "since" of time, not of reason: "It's been a little while since you opened Kindling" (not "Since you looked at...")
_LAPSE = re.compile(r"\b(?:been|while|long|ages|weeks?|months?|days?|years?|time) since\s+$", re.I)
# What an agent sees on the account the customer is talking to them about.
_ON_THE_ACCOUNT = re.compile(
    r"\b(?:calling about|eligible|account|balance|loan|booking|order|plan|contract|policy|bill|payment|case|ticket|"
    r"verified|on file|calling (?:us )?from (?:a|the|your|this) (?:\w+ )?(?:number|phone|line|mobile))\b",
    re.I,
)
_TENURE = re.compile(
    r"\b(?:member|customer|subscriber|with us|banking with us)\b[^.!?]{0,20}\bfor (?:\w+ )?(?:years?|months?)\b"
    # "I can see you've been with Fernway for seven years"
    r"|\bbeen with [\w&'-]+(?: [\w&'-]+)? for (?:\w+ )?(?:years?|months?)\b",
    re.I,
)
# The customer's own booking or enrolment, read from the record: "Our records show you're booked in with Dr. Reyes
# on Tuesday at 9:40am", "our system shows you're due for a service".
_OWN_DEALING = Lexicon(
    r"\byou(?:'re|’re| are)? (?:booked|scheduled|registered|enrolled|signed up|subscribed|due (?:for|an?|to))\b"
    # the customer's own contact with us: "I can see you spoke to my colleague yesterday about the same router"
    r"|\byou (?:spoke|talked|chatted) (?:to|with) (?:my|our|one of (?:my|our)) (?:colleagues?|team|agents?|advisers?|"
    r"advisors?)\b"
)
# What the account itself meters and bills, said in a bill or a statement: not behaviour watched.
_OWN_METERING = Lexicon(
    r"\byour (?:energy |electricity |gas |water |data |mobile |broadband )?(?:usage|use|consumption|meter readings?|"
    r"allowance)\b(?= (?:was|is|has|went|came|rose|fell|dropped|looks|this|last|over|for)\b)"
)
# The answer to a request to see one's data, which lists what is held, browsing included.
_ACCESS_REPLY = re.compile(
    r"\bcopy of (?:the |all the )?(?:personal )?(?:data|information) (?:that )?(?:[\w&'-]+ ){0,3}?"
    r"(?:holds?|keeps?|has|have|held|stored?) (?:about|on) you\b|\b(?:subject|data) access request\b",
    re.I,
)
_BECAUSE_BEFORE = re.compile(r"\bbecause\s+\Z", re.I)
_CART = Lexicon(r"\byou left (?:\w+\s+){0,4}(?:in|on) your (?:cart|basket|bag)\b")
_PRECISE = Lexicon(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a dozen|several|multiple)\s+times\b"
    r"|\b(?:at|around)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)"
    r"|\b\d{1,2}:\d{2}\s*(?:am|pm)?\b"
    r"|\b(?:last night|this morning|at midnight|in the middle of the night)\b"
    r"|\bbetween \d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)? and \d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)"
    r"|\bfor \d+ ?(?:minutes|mins?|seconds|secs?|hours|hrs?)\b"
    r"|\b(?:\d+|a few|two|five|ten) (?:minutes|seconds|hours) ago\b"
)
_DISTANCE = Lexicon(
    r"\b\d+(?:\.\d+)?\s*(?:m|meters?|metres?|km|kilometers?|kilometres?|miles?|mi|feet|ft|yards?|blocks?)"
    r"\s+(?:away\s+)?(?:from|away)\b"
    # "within 1 km of you right now"
    r"|\bwithin \d+(?:\.\d+)?\s*(?:m|meters?|metres?|km|kilometers?|kilometres?|miles?|mi|feet|ft|yards?|blocks?) "
    r"of (?:you|where you are)\b"
    # the same in time, said of the reader: "You're two minutes from our Harbour St store"
    r"|\byou(?:'re|’re| are) (?:just |only |about |around |less than )?(?:\d+|one|two|three|four|five|ten|a few|a "
    r"couple of) (?:minutes?|mins?)(?:'s?|’s?)? (?:walk |drive |stroll |ride )?(?:away )?(?:from|away)\b"
    # not "five minutes away from finishing your profile", "a couple of minutes from done"
    r"(?! (?:from )?(?:\w+ing|your|being|done|finished|complete|the (?:end|finish))\b)"
)
_SOMEONE_ELSES_PLACE = re.compile(r"\s+(?:her|his|their|its)\b", re.I)
# What a loyalty balance is short of: "You're 2,095 miles away from a one-way reward flight".
_TO_A_GOAL = re.compile(
    r"\s+(?:a|an|your|the|another)\s+(?:(?!stores?\b|shops?\b|branch|outlet)[\w'’-]+\s+){0,3}?"
    r"(?:rewards?|free|status|tier|vouchers?|perks?|upgrades?|bonus|badges?|milestones?)\b",
    re.I,
)
# Loyalty miles a journey earned: "1,240 miles from your Lisbon trip have posted to your account".
_EARNED_BY = re.compile(
    r"\s+your (?:[\w'’-]+\s+){0,2}(?:trip|flights?|booking|stay|journey|purchases?|orders?|spend|spending)\b", re.I
)
_KEEP_AWAY = re.compile(r"\b(?:stay|keep|remain|move|stand)(?: at least| well| back)? \d", re.I)
_NEARBY_ON = re.compile(
    r"\b(?:turn(?:ed)? on|switch(?:ed)? on|enable[ds]?|opt(?:ed)? in to) (?:\w+ )?(?:nearby|location)\b"
    # asked to hear on arrival: "send me my member code when I walk into one of your stores"
    r"|\bwhen (?:i|we)(?:'m| am)? (?:walk (?:in|into)|arrive|get (?:to|there)|enter|come (?:in|into)|(?:am )?near)\b"
    # asked where the nearest place is, location shared: "where's your nearest branch to me? (shared location)"
    r"|\bshar(?:ed|ing) (?:my |her |his |their )?(?:live |current )?location\b"
    r"|\b(?:nearest|closest)\b[^.?!\n]{0,30}\bto me\b",
    re.I,
)
_PRESENCE = Lexicon(
    r"\byou(?:'re| are)\s+(?:right\s+|currently\s+|just\s+|now\s+)?(?:near(?:by)?|close to|around the corner "
    r"from|passing(?: by)?|walking (?:by|past)|in the (?:area|neighbou?rhood)|at the (?:mall|airport|station))\b"
    r"|\bsince you(?:'re| are) (?:in(?! your\b)|at(?! (?:your|the (?:start|end|beginning)|least)\b)|near)\b"
    r"|\bwelcome to (?=[a-z])"
    # where the reader is, seen: "we can see you're not home right now"
    r"|\b(?:we|i) can (?:see|tell) (?:that )?you(?:'re| are) (?:not )?(?:at )?(?:home|out|away|nearby|in (?:town|the "
    r"area))\b"
)
# A trip of theirs the message presumes: known only where the context tracked where they went.
_TRIP = Lexicon(
    r"\b(?:back|home|returned|just got back) from (?:the |your |a |that )?[\w-]+"
    r"|\bhow was (?:the |your )?(?:trip|holiday|vacation|getaway|weekend|stay|time|visit) (?:in|at|to|on|away)\b"
    r"|\benjoy(?:ing|ed)? (?:your |the rest of your )?(?:time|stay|trip|visit|holiday|vacation) (?:in|at|on)\b"
)
_TRAVEL = re.compile(
    r"\b(?:trips?|travel\w*|holidays?|vacations?|flights?|hotels?|stays?|bookings?|tours?|cruises?)\b", re.I
)
_CONDITION_BEFORE = re.compile(r"\b(?:if|when|whenever|once|in case|as soon as|while)\s+\Z", re.I)
_PURCHASE_VERB = Lexicon(
    r"\byou(?:'ve| have)?\s+(?:also\s+|then\s+|recently\s+)?(?:bought|ordered|purchased|picked up|rented|booked|"
    r"got|added|grabbed|snapped up|went for|treated yourself to)\b"
)
# "a tent in May, trail runners in June and a camp stove in July": each dated item is one more purchase recited.
_DATED = re.compile(
    r"\b(?:in|on|last) (?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)


# A summary of their own use the customer asked for: "Yes, send me my yearly reading recap".
_RECAP = re.compile(r"\b(?:recaps?|summar(?:y|ies)|reports?|stats|digests?|wrapped|year in review)\b", re.I)


def _recap_asked(context: CustomerContext, sentence: str) -> bool:
    """The sentence is the recap of their own use that the customer asked for."""
    return any(_RECAP.search(pref) for pref in context.stated_preferences) and requested(context, sentence)


@rule("creepiness.surveillance")
def surveillance(inp: RuleInput) -> Iterator[Finding]:
    """Phrasing that tells the customer we watched them: "we noticed you", "you viewed"."""
    if _ACCESS_REPLY.search(inp.text):
        return  # "attached is a copy of the personal data Quillby holds about you": what the customer asked to see
    observed = bool(inp.context.observed_signals)
    for m in inp.hits(_WATCHING):
        pos = m.start()
        if _MISSED_YOU.search(inp.text[max(0, pos - 12) : pos]) or (
            inp.in_sentence(_PURCHASE_VERB, pos) and (_transactional(inp) or _RECALL.search(inp.text) is not None)
        ):
            continue  # "it's been a while since we've seen you": a win-back greeting, not a report of watching
        if serves_case(inp.context, inp.sentences.text_around(pos)):
            continue  # "I can see you called us yesterday about the double charge": the case the customer opened
        if requested(inp.context, inp.sentences.text_around(pos)):
            continue  # "the table you were eyeing on Sunday night is now 15% off", to the customer who asked to hear
        if (
            inp.message.channel in ("chat", "ivr")
            and _ON_THE_ACCOUNT.search(inp.sentences.text_around(pos))
            and not inp.in_sentence(_PRECISE, pos)
        ):
            continue  # "I can see you're calling about your loan", "...you're eligible": the agent at the account
        if _TENURE.search(inp.sentences.text_around(pos)):
            continue  # "we see you've been a member for five years": the customer's own account, not watching
        if inp.in_sentence(_OWN_DEALING, pos) and not inp.in_sentence(_BEHAVIOUR, pos):
            continue  # "Our records show you're booked in on Tuesday at 9:40am": their appointment, not watching
        if inp.in_sentence(_OWN_METERING, pos) and not inp.in_sentence(_PRECISE, pos):
            continue  # "We noticed your usage was about 20% higher than last month": the bill's own reading
        severity = 3 if observed or inp.in_sentence(_BEHAVIOUR, pos) or inp.in_sentence(_PRECISE, pos) else 2
        yield inp.sentence_finding(
            "creepiness.surveillance",
            m.start(),
            severity,
            f"'{inp.at(m)}' tells the customer they were watched. Lead with the benefit, not with what you saw.",
        )
    for m in inp.hits(_BEHAVIOUR):
        if inp.in_sentence(_WATCHING, m.start()):
            continue  # already reported as part of the surveillance sentence
        if (
            _OWN_ACT_BEFORE.search(inp.text, max(0, m.start() - 30), m.start())
            or _OWN_ACT_AFTER.match(inp.text, m.end())
            or serves_case(inp.context, inp.sentences.text_around(m.start()))
            or requested(inp.context, inp.sentences.text_around(m.start()))
        ):
            continue  # "the hardship request you opened on Tuesday": the customer's own dealings with us, or the alert
            # they asked for ("the table you were eyeing on Sunday night is now 15% off")
        lapse = _LAPSE.search(inp.text[max(0, m.start() - 30) : m.start()])
        if lapse and not inp.in_sentence(_PRECISE, m.start()):
            continue  # "It's been a little while since you opened Kindling": a lapse in the relationship, not a report
        if _recap_asked(inp.context, inp.sentences.text_around(m.start())):
            continue  # "You read 23 books with us this year" in the yearly recap they asked for
        # "Because you watched The Harbour": a recommendation's usual reason (1); saying when or how often is 2
        because = _BECAUSE_BEFORE.search(inp.text, max(0, m.start() - 10), m.start()) is not None and bool(
            re.search(r"\b(?:watched|read)\b", inp.at(m), re.I)  # not "opened", "viewed", "clicked": tracking
        )
        plain = because and not inp.in_sentence(_PRECISE, m.start()) and not inp.in_sentence(_DOING, m.start())
        yield inp.sentence_finding(
            "creepiness.surveillance",
            m.start(),
            1 if plain else 2,
            f"'{inp.at(m)}' recites browsing behaviour back to the customer; recommend without saying why.",
        )
    for m in inp.hits(_CART):
        yield inp.finding(
            "creepiness.surveillance",
            m.start(),
            m.end(),
            1,
            "Cart reminders are expected, but keep them about the item, not about what the customer did.",
        )


# What the customer was doing, said back to them: "still torn between...", "3 a.m. scrolling again?", "you had open".
_DOING = Lexicon(
    r"\b(?:still (?:thinking|deciding|torn|weighing|looking|eyeing|considering|on the fence|wondering|browsing|"
    r"shopping|debating|undecided|dreaming)|kept (?:coming back|looking|checking)|back to|torn between|"
    r"deciding between|eye on|eyeing|looking at|checking out|scrolling|had open|left behind|made it|saw you|"
    # an absence watched at a place: "Haven't seen you at the gym in weeks" (not "seen you open our emails")
    r"seen you (?:at|in|on|around) (?:the|our)|"
    r"spotted you|caught you|done at|on your way|lately|so often|every time)\b"
)
_BASKET = re.compile(r"\b(?:cart|basket|bag|checkout|check out|wish ?list|saved for later)\b", re.I)
# The app's own game state, which every player sees: streaks, levels, lives, badges.
PRODUCT_STATE = re.compile(
    r"\b(?:streaks?|level \d+|lives|badges?|xp|quests?|lessons? left|(?:badge|achievement|trophy) unlocked)\b", re.I
)
_RELEASED = re.compile(r"\b(?:dropped|launched|released|landed|arrived|went live|added|published|opened)\s*\Z", re.I)
# A signal the customer handed over ("location shared by caller for roadside request") is theirs to hear back.
_SHARED = re.compile(
    r"\b(?:shared|provided|entered|given|sent|submitted|uploaded) by (?:the )?(?:customer|caller|user|member|them)\b"
    r"|\b(?:customer|caller|user|member) (?:shared|provided|entered|gave|sent|submitted|uploaded)\b"
    # addressed to the brand itself: "customer publicly tagged @KestrelOutdoor in Instagram post"
    r"|\b(?:customer|user|member) (?:\w+ )?(?:tagged|mentioned|messaged|replied to) @",
    re.I,
)
# Observed kinds whose details, said back, show the watching; the severity when an item is echoed.
_ECHO_SEVERITY = {"third_party": 3, "location": 3, "browsing": 2, "app_usage": 2, "email_opens": 2}


# A fault or danger the customer's own device reports, which they must hear of.
_DEVICE_ALERT = re.compile(
    r"\byour (?:[\w-]+ ){0,2}(?:meter|alarm|sensor|detector|boiler|thermostat|router|hub|heat pump|battery)\b"
    r"[^.!?\n]{0,80}\b(?:leak\w*|fault\w*|burst|smoke|carbon monoxide|gas escape|offline|low battery|frozen pipes?|"
    r"overheat\w*)\b",
    re.I,
)


# A sentence about what the customer has or does, not one that only offers them something ("picked for you").
_ABOUT_THEM = re.compile(r"\byou(?:r|rs|'ve|'re|'d| have| are| were| did| had| went| ran| seem| might)\b", re.I)


@rule("creepiness.echoes_observed")
def echoes_observed(inp: RuleInput) -> Iterator[Finding]:
    """Saying back what was observed or bought in from a partner: "still torn between the two grey sofas?"."""
    ctx = inp.context
    known = said_stems(ctx).union(*(content_stems(p.category, generic=False) for p in ctx.purchases))
    items = []
    for signal in ctx.observed_signals:
        # A basket reminder names what the customer put in the basket: expected, not watched.
        if (
            signal.kind in _ECHO_SEVERITY
            and signal.detail
            and not _BASKET.search(signal.detail)
            and not _SHARED.search(signal.detail)
        ):
            stems = {s for s in content_stems(signal.detail, generic=False) if not s.isdigit()}
            stems = {s for s in stems if not any(same_word(s, k) for k in known)}
            events = {event for event, lexicon in LIFE_EVENTS.items() if Scan(signal.detail).hits(lexicon)}
            if stems or events:
                items.append((signal.kind, stems, events))
    if not items:
        return
    for start, end in inp.sentences.spans:
        sentence = inp.text[start:end]
        if _BASKET.search(sentence) or requested(ctx, sentence) or serves_case(ctx, sentence):
            continue
        if _transactional(inp) and inp.in_sentence(TRANSACTIONAL_RE, start):
            continue  # a security or order notice must say what happened: "a sign-in from a new device at 02:14"
        if _DEVICE_ALERT.search(sentence):
            continue  # "your smart meter shows water flowing non-stop for 48 hours, which can mean a leak": a warning
        addressed = "?" in sentence or inp.in_sentence(SECOND_PERSON, start) is not None
        said = content_stems(sentence, generic=False)
        for kind, stems, events in items:
            # the same words, or the same life event in other words ("change-of-address record": "your new place")
            if not any(same_word(a, b) for a in said for b in stems) and not any(
                inp.in_sentence(LIFE_EVENTS[event], start) for event in events
            ):
                continue
            if kind == "app_usage" and PRODUCT_STATE.search(sentence):
                continue  # "your 40-day streak ends at midnight": the app's own score, shown to its player
            when = inp.in_sentence(_PRECISE, start)
            # "3 new classes dropped this morning": when the content arrived, not when the customer did something
            precise = when is not None and not _RELEASED.search(inp.text[max(start, when.start() - 40) : when.start()])
            watched = precise or inp.in_sentence(_DOING, start) is not None
            if kind != "third_party" and not (addressed and (kind == "location" or watched)):
                continue
            if (
                kind == "third_party"
                and not (watched or "?" in sentence or _ABOUT_THEM.search(sentence))
                and ctx.consent
                and ctx.consent.third_party_data
            ):
                continue  # linked data with consent choosing content ("Picked for you: trail runners"), not recited
            severity = _ECHO_SEVERITY[kind] + (1 if precise and kind not in ("location", "third_party") else 0)
            if kind == "third_party" and ctx.consent is not None and ctx.consent.third_party_data is False:
                severity = 4
            yield inp.finding(
                "creepiness.echoes_observed",
                start,
                end,
                severity,
                f"This says back what the company {'bought in about' if kind == 'third_party' else 'watched'} the "
                "customer. Keep the offer; drop what it came from.",
            )
            break


# Words of an inferred attribute's name that say how sure or how it was held, not what was guessed.
_GUESS_WORDS = frozenset(
    "likely estimated estimate probable possible possibly predicted propensity inferred guess guessed score segment "
    "flag risk level high low medium visible user customer".split()
)
# A guess made from the age band or gender alone: saying it back is a stereotype, judged by the stereotyping rules.
_DEMOGRAPHIC_SOURCE = re.compile(r"(?:age[ _]?band|age|gender|sex|date[ _]of[ _]birth|dob)", re.I)


# Runs of letters or of digits: "dress_size_uk16" and "your size, UK 16" both read as "size", "uk", "16".
_TOKEN = re.compile(r"[a-z]+|\d+")


def _guess_pairs(attribute: str) -> set[tuple[str, str]]:
    """Consecutive content words of an inferred attribute ("visible_fine_lines": ("fine", "line"))."""
    words = [stem(t) for t in _TOKEN.findall(attribute.lower()) if t not in _GUESS_WORDS]
    return {(a, b) for a, b in zip(words, words[1:], strict=False) if a not in STOP_WORDS or b not in STOP_WORDS}


def _word_pairs(text: str) -> set[tuple[str, str]]:
    """Consecutive words of ``text``, stemmed."""
    words = [stem(t) for t in _TOKEN.findall(text.lower())]
    return set(zip(words, words[1:], strict=False))


@rule("creepiness.echoes_inferred")
def echoes_inferred(inp: RuleInput) -> Iterator[Finding]:
    """Saying back what was inferred about the customer, in its own words.

    "Your routine for fine lines is ready" to a customer whose fine lines were read off a selfie.
    """
    ctx = inp.context
    said = _word_pairs(" \n ".join(customer_said(ctx)))
    guesses = [
        (a.attribute, _guess_pairs(a.attribute) - said)
        for a in ctx.inferred_attributes
        if not _DEMOGRAPHIC_SOURCE.fullmatch((a.source or "").strip())
    ]
    guesses = [(name, pairs) for name, pairs in guesses if pairs]
    if not guesses:
        return
    for start, end in inp.sentences.spans:
        sentence = inp.text[start:end]
        if "?" not in sentence and inp.in_sentence(SECOND_PERSON, start) is None:
            continue
        if requested(ctx, sentence) or serves_case(ctx, sentence):
            continue
        pairs = _word_pairs(sentence)
        name = next((name for name, guess in guesses if guess & pairs), None)
        if name is not None:
            yield inp.finding(
                "creepiness.echoes_inferred",
                start,
                end,
                3,
                f"This says back what was inferred about the customer ({name.replace('_', ' ')}), which they never "
                "told you. Keep the offer; drop the guess.",
            )


# A case opened to ask what happened on the account: "asked who has been watching", "a sign-in she didn't make".
_ASKED_ABOUT_USE = re.compile(
    r"\b(?:who (?:has been|had been|is|was)|sign-?ins?|log-?ins?|accessed|watching|watched|account activity)\b", re.I
)


def _asked_about_use(context: CustomerContext) -> bool:
    """The customer's open case asks what happened on their account, so when and how often is the answer."""
    support = context.support
    return bool(support and support.open_case and support.topic and _ASKED_ABOUT_USE.search(support.topic))


# A habit counted as a run: "11 Fridays in a row", "three nights running", "five days straight".
_RUN = Lexicon(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:[\w-]+ )?(?:days|nights|weeks|months|"
    r"mornings|evenings|weekends|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays) "
    r"(?:in a row|running|straight)\b"
)


@rule("creepiness.exact_detail")
def exact_detail(inp: RuleInput) -> Iterator[Finding]:
    """Exact counts and times attached to observed behaviour: "7 times last night at 11:42 pm".

    A clock time beside a run of days is the habit timed: "11 Fridays in a row of pad thai at 9pm".
    """
    for m in inp.hits(_PRECISE):
        if _asked_about_use(inp.context) and serves_case(inp.context, inp.sentences.text_around(m.start())):
            continue  # "who has been using my account?" answered: the hours are what the customer asked for
        if inp.in_sentence(_THEIR_CONTACT, m.start()) and not inp.in_sentence(_RUN, m.start()):
            continue  # "I can see the ticket you opened this morning": the customer's own contact with us, timed
        behaviour = inp.in_sentence(_BEHAVIOUR, m.start())
        # the time of the customer's own booking, read from the record: "you're booked in ... at 9:40am"
        watching = inp.in_sentence(_WATCHING, m.start()) and not inp.in_sentence(_OWN_DEALING, m.start())
        if behaviour or watching or inp.in_sentence(_RUN, m.start()):
            yield inp.finding(
                "creepiness.exact_detail",
                m.start(),
                m.end(),
                3,
                f"'{inp.at(m)}' shows exactly how closely the customer was tracked.",
                suggestion="",
            )


# The case the customer opened with us, timed: "the ticket you opened this morning" (not their calls counted: "you
# called us four times last night" is tracking).
_THEIR_CONTACT = Lexicon(
    r"\b(?:ticket|case|complaint|report|request|claim|order|booking) you (?:opened|raised|logged|made|placed|submitted|"
    r"reported|booked)\b"
)
_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# What the customer bought, counted over a stretch of time: "Three pizzas in four nights", "5 takeaways in a week".
_COUNTED_WINDOW = Lexicon(
    rf"\b(?P<n>{_COUNT}) (?P<what>[\w-]+(?: [\w-]+)?) (?:in|over) (?:the (?:last|past) )?(?:{_COUNT}|a|one) "
    r"(?:nights|days|weeks|months|night|day|week|month)\b"
)

# The reader's tally so far, said to them: "That's 23 chicken katsu curries this year", "you've ordered 7 takeaways
# this month".
_TALLY = Lexicon(
    r"\b(?:that's|that’s|that is|that makes|you've (?:had|ordered|bought|eaten|got through)|you’ve (?:had|ordered|"
    rf"bought|eaten|got through)) (?P<n>{_COUNT}|\d{{2,3}}) (?P<what>[\w-]+(?: [\w-]+){{0,2}}) "
    r"(?:this|so far this|in the last|in the past|over the last) (?:year|month|week|fortnight)\b"
)
# What an app counts as the customer's own progress, not purchases: "That's 10 classes this month - a new best".
_PROGRESS = content_stems(
    "class session workout lesson run ride walk swim day week km mile step minute hour email message text call point "
    "star stamp visit streak goal chapter book"
)
_BOUGHT_WORDS = content_stems("order purchase delivery takeaway meal box basket")
_WORD_NUMBERS = {w: n for n, w in enumerate("two three four five six seven eight nine ten eleven twelve".split(), 2)}
_MANY = 5  # a tally of anything bought this often reads as counted: "That's 23 chicken katsu curries this year"


def _number(n: str) -> int:
    return int(n) if n.isdigit() else _WORD_NUMBERS.get(n.lower(), 0)


_NEWS = re.compile(r"(?:new|more|fresh|extra|different|free|great|amazing)\b", re.I)
_CONSUMED = re.compile(r"you(?:'|’)ve (?:ordered|bought|eaten|got through)\b", re.I)


@rule("creepiness.counted_purchases")
def counted_purchases(inp: RuleInput) -> Iterator[Finding]:
    """What the customer bought or did, counted over a stretch of time: "Three pizzas in four nights"."""
    bought = [p.category for p in inp.context.purchases] + [
        s.detail or "" for s in inp.context.observed_signals if s.kind in ("browsing", "location")
    ]
    known = content_stems(" ".join(bought))
    for m in inp.hits(_TALLY):
        what = content_stems(m.group("what"))
        if not inp.context.purchases or _PROGRESS & what or _NEWS.match(m.group("what")):
            continue  # "That's 10 classes this month - a new best", "That's 12 new titles this month": not a tally
        if known & what or _BOUGHT_WORDS & what or _CONSUMED.match(inp.at(m)) or _number(m.group("n")) >= _MANY:
            yield inp.finding(
                "creepiness.counted_purchases",
                m.start("n"),
                m.end(),
                3,
                f"'{inp.at(m)}' counts what the customer bought; it reads as being watched.",
                suggestion="",
            )
            return
    for m in inp.hits(_COUNTED_WINDOW):
        if known & content_stems(m.group("what")):
            yield inp.finding(
                "creepiness.counted_purchases",
                m.start(),
                m.end(),
                3,
                f"'{inp.at(m)}' counts what the customer bought over a stretch of time; it reads as being watched.",
                suggestion="",
            )
            return


# A location signal placing the customer at a shop's door, not in a country or a city.
_STORE = re.compile(
    r"\b(?:stores?|shops?|branch|geofence|outlet|showroom|boutique|restaurant|caf[eé]|pharmacy)\b", re.I
)


@rule("creepiness.location")
def location(inp: RuleInput) -> Iterator[Finding]:
    """Live or precise location: "you're 200 m from our store", "since you're in Denver"."""
    has_location_signal = any(s.kind == "location" for s in inp.context.observed_signals)
    at_store = any(s.kind == "location" and _STORE.search(s.detail or "") for s in inp.context.observed_signals)
    said = stated_text(inp.context)
    nearby_on = _NEARBY_ON.search(said) is not None  # "Turn on Nearby alerts"
    for m in inp.hits(_DISTANCE):
        if _KEEP_AWAY.search(inp.sentences.text_around(m.start())):
            continue  # "stay at least 30 feet away from a downed line": safety advice, not where they are
        if _TO_A_GOAL.match(inp.text, m.end()) or _EARNED_BY.match(inp.text, m.end()):
            continue  # "2,095 miles away from a reward flight", "1,240 miles from your Lisbon trip": loyalty miles
        if _SOMEONE_ELSES_PLACE.match(inp.text, m.end()):
            continue  # "the borehole your gift funded is 300 metres from her home": another person's place
        if (
            inp.in_sentence(SECOND_PERSON, m.start())
            and not nearby_on
            and not requested(inp.context, inp.sentences.text_around(m.start()))
        ):
            yield inp.sentence_finding(
                "creepiness.location",
                m.start(),
                3,
                f"'{inp.at(m)}' reveals the customer's live location. Mention the store, not where they are.",
            )
    for p in inp.hits(_PRESENCE):
        welcome = p.group(0).lower().startswith("welcome")
        if welcome and (not has_location_signal or nearby_on):
            continue  # no location known, or the arrival message the customer asked for
        if requested(inp.context, inp.sentences.text_around(p.start())):
            continue  # "notify me when I'm near a recycling centre": the alert they asked for
        if _CONDITION_BEFORE.search(inp.text, max(0, p.start() - 16), p.start()):
            continue  # "a meal voucher if you're at the airport": a condition, not where they are
        if _on_file(inp.context, inp.text[p.end() : p.end() + 40]) or _told_us(inp, p.start()):
            continue  # "since you're in Riverside" to a customer whose address is in Riverside: stated, not tracked
        # A welcome on arrival that sells nothing (a roaming notice) is a service the customer relies on; a store
        # greeting the customer at its door shows it tracked them there.
        severity = (2 if inp.first(PROMO_RE) else 1) if welcome and not at_store else 3
        yield inp.sentence_finding(
            "creepiness.location", p.start(), severity, "This tells the customer you know where they are right now."
        )
    if has_location_signal and not _TRAVEL.search(said):
        # "Back from the coast?" to a customer whose phone placed them there: a trip nobody told you about.
        booked = any(_TRAVEL.search(p.category) for p in inp.context.purchases)
        for t in inp.hits(_TRIP)[:1]:
            if not booked and not _told_us(inp, t.start()):
                yield inp.sentence_finding(
                    "creepiness.location",
                    t.start(),
                    2,
                    "This presumes a trip only location tracking could tell you about. Leave where they went out.",
                )


def _told_us(inp: RuleInput, pos: int) -> bool:
    """The sentence names a place the customer told us about themselves ("I work next to the Deansgate branch")."""
    said = " ".join(customer_said(inp.context))
    places = set(re.findall(r"\b[A-Z][A-Za-z'-]{3,}", said))
    return any(p in inp.sentences.text_around(pos) for p in places)


def _on_file(context: CustomerContext, after: str) -> bool:
    """The place named right after "you're in" is the region or a word of the address the customer gave us."""
    on_file = f"{context.region or ''} {context.address_text()}"
    places = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]{2,}", on_file)}
    named = re.findall(r"[A-Z][A-Za-z'-]{2,}", re.split(r"[,.:;!?\u2013\u2014]| - ", after)[0])
    return bool(named) and all(w.lower() in places for w in named[:2])


_INSINUATION = words(
    [
        r"congratulations",
        r"congrats",
        r"sorry to hear",
        r"we know",
        r"we can tell",
        r"must be",
        r"going on with your",
        r"in the picture",
        r"(?:stopped|dried up) in \w+",
        # a change in the customer's life told to them: "since the stairs have become hard work for you"
        r"(?:have|has) become",
        # a state put on the customer: "as you're Indian", "being South Indian, you..."
        r"(?:as|since|because) you(?:'re| are)",
        r"being (?:an? )?(?:\w+ ){1,2}you(?:'ll| will|'d| would)?",
        r"(?:is|are) getting (?:harder|tougher|more difficult)",
        # help with the condition offered as if the reader needs it: "we thought you'd like a hand managing coeliac
        # disease"
        r"thought you(?:'d|’d| would| might) (?:like|appreciate|want|welcome|need|value)",
        r"(?:a hand|help|support) (?:with )?(?:managing|living with|coping with)",
        # "If debt is keeping you up at night, you're not alone"
        r"keep(?:s|ing)? you (?:up|awake) at night",
        r"you(?:'re| are) not alone",
        # an experience claimed as the reader's: "juggling bills, you know how fast the end of the month sneaks up"
        r"you(?:'ll)? know (?:how|what it'?s like|that feeling|the feeling)",
        r"weigh(?:s|ing)? on you",
        # "it's okay to admit things have been hard for you lately"
        r"for you (?:lately|recently|these days|at the moment|right now)",
        r"(?:it's|it is) (?:okay|ok|alright|all right) to (?:admit|say|feel|not be (?:okay|ok))",
        # the category chosen for this reader: "Blood-sugar friendly snacks, picked for you"
        r"(?:picked|chosen|selected|curated|made|handpicked) (?:just |especially |specially )?for you",
    ]
)


# Things a customer has from a service, not states they are in: "your prescription is ready" is a notice.
_SERVICE_ITEMS = re.compile(
    r"\b(?:prescriptions?|medications?|(?:test )?results?|surgery|appointment|allerg\w*|overdraft|loan|balance|"
    r"bill|account|statement|"
    # a booked care event: "your chemotherapy session is tomorrow", "your HIV clinic follow-up"
    r"sessions?|infusions?|follow-?ups?|check-?ups?|scans?|bloods|blood tests?|prep|consultations?|clinic|"
    r"assessments?|evaluations?|screenings?|referrals?)\b",
    re.I,
)


def _insinuates(inp: RuleInput, match: Hit | Mention) -> bool:
    """A question or congratulation about a sensitive state, or "your <condition>", claims the customer has it."""
    sentence = inp.sentences.text_around(match.start())
    possessive = inp.text[max(0, match.start() - 5) : match.start()].lower() == "your "
    if possessive and (
        _TOOL_BEFORE.search(inp.text, max(0, match.start() - 30), match.start())
        or _TOOL_AFTER.match(inp.text, match.end())
    ):
        return False  # "check your credit score in the app at no cost": a feature offered, not a claim about them
    asked = "?" in sentence and not _DID_YOU_KNOW.match(sentence)
    if asked or inp.in_sentence(_INSINUATION, match.start()) or _IF_LATELY.search(sentence):
        return True
    # "your prescription is ready", "your diabetes prescription": a service item, not a claim about the customer
    after = inp.text[match.end() : match.end() + 20].split(".")[0]
    service = _SERVICE_ITEMS.fullmatch(inp.at(match)) or _SERVICE_ITEMS.search(after)
    return possessive and not service


_TOOL_BEFORE = re.compile(r"\b(?:check|see|view|track|monitor|access|watch|follow|keep an eye on) your \Z", re.I)
_TOOL_AFTER = re.compile(r",? (?:(?:for )?free|at no cost|in (?:the|our) app|any ?time|whenever you)\b", re.I)
# The customer's own item waiting for them: "your metformin 500mg refill is ready at Greenway Pharmacy", "a
# prescription for you is ready at our Elm St location".
_PICKUP = re.compile(
    r"^\W*(?:[^:.!?\n]{1,40}:\s*)?(?:(?:hi|hello|dear|good news),?(?: [^,.!?\n]{1,30})?,\s*)?(?:rx ready\W*)?"
    r"(?:your\b|(?:a|an|the|one|\d+) [\w -]{1,30}? for you\b)[^.!?\n]{0,60}\b(?:is|are) (?:now )?ready"
    r"(?: (?:to collect|for (?:collection|pick-?up)|at|in)\b|\W*$)",
    re.I,
)
# A reminder about the customer's own repeat order: "Your refill is due Thursday. Tap to reorder."
_REFILL = re.compile(r"\b(?:refill|reorder|repeat prescription)\b", re.I)
_STRUGGLE = re.compile(STRUGGLE, re.I)
_IF_LATELY = re.compile(
    r"\bif\b[^.?!]{0,80}\b(?:lately|recently|these days|of late|this month|right now|at the moment)\b", re.I
)
# "Checking won't affect your credit score": a reassurance about the category, not a claim about the customer.
_REASSURES = re.compile(
    r"\b(?:won'?t|will not|doesn'?t|does not|never|without|no) (?:affect|affecting|impact|impacting|harm|hurt|"
    r"change|show up on|appear on|effect on|impact on|touch|touching|ding|dent|lower|mark)\b",
    re.I,
)


def _transactional(inp: RuleInput) -> bool:
    """An order, delivery, receipt or recall notice that sells nothing."""
    return inp.first(TRANSACTIONAL_RE) is not None and inp.first(PROMO_RE) is None


# "any" before a sensitive word asks about it without claiming it: "any medications you take", "any allergies",
# "any access or mobility needs"
# (not "with all the spending at Bet365 on your account", which claims a lot of it).
_ANY_BEFORE = re.compile(r"\b(?:any|(?<!with )all|each)\s+(?:[\w-]+\s+(?:or|and)\s+)?(?:[\w-]+\s+)?\Z", re.I)
# An eyewear message, where a prescription is for lenses.
_OPTICAL = re.compile(
    r"\b(?:glasses|sunglasses|lenses|contacts|eyewear|frames|specs|spectacles|optician|optometrist|"
    r"eye (?:test|exam))\b",
    re.I,
)
_PRESCRIPTION = re.compile(r"prescriptions?", re.I)
_SPEAKER = re.compile(r"\b(?:i|i'm|i've|i'd|my|me)\b", re.I)


# The record read back to the customer, not a receipt: "I can also see regular payments to Sunrise Recovery Center on
# your statement".
_READ_OFF = re.compile(
    r"\b(?:i|we) (?:can )?(?:also )?(?:see|noticed|spotted)\b"
    r"|\b(?:on|in|from|across) your (?:\w+ )?(?:statements?|transactions|account activity|card activity|spending)\b"
    # the account's recent run read back: "all the spending at Bet365 and Coral on your account lately"
    r"|\b(?:on|in|through) your (?:\w+ )?(?:account|card) (?:lately|recently|of late|this (?:week|month|year))\b",
    re.I,
)


# A reading the customer's own clinician reports: "Parkside GP: your HbA1c is 71".
_MEASURED = re.compile(
    r"\byour (?:latest |recent |last )?(?:hba1c|cholesterol|blood pressure|bp|blood sugar|glucose|psa|iron|"
    r"vitamin d|thyroid|kidney|liver)(?: (?:level|reading|result|test))?s? (?:is|are|was|were|came back)\b",
    re.I,
)


_DID_YOU_KNOW = re.compile(r"\W*(?:did you know|have you heard)\b", re.I)
# A list left open to anyone's reason: "Fasting for Ramadan, Lent or another reason?"
_OR_ANY_OTHER = re.compile(
    r"\b(?:or|and) (?:another|any other|some other|other|for any) (?:reason|faith|religion|cause|condition|"
    r"festival|holiday|tradition)s?\b",
    re.I,
)


@dataclass(frozen=True)
class _SentenceChecks:
    """What sensitive_inference asks of the sentence around a hit."""

    excused: bool  # asked for by the customer, or reassuring ("whatever your situation")
    open_to_all: bool  # one of a list left open to any reason: "Ramadan, Lent or another reason"
    read_off: bool
    pickup: bool
    speaker: bool
    if_lately: bool
    question: bool


@rule("creepiness.sensitive_inference")
def sensitive_inference(inp: RuleInput) -> Iterator[Finding]:
    """A sensitive category (pregnancy, health, finances…) the customer never stated, worst when inferred."""
    bases: dict[str, Basis | None] = {}
    optical = _OPTICAL.search(inp.text) is not None
    sells = inp.first(PROMO_RE) is not None
    # a notice of the customer's own care: an appointment, a delivery of their medicine, a reading their GP reports
    own_care = not sells and bool(
        OWN_CARE.search(inp.text) or (CARE_PROVIDER.search(inp.text) and _MEASURED.search(inp.text))
    )
    flagged: set[tuple[int, int]] = set()
    sentence_checks: dict[tuple[int, int], _SentenceChecks] = {}
    for m in inp.sensitive:
        category = m.lastgroup or ""
        if _ANY_BEFORE.search(inp.text, max(0, m.start() - 30), m.start()):
            continue  # "bring a list of any medications you take": an instruction to everyone, no claim
        if optical and _PRESCRIPTION.fullmatch(inp.at(m)):
            continue  # "prescription sunglasses", "if your prescription changes": lenses, not medicine
        if isinstance(m, Mention):
            basis = medicine_basis(inp.context, m.medicine)
        else:
            if category not in bases:
                bases[category] = sensitive_basis(inp.context, category)
            basis = bases[category]
        if basis == "stated":
            continue
        if _STRUGGLE.fullmatch(inp.at(m)) and any(HARDSHIP_SAID.search(said) for said in customer_said(inp.context)):
            continue  # "things have been hard for you lately" to a customer who told us of a death: theirs to say
        span = inp.sentences.around(m.start())
        if span not in sentence_checks:  # one long sentence holding many hits is read once, not once a hit
            sentence = inp.text[span[0] : span[1]]
            sentence_checks[span] = _SentenceChecks(
                excused=requested(inp.context, sentence) or _REASSURES.search(sentence) is not None,
                open_to_all=_OR_ANY_OTHER.search(sentence) is not None,
                read_off=_READ_OFF.search(sentence) is not None,
                pickup=_PICKUP.search(sentence) is not None,
                speaker=_SPEAKER.search(sentence) is not None,
                if_lately=_IF_LATELY.search(sentence) is not None,
                # "Did you know store-brand pain relievers work the same?" tells a fact; it asks nothing of them
                question=sentence.endswith("?") and not _DID_YOU_KNOW.match(sentence),
            )
        checks = sentence_checks[span]
        if checks.excused:
            continue
        if checks.open_to_all:
            continue  # "Fasting for Ramadan, Lent or another reason? Our pharmacists can help": asked of everyone
        if (
            _transactional(inp)
            and not checks.read_off
            and (
                # a medicine on an order notice: what the observed basis came from ("Nicorette gum x2")
                (basis == "observed" and (bought(inp.context, category) or isinstance(m, Mention)))
                or (basis is None and inp.in_sentence(TRANSACTIONAL_RE, m.start()))
                # an item of the order listed on its own line: "In this parcel: - Prenatal multivitamin, 90 tablets"
                # names what was bought, whatever was guessed from it
                or (
                    basis == "inferred"
                    and not sells
                    and bought(inp.context, category)
                    and on_list_line(inp.text, m.start())
                )
            )
        ):
            continue  # a receipt, a delivery or a recall names what the customer bought
        if (checks.pickup or (basis == "observed" and _REFILL.search(inp.text))) and not sells:
            continue  # "your sertraline refill is ready at Elm St": their own order (the lock screen is privacy's)
        if own_care and basis != "inferred" and (isinstance(m, Mention) or category in ("health", "mental_health")):
            continue  # "your colposcopy is tomorrow at 9:30": the customer's own care (the lock screen is privacy's)
        addressed = inp.in_sentence(SECOND_PERSON, m.start()) is not None
        # a question addresses the reader, unless it is someone else's, asked in the first person: "Is it safe to
        # take ibuprofen for my back?" in a pharmacist's column
        asks = checks.question and (addressed or not checks.speaker)
        # so does a condition on their recent life: "if things in the bedroom have been a bit quiet lately"
        personal = asks or addressed or checks.if_lately
        severity = {
            ("inferred", True): 4,
            ("inferred", False): 3,
            ("observed", True): 3,
            ("observed", False): 2,
            (None, True): 2,
        }.get((basis, personal and (basis is not None or _insinuates(inp, m))))
        if severity is None:
            continue
        how = {"inferred": "inferred from data", "observed": "observed from behaviour", None: "never stated"}
        flagged.add(inp.sentences.around(m.start()))
        yield inp.sentence_finding(
            "creepiness.sensitive_inference",
            m.start(),
            severity,
            f"'{inp.at(m)}' touches {category.replace('_', ' ')}, which the customer never "
            f"told you ({how[basis]}). Never reveal a sensitive attribute the customer did not share.",
        )
    yield from _telling_goods(inp, flagged)
    yield from _named_purchase(inp, flagged)


def _telling_goods(inp: RuleInput, flagged: set[tuple[int, int]]) -> Iterator[Finding]:
    """Goods that serve a condition we only inferred, offered to the customer: the offer reveals the guess."""
    guesses = [f"{a.attribute} {a.source or ''}".lower().replace("_", " ") for a in inp.context.inferred_attributes]
    if not guesses:
        return
    transactional = _transactional(inp)
    for category, stems, goods in TELLING_GOODS:
        if not any(stem in guess for guess in guesses for stem in stems):
            continue
        if sensitive_basis(inp.context, category) != "inferred":
            continue  # the customer told us: offering what serves it is welcome
        for m in inp.hits(goods):
            sentence = inp.sentences.around(m.start())
            if sentence in flagged or requested(inp.context, inp.text[sentence[0] : sentence[1]]):
                continue
            if transactional and inp.in_sentence(TRANSACTIONAL_RE, m.start()):
                continue  # a receipt or delivery notice names what was ordered
            flagged.add(sentence)
            yield inp.sentence_finding(
                "creepiness.sensitive_inference",
                m.start(),
                3,
                f"'{inp.at(m)}' serves {category.replace('_', ' ')}, which was only inferred about this customer: "
                "offering it to them reveals the guess. Send it to everyone or not at all.",
            )


def _named_purchase(inp: RuleInput, flagged: set[tuple[int, int]]) -> Iterator[Finding]:
    """A sensitive purchase sold back by the product's own name, not the condition's.

    "Your next pack of Confidra Night Maximum is 25% off" to a customer whose basket held incontinence pads of that
    name: the offer says what they bought. A receipt or a refill notice, which sells nothing, may name it.
    """
    if inp.first(PROMO_RE) is None:
        return
    for purchase in inp.context.purchases:
        scan, text = Scan(purchase.category), purchase.category
        # a word of the condition standing alone, not inside a compound: "single-origin coffee beans" is no break-up
        hits = {
            c: [m for m in scan.hits(lexicon) if "-" not in text[max(0, m.start() - 1) : m.end() + 1]]
            for c, lexicon in SENSITIVE_RE.items()
        }
        kinds = [c for c, found in hits.items() if found]
        if not kinds or any(sensitive_basis(inp.context, c) == "stated" for c in kinds):
            continue
        # the record's words beyond the condition's: "incontinence pads (Confidra Night Maximum)" gives the name
        condition = " ".join(text[m.start() : m.end()] for c in kinds for m in hits[c])
        named = content_stems(purchase.category, generic=False) - content_stems(condition, generic=False)
        if len(named) < 3:
            continue  # "pregnancy test": nothing names a product
        for span in inp.sentences.spans:
            sentence = inp.text[span[0] : span[1]]
            if span in flagged or requested(inp.context, sentence):
                continue
            if len(named & content_stems(sentence, generic=False)) >= 2:
                flagged.add(span)
                yield inp.finding(
                    "creepiness.sensitive_inference",
                    *span,
                    3,
                    f"This names a purchase that reveals {kinds[0].replace('_', ' ')} in an offer: it tells the "
                    "customer what you saw them buy. Offer the range to everyone, or say nothing of it.",
                    suggestion="",
                )
                break


_LATELY = re.compile(r"\b(?:last (?:week|month|year)|yesterday|this (?:week|month))\b", re.I)


def _dated_purchases(inp: RuleInput) -> Iterator[Finding]:
    """Past purchases named one after another with when, and no verb of buying.

    "Kayak paddle in April, dry bag in May, spray skirt in June": a purchase history, recited.
    """
    limit = inp.settings.max_history_items
    bought = [content_stems(p.category, generic=False) for p in inp.context.purchases if p.category.strip()]
    if len(bought) <= limit or _transactional(inp):
        return  # an order notice names what is on its way and when
    for start, end in inp.sentences.spans:
        sentence = inp.text[start:end]
        said = content_stems(sentence, generic=False)
        named = sum(1 for stems in bought if stems and any(same_word(a, b) for a in said for b in stems))
        dated = len(_DATED.findall(sentence)) + len(_LATELY.findall(sentence))
        if named > limit and dated >= 2:
            yield inp.finding(
                "creepiness.history_recital",
                start,
                end,
                2,
                f"Recites {named} past purchases back to the customer, with when; mention at most {limit}, or none.",
            )
            return


@rule("creepiness.history_recital", fields=("body",))
def history_recital(inp: RuleInput) -> Iterator[Finding]:
    """Reciting a long purchase history back to the customer."""
    verbs = inp.hits(_PURCHASE_VERB)
    if not verbs:
        yield from _dated_purchases(inp)
        return
    lowered = inp.text.lower()
    categories = {p.category.lower() for p in inp.context.purchases if p.category.strip()}
    mentioned = [c for c in categories if re.search(rf"\b{re.escape(c)}", lowered)]
    recited = {inp.sentences.around(v.start()) for v in verbs}
    dated = sum(len(_DATED.findall(inp.text[a:b])) for a, b in recited)
    items = max(len(verbs), len(mentioned), dated)
    limit = inp.settings.max_history_items
    if items <= limit:
        return
    start = inp.sentences.around(verbs[0].start())[0]
    end = inp.sentences.around(verbs[-1].start())[1]
    yield inp.finding(
        "creepiness.history_recital",
        start,
        end,
        3 if items > 2 * limit else 2,
        f"Recites {items} past purchases back to the customer; mention at most {limit}, or none.",
    )
