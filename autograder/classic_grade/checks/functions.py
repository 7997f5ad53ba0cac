"""Checks for counting functions: exact integers, on the papers' rows and on drawn arguments."""
from __future__ import annotations

from ..messages import Text, msg
from ..sandbox import wire
from . import registry
from .outcome import CheckFailed
from .properties import for_all
from .registry import FUNCTION


def _call_text(task, args, kwargs) -> str:
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{task}({', '.join(parts)})"


def _expect(ctx, spec, args, kwargs):
    expected = spec.reference(*args, **kwargs)
    call = _call_text(ctx.task, args, kwargs)
    try:
        reply, _ = ctx.request({"op": "call", "task": ctx.task, "args": wire.encode_value(list(args)),
                                "kwargs": wire.encode_value(kwargs)})
    except CheckFailed as failure:
        # type(failure): a task not implemented yet stays that plain verdict once the call is named
        raise type(failure)(Text(call, ": ", failure.message), {"args": list(args), "kwargs": kwargs}) from None
    if isinstance(expected, tuple):
        _expect_ints(call, reply, expected, {"args": list(args), "kwargs": kwargs})
        return
    if reply["type"] != "int":
        if reply["type"] == "float" and isinstance(reply["value"], float) and reply["value"] == expected:
            raise CheckFailed(msg("{call} returned the float {value!r}; a count is an int", call=call,
                                  value=reply["value"]))
        raise CheckFailed(msg("{call} returned {value!r} of type {type}, expected the int {expected:,}", call=call,
                              value=reply.get("repr", reply["value"]), type=reply["type"], expected=expected))
    if reply["value"] != expected:
        raise CheckFailed(msg("{call} returned {value:,}, expected {expected:,}", call=call, value=reply["value"],
                              expected=expected), {"args": list(args), "kwargs": kwargs})


def _expect_ints(call, reply, expected: tuple, example) -> None:
    """A count in parts (``separable_macs``: the unit's and the standard conv's): a tuple of ints."""
    text = "(" + ", ".join(f"{v:,}" for v in expected) + ")"
    if reply["type"] != "tuple" or reply["value"] is None:  # None: a tuple of something else than ints
        raise CheckFailed(msg("{call} returned {value!r} of type {type}, expected the tuple of two ints {expected}",
                              call=call, value=reply.get("repr", reply["value"]), type=reply["type"], expected=text),
                          example)
    if tuple(reply["value"]) != expected:
        got = "(" + ", ".join(f"{v:,}" for v in reply["value"]) + ")"
        raise CheckFailed(msg("{call} returned {value}, expected {expected}", call=call, value=got, expected=text),
                          example)


@registry.check("paper_examples", kind="function", title="the papers' examples", evidence=FUNCTION)
def check_paper_examples(ctx, spec, examples):
    for args, kwargs in spec.paper_examples:
        _expect(ctx, spec, args, kwargs)
    return len(spec.paper_examples)


@registry.check("drawn_arguments", premises=("paper_examples",), kind="function", title="exact over drawn arguments", evidence=FUNCTION)
def check_drawn_arguments(ctx, spec, examples):
    def body(drawn):
        _expect(ctx, spec, drawn["args"], drawn.get("kwargs", {}))
    return for_all(spec.configs, examples, body)

