"""The class's picture from its records: score distribution, failure rates per task and check, the
most frequent failure messages, grader errors and the slowest submissions. Plain data, shared by
summary.json and the class report, so the two never disagree."""
from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict

HISTOGRAM_BINS = 10
TOP_MESSAGES = 12
SLOWEST = 10
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def status(record: dict) -> str:
    if record.get("grader_error"):
        return "grader error"
    if record.get("source_error"):
        return "source error"
    if record.get("missing"):
        return "missing"
    return "graded"


def graded(records: list[dict]) -> list[dict]:
    return [r for r in records if status(r) == "graded"]


def percent(record: dict) -> float:
    return 100.0 * record["score"] / record["max_score"] if record.get("max_score") else 0.0


def message_key(message: str) -> str:
    """Messages that differ only in their numbers (shapes, counts, differences) are one kind."""
    first = message.strip().splitlines()[0] if message.strip() else "failed"
    return _NUMBER.sub("#", first)[:200]


def histogram(values: list[float], bins: int = HISTOGRAM_BINS) -> list[dict]:
    """Percent scores in equal bins over 0–100 (the last one closed)."""
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, max(0, int(value * bins // 100)))] += 1
    width = 100 / bins
    return [{"low": round(i * width, 6), "high": round((i + 1) * width, 6), "count": c} for i, c in enumerate(counts)]


def class_statistics(records: list[dict]) -> dict:
    done = graded(records)
    scores = [percent(r) for r in done]
    task_total, task_failed = Counter(), Counter()
    check_total, check_failed = Counter(), Counter()
    messages: dict[tuple, dict] = {}
    who: dict[tuple, set] = defaultdict(set)
    for record in done:
        for task in record["tasks"]:
            task_total[task["name"]] += 1
            task_failed[task["name"]] += task["score"] < task["max_score"]
            for check in task["checks"]:
                key = (task["name"], check["name"])
                check_total[key] += 1
                if not check["passed"]:
                    check_failed[key] += 1
                    # One kind per task and message: a load error repeated on every check is one failure.
                    kind = (task["name"], message_key(check["message"]))
                    found = messages.setdefault(kind, {"task": task["name"], "checks": [], "message": (
                        check["message"].strip().splitlines() or ["failed"])[0][:300]})
                    if check["name"] not in found["checks"]:
                        found["checks"].append(check["name"])
                    who[kind].add(record["student"])
    frequent = sorted(({**messages[k], "check": ", ".join(messages[k]["checks"]), "students": len(who[k])}
                       for k in messages),
                      key=lambda m: (-m["students"], m["task"], m["check"], m["message"]))[:TOP_MESSAGES]
    slowest = sorted(({"student": r["student"], "elapsed_s": r.get("elapsed_s", 0.0)} for r in done),
                     key=lambda s: -s["elapsed_s"])[:SLOWEST]
    return {
        "students": len(records),
        "graded": len(done),
        "mean_percent": round(statistics.fmean(scores), 2) if scores else None,
        "median_percent": round(statistics.median(scores), 2) if scores else None,
        "histogram": histogram(scores),
        "task_failure_rates": [{"task": t, "failed": task_failed[t], "graded": task_total[t],
                                "rate": round(task_failed[t] / task_total[t], 4)} for t in task_total],
        "check_failure_rates": [{"task": t, "check": c, "failed": check_failed[(t, c)], "graded": check_total[(t, c)],
                                 "rate": round(check_failed[(t, c)] / check_total[(t, c)], 4)}
                                for (t, c) in check_total],
        "frequent_failures": frequent,
        "grader_errors": [{"student": r["student"], "error": r["grader_error"]} for r in records if r.get("grader_error")],
        "source_errors": [{"student": r["student"], "error": r["source_error"]} for r in records if r.get("source_error")],
        "needs_review": [r["student"] for r in done if r.get("needs_review")],
        "slowest": slowest,
    }
