"""The reference's side of a check, reused across checks and submissions, must behave exactly as if
it were computed afresh: a module a check changes is its own copy, an array cannot be changed for
the next submission, and torch's generator ends where computing would have left it."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from classic_grade.checks import reference_cache
from classic_grade.checks.modules import build_reference, run_reference
from classic_grade.tasks import specs


@pytest.fixture(autouse=True)
def fresh_cache():
    reference_cache.clear()
    yield
    reference_cache.clear()


def conv1x1_config():
    return {"args": [3, 4], "batch": 2, "in_channels": 3, "height": 5, "width": 5}


def test_a_reused_reference_is_a_copy_that_a_check_may_change():
    spec = specs("day19")["conv1x1"]
    first = build_reference(spec, conv1x1_config())
    with torch.no_grad():
        next(first.parameters()).fill_(7.0)
    second = build_reference(spec, conv1x1_config())
    assert second is not first
    assert not torch.equal(next(second.parameters()), next(first.parameters()))


def test_a_reused_build_leaves_torchs_generator_where_building_does():
    spec = specs("day19")["conv1x1"]
    build_reference(spec, conv1x1_config())
    after_build = torch.rand(3)
    torch.manual_seed(123)
    build_reference(spec, conv1x1_config())   # reused: no seeding, no initialisation ran
    assert torch.equal(torch.rand(3), after_build)


def test_reused_arrays_are_read_only_and_equal_to_a_fresh_computation():
    spec = specs("day19")["InceptionBlock"]
    config = {"args": [4, [2, 2, 3, 2, 2, 2]], "batch": 1, "in_channels": 4, "height": 5, "width": 5}
    module = build_reference(spec, config)
    rng = np.random.default_rng(0)
    values = {n: rng.standard_normal(t.shape).astype(np.float32)
              for n, t in list(module.named_parameters()) + list(module.named_buffers()) if t.is_floating_point()}
    x = rng.standard_normal((1, 4, 5, 5)).astype(np.float32)
    grad_output = rng.standard_normal((1, 9, 5, 5)).astype(np.float32)
    cached = run_reference(module, values, x, "eval", grad_output)
    again = run_reference(build_reference(spec, config), values, x, "eval", grad_output)
    reference_cache.clear()
    fresh = run_reference(build_reference(spec, config), values, x, "eval", grad_output)
    for name, array in fresh.items():
        assert np.array_equal(again[name], array), name
        assert np.array_equal(cached[name], array), name
    with pytest.raises(ValueError):
        again["output"][0, 0, 0, 0] = 1.0


def test_an_input_gradient_run_holds_the_inputs_gradient_alone_and_the_same_one():
    """A network check reads only the input image's gradient: its cached run must not hold another
    copy of every parameter (a ResNet-50's is 100 MB), and the gradient must be the full backward's."""
    spec = specs("day19")["InceptionBlock"]
    config = {"args": [4, [2, 2, 3, 2, 2, 2]], "batch": 1, "in_channels": 4, "height": 5, "width": 5}
    rng = np.random.default_rng(1)
    module = build_reference(spec, config)
    values = {n: rng.standard_normal(t.shape).astype(np.float32)
              for n, t in list(module.named_parameters()) + list(module.named_buffers()) if t.is_floating_point()}
    x = rng.standard_normal((1, 4, 5, 5)).astype(np.float32)
    grad_output = rng.standard_normal((1, 9, 5, 5)).astype(np.float32)
    full = run_reference(module, values, x, "eval", grad_output)
    alone = run_reference(build_reference(spec, config), values, x, "eval", grad_output, input_gradient_only=True)
    assert set(alone) == {"output", "grad:input"} and len(full) > 2
    assert np.array_equal(alone["grad:input"], full["grad:input"]) and np.array_equal(alone["output"], full["output"])


def test_a_changed_structure_or_input_is_not_reused():
    spec = specs("day19")["conv1x1"]
    module = build_reference(spec, conv1x1_config())
    values = {n: np.ones(tuple(t.shape), np.float32) for n, t in module.named_parameters()}
    x = np.ones((2, 3, 5, 5), np.float32)
    plain = run_reference(module, values, x)["output"]
    assert np.array_equal(run_reference(module, values, 2 * x)["output"], 2 * plain - values["bias"].reshape(1, -1, 1, 1))
    other = build_reference(spec, conv1x1_config())
    other.padding = (1, 1)   # another structure (a variant's other pooling, say): its own entry
    assert run_reference(other, values, x)["output"].shape != plain.shape


def test_entries_are_bounded_by_their_bytes(monkeypatch):
    monkeypatch.setattr(reference_cache, "LIMIT_BYTES", 1000)
    for index in range(5):
        reference_cache.remembered(("big", index), lambda: np.zeros(100, np.float32))   # 400 bytes each
    assert sum(reference_cache._sizes.values()) <= 1000
    assert ("big", 4) in reference_cache._entries and ("big", 0) not in reference_cache._entries


def test_a_frozen_arrays_digest_is_remembered_and_is_its_contents_digest():
    fresh = np.arange(12, dtype=np.float32).reshape(3, 4)
    frozen = reference_cache.remembered(("digest test",), lambda: fresh.copy())
    assert not frozen.flags.writeable
    assert reference_cache.digest(frozen) == reference_cache.digest(fresh) == reference_cache.digest(fresh.copy())
    assert reference_cache.digest(frozen) == reference_cache.digest(frozen)   # the second time from memory
    changed = fresh.copy()
    changed[0, 0] = 1
    assert reference_cache.digest(changed) != reference_cache.digest(frozen)


def test_large_own_values_are_drawn_once_and_leave_the_generator_where_drawing_does():
    from classic_grade.checks.modules import own_values
    from classic_grade.checks.numeric import draw_parameter

    shapes = {"conv.weight": (1024, 1024, 1, 1), "bn.running_var": (1024,), "bn.bias": (1024,)}
    first, again, fresh = (np.random.default_rng(7) for _ in range(3))
    drawn, reused = own_values(shapes, first), own_values(shapes, again)
    expected = {name: draw_parameter(fresh, shape, name) for name, shape in shapes.items()}
    assert all(np.array_equal(drawn[n], expected[n]) for n in shapes)
    assert all(np.array_equal(reused[n], expected[n]) for n in shapes)
    after = fresh.standard_normal(4)
    assert np.array_equal(first.standard_normal(4), after) and np.array_equal(again.standard_normal(4), after)
    renamed = own_values({"w": (1024, 1024, 1, 1), "v.running_var": (1024,), "b": (1024,)}, np.random.default_rng(7))
    assert np.array_equal(renamed["w"], expected["conv.weight"])   # the same shapes and kinds: the same draws


def _shared_references() -> list[tuple[torch.nn.Module, dict]]:
    """The reference modules the cache hands out uncopied (a trial's), with the values drawn for them."""
    return [(value[0], value[4]) for value, _ in reference_cache._entries.values()
            if isinstance(value, tuple) and value and isinstance(value[0], torch.nn.Module)]


def _state(module: torch.nn.Module):
    return repr(module), [m.training for m in module.modules()], {k: v.clone() for k, v in module.state_dict().items()}


def test_a_trials_shared_reference_is_never_changed_and_a_regrade_copies_none(grader, monkeypatch):
    from conftest import EXAMPLES

    grader.grade(EXAMPLES / "correct.py", "day19", "all", tasks=["InceptionBlock", "GoogLeNet"])
    shared = _shared_references()
    assert len(shared) >= 10
    for module, drawn in shared:
        assert not any(m.training for m in module.modules())             # built in eval(), never run in train()
        named = dict(module.named_parameters())
        assert not any(np.array_equal(named[n].detach().numpy(), v) for n, v in drawn.items() if n in named)
    before = [_state(module) for module, _ in shared]

    copied = []
    deepcopy = reference_cache.copy.deepcopy

    def counting(value, *args):
        if isinstance(value, torch.nn.Module):
            copied.append(type(value).__name__)
        return deepcopy(value, *args)

    monkeypatch.setattr(reference_cache.copy, "deepcopy", counting)
    grader.grade(EXAMPLES / "correct.py", "day19", "all", tasks=["InceptionBlock", "GoogLeNet"])
    assert copied == []                                 # every run known: nothing copied, no network either
    grader.grade(EXAMPLES / "typical_mistakes.py", "day19", "all", tasks=["InceptionBlock", "GoogLeNet"])
    monkeypatch.undo()
    for (module, _), state in zip(shared, before):
        again = _state(module)
        assert again[:2] == state[:2]
        assert all(torch.equal(again[2][k], v) for k, v in state[2].items())
