#!/usr/bin/env bash
# Runs every fuzz target of the generator (func Fuzz… in its _test.go files)
# for FUZZTIME each, one at a time. A failing input the fuzzer finds is
# written under the package's testdata/fuzz/ and fails the run.
#
# Go's fuzzing coordinator sometimes ends a run that found nothing with
# "context deadline exceeded" when a worker is slow to stop at the end of
# -fuzztime on a busy machine (no failing input is written then). Such a
# run is tried once more; any other failure fails at once.
set -uo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
FUZZTIME=${FUZZTIME:-10s}

run() { # package, target
  "$GO" test -run '^$' -fuzz "^$2\$" -fuzztime "$FUZZTIME" -fuzzminimizetime 0 "./$1" 2>&1
}

status=0
for file in $(grep -rl --include='*_test.go' '^func Fuzz' generator | sort); do
  pkg=$(dirname "$file")
  for target in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$file"); do
    echo "fuzz $target (./$pkg, $FUZZTIME)"
    out=$(run "$pkg" "$target"); code=$?
    if [ $code -ne 0 ] && grep -q 'context deadline exceeded' <<<"$out" && ! grep -q 'Failing input written' <<<"$out"; then
      echo "$out"
      echo "fuzz $target: the fuzzer stopped with a timeout and no failing input; trying once more"
      out=$(run "$pkg" "$target"); code=$?
    fi
    echo "$out"
    if [ $code -ne 0 ]; then status=1; fi
  done
done
exit $status
