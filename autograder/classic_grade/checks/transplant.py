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
    last, each on its own (they are dead, which another check reports)."""
    owner: dict[str, str] = {}
    order: list[str] = []
    last_anchor = None
    for _, used in trace:
        used = [n for n in used if n in shapes]
        anchors = [n for n in used if len(shapes[n]) >= 2]
        call_anchor = anchors[0] if anchors else None
        for name in used:
            if name in owner:
                continue
            if len(shapes[name]) >= 2:
                owner[name] = name
                last_anchor = name
                order.append(name)
            else:
                owner[name] = call_anchor or last_anchor or name
                if owner[name] == name:
                    order.append(name)
    for name in shapes:
        if name not in owner:
            owner[name] = name
            order.append(name)
    grouped = []
    for anchor in order:
        members = [anchor] + [n for n in owner if owner[n] == anchor and n != anchor]
        grouped.append(Unit(tuple(members), tuple(shape_key(shapes[n]) for n in members)))
    return grouped


def candidate_mappings(reference: list[Unit], submission: list[Unit]):
    """Yield reference-name → submission-name mappings, the first-use-order proposal first.
    Raises ValueError when the two sides' units do not have the same shapes at all."""
    buckets: dict[tuple, tuple[list, list]] = {}
    for unit in reference:
        buckets.setdefault(unit.signature, ([], []))[0].append(unit)
    for unit in submission:
        if unit.signature not in buckets:
            raise ValueError(f"a tensor group of shapes {list(unit.signature)} has no counterpart in the reference")
        buckets[unit.signature][1].append(unit)
    for signature, (ours, theirs) in buckets.items():
        if len(ours) != len(theirs):
            raise ValueError(f"the reference has {len(ours)} tensor groups of shapes {list(signature)}, "
                             f"the submission {len(theirs)}")
    keys = list(buckets)
    # Each bucket's orders are capped before the product, which materialises its inputs.
    per_bucket = [list(itertools.islice(itertools.permutations(buckets[k][1]), MAX_CANDIDATES)) for k in keys]
    for count, choice in enumerate(itertools.product(*per_bucket)):
        if count >= MAX_CANDIDATES:
            return
        mapping = {}
        for key, theirs in zip(keys, choice):
            for ref_unit, sub_unit in zip(buckets[key][0], theirs):
                mapping.update(zip(ref_unit.members, sub_unit.members))
        yield mapping
