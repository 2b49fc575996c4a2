"""Host functions: what the guest can call, what it gets back, and what it costs."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

from conftest import limits_for
from wasmbox import ConfigError, RunStatus, Sandbox


def lookup(key: str, default: Any = None) -> Any:
    return {"a": 1, "b": [2, 3]}.get(key, default)


@pytest.fixture(scope="module")
def sb(engine: str) -> Sandbox:
    return Sandbox(
        engine=engine, functions={"lookup": lookup, "echo": lambda *a, **k: [list(a), k]}
    )


@pytest.fixture(scope="module")
def micropython_sb() -> Sandbox:
    """For the tests of MicroPython's own ``host`` module."""
    return Sandbox(functions={"lookup": lookup, "echo": lambda *a, **k: [list(a), k]})


def test_positional_and_keyword_arguments(engine: str, sb: Sandbox) -> None:
    result = sb.run("print(lookup('a'), lookup('zz', default='d'), lookup(key='b'))")
    assert result.stdout == "1 d [2, 3]\n"
    assert [c.name for c in result.calls] == ["lookup"] * 3
    assert all(c.outcome == "ok" and c.bytes_in > 0 and c.bytes_out > 0 for c in result.calls)


def test_values_round_trip_through_a_call(engine: str, sb: Sandbox) -> None:
    code = "echo(b'\\x00', (1, 2), {3}, {(4,): 'k'}, x=1.5, y=None)"
    result = sb.run(code)
    assert result.value == [[b"\x00", (1, 2), {3}, {(4,): "k"}], {"x": 1.5, "y": None}]


def test_per_run_functions_add_to_and_override_the_sandboxs(engine: str, sb: Sandbox) -> None:
    result = sb.run("lookup('a'), extra()", functions={"extra": lambda: "x", "lookup": lambda k: k})
    assert result.value == ("a", "x")
    assert sb.run("extra()").error.type == "NameError"  # type: ignore[union-attr]


class CustomError(Exception):
    pass


def failing(kind: str) -> None:
    if kind == "value":
        raise ValueError("bad value")
    if kind == "custom":
        raise CustomError("custom message")
    if kind == "oserror":
        with open("/nonexistent/secret/host/path"):
            pass
    if kind == "keyboard":
        raise KeyboardInterrupt
    raise KeyError(kind)


@pytest.mark.parametrize(
    ("kind", "guest_type", "message"),
    [
        ("value", "ValueError", "bad value"),
        ("custom", "CustomError", "custom message"),
        ("oserror", "FileNotFoundError", "No such file or directory"),
        ("other", "KeyError", "other"),
        ("keyboard", "RuntimeError", "failing() failed"),
    ],
)
def test_host_exceptions_become_guest_exceptions(
    engine: str, kind: str, guest_type: str, message: str
) -> None:
    code = (
        "try:\n"
        f"    failing({kind!r})\n"
        "except Exception as e:\n"
        "    print(type(e).__name__, '|', e, '|', isinstance(e, Exception))\n"
    )
    result = Sandbox(engine=engine, functions={"failing": failing}).run(code)
    assert result.status is RunStatus.OK, result.error
    name, text, is_exc = result.stdout.strip().split(" | ")
    assert (name, is_exc) == (guest_type, "True")
    assert message in text
    assert "/nonexistent" not in result.stdout and "Traceback" not in result.stdout
    assert result.calls[0].outcome.startswith("error:")


def test_guest_catches_aliased_classes(engine: str) -> None:
    code = "try:\n    failing('oserror')\nexcept OSError:\n    print('caught as OSError')"
    assert (
        Sandbox(engine=engine, functions={"failing": failing}).run(code).stdout
        == "caught as OSError\n"
    )


def test_uncaught_host_error_is_a_normal_guest_error(engine: str) -> None:
    result = Sandbox(engine=engine, functions={"failing": failing}).run("x = 1\nfailing('value')")
    assert result.status is RunStatus.ERROR and result.error is not None
    assert (result.error.type, result.error.line) == ("ValueError", 2)
    assert "_wasmbox" not in result.error.traceback


def test_huge_argument_is_refused_before_the_call(engine: str) -> None:
    called = []
    sb = Sandbox(
        engine=engine,
        functions={"f": lambda s: called.append(s)},
        limits=limits_for(engine, max_value=10_000),
    )
    result = sb.run("try:\n    f('x' * 20000)\nexcept ValueError as e:\n    print('refused:', e)")
    assert result.stdout.startswith("refused: arguments of f(): ")
    assert called == [] and result.calls[0].outcome == "refused:arguments"


