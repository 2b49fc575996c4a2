"""Per-tenant request quotas: a token bucket per minute and a cap on concurrent runs.

This is the in-process backend (one replica); a Redis backend for several
replicas follows the same interface (issue 7).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from .store import Tenant

__all__ = ["MemoryQuotas", "QuotaExceeded"]


class QuotaExceeded(Exception):
    """A request over a tenant's quota; ``retry_after`` is in whole seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class MemoryQuotas:
    """Quotas held in this process's memory; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buckets: dict[int, _Bucket] = {}
        self._active: dict[int, int] = {}

    def admit(self, tenant: Tenant) -> None:
        """Take one request and one run slot, or raise :class:`QuotaExceeded`."""
        rate = float(tenant.quotas["requests_per_minute"])
        cap = int(tenant.quotas["max_concurrent"])
        now = time.monotonic()
        with self._lock:
            bucket = self._buckets.setdefault(tenant.id, _Bucket(rate, now))
            bucket.tokens = min(rate, bucket.tokens + (now - bucket.updated) * rate / 60)
            bucket.updated = now
            if bucket.tokens < 1:
                wait = math.ceil((1 - bucket.tokens) * 60 / rate)
                raise QuotaExceeded(f"over {rate:g} requests per minute", max(1, wait))
            if self._active.get(tenant.id, 0) >= cap:
                raise QuotaExceeded(f"{cap} runs are already running for this key", 1)
            bucket.tokens -= 1
            self._active[tenant.id] = self._active.get(tenant.id, 0) + 1

    def release(self, tenant: Tenant) -> None:
        """Give back the run slot :meth:`admit` took."""
        with self._lock:
            self._active[tenant.id] = max(0, self._active.get(tenant.id, 0) - 1)
