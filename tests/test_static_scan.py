"""The source scan behind the forbidden-API check and the forbidden-import refusal: what it reports
(every way around the worker's own record that we could think of) and what it leaves to the runtime
record (honest code that passes a ``groups`` which is 1 when it runs). Source only: nothing is run."""
from __future__ import annotations

import textwrap

import pytest

from classic_grade.checks.static_scan import evasions, hidden_groups, reexecutions

HEADER = "import torch\nfrom torch import nn\nimport torch.nn.functional as F\n"


def scan(body: str, task: str = "GroupConv2d"):
    source = HEADER + textwrap.dedent(body)
    return evasions(source, task), hidden_groups(source, task)


def kinds(body: str, task: str = "GroupConv2d") -> set[str]:
    found, hidden = scan(body, task)
    return {f.kind for f in found + hidden}


def method(body: str, args: str = "", before: str = "") -> str:
    """A snippet: ``before`` at the top level, then a GroupConv2d whose one method ``f(self, args)``
    is the line ``body`` (the shape most evasions take)."""
    return f"{before}class GroupConv2d:\n    def f(self{', ' + args if args else ''}):\n        {body}\n"


EVASIONS = {
    "dispatch module imported": (
        method("return d._disable_current_modes()", before="from torch.utils import _python_dispatch as d\n"),
        "dispatch"),
    "modes disabled by attribute chain": ("class GroupConv2d:\n    def f(self, x):\n"
                                          "        with torch.utils._python_dispatch._disable_current_modes():\n"
                                          "            return x\n", "dispatch"),
    "torch._C native conv": (method("return torch._C._VariableFunctions.conv2d(x, w, None, 1, 0, 1, 2)", "x, w"),
                             "dispatch"),
    "torch._C through a function returning torch": (method("return t()._C", before="def t():\n    return torch\n"),
                                                    "dispatch"),
    "torch.ops.aten convolution": (
        method("return torch.ops.aten.convolution.default(x, w, None, [1], [0], [1], False, [0], 2)", "x, w"),
        "dispatch"),
    "getattr of torch.ops": (method("return getattr(torch.ops, 'aten')"), "dispatch"),
    "mode popped by name": (
        method("return p()", before="from torch.utils._python_dispatch import _pop_mode_temporarily as p\n"),
        "dispatch"),
    "function mode subclass": ("from torch.overrides import TorchFunctionMode\nclass Mode(TorchFunctionMode):\n"
                               "    pass\nclass GroupConv2d:\n    pass\n", "dispatch"),
    "own __torch_dispatch__": ("class GroupConv2d:\n    def __torch_dispatch__(self, *a):\n        pass\n", "dispatch"),
    "default device mode": ("torch.set_default_device('cpu')\nclass GroupConv2d:\n    pass\n", "dispatch"),
    "torch.library override": (method("return torch.library.Library"), "dispatch"),
    "computed getattr of F": (method("return getattr(F, 'conv' + '2d')"), "reexecution"),
    "computed __import__": (method("return __import__(n)", "n"), "reexecution"),
    "computed import_module": (
        method("return import_module(n)", "n", before="from importlib import import_module\n"),
        "reexecution"),
    "import_module of torch internals": (
        method("return importlib.import_module('torch._C')", before="import importlib\n"),
        "dispatch"),
    "exec of a string": ("exec('x = 1')\nclass GroupConv2d:\n    pass\n", "reexecution"),
    "compile then eval": (method("return eval(compile(s, 'x', 'eval'))", "s"), "reexecution"),
    "exec through builtins": (method("return builtins.exec", before="import builtins\n"), "reexecution"),
    "exec handed on as a value": ("run = [exec]\nclass GroupConv2d:\n    pass\n", "reexecution"),
    "globals by string": (method("return globals()['F']"), "reexecution"),
    "reload": (method("return importlib.reload(m)", "m", before="import importlib\n"), "reexecution"),
    "runpy": (method("return runpy.run_path(p)", "p", before="import runpy\n"), "reexecution"),
    "sys.modules walk": (method("return list(sys.modules)", before="import sys\n"), "reexecution"),
    "sys.modules imported by name": (method("return modules", before="from sys import modules\n"), "reexecution"),
    "frames": (method("return sys._getframe(1).f_locals", before="import sys\n"), "reexecution"),
    "traceback frames": (method("return e.__traceback__.tb_frame", "e"), "reexecution"),
    "gc objects": (method("return gc.get_objects()", before="import gc\n"), "reexecution"),
    "subclasses walk": (method("return object.__subclasses__()"), "reexecution"),
    "a module's file": (method("return open(F.__file__).read()"), "reexecution"),
    "a module's dict": (method("return torch.__dict__['_' + 'C']"), "reexecution"),
    "a builtin's module": (method("return len.__self__"), "reexecution"),
    "pickle": (method("return p.loads(b)", "b", before="import pickle as p\n"), "reexecution"),
    "torch.load": (method("return torch.load(p, weights_only=False)", "p"), "reexecution"),
    "torch.jit.load": (method("return torch.jit.load(p)", "p"), "reexecution"),
    "torch.compile": (method("return torch.compile(m)", "m"), "dispatch"),
    "a convolution on another thread": (
        method("threading.Thread(target=run).start()", "run", before="import threading\n"),
        "process"),
    "code objects": (method("return types.FunctionType(c, {})", "c", before="import types\n"), "reexecution"),
    "attrgetter": (method("return operator.attrgetter('_C')(torch)", before="import operator\n"), "reexecution"),
    "computed sys.path": ("import sys, os\nsys.path.insert(0, os.path.dirname(F.__name__))\n"
                          "class GroupConv2d:\n    pass\n", "reexecution"),
    "inspect source": (method("return inspect.getsource(F)", before="import inspect\n"), "reexecution"),
    "timeit of a string": (method("return timeit.timeit('F.conv2d', number=1)", before="import timeit\n"),
                           "reexecution"),
    "ctypes": (method("return ctypes.CDLL(None)", before="import ctypes\n"), "process"),
    "subprocess": ("class GroupConv2d:\n    def f(self):\n        import subprocess\n        return subprocess\n",
                   "process"),
    "kwargs from a computed dict": ("class GroupConv2d:\n    def f(self, x, w, g):\n        o = {}\n"
                                    "        o['gro' + 'ups'] = g\n        return F.conv2d(x, w, **o)\n",
                                    "hidden_groups"),
    "kwargs on an attribute": (method("return F.conv2d(x, w, **self.o)", "x, w"), "hidden_groups"),
    "kwargs handed through a helper called with **": (
        "def conv(*a, **k):\n    return nn.Conv2d(*a, **k)\n"
        "class GroupConv2d:\n    def __init__(self, c, g):\n        self.c = conv(c, c, 3, **{'gro' + 'ups': g})\n",
        "hidden_groups"),
    "helper handed around as a value": (
        "def conv(*a, **k):\n    return nn.Conv2d(*a, **k)\n"
        "class GroupConv2d:\n    def __init__(self, c, g):\n        make = conv\n        self.c = make(c, c, 3)\n",
        "hidden_groups"),
    "partial with a hidden dict": (
        method("return functools.partial(F.conv2d, **o)", "o", before="import functools\n"),
        "hidden_groups"),
    "star args into the groups slot": (method("return F.conv2d(x, w, *self.spec)", "x, w"), "hidden_groups"),
}


