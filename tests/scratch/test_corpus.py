"""`axiom corpus build` on a fake site folder and a few stdlib modules: licences, duplicates, decontamination."""

import json

import pytest

from axiom.cli import main
from axiom.errors import ConfigError
from axiom.jsonl import read_jsonl
from axiom.scratch.corpus import CorpusConfig, build_corpus
from axiom.scratch.decontam import Contamination, Item
from axiom.scratch.dedup import words
from tests.scratch.conftest import MODULE, STDLIB, discovery


def rows(path):
    return [row for _, row in read_jsonl(path)]


def test_what_is_kept_and_where_it_came_from(corpus):
    out, summary = corpus
    manifest = rows(out / "manifest.jsonl")
    kept = {(m["package"], m["path"]) for m in manifest}
    assert {("goodpkg", "goodpkg/store.py"), ("goodpkg", "goodpkg/geometry.py")} <= kept
    assert {("python-stdlib", p) for p in STDLIB} <= kept
    assert all(m["license"] in ("MIT", "PSF-2.0") and m["version"] and m["sha256"] and m["tokens"] > 2
               for m in manifest)
    docs = rows(out / "documents.jsonl")
    assert [d["id"] for d in docs] == [m["id"] for m in manifest] and docs[0]["text"]
    assert summary["files"] == len(manifest) and summary["bytes"] == sum(m["bytes"] for m in manifest)
    assert summary["tokens"] == sum(m["tokens"] for m in manifest) == sum(summary["tokens_by_split"].values())
    assert summary["files_by_split"]["val"] >= 1 and summary["vocab_size"] == 300
    assert json.loads((out / "corpus.json").read_text()) == summary


def test_licence_filter_leaves_out_gpl_and_unknown(corpus):
    out, summary = corpus
    dropped = {r["package"]: r for r in rows(out / "dropped.jsonl") if r["reason"] == "license"}
    assert set(dropped) == {"gplpkg", "nolicence"}
    assert dropped["gplpkg"]["license"] == "GPL-3.0-only" and dropped["nolicence"]["license"] == "unknown"
    assert summary["dropped"]["license"] == 2 and summary["dropped"]["vendored"] == 1
    assert not any(m["package"] in dropped for m in rows(out / "manifest.jsonl"))


def test_exact_and_near_duplicates_are_dropped(corpus):
    out, summary = corpus
    reasons = {r["path"]: r for r in rows(out / "dropped.jsonl") if r["reason"] != "license"}
    assert reasons["goodpkg/store_copy.py"]["reason"] == "exact_duplicate"  # CRLF and trailing spaces
    near = reasons["goodpkg/near_inventory.py"]
    assert near["reason"] == "near_duplicate" and near["similarity"] >= 0.8
    assert summary["dropped"]["exact_duplicate"] == 1 and summary["dropped"]["near_duplicate"] == 1


def test_planted_humaneval_mini_solution_is_decontaminated(corpus):
    out, summary = corpus
    planted = [r for r in rows(out / "dropped.jsonl") if r.get("path") == "goodpkg/solutions.py"]
    assert planted and planted[0]["reason"] == "contaminated"
    assert planted[0]["item"].startswith("humaneval_mini/") and planted[0]["overlap"] == 1.0
    report = json.loads((out / "decontamination.json").read_text())
    assert report["ngram"] == 13 and report["dropped"] == 1 and report["dropped_files"][0]["path"] == planted[0]["path"]
    assert set(report["items_by_source"]) == {"family", "humaneval", "humaneval_mini"}
    assert report["max_overlap_kept"]["overlap"] < report["threshold"]
    assert summary["decontamination"]["dropped"] == 1


def test_overlap_is_the_share_of_an_items_ngrams_in_a_file():
    item = Item("x/1", " ".join(f"w{i}" for i in range(30)))  # 18 distinct 13-grams
    guard = Contamination([item, Item("x/short", "too short")], n=13)
    assert guard.too_short == ["x/short"]
    assert guard.overlap(words("unrelated text")) == (None, 0.0)
    half = " ".join(f"w{i}" for i in range(21))  # the first 9 of its 18 13-grams
    assert guard.overlap(words("prefix " + half + " suffix")) == ("x/1", 0.5)


