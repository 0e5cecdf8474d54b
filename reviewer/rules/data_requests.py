"""Asking for data: secrets never, sensitive personal data only where the purpose needs it."""

import re
from collections.abc import Iterator

from reviewer.models import Finding
from reviewer.rules._base import RuleInput, rule
from reviewer.rules._text import Hit, Lexicon, lead_in, words
from reviewer.rules.lexicon import CARE_PROVIDER, PROMO_RE

# Evidence of the customer's health, and who treats them where: "a doctor's note", "your obstetrician's name", "the
# hospital where you plan to give birth".
_HEALTH_EVIDENCE_ITEMS = (
    r"(?:doctor'?s|gp'?s|medical|sick|fit) (?:note|letter|certificate)|medical (?:evidence|records?)|"
    r"(?:doctor|gp|obstetrician|midwife|consultant|therapist|psychiatrist|psychologist|oncologist)'?s (?:name|details)|"
    r"(?:hospital|clinic) where you"
)
_ITEMS = (
    r"(?P<item>password|passcode|pin|"
    r"(?:full |long )?(?:\d{1,2}|sixteen)-digit (?:card )?number(?: on (?:the front of )?your card)?|"
    r"(?:\d|three|four|six)-digit (?:security |voicemail )?(?:code|pin)|(?:security )?code on the back|"
    # (not a photo of the passport's size: "a recent passport-style photo")
    r"(?:long )?number (?:on|across) the front|passport(?![-‑ ](?:style|sized?|photo)\b)|"
    r"(?:three|3|four|4)[- ]digits? on the back|"
    r"social security(?: number)?|ssn|dates? of birth|birth ?dates?|dob|full card number|card number|cvv|cvc|"
    r"security code|bank (?:account|details)|account number|routing number|income|salary|net worth|religion|"
    r"sexual orientation|medical history|health conditions?|diagnos[ie]s|weight|mother'?s maiden name|"
    r"(?:hiv|sti|std) (?:status|test results?)|"
    r"passport(?: number)?(?![-‑ ](?:style|sized?|photo)\b)|"
    r"driver'?s licen[cs]e(?: number)?|driving licen[cs]e(?: number)?|"
    r"national insurance(?: number)?|ni number|social insurance number|tax (?:id|file number|identification number)|"
    r"(?:alarm|door|gate|key ?safe|lock|access) code|code (?:for|to) (?:your|the) (?:key ?safe|alarm|door|gate|lock)|"
    r"(?:makeup-free |recent |clear )?selfie|photo of (?:yourself|your face)|(?:take-home|monthly|annual) pay|"
    r"nationality|(?:medical|health) conditions|"
    r"(?:roughly |approximately |about )?(?:what|how much) you earn|who you work for|(?:name of )?your employer|"
    r"(?:(?:last |most |two |three |2 |3 )*recent )?(?:payslips?|pay slips?|pay stubs?)|"
    r"(?:list of (?:the |any |all )?)?(?:medications?|medicines?) (?:that )?(?:you|anyone|someone)"
    r"(?: or (?:anyone|someone|anybody)(?: else)?)?(?: (?:in|at) your (?:household|home|house))?"
    r"(?:'re| are| is)? (?:currently |regularly |now )?(?:take|takes|taking|on)|disabilit(?:y|ies)|"
    r"long-term illness|nhs number|medicare number|" + _HEALTH_EVIDENCE_ITEMS + r"|"
    r"health (?:card|insurance) number|"
    r"ethnic(?:ity| background| origin)|marital status|live alone|living alone|"
    r"(?:\d-digit )?(?:otp|one[- ]time (?:pass(?:code|word)|code|pin))|"
    r"aadhaa?r(?: number)?|pan (?:card )?number|national id(?: number)?|id card number|"
    r"(?:sex|gender) of (?:your|the) baby|baby'?s (?:sex|gender)|"
    r"(?:whether|if) you(?:'re| are) (?:having|expecting) a (?:boy|girl) or a (?:boy|girl)|"
    r"(?:the )?school (?:they|he|she|your \w+) (?:attend|go to)|school and class|"
    r"(?:phone |mobile )?contacts(?: list)?|address book|contact list|photo library|camera roll|"
    # a tracker's health readings, where someone was born, where they worship
    r"(?:resting )?heart rate|sleep (?:data|patterns?)|step counts?|"
    r"(?:places?|towns?|countr(?:y|ies)) of birth|birthplaces?|"
    r"(?:mosque|church|synagogue|temple|gurdwara|place of worship) (?:you )?(?:attend|go to)|"
    # the family at home, which a job or an offer does not need: "tell me your childcare arrangements"
    r"childcare (?:arrangements?|plans?|situation|needs)|(?:whether|if) you have (?:kids|children))"
)
# The verbs of asking that both the item-first and the item-further-on patterns below start from.
_ASK_VERBS = (
    r"provide|confirm|enter|fill (?:in|out)|(?<!we )(?<!'ll )(?<!will )(?<!to )list(?! of)|"
    r"reply(?: (?:yes|no|y|n))?(?: to this \w+| here| back| in [\w ]{1,15}?| (?:before|by) [\w ]{1,15}?)? with|"
)
_DATA_REQUEST = Lexicon(
    r"\b(?:tell(?:ing)? us|shar(?:e|ing)|send(?: us| me)?|" + _ASK_VERBS + r"let us know|give (?:us|me)|sync|"
    # asked lightly: "mind telling me your religion?"
    r"(?:mind|care to) (?:telling|sharing with|letting) (?:me|us)(?: know)?|"
    r"text us|(?<!everything )(?<!all )(?:i|we)(?:'ll| will)?(?: also| just| only| now| first)? need|needs|i require|"
    r"(?:we )?ask (?:\w+ ){0,3}for (?:your|their)|"
    r"update|verify|type(?: in)?|key in|say|read out|upload|add|include|we require|paste|write|drop|pop|"
    r"complete (?:your |the )?(?:\w+ )?(?:profile|form|details) with|"
    r"(?:send|attach|snap) (?:us )?a (?:photo|picture|copy|scan) of|"
    rf"what(?:'s| is)?|which)\s+(?:us\s+)?(?:your\s+)?(?:[\w'(),:-]+\s+){{0,5}}?{_ITEMS}\b"
)
# A form to fill in, asked for: "complete your reader profile", "fill in the short form".
_FORM_VERB = r"(?:complete|fill in|fill out|finish|update) (?:your |the |a |our )?(?:[\w-]+ )?"
# The same items further into a sentence that asks for them, as a list or after a long lead-in: "could you send
# me a photo of your front door and the 4-digit code for your key safe?", "complete your profile: your date of
# birth, marital status, household income and religion".
_ITEM = Lexicon(rf"\b{_ITEMS}\b")
_ASKS = re.compile(
    r"\b(?:tell(?:ing)? (?:us|me)|shar(?:e|ing)|send|" + _ASK_VERBS + r"reply (?:yes|y|1) if|let us know|pop|drop|sync|"
    r"jot down|read (?:me|out|them|us|it out|back)|"
    # the form's questions told ahead: "On the registration form we'll ask for the model, ... your SSN"
    r"(?:we|i|form)(?:'ll| will)? (?:also |then )?asks? (?:you )?for|"
    r"give (?:us|me)|text us|"
    # not what was received: "we've received everything we need to prepare your return for SSN ..."
    r"(?<!everything )(?<!all )(?:i|we)(?:'ll| will)?(?: also| just| only| now| first)? need|needs|type|key in|"
    r"upload|attach|paste|write|" + _FORM_VERB + r"(?:profile|form|details)|"
    r"(?:could|can|would) you|(?:we'd|i'd|would) (?:love|like) (?:to (?:know|ask|hear)|a few|some)|"
    r"a (?:few|couple of) (?:quick )?(?:details|questions|things) from you|questions? about (?:you|yourself)|"
    # device access asked: "let the Northvane app see your contacts", "give us access to your photo library"
    r"let (?:the |our )?(?:[\w-]+ )?app (?:see|access|read)|(?:give|grant) (?:us |the app )?access to|"
    # what a profile or form to fill in covers: "It only takes a minute and covers your date of birth"
    r"(?:profile|it|questions?|survey|questionnaire|form) (?:only takes (?:a|one|two|\d+) (?:minute|min)s? and )?"
    r"(?:covers?|(?:also )?asks? about)|"
    # a form's questions made compulsory: "all questions are required to receive the voucher, including your religion"
    r"(?:questions?|fields?|answers?) (?:are |is )?(?:required|mandatory|compulsory))\b",
    re.I,
)
# An ask said not to be needed: "Good news: you don't need to upload your passport or visa yet".
_NO_NEED_TO = re.compile(
    r"\b(?:(?:don'?t|do not|won'?t|will not|never) (?:need|have) to|no need to|needn'?t)\s+\Z", re.I
)
# The item as the subject of what happens to it, not asked for: "your number, plan and contacts will carry over".
_HAPPENS_TO = re.compile(
    r"\s+(?:will|'ll|are|is|should|can)\s+(?:all\s+|automatically\s+|also\s+)?(?:carry|move|transfer|stay|copy|sync|"
    r"be (?:kept|moved|transferred|copied|saved|deleted))\b",
    re.I,
)
# What the company did or tells, not asks: "we've matched the last four digits", "I can confirm the payment".
_DONE_BY_US = re.compile(
    r"\b(?:i|we)(?:'ve| have) (?:matched|checked|verified|received|found)\b|\b(?:i|we) can confirm\b", re.I
)
# Not the customer's data: "our bank details", "income tax".
_NOT_THEIRS = re.compile(r"\b(?:our|my|the company'?s)\s+\Z", re.I)
_NOT_AN_ITEM_AFTER = re.compile(
    # "confirm that you pay enough UK Income or Capital Gains Tax": a tax named, not the income asked for
    r"\s+(?:or (?:[\w-]+ ){1,2})?(?:tax|protection|support|sacrifice|scheme|review|range|increase|rise|"
    r"advance|date)\b",
    re.I,
)
# A date of birth asked beside an address or a reference is an identity check, wherever it stands.
_ID_CHECK = re.compile(
    r"\b(?:first line of (?:your|the) address|postcode|post code|zip(?: code)?|full name|account number|"
    r"order number|reference number|last (?:four|4) digits)\b",
    re.I,
)
# An address or a reference asked beside other details: they check who is in the chat.
_ADDRESS_CHECK = re.compile(
    r"\b(?:first line of (?:your|the) address|postcode|post code|zip(?: code)?|account number|order number|"
    r"reference number|last (?:four|4) digits)\b",
    re.I,
)
_SOMEONE_ELSES = re.compile(r"\b(?:child|son|daughter|kid|baby|partner|husband|wife|friend)(?:'s|s')", re.I)
_SECRETS = {
    "password",
    "passcode",
    "pin",
    "cvv",
    "cvc",
    "security code",
    "full card number",
    "card number",
    "ssn",
    "social security",
    "social security number",
    "mother's maiden name",
    "mothers maiden name",
    "national insurance",
    "national insurance number",
    "ni number",
    "social insurance number",
    "tax id",
    "tax file number",
    "tax identification number",
    "otp",
    "one-time passcode",
    "one-time password",
    "one time passcode",
    "one time password",
    "one-time code",
    "one time code",
    "one-time pin",
    # national identity numbers, as an SSN
    "aadhaar",
    "aadhar",
    "aadhaar number",
    "aadhar number",
    "national id",
    "national id number",
}
# Some characters of a secret, as phone and chat checks ask: "the second and fifth digits of your security code".
_PART_OF = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|\d(?:st|nd|rd|th)|"
    # the end of a number, as a keypad check asks: "the last four digits of your card number"
    r"(?:last|final) (?:two|three|four|2|3|4))\b[^.?!\n]{0,30}?"
    r"\b(?:digits?|characters?|letters?) (?:of|from) (?:your|the) (?:[\w-]+ ){0,2}\Z",
    re.I,
)
# What no identity check ever asks for: a whole online password, a bank card's PIN.
_NEVER_ASKED = re.compile(
    r"\b(?:online|internet|mobile|full|whole)\b.{0,30}\bpassword|\bcard'?s? pin|\bpin (?:of|for) (?:the|your)"
    r"|\bpin (?:\w+ ){0,5}(?:debit|credit|bank|cash) card|\bfull (?:\d+-digit )?card number|\b16-digit card number"
    r"|\bfull (?:\d{1,2}|sixteen)-digit (?:card )?number"
    # the card's PIN, however the sentence gets there: "the 16-digit number on your card, followed by your PIN"
    r"|\bcard\b[^.?!\n]{0,50}\b(?:(?:\d|four|six)-digit )?pin\b"
    r"|\b(?:prize )?draw\b|\bcompetition\b|\bsweepstakes?\b|\bgiveaway\b"
    # a whole national identity number: a check needs its last digits at most
    r"|\b(?:full|whole|entire|complete|nine-digit|9-digit)\b.{0,20}\b(?:social security|ssn|national insurance|"
    r"social insurance|aadhaa?r|national id)",
    re.I,
)
# Codes that open a home are secrets whatever they are called.
_ACCESS_CODE = re.compile(r"\b(?:alarm|door|gate|key ?safe|lock|access) code\b|\bcode (?:for|to) ", re.I)
# A secure place the company runs: "the secure link I've just sent", "our secure portal".
_SECURE_PLACE = r"secure (?:[\w-]+ )?(?:portal|site|page|link|upload|form)"
# Sent to a safe place first ("log in to update your date of birth"): not a request by message.
_SAFE_CHANNEL = words(
    [
        # sending the customer there, not "so I can log in as you"
        r"log ?in (?:to|at|on|via|and)",
        r"sign in (?:to|at|on|via|and)",
        r"account settings",
        r"in the app",
        _SECURE_PLACE,
        r"(?:login|log-in|sign-in|sign in) (?:page|screen)",
    ]
)
# A secret the customer sets for themselves, not one they send: "choose a new password", "reset your PIN".
_SET_OWN = re.compile(
    r"\b(?:choose|set(?: up)?|create|pick|reset|change|make up)\s+(?:a |an |your )?(?:new |own |strong )?"
    r"(?:[\w-]+ )?\Z",  # "Change your Juniper password"
    re.I,
)
# The company doing it itself: "for me to log in and check", "so we can sign in as you".
_WE_DO_IT = re.compile(r"\b(?:me|us|i|we|myself)\b(?: (?!you\b|your\b)\w+){0,5}\s*\Z", re.I)
_DESTINATION = re.compile(r"\b(?:to|into) (?:any |a |an |your |their |the |another )?(?:[\w-]+ )?\Z", re.I)
# The company sending, not asking: "for your security I'll send a one-time PIN to the number on your account".
_WE_SEND = re.compile(r"\b(?:i|we)(?:'ll| will| can| are going to)?(?: now| just| also| first)?\s+\Z", re.I)
# A code the company just sent is a one-time code: "reply with the 6-digit code we just texted you".
_CODE_WE_SENT = re.compile(r"\s+(?:that )?(?:we|i)(?:'ve| have)? (?:just )?(?:sent|texted|emailed)", re.I)
# The company sending a code for the caller to key in: "We'll then send a one-time code to the mobile number on your
# account, which you can enter when prompted".
_WE_SEND_CODE = Lexicon(
    r"\b(?:we|i)(?:'ll| will)?(?: then| now| just| first| also)? (?:send|text) (?:you )?(?:a|an|your) "
    r"(?:\d-digit |six-digit |new )?(?:one[- ]time|verification|security|confirmation) (?:code|passcode|pin)\b"
)
# A code texted to the customer's own phone to approve a step in the app: the usual second factor, kept by them.
_CONFIRM_IN_APP = re.compile(r"(?:confirm|verify|approve|authori[sz]e)\w*\b", re.I)
_CODE_SENT_TO = re.compile(
    r"\s+(?:that (?:we |is |was )?)?(?:sent|texted|emailed) to (?:your|her|his|their|the) (?:own )?"
    r"(?:phone|mobile|number|email|device|app)\b",
    re.I,
)
# No identity check needs these: asked "to verify you", they are still data the purpose does not need.
# What the customer earns, as an ask names it.
_EARNINGS_WORDS = r"income|salary|pay\b|pay ?slips?|pay stubs?|net worth|earn|employer|work for"
_NOT_IDENTITY = re.compile(
    _EARNINGS_WORDS + r"|religion|sexual|health|medic|diagnos|disabilit|illness|ethnic|doctor|gp'?s|sick|fit note|"
    r"obstetric|midwife|therapist|psychiatr|psycholog|oncolog|hospital|clinic|"
    r"nationality|marital|weight|live alone|living alone|heart rate|sleep|step count|birth ?place|"
    r"(?:place|town|countr(?:y|ie))s? of birth|"
    r"mosque|church|synagogue|temple|gurdwara|worship|childcare|have (?:kids|children)",
    re.I,
)
# A warning not to share is the opposite of a request, wherever it stands in the sentence.
_WARNING = words(
    [
        r"will never ask",
        r"never ask",
        r"(?:no one|nobody|no-one) (?:\w+ ){0,3}(?:will|would|should) (?:ever )?ask",
        r"never (?:call|text|email|e-mail|message|ring|phone|contact) you to ask",
        # the brand by name, or the reader told they never need to: "Oakhurst will never call, text or email to ask"
        r"(?:will|would|does|do|'ll) never (?:call|text|email|e-mail|ask|message|contact|phone|ring)",
        r"never (?:need|have) to (?:share|send|give|tell|enter|type|read out)",
        r"(?:won'?t|will not|don'?t|do not) (?:ever )?ask (?:you )?(?:for|to)",
        r"(?:don'?t|do not|never|won'?t|will not|shouldn'?t|should not) (?:ever )?(?:share|send|give|enter|type|"
        r"reply with|tell|post|include|email|e-mail|text|message|upload)",
    ]
)
_VERIFICATION = Lexicon(
    r"\b(?:verif(?:y|ied|ication)|for your security|confirm your identity|security check|"
    r"(?:keep|protect) your account (?:safe|secure)|"
    r"(?:confirm|check|make sure) (?:it'?s|it is|that it'?s) (?:really )?you|identify you|"
    r"(?:on|using) your (?:phone'?s )?keypad|followed by the (?:hash|pound|star) key|key in|"
    r"to (?:help (?:us|me) |let (?:us|me) )?(?:find|locate|look up|pull up|access|open) your "
    r"(?:account|policy|booking|record|details|file|claim)|"
    # someone else's check when they call: "she'll just need to confirm her date of birth the first time she rings"
    r"(?:she|he|they)(?:'ll| will)? (?:just |only |also )?(?:need|have) to (?:confirm|verify|give|provide)|"
    r"(?:run|go|get) through (?:some |a few |the )?security|security (?:questions|details)|"
    # the holder asked to check themselves: "since the account is in her name, could she confirm her date of birth?"
    r"(?:account|policy) is in (?:her|his|their|your) name|(?:could|can|would) (?:she|he|they) (?:[\w']+ ){0,8}?"
    r"(?:confirm|verify)|"
    r"(?:make sure|check|confirm) (?:who )?(?:i'?m|i am|we'?re|we are) (?:speaking|talking) (?:to|with)|"
    r"before (?:i|we) (?:go into|look at|open|pull up|check|discuss|access|"
    r"can discuss|can look at|can talk about|talk about|can help "
    r"with|can go through|can make changes to) (?:anything on )?(?:the|your) account)\b"
)

