"""The ``wasmbox`` command, run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def wasmbox(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wasmbox.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_run_code() -> None:
    proc = wasmbox("run", "-c", "print(6 * 7)")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "42\n", "")


def test_run_file(tmp_path: Path) -> None:
    script = tmp_path / "s.py"
    script.write_text("import sys\nprint('from file')\nsys.stderr.write('note\\n')\n")
    proc = wasmbox("run", str(script))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "from file\n", "note\n")


def test_run_stdin() -> None:
    proc = wasmbox("run", "-", stdin="print('piped')")
    assert proc.returncode == 0 and proc.stdout == "piped\n"


def test_error_summary_and_status() -> None:
    proc = wasmbox("run", "-c", "x = 1\nraise ValueError('nope')")
    assert proc.returncode == 1
    assert proc.stderr.endswith("wasmbox: error: ValueError (line 2): nope\n")
    assert "Traceback" in proc.stderr


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["-c", "while True: pass", "--timeout", "300ms"], 101),
        (["-c", "while True: pass", "--fuel", "1000000"], 102),
        (["-c", "b = bytearray(64 << 20)", "--memory", "4M"], 103),
        (["-c", "print('x' * 100)", "--max-output", "10"], 104),
        (["-c", "import sys; sys.exit(5)"], 5),
        (["-c", "import sys; sys.exit(200)"], 1),
    ],
)
def test_exit_status_table(args: list[str], status: int) -> None:
    assert wasmbox("run", *args).returncode == status


def test_json_output(tmp_path: Path) -> None:
    proc = wasmbox("run", "-c", "open('o.txt', 'w').write('hi')\nprint('done')", "--json")
    data = json.loads(proc.stdout)
    assert (
        data["status"] == "ok" and data["stdout"] == "done\n" and data["files"] == {"o.txt": "hi"}
    )
    assert proc.returncode == 0


def test_mount_file_env_seed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "n.txt").write_text("41")
    extra = tmp_path / "extra.txt"
    extra.write_text("1")
    code = (
        "import os, random\n"
        "print(int(open('/data/n.txt').read()) + int(open('extra.txt').read()))\n"
        "print(os.getenv('MODE'))\n"
        "print(random.getrandbits(16))\n"
    )
    args = [
        "run",
        "-c",
        code,
        "--mount",
        f"{data}:/data",
        "--file",
        f"extra.txt={extra}",
        "--env",
        "MODE=test",
        "--seed",
        "7",
    ]
    first, second = wasmbox(*args), wasmbox(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[:2] == ["42", "test"]
    assert first.stdout == second.stdout


def test_write_files_stays_inside_dir(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = wasmbox(
        "run",
        "-c",
        "import os\nos.mkdir('d')\nopen('d/f.txt','w').write('z')",
        "--write-files",
        str(out),
    )
    assert proc.returncode == 0
    assert (out / "d" / "f.txt").read_text() == "z"
    # A directory where a file goes: an error that says so, not a traceback.
    (out / "clash").mkdir()
    proc = wasmbox("run", "-c", "open('clash', 'w').write('x')", "--write-files", str(out))
    assert proc.returncode == 64 and "cannot write 'clash'" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["run"],
        ["run", "-c", "1", "file.py"],
        ["run", "-c", "1", "--memory", "lots"],
        ["run", "-c", "1", "--mount", "nocolon"],
        ["run", "/no/such/file.py"],
        ["run", "-c", "1", "--memory", "1K"],
        ["run", "-c", "1", "--fuel", "0"],  # it turned fuel accounting off
        ["run", "-c", "1", "--fuel", "lots"],
        ["run", "-c", "1", "--mount", "/etc:/data"],  # mcp refused it; run did not
        ["frobnicate"],
    ],
)
def test_usage_errors(args: list[str]) -> None:
    proc = wasmbox(*args)
    assert proc.returncode == 64, proc.stderr
    assert "error" in proc.stderr and "Traceback" not in proc.stderr


def test_escape_sequences_are_neutralised_on_a_terminal() -> None:
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.run(
        [sys.executable, "-m", "wasmbox.cli", "run", "-c", "print('\\x1b]0;pwned\\x07ok')"],
        stdout=follower,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    os.close(follower)
    shown = os.read(leader, 4096).decode()
    os.close(leader)
    assert proc.returncode == 0
    assert "\x1b" not in shown and "\\x1b]0;pwned\\x07ok" in shown
    # The last line's summary holds the guest's exception message: escaped too.
    leader, follower = pty.openpty()
    code = "raise ValueError('\\x1b]0;pwned\\x07\\x1b[2J')"
    proc = subprocess.run(
        [sys.executable, "-m", "wasmbox.cli", "run", "-c", code],
        stdout=subprocess.PIPE,
        stderr=follower,
        timeout=60,
        check=False,
    )
    os.close(follower)
    shown = os.read(leader, 65536).decode()
    os.close(leader)
    assert proc.returncode != 0 and "wasmbox: error: ValueError" in shown, shown
    assert "\x1b" not in shown and "\\x1b]0;pwned\\x07" in shown


def test_the_fuel_forms_the_readme_shows() -> None:
    # README: --fuel 1e9 / --fuel off; 1e9 was refused ("not a size").
    for fuel in ("1e9", "500M", "off"):
        proc = wasmbox("run", "-c", "print(6 * 7)", "--fuel", fuel)
        assert proc.returncode == 0 and proc.stdout == "42\n", (fuel, proc.stderr)
    spent = wasmbox("run", "-c", "while True: pass", "--fuel", "1e6", "--timeout", "10s")
    assert spent.returncode != 0 and "cpu_limit" in spent.stderr, spent.stderr
