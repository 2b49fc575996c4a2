"""wasmbox.llm: the run_python tool's definitions for OpenAI and Anthropic, and what a model gets back."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from wasmbox import Limits, Sandbox
from wasmbox.llm import (
    MAX_SHOWN,
    RUN_PYTHON,
    ToolArgumentError,
    anthropic_tool,
    describe,
    openai_tool,
    parameters_schema,
    parse_arguments,
    run_tool_call,
)

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "llm_tool_loop.py"
FINAL_ANSWER = (
    "The review has 8 words, 8.88 letters long on average; "
    "the longest are Surprisingly and instructions."
)
# Both APIs name tools with this pattern.
TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


@pytest.fixture(scope="module")
def tight() -> Sandbox:
    return Sandbox(Limits(wall_time=0.5, memory=8 << 20, max_output=64 << 10))


# --- the definitions ---


@pytest.mark.parametrize("sessions", [False, True])
def test_openai_form(sessions: bool) -> None:
    tool = openai_tool(sessions=sessions)
    assert tool == {
        "type": "function",
        "function": {
            "name": RUN_PYTHON,
            "description": describe(sessions=sessions),
            "parameters": parameters_schema(sessions=sessions),
        },
    }
    assert TOOL_NAME.match(tool["function"]["name"])
    assert json.loads(json.dumps(tool)) == tool
    assert openai_tool("Runs code.")["function"]["description"] == "Runs code."


@pytest.mark.parametrize("sessions", [False, True])
def test_anthropic_form(sessions: bool) -> None:
    tool = anthropic_tool(sessions=sessions)
    assert tool == {
        "name": RUN_PYTHON,
        "description": describe(sessions=sessions),
        "input_schema": parameters_schema(sessions=sessions),
    }
    assert TOOL_NAME.match(tool["name"])
    assert tool["input_schema"]["type"] == "object"  # Anthropic requires an object schema
    assert json.loads(json.dumps(tool)) == tool
    assert anthropic_tool("Runs code.")["description"] == "Runs code."


def test_default_description_fits_openais_old_limit() -> None:
    # OpenAI refused function descriptions over 1,024 characters for a long time.
    assert len(openai_tool()["function"]["description"]) <= 1024


@pytest.mark.parametrize("sessions", [False, True])
@pytest.mark.parametrize("validator", [jsonschema.Draft7Validator, jsonschema.Draft202012Validator])
def test_parameters_schema_is_valid_json_schema(sessions: bool, validator: Any) -> None:
    schema = parameters_schema(sessions=sessions)
    validator.check_schema(schema)
    assert schema["required"] == ["code"]
    assert schema["properties"]["code"]["type"] == "string"
    assert schema["properties"]["inputs"]["type"] == "object"
    assert ("session_id" in schema["properties"]) is sessions


ARGUMENTS: list[Any] = [
    {"code": "1"},
    {"code": "1", "inputs": {"n": 1, "rows": [[1, "a"]]}},
    {"code": "1", "inputs": {}},
    {},
    {"code": 1},
    {"code": None},
    {"code": "1", "inputs": [1]},
    {"code": "1", "inputs": "n=1"},
    {"code": "1", "extra": True},
    {"code": "1", "session_id": "s1"},
    {"code": "1", "session_id": 1},
    [],
    "code",
    None,
]


@pytest.mark.parametrize("sessions", [False, True])
def test_schema_and_parser_agree(sessions: bool) -> None:
    """What the schema allows the parser takes, and the other way round (in what it can say)."""
    validator = jsonschema.Draft202012Validator(parameters_schema(sessions=sessions))
    for args in ARGUMENTS:
        try:
            parse_arguments(args)
            parsed = True
        except ToolArgumentError:
            parsed = False
        if not sessions and isinstance(args, dict) and "session_id" in args:
            # Without sessions the schema does not offer session_id; the parser still
            # takes a string one (run_tool_call then refuses it).
            assert not validator.is_valid(args)
            continue
        assert validator.is_valid(args) is parsed, args


def test_describe_mentions_what_a_model_needs() -> None:
    text = describe(wall_time=2.5, memory=16 << 20)
    assert "MicroPython" in text
    assert "2.5 s" in text and "16 MiB" in text
    assert "no network" in text
    assert "fetch(" not in text
    assert "last expression" in text
    assert "session_id" not in text
    assert "numpy" in text  # named as missing


def test_describe_with_fetch_functions_sessions_and_mounts() -> None:
    text = describe(
        functions={"get_order": len, "lookup": len},
        fetch=True,
        sessions=True,
        mounts=["/data", "/docs"],
    )
    assert "no network" not in text
    assert "fetch(url" in text and "PermissionError" in text
    assert "get_order(), lookup()" in text
    assert "session_id" in text
    assert "/data, /docs" in text
    assert "Functions provided by the host" not in describe()


# --- running a call ---


def test_stdout_and_value(sandbox: Sandbox) -> None:
    assert run_tool_call(sandbox, {"code": "print('hi')\n6 * 7"}) == "stdout:\nhi\n\nvalue: 42"
    assert run_tool_call(sandbox, {"code": "n * 2", "inputs": {"n": 21}}) == "value: 42"
    assert run_tool_call(sandbox, {"code": "print('only')"}) == "stdout:\nonly\n"
    assert run_tool_call(sandbox, {"code": "x = 1"}) == "(no output)"
    assert run_tool_call(sandbox, {"code": "'café'"}) == 'value: "café"'
    assert run_tool_call(sandbox, {"code": "{'a': [1, None, True]}"}) == (
        'value: {"a": [1, null, true]}'
    )


def test_arguments_as_a_json_string(sandbox: Sandbox) -> None:
    assert run_tool_call(sandbox, '{"code": "x + 1", "inputs": {"x": 1}}') == "value: 2"


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("b'ab\\x00'", "value: b'ab\\x00'"),
        ("bytearray(b'q')", "value: b'q'"),
        ("(1, 'x')", 'value: [1, "x"]'),
        ("{3, 1, 2}", "value: [1, 2, 3]"),
        ("frozenset(['b', 'a'])", 'value: ["a", "b"]'),
        ("{'a': (1, {2}), 'b': b'z'}", 'value: {"a": [1, [2]], "b": b\'z\'}'),
        ("{(1, 2): 'p', 3: 'q'}", 'value: {"[1, 2]": "p", "3": "q"}'),
        ("{'$b': 1}", 'value: {"$b": 1}'),
        ("float('nan')", "value: NaN"),
    ],
)
def test_values_are_shown_readably(sandbox: Sandbox, code: str, shown: str) -> None:
    assert run_tool_call(sandbox, {"code": code}) == shown


def test_mixed_set_is_shown(sandbox: Sandbox) -> None:
    text = run_tool_call(sandbox, {"code": "{1, 'a', (2,)}"})
    assert text.startswith("value: [") and '"a"' in text and "[2]" in text


def test_bytes_input_comes_back_as_bytes(sandbox: Sandbox) -> None:
    assert run_tool_call(sandbox, {"code": "x", "inputs": {"x": b"hi"}}) == "value: b'hi'"


def test_error_with_line_and_main_frames(sandbox: Sandbox) -> None:
    code = "import json\n\ndef parse(s):\n    return json.loads(s) + missing\n\nparse('1')"
    text = run_tool_call(sandbox, {"code": code})
    assert text == (
        "error (error): NameError (line 4): name 'missing' is not defined\n"
        "traceback:\n"
        '  File "main.py", line 6, in <module>\n'
        '  File "main.py", line 4, in parse'
    )


def test_traceback_leaves_out_library_frames(sandbox: Sandbox) -> None:
    code = "import json\n\ndef parse(s):\n    return json.loads(s)\n\nparse('{bad')"
    assert "/lib/json.py" in sandbox.run(code).error.traceback  # type: ignore[union-attr]
    text = run_tool_call(sandbox, {"code": code})
    assert text.startswith("error (error): JSONDecodeError (line 4): ")
    assert text.endswith(
        'traceback:\n  File "main.py", line 6, in <module>\n  File "main.py", line 4, in parse'
    )
    assert "/lib/" not in text


def test_output_before_an_error_is_kept(sandbox: Sandbox) -> None:
    text = run_tool_call(sandbox, {"code": "print('start')\n1 / 0"})
    assert text.startswith("stdout:\nstart\n\nerror (error): ZeroDivisionError (line 2): ")


def test_deep_recursion_shows_the_last_frames_only(sandbox: Sandbox) -> None:
    text = run_tool_call(sandbox, {"code": "def f(n):\n    return f(n + 1)\n\nf(0)"})
    assert "RecursionError (line 2)" in text
    assert text.split("traceback:\n")[1].count('File "main.py"') == 5


def test_engine_hint_is_shown_once(sandbox: Sandbox) -> None:
    text = run_tool_call(sandbox, {"code": "import numpy"})
    assert text.startswith(
        "error (error): ModuleNotFoundError (line 1): No module named 'numpy'\n"
        "hint: The module numpy is a third-party package"
    )
    assert text.count("third-party package") == 1


def test_exit_status(sandbox: Sandbox) -> None:
    assert run_tool_call(sandbox, {"code": "import sys\nsys.exit(3)"}) == (
        "error (error): The code exited with status 3."
    )


def test_timeout(tight: Sandbox) -> None:
    assert run_tool_call(tight, {"code": "while True: pass"}) == (
        "error (timeout): Time limit exceeded: the code ran for more than 0.5 s."
    )


def test_sleep_is_a_timeout_too(tight: Sandbox) -> None:
    text = run_tool_call(tight, {"code": "import time\ntime.sleep(30)"})
    assert text.startswith("error (timeout): Time limit exceeded")


def test_memory_limit(tight: Sandbox) -> None:
    text = run_tool_call(tight, {"code": "x = []\nwhile True:\n    x.append('a' * 10000)"})
    assert text.startswith("error (memory_limit): Memory limit exceeded (line 3): ")
    assert "8 MiB" in text


def test_output_limit_is_named_and_what_was_printed_is_clipped(tight: Sandbox) -> None:
    text = run_tool_call(tight, {"code": "while True:\n    print('x' * 1000)"})
    assert text.startswith("stdout:\nxxx")
    assert "characters cut" in text
    assert text.endswith(
        "error (output_limit): Output limit exceeded: the code wrote more than 64 KiB "
        "to stdout and stderr; the first bytes are kept."
    )
    assert len(text) < MAX_SHOWN + 500


def test_huge_stdout_is_clipped_in_the_middle(sandbox: Sandbox) -> None:
    stdout = "".join(f"{i}\n" for i in range(5000))
    text = run_tool_call(sandbox, {"code": "for i in range(5000):\n    print(i)"})
    cut_line = f"\n... [{len(stdout) - MAX_SHOWN:,} characters cut] ...\n"
    head, tail = text.removeprefix("stdout:\n").split(cut_line)
    assert head == stdout[: MAX_SHOWN // 2]
    assert tail == stdout[-MAX_SHOWN // 2 :]
    assert head.startswith("0\n1\n2\n") and tail.endswith("4998\n4999\n")


def test_huge_value_is_clipped(sandbox: Sandbox) -> None:
    text = run_tool_call(sandbox, {"code": "'v' * 20000"})
    assert text.startswith('value: "vvv') and text.endswith('vvv"')
    assert f"[{20002 - MAX_SHOWN:,} characters cut]" in text
    assert len(text) < MAX_SHOWN + 100


def test_huge_error_message_is_clipped(sandbox: Sandbox) -> None:
    text = run_tool_call(sandbox, {"code": "raise ValueError('e' * 50000)"})
    assert text.startswith("error (error): ValueError (line 1): eee")
    assert "characters cut" in text
    assert len(text) < 1200


BAD_ARGUMENTS: list[tuple[Any, str]] = [
    ("print(1", "arguments are not valid JSON"),
    ("", "arguments are not valid JSON"),
    ('{"code": "1"} trailing', "arguments are not valid JSON"),
    ('"print(1)"', "arguments must be an object"),
    ("[1, 2]", "arguments must be an object"),
    ("null", "arguments must be an object"),
    ("[" * 5000 + "]" * 5000, "arguments are not usable JSON"),
    ('{"code": "1", "inputs": {"x": ' + "9" * 5000 + "}}", "arguments are not usable JSON"),
    (None, "arguments must be an object"),
    (42, "arguments must be an object"),
    (["code", "1"], "arguments must be an object"),
    ({}, "'code' must be a string"),
    ({"code": 5}, "'code' must be a string"),
    ({"code": ["print(1)"]}, "'code' must be a string"),
    ('{"code": 5}', "'code' must be a string"),
    ({"code": "1", "extra": 1, "more": 2}, "unknown arguments: extra, more"),
    ({"code": "1", 3: 3}, "unknown arguments: 3"),
    ({"code": "1", "inputs": {"__x": 1}}, "'inputs' must map variable names to values"),
    ({"code": "1", "inputs": {"1a": 1}}, "'inputs' must map variable names to values"),
    ({"code": "1", "inputs": {"a-b": 1}}, "'inputs' must map variable names to values"),
    ({"code": "1", "inputs": {"": 1}}, "'inputs' must map variable names to values"),
    ({"code": "1", "inputs": {1: 1}}, "'inputs' must map variable names to values"),
    ({"code": "1", "inputs": [["x", 1]]}, "'inputs' must map variable names to values"),
    ({"code": "1", "inputs": []}, "'inputs' must map variable names to values"),
    ({"code": "1", "inputs": "x=1"}, "'inputs' must map variable names to values"),
    ({"code": "1", "session_id": 7}, "'session_id' must be a string"),
]


@pytest.mark.parametrize(("arguments", "message"), BAD_ARGUMENTS)
def test_bad_arguments_are_an_answer_not_an_exception(
    sandbox: Sandbox, arguments: Any, message: str
) -> None:
    with pytest.raises(ToolArgumentError, match=re.escape(message)):
        parse_arguments(arguments)
    text = run_tool_call(sandbox, arguments)
    assert text.startswith(f"error (bad arguments): {message}")
    assert "\n" not in text


def test_inputs_that_cannot_cross_the_boundary(sandbox: Sandbox) -> None:
    text = run_tool_call(sandbox, {"code": "1", "inputs": {"x": object()}})
    assert text.startswith("error (bad arguments): inputs: ")
    assert "cannot cross the sandbox boundary" in text
    nested: Any = []
    for _ in range(200):
        nested = [nested]
    assert run_tool_call(sandbox, {"code": "1", "inputs": {"x": nested}}).startswith(
        "error (bad arguments): "
    )


def test_parse_arguments_result() -> None:
    assert parse_arguments({"code": "x", "inputs": {"x": 1}}) == ("x", {"x": 1}, None)
    assert parse_arguments('{"code": "x", "session_id": "s"}') == ("x", {}, "s")
    assert parse_arguments({"code": "x", "inputs": None}) == ("x", {}, None)


# --- the example ---


def test_example_loop_ends_with_the_answer() -> None:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLE)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "NameError (line 3): name 'mean' is not defined" in proc.stdout
    assert proc.stdout.rstrip().endswith(FINAL_ANSWER)


def test_example_messages_follow_the_anthropic_protocol(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("llm_tool_loop", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    messages = module.main()
    capsys.readouterr()

    assert [m["role"] for m in messages] == [
        "user",
        "assistant",
        "user",
        "assistant",
        "user",
        "assistant",
    ]
    assert isinstance(messages[0]["content"], str)
    for asked, answered in zip(messages[1:-1:2], messages[2::2], strict=True):
        uses = [b for b in asked["content"] if b["type"] == "tool_use"]
        assert uses and all(
            b["name"] == RUN_PYTHON and set(b) == {"type", "id", "name", "input"} for b in uses
        )
        # Every tool_use is answered by a tool_result with its id, in the next user turn.
        assert [b["tool_use_id"] for b in answered["content"]] == [b["id"] for b in uses]
        for block in answered["content"]:
            assert set(block) == {"type", "tool_use_id", "content"}
            assert block["type"] == "tool_result" and isinstance(block["content"], str)
    assert messages[2]["content"][0]["content"].startswith("error (error): NameError")
    assert messages[4]["content"][0]["content"].startswith("value: {")
    assert messages[-1]["content"] == [{"type": "text", "text": FINAL_ANSWER}]


def test_a_session_id_without_sessions_is_refused(sandbox: Sandbox) -> None:
    out = run_tool_call(sandbox, {"code": "x = 1", "session_id": "s-1"})
    assert out.startswith("error (bad arguments): this tool has no sessions")
