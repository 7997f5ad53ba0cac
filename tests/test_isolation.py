"""A task that hangs, exits, exhausts memory or floods its output costs that task only."""
import time

from classic_grade import Grader
from classic_grade.sandbox import Limits

HOSTILE = '''
import os, sys

def conv1x1(in_channels, out_channels):
    while True:
        pass

def conv_params(in_channels, out_channels, kernel_size, bias=True):
    os._exit(3)

def inception_macs(in_channels, filter_list, height, width):
    hoard = []
    while True:
        hoard.append(bytes(1 << 30))  # calloc: address space, fast to grab

class FactorizedConv(nn.Module):
    def __init__(self, in_channels, out_channels, n):
        super().__init__()
        chunk = "x" * (1 << 20)
        while True:  # printing is drained, not fatal: only an endless flood costs the task
            sys.stdout.write(chunk)
'''


def _hostile_file(tmp_path, correct_source):
    # The correct example first, then the hostile redefinitions: InceptionBlock stays correct.
    path = tmp_path / "day19.py"
    path.write_text(correct_source + HOSTILE)
    return path


def test_each_failure_costs_only_its_task(tmp_path, correct_source):
    path = _hostile_file(tmp_path, correct_source)
    # A task budget of three requests: a hung task's checks each wait out the 2 s deadline, and
    # the first times out in a worker of the replay, then again in one of the zygote's own.
    limits = Limits(request_seconds=2.0, task_seconds=6.0, address_space=6 << 30)
    started = time.perf_counter()
    with Grader("cpu", limits) as grader:
        report = grader.grade(path, "day19", "all", reveal_hidden=True,
                              tasks=["conv1x1", "conv_params", "inception_macs", "FactorizedConv", "InceptionBlock"])
    elapsed = time.perf_counter() - started
    by_name = {t.name: t for t in report.tasks}
    assert by_name["InceptionBlock"].score == by_name["InceptionBlock"].max_score
    for name in ("conv1x1", "conv_params", "inception_macs", "FactorizedConv"):
        assert by_name[name].score == 0, name
    messages = {name: " ".join(c.message for c in by_name[name].checks) for name in by_name}
    assert "timeout" in messages["conv1x1"]
    assert "exited with status 3" in messages["conv_params"]
    assert "MemoryError" in messages["inception_macs"] or "crashed" in messages["inception_macs"]
    assert "output limit" in messages["FactorizedConv"]
    assert elapsed < 90, elapsed


def test_worker_cannot_import_the_answer_key(grader, tmp_path, correct_source):
    path = tmp_path / "day19.py"
    path.write_text(correct_source + "\ndef conv1x1(i, o):\n    import classic_cnn\n    return classic_cnn.conv1x1(i, o)\n")
    report = grader.grade(path, "day19", "public", tasks=["conv1x1"])
    assert report.score == 0
    assert "not available inside the grading sandbox" in report.tasks[0].checks[0].message


def test_worker_is_not_the_grading_process(grader, tmp_path, correct_source):
    """The grading process can write into tmp_path; a sandboxed worker does not even see it."""
    marker = tmp_path / "pid"
    path = tmp_path / "day19.py"
    path.write_text(correct_source + f"\nimport os\ntry:\n    open({str(marker)!r}, 'w').write(str(os.getpid()))\n"
                                     "except OSError:\n    pass\n")
    report = grader.grade(path, "day19", "public", tasks=["conv_params"])
    assert report.environment["sandbox"]["backend"] in ("namespaces", "userns", "bwrap")
    assert not marker.exists()
