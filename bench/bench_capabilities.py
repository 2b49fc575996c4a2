"""Capabilities benchmarks: session calls and host-function round trips.

Targets (issue 4): a session call ``run('x += 1')`` under 0.3 ms median, a
host-function round trip under 50 us median. Baselines are measured in the
same run: a fresh one-shot run of the same code, and a guest loop without the
call. Usage:

    python bench/bench_capabilities.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics

from bench_compat import median_ms  # bench/ is on the path when run as a script

from wasmbox import Limits, Sandbox, inline

ROUND_TRIPS = """
import time
t0 = time.ticks_us()
for i in range(N):
    {call}
dt = time.ticks_diff(time.ticks_us(), t0)
dt
"""


def round_trip_us(sandbox: Sandbox, call: str, n: int) -> float:
    """Guest-measured microseconds per loop iteration making ``call``."""
    times = []
    for _ in range(7):
        result = sandbox.run(
            ROUND_TRIPS.format(call=call),
            inputs={"N": n},
            limits=Limits(wall_time=60, max_calls=n + 10),
        )
        assert result.ok, result.error
        times.append(result.value / n)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n = 300 if args.quick else 2000

    sandbox = Sandbox(
        functions={
            "inc": lambda x: x + 1,
            "noop": lambda: None,
            "inc_inline": inline(lambda x: x + 1),
        }
    )
    print("Session calls (median, ms):")
    with sandbox.session() as session:
        session.run("x = 0")
        call = median_ms(lambda: session.run("x += 1"), n)
        value = median_ms(lambda: session.run("x"), n)
        assert session.run("x").value > n
    fresh = median_ms(lambda: sandbox.run("x = 0\nx += 1"), n)
    print(f"  session run('x += 1')      {call:7.3f}   target < 0.3")
    print(f"  session run('x') -> value  {value:7.3f}")
    print(f"  fresh run of the same      {fresh:7.3f}   (baseline: a new instance per run)")

    print("\nHost-function round trip (guest-measured, median of 7 runs, us per call):")
    loops = 500 if args.quick else 3000
    empty = round_trip_us(sandbox, "pass", loops)
    noop = round_trip_us(sandbox, "noop()", loops)
    inc = round_trip_us(sandbox, "inc(i)", loops)
    print(f"  loop body `pass`           {empty:7.2f}   (baseline)")
    print(f"  noop()                     {noop - empty:7.2f}   target < 50")
    inc_inline = round_trip_us(sandbox, "inc_inline(i)", loops)
    print(f"  inc(i) -> int              {inc - empty:7.2f}   target < 50 (worker thread)")
    print(f"  inline(inc)(i) -> int      {inc_inline - empty:7.2f}   (on the guest's thread)")
    print("  (a worker's wake-up costs ~5 us when cores are busy, ~65 us when they idle)")


if __name__ == "__main__":
    main()
