"""Round-trip latency of run_python through `wasmbox mcp` over stdio, with the SDK's own client.

Baseline in the same run: the same code run in-process with Sandbox().run().

    python bench/bench_mcp.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import anyio
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from wasmbox import Sandbox

CODE = "x = 6\nx * 7"


async def through_mcp(n: int) -> list[float]:
    env = {k: v for k, v in os.environ.items() if k.startswith(("WASMBOX", "PATH", "HOME", "XDG"))}
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "wasmbox.cli", "mcp"], env=env
    )
    samples = []
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        for _ in range(20):
            await session.call_tool("run_python", {"code": CODE})
        for _ in range(n):
            start = time.perf_counter()
            result = await session.call_tool("run_python", {"code": CODE})
            samples.append((time.perf_counter() - start) * 1000)
            assert "value: 42" in str(result.content)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    n = 100 if parser.parse_args().quick else 500
    sandbox = Sandbox()
    local = []
    for _ in range(n):
        start = time.perf_counter()
        sandbox.run(CODE)
        local.append((time.perf_counter() - start) * 1000)
    remote = anyio.run(through_mcp, n)
    print("run_python round trip (median, ms):")
    print(f"  through wasmbox mcp over stdio   {statistics.median(remote):7.3f}")
    print(f"  Sandbox().run() in-process       {statistics.median(local):7.3f}   (baseline)")


if __name__ == "__main__":
    main()