# The message says why the purpose needs the data: a quote, a claim, a declaration the law requires.
_PURPOSE = re.compile(
    r"\b(?:before (?:we|i) can|so (?:that )?(?:we|i) can|in order to|to)\s+"
    r"(?:give you an? (?:accurate |final |exact |real |firm )?(?:price|quote)|quote|"
    r"set up (?:a |your )?(?:re)?payment plan|"
    r"agree (?:a |your )?(?:re)?payment plan|work out (?:a |your )?budget|"
    r"cover you|price your (?:cover|policy)|process your (?:claim|application)|assess your (?:claim|application)|"
    # "Your answers are used only to price and underwrite this policy"
    r"price and underwrite (?:this|your|the) (?:policy|cover)|underwrite (?:this|your|the) (?:policy|cover)|"
    r"make (?:a|the|this) declaration|confirm you(?:'re| are) eligible|"
    # the records the request moves or checks: "your date of birth, so we can match your records"
    r"match (?:you to )?(?:your|our) (?:records?|file|details))\b"
    r"|\b(?:required|needed) (?:by law|for (?:your|the|this) (?:policy|cover|claim|application|declaration))\b"
    r"|\bby law,? we\b|\b(?:prices?|premiums?|quotes?|cover) (?:depends?|is based|are based) on\b"
    r"|\bage affects (?:the|your) (?:[\w-]+ )?(?:cover|price|premium|quote)\b"
    # a rule the sender must follow: "Canadian authorities require Advance Passenger Information for every traveller"
    r"|\b(?:authorities|government|immigration|customs|border (?:control|force|agency)|regulations?|regulators?|"
    r"(?:the|state|federal|local|national|provincial) law|legislation|airlines?|carriers?) "
    r"(?:requires?|required|asks? for|obliges?|needs? (?:them|it|this|these))\b"
    r"|\b(?:we(?:'re| are)|you(?:'re| are)) (?:legally )?"
    r"(?:required|obliged) (?:by law )?to\b"
    r"|\(optional\b|\bonly shared with\b"
    # someone added to the account or policy needs naming and checking: "to add him as an authorised user"
    r"|\b(?:joint (?:policy ?holder|account ?holder|account|policy)|authori[sz]ed (?:user|person|signatory)|"
    r"(?:named|second|additional|extra) driver|additional cardholder)\b"
    # what those looking after the customer must know to keep them safe: "so we can plan a safe first session",
    # "any allergies or medical needs our coaches should know about"
    r"|\bso (?:that )?(?:we|i|our [\w-]+|the [\w-]+) can (?:[\w-]+ ){0,3}(?:safe|safely)\b"
    r"|\bto keep (?:you|them|him|her|your (?:child|children|kids?|son|daughter)) safe\b"
    r"|\b(?:staff|coaches|instructors?|teachers|leaders|carers|nurses|guides|crew) (?:should|need to|must) know\b"
    # an age limit the customer asked to pass: "some of these titles are rated 18+"
    r"|\b(?:rated|age[- ]restricted|over|aged) 1[689]\+?|\bage (?:check|verification|ratings?|limit)\b"
    # the legal age for what is sold: "so we can check you're 21 or over", "of legal drinking age"
    r"|\b(?:1[89]|21|25) or (?:over|older)\b|\b(?:over|aged) 21\b|\blegal (?:drinking |purchase |purchasing )?age\b",
    re.I,
)

