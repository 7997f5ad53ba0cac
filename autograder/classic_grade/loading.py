"""A submission file → the cells a kernel would run, in order, without executing anything.

A notebook is graded the way Jupyter and nbgrader run it: code cell by code cell, in notebook order.
A ``.py`` file is graded the same way, one top-level statement at a time. Each unit is a ``Cell``:

- ``number`` is what the student finds in the file they handed in. For a notebook it is the cell's
  1-based position among *all* the notebook's cells, markdown included (the "Cell 7 of 34" that
  VS Code and JupyterLab's status bar show, and the order nbgrader lists cells in); the execution
  count ``In [n]`` is not used, because it depends on the order the student happened to run cells.
  For a ``.py`` file it is the line the statement starts on.
- ``filename`` is what the code is compiled as, so tracebacks cite ``cell 7, line 3`` (notebooks) or
  ``day19.py, line 40`` (scripts).
- ``skipped`` says why a cell does not run: nbgrader test cells (``grade: true`` and ``solution:
  false`` in the cell's nbgrader metadata), cells that import or call ``classic_grade`` (their
  test code is the grader's, not the student's), cells inside nbgrader's hidden-test markers, and
  cells that do not parse (the rest still run, as in a kernel).

A script exported with ``jupyter nbconvert --to script`` keeps its cells' ``# In[ ]:`` markers; a
marked cell that is a test cell is left out whole, as in the notebook. IPython magics (``%``,
``%%``), shell lines (``!``) and their ``get_ipython()`` translations are dropped, with one note.
Anything that cannot be read becomes ``Submission.error``; the grader never raises on a student's file.
"""
from __future__ import annotations

import ast
import hashlib
import io
import json
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

from .messages import Text, msg

MAX_BYTES = 5 << 20
GRADER_PACKAGE = "classic_grade"
HIDDEN_TESTS = "### BEGIN HIDDEN TESTS"
CELL_MARKER = re.compile(r"^# In\[[ \d]*\]:\s*$", re.MULTILINE)   # nbconvert --to script
# Where a statement at column 0 can start a new top-level statement (used only for files that do not
# parse as a whole): not a comment, not a closing bracket, not the continuation of a compound statement.
CONTINUATION = re.compile(r"^(?:[#)\]}\s]|(?:else|elif|except|finally|case)\b)")
MAX_JOINED = 64   # statements tried together when a broken file is split; bounds the work on hostile input
MAX_LISTED = 12   # cells named in one summary note


@dataclass(frozen=True)
class Cell:
    number: int          # notebook: position among all cells (1-based); script: first line of the statement
    source: str          # the code that runs (IPython lines replaced by `pass`)
    filename: str        # compile()'s filename: "cell 7" (a Message: 「第 7 格」), "In [7]" (a kernel's
                         # execution, as Jupyter shows it in every language) or "day19.py"
    first_line: int = 1  # the line of `filename` that `source` starts on
    skipped: str = ""    # why it does not run; "" when it runs

    @property
    def label(self) -> str:
        if self.filename.startswith(("cell ", "In [")):
            return self.filename
        return msg("{file}, line {line}", file=self.filename, line=self.first_line)

    def wire(self) -> dict:
        return {"label": self.label, "source": self.source, "filename": self.filename, "first_line": self.first_line}


