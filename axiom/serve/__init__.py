"""`axiom serve`: the verifier as a network service, and the thin clients trainers call it with.

    wire.py     the wire contract: what a request body must hold, what a response holds, the limits
    app.py      the ASGI app (FastAPI): /health, /verify; the verifier pool runs on a thread of its own
    command.py  the `axiom serve` command (uvicorn)
    client.py   VerifierClient, a TRL reward function and a verl compute_score (standard library only)

See docs/serve.md.
"""
