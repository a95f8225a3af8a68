#!/usr/bin/env bash
# Set up (idempotent) and run the whole test suite. The README's second command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The report's headless-browser test needs Debian's chromium; in CI (as root) install it, elsewhere it skips.
if [ "${CI:-}" = "true" ] && [ "$(id -u)" = 0 ] && ! command -v chromium >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 || echo "chromium not installed" >&2
fi
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: failing on purpose" >&2
  exit 1
fi
exit "$rc"
