"""Matching the submission's parameters with the reference's, whatever their names and order.

A *unit* is a tensor of rank ≥ 2 (a conv or linear weight) together with the lower-rank tensors
(bias, BN scale, shift and running statistics) first used with it, found from the order in which
torch operations read them during one forward pass. Units are matched by their shapes, with
1×1-conv and linear weights counting as the same shape; units of the same shape are matched in
order of first use (and of where their inputs come from), and the other orders are candidates for
the caller to try, so a block that computes its branches in another order still maps. A unit left
over on either side may be several of the other side's concatenated or stacked along one axis (a
fused conv, per-group convs for a grouped one, a stacked per-group weight): see composites.
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

from ..messages import Text, msg
from .composites import Split, cuts, may_hold, size_of, slice_target

MAX_CANDIDATES = 48  # complete mappings yielded, and per-bucket orders considered
MAX_EXAMINED = 5000  # partial candidates looked at before the search gives up
SEARCH_SECONDS = 10.0  # wall-clock budget of one search in the grading process

# Operations whose first named tensor is a weight (the anchor of a unit), whatever its rank.
_WEIGHT_OPS = ("conv", "linear", "matmul", "mm", "einsum")


class SearchExhausted(ValueError):
    """The search ran out of its budget before it could decide: the check could not be carried out."""


class Transposed(str):
    """A submission matrix that holds the reference's transposed: (in, out), applied as ``z @ W``."""


def target_name(target) -> str:
    """The submission tensor a mapping target names (the first, for a reference tensor split over several)."""
    if isinstance(target, Split):
        return target.parts[0][0]
    return target[0] if isinstance(target, tuple) else str(target)


def prefixed(target, prefix: str):
    """The same target, under a module prefix (a block's tensors inside a network)."""
    if not prefix:
        return target
    if isinstance(target, Split):
        return target.prefixed(prefix)
    if isinstance(target, tuple):
        return (f"{prefix}.{target[0]}", *target[1:])
    return Transposed(f"{prefix}.{target}") if isinstance(target, Transposed) else f"{prefix}.{target}"


def shape_key(shape) -> tuple:
    """A weight's shape without trailing size-1 dimensions past the second: (out, in, 1, 1), (out, in)
    and (out, in, 1) are the same weight written three ways; (out, in, 1, 3) and (out, in, 3, 1) are not."""
    shape = list(shape)
    while len(shape) > 2 and shape[-1] == 1:
        shape.pop()
    return tuple(shape)


def match_key(shape) -> tuple:
    """What a weight is matched by: its rows (dim 0, which fusions stack along) and its other
    dimensions of size > 1, so a (1, 1, k) kernel stored (1, 1, 1, k) still meets its counterpart, and
    a kernel kept as a vector (k,) reads as one row (values are reshaped; the comparison of outputs
    decides)."""
    shape = tuple(shape)
    if len(shape) <= 1:
        return (1, *(d for d in shape if d != 1))
    return (shape[0], *(d for d in shape[1:] if d != 1))


def vector_key(shape) -> tuple:
    """A bias, scale or running statistic: its size-1 dimensions say nothing ((n,), (n, 1), (1, n, 1, 1))."""
    return tuple(d for d in shape if d != 1) or (1,)


def _anchors(shapes: dict[str, tuple], trace: list) -> set[str]:
    """Weights: tensors with two dimensions of size > 1, and tensors of rank ≥ 2 that a convolution or
    matrix product reads first (an ECA kernel (1, 1, k), a linear layer with one output)."""
    anchors = {n for n, s in shapes.items() if len(vector_key(s)) >= 2}
    first_read: set[str] = set()
    for call in trace:
        used = [n for n in call[1] if n in shapes]
        # An index or a reshape of a tensor alone (an alias) says nothing of its role; a bias stacked
        # per group ((groups, out/groups)) has two dimensions above one, but the convolution that
        # first reads it reads it after its weight.
        if used and not (len(call) > 4 and call[4] == "alias"):
            if "conv" in str(call[0]) or "linear" in str(call[0]):
                anchors.difference_update(n for n in used[1:] if n not in first_read and len(shapes[n]) <= 2)
            first_read.update(used)
        if used and any(op in str(call[0]) for op in _WEIGHT_OPS) and (
                len(shapes[used[0]]) >= 2 or "conv" in str(call[0])):  # a conv's first named tensor is its kernel
            anchors.add(used[0])
    return anchors


