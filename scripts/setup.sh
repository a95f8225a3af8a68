#!/usr/bin/env bash
# Create .venv and install Axiom with its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
# torch==2.13.0 first: a CPU build is on disk here; a bare `torch` would pull a multi-GB CUDA build.
.venv/bin/python -m pip install -q -e '.[dev]' 2>&1 | grep -v -E '^(WARNING: Location|  !!|$)' || true
.venv/bin/python -c "import axiom" || { echo "setup failed: axiom does not import" >&2; exit 1; }
