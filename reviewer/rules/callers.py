"""Who is on the line: where an IVR script or a caller-ID chat treats the caller as the account holder unchecked."""

import re
from dataclasses import dataclass

from reviewer.models import CustomerContext
from reviewer.rules._base import RuleInput
from reviewer.rules._context import stated_text
from reviewer.rules._text import Hit, Lexicon

# "your order number" asks for an identifier: that is the check, not an assumption.
_ACCOUNT_DETAIL = Lexicon(
    r"\byour (?:(?:current|latest|outstanding|available|remaining|monthly|new|next|last|recent) )?"
    r"(?:account|balance|order|card|bill|payment|policy|subscription|appointment|prescription|claim)\b"
    r"(?! (?:number|id|reference|ending|code))"
    # "the available balance on your current account"
    r"|\bthe (?:available |current |outstanding |remaining )?balance (?:on|of|in) your\b"
)
_VERIFY = Lexicon(
    r"\b(?:verif(?:y|ied|ication)|confirm (?:your|that you)|security (?:question|check)|for your security|passcode|"
    r"last four|date of birth|account holder|am i speaking with|is this|"
    r"if (?:you are|you're|this is) not|if this isn'?t|not (?:the )?(?:right person|you)|"
    r"(?:we'll|we will) ask (?:you )?for|(?:to|help us|helps us) (?:find|look up|locate|identify) your|"
    r"(?:keep|protect) your account (?:safe|secure)|to protect your account|one[- ]time (?:code|pin|passcode)|"
    r"say or (?:enter|key in|type)|"
    r"(?:enter|key in|type|say) your (?:[\w-]+ )?(?:account|policy|customer|membership|reference|member) number)\b"
)


# A call the company placed names whom it is for; the rule is about callers the company answers.
_OUTBOUND = Lexicon(
    r"\b(?:this is an? (?:[\w-]+ ){0,2}(?:call|message|reminder) from|(?:a )?message for|calling for)\b"
)
# "Hello Dorothy, this is Maple Street Pharmacy": the company placed the call to the number on file.
_INTRODUCES_CALLER = re.compile(r"\b(?i:this is) (?!(?i:your|an?|the|our)\b)[A-Z][\w&'’-]*")
_ANSWERS_CALL = Lexicon(r"\b(?:thank(?:s| you) for calling|you(?:'ve| have) reached|welcome to)\b")
_CALLER_CHECKED = re.compile(
    r"(?<!not )(?<!not yet )(?<!n't )(?<!never )(?<!no )(?<!not been )(?<!n't been )(?<!not yet been )(?<!never been )"
    r"\b(?:passed|verified|authenticated|confirmed|security check|voice ?id|pin check|"
    # a chat inside the customer's own account: "logged in to My Riverbend", "signed in to the app"
    r"(?:logged|signed) (?:in|on)(?: to| into)?|"
    r"entered (?:[\w-]+ ){0,4}(?:pin|passcode|security (?:code|number)|date of birth|"
    r"(?:booking|order|policy|account|membership|customer) (?:reference|ref|number)))\b",
    re.I,
)


# The check already passed, as the script says: "Thank you for confirming your security details".
_CHECK_DONE = Lexicon(
    r"\b(?:thanks?|thank you) for (?:confirming|verifying|passing|answering) (?:your |the |those |our )?"
    r"(?:security|identity|id|details|questions|checks?)\b"
    r"|\bnow (?:that )?(?:you(?:'ve| have)|we(?:'ve| have)) (?:been )?"
    r"(?:verified|confirmed your (?:identity|details))\b"
    # "You've been verified", "you're now verified", "your identity has been confirmed"
    r"|\byou(?:'ve| have) (?:now |already |just )?been (?:verified|authenticated|identified)\b"
    r"|\byou(?:'re| are) (?:now )?(?:verified|authenticated)\b"
    r"|\byour (?:identity|id|security details) (?:has|have) (?:now |already )?been (?:confirmed|verified|checked)\b"
)


