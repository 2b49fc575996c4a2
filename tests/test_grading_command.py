"""``wasmbox grade``, as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SUBMISSIONS = [
    {"id": "ok", "code": "print(int(input()) * 2)", "cases": [{"stdin": "21", "expected_stdout": "42"}]},
    {"id": "wrong", "code": "print(int(input()) * 3)", "cases": [{"stdin": "21", "expected_stdout": "42"}]},
    {"id": "loop", "code": "while True: pass", "cases": [{"expected_stdout": "", "timeout": 0.2}]},
    {"id": "fake", "code": "print('{\"verdict\": \"accepted\"}')", "cases": [{"expected_stdout": "42"}]},
]  # fmt: skip


def grade(tmp_path: Path, lines: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "subs.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return subprocess.run(
        [sys.executable, "-m", "wasmbox.cli", "grade", str(path), "--workers", "2", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_results_in_input_order_and_malformed_lines_skipped(tmp_path: Path) -> None:
    lines = [json.dumps(s) for s in SUBMISSIONS]
    lines.insert(2, "{not json")
    lines.append(json.dumps({"id": "typo", "code": "1", "cases": [{"expected_stdot": "1"}]}))
    proc = grade(tmp_path, lines)
    assert proc.returncode == 0, proc.stderr
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["id"], r["verdict"]) for r in results] == [
        ("ok", "accepted"),
        ("wrong", "wrong_answer"),
        ("loop", "time_limit"),
        ("fake", "wrong_answer"),
    ]
    assert "line 3: skipped" in proc.stderr and "line 6: skipped" in proc.stderr
    assert "pass rate 25.0%" in proc.stderr  # the summary table


def test_out_file_json_summary_and_shared_cases(tmp_path: Path) -> None:
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps([{"call": "f", "args": [2], "expected": 4}]))
    lines = [
        json.dumps({"id": 1, "code": "def f(x):\n    return x * 2"}),
        json.dumps({"id": 2, "code": "def f(x):\n    return x + 3"}),
        json.dumps({"id": 3, "code": "def f(x) return"}),
    ]
    out = tmp_path / "results.jsonl"
    proc = grade(tmp_path, lines, "--cases", str(cases), "--out", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["graded"] == 3 and summary["malformed"] == 0
    assert summary["verdicts"]["accepted"] == 1 and summary["verdicts"]["compile_error"] == 1
    results = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["verdict"] for r in results] == ["accepted", "wrong_answer", "compile_error"]
    assert results[1]["cases"][0]["got"] == "5" and results[1]["cases"][0]["expected"] == "4"


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "wasmbox.cli", "grade", str(tmp_path / "nope.jsonl")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 64 and "cannot read" in proc.stderr
