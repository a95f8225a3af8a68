"""The worker protocol's fixed-size headers: every field survives the round trip."""

import json

import pytest

from axiom.verify.encode import (
    dumps_json,
    dumps_tagged,
    loads_tagged,
    pack_job,
    pack_reply,
    to_json_value,
    unpack_job,
    unpack_reply,
)


@pytest.mark.parametrize("jid, mode, frames", [(1, "io", 7), (2**40 + 7, "check", 0)])
def test_job_header_round_trip(jid, mode, frames):
    assert unpack_job(pack_job(jid, mode, frames)) == (jid, mode, frames)


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


@pytest.mark.parametrize("value", [
    0, -7, 2**62 - 1, 1.5, -0.0, float("inf"), float("-inf"), True, None, "", "é\u2603\n\"",
    [1, [2, [3, []]], {}], {"a": [1, 2.5], "b": {"c": None}}, (1, 2), "\ud800",
])
def test_dumps_json_is_compact_json_dumps(value):
    expected = json.dumps(to_json_value(value), separators=(",", ":")).encode()
    assert dumps_json(value) == expected


def test_dumps_json_keeps_nan_as_json_dumps_does():
    assert dumps_json(float("nan")) == b"NaN"


def test_dumps_tagged_round_trips_what_json_would():
    value = {"k": (1, {2, 3}, frozenset(), b"\x00", [None, 1e300])}
    assert loads_tagged(dumps_tagged(value)) == value
    assert dumps_tagged([1, "a"]) == json.dumps([1, "a"], separators=(",", ":")).encode()
