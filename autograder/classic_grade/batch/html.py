"""The two HTML pages of a batch: a student's feedback page and the class report. Self-contained
(inline CSS and SVG, no script, no network); everything that came from a submission or a report is
escaped."""
from __future__ import annotations

from html import escape

from ..messages import DEFAULT, msg, normalise, render, render_label
from ..mistakes import messages as mistake_messages
from . import analysis, charts

STYLE = """
body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border-bottom:1px solid #eee;padding:4px 6px;
text-align:left;vertical-align:top}th{background:#f6f6f6}.num{text-align:right;white-space:nowrap}
.pass{color:#1f7a3a}.fail{color:#b3261e}.hidden{color:#777;font-size:.85em}
pre{background:#f7f7f7;padding:.6em;white-space:pre-wrap;word-break:break-word;margin:.3em 0}
.case{background:#fff6e0;border-left:3px solid #e0a800;padding:.3em .6em;margin:.3em 0}
.hint{background:#e8f1fb;border-left:3px solid #3b6fb6;padding:.3em .6em;margin:.3em 0}
.note{background:#fff6e0;padding:.4em .6em}.error{background:#fde8e6;padding:.4em .6em}
.stamp{color:#555;font-size:.85em}.figures span{display:inline-block;margin-right:2em}
.empty{color:#777}.mistake{background:#f3ecfb;border-left:3px solid #7a4fb6;padding:.3em .6em;margin:.3em 0}
"""


HTML_LANG = {"zh-TW": "zh-Hant-TW", "en": "en", "both": "zh-Hant-TW"}
CASE_PREFIXES = ("Smallest failing case:", "最小反例：")
HINT_PREFIXES = ("Hint:", "提示：")


def _page(title: str, body: list[str], lang: str = "en") -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"{HTML_LANG[lang]}\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>\n" + "\n".join(body) +
            "\n</body></html>\n")


def _message(message: str) -> str:
    """A check's message: the explanation (expected versus got) as written, the smallest failing
    case and the hint set apart (in either language)."""
    parts, body = [], []
    for line in message.splitlines():
        kind = ("case" if line.startswith(CASE_PREFIXES) else "hint" if line.startswith(HINT_PREFIXES) else "")
        if kind:
            label, rest = _split_label(line)
            parts.append(f'<div class="{kind}"><b>{escape(label)}</b> {escape(rest)}</div>')
        else:
            body.append(line)
    text = "\n".join(body).strip()
    return (f"<pre>{escape(text)}</pre>" if text else "") + "".join(parts)


def _split_label(line: str) -> tuple[str, str]:
    """"Hint: text" → ("Hint:", "text"); "提示：文字" → ("提示：", "文字")."""
    cut = min(i for i in (line.find(":"), line.find("：")) if i >= 0) + 1
    return line[:cut], line[cut:].strip()


def _stamp(record: dict) -> str:
    environment = record.get("environment", {})
    sandbox = environment.get("sandbox", {})
    sandbox = sandbox if isinstance(sandbox, dict) else {"backend": str(sandbox)}
    backend = sandbox.get("backend", "?")
    batch = record.get("batch", {})
    items = [f"sandbox: {backend if backend != 'unsandboxed' else 'UNSANDBOXED'}",
             f"self-check: {sandbox.get('self_check', '?')}", f"device: {environment.get('device', '?')}",
             f"torch {environment.get('torch', '?')}", f"visibility: {environment.get('visibility', '?')}",
             f"submission SHA-256: {record.get('submission', {}).get('sha256', '') or '?'}",
             f"grader: {batch.get('grader', '?')}", f"graded at {batch.get('graded_at', '?')}"]
    return '<p class="stamp">' + " · ".join(escape(i) for i in items) + "</p>"


