"""Wire formats between the sandbox and the trusted side: exact-type JSON, a tagged codec, frames.

Only exact builtin types cross: `type(x) is int`, never `isinstance`, so an int subclass or an
object with a rigged `__eq__` cannot be shipped and then compare equal to anything. Decoders are
strict (anything unexpected is NotPlain) and never pickle or eval. Stdlib only: the worker and the
sandboxed child import this module.
"""

from __future__ import annotations

import json
import os
import struct

# Bound at import: a candidate that patches builtins.type cannot change what these see.
type, set, len, format, str = type, set, len, format, str  # noqa: A001,PLW0127
MAX_DEPTH = 200
_HEADER = struct.Struct(">I")
_SCALARS = (type(None), bool, int, float, str)
_BIG = 1 << 62  # ints past this go as hex: json refuses ints over 4300 digits, hex has no such limit


class NotPlain(ValueError):
    """A value that is not made of exact builtin types, too deep, or a malformed encoding."""


def to_json_value(x: object, depth: int = 0) -> object:
    """The JSON value of x (tuples become lists), or NotPlain. I/O tests compare these."""
    t = type(x)
    if t in _SCALARS:
        return x
    if depth >= MAX_DEPTH:
        raise NotPlain("nested too deeply")
    if t is list or t is tuple:
        return [to_json_value(v, depth + 1) for v in x]
    if t is dict:
        out = {}
        for k, v in x.items():
            if type(k) is not str:
                raise NotPlain(f"dict key of type {type(k).__name__} (JSON keys are strings)")
            out[k] = to_json_value(v, depth + 1)
        return out
    raise NotPlain(f"a value of type {t.__name__} is not JSON")


def _refuse(o: object) -> object:
    raise NotPlain(f"a value of type {type(o).__name__} is not JSON")


_ENCODER = json.JSONEncoder(separators=(",", ":"))
try:  # json's C encoder, made once: JSONEncoder.encode makes one a call, and in a forked child every
    # page its Python code touches is a copy-on-write fault (~35 of them for an I/O child's 5 tests)
    from json.encoder import c_make_encoder, encode_basestring_ascii
    # no circular check: what reaches it was rebuilt by to_json_value or tag (acyclic, bounded depth)
    _C_ENCODER = c_make_encoder(None, _refuse, encode_basestring_ascii, None, ":", ",", False, False, True)
except ImportError:  # pragma: no cover  (CPython always has _json)
    _C_ENCODER = None


def _encode(value: object) -> bytes:
    """Compact JSON (ensure_ascii, NaN allowed) of a plain, acyclic value: json.dumps(value,
    separators=(",", ":")), byte for byte."""
    if _C_ENCODER is None:  # pragma: no cover
        return _ENCODER.encode(value).encode()
    return "".join(_C_ENCODER(value, 0)).encode()


def dumps_json(x: object) -> bytes:
    try:
        return _encode(to_json_value(x))
    except (ValueError, RecursionError) as e:  # ValueError: huge ints, surrogates
        raise NotPlain(str(e) or type(e).__name__) from None


def tag(x: object, depth: int = 0) -> object:
    """x in the tagged encoding: JSON arrays are lists, JSON objects are {"t": kind, "v": ...}."""
    t = type(x)
    if t is int and not -_BIG < x < _BIG:
        return {"t": "int", "v": format(x, "x")}
    if t in _SCALARS:
        return x
    if depth >= MAX_DEPTH:
        raise NotPlain("nested too deeply")
    d = depth + 1
    if t is list:
        return [tag(v, d) for v in x]
    if t is tuple:
        return {"t": "tuple", "v": [tag(v, d) for v in x]}
    if t is dict:
        return {"t": "dict", "v": [[tag(k, d), tag(v, d)] for k, v in x.items()]}
    if t is set or t is frozenset:
        return {"t": t.__name__, "v": [tag(v, d) for v in x]}
    if t is bytes:
        return {"t": "bytes", "v": x.hex()}
    raise NotPlain(f"a value of type {t.__name__} cannot cross the sandbox boundary")


