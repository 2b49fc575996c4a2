"""Per-tenant quotas: one set of behaviours, checked against both backends (memory and Redis).

The Redis backend runs against a real ``redis-server`` (``services.py``);
each test starts from an empty database. The memory backend gets a fake clock,
so time passes instantly; Redis keeps time itself, so its tests wait for real
where time is the behaviour under test (a few seconds at most). On Redis a busy
machine may stall between any two calls: a count of tokens allows for what the
measured time could have earned, and a lease outlives any plausible stall.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import redis

from services import free_port
from wasmbox.errors import ConfigError
from wasmbox.server.quotas import (
    MemoryQuotas,
    QuotaExceeded,
    Quotas,
    QuotaUnavailable,
    RedisQuotas,
    open_quotas,
)
from wasmbox.server.store import DEFAULT_QUOTAS, Tenant

DAY = 86400


def tenant(id: int = 1, **quotas: float) -> Tenant:
    return Tenant(id, f"t{id}", 0.0, None, {**DEFAULT_QUOTAS, **quotas})


class FakeClock:
    """Wall time that moves only when told; starts at 2023-11-14 22:13:20 UTC."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Backend:
    """One quota backend under test: how to make it, and how to let time pass for it."""

    name: str
    factory: Callable[..., Quotas]
    later: Callable[[float], None]
    #: The backend's time in seconds, to measure how much passed (Redis: its own clock's rate).
    clock: Callable[[], float]
    made: list[Quotas] = field(default_factory=list)

    def make(self, **options: Any) -> Quotas:
        quotas = self.factory(**options)
        self.made.append(quotas)
        return quotas

    def replicas(self, n: int) -> list[Quotas]:
        """``n`` service replicas' views of the same quotas (memory: one process, one object)."""
        if self.name == "memory":
            return [self.make()] * n
        return [self.make() for _ in range(n)]


@pytest.fixture(params=["memory", "redis"])
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    if request.param == "memory":
        clock = FakeClock()
        made = Backend("memory", lambda **kw: MemoryQuotas(clock=clock, **kw), clock.advance, clock)
    else:
        url: str = request.getfixturevalue("redis_url")
        with redis.Redis.from_url(url) as client:
            client.flushdb()
        # Redis reads its own clock, so for Redis time has to pass for real.
        made = Backend("redis", lambda **kw: RedisQuotas(url, **kw), time.sleep, time.monotonic)
    yield made
    for quotas in made.made:
        quotas.close()


def refused(quotas: Quotas, t: Tenant, reason: str) -> QuotaExceeded:
    with pytest.raises(QuotaExceeded) as info:
        quotas.admit(t)
    assert info.value.reason == reason, str(info.value)
    assert info.value.retry_after >= 1
    return info.value


def drain(backend: Backend, take: Callable[[], object]) -> tuple[int, float]:
    """How many ``take()`` calls a 120-per-minute bucket lets through before it refuses one,
    and the backend's time just before that refused call (the bucket then held under a token).
    """
    for taken in range(200):
        asked = backend.clock()
        try:
            take()
        except QuotaExceeded as exc:
            assert exc.reason == "rate"
            assert exc.retry_after == 1  # one token every half second
            assert "120 requests per minute" in str(exc)
            return taken, asked
    pytest.fail("200 requests in a row were let through by a 120-per-minute bucket")


def earnable(seconds: float) -> float:
    """The tokens a 120-per-minute bucket may earn in ``seconds``, and a hair more (0.05):
    Redis keeps each take's time to a tenth of a millisecond (Lua writes 14 digits).
    """
    return 2 * seconds + 0.05


def test_bucket_empties_then_refills(backend: Backend) -> None:
    q, t = backend.make(), tenant(requests_per_minute=120, max_concurrent=1000)
    started = backend.clock()
    admitted, dry = drain(backend, lambda: q.admit(t))
    # A full bucket holds a minute's worth, and earns two tokens a second meanwhile:
    # none on the fake clock; on Redis, what the drain's own time (a stall too) could earn.
    assert 120 <= admitted <= 120 + earnable(dry - started)
    backend.later(0.6)  # 1.2 tokens come back: one request, not two (on the fake clock)
    again, _ = drain(backend, lambda: q.admit(t))
    # Under a token was left when the bucket ran dry; since then, two a second at most
    # (on Redis the time slept may be longer than asked, and the drain takes time too).
    assert 1 <= again < 1 + earnable(backend.clock() - dry)
    if backend.name == "memory":  # exactly 0.6 s passed: 1.2 tokens
        assert (admitted, again) == (120, 1)


