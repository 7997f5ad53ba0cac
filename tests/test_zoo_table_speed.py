"""`classic-grade zoo` is quick: counts are cached under a hash of the zoo's sources, and what the
cache lacks is counted in parallel. The cache cannot go stale: any edit gives another key."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import classic_cnn
import classic_grade
from classic_grade import zoo_counts
from classic_grade.zoo_counts import cache_key, cache_path, count_one, counts

# The bound is 10 s for all 110 networks on an idle 2-core machine (about 3 s measured
# once counted, 25-40 s before the cache); 15 s leaves CI a margin and still fails an uncached table.
TABLE_SECONDS = 15
pytestmark = pytest.mark.xdist_group("timing")  # never beside another timing-sensitive module


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    """One cache folder for the session's zoo tests (the chart's tests use the same path)."""
    folder = tmp_path_factory.getbasetemp() / "zoo-counts"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLASSIC_GRADE_CACHE", str(folder))
        yield folder


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    """No cache, and no shipped counts: what these tests look at is counted here."""
    monkeypatch.setenv("CLASSIC_GRADE_CACHE", str(tmp_path))
    monkeypatch.setattr(zoo_counts, "SHIPPED", tmp_path / "not-shipped.json")
    return tmp_path


def _importable_env(cache: Path) -> dict[str, str]:
    roots = [str(Path(classic_grade.__file__).parents[1]), str(Path(classic_cnn.__file__).parents[1])]
    path = os.pathsep.join([*roots, os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "CLASSIC_GRADE_CACHE": str(cache), "PYTHONPATH": path}


def test_the_whole_table_takes_seconds_once_counted(shared_cache):
    names = classic_cnn.list_models()
    counts(names)  # the first run: counted in parallel and cached
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "classic_grade.cli", "zoo"], capture_output=True, text=True,
                            env=_importable_env(shared_cache), timeout=300)
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stderr
    assert all(f" {name} " in result.stdout for name in names)
    assert elapsed < TABLE_SECONDS, f"the table of {len(names)} networks took {elapsed:.1f} s"


def test_parallel_counts_equal_counting_here_and_are_kept_under_the_key(empty_cache):
    names = ["lenet5", "alexnet", "nin_cifar10", "zfnet", "vgg11"]
    assert len(names) >= zoo_counts.PARALLEL_FROM  # so that the worker processes count them
    counted = counts(names)
    assert counted == {name: count_one(name) for name in names}
    assert counted["lenet5"] == {"params": 60_000, "macs": 325_680, "output_shape": [1, 10]}
    kept = json.loads(cache_path().read_text())
    assert cache_path().name == f"zoo-counts-{cache_key()}.json" and set(kept) == set(names)


def test_a_damaged_cache_is_counted_again_and_only_recent_other_keys_are_kept(empty_cache):
    others = [empty_cache / f"zoo-counts-{i:024d}.json" for i in range(zoo_counts.KEEP_OTHER_KEYS + 2)]
    for age, other in enumerate(others):
        other.write_text("{}")
        os.utime(other, (1_000_000 + age, 1_000_000 + age))  # the last written is the most recent
    cache_path().write_text(json.dumps({"lenet5": {"params": "many"}, "alexnet": [1]}))
    assert counts(["lenet5"])["lenet5"]["params"] == 60_000
    assert list(json.loads(cache_path().read_text())) == ["lenet5"]
    assert [other.exists() for other in others] == [False, False] + [True] * zoo_counts.KEEP_OTHER_KEYS
    cache_path().write_text("{not json")
    assert counts(["lenet5"])["lenet5"]["macs"] == 325_680


def test_any_edit_to_the_zoo_changes_the_key(tmp_path, monkeypatch):
    copy = tmp_path / "classic_cnn"
    shutil.copytree(Path(classic_cnn.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    original = cache_key()
    monkeypatch.setattr(classic_cnn, "__file__", str(copy / "__init__.py"))
    assert cache_key() == original  # the key reads contents, not where they live
    block = copy / "blocks" / "inception.py"  # a shared block: no network's own module
    block.write_text(block.read_text() + "\n# an edit\n")
    assert cache_key() != original


def test_the_shipped_counts_are_those_of_this_zoo():
    """The package's zoo_counts.json is read only under its key: an edit to the zoo (or to what
    counts) leaves it unread, and this fails until `make zoo-counts` writes it again."""
    data = json.loads(zoo_counts.SHIPPED.read_text("utf-8"))
    import torch

    if data["torch"] != torch.__version__:   # another torch counts its own MACs: the file is not read
        assert zoo_counts.shipped() == {}
        return
    assert data["key"] == cache_key(), "the zoo or zoo_counts.py changed: run `make zoo-counts` and commit the file"
    assert set(zoo_counts.shipped()) == set(classic_cnn.list_models())
    for name in ("lenet5", "googlenet", "resnet50", "mobilenet_v2"):
        assert zoo_counts.shipped()[name] == count_one(name), name
