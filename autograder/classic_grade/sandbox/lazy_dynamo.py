"""Keep torch's compiler (``torch._dynamo``, with sympy and torch.distributed behind it) out of
processes that never compile: its import costs about 1.2 s of CPU, more than torch's own.

Two of our imports pull it in though nothing compiles:

- torchvision, whose ``ops/roi_align.py`` imports ``torch._dynamo.utils.is_compile_supported`` at
  its top (every zygote imports torchvision, so that a student's ``import torchvision`` is free);
- the first call of any function torch marks as never to be traced (``torch._disable_dynamo``):
  every ``TorchDispatchMode``'s ``__torch_dispatch__`` (the flop counter's, which every grader and
  every MACs check use) and the reference implementations that ops on the meta device run. The
  marking's wrapper imports dynamo on its first call, to build the exclusion.

Nothing can be compiling while ``torch._dynamo`` has never been imported (``torch.compile`` imports
it first), so until then that exclusion has nothing to exclude from; once it is imported, the real
one is built and used, as torch would. Where torch's internals are not shaped as this module expects
(another release), it changes nothing and the import is paid as before.

Loaded by file path inside the zygote (which imports nothing of classic_grade): standard library
and torch only.
"""
import functools
import gc
import sys
import types

DYNAMO = "torch._dynamo"
ATTRIBUTE = "__dynamo_disable"   # where torch._compile._disable_dynamo caches a function's exclusion


def import_torchvision():
    """``import torchvision`` without importing dynamo: roi_align's one name from it is bound to a
    stand-in that imports the real function on its first call (a call that only a compiled path
    makes). Falls back to the plain import if the stand-in does not satisfy torchvision."""
    import torch

    if DYNAMO in sys.modules or "torchvision" in sys.modules:
        import torchvision
        return torchvision

    def is_compile_supported(*args, **kwargs):
        from torch._dynamo.utils import is_compile_supported as real
        return real(*args, **kwargs)

    package = types.ModuleType(DYNAMO)
    package.__path__ = []   # a package, so that torch._dynamo.utils resolves to the stand-in below
    utils = types.ModuleType(DYNAMO + ".utils")
    utils.is_compile_supported = is_compile_supported
    package.utils = utils
    sys.modules[DYNAMO], sys.modules[DYNAMO + ".utils"] = package, utils
    try:
        import torchvision
    except Exception:   # noqa: BLE001 - a torchvision that wants more of dynamo: import it for real
        _drop_stand_ins(torch, package)
        for name in [n for n in sys.modules if n == "torchvision" or n.startswith("torchvision.")]:
            del sys.modules[name]
        import torchvision
        return torchvision
    _drop_stand_ins(torch, package)
    return torchvision


def _drop_stand_ins(torch, package) -> None:
    for name, stand_in in ((DYNAMO, package), (DYNAMO + ".utils", package.utils)):
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
    if vars(torch).get("_dynamo") is package:
        delattr(torch, "_dynamo")


def _exclusion_wrapper_code():
    """The code object every ``torch._compile._disable_dynamo`` wrapper shares, if torch's is shaped
    as expected (it caches each function's exclusion under ATTRIBUTE), else None."""
    try:
        from torch._compile import _disable_dynamo
        code = _disable_dynamo(lambda: None).__code__
    except (ImportError, AttributeError, TypeError):
        return None
    return code if ATTRIBUTE in code.co_consts else None


def _defer(wrapper, code) -> bool:
    if getattr(wrapper, "__code__", None) is not code:
        return False
    # the wrapped function and its flag, from the wrapper's closure (its __wrapped__ may name a
    # function further down, where the wrapped one was itself made with functools.wraps)
    cells = dict(zip(code.co_freevars, wrapper.__closure__ or ()))
    if "fn" not in cells:
        return False
    raw = cells["fn"].cell_contents
    recursive = cells["recursive"].cell_contents if "recursive" in cells else True
    if getattr(raw, ATTRIBUTE, None) is not None:
        return False

    def deferred(*args, **kwargs):
        if DYNAMO in sys.modules:   # compiling is possible from now on: exclude ``raw`` as torch does
            excluded = sys.modules[DYNAMO].disable(raw, recursive=recursive, wrapping=False)
            setattr(raw, ATTRIBUTE, excluded)
            return excluded(*args, **kwargs)
        return raw(*args, **kwargs)

    setattr(raw, ATTRIBUTE, deferred)   # the wrapper looks it up on every call; absent, it imports dynamo
    return True


def defer_all() -> int:
    """Every exclusion wrapper defers dynamo: those that exist now (torch's own, torchvision's, the
    flop counter's), and those made from now on (torch makes some when a module that ops on the meta
    device need is first imported, and one for each dispatch mode defined later). Returns how many
    existing ones were changed: 0 on a second call (the marker defers all since the first), and 0
    where torch's internals differ from what this expects."""
    import torch
    import torch._compile

    original = torch._compile._disable_dynamo
    if getattr(original, "defers", False):
        return 0
    code = _exclusion_wrapper_code()
    if code is None:
        return 0

    def disable_dynamo(fn=None, recursive=True):
        if fn is None:   # @torch._disable_dynamo(recursive=False): the decorator, deferring too
            return functools.partial(disable_dynamo, recursive=recursive)
        made = original(fn, recursive)
        _defer(made, code)
        return made

    disable_dynamo.defers = True
    torch._compile._disable_dynamo = torch._disable_dynamo = disable_dynamo
    frozen = gc.get_freeze_count()
    if frozen:   # the collector cannot list what was frozen (collector.engine_start); frozen again below
        gc.unfreeze()
    try:
        wrappers = [f for f in gc.get_objects() if type(f) is types.FunctionType and f.__code__ is code]
    finally:
        if frozen:
            gc.freeze()
    return sum(_defer(wrapper, code) for wrapper in wrappers)
