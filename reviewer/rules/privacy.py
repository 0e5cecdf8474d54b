"""PII exposed in the message itself, and sensitive details on lock-screen channels."""

import re
from collections.abc import Iterator

from reviewer.models import Finding
from reviewer.rules._base import RuleInput, rule
from reviewer.rules._context import customer_said, medicine_basis, requested, sensitive_basis, stated_text
from reviewer.rules._text import SECOND_PERSON, Lexicon
from reviewer.rules.callers import assumed_caller, holder_claims
from reviewer.rules.medications import Mention, names_medicine

# 12 to 19 digits with optional separators; callers check Luhn and the length they care about.
# Each pattern starts with a character class and puts its lookbehind after it, so ``re`` skips to candidate
# characters instead of trying the pattern at every position.
# Grouped by blanks or dashes, or read out digit by digit on a call: "4 7 1 6, 0 2 3 8, ..."
CARD_NUMBER = re.compile(r"\d(?<![\d-]\d)(?:(?:,[ ]?|[ -])?\d){11,18}(?![\d-])")
_IBAN = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]\d{2}(?:[ ]?[A-Z0-9]){11,30}\b")
_CARD_WORD = re.compile(r"\b(?:card|visa|mastercard|amex|debit|credit)\b[^.\n\d]*$", re.I)
_SECURITY_CODE = re.compile(r"\b(?:CVV2?|CVC2?|CV2|CID|security code)\b:?\s*(?:is\s*)?\d{3,4}\b", re.I)
_SSN = re.compile(r"\d(?<!\w\d)\d\d-\d\d-\d{4}\b")  # invalid area, group and serial numbers: _ssn_valid
# A UK National Insurance number where the message names it: "NI no. QQ 12 34 56 C"
_NINO = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
_NINO_CUE = re.compile(r"\b(?:national insurance|NI|NINO)\b[^\n]{0,25}\Z", re.I)
_ACCOUNT = Lexicon(
    r"\b(?:account|acct|routing)\s*(?P<label>number|no\.?|#)?\s*(?:is\s*)?:?\s*(?P<num>\d[\d -]{4,}\d)\b"
)
# A national identity or tax number where the message names it: "Aadhaar 4821 7736 9054", "PAN ABCPK4821L",
# "SIN 046 454 286", "PPS 7654321WA" (a masked one, "XXXX XXXX 9054", shows nothing).
_NATIONAL_ID = re.compile(
    r"\b(?P<label>(?i:aadhaa?r|social insurance|tax file|national id(?:entity)?|passport)|PAN|SIN|PPSN?|TFN|NRIC)"
    r"(?i: (?:no\.?|number|#|card))?:?\s*(?i:is\s*)?(?P<num>[A-Z0-9](?:[A-Z0-9]|[ -](?=[A-Z0-9])){5,18})\b"
)
# Sort code and account number together: "40-12-76 31926819".
_SORT_CODE_ACCOUNT = re.compile(r"\d(?<!\d\d)\d-\d\d-\d\d,? \d{8}\b")
# A bare "Account 40018822" in a utility's footer is a customer reference; beside banking words it is a bank account.
_BANKING = re.compile(
    r"\b(?:bank\w*|sort code|routing|iban|checking|savings|current account|overdraft|deposit|transfer|wire|"
    r"brokerage|investment|trading|securities|pension|isa)\b",
    re.I,
)


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum that every payment card number satisfies."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def iban_valid(iban: str) -> bool:
    """ISO 13616 mod-97 check."""
    compact = iban.replace(" ", "")
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(numeric) % 97 == 1


def _ssn_valid(ssn: str) -> bool:
    """Area 000, 666 and 900-999, group 00 and serial 0000 are never issued."""
    return ssn[:3] not in ("000", "666") and ssn[0] != "9" and ssn[4:6] != "00" and ssn[7:] != "0000"


def _masked(value: str) -> str:
    digits = re.sub(r"\D", "", value) or value.replace(" ", "")
    return "•••• " + digits[-4:]