# A secret of another service, never the phone line's own check: "enter your online banking PIN", "your card PIN".
_ANOTHER_SERVICES = re.compile(r"\b(?:(?:online|mobile|internet) banking|card|app) (?:pin|passcode)\b", re.I)
# The message says nothing need be shared: "Just say if you'd like the link - no need to share any details here".
_NO_DETAILS_HERE = re.compile(
    r"\bno need to (?:share|give|send|tell us|provide) (?:any |your )?(?:details|information|info|specifics)\b"
    r"|\byou (?:don't|do not) (?:need|have) to (?:share|give|send|tell us|provide) (?:any|anything|your)\b",
    re.I,
)
# Someone who must be there, not the customer's age: "please make sure someone over 18 is home".
_WHO_MUST_BE_THERE = re.compile(r"\b(?:someone|somebody|an adult|a person|a responsible adult)(?: aged)? \Z", re.I)


def _purpose(text: str, start: int = 0, end: int | None = None) -> bool:
    """A reason the purpose needs the data is given in ``text[start:end]``."""
    return any(
        not _WHO_MUST_BE_THERE.search(text, max(0, m.start() - 30), m.start())
        for m in _PURPOSE.finditer(text, start, len(text) if end is None else end)
    )


# A case that asks only what anyone could be told, and one about the customer's own account or orders.
_GENERAL_ENQUIRY = re.compile(
    r"\b(?:what time|opening (?:hours|times)|(?:does|do|is|are) (?:the |your )?[\w ]{0,30}(?:open|close)|hours|"
    r"where is|directions|parking|do you (?:sell|stock|have|deliver to)|in stock|price of|how much (?:is|are|does)|"
    r"general (?:question|enquiry|inquiry))\b",
    re.I,
)
_ACCOUNT_BUSINESS = re.compile(
    r"\b(?:my|her|his|their|account|card|payment|charge|balance|bill|statement|order|refund|dispute|booking|claim|"
    r"loan|transaction|password|login|direct debit|transfer)\b",
    re.I,
)
# A payment that did not go through needs new payment details: "it was returned by your bank, so please update
# your bank details".
_PAYMENT_FAILED = re.compile(
    r"\b(?:payments?|direct debits?|instal?ments?|premiums?|card|transfers?)\b(?:[^.!?\n]|\.(?=\d)){0,60}"
    r"\b(?:returned|declined|failed|bounced|unsuccessful|did(?: not|n't) go through|was(?: not|n't) paid)\b"
    r"|\b(?:couldn't|could not|were unable to|weren't able to) (?:collect|take|process) (?:your |the |this )?"
    r"(?:\w+ )?(?:payment|direct debit|premium|instal?ment)",
    re.I,
)
_PAYMENT_ITEMS = re.compile(r"bank|card|payment|account number|sort code|routing|iban", re.I)
# The case the customer opened needs the data: a loan or account application, a quote, a claim.
_CASE_PURPOSE = re.compile(
    r"\b(?:applications?|applying|apply|loan|mortgage|credit check|quote|claim|account opening|payment plan|arrears|"
    r"overdraft|(?:credit |card )?limit (?:increase|rise)|"
    r"(?:change|changing|update|updating) (?:of )?(?:my |her |his |the |their )?(?:sur|last |first |family )?name|"
    r"name change|"
    r"add (?:a |an |my |our )?(?:second |another |new )?(?:authori[sz]ed |joint |named )?(?:person|user|member|driver|"
    r"cardholder|account holder|contact|signatory|representative|third party|"
    r"newborn|baby|child|dependa?[ae]nt|spouse|partner|daughter|son)|"
    r"hardship|affordability|"
    r"open(?:ing)? an? account)\b",
    re.I,
)
# The customer's own application or claim, in progress: "your mortgage application", "the loan application you
# started" (not an invitation to apply: "apply for a loan today").
_OWN_APPLICATION = re.compile(
    r"\byour (?:[\w-]+ ){0,2}?(?:application|claim)\b(?! form\b)"
    r"|\bthe (?:[\w-]+ ){0,2}?(?:application|claim) you (?:started|made|submitted|opened|began)\b",
    re.I,
)
# The numbers a government or a lender checks a claim or an application by.
_GOVERNMENT_NUMBERS = (
    r"national insurance|ni number|social security|ssn|social insurance|tax (?:id|file number|identification number)"
)
_GOVERNMENT_NUMBER = re.compile(_GOVERNMENT_NUMBERS, re.I)
# ...which needs money and identity details, never religion, health or family plans.
_CASE_ITEMS = re.compile(
    _EARNINGS_WORDS
    + r"|date of birth|birth ?date|dob|passport|licen[cs]e|bank|account number|routing|"
    + _GOVERNMENT_NUMBERS,
    re.I,
)
# A claim pays for what was lost or damaged: identity and bank details for the payout, not what the customer earns
# or the government numbers a benefit checks, unless earnings (or a benefit: "my Pension Credit claim") are what it
# replaces. A windscreen claim needs neither.
_EARNINGS = re.compile(_EARNINGS_WORDS, re.I)
_EARNINGS_CLAIM = re.compile(
    r"\b(?:income|earnings|wages?|salary|redundancy|unemployment|sick(?:ness)? pay|payment protection|"
    r"disabilit\w*|critical illness|hardship|benefits?|pension credit|state pension|tax credits?|universal credit)\b",
    re.I,
)


