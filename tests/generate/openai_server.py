"""A small OpenAI-compatible server around the hf backend, for tests (stdlib http.server).

    python tests/generate/openai_server.py MODEL_DIR [--fail-first K] [--fail-status 429]

Serves POST /v1/chat/completions and /v1/completions with real generation from MODEL_DIR,
and GET /v1/models. The first K POSTs are refused with --fail-status (429 carries
`Retry-After: 0`), to exercise client retries; POST /admin/fail {"count": K, "status": S}
arms K more failures, GET /log lists the requests seen. Binds 127.0.0.1 on a free port and prints
`PORT <n>` once listening. Exits when its stdin closes, so a dead test never leaves it behind.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from axiom.generate.backend import Sampling
from axiom.generate.hf import HFBackend


class Handler(BaseHTTPRequestHandler):
    backend: HFBackend
    served_model: str
    fail_left: int
    fail_status: int
    lock = threading.Lock()
    log: list[dict] = []

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: dict, headers: dict | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path == "/v1/models":
            self._send(200, {"object": "list", "data": [{"id": self.served_model, "object": "model"}]})
        elif self.path == "/log":
            self._send(200, {"requests": Handler.log})
        else:
            self._send(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        if self.path == "/admin/fail":  # arm the next failures: {"count": K, "status": 429}
            Handler.fail_left, Handler.fail_status = body["count"], body.get("status", 429)
            return self._send(200, {"armed": body["count"]})
        with Handler.lock:
            Handler.log.append({"path": self.path, "n": body.get("n"), "auth": self.headers.get("Authorization")})
            if Handler.fail_left > 0:
                Handler.fail_left -= 1
                headers = {"Retry-After": "0"} if Handler.fail_status == 429 else {}
                return self._send(Handler.fail_status, {"error": {"message": "slow down"}}, headers)
        chat = self.path == "/v1/chat/completions"
        if self.path not in ("/v1/chat/completions", "/v1/completions"):
            return self._send(404, {"error": {"message": f"no route {self.path}"}})
        if body.get("model") != self.served_model:
            return self._send(404, {"error": {"message": f"model {body.get('model')!r} does not exist"}})
        params = Sampling(n=body.get("n", 1), temperature=body.get("temperature", 1.0), top_p=body.get("top_p", 1.0),
                          max_new_tokens=body.get("max_tokens", 16), stop=tuple(body.get("stop") or ()),
                          seed=body.get("seed") or 0)
        with Handler.lock:  # one generation at a time: the model is shared
            row = self.backend.generate([body["messages"] if chat else body["prompt"]], params)[0]
        choices = [{"index": i, "finish_reason": c.finish_reason,
                    **({"message": {"role": "assistant", "content": c.text}} if chat else {"text": c.text})}
                   for i, c in enumerate(row)]
        usage = {"prompt_tokens": row[0].prompt_tokens, "completion_tokens": sum(c.completion_tokens for c in row)}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        self._send(200, {"id": "cmpl-test", "object": "chat.completion" if chat else "text_completion",
                         "model": self.served_model, "choices": choices, "usage": usage})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--served-name", default="tiny")
    ap.add_argument("--fail-first", type=int, default=0)
    ap.add_argument("--fail-status", type=int, default=429)
    args = ap.parse_args()
    Handler.backend = HFBackend(args.model)
    Handler.served_model, Handler.fail_left, Handler.fail_status = args.served_name, args.fail_first, args.fail_status
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"PORT {server.server_address[1]}", flush=True)
    sys.stdin.read()  # until the test closes our stdin (or dies)
    server.shutdown()


if __name__ == "__main__":
    main()
