"""Prometheus metrics of the service: runs by tenant and status, latency, queue, workers.

Each app gets its own registry, so several apps in one process (tests, or a
multi-app deployment) never mix their counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily
from prometheus_client.registry import Collector

__all__ = ["Metrics"]


class Metrics:
    """The service's counters, exported at ``/metrics``."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.runs = Counter(
            "wasmbox_runs", "Runs by tenant and how they ended", ["tenant", "status"],
            registry=self.registry,
        )  # fmt: skip
        self.refusals = Counter(
            "wasmbox_refusals", "Requests refused before running, by reason", ["tenant", "reason"],
            registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "wasmbox_run_seconds",
            "Wall time of a run request, received to answered",
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "wasmbox_runs_in_flight", "Runs executing now", registry=self.registry
        )

        self.queue_depth = Gauge(
            "wasmbox_queue_depth", "Runs waiting for a worker process", registry=self.registry
        )
        self.worker_restarts = Counter(
            "wasmbox_worker_restarts", "Worker processes replaced, by reason", ["reason"],
            registry=self.registry,
        )  # fmt: skip
        self.sessions = Gauge("wasmbox_sessions_open", "Sessions open now", registry=self.registry)
        self.workers_busy = Gauge(
            "wasmbox_workers_busy",
            "Worker processes running a run now, by whether it gave way (spares take the rest)",
            ["state"],
            registry=self.registry,
        )

    def count_audit_writes(self, read: Callable[[], tuple[int, int]]) -> None:
        """Export the audit writer's totals, ``read()`` as (records, commits), at each scrape.

        Records per commit is how well the writer groups its commits under load
        (each commit costs about as much as writing five records); read when
        scraped rather than counted per write, which would cost every request.
        """
        self.registry.register(_AuditWrites(read))

    def count_given_way(self, read: Callable[[], int]) -> None:
        """Export how many runs have given way mid-run (``yield_after``), ``read()`` at scrape.

        A rate of these near the spare workers' capacity means long runs may soon
        hold up short ones: more spares, or a lower ``yield_after``.
        """
        self.registry.register(_Total("wasmbox_runs_given_way", "Runs that gave way mid-run", read))

    def export(self) -> bytes:
        return generate_latest(self.registry)


class _Total(Collector):
    def __init__(self, name: str, documentation: str, read: Callable[[], int]) -> None:
        self._name, self._documentation, self._read = name, documentation, read

    def collect(self) -> Iterator[CounterMetricFamily]:
        yield CounterMetricFamily(self._name, self._documentation, value=self._read())


class _AuditWrites(Collector):
    def __init__(self, read: Callable[[], tuple[int, int]]) -> None:
        self._read = read

    def collect(self) -> Iterator[CounterMetricFamily]:
        records, commits = self._read()
        yield CounterMetricFamily(
            "wasmbox_audit_records", "Audit records written or completed", value=records
        )
        yield CounterMetricFamily(
            "wasmbox_audit_commits", "Transactions the audit writer committed", value=commits
        )
