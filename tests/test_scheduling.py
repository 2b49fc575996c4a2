"""Long runs give way to short ones (``scheduling.py``): the thread, not the process, steps back.

Every demoted run here happens on a thread of its own, so the test process
itself is never left at ``SCHED_IDLE``.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from wasmbox import Limits, Sandbox, runner, scheduling
from wasmbox.errors import ConfigError

pytestmark = pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="SCHED_IDLE is Linux's")

BUSY = "while True: pass"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as box:
        yield box


@pytest.fixture(autouse=True)
def yielding_off_afterwards() -> Iterator[None]:
    yield
    scheduling.yield_long_runs(None)


def on_a_thread(work: Callable[[], Any]) -> dict[str, Any]:
    """``work()`` on a fresh thread: its value, and that thread's policy and ``yielded()`` after."""
    seen: dict[str, Any] = {}

    def target() -> None:
        seen["before"] = os.sched_getscheduler(0)
        seen["value"] = work()
        seen["policy"] = os.sched_getscheduler(0)
        seen["yielded"] = scheduling.yielded()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(30)
    assert "yielded" in seen, "the run did not finish"
    return seen


def assert_not_demoted(seen: dict[str, Any]) -> None:
    assert seen["policy"] == seen["before"] != os.SCHED_IDLE
    assert seen["yielded"] is False


def test_off_by_default_a_long_run_keeps_its_threads_policy(sandbox: Sandbox) -> None:
    seen = on_a_thread(lambda: sandbox.run(BUSY, limits=Limits(wall_time=0.05)))
    assert seen["value"].status == "timeout"
    assert_not_demoted(seen)


def test_a_run_past_the_threshold_moves_its_thread_to_sched_idle(sandbox: Sandbox) -> None:
    scheduling.yield_long_runs(0.004)
    seen = on_a_thread(lambda: sandbox.run(BUSY, limits=Limits(wall_time=0.1)))
    result = seen["value"]
    # It still ends where its own limit says, with the same result as ever.
    assert result.status == "timeout" and 100 <= result.duration_ms < 1000
    assert seen["policy"] == os.SCHED_IDLE
    assert seen["yielded"] is True
    # Only that thread: this one, and threads it starts, keep their policy.
    assert os.sched_getscheduler(0) != os.SCHED_IDLE
    assert on_a_thread(lambda: None)["before"] != os.SCHED_IDLE


