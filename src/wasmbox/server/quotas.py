"""Per-tenant quotas: requests per minute, concurrent runs, CPU seconds and output per UTC day.

Two backends share one interface, :class:`Quotas`: :class:`MemoryQuotas`
keeps the counters in this process (one replica), :class:`RedisQuotas` keeps
them in Redis so that every replica of the service enforces the same limits.
:func:`open_quotas` picks one from a URL.

An admission is checked in a fixed order (daily budgets, then the request
rate, then the run slots) and either takes everything or nothing, so a refused
request never costs the tenant a token or a slot. Each admission holds a
*lease* on a run slot until :meth:`Quotas.release`; a lease also expires by
itself after the tenant's ``max_wall_time`` plus a margin, so a slot held by a
replica that died, or by a bug that forgot to release, comes back.
"""

from __future__ import annotations

import itertools
import math
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import ConfigError, WasmboxError
from .store import Tenant

if TYPE_CHECKING:
    import redis

__all__ = [
    "MemoryQuotas",
    "QuotaExceeded",
    "QuotaUnavailable",
    "Quotas",
    "RedisQuotas",
    "open_quotas",
]

_DAY = 86400
#: How long a lease outlives its tenant's ``max_wall_time`` before it expires by itself.
DEFAULT_LEASE_TTL_EXTRA = 60.0
#: What the reasons of :class:`QuotaExceeded` may be.
REASONS = ("rate", "concurrency", "daily_cpu", "daily_output")


class QuotaExceeded(Exception):
    """A request over a tenant's quota; the service answers 429 with ``Retry-After``.

    ``retry_after`` is in whole seconds (at least 1); ``reason`` says which
    quota refused: ``"rate"``, ``"concurrency"``, ``"daily_cpu"`` or ``"daily_output"``.
    """

    def __init__(self, message: str, retry_after: int, reason: str = "rate") -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown quota reason {reason!r}")
        super().__init__(message)
        self.retry_after = retry_after
        self.reason = reason


class QuotaUnavailable(WasmboxError):
    """Raised when the quota store (Redis) cannot be reached: the service answers 503.

    Admitting runs unchecked would let one tenant take every replica, so the
    service refuses instead.
    """


class Quotas(Protocol):
    """What the service asks of a quota backend; every call is short and synchronous."""

    def admit(self, tenant: Tenant, *, hold: float | None = None, token: bool = True) -> str:
        """Take a token and a run slot; return the lease id, or raise :class:`QuotaExceeded`.

        ``hold``: seconds the job may take (a grade's cases together); the tenant's
        ``max_wall_time`` by default. The slot is given back by :meth:`release`, or
        expires a little after that, should the service die first. ``token=False``:
        the request's token was taken already, by :meth:`take` before its body was read.
        """
        ...

    def take(self, tenant: Tenant, *, budgets: bool = False, token: bool = True) -> None:
        """Take a token only, for a request that runs no code; or raise :class:`QuotaExceeded`.

        No run slot is taken. ``budgets``: refuse too once a daily budget is spent,
        for requests that cost worker CPU without running code (a session's opening
        or reset); without, a tenant that used up today's CPU may still read its
        records and close its sessions. ``token=False``: only the budgets are looked at.
        """
        ...

    def release(self, tenant: Tenant, lease: str) -> None:
        """Give back the run slot of ``lease``; releasing again, or an unknown lease, is a no-op."""
        ...

    def charge(
        self, tenant: Tenant, *, cpu_seconds: float, output_bytes: int, lease: str | None = None
    ) -> None:
        """Add a finished run's cost to the tenant's usage for today (UTC).

        ``lease``: the run's slot, given back in the same call (as :meth:`release`
        would): one call, one round trip to a shared backend, as a run ends.
        """
        ...

    def usage(self, tenant: Tenant) -> dict[str, float]:
        """Today's ``cpu_seconds`` and ``output_bytes``, and the ``active`` runs, of ``tenant``."""
        ...

    def close(self) -> None:
        """Let go of connections; the object is not used afterwards."""
        ...


