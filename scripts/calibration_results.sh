#!/usr/bin/env bash
# Merge every calibration under benchmarks/results/ into one table of today's families
# (benchmarks/results/calibration-merged/), put it in docs/problems.md and its heat map in docs/.
#   bash scripts/calibration_results.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=benchmarks/results/calibration-merged
sources=$(ls -d benchmarks/results/calibration-*/ | grep -v "^$out/")
rm -rf "$out"
# shellcheck disable=SC2086  # one folder a word
.venv/bin/axiom problems calibrate --merge $sources -o "$out"
cp "$out/heatmap.png" docs/calibration-qwen0.5b.png
.venv/bin/python - "$out/calibration.md" <<'PY'
import sys
from pathlib import Path
doc = Path("docs/problems.md")
text = doc.read_text()
start, end = "<!-- calibration table -->\n", "<!-- /calibration table -->"
a, b = text.index(start) + len(start), text.index(end)
doc.write_text(text[:a] + Path(sys.argv[1]).read_text().strip() + "\n" + text[b:])
PY
