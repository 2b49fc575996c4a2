"""Anomaly alerts: per-tenant rates of limit hits, crashes, refusals and quota exhaustion.

A tenant that keeps hitting limits, crashing the guest, failing authentication
or running out of quota is either misconfigured or probing the sandbox; either
way an operator wants to hear about it before the audit log is read. Each
finished or refused request is an event for a tenant; :meth:`Alerts.observe`
counts it in a sliding window and, once the count reaches the threshold of its
kind, raises an alert three ways: one structured WARNING log line, the
``wasmbox_alerts`` counter and, when configured, a JSON webhook.

The webhook is delivered by one background thread from a bounded queue, so a
slow or dead receiver never slows a request down and never grows memory: when
the queue is full the alert is dropped (and counted, and logged).
"""

from __future__ import annotations

import logging
import math
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from prometheus_client import CollectorRegistry, Counter

from ..errors import ConfigError
from ..limits import parse_duration
from ..result import RunStatus

if TYPE_CHECKING:
    import httpx

__all__ = ["KINDS", "Alert", "AlertRules", "Alerts", "kind_of_status"]

#: The event kinds that are counted, each with its own threshold in :class:`AlertRules`.
KINDS: Final = ("limit_hits", "crashes", "refusals", "quota_exhausted")

# Every status that means "a budget ran out": a tenant hitting these often is
# sizing its limits wrong or trying to exhaust the host.
_LIMIT_STATUSES: Final = frozenset(
    {RunStatus.TIMEOUT, RunStatus.CPU_LIMIT, RunStatus.MEMORY_LIMIT, RunStatus.OUTPUT_LIMIT}
    # A grade's record has its verdict as its status.
    | {"time_limit", "memory_limit", "output_limit"}
)
_DURATION_KEYS: Final = ("window", "cooldown", "webhook_timeout")
_COUNT_KEYS: Final = ("limit_hits", "crashes", "refusals", "quota_exhausted", "webhook_retries")


def kind_of_status(status: str) -> str | None:
    """The event kind a run status counts as, or None when it is not an anomaly.

    ``ok`` and ``error`` (the guest's own uncaught exception) are ordinary
    outcomes. ``refused`` is what the audit log records for a quota refusal
    too; the service observes ``quota_exhausted`` directly for those, so a
    status alone maps only to ``refusals``.
    """
    if status in _LIMIT_STATUSES:
        return "limit_hits"
    if status == RunStatus.CRASHED:
        return "crashes"
    if status == "refused":
        return "refusals"
    return None


@dataclass(frozen=True, slots=True)
class AlertRules:
    """When to alert, and where to send alerts.

    Attributes:
        window: the sliding window events are counted in, in seconds.
        limit_hits: runs ending on a budget (timeout, CPU, memory, output)
            within ``window`` that raise an alert.
        crashes: runs that crashed the guest (trap, stack overflow) within
            ``window`` that raise an alert.
        refusals: refused requests within ``window`` that raise an alert;
            authentication failures count, malformed input does not (that is
            a client bug, not an anomaly).
        quota_exhausted: requests refused for quota within ``window`` that
            raise an alert.
        cooldown: an alert for the same tenant and kind fires at most once per
            this many seconds, so a sustained flood is one page, not thousands.
        webhook_url: where alerts are POSTed as JSON (http or https), or None.
        webhook_retries: retries after a first failed delivery (connection
            error or 5xx); 0 means one attempt only.
        webhook_timeout: the timeout of each delivery attempt, in seconds.
    """

    window: float = 60.0
    limit_hits: int = 20
    crashes: int = 5
    refusals: int = 20
    quota_exhausted: int = 10
    cooldown: float = 300.0
    webhook_url: str | None = None
    webhook_retries: int = 3
    webhook_timeout: float = 5.0

    def __post_init__(self) -> None:
        for name in _DURATION_KEYS:
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or value <= 0
            ):
                raise ConfigError(f"alerts.{name} must be a positive number of seconds")
        for name in _COUNT_KEYS:
            value = getattr(self, name)
            least = 0 if name == "webhook_retries" else 1
            if isinstance(value, bool) or not isinstance(value, int) or value < least:
                raise ConfigError(f"alerts.{name} must be an integer of at least {least}")
        if self.webhook_url is not None:
            url = self.webhook_url
            parts = urlsplit(url) if isinstance(url, str) else None
            if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
                raise ConfigError("alerts.webhook_url must be an http:// or https:// URL")

    def threshold(self, kind: str) -> int:
        """The count of ``kind`` events within the window that raises an alert."""
        if kind not in KINDS:
            raise ConfigError(f"unknown alert kind {kind!r} (known: {', '.join(KINDS)})")
        value: int = getattr(self, kind)
        return value

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> AlertRules:
        """Rules from a TOML table such as ``[alerts]``; durations may be ``"60s"``/``"5m"``.

        Unknown keys are an error rather than ignored, so a typo in a threshold
        cannot silently leave the default in force.
        """
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ConfigError(f"unknown alerts settings: {', '.join(sorted(map(str, unknown)))}")
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key in _DURATION_KEYS and isinstance(value, str):
                kwargs[key] = parse_duration(value)
            else:
                kwargs[key] = value
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class Alert:
    """One anomaly: ``tenant`` had ``count`` events of ``kind`` within ``window`` seconds.

    Attributes:
        tenant: the tenant the events belong to.
        kind: one of :data:`KINDS`.
        count: events of that kind within the window when the alert fired.
        window: the window, in seconds.
        threshold: the count that raises an alert.
        at: when it fired, wall-clock seconds since the epoch.
    """

    tenant: str
    kind: str
    count: int
    window: float
    threshold: int
    at: float

    def to_dict(self) -> dict[str, Any]:
        """The JSON form the webhook receives."""
        return {
            "alert": "anomaly",
            "tenant": self.tenant,
            "kind": self.kind,
            "count": self.count,
            "window_s": self.window,
            "threshold": self.threshold,
            "at": self.at,
        }

    def describe(self) -> str:
        """One line a person can read."""
        return (
            f"anomaly: tenant {self.tenant} had {self.count} {self.kind} "
            f"in {self.window:g}s (threshold {self.threshold})"
        )


