"""A second PII corpus, built another way than tests/pii_corpus.py: composed, not templated, and adversarial.

tests/pii_corpus.py fills nine whole-message templates with Faker values in US/GB/DE formats. This one builds a
customer per country (US, CA, GB, IE, AU, DE, FR, NL, ES, IT) with that country's own formats, then writes each
value the way people (and attackers) do: phones re-grouped, with or without the country code, in parentheses or
dotted; addresses with the street type abbreviated, in lower case, split across lines; IBANs in lower case or
without spaces; national IDs with their usual separators; dates of birth in numeric and written-out forms;
names without (or with) their diacritics, in capitals, with curly apostrophes and possessives, one part of a
double surname, a stated nickname, an e-mail address that contains the first name. A draft is a random mix
of sentences that carry values and ordinary marketing sentences (which must stay unmasked), and every context
field a caller can fill carries PII too. Seeded: the same corpus every run.
"""

import random
import unicodedata
from dataclasses import dataclass
from typing import Any

import phonenumbers
from faker import Faker
from stdnum.au import tfn
from stdnum.ca import sin
from stdnum.de import idnr

from tests.pii_corpus import PiiCase

COUNTRIES = ("US", "CA", "GB", "IE", "AU", "DE", "FR", "NL", "ES", "IT")
LOCALE = {
    "US": "en_US",
    "CA": "en_CA",
    "GB": "en_GB",
    "IE": "en_IE",
    "AU": "en_AU",
    "DE": "de_DE",
    "FR": "fr_FR",
    "NL": "nl_NL",
    "ES": "es_ES",
    "IT": "it_IT",
}
# Names chosen to be hard: diacritics, apostrophes, particles, double surnames, compound first names.
FIRST = {
    "US": ["Dakota", "Marisol", "Tyrone", "Kimberly"],
    "CA": ["Geneviève", "Étienne", "Siobhan", "Marc-André"],
    "GB": ["Niamh", "Alistair", "Priyanka", "Gwendolyn"],
    "IE": ["Aoife", "Ciarán", "Róisín", "Pádraig"],
    "AU": ["Kylie", "Lachlan", "Matilda", "Bronwyn"],
    "DE": ["Jürgen", "Björn", "Anneliese", "Hans-Jörg"],
    "FR": ["Hélène", "Loïc", "Marie-Claire", "François"],
    "NL": ["Sjoerd", "Maartje", "Joost", "Femke"],
    "ES": ["José", "Begoña", "Ramón", "Íñigo"],
    "IT": ["Niccolò", "Gianluca", "Ludovica", "Mattia"],
}
LAST = {
    "US": ["Washington-Reyes", "Kowalczyk", "Okonkwo", "Delacroix"],
    "CA": ["Tremblay", "Gagnon-Lévesque", "Bouchard", "MacPherson"],
    "GB": ["O'Sullivan", "Fairbrother", "Ashworth", "Pemberton-Hale"],
    "IE": ["O'Connor", "Ní Bhriain", "MacCarthaigh", "Fitzgerald"],
    "AU": ["Nguyen", "Kowalski", "Fitzsimons", "Papadopoulos"],
    "DE": ["Müller", "Schröder", "Weiß", "Groß-Bölting"],
    "FR": ["Lefèvre", "Dubois-Mercier", "Bélanger", "d'Aubigné"],
    "NL": ["van der Berg", "de Vries", "Bakker", "Visser"],
    "ES": ["García López", "Núñez", "Fernández Ortega", "Ibáñez"],
    "IT": ["Esposito", "De Luca", "Bianchi", "Colombo"],
}
NICKNAMES = ["Beto", "Jojo", "Kiki", "Sasha", "Bibi", "Tito", "Lulu", "Mimi"]
STREETS = {
    "US": [
        (
            "{n} {name} {type}",
            ["Maplewood", "Cedar Ridge", "Lincoln", "Sunset"],
            ["Street", "St", "Avenue", "Ave", "Blvd", "Road"],
        )
    ],
    "CA": [("{n} {name} {type}", ["Sherbrooke", "Bloor", "Granville", "Yonge"], ["Street", "St", "Avenue", "Road"])],
    "GB": [("{n} {name} {type}", ["Baker", "Kingsley", "Wellington", "Abbey"], ["Street", "Road", "Lane", "Crescent"])],
    "IE": [("{n} {name} {type}", ["Grafton", "Merrion", "Leeson", "Harcourt"], ["Street", "Road", "Square"])],
    "AU": [("{n} {name} {type}", ["George", "Collins", "Flinders", "Elizabeth"], ["Street", "St", "Road", "Parade"])],
    "DE": [
        ("{name}{type} {n}", ["Haupt", "Linden", "Schiller", "Goethe"], ["straße", "str.", "strasse", "weg", "allee"])
    ],
    "FR": [
        (
            "{n} {type} {name}",
            ["de Rivoli", "des Champs-Élysées", "Victor Hugo", "de la République"],
            ["rue", "avenue", "boulevard", "av."],
        )
    ],
    "NL": [("{name}{type} {n}", ["Keizers", "Prinsen", "Dam", "Vondel"], ["gracht", "straat", "laan", "plein"])],
    "ES": [
        ("{type} {name} {n}", ["Mayor", "de Alcalá", "del Prado", "Serrano"], ["Calle", "Avenida", "Paseo", "calle"])
    ],
    "IT": [("{type} {name}, {n}", ["Roma", "Garibaldi", "Dante", "Cavour"], ["Via", "Piazza", "Corso", "via"])],
}
CITY_LINE = {
    "US": lambda r: (
        f"{r.choice(['Denver', 'Austin', 'Portland'])}, {r.choice(['CO', 'TX', 'OR'])} {r.randint(10000, 99999)}"
    ),
    "CA": lambda r: f"{r.choice(['Toronto, ON', 'Montréal, QC', 'Vancouver, BC'])} {_ca_postcode(r)}",
    "GB": lambda r: f"{r.choice(['London', 'Leeds', 'Bristol'])} {_uk_postcode(r)}",
    "IE": lambda r: f"Dublin {r.randint(1, 24)}",
    "AU": lambda r: f"{r.choice(['Sydney NSW', 'Melbourne VIC', 'Brisbane QLD'])} {r.randint(2000, 4999)}",
    "DE": lambda r: f"{r.randint(10000, 99999)} {r.choice(['Berlin', 'München', 'Köln'])}",
    "FR": lambda r: r.choice(
        [f"750{r.randint(1, 20):02d} Paris", f"Paris {r.randint(2, 20)}e", f"6900{r.randint(1, 9)} Lyon"]
    ),
    "NL": lambda r: f"{r.randint(1000, 9999)} {r.choice('ABCDEFGHJK')}{r.choice('LMNPRSTVWX')} Amsterdam",
    "ES": lambda r: f"280{r.randint(10, 99)} Madrid",
    "IT": lambda r: f"00{r.randint(100, 199)} Roma",
}
ID_WORDS = {
    "US": "SSN",
    "CA": "SIN",
    "GB": "National Insurance number",
    "IE": "SSN",
    "AU": "TFN",
    "DE": "Steuer-ID",
    "FR": "numéro de sécurité sociale",
    "NL": "BSN",
    "ES": "DNI",
    "IT": "codice fiscale",
}
MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split(),
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
}
# Ordinary sentences: nothing in them is personal, so any mask on them is over-masking.
FILLER = [
    "Our winter sale ends on Sunday at midnight.",
    "Free returns within 30 days, no questions asked.",
    "Order #48213 ships in 2 to 3 working days.",
    "Use code SAVE20 at checkout for 20% off.",
    "Prices start at €29.99 and go down from there.",
    "The new collection arrives in stores on 12 March.",
    "Members earn 2 points for every dollar spent.",
    "Our Main Street store in Paris opens at 9 am.",
    "Your May newsletter is ready to read online.",
    "We will keep you posted as soon as it ships.",
    "The Grant Park pop-up runs until the end of June.",
    "Thank you for being with us for 5 years.",
    "Questions? Our help centre at https://shop.example/help has answers.",
    "Delivery takes 48 hours to most of the country.",
    "Track parcel 1Z 999 AA1 01 2345 6784 on the carrier's site.",
    "Mark your calendar: the spring event is on 2026-04-18.",
]


