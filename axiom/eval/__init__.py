"""Evaluation: metrics over verified samples, the `evaluate` driver, HTML reports, run comparisons, tracking.

    from axiom.eval.run import evaluate
    rows, metrics = evaluate(backend, problems, Sampling(n=8, temperature=0.8))
"""
