"""Leaves a daemon behind in its task's worker that, for 20 s, sends SIGKILL to every process it may
signal (kill(-1)): where task workers are forked from one replay of the submission, that is the
replay and the next tasks' workers. Its own task may be lost; the next task must keep its marks.

TASK: conv_params
CAUSE: crashed|exited|timeout|answer
BASE: correct
"""
import os, signal, time

_started = []


def _hunter():
    if os.getuid() == 0:   # never as root outside a sandbox: kill(-1) would reach the whole machine
        return
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            end = time.time() + 20
            while time.time() < end:
                try:
                    os.kill(-1, signal.SIGKILL)   # every process of ours but this one
                except OSError:
                    pass
                time.sleep(0.01)
        os._exit(0)
    time.sleep(0.3)


_correct_conv_params = conv_params


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if not _started:
        _started.append(1)
        _hunter()
    return _correct_conv_params(in_channels, out_channels, kernel_size, bias)
