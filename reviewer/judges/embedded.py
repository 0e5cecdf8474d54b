"""The embedded judge: the offline default. Nothing leaves the machine.

It scores each rubric from what the offline layers prove: the rules' floor, then a sentence model fitted on
the labelled corpus that reads each sentence against the context (:mod:`reviewer.offline`). The deterministic
rewriter applies the findings' own suggestions.
"""

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

from reviewer.judges._protocol import (
    Candidate,
    Judgement,
    JudgeRequest,
    OnRubric,
    RewriteRequest,
    RubricJudgement,
)
from reviewer.models import Finding
from reviewer.models.offsets import utf16_span
from reviewer.models.result import TextField
from reviewer.offline import LearnedModel, SentenceFlag
from reviewer.offline.anchors import matcher
from reviewer.offline.features import grounding, sentence_categories
from reviewer.rubrics import Rubric
from reviewer.rules._context import customer_said, requested
from reviewer.rules._text import Sentences, in_signature
from reviewer.rules.callers import caller_checked
from reviewer.rules.creepiness import PRODUCT_STATE
from reviewer.rules.fixes import (
    apply_suggestions,
    drop_emptied_items,
    drop_new_fragments,
    drop_orphans,
    tidy_blank_lines,
)
from reviewer.rules.lexicon import SENSITIVE_ANY, SENSITIVE_RE
from reviewer.rules.stereotyping import GOES_WITH_TITLE
from reviewer.text import content_stems

LEARNED_MESSAGE = {
    "creepiness": "Reads as if it reveals what was watched or guessed about the customer; use only what they told you.",
    "stereotyping": "Reads as an assumption about the customer from who they are; address them as they asked.",
    "overreach": "Reads as too much: too many asks, too familiar, or more than the customer agreed to.",
}


class EmbeddedJudge:
    """Deterministic and fast. A brand's own rubric is scored from the examples in its file."""

    name = "rules"
    model: str | None = None
    sends_text_away = False

    def __init__(self, learned: LearnedModel | None = None) -> None:
        self.learned = learned

    async def judge(self, request: JudgeRequest, on_rubric: OnRubric | None = None) -> Judgement:
        """Score each rubric from the rules' floor, raised where the sentence model flags a sentence."""
        out: dict[str, RubricJudgement] = {}
        # A flagged sentence a rule found a phrase of is also scored with the rule's phrases blanked out.
        blank = [(f.category, f.field, f.start, f.end) for f in request.floor.findings]
        scored = self.learned.doubts(request.message, request.context, blank) if self.learned is not None else []
        if scored:
            known = grounding(request.context)
            scored = [
                f
                for f in scored
                if not _stated(f, request, known) and not _expected(f, request) and not _signed(f, request)
            ]
        still = {(f.rubric, f.field, f.start) for f in scored if f.blanked and f.severity >= 2}
        scored = [f for f in scored if not f.blanked]
        flags = [f for f in scored if f.severity >= 2]
        covered = _Covered(request.floor.findings)
        # "We can see you're one of our older customers, so we'll keep this nice and slow": the rule finds "nice and
        # slow", and without it the sentence still reads as watching, so the whole of it is pointed at too. "As a
        # busy mom, you deserve a break" without "As a busy mom, you" reads clean, and gets no second highlight.
        beyond = [f for f in flags if covered.partly(f) and (f.rubric, f.field, f.start) in still]
        doubts = [
            f"{f.rubric}: '{_text_of(request, f.field)[f.start : f.end]}'"
            for f in scored
            if f.severity == 0 and not covered(f)
        ]
        for rubric in request.rubrics:
            floor = request.floor.rubrics[rubric.id]
            mine = [f for f in flags if f.rubric == rubric.id and not covered(f)]
            if floor.covered or mine:
                findings = [_finding(f, request) for f in mine]
                top = max((f.severity for f in findings), default=0)
                if top > floor.score:
                    rationale = f"{findings[0].message} ({len(findings)} sentence(s) flagged by the sentence model)"
                    judged = RubricJudgement(top, rationale, findings, source="rules")
                else:
                    judged = RubricJudgement(floor.score, floor.rationale, findings, source="rules")
            else:
                judged = _by_examples(rubric, request)
            if (judged.score or 0) >= 2:
                # Where the rubric's problem is already found, a sentence the model could not clear is pointed at
                # too (severity 1, no fix of its own): the same stereotype often runs on to the next sentence.
                judged.findings += [
                    _related(f, request) for f in scored if f.rubric == rubric.id and f.severity == 0 and not covered(f)
                ]
                judged.findings += [_related(f, request) for f in beyond if f.rubric == rubric.id]
            out[rubric.id] = judged
            if on_rubric is not None:
                on_rubric(rubric.id, judged)
        return Judgement(rubrics=out, notes=["rules judge: nothing left this machine"], doubts=doubts)


