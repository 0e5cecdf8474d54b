"""The boundary's promises one by one: known values however written, unforgeable placeholders, an allow-listed
context, the way back in the original's terms, and a truthful redaction when the LLM judge is cut short."""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from langchain_core.messages import BaseMessage

from reviewer.api import create_app
from reviewer.api.security import hash_key
from reviewer.judges import Completion
from reviewer.models import CustomerContext, Message, ReviewRequest
from reviewer.pipeline import Reviewer
from reviewer.privacy import Boundary, minimise_context
from reviewer.privacy.masking import Masker
from reviewer.privacy.minimise import POLICY
from reviewer.service import ReviewCore
from reviewer.settings import Settings
from reviewer.testing import OpenAIStandin, Reply, chat_completion
from tests.llm_model import body_of, is_rewrite, judgement

KEY = "rk_boundary_0123456789"


def masked(context: dict[str, Any], body: str) -> tuple[Boundary, str]:
    boundary = Boundary(CustomerContext.model_validate(context))
    return boundary, boundary.outgoing(Message(channel="email", body=body)).message.body


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ({"first": "Hélène"}, "Helene"),
        ({"first": "Helene"}, "Hélène"),
        ({"last": "Müller"}, "MUELLER"),
        ({"last": "Weiß"}, "weiss"),
        ({"last": "O'Connor"}, "O’Connor"),
        ({"last": "O'Connor"}, "O’Connor’s"),
        ({"last": "García López"}, "López"),
        ({"last": "Dubois-Mercier"}, "Mercier"),
        ({"last": "van der Berg"}, "Berg"),
        ({"first": "Marie-Claire"}, "marie claire"),
    ],
)
def test_known_names_match_however_they_are_written(name: dict[str, str], written: str) -> None:
    _, out = masked({"name": name}, f"Dear {written}, thanks.")
    assert out.startswith("Dear <") and written.split("’")[0] not in out, out


def test_a_stated_nickname_and_the_preferred_name_are_masked() -> None:
    context = {"name": {"first": "Roberto", "preferred": "Rob"}, "stated_preferences": ["Please call me Beto!"]}
    _, out = masked(context, "Hi Beto, or is it Rob, Roberto?")
    assert out == "Hi <NICKNAME_1>, or is it <PREFERRED_NAME>, <FIRST_NAME>?"


def test_a_name_that_is_a_common_word_is_left_alone_in_lower_case() -> None:
    _, out = masked({"name": {"first": "Will", "last": "Price"}}, "Will, we will price-match it. Price family!")
    assert out == "<FIRST_NAME>, we will price-match it. <LAST_NAME> family!"


def test_the_phone_on_file_is_found_in_any_format_and_comes_back_as_written() -> None:
    context = {"phone": "+33 6 12 34 56 78", "locale": "fr-FR"}
    for written in ("06 12 34 56 78", "06.12.34.56.78", "0612345678", "+33 (0)6 12 34 56 78", "+33612345678"):
        boundary, out = masked(context, f"Appelez le {written} demain.")
        assert out == "Appelez le <PHONE> demain.", written
        assert boundary.unmask("Au <PHONE>.") == f"Au {written}."


@pytest.mark.parametrize(
    ("on_file", "written"),
    [
        ("Hauptstraße 5, 10115 Berlin", "hauptstr. 5\n10115 berlin"),
        ("12 Rue de Rivoli, 75001 Paris", "12, rue de Rivoli 75001 PARIS"),
        ("1600 Pennsylvania Avenue NW", "1600 pennsylvania ave nw"),
    ],
)
def test_the_address_on_file_is_found_however_it_is_written(on_file: str, written: str) -> None:
    _, out = masked({"address": on_file}, f"We deliver to {written} tomorrow.")
    assert out == "We deliver to <ADDRESS> tomorrow.", out


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Rappel : 06 12 34 56 78.", "PHONE"),
        ("Bel me op 06-12345678.", "PHONE"),
        ("Ruf an: (030) 1234567.", "PHONE"),
        ("Text 07700 900123 today.", "PHONE"),
        ("Wir liefern an Hauptstr. 5, 10115 Berlin.", "STREET_ADDRESS"),
        ("livré au 12 rue de rivoli\n75001 paris demain", "STREET_ADDRESS"),
        ("Pay to de89 3704 0044 0532 0130 00 now.", "IBAN"),
        ("NI number qq-12-34-56-c on file.", "GOV_ID"),
        ("SIN 355-512-575 on file.", "GOV_ID"),
        ("Born 3rd of March 1984.", "DATE_OF_BIRTH"),
    ],
)
def test_pattern_pii_in_the_formats_that_got_through_before(body: str, kind: str) -> None:
    _, out = masked({"locale": "en-GB"}, body)
    assert f"<{kind}_1>" in out, out
    assert not any(ch.isdigit() for ch in out.replace(f"<{kind}_1>", "")), out


