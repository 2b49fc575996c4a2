"""``fetch``: the network as a capability, granted per sandbox or per run under a policy.

There is no network in the guest: no sockets, no name resolution. A run
granted a :class:`FetchPolicy` gets one function, ``fetch(url, method=...,
headers=..., data=..., json=..., timeout=...)``, that asks the host to make
one HTTP request (httpx). The host checks everything before any byte leaves:
the URL against the allowlist, the method, the request headers and body
size; it resolves the host name itself and refuses private, loopback,
link-local and other non-global addresses (unless the policy allows them),
then connects to exactly the address it checked, so DNS cannot be changed
between the check and the connection. Redirects are followed by hand, each
hop checked again. The response is read up to its size cap. A refusal
reaches the guest as ``PermissionError`` naming the rule that refused it.
"""

from __future__ import annotations

import fnmatch
import functools
import http.cookiejar
import ipaddress
import math
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from ..errors import ConfigError
from .functions import call_deadline

if TYPE_CHECKING:  # httpx costs ~100 ms to import: only a run granted fetch pays it
    import httpcore
    import httpx

__all__ = ["FetchPolicy", "FetchRefused", "Fetcher"]

_DEFAULT_HEADERS = frozenset({"accept", "accept-language", "content-type", "user-agent"})
#: Headers httpx manages itself; the guest may never set them.
_MANAGED = frozenset({"host", "content-length", "transfer-encoding", "connection"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchRefused(PermissionError):
    """A request the policy does not allow; the guest sees it as ``PermissionError``."""

    guest_type = "PermissionError"

    def __init__(self, rule: str, detail: str) -> None:
        super().__init__(f"fetch refused by the policy's {rule!r} rule: {detail}")
        self.rule = rule


@dataclass(frozen=True, slots=True)
class _Pattern:
    scheme: str
    host: str
    port: int | None
    path: str

    def matches(self, scheme: str, host: str, port: int, path: str) -> bool:
        return (
            scheme == self.scheme
            and fnmatch.fnmatchcase(host, self.host)
            and (self.port is None or port == self.port)
            and fnmatch.fnmatchcase(path, self.path)
        )


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def _parse_pattern(pattern: str) -> _Pattern:
    """``scheme://host[:port]/path``: no port means the scheme's own, ``:*`` any port.

    A host with a ``*`` once meant any port too: ``https://*.example.com/*``
    reached every service on every matching host, plain HTTP to a database's
    port included.
    """
    any_port = False
    scheme, sep, rest = pattern.partition("://")
    netloc, slash, path = rest.partition("/")
    if sep and netloc.endswith(":*"):
        any_port = True
        pattern = f"{scheme}://{netloc[:-2]}{slash}{path}"
    parts = urlsplit(pattern)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"fetch allow patterns look like 'https://host/path*', not {pattern!r}")
    try:
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"bad port in fetch allow pattern {pattern!r}") from exc
    host = parts.hostname.lower()
    if any_port:
        port = None
    elif port is None:
        port = _default_port(parts.scheme)
    return _Pattern(parts.scheme, host, port, parts.path or "/*")


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What ``fetch`` may do. Nothing is allowed unless it is listed.

    Attributes:
        allow: URL patterns, ``scheme://host[:port]/path``; ``*`` in the host
            matches labels (``https://*.example.com/*``), in the path anything
            (``https://api.example.com/v1/*``). A pattern without a path allows
            every path of that origin.
        methods: HTTP methods allowed.
        headers: request headers the guest may set (case-insensitive).
        add_headers: headers the host adds to every request, to every allowed
            URL. The guest's code never holds them, but an allowed endpoint that
            echoes request headers shows them to it: give a secret to its own
            origin with ``origin_headers`` instead.
        origin_headers: headers the host adds only to requests to one origin,
            by origin (``{"https://api.example.com": {"Authorization": ...}}``);
            each redirect hop is looked up again, so a redirect elsewhere drops them.
        max_request_bytes: largest request body.
        max_response_bytes: largest response body; a larger one is refused.
        timeout: seconds one request (all its redirects) may take; the run's
            deadline bounds it too.
        max_redirects: redirects followed, each checked against the policy.
        allow_private: allow loopback, private, link-local and other
            non-global addresses (for tests and internal services only).
    """

    allow: tuple[str, ...] = ()
    methods: frozenset[str] = frozenset({"GET"})
    headers: frozenset[str] = _DEFAULT_HEADERS
    add_headers: Mapping[str, str] = field(default_factory=dict)
    origin_headers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    max_request_bytes: int = 1 << 20
    max_response_bytes: int = 5 << 20
    timeout: float = 10.0
    max_redirects: int = 5
    allow_private: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.allow, str):
            raise ConfigError("FetchPolicy.allow is a tuple of URL patterns, not one string")
        object.__setattr__(self, "allow", tuple(self.allow))
        object.__setattr__(self, "methods", frozenset(m.upper() for m in self.methods))
        object.__setattr__(self, "headers", frozenset(h.lower() for h in self.headers))
        object.__setattr__(self, "add_headers", dict(self.add_headers))
        try:
            origin_headers = {
                _origin_key(k): {str(n): str(v) for n, v in dict(h).items()}
                for k, h in dict(self.origin_headers).items()
            }
        except (TypeError, ValueError) as exc:
            if isinstance(exc, ConfigError):
                raise
            raise ConfigError(
                "FetchPolicy.origin_headers maps origins to {header: value} mappings"
            ) from exc
        object.__setattr__(self, "origin_headers", origin_headers)
        for pattern in self.allow:
            _parse_pattern(pattern)
        for name in ("max_request_bytes", "max_response_bytes", "max_redirects"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 0:
                raise ConfigError(f"FetchPolicy.{name} must be a non-negative integer")
        if not self.timeout > 0:
            raise ConfigError("FetchPolicy.timeout must be positive")

    def patterns(self) -> list[_Pattern]:
        return [_parse_pattern(p) for p in self.allow]

    def to_mapping(self) -> dict[str, Any]:
        """The policy as JSON-able fields; ``FetchPolicy(**policy.to_mapping())`` is equal.

        For a policy handed to another process (a service's workers).
        """
        return {
            "allow": list(self.allow),
            "methods": sorted(self.methods),
            "headers": sorted(self.headers),
            "add_headers": dict(self.add_headers),
            "origin_headers": {k: dict(v) for k, v in self.origin_headers.items()},
            "max_request_bytes": self.max_request_bytes,
            "max_response_bytes": self.max_response_bytes,
            "timeout": self.timeout,
            "max_redirects": self.max_redirects,
            "allow_private": self.allow_private,
        }


def _origin_key(origin: str) -> str:
    """``scheme://host:port``, the port always given: how ``origin_headers`` are looked up."""
    parts = urlsplit(str(origin))
    try:
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"bad port in fetch origin {origin!r}") from exc
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or "*" in parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.username
    ):
        raise ConfigError(f"fetch origins look like 'https://api.example.com', not {origin!r}")
    host = parts.hostname
    if not host.isascii():  # looked up by the ASCII form a request carries (punycode)
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise ConfigError(f"fetch origin {origin!r} has no ASCII form") from exc
    return _origin(parts.scheme, host, port)


def _origin(scheme: str, host: str, port: int | None) -> str:
    host = host.lower()
    if ":" in host:  # IPv6: bracketed, so that the key reads back as an origin
        host = f"[{host}]"
    return f"{scheme}://{host}:{port or _default_port(scheme)}"


#: IPv6 prefixes that carry an IPv4 address in their last 32 bits: well-known NAT64
#: (RFC 6052) and the old IPv4-compatible form. A NAT64 gateway turns 64:ff9b::a00:1 into
#: 10.0.0.1, and Python calls such addresses global.
_V4_IN_LAST_32 = (
    ipaddress.IPv6Network("64:ff9b::/96"),
    ipaddress.IPv6Network("::/96"),
    ipaddress.IPv6Network("::ffff:0:0:0/96"),  # SIIT's IPv4-translated form
)
#: Local-use NAT64 (RFC 8215): where the IPv4 address sits depends on the network.
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")


def _address_allowed(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _LOCAL_NAT64:
            return False
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and any(ip in net for net in _V4_IN_LAST_32) and int(ip) > 1:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None and not _address_allowed(inner):
            return False
    return ip.is_global and not ip.is_multicast


@functools.cache
def _guarded_backend() -> Callable[[bool], httpcore.NetworkBackend]:
    import httpcore

    class GuardedBackend(httpcore.NetworkBackend):
        """Resolves names itself, refuses non-global addresses, connects to the one it checked."""

        def __init__(self, allow_private: bool) -> None:
            self._inner = httpcore.SyncBackend()
            self._allow_private = allow_private

        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Iterable[Any] | None = None,
        ) -> httpcore.NetworkStream:
            try:
                infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except OSError as exc:
                raise httpcore.ConnectError(f"cannot resolve {host}") from exc
            addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
            if not addresses:
                raise httpcore.ConnectError(f"cannot resolve {host}")
            if not self._allow_private:
                for ip in addresses:
                    if not _address_allowed(ip):
                        raise FetchRefused(
                            "allow_private", f"{host} resolves to the non-public address {ip}"
                        )
            timeout = _left(timeout, httpcore.ConnectTimeout)
            stream = self._inner.connect_tcp(
                str(addresses[0]), port, timeout, local_address, socket_options
            )
            return DeadlineStream(stream)

        def sleep(self, seconds: float) -> None:
            time.sleep(seconds)

    class DeadlineStream(httpcore.NetworkStream):
        """A connection whose every read and write ends by the fetch's deadline.

        httpx's timeout bounds each read, not the request: a server sending a
        byte a little faster than that kept a fetch (its thread, and a slot of
        the pool every later run shares) going until the size cap, for hours.
        """

        def __init__(self, inner: httpcore.NetworkStream) -> None:
            self._inner = inner

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

        def close(self) -> None:
            self._inner.close()

        def start_tls(
            self,
            ssl_context: Any,
            server_hostname: str | None = None,
            timeout: float | None = None,
        ) -> httpcore.NetworkStream:
            timeout = _left(timeout, httpcore.ConnectTimeout)
            return DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

        def get_extra_info(self, info: str) -> Any:
            return self._inner.get_extra_info(info)

    return GuardedBackend


#: When the fetch running on this thread must be over (``time.monotonic()``), if one is.
_fetching = threading.local()


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout``, cut to what is left before this thread's fetch deadline (or ``error``)."""
    deadline: float | None = getattr(_fetching, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the fetch's time is up")
    return left if timeout is None else min(timeout, left)


class Fetcher:
    """The host side of the guest's ``fetch``: one policy, one connection pool."""

    def __init__(self, policy: FetchPolicy) -> None:
        import httpcore
        import httpx

        self.policy = policy
        self._patterns = policy.patterns()
        transport = httpx.HTTPTransport(retries=0)
        # httpx has no option for the network backend; the pool it builds is
        # replaced by the same pool on the guarded backend.
        transport._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=20,
            network_backend=_guarded_backend()(policy.allow_private),
        )
        # No cookie jar: httpx keeps every Set-Cookie and sends it on, so one run's
        # login (or one tenant's, in a service's worker) would ride along with the next
        # run's requests. A run that needs a cookie sends it itself, if the policy allows.
        jar = http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            trust_env=False,
            timeout=policy.timeout,
            cookies=jar,
        )

    def close(self) -> None:
        self._client.close()

    def _check_url(self, url: str) -> httpx.URL:
        import httpx

        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError) as exc:
            raise ValueError(f"not a URL: {url!r}") from exc
        scheme, host = parsed.scheme, (parsed.host or "").lower()
        if scheme not in ("http", "https") or not host:
            raise FetchRefused("allow", f"{url} is not an http(s) URL")
        port = parsed.port or _default_port(scheme)
        if parsed.userinfo:
            raise FetchRefused("allow", "URLs with credentials are not allowed")
        # The patterns match the decoded path, but the raw one is sent: an encoded dot
        # or slash ("/v1/%2e%2e/admin") matched "/v1/*" here, and a server that decodes
        # and normalises paths (most do) then served /admin.
        raw = parsed.raw_path.split(b"?", 1)[0].lower()
        if any(bad in raw for bad in (b"%2e", b"%2f", b"%5c", b"\\")):
            raise FetchRefused(
                "allow", "paths with encoded dots, slashes or backslashes are not allowed"
            )
        # "..;" is ".." to Tomcat and Spring, which drop a segment's ";" parameters.
        if any(seg.split(b";", 1)[0] in (b".", b"..") for seg in raw.split(b"/") if b";" in seg):
            raise FetchRefused("allow", "paths with dot segments are not allowed")
        if not any(p.matches(scheme, host, port, parsed.path or "/") for p in self._patterns):
            raise FetchRefused("allow", f"{_origin_and_path(parsed)} matches no allowed URL")
        return parsed

    def __call__(
        self,
        url: str,
        method: str = "GET",
        headers: Mapping[str, str] | None = None,
        data: bytes | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:

        policy = self.policy
        if not isinstance(url, str) or not isinstance(method, str):
            raise TypeError("fetch(url, method=...) takes strings")
        method = method.upper()
        if method not in policy.methods:
            raise FetchRefused("methods", f"{method} is not an allowed method")
        sent: dict[str, str] = {}
        for name, value in (headers or {}).items():
            if not isinstance(name, str) or not isinstance(value, str):
                raise TypeError("header names and values must be strings")
            if name.lower() not in policy.headers or name.lower() in _MANAGED:
                raise FetchRefused("headers", f"the guest may not set the {name!r} header")
            sent[name] = value
        if data is not None and not isinstance(data, bytes):
            raise TypeError("data must be bytes or str")
        if data is not None and len(data) > policy.max_request_bytes:
            raise FetchRefused(
                "max_request_bytes",
                f"the body is {len(data):,} bytes, over {policy.max_request_bytes:,}",
            )
        limit = policy.timeout if timeout is None else min(float(timeout), policy.timeout)
        deadline = time.monotonic() + limit
        # Past the run's own deadline the run has stopped waiting for this call: going
        # on would only hold a thread and a pooled connection from the runs after it.
        ends = min(deadline, call_deadline() or math.inf)
        target = self._check_url(url)
        _fetching.deadline = ends
        try:
            return self._fetch(url, method, sent, data, limit, ends, target)
        finally:
            _fetching.deadline = None

    def _fetch(
        self,
        url: str,
        method: str,
        sent: dict[str, str],
        data: bytes | None,
        limit: float,
        deadline: float,
        target: httpx.URL,
    ) -> dict[str, Any]:
        """The request and its redirects, all over by ``deadline``."""
        import httpx

        policy = self.policy
        for hop in range(policy.max_redirects + 1):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"fetch of {url} took longer than {limit:g} s")
            request = self._client.build_request(
                method,
                target,
                # identity: the size cap counts what is read, never a bomb's expansion
                headers={
                    **sent,
                    **policy.add_headers,
                    **self._for_origin(target),
                    "accept-encoding": "identity",
                },
                content=data,
                timeout=remaining,
            )
            try:
                response = self._client.send(request, stream=True)
            except httpx.TimeoutException as exc:
                raise TimeoutError(f"fetch of {url} took longer than {limit:g} s") from exc
            except httpx.HTTPError as exc:
                raise ConnectionError(f"fetch of {_origin_and_path(target)} failed: {exc}") from exc
            try:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    if hop == policy.max_redirects:
                        raise FetchRefused(
                            "max_redirects", f"more than {policy.max_redirects} redirects"
                        )
                    location = urljoin(str(target), response.headers["location"])
                    target = self._check_url(location)
                    if response.status_code == 303 or (
                        response.status_code in (301, 302) and method == "POST"
                    ):
                        method, data = "GET", None
                    continue
                try:
                    body = _read_capped(response, policy.max_response_bytes)
                except httpx.TimeoutException as exc:  # the body came too slowly
                    raise TimeoutError(f"fetch of {url} took longer than {limit:g} s") from exc
                except httpx.HTTPError as exc:  # the connection broke mid-body
                    where = _origin_and_path(target)
                    raise ConnectionError(f"fetch of {where} failed: {exc}") from exc
                return {
                    "status": response.status_code,
                    "url": str(target),
                    "headers": {k.lower(): v for k, v in response.headers.items()},
                    "content": body,
                }
            finally:
                response.close()
        raise AssertionError("unreachable")  # pragma: no cover

    def _for_origin(self, url: httpx.URL) -> Mapping[str, str]:
        if not self.policy.origin_headers:
            return {}
        key = _origin(url.scheme, url.raw_host.decode("ascii"), url.port)
        return self.policy.origin_headers.get(key, {})

    def audit_detail(self, args: list[Any], kwargs: dict[str, Any], value: Any) -> str:
        """``GET https://host/path -> 200`` for the audit trail (no query, no headers)."""
        import httpx

        url = args[0] if args else kwargs.get("url", "")
        method = str(kwargs.get("method", "GET")).upper()
        try:
            where = _origin_and_path(httpx.URL(str(url)))
        except (httpx.InvalidURL, TypeError):
            where = "<invalid url>"
        status = value.get("status") if isinstance(value, dict) else None
        return f"{method} {where}" + (f" -> {status}" if status is not None else "")


def _origin_and_path(url: httpx.URL) -> str:
    return f"{url.scheme}://{url.host}{'' if url.port is None else ':' + str(url.port)}{url.path}"


def _read_capped(response: httpx.Response, cap: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise FetchRefused(
            "max_response_bytes", f"the response is {int(declared):,} bytes, over {cap:,}"
        )
    chunks, total = [], 0
    for chunk in response.iter_raw():
        total += len(chunk)
        if total > cap:
            raise FetchRefused("max_response_bytes", f"the response is over {cap:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
