"""The from-scratch track: a Python corpus built offline, a BPE tokenizer, and a small Llama pretrained on it.

`axiom corpus build` gathers the standard library's and the installed packages' `.py` files
under permissive licences, removes exact and near duplicates and anything that overlaps the
benchmarks Axiom reports, and trains the tokenizer (`corpus`, `sources`, `licenses`, `dedup`,
`decontam`, `tokenizer`). `axiom pretrain` trains a decoder-only model on it with resumable
checkpoints and evaluates it as it goes (`config`, `model`, `data`, `pretrain`, `evaluate`,
`report`). The model folder it writes is an ordinary `save_pretrained` folder that `axiom eval`,
`axiom iterate` and `axiom train sft` take as `model.name`. See docs/scratch.md.
"""
