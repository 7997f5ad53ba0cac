"""Puts a forked worker into a jail: fresh namespaces, an allowlist root, no privileges, seccomp.

Loaded *by path* by the zygote (like wire.py and harness.py), so it imports nothing of the grader:
the standard library and ctypes on libc and libseccomp only. ``enter`` is called in the forked
worker, before any student code exists in the process, and returns only in the process that is
to run the job; see SANDBOX.md for the design and the threat model.

Process layout of one job (pids as the host sees them)::

    zygote ── A (intermediate: stays in the host's pid namespace, waits, relays B's verdict)
               └── B (pid 1 of a new pid namespace: builds the root, drops privileges, reaps)
                    └── C (pid 2: rlimits, seccomp, then the harness and the student's code)

Every one of them dies with its parent (PR_SET_PDEATHSIG: A with the zygote, which the zygote
sets before calling ``enter``; B with A, set after the uid change, where it survives; C with B), so
a grader that is killed outright takes its jobs with it: the zygote sees its control socket close
and ends. B's death kills every process of the namespace, whatever they did with setsid or double
forks. The job also gets a cgroup namespace where the kernel has one, so /proc/self/cgroup shows
"/" and not the grader's cgroup (whose name holds the grader's host pid).

Backends:
- ``namespaces``: the grader runs as root; unshare mount/pid/net/ipc/uts namespaces; the job runs
  as uid 60000+slot with an empty capability bounding set.
- ``userns``: the same, inside a new user namespace (for a grader that is not root; as root the
  namespace maps uid 60000+slot to the same uid outside, never to root).
"""
import ctypes
import ctypes.util
import errno
import os
import platform
import resource
import signal
import struct
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
NAMESPACE_FLAGS = (CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID,
                   CLONE_NEWNET)

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_NOATIME, MS_NODIRATIME, MS_BIND = 32, 1024, 2048, 4096
MS_REC, MS_PRIVATE, MS_RELATIME = 16384, 1 << 18, 1 << 21
MNT_DETACH = 2

PR_SET_PDEATHSIG = 1
PR_GET_PDEATHSIG = 2
PR_SET_DUMPABLE = 4
PR_SET_KEEPCAPS = 8
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4

SYSCALLS = {"x86_64": {"pivot_root": 155, "capset": 126}, "aarch64": {"pivot_root": 41, "capset": 91}}

# Denied outright (EPERM): what could reach other processes, the kernel's attack surface or
# another namespace. Sockets other than AF_UNIX get EACCES; clone with a namespace flag EPERM;
# clone3 ENOSYS (its flags live in memory, out of a filter's reach; libc falls back to clone).
DENIED_SYSCALLS = (
    "ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount2", "unshare", "setns", "bpf",
    "perf_event_open", "keyctl", "add_key", "request_key", "io_uring_setup", "io_uring_enter",
    "io_uring_register", "userfaultfd", "kexec_load", "kexec_file_load", "init_module", "finit_module",
    "delete_module", "pivot_root", "chroot", "swapon", "swapoff", "reboot", "open_by_handle_at",
    "fsopen", "fsmount", "fsconfig", "move_mount", "open_tree", "mount_setattr", "fanotify_init",
    "name_to_handle_at", "acct", "quotactl", "lookup_dcookie", "vhangup", "syslog",
)
AF_UNIX = 1
CGROUP_NAMESPACE = False   # set by enter: whether the job got a cgroup namespace

_libc = ctypes.CDLL(None, use_errno=True)
try:
    _libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
    _libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]
    _libc.unshare.argtypes = [ctypes.c_int]
    _libc.sethostname.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
    _libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    _libc.syscall.restype = ctypes.c_long
    LINUX = True
except AttributeError:   # not Linux (a student's macOS laptop): the zygote must still load this file
    LINUX = False


class JailError(OSError):
    """A step of the jail's set-up failed: the job must not run."""


def _check(result, what):
    if result != 0:
        code = ctypes.get_errno()
        raise JailError(code, f"{what}: {os.strerror(code)}")


