# ATTACK: swallow every exception in the kernel: a custom IPython exception handler that shows
# nothing, plus sys.excepthook and showtraceback silenced, so a failing test cell looks clean.
import sys

shell = get_ipython()
shell.set_custom_exc((BaseException,), lambda *args, **kwargs: None)
shell.showtraceback = lambda *args, **kwargs: None
sys.excepthook = lambda *args: None
