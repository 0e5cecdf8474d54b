"""Overreach: against consent or stated opt-outs, too often, too many asks, too familiar, too nosy."""

import re
from collections import Counter
from collections.abc import Iterator

from reviewer.models import Finding
from reviewer.models.context import Support
from reviewer.rules._base import RuleInput, rule
from reviewer.rules._context import nickname_of, requested, serves_case, stated_text
from reviewer.rules._text import LIST_ITEM, Hit, Lexicon, lead_in, on_list_line, words
from reviewer.rules.lexicon import MARKETING_FOOTER, PROMO_RE, TRANSACTIONAL_RE
from reviewer.text import STOP_WORDS, URL, content_stems, same_word, stem

_CONSENT_FIELD = {"email": "marketing_email", "sms": "marketing_sms", "push": "marketing_push"}
_CHANNEL_WORDS = {
    "sms": re.compile(r"\b(?:texts?|texting|sms|text messages?)\b", re.I),
    "email": re.compile(r"\be-?mails?\b", re.I),
    "push": re.compile(r"\b(?:push|notifications?|alerts?)\b", re.I),
    "ivr": re.compile(r"\b(?:calls?|call me|phone(?: me)?|phone calls?|ring(?: me)?)\b", re.I),
}
_OPT_OUT = re.compile(
    # not a feature wanted ("a card with no annual fee"), nor a record ("No accidents or tickets in 10 years"), nor a
    # noun ("no-shows are my biggest problem")
    r"\b(?:(?<!with )no(?![-‑])(?! more than)(?![^.;!?\n]{0,40}\b(?:in|since|over) (?:the )?(?:last |past )?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many) (?:years|months)\b)(?: more)?|"
    # (not a cost the customer wants gone: "so I stop getting hit with overdraft fees")
    r"not interested in|stop(?! (?:getting |being )?(?:hit|charged|caught|stung|billed|fined|paying|losing|wasting|"
    r"missing|overdrawn)\b)(?: sending(?: me)?)?|"
    # not a dislike of doing something: "don't want to spend time setting things up"
    r"(?:don'?t|do not) (?:send(?: me)?|"
    r"want(?! to (?!(?:hear|receive|get|see|be (?:sent|contacted|emailed|texted|called|sold))\b))|"
    r"email|text|call|phone|ring|message|contact|ask|offer|sell|pitch)(?: me)?|"
    r"unsubscribed?(?: me)? from|opt(?:ed)?(?: me)? out (?:of|from)|remove me from|"
    # "please leave me out of the Christmas promos", "take me off the baby list"
    r"(?:leave|keep|count|take) me (?:out of|off)|exclude me from|(?:don'?t|do not) include me in|"
    # "Please skip Mother's Day emails this year", "pause the baby club mails" (not "pause my membership")
    r"(?:please |can you |could you )(?:skip|pause|mute|hold off on)(?=[^.;!?\n]{0,40}\b(?:e-?mails?|texts?|"
    r"messages?|notifications?|reminders?|newsletters?|offers?|promos?|promotions?|marketing|calls?|mailings?)\b)|"
    r"never (?:send|email|text|call|phone|ring|message|contact|show|offer|sell)(?: me)?|never (?:by|via)|"
    # "Texts about plants are fine, but nothing about the café please"
    r"nothing (?:more )?(?:about|on|regarding|to do with|related to|for)|"
    # after "only ... about X": "only contact me about my mobile, not home internet"
    r"(?P<only_not>,\s*(?:but )?not(?: about| for)?))\b"
    r"(?P<topic>[^.;!?\n]{0,60})",
    re.I,
)
_SELF_EXCLUDED = re.compile(r"\bself[- ]?exclu\w*|\bgamstop\b")
_INBOUND_CALL = re.compile(
    r"\b(?:thank you|thanks) for (?:calling|phoning|ringing|holding)\b|\byou(?:'ve| have) (?:reached|called|rung)\b",
    re.I,
)
_NEWSLETTER = re.compile(r"\bnewsletters?\b", re.I)
_SERVICE_FOOTER = re.compile(r"[^\n]{0,60}?\b(?:alerts?|reminders?)\b", re.I)  # "Reply STOP SCORES to end score alerts"
# A call we make, not one the customer made: "Hi, this is Sunfair Holidays calling again!"
_OUTBOUND_CALL = re.compile(
    r"\bthis is [\w&' -]{1,40}? calling\b|\bwe(?:'re| are) calling (?:you|to|about|with)\b"
    r"|\b(?:an? )?automated (?:call|message) from\b|\bwe(?:'ve| have) tried (?:to (?:call|reach) )?you\b",
    re.I,
)
# A topic asked to be left out, said the other way round: "please leave the wine stuff out of my emails" reads as
# "no the wine stuff,".
_LEAVE_OUT = re.compile(
    r"\b(?:leave|keep) (?!(?:me|us|him|her|them)\b)((?:[\w'-]+ ){0,3}?[\w'-]+) out\b(?! of (?:it|this|that)\b)", re.I
)
# The only channels the customer wants: "email only please", "by text or email only", "only by post".
_CHANNEL = r"(?:e-?mails?|texts?|sms|phone|calls?|post|letters?|app|push)"
_CHANNELS_ONLY = re.compile(
    rf"\b(?P<chs>{_CHANNEL}(?:(?:,| or| and|/) ?{_CHANNEL})*) only\b(?! for\b)"
    rf"|\bonly (?:by|via|through) (?P<chs2>{_CHANNEL}(?:(?:,| or| and|/) ?{_CHANNEL})*)",
    re.I,
)
# A channel kept for one purpose: "texts for delivery updates only", "calls only for fraud alerts".
_CHANNEL_FOR_ONLY = re.compile(
    rf"\b(?P<ch>{_CHANNEL})(?: me| us)? (?:(?:are|is) )?(?:only )?for (?P<purpose>[^.;!?\n,]{{3,40}}?) only\b"
    rf"|\b(?P<ch2>{_CHANNEL})(?: me| us)? (?:(?:are|is) )?only for (?P<purpose2>[^.;!?\n,]{{3,40}})",
    re.I,
)
_ONLY_ABOUT = re.compile(
    r"\bonly (?:email|text|message|contact|send|call|notify|ping|tell)(?: me| us)?"
    r"(?: (?:push )?(?:messages|emails|offers|notifications|texts|alerts|updates))? "
    r"(?:about|for|with|regarding|on) (?P<topic>[^.;!?\n,]{3,60})",
    re.I,
)
# A sentence that says it does what the customer asked honours the preference ("you asked for feather-free
# bedding, so..."), even when it names the topic.
_CLAUSE_END = re.compile(r"\s[-–—]\s|[,(:]")
_NO_IDIOM = re.compile(r"no (?:need|problem|worries|rush|pressure|hurry|matter|doubt|idea|clue)\b", re.I)
_WITHOUT = re.compile(r"^\w*-free\b", re.I)
_NO_BEFORE = re.compile(
    r"(?:\bno|\bzero|\bnot (?:a|one|a single)|\bwithout|\binstead of|\brather than|\bfree of|\bfree from|\w-free|"
    r"\bskip|\bavoid|\bminus|\bhold the|"
    r"\bnobody|\bno one)\s+(?:[\w'-]+\s+){0,2}$"
    # what the message does without: "there's no need to touch the app", "your plan won't nag you about missed days"
    r"|(?:\bno need to|\bwon'?t|\bwill not|\bnever)\s+(?:[\w'-]+\s+){0,3}$",
    re.I,
)
_CONTRAST = words([r"but", r"however", r"anyway", r"even so", r"all the same"])
_HONOURS = words(
    [
        r"you asked",
        r"as (?:you )?requested",
        r"you(?:'ve| have)? told us",
        r"you mentioned",
        r"per your request",
        # the message keeps to the preference: "we won't schedule any calls during daylight hours"
        r"we(?:'ll| will)? (?:won'?t|will not|no longer|stop(?:ped)?)",
        r"we(?:'ve| have) stopped",
        # the stop done: "I've cancelled the monthly gift on her account"
        r"(?:i|we)(?:'ve| have) (?:now )?(?:cancell?ed|stopped|ended|switched off|turned off)",
        r"(?:since|as) you(?:'d| would) (?:rather|prefer)",
        r"(?:since|as) you prefer",
        # help keeping away from it: "switch on a gambling block", "self-exclusion", "a cooling-off period"
        r"(?:[\w-]+ )?(?:block|blocker|blocking|self-exclu\w+|cooling-off)",
        # left out as asked: "as always we've left off anything with mushrooms", "We've left the adventure trips off
        # your list this year"
        r"(?:left|leaving|kept|keeping|taken|took) (?:it |them |those |these |(?:the |all )?[\w-]+ [\w-]+ )?"
        r"(?:off|out)",
    ]
)
# How long an opt-out lasts, not what it is about: "no offers for a while please".
_FOR_A_WHILE = re.compile(
    r"\b(?:for (?:a (?:little |good )?while|now|the (?:time being|moment)|a bit)|at the moment|right now)\b", re.I
)
_TOPIC_FILLER = {
    "any",
    "more",
    "about",
    "on",
    "for",
    "with",
    "of",
    "me",
    "my",
    "her",
    "his",
    "their",
    "our",
    "your",
    "the",
    "a",
    "an",
    "and",
    "or",
    "please",
    "emails",
    "email",
    "texts",
    "text",
    "messages",
    "message",
    "offers",
    "offer",
    "sales",
    "sale",
    "promotions",
    "promotion",
    "ads",
    "deals",
    "deal",
    "promo",
    "promos",
    "marketing",
    "advertising",
    "adverts",
    "stuff",
    "things",
    "anything",
    "related",
    "to",
    "i",
    "it",
    "them",
    "sending",
    "send",
    "call",
    "calls",
    "contact",
    "want",
    "interested",
    # kinds of message, not topics: "no meat recipes" opts out of meat, not of recipes
    "recipes",
    "recipe",
    "news",
    "newsletters",
    "newsletter",
    "updates",
    "products",
    "content",
    "notifications",
    "reminders",
    # the channel's verbs: "stop emailing me about the credit card" opts out of the card, not of email
    "emailing",
    "texting",
    "messaging",
    "calling",
    "phoning",
    "ringing",
    "mailing",
    "contacting",
}
_FEEDBACK = words(
    [
        r"rate (?:us|your|our|the)",
        r"leave (?:us )?a review",
        r"write (?:us )?a review",
        r"review your (?:purchase|order|stay|experience|visit)",
        # "review your sofa on our website": the thing bought, reviewed somewhere; not "review your statement"
        r"review your (?:new )?(?!statement|bill|account|details|documents?|information|plan|settings|policy|terms|"
        r"options|cover|application|payment|transactions?|subscription|preferences|privacy|contract|quote|renewal|"
        r"choices|answers|portfolio|pension|benefits|profile|progress|results|report|budget|booking|order)"
        r"[\w-]+(?: [\w-]+)? (?:on|at|in|with|for) (?:our|the|us)",
        r"how did we do",
        r"how was your",
        # "take our 12-minute Customer Voice survey", "fill in our Careers Service feedback form"
        r"(?:take|complete|fill (?:in|out)|do|answer) (?:our|a|this|the|one|my) (?:[\w-]+ ){0,4}?"
        r"(?:survey|questionnaire|feedback form|poll)",
        r"(?:start|open|begin) (?:the |our |your |this )?(?:[\w-]+ )?survey",  # a button: "[Start survey]"
        r"rate (?:each|every|all|how|what|today'?s|tonight'?s|yesterday'?s|this|that)",
        r"(?:love|like) to (?:hear|know) how (?:the|your|it|everything|we did|we're doing|we are doing)",
        # a rating picked on the spot: "just tap a star below"
        r"(?:tap|pick|choose|click|select) (?:a )?stars?(?: rating)?(?: below| above)?(?!\w)",
        r"(?:leave|record|write|post) (?:us )?(?:a|an) (?:[\w-]+ ){0,2}?review",
        r"give us (?:your )?feedback",
        r"share your (?:feedback|thoughts|experience|opinion)",
        # "we'd value your view on how the first term went"
        r"(?:we'?d|we would|i'?d|i would) (?:really )?(?:value|love|appreciate) your (?:views?|thoughts|opinions?|"
        r"feedback|input)",
        # "we'd really value a quick rating of how we handled this"
        r"(?:we'?d|we would|i'?d|i would) (?:really |so |very much )?(?:value|love|appreciate) (?:a|your) "
        r"(?:quick |short |brief )?(?:rating|review|score)",
        r"tell us what you think",
        # "a quick Trustpilot review would mean the world", "a review on G2 would mean the world"
        r"an? (?:quick |short |brief |little )?(?:[\w-]+ )?(?:review|rating)(?: (?:on|at) [\w.-]+)? "
        r"(?:would|will|could) "
        r"(?:mean|help|make|go)",
        # "would you tell us how the order went?"
        # (in a tap: "tell us in one tap how it's going")
        r"tell us (?:(?:in|with) (?:one|a|a single|just one|a quick) (?:tap|click|word|minute) )?how "
        r"(?:[\w'’-]+ ){0,3}?(?:went|was|is going|(?:it|it's|it’s) going|has been|are going|"
        r"(?:they|they're|they’re) going)",
        r"star rating",
        r"how likely are you to recommend",
        r"rate (?:it|them|this)",
        r"review us",
        r"share (?:a|your) (?:quick |short )?(?:review|rating)",
        r"(?:write|post) (?:us )?a (?:quick |short )?review",
        r"fill (?:in|out) (?:our|the|a|this) (?:quick |short )?survey",
        r"leave (?:us )?a (?:short |quick |brief |little )?review",
        r"how did (?:it|everything|your \w+) go",
        r"there(?:'s| is) (?:an? |our )?(?:[\w-]+ ){0,3}?(?:rating|survey|feedback form|questionnaire)",
        r"how did (?:[A-Z]\w+|your \w+|our \w+) do",
        r"reply (?:with )?(?:a )?\d+ (?:\([^)]*\) )?(?:to|-) \d+",
        # a survey or a review site named as the ask
        r"(?:our|this|the|a) (?:(?:quick|short|brief) )?(?:(?:two|three|five|\d+)[- ](?:minute|question|min)s? )?"
        r"(?:guest |customer |satisfaction |feedback |member |patient )?(?:experience |service |satisfaction )?survey",
        r"(?:a |your )?(?:review|rating) (?:on|for us on) (?:tripadvisor|google|trustpilot|yelp|facebook|"
        r"the app store|app store|google play|feefo|reviews\.io)",
        r"(?:rate|review) us on",
        r"(?:an? )?(?:quick |short )?(?:app store|play store|google play) (?:rating|review)",
        r"(?:reply|text|respond) (?:back )?with a (?:score|rating|number|star rating) (?:from|of|between|out of)",
        r"(?:rating|feedback|satisfaction) (?:questions?|surveys?|requests?|forms?|box)",
    ]
)
_FAMILIAR = words(
    [
        r"besties?",
        r"(?:literally |so |totally )?obsessed with you",
        r"(?:we|i) (?:just )?love you(?! to\b)(?! for\b)",
        r"love (?:you|ya),? (?:mean it|lots|loads|to bits)",
        r"babe",
        # nicknames in place of the customer's name
        r"(?:hey|hi|hiya|howzit|wassup|sup|g'?day|yo|morning|ya|you|thanks|cheers|no worries|no problem|sorted),? "
        r"(?:absolute |total |utter |proper |little |big |my )?(?:legend|champ(?:ion)?|moneybags|superstar|"
        r"rock ?star|big spender|gorgeous|handsome|chief|boss|buddy|pal|mate|friend|big (?:guy|man|fella|fellow)|"
        # regional slang for a friend: "Howzit my china!!", "just for u bru"
        r"bru|boet|china|my china|bro|fam|cuz)",
        # the same nicknames closing a sentence: "Sorry about that, bud.", "All sorted, mate!"
        r"(?<=, )(?:legend|champ|chief|boss|buddy|bud|pal|mate|my friend)(?=\s*(?:[.!?]|\Z))",
        r"hun",
        # hugs and missing the reader's face from a brand: "Big hugs from the whole crew, we've missed your face"
        r"(?:big |huge |virtual )?hugs from",
        r"missed your (?:face|smile|gorgeous face)",
        r"(?<=, )friend(?=\s*[.!])",
        r"sweetie",
        r"darling",
        r"sweetheart",
        r"bff",
        r"xoxo",
        r"xx",
        r"love ya",
        r"luv",
        r"omg",
        r"hey+y",
        # a greeting drawn out, a pet name, and longing from an energy company: "Well hellooo there, sunshine! We've
        # been dying to chat with you"
        r"hel+o{3,}",
        r"(?:there|hey|hi|hello|morning),? sunshine",
        r"dying to (?:chat|talk|catch up) (?:with )?you",
        # "girl" as a form of address, not the noun ("your little girl")
        r"(?:hey|hi|hiya|yo|ok|okay|oh|yas+|yes+|omg) girl+",
        r"girl{2,}",
        r"(?<!little )(?<!baby )(?<!your )(?<!the )(?<!a )girl(?=\s*!)",
        r"bro",
        r"dude",
        r"bae",
        r"fam",
        r"so{3,} much",
        r"miss you so+ much",
        r"hugs and kisses",
        r"smooches",
        r"ur",
        r"haha+",
        r"lol",
        r"lmao",
        r"get (?:ur|your) (?:butt|behind|ass) (?:back )?(?:in|over) here",
        # small talk before the business, from a brand the customer is not close to
        r"(?:got )?any (?:fun |big |exciting )?(?:plans|weekend plans) (?:for|this)",
        r"someone special (?:on the scene|in your life)",
        r"yas+ (?:queen|king|bestie)",
        r"(?:got )?any (?:fun |big |exciting )(?:weekend )?plans",
        r"how(?:'s| is| has) your (?:day|week|weekend|morning) (?:going|been)",
        # "How was your weekend? Ours was a total blur of brunch... Anyway, enough about us!"
        r"how was your (?:weekend|week|bank holiday|summer|christmas|easter|half[- ]term)(?= ?\?)",
        r"enough about (?:us|me)(?=\s*[!.])",
        r"what are you up to",
        r"(?:get|got|getting) up to anything (?:fun|exciting|good|nice)",
        r"what are you (?:having|making|cooking|eating) (?:for )?(?:tea|dinner|lunch|supper|breakfast)",
        r"any (?:holidays?|trips?|vacations?|getaways?) (?:booked|planned|coming up|lined up)(?= ?\?)",
        r"tell (?:me|us) everything(?=\s*!)",
        # "keep it simple, dear": a pet name at the end of a line, not the salutation
        r"(?<=, )dear(?=\s*[.!?]|\s*$)",
        r"spill the tea",
        # street greetings and sign-offs: "Yo Kev", "Oi oi", "Hey hey", "Catch ya later", "you absolute legend"
        r"(?<!-)yo(?=[ ,!]+\w)",
        r"oi(?: oi)?(?=[ ,!])",
        r"hey,? hey",
        r"(?:catch|see|love|miss|laters) ya",
        r"laters",
        r"you (?:absolute |total |utter |little )?(?:legend|machine|beast|rock ?star|superstar|champ)",
        r"(?<!a )(?<!the )(?<!local )legend(?=\s*!| for (?:being|waiting|sticking|your))",
    ]
)
# Pictographs and symbols (with their variation selectors): six or more in one message is a flood.
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_EMOJI_RUN = re.compile(rf"(?:{_EMOJI.pattern}[\ufe0f\u200d]?\s?)+")
_EMOJI_FLOOD = 6
_FAMILIAR_MARKS = re.compile(r"😘|😍|💋|💕|💖|😻|🥰|!!!+")  # literal alternatives: ``re`` skips to candidates
# The message says it answers the customer's own request.
_ANSWERS_REQUEST = re.compile(
    r"\byou asked (?:us )?(?:to|for)\b|\b(?:restock|alert|reminder|update)s? you (?:asked for|set)\b|"
    r"\byou signed up for\b|\bas (?:you )?requested\b|\bat your request\b|"
    r"\bbecause you (?:asked|signed up|set up)\b|\bas you asked\b",
    re.I,
)


