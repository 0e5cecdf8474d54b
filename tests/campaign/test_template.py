import pytest

from reviewer.campaign.template import CampaignTemplate
from reviewer.errors import InputError


def render(body: str, data: dict[str, object], syntax: str = "auto") -> tuple[str, list[tuple[str, str, bool]]]:
    rendered, _ = CampaignTemplate(body, None, syntax).render(data)  # type: ignore[arg-type]
    gaps = [
        (g.variable, rendered.text[g.start : g.end] if g.start is not None else "", g.fallback) for g in rendered.gaps
    ]
    return rendered.text, gaps


def test_liquid_renders_values_filters_and_reports_nothing_when_all_are_there() -> None:
    assert render(
        "Hi {{ first_name | capitalize }}, {{ consent.sms }}!", {"first_name": "dana", "consent": {"sms": True}}
    ) == (
        "Hi Dana, true!",
        [],
    )


def test_a_missing_variable_is_reported_at_its_span_and_a_default_as_a_fallback() -> None:
    text, gaps = render("Hi {{ first_name | default: 'there' }}, you bought {{ last_category }}.", {})
    assert text == "Hi there, you bought ."
    assert gaps == [("first_name", "there", True), ("last_category", "", False)]
    start = text.index("bought ") + len("bought ")
    rendered, _ = CampaignTemplate(
        "Hi {{ first_name | default: 'there' }}, you bought {{ last_category }}.", None
    ).render({})
    assert (rendered.gaps[1].start, rendered.gaps[1].end) == (start, start)


def test_handlebars_if_else_is_a_fallback() -> None:
    body = "Hi {{#if first_name}}{{first_name}}{{else}}friend{{/if}}! {{{ city }}}"
    assert render(body, {"first_name": "Sam", "city": "Oslo"}) == ("Hi Sam! Oslo", [])
    assert render(body, {"city": "Oslo"}) == ("Hi friend! Oslo", [("first_name", "", True)])


def test_mailchimp_tags_and_conditionals() -> None:
    body = "*|IF:FNAME|*Hi *|FNAME|*,*|ELSE:|*Hello,*|END:IF|* *|IFNOT:VIP|*join us*|END:IF|*"
    assert render(body, {"FNAME": "Noor", "VIP": True}, "mailchimp") == ("Hi Noor, ", [])
    assert render(body, {}, "mailchimp") == ("Hello, join us", [("FNAME", "", True), ("VIP", "", True)])


def test_salesforce_tags_with_spaces() -> None:
    assert render("Dear %%First Name%%, order %%order_id%%", {"First Name": "Chen", "order_id": 7}, "salesforce") == (
        "Dear Chen, order 7",
        [],
    )
    assert render("Dear %%First Name%%,", {}, "salesforce")[1] == [("First Name", "", False)]


def test_a_named_syntax_leaves_other_syntaxes_alone() -> None:
    assert render("Hi *|FNAME|* {{ x }}", {"x": 1, "FNAME": "A"}, "liquid")[0] == "Hi *|FNAME|* 1"


def test_ampscript_and_broken_templates_say_what_to_do() -> None:
    with pytest.raises(InputError, match="--requests"):
        CampaignTemplate("%%[ SET @x = 1 ]%% hi", None)
    with pytest.raises(InputError, match="does not parse"):
        CampaignTemplate("Hi {% if x %}", None)
