"""Browser sandbox benchmarks, in Debian's headless Chromium, next to the server engine.

Prints, measured in one run on this machine (compare ratios, not absolute
figures): how long a fresh worker takes to be ready (booted from nothing, and
taken from the spare), the round trip of a cell page -> worker -> page, and
how long a sandbox takes to run again after a timeout, for ``print(1)`` and a
300k-iteration loop; then the server engine (the Python library, in this
process) on the same programs. Targets: a fresh sandbox ready in 30 ms median
or less, a cell round trip at or under 0.5 ms median, a replacement after a
timeout at or under 150 ms. Usage:

    python bench/bench_browser.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from browser import _BLANK, CHROMIUM, CHROMIUM_ARGS
from services import serve_asgi
from wasmbox import Limits, Sandbox
from wasmbox.web import web_routes

LOOP = "t = 0\nfor i in range(300000):\n    t += i\nt"

MEASURE = """async ([n, loop]) => {
  const { createSandbox } = await import('/web/wasmbox.js');
  const now = () => performance.now();
  const out = { fresh: [], spare: [], cell: [], cellLoop: [], freshRun: [], replace: [], first: 0 };
  let t = now();
  const sandbox = await createSandbox({ timeoutMs: 10000 });
  out.first = now() - t;                                   // first load: compile + boot
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  // A fresh worker booted from nothing, the module already compiled.
  out.phases = [];
  for (let i = 0; i < n; i++) {
    const s = await createSandbox({ timeoutMs: 10000 });
    const slot = s._spare;
    out.fresh.push(slot.bootMs);
    const p = slot.phases;
    out.phases.push([p.evaluatedAt - slot.createdAt, p.load, p.files, p.runner, p.lockdown]);
    s.close();
  }
  // Taking a ready worker (the spare) for a new session.
  for (let i = 0; i < n; i++) {
    await wait(150);                                       // let the next spare boot
    t = now();
    const slot = await sandbox._take();
    out.spare.push(now() - t);
    slot.kill();
  }
  // The cell round trip: page -> worker -> page, in a session.
  const session = sandbox.session();
  await session.run('pass');
  for (let i = 0; i < n * 5; i++) {
    t = now();
    await session.run('print(1)');
    out.cell.push(now() - t);
  }
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    t = now();
    const r = await session.run(loop);
    out.cellLoop.push(now() - t);
    if (r.value !== 44999850000) throw new Error('wrong loop result');
  }
  // A fresh run (its own interpreter) when the spare is ready.
  for (let i = 0; i < n; i++) {
    await wait(150);
    t = now();
    await sandbox.run('print(1)');
    out.freshRun.push(now() - t);
  }
  // After a timeout, how soon the next cell has run.
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    await wait(150);
    const r = await session.run('while True: pass', { timeoutMs: 50 });
    if (r.status !== 'timeout') throw new Error('expected a timeout');
    t = now();
    await session.run('print(1)');
    out.replace.push(now() - t);
  }
  sandbox.close();
  return out;
}"""


def row(name: str, samples: list[float], target: str = "") -> str:
    s = sorted(samples)
    p90 = s[min(len(s) - 1, int(len(s) * 0.9))]
    med = statistics.median(s)
    return f"{name:<44} {med:9.3f} {p90:9.3f} {len(s):6d}   {target}"


def server_figures(n: int) -> dict[str, list[float]]:
    sandbox = Sandbox()
    limits = Limits(wall_time=10)
    out: dict[str, list[float]] = {"fresh": [], "cell": [], "cellLoop": []}
    for _ in range(3):
        sandbox.run("print(1)", limits=limits)
    for _ in range(n):
        t = time.perf_counter()
        sandbox.run("print(1)", limits=limits)
        out["fresh"].append((time.perf_counter() - t) * 1000)
    with sandbox.session(limits=limits) as session:
        session.run("pass")
        for _ in range(n * 5):
            t = time.perf_counter()
            session.run("print(1)")
            out["cell"].append((time.perf_counter() - t) * 1000)
        for _ in range(max(1, n // 2)):
            t = time.perf_counter()
            session.run(LOOP)
            out["cellLoop"].append((time.perf_counter() - t) * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples")
    n = 10 if parser.parse_args().quick else 40
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    async def blank(_: Request) -> Response:
        return HTMLResponse(_BLANK)

    app = Starlette(routes=[Route("/t", blank), *web_routes()])
    with serve_asgi(app) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{url}/t")
        b: dict[str, Any] = page.evaluate(MEASURE, [n, LOOP])
        browser.close()
    s = server_figures(n)
    print(f"{'milliseconds':<44} {'median':>9} {'p90':>9} {'n':>6}   target")
    print(f"browser: first sandbox on a page (compile + boot): {b['first']:.1f} ms")
    print(row("browser: fresh worker ready (booted)", b["fresh"], "<= 30 median"))
    parts = ("script running", "module + MicroPython", "/lib", "runner", "lockdown")
    medians = [statistics.median(p[i] for p in b["phases"]) for i in range(len(parts))]
    print(
        "  of which: "
        + ", ".join(f"{name} {m:.1f}" for name, m in zip(parts, medians, strict=True))
    )
    print(row("browser: worker ready from the spare", b["spare"]))
    print(row("browser: cell round trip, print(1)", b["cell"], "<= 0.5 median"))
    print(row("browser: cell round trip, 300k loop", b["cellLoop"]))
    print(row("browser: fresh run, print(1) (spare ready)", b["freshRun"]))
    print(row("browser: next cell after a timeout", b["replace"], "<= 150"))
    print(row("server engine: fresh run, print(1)", s["fresh"]))
    print(row("server engine: session call, print(1)", s["cell"]))
    print(row("server engine: session call, 300k loop", s["cellLoop"]))
    ratio = statistics.median(b["cellLoop"]) / statistics.median(s["cellLoop"])
    print(f"300k loop, browser / server engine: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
