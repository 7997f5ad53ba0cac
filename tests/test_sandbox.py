"""The sandbox proves itself here: the canary job's checks in the backend this machine chose (so CI
fails when its machine stops being sandboxed), the other backends, the cgroup bounds, the
forbidden imports and the UNSANDBOXED stamp. See SANDBOX.md for which claim each test backs."""
import json
import os
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from classic_grade import Grader
from classic_grade.cli import main
from classic_grade.sandbox import Limits, Zygote
from classic_grade.sandbox.pool import SANDBOXED

from conftest import EXAMPLES

LINUX = sys.platform.startswith("linux")
REQUIRED_CHECKS = {"not root", "no capabilities", "no_new_privs", "seccomp filter", "no AF_INET socket",
                   "read-only: /", "parent invisible", "grader unreachable", "fork past the limit refused",
                   "rlimit processes", "rlimit address_space", "no new namespaces"}


def _userns_possible() -> bool:
    try:
        return int(Path("/proc/sys/user/max_user_namespaces").read_text()) > 0
    except (OSError, ValueError):
        return False


@pytest.mark.skipif(not LINUX, reason="the sandbox backends are Linux namespaces")
def test_the_canary_passes_in_the_backend_the_grader_chose(grader):
    sandbox = grader.zygote.description(grader.limits)
    assert sandbox["backend"] in SANDBOXED, sandbox
    checks = set(sandbox["checks"])
    assert REQUIRED_CHECKS <= checks, REQUIRED_CHECKS - checks
    assert any(c.startswith("host path invisible: ") and c.endswith("zygote_main.py") for c in checks)
    assert "host path invisible: a file planted in the host's temp dir" in checks
    assert sandbox["limits"]["processes"] == grader.limits.processes


def _reachable_by_others(path: str) -> bool:
    """Every folder on the way to ``path`` lets other users through (o+x)."""
    path = os.path.realpath(path)
    while path != "/":
        path = os.path.dirname(path)
        if not os.stat(path).st_mode & 0o001:
            return False
    return True


@pytest.mark.skipif(not LINUX or not _userns_possible(), reason="no user namespaces on this machine")
def test_the_user_namespace_backend_passes_its_canary_or_is_refused_by_it():
    """As a normal user this backend must pass. As root it runs as the slot uid from the start,
    which cannot reach an interpreter under a private /root (pyenv): then the canary must notice
    the missing libraries and refuse the backend, which is what auto-selection relies on."""
    reachable = all(_reachable_by_others(p) for p in (sys.base_prefix, sys.prefix))
    zygote = Zygote("userns")
    try:
        if os.geteuid() == 0 and not reachable:
            with pytest.raises(RuntimeError, match="the libraries visible"):
                zygote.ready()
            return
        zygote.ready()   # a backend asked for by name raises when its canary fails
        sandbox = zygote.sandbox
    finally:
        zygote.close()
    assert sandbox["backend"] == "userns"
    assert REQUIRED_CHECKS <= set(sandbox["checks"])


def _failures(grader, tmp_path, source, task, limits=None):
    """Grade ``source`` (appended to the correct example) on ``task``: its score and the messages
    of its failed checks."""
    path = tmp_path / "day19.py"
    path.write_text(source)
    if limits is not None:
        grader = Grader("cpu", limits, zygote=grader.zygote)
    report = grader.grade(path, "day19", "public", tasks=[task])
    return report.score, [c.message for c in report.tasks[0].checks if not c.passed]


@pytest.mark.skipif(not LINUX, reason="cgroups are Linux")
def test_a_memory_hog_is_reported_as_memory(grader, tmp_path, correct_source):
    if not grader.zygote.cgroups.available:
        pytest.skip("no writable cgroups (not root): memory is bounded by RLIMIT_AS only")
    hog = "\ndef conv_params(i, o, k, bias=True):\n    hoard = [bytearray(64 << 20) for _ in range(32)]\n" \
          "    return len(hoard)\n"
    _, messages = _failures(grader, tmp_path, correct_source + hog, "conv_params",
                            Limits(memory=512 << 20, address_space=0, request_seconds=10.0))
    assert messages and all(m.startswith("memory:") for m in messages), messages


def test_a_forbidden_library_object_is_named_as_such(grader, tmp_path, correct_source):
    borrowed = "\nfrom torchvision.models.googlenet import Inception\nclass InceptionBlock(Inception):\n    pass\n"
    score, messages = _failures(grader, tmp_path, correct_source + borrowed, "InceptionBlock")
    assert score == 0
    assert messages and all(m.startswith("forbidden import:") for m in messages), messages[:2]
    assert "torchvision.models.googlenet.Inception" in messages[0]


def test_the_answer_key_is_a_forbidden_import(grader, tmp_path, correct_source):
    key = "\ndef conv_params(i, o, k, bias=True):\n    import timm\n    return 0\n"
    _, messages = _failures(grader, tmp_path, correct_source + key, "conv_params")
    assert messages and all(m.startswith("forbidden import:") for m in messages), messages[:2]