@rule("privacy.exposed_number")
def exposed_number(inp: RuleInput) -> Iterator[Finding]:
    """Full card, IBAN, social security or account numbers written into the message."""
    for m in CARD_NUMBER.finditer(inp.text):
        if (m.start() > 0 and inp.text[m.start() - 1].isalnum()) or inp.text[m.end() : m.end() + 1].isalnum():
            continue  # digits inside a longer code ("UPS 1Z84W7710355218840") are a tracking or order id
        digits = re.sub(r"\D", "", m.group(0))
        # Named a card ("card 4532 ..."), a number with a wrong checksum is a typo, not a safe number.
        named = _CARD_WORD.search(inp.text[max(0, m.start() - 30) : m.start()]) is not None
        if 13 <= len(digits) <= 19 and (luhn_valid(digits) or named):
            yield inp.finding(
                "privacy.exposed_number",
                m.start(),
                m.end(),
                4,
                "A full payment card number is in the message; show at most the last four digits.",
                suggestion=_masked(digits),
            )
    for m in _SECURITY_CODE.finditer(inp.text):
        yield inp.finding(
            "privacy.exposed_number",
            m.start(),
            m.end(),
            4,
            "A card security code is in the message; never send it.",
            suggestion="",
        )
    for m in _IBAN.finditer(inp.text):
        if iban_valid(m.group(0)):
            yield inp.finding(
                "privacy.exposed_number",
                m.start(),
                m.end(),
                3,
                "A full IBAN is in the message; show at most the last four characters.",
                suggestion=_masked(m.group(0)),
            )
    for m in _SSN.finditer(inp.text):
        if not _ssn_valid(m.group(0)):
            continue
        yield inp.finding(
            "privacy.exposed_number",
            m.start(),
            m.end(),
            4,
            "A social security number is in the message; never send it.",
            suggestion="•••-••-" + m.group(0)[-4:],
        )
    for m in _NINO.finditer(inp.text):
        if not _NINO_CUE.search(inp.text, max(0, m.start() - 40), m.start()):
            continue
        yield inp.finding(
            "privacy.exposed_number",
            m.start(),
            m.end(),
            4,
            "A National Insurance number is in the message; never send it.",
            suggestion="•••• " + m.group(0).replace(" ", "")[-4:],
        )
    for m in _NATIONAL_ID.finditer(inp.text):
        number = m.group("num")
        if sum(c.isdigit() for c in number) < 4 or re.search(r"[Xx*•]{2}", number):
            continue
        yield inp.finding(
            "privacy.exposed_number",
            m.start("num"),
            m.end("num"),
            4,
            f"A full {m.group('label')} number is in the message; never send it (show at most its last digits).",
            suggestion=_masked(number),
        )
    for m in _SORT_CODE_ACCOUNT.finditer(inp.text):
        yield inp.finding(
            "privacy.exposed_number",
            m.start(),
            m.end(),
            3,
            "A sort code and full account number are in the message; show at most the last four digits.",
            suggestion=_masked(m.group(0)),
        )
    for h in inp.hits(_ACCOUNT):
        # a number as long as a bank's ("account 50100234567891") is a bank account wherever it stands
        if not h.group("label") and not _BANKING.search(inp.text) and len(re.sub(r"\D", "", h.group("num"))) < 12:
            continue
        yield inp.finding(
            "privacy.exposed_number",
            h.start("num"),
            h.end("num"),
            3,
            "A full account number is in the message; show at most the last four digits.",
            suggestion=_masked(h.group("num")),
        )


_MEDICINE_WORDS = " medicine medication prescription"
# Categories whose words often describe the world ("open throughout Ramadan"); health words rarely do.
_ABOUT_ANYONE = {"religion", "ethnicity", "finances", "relationships"}
# A cause or a celebration for everyone: "20% of June sales go to local LGBTQ+ charities", "our Pride parade float".
_COMMUNITY = Lexicon(
    r"\b(?:charit(?:y|ies)|fundrais\w*|donat\w*|parade|festival|awareness|history month|pride month|"
    r"community groups?|campaign)\b"
)
# A sentence about many people at once: a statistic, a study, a report.
_POPULATION = Lexicon(
    r"\b(?:one|1|two|2|three|3) in \w+\b|\b(?:study|survey|research|researchers|report|"
    r"investigation|poll|census|figures|statistics)\b"
    # a public campaign, and an animal's health: "It's Mental Health Awareness Week", "Dog or cat over 8? ...arthritis"
    r"|\b(?:awareness|action) (?:week|month|day)\b|\b(?:dogs?|cats?|pets?|pupp(?:y|ies)|kittens?|horses?)\b"
)
# Words a pharmacy or clinic notice needs that reveal nothing on their own.
_NOTICE_WORD = re.compile(
    r"(?i:prescriptions?|refills?|repeat prescriptions?|medications?|medicines?|appointments?|(?:test )?results?|"
    r"pharmacy|pharmacist|clinic|vaccinations?|vaccines?|jabs?|check-?ups?)"
)


