"""The extension's store zip and its Firefox load check (web-ext lint, from npm)."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "extension"
WEB_EXT = ROOT / "node_modules" / ".bin" / "web-ext"


def build(out: Path) -> tuple[Path, str]:
    run = subprocess.run(
        [sys.executable, "scripts/build_extension.py", "--out", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    version = json.loads((EXTENSION / "manifest.json").read_text())["version"]
    return out / f"reviewer-extension-{version}.zip", run.stdout


def test_store_zip_holds_exactly_the_extension_and_is_reproducible(tmp_path: Path) -> None:
    first, said = build(tmp_path / "a")
    second, _ = build(tmp_path / "b")
    assert "wrote" in said and first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    on_disk = {p.relative_to(EXTENSION).as_posix() for p in EXTENSION.rglob("*") if p.is_file()}
    assert names == on_disk
    assert {"sw.js", "settings.js", "content.js", "content.css", "options.html"} <= names
    assert manifest["manifest_version"] == 3
    assert not list(tmp_path.rglob("*.partial"))


def test_the_same_manifest_passes_firefox_lint() -> None:
    assert WEB_EXT.exists(), "web-ext is missing: run 'npm ci' (scripts/test.sh does this)"
    run = subprocess.run(
        [str(WEB_EXT), "lint", "--source-dir", str(EXTENSION), "--output", "json", "--no-config-discovery"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    report = json.loads(run.stdout)
    assert report["errors"] == [], report["errors"]
    # Firefox reads "background.scripts"; it only warns about the "service_worker" key that Chromium reads.
    assert [w["message"] for w in report["warnings"]] == ['"/background/service_worker" is not supported.']
    assert report["notices"] == []