@dataclass(frozen=True)
class Unit:
    members: tuple  # tensor names, anchor first, then the rest in first-use order
    signature: tuple  # shape keys of the members, in the same order
    shapes: tuple = ()  # the members' shapes as stored
    context: tuple = ()  # the input shape the anchor first worked on (both sides run on the same input)
    split: tuple = ()  # groups of (name, shape) normalising slices of the anchor's output (fused layers)
    source: str = ""  # the anchor of the unit whose output the anchor first worked on ("" if none: an input)


def units(shapes: dict[str, tuple], trace: list) -> list[Unit]:
    """Group float tensors into units in order of first use. Tensors that no operation read come
    last, each on its own (they are dead, which another check reports).

    A call that reads lower-rank tensors and no anchor (a BatchNorm, a bias added on its own) gives
    them to the anchor whose output it works on: the owner of the tensor that produced its input (the
    trace's sixth field, data flow), else the most recent anchor call whose output has the shape of
    this call's input (the third and fourth fields), else the most recent anchor. So a BN whose conv
    output went through an SE gate first still belongs to that conv, not to the SE's last FC.

    Tensors owned by an anchor but sized unlike its rows (BNs on slices of one fused conv's output)
    are kept apart as ``split`` groups, one per call that first read them."""
    anchor_names = _anchors(shapes, trace)
    owner: dict[str, str] = {}
    order: list[str] = []
    last_anchor = None
    produced: list[tuple] = []  # (output shape, anchor) of anchor calls, most recent last
    context: dict[str, tuple] = {}
    source: dict[str, str] = {}
    first_call: dict[str, int] = {}
    for index, call in enumerate(trace):
        if len(call) > 4 and call[4] == "alias":
            continue  # a tensor reshaped or transposed on its own: its owner is whoever reads the result
        used = [n for n in call[1] if n in shapes]
        input_shape = call[2] if len(call) > 2 else None
        output_shape = call[3] if len(call) > 3 else None
        input_source = call[5] if len(call) > 5 else None
        anchors = [n for n in used if n in anchor_names]
        call_anchor = anchors[0] if anchors else None
        fed_by = owner.get(input_source) if call_anchor is None and isinstance(input_source, str) else None
        if fed_by is None and call_anchor is None and input_shape is not None:
            fed_by = next((a for shape, a in reversed(produced) if list(shape) == list(input_shape)), None)
        for name in used:
            if name in owner:
                continue
            first_call[name] = index
            if name in anchor_names:
                owner[name] = name
                last_anchor = name
                order.append(name)
            else:
                owner[name] = call_anchor or fed_by or last_anchor or name
                if owner[name] == name:
                    order.append(name)
        if call_anchor is not None and output_shape is not None:
            produced.append((output_shape, call_anchor))
        if call_anchor is not None and call_anchor not in context:
            context[call_anchor] = tuple(input_shape or ())
            source[call_anchor] = owner.get(input_source, "") if isinstance(input_source, str) else ""
    for name in shapes:
        if name not in owner:
            owner[name] = name
            order.append(name)
    grouped = []
    for anchor in order:
        # Only a convolution's kernel has its rows first for sure (a matrix may be stored (in, out)).
        rows = match_key(shapes[anchor])[0] if anchor in anchor_names and len(shapes[anchor]) >= 3 else None
        owned = [n for n in owner if owner[n] == anchor and n != anchor]
        apart = [n for n in owned if rows is not None and not _follows(shapes[n], shapes[anchor], rows)]
        members = [anchor] + [n for n in owned if n not in apart]
        split: dict[int, list] = {}
        for name in apart:
            split.setdefault(first_call.get(name, -1), []).append((name, tuple(shapes[name])))
        keys = tuple((match_key if n in anchor_names else vector_key)(shapes[n]) for n in members)
        grouped.append(Unit(tuple(members), keys, tuple(tuple(shapes[n]) for n in members),
                            context.get(anchor, ()), tuple(tuple(g) for _, g in sorted(split.items())),
                            source.get(anchor, "")))
    return grouped


def _follows(vector_shape, anchor_shape, rows) -> bool:
    """Whether a vector read with a convolution's kernel is one value per output map: sized like the
    kernel's rows, or, for a kernel stacked per group (rank 5: (groups, out/groups, …) or
    (out/groups, groups, …)), like its first two dimensions together."""
    if vector_key(vector_shape)[0] == rows:
        return True
    return len(anchor_shape) >= 5 and size_of(vector_shape) == size_of(anchor_shape[:2])