def test_huge_reply_is_refused_and_large_replies_arrive_whole(engine: str) -> None:
    sb = Sandbox(
        engine=engine,
        functions={"big": lambda n: "é" * n},
        limits=limits_for(engine, max_value=300_000),
    )
    ok = sb.run("s = big(100000)\nlen(s), s == 'é' * 100000")
    assert ok.value == (100000, True)  # ~200 KB: several 16 KiB chunks
    result = sb.run("try:\n    big(200000)\nexcept ValueError as e:\n    print(e)")
    assert "over the 300,000-byte limit" in result.stdout


def test_call_limit(engine: str, sb: Sandbox) -> None:
    code = (
        "n = 0\n"
        "try:\n"
        "    while True:\n"
        "        lookup('a')\n"
        "        n += 1\n"
        "except PermissionError as e:\n"
        "    print(n, e)\n"
    )
    result = sb.run(code, limits=limits_for(engine, max_calls=25))
    assert result.stdout == "25 the run may call host functions 25 times\n"
    assert len(result.calls) == 26 and result.calls[-1].outcome == "refused:max_calls"


def test_slow_function_cannot_outlive_the_deadline(engine: str) -> None:
    sb = Sandbox(engine=engine, functions={"slow": lambda: time.sleep(30)})
    started = time.monotonic()
    result = sb.run("slow()", limits=limits_for(engine, wall_time=0.5))
    assert result.status is RunStatus.TIMEOUT
    assert time.monotonic() - started < 2
    assert result.calls[0].outcome == "timeout"


def test_a_host_functions_own_timeout_error_is_only_an_exception(engine: str) -> None:
    def gives_up() -> None:
        raise TimeoutError("upstream took too long")

    result = Sandbox(engine=engine, functions={"gives_up": gives_up}).run(
        "try:\n    gives_up()\nexcept TimeoutError as e:\n    print('caught', e)\n'after'"
    )
    assert result.status is RunStatus.OK and result.value == "after"
    assert result.stdout == "caught upstream took too long\n"


def test_time_in_host_functions_counts_against_the_deadline(engine: str) -> None:
    sb = Sandbox(engine=engine, functions={"nap": lambda: time.sleep(0.1)})
    result = sb.run("while True:\n    nap()", limits=limits_for(engine, wall_time=0.5))
    assert result.status is RunStatus.TIMEOUT
    assert 2 <= len(result.calls) <= 6


def test_async_functions_and_their_cancellation(engine: str) -> None:
    cancelled = threading.Event()

    async def fetch_user(uid: int) -> dict[str, Any]:
        await asyncio.sleep(0.01)
        return {"id": uid, "name": f"user{uid}"}

    async def hang() -> None:
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    sb = Sandbox(engine=engine, functions={"fetch_user": fetch_user, "hang": hang})
    assert sb.run("fetch_user(7)['name']").value == "user7"
    result = sb.run("hang()", limits=limits_for(engine, wall_time=0.3))
    assert result.status is RunStatus.TIMEOUT
    assert cancelled.wait(2)


def test_reentrant_host_function_runs_its_own_sandbox(engine: str) -> None:
    inner = Sandbox(engine=engine)

    def evaluate(expr: str) -> Any:
        return inner.run(expr).value

    result = Sandbox(engine=engine, functions={"evaluate": evaluate}).run("evaluate('6 * 7') + 1")
    assert result.value == 43


def test_guest_cannot_reach_ungranted_or_internal_functions(micropython_sb: Sandbox) -> None:
    sb = micropython_sb
    code = (
        "import host\n"
        "for name in ('f:open', 'f:__import__', 'f:', 'wasmbox.more', 'f:lookup'):\n"
        "    try:\n"
        "        print(name, host.call(name, '[[\"a\"],{}]')[:2])\n"
        "    except Exception as e:\n"
        "        print(name, type(e).__name__)\n"
    )
    result = sb.run(code)
    assert result.stdout.splitlines() == [
        "f:open .!",  # refused: no such granted function
        "f:__import__ .!",
        "f: .!",
        "wasmbox.more RuntimeError",
        "f:lookup .=",
    ]
    result = Sandbox().run("import host\nhost.call('f:lookup', '[[],{}]')")
    assert result.error is not None and result.error.type == "RuntimeError"


