"""--lang on the command line: the report in Traditional Chinese, English or both."""
import json
import re

from click.testing import CliRunner

from classic_grade.cli import main

from conftest import EXAMPLES

CHEAP = ["--task", "conv_params", "--device", "cpu"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _grade(*options):
    result = CliRunner().invoke(main, ["grade", str(EXAMPLES / "typical_mistakes.py"), "-a", "day19", *CHEAP,
                                       *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_json_message_in_the_language_asked_for_and_both_beside_it():
    report = json.loads(_grade("--format", "json", "--lang", "zh-TW"))
    check = report["tasks"][0]["checks"][0]
    assert check["name"] == "the papers' examples" and check["title"] == "論文中的例子"
    assert "最小反例" in check["message"] and "Smallest failing case" not in check["message"]
    assert "Smallest failing case" in check["messages"]["en"] and check["messages"]["zh-TW"] == check["message"]


def test_text_report_in_english_only_and_in_both():
    english = _grade("--lang", "en")
    assert "Smallest failing case" in english and not CJK.search(english)
    both = _grade()
    assert "最小反例" in both and "Smallest failing case" in both
    assert "論文中的例子 / the papers' examples" in both


def test_an_unknown_language_is_a_usage_error():
    result = CliRunner().invoke(main, ["grade", str(EXAMPLES / "correct.py"), "-a", "day19", "--lang", "fr"])
    assert result.exit_code == 2 and "zh-tw" in result.output.lower()
