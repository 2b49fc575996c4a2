"""Grade code against test cases, as a judge or a code-generation benchmark does.

>>> from wasmbox.grading import grade
>>> cases = [{"call": "add", "args": [2, 3], "expected": 5}]
>>> grade("def add(a, b):\\n    return a + b", cases).verdict
<Verdict.ACCEPTED: 'accepted'>

Each case runs in a fresh sandbox: a program fed stdin whose output is
compared (``stdin``), a function call whose value is compared on the host
(``call``), or HumanEval-style test code (``test``). See
:mod:`wasmbox.grading.grader` for how each runs and what it can and cannot
guard against, and :mod:`wasmbox.grading.passk` for pass@k.
"""

from .cases import COMPARE_MODES, AssertCase, CallCase, Case, StdinCase, parse_cases
from .grader import CaseResult, Grader, GradeResult, Verdict, grade
from .passk import estimate_pass_at_k, pass_at_k

__all__ = [
    "COMPARE_MODES",
    "AssertCase",
    "CallCase",
    "Case",
    "CaseResult",
    "GradeResult",
    "Grader",
    "StdinCase",
    "Verdict",
    "estimate_pass_at_k",
    "grade",
    "parse_cases",
    "pass_at_k",
]