@dataclass
class Customer:
    country: str
    first: str
    last: str
    nickname: str
    email: str
    phone: phonenumbers.PhoneNumber
    street: str
    city_line: str
    iban: str
    gov_id: str
    dob: tuple[int, int, int]  # year, month, day
    ref: str


def _ca_postcode(r: random.Random) -> str:
    letters = "ABCEGHJKLMNPRSTVXY"
    return (
        f"{r.choice(letters)}{r.randint(0, 9)}{r.choice(letters)} {r.randint(0, 9)}{r.choice(letters)}{r.randint(0, 9)}"
    )


def _uk_postcode(r: random.Random) -> str:
    inward = f"{r.randint(0, 9)}{r.choice('ABDEFGHJ')}{r.choice('LNPQRSTUWXYZ')}"
    return f"{r.choice(['SW', 'N', 'LS', 'BS', 'EC'])}{r.randint(1, 19)} {inward}"


def _strip(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _phone(r: random.Random, country: str) -> phonenumbers.PhoneNumber:
    kind = r.choice([phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE])
    example = phonenumbers.example_number_for_type(country, kind)
    assert example is not None
    digits = str(example.national_number)
    while True:
        tail = "".join(str(r.randint(0, 9)) for _ in range(4))
        number = phonenumbers.PhoneNumber(
            country_code=example.country_code,
            national_number=int(digits[:-4] + tail),
            italian_leading_zero=example.italian_leading_zero,
        )
        if phonenumbers.is_valid_number(number):
            return number


def phone_as(r: random.Random, number: phonenumbers.PhoneNumber) -> str:
    """The number as somebody might write it: national, international, re-grouped, dotted, in parentheses."""
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    digits = "".join(c for c in national if c.isdigit())
    nsn = phonenumbers.national_significant_number(number)
    styles = [
        national,
        international,
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        national.replace(" ", "."),
        national.replace(" ", "-"),
        digits,
        f"+{number.country_code} (0){nsn}" if digits.startswith("0") else international.replace(" ", "-"),
    ]
    if len(digits) % 2 == 0:
        styles.append(" ".join(digits[i : i + 2] for i in range(0, len(digits), 2)))
    if digits.startswith("0") and " " in national and "(" not in national:
        area, rest = national.split(" ", 1)
        styles.append(f"({area}) {rest.replace(' ', '')}")
    return r.choice(styles)


def iban_as(r: random.Random, value: str) -> str:
    grouped = " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return r.choice(
        [grouped, grouped.lower(), value, value.lower(), grouped.replace(" ", "-"), value[:4] + " " + value[4:]]
    )


