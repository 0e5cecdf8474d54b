from pathlib import Path

import pytest

from reviewer.campaign.generator import generate, write_csv, write_template


@pytest.fixture(scope="session")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 generated recipients plus 20 copies of earlier ones under new ids and e-mails, and the template."""
    folder = tmp_path_factory.mktemp("campaign")
    rows = generate(300, seed=11)
    twins = [{**rows[i], "recipient_id": f"twin{i}", "email": f"twin{i}@example.org"} for i in range(20)]
    write_csv(folder / "recipients.csv", rows + twins)
    write_template(folder / "template.json")
    return folder
