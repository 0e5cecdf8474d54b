#!/usr/bin/env bash
# Installs everything the tests need, then runs every test (unit, pipeline, LLM stand-in, privacy, CLI, ruff and
# mypy) and the evaluation suite's regression gate.
# Extra arguments go to pytest, e.g.  bash scripts/test.sh -k rules
set -euo pipefail
cd "$(dirname "$0")/.."
# From Debian: Chromium for the page and extension tests (never Playwright's own download, which cannot work
# offline), Firefox ESR to load the extension there too, redis-server for the shared-cache test, and npm when the
# machine has none.
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
command -v firefox-esr >/dev/null 2>&1 || missing="$missing firefox-esr"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v java >/dev/null 2>&1 || missing="$missing openjdk-17-jre-headless"  # Spark local[2] in tests/campaign
if [ -n "$missing" ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
# From npm: web-ext (lint) and puppeteer-core (drives Firefox) for the extension (pinned in package-lock.json).
npm ci --no-audit --no-fund --loglevel=error
python3 -m pytest "$@"
# The evaluation suite with the embedded rules judge, gated on the committed baseline (evals/baseline.json).
python3 -m reviewer eval --judge rules --baseline evals/baseline.json \
    --junit artifacts/eval-junit.xml --html artifacts/eval-report.html --markdown artifacts/eval-summary.md
