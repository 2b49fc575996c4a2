"""json: the built-in module with CPython's output, options and key order.

dumps/dump: CPython's bytes, with sort_keys, separators, default, ensure_ascii,
allow_nan, skipkeys; the built-in encoder does the work unless indent= or a value
only Python can print (inf/nan, subclasses, odd keys) needs the encoder in
_compat_b, loaded then. loads/load: the built-in parser; objects come back
insertion-ordered (as the runtime's ordered dict, when present); object_hook,
object_pairs_hook, parse_int, parse_float; errors raise JSONDecodeError (a
ValueError, MicroPython's message, no position). Not supported: cls=,
NaN/Infinity input.
"""
import sys

_p = sys.path
sys.path = []
_m = sys.modules.pop('json', None)
_c = sys.modules.pop('collections', None)
try:
    _j = __import__('json')
    _COD = __import__('collections').OrderedDict  # native: the built-in prints it in order
finally:
    sys.path = _p
    if _m:
        sys.modules['json'] = _m
    if _c:
        sys.modules['collections'] = _c
_bd = _j.dumps
_bl = _j.loads
_ND = type({})  # the built-in dict (overlay code is not rewritten)
try:
    _OD = __wb_od  # noqa: F821 - the runtime's insertion-ordered dict
except NameError:
    _OD = _ND
_BAD = object()
_MARK = '\x01\x02'
_E = None


class JSONDecodeError(ValueError):
    def __init__(self, msg, doc='', pos=0):
        super().__init__(msg)
        self.msg = msg
        self.doc = doc
        self.pos = pos


def _asc(s):
    # \uXXXX escapes for DEL and non-ASCII (only ever inside JSON strings);
    # memoryview gives the UTF-8 length without copying the string.
    if len(memoryview(s)) == len(s) and '\x7f' not in s:
        return s
    r = []
    for c in s:
        o = ord(c)
        if o < 127:
            r.append(c)
        elif o < 0x10000:
            r.append('\\u%04x' % o)
        else:
            o -= 0x10000
            r.append('\\u%04x\\u%04x' % (0xD800 | o >> 10, 0xDC00 | o & 0x3FF))
    return ''.join(r)


def _prep(o, srt, dflt):
    # o as the built-in encoder must see it to print what CPython prints: dicts
    # as native OrderedDicts (it prints those in order, and Python-level dict
    # classes through their repr). _BAD: only the Python encoder can (inf/nan,
    # subclasses of str/int/float/list/tuple, keys not str/int/float/bool/None,
    # objects without default=).
    t = type(o)
    if t is str or t is int or t is bool or o is None:
        return o
    if t is float:
        return o if o - o == 0.0 else _BAD
    if t is list or t is tuple:
        r = None
        for i in range(len(o)):
            v = o[i]
            if type(v) is str or type(v) is int:
                continue
            p = _prep(v, srt, dflt)
            if p is _BAD:
                return _BAD
            if p is not v:
                if r is None:
                    r = list(o)
                r[i] = p
        return o if r is None else r
    if isinstance(o, _ND):
        n = _COD()
        it = o.items()
        if srt:
            try:
                it = sorted(it)
            except TypeError:
                return _BAD
        for k, v in it:
            t = type(k)
            if not (t is str or t is int or t is bool or k is None or t is float and k - k == 0.0):
                return _BAD
            v = _prep(v, srt, dflt)
            if v is _BAD:
                return _BAD
            n[k] = v
        return n
    if dflt is None or isinstance(o, (str, int, float, list, tuple)):
        return _BAD
    return _prep(dflt(o), srt, dflt)


def _sec():
    global _E
    if _E is None:
        s = open(__file__.rpartition('/')[0] + '/_compat_b.py', 'rb').read(1 << 17).decode()
        i = s.index('\n#[json]')
        _E = {'_bd': _bd, '_asc': _asc, '_OD': _OD}
        exec(s[i : s.index('\n#[', i + 3)], _E)
    return _E


def dumps(obj, *, ensure_ascii=True, indent=None, separators=None, sort_keys=False,
          default=None, cls=None, **kw):
    if indent is None and cls is None:
        p = _prep(obj, sort_keys, default)
        if p is not _BAD:
            s = _bd(p, separators=separators) if separators else _bd(p)
            if not ('\\u0008' in s or '\\u000c' in s):
                return _asc(s) if ensure_ascii else s
    return _sec()['encode'](obj, ensure_ascii, indent=indent, separators=separators,
                            sort_keys=sort_keys, default=default, **kw)


def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))


def _order(x):
    # Lists that were objects (see loads) back into ordered dicts.
    if type(x) is not list:
        return x
    if x and x[0] == _MARK:
        d = _OD()
        for i in range(1, len(x), 2):
            d[x[i]] = _order(x[i + 1])
        return d
    for i in range(len(x)):
        if type(x[i]) is list:
            x[i] = _order(x[i])
    return x


def loads(s, **kw):
    if isinstance(s, (bytes, bytearray)):
        s = bytes(s).decode()
    try:
        o = _bl(s)
    except ValueError as e:
        raise JSONDecodeError(str(e), s)
    if _OD is not _ND and type(o) in (_ND, list) and '{' in s and '\x01' not in s \
            and '\\u0001' not in s:
        # The built-in forgets key order: parse again with every object written
        # as a list ["\x01\x02", key, value, ...]. Split at the quotes, rewrite
        # the text between strings, and put the strings back with one %.
        t = s.replace('\\\\', '\x01\x03').replace('\\"', '\x01\x04').split('"')
        e = '\x01\x05'.join(t[0::2]).replace('{', '["' + _MARK + '",').replace('}', ']')
        t = '"%s"'.join(e.replace(':', ',').split('\x01\x05')) % tuple(t[1::2])
        o = _order(_bl(t.replace('\x01\x03', '\\\\').replace('\x01\x04', '\\"')))
    return _sec()['hooks'](o, **kw) if kw else o


def load(fp, **kw):
    return loads(fp.read(), **kw)
