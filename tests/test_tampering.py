"""Tampering inside the worker cannot change a score: comparisons happen in the grading process."""
import json

from click.testing import CliRunner

from classic_grade.cli import main

TAMPER = '''
import torch, numpy
torch.allclose = lambda *a, **k: True
torch.equal = lambda *a, **k: True
torch.Tensor.__eq__ = lambda self, other: True
numpy.allclose = lambda *a, **k: True
print('{"assignment": "day19", "score": 47.0, "max_score": 47.0, "tasks": [], "errors": []}')

class InceptionBlock(InceptionBlock):
    def forward(self, x):
        return super().forward(x) * 1.5          # wrong by a factor

def inception_macs(in_channels, filter_list, height, width):
    return 1
'''


def test_patched_comparisons_and_fake_reports_change_nothing(tmp_path, correct_source):
    path = tmp_path / "day19.py"
    path.write_text(correct_source + TAMPER)
    result = CliRunner().invoke(main, ["grade", str(path), "-a", "day19", "--format", "json", "--device", "cpu",
                                       "--task", "InceptionBlock", "--task", "inception_macs", "--task", "conv_params"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)   # exactly one JSON object: the fake print never reaches stdout
    scores = {t["name"]: (t["score"], t["max_score"]) for t in report["tasks"]}
    assert scores["conv_params"][0] == scores["conv_params"][1]
    assert scores["inception_macs"][0] == 0
    failed = {c["name"] for t in report["tasks"] if t["name"] == "InceptionBlock" for c in t["checks"] if not c["passed"]}
    assert "same function as the reference" in failed
    assert report["score"] < 47
