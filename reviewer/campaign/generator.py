"""A seeded generator of realistic campaigns, for tests and benchmarks.

Recipients have mixed consent, purchases (some sensitive: a pregnancy test, a glucose monitor), stated
preferences and inferred attributes, contact history, an A/B group and a region; some fields are missing, so
fallbacks and missing variables happen. Columns use the documented dotted context names.
"""

import csv
import json
import random
from pathlib import Path
from typing import Any

FIRST = ["Dana", "Alex", "Sam", "Priya", "Chen", "Maria", "Tom", "Aisha", "Luca", "Noor", "Jon", "Emma", "Kai", "Zoe"]
LAST = ["Smith", "Garcia", "Nguyen", "Okafor", "Rossi", "Kowalski", "Haddad", "Tanaka", "Brown", "Silva"]
REGIONS = ["Denver", "California", "Texas", "Ohio", "New York", "Oregon"]
CATEGORIES = ["running shoes", "socks", "yoga mat", "coffee beans", "water bottle", "backpack", "headphones"]
SENSITIVE = ["pregnancy test", "glucose monitor", "prenatal vitamins"]
STATED = ["I love trail running", "I prefer emails on weekends", "I'm training for a marathon"]
INFERRED = [("likely_pregnant", "purchase_pattern"), ("high_income", "zip_code"), ("new_parent", "browsing")]

TEMPLATE = {
    "channel": "email",
    "subject": "{{ first_name | default: 'Hi' }}, something for your next run",
    "body": (
        "Hi {{ first_name | default: 'there' }},\n\n"
        "Because you bought {{ last_category }}, we picked a few things we think you will like. "
        "Members in {{ region }} get free delivery this week.\n\n"
        "Enjoy 15% off with code RUN15.\n\nThe Trailhead team"
    ),
}


def recipient(rng: random.Random, n: int) -> dict[str, Any]:
    """One recipient row (flat columns; lists as JSON text, as in a CSV export)."""
    sensitive = rng.random() < 0.06
    category = rng.choice(SENSITIVE) if sensitive else rng.choice(CATEGORIES)
    purchases = [{"category": category, "days_ago": rng.choice([2, 7, 30])}] if rng.random() < 0.9 else []
    inferred = [dict(zip(("attribute", "source"), rng.choice(INFERRED), strict=True))] if rng.random() < 0.1 else []
    return {
        "recipient_id": f"r{n:07d}",
        "first_name": rng.choice(FIRST) if rng.random() < 0.93 else "",
        "name.last": rng.choice(LAST),
        "email": f"customer{n}@example.com",
        "region": rng.choice(REGIONS) if rng.random() < 0.95 else "",
        "last_category": purchases[0]["category"] if purchases else "",
        "consent.marketing_email": rng.random() < 0.9,
        "consent.marketing_sms": rng.random() < 0.4,
        "contact_history.messages_last_7_days": rng.choice([0, 1, 1, 2, 5]),
        "stated_preferences": json.dumps([rng.choice(STATED)] if rng.random() < 0.15 else []),
        "purchases": json.dumps(purchases),
        "inferred_attributes": json.dumps(inferred),
        "ab_group": rng.choice(["A", "B"]),
    }


def generate(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` recipients, the same for the same seed."""
    rng = random.Random(seed)
    return [recipient(rng, i) for i in range(n)]


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    """The recipients as a CSV export; first names feed the template, ``first_name`` maps to ``name.first``."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def write_template(path: Path) -> None:
    """The campaign's template as JSON."""
    path.write_text(json.dumps(TEMPLATE, indent=1), encoding="utf-8")
