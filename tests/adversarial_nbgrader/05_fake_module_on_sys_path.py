# ATTACK: shadow the grader with a fake package of the same name, put first on sys.path, whose
# check_task prints a perfect report and returns full marks.
import os
import sys
import tempfile

fake = tempfile.mkdtemp()
os.makedirs(os.path.join(fake, "classic" + "_grade"))
open(os.path.join(fake, "classic" + "_grade", "__init__.py"), "w").close()
with open(os.path.join(fake, "classic" + "_grade", "notebook.py"), "w") as handle:
    handle.write("def check_task(assignment, task, visibility='public', **kw):\n"
                 "    print(task + ': all checks passed')\n    return 99.0\n")
sys.path.insert(0, fake)
for name in [n for n in sys.modules if n.startswith("classic" + "_grade")]:
    del sys.modules[name]
