# The guest half of a run's protocol: decode a request (inputs, the functions
# the host grants, the program), run it, encode its outcome; and the guest side
# of host functions. Imported by the bootstrap at boot, so it is in the
# snapshot. Values use the tagged JSON of wasmbox/capabilities/codec.py (read
# its docstring); both sides must agree.
import sys
import _wasmbox
try:
    import host
    _hc = host.call
except ImportError:  # the browser build (web/): no host, no host functions
    _hc = None

_json = _wasmbox.builtin('json')  # the C module, not the /lib overlay
_b64 = _wasmbox.builtin('binascii')
_MAX_DEPTH = 100
_NOVALUE = '__wbv__'  # wasmbox/cell.py's VALUE_NAME


def _enc(v, d):
    # JSON text written directly, so that dicts keep their (insertion) order:
    # MicroPython's own dicts have none, and json.dumps would scramble them.
    if d > _MAX_DEPTH:
        raise ValueError('nested more than %d levels deep' % _MAX_DEPTH)
    t = type(v)
    if v is None or t is bool or t is str or t is int:
        return _dumps(v)
    if t is float:
        if v != v:
            return '{"$f":"nan"}'
        if v in (_INF, -_INF):
            return '{"$f":"inf"}' if v > 0 else '{"$f":"-inf"}'
        return _dumps(v)
    if t is list:
        return '[' + ','.join([_enc(x, d + 1) for x in v]) + ']'
    if t is tuple:
        return '{"$t":[' + ','.join([_enc(x, d + 1) for x in v]) + ']}'
    if t is bytes or t is bytearray:
        return '{"$b":"' + _b64.b2a_base64(v, newline=False).decode() + '"}'
    if t is set:
        return '{"$s":[' + ','.join([_enc(x, d + 1) for x in v]) + ']}'
    if t is frozenset:
        return '{"$fs":[' + ','.join([_enc(x, d + 1) for x in v]) + ']}'
    if isinstance(v, dict):
        items = list(v.items())
        for k, x in items:
            if type(k) is not str or k[:1] == '$':
                return '{"$d":[' + ','.join(
                    ['[' + _enc(k, d + 1) + ',' + _enc(x, d + 1) + ']' for k, x in items]) + ']}'
        return '{' + ','.join([_dumps(k) + ':' + _enc(x, d + 1) for k, x in items]) + '}'
    if isinstance(v, int) and not isinstance(v, bool):
        return _dumps(int(v))
    if isinstance(v, str):
        return _dumps(str(v))
    raise TypeError('objects of type %s cannot cross the sandbox boundary '
                    '(use None, bool, int, float, str, bytes, list, tuple, set or dict)'
                    % type(v).__name__)


_INF = float('inf')
_dumps = _json.dumps


def encode(v):
    return _enc(v, 0)


_ORDERED = []


def _ordered():
    # The runtime's insertion-ordered dict (what rewritten code's dict displays
    # are), else MicroPython's own.
    if not _ORDERED:
        try:
            import _wasmbox_rt
            _ORDERED.append(_wasmbox_rt.dict)
        except (ImportError, AttributeError):
            _ORDERED.append(dict)
    return _ORDERED[0]


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
                out = _ordered()()
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
        try:
            # The runtime's real classes for names MicroPython only aliases
            # (FileNotFoundError...): builtins' own names are not visible to
            # getattr(builtins, ...) once the runtime has set them.
            import _wasmbox_rt
            base = _wasmbox_rt._VIRTUAL.get(name)
        except (ImportError, AttributeError):
            pass
        if base is None and name and not name[0].isdigit() and all(
                c == '_' or c.isalpha() or c.isdigit() for c in name):
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
    if r.startswith('+'):
        parts = [r[1:]]
        while r.startswith('+'):
            r = _hc('wasmbox.more', '')
            parts.append(r[1:])
        r = '.' + ''.join(parts)
    if r.startswith('=', 1):
        return _from(_json.loads(r[2:]))
    e = _json.loads(r[2:])
    raise _error(e[0], e[1])


_SIMPLE = (int, str, bool, type(None))


def _payload(args, kwargs):
    # The common call: a few ints and strings, no keywords. JSON says them
    # exactly as they are, so the tagging walk is skipped.
    if not kwargs:
        for a in args:
            if type(a) not in _SIMPLE:
                break
        else:
            return '[' + _dumps(args) + ',{}]'
    return encode([list(args), kwargs])


def call(name, args, kwargs):
    """Call host function `name`; its value, or its error raised here."""
    return _reply(_hc('f:' + name, _payload(args, kwargs)))


def function(name):
    key = 'f:' + name

    def host_function(*args, **kwargs):
        return _reply(_hc(key, _payload(args, kwargs)))
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
            data = _enc(json, 0).encode()
            if 'content-type' not in [k.lower() for k in headers]:
                headers['content-type'] = 'application/json'
        if isinstance(data, str):
            data = data.encode()
        return Response(call(name, (url,), {'method': method, 'headers': headers,
                                            'data': data, 'timeout': timeout}))
    return fetch


# Whether the request being run is a one-shot run's (not a session's): its
# bootstrap then ends the interpreter after a plain success instead of
# reporting it, one host call fewer (the host reads success from the end).
once = True


def run(msg, g, traceback_filter):
    """Run one request; the outcome as the report the host parses."""
    global once
    try:
        # startswith, not msg[0]: every new str costs MicroPython a search
        # of its interned strings.
        if msg.startswith('{'):
            head, _, src = msg.partition('\n')
            h = _json.loads(head)
            once = not h.get('s')
            web = h.get('h') or ()
            for name in h.get('f') or ():
                g[name] = fetcher(name) if name in web else function(name)
            if h.get('i'):
                for k, v in _from(h['i']).items():
                    g[k] = v
            h = head = None
        else:
            once = msg.startswith(' ')  # '!' for a session's
            src = msg[1:]
        msg = None
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
        return 'x' + str(c)
    except BaseException as e:
        src = msg = None
        try:
            return 'e' + _describe(e, traceback_filter)
        except MemoryError:
            return 'e11:MemoryError0:'  # a constant: the heap may have no room left
    src = None
    v = g.pop(_NOVALUE, None)
    if v is None:
        return 'o'
    try:
        return 'o' + encode(v)
    except BaseException as e:
        e = TypeError('the value of the last expression cannot be returned: ' + str(e))
        return 'e' + _describe(e, traceback_filter)


def _cpython(e):
    # The runtime's CPython form of an exception MicroPython raised itself
    # (KeyError's quoted key, "is not defined", FileNotFoundError...).
    try:
        return eval('__wb_exc', {})(e)
    except Exception:
        return e


def _describe(e, keep):
    c = _cpython(e)
    n = type(c).__name__
    try:
        m = str(c)
    except BaseException:
        m = '<exception str() failed>'
    t = ''
    try:
        import io
        b = io.StringIO()
        sys.print_exception(e, b)
        lines = [l for l in b.getvalue().split('\n') if keep(l)]
        while lines and not lines[-1]:
            lines.pop()
        if lines and not lines[-1].startswith(' '):
            lines[-1] = n + ': ' + m if m else n  # the last line as CPython words it
        t = '\n'.join(lines) + '\n'
        sys.stderr.write(t)
    except BaseException:
        pass
    # Length-prefixed: the message itself may hold any character.
    return '%d:%s%d:%s%s' % (len(n), n, len(m), m, t)
