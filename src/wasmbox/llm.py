"""The ``run_python`` tool for language models: its definition, and running a call of it.

Every surface that lets a model run code (the MCP server, a direct tool-use
loop with OpenAI's or Anthropic's API) shares what is here: the description
the model reads, the JSON schema of the arguments, and the text the model
gets back. The description says what a model needs to write code that works
the first time: it is MicroPython with a CPython-compatible standard library,
what is missing, the limits, that there is no network unless granted, where
files live, and that the last expression's value is returned.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .result import RunResult

__all__ = [
    "RUN_PYTHON",
    "ToolArgumentError",
    "anthropic_tool",
    "describe",
    "describe_sandbox",
    "format_result",
    "openai_tool",
    "parameters_schema",
    "parse_arguments",
    "run_tool_call",
]

#: The tool's name in every API.
RUN_PYTHON = "run_python"
#: Most characters of stdout, stderr or a value the model is shown (the middle is cut).
MAX_SHOWN = 8000


def describe(
    *,
    wall_time: float = 5.0,
    memory: int = 32 << 20,
    max_output: int = 1 << 20,
    functions: Mapping[str, Any] | None = None,
    fetch: bool = False,
    sessions: bool = False,
    mounts: list[str] | None = None,
    engine: str = "micropython",
    engines: tuple[str, ...] = (),
) -> str:
    """The tool description a model reads, for a sandbox set up this way.

    ``engine`` is the one a call gets by default; ``engines``, when there are
    several, the ones the ``engine`` argument may choose.
    """
    lines = [
        "Run Python code in an isolated sandbox and get back what it printed and the value of "
        "its last expression (like a notebook cell).",
        _ENGINE_TEXT[engine],
        f"Limits per call: {wall_time:g} s of wall time, {_size(memory)} of memory, "
        f"{_size(max_output)} of output. Recursion up to about 1,000 levels.",
        "Files: the working directory /work is writable and starts "
        + ("as the session left it." if sessions else "empty on every call.")
        + (f" Read-only data is mounted at {', '.join(mounts)}." if mounts else ""),
    ]
    if fetch:
        lines.append(
            "Network: only through fetch(url, method='GET', headers=None, data=None, json=None), "
            "which returns an object with .status, .headers, .text, .content and .json(); "
            "URLs outside the allowed list raise PermissionError."
        )
    else:
        lines.append("There is no network access.")
    if functions:
        names = ", ".join(f"{name}()" for name in sorted(functions))
        lines.append(f"Functions provided by the host, callable like built-ins: {names}.")
    if sessions:
        lines.append("Pass the same session_id to keep variables, imports and files between calls.")
    if len(engines) > 1:
        lines.append(
            f"Pass engine={' or '.join(repr(e) for e in engines)} to choose the interpreter "
            f"(default {engine!r}): 'cpython' is CPython 3.15 with numpy, pandas, scipy and "
            "scikit-learn, slower to start; 'auto' tries MicroPython first."
        )
    lines.append("Print what you want to see, or end with an expression whose value you want.")
    return "\n".join(lines)


_MICROPYTHON = (
    "The interpreter is MicroPython 1.27 with a CPython-compatible standard library: json, "
    "re, math, random, datetime, collections, itertools, functools, dataclasses, typing, "
    "decimal, fractions, statistics, csv, textwrap, string, heapq, bisect, hashlib, base64, "
    "uuid, pathlib, os.path and more behave as in CPython 3.11. Not available: numpy, "
    "pandas or any third-party package; threads, subprocesses, sockets."
)
_CPYTHON = (
    "The interpreter is CPython 3.15 with its full standard library and numpy, pandas, "
    "scipy, scikit-learn, statsmodels, matplotlib (save figures to files) and lxml. "
    "Not available: pip installs, threads, subprocesses, sockets."
)
_ENGINE_TEXT = {
    "micropython": _MICROPYTHON,
    "cpython": _CPYTHON,
    "auto": _MICROPYTHON.replace(
        " Not available: numpy, pandas or any third-party package;",
        " Code that needs what MicroPython lacks (numpy, pandas, scipy, a missing module or "
        "feature) is run again on CPython 3.15, which has them. Not available:",
    ),
}


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{round(n / scale, 1):g} {unit}"
    return f"{n} bytes"


def describe_sandbox(
    sandbox: Any,
    *,
    sessions: bool = False,
    mounts: list[str] | None = None,
    engines: tuple[str, ...] = (),
) -> str:
    """:func:`describe` for a :class:`wasmbox.Sandbox`, with its real limits and grants."""
    limits = sandbox.limits
    return describe(
        wall_time=limits.wall_time,
        memory=limits.memory,
        max_output=limits.max_output,
        functions={k: v for k, v in sandbox.functions.items() if k != "fetch"},
        fetch="fetch" in sandbox.functions,
        sessions=sessions,
        mounts=mounts if mounts is not None else sorted(getattr(sandbox, "mounts", {})),
        engine=getattr(sandbox, "engine", "micropython"),
        engines=engines,
    )


def parameters_schema(*, sessions: bool = False) -> dict[str, Any]:
    """JSON schema of the tool's arguments."""
    props: dict[str, Any] = {
        "code": {"type": "string", "description": "Python source to run."},
        "inputs": {
            "type": "object",
            "description": "Optional values bound as global variables before the code runs.",
            "additionalProperties": True,
        },
    }
    if sessions:
        props["session_id"] = {
            "type": "string",
            "description": "Optional session to run in; state persists across calls in it.",
        }
    # parse_arguments() refuses other keys: say so, so that a model does not send them.
    return {
        "type": "object",
        "properties": props,
        "required": ["code"],
        "additionalProperties": False,
    }