# A sentence that reports a completed transaction: "your upgrade to Premium is confirmed".
_DONE = words(
    [
        r"(?:is|are|has been|have been|was|were) (?:now )?"
        r"(?:confirmed|complete|completed|applied|processed|booked|received)"
    ]
)
# Repayments the customer may struggle with (anywhere in the message), and the company's ways to ease them.
_HARDSHIP = re.compile(
    r"\b(?:repayments?|payments?|bills?) (?:feel|feels|are|is|become|becomes|get|gets) (?:\w+ )?(?:hard|difficult|"
    r"tough|a struggle|too much|unmanageable)|\bstruggl\w* (?:to|with) (?:pay|repay|keep up)"
    r"|\bkeep(?:ing)? up (?:with )?(?:your |the )?(?:re)?payments|\bhardship\b|\bmoney (?:worries|support)\b"
    r"|\bpayment (?:holiday|break|pause)\b",
    re.I,
)
# In an account's own notice, what the customer may be entitled to or can do to pay less is information.
_INFORMS = re.compile(
    r"\b(?:you may (?:qualify|be eligible)|if you qualify|eligible (?:households|customers|homes|members)|"
    r"applied automatically|(?:you can|unless you|if you|until you) (?:choose|pick|switch to|move to|take) a new "
    r"(?:deal|rate|tariff|fix|product)|"
    r"can (?:cut|lower|reduce) (?:your )?(?:\w+ )?(?:costs?|bills?|use)|admins? can upgrade|"
    # what the customer's own balance or terms give them: "You're 260 points away from a £15 voucher", "12,450
    # miles is enough for:", "you'll get 12% off your premium, as set out in your DriveWise terms"
    r"(?:points?|miles|stamps?|credits?) (?:away )?from (?:an?|your (?:next|first)) |(?:is|are|'s) enough for|"
    r"as (?:set out|described|agreed) in your (?:[\w-]+ ){0,2}(?:terms|policy|plan|agreement)|"
    r"(?:may|could|might|can) (?:often |usually |sometimes |also )?(?:help )?(?:reduce|lower|cut) your "
    r"(?:premium|bill|payments?|repayments?)|"
    r"check (?:whether|if) you (?:qualify|are eligible|could save)|"
    # the customer's own rate told on their statement: "your rate stays at 3.05% APY"
    r"your (?:[\w-]+ )?(?:rate|apr|apy|tariff) (?:stays|remains|will (?:stay|remain))\b)",
    re.I,
)
# A public entitlement told, not sold: "Free flu vaccines are now available for patients aged 65 and over", "you may
# be able to get free insulation through the Great British Insulation Scheme".
# The people a public scheme names: "patients aged 65 and over", "households who receive Pension Credit".
_ENTITLED_GROUP = r"(?:patients|pupils|residents|households) (?:aged|over|who (?:receive|get|are on))"
_PUBLIC_BODY = re.compile(
    r"\b(?:schemes?|government|council|nhs|benefits?|universal credit|pension credit|grants?|school meals|"
    rf"{_ENTITLED_GROUP})\b",
    re.I,
)
_ENTITLED = re.compile(
    r"\b(?:eligib\w*|entitle\w*|qualif(?:y|ies|ying)|(?:may|might|could) (?:also |still )?be able to (?:get|claim)|"
    rf"claim|{_ENTITLED_GROUP})\b",
    re.I,
)
_PRICED = re.compile(r"\b\d+\s?% off\b|\bsave\b|\bdiscount\b|[$£€]\s?\d[\d,.]* off\b|\b(?:only|just) [$£€]", re.I)
# The free start of what the customer just signed up to, and the call to join that makes the same words a pitch.
_OWN_TRIAL = re.compile(
    r"\byour (?:first|free) (?:free )?(?:month|week|year|trial)s? (?:is|are) (?:on us|free)\b", re.I
)
_JOIN_NOW = re.compile(r"\b(?:upgrade|join|sign up|switch|subscribe|today|now|when you|if you|tap|click)\b", re.I)
_EASES = re.compile(r"(?:cut|lower|reduce|slash|halve) your\b", re.I)
# What the customer already has, or help with paying, is not an offer: "Your plan includes 10% off pots",
# "If you're finding it hard to pay, we have support schemes that could reduce your bill".
_NOT_AN_OFFER = re.compile(
    r"\byour (?:\w+ ){0,2}(?:plan|membership|subscription|policy|tariff|account|card) (?:includes|comes with|gives you|"
    r"earns|already earns)\b"
    # what an apology puts right: "Sorry for the wait; a $15 meal voucher is in your app"
    r"|\bsorry\b[^.!?\n]{0,60}\b(?:vouchers?|credit|refund|code)\b[^.!?\n]{0,30}\b(?:is|has been|was) "
    r"(?:in|on|added to|applied to) your\b"
    # how the customer's own order comes: "the lamp follows on Thursday, both with free delivery"
    r"|\b(?:arrives?|ships?|follows|delivered|dispatched)\b[^.!?\n]{0,60}\bwith free (?:delivery|shipping)\b"
    r"|\byour (?:[\w-]+ ){0,2}discount\b"
    # the rate the customer's own account pays: "your Easy Saver will pay 4.10% AER", "Interest is paid monthly at"
    r"|\byour (?:[\w-]+ ){0,3}(?:account|saver|isa|savings|bond|pot|deposit)\b[^.!?\n]{0,20}\b(?:will )?"
    r"(?:pays?|earns?|now pays|now earns)\b"
    r"|\binterest (?:is|will be) (?:paid|added|credited) (?:monthly |annually |yearly |quarterly |daily )?at\b"
    # a discount told as ended: "the 12-month discount on your plan ended on 3 March"
    r"|\bdiscount\b[^.!?\n]{0,50}\b(?:ended|expired|has ended|ran out|came to an end|finished)\b"
    # a discount the customer already gets: "it can affect any discount you receive"
    r"|\b(?:any|the) (?:[\w-]+ )?discounts? (?:you|they) (?:already )?(?:receive|get|have)\b"
    # the customer's own, listed too: "Your points, vouchers and saved cards will move across"
    r"|\byour (?:[\w-]+ ){0,2}(?:vouchers?|coupons?|points|rewards?)(?:,? (?:and )?[\w-]+(?: [\w-]+)?){0,3}? "
    r"(?:are|is|have|has|will)\b"
    r"|\bno (?:early[- ])?(?:upgrade|exit|cancellation) (?:fee|charge)s?\b"
    # the deadline to change the customer's own order: "You can make changes until midnight on 2 April"
    r"|\b(?:make|making) changes (?:to (?:your|this|the) (?:[\w-]+ ){0,2})?(?:until|before|by|up to)\b"
    # the offers the customer will stop getting: "one round-up a month, instead of the daily deals"
    r"|\b(?:instead of|(?:won'?t|will not) (?:get|receive|be sent))\b[^.!?\n]{0,30}?"
    r"\b(?:deals|offers|promotions)\b"
    # a way to pay what is owed: "set up a payment plan from £20 a month"
    r"|\bpayment (?:plan|arrangement)s?\b"
    # less to pay on the customer's own account: "remove unused seats and you'll save $64 a month from your invoice"
    r"|\bsave [$£€]\d[\d.,]* (?:a|per|each) (?:month|year) (?:from|on|off) your (?:next )?(?:invoice|bill|statement)\b"
    # the customer's own things, kept: "your saved recipes, brew log and member discount will all be just where you
    # left them"
    r"|\bwhere you left (?:them|it|off)\b"
    # the end of what the customer already has: "your free trial of Lumio Premium ends on 21 March"
    r"|\b(?:free )?trial (?:of [\w ]{1,30} )?(?:ends|expires|will end|is ending|runs out|finishes|ended|expired|"
    r"ran out|finished|converted)\b|\bstarted (?:as|with) (?:a|your) (?:free )?trial\b"
    # what the customer's own points come to: "3,260 points, enough for a £3 voucher", "turn them into a voucher"
    r"|\b(?:points|miles|rewards|credit|balance)\b[^.!?\n]{0,40}\benough for\b"
    r"|\bturn (?:[\d,]+ (?:of )?)?(?:them|it|your (?:[\w-]+ )?(?:points|miles|rewards))\b[^.!?\n]{0,10}\binto\b"
    # an offer the customer makes or gets elsewhere: "agents ask to see this before they accept an offer"
    r"|\b(?:accepts?|accepted|accepting) (?:an|your|the|their) offer\b"
    # what the law gives the customer: "you can get your free statutory credit report from Experian"
    r"|\bstatutory\b"
    r"|\byou(?:'ll| will)? (?:keep|still get|continue to get)\b"
    r"|\b(?:finding it (?:hard|difficult) to pay|struggl\w* to pay|support schemes?|hardship|payment support|"
    r"help (?:with|paying) (?:your )?bills?)\b"
    # the notice of a price rise on what the customer has: "your price will go up by £2", "a price increase"
    r"|\b(?:prices?|plan|subscription|membership|tariff|premium|bill)s? (?:will |is going to |is set to )?"
    r"(?:go(?:es)? up|rises?|increases?) (?:to|by|from)\b|\bprice (?:increase|rise)\b",
    re.I,
)
# A new price for the customer's plan beside the old, lower one: "your Standard plan will be $12.99/mo (was $11.49)".
_NEW_PRICE_WAS = re.compile(
    r"\byour (?:[\w-]+ ){0,3}(?:plan|subscription|membership|tariff|premium|bill|price)\b[^.!?\n]{0,40}?"
    r"[$£€](?P<new>\d[\d,]*(?:\.\d+)?)[^.!?\n$£€]{0,20}?\b(?:was|from|up from) [$£€](?P<old>\d[\d,]*(?:\.\d+)?)",
    re.I,
)


def _price_rise(sentence: str) -> bool:
    """The sentence tells the customer their own price goes up: a notice the contract needs, never an offer."""
    return any(
        float(m.group("new").replace(",", "")) > float(m.group("old").replace(",", ""))
        for m in _NEW_PRICE_WAS.finditer(sentence)
    )


# A line of a receipt or a statement: "Total: £228.00 (free delivery)" states a fact, it offers nothing.
_RECEIPT_LINE = re.compile(
    r"^[ \t•*-]*(?:total|subtotal|sub-total|delivery|shipping|postage|order total|amount paid|paid|balance)\b.*$"
    # a discount already taken, with its amount: "Loyalty discount — £2.15", "Voucher: -$5.00"
    r"|^[^\n]{0,40}\b(?:discount|saving|savings|voucher|coupon|promo(?: code)?)\b[ \t]*[—–:-]+[ \t]*[-−]?[ \t]*"
    r"[£$€₹][ \t]?\d[\d.,]*[ \t]*$",
    re.I | re.M,
)


# What is "here", "live" or to "sign up" for without being launched: "the team is here", "the survey is here:",
# "Your Roam Free pass is live", "No need to sign up".
_NOT_LAUNCHED = re.compile(
    r"\b(?:team|staff|help|support|someone|we|i|survey|questionnaire|form|link)(?:'s|'re|'m)?\s+\Z"
    r"|\byour (?:[\w-]+ ){0,3}(?:pass|plan|bundle|add-on|booster|order|booking|ticket|account|card|policy)\s+\Z"
    r"|\b(?:no need to|don't need to|do not need to|without having to|you needn't)\s+\Z",
    re.I,
)
# What the customer handed in or applied for: "Feedback from Dr. Lewis on your essay is now available".
_THEIR_WORK = Lexicon(
    r"\b(?:on|for|about|of) your (?:[\w-]+ ){0,2}(?:essay|assignment|coursework|dissertation|thesis|application|"
    r"claim|submission|exam|test|appeal|request|report|results?)\b"
    # the customer's own gift, thanked or receipted: "Thank you for donating goods", "Your donations help us"
    r"|\b(?:thank you|thanks) for (?:your )?(?:kind |generous )?donat\w*"
    r"|\byour (?:[\w-]+ )?donat\w*\b(?! (?:could|would|can|might|may)\b)"  # not "Your donation could fund a nurse"
)
_FIELD_LINE = re.compile(r"^[ \t]*[A-Z][\w' -]{1,30}:[ \t]+\S[^\n]*$", re.M)
# Promotion said to be absent: "you won't get promo texts", "no promos here", "you're opted out of offers".
_NO_PROMO = re.compile(
    r"\b(?:won'?t|will not|no longer) (?:get|receive|be sent)(?: (?:any|more|further|our)){0,2} (?:\w+ )?"
    r"(?:promo|offer|marketing|sales\b|deal|advert)\w*"
    r"|\bno (?:more |further |other )?(?:promo|offer|marketing|sales\b|advert)\w*"
    r"|\b(?:opted|unsubscribed|removed) (?:out )?(?:of|from) (?:\w+ ){0,2}?"
    r"(?:promo|offer|marketing|sales\b|deal|advert)\w*",
    re.I,
)

# A setting shown switched off, one to a line: "Promotions and offers: off". It sends nothing of the kind.
_SETTING_OFF = re.compile(
    r"^[ \t]*[^\n:]{2,60}:[ \t]*(?:off|no|none|paused|disabled|turned off|unsubscribed|opted out)\.?[ \t]*$",
    re.I | re.M,
)


def _offers(inp: RuleInput, cues: list[Hit]) -> list[Hit]:
    """The cues that offer something.

    A sale word inside a link ("vantel.co.uk/upgrade"), on a receipt's total line, or said to be absent ("you won't
    get promo texts") does not.
    """
    if not cues:
        return cues
    facts = [
        (m.start(), m.end())
        for m in [
            *URL.finditer(inp.text),
            *_RECEIPT_LINE.finditer(inp.text),
            *_NO_PROMO.finditer(inp.text),
            *_SETTING_OFF.finditer(inp.text),
        ]
    ]
    fields = list(_FIELD_LINE.finditer(inp.text))
    if len(fields) >= 3 and inp.first(TRANSACTIONAL_RE):
        facts += [(m.start(), m.end()) for m in fields]  # a statement's lines: "Vouchers issued: two £5 vouchers"
    return [c for c in cues if not any(start <= c.start() < end for start, end in facts)]


# Business words said not to apply: "no appointment needed", "no booking required".
_NEGATED_BUSINESS = re.compile(r"\bno (?:\w+ )?\Z", re.I)
_NOT_NEEDED = re.compile(r"\s(?:needed|required|necessary)\b", re.I)


def _business(inp: RuleInput) -> bool:
    """The message is about an order, a booking, an account: a business word the message does not wave away."""
    return any(
        not (
            _NEGATED_BUSINESS.search(inp.text, max(0, h.start() - 12), h.start())
            and _NOT_NEEDED.match(inp.text, h.end())
        )
        for h in inp.hits(TRANSACTIONAL_RE)
    )


def _list_lead_in(text: str, pos: int) -> str:
    """The line a list item at ``pos`` sits under ("12,450 miles is enough for:"); "" if ``pos`` is in no list."""
    return lead_in(text, pos) if on_list_line(text, pos) else ""


