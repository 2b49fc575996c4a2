"""The HTTP API of ``wasmbox serve`` (Starlette): runs for authenticated tenants, every one audited.

This first version runs code in-process on a thread pool (sandbox runs
release the GIL); worker processes, quotas and sessions come next (issue 7).
What holds already: every request is authenticated, checked and recorded
before it runs, and completed after; every error is JSON with a stable code;
a request body is capped before it is read whole; a guest failure is a 200
whose ``status`` says how the run ended.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import anyio.to_thread
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..capabilities.codec import CodecError, encode
from ..errors import ConfigError
from ..limits import Limits
from ..sandbox import Sandbox
from .metrics import Metrics
from .quotas import MemoryQuotas, QuotaExceeded
from .store import AuditUnavailable, Store, Tenant

__all__ = ["MAX_BODY", "create_app"]

#: Largest request body read, in bytes.
MAX_BODY = 4 << 20
_LIMIT_FIELDS = ("wall_time", "memory", "fuel", "max_output", "max_files_bytes", "max_files")


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = dict(headers or {})


def _error(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status, headers=headers)


def create_app(store: Store, sandbox: Sandbox | None = None) -> Starlette:
    """The API over ``store`` (tenants, audit log); runs use ``sandbox``'s defaults."""
    sandbox = sandbox or Sandbox()
    quotas = MemoryQuotas()
    metrics = Metrics()
    store.reconcile()

    def tenant_of(request: Request) -> Tenant:
        header = request.headers.get("authorization", "")
        scheme, _, key = header.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise ApiError(401, "unauthorized", "send your API key as 'Authorization: Bearer KEY'")
        tenant = store.tenant_for_key(key.strip())
        if tenant is None:
            raise ApiError(401, "unauthorized", "unknown API key")
        if tenant.revoked:
            raise ApiError(403, "revoked", "this API key has been revoked")
        return tenant

    async def body_of(request: Request) -> dict[str, Any]:
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
            raise ApiError(413, "too_large", f"request bodies are limited to {MAX_BODY:,} bytes")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                raise ApiError(
                    413, "too_large", f"request bodies are limited to {MAX_BODY:,} bytes"
                )
            chunks.append(chunk)
        try:
            data = json.loads(b"".join(chunks) or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ApiError(400, "bad_json", f"the body is not valid JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise ApiError(400, "bad_request", "the body must be a JSON object")
        return data

    def limits_for(tenant: Tenant, asked: Any) -> Limits:
        if asked is None:
            asked = {}
        if not isinstance(asked, dict) or set(asked) - set(_LIMIT_FIELDS):
            raise ApiError(422, "bad_limits", f"limits may set only: {', '.join(_LIMIT_FIELDS)}")
        ceilings = {
            "wall_time": tenant.quotas["max_wall_time"],
            "memory": tenant.quotas["max_memory"],
        }
        base = replace(
            sandbox.limits,
            wall_time=min(sandbox.limits.wall_time, ceilings["wall_time"]),
            memory=int(min(sandbox.limits.memory, ceilings["memory"])),
        )
        for key, ceiling in ceilings.items():
            value = asked.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value > ceiling:
                raise ApiError(
                    422, "above_ceiling", f"limits.{key} is above your ceiling of {ceiling:g}"
                )
        try:
            return replace(base, **asked)
        except (ConfigError, TypeError) as exc:
            raise ApiError(422, "bad_limits", str(exc)) from exc

    async def create_run(request: Request) -> Response:
        tenant = tenant_of(request)
        body = await body_of(request)
        code = body.get("code")
        if not isinstance(code, str):
            raise ApiError(422, "bad_request", "'code' must be a string")
        unknown = set(body) - {"code", "stdin", "inputs", "files", "limits"}
        if unknown:
            raise ApiError(422, "bad_request", f"unknown fields: {', '.join(sorted(unknown))}")
        limits = limits_for(tenant, body.get("limits"))
        inputs, stdin, files = body.get("inputs"), body.get("stdin"), body.get("files")
        if inputs is not None and not isinstance(inputs, dict):
            raise ApiError(422, "bad_request", "'inputs' must be an object")
        if stdin is not None and not isinstance(stdin, str):
            raise ApiError(422, "bad_request", "'stdin' must be a string")
        if files is not None and not (
            isinstance(files, dict) and all(isinstance(v, str) for v in files.values())
        ):
            raise ApiError(422, "bad_request", "'files' must map names to text")
        try:
            digest = hashlib.sha256(encode(inputs)).hexdigest() if inputs else None
        except CodecError as exc:
            raise ApiError(422, "bad_request", f"inputs: {exc}") from exc
        client = request.client.host if request.client else None
        record: dict[str, Any] = {
            "tenant_id": tenant.id,
            "kind": "run",
            "client": client,
            "code": code,
            "inputs_sha256": digest,
            "limits": {k: getattr(limits, k) for k in _LIMIT_FIELDS},
        }
        try:
            quotas.admit(tenant)
        except QuotaExceeded as exc:
            metrics.refusals.labels(tenant.name, "quota").inc()
            # Refused requests are recorded too: quota exhaustion is an incident signal.
            run_id = store.begin_run(**record, status="refused")
            store.fail_run(run_id, "refused", str(exc))
            raise ApiError(
                429, "quota_exceeded", str(exc), {"Retry-After": str(exc.retry_after)}
            ) from exc
        started = time.monotonic()
        metrics.in_flight.inc()
        try:
            run_id = store.begin_run(**record)
            try:
                result = await anyio.to_thread.run_sync(
                    lambda: sandbox.run(
                        code, limits=limits, inputs=inputs, stdin=stdin, files=files
                    )
                )
            except ConfigError as exc:
                store.fail_run(run_id, "refused", str(exc))
                raise ApiError(422, "bad_request", str(exc)) from exc
            except BaseException as exc:
                store.fail_run(run_id, "crashed", f"internal error: {type(exc).__name__}")
                raise
        finally:
            quotas.release(tenant)
            metrics.in_flight.dec()
        store.finish_run(run_id, result)
        metrics.runs.labels(tenant.name, result.status.value).inc()
        metrics.latency.observe(time.monotonic() - started)
        return JSONResponse({"id": run_id, **result.to_dict()})

    async def get_run(request: Request) -> Response:
        tenant = tenant_of(request)
        record = store.run(request.path_params["run_id"], tenant_id=tenant.id)
        if record is None:
            raise ApiError(404, "not_found", "no such run")
        return JSONResponse(record)

    async def list_runs(request: Request) -> Response:
        tenant = tenant_of(request)
        q = request.query_params
        try:
            limit = int(q.get("limit", "100"))
            since = float(q["since"]) if "since" in q else None
        except ValueError as exc:
            raise ApiError(400, "bad_request", "limit and since are numbers") from exc
        rows = list(
            store.runs(tenant_id=tenant.id, status=q.get("status"), since=since, limit=limit)
        )
        return JSONResponse({"runs": rows})

    async def metrics_page(_: Request) -> Response:
        return Response(metrics.export(), media_type="text/plain; version=0.0.4")

    async def healthz(_: Request) -> Response:
        return JSONResponse({"ok": True})

    async def readyz(_: Request) -> Response:
        try:
            store.tenants()
        except Exception:  # the database is what readiness is about
            return _error(503, "not_ready", "the audit database is not reachable")
        return JSONResponse({"ok": True})

    async def on_api_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _error(exc.status, exc.code, exc.message, exc.headers)

    async def on_audit_error(_: Request, exc: Exception) -> Response:
        return _error(503, "audit_unavailable", "the audit log cannot be written; runs are refused")

    async def on_other(_: Request, exc: Exception) -> Response:
        return _error(500, "internal", "the service hit an internal error")

    async def not_found(_: Request, exc: Exception) -> Response:
        code = getattr(exc, "status_code", 404)
        return _error(
            code, "not_found" if code == 404 else "method_not_allowed", "no such endpoint"
        )

    return Starlette(
        routes=[
            Route("/v1/runs", create_run, methods=["POST"]),
            Route("/v1/runs", list_runs, methods=["GET"]),
            Route("/v1/runs/{run_id}", get_run, methods=["GET"]),
            Route("/healthz", healthz),
            Route("/metrics", metrics_page),
            Route("/readyz", readyz),
        ],
        exception_handlers={
            ApiError: on_api_error,
            AuditUnavailable: on_audit_error,
            404: not_found,
            405: not_found,
            Exception: on_other,
        },
    )
