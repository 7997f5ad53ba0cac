"""A tensor on either side of the weight mapping may be several of the other side's, concatenated or
stacked along any axis: split layers, stacked weights, vectors following their conv; and the search
for such readings stays inside its budget."""
from __future__ import annotations

import time

import numpy as np
import pytest

from classic_grade.checks import composites, transplant
from classic_grade.checks.composites import Split


def _conv(name, out, cin, k=3, vectors=()):
    """Shapes and a trace call for one conv named ``name`` and its vectors (bias, BN)."""
    shapes = {f"{name}.weight": (out, cin, k, k)} | {f"{name}.{v}": (out,) for v in vectors}
    return shapes, ["conv2d", [f"{name}.weight", *(f"{name}.{v}" for v in vectors)]]


def test_an_empty_tensor_holds_no_slice():
    # A layer of zero units (an SE bottleneck of C // r = 0 with C < r) is a tensor of shape (0, C):
    # nothing fits in it, and nothing is divided by its zero size.
    assert not composites.may_hold((0, 1), (1, 1))
    assert not composites.may_hold((1, 0), (1,))
    assert composites.cuts((0, 1), [(0, 1)]) == []


def test_cuts_read_concatenations_and_stacks_along_any_axis():
    # dim 0 concatenation (a fused conv), then a new leading axis and a new axis 1 (stacked weights)
    assert composites.cuts((6, 2, 3, 3), [(2, 2, 3, 3)] * 3) == [(0, ((0, 2), (2, 4), (4, 6)))]
    assert composites.cuts((3, 4, 2, 3, 3), [(4, 2, 3, 3)] * 3) == [(0, ((0, 1), (1, 2), (2, 3)))]
    assert (1, ((0, 1), (1, 2), (2, 3))) in composites.cuts((4, 3, 2, 3, 3), [(4, 2, 3, 3)] * 3)
    # unequal parts, in order; parts that do not add up to the whole are no cut
    assert composites.cuts((5, 4), [(2, 4), (3, 4)]) == [(0, ((0, 2), (2, 5)))]
    assert composites.cuts((5, 4), [(2, 4), (2, 4)]) == []
    # size-1 dimensions are a reshape: one part with other ones is the whole, read once
    assert composites.cuts((1, 6, 2, 1, 1), [(6, 2)]) == [(0, ((0, 1),))]


def test_values_and_gradients_round_trip_through_every_composite_target():
    rng = np.random.default_rng(0)
    whole = rng.standard_normal((6, 2, 3, 3)).astype(np.float32)
    shapes = {"g0": (2, 2, 3, 3), "g1": (2, 2, 3, 3), "g2": (2, 2, 3, 3), "stacked": (2, 3, 2, 3, 3)}
    split = Split(0, (("g0", 0, 2), ("g1", 2, 4), ("g2", 4, 6)))
    values = {}
    assert composites.fill(values, split, whole, shapes)
    assert np.array_equal(values["g1"], whole[2:4])
    got = {f"grad:{n}": values[n] for n in ("g0", "g1", "g2")}
    assert np.array_equal(composites.gradient(got, split, whole.shape), whole)
    # a part stacked on axis 1 of a submission tensor: filled there, and its gradient read back
    part = rng.standard_normal((2, 2, 3, 3)).astype(np.float32)
    target = composites.slice_target("stacked", 1, 2, 3)
    assert composites.fill(values, target, part, shapes)
    assert np.array_equal(values["stacked"][:, 2], part)
    assert np.array_equal(composites.gradient({"grad:stacked": values["stacked"]}, target, part.shape), part)
    assert composites.label(target) == "stacked[:, 2:3]" and composites.label(split) == "g0 + g1 + g2"