_TERM_ENDS = re.compile(
    r"\b(?:your|the) (?:[\w-]+ ){0,4}?(?:contract|minimum term|fixed term|fixed-rate (?:deal|tariff)|deal|tariff) "
    r"(?:[^.!?\n]{0,40}? )?(?:ends|is ending|will end|expires|comes to an end)\b",
    re.I,
)
_REWARD = re.compile(
    r"\b(?:get|earn|bag|claim|receive)\b[^.!?\n]{0,30}\b(?:credit|bonus|voucher|gift|reward|cashback|free)\b"
    r"|\b\d{1,3}\s?% off\b|\balso this (?:month|week)\b",
    re.I,
)
_WAY_OUT = re.compile(
    # what the customer pays after the end, the core of the notice: "From 13/06 you'll pay £27/mth"
    r"\byou(?:'ll| will) (?:then |now )?(?:pay|be charged|move to|roll onto)\b|"
    r"\b(?:PAC|STAC|switching code|leave us|leave \w+|cancel|switch (?:to another|provider)|do nothing|"
    r"(?:continue|carry on|roll onto|move to) (?:on )?(?:a )?(?:month[- ]to[- ]month|rolling|monthly))\b",
    re.I,
)


# Where one sentence joins a second offer to the first: "the merino you asked about is back, plus 20% off needles".
_JOINED_OFFER = re.compile(r"[,;]?\s(?:plus|and also|and there's|also|\+)\s|;\s|\s[-–—]\s", re.I)


def _clause_around(inp: RuleInput, pos: int) -> str:
    """The part of the sentence around ``pos`` up to where another offer is joined on."""
    start, end = inp.sentences.around(pos)
    cuts = [start, *(m.start() + start for m in _JOINED_OFFER.finditer(inp.text[start:end])), end]
    before = max(c for c in cuts if c <= pos)
    after = min((c for c in cuts if c > pos), default=end)
    return inp.text[before:after]


# What a STOP footer ends, where it names a service: "Reply STOP to end reminders", "STOP to stop delivery alerts".
_SERVICE_STOP = re.compile(
    r"(?: to (?:end|stop|cancel|opt out of))?\s+(?:these |all |your |our )?(?:[\w-]+ )?"
    r"(?:reminders?|alerts?|(?:delivery |order |service |appointment )(?:texts?|updates?|messages?))\b",
    re.I,
)


# The message answers what the customer asked the sender: "Thank you for your enquiry about group bookings".
_REPLY_TO_ENQUIRY = re.compile(
    r"\bthank(?:s| you) for (?:your|the) (?:enquiry|inquiry|question|request|email|message) "
    r"(?:about|regarding|on|re|for|into)\b(?P<topic>[^.!?\n]{3,80})",
    re.I,
)


def _answers_enquiry(inp: RuleInput, sentence: str) -> bool:
    """The sentence speaks to the topic of the enquiry the message thanks the customer for."""
    enquiry = _REPLY_TO_ENQUIRY.search(inp.text)
    if enquiry is None:
        return False
    return bool(content_stems(enquiry.group("topic"), generic=False) & content_stems(sentence, generic=False))


@rule("overreach.consent", unfixable=True)
def consent(inp: RuleInput) -> Iterator[Finding]:
    """Promotional content on a channel the customer has not consented to."""
    field = _CONSENT_FIELD.get(inp.message.channel)
    given = inp.context.consent
    if field is None or given is None or getattr(given, field) is not False:
        return
    if _ANSWERS_REQUEST.search(inp.text) and requested(inp.context, inp.text):
        return  # an alert the customer asked for ("back-in-stock alert: Fenwick knit") is theirs, not marketing
    # the notice the law asks for when a contract ends: its options, leaving among them, are not an offer; a reward
    # riding on it is ("Also this month: switch to our Green Fix 24 and get a £50 thermostat credit")
    term_notice = _TERM_ENDS.search(inp.text) is not None and _WAY_OUT.search(inp.text) is not None
    seen: set[tuple[int, int]] = set()
    cues = inp.hits(PROMO_RE)
    # a subject is read with its body: "Your broadband is back" heads the outage notice, not a launch
    business = _business(inp) or (inp.field == "subject" and TRANSACTIONAL_RE.search(inp.message.body) is not None)
    if not cues and not business:
        # a launch, an arrival or an appeal sells without sale words; what the customer handed in, now back, does not
        cues = [
            c
            for c in inp.hits(_ANNOUNCING)
            if not inp.in_sentence(_THEIR_WORK, c.start())
            and not _NOT_LAUNCHED.search(inp.text, max(0, c.start() - 40), c.start())
        ]
    footer = MARKETING_FOOTER.search(inp.text)
    if footer and _SERVICE_STOP.match(inp.text, footer.end()):
        footer = None  # "Reply STOP to end reminders": the way out of a service the customer gets, not of marketing
    hardship = _HARDSHIP.search(inp.text) is not None
    support = inp.context.support
    sales_case = _buying_case(support)
    for cue in _offers(inp, cues):
        around = inp.sentences.text_around(cue.start())
        if inp.in_sentence(_DONE, cue.start()) or _NOT_AN_OFFER.search(around) or _price_rise(around):
            continue
        if term_notice and not _REWARD.search(around):
            continue
        if hardship and _EASES.match(inp.at(cue)):
            continue  # "if your repayments feel hard right now, we can: lower your monthly payment": help, not a sale
        lead = _list_lead_in(inp.text, cue.start())
        sentence = inp.sentences.around(cue.start())
        if (
            _MAKES_UP.search(around + " " + lead)
            # the disruption told before the remedy, or the apology just after it: "SV218 now departs 16:45 (was
            # 14:20). A €12 meal voucher is in your app under Trips. Sorry for the delay."
            and _DISRUPTION.search(" ".join((inp.text[: sentence[1]], _sentence_after(inp, cue.start()), lead)))
            and not _CALL_TO_ACT.search(around)
        ):
            continue  # "Flight delayed, sorry for the wait. Meal vouchers are in your app": put right, not sold
        if requested(inp.context, _clause_around(inp, cue.start())):
            continue  # "notify me when my salary lands": the alert they switched on
        if _answers_enquiry(inp, around):
            continue  # "Thank you for your enquiry about group bookings... 15% off rooms booked together": the answer
        if sales_case and serves_case(inp.context, around):
            continue  # "you're pre-qualified for an auto loan" answering the application they opened
        if (
            support is not None
            and support.open_case
            and serves_case(inp.context, around)
            and not inp.in_sentence(PROMO_RE, cue.start())
        ):
            continue  # "Good news: service is back in your area" to the customer whose outage case is open
        if business and (_INFORMS.search(around) or _INFORMS.search(_list_lead_in(inp.text, cue.start()))):
            continue  # a renewal notice's "you may qualify for a wind-mitigation discount": told, not sold
        if _PUBLIC_BODY.search(around) and _ENTITLED.search(around) and not _PRICED.search(around):
            continue  # "families on Universal Credit may be able to claim free school meals": an entitlement told
        if business and _OWN_TRIAL.search(around) and not _JOIN_NOW.search(around):
            continue  # "Your account is ready, and your first month is on us": the terms they signed up to
        if sentence in seen:
            continue
        seen.add(sentence)
        yield inp.finding(
            "overreach.consent",
            *sentence,
            4,
            f"Promotional content by {inp.message.channel}, but consent.{field} is false. Do not send marketing "
            "on this channel.",
        )
    if (
        not seen
        and footer
        and footer.start() > 0
        and not business
        and not term_notice
        and not requested(inp.context, inp.text)
    ):
        # No offer found, but the footer the law asks of marketing ("Reply STOP to opt out", "Unsubscribe"), and no
        # order, booking or account business: the message is marketing, from its start to the footer.
        yield inp.finding(
            "overreach.consent",
            0,
            len(inp.text[: footer.start()].rstrip(" .,-–—|")),
            4,
            f"This is marketing (it carries a marketing opt-out footer), but consent.{field} is false. Do not send "
            "marketing on this channel.",
        )


# What a service notice gives to make up for a disruption it reports: a voucher, a credit, a bonus "as a thank-you".
_MAKES_UP = re.compile(
    r"\b(?:(?:meal |travel |goodwill )?vouchers?|credit|compensation|refund|bonus|2x|double)\b|\bmake up for\b"
    r"|\b\d+% off your (?:[\w-]+ ){0,2}(?:fee|bill|membership|subscription)\b"
    r"|\bas a thank[- ]you\b|\bto say (?:sorry|thanks|thank you)\b"
    r"|\bfor the (?:wait|trouble|inconvenience|disruption)\b",
    re.I,
)
_DISRUPTION = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies|delay(?:ed|s)?|outage|offline|maintenance|disruption|inconvenience|"
    r"downtime|cancell?ed|closed|closure|make up for)\b",
    re.I,
)
_PROMO_KIND = re.compile(
    r"\b(?:sales?|marketing|offers?|promo(?:tion(?:al)?)?s?|deals?|ads|advert\w*|discounts?)\b", re.I
)


# Words that say which messages, not what about: "no promotional emails", "no phone calls asking for money".
_NOT_A_TOPIC = re.compile(rf"(?:promo|market|advert|sales|commercial|{_CHANNEL}$)", re.I)


def _topic_words(topic: str) -> list[str]:
    """The topic's words; a compound also gives its head: "weight-loss" covers weight, "protein-product" protein."""
    out = []
    for w in re.findall(r"[^\W\d_](?:[^\W\d_]|['-])+", topic.lower()):  # "café" whole, accent and all
        if w not in _TOPIC_FILLER and len(w) > 2:
            out.append(w)
            head = w.split("-")[0]
            if head != w and len(head) > 3 and head not in _TOPIC_FILLER and head not in out:
                out.append(head)
    return out


# What an opted-out topic covers, for the topics customers opt out of most: "no alcohol offers" covers a crate of
# lager, "no gambling" covers free spins. Keyed by the start of the topic word.
_DRINKS = ("beer", "lager", "cider", "wine", "prosecco", "gin", "vodka", r"whiske?y", "spirits", "cocktail")
_GRAPES = (
    "rioja",
    "merlot",
    "malbec",
    "shiraz",
    "pinot",
    "chardonnay",
    "sauvignon",
    "cava",
    "claret",
    "rosé",
    "fizz",
    "reds",
    "whites",
    "bottles",
    "vintages?",
)
_BETS = ("bet", "odds", "casino", "slots", "jackpot", "spins", "wager", "flutter", "punt", "acca")
_MAKEUP = (
    "lipsticks?",
    "lip (?:kits?|gloss|liners?)",
    "mascara",
    "foundation",
    "concealer",
    "eyeshadow",
    "eyeliner",
    "blush",
    "bronzer",
    "primer",
    "palettes?",
)
# weight lost, said as a number: "drop 5 kg by summer", "lose 10 lbs"
_POUNDS_LOST = r"(?:drop|lose|shed)(?:ping)? \d+(?:\.\d)? ?(?:kg|kilos?|lbs?|pounds|stone)"
_FOOTBALL = (
    r"match[- ]?days?",
    "fixtures?",
    "kick-?off",
    "derby",
    r"replica (?:shirts?|kits?|jerseys?)",
    r"(?:premier|champions|europa) league",
    r"\w+ vs?\.? \w+",  # a fixture: "City v United"
)
# What a children's topic covers, whichever word the customer used for it: "no more kids' emails".
_KIDS_GOODS = ("toys?", "school uniforms?", "children's", "kidswear", "nursery", "little ones", "back[- ]to[- ]school")
_TOPIC_MEMBERS: dict[str, tuple[str, ...]] = {
    "alcohol": (
        *_DRINKS,
        *_GRAPES,
        "ale",
        "champagne",
        "rum",
        "tequila",
        r"brew\w*",
        "pints",
        "booze",
        r"(?:6|six|12|twelve|24)[- ]packs?",
        "cold ones",
        "tinnies",
    ),
    "booze": _DRINKS,
    "gambl": (*_BETS, "betting", "bingo", "lottery", "poker"),
    "betting": _BETS,
    "wine": (
        *_GRAPES,
        "prosecco",
        "champagne",
        "vino",
        "cabernets?",
        "cab sauv\\w*",
        "napa cabs?",
        "zinfandels?",
        "rieslings?",
        "syrah",
        "tempranillo",
        "sangiovese",
        "grenache",
        "viognier",
    ),
    "diet": ("slimming", "weight", "calorie", "keto", r"fat[- ]burn\w*", _POUNDS_LOST),
    "weight": ("diet", "slimming", "calorie", "keto", r"fat[- ]burn\w*", _POUNDS_LOST),
    "meat": (
        *("beef", "pork", "chicken", "lamb", "bacon", "steak", "sausage", "burger", "ham", "turkey", "mince", "ribeye"),
        *("sirloin", "brisket", "veal", "venison", "duck", "chorizo", "pepperoni", "salami", "meatballs?", "ribs"),
    ),
    "baby": (
        "newborn",
        "nappies",
        "nappy",
        "diaper",
        "pram",
        "stroller",
        "maternity",
        "bump",
        "infant",
        "nursery",
        "little ones?",
        "cots?",
        "cribs?",
    ),
    "sweets": ("chocolate", "candy", "cake", "biscuit", "cookie", "dessert"),
    "dairy": ("milk", "cheese", "yoghurt", "yogurt", "butter", "cream"),
    # an extended warranty sold under another name: "our 4-year Protection Plan", "Care+ cover"
    "warrant": ("protection plans?", "care plans?", "extended cover"),
    "dessert": ("cake", "éclair", "eclair", "pastry", "pastries", "gateau", "brownie", "cheesecake", "pudding", "tart"),
    "cake": ("éclair", "eclair", "pastry", "pastries", "gateau", "brownie", "cheesecake", "cupcake"),
    "pastr": (
        "croissants?",
        "pain au chocolat",
        "danish",
        "muffins?",
        "scones?",
        "cinnamon rolls?",
        "doughnuts?",
        "donuts?",
    ),
    "cruise": ("sailing", "voyage", "aboard", "cruising", "ship"),
    # a bigger plan pitched without the word: "have you considered our Unlimited Max plan?"
    "upgrad": (
        r"(?:unlimited|premium|max|pro|plus|bigger|faster|higher|top)(?: [\w+]+){0,2} (?:plan|tier|package|bundle)",
        r"switch you (?:over|up)",
    ),
    "wedding": ("bridal", "brides?", "bridesmaids?", "honeymoons?", "engagement rings?"),
    # an appeal asks without the word: "our roof appeal needs you! Give £10 today"
    "fundrais": ("appeals?", r"donat\w*", r"give [$£€]\s?\d+", "sponsor (?:me|us)"),
    "donation": ("appeals?", r"donat\w*", r"give [$£€]\s?\d+"),
    "furniture": (
        "sofas?",
        "couch(?:es)?",
        "armchairs?",
        "chairs?",
        "tables?",
        "beds?",
        "wardrobes?",
        "mattress(?:es)?",
        "bookcases?",
        "sideboards?",
        "dressers?",
        "footstools?",
    ),
    "financ": ("pcp", "hire purchase", "apr", "loans?", "credit", "leas(?:e|ing)", "pay monthly", "monthly payments?"),
    "internet": ("broadband", "fibre", "fiber", "wifi", "wi-fi", "router"),
    "broadband": ("fibre", "fiber", "wifi", "wi-fi", "router", "internet"),
    "makeup": _MAKEUP,
    "make-up": _MAKEUP,
    "cosmetic": _MAKEUP,
    "travel": ("flights?", "holidays?", "getaways?", "city breaks?", "hotels?", "resorts?", "package"),
    "holiday": ("flights?", "getaways?", "city breaks?", "hotels?", "resorts?", "all-inclusive"),
    "kids": _KIDS_GOODS,
    "children": _KIDS_GOODS,
    "swimwear": ("swim", "bikinis?", "one-pieces?", "swimsuits?", "tankinis?", "trunks", "swimming costumes?"),
    "webinar": ("live session", "livestream", "seminar", "workshop", "masterclass", "save your seat", "register"),
    "event": ("live session", "livestream", "seminar", "workshop", "masterclass", "save your seat", "meetup"),
    "football": _FOOTBALL,
    "soccer": _FOOTBALL,
    "sport": (
        "football",
        "soccer",
        "rugby",
        "cricket",
        "tennis",
        "golf",
        "match",
        "fixtures?",
        "kick-off",
        "derby",
        r"\w+ vs?\.? \w+",  # a fixture: "City v United"
    ),
}


