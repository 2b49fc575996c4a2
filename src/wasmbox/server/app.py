"""The HTTP API of ``wasmbox serve`` (Starlette): runs and sessions for tenants, all audited.

Every request that asks to run or manage code gets an audit record, refused
ones included: it is written before the run starts (a service that cannot
write it answers 503 and runs nothing) and completed after. Runs execute in
worker processes (:mod:`wasmbox.server.workers`), so a run that kills its
worker ends ``crashed`` and the service goes on (one that had given way and
was starved of CPU until the pool's watchdog came ends ``timeout``). Every
error is JSON with a stable code; a request body is capped, and timed, before
it is read whole; a guest failure is a 200 whose ``status`` says how the run
ended.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import gc
import hashlib
import hmac
import ipaddress
import json
import logging
import math
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import anyio.to_thread
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .._text import utf8
from ..errors import ConfigError
from ..grading.cases import check_compare, check_tolerance, grade_budget, parse_cases
from ..limits import Limits
from ..result import GuestError, RunResult, RunStatus
from ..web import web_routes
from .alerts import Alerts, kind_of_status
from .audit import AuditLog
from .metrics import Metrics
from .openapi import openapi_routes
from .quotas import MemoryQuotas, QuotaExceeded, Quotas, QuotaUnavailable, open_quotas
from .settings import ServiceSettings
from .store import CEILINGS, DEFAULT_QUOTAS, AuditUnavailable, Store, Tenant, hash_key
from .workers import (
    BadJob,
    Overloaded,
    PoolSettings,
    WorkerCrashed,
    WorkerGone,
    WorkerPool,
    WorkerStarved,
)

__all__ = ["MAX_BODY", "ApiError", "create_app"]

#: Largest request body read by default, in bytes.
MAX_BODY = ServiceSettings.__dataclass_fields__["max_body"].default
#: Records of requests that only read the audit log.
_READ_KINDS = ("read", "list")
#: What a request's ``limits`` may set.
LIMIT_FIELDS = tuple(CEILINGS)
_RUN_FIELDS = frozenset({"code", "stdin", "inputs", "files", "limits", "engine"})
#: A grade request's fields (each case brings its own stdin or arguments).
_GRADE_FIELDS = frozenset(
    {"code", "limits", "engine", "cases", "compare", "tolerance", "stop_on_failure"}
)
#: The most cases one grade request may carry.
MAX_GRADE_CASES = 100
#: HTTP statuses of the errors a worker answers with (others are the request's fault: 422).
_STOPPED = "the service stopped before the run finished"
_WORKER_ERRORS = {"session_ended": 410, "over_capacity": 503, "overloaded": 503, "internal": 500}
log = logging.getLogger("wasmbox.server")
#: Seconds between heartbeats of the runs in flight (on a database shared by replicas).
_HEARTBEAT = 60.0


class ApiError(Exception):
    """An error answer: HTTP status, stable code, a message for a person."""

    def __init__(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = dict(headers or {})


class _Json(JSONResponse):
    """A JSON answer, encoded by one encoder kept for all (``json.dumps`` with
    options builds a new one per call, on every request)."""

    def render(self, content: Any) -> bytes:
        text = _encode_json(content)
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            # Text UTF-8 cannot hold (a lone surrogate: a file name the guest made of
            # bytes, a grade's expected output): escaped as JSON allows, not a 500.
            return _encode_ascii(content).encode("ascii")


_encode_json = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
_encode_ascii = json.JSONEncoder(allow_nan=False, separators=(",", ":")).encode


def _error(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return _Json({"error": {"code": code, "message": message}}, status, headers=headers)


@dataclass(slots=True)
class _Audited:
    """What is known of a request so far, for its audit record."""

    kind: str
    client: str | None
    tenant: Tenant | None = None
    code: str | None = None
    inputs_sha256: str | None = None
    limits: dict[str, Any] = field(default_factory=dict)
    run_id: str | None = None
    engine: str | None = None
    #: Its record is complete (the run's result written): nothing may overwrite it.
    finished: bool = False
    #: The service stopped the run (its drain time was up): its record says so.
    stopped: bool = False


@dataclass(slots=True)
class _SessionRef:
    tenant_id: int
    slot: int
    generation: int
    limits: Limits
    last_used: float
    ended: str | None = None
    engine: str = "micropython"


def create_app(store: Store, settings: ServiceSettings | None = None) -> Starlette:
    """The API over ``store`` (tenants, audit log), configured by ``settings``."""
    settings = settings or ServiceSettings()
    metrics = Metrics()
    alerts = Alerts(settings.alerts, metrics.registry)
    audit = AuditLog(store, redact_code=settings.redact_code)
    metrics.count_audit_writes(lambda: (audit.written, audit.batches))
    metrics.count_given_way(lambda: state["pool"].given_way if "pool" in state else 0)
    quotas: Quotas = open_quotas(settings.quotas_url)
    keys: dict[str, tuple[float, Tenant | None]] = {}
    sessions: dict[str, _SessionRef] = {}
    opening: dict[int, int] = {}  # per tenant: sessions being opened right now
    in_flight: set[str] = set()
    #: The service's default limits under each ceiling (a request without limits of its own).
    capped_bases: dict[tuple[object, ...], Limits] = {}
    state: dict[str, Any] = {"quotas": quotas}  # and "pool" once started

    def pool() -> WorkerPool:
        p: WorkerPool | None = state.get("pool")
        if p is None:
            raise ApiError(503, "not_ready", "the service is starting")
        return p

    async def quota_call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        # The in-memory backend is a dict under a lock; only Redis is worth a thread.
        if isinstance(quotas, MemoryQuotas):
            return fn(*args, **kwargs)
        return await anyio.to_thread.run_sync(lambda: fn(*args, **kwargs))

    # -- requests --------------------------------------------------------------

    async def tenant_of(request: Request, audited: _Audited | None = None) -> Tenant:
        header = request.headers.get("authorization", "")
        scheme, _, key = header.partition(" ")
        key = key.strip()
        if scheme.lower() != "bearer" or not key:
            raise ApiError(401, "unauthorized", "send your API key as 'Authorization: Bearer KEY'")
        digest = hash_key(key)
        now = time.monotonic()
        cached = keys.get(digest)
        if cached is not None and cached[0] > now:
            tenant = cached[1]
        else:
            tenant = await anyio.to_thread.run_sync(store.tenant_for_key, key)
            if len(keys) > 10_000:  # a flood of made-up keys must not grow the cache forever
                keys.clear()
            keys[digest] = (now + settings.key_cache_ttl, tenant)
        if tenant is None:
            raise ApiError(401, "unauthorized", "unknown API key")
        if audited is not None:
            audited.tenant = tenant
        if tenant.revoked:
            raise ApiError(403, "revoked", "this API key has been revoked")
        return tenant

    async def body_of(request: Request) -> dict[str, Any]:
        limit = settings.max_body
        too_large = ApiError(413, "too_large", f"request bodies are limited to {limit:,} bytes")
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            raise too_large
        chunks, size = [], 0
        try:
            async with asyncio.timeout(settings.body_timeout):
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > limit:
                        raise too_large
                    chunks.append(chunk)
        except TimeoutError:
            raise ApiError(
                408,
                "body_timeout",
                f"the request body did not arrive within {settings.body_timeout:g} s",
            ) from None
        except ClientDisconnect:
            # Nobody is left to answer, but the request is on record like any refusal.
            raise ApiError(
                400, "client_disconnected", "the client left before its body came"
            ) from None
        try:
            data = json.loads(b"".join(chunks) or b"null")
        except (ValueError, RecursionError) as exc:
            # JSONDecodeError and UnicodeDecodeError are ValueErrors; so is a number
            # past Python's 4,300 digits. RecursionError: nesting past Python's depth.
            why = "too deeply nested" if isinstance(exc, RecursionError) else str(exc)
            raise ApiError(400, "bad_json", f"the body is not valid JSON: {why}") from None
        if not isinstance(data, dict):
            raise ApiError(400, "bad_request", "the body must be a JSON object")
        return data

    #: What a request's ``engine`` may be: the service's engines, and auto with both.
    both = {"micropython", "cpython"} <= set(settings.engines)
    offered = (*settings.engines, "auto") if both else settings.engines

    def engine_of(body: Mapping[str, Any], session: bool = False) -> str:
        engine = body.get("engine")
        if engine is None:
            return settings.engines[0]
        choices = tuple(e for e in offered if not (session and e == "auto"))
        if engine not in choices:
            why = "a session keeps one interpreter: " if session and engine == "auto" else ""
            raise ApiError(
                422,
                "engine_unavailable",
                f"{why}engine is one of {', '.join(choices)} on this service, not {engine!r}",
            )
        return str(engine)

    def ceiling_of(tenant: Tenant, quota: str) -> float:
        return float(tenant.quotas.get(quota, DEFAULT_QUOTAS[quota]))

    def ceilings_of(tenant: Tenant) -> dict[str, float | None]:
        """The tenant's ceiling on each limit; None: none (the service runs without it)."""
        ceilings: dict[str, float | None] = {}
        for key, quota in CEILINGS.items():
            if quota in tenant.quotas:
                ceilings[key] = float(tenant.quotas[quota])
            elif quota in DEFAULT_QUOTAS:
                ceilings[key] = float(DEFAULT_QUOTAS[quota])
            else:  # not the tenant's to raise: the service's own default is the most
                value = getattr(settings.limits, key)
                ceilings[key] = None if value is None else float(value)
        return ceilings

    def limits_for(
        tenant: Tenant, asked: Any, base: Limits | None = None, engine: str = "micropython"
    ) -> Limits:
        if asked is None:
            asked = {}
        if not isinstance(asked, dict) or set(asked) - set(LIMIT_FIELDS):
            raise ApiError(422, "bad_limits", f"limits may set only: {', '.join(LIMIT_FIELDS)}")
        ceilings = ceilings_of(tenant)
        floor = 0
        if engine != "micropython":
            from ..cpython import DEFAULT_MEMORY, MIN_MEMORY

            floor = MIN_MEMORY
            if base is None:  # CPython's own default, under the tenant's ceiling below
                base = replace(settings.limits, memory=max(settings.limits.memory, DEFAULT_MEMORY))
            memory_ceiling = ceilings["memory"]
            if memory_ceiling is not None and memory_ceiling < floor:
                raise ApiError(
                    422,
                    "above_ceiling",
                    f"the CPython engine needs at least {floor >> 20} MiB of memory, above your "
                    f"ceiling of {_number(memory_ceiling)}",
                )
        shape = (engine, *ceilings.values()) if base is None else None
        capped = capped_bases.get(shape) if shape is not None else None
        if capped is None:
            base = base or settings.limits
            capped = replace(base, **_capped(base, ceilings))
            if shape is not None and len(capped_bases) < 10_000:
                capped_bases[shape] = capped
        base = capped
        if not asked:
            return base
        checked = {key: _limit_value(key, value) for key, value in asked.items()}
        if floor and "fuel" in checked and checked["fuel"] is None:
            # The service compiles CPython with fuel accounting only (minutes each).
            raise ApiError(422, "bad_limits", "limits.fuel: the CPython engine runs with fuel on")
        if (checked.get("memory") or floor) < floor:
            raise ApiError(
                422,
                "bad_limits",
                f"limits.memory: the CPython engine needs at least {floor >> 20} MiB",
            )
        for key, value in checked.items():
            ceiling = ceilings[key]
            if ceiling is None:  # the service runs without this limit: so may the request
                continue
            if value is None:  # fuel off: no bound but the wall time, above any ceiling
                raise ApiError(
                    422,
                    "above_ceiling",
                    f"limits.{key} may not be null (unlimited): your ceiling is {_number(ceiling)}",
                )
            if value > ceiling:
                raise ApiError(
                    422,
                    "above_ceiling",
                    f"limits.{key} is above your ceiling of {_number(ceiling)}",
                )
        for key, value in checked.items():
            if value is not None and value > _LARGEST_LIMIT:
                raise ApiError(422, "bad_limits", f"limits.{key} is too large")
        try:
            return replace(base, **checked)
        except (ConfigError, TypeError) as exc:
            raise ApiError(422, "bad_limits", str(exc)) from exc

    def run_fields(body: Mapping[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
        """The checked fields of a run body; raises 422 naming what is wrong."""
        unknown = set(body) - allowed
        if unknown:
            names = ", ".join(repr(name) for name in sorted(unknown))
            raise ApiError(422, "bad_request", f"unknown fields: {names}")
        code = body.get("code")
        if "code" in allowed and not isinstance(code, str):
            raise ApiError(422, "bad_request", "'code' must be a string")
        inputs, stdin, files = body.get("inputs"), body.get("stdin"), body.get("files")
        if inputs is not None and not isinstance(inputs, dict):
            raise ApiError(422, "bad_request", "'inputs' must be an object")
        if stdin is not None and not isinstance(stdin, str):
            raise ApiError(422, "bad_request", "'stdin' must be a string")
        if files is not None and not (
            isinstance(files, dict) and all(isinstance(v, str) for v in files.values())
        ):
            raise ApiError(422, "bad_request", "'files' must map names to text")
        # JSON may carry what UTF-8 cannot (a lone surrogate); the audit log, the worker
        # and the guest all need UTF-8: refused here, before anything is admitted.
        texts = [("code", code), ("stdin", stdin)]
        texts += [(f"files: the name {k!r}", k) for k in files or ()]
        texts += [(f"file {k!r}", v) for k, v in (files or {}).items()]
        try:
            for what, text in texts:
                if isinstance(text, str):
                    utf8(text, what)
        except ConfigError as exc:
            raise ApiError(422, "bad_request", str(exc)) from exc
        try:
            digest = _digest_of(inputs, stdin, files)
        except (ValueError, RecursionError) as exc:
            raise ApiError(422, "bad_request", f"inputs: {exc!r}"[:300]) from exc
        return {"code": code, "inputs": inputs, "stdin": stdin, "files": files, "digest": digest}

    async def admit(tenant: Tenant, hold: float | None = None, token: bool = True) -> str:
        """A run slot and a token of the tenant's bucket (429 or 503 if not).

        ``hold``: the job's time, when it is more than one run's (a grade): the slot
        must not expire while the job still holds a worker. ``token=False``: the
        request took its token before its body was read (:func:`parse_run`).
        """
        admit = functools.partial(quotas.admit, hold=hold, token=token)
        lease: str = await checked_quota(admit, tenant)
        return lease

    async def take(tenant: Tenant, budgets: bool = False, token: bool = True) -> None:
        """A token of the tenant's bucket, for a request that runs no code (429 or 503 if not).

        ``budgets``: refused too once a daily budget is spent (see :meth:`Quotas.take`);
        ``token=False``: only that.
        """
        await checked_quota(functools.partial(quotas.take, budgets=budgets, token=token), tenant)

    async def charge_cpu(tenant: Tenant, reply: Mapping[str, Any], otherwise: float) -> None:
        """Charge the worker CPU a job without a run result cost (a session's opening, reset)."""
        with contextlib.suppress(QuotaUnavailable):
            await quota_call(
                quotas.charge, tenant, cpu_seconds=_cpu_of(reply, otherwise), output_bytes=0
            )

    async def checked_quota(call: Callable[[Tenant], Any], tenant: Tenant) -> Any:
        try:
            return await quota_call(call, tenant)
        except QuotaExceeded as exc:
            metrics.refusals.labels(tenant.name, "quota").inc()
            alerts.observe(tenant.name, "quota_exhausted")
            raise ApiError(
                429, "quota_exceeded", str(exc), {"Retry-After": str(exc.retry_after)}
            ) from exc
        except QuotaUnavailable as exc:
            raise ApiError(503, "quotas_unavailable", f"quotas cannot be checked: {exc}") from exc

    async def execute(
        audited: _Audited,
        tenant: Tenant,
        job: dict[str, Any],
        limits: Limits,
        session: _SessionRef | None = None,
        view: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
        budget: float | None = None,
    ) -> dict[str, Any]:
        """Admit, record, run on a worker, complete the record; the result's JSON form.

        ``view`` turns a result other than a run's (a grade's) into the run-shaped
        record the audit log, the quotas and the metrics read; ``budget`` is the
        job's wall time when it is more than one run's (a grade runs every case).
        """
        # The token was taken before the body was read (parse_run): the slot only now.
        lease = await admit(tenant, hold=max(budget or 0.0, limits.wall_time), token=False)
        started = time.monotonic()
        metrics.in_flight.inc()
        try:
            audited.run_id = run_id = await audit.begin(
                tenant_id=tenant.id,
                kind=audited.kind,
                client=audited.client,
                code=audited.code,
                inputs_sha256=audited.inputs_sha256,
                limits=audited.limits,
                engine=audited.engine,
            )
            in_flight.add(run_id)
            job["limits"] = _fields_of(limits)
            starved = False  # past its deadline for want of CPU (WorkerStarved)
            try:
                reply, _, _ = await pool().call(
                    job,
                    wall_time=budget or limits.wall_time,
                    slot=session.slot if session else None,
                    generation=session.generation if session else None,
                )
            except asyncio.CancelledError as exc:
                task = asyncio.current_task()
                if task is None or not _drain_is_over(exc):
                    raise
                # uvicorn cancels what still runs when its drain time is up: the run
                # ends here, recorded as such, and the client still gets JSON (it
                # got uvicorn's plain-text 500).
                task.uncancel()
                audited.stopped = True
                with contextlib.suppress(AuditUnavailable):  # else the shutdown marks it
                    await audit.fail(run_id, "crashed", _STOPPED)
                    in_flight.discard(run_id)
                raise ApiError(503, "shutting_down", _STOPPED, {"Retry-After": "1"}) from None
            except Overloaded as exc:
                raise ApiError(503, "overloaded", str(exc), {"Retry-After": "1"}) from exc
            except BadJob as exc:
                raise ApiError(422, "bad_request", str(exc)) from exc
            except WorkerGone as exc:
                if session is not None:
                    session.ended = "its worker crashed"
                raise ApiError(410, "session_ended", str(exc)) from exc
            except WorkerCrashed as exc:
                # Nobody measured the dead worker's CPU: charged its wall time instead.
                starved = isinstance(exc, WorkerStarved)
                elapsed = time.monotonic() - started
                ended = _starved(str(exc), elapsed) if starved else _crashed(str(exc), elapsed)
                # A starved run got next to no CPU: charged no more than its wall time.
                budgeted = budget or limits.wall_time
                reply = {"result": ended, "cpu": min(elapsed, budgeted) if starved else elapsed}
                if session is not None and not starved:  # a starved run: as a timeout, below
                    session.ended = "its worker crashed"
            if "error" in reply:
                err = reply["error"]
                code = str(err.get("code"))
                if session is not None and code == "session_ended":
                    session.ended = err.get("message", "ended")
                raise ApiError(_WORKER_ERRORS.get(code, 422), code, str(err.get("message")))
            answer: dict[str, Any] = reply["result"]
            result = view(answer) if view is not None and "verdict" in answer else answer
            if session is not None and (reply.get("alive") is False or starved):
                # The worker's own word for it where it has one (sys.exit(), could not park).
                session.ended = f"the run ended it ({reply.get('ended') or result['status']})"
            try:
                await audit.finish(run_id, result)
            except AuditUnavailable:
                # The code ran: its cost is charged even though its record cannot be
                # completed now (the release below then finds the lease gone).
                with contextlib.suppress(QuotaUnavailable):
                    await quota_call(
                        quotas.charge,
                        tenant,
                        cpu_seconds=_cpu_of(reply, time.monotonic() - started),
                        output_bytes=_output_of(result),
                        lease=lease,
                    )
                raise
            audited.finished = True
            in_flight.discard(run_id)
            output = _output_of(result)
        except BaseException:
            metrics.in_flight.dec()
            with contextlib.suppress(QuotaUnavailable):
                await quota_call(quotas.release, tenant, lease)
            raise
        metrics.in_flight.dec()
        try:  # the slot back and the cost: one call
            await quota_call(
                quotas.charge,
                tenant,
                cpu_seconds=_cpu_of(reply, time.monotonic() - started),
                output_bytes=output,
                lease=lease,
            )
        except QuotaUnavailable:  # the cost is lost; the slot is tried once more
            with contextlib.suppress(QuotaUnavailable):
                await quota_call(quotas.release, tenant, lease)
        status = result["status"]
        elapsed = time.monotonic() - started
        metrics.runs.labels(tenant.name, status).inc()
        metrics.latency.observe(elapsed)
        kind = kind_of_status(status)
        if kind is not None:
            alerts.observe(tenant.name, kind)
        log.info(
            "run",
            extra={
                "event": "run",
                "run_id": run_id,
                "tenant": tenant.name,
                "kind": audited.kind,
                "status": status,
                "duration_ms": round(elapsed * 1000, 2),
            },
        )
        return {"id": run_id, **answer}

    def audited_endpoint(
        kind: str, handler: Callable[[Request, _Audited], Awaitable[Response]]
    ) -> Callable[[Request], Awaitable[Response]]:
        """Wrap ``handler`` so that a refused request is audited too."""

        async def endpoint(request: Request) -> Response:
            audited = _Audited(kind, request.client.host if request.client else None)
            try:
                return await handler(request, audited)
            except ApiError as exc:
                await refuse(audited, exc)
                raise
            except AuditUnavailable:
                raise  # 503: there is no record to be had
            except Exception as exc:
                # A bug (answered 500): the request is still on record, with its error.
                await refuse(
                    audited, ApiError(500, "internal", f"{type(exc).__name__}: {exc}"[:500])
                )
                raise

        return endpoint

    async def refuse(audited: _Audited, exc: ApiError) -> None:
        tenant = audited.tenant
        if tenant is not None and exc.code not in ("quota_exceeded",):
            metrics.refusals.labels(tenant.name, exc.code).inc()
        if exc.status in (401, 403):
            alerts.observe(tenant.name if tenant else "(unknown key)", "refusals")
        why = f"{exc.code}: {exc.message}"
        try:
            if audited.stopped:
                pass  # recorded as crashed, or left to the shutdown to mark so
            elif audited.finished:  # it ran, and its record says how: the answer failed
                log.error(
                    "a finished run's answer failed",
                    extra={"event": "answer_error", "run_id": audited.run_id, "error": why},
                )
            elif audited.run_id is not None:
                await audit.fail(audited.run_id, "refused", why)
                # Only once written: until then the shutdown's pass still marks it crashed.
                in_flight.discard(audited.run_id)
            else:
                await audit.begin(
                    tenant_id=tenant.id if tenant else None,
                    kind=audited.kind,
                    client=audited.client,
                    code=audited.code,
                    inputs_sha256=audited.inputs_sha256,
                    limits=audited.limits,
                    status="refused",
                    error=why,
                    engine=audited.engine,
                    # Code that never ran is kept as its SHA-256 only: a flood of 4 MiB
                    # refusals must not become 4 MiB rows.
                    redact=True,
                )
        except AuditUnavailable:
            log.error("a refusal could not be audited", extra={"event": "audit_error"})
        log.info(
            "refused",
            extra={
                "event": "refused",
                "tenant": tenant.name if tenant else None,
                "kind": audited.kind,
                "code": exc.code,
                "status_code": exc.status,
            },
        )

    async def parse_run(
        request: Request, audited: _Audited, allowed: frozenset[str], budgets: bool = False
    ) -> tuple[Tenant, dict[str, Any]]:
        """The tenant and the body's checked fields. ``budgets``: refused too once a daily
        budget is spent (a session's opening: it runs no code, but boots an interpreter)."""
        tenant = await tenant_of(request, audited)
        # The request's token, before its body is read: a tenant over its rate makes the
        # service read and parse nothing (up to max_body of JSON: half a second of CPU).
        await take(tenant, budgets=budgets)
        body = await body_of(request)
        code = body.get("code")
        try:
            fields_ = run_fields(body, allowed)  # checks the code has a UTF-8 form
        except ApiError:
            # Kept for the refusal's record too, unless it has no UTF-8 form.
            if isinstance(code, str):
                with contextlib.suppress(UnicodeEncodeError):
                    code.encode()
                    audited.code = code
            raise
        if isinstance(code, str):
            audited.code = code
        fields_["body"] = body
        audited.inputs_sha256 = fields_["digest"]
        if "engine" in allowed:
            audited.engine = engine_of(body, session=audited.kind == "session_open")
        return tenant, {**fields_, "limits": body.get("limits")}

    async def create_run(request: Request, audited: _Audited) -> Response:
        tenant, f = await parse_run(request, audited, _RUN_FIELDS)
        engine = audited.engine or settings.engines[0]
        limits = limits_for(tenant, f["limits"], engine=engine)
        audited.limits = {k: getattr(limits, k) for k in LIMIT_FIELDS}
        job = {
            "op": "run",
            "engine": engine,
            "code": f["code"],
            "inputs": f["inputs"],
            "stdin": f["stdin"],
            "files": f["files"],
        }
        return _Json(await execute(audited, tenant, job, limits))

    # -- grading ----------------------------------------------------------------

    async def create_grade(request: Request, audited: _Audited) -> Response:
        tenant, f = await parse_run(request, audited, _GRADE_FIELDS)
        body = f["body"]
        cases = body.get("cases")
        if not isinstance(cases, list) or not cases:
            raise ApiError(422, "bad_request", "'cases' must be a non-empty list of cases")
        if len(cases) > MAX_GRADE_CASES:
            raise ApiError(422, "bad_request", f"at most {MAX_GRADE_CASES} cases per grade")
        options = {k: body[k] for k in ("compare", "tolerance", "stop_on_failure") if k in body}
        try:
            parse_cases(cases)
            check_compare(options.get("compare", "exact"))
            check_tolerance(options.get("tolerance", 1e-6))
        except ConfigError as exc:
            raise ApiError(422, "bad_request", str(exc)) from exc
        if not isinstance(options.get("stop_on_failure", False), bool):
            raise ApiError(422, "bad_request", "'stop_on_failure' must be true or false")
        engine = audited.engine or settings.engines[0]
        limits = limits_for(tenant, f["limits"], engine=engine)
        audited.limits = {k: getattr(limits, k) for k in LIMIT_FIELDS}
        ceiling = ceiling_of(tenant, "max_wall_time")
        for index, case in enumerate(cases):
            timeout = case.get("timeout")
            if timeout is not None and timeout > ceiling:
                raise ApiError(
                    422,
                    "above_ceiling",
                    f"case {index}: timeout is above your ceiling of {_number(ceiling)}",
                )
        job = {"op": "grade", "engine": engine, "code": f["code"], "cases": cases, **options}
        # The worker runs every case: the job's time is theirs together.
        budget = grade_budget(cases, limits.wall_time)
        graded = await execute(audited, tenant, job, limits, view=_grade_record, budget=budget)
        return _Json(graded)

    # -- sessions ----------------------------------------------------------------

    def sweep_sessions() -> None:
        cutoff = time.monotonic() - settings.session_idle_timeout
        for sid in [sid for sid, s in sessions.items() if s.last_used < cutoff]:
            del sessions[sid]
        metrics.sessions.set(len(sessions))

    def session_of(request: Request, tenant: Tenant) -> tuple[str, _SessionRef]:
        sweep_sessions()
        sid = request.path_params["session_id"]
        ref = sessions.get(sid)
        if ref is None or ref.tenant_id != tenant.id:
            raise ApiError(404, "not_found", "no such session")
        if ref.ended is not None:
            raise ApiError(
                410,
                "session_ended",
                f"the session has ended ({ref.ended}); reset it or open another",
            )
        ref.last_used = time.monotonic()
        return sid, ref

    async def open_session(
        tenant: Tenant, audited: _Audited, job: dict[str, Any], limits: Limits, engine: str
    ) -> tuple[int, int]:
        """Open ``job``'s session on a worker, on record; its worker's slot and generation."""
        started = time.monotonic()
        # No run slot: opening runs no code (its runs take slots). It boots an interpreter,
        # though: refused once today's CPU is spent (with its token, before its body was
        # read), and charged.
        # Recorded before the worker opens it, completed after: no session unrecorded.
        audited.run_id = await audit.begin(
            tenant_id=tenant.id,
            kind=audited.kind,
            client=audited.client,
            code=None,
            inputs_sha256=audited.inputs_sha256,  # of its files
            limits=audited.limits,
            engine=engine,
        )
        try:
            reply, slot, generation = await pool().call(job, wall_time=limits.wall_time)
        except Overloaded as exc:
            raise ApiError(503, "overloaded", str(exc), {"Retry-After": "1"}) from exc
        except WorkerCrashed as exc:
            raise ApiError(503, "worker_crashed", str(exc)) from exc
        await charge_cpu(tenant, reply, time.monotonic() - started)
        if "error" in reply:
            code = str(reply["error"]["code"])
            raise ApiError(_WORKER_ERRORS.get(code, 422), code, str(reply["error"]["message"]))
        try:
            await audit.done(audited.run_id, f"opened {job['sid']}")
        except AuditUnavailable:
            # Refused (503) for want of a record: the worker's session must not live on.
            with contextlib.suppress(Exception):
                await pool().call(
                    {"op": "close", "sid": job["sid"]},
                    wall_time=5,
                    slot=slot,
                    generation=generation,
                )
            raise
        return slot, generation

    async def create_session(request: Request, audited: _Audited) -> Response:
        tenant, f = await parse_run(
            request, audited, frozenset({"limits", "files", "engine"}), budgets=True
        )
        engine = audited.engine or settings.engines[0]
        limits = limits_for(tenant, f["limits"], engine=engine)
        audited.limits = {k: getattr(limits, k) for k in LIMIT_FIELDS}
        sweep_sessions()
        mine = sum(1 for s in sessions.values() if s.tenant_id == tenant.id)
        mine += opening.get(tenant.id, 0)  # opens still waiting for a worker count too
        if mine >= settings.max_sessions_per_tenant:
            # The soonest one of them could end by itself (idle), a hint, not a promise;
            # when the cap is only opens in flight, they are done in a moment.
            idle = [s.last_used for s in sessions.values() if s.tenant_id == tenant.id]
            soonest = min(idle) + settings.session_idle_timeout if idle else time.monotonic()
            wait = max(1, math.ceil(soonest - time.monotonic()))
            raise ApiError(
                429,
                "too_many_sessions",
                f"{mine} sessions are open for this key (the most is "
                f"{settings.max_sessions_per_tenant}); close one first",
                {"Retry-After": str(wait)},
            )
        sid = "ses_" + secrets.token_hex(12)
        job = {
            "op": "open",
            "sid": sid,
            "engine": engine,
            "files": f["files"],
            "limits": _fields_of(limits),
        }
        # Counted before anything awaits: concurrent opens must all see each other.
        opening[tenant.id] = opening.get(tenant.id, 0) + 1
        try:  # counted as opening until it is in `sessions`, or has failed
            slot, generation = await open_session(tenant, audited, job, limits, engine)
            sessions[sid] = _SessionRef(
                tenant.id, slot, generation, limits, time.monotonic(), engine=engine
            )
        finally:
            opening[tenant.id] -= 1
        metrics.sessions.set(len(sessions))
        body = {
            "id": sid,
            "engine": engine,
            "limits": audited.limits,
            "idle_timeout": settings.session_idle_timeout,
        }
        return _Json(body, 201)

    async def session_run(request: Request, audited: _Audited) -> Response:
        tenant = await tenant_of(request, audited)
        sid, ref = session_of(request, tenant)
        _, f = await parse_run(request, audited, frozenset({"code", "stdin", "inputs", "limits"}))
        audited.engine = ref.engine
        limits = limits_for(tenant, f["limits"], base=ref.limits, engine=ref.engine)
        limits = replace(limits, memory=ref.limits.memory)  # a session's memory is fixed
        audited.limits = {k: getattr(limits, k) for k in LIMIT_FIELDS}
        job = {
            "op": "srun",
            "sid": sid,
            "code": f["code"],
            "inputs": f["inputs"],
            "stdin": f["stdin"],
        }
        return _Json(await execute(audited, tenant, job, limits, ref))

    async def session_control(request: Request, audited: _Audited, op: str) -> dict[str, Any]:
        tenant = await tenant_of(request, audited)
        sweep_sessions()
        sid = request.path_params["session_id"]
        ref = sessions.get(sid)
        if ref is None or ref.tenant_id != tenant.id:
            raise ApiError(404, "not_found", "no such session")
        # A token, no run slot: a tenant with every slot busy may still close a session.
        # A reset boots a fresh interpreter: refused once today's CPU is spent, and charged.
        await take(tenant, budgets=op == "reset")
        started = time.monotonic()
        audited.run_id = await record(audited, tenant, engine=ref.engine)
        try:
            reply, _, _ = await pool().call(
                {"op": op, "sid": sid},
                wall_time=ref.limits.wall_time,
                slot=ref.slot,
                generation=ref.generation,
            )
        except (WorkerGone, WorkerCrashed) as exc:
            reply = {"error": {"code": "session_ended", "message": str(exc)}}
        except Overloaded as exc:
            raise ApiError(503, "overloaded", str(exc), {"Retry-After": "1"}) from exc
        await charge_cpu(tenant, reply, time.monotonic() - started)
        if op == "close" or ("error" not in reply and op == "reset"):
            ref.ended = None
        if op == "close":
            sessions.pop(sid, None)
            metrics.sessions.set(len(sessions))
        if "error" in reply and op == "reset":
            sessions.pop(sid, None)
            raise ApiError(410, "session_ended", str(reply["error"]["message"]))
        await audit.done(audited.run_id, f"{op} {sid}")
        return {"id": sid}

    async def reset_session(request: Request, audited: _Audited) -> Response:
        return _Json({**await session_control(request, audited, "reset"), "reset": True})

    async def close_session(request: Request, audited: _Audited) -> Response:
        await session_control(request, audited, "close")
        return Response(status_code=204)

    # -- reads -------------------------------------------------------------------

    async def record(
        audited: _Audited,
        tenant: Tenant,
        *,
        status: str = "running",
        note: str | None = None,
        engine: str | None = None,
    ) -> str:
        """The record of a request that runs no code: ``running`` until completed, or
        ``status`` at once; returns its id."""
        return await audit.begin(
            tenant_id=tenant.id,
            kind=audited.kind,
            client=audited.client,
            code=None,
            inputs_sha256=None,
            limits=None,
            status=status,
            error=note,
            engine=engine,
        )

    async def note(audited: _Audited, tenant: Tenant, what: str) -> None:
        """The one record of a request that ran no code and did not change anything."""
        await record(audited, tenant, status="ok", note=what)

    async def get_run(request: Request, audited: _Audited) -> Response:
        tenant = await tenant_of(request, audited)
        await take(tenant)
        run_id = request.path_params["run_id"]
        record = await anyio.to_thread.run_sync(lambda: store.run(run_id, tenant_id=tenant.id))
        if record is None:
            raise ApiError(404, "not_found", "no such run")
        await note(audited, tenant, f"read {run_id[:40]}")
        return _Json(record)

    async def list_runs(request: Request, audited: _Audited) -> Response:
        tenant = await tenant_of(request, audited)
        q = request.query_params
        try:
            limit = int(q.get("limit", "100"))
            since = float(q["since"]) if "since" in q else None
        except ValueError as exc:
            raise ApiError(400, "bad_request", "limit and since are numbers") from exc
        await take(tenant)
        kind = q.get("kind")
        rows = await anyio.to_thread.run_sync(
            lambda: list(
                store.runs(
                    tenant_id=tenant.id,
                    status=q.get("status"),
                    since=since,
                    limit=limit,
                    kind=kind,
                    # Reads are recorded too; a page of runs leaves them out unless asked.
                    except_kinds=() if kind else _READ_KINDS,
                )
            )
        )
        await note(audited, tenant, f"listed {len(rows)} records")
        return _Json({"runs": rows})

    async def metrics_page(request: Request) -> Response:
        token = settings.metrics_token
        if token is not None:
            sent = request.headers.get("authorization", "")
            if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
                return _error(401, "unauthorized", "the metrics page needs its token")
        elif _forwarded(request) or not _on_this_machine(
            request.client.host if request.client else None
        ):
            return _error(
                403,
                "forbidden",
                "the metrics page names every tenant: it answers this machine only, "
                "unless the service has a metrics_token",
            )
        p = state.get("pool")
        metrics.queue_depth.set(p.queue_depth if p else 0)
        full, given_way = p.busy if p else (0, 0)
        metrics.workers_busy.labels("full").set(full)
        metrics.workers_busy.labels("given_way").set(given_way)
        return Response(metrics.export(), media_type="text/plain; version=0.0.4")

    async def healthz(_: Request) -> Response:
        return _Json({"ok": True})

    async def readyz(_: Request) -> Response:
        try:
            await anyio.to_thread.run_sync(store.ping)
        except Exception:  # the database is what readiness is about
            return _error(503, "not_ready", "the audit database is not reachable")
        if state.get("pool") is None:
            return _error(503, "not_ready", "the worker processes are starting")
        return _Json({"ok": True})

    # -- errors and lifecycle ----------------------------------------------------

    async def on_api_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _error(exc.status, exc.code, exc.message, exc.headers)

    async def on_audit_error(_: Request, exc: Exception) -> Response:
        return _error(503, "audit_unavailable", "the audit log cannot be written; runs are refused")

    async def on_other(_: Request, exc: Exception) -> Response:
        log.error("internal error", exc_info=exc, extra={"event": "internal_error"})
        return _error(500, "internal", "the service hit an internal error")

    async def not_found(request: Request, exc: Exception) -> Response:
        code = getattr(exc, "status_code", 404)
        error = "not_found" if code == 404 else "method_not_allowed"
        if request.url.path.startswith("/v1/"):
            # Someone probing the API: recorded like any refused request (other paths,
            # a scanner's /wp-admin say, are not the API's business).
            with contextlib.suppress(AuditUnavailable):
                await audit.begin(
                    tenant_id=None,
                    kind="unknown",
                    client=request.client.host if request.client else None,
                    code=None,
                    inputs_sha256=None,
                    limits=None,
                    status="refused",
                    error=f"{error}: {request.method} {request.url.path[:200]}",
                )
        return _error(code, error, "no such endpoint")

    def on_restart(slot: int, why: str) -> None:
        reason = "killed" if "killed" in why else "hung" if "answer" in why else "exited"
        metrics.worker_restarts.labels(reason).inc()

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(reconcile)
        if "cpython" in settings.engines:
            # Compiled once here (minutes, the first time on a machine), not by every worker.
            from ..cpython import compile_ahead

            log.info("compiling the CPython engine", extra={"event": "compile"})
            await anyio.to_thread.run_sync(compile_ahead)
        audit.start()
        limits = _fields_of(settings.limits)
        workers = WorkerPool(
            PoolSettings(
                workers=settings.workers,
                spare_workers=settings.spares,
                max_queue=settings.max_queue,
                worker_memory=settings.worker_memory,
                limits=limits,
                session_idle_timeout=settings.session_idle_timeout,
                engines=settings.engines,
                yield_after=settings.yield_after,
                fetch=settings.fetch.to_mapping() if settings.fetch else None,
            ),
            on_restart=on_restart,
        )
        await workers.start()
        state["pool"] = workers
        housekeeping = asyncio.get_running_loop().create_task(keep_house())
        # Everything allocated so far lives as long as the service: keeping it out of
        # the garbage collector's full passes takes their pauses off the latency tail.
        gc.freeze()
        log.info("serving", extra={"event": "start", "workers": settings.workers})
        try:
            yield
        finally:
            housekeeping.cancel()
            drained = await workers.drain(settings.drain_timeout)
            await workers.close()
            state.pop("pool", None)
            audit.close()
            stranded = list(in_flight)
            for run_id in stranded:
                store.fail_run(run_id, "crashed", _STOPPED)
            quotas.close()
            alerts.close()
            log.info(
                "stopped",
                extra={"event": "stop", "drained": drained, "stranded": len(stranded)},
            )

    def reconcile() -> None:
        if store.engine.dialect.name == "sqlite":
            # One machine, one service: nothing else can be running those runs.
            n = store.reconcile()
        else:
            # Other replicas share the database and heartbeat their runs in flight
            # every minute: only runs silent for three minutes are dead.
            n = store.reconcile(older_than=time.time() - 3 * _HEARTBEAT)
        if n:
            log.warning("reconciled", extra={"event": "reconciled", "crashed": n})

    async def keep_house() -> None:
        """At start and every minute after: prune old records (retention); on shared
        databases, heartbeat this replica's runs in flight and reconcile other replicas'
        dead ones. (At start too: a service restarted more often than that still prunes.)"""
        while True:
            try:
                if settings.retention is not None:
                    cutoff = time.time() - settings.retention
                    await anyio.to_thread.run_sync(store.prune, cutoff)
                if store.engine.dialect.name != "sqlite":
                    await anyio.to_thread.run_sync(store.heartbeat, list(in_flight))
                    await anyio.to_thread.run_sync(reconcile)
            except Exception:
                log.exception("housekeeping failed", extra={"event": "housekeeping_error"})
            await asyncio.sleep(_HEARTBEAT)

    app = Starlette(
        routes=[
            Route("/v1/runs", audited_endpoint("run", create_run), methods=["POST"]),
            Route("/v1/grade", audited_endpoint("grade", create_grade), methods=["POST"]),
            Route("/v1/runs", audited_endpoint("list", list_runs), methods=["GET"]),
            Route("/v1/runs/{run_id}", audited_endpoint("read", get_run), methods=["GET"]),
            Route(
                "/v1/sessions", audited_endpoint("session_open", create_session), methods=["POST"]
            ),
            Route(
                "/v1/sessions/{session_id}/runs",
                audited_endpoint("session_run", session_run),
                methods=["POST"],
            ),
            Route(
                "/v1/sessions/{session_id}/reset",
                audited_endpoint("session_reset", reset_session),
                methods=["POST"],
            ),
            Route(
                "/v1/sessions/{session_id}",
                audited_endpoint("session_close", close_session),
                methods=["DELETE"],
            ),
            Route("/healthz", healthz),
            Route("/metrics", metrics_page),
            Route("/readyz", readyz),
            *openapi_routes(_version()),
            # The browser sandbox and its notebook page: static, no key needed.
            *(web_routes() if settings.web else []),
        ],
        exception_handlers={
            ApiError: on_api_error,
            AuditUnavailable: on_audit_error,
            404: not_found,
            405: not_found,
            Exception: on_other,
        },
        lifespan=lifespan,
    )
    # For operators' tooling and tests: the live worker pool, the audit writer, the metrics.
    app.state.wasmbox = state
    state.update(audit=audit, metrics=metrics, sessions=sessions, settings=settings)
    return app


_LIMITS_FIELDS = tuple(f.name for f in dataclasses.fields(Limits))
#: Limits counted in whole units (bytes, files, fuel), and the largest value any may take.
_WHOLE_LIMITS = frozenset({"memory", "fuel", "max_output", "max_files_bytes", "max_files"})
_LARGEST_LIMIT = 2**53


def _limit_value(key: str, value: Any) -> Any:
    """A request's limit checked for type and range before it reaches anything else.

    JSON lets through what Python would take wrongly: ``true`` is 1, a NaN
    fails every comparison (so passes every ceiling), and a float byte count
    reaches wasmtime as a type error.
    """
    if value is None and key == "fuel":
        return None  # fuel accounting off: the wall-time deadline still applies
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ApiError(422, "bad_limits", f"limits.{key} must be a number")
    if not math.isfinite(value) or not value > 0:
        raise ApiError(422, "bad_limits", f"limits.{key} must be a positive, finite number")
    if key in _WHOLE_LIMITS:
        if isinstance(value, float) and not value.is_integer():
            raise ApiError(422, "bad_limits", f"limits.{key} must be a whole number")
        return int(value)
    return value


def _capped(base: Limits, ceilings: Mapping[str, float | None]) -> dict[str, Any]:
    """``base``'s limits, each at most the tenant's ceiling (a limit that is off gets it)."""
    capped: dict[str, Any] = {}
    for key, ceiling in ceilings.items():
        value = getattr(base, key)
        if ceiling is None:
            capped[key] = value
            continue
        bound = ceiling if value is None else min(value, ceiling)
        capped[key] = int(bound) if key in _WHOLE_LIMITS else bound
    return capped


def _drain_is_over(cancelled: asyncio.CancelledError) -> bool:
    """Whether uvicorn cancelled a request because its graceful shutdown timed out.

    Told by the message uvicorn cancels with; any other cancellation goes on as one.
    """
    return any("graceful shutdown" in str(arg) for arg in cancelled.args)


def _output_of(result: Mapping[str, Any]) -> int:
    """The bytes of output a run is charged for (text UTF-8 cannot hold counted as sent)."""
    return sum(len(str(result.get(k, "")).encode("utf-8", "surrogatepass")) for k in _STREAMS)


_STREAMS = ("stdout", "stderr")


def _digest_of(
    inputs: Mapping[str, Any] | None, stdin: str | None, files: Mapping[str, str] | None
) -> str | None:
    """SHA-256 of everything a run is given besides its code; None when it is given nothing.

    Each part is framed by its name and length, so no two different requests share a
    digest by moving bytes from one part to another.
    """
    if not inputs and not stdin and not files:
        return None
    digest = hashlib.sha256()

    def part(name: str, data: bytes | str) -> None:
        if isinstance(data, str):  # JSON may carry lone surrogates: hash them, not fail
            data = data.encode("utf-8", "surrogatepass")
        digest.update(b"%s:%d:" % (name.encode(), len(data)))
        digest.update(data)

    if inputs:
        # The canonical JSON text, made in C: the value codec's own encoding, in Python,
        # took a second for 4 MiB of small lists, on the event loop. (The codec checks
        # the inputs in the worker; a value it refuses is a 422 from there.)
        part(
            "inputs", json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        )
    if stdin:
        part("stdin", stdin)
    for name in sorted(files or ()):
        part("file", name)
        part("content", (files or {})[name])
    return digest.hexdigest()


def _forwarded(request: Request) -> bool:
    """Whether a proxy forwarded the request: its client address is then the headers' word.

    A proxy trusted with ``*`` takes the first X-Forwarded-For entry, which the client
    writes itself (``127.0.0.1``, say): no forwarded request is "this machine".
    """
    headers = request.headers
    return "x-forwarded-for" in headers or "forwarded" in headers


def _on_this_machine(host: str | None) -> bool:
    """Whether a client address is loopback (after a trusted proxy's forwarding)."""
    if host is None:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _cpu_of(reply: Mapping[str, Any], otherwise: float) -> float:
    """The CPU seconds a worker says a job cost; ``otherwise`` if it said nothing usable."""
    cpu = reply.get("cpu")
    if isinstance(cpu, int | float) and not isinstance(cpu, bool) and 0 <= cpu < math.inf:
        return float(cpu)
    return otherwise


def _number(value: float) -> str:
    """A ceiling as a person reads it: 16777216, not 1.67772e+07."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _fields_of(limits: Limits) -> dict[str, Any]:
    """``dataclasses.asdict`` for Limits, without its deep copies (it is on every request)."""
    return {name: getattr(limits, name) for name in _LIMITS_FIELDS}


def _grade_record(grade: Mapping[str, Any]) -> dict[str, Any]:
    """A grade as its audit record: the verdict as the status, the first failure as the error."""
    failure = next((c for c in grade.get("cases", []) if c.get("verdict") != "accepted"), None)
    summary = f"{grade['passed']}/{grade['total']} cases passed"
    if failure is not None:
        summary += f"; case {failure['index']}: {failure.get('error') or failure['verdict']}"
    return {
        "status": grade["verdict"],
        "stdout": "",
        "stderr": "",
        "exit_code": None,
        "duration_ms": grade.get("duration_ms"),
        "error": {"summary": summary},
        "engine": grade.get("engine"),
    }


def _crashed(message: str, elapsed: float) -> dict[str, Any]:
    """The result of a run whose worker process died under it, ``elapsed`` seconds in."""
    hint = "the process running this code died; the service replaced it"
    summary = f"WorkerCrashed: {message}"
    return _ended_by_pool(RunStatus.CRASHED, "WorkerCrashed", summary, message, hint, elapsed)


def _starved(message: str, elapsed: float) -> dict[str, Any]:
    """The result of a run that had given way and got no CPU before its deadline."""
    hint = "the machine was busy with other runs; a shorter run would have had priority"
    summary = f"Time limit exceeded: {message}"
    return _ended_by_pool(RunStatus.TIMEOUT, "Timeout", summary, message, hint, elapsed)


def _ended_by_pool(
    status: RunStatus, kind: str, summary: str, message: str, hint: str, elapsed: float
) -> dict[str, Any]:
    """A run ended by the pool, not by the worker (which gave no result)."""
    error = GuestError(type=kind, message=message, summary=summary, hint=hint)
    return RunResult(status, error=error, exit_code=None, duration_ms=elapsed * 1000).to_dict()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wasmbox")
    except PackageNotFoundError:
        return "0"
