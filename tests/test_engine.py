"""The engine layer: wasmtime configured once per process, with the pooling allocator."""

from __future__ import annotations

import subprocess
import sys

import pytest

from wasmbox import Limits, Sandbox
from wasmbox.engine import POOL_SLOTS, _Settings, get_runtime


def test_runs_reuse_pool_slots_without_running_out() -> None:
    # Each run takes a slot and gives it back: far more runs than slots fit.
    sandbox = Sandbox(Limits(memory=8 << 20))
    for n in range(POOL_SLOTS + 200):
        result = sandbox.run(f"print({n})")
        assert result.ok, result
    assert result.stdout == f"{POOL_SLOTS + 199}\n"
    assert get_runtime(fuel=True).settings == _Settings(fuel=True)


@pytest.mark.skipif(sys.platform != "linux", reason="address-space limits as on Linux")
def test_under_an_address_space_limit_the_default_allocator_runs() -> None:
    # The pool reserves ~4 TB of address space; asking for it under `ulimit -v`
    # would abort the process inside wasmtime. A limit the default allocator
    # can live with (an instance reserves ~4 GiB) still runs code.
    script = (
        "import resource\n"
        "resource.setrlimit(resource.RLIMIT_AS, (64 << 30, resource.RLIM_INFINITY))\n"
        "from wasmbox import Sandbox\n"
        "print(Sandbox().run('print(6 * 7)').stdout, end='')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout == "42\n"
