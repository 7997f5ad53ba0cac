# ATTACK: replace the check module in sys.modules with a stand-in object, so the test cells'
# `from classic_grade.notebook import check_task` binds the student's function.
import sys
import types

stand_in = types.ModuleType("classic" + "_grade.notebook")
stand_in.check_task = lambda assignment, task, **kwargs: 99.0
sys.modules["classic" + "_grade.notebook"] = stand_in
