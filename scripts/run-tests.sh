#!/usr/bin/env bash
# Compiles the project with its tests and runs them with Node's test runner.
# Usage: scripts/run-tests.sh [unit|e2e|all] (default all). Test files run two at a time
# (TEST_CONCURRENCY=1 for one at a time): each e2e file creates its own database, queue
# prefix, artifacts folder and ports. The fault suites, which kill processes, cut
# PostgreSQL connections and time the recoveries, run last and one at a time. The
# migrations run once per migration set, into a template database each e2e file's
# database is copied from.
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:-all}"
rm -rf .test-build
npx tsc -p tsconfig.json --outDir .test-build
# The browser tests open the built studio: build it when web/ or openapi.json changed.
if [ "$kind" != unit ]; then bash scripts/build-studio.sh --if-changed; fi
case "$kind" in
  unit) pattern='*.spec.js' ;;
  e2e) pattern='*.e2e.js' ;;
  all) pattern='*.spec.js' ;;
  *) echo "unknown kind: $kind" >&2; exit 2 ;;
esac
files=$(find .test-build/src .test-build/test -name "$pattern" -not -path '.test-build/test/faults/*' | sort)
if [ "$kind" = all ]; then
  files="$files $(find .test-build/test -name '*.e2e.js' -not -path '.test-build/test/faults/*' | sort)"
fi
faults=''
if [ "$kind" != unit ]; then faults=$(find .test-build/test/faults -name '*.e2e.js' | sort); fi
if [ "$kind" != unit ]; then node .test-build/test/support/template-database.js; fi
status=0
# shellcheck disable=SC2086
node --test --test-concurrency="${TEST_CONCURRENCY:-2}" --test-timeout=300000 $files || status=$?
if [ -n "$faults" ]; then
  # shellcheck disable=SC2086
  node --test --test-concurrency=1 --test-timeout=300000 $faults || status=$?
fi
exit "$status"