def open_quotas(url: str | None = None) -> Quotas:
    """The backend for ``url``: ``None``/``memory://`` in this process, ``redis(s)://`` shared."""
    if url is None or url == "memory://":
        return MemoryQuotas()
    scheme = url.partition("://")[0].lower()
    if scheme in ("redis", "rediss"):
        return RedisQuotas(url)
    raise ConfigError(
        f"unknown quota store {url!r}: use 'memory://' for one replica, "
        "or 'redis://HOST:PORT/DB' (or 'rediss://' for TLS) to share quotas between replicas"
    )


def _seconds_to_midnight(now: float) -> int:
    """Whole seconds until the next 00:00 UTC, at least 1: when the daily budgets reset."""
    return max(1, math.ceil((math.floor(now / _DAY) + 1) * _DAY - now))


def _bytes(n: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{round(n, 2):,.10g} {unit}"
        n /= 1024
    raise AssertionError("unreachable")


def _refusal(tenant: Tenant, reason: str, wait: float) -> QuotaExceeded:
    """The exception for ``reason``, worded for the person who sent the request."""
    q = tenant.quotas
    if reason == "daily_cpu":
        limit = f"{q['daily_cpu_seconds']:,.10g}"
        message = f"used today's {limit} CPU seconds; resets at 00:00 UTC"
    elif reason == "daily_output":
        message = f"used today's {_bytes(q['daily_output'])} of output; resets at 00:00 UTC"
    elif reason == "rate":
        message = f"over {q['requests_per_minute']:g} requests per minute"
    else:
        message = f"{int(q['max_concurrent'])} runs are already running for this key"
    return QuotaExceeded(message, max(1, math.ceil(wait)), reason)


def _check_charge(cpu_seconds: float, output_bytes: int) -> None:
    if cpu_seconds < 0 or output_bytes < 0:
        raise ValueError("a run cannot cost less than nothing")


@dataclass(slots=True)
class _TenantState:
    tokens: float
    updated: float
    leases: dict[str, float] = field(default_factory=dict)  # lease id -> expiry
    day: int = 0
    cpu_seconds: float = 0.0
    output_bytes: int = 0

    def roll(self, now: float) -> None:
        """Start a new day's usage when the UTC date changed."""
        today = math.floor(now / _DAY)
        if today != self.day:
            self.day, self.cpu_seconds, self.output_bytes = today, 0.0, 0

    def expire(self, now: float) -> None:
        for lease in [k for k, expiry in self.leases.items() if expiry <= now]:
            del self.leases[lease]


class MemoryQuotas:
    """Quotas held in this process's memory (one replica); thread-safe.

    ``clock`` gives the wall time in seconds since the epoch (UTC days are
    counted from it); tests pass a fake one to make time pass instantly.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        lease_ttl_extra: float = DEFAULT_LEASE_TTL_EXTRA,
    ) -> None:
        self._clock = clock
        self._lease_ttl_extra = lease_ttl_extra
        self._leases = itertools.count(1)
        self._lock = threading.Lock()
        self._tenants: dict[int, _TenantState] = {}

    def _state(self, tenant: Tenant, now: float) -> _TenantState:
        state = self._tenants.get(tenant.id)
        if state is None:
            rate = float(tenant.quotas["requests_per_minute"])
            state = self._tenants[tenant.id] = _TenantState(rate, now)
        state.roll(now)
        state.expire(now)
        return state

    def admit(self, tenant: Tenant, *, hold: float | None = None, token: bool = True) -> str:
        """Take a token and a run slot; return the lease id, or raise :class:`QuotaExceeded`."""
        q = tenant.quotas
        rate = float(q["requests_per_minute"])
        held = float(q["max_wall_time"] if hold is None else hold)
        with self._lock:
            now = self._clock()
            state = self._state(tenant, now)
            if state.cpu_seconds >= q["daily_cpu_seconds"]:
                raise _refusal(tenant, "daily_cpu", _seconds_to_midnight(now))
            if state.output_bytes >= q["daily_output"]:
                raise _refusal(tenant, "daily_output", _seconds_to_midnight(now))
            tokens = self._tokens(tenant, state, now, rate) if token else 0.0
            if len(state.leases) >= q["max_concurrent"]:
                raise _refusal(tenant, "concurrency", 1)
            if token:
                state.tokens, state.updated = tokens - 1, max(now, state.updated)
            lease = f"m{next(self._leases)}"  # unique in this process; no syscall
            state.leases[lease] = now + held + self._lease_ttl_extra
            return lease

    def take(self, tenant: Tenant, *, budgets: bool = False, token: bool = True) -> None:
        """Take a token only (see :meth:`Quotas.take`)."""
        q = tenant.quotas
        rate = float(q["requests_per_minute"])
        with self._lock:
            now = self._clock()
            state = self._state(tenant, now)
            if budgets and state.cpu_seconds >= q["daily_cpu_seconds"]:
                raise _refusal(tenant, "daily_cpu", _seconds_to_midnight(now))
            if budgets and state.output_bytes >= q["daily_output"]:
                raise _refusal(tenant, "daily_output", _seconds_to_midnight(now))
            if token:
                tokens = self._tokens(tenant, state, now, rate)
                state.tokens, state.updated = tokens - 1, max(now, state.updated)

    @staticmethod
    def _tokens(tenant: Tenant, state: _TenantState, now: float, rate: float) -> float:
        """The bucket's tokens now, at least one; or raise the refusal for the rate."""
        # A clock stepped backwards must not drain the bucket: never count negative time.
        elapsed = max(0.0, now - state.updated)
        tokens = min(rate, state.tokens + elapsed * rate / 60)
        if tokens < 1:
            raise _refusal(tenant, "rate", (1 - tokens) * 60 / rate)
        return tokens

    def release(self, tenant: Tenant, lease: str) -> None:
        """Give back the run slot of ``lease``; releasing again, or an unknown lease, is a no-op."""
        with self._lock:
            state = self._tenants.get(tenant.id)
            if state is not None:
                state.leases.pop(lease, None)

    def charge(
        self, tenant: Tenant, *, cpu_seconds: float, output_bytes: int, lease: str | None = None
    ) -> None:
        """Add a finished run's cost to today's usage (UTC); give back ``lease``'s slot too."""
        _check_charge(cpu_seconds, output_bytes)
        with self._lock:
            state = self._state(tenant, self._clock())
            state.cpu_seconds += cpu_seconds
            state.output_bytes += output_bytes
            if lease is not None:
                state.leases.pop(lease, None)

    def usage(self, tenant: Tenant) -> dict[str, float]:
        """Today's ``cpu_seconds`` and ``output_bytes``, and the ``active`` runs, of ``tenant``."""
        with self._lock:
            state = self._state(tenant, self._clock())
            return {
                "cpu_seconds": state.cpu_seconds,
                "output_bytes": float(state.output_bytes),
                "active": float(len(state.leases)),
            }

    def close(self) -> None:
        """Nothing to let go of: the counters live as long as this object."""


# Redis keeps, per tenant (all keys share the tenant's hash tag, so one
# cluster slot holds them and a script may touch them together):
#   {base}bucket          hash: tokens, ts (server time of the last take)
#   {base}leases          sorted set: lease id -> expiry (server time)
#   {base}day:{N}:cpu     float: CPU seconds charged on UTC day N (days since the epoch)
#   {base}day:{N}:out     integer: output bytes charged on UTC day N
# Every script reads the time from Redis (TIME), so replicas whose clocks
# disagree still agree on the bucket, the leases and the day.
_TIME = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local day = tostring(math.floor(now / 86400))
"""

#: The bucket's tokens now (``base``, ``rate`` set, ``tokens``, ``ts`` declared before);
#: refuses below one.
_BUCKET = """
local bucket = redis.call('HMGET', base .. 'bucket', 'tokens', 'ts')
tokens, ts = tonumber(bucket[1]), tonumber(bucket[2])
if tokens == nil or ts == nil then tokens, ts = rate, now end
tokens = math.min(rate, tokens + math.max(0, now - ts) * rate / 60)
if tokens < 1 then return {'rate', tostring((1 - tokens) * 60 / rate)} end
"""

#: Takes the token that _BUCKET found.
_TAKE_TOKEN = """
local bucket_key = base .. 'bucket'
redis.call('HSET', bucket_key, 'tokens', tostring(tokens - 1), 'ts', tostring(math.max(now, ts)))
-- An idle bucket is full again after a minute: then the key can go.
redis.call('EXPIRE', bucket_key, 120)
"""

#: Refuses once a daily budget is spent (``base``, ``cpu_limit``, ``out_limit`` set before).
_BUDGETS = """
local to_midnight = (math.floor(now / 86400) + 1) * 86400 - now
local cpu = tonumber(redis.call('GET', base .. 'day:' .. day .. ':cpu') or '0')
if cpu >= cpu_limit then return {'daily_cpu', tostring(to_midnight)} end
local out = tonumber(redis.call('GET', base .. 'day:' .. day .. ':out') or '0')
if out >= out_limit then return {'daily_output', tostring(to_midnight)} end
"""

_ADMIT = (
    _TIME
    + """
local base = KEYS[1]
local rate, cap = tonumber(ARGV[1]), tonumber(ARGV[2])
local cpu_limit, out_limit = tonumber(ARGV[3]), tonumber(ARGV[4])
local ttl, lease = tonumber(ARGV[5]), ARGV[6]
-- ARGV[7] '0': the request's token was taken already (before its body was read).
local token = ARGV[7] ~= '0'
local tokens, ts
"""
    + _BUDGETS
    + "if token then\n"
    + _BUCKET
    + "end\n"
    + """
local leases = base .. 'leases'
redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
if redis.call('ZCARD', leases) >= cap then return {'concurrency', '1'} end
"""
    + "if token then\n"
    + _TAKE_TOKEN
    + "end\n"
    + """
redis.call('ZADD', leases, tostring(now + ttl), lease)
-- The set lives as long as its longest lease (a tenant's max_wall_time may have shrunk).
local last = redis.call('ZRANGE', leases, -1, -1, 'WITHSCORES')
redis.call('EXPIRE', leases, math.ceil(tonumber(last[2]) - now) + 1)
return {'ok', '0'}
"""
)

#: A token; and, when ARGV[2] is '1', refused once a daily budget is spent.
_TAKE = (
    _TIME
    + """
local base = KEYS[1]
local rate = tonumber(ARGV[1])
local cpu_limit, out_limit = tonumber(ARGV[3]), tonumber(ARGV[4])
local tokens, ts
if ARGV[2] == '1' then
"""
    + _BUDGETS
    + """
end
if ARGV[5] ~= '0' then
"""
    + _BUCKET
    + _TAKE_TOKEN
    + """
end
return {'ok', '0'}
"""
)

_CHARGE = (
    _TIME
    + """
local cpu_key = KEYS[1] .. 'day:' .. day .. ':cpu'
local out_key = KEYS[1] .. 'day:' .. day .. ':out'
redis.call('INCRBYFLOAT', cpu_key, ARGV[1])
redis.call('EXPIRE', cpu_key, 172800)
redis.call('INCRBY', out_key, ARGV[2])
redis.call('EXPIRE', out_key, 172800)
if ARGV[3] ~= '' then redis.call('ZREM', KEYS[1] .. 'leases', ARGV[3]) end
return 1
"""
)

_USAGE = (
    _TIME
    + """
local cpu = redis.call('GET', KEYS[1] .. 'day:' .. day .. ':cpu') or '0'
local out = redis.call('GET', KEYS[1] .. 'day:' .. day .. ':out') or '0'
local active = redis.call('ZCOUNT', KEYS[1] .. 'leases', '(' .. tostring(now), '+inf')
return {cpu, out, tostring(active)}
"""
)


class RedisQuotas:
    """Quotas shared by every replica through one Redis; thread-safe.

    Each :meth:`admit` is one Lua script, so it is atomic across replicas:
    fifty requests racing for five slots get exactly five. ``prefix`` starts
    every key (several services may share one Redis); ``lease_ttl_extra`` is
    how long a lease outlives the tenant's ``max_wall_time``.
    """

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "wasmbox:",
        lease_ttl_extra: float = DEFAULT_LEASE_TTL_EXTRA,
        timeout: float = 2.0,
    ) -> None:
        # Imported here: most uses of wasmbox never talk to Redis.
        import redis

        self._errors: tuple[type[Exception], ...] = (redis.RedisError,)
        try:
            self._redis: redis.Redis = redis.Redis.from_url(
                url, decode_responses=True, socket_timeout=timeout, socket_connect_timeout=timeout
            )
        except ValueError as exc:
            raise ConfigError(f"bad Redis URL {url!r}: {exc}") from exc
        self._prefix = prefix
        self._lease_ttl_extra = lease_ttl_extra
        self._admit = self._redis.register_script(_ADMIT)
        self._take = self._redis.register_script(_TAKE)
        self._charge = self._redis.register_script(_CHARGE)
        self._usage = self._redis.register_script(_USAGE)

    def _base(self, tenant: Tenant) -> str:
        return f"{self._prefix}tenant:{{{tenant.id}}}:"

    def _call(self, what: str, call: Callable[[], Any]) -> Any:
        """Run one Redis call, turning any failure of Redis into :class:`QuotaUnavailable`."""
        try:
            return call()
        except self._errors as exc:
            raise QuotaUnavailable(f"cannot {what}: the quota store (Redis) failed: {exc}") from exc

    def admit(self, tenant: Tenant, *, hold: float | None = None, token: bool = True) -> str:
        """Take a token and a run slot; return the lease id, or raise :class:`QuotaExceeded`."""
        q = tenant.quotas
        held = float(q["max_wall_time"] if hold is None else hold)
        lease = uuid.uuid4().hex
        args = [
            repr(float(q["requests_per_minute"])),
            repr(float(q["max_concurrent"])),
            repr(float(q["daily_cpu_seconds"])),
            repr(float(q["daily_output"])),
            repr(held + self._lease_ttl_extra),
            lease,
            "1" if token else "0",
        ]
        outcome, wait = self._call(
            "check the quotas", lambda: self._admit(keys=[self._base(tenant)], args=args)
        )
        if outcome != "ok":
            raise _refusal(tenant, outcome, float(wait))
        return lease

    def take(self, tenant: Tenant, *, budgets: bool = False, token: bool = True) -> None:
        """Take a token only (see :meth:`Quotas.take`)."""
        q = tenant.quotas
        args = [
            repr(float(q["requests_per_minute"])),
            "1" if budgets else "0",
            repr(float(q["daily_cpu_seconds"])),
            repr(float(q["daily_output"])),
            "1" if token else "0",
        ]
        outcome, wait = self._call(
            "check the quotas", lambda: self._take(keys=[self._base(tenant)], args=args)
        )
        if outcome != "ok":
            raise _refusal(tenant, outcome, float(wait))

    def release(self, tenant: Tenant, lease: str) -> None:
        """Give back the run slot of ``lease``; releasing again, or an unknown lease, is a no-op."""
        key = self._base(tenant) + "leases"
        self._call("release a run slot", lambda: self._redis.zrem(key, lease))

    def charge(
        self, tenant: Tenant, *, cpu_seconds: float, output_bytes: int, lease: str | None = None
    ) -> None:
        """Add a run's cost to today's usage (UTC, by the Redis clock); give back ``lease`` too."""
        _check_charge(cpu_seconds, output_bytes)
        args = [repr(float(cpu_seconds)), str(int(output_bytes)), lease or ""]
        self._call("record usage", lambda: self._charge(keys=[self._base(tenant)], args=args))

    def usage(self, tenant: Tenant) -> dict[str, float]:
        """Today's ``cpu_seconds`` and ``output_bytes``, and the ``active`` runs, of ``tenant``."""
        cpu, out, active = self._call("read usage", lambda: self._usage(keys=[self._base(tenant)]))
        return {"cpu_seconds": float(cpu), "output_bytes": float(out), "active": float(active)}

    def close(self) -> None:
        """Close the connections to Redis."""
        self._redis.close()
