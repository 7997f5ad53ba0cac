"""Rewrites the replay's spawn request at import: the task's worker channel it hands the grader is a
pipe, not a socket. The grader must fall back to workers of its own and keep every correct
answer's marks.

TASK: conv_params
CAUSE: 
BASE: correct
"""
import os, socket, sys


def _forge(channel_for):
    harness = next((m for n, m in list(sys.modules.items()) if n.endswith("harness") and hasattr(m, "Session")), None)
    if harness is None:
        return

    def forged(self, header, arrays):
        socket.send_fds(self.channel, [b"\0"], [channel_for(self)])
        return {"spawned": True}, {}

    harness.Session.HANDLERS["spawn"] = forged


_forge(lambda self: os.pipe()[0])