def test_unsandboxed_grading_is_stamped_and_refused_for_all_without_the_flag():
    arguments = ["grade", str(EXAMPLES / "correct.py"), "-a", "day19", "--task", "conv_params",
                 "--device", "cpu", "--sandbox", "unsandboxed", "--format", "json"]
    refused = CliRunner().invoke(main, arguments + ["--all"])
    assert refused.exit_code != 0 and "--allow-unsandboxed" in refused.output
    allowed = CliRunner().invoke(main, arguments + ["--all", "--allow-unsandboxed"])
    assert allowed.exit_code == 0, allowed.output
    report = json.loads(allowed.output)
    assert report["environment"]["sandbox"]["backend"] == "unsandboxed"
    assert any("UNSANDBOXED" in note for note in report["notes"])


def test_the_zygote_starts_with_huge_page_malloc_and_its_jobs_do_not_see_the_setting(grader):
    """The zygote's malloc asks for transparent huge pages (pool.ZYGOTE_MALLOC, read by glibc at its
    start); a job's environment is the jail's own and does not carry the setting."""
    environ = Path(f"/proc/{grader.zygote.process.pid}/environ").read_bytes().split(b"\0")
    assert b"GLIBC_TUNABLES=glibc.malloc.hugetlb=1" in environ
    worker = grader.zygote.fork("cpu", Limits())
    try:
        worker.request({"op": "load", "source": "import os\n"
                                                "def probe():\n"
                                                "    return sum(1 << i for i, name in enumerate(\n"
                                                "        ('GLIBC_TUNABLES', 'OMP_NUM_THREADS')) if name in os.environ)\n"})
        reply, _ = worker.request({"op": "call", "task": "probe"})
    finally:
        worker.close()
    assert reply["value"] == 2   # OMP_NUM_THREADS only


def _anonymous_kib(pid: int) -> tuple[int, int]:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
                  if ":" in line)
    return int(fields["Anonymous"].split()[0]), int(fields["AnonHugePages"].split()[0])


def _collapse_supported() -> bool:
    release = tuple(int(part) for part in os.uname().release.split("-")[0].split(".")[:2])
    mode = Path("/sys/kernel/mm/transparent_hugepage/enabled")
    return release >= (6, 1) and mode.exists() and "[never]" not in mode.read_text()


def test_the_zygote_moves_onto_huge_pages_once_it_has_started_jobs():
    """hugepages.IdleCollapse: a zygote that has started a few jobs puts most of its anonymous memory
    on huge pages while it waits, so later forks copy far fewer page-table entries; one that has
    started fewer leaves it as it was (a single grading would not earn the cost back)."""
    if not _collapse_supported():
        pytest.skip(f"MADV_COLLAPSE needs Linux 6.1 with transparent huge pages (this is {os.uname().release})")
    with Grader("cpu") as grader:
        zygote = grader.zygote
        zygote.ready()   # the canary is its first job
        pid = zygote.process.pid
        time.sleep(1.0)   # twenty idle ticks: too few jobs yet, nothing moves
        anonymous, huge_before = _anonymous_kib(pid)
        assert huge_before < 0.5 * anonymous, (huge_before, anonymous)
        for _ in range(3):
            zygote.fork("cpu", Limits()).close()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            anonymous, huge = _anonymous_kib(pid)
            if huge >= 0.75 * anonymous:
                break
            time.sleep(0.2)
        assert huge >= 0.75 * anonymous, f"{huge} of {anonymous} KiB on huge pages (before: {huge_before})"
        worker = zygote.fork("cpu", Limits())   # forks from it still work as before
        try:
            worker.request({"op": "load", "source": "def two():\n    return 2\n"})
            assert worker.request({"op": "call", "task": "two"})[0]["value"] == 2
        finally:
            worker.close()


def test_only_private_anonymous_mappings_are_collapsed_in_whole_huge_pages():
    from classic_grade.sandbox.hugepages import anonymous_ranges

    maps = "\n".join([
        "00400000-00c00000 r-xp 00000000 08:01 1 /usr/bin/python3.11",       # code: never
        "01000000-01a00000 rw-p 00000000 00:00 0 [heap]",                     # the heap
        "7f0000100000-7f0000900000 rw-p 00000000 00:00 0 ",                   # anonymous, unaligned start
        "7f0001000000-7f0001100000 rw-p 00000000 00:00 0 ",                   # under one huge page
        "7f0002000000-7f0002800000 rw-s 00000000 00:05 9 /memfd:shared",       # shared: never
        "7f0003000000-7f0003800000 rw-p 00001000 08:01 2 /usr/lib/libtorch.so", # a library's data: never
    ])
    assert anonymous_ranges(maps) == [(0x01000000, 0x01a00000), (0x7f0000200000, 0x7f0000800000)]


def test_a_zygote_without_proc_maps_serves_as_it_was(monkeypatch):
    """Where /proc/self/maps cannot be read (not Linux), the collapse gives up quietly: an exception
    here would end the zygote's loop and with it every grading."""
    from classic_grade.sandbox import hugepages

    def no_proc(*args, **kwargs):
        raise FileNotFoundError("/proc/self/maps")

    monkeypatch.setattr(hugepages, "open", no_proc, raising=False)
    collapse = hugepages.IdleCollapse(after_jobs=1)
    collapse.job_started()
    collapse.step()
    assert collapse.done and collapse.collapsed == 0
    collapse.step()   # and stays quiet