# Telling the person in the chat or call that they are the account holder, without asking: "As the account holder
# you can change the plan". "If you're the account holder, press 1" and "whether you're..." ask instead.
_HOLDER_CLAIM = Lexicon(
    r"\b(?:as|since|because) (?:you(?:'re| are) )?the (?:main |primary |named )?(?:account|policy|bill) ?holder\b"
    r"|\byou(?:'re| are) the (?:main |primary |named )?(?:account|policy|bill) ?holder\b"
    # the calling number taken for the person: "we recognised your number, so you're already signed in"
    r"|\b(?:(?:we|i)(?:'ve| have)? recogni[sz]ed? (?:your|the|this) (?:phone |mobile |calling )?number|"
    r"(?:we|i) can see you(?:'re| are) calling from (?:the|your|a) (?:[\w-]+ ){0,3}number)\b[^.!?\n]{0,40}"
    r"\bso (?:you(?:'re| are) (?:already )?(?:signed|logged) in|we know it'?s you|"
    r"(?:there'?s |there is )?no need (?:to (?:verify|confirm|check|give|answer|go through)|"
    r"for (?:any )?(?:security|verification|id\b|identity)))"
    # the number or a name taken as proof: "I've found the member record linked to this phone number", "thanks for
    # sending your name and mobile number, that's enough for me to pull the account up"
    r"|\b(?:found|pulled up|located|brought up|opened) (?:the|your) (?:member |account |customer |policy )?"
    r"(?:record|account|details|file|profile) (?:linked|attached|registered|tied|matched) to (?:this|your|the) "
    r"(?:phone |mobile |calling )?number\b"
    r"|\b(?:that's|that is|that'll be|that will be|(?:is|are) all|(?:is|are) enough) "
    r"(?:(?:all|enough) )?(?:for me |for us |i need |we need )?to "
    r"(?:pull (?:up )?(?:the|your) account(?: up)?|find (?:the|your) account|access (?:the|your) account|"
    r"bring up (?:the|your) account|open (?:the|your) account)"
)
# Asked, not told: "if you're the account holder", "could you confirm you're the account holder?" (not "I can
# confirm you're the account holder")
_ASKS_BEFORE = re.compile(
    r"\b(?:if|whether|or|unless|only|let me know|(?:(?:could|can|would|will) you|please) (?:please |just |first )?"
    r"(?:confirm|verify|check|tell me))\b[^.!?]*\Z",
    re.I,
)
_MENU_OPTION = Lexicon(r"\bpress (?:\d|one|two|three|four|star|hash|pound)\b|\bsay [\"'“‘]")


@dataclass(frozen=True)
class AssumedCaller:
    """The first name or account detail used before the check, and where the check starts (the end if none)."""

    cue: Hit | re.Match[str]
    checked: int
    unknown: bool  # the signal says nobody knows who is there, or the check failed


# The signal says nobody knows who picked up: "answered by unidentified person", "person answering not identified".
_ANSWERER_UNKNOWN = re.compile(
    r"\b(?:unidentified|not (?:yet )?identified|unknown (?:person|caller|speaker)|no (?:verification|security check|"
    r"identity check)|not verified|unverified)\b"
    # the check tried and not passed: "passcode step skipped after two failed attempts", "failed security"
    r"|\b(?:passcode|pin|password|security|verification|identity|id) (?:\w+ )?(?:step |check |questions? )?"
    r"(?:skipped|failed|refused|not completed)\b"
    r"|\bfailed (?:the )?(?:security|verification|identity|id|pin|passcode)\b"
    # a number that is not the customer's: "text received from +15125550198, not the number on file"
    r"|\bnot (?:the|a|their|the customer's) (?:\w+ )?number on (?:file|the account|record)\b"
    r"|\b(?:does not|doesn't|did not|didn't) match (?:the |any )?(?:\w+ )?(?:number|phone|mobile)\b"
    r"|\bunknown (?:number|mobile|phone)\b",
    re.I,
)
# A line the household shares, or a machine that records for whoever plays it back: whoever hears a call placed to it
# may not be the customer ("outbound to household landline; answering machine", "shared family line").
_SHARED_LINE = re.compile(
    r"\b(?:household|shared|family|home) (?:land)?line\b|\bshared (?:by|with|between)\b|\banswering machine\b", re.I
)


_NOT_CHECKED = re.compile(
    r"\b(?:not|never|un)\s*(?:yet )?\w+(?:,? (?:or|nor|and) (?:\w+ )?(?:verified|authenticated|confirmed|passed))+"
    # "no security check passed": the check named and denied
    r"|\bno (?:\w+ )?(?:check|verification)s? (?:(?:was|were|has been|have been) )?(?:yet )?(?:passed|done|completed)",
    re.I,
)


# A check named, then said to have failed: "voice ID did not match", "PIN rejected", "caller not verified".
_CHECK_FAILED = re.compile(
    r"\b(?:voice ?id|pin|passcode|password|security (?:check|questions?)|verification|identity check|id check)"
    r"(?: \w+){0,2} (?:did not|didn't|does not|doesn't|failed to|could not|couldn't) (?:match|pass|complete)\b"
    r"|\b(?:voice ?id|pin|passcode|password|security (?:check|questions?)|verification|identity check|id check)"
    r"(?: \w+){0,2} (?:failed|rejected|refused|skipped|not (?:completed|passed))\b"
    r"|\b(?:not verified|unverified|not (?:yet )?identified|unidentified)\b",
    re.I,
)


