"""Shared fixtures: one Sandbox per test session (compiling the module is the slow part)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from wasmbox import Limits, Sandbox
from wasmbox.wasi import preview1

# Real PostgreSQL and Redis servers (services), headless Chromium and the browser assets (browser).
pytest_plugins = ["services", "browser"]


@pytest.fixture(scope="session")
def sandbox() -> Sandbox:
    return Sandbox()


@pytest.fixture(scope="session")
def fast_limits() -> Limits:
    """Tight budgets so hostile cases end quickly."""
    return Limits(wall_time=1.0, memory=8 << 20, max_output=64 << 10)


#: The engines a suite parametrised with the ``engine`` fixture runs on.
ENGINES = ("micropython", "cpython")


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each engine in turn (module scope: one engine's tests run together)."""
    return str(request.param)


def limits_for(engine: str, **fields: object) -> Limits:
    """``Limits(**fields)`` with the engine's default memory where none is given."""
    if engine == "cpython":
        from wasmbox.cpython import DEFAULT_MEMORY

        fields.setdefault("memory", DEFAULT_MEMORY)
    return Limits(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def shipped_wat(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The text of the MicroPython artifact as shipped (``wasm-dis``), for the build's fixes."""
    from wasmbox._artifact import source_path

    bin_dir = os.environ.get("WASMBOX_BINARYEN_BIN", "")
    wasm_dis = Path(bin_dir) / "wasm-dis" if bin_dir else None
    if wasm_dis is None or not wasm_dis.exists():
        pytest.skip("needs Binaryen (make test sets it up)")
    out = tmp_path_factory.mktemp("wat") / "orig.wat"
    subprocess.run([str(wasm_dis), str(source_path()), "-o", str(out)], check=True)
    return out.read_text()


@pytest.fixture
def host_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The seconds of every sleep the WASI layer asks the host for, in order (still slept).

    Counting sleeps tells "slept once" from "slept twice" however busy the machine is;
    timing the run cannot (a loaded CI machine added 0.3 s to a 0.3 s sleep).
    """
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        time.sleep(seconds)

    monkeypatch.setattr(preview1, "time", SimpleNamespace(monotonic=time.monotonic, sleep=sleep))
    return slept