def _valid(r: random.Random, length: int, check: Any) -> str:
    while True:
        candidate = str(r.randint(1, 9)) + "".join(str(r.randint(0, 9)) for _ in range(length - 1))
        if check(candidate):
            return candidate


def _nino(r: random.Random) -> str:
    first, second = r.choice("ABCEHJKLMNPRSTWXY"), r.choice("ABCEHJKLMNPRSTWXYZ")
    return first + second + "".join(str(r.randint(0, 9)) for _ in range(6)) + r.choice("ABCD")


def gov_id(fake: Faker, r: random.Random, country: str) -> str:
    """A national ID that passes its check digits, with the separators usual in that country."""
    if country in ("US", "IE"):
        return r.choice([fake["en_US"].ssn(), fake["en_US"].ssn().replace("-", " ")])
    if country == "CA":
        v = _valid(r, 9, sin.is_valid)
        return r.choice([f"{v[:3]} {v[3:6]} {v[6:]}", f"{v[:3]}-{v[3:6]}-{v[6:]}"])
    if country == "GB":
        v = _nino(r)
        return r.choice(
            [f"{v[:2]} {v[2:4]} {v[4:6]} {v[6:8]} {v[8]}", v.lower(), "-".join([v[:2], v[2:4], v[4:6], v[6:8], v[8]])]
        )
    if country == "AU":
        v = _valid(r, 9, tfn.is_valid)
        return f"{v[:3]} {v[3:6]} {v[6:]}"
    if country == "DE":
        v = _valid(r, 11, idnr.is_valid)
        return r.choice([v, f"{v[:2]} {v[2:5]} {v[5:8]} {v[8:]}"])
    if country == "FR":
        v = fake["fr_FR"].ssn()
        return f"{v[0]} {v[1:3]} {v[3:5]} {v[5:7]} {v[7:10]} {v[10:13]} {v[13:]}"
    if country == "NL":
        v = fake["nl_NL"].ssn()
        return r.choice([v, f"{v[:4]}.{v[4:6]}.{v[6:]}"])
    if country == "ES":
        return r.choice([fake["es_ES"].nif(), fake["es_ES"].nif().lower()])
    return fake["it_IT"].ssn()


