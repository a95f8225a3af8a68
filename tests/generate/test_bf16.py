"""bf16 generation on CPU: picked by default on bf16 hardware, and honouring every sampling parameter."""

import pytest

from axiom.generate.backend import Sampling
from tests.generate.test_hf import CHATS


def test_default_dtype_follows_the_cpu(monkeypatch):
    import torch

    import axiom.generate.hf as hf

    monkeypatch.setattr(hf, "cpu_has_fast_bf16", lambda: True)
    assert hf.pick_dtype("cpu") == torch.bfloat16
    monkeypatch.setattr(hf, "cpu_has_fast_bf16", lambda: False)
    assert hf.pick_dtype("cpu") == torch.float32
    assert hf.pick_dtype("cpu", "float32") == torch.float32


def test_cpu_flags_are_read(fp32_by_default, tmp_path, monkeypatch):
    import builtins

    real_open = builtins.open
    for flags, want in (("fpu avx512f amx_bf16 amx_tile", True), ("fpu avx512_bf16", True), ("fpu avx2", False)):
        cpuinfo = tmp_path / "cpuinfo"
        cpuinfo.write_text(f"processor\t: 0\nflags\t\t: {flags}\n")
        monkeypatch.setattr(builtins, "open", lambda p, *a, c=cpuinfo, **k: real_open(
            c if p == "/proc/cpuinfo" else p, *a, **k))
        assert fp32_by_default() is want  # the real function, which the session fixture replaced


@pytest.fixture(scope="module")
def bf16_backend(tiny_model):
    from axiom.generate.hf import HFBackend

    return HFBackend(tiny_model, dtype="bfloat16", batch_size=16)


def test_bf16_backend_honours_sampling_parameters(bf16_backend):
    import torch

    assert bf16_backend.model.dtype == torch.bfloat16
    params = Sampling(n=3, temperature=0.9, top_p=0.95, max_new_tokens=10, seed=4)
    first = bf16_backend.generate(CHATS, params)
    assert [len(r) for r in first] == [3] * len(CHATS)
    assert all(1 <= c.completion_tokens <= 10 for r in first for c in r)
    assert all(c.finish_reason == "stop" or c.completion_tokens == 10 for r in first for c in r)
    again = bf16_backend.generate(CHATS, params)
    assert [[c.text for c in r] for r in first] == [[c.text for c in r] for r in again]  # seed
    other = bf16_backend.generate(CHATS, Sampling(n=3, temperature=0.9, top_p=0.95, max_new_tokens=10, seed=5))
    assert [[c.text for c in r] for r in first] != [[c.text for c in r] for r in other]
    greedy = bf16_backend.generate(CHATS, Sampling(n=2, temperature=0, max_new_tokens=10))
    assert all(r[0].text == r[1].text and r[1].meta.get("duplicate") for r in greedy)


def test_bf16_stop_strings(bf16_backend):
    greedy = Sampling(temperature=0, max_new_tokens=24)
    free = [row[0].text for row in bf16_backend.generate(CHATS, greedy)]
    # a stop string of plain ASCII from the middle of one chat's free text (random weights emit odd bytes too)
    i, stop = next((i, t[j:j + 2]) for i, t in enumerate(free) for j in range(2, len(t) - 1) if t[j:j + 2].isascii())
    cut = bf16_backend.generate(CHATS[i:i + 1], Sampling(temperature=0, max_new_tokens=24, stop=(stop,)))[0][0]
    assert cut.text == free[i][:free[i].find(stop)] and cut.finish_reason == "stop"


def test_environment_overrides_the_cpu_flags(monkeypatch):
    import axiom.generate.hf as hf

    monkeypatch.setenv("AXIOM_CPU_BF16", "1")
    assert hf.cpu_has_fast_bf16() is True
    monkeypatch.setenv("AXIOM_CPU_BF16", "0")
    assert hf.cpu_has_fast_bf16() is False
