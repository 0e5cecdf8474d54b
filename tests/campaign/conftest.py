import json
from pathlib import Path

import pytest

from reviewer.campaign.cases import Builder
from reviewer.campaign.generator import generate, write_csv, write_template
from reviewer.campaign.recipients import Mapping
from reviewer.campaign.template import CampaignTemplate


@pytest.fixture(scope="session")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 generated recipients plus 20 copies of earlier ones under new ids and e-mails, and the template."""
    folder = tmp_path_factory.mktemp("campaign")
    rows = generate(300, seed=11)
    twins = [{**rows[i], "recipient_id": f"twin{i}", "email": f"twin{i}@example.org"} for i in range(20)]
    write_csv(folder / "recipients.csv", rows + twins)
    write_template(folder / "template.json")
    return folder


def builder_for(campaign: Path, segments: list[str] | None = None) -> Builder:
    """The case builder `reviewer campaign` uses for the generated campaign, without rewrites."""
    spec = json.loads((campaign / "template.json").read_text())
    return Builder(
        CampaignTemplate(spec["body"], spec["subject"]),
        Mapping({"first_name": "name.first"}, "recipient_id"),
        channel="email",
        rubrics=None,
        rewrite=False,
        segments=segments or [],
        keep_context=False,
    )
