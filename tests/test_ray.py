"""Grading on Ray (wasmbox.ray), end to end on a local cluster of two CPUs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wasmbox.grading.batch import Graded, GradeOptions, Job, in_order
from wasmbox.ray import RayPool  # before ray itself: see the module's note on SIGSEGV

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False)
    yield
    ray.shutdown()


def jobs(n: int, work: int = 0) -> list[Job]:
    """``work`` loop iterations in each submission (30,000 take a few milliseconds)."""
    busy = f"for _ in range({work}):\n    pass\n" if work else ""
    good = busy + "def add(a, b):\n    return a + b"
    bad = busy + "def add(a, b):\n    return a - b"
    return [
        Job(i, good if i % 3 else bad, ({"call": "add", "args": [i, 2], "expected": i + 2},))
        for i in range(n)
    ]


def test_a_batch_on_ray_grades_every_job(cluster: None) -> None:
    with RayPool(GradeOptions(), batch_size=4) as pool:
        assert len(pool.actors) == 2  # one per CPU of the cluster
        outcomes = list(in_order(pool.grade(jobs(50))))
    assert [o.job.id for o in outcomes] == list(range(50))
    verdicts = [o.result.verdict.value for o in outcomes if o.result]
    assert verdicts == ["wrong_answer" if i % 3 == 0 else "accepted" for i in range(50)]


def test_a_dead_actors_batches_are_graded_elsewhere(cluster: None) -> None:
    with RayPool(GradeOptions(), batch_size=4) as pool:
        outcomes: list[Graded] = []
        # Jobs that take a few ms each: work is still queued on the actor when it dies
        # (with 1 ms jobs, all 120 could be graded before the kill lands).
        for outcome in in_order(pool.grade(jobs(120, work=30_000))):
            outcomes.append(outcome)
            if len(outcomes) == 10:
                ray.kill(pool.actors[0])
        assert pool.restarts == 1
    assert [o.job.id for o in outcomes] == list(range(120))
    assert all(o.result is not None for o in outcomes)


def test_the_input_is_read_as_actors_need_it(cluster: None) -> None:
    read = []

    def source() -> Iterator[Job]:
        for job in jobs(200):
            read.append(job.id)
            yield job

    with RayPool(GradeOptions(), batch_size=4, ahead=1) as pool:
        results = pool.grade(source())
        next(results)
        # two actors, one batch each, and the batch being cut: far from all 200
        assert len(read) <= 3 * 4 + 4
        rest = list(results)
    assert len(rest) == 199


def test_guest_crashes_stay_contained_in_a_process_that_runs_ray(cluster: None) -> None:
    # Ray's own SIGSEGV handler would replace wasmtime's: wasmbox.ray turns it off.
    from wasmbox import RunStatus, Sandbox

    crash = "import _wasmbox\n_wasmbox.builtin('re').compile('(' * 65536)"
    assert Sandbox().run(crash).status is RunStatus.CRASHED
    assert Sandbox().run("print('alive')").stdout == "alive\n"
