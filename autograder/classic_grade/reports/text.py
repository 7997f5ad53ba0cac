"""The terminal report, for students and instructors (rich), in the language asked for."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape as _escape_markup
from rich.table import Table

from ..messages import msg, render, render_label
from ..mistakes import messages as mistake_messages
from ..safe_text import REPORT_CHARS, clean_text


def escape(value) -> str:
    """Rich markup escaped, after the text is made printable and capped (safe_text)."""
    return _escape_markup(clean_text(value, REPORT_CHARS))


def render_text(report, console: Console | None = None, lang: str = "both") -> None:
    console = console or Console()

    def say(value) -> str:
        return escape(render(value, lang))

    def label(value) -> str:
        return escape(render_label(value, lang))

    note_word, hidden_word, review_word = label(msg("note:")), label(msg("hidden")), label(msg("needs review"))
    console.print(f"[bold]classic-grade {report.assignment}[/bold] — {escape(report.submission)}")
    for note in report.notes:
        console.print(f"[yellow]{note_word}[/yellow] {say(note)}")
    table = Table(show_header=True, header_style="bold")
    table.add_column(label(msg("task")))
    table.add_column(label(msg("check")))
    table.add_column(label(msg("points")), justify="right")
    for task in report.tasks:
        for index, check in enumerate(task.checks):
            mark = "[green]✓[/green]" if check.passed else "[red]✗[/red]"
            hidden = f" [dim]({hidden_word})[/dim]" if check.visibility == "hidden" else ""
            hidden += f" [magenta]({review_word})[/magenta]" if check.needs_review else ""
            table.add_row(task.name if index == 0 else "", f"{mark} {label(check.name)}{hidden}",
                          f"{check.score:g}/{check.points:g}")
        table.add_section()
    console.print(table)
    for task in report.tasks:
        for header, message in feedback_blocks(task, lang):
            console.print(f"[red bold]{escape(task.name)} — {escape(header)}[/red bold]")
            console.print(escape(message), soft_wrap=True)
            console.print()
        named = mistake_messages.task_lines(task, lang)
        if named:
            console.print(f"[yellow bold]{escape(task.name)} — {escape(named[0])}[/yellow bold]")
            console.print(escape("\n".join(named[1:])), soft_wrap=True)
            console.print()
    if report.needs_review:
        why = msg("{tasks} — the grader could not verify these tasks (see the messages above); an instructor "
                  "should look", tasks=", ".join(report.needs_review))
        console.print(f"[magenta bold]{review_word}:[/magenta bold] {say(why)}")
    error_word, score_word = label(msg("grader error:")), label(msg("score"))
    for error in report.errors:
        console.print(f"[red]{error_word}[/red] {escape(error)}")
    console.print(f"[bold]{score_word} {report.score:g} / {report.max_score:g}[/bold]   "
                  f"({report.elapsed_s:.1f} s, {escape(report.environment.get('device', ''))}, "
                  f"sandbox: {escape(_sandbox(report.environment))})")


def feedback_blocks(task, lang: str = "en") -> list[tuple[str, str]]:
    """A task's failures as (header, message) blocks, each message said once: checks with the same
    text share a block (a task not implemented yet fails every check with one line), and checks
    that failed of one cause (``same_cause_as``) are listed in the block of the check that holds it."""
    blocks: dict[str, list] = {}   # message -> [names, extra costs]
    holder: dict[str, str] = {}    # check name -> the message of its block
    for check in task.checks:
        if check.passed or not check.message:
            continue
        if check.same_cause_as in holder:
            blocks[holder[check.same_cause_as]][2].append(render_label(check.name, lang))
            continue
        blocks.setdefault(str(check.message), [check.message, [], []])[1].append(render_label(check.name, lang))
        holder[check.name] = str(check.message)
    return [(", ".join(names) + (render_label(msg(" (the same cause also fails: {checks})", checks=", ".join(costs)),
                                              lang) if costs else ""), render(message, lang))
            for message, names, costs in blocks.values()]


def _sandbox(environment) -> str:
    sandbox = environment.get("sandbox", "")
    if isinstance(sandbox, dict):
        backend = sandbox.get("backend", "?")
        return backend if backend != "unsandboxed" else "UNSANDBOXED"
    return str(sandbox)
