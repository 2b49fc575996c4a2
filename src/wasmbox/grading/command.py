"""``wasmbox grade``: a JSON Lines file of submissions, graded on every core or on Ray.

Results go to ``--out`` (standard output by default), one line per submission
in input order, as soon as every submission before it is done. A progress bar
runs on a terminal; at the end a summary table (verdict counts, pass rate,
time) goes to standard error, or with ``--json`` a JSON summary goes to
standard output (to standard error when the results are on standard output).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from ..errors import ConfigError
from ..limits import Limits, parse_duration, parse_size
from .batch import GradeOptions, Job, LocalPool, in_order
from .jobs import Malformed, Summary, output_line, read_jobs

__all__ = ["add_arguments", "grade_command"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``wasmbox grade``."""
    parser.add_argument("submissions", help="JSON Lines: {id, code, cases} per line; - for stdin")
    parser.add_argument("--cases", metavar="FILE", help="a JSON list of cases shared by every line")
    parser.add_argument("--out", metavar="FILE", help="where result lines go (default: stdout)")
    parser.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    parser.add_argument(
        "--ray",
        nargs="?",
        const="",
        metavar="ADDRESS",
        help="grade on a Ray cluster (ADDRESS, or a local one when none is given)",
    )
    parser.add_argument("--engine", default="micropython", help="micropython, cpython or auto")
    parser.add_argument(
        "--compare", default="exact", help="exact, whitespace or float (cases may say otherwise)"
    )
    parser.add_argument("--tolerance", type=float, default=1e-6, help="for float comparisons")
    parser.add_argument("--timeout", help="wall time of each case's run, e.g. 2s")
    parser.add_argument("--memory", help="memory limit of each case's run, e.g. 64M")
    parser.add_argument(
        "--stop-on-failure", action="store_true", help="skip a submission's cases after a failure"
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")


def grade_command(args: argparse.Namespace) -> int:
    """Run ``wasmbox grade``; 0 once every line is graded or reported as malformed."""
    shared = _shared_cases(args.cases)
    options = GradeOptions(
        limits=_limits(args),
        engine=args.engine,
        compare=args.compare,
        tolerance=args.tolerance,
        stop_on_failure=args.stop_on_failure,
    )
    summary = Summary()
    with contextlib.ExitStack() as stack:
        source = _open_input(args.submissions, stack)
        out = open(args.out, "w") if args.out else sys.stdout  # noqa: SIM115
        if args.out:
            stack.enter_context(out)
        total = _count_lines(args.submissions)
        progress = _progress(total) if sys.stderr.isatty() else None
        if progress is not None:
            stack.enter_context(progress)
        pool = stack.enter_context(_pool(args, options))

        def jobs() -> Iterator[Job]:
            for item in read_jobs(source, shared):
                if isinstance(item, Malformed):
                    summary.malformed += 1
                    print(f"wasmbox: line {item.line}: skipped: {item.reason}", file=sys.stderr)
                    if progress is not None:
                        progress.advance(progress.task_ids[0])
                    continue
                yield item

        for graded in in_order(pool.grade(jobs())):
            out.write(output_line(graded) + "\n")
            summary.add(graded)
            if progress is not None:
                progress.advance(progress.task_ids[0])
        out.flush()
    summary.finish()
    _report(summary, args)
    return 0


def _shared_cases(path: str | None) -> list[Any] | None:
    if path is None:
        return None
    try:
        cases = json.loads(Path(path).read_text())
    except (OSError, ValueError) as exc:
        raise ConfigError(f"--cases {path}: {exc}") from exc
    if not isinstance(cases, list):
        raise ConfigError(f"--cases {path}: a JSON list of cases")
    return cases


def _limits(args: argparse.Namespace) -> Limits | None:
    fields: dict[str, Any] = {}
    if args.timeout:
        fields["wall_time"] = parse_duration(args.timeout)
    if args.memory:
        fields["memory"] = parse_size(args.memory)
    if not fields:
        return None
    if args.engine != "micropython" and "memory" not in fields:
        from ..cpython import DEFAULT_MEMORY

        fields["memory"] = DEFAULT_MEMORY
    return Limits(**fields)


def _open_input(path: str, stack: contextlib.ExitStack) -> TextIO:
    if path == "-":
        return sys.stdin
    try:
        return stack.enter_context(open(path, encoding="utf-8", errors="replace"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from exc


def _count_lines(path: str) -> int | None:
    if path == "-":
        return None
    with open(path, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def _pool(args: argparse.Namespace, options: GradeOptions) -> Any:
    if args.ray is not None:
        from ..ray import RayPool

        return RayPool(options, address=args.ray or None, actors=args.workers)
    return LocalPool(args.workers or os.cpu_count() or 1, options)


def _progress(total: int | None) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn("grading"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        transient=True,
    )
    progress.add_task("grading", total=total)
    return progress


def _report(summary: Summary, args: argparse.Namespace) -> None:
    if args.json:
        stream = sys.stdout if args.out else sys.stderr
        print(json.dumps(summary.to_dict()), file=stream)
        return
    from rich.console import Console
    from rich.table import Table

    data = summary.to_dict()
    table = Table(title=f"{data['graded']} submissions graded in {data['seconds']:g} s")
    table.add_column("verdict")
    table.add_column("count", justify="right")
    table.add_column("share", justify="right")
    for verdict, count in data["verdicts"].items():
        if count:
            table.add_row(verdict, str(count), f"{count / max(1, data['graded']):.1%}")
    if summary.failed:
        table.add_row("not graded", str(summary.failed), "")
    if summary.malformed:
        table.add_row("malformed lines", str(summary.malformed), "")
    table.caption = f"pass rate {data['pass_rate']:.1%} · {data['per_second'] or 0:g} per second"
    Console(stderr=True).print(table)
