"""The channel between the grader and a worker: JSON headers plus raw array bytes.

This file is loaded *by path* inside the sandbox as well as imported by the grader, so it may use
only the standard library and numpy, and no relative imports.

One message is: 4-byte big-endian header length, the UTF-8 JSON header, then the raw bytes of each
array the header lists under "arrays" (name, dtype, shape), in order. Nothing is ever pickled:
the receiver rebuilds arrays with ``numpy.frombuffer`` from a dtype on an allow-list, after checking
the byte count that dtype and shape imply.
"""
import json
import struct

import numpy as np

MAX_HEADER = 4 << 20          # JSON header: configurations, names, traces, messages
ALLOWED_DTYPES = ("float32", "float64", "float16", "int64", "int32", "uint8", "bool")


class ProtocolError(Exception):
    """The other side sent something that is not a well-formed message."""


class ChannelClosed(ProtocolError):
    """The other side closed the channel (it exited, crashed or was killed)."""


def encode_value(value):
    """JSON turns tuples into lists; a student's ``isinstance(kernel_size, tuple)`` must still
    see a tuple, so tuples travel tagged."""
    if isinstance(value, tuple):
        return {"__tuple__": [encode_value(v) for v in value]}
    if isinstance(value, list):
        return [encode_value(v) for v in value]
    if isinstance(value, dict):
        return {k: encode_value(v) for k, v in value.items()}
    return value


def decode_value(value):
    if isinstance(value, dict):
        if set(value) == {"__tuple__"}:
            return tuple(decode_value(v) for v in value["__tuple__"])
        return {k: decode_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode_value(v) for v in value]
    return value


def _recv_exact(sock, n):
    chunks = []
    remaining = n
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            raise ChannelClosed("channel closed")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def send(sock, header, arrays=None):
    """Send one message; ``arrays`` maps names to numpy arrays (sent C-contiguous, native order)."""
    arrays = arrays or {}
    specs = []
    payload = []
    for name, array in arrays.items():
        array = np.ascontiguousarray(array)
        if array.dtype.name not in ALLOWED_DTYPES:
            raise ProtocolError(f"array {name!r} has dtype {array.dtype.name}, not one the channel carries")
        specs.append([name, array.dtype.name, list(array.shape)])
        payload.append(array.tobytes())
    header = dict(header, arrays=specs)
    raw = json.dumps(header, allow_nan=True).encode("utf-8")
    if len(raw) > MAX_HEADER:
        raise ProtocolError(f"header of {len(raw)} bytes is over the {MAX_HEADER}-byte limit")
    sock.sendall(struct.pack(">I", len(raw)) + raw)
    for part in payload:
        sock.sendall(part)


def receive(sock, max_payload):
    """Receive one message; returns (header, arrays). ``max_payload`` bounds the array bytes."""
    (length,) = struct.unpack(">I", _recv_exact(sock, 4))
    if length > MAX_HEADER:
        raise ProtocolError(f"header of {length} bytes is over the {MAX_HEADER}-byte limit")
    try:
        header = json.loads(_recv_exact(sock, length).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ProtocolError(f"malformed header: {error}") from None
    if not isinstance(header, dict):
        raise ProtocolError("header is not a JSON object")
    specs = header.pop("arrays", [])
    if not isinstance(specs, list):
        raise ProtocolError("'arrays' is not a list")
    arrays = {}
    total = 0
    for spec in specs:
        try:
            name, dtype, shape = spec
            shape = tuple(int(d) for d in shape)
        except (TypeError, ValueError):
            raise ProtocolError(f"malformed array spec {spec!r}") from None
        if dtype not in ALLOWED_DTYPES or any(d < 0 for d in shape):
            raise ProtocolError(f"array {name!r}: dtype {dtype!r} or shape {shape} not allowed")
        nbytes = int(np.prod(shape, dtype=np.int64)) * np.dtype(dtype).itemsize
        total += nbytes
        if total > max_payload:
            raise ProtocolError(f"arrays exceed the {max_payload}-byte payload limit")
        arrays[str(name)] = np.frombuffer(_recv_exact(sock, nbytes), dtype=dtype).reshape(shape)
    return header, arrays
