"""Runs go first to the build that never collects, and again on the spilled one if they would.

Whatever happens the caller sees one run, the same one the spilled build alone
gives: the first attempt's output, files and value are thrown away when it
needs a collection, and its time counts against the run's wall time.
"""

from __future__ import annotations

import pytest

from gc_programs import PROGRAMS
from wasmbox import Limits, RunStatus, Sandbox, runner
from wasmbox.runner import speculation

#: Fills a 3 MiB heap with garbage several times over: it cannot finish without collecting.
CHURN = "t = 0\nfor i in range(60000):\n    t += len(str(i) * 20)\nprint(t)"


def now() -> tuple[int, int, int]:
    return speculation.finished, speculation.collected, speculation.trapped


def delta(before: tuple[int, int, int]) -> tuple[int, int, int]:
    after = now()
    return after[0] - before[0], after[1] - before[1], after[2] - before[2]


def test_a_short_program_finishes_on_the_speculative_build(sandbox: Sandbox) -> None:
    before = now()
    result = sandbox.run("print(sum(range(100)))")
    assert result.ok and result.stdout == "4950\n"
    assert delta(before) == (1, 0, 0)


def test_a_program_that_collects_runs_again_and_is_seen_once(sandbox: Sandbox) -> None:
    code = (
        "import os\nline = input()\nprint('start', line)\n"
        "open('log.txt', 'a').write(line + '\\n')\n" + CHURN + "\n"
        "open('log.txt', 'a').write('end')\nprint(sorted(os.listdir('.')))"
    )
    before = now()
    result = sandbox.run(
        code, stdin="hi\n", files={"seed.txt": b"s"}, limits=Limits(memory=3 << 20)
    )
    assert delta(before) == (0, 1, 0)
    assert result.ok, result
    assert result.stdout == "start hi\n5777800\n['log.txt', 'seed.txt']\n"
    assert result.files == {"log.txt": b"hi\nend", "seed.txt": b"s"}


@pytest.mark.parametrize("fuel", [None, 10**11], ids=["fuel off", "fuel on"])
def test_gc_collect_from_the_guest_runs_on_the_spilled_build(
    sandbox: Sandbox, fuel: int | None
) -> None:
    before = now()
    result = sandbox.run(
        "import gc\nx = [str(i) for i in range(100)]\ngc.collect()\nprint(len(x), gc.isenabled())",
        limits=Limits(fuel=fuel),
    )
    assert result.ok and result.stdout == "100 True\n"
    assert delta(before) == (0, 1, 0)


@pytest.mark.parametrize("collects", [False, True])
def test_a_sleep_is_slept_once_even_when_the_program_collects_afterwards(
    sandbox: Sandbox, host_sleeps: list[float], collects: bool
) -> None:
    # A sleep on the speculative build was slept again on the spilled one when the
    # program then wanted a collection: 0.3 s of sleep ran 0.6 s, and a 0.5 s wall
    # time ended it as a timeout. A program that sleeps now goes to the spilled build
    # before it sleeps. Sleeps counted, not timed (a busy machine adds its own time).
    code = "import time\ntime.sleep(0.3)\n" + ("import gc\ngc.collect()\n" if collects else "")
    slept = speculation.slept
    result = sandbox.run(code + "print('woke')", limits=Limits(wall_time=5))
    assert result.status is RunStatus.OK and result.stdout == "woke\n", result
    assert host_sleeps == [pytest.approx(0.3)]
    assert speculation.slept == slept + 1


