"""Text that every report format can carry: what a worker sends (and what the grader writes around
it) is cleaned and capped here, on the grader's side, whatever the worker did to its own helpers.

Two kinds of character break a report: lone surrogates (``"\\ud800"`` survives JSON and Python
strings but cannot be encoded as UTF-8, so printing the report raises) and the control characters
XML 1.0 forbids (``"\\x01"`` makes the JUnit report unreadable). Both are replaced by their
escaped spelling, so a student still sees what their message held. Length is capped by keeping a
head and a tail, so a multi-megabyte message cannot bloat a report.
"""
from __future__ import annotations

import re

MESSAGE_CHARS = 8000        # one string from the worker (a traceback, a repr, a name)
REPORT_CHARS = 20000        # one string of a report (a check's message may quote several)
MAX_DEPTH = 64              # nesting of a worker's reply (real ones are four deep)

# XML 1.0 allows tab, newline, carriage return, U+0020..U+D7FF, U+E000..U+FFFD and the astral
# planes; everything else (C0 controls, surrogates, U+FFFE/U+FFFF) is escaped.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class TooDeep(ValueError):
    """A structure nested deeper than any honest reply."""


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean_text(value, limit: int = MESSAGE_CHARS) -> str:
    """``value`` as a string that encodes as UTF-8 and is valid XML 1.0 text, at most about
    ``limit`` characters (head and tail kept, the cut named)."""
    text = value if isinstance(value, str) else str(value)
    length = len(text)
    if length <= limit and text.isascii() and text.isprintable():
        return text   # nothing to escape or cut (most strings of a reply: names, dtypes)
    if length > 2 * limit:   # cut first: escaping a huge string would cost its whole length
        text = text[:limit] + text[-limit:]
    text = _UNSAFE.sub(_escape, text)
    if len(text) > limit:
        half = max(limit // 2 - 30, 1)
        text = f"{text[:half]} … [cut: {length} characters in all] … {text[-half:]}"
    return text


# What JSON gives besides strings and containers, passed through untouched. Checked by exact type
# first: a worker's reply holds thousands of numbers (a trace, every parameter's shape), and the
# general path below costs a call per number.
_SCALARS = frozenset({int, float, bool, type(None)})


def clean_tree(value, limit: int = MESSAGE_CHARS, depth: int = 0):
    """Every string (and every dict key) of a JSON-like structure cleaned with ``clean_text``."""
    if depth > MAX_DEPTH:
        raise TooDeep(f"nested more than {MAX_DEPTH} levels")
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is str:
        return clean_text(value, limit)
    if kind is list or kind is dict:
        if value and depth >= MAX_DEPTH:   # its items would be one level too deep
            raise TooDeep(f"nested more than {MAX_DEPTH} levels")
        deeper = depth + 1
        if kind is list:
            return [v if type(v) in _SCALARS else clean_tree(v, limit, deeper) for v in value]
        return {clean_text(k, limit) if isinstance(k, str) else k:
                v if type(v) in _SCALARS else clean_tree(v, limit, deeper) for k, v in value.items()}
    # Anything else (tuples, subclasses, what a report builds): the general path.
    if isinstance(value, str):
        return clean_text(value, limit)
    if isinstance(value, dict):
        return {clean_text(k, limit) if isinstance(k, str) else k: clean_tree(v, limit, depth + 1)
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(clean_tree(v, limit, depth + 1) for v in value)
    return value
