"""JSONL reading and atomic writing: a reader never sees a half-written file.

Files are UTF-8; a byte-order mark (Windows editors write one) is skipped. A file that is
missing, a folder, or not UTF-8 raises InputFileError naming the file (and the line).
Files are written with the permissions `open()` would give (0666 less the umask), not the
0600 of a temp file.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from axiom.errors import InputFileError

BOM = "\ufeff"


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temp file beside `path`; rename it over `path` only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _mode_of(path))
        # backslashreplace: a lone surrogate (JSON allows its escape, so a row read back may hold one)
        # is written as that escape, `\ud800`, instead of failing the whole file
        text = "b" not in mode
        with os.fdopen(fd, mode, encoding="utf-8" if text else None, errors="backslashreplace" if text else None) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_json(path: str | os.PathLike, value: Any, indent: int = 2) -> None:
    """Write one JSON document atomically (a result, a config record, a run's state), ending in a newline."""
    with atomic_open(path) as f:
        json.dump(value, f, indent=indent)
        f.write("\n")


def write_jsonl(path: str | os.PathLike, rows: Iterable[dict]) -> int:
    """Write rows atomically, one compact JSON object per line; return the count."""
    n = 0
    with atomic_open(path) as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def read_jsonl(path: str | os.PathLike) -> Iterator[tuple[int, Any]]:
    """Yield (line number, parsed value) for each non-blank line; raise ValueError naming the line.

    A missing file raises FileNotFoundError (callers say which file they wanted); a folder or
    bytes that are not UTF-8 raise InputFileError.
    """
    if os.path.isdir(path):
        raise InputFileError(f"{path} is a folder; a JSONL file is expected here")
    try:
        f = open(path, "rb")
    except PermissionError:
        raise InputFileError(f"{path}: permission denied reading this file") from None
    with f:
        for lineno, raw in enumerate(f, 1):
            line = _decode(raw, path, lineno)
            if lineno == 1:
                line = line.removeprefix(BOM)
            if not line.strip():
                continue
            try:
                yield lineno, json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{lineno}: not valid JSON ({e.msg} at column {e.colno})") from None


def read_text(path: str | os.PathLike, what: str = "file") -> str:
    """A whole UTF-8 text file (config.json, a YAML config), BOM skipped; InputFileError if it cannot be read."""
    if os.path.isdir(path):
        raise InputFileError(f"{path} is a folder; a {what} is expected here")
    try:
        with open(path, "rb") as f:
            lines = f.read().splitlines(keepends=True)
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such {what}") from None
    except PermissionError:
        raise InputFileError(f"{path}: permission denied reading this {what}") from None
    return "".join(_decode(raw, path, lineno) for lineno, raw in enumerate(lines, 1)).removeprefix(BOM)


def read_json(path: str | os.PathLike, what: str = "JSON file") -> Any:
    """A JSON file's value; InputFileError naming the file and line when it is not JSON."""
    try:
        return json.loads(read_text(path, what))
    except json.JSONDecodeError as e:
        raise InputFileError(f"{path}:{e.lineno}: not valid JSON ({e.msg} at column {e.colno}); "
                             f"the {what} is damaged") from None


def _decode(raw: bytes, path: str | os.PathLike, lineno: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputFileError(f"{path}:{lineno}: not UTF-8 text (byte 0x{raw[e.start]:02x} at column {e.start + 1}); "
                             "save the file as UTF-8") from None


def _mode_of(path: Path) -> int:
    """The mode `open(path, "w")` would leave: an existing file's own, else 0666 less the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return 0o666 & ~umask()


def umask() -> int:
    """The process umask, read without changing it where Linux allows (os.umask must set it to read it)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