def openai_tool(description: str | None = None, *, sessions: bool = False) -> dict[str, Any]:
    """The tool in OpenAI's function-calling form (``tools=[...]``)."""
    return {
        "type": "function",
        "function": {
            "name": RUN_PYTHON,
            "description": description or describe(sessions=sessions),
            "parameters": parameters_schema(sessions=sessions),
        },
    }


def anthropic_tool(description: str | None = None, *, sessions: bool = False) -> dict[str, Any]:
    """The tool in Anthropic's tool-use form (``tools=[...]``)."""
    return {
        "name": RUN_PYTHON,
        "description": description or describe(sessions=sessions),
        "input_schema": parameters_schema(sessions=sessions),
    }


def _clip(text: str, limit: int = MAX_SHOWN) -> str:
    if len(text) <= limit:
        return text
    half = limit // 2
    cut = len(text) - 2 * half
    return f"{text[:half]}\n... [{cut:,} characters cut] ...\n{text[-half:]}"


def _show(value: Any) -> str:
    """``value`` as JSON, with what JSON lacks in Python's spelling a model reads at a glance.

    Bytes are shown as a ``b'...'`` literal, tuples as lists, sets as sorted lists, and the
    keys of a dict that are not strings as the string of their shown form (as ``json`` does).
    Not the codec's tagged form: ``{"$b": "YWIA"}`` means nothing to a model.
    """
    if isinstance(value, (bytes, bytearray)):
        return repr(bytes(value))
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(_show, value)) + "]"
    if isinstance(value, (set, frozenset)):
        try:
            items = sorted(value)
        except TypeError:
            items = sorted(value, key=_show)
        return "[" + ", ".join(map(_show, items)) + "]"
    if isinstance(value, dict):
        pairs = (
            f"{json.dumps(k if isinstance(k, str) else _show(k), ensure_ascii=False)}: {_show(v)}"
            for k, v in value.items()
        )
        return "{" + ", ".join(pairs) + "}"
    return json.dumps(value, ensure_ascii=False)  # NaN and Infinity as JavaScript spells them


def format_result(result: RunResult) -> str:
    """What the model is shown: output, value, or a short error with its line, all capped."""
    parts: list[str] = []
    if result.stdout:
        parts.append("stdout:\n" + _clip(result.stdout))
    if result.ok:
        if result.value is not None:
            try:
                shown = _show(result.value)
            except (TypeError, ValueError):
                shown = f"<a value of type {type(result.value).__name__}>"
            parts.append("value: " + _clip(shown))
        if not parts:
            parts.append("(no output)")
        return "\n".join(parts)
    error = result.error
    if error is not None:
        summary = error.summary
        if error.hint:  # explain() ends the summary with it: show it once, on its own line
            summary = summary.removesuffix(f" - {error.hint}")
        parts.append(f"error ({result.status.value}): {_clip(summary, 1000)}")
        if error.hint:
            parts.append("hint: " + error.hint)
        frames = [
            line for line in error.traceback.splitlines() if line.startswith('  File "main.py"')
        ]
        if frames:
            parts.append("traceback:\n" + "\n".join(frames[-5:]))
    elif result.stderr:
        parts.append("stderr:\n" + _clip(result.stderr, 2000))
    return "\n".join(parts)


class ToolArgumentError(ValueError):
    """The model's arguments to ``run_python`` are not what the schema asks for."""


def parse_arguments(arguments: Mapping[str, Any] | str) -> tuple[str, dict[str, Any], str | None]:
    """``(code, inputs, session_id)`` from a tool call's arguments (a mapping or a JSON string)."""
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments)
        except json.JSONDecodeError as exc:
            raise ToolArgumentError(f"arguments are not valid JSON: {exc.msg}") from exc
        except (ValueError, RecursionError) as exc:  # a 5,000-digit number, 2,000 nested [
            raise ToolArgumentError(f"arguments are not usable JSON: {exc}") from exc
    if not isinstance(arguments, Mapping):
        raise ToolArgumentError("arguments must be an object with a 'code' string")
    code = arguments.get("code")
    if not isinstance(code, str):
        raise ToolArgumentError("'code' must be a string of Python source")
    inputs = arguments.get("inputs")
    if inputs is None:
        inputs = {}
    if not isinstance(inputs, Mapping) or not all(
        isinstance(k, str) and k.isidentifier() and not k.startswith("__") for k in inputs
    ):
        raise ToolArgumentError("'inputs' must map variable names to values")
    session_id = arguments.get("session_id")
    if session_id is not None and not isinstance(session_id, str):
        raise ToolArgumentError("'session_id' must be a string")
    unknown = set(arguments) - {"code", "inputs", "session_id"}
    if unknown:
        raise ToolArgumentError(f"unknown arguments: {', '.join(sorted(map(str, unknown)))}")
    return code, dict(inputs), session_id


def run_tool_call(sandbox: Any, arguments: Mapping[str, Any] | str) -> str:
    """Run one ``run_python`` call in ``sandbox`` (a fresh instance) and format it for the model.

    Malformed arguments come back as an error text for the model, never as an exception.
    """
    try:
        code, inputs, session_id = parse_arguments(arguments)
        if session_id is not None:
            # Ignoring it would let the model believe its state persists.
            raise ToolArgumentError("this tool has no sessions: every call starts fresh")
        result = sandbox.run(code, inputs=inputs or None)
    except (ToolArgumentError, ValueError) as exc:
        return f"error (bad arguments): {exc}"
    return format_result(result)
