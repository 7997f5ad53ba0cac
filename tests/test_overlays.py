"""A corpus entry's BASE line (classic_grade.overlays): an entry may build on another entry of the same
day, chains are followed, and a loop, a missing base or a path outside the corpus is a one-line error."""
from __future__ import annotations

from pathlib import Path

import pytest

from classic_grade import loading
from classic_grade.overlays import OverlayError, entry_source, folder_of, resolve
from classic_grade.validation import overlay

ROOT = Path(__file__).resolve().parents[1]


def _entry(folder: Path, name: str, body: str, base: str | None = None) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    header = f'"""{name}\n\nTASK: f\n' + (f"BASE: {base}\n" if base else "") + '"""\n'
    path.write_text(header + body, "utf-8")
    return path


def test_an_entry_without_base_is_its_own_overlay_on_the_example(tmp_path):
    entry = _entry(tmp_path / "day99", "wrong/a.py", "from __future__ import annotations\nX = 1\n")
    example = tmp_path / "example.py"
    example.write_text("X = 0\n")
    assert resolve(entry).text == entry.read_text()
    assert entry_source(entry, example) == loading.overlay_source("X = 0\n", entry.read_text())
    assert entry_source(entry, example).startswith("from __future__ import annotations\nX = 0\n")


def test_a_chain_is_followed_in_order_and_later_layers_win(tmp_path):
    day = tmp_path / "day99"
    _entry(day, "correct/a.py", "X = 'a'\nA = 1\n")
    _entry(day, "correct/b.py", "X = 'b'\n", base="correct/a.py")
    c = _entry(day, "wrong/c.py", "from __future__ import annotations\nX = X + 'c'\n", base="correct/b.py")
    example = tmp_path / "example.py"
    example.write_text("X = 'example'\n")
    space: dict = {}
    exec(compile(entry_source(c, example), "c.py", "exec"), space)
    assert space["X"] == "bc" and space["A"] == 1
    assert folder_of(c) == day


def test_base_none_ends_the_chain_without_the_example(tmp_path):
    day = tmp_path / "day99"
    _entry(day, "whole.py", "X = 1\n", base="none")
    derived = _entry(day, "derived.py", "Y = X\n", base="whole.py")
    assert folder_of(derived) == day          # the adversarial corpus's layout: no kind folder
    found = resolve(derived)
    assert not found.on_example and "X = 1" in found.text and found.text.endswith("Y = X\n")


@pytest.mark.parametrize("base, says", [("correct/b.py", "loop"), ("correct/missing.py", "is not a file"),
                                        ("../../outside.py", "outside")])
def test_a_base_that_cannot_be_followed_is_a_one_line_error(tmp_path, base, says):
    day = tmp_path / "day99"
    (tmp_path / "outside.py").write_text("X = 1\n")
    _entry(day, "correct/b.py", "X = 1\n", base="wrong/a.py")
    entry = _entry(day, "wrong/a.py", "X = 2\n", base=base)
    with pytest.raises(OverlayError, match=says) as error:
        resolve(entry)
    assert "\n" not in str(error.value)


def test_two_base_lines_are_refused(tmp_path):
    entry = _entry(tmp_path / "day99", "wrong/a.py", "X = 1\n", base="correct")
    entry.write_text(entry.read_text().replace("BASE: correct\n", "BASE: correct\nBASE: none\n"))
    with pytest.raises(OverlayError, match="more than one BASE"):
        resolve(entry)


def test_every_corpus_entry_resolves_and_a_derived_one_holds_its_base():
    derived = 0
    for entry in sorted((ROOT / "tests" / "corpus").glob("*/*/*.py")):
        found = resolve(entry)
        assert found.on_example, entry
        if found.text != entry.read_text("utf-8"):
            derived += 1
            submission = overlay(ROOT, entry.parent.parent.name, entry)
            assert submission.error is None and entry.read_text("utf-8").strip() in found.text
    assert derived > 0


def test_the_mistakes_builder_says_a_broken_base_in_one_line(tmp_path, capsys):
    from classic_grade.mistakes import build

    wrong = tmp_path / "tests" / "corpus" / "day19" / "wrong"
    wrong.mkdir(parents=True)
    (wrong / "a.py").write_text('"""a\n\nTASK: InceptionBlock\nBASE: correct/missing.py\n'
                                'MISTAKE: 甲 | a mistake\n"""\nX = 1\n', "utf-8")
    assert build.main(["--root", str(tmp_path), "--check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "is not a file" in err and err.count("\n") == 1
