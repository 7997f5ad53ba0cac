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


def test_a_batchnorm_joins_the_conv_whose_output_it_normalises():
    # conv2 → SE (fc1, fc2 on (N, C)) → bn2: bn2 reads the (N, C, H, W) map conv2 made, so its
    # tensors join conv2, not fc2, the last anchor before it.
    shapes = {"conv2": (8, 8, 3, 3), "fc1.w": (2, 8), "fc1.b": (2,), "fc2.w": (8, 2), "fc2.b": (8,),
              "bn2.w": (8,), "bn2.b": (8,), "bn2.rm": (8,), "bn2.rv": (8,)}
    trace = [["conv2d", ["conv2"], [2, 8, 5, 5], [2, 8, 5, 5]],
             ["linear", ["fc1.w", "fc1.b"], [2, 8], [2, 2]],
             ["linear", ["fc2.w", "fc2.b"], [2, 2], [2, 8]],
             ["batch_norm", ["bn2.rm", "bn2.rv", "bn2.w", "bn2.b"], [2, 8, 5, 5], [2, 8, 5, 5]]]
    members = [u.members for u in transplant.units(shapes, trace)]
    assert members == [("conv2", "bn2.rm", "bn2.rv", "bn2.w", "bn2.b"), ("fc1.w", "fc1.b"), ("fc2.w", "fc2.b")]
    # Without shapes in the trace (or no anchor output of the input's shape): the last anchor, as before.
    bare = [call[:2] for call in trace]
    assert transplant.units(shapes, bare)[2].members == ("fc2.w", "fc2.b", "bn2.rm", "bn2.rv", "bn2.w", "bn2.b")


def test_a_weight_cut_into_per_group_pieces_is_read_by_the_convolutions_that_read_its_pieces():
    # One input channel per group and a 1x1 kernel: the weight (3, 1, 1, 1) holds as many values as
    # the bias (3,), so only the trace (chunk's pieces fed to F.conv2d) says which is the kernel.
    import torch
    import torch.nn.functional as F
    from torch import nn

    from classic_grade.sandbox.harness import ParameterTrace

    class ChunkedGroupConv(nn.Module):
        def __init__(self):
            super().__init__()
            self.weight = nn.Parameter(torch.ones(3, 1, 1, 1))
            self.bias = nn.Parameter(torch.zeros(3))

        def forward(self, x):
            pieces = zip(x.chunk(3, dim=1), self.weight.chunk(3, dim=0), self.bias.chunk(3))
            return torch.cat([F.conv2d(xi, wi, bi) for xi, wi, bi in pieces], 1)

    module = ChunkedGroupConv()
    tracer = ParameterTrace({id(module.weight): "weight", id(module.bias): "bias"})
    with torch.no_grad(), tracer:
        module(torch.zeros(1, 3, 2, 2))
    assert [call[1] for call in tracer.calls if call[0] == "conv2d"] == [["weight", "bias"]] * 3
    units = transplant.units({"weight": (3, 1, 1, 1), "bias": (3,)}, tracer.calls)
    assert [u.members for u in units] == [("weight", "bias")]
    reference = transplant.units({f"convs.{g}.{n}": s for g in range(3) for n, s in (("weight", (1, 1, 1, 1)),
                                                                                      ("bias", (1,)))},
                                 [["conv2d", [f"convs.{g}.weight", f"convs.{g}.bias"]] for g in range(3)])
    assert next(transplant.candidate_mappings(reference, units))["convs.2.weight"] == ("weight", 2, 3)


def test_the_trace_records_the_shapes_that_place_a_batchnorm():
    import torch
    from torch import nn

    from classic_grade.sandbox.harness import ParameterTrace

    class SEBeforeBN(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(4, 4, 3, padding=1, bias=False)
            self.fc = nn.Linear(4, 4)
            self.bn = nn.BatchNorm2d(4)

        def forward(self, x):
            y = self.conv(x)
            return self.bn(y * torch.sigmoid(self.fc(y.mean(dim=(2, 3)))).view(*y.shape[:2], 1, 1))

    module = SEBeforeBN().eval()
    named = dict(module.named_parameters()) | dict(module.named_buffers())
    tracer = ParameterTrace({id(t): n for n, t in named.items()})
    with torch.no_grad(), tracer:
        module(torch.zeros(2, 4, 5, 5))
    shapes = {n: tuple(t.shape) for n, t in named.items() if t.is_floating_point()}
    members = {u.members[0]: set(u.members) for u in transplant.units(shapes, tracer.calls)}
    assert members["conv.weight"] == {"conv.weight", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var"}
    assert members["fc.weight"] == {"fc.weight", "fc.bias"}
