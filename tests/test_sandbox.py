"""The library surface: results, isolation between runs, determinism, threads."""

from __future__ import annotations

import json
import threading

import pytest

from wasmbox import ConfigError, Limits, RunStatus, Sandbox


def test_ok_result(sandbox: Sandbox) -> None:
    result = sandbox.run("print('hi')\nimport sys\nsys.stderr.write('warn\\n')")
    assert result.ok and result.status == "ok"
    assert (result.stdout, result.stderr, result.exit_code, result.error) == (
        "hi\n",
        "warn\n",
        0,
        None,
    )
    assert result.duration_ms > 0 and result.memory_peak_bytes > 0


def test_guest_exception_is_structured(sandbox: Sandbox) -> None:
    code = "def divide(a, b):\n    return a / b\n\nx = 1\ndivide(x, 0)\n"
    result = sandbox.run(code)
    assert result.status is RunStatus.ERROR and result.exit_code == 1
    error = result.error
    assert error is not None
    assert (error.type, error.message, error.line) == ("ZeroDivisionError", "division by zero", 2)
    assert error.traceback == (
        "Traceback (most recent call last):\n"
        '  File "main.py", line 5, in <module>\n'
        '  File "main.py", line 2, in divide\n'
        "ZeroDivisionError: division by zero\n"
    )
    assert result.stderr == error.traceback
    assert error.summary == "ZeroDivisionError (line 2): division by zero"


def test_exception_after_output_keeps_output(sandbox: Sandbox) -> None:
    result = sandbox.run("print('partial')\nraise ValueError('bad input')")
    assert result.stdout == "partial\n"
    assert result.error and result.error.summary == "ValueError (line 2): bad input"


def test_syntax_error(sandbox: Sandbox) -> None:
    result = sandbox.run("x = 1\nif x\n    pass\n")
    assert result.status is RunStatus.ERROR
    assert result.error and result.error.type == "SyntaxError" and result.error.line == 2


@pytest.mark.parametrize(
    ("code", "status", "exit_code"),
    [
        ("import sys\nsys.exit()", RunStatus.OK, 0),
        ("import sys\nsys.exit(0)", RunStatus.OK, 0),
        ("import sys\nsys.exit(3)", RunStatus.ERROR, 3),
        ("raise SystemExit(7)", RunStatus.ERROR, 7),
    ],
)
def test_exit_codes(sandbox: Sandbox, code: str, status: RunStatus, exit_code: int) -> None:
    result = sandbox.run(code)
    assert (result.status, result.exit_code) == (status, exit_code)


def test_exit_with_message(sandbox: Sandbox) -> None:
    result = sandbox.run("import sys\nsys.exit('fatal: no data')")
    assert result.exit_code == 1 and result.stderr == "fatal: no data\n"


def test_to_dict_is_json(sandbox: Sandbox) -> None:
    result = sandbox.run("open('t.txt','w').write('ok')\nopen('b.bin','wb').write(b'\\xff')\n1/0")
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {
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
    }
    assert data["status"] == "error" and data["ok"] is False
    assert data["error"]["type"] == "ZeroDivisionError" and data["error"]["line"] == 3
    assert data["files"] == {"t.txt": "ok", "b.bin": {"base64": "/w=="}}


def test_stdin_and_input(sandbox: Sandbox) -> None:
    code = "name = input()\nrest = input()\nprint('hello', name, rest)\ntry:\n    input()\nexcept EOFError:\n    print('eof')"
    assert sandbox.run(code, stdin="ada\nlovelace\n").stdout == "hello ada lovelace\neof\n"


def test_input_with_no_stdin_is_eof(sandbox: Sandbox) -> None:
    result = sandbox.run("input()")
    assert result.error and result.error.type == "EOFError"


def test_nothing_survives_between_runs(sandbox: Sandbox) -> None:
    sandbox.run("import sys\nsys.leak = 1\nopen('left.txt', 'w').write('x')\nX = 5")
    code = "import sys, os\nprint(hasattr(sys, 'leak'), os.listdir('.'), 'X' in globals())"
    assert sandbox.run(code).stdout == "False [] False\n"


def test_seed_makes_random_reproducible(sandbox: Sandbox) -> None:
    code = "import random, os\nprint(random.getrandbits(30), os.urandom(4))"
    first = sandbox.run(code, seed=42).stdout
    assert first == sandbox.run(code, seed=42).stdout
    assert first != sandbox.run(code, seed=43).stdout
    assert sandbox.run(code).stdout != sandbox.run(code).stdout