def dob_as(r: random.Random, dob: tuple[int, int, int], country: str) -> str:
    """A date of birth in one of the common ways to write it."""
    y, m, d = dob
    lang = {"FR": "fr", "DE": "de", "ES": "es", "IT": "it", "NL": "nl"}.get(country, "en")
    month = MONTHS[lang][m - 1]
    styles = [
        f"{d:02d}/{m:02d}/{y}",
        f"{m}/{d}/{y}",
        f"{d}.{m}.{y}",
        f"{d:02d}.{m:02d}.{y}",
        f"{y}-{m:02d}-{d:02d}",
        f"{d} {month} {y}",
        f"{d}. {month} {y}" if lang == "de" else f"{d} de {month} de {y}" if lang == "es" else f"{d} {month} {y}",
        f"{MONTHS['en'][m - 1]} {d}, {y}",
        f"{d}th of {MONTHS['en'][m - 1]} {y}",
        f"{d:02d}-{m:02d}-{y}",
    ]
    return r.choice(styles)


def make_customer(fake: Faker, r: random.Random, country: str) -> Customer:
    first, last = r.choice(FIRST[country]), r.choice(LAST[country])
    street = street_in(r, country)
    local = _strip(first.split("-")[0]).lower()
    surname = "".join(ch for ch in _strip(last).lower() if ch.isalpha())[:6]
    email = f"{local}.{surname}@{r.choice(['gmail.com', 'web.de', 'orange.fr', 'outlook.com'])}"
    return Customer(
        country=country,
        first=first,
        last=last,
        nickname=r.choice(NICKNAMES),
        email=email,
        phone=_phone(r, country),
        street=street,
        city_line=CITY_LINE[country](r),
        iban=fake[LOCALE[country] if country in ("DE", "FR", "NL", "ES", "IT", "GB", "IE") else "de_DE"].iban(),
        gov_id=gov_id(fake, r, country),
        dob=(r.randint(1940, 2004), r.randint(1, 12), r.randint(1, 28)),
        ref=f"{r.choice(['CUST', 'cus', 'CRM'])}-{r.randint(100000, 999999)}",
    )


def name_as(r: random.Random, value: str) -> str:
    """A name as a draft may write it: without its diacritics, in capitals, curly apostrophe, transliterated."""
    styles = [value, _strip(value), value.upper(), value.replace("'", "’")]
    if any(c in value for c in "äöü"):
        styles.append(value.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))
    return r.choice(styles)


