"""Which students' own code is most alike: copydetect's winnowed fingerprints (the MOSS method) of
each submission's code, with every fingerprint of the released stub removed first, so the code all
students were given does not make them look alike. Pairs are ranked by the larger of the two
overlaps (the share of one student's own code found in the other's).

The code compared is what the grader's loader reads (``loading.load``), never executed.
"""
from __future__ import annotations

import io
from importlib import resources
from itertools import combinations

from .. import loading

MIN_SIMILARITY = 0.25     # pairs below this are not listed
MAX_PAIRS = 50


def _fingerprint(source: str, boilerplate):
    from copydetect import CodeFingerprint
    from copydetect.defaults import GUARANTEE_THRESHOLD, NOISE_THRESHOLD

    return CodeFingerprint("submission.py", NOISE_THRESHOLD, GUARANTEE_THRESHOLD - NOISE_THRESHOLD + 1,
                           boilerplate=boilerplate, fp=io.StringIO(source))


def stub_source(assignment: str) -> str:
    released = resources.files("classic_grade") / "released" / assignment / f"{assignment}.ipynb"
    return loading.load(str(released)).source if released.is_file() else ""


def compare(klass, assignment: str) -> dict:
    try:
        from copydetect import compare_files
    except ImportError:
        return {"method": "not run: --similarity needs copydetect (pip install 'classic-grade[similarity]')",
                "pairs": []}
    stub = stub_source(assignment)
    boilerplate = list(_fingerprint(stub, None).hashes) if stub.strip() else []
    prints = {}
    for handin in klass.handins:
        if handin.path is None:
            continue
        source = loading.load(handin.path).source
        if source.strip():
            prints[handin.student] = _fingerprint(source, boilerplate)
    pairs = []
    for a, b in combinations(sorted(prints), 2):
        overlap, (share_a, share_b), _ = compare_files(prints[a], prints[b])
        score = float(max(share_a, share_b))
        if overlap and score >= MIN_SIMILARITY:
            pairs.append({"a": a, "b": b, "score": round(score, 4), "a_in_b": round(float(share_a), 4),
                          "b_in_a": round(float(share_b), 4), "tokens": int(overlap)})
    pairs.sort(key=lambda p: (-p["score"], p["a"], p["b"]))
    return {"method": f"copydetect winnowing over {len(prints)} submissions, the released stub's code excluded; "
                      f"pairs at {MIN_SIMILARITY:.0%} or more", "pairs": pairs[:MAX_PAIRS]}
