#!/usr/bin/env bash
# Installs the npm packages of the committed lockfile, for `build` (what the
# site needs: ECharts, the world geometry, CLDR's names of countries) or for
# `test` (those and the test tools: Playwright, axe, Lighthouse, the
# Frictionless profiles). A stamp per kind skips the install while the
# lockfile is unchanged; a test install serves a build too, so `make site`
# after `make test` keeps the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

kind="${1:?usage: scripts/npm-deps.sh build|test}"
lock=package-lock.json
fresh() { [ -f "node_modules/.stamp-$1" ] && [ "node_modules/.stamp-$1" -nt "$lock" ] && [ "node_modules/.stamp-$1" -nt package.json ]; }

case "$kind" in
build)
  fresh test || fresh build && exit 0
  npm ci --omit=dev --no-audit --no-fund
  touch node_modules/.stamp-build
  ;;
test)
  fresh test && exit 0
  npm ci --no-audit --no-fund
  touch node_modules/.stamp-build node_modules/.stamp-test
  ;;
*)
  echo "scripts/npm-deps.sh: want build or test, not $kind" >&2
  exit 2
  ;;
esac
