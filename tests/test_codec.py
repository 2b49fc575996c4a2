"""Values crossing the boundary: every supported type both ways, and hostile encodings."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wasmbox import RunStatus, Sandbox
from wasmbox.capabilities.codec import MAX_DEPTH, CodecError, decode, encode

VALUES: dict[str, Any] = {
    "none": None,
    "bools": [True, False],
    "ints": [0, -1, 2**31, -(2**63), 10**40],
    "floats": [0.0, -0.0, 1.5, 1e300, 5e-324],
    "str": 'héllo \u2603 \U0001f600 \x00 "quoted" \\',
    "bytes": b"\x00\xff\x80abc",
    "empty bytes": b"",
    "tuple": (1, "a", (2, 3)),
    "empty tuple": (),
    "set": {1, 2, 3},
    "frozenset": frozenset({"a"}),
    "dict": {"a": 1, "b": [1, 2]},
    "dict with int keys": {1: "one", 2: "two"},
    "dict with tuple keys": {(1, 2): "pair"},
    "dict with $ keys": {"$b": "not bytes", "$t": [1]},
    "nested": {"rows": [{"id": i, "tags": ("x", i)} for i in range(3)]},
}


@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES.keys())
def test_host_round_trip(value: Any) -> None:
    assert decode(encode(value)) == value
    assert type(decode(encode(value))) is type(value)


def test_non_finite_floats() -> None:
    nan, inf, ninf = decode(encode([math.nan, math.inf, -math.inf]))
    assert math.isnan(nan) and inf == math.inf and ninf == -math.inf


@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES.keys())
def test_guest_round_trip(sandbox: Sandbox, value: Any) -> None:
    """In as an input, back as the value: through both encoders and decoders."""
    result = sandbox.run("v", inputs={"v": value})
    assert result.status is RunStatus.OK, result.error
    assert result.value == value and type(result.value) is type(value)


def test_guest_types_are_what_python_expects(sandbox: Sandbox) -> None:
    code = "[type(x).__name__ for x in (b, t, s, f, d)] + [sorted(d)]"
    inputs = {"b": b"x", "t": (1,), "s": {1}, "f": frozenset({2}), "d": {3: "a", 1: "b"}}
    result = sandbox.run(code, inputs=inputs)
    assert result.value == ["bytes", "tuple", "set", "frozenset", "dict", [1, 3]]


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text()
        | st.binary(),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.tuples(inner, inner)
            | st.dictionaries(st.text(max_size=5), inner, max_size=4)
            | st.frozensets(st.integers() | st.text(max_size=3), max_size=3)
        ),
        max_leaves=12,
    )
)
def test_any_value_round_trips_on_the_host(value: Any) -> None:
    assert decode(encode(value)) == value


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"{",
        b"NaN",
        b'{"$b": 5}',
        b'{"$b": "!!!"}',
        b'{"$f": "zero"}',
        b'{"$t": {"a": 1}}',
        b'{"$d": [[1]]}',
        b'{"$d": [[[1], 2]]}',  # an unhashable key
        b'{"$s": [[1]]}',  # an unhashable member
        b'{"$x": 1}',
        b'{"$b": "", "a": 1}',
        b"[" * 10000 + b"]" * 10000,
        b"1" * 5000,  # an integer too long to parse
        b"\xff\xfe",
    ],
)
def test_hostile_encodings_are_codec_errors(data: bytes) -> None:
    with pytest.raises(CodecError):
        decode(data)


def test_limits() -> None:
    nested: Any = []
    for _ in range(MAX_DEPTH + 2):
        nested = [nested]
    with pytest.raises(CodecError, match="levels deep"):
        encode(nested)
    with pytest.raises(CodecError, match="over the 10-byte limit"):
        encode("x" * 20, limit=10)
    with pytest.raises(CodecError, match="over the 10-byte limit"):
        decode(b'"' + b"x" * 20 + b'"', limit=10)
    with pytest.raises(CodecError, match="cannot cross"):
        encode(object())


def test_dict_order_survives_both_ways(sandbox: Sandbox) -> None:
    keys = ["zeta", "alpha", "mid", "beta", "omega", "a1", "z9", "k"]
    data = {k: i for i, k in enumerate(keys)}
    result = sandbox.run(
        "(list(d), list(d.items()) == [(k, d[k]) for k in d], {k: 0 for k in reversed(list(d))})",
        inputs={"d": data},
    )
    assert result.status is RunStatus.OK, result.error
    order, consistent, back = result.value
    assert order == keys and consistent is True
    assert list(back) == keys[::-1]
    fn = Sandbox(functions={"rows": lambda: [data, data]})
    assert fn.run("[list(r) for r in rows()]").value == [keys, keys]


def test_ordered_encoding_round_trips_on_the_host() -> None:
    value = {"b": {"y": 1, "x": 2}, "a": [({"q": 1, "p": 2},)]}
    assert decode(encode(value, ordered=True)) == value
    assert list(decode(encode(value, ordered=True))["b"]) == ["y", "x"]
