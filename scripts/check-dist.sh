#!/usr/bin/env bash
# Proves the committed bundles are exactly what the sources build, contain no silent ncc stubs,
# and run end to end on Node 24 (GitHub's runtime for node24 actions) and on this machine's Node.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== rebuilding every action"
npm run --silent build

echo "== comparing with the committed dist/"
# Every file under any actions/<name>/dist, new ones included (a plain 'actions/*/dist' pathspec matches no file).
stale=$(git status --porcelain --untracked-files=all -- actions | grep -E '^.. actions/[^/]+/dist/' || true)
if [ -n "$stale" ]; then
  echo "$stale"
  echo "error: actions/*/dist differs from what the sources build. Run 'npm run build' and commit dist/." >&2
  exit 1
fi

echo "== looking for bundler stubs"
if grep -lE 'webpackMissingModule|@@notfound' actions/*/dist/*.js; then
  echo "error: ncc left unresolved-module stubs in the bundles above (a dependency it could not resolve)." >&2
  exit 1
fi

echo "== running every bundle end to end"
npm test --silent -- test/e2e
