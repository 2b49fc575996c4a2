"""The OpenAPI 3.1 description of the HTTP API, and the ``/docs`` page that shows it.

The document is written as data rather than derived from the routes: it is a
contract that clients generate code from, so it should change only when
someone means it to. ``tests/test_server_openapi.py`` holds it to the code
(run statuses, limit fields, audit columns, the shape of a real result).

``/docs`` is Swagger UI from the ``swagger-ui-bundle`` package, served by the
service itself, so the page works on a host with no internet access.
"""

from __future__ import annotations

import copy
import html
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

# The package ships no type information; swagger_ui_path is its assets directory.
from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]

from ..limits import MIN_MEMORY

__all__ = ["openapi_document", "openapi_routes"]

#: The largest memory limit, as :class:`wasmbox.limits.Limits` checks it (4 GiB less 64 KiB).
_MAX_MEMORY = (4 << 30) - (64 << 10)

#: Every error code the API returns, with what it means and what to do about it.
_ERROR_CODES: dict[str, str] = {
    "bad_json": "The body is not valid JSON. Send a JSON object.",
    "bad_request": (
        "The request is well-formed but wrong: the body is not an object, a field is missing, "
        "has the wrong type or is unknown, or a query parameter is not a number. "
        "The message names the field."
    ),
    "unauthorized": (
        "No API key, not sent as 'Authorization: Bearer KEY', or an unknown key. "
        "Check the header and the key."
    ),
    "revoked": "The API key has been revoked. Ask the operator for a new one.",
    "forbidden": (
        "The metrics page answers clients on the service's own machine, unless the "
        "service has a metrics_token."
    ),
    "not_found": (
        "No such run, session or endpoint, or it belongs to another tenant. Check the id."
    ),
    "method_not_allowed": "The endpoint exists but not with this HTTP method.",
    "session_ended": (
        "The session has ended: its code called sys.exit(), a run timed out, or its worker "
        "crashed. Reset it, or create a new session."
    ),
    "too_large": "The request body is over 4 MiB. Send less code, stdin, inputs or files.",
    "bad_limits": (
        "`limits` sets a field that does not exist or a value out of range. The message says which."
    ),
    "engine_unavailable": (
        "`engine` names an engine this service does not run (the message lists those it "
        "does), or `auto` for a session, which needs one interpreter."
    ),
    "above_ceiling": (
        "A limit is above your tenant's ceiling; the message names the ceiling. "
        "Ask for less, or ask the operator to raise the ceiling."
    ),
    "quota_exceeded": (
        "Over your requests-per-minute or concurrent-runs quota, or today's CPU or output "
        "budget is spent. Retry after the number of seconds in the Retry-After header."
    ),
    "body_timeout": (
        "The request body did not arrive in time (30 s by default). Send the whole body promptly."
    ),
    "client_disconnected": (
        "The client went away before its request body arrived (only in the audit log: "
        "nobody was left to answer)."
    ),
    "headers_too_large": (
        "The request line and headers are over the service's limit (64 KiB by default); the "
        "connection is closed. Send smaller headers."
    ),
    "header_timeout": (
        "The request headers did not arrive in time (10 s by default); the connection is "
        "closed. Send the request promptly."
    ),
    "too_many_sessions": (
        "Your key has as many sessions open as it may (8 by default). Close one (DELETE) "
        "first, or retry after the Retry-After header's seconds, when the first would end idle."
    ),
    "quotas_unavailable": (
        "The shared quota store (Redis) cannot be reached, so nothing is admitted. Retry later."
    ),
    "over_capacity": (
        "The worker process had no memory left for a run with this memory limit. Retry, "
        "or ask for a lower limits.memory."
    ),
    "worker_crashed": ("The worker process opening the session died; it has been replaced. Retry."),
    "internal": "The service hit an internal error. Retry later; report it if it persists.",
    "audit_unavailable": (
        "The audit log cannot be written, so runs are refused rather than run unrecorded. "
        "Retry later."
    ),
    "overloaded": "The service has no free worker right now. Retry later, with backoff.",
    "shutting_down": "The service was stopped and its drain time ran out before the run"
    " finished; the run's record says crashed. Retry, on another replica.",
    "not_ready": (
        "The service is still starting its workers, or (readiness probe) cannot reach its "
        "audit database. Retry later."
    ),
}

_HTTP_REASONS = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    408: "Request body timeout",
    410: "Gone",
    413: "Request body too large",
    431: "Request headers too large",
    422: "Unprocessable request",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
}

