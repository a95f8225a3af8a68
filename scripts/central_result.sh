#!/usr/bin/env bash
# The central result (README "Results"), every step resumable: run it again after a stop and it goes on
# where it was. One heavy job at a time (2 cores). Runs go to $RUNS (default ~/axiom-runs, outside the
# work tree so they survive a fresh checkout); logs beside them.
#   bash scripts/central_result.sh            # all steps in order
#   bash scripts/central_result.sh humaneval  # one step: v2 | humaneval | exp02 | levers
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-$HOME/axiom-runs}
AX=.venv/bin/axiom
mkdir -p "$RUNS"

iterate() {  # NAME CONFIG [overrides...]: start the run, or resume it
  local name=$1 config=$2; shift 2
  if [ -f "$RUNS/$name/config.json" ]; then
    "$AX" iterate --resume "$RUNS/$name" 2>&1 | tee -a "$RUNS/$name.log"
  else
    "$AX" iterate --config "$config" run.root="$RUNS" run.name="$name" "$@" 2>&1 | tee -a "$RUNS/$name.log"
  fi
}

kept_adapter() {  # RUN: the checkpoint the loop kept last (nothing when it kept only the base model)
  .venv/bin/python - "$1" <<'PY'
import json, sys
from pathlib import Path
run = Path(sys.argv[1])
state = json.loads((run / "state.json").read_text())
decides = sorted((int(k.split("/")[0]), v) for k, v in state["stages"].items() if k.endswith("/decide"))
policy = decides[-1][1]["state"]["policy"] if decides else None
print(run / "checkpoints" / f"iter_{policy}" if policy else "")
PY
}

humaneval() {  # greedy pass@1 on HumanEval (164) and HumanEval mini (20): base model vs the run's kept adapter
  local adapter; adapter=$(kept_adapter "$RUNS/v2-cpu")
  for suite in humaneval humaneval-mini; do
    [ -f "$RUNS/he-base-$suite/metrics.json" ] || "$AX" eval --model qwen2.5-coder-0.5b --suite "$suite" \
      --temperature 0 --samples 1 --max-new-tokens 512 -o "$RUNS/he-base-$suite"
    if [ -n "$adapter" ] && [ ! -f "$RUNS/he-v2-cpu-$suite/metrics.json" ]; then
      "$AX" eval --model qwen2.5-coder-0.5b --adapter "$adapter" --suite "$suite" --temperature 0 --samples 1 \
        --max-new-tokens 512 -o "$RUNS/he-v2-cpu-$suite"
    fi
    [ -n "$adapter" ] && "$AX" compare "$RUNS/he-base-$suite" "$RUNS/he-v2-cpu-$suite"
  done
}

exp02() {  # the prototype's experiment 02, its recipe and Axiom's, same problems and seeds
  # short examples: glibc's own heap trains them 1.5x faster (docs/training.md); `--resume ... train.steady_heap=true` after an OOM
  iterate seed-exp02-prototype configs/seed-exp02.yaml recipe.train_from=previous recipe.replay=false \
    curriculum.enabled=false stopping.tolerance=1 stopping.patience=3 train.steady_heap=false
  # exactly the problems the first run drew, whatever the generators have become since
  iterate seed-exp02-axiom configs/seed-exp02.yaml train.steady_heap=false \
    problems.from_dir="$RUNS/seed-exp02-prototype/problems"
  .venv/bin/python scripts/exp02_table.py "$RUNS/seed-exp02-prototype" "$RUNS/seed-exp02-axiom"
}

case "${1:-all}" in
  v2) iterate v2-cpu configs/v2-cpu.yaml ;;
  humaneval) humaneval ;;
  exp02) exp02 ;;
  levers) iterate v2-cpu-levers configs/v2-cpu-levers.yaml ;;
  all) iterate v2-cpu configs/v2-cpu.yaml; humaneval; exp02 ;;
  *) echo "usage: $0 [v2|humaneval|exp02|levers|all]" >&2; exit 2 ;;
esac