@dataclass
class Submission:
    path: str
    sha256: str
    cells: list[Cell] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None       # why the file could not be graded at all
    run_notes: dict[str, str] = field(default_factory=dict)   # what the cells did when replayed, by cell

    @property
    def filename(self) -> str:
        return Path(self.path).with_suffix(".py").name

    @property
    def runnable(self) -> list[Cell]:
        return [cell for cell in self.cells if not cell.skipped]

    @property
    def source(self) -> str:
        """The code that runs, joined (for static scans; grading runs the cells one by one)."""
        return "\n".join(cell.source for cell in self.runnable)

    def where(self, line: int) -> str:
        """A line of ``source`` as the student finds it: "cell 7, line 3" or "day19.py, line 40"."""
        for cell in self.runnable:
            count = cell.source.count("\n") + 1
            if line <= count:
                return msg("{file}, line {line}", file=cell.filename, line=cell.first_line + line - 1)
            line -= count
        return msg("line {line}", line=line)

    def cells_defining(self, name: str) -> list[Cell]:
        """Cells (run or not) that bind ``name`` at top level: where a student's answer to a task sits."""
        binds = re.compile(rf"^(?:(?:async\s+)?def|class)\s+{re.escape(name)}\b|^{re.escape(name)}\s*[:=]",
                           re.MULTILINE)
        return [cell for cell in self.cells if binds.search(cell.source)]

    def record_run(self, failures: list[dict]) -> None:
        """Keep what the worker said about the cells that raised when replayed (each task's worker
        replays them; the first account of a cell is kept, so the report names it once)."""
        for failure in failures:
            label = str(failure.get("cell", "?"))[:80]
            self.run_notes.setdefault(label, f"{failure.get('error_type', 'Error')}\n{failure.get('error', '')}")

    def report_notes(self) -> list[str]:
        """The loader's notes, then one note per cell that raised (unfinished stubs in one line)."""
        notes = list(self.notes)
        # The worker names cells in plain English; the cells' own labels say it in each language.
        labels = {str(cell.label): cell.label for cell in self.cells}
        unfinished = [labels.get(label, label) for label, text in self.run_notes.items()
                      if text.startswith("NotImplementedError\n")]
        for label, text in self.run_notes.items():
            label = labels.get(label, label)
            if label not in unfinished:
                error_type, _, traceback = text.partition("\n")
                notes.append(Text(msg("{cell} raised {error}; the rest of the submission still ran:", cell=label,
                                      error=error_type), "\n", traceback))
        if unfinished:
            notes.append(msg("{cells} raised NotImplementedError (a task not done yet); the rest of the submission "
                             "still ran", cells=_listing(unfinished)))
        return notes


def _listing(labels: list[str]) -> Text:
    shown = [part for index, label in enumerate(labels[:MAX_LISTED]) for part in ((", ", label) if index else (label,))]
    if len(labels) <= MAX_LISTED:
        return Text(*shown)
    return Text(*shown, msg(" and {count} more", count=len(labels) - MAX_LISTED))


# -- IPython lines ---------------------------------------------------------------------------------

def _drop_ipython(code: str) -> tuple[str, list[tuple[int, str]]]:
    """The code with IPython-only lines replaced by `pass` (same line count, same indentation), and
    the dropped lines as (line number, text). A cell magic drops the whole cell."""
    stripped_code = code.lstrip()
    if stripped_code.startswith("%%"):
        return "", [(1, stripped_code.split()[0])]
    lines, dropped = [], []
    continued = _continuation_lines(code)
    for number, line in enumerate(code.splitlines(), 1):
        stripped = line.lstrip()
        # IPython's history and nbconvert's scripts hold magics already translated into get_ipython() calls.
        # A `%` that continues an expression (`x = (a\n     % b)`) is Python's modulo, not a magic.
        if stripped.startswith(("%", "!", "get_ipython()")) and number not in continued:
            dropped.append((number, stripped[:40]))
            lines.append(line[: len(line) - len(stripped)] + "pass  # dropped: " + stripped[:60].replace("\\", "/"))
        else:
            lines.append(line)
    return "\n".join(lines), dropped


def _continuation_lines(code: str) -> set[int]:
    """Lines (1-based) that continue a statement: inside brackets or a multi-line string, or after a
    backslash. As far as the tokenizer gets: magics and shell lines are not Python, and a cell may
    not parse at all."""
    continued: set[int] = set()
    depth = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            first, last = token.start[0], token.end[0]
            if token.type == tokenize.STRING and last > first:
                continued.update(range(first + 1, last + 1))
            elif depth > 0 and token.type not in (tokenize.NL, tokenize.COMMENT):
                continued.add(first)
            if token.type == tokenize.OP and token.string in "([{":
                depth += 1
            elif token.type == tokenize.OP and token.string in ")]}":
                depth = max(0, depth - 1)
    except (tokenize.TokenError, SyntaxError, ValueError):   # IndentationError is a SyntaxError
        pass
    lines = code.splitlines()
    continued.update(number + 1 for number, line in enumerate(lines, 1) if line.endswith("\\"))
    return continued


