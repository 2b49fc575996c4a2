# The guest side of host functions and fetch on the CPython engine. Runs inside
# the sandbox, as /.wasmbox-lib/host.py, with the names ``codec`` (the namespace
# of wasmbox/capabilities/codec.py, run in the guest too) and ``_host`` (the
# door) bound by the wrapper. A call is one frame through _host.call:
# b"f:" + name + b"\0" + the tagged JSON of [args, kwargs]; the reply is "="
# and a value, or "!" and [exception name, message] (capabilities/functions.py).
import builtins
import json as _json

_ERRORS = {}


def _error(name, message):
    cls = _ERRORS.get(name)
    if cls is None:
        base = getattr(builtins, name, None) if name.isidentifier() else None
        if isinstance(base, type) and issubclass(base, Exception):
            cls = base
        else:  # a host exception the guest has no class for: one of that name
            cls = type(name, (Exception,), {'__module__': 'host'})
        _ERRORS[name] = cls
    return cls(message)


def call(name, args, kwargs):
    """Call host function ``name``; its value, or its error raised here."""
    frame = b'f:' + name.encode() + b'\0' + codec['encode']([list(args), dict(kwargs)])
    try:
        reply = _host.call(frame)
    except ConnectionRefusedError:
        raise PermissionError(f'no host function {name!r} is granted to this run') from None
    except OSError:  # the host could not place the reply in this guest's memory
        raise MemoryError(f'no room for the reply of {name}()') from None
    if reply[:1] == b'=':
        return codec['decode'](reply[1:])
    kind, message = _json.loads(reply[1:])
    raise _error(str(kind), str(message))


def function(name):
    def host_function(*args, **kwargs):
        return call(name, args, kwargs)

    host_function.__name__ = host_function.__qualname__ = name
    return host_function


class Response:
    """What fetch() returns: status, headers (lower-case names), body bytes."""

    def __init__(self, d):
        self.status_code = self.status = d['status']
        self.url = d['url']
        self.headers = d['headers']
        self.content = d['content']
        self.ok = 200 <= self.status < 400

    @property
    def text(self):
        return self.content.decode('utf-8', 'replace')

    def json(self):
        return _json.loads(self.content)

    def raise_for_status(self):
        if not self.ok:
            raise _error('HTTPError', '%d error for %s' % (self.status, self.url))

    def __repr__(self):
        return '<Response [%d]>' % self.status


def fetcher(name):
    def fetch(url, method='GET', headers=None, data=None, json=None, timeout=None):
        """An HTTP request the host makes under the run's fetch policy."""
        headers = dict(headers) if headers else {}
        if json is not None:
            data = _json.dumps(json).encode()
            if 'content-type' not in [k.lower() for k in headers]:
                headers['content-type'] = 'application/json'
        if isinstance(data, str):
            data = data.encode()
        return Response(call(name, (url,), {'method': method, 'headers': headers,
                                            'data': data, 'timeout': timeout}))

    fetch.__name__ = fetch.__qualname__ = name
    return fetch


def grant(g, names, web):
    for name in names:
        g[name] = fetcher(name) if name in web else function(name)
