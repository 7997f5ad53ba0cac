"""nbgrader configuration for classic-grade.

The course keeps nbgrader's two folders under names of its own: the source notebooks (solution
regions and hidden tests) live in ``solutions/`` and the released student notebooks in
``assignments/`` (see README.md, "Layout").
"""
import os

c = get_config()  # noqa: F821  (injected by traitlets when nbgrader loads this file)

# The course root is the folder holding this file, not the current working directory, so that
# `nbgrader generate_assignment day19` gives the same result from anywhere in the checkout and
# from a copy of it (tests/test_nbgrader_roundtrip.py runs it in a temporary folder).
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "assignments"

# Why a database at all: generate_assignment records every graded cell (source and checksum) in
# the gradebook, and autograde later compares submissions against it to detect edited test
# cells. Keep it a sqlite file beside this config (git-ignored), so each checkout or copy has its
# own and nothing needs a database server.
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(c.CourseDirectory.root, "gradebook.db")

# Autograde with the sandbox's grades: after nbgrader executes a submission, classic-grade grades
# the notebook out of process with every check and rewrites each test cell's outputs from that
# grading, so nothing the student's kernel printed, raised or returned decides a score
# (classic_grade/nbgrader_plugin.py says how).
from classic_grade.nbgrader_plugin import autograde_preprocessors  # noqa: E402

c.Autograde.autograde_preprocessors = autograde_preprocessors()