# The category names the questions asked, not an answer: "allergy questions", "health questionnaire".
_QUESTIONS_AFTER = re.compile(r"\s+(?:questions?|questionnaires?)\b", re.I)


# The customer said a medicine's name may be shown: "fine to name my medicines in notifications".
_NAMES_ALLOWED = re.compile(
    r"\bnam(?:e|ing) (?:my|the) (?:medicines?|medications?|meds|drugs?|prescriptions?)\b"
    r"|\b(?:medicine|medication|drug) names?\b",
    re.I,
)


def _names_shown(inp: RuleInput, medicine: str) -> bool:
    """The customer named this medicine themselves, or said names may be shown."""
    said = customer_said(inp.context)
    return any(names_medicine(text, medicine) or _NAMES_ALLOWED.search(text) for text in said)


# A doctor's practice by its name, a place rather than a procedure: "Hollybank Surgery", "Dr. Osei's surgery";
# not a specialty's clinic, which names the procedure: "Lakeview Oral Surgery".
_SPECIALTY = (
    r"Oral|Plastic|Cosmetic|Laser|Eye|Bariatric|Facial|Cardiac|Heart|Spinal|Spine|Weight|Vascular|Orthop(?:a)?edic|"
    r"Hand|Foot|Knee|Hip|Breast|Gender|Reconstructive|Fertility|Colorectal|Neuro\w*|Day|Keyhole|Robotic"
)
_PRACTICE = re.compile(rf"(?<![Yy]our )\b(?!(?:{_SPECIALTY})\b)[A-Z][\w-]+(?:'s)? (?:[Ss]urgery|SURGERY)\Z")

_WEB_ADDRESS = re.compile(r"\b(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}\b(?:/\S*)?")

_ASKED_ON_CHANNEL = {
    "sms": re.compile(r"\b(?:by|via|over|on) (?:text|sms)\b|\btext me\b", re.I),
    "push": re.compile(r"\b(?:by|via|as|on) (?:push|notifications?|the app)\b|\bnotify me\b", re.I),
}


# What the customer ordered, named by its kind: "your Passover order", "your Eid hamper".
_ORDER_AFTER = re.compile(r"(?:\s+[\w'’-]+){0,2}?\s+(?:order|booking|hamper|box|basket|delivery)\b", re.I)


_ORDER_NUMBER = re.compile(r"\s*\(?(?:order|booking|ref(?:erence)?)\s*(?:#|no\.?|number)?\s*[A-Z0-9-]*\d", re.I)


def _own_order(inp: RuleInput, start: int, end: int) -> bool:
    """The sensitive word names an order of the customer's, of goods their purchases hold."""
    word = inp.text[start:end].lower()
    bought = any(word in p.category.lower().replace("_", " ") for p in inp.context.purchases)
    yours = inp.text[max(0, start - 5) : start].lower() == "your "
    named = _ORDER_AFTER.match(inp.text, end)
    # ...or of an order the message numbers: "your Diwali mithai box (order #30917) was left at your door"
    numbered = named is not None and _ORDER_NUMBER.match(inp.text, named.end()) is not None
    return (bought or numbered) and yours and named is not None


# The customer asked for lock-screen discretion: "Keep notifications discreet, no cycle details on my lock screen".
_DISCREET = re.compile(
    r"\bdiscre(?:et|etly|tion)\b|\bkeep (?:[\w-]+ ){0,4}off (?:my|the) lock ?screen\b"
    r"|\b(?:no|without|don'?t (?:show|put|include)) (?:[\w-]+ ){0,2}(?:details?|names?|amounts?|balances?|figures?) "
    r"(?:in|on) (?:my |the )?(?:notifications?|texts?|push(?:es)?|messages?|lock ?screen)\b",
    re.I,
)


@rule("privacy.lock_screen")
def lock_screen(inp: RuleInput) -> Iterator[Finding]:
    """Sensitive details in SMS or push, which show on a lock screen for anyone to read."""
    if inp.message.channel in ("sms", "push"):
        yield from _on_lock_screen(inp)


