"""`build_corpus`: candidate files -> filtered, de-duplicated, decontaminated corpus -> tokenizer -> token files.

The corpus folder (written under a temp name, renamed when complete):

    documents.jsonl         {"id", "text"} per kept document: a file, or with `unit: function` one function
    manifest.jsonl          {"id", "package", "version", "license", "path", "sha256", "bytes", "split", "tokens"}
                            (and "function", "line" for function documents)
    dropped.jsonl           every file left out and why (licence drops: one line per distribution; vendored
                            files are only counted)
    decontamination.json    what was checked, what was dropped, the largest overlap left
    tokenizer/              the trained tokenizer (`save_pretrained` layout)
    train.bin, val.bin      token ids, `<s>` doc `</s>` ... (`axiom.scratch.tokenizer`)
    corpus.json             the summary: sizes in files, bytes and tokens, drops by reason, options

Before screening, distributions without a permissive licence and vendored folders are left out
(`axiom.scratch.sources`). A file is screened in this order, the first failed check being its
reason: too_large, not_utf8, too_small, generated (a line over `max_line_chars`), syntax_error (does
not parse), exact_duplicate, contaminated, near_duplicate. The validation split is a fixed share of
the kept files (by hash).

With `unit: function` a file that passes the file checks is cut into its functions (every top-level
function and every method of a top-level class, with its decorators, dedented; nested functions stay
inside theirs), and each function is one document that goes through the duplicate and contamination
checks on its own: a small model then sees where a function ends (`</s>` after it) instead of
windows that start and stop anywhere in a file. Functions with fewer than `min_chars` non-blank
characters or more than `max_function_lines` lines are left out (too_small, too_large).
"""

from __future__ import annotations

import ast
import hashlib
import json
import math
import os
import shutil
import sys
import tempfile
import textwrap
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from axiom.config import option, to_dict
from axiom.errors import ConfigError
from axiom.jsonl import read_jsonl, umask, write_json
from axiom.scratch.decontam import Contamination, Item, protected_items
from axiom.scratch.dedup import NearDuplicates, exact_key, words
from axiom.scratch.sources import Discovery, SourceFile, discover
from axiom.scratch.tokenizer import MIN_VOCAB, encode_corpus, train_tokenizer

UNITS = ("file", "function")
REASONS = ("license", "vendored", "too_large", "not_utf8", "too_small", "generated", "syntax_error", "exact_duplicate",
           "contaminated", "near_duplicate")


@dataclass
class CorpusConfig:
    """`axiom corpus build` options (flags or key=value)."""

    stdlib: bool = option(True, "include the Python standard library (PSF licence)")
    packages: bool = option(True, "include installed distributions with a permissive licence")
    exclude_packages: list[str] = option([], "distributions to leave out by name (axiom itself always is)")
    max_files: int | None = option(None, "stop after this many kept files (null: no cap)")
    max_bytes: int | None = option(None, "stop before the kept files pass this many bytes (null: no cap)")
    max_file_bytes: int = option(200_000, "leave out files larger than this (generated tables, vendored bundles)")
    min_chars: int = option(64, "leave out files with fewer non-blank characters (empty __init__.py)")
    max_line_chars: int = option(1000, "leave out files with a longer line (minified or generated code)")
    unit: str = option("file", "what one document is: 'file' (a whole source file) or 'function' (each top-level "
                               "function and method of a file, dedented, as its own document)")
    max_function_lines: int = option(60, "with unit=function: leave out longer functions")
    near_dup_threshold: float = option(0.8, "estimated Jaccard similarity of word 5-grams at which a file is a "
                                            "near duplicate of one kept before")
    ngram: int = option(13, "n of the word n-grams the decontamination check compares")
    contamination_threshold: float = option(0.5, "share of a protected item's n-grams in a file that drops the file")
    val_fraction: float = option(0.01, "share of the kept files held out for validation loss (at least one file)")
    vocab_size: int = option(8192, "tokenizer vocabulary size, special tokens included")

    def __post_init__(self) -> None:
        for name in ("max_files", "max_bytes"):
            if getattr(self, name) is not None and getattr(self, name) < 1:
                raise ConfigError(f"{name} must be >= 1 or null, got {getattr(self, name)}")
        if not (self.stdlib or self.packages):
            raise ConfigError("stdlib and packages are both false: there is nothing to build a corpus from")
        if not 0 < self.near_dup_threshold <= 1 or not 0 < self.contamination_threshold <= 1:
            raise ConfigError("near_dup_threshold and contamination_threshold must be in (0, 1]")
        if not 0 < self.val_fraction < 1:
            raise ConfigError(f"val_fraction must be in (0, 1), got {self.val_fraction}")
        if self.vocab_size < MIN_VOCAB:
            raise ConfigError(f"vocab_size must be at least {MIN_VOCAB} (256 bytes + 3 special tokens)")
        if self.ngram < 2:
            raise ConfigError(f"ngram must be >= 2, got {self.ngram}")
        if self.unit not in UNITS:
            raise ConfigError(f"unit must be one of {', '.join(UNITS)}, got {self.unit!r}")
        if self.max_function_lines < 1:
            raise ConfigError(f"max_function_lines must be >= 1, got {self.max_function_lines}")