def test_a_read_takes_a_token_but_no_slot_and_no_budget(backend: Backend) -> None:
    q = backend.make()
    t = tenant(requests_per_minute=120, max_concurrent=1, daily_cpu_seconds=1)
    started = backend.clock()
    q.admit(t)  # the one run slot is taken, and then the day's CPU
    q.charge(t, cpu_seconds=2.0, output_bytes=0)
    exc = refused(q, t, "daily_cpu")  # a run is refused: its budget comes first
    assert "CPU" in str(exc)
    with pytest.raises(QuotaExceeded) as budgeted:  # so is work that costs CPU (a session's)
        q.take(t, budgets=True)
    assert budgeted.value.reason == "daily_cpu" and budgeted.value.retry_after >= 1
    # Reads still get through, and share the bucket with runs: the run took one token,
    # and the time since could have earned two a second (none on the fake clock).
    reads, dry = drain(backend, lambda: q.take(t))
    assert 119 <= reads <= 119 + earnable(dry - started)
    assert q.usage(t)["active"] == 1
    backend.later(0.6)  # one token back
    q.take(t)


def test_a_token_taken_before_the_body_is_not_taken_again_by_the_admission(
    backend: Backend,
) -> None:
    q, t = backend.make(), tenant(requests_per_minute=2, max_concurrent=5, daily_cpu_seconds=1)
    for _ in range(2):  # a request: its token first, its run slot once its body is read
        q.take(t)
        q.admit(t, token=False)
    with pytest.raises(QuotaExceeded) as rate:
        q.take(t)  # the bucket's two tokens went to two requests, not one
    assert rate.value.reason == "rate"
    q.admit(t, token=False)  # a slot and the budgets only: still there
    q.charge(t, cpu_seconds=2.0, output_bytes=0)
    with pytest.raises(QuotaExceeded) as spent:
        q.take(t, budgets=True, token=False)  # only the budgets looked at
    assert spent.value.reason == "daily_cpu"
    assert q.usage(t)["active"] == 3


def test_run_slots_come_back_on_release(backend: Backend) -> None:
    q, t = backend.make(), tenant(max_concurrent=2)
    first, second = q.admit(t), q.admit(t)
    assert first != second
    exc = refused(q, t, "concurrency")
    assert "2 runs are already running" in str(exc)
    q.release(t, first)
    q.release(t, first)  # releasing twice gives back one slot, not two
    q.release(t, "no-such-lease")
    q.admit(t)
    refused(q, t, "concurrency")
    assert q.usage(t)["active"] == 2


def test_a_charge_with_its_lease_gives_the_run_slot_back_in_the_same_call(
    backend: Backend,
) -> None:
    # How a run ends in the service: its cost and its slot in one call (one Redis script).
    q, t = backend.make(), tenant(max_concurrent=1)
    lease = q.admit(t)
    refused(q, t, "concurrency")
    q.charge(t, cpu_seconds=0.5, output_bytes=10, lease=lease)
    assert q.usage(t) == {"cpu_seconds": 0.5, "output_bytes": 10.0, "active": 0.0}
    other = q.admit(t)
    q.charge(t, cpu_seconds=0.25, output_bytes=0, lease=lease)  # an old lease: nothing freed
    assert q.usage(t)["active"] == 1
    refused(q, t, "concurrency")
    q.charge(t, cpu_seconds=0.0, output_bytes=0, lease=other)
    assert q.usage(t)["active"] == 0


def test_daily_cpu_budget(backend: Backend) -> None:
    q, t = backend.make(), tenant(daily_cpu_seconds=10)
    q.release(t, q.admit(t))
    q.charge(t, cpu_seconds=4.5, output_bytes=0)
    q.release(t, q.admit(t))  # 4.5 of 10 used: still admitted
    q.charge(t, cpu_seconds=5.5, output_bytes=0)
    exc = refused(q, t, "daily_cpu")
    assert exc.retry_after <= DAY
    assert str(exc) == "used today's 10 CPU seconds; resets at 00:00 UTC"
    assert q.usage(t)["cpu_seconds"] == pytest.approx(10.0)


def test_daily_output_budget(backend: Backend) -> None:
    q, t = backend.make(), tenant(daily_output=1 << 20)
    q.charge(t, cpu_seconds=0.0, output_bytes=(1 << 20) - 1)
    q.release(t, q.admit(t))
    q.charge(t, cpu_seconds=0.0, output_bytes=1)
    exc = refused(q, t, "daily_output")
    assert exc.retry_after <= DAY
    assert str(exc) == "used today's 1 MiB of output; resets at 00:00 UTC"


