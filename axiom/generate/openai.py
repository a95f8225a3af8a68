"""Any OpenAI-compatible HTTP endpoint (vLLM serve, llama.cpp server, hosted APIs).

Chat prompts go to `/chat/completions`, plain strings to `/completions`. Requests run on a
thread pool (`concurrency` in flight); 429, 5xx and dropped connections are retried with
exponential backoff and jitter, honouring `Retry-After`. The key is read from an environment
variable, never from the command line. Stdlib only (urllib): no client library to pin.

Not covered: streaming, tool calls, logprobs. Token usage is reported per request, so with
n > 1 a request's completion tokens are split evenly across its choices. An answer start written
for the model (`answer_start`, a final assistant message) is not sent: hosted chat APIs do not
continue one, so the model writes its whole answer there.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from axiom.errors import ConfigError
from axiom.generate.backend import Completion, GenerationError, ProgressFn, Prompt, Sampling, answer_start, cut_at_stop

RETRY_STATUS = {408, 409, 429, 500, 502, 503, 504}


class OpenAIBackend:
    name = "openai"

    def __init__(self, model: str, adapter: str | None = None, *, base_url: str | None = None,
                 api_key_env: str = "OPENAI_API_KEY", concurrency: int = 8, max_retries: int = 6,
                 timeout_s: float = 300.0, backoff_s: float = 1.0, max_backoff_s: float = 60.0) -> None:
        if adapter:
            raise ConfigError("the openai backend cannot load an adapter; serve the adapted model and name it "
                              "with --model (vLLM: `vllm serve BASE --lora-modules NAME=PATH`, then --model NAME)")
        base_url = base_url or os.environ.get("AXIOM_OPENAI_BASE_URL") or os.environ.get("OPENAI_BASE_URL")
        if not base_url:
            raise ConfigError("the openai backend needs a base URL: pass --base-url or set AXIOM_OPENAI_BASE_URL "
                              "(e.g. http://127.0.0.1:8000/v1)")
        if concurrency < 1 or max_retries < 0:
            raise ConfigError(f"concurrency must be >= 1 and max_retries >= 0, got {concurrency}, {max_retries}")
        self.model, self.base_url = model, base_url.rstrip("/")
        self.api_key = os.environ.get(api_key_env)  # None is fine for local servers
        self.concurrency, self.max_retries, self.timeout_s = concurrency, max_retries, timeout_s
        self.backoff_s, self.max_backoff_s = backoff_s, max_backoff_s
        self.retries = 0  # how many requests were retried, for reports and tests

    def generate(self, prompts: Sequence[Prompt], params: Sampling,
                 progress: ProgressFn | None = None) -> list[list[Completion]]:
        with ThreadPoolExecutor(max_workers=min(self.concurrency, max(1, len(prompts)))) as pool:
            return list(pool.map(lambda p: self._one(p, params, progress), prompts))

    def _one(self, prompt: Prompt, params: Sampling, progress: ProgressFn | None = None) -> list[Completion]:
        # Some servers cap or ignore n: ask again for whatever is still missing.
        out: list[Completion] = []
        while len(out) < params.n:
            got = self._request(prompt, params, params.n - len(out), seed=params.seed + len(out))
            if not got:
                raise GenerationError(f"{self.base_url}: the server returned no choices")
            got = got[:params.n - len(out)]
            out += got
            if progress:
                progress(sum(c.completion_tokens for c in got), len(got))
        return out

    def _request(self, prompt: Prompt, params: Sampling, n: int, seed: int) -> list[Completion]:
        chat = not isinstance(prompt, str)
        if answer_start(prompt):
            prompt = prompt[:-1]  # see the module doc
        body = {"model": self.model, "n": n, "temperature": params.temperature, "top_p": params.top_p,
                "max_tokens": params.max_new_tokens, "seed": seed, "messages" if chat else "prompt": prompt}
        if params.stop:
            body["stop"] = list(params.stop)
        data = self._post("/chat/completions" if chat else "/completions", body)
        usage = data.get("usage") or {}
        choices = sorted(data.get("choices") or [], key=lambda c: c.get("index", 0))
        share = (usage.get("completion_tokens") or 0) // max(1, len(choices))
        out = []
        for c in choices:
            text = (c.get("message") or {}).get("content") if chat else c.get("text")
            # Servers apply `stop` themselves; cutting again is a no-op for them and a guard for the rest.
            text, stopped = cut_at_stop(text or "", params.stop, params.stop_at_code_end)
            reason = "length" if c.get("finish_reason") == "length" and not stopped else "stop"
            out.append(Completion(text=text, prompt_tokens=usage.get("prompt_tokens") or 0,
                                  completion_tokens=share, finish_reason=reason))
        return out

    def _post(self, path: str, body: dict) -> dict:
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        payload = json.dumps(body).encode()
        for attempt in range(self.max_retries + 1):
            request = urllib.request.Request(self.base_url + path, data=payload, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                    return json.loads(response.read())
            except urllib.error.HTTPError as e:
                detail = e.read()[:500].decode(errors="replace")
                if e.code not in RETRY_STATUS or attempt == self.max_retries:
                    raise GenerationError(f"{self.base_url}{path}: HTTP {e.code}: {detail}") from None
                wait = _retry_after(e.headers.get("Retry-After"))
            except (urllib.error.URLError, http.client.HTTPException, TimeoutError, ConnectionError) as e:
                if attempt == self.max_retries:
                    raise GenerationError(f"{self.base_url}{path}: {getattr(e, 'reason', e)} "
                                          f"(after {attempt + 1} attempts)") from None
                wait = None
            except json.JSONDecodeError:
                raise GenerationError(f"{self.base_url}{path}: the server's answer is not JSON") from None
            self.retries += 1
            time.sleep(min(wait, self.max_backoff_s) if wait is not None else self._backoff(attempt))
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int) -> float:
        # Full jitter: many clients retrying together do not hit the server in lockstep.
        return random.uniform(0, min(self.max_backoff_s, self.backoff_s * 2 ** attempt))


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None  # capped by the caller
    except ValueError:  # an HTTP date: rare for APIs; fall back to backoff
        return None
