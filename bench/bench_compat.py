"""What the compatibility layer costs: the transformer on the host, the runtime at boot,
and the overlay modules on import. Ratios against runs without it, in one run.

    python bench/bench_compat.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from wasmbox import Sandbox
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
    base = median_ms(lambda: on.run("pass"), 200)
    for module in OVERLAY_IMPORTS:
        result = on.run(f"import {module}")
        cost = median_ms(lambda m=module: on.run(f"import {m}"), 200) - base
        state = "ok" if result.ok else f"fails: {result.error.summary[:50] if result.error else ''}"
        print(f"  import {module:14s} {cost:8.3f} ms   {state}")


if __name__ == "__main__":
    main()
