"""CPython-compatibility report: run the corpus in wasmbox and compare with CPython 3.11.

Every ``tests/compat/corpus/<category>/<name>.py`` runs in one ``Sandbox`` (wall time 5 s);
it passes when the run ends with status ``ok`` and its stdout equals ``<name>.out`` (written
by ``tests/compat/generate_expected.py`` with CPython) exactly. The report gives the overall
and per-category pass rates, then the failures grouped by cause: the guest's exception type
and the first line of its message, normalised ("ImportError: no module named 'dataclasses'"),
"output differs" when the run succeeded with another stdout ("... other order" when only the
order of the characters differs: dict or set iteration order), or the run status ("timeout").

    python bench/compat_report.py                    # the whole corpus
    python bench/compat_report.py --category text    # one category
    python bench/compat_report.py --show zfill_ids   # one program: error, stderr and diff
    python bench/compat_report.py --json             # machine-readable summary
    python bench/compat_report.py -v                 # also list every failing program
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from wasmbox import Limits, RunResult, Sandbox

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "compat" / "corpus"
LIMITS = Limits(wall_time=5)
OUTPUT_DIFFERS = "output differs"
# Same characters, another order: almost always dict or set iteration order.
OUTPUT_REORDERED = "output differs (same characters, other order: dict/set order?)"


@dataclass
class Outcome:
    name: str  # "category/program"
    category: str
    passed: bool
    cause: str | None  # None when passed
    expected: str
    result: RunResult


def programs(category: str | None = None) -> list[Path]:
    found = sorted(CORPUS.glob("*/*.py"))
    return [p for p in found if category is None or p.parent.name == category]


def program_name(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def find_program(name: str) -> Path:
    """``category/name``, ``name`` or a path."""
    name = name.removesuffix(".py")
    matches = [p for p in programs() if name in (program_name(p), p.stem, str(p.with_suffix("")))]
    if len(matches) != 1:
        raise SystemExit(f"{name!r} matches {len(matches)} programs")
    return matches[0]


def expected_output(path: Path) -> str:
    out = path.with_suffix(".out")
    if not out.exists():
        raise SystemExit(f"{out} is missing: run tests/compat/generate_expected.py")
    return out.read_bytes().decode("utf-8")


def normalise_message(message: str) -> str:
    """First line, whitespace collapsed, addresses and long numbers masked, capped length."""
    lines = message.strip().splitlines()
    first = " ".join(lines[0].split()) if lines else ""
    first = re.sub(r"0x[0-9a-fA-F]+", "0x…", first)
    first = re.sub(r"\d{4,}", "N", first)
    return first if len(first) <= 90 else first[:89] + "…"


def classify(result: RunResult, expected: str) -> str | None:
    """The cause of a failure, or None when the run matches CPython."""
    status = str(result.status.value if hasattr(result.status, "value") else result.status)
    if status == "ok":
        if result.stdout == expected:
            return None
        return OUTPUT_REORDERED if sorted(result.stdout) == sorted(expected) else OUTPUT_DIFFERS
    if status == "error" and result.error is not None:
        message = normalise_message(result.error.message or "")
        return f"{result.error.type}: {message}" if message else result.error.type
    if status == "memory_limit":
        return "MemoryError / memory limit"
    if status == "crashed" and result.error is not None:
        return f"crashed: {normalise_message(result.error.message or result.error.type)}"
    return status.replace("_", " ")


def run_one(sandbox: Sandbox, path: Path) -> Outcome:
    expected = expected_output(path)
    result = sandbox.run(path.read_text(encoding="utf-8"), limits=LIMITS)
    cause = classify(result, expected)
    return Outcome(program_name(path), path.parent.name, cause is None, cause, expected, result)


def run_corpus(sandbox: Sandbox, paths: Iterable[Path], jobs: int = 1) -> list[Outcome]:
    paths = list(paths)
    if jobs <= 1:
        return [run_one(sandbox, p) for p in paths]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lambda p: run_one(sandbox, p), paths))


def summarise(outcomes: list[Outcome]) -> dict[str, object]:
    categories: dict[str, dict[str, float]] = {}
    for o in outcomes:
        c = categories.setdefault(o.category, {"passed": 0, "total": 0})
        c["total"] += 1
        c["passed"] += o.passed
    for c in categories.values():
        c["rate"] = round(100 * c["passed"] / c["total"], 1)
    causes: dict[str, list[str]] = {}
    for o in outcomes:
        if o.cause is not None:
            causes.setdefault(o.cause, []).append(o.name)
    ranked = sorted(causes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    passed = sum(o.passed for o in outcomes)
    return {
        "total": len(outcomes),
        "passed": passed,
        "rate": round(100 * passed / len(outcomes), 1) if outcomes else 0.0,
        "categories": dict(sorted(categories.items())),
        "causes": [{"cause": k, "count": len(v), "programs": v} for k, v in ranked],
        "failures": {o.name: o.cause for o in outcomes if not o.passed},
    }


def print_report(summary: dict[str, object], verbose: bool, examples: int = 3) -> None:
    total, passed, rate = summary["total"], summary["passed"], summary["rate"]
    print(f"wasmbox compatibility corpus: {total} programs vs CPython 3.11")
    print(f"overall: {passed}/{total} passed ({rate}%)")
    print()
    print(f"{'category':<12}{'passed':>8}{'total':>7}{'rate':>8}")
    categories = summary["categories"]
    assert isinstance(categories, dict)
    for name, c in categories.items():
        print(f"{name:<12}{c['passed']:>8}{c['total']:>7}{c['rate']:>7.1f}%")
    causes = summary["causes"]
    assert isinstance(causes, list)
    print()
    print(f"failures by cause ({len(causes)} causes):")
    for c in causes:
        names = c["programs"]
        shown = ", ".join(names[:examples]) + (
            f" (+{len(names) - examples})" if len(names) > examples else ""
        )
        print(f"{c['count']:>5}  {c['cause']}")
        print(f"       e.g. {shown}")
    if verbose:
        print()
        failures = summary["failures"]
        assert isinstance(failures, dict)
        for name, cause in failures.items():
            print(f"FAIL {name:<45} {cause}")


def show(sandbox: Sandbox, name: str) -> int:
    path = find_program(name)
    o = run_one(sandbox, path)
    r = o.result
    print(
        f"{o.name}: {'PASS' if o.passed else 'FAIL'}  status={r.status.value}  "
        f"{r.duration_ms:.0f} ms"
    )
    if o.cause:
        print(f"cause: {o.cause}")
    if r.error is not None:
        print(f"error: {r.error.summary}")
    if r.stderr:
        print("--- stderr")
        print(r.stderr, end="" if r.stderr.endswith("\n") else "\n")
    if r.stdout != o.expected:
        print("--- diff (expected: CPython 3.11, got: wasmbox)")
        diff = difflib.unified_diff(
            o.expected.splitlines(keepends=True),
            r.stdout.splitlines(keepends=True),
            "expected (CPython)",
            "wasmbox",
        )
        for line in diff:
            print(line, end="" if line.endswith("\n") else "\n\\ No newline at end of file\n")
    return 0 if o.passed else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--category", help="only this category (a directory of the corpus)")
    ap.add_argument("--show", metavar="NAME", help="run one program; print its error and diff")
    ap.add_argument("--json", action="store_true", help="print a JSON summary instead")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="threads sharing the sandbox")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every failing program")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    sandbox = Sandbox()
    if args.show:
        return show(sandbox, args.show)
    paths = programs(args.category)
    if not paths:
        known = sorted({p.parent.name for p in programs()})
        print(f"no programs in category {args.category!r}; categories: {', '.join(known)}")
        return 2
    run_started = time.perf_counter()
    outcomes = run_corpus(sandbox, paths, args.jobs)
    finished = time.perf_counter()
    summary = summarise(outcomes)
    summary["seconds"] = round(finished - started, 2)
    summary["run_seconds"] = round(finished - run_started, 2)
    if args.json:
        json.dump(summary, sys.stdout, indent=2)
        print()
    else:
        print_report(summary, args.verbose)
        print()
        print(
            f"total time: {summary['seconds']} s "
            f"(runs {summary['run_seconds']} s, {len(outcomes)} programs, {args.jobs} thread(s))"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
