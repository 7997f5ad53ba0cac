"""The zygote: a torch-warm process that forks one fresh worker per task.

Started by the grader as ``python -I -S zygote_main.py CONTROL_FD CONFIG_JSON``. ``-S`` skips the
site module, so no .pth file runs and an editable install of the grader is not on the path; the
grader passes the library folders (where torch lives) explicitly. It imports torch and numpy and
the public harness, and nothing of the grader's rubric or the reference, so what a worker inherits
holds no answers. CUDA is never touched here: a forked child could not use it.
"""
import ctypes
import gc
import importlib
import importlib.util
import json
import os
import resource
import select
import signal
import socket
import sys
import tempfile
import time
import traceback

PR_SET_PDEATHSIG = 1

ANSWER_KEY_PACKAGES = ("classic_grade", "classic_cnn", "timm")


class ForbiddenImport(ImportError):
    """What the answer key and an assignment's forbidden library objects raise inside the sandbox;
    the grader reports it as the cause "forbidden import"."""


class AnswerKeyBlocker:
    """Refuses to import the grader, the reference zoo or timm inside the sandbox (their files are
    not in the sandbox's root either; this gives the clear message)."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ANSWER_KEY_PACKAGES:
            raise ForbiddenImport(f"{name} is not available inside the grading sandbox")
        return None


FORBIDDEN_HOLDERS: dict = {}   # forbidden names -> where their objects are held, found once per zygote


def locate_forbidden(names):
    """Where each named library object (``package.module.Name``) is held: (namespace, key, object,
    name) for every loaded module's namespace that holds it, the modules looked at, and how many
    modules were loaded then. Found here, in the zygote, for each set of names, and brought up to
    date before each fork with the modules loaded since. A job's own scan cost 20-70 ms per name:
    touching an object's reference count in a fresh fork copies its page, and even walking
    ``sys.modules`` to find the new modules copied a page per module (about 2,000 of a job's 4,400
    page faults). The zygote walks it only when the count of modules changed: its pages are shared
    with its live jobs, so the walk would copy them on its side."""
    key = tuple(names)
    if key not in FORBIDDEN_HOLDERS:
        named = {}
        for dotted in names:
            module_name, _, attribute = dotted.rpartition(".")
            try:
                original = getattr(importlib.import_module(module_name), attribute)
            except (ImportError, AttributeError):
                continue
            named[id(original)] = (original, dotted)   # one object under two names: the last names it
        FORBIDDEN_HOLDERS[key] = ([], set(), named, 0)
    holders, seen, named, count = FORBIDDEN_HOLDERS[key]
    if len(sys.modules) == count:   # the zygote runs only our code, which imports but never unloads
        return FORBIDDEN_HOLDERS[key]
    FORBIDDEN_HOLDERS[key] = (holders + _holders(_loaded_since(seen), named), set(sys.modules), named,
                              len(sys.modules))
    return FORBIDDEN_HOLDERS[key]


def _loaded_since(seen):
    return [module for name, module in list(sys.modules.items()) if name not in seen]


def _holders(modules, named):
    found = []
    for loaded in modules:
        namespace = getattr(loaded, "__dict__", None)
        if not isinstance(namespace, dict):
            continue
        for key, value in list(namespace.items()):
            if id(value) in named and named[id(value)][0] is value:
                found.append((namespace, key) + named[id(value)])
    return found


def forbid_objects(names, assignment, located=None):
    """Replace each named library object by a stand-in that raises ForbiddenImport when used,
    wherever a loaded module holds it. ``located`` is ``locate_forbidden(names)`` computed in the
    zygote before the fork; modules loaded since are looked at here."""
    if not names:
        return
    holders, seen, named, count = located if located is not None else locate_forbidden(names)
    # Between the fork and here only the sandbox's own code ran: it may import, never unload, so an
    # unchanged count means no module to look at (and walking them would copy a page per module).
    if len(sys.modules) != count:
        holders = holders + _holders(_loaded_since(seen), named)
    stand_ins = {}
    for original, dotted in named.values():
        module_name, _, attribute = dotted.rpartition(".")
        message = (f"{dotted} hands over the task and is not allowed in {assignment}: "
                   "write your own")

        def refuse(*args, _message=message, **kwargs):
            raise ForbiddenImport(_message)

        if isinstance(original, type):
            stand_ins[dotted] = type(attribute, (), {"__new__": refuse, "__init_subclass__": classmethod(refuse),
                                                     "__doc__": message, "__module__": module_name})
        else:
            stand_ins[dotted] = refuse
    for namespace, key, original, dotted in holders:
        if namespace.get(key) is original:
            namespace[key] = stand_ins[dotted]
    protect_sources({dotted.rpartition(".")[0] for dotted in names}, assignment)


def protect_sources(module_names, assignment):
    """The stand-ins hold only while the forbidden modules are not executed again: refuse to read
    their source or bytecode (what reload, a re-import under another name, spec_from_file_location
    and exec(open(path).read()) all start with), so fresh originals cannot be built in the job."""
    files = set()
    for name in module_names:
        path = getattr(sys.modules.get(name), "__file__", None)
        if path:
            files.add(os.path.realpath(path))
    if not files:
        return
    caches = {os.path.join(os.path.dirname(f), "__pycache__"): os.path.splitext(os.path.basename(f))[0] + "."
              for f in files}
    message = f"the library modules this assignment forbids objects of may not be read or run again in {assignment}"

    def protected(path):
        try:
            real = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError, OSError):
            return False
        stem = caches.get(os.path.dirname(real))
        return real in files or (stem is not None and os.path.basename(real).startswith(stem))

    def guard(opener):
        def open_checked(file, *args, **kwargs):
            if isinstance(file, (str, bytes, os.PathLike)) and protected(file):
                raise ForbiddenImport(message)
            return opener(file, *args, **kwargs)
        return open_checked

    import _io
    import builtins
    import io
    _io.open_code = io.open_code = guard(_io.open_code)   # every loader and runpy read code through it
    builtins.open = io.open = guard(builtins.open)


def load_by_path(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def apply_limits(limits):
    def cap(which, value):
        if value:
            _, hard = resource.getrlimit(which)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (value, value if which != resource.RLIMIT_CPU else value + 1))

    cap(resource.RLIMIT_AS, limits.get("address_space"))
    cap(resource.RLIMIT_CPU, limits.get("cpu_seconds"))
    cap(resource.RLIMIT_FSIZE, limits.get("file_size"))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def join_cgroups(paths):
    """First thing in the forked worker, before it can fork: into the job's cgroups, which the
    grader created and will empty and remove."""
    for path in paths:
        with open(path, "w") as handle:
            handle.write(str(os.getpid()))


def die_with_parent(parent):
    """SIGKILL this process when the zygote (its parent) ends, however it ends; if the zygote is
    already gone, end now. The jail's inner processes each do the same with their own parent."""
    prctl = getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)   # Linux only (not macOS)
    if prctl is not None and prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        os._exit(72)
    if os.getppid() != parent:
        os._exit(72)


