"""`classic-grade list` and `validate` know day22."""
from click.testing import CliRunner

from classic_grade import rubric
from classic_grade.cli import main
from classic_grade.tasks import specs


def test_list_names_every_day22_task():
    output = CliRunner().invoke(main, ["list"]).output
    assert "day22" in output
    for task in ("SEModule", "se_params", "SEResidualBlock", "ECAModule"):
        assert task in output


def test_validate_covers_day22_by_default():
    # validate grades rubric.assignments() when none is named; every rubric task has a spec.
    assert "day22" in rubric.assignments()
    assert {t.name for t in rubric.load("day22").tasks} == set(specs("day22"))