def test_a_program_that_wanted_a_collection_goes_again_without_a_fuel_slice(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A program that wanted a collection reruns on the spilled build without a slice.

    A memory bomb's rerun on the spilled build needs more fuel than a slice holds, so
    a slice there was only thrown away (3 of a 4 MiB bomb's 8 ms).
    """
    attempts: list[tuple[bool, bool, object]] = []
    real = runner._attempt

    def watched(runtime, request, parked, started, slice_fuel, *args, **kwargs):  # type: ignore[no-untyped-def]
        outcome = real(runtime, request, parked, started, slice_fuel, *args, **kwargs)
        attempts.append(
            (
                runtime.settings.speculative,
                slice_fuel is not None,
                getattr(outcome, "status", outcome),
            )
        )
        return outcome

    bomb, limits = "x = []\nwhile True: x.append(bytearray(1 << 20))", Limits(memory=4 << 20)
    for warm_up in (bomb, "print(1)"):  # both builds' snapshots of both heaps, made and probed
        sandbox.run(warm_up, limits=limits if warm_up == bomb else None)
    monkeypatch.setattr(runner, "_attempt", watched)
    result = sandbox.run(bomb, limits=limits)
    assert result.status is RunStatus.MEMORY_LIMIT
    assert attempts == [
        (True, True, runner._Again.COLLECT),
        (False, False, RunStatus.MEMORY_LIMIT),
    ]
    # A short program still gets its slice, on the speculative build.
    attempts.clear()
    assert sandbox.run("print(1)").ok
    assert attempts == [(True, True, RunStatus.OK)]


def test_one_full_collection_of_the_default_heap_outlasts_a_fuel_slice(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why no rerun after a wanted collection gets a slice, even one asked for at once."""
    code = "import gc\ngc.collect()\nprint(1)"
    assert sandbox.run(code).ok  # both builds' snapshots of this heap, made and probed
    monkeypatch.setattr(speculation, "enabled", False)  # the spilled build, sliced
    attempts: list[object] = []
    real = runner._attempt

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        outcome = real(*args, **kwargs)
        attempts.append(getattr(outcome, "status", outcome))
        return outcome

    monkeypatch.setattr(runner, "_attempt", watched)
    assert sandbox.run(code).ok
    assert attempts == [runner._Again.SLICE, RunStatus.OK]


def test_a_disabled_collector_runs_out_of_memory_the_same_on_both_builds(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``gc.disable()`` a full heap is a MemoryError on either build, never a collection."""
    code = "import gc\ngc.disable()\nx = []\nwhile True: x.append(bytearray(1000))"
    before = now()
    speculative = sandbox.run(code, limits=Limits(memory=3 << 20))
    assert delta(before) == (1, 0, 0)
    monkeypatch.setattr(speculation, "enabled", False)
    spilled = sandbox.run(code, limits=Limits(memory=3 << 20))
    assert speculative.status is spilled.status is RunStatus.MEMORY_LIMIT
    assert speculative.error is not None and spilled.error is not None
    assert speculative.error.type == spilled.error.type == "MemoryError"
    assert speculative.stdout == spilled.stdout


def test_every_gc_program_gives_the_same_output_on_either_path(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The GC stress corpus, with speculation and without: byte-identical.

    Most of its programs need a collection on their small heaps (7 of 11 when written),
    so this also runs the fallback on exactly the programs that broke the shipped build.
    """
    before = now()
    first = [sandbox.run(p.code, limits=Limits(memory=p.memory)) for p in PROGRAMS]
    finished, collected, trapped = delta(before)
    assert finished + collected == len(PROGRAMS) and trapped == 0
    assert collected >= len(PROGRAMS) // 2
    monkeypatch.setattr(speculation, "enabled", False)
    second = [sandbox.run(p.code, limits=Limits(memory=p.memory)) for p in PROGRAMS]
    for program, a, b in zip(PROGRAMS, first, second, strict=True):
        assert a.ok and b.ok, program.name
        assert (a.stdout, a.stderr, a.files) == (b.stdout, b.stderr, b.files), program.name


def test_the_same_heap_gives_the_same_addresses(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both builds boot the same heap: objects get the same ids, so id-ordered output matches."""
    code = "a = [object() for _ in range(5)]\nprint([id(x) for x in a], id(a))"
    before = now()
    speculative = sandbox.run(code)
    assert delta(before) == (1, 0, 0)
    monkeypatch.setattr(speculation, "enabled", False)
    assert sandbox.run(code).stdout == speculative.stdout


def test_the_wall_time_covers_both_attempts(sandbox: Sandbox) -> None:
    """The first attempt's time is not given back: the budget is the caller's hard limit."""
    before = now()
    # 0.3 s of work (on the clock, not asleep: a sleep goes to the spilled build at once)
    # on either attempt fits the 0.5 s; both together do not. With the budget given back
    # the rerun would print 'late' and end ok (not timed: a busy machine adds its own).
    busy = "t = time.ticks_ms()\nwhile time.ticks_diff(time.ticks_ms(), t) < 300:\n    pass\n"
    result = sandbox.run(
        "import time, gc\n" + busy + "gc.collect()\nprint('late')", limits=Limits(wall_time=0.5)
    )
    assert result.status is RunStatus.TIMEOUT, result
    assert delta(before) == (0, 1, 0)
    assert result.stdout == ""


def test_runs_that_could_see_a_second_attempt_go_straight_to_the_spilled_build(
    sandbox: Sandbox,
) -> None:
    before = now()
    calls: list[object] = []
    result = sandbox.run(
        "print(note('x'))", functions={"note": lambda payload: calls.append(payload) or "ok"}
    )
    assert result.ok and calls == ["x"]  # called once
    assert sandbox.run("import os\nprint(os.getenv('A'))", env={"A": "1"}).stdout == "1\n"
    with sandbox.session() as session:
        assert session.run("x = 1").ok and session.run("print(x)").stdout == "1\n"
    assert delta(before) == (0, 0, 0)


def test_a_pooled_instance_is_used_as_it_is() -> None:
    with Sandbox(pool_size=1) as pooled:
        before = now()
        assert pooled.run("print(2)").stdout == "2\n"
        assert delta(before) == (0, 0, 0)


def test_switched_off_every_run_uses_the_spilled_build(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(speculation, "enabled", False)
    before = now()
    assert sandbox.run("print(3)").stdout == "3\n"
    assert delta(before) == (0, 0, 0)


def test_a_native_stack_overflow_runs_again_on_the_spilled_build(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Recursion in C: the small frames overflow wasmtime's stack before MicroPython's limit.

    The spilled build's bigger frames reach MicroPython's own limit first, a
    catchable RuntimeError: that is the answer, not the speculative build's crash.
    """
    code = (
        "x = []\nfor i in range(20000):\n    x = [x]\n"
        "try:\n    repr(x)\nexcept RuntimeError as e:\n    print('caught', e)"
    )
    before = now()
    speculative = sandbox.run(code)
    assert delta(before) == (0, 0, 1)
    assert speculative.ok, speculative
    assert speculative.stdout == "caught maximum recursion depth exceeded\n"
    monkeypatch.setattr(speculation, "enabled", False)
    assert sandbox.run(code).stdout == speculative.stdout


def test_recursion_goes_at_least_as_deep_on_the_speculative_build(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python-level recursion: its C frames have no spill slots, so more of them fit."""
    code = (
        "def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\nbest = 0\n"
        "for n in range(100, 5000, 50):\n    try:\n        f(n)\n    except RuntimeError:\n"
        "        break\n    best = n\nprint(best)"
    )
    speculative = int(sandbox.run(code).stdout)
    monkeypatch.setattr(speculation, "enabled", False)
    spilled = int(sandbox.run(code).stdout)
    assert spilled >= 1000 and speculative >= spilled