def screen(f: SourceFile, cfg: CorpusConfig) -> tuple[str | None, str]:
    """(reason the file is left out or None, its text with \\n line endings)."""
    try:
        if f.file.stat().st_size > cfg.max_file_bytes:
            return "too_large", ""
        text = f.file.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return "not_utf8", ""
    except OSError:
        return "not_utf8", ""  # unreadable: as good as not text
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    if sum(not c.isspace() for c in text) < cfg.min_chars:
        return "too_small", text
    if max(map(len, text.split("\n"))) > cfg.max_line_chars:
        return "generated", text
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes and the like: still Python
            ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return "syntax_error", text
    return None, text


def functions_of(text: str) -> list[tuple[str, int, str]]:
    """(qualified name, first line, dedented source) of each top-level function and each method of a top-level
    class, decorators included, in file order. `text` parses (screen checked it)."""
    lines = text.split("\n")
    tree = ast.parse(text)
    found = []

    def take(node: ast.AST, prefix: str) -> None:
        first = min([node.lineno] + [d.lineno for d in node.decorator_list])
        source = textwrap.dedent("\n".join(lines[first - 1:node.end_lineno])).strip("\n") + "\n"
        found.append((prefix + node.name, first, source))

    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            take(node, "")
        elif isinstance(node, ast.ClassDef):
            for inner in node.body:
                if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    take(inner, node.name + ".")
    return found


def documents_of(text: str, cfg: CorpusConfig) -> list[tuple[str | None, dict, str]]:
    """The documents a screened file gives: (reason to leave it out or None, manifest extras, text)."""
    if cfg.unit == "file":
        return [(None, {}, text)]
    out = []
    for name, line, source in functions_of(text):
        if sum(not c.isspace() for c in source) < cfg.min_chars:
            reason = "too_small"
        elif source.count("\n") > cfg.max_function_lines:
            reason = "too_large"
        else:
            reason = None
        out.append((reason, {"function": name, "line": line}, source))
    return out


class Screening:
    """The checks that need what came before: exact and near duplicates, contamination, the caps."""

    def __init__(self, cfg: CorpusConfig, guard: Contamination) -> None:
        self.cfg, self.guard = cfg, guard
        self.near = NearDuplicates(cfg.near_dup_threshold)
        self.seen: dict[str, int] = {}
        self.kept: list[dict] = []
        self.drops: Counter[str] = Counter()
        self.contaminated: list[dict] = []
        self.best_left: dict = {"overlap": 0.0, "item": None, "file": None}
        self.bytes = 0

    def full(self, size: int = 0) -> bool:
        """Is a cap reached (or would a file of `size` bytes pass max_bytes)?"""
        cfg = self.cfg
        return (cfg.max_files is not None and len(self.kept) >= cfg.max_files) or \
            (cfg.max_bytes is not None and self.bytes + size > cfg.max_bytes)

    def consider(self, f: SourceFile, text: str, extra: dict | None = None) -> tuple[str | None, dict]:
        """(reason to drop, detail), or (None, manifest entry) for a document that is kept, or ("stop", {}) where
        keeping it would pass max_bytes. `extra`: what the manifest says of a function document."""
        key, tokens = exact_key(text), words(text)
        if key in self.seen:
            return "exact_duplicate", {"same_as": self.seen[key]}
        item, share = self.guard.overlap(tokens)
        if share >= self.cfg.contamination_threshold:
            detail = {"item": item, "overlap": round(share, 4)}
            self.contaminated.append({**f.provenance(), **(extra or {}), **detail})
            return "contaminated", detail
        twin, similarity, sketch = self.near.match(tokens)
        if twin is not None:
            return "near_duplicate", {"same_as": int(twin), "similarity": round(similarity, 4)}
        if self.full(len(text.encode("utf-8"))):
            return "stop", {}
        if share > self.best_left["overlap"]:
            self.best_left = {"overlap": round(share, 4), "item": item, "file": f.provenance()}
        entry = {"id": len(self.kept), **f.provenance(), **(extra or {}), "sha256": key,
                 "bytes": len(text.encode("utf-8")), "lines": text.count("\n") + 1}
        self.seen[key] = entry["id"]
        self.near.add(str(entry["id"]), sketch)
        self.bytes += entry["bytes"]
        self.kept.append(entry)
        return None, entry