class Alerts:
    """Counts events per tenant and kind, and raises an :class:`Alert` above the thresholds.

    Safe to call from many threads and from the event loop: ``observe`` takes
    one short lock and never waits on the network. ``backoff`` is the first
    webhook retry delay in seconds (doubling after each retry); ``queue_size``
    bounds the alerts waiting for the webhook. Call :meth:`close` on shutdown.
    """

    def __init__(
        self,
        rules: AlertRules,
        registry: CollectorRegistry,
        *,
        clock: Callable[[], float] = time.monotonic,
        logger: logging.Logger | None = None,
        backoff: float = 0.2,
        queue_size: int = 1000,
    ) -> None:
        if backoff < 0 or queue_size < 1:
            raise ConfigError("backoff must be >= 0 and queue_size >= 1")
        self.rules = rules
        self._clock = clock
        self._logger = logger or logging.getLogger("wasmbox.alerts")
        self._lock = threading.Lock()
        self._events: dict[tuple[str, str], deque[float]] = {}
        self._fired: dict[tuple[str, str], float] = {}
        self._swept = clock()
        self.alerts = Counter(
            "wasmbox_alerts", "Anomaly alerts raised, by tenant and kind", ["tenant", "kind"],
            registry=registry,
        )  # fmt: skip
        self.deliveries = Counter(
            "wasmbox_alert_webhook", "Alert webhook deliveries, by outcome", ["outcome"],
            registry=registry,
        )  # fmt: skip
        self._webhook: _Webhook | None = None
        if rules.webhook_url is not None:
            for outcome in ("ok", "failed", "dropped"):
                self.deliveries.labels(outcome)
            self._webhook = _Webhook(
                rules, self.deliveries, self._logger, backoff=backoff, queue_size=queue_size
            )

    def observe(self, tenant: str, kind: str) -> Alert | None:
        """Count one ``kind`` event for ``tenant``; the :class:`Alert` if this one raised it."""
        threshold = self.rules.threshold(kind)
        key = (tenant, kind)
        with self._lock:
            now = self._clock()
            if now - self._swept >= self.rules.window:
                self._sweep(now)
            events = self._events.setdefault(key, deque())
            events.append(now)
            cutoff = now - self.rules.window
            while events and events[0] <= cutoff:
                events.popleft()
            count = len(events)
            if count < threshold:
                return None
            last = self._fired.get(key)
            if last is not None and now - last < self.rules.cooldown:
                return None
            self._fired[key] = now
        alert = Alert(tenant, kind, count, self.rules.window, threshold, time.time())
        self._raise(alert)
        return alert

    def close(self, timeout: float = 5.0) -> bool:
        """Deliver what is queued (waiting at most ``timeout`` s) and stop the webhook thread.

        Returns True when every pending delivery finished; alerts still queued
        at the deadline are dropped and counted as such.
        """
        if self._webhook is None:
            return True
        return self._webhook.close(timeout)

    def _raise(self, alert: Alert) -> None:
        self._logger.warning(
            "%s",
            alert.describe(),
            extra={
                "event": "anomaly",
                "tenant": alert.tenant,
                "kind": alert.kind,
                "count": alert.count,
                "window_s": alert.window,
                "threshold": alert.threshold,
            },
        )
        self.alerts.labels(alert.tenant, alert.kind).inc()
        if self._webhook is not None:
            self._webhook.submit(alert)

    def _sweep(self, now: float) -> None:
        # Tenants come and go (and refusals may be keyed by client): forget keys
        # with no event in the window and no cooldown running, so memory follows
        # the active tenants, not every tenant ever seen.
        cutoff = now - self.rules.window
        for key in [k for k, ev in self._events.items() if not ev or ev[-1] <= cutoff]:
            fired = self._fired.get(key)
            if fired is None or now - fired >= self.rules.cooldown:
                del self._events[key]
                self._fired.pop(key, None)
        self._swept = now


