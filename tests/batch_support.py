"""What the batch tests share: building a small class from the examples and corpus, running the
`classic-grade batch` command, and looking at an HTML page in a real headless browser."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from classic_grade.overlays import entry_source

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "autograder" / "classic_grade" / "examples" / "day19"
CORPUS = ROOT / "tests" / "corpus" / "day19"
ADVERSARIAL = ROOT / "tests" / "adversarial" / "day19"
CLI = [sys.executable, "-m", "classic_grade.cli"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def environment() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "autograder"), str(ROOT / "reference"),
                                         env.get("PYTHONPATH", "")])
    return env


def copy(source: Path, target: Path, prefix: str = "") -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(prefix + source.read_text("utf-8"), "utf-8")
    return target


def on_correct(entry: Path, target: Path) -> Path:
    """A corpus entry (an overlay) or an adversarial entry with ``BASE: correct``: the submission it
    stands for (classic_grade.overlays)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(entry_source(entry, EXAMPLES / "correct.py"), "utf-8")
    return target


def batch_command(*arguments, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "batch", *map(str, arguments)], capture_output=True, text=True,
                          env=environment(), timeout=kwargs.pop("timeout", 900), **kwargs)


def browse(page: Path, out: Path) -> tuple[str, str]:
    """Render a page in headless chromium: the DOM it built and the browser's log. A screenshot
    lands beside ``out`` (``out.png``) for a person to look at."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium); the HTML pages were "
                    "not checked in a browser")
    common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
              f"--user-data-dir={out.parent / (out.name + '-profile')}", "--enable-logging=stderr", "--v=0"]
    dom = subprocess.run([*common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    shot = subprocess.run([*common, "--window-size=1000,2000", f"--screenshot={out}.png", page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0 and shot.returncode == 0, dom.stderr[-2000:] + shot.stderr[-2000:]
    return dom.stdout, dom.stderr + shot.stderr


def console_errors(log: str) -> list[str]:
    """The page's own problems in chromium's log: console messages, failed loads, blocked content.
    (The browser's complaints about D-Bus and the like are the machine's, not the page's.)"""
    return [line for line in log.splitlines()
            if "CONSOLE" in line or "Failed to load resource" in line or "Refused to" in line
            or "Uncaught" in line]
