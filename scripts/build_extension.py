"""Build the browser extension's store zip: python scripts/build_extension.py [--out DIR].

The zip holds exactly the files in extension/ (no build step, nothing fetched), with fixed timestamps so the same
sources give the same bytes. It refuses to build when the manifest names a file that is missing.
"""

import argparse
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "extension"
EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def referenced(manifest: dict[str, Any]) -> set[str]:
    """Every file the manifest points at."""
    names = set(manifest.get("icons", {}).values())
    names |= set(manifest.get("action", {}).get("default_icon", {}).values())
    background = manifest.get("background", {})
    names |= {background["service_worker"], *background.get("scripts", [])} - {None}
    if "options_ui" in manifest:
        names.add(manifest["options_ui"]["page"])
    return names


def build(out_dir: Path) -> Path:
    """Write the zip and return its path."""
    manifest = json.loads((SOURCE / "manifest.json").read_text())
    files = sorted(p for p in SOURCE.rglob("*") if p.is_file() and not p.name.startswith("."))
    present = {p.relative_to(SOURCE).as_posix() for p in files}
    missing = sorted(referenced(manifest) - present)
    if missing:
        raise SystemExit(f"error: manifest.json names files that are not in extension/: {', '.join(missing)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"reviewer-extension-{manifest['version']}.zip"
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            entry = zipfile.ZipInfo(path.relative_to(SOURCE).as_posix(), date_time=EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())
    partial.replace(target)  # never leave a half-written zip under the final name
    return target


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    target = build(parser.parse_args().out)
    print(f"wrote {target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target}")


if __name__ == "__main__":
    sys.exit(main())