def test_per_group_convs_map_onto_one_grouped_conv_with_the_bn_after_their_concatenation():
    ref_shapes, ref_call = _conv("conv2", 6, 2, vectors=("bn.weight", "bn.bias"))
    ref = transplant.units(ref_shapes, [ref_call])
    sub_shapes, trace = {}, []
    for g in range(3):
        shapes, call = _conv(f"convs.{g}", 2, 2)
        sub_shapes |= shapes
        trace.append(call + [[1, 2, 5, 5], [1, 2, 5, 5], None, None])
    # the BN reads the concatenation, whose data flow the trace attributes to the first group's conv
    sub_shapes |= {"bn.weight": (6,), "bn.bias": (6,)}
    trace.append(["batch_norm", ["bn.weight", "bn.bias"], [1, 6, 5, 5], [1, 6, 5, 5], None, "convs.0.weight"])
    first = next(transplant.candidate_mappings(ref, transplant.units(sub_shapes, trace)))
    assert first == {"conv2.weight": Split(0, (("convs.0.weight", 0, 2), ("convs.1.weight", 2, 4),
                                               ("convs.2.weight", 4, 6))),
                     "conv2.bn.weight": "bn.weight", "conv2.bn.bias": "bn.bias"}


def test_a_bn_per_group_is_the_reference_bn_split():
    ref = transplant.units(*(lambda s, c: (s, [c]))(*_conv("conv2", 4, 2, vectors=("bn.weight", "bn.bias"))))
    sub_shapes, trace = {}, []
    for g in range(2):
        shapes, call = _conv(f"paths.{g}", 2, 2, vectors=("bn.weight", "bn.bias"))
        sub_shapes |= shapes
        trace.append(call)
    first = next(transplant.candidate_mappings(ref, transplant.units(sub_shapes, trace)))
    assert first["conv2.bn.bias"] == Split(0, (("paths.0.bn.bias", 0, 2), ("paths.1.bn.bias", 2, 4)))


def test_a_stacked_weight_and_bias_hold_the_per_group_convs():
    ref_shapes, trace = {}, []
    for g in range(3):
        shapes, call = _conv(f"convs.{g}", 2, 1, vectors=("bias",))
        ref_shapes |= shapes
        trace.append(call)
    # (out/groups, groups, in/groups, k, k) and (out/groups, groups), each read per group through an index
    sub_shapes = {"weight": (2, 3, 1, 3, 3), "bias": (2, 3)}
    sub_trace = [call for g in range(3) for call in (["__getitem__", ["weight"], None, [2, 1, 3, 3], "alias", None],
                                                      ["__getitem__", ["bias"], None, [2], "alias", None],
                                                      ["conv2d", ["weight", "bias"], [1, 1, 5, 5], [1, 2, 5, 5]])]
    units = transplant.units(sub_shapes, sub_trace)
    assert [u.members for u in units] == [("weight", "bias")]  # a stacked bias is no weight
    candidates = list(transplant.candidate_mappings(transplant.units(ref_shapes, trace), units))
    assert {"convs.0.weight": ("weight", 0, 1, 1), "convs.0.bias": ("bias", 0, 1, 1),
            "convs.1.weight": ("weight", 1, 2, 1), "convs.1.bias": ("bias", 1, 2, 1),
            "convs.2.weight": ("weight", 2, 3, 1), "convs.2.bias": ("bias", 2, 3, 1)} in candidates


def test_half_a_split_conv_shaped_like_another_branch_still_maps():
    # The reference's reduce conv (4 maps) is split in two halves of 2, the shape of branch a.
    ref_shapes = _conv("a", 2, 3, k=1, vectors=("bias",))[0] | _conv("reduce", 4, 3, k=1, vectors=("bias",))[0]
    ref = transplant.units(ref_shapes, [["conv2d", ["a.weight", "a.bias"]],
                                        ["conv2d", ["reduce.weight", "reduce.bias"]]])
    sub_shapes = {}
    for name in ("a", "reduce.0", "reduce.1"):
        sub_shapes |= _conv(name, 2, 3, k=1, vectors=("bias",))[0]
    sub = transplant.units(sub_shapes, [["conv2d", [f"{n}.weight", f"{n}.bias"]]
                                        for n in ("reduce.0", "a", "reduce.1")])
    candidates = list(transplant.candidate_mappings(ref, sub))
    assert {"a.weight": "a.weight", "a.bias": "a.bias",
            "reduce.weight": Split(0, (("reduce.0.weight", 0, 2), ("reduce.1.weight", 2, 4))),
            "reduce.bias": Split(0, (("reduce.0.bias", 0, 2), ("reduce.1.bias", 2, 4)))} in candidates