def street_in(r: random.Random, country: str) -> str:
    """A street line in ``country``'s format."""
    pattern, names, types = STREETS[country][0]
    street = pattern.format(n=r.randint(1, 480), name=r.choice(names), type=r.choice(types))
    if country in ("US", "CA", "AU", "GB") and r.random() < 0.3:
        street = r.choice(["Apt 4B, ", "Unit 12, ", "Flat 3, "]) + street
    return street


def address_as(r: random.Random, street: str, city_line: str) -> str:
    """An address as a draft may write it: in lower case, on one line or two."""
    if r.random() < 0.3:
        street = street.lower()
    sep = r.choice([", ", "\n", ",\n"])
    return street + sep + (city_line.lower() if r.random() < 0.2 else city_line)


def _sentences(c: Customer, r: random.Random) -> list[tuple[str, list[tuple[str, str]]]]:
    """Sentences that carry values: (text, [(value as written, type)])."""
    phone = phone_as(r, c.phone)
    address = address_as(r, c.street, c.city_line)
    # Values the context does not know: only the pattern detectors can find these.
    other_address = address_as(r, street_in(r, c.country), CITY_LINE[c.country](r))
    other_phone = phone_as(r, _phone(r, c.country))
    iban = iban_as(r, c.iban)
    dob = dob_as(r, c.dob, c.country)
    last_parts = [p for p in c.last.replace("-", " ").split() if len(p) >= 3 and p.lower() not in ("van", "der", "ní")]
    part = r.choice(last_parts)
    own_email = r.choice([c.email, c.email.upper()])
    named_email = f"{_strip(c.first.split('-')[0]).lower()}.k+shop@{r.choice(['example.org', 'mail.example.com'])}"
    card = r.choice(["4539 1488 0343 6467", "5500-0055-5555-5559", "4111111111111111"])
    return [
        (f"We will call you on {phone} before the courier arrives.", [(phone, "PHONE")]),
        (f"Your neighbour at {other_address} took the parcel in.", [(other_address, "STREET_ADDRESS")]),
        (f"The courier's number is {other_phone}.", [(other_phone, "PHONE")]),
        (f"Your parcel goes to\n{address}\nas requested.", [(address, "STREET_ADDRESS")]),
        (f"The refund will be paid to IBAN {iban} within five days.", [(iban, "IBAN")]),
        (f"For the checks we hold your {ID_WORDS[c.country]} {c.gov_id} on file.", [(c.gov_id, "GOV_ID")]),
        (f"Happy birthday! You were born on {dob}, so the gift is on us.", [(dob, "DATE_OF_BIRTH")]),
        (f"Our records list your date of birth as {dob}.", [(dob, "DATE_OF_BIRTH")]),
        (f"Write to {own_email} if anything looks wrong.", [(own_email, "EMAIL")]),
        (f"We also saved {named_email} as your shopping address.", [(named_email, "EMAIL")]),
        (f"The {part} family account is now linked.", [(part, "LAST_NAME")]),
        (f"{(last := name_as(r, c.last))}’s order is ready.", [(last, "LAST_NAME")]),
        (f"Hi {c.nickname}, as you asked us to call you.", [(c.nickname, "NICKNAME")]),
        (f"Card {card} was charged today.", [(card, "CARD")]),
        (f"Quote reference {c.ref.lower()} when you call.", [(c.ref.lower(), "CUSTOMER_REF")]),
    ]


