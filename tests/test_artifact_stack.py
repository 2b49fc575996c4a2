"""The build's bigger C stack and its fix to ``__build_class__``: the rewrites and their effect."""

from __future__ import annotations

from typing import Any

import pytest

from wasmbox import Limits, RunStatus, Sandbox
from wasmbox._artifact.fixes import FixError, bigger_import_reads, restore_locals_after_class_body
from wasmbox._artifact.stack import EXTRA_PAGES, StackLayoutError, grow_stack
from wasmbox.limits import MIN_MEMORY

# The shape of the shipped artifact, reduced to what grow_stack reads.
LAYOUT = """(module
 (global $global$0 (mut i32) (i32.const 136576))
 (memory $0 3)
 (func $main (param $0 i32) (param $1 i32) (result i32)
  (call $384
   (i32.const 40000)
  )
 )
 (func $malloc_init (result i32)
  (drop (i32.const 1431655768))
  (i32.sub
   (i32.const 196608)
   (i32.const 136576)
  )
 )
 (func $other (result i32)
  (i32.const 196608)
 )
)
"""


def test_grow_stack_moves_stack_top_heap_and_limit_together() -> None:
    extra = EXTRA_PAGES * 65536
    out = grow_stack(LAYOUT)
    assert f"(global $global$0 (mut i32) (i32.const {136576 + extra}))" in out
    assert f"(memory $0 {3 + EXTRA_PAGES})" in out
    assert f"(i32.const {40000 + extra})" in out
    init = out[out.index("(func $malloc_init") : out.index("(func $other")]
    assert f"(i32.const {196608 + extra})" in init and f"(i32.const {136576 + extra})" in init
    # 196608 elsewhere is just a number, not the heap end.
    assert "(func $other (result i32)\n  (i32.const 196608)" in out


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (LAYOUT.replace("(i32.const 40000)", "(i32.const 40001)"), "stack limit"),
        (LAYOUT.replace("(drop (i32.const 1431655768))", ""), "dlmalloc"),
        (
            LAYOUT.replace(
                "(func $other (result i32)\n  (i32.const 196608)",
                "(func $other (result i32)\n  (i32.const 136576)",
            ),
            "heap base",
        ),
        (LAYOUT.replace("(memory $0 3)", "(memory $0 3 3)"), "memory"),
        (LAYOUT.replace("(memory $0 3)", "(memory $0 2)"), "layout"),
    ],
    ids=["limit", "not-dlmalloc", "two-heap-users", "max-memory", "stack-above-memory"],
)
def test_grow_stack_refuses_an_unknown_layout(broken: str, message: str) -> None:
    with pytest.raises(StackLayoutError, match=message):
        grow_stack(broken)


BUILD_CLASS = """ (func $862 (param $0 i32) (param $1 i32) (result i32)
  (local.set $3
   (i32.load offset=12
    (i32.const 66772)
   )
  )
  (i32.store offset=12
   (i32.const 66772)
   (local.tee $4
    (call $488
     (i32.const 0)
    )
   )
  )
  (local.set $5
   (call $346
    (i32.load
     (local.get $1)
    )
   )
  )
  (i32.store offset=12
   (i32.const 66772)
   (local.get $3)
  )
 )
"""


def test_class_body_call_gets_a_handler_that_restores_locals() -> None:
    out = restore_locals_after_class_body(BUILD_CLASS)
    assert "(try $wasmbox_class_body (result i32)" in out
    handler = out[out.index("(catch_all") :]
    assert handler.index("(i32.store offset=12 (i32.const 66772) (local.get $3))") < handler.index(
        "(rethrow $wasmbox_class_body)"
    )
    assert out.count("(call $346") == 1


def test_class_body_fix_refuses_unknown_code() -> None:
    with pytest.raises(FixError):
        restore_locals_after_class_body(
            BUILD_CLASS.replace(
                "offset=12\n    (i32.const 66772)\n   )\n  )\n  (i32.store",
                "offset=16\n    (i32.const 66772)\n   )\n  )\n  (i32.store",
                1,
            )
        )
    with pytest.raises(FixError):
        restore_locals_after_class_body(BUILD_CLASS + BUILD_CLASS)


# What the fix is for: after a class body raises, module-level names still go
# to the module (they went to the dead class's namespace before).
CLASS_BODY_RAISES = """
try:
    class A:
        raise ValueError('in body')
except ValueError as e:
    print('caught', e)
x = 1
def f():
    return x
print(f(), 'A' in globals(), 'x' in globals())
"""

RECURSION_IN_CLASS_BODY = """
def make(n):
    class C:
        value = make(n + 1)
    return C
try:
    make(0)
except RuntimeError:
    print('deep')
y = 2
def g():
    return y
print(g())
"""


@pytest.mark.parametrize(
    ("code", "expected"),
    [(CLASS_BODY_RAISES, "caught in body\n1 False True\n"), (RECURSION_IN_CLASS_BODY, "deep\n2\n")],
    ids=["raise", "recursion-limit"],
)
def test_names_after_a_failed_class_body_are_module_globals(
    sandbox: Sandbox, code: str, expected: str
) -> None:
    result = sandbox.run(code)
    assert result.status is RunStatus.OK, result.error
    assert result.stdout == expected


def test_recursion_as_deep_as_cpython_allows(sandbox: Sandbox) -> None:
    code = (
        "def depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\n"
        "print(depth(990))\n"
        "memo = {}\n"
        "def fib(n):\n"
        "    if n < 2:\n        return n\n"
        "    if n not in memo:\n        memo[n] = fib(n - 1) + fib(n - 2)\n"
        "    return memo[n]\n"
        "print(fib(900) % 1000007)\n"
    )
    result = sandbox.run(code)
    assert result.status is RunStatus.OK, result.error
    assert result.stdout.split() == ["990", str(_fib(900) % 1000007)]


def _fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def test_the_smallest_memory_limit_still_fits_the_bigger_stack(sandbox: Sandbox) -> None:
    code = "def d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nx = [0] * 20000\nprint(d(900), len(x))"
    result = sandbox.run(code, limits=Limits(memory=MIN_MEMORY))
    assert result.status is RunStatus.OK, result.error
    assert result.stdout == "900 20000\n"


READER = """ (func $1229 (param $0 i32) (param $1 i32)
  (local.set $4
   (select
    (i32.const 25)
    (select
     (call_indirect $0 (type $4)
      (local.get $1)
      (i32.const 11)
      (i32.const 0)
     )
     (i32.const 255)
     (i32.const 1)
    )
    (i32.const 0)
   )
  )
 )
 (func $9 (result i32)
  (i32.const 25)
 )
"""


def test_reader_default_buffer_becomes_the_largest_it_supports() -> None:
    out = bigger_import_reads(READER)
    reader, other = out.split(" (func $9")
    assert "(i32.const 25)" not in reader and reader.count("(i32.const 255)") == 2
    assert "(i32.const 25)" in other  # other functions keep their numbers
    with pytest.raises(FixError):
        bigger_import_reads(READER.replace("(i32.const 11)", "(i32.const 12)"))


def test_imports_read_255_bytes_at_a_time(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wasmbox.wasi.fs import FileSystem

    sizes: list[int] = []
    original = FileSystem.read

    def read(self: FileSystem, handle: Any, length: int) -> bytes:
        sizes.append(length)
        return original(self, handle, length)

    monkeypatch.setattr(FileSystem, "read", read)
    result = sandbox.run("import helper\nprint(helper.X)", files={"helper.py": b"X = 1\n" * 2000})
    assert result.stdout == "1\n"
    assert len(sizes) > 40 and set(sizes) == {255}
