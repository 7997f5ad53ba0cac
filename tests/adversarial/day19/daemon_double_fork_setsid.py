"""Double-forks, setsid()s and ignores SIGTERM/SIGHUP, then writes a heartbeat file for 30 s; the test watches it.

TASK: conv_params
CAUSE: answer
BASE: correct
"""
import os, signal, time
def _daemon():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            for sig in (signal.SIGTERM, signal.SIGHUP):
                signal.signal(sig, signal.SIG_IGN)
            for fd in range(0, 256):
                try:
                    os.close(fd)
                except OSError:
                    pass
            for _ in range(300):
                try:
                    with open("{{HEARTBEAT}}", "a") as beat:
                        beat.write(f"{time.time()}\n")
                except OSError:
                    pass
                time.sleep(0.1)
            os._exit(0)
        os._exit(0)
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    _daemon()
    return -1
