#!/usr/bin/env bash
# Installs what `make test` needs beyond Go and Node (make test runs it
# first, as make test-deps): the npm packages of the committed lockfile,
# test tools included, and Debian's Chromium for the browser tests.
# Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/npm-deps.sh test

if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends chromium
fi

# LibreOffice Calc, headless, for the test that opens the CSV downloads as a
# spreadsheet program would and checks that no text becomes a formula.
if ! command -v soffice >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends libreoffice-calc
fi
