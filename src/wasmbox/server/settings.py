"""Settings of ``wasmbox serve``, from a TOML file and command-line flags.

Defaults are in one place (:class:`ServiceSettings`); a file can set any of
them and flags override the file. Example::

    [service]
    workers = 4                 # runs at once at full priority (default: two per core)
    spare_workers = 4           # more processes for runs that start while long ones gave way
    max_queue = 256             # runs waiting for a worker before 503 overloaded
    worker_memory = "4G"        # RLIMIT_DATA of each worker
    quotas_url = "redis://127.0.0.1:6379/0"   # shared quotas for several replicas
    metrics_token = "..."       # /metrics asks for it (or $WASMBOX_METRICS_TOKEN; without
                                # either, /metrics answers clients on this machine only)
    drain_timeout = "30s"       # SIGTERM waits this long for runs in flight
    web = true                  # serve the browser notebook at / and its assets at /web/
    engines = ["micropython", "cpython"]   # what requests may ask for (default: micropython)
    yield_after = "1ms"         # a run with this much CPU gives way to shorter ones ("off": never)

    [limits]                    # the default limits of a run (tenant ceilings still apply)
    wall_time = "5s"
    memory = "32M"

    [audit]
    redact_code = false         # store only the code's sha256
    retention = "30d"           # delete records older than this ("off" keeps them)

    [fetch]                     # what runs may fetch (default: nothing; see FetchPolicy)
    allow = ["https://api.example.com/v1/*"]
    # added by the host to this origin's requests only; code never holds them
    origin_headers = { "https://api.example.com" = { Authorization = "Bearer ..." } }

    [alerts]                    # see wasmbox.server.alerts.AlertRules
    window = "60s"
    limit_hits = 20
    webhook_url = "https://alerts.example.com/hook"
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..capabilities.fetch import FetchPolicy
from ..config import fetch_from_mapping, limits_from_mapping
from ..errors import ConfigError
from ..limits import Limits, parse_duration, parse_size
from ..scheduling import checked_after
from .alerts import AlertRules

__all__ = ["ServiceSettings", "load_settings"]


@dataclass(frozen=True, slots=True)
class ServiceSettings:
    """Everything ``wasmbox serve`` can be told.

    Attributes:
        limits: default limits of a run; a tenant's ceilings lower them.
        workers: worker processes running guest code, one run each at a time.
            Two per core by default: between two jobs a worker waits for the
            service to read its answer and send the next, and a second worker
            per core runs meanwhile (1,850 against 1,550 trivial runs/s on 2 cores).
        spare_workers: more worker processes, for runs that start while long
            ones have given way (``yield_after``): those no longer count
            against ``workers``, and a short run that arrives meanwhile starts
            on a spare at once instead of waiting behind them, as long as
            fewer long runs than spares are in flight. None (the default):
            as many as ``workers``, none when ``yield_after`` is off (see
            :attr:`spares`). Up to ``workers + spares`` runs, and their
            memory, may then be in flight at once.
        max_queue: runs that may wait for a worker; beyond, 503 ``overloaded``.
        worker_memory: ``RLIMIT_DATA`` of each worker process, bytes (None: none).
        quotas_url: ``memory://`` (one replica) or ``redis://...`` (shared).
        redact_code: keep only the SHA-256 of submitted code in the audit log.
        retention: seconds a finished audit record is kept (None: forever).
        max_body: largest request body, bytes.
        body_timeout: seconds a client has to send its whole body (slow clients get 408).
        header_timeout: seconds a client has to send a request's headers, from its
            connection or its request's first byte (slow ones get 408 and are closed).
        write_timeout: seconds a client that stopped reading may keep a response
            waiting that the buffers cannot hold (then it is dropped).
        max_header_bytes: bytes a request's line and headers may take (431 past it).
        drain_timeout: seconds SIGTERM waits for runs in flight.
        key_cache_ttl: seconds an API key's tenant is cached; a revocation
            takes effect within this.
        max_sessions_per_tenant: sessions one tenant may hold open.
        session_idle_timeout: seconds before an idle session is closed.
        alerts: anomaly thresholds and the webhook.
        web: serve the browser notebook (``/``) and its assets (``/web/``).
        fetch: what every run may ``fetch``; None (the default): no network at all.
            Each call is in the run's audit record (``calls``).
        metrics_token: the bearer token ``/metrics`` asks for. Its page names every
            tenant and counts their runs, which no tenant may learn of another: so
            without a token it answers only clients on this machine (a reverse
            proxy's forwarded clients are not; see ``--forwarded-allow-ips``).
        engines: the engines requests may choose (``engine`` in a request body);
            the first is the default. With ``cpython`` (``pip install
            wasmbox[cpython]``) the service compiles it before it starts (about
            2 minutes, once per machine) and also takes ``auto``.
        yield_after: CPU seconds a run may use before its worker thread gives the
            CPU to every other runnable task (``SCHED_IDLE`` on Linux, see
            :mod:`wasmbox.scheduling`), so that a few long runs cannot slow the
            many short ones; the long ones still end at their own limits. None: never.
            1 ms by default, about three trivial runs. A run's first attempt on its
            fuel slice (about 2 ms, holding the GIL) is not looked at until the
            slice ends, so most runs give way after 2 ms or so whatever the
            threshold; runs that are not sliced (a memory bomb's rerun on the
            spilled build, runs with host functions) give way after it. With 10%
            hostile runs at 850-920 runs/s on 2 cores, clean runs' p99 was
            1.0-1.9x that of clean runs alone with 1 ms (five runs), 1.7-2.0x with
            2 ms (two) and 2.2-2.9x with 4 ms (two): close, on so few runs. A run
            past it pays about 0.1 ms for the fresh thread its worker then serves on.
    """

    limits: Limits = field(default_factory=Limits)
    workers: int = field(default_factory=lambda: 2 * max(1, os.cpu_count() or 1))
    spare_workers: int | None = None
    max_queue: int = 256
    worker_memory: int | None = 4 << 30
    quotas_url: str | None = None
    redact_code: bool = False
    retention: float | None = None
    max_body: int = 4 << 20
    body_timeout: float = 30.0
    header_timeout: float = 10.0
    write_timeout: float = 30.0
    max_header_bytes: int = 64 << 10
    drain_timeout: float = 30.0
    key_cache_ttl: float = 2.0
    max_sessions_per_tenant: int = 8
    session_idle_timeout: float = 600.0
    alerts: AlertRules = field(default_factory=AlertRules)
    web: bool = True
    fetch: FetchPolicy | None = None
    metrics_token: str | None = None
    engines: tuple[str, ...] = ("micropython",)
    yield_after: float | None = 0.001

    @property
    def spares(self) -> int:
        """The spare workers to start: ``spare_workers``, or its default (see above)."""
        if self.spare_workers is not None:
            return self.spare_workers
        return 0 if self.yield_after is None else self.workers

    def __post_init__(self) -> None:
        whole = ("workers", "max_queue", "max_body", "max_header_bytes", "max_sessions_per_tenant")
        for name in whole:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be a whole number of at least 1, not {value!r}")
        for name in (
            "body_timeout",
            "header_timeout",
            "write_timeout",
            "drain_timeout",
            "key_cache_ttl",
            "session_idle_timeout",
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ConfigError(f"{name} must be a positive number of seconds, not {value!r}")
        token = self.metrics_token
        if token is not None and (not isinstance(token, str) or len(token) < 16):
            raise ConfigError("metrics_token must be a string of at least 16 characters")
        if self.retention is not None and not self.retention > 0:
            raise ConfigError("retention must be positive (or off)")
        checked_after(self.yield_after, "yield_after")
        spare = self.spare_workers
        bad = isinstance(spare, bool) or not isinstance(spare, int) or spare < 0
        if spare is not None and bad:
            raise ConfigError(f"spare_workers must be a whole number, 0 or more, not {spare!r}")
        engines = self.engines
        if (
            not isinstance(engines, tuple)
            or not engines
            or len(set(engines)) != len(engines)
            or not set(engines) <= {"micropython", "cpython"}
        ):
            raise ConfigError(
                f"engines is a list of micropython and cpython, each once, not {engines!r}"
            )


_SERVICE_KEYS: dict[str, Callable[[Any], Any]] = {
    "workers": int,
    "spare_workers": int,
    "max_queue": int,
    "worker_memory": parse_size,
    "quotas_url": str,
    "metrics_token": str,
    "max_body": parse_size,
    "max_header_bytes": parse_size,
    "body_timeout": parse_duration,
    "header_timeout": parse_duration,
    "write_timeout": parse_duration,
    "drain_timeout": parse_duration,
    "key_cache_ttl": parse_duration,
    "max_sessions_per_tenant": int,
    "session_idle_timeout": parse_duration,
}


def load_settings(path: str | os.PathLike[str] | None = None, **overrides: Any) -> ServiceSettings:
    """Settings from the TOML file at ``path`` (if any), then ``overrides`` (None ignored).

    ``$WASMBOX_METRICS_TOKEN`` gives the metrics token when the file does not: a
    secret is better kept out of a file that is checked in.
    """
    values: dict[str, Any] = {}
    token = os.environ.get("WASMBOX_METRICS_TOKEN")
    if token:
        values["metrics_token"] = token
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text())
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read {path}: {exc}") from exc
        unknown = set(data) - {"service", "limits", "audit", "alerts", "fetch"}
        if unknown:
            raise ConfigError(f"{path}: unknown sections: {', '.join(sorted(unknown))}")
        values.update(_service(data.get("service", {})))
        if "limits" in data:
            values["limits"] = limits_from_mapping(data["limits"], where="limits")
        values.update(_audit(data.get("audit", {})))
        if "alerts" in data:
            values["alerts"] = AlertRules.from_mapping(data["alerts"])
        if "fetch" in data:
            values["fetch"] = fetch_from_mapping(data["fetch"], where="fetch")
    known = {f.name for f in fields(ServiceSettings)}
    for key, value in overrides.items():
        if key not in known:
            raise ConfigError(f"unknown setting {key!r}")
        if value is not None:
            values[key] = value
    settings = ServiceSettings(**values)
    return replace(settings)


def _service(table: Any) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ConfigError("[service] must be a table")
    unknown = set(table) - set(_SERVICE_KEYS) - {"web", "engines", "yield_after"}
    if unknown:
        raise ConfigError(f"[service]: unknown keys: {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key == "web":
            if not isinstance(value, bool):
                raise ConfigError("[service] web is true or false")
            out["web"] = value
            continue
        if key == "yield_after":
            out["yield_after"] = _duration_or_off(value, "[service] yield_after", "1ms")
            continue
        if key == "engines":
            if not isinstance(value, list) or not all(isinstance(e, str) for e in value):
                raise ConfigError('[service] engines is a list such as ["micropython", "cpython"]')
            out["engines"] = tuple(value)
            continue
        convert = _SERVICE_KEYS[key]
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ConfigError(f"[service] {key}: {value!r} is not a valid value")
        if convert is int and not isinstance(value, int):
            raise ConfigError(f"[service] {key} must be a whole number, not {value!r}")
        if convert is str and not isinstance(value, str):
            raise ConfigError(f"[service] {key} must be a string, not {value!r}")
        try:
            out[key] = convert(value) if isinstance(value, str) else value
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"[service] {key}: {exc}") from exc
    return out


def _audit(table: Any) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ConfigError("[audit] must be a table")
    unknown = set(table) - {"redact_code", "retention"}
    if unknown:
        raise ConfigError(f"[audit]: unknown keys: {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    if "redact_code" in table:
        if not isinstance(table["redact_code"], bool):
            raise ConfigError("[audit] redact_code is true or false")
        out["redact_code"] = table["redact_code"]
    retention = table.get("retention")
    if retention is not None:
        out["retention"] = _duration_or_off(retention, "[audit] retention", "30d")
    return out


def _duration_or_off(value: Any, where: str, example: str) -> float | None:
    """A TOML duration (``"4ms"``, or a number of seconds), or None for ``"off"``."""
    if value == "off":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ConfigError(f'{where} is a duration such as "{example}", not {value!r}')
    try:
        return parse_duration(value) if isinstance(value, str) else float(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {exc}") from exc
