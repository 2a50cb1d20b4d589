#!/usr/bin/env bash
# Proves a run leaves nothing behind in /tmp:
#   bash scripts/check-tmp-clean.sh [command ...]        (default: npm test)
#   bash scripts/check-tmp-clean.sh npm test -- test/harness.test.ts
#
# As root with unshare(1) the command runs in a private, empty /tmp (a tmpfs in its own mount namespace), so
# whatever else runs on the machine cannot blur the count, and what is left is exactly what the run left.
# Otherwise it compares the entries of /tmp before and after, which other processes can disturb.
# Prints the entries left and "N new entries in /tmp"; exits 1 when N > 0, else with the command's status when
# that failed.
set -uo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- npm test

if [ "$(id -u)" = 0 ] && unshare --mount --propagation private true 2>/dev/null; then
  echo "== running in a private, empty /tmp: $*"
  report=$(mktemp "${PWD}/.tmp-clean-XXXXXX")
  # shellcheck disable=SC2016 # expanded by the inner shell
  unshare --mount --propagation private bash -c '
    report=$1; shift
    mount -t tmpfs -o mode=1777 mlci-tmp /tmp || exit 97
    "$@"
    status=$?
    ls -A /tmp >"$report"
    exit "$status"
  ' bash "$report" "$@"
  status=$?
  left=$(cat "$report")
  rm -f "$report"
  [ "$status" != 97 ] || { echo "error: could not mount a private /tmp" >&2; exit 2; }
else
  echo "== comparing /tmp before and after (other processes on this machine may add entries too): $*"
  before=$(ls -A /tmp | sort)
  "$@"
  status=$?
  left=$(comm -13 <(echo "$before") <(ls -A /tmp | sort))
fi

# Node's own compile cache (npm's CLI and tsc call module.enableCompileCache(), in $TMPDIR/node-compile-cache):
# made once per machine and reused by every later npm command, like ~/.npm, so not a directory a run leaves.
left=$(printf '%s\n' "$left" | grep -vx 'node-compile-cache' || true)
count=$(printf '%s' "$left" | grep -c . || true)
if [ "$count" -gt 0 ]; then
  echo "== left in /tmp:"
  printf '%s\n' "$left" | head -40
  [ "$count" -le 40 ] || echo "… and $((count - 40)) more"
fi
echo "$count new entries in /tmp"
[ "$count" -eq 0 ] || exit 1
exit "$status"