class SuggestionRewriter:
    """Applies every finding's suggestion; one attempt, since the result is deterministic.

    A flagged finding that brings no suggestion of its own has its sentence cut, and so do a sentence the edits
    leave stopping short ("There's.") and one that leaned on a cut sentence ("It's $80 off until Friday."): the
    re-review then decides whether what is left reads whole and fixed.
    """

    attempts = 1

    async def rewrite(self, request: RewriteRequest) -> Candidate:
        """The message with each finding's suggestion applied at its span."""

        def fix(text: str, field: str) -> str:
            fixed = apply_suggestions(text, _cut_unfixed(text, [f for f in request.findings if f.field == field]))
            return tidy_blank_lines(text, drop_emptied_items(text, drop_orphans(text, drop_new_fragments(text, fixed))))

        message = request.message
        subject = fix(message.subject, "subject") if message.subject else None
        return Candidate(message.model_copy(update={"body": fix(message.body, "body"), "subject": subject}))


_NOT_JUDGEMENTS = {"data_quality", "privacy"}


def _cut_unfixed(text: str, findings: list[Finding]) -> list[Finding]:
    """Each flagged judgement without a suggestion widened to its sentence, to be removed.

    Only judgements (a rubric's finding): a sentence with an unfilled merge field or exposed data carries what
    the customer needs ("Your order of  is on its way"), so a person fills it in; cutting it is no fix.
    """
    sentences = Sentences(text)
    out = []
    for f in findings:
        if f.suggestion is None and f.severity >= 2 and f.category not in _NOT_JUDGEMENTS:
            start = sentences.around(f.start)[0]
            end = sentences.around(max(f.end - 1, f.start))[1]
            f = f.model_copy(update={"start": start, "end": end, "suggestion": ""})
        out.append(f)
    return out


_AS_ASKED = re.compile(
    r"\b(?:as you asked|you asked (?:us |me )?(?:for|how|what|when|whether|if|which|why|about)|you asked us|"
    r"you told us|at your request|per your request|you (?:signed up|opted in) "
    r"(?:for|to)|you chose|you set up|you switched on|you turned on|"
    # what the customer logged themselves: "Weekly summary: you tracked 4 runs and 21.3 km"
    r"you (?:tracked|logged|recorded))\b",
    re.I,
)


# A question that complains rather than asks: "why do you keep texting me about loans?"
_COMPLAINT = re.compile(r"\b(?:why|stop|keep|don'?t|do not|no more|never)\b", re.I)


def _answers_question(request: JudgeRequest, sentence: str) -> bool:
    """The sentence answers a question the customer asked, naming two or more of its words.

    "In chat: is my smart meter actually sending readings?" answered with "Your smart meter sent its last reading
    at 06:00 this morning": the customer asked to be told.
    """
    said: frozenset[str] | None = None
    for pref in request.context.stated_preferences:
        if "?" not in pref or _COMPLAINT.search(pref):
            continue
        said = content_stems(sentence, generic=False) if said is None else said
        if len(said & content_stems(pref, generic=False)) >= 2:
            return True
    return False


