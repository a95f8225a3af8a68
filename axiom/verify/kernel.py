"""Thin ctypes bindings for the Linux interfaces the sandbox uses (prctl, capset, mount, Landlock,
seccomp), and the syscall filter's rules. Stdlib (+ pyseccomp, imported only to export BPF)."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
libc.prctl.restype = ctypes.c_int
libc.capset.restype = ctypes.c_int  # resolved here, once: a lookup in every sandboxed child costs ~0.1 ms
UL = ctypes.c_ulong

PR_SET_PDEATHSIG, PR_SET_KEEPCAPS, PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP = 1, 8, 38, 22
SECCOMP_MODE_FILTER = 2
CLONE_NEWNET, CLONE_NEWNS, CLONE_THREAD = 0x40000000, 0x00020000, 0x00010000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 1, 2, 4, 8, 1 << 14, 1 << 18
MS_REMOUNT, MS_BIND, MS_NOATIME = 32, 4096, 1024
MNT_DETACH = 2
CAP_DAC_READ_SEARCH = 2
SYS_LANDLOCK_CREATE, SYS_LANDLOCK_ADD, SYS_LANDLOCK_RESTRICT = 444, 445, 446
FILE_RIGHTS = 0b1_1100_0000_0000_0111  # EXECUTE, WRITE_FILE, READ_FILE, TRUNCATE, IOCTL_DEV
READ_RIGHTS = (1 << 2) | (1 << 3)       # READ_FILE, READ_DIR

DENY = ("fork", "vfork", "execve", "execveat", "ptrace", "process_vm_readv", "process_vm_writev",
        "unshare", "setns", "mount", "umount2", "pivot_root", "chroot", "bpf", "perf_event_open",
        "userfaultfd", "keyctl", "add_key", "request_key", "io_uring_setup", "io_uring_enter",
        "io_uring_register", "kexec_load", "kexec_file_load", "init_module", "finit_module",
        "delete_module", "reboot", "swapon", "swapoff", "acct", "open_by_handle_at",
        "name_to_handle_at", "pidfd_open", "pidfd_getfd", "pidfd_send_signal", "kcmp",
        "fsopen", "fsmount", "fspick", "open_tree", "move_mount", "mount_setattr", "quotactl",
        # memory outside RLIMIT_AS, and state that outlives the process (a channel between candidates)
        "memfd_create", "memfd_secret", "shmget", "shmat", "shmctl", "msgget", "msgsnd", "msgrcv",
        "msgctl", "semget", "semop", "semtimedop", "semctl", "mq_open", "mq_unlink",
        # kernel state that candidates running side by side, or one after another, could share: locks
        # on files they may read, page-cache eviction and residency, file watches
        "flock", "fadvise64", "readahead", "mincore", "inotify_init", "inotify_init1", "inotify_add_watch",
        "fanotify_init", "fanotify_mark")
XATTR = ("getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr", "setxattr", "lsetxattr",
         "fsetxattr", "removexattr", "lremovexattr", "fremovexattr", "getxattrat", "setxattrat", "listxattrat",
         "removexattrat")  # answered "not supported": metadata, read or stamped, is a channel too
# fcntl commands refused: byte-range locks (POSIX and OFD; F_GETLK reads another process's), leases,
# directory notifications, and pipe buffers grown past the memory limit (F_SETPIPE_SZ)
FCNTL_DENY = (5, 6, 7, 36, 37, 38, 1024, 1026, 1031)


class CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


class FProg(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class RulesetAttr(ctypes.Structure):
    _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]


class PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def export_seccomp(out) -> None:
    """Write the candidate's syscall filter, as BPF, to the binary file `out`."""
    import pyseccomp as sc  # RuntimeError without the system libseccomp

    f = sc.SyscallFilter(sc.ALLOW)
    try:  # a binary tree, not a list: the same rules, but the kernel's per-syscall verdict cache,
        f.set_attr(sc.Attr.CTL_OPTIMIZE, 2)  # built at every install, costs ~60 us less per child
    except (AttributeError, OSError, ValueError):  # libseccomp < 2.5
        pass
    for name in DENY:
        try:
            f.add_rule(sc.ERRNO(errno.EPERM), name)
        except (OSError, ValueError):  # not a syscall on this architecture
            pass
    for name in XATTR:
        try:
            f.add_rule(sc.ERRNO(errno.ENOTSUP), name)
        except (OSError, ValueError):  # not a syscall on this architecture, or this libseccomp
            pass
    for cmd in FCNTL_DENY:
        f.add_rule(sc.ERRNO(errno.EPERM), "fcntl", sc.Arg(1, sc.EQ, cmd))
    for name in ("preadv2", "pwritev2"):  # RWF_NOWAIT probes the page cache; libc falls back to preadv
        f.add_rule(sc.ERRNO(errno.ENOSYS), name)
    f.add_rule(sc.ERRNO(errno.EPERM), "clone", sc.Arg(0, sc.MASKED_EQ, CLONE_THREAD, 0))
    f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
    f.add_rule(sc.ERRNO(errno.EPERM), "socket", sc.Arg(0, sc.NE, 1))  # 1 = AF_UNIX
    f.add_rule(sc.ERRNO(errno.EPERM), "kill", sc.Arg(0, sc.MASKED_EQ, 0x80000000, 0x80000000))  # pid < 0
    out.flush()
    f.export_bpf(out)


