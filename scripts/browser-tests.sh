#!/usr/bin/env bash
# Browser tests of the built site (make test-browser; part of make test).
#
#   1. builds the data (go run ./generator build) and the site into a
#      temporary folder, for http://127.0.0.1:<port>/;
#   2. serves it there with tests/browser/serve.mjs (no other dependency);
#   3. runs the Node test runner on tests/browser/*.test.mjs (playwright-core
#      driving Debian's Chromium: page checks, axe-core, charts, map,
#      countries table, JavaScript off, weight, links, feeds, the layout
#      at four screen widths);
#   4. runs Lighthouse 12 (mobile) on the home page, a country page and a
#      period page, writes the scores to test-results/lighthouse.txt (and
#      .json), prints them and fails below the thresholds.
#
# Exits non-zero if any of it fails. Options, from the environment:
#   SOURCES=dir            the workbooks to build from (default sources/)
#   LIGHTHOUSE=0           skip step 4
#   LIGHTHOUSE_RUNS=n      Lighthouse runs of a page, an odd number: its
#                          performance is their median (default 5)
#   BROWSER_TEST_PORT=n    serve on port n instead of a free one
#   SKIP_BUILD_DATA=1      use data/report/ as it is (no generator run)
#   GOOGLE_DATA=dir        test the site of Google's published figures in dir
#                          (make test-browser-google) instead of SOURCES
# Arguments, if any, are the test files to run instead of all of them:
#   scripts/browser-tests.sh tests/browser/map.test.mjs
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "browser-tests: $*" >&2
  exit 1
}

# Debian's Chromium: npx playwright install cannot download browsers here.
if [ -n "${CHROME_PATH:-}" ] && [ -x "${CHROME_PATH}" ]; then
  :
elif [ -x /usr/bin/chromium ]; then
  CHROME_PATH=/usr/bin/chromium
elif command -v chromium >/dev/null 2>&1; then
  CHROME_PATH="$(command -v chromium)"
else
  fail "Chromium is missing (no /usr/bin/chromium, no chromium on PATH): run make test-deps"
fi
export CHROME_PATH

for module in playwright-core @axe-core/playwright lighthouse; do
  [ -d "node_modules/$module" ] || fail "node_modules/$module is missing: run make test-deps"
done

RESULTS_DIR="$PWD/test-results"
mkdir -p "$RESULTS_DIR"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/browser-tests.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PORT="${BROWSER_TEST_PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
BASE_URL="http://127.0.0.1:$PORT/"
started=$(date +%s)

SITE_ROOT="$PWD"
if [ -n "${GOOGLE_DATA:-}" ]; then
  # Google's published figures, imported with the shipped mapping into a
  # copy of the site's files (as make google does, but leaving this
  # checkout's sources, data and downloads as they are).
  echo "==> importing Google's figures from $GOOGLE_DATA"
  SITE_ROOT="$WORK/project"
  mkdir -p "$SITE_ROOT/data"
  for name in hugo.toml layouts content assets i18n static; do
    [ -e "$name" ] && cp -R "$name" "$SITE_ROOT/"
  done
  cp data/taxonomy.toml "$SITE_ROOT/data/"
  ln -s "$PWD/node_modules" "$SITE_ROOT/node_modules"
  SOURCES="$SITE_ROOT/sources"
  go run ./generator import -mapping examples/mappings/google.toml -o "$SOURCES" "$GOOGLE_DATA"/*.csv >/dev/null
fi
echo "==> building the data and the site for $BASE_URL"
if [ "${SKIP_BUILD_DATA:-0}" != 1 ]; then
  go run ./generator build -sources "${SOURCES:-sources}" -data "$SITE_ROOT/data"
fi
go tool hugo --source "$SITE_ROOT" --gc --minify --cleanDestinationDir --logLevel warn -d "$WORK/site" --baseURL "$BASE_URL"
# The tests compare the pages with the data they were built from: keep a
# copy, in case data/report/ is rebuilt while they run.
cp -R "$SITE_ROOT/data/report" "$WORK/data"
if [ $# -eq 0 ]; then
  echo "==> verify: every table cell, text and download of the site against the sources"
  go run ./generator verify -sources "${SOURCES:-sources}" "$WORK/site" || fail "the built site is not the one the sources make"
fi

echo "==> serving $WORK/site on $BASE_URL"
node tests/browser/serve.mjs "$WORK/site" "$PORT" 127.0.0.1 >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  grep -q '^serving ' "$WORK/serve.log" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; fail "the test server did not start"; }
  sleep 0.1
done
grep -q '^serving ' "$WORK/serve.log" || fail "the test server did not start in 10 s"

export SITE_DIR="$WORK/site" DATA_DIR="$WORK/data" BASE_URL RESULTS_DIR

status=0
echo "==> browser tests (node --test, playwright-core, $CHROME_PATH)"
if [ $# -gt 0 ]; then
  tests=("$@")
else
  tests=(tests/browser/)
fi
# The timeout only stops a hung file: the axe-core and layout files take
# about 210 s each on an idle 2-core machine (35 and 26 pages), and twice
# that on a busy one.
node --test --test-reporter=spec --test-concurrency="${BROWSER_TEST_CONCURRENCY:-2}" --test-timeout=900000 "${tests[@]}" || status=1

if [ "${LIGHTHOUSE:-1}" != 0 ] && [ $# -eq 0 ]; then
  echo "==> Lighthouse (mobile): home, a country page, a period page"
  node tests/browser/lighthouse.mjs || status=1
fi

echo "==> browser tests took $(( $(date +%s) - started )) s"
if [ "$status" != 0 ]; then
  echo "browser-tests: FAILED (see above)" >&2
fi
exit "$status"