def test_a_network_of_split_layers_is_read_within_the_budget():
    # Sixteen grouped convs of 32 groups each, written one conv per group: 512 submission units.
    ref_shapes, ref_trace, sub_shapes, sub_trace = {}, [], {}, []
    for block in range(16):
        shapes, call = _conv(f"stages.{block}.conv2", 128, 4)
        ref_shapes |= shapes
        ref_trace.append(call)
        for g in range(32):
            shapes, call = _conv(f"stages.{block}.convs.{g}", 4, 4)
            sub_shapes |= shapes
            sub_trace.append(call)
    started = time.monotonic()
    first = next(transplant.candidate_mappings(transplant.units(ref_shapes, ref_trace),
                                               transplant.units(sub_shapes, sub_trace)))
    assert time.monotonic() - started < transplant.SEARCH_SECONDS
    assert first["stages.15.conv2.weight"].parts[-1] == ("stages.15.convs.31.weight", 124, 128)


def test_parts_that_cannot_cover_the_reference_are_refused_not_searched_forever():
    # Forty parts whose sizes never add up to the one reference tensor: a plain error, quickly.
    ref = transplant.units({"w": (64, 4, 3, 3)}, [["conv2d", ["w"]]])
    sub_shapes = {f"p{i}.weight": (3, 4, 3, 3) for i in range(40)}
    sub = transplant.units(sub_shapes, [["conv2d", [n]] for n in sub_shapes])
    started = time.monotonic()
    with pytest.raises(ValueError, match="values|counterpart"):
        next(transplant.candidate_mappings(ref, sub))
    assert time.monotonic() - started < transplant.SEARCH_SECONDS


def test_where_an_input_comes_from_pairs_a_shortcut_computed_after_the_main_path():
    # ResNet-50's first block: the projection and the last 1×1 have one shape and read inputs of one
    # shape. The reference computes the projection first, the submission last: what made each input
    # (the stem for the projection, the 3×3 for the last 1×1) pairs them.
    def network(names, shortcut_first):
        shapes = {f"{n}.weight": s for n, s in zip(names, [(64, 3, 7, 7), (64, 64, 3, 3), (256, 64, 1, 1),
                                                            (256, 64, 1, 1)])}
        stem, conv2, conv3, project = (f"{n}.weight" for n in names)
        main = [["conv2d", [conv2], [1, 64, 8, 8], [1, 64, 8, 8], None, stem],
                ["conv2d", [conv3], [1, 64, 8, 8], [1, 256, 8, 8], None, conv2]]
        short = [["conv2d", [project], [1, 64, 8, 8], [1, 256, 8, 8], None, stem]]
        calls = [["conv2d", [stem], [1, 3, 32, 32], [1, 64, 16, 16], None, None]]
        return shapes, calls + (short + main if shortcut_first else main + short)

    ref = transplant.units(*network(("conv1", "layer1.0.conv2", "layer1.0.conv3", "layer1.0.downsample"), True))
    sub = transplant.units(*network(("stem", "blocks.0.b", "blocks.0.c", "blocks.0.project"), False))
    first = next(transplant.candidate_mappings(ref, sub))
    assert first["layer1.0.downsample.weight"] == "blocks.0.project.weight"
    assert first["layer1.0.conv3.weight"] == "blocks.0.c.weight"


def test_a_surplus_tensor_shaped_like_a_paired_one_is_a_plain_error():
    # An unused copy of a conv: its bucket is full and nothing on the reference's side is left for it.
    ref = transplant.units(*(lambda s, c: (s, [c]))(*_conv("conv", 4, 4)))
    sub_shapes = _conv("conv", 4, 4)[0] | _conv("copy", 4, 4)[0]
    sub = transplant.units(sub_shapes, [["conv2d", ["conv.weight"]]])
    with pytest.raises(ValueError, match="copy.weight.*no counterpart"):
        next(transplant.candidate_mappings(ref, sub))