# Health evidence is for a case about health: a freeze for an injury needs a doctor's note, one for travel does not.
_HEALTH_EVIDENCE = re.compile(rf"\b(?:{_HEALTH_EVIDENCE_ITEMS})", re.I)
_HEALTH_CASE = re.compile(
    r"\b(?:medical\w*|illness|ill|sick\w*|injur\w*|health|surgery|operation|hospital\w*|pregnan\w*|"
    r"(?:medical |health )?condition|recover\w*|disabilit\w*)\b",
    re.I,
)


def _case_needs(topic: str | None, item: str) -> bool:
    """The case the customer opened needs ``item``: a loan needs income, a windscreen claim does not."""
    if _HEALTH_EVIDENCE.search(item):
        return bool(topic and _HEALTH_CASE.search(topic))
    if not topic or not _CASE_ITEMS.search(item):
        return False
    purposes = {m.group(0).lower() for m in _CASE_PURPOSE.finditer(topic)}
    if purposes <= {"claim"} and (_EARNINGS.search(item) or _GOVERNMENT_NUMBER.search(item)):
        return _EARNINGS_CLAIM.search(topic) is not None
    return bool(purposes)


# Offers tailored as the reason: "To personalise your offers, tell us your annual household income... using the
# secure form below". A safe form does not make earnings or health needed for that.
_TO_PERSONALISE = re.compile(
    r"\bto (?:personali[sz]e|tailor|customi[sz]e)\b|\bmore relevant (?:offers|rates|deals|products|recommendations)\b",
    re.I,
)


