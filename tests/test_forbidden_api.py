"""The forbidden API, forbidden library objects and residual probes against submissions built to get
around them (tests/adversarial entries, graded here on their own task only, since the adversarial
suite's process sweep must not run beside other graders), and the honest code around them.

- every way around the worker's record of grouped convolutions fails ``forbidden_api``, naming the
  student's line, and the rest of the task keeps what it earned;
- code that could re-import, reload, re-execute or dig up a library module gets nothing on its task,
  with the cause "forbidden import"; inside the worker the forbidden modules cannot be read or run
  again, and a module built from a forbidden class is refused whatever the source says;
- blocks that recognise the residual probes fail them;
- a groups argument that is 1 when it runs is honest code.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from adversarial_corpus import CORPUS, EXAMPLES, entries
from classic_grade.checks.context import TaskContext
from classic_grade.checks.outcome import CheckFailed
from classic_grade.loading import load_bytes
from classic_grade.sandbox import WorkerLost, wire
from classic_grade.tasks import forbidden_names

ENTRIES = {entry.name: entry for entry in entries()}

# entry → (the check that must fail, what its message must say)
FORBIDDEN_API = {
    "day21/group_conv_options_zip_modes_disabled.py": r"line \d+: reaches torch's internals \(torch\.utils\._python_dispatch\)",
    "day21/group_conv_variable_functions_c.py": r"line \d+: reaches torch's internals \(torch\._C\)",
    "day21/group_conv_aten_convolution_op.py": r"line \d+: calls torch\.ops operators directly",
    "day21/group_conv_pops_dispatch_mode.py": r"line \d+: reaches torch's internals",
    "day21/group_conv_detects_observer.py": r"line \d+: reaches torch's internals \(torch\._C\)",
    # No trick in the source: the record, on for every forward, sees the partial's grouped call.
    "day21/group_conv_partial_when_graded.py": r"ran aten::convolution with groups=\d+: the grouping must be written by hand",
}
FORBIDDEN_IMPORT = {
    "day21/group_conv_exec_string.py": r"line \d+: uses exec",
    "day21/group_conv_getattr_joined_functional.py": r"getattr on the module torch\.nn\.functional with a computed name",
    "day21/resnext50_reload_resnet_under_alias.py": r"uses importlib\.reload",
    "day21/resnext50_copy_from_file_location.py": r"uses importlib\.util",
    "day20/resnet_exec_torchvision_source.py": r"uses exec",
    "day20/bottleneck_original_dug_from_gc.py": r"uses gc\.get_objects",
}
PROBES = {
    "day20/residual_no_shortcut_recognises_zero_weights.py": ("identity_path", "projection_shortcut"),
    "day21/resnext_no_shortcut_recognises_zeroed_tensors.py": ("identity_path",),
}


def grade_task(grader, tmp_path, name, visibility="all"):
    entry = ENTRIES[name]
    report = grader.grade(entry.build(tmp_path, {}), entry.assignment, visibility, tasks=list(entry.tasks),
                          reveal_hidden=True)
    assert report.errors == [], report.errors
    (task,) = report.tasks
    return task


def grade_entry(grader, tmp_path, name, visibility="all"):
    return {check.id: check for check in grade_task(grader, tmp_path, name, visibility).checks}


@pytest.mark.parametrize("name", FORBIDDEN_API)
def test_a_way_around_the_record_fails_the_forbidden_api_check_only(grader, tmp_path, name):
    checks = grade_entry(grader, tmp_path, name, "public")
    forbidden = checks["forbidden_api"]
    assert not forbidden.passed
    assert re.search(FORBIDDEN_API[name], forbidden.message), forbidden.message
    # What the code computes is still graded: these are working grouped convolutions.
    assert checks["same_function"].passed and checks["output_shape"].passed, {
        k: c.message[:200] for k, c in checks.items() if not c.passed}


@pytest.mark.parametrize("name", FORBIDDEN_IMPORT)
def test_code_that_could_rebuild_a_forbidden_object_gets_nothing_on_its_task(grader, tmp_path, name):
    task = grade_task(grader, tmp_path, name, "public")
    assert task.checks and not any(check.passed for check in task.checks)
    for check in task.checks:
        assert check.message.startswith("forbidden import:"), check.message[:200]
        assert re.search(FORBIDDEN_IMPORT[name], check.message), check.message
        assert check.example is None
    # Decided from the source: the task's code never ran, so it cost the grader no worker.
    assert task.workers == 0 and task.examples == 0, (task.workers, task.examples)


@pytest.mark.parametrize("name", PROBES)
def test_a_block_that_recognises_a_probe_fails_it(grader, tmp_path, name):
    checks = grade_entry(grader, tmp_path, name)
    for check_id in PROBES[name]:
        assert not checks[check_id].passed, f"{check_id} passed"


def test_the_new_entries_are_in_the_corpus_with_their_causes():
    for name in list(FORBIDDEN_API) + list(FORBIDDEN_IMPORT) + list(PROBES):
        entry = ENTRIES[name]
        assert entry.base == "correct" and entry.tasks
    for name in FORBIDDEN_IMPORT:
        assert ENTRIES[name].causes == ("forbidden import",)
    assert (CORPUS / "day21").is_dir()


# -- inside the worker: the forbidden modules cannot be had afresh, whatever the source looks like ----

RUNTIME_ATTACKS = {
    "reload": "import importlib, sys\n"
              "def ResNeXt50(num_classes=1000):\n"
              "    fresh = importlib.reload(sys.modules['torchvision.models.resnet'])\n"
              "    return fresh.ResNet(fresh.Bottleneck, [3, 4, 6, 3], groups=32, width_per_group=4)\n",
    "import under a new name": "import sys, os, torchvision\n"
              "def ResNeXt50(num_classes=1000):\n"
              "    sys.path.insert(0, os.path.dirname(torchvision.models.resnet.__file__))\n"
              "    import resnet\n"
              "    return resnet.ResNet(resnet.Bottleneck, [3, 4, 6, 3], groups=32, width_per_group=4)\n",
    "exec of the source": "import torchvision\n"
              "def ResNeXt50(num_classes=1000):\n"
              "    space = {'__name__': 'copy'}\n"
              "    exec(open(torchvision.models.resnet.__file__).read(), space)\n"
              "    return space['ResNet'](space['Bottleneck'], [3, 4, 6, 3], groups=32, width_per_group=4)\n",
    "the original dug up": "import gc\n"
              "def ResNeXt50(num_classes=1000):\n"
              "    found = {t.__name__: t for t in gc.get_objects() if isinstance(t, type)\n"
              "             and t.__module__ == 'torchvision.models.resnet' and '__new__' not in vars(t)}\n"
              "    return found['ResNet'](found['Bottleneck'], [3, 4, 6, 3], groups=32, width_per_group=4)\n",
}


@pytest.mark.parametrize("source", RUNTIME_ATTACKS.values(), ids=RUNTIME_ATTACKS.keys())
def test_inside_the_worker_a_forbidden_module_cannot_be_rebuilt(grader, source):
    ctx = TaskContext(grader.zygote, load_bytes(source.encode(), "day21.py"), "ResNeXt50", grader.device,
                      grader.limits, "day21", forbidden_names("day21"))
    # The guard on the library's files ends the job as a "forbidden import"; where the module's
    # code is already loaded and is re-run from memory, the re-run itself fails (torchvision's model
    # registry refuses a second registration). Either way no working builder comes back.
    try:
        with pytest.raises((WorkerLost, CheckFailed)) as lost:
            ctx.request({"op": "build", "task": "ResNeXt50", "args": wire.encode_value([]),
                         "kwargs": wire.encode_value({}), "meta": True})
        if isinstance(lost.value, WorkerLost):
            assert lost.value.cause == "forbidden import", (lost.value.cause, lost.value.detail)
    finally:
        ctx.close()


def test_inside_the_worker_the_own_network_still_builds(grader):
    source = (EXAMPLES / "day21" / "correct.py").read_text()
    ctx = TaskContext(grader.zygote, load_bytes(source.encode(), "day21.py"), "ResNeXt50", grader.device,
                      grader.limits, "day21", forbidden_names("day21"))
    try:
        reply, _ = ctx.request({"op": "build", "task": "ResNeXt50", "args": wire.encode_value([]),
                                "kwargs": wire.encode_value({}), "meta": True})
        assert "submission.ResNeXtBlock" in reply["class_origins"]
    finally:
        ctx.close()


HONEST = Path(__file__).resolve().parent / "corpus" / "day21" / "correct"


@pytest.mark.parametrize("name", ["group_conv_library_style_helper", "group_conv_inner_groups_from_config",
                                  "group_conv_split_with_explicit_groups_one"])
def test_a_groups_argument_that_is_one_at_run_time_is_honest(grader, name):
    report = grader.grade(HONEST / f"{name}.py", "day21", "public", tasks=["GroupConv2d"], reveal_hidden=True)
    (task,) = report.tasks
    assert task.score == task.max_score, [(c.id, c.message[:200]) for c in task.checks if not c.passed]
