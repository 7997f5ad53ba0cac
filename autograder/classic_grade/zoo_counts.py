"""The zoo's computed figures (parameters, MACs, output shape of each network), cached on disk.

Counting is cheap per network but not for the zoo: a meta-device forward under torch's
FlopCounterMode costs 0.1-8 s (resnet1202_cifar dispatches 1,202 layers), about 25 s of CPU for
all 110 networks. The counts only change when the zoo's code or torch changes, so they are kept in
a file named after a hash of exactly that: every source file of ``classic_cnn``, this module (it
decides what is counted) and torch's version (its flop counter decides what a MAC is). Any edit
gives a new key and so a new, empty cache: a stale count cannot be read. A key per network would
recount less after an edit, but a network's code reaches into shared blocks and helpers and
nothing records which, so such a key could miss a dependency.

The package ships the counts of its own zoo (``zoo_counts.json``, written by ``make zoo-counts``
under the same key), so a fresh install's first table is as quick as a cached one; they are read
only while their key is the current one (a test fails when an edit left them behind). What neither
holds is counted in worker processes, one network per task, as many at once as there are cores. The
cache lives in ``$CLASSIC_GRADE_CACHE``, else ``$XDG_CACHE_HOME/classic-grade``, else
``~/.cache/classic-grade``; a folder that cannot be written only costs the speed.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable

__all__ = ["count_one", "counts", "cache_key", "cache_path", "shipped", "ship"]

SHIPPED = Path(__file__).with_name("zoo_counts.json")

# Below this many networks to count, worker start-up (each imports torch) costs more than it saves.
PARALLEL_FROM = 4
# Cache files of other keys kept beside the current one: checkouts of other branches sharing a
# cache folder would otherwise evict each other's counts on every run.
KEEP_OTHER_KEYS = 4


def count_one(name: str) -> dict:
    """Parameters, MACs and output shape of ``create(name)`` at its canonical input, batch 1."""
    import torch

    import classic_cnn
    from classic_cnn.counting import count_params, macs_and_output

    info = classic_cnn.model_info(name)
    with torch.device("meta"):
        net = classic_cnn.create(name)
    macs, output = macs_and_output(net, (1, *info.canonical_input))
    return {"params": count_params(net), "macs": macs, "output_shape": list(output.shape)}


def cache_key() -> str:
    import torch

    import classic_cnn

    digest = hashlib.sha256(f"torch {torch.__version__}\n".encode())
    package = Path(classic_cnn.__file__).parent
    sources = [(path.relative_to(package).as_posix(), path) for path in sorted(package.rglob("*.py"))]
    for label, path in [*sources, ("classic_grade/zoo_counts.py", Path(__file__))]:
        digest.update(f"{label}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def _cache_dir() -> Path:
    explicit = os.environ.get("CLASSIC_GRADE_CACHE")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "classic-grade"


def cache_path(key: str | None = None) -> Path:
    return _cache_dir() / f"zoo-counts-{key or cache_key()}.json"


def _read(path: Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):  # absent, unreadable or half-written: count again
        return {}
    if not isinstance(data, dict):
        return {}
    return {name: row for name, row in data.items() if _well_formed(row)}


def _well_formed(row) -> bool:
    return (isinstance(row, dict) and isinstance(row.get("params"), int) and isinstance(row.get("macs"), int)
            and isinstance(row.get("output_shape"), list))


def _write(path: Path, known: dict[str, dict]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False) as handle:
            json.dump(known, handle, sort_keys=True)
        os.replace(handle.name, path)  # atomic: a concurrent reader sees the old file or the new one
        # Other keys are other checkouts (or past edits): keep the few most recently written.
        others = sorted((f for f in path.parent.glob("zoo-counts-*.json") if f != path),
                        key=lambda f: f.stat().st_mtime, reverse=True)
        for old in others[KEEP_OTHER_KEYS:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _count_all(names: list[str]) -> dict[str, dict]:
    workers = min(_workers(), len(names))
    if len(names) < PARALLEL_FROM or workers < 2:
        return {name: count_one(name) for name in names}
    # forkserver, not fork: the caller may already run torch's thread pools, which fork would copy
    # mid-state. The server imports torch once; each worker is forked from it.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return dict(zip(names, pool.map(count_one, names)))


def counts(names: Iterable[str]) -> dict[str, dict]:
    """``{name: {"params", "macs", "output_shape"}}`` for registered ``names``, from the cache
    where it has them, counted (and added to it) where it has not."""
    names = list(dict.fromkeys(names))
    path = cache_path()
    known = {**shipped(), **_read(path)}
    missing = [name for name in names if name not in known]
    if missing:
        known.update(_count_all(missing))
        _write(path, known)
    return {name: known[name] for name in names}


def shipped() -> dict[str, dict]:
    """The counts shipped with the package, when they were counted from exactly this zoo and torch."""
    try:
        data = json.loads(SHIPPED.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    rows = data.get("counts") if isinstance(data, dict) and data.get("key") == cache_key() else None
    return {name: row for name, row in rows.items() if _well_formed(row)} if isinstance(rows, dict) else {}


def ship() -> Path:
    """Count every registered network afresh and write the package's ``zoo_counts.json``."""
    import torch

    import classic_cnn

    names = classic_cnn.list_models()
    rows = _count_all(names)
    lines = [f" {json.dumps(name)}: {json.dumps(rows[name], sort_keys=True)}" for name in sorted(rows)]
    SHIPPED.write_text(f'{{"key": {json.dumps(cache_key())}, "torch": {json.dumps(torch.__version__)}, "counts": {{\n'
                       + ",\n".join(lines) + "\n}}\n", "utf-8")   # one network per line: diffs read well
    return SHIPPED


if __name__ == "__main__":
    print(f"wrote {ship()}")