def check(ret: int, what: str) -> int:
    if ret < 0:
        e = ctypes.get_errno()
        raise OSError(e, f"{what}: {os.strerror(e)}")
    return ret


# ---- helpers the worker calls once -----------------------------------------------------------

def unshare(flags: int) -> bool:
    try:
        if hasattr(os, "unshare"):  # Python >= 3.12
            os.unshare(flags)
        else:
            check(libc.unshare(flags), "unshare")
        return True
    except OSError:
        return False


def make_mounts_private() -> None:
    """In a fresh mount namespace: keep what we mount from propagating to the host."""
    check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate /")


def mount_tmpfs(path: str, size_mb: int, inodes: int) -> None:
    opts = f"size={size_mb}m,nr_inodes={inodes},mode=0711".encode()
    check(libc.mount(b"tmpfs", path.encode(), b"tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, opts), "mount tmpfs")


def bind_readonly(source: str, target: str, device: bool = False) -> None:
    """`source` at `target`, read-only and noatime (reads through it stamp no access time on the host).
    Recursive, so a mask mounted below `source` (hidden packages) is there too."""
    check(libc.mount(source.encode(), target.encode(), None, MS_BIND | MS_REC, None), f"bind {source}")
    flags = MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOATIME | MS_NOSUID | (0 if device else MS_NODEV)
    check(libc.mount(b"none", target.encode(), None, flags, None), f"remount {target} read-only")


def bind(source: str, target: str) -> None:
    check(libc.mount(source.encode(), target.encode(), None, MS_BIND, None), f"bind {source}")


def detach(path: str) -> None:
    check(libc.umount2(path.encode(), MNT_DETACH), "umount")


def mask(path: str) -> bool:
    """Hide a directory behind an empty read-only tmpfs (in our mount namespace only)."""
    flags = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
    return libc.mount(b"tmpfs", path.encode(), b"tmpfs", flags, b"size=4k,mode=0555") == 0


def seccomp_program() -> tuple[ctypes.Array, FProg] | None:
    """The compiled filter (its buffer, and the sock_fprog that points into it), or None.

    Exported in a short-lived child: importing pyseccomp pulls in subprocess and threading, whose
    at-fork handlers would then run in (and slow down) every candidate's child."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(r)
            with os.fdopen(w, "wb") as out:
                export_seccomp(out)
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        bpf = f.read()
    if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0 or not bpf or len(bpf) % 8:
        return None
    buf = ctypes.create_string_buffer(bpf, len(bpf))
    return buf, FProg(len(bpf) // 8, ctypes.addressof(buf))


def landlock_fs_rights() -> int:
    """Every filesystem access right this kernel's Landlock handles; 0 without Landlock."""
    abi = libc.syscall(SYS_LANDLOCK_CREATE, None, 0, 1)  # LANDLOCK_CREATE_RULESET_VERSION
    if abi < 1:
        return 0
    fs = (1 << 13) - 1  # ABI 1: EXECUTE .. MAKE_SYM
    fs |= (1 << 13) if abi >= 2 else 0  # REFER
    fs |= (1 << 14) if abi >= 3 else 0  # TRUNCATE
    return fs


def landlock_ruleset(write_root: str, read_roots: list[str]) -> int | None:
    """A Landlock ruleset fd (kept above 100): writes only beneath write_root, reads beneath it and
    read_roots; with ABI >= 4 no TCP bind/connect, with ABI >= 6 signals and abstract unix
    sockets scoped to the domain. None without Landlock."""
    fs = landlock_fs_rights()
    if not fs:
        return None
    abi = libc.syscall(SYS_LANDLOCK_CREATE, None, 0, 1)
    attr = RulesetAttr(fs, 0b11 if abi >= 4 else 0, 0b11 if abi >= 6 else 0)
    fd = libc.syscall(SYS_LANDLOCK_CREATE, ctypes.byref(attr), ctypes.sizeof(attr), 0)
    if fd < 0:
        return None
    try:
        _allow(fd, write_root, fs & ~1)  # everything but EXECUTE
        _allow(fd, os.devnull, (1 << 1) | (1 << 2))
        for path in read_roots:
            _allow(fd, path, READ_RIGHTS)
    except OSError:
        os.close(fd)
        return None
    return dup_high(fd, 100)


def confine_writes(path: str, attr: RulesetAttr) -> None:
    """In a child: one more Landlock layer that allows the writes `attr` handles beneath `path` only."""
    fd = check(libc.syscall(SYS_LANDLOCK_CREATE, ctypes.byref(attr), ctypes.sizeof(attr), 0), "landlock")
    try:
        _allow(fd, path, attr.fs)
        check(libc.syscall(SYS_LANDLOCK_RESTRICT, fd, 0), "landlock_restrict_self")
    finally:
        os.close(fd)


def _allow(ruleset: int, path: str, rights: int) -> None:
    try:
        pfd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except FileNotFoundError:
        return
    try:
        if not os.path.isdir(path):
            rights &= FILE_RIGHTS
        rule = PathBeneath(rights, pfd)
        check(libc.syscall(SYS_LANDLOCK_ADD, ruleset, 1, ctypes.byref(rule), 0), f"landlock {path}")
    finally:
        os.close(pfd)


def dup_high(fd: int, low: int) -> int:
    """Move fd to the lowest free number >= low (close-on-exec)."""
    new = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, low)
    os.close(fd)
    return new
