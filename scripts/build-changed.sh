#!/usr/bin/env bash
# The build of `npm start`: nothing when dist/ is newer than every input, else an
# incremental compile of what changed (tsc -b, whose build info lives in dist/). Checking
# the times here costs milliseconds; loading the compiler to learn the same, a second.
# `npm run build` stays the clean build.
set -euo pipefail
cd "$(dirname "$0")/.."
info=dist/tsconfig.build.tsbuildinfo
inputs=(src migrations bench tsconfig.json tsconfig.build.json package-lock.json)

# A compiled file whose source is gone (deleted, or not on this branch) would still be
# loaded (migrations are found by a glob): then dist/ is built again from scratch.
has_orphans() {
  local js ts
  while IFS= read -r js; do
    ts="${js#dist/}"
    [ -f "${ts%.js}.ts" ] || return 0
  done < <(find dist/src dist/migrations dist/bench -name '*.js' 2>/dev/null)
  return 1
}

# The web studio (web/dist) has its own inputs: rebuilt only when web/ or openapi.json changed.
bash scripts/build-studio.sh --if-changed

if [ -d dist ] && has_orphans; then
  echo "dist/ has files whose sources are gone: building from scratch" >&2
  rm -rf dist
fi
if [ -f "$info" ] && [ -f dist/src/main.js ] &&
  [ -z "$(find "${inputs[@]}" -newer "$info" -print -quit)" ]; then
  exit 0
fi
exec npx --no-install tsc -b tsconfig.build.json
