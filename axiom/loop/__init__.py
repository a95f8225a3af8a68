"""Expert iteration: GENERATE -> VERIFY -> COLLECT -> TRAIN -> EVALUATE, repeated, resumable.

    axiom iterate --config configs/quickstart.yaml
    axiom iterate --resume runs/quickstart

`config.IterateConfig` is the whole job; `orchestrator.run_iterations` runs it in a run directory
(`rundir.RunDir`) whose every stage writes atomically and records its completion.
"""
