from classic_grade.reports import to_dict

from conftest import EXAMPLES


def _stable(report):
    data = to_dict(report)
    data.pop("elapsed_s")
    return data


def test_same_submission_same_report(grader):
    tasks = ["conv_params", "InceptionBlock", "FactorizedConv"]
    first = grader.grade(EXAMPLES / "typical_mistakes.py", "day19", "all", tasks=tasks, reveal_hidden=True)
    second = grader.grade(EXAMPLES / "typical_mistakes.py", "day19", "all", tasks=tasks, reveal_hidden=True)
    assert _stable(first) == _stable(second)
    assert first.score < first.max_score
