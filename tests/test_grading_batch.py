"""Batches on worker processes (wasmbox.grading.batch) and as files (wasmbox.grading.jobs)."""

from __future__ import annotations

import json
import os
import signal
import threading

import pytest

from wasmbox.errors import ConfigError
from wasmbox.grading import Grader, StdinCase
from wasmbox.grading.batch import Graded, GradeOptions, Job, LocalPool, in_order
from wasmbox.grading.jobs import Malformed, Summary, output_line, read_jobs

GOOD = "def add(a, b):\n    return a + b"
BAD = "def add(a, b):\n    return a - b"


def jobs(n: int) -> list[Job]:
    return [
        Job(f"s{i}", GOOD if i % 3 else BAD, ({"call": "add", "args": [i, 2], "expected": i + 2},))
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def pool() -> LocalPool:
    with LocalPool(2, GradeOptions()) as p:
        yield p  # type: ignore[misc]


def test_a_batch_gives_the_same_verdicts_as_one_grader(pool: LocalPool) -> None:
    batch = jobs(60)
    outcomes = list(in_order(pool.grade(batch)))
    assert [o.job.id for o in outcomes] == [j.id for j in batch]
    with Grader() as grader:
        expected = [grader.grade(j.code, j.cases).verdict for j in batch]
    assert [o.result.verdict for o in outcomes if o.result] == expected


def test_a_killed_worker_loses_nothing(pool: LocalPool) -> None:
    batch = jobs(200)
    outcomes: list[Graded] = []
    before = pool.restarts
    for outcome in in_order(pool.grade(batch)):
        outcomes.append(outcome)
        if len(outcomes) == 30:
            pid = pool.pids[0]
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
    assert pool.restarts == before + 1
    assert [o.job.id for o in outcomes] == [j.id for j in batch]
    assert all(o.result is not None for o in outcomes)
    assert sum(o.result.accepted for o in outcomes if o.result) == sum(
        i % 3 != 0 for i in range(200)
    )


def test_a_job_whose_worker_dies_max_attempts_times_is_given_up() -> None:
    def kill_the_holder(pool: LocalPool, job_id: str, done: threading.Event) -> None:
        while not done.wait(0.01):
            slot = pool._slots[0]
            if slot.ready and any(job.id == job_id for job in slot.held.values()):
                os.kill(slot.process.pid, signal.SIGKILL)
                return

    with LocalPool(1, GradeOptions(), max_attempts=1) as pool:
        slow = Job("slow", "import time\ntime.sleep(30)", ({"test": "pass", "timeout": 60},))
        done = threading.Event()
        killer = threading.Thread(target=kill_the_holder, args=(pool, "slow", done))
        killer.start()
        try:
            outcomes = {o.job.id: o for o in pool.grade([slow, *jobs(3)])}
        finally:
            done.set()
            killer.join()
    assert outcomes["slow"].result is None and "given up" in str(outcomes["slow"].error)
    assert all(outcomes[f"s{i}"].result is not None for i in range(3))


def test_workers_must_be_positive() -> None:
    with pytest.raises(ConfigError):
        LocalPool(0, GradeOptions())
    with pytest.raises(ConfigError):
        LocalPool(1, GradeOptions(engine="pypy"))


def test_in_order_releases_each_as_soon_as_it_can() -> None:
    job = Job(1, "", ())
    outcomes = [Graded(seq, job, None) for seq in (2, 0, 1, 4, 3)]
    assert [o.seq for o in in_order(outcomes)] == [0, 1, 2, 3, 4]


def test_read_jobs_reports_malformed_lines_by_number() -> None:
    lines = [
        json.dumps({"id": 1, "code": "print(1)", "cases": [{"expected_stdout": "1"}]}),
        "",
        "not json",
        json.dumps([1, 2]),
        json.dumps({"id": 2, "code": 3, "cases": []}),
        json.dumps({"id": 3, "code": "x", "cases": [{"expected_stdot": "1"}]}),
        json.dumps({"id": 4, "code": "x"}),
        json.dumps({"id": 5, "code": "x", "extra": 1, "cases": []}),
        json.dumps({"id": 6, "code": "print(2)"}),
        "[" * 100_000,
    ]
    items = list(read_jobs(lines))
    assert isinstance(items[0], Job) and items[0].id == 1
    bad = [i for i in items if isinstance(i, Malformed)]
    assert [m.line for m in bad] == [3, 4, 5, 6, 7, 8, 9, 10]
    assert all(m.reason for m in bad)
    shared = list(read_jobs(lines[-2:-1], shared=[{"expected_stdout": "2"}]))
    assert isinstance(shared[0], Job) and shared[0].cases == (StdinCase(expected_stdout="2"),)


def test_output_lines_and_the_summary(pool: LocalPool) -> None:
    summary = Summary()
    lines = []
    for outcome in in_order(pool.grade(jobs(6))):
        summary.add(outcome)
        lines.append(json.loads(output_line(outcome)))
    summary.add(Graded(99, Job("x", "", ()), None, "given up"))
    data = summary.finish().to_dict()
    assert data["verdicts"]["accepted"] == 4 and data["verdicts"]["wrong_answer"] == 2
    assert data["failed"] == 1 and data["graded"] == 6
    assert set(lines[0]) == {"id", "verdict", "passed", "total", "cases", "duration_ms"}
    assert lines[0]["id"] == "s0" and lines[0]["verdict"] == "wrong_answer"
    assert json.loads(output_line(Graded(0, Job("x", "", ()), None, "why"))) == {
        "id": "x",
        "error": "why",
    }
