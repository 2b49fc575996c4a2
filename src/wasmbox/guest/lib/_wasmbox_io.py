# The guest half of a run's protocol: decode a request (inputs, the functions
# the host grants, the program), run it, encode its outcome; and the guest side
# of host functions. Imported by the bootstrap at boot, so it is in the
# snapshot. Values use the tagged JSON of wasmbox/capabilities/codec.py (read
# its docstring); both sides must agree.
import sys, host
import _wasmbox

_json = _wasmbox.builtin('json')  # the C module, not the /lib overlay
_b64 = _wasmbox.builtin('binascii')
_hc = host.call
_MAX_DEPTH = 100
_NOVALUE = '__wasmbox_value__'


def _to(v, d):
    if d > _MAX_DEPTH:
        raise ValueError('nested more than %d levels deep' % _MAX_DEPTH)
    t = type(v)
    if v is None or t is bool or t is str or t is int:
        return v
    if t is float:
        if v != v:
            return {'$f': 'nan'}
        if v in (_INF, -_INF):
            return {'$f': 'inf' if v > 0 else '-inf'}
        return v
    if t is list:
        return [_to(x, d + 1) for x in v]
    if t is tuple:
        return {'$t': [_to(x, d + 1) for x in v]}
    if t is bytes or t is bytearray:
        return {'$b': _b64.b2a_base64(v, newline=False).decode()}
    if t is set:
        return {'$s': [_to(x, d + 1) for x in v]}
    if t is frozenset:
        return {'$fs': [_to(x, d + 1) for x in v]}
    if isinstance(v, dict):
        for k in v:
            if type(k) is not str or k[:1] == '$':
                return {'$d': [[_to(k, d + 1), _to(x, d + 1)] for k, x in v.items()]}
        out = {}
        for k, x in v.items():
            out[k] = _to(x, d + 1)
        return out
    if isinstance(v, int) and not isinstance(v, bool):
        return int(v)
    if isinstance(v, str):
        return str(v)
    raise TypeError('objects of type %s cannot cross the sandbox boundary '
                    '(use None, bool, int, float, str, bytes, list, tuple, set or dict)'
                    % type(v).__name__)


_INF = float('inf')


def encode(v):
    return _json.dumps(_to(v, 0))


def _from(v):
    t = type(v)
    if t is list:
        return [_from(x) for x in v]
    if t is not dict:
        return v
    if len(v) == 1:
        for k in v:
            b = v[k]
            if k == '$b':
                return _b64.a2b_base64(b)
            if k == '$t':
                return tuple([_from(x) for x in b])
            if k == '$s':
                return set([_from(x) for x in b])
            if k == '$fs':
                return frozenset([_from(x) for x in b])
            if k == '$f':
                return float(b)
            if k == '$d':
                out = {}
                for p in b:
                    out[_from(p[0])] = _from(p[1])
                return out
    out = {}
    for k in v:
        out[k] = _from(v[k])
    return out


def decode(s):
    return _from(_json.loads(s))


# Host errors arrive by class name; names MicroPython aliases to a broader
# class (PermissionError is OSError here) get a subclass carrying the name.
_ERRORS = {}


def _error(name, message):
    cls = _ERRORS.get(name)
    if cls is None:
        base = None
        if name and not name[0].isdigit() and all(c == '_' or c.isalpha() or c.isdigit() for c in name):
            # A name lookup, not getattr(builtins): names the runtime added
            # to builtins (the aliases) are only visible that way.
            try:
                base = eval(name, {})
            except Exception:
                pass
        if not (isinstance(base, type) and issubclass(base, BaseException)):
            base = None
        if base is not None and base.__name__ == name:
            cls = base
        else:
            cls = type(name, (base or Exception,), {})
        _ERRORS[name] = cls
    return cls(message)


def _reply(r):
    # '+' says more chunks follow; then '=' and a value, or '!' and an error.
    if r[0] == '+':
        parts = [r[1:]]
        while r[0] == '+':
            r = _hc('wasmbox.more', '')
            parts.append(r[1:])
        r = ''.join(parts)
    else:
        r = r[1:]
    if r[0] == '=':
        return decode(r[1:])
    e = _json.loads(r[1:])
    raise _error(e[0], e[1])


def call(name, args, kwargs):
    """Call host function `name`; its value, or its error raised here."""
    return _reply(_hc('f:' + name, encode([list(args), kwargs])))


def function(name):
    def host_function(*args, **kwargs):
        return call(name, args, kwargs)
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
        return str(self.content, 'utf-8')

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
        # Built from items(): in rewritten code a dict display is an ordered
        # dict class that dict() cannot copy.
        headers = {k: v for k, v in headers.items()} if headers else {}
        if json is not None:
            data = _json.dumps(_to(json, 0)).encode()
            if 'content-type' not in [k.lower() for k in headers]:
                headers['content-type'] = 'application/json'
        if isinstance(data, str):
            data = data.encode()
        return Response(call(name, (url,), {'method': method, 'headers': headers,
                                            'data': data, 'timeout': timeout}))
    return fetch


def run(msg, g, traceback_filter):
    """Run one request; the outcome as the report the host parses."""
    head, _, src = msg.partition('\n')
    h = _json.loads(head)
    token = h['t']
    # Made now: when the heap is full there may be no room to make it later.
    oom = 'e' + token + '\n11:MemoryError0:'
    try:
        if h.get('f'):
            web = h.get('h') or ()
            for name in h['f']:
                g[name] = fetcher(name) if name in web else function(name)
        if h.get('i'):
            g.update(_from(h['i']))
        exec(compile(src, 'main.py', 'exec'), g)
    except SystemExit as e:
        a = e.args
        c = a[0] if a else None
        if c is None or c is False:
            c = 0
        elif c is True:
            c = 1
        elif not isinstance(c, int):
            sys.stderr.write(str(c) + '\n')
            c = 1
        return 'x' + token + '\n' + str(c)
    except BaseException as e:
        src = msg = None
        try:
            return 'e' + token + '\n' + _describe(e, traceback_filter)
        except MemoryError:
            return oom
    src = None
    v = g.pop(_NOVALUE, None)
    if v is None:
        return 'o' + token + '\n'
    try:
        return 'o' + token + '\n' + encode(v)
    except BaseException as e:
        e = TypeError('the value of the last expression cannot be returned: ' + str(e))
        return 'e' + token + '\n' + _describe(e, traceback_filter)


def _describe(e, keep):
    n = type(e).__name__
    try:
        m = str(e)
    except BaseException:
        m = '<exception str() failed>'
    t = ''
    try:
        import io
        b = io.StringIO()
        sys.print_exception(e, b)
        t = '\n'.join([l for l in b.getvalue().split('\n') if keep(l)])
        sys.stderr.write(t)
    except BaseException:
        pass
    # Length-prefixed: the message itself may hold any character.
    return '%d:%s%d:%s%s' % (len(n), n, len(m), m, t)
