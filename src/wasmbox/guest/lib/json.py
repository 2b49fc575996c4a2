"""json: the built-in module with CPython's output, options and key order.

dumps/dump: CPython's bytes, with sort_keys, separators, default, ensure_ascii,
allow_nan, skipkeys; the built-in encoder does the work unless indent= or a value
only Python can print (inf/nan, subclasses, odd keys) needs the encoder in
_compat_b, loaded then. loads/load: the built-in parser, after a quick check
on tokens that the text is JSON by CPython's rules (the built-in one lets
missing or trailing commas, missing colons, bad escapes and control characters
through); objects come back insertion-ordered (as the runtime's ordered dict,
when present); object_hook, object_pairs_hook, parse_int, parse_float, strict.
Invalid text, NaN/Infinity and surrogate pairs go to a Python parser with
CPython's rules: JSONDecodeError with CPython's message and position ('Expecting
value: line 1 column 1 (char 0)'), msg, doc, pos, lineno, colno. Not
supported: cls=.
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
_END = '\x01\x08'
_E = None


class JSONDecodeError(ValueError):
    def __init__(self, msg, doc='', pos=0):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        super().__init__('%s: line %d column %d (char %d)' % (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno


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


def loads(s, **kw):
    if isinstance(s, (bytes, bytearray)):
        s = bytes(s).decode()
    elif not isinstance(s, str):
        raise TypeError('the JSON object must be str, bytes or bytearray, not '
                        + type(s).__name__)
    o = _load(s, kw.get('strict', True))
    return _sec()['hooks'](o, **kw) if kw else o


def _load(s, strict):
    # The built-in parser does the work. It takes ',' and ':' for whitespace,
    # so the text is checked first: strings cut out (split at the quotes),
    # their escapes and control characters, the numbers, and where ',' and ':'
    # stand; then the counts of ',' and ':' against what was parsed. Objects
    # are parsed again as lists ["\x01\x02", key, value, ...] (the built-in
    # forgets key order); the strings go back in with one %. Anything that is
    # not JSON by CPython's rules, or that the built-in parser gets wrong
    # (NaN, Infinity, surrogate pairs), goes to _parse.
    if '\x01' in s or ('\\u' in s and ('\\ud' in s or '\\uD' in s or '\\u0001' in s)):
        return _parse(s, strict)
    t = s.replace('\\\\', '\x01\x03').replace('\\"', '\x01\x04').split('"')
    if not len(t) & 1 or (len(t) > 1 and _badstr('"'.join(t[1::2]), strict)):
        return _parse(s, strict)
    e = '\x01\x05'.join(t[0::2])
    c = e.replace(' ', '').replace('\n', '').replace('\t', '').replace('\r', '')
    cb = c.encode()
    if _badnum(cb) or _badsep(c, cb):
        return _parse(s, strict)
    objects = '{' in c
    if not objects and '}' in c:
        return _parse(s, strict)
    try:
        if objects and _OD is not _ND:
            e = e.replace('{', '["' + _MARK + '",').replace('}', ',"' + _END + '"]').replace(
                ':', ',')
            e = '"%s"'.join(e.split('\x01\x05')) % tuple(t[1::2])
            o = _bl(e.replace('\x01\x03', '\\\\').replace('\x01\x04', '\\"'))
        else:
            o = _bl(s)
            objects = False
        commas = c.count(',')
        if not objects and type(o) is list and c.count('[') == 1:
            # one flat array: its commas are its items but one
            if commas != (len(o) - 1 if o else 0) or ':' in c:
                o = _BAD
        else:
            o = _walk(o, objects, c.count(':'), commas)
    except Exception:
        o = _BAD
    return _parse(s, strict) if o is _BAD else o


def _badsep(c, b):
    # ',' and ':' next to each other or to a bracket, or a ':' not right
    # after a key ('{' or ',', then a string). c: the text between strings
    # (each now '\x01\x05'), without whitespace; b: the same as bytes.
    if c[:1] in (',', ':') or c[-1:] in (',', ':'):
        return True
    if ',,' in c or ',]' in c or '[,' in c:
        return True
    if '{' in c and (',}' in c or '{,' in c):
        return True
    if ':' not in c:
        return False
    for p in ('::', ':,', ',:', '[:', '{:', ':]', ':}'):
        if p in c:
            return True
    i = b.find(b':')
    while i >= 0:
        if i < 3 or b[i - 1] != 5 or b[i - 2] != 1 or b[i - 3] not in (44, 123):
            return True
        i = b.find(b':', i + 1)
    return False


def _walk(root, objects, colons, commas):
    # root with objects (lists [MARK, key, value, ...]) made ordered dicts;
    # _BAD when the counts of ':' and ',' are not the members and items
    # parsed (a missing or extra separator), or a key is not a string.
    if type(root) is not list:
        return _BAD if colons or commas else root
    nodes = [root]
    links = [None]
    members = items = full = 0
    i = 0
    while i < len(nodes):
        node = nodes[i]
        n = len(node)
        if objects and n and node[0] == _MARK:
            # [MARK, key, value, ..., END]: '}' wrote END, so that '{' ... ']'
            # shows (the built-in parser does not match brackets).
            n -= 2
            if n & 1 or node[-1] != _END:
                return _BAD
            members += n >> 1
            for k in node[1::2]:
                if type(k) is not str:
                    return _BAD
            vals = node[2::2]
            base = 2
            step = 2
        else:
            if objects and _END in node:
                return _BAD
            items += n
            vals = node
            base = 0
            step = 1
        if n:
            full += 1
            if list in map(type, vals):
                for j in range(len(vals)):
                    if type(vals[j]) is list:
                        nodes.append(vals[j])
                        links.append((i, base + j * step))
        i += 1
    if colons != members or commas != members + items - full:
        return _BAD
    if not objects:
        return root
    # Children before their parents: each replaces itself in its parent.
    for i in range(len(nodes) - 1, -1, -1):
        node = nodes[i]
        if node and node[0] == _MARK:
            v = _OD()
            for j in range(1, len(node) - 1, 2):
                v[node[j]] = node[j + 1]
        else:
            v = node
        if i == 0:
            return v
        p, j = links[i]
        nodes[p][j] = v


def _badstr(inner, strict):
    # Escapes and control characters CPython refuses in the strings' text.
    # (On bytes: MicroPython finds and indexes str from its start, every time.)
    b = inner.encode()
    i = b.find(b'\\')
    while i >= 0:
        c = b[i + 1:i + 2]
        if c == b'u':
            h = b[i + 2:i + 6]
            if len(h) < 4 or h.decode().strip(_HEX):
                return True
        elif c not in (b'b', b'f', b'n', b'r', b't', b'/'):
            return True
        i = b.find(b'\\', i + 2)
    return strict and min(inner.replace('\x01', ' ').encode() or b' ') < 32


def _badnum(b):
    # Numbers the built-in parser takes and CPython does not: '1.', '-.5',
    # '-e5', leading zeros. b: the text between strings, no whitespace, as bytes.
    n = len(b)
    i = b.find(b'.')
    while i >= 0:
        if not (i and 48 <= b[i - 1] <= 57 and i + 1 < n and 48 <= b[i + 1] <= 57):
            return True
        i = b.find(b'.', i + 1)
    i = b.find(b'-')
    while i >= 0:
        if not (i + 1 < n and 48 <= b[i + 1] <= 57):
            return True
        i = b.find(b'-', i + 1)
    i = b.find(b'+')
    while i >= 0:
        if not (i and b[i - 1] in (69, 101) and i + 1 < n and 48 <= b[i + 1] <= 57):
            return True
        i = b.find(b'+', i + 1)
    for p in (b'[0', b',0', b':0', b'-0'):
        i = b.find(p)
        while i >= 0:
            j = i + 2
            if j < n and 48 <= b[j] <= 57 and not (p == b'-0' and i and b[i - 1] in (69, 101)):
                return True
            i = b.find(p, j)
    return n > 1 and b[0] == 48 and 48 <= b[1] <= 57


# -- CPython's decoder: what is valid, and its errors -----------------------------

_ESC = {34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t'}
_HEX = '0123456789abcdefABCDEF'


class _Err(Exception):
    # A JSONDecodeError at a byte offset (made a character offset at the end).
    pass


def _ws(b, i, n):
    while i < n and b[i] in (32, 9, 10, 13):
        i += 1
    return i


def _hex4(b, i):
    h = b[i:i + 4].decode()
    return int(h, 16) if len(h) == 4 and not h.strip(_HEX) else -1


def _string(b, i, n, strict):
    # b[i] is an opening quote: (the string, the offset after its closing quote)
    begin = i
    i += 1
    out = []
    while True:
        j = i
        while j < n:
            c = b[j]
            if c == 34 or c == 92:
                break
            if c < 32 and strict:
                raise _Err('Invalid control character at', j)
            j += 1
        if j >= n:
            raise _Err('Unterminated string starting at', begin)
        out.append(b[i:j].decode())
        if b[j] == 34:
            return ''.join(out), j + 1
        j += 1
        if j >= n:
            raise _Err('Unterminated string starting at', begin)
        c = b[j]
        if c != 117:  # 'u'
            if c not in _ESC:
                raise _Err('Invalid \\escape', j - 1)
            out.append(_ESC[c])
            i = j + 1
            continue
        j += 1
        end = j + 4
        o = _hex4(b, j) if end < n else -1
        if o < 0:
            raise _Err('Invalid \\uXXXX escape', j - 1)
        if 0xd800 <= o <= 0xdbff and end + 6 < n and b[end:end + 2] == b'\\u':
            o2 = _hex4(b, end + 2)
            if o2 < 0:
                raise _Err('Invalid \\uXXXX escape', end + 1)
            if 0xdc00 <= o2 <= 0xdfff:
                o = 0x10000 + ((o - 0xd800) << 10) + (o2 - 0xdc00)
                end += 6
        out.append(chr(o))
        i = end


def _digits(b, i, n):
    while i < n and 48 <= b[i] <= 57:
        i += 1
    return i


def _number(b, i, n):
    # (the number at b[i:], the offset after it), or None when there is none.
    start = i
    if b[i] == 45:  # '-'
        i += 1
        if i >= n:
            return None
    if b[i] == 48:
        i += 1
    elif 49 <= b[i] <= 57:
        i = _digits(b, i, n)
    else:
        return None
    is_float = False
    if i + 1 < n and b[i] == 46 and 48 <= b[i + 1] <= 57:
        is_float = True
        i = _digits(b, i + 2, n)
    if i < n and b[i] in (69, 101):
        e = i
        i += 1
        if i < n and b[i] in (43, 45):
            i += 1
        i = _digits(b, i, n)
        if 48 <= b[i - 1] <= 57:
            is_float = True
        else:
            i = e
    t = b[start:i].decode()
    return (float(t) if is_float else int(t)), i


_CONST = ((b'null', None), (b'true', True), (b'false', False), (b'NaN', float('nan')),
          (b'Infinity', float('inf')), (b'-Infinity', float('-inf')))


def _parse(s, strict=True):
    # The document s, or CPython's JSONDecodeError.
    b = s.encode()
    try:
        return _parse_bytes(b, strict)
    except _Err as e:
        msg, pos = e.args
        raise JSONDecodeError(msg, s, len(b[:pos].decode()))


def _parse_bytes(b, strict):
    # Iterative: nesting depth costs no Python stack. Works on the UTF-8
    # bytes (MicroPython indexes a str from its start each time).
    n = len(b)
    i = _ws(b, 0, n)
    stack = []  # [container, key]
    while True:
        # a value at b[i:]
        c = b[i] if i < n else 0
        if c == 123:  # '{'
            i = _ws(b, i + 1, n)
            if i < n and b[i] == 125:
                v = _OD()
                i += 1
            else:
                if i >= n or b[i] != 34:
                    raise _Err('Expecting property name enclosed in double quotes', i)
                key, i = _string(b, i, n, strict)
                i = _ws(b, i, n)
                if i >= n or b[i] != 58:
                    raise _Err("Expecting ':' delimiter", i)
                i = _ws(b, i + 1, n)
                stack.append([_OD(), key])
                continue
        elif c == 91:  # '['
            i = _ws(b, i + 1, n)
            if i < n and b[i] == 93:
                v = []
                i += 1
            else:
                stack.append([[], None])
                continue
        elif c == 34:
            v, i = _string(b, i, n, strict)
        else:
            for word, v in _CONST:
                if b.startswith(word, i):
                    i += len(word)
                    break
            else:
                r = _number(b, i, n) if c == 45 or 48 <= c <= 57 else None
                if r is None:
                    raise _Err('Expecting value', i)
                v, i = r
        # v is complete: put it in its container, and close the finished ones.
        while True:
            if not stack:
                i = _ws(b, i, n)
                if i != n:
                    raise _Err('Extra data', i)
                return v
            top = stack[-1]
            cont = top[0]
            i = _ws(b, i, n)
            c = b[i] if i < n else 0
            if top[1] is None:
                cont.append(v)
                if c == 93:
                    i += 1
                    v = stack.pop()[0]
                    continue
                if c != 44:
                    raise _Err("Expecting ',' delimiter", i)
                i = _ws(b, i + 1, n)
                break
            cont[top[1]] = v
            if c == 125:
                i += 1
                v = stack.pop()[0]
                continue
            if c != 44:
                raise _Err("Expecting ',' delimiter", i)
            i = _ws(b, i + 1, n)
            if i >= n or b[i] != 34:
                raise _Err('Expecting property name enclosed in double quotes', i)
            key, i = _string(b, i, n, strict)
            i = _ws(b, i, n)
            if i >= n or b[i] != 58:
                raise _Err("Expecting ':' delimiter", i)
            i = _ws(b, i + 1, n)
            top[1] = key
            break


def load(fp, **kw):
    return loads(fp.read(), **kw)
