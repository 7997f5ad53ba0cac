"""GroupConv2d whose construction starts a child in a new session that ignores SIGTERM and SIGHUP and sleeps, then sleeps itself: sleeping uses no CPU, so RLIMIT_CPU never fires; the request deadline, the job's wall-clock limit and (when the grader is killed) the parent-death signals must end both.

TASK: GroupConv2d
CAUSE: timeout
BASE: correct
"""
import os, signal, time
class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        if os.fork() == 0:
            os.setsid()
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
            while True:
                time.sleep(3600)
        while True:
            time.sleep(3600)
