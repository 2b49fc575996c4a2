"""Instances booted ahead of time: each serves exactly one run."""

from __future__ import annotations

import threading

from wasmbox import Limits, RunStatus, Sandbox
from wasmbox.engine import get_runtime
from wasmbox.pool import InstancePool
from wasmbox.runner import boot


def test_pool_fills_and_hands_out_distinct_instances() -> None:
    runtime = get_runtime(fuel=True)
    ready = threading.Event()
    made: list[object] = []

    def make():  # type: ignore[no-untyped-def]
        parked = boot(runtime, Limits())
        made.append(parked)
        if len(made) >= 3:
            ready.set()
        return parked

    pool = InstancePool(make, size=3)
    assert ready.wait(10)
    taken = [pool.take() for _ in range(3)]
    assert all(t is not None for t in taken) and len({id(t) for t in taken}) == 3
    pool.refill()
    pool.close()


def test_empty_pool_returns_none() -> None:
    pool = InstancePool(lambda: (_ for _ in ()).throw(RuntimeError("boot fails")), size=2)
    assert pool.take() is None
    pool.close()
    assert pool.failures >= 1


def test_pooled_sandbox_isolates_runs() -> None:
    with Sandbox(pool_size=2) as sandbox:
        sandbox.run("import sys\nsys.mark = 1\nopen('left', 'w').write('x')")
        for _ in range(20):
            result = sandbox.run("import sys, os\nprint(hasattr(sys, 'mark'), os.listdir('.'))")
            assert result.stdout == "False []\n"


def test_pooled_sandbox_serves_other_limits_and_env() -> None:
    with Sandbox(pool_size=2) as sandbox:
        assert sandbox.run("import os\nprint(os.getenv('A'))", env={"A": "1"}).stdout == "1\n"
        small = sandbox.run("b = bytearray(8 << 20)", limits=Limits(memory=4 << 20))
        assert small.status is RunStatus.MEMORY_LIMIT
        assert sandbox.run("print(2)").stdout == "2\n"