def _stated(flag: SentenceFlag, request: JudgeRequest, known: dict[str, set[str]]) -> bool:
    """The sentence uses what the customer told us, not what we watched or guessed: that is welcome."""
    sentence = _text_of(request, flag.field)[flag.start : flag.end]
    if _AS_ASKED.search(sentence) or requested(request.context, sentence) or _answers_question(request, sentence):
        return True
    # a greeting with the title the customer gave us: "Dear Mr. Okafor," to a customer whose salutation is "Mr."
    title = (request.context.salutation or "").strip().rstrip(".")
    if title and len(sentence.split()) <= 6 and re.search(rf"\b{re.escape(title)}\b", sentence):
        return True
    # ...and the address that goes with it: "Happy to help, sir!" to a customer who chose "Mr."
    spoken = [word for word, titles in GOES_WITH_TITLE.items() if title.lower() in titles]
    if spoken and len(sentence.split()) <= 6 and re.search(rf"\b(?:{'|'.join(spoken)})\b", sentence.lower()):
        return True
    # "Congratulations on your pregnancy!" to a customer who told us she is expecting: the category is hers
    categories = sentence_categories(sentence) - {""}
    own_words = " ".join(customer_said(request.context)).lower()
    # not money: a customer asking about an overdraft fee has not told us their hours were cut
    if (
        categories
        and "finances" not in categories
        and all(SENSITIVE_RE[c].pattern.search(own_words) for c in categories)
    ):
        return True
    said = content_stems(sentence, generic=False)
    watched = known["observed"] | known["inferred"] | known["purchased"]
    # the region on file is the customer's own: "Since you're in Austin, ..." for a customer in Austin (not the
    # street address: "your neighbours at number 14 Elm Street" is other people's data)
    on_file = content_stems(request.context.region or "", generic=False)
    return bool(said & (known["stated"] | on_file)) and not said & watched