def test_malformed_calls_from_guest_code(micropython_sb: Sandbox) -> None:
    sb = micropython_sb
    payloads = ["", "[", "[1, 2]", '{"a": 1}', "[[], []]", '[{"$b": "!!"}, {}]', "[" * 5000]
    code = "import host\nfor p in PAYLOADS:\n    print(host.call('f:echo', p)[:2])\n"
    result = sb.run(code, inputs={"PAYLOADS": payloads})
    assert result.stdout == ".!\n" * len(payloads)
    assert all(c.outcome == "refused:arguments" for c in result.calls)


@pytest.mark.parametrize("name", ["1x", "print", "__x", "a-b", "", "x" * 100])
def test_bad_names_are_config_errors(name: str) -> None:
    with pytest.raises(ConfigError):
        Sandbox(functions={name: len})


def test_not_callable_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        Sandbox(functions={"f": 3})  # type: ignore[dict-item]


def test_inline_functions_run_on_the_guests_thread(engine: str) -> None:
    from wasmbox import inline

    seen: list[int] = []

    def where() -> bool:
        seen.append(threading.get_ident())
        return True

    sb = Sandbox(engine=engine, functions={"here": inline(where), "away": where})
    result = sb.run("here(), away()")
    assert result.value == (True, True)
    assert seen[0] == threading.get_ident() != seen[1]
    assert [c.outcome for c in result.calls] == ["ok", "ok"]


def test_a_slow_inline_function_ends_the_run_as_a_timeout_when_it_returns(engine: str) -> None:
    from wasmbox import inline

    sb = Sandbox(engine=engine, functions={"nap": inline(lambda: time.sleep(0.5))})
    started = time.monotonic()
    result = sb.run("nap()\nwhile True:\n    pass", limits=limits_for(engine, wall_time=0.2))
    assert result.status is RunStatus.TIMEOUT
    assert 0.5 <= time.monotonic() - started < 2  # it could not be cut short


def test_inline_takes_only_plain_callables() -> None:
    from wasmbox import inline

    async def coro() -> None:
        pass

    with pytest.raises(ConfigError):
        inline(coro)


def test_cpython_door_serves_only_granted_functions() -> None:
    # The CPython twin of the two tests above: guest code calling the door itself.
    sb = Sandbox(engine="cpython", functions={"lookup": lookup, "echo": lambda *a: list(a)})
    code = (
        "import _host\n"
        "for frame in FRAMES:\n"
        "    try:\n"
        "        print(_host.call(frame)[:1].decode())\n"
        "    except Exception as e:\n"
        "        print(type(e).__name__)\n"
    )
    frames = [
        b"f:open\x00[[],{}]",  # refused: not granted
        b"f:__import__\x00[[],{}]",
        b"f:\x00[[],{}]",
        b"f:lookup",  # not a call frame: no host
        b"zzz",
        b'f:lookup\x00[["a"],{}]',
        b"f:echo\x00[",  # malformed arguments
        b"f:echo\x00" + b"[" * 5000,
    ]
    result = sb.run(code, inputs={"FRAMES": frames})
    assert result.stdout.split() == [
        "!",
        "!",
        "!",
        "ConnectionRefusedError",
        "ConnectionRefusedError",
        "=",
        "!",
        "!",
    ]
    assert [c.outcome for c in result.calls] == ["refused:unknown"] * 3 + ["ok"] + [
        "refused:arguments"
    ] * 2
    bare = Sandbox(engine="cpython").run("import _host\n_host.call(b'f:lookup\\x00[[],{}]')")
    assert bare.error is not None and bare.error.type == "ConnectionRefusedError"


def test_calls_to_unknown_names_count_against_the_limit(engine: str) -> None:
    code = (
        "n = 0\n"
        "for i in range(200):\n"
        "    try:\n"
        "        nothere()\n"
        "    except NameError:\n"
        "        n += 1\n"
        "    except PermissionError:\n"
        "        break\n"
        "n"
    )
    sb = Sandbox(engine=engine, functions={"f": len})
    # Guest code calling the host's door with a name nothing grants.
    door = (
        "import host\ndef nothere():\n    r = host.call('f:nothere', '[[],{}]')\n"
        "    raise NameError(r) if r[1] == '!' and 'NameError' in r else PermissionError(r)\n"
        if engine == "micropython"
        else "import _host\ndef nothere():\n    r = _host.call(b'f:nothere\\x00[[],{}]')\n"
        "    raise NameError(r) if b'NameError' in r else PermissionError(r)\n"
    )
    result = sb.run(door + code, limits=limits_for(engine, max_calls=10))
    assert result.value == 10, result
    assert len(result.calls) == 11  # the ten refused as unknown, then one refusal of the limit
    assert result.calls[-1].outcome == "refused:max_calls"
