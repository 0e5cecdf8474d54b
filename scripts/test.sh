#!/usr/bin/env bash
# Installs everything the tests need, then runs every test: unit, pipeline, LLM stand-in, CLI, ruff and mypy.
# Extra arguments go to pytest, e.g.  bash scripts/test.sh -k rules
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
python3 -m pytest "$@"
