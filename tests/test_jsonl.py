"""axiom.jsonl: atomic writes, and rows that hold text no UTF-8 writer accepts."""

from __future__ import annotations

import pytest

from axiom.jsonl import atomic_open, read_jsonl, write_jsonl


def test_a_lone_surrogate_is_written_as_its_json_escape_and_reads_back(tmp_path):
    rows = [{"completion": "ok \ud800 then \\ud800 and \udfff", "n": 1}, {"completion": "plain é"}]
    path = tmp_path / "rows.jsonl"
    assert write_jsonl(path, rows) == 2
    raw = path.read_bytes()
    raw.decode("utf-8")  # valid UTF-8
    assert b"\\ud800" in raw
    assert [row for _, row in read_jsonl(path)] == rows


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_open(path) as f:
        f.write("half")
        raise RuntimeError("killed")
    assert path.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
