"""A whole class, graded: key every submission, reuse what is unchanged, grade the rest on an
executor, write each student's outputs as their result arrives, then the class's.

An interrupted batch (Ctrl-C, a kill) keeps every finished student's files (each written atomically
as it completed); the next run grades only the rest.
"""
from __future__ import annotations

import datetime as _dt
import time
from pathlib import Path

from .. import rubric as rubrics
from ..messages import DEFAULT
from . import analysis, outputs
from .executor import Executor, Job, LocalPool
from .sources import Class, Handin
from .store import GradeOptions, Store, engine_fingerprint, file_sha256, result_key, rubric_hash


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def max_points(options: GradeOptions) -> float:
    rubric = rubrics.load(options.assignment)
    return sum(c.points for t in rubric.tasks if not options.tasks or t.name in options.tasks
               for c in t.checks if options.visibility == "all" or c.visibility == options.visibility)


def _batch_info(handin: Handin, fingerprint: str, rubric: str, options: GradeOptions) -> dict:
    return {"source": handin.as_dict(), "grader": fingerprint, "rubric": rubric, "options": options.as_dict()}


def run_batch(klass: Class, options: GradeOptions, out: str | Path, *, workers: int | None = None,
              regrade: bool = False, executor: Executor | None = None, progress=None,
              similarity: bool = False, nbgrader_root: str | Path | None = None, lang: str = DEFAULT) -> dict:
    """Grade the class into ``out``; returns the summary (also written as summary.json). ``lang`` is the
    language of the reports and pages written (a stored result holds every language, so it is reused
    whatever the language asked for)."""
    out = Path(out)
    with Store(out).exclusive() as store:
        return _run(klass, options, out, store, workers, regrade, executor, progress, similarity, nbgrader_root,
                    lang)


def _run(klass: Class, options: GradeOptions, out: Path, store: Store, workers: int | None, regrade: bool,
         executor: Executor | None, progress, similarity: bool, nbgrader_root, lang: str) -> dict:
    fingerprint, rubric = engine_fingerprint(), rubric_hash(options.assignment)
    started, started_at = time.monotonic(), _now()
    records: dict[str, dict] = {}
    jobs: list[Job] = []
    infos: dict[str, dict] = {}
    reused = 0
    for index, handin in enumerate(klass.handins):
        info = _batch_info(handin, fingerprint, rubric, options)
        if handin.error or handin.path is None:
            record = {"student": handin.student, "assignment": options.assignment,
                      "source_error": handin.error or "no submission file", "batch": dict(info, graded_at=_now())}
            records[handin.student] = outputs.write_student(store, record, lang)
            continue
        sha256 = file_sha256(handin.path)
        key = result_key(sha256, fingerprint, rubric, options)
        stored = None if regrade else store.finished(handin.student, key)
        if stored is not None:
            reused += 1
            records[handin.student] = outputs.write_student(store, stored, lang)   # in the language asked for now
            continue
        infos[handin.student] = dict(info, key=key, sha256=sha256)
        jobs.append(Job(index, handin.student, str(handin.path), key))
    progress = progress or _Silent()
    progress.start(len(jobs), reused)
    own = executor is None
    executor = executor or LocalPool(options, workers)
    complete, graded_now = False, 0
    try:
        for result in executor.run(jobs):
            student = result["student"]
            record = result["record"] or {"student": student, "assignment": options.assignment,
                                          "grader_error": result["grader_error"]}
            record["batch"] = dict(infos[student], attempts=result["attempts"], grader_name=result["grader"],
                                   graded_at=_now())
            records[student] = outputs.write_student(store, record, lang)
            graded_now += 1
            progress.advance(record)
        complete = True
    finally:
        if own:
            executor.close()
        progress.finish()
        summary = _summary(klass, options, records, reused, len(jobs), graded_now, complete, fingerprint, rubric, store,
                           started_at, time.monotonic() - started, getattr(executor, "workers", None))
        if similarity and complete:
            from .similarity import compare

            summary["similarity"] = compare(klass, options.assignment)
        if nbgrader_root is not None:
            from .gradebook import write_gradebook

            summary["nbgrader"] = write_gradebook(nbgrader_root, options.assignment, list(records.values()))
        ordered = [records[h.student] for h in sorted(klass.handins, key=lambda h: h.student) if h.student in records]
        ordered += [{"student": m["student"], "assignment": options.assignment, "missing": True,
                     "batch": {"source": {"attributed": True, **{f"roster_{k}": v for k, v in m.items()}}}}
                    for m in klass.missing]
        outputs.write_class(out, ordered, summary, options.assignment, summary["max_score"], lang)
    return summary


def _summary(klass: Class, options: GradeOptions, records: dict, reused: int, queued: int, graded_now: int,
             complete: bool,
             fingerprint: str, rubric: str, store: Store, started_at: str, elapsed: float, workers) -> dict:
    present = list(records.values())
    stats = analysis.class_statistics(present)
    counts = {"submissions": len(klass.handins), "graded": stats["graded"], "reused": reused,
              "graded_now": graded_now,
              "queued": queued, "not_finished": len(klass.handins) - len(present),
              "grader_errors": len(stats["grader_errors"]), "source_errors": len(stats["source_errors"]),
              "unattributed": len(klass.unattributed), "missing": len(klass.missing),
              "needs_review": len(stats["needs_review"])}
    students = []
    for handin in sorted(klass.handins, key=lambda h: h.student):
        record = records.get(handin.student)
        state = analysis.status(record) if record else "not finished"
        folder = store.folder(handin.student).relative_to(store.out)
        students.append({"student": handin.student, "status": state, "attributed": handin.attributed,
                         "score": f"{record['score']:g} / {record['max_score']:g}" if state == "graded" else "",
                         "feedback": f"{folder.as_posix()}/feedback.html" if record else ""})
    return {"assignment": options.assignment, "max_score": max_points(options), "complete": complete,
            "started_at": started_at, "finished_at": _now(), "elapsed_s": round(elapsed, 2), "workers": workers,
            "grader": fingerprint, "rubric": rubric, "options": options.as_dict(), "counts": counts,
            "statistics": stats, "students": students,
            "unattributed": [h.as_dict() for h in klass.unattributed], "missing": klass.missing,
            "notes": klass.notes, "similarity": None}


class _Silent:
    def start(self, total, reused):
        pass

    def advance(self, record):
        pass

    def finish(self):
        pass
