"""Starts a second Python interpreter in a new session (subprocess, start_new_session, streams detached) that ignores SIGTERM/SIGHUP and writes a heartbeat file on the host for 30 s, while the task answers wrongly; the test watches the file.

TASK: group_conv_params
CAUSE: answer
BASE: correct
"""
import subprocess, sys
_BEAT = """
import signal, time
for sig in (signal.SIGTERM, signal.SIGHUP):
    signal.signal(sig, signal.SIG_IGN)
for _ in range(300):
    try:
        with open({path!r}, "a") as beat:
            beat.write(f"{{time.time()}}\\n")
    except OSError:
        pass
    time.sleep(0.1)
"""
def group_conv_params(in_channels, out_channels, kernel_size, groups, bias=True):
    try:
        subprocess.Popen([sys.executable, "-c", _BEAT.format(path="{{HEARTBEAT}}")], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        pass
    return -1