def _transposed(unit: Unit) -> Unit | None:
    """The unit read as holding its matrix transposed ((in, out) for the reference's (out, in))."""
    shape = tuple(unit.shapes[0]) if unit.shapes else ()
    if len(shape) != 2 or shape[0] == shape[1]:
        return None  # square ones match by shape already; find() tries them transposed
    return Unit(unit.members, (match_key(shape[::-1]), *unit.signature[1:]), unit.shapes, unit.context, unit.split,
                unit.source)


class _Budget:
    """Counts what the search looks at and the time it takes; SearchExhausted when either runs out."""

    def __init__(self, seconds: float, examined: int):
        self.deadline = time.monotonic() + seconds
        self.left = examined
        self.seconds = seconds

    def tick(self) -> None:
        self.left -= 1
        if self.left < 0 or time.monotonic() > self.deadline:
            raise SearchExhausted(msg("the search for a mapping gave up after {count:,} candidates or {seconds:g} s",
                                      count=MAX_EXAMINED, seconds=self.seconds))


def _part_choices(rest: list[Unit], whole: Unit, budget: _Budget):
    """Tuples of reference units, in order, that the submission's ``whole`` may hold (a fused conv, a
    stacked weight): first runs of consecutive fitting units in first-use order, of any length (one
    unit whose size-1 dimensions differ, every group of a grouped conv); then, within one reference
    block, up to six units in any order (an Inception block's 1×1 heads fused in another order)."""
    total = size_of(whole.shapes[0])
    fitting = [u for u in rest if may_hold(whole.shapes[0], u.shapes[0])]
    seen = set()
    for first in range(len(fitting)):
        held = 0
        for stop in range(first, len(fitting)):
            budget.tick()
            held += size_of(fitting[stop].shapes[0])
            if held >= total:
                if held == total:
                    seen.add(tuple(id(u) for u in fitting[first:stop + 1]))
                    yield tuple(fitting[first:stop + 1])
                break
    # Only layers of one reference block fuse in another order (their weights share the block's
    # module prefix): this keeps the search to a handful of units even in a whole network.
    by_block: dict[str, list[Unit]] = {}
    for unit in fitting:
        by_block.setdefault(unit.members[0].rsplit(".", 3)[0] if unit.members[0].count(".") >= 3 else "", []).append(unit)
    for group in by_block.values():
        for count in range(2, min(len(group), 6) + 1):
            for subset in itertools.combinations(group, count):
                budget.tick()
                if sum(size_of(u.shapes[0]) for u in subset) != total:
                    continue
                for order in itertools.islice(itertools.permutations(subset), MAX_CANDIDATES):
                    if tuple(id(u) for u in order) not in seen:
                        yield order


def _readings(whole: Unit, parts: tuple, whole_is_sub: bool):
    """Mappings (reference name → target) that read ``whole`` as ``parts`` concatenated or stacked
    along one axis, each member on its own axis (a (groups, out/groups) bias follows its (groups, …)
    weight), at most MAX_CANDIDATES. Where the parts have vectors and the whole none, the parts'
    vectors are the whole's split groups (a fused conv, a BN per slice); where the whole has vectors
    and the parts none, a split group of the parts holds them (per-group convs, one BN after their
    concatenation)."""
    count = len(whole.members)
    if all(len(p.members) == count for p in parts):
        extra, members = {}, range(count)
    elif whole_is_sub and count == 1:
        extra, members = _split_groups(parts, whole), range(1)
    elif not whole_is_sub and all(len(p.members) == 1 for p in parts):
        extra, members = _vectors_apart(whole, parts), range(1)
    else:
        return
    if extra is None:
        return
    options = [cuts(whole.shapes[i], [p.shapes[i] for p in parts]) for i in members]
    for choice in itertools.islice(itertools.product(*options), MAX_CANDIDATES):
        mapping = dict(extra)
        for i, (axis, bounds) in zip(members, choice):
            if whole_is_sub:
                for part, (start, stop) in zip(parts, bounds):
                    mapping[part.members[i]] = slice_target(whole.members[i], axis, start, stop)
            else:
                mapping[whole.members[i]] = Split(axis, tuple((part.members[i], start, stop)
                                                              for part, (start, stop) in zip(parts, bounds)))
        yield mapping


