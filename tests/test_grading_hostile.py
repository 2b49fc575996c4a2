"""Submissions that try to beat the grader: loops, bombs, floods, early exits, fakes and peeking."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from wasmbox import Limits
from wasmbox.grading import Grader, Verdict


@pytest.fixture(scope="module")
def grader() -> Iterator[Grader]:
    with Grader(limits=Limits(wall_time=0.5, memory=8 << 20, max_output=64 << 10)) as g:
        yield g


#: A HumanEval-style test that `f` (which should return x + 3) fails unless it is right.
CHECK = "def check(candidate):\n    assert candidate(2) == 5\n\ncheck(f)\n"
WRONG_F = "def f(x):\n    return 0\n"


def verdicts(grader: Grader, code: str, cases: list[dict[str, Any]]) -> list[Verdict]:
    return [c.verdict for c in grader.grade(code, cases).cases]


# -- limits ------------------------------------------------------------------------------

LIMITS: dict[str, tuple[str, dict[str, Any], Verdict]] = {
    "busy loop, stdin": ("while True:\n    pass", {"expected_stdout": ""}, Verdict.TIME_LIMIT),
    "busy loop in the function": (
        "def f(x):\n    while True:\n        pass",
        {"call": "f", "args": [1], "expected": 4},
        Verdict.TIME_LIMIT,
    ),
    "busy loop in a test": (
        "def f(x):\n    while True:\n        pass",
        {"test": CHECK},
        Verdict.TIME_LIMIT,
    ),
    "sleep": ("import time\ntime.sleep(60)", {"expected_stdout": ""}, Verdict.TIME_LIMIT),
    "loop that catches everything": (
        "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass",
        {"expected_stdout": ""},
        Verdict.TIME_LIMIT,
    ),
    "growing list": (
        "x = []\nwhile True:\n    x.append(bytearray(1 << 16))",
        {"expected_stdout": ""},
        Verdict.MEMORY_LIMIT,
    ),
    "huge string": ("x = 'a' * (1 << 30)", {"expected_stdout": ""}, Verdict.MEMORY_LIMIT),
    "memory bomb in the function": (
        "def f(x):\n    return [0] * (1 << 28)",
        {"call": "f", "args": [1], "expected": 4},
        Verdict.MEMORY_LIMIT,
    ),
    "stdout flood": (
        "while True:\n    print('x' * 1000)",
        {"expected_stdout": ""},
        Verdict.OUTPUT_LIMIT,
    ),
    "stderr flood": (
        "import sys\nwhile True:\n    sys.stderr.write('x' * 1000)",
        {"expected_stdout": ""},
        Verdict.OUTPUT_LIMIT,
    ),
    "flood in a test case": (
        "def f(x):\n    while True:\n        print('x' * 1000)",
        {"test": CHECK},
        Verdict.OUTPUT_LIMIT,
    ),
    "unbounded recursion": (
        "def f(x):\n    return f(x)",
        {"call": "f", "args": [1], "expected": 4},
        Verdict.RUNTIME_ERROR,
    ),
}


@pytest.mark.parametrize(("code", "case", "verdict"), LIMITS.values(), ids=LIMITS.keys())
def test_limits(grader: Grader, code: str, case: dict[str, Any], verdict: Verdict) -> None:
    assert verdicts(grader, code, [case]) == [verdict]


def test_a_limit_in_one_case_does_not_spill_into_the_next(grader: Grader) -> None:
    code = "import sys\nn = int(sys.stdin.read())\nwhile n:\n    pass\nprint('ok')"
    cases = [{"stdin": "1", "expected_stdout": "ok"}, {"stdin": "0", "expected_stdout": "ok"}]
    assert verdicts(grader, code, cases) == [Verdict.TIME_LIMIT, Verdict.ACCEPTED]


# -- faking a verdict -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "fake",
    [
        'print(\'{"verdict": "accepted"}\')',
        "print('accepted')",
        'import sys\nsys.stderr.write(\'{"verdict": "accepted", "passed": 1}\\n\')',
    ],
)
def test_printing_a_verdict_is_just_output(grader: Grader, fake: str) -> None:
    assert verdicts(grader, fake, [{"expected_stdout": "42"}]) == [Verdict.WRONG_ANSWER]


#: Ways to leave before the test (or the call) runs, each with a wrong `f`.
EARLY_EXITS = {
    "sys.exit(0)": "import sys\nsys.exit(0)",
    "sys.exit()": "import sys\nsys.exit()",
    "sys.exit(None)": "import sys\nsys.exit(None)",
    "sys.exit(False)": "import sys\nsys.exit(False)",
    "exit()": "exit()",
    "raise SystemExit": "raise SystemExit",
    "raise SystemExit(0)": "raise SystemExit(0)",
    "os._exit(0)": "import os\nos._exit(0)",
    "exit in the function": "import sys\n_f = f\ndef f(x):\n    sys.exit(0)",
    "exit in a finally": "try:\n    pass\nfinally:\n    raise SystemExit",
    "KeyboardInterrupt": "raise KeyboardInterrupt",
    "GeneratorExit": "raise GeneratorExit",
    "AssertionError is SystemExit": "AssertionError = SystemExit",
    "builtins.AssertionError is SystemExit": "import builtins\nbuiltins.AssertionError = SystemExit",
    "an AssertionError class exiting": "class AssertionError(SystemExit):\n    pass",
    "the value slot set, then exit": "import sys\nglobals()['__wbv__'] = 'x'\nsys.exit(0)",
    "the bootstrap's report imitated": "import host, sys\nhost.call('wasmbox.done', 'o\"x\"')\nsys.exit(0)",
    "the bootstrap's loop imitated": "import host, sys\nhost.call('wasmbox.program', '')\nsys.exit(0)",
}


@pytest.mark.parametrize("trick", EARLY_EXITS.values(), ids=EARLY_EXITS.keys())
def test_leaving_before_the_test_is_not_accepted(grader: Grader, trick: str) -> None:
    code = WRONG_F + trick + "\n"
    cases: list[Any] = [
        {"test": CHECK},
        {"test": "assert f(2) == 5"},
        # A call expecting None: leaving early must not pass for returning nothing.
        {"call": "f", "args": [2], "expected": None},
    ]
    result = grader.grade(code, cases)
    assert Verdict.ACCEPTED not in [c.verdict for c in result.cases], result.cases


def test_leaving_early_is_a_runtime_error_saying_so(grader: Grader) -> None:
    result = grader.grade(
        WRONG_F + "raise SystemExit", [{"test": CHECK}, {"call": "f", "expected": None}]
    )
    assert [(c.verdict, c.error) for c in result.cases] == [
        (Verdict.RUNTIME_ERROR, "the program exited before the test finished"),
        (Verdict.RUNTIME_ERROR, "the program exited before the call returned"),
    ]


#: Ways to disarm the test itself, each with a wrong `f`.
DISARMED = {
    "AssertionError rebound": "AssertionError = Exception",
    "AssertionError shadowed by a class": "class AssertionError(BaseException):\n    pass",
    "builtins.AssertionError replaced": "import builtins\nclass E(Exception):\n    pass\nbuiltins.AssertionError = E",
    "check predefined": "def check(candidate):\n    pass",
    "assert made a no-op": "def check(c):\n    return True\nimport builtins\nbuiltins.check = check",
    "the token name guessed": "import builtins\nbuiltins.__wbv__ = 'x'",
    "a swallowing string left open": 'x = """',
    "a swallowing line continuation": "x = 1 + \\",
    "a swallowing bracket": "x = (",
    "the test indented into a block": "if False:",
}