def untag(x: object, depth: int = 0) -> object:
    t = type(x)
    if t in _SCALARS:
        return x
    if depth >= MAX_DEPTH:
        raise NotPlain("nested too deeply")
    d = depth + 1
    if t is list:
        return [untag(v, d) for v in x]
    if t is not dict or set(x) != {"t", "v"}:
        raise NotPlain("malformed tagged value")
    kind, v = x["t"], x["v"]
    try:
        if kind == "int" and type(v) is str and len(v) < 1 << 20:
            return int(v, 16)
        if kind == "bytes" and type(v) is str:
            return bytes.fromhex(v)
        if type(v) is not list:
            raise NotPlain("malformed tagged value")
        if kind == "tuple":
            return tuple(untag(e, d) for e in v)
        if kind == "set":
            return {untag(e, d) for e in v}
        if kind == "frozenset":
            return frozenset(untag(e, d) for e in v)
        if kind == "dict":
            out = {}
            for pair in v:
                if type(pair) is not list or len(pair) != 2:
                    raise NotPlain("malformed tagged dict")
                out[untag(pair[0], d)] = untag(pair[1], d)
            return out
    except (TypeError, ValueError) as e:  # unhashable set member or key, bad hex
        raise NotPlain(f"malformed tagged value ({e})") from None
    raise NotPlain(f"unknown tag {kind!r:.40}")


def dumps_tagged(x: object) -> bytes:
    try:
        return _encode(tag(x))
    except (ValueError, RecursionError) as e:
        raise NotPlain(str(e) or type(e).__name__) from None


def loads_tagged(b: bytes) -> object:
    try:
        return untag(json.loads(b))
    except (ValueError, RecursionError, UnicodeDecodeError) as e:
        raise NotPlain(str(e) or type(e).__name__) from None


# The per-job headers between the parent and a worker are fixed binary records, not JSON: the worker
# forks once a job, and every page it writes after a fork is a copy-on-write fault. JSON's Python-level
# encoder and decoder touch ~85 pages a job; these two structs touch a handful.
_JOB = struct.Struct(">QBI")  # job id, mode, most result frames an io child may send
_REPLY = struct.Struct(">cQ??dB")  # b"B", job id, timed out, overflow, duration (s), number of exit codes
_MODES = ("io", "check")


def pack_job(jid: int, mode: str, frames: int = 0) -> bytes:
    return _JOB.pack(jid, _MODES.index(mode), frames)


def unpack_job(b: bytes) -> tuple[int, str, int]:
    jid, mode, frames = _JOB.unpack(b)
    return jid, _MODES[mode], frames


def pack_reply(report: dict) -> bytes:
    """A worker's report on one job: {"id", "exit", "timed_out", "overflow", "duration"}, or
    {"id", "internal"} when the worker itself failed (as JSON: rare, and then the worker exits)."""
    if "internal" in report:
        return json.dumps(report).encode()
    codes = report["exit"]
    return _REPLY.pack(b"B", report["id"], report["timed_out"], report["overflow"], report["duration"],
                       len(codes)) + struct.pack(f">{len(codes)}i", *codes)


def unpack_reply(b: bytes) -> dict:
    if b[:1] != b"B":
        return json.loads(b)
    _, jid, timed_out, overflow, duration, n = _REPLY.unpack_from(b)
    codes = list(struct.unpack_from(f">{n}i", b, _REPLY.size))
    return {"id": jid, "exit": codes, "timed_out": timed_out, "overflow": overflow, "duration": duration}


def frame(payload: bytes) -> bytes:
    return _HEADER.pack(len(payload)) + payload


def split_frames(buf: bytes, most: int | None = None) -> tuple[list[bytes], bytes]:
    """Complete frames in buf (the first `most` of them), and the rest."""
    out, i, n = [], 0, len(buf)
    while n - i >= 4 and (most is None or len(out) < most):
        (size,) = _HEADER.unpack_from(buf, i)
        if n - i - 4 < size:
            break
        out.append(buf[i + 4:i + 4 + size])
        i += 4 + size
    return out, buf[i:]


def read_frame(fd: int, limit: int = 1 << 30) -> bytes | None:
    """One frame from a blocking fd; None at a clean EOF; NotPlain when cut short or too big."""
    head = _read_exact(fd, 4)
    if not head:
        return None
    (size,) = _HEADER.unpack(head)
    if size > limit:
        raise NotPlain(f"frame of {size} bytes is over the limit of {limit}")
    body = _read_exact(fd, size)
    if len(body) != size:
        raise NotPlain("frame cut short")
    return body


def _read_exact(fd: int, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        b = os.read(fd, min(n - got, 1 << 20))
        if not b:
            if got and n == 4:
                raise NotPlain("frame header cut short")
            break
        chunks.append(b)
        got += len(b)
    return b"".join(chunks)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