def test_fixed_clock(sandbox: Sandbox) -> None:
    code = "import time\nt = time.time()\ntime.sleep(3)\nprint(int(t), int(time.time() - t))"
    result = sandbox.run(code, clock=1_700_000_000.0, limits=Limits(wall_time=1))
    assert result.ok and result.stdout == "1700000000 3\n"
    assert result.duration_ms < 900  # the sleep was virtual


def test_real_clock(sandbox: Sandbox) -> None:
    import time

    out = sandbox.run("import time\nprint(int(time.time()))").stdout
    assert abs(int(out) - time.time()) < 5


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"files": {"/abs": b""}}, "relative"),
        ({"mounts": {"data": {}}}, "absolute"),
        ({"mounts": {"/work": {}}}, "reserved"),
        ({"env": {"A=B": "x"}}, "environment"),
        ({"files": {"big": b"x" * 100}, "limits": Limits(max_files_bytes=10)}, "quota"),
    ],
)
def test_host_misuse_raises(sandbox: Sandbox, kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        sandbox.run("pass", **kwargs)  # type: ignore[arg-type]


def test_code_must_be_text(sandbox: Sandbox) -> None:
    with pytest.raises(ConfigError):
        sandbox.run(b"print(1)")  # type: ignore[arg-type]


def test_unicode_and_long_programs(sandbox: Sandbox) -> None:
    body = "".join(f"v{i} = 'é{i}'\n" for i in range(3000))  # > one 16 KiB chunk
    result = sandbox.run(body + "print(v0, v2999, '日本語')")
    assert result.stdout == "é0 é2999 日本語\n"


def test_threads_share_a_sandbox(sandbox: Sandbox) -> None:
    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(20):
                r = sandbox.run(f"print(sum(range({n * 100 + i})))")
                assert r.stdout == f"{sum(range(n * 100 + i))}\n", r
            results[n] = "done"
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 8


def test_hostile_runs_in_threads_do_not_cross(sandbox: Sandbox) -> None:
    """A run stopped by the host on one thread must not disturb another's."""
    outcomes: list[RunStatus] = []

    def hostile() -> None:
        for _ in range(5):
            outcomes.append(
                sandbox.run("while True: print('x' * 100)", limits=Limits(max_output=1000)).status
            )

    def friendly() -> None:
        for _ in range(30):
            r = sandbox.run("print('fine')")
            assert r.ok and r.stdout == "fine\n", r

    threads = [threading.Thread(target=hostile), threading.Thread(target=friendly)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes == [RunStatus.OUTPUT_LIMIT] * 5


def test_many_sequential_runs_stay_healthy(sandbox: Sandbox) -> None:
    for i in range(300):
        assert sandbox.run(f"print({i})").stdout == f"{i}\n"


@pytest.mark.parametrize(("engine", "name"), [("micropython", "evil.mpy"), ("cpython", "evil.pyc")])
def test_guest_code_cannot_plant_bytecode(engine: str, name: str) -> None:
    code = (
        "import os\nout = []\n"
        f"for f in (lambda: open({name!r}, 'wb'), lambda: os.rename('a.txt', {name!r})):\n"
        "    try:\n        f()\n        out.append('written')\n"
        "    except OSError as e:\n        out.append(type(e).__name__)\nout"
    )
    result = Sandbox(engine=engine).run(code, files={"a.txt": "x"})
    assert result.value == ["PermissionError", "PermissionError"], result


@pytest.mark.parametrize(
    "given", [{"stdin": "\ud800"}, {"files": {"a.txt": "x\udfff"}}], ids=["stdin", "file"]
)
def test_text_without_a_utf8_form_is_a_config_error(
    sandbox: Sandbox, given: dict[str, object]
) -> None:
    # JSON lets a lone surrogate through; encoding it used to raise UnicodeEncodeError.
    with pytest.raises(ConfigError, match="lone surrogate"):
        sandbox.run("1", **given)  # type: ignore[arg-type]


def test_a_sessions_stdin_without_a_utf8_form_is_a_config_error(sandbox: Sandbox) -> None:
    session = sandbox.session()
    try:
        with pytest.raises(ConfigError, match="stdin is not valid Unicode text"):
            session.run("1", stdin="\ud800")
        assert session.run("6 * 7").value == 42  # and the session lives on
    finally:
        session.close()
