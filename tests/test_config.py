"""Configuration of a served sandbox: TOML and flags, safe defaults, refusals."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import anyio
import pytest
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from wasmbox import ConfigError, Sandbox
from wasmbox.config import check_mount_source, load_config, resolve_function


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "wasmbox.toml"
    path.write_text(text)
    return path


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    (d / "sales.csv").write_text("region,amount\nnorth,10\nsouth,32\n")
    return d


def test_defaults_grant_nothing() -> None:
    config = load_config(None)
    assert dict(config.mounts) == {} and dict(config.env) == {} and dict(config.functions) == {}
    assert config.fetch is None and config.max_sessions == 8


def test_a_full_file(tmp_path: Path, data_dir: Path) -> None:
    path = write(
        tmp_path,
        f"""
[limits]
wall_time = "2s"
memory = "48M"
fuel = "off"
max_calls = 50

[mounts]
"/data" = "{data_dir}"

[env]
REPORT_YEAR = "2026"

[functions]
add = "operator:add"

[fetch]
allow = ["https://api.example.com/v1/*"]
methods = ["GET", "POST"]
timeout = "3s"
origin_headers = {{ "https://api.example.com" = {{ Authorization = "Bearer k" }} }}

[sessions]
max = 3
idle_timeout = "2m"
""",
    )
    config = load_config(path)
    assert config.limits.wall_time == 2 and config.limits.memory == 48 << 20
    assert config.limits.fuel is None and config.limits.max_calls == 50
    assert config.fetch is not None and config.fetch.methods == {"GET", "POST"}
    assert config.fetch.origin_headers == {
        "https://api.example.com:443": {"Authorization": "Bearer k"}
    }
    assert (config.max_sessions, config.idle_timeout) == (3, 120)
    sandbox = Sandbox(**config.sandbox_kwargs())
    code = (
        "import os\n"
        "rows = open('/data/sales.csv').read().splitlines()[1:]\n"
        "(sum(int(r.split(',')[1]) for r in rows), os.getenv('REPORT_YEAR'), add(2, 3))"
    )
    assert sandbox.run(code).value == (42, "2026", 5)


def test_flags_add_to_the_file(tmp_path: Path, data_dir: Path) -> None:
    path = write(tmp_path, '[env]\nA = "1"\n')
    config = load_config(
        path,
        limits={"wall_time": 1.5},
        mounts={"/more": str(data_dir)},
        env={"B": "2"},
        functions={"neg": "operator:neg"},
        fetch_allow=["https://x.example.com/*"],
        max_sessions=1,
    )
    assert dict(config.env) == {"A": "1", "B": "2"}
    assert list(config.mounts) == ["/more"] and config.limits.wall_time == 1.5
    assert config.fetch is not None and config.fetch.allow == ("https://x.example.com/*",)
    assert config.max_sessions == 1 and "neg" in config.functions


@pytest.mark.parametrize("source", ["/", "/etc", "/etc/ssl", "/proc/self", "~", "/root"])
def test_mounts_that_would_expose_the_host_are_refused(source: str) -> None:
    with pytest.raises(ConfigError, match=r"refusing|not a directory"):
        check_mount_source(source)


def test_an_ancestor_of_home_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "users" / "ada"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    for source in (home, home.parent):
        with pytest.raises(ConfigError, match="home directory"):
            check_mount_source(str(source))
    (home / "project").mkdir()
    assert check_mount_source(str(home / "project")) == str((home / "project").resolve())


@pytest.mark.parametrize(
    "text",
    [
        "[nonsense]\nx = 1\n",
        "[limits]\nspeed = 3\n",
        "[limits]\nmemory = 5\n",  # below the minimum
        "[fetch]\nallow = 'https://one/*'\n",
        "[fetch]\nproxy = 'x'\n",
        "[mounts]\n'/data' = '/nonexistent/dir'\n",
        "[functions]\nf = 'no_such_module:f'\n",
        "[functions]\nf = 'os.path'\n",
        "limits = 3\n",
        "this is not toml",
        # Values that crashed with a traceback, or were taken silently (a review found them):
        "[sessions]\nmax = 'abc'\n",
        "[sessions]\nmaximum = 100\n",
        "[sessions]\nmax = true\n",
        "[limits]\nmax_files = 'x'\n",
        "[limits]\nfuel = 'lots'\n",
        "[limits]\nfuel = 'inf'\n",
        "[limits]\nfuel = true\n",
    ],
)
def test_bad_configs_are_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError):
        config = load_config(write(tmp_path, text))
        config.sandbox_kwargs()


def test_resolve_function() -> None:
    assert resolve_function("os.path:join") is os.path.join
    with pytest.raises(ConfigError, match="not callable"):
        resolve_function("os:sep")


def test_the_mcp_server_serves_what_the_config_grants(tmp_path: Path, data_dir: Path) -> None:
    path = write(tmp_path, f'[mounts]\n"/data" = "{data_dir}"\n[functions]\nadd = "operator:add"\n')
    env = {k: v for k, v in os.environ.items() if k.startswith(("WASMBOX", "PATH", "HOME", "XDG"))}
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "wasmbox.cli", "mcp", "--config", str(path)], env=env
    )

    async def scenario() -> None:
        async with stdio_client(params) as (read, write_), ClientSession(read, write_) as session:
            await session.initialize()
            tools = (await session.list_tools()).tools
            description = next(t.description for t in tools if t.name == "run_python") or ""
            assert "/data" in description and "add()" in description
            result = await session.call_tool(
                "run_python", {"code": "add(len(open('/data/sales.csv').read()), 0)"}
            )
            assert "value: 32" in result.content[0].text  # type: ignore[union-attr]

    anyio.run(scenario)
