"""The nbgrader test cells' entry point: grades one task of the code it is given, in the sandbox."""
import pytest

from classic_grade.notebook import check_task


def test_check_task_passes_a_correct_task_and_explains_a_wrong_one(correct_source, capsys):
    assert check_task("day19", "conv_params", source=correct_source) == 2.0   # the cell's value: its score
    wrong = correct_source + "\ndef conv_params(i, o, k, bias=True):\n    return k * k * i * o\n"
    capsys.readouterr()
    with pytest.raises(AssertionError):   # a zero score fails the cell (nbgrader credits a 0 value)
        check_task("day19", "conv_params", source=wrong)
    assert "conv_params(192, 64, 1) returned 12,288, expected 12,352" in capsys.readouterr().out


def test_check_task_outside_a_notebook_says_what_to_run():
    with pytest.raises(RuntimeError, match="classic-grade submit"):
        check_task("day19", "conv_params")
