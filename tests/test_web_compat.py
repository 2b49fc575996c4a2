"""The compatibility corpus in the browser: what the overlay library gives the official build.

The browser worker gets the same /lib overlay as the WASI engine (typing,
dataclasses, decimal, statistics, csv, ...), but not the host-side source
rewrite, which needs CPython's ``ast`` (see docs/browser.md, "What differs").
So the corpus is held to a floor here, not to 100%: the pass count measured
when the browser sandbox landed. Programs the rewrite does not touch must
behave the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browser import browser_run

CORPUS = Path(__file__).resolve().parent / "compat" / "corpus"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
#: Programs of the corpus that pass in the browser (of 339), measured 2026-11-25.
FLOOR = 217


def test_the_corpus_in_the_browser(page: Any) -> None:
    programs = sorted(CORPUS.rglob("*.py"))
    items = [[str(p.relative_to(CORPUS)), p.read_text()] for p in programs]
    outcomes = page.evaluate(
        """async (items) => {
          const { createSandbox } = await import('/web/wasmbox.js');
          const sandbox = await createSandbox({ timeoutMs: 10000, memoryBytes: 64 * 1024 * 1024 });
          const out = [];
          for (const [name, code] of items) {
            const r = await sandbox.run(code);
            out.push([name, r.status, r.stdout, r.error ? r.error.summary : '']);
          }
          return out;
        }""",
        items,
    )
    passed, report = 0, []
    for (name, status, stdout, summary), path in zip(outcomes, programs, strict=True):
        if status == "ok" and stdout == path.with_suffix(".out").read_text():
            passed += 1
        else:
            report.append(f"{name}\t{status}\t{summary or 'different output'}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "browser-compat.txt").write_text(
        f"{passed}/{len(programs)} pass\n" + "\n".join(report) + "\n"
    )
    assert passed >= FLOOR, f"{passed}/{len(programs)} pass in the browser (floor {FLOOR})"


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("import bisect\nbisect.bisect([1, 3, 5], 4)", 2),
        ("from fractions import Fraction\nstr(Fraction(1, 3) + Fraction(1, 6))", "1/2"),
        ("from decimal import Decimal\nstr(Decimal('0.1') + Decimal('0.2'))", "0.3"),
        ("import statistics\nstatistics.median([3, 1, 2])", 2),
        ("import textwrap\ntextwrap.wrap('aaa bbb ccc', 7)", ["aaa bbb", "ccc"]),
        ("import enum\nclass C(enum.Enum):\n    A = 1\nC.A.name", "A"),
        ("import csv, io\nlist(csv.reader(io.StringIO('a,b\\n1,2\\n')))", [["a", "b"], ["1", "2"]]),
        ("from typing import List, Optional\nOptional[int] is not None", True),
        ("import os\nos.path.splitext('notes.txt')", {"$t": ["notes", ".txt"]}),
        ("import secrets\nlen(secrets.token_hex(8))", 16),
        ("from collections import Counter\nCounter('abca').most_common(1)", [{"$t": ["a", 2]}]),
        ("import functools\n@functools.lru_cache\ndef f(n):\n    return n\nf(3)", 3),
    ],
)
def test_overlay_modules_the_build_lacks_are_there(page: Any, code: str, value: Any) -> None:
    r = browser_run(page, code)
    assert r["status"] == "ok", r["error"]
    assert r["value"] == value
