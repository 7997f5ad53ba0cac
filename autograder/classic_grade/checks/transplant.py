"""Matching the submission's parameters with the reference's, whatever their names and order.

A *unit* is a tensor of rank ≥ 2 (a conv or linear weight) together with the lower-rank tensors
(bias, BN scale, shift and running statistics) first used with it, found from the order in which
torch operations read them during one forward pass. Units are matched by their shapes, with
1×1-conv and linear weights counting as the same shape; units of the same shape are matched in
order of first use, and the other orders are candidates for the caller to try, so a block that
computes its branches in another order still maps.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass

MAX_CANDIDATES = 48


def shape_key(shape) -> tuple:
    """(out, in, 1, 1) and (out, in) are the same weight written two ways."""
    shape = list(shape)
    while len(shape) > 2 and shape[-1] == 1:
        shape.pop()
    return tuple(shape)


@dataclass(frozen=True)
class Unit:
    members: tuple  # tensor names, anchor first, then the rest in first-use order
    signature: tuple  # shape keys of the members, in the same order


def units(shapes: dict[str, tuple], trace: list) -> list[Unit]:
    """Group float tensors into units in order of first use. Tensors that no operation read come
    last, each on its own (they are dead, which another check reports).

    A call that reads lower-rank tensors and no anchor (a BatchNorm, a bias added on its own) gives
    them to the anchor whose output it works on: the most recent anchor call whose output has the
    shape of this call's input (the trace's third and fourth fields, where it has them), else the
    most recent anchor. So a BN whose conv output went through an SE gate first still belongs to
    that conv, not to the SE's last FC (whose output is (N, C), not the feature map)."""
    owner: dict[str, str] = {}
    order: list[str] = []
    last_anchor = None
    produced: list[tuple] = []  # (output shape, anchor) of anchor calls, most recent last
    for call in trace:
        used = [n for n in call[1] if n in shapes]
        input_shape = call[2] if len(call) > 2 else None
        output_shape = call[3] if len(call) > 3 else None
        anchors = [n for n in used if len(shapes[n]) >= 2]
        call_anchor = anchors[0] if anchors else None
        fed_by = None
        if call_anchor is None and input_shape is not None:
            fed_by = next((a for shape, a in reversed(produced) if list(shape) == list(input_shape)), None)
        for name in used:
            if name in owner:
                continue
            if len(shapes[name]) >= 2:
                owner[name] = name
                last_anchor = name
                order.append(name)
            else:
                owner[name] = call_anchor or fed_by or last_anchor or name
                if owner[name] == name:
                    order.append(name)
        if call_anchor is not None and output_shape is not None:
            produced.append((output_shape, call_anchor))
    for name in shapes:
        if name not in owner:
            owner[name] = name
            order.append(name)
    grouped = []
    for anchor in order:
        members = [anchor] + [n for n in owner if owner[n] == anchor and n != anchor]
        grouped.append(Unit(tuple(members), tuple(shape_key(shapes[n]) for n in members)))
    return grouped


def _fusions(ref_units: list[Unit], sub_unit: Unit):
    """Ways to read ``sub_unit`` as reference units stacked along dim 0 (one fused conv standing
    for several that read the same input): yields tuples of reference units, in stacking order."""
    total = sub_unit.signature[0][0]
    rest = tuple(key[1:] for key in sub_unit.signature)
    fitting = [u for u in ref_units if len(u.signature) == len(sub_unit.signature)
               and tuple(key[1:] for key in u.signature) == rest
               and all(key[0] == u.signature[0][0] for key in u.signature)]
    if any(key[0] != total for key in sub_unit.signature):
        return
    # Only layers of one reference block fuse (their weights share the block's module prefix):
    # this keeps the search to a handful of units even in a whole network.
    by_block: dict[str, list[Unit]] = {}
    for unit in fitting:
        by_block.setdefault(unit.members[0].rsplit(".", 3)[0] if unit.members[0].count(".") >= 3 else "", []).append(unit)
    for group in by_block.values():
        for size in range(2, min(len(group), 6) + 1):
            for subset in itertools.combinations(group, size):
                if sum(u.signature[0][0] for u in subset) == total:
                    yield from itertools.islice(itertools.permutations(subset), MAX_CANDIDATES)


def candidate_mappings(reference: list[Unit], submission: list[Unit]):
    """Yield reference-name → submission-target mappings, the first-use-order proposal first. A
    target is a tensor name, or (name, start, stop) for a slice along dim 0 of a fused tensor.
    Raises ValueError when the two sides' tensors cannot be matched at all."""
    buckets: dict[tuple, tuple[list, list]] = {}
    for unit in reference:
        buckets.setdefault(unit.signature, ([], []))[0].append(unit)
    unmatched = []
    for unit in submission:
        if unit.signature in buckets and len(buckets[unit.signature][1]) < len(buckets[unit.signature][0]):
            buckets[unit.signature][1].append(unit)
        else:
            unmatched.append(unit)
    for unit in unmatched:
        if next(_fusions(reference, unit), None) is None:
            raise ValueError(f"a tensor group of shapes {list(unit.signature)} has no counterpart in the reference")
    keys = [k for k in buckets if buckets[k][1]]
    # Per bucket, which reference units meet which submission units: the submission's order is
    # permuted; where the reference has more (the rest are fused on the submission's side), which
    # reference units are matched is chosen too. Capped before the product, which materialises them.
    per_bucket = []
    for key in keys:
        ours, theirs = buckets[key]
        if len(ours) > len(theirs):
            options = [(chosen, tuple(theirs)) for chosen in itertools.permutations(ours, len(theirs))]
        else:
            options = [(tuple(ours), order) for order in itertools.permutations(theirs)]
        per_bucket.append(options[:MAX_CANDIDATES])
    yielded = 0
    for choice in itertools.product(*per_bucket):
        mapping = {}
        for ours, theirs in choice:
            for ref_unit, sub_unit in zip(ours, theirs):
                mapping.update(zip(ref_unit.members, sub_unit.members))
        used = {id(u) for ours, _ in choice for u in ours}
        left_over = [u for u in reference if id(u) not in used]
        fusion_options = [[(unit, parts) for parts in _fusions(left_over, unit)] for unit in unmatched]
        for fusions in itertools.product(*fusion_options):
            candidate = dict(mapping)
            overlap = False
            for sub_unit, parts in fusions:
                start = 0
                for ref_unit in parts:
                    stop = start + ref_unit.signature[0][0]
                    for ref_name, sub_name in zip(ref_unit.members, sub_unit.members):
                        overlap = overlap or ref_name in candidate
                        candidate[ref_name] = (sub_name, start, stop)
                    start = stop
            # Two fusions claiming one reference tensor, or one left out: not a mapping.
            if overlap or len(candidate) != sum(len(u.members) for u in reference):
                continue
            yield candidate
            yielded += 1
            if yielded >= MAX_CANDIDATES:
                return