_RUN_STATUSES = {
    "ok": "The program finished without error (the only success).",
    "error": "The program raised an exception it did not catch, or exited non-zero.",
    "timeout": "The wall_time budget ran out (busy loops and sleeps alike).",
    "cpu_limit": "The fuel (CPU) budget ran out.",
    "memory_limit": "MemoryError was not caught, or the memory cap was hit.",
    "output_limit": "The program wrote more than max_output bytes.",
    "crashed": "Something else stopped the program: a WebAssembly trap, a stack overflow.",
}

#: The verdicts of grading, as judges name them.
_VERDICTS = {
    "accepted": "Every check passed.",
    "wrong_answer": "The output or value differs from what was expected, or an assertion failed.",
    "time_limit": "The wall-clock or CPU budget ran out.",
    "memory_limit": "The memory limit was hit.",
    "output_limit": "The code wrote more than max_output.",
    "runtime_error": "An uncaught exception, a non-zero exit, a crash, or leaving before the end.",
    "compile_error": "The code does not parse; nothing ran.",
}

_AUDIT_STATUSES = {
    **_RUN_STATUSES,
    **{k: f"A grade's verdict: {v}" for k, v in _VERDICTS.items() if k not in _RUN_STATUSES},
    "running": "Accepted and not finished yet.",
    "refused": "Recorded but not run: over a quota, or refused by the sandbox.",
    "crashed": ("The run stopped abnormally, or the service stopped while it was in progress."),
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(name: str) -> dict[str, Any]:
    return {"anyOf": [_ref(name), {"type": "null"}]}


def _enum(values: dict[str, str], description: str) -> dict[str, Any]:
    """A string enum whose values are explained both for people and for generators."""
    table = "\n".join(f"- `{value}`: {meaning}" for value, meaning in values.items())
    return {
        "type": "string",
        "enum": list(values),
        "description": f"{description}\n\n{table}",
        "x-enum-descriptions": list(values.values()),
    }


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(table: dict[int, tuple[str, ...]]) -> dict[str, Any]:
    """Error responses by status, each an ``Error`` with an example per code it may carry."""
    responses: dict[str, Any] = {}
    for status, codes in sorted(table.items()):
        lines = "\n".join(f"- `{code}`: {_ERROR_CODES[code]}" for code in codes)
        response: dict[str, Any] = {
            "description": f"{_HTTP_REASONS[status]}.\n\n{lines}",
            "content": {
                "application/json": {
                    "schema": _ref("Error"),
                    "examples": {
                        code: {"value": {"error": {"code": code, "message": _ERROR_CODES[code]}}}
                        for code in codes
                    },
                }
            },
        }
        if status == 429:
            response["headers"] = {
                "Retry-After": {
                    "description": "Whole seconds to wait before retrying.",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1},
                }
            }
        responses[str(status)] = response
    return responses


# Errors shared by operations: every /v1 request is authenticated, a body is parsed and capped.
_AUTH: dict[int, tuple[str, ...]] = {
    401: ("unauthorized",),
    403: ("revoked",),
    500: ("internal",),
}
_BODY: dict[int, tuple[str, ...]] = {
    400: ("bad_json", "bad_request"),
    408: ("body_timeout", "header_timeout"),
    413: ("too_large",),
    431: ("headers_too_large",),
}
_LIMITS_422 = ("bad_request", "bad_limits", "above_ceiling", "engine_unavailable")
#: A request that runs code: quotas, the audit record, a worker.
_BUSY: dict[int, tuple[str, ...]] = {
    429: ("quota_exceeded",),
    503: (
        "audit_unavailable",
        "overloaded",
        "over_capacity",
        "quotas_unavailable",
        "not_ready",
        "shutting_down",
    ),
}
#: A request that runs no code: a token of the bucket, and its audit record.
_READ: dict[int, tuple[str, ...]] = {
    429: ("quota_exceeded",),
    503: ("audit_unavailable", "quotas_unavailable"),
}

_RUN_ID = {
    "name": "run_id",
    "in": "path",
    "required": True,
    "description": "A run id, as returned by POST /v1/runs.",
    "schema": {"type": "string"},
    "example": "run_6611b81718139e0574d30e708225",
}
_SESSION_ID = {
    "name": "session_id",
    "in": "path",
    "required": True,
    "description": "A session id, as returned by POST /v1/sessions.",
    "schema": {"type": "string"},
}

_RUN_REQUEST_EXAMPLE = {
    "code": "import json\nprint(x * 2)\nopen('out.txt', 'w').write(note)\nx + 1",
    "inputs": {"x": 20, "note": "hello"},
    "stdin": "",
    "files": {"data.csv": "a,b\n1,2\n"},
    "limits": {"wall_time": 2, "memory": 33554432},
}

