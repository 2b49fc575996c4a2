"""Reference outputs from CPython 3.11 for tables of snippets (shared by the overlay tests)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from typing import Any

import pytest

# Runs every snippet as __main__ in its own temporary directory, in one process.
DRIVER = r"""
import contextlib, io, json, os, sys, tempfile
snippets = json.load(sys.stdin)
out = {}
for key, code in snippets.items():
    buf = io.StringIO(newline="")
    with tempfile.TemporaryDirectory() as d:
        os.chdir(d)
        with contextlib.redirect_stdout(buf):
            try:
                exec(compile(code, "main.py", "exec"), {"__name__": "__main__"})
            except BaseException as e:
                print("UNCAUGHT", type(e).__name__, e)
        os.chdir("/")
    out[key] = buf.getvalue()
json.dump(out, sys.stdout)
"""


def cpython311() -> str | None:
    """The CPython 3.11 interpreter that defines the expected output, if there is one."""
    if sys.version_info[:2] == (3, 11):
        return sys.executable
    return shutil.which("python3.11")


def reference_outputs(snippets: dict[str, str]) -> dict[str, str]:
    """Each snippet's stdout under CPython 3.11; skips the test when 3.11 is missing."""
    exe = cpython311()
    if exe is None:
        pytest.skip("CPython 3.11 is the reference and is not available")
    proc = subprocess.run(
        [exe, "-c", DRIVER],
        input=json.dumps(snippets),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={"PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8", "PATH": ""},
    )
    out: dict[str, str] = json.loads(proc.stdout)
    return out


def flatten(cases: dict[str, list[str]]) -> dict[str, str]:
    """``{module: [snippet, ...]}`` as ``{"module-i": dedented snippet}``."""
    return {
        f"{mod}-{i}": textwrap.dedent(code).strip("\n") + "\n"
        for mod, codes in cases.items()
        for i, code in enumerate(codes)
    }


def assert_same_stdout(sandbox: Any, code: str, expected: str) -> None:
    """``code`` runs cleanly in ``sandbox`` and prints exactly ``expected`` (CPython's output)."""
    assert "UNCAUGHT" not in expected, expected
    result = sandbox.run(code)
    assert result.status == "ok", f"{result.status}: {result.stderr}"
    assert result.stdout == expected