def caller_checked(context: CustomerContext) -> bool:
    """The caller was verified before this message (the caller-ID signal, or the open case, says so)."""
    details = [s.detail or "" for s in context.observed_signals if s.kind == "caller_id"]
    if context.support is not None and context.support.open_case and context.support.topic:
        details.append(context.support.topic)  # "SIM swap - caller verified"
    if any(_NUMBER_MATCHED.search(d) for d in details) and any(
        _NUMBER_TRUSTED.search(said) for said in context.stated_preferences
    ):
        return True  # the customer chose to be verified by their number, and the call came from it
    # "caller not identified or verified": the negation reaches past the first word; "voice ID did not match,
    # caller not verified": the check was tried and failed
    return any(
        _CALLER_CHECKED.search(_NOT_CHECKED.sub(" ", detail)) and not _CHECK_FAILED.search(detail) for detail in details
    )


# The customer chose to be verified by the number they call from ("Turned on Trusted Number: verify me automatically
# when I call from my own mobile"), and the call came from it ("number matches registered mobile").
_NUMBER_TRUSTED = re.compile(
    r"\btrusted number\b|\bverify me (?:automatically|by my (?:number|phone|mobile))\b"
    r"|\brecogni[sz]e (?:me by )?my (?:number|mobile|phone)\b",
    re.I,
)
_NUMBER_MATCHED = re.compile(r"\b(?:number|caller[- ]?id) matches (?:the |my |our |a )?registered\b", re.I)


def holder_claims(inp: RuleInput) -> list[Hit]:
    """Telling the person in a call or chat they are the holder, unasked: "As the account holder you can..."."""
    if inp.message.channel not in ("ivr", "chat") or caller_checked(inp.context):
        return []
    claims = []
    for m in inp.hits(_HOLDER_CLAIM):
        before = inp.text[: m.start()]
        if _ASKS_BEFORE.search(before) or _CALLER_CHECKED.search(before):
            continue
        if _SOMEONE_ELSE_HOLDS.match(inp.text, inp.sentences.around(m.start())[0], m.start()):
            continue  # "Gloria will get a confirmation email as the account holder": said of her, not the reader
        claims.append(m)
    return claims


# Someone else is the sentence's subject before "as the account holder": "Gloria will get", "she'll receive".
_SOMEONE_ELSE_HOLDS = re.compile(
    r"(?:[^.!?\n]*?(?:\b(?:and|so|then)|,)\s+)?(?:[A-Z][a-z]+|[Ss]he|[Hh]e|[Tt]hey)"
    r"(?:'ll| will| gets?| has| is| receives?)\b(?![^.!?\n]*\byou\b)[^.!?\n]*\Z"
)


_NO_EFFECT = re.compile(r"\b(?:won'?t|will not|doesn'?t|does not|never) (?:affect|change|touch|impact)\b", re.I)


# The chat's own record says nobody knows who is typing: "visitor not signed in", "matched only by a device cookie",
# "chat opened by 'Sophie', asking about her dad's bill; no verification done".
_VISITOR_UNKNOWN = re.compile(
    r"\b(?:not (?:signed|logged) in|anonymous|unverified|not (?:yet )?verified|no (?:verification|security check|"
    r"identity check)|(?:device |browser )?cookie|guest (?:checkout|visitor|user))\b"
    # "typed from the family's shared tablet; the person chatting has not confirmed who they are"
    r"|\b(?:has|have)(?: not|n't) (?:yet )?(?:confirmed|said|told us|verified) who (?:they|she|he) (?:are|is)\b"
    r"|\bshared (?:family )?(?:tablet|computer|device|laptop|phone|account login)\b"
    # someone else typing for the holder: "Chat opened by Ngozi, the account holder's daughter"
    r"|\b(?:account ?holder|policy ?holder|customer|member)'s (?:daughter|son|wife|husband|partner|carer|caregiver|"
    r"relative|friend|neighbou?r|mother|father|mum|mom|dad|niece|nephew|grand(?:son|daughter|child))\b"
    r"|\bon (?:his|her|their) (?:mum|mom|mother|dad|father|parent|wife|husband|partner)'?s behalf\b"
    r"|\bno authori[sz]ed third party\b",
    re.I,
)


