"""Generation: problems -> prompts -> completions, through one backend interface.

    from axiom.generate.backend import Sampling, load_backend
    backend = load_backend("hf", "qwen2.5-coder-0.5b")
    rows = backend.generate([messages], Sampling(n=8, temperature=0.8))

Backends load lazily (`backend.BACKENDS`), so importing this package never imports torch.
"""
