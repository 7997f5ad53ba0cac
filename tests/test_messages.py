"""The message catalog: every sentence a student reads has its Traditional Chinese (Taiwan)
translation, with the same placeholders, and the reports show the language asked for."""
from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest

from classic_grade import message_catalog, messages
from classic_grade.messages import Message, Text, msg, render, render_label
from classic_grade.reports import to_dict
from classic_grade.reports.json_report import in_language

PACKAGE = Path(message_catalog.__file__).parent


def test_every_message_has_a_translation():
    """Fails listing exactly the msgids that lack a zh-TW translation: run `make messages`, then fill
    in their msgstr in locale/zh_TW/LC_MESSAGES/classic_grade.po."""
    for lang in messages.LANGS:
        lacking = message_catalog.missing(lang)
        assert not lacking, (f"{len(lacking)} message(s) without a {lang} translation (run `make messages`, then "
                             "translate them):\n" + "\n".join(f"  {m!r}" for m in lacking))


def test_translations_keep_the_placeholders():
    wrong = message_catalog.mismatched_fields("zh-TW")
    assert not wrong, "translations whose {placeholders} differ from the msgid's:\n" + "\n".join(wrong)


def _literal_msg_calls() -> set[str]:
    """Every msg("…") literal in the package, found by Python's own parser (f-strings included)."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "msg"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add(node.args[0].value)
    return found


def test_the_extractor_sees_every_message_of_the_code():
    """A msg() Babel cannot extract (inside an f-string's braces, say) would never be translated."""
    extracted = {msgid for msgid, _ in message_catalog.code_messages()}
    unseen = _literal_msg_calls() - extracted
    assert not unseen, f"msg() calls Babel's extractor does not see (move them out of f-strings): {sorted(unseen)}"


def test_the_catalog_files_are_up_to_date_with_the_code():
    """Every msgid of the code and data is in the template and in each .po (`make messages` was run)."""
    template = {m.id for m in message_catalog.template() if m.id}
    for lang in messages.LANGS:
        in_po = {m.id for m in message_catalog.read(lang) if m.id}
        assert not template - in_po, f"run `make messages`: {lang} lacks {sorted(template - in_po)[:5]}"


def test_a_message_is_its_english_text_and_renders_in_each_language():
    shape = msg("for an input of shape {shape}, expected output shape {expected}, got {got}",
                shape=(1, 3, 5, 5), expected=(1, 8, 5, 5), got=(1, 8, 1, 1))
    assert shape == "for an input of shape (1, 3, 5, 5), expected output shape (1, 8, 5, 5), got (1, 8, 1, 1)"
    zh = render(shape, "zh-TW")
    assert "輸入形狀為 (1, 3, 5, 5)" in zh and "(1, 8, 1, 1)" in zh
    assert render(shape, "both") == f"{zh}\n{shape}"
    assert render("a traceback, as it is", "zh-TW") == "a traceback, as it is"


def test_text_gives_each_sentence_in_both_languages_and_plain_parts_once():
    text = Text(msg("{error} raised by the submission:", error="RuntimeError"), "\nTraceback: line 4\n",
                msg("Hint: {hint}", hint=Message("kernel_size may be an int or a (kh, kw) tuple: turn an int k into (k, k) before "
                                            "multiplying.")))
    both = render(text, "both")
    assert both.count("Traceback: line 4") == 1
    assert "你的程式引發了 RuntimeError" in both and "RuntimeError raised by the submission" in both
    assert "提示：kernel_size 可能是整數" in both and "Hint: kernel_size may be an int" in both
    assert str(text).startswith("RuntimeError raised by the submission:")


def test_titles_are_found_by_check_id_or_english_title():
    assert render(messages.title("output_shape"), "zh-TW") == "輸出形狀"
    assert render(messages.title("output shape"), "zh-TW") == "輸出形狀"
    assert render_label(messages.title("macs"), "both") == "乘加運算 / multiply–accumulates"


def test_language_names_are_forgiving_and_unknown_ones_refused():
    assert [messages.normalise(x) for x in ("zh_TW", "ZH-tw", "en", "both", None)] == \
        ["zh-TW", "zh-TW", "en", "both", "both"]
    with pytest.raises(ValueError, match="zh-TW"):
        messages.normalise("fr")


def test_a_translators_slip_never_costs_the_report(monkeypatch):
    monkeypatch.setitem(messages._translations("zh-TW"), "gradient of parameter {name!r}", "參數 {nom} 的梯度")
    assert render(msg("gradient of parameter {name!r}", name="w"), "zh-TW") == "參數 {nom} 的梯度"


def _report():
    check = SimpleNamespace(name=messages.title("output_shape"), score=0.0, points=2.0, passed=False,
                            visibility="public", needs_review=False,
                            message=msg("unexpected output shape {shape}", shape=(1, 2)))
    task = SimpleNamespace(name="conv1x1", score=0.0, max_score=2.0, needs_review=False, checks=[check])
    return SimpleNamespace(assignment="day19", score=0.0, max_score=2.0, elapsed_s=0.1, tasks=[task],
                           needs_review=[], errors=[], submission="x.py", sha256="0" * 64, environment={},
                           notes=[msg("{count} test cell(s) were left out (nbgrader tests and code that calls "
                                      "classic_grade are the grader's, not part of the submission): {cells}",
                                      count=1, cells="cell 4")])


def test_the_json_report_keeps_its_fields_and_adds_both_languages():
    report = to_dict(_report(), "zh-TW")
    check = report["tasks"][0]["checks"][0]
    assert check["name"] == "output shape"                    # what gradebooks key on: unchanged
    assert check["message"] == "非預期的輸出形狀 (1, 2)" and check["title"] == "輸出形狀"
    assert check["messages"]["en"] == "unexpected output shape (1, 2)"
    assert check["messages"]["zh-TW"] == check["message"]
    assert report["notes"][0].startswith("略過了 1 個測試格") and report["lang"] == "zh-TW"
    shown = in_language(report, "en")                          # a stored report, shown again in English
    assert shown["tasks"][0]["checks"][0]["message"] == "unexpected output shape (1, 2)"
    assert shown["notes"][0].startswith("1 test cell(s) were left out")


def test_the_feedback_page_speaks_the_language_asked_for():
    from classic_grade.batch.html import feedback_page

    record = dict(to_dict(_report(), "zh-TW"), student="s1")
    page = feedback_page(record)
    assert 'lang="zh-Hant-TW"' in page and "非預期的輸出形狀" in page and "分數" in page
    english = feedback_page(in_language(record, "en"), "en")
    assert 'lang="en"' in english and "unexpected output shape" in english and "非預期" not in english
