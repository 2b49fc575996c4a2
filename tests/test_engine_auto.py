"""engine="auto": MicroPython first, CPython again only where MicroPython's own limits failed."""

from __future__ import annotations

import pytest

from wasmbox import ConfigError, Limits, RunStatus, Sandbox

#: Limits given hold on both engines.
LIMITS = Limits(wall_time=1.0, memory=64 << 20, max_output=10_000)


@pytest.fixture(scope="module")
def auto() -> Sandbox:
    sandbox = Sandbox(engine="auto", functions={"f": lambda x: x})
    # A memory size MicroPython has not run at yet boots first (seconds on a busy
    # machine): done here, not inside a 1 s run.
    sandbox.run("pass", limits=LIMITS)
    return sandbox


# code, the engine that gives the result, whether it is a fallback, the status
DECISIONS = {
    "plain success": ("print(6 * 7)", "micropython", RunStatus.OK),
    "third-party package": (
        "import numpy as np\nint(np.arange(5).sum())",
        "cpython",
        RunStatus.OK,
    ),
    "missing language feature": (
        "class M(type): pass\nclass A(metaclass=M): pass\nA.__name__",
        "cpython",
        RunStatus.OK,
    ),
    "a bug in the code": ("undefined_name + 1", "micropython", RunStatus.ERROR),
    "a module that exists nowhere": ("import no_such_module", "micropython", RunStatus.ERROR),
    "denied on every engine": ("import socket\nsocket.socket()", "micropython", RunStatus.ERROR),
    "a limit of the run": ("while True: pass", "micropython", RunStatus.TIMEOUT),
    "output flood": ("while True: print('x' * 1000)", "micropython", RunStatus.OUTPUT_LIMIT),
    "called a host function first": ("f(1)\nimport numpy", "micropython", RunStatus.ERROR),
    "fails on CPython too": (
        "import numpy\nraise ValueError('still wrong')",
        "cpython",
        RunStatus.ERROR,
    ),
}


@pytest.mark.parametrize(("code", "engine", "status"), DECISIONS.values(), ids=DECISIONS.keys())
def test_the_decision_table(auto: Sandbox, code: str, engine: str, status: RunStatus) -> None:
    result = auto.run(code, limits=LIMITS)
    assert (result.engine, result.status) == (engine, status), result
    if engine == "cpython":
        assert result.fallback is not None and result.fallback.startswith("MicroPython: ")
    else:
        assert result.fallback is None
    if "host function" in code:
        assert [c.name for c in result.calls] == ["f"]  # made once, never repeated


def test_the_fallback_says_what_micropython_lacked(auto: Sandbox) -> None:
    result = auto.run("import pandas as pd\nlen(pd.DataFrame({'a': [1, 2]}))")
    assert result.ok and result.value == 2
    assert result.fallback == "MicroPython: ModuleNotFoundError (line 1): No module named 'pandas'"
    assert result.to_dict()["engine"] == "cpython"


def test_only_the_second_runs_output_is_kept(auto: Sandbox) -> None:
    result = auto.run("print('before')\nimport numpy\nprint('after')", stdin="x")
    assert result.stdout == "before\nafter\n" and result.engine == "cpython"


def test_inputs_files_and_stdin_reach_the_second_run(auto: Sandbox) -> None:
    result = auto.run(
        "import numpy\n(k, open('a.txt').read(), input())",
        inputs={"k": 7},
        files={"a.txt": "data"},
        stdin="line\n",
    )
    assert result.value == (7, "data", "line") and result.engine == "cpython"


def test_memory_below_cpythons_floor_is_refused() -> None:
    with pytest.raises(ConfigError, match="at least 48 MiB"):
        Sandbox(Limits(memory=32 << 20), engine="auto")
    with pytest.raises(ConfigError, match="at least 48 MiB"):
        Sandbox(engine="auto").run("1", limits=Limits(memory=32 << 20))


def test_sessions_need_a_definite_engine(auto: Sandbox) -> None:
    with pytest.raises(ConfigError, match="choose engine="):
        auto.session()


def test_without_limits_each_engine_has_its_own_defaults(auto: Sandbox) -> None:
    small = auto.run("import micropython\n1")
    assert small.engine == "micropython" and small.memory_peak_bytes <= 32 << 20
    assert auto.limits.memory == 256 << 20  # what the CPython run gets
