"""Hints for failures caused by MicroPython's limits, and silence for the code's own bugs."""

from __future__ import annotations

import pytest

from wasmbox import Sandbox

ENGINE_LIMITS = {
    "third-party module": ("import numpy", "numpy is a third-party package"),
    "stdlib module": ("import zoneinfo", "part of CPython's standard library"),
    "missing method": ("print(range(5).index(3))", "MicroPython's range has no index()"),
    "keyword args": ("print('a-b'.replace('-', '+', count=1))", "by position"),
    "recursion": ("def f(n):\n    return f(n + 1)\nf(0)", "about 1,000 nested calls"),
    "syntax MicroPython lacks": (
        "try:\n    pass\nexcept* ValueError:\n    pass\nfinally:\n    pass",
        "valid Python 3 that MicroPython's compiler does not accept",
    ),
}


@pytest.mark.parametrize(("code", "needle"), ENGINE_LIMITS.values(), ids=ENGINE_LIMITS.keys())
def test_engine_limits_get_a_hint(sandbox: Sandbox, code: str, needle: str | None) -> None:
    result = sandbox.run(code)
    assert result.error is not None
    if needle is not None:
        assert result.error.hint is not None and needle in result.error.hint
        assert result.error.summary.endswith(result.error.hint)
        assert result.to_dict()["error"]["hint"] == result.error.hint


@pytest.mark.parametrize(
    "code",
    [
        "'x'.no_such_method()",
        "import no_such_module_anywhere",
        "undefined_name",
        "1/0",
        "raise ValueError('bad input')",
        "import socket",
    ],
)
def test_the_codes_own_mistakes_get_no_cpython_promise(sandbox: Sandbox, code: str) -> None:
    result = sandbox.run(code)
    assert result.error is not None
    assert result.error.hint is None or "CPython engine" not in result.error.hint


def test_sockets_are_explained_as_not_granted(sandbox: Sandbox) -> None:
    result = sandbox.run("import socket")
    assert result.error is not None and result.error.hint is not None
    assert "does not grant" in result.error.hint
