"""The reference's side of a check, computed once per grading process and reused.

What a check computes from the reference alone (the reference built for a configuration, its drawn
values and input, its outputs and gradients, its counts) does not depend on the student: a batch
grader, which grades many submissions with one process, and a single grading, which asks the same
reference the same question from several checks, pay it once. Everything here lives in the
trusted process; nothing of it ever reaches a worker. Arrays handed out are read-only, so a check
cannot change what the next submission is compared with; modules are handed out as copies, so a
check may still change its own (a pooling convention swapped in, say).

Entries are bounded by their arrays' bytes (least recently used first out), so a batch over the
course's large networks keeps memory flat.
"""
from __future__ import annotations

import collections
import copy
import hashlib
import threading
import weakref

import numpy as np
import torch

LIMIT_BYTES = 768 << 20
_entries: collections.OrderedDict = collections.OrderedDict()
_sizes: dict = {}
_lock = threading.Lock()


# The digests of arrays handed out frozen, by the array's id while it lives: a large network's drawn
# values (tens of MB) are part of the key of every reference run that uses them, and hashing them again
# each time cost more than the run itself.
_frozen_digests: dict[int, str | None] = {}


def _array_digest(array: np.ndarray) -> str:
    known = _frozen_digests.get(id(array))
    if known is not None:
        return known
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(f"{array.dtype}{array.shape}".encode())
    hasher.update(np.ascontiguousarray(array).data)
    found = hasher.hexdigest()
    if id(array) in _frozen_digests:
        _frozen_digests[id(array)] = found
    return found


def digest(*parts) -> str:
    """A key for JSON-able parts and arrays alike (arrays by dtype, shape and bytes)."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        if isinstance(part, np.ndarray):
            hasher.update(_array_digest(part).encode())
        elif isinstance(part, dict) and any(isinstance(v, np.ndarray) for v in part.values()):
            for name in sorted(part):
                hasher.update(name.encode())
                hasher.update(digest(part[name]).encode())
        else:
            hasher.update(repr(part).encode())   # repr, not JSON: a tuple argument is not a list
        hasher.update(b"\0")
    return hasher.hexdigest()


PLAIN = (bool, int, float, str, tuple, type(None))


def module_key(module: torch.nn.Module) -> str:
    """What a reference module computes, as far as a key can tell: its class and its structure
    (repr names every layer with its settings, so a variant's other pooling differs), and every
    submodule's plain attributes (a flag a variant sets that repr does not show). Its values are
    part of the caller's key; its train/eval mode is set by the run itself."""
    settings = [(name, type(sub).__qualname__, sorted((k, repr(v)) for k, v in vars(sub).items()
                                                    if k != "training" and isinstance(v, PLAIN)))
                for name, sub in module.named_modules()]
    return f"{type(module).__module__}.{type(module).__qualname__}:{module!r}:{digest(settings)}"


def _frozen(value):
    if isinstance(value, np.ndarray):
        value = value.view()
        value.flags.writeable = False
        _frozen_digests[id(value)] = None        # its digest is remembered once computed
        weakref.finalize(value, _frozen_digests.pop, id(value), None)
        return value
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_frozen(v) for v in value)
    return value


def _size(value) -> int:
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, torch.Tensor):
        return value.numel() * value.element_size()
    if isinstance(value, torch.nn.Module):
        return sum(_size(t) for t in list(value.parameters()) + list(value.buffers()))
    if isinstance(value, dict):
        return sum(_size(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(_size(v) for v in value)
    return 0


def _handed_out(value):
    return copy.deepcopy(value) if isinstance(value, torch.nn.Module) else value


_specs: dict = {}


def spec_key(spec) -> int:
    """A task spec's identity in a key. Specs are module constants; the ones seen are held here all
    the same, so that an id is never reused for another spec while its entries live."""
    _specs.setdefault(id(spec), spec)
    return id(spec)


def remembered(key, compute, leaves_rng: bool = False, copy_modules: bool = True):
    """``compute()``'s value for ``key``, computed on first use. Modules come back as copies
    (unless ``copy_modules`` is False: the caller then copies before it changes one), arrays
    read-only; tuples and dicts are walked. ``leaves_rng``: ``compute`` moves torch's global
    generator (it seeds it and builds a module, or draws dropout masks) and later work may read it,
    so a reused value leaves the generator where computing it would have."""
    with _lock:
        hit = _entries.get(key)
        if hit is not None:
            _entries.move_to_end(key)
    if hit is None:
        value = _frozen(compute())
        hit = (value, torch.get_rng_state() if leaves_rng else None)
        with _lock:
            if _size(value) <= LIMIT_BYTES:
                _entries[key] = hit
                _sizes[key] = _size(value)
                while sum(_sizes.values()) > LIMIT_BYTES:
                    old, _ = _entries.popitem(last=False)
                    _sizes.pop(old)
    elif hit[1] is not None:
        torch.set_rng_state(hit[1])
    return _walk(hit[0], _handed_out) if copy_modules else hit[0]


def _walk(value, leaf):
    if isinstance(value, tuple):
        return tuple(_walk(v, leaf) for v in value)
    if isinstance(value, dict):
        return {k: _walk(v, leaf) for k, v in value.items()}
    return leaf(value)


def clear() -> None:
    with _lock:
        _entries.clear()
        _sizes.clear()