def _strip_ipython(cell_index: int, code: str, notes: list[str]) -> str:
    """One cell's code without its IPython lines, each noted (kept for the notebook helper's callers)."""
    cleaned, dropped = _drop_ipython(code)
    notes.extend(msg("cell {cell}, line {line}: IPython line {text!r} was dropped", cell=cell_index, line=line,
                     text=text) for line, text in dropped)
    return cleaned


def _note_dropped(dropped: list[str], notes: list[str]) -> None:
    if dropped:
        notes.append(msg("{count} IPython magic or shell line(s) were dropped (they do not run outside Jupyter): "
                         "{lines}", count=len(dropped), lines=_listing(dropped)))


def _note_tests(labels: list[str], notes: list[str]) -> None:
    if labels:
        notes.append(msg("{count} test cell(s) were left out (nbgrader tests and code that calls classic_grade "
                         "are the grader's, not part of the submission): {cells}", count=len(labels),
                         cells=_listing(labels)))


# -- test code ---------------------------------------------------------------------------------------

class TestCode:
    """Decides, in order, which code is the grader's test code: it mentions classic_grade or sits in
    nbgrader's hidden-test region, or it uses a name that such code imported (``check_task(...)``
    on its own line after the import)."""

    def __init__(self):
        self.names: set[str] = set()

    def is_test(self, code: str) -> bool:
        if HIDDEN_TESTS in code:
            self._learn(code)
            return True
        try:
            tree = ast.parse(code)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            # Unparseable code cannot be read for its imports: the package's name anywhere decides.
            if GRADER_PACKAGE in code:
                self._learn(code)
                return True
            return False
        # Code, not text: a student's path or message that merely names the package is the student's.
        if _uses_grader_package(tree):
            self._learn(code)
            return True
        return bool(self.names) and any(isinstance(node, ast.Name) and node.id in self.names
                                        for node in ast.walk(tree))

    def _learn(self, code: str) -> None:
        try:
            tree = ast.parse(code)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self.names.update((alias.asname or alias.name).split(".")[0] for alias in node.names
                                  if alias.name != "*")


def _uses_grader_package(tree: ast.AST) -> bool:
    """Whether the code imports the grader's package or refers to it by name."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == GRADER_PACKAGE for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == GRADER_PACKAGE:
            return True
        if isinstance(node, ast.Name) and node.id == GRADER_PACKAGE:
            return True
    return False


def _syntax_problem(code: str, filename: str, first_line: int = 1) -> str:
    """"" when the code parses; otherwise a one-line account citing the student's own line."""
    try:
        ast.parse(code, filename)
    except SyntaxError as error:
        line = (error.lineno or 1) + first_line - 1
        context = (error.text or "").strip()
        return Text(msg("does not parse: {error} (line {line})", error=error.msg, line=line),
                    ": " + context[:120] if context else "")
    except (ValueError, RecursionError, MemoryError) as error:
        what = f"{type(error).__name__}: {str(error)[:200]}"
        return msg("does not parse: {error}", error=what)
    return ""


# -- notebooks ----------------------------------------------------------------------------------------