_RUN_RESPONSE_EXAMPLE = {
    "id": "run_6611b81718139e0574d30e708225",
    "status": "ok",
    "ok": True,
    "stdout": "40\n",
    "stderr": "",
    "error": None,
    "exit_code": 0,
    "files": {"data.csv": "a,b\n1,2\n", "out.txt": "hello"},
    "duration_ms": 3.912,
    "fuel_used": 1841233,
    "memory_peak_bytes": 30212096,
    "truncated": False,
    "value": 21,
    "calls": [],
    "engine": "micropython",
    "fallback": None,
}


def _schemas() -> dict[str, Any]:
    return {
        "RunStatus": _enum(_RUN_STATUSES, "How a run ended; `ok` is the only success."),
        "AuditStatus": _enum(
            _AUDIT_STATUSES, "The status of an audit record: how its run ended, or why it did not."
        ),
        "ErrorCode": _enum(_ERROR_CODES, "Why a request failed; stable, for programs to test."),
        "Error": {
            "type": "object",
            "description": "The body of every error response.",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": _ref("ErrorCode"),
                        "message": {"type": "string", "description": "For people; may change."},
                    },
                }
            },
        },
        "Limits": {
            "type": "object",
            "description": (
                "Budgets for one run, all enforced by the host. Omitted fields take the "
                "service's defaults, each under your tenant's ceiling on it. No field may "
                "exceed that ceiling (`max_wall_time`, `max_memory`, `max_fuel`, `max_output`, "
                "`max_files_bytes`, `max_files`): a request above one is refused with 422 "
                "`above_ceiling`, whose message names the ceiling."
            ),
            "additionalProperties": False,
            "properties": {
                "wall_time": {
                    "type": "number",
                    "exclusiveMinimum": 0,
                    "maximum": 86400,
                    "description": "Seconds of wall-clock time, sleeps included.",
                },
                "memory": {
                    "type": "integer",
                    "minimum": MIN_MEMORY,
                    "maximum": _MAX_MEMORY,
                    "description": "Bytes of WebAssembly memory (the Python heap fits inside).",
                },
                "fuel": {
                    "type": "integer",
                    "exclusiveMinimum": 0,
                    "description": (
                        "CPU budget in wasmtime fuel units (about one per WebAssembly "
                        "instruction), independent of machine load. Null, which would turn "
                        "fuel off, is above every tenant's ceiling (422 `above_ceiling`)."
                    ),
                },
                "max_output": {
                    "type": "integer",
                    "exclusiveMinimum": 0,
                    "description": "Bytes of stdout and stderr together.",
                },
                "max_files_bytes": {
                    "type": "integer",
                    "exclusiveMinimum": 0,
                    "description": "Bytes of file data in the workspace /work.",
                },
                "max_files": {
                    "type": "integer",
                    "exclusiveMinimum": 0,
                    "description": "Number of files and directories in /work.",
                },
            },
            "example": {"wall_time": 2, "memory": 33554432},
        },
        "Inputs": {
            "type": "object",
            "description": (
                "Values bound as globals before the program runs, by name. JSON values arrive "
                'as themselves; bytes, tuples and sets are sent tagged (`{"$b": "<base64>"}`, '
                '`{"$t": [...]}`, `{"$s": [...]}`).'
            ),
            "additionalProperties": True,
        },
        "Files": {
            "type": "object",
            "description": "Initial files of the workspace /work, by relative path, as text.",
            "additionalProperties": {"type": "string"},
        },
        "RunRequest": {
            "type": "object",
            "description": "A program to run once, in a fresh sandbox.",
            "required": ["code"],
            "additionalProperties": False,
            "properties": {
                "code": {
                    "type": "string",
                    "description": (
                        "Python source. If its last statement is an expression, its value "
                        "is returned as `value`, as in a notebook cell."
                    ),
                },
                "stdin": {"type": "string", "description": "What input() and sys.stdin read."},
                "inputs": _ref("Inputs"),
                "files": _ref("Files"),
                "limits": _ref("Limits"),
                "engine": {
                    "type": "string",
                    "enum": ["micropython", "cpython", "auto"],
                    "description": (
                        "The interpreter: `micropython` (fast; the default unless the operator "
                        "chose another), `cpython` (CPython 3.15 with numpy, pandas and scipy; "
                        "memory at least 48 MiB, 256 MiB by default under your ceiling) or "
                        "`auto` (MicroPython, then CPython when MicroPython lacked a module or "
                        "feature; runs only). The service offers the engines its operator "
                        "enabled; another is refused with 422 `engine_unavailable`."
                    ),
                },
            },
            "example": _RUN_REQUEST_EXAMPLE,
        },
        "GuestError": {
            "type": "object",
            "description": "What went wrong in the program, for a person and for a program.",
            "required": ["type", "message", "line", "traceback", "summary", "hint"],
            "properties": {
                "type": {
                    "type": "string",
                    "description": (
                        "The exception class (`ZeroDivisionError`) or, for a limit the host "
                        "enforced, a name such as `Timeout`."
                    ),
                },
                "message": {"type": "string"},
                "line": {
                    "type": ["integer", "null"],
                    "description": "The line of the program where it was raised, if known.",
                },
                "traceback": {"type": "string", "description": "Frames of the program only."},
                "summary": {"type": "string", "description": "One line a person can read."},
                "hint": {
                    "type": ["string", "null"],
                    "description": (
                        "When the failure comes from a limit of the engine rather than the "
                        "code, what to do instead."
                    ),
                },
            },
        },
        "CallRecord": {
            "type": "object",
            "description": "One host-function or fetch call the run made.",
            "required": ["name", "duration_ms", "bytes_in", "bytes_out", "outcome", "detail"],
            "properties": {
                "name": {"type": "string"},
                "duration_ms": {"type": "number"},
                "bytes_in": {"type": "integer"},
                "bytes_out": {"type": "integer"},
                "outcome": {
                    "type": "string",
                    "description": "`ok`, `error:<Exception>`, `refused:<why>` or `timeout`.",
                },
                "detail": {"type": "string", "description": "For fetch: method, URL, status."},
            },
        },
        "RunResponse": {
            "type": "object",
            "description": (
                "How a run ended. A failing program is still a 200 response: `status` says "
                "how it ended and `error` says why."
            ),
            "required": [
                "id",
                "status",
                "ok",
                "stdout",
                "stderr",
                "error",
                "exit_code",
                "files",
                "duration_ms",
                "fuel_used",
                "memory_peak_bytes",
                "truncated",
                "value",
                "calls",
                "engine",
                "fallback",
            ],
            "properties": {
                "id": {
                    "type": "string",
                    "description": (
                        "The run's id (run_, the time in microseconds as 13 hex digits, "
                        "then 15 random ones); GET /v1/runs/{run_id} returns its record."
                    ),
                },
                "engine": {
                    "type": "string",
                    "enum": ["micropython", "cpython"],
                    "description": "The interpreter that ran the code.",
                },
                "fallback": {
                    "type": ["string", "null"],
                    "description": (
                        "With `engine: auto`, when the code ran on CPython: what MicroPython "
                        "lacked (its error). Null otherwise."
                    ),
                },
                "status": _ref("RunStatus"),
                "ok": {"type": "boolean", "description": "True exactly when status is ok."},
                "stdout": {"type": "string", "description": "UTF-8, invalid bytes replaced."},
                "stderr": {"type": "string", "description": "Includes the traceback."},
                "error": _nullable("GuestError"),
                "exit_code": {
                    "type": ["integer", "null"],
                    "description": (
                        "0 on success, 1 after an uncaught exception, the value given to "
                        "sys.exit(), or null when the host stopped the run."
                    ),
                },
                "files": {
                    "type": "object",
                    "description": (
                        "The files in /work when the run ended, by relative path: text where "
                        'it is UTF-8, else `{"base64": "..."}`.'
                    ),
                    "additionalProperties": {
                        "anyOf": [
                            {"type": "string"},
                            {
                                "type": "object",
                                "required": ["base64"],
                                "additionalProperties": False,
                                "properties": {"base64": {"type": "string"}},
                            },
                        ]
                    },
                },
                "duration_ms": {"type": "number", "description": "Wall-clock time of the run."},
                "fuel_used": {
                    "type": ["integer", "null"],
                    "description": "Fuel consumed; null when fuel accounting is off.",
                },
                "memory_peak_bytes": {
                    "type": "integer",
                    "description": "The largest size the program's memory reached.",
                },
                "truncated": {
                    "type": "boolean",
                    "description": "True when output went over max_output and was cut.",
                },
                "value": {
                    "description": (
                        "The value of the program's last statement when it is an expression, "
                        "else null; bytes, tuples and sets come tagged as in `Inputs`."
                    ),
                },
                "calls": {"type": "array", "items": _ref("CallRecord")},
            },
            "example": _RUN_RESPONSE_EXAMPLE,
        },
        "AuditRecord": {
            "type": "object",
            "description": (
                "The audit record of one request, written before it runs and completed after."
            ),
            "required": [
                "id",
                "tenant_id",
                "kind",
                "received_at",
                "finished_at",
                "client",
                "code",
                "code_sha256",
                "inputs_sha256",
                "limits",
                "status",
                "exit_code",
                "duration_ms",
                "fuel_used",
                "memory_peak_bytes",
                "stdout_bytes",
                "stderr_bytes",
                "error",
                "calls",
                "heartbeat_at",
                "engine",
            ],
            "properties": {
                "id": {"type": "string"},
                "tenant_id": {"type": ["integer", "null"]},
                "kind": {"type": "string", "description": "What was asked, e.g. `run`."},
                "received_at": {"type": "number", "description": "Unix time, in seconds."},
                "finished_at": {
                    "type": ["number", "null"],
                    "description": "Unix time; null while running.",
                },
                "client": {"type": ["string", "null"], "description": "The client's address."},
                "code": {
                    "type": ["string", "null"],
                    "description": "The program; null when the service redacts code.",
                },
                "code_sha256": {"type": ["string", "null"]},
                "inputs_sha256": {
                    "type": ["string", "null"],
                    "description": "SHA-256 of the encoded inputs; null without inputs.",
                },
                "limits": {
                    "anyOf": [_ref("Limits"), {"type": "null"}],
                    "description": "The limits the run was given.",
                },
                "status": _ref("AuditStatus"),
                "exit_code": {"type": ["integer", "null"]},
                "duration_ms": {"type": ["number", "null"]},
                "fuel_used": {"type": ["integer", "null"]},
                "memory_peak_bytes": {"type": ["integer", "null"]},
                "stdout_bytes": {"type": ["integer", "null"]},
                "stderr_bytes": {"type": ["integer", "null"]},
                "error": {
                    "type": ["string", "null"],
                    "description": "The error summary, or why the run was refused.",
                },
                "calls": {"type": ["array", "null"], "items": _ref("CallRecord")},
                "heartbeat_at": {
                    "type": ["number", "null"],
                    "description": (
                        "Unix time of the last sign of life of a long run in progress, when "
                        "replicas share the database; null otherwise."
                    ),
                },
                "engine": {
                    "type": ["string", "null"],
                    "description": (
                        "The engine asked for, then the one that ran; null in records from "
                        "before engines could be chosen."
                    ),
                },
            },
        },
        "Verdict": _enum(_VERDICTS, "How a case, or a whole grade, went."),
        "GradeRequest": {
            "type": "object",
            "description": "A submission and the cases it is graded against, each in a fresh run.",
            "required": ["code", "cases"],
            "additionalProperties": False,
            "properties": {
                "code": {"type": "string", "description": "The submission's source."},
                "cases": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 100,
                    "description": (
                        "Each one of: `{stdin?, expected_stdout, compare?, tolerance?, timeout?}` "
                        "(its output is compared); `{call, args?, kwargs?, expected, compare?, "
                        "tolerance?, timeout?}` (the value of call(*args, **kwargs) is compared "
                        "on the host; `expected` never enters the sandbox); `{test, timeout?}` "
                        "(code run after the submission that raises AssertionError on failure)."
                    ),
                    "items": {"type": "object"},
                },
                "compare": {
                    "type": "string",
                    "enum": ["exact", "whitespace", "float"],
                    "description": (
                        "For cases that do not say: `exact` (line endings and trailing "
                        "whitespace at the end aside), `whitespace` (the same tokens), `float` "
                        "(numbers within `tolerance`)."
                    ),
                },
                "tolerance": {"type": "number", "minimum": 0},
                "stop_on_failure": {
                    "type": "boolean",
                    "description": "Run no more cases after the first that fails.",
                },
                "limits": {
                    **_ref("Limits"),
                    "description": "Each case's limits; the whole grade may take their sum.",
                },
                "engine": {"type": "string", "enum": ["micropython", "cpython", "auto"]},
            },
        },
        "CaseResult": {
            "type": "object",
            "required": ["index", "kind", "verdict", "expected", "got", "error", "duration_ms"],
            "properties": {
                "index": {"type": "integer"},
                "kind": {"type": "string", "enum": ["stdin", "call", "test"]},
                "verdict": _ref("Verdict"),
                "expected": {"type": ["string", "null"], "description": "Shortened."},
                "got": {"type": ["string", "null"], "description": "Shortened."},
                "error": {"type": ["string", "null"], "description": "What went wrong."},
                "duration_ms": {"type": "number"},
            },
        },
        "GradeResponse": {
            "type": "object",
            "required": ["id", "verdict", "passed", "total", "cases", "duration_ms", "engine"],
            "properties": {
                "id": {"type": "string", "description": "The grade's audit record."},
                "verdict": {
                    **_ref("Verdict"),
                    "description": "The first failing case's verdict; accepted when all pass.",
                },
                "passed": {"type": "integer"},
                "total": {"type": "integer"},
                "cases": {"type": "array", "items": _ref("CaseResult")},
                "duration_ms": {"type": "number"},
                "engine": {"type": "string"},
            },
        },
        "RunList": {
            "type": "object",
            "required": ["runs"],
            "properties": {"runs": {"type": "array", "items": _ref("AuditRecord")}},
        },
        "SessionRequest": {
            "type": "object",
            "description": "The starting state of a session; every field is optional.",
            "additionalProperties": False,
            "properties": {
                "limits": {
                    **_ref("Limits"),
                    "description": (
                        "`memory` caps the session for its whole life; the other limits "
                        "apply to each run."
                    ),
                },
                "files": _ref("Files"),
                "engine": {
                    "type": "string",
                    "enum": ["micropython", "cpython"],
                    "description": (
                        "The interpreter: `micropython` (fast; the default unless the operator "
                        "chose another), `cpython` (CPython 3.15 with numpy, pandas and scipy; "
                        "memory at least 48 MiB, 256 MiB by default under your ceiling). "
                        "The service offers the engines its operator "
                        "enabled; another is refused with 422 `engine_unavailable`."
                    ),
                },
            },
        },
        "Session": {
            "type": "object",
            "description": "A resident sandbox whose globals, imports and files last across runs.",
            "required": ["id", "engine", "limits", "idle_timeout"],
            "properties": {
                "id": {"type": "string"},
                "engine": {"type": "string", "description": "The session's interpreter."},
                "limits": {
                    "type": "object",
                    "description": "The session's limits after the tenant's ceilings applied.",
                },
                "idle_timeout": {
                    "type": "number",
                    "description": (
                        "Seconds the session may stay idle before it ends; after that its "
                        "runs are refused with 404 `not_found`."
                    ),
                },
            },
        },
        "SessionRunRequest": {
            "type": "object",
            "required": ["code"],
            "additionalProperties": False,
            "properties": {
                "code": {"type": "string"},
                "stdin": {"type": "string"},
                "inputs": _ref("Inputs"),
            },
        },
        "SessionReset": {
            "type": "object",
            "required": ["id", "reset"],
            "properties": {"id": {"type": "string"}, "reset": {"type": "boolean", "enum": [True]}},
        },
        "Health": {
            "type": "object",
            "required": ["ok"],
            "properties": {"ok": {"type": "boolean", "enum": [True]}},
        },
    }