def _visitor_unknown(inp: RuleInput) -> bool:
    """A chat whose signals or case say the person typing has not been identified."""
    topic = inp.context.support.topic if inp.context.support else None
    notes = [s.detail or "" for s in inp.context.observed_signals] + [topic or ""]
    return inp.message.channel == "chat" and any(_VISITOR_UNKNOWN.search(n) for n in notes)


# The customer told us the line is theirs alone, or asked to be greeted by name when they call.
_OWN_LINE_SAID = re.compile(
    r"\b(?:greet|call|address|welcome) me by (?:my )?(?:first )?name\b"
    r"|\b(?:this|my) (?:mobile|phone|number|line|landline)(?:'s| is) (?:mine|only (?:ever )?used by me|just mine)\b"
    r"|\bmine alone\b|\bonly i (?:use|answer|call from)\b"
    r"|\bonly (?:one|person) (?:who |that )?(?:uses|answers|calls from|rings from) (?:this|that|my|the) "
    r"(?:(?:home |mobile )?(?:mobile|phone|number|line|landline))\b"
    r"|\brecogni[sz]e (?:me|my (?:home |mobile )?(?:number|mobile|phone|line|landline)) when i (?:ring|call|phone)\b"
)


_POSSESSIVE = re.compile(r"['’]s\b")
_THIRD_PERSON = re.compile(r"\b(?:she|her|he|his|him)\b", re.I)


def assumed_caller(inp: RuleInput) -> AssumedCaller | None:
    """Where the script greets the caller by name or speaks of their account before checking who they are."""
    channel = inp.message.channel
    caller_id = any(s.kind == "caller_id" for s in inp.context.observed_signals) or _visitor_unknown(inp)
    signal_unknown = any(
        s.kind == "caller_id" and _ANSWERER_UNKNOWN.search(s.detail or "") for s in inp.context.observed_signals
    )
    # a text from a number that is not the customer's is answered like a call: "Hi Jordan! Your balance is..."
    unknown_texter = channel == "sms" and signal_unknown
    if caller_checked(inp.context) or not (channel == "ivr" or (channel == "chat" and caller_id) or unknown_texter):
        return None
    if _OWN_LINE_SAID.search(stated_text(inp.context)):
        return None  # "This mobile is mine alone - greet me by name when I call": the customer asked for it
    verify = inp.first(_VERIFY)
    if verify is not None and re.match(r"if |not ", inp.at(verify), re.I):
        return None  # "If you are not Alex Moreno, please hang up": the message checks who is listening
    if inp.first(_CHECK_DONE) is not None:
        return None  # "Thank you for confirming your security details": the script follows the check
    # Without caller ID, a mid-call line about "your payment" may follow a check the script does not show;
    # greeting the caller by name still assumes who they are.
    cues: list[Hit | re.Match[str]] = [*inp.hits(_ACCOUNT_DETAIL)] if caller_id else []
    first = inp.context.first_name()
    last = inp.context.name.last if inp.context.name else None
    for name in (first, last):
        if name:
            cues += list(re.finditer(rf"\b{re.escape(name)}\b", inp.text))
    # the holder spoken of to someone else: "For Maria's security I can't go into her bills"
    cues = [
        c
        for c in cues
        if not (_POSSESSIVE.match(inp.text, c.end()) and _THIRD_PERSON.search(inp.sentences.text_around(c.start())))
    ]
    # a cue in the very sentence that asks for verification is part of the check, not an assumption
    cues = [c for c in cues if not inp.in_sentence(_VERIFY, c.start())]
    # a menu option ("to hear your balance, press 1") routes the caller; the check comes after the choice
    cues = [c for c in cues if not inp.in_sentence(_MENU_OPTION, c.start())]
    # a reassurance to anyone listening ("it won't affect your account in any way") tells nothing about the account
    cues = [c for c in cues if not _NO_EFFECT.search(inp.sentences.text_around(c.start()))]
    unknown = _visitor_unknown(inp) or signal_unknown
    says_for_whom = inp.first(_OUTBOUND) is not None
    placed = says_for_whom or (_INTRODUCES_CALLER.search(inp.text) is not None and inp.first(_ANSWERS_CALL) is None)
    shared = any(s.kind == "caller_id" and _SHARED_LINE.search(s.detail or "") for s in inp.context.observed_signals)
    if placed and not unknown and (says_for_whom or not shared):
        # "an automated call from the clinic for Harriet Munro": the call says whom it is for; "Hi Denise, this is
        # Corbel Pharmacy" to a household landline talks to whoever picked up as if they were Denise
        return None
    cues.sort(key=lambda c: c.start())
    if cues and (verify is None or cues[0].start() < verify.start()):
        return AssumedCaller(cues[0], verify.start() if verify is not None else len(inp.text), unknown)
    return None