@pytest.mark.parametrize("trick", DISARMED.values(), ids=DISARMED.keys())
def test_disarming_the_test_is_not_accepted(grader: Grader, trick: str) -> None:
    code = WRONG_F + trick + "\n"
    assert Verdict.ACCEPTED not in verdicts(grader, code, [{"test": CHECK}])


# -- the always-equal object ------------------------------------------------------------------

ALWAYS_EQUAL = {
    "object": "class A:\n    def __eq__(self, other):\n        return True\n    def __ne__(self, other):\n        return False\n\ndef f(x):\n    return A()",
    "int subclass": "class A(int):\n    def __eq__(self, other):\n        return True\n\ndef f(x):\n    return A(0)",
    "str subclass": "class A(str):\n    def __eq__(self, other):\n        return True\n\ndef f(x):\n    return A('')",
    "float subclass": "class A(float):\n    def __eq__(self, other):\n        return True\n\ndef f(x):\n    return A(0.0)",
    "list subclass": "class A(list):\n    def __eq__(self, other):\n        return True\n\ndef f(x):\n    return A()",
    "dict subclass": "class A(dict):\n    def __eq__(self, other):\n        return True\n\ndef f(x):\n    return A()",
}


@pytest.mark.parametrize("code", ALWAYS_EQUAL.values(), ids=ALWAYS_EQUAL.keys())
def test_an_always_equal_value_does_not_pass_a_call_case(grader: Grader, code: str) -> None:
    cases: list[Any] = [
        {"call": "f", "args": [2], "expected": 5},
        {"call": "f", "args": [2], "expected": [5]},
    ]
    result = grader.grade(code, cases)
    assert Verdict.ACCEPTED not in [c.verdict for c in result.cases], result.cases


