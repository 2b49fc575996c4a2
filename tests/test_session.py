"""Sessions: state across calls, per-call budgets, how they end, and hostile cells."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from test_scheduling import on_a_thread
from wasmbox import (
    ConfigError,
    Limits,
    RunStatus,
    Sandbox,
    SessionClosedError,
    TooManySessionsError,
    runner,
    scheduling,
)


@pytest.fixture(scope="module")
def sb() -> Sandbox:
    return Sandbox(functions={"double": lambda x: 2 * x})


def test_globals_imports_functions_and_files_persist(sb: Sandbox) -> None:
    with sb.session(files={"seed.txt": "7"}) as s:
        assert s.run("import json\nn = int(open('seed.txt').read())\nn").value == 7
        assert s.run("def f(k):\n    return n * k\nf(3)").value == 21
        assert s.run("open('out.txt', 'w').write(json.dumps({'n': n}))").status is RunStatus.OK
        result = s.run("json.loads(open('out.txt').read())['n'] + double(1)")
        assert result.value == 9 and [c.name for c in result.calls] == ["double"]
        assert sorted(result.files) == ["out.txt", "seed.txt"]
        assert s.calls == 4 and s.alive


def test_inputs_functions_and_stdin_per_call(sb: Sandbox) -> None:
    with sb.session() as s:
        assert s.run("total = a + b\ntotal", inputs={"a": 1, "b": 2}).value == 3
        assert s.run("extra(total)", functions={"extra": lambda v: -v}).value == -3
        assert s.run("extra(1)").error.type == "NameError"  # type: ignore[union-attr]
        assert s.run("input() + '!'", stdin="hi\n").value == "hi!"


def test_an_exception_does_not_end_the_session(sb: Sandbox) -> None:
    with sb.session() as s:
        s.run("x = 1")
        result = s.run("x = 2\nraise ValueError('boom')")
        assert result.status is RunStatus.ERROR and result.error and result.error.line == 2
        assert s.alive and s.run("x").value == 2


def test_each_call_has_its_own_budgets(sb: Sandbox) -> None:
    limits = Limits(fuel=100_000_000, max_output=1000, wall_time=2)
    with sb.session(limits=limits) as s:
        used = s.run("t = 0\nfor i in range(20000):\n    t = (t + i) % 1000\nt").fuel_used
        assert used is not None and used > 40_000_000  # so three calls would exceed one budget
        for _ in range(3):
            result = s.run(
                "t = 0\nfor i in range(20000):\n    t = (t + i) % 1000\nprint('x' * 600)\nt"
            )
            assert result.status is RunStatus.OK and result.value == 0
        assert s.run("print('y' * 600)").stdout == "y" * 600 + "\n"


@pytest.mark.parametrize(
    ("code", "limits", "status", "ended"),
    [
        ("while True:\n    pass", Limits(wall_time=0.3), RunStatus.TIMEOUT, "timeout"),
        ("import time\ntime.sleep(10)", Limits(wall_time=0.3), RunStatus.TIMEOUT, "timeout"),
        ("while True:\n    pass", Limits(fuel=10_000_000), RunStatus.CPU_LIMIT, "cpu_limit"),
        (
            "while True:\n    print('x' * 1000)",
            Limits(max_output=10_000),
            RunStatus.OUTPUT_LIMIT,
            "output_limit",
        ),
        (
            "import _wasmbox\n_wasmbox.builtin('re').compile('(' * 65536)",
            None,
            RunStatus.CRASHED,
            "crashed",
        ),
        ("import sys\nsys.exit(0)", None, RunStatus.OK, "sys.exit()"),
        ("import sys\nsys.exit(4)", None, RunStatus.ERROR, "sys.exit()"),
    ],
    ids=["busy", "sleep", "fuel", "output", "trap", "exit0", "exit4"],
)
def test_what_ends_a_session(
    sb: Sandbox, code: str, limits: Limits | None, status: RunStatus, ended: str
) -> None:
    s = sb.session(limits=Limits(memory=8 << 20))
    s.run("state = 'kept'")
    started = time.monotonic()
    result = s.run(code, limits=limits)
    assert time.monotonic() - started < 5
    assert result.status is status, result.error
    assert not s.alive and s.ended == ended
    with pytest.raises(SessionClosedError, match="reset"):
        s.run("state")
    s.reset()
    assert s.alive and s.run("'state' in globals()").value is False
    assert s.run("1 + 1").value == 2
    s.close()


def test_memory_error_leaves_the_session_usable(sb: Sandbox) -> None:
    with sb.session(limits=Limits(memory=8 << 20)) as s:
        code = "def grow():\n    x = []\n    while True:\n        x.append('a' * 1000)\ngrow()"
        result = s.run(code)
        assert result.status is RunStatus.MEMORY_LIMIT and s.alive
        assert result.error is not None and result.error.line == 4
        assert s.run("len([0] * 100000)").value == 100000  # the frame's list was freed


def test_sessions_are_isolated(sb: Sandbox) -> None:
    with sb.session() as a, sb.session() as b:
        a.run("secret = 'a'\nopen('a.txt', 'w').write('a')")
        result = b.run("'secret' in globals(), __import__('os').listdir('.')")
        assert result.value == (False, [])


def test_idle_sessions_are_closed() -> None:
    s = Sandbox().session(idle_timeout=0.3)
    s.run("x = 1")
    deadline = time.monotonic() + 5
    while s.alive and time.monotonic() < deadline:
        time.sleep(0.05)
    assert s.ended == "idle"
    with pytest.raises(SessionClosedError, match="idle"):
        s.run("x")


def test_number_of_live_sessions_is_capped() -> None:
    sandbox = Sandbox(max_sessions=2)
    first, second = sandbox.session(), sandbox.session()
    with pytest.raises(TooManySessionsError):
        sandbox.session()
    first.close()
    third = sandbox.session()  # a slot was freed
    assert third.run("1").value == 1
    sandbox.close()  # closes the sessions it made
    assert not second.alive and not third.alive


def test_one_call_at_a_time(sb: Sandbox) -> None:
    entered = threading.Event()
    release = threading.Event()

    def block() -> None:
        entered.set()
        release.wait(5)

    with sb.session(functions={"block": block}) as s:
        worker = threading.Thread(target=lambda: s.run("block()"))
        worker.start()
        assert entered.wait(5)
        with pytest.raises(ConfigError, match="another call"):
            s.run("1")
        release.set()
        worker.join()
        assert s.run("2").value == 2


def test_guest_cannot_forge_or_break_the_protocol(sb: Sandbox) -> None:
    with sb.session() as s:
        forged = (
            "import host\n"
            "a = host.call('wasmbox.program', '')\n"
            "host.call('wasmbox.done', 'o99')\n"
            "host.call('wasmbox.done', 'x0')\n"
            "b = host.call('wasmbox.program', '')\n"
            "(a, b)"
        )
        result = s.run(forged)
        assert result.status is RunStatus.OK and result.value == (".", ".")
        assert s.alive and s.run("a").value == "."
        assert s.alive and s.run("41 + 1").value == 42
    # The guest half of the protocol is reachable, but running it only runs guest code.
    with Sandbox(compat=False).session() as s:
        code = "import _wasmbox_io\n_wasmbox_io.run(' 7', {}, bool)"
        result = s.run(code)
        assert result.status is RunStatus.OK and result.value == "o"
        assert s.alive and s.run("41 + 1").value == 42


def test_hundreds_of_allocation_heavy_calls_stay_correct() -> None:
    with Sandbox().session(limits=Limits(memory=6 << 20)) as s:
        s.run("keep = {}\nimport json")
        for i in range(300):
            code = (
                f"rows = [{{'id': j, 'name': 'n' * (j % 17), 'v': [j] * (j % 5)}} for j in range({i % 50 + 50})]\n"
                f"keep[{i}] = json.dumps(rows[-1])\n"
                "if len(keep) > 40:\n"
                "    del keep[min(keep)]\n"
                "sum(len(json.dumps(r)) for r in rows), len(keep)"
            )
            result = s.run(code)
            assert result.status is RunStatus.OK, (i, result.error)
            n = i % 50 + 50
            rows = [{"id": j, "name": "n" * (j % 17), "v": [j] * (j % 5)} for j in range(n)]
            import json

            expected = sum(len(json.dumps(r, separators=(", ", ": "))) for r in rows)
            assert result.value == (expected, min(i + 1, 40)), i


def test_reports_are_accepted_only_from_the_bootstraps_depth() -> None:
    """Guest code runs deeper than the bootstrap, so it can never make a report the host takes."""
    forge = (
        "import host\n"
        "host.call('wasmbox.done', 'o\"forged\"')\n"
        "host.call('wasmbox.done', 'x0')\n"
        "def deeper(n):\n"
        "    return host.call('wasmbox.done', 'e5:Error3:bad') if n == 0 else deeper(n - 1)\n"
        "deeper(50)\n"
        "'real'"
    )
    assert Sandbox().run(forge).value == "real"
    with Sandbox().session() as s:
        assert s.run(forge).value == "real"
        assert s.alive and s.run("1 + 1").value == 2


def test_a_call_while_the_session_is_being_closed_says_it_ended(sb: Sandbox) -> None:
    """The reaper holds the session while it frees the instance: not "another call"."""
    s = sb.session()
    s.run("x = 1")
    with s._lock:  # what _end() holds while it frees the instance
        s._ended = "idle"
        with pytest.raises(SessionClosedError, match="idle"):
            s.run("x")
        s._ended = None
    s.close()  # frees the instance
    assert s.ended == "closed"


def test_a_call_just_as_the_reaper_takes_the_session_waits_and_says_it_ended(
    sb: Sandbox,
) -> None:
    """The reaper takes the lock before it marks the session ended: a call in between waits."""
    s = sb.session()
    s.run("x = 1")
    taken, done = threading.Event(), threading.Event()

    def reaper() -> None:
        with s._lock:  # as _end("idle") does, before it has said why
            taken.set()
            time.sleep(0.05)
            s._ended = "idle"
        done.set()

    thread = threading.Thread(target=reaper)
    thread.start()
    assert taken.wait(5)
    with pytest.raises(SessionClosedError, match="idle"):
        s.run("x")
    thread.join()
    assert done.is_set()
    s.close()


def test_a_call_made_during_a_reset_is_told_another_is_running(sb: Sandbox) -> None:
    s = sb.session()
    s.run("x = 1")
    start, starting, told = s._start, threading.Event(), threading.Event()

    def slow_start() -> None:  # a reset that starts the instance again only once told
        starting.set()
        told.wait(10)
        start()

    s._start = slow_start  # type: ignore[method-assign]
    thread = threading.Thread(target=s.reset)
    thread.start()
    assert starting.wait(5)
    try:
        with pytest.raises(ConfigError, match="another call"):
            s.run("x")
    finally:
        told.set()
    thread.join()
    assert s.alive and s.run("1 + 1").value == 2
    s.close()


def test_a_tick_after_a_call_has_ended_does_not_stop_its_instance_parking(
    sb: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where runs give way (the service: after 1 ms of CPU), a run's epoch deadline is the
    # next tick. The host's last call into the instance, ending its unwind to park it,
    # came after the run's watch had ended: a tick meanwhile had it stopped as a run
    # nobody watched, and the caller got a WasmtimeError (the service answered 500; CI
    # saw it once in a few thousand calls). Here every such call starts 5 ms late.
    real = runner._wasm.call

    def late(store: Any, func: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs:  # ending an unwind (or a boot's first call)
            time.sleep(0.005)
        return real(store, func, *args, **kwargs)

    monkeypatch.setattr(runner._wasm, "call", late)
    scheduling.yield_long_runs(0.001)

    def calls() -> list[object]:
        with sb.session() as s:
            s.run("kept = 'still here'")
            return [*(s.run("kept").value for _ in range(3)), s.alive]

    try:  # on a thread of its own: a run that gives way demotes its thread
        seen = on_a_thread(calls)
    finally:
        scheduling.yield_long_runs(None)
    assert seen["value"] == ["still here"] * 3 + [True]


def test_an_instance_that_cannot_park_again_ends_its_session_saying_so(
    sb: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not expected to happen (the unwind's end now runs under no deadline and with fuel),
    # but should it trap, the call's result stands and the session ends, saying why,
    # rather than the caller getting wasmtime's exception.
    import wasmtime

    real = runner._wasm.call
    with sb.session() as s:
        s.run("x = 6")

        def failing(store: Any, func: Any, *args: Any, **kwargs: Any) -> Any:
            if not args and not kwargs:  # within a session's call: only ending the unwind
                raise wasmtime.WasmtimeError("no room to park")
            return real(store, func, *args, **kwargs)

        monkeypatch.setattr(runner._wasm, "call", failing)
        assert s.run("x * 7").value == 42
        assert not s.alive and "could not park" in str(s.ended)
        monkeypatch.setattr(runner._wasm, "call", real)
        with pytest.raises(SessionClosedError, match="could not park"):
            s.run("x")
