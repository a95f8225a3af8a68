#!/usr/bin/env bash
# Refresh the README's central-run tables and plots from a run directory and copy its metrics to
# benchmarks/results/.
#   bash scripts/readme_results.sh [RUN_DIR]     (default ~/axiom-runs/v2-cpu)
set -euo pipefail
cd "$(dirname "$0")/.."
run=${1:-$HOME/axiom-runs/v2-cpu}
name=$(basename "$run")
mkdir -p "benchmarks/results/$name"
cp "$run/metrics.jsonl" "$run/config.json" "benchmarks/results/$name/"
tables=$(.venv/bin/python scripts/run_table.py "$run" --split test)
.venv/bin/python - "$tables" <<'PY'
import sys
from pathlib import Path
readme = Path("README.md")
text = readme.read_text()
start, end = "<!-- v2 tables -->\n", "<!-- /v2 tables -->"
a, b = text.index(start) + len(start), text.index(end)
readme.write_text(text[:a] + sys.argv[1].strip() + "\n" + text[b:])
PY
plots=$(mktemp -d)
.venv/bin/axiom report "$run" -o "$plots/report.html" >/dev/null
cp "$plots/plots/accuracy.png" "docs/$name-accuracy.png"
cp "$plots/plots/family-change-val.png" "docs/$name-family-change-val.png"
rm -rf "$plots"