def _vectors_apart(whole: Unit, parts: tuple) -> dict | None:
    """Reference vector name -> the submission's, for a reference unit held by several weight-only
    submission units: the first of their split groups with the count and sizes of the reference
    unit's vectors; None when there is none."""
    vectors = list(zip(whole.members[1:], whole.signature[1:]))
    if not vectors:
        return {}
    for part in parts:
        for group in part.split:
            if len(group) == len(vectors) and all(vector_key(shape) == key
                                                   for (_, shape), (_, key) in zip(group, vectors)):
                return {ref: sub for (ref, _), (sub, _) in zip(vectors, group)}
    return None


def _split_groups(parts, sub_unit: Unit) -> dict | None:
    """Reference vector name -> the submission's tensor, pairing each part's vectors (after its
    weight) with a split group of the same count and size, in order; None when they do not pair up.
    A unit without split groups pairs trivially (its vectors are stacked with the weight)."""
    if not sub_unit.split:
        return {}
    groups = list(sub_unit.split)
    assignment = {}
    for part in parts:
        vectors = list(zip(part.members[1:], part.signature[1:]))
        if not vectors:
            continue
        match = next((g for g in groups if len(g) == len(vectors)
                      and all(vector_key(shape) == key for (_, shape), (_, key) in zip(g, vectors))), None)
        if match is None:
            return None
        groups.remove(match)
        assignment.update({ref: sub for (ref, _), (sub, _) in zip(vectors, match)})
    return None if groups else assignment


def _paired_splits(ref_unit: Unit, sub_unit: Unit) -> dict:
    """Reference vector name -> the submission's, for two units paired whole: each of the
    reference's split groups with the first of the submission's left that has the same count and
    sizes, in first-use order. Groups that find no partner map nothing."""
    left = list(sub_unit.split)
    assignment = {}
    for group in ref_unit.split:
        match = next((g for g in left if len(g) == len(group)
                      and all(vector_key(a) == vector_key(b) for (_, a), (_, b) in zip(g, group))), None)
        if match is None:
            continue
        left.remove(match)
        assignment.update({ref: sub for (ref, _), (sub, _) in zip(group, match)})
    return assignment


def _describe_unit(unit: Unit, whose: str) -> Text:
    shape = unit.shapes[0] if unit.shapes else "?"
    if whose == "the reference":
        anchor = msg("the reference's tensor {name!r} of shape {shape}", name=unit.members[0], shape=shape)
    else:
        anchor = msg("your tensor {name!r} of shape {shape}", name=unit.members[0], shape=shape)
    if len(unit.members) == 1:
        return Text(anchor)
    others = ", ".join(repr(m) for m in unit.members[1:4]) + (" …" if len(unit.members) > 4 else "")
    return Text(anchor, " (", msg("with {names}", names=others), ")")


def _companions(extra: list, left_over: list) -> Text | str:
    """Where the reference has a unit anchored on a tensor of the same shape as the submission's
    unmatched one, but with other companions, the difference said: the anchor is not what is
    missing (a BatchNorm kept without running statistics leaves its conv's unit two tensors short)."""
    ours = extra[0]
    twin = next((u for u in left_over if u.shapes[:1] == ours.shapes[:1] and len(u.members) != len(ours.members)),
                None)
    if twin is None or not ours.shapes:
        return ""
    return Text("; ", msg("the reference's tensor of that shape comes with {count} others ({names}), yours with "
                          "{mine}: a layer's companions differ (a BatchNorm without running statistics, "
                          "track_running_stats=False, or a bias kept or dropped)",
                          count=len(twin.members) - 1, names=", ".join(repr(m) for m in twin.members[1:6]),
                          mine=len(ours.members) - 1))


def _orders(ours: list, theirs: list, partner: dict):
    """Pairings of one bucket's reference and submission units, the first-use order first; where one
    side has more (the rest are parts of concatenations on the other side), which ones pair is chosen
    too. Lazy: the caller takes at most MAX_CANDIDATES."""
    if len(ours) > len(theirs):
        return ((chosen, tuple(theirs)) for chosen in itertools.permutations(ours, len(theirs)))
    first = _by_data_flow(ours, theirs, partner)
    rest = ((tuple(ours), order) for order in itertools.permutations(theirs, len(ours)) if order != first)
    return itertools.chain([(tuple(ours), first)], rest)