@pytest.mark.xfail(strict=True, reason="known limit: test cases compare inside the sandbox")
def test_an_always_equal_value_passes_a_test_case(grader: Grader) -> None:
    code = ALWAYS_EQUAL["object"]
    assert verdicts(grader, code, [{"test": CHECK}]) != [Verdict.ACCEPTED]


@pytest.mark.xfail(strict=True, reason="known limit: a submission can patch built-ins a test uses")
def test_patched_builtins_pass_a_test_case(grader: Grader) -> None:
    code = WRONG_F + "import builtins\nbuiltins.abs = lambda x: 0\n"
    assert verdicts(grader, code, [{"test": "assert abs(f(2) - 5) < 1e-9"}]) != [Verdict.ACCEPTED]


#: Finds the run's token in the guest's memory (after MARK, which is what
#: precedes it in the program), replaces the bootstrap's report to the host
#: with a success whose value is PAYLOAD, then leaves before the test. Both
#: steps worked on earlier builds; now uctypes is not part of the build (the
#: token stays unknown: a made-up one is used) and replacing the bootstrap's
#: _get changes nothing. (A stale memoryview still reaches memory: see
#: tests/test_hidden_modules.py, and the README's note on test cases.)
FORGED_REPORT = r"""
import __main__, host
try:
    import uctypes
except ImportError:
    uctypes = None

def _token():
    if uctypes is None:
        return '0123456789abcdef0123456789abcdef'
    mark = b'__wb' + MARK
    top = uctypes.addressof(bytearray(16)) + 4096
    addr = 65536
    while addr < top:
        chunk = bytes(uctypes.bytearray_at(addr, min(65536 + 64, top - addr)))
        i = chunk.find(mark)
        while i >= 0:
            tok = chunk[i + len(mark):i + len(mark) + 33]
            if len(tok) == 33 and tok[32:] == b"'" and all(c in b'0123456789abcdef' for c in tok[:32]):
                return tok[:32].decode()
            i = chunk.find(mark, i + 1)
        addr += 65536

FORGED = PAYLOAD

def _get(n, a):
    c = host.call(n, FORGED)
    if not c.startswith('+'):
        return c[1:]
    parts = [c[1:]]
    while c.startswith('+'):
        c = host.call('wasmbox.program', '')
        parts.append(c[1:])
    return ''.join(parts)

__main__._get = _get
raise SystemExit
"""


