"""The `classic-grade` command: thin click shells over the library."""
from __future__ import annotations

import datetime as _dt
import json
import shutil
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import collector, preflight, rubric as rubrics
from .messages import CHOICES as LANGUAGES, DEFAULT as DEFAULT_LANGUAGE, msg, render_label
from .reports import FORMATS, render_text, to_dict


def Zygote(*args, **kwargs):  # noqa: N802 - stands for the sandbox's class
    """The sandbox's zygote, its module imported on first use: it imports numpy, start-up that a
    usage error (answered before any zygote) should not pay."""
    from .sandbox import Zygote as zygote_class

    return zygote_class(*args, **kwargs)


DEVICES = click.Choice(["auto", "cpu", "cuda"])
SANDBOXES = click.Choice(["auto", "namespaces", "userns", "unsandboxed"])
LANG_OPTION = click.option("--lang", type=click.Choice(LANGUAGES, case_sensitive=False), default=DEFAULT_LANGUAGE,
                           show_default=True, help="the report's language: Traditional Chinese, English or both")


def _emit(report, output_format: str, lang: str) -> None:
    if output_format == "text":
        render_text(report, Console(highlight=False), lang)
    else:
        click.echo(FORMATS[output_format](report, lang))


@click.group()
@click.version_option(package_name="classic-grade")
def main():
    """Auto-graded exercises on classic CNN architectures."""


# Exit statuses of `grade` (README, "CI"): grading completed → OK whatever the score, unless
# --fail-under was given and the score is below it.
EXIT_OK, EXIT_GRADER_FAILED, EXIT_USAGE, EXIT_BELOW_THRESHOLD = 0, 1, 2, 3


class UsageProblem(click.ClickException):
    """A request that cannot be carried out as asked: one line on stderr, exit status 2, at once."""
    exit_code = EXIT_USAGE


@main.command()
@click.argument("path", type=click.Path())
@click.option("--assignment", "-a", required=True, help="e.g. day19")
@click.option("--all", "all_checks", is_flag=True, help="run the hidden checks too")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "gradescope", "junit"]), default="text")
@click.option("--device", type=DEVICES, default="auto", show_default=True)
@click.option("--task", "tasks", multiple=True, help="grade only these tasks")
@click.option("--reveal-hidden", is_flag=True, help="show hidden checks' messages (instructors)")
@click.option("--sandbox", type=SANDBOXES, default="auto", show_default=True,
              help="the sandbox backend (auto: the first that passes its self-check; see SANDBOX.md)")
@click.option("--allow-unsandboxed", is_flag=True,
              help="allow --all grading without a sandbox (the report is stamped UNSANDBOXED)")
@click.option("--fail-under", "fail_under", metavar="SCORE",
              help=f"exit {EXIT_BELOW_THRESHOLD} when the score is below SCORE points (30) or percent (80%%), for CI")
@LANG_OPTION
def grade(path, assignment, all_checks, output_format, device, tasks, reveal_hidden, sandbox, allow_unsandboxed,
          fail_under, lang):
    """Grade one submission (.ipynb or .py).

    \b
    Exit status: 0 grading completed (whatever the score, unless --fail-under is given);
    1 the grader itself could not run; 2 a usage error (no such file, assignment or task; no CUDA),
    said in one line before anything starts; 3 the score is below --fail-under.
    """
    visibility = "all" if all_checks else "public"
    try:
        rubric = preflight.assignment(assignment)
        chosen = preflight.tasks(rubric, list(tasks))
        preflight.device(device)
        threshold = preflight.Threshold.parse(fail_under) if fail_under is not None else None
        if threshold is not None:
            threshold.reachable(preflight.max_points(rubric, visibility, chosen))
        submission = preflight.submission(path)
    except preflight.UnusableRequest as error:
        raise UsageProblem(render_label(error.args[0], lang)) from None

    zygote = Zygote(sandbox)  # before the engine's imports, so the two torch imports overlap
    zygote.ready_in_background()   # and the canary with them
    with collector.engine_start():
        from .grading import grade as grade_submission, prepare
        prepare(assignment)   # the engine's own first-use costs, while the zygote starts
    try:
        zygote.ready()
    except RuntimeError as error:
        zygote.close()
        raise click.ClickException(str(error)) from None
    if zygote.backend == "unsandboxed" and all_checks and not allow_unsandboxed:
        zygote.close()
        refusal = msg("no sandbox passed its self-check here ({why}); grading with --all runs the hidden checks on "
                      "untrusted code: refused without --allow-unsandboxed", why=zygote.sandbox.get("self_check", ""))
        raise click.ClickException(render_label(refusal, lang))

    try:
        report = grade_submission(submission, assignment, visibility, device, zygote,
                                  tasks=chosen or None, reveal_hidden=reveal_hidden)
    except (RuntimeError, KeyError) as error:  # a driver present but no usable CUDA device: the grader cannot run
        raise click.ClickException(str(error)) from None
    _emit(report, output_format, lang)
    if threshold is not None and report.score < threshold.points(report.max_score):
        click.echo(render_label(msg("score {score:g}/{max_score:g} is below {threshold}", score=report.score,
                             max_score=report.max_score, threshold=threshold.describe(report.max_score)), lang),
                   err=True)
        sys.exit(EXIT_BELOW_THRESHOLD)


