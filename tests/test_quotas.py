"""Per-tenant quotas: the token bucket refills with time; run slots come back on release."""

from __future__ import annotations

import pytest

from wasmbox.server.quotas import MemoryQuotas, QuotaExceeded
from wasmbox.server.store import DEFAULT_QUOTAS, Tenant


def tenant(**quotas: float) -> Tenant:
    return Tenant(1, "t", 0.0, None, {**DEFAULT_QUOTAS, **quotas})


def test_bucket_empties_then_refills() -> None:
    q, t = MemoryQuotas(), tenant(requests_per_minute=60, max_concurrent=1000)
    for _ in range(60):
        q.admit(t)
    with pytest.raises(QuotaExceeded) as info:
        q.admit(t)
    assert info.value.retry_after == 1
    q._buckets[t.id].updated -= 2.5  # two and a half seconds later: two tokens back
    q.admit(t)
    q.admit(t)
    with pytest.raises(QuotaExceeded):
        q.admit(t)


def test_run_slots() -> None:
    q, t = MemoryQuotas(), tenant(max_concurrent=2)
    q.admit(t)
    q.admit(t)
    with pytest.raises(QuotaExceeded, match="already running"):
        q.admit(t)
    q.release(t)
    q.admit(t)
    other = Tenant(2, "u", 0.0, None, dict(DEFAULT_QUOTAS))
    q.admit(other)  # tenants do not share slots


def test_a_refused_request_takes_nothing() -> None:
    q, t = MemoryQuotas(), tenant(requests_per_minute=1, max_concurrent=5)
    q.admit(t)
    with pytest.raises(QuotaExceeded):
        q.admit(t)
    assert q._active[t.id] == 1