def test_a_forged_report_does_not_pass_a_test_case(grader: Grader) -> None:
    forgery = FORGED_REPORT.replace("MARK", 'b"v__ = \'"').replace(
        "PAYLOAD", "'o\"' + _token() + '\"'"
    )
    assert verdicts(grader, WRONG_F + forgery, [{"test": CHECK}]) != [Verdict.ACCEPTED]


def test_a_forged_report_cannot_pass_a_call_case(grader: Grader) -> None:
    # The same forgery reports a value, but the expected one never entered the guest.
    forgery = FORGED_REPORT.replace("MARK", 'b"v__ = [\'"').replace(
        "PAYLOAD", "'o[\"' + _token() + '\", 0]'"
    )
    (case,) = grader.grade(WRONG_F + forgery, [{"call": "f", "args": [2], "expected": 5}]).cases
    assert case.verdict is Verdict.RUNTIME_ERROR  # it left early: no token came back


# -- looking for the answer ----------------------------------------------------------------------

MARKER = "expected-answer-7f3a9c"

#: Looks everywhere a guest can look, its whole memory included, and says
#: where it found MARKER (whose two halves are never joined in the guest).
SNOOP = r"""
import os, sys
try:
    import uctypes
except ImportError:
    uctypes = None

HEAD, TAIL = b'expected-answer', b'-7f3a9c'

def _walk(path, out):
    try:
        names = os.listdir(path)
    except OSError:
        return
    for name in names:
        full = path.rstrip('/') + '/' + name
        out.append(full)
        if full.startswith('/dev/'):
            continue  # endless devices
        try:
            out.append(open(full).read())
        except Exception:
            _walk(full, out)

def _has(data):
    i = data.find(HEAD)
    while i >= 0:
        if data[i + len(HEAD):i + len(HEAD) + len(TAIL)] == TAIL:
            return True
        i = data.find(HEAD, i + 1)
    return False

def _in_memory():
    if uctypes is None:
        return 'no way to read memory'
    top = uctypes.addressof(bytearray(16)) + 4096
    for addr in range(0, top, 65536):
        if _has(bytes(uctypes.bytearray_at(addr, min(65536 + 64, top - addr)))):
            return True
    return False

def f(*args, **kwargs):
    found = [repr(globals()), repr(args), repr(kwargs), repr(dict(os.environ)), sys.stdin.read()]
    _walk('/', found)
    texts = [t.encode() if isinstance(t, str) else t for t in found]
    hits = [i for i, t in enumerate(texts) if _has(t)]
    return [hits, _in_memory(), '_grade_args' in found[0], '/lib/os' in found]
"""

#: What SNOOP finds: MARKER nowhere, but it did see the inputs and the filesystem;
#: and it has no way to read the interpreter's memory (no uctypes, no machine).
NOTHING_FOUND = "[[], 'no way to read memory', True, True]"


def test_the_expected_value_is_nowhere_in_the_guest(grader: Grader) -> None:
    cases = [{"call": "f", "args": [1], "kwargs": {"k": "v"}, "expected": MARKER, "timeout": 5}]
    (case,) = grader.grade(SNOOP, cases).cases
    assert (case.verdict, case.got) == (Verdict.WRONG_ANSWER, NOTHING_FOUND)


def test_the_expected_output_is_nowhere_in_the_guest(grader: Grader) -> None:
    code = SNOOP + "_grade_args = 0\nprint(f())\n"
    (case,) = grader.grade(code, [{"stdin": "in", "expected_stdout": MARKER, "timeout": 5}]).cases
    assert (case.verdict, case.got) == (Verdict.WRONG_ANSWER, NOTHING_FOUND + "\n")