def test_a_run_with_a_short_wall_time_is_demoted_in_its_last_ticks_too(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 10 ms busy loop passes 4 ms of CPU within its last two ticks, where the deadline
    # is looked at every tick: it used to run all 10 ms at full priority. On a busy
    # machine a run gets only part of a CPU, so whether it used 4 ms of one was up to
    # the machine (the test counted only runs that had, and CI could run out of tries).
    # The thread's CPU clock is the wall clock here: every run passes 4 ms at 4 ms.
    monkeypatch.setattr(time, "thread_time", time.monotonic)
    scheduling.yield_long_runs(0.004)
    for _ in range(3):
        seen = on_a_thread(lambda: sandbox.run(BUSY, limits=Limits(wall_time=0.01)))
        assert seen["value"].status == "timeout"
        assert seen["policy"] == os.SCHED_IDLE and seen["yielded"] is True


def test_the_hook_is_told_once_on_the_thread_mid_run_before_its_demotion(
    sandbox: Sandbox,
) -> None:
    told: list[tuple[int, float, int]] = []

    def hook() -> None:
        told.append((threading.get_ident(), time.monotonic(), os.sched_getscheduler(0)))

    scheduling.yield_long_runs(0.004, on_yield=hook)
    runs: list[tuple[int, float]] = []

    def run() -> Any:
        result = sandbox.run(BUSY, limits=Limits(wall_time=0.2))
        runs.append((threading.get_ident(), time.monotonic()))
        return result

    seen = on_a_thread(run)
    assert seen["value"].status == "timeout"
    assert len(told) == 1
    (thread, when, policy), (runner, ended) = told[0], runs[0]
    # On the run's thread, still at its own policy (so a service hears of it at once), and
    # mid-run: before the run was over (a service starts another run then).
    assert thread == runner and policy != os.SCHED_IDLE
    assert seen["policy"] == os.SCHED_IDLE
    assert when < ended


def counted_attempts(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[list[tuple[int | None, object]], list[tuple[int, int]]]:
    """Yielding on at the service's 1 ms; each attempt's slice fuel and what came of it,
    and, each time a run gave way, how many attempts had started and ended by then."""
    attempts: list[tuple[int | None, object]] = []
    started: list[int | None] = []
    real = runner._attempt

    def attempt(*args: Any, **kwargs: Any) -> Any:
        started.append(args[4])
        result = real(*args, **kwargs)
        attempts.append((args[4], result))
        return result

    monkeypatch.setattr(runner, "_attempt", attempt)
    told: list[tuple[int, int]] = []
    scheduling.yield_long_runs(0.001, on_yield=lambda: told.append((len(started), len(attempts))))
    return attempts, told


def test_a_long_run_gives_way_after_its_thresholds_worth_of_fuel_not_a_whole_slice(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A run's first attempt is a slice of fuel that holds the GIL, and no tick looks at
    # it: it cannot give way. With the service's 1 ms threshold, every busy loop and
    # memory bomb used to take a whole slice (20M fuel, about 2 ms) at full priority,
    # run again from the start, and only then give way. The slice is now the threshold's
    # worth of fuel, and a run that outran it gives way before running again. Counted in
    # attempts and fuel, not in CPU time: on a busy machine two CPU timings of a few
    # milliseconds each are too noisy to compare (CI saw them vary 2.5 times).
    sandbox.run(BUSY, limits=Limits(fuel=runner._SLICE_FUEL))  # the engine's own first runs
    attempts, told = counted_attempts(monkeypatch)
    seen = on_a_thread(lambda: sandbox.run(BUSY, limits=Limits(wall_time=0.05)))
    assert seen["value"].status == "timeout" and seen["yielded"] is True
    (slice_fuel, first), (unsliced, _) = attempts[0], attempts[-1]
    assert slice_fuel is not None and slice_fuel <= runner._SLICE_FUEL // 2
    assert first is runner._Again.SLICE and unsliced is None
    # It gave way once, after that slice and before the attempt that ran on began.
    assert told == [(1, 1)]


def test_a_slice_spent_in_host_calls_gives_way_during_it_not_at_its_end(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No tick looks at a slice, and host calls burn little fuel: a 10M-fuel slice holds
    # 37 ms of a guest printing a character at a time, at full priority. A host call past
    # three times the threshold now ends the slice: the run gives way during its first
    # attempt, and runs again from the start, demoted. Counted, not timed.
    sandbox.run("print(1)")  # the engine's own first runs (snapshot probes) are not counted
    attempts, told = counted_attempts(monkeypatch)
    # 4 KiB of output takes about 40 ms this way: 8,192 host calls, more than a slice holds.
    limits = Limits(max_output=4 << 10, wall_time=10)
    seen = on_a_thread(lambda: sandbox.run("while True: print('x')", limits=limits))
    # Demoted, its rerun may run out of wall time first on a machine kept busy meanwhile.
    assert seen["value"].status in ("output_limit", "timeout")
    assert seen["yielded"] is True
    assert told == [(1, 0)]  # during the first attempt
    (slice_fuel, first), (unsliced, _) = attempts[0], attempts[-1]
    assert slice_fuel is not None and first is runner._Again.SLEEP and unsliced is None


def test_a_slice_never_runs_on_demoted(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    # A run whose CPU had passed the threshold by the time its slice began (it was under
    # it when its attempts were planned) was demoted as the slice's watch was made, and
    # the slice then ran to its end holding the GIL at idle priority. Now a slice gives
    # way only where it ends: here, at its first host calls.
    sandbox.run("print(1)")
    attempts, told = counted_attempts(monkeypatch)
    scheduling.yield_long_runs(1e-6, on_yield=lambda: told.append((-1, -1)))
    monkeypatch.setattr(scheduling, "spent", lambda cpu_started: False)  # plans a slice
    limits = Limits(max_output=4 << 10, wall_time=10)
    seen = on_a_thread(lambda: sandbox.run("while True: print('x')", limits=limits))
    assert seen["value"].status in ("output_limit", "timeout")
    assert seen["yielded"] is True and len(told) == 1
    (slice_fuel, first), (unsliced, _) = attempts[0], attempts[-1]
    assert slice_fuel is not None and first is runner._Again.SLEEP and unsliced is None


def test_a_run_that_gave_way_holds_only_slow_ticks_its_alarm_stops_it_at_its_deadline(
    sandbox: Sandbox,
) -> None:
    # Regular ticks are for looking at a run as it goes; one that gave way needs only its
    # deadline kept, and an alarm does that (with a slow tick every 50 ms as a safety
    # net). The ticker used to wake 500 times a second for it, at full priority, for its
    # whole wall time.
    from wasmbox.engine import _ticker

    def ticker_wakeups() -> int:
        assert _ticker._thread is not None
        status = f"/proc/self/task/{_ticker._thread.native_id}/status"
        with open(status) as lines:
            return next(int(line.split()[1]) for line in lines if line.startswith("voluntary"))

    demoted = threading.Event()
    scheduling.yield_long_runs(0.001, on_yield=demoted.set)
    seen: dict[str, Any] = {}
    wall_time = 2.0
    thread = threading.Thread(
        target=lambda: seen.update(
            on_a_thread(lambda: sandbox.run(BUSY, limits=Limits(wall_time=wall_time)))
        )
    )
    started = time.monotonic()
    thread.start()
    assert demoted.wait(10), "the busy loop never gave way"
    time.sleep(0.05)
    before, held = ticker_wakeups(), (_ticker._active, _ticker._slow)
    time.sleep(0.2)
    wakeups, looked = ticker_wakeups() - before, time.monotonic()
    thread.join(30)
    # The window must fall inside the run: after its deadline the ticker wakes for the
    # alarm, then counts idle ticks before it parks (a loaded machine delays sleepers).
    assert looked < started + wall_time - 0.1, "the window did not end before the deadline"
    assert held == (1, 1)  # one call holds the ticker, and only for slow ticks
    assert wakeups <= 10, f"the ticker woke {wakeups} times in 0.2 s"
    result = seen["value"]
    assert result.status == "timeout" and seen["yielded"] is True
    assert wall_time * 1000 <= result.duration_ms < wall_time * 1000 + 5000


def test_a_run_that_gave_way_stops_even_if_its_alarm_lands_while_it_is_looked_at(
    sandbox: Sandbox,
) -> None:
    # The deadline callback reads the clock, then wasmtime re-arms from the epoch as it is
    # when the callback returns: an increment in between is swallowed. For a run that gave
    # way, holding no ticks, its alarm was the only increment to come, and the run went on
    # past its deadline for good. Here another increment has the callback look just before
    # the deadline, and the callback is held up (as a demoted thread preempted there would
    # be) until the alarm has come: the run's next slow tick stops it.
    from wasmbox import _wasm
    from wasmbox.wasi import preview1

    policy = _wasm._deadline_policies[0]

    def held_up() -> int:
        more = policy()
        left = preview1.current().deadline - time.monotonic()
        if more == 1 and scheduling.yielded() and 0 < left < 0.003:
            time.sleep(0.004)
        return more

    _wasm._deadline_policies[0] = held_up
    try:
        _alarm_lands_while_looked_at(sandbox)
    finally:
        _wasm._deadline_policies[0] = policy


def _alarm_lands_while_looked_at(sandbox: Sandbox) -> None:
    from wasmbox.engine import _ticker

    demoted = threading.Event()
    scheduling.yield_long_runs(0.001, on_yield=demoted.set)
    seen: dict[str, Any] = {}
    thread = threading.Thread(
        target=lambda: seen.update(result=sandbox.run(BUSY, limits=Limits(wall_time=0.2)))
    )
    thread.start()
    assert demoted.wait(10), "the busy loop never gave way"
    deadline = time.monotonic() + 5
    alarms: list[Any] = []
    while not alarms:
        assert time.monotonic() < deadline, "the run that gave way asked for no alarm"
        with _ticker._lock:
            alarms = sorted(a for a in _ticker._alarms if not a[2].cancelled)
        time.sleep(0.001)
    when, _, alarm = alarms[0]
    engine = alarm.engine()
    while time.monotonic() < when - 0.001:
        time.sleep(0.0002)
    engine.increment_epoch()  # another run's tick or alarm on the shared engine
    thread.join(3)
    rescued = thread.is_alive()
    while thread.is_alive():  # without the second alarm: end it here, then fail
        engine.increment_epoch()
        thread.join(0.01)
    assert not rescued, "the run went on past its deadline"
    assert seen["result"].status == "timeout"
    assert seen["result"].duration_ms < 200 + 1000  # its deadline, a slow tick, and slack


def test_the_slice_is_the_thresholds_worth_of_fuel_where_that_is_less() -> None:
    started = time.thread_time()
    assert runner._slice_fuel(started) == runner._SLICE_FUEL  # yielding is off
    scheduling.yield_long_runs(0.001)
    assert runner._slice_fuel(started) == runner._SLICE_FUEL // 2
    assert runner._slice_fuel(None) == runner._SLICE_FUEL  # the engine's own runs
    scheduling.yield_long_runs(1e-9)
    assert runner._slice_fuel(started) == 1_000_000  # never too small to start a run in
    scheduling.yield_long_runs(0.5)
    assert runner._slice_fuel(started) == runner._SLICE_FUEL
    scheduling.yield_long_runs(1e300)  # no overflow on the way
    assert runner._slice_fuel(started) == runner._SLICE_FUEL


def test_a_thread_that_gave_way_runs_no_more_slices(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A demoted thread must not hold the GIL: a grade's next case, or a run on the spilled
    # build after the speculative one gave way, goes unsliced (whatever CPU it has used).
    slices: list[int | None] = []
    attempt = runner._attempt

    def recorded(*args: Any, **kwargs: Any) -> Any:
        slices.append(args[4])  # slice_fuel
        return attempt(*args, **kwargs)

    monkeypatch.setattr(runner, "_attempt", recorded)

    def two_runs() -> list[Any]:
        scheduling.yield_long_runs(0.001)
        first = sandbox.run(BUSY, limits=Limits(wall_time=0.02))
        given_way = scheduling.yielded()
        slices.clear()
        return [first, given_way, sandbox.run("print(6 * 7)")]

    first, given_way, second = on_a_thread(two_runs)["value"]
    assert first.status == "timeout" and given_way is True
    assert second.stdout == "42\n"
    assert slices and all(s is None for s in slices), slices


def test_a_hook_that_raises_does_not_disturb_the_run(sandbox: Sandbox) -> None:
    def hook() -> None:
        raise OSError("the pool's socket is gone")

    scheduling.yield_long_runs(0.004, on_yield=hook)
    seen = on_a_thread(lambda: sandbox.run(BUSY, limits=Limits(wall_time=0.05)))
    assert seen["value"].status == "timeout" and seen["yielded"] is True


def test_a_run_that_ends_before_the_threshold_changes_nothing(sandbox: Sandbox) -> None:
    scheduling.yield_long_runs(0.5)
    seen = on_a_thread(lambda: sandbox.run("print(sum(range(100)))"))
    assert seen["value"].stdout == "4950\n"
    assert_not_demoted(seen)


# Where the slice is the threshold's worth of fuel (below 20M), a slice that ran out gives
# way: 6 ms at a quarter of the usual fuel rate is 15M, far above the run's own CPU (up to
# 1.5 ms on a loaded machine).
@pytest.mark.parametrize("after, rate", [(0.004, None), (0.006, 2.5e9)])
def test_the_threshold_is_cpu_time_so_a_guest_that_sleeps_is_not_demoted(
    sandbox: Sandbox, after: float, rate: float | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if rate is not None:
        monkeypatch.setattr(runner, "_FUEL_PER_SECOND", rate)
    # A guest that would sleep in its slice runs again without it: that is no sign of a
    # long run (only a slice that ran out of fuel is).
    code = "import time\ntime.sleep(0.05)\nprint('woke')"

    def warm_then_sleep() -> Any:
        sandbox.run("pass")  # a thread's first run costs more than 1 ms of CPU around it
        scheduling.yield_long_runs(after)
        return runner._slice_fuel(time.thread_time()), sandbox.run(code, limits=Limits(wall_time=1))

    seen = on_a_thread(warm_then_sleep)
    slice_fuel, result = seen["value"]
    assert (slice_fuel < runner._SLICE_FUEL) is (rate is not None)  # capped: it may give way
    assert result.stdout == "woke\n"
    assert_not_demoted(seen)


def test_the_demoted_thread_runs_the_next_run_correctly(sandbox: Sandbox) -> None:
    scheduling.yield_long_runs(0.004)

    def two_runs() -> list[Any]:
        return [sandbox.run(BUSY, limits=Limits(wall_time=0.05)), sandbox.run("print(6 * 7)")]

    seen = on_a_thread(two_runs)
    first, second = seen["value"]
    assert first.status == "timeout"
    assert second.status == "ok" and second.stdout == "42\n"


def test_booting_an_instance_for_a_run_does_not_count(sandbox: Sandbox) -> None:
    # A run with env cannot use the snapshot: it boots MicroPython for real (~6 ms of CPU).
    scheduling.yield_long_runs(0.004)
    seen = on_a_thread(lambda: sandbox.run("import os\nprint(os.getenv('A'))", env={"A": "1"}))
    assert seen["value"].stdout == "1\n"
    assert_not_demoted(seen)


def test_spent_says_whether_a_run_has_used_its_threshold() -> None:
    assert scheduling.spent(time.thread_time()) is False  # yielding is off
    scheduling.yield_long_runs(0.001)
    assert scheduling.spent(None) is False  # nothing watched (off, or already demoted)
    started = time.thread_time()
    assert scheduling.spent(started) is False
    while time.thread_time() - started < 0.002:
        pass
    assert scheduling.spent(started) is True
    assert os.sched_getscheduler(0) != os.SCHED_IDLE  # it only looks: nobody is demoted


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), True, "4ms", [1]])
def test_a_threshold_that_is_not_a_positive_duration_is_refused(bad: Any) -> None:
    with pytest.raises(ConfigError, match="positive number of seconds"):
        scheduling.yield_long_runs(bad)


def test_making_a_snapshot_never_gives_way(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new heap size's snapshot is proved by a probe run, made while the snapshot cache
    # is locked; a probe that ran twice would boot and wait for that lock for ever. In
    # session 13 slices gave way at a host call past the threshold, and on a cold
    # machine (CI) a probe did: this test hung then. Here any probe has used its
    # threshold by its first host call, and its slice is not skipped for that.
    scheduling.yield_long_runs(1e-6)
    monkeypatch.setattr(scheduling, "spent", lambda cpu_started: False)
    memory = (13 << 20) + 64 * 1024 * (os.getpid() % 7)  # a heap size not made yet here
    seen: dict[str, Any] = {}
    thread = threading.Thread(
        target=lambda: seen.update(
            result=sandbox.run("print(6 * 7)", limits=Limits(memory=memory))
        ),
        daemon=True,
    )
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the run hung while its heap size's snapshot was made"
    assert seen["result"].stdout == "42\n"