def _bytes(path):
    return None if path is None else os.fsencode(path)


def mount(source, target, fstype, flags, data=None):
    _check(_libc.mount(_bytes(source), _bytes(target), _bytes(fstype), flags, _bytes(data)),
           f"mount {source} on {target}")


def prctl(option, arg2=0, arg3=0, arg4=0, arg5=0):
    _check(_libc.prctl(option, arg2, arg3, arg4, arg5), f"prctl({option})")


def _syscall(name, *args):
    number = SYSCALLS.get(platform.machine(), {}).get(name)
    if number is None:
        raise JailError(errno.ENOSYS, f"no syscall number for {name} on {platform.machine()}")
    _check(_libc.syscall(number, *args), name)


# -- the filesystem ----------------------------------------------------------------------------------

def _locked_flags(path):
    """Flags a read-only remount must keep (inside a user namespace, dropping one is refused)."""
    flags = os.statvfs(path).f_flag
    keep = 0
    for st_bit, ms_bit in ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC),
                           (os.ST_NOATIME, MS_NOATIME), (os.ST_NODIRATIME, MS_NODIRATIME),
                           (os.ST_RELATIME, MS_RELATIME)):
        if flags & st_bit:
            keep |= ms_bit
    return keep


TRAVERSE_ONLY = []   # directories made only to reach a bind below them: made unlistable at the end


def _make_parents(root, path):
    parent = os.path.dirname(path)
    missing = []
    while parent and parent != "/" and not os.path.lexists(root + parent):
        missing.append(root + parent)
        parent = os.path.dirname(parent)
    for directory in reversed(missing):
        os.mkdir(directory, 0o755)
        TRAVERSE_ONLY.append(directory)


def bind_readonly(root, source, target=None):
    """Bind ``source`` (a directory or a file) read-only at ``target`` (default: the same path) in
    the new root; symlinks are recreated as symlinks."""
    target = target or source
    _make_parents(root, target)
    inside = root + target
    if os.path.islink(source):
        if not os.path.lexists(inside):
            os.symlink(os.readlink(source), inside)
        return
    if os.path.isdir(source):
        os.makedirs(inside, mode=0o755, exist_ok=True)
    else:
        if not os.path.exists(inside):
            open(inside, "wb").close()
    mount(source, inside, None, MS_BIND | MS_REC)
    mount(None, inside, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | _locked_flags(inside))


def _write(root, path, text, mode=0o644):
    _make_parents(root, path)
    with open(root + path, "w") as handle:
        handle.write(text)
    os.chmod(root + path, mode)


def _mount_base(sources):
    """Where the new root's tmpfs goes: a directory of this private mount namespace that holds
    none of the paths to bind (mounting over it hides it here only)."""
    for base in ("/mnt", "/tmp", "/run", "/media", "/srv"):
        if os.path.isdir(base) and not os.path.islink(base) and \
                not any(s == base or s.startswith(base + "/") for s in sources):
            return base
    raise JailError(errno.ENOENT, "no directory to build the sandbox root on")


