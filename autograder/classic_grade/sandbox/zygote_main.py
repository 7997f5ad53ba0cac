"""The zygote: a torch-warm process that forks one fresh worker per task.

Started by the grader as ``python -I -S zygote_main.py CONTROL_FD CONFIG_JSON``. ``-S`` skips the
site module, so no .pth file runs and an editable install of the grader is not on the path; the
grader passes the library folders (where torch lives) explicitly. It imports torch and numpy and
the public harness, and nothing of the grader's rubric or the reference, so what a worker inherits
holds no answers. CUDA is never touched here: a forked child could not use it.
"""
import importlib.util
import json
import os
import resource
import select
import socket
import sys
import tempfile
import time
import traceback

ANSWER_KEY_PACKAGES = ("classic_grade", "classic_cnn")


class AnswerKeyBlocker:
    """Refuses to import the grader or the reference zoo inside the sandbox."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ANSWER_KEY_PACKAGES:
            raise ImportError(f"{name} is not available inside the grading sandbox")
        return None


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


def run_worker(job, out_fd, control, request, wire, harness):
    """In the forked child: become the leader of a new session, then serve one task's requests."""
    os.setsid()  # its own process group, so the grader can kill the whole group at once
    control.close()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(out_fd, 1)
    os.dup2(out_fd, 2)
    os.close(out_fd)
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(write_through=True)  # a crash must not swallow what was printed
    scratch = tempfile.mkdtemp(prefix="classic-grade-job-")
    os.chdir(scratch)
    os.environ["HOME"] = os.environ["TMPDIR"] = scratch
    apply_limits(request.get("limits", {}))
    # The seam for later hardening: namespaces, an allowlist root, a uid drop and seccomp go here,
    # before any student code runs (../shared/research/sandbox-security.md, appendix B).
    code = 0
    try:
        harness.serve(job, wire, request.get("device", "cpu"))
    except BaseException:  # noqa: BLE001
        code = 70
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
        os._exit(code)


def warm_meta_device(torch):
    """Pay once, here, what every worker would pay on its first use of the meta device and of
    torch's flop counter (about 2 s of lazy imports). Meta tensors compute nothing, so no thread
    pool starts and forking stays safe; CUDA is not touched."""
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
        import numpy  # noqa: F401
        import torch  # noqa: F401
        warm_meta_device(torch)
        wire = load_by_path("_classic_grade_wire", os.path.join(here, "wire.py"))
        harness = load_by_path("_classic_grade_harness", os.path.join(here, "harness.py"))
    except BaseException:  # noqa: BLE001
        control.sendall((json.dumps({"error": traceback.format_exc()}) + "\n").encode())
        return
    control.sendall((json.dumps({"ready": True, "import_s": time.perf_counter() - started,
                                 "torch": torch.__version__}) + "\n").encode())
    buffer = b""
    while True:
        ready, _, _ = select.select([control], [], [], 0.05)
        reap(control)
        if not ready:
            continue
        message, fds, _, _ = socket.recv_fds(control, 65536, 2)
        if not message:
            return  # the grader is gone: so are we
        buffer += message
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            request = json.loads(line)
            job = socket.socket(fileno=fds[0])
            pid = os.fork()
            if pid == 0:
                run_worker(job, fds[1], control, request, wire, harness)
            job.close()
            os.close(fds[1])
            fds = []
            control.sendall((json.dumps({"forked": pid}) + "\n").encode())


def reap(control):
    """Tell the grader how each finished worker ended (only the parent can see that)."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if os.WIFSIGNALED(status):
            note = {"exited": pid, "signal": os.WTERMSIG(status)}
        else:
            note = {"exited": pid, "code": os.WEXITSTATUS(status)}
        control.sendall((json.dumps(note) + "\n").encode())


if __name__ == "__main__":
    main()