@pytest.mark.parametrize("body, kind", EVASIONS.values(), ids=EVASIONS.keys())
def test_every_way_around_the_record_is_reported(body, kind):
    assert kind in kinds(body)


HONEST = {
    "helper with groups=1 by default": (
        "def make_conv(c_in, c_out, k, groups=1, **kw):\n    return nn.Conv2d(c_in, c_out, k, groups=groups, **kw)\n"
        "class GroupConv2d(nn.Module):\n    def __init__(self, cin, cout, k, groups, stride=1):\n"
        "        super().__init__()\n        self.convs = nn.ModuleList(make_conv(cin // groups, cout // groups, k, "
        "stride=stride, bias=False) for _ in range(groups))\n"),
    "groups from an attribute that is 1": (
        "class GroupConv2d(nn.Module):\n    def __init__(self, cin, cout, k, groups):\n        super().__init__()\n"
        "        self.g_inner = 1\n        self.convs = nn.ModuleList(nn.Conv2d(cin // groups, cout // groups, k, "
        "groups=self.g_inner) for _ in range(groups))\n"),
    "a literal options dict": (
        "OPTIONS = {'bias': False, 'groups': 1}\nclass GroupConv2d(nn.Module):\n"
        "    def __init__(self, c, g):\n        super().__init__()\n        self.c = nn.Conv2d(c, c, 3, **OPTIONS)\n"),
    "a local dict(...) read only": (
        "class GroupConv2d(nn.Module):\n    def forward(self, x):\n        o = dict(stride=1, padding=1)\n"
        "        if 'stride' in o:\n            pass\n        return F.conv2d(x, self.w, **o)\n"),
    "a conv_bn helper whose callers pass plain keywords": (
        "def conv_bn(cin, cout, **kwargs):\n    return nn.Sequential(nn.Conv2d(cin, cout, bias=False, **kwargs), "
        "nn.BatchNorm2d(cout))\n"
        "class GroupConv2d(nn.Module):\n    def __init__(self, c):\n        super().__init__()\n"
        "        self.a = conv_bn(c, c, kernel_size=3, padding=1)\n"),
    "getattr of its own layers": (
        "class GroupConv2d(nn.Module):\n    def __init__(self, g):\n        super().__init__()\n"
        "        for i in range(g):\n            setattr(self, f'conv{i}', nn.Conv2d(1, 1, 1))\n"
        "    def forward(self, x):\n        return [getattr(self, f'conv{i}')(x) for i in range(2)]\n"),
    "notebook niceties": ("import sys, gc, importlib, inspect\nsys.path.append('..')\ngc.collect()\nimport math\n"
                          "from functools import reduce\nimport operator\n"
                          "class GroupConv2d(nn.Module):\n    def f(self, k):\n        return reduce(operator.mul, k)\n"),
    "a private helper of torch.nn": ("from torch.nn.modules.utils import _pair\nclass GroupConv2d(nn.Module):\n"
                                     "    def __init__(self, k):\n        super().__init__()\n        self.k = _pair(k)\n"),
    "a notebook cell that counts a library conv's parameters": (
        "for args, groups in [((64, 128, 3), 4)]:\n    print(sum(p.numel() for p in nn.Conv2d(*args, groups=groups)"
        ".parameters()))\nclass GroupConv2d(nn.Module):\n    pass\n"),
    "its own _C attribute name": ("class GroupConv2d(nn.Module):\n    def __init__(self, c):\n        super().__init__()\n"
                                  "        self._C = c\n"),
}