# Sent on to a safe place: "upload a photo of your licence in the app under Application".
_SAFE_PLACE_AFTER = re.compile(
    r"\b(?:in|on|via|through|using) (?:the|our|your) (?:[\w-]+ ){0,3}"
    rf"(?:app|portal|{_SECURE_PLACE}|account settings|online account|online banking)\b",
    re.I,
)

# The same asks without a request verb: a form line ("Your annual household income: ____") or "whether you've
# ever been diagnosed with...".
_DATA_FIELD = Lexicon(
    # a field to fill in: a list line ("- your annual income"), or a label ("Your annual income: ____"), not a
    # sentence about it ("Your salary lands on the 28th")
    r"(?:^|(?<=\n))[ \t]*(?:(?P<bullet>[-*•]\s*|\d{1,2}[.)]\s*))?your (?:annual |yearly |monthly |total )?"
    r"(?:household )?(?P<item>income|salary|net worth|religion|sexual orientation|medical history|date of birth|"
    r"(?:full )?date of birth|take-home pay|pay|alarm code|(?:key ?safe|door|gate) code|passport(?: number)?|"
    r"national insurance number|medications?|(?:medical|health) conditions?|ethnic(?:ity| background)|nationality)\b"
    r"(?(bullet)|(?=[ \t]*(?:[:?_(\[]|\.{3}|$)))"
    r"|\b(?:whether|if) you(?:'ve| have) (?:ever )?been (?P<item2>diagnosed|treated|hospitali[sz]ed)"
    r"|\b(?:whether|if) (?:you|anyone in your (?:household|family|home)) (?:has|have|lives? with) (?:an? )?"
    r"(?P<item3>disability|long-term illness|(?:medical|health) condition)"
    # a list item or a question under an ask ("tell us:", "Which religion do you practise?")
    r"|(?:^|(?<=\n))[ \t]*(?:[-*•]\s*|\d{1,2}[.)]\s*)(?:[\w'’]+,?\s+){0,6}?(?:your |their |each \w+'s |the )?"
    r"(?P<item4>religion|sexual orientation|medical history|(?:full )?date of birth|(?:medical|health) conditions?|"
    r"medications? (?:that )?you (?:currently |regularly |now )?take|ethnic(?:ity| background)|nationality|"
    r"(?:household )?income|salary|how much you earn|marital status|relationship status|"
    # "any back or joint conditions you've been diagnosed with", "your GP's name and surgery"
    r"conditions? (?:that )?you(?:'ve| have)(?: been)? diagnosed with|diagnos[ie]s|"
    r"(?:doctor|gp|therapist|consultant)'?s (?:name|details)|"
    r"passport(?: number)?|national insurance number|social security number|pay ?slips?|pay stubs?|"
    r"(?:name of (?:each |your |their )?)?(?:child'?s|children'?s|kids'?) school|"
    # a login listed among a claim's documents: "- your online banking username and password, so we can verify"
    r"(?:(?:online |internet |mobile )?banking |account |app |e-?mail )?(?:(?:username|user ?name|login|user id) and )?"
    r"(?:password|passcode))\b"
)
# What introduces a list of questions: "tell us:", "a few questions", "we'd love to know".
_ASKS_FOR_LIST = re.compile(
    r"(?:tell us|let us know|share|answer|reply with|we'?d (?:love|like) to know|questions?|fill (?:it|this|in)|"
    r"enter|upload|send (?:us|me|in|over)|provide|the following|"
    r"complete|profile|form)\b[^\n]*$",
    re.I,
)


