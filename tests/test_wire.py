"""The channel between grader and worker (sandbox/wire.py), in process over a real socket pair:
arrays of any layout arrive as their values, a receiver's place for an array is used or refused
(never silently skipped), and a message goes out in few writes, large arrays from their own memory."""
from __future__ import annotations

import socket
import threading
import time

import numpy as np
import pytest

from classic_grade.sandbox import wire


def test_the_channel_sends_arrays_of_any_layout_as_their_values():
    ours, theirs = socket.socketpair()
    with ours, theirs:
        sent = {"strided": np.arange(24, dtype=np.float32).reshape(4, 6)[:, ::2], "flags": np.array([True, False]),
                "scalar": np.float64(2.5) * np.ones(()), "empty": np.zeros((0, 3), np.int64),
                "fortran": np.asfortranarray(np.arange(6, dtype=np.int32).reshape(2, 3))}
        wire.send(ours, {"op": "x"}, sent)
        place = np.zeros(12, np.float32)
        _, got = wire.receive(theirs, 1 << 20, into=lambda h, n, d, s: place if n == "strided" else None)
    for name, array in sent.items():
        np.testing.assert_array_equal(got[name].reshape(array.shape), array)
        assert got[name].dtype == array.dtype
    assert np.shares_memory(got["strided"], place)
    np.testing.assert_array_equal(place, sent["strided"].reshape(-1))


def read_only(array):
    array.flags.writeable = False
    return array


@pytest.mark.parametrize("place", [np.zeros(24, np.float32)[::2], np.zeros(11, np.float32),
                                   read_only(np.zeros(12, np.float32))], ids=["strided", "short", "read-only"])
def test_a_place_the_bytes_would_not_land_in_is_refused_not_filled(place):
    ours, theirs = socket.socketpair()
    with ours, theirs:
        wire.send(ours, {"op": "x"}, {"values": np.ones(12, np.float32)})
        with pytest.raises(ValueError, match="no place for its 48 bytes"):
            wire.receive(theirs, 1 << 20, into=lambda h, n, d, s: place)


class RecordingSocket:
    """Stands in for the socket: keeps every write, as it was handed over."""

    def __init__(self):
        self.writes = []

    def settimeout(self, seconds):
        pass

    def sendall(self, data):
        self.writes.append(data)


def test_small_arrays_travel_together_and_large_ones_from_their_own_memory():
    small = {f"value:block{i}.weight": np.full((8, 4, 3, 3), i, np.float32) for i in range(12)}
    large = np.arange(1 << 20, dtype=np.float32)          # 4 MiB
    sock = RecordingSocket()
    wire.send(sock, {"op": "run"}, {**small, "value:fc.weight": large, "input": np.ones((2, 4, 8, 8), np.float32)},
              deadline=None)
    # The header and the twelve small values in one write, the large one as a view of its array,
    # then the input: three writes where one per part would be fifteen.
    assert len(sock.writes) == 3, [len(memoryview(w)) for w in sock.writes]
    assert isinstance(sock.writes[1], memoryview) and np.shares_memory(np.asarray(sock.writes[1]), large)
    # Written in order (by a thread: the socket holds far less than 4 MiB), the bytes are the
    # message a reader expects.
    ours, theirs = socket.socketpair()
    with ours, theirs:
        writer = threading.Thread(target=lambda: [ours.sendall(part) for part in sock.writes])
        writer.start()
        header, got = wire.receive(theirs, 1 << 26, deadline=time.monotonic() + 30)
        writer.join()
    assert header == {"op": "run"} and list(got) == [*small, "value:fc.weight", "input"]
    for name, array in small.items():
        np.testing.assert_array_equal(got[name], array)
    np.testing.assert_array_equal(got["value:fc.weight"], large)