def test_the_snoop_would_find_the_marker_were_it_there(grader: Grader) -> None:
    # The same search, with MARKER among the arguments: found in globals and args.
    cases = [{"call": "f", "args": [MARKER], "expected": MARKER, "timeout": 5}]
    (case,) = grader.grade(SNOOP, cases).cases
    assert case.got is not None and case.got.startswith("[[0, 1], 'no way to read memory',")


def test_the_program_source_cannot_be_read(grader: Grader) -> None:
    code = "def f(x):\n    try:\n        return open('main.py').read()\n    except OSError as e:\n        return 'no source'\n"
    (case,) = grader.grade(code, [{"call": "f", "args": [2], "expected": 5}]).cases
    assert (case.verdict, case.got) == (Verdict.WRONG_ANSWER, "'no source'")


def test_the_test_is_not_in_globals_before_it_runs(grader: Grader) -> None:
    code = "seen = repr(globals())\ndef f(x):\n    return seen\n"
    test = "def check(candidate):\n    pass\nprint(f(0))"
    (case,) = grader.grade(code, [{"test": test}]).cases
    assert case.verdict is Verdict.ACCEPTED
    assert case.got is not None and "seen" not in case.got and "check" not in case.got


# -- calling what is not there -------------------------------------------------------------------

MISSING = {
    "no such function": ("def g(x):\n    return x + 3", "NameError"),
    "not callable": ("f = 5", "TypeError"),
    "deleted by the submission": ("def f(x):\n    return x + 3\ndel f", "NameError"),
    "arguments removed": ("def f(x):\n    return x + 3\ndel _grade_args", "NameError"),
    "arguments replaced": ("def f(x):\n    return x + 3\n_grade_args = 5", "TypeError"),
}


@pytest.mark.parametrize(("code", "error"), MISSING.values(), ids=MISSING.keys())
def test_a_missing_function_is_a_runtime_error(grader: Grader, code: str, error: str) -> None:
    (case,) = grader.grade(code, [{"call": "f", "args": [2], "expected": 5}]).cases
    assert case.verdict is Verdict.RUNTIME_ERROR
    assert case.error is not None and case.error.startswith(error)


# -- code that does not compile ------------------------------------------------------------------

UNCOMPILABLE = {
    "parentheses": "(" * 10_000,
    "brackets": "x = " + "[" * 5000 + "]" * 5000,
    "unary minus": "x = " + "-" * 100_000 + "1",
    "not": "x = " + "not " * 100_000 + "1",
    "additions": "x = " + "1+" * 100_000 + "1",
    "lambdas": "f = " + "lambda: " * 10_000 + "1",
    "indentation": "".join(" " * i + "if 1:\n" for i in range(150)) + " " * 150 + "pass\n",
    "NUL byte": "x = 1\x00",
    "lone surrogate": "x = '\ud800'\nprint(x",
    "unterminated string": "def f(x):\n    return '''",
    "binary junk": "\x89PNG\r\n\x1a\n\x00\x00",
    "only a colon": ":",
}


@pytest.mark.parametrize("code", UNCOMPILABLE.values(), ids=UNCOMPILABLE.keys())
def test_code_that_does_not_compile(grader: Grader, code: str) -> None:
    cases: list[Any] = [
        {"test": CHECK},
        {"call": "f", "args": [2], "expected": 5},
        {"expected_stdout": ""},
    ]
    result = grader.grade(code, cases)
    assert [c.verdict for c in result.cases] == [Verdict.COMPILE_ERROR] * 3
    assert result.cases[0].error is not None and len(result.cases[0].error) < 250


def test_deep_nesting_the_host_accepts_runs_in_the_guest(grader: Grader) -> None:
    code = "x = " + "(" * 150 + "1" + ")" * 150 + "\ndef f(x):\n    return x + 3"
    assert verdicts(grader, code, [{"test": CHECK}]) == [Verdict.ACCEPTED]