def _asked_in_list(text: str, pos: int) -> bool:
    """The list item at ``pos`` is itself a question, or sits under a line that asks for the list."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    if "?" in text[line_start : line_end if line_end >= 0 else len(text)]:
        return True
    return _ASKS_FOR_LIST.search(lead_in(text, pos)) is not None


_FORM_ASKED = re.compile(rf"\b{_FORM_VERB}(?:profile|form|survey|questionnaire)\b", re.I)


def _asked_further_on(inp: RuleInput, m: Hit) -> bool:
    """An item deep in a sentence that asks for something before it: the customer's own, not an ID check."""
    start, end = inp.sentences.around(m.start())
    if _NOT_THEIRS.search(inp.text, start, m.start()):
        return False
    if _ASKS.search(inp.text, start, m.start()) is None:
        # the form asked for one sentence back, its questions listed after a colon: "please complete your reader
        # profile. It only takes a minute: your annual household income, your employer, ..."
        before = _sentence_before(inp, m.start())
        if before == start or not _FORM_ASKED.search(inp.text, before, start) or ":" not in inp.text[start : m.start()]:
            return False
    if _NOT_AN_ITEM_AFTER.match(inp.text, m.end()):
        return False
    item = _item_name(m)
    if item in _SECRETS:
        return True
    if _NOT_IDENTITY.search(item):
        return True  # income or health beside an order number is still no identity check
    # on a phone line or in a chat, non-secret details asked beside an address or a reference check identity
    return inp.message.channel != "ivr" and not _ID_CHECK.search(inp.text, start, end)


# Reasons a reader may have, listed so they can choose a service: "for example because of age, a disability or".
_EXAMPLES_OF_NEED = re.compile(
    r"\b(?:for example|for instance|such as|e\.g\.),? (?:because of|due to|if you have|with) [^.!?\n]*\Z", re.I
)
# What no price or quote needs, and the words of pricing.
_NEVER_PRICED = re.compile(r"religio|sexual|ethnic", re.I)
_PRICING = re.compile(r"\b(?:quotes?|quoting|price|pricing|premiums?|cover you|underwrite)\b", re.I)


def _sentence_before(inp: RuleInput, pos: int) -> int:
    """Where the sentence before the one at ``pos`` starts (that sentence's own start when it is the first)."""
    start = inp.sentences.around(pos)[0]
    return inp.sentences.around(max(start - 2, 0))[0] if start > 0 else start


def _announced_check(inp: RuleInput, pos: int) -> bool:
    """The sentence just before announces the identity check: "For your security we need to confirm it's you."."""
    start = inp.sentences.around(pos)[0]
    before = _sentence_before(inp, pos)
    return before < start and inp.scan.first_within(_VERIFICATION, before, start) is not None


_MEDICAL_ASKS = {"diagnosed", "treated", "disability", "hospitalised", "hospitalized"}
# A health provider's own appointment notice: "arrive early so we can update your medical history form".
_CARE_VISIT = re.compile(r"\b(?:appointment|cleaning|check-?up|consultation|exam|procedure|visit)\b", re.I)
_HEALTH_ITEMS = re.compile(r"medical|health|medication|medicine|allerg|condition", re.I)


def _item_name(m: Hit) -> str:
    """The item asked for, named as the secrets list names it ("16-digit number on your card": a card number)."""
    item = next((g for g in (m.groupdict().get(k) for k in ("item", "item2", "item3", "item4")) if g), "").lower()
    if re.search(r"digit (?:card )?number|number (?:on|across) the front", item):
        return "full card number"
    if re.search(r"(?:\b3|three)-digit (?:security )?code|code on the back|digits? on the back", item):
        return "security code"  # "the 3-digit code on the back": the card's CVV, however it is described
    if item.endswith(" pin"):
        return "pin"
    if item.endswith("otp"):
        return "otp"
    if item.endswith(("password", "passcode")):
        return item.split()[-1]  # "online banking username and password": a password
    return "medical history" if item in _MEDICAL_ASKS else item