# A basket reminder that names the item is expected personalization (1); saying when or how often the customer
# looked, or naming a sensitive item, is what makes it watching (the rules grade those).
_REMINDER = re.compile(
    r"\b(?:in|to|from|on) your (?:cart|basket|bag|trolley|wish ?list|saved items|watch ?list|queue)\b"
    # what the customer marked in the app: "Price drop: 14 Ashby Road, a home you saved, is now £285,000"
    r"|\byou(?:'ve| have)? (?:saved|favou?rited|starred|bookmarked|shortlisted|hearted)\b"
    r"|\byour (?:saved|favou?rited|shortlisted) (?:homes?|searches|items?|listings?|properties|cars?|jobs?)\b"
    r"|\bstill (?:thinking (?:about|it over)|keen on|interested in|deciding on)\b|\byou left\b",
    re.I,
)
# Reasons every recommender gives, and what an agent sees on the account in the customer's own call or chat.
_USUAL_REASON = re.compile(
    r"\b(?:because|since) you (?:bought|ordered|watched|read|listened to|liked|follow|saved|picked up|finished|"
    r"played|completed|rated)\b"
    r"|\bto go with your (?:last |recent )?(?:order|purchase)\b"
    r"|\b(?:picked|chosen|selected|recommended) for you\b"
    # a rating the customer gave, and what they play: "You gave Marlow Bay five stars, so here are three more",
    # "30 fresh tracks picked around what you've been playing lately"
    r"|\byou gave (?:[\w'-]+ ){1,4}(?:five|four|5|4) stars\b"
    r"|\b(?:based on|around|from) what you(?:'ve| have)? (?:been )?(?:playing|listening to|watching|reading)\b"
    # a reorder reminder timed from the last order: "It's been about four weeks since your last bag of Yirgacheffe"
    r"|\b(?:since|after) your last (?:[\w-]+ ){0,3}?(?:order|bag|box|delivery|purchase|refill|pack|bottle|tin)\b"
    # a follow-up timed from the order's own delivery: "Your Tarn hiking boots arrived two weeks ago, so we hope..."
    r"|\byour (?:[\w'-]+ ){1,4}(?:arrived|(?:was|were) delivered)\b",
    re.I,
)
# The account's or the product's own state, and the brand noting a lapse in its own relationship: what every
# service says ("You've used 80% of your data", "your Pro trial ends Friday", "We haven't seen you in a while").
_ACCOUNT_STATE = re.compile(
    r"\byou'?ve used \d+\s?%|\bused \d+\s?% of your\b|\b(?:free |pro |premium )?trial (?:ends|expires|is ending)\b"
    # the allowance the plan gives, counted as the plan does: "you've used 18GB of your 20GB data"
    r"|\byou'?ve used [\d.,]+\s?(?:gb|mb|minutes|mins|texts) of your [\d.,]+\s?(?:gb|mb|minutes|mins|texts)\b"
    r"|\byou'?ve been outbid\b|\b(?:we )?haven'?t seen you\b|\bit'?s been a while since you\b"
    r"|\bsince you last (?:logged in|signed in|visited|ordered|shopped|opened)\b"
    r"|\b(?:is|are) (?:saved|held) for \d+ days\b|\bpick up (?:right )?where you left off\b"
    # a loyalty balance: "your 500 points expire on 31 May"
    r"|\byour [\d,]+ (?:[\w-]+ )?points\b|\bpoints (?:expire|balance)\b"
    # the customer's own check-in or ride, confirmed: "You're checked in at Fitlane", "Meet him at the pickup pin"
    r"|\byou(?:'re| are) (?:now )?checked in\b|\bmeet (?:him|her|them|your (?:driver|rider|courier|host)) at\b"
    # progress through what they subscribed to: "you're two episodes from the end"
    r"|\byou(?:'re| are) (?:\w+ )?(?:episodes?|chapters?|lessons?|stamps?|points?|rides?|levels?|visits?) "
    r"(?:away )?from\b"
    # the app's own progress feedback on what the customer does in it: "3 workouts this week", "your 12-day streak"
    r"|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:workouts?|lessons?|runs?|rides?|classes|"
    r"sessions?|walks?|quizzes) (?:this|in a) (?:week|month|row)\b|\bstreak\b|\bmissed a day\b"
    r"|\b\d[\d,]* (?:steps|workouts)\b|\byour (?:weekly|monthly|daily|yearly|annual) (?:summary|report|recap|stats)\b"
    r"|\bsee your (?:week|month|year|stats|progress)\b|\bsince you were (?:last )?(?:here|with us)\b"
    # a fraud check on the customer's own card: "a card payment that doesn't look like your usual spending"
    r"|\b(?:doesn'?t|does not|didn'?t|did not) look like (?:you|your usual|your normal|your regular)\b"
    # what the customer or their own meter sent us, received: "We received your smart meter reading today"
    r"|\bwe(?:'ve| have)? (?:received|got) your (?:[\w-]+ ){0,2}(?:readings?|payment|return|documents?|forms?|"
    r"application|claim|photos?|signature)\b",
    re.I,
)
# The account's own security events, which the holder must hear of with their time and place: "a new sign-in to your
# online banking from Chrome near Lisbon on 3 May at 02:14".
_SECURITY_NOTICE = re.compile(
    r"\bnew (?:sign[- ]?in|log[- ]?in|device)s? (?:to|on|from)\b|\b(?:sign[- ]?in|log[- ]?in) attempts?\b"
    r"|\b(?:unusual|suspicious) (?:activity|transactions?|payments?|spending|purchases?|sign-?ins?|log-?ins?)\b",
    re.I,
)
# The company correcting its own message, whenever it went out: "We noticed a typo in yesterday's text".
_OWN_SLIP = re.compile(
    r"\b(?:we|i) (?:noticed|spotted|made) an? (?:typo|mistake|error) in (?:our|yesterday'?s|the|last)\b", re.I
)
_AGENT_AT_ACCOUNT = re.compile(
    r"\b(?:i|we) can see (?:you(?:'re| are)? (?:calling about|eligible)|"
    r"your (?:account|booking|order|plan|balance|loan)|you(?:'re| are) (?:booked|registered|enrolled) (?:on|for|in))\b"
    r"|\brecogni[sz]ed the number\b|\bverified as\b"
    # caller ID used to find the account, not to assume who is calling
    r"|\b(?:number|line) you(?:'re| are) calling from\b"
    r"|\bcalling from (?:a|the) number (?:linked|registered|on (?:our|your|the) (?:records?|file|account))\b"
    # what the customer shares in this call or chat: "Using the location you shared for this call, ..."
    r"|\b(?:location|details?|photos?|screenshots?|postcode|address) you(?:'ve)? (?:just )?shared\b",
    re.I,
)
_WHEN_OR_HOW_OFTEN = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?|yesterday|last (?:night|week|time)|midnight|times|"
    r"again|kept|(?<!to )keep|since (?:\w+day|last|yesterday|then|\d)|ago|night|evening|morning|weekend|"
    r"(?:days|nights|weeks|mornings|evenings) straight|it'?s been (?:ages|forever|so long|a long time)|"
    # "it's been 3 days since you...", not "it's been one of our quickest sellers" nor "it's been a while"
    r"it'?s been (?:about |around |almost |nearly |over |more than |just |only )?(?:\d+|an?|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|a few|a couple of|several) (?:days?|weeks?|months?|hours?|nights?|fortnight)|"
    r"\d+ (?:days?|weeks?)|ever since|"
    # a date: "You put the Riva Ankle Boot in your cart back on 3 April"
    r"on \d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|"
    r"on (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{1,2}(?:st|nd|rd|th)?|"
    r"\d{1,2}(?::\d\d)?\s?(?:am|pm)|"
    r"\d+ (?:hours?|hrs?|minutes?|mins?))\b",
    re.I,
)
# A time the offer runs to or the goods arrive, not one the customer was seen at: "now £20 off until midnight",
# "ends Sunday", "the brand-new Holloway Green, which lands on Friday".
_NOT_THEIR_TIME = re.compile(
    r"\b(?:until|till|til|ends?|ending|expires?|closes?|through|thru|lands?|drops?|launch(?:es)?|"
    r"airs?|premieres?|releases?|arrives?)\s+"
    r"(?:(?:this|next|tomorrow|on|midnight|noon|\d{1,2}(?::\d\d)?\s?(?:am|pm))\s+){0,2}\Z",
    re.I,
)
# The time since the last order, which a reorder reminder is timed by: "It's been about four weeks since your last".
_SINCE_LAST_ORDER = re.compile(r"\s+since your last\b", re.I)
_DAY_COUNT = re.compile(r"\d+ days?", re.I)
# ...and the time since it was delivered: "arrived two weeks ago".
_DELIVERED_BEFORE = re.compile(
    r"\b(?:arrived|delivered)\s+(?:about |around |nearly |over |just )?(?:an?|one|two|three|four|five|six|\d+|a few|"
    r"a couple of)\s+(?:days?|weeks?)\s+\Z",
    re.I,
)


