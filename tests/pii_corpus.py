"""A seeded PII corpus: names, emails, phones, cards, IBANs, SSNs and addresses in drafts and contexts."""

import random
from dataclasses import dataclass, field
from typing import Any

from faker import Faker

STRUCTURED = ("EMAIL", "PHONE", "CARD", "IBAN", "GOV_ID")


@dataclass
class PiiCase:
    request: dict[str, Any]
    # (value, type, where it came from: "context" or "draft")
    values: list[tuple[str, str, str]] = field(default_factory=list)


def _card(fake: Faker, rng: random.Random) -> str:
    number = fake.credit_card_number(card_type=rng.choice(["visa16", "mastercard", "amex", "discover"]))
    style = rng.choice(["plain", "spaces", "dashes"])
    if style == "plain":
        return number
    sep = " " if style == "spaces" else "-"
    groups = [number[i : i + 4] for i in range(0, len(number), 4)]
    return sep.join(groups)


def _iban(fake: Faker, rng: random.Random) -> str:
    iban = fake.iban()
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)) if rng.random() < 0.5 else iban


def _phone(fake: Faker, rng: random.Random) -> str:
    return rng.choice(
        [
            fake["en_US"].phone_number(),
            fake["en_GB"].phone_number(),
            f"+1 {rng.randint(200, 989)}-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
            f"({rng.randint(200, 989)}) {rng.randint(200, 999)} {rng.randint(1000, 9999)}",
        ]
    )


TEMPLATES = [
    "Hi {first},\nwe received your payment from card {card}. Questions? Call {phone}.",
    "{first}, your statement for IBAN {iban} is ready. Reply to {email} if anything looks wrong.",
    "Dear {first} {last}, we will deliver to {street} on Friday. Order #A{order} costs ${price}.",
    "Your account ({email}) was updated. SSN on file: {ssn}. Call us at {phone} before 10/31.",
    "Thanks {first}! Refund to {card} ({last}) is on its way; contact {other_email} for help.",
    "Payment reminder for {first} {last}: transfer to {iban} by 2026-12-01, or call {phone}.",
    "{street} is where we'll send it, {first}. Your backup email {other_email} is confirmed.",
    "Hello,\n{first} asked us to reach you on {phone}. Card {card} expires 09/27. Visit https://shop.example/a",
    "Hi {first}, your friend {other_name} sent you a gift card. Questions? Email {other_email}.",
]


def generate(n: int, seed: int = 20261123) -> list[PiiCase]:
    """``n`` review requests with PII in varied positions and formats, and the list of values in each."""
    rng = random.Random(seed)
    fake = Faker(["en_US", "en_GB", "de_DE"])
    Faker.seed(seed)
    cases = []
    for i in range(n):
        person = fake[rng.choice(["en_US", "en_GB", "de_DE"])]
        first, last = person.first_name(), person.last_name()
        email, phone = fake["en_US"].email(), _phone(fake, rng)
        address = fake["en_US"].street_address()
        values = {
            "first": first,
            "last": last,
            "email": email,
            "phone": phone,
            "card": _card(fake["en_US"], rng),
            "iban": _iban(fake["en_GB"], rng),
            "ssn": fake["en_US"].ssn(),
            "street": fake["en_US"].street_address(),
            "other_email": fake["en_GB"].email(),
            "other_name": fake["en_US"].name(),
            "order": str(rng.randint(10000, 99999)),
            "price": f"{rng.randint(5, 500)}.{rng.randint(0, 99):02d}",
        }
        template = TEMPLATES[i % len(TEMPLATES)]
        body = template.format(**values)
        context = {
            "customer_ref": f"CUST-{rng.randint(100000, 999999)}",
            "name": {"first": first, "last": last},
            "email": email,
            "phone": phone,
            "address": address,
            "stated_preferences": [f"contact me at {email} or {phone}", "no wine offers"],
            "support": {"open_case": True, "topic": f"card {values['card']} declined"},
        }
        case = PiiCase(
            {
                "message": {"channel": rng.choice(["email", "sms", "chat"]), "body": body},
                "context": context,
                "rewrite": False,
            }
        )
        for key, kind in (("first", "FIRST_NAME"), ("last", "LAST_NAME"), ("email", "EMAIL"), ("phone", "PHONE")):
            case.values.append((values[key], kind, "context"))
        case.values += [
            (address, "ADDRESS", "context"),
            (context["customer_ref"], "CUSTOMER_REF", "context"),
            (values["card"], "CARD", "context"),
        ]
        for key, kind in (
            ("card", "CARD"),
            ("iban", "IBAN"),
            ("ssn", "GOV_ID"),
            ("street", "STREET_ADDRESS"),
            ("other_email", "EMAIL"),
            ("phone", "PHONE"),
            ("other_name", "PERSON"),
        ):
            if "{" + key + "}" in template:
                case.values.append((values[key], kind, "draft"))
        cases.append(case)
    return cases
