"""`axiom serve`: the verifier as an HTTP service that trainers call (docs/serve.md)."""

from __future__ import annotations

import argparse
import ipaddress
import math
import os
import re
import signal
import socket
import sys

from axiom.errors import AxiomError, ConfigError
from axiom.flags import add_weak_sandbox_flag
from axiom.serve.app import VerifyService, build_app
from axiom.serve.wire import DEFAULT_PORT, TOKEN_ENV, ServeLimits
from axiom.verify.pool import Verifier
from axiom.verify.records import Limits

LIMITS = ServeLimits()
LOG_LEVELS = ("critical", "error", "warning", "info", "debug")
DESCRIPTION = """\
Serve the sandboxed verifier over HTTP to trainers:
  GET  /health  -> {"status": "ok"}
  POST /verify  with 'Authorization: Bearer <token>' and {"problems": [...], "candidates": [...]}
                (the records of docs/formats.md) -> {"verdicts": [...]}, in the candidates' order,
                each the line `axiom verify` writes for it.
One warm pool of sandbox workers serves every client, one batch at a time."""
EPILOG = f"""\
The token comes from the environment variable {TOKEN_ENV} (not a flag: flags show in `ps`);
without one the service does not start. Make one with
  export {TOKEN_ENV}=$(python -c 'import secrets; print(secrets.token_urlsafe(32))')
SIGTERM or Ctrl-C: stop taking connections, answer the requests already accepted, stop the
sandbox workers, exit 0 (a second Ctrl-C drops what is left). Plain HTTP: keep it on 127.0.0.1
or a private network. Clients for TRL and verl: axiom.serve.client (docs/serve.md)."""
TOKEN_CHARS = re.compile(r"[\x21-\x7e]+")  # what an HTTP header carries as it is: printable ASCII, no spaces


def add_serve_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve", help="run the verifier as an HTTP service for trainers (POST /verify)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=DESCRIPTION, epilog=EPILOG)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for every interface)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"TCP port (default {DEFAULT_PORT}; 0 picks a free one, printed at start)")
    p.add_argument("--workers", type=int, default=None,
                   help="sandbox worker processes, shared by all clients (default: CPU count)")
    p.add_argument("--timeout", type=float, default=Limits.timeout_s,
                   help=f"seconds of wall clock per candidate, all its tests together (default {Limits.timeout_s:g})")
    p.add_argument("--memory-mb", type=int, default=Limits.memory_mb,
                   help=f"address-space limit per candidate in MiB (default {Limits.memory_mb})")
    add_weak_sandbox_flag(p)
    p.add_argument("--max-body-mb", type=float, default=LIMITS.max_body_bytes / 2**20,
                   help=f"largest request body in MiB; a larger one gets 413 (default {LIMITS.max_body_bytes >> 20})")
    p.add_argument("--max-candidates", type=int, default=LIMITS.max_candidates,
                   help=f"most candidates in one request; more gets 413 (default {LIMITS.max_candidates}; "
                        "the clients split larger batches)")
    p.add_argument("--rate-limit", type=float, default=LIMITS.rate,
                   help=f"/verify requests per second per client address, on average; more gets 429 with "
                        f"Retry-After (default {LIMITS.rate:g}; 0 turns the limit off)")
    p.add_argument("--rate-burst", type=int, default=LIMITS.burst,
                   help=f"requests a client may make at once before --rate-limit applies (default {LIMITS.burst})")
    p.add_argument("--log-level", choices=LOG_LEVELS, default="info",
                   help="uvicorn's log level; info logs each request (default info)")
    p.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    token = read_token()
    if not (math.isfinite(args.max_body_mb) and args.max_body_mb > 0):
        raise ConfigError(f"--max-body-mb must be a positive number of MiB, got {args.max_body_mb}")
    limits = ServeLimits(max_body_bytes=int(args.max_body_mb * 2**20), max_candidates=args.max_candidates,
                         rate=args.rate_limit, burst=args.rate_burst)
    sandbox = Limits(timeout_s=args.timeout, memory_mb=args.memory_mb)
    sock = listen(args.host, args.port)  # before the workers start: a port in use fails at once
    with sock:
        verifier = Verifier(workers=args.workers, limits=sandbox, allow_weak_sandbox=args.allow_weak_sandbox or None)
        service = VerifyService(verifier, token, limits)
        try:
            host, port = sock.getsockname()[:2]
            print(f"axiom serve: listening on http://{_url_host(host)}:{port} ({verifier.workers} sandbox workers, "
                  f"{sandbox.timeout_s:g} s and {sandbox.memory_mb} MiB a candidate)", file=sys.stderr, flush=True)
            _warn_if_exposed(host)
            stopped_by = serve(build_app(service), sock, args.log_level)
        finally:
            service.close()  # the server has drained: the batch in hand, then the workers
    print(f"axiom serve: stopped{f' ({stopped_by})' if stopped_by else ''} after {service.requests} requests, "
          f"{service.verified} candidates verified", file=sys.stderr)
    return 0


def read_token() -> str:
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise AxiomError(f"no token: set {TOKEN_ENV} to the secret clients must send (e.g. "
                         f"export {TOKEN_ENV}=$(python -c 'import secrets; print(secrets.token_urlsafe(32))'))")
    if not TOKEN_CHARS.fullmatch(token):
        raise AxiomError(f"{TOKEN_ENV} must be printable ASCII without spaces (an HTTP header carries it), "
                         "e.g. the output of: python -c 'import secrets; print(secrets.token_urlsafe(32))'")
    return token


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port; AxiomError saying why not."""
    if not 0 <= port <= 65535:
        raise AxiomError(f"--port must be in 0..65535, got {port}")
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0][0]
        return socket.create_server((host, port), family=family, backlog=2048)
    except OSError as e:
        raise AxiomError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def serve(app, sock: socket.socket, log_level: str) -> str | None:
    """Run uvicorn on `sock` until SIGTERM or Ctrl-C and the accepted requests are answered; the signal's name."""
    import uvicorn

    config = uvicorn.Config(app, log_level=log_level, lifespan="off", timeout_graceful_shutdown=None,
                            access_log=log_level in ("info", "debug"))
    class Server(uvicorn.Server):
        stopped_by: str | None = None

        def handle_exit(self, sig: int, frame: object) -> None:
            self.stopped_by = self.stopped_by or signal.Signals(sig).name
            super().handle_exit(sig, frame)

    server = Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # `axiom`'s Terminated too: uvicorn re-raises the signal it stopped on, once drained
        pass
    return server.stopped_by


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _warn_if_exposed(host: str) -> None:
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        print(f"axiom serve: warning: listening on {host} in plain HTTP: the token and the code travel unencrypted; "
              "keep it on a private network or behind a proxy that terminates TLS", file=sys.stderr, flush=True)