@rule("overreach.ignored_discretion")
def ignored_discretion(inp: RuleInput) -> Iterator[Finding]:
    """Details on the lock screen after the customer asked for discretion: "no cycle details on my lock screen"."""
    said = stated_text(inp.context)
    asked = _DISCREET.search(said)
    if asked is None or inp.message.channel not in ("sms", "push"):
        return
    for shown in _on_lock_screen(inp):
        yield inp.finding(
            "overreach.ignored_discretion",
            shown.start,
            shown.end,
            3,
            f"The customer asked for discretion ('{_said_around(said, asked)}'), and this {inp.message.channel} "
            f"message shows '{shown.quote}' on the lock screen.",
        )


def _said_around(said: str, m: re.Match[str]) -> str:
    """The customer's own line that holds ``m``."""
    start = said.rfind("\n", 0, m.start()) + 1
    end = said.find("\n", m.end())
    return said[start : len(said) if end < 0 else end].strip()


def _on_lock_screen(inp: RuleInput) -> Iterator[Finding]:
    """The sensitive details and the money figures an SMS or a push would show."""
    addresses = [(w.start(), w.end()) for w in _WEB_ADDRESS.finditer(inp.text)] if inp.sensitive else []
    for m in inp.sensitive:
        category = m.lastgroup or ""
        # a named medicine is a medicine, but an alert asked for ("text me when my prescription is ready") shows its
        # name only where the customer named it or said names are fine
        about = inp.sentences.text_around(m.start()) + (_MEDICINE_WORDS if isinstance(m, Mention) else "")
        if requested(inp.context, about) and (not isinstance(m, Mention) or _names_shown(inp, m.medicine)):
            continue  # an alert the customer switched on: they chose to see it there
        if not inp.in_sentence(SECOND_PERSON, m.start()) and (
            category in _ABOUT_ANYONE
            or inp.in_sentence(_POPULATION, m.start())
            or (category == "sexuality" and inp.in_sentence(_COMMUNITY, m.start()))
        ):
            # "open throughout Ramadan", "20 collections a year": about the world, not this customer; "one in five
            # women say they were pushed out after announcing a pregnancy": news of many; "20% of June sales go to
            # local LGBTQ+ charities": a cause the sender backs, sent to everyone
            continue
        if _NOTICE_WORD.fullmatch(inp.at(m)) or _PRACTICE.search(inp.text, max(0, m.start() - 40), m.end()):
            continue  # "your prescription is ready", "Greenway Surgery: your appointment": no drug, no condition
        if _QUESTIONS_AFTER.match(inp.text, m.end()):
            continue  # "answer the 3 allergy questions before you come": what is asked, nothing told
        if any(start <= m.start() and m.end() <= end for start, end in addresses):
            continue  # "book at hollybank-surgery.org": the sender's address, not the customer's health
        if _own_order(inp, m.start(), m.end()):
            continue  # "Your Passover order is ready to collect": the goods the customer bought, named as ordered
        if isinstance(m, Mention):
            basis = medicine_basis(inp.context, m.medicine)
            if basis is None and inp.text[max(0, m.start() - 5) : m.start()].lower() != "your ":
                continue  # a medicine on sale is not this customer's health data
            stated = basis == "stated"
        else:
            stated = sensitive_basis(inp.context, category) == "stated"
            if stated and category in _ABOUT_ANYONE | {"sexuality", "pregnancy"}:
                continue  # a taste or news the customer told us ("queer cinema", "due in March") is not a secret shown
            if stated and _ASKED_ON_CHANNEL[inp.message.channel].search(" ".join(inp.context.stated_preferences)):
                continue  # "I'm due in March - send me baby deals by push": told us, and chose this channel
        yield inp.finding(
            "privacy.lock_screen",
            m.start(),
            m.end(),
            2 if stated else 3,
            f"'{inp.at(m)}' ({category.replace('_', ' ')}) would show on the lock screen of an "
            f"{inp.message.channel} message. Say 'You have a new message' and keep details behind login.",
        )
    # money the customer holds or owes: "savings $18,402.16, checking $312.40", "an overdue balance of £236.50"
    for amount in _AMOUNT.finditer(inp.text):
        around = inp.text[max(0, amount.start() - 40) : amount.end() + 25]
        if not _HELD_OR_OWED.search(around) or requested(inp.context, inp.sentences.text_around(amount.start())):
            continue
        # a note, not a fail: many senders text a balance the customer expects to see there
        yield inp.finding(
            "privacy.lock_screen",
            amount.start(),
            amount.end(),
            1,
            f"'{amount.group(0)}' (what the customer holds or owes) would show on the lock screen of an "
            f"{inp.message.channel} message. Say 'Your balance is ready to view' and keep the figure behind login.",
        )


