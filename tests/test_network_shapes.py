"""A network's shapes are measured once per class count, and torch's flop counter (which adds ~70 %
to a meta-device forward) runs only for the papers' class count, the one whose MACs are checked."""
from __future__ import annotations

from classic_grade.checks import context, networks

from conftest import EXAMPLES


def test_macs_are_counted_once_and_only_for_the_papers_class_count(grader, monkeypatch):
    measured = []     # (the kwargs of the build each shapes request measures, whether it counts MACs)
    last_build = {}
    request = context.TaskContext.request

    def recording(self, header, arrays=None, timeout=None):
        if header.get("op") == "build":
            last_build["kwargs"] = header.get("kwargs")
        if header.get("op") == "shapes":
            measured.append((last_build.get("kwargs"), header.get("macs", True)))
        return request(self, header, arrays, timeout)

    monkeypatch.setattr(context.TaskContext, "request", recording)
    report = grader.grade(EXAMPLES / "correct.py", "day19", "all", tasks=["GoogLeNet"])
    assert report.score == report.max_score, [(c.id, c.message) for t in report.tasks for c in t.checks]
    # One measurement per class count (1000, 10); the flop counter only with the papers' head.
    assert sorted(measured, key=lambda m: m[0]["num_classes"]) == [
        ({"num_classes": 10}, False), ({"num_classes": networks.PAPER_CLASSES}, True)], measured
