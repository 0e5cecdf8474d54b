"""The same manifest loads in Firefox: Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (npm)."""

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_extension_installs_in_firefox() -> None:
    firefox = shutil.which("firefox-esr") or shutil.which("firefox")
    assert firefox, "Firefox is required: apt-get install firefox-esr (scripts/test.sh does this)"
    assert (ROOT / "node_modules" / "puppeteer-core").exists(), "run 'npm ci' (scripts/test.sh does this)"
    run = subprocess.run(
        ["node", str(Path(__file__).with_name("firefox_load.mjs")), str(ROOT / "extension"), firefox],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    loaded = json.loads(run.stdout.strip().splitlines()[-1])
    manifest = json.loads((ROOT / "extension" / "manifest.json").read_text())
    assert loaded["id"] == manifest["browser_specific_settings"]["gecko"]["id"]
    assert loaded["browser"].startswith("firefox/")