# The company moving or keeping the customer's data for them: "we'll move your contacts over while you wait".
_WE_MOVE_IT = re.compile(
    r"\b(?:we(?:'ll| will| can)?|i(?:'ll| will| can)?) (?:also )?"
    r"(?:move|transfer|copy|carry|port|back up|bring|keep|save) (?:over )?(?:all )?(?:of )?your (?:[\w-]+ ){0,2}\Z",
    re.I,
)


# A national identity number asked to claim a perk: no reward needs one, wherever it is typed.
_NATIONAL_ID = re.compile(
    r"social security|\bssn\b|national insurance|\bni number|social insurance|aadhaa?r|national id|tax (?:id|file)",
    re.I,
)
_PERK = re.compile(
    r"\b(?:rewards?|perks?|points|loyalty|birthday (?:treat|gift|reward|month)|free (?:dessert|drink|coffee|gift|"
    r"sample|side)|giveaway|prize|draw|competition|sweepstakes?)\b",
    re.I,
)
_NEEDS_AN_ID = re.compile(
    r"\b(?:credit (?:check|card|limit|report)|loan|mortgage|tax|payroll|employment|pension|brokerage|"
    r"open(?:ing)? (?:an? |your )?(?:\w+ )?account)\b",
    re.I,
)


def _id_for_a_perk(inp: RuleInput, items: list[str]) -> bool:
    """A national identity number asked to claim a reward, with no credit, tax or account business to need it."""
    asked_id = any(_NATIONAL_ID.search(i) for i in items)
    return asked_id and bool(_PERK.search(inp.text)) and not _NEEDS_AN_ID.search(inp.text)


def _line_at(text: str, at: int) -> str:
    """The rest of the line from ``at``: a list item's whole line, which the sentence splitter cuts after "1."."""
    end = text.find("\n", at)
    return text[at : len(text) if end < 0 else end]