def generate(n: int, seed: int = 17) -> list[PiiCase]:
    """``n`` requests, cycling through the countries, and the values each one must never send."""
    r = random.Random(seed)
    fake = Faker([LOCALE[c] for c in COUNTRIES])
    Faker.seed(seed)
    cases: list[PiiCase] = []
    for i in range(n):
        country = COUNTRIES[i % len(COUNTRIES)]
        c = make_customer(fake, r, country)
        first_written = name_as(r, c.first)
        last_written = name_as(r, c.last)
        if r.random() < 0.3:
            first_written = first_written.lower()
        greeting = r.choice(
            [f"Hi {first_written},", f"Dear {first_written} {last_written},", f"Hello {first_written}!"]
        )
        carried = _sentences(c, r)
        chosen = r.sample(carried, r.randint(3, 6)) + r.sample([(f, []) for f in FILLER], r.randint(2, 4))
        r.shuffle(chosen)
        body = "\n".join([greeting, " ".join(text for text, _ in chosen), "Best wishes,\nThe Shop team"])
        written = [(v, k) for _, values in chosen for v, k in values]
        written.append((first_written, "FIRST_NAME"))
        if last_written in greeting:
            written.append((last_written, "LAST_NAME"))
        context = _context(c, r, fake)
        case = PiiCase(
            {
                "message": {
                    "channel": r.choice(["email", "chat", "sms"]),
                    "subject": f"{first_written}, news",
                    "body": body,
                },
                "context": context,
                "rewrite": True,
            }
        )
        case.values += [(v, k, "draft") for v, k in dict.fromkeys(written)]
        case.values += _context_values(c, context)
        cases.append(case)
    return cases


def _context(c: Customer, r: random.Random, fake: Faker) -> dict[str, Any]:
    """Every field a caller can fill, with PII where a careless caller would put it."""
    national = phonenumbers.format_number(c.phone, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return {
        "customer_ref": c.ref,
        "locale": f"{LOCALE[c.country][:2]}-{c.country}",
        "name": {"first": c.first, "last": c.last, "preferred": None},
        "email": c.email,
        "phone": national,
        "address": {"line1": c.street, "line2": c.city_line},
        "salutation": r.choice([f"Dr. {c.last}", f"Mx {c.last}", f"Frau {c.last}"]),
        "pronouns": "she/her",
        "gender": "female",
        "age_band": "35-44",
        "region": c.city_line,
        "relationship": {"tenure_months": r.randint(1, 90), "lifecycle_stage": "active", "involvement": "high"},
        "consent": {"marketing_email": True, "personalization": True},
        "stated_preferences": [f"please call me {c.nickname}", f"birthday {dob_as(r, c.dob, c.country)}, no fuss"],
        "purchases": [{"category": f"gift for {c.first} (call {phone_as(r, c.phone)})", "days_ago": 12}],
        "observed_signals": [{"kind": "browsing", "detail": f"opened mail sent to {c.email}", "days_ago": 2}],
        "inferred_attributes": [
            {"attribute": "likely_mover", "source": f"change of address to {c.street}"},
            {"attribute": "high_value", "source": f"payments from {iban_as(r, c.iban)}"},
        ],
        "contact_history": {"messages_last_7_days": 1, "messages_last_30_days": 3},
        "support": {
            "open_case": True,
            "topic": f"{c.first} {c.last} ({c.gov_id}) moved to {c.street}; call {national}",
        },
    }


def _context_values(c: Customer, context: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Every value the README promises never to send, as the context wrote it."""
    values = [
        (c.ref, "CUSTOMER_REF"),
        (c.first, "FIRST_NAME"),
        (c.last, "LAST_NAME"),
        (c.nickname, "NICKNAME"),
        (c.email, "EMAIL"),
        (context["phone"], "PHONE"),
        (c.street, "STREET_ADDRESS"),
        (c.iban, "IBAN"),
        (c.gov_id, "GOV_ID"),
        (context["stated_preferences"][1].removeprefix("birthday ").removesuffix(", no fuss"), "DATE_OF_BIRTH"),
        (context["purchases"][0]["category"].split("(call ")[1].rstrip(")"), "PHONE"),
        (context["inferred_attributes"][1]["source"].removeprefix("payments from "), "IBAN"),
    ]
    if c.country != "IE":  # "Dublin 4" is a district, as coarse as a city
        values.append((c.city_line, "POSTAL_CODE"))
    return [(v, k, "context") for v, k in values]
