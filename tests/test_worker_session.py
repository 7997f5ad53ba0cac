"""The worker's own bookkeeping, in process: what it may reuse between requests and what it records.

A meta-device build is handed out again only to the same request and only while nothing has run it;
grouped convolutions are recorded for the whole life of a worker that was asked to, and never
otherwise; the forbidden objects' holders located in the zygote before a fork are all replaced in
the job, modules loaded since included; a run's values land straight in the parameters they are
for where the channel can put them there, and are converted and copied where it cannot.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import torch

from classic_grade.sandbox import harness, wire

harness.WIRE = wire   # what serve() sets in a real worker

SOURCE = textwrap.dedent('''
    import torch
    from torch import nn

    BUILT = []

    class Block(nn.Module):
        def __init__(self, channels, groups=1):
            super().__init__()
            BUILT.append(channels)
            self.conv = nn.Conv2d(channels, channels, 3, padding=1, groups=groups)

        def forward(self, x):
            return self.conv(x)

    class Odd(nn.Module):
        """Parameters the channel cannot write into: one in float64, one a transposed view."""
        def __init__(self, channels):
            super().__init__()
            self.scale = nn.Parameter(torch.ones(channels, dtype=torch.float64))
            self.mix = nn.Parameter(torch.zeros(channels, channels).t())

        def forward(self, x):
            return (x.double() * self.scale).float() @ self.mix

    class Hostile(Block):
        armed = False   # once built

        def named_parameters(self, *args, **kwargs):
            if self.armed:
                raise RuntimeError("my parameters are my own")
            return super().named_parameters(*args, **kwargs)

    class LazyBlock(nn.Module):
        def __init__(self, channels):
            super().__init__()
            BUILT.append(channels)
            self.conv = nn.LazyConv2d(channels, 1)

        def forward(self, x):
            return self.conv(x)
''')


def session(record_grouped=False) -> harness.Session:
    worker = harness.Session("cpu", record_grouped)
    worker.load({"source": SOURCE, "filename": "submission.py", "expect": []}, {})
    return worker


def build(worker, task="Block", channels=2, meta=True, groups=1):
    return worker.build({"task": task, "args": wire.encode_value([channels]),
                         "kwargs": wire.encode_value({"groups": groups} if task == "Block" else {}),
                         "input_shape": [1, channels, 4, 4], "meta": meta}, {})


def test_a_meta_build_is_reused_for_the_same_request_until_something_runs_it():
    worker = session()
    built = worker.namespace["BUILT"]
    first, _ = build(worker)
    again, _ = build(worker)
    assert built == [2] and again == first          # the same request: handed out again
    build(worker, channels=3)
    assert built == [2, 3]                          # another request: its own build
    build(worker)
    worker.shapes({"input_shape": [1, 2, 4, 4]}, {})  # runs it
    build(worker)
    assert built == [2, 3, 2]                       # a build that ran is never handed out again


def test_cpu_builds_and_lazy_builds_are_never_reused():
    worker = session()
    built = worker.namespace["BUILT"]
    build(worker, meta=False)
    build(worker, meta=False)
    build(worker, task="LazyBlock")                 # materialised by a forward: it has run
    build(worker, task="LazyBlock")
    assert built == [2, 2, 2, 2]


def _run(worker):
    values = {"value:" + name: p.detach().numpy() for name, p in worker.module.named_parameters()}
    reply, _ = worker.run({"mode": "eval"}, {**values, "input": np.ones((1, 2, 4, 4), np.float32)})
    return reply


def test_grouped_convolutions_are_recorded_only_by_a_worker_asked_to():
    recording, plain = session(record_grouped=True), session()
    for worker in (recording, plain):
        build(worker, meta=False, groups=2)
    assert _run(recording)["grouped_calls"][0]["groups"] == 2
    assert "grouped_calls" not in _run(plain)       # no record: the check that reads it refuses to credit


ZYGOTE_MAIN = Path(harness.__file__).with_name("zygote_main.py")


def test_forbidden_objects_located_before_the_fork_are_replaced_everywhere_in_the_job():
    """Run in a fresh interpreter: the replacement is for good."""
    script = textwrap.dedent(f'''
        import importlib.util, sys, types
        spec = importlib.util.spec_from_file_location("zygote_main", {str(ZYGOTE_MAIN)!r})
        zygote = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(zygote)
        import torchvision.models as models
        import torchvision.models.googlenet
        googlenet = sys.modules["torchvision.models.googlenet"]   # the package's googlenet() shadows it
        names = ["torchvision.models.googlenet.Inception", "torchvision.models.googlenet.GoogLeNet"]
        located = zygote.locate_forbidden(names)
        assert zygote.locate_forbidden(names) is located            # found once, while no module is loaded
        original = googlenet.Inception
        meanwhile = types.ModuleType("loaded_by_the_zygote_later")  # loaded between two forks
        meanwhile.Block = original
        sys.modules[meanwhile.__name__] = meanwhile
        before_the_fork = zygote.locate_forbidden(names)             # what the next fork is handed
        assert before_the_fork is not located and meanwhile.__dict__ in [h[0] for h in before_the_fork[0]]
        assert zygote.locate_forbidden(names) is before_the_fork
        later = types.ModuleType("loaded_after_the_fork")         # a module the job loaded itself
        later.Block = original
        sys.modules[later.__name__] = later
        zygote.forbid_objects(names, "day19", before_the_fork)
        for build in (lambda: googlenet.Inception(192, 64, 96, 128, 16, 32, 32),
                      lambda: meanwhile.Block(1, 1, 1, 1, 1, 1, 1),
                      lambda: later.Block(1, 1, 1, 1, 1, 1, 1)):
            try:
                build()
            except zygote.ForbiddenImport as error:
                assert "not allowed in day19" in str(error), error
            else:
                raise AssertionError("a holder still holds the original")
        try:
            models.GoogLeNet()
        except zygote.ForbiddenImport:
            pass
        else:
            raise AssertionError("torchvision.models still holds GoogLeNet")
        scanned = []
        zygote._holders = lambda modules, named: scanned.append(1) or []
        zygote.forbid_objects([], "day19")     # nothing forbidden: no module is walked (a page each)
        assert scanned == [], scanned
        print("replaced")
    ''')
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "replaced" in result.stdout, result.stderr[-2000:]


def test_a_backward_returns_every_gradient_or_the_inputs_alone_where_only_that_is_read():
    worker = session()
    build(worker, channels=2, meta=False)
    x = np.ones((1, 2, 4, 4), np.float32)
    arrays = {"value:conv.weight": np.full((2, 2, 3, 3), 0.5, np.float32), "value:conv.bias": np.zeros(2, np.float32),
              "input": x, "grad_output": np.ones((1, 2, 4, 4), np.float32)}
    _, every = worker.run({"op": "run", "mode": "eval", "backward": True}, dict(arrays))
    _, alone = worker.run({"op": "run", "mode": "eval", "backward": True, "gradients": "input"}, dict(arrays))
    assert set(every) == {"output", "grad:input", "grad:conv.weight", "grad:conv.bias"}
    assert set(alone) == {"output", "grad:input"}
    np.testing.assert_array_equal(alone["grad:input"], every["grad:input"])
    np.testing.assert_array_equal(alone["output"], every["output"])
    # The values were read from the request's arrays, not kept by reference: the module owns copies.
    arrays["value:conv.weight"][...] = 0
    assert float(worker.module.conv.weight.detach().abs().sum()) == 2 * 2 * 9 * 0.5


def test_the_flop_counter_runs_only_where_the_request_wants_the_macs():
    worker = session()
    build(worker, channels=2)
    counted, _ = worker.shapes({"input_shape": [1, 2, 4, 4], "block_class": "Conv2d"}, {})
    build(worker, channels=2)
    plain, _ = worker.shapes({"input_shape": [1, 2, 4, 4], "block_class": "Conv2d", "macs": False}, {})
    assert counted["macs"] == 2 * 2 * 9 * 16 and plain["macs"] is None
    assert plain["block_shapes"] == counted["block_shapes"] == [[1, 2, 4, 4]]
    assert plain["output_shape"] == counted["output_shape"] == [1, 2, 4, 4]


def exchange(worker, header, arrays):
    """One request through a real channel into the worker, as ``_serve_session`` receives it."""
    ours, theirs = socket.socketpair()
    with ours, theirs:
        wire.send(ours, header, arrays)
        header, arrays = wire.receive(theirs, 1 << 24, into=worker.value_in_place)
    return header, arrays


def test_a_runs_values_are_received_straight_into_the_parameters_they_are_for():
    worker = session()
    build(worker, channels=2, meta=False)
    weight = np.arange(36, dtype=np.float32).reshape(2, 2, 3, 3) / 36
    header, arrays = exchange(worker, {"op": "run", "mode": "eval"},
                              {"value:conv.weight": weight, "value:conv.bias": np.ones(2, np.float32),
                               "input": np.ones((1, 2, 4, 4), np.float32)})
    conv = worker.module.conv
    # Already there before the handler runs, in the parameter's own memory (no buffer, no copy) ...
    assert np.shares_memory(arrays["value:conv.weight"], conv.weight.detach().numpy())
    np.testing.assert_array_equal(conv.weight.detach().numpy(), weight)
    _, result = worker.run(header, arrays)
    expected = torch.nn.functional.conv2d(torch.ones(1, 2, 4, 4), torch.from_numpy(weight), torch.ones(2), padding=1)
    np.testing.assert_array_equal(result["output"], expected.numpy())
    # ... and the next run's values replace them the same way.
    header, arrays = exchange(worker, {"op": "run", "mode": "eval"},
                              {"value:conv.weight": np.zeros_like(weight), "value:conv.bias": np.zeros(2, np.float32),
                               "input": np.ones((1, 2, 4, 4), np.float32)})
    _, result = worker.run(header, arrays)
    assert not result["output"].any()


def test_values_the_channel_cannot_place_are_converted_and_copied_as_before():
    worker = session()
    worker.build({"task": "Odd", "args": [2], "kwargs": {}, "input_shape": [3, 2], "meta": False}, {})
    mix = np.array([[1, 2], [3, 4]], np.float32)
    header, arrays = exchange(worker, {"op": "run", "mode": "eval"},
                              {"value:scale": np.array([2, 3], np.float32), "value:mix": mix,
                               "input": np.ones((3, 2), np.float32)})
    assert not np.shares_memory(arrays["value:mix"], worker.module.mix.detach().numpy())
    _, result = worker.run(header, arrays)
    assert worker.module.scale.dtype == torch.float64
    np.testing.assert_array_equal(worker.module.mix.detach().numpy(), mix)
    np.testing.assert_array_equal(result["output"], np.array([[2, 3]], np.float32) @ mix * np.ones((3, 1), np.float32))


def test_a_module_that_raises_while_its_parameters_are_looked_up_fails_its_run_not_the_channel():
    worker = session()
    build(worker, task="Hostile", channels=2, meta=False)
    worker.module.armed = True
    header, arrays = exchange(worker, {"op": "run", "mode": "eval"},
                              {"value:conv.weight": np.zeros((2, 2, 3, 3), np.float32),
                               "input": np.ones((1, 2, 4, 4), np.float32)})
    with pytest.raises(RuntimeError, match="my parameters are my own"):
        worker.run(header, arrays)
