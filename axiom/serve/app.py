"""The ASGI app behind `axiom serve`: /health and /verify over one warm Verifier.

The event loop only moves bytes. A body is parsed on Starlette's thread pool and verified on a
thread of the service's own, through the same `Verifier.verify` that `axiom verify` calls; the
pool runs one batch at a time, so batches wait their turn in arrival order. /health answers
while a batch is verified. FastAPI is imported when the app is built, not when `axiom` starts.

What is covered: the token (compared in constant time), the body's size before it is read (its
Content-Length) and while it is read (chunked uploads), the number of candidates, a token bucket
per client address. What is not: TLS (run it on loopback or a private network, or behind a
proxy that terminates TLS; behind one proxy every client has the proxy's address).
"""

import asyncio
import hmac
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from axiom.errors import AxiomError
from axiom.problems.record import Problem
from axiom.serve.wire import ServeLimits, WireError, error_body, parse_batch, verdicts_body
from axiom.verify.pool import Verifier
from axiom.verify.records import Candidate


class RateLimiter:
    """A token bucket per client: `burst` requests at once, then `rate` a second."""

    MAX_CLIENTS = 10_000  # buckets kept; full ones (idle clients) are dropped first

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self._buckets: dict[str, tuple[float, float]] = {}  # client: (tokens, when)
        self._lock = threading.Lock()

    def wait_s(self, client: str) -> float:
        """0.0 and one request counted, or the seconds until this client may ask again."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, when = self._buckets.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - when) * self.rate)
            if tokens < 1.0:
                self._buckets[client] = (tokens, now)
                return (1.0 - tokens) / self.rate
            if client not in self._buckets and len(self._buckets) >= self.MAX_CLIENTS:
                self._forget_idle(now)
            self._buckets[client] = (tokens - 1.0, now)
            return 0.0

    def _forget_idle(self, now: float) -> None:
        refill = self.burst / self.rate
        idle = [c for c, (_, when) in self._buckets.items() if now - when >= refill]
        for c in idle or list(self._buckets)[: len(self._buckets) // 2]:
            del self._buckets[c]


class VerifyService:
    """What the routes share: the Verifier, the thread it runs on, the token and the limits."""

    def __init__(self, verifier: Verifier, token: str, limits: ServeLimits | None = None) -> None:
        self.verifier, self.limits = verifier, limits or ServeLimits()
        self._token = token.encode("utf-8")
        self.limiter = RateLimiter(self.limits.rate, self.limits.burst)
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="axiom-verify")
        self.requests = self.verified = 0

    def authorize(self, header: str | None) -> None:
        scheme, _, given = (header or "").strip().partition(" ")
        # Starlette decodes headers as latin-1: encoding back gives the bytes the client sent
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("latin-1"), self._token):
            raise WireError(401, "missing or wrong token: send 'Authorization: Bearer <token>' with the token "
                                 "the service was started with (AXIOM_SERVE_TOKEN)",
                            {"WWW-Authenticate": "Bearer"})

    def admit(self, client: str) -> None:
        wait = self.limiter.wait_s(client)
        if wait > 0:
            raise WireError(429, f"too many requests from {client}: at most {self.limits.rate:g} a second "
                                 f"(bursts of {self.limits.burst}); retry in {wait:.2f} s",
                            {"Retry-After": str(max(1, math.ceil(wait)))})

    def verify(self, problems: dict[str, Problem], candidates: list[Candidate]) -> bytes:
        """Runs on the service's thread: the verdicts, in order, as the response body."""
        body = verdicts_body(self.verifier.verify(problems, candidates))
        self.requests += 1
        self.verified += len(candidates)
        return body

    def close(self) -> None:
        """After the server has drained: wait for the batch in hand, then stop the sandbox workers."""
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.verifier.close()


async def read_body(request, limit: int) -> bytes:
    """The body, or 413 once it is known to be larger than `limit`.

    A body up to twice the limit is read to its end first: a server that answers while the client
    is still sending closes the connection under it, and the client may see a reset instead of the
    413. A larger one (by its Content-Length, or as it streams) is refused at once."""
    length = request.headers.get("content-length")
    if length is not None:
        if not length.strip().isdigit():
            raise WireError(400, f"Content-Length is not a number: {length!r:.40}")
        if int(length) > 2 * limit:
            raise WireError(413, too_large(int(length), limit))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > 2 * limit:
            raise WireError(413, too_large(size, limit, at_least=True))
        if size <= limit:
            chunks.append(chunk)
    if size > limit:
        raise WireError(413, too_large(size, limit))
    return b"".join(chunks)


def too_large(size: int, limit: int, at_least: bool = False) -> str:
    return (f"the body is {'over ' if at_least else ''}{size} bytes; this service takes at most {limit} "
            "(--max-body-mb): split the batch")


def build_app(service: VerifyService):
    """The FastAPI app: GET /health, POST /verify (docs/serve.md has the contract)."""
    from fastapi import FastAPI, Request
    from fastapi.responses import Response
    from starlette.concurrency import run_in_threadpool

    app = FastAPI(title="axiom serve", docs_url=None, redoc_url=None, openapi_url=None)

    def refuse(e: WireError) -> Response:
        return Response(error_body(str(e)), status_code=e.status, headers=e.headers, media_type="application/json")

    @app.get("/health")
    async def health() -> Response:
        return Response(b'{"status": "ok"}', media_type="application/json")

    @app.post("/verify")
    async def verify(request: Request) -> Response:
        try:
            service.authorize(request.headers.get("authorization"))
            service.admit(request.client.host if request.client else "unknown")
            body = await read_body(request, service.limits.max_body_bytes)
            problems, candidates = await run_in_threadpool(parse_batch, body, service.limits.max_candidates)
        except WireError as e:
            return refuse(e)
        loop = asyncio.get_running_loop()
        try:
            content = await loop.run_in_executor(service.executor, service.verify, problems, candidates)
        except AxiomError as e:  # the verifier's own failure, never the client's
            return refuse(WireError(500, f"the verifier failed: {e}"))
        return Response(content, media_type="application/json")

    return app
