"""Regenerates the README's rules table from the catalogue: ``python -m reviewer.cli.docs [--check]``.

The table lies between two marker comments in README.md; everything else in the file is left as it is. The
catalogue is built from the built-in rubric files only, so a developer's REVIEWER_PROMPTS_DIR never leaks into
the README.
"""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from reviewer.catalogue import Catalogue, build_catalogue
from reviewer.rubrics import load_prompts

COMMAND = "python -m reviewer.cli.docs"
BEGIN = f"<!-- rules table: generated from reviewer/catalogue.py by `{COMMAND}`; do not edit by hand -->"
END = "<!-- end of rules table -->"
README = Path(__file__).resolve().parents[2] / "README.md"


def builtin_catalogue() -> Catalogue:
    """The catalogue of a plain install: the built-in rubrics and every registered rule."""
    return build_catalogue(load_prompts(None))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_table(catalogue: Catalogue) -> str:
    """The Markdown table of every rule id with its description, in the catalogue's order."""
    lines = ["| rule | what it catches |", "|---|---|"]
    lines += [f"| `{_cell(r.id)}` | {_cell(r.description)} |" for r in catalogue.rules]
    return "\n".join(lines)


def render_readme(text: str, catalogue: Catalogue) -> str:
    """``text`` with the region between the markers replaced by the current table."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"README.md has no rules-table markers; put {BEGIN!r} and {END!r} around the table")
    return text[: start + len(BEGIN)] + "\n" + rules_table(catalogue) + "\n" + text[end:]


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the table (exit 0), or with ``--check`` only say whether it is current (exit 1 when not)."""
    parser = argparse.ArgumentParser(prog=COMMAND, description="Regenerate the README's rules table.")
    parser.add_argument("--readme", type=Path, default=README, help="the README to rewrite (default: the repo's)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when the table is out of date")
    args = parser.parse_args(argv)
    try:
        text = args.readme.read_text(encoding="utf-8")
        fresh = render_readme(text, builtin_catalogue())
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if fresh == text:
        print(f"{args.readme}: rules table is up to date", file=sys.stderr)
        return 0
    if args.check:
        print(f"{args.readme}: rules table is out of date; run `{COMMAND}`", file=sys.stderr)
        return 1
    args.readme.write_text(fresh, encoding="utf-8")
    print(f"{args.readme}: rules table regenerated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