def _by_data_flow(ours: list, theirs: list, partner: dict) -> tuple:
    """The submission's units in the order that pairs each with a reference unit working on an input
    of the same shape, made by the partner (``partner``: reference anchor -> submission anchor, from
    a first pairing) of the unit that made the reference's input; first use breaking ties. So a
    block that computes its shortcut after its main path still pairs the shortcut conv with the
    reference's, though the last conv has the same weight shape and, in ResNet-50's first block,
    reads an input of the same shape too: the shortcut reads what the stem made, the last conv what
    the 3×3 made."""
    left = list(theirs)
    order = []
    for ref_unit in ours:
        same_input = [u for u in left if u.context and u.context == ref_unit.context] or left
        made_by = partner.get(ref_unit.source) if ref_unit.source else None
        match = next((u for u in same_input if made_by is not None and u.source == made_by), same_input[0])
        left.remove(match)
        order.append(match)
    return tuple(order)


def _first_pairing(buckets: dict, keys: list) -> dict:
    """Reference anchor -> submission anchor in each bucket's first pairing, refined once by data flow
    (the second pass knows who made each input from the first)."""
    partner: dict[str, str] = {}
    for _ in range(2):
        refined = {}
        for key in keys:
            ours, theirs = next(_orders(*buckets[key], partner))
            refined.update({r.members[0]: u.members[0] for r, u in zip(ours, theirs)})
        partner = refined
    return partner


def candidate_mappings(reference: list[Unit], submission: list[Unit], seconds: float = SEARCH_SECONDS):
    """Yield reference-name → submission-target mappings, the first-use-order proposal first. A
    target is a tensor name, a Transposed name (a matrix stored (in, out)), a slice of a submission
    tensor that holds several reference tensors, or a Split of the reference tensor over several
    submission tensors (see composites). Raises ValueError, saying which tensor has no
    counterpart, when the two sides cannot be matched at all; SearchExhausted when the search runs
    out of its budget (MAX_EXAMINED candidates looked at, or ``seconds``)."""
    budget = _Budget(seconds, MAX_EXAMINED)
    buckets: dict[tuple, tuple[list, list]] = {}
    for unit in reference:
        buckets.setdefault(unit.signature, ([], []))[0].append(unit)

    def room(signature):
        return signature in buckets and len(buckets[signature][1]) < len(buckets[signature][0])

    # A unit whose bucket is full joins it all the same: which of the bucket's units pair one to one
    # is chosen per candidate, and the others are parts of concatenations (half of a split 1×1 conv
    # may have the shape of another branch's conv).
    unmatched = []
    for unit in submission:
        flipped = _transposed(unit)
        if room(unit.signature):
            buckets[unit.signature][1].append(unit)
        elif flipped is not None and room(flipped.signature):
            buckets[flipped.signature][1].append(flipped)
        elif unit.signature in buckets or flipped is not None and flipped.signature in buckets:
            buckets[unit.signature if unit.signature in buckets else flipped.signature][1].append(
                unit if unit.signature in buckets else flipped)
        else:
            unmatched.append(unit)
    left_over = [u for key, (ours, theirs) in buckets.items() for u in ours[len(theirs):]]
    spare = [u for key, (ours, theirs) in buckets.items() for u in theirs[len(ours):]]
    for unit in unmatched:
        if not any(may_hold(unit.shapes[0], u.shapes[0]) or may_hold(u.shapes[0], unit.shapes[0]) for u in left_over):
            raise ValueError(msg("{tensor} has no counterpart in the reference (no tensor of the same shape, nor "
                                 "several concatenated or stacked)", tensor=_describe_unit(unit, "your")))
    # Concatenations keep element counts: reference tensors the submission's left-over ones cannot
    # cover have no counterpart at all (a weight kept as a plain attribute, not registered, is one).
    need = sum(_elements(u) for u in left_over)
    have = sum(_elements(u) for u in unmatched + spare)
    if need != have:
        missing = left_over[0] if left_over else None
        if missing is not None and not unmatched:
            raise ValueError(msg("{tensor} has no counterpart among your parameters and buffers (a tensor kept as "
                                 "a plain attribute is not one the grader can set)",
                                 tensor=_describe_unit(missing, "the reference")))
        extra = unmatched + spare
        problem = msg("your tensors hold {have:,} values where the reference's unmatched ones hold {need:,}: "
                      "{tensor} has no counterpart", have=have, need=need,
                      tensor=_describe_unit(extra[0], "your") if extra
                      else _describe_unit(left_over[0], "the reference"))
        raise ValueError(Text(problem, _companions(extra, left_over)) if extra else problem)
    keys = [k for k in buckets if buckets[k][1]]
    # Capped before anything is materialised: each bucket's pairings are generated lazily and at
    # most MAX_CANDIDATES of them kept; the product is walked lazily too.
    partner = _first_pairing(buckets, keys)
    per_bucket = [list(itertools.islice(_orders(*buckets[key], partner), MAX_CANDIDATES)) for key in keys]
    # Every reference tensor, split groups' vectors included, must have a counterpart.
    expected = sum(len(u.members) + sum(len(g) for g in u.split) for u in reference)
    yielded = 0
    position = {u.members[0]: index for index, u in enumerate(submission)}  # first-use order
    spare_pool = [u for key in keys for u in buckets[key][1]]  # those a choice leaves unpaired are parts
    for choice in itertools.product(*per_bucket):
        budget.tick()
        mapping = {}
        for ours, theirs in choice:
            for ref_unit, sub_unit in zip(ours, theirs):
                flipped = sub_unit.signature[0] != match_key(sub_unit.shapes[0])
                for ref_name, sub_name in zip(ref_unit.members, sub_unit.members):
                    mapping[ref_name] = Transposed(sub_name) if flipped and sub_name == sub_unit.members[0] \
                        else sub_name
                # Vectors kept apart from the anchor (a BN on a concatenation that holds this anchor's
                # output, DenseNet's pre-activation) pair group by group; where they cannot, the
                # reference's are left out and the completeness test below drops the candidate.
                mapping.update(_paired_splits(ref_unit, sub_unit))
        used = {id(u) for ours, _ in choice for u in ours}
        rest = [u for u in reference if id(u) not in used]
        paired = {u.members[0] for _, theirs in choice for u in theirs}
        parts = sorted(unmatched + [u for u in spare_pool if u.members[0] not in paired],
                       key=lambda u: position[u.members[0]])
        for candidate in _composites(mapping, rest, parts, budget):
            if len(candidate) != expected:
                continue  # a reference tensor left out: not a mapping
            yield candidate
            yielded += 1
            if yielded >= MAX_CANDIDATES:
                return
    if not yielded and (unmatched or spare):
        raise ValueError(msg("{tensor} has no counterpart in the reference: no reading of it as reference tensors "
                             "concatenated or stacked, or as part of one, covers every reference tensor",
                             tensor=_describe_unit((unmatched or spare)[0], "your")))