# A time that narrows an opted-out topic: "no morning visits", "no weekend calls", "no Sunday deliveries".
_WHEN_WORDS = {
    *(f"{w}{s}" for w in ("morning", "evening", "afternoon", "night", "weekend", "weekday") for s in ("", "s")),
    "early",
    "late",
    "overnight",
    *(f"{d}day" for d in ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")),
}


def _topic_patterns(words_: list[str]) -> list[str]:
    """A pattern per topic word (any word its stem starts), then one per thing the word covers (or its plural)."""
    # a short word takes only its plural: "no apps" is not "appointment", "no cars" not "card"; a long word cut to a
    # short stem keeps five letters: "donations" covers "donate", not "don't"
    out = [
        rf"\b(?:{re.escape(s)}|{re.escape(word)})(?:s|es)?\b"  # "café", whose stem "caf" drops its accent
        if len(s := stem(word)) <= 3 and len(word) <= 4
        else rf"\b{re.escape(word[:5] if len(s) <= 3 and len(word) > 6 else s)}\w*"
        for word in words_
    ]
    for word in words_:
        for key, members in _TOPIC_MEMBERS.items():
            if word.startswith(key):
                out += [rf"\b(?:{m})(?:s|es)?\b" for m in members if rf"\b(?:{m})(?:s|es)?\b" not in out]
    return out


# A time window on an opt-out: "after 10pm", "before 8am", "at night", "on weekends", "during work hours".
_QUIET_HOURS = re.compile(
    r"\b(?:after|before|past|until|between) (?:\d{1,2}(?::\d\d)?\s*(?:am|pm|h)?|midnight|noon|dark|bedtime)\b"
    r"|\b(?:at night|overnight|late at night|in the (?:morning|evening)|on weekends|at weekends|"
    r"during (?:work|the day))\b",
    re.I,
)
# Days kept free of the topic: "no deliveries on Friday evenings or Saturdays", "no reminders on Sundays".
_DAYS_KEPT = re.compile(r"\bon (?:a |the )?((?:mon|tues|wednes|thurs|fri|satur|sun)day|sabbath|shabbat)s?\b", re.I)
# A message that says it kept the customer's quiet hours: "We held this text until 8am per your quiet hours".
_KEEPS_HOURS = re.compile(r"\byour quiet hours\b", re.I)
# A message that names the hour it is read at ("It's 11:15 pm", "tonight") can break quiet hours.
_CLOCK = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\b(?:tonight|midnight|late night)\b", re.I)
_ALCOHOL_WORDS = ("wine", "beer", "alcohol", "booze", "drink", "spirit", "cocktail", "lager", "cider")
_NO_ALCOHOL = r"|zero[- ]proof|non[- ]?alcoholic|alcohol[- ]free|low[- ](?:and|&)[- ]no|mocktails?|0\.0\s?%"


def _free_of(word: str) -> re.Pattern[str]:
    """The topic's absence offered: "meat-free", "dairy free", and for drink "zero-proof", "alcohol-free"."""
    alcohol = _NO_ALCOHOL if word.startswith(_ALCOHOL_WORDS) else ""
    return re.compile(rf"\b{re.escape(stem(word))}\w*[- ]free\b{alcohol}", re.I)


_CONFIRMS_OPT_OUT = re.compile(
    r"\byou(?:'re| are|'ve| have)(?: now| also)?(?: been)? (?:unsubscribed|opted out|removed from|taken off)\b"
    # "I've taken you off the Wine Club emails", "We've also removed you from all marketing lists"
    r"|\b(?:we|i)(?:'ve| have)(?: now| also| just)? (?:unsubscribed you|removed you|taken you (?:off|out))\b"
    r"|\bno (?:more|further) (?:offers|marketing|promotions?)(?: \w+){0,2} will be sent\b"
    r"|\b(?:you|and) (?:won'?t|will not) (?:get|receive|be sent)(?: any)? (?:more|further)\b"
    # "Done, you won't get offers from us on WhatsApp any more", "you won't get the monthly case offers any more"
    r"|\byou (?:won'?t|will not) (?:get|receive|be sent) (?:any |the )?(?:[\w-]+ ){0,2}?(?:offers|marketing|"
    r"promotions?|deals|sales messages|emails|texts|messages)\b[^.!?\n]{0,40}\b(?:any ?more|again|from now on)\b"
    r"|\byou (?:won'?t|will not) hear from us again\b"
    # the channel narrowed as asked: "Got it - we'll only email you from now on. This is the last text you'll get"
    r"|\b(?:we|i)(?:'ll| will) only (?:e-?mail|text|call|phone|write to|post to|message) you (?:from now on|now|going "
    r"forward|in future|from here on)\b"
    r"|\bthis (?:is|will be) (?:the|our) (?:very )?last (?:text|e-?mail|message|call|notification)\b"
    # the pause or stop the customer asked for, done: "As you asked, your guild reminders will now pause from Friday
    # sunset", "your reminders are now switched off"
    r"|\b(?:as you asked|as requested|at your request|like you asked)\b[^.!?\n]{0,80}?"
    r"\b(?:paus\w*|stop(?:ped|s)?|switched off|turned off|muted|on hold)\b"
    r"|\b(?:reminders|notifications|alerts|messages|emails|texts) (?:will )?(?:now )?(?:pause|stop|be paused|"
    r"be stopped|be muted|be switched off|be turned off|are (?:now )?(?:paused|stopped|muted|switched off|turned off))"
    r"\b",
    re.I,
)
# The opt-out names its channels: "don't text me offers", "no calls" (not an email's business). "Notifications" may
# mean any message, so it names none.
_NAMED_CHANNEL = re.compile(
    r"\b(?:e-?mail\w*|text\w*|sms|calls?|calling|phon\w*|ring(?:ing)?|post|letters?|push)\b", re.I
)
# The channel's word family, "emailing" too. _CHANNEL_WORDS stays narrower: there "stop emailing me about cards"
# would opt the whole channel out, where the customer opted out of a topic.
_NAMES_THIS_CHANNEL = {
    "email": re.compile(r"e-?mail", re.I),
    "sms": re.compile(r"text|sms", re.I),
    "ivr": re.compile(r"call|phon|ring", re.I),
    "push": re.compile(r"push", re.I),
}
# Contact arranged on another channel: "I'll have one of our advisers give you a call this afternoon".
_PROMISER = (
    r"\b(?:we|i|they|someone|(?:an?|our|the|one of our) (?:[\w-]+ )?"
    r"(?:advis[eo]rs?|agents?|specialists?|team|colleagues?))(?:'ll| will|'d| would| can| are going to|'re going to)? "
    r"(?:[\w'-]+ ){0,6}?"
)
_CONTACT_PROMISE = {
    channel: Lexicon(rf"{_PROMISER}(?:{verbs})\b")
    for channel, verbs in (
        ("ivr", r"give you a (?:call|ring|bell)|call you|ring you|phone you"),
        ("sms", r"text you|send you a text"),
        ("email", r"e-?mail you|send you an e-?mail"),
    )
}
# A promise denied or kept narrow is none: "we won't call you", "We'll only text you if there's a security concern".
_NEGATED_PROMISE = re.compile(r"\b(?:won'?t|will not|never|not|don'?t|no need|instead of|only)\b|\bif you\b", re.I)


def _contact_promised(inp: RuleInput, channels: list[str]) -> Hit | None:
    """The message's first promise of contact on one of the named ``channels``, not denied nor kept narrow."""
    return next(
        (
            p
            for channel, lexicon in _CONTACT_PROMISE.items()
            if any(_NAMES_THIS_CHANNEL[channel].match(n) for n in channels)
            for p in inp.hits(lexicon)
            if not _NEGATED_PROMISE.search(inp.at(p))
        ),
        None,
    )


_ASK_ME_TO = re.compile(r"(?:don'?t|do not|never) ask(?: me)? to\b", re.I)
# Being asked to do something: a call to act or a question. "Don't ask me to restart my gift" is broken only by an ask.
_ASKS = re.compile(
    r"\?|\b(?:please|would you|could you|why not|consider|restart|renew|rejoin|come back|tap|click|sign up|donate)\b",
    re.I,
)


def _unwanted_channel(inp: RuleInput, promo: Hit | None, pref: str) -> tuple[tuple[int, int], Finding]:
    """The whole message is unwanted on this channel: point at its offer, else its first call to act or opening."""
    pitch = promo or inp.first(_CALL_TO_ACT) or inp.first(_ANNOUNCING)
    span = _with_call_to_act(inp, pitch.start() if pitch else 0)
    message = f"The customer asked '{pref.strip()}', and this is a {inp.message.channel} message."
    return span, inp.finding("overreach.opted_out", *span, 3, message)


@rule("overreach.opted_out", unfixable=True)
def opted_out(inp: RuleInput) -> Iterator[Finding]:
    """A topic or channel the customer opted out of in their stated preferences."""
    flagged: set[tuple[int, int]] = set()  # one finding a sentence, however many topic words it names
    confirms = _CONFIRMS_OPT_OUT.search(inp.text) or (
        inp.field == "subject" and _CONFIRMS_OPT_OUT.search(inp.message.body) and not PROMO_RE.search(inp.message.body)
    )
    if confirms and not _offers(inp, inp.hits(PROMO_RE)):
        return  # "you're unsubscribed from marketing texts": the opt-out's own confirmation (its subject too)
    # the message's first offer, if it has one ("but no more promotions" offers nothing)
    promo = next(iter(_offers(inp, inp.hits(PROMO_RE))), None)
    channel_words = _CHANNEL_WORDS.get(inp.message.channel)
    this_channel = _NAMES_THIS_CHANNEL.get(inp.message.channel)
    # a call the customer made ("Thank you for calling..."), that pitches nothing: a preference for how we contact
    # them does not cover it ("no sales calls" still covers a pitch on hold)
    inbound = (
        inp.message.channel == "ivr"
        and _INBOUND_CALL.search(inp.message.body) is not None
        and promo is None
        and not inp.hits(_UPSELL)
    )
    if promo is not None and inp.field == "body" and _SELF_EXCLUDED.search(stated_text(inp.context)):
        # a gambler who self-excluded opted out of every offer, whatever words it uses ("welcome-back bonus")
        span = inp.sentences.around(promo.start())
        flagged.add(span)
        yield inp.finding(
            "overreach.opted_out",
            *span,
            3,
            "The customer self-excluded: send them no offers, whatever the date their exclusion ends.",
        )
    for pref in inp.context.stated_preferences:
        # "Letters or email only": every other channel is one they opted out of
        wanted = _CHANNELS_ONLY.search(pref)
        if wanted and channel_words and inp.field == "body" and not inbound:
            named = wanted.group("chs") or wanted.group("chs2")
            if not channel_words.search(named) and not (inp.message.channel == "push" and "app" in named.lower()):
                span, finding = _unwanted_channel(inp, promo, pref)
                flagged.add(span)
                yield finding
        # "Only email me about school uniform deals": an offer about anything else is one they opted out of
        only = _ONLY_ABOUT.search(pref)
        if only and promo and inp.field == "body":
            topics = _topic_patterns(_topic_words(only.group("topic")))
            on_topic = any(re.search(t, inp.text, re.I) for t in topics) or _ANSWERS_REQUEST.search(inp.text)
            if topics and not on_topic:
                flagged.add(span := inp.sentences.around(promo.start()))
                yield inp.finding(
                    "overreach.opted_out", *span, 3, f"The customer asked to hear only about this: '{pref.strip()}'."
                )
        # "Texts for delivery updates only, not sales": an offer on that channel is one they opted out of
        kept = _CHANNEL_FOR_ONLY.search(pref)
        if kept and promo and channel_words and inp.field == "body":
            # "Texts only for my delivery slots please - send deals by email": the purpose ends at the dash
            purpose = _CLAUSE_END.split(kept.group("purpose") or kept.group("purpose2"))[0]
            if channel_words.search(kept.group("ch") or kept.group("ch2")) and not _PROMO_KIND.search(purpose):
                span = inp.sentences.around(promo.start())
                if span not in flagged:
                    flagged.add(span)
                    yield inp.finding(
                        "overreach.opted_out",
                        *span,
                        3,
                        f"The customer keeps this channel for one thing: '{pref.strip()}'.",
                    )
        for m in _OPT_OUT.finditer(_LEAVE_OUT.sub(r"no \1,", pref)):
            if m.group("only_not") and not only:
                continue  # "I run trails, not roads" states a taste, it opts out of nothing
            topic = m.group("topic")
            # the opt-out ends at a comma or a dash: "no apps please, phone me for refills" ("phone me" is a
            # request), "no formal stuff - call me Jonno"
            clause = _FOR_A_WHILE.sub("", _CLAUSE_END.split(topic)[0])
            # "no sales texts" opts out of promotional texts only: a delivery text is still welcome
            promo_only = _PROMO_KIND.search(topic) is not None and promo is None
            said = m.group(0)[: m.start("topic") - m.start()] + clause
            named = _NAMED_CHANNEL.findall(said)
            elsewhere = bool(named) and not (this_channel and any(this_channel.match(n) for n in named))
            # (not "no sales calls", which leaves service calls welcome, nor "no calls before 10am")
            if (
                elsewhere
                and inp.field == "body"
                and not _PROMO_KIND.search(m.group(0))
                and not _QUIET_HOURS.search(clause)
            ):
                # "please don't phone me": a chat that books a call anyway arranges what they opted out of
                promise = _contact_promised(inp, named)
                if promise is not None:
                    span = inp.sentences.around(promise.start())
                    if span not in flagged:
                        flagged.add(span)
                        yield inp.finding(
                            "overreach.opted_out",
                            *span,
                            3,
                            f"The customer opted out of this channel: '{pref.strip()}'. Keep to the channels they "
                            "allow.",
                        )
            if named and this_channel and not any(this_channel.match(n) for n in named):
                continue  # "please don't text me offers, email is fine": this message is not on a channel it names
            # "no notifications after 10pm", "don't call me on Saturdays" keep quiet hours or days: the channel
            # itself stays welcome
            quiet_hours = (_QUIET_HOURS.search(clause) or _DAYS_KEPT.search(clause)) is not None and (
                not _CLOCK.search(inp.text) or _KEEPS_HOURS.search(inp.text) is not None
            )
            topic_words = _topic_words(clause)
            # "no more wine emails", "no cycle details in emails" keep emails about anything else: the topic narrows
            # the channel
            narrowed = any(
                re.search(
                    rf"\b{re.escape(w)}\w* (?:(?:in|on|by|via|over) (?:my |the |your )?)?"
                    rf"(?:{_CHANNEL}|messages?|notifications?)\b",
                    clause,
                    re.I,
                )
                for w in topic_words
                if not _NOT_A_TOPIC.match(w)
            )
            if (
                channel_words
                and channel_words.search(said)
                and inp.field == "body"
                and not inbound
                and not promo_only
                and not quiet_hours
                and not narrowed
            ):
                yield _unwanted_channel(inp, promo, pref)[1]
            if _PROMO_KIND.search(clause) and not topic_words and inp.field == "body" and promo is not None:
                # "no promotions please", "No offers, no partner promotions": every promotion is the topic
                yield inp.sentence_finding(
                    "overreach.opted_out",
                    promo.start(),
                    3,
                    f"The customer opted out of promotions: '{pref.strip()}'.",
                )
            if _NO_IDIOM.match(m.group(0)) or _QUIET_HOURS.search(clause):
                continue  # "no texts before 9am" names a time for a channel, not a topic
            words_ = topic_words
            if len(words_) > 1 and words_[0] in _WHEN_WORDS:
                words_ = words_[:1]  # "no morning visits" keeps visits to other times: only the morning is out
            # "Our alcohol-free aisle just doubled": a message that opens on the topic's absence keeps to the opt-out
            free = min((f.start() for w in words_ if (f := _free_of(w).search(inp.text))), default=None)
            ask_me_to = _ASK_ME_TO.match(m.group(0)) is not None
            days = [d.lower() for d in _DAYS_KEPT.findall(clause)]
            if days:
                words_ = [w for w in words_ if not any(w.startswith(d[:3]) for d in days) and w not in _WHEN_WORDS]
            for pattern in _topic_patterns(words_):
                for hit in re.finditer(pattern, inp.text, re.I):
                    if free is not None and free <= hit.start():
                        continue
                    if promo_only and inp.in_sentence(_DONE, hit.start()):
                        continue  # "stop the furniture promos": "your sofa delivery is confirmed" sells nothing
                    if days and not any(d in inp.sentences.text_around(hit.start()).lower() for d in days):
                        continue  # "no deliveries on Saturdays": a delivery on another day keeps to it
                    if inp.in_sentence(_HONOURS, hit.start()) and not inp.in_sentence(_CONTRAST, hit.start()):
                        continue
                    line_start = inp.text.rfind("\n", 0, hit.start()) + 1
                    if _SETTING_OFF.match(inp.text, line_start):
                        continue  # "Surveys and feedback requests: off": the setting shown, nothing sent
                    if ask_me_to and not _ASKS.search(inp.sentences.text_around(hit.start())):
                        continue  # "don't ask me to restart my monthly gift": naming the gift is no ask
                    if _WITHOUT.search(inp.text[hit.end() : hit.end() + 6]) or _NO_BEFORE.search(
                        inp.text[max(0, hit.start() - 30) : hit.start()]
                    ):
                        continue  # "feather-free pillows", "no feather pillows": keeping to the preference
                    if not any(hit.group(0).lower().startswith(w.lower()[:4]) for w in words_) and _wanted(inp, hit):
                        continue  # "oat milk only, no dairy": the oat milk they named is not the dairy they refused
                    span = _with_call_to_act(inp, hit.start())  # the topic and the offer that follows it
                    if span not in flagged:
                        flagged.add(span)
                        yield inp.finding(
                            "overreach.opted_out",
                            *span,
                            3,
                            f"The customer opted out of this topic: '{pref.strip()}'.",
                        )
                    break


_WORD_BEFORE = re.compile(r"([\w'’-]+)[ \t]+$")


def _wanted(inp: RuleInput, hit: re.Match[str]) -> bool:
    """The customer's preferences, their opt-outs left out, name the hit with the word before it ("oat milk")."""
    before = _WORD_BEFORE.search(inp.text, max(0, hit.start() - 40), hit.start())
    if before is None:
        return False
    phrase = re.compile(rf"\b{re.escape(before.group(1))}[ \t]+{re.escape(hit.group(0))}\b", re.I)
    return any(phrase.search(_OPT_OUT.sub(" ", p)) for p in inp.context.stated_preferences)


# Marketing without sale words: launches, arrivals, appeals.
_ANNOUNCING = words(
    [
        r"(?:is|are) (?:here|out now|back|live)",
        r"now (?:streaming|available|showing|live|open for)",
        r"new (?:season|series|episodes?|release|range|arrivals?|collection|drop|look|menu)",
        r"new in(?=\s*[:!—–-])",  # "New in: the Ridgeline 3 trail shoe"
        r"just (?:launched|landed|dropped|arrived|released)",
        r"coming soon",
        r"introducing",
        r"discover",
        r"(?:check|find) out",
        r"appeal",
        r"donat\w+",
        r"your inbox again",
        r"sign up",
        r"(?:are|is) in (?:at|now|store|stock)",
        r"book your (?:spot|place|seat|table|class|session)",
        # "New spin classes added on Thursday evenings"
        r"new (?:[\w-]+ ){1,2}(?:added|launched|released|available|open)",
        r"(?:fresh|new) (?:this|in this|for this) (?:week|month|season|weekend)",
        r"the return of",
        # a tariff sold without sale words: "Fix your price before 1 April. Compare our Fixed Saver tariff"
        r"(?:fix|lock in) your (?:price|rate|tariff|energy price|bills?)",
        r"compare our (?:[\w+-]+ ){0,2}(?:tariffs?|plans?|deals?|rates?|bundles?)",
        r"(?:pre-?order|order|reserve) (?:yours |now |today )?(?:by|before|for)",
        # the call to buy said as a reservation: "Reserve now at glenarrow.com/18", "reserve yours today"
        r"reserve (?:yours|now|today)",
        r"(?:orders|pre-?orders|bookings|reservations) (?:are|is) (?:now )?open",
        # an appeal by text: "Text BOAT to 70470 to give £5"
        r"text \w+ to \d{4,6} to (?:give|donate|enter|join|claim|get)",
        r"pre-?sales?(?: (?:alert|access|tickets?|code|starts?|opens?))?",
        r"pre-?order",
        r"drops? (?:at \d{1,2}(?::\d\d)?\s?(?:am|pm)?|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|"
        r"tonight|this (?:week|weekend))",
    ]
)
_FEWER = words(
    [
        r"how often",
        r"fewer (?:emails|messages|texts|notifications)",
        r"less often",
        r"(?:e-?mail|text|message|contact|write to) you less",
        # the customer's ask for less, answered: "You asked us to email less, so we have"
        r"asked (?:us )?to (?:e-?mail|text|message|contact|write to) (?:you )?less",
        # the new, slower pace confirmed: "we've switched you to our monthly roundup", "from now on you'll hear from
        # us once a month"
        r"switched you (?:over )?to (?:our|the|a) (?:weekly|monthly|fortnightly) (?:[\w-]+ )?"
        r"(?:roundup|round-up|digest|summary|newsletter|email|update)",
        r"(?:from now on|going forward),? you(?:'ll| will) (?:only |just )?(?:hear from us|get|receive)"
        r"(?: [\w-]+){0,3}? (?:once|one|twice)(?:(?: [\w-]+){0,2}? (?:letter|e-?mail|newsletter|message|text|update|"
        r"roundup|round-up|digest|edition|issue|mailing))? a (?:week|month|fortnight)",
        # "As you asked, from now on we'll only send you our monthly supporter update"
        r"(?:from now on|going forward),? we(?:'ll| will) only (?:send|email|text|write to|contact) you",
        r"(?:pause|stop) (?:them|our emails|these emails|emails|messages)",
        # not "manage your email preferences": nearly every marketing footer says it
        r"(?:update|manage|choose|change) your (?:email |message |contact )?frequency",
    ]
)


_STATED_LIMIT = re.compile(
    r"\b(?P<n>one|1|two|2|three|3|once|twice|a single)\s+(?:\w+\s+){0,2}?(?:a|per|each|every)\s+(?P<per>week|month)\b"
    # one of a cadence said to be enough: "A monthly newsletter is plenty for me", "just the weekly email please"
    r"|\b(?:a|one|the) (?P<cadence>week|month)ly (?:[\w-]+ )?(?:is (?:plenty|enough|fine|all|more than enough)|only)\b"
    r"|\b(?:only|just) (?:a |one |the )?(?P<cadence2>week|month)ly\b",
    re.I,
)
# The customer asked for every one: "Text me every daily deal, I don't mind lots of texts". Their wish, not the
# house limit, sets the pace.
_ASKED_FOR_MANY = re.compile(
    r"\b(?:every|each|all (?:the|your))\s+(?:[\w-]+\s+)?(?:deals?|offers?|drops?|alerts?|texts?|e-?mails?|messages?|"
    r"updates?|sales?|notifications?)\b"
    r"|\b(?:don'?t|do not) mind (?:lots of|loads of|a lot of|many|frequent|daily) (?:texts|e-?mails|messages|"
    r"notifications|alerts|updates)\b"
    # "Send me the daily deals email every morning", "Text me every time fares to Lisbon drop"
    r"|\b(?:every|each) (?:time|morning|day|evening|night|weekday)\b|\bwhenever\b"
    r"|\bdaily\s+(?:[\w-]+\s+)?(?:deals?|digests?|e-?mails?|texts?|updates?|alerts?)\b",
    re.I,
)
_FEWER_WANTED = re.compile(
    r"\b(?:stop|fewer|less|too many|too much|only|no more|unsubscribe|enough)\b"
    r"|\b(?:don'?t|do not|never) (?!mind\b)(?!want to miss\b)",  # "I don't want to miss any" wants them all
    re.I,
)
# The footer's own sentence: "You're getting this because you signed up. Unsubscribe or change how often we write".
_FOOTER_LINE = re.compile(
    r"\b(?:unsubscribe|opt[- ]out|getting this|receiving this|you signed up|you subscribed|"
    r"manage (?:your )?preferences|how often you hear from us)\b",
    re.I,
)


@rule("overreach.frequency", fields=("body",), unfixable=True)
def frequency(inp: RuleInput) -> Iterator[Finding]:
    """Another promotional message when the customer already got many this week or month, or all they asked for."""
    history = inp.context.contact_history
    if history is None or inp.message.channel == "chat":
        return  # a chat reply answers the customer in a conversation they are in; it is no new send
    if inp.message.channel == "ivr" and not _OUTBOUND_CALL.search(inp.text):
        return  # nor is a call the customer made; a call we make to them is ("this is Sunfair calling again")
    if _ANSWERS_REQUEST.search(inp.text) and requested(inp.context, inp.text):
        return  # "The restock you asked for is in": the alert the customer set, however many others went out
    s = inp.settings
    checks = [
        (history.messages_last_7_days, s.max_messages_7_days, "7 days"),
        (history.messages_last_30_days, s.max_messages_30_days, "30 days"),
    ]
    # (sent, limit, severity, why)
    asked_for_many = any(
        _ASKED_FOR_MANY.search(said) and not _FEWER_WANTED.search(said) for said in inp.context.stated_preferences
    )
    over = [
        (sent, limit, 3 if sent >= 2 * limit else 2, f"{sent} messages in the last {window} (limit {limit})")
        for sent, limit, window in checks
        if sent is not None and sent > limit and not asked_for_many
    ]
    # "Just one email a month please": the customer's own limit, already reached, makes this one too many; and a
    # message announcing a faster pace than that limit breaks it whatever was sent
    faster = _FASTER_PACE.search(inp.text)
    for said in inp.context.stated_preferences:
        asked = _STATED_LIMIT.search(said)
        if asked is None:
            continue
        cadence = asked.group("cadence") or asked.group("cadence2")
        limit = 1 if cadence else _NUMBERS[asked.group("n").lower()]
        per = (cadence or asked.group("per")).lower()
        if faster and _faster_than(faster, limit, per):
            yield inp.sentence_finding(
                "overreach.frequency",
                faster.start(),
                3,
                f"The customer asked '{said.strip()}', and this message tells them they will hear from you more often.",
            )
            return
        sent = history.messages_last_7_days if per == "week" else history.messages_last_30_days
        if sent is not None and sent >= limit:
            over.append((sent, limit, 3, f"{sent} messages this {per}; they asked for {limit}"))
    if not over:
        return
    sent, limit, severity, why = max(over, key=lambda o: (o[2], o[0] / max(o[1], 1)))
    if any(not _FOOTER_LINE.search(inp.sentences.text_around(m.start())) for m in inp.hits(_FEWER)):
        return  # a message offering fewer messages answers the problem; the footer every mailing carries does not
    cue = next(iter(_offers(inp, inp.hits(PROMO_RE))), None)
    if cue is None:
        # Far past the limit, a message that serves no transaction is one too many even without sale words: a
        # launch, or a nudge back into the product ("Come back and finish level 212") that the customer did not
        # set up themselves ("Daily reminder at 7pm").
        cue = inp.first(_ANNOUNCING)
        if cue is None and inp.message.channel not in ("chat", "ivr"):
            cue = None if _ASKED_FOR_NUDGES.search(stated_text(inp.context)) else inp.first(_NUDGE)
        footer = MARKETING_FOOTER.search(inp.text)  # "Order here" in a mailing is not an order
        transactional = inp.first(TRANSACTIONAL_RE) is not None
        if severity < 3 or (transactional and not footer):
            return
        if cue is None:
            if (
                footer is None
                or footer.start() == 0
                or transactional
                or _SERVICE_FOOTER.match(inp.text, footer.start())
                or _NEWSLETTER.search(inp.text)
                or requested(inp.context, inp.text)
            ):
                return  # alerts they asked for ("Reply STOP SCORES to end score alerts"), a newsletter they chose
            # a mailing (it carries the marketing footer) far past the limit is one too many whatever it sells:
            # "Request your free guide"
            yield inp.finding(
                "overreach.frequency",
                0,
                len(inp.text[: footer.start()].rstrip(" .,-–—|")),
                severity,
                f"The customer already received {why}; hold this one.",
            )
            return
        start, end = inp.sentences.around(cue.start())
        if requested(inp.context, inp.text[start:end]):
            return
    else:
        start, end = inp.sentences.around(cue.start())  # the offer, not its one sale word, is what is too many
    yield inp.finding(
        "overreach.frequency",
        start,
        end,
        severity,
        f"The customer already received {why}; hold this one.",
    )


# A faster pace announced: "we'll be writing to you twice a week instead of once", "you'll now hear from us daily".
_FASTER_PACE = re.compile(
    r"\b(?:we(?:'ll| will)(?: now| soon)? (?:be )?|you(?:'ll| will)(?: now| soon)? (?:be )?)"
    r"(?:writing to|write to|emailing|email|e-mailing|texting|text|messaging|sending|contacting|hearing from|"
    r"hear from|getting|get|receiving|receive) "
    r"(?:to )?(?:you |us |from us |our (?:[\w-]+ ){0,2})?"
    r"(?P<pace>more often|every day|daily|(?P<n>twice|two times|three times|\d+ times) (?:a|per|each|every) "
    r"(?P<per>day|week|month))\b",
    re.I,
)
_TIMES = {"twice": 2, "two times": 2, "three times": 3}
_WEEKS = {"day": 1 / 7, "week": 1.0, "month": 4.0}  # each period in weeks


def _faster_than(pace: re.Match[str], limit: int, per: str) -> bool:
    """Whether the announced pace is more than the customer's own limit of ``limit`` a ``per``."""
    if pace.group("n") is None:
        return True  # "more often", "daily": past any weekly or monthly limit
    said = pace.group("n").lower()
    per_week = (_TIMES.get(said) or int(said.split()[0])) / _WEEKS[pace.group("per").lower()]
    return per_week > limit / _WEEKS[per]


# A nudge back into the product or the shop, with no sale word: "Switch it on", "Come back and finish level 212".
_NUDGE = words(
    [
        r"come back",
        r"(?:switch|turn) (?:it|them) on",
        r"start your",
        r"(?:tap|click) (?:here|to|now)",
        r"finish (?:your|level|the)",
        r"pick up where",
        r"(?:keeps?|continue) (?:your|playing|learning|going)",
        # "Your Spanish lesson is waiting", "your workout is waiting"
        r"(?:lesson|class|workout|course|session|game|streak|puzzle|episode)s? (?:is|are) (?:still )?waiting",
        r"new in",
        r"try (?:it|our|the)",
        r"play now",
        r"get started",
        r"(?:find out|learn) more",
        r"see what'?s new",
        r"time for (?:your|tonight'?s|today'?s|this)",
        r"switch to",
        r"did you know",
        r"(?:starts|kicks off|is on) (?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|this)",
        # a cross-sell or a browse put as a question or an invitation: "Fancy adding the lemon tart?", "Have a look"
        r"fancy (?:adding|trying|a|an|some)",
        r"(?:want|like) to (?:add|try|upgrade)",
        r"how about (?:adding|trying)",
        r"(?:have|take) a (?:look|peek|browse)",
        # a basket nudge: "Still thinking about the Rivet Straight? Your size is still in stock"
        r"still thinking about",
        r"(?:is|are) still in stock",
    ]
)
# The customer set up regular messages: "Daily reminder at 7pm", "Motion alerts on", "Remind me on weekdays".
_ASKED_FOR_NUDGES = re.compile(
    r"\b(?:remind\w*|alerts?|notif\w*|daily|every (?:day|morning|evening|night|week)|weekdays?|each (?:day|morning))\b",
    re.I,
)


_INTAKE = re.compile(
    r"\b(?:health|medical|intake|allerg\w*|pre-?(?:appointment|visit|op|operative|assessment|travel)|screening|"
    r"eligibility|application|registration|new[- ]patient|consultation|suitability|fact-?find)\b",
    re.I,
)


@rule("overreach.feedback_requests", fields=("body",))
def feedback_requests(inp: RuleInput) -> Iterator[Finding]:
    """More than one feedback or rating request, or one more after many recent ones."""
    # A button that repeats the ask ("How was your visit? [Rate your visit]") is the same ask, not another one.
    # a form the service itself needs is no feedback: "fill in the short health questionnaire" before a visit
    hits = [h for h in _not_described(inp, inp.hits(_FEEDBACK)) if not _INTAKE.search(h.group(0))]
    asks = [
        a for i, a in enumerate(hits) if i == 0 or not (_is_button(inp.text, a.start()) and _same_ask(hits[i - 1], a))
    ]
    # "we'd love to know how the session was - there's a one-question rating in the app": one sentence, one ask
    asks = [
        a
        for i, a in enumerate(asks)
        if i == 0
        or not (
            inp.sentences.index(a.start()) == inp.sentences.index(asks[i - 1].start()) and _same_ask(asks[i - 1], a)
        )
    ]
    # "How was your ride? Tap to rate your trip": a question and the call to action right after it are one ask.
    asks = [a for i, a in enumerate(asks) if i == 0 or not _answers(inp, asks[i - 1], a)]
    for extra in asks[1:]:
        yield inp.sentence_finding(
            "overreach.feedback_requests",
            extra.start(),
            2,
            f"{len(asks)} feedback requests in one message; keep one.",
        )
    if not asks:
        return
    support = inp.context.support
    history = inp.context.contact_history
    recent = history.feedback_requests_last_30_days if history else None
    chat_rating = _THIS_CONVERSATION.search(inp.sentences.text_around(asks[0].start())) is not None
    if support is not None and support.open_case and not _RESOLVED.search(inp.text) and not chat_rating:
        why = "The customer has an open case" + (f" ({support.topic})" if support.topic else "")
        why += "; ask for a review after it is solved."
        yield inp.sentence_finding("overreach.feedback_requests", asks[0].start(), 2, why)
    elif recent is not None and recent > inp.settings.max_feedback_requests_30_days:
        yield inp.sentence_finding(
            "overreach.feedback_requests",
            asks[0].start(),
            2,
            f"The customer was already asked for feedback {recent} time(s) in the last 30 days.",
        )
    elif len(asks) > 1:  # the ask to keep is pointed at too, so the reader sees every ask the count is made of
        start, end = inp.sentences.around(asks[0].start())
        yield inp.finding(
            "overreach.feedback_requests", start, end, 1, f"The first of {len(asks)} feedback requests: keep this one."
        )


# Asks of other kinds than feedback, each kind a named group: a message that piles three kinds on the reader ("rate
# us on Google, refer a friend for $25 & ask us about whitening") asks too much, whatever its purpose.
_OTHER_ASKS = Lexicon(
    r"(?P<referral>\b(?:refer|invite) (?:a |your |some )?(?:friends?|mates?|family|colleagues?|someone)\b"
    r"|\bshare your (?:referral )?(?:code|link)\b)"
    r"|(?P<social>\b(?:follow|like) us\b|\btag us\b|\bfind us on (?:instagram|facebook|tiktok|x|twitter|youtube)\b"
    r"|\bjoin (?:us|the conversation|our community) on\b)"
    r"|(?P<app>\b(?:download|get|install) (?:our|the) (?:[\w-]+ )?app\b)"
    r"|(?P<signup>\b(?:sign up|subscribe) (?:for|to) (?:our )?(?:newsletter|emails|mailing list|updates)\b)"
    r"|(?P<donation>\b(?:donate|make a (?:gift|donation))\b)"
    r"|(?P<upsell>\bask (?:us )?about (?:our )?[\w-]+)"
    r"|(?P<demo>\b(?:book|schedule|request) (?:a |your )?(?:free )?(?:[\w-]+ )?demo\b)"
    r"|(?P<event>\b(?:register|sign up|save your (?:seat|spot)) for (?:[\w'-]+ ){0,3}?(?:webinar|workshop|masterclass|"
    r"livestream|live stream)\b|\bjoin (?:our|the) (?:[\w-]+ )?(?:webinar|livestream)\b)"
    r"|(?P<content>\b(?:grab|download|get) (?:our|the|a) (?:free )?(?:[\w-]+ ){0,2}?(?:whitepaper|white paper|e-?book|"
    r"checklist)\b)"
)


@rule("overreach.too_many_asks", fields=("body",))
def too_many_asks(inp: RuleInput) -> Iterator[Finding]:
    """Three or more kinds of ask in one message: rate us, refer a friend, follow us, get the app, ask about more."""
    feedback = inp.hits(_FEEDBACK)
    asks = sorted([*inp.hits(_OTHER_ASKS), *feedback[:1]], key=lambda a: a.start())
    kinds = {a.lastgroup or "feedback" for a in asks}
    if len(kinds) < 3:
        return
    named = ", ".join(sorted(kinds))
    seen: set[str] = set()
    for ask in asks:
        kind = ask.lastgroup or "feedback"
        if kind in seen:
            continue
        seen.add(kind)
        first = len(seen) == 1
        yield inp.finding(
            "overreach.too_many_asks",
            *ask.span(),
            1 if first else 2,
            f"{len(kinds)} kinds of ask in one message ({named}): "
            + ("keep the one this message is for." if first else "drop this one."),
            suggestion=None,
        )


# An ask named by a noun alone ("a star rating", "our two-minute survey"), which asks nothing without a verb
_NOUN_CUE = re.compile(
    r"(?:star rating|(?:our|this|the|an?|your) |there(?:'s| is) |(?:rating|feedback|satisfaction) )", re.I
)
# What the ask takes: "a star rating and a line or two is plenty", "it only takes two minutes"
_EFFORT = re.compile(
    r"\b(?:is|are|'s) (?:plenty|enough|all (?:we need|it takes))\b|\bno need to\b"
    r"|\btakes? (?:about |around |just |only |under )?(?:\d+|a|one|two|three|five|ten|a few|a couple of) "
    r"(?:minutes?|mins?|seconds?|secs?)\b",
    re.I,
)
_ASKING = re.compile(
    # not what the ask spares them: "there's no need to write much"
    r"\?|\b(?<!need to )(?<!have to )(?:please|rate|leave|write|take|fill|tell|share|give|answer|complete|reply|"
    r"tap|click|post|let us know|would you|could you|can you|will you|if you(?:'d| would) like|"
    r"(?:we|i)(?:'d| would) (?:love|like|value|appreciate))\b",
    re.I,
)


def _not_described(inp: RuleInput, hits: list[Hit]) -> list[Hit]:
    """The asks, less a noun cue in a sentence that asks nothing, follows an ask and says what it takes.

    "You can leave a short review. There's no need to write much; a star rating and a line or two is plenty."
    """
    kept: list[Hit] = []
    for h in hits:
        at = inp.sentences.index(h.start())
        if (
            kept
            and _NOUN_CUE.match(inp.at(h))
            and at - inp.sentences.index(kept[-1].start()) in (1, 2)
            and _EFFORT.search(sentence := inp.sentences.text_around(h.start()))
            and not _ASKING.search(sentence)
        ):
            continue
        kept.append(h)
    return kept


# Rating the conversation itself, the widget every chat ends with: "rate this chat with the thumbs below".
_THIS_CONVERSATION = re.compile(
    r"\b(?:rate|review) (?:this|our|the|your) (?:chat|conversation|call)\b"
    r"|\b(?:after|at the end of|below|about|following) (?:this|today's|today’s|your) (?:chat|conversation|call)\b"
    r"|\bonce you hang up\b",
    re.I,
)
_BUTTON_CHARS = 200  # a call-to-action line is short; longer lines are prose


def _answers(inp: RuleInput, question: Hit, ask: Hit) -> bool:
    """Whether ``ask`` is the call to action of the question or lead-in just before it, asking the same.

    The next sentence, or the one after a lead-in: "We'd love to hear how your visit went. It's one question.
    How did we do?"
    """
    q_start, q_end = inp.sentences.around(question.start())
    lead_in = _ask_kind(question) == "feedback"
    apart = inp.sentences.index(ask.start()) - inp.sentences.index(question.start())
    a_start, a_end = inp.sentences.around(ask.start())
    # "Rate your visit", or "It's one question: rate your visit.": the ask's button, not a new ask
    call_to_action = len(inp.text[a_start:a_end].split()) <= 5 or (
        ":" in inp.text[a_start : ask.start()] and len(inp.text[ask.start() : a_end].split()) <= 5
    )
    near = apart == 1 or (apart == 2 and (lead_in or call_to_action))
    asked = lead_in or call_to_action or inp.text[q_start:q_end].rstrip().endswith("?")
    return asked and near and _same_ask(question, ask)


def _ask_kind(ask: Hit) -> str:
    """What an ask asks for: a survey, a review, a rating, or any feedback ("how was your stay?")."""
    said = ask.group(0).lower()
    for kind, cue in (("survey", _SURVEY_CUE), ("review", "review"), ("rating", "rat")):
        if re.search(cue, said) and not said.startswith(("how", "tell", "share", "give")):
            return kind
    return "feedback"


def _same_ask(first: Hit, then: Hit) -> bool:
    """A question and its button, or a button that repeats the ask: not a survey after a star rating."""
    kinds = {_ask_kind(first), _ask_kind(then)}
    return "feedback" in kinds or len(kinds) == 1


_SURVEY_CUE = r"survey|questionnaire|form|poll"


def _is_button(text: str, pos: int) -> bool:
    """The ask is a call-to-action label: inside [brackets], or a short line of its own ("Write a review: URL")."""
    opening = text.rfind("[", 0, pos)
    if opening > 0 and "]" not in text[opening:pos] and "\n" not in text[opening:pos]:
        return True
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if line_start == 0 or len(line) > _BUTTON_CHARS:
        return False
    return len(URL.sub("", line).strip(" :>→").split()) <= 5


# Content a customer asks for by the list: "send me tips for the evenings", "quick weeknight recipes".
_CONTENT_ASKED = re.compile(
    r"\b(?:tips|recipes?|ideas|guides?|itinerar(?:y|ies)|reading lists?|playlists?|meal plans?)\b", re.I
)


def _content_kinds(text: str) -> set[str]:
    """The kinds of listed content a text names, singular: {"tip", "recipe"}."""
    return {m.group(0).lower().rstrip("s") for m in _CONTENT_ASKED.finditer(text)}


@rule("overreach.too_many_suggestions", fields=("body",))
def too_many_suggestions(inp: RuleInput) -> Iterator[Finding]:
    """Suggestion lists longer than the configured maximum."""
    # steps, instructions and a schedule are not suggestions: "How it works:", "What to do this month:", "- October:"
    items: list[re.Match[str]] = [
        m
        for m in LIST_ITEM.finditer(inp.text)
        if not _steps(_list_lead_in(inp.text, m.start())) and not _SCHEDULE_LINE.match(m.group(0))
    ]
    # a business word outside the list: "Bulk-approve bills from your inbox" as the list's item 1 is a feature sold
    business = any(
        not any(m.start() <= h.start() < m.end() for m in items) and not _FREE_DELIVERY.search(inp.text, *_near(h))
        for h in inp.hits(TRANSACTIONAL_RE)
    )
    # "here are 12 things to try" puts the list to the reader, whatever business the message also has
    if business and not (_offers(inp, inp.hits(PROMO_RE)) or inp.first(_SUGGESTING) or inp.first(_COUNTED)):
        return  # an order, a booking or a receipt lists what the customer chose: those are not suggestions
    asked_all = _WHOLE_LIST.search(stated_text(inp.context)) is not None
    answers = _ANSWERS_REQUEST.search(inp.text) is not None
    if (answers or asked_all) and (requested(inp.context, inp.text) or answers and asked_all):
        return  # "here's the full gluten-free range you asked for": the customer asked for the whole list
    if _content_kinds(stated_text(inp.context)) & _content_kinds(inp.text):
        return  # "send me tips for the evenings": a list of tips is the content the customer asked for
    limit = inp.settings.max_suggestions
    if len(items) <= limit:
        items = _plain_list(inp.text)
    if sum(_FIGURE_LINE.match(m.group(0)) is not None for m in items) * 2 > len(items):
        return  # "Bills: £610 (on budget)", "Points balance: 1,240": a statement's lines, not suggestions
    if len(items) <= limit:
        yield from _run_on_list(inp, limit)
        for m in inp.hits(_COUNTED):
            said = m.group("n") or m.group("more")
            n = _NUMBERS.get(said.lower()) or int(said)
            if n > 2 * limit:
                yield inp.finding(
                    "overreach.too_many_suggestions", m.start(), m.end(), 2, f"{n} suggestions; keep the best {limit}."
                )
        return
    cut = items[limit].start()
    while cut > 0 and inp.text[cut - 1] == "\n":
        cut -= 1
    first = items[0].start() + len(items[0].group(0)) - len(items[0].group(0).lstrip())
    head_start, head_end = inp.sentences.around(first - 1) if inp.text[:first].strip() else (first, first)
    heading = inp.text[head_start:head_end]
    if head_end <= first and (_PICKS_HEAD.search(heading) or _COUNTED.search(heading)):
        yield inp.finding(
            "overreach.too_many_suggestions",
            head_start,
            head_end,
            1,
            f"This line introduces {len(items)} suggestions; introduce the best {limit}.",
        )
    # the whole list is the finding; the fix keeps its first items
    yield inp.finding(
        "overreach.too_many_suggestions",
        first,
        items[-1].end(),
        3 if len(items) > 2 * limit else 2,
        f"{len(items)} suggestions; keep the best {limit}.",
        suggestion=inp.text[first:cut],
    )


# A list's heading that introduces steps or instructions, and a list line that is a date of a schedule.
_STEPS_HEAD = re.compile(
    r"\b(?:how (?:it|this|they) works?|how to|what to do|steps?|instructions|what happens next|what you(?:'ll)? need|"
    r"what(?:'s| is) (?:different|changing|changed)|checklist|to-do|"
    # what the customer's own order holds: "Here's what's inside, Hannah:"
    r"what(?:'s| is|’s) (?:inside|in (?:your|the|this) (?:box|parcel|order|bag|kit|hamper|delivery)))\b[^\n]*:\s*$",
    re.I,
)
# ...unless it sells: "we've made you a checklist of 14 must-haves"
_SOLD_HEAD = re.compile(r"\b(?:must[- ]haves?|must[- ]buys?|buys|picks|products|add (?:them )?all)\b", re.I)


def _steps(lead_in: str) -> bool:
    """The line a list sits under introduces steps or instructions, not things to buy."""
    return _STEPS_HEAD.search(lead_in) is not None and _SOLD_HEAD.search(lead_in) is None


_SCHEDULE_LINE = re.compile(
    r"\s*(?:[-*•·▪►✓✔]|\d{1,2}[.)])\s*(?:(?:jan|febr)uary|march|april|may|june|july|august|september|october|"
    r"november|december|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:week|day|step|month|session|part) \d+)\b"
    r"[^:\n]{0,12}:",
    re.I,
)


# Delivery offered as a perk of buying, not an order's delivery: "delivery is free this month", "free delivery".
_FREE_DELIVERY = re.compile(
    r"\bfree (?:\w+ )?deliver\w*|\bdeliver\w* (?:is|are) (?:always |also )?(?:free|on us)\b"
    # the free-delivery threshold: "every order over $60 ships free"
    r"|\borders? (?:over|above|of|from) [$£€]\s?\d[\d.,]*(?: or more)? (?:ships?|deliver\w*|(?:get|gets|come|comes) "
    r"with) (?:free|on us)",
    re.I,
)


def _near(hit: Hit) -> tuple[int, int]:
    """Where a phrase around ``hit`` may start and end: a few words either side."""
    return max(0, hit.start() - 16), hit.end() + 20


# A line that gives a figure under its label: a statement or a summary of the customer's own numbers.
_FIGURE_LINE = re.compile(r"\s*(?:[-•*–]\s*)?[^:\n]{1,40}:\s*[$£€₹]?\s?\d")
# The customer asked for everything there is: "email me every new linen shirt", "list all your plans".
_WHOLE_LIST = re.compile(r"\b(?:every|all|each|full list|whole range|complete list|the lot)\b", re.I)
_LINE = re.compile(r"^[ \t]*(\S[^\n]*?)[ \t]*$", re.M)


# The line that puts a list to the reader: "Here are this week's picks:", "Customers who bought this also looked at:".
_PICKS_HEAD = re.compile(
    r"\b(?:picks?|picked|recommend\w*|favou?rites|here are|here's what|also (?:looked at|bought|viewed|liked)|"
    r"new in|(?:the|our) edit|top \d+|you(?:'ll| will| might| may)? (?:also )?(?:like|love))\b",
    re.I,
)


def _plain_list(text: str) -> list[re.Match[str]]:
    """The longest run of short lines without bullets under a line that puts picks to the reader and ends with ":".

    Opening hours or a delivery address under "Find us:" are not picks: the heading must offer them.
    """
    best: list[re.Match[str]] = []
    run: list[re.Match[str]] = []
    listing = False
    for line in _LINE.finditer(text):
        content = line.group(1)
        if run and text.count("\n", run[-1].end(), line.start()) > 1:
            listing = False  # a blank line ends the list: the sign-off after it is not a pick
        if listing and len(content.split()) <= 10 and not content.endswith((".", "!", "?", ":")):
            run.append(line)
            continue
        best = max(best, run, key=len)
        run, listing = [], content.endswith(":") and _PICKS_HEAD.search(content) is not None
    return max(best, run, key=len)


_SUGGESTING = words(
    [
        r"recommend\w*",
        r"picks?",
        r"picked for you",
        r"you(?:'ll| will| might| may)? (?:also )?(?:like|love|enjoy)",
        r"suggest\w*",
        r"ideas?",
        r"favou?rites",
        r"top \d+",
        r"customers also",
        r"customers who (?:bought|viewed|liked|loved|ordered) (?:\w+ ){1,4}also",
        r"goes well with",
        # what goes with the order: "we've put together a few things to go with it"
        r"(?:things|pieces|items|extras) to go with",
        r"complete the look",
        r"browse",
        r"check out",
        r"in stock",
        r"new in",
        r"(?:options|choices) for you",
    ]
)
# "Here are 12 gadgets": a count of picks said outright.
_COUNT = r"\d{1,2}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty"
_COUNTED = Lexicon(
    r"\b(?:here are|we(?:'ve)? picked|we(?:'ve)? chosen|check out|discover|browse|see|shop) (?:our |these |the )?"
    rf"(?:top )?(?P<n>{_COUNT})\s+(?!minutes|days|hours|weeks|months|years|%)\w+"
    # "11 more things hikers usually add: ...", when the count opens a list (not "thirty more ideas in the Edit")
    rf"|\b(?P<more>{_COUNT}) more (?:things|items|products|picks|ideas|essentials|extras|add-ons|must-haves)\b"
    r"(?=[^.!?\n:]{0,40}:)"
)
# Counts written in words: "twelve gadgets", "one email a month", "twice a week".
_NUMBERS = {
    "one": 1,
    "1": 1,
    "a single": 1,
    "once": 1,
    "two": 2,
    "2": 2,
    "twice": 2,
    "three": 3,
    "3": 3,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
}
_ASIDE = re.compile(r"\([^()]*\)")
# A count the sentence puts on its picks: "We've picked two adults-only hotels".
_FEW = re.compile(r"\b(?P<n>two|three|2|3|a couple of|a pair of)\s+(?:[\w-]+\s+){0,2}[\w-]+s\b", re.I)
_LIST_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*[;·•|]\s*")
# A list run on with more picks: "..., plus you might also like our linen duvet sets, the Rowan bedside table, ...".
_MORE_PICKS = re.compile(
    r"^\s*(?:plus|and|also)\s+(?:you (?:might|may|could|'ll|will) (?:also )?(?:like|love|want|need)|"
    r"why not (?:try|add)|we (?:also )?(?:have|stock|recommend|suggest)|don't forget|there's also|check out)\s+",
    re.I,
)


def _run_on_list(inp: RuleInput, limit: int) -> Iterator[Finding]:
    """The same overload written inline: a sentence listing many items, or several near-identical ones."""
    for start, end in inp.sentences.spans:
        sentence = _ASIDE.sub("", inp.text[start:end])  # "the Corsa 2 (light, quick, aluminium)" is one item
        # after a colon, the list is what follows it: "You told us you're vegetarian and short on time, so this
        # week's picks are: a, b, c, d and e" is five picks, not seven
        listed = sentence.split(":", 1)[1] if ":" in sentence else sentence
        items = [_MORE_PICKS.sub("", i) for i in _LIST_SPLIT.split(listed) if i.strip()]
        if len(items) < 4 or any(len(i.split()) > 8 for i in items[1:-1]) or _CHOICES.search(sentence):
            continue
        few = _FEW.search(_LIST_SPLIT.split(sentence)[0])
        if few and (_NUMBERS.get(few.group("n").lower()) or 2) <= limit:
            continue  # "We've picked two hotels, one in Positano and one in Ravello, both with...": two, described
        heads = [" ".join(i.lower().split()[:3]) for i in items]
        repeated = max(Counter(heads).values())  # linear: .count per item was quadratic in a long list
        # more variants of one thing than the limit allows: "Rose Mist, Rose Dust, Rose Blush, Rose Petal, ..."
        shared = Counter(w for i in items for w in {*re.findall(r"[a-z]{3,}", i.lower())} - STOP_WORDS)
        same_item = repeated >= 3 or (len(items) > limit and max(shared.values(), default=0) >= limit)
        # a list of what a box holds or what a school teaches describes; a list put to the reader suggests
        suggests = inp.in_sentence(_SUGGESTING, start) is not None or _PUT_TO_READER.search(sentence) is not None
        if not suggests and start > 0:
            # the list's own heading: "here's everything else we think you'll want:" or "NEW IN!", then the items
            head_start, head_end = inp.sentences.around(max(start - 1, 0))
            heading = inp.text[head_start:head_end]
            suggests = heading.rstrip().endswith((":", "!")) and (
                _PUT_TO_READER.search(heading) is not None
                or _YOU_WANT.search(heading) is not None
                or inp.in_sentence(_SUGGESTING, head_start) is not None
            )
        if (len(items) > limit + 1 and suggests) or same_item:
            yield inp.finding(
                "overreach.too_many_suggestions",
                start,
                end,
                2,
                f"{len(items)} picks in one sentence"
                + (", most of them the same item" if same_item else "")
                + f"; keep the best {min(limit, 3)}.",
            )


# What the customer may choose to hear about, not picks: "Pick the topics you care about: new fiction, crime, ..."
_CHOICES = re.compile(
    r"\b(?:pick|choose|select|tick|set) (?:the |which |what )?(?:topics?|subjects?|categories|interests?|emails?|"
    r"newsletters?|updates?|alerts?|notifications?)\b",
    re.I,
)
_PUT_TO_READER = re.compile(
    r"\b(?:tempt|how about|why not|you(?:'ll| will| might| may)? (?:also )?(?:like|love|enjoy|fancy)|"
    r"you (?:might|may) (?:also )?want|"
    # options put to the reader: "For two people you could go with: 1) Duo 10GB, 2) Duo 30GB, ..."
    r"you (?:could|can|might) (?:go (?:with|for)|try|pick|opt for)|"
    r"(?:shop|grab|add|pick) (?:the|our|your|a|any)|"
    r"(?:for|to) your (?:basket|cart|bag|wishlist|kitchen|wardrobe|shelf|home)|"
    r"(?:picked|chosen|selected|rounded up|gathered|curated)|have you (?:thought about|considered|tried)|"
    r"you(?:'ll)? need|just (?:landed|dropped|arrived)|new in|"
    # the whole range laid out: "Here are all our unlimited plans so you can compare: ..."
    r"here (?:are|is) (?:all )?(?:of )?our (?:[\w-]+ )?(?:plans|products|options|models|ranges|bundles|tariffs|"
    r"packages|deals|offers))\b",
    re.I,
)
_YOU_WANT = re.compile(r"\b(?:everything|all|anything) (?:else )?(?:we think )?you(?:'ll| will| might)? want\b", re.I)
_COMMA_BEFORE = re.compile(r",\s*$")


# Calls to action that pressure when said again and again: "Shop now, shop now, SHOP NOW!", three "Last chance" lines.
_URGING = words(
    [
        r"shop now",
        r"buy now",
        r"order now",
        r"book now",
        r"act now",
        r"don'?t miss(?: out)?",
        r"last chance",
        r"hurry(?: up)?",
        r"come back(?: now)?",
        r"grab (?:it|yours|them)(?: now)?",
        r"claim (?:it|yours)(?: now)?",
    ]
)
REPEATED_ASKS = 3  # the same urging this many times is pressure by repetition, not one clear ask


@rule("overreach.repeated_asks", fields=("body",))
def repeated_asks(inp: RuleInput) -> Iterator[Finding]:
    """The same call to action said three times or more: "Last chance" on three lines. The first one stays."""
    seen: dict[str, list[Hit]] = {}
    for m in inp.hits(_URGING):
        seen.setdefault(re.sub(r"\W+", " ", inp.at(m).lower()).replace(" now", ""), []).append(m)
    for said in seen.values():
        if len(said) < REPEATED_ASKS:
            continue
        first = inp.sentences.around(said[0].start())
        again = dict.fromkeys(inp.sentences.around(m.start()) for m in said[1:])
        for start, end in again:
            if (start, end) != first:
                yield inp.finding(
                    "overreach.repeated_asks",
                    start,
                    end,
                    2,
                    f"'{inp.at(said[0])}' is said {len(said)} times; one clear call to action is enough.",
                    suggestion="",
                )


# The name said to find out who answered, not to sound personal: "a call for Helen Rhys. If you are Helen, press 1.
# If Helen is not available, ask her to call us back".
_WHO_ANSWERED_BEFORE = re.compile(
    r"\b(?:(?:call|message|email|text|letter) (?:is )?for|if you(?:'re| are)(?: not)?|is this|"
    r"am i speaking (?:to|with)|(?:speak|talk) (?:to|with)|ask for|looking for)\s+$",
    re.I,
)
_WHO_ANSWERED_AFTER = re.compile(
    r"(?: [A-Z][\w'-]+)?,? (?:is not|isn't|is unavailable|is not available|isn't available|isn't (?:here|home|in)|"
    r"is not (?:here|home|in)|(?:is )?(?:away|out)\b)",
)


@rule("overreach.name_repetition", fields=("body",))
def name_repetition(inp: RuleInput) -> Iterator[Finding]:
    """The customer's first name used again and again."""
    first = inp.context.first_name()
    if not first:
        return
    uses = [
        m
        for m in re.finditer(rf"\b{re.escape(first)}\b", inp.text)
        if not _WHO_ANSWERED_BEFORE.search(inp.text, max(0, m.start() - 30), m.start())
        and not _WHO_ANSWERED_AFTER.match(inp.text, m.end())
    ]
    limit = inp.settings.max_first_name_uses
    if len(uses) <= limit:
        return
    severity = 2 if len(uses) > limit + 1 else 1
    for m in uses[limit:]:
        start, end, suggestion = m.start(), m.end(), None
        tail = re.match(r",\s*(\w)", inp.text[end:])
        head = _COMMA_BEFORE.search(inp.text, 0, start)
        if tail and inp.sentences.around(start)[0] == start:
            end += tail.end()
            suggestion = tail.group(1).upper()
        elif head and re.match(r"\s*[!.?]", inp.text[end:]):
            start = head.start()
            suggestion = ""
        yield inp.finding(
            "overreach.name_repetition",
            start,
            end,
            severity,
            f"'{first}' appears {len(uses)} times; once or twice reads as personal, more reads as a sales script.",
            suggestion=suggestion,
        )


# The reader named in a greeting or a vocative: "Hi Jonno", "No worries, Jonno!", "Thanks, Sam.", "Hey Jo!"
_VOCATIVE = re.compile(
    r"(?:\b(?i:hi|hey|hiya|hello|dear|morning|evening|thanks|cheers|no worries|sorry|welcome back|congrats)[,!]?\s+"
    r"|(?<=, ))(?P<name>[A-Z][a-z]+)(?=\s*[!,.?:]|\s*$)",
    re.M,
)


@rule("overreach.nickname", fields=("body",))
def nickname(inp: RuleInput) -> Iterator[Finding]:
    """A nickname the customer never gave: "No worries, Jonno!" to Jonathan."""
    name = inp.context.name
    if name is None or not name.first or name.preferred:
        return  # no first name to shorten, or the customer told us what to call them
    said = stated_text(inp.context)
    for m in _VOCATIVE.finditer(inp.text):
        word = m.group("name")
        if nickname_of(word, name.first) and word.lower() not in said:
            yield inp.finding(
                "overreach.nickname",
                m.start("name"),
                m.end("name"),
                2,
                f"'{word}' is a nickname {name.first} never gave you; use the name on file.",
                suggestion=name.first,
            )
            return


# Pressure shouted in capitals, then exclaimed: "LAST CHANCE!!!", "ACT NOW OR LOSE IT FOREVER!!!". A heading in
# capitals ("WHAT TO DO NOW") is not shouting; a run that urges and ends in "!" is.
# Matched whole and then checked, never backtracked into: a draft of nothing but capitals stays linear.
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’]+(?:[ \t,:]+[A-Z][A-Z'’]+)+\b")
_EXCLAIMED = re.compile(r"[^.?\n]{0,30}!")
_URGENT_WORD = re.compile(
    r"\b(?:NOW|TONIGHT|TODAY|LAST|FINAL|WARNING|FOREVER|HURRY|ENDS?|MISS|LOSE|ACT|QUICK|URGENT|EXPIRES?|GONE|"
    r"DON'T|DON’T|LIMITED|CHANCE)\b"
)


@rule("overreach.shouting")
def shouting(inp: RuleInput) -> Iterator[Finding]:
    """Urgency shouted in capitals and exclamation marks: "FINAL WARNING!!! LOCK IN NOW or PAY MORE!!!"."""
    for m in _CAPS_RUN.finditer(inp.text):
        if _EXCLAIMED.match(inp.text, m.end()) and _URGENT_WORD.search(m.group(0)):
            yield inp.finding(
                "overreach.shouting",
                m.start(),
                m.end(),
                2,
                f"'{m.group(0)}' shouts urgency at the customer; say the date plainly, in sentence case.",
                suggestion=m.group(0).capitalize(),
            )
            return


@rule("overreach.over_familiar")
def over_familiar(inp: RuleInput) -> Iterator[Finding]:
    """Over-familiar tone toward a customer who has not built that relationship."""
    rel = inp.context.relationship
    involvement = rel.involvement if rel else None
    stage = rel.lifecycle_stage if rel else None
    if involvement == "high":
        return
    severity = 2 if involvement == "low" or stage in ("prospect", "new", "lapsed", "churned") else 1
    for m in inp.hits(_FAMILIAR):
        yield inp.finding(
            "overreach.over_familiar",
            m.start(),
            m.end(),
            severity,
            f"'{inp.at(m)}' is over-familiar for this customer's relationship with the brand.",
            suggestion="",
        )
    runs = [(len(_EMOJI.findall(m.group(0))), m) for m in _EMOJI_RUN.finditer(inp.text)]
    if sum(n for n, _ in runs) >= _EMOJI_FLOOD:
        run = max(runs, key=lambda r: r[0])[1]
        yield inp.finding(
            "overreach.over_familiar",
            run.start(),
            run.start() + len(run.group(0).rstrip()),
            2,
            "A flood of emoji reads as shouting at the customer; keep one or two, or none.",
            suggestion="",
        )
    for mark in _FAMILIAR_MARKS.finditer(inp.text):
        yield inp.finding(
            "overreach.over_familiar",
            mark.start(),
            mark.end(),
            1,
            "Gushing punctuation or kisses read as over-familiar.",
            suggestion="!" if mark.group(0)[0] == "!" else "",
        )


_ANYTHING_ELSE = re.compile(
    r"\banything else (?:i|we) can (?:help|do|sort|change|fix)|\banything else you(?:'d| would)? "
    r"(?:like|want|need)(?: (?:me|us) to)? (?:changed|updated|fixed|sorted|help with|check)",
    re.I,
)
# Selling without sale words: "have you thought about our boiler cover?", "want me to switch you today?"
_UPSELL = words(
    [
        r"have you (?:thought about|considered|heard about|seen|tried) our",
        r"you (?:might|may) (?:want to )?(?:look at|consider|like|try|be interested in) our",
        r"(?:i|we)(?:'d| would) (?:really |highly |definitely )?recommend our",
        r"why not (?:open|try|add|switch to|upgrade to|take out) (?:a|an|our)",
        r"why not (?:switch|upgrade|move|step up) to (?:the )?[\w+-]+ (?:plus|premium|pro|max|unlimited|ultra|gold|"
        r"platinum|plan|tier|bundle|package)",
        r"(?:want|would you like) (?:me|us) to (?:switch|upgrade|move|sign) you",
        r"while (?:i|we)(?:'ve| have)? (?:got |have )?you",
        r"while (?:i|we)(?:'m| am|'re| are) (?:here|on the (?:line|phone))",
        r"while you(?:'re| are) (?:here|waiting|on the line)",
        r"while you (?:wait|hold|(?:are|'re) (?:holding|on hold)),? "
        r"(?:now is|it'?s|why not|how about|ask (?:us|our)|did you know)",
        r"lock in your (?:price|rate|tariff)",
        # a priced extra put as a question: "Want lounge access for £25?"
        r"(?:want|would you like|fancy|how about) (?:to add )?(?:[\w-]+ ){1,4}?for (?:just |only )?"
        r"[$£€]\s?\d+(?:\.\d\d)?(?= ?(?:a |per |each )?(?:month|year|night|day|extra)?\?)",
        # a product the customer lacks, sold by what it would have paid: "with a Rewards Visa you'd have earned $6.50"
        r"(?:with|if you(?:'d| had)(?: had)?) (?:a|an|our) (?:[\w&'-]+ ){1,4}you(?:'d| would) have "
        r"(?:earned|saved|got)",
        r"(?:shall|can|should) (?:i|we) (?:start|open|begin) (?:your|an|the|a) (?:[\w-]+ )?application",
        # a hold message's pitch: "Press 1 to hear more and apply today"
        r"(?:press|say) (?:\d|one|two|three|four|five) to (?:hear|learn|find out) more (?:and|or) "
        r"(?:apply|sign up|upgrade|switch|join)",
        r"did you know (?:that )?(?:you (?:could|can)|we (?:now )?offer)",
        r"have you (?:heard about|heard of|considered|thought about|tried|seen) (?:our |the )?\w+ "
        r"(?:plus|premium|pro|max|cover|plan|bundle|protection|membership|upgrade)",
        r"locks? (?:in )?your (?:unit )?(?:price|rate|tariff)",
        r"(?:add(?:ing)?|upgrad(?:e|ing) to|switch(?:ing)? to) our (?:[\w+-]+ ){1,2}(?:plan|cover|package|bundle|"
        r"protection|card|account|tier|tariff|membership)",
        # "it may be time to move to our Enterprise plan", "Add Brightshield Home Emergency cover for £6 a month"
        r"(?:move|switch|upgrade|step up) to our [\w-]+(?: [\w-]+)? (?:plan|tier|package|bundle|edition)",
        r"add (?:[\w&'-]+ ){1,4}(?:cover|protection|insurance|plan|bundle|add-on|package|membership) (?:for|from) "
        r"(?:just |only )?[£$€]\d",
        r"(?:our|the) \w+(?: \w+)? (?:plan|cover|package|bundle|protection|membership) "
        r"now (?:includes|comes with|covers)",
        # something new added at a monthly price: "add a Home Backup battery for $19/mo" (not "add another 1 TB")
        r"add (?:an? |our )(?:[\w&'-]+ ){1,4}(?:for|from) (?:just |only )?[£$€]\d[\d.,]*\s*(?:/|a |per )\s*"
        r"(?:mo|month|wk|week|yr|year)\b",
        # a quote for something else offered in the case: "Kestrel Life Cover ... get a quote in minutes"
        r"get (?:a|your) (?:free )?quote (?:in (?:minutes|seconds|\d+ (?:minutes|seconds))|today|now|online)",
        # more to hear about, once the case is dealt with: "I'd be happy to tell you about our salary advance
        # facility as well"
        r"(?:tell you|talk (?:to )?you|run you through) (?:all |a bit |more )?about our [\w -]{1,40}?"
        r"(?: as well| too)\b",
        r"also (?:tell you|talk (?:to )?you|run you through) (?:all |a bit |more )?about our",
        # a phone menu's option to hear the pitch: "To hear about upgrading, press 3", "for our new deals, press 4"
        r"(?:to (?:hear|learn|find out) (?:more )?about|for) (?:upgrad\w+|an upgrade|our (?:new |latest |best )?"
        r"(?:[\w-]+ ){0,2}(?:offers?|deals?|plans?|packages?|bundles?|tariffs?|upgrades?)),? "
        r"(?:please )?(?:press|say|dial)",
        # the call to add it, priced: "Add it today for $14 a month"
        r"add (?:it|this|them|one)(?: today| now)? (?:for|from) (?:just |only )?[£$€]\s?\d[\d.,]*",
        # "next time add the EU Travel Pass for £2 a day", "Can I show you our stand mixers?"
        r"add (?:the|our|an?) (?:[\w&'-]+ ){1,4}(?:for|from) (?:just |only )?[£$€]\s?\d[\d.,]*\s*(?:/|a |per )\s*"
        r"(?:day|mo|month|wk|week|yr|year)\b",
        r"(?:can|could|shall|may) (?:i|we) (?:show|tell) you (?:about )?our",
        # a monthly price and the call to add it: "lockout help for $4/mo. Add it in the app."
        r"[£$€]\d[\d.,]*\s*(?:/|a |per )\s*(?:mo|month|wk|week|yr|year)\b\W{1,3}add (?:it|this|them|yours)",
    ]
)


# The pitch's call to act, in the sentences after it: "Tap to upgrade", "Press 1 to switch now", "Want me to add it?"
_CALL_TO_ACT = words(
    [
        r"press \d",
        r"(?:tap|click) (?:here|to|now|below|the)",
        r"reply (?:yes|y|join|upgrade|switch)",
        r"(?:want|shall|should) (?:me|i|us|we) to",
        r"(?:add|upgrade|switch|sign up|subscribe|join|get) (?:it|now|today|in|to|for|with)",
        r"just say the word",
        r"(?:grab|order|book|shop|buy|claim) (?:yours|the|a|an|it|them|now|today|your|one)",
    ]
)
_PRICE = re.compile(r"[$£€₹]\s?\d|\b\d+(?:\.\d\d)? (?:pounds|dollars|euros|rupees|rand)\b|\b(?:R|Rs\.?) ?\d", re.I)


def _with_call_to_act(inp: RuleInput, pos: int) -> tuple[int, int]:
    """The sentence at ``pos`` and up to two after it that carry its call to act or its price."""
    start, end = inp.sentences.around(pos)
    at = inp.sentences.index(pos)
    acts = _CALL_TO_ACT.search(inp.text[start:end]) is not None
    for s, e in inp.sentences.spans[at + 1 : at + 3]:
        sentence = inp.text[s:e]
        priced = _PRICE.search(sentence) or PROMO_RE.search(sentence)
        if not (priced or _CALL_TO_ACT.search(sentence)) or _REMEDY.search(sentence):
            break
        if acts and not priced:
            break  # "To hear about upgrading, press 3. For billing, press 1.": the next option is not the pitch's
        end = e
    return start, end


_RESOLVED = re.compile(
    r"\b(?:repair|issue|problem|fault|case|ticket|outage|connection|service|line|device|phone|laptop|car|it|that|"
    r"everything|this) (?:is|are|has been|have been|was|were|is now|are now) (?:all )?(?:done|fixed|repaired|"
    r"resolved|sorted|restored|"
    r"completed?|back up and running|ready (?:to collect|for collection|for pick-?up))\b"
    r"|\byou(?:'re| are) all (?:set|sorted|done)\b"
    # the reply opening on it: "All done, Aaron: your roaming add-on is active"
    r"|(?:^|(?<=[.!?] ))(?:all|that's all|that's|it's all) (?:done|sorted|fixed)\b(?=[,:.!])"
    # "Glad that's sorted, and sorry again for the mix-up"
    r"|\b(?:glad|pleased|great|good)(?: to hear)?,? (?:that's|that is|it's|it is|we've|we have|we got) "
    r"(?:got (?:that|it|this) )?(?:all )?(?:sorted|fixed|resolved|done)\b",
    re.I | re.M,
)
# A case opened to buy something: offering is the answer, not an upsell ("Plan enquiry", "Quote for a new line").
_SALES_CASE = re.compile(
    r"\b(?:enquir\w*|inquir\w*|quotes?|pricing|prices?|buying|purchas\w*|upgrad\w*|switching|stock|availab\w*|"
    r"new (?:plan|line|phone)|faster|more (?:speed|data|minutes|storage)|bigger (?:plan|bundle|package)|"
    # an application for the product: "auto loan pre-qualification application"
    r"applications?|applying|applied|pre-?qualif\w*|pre-?approv\w*|"
    r"recommend\w*|suggest\w*|advice|which (?:one|product|plan|model)|what (?:\w+ )?(?:should|would|do you)|"
    # the choices on sale asked about: "question about roaming options", "the cheapest way to use my phone abroad"
    r"(?:roaming|plan|tariff|package|bundle|add-?on|data|broadband|travel) options|"
    r"(?:cheapest|cheaper|best) (?:way|option|plan|deal|tariff)|"
    # the customer asked how to pass on the referral reward: "Asked how to refer her brother Luis"
    r"refer\w*)\b",
    re.I,
)
_DECLINED = re.compile(r"\b(?:declin\w*|refus\w*|said no|not interested|turned down)\b", re.I)


def _buying_case(support: Support | None) -> bool:
    """The customer opened the case to ask what they could buy (and has not turned the offer down)."""
    topic = (support.topic if support is not None else None) or ""
    return _SALES_CASE.search(topic) is not None and _DECLINED.search(topic) is None


# Something done for the customer in the case, not sold to them: "I've added a £50 goodwill credit".
# A sentence about the thing the sentence before named: "They're also in the Bump Edit, 20% off this week."
_SAME_THING = re.compile(r"(?:they|it|these|those|both)(?:'re|'s| are| is)\b", re.I)


def _sentence_before(inp: RuleInput, pos: int) -> str:
    """The text of the sentence before the one that holds ``pos`` (empty for the first)."""
    start = inp.sentences.around(pos)[0]
    return inp.sentences.text_around(start - 1) if start > 0 else ""


def _sentence_after(inp: RuleInput, pos: int) -> str:
    """The text of the sentence after the one that holds ``pos`` (empty for the last)."""
    following = inp.sentences.after(pos)
    return inp.text[following[0] : following[1]] if following else ""


_REMEDY = re.compile(
    r"\b(?:i|we)(?:'ve| have)? (?:also |just )?(?:re-?issued|issued|added|applied|credited|refunded|waived|"
    r"sent you|re-?sent)\b|\byou(?:'re| are) (?:also )?entitled to\b"
    # the second thing done: "I've rebooked you both on the 09:15 and added a £50 voucher to your account"
    r"|\b(?:i|we)(?:'ve| have) [^.!?\n]{0,60}?\band (?:also )?(?:added|credited|applied|issued|refunded|waived)\b"
    # what the customer already has: "it's covered by our lifetime repair promise"
    r"|\b(?:covered|included) (?:by|under|in) (?:our|the|your) (?:[\w-]+ ){0,2}"
    r"(?:warranty|guarantee|promise|cover|plan)\b"
    # a gesture to put it right: "Breakfast is on us tomorrow", "Would you like a meal voucher for the wait?"
    r"|\b(?:is|are|'s|’s) on us\b|\bon the house\b"
    r"|\b(?:meal |travel |goodwill |food |hotel |taxi )vouchers? (?:for|to cover) (?:the |your )?"
    r"(?:wait|delay|trouble|inconvenience|hassle|disruption)\b"
    # a voucher already put where the customer will find it: "A €15 meal voucher is in the app"
    r"|\b(?:meal |travel |goodwill |food )?vouchers?\b[^.!?\n]{0,40}\b(?:is|has been|was) (?:now |already )?"
    r"(?:in|on|added to|loaded (?:in|on)to|applied to) (?:your|the) (?:[\w-]+ ){0,2}?(?:app|account|wallet|"
    r"boarding pass|booking|card)\b",
    re.I,
)
# The customer asked to leave, and is offered a lower price to stay: one retention offer is not an upsell.
_LEAVING_CASE = re.compile(r"\b(?:cancel\w*|clos(?:e|ing) (?:my |the )?account|leav\w*|terminat\w*|end my)\b", re.I)
# The customer asking for a better price: "is there a pensioner discount?", "anything cheaper you can do?"
_ASKED_FOR_OFFER = re.compile(
    r"\b(?:any(?:thing)?|something|is there an?|are there any|do you (?:have|do|offer)|can you (?:do|offer)|"
    r"could you (?:do|offer))\b[^.?!\n]{0,40}?\b(?:cheaper|discounts?|deals?|offers?|better (?:price|rate|deal)|"
    r"lower (?:price|rate)|reductions?|concessions?)\b"
    # asking to buy more: "Can I upgrade to the faster package while my repair is still open?"
    r"|\b(?:can|could|may) (?:i|we) (?:still |just )?"
    r"(?:upgrade|switch (?:to|plans?|packages?)|move up|add (?:a|an|the))\b",
    re.I,
)
_NO_OFFERS = re.compile(r"\bno (?:[\w-]+ )?(?:offers?|deals?|discounts?)\b|\bjust (?:want to )?cancel\b", re.I)
_CHEAPER = re.compile(
    r"\b\d+% off (?:your|the) (?:[\w-]+ ){0,2}(?:plan|subscription|membership|bill|contract|autoship|tariff)\b"
    r"|\b(?:discount|price) on (?:your|the) (?:[\w-]+ ){0,2}(?:plan|subscription|membership)\b"
    r"|\b\d+ (?:months?|weeks?) (?:of [\w-]+ )?(?:at|for) (?:\d+% off|half[- ]price|free)\b"
    # "I can take $10 a month off your bill for the next 12 months"
    r"|[$£€]\d+(?:\.\d\d)? (?:a|per|each) (?:month|week|year) off (?:your|the) (?:[\w-]+ ){0,2}"
    r"(?:bill|plan|subscription|membership|contract|tariff)\b",
    re.I,
)


# A case about what the customer pays, and a cheaper way to pay less: the offer answers it.
_PRICE_CASE = re.compile(
    r"\b(?:bill|price|payment|premium|cost|charge)s? "
    r"(?:go|goes|went|has gone|have gone|going|gone|increased|rose|risen) up\b"
    r"|\b(?:price|bill|premium) (?:rise|increase|hike)\b|\btoo expensive\b|\bcan'?t afford\b|\bcheaper\b"
    # the customer asked how to pay less: "asked how to lower monthly bill", "wants to save money"
    r"|\b(?:lower|reduce|cut|bring down)\w* (?:my |the |their |her |his |our )?(?:monthly )?"
    r"(?:bills?|costs?|payments?)\b"
    r"|\bsave money\b",
    re.I,
)
_CHEAPER_OPTION = re.compile(
    r"\b(?:cheaper|lower[- ]priced|less expensive|(?:a |the )?lower (?:price|monthly|bill)|save (?:you )?[£$€]\d+|"
    r"sim[- ]only)\b",
    re.I,
)


# The turn of phrase alone, no offer in it: "while we're here", "while I've got you".
_ONLY_WHILE = re.compile(r"while [\w' ]+ here", re.I)


@rule(
    "overreach.upsell_during_support",
    fields=("body",),
    emits={"overreach.mailing_during_open_case": "A sales mailing sent while the customer has an open support case."},
    unfixable_emits=("overreach.mailing_during_open_case",),
)
def upsell_during_support(inp: RuleInput) -> Iterator[Finding]:
    """An upsell while the customer has an open support case."""
    support = inp.context.support
    if support is None or not support.open_case or _RESOLVED.search(inp.text):
        return  # "your phone repair is done and ready to collect": the case is closed by this very message
    if _buying_case(support):
        return  # the customer opened the case to ask what they could buy
    said = stated_text(inp.context)
    if _ASKED_FOR_OFFER.search(said) and not _NO_OFFERS.search(said):
        return  # "is there a pensioner discount?", "unless there's something cheaper you can do?": offers answer it
    cues = sorted([*inp.hits(PROMO_RE), *inp.hits(_UPSELL)], key=lambda m: m.start())
    hardship = _HARDSHIP.search(inp.text) is not None
    price_case = _PRICE_CASE.search(support.topic or "") is not None
    # A mailing (it carries the marketing footer) sells from top to bottom: cutting its offers leaves a sales
    # email with no price in it, so it is held until the case is closed, not rewritten.
    mailing = MARKETING_FOOTER.search(inp.text) is not None
    covered = -1
    for m in cues:
        if m.start() < covered:
            continue  # inside a pitch already flagged
        sentence = inp.sentences.text_around(m.start())
        if _REMEDY.search(sentence) or _NOT_AN_OFFER.search(sentence):
            continue  # "I've reissued your $25 voucher", "your no-claims discount stays": put right or already theirs
        if hardship and _EASES.match(inp.at(m)):
            continue  # "if your repayments feel hard right now, we can: lower your monthly payment": help, not a sale
        # "why did my bill go up?" answered with a cheaper plan, in this sentence or the one before ("...would save
        # you £8 a month. Want me to switch you?"): the answer, not an upsell
        if price_case and (
            _CHEAPER_OPTION.search(sentence) or _CHEAPER_OPTION.search(_sentence_before(inp, m.start()))
        ):
            continue
        if inp.in_sentence(_HONOURS, m.start()):
            continue  # "You mentioned your Japan trip, so...": answering what the customer raised
        if _SAME_THING.match(sentence) and serves_case(inp.context, _sentence_before(inp, m.start())):
            continue  # "The Harlow jeans run true to size. They're also 20% off this week": the price of what was asked
        if _ANYTHING_ELSE.search(sentence) and not inp.in_sentence(PROMO_RE, m.start()):
            continue  # "Is there anything else you'd like changed while I'm here?": more help, nothing sold
        if (
            support.topic
            and _LEAVING_CASE.search(support.topic)
            and _CHEAPER.search(sentence)
            and not re.search(r"\bor\b", sentence, re.I)
            and not _NO_OFFERS.search(said)
        ):
            continue  # "Before I cancel: I can take 20% off your plan for 12 months": one offer to stay, not a sale
        start, end = _with_call_to_act(inp, m.start())
        pitch = inp.text[start:end]
        if _ONLY_WHILE.fullmatch(inp.at(m)) and not (
            PROMO_RE.search(pitch)
            or _PRICE.search(pitch)
            or "?" in pitch
            or sum(start <= c.start() < end for c in cues) > 1
        ):
            continue  # "A few care tips while we're here:": a turn of phrase that sells and asks nothing
        case = "The customer has an open support case" + (f" ({support.topic})" if support.topic else "")
        if mailing:
            yield inp.finding(
                "overreach.mailing_during_open_case", start, end, 2, f"{case}; hold this mailing until it is closed."
            )
        else:
            yield inp.finding(
                "overreach.upsell_during_support",
                start,
                end,
                2,
                f"{case}; solve it before selling more.",
                suggestion="",
            )
        covered = end  # every pitch in the reply, so the rewrite sells nothing


# Goods put into the customer's order or plan without asking: "We've added honey-lemon lozenges to your next order".
_ADDED_UNASKED = Lexicon(
    r"\b(?:we(?:'ve| have)|i(?:'ve| have)|(?:we|i)(?= went ahead))"
    r"(?: gone ahead and| went ahead and| also| just| quietly)? "
    r"(?:added|popped|put|included|slipped|thrown) "
    r"(?P<what>(?:[\w&'+-]+,? ){1,8}?)(?:in|into|to|on) your (?:[\w-]+ ){0,2}?"
    r"(?:order|box|delivery|subscription|plan|bill)\b"
    # made available to choose, not put in: "we've added size 2 to your subscription options"
    r"(?! (?:options|choices|settings|menu|page|catalogue|range|list of options)\b)"
)
# The customer signed up, or moved up, by the company: "we've signed you up for daily reminder texts", "we've
# upgraded your quote automatically".
_ENROLLED_UNASKED = Lexicon(
    r"\bwe(?:'ve| have)(?: gone ahead and| also| just| automatically| already)? (?:signed|enrolled|subscribed|"
    r"opted|registered) you (?:up )?(?:in )?(?:for|to|in|into|on)\b"
    r"|\bwe(?:'ve| have)(?: gone ahead and| also| just| automatically| already)? (?:upgraded|moved|switched|"
    r"bumped) your (?:[\w-]+ ){0,2}?(?:quote|plan|policy|subscription|package|membership|cover|tier|order|booking)"
    r" (?:automatically|up to|to (?:our|the) [\w-]+ (?:tier|plan|package|cover|level))"
    # signed up by default unless the customer acts: "we'll sign you up for a reminder call every morning... To
    # skip this, press 9", "we'll enrol you in Autosave unless you tell us otherwise"
    r"|\bwe(?:'ll| will)(?: also| just| automatically| then)? (?:sign|enrol|enroll|subscribe|opt|register) you "
    r"(?:up |in )?(?:for|to|in|into|on)\b(?=[^\n]{0,160}?\b(?:to (?:skip|opt out of|decline|cancel) (?:this|it|that)|"
    r"unless you|if you(?:'d| would) rather not|if you (?:don'?t|do not) want (?:this|it|that|them))\b)"
)
# ...unless it costs nothing or puts something right: "We've added a £15 credit to your next bill".
_NO_CHARGE = re.compile(
    r"\b(?:credit|refund|discount|voucher|points|free|gift|note|tracking|compensation|bonus|goodwill|sample|"
    r"replacement|missing|no (?:extra )?(?:cost|charge)|complimentary|on us|on the house)\b",
    re.I,
)


# The case the customer opened asks us to add something: "add dependant", "add my son to the plan".
_ADD_CASE = re.compile(r"\b(?:add|adding|include|including)\b", re.I)
# What things are added to, and the words for adding: no reason on their own to add anything.
_NOT_WHAT_IS_ADDED = content_stems(
    "order box delivery subscription plan bill account policy basket add adding include including", generic=False
)


def _asked_to_add(inp: RuleInput, sentence: str) -> bool:
    """The open case asks us to add what the sentence says we added."""
    support = inp.context.support
    if support is None or not support.open_case or not support.topic or not _ADD_CASE.search(support.topic):
        return False
    wanted = content_stems(support.topic, generic=False) - _NOT_WHAT_IS_ADDED
    return any(same_word(a, b) for a in content_stems(sentence, generic=False) for b in wanted)


@rule("overreach.added_unasked", fields=("body",))
def added_unasked(inp: RuleInput) -> Iterator[Finding]:
    """Paid goods added to the customer's order or plan, or the customer signed up or moved up, without asking."""
    for lexicon, why in (
        (_ADDED_UNASKED, "Adds goods to the customer's order without asking; offer them and let the customer choose."),
        (_ENROLLED_UNASKED, "Signs the customer up, or moves them up, without asking; offer it and let them choose."),
    ):
        for m in inp.hits(lexicon):
            sentence = inp.sentences.text_around(m.start())
            if _NO_CHARGE.search(sentence) or _ANSWERS_REQUEST.search(sentence) or requested(inp.context, sentence):
                continue
            if _asked_to_add(inp, sentence):
                continue  # "I've added Leo to your plan as a dependant" in the case the customer opened to add him
            yield inp.sentence_finding("overreach.added_unasked", m.start(), 2, why)