_STOP: Final = object()


class _Webhook:
    """One daemon thread POSTing alerts from a bounded queue, with retries and backoff."""

    def __init__(
        self,
        rules: AlertRules,
        deliveries: Counter,
        logger: logging.Logger,
        *,
        backoff: float,
        queue_size: int,
    ) -> None:
        import httpx  # only a configured webhook pays for the import

        assert rules.webhook_url is not None
        self._url = rules.webhook_url
        self._retries = rules.webhook_retries
        self._backoff = backoff
        self._deliveries = deliveries
        self._logger = logger
        self._httpx = httpx
        self._client: httpx.Client = httpx.Client(
            timeout=rules.webhook_timeout, headers={"User-Agent": "wasmbox-alerts"}
        )
        self._queue: queue.Queue[object] = queue.Queue(maxsize=queue_size)
        self._closed = False
        self._close_lock = threading.Lock()
        # Set at close()'s deadline: backoff waits end at once, the rest is dropped.
        self._abandon = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wasmbox-alerts", daemon=True)
        self._thread.start()

    def submit(self, alert: Alert) -> None:
        """Queue ``alert`` for delivery, or drop it when the queue is full; never blocks."""
        with self._close_lock:
            if self._closed:
                reason = "alerts are closed"
            else:
                try:
                    self._queue.put_nowait(alert)
                    return
                except queue.Full:
                    reason = "the delivery queue is full"
        self._drop(alert, reason)

    def close(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._close_lock:
            first, self._closed = not self._closed, True
        # From here on only close() puts into the queue, so the stop marker fits
        # once the queue has room; the wait for room is part of the flush.
        if first:
            try:
                self._queue.put(_STOP, timeout=max(0.0, timeout))
            except queue.Full:
                self._abandon.set()
                self._drain()
                self._queue.put_nowait(_STOP)
        self._thread.join(max(0.0, deadline - time.monotonic()))
        if self._thread.is_alive():
            # A receiver slower than the deadline: stop retrying, drop the rest.
            self._abandon.set()
            return False
        return not self._abandon.is_set()

    def _drain(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, Alert):
                self._drop(item, "alerts closed before it could be delivered")

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                self._client.close()
                return
            assert isinstance(item, Alert)
            if self._abandon.is_set():
                self._drop(item, "alerts closed before it could be delivered")
                continue
            try:
                self._deliver(item)
            except Exception:  # the thread must outlive any one bad delivery
                self._logger.exception("alert webhook: unexpected error")
                self._deliveries.labels("failed").inc()

    def _deliver(self, alert: Alert) -> None:
        body = alert.to_dict()
        attempts = 0
        reason = ""
        for attempt in range(self._retries + 1):
            if attempt and self._abandon.wait(self._backoff * 2 ** (attempt - 1)):
                break
            attempts += 1
            try:
                response = self._client.post(self._url, json=body)
            except self._httpx.HTTPError as exc:
                reason = f"{type(exc).__name__}: {exc}"
                continue
            if response.is_success:
                self._deliveries.labels("ok").inc()
                return
            reason = f"HTTP {response.status_code}"
            if response.status_code < 500:
                break  # the receiver rejected it: sending it again cannot help
        self._deliveries.labels("failed").inc()
        # The URL is not logged: webhook URLs often carry a secret token.
        self._logger.error(
            "alert webhook failed after %d attempt(s): %s (tenant %s, %s)",
            attempts,
            reason,
            alert.tenant,
            alert.kind,
            extra={
                "event": "anomaly_webhook_failed",
                "tenant": alert.tenant,
                "kind": alert.kind,
                "attempts": attempts,
                "reason": reason,
            },
        )

    def _drop(self, alert: Alert, reason: str) -> None:
        self._deliveries.labels("dropped").inc()
        self._logger.error(
            "alert webhook: dropped alert for tenant %s (%s): %s",
            alert.tenant,
            alert.kind,
            reason,
            extra={
                "event": "anomaly_webhook_dropped",
                "tenant": alert.tenant,
                "kind": alert.kind,
                "reason": reason,
            },
        )