def test_masking_a_name_never_stops_the_email_that_contains_it() -> None:
    _, out = masked({"name": {"first": "Yuki"}}, "Write to yuki.k+shop@example.com, Yuki.")
    assert out == "Write to <EMAIL_1>, <FIRST_NAME>."


def test_a_quote_masked_again_after_a_new_placeholder_hides_the_value_it_holds() -> None:
    # A bare nine digits pass the Dutch BSN check but read as an ID only after a word such as "BSN". A quote masked
    # before the draft taught the masker that value must not be answered from memory once it is known.
    masker = Masker(CustomerContext.model_validate({"name": {"first": "Jane"}}))
    quote = "Quote: 123456782 is on file"
    assert masker.mask_known(quote) == quote
    assert masker.mask("Your BSN is 123456782.").masked == "Your BSN is <GOV_ID_1>."
    assert masker.mask_known(quote) == "Quote: <GOV_ID_1> is on file"
    assert masker.mask_known(quote) == "Quote: <GOV_ID_1> is on file"


def test_an_address_object_masks_each_line_and_maps_each_back() -> None:
    context = {"address": {"line1": "12 Rue de Rivoli", "line2": "75001 Paris"}}
    boundary, out = masked(context, "Ship to 12 rue de Rivoli, 75001 Paris.")
    assert out == "Ship to <ADDRESS_LINE_1>, <ADDRESS_LINE_2>."
    assert boundary.unmask("<ADDRESS_LINE_2> then <ADDRESS_LINE_1>") == "75001 Paris then 12 rue de Rivoli"
    where = boundary.locate("<ADDRESS_LINE_2>")
    assert where is not None and where.quote == "75001 Paris"


def test_a_placeholder_typed_in_the_draft_is_text_and_never_becomes_the_value() -> None:
    boundary, out = masked({"name": {"first": "Yuki"}}, "Hi <FIRST_NAME>, Yuki here.")
    assert out == "Hi ‹FIRST_NAME›, <FIRST_NAME> here."
    assert boundary.unmask(out) == "Hi <FIRST_NAME>, Yuki here."
    # Without a first name on file, the model's <FIRST_NAME> stands for nothing: removed, and reported.
    boundary, out = masked({}, "Hi <FIRST_NAME>!")
    assert boundary.unmask("Dear <FIRST_NAME>, hello") == "Dear, hello"
    assert boundary.placeholder_problem(out, "Dear <FIRST_NAME>") is not None


def test_unknown_and_lower_case_placeholders_on_the_way_back() -> None:
    boundary, _ = masked({"name": {"first": "Yuki"}}, "Hi Yuki")
    assert boundary.unmask("Hi <first_name>, call <PHONE_7>. <b>bold</b>") == "Hi Yuki, call. <b>bold</b>"
    problem = boundary.placeholder_problem("Hi <FIRST_NAME>", "Hi <first_name>")
    assert problem is not None and "PHONE_7" in problem and "<" not in problem


