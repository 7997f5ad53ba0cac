from classic_grade.checks import transplant


def test_units_follow_first_use_and_pair_biases():
    shapes = {"w1": (4, 3, 1, 1), "b1": (4,), "w2": (4, 3), "b2": (4,)}
    trace = [["conv2d", ["w2", "b2"]], ["conv2d", ["w1"]], ["add", ["b1"]]]
    units = transplant.units(shapes, trace)
    assert [u.members for u in units] == [("w2", "b2"), ("w1", "b1")]
    assert units[0].signature == units[1].signature  # 1×1 conv and linear weights count alike


def test_candidates_start_with_the_proposal_and_cover_swaps():
    ref = transplant.units({"a": (2, 2, 1, 1), "b": (2, 2, 1, 1)}, [["conv2d", ["a"]], ["conv2d", ["b"]]])
    sub = transplant.units({"x": (2, 2, 1, 1), "y": (2, 2, 1, 1)}, [["conv2d", ["y"]], ["conv2d", ["x"]]])
    candidates = list(transplant.candidate_mappings(ref, sub))
    assert candidates[0] == {"a": "y", "b": "x"}
    assert {"a": "x", "b": "y"} in candidates


def test_mismatched_layouts_raise():
    ref = transplant.units({"a": (2, 3, 3, 3)}, [])
    sub = transplant.units({"a": (2, 27)}, [])
    try:
        next(transplant.candidate_mappings(ref, sub))
    except ValueError as error:
        assert "no counterpart" in str(error)
    else:
        raise AssertionError("expected ValueError")


def test_a_fused_tensor_maps_onto_stacked_reference_tensors():
    # Reference: three 1×1 convs reading one input; submission: one conv of their summed width.
    ref = transplant.units({"a.weight": (2, 3, 1, 1), "a.bias": (2,), "b.weight": (1, 3, 1, 1), "b.bias": (1,)},
                           [["conv2d", ["a.weight", "a.bias"]], ["conv2d", ["b.weight", "b.bias"]]])
    sub = transplant.units({"w": (3, 3, 1, 1), "b": (3,)}, [["conv2d", ["w", "b"]]])
    candidates = list(transplant.candidate_mappings(ref, sub))
    assert {"a.weight": ("w", 0, 2), "a.bias": ("b", 0, 2), "b.weight": ("w", 2, 3), "b.bias": ("b", 2, 3)} in candidates
    assert {"b.weight": ("w", 0, 1), "b.bias": ("b", 0, 1), "a.weight": ("w", 1, 3), "a.bias": ("b", 1, 3)} in candidates
