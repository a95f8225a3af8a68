"""Checks every command makes before any work: where it writes, and the options several commands share.

Nothing is lost: an output that is one of the command's own inputs, a folder where a file goes
(or a file where a folder goes), or a place that cannot be written is refused before a model
loads or a candidate runs, not found after the whole job. One rule per shared option
(`--workers`, `--tests`, `--split`, `--timeout`, `--memory-mb`, `--per-cell`, `--device`,
`--dtype`), whichever command has it; `axiom iterate`'s config keys use the same rules.

Not covered: a disk that fills up mid-job, or permissions changed while the job runs (the
atomic writes then leave the old file in place and no temp file behind).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from axiom.errors import ConfigError
from axiom.generate.backend import check_device, check_dtype
from axiom.verify.records import check_memory, check_timeout, check_workers

SPLITS = ("train", "val", "test")

PathLike = str | os.PathLike


def check_output(path: PathLike, option: str, inputs: Mapping[str, PathLike | None] = {}, *,
                 folder: bool = False, writes: tuple[str, ...] = ()) -> None:
    """Refuse an output the command cannot write, or one that would overwrite one of its `inputs`.

    `inputs` maps an option (`--problems`) to the path it names. A file output also writes
    `path + suffix` for each of `writes` (e.g. ".config.json"); a folder output writes the files
    named in `writes` inside it, or, with no `writes`, replaces the whole folder.
    """
    out = Path(path)
    if not folder and out.is_dir():
        raise ConfigError(f"{option} {path} is a folder; give a file path to write")
    if folder and out.exists() and not out.is_dir():
        raise ConfigError(f"{option} {path} is a file; give a folder to write into")
    _check_writable(out if folder else out.parent, option, path)
    if folder:
        written = [out / name for name in writes]
    else:
        written = [out] + [Path(f"{out}{suffix}") for suffix in writes]
    for name, source in inputs.items():
        if source is None:
            continue
        if any(_same(w, Path(source)) for w in written) or (folder and not writes and _inside(Path(source), out)):
            raise ConfigError(f"{option} {path} would overwrite {name} {source}, an input of this command; "
                              "write the output somewhere else")


def check_options(args: argparse.Namespace) -> None:
    """The shared options of whichever command `args` is for, checked before the command runs."""
    given = vars(args)
    if "workers" in given:
        check_workers(args.workers, "--workers")
    if "timeout" in given:
        check_timeout(args.timeout, "--timeout")
    if "memory_mb" in given:
        check_memory(args.memory_mb, "--memory-mb")
    if isinstance(given.get("tests"), int) and given["tests"] < 1:  # `problems show`; a config checks problems.tests
        raise ConfigError(f"--tests must be an integer >= 1, got {given['tests']}")
    if "split" in given and args.split not in SPLITS:
        raise ConfigError(f"--split: {args.split!r} is not a split; choose one of: {', '.join(SPLITS)}")
    backend = given.get("backend", "hf")
    if given.get("device") is not None and backend == "hf":
        check_device(args.device, "--device")
    if given.get("dtype") is not None and backend in ("hf", "vllm"):
        check_dtype(args.dtype, "--dtype", backend)


def _check_writable(target: Path, option: str, path: PathLike) -> None:
    """Can a file be created in `target`, or in the folder that `target`'s missing parents would go into?"""
    existing = target
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        raise ConfigError(f"{option} {path}: cannot create it, {existing} is a file, not a folder")
    try:
        fd, probe = tempfile.mkstemp(dir=existing, prefix=".axiom-write-check-")
    except OSError as e:
        raise ConfigError(f"{option} {path}: cannot write in {existing} ({e.strerror})") from None
    os.close(fd)
    os.unlink(probe)


def _same(a: Path, b: Path) -> bool:
    """The same file: one resolved path, or two names of one file (a hard link)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents
