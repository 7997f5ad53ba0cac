"""Rewrites the replay's spawn request at import so that the task's "new" channel is the replay's
own: the grader's requests go nowhere and the request deadline passes. The grader must give up the
replay and grade every task in workers of its own, at full marks.

TASK: conv_params
CAUSE: 
BASE: replay_forged_spawn_channel.py
"""
_forge(lambda self: self.channel.fileno())