def _elements(unit: Unit) -> int:
    """Values a unit holds, split groups included."""
    return sum(size_of(shape) for shape in unit.shapes) + sum(size_of(shape) for group in unit.split
                                                              for _, shape in group)


def _composites(mapping: dict, rest: list, unmatched: list, budget: _Budget):
    """Extend ``mapping`` so that every unmatched submission unit either holds several reference units
    from ``rest`` or, with the units after it, is held by one (no reference unit claimed twice; pruned
    as it goes, not filtered after)."""
    if not unmatched:
        yield mapping
        return
    unit, later = unmatched[0], unmatched[1:]
    for parts in _part_choices(rest, unit, budget):
        claimed = {id(u) for u in parts}
        for reading in _readings(unit, parts, whole_is_sub=True):
            budget.tick()
            yield from _composites({**mapping, **reading}, [u for u in rest if id(u) not in claimed], later, budget)
    # Split layers: a reference unit holds this unit and the next ones, in first-use order (one
    # conv per group for the reference's grouped conv).
    for whole in rest:
        if not may_hold(whole.shapes[0], unit.shapes[0]):
            continue
        total, held = size_of(whole.shapes[0]), 0
        for count, part in enumerate(unmatched, start=1):
            budget.tick()
            held += size_of(part.shapes[0])
            if held >= total:
                if held == total and count >= 2:
                    for reading in _readings(whole, tuple(unmatched[:count]), whole_is_sub=False):
                        budget.tick()
                        yield from _composites({**mapping, **reading}, [u for u in rest if u is not whole],
                                               unmatched[count:], budget)
                break
