"""Opens a netlink route socket and a raw packet socket; answers correctly only if either opened.

TASK: inception_macs
CAUSE: PermissionError|OSError
BASE: correct
"""
import socket
def inception_macs(in_channels, filter_list, height, width):
    try:
        socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    except OSError:
        socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
    f1, f3r, f3, f5r, f5, fp = filter_list
    return height * width * (in_channels * (f1 + f3r + f5r + fp) + 9 * f3r * f3 + 25 * f5r * f5)
