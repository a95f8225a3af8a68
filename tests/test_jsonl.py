"""axiom.jsonl: atomic writes with the usual permissions, rows that hold text no UTF-8 writer accepts, and input
files that cannot be read (a folder, not UTF-8, a BOM)."""

from __future__ import annotations

import os
import stat

import pytest

from axiom.errors import InputFileError
from axiom.jsonl import atomic_open, read_json, read_jsonl, read_text, write_json, write_jsonl


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


def test_write_json_is_whole_or_nothing(tmp_path):
    path = tmp_path / "result.json"
    write_json(path, {"a": [1, 2]})
    assert path.read_text().endswith("}\n") and read_json(path) == {"a": [1, 2]}
    with pytest.raises(TypeError):
        write_json(path, {"a": object()})  # not JSON: fails mid-write
    assert read_json(path) == {"a": [1, 2]} and [p.name for p in tmp_path.iterdir()] == ["result.json"]


@pytest.mark.parametrize("mask,mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_new_files_get_the_usual_permissions(tmp_path, mask, mode):
    """0666 less the umask, as `open()` would give, not the 0600 of a temp file."""
    old = os.umask(mask)
    try:
        write_jsonl(tmp_path / "out.jsonl", [{"a": 1}])
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.jsonl").stat().st_mode) == mode


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("old\n")
    path.chmod(0o640)
    write_jsonl(path, [{"a": 1}])
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_byte_order_mark_is_skipped(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"a": 1}\n{"b": 2}\n')
    assert [row for _, row in read_jsonl(path)] == [{"a": 1}, {"b": 2}]
    (tmp_path / "bom.json").write_bytes(b'\xef\xbb\xbf{"c": 3}')
    assert read_json(tmp_path / "bom.json") == {"c": 3}


def test_bytes_that_are_not_utf8_are_named_by_file_and_line(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"a": 1}\n{"name": "caf\xe9"}\n')
    with pytest.raises(InputFileError, match=r"latin1\.jsonl:2: not UTF-8 text \(byte 0xe9 at column 14\)"):
        list(read_jsonl(path))
    with pytest.raises(InputFileError, match=r"latin1\.jsonl:2: not UTF-8"):
        read_text(path)


def test_a_folder_or_damaged_json_is_an_input_error(tmp_path):
    with pytest.raises(InputFileError, match="is a folder"):
        list(read_jsonl(tmp_path))
    with pytest.raises(InputFileError, match="is a folder"):
        read_json(tmp_path)
    (tmp_path / "config.json").write_text('{"config": ')
    with pytest.raises(InputFileError, match=r"config\.json:1: not valid JSON"):
        read_json(tmp_path / "config.json")