def build_corpus(out: str | Path, cfg: CorpusConfig, *, discovery: Discovery | None = None,
                 items: list[Item] | None = None, progress: bool = True) -> dict:
    """Build the corpus folder `out` (see the module doc) and return its summary (corpus.json).

    `discovery` (default: this machine's stdlib and packages) and `items` (default: `protected_items()`)
    are there for tests.
    """
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ConfigError(f"-o {out} already exists; give a new folder (a corpus is never built over another)")
    found = discovery or discover(cfg.stdlib, cfg.packages, exclude=cfg.exclude_packages)
    run = Screening(cfg, Contamination(protected_items() if items is None else items, cfg.ngram))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.tmp-"))
    os.chmod(tmp, 0o777 & ~umask())  # a folder as mkdir makes it, not mkdtemp's 0700
    try:
        scanned = _scan(tmp, found, run, progress)
        if len(run.kept) < 2:
            raise ConfigError(f"only {len(run.kept)} file(s) passed the filters; a corpus needs at least 2 (one "
                              "for validation): raise --max-files / --max-bytes or include more sources")
        _assign_splits(run.kept, cfg.val_fraction)
        summary = _tokenize(tmp, run.kept, cfg, progress)
        run.drops["license"], run.drops["vendored"] = found.licence_dropped_files, found.vendored
        summary.update(files=len({(k["package"], k["path"]) for k in run.kept}), documents=len(run.kept),
                       unit=cfg.unit, bytes=run.bytes, scanned=scanned,
                       candidates=len(found.files) + found.licence_dropped_files + found.vendored,
                       dropped={r: run.drops.get(r, 0) for r in REASONS},
                       licence_dropped_packages=found.licence_dropped, excluded_packages=found.excluded,
                       packages=dict(Counter(k["package"] for k in run.kept).most_common()),
                       config=to_dict(cfg), python=sys.version.split()[0])
        report = {**run.guard.describe(), "threshold": cfg.contamination_threshold, "files_checked": scanned,
                  "dropped": len(run.contaminated), "dropped_files": run.contaminated,
                  "max_overlap_kept": run.best_left}
        write_json(tmp / "decontamination.json", report)
        summary["decontamination"] = {k: report[k] for k in ("ngram", "items", "threshold", "dropped",
                                                              "max_overlap_kept")}
        write_json(tmp / "corpus.json", summary)
        if out.exists():
            out.rmdir()  # an empty folder (checked above)
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return summary


def _scan(folder: Path, found: Discovery, run: Screening, progress: bool) -> int:
    """Screen the candidates in order until a cap is reached: documents.jsonl and dropped.jsonl; files scanned."""
    from tqdm import tqdm

    scanned = 0
    with open(folder / "documents.jsonl", "w", encoding="utf-8") as docs, \
            open(folder / "dropped.jsonl", "w", encoding="utf-8") as dropped:
        for name, info in sorted(found.licence_dropped.items()):
            dropped.write(json.dumps({"reason": "license", "package": name, **info}) + "\n")
        bar = tqdm(found.files, desc="corpus", unit="file", file=sys.stderr, disable=not progress, dynamic_ncols=True)
        for f in bar:
            if run.full():
                break
            scanned += 1
            reason, text = screen(f, run.cfg)
            units = [(reason, {}, text)] if reason is not None else documents_of(text, run.cfg)
            for reason, extra, doc in units:
                reason, detail = (reason, {}) if reason is not None else run.consider(f, doc, extra)
                if reason == "stop":  # the next kept document would pass max_bytes
                    break
                if reason is None:
                    docs.write(json.dumps({"id": detail["id"], "text": doc}) + "\n")
                    bar.set_postfix(kept=len(run.kept), MB=f"{run.bytes / 1e6:.1f}", refresh=False)
                else:
                    run.drops[reason] += 1
                    dropped.write(json.dumps({"reason": reason, **f.provenance(), **extra, **detail}) + "\n")
            if reason == "stop":
                break
        bar.close()
    return scanned


