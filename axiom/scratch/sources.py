"""Where the corpus comes from: the standard library and the installed distributions' `.py` files.

Every file carries its provenance (package, version, licence, path). The candidates come in a
fixed pseudo-random order (a SHA-256 of package and path), so a size cap takes a sample across
packages rather than the first packages of the alphabet, and the same machine gives the same
corpus. Distributions whose licence is not permissive (`axiom.scratch.licenses`) are left out
whole and counted.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import os
import platform
import sysconfig
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from axiom.scratch.licenses import classify

STDLIB = "python-stdlib"
# Never in the corpus: Axiom itself holds the reference solutions that evaluation must not have seen.
ALWAYS_EXCLUDED = frozenset({"axiom"})
_STDLIB_SKIP = {"site-packages", "dist-packages", "__pycache__"}
# Folders of code a package ships from other projects, under their licences rather than the package's.
VENDORED = frozenset({"_vendor", "vendor", "vendored", "_vendored", "third_party", "thirdparty", "_thirdparty",
                      "externals", "_externals"})


@dataclass(frozen=True)
class SourceFile:
    package: str
    version: str
    license: str
    path: str      # relative to the package's root (site-packages, or the stdlib folder)
    file: Path     # where it is on this machine

    def provenance(self) -> dict:
        return {"package": self.package, "version": self.version, "license": self.license, "path": self.path}


@dataclass
class Discovery:
    files: list[SourceFile] = field(default_factory=list)
    licence_dropped: dict[str, dict] = field(default_factory=dict)  # package -> {version, license, source, files}
    excluded: list[str] = field(default_factory=list)               # packages left out by name
    vendored: int = 0                                                # files left out as vendored code

    @property
    def licence_dropped_files(self) -> int:
        return sum(d["files"] for d in self.licence_dropped.values())


def stdlib_files(root: str | Path | None = None) -> Iterator[SourceFile]:
    """The standard library's `.py` files (PSF licence), third-party site folders skipped."""
    root = Path(root or sysconfig.get_paths()["stdlib"])
    version = platform.python_version()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _STDLIB_SKIP)
        for name in sorted(files):
            if name.endswith(".py"):
                path = Path(folder) / name
                yield SourceFile(STDLIB, version, "PSF-2.0", path.relative_to(root).as_posix(), path)


def distribution_files(paths: Sequence[str] | None = None, exclude: Sequence[str] = ()) -> Discovery:
    """The `.py` files of every distribution installed on `paths` (default `sys.path`) with a permissive
    licence; the others are counted in `licence_dropped`. Files in vendored folders (`VENDORED`: other
    projects' code, under their own licences) are left out and counted. A distribution found twice counts
    once (the first)."""
    out = Discovery()
    skip = {_norm(n) for n in (*ALWAYS_EXCLUDED, *exclude)}
    seen: set[str] = set()
    dists = md.distributions(path=list(paths)) if paths is not None else md.distributions()
    for dist in sorted(dists, key=lambda d: _norm(d.metadata["Name"] or "")):
        name = dist.metadata["Name"] or ""
        key = _norm(name)
        if not key or key in seen:
            continue
        seen.add(key)
        if key in skip:
            out.excluded.append(name)
            continue
        files = [f for f in dist.files or [] if f.suffix == ".py" and "__pycache__" not in f.parts]
        licence = classify(dist.metadata)
        if not licence.permissive:
            out.licence_dropped[name] = {"version": dist.version, "license": licence.spdx, "source": licence.source,
                                         "files": len(files)}
            continue
        for f in files:
            if VENDORED.intersection(f.parts[:-1]):
                out.vendored += 1
                continue
            out.files.append(SourceFile(name, dist.version, licence.spdx, f.as_posix(), Path(dist.locate_file(f))))
    return out


def discover(stdlib: bool = True, packages: bool = True, paths: Sequence[str] | None = None,
             exclude: Sequence[str] = ()) -> Discovery:
    """Every candidate file, in the corpus's fixed order (`order_key`)."""
    found = distribution_files(paths, exclude) if packages else Discovery()
    if stdlib:
        found.files.extend(stdlib_files())
    found.files.sort(key=order_key)
    return found


def order_key(f: SourceFile) -> str:
    return hashlib.sha256(f"{f.package}\0{f.path}".encode()).hexdigest()


def _norm(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")
