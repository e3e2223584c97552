#!/usr/bin/env bash
# The build of `npm start`: nothing when dist/ is newer than every input, else an
# incremental compile of what changed (tsc -b, whose build info lives in dist/). Checking
# the times here costs milliseconds; loading the compiler to learn the same, a second.
# `npm run build` stays the clean build.
set -euo pipefail
cd "$(dirname "$0")/.."
info=dist/tsconfig.build.tsbuildinfo
inputs=(src migrations bench tsconfig.json tsconfig.build.json package-lock.json)
if [ -f "$info" ] && [ -f dist/src/main.js ] &&
  [ -z "$(find "${inputs[@]}" -newer "$info" -print -quit)" ]; then
  exit 0
fi
exec npx --no-install tsc -b tsconfig.build.json