def test_caps_stop_the_scan(site, tmp_path):
    summary = build_corpus(tmp_path / "c", CorpusConfig(vocab_size=300, max_files=3), discovery=discovery(site),
                           items=[], progress=False)
    assert summary["files"] == 3 and summary["scanned"] < summary["candidates"]
    small = build_corpus(tmp_path / "d", CorpusConfig(vocab_size=300, max_bytes=len(MODULE) * 3),
                         discovery=discovery(site), items=[], progress=False)
    assert small["bytes"] <= len(MODULE) * 3


def test_refuses_an_existing_folder_and_a_corpus_too_small(site, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(ConfigError, match="already exists"):
        build_corpus(tmp_path / "full", CorpusConfig(vocab_size=300), discovery=discovery(site), items=[])
    with pytest.raises(ConfigError, match="at least 2"):
        build_corpus(tmp_path / "one", CorpusConfig(vocab_size=300, max_files=1), discovery=discovery(site), items=[])
    assert not (tmp_path / "one").exists() and not list(tmp_path.glob(".one.tmp-*"))


def test_cli_options_are_checked(tmp_path, capsys):
    assert main(["corpus", "build", "-o", str(tmp_path / "c"), "near_dup_treshold=0.9"]) == 2
    err = capsys.readouterr().err
    assert "near_dup_treshold" in err and "near_dup_threshold" in err
    assert main(["corpus", "build", "-o", str(tmp_path / "c"), "--vocab-size", "100"]) == 2
    assert "at least 259" in capsys.readouterr().err


def test_function_documents_each_end_where_their_function_ends(site, tmp_path):
    """unit=function: one document per top-level function and method, dedented, decorators kept, nested ones inside."""
    from axiom.scratch.corpus import functions_of

    source = ('import functools\n\n\n@functools.cache\ndef fib(n):\n    def inner(k):\n        return k\n'
              '    return n if n < 2 else fib(n - 1) + fib(n - 2)\n\n\nclass Box:\n    size = 3\n\n'
              '    @property\n    def double(self):\n        return 2 * self.size\n\n    async def fetch(self):\n'
              '        return self.size\n')
    found = functions_of(source)
    assert [(name, line) for name, line, _ in found] == [("fib", 4), ("Box.double", 14), ("Box.fetch", 18)]
    assert found[0][2].startswith("@functools.cache\ndef fib(n):\n    def inner(k):")
    assert found[1][2] == "@property\ndef double(self):\n    return 2 * self.size\n"  # dedented

    cfg = CorpusConfig(vocab_size=300, unit="function", max_function_lines=12, val_fraction=0.2)
    summary = build_corpus(tmp_path / "c", cfg, discovery=discovery(site), progress=False)
    manifest, docs = rows(tmp_path / "c" / "manifest.jsonl"), rows(tmp_path / "c" / "documents.jsonl")
    assert summary["unit"] == "function" and summary["documents"] == len(manifest) > summary["files"]
    assert all(d["text"].startswith(("def ", "async def ", "@")) and d["text"].endswith("\n") for d in docs)
    for text in (d["text"] for d in docs):
        compile(text, "<function>", "exec")  # each document is a whole function on its own
    assert {"Inventory.add", "merge", "load"} <= {m["function"] for m in manifest}
    assert all(m["lines"] <= 13 for m in manifest)
    splits: dict[tuple[str, str], set[str]] = {}
    for m in manifest:
        splits.setdefault((m["package"], m["path"]), set()).add(m["split"])
    assert all(len(s) == 1 for s in splits.values()) and {"train", "val"} <= set().union(*splits.values())
    dropped = rows(tmp_path / "c" / "dropped.jsonl")
    assert any(r["reason"] == "too_large" and "function" in r for r in dropped)  # over max_function_lines
    assert any(r["reason"] == "contaminated" and r.get("function") for r in dropped)  # the planted solution


def test_unknown_unit_is_refused():
    with pytest.raises(ConfigError, match="unit must be one of file, function"):
        CorpusConfig(unit="class")