def test_the_context_allow_list_masks_every_free_text_field() -> None:
    context = CustomerContext.model_validate(
        {
            "name": {"first": "Jürgen", "last": "Müller"},
            "salutation": "Herr Dr. Müller",
            "region": "10115 Berlin",
            "purchases": [{"category": "gift for Jürgen, call +49 30 1234567", "days_ago": 3}],
            "inferred_attributes": [{"attribute": "mover", "source": "mail to juergen.m@web.de"}],
            "support": {"open_case": True, "topic": "parcel to Hauptstraße 5 lost"},
        }
    )
    data, withheld = minimise_context(context, Masker(context))
    shown = json.dumps(data, ensure_ascii=False)
    for value in ("Müller", "Jürgen", "10115", "1234567", "juergen.m@web.de", "Hauptstraße"):
        assert value not in shown, value
    assert data["salutation"] == "Herr Dr. <LAST_NAME>" and withheld == ["name"]


def test_a_context_field_nobody_listed_is_withheld() -> None:
    class NewerContext(CustomerContext):
        loyalty_notes: str | None = None

    context = NewerContext(loyalty_notes="Jürgen's wife is expecting", region="Berlin")
    data, withheld = minimise_context(context, Masker(context))
    assert data == {"region": "Berlin"} and withheld == ["loyalty_notes"]
    assert "loyalty_notes" not in POLICY


class SlowJudge:
    """Answers the first judgement at once (a warm-up), later ones only after the request's deadline."""

    def __init__(self) -> None:
        self.judged = 0

    def __call__(self, request: dict[str, Any]) -> Reply:
        if is_rewrite(request):
            return Reply(chat_completion(json.dumps({"subject": None, "body": body_of(request)})))
        self.judged += 1
        return Reply(chat_completion(json.dumps(judgement({}))), delay_s=0 if self.judged == 1 else 6)


REQUEST = {
    "message": {"channel": "email", "body": "Hi Yuki, call 020 7946 0958 about card 4111 1111 1111 1111."},
    "context": {"name": {"first": "Yuki"}, "email": "yuki@example.jp"},
}


def test_after_a_deadline_the_result_says_what_had_been_sent() -> None:
    with OpenAIStandin(SlowJudge()) as srv:
        settings = Settings(
            api_keys=hash_key(KEY),
            judge="llm",
            openai_base_url=srv.base_url,
            openai_api_key="sk-test",
            model="standin",
            llm_max_retries=0,
            request_deadline_s=2,
        )
        with TestClient(create_app(settings), client=("203.0.113.7", 50000)) as client:
            warm = {"message": {"channel": "sms", "body": "Warm-up: presidio and the models load now."}}
            assert client.post("/v1/reviews", json=warm, headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
            before = len(srv.requests)
            result = client.post("/v1/reviews", json=REQUEST, headers={"Authorization": f"Bearer {KEY}"}).json()
        assert len(srv.requests) > before, "the masked draft reached the LLM before the deadline"
    assert result["meta"]["degraded"] and result["meta"]["judge"] == "rules"
    assert result["redaction"]["entities"] == {"FIRST_NAME": 1, "PHONE": 1, "CARD": 1}
    assert result["redaction"]["fields_withheld"] == ["name", "email"]
    notes = " ".join(result["meta"]["notes"])
    assert "nothing left this machine" not in notes and "on its way to the LLM" in notes


class Exploding:
    """A backend that fails in a way no judge expects."""

    model = "exploding"

    async def complete(self, messages: list[BaseMessage], schema: dict[str, Any], name: str) -> Completion:
        raise RuntimeError("bug")

    async def aclose(self) -> None:
        pass


def test_after_a_fault_the_result_says_what_had_been_sent() -> None:
    settings = Settings()
    core = ReviewCore(settings, Reviewer(settings, backend=Exploding()))
    result = core.review_sync(ReviewRequest.model_validate(REQUEST))
    assert result.meta.degraded and result.redaction.entities["FIRST_NAME"] == 1
    assert not any("nothing left this machine" in n for n in result.meta.notes)


def test_a_rules_review_still_says_nothing_left() -> None:
    settings = Settings(judge="rules")
    result = ReviewCore(settings).review_sync(ReviewRequest.model_validate(REQUEST))
    assert result.redaction.entities == {} and any("nothing left this machine" in n for n in result.meta.notes)
