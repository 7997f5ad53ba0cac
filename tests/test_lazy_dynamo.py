"""torch's compiler stays unimported in the zygote and in a grader (sandbox/lazy_dynamo.py), and what
it defers still behaves as torch's own: counts are the same, and a compiled module is still
excluded from tracing once the compiler is there. Each case runs in a fresh interpreter: a test
process has long since imported the compiler through something else."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FRESH = """
import json, sys
import torch
from classic_grade.sandbox import lazy_dynamo
lazy_dynamo.import_torchvision()
import torch.utils.flop_counter
changed = lazy_dynamo.defer_all()
from torch.utils.flop_counter import FlopCounterMode
from torchvision.models.resnet import BasicBlock
from torchvision.ops import roi_align

with FlopCounterMode(display=False) as counter, torch.device("meta"):
    net = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3), torch.nn.BatchNorm2d(8), torch.nn.ReLU(),
                              torch.nn.MaxPool2d(2, ceil_mode=True), torch.nn.Flatten(), torch.nn.LazyLinear(4))
    net(torch.zeros(2, 3, 9, 9))
    block = BasicBlock(8, 8)
    block(torch.zeros(1, 8, 5, 5))
meta_flops = counter.get_total_flops()
pooled = roi_align(torch.arange(64.0).reshape(1, 1, 8, 8), [torch.tensor([[0.0, 0.0, 4.0, 4.0]])], 2)
from torch.utils._python_dispatch import TorchDispatchMode

class Late(TorchDispatchMode):   # a mode defined from now on (the harness's Record, in a job)
    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        return func(*args, **(kwargs or {}))

class Unwrapped(TorchDispatchMode):   # one that torch leaves unwrapped is left alone
    @classmethod
    def _should_skip_dynamo(cls):
        return False

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        return func(*args, **(kwargs or {}))

with Late():
    late_mode = torch.ones(2).add(1).tolist()
with Unwrapped():
    unwrapped_mode = torch.ones(2).add(2).tolist()
unwrapped_changed = hasattr(Unwrapped.__dict__["__torch_dispatch__"], "__dynamo_disable")
late = torch._disable_dynamo(lambda x: x + 1)   # as a module imported from now on marks its functions
late_flat = torch._disable_dynamo(recursive=False)(lambda x: x + 2)   # and the decorator's other form
late_value = late(1) + late_flat(1)
before = "torch._dynamo" in sys.modules

import torch._dynamo   # now compiling is possible: what was deferred is excluded as torch would
conv = torch.nn.Conv2d(3, 8, 3)
with FlopCounterMode(display=False) as eager:
    conv(torch.ones(1, 3, 6, 6))
with FlopCounterMode(display=False) as compiled:
    out = torch.compile(conv, backend="eager")(torch.ones(1, 3, 6, 6))
print(json.dumps({"changed": changed, "again": lazy_dynamo.defer_all(), "compiler_before": before,
                  "late": late_value, "modes": [late_mode, unwrapped_mode], "unwrapped_changed": unwrapped_changed, "meta_flops": meta_flops,
                  "pooled": pooled.flatten().tolist(), "eager": eager.get_total_flops(),
                  "compiled": compiled.get_total_flops(), "same": bool(torch.equal(out, conv(torch.ones(1, 3, 6, 6))))}))
"""

GRADER = """
import json, sys
from classic_grade import Grader
from classic_grade.grading import prepare
prepare("day19")
with Grader("cpu") as grader:
    ready = grader.zygote.ready()
    report = grader.grade(sys.argv[1], "day19", "all", tasks=["InceptionBlock", "conv_params"])
print(json.dumps({"zygote": ready["compiler_imported"], "grader": "torch._dynamo" in sys.modules,
                  "score": report.score, "max": report.max_score}))
"""


def _run(code: str, *args: str) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "autograder"), str(ROOT / "reference")]))
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


# FLOPs (2 per multiply-add) of FRESH's meta-device forwards, by hand: the 3→8 3×3 conv on 2×3×9×9
# (7×7 out), the linear layer on the 8×4×4 features ceil-mode pooling leaves, BasicBlock's two 8→8
# 3×3 convs on 1×8×5×5.
META_FLOPS = 2 * (2 * 8 * 7 * 7 * 3 * 9) + 2 * (2 * 128 * 4) + 2 * 2 * (8 * 5 * 5 * 8 * 9)
# roi_align of the box (0, 0)-(4, 4) over 8·y + x into 2×2 bins: each bin the mean of its 2×2
# samples at offsets 0.5 and 1.5 (8 + 1 = 9 for the first; the next bin 2 to the right, 16 below)
POOLED = [9.0, 11.0, 25.0, 27.0]


def test_torchvision_and_the_flop_counter_on_meta_need_no_compiler_and_count_as_before():
    fresh = _run(FRESH)
    assert fresh["changed"] > 0 and fresh["again"] == 0
    assert fresh["modes"] == [[2.0, 2.0], [3.0, 3.0]] and fresh["unwrapped_changed"] is False
    assert fresh["compiler_before"] is False and fresh["late"] == 2 + 3
    assert fresh["meta_flops"] == META_FLOPS
    assert fresh["pooled"] == POOLED
    # once the compiler is imported, a deferred mode is excluded from tracing as torch's own is
    assert fresh["compiled"] == fresh["eager"] > 0 and fresh["same"]


def test_neither_the_zygote_nor_a_grader_imports_the_compiler_to_grade():
    correct = ROOT / "autograder" / "classic_grade" / "examples" / "day19" / "correct.py"
    seen = _run(GRADER, str(correct))
    assert seen["score"] == seen["max"] > 0
    assert seen == {**seen, "zygote": False, "grader": False}
