"""The runner's two attempts: short programs hold the GIL, longer ones run again without it.

Whatever happens, the user sees exactly one run: the first attempt's output,
files and effects are discarded when it is run again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import pytest

from wasmbox import Limits, RunResult, RunStatus, Sandbox
from wasmbox.runner import _SLICE_FUEL

LONG = "t = 0\nfor i in range(300000):\n    t += i\n"


def test_output_before_the_slice_ends_appears_once(sandbox: Sandbox) -> None:
    result = sandbox.run("print('start')\n" + LONG + "print(t)")
    assert result.ok and result.stdout == "start\n44999850000\n"
    assert result.fuel_used is not None and result.fuel_used > _SLICE_FUEL


def test_files_and_stdin_are_fresh_for_the_second_attempt(sandbox: Sandbox) -> None:
    code = (
        "import os\nline = input()\n"
        "open('log.txt', 'a').write(line + '\\n')\n" + LONG + "open('log.txt', 'a').write(str(t))\n"
        "print(os.listdir('.'))"
    )
    result = sandbox.run(code, stdin="hello\n", files={"seed.txt": b"s"})
    assert result.ok, result
    assert result.files == {"log.txt": b"hello\n44999850000", "seed.txt": b"s"}


def test_a_sleep_is_not_paid_twice(sandbox: Sandbox, host_sleeps: list[float]) -> None:
    # Counted, not timed: a loaded CI machine once took 0.61 s over a 0.3 s sleep.
    started = time.monotonic()
    result = sandbox.run("import time\ntime.sleep(0.3)\nprint('woke')")
    elapsed = time.monotonic() - started
    assert result.stdout == "woke\n"
    assert host_sleeps == [pytest.approx(0.3)]
    assert elapsed >= 0.3


def test_short_programs_finish_in_the_first_attempt(sandbox: Sandbox) -> None:
    result = sandbox.run("print(sum(range(100)))")
    assert result.ok and result.fuel_used is not None and result.fuel_used < _SLICE_FUEL


def test_cpu_limit_counts_the_whole_budget(sandbox: Sandbox) -> None:
    fuel = 3 * _SLICE_FUEL
    result = sandbox.run("while True: pass", limits=Limits(fuel=fuel, wall_time=10))
    assert result.status is RunStatus.CPU_LIMIT
    assert result.fuel_used is not None and result.fuel_used >= fuel - 1000


def test_small_fuel_budgets_are_not_sliced(sandbox: Sandbox) -> None:
    result = sandbox.run("while True: pass", limits=Limits(fuel=_SLICE_FUEL, wall_time=10))
    assert result.status is RunStatus.CPU_LIMIT


def test_timeouts_still_fire_after_the_slice(sandbox: Sandbox) -> None:
    started = time.monotonic()
    result = sandbox.run("while True: pass", limits=Limits(wall_time=0.3))
    assert result.status is RunStatus.TIMEOUT
    assert time.monotonic() - started < 1.0


def test_making_a_snapshot_for_a_new_size_is_not_the_runs_time() -> None:
    # A heap size no other test uses: its snapshot is made (compiled, on a fresh
    # cache: seconds) during this run, and the run's own budget does not pay for it.
    from wasmbox import Limits, RunStatus, Sandbox

    sb = Sandbox()
    result = sb.run("while True: pass", limits=Limits(memory=137 << 20, wall_time=0.3))
    assert result.status is RunStatus.TIMEOUT
    assert 250 <= result.duration_ms < 1000, result.duration_ms
    again = sb.run("print(6 * 7)", limits=Limits(memory=139 << 20, wall_time=0.2))
    assert (again.status, again.stdout) == (RunStatus.OK, "42\n")


@dataclass
class DeadlineLog:
    """What runs do about their deadline, as it happens: the deadlines their watches keep,
    the alarms asked for, and every look at a deadline (time left, increments granted,
    whether an alarm on that deadline had been asked for by then)."""

    deadlines: list[float] = field(default_factory=list)
    alarms: list[float] = field(default_factory=list)
    looks: list[tuple[float, int, bool]] = field(default_factory=list)

    def clear(self) -> None:
        self.deadlines.clear()
        self.alarms.clear()
        self.looks.clear()

    def assert_stopped_at_its_deadline(self, result: RunResult, wall_time: float) -> None:
        """One busy loop's run since :meth:`clear`, stopped by its wall time, not a tick later.

        How near the deadline it stops is the ticker thread's punctuality, which a
        loaded machine need not keep: so what is checked is the alarm, and that the
        run did not stop before its deadline. A run with no look in its last tick
        checks no alarm here: the fake-clock test below checks that mechanism.
        """
        from wasmbox.engine import EPOCH_TICK

        assert result.status is RunStatus.TIMEOUT
        assert result.fuel_used is None  # stopped mid-function: its count would be too low
        budget = wall_time * 1000
        assert budget <= result.duration_ms < budget + 2000  # not before it, nor long after
        assert self.deadlines, "the run's deadline was not watched"
        assert set(self.alarms) <= set(self.deadlines)  # on a deadline, not a tick after
        # A run let go on with under a tick left has an alarm for its next increment: a
        # regular tick may come a tick late. (A loaded machine may skip that look: a
        # late tick, and the next look is past the deadline, which stops the run.)
        for left, more, armed in self.looks:
            late = more and left < EPOCH_TICK and not armed
            assert not late, f"let go on {left * 1000:.2f} ms before its deadline, no alarm"


def watched_runs(monkeypatch: pytest.MonkeyPatch) -> DeadlineLog:
    """A :class:`DeadlineLog` of every run from now on (both engines': see test_cpython.py)."""
    from wasmbox import _wasm
    from wasmbox.engine import _ticker
    from wasmbox.runner import DeadlineWatch
    from wasmbox.wasi import preview1

    log = DeadlineLog()
    watch, alarm, (policy,) = DeadlineWatch.__init__, _ticker.alarm, _wasm._deadline_policies

    def watched(self: DeadlineWatch, store: Any, deadline: float, **options: Any) -> None:
        log.deadlines.append(deadline)
        watch(self, store, deadline, **options)

    def recorded(engine: Any, when: float) -> Any:
        log.alarms.append(when)
        return alarm(engine, when)

    def looked() -> int:  # on the guest's thread, where an assertion would only stop the run
        deadline = preview1.current().deadline
        left = deadline - time.monotonic()
        more = policy()
        log.looks.append((left, more, deadline in log.alarms))
        return more

    monkeypatch.setattr(DeadlineWatch, "__init__", watched)
    monkeypatch.setattr(_ticker, "alarm", recorded)
    monkeypatch.setattr(_wasm, "_deadline_policies", [looked])
    return log


def test_a_busy_loop_stops_at_its_wall_time_not_a_tick_later(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An alarm puts an epoch increment on the deadline itself. Before, the run
    # stopped at the first 2 ms tick after it (a 10 ms budget ran 12.5 ms). How near
    # the deadline it stops then is the ticker thread's punctuality, which a loaded
    # machine need not keep in any of five runs: so what is checked is the alarm, and
    # that no run stops before its deadline. (That a run in its last tick always asks
    # for one: the next test; that the ticker serves it on time: tests/test_engine.py.)
    log = watched_runs(monkeypatch)
    for _ in range(5):
        log.clear()
        result = sandbox.run("while True: pass", limits=Limits(wall_time=0.05, fuel=None))
        log.assert_stopped_at_its_deadline(result, 0.05)


def test_a_run_in_its_last_tick_asks_for_an_alarm_on_its_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The looks of a run at its deadline, on a clock that moves only when told: what the
    # test above sees only when the machine's ticks are punctual enough.
    import types

    import wasmtime

    from wasmbox import runner, scheduling
    from wasmbox.engine import EPOCH_TICK, _ticker
    from wasmbox.wasi import preview1

    now, deadline = 0.0, 100.0
    state = types.SimpleNamespace(deadline=deadline, stop_reason=None, host_stopped=False)
    alarms: list[float] = []
    cancelled: list[float] = []

    def recorded(engine: Any, when: float) -> Any:
        alarms.append(when)
        return types.SimpleNamespace(cancel=lambda: cancelled.append(when))

    monkeypatch.setattr(runner, "time", types.SimpleNamespace(monotonic=lambda: now))
    monkeypatch.setattr(preview1, "current", lambda: state)
    monkeypatch.setattr(scheduling, "_after", None)  # no giving way: only the deadline
    monkeypatch.setattr(_ticker, "alarm", recorded)
    config = wasmtime.Config()
    config.epoch_interruption = True
    store = wasmtime.Store(wasmtime.Engine(config))
    with runner.DeadlineWatch(store, deadline):
        now = deadline - 0.5
        assert runner._go_on() > 0
        now = deadline - EPOCH_TICK / 2
        assert runner._go_on() > 0  # under a tick left: it goes on, and
        assert alarms == [deadline]  # its next increment is the alarm's, on the deadline
        now = deadline
        assert runner._go_on() == 0 and state.stop_reason == "timeout"
    assert cancelled == [deadline]  # the run is over: its alarm will not fire


def test_other_runs_alarms_do_not_end_a_run_early(sandbox: Sandbox) -> None:
    # Every alarm advances the shared epoch, so a run reaches its epoch deadline
    # sooner than its wall time; the deadline callback looks at the clock and
    # lets it go on. 300 alarms during a 0.3 s run would end it at once otherwise.
    import threading

    from wasmbox.engine import _ticker, get_runtime

    engine = get_runtime(fuel=False).engine
    done = threading.Event()

    def alarms() -> None:
        while not done.is_set():
            _ticker.alarm(engine, time.monotonic())
            time.sleep(0.001)

    thread = threading.Thread(target=alarms)
    thread.start()
    try:
        result = sandbox.run("while True: pass", limits=Limits(wall_time=0.3, fuel=None))
    finally:
        done.set()
        thread.join()
    assert result.status is RunStatus.TIMEOUT
    assert result.duration_ms >= 300.0


def test_a_host_stop_still_ends_the_run_at_once(sandbox: Sandbox) -> None:
    # WasiState.stop moves the epoch deadline to now: the callback then stops it.
    result = sandbox.run("while True: print('x' * 1000)", limits=Limits(max_output=8000))
    assert result.status is RunStatus.OUTPUT_LIMIT
    result = sandbox.run("import time\ntime.sleep(5)", limits=Limits(wall_time=0.05))
    assert result.status is RunStatus.TIMEOUT and result.duration_ms < 1000
