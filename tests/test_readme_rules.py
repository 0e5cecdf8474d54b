"""README.md's rules table is generated from the catalogue; this fails when someone forgot to regenerate it."""

from reviewer.cli.docs import BEGIN, COMMAND, END, README, builtin_catalogue, render_readme, rules_table


def test_readme_rules_table_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, f"README.md lost its rules-table markers; restore them and run `{COMMAND}`"
    assert render_readme(text, builtin_catalogue()) == text, (
        f"README.md's rules table is out of date with reviewer/catalogue.py; regenerate it with `{COMMAND}`"
    )


def test_the_table_lists_every_rule_id_once() -> None:
    catalogue = builtin_catalogue()
    table = rules_table(catalogue)
    for rule in catalogue.rules:
        assert table.count(f"| `{rule.id}` |") == 1, rule.id
    assert len(table.splitlines()) == len(catalogue.rules) + 2
