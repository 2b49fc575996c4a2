"""Grading code against test cases: every verdict, every case kind, every comparison mode."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from wasmbox import ConfigError, Limits
from wasmbox.grading import (
    AssertCase,
    CallCase,
    Grader,
    StdinCase,
    Verdict,
    grade,
    parse_cases,
)
from wasmbox.grading.compare import compare_output, compare_value, shorten


@pytest.fixture(scope="module")
def grader() -> Iterator[Grader]:
    with Grader(limits=Limits(wall_time=2.0)) as g:
        yield g


ADD = "def add(a, b):\n    return a + b\n"
DOUBLE = "print(int(input()) * 2)\n"
#: Both: doubles its input when it has one.
BOTH = ADD + "import sys\ndata = sys.stdin.read()\nif data:\n    print(int(data) * 2)\n"

#: (code, case, limits, verdict): each verdict reached by real code.
VERDICTS: dict[str, tuple[str, dict[str, Any], Limits | None, Verdict]] = {
    "stdin accepted": (
        DOUBLE,
        {"stdin": "21\n", "expected_stdout": "42\n"},
        None,
        Verdict.ACCEPTED,
    ),
    "stdin wrong answer": (
        DOUBLE,
        {"stdin": "2", "expected_stdout": "5"},
        None,
        Verdict.WRONG_ANSWER,
    ),
    "call accepted": (ADD, {"call": "add", "args": [2, 3], "expected": 5}, None, Verdict.ACCEPTED),
    "call wrong answer": (
        ADD,
        {"call": "add", "args": [2, 2], "expected": 5},
        None,
        Verdict.WRONG_ANSWER,
    ),
    "test accepted": (ADD, {"test": "assert add(1, 2) == 3"}, None, Verdict.ACCEPTED),
    "test assertion fails": (ADD, {"test": "assert add(1, 2) == 4"}, None, Verdict.WRONG_ANSWER),
    "test raises another error": (ADD, {"test": "add(1, 'x')"}, None, Verdict.RUNTIME_ERROR),
    "wall time": (
        "while True:\n    pass",
        {"expected_stdout": "", "timeout": 0.3},
        None,
        Verdict.TIME_LIMIT,
    ),
    "fuel": (
        "while True:\n    pass",
        {"expected_stdout": ""},
        Limits(fuel=5_000_000),
        Verdict.TIME_LIMIT,
    ),
    "memory": ("x = bytearray(1 << 30)", {"expected_stdout": ""}, None, Verdict.MEMORY_LIMIT),
    "output": (
        "print('x' * 100_000)",
        {"expected_stdout": ""},
        Limits(max_output=10_000),
        Verdict.OUTPUT_LIMIT,
    ),
    "uncaught exception": ("1 / 0", {"expected_stdout": ""}, None, Verdict.RUNTIME_ERROR),
    "non-zero exit": (
        "import sys\nprint(1)\nsys.exit(3)",
        {"expected_stdout": "1"},
        None,
        Verdict.RUNTIME_ERROR,
    ),
    "exit 0 in a stdin case is fine": (
        "import sys\nprint(1)\nsys.exit(0)\nprint(2)",
        {"expected_stdout": "1"},
        None,
        Verdict.ACCEPTED,
    ),
    "host parser rejects": (
        "def f(:\n    pass",
        {"expected_stdout": ""},
        None,
        Verdict.COMPILE_ERROR,
    ),
    "MicroPython's compiler rejects": (
        "return 1",
        {"expected_stdout": ""},
        None,
        Verdict.COMPILE_ERROR,
    ),
    "MicroPython's compiler rejects, in a function": (
        "def f():\n    x = 1\n    global x\n",
        {"expected_stdout": ""},
        None,
        Verdict.COMPILE_ERROR,
    ),
    "MicroPython's lexer rejects": (
        "print('\\N{EM DASH}')",
        {"expected_stdout": "—"},
        None,
        Verdict.COMPILE_ERROR,
    ),
    "a SyntaxError from exec is a runtime error": (
        "exec('x =')",
        {"expected_stdout": ""},
        None,
        Verdict.RUNTIME_ERROR,
    ),
    "a SyntaxError from an import is a runtime error": (
        "open('m.py', 'w').write('x =')\nimport m",
        {"expected_stdout": ""},
        None,
        Verdict.RUNTIME_ERROR,
    ),
    "a SyntaxError raised after output is a runtime error": (
        "print(1)\nraise SyntaxError('no')",
        {"expected_stdout": "1"},
        None,
        Verdict.RUNTIME_ERROR,
    ),
    "a SyntaxError raised in a function is a runtime error": (
        "def f():\n    raise SyntaxError('no')\nf()",
        {"expected_stdout": ""},
        None,
        Verdict.RUNTIME_ERROR,
    ),
}


@pytest.mark.parametrize(
    ("code", "case", "limits", "verdict"), VERDICTS.values(), ids=VERDICTS.keys()
)
def test_verdicts(
    grader: Grader, code: str, case: dict[str, Any], limits: Limits | None, verdict: Verdict
) -> None:
    result = grader.grade(code, [case], limits=limits)
    assert result.verdict is verdict, result.cases[0]
    assert result.cases[0].verdict is verdict
    assert (result.cases[0].error is None) == (verdict is Verdict.ACCEPTED)


def test_verdict_values_are_the_documented_strings() -> None:
    assert [v.value for v in Verdict] == [
        "accepted",
        "wrong_answer",
        "time_limit",
        "memory_limit",
        "output_limit",
        "runtime_error",
        "compile_error",
    ]


def test_case_results_say_what_was_expected_and_what_came(grader: Grader) -> None:
    cases: list[Any] = [
        {"stdin": "2", "expected_stdout": "5"},
        {"call": "add", "args": [2, 2], "expected": 5},
        {"test": "assert add(1, 2) == 4, 'off by one'"},
    ]
    stdin, call, test = grader.grade(BOTH, cases).cases
    assert (stdin.kind, stdin.expected, stdin.got, stdin.error) == (
        "stdin",
        "5",
        "4\n",
        "line 1: expected '5', got '4'",
    )
    assert (call.kind, call.expected, call.got, call.error) == (
        "call",
        "5",
        "4",
        "expected 5, got 4",
    )
    assert (test.kind, test.expected, test.got) == ("test", None, None)
    assert test.error is not None and "AssertionError" in test.error and "off by one" in test.error
    assert [c.index for c in (stdin, call, test)] == [0, 1, 2]
    assert all(c.duration_ms > 0 for c in (stdin, call, test))


def test_the_first_failure_decides_and_every_case_runs(grader: Grader) -> None:
    cases = [
        {"call": "add", "args": [1, 1], "expected": 2},
        {"call": "add", "args": [1, 1], "expected": 3},
        {"call": "add", "args": [1, "x"], "expected": 2},
        {"call": "add", "args": [2, 2], "expected": 4},
    ]
    result = grader.grade(ADD, cases)
    assert result.verdict is Verdict.WRONG_ANSWER
    assert [c.verdict for c in result.cases] == [
        Verdict.ACCEPTED,
        Verdict.WRONG_ANSWER,
        Verdict.RUNTIME_ERROR,
        Verdict.ACCEPTED,
    ]
    assert (result.passed, result.total, result.accepted) == (2, 4, False)


def test_stop_on_failure_leaves_the_rest_out(grader: Grader) -> None:
    cases = [{"call": "add", "args": [1, 1], "expected": e} for e in (2, 3, 2)]
    result = grader.grade(ADD, cases, stop_on_failure=True)
    assert (result.verdict, result.passed, result.total, len(result.cases)) == (
        Verdict.WRONG_ANSWER,
        1,
        3,
        2,
    )


def test_all_accepted(grader: Grader) -> None:
    cases = [{"call": "add", "args": [i, i], "expected": 2 * i} for i in range(5)]
    result = grader.grade(ADD, cases)
    assert (result.verdict, result.passed, result.total, result.accepted) == (
        Verdict.ACCEPTED,
        5,
        5,
        True,
    )


def test_a_compile_error_runs_nothing_and_fails_every_case(grader: Grader) -> None:
    result = grader.grade("def add(a, b)\n    return a + b", [{"test": "pass"}] * 3)
    assert result.verdict is Verdict.COMPILE_ERROR
    assert [c.verdict for c in result.cases] == [Verdict.COMPILE_ERROR] * 3
    assert all(c.duration_ms == 0 for c in result.cases)
    assert result.cases[0].error == "SyntaxError (line 1): expected ':'"


def test_test_code_this_engine_cannot_compile_is_named(grader: Grader) -> None:
    result = grader.grade(ADD, [{"test": "def f():\n    x = 1\n    global x\n"}])
    assert result.verdict is Verdict.COMPILE_ERROR
    assert "the case's own code" in (result.cases[0].error or "")


def test_to_dict_is_json(grader: Grader) -> None:
    result = grader.grade(ADD, [{"call": "add", "args": [[1], [2]], "expected": [1, 2]}])
    data = json.loads(json.dumps(result.to_dict()))
    assert data["verdict"] == "accepted"
    assert (data["passed"], data["total"]) == (1, 1)
    assert data["cases"][0] == {
        "index": 0,
        "kind": "call",
        "verdict": "accepted",
        "expected": "[1, 2]",
        "got": "[1, 2]",
        "error": None,
        "duration_ms": data["cases"][0]["duration_ms"],
    }


def test_long_output_is_shortened(grader: Grader) -> None:
    result = grader.grade("print('x' * 5000)", [{"expected_stdout": "y" * 5000}])
    case = result.cases[0]
    assert case.got is not None and case.expected is not None
    assert len(case.got) < 250 and case.got.startswith("x" * 200)
    assert "4,801 more characters" in case.got
    assert case.expected.startswith("y" * 200) and len(case.expected) < 250
    assert case.error is not None and len(case.error) < 250


def test_shorten() -> None:
    assert shorten("abc", 3) == "abc"
    assert shorten("abcd", 3) == "abc… (1 more characters)"


# -- the case kinds ----------------------------------------------------------------------


def test_stdin_is_fed_to_the_program(grader: Grader) -> None:
    code = "import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))"
    result = grader.grade(code, [{"stdin": "1 2 3\n4", "expected_stdout": "10"}])
    assert result.accepted


def test_stdin_defaults_to_empty(grader: Grader) -> None:
    result = grader.grade("print('hi')", [{"expected_stdout": "hi"}])
    assert result.accepted


def test_a_stdin_program_ending_in_an_expression(grader: Grader) -> None:
    # The value of its last expression is not returned, so it need not cross the boundary.
    code = "class A:\n    pass\nprint('ok')\nA()"
    assert grader.grade(code, [{"expected_stdout": "ok"}]).accepted


def test_call_arguments_arrive_as_given(grader: Grader) -> None:
    code = "def f(*args, **kwargs):\n    return [args, sorted(kwargs.items())]"
    case = {
        "call": "f",
        "args": [(1, 2), b"\x00", {1, 2}, None],
        "kwargs": {"z": 1, "a": [1.5], "m": {"k": (3,)}},
        "expected": [[(1, 2), b"\x00", {1, 2}, None], [["a", [1.5]], ["m", {"k": [3]}], ["z", 1]]],
    }
    result = grader.grade(code, [case])
    assert result.accepted, result.cases[0]


def test_call_without_arguments(grader: Grader) -> None:
    assert grader.grade("def f():\n    return 'hi'", [{"call": "f", "expected": "hi"}]).accepted


def test_a_call_case_expecting_none(grader: Grader) -> None:
    code = "def f(xs):\n    xs.sort()"
    assert grader.grade(code, [{"call": "f", "args": [[2, 1]], "expected": None}]).accepted


def test_humaneval_style_test(grader: Grader) -> None:
    code = "def incr_list(l):\n    return [x + 1 for x in l]\n"
    test = (
        "METADATA = {}\n\n"
        "def check(candidate):\n"
        "    assert candidate([]) == []\n"
        "    assert candidate([3, 2, 1]) == [4, 3, 2]\n\n"
        "check(incr_list)\n"
    )
    assert grader.grade(code, [{"test": test}]).accepted
    wrong = grader.grade(code.replace("+ 1", "+ 2"), [{"test": test}])
    assert wrong.verdict is Verdict.WRONG_ANSWER


def test_case_objects_are_accepted(grader: Grader) -> None:
    cases: list[Any] = [
        StdinCase(stdin="3", expected_stdout="6"),
        CallCase(call="add", args=(1, 2), expected=3),
        AssertCase(test="assert add(2, 2) == 4"),
    ]
    assert grader.grade(BOTH, cases).passed == 3


def test_a_per_case_timeout_overrides_the_wall_time(grader: Grader) -> None:
    code = "import time\ntime.sleep(0.3)\nprint('done')"
    result = grader.grade(
        code, [{"expected_stdout": "done"}, {"expected_stdout": "done", "timeout": 0.1}]
    )
    assert [c.verdict for c in result.cases] == [Verdict.ACCEPTED, Verdict.TIME_LIMIT]


# -- comparison modes ----------------------------------------------------------------------

#: (expected, got, mode, tolerance, matches)
OUTPUTS: dict[str, tuple[str, str, str, float, bool]] = {
    "exact": ("42", "42", "exact", 0, True),
    "exact: final newline": ("42", "42\n", "exact", 0, True),
    "exact: trailing blank lines and spaces": ("1\n2\n", "1\n2  \n\n\n", "exact", 0, True),
    "exact: CRLF": ("1\n2\n", "1\r\n2\r\n", "exact", 0, True),
    "exact: space inside a line": ("1 2", "1  2", "exact", 0, False),
    "exact: trailing space mid-output": ("1\n2", "1 \n2", "exact", 0, False),
    "exact: leading space": ("1", " 1", "exact", 0, False),
    "exact: missing line": ("1\n2", "1", "exact", 0, False),
    "exact: extra line": ("1", "1\n2", "exact", 0, False),
    "exact: numbers are text": ("1.0", "1.00", "exact", 1, False),
    "whitespace: any run of whitespace": ("1 2\n3", " 1\t2  \r\n\n3 ", "whitespace", 0, True),
    "whitespace: token differs": ("1 2 3", "1 2 4", "whitespace", 0, False),
    "whitespace: missing token": ("1 2 3", "1 2", "whitespace", 0, False),
    "whitespace: numbers are text": ("1.0", "1", "whitespace", 1, False),
    "float: within relative tolerance": ("1000000", "1000000.5", "float", 1e-6, True),
    "float: within absolute tolerance": ("0", "1e-7", "float", 1e-6, True),
    "float: at the tolerance": ("0", "0.5", "float", 0.5, True),
    "float: just over the tolerance": ("0", "0.5000001", "float", 0.5, False),
    "float: outside tolerance": ("3.14159", "3.1416", "float", 1e-6, False),
    "float: zero tolerance, same value": ("1.0", "1", "float", 0, True),
    "float: zero tolerance, different value": ("1.0", "1.0000001", "float", 0, False),
    "float: forms of a number": ("0.001 1e3", "1E-3 +1000.", "float", 1e-9, True),
    "float: words exact": ("x = 1.0", "x = 1.0000000001", "float", 1e-6, True),
    "float: word differs": ("x = 1", "y = 1", "float", 1e-6, False),
    "float: number against word": ("1", "one", "float", 1e-6, False),
    "float: nan is a word": ("nan", "nan", "float", 1e-6, True),
    "float: nan is not a number": ("nan", "0", "float", 1e-6, False),
    "float: overflowing numbers are text": ("1e999", "2e999", "float", 1e-6, False),
    "float: token count differs": ("1 2", "1", "float", 1e-6, False),
}


@pytest.mark.parametrize(
    ("expected", "got", "mode", "tolerance", "matches"), OUTPUTS.values(), ids=OUTPUTS.keys()
)
def test_compare_output(
    expected: str, got: str, mode: str, tolerance: float, matches: bool
) -> None:
    reason = compare_output(expected, got, mode, tolerance)
    assert (reason is None) == matches, reason


def test_compare_output_reasons() -> None:
    assert compare_output("1\n2", "1\n3", "exact", 0) == "line 2: expected '2', got '3'"
    assert compare_output("1\n2", "1", "exact", 0) == "expected 2 lines, got 1"
    assert compare_output("1 2", "1 3", "whitespace", 0) == "token 2: expected '2', got '3'"
    assert compare_output("1 2", "1", "whitespace", 0) == "expected 2 tokens, got 1"
    assert compare_output("1.5", "1.6", "float", 0.01) == (
        "token 1: expected '1.5', got '1.6' (tolerance 0.01)"
    )


NAN = float("nan")

#: (expected, got, mode, matches)
VALUES: dict[str, tuple[Any, Any, str, bool]] = {
    "equal": ([1, "a", None], [1, "a", None], "exact", True),
    "tuple equals list": ((1, (2, 3)), [1, [2, 3]], "exact", True),
    "int equals float of the same value": (2, 2.0, "exact", True),
    "bool is not int": (True, 1, "exact", False),
    "int is not bool": (0, False, "exact", False),
    "bool equals bool": (False, False, "exact", True),
    "None is not 0": (None, 0, "exact", False),
    "str is not bytes": ("a", b"a", "exact", False),
    "bytes equal bytes": (b"\x00\xff", b"\x00\xff", "exact", True),
    "set is not list": ({1, 2}, [1, 2], "exact", False),
    "set equals set in any order": ({1, 2, 3}, {3, 2, 1}, "exact", True),
    "set equals frozenset": ({1}, frozenset({1}), "exact", True),
    "dict by key": ({"a": 1, "b": 2}, {"b": 2, "a": 1}, "exact", True),
    "dict missing key": ({"a": 1, "b": 2}, {"a": 1}, "exact", False),
    "dict extra key": ({"a": 1}, {"a": 1, "b": 2}, "exact", False),
    "dict value differs": ({"a": [1]}, {"a": [2]}, "exact", False),
    "length differs": ([1, 2], [1, 2, 3], "exact", False),
    "floats exact": (0.3, 0.1 + 0.2, "exact", False),
    "floats with tolerance": (0.3, 0.1 + 0.2, "float", True),
    "nested floats with tolerance": ({"x": [(1.0, 2.0)]}, {"x": [[1.0000001, 2]]}, "float", True),
    "nested floats outside tolerance": ({"x": [1.0]}, {"x": [1.1]}, "float", False),
    "nan equals nan": ([NAN], [NAN], "exact", True),
    "inf equals inf": (float("inf"), float("inf"), "float", True),
    "ints stay exact with tolerance": (10**20, 10**20 + 1, "float", False),
    "a huge int against a float": (10**400, 1.0, "float", False),
    "strings are never close": ("1.0", "1.0000001", "float", False),
}


@pytest.mark.parametrize(("expected", "got", "mode", "matches"), VALUES.values(), ids=VALUES.keys())
def test_compare_value(expected: Any, got: Any, mode: str, matches: bool) -> None:
    reason = compare_value(expected, got, mode, 1e-6)
    assert (reason is None) == matches, reason


def test_compare_value_reasons() -> None:
    assert compare_value([1, [2, 3]], [1, [2, 4]], "exact", 0) == "at [1][1]: expected 3, got 4"
    assert compare_value({"a": 1}, {"a": "1"}, "exact", 0) == "at ['a']: expected int, got str"
    assert compare_value({"a": 1}, {}, "exact", 0) == "missing key 'a'"
    assert compare_value([1], [], "exact", 0) == "expected 1 item, got 0"
    assert compare_value(None, 0, "exact", 0) == "expected None, got int"


def test_per_case_compare_and_tolerance_override_the_grades(grader: Grader) -> None:
    code = "print(3.14159)"
    cases: list[Any] = [
        {"expected_stdout": "3.1416"},
        {"expected_stdout": "3.1416", "compare": "float"},
        {"expected_stdout": "3.1416", "compare": "float", "tolerance": 1e-4},
        {"expected_stdout": "3.14159 ", "compare": "exact"},
    ]
    result = grader.grade(code, cases)
    assert [c.verdict.value for c in result.cases] == [
        "wrong_answer",
        "wrong_answer",
        "accepted",
        "accepted",
    ]
    loose = grader.grade(code, cases, compare="float", tolerance=1e-3)
    assert [c.verdict.value for c in loose.cases] == [
        "accepted",
        "accepted",
        "accepted",
        "accepted",
    ]


def test_call_cases_compare_floats_with_tolerance(grader: Grader) -> None:
    code = "def f():\n    return {'mean': 0.1 + 0.2}"
    cases: list[dict[str, Any]] = [
        {"call": "f", "expected": {"mean": 0.3}},
        {"call": "f", "expected": {"mean": 0.3}, "compare": "float"},
    ]
    result = grader.grade(code, cases)
    assert [c.verdict.value for c in result.cases] == ["wrong_answer", "accepted"]
    assert grader.grade(code, cases[:1], compare="float").accepted


def test_whitespace_mode_for_the_grade_leaves_call_cases_exact(grader: Grader) -> None:
    cases = [{"expected_stdout": "1  2"}, {"call": "f", "expected": "1 2"}]
    code = "print(1, 2)\ndef f():\n    return '1 2'"
    assert grader.grade(code, cases, compare="whitespace").accepted


# -- malformed cases -----------------------------------------------------------------------


class Opaque:
    pass


#: A malformed case (put at index 1) and a piece of the error's message.
MALFORMED: dict[str, tuple[Any, str]] = {
    "not a mapping": ("print(1)", "must be a mapping, not str"),
    "no kind": ({"stdin": "1"}, "needs exactly one of"),
    "two kinds": ({"call": "f", "test": "pass", "expected": 1}, "'call' and 'test'"),
    "unknown key": (
        {"expected_stdout": "1", "expected_stdot": "1"},
        "unknown key 'expected_stdot'",
    ),
    "non-string key": ({"expected_stdout": "1", 1: 2}, "unknown key 1"),
    "key of another kind": ({"expected_stdout": "1", "args": []}, "unknown key 'args'"),
    "expected_stdout not text": ({"expected_stdout": 42}, "expected_stdout must be a string"),
    "stdin not text": ({"expected_stdout": "1", "stdin": b"1"}, "stdin must be a string"),
    "unknown compare": ({"expected_stdout": "1", "compare": "fuzzy"}, "compare must be one of"),
    "negative tolerance": ({"expected_stdout": "1", "tolerance": -1}, "tolerance must be finite"),
    "nan tolerance": ({"expected_stdout": "1", "tolerance": NAN}, "tolerance must be finite"),
    "text tolerance": ({"expected_stdout": "1", "tolerance": "0.1"}, "tolerance must be a number"),
    "bool tolerance": ({"expected_stdout": "1", "tolerance": True}, "tolerance must be a number"),
    "zero timeout": ({"expected_stdout": "1", "timeout": 0}, "timeout must be between"),
    "huge timeout": ({"expected_stdout": "1", "timeout": 1e9}, "timeout must be between"),
    "text timeout": ({"test": "pass", "timeout": "1s"}, "timeout must be a number"),
    "call not a name": ({"call": "a.b", "expected": 1}, "call must be a function name"),
    "call a keyword": ({"call": "def", "expected": 1}, "call must be a function name"),
    "call not text": ({"call": 3, "expected": 1}, "call must be a function name"),
    "call with code": ({"call": "f(); g", "expected": 1}, "call must be a function name"),
    "call without expected": ({"call": "f"}, "needs 'expected'"),
    "args not a list": ({"call": "f", "args": "12", "expected": 1}, "args must be a list"),
    "kwargs not a mapping": (
        {"call": "f", "kwargs": [1], "expected": 1},
        "kwargs must be a mapping",
    ),
    "kwargs key not text": (
        {"call": "f", "kwargs": {1: 2}, "expected": 1},
        "kwargs names must be strings",
    ),
    "args that cannot cross": (
        {"call": "f", "args": [Opaque()], "expected": 1},
        "args: objects of type Opaque",
    ),
    "expected that cannot cross": (
        {"call": "f", "expected": Opaque()},
        "expected: objects of type Opaque",
    ),
    "whitespace for a call": (
        {"call": "f", "expected": 1, "compare": "whitespace"},
        "stdin cases only",
    ),
    "compare for a test": ({"test": "pass", "compare": "exact"}, "unknown key 'compare'"),
    "empty test": ({"test": "  \n"}, "test is empty"),
    "test not text": ({"test": None}, "test must be a string"),
    "test does not parse": ({"test": "assert (1"}, "test does not parse"),
    "test with a NUL": ({"test": "pass\x00"}, "test does not parse"),
}


@pytest.mark.parametrize(("case", "message"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_cases_name_their_index(grader: Grader, case: Any, message: str) -> None:
    with pytest.raises(ConfigError, match=r"^case 1: ") as info:
        grader.grade("print(1)", [{"expected_stdout": "1"}, case])
    assert message in str(info.value)


@pytest.mark.parametrize("cases", [[], (), {}, "print(1)", None, {"expected_stdout": "1"}])
def test_cases_must_be_a_non_empty_list(grader: Grader, cases: Any) -> None:
    with pytest.raises(ConfigError, match=r"no cases|list of cases"):
        grader.grade("print(1)", cases)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"compare": "fuzzy"}, "compare must be one of"),
        ({"tolerance": -0.5}, "tolerance must be finite"),
        ({"limits": {"wall_time": 1}}, "limits must be a Limits"),
    ],
)
def test_malformed_options(grader: Grader, options: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        grader.grade("print(1)", [{"expected_stdout": "1"}], **options)


def test_code_must_be_text(grader: Grader) -> None:
    with pytest.raises(ConfigError, match="code must be a str"):
        grader.grade(b"print(1)", [{"expected_stdout": "1"}])  # type: ignore[arg-type]


def test_parse_cases_copies_what_it_keeps() -> None:
    args: list[Any] = [[1]]
    (case,) = parse_cases([{"call": "f", "args": args, "expected": 1}])
    args.append(2)
    assert isinstance(case, CallCase) and case.args == ([1],)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"compare": "fuzzy"}, "compare must be one of"),
        ({"tolerance": float("inf")}, "tolerance must be finite"),
        ({"engine": "pypy"}, "engine is one of"),
    ],
)
def test_malformed_grader(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Grader(**options)


# -- the module-level grade() ---------------------------------------------------------------


def test_grade_function() -> None:
    result = grade(ADD, [{"call": "add", "args": [1, 2], "expected": 3.0000001}], compare="float")
    assert result.accepted
    assert (
        grade(ADD, [{"call": "add", "args": [1, 2], "expected": 3.0000001}]).verdict
        == "wrong_answer"
    )


def test_grade_function_rejects_an_unknown_engine() -> None:
    with pytest.raises(ConfigError, match="engine is one of"):
        grade(ADD, [{"test": "pass"}], engine="pypy")


def test_grade_function_from_many_threads() -> None:
    verdicts: list[Verdict] = []

    def work(i: int) -> None:
        result = grade(ADD, [{"call": "add", "args": [i, 1], "expected": i + 1}] * 3)
        verdicts.append(result.verdict)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert verdicts == [Verdict.ACCEPTED] * 4