@main.command()
@click.argument("sources", nargs=-1)
@click.option("--assignment", "-a", required=True, help="e.g. day19")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="the folder for every output")
@click.option("--all", "all_checks", is_flag=True, help="run the hidden checks too")
@click.option("--workers", type=click.IntRange(1, 256), help="graders in parallel (default: one per core)")
@click.option("--device", type=DEVICES, default="cpu", show_default=True)
@click.option("--task", "tasks", multiple=True, help="grade only these tasks")
@click.option("--reveal-hidden", is_flag=True, help="show hidden checks' messages in the reports (instructors)")
@click.option("--resume/--regrade", default=True, show_default=True,
              help="reuse stored results whose submission, grader, rubric and options are unchanged, or grade all again")
@click.option("--roster", type=click.Path(dir_okay=False, exists=True), help="roster CSV: who is in the class")
@click.option("--nbgrader", "nbgrader_root", type=click.Path(file_okay=False, exists=True),
              help="an nbgrader course root: grade submitted/{student}/ASSIGNMENT/, write the scores into its "
                   "gradebook and the feedback pages into feedback/")
@click.option("--similarity", is_flag=True, help="rank pairs of students by the similarity of their own code")
@click.option("--sandbox", type=SANDBOXES, default="auto", show_default=True)
@click.option("--allow-unsandboxed", is_flag=True, help="allow --all grading without a sandbox")
@LANG_OPTION
def batch(sources, assignment, out, all_checks, workers, device, tasks, reveal_hidden, resume, roster,
          nbgrader_root, similarity, sandbox, allow_unsandboxed, lang):
    """Grade a class: SOURCES are files, folders (a file or a folder per student), globs or an LMS
    download folder. Writes per-student reports and feedback pages and the class's CSV, JUnit,
    summary and report into --out. Exits 0 when every submission was graded or listed."""
    from .batch import GradeOptions, GraderStartError, Roster, SourceError, collect, run_batch
    from .batch.progress import for_stream

    if not sources and not nbgrader_root:
        raise click.UsageError("name at least one SOURCE, or --nbgrader COURSE_ROOT")
    try:
        rubric = rubrics.load(assignment)
        unknown = [t for t in tasks if t not in {x.name for x in rubric.tasks}]
        if unknown:
            raise KeyError(f"{assignment} has no task {', '.join(unknown)}; its tasks: "
                           f"{', '.join(t.name for t in rubric.tasks)}")
        klass = collect(list(sources), assignment, Roster.read(roster) if roster else None, nbgrader_root)
    except (KeyError, SourceError) as error:
        raise click.ClickException(error.args[0]) from None
    options = GradeOptions(assignment, "all" if all_checks else "public", tuple(tasks), reveal_hidden, device,
                           sandbox, allow_unsandboxed)
    try:
        summary = run_batch(klass, options, out, workers=workers, regrade=not resume, progress=for_stream(),
                            similarity=similarity, nbgrader_root=nbgrader_root, lang=lang)
    except (GraderStartError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    except KeyboardInterrupt:
        click.echo(f"interrupted: every finished report is kept in {out}; run the same command again to finish",
                   err=True)
        sys.exit(130)
    counts = summary["counts"]
    click.echo(f"{counts['graded']} of {counts['submissions']} submissions graded ({counts['reused']} reused), "
               f"{counts['grader_errors']} grader errors, {counts['source_errors']} not gradable, "
               f"{counts['unattributed']} unattributed, {counts['missing']} missing; see {Path(out) / 'class-report.html'}",
               err=True)
    if counts["grader_errors"]:
        sys.exit(3)


@main.command()
@click.argument("assignment")
@click.argument("path", required=False)
@click.option("--device", type=DEVICES, default="auto", show_default=True)
@LANG_OPTION
def submit(assignment, path, device, lang):
    """Self-check ASSIGNMENT with the public checks, keep a dated copy, and hand it in through
    nbgrader's exchange when an nbgrader course is configured.

    PATH is the file to submit; without it: ./ASSIGNMENT/ASSIGNMENT.ipynb (where `nbgrader
    fetch_assignment` puts it), ./ASSIGNMENT.ipynb or ./ASSIGNMENT.py, whichever exists alone."""
    from .handin import HandInError, configured_course, find_submission, hand_in

    if assignment not in rubrics.assignments():
        raise click.ClickException(render_label(msg("no assignment {name!r}; known: {known}", name=assignment,
                                             known=", ".join(rubrics.assignments())), lang))
    try:
        found = find_submission(assignment, Path.cwd(), path)
    except HandInError as error:
        raise click.ClickException(render_label(error.args[0], lang)) from None
    zygote = Zygote()  # before the engine's imports, so the two torch imports overlap
    from .grading import grade as grade_submission

    try:
        report = grade_submission(found, assignment, "public", device, zygote)
    except (RuntimeError, KeyError) as error:
        raise click.ClickException(str(error)) from None
    render_text(report, Console(highlight=False), lang)
    stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    folder = Path(".classic-grade") / "submissions" / f"{assignment}-{stamp}-{report.sha256[:12]}"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(found, folder / found.name)
    (folder / "report.json").write_text(json.dumps(to_dict(report), ensure_ascii=False, indent=1), "utf-8")
    click.echo(render_label(msg("kept a copy of this submission and its report in {folder}", folder=str(folder)), lang))
    try:
        course = configured_course()
        if course is None:
            click.echo(render_label(msg("self-checked only: no nbgrader course is configured (CourseDirectory."
                                        "course_id in nbgrader_config.py), so nothing was handed in"), lang))
            return
        where = hand_in(course, assignment, found)
    except HandInError as error:
        raise click.ClickException(render_label(error.args[0], lang)) from None
    click.echo(render_label(msg("handed in {file} to course {course!r} through nbgrader's exchange: {where}",
                                file=str(found), course=course.coursedir.course_id, where=where), lang))


@main.command()
@click.argument("assignment")
@click.option("--force", is_flag=True, help="overwrite an existing notebook")
@LANG_OPTION
def fetch(assignment, force, lang):
    """Copy the released notebook ASSIGNMENT.ipynb into the working folder."""
    from importlib import resources

    source = resources.files("classic_grade") / "released" / assignment / f"{assignment}.ipynb"
    if not source.is_file():
        raise click.ClickException(render_label(msg("no released notebook for {name!r}; known: {known}",
                                                    name=assignment, known=", ".join(rubrics.assignments())), lang))
    target = Path(f"{assignment}.ipynb")
    if target.exists() and not force:
        raise click.ClickException(render_label(msg("{file} exists: it may hold your work. Use --force to "
                                                    "overwrite it.", file=str(target)), lang))
    target.write_bytes(source.read_bytes())
    click.echo(render_label(msg("fetched {file}", file=str(target)), lang))


@main.command(name="ci-template")
@click.argument("kind", type=click.Choice(["github-actions", "gitlab-ci"]))
def ci_template(kind):
    """Print a CI configuration that grades a notebook, publishes JUnit and fails below a threshold."""
    from importlib import resources

    click.echo((resources.files("classic_grade") / "templates" / "ci" / f"{kind}.yml").read_text("utf-8"), nl=False)


@main.command(name="gradescope-bundle")
@click.argument("assignment")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="the zip to write [ASSIGNMENT-gradescope.zip]")
@click.option("--package", metavar="SPEC", help="what pip installs classic-grade from on Gradescope: a requirement "
              "(classic-grade==0.1.0, a git URL) or a wheel file, shipped in the zip [this version]")
