"""A network's shapes are measured once per class count, and torch's flop counter (which adds ~70 %
to a meta-device forward) runs only for the papers' class count, the one whose MACs are checked."""
from __future__ import annotations

from classic_grade.checks import context, networks

from conftest import EXAMPLES


def test_macs_are_counted_once_and_only_for_the_papers_class_count(grader, monkeypatch):
    asked = []
    request = context.TaskContext.request

    def recording(self, header, arrays=None, timeout=None):
        if header.get("op") == "build" and header.get("meta"):
            asked.append(("build", header["kwargs"]))
        if header.get("op") == "shapes":
            asked.append(("shapes", header.get("macs", True)))
        return request(self, header, arrays, timeout)

    monkeypatch.setattr(context.TaskContext, "request", recording)
    report = grader.grade(EXAMPLES / "correct.py", "day19", "all", tasks=["GoogLeNet"])
    assert report.score == report.max_score, [(c.id, c.message) for t in report.tasks for c in t.checks]
    measured = [(asked[i - 1][1], macs) for i, (op, macs) in enumerate(asked) if op == "shapes"]
    assert len(measured) == 2, asked              # one measurement per class count (1000, 10)
    assert sorted(macs for _, macs in measured) == [False, True], measured
    counted = next(kwargs for kwargs, macs in measured if macs)
    assert str(networks.PAPER_CLASSES) in str(counted), measured