def feedback_page(record: dict, lang: str | None = None) -> str:
    """A student's page, in ``lang`` (by default the language the record was shown in): the record's
    messages and titles as ``reports.json_report.in_language`` chose them, the page's own words here."""
    lang = normalise(lang or record.get("lang") or DEFAULT)

    def say(message) -> str:
        return escape(render(message, lang))

    def label(message) -> str:
        return escape(render_label(message, lang))

    student = record["student"]
    heading = render_label(msg("feedback for {student}", student=student), lang)
    title = f"{record.get('assignment', '')} — {heading}"
    body = [f"<h1>{escape(title)}</h1>"]
    state = analysis.status(record)
    if state != "graded":
        error = record.get("grader_error") or record.get("source_error") or state
        what = (msg("The grader failed on this submission (twice, on two fresh graders); this is not a grade. "
                    "It will be graded again on the next run.") if state == "grader error" else
                msg("This submission could not be graded."))
        body += [f'<p class="error">{say(what)}</p>', f"<pre>{escape(error)}</pre>"]
        return _page(title, body, lang)
    words = {"score": label(msg("score")), "tasks": label(msg("tasks")), "note": label(msg("note:")),
             "error": label(msg("grader error:")), "task": label(msg("task")), "points": label(msg("points")),
             "check": label(msg("check")), "what": label(msg("what happened")), "hidden": label(msg("hidden")),
             "review": say(msg("This grading is marked for an instructor's review."))}
    body.append(f'<p class="figures"><span><b>{words["score"]} {record["score"]:g} / {record["max_score"]:g}'
                f'</b></span><span>{len(record["tasks"])} {words["tasks"]}</span>'
                f'<span>{record.get("elapsed_s", 0):.1f} s</span></p>')
    for note in record.get("notes", []):
        body.append(f'<p class="note">{words["note"]} {escape(note)}</p>')
    for error in record.get("errors", []):
        body.append(f'<p class="error">{words["error"]} {escape(error)}</p>')
    if record.get("needs_review"):
        body.append(f'<p class="note">{words["review"]}</p>')
    body.append(f'<table><tr><th>{words["task"]}</th><th class="num">{words["points"]}</th></tr>')
    for task in record["tasks"]:
        mark = "pass" if task["score"] == task["max_score"] else "fail"
        body.append(f'<tr><td><a href="#task-{escape(task["name"])}">{escape(task["name"])}</a></td>'
                    f'<td class="num {mark}">{task["score"]:g} / {task["max_score"]:g}</td></tr>')
    body.append("</table>")
    for task in record["tasks"]:
        body.append(f'<h2 id="task-{escape(task["name"])}">{escape(task["name"])} — '
                    f'{task["score"]:g} / {task["max_score"]:g}</h2><table>')
        body.append(f'<tr><th>{words["check"]}</th><th class="num">{words["points"]}</th><th>{words["what"]}</th></tr>')
        for check in task["checks"]:
            mark = '<span class="pass">✓</span>' if check["passed"] else '<span class="fail">✗</span>'
            hidden = f' <span class="hidden">({words["hidden"]})</span>' if check["visibility"] == "hidden" else ""
            detail = _message(check["message"]) if not check["passed"] and check["message"] else ""
            body.append(f"<tr><td>{mark} {escape(check.get('title') or check['name'])}{hidden}</td>"
                        f'<td class="num">{check["score"]:g} / {check["max_score"]:g}</td><td>{detail}</td></tr>')
        body.append("</table>")
        named = mistake_messages.task_lines(task, lang)
        if named:
            body.append(f'<p class="mistake"><b>{escape(named[0])}:</b> ' + "<br>".join(escape(n) for n in named[1:])
                        + "</p>")
    body.append(_stamp(record))
    return _page(title, body, lang)