def _says_when(sentence: str) -> bool:
    """The sentence says when or how often the customer did something, not only when an offer ends or goods arrive."""
    return any(
        not _NOT_THEIR_TIME.search(sentence, max(0, m.start() - 40), m.start())
        # rounded ("about four weeks since your last bag"), not counted to the day ("87 days since your last box")
        and not (_SINCE_LAST_ORDER.match(sentence, m.end()) and not _DAY_COUNT.search(m.group(0)))
        and not _DELIVERED_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
        for m in _WHEN_OR_HOW_OFTEN.finditer(sentence)
    )


# Who the reader buys for, left to them among several: "Whether you're shopping for a dad, a stepdad or a grandad".
_RECIPIENTS_OFFERED = re.compile(
    r"\bwhether you(?:'re| are) (?:shopping|buying|looking|picking|choosing|searching|treating)\b[^.!?]{0,80}?,"
    r"[^.!?]{0,80}?\bor\b",
    re.I,
)
# A greeting by name, and nothing else: "Welcome back, Gerald." said to a caller already verified is just manners.
_GREETING_ONLY = re.compile(
    r"^\W*(?:hello|hi|hey|welcome(?: back)?|good (?:morning|afternoon|evening)|"
    r"thanks? (?:you )?for (?:calling|waiting))\b[^.!?]{0,40}[.!?]?\s*$",
    re.I,
)


_POSTSCRIPT = re.compile(r"P\.? ?S\b", re.I)


def _signed(flag: SentenceFlag, request: JudgeRequest) -> bool:
    """The sentence is the sender's name under the sign-off ("Kind regards," then "Mrs A. Lindgren"), not a P.S."""
    text = _text_of(request, flag.field)
    return in_signature(text, flag.start) and not _POSTSCRIPT.match(text, flag.start)


def _expected(flag: SentenceFlag, request: JudgeRequest) -> bool:
    """A flag on expected personalization, not on watching or an assumption.

    For creepiness, one that says nothing of when or how often we watched; for stereotyping, a greeting by name
    to a caller already verified, or a choice of recipients left to the reader.

    A plain basket reminder, the app's own game state, the account's state or a lapse in the relationship, a
    recommender's usual reason, or an agent at the account in the customer's own call: "The lamp is waiting in your
    cart", "Badge unlocked: Cartographer", "You've used 80% of your data", "Because you bought the tent...",
    "We've recognised the number you're calling from".
    """
    sentence = _text_of(request, flag.field)[flag.start : flag.end]
    if flag.rubric == "stereotyping":
        if _RECIPIENTS_OFFERED.search(sentence):
            return True  # "Whether you're shopping for your mum, a grandmother or a stepmum": the reader chooses
        live = request.message.channel in ("chat", "ivr")
        return live and caller_checked(request.context) and _GREETING_ONLY.match(sentence) is not None
    if flag.rubric != "creepiness":
        return False
    live = request.message.channel in ("chat", "ivr") and _AGENT_AT_ACCOUNT.search(sentence) is not None
    plain = SENSITIVE_ANY.search(sentence) is None  # names no sensitive item
    if _OWN_SLIP.search(sentence) or (_SECURITY_NOTICE.search(sentence) and plain):
        return True
    usual = any(p.search(sentence) for p in (_REMINDER, PRODUCT_STATE, _USUAL_REASON, _ACCOUNT_STATE))
    return plain and (usual or live) and not _says_when(sentence)