def test_usage_adds_up_todays_runs(backend: Backend) -> None:
    q, t = backend.make(), tenant()
    assert q.usage(t) == {"cpu_seconds": 0.0, "output_bytes": 0.0, "active": 0.0}
    lease = q.admit(t)
    q.charge(t, cpu_seconds=1.5, output_bytes=100)
    q.charge(t, cpu_seconds=2.25, output_bytes=50)
    assert q.usage(t) == {"cpu_seconds": 3.75, "output_bytes": 150.0, "active": 1.0}
    q.release(t, lease)
    assert q.usage(t)["active"] == 0


def test_a_negative_charge_is_refused(backend: Backend) -> None:
    q, t = backend.make(), tenant()
    with pytest.raises(ValueError):
        q.charge(t, cpu_seconds=-1.0, output_bytes=0)
    with pytest.raises(ValueError):
        q.charge(t, cpu_seconds=0.0, output_bytes=-1)


def test_a_rate_refusal_takes_no_slot(backend: Backend) -> None:
    q, t = backend.make(), tenant(requests_per_minute=1, max_concurrent=5)
    q.admit(t)
    for _ in range(3):
        refused(q, t, "rate")
    assert q.usage(t)["active"] == 1


def test_a_concurrency_refusal_takes_no_token(backend: Backend) -> None:
    q, t = backend.make(), tenant(requests_per_minute=2, max_concurrent=1)
    lease = q.admit(t)
    for _ in range(3):
        refused(q, t, "concurrency")
    q.release(t, lease)
    q.admit(t)  # the second of two tokens is still there
    refused(q, t, "rate")


def test_a_daily_refusal_takes_no_token_and_no_slot(backend: Backend) -> None:
    q, t = backend.make(), tenant(requests_per_minute=2, max_concurrent=1, daily_output=10)
    q.release(t, q.admit(t))
    q.charge(t, cpu_seconds=0.0, output_bytes=10)
    for _ in range(3):
        refused(q, t, "daily_output")
    assert q.usage(t)["active"] == 0
    # Checked first: an exhausted day wins over an empty bucket or full slots.
    q.charge(t, cpu_seconds=1e9, output_bytes=0)
    refused(q, t, "daily_cpu")


def test_tenants_are_independent(backend: Backend) -> None:
    q = backend.make()
    a, b = tenant(1, requests_per_minute=1, max_concurrent=1), tenant(2, max_concurrent=1)
    q.admit(a)
    refused(q, a, "rate")
    q.charge(a, cpu_seconds=1e9, output_bytes=1 << 40)
    refused(q, a, "daily_cpu")
    lease = q.admit(b)
    refused(q, b, "concurrency")
    q.release(a, lease)  # a's release does not free b's slot
    refused(q, b, "concurrency")
    assert q.usage(b) == {"cpu_seconds": 0.0, "output_bytes": 0.0, "active": 1.0}


