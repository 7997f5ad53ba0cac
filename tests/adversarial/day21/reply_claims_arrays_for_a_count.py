"""group_conv_params (a function: its reply carries a number, never an array) writes a reply frame listing 20,000 small arrays, 4 bytes each: under any global byte limit, but more arrays than such a request can return.

TASK: group_conv_params
CAUSE: protocol
BASE: correct
"""
import json, os, stat, struct
def group_conv_params(in_channels, out_channels, kernel_size, groups, bias=True):
    specs = [[f"a{i}", "float32", [1]] for i in range(20_000)]
    header = json.dumps({"ok": True, "value": 1, "type": "int", "arrays": specs}).encode()
    for fd in range(3, 256):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.write(fd, struct.pack(">I", len(header)) + header + bytes(4 * 20_000))
        except OSError:
            pass
    return 1