def _assign_splits(kept: list[dict], fraction: float) -> None:
    """The documents of the sources whose hash ranks lowest are validation: a fixed share of the documents, at
    least one, never all. A source is a file; with function documents a file's functions stay in one split."""
    def source(k: dict) -> str:
        return f"{k['package']}|{k['path']}" if "function" in k else k["sha256"]

    n_val = min(len(kept) - 1, max(1, math.ceil(fraction * len(kept))))
    sizes = Counter(source(k) for k in kept)
    val, count = set(), 0
    for name in sorted(sizes, key=lambda name: hashlib.sha256(f"val|{name}".encode()).hexdigest()):
        if count >= n_val or count + sizes[name] > len(kept) - 1:
            break
        val.add(name)
        count += sizes[name]
    if not val:  # one file holds every function: split its functions instead
        first = min(kept, key=lambda k: hashlib.sha256(f"val|{k['sha256']}".encode()).hexdigest())
        val, source = {first["id"]}, lambda k: k["id"]  # noqa: E731
    for k in kept:
        k["split"] = "val" if source(k) in val else "train"


def _tokenize(folder: Path, kept: list[dict], cfg: CorpusConfig, progress: bool) -> dict:
    """Train the tokenizer on the training files, write train.bin / val.bin and manifest.jsonl; the token counts."""
    split = {k["id"]: k["split"] for k in kept}

    def texts(which: str):
        for _, row in read_jsonl(folder / "documents.jsonl"):
            if split[row["id"]] == which:
                yield row["text"]

    tokenizer = train_tokenizer(texts("train"), cfg.vocab_size, progress=progress)
    tokenizer.save_pretrained(str(folder / "tokenizer"))
    counts, per_doc = {}, {}
    for which in ("train", "val"):
        ids = [k["id"] for k in kept if k["split"] == which]
        lengths = encode_corpus(tokenizer, texts(which), folder / f"{which}.bin", total=len(ids),
                                desc=f"tokenize {which}", progress=progress)
        per_doc.update(zip(ids, lengths, strict=True))
        counts[which] = sum(lengths)
    with open(folder / "manifest.jsonl", "w", encoding="utf-8") as f:
        for k in kept:
            f.write(json.dumps({**k, "tokens": per_doc[k["id"]]}) + "\n")
    return {"tokens": counts["train"] + counts["val"], "tokens_by_split": counts,
            "files_by_split": dict(Counter(k["split"] for k in kept)), "vocab_size": len(tokenizer),
            "tokenizer": "tokenizer"}


def summary_lines(s: dict, out: str | Path) -> list[str]:
    """The printed summary of a corpus.json."""
    d = s["dropped"]
    lic = s["licence_dropped_packages"]
    dc = s["decontamination"]
    left = dc["max_overlap_kept"]
    where = f" ({left['item']} in {left['file']['package']}:{left['file']['path']})" if left["item"] else ""
    documents = f" ({s['documents']:,} functions)" if s.get("unit") == "function" else ""
    return [
        f"corpus {out}: {s['files']:,} files{documents}, {s['bytes']:,} bytes ({s['bytes'] / 1e6:.1f} MB), "
        f"{s['tokens']:,} tokens (train {s['tokens_by_split']['train']:,}, val {s['tokens_by_split']['val']:,}; "
        f"vocabulary {s['vocab_size']:,})",
        f"left out before scanning: licence {d['license']:,} files ({len(lic)} packages), vendored {d['vendored']:,}; "
        f"scanned {s['scanned']:,} of the other {s['candidates'] - d['license'] - d['vendored']:,} files; dropped: "
        + ", ".join(f"{r.replace('_', ' ')} {d[r]:,}" for r in REASONS[2:]),
        f"decontamination: {dc['ngram']}-grams of word tokens against {dc['items']} protected items; "
        f"{dc['dropped']} file(s) dropped; largest overlap left {left['overlap']:.2f}{where}",
    ]
