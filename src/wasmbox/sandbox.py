"""The public entry point: ``Sandbox().run(code)``."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping

from .compat import transform
from .compat.explain import explain
from .engine import get_runtime
from .errors import ConfigError
from .limits import Limits
from .pool import InstancePool
from .result import RunResult
from .runner import RunRequest, boot, execute
from .wasi.fs import normalise_mount_point, read_host_dir

__all__ = ["Sandbox"]

MountSource = Mapping[str, bytes] | str | os.PathLike[str]


class Sandbox:
    """Runs untrusted Python, each run in a fresh, isolated MicroPython instance.

    A Sandbox holds only defaults; it is safe to share between threads, and
    runs on different threads execute in parallel (wasmtime releases the GIL
    while guest code runs).

    Every run gets a fresh instance that starts already booted: it is
    instantiated copy-on-write from a snapshot of a MicroPython parked right
    before the program arrives (about 0.1 ms). ``pool_size`` additionally keeps
    that many instantiated ahead of time by a background thread, for runs with
    the sandbox's default memory limit and no environment. That takes ~0.06 ms
    off the latency of runs that arrive with gaps between them, but the thread
    competes for the GIL, so back-to-back runs are faster without it (see
    ``bench/bench_core.py``).

    Args:
        limits: the default budgets of a run.
        pool_size: instances kept ready by a background thread; 0 (the
            default) instantiates one per run on the caller's thread.
        compat: rewrite code MicroPython cannot run (``s[::-1]``, ``str.zfill``,
            ``match``...) into code it can, keeping line numbers; see
            :mod:`wasmbox.compat`. False runs the source exactly as given.
    """

    def __init__(
        self, limits: Limits | None = None, *, pool_size: int = 0, compat: bool = True
    ) -> None:
        self.limits = limits or Limits()
        self.compat = compat
        # Fail fast on a missing build tool rather than at the first run.
        runtime = get_runtime(fuel=self.limits.fuel is not None)
        defaults = self.limits
        self._pool = (
            InstancePool(lambda: boot(runtime, defaults), pool_size) if pool_size > 0 else None
        )

    def close(self) -> None:
        """Stop the background thread and drop the waiting instances."""
        if self._pool is not None:
            self._pool.close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(
        self,
        code: str,
        *,
        limits: Limits | None = None,
        files: Mapping[str, bytes | str] | None = None,
        mounts: Mapping[str, MountSource] | None = None,
        stdin: bytes | str | None = None,
        env: Mapping[str, str] | None = None,
        seed: int | None = None,
        clock: float | None = None,
    ) -> RunResult:
        """Run ``code`` and return what happened; guest failures never raise.

        Args:
            code: Python source, run as ``__main__`` (tracebacks say ``main.py``).
            limits: budgets for this run instead of the sandbox's defaults.
            files: initial files of the writable workspace ``/work``, by
                relative path; they count against its quota.
            mounts: read-only trees, by absolute mount point such as ``/data``:
                a mapping of relative paths to bytes, or a host directory that
                is read into memory (symbolic links skipped).
            stdin: what ``input()`` and ``sys.stdin`` read; empty by default.
            env: environment variables the guest may see; none by default.
            seed: makes ``random`` and ``os.urandom`` reproducible.
            clock: a fixed Unix time; the guest's clocks then start there and
                advance only virtually, and sleeps do not wait.

        Raises:
            ConfigError: an option is invalid (this is host misuse, not guest failure).
        """
        if not isinstance(code, str):
            raise ConfigError(f"code must be a str, not {type(code).__name__}")
        received = time.monotonic()
        request = RunRequest(
            code=transform(code) if self.compat else code,
            limits=limits or self.limits,
            files=_files(files),
            mounts=_mounts(mounts),
            stdin=stdin.encode() if isinstance(stdin, str) else (stdin or b""),
            env=_env(env),
            seed=seed,
            clock=clock,
            received=received,
        )
        runtime = get_runtime(fuel=request.limits.fuel is not None)
        parked = self._pool.take() if self._pool is not None else None
        try:
            result = execute(runtime, request, parked)
            return explain(result, code) if self.compat and result.error else result
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
        finally:
            if self._pool is not None:
                self._pool.refill()


def _files(files: Mapping[str, bytes | str] | None) -> dict[str, bytes]:
    out = {}
    for name, data in (files or {}).items():
        if not isinstance(name, str) or not name or name.startswith("/"):
            raise ConfigError(f"file names are relative paths inside /work, not {name!r}")
        out[name] = data.encode() if isinstance(data, str) else bytes(data)
    return out


def _mounts(mounts: Mapping[str, MountSource] | None) -> dict[str, Mapping[str, bytes]]:
    out: dict[str, Mapping[str, bytes]] = {}
    for point, source in (mounts or {}).items():
        try:
            point = normalise_mount_point(point)
            if isinstance(source, str | os.PathLike):
                out[point] = read_host_dir(source)
            else:
                out[point] = {k: bytes(v) for k, v in source.items()}
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
    return out


def _env(env: Mapping[str, str] | None) -> dict[str, str]:
    out = {}
    for key, value in (env or {}).items():
        if not key or "=" in key or "\x00" in key or "\x00" in str(value):
            raise ConfigError(f"invalid environment variable name {key!r}")
        out[key] = str(value)
    return out