def test_racing_admissions_get_exactly_the_cap(backend: Backend) -> None:
    replicas = backend.replicas(2)
    t = tenant(requests_per_minute=1000, max_concurrent=5)
    start = threading.Barrier(50)
    leases: list[str] = []
    reasons: list[str] = []
    lock = threading.Lock()

    def request(q: Quotas) -> None:
        start.wait()
        try:
            lease = q.admit(t)
        except QuotaExceeded as exc:
            with lock:
                reasons.append(exc.reason)
        else:
            with lock:
                leases.append(lease)

    threads = [threading.Thread(target=request, args=(replicas[i % 2],)) for i in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(leases) == 5 and len(set(leases)) == 5
    assert reasons == ["concurrency"] * 45
    assert replicas[0].usage(t)["active"] == replicas[1].usage(t)["active"] == 5


def test_a_forgotten_lease_expires(backend: Backend) -> None:
    # The lease lives max_wall_time + lease_ttl_extra: here two seconds, so that on
    # Redis a busy machine's stall before the refusal cannot let it expire first.
    q, t = backend.make(lease_ttl_extra=0.0), tenant(max_concurrent=1, max_wall_time=2.0)
    q.admit(t)
    refused(q, t, "concurrency")
    backend.later(2.1)  # slept at least that: past the lease's end on any machine
    assert q.usage(t)["active"] == 0
    q.admit(t)


def test_a_lease_held_for_a_longer_job_outlives_the_wall_time_ceiling(backend: Backend) -> None:
    # A grade runs every case: a slot that expired after one run's ceiling freed the
    # tenant's cap while the grade still held a worker.
    # The job's own time is two seconds: on Redis a busy machine's stall of a second
    # between the admission and the refusal still leaves the lease in force.
    q, t = backend.make(lease_ttl_extra=0.0), tenant(max_concurrent=1, max_wall_time=0.1)
    q.admit(t, hold=2.0)
    backend.later(0.2)  # past the ceiling (slept at least that), not past the job's own time
    refused(q, t, "concurrency")
    backend.later(1.9)  # 2.1 s since the admission, at least: past the job's time too
    q.admit(t)


def test_daily_budgets_reset_at_utc_midnight() -> None:
    clock = FakeClock()  # 22:13:20 UTC: 1 h 46 min 40 s to midnight
    q, t = MemoryQuotas(clock=clock), tenant(daily_cpu_seconds=1)
    q.charge(t, cpu_seconds=1.0, output_bytes=0)
    assert refused(q, t, "daily_cpu").retry_after == 6400
    clock.advance(6399.5)
    assert refused(q, t, "daily_cpu").retry_after == 1
    clock.advance(0.5)
    q.admit(t)
    assert q.usage(t)["cpu_seconds"] == 0


def test_the_default_messages_read_well() -> None:
    q, t = MemoryQuotas(), tenant()
    q.charge(t, cpu_seconds=3600, output_bytes=0)
    assert str(refused(q, t, "daily_cpu")).startswith("used today's 3,600 CPU seconds;")
    q, t = MemoryQuotas(), tenant()
    q.charge(t, cpu_seconds=0, output_bytes=1 << 30)
    assert str(refused(q, t, "daily_output")).startswith("used today's 1 GiB of output;")


def test_redis_replicas_share_daily_usage(redis_url: str) -> None:
    with redis.Redis.from_url(redis_url) as client:
        client.flushdb()
    one, two = RedisQuotas(redis_url), RedisQuotas(redis_url)
    try:
        t = tenant(daily_output=100)
        one.charge(t, cpu_seconds=0.0, output_bytes=100)
        refused(two, t, "daily_output")
    finally:
        one.close()
        two.close()


def test_redis_keys_are_prefixed_per_tenant_and_expire(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    client.flushdb()
    q = RedisQuotas(redis_url, prefix="svc-a:")
    try:
        t = tenant(42)
        lease = q.admit(t)
        q.charge(t, cpu_seconds=1.0, output_bytes=10)
        keys = [str(key) for key in client.scan_iter("*")]
        assert len(keys) == 4
        for key in keys:
            assert key.startswith("svc-a:") and "42" in key
            assert client.ttl(key) > 0, f"{key} would outlive its use"
        # Another prefix is another service: it sees none of this.
        other = RedisQuotas(redis_url, prefix="svc-b:")
        assert other.usage(t) == {"cpu_seconds": 0.0, "output_bytes": 0.0, "active": 0.0}
        other.close()
        q.release(t, lease)
    finally:
        q.close()
        client.close()


def test_redis_down_raises_quota_unavailable() -> None:
    q, t = RedisQuotas(f"redis://127.0.0.1:{free_port()}/0", timeout=1.0), tenant()
    try:
        calls: list[Callable[[], object]] = [
            lambda: q.admit(t),
            lambda: q.release(t, "lease"),
            lambda: q.charge(t, cpu_seconds=1.0, output_bytes=1),
            lambda: q.usage(t),
        ]
        for call in calls:
            with pytest.raises(QuotaUnavailable, match="quota store"):
                call()
    finally:
        q.close()


def test_open_quotas_picks_the_backend(redis_url: str) -> None:
    assert isinstance(open_quotas(), MemoryQuotas)
    assert isinstance(open_quotas("memory://"), MemoryQuotas)
    q = open_quotas(redis_url)
    assert isinstance(q, RedisQuotas)
    q.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://localhost/db", "unknown quota store"),
        ("memcached://localhost", "unknown quota store"),
        ("", "unknown quota store"),
        ("redis://localhost:notaport/0", "bad Redis URL"),
    ],
)
def test_open_quotas_refuses_other_urls(url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        open_quotas(url)


def test_an_unknown_reason_is_a_bug() -> None:
    with pytest.raises(ValueError):
        QuotaExceeded("no", 1, "weather")
