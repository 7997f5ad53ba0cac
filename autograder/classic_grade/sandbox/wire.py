"""The channel between the grader and a worker: JSON headers plus raw array bytes.

This file is loaded *by path* inside the sandbox as well as imported by the grader, so it may use
only the standard library and numpy, and no relative imports.

One message is: 4-byte big-endian header length, the UTF-8 JSON header, then the raw bytes of each
array the header lists under "arrays" (name, dtype, shape), in order. Nothing is ever pickled:
the receiver rebuilds arrays with ``numpy.frombuffer`` from a dtype on an allow-list, after checking
the byte count that dtype and shape imply.
"""
import json
import socket
import struct
import time

import numpy as np

MAX_HEADER = 4 << 20          # JSON header: configurations, names, traces, messages
ALLOWED_DTYPES = ("float32", "float64", "float16", "int64", "int32", "uint8", "bool")
# Looked up by the dtype itself: numpy's ``dtype.name`` is a Python property that costs more than
# the rest of sending a small array (a day20 grading sends ~2,000 of them).
_NAMES = {np.dtype(name): name for name in ALLOWED_DTYPES}
_ITEMSIZES = {name: np.dtype(name).itemsize for name in ALLOWED_DTYPES}


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


class DeadlinePassed(ProtocolError, TimeoutError):
    """The message did not arrive (or could not be sent) before the request's deadline."""


def _remaining(sock, deadline):
    """Arm the socket's timeout with what is left of one absolute deadline (``time.monotonic``),
    so a peer that trickles a byte at a time cannot stretch a request past its limit."""
    if deadline is None:
        return
    left = deadline - time.monotonic()
    if left <= 0:
        raise DeadlinePassed("the deadline passed")
    sock.settimeout(left)


def _recv_into(sock, buffer, deadline=None):
    """Fill ``buffer`` (preallocated: memory grows only with what really arrives) from the socket."""
    view = memoryview(buffer)
    filled = 0
    while filled < len(view):
        _remaining(sock, deadline)
        try:
            count = sock.recv_into(view[filled:], min(len(view) - filled, 1 << 20))
        except (socket.timeout, TimeoutError):
            raise DeadlinePassed("the deadline passed") from None
        if not count:
            raise ChannelClosed("channel closed")
        filled += count
    return buffer


def _recv_exact(sock, n, deadline=None):
    return bytes(_recv_into(sock, bytearray(n), deadline))


def send(sock, header, arrays=None, deadline=None):
    """Send one message; ``arrays`` maps names to numpy arrays (sent C-contiguous, native order).
    ``deadline`` (``time.monotonic``) bounds the whole send: a peer that stops reading cannot stall it."""
    arrays = arrays or {}
    specs = []
    payload = []
    for name, array in arrays.items():
        array = np.ascontiguousarray(array)
        dtype = _NAMES.get(array.dtype) or array.dtype.name
        if dtype not in ALLOWED_DTYPES:
            raise ProtocolError(f"array {name!r} has dtype {dtype}, not one the channel carries")
        specs.append([name, dtype, list(array.shape)])
        # The array's own memory, not a copy of it: a ResNet-50's values are 100 MB, and a fresh
        # copy of them is as many new pages for the kernel to find and zero on every request.
        payload.append(memoryview(array.reshape(-1).view(np.uint8)))
    header = dict(header, arrays=specs)
    raw = json.dumps(header, allow_nan=True).encode("utf-8")
    if len(raw) > MAX_HEADER:
        raise ProtocolError(f"header of {len(raw)} bytes is over the {MAX_HEADER}-byte limit")
    for part in _coalesced([struct.pack(">I", len(raw)) + raw] + payload):
        _remaining(sock, deadline)   # sendall's timeout covers the whole call (Python >= 3.5)
        try:
            sock.sendall(part)
        except (socket.timeout, TimeoutError):
            raise DeadlinePassed("the deadline passed") from None