def run_worker(job, out_fd, control, request, modules, parent, located=None):
    """In the forked child: join the job's cgroups, jail (or, unsandboxed, just limit) the process,
    then serve one task's requests."""
    control.close()
    die_with_parent(parent)
    wire, harness, jail = modules["wire"], modules["harness"], modules["jail"]
    code = 0
    try:
        join_cgroups(request.get("cgroup_procs", []))
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.dup2(out_fd, 1)
        os.dup2(out_fd, 2)
        os.close(out_fd)
        for stream in (sys.stdout, sys.stderr):
            stream.reconfigure(write_through=True)  # a crash must not swallow what was printed
        backend = request.get("backend", "unsandboxed")
        if backend == "unsandboxed":
            os.setsid()  # its own process group, so the grader can kill the whole group at once
            scratch = tempfile.mkdtemp(prefix="classic-grade-job-")
            os.chdir(scratch)
            os.environ["HOME"] = os.environ["TMPDIR"] = scratch
            apply_limits(request.get("limits", {}))
        else:
            jail.enter(dict(request["jail"], backend=backend, limits=request.get("limits", {})),
                       keep_fds=[job.fileno()])
        if "canary" in request:
            results = jail.self_check(request["canary"])
            wire.send(job, {"ok": True, "checks": results})
            os._exit(0)
        forbid_objects(request.get("forbidden", []), request.get("assignment", "this assignment"), located)
        harness.serve(job, wire, request.get("device", "cpu"), bool(request.get("record_grouped")))
    except BaseException as error:  # noqa: BLE001
        code = 70
        try:
            os.write(2, f"worker failed: {type(error).__name__}: {error}\n".encode())
        except BaseException:  # noqa: BLE001
            pass
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
        os._exit(code)


def warm_meta_device(torch):
    """Pay once, here, what every worker would pay on its first use of the meta device and of
    torch's flop counter (~0.3 s of lazy imports; torch's compiler kept out by lazy_dynamo). Meta
    tensors compute nothing, so no thread pool starts and forking stays safe; CUDA is not touched."""
    from torch.utils.flop_counter import FlopCounterMode

    with FlopCounterMode(display=False), torch.device("meta"):
        layer = torch.nn.Conv2d(1, 1, 3)
        torch.nn.functional.max_pool2d(layer(torch.zeros(1, 1, 4, 4)), 2, ceil_mode=True)


