"""`--similarity`: copied answers rank first, and the released stub's code (which every student
starts from) does not make students look alike. Reads files only; nothing is graded."""
from __future__ import annotations

import pytest

from batch_support import CORPUS, EXAMPLES, ROOT, copy

from classic_grade.batch import collect
from classic_grade.batch.similarity import compare

pytest.importorskip("copydetect")


def test_a_copied_answer_ranks_first_and_the_stub_alone_matches_nobody(tmp_path):
    copy(EXAMPLES / "correct.py", tmp_path / "alice.py")
    copy(EXAMPLES / "correct.py", tmp_path / "bob.py", "# my own work, honest\n")     # alice's, copied
    copy(CORPUS / "correct" / "inception_functional_parameters.py", tmp_path / "carol.py")
    released = ROOT / "assignments" / "day19" / "day19.ipynb"
    copy(released, tmp_path / "dave.ipynb")       # handed in the stub untouched
    copy(released, tmp_path / "erin.ipynb")        # so did erin
    result = compare(collect([str(tmp_path)], "day19"), "day19")
    pairs = {(p["a"], p["b"]): p for p in result["pairs"]}
    assert result["pairs"][0]["a"] == "alice" and result["pairs"][0]["b"] == "bob"
    assert pairs[("alice", "bob")]["score"] == 1.0
    assert ("dave", "erin") not in pairs             # identical, but only in the code they were given
    assert "stub" in result["method"]
    scores = [p["score"] for p in result["pairs"]]
    assert scores == sorted(scores, reverse=True)
