"""Answers conv_params by writing a reply frame straight onto the result channel, one byte per second: a length that announces a 4 KiB header, then the header's bytes, slowly (a per-recv timeout would wait for each byte; the request's one deadline must not).

TASK: conv_params
CAUSE: timeout
BASE: correct
"""
import os, stat, struct, time
def _channel():
    for fd in range(3, 256):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                return fd
        except OSError:
            pass
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    fd = _channel()
    os.write(fd, struct.pack(">I", 4096))
    body = b'{"ok": true, "value": ' + b" " * 4000 + b"7}"
    for byte in body:
        os.write(fd, bytes([byte]))
        time.sleep(1.0)
    return 7