SMALL_PART = 64 << 10   # parts below this size are joined into one write


def _coalesced(parts):
    """The message's parts with the small ones joined: a run of a block with a dozen small values
    is one write, and one wake-up of the reader, instead of a dozen (a day20 grading sends ~2,000
    arrays). Large parts go as they are, from their own memory."""
    batch, size = [], 0
    for part in parts:
        length = part.nbytes if isinstance(part, memoryview) else len(part)
        if length >= SMALL_PART:
            if batch:
                yield b"".join(batch)
                batch, size = [], 0
            yield part
            continue
        batch.append(part)
        size += length
        if size >= SMALL_PART:
            yield b"".join(batch)
            batch, size = [], 0
    if batch:
        yield b"".join(batch)


def receive(sock, max_payload, deadline=None, max_arrays=None, into=None):
    """Receive one message; returns (header, arrays). ``max_payload`` bounds the array bytes and
    ``max_arrays`` their number, both checked against the header before any array byte is read;
    ``deadline`` (``time.monotonic``) bounds the whole message, however slowly it comes.

    ``into(header, name, dtype, shape)`` may name where an array's bytes go instead of a fresh
    buffer: a writable numpy array of exactly that many bytes, or None. The worker receives a run's
    parameter values straight into the parameters this way (the grader never does: what a worker
    sends it lands in memory of its own)."""
    (length,) = struct.unpack(">I", _recv_exact(sock, 4, deadline))
    if length > MAX_HEADER:
        raise ProtocolError(f"header of {length} bytes is over the {MAX_HEADER}-byte limit")
    try:
        header = json.loads(_recv_into(sock, bytearray(length), deadline).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ProtocolError(f"malformed header: {error}") from None
    if not isinstance(header, dict):
        raise ProtocolError("header is not a JSON object")
    specs = header.pop("arrays", [])
    if not isinstance(specs, list):
        raise ProtocolError("'arrays' is not a list")
    if max_arrays is not None and len(specs) > max_arrays:
        raise ProtocolError(f"{len(specs)} arrays, over the {max_arrays} this request can return")
    checked = []
    total = 0
    for spec in specs:
        try:
            name, dtype, shape = spec
            shape = tuple(int(d) for d in shape)
        except (TypeError, ValueError, OverflowError):
            raise ProtocolError(f"malformed array spec {str(spec)[:200]!r}") from None
        if dtype not in ALLOWED_DTYPES or any(d < 0 for d in shape) or len(shape) > 32:
            raise ProtocolError(f"array {str(name)[:200]!r}: dtype {str(dtype)[:40]!r} or shape {shape[:8]} not allowed")
        count = 1
        for d in shape:   # Python integers: a product that would overflow int64 is still caught
            count *= d
        nbytes = count * _ITEMSIZES[dtype]
        total += nbytes
        if total > max_payload:
            raise ProtocolError(f"arrays of {total} bytes or more, over the {max_payload}-byte limit "
                                "for what this request can return")
        checked.append((str(name), dtype, shape, nbytes))
    arrays = {}
    for name, dtype, shape, nbytes in checked:
        target = into(header, name, dtype, shape) if into is not None else None
        if target is not None:
            # The receiver's own mistake, never the sender's: a place that is not one contiguous,
            # writable run of exactly these bytes would leave them somewhere the receiver never reads.
            if not (target.flags.c_contiguous and target.flags.writeable) or target.nbytes != nbytes:
                raise ValueError(f"array {name!r}: no place for its {nbytes} bytes in the receiver's "
                                 f"{target.nbytes}-byte {'' if target.flags.c_contiguous else 'non-contiguous '}array")
            target = target.reshape(-1).view(np.uint8)
        raw = _recv_into(sock, target if target is not None else np.empty(nbytes, dtype=np.uint8), deadline)
        arrays[name] = raw.view(dtype).reshape(shape)
    return header, arrays
