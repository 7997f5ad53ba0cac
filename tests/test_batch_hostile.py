"""Neighbours in one batch, on one grader (so on one zygote): a submission that leaves a daemon to
kill the next submission's workers, and one that tries to rewrite the next submission's file, cost
only their own grades. The victims, graded right after them, keep full marks and their files."""
from __future__ import annotations

import json

from batch_support import ADVERSARIAL, EXAMPLES, batch_command, copy, on_correct


def test_attacks_on_the_next_submission_cost_only_the_attacker(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    victims = {name: copy(EXAMPLES / "correct.py", subs / f"{name}.py") for name in ("b_victim", "d_victim")}
    before = {name: path.read_bytes() for name, path in victims.items()}
    on_correct(ADVERSARIAL / "batch_kill_next_workers.py", subs / "a_killer.py")
    rewriter = on_correct(ADVERSARIAL / "batch_rewrite_next_submission.py", subs / "c_rewriter.py")
    rewriter.write_text(rewriter.read_text().replace("{{NEXT_SUBMISSION}}", str(victims["d_victim"])))
    result = batch_command(subs, "-a", "day19", "--out", out, "--workers", 1, "--task", "conv_params",
                           "--task", "conv1x1")
    assert result.returncode == 0, result.stderr[-3000:]
    records = {p.parent.name: json.loads(p.read_text()) for p in (out / "students").glob("*/report.json")}
    for attacker in ("a_killer", "c_rewriter"):
        tasks = {t["name"]: t for t in records[attacker]["tasks"]}
        assert tasks["conv_params"]["score"] == 0, attacker
        assert tasks["conv1x1"]["score"] == tasks["conv1x1"]["max_score"], attacker
    for name, path in victims.items():
        assert records[name]["score"] == records[name]["max_score"], records[name]
        assert path.read_bytes() == before[name], f"{name}'s file was changed by a neighbour"
    assert json.loads((out / "summary.json").read_text())["counts"]["grader_errors"] == 0