def _paths() -> dict[str, Any]:
    run_response = _json(_ref("RunResponse"), "How the run ended (a failing program included).")
    return {
        "/v1/grade": {
            "post": {
                "operationId": "grade",
                "tags": ["grading"],
                "summary": "Grade code against test cases",
                "description": (
                    "Runs `code` once per case, each in a fresh sandbox, and judges it. The "
                    "verdicts are a judge's: accepted, wrong_answer, time_limit, memory_limit, "
                    "output_limit, runtime_error, compile_error. Quotas and the audit log count "
                    "a grade as one request, recorded with its verdict as its status."
                ),
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("GradeRequest")}},
                },
                "responses": {
                    "200": _json(_ref("GradeResponse"), "The verdict, and each case's."),
                    **_errors({**_AUTH, **_BODY, 422: _LIMITS_422, **_BUSY}),
                },
            },
        },
        "/v1/runs": {
            "post": {
                "operationId": "createRun",
                "tags": ["runs"],
                "summary": "Run a program",
                "description": (
                    "Runs `code` once in a fresh sandbox and answers when it has ended. A "
                    "failing program is a 200 whose `status` says how it ended; error "
                    "responses mean the program was not run. Every request is recorded in "
                    "the audit log, refused ones included."
                ),
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("RunRequest")}},
                },
                "responses": {
                    "200": run_response,
                    **_errors({**_AUTH, **_BODY, 422: _LIMITS_422, **_BUSY}),
                },
            },
            "get": {
                "operationId": "listRuns",
                "tags": ["runs"],
                "summary": "List your runs",
                "description": (
                    "Your own audit records, newest first. Reads are recorded too (kinds "
                    "`read` and `list`); they are left out unless `kind` asks for them."
                ),
                "parameters": [
                    {
                        "name": "status",
                        "in": "query",
                        "description": "Only records with this status.",
                        "schema": _ref("AuditStatus"),
                    },
                    {
                        "name": "since",
                        "in": "query",
                        "description": "Only records received at or after this Unix time.",
                        "schema": {"type": "number"},
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "description": "At most this many records (clamped to 1..10000).",
                        "schema": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": 10000,
                            "default": 100,
                        },
                    },
                    {
                        "name": "kind",
                        "in": "query",
                        "description": "Only records of this kind of request.",
                        "schema": {
                            "type": "string",
                            "enum": [
                                "run",
                                "grade",
                                "session_open",
                                "session_run",
                                "session_reset",
                                "session_close",
                                "read",
                                "list",
                            ],
                        },
                    },
                ],
                "responses": {
                    "200": _json(_ref("RunList"), "Your runs, newest first."),
                    **_errors({**_AUTH, 400: ("bad_request",), **_READ}),
                },
            },
        },
        "/v1/runs/{run_id}": {
            "get": {
                "operationId": "getRun",
                "tags": ["runs"],
                "summary": "Get a run's audit record",
                "description": (
                    "The audit record of one of your runs. Another tenant's run is 404, "
                    "as if it did not exist."
                ),
                "parameters": [_RUN_ID],
                "responses": {
                    "200": _json(_ref("AuditRecord"), "The record."),
                    **_errors({**_AUTH, 404: ("not_found",), **_READ}),
                },
            }
        },
        "/v1/sessions": {
            "post": {
                "operationId": "createSession",
                "tags": ["sessions"],
                "summary": "Open a session",
                "description": (
                    "Starts a resident sandbox whose globals, imports and files last from one "
                    "run to the next, like a notebook kernel. It ends when deleted or after "
                    "`idle_timeout` seconds without a run."
                ),
                "requestBody": {
                    "required": False,
                    "content": {"application/json": {"schema": _ref("SessionRequest")}},
                },
                "responses": {
                    "201": _json(_ref("Session"), "The new session."),
                    **_errors(
                        {
                            **_AUTH,
                            **_BODY,
                            422: _LIMITS_422,
                            429: ("quota_exceeded", "too_many_sessions"),
                            503: (*_BUSY[503], "worker_crashed"),
                        }
                    ),
                },
            }
        },
        "/v1/sessions/{session_id}/runs": {
            "post": {
                "operationId": "runInSession",
                "tags": ["sessions"],
                "summary": "Run a program in a session",
                "description": (
                    "Runs `code` in the session: it sees what earlier runs left (globals, "
                    "imports, files). Answers like POST /v1/runs."
                ),
                "parameters": [_SESSION_ID],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("SessionRunRequest")}},
                },
                "responses": {
                    "200": run_response,
                    **_errors(
                        {
                            **_AUTH,
                            **_BODY,
                            404: ("not_found",),
                            410: ("session_ended",),
                            422: ("bad_request",),
                            **_BUSY,
                        }
                    ),
                },
            }
        },
        "/v1/sessions/{session_id}/reset": {
            "post": {
                "operationId": "resetSession",
                "tags": ["sessions"],
                "summary": "Reset a session",
                "description": (
                    "Throws the session's state away and starts it again from its initial "
                    "files and inputs; its id and limits stay."
                ),
                "parameters": [_SESSION_ID],
                "responses": {
                    "200": _json(_ref("SessionReset"), "The session starts afresh."),
                    **_errors(
                        {
                            **_AUTH,
                            404: ("not_found",),
                            410: ("session_ended",),
                            **_READ,
                            503: (*_READ[503], "overloaded"),
                        }
                    ),
                },
            }
        },
        "/v1/sessions/{session_id}": {
            "delete": {
                "operationId": "deleteSession",
                "tags": ["sessions"],
                "summary": "End a session",
                "description": "Ends the session and frees its sandbox.",
                "parameters": [_SESSION_ID],
                "responses": {
                    "204": {"description": "The session is ended."},
                    **_errors(
                        {
                            **_AUTH,
                            404: ("not_found",),
                            **_READ,
                            503: (*_READ[503], "overloaded"),
                        }
                    ),
                },
            }
        },
        "/healthz": {
            "get": {
                "operationId": "health",
                "tags": ["service"],
                "summary": "Liveness probe",
                "description": "200 while the process serves requests; needs no key.",
                "security": [],
                "responses": {"200": _json(_ref("Health"), "The process is alive.")},
            }
        },
        "/readyz": {
            "get": {
                "operationId": "ready",
                "tags": ["service"],
                "summary": "Readiness probe",
                "description": "200 when the audit database is reachable; needs no key.",
                "security": [],
                "responses": {
                    "200": _json(_ref("Health"), "Ready to take runs."),
                    **_errors({503: ("not_ready",)}),
                },
            }
        },
        "/metrics": {
            "get": {
                "operationId": "metrics",
                "tags": ["service"],
                "summary": "Prometheus metrics",
                "description": (
                    "Runs by tenant and status, refusals, runs in flight, queue depth, worker "
                    "restarts, sessions, alerts and latency, in the Prometheus text format. It "
                    "names every tenant, so it takes no tenant's key: with the service's "
                    "`metrics_token` set it asks for that (`Authorization: Bearer TOKEN`); "
                    "without one it answers clients on the service's own machine only."
                ),
                "security": [],
                "responses": {
                    "200": {
                        "description": "The metrics.",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    },
                    **_errors({401: ("unauthorized",), 403: ("forbidden",)}),
                },
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "openapi",
                "tags": ["service"],
                "summary": "This document",
                "description": "The OpenAPI 3.1 description of the API, for client generators.",
                "security": [],
                "responses": {"200": _json({"type": "object"}, "The OpenAPI document.")},
            }
        },
        "/docs": {
            "get": {
                "operationId": "docs",
                "tags": ["service"],
                "summary": "Interactive documentation",
                "description": "Swagger UI over this document, served locally (no CDN).",
                "security": [],
                "responses": {
                    "200": {
                        "description": "An HTML page.",
                        "content": {"text/html": {"schema": {"type": "string"}}},
                    }
                },
            }
        },
    }


