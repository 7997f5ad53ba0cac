"""Checks for a hand-written grouped convolution (day21 ``GroupConv2d``): each output group reads
only its own input group, and the library's own grouped convolution is not what does the work.

Both are mapping-free: they run the submission with its own drawn weights. The configurations
carry ``groups`` and ``out_channels`` beside the usual keys (see tasks/day21.py).
"""
from __future__ import annotations

import ast

import numpy as np

from .modules import _input_shape, build_submission, own_values, run_submission
from .numeric import draw_input, seed_for
from .outcome import CheckFailed
from .properties import for_all

# Names whose call builds or runs a convolution; their ``groups`` argument is the forbidden one.
# ``groups`` is the 7th positional parameter of nn.Conv2d and F.conv2d, the 9th of torch.convolution.
GROUPS_POSITION = {"Conv2d": 6, "LazyConv2d": 5, "conv2d": 6, "convolution": 8, "_convolution": 8}


def _split(configs):
    """Only a configuration with two groups or more can show a group mixing with another."""
    return configs.filter(lambda config: config["groups"] >= 2)


def check_group_block_diagonal(ctx, spec, examples):
    """Perturb input group j (all its channels, every pixel): only output group j may change, and
    it must."""
    def body(config):
        rng = np.random.default_rng(seed_for(ctx.task, "group_block_diagonal", config))
        values = own_values(build_submission(ctx, config), rng)
        x = draw_input(rng, _input_shape(config))
        _, base = run_submission(ctx, values, x)
        groups, out_channels = config["groups"], config["out_channels"]
        if base["output"].ndim != 4 or base["output"].shape[1] != out_channels:
            raise CheckFailed(f"expected {out_channels} output channels, got output shape {base['output'].shape}")
        width_in, width_out = config["in_channels"] // groups, out_channels // groups
        for group in range(groups):
            moved = x.copy()
            own = slice(group * width_in, (group + 1) * width_in)
            moved[:, own] += rng.uniform(1.0, 3.0, moved[:, own].shape).astype(np.float32)
            _, after = run_submission(ctx, values, moved)
            changed = np.abs(after["output"] - base["output"]).sum(axis=(0, 2, 3)) > 0
            strays = [int(c) for c in np.flatnonzero(changed) if c // width_out != group]
            if strays:
                raise CheckFailed(
                    f"changing input group {group} (channels {own.start}–{own.stop - 1}) changed output channel "
                    f"{strays[0]}, which belongs to output group {strays[0] // width_out} (channels "
                    f"{group * width_out}–{(group + 1) * width_out - 1} are group {group}'s)")
            if not changed[group * width_out:(group + 1) * width_out].any():
                raise CheckFailed(f"changing input group {group} (channels {own.start}–{own.stop - 1}) changed "
                                  f"none of output group {group}'s channels")
    return for_all(_split(spec.configs), examples, body)


# -- the forbidden API --------------------------------------------------------------------------


def _callee(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _is_one(node) -> bool:
    return isinstance(node, ast.Constant) and node.value == 1 and not isinstance(node.value, bool)


def _groups_argument(node: ast.Call):
    """The expression a call passes as ``groups`` (a keyword, a literal ``**{...}`` entry or the
    positional slot of a convolution), or None."""
    for keyword in node.keywords:
        if keyword.arg == "groups":
            return keyword.value
        if keyword.arg is None and isinstance(keyword.value, ast.Dict):
            for key, value in zip(keyword.value.keys, keyword.value.values):
                if isinstance(key, ast.Constant) and key.value == "groups":
                    return value
    position = GROUPS_POSITION.get(_callee(node))
    if position is not None and len(node.args) > position:
        return node.args[position]
    return None


def _reachable_definitions(tree: ast.Module, task: str) -> list[ast.AST]:
    """The task's top-level definition and every top-level definition or assignment it names,
    transitively: a helper the task calls is the task's code too; a later task that merely uses
    the task (a ResNeXt block, where grouped convs are allowed) is not."""
    defined: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined[node.name] = node
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        defined[name.id] = node
    found, pending = [], [task]
    while pending:
        name = pending.pop()
        node = defined.get(name)
        if node is None or any(node is seen for seen in found):
            continue
        found.append(node)
        pending.extend(n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id != name)
    return found


def forbidden_in_source(source: str, task: str) -> list[str]:
    """Read, never run: each call in the task's code that passes ``groups`` other than the literal 1."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    lines = []
    for definition in _reachable_definitions(tree, task):
        for node in ast.walk(definition):
            if isinstance(node, ast.Call):
                groups = _groups_argument(node)
                if groups is not None and not _is_one(groups):
                    text = ast.get_source_segment(source, node) or _callee(node)
                    text = " ".join(text.split())
                    lines.append(f"line {node.lineno}: {text if len(text) < 100 else text[:97] + '…'}")
    return lines


def check_forbidden_api(ctx, spec, examples):
    """The task must build grouping itself: no ``groups`` > 1 handed to torch, neither in its
    source (an AST scan here, the code is not run) nor in the modules it builds or the
    convolutions its forward performs (seen in the worker)."""
    found = forbidden_in_source(ctx.source, ctx.task)
    if found:
        raise CheckFailed(f"{ctx.task} passes `groups` to a convolution, which is the library's grouped "
                          "convolution this task asks you to write:\n  " + "\n  ".join(found[:5]))

    def body(config):
        build_submission(ctx, config)
        reply, _ = ctx.request({"op": "grouped_convolutions", "input_shape": list(_input_shape(config))})
        if reply["modules"]:
            module = reply["modules"][0]
            raise CheckFailed(f"the built module contains {module['type']} {module['name'] or '(the module itself)'!r} "
                              f"with groups={module['groups']}: the grouping must be written by hand")
        grouped = [call for call in reply["calls"] if call["groups"] > 1]
        if grouped:
            raise CheckFailed(f"the forward pass ran {grouped[0]['op']} with groups={grouped[0]['groups']}: "
                              "the grouping must be written by hand (split, convolve each slice, concatenate)")
    return for_all(_split(spec.configs), examples, body)


CHECKS = {"group_block_diagonal": check_group_block_diagonal, "forbidden_api": check_forbidden_api}
