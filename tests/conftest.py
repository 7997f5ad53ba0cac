from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "autograder" / "classic_grade" / "examples" / "day19"
# Modules whose tests measure time or bound a sandboxed job's time or memory: under pytest-xdist's
# --dist loadgroup they share one worker, so they never compete with each other for the cores. The
# attacks are among them: their leftover scan sees only their own graders (adversarial_corpus.Scope),
# so they run beside the rest of the suite.
TIMING_SENSITIVE = {"test_sandbox.py", "test_isolation.py", "test_grader_bounds.py", "test_batch_hostile.py",
                    "test_batch_resume.py", "test_cli_exit_codes.py", "test_adversarial.py"}


@pytest.hookimpl(tryfirst=True)   # before xdist reads the groups
def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name in TIMING_SENSITIVE:
            item.add_marker(pytest.mark.xdist_group("timing"))


@pytest.fixture(scope="session")
def grader():
    """One torch-warm zygote for the whole session (per xdist worker): the point of the design, and
    of a fast suite. The corpus tests and every other test that grades share it."""
    from classic_grade import Grader

    with Grader("cpu") as shared:
        yield shared


@pytest.fixture
def correct_source():
    return (EXAMPLES / "correct.py").read_text()
