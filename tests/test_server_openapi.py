"""The OpenAPI document and the /docs page, on a real uvicorn server, and held to the code."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx
import jsonschema
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from starlette.applications import Starlette

from services import serve_asgi
from wasmbox.capabilities.functions import CallRecord
from wasmbox.grading import Verdict
from wasmbox.limits import Limits
from wasmbox.result import GuestError, RunResult, RunStatus
from wasmbox.server import app as app_module
from wasmbox.server.openapi import openapi_document, openapi_routes
from wasmbox.server.store import RUNS, Store

EXPECTED_PATHS = {
    "/v1/grade": {"post"},
    "/v1/runs": {"get", "post"},
    "/v1/runs/{run_id}": {"get"},
    "/v1/sessions": {"post"},
    "/v1/sessions/{session_id}/runs": {"post"},
    "/v1/sessions/{session_id}/reset": {"post"},
    "/v1/sessions/{session_id}": {"delete"},
    "/healthz": {"get"},
    "/readyz": {"get"},
    "/metrics": {"get"},
    "/openapi.json": {"get"},
    "/docs": {"get"},
}
PUBLIC_PATHS = {"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs"}
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve_asgi(Starlette(routes=openapi_routes("test"))) as url:
        yield url


@pytest.fixture(scope="module")
def document(base: str) -> dict[str, Any]:
    r = httpx.get(f"{base}/openapi.json")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    data: dict[str, Any] = r.json()
    return data


@pytest.fixture(scope="module")
def page(base: str) -> str:
    r = httpx.get(f"{base}/docs")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                yield path, method, op


def walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def resolve(document: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = document
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def validator(document: dict[str, Any], name: str) -> Draft202012Validator:
    """A validator for one component schema, its ``#/components/...`` refs resolved in ``document``."""
    uri = "urn:wasmbox:openapi"
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(uri, resource)
    return Draft202012Validator(
        {"$ref": f"{uri}#/components/schemas/{name}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


# -- the document as served ---------------------------------------------------------------


def test_it_is_openapi_31(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1")
    assert document["info"]["version"] == "test"
    assert document == openapi_document("test")


def test_every_path_with_its_methods(document: dict[str, Any]) -> None:
    served = {path: set(item) & METHODS for path, item in document["paths"].items()}
    assert served == EXPECTED_PATHS


def test_operations_are_named_and_described(document: dict[str, Any]) -> None:
    ids = [op["operationId"] for _, _, op in operations(document)]
    assert len(ids) == len(set(ids)) == sum(len(m) for m in EXPECTED_PATHS.values())
    for path, method, op in operations(document):
        assert op["summary"] and op["description"], (path, method)
        assert op["responses"], (path, method)


def test_authenticated_operations_declare_401_and_403(document: dict[str, Any]) -> None:
    scheme = document["components"]["securitySchemes"]["apiKey"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    for path, method, op in operations(document):
        needs_key = bool(op.get("security", document["security"]))
        assert needs_key == (path not in PUBLIC_PATHS), (path, method)
        # /metrics takes no tenant's key, but the service's own metrics token, if any.
        if needs_key or path == "/metrics":
            assert {"401", "403"} <= set(op["responses"]), (path, method)
        else:
            assert "401" not in op["responses"], (path, method)


@pytest.mark.parametrize("url", ["/openapi.json", "/docs/openapi-3.0.json"])
def test_every_ref_resolves(base: str, url: str) -> None:
    doc = httpx.get(f"{base}{url}").json()
    refs = [node["$ref"] for node in walk(doc) if isinstance(node.get("$ref"), str)]
    assert len(refs) > 30
    for ref in refs:
        assert isinstance(resolve(doc, ref), dict), ref


def test_component_schemas_are_valid_json_schema(document: dict[str, Any]) -> None:
    for name, schema in document["components"]["schemas"].items():
        try:
            Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as exc:  # pragma: no cover - the message is the point
            pytest.fail(f"{name}: {exc.message}")


def test_error_responses_are_error_objects(document: dict[str, Any]) -> None:
    codes = set(document["components"]["schemas"]["ErrorCode"]["enum"])
    check = validator(document, "Error")
    seen = 0
    for path, _, op in operations(document):
        for status, response in op["responses"].items():
            if int(status) < 400:
                continue
            media = response["content"]["application/json"]
            assert media["schema"] == {"$ref": "#/components/schemas/Error"}, (path, status)
            for code, example in media["examples"].items():
                assert code in codes
                check.validate(example["value"])
                seen += 1
    assert seen > 50


def test_quota_errors_say_when_to_retry(document: dict[str, Any]) -> None:
    for path, method, op in operations(document):
        if "429" in op["responses"]:
            header = op["responses"]["429"]["headers"]["Retry-After"]
            assert header["schema"]["type"] == "integer", (path, method)
    assert "429" in document["paths"]["/v1/runs"]["post"]["responses"]


def test_run_endpoints_declare_their_errors(document: dict[str, Any]) -> None:
    def codes(op: dict[str, Any], status: str) -> set[str]:
        return set(op["responses"][status]["content"]["application/json"]["examples"])

    create = document["paths"]["/v1/runs"]["post"]
    assert codes(create, "400") == {"bad_json", "bad_request"}
    assert codes(create, "422") == {
        "bad_request",
        "bad_limits",
        "above_ceiling",
        "engine_unavailable",
    }
    assert codes(create, "503") == {
        "audit_unavailable",
        "overloaded",
        "over_capacity",
        "quotas_unavailable",
        "not_ready",
        "shutting_down",
    }
    assert codes(create, "413") == {"too_large"}
    assert codes(create, "408") == {"body_timeout", "header_timeout"}
    opening = document["paths"]["/v1/sessions"]["post"]
    assert codes(opening, "429") == {"quota_exceeded", "too_many_sessions"}
    assert "worker_crashed" in codes(opening, "503")
    reading = document["paths"]["/v1/runs"]["get"]  # reads are rate-limited and recorded too
    assert codes(reading, "429") == {"quota_exceeded"}
    assert codes(reading, "503") == {"audit_unavailable", "quotas_unavailable"}
    session_run = document["paths"]["/v1/sessions/{session_id}/runs"]["post"]
    assert codes(session_run, "410") == {"session_ended"}
    assert codes(document["paths"]["/v1/runs/{run_id}"]["get"], "404") == {"not_found"}
    assert codes(document["paths"]["/readyz"]["get"], "503") == {"not_ready"}
    assert "201" in document["paths"]["/v1/sessions"]["post"]["responses"]
    assert "204" in document["paths"]["/v1/sessions/{session_id}"]["delete"]["responses"]


# -- /docs ------------------------------------------------------------------------------


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.links: list[str] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self._in_script = True
            if values.get("src"):
                self.scripts.append(str(values["src"]))
        elif tag == "link" and values.get("href"):
            self.links.append(str(values["href"]))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline.append(data)


def test_docs_assets_are_served_locally(base: str, page: str) -> None:
    refs = _Refs()
    refs.feed(page)
    assert refs.scripts and refs.links
    page_url = f"{base}/docs"
    for src in refs.scripts:
        url = urljoin(page_url, src)
        assert url.startswith(f"{base}/docs/assets/"), src
        r = httpx.get(url)
        assert r.status_code == 200, url
        assert "javascript" in r.headers["content-type"], url
        assert len(r.content) > 100_000  # the real bundle, not a stub
    for href in refs.links:
        url = urljoin(page_url, href)
        assert url.startswith(f"{base}/docs/assets/"), href
        r = httpx.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].split(";")[0] in {"text/css", "image/png"}, url


def test_docs_page_loads_a_document_swagger_ui_renders(base: str, page: str) -> None:
    refs = _Refs()
    refs.feed(page)
    (script,) = refs.inline
    assert len(script) < 200
    match = re.search(r'url:\s*"([^"]+)"', script)
    assert match is not None
    r = httpx.get(urljoin(f"{base}/docs", match.group(1)))
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    doc = r.json()
    # Swagger UI 4 (swagger-ui-bundle 1.1) renders only documents whose version is 3.0.x.
    assert doc["openapi"].startswith("3.0.")
    assert doc["paths"].keys() == EXPECTED_PATHS.keys()
    for node in walk(doc["components"]):
        assert not isinstance(node.get("type"), list), node
        assert node.get("type") != "null", node
        assert not isinstance(node.get("exclusiveMinimum"), int | float) or isinstance(
            node.get("exclusiveMinimum"), bool
        )
    error = doc["components"]["schemas"]["RunResponse"]["properties"]["error"]
    assert error == {"allOf": [{"$ref": "#/components/schemas/GuestError"}], "nullable": True}


def test_unknown_assets_are_404(base: str) -> None:
    assert httpx.get(f"{base}/docs/assets/nope.js").status_code == 404
    # Encoded, so that httpx does not normalise the dots away before they reach the server.
    escape = httpx.get(f"{base}/docs/assets/%2e%2e/%2e%2e/__init__.py")
    assert escape.status_code == 404


# -- examples and real bodies against the schemas --------------------------------------------


@pytest.mark.parametrize("name", ["RunRequest", "RunResponse", "Limits"])
def test_examples_match_their_schemas(document: dict[str, Any], name: str) -> None:
    example = document["components"]["schemas"][name]["example"]
    validator(document, name).validate(example)


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        ({"code": "1"}, True),
        ({"code": "1", "stdin": "x", "inputs": {"a": [1]}, "files": {"a.txt": "hi"}}, True),
        ({"code": "1", "limits": {"wall_time": 1.5, "fuel": 10**9}}, True),
        ({"code": "1", "limits": {"fuel": None}}, False),
        ({"code": "1", "limits": {"max_output": 0}}, False),
        ({}, False),
        ({"code": 5}, False),
        ({"code": "1", "extra": 1}, False),
        ({"code": "1", "files": {"a.bin": {"base64": "AA=="}}}, False),
        ({"code": "1", "inputs": [1]}, False),
        ({"code": "1", "limits": {"speed": 1}}, False),
        ({"code": "1", "limits": {"wall_time": 0}}, False),
        ({"code": "1", "limits": {"memory": 1}}, False),
        ({"code": "1", "limits": {"max_files": -1}}, False),
    ],
)
def test_run_request_schema(document: dict[str, Any], body: dict[str, Any], valid: bool) -> None:
    assert validator(document, "RunRequest").is_valid(body) is valid


def test_a_real_result_matches_run_response(document: dict[str, Any]) -> None:
    result = RunResult(
        status=RunStatus.ERROR,
        stderr="Traceback...",
        error=GuestError("ZeroDivisionError", "division by zero", "ZeroDivisionError", line=3),
        exit_code=1,
        files={"a.txt": b"text", "b.bin": b"\xff\x00"},
        fuel_used=None,
        value=(1, b"x", {2}),
        calls=(CallRecord("lookup", 1.25, 10, 20, "ok"),),
    )
    body = {"id": "run_" + "0" * 24, **result.to_dict()}
    validator(document, "RunResponse").validate(body)
    schema = document["components"]["schemas"]["RunResponse"]
    assert set(schema["properties"]) == set(schema["required"]) == set(body)
    assert not validator(document, "RunResponse").is_valid({**body, "status": "exploded"})


def test_real_audit_records_match_audit_record(document: dict[str, Any], tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'audit.db'}")
    limits = Limits()
    fields = app_module.LIMIT_FIELDS
    begin: dict[str, Any] = {
        "tenant_id": None,
        "kind": "run",
        "client": "127.0.0.1",
        "code": "1",
        "inputs_sha256": None,
        "limits": {k: getattr(limits, k) for k in fields},
    }
    running = store.begin_run(**begin)
    finished = store.begin_run(**begin)
    store.finish_run(finished, RunResult(RunStatus.OK, stdout="1\n", fuel_used=10))
    refused = store.begin_run(**begin, status="refused", redact_code=True)
    store.fail_run(refused, "refused", "over 600 requests per minute")
    check = validator(document, "AuditRecord")
    for run_id in (running, finished, refused):
        record = store.run(run_id)
        assert record is not None
        check.validate(record)
    store.close()


# -- the document against the code ----------------------------------------------------------


def test_run_statuses_are_the_code_s(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert schemas["RunStatus"]["enum"] == [s.value for s in RunStatus]
    assert set(schemas["AuditStatus"]["enum"]) == {s.value for s in RunStatus} | {
        "running",
        "refused",
    } | {v.value for v in Verdict}  # a grade's record has its verdict as its status
    assert schemas["Verdict"]["enum"] == [v.value for v in Verdict]


def test_limits_are_the_fields_the_app_accepts(document: dict[str, Any]) -> None:
    properties = document["components"]["schemas"]["Limits"]["properties"]
    assert list(properties) == list(app_module.LIMIT_FIELDS)
    assert set(properties) <= set(Limits.__dataclass_fields__)


def test_audit_record_is_the_runs_table(document: dict[str, Any]) -> None:
    schema = document["components"]["schemas"]["AuditRecord"]
    columns = [c.name for c in RUNS.columns]
    assert list(schema["properties"]) == columns
    assert schema["required"] == columns


def test_every_error_code_the_app_sends_is_documented(document: dict[str, Any]) -> None:
    source = inspect.getsource(app_module)
    sent = set(re.findall(r'(?:ApiError|_error)\(\s*\d{3},\s*"(\w+)"', source))
    sent |= {"audit_unavailable", "internal", "not_found", "method_not_allowed"}
    assert len(sent) >= 10
    assert sent <= set(document["components"]["schemas"]["ErrorCode"]["enum"])


def test_the_body_cap_is_as_documented(document: dict[str, Any]) -> None:
    text = document["components"]["schemas"]["ErrorCode"]["description"]
    assert f"over {app_module.MAX_BODY >> 20} MiB" in text
