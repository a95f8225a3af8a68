"""Graceful shutdown: SIGTERM or Ctrl-C with work in flight stops new connections, answers every request
already accepted (the batch running and the one queued behind it), exits 0 and leaves no process."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import threading
import time

import pytest

from axiom.problems.family import make_problem
from tests.serve.conftest import start_service
from tests.verify.conftest import ProcessWatch, descendants, processes

RPN = make_problem("rpn", 2, "test", 7, 0)
# right, and slow: two seconds in the sandbox before the answer
SLOW = f"import time\n\n{RPN.reference_solution}\n\n_fast = {RPN.entry_point}\n\n\n" \
       f"def {RPN.entry_point}(*a, **k):\n    time.sleep(2 / {len(RPN.tests)})\n    return _fast(*a, **k)\n"


def send(service, samples: range, sent: threading.Event, out: dict) -> None:
    body = json.dumps({"problems": [RPN.to_dict()], "candidates": [
        {"problem_id": RPN.id, "completion": SLOW, "sample": k} for k in samples]}).encode()
    conn = http.client.HTTPConnection(service.host, service.port, timeout=300)
    try:
        conn.request("POST", "/verify", body=body, headers={"Authorization": f"Bearer {service.token}"})
        sent.set()
        r = conn.getresponse()
        out[samples.start] = (r.status, json.loads(r.read()))
    except Exception as e:  # the assertion below names it
        out[samples.start] = (None, repr(e))
    finally:
        conn.close()


def refused(service) -> bool:
    try:
        socket.create_connection((service.host, service.port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_finishes_accepted_work_and_leaves_nothing(tmp_path, signum):
    watch = ProcessWatch()
    service = start_service(tmp_path, "--workers", "2", "--timeout", "20", "--log-level", "info")
    try:
        workers = descendants(processes(), service.proc.pid)
        assert len(workers) == 2, workers
        replies: dict[int, tuple] = {}
        running, queued = threading.Event(), threading.Event()
        first = threading.Thread(target=send, args=(service, range(0, 4), running, replies))
        first.start()
        deadline = time.monotonic() + 120
        while len(descendants(processes(), service.proc.pid)) <= 2:  # a sandboxed child: the batch is running
            assert time.monotonic() < deadline and first.is_alive(), replies
            time.sleep(0.02)
        second = threading.Thread(target=send, args=(service, range(4, 6), queued, replies))
        second.start()
        assert queued.wait(60)
        time.sleep(1.0)  # let the server read the second request; it waits for the pool behind the first
        service.proc.send_signal(signum)
        deadline = time.monotonic() + 30
        while not refused(service):
            assert time.monotonic() < deadline, "still taking connections after the signal"
            time.sleep(0.1)
        first.join(300)
        second.join(300)
        code = service.proc.wait(120)
    finally:
        service.stop(signal.SIGKILL)
    for start, n in ((0, 4), (4, 2)):
        status, body = replies[start]
        assert status == 200, (status, body, service.output())
        got = [(v["sample"], v["status"]) for v in body["verdicts"]]
        assert got == [(k, "passed") for k in range(start, start + n)], body
    log = service.output()
    assert code == 0, log
    assert f"stopped ({signal.Signals(signum).name}) after 2 requests, 6 candidates verified" in log, log
    assert "Traceback" not in log, log
    left = watch.settle(watch.new, 10.0)
    assert not left, f"left running after the service exited: {watch.describe(left)}"
    assert not watch.marked()