def _table(headers: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f'<p class="empty">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    lines = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{lines}</table>"


# The batch's counts and a submission's states, as the class report names them.
COUNT_NAMES = {"submissions": msg("submissions"), "graded": msg("graded"), "reused": msg("reused"),
               "graded_now": msg("graded now"), "queued": msg("queued"), "not_finished": msg("not finished"),
               "grader_errors": msg("grader errors"), "source_errors": msg("source errors"),
               "unattributed": msg("unattributed"), "missing": msg("missing"), "needs_review": msg("needs review")}
STATES = {"graded": msg("graded"), "grader error": msg("grader error"), "source error": msg("source error"),
          "missing": msg("missing"), "not finished": msg("not finished")}


def class_report(summary: dict, lang: str | None = None) -> str:
    """The instructor's page for the class, its own words in ``lang`` (the submissions' messages
    as they were shown to the students)."""
    lang = normalise(lang or DEFAULT)

    def say(message) -> str:
        return escape(render_label(message, lang))

    def heading(message) -> str:
        return f"<h2>{say(message)}</h2>"

    nothing = render_label(msg("nothing to show"), lang)
    stats = summary["statistics"]
    title = render_label(msg("{assignment} — class report", assignment=summary["assignment"]), lang)
    counts = summary["counts"]
    body = [f"<h1>{escape(title)}</h1>",
            '<p class="figures">' + "".join(f"<span><b>{escape(str(v))}</b> "
                                            f"{say(COUNT_NAMES.get(k, k.replace('_', ' ')))}</span>"
                                            for k, v in counts.items()) + "</p>"]
    if stats["mean_percent"] is not None:
        body.append("<p>" + say(msg("Mean {mean:.1f} %, median {median:.1f} % of {points:g} points.",
                                    mean=stats["mean_percent"], median=stats["median_percent"],
                                    points=summary["max_score"])) + "</p>")
    if not summary.get("complete", True):
        body.append('<p class="error">' + say(msg("This batch did not finish: the figures cover the submissions "
                                                  "graded so far.")) + "</p>")
    body.append(heading(msg("Score distribution")))
    body.append(charts.columns([(f"{b['low']:g}–{b['high']:g}%", b["count"]) for b in stats["histogram"]],
                               render_label(msg("students per score band (% of the maximum)"), lang)))
    body.append(heading(msg("Failure rate per task")))
    body.append(charts.bars([(t["task"], t["rate"], f"{t['rate']:.0%} ({t['failed']}/{t['graded']})")
                             for t in stats["task_failure_rates"]],
                            render_label(msg("share of students below full marks"), lang), 1.0, empty=nothing))
    body.append(heading(msg("Failure rate per check")))
    body.append(charts.bars([(f"{c['task']}: {c['check']}", c["rate"], f"{c['rate']:.0%} ({c['failed']}/{c['graded']})")
                             for c in stats["check_failure_rates"]],
                            render_label(msg("share of students failing the check"), lang), 1.0, empty=nothing))
    body.append(heading(msg("Most frequent failures")))
    frequent = stats["frequent_failures"]
    body.append(charts.bars([(f"{m['task']}: {m['message']}", m["students"],
                              render_label(msg("{count} students", count=m["students"]), lang)) for m in frequent],
                            render_label(msg("students who hit each failure"), lang), colour=charts.BAD,
                            empty=nothing))
    body.append(_table([say(msg("task")), say(msg("check")), say(msg("message (first occurrence)")),
                        say(msg("students"))],
                       [[escape(m["task"]), escape(m["check"]), escape(m["message"]), str(m["students"])]
                        for m in frequent], say(msg("No check failed."))))
    body.append(heading(msg("Grader errors")))
    body.append(_table([say(msg("student")), say(msg("error"))],
                       [[escape(e["student"]), f"<pre>{escape(e['error'])}</pre>"] for e in stats["grader_errors"]],
                       say(msg("None: every submission was graded."))))
    if stats["source_errors"]:
        body.append(heading(msg("Submissions that could not be graded")))
        body.append(_table([say(msg("student")), say(msg("why"))],
                           [[escape(e["student"]), escape(e["error"])] for e in stats["source_errors"]], ""))
    body.append(heading(msg("Slowest submissions")))
    body.append(charts.bars([(s["student"], s["elapsed_s"], f"{s['elapsed_s']:.1f} s") for s in stats["slowest"]],
                            render_label(msg("grading time per submission"), lang), colour=charts.BAR,
                            empty=nothing))
    if summary.get("similarity") is not None:
        body.append(heading(msg("Most similar pairs of submissions")))
        body.append(_similarity(summary["similarity"], lang))
    body.append(heading(msg("Unattributed submissions")))
    body.append(_table([say(msg("listed as")), say(msg("file")), say(msg("why"))],
                       [[escape(u["student"]), escape(u.get("path") or ""), escape(u.get("reason", ""))]
                        for u in summary["unattributed"]], say(msg("None: every submission has a student."))))
    if summary["missing"]:
        body.append(heading(msg("On the roster, no submission")))
        body.append(_table([say(msg("student")), say(msg("name"))],
                           [[escape(m["student"]), escape(m.get("name", ""))] for m in summary["missing"]], ""))
    if stats["needs_review"]:
        body.append(heading(msg("Needs review")) + "<p>" + ", ".join(escape(s) for s in stats["needs_review"])
                    + "</p>")
    body.append(heading(msg("Students")))
    body.append(_table([say(msg("student")), say(msg("score")), say(msg("status")), say(msg("feedback"))],
                       [[escape(s["student"]), escape(s["score"]), say(STATES.get(s["status"], s["status"])),
                         f'<a href="{escape(s["feedback"])}">{say(msg("feedback"))}</a>' if s.get("feedback") else ""]
                        for s in summary["students"]], say(msg("No submissions."))))
    body.append('<p class="stamp">' + say(msg("grader {grader} · rubric {rubric} · {finished}", grader=summary["grader"],
                                              rubric=summary["rubric"][:12], finished=summary["finished_at"]))
                + "</p>")
    return _page(title, body, lang)


def _similarity(similarity: dict, lang: str) -> str:
    pairs = similarity.get("pairs", [])
    chart = charts.bars([(f"{p['a']} ↔ {p['b']}", p["score"], f"{p['score']:.0%}") for p in pairs[:15]],
                        render_label(msg("similarity of the students' own code"), lang), 1.0, colour=charts.BAD)
    note = f'<p class="stamp">{escape(similarity.get("method", ""))}</p>'
    student, share = escape(render_label(msg("student"), lang)), escape(render_label(msg("similarity"), lang))
    return chart + note + _table([student, student, share],
                                 [[escape(p["a"]), escape(p["b"]), f"{p['score']:.0%}"] for p in pairs],
                                 escape(render_label(msg("No pairs."), lang)))
