"""Regenerate the expected output (``.out``) of every program of the compatibility corpus.

Each ``tests/compat/corpus/<category>/<name>.py`` is run with the current CPython (the corpus
is written against 3.11) and its stdout is written next to it as ``<name>.out``. A program
runs as ``main.py`` in a fresh temporary directory (as in the sandbox, whose workspace is
``/work``), with a fixed hash seed.

A program that fails under CPython (non-zero exit, anything on stderr, or a timeout) is a bug
in the corpus: it is reported, its ``.out`` is left alone and the script exits with status 1.

    python tests/compat/generate_expected.py                 # regenerate everything
    python tests/compat/generate_expected.py text/zfill_ids  # only some programs
    python tests/compat/generate_expected.py --check         # also run under a second hash
                                                             # seed; flag output that differs
                                                             # and programs slower than 1 s
    python tests/compat/generate_expected.py --dry-run       # report, write nothing
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
TIMEOUT = 20.0
SLOW = 1.0


@dataclass
class Outcome:
    path: Path
    stdout: bytes
    stderr: bytes
    returncode: int | None  # None: timed out
    seconds: float


def corpus_programs(selection: list[str] | None = None) -> list[Path]:
    """Every program of the corpus (or those matching ``category``, ``category/name`` or ``name``)."""
    programs = sorted(CORPUS.glob("*/*.py"))
    if not selection:
        return programs
    chosen = []
    for p in programs:
        rel = f"{p.parent.name}/{p.stem}"
        if any(s.removesuffix(".py") in (rel, p.stem, p.parent.name) for s in selection):
            chosen.append(p)
    return chosen


def run_cpython(path: Path, hash_seed: str = "0") -> Outcome:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONHASHSEED": hash_seed,
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": "C.UTF-8",
        "TZ": "UTC",
    }
    with tempfile.TemporaryDirectory(prefix="compat-") as tmp:
        shutil.copyfile(path, Path(tmp) / "main.py")
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                [sys.executable, "-s", "main.py"],
                cwd=tmp,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired as e:
            return Outcome(path, e.stdout or b"", e.stderr or b"", None, TIMEOUT)
        return Outcome(path, proc.stdout, proc.stderr, proc.returncode, time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("programs", nargs="*", help="category, category/name or name (default: all)")
    ap.add_argument("--check", action="store_true", help="determinism and speed checks")
    ap.add_argument("--dry-run", action="store_true", help="do not write .out files")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args(argv)

    if sys.version_info[:2] != (3, 11):
        print(f"warning: the corpus expects CPython 3.11, this is {sys.version.split()[0]}")

    programs = corpus_programs(args.programs)
    if not programs:
        print("no program matches", args.programs)
        return 1

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        outcomes = list(pool.map(run_cpython, programs))
        reruns = list(pool.map(lambda p: run_cpython(p, "12345"), programs)) if args.check else []

    failed, written, unchanged, problems = [], 0, 0, []
    for o in outcomes:
        rel = o.path.relative_to(CORPUS)
        if o.returncode is None:
            failed.append(f"{rel}: timed out after {TIMEOUT:.0f} s")
            continue
        if o.returncode != 0 or o.stderr:
            last = o.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            failed.append(f"{rel}: exit {o.returncode}: {last[0]}")
            continue
        if not o.stdout:
            problems.append(f"{rel}: prints nothing")
        if o.seconds > SLOW:
            problems.append(f"{rel}: slow ({o.seconds:.2f} s)")
        out = o.path.with_suffix(".out")
        if out.exists() and out.read_bytes() == o.stdout:
            unchanged += 1
        elif not args.dry_run:
            out.write_bytes(o.stdout)
            written += 1
        else:
            written += 1
    for o, again in zip(outcomes, reruns, strict=False):
        if o.returncode == 0 and again.stdout != o.stdout:
            problems.append(f"{o.path.relative_to(CORPUS)}: output depends on the hash seed")

    orphans = [
        p.relative_to(CORPUS)
        for p in sorted(CORPUS.glob("*/*.out"))
        if not p.with_suffix(".py").exists()
    ]
    verb = "would write" if args.dry_run else "wrote"
    print(
        f"{len(programs)} programs with {sys.executable} ({sys.version.split()[0]}): "
        f"{verb} {written}, unchanged {unchanged}, failed {len(failed)}"
    )
    for line in failed:
        print("  FAIL", line)
    for line in problems:
        print("  WARN", line)
    for rel in orphans:
        print("  WARN", f"{rel}: no matching .py")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