# An amount read out about the account: "your balance is $2,430.18", "two thousand, three hundred dollars".
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|and)"
)
_AMOUNT = re.compile(
    rf"[$€£₹]\s?\d[\d,]*(?:\.\d{{2}})?|\b(?:{_NUMBER_WORD},?[ -]){{1,10}}(?:dollars|pounds|euros|rand)"
    rf"(?: and (?:{_NUMBER_WORD}[ -]){{1,3}}(?:cents|pence))?"
    # "38 pounds", and the rand's own sign: "R1,240.50"
    r"|\b\d[\d,]*(?:\.\d{2})? (?:dollars|pounds|euros|rand)\b|\bR ?\d{1,3}(?:,\d{3})*\.\d{2}\b",
    re.I,
)
_ACCOUNT_MONEY = re.compile(
    r"\b(?:balances?|owe|owing|due|overdue|arrears|bills?|payments?|spent|statements?|limits?|debts?|transactions?|"
    r"withdrawals?|deposits?|transfers?)\b",
    re.I,
)


# What an amount beside these words is: the customer's savings, balance or debt.
_HELD_OR_OWED = re.compile(
    r"\b(?:balances?|savings|checking|current account|overdrawn|overdue|past due|arrears|owe|owing|debt|in the red)\b",
    re.I,
)


# An account's arrears, said to whoever answers: "the overdue balance on your home loan", "45 days past due".
_IN_ARREARS = re.compile(
    r"\b(?:overdue|past due|in arrears|behind (?:on|with) (?:your |the )?(?:payments?|bills?|rent|mortgage|loan))\b",
    re.I,
)
# The house number and street of an address on file: "14 Larch Close" in "14 Larch Close, Reading RG2 8PL".
_STREET = re.compile(r"\b\d+[A-Za-z]? (?:[A-Z][\w'’-]+ ){0,3}[A-Z][\w'’-]+")


# What must not be read to whoever answers: health, and what reveals it (a medicine, a test, a pregnancy).
_HEALTH_KINDS = {"health", "mental_health", "pregnancy", "sexuality"}


@rule("privacy.disclosed_to_caller", fields=("body",))
def disclosed_to_caller(inp: RuleInput) -> Iterator[Finding]:
    """Account amounts, arrears, the address on file or health details read to a caller not yet verified."""
    assumed = assumed_caller(inp)
    if assumed is None and not holder_claims(inp):
        return
    # after "that's enough for me to pull the account up", what the script reads out goes to whoever is there
    checked = assumed.checked if assumed is not None else len(inp.text)
    for h in inp.sensitive:
        if h.start() < checked and (h.lastgroup or "") in _HEALTH_KINDS and not _NOTICE_WORD.fullmatch(inp.at(h)):
            yield inp.finding(
                "privacy.disclosed_to_caller",
                h.start(),
                h.end(),
                3,
                f"'{inp.at(h)}' is health data read to whoever answered; verify who is listening first, or say only "
                "that there is a message.",
            )
    for m in _AMOUNT.finditer(inp.text, 0, checked):
        if _ACCOUNT_MONEY.search(inp.sentences.text_around(m.start())):
            yield inp.finding(
                "privacy.disclosed_to_caller",
                m.start(),
                m.end(),
                2,
                "An account amount is read to a caller whose identity is not yet checked; verify them first.",
            )
    for m in _IN_ARREARS.finditer(inp.text, 0, checked):
        yield inp.finding(
            "privacy.disclosed_to_caller",
            m.start(),
            m.end(),
            2,
            f"'{m.group(0)}' tells whoever answered that the account is in arrears; verify who is listening first.",
        )
    street = _STREET.search(inp.context.address_text())
    at = inp.text.find(street.group(0), 0, checked) if street else -1
    if street and at >= 0:
        yield inp.finding(
            "privacy.disclosed_to_caller",
            at,
            at + len(street.group(0)),
            2,
            "The address on the account is read to a caller whose identity is not yet checked; verify them first.",
        )