@rule("overreach.data_request")
def data_request(inp: RuleInput) -> Iterator[Finding]:
    """Asking for sensitive personal data or secrets the purpose does not need."""
    asks = [*inp.hits(_DATA_REQUEST), *inp.hits(_DATA_FIELD)]
    covered = [(m.start(), m.end()) for m in asks]
    asks += [
        m for m in inp.hits(_ITEM) if not any(a <= m.start() < b for a, b in covered) and _asked_further_on(inp, m)
    ]
    topic = inp.context.support.topic if inp.context.support and inp.context.support.open_case else None
    if topic is None and inp.message.channel in ("chat", "ivr"):
        # what the customer asked for in this chat or call: "can I increase my arranged overdraft to £1,000?"
        topic = " \n ".join(inp.context.stated_preferences) or None
    if topic is None and (own := _OWN_APPLICATION.search(inp.text)):
        # the customer's own application, named by the message: "Thanks for choosing us for your mortgage
        # application. To move to the next stage, please upload your last three payslips"
        topic = own.group(0)
    # an identity check is for account business: a question about opening hours needs no date of birth
    general = bool(topic and _GENERAL_ENQUIRY.search(topic) and not _ACCOUNT_BUSINESS.search(topic))
    care_visit = CARE_PROVIDER.search(inp.text) is not None and _CARE_VISIT.search(inp.text) is not None
    for m in sorted(asks, key=lambda m: m.start()):
        groups = m.groupdict()
        start, end = inp.sentences.around(m.start())
        safe = inp.scan.first_within(_SAFE_CHANNEL, start, m.start("item") if groups.get("item") else m.end())
        if safe is not None and _WE_DO_IT.search(inp.text, max(0, safe.start() - 30), safe.start()):
            safe = None  # "for me to log in and check myself - could you send your password?": not a safe place
        if inp.in_sentence(_WARNING, m.start()) or _NO_NEED_TO.search(inp.text, max(0, m.start() - 30), m.start()):
            continue
        following = inp.sentences.after(m.start())
        if _NO_DETAILS_HERE.search(inp.text, start, following[1] if following else end):
            continue  # "...you can join our Priority Services Register. No need to share any details here": not asked
        if groups.get("item") and _HAPPENS_TO.match(inp.text, m.end()):
            continue
        item_at = m.start("item") if groups.get("item") else m.start()
        asked_at = max((a.start() for a in _ASKS.finditer(inp.text, start, item_at)), default=m.start())
        if _DONE_BY_US.search(inp.text, max(start, asked_at - 8), item_at):
            continue  # "to confirm it's you, we've matched the last four digits of your SSN": done, not asked
        item_start = m.start("item") if groups.get("item") else m.start("item4") if groups.get("item4") else -1
        if item_start >= 0 and _SET_OWN.search(inp.text, max(0, item_start - 30), item_start):
            continue  # "you'll be able to choose a new password": set by them, sent to nobody
        if _WE_MOVE_IT.search(inp.text, max(0, m.start() - 40), m.start("item") if groups.get("item") else m.start()):
            continue  # "we'll move your contacts over for you": a service done with their data, nothing asked
        if _EXAMPLES_OF_NEED.search(inp.text, max(start, item_at - 60), item_at):
            continue  # "if you need extra help, for example because of age, a disability...": reasons, not asks
        item = _item_name(m)
        # the words that say whose secret it is: "your online banking PIN"
        raw = inp.text[max(start, item_at - 25) : m.end()]
        # the worst thing the same ask lists: "your date of birth and Social Security number"
        listed_here = [_item_name(h) for h in inp.hits(_ITEM) if start <= h.start() < end]
        if safe or _SAFE_PLACE_AFTER.search(inp.text, m.end(), end):
            # a safe place is how to send what the purpose needs; income or health asked to unlock an offer, or
            # beside the ID a SIM swap needs, is not needed wherever it is typed
            beside = next((i for i in listed_here if _NOT_IDENTITY.search(i)), None)
            if beside and not _NOT_IDENTITY.search(item) and not _case_needs(topic, beside):
                item = beside
            elif not (
                _NOT_IDENTITY.search(item)
                and (inp.first(PROMO_RE) or _TO_PERSONALISE.search(inp.text, start, end) is not None)
            ):
                if not _id_for_a_perk(inp, [item, *listed_here]):
                    continue
        if re.match(r"(?i)send\b", inp.at(m)) and _WE_SEND.search(inp.text, max(0, m.start() - 30), m.start()):
            continue
        if groups.get("item") and _DESTINATION.search(inp.text, m.start(), m.start("item")):
            continue  # "send money straight to any Nigerian bank account": where money goes, not data asked for
        if groups.get("item") and _CONFIRM_IN_APP.match(inp.at(m)) and _CODE_SENT_TO.match(inp.text, m.end()):
            continue  # "confirm it with a one-time code sent to her phone": typed into the app, never sent to us
        if groups.get("item") and _NOT_AN_ITEM_AFTER.match(inp.text, m.end()):
            continue  # "confirm that any salary sacrifice changes are entered": a scheme, not their salary
        if groups.get("item") and _NOT_THEIRS.search(inp.text, max(m.start(), m.start("item") - 20), m.start("item")):
            continue  # "our billing team will send you an invoice with our bank details": the company's own
        if re.match(r"(?i)wh(?:at|ich)\b", inp.at(m)) and not inp.sentences.text_around(m.start()).endswith("?"):
            continue  # "see what income your pot could give you" tells; "what's your income?" asks
        listed = not groups.get("item") and groups.get("item4")
        if listed and not _asked_in_list(inp.text, m.start("item4")):
            continue
        item = next((i for i in listed_here if i in _SECRETS), item)
        if inp.message.channel in ("chat", "ivr") and inp.in_sentence(_WE_SEND_CODE, m.start()):
            continue  # "we'll then send a one-time code to your mobile, which you can enter when prompted": the check
        if _CODE_WE_SENT.match(inp.text, m.end()) and inp.message.channel not in ("chat", "ivr"):
            # "reply with the 6-digit code we just texted you": a one-time code sent back by message; typed into
            # the live chat or call that asked for it, it is the check itself
            item = "otp"
        in_list = bool(listed or groups.get("bullet"))
        if _GOVERNMENT_NUMBER.search(item) and _case_needs(topic, item):
            # the benefit claim the customer opened needs the number, and the message names the safe way to give it
            # within the next two sentences: "...we need your National Insurance number. You'll find it on your
            # letters. Please enter it on the secure claim page"
            then = inp.sentences.after(following[0]) if following else None
            if _SAFE_PLACE_AFTER.search(inp.text, start, (then or following or (start, end))[1]):
                continue
        # a price never rests on faith, sexuality or ethnicity: "Happy to quote... I'll need your religion"
        priced_on_who = _NEVER_PRICED.search(item) is not None and _PRICING.search(
            inp.text, _sentence_before(inp, m.start()), following[1] if following else end
        )
        if item not in _SECRETS and (
            (
                not priced_on_who
                and (
                    _purpose(inp.text, start, end)
                    or _purpose(inp.text, _sentence_before(inp, m.start()), start)
                    # the reason given just after the ask: "...any medication that affects your heart rate. Only
                    # your instructor sees it, and it's there so we can plan a safe first session."
                    or (following and _purpose(inp.text, end, following[1]))
                    or (in_list and _purpose(lead_in(inp.text, m.start())))
                    or (in_list and _purpose(_line_at(inp.text, m.start())))  # "1. Your date of birth, so we can..."
                )
            )
            or _case_needs(topic, item)
            or (care_visit and _HEALTH_ITEMS.search(item))
            or (_PAYMENT_ITEMS.search(item) and _PAYMENT_FAILED.search(inp.text))
        ):
            continue  # "before we can give you a price, we need to ask about medical conditions": the purpose needs it
        # "You've been selected for our sweepstakes! To enter, key in your SSN": the purpose may be a sentence back
        never_asked = any(
            not inp.in_sentence(_WARNING, n.start())  # "we will never ask for your online banking password" warns
            for n in _NEVER_ASKED.finditer(inp.text, _sentence_before(inp, m.start()), end)
        )
        if (
            not never_asked
            and not general
            and not _NOT_IDENTITY.search(item)
            and (
                # a phone line's check takes a PIN or a passcode on the keypad, never the password of an app or
                # a website ("to verify your identity, key in your app password"), nor another service's PIN
                (
                    inp.in_sentence(_VERIFICATION, m.start())
                    and (
                        (inp.message.channel == "ivr" and item != "password" and not _ANOTHER_SERVICES.search(raw))
                        or item not in _SECRETS
                    )
                )
                or (item not in _SECRETS and _announced_check(inp, m.start()))
                # on a call, or in a chat beside an address or a reference, the customer's own details check who
                # is there (not when income or health is asked with them, nor a child's details)
                or (
                    item not in _SECRETS
                    and not any(_NOT_IDENTITY.search(i) for i in listed_here)
                    and not _SOMEONE_ELSES.search(inp.text, start, m.end())
                    and (
                        inp.message.channel == "ivr"
                        or (inp.message.channel == "chat" and _ADDRESS_CHECK.search(inp.text, start, end))
                    )
                )
            )
        ):
            continue  # identity checks ask for such data by design: on a phone keypad, or non-secret items
        if (
            inp.message.channel in ("ivr", "chat")
            and groups.get("item")
            and _PART_OF.search(inp.text, max(start, m.start("item") - 60), m.start("item"))
        ):
            continue  # "the second and fifth digits of your security code": a partial check, never the secret whole
        severity = 4 if item in _SECRETS or _ACCESS_CODE.search(item) else 3
        if listed:  # a list line: the finding is the line, not "3."
            line_end = inp.text.find("\n", m.start("item4"))
            yield inp.finding(
                "overreach.data_request",
                m.start(),
                len(inp.text) if line_end < 0 else line_end,
                severity,
                f"Asks the customer for their {item}. Ask only for what the purpose needs.",
                suggestion="",
            )
            continue
        yield inp.sentence_finding(
            "overreach.data_request",
            m.start(),
            severity,
            f"Asks the customer for their {item}. Never ask for secrets by message, and ask only for what the "
            "purpose needs.",
        )
