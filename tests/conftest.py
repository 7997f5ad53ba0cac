from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "autograder" / "classic_grade" / "examples" / "day19"


@pytest.fixture(scope="session")
def grader():
    """One torch-warm zygote for the whole session: the point of the design, and of a fast suite."""
    from classic_grade import Grader

    with Grader("cpu") as shared:
        yield shared


@pytest.fixture
def correct_source():
    return (EXAMPLES / "correct.py").read_text()