@click.option("--device", type=click.Choice(["cpu", "cuda", "auto"]), default="cpu", show_default=True)
@click.option("--allow-unsandboxed", is_flag=True,
              help="grade even where no sandbox passes its self-check (Gradescope's container is then the only wall)")
def gradescope_bundle(assignment, output, package, device, allow_unsandboxed):
    """Write a Gradescope autograder zip (setup.sh, run_autograder, requirements.txt) for ASSIGNMENT."""
    from .gradescope_bundle import build

    if assignment not in rubrics.assignments():
        raise click.ClickException(f"no assignment {assignment!r}; known: {', '.join(rubrics.assignments())}")
    target = Path(output or f"{assignment}-gradescope.zip")
    try:
        names = build(assignment, target, package, device, allow_unsandboxed)
    except (FileNotFoundError, OSError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {target} ({', '.join(names)}): upload it as the assignment's autograder on Gradescope")


@main.command(name="list")
def list_assignments():
    """Assignments, their tasks and points."""
    console = Console(highlight=False)
    for name in rubrics.assignments():
        rubric = rubrics.load(name)
        table = Table(title=f"{name} — {rubric.title}", title_justify="left")
        for column in ("task", "signature", "public", "hidden"):
            table.add_column(column)
        for task in rubric.tasks:
            # escape: a signature such as "-> tuple[int, int]" is not rich markup
            table.add_row(task.name, escape(task.signature), f"{task.points('public'):g}",
                          f"{task.points('hidden'):g}")
        console.print(table)


@main.command()
@click.argument("assignments", nargs=-1)
@click.option("--root", type=click.Path(file_okay=False), default=".", help="the course checkout")
@click.option("--device", type=DEVICES, default="cpu", show_default=True)
def validate(assignments, root, device):
    """Solutions score full marks, released stubs zero, known-wrong variants lose points on their
    task, unusual-but-correct variants score full."""
    with collector.engine_start():
        from .validation import validate as run_validation

    problems = run_validation(Path(root), list(assignments) or rubrics.assignments(), device,
                              echo=lambda line: click.echo(line))
    if problems:
        for problem in problems:
            click.echo(f"PROBLEM: {problem}", err=True)
        sys.exit(1)
    click.echo("validate: everything as expected")


@main.command(name="sync-notebooks")
@click.argument("assignments", nargs=-1)
@click.option("--root", type=click.Path(file_okay=False), default=".", help="the course checkout")
@click.option("--check", is_flag=True, help="change nothing; exit 1 when something is out of step")
def sync_notebooks(assignments, root, check):
    """Write each assignment's declaration (tasks/<day>.py) into its copies: rubrics/<day>.json and
    the points of the notebooks' test cells (solutions/, assignments/ and the package's released copy)."""
    from .sync import sync

    unknown = [name for name in assignments if name not in rubrics.assignments()]
    if unknown:
        raise click.ClickException(f"no assignment {unknown[0]!r}; known: {', '.join(rubrics.assignments())}")
    changes = [change for name in assignments or rubrics.assignments() for change in sync(Path(root), name, check)]
    for change in changes:
        click.echo(f"{'out of step' if check else 'by hand' if change.by_hand else 'wrote'}: {change}")
    if any(change.by_hand for change in changes) or (check and changes):
        sys.exit(1)
    click.echo("sync-notebooks: " + ("everything in step" if not changes else f"{len(changes)} change(s) written"))


@main.command()
@click.argument("names", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "md"]), default="text")
@click.option("--layers", is_flag=True, help="the per-layer table of each network (and the paper's, where kept)")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False),
              help="draw accuracy versus MACs (bubble = parameters) into this image file, instead of the tables")
def zoo(names, output_format, layers, plot_path):
    """The reference networks (all, or NAMES; wildcards like 'resnet*' work): parameters, MACs,
    output shape, published figures."""
    from . import zoo as zoo_table

    try:
        entries = zoo_table.zoo_entries(names, layers=layers and not plot_path)
    except KeyError as error:  # an unknown name: the registry's message suggests close ones
        raise click.ClickException(error.args[0]) from None
    if plot_path:
        from .zoo_plot import plot

        try:
            left_off = plot(entries, plot_path)
        except RuntimeError as error:
            raise click.ClickException(str(error)) from None
        note = f" (no ImageNet top-1 figure for: {', '.join(left_off)})" if left_off else ""
        click.echo(f"plotted {len(entries) - len(left_off)} networks into {plot_path}{note}", err=True)
    elif output_format == "text":
        # The tables are wide: give them room even in a pipe or a narrow terminal.
        zoo_table.render_text(entries, Console(highlight=False, width=max(Console().width, 150)))
    elif output_format == "md":
        click.echo(zoo_table.render_markdown(entries), nl=False)
    else:
        click.echo(zoo_table.render_json(entries))


if __name__ == "__main__":
    main()
