"""benchmarks/mutation.py --update: only the named families' rows change, and only under the same settings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "mutation.py"
SMALL = ["--levels", "1", "--problems-per-level", "1", "--battery", "10", "--workers", "1"]


def table(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *SMALL, *args], capture_output=True, text=True, timeout=300)


def test_update_replaces_only_the_named_rows_and_refuses_other_settings(tmp_path):
    out = tmp_path / "m.json"
    assert table("--families", "reverse_string,fizzbuzz", "-o", str(out)).returncode == 0
    first = json.loads(out.read_text())
    fizzbuzz = first["families"]["fizzbuzz"]

    done = table("--families", "reverse_string", "-o", str(out), "--update")
    assert done.returncode == 0, done.stderr
    second = json.loads(out.read_text())
    assert list(second["families"]) == ["reverse_string", "fizzbuzz"]
    assert second["families"]["fizzbuzz"] == fizzbuzz  # untouched, level keys as written
    assert second["families"]["reverse_string"]["version"] >= 1
    assert [u["families"] for u in second["updates"]] == [["reverse_string"]]
    assert second["seconds"] == first["seconds"]  # the whole table's time stays the first run's
    assert "| fizzbuzz |" in out.with_suffix(".md").read_text()

    refused = table("--families", "reverse_string", "-o", str(out), "--update", "--battery", "20")
    assert refused.returncode != 0 and "was measured with" in refused.stderr
    assert json.loads(out.read_text()) == second
    missing = table("--families", "reverse_string", "-o", str(tmp_path / "none.json"), "--update")
    assert missing.returncode != 0 and "does not exist" in missing.stderr
