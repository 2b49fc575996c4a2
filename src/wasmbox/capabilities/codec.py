"""How values cross the sandbox boundary: inputs, results, host-function arguments and replies.

JSON carries ``None``, ``bool``, ``int``, ``float``, ``str``, ``list`` and
``dict`` with string keys as themselves. What JSON cannot say exactly is
carried in a one-key object whose key starts with ``$``:

=========================  ==========================================
``{"$b": "<base64>"}``     ``bytes`` (a ``bytearray`` arrives as ``bytes``)
``{"$t": [...]}``          ``tuple``
``{"$s": [...]}``          ``set``
``{"$fs": [...]}``         ``frozenset``
``{"$f": "nan"}``          ``float('nan')``, ``"inf"``, ``"-inf"``
``{"$d": [[k, v], ...]}``  a ``dict`` whose keys are not all strings, or
                           any of which starts with ``$`` (so the tags
                           above can never be forged by ordinary data)
=========================  ==========================================

The guest runs the same encoding (``guest/lib/_wasmbox_io.py``). Everything
the guest sends is untrusted: decoding bounds the size, the nesting depth and
the size of integers, and rejects anything malformed with
:class:`CodecError`, never another exception.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from typing import Any

__all__ = ["MAX_DEPTH", "CodecError", "decode", "encode", "to_jsonable"]

#: Deepest nesting of lists, tuples, sets and dicts that crosses the boundary.
MAX_DEPTH = 100


class CodecError(ValueError):
    """A value cannot cross the boundary (the message says which part and why)."""


_TAGS = frozenset({"$b", "$t", "$s", "$fs", "$f", "$d"})


def to_jsonable(value: Any, _depth: int = 0, *, ordered: bool = False) -> Any:
    """``value`` in the tagged JSON form described in the module docstring.

    ``ordered`` (for values going *to* the guest): dicts of two or more keys are
    sent as ``$d`` pairs, because MicroPython's JSON parser makes dicts that do
    not keep the order of their keys; the guest rebuilds them insertion-ordered.
    """
    if _depth > MAX_DEPTH:
        raise CodecError(f"nested more than {MAX_DEPTH} levels deep")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return {"$f": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$b": base64.b64encode(bytes(value)).decode("ascii")}
    d = _depth + 1
    if isinstance(value, list):
        return [to_jsonable(v, d, ordered=ordered) for v in value]
    if isinstance(value, tuple):
        return {"$t": [to_jsonable(v, d, ordered=ordered) for v in value]}
    if isinstance(value, (set, frozenset)):
        tag = "$s" if isinstance(value, set) else "$fs"
        return {tag: [to_jsonable(v, d, ordered=ordered) for v in value]}
    if isinstance(value, dict):
        plain = all(isinstance(k, str) and not k.startswith("$") for k in value)
        if plain and not (ordered and len(value) > 1):
            return {k: to_jsonable(v, d, ordered=ordered) for k, v in value.items()}
        pairs = [
            [to_jsonable(k, d, ordered=ordered), to_jsonable(v, d, ordered=ordered)]
            for k, v in value.items()
        ]
        return {"$d": pairs}
    raise CodecError(
        f"objects of type {type(value).__name__} cannot cross the sandbox boundary "
        "(use None, bool, int, float, str, bytes, list, tuple, set or dict)"
    )


def encode(value: Any, limit: int | None = None, *, ordered: bool = False) -> bytes:
    """``value`` as UTF-8 tagged JSON; :class:`CodecError` if it cannot be or is over ``limit``.

    ``ordered``: for the guest (see :func:`to_jsonable`).
    """
    try:
        data = json.dumps(
            to_jsonable(value, ordered=ordered), ensure_ascii=False, separators=(",", ":")
        )
    except ValueError as exc:  # e.g. an int too large to print
        raise CodecError(str(exc)) from exc
    raw = data.encode("utf-8", "surrogatepass")
    if limit is not None and len(raw) > limit:
        raise CodecError(f"the value is {len(raw):,} bytes encoded, over the {limit:,}-byte limit")
    return raw


def decode(data: bytes | str, limit: int | None = None) -> Any:
    """The value ``data`` encodes; :class:`CodecError` for anything malformed or over ``limit``."""
    if limit is not None and len(data) > limit:
        raise CodecError(f"the value is {len(data):,} bytes encoded, over the {limit:,}-byte limit")
    try:
        text = data.decode("utf-8", "surrogatepass") if isinstance(data, bytes) else data
        raw = json.loads(text, parse_constant=_no_constant)
        return _from_jsonable(raw, 0)
    except CodecError:
        raise
    except (ValueError, RecursionError, TypeError) as exc:
        raise CodecError(f"malformed value: {str(exc)[:200]}") from exc


def _no_constant(name: str) -> Any:
    raise CodecError(f"malformed value: bare {name}")


def _from_jsonable(raw: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise CodecError(f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(raw, list):
        return [_from_jsonable(v, depth + 1) for v in raw]
    if not isinstance(raw, dict):
        return raw
    if len(raw) == 1:
        ((key, body),) = raw.items()
        if key in _TAGS:
            return _tagged(key, body, depth)
    if any(k.startswith("$") for k in raw):
        raise CodecError("malformed value: unknown $ tag")
    return {k: _from_jsonable(v, depth + 1) for k, v in raw.items()}


def _tagged(tag: str, body: Any, depth: int) -> Any:
    if tag == "$b":
        if not isinstance(body, str):
            raise CodecError("malformed value: $b needs base64 text")
        try:
            return base64.b64decode(body.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError) as exc:
            raise CodecError("malformed value: bad base64 in $b") from exc
    if tag == "$f":
        if body not in ("nan", "inf", "-inf"):
            raise CodecError("malformed value: $f is nan, inf or -inf")
        return float(body)
    if not isinstance(body, list):
        raise CodecError(f"malformed value: {tag} needs a list")
    items = [_from_jsonable(v, depth + 1) for v in body]
    try:
        if tag == "$t":
            return tuple(items)
        if tag == "$s":
            return set(items)
        if tag == "$fs":
            return frozenset(items)
        pairs = [p for p in items if isinstance(p, list) and len(p) == 2]
        if len(pairs) != len(items):
            raise CodecError("malformed value: $d needs [key, value] pairs")
        return {_key(k): v for k, v in pairs}
    except TypeError as exc:  # an unhashable set member or key
        raise CodecError(f"malformed value: {exc}") from exc


def _key(k: Any) -> Any:
    # Lists arrive where the guest had tuples only inside $t; a list key is malformed.
    hash(k)
    return k
