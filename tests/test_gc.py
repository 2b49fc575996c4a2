"""GC stress: allocation-heavy programs on small heaps must give exactly CPython's output.

MicroPython's collector is conservative and scans linear memory only; as shipped,
the WASI build kept pointers in wasm locals where it cannot see them, so objects
still in use were freed and reused. wasmbox builds the artifact with Binaryen's
``--spill-pointers``. These tests run each program many times, on both runtimes
(fuel on and off) and two heap sizes, and check the output byte for byte; they
also prove, on the untransformed artifact, that the programs do catch the bug.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from gc_programs import PROGRAMS, MiB, Program
from wasmbox import Limits, RunStatus, Sandbox, _artifact
from wasmbox.engine import Runtime, _Settings
from wasmbox.result import RunResult
from wasmbox.runner import RunRequest, execute

BY_NAME = {p.name: p for p in PROGRAMS}
RAW_BREAKERS = [p for p in PROGRAMS if p.breaks_raw]


@pytest.fixture(scope="module")
def sb() -> Sandbox:
    return Sandbox()


@pytest.fixture(scope="module")
def expected() -> dict[str, str]:
    """Each program's stdout under CPython: the reference the guest must match."""
    out = {}
    for program in PROGRAMS:
        proc = subprocess.run(
            [sys.executable, "-c", program.code],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert proc.returncode == 0, f"{program.name} fails under CPython: {proc.stderr}"
        out[program.name] = proc.stdout
    return out


@pytest.fixture(scope="module")
def raw_runtime() -> Iterator[Runtime]:
    """A runtime over the artifact exactly as shipped, without the GC fix."""
    artifact = _artifact.Artifact(_artifact.source_path(), "raw", "raw", "raw")
    yield Runtime(_Settings(fuel=False), artifact)


def run_raw(runtime: Runtime, code: str, memory: int) -> RunResult:
    request = RunRequest(
        code=code,
        limits=Limits(memory=memory, fuel=None),
        files={},
        mounts={},
        stdin=b"",
        env={},
        seed=None,
        clock=None,
    )
    return execute(runtime, request)


def describe(result: RunResult) -> str:
    error = result.error
    detail = f"{error.type}: {error.message}" if error else ""
    return f"status={result.status} {detail} stdout={result.stdout[:200]!r}"


def variants(program: Program) -> list[Limits]:
    """Fuel on and off (two runtimes) crossed with two heap sizes."""
    return [
        Limits(memory=program.memory),
        Limits(memory=program.memory, fuel=None),
        Limits(memory=program.memory + MiB),
        Limits(memory=program.memory + MiB, fuel=None),
    ]


def test_programs_are_allocation_heavy_and_many() -> None:
    assert len(PROGRAMS) >= 8
    assert len({p.name for p in PROGRAMS}) == len(PROGRAMS)
    assert sum(p.repeats for p in PROGRAMS) >= 250
    assert all(3 * MiB <= p.memory <= 5 * MiB for p in PROGRAMS)


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.name)
def test_program_output_is_exact_on_every_run(
    sb: Sandbox, expected: dict[str, str], program: Program
) -> None:
    want = expected[program.name]
    limits = variants(program)
    jobs = [limits[i % len(limits)] for i in range(program.repeats)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda lim: sb.run(program.code, limits=lim), jobs))
    failures = [
        (lim, describe(r))
        for lim, r in zip(jobs, results, strict=True)
        if not (r.status is RunStatus.OK and r.stdout == want and r.stderr == "")
    ]
    assert not failures, f"{len(failures)}/{len(jobs)} runs wrong; first: {failures[0]}"


def test_all_programs_concurrently(sb: Sandbox, expected: dict[str, str]) -> None:
    """Interleaved runs on four threads: each run's heap is its own."""
    jobs = [p for p in PROGRAMS for _ in range(3)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda p: sb.run(p.code, limits=Limits(memory=p.memory)), jobs))
    for program, result in zip(jobs, results, strict=True):
        assert result.ok, (program.name, describe(result))
        assert result.stdout == expected[program.name], program.name


def test_tight_heap_below_program_needs_is_memory_limit_not_corruption(sb: Sandbox) -> None:
    """With too small a heap the answer is MemoryError, never a crash or wrong output."""
    program = BY_NAME["small_strings"]  # needs a 128 KiB block for its 20,000-item list
    for _ in range(5):
        result = sb.run(program.code, limits=Limits(memory=3 * MiB))
        assert result.status is RunStatus.MEMORY_LIMIT, describe(result)
        assert result.error is not None and result.error.type == "MemoryError"


@pytest.mark.parametrize("program", RAW_BREAKERS, ids=lambda p: p.name)
def test_untransformed_artifact_fails_where_transformed_passes(
    sb: Sandbox, raw_runtime: Runtime, expected: dict[str, str], program: Program
) -> None:
    """The suite detects the bug: the shipped artifact gets these programs wrong.

    Observed (10/10 runs each): ``exec_in_try`` and ``exceptions_in_loop`` trap
    with an out-of-bounds memory access before printing anything. (Five more
    programs used to print the right answer and then trap in the bootstrap's
    success report; success now needs no report, so they finish on the raw
    artifact too and are no longer listed as breakers.)
    """
    want = expected[program.name]
    for _ in range(2):
        raw = run_raw(raw_runtime, program.code, program.memory)
        assert not (raw.status is RunStatus.OK and raw.stdout == want), (
            f"raw artifact unexpectedly passed {program.name}"
        )
        fixed = sb.run(program.code, limits=Limits(memory=program.memory, fuel=None))
        assert fixed.status is RunStatus.OK, describe(fixed)
        assert fixed.stdout == want


def test_untransformed_artifact_corrupts_before_finishing(
    raw_runtime: Runtime, expected: dict[str, str]
) -> None:
    """Not just a crash at exit: with the raw artifact the program's own work goes wrong."""
    program = BY_NAME["exec_in_try"]
    raw = run_raw(raw_runtime, program.code, program.memory)
    assert raw.stdout != expected[program.name], describe(raw)
    assert raw.status is not RunStatus.OK


def test_untransformed_artifact_is_fine_on_trivial_code(raw_runtime: Runtime) -> None:
    """Guards the negative test above: the raw runtime itself works."""
    result = run_raw(raw_runtime, "print(sum(range(10)))", 3 * MiB)
    assert result.status is RunStatus.OK
    assert result.stdout == "45\n"


RECURSION_PROBE = """
def f(n):
    return 0 if n == 0 else 1 + f(n - 1)
best = 0
for n in list(range(10, 200, 5)) + list(range(200, 3000, 50)):
    try:
        f(n)
    except RuntimeError:
        break
    best = n
print(best)
"""


def test_transform_keeps_recursion_depth_of_untransformed_artifact(
    sb: Sandbox, raw_runtime: Runtime
) -> None:
    """The GC transform makes C frames bigger; the build's bigger stack more than pays for it."""
    raw = run_raw(raw_runtime, RECURSION_PROBE, 4 * MiB)
    fixed = sb.run(RECURSION_PROBE, limits=Limits(memory=4 * MiB))
    assert raw.ok and fixed.ok
    assert int(raw.stdout) < 200  # the shipped artifact: about 100 frames
    assert int(fixed.stdout) >= 1000  # CPython's default recursion limit
