#!/usr/bin/env bash
# Proves `npm ci` accepts this package.json and package-lock.json on other platforms than this machine's:
#   bash scripts/check-platform-install.sh [os/cpu ...]     (default: darwin/arm64 darwin/x64 win32/x64 linux/arm64)
#
# npm's flags --os/--cpu alone prove nothing: they only choose which optional packages are installable, while
# the EBADPLATFORM check of required packages reads process.platform and process.arch (npm-install-checks). So
# npm's own CLI runs here in a Node whose process.platform/arch say the target, and `npm ci --dry-run` builds
# the whole tree from the lock file and checks every package's os/cpu as on that machine, without installing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
npm_cli=$(npm root -g)/npm/bin/npm-cli.js
[ -f "$npm_cli" ] || { echo "error: npm's CLI is not at $npm_cli" >&2; exit 2; }

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(darwin/arm64 darwin/x64 win32/x64 linux/arm64)

scratch=$(mktemp -d "${TMPDIR:-/tmp}/mlci-platform-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cp "$root/package.json" "$root/package-lock.json" "$scratch/"

failed=0
for target in "${targets[@]}"; do
  os=${target%/*}
  cpu=${target#*/}
  cat >"$scratch/platform.cjs" <<EOF
Object.defineProperty(process, 'platform', { value: '$os' })
Object.defineProperty(process, 'arch', { value: '$cpu' })
EOF
  if output=$(cd "$scratch" && node --require ./platform.cjs "$npm_cli" ci --dry-run --ignore-scripts \
    --no-audit --no-fund --loglevel=error --os="$os" --cpu="$cpu" 2>&1); then
    echo "ok: npm ci on $os/$cpu"
  else
    echo "FAIL: npm ci on $os/$cpu"
    echo "$output" | grep -E 'EBADPLATFORM|notsup|error' | head -8
    failed=1
  fi
done
exit "$failed"