@pytest.mark.parametrize("body", HONEST.values(), ids=HONEST.keys())
def test_honest_code_is_left_to_the_runtime_record(body):
    assert scan(body) == ([], [])


def test_scope_is_load_time_code_and_what_the_task_names():
    source = HEADER + textwrap.dedent("""
        import importlib
        def _reload(m):
            return importlib.reload(m)
        def ResNeXt50():
            return _reload(torch)
        def group_conv_params(a, b):
            return a * b
        class ResNeXtBlock(nn.Module):
            def forward(self, x):
                return F.conv2d(x, self.w, **self.options)
        """)
    # The reload is ResNeXt50's (through its helper); the import statement alone is nobody's.
    assert [f.line for f in reexecutions(source, "ResNeXt50")] == [7]
    assert reexecutions(source, "group_conv_params") == []
    loaded = source + "importlib.reload(torch)\n"   # runs when the module loads: every task's
    assert [f.line for f in reexecutions(loaded, "group_conv_params")] == [15]
    assert hidden_groups(source, "ResNeXtBlock") and not hidden_groups(source, "GroupConv2d")


def test_a_finding_names_the_students_line():
    found, _ = scan("class GroupConv2d:\n    def f(self, x):\n        return torch._C._nn.something(x)\n")
    assert str(found[0]).startswith("line 6: reaches torch's internals (torch._C)")
    assert "return torch._C._nn.something(x)" in str(found[0])


def test_unparsable_source_reports_nothing_here():
    # The loader reports a syntax error on its own; the scan has no verdict on what it cannot read.
    assert evasions("def (:", "GroupConv2d") == [] and hidden_groups("def (:", "GroupConv2d") == []