def openapi_document(version: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the HTTP API, for the service at ``version``.

    A fresh dict on every call, so a caller may change its copy.
    """
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "wasmbox",
            "version": version,
            "description": (
                "Run untrusted Python for many tenants: MicroPython in WebAssembly with strict "
                "budgets, structured results and an audit record of every request.\n\n"
                "Authenticate with your API key: `Authorization: Bearer wbx_...`. Every error "
                'is JSON: `{"error": {"code": ..., "message": ...}}`, where `code` is stable.'
            ),
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "tags": [
            {"name": "runs", "description": "One-off runs and their audit records."},
            {"name": "sessions", "description": "Sandboxes whose state lasts across runs."},
            {"name": "grading", "description": "Code judged against test cases."},
            {"name": "service", "description": "Probes, metrics and this documentation."},
        ],
        "security": [{"apiKey": []}],
        "paths": _paths(),
        "components": {
            "securitySchemes": {
                "apiKey": {
                    "type": "http",
                    "scheme": "bearer",
                    "bearerFormat": "wbx_...",
                    "description": (
                        "A tenant's API key (`wbx_` and 43 characters), shown once when the "
                        "operator runs `wasmbox tenants add NAME`."
                    ),
                }
            },
            "schemas": _schemas(),
        },
    }


def _swagger_ui_document(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` restated as OpenAPI 3.0, the newest version the bundled Swagger UI renders.

    swagger-ui-bundle 1.1 ships Swagger UI 4.15, which refuses any ``openapi``
    that does not start with ``3.0.``. The 3.1 constructs the document uses are
    nullable types, numeric ``exclusiveMinimum`` and a license ``identifier``.
    """
    out: dict[str, Any] = _to_30(document)
    out["openapi"] = "3.0.3"
    out["info"]["license"].pop("identifier", None)
    return out


def _to_30(node: Any) -> Any:
    if isinstance(node, list):
        return [_to_30(item) for item in node]
    if not isinstance(node, dict):
        return node
    # Examples are data, not schemas: copied as they are.
    out = {
        k: copy.deepcopy(v) if k in ("example", "examples") else _to_30(v) for k, v in node.items()
    }
    kind = out.get("type")
    if isinstance(kind, list) and "null" in kind:
        (out["type"],) = [t for t in kind if t != "null"]
        out["nullable"] = True
    options = out.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options:
        rest = [o for o in options if o != {"type": "null"}]
        del out["anyOf"]
        out["allOf" if len(rest) == 1 else "anyOf"] = rest
        out["nullable"] = True
    bound = out.get("exclusiveMinimum")
    if isinstance(bound, int | float) and not isinstance(bound, bool):
        out["minimum"], out["exclusiveMinimum"] = bound, True
    return out


# Relative URLs, so the page works wherever the app is mounted: from /prefix/docs they
# resolve to /prefix/docs/assets/... validatorUrl: null keeps Swagger UI from sending the
# document's URL to validator.swagger.io.
_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>wasmbox API {version}</title>
<link rel="stylesheet" href="docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="docs/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/assets/swagger-ui-bundle.js"></script>
<script>
SwaggerUIBundle({{url: "docs/openapi-3.0.json", dom_id: "#swagger-ui", validatorUrl: null}});
</script>
</body>
</html>
"""


def openapi_routes(version: str) -> list[BaseRoute]:
    """Routes for ``/openapi.json``, the Swagger UI page ``/docs`` and its local assets.

    The page reads ``/docs/openapi-3.0.json``, the same document restated for the
    bundled Swagger UI (see :func:`_swagger_ui_document`); ``/openapi.json`` is the
    3.1 original. Both are rendered once, here.
    """
    document = openapi_document(version)
    body = json.dumps(document).encode()
    body_30 = json.dumps(_swagger_ui_document(document)).encode()
    page = _PAGE.format(version=html.escape(version))

    async def spec(_: Request) -> Response:
        return Response(body, media_type="application/json")

    async def spec_30(_: Request) -> Response:
        return Response(body_30, media_type="application/json")

    async def docs(_: Request) -> Response:
        return HTMLResponse(page)

    return [
        Route("/openapi.json", spec, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
        Route("/docs/openapi-3.0.json", spec_30, methods=["GET"]),
        Mount("/docs/assets", StaticFiles(directory=str(swagger_ui_path))),
    ]
