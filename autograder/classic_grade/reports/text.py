"""The terminal report, for students and instructors (rich)."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape as _escape_markup
from rich.table import Table

from ..mistakes import messages as mistake_messages
from ..safe_text import REPORT_CHARS, clean_text


def escape(value) -> str:
    """Rich markup escaped, after the text is made printable and capped (safe_text)."""
    return _escape_markup(clean_text(value, REPORT_CHARS))


def render_text(report, console: Console | None = None) -> None:
    console = console or Console()
    console.print(f"[bold]classic-grade {report.assignment}[/bold] — {escape(report.submission)}")
    for note in report.notes:
        console.print(f"[yellow]note:[/yellow] {escape(note)}")
    table = Table(show_header=True, header_style="bold")
    table.add_column("task")
    table.add_column("check")
    table.add_column("points", justify="right")
    for task in report.tasks:
        for index, check in enumerate(task.checks):
            mark = "[green]✓[/green]" if check.passed else "[red]✗[/red]"
            hidden = " [dim](hidden)[/dim]" if check.visibility == "hidden" else ""
            hidden += " [magenta](needs review)[/magenta]" if check.needs_review else ""
            table.add_row(task.name if index == 0 else "", f"{mark} {escape(check.name)}{hidden}",
                          f"{check.score:g}/{check.points:g}")
        table.add_section()
    console.print(table)
    for task in report.tasks:
        # One message said once: a task not implemented yet fails every check with the same line.
        by_message: dict[str, list[str]] = {}
        for check in task.checks:
            if not check.passed and check.message:
                by_message.setdefault(check.message, []).append(check.name)
        for message, names in by_message.items():
            console.print(f"[red bold]{escape(task.name)} — {escape(', '.join(names))}[/red bold]")
            console.print(escape(message), soft_wrap=True)
            console.print()
        named = mistake_messages.task_lines(task)
        if named:
            console.print(f"[yellow bold]{escape(task.name)} — {escape(named[0])}[/yellow bold]")
            console.print(escape("\n".join(named[1:])), soft_wrap=True)
            console.print()
    if report.needs_review:
        console.print(f"[magenta bold]needs review:[/magenta bold] {escape(', '.join(report.needs_review))} — the "
                      "grader could not verify these tasks (see the messages above); an instructor should look")
    for error in report.errors:
        console.print(f"[red]grader error:[/red] {escape(error)}")
    console.print(f"[bold]score {report.score:g} / {report.max_score:g}[/bold]   ({report.elapsed_s:.1f} s, "
                  f"{escape(report.environment.get('device', ''))}, sandbox: {escape(_sandbox(report.environment))})")


def _sandbox(environment) -> str:
    sandbox = environment.get("sandbox", "")
    if isinstance(sandbox, dict):
        backend = sandbox.get("backend", "?")
        return backend if backend != "unsandboxed" else "UNSANDBOXED"
    return str(sandbox)