def _is_nbgrader_test(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return isinstance(meta, dict) and bool(meta.get("grade")) and not meta.get("solution")


class NotANotebook(ValueError):
    pass


def _notebook_cells_as_dicts(raw: bytes) -> list[dict]:
    """The cells of a notebook, each with its ``source`` as one string. An nbformat 4 notebook (what
    Jupyter has written since 2015) is read as the JSON it is: importing nbformat pulls in jsonschema's
    format checkers, seconds of start-up that a usage error or a class's worth of loads should not
    pay. Older formats go through nbformat's own upgrade."""
    text = raw.decode("utf-8")
    data = json.loads(text)
    if isinstance(data, dict) and data.get("nbformat") == 4 and isinstance(data.get("cells"), list):
        cells = []
        for cell in data["cells"]:
            if not isinstance(cell, dict):
                raise NotANotebook("a cell is not a JSON object")
            source = cell.get("source", "")
            if isinstance(source, list) and all(isinstance(part, str) for part in source):
                source = "".join(source)
            if not isinstance(source, str):
                raise NotANotebook("a cell's source is not text")
            metadata = cell.get("metadata", {})
            cells.append({"cell_type": cell.get("cell_type"), "source": source,
                          "metadata": metadata if isinstance(metadata, dict) else {}})
        return cells
    import nbformat

    return [dict(cell) for cell in nbformat.reads(text, as_version=4).cells]


EXECUTION_KEY = "classic_grade_execution"   # cell metadata: the kernel execution a cell replays (check_task)


def _cell_name(number: int, cell: dict) -> str:
    """How the student finds the cell: its position in the notebook ("cell 7"), or, for the kernel's
    history that check_task grades, the execution count Jupyter shows beside it ("In [7]")."""
    execution = cell.get("metadata", {}).get(EXECUTION_KEY)
    if isinstance(execution, int) and not isinstance(execution, bool) and 0 < execution < 10 ** 9:
        return f"In [{execution}]"
    return msg("cell {number}", number=number)


def notebook_cells(raw: bytes, notes: list[str]) -> list[Cell]:
    cells, tests, dropped = [], [], []
    test_code = TestCode()
    for number, cell in enumerate(_notebook_cells_as_dicts(raw), 1):
        if cell.get("cell_type") != "code":
            continue
        filename = _cell_name(number, cell)
        code, lines = _drop_ipython(cell.get("source", ""))
        dropped.extend(msg("{cell}, line {line} ({code})", cell=filename, line=line, code=text) for line, text in lines)
        skipped = ""
        if _is_nbgrader_test(cell) | test_code.is_test(code):   # both: the test cell's imports are learnt
            skipped = "test cell"
            tests.append(filename)
        else:
            problem = _syntax_problem(code, filename)
            if problem:
                skipped = problem
                notes.append(msg("{cell} {problem}; the other cells still ran", cell=filename, problem=problem))
        cells.append(Cell(number, code, filename, 1, skipped))
    _note_tests(tests, notes)
    _note_dropped(dropped, notes)
    return cells


# -- scripts ------------------------------------------------------------------------------------------

def _statement_spans(lines: list[str], filename: str) -> list[tuple[int, int, str]]:
    """Top-level statements as (first line, last line, problem), 1-based and inclusive. A file that
    parses is split by its syntax tree; one that does not is split where statements start at column 0,
    joining neighbours until they parse, so one broken statement costs that statement alone."""
    text = "".join(lines)
    try:
        tree = ast.parse(text, filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        tree = None
    if tree is not None:
        spans: list[tuple[int, int, str]] = []
        for node in tree.body:
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            if spans and first <= spans[-1][1]:   # `a = 1; b = 2`: statements sharing a line run as one
                spans[-1] = (spans[-1][0], max(spans[-1][1], node.end_lineno), "")
            else:
                spans.append((first, node.end_lineno, ""))
        return spans
    starts, decorated = [], False
    for i, line in enumerate(lines):
        if not line.strip() or CONTINUATION.match(line):
            continue
        if not decorated:   # a decorator and what it decorates are one statement
            starts.append(i)
        decorated = line.startswith("@")
    starts.append(len(lines))
    spans, k = [], 0
    while k < len(starts) - 1:
        joined = next((j for j in range(k + 1, min(len(starts), k + 1 + MAX_JOINED))
                       if not _syntax_problem("".join(lines[starts[k]:starts[j]]), filename)), None)
        end = starts[joined if joined is not None else k + 1]
        problem = "" if joined is not None else _syntax_problem("".join(lines[starts[k]:end]), filename, starts[k] + 1)
        spans.append((starts[k] + 1, end, problem))
        k = joined if joined is not None else k + 1
    return spans


def script_cells(text: str, filename: str, notes: list[str]) -> list[Cell]:
    code, dropped_lines = _drop_ipython(text)
    if not code and text.lstrip().startswith("%%"):   # a cell magic at the top of a script: keep the text
        code, dropped_lines = text, []
    lines = code.splitlines(True)
    # nbconvert's cell markers: a marked cell that is test code is left out whole.
    marker_lines = [code.count("\n", 0, m.start()) + 1 for m in CELL_MARKER.finditer(code)]
    bounds = marker_lines + [len(lines) + 1]
    test_code = TestCode()
    test_regions = []
    for start, end in zip(bounds, bounds[1:]):
        if test_code.is_test("".join(lines[start - 1:end - 1])):
            test_regions.append((start, end))
    cells, tests = [], []
    for first, last, problem in _statement_spans(lines, filename):
        source = "".join(lines[first - 1:last])
        skipped = problem
        if any(start <= first < end for start, end in test_regions) or test_code.is_test(source):
            skipped = "test cell"
            tests.append(msg("line {line}", line=first))
        elif problem:
            notes.append(msg("{file}, line {line}: the statement {problem}; the other statements still ran",
                             file=filename, line=first, problem=problem))
        cells.append(Cell(first, source, filename, first, skipped))
    _note_tests(tests, notes)
    _note_dropped([msg("line {line} ({code})", line=line, code=what) for line, what in dropped_lines], notes)
    return cells


# -- files --------------------------------------------------------------------------------------------

def overlay_source(base: str, entry: str) -> str:
    """An overlay (a corpus entry, a known mistake) on a base file: the base, a blank line, then the
    entry, so that later definitions win, as in a kernel. A ``from __future__`` line of the entry
    moves to the top, where Python requires it; a whole-file entry simply redefines everything."""
    future = [line for line in entry.splitlines() if line.startswith("from __future__ import")]
    body = "\n".join(line for line in entry.splitlines() if line not in future)
    return "\n".join(future + [base, "", body]) + "\n"


def load_bytes(raw: bytes, path: str | Path) -> Submission:
    """A submission from its bytes; ``path``'s suffix says notebook (.ipynb) or script (anything else)."""
    path = Path(path)
    notes: list[str] = []
    digest = hashlib.sha256(raw).hexdigest()
    if len(raw) > MAX_BYTES:
        return Submission(str(path), digest, [], notes, msg("{file} is larger than {mib} MiB", file=path.name,
                                                            mib=MAX_BYTES >> 20))
    try:
        if path.suffix == ".ipynb":
            cells = notebook_cells(raw, notes)
        else:
            cells = script_cells(raw.decode("utf-8"), path.with_suffix(".py").name, notes)
    except Exception as error:  # noqa: BLE001 - nbformat's errors (ValidationError, …) and JSON's alike
        if not isinstance(error, (ValueError, RecursionError, AttributeError, TypeError, KeyError)) \
                and type(error).__module__.split(".")[0] not in ("nbformat", "jsonschema"):
            raise
        why = str(error)[:400]
        if path.suffix == ".ipynb":
            return Submission(str(path), digest, [], notes,
                              msg("{file} is not a readable notebook: {error}", file=path.name, error=why))
        return Submission(str(path), digest, [], notes,
                          msg("{file} is not a readable file: {error}", file=path.name, error=why))
    return Submission(str(path), digest, cells, notes)


def load(path: str | Path) -> Submission:
    path = Path(path)
    try:
        raw = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as error:
        return Submission(str(path), "", [], [], msg("cannot read {path}: {error}", path=str(path),
                                                     error=error.strerror))
    return load_bytes(raw, path)
