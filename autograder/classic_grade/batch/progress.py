"""How a running batch shows itself: a rich progress bar on a terminal (done/total, rate, ETA,
failures so far), one plain line per submission otherwise (CI logs)."""
from __future__ import annotations

import sys
import time

from . import analysis


def _line(record: dict) -> str:
    state = analysis.status(record)
    if state == "graded":
        review = ", needs review" if record.get("needs_review") else ""
        return f"{record['score']:g}/{record['max_score']:g} in {record.get('elapsed_s', 0):.1f} s{review}"
    return f"{state.upper()}: {(record.get('grader_error') or record.get('source_error') or '').splitlines()[0][:160]}"


class PlainProgress:
    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.total = self.done = self.failures = 0
        self.started = time.monotonic()

    def start(self, total: int, reused: int) -> None:
        self.total, self.started = total, time.monotonic()
        print(f"grading {total} submissions ({reused} more unchanged since the last run: reused)",
              file=self.stream, flush=True)

    def advance(self, record: dict) -> None:
        self.done += 1
        self.failures += analysis.status(record) != "graded"
        print(f"[{self.done}/{self.total}] {record['student']}: {_line(record)}", file=self.stream, flush=True)

    def finish(self) -> None:
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed * 60 if elapsed > 0 else 0.0
        print(f"graded {self.done} of {self.total} in {elapsed:.1f} s ({rate:.1f}/min), {self.failures} not graded",
              file=self.stream, flush=True)


class RichProgress:
    def __init__(self):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.console = Console(stderr=True)
        self.progress = Progress(TextColumn("[bold]grading"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                                 TimeRemainingColumn(), TextColumn("[red]{task.fields[failures]}"),
                                 console=self.console)
        self.task = None
        self.failures = 0
        self.started = time.monotonic()

    def start(self, total: int, reused: int) -> None:
        """``total``: the submissions to grade now; ``reused``: those whose stored result stands."""
        self.started = time.monotonic()
        if reused:
            self.console.print(f"{reused} submissions unchanged since the last run: reused")
        self.progress.start()
        self.task = self.progress.add_task("grading", total=total, rate="", failures="")

    def advance(self, record: dict) -> None:
        if analysis.status(record) != "graded":
            self.failures += 1
            from rich.markup import escape

            self.console.print(f"[red]{escape(record['student'])}[/red]: {escape(_line(record))}", highlight=False)
        done = self.progress.tasks[0].completed + 1
        rate = done / max(1e-9, time.monotonic() - self.started) * 60
        self.progress.update(self.task, advance=1, rate=f"{rate:.1f}/min",
                             failures=f"{self.failures} not graded" if self.failures else "")

    def finish(self) -> None:
        self.progress.stop()


def for_stream(stream=None):
    stream = stream or sys.stderr
    return RichProgress() if stream.isatty() else PlainProgress(stream)
