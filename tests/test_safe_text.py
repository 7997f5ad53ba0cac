"""What a worker's reply becomes before the grader reads it (safe_text.clean_tree): every string,
at any depth and as a dict key, escaped and capped; numbers, booleans and None untouched; nesting
deeper than MAX_DEPTH refused. The fast paths (exact JSON types, plain ASCII strings) must give what
the plain recursive definition below gives, for anything JSON or a report can hold."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classic_grade.safe_text import MAX_DEPTH, TooDeep, clean_text, clean_tree


def plain_definition(value, limit, depth=0):
    """clean_tree as specified, one call per node."""
    if depth > MAX_DEPTH:
        raise TooDeep("too deep")
    match value:
        case str():
            return clean_text(value, limit)
        case dict():
            cleaned_keys = (clean_text(k, limit) if isinstance(k, str) else k for k in value)
            return dict(zip(cleaned_keys, (plain_definition(v, limit, depth + 1) for v in value.values())))
        case list() | tuple():
            return type(value)(plain_definition(v, limit, depth + 1) for v in value)
        case _:
            return value


def outcome(function, value, limit):
    try:
        return "ok", repr(function(value, limit))      # repr: NaN compares equal to itself
    except TooDeep:
        return "too deep", None


TEXT = st.text(st.sampled_from("ab Z.\n\t\r\x00\x07\x1f\x7f\x85é中😀\ud800\udfff\ufffe\uffff"), max_size=40)
LEAVES = st.one_of(st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(), TEXT)
TREES = st.recursive(LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=3).map(tuple),
    st.dictionaries(st.one_of(TEXT, st.integers()), inner, max_size=4)), max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(TREES, st.sampled_from([4, 30, 8000]))
def test_the_fast_paths_give_what_the_plain_definition_gives(tree, limit):
    assert outcome(clean_tree, tree, limit) == outcome(plain_definition, tree, limit)


def nested(levels, leaf):
    for index in range(levels):
        leaf = [leaf] if index % 2 else {"k": leaf}
    return leaf


@pytest.mark.parametrize("leaf", [1, "x", None, [], {}], ids=repr)
def test_nesting_is_refused_exactly_past_the_limit(leaf):
    for levels in range(MAX_DEPTH - 2, MAX_DEPTH + 3):
        assert outcome(clean_tree, nested(levels, leaf), 100) == outcome(plain_definition, nested(levels, leaf), 100)
    clean_tree(nested(MAX_DEPTH, leaf))
    with pytest.raises(TooDeep):
        clean_tree(nested(MAX_DEPTH + 1, leaf))


def test_plain_strings_pass_as_they_are_and_the_others_are_escaped_and_cut():
    names = ["layer1.0.conv1.weight", "float32", "Conv2d"]
    assert clean_tree({"parameters": [[n, [64, 3], "float32"] for n in names]}) == \
        {"parameters": [[n, [64, 3], "float32"] for n in names]}
    cleaned = clean_tree({"bad\x00key": ["line\x01", ("\ud800",)], "long": "x" * 20000}, 100)
    assert cleaned["bad\\x00key"] == ["line\\x01", ("\\ud800",)]
    assert len(cleaned["long"]) <= 100 and re.search(r"cut: 20000 characters", cleaned["long"])
