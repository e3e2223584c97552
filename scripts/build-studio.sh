#!/usr/bin/env bash
# Builds the web studio (web/ → web/dist, served at /studio/): its API types generated
# from openapi.json (so an API change that breaks the page breaks this build), a type
# check, then Vite.
# Usage: scripts/build-studio.sh [--if-changed | --types-only]
#   --if-changed  skip when web/dist is newer than web/, openapi.json and the lock file
#   --types-only  only generate the API types (what lint needs to check the studio)
set -euo pipefail
cd "$(dirname "$0")/.."
types=web/src/api/openapi.gen.ts
stamp=web/dist/index.html

generate_types() {
  if [ -f "$types" ] && [ -z "$(find openapi.json -newer "$types" -print -quit)" ]; then return; fi
  npx --no-install openapi-typescript openapi.json --output "$types" --default-non-nullable false --silent
}

case "${1:-}" in
  --types-only)
    generate_types
    exit 0
    ;;
  --if-changed)
    if [ -f "$stamp" ] && [ -z "$(find web openapi.json package-lock.json \
      -path web/dist -prune -o -path "$types" -prune -o -newer "$stamp" -print -quit)" ]; then
      exit 0
    fi
    ;;
  '') ;;
  *) echo "unknown option: $1" >&2; exit 2 ;;
esac

generate_types
npx --no-install tsc -p web/tsconfig.json
npx --no-install vite build web --logLevel warn