def build_root(spec):
    """Assemble the allowlist root and pivot into it. Nothing of the host is visible afterwards but
    what ``spec["binds"]`` names, read-only."""
    uid = spec["uid"]
    binds = [p for p in spec["binds"] if os.path.lexists(p)]
    base = _mount_base(binds)
    mount("tmpfs", base, "tmpfs", MS_NOSUID | MS_NODEV, "size=4m,mode=0755")
    root = base
    # The job's writable tmpfs first, the read-only binds after: a checkout (and its virtual
    # environment) under /tmp must be bound inside the job's /tmp, not hidden by it.
    work = spec.get("work_dir", "/work")
    for path, size, mode in (("/tmp", spec["tmp_size"], "1777"), (work, spec["work_size"], "0700")):
        _make_parents(root, path)
        os.makedirs(root + path, mode=0o755, exist_ok=True)
        owner = f",uid={uid},gid={uid}" if path == work else ""
        mount("tmpfs", root + path, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode={mode}{owner}")
    for path in binds:
        bind_readonly(root, os.path.realpath(path) if not os.path.islink(path) else path, path)
    for path in spec.get("masks", []):
        inside = root + path
        if os.path.isdir(inside) and not os.path.islink(inside):
            mount("tmpfs", inside, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=0555")
        elif os.path.isfile(inside):
            mount("/dev/null", inside, None, MS_BIND)
    _write(root, "/etc/passwd", f"root:x:0:0::/nonexistent:/usr/sbin/nologin\n"
                                f"sandbox:x:{uid}:{uid}::/work:/usr/sbin/nologin\n"
                                "nobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n")
    _write(root, "/etc/group", f"root:x:0:\nsandbox:x:{uid}:\nnogroup:x:65534:\n")
    _write(root, "/etc/hosts", "127.0.0.1 localhost sandbox\n::1 localhost\n")
    _write(root, "/etc/hostname", "sandbox\n")
    # /dev: a few harmless devices bound from the host, nothing else.
    os.makedirs(root + "/dev", mode=0o755, exist_ok=True)
    mount("tmpfs", root + "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "size=64k,mode=0755")
    devices = ["/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"]
    devices += spec.get("devices", [])
    for device in devices:
        if os.path.exists(device):
            open(root + device, "wb").close()
            mount(device, root + device, None, MS_BIND)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                         ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{root}/dev/{name}")
    os.makedirs(root + "/dev/shm", mode=0o755)
    mount("tmpfs", root + "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, f"size={spec['shm_size']},mode=1777")
    mount(None, root + "/dev", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NOEXEC)
    # A fresh /proc: this process is pid 1 of the new pid namespace, so only the job's processes show.
    os.makedirs(root + "/proc", mode=0o555, exist_ok=True)
    mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for directory in TRAVERSE_ONLY:
        if not directory.startswith((root + "/etc", root + "/dev")):
            os.chmod(directory, 0o111)   # e.g. /root on the way to a Python under /root/.pyenv
    os.makedirs(root + "/.old-root", mode=0o700)
    _syscall("pivot_root", _bytes(root), _bytes(root + "/.old-root"))
    os.chdir("/")
    _check(_libc.umount2(b"/.old-root", MNT_DETACH), "umount the host's root")
    os.rmdir("/.old-root")
    mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.chdir(work)


# -- privileges ----------------------------------------------------------------------------------------

def _last_capability():
    try:
        with open("/proc/sys/kernel/cap_last_cap") as handle:
            return int(handle.read())
    except (OSError, ValueError):
        return 63


def drop_privileges(uid, last_cap, userns):
    """No capabilities (effective, permitted, inheritable, ambient, bounding), no groups, uid and gid
    60000+slot, no_new_privs, and death with the parent (set last: a uid change clears it)."""
    for cap in range(last_cap + 1):
        if _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() != errno.EINVAL:
            raise JailError(ctypes.get_errno(), f"cannot drop capability {cap} from the bounding set")
    _libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    prctl(PR_SET_KEEPCAPS, 0)
    if not userns:
        os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    header = struct.pack("Ii", 0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = ctypes.create_string_buffer(24)      # two all-zero {effective, permitted, inheritable}
    _syscall("capset", ctypes.c_char_p(header), data)
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def apply_rlimits(limits):
    """Hard limits equal to the soft ones (CPU: one second more, so SIGXCPU comes first)."""
    def cap(which, value, extra=0):
        if value:
            _, hard = resource.getrlimit(which)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (value, value + extra if hard == resource.RLIM_INFINITY else min(value + extra, hard)))

    cap(resource.RLIMIT_AS, limits.get("address_space"))
    cap(resource.RLIMIT_CPU, limits.get("cpu_seconds"), 1)
    cap(resource.RLIMIT_FSIZE, limits.get("file_size"))
    cap(resource.RLIMIT_NOFILE, limits.get("open_files"))
    cap(resource.RLIMIT_NPROC, limits.get("processes"))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


# -- seccomp ---------------------------------------------------------------------------------------------

class _ArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int), ("datum_a", ctypes.c_uint64),
                ("datum_b", ctypes.c_uint64)]


# Looked up once, when the zygote loads this module: find_library runs `ldconfig -p` (a fork, an exec
# and a parse of its output), which in every job cost about 8 ms of each job's set-up.
SECCOMP_LIBRARY = ctypes.util.find_library("seccomp") or "libseccomp.so.2"

SCMP_ACT_ALLOW = 0x7FFF0000
SCMP_CMP_NE = 1
SCMP_CMP_MASKED_EQ = 7


def SCMP_ACT_ERRNO(code):
    return 0x00050000 | (code & 0xFFFF)


def install_seccomp():
    """Default allow; the denials above. Inherited by every child and kept across execve."""
    lib = ctypes.CDLL(SECCOMP_LIBRARY, use_errno=True)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint,
                                           ctypes.POINTER(_ArgCmp)]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    lib.seccomp_release.argtypes = [ctypes.c_void_p]
    context = lib.seccomp_init(SCMP_ACT_ALLOW)
    if not context:
        raise JailError(errno.ENOMEM, "seccomp_init failed")

    def rule(action, syscall, *comparisons):
        number = lib.seccomp_syscall_resolve_name(syscall.encode())
        if number < 0:
            return  # not a syscall on this architecture
        array = (_ArgCmp * max(1, len(comparisons)))(*comparisons)
        result = lib.seccomp_rule_add_array(context, action, number, len(comparisons), array)
        if result != 0:
            raise JailError(-result, f"seccomp rule for {syscall}: {os.strerror(-result)}")

    try:
        for syscall in DENIED_SYSCALLS:
            rule(SCMP_ACT_ERRNO(errno.EPERM), syscall)
        rule(SCMP_ACT_ERRNO(errno.EACCES), "socket", _ArgCmp(0, SCMP_CMP_NE, AF_UNIX, 0))
        for flag in NAMESPACE_FLAGS:
            rule(SCMP_ACT_ERRNO(errno.EPERM), "clone", _ArgCmp(0, SCMP_CMP_MASKED_EQ, flag, flag))
        rule(SCMP_ACT_ERRNO(errno.ENOSYS), "clone3")
        result = lib.seccomp_load(context)
        if result != 0:
            raise JailError(-result, f"seccomp_load: {os.strerror(-result)}")
    finally:
        lib.seccomp_release(context)


# -- the job's processes ------------------------------------------------------------------------------

def close_fds_except(keep):
    keep = sorted(set(keep))
    low = 3
    for fd in keep + [None]:
        if fd is None:
            os.closerange(low, 1 << 16)
        elif fd >= low:
            os.closerange(low, fd)
            low = fd + 1


def _write_map(path, text):
    with open(path, "w") as handle:
        handle.write(text)


def _relay(status):
    """End this process the way the job ended: the same signal, or the same exit code."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        try:
            signal.signal(number, signal.SIG_DFL)
        except (OSError, ValueError):
            pass
        os.kill(os.getpid(), number)
        os._exit(128 + number)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 70)


def enter(spec, keep_fds):
    """Jail the calling (freshly forked, single-threaded) worker. Returns only in the job process,
    with every fd closed but ``keep_fds`` and 0-2; raises JailError before anything of the job ran
    when a step fails."""
    global CGROUP_NAMESPACE
    if not LINUX:
        raise JailError(errno.ENOSYS, "namespaces need Linux")
    userns = spec["backend"] == "userns"
    uid = spec["uid"]
    last_cap = _last_capability()
    if userns and os.geteuid() == 0:
        # A root grader asked for a user namespace: become the slot's uid first, so that the
        # namespace maps it to itself (a root-created namespace could map only to root).
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
        prctl(PR_SET_DUMPABLE, 1)  # a uid change hides /proc/self's map files from their owner
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)   # the uid change cleared the zygote's
        if os.getppid() == 1:
            os._exit(72)
    outer_uid, outer_gid = os.geteuid(), os.getegid()
    flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS
    if userns:
        flags |= CLONE_NEWUSER
    # The job's cgroups were joined before this call, so they become the namespace's root.
    CGROUP_NAMESPACE = _libc.unshare(flags | CLONE_NEWCGROUP) == 0
    if not CGROUP_NAMESPACE:   # a kernel without cgroup namespaces (before 4.6)
        _check(_libc.unshare(flags), "unshare the namespaces")
    if userns:
        _write_map("/proc/self/setgroups", "deny")
        _write_map("/proc/self/uid_map", f"{uid} {outer_uid} 1\n")
        _write_map("/proc/self/gid_map", f"{uid} {outer_gid} 1\n")
    mount(None, "/", None, MS_REC | MS_PRIVATE)  # first: no mount below may propagate to the host
    verdict_read, verdict_write = os.pipe()
    inner = os.fork()
    if inner:  # A: outside the pid namespace; waits for B and ends as the job ended
        os.close(verdict_write)
        close_fds_except([verdict_read])
        for fd in (0, 1, 2):  # the job's output pipe must close when the job's processes are gone
            try:
                os.close(fd)
            except OSError:
                pass
        raw = b""
        while len(raw) < 4:
            chunk = os.read(verdict_read, 4 - len(raw))
            if not chunk:
                break
            raw += chunk
        _, own = os.waitpid(inner, 0)
        _relay(struct.unpack("i", raw)[0] if len(raw) == 4 else own)
    # B: pid 1 of the new pid namespace.
    try:
        os.close(verdict_read)
        _check(_libc.sethostname(b"sandbox", 7), "sethostname")
        build_root(spec)
        drop_privileges(uid, last_cap, userns)
        prctl(PR_SET_DUMPABLE, 0)   # the job (same uid) must not read this process's /proc files
    except BaseException as error:  # noqa: BLE001 - report through the job's stderr, then stop
        try:
            import traceback
            os.write(2, f"sandbox set-up failed: {type(error).__name__}: {error}\n".encode())
            os.write(2, "".join(traceback.format_exception(error)).encode()[-1500:])
        finally:
            os._exit(71)
    job = os.fork()
    if job == 0:  # C: the job
        os.close(verdict_write)
        prctl(PR_SET_DUMPABLE, 1)
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        apply_rlimits(spec["limits"])
        close_fds_except(keep_fds)
        install_seccomp()
        os.environ.clear()
        os.environ.update(spec.get("environment", {}))
        return
    # B stays the namespace's reaper; its exit kills whatever the job left behind.
    close_fds_except([verdict_write])
    for fd in (0, 1, 2):
        try:
            os.close(fd)
        except OSError:
            pass
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            os._exit(70)
        except InterruptedError:
            continue
        if pid == job:
            os.write(verdict_write, struct.pack("i", status))
            os._exit(0)


# -- the canary ----------------------------------------------------------------------------------------

def self_check(config):
    """Run *inside* the jail, as the job: what the backend promises, tested. Returns
    {check: [passed, detail]}."""
    results = {}

    def record(name, passed, detail=""):
        results[name] = [bool(passed), str(detail)[:200]]

    status = {}
    with open("/proc/self/status") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            status[key] = value.strip()
    record("not root", os.getuid() != 0 and os.geteuid() != 0, f"uid {os.getuid()}")
    record("no capabilities", int(status.get("CapEff", "1"), 16) == 0 and int(status.get("CapBnd", "1"), 16) == 0,
           f"CapEff {status.get('CapEff')} CapBnd {status.get('CapBnd')}")
    record("no_new_privs", status.get("NoNewPrivs") == "1", status.get("NoNewPrivs"))
    record("seccomp filter", status.get("Seccomp") == "2", status.get("Seccomp"))
    import socket
    for family, label in ((socket.AF_INET, "AF_INET"), (socket.AF_INET6, "AF_INET6"),
                          (getattr(socket, "AF_NETLINK", 16), "AF_NETLINK")):
        try:
            socket.socket(family, socket.SOCK_STREAM if family != 16 else socket.SOCK_RAW).close()
            record(f"no {label} socket", False, "socket() succeeded")
        except OSError as error:
            record(f"no {label} socket", True, error.strerror)
    for path in config.get("unlistable", []):
        try:
            record(f"not listable: {path}", not os.listdir(path), "listed")
        except OSError as error:
            record(f"not listable: {path}", True, error.strerror)
    for label, path in config.get("invisible", []):
        record(f"host path invisible: {label}", not os.path.lexists(path), f"{path} visible" if os.path.lexists(path) else "")
    for path in ("/canary-write", "/usr/canary-write", "/etc/canary-write"):
        try:
            with open(path, "w"):
                pass
            record(f"read-only: {os.path.dirname(path)}", False, "write succeeded")
        except OSError as error:
            record(f"read-only: {os.path.dirname(path)}", True, error.strerror)
    try:
        with open("/proc/1/environ", "rb") as handle:
            handle.read(1)
        record("the reaper's environment unreadable", False, "read /proc/1/environ")
    except OSError as error:
        record("the reaper's environment unreadable", True, error.strerror)
    visible = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
    record("parent invisible", os.getppid() == 1 and len(visible) <= 2, f"ppid {os.getppid()}, pids {visible[:8]}")
    try:
        os.kill(config.get("grader_pid", 1 << 22), 0)
        record("grader unreachable", config.get("grader_pid") in visible, "signal reached a pid outside")
    except OSError:
        record("grader unreachable", True)
    limits = config.get("limits", {})
    for which, key in ((resource.RLIMIT_CPU, "cpu_seconds"), (resource.RLIMIT_FSIZE, "file_size"),
                       (resource.RLIMIT_NOFILE, "open_files"), (resource.RLIMIT_NPROC, "processes"),
                       (resource.RLIMIT_AS, "address_space")):
        if limits.get(key):
            soft, _ = resource.getrlimit(which)
            record(f"rlimit {key}", soft == limits[key], f"{soft} for {limits[key]}")
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (1 << 20, 1 << 20))
        record("rlimits cannot be raised", False, "raised RLIMIT_CORE")
    except (ValueError, OSError):
        record("rlimits cannot be raised", True)
    bound = int(config.get("fork_bound", 0))
    if bound:
        children = []
        refused = None
        for _ in range(bound + 4):
            try:
                pid = os.fork()
            except OSError as error:
                refused = error.strerror
                break
            if pid == 0:
                import time
                time.sleep(30)
                os._exit(0)
            children.append(pid)
        record("fork past the limit refused", refused is not None and len(children) < bound,
               f"{len(children)} forks, then {refused}")
    refused = _libc.unshare(CLONE_NEWUSER) != 0
    record("no new namespaces", refused, os.strerror(ctypes.get_errno()) if refused else "unshare succeeded")
    torch = sys.modules.get("torch")
    record("the libraries visible", torch is not None and os.path.exists(torch.__file__) and
           os.path.exists(os.__file__), getattr(torch, "__file__", "torch not loaded"))
    record("hostname", os.uname().nodename == "sandbox", os.uname().nodename)
    if CGROUP_NAMESPACE:
        with open("/proc/self/cgroup") as handle:
            paths = [line.rstrip("\n").split(":", 2)[2] for line in handle if line.count(":") >= 2]
        record("cgroup paths hidden", all(path == "/" for path in paths), ", ".join(sorted(set(paths)))[:200])
    record("dies with its parent", _pdeathsig() == signal.SIGKILL, f"parent-death signal {_pdeathsig()}")
    return results


def _pdeathsig():
    value = ctypes.c_int(0)
    _libc.prctl(PR_GET_PDEATHSIG, ctypes.addressof(value), 0, 0, 0)
    return value.value