def _by_examples(rubric: Rubric, request: JudgeRequest) -> RubricJudgement:
    """A rubric no other layer covers, scored from its own file's examples; unscored when it gives none."""
    examples = matcher(rubric)
    if not examples.usable:
        return RubricJudgement(
            None,
            f"The embedded judge has no detectors for '{rubric.id}' and its rubric file gives no example of a score "
            "of 2 or more; add examples to its scale, or configure an LLM judge to score it.",
            unscored_reason="no_rules_for_rubric",
            source="rules",
        )
    findings = [
        _sentence_finding(
            request,
            hit.field,
            hit.start,
            hit.end,
            rubric.id,
            hit.score,
            f'Reads like this rubric\'s example of {hit.score} ({rubric.scale[hit.score].label}): "{hit.example}".',
            f"{rubric.id}.example_match",
        )
        for hit in examples.hits(request.message)
    ]
    if not findings:
        return RubricJudgement(0, f"No sentence reads like the examples in the {rubric.title} rubric.", source="rules")
    top = max(findings, key=lambda f: f.severity)
    return RubricJudgement(top.severity, top.message, findings, source="rules")


class _Covered:
    """Whether a rule finding of the same category already points into a sentence, in log time per sentence.

    A long draft can carry thousands of findings and thousands of scored sentences: comparing every pair took
    seconds at 100,000 characters.
    """

    def __init__(self, findings: list[Finding]) -> None:
        spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for f in findings:
            spans.setdefault((f.category, f.field), []).append((f.start, f.end))
        self._starts: dict[tuple[str, str], list[int]] = {}
        self._reach: dict[tuple[str, str], list[int]] = {}  # the furthest end among findings starting so far
        for key, found in spans.items():
            found.sort()
            self._starts[key] = [start for start, _ in found]
            self._reach[key] = list(accumulate((end for _, end in found), max))

    def partly(self, flag: SentenceFlag) -> bool:
        """Covered, but by no finding that spans the whole sentence."""
        key = (flag.rubric, flag.field)
        upto = bisect_right(self._starts.get(key, []), flag.start)  # the findings that start where it does or before
        return self(flag) and not (upto > 0 and self._reach[key][upto - 1] >= flag.end)

    def __call__(self, flag: SentenceFlag) -> bool:
        key = (flag.rubric, flag.field)
        before = bisect_left(self._starts.get(key, []), flag.end)  # the findings that start before the sentence ends
        return before > 0 and self._reach[key][before - 1] > flag.start


def _finding(flag: SentenceFlag, request: JudgeRequest) -> Finding:
    message = LEARNED_MESSAGE.get(flag.rubric, f"Flagged by the sentence model under {flag.rubric}.")
    rule_id = f"{flag.rubric}.sentence_model"
    return _sentence_finding(request, flag.field, flag.start, flag.end, flag.rubric, flag.severity, message, rule_id)


def _related(flag: SentenceFlag, request: JudgeRequest) -> Finding:
    """A sentence the model could not clear, in a message where its rubric's problem is already found."""
    message = (
        f"Reads like the {flag.rubric} problem found in this message; the sentence model could not clear it. "
        "Check it before sending."
    )
    finding = _sentence_finding(
        request, flag.field, flag.start, flag.end, flag.rubric, 1, message, f"{flag.rubric}.sentence_model"
    )
    return finding.model_copy(update={"suggestion": None})


def _text_of(request: JudgeRequest, field: TextField) -> str:
    return (request.message.subject if field == "subject" else request.message.body) or ""


def _sentence_finding(
    request: JudgeRequest,
    field: TextField,
    start: int,
    end: int,
    category: str,
    severity: int,
    message: str,
    rule_id: str,
) -> Finding:
    """A finding over one sentence, suggesting to drop it: the re-review decides whether that fixed it."""
    text = _text_of(request, field)
    start16, end16 = utf16_span(text, start, end)
    return Finding(
        category=category,
        start=start,
        end=end,
        quote=text[start:end],
        severity=severity,
        message=message,
        suggestion="",
        source="rules",
        rule_id=rule_id,
        field=field,
        start_utf16=start16,
        end_utf16=end16,
    )