def main():
    control = socket.socket(fileno=int(sys.argv[1]))
    config = json.loads(sys.argv[2])
    here = os.path.dirname(os.path.abspath(__file__))
    started = time.perf_counter()
    try:
        sys.meta_path.insert(0, AnswerKeyBlocker())
        sys.path.extend(p for p in config["library_paths"] if p not in sys.path)
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        os.environ.setdefault("MKL_NUM_THREADS", "1")
        # The collector, left on, walks the few hundred thousand objects torch's import creates
        # over and over while they are being created (a fifth of the import's time, measured):
        # off until they all exist, then frozen out of its sight for good (serve() freezes again,
        # before each fork, whatever the zygote made since).
        gc.disable()
        import numpy  # noqa: F401
        import torch  # noqa: F401
        # torchvision once here, not in every job that uses it; and torch's compiler, which it and
        # the flop counter would import, only in a job that compiles (lazy_dynamo.py)
        lazy_dynamo = load_by_path("_classic_grade_lazy_dynamo", os.path.join(here, "lazy_dynamo.py"))
        lazy_dynamo.import_torchvision()
        lazy_dynamo.defer_all()
        warm_meta_device(torch)
        modules = {name: load_by_path(f"_classic_grade_{name}", os.path.join(here, f"{name}.py"))
                   for name in ("wire", "harness", "jail", "cgroups", "hugepages")}
        gc.freeze()
        gc.enable()
    except BaseException:  # noqa: BLE001
        control.sendall((json.dumps({"error": traceback.format_exc()}) + "\n").encode())
        return
    control.sendall((json.dumps({"ready": True, "import_s": time.perf_counter() - started,
                                 "torch": torch.__version__,
                                 "compiler_imported": "torch._dynamo" in sys.modules}) + "\n").encode())
    jobs = Jobs()
    try:
        serve(control, modules, jobs)
    finally:
        # The grader is gone (or closed us): no job of ours outlives this process, and neither do
        # the cgroup directories the grader made for them (it may have been killed outright).
        jobs.kill_all()
        for base in config.get("cgroup_bases", []):
            modules["cgroups"].remove_base(base, timeout=2.0)


def serve(control, modules, jobs):
    parent = os.getpid()
    buffer = b""
    collapse = modules["hugepages"].IdleCollapse()
    while True:
        ready, _, _ = select.select([control], [], [], 0.05)
        jobs.enforce_wall_clock()
        jobs.reap(control)
        if not ready:
            collapse.step()   # a slice of the zygote's memory onto huge pages, while nothing waits
            continue
        message, fds, _, _ = socket.recv_fds(control, 65536, 2)
        if not message:
            return  # the grader is gone: so are we
        buffer += message
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            request = json.loads(line)
            job = socket.socket(fileno=fds[0])
            located = locate_forbidden(request["forbidden"]) if request.get("forbidden") else None
            # Out of the collector's sight before the fork: a job's collection would otherwise write
            # into the header of every object it inherited (torch's are most), copying their pages.
            gc.freeze()
            pid = os.fork()
            if pid == 0:
                run_worker(job, fds[1], control, request, modules, parent, located)
            job.close()
            os.close(fds[1])
            fds = []
            jobs.started(pid, request)
            collapse.job_started()
            control.sendall((json.dumps({"forked": pid}) + "\n").encode())


class Jobs:
    """The zygote's live workers and their wall-clock deadlines. RLIMIT_CPU does not count a job
    that sleeps or waits; this does, and it holds even when the grader itself is stuck or gone."""

    def __init__(self):
        self.deadlines = {}      # pid -> (monotonic deadline, limit in seconds, own process group)
        self.walled = {}         # pid -> limit, for the jobs killed here

    def started(self, pid, request):
        limit = float(request.get("wall_seconds") or 0)
        self.deadlines[pid] = (time.monotonic() + limit if limit > 0 else float("inf"), limit,
                               request.get("backend") == "unsandboxed")

    @staticmethod
    def _kill(pid, group):
        if group:   # unsandboxed: the worker leads its own process group
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass

    def enforce_wall_clock(self):
        now = time.monotonic()
        for pid, (deadline, limit, group) in list(self.deadlines.items()):
            if now > deadline and pid not in self.walled:
                self.walled[pid] = limit
                self._kill(pid, group)

    def kill_all(self):
        for pid, (_, _, group) in list(self.deadlines.items()):
            self._kill(pid, group)
        ends = time.monotonic() + 2.0
        while self.deadlines and time.monotonic() < ends:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid:
                self.deadlines.pop(pid, None)
            else:
                time.sleep(0.01)

    def reap(self, control):
        """Tell the grader how each finished worker ended (only the parent can see that)."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.deadlines.pop(pid, None)
            if pid in self.walled:
                note = {"exited": pid, "wall": self.walled.pop(pid)}
            elif os.WIFSIGNALED(status):
                note = {"exited": pid, "signal": os.WTERMSIG(status)}
            else:
                note = {"exited": pid, "code": os.WEXITSTATUS(status)}
            control.sendall((json.dumps(note) + "\n").encode())


if __name__ == "__main__":
    main()
