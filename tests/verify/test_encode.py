"""The worker protocol's fixed-size headers: every field survives the round trip."""

import pytest

from axiom.verify.encode import pack_job, pack_reply, unpack_job, unpack_reply


@pytest.mark.parametrize("jid, mode", [(1, "io"), (2**40 + 7, "check")])
def test_job_header_round_trip(jid, mode):
    assert unpack_job(pack_job(jid, mode)) == (jid, mode)


@pytest.mark.parametrize("report", [
    {"id": 3, "exit": [0], "timed_out": False, "overflow": False, "duration": 0.0017},
    {"id": 2**33, "exit": [-9, 111], "timed_out": True, "overflow": False, "duration": 3.25},
    {"id": 9, "exit": [], "timed_out": False, "overflow": True, "duration": 0.0},
])
def test_reply_header_round_trip(report):
    assert unpack_reply(pack_reply(report)) == report


def test_a_worker_failure_travels_as_json():
    report = {"id": 4, "internal": "OSError: [Errno 24] Too many open files"}
    assert pack_reply(report).startswith(b"{")
    assert unpack_reply(pack_reply(report)) == report


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError):
        pack_job(1, "exec")
