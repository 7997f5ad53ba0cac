"""The terminal report, for students and instructors (rich)."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape as _escape_markup
from rich.table import Table

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
        for header, message in feedback_blocks(task):
            console.print(f"[red bold]{escape(task.name)} — {escape(header)}[/red bold]")
            console.print(escape(message), soft_wrap=True)
            console.print()
    if report.needs_review:
        console.print(f"[magenta bold]needs review:[/magenta bold] {escape(', '.join(report.needs_review))} — the "
                      "grader could not verify these tasks (see the messages above); an instructor should look")
    for error in report.errors:
        console.print(f"[red]grader error:[/red] {escape(error)}")
    console.print(f"[bold]score {report.score:g} / {report.max_score:g}[/bold]   ({report.elapsed_s:.1f} s, "
                  f"{escape(report.environment.get('device', ''))}, sandbox: {escape(_sandbox(report.environment))})")


def feedback_blocks(task) -> list[tuple[str, str]]:
    """A task's failures as (header, message) blocks, each message said once: checks with the same
    text share a block (a task not implemented yet fails every check with one line), and checks
    that failed of one cause (``same_cause_as``) are listed in the block of the check that holds it."""
    blocks: dict[str, list] = {}   # message -> [names, extra costs]
    holder: dict[str, str] = {}    # check name -> the message of its block
    for check in task.checks:
        if check.passed or not check.message:
            continue
        if check.same_cause_as in holder:
            blocks[holder[check.same_cause_as]][1].append(check.name)
            continue
        blocks.setdefault(check.message, [[], []])[0].append(check.name)
        holder[check.name] = check.message
    return [(", ".join(names) + (f" (the same cause also fails: {', '.join(costs)})" if costs else ""), message)
            for message, (names, costs) in blocks.items()]


def _sandbox(environment) -> str:
    sandbox = environment.get("sandbox", "")
    if isinstance(sandbox, dict):
        backend = sandbox.get("backend", "?")
        return backend if backend != "unsandboxed" else "UNSANDBOXED"
    return str(sandbox)
