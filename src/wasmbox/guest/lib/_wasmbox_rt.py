# The guest half of wasmbox's source transformer (runs inside MicroPython).
# The bootstrap imports this module at boot, before the instance is parked, so
# it is part of the snapshot and costs nothing per run. It installs into
# builtins: the __wb_* helpers that rewritten code calls, and the built-in
# functions MicroPython lacks (format, vars, ascii, exit, quit) or gets subtly
# wrong (sorted is not stable in MicroPython).
import builtins

_native_sorted = sorted


def _stable_sorted(iterable, key=None, reverse=False):
    items = list(iterable)
    if key is None or len(items) < 2:
        # Without a key, equal items are interchangeable: stability cannot show.
        items.sort(key=key, reverse=reverse)
        return items
    # Decorate with the position so that equal keys keep their order, as in
    # CPython; the tuples are compared natively and items never are.
    sign = -1 if reverse else 1
    deco = [(key(x), sign * i) for i, x in enumerate(items)]
    deco.sort(reverse=reverse)
    return [items[sign * d[1]] for d in deco]


def __wb_slice(obj, start, stop, step):
    if step == 0:
        raise ValueError('slice step cannot be zero')
    if isinstance(obj, list) or step is None or step == 1:
        return obj[start:stop:step] if isinstance(obj, list) else obj[start:stop]
    if isinstance(obj, (str, bytes, bytearray, tuple)):
        picked = list(obj)[start:stop:step]
        if isinstance(obj, str):
            return ''.join(picked)
        return tuple(picked) if isinstance(obj, tuple) else type(obj)(picked)
    # Anything else (range, user classes) gets a real slice object.
    return obj[_slicer[start:stop:step]]


def _stepped(obj, start, stop, step):
    # The indices of obj[start:stop:step], or None when MicroPython does it.
    if step is None or step == 1 or not isinstance(obj, (list, bytearray)):
        return None
    if step == 0:
        raise ValueError('slice step cannot be zero')
    return range(*_slicer[start:stop:step].indices(len(obj)))


def __wb_setslice(obj, start, stop, step, value):
    idx = _stepped(obj, start, stop, step)
    if idx is None:
        obj[_slicer[start:stop:step]] = value
        return
    value = list(value)
    if len(value) != len(idx):
        raise ValueError('attempt to assign sequence of size %d to extended slice of size %d'
                         % (len(value), len(idx)))
    for i, v in zip(idx, value):
        obj[i] = v


def __wb_delslice(obj, start, stop, step):
    idx = _stepped(obj, start, stop, step)
    if idx is None:
        del obj[_slicer[start:stop:step]]
        return
    for i in sorted(idx, reverse=True):
        del obj[i]


from _wasmbox_od import _OD as _OrderedDict  # not all of collections: a lean snapshot
import _wasmbox  # noqa: F401 - the overlay modules' helper, loaded once into the snapshot

_dict = dict  # the built-in, before the ordered class below takes the name here


class dict(_OrderedDict):
    # The dict that rewritten code builds: insertion-ordered like CPython's
    # (MicroPython's own dicts are not), printed like a dict. Called `dict`
    # so that type(d).__name__ reads as in CPython.
    def __repr__(self):
        return '{' + ', '.join([repr(k) + ': ' + repr(v) for k, v in self.items()]) + '}'

    __str__ = __repr__

    # OrderedDict equality looks at order; a dict's does not.
    def __eq__(self, other):
        if isinstance(other, _OrderedDict):
            other = _dict(other.items())
        return _dict(self.items()) == other

    def __ne__(self, other):
        return not self.__eq__(other)

    # MicroPython's OrderedDict takes only real dicts as mappings.
    def update(self, *args, **kwargs):
        for arg in args:
            items = arg.items() if hasattr(arg, 'keys') else arg
            for key, value in items:
                self[key] = value
        for key, value in kwargs.items():
            self[key] = value

    def __or__(self, other):
        merged = __wb_od(self)
        merged.update(other)
        return merged

    def __ror__(self, other):
        merged = __wb_od(other)
        merged.update(self)
        return merged

    def __ior__(self, other):
        self.update(other)
        return self

    def copy(self):
        return __wb_od(self)

    @classmethod
    def fromkeys(cls, keys, value=None):
        return __wb_od(tuple([(k, value) for k in keys]))


_od_new = dict


def __wb_od(*args, **kwargs):
    # Pairs (what dict displays become) go to the native constructor; other
    # arguments through update(), which accepts any mapping.
    if len(args) == 1 and not kwargs and _type(args[0]) is tuple:
        return _od_new(args[0])
    d = _od_new()
    if args or kwargs:
        d.update(*args, **kwargs)
    return d


_type = type


def __wb_ior(target, value):
    if isinstance(target, _od_new):
        target.update(value)
        return target
    target |= value
    return target


def __wb_type(obj, *rest):
    if rest:
        if len(rest) == 2 and isinstance(rest[1], _od_new):
            rest = (rest[0], _dict(rest[1].items()))  # type(name, bases, ns) wants a real dict
        return _type(obj, *rest)
    kind = _type(obj)
    if kind is _od_new:
        return _dict
    return _NATIVE_OF.get(kind, kind) if _NATIVE_OF else kind


def __wb_mod(fmt, args):
    # 'text' % args. MicroPython's own when every argument is one it formats
    # right there (ints; ASCII strings for %s; floats for %.Nf away from a tie:
    # it gives '0.13' for '%.2f' % 0.125); else CPython's, from _wasmbox_text,
    # errors included. (No try: around MicroPython's % it costs as much again.)
    p = _PCT.get(fmt)
    if p is None:
        if len(_PCT) > 256:
            _PCT.clear()
        p = _PCT[fmt] = _lazy('_wasmbox_text').pct_scales(fmt) or False
    if p is False:  # mapping keys, '*', '%c'...
        return _lazy('_wasmbox_text').percent(fmt, args)
    if type(args) is tuple:
        if len(args) != len(p):
            return _lazy('_wasmbox_text').percent(fmt, args)
        i = len(args)
        while i:
            i -= 1
            if not _pok(args[i], p[i]):
                return _lazy('_wasmbox_text').percent(fmt, args)
    elif len(p) != 1 or not _pok(args, p[0]):
        return _lazy('_wasmbox_text').percent(fmt, args)
    return fmt % args


_PCT = {}  # template -> a code per argument: see _wasmbox_text.pct_scales


def _pok(v, code):
    # Whether MicroPython's % formats v as CPython for this conversion code.
    t = type(v)
    if t is int or t is bool:
        return True
    if t is str:
        return code == -2 and _ascii(v)
    if t is float:
        if code > 0:
            return _ftie(v, code)
        return code == -1 or (code == -2 and len(_repr(v)) < 17)
    return False


def _ftie(v, scale, log10=__import__('math').log10):
    # Whether v * scale is safely away from a tie (MicroPython rounds ties,
    # and near ties, the wrong way). A scale of p + 0.5 stands for '.pe':
    # v is scaled to p + 1 significant digits.
    if scale % 1.0:
        if v == 0:
            return True
        if v != v or v - v != 0:
            return False
        scale -= 0.5
        v = abs(v) * 10.0 ** (scale - log10(abs(v)) // 1)
        if not 10.0 ** scale <= v < 10.0 ** (scale + 1) - 1:
            return False  # log10 was a little off, or rounding would carry
    else:
        v *= scale
        if v < 0:
            v = -v
    if v < 1e15:  # (up to 15 digits MicroPython's are right; beyond, zeros)
        scale = v * 4e-16 + 1e-8  # what v's own rounding error can be, and some
        v %= 1.0
        return v < 0.5 - scale or v > 0.5 + scale
    return False


def _plain(namespace):
    return _dict(namespace.items()) if isinstance(namespace, _od_new) else namespace


def _run_code(run, code, globals_=None, locals_=None):
    # MicroPython's exec/eval need real dicts: run in plain copies, then copy back.
    g, l = _plain(globals_), _plain(locals_)
    try:
        if g is None:
            return run(code)
        return run(code, g) if l is None else run(code, g, l)
    finally:
        for mine, real in ((globals_, g), (locals_, l)):
            if mine is not real and mine is not None:
                mine.clear()
                mine.update(real)


_exec, _eval = exec, eval


def __wb_exec(code, *namespaces):
    return _run_code(_exec, code, *namespaces)


def __wb_eval(code, *namespaces):
    return _run_code(_eval, code, *namespaces)


def __wb_dict(*parts):
    out = __wb_od()
    for part in parts:
        out.update(part)
    return out


def __wb_concat(kind, *parts):
    out = []
    for part in parts:
        out.extend(part)
    if kind == 'tuple':
        return tuple(out)
    if kind == 'set':
        return set(out)
    return out


def __wb_is_seq(obj):
    return isinstance(obj, (list, tuple)) or (
        not isinstance(obj, (str, bytes, bytearray, _dict)) and hasattr(obj, '__getitem__')
        and hasattr(obj, '__len__')
    )


_SELF_MATCHING = (bool, bytearray, bytes, _dict, float, frozenset, int, list, set, str, tuple)


def __wb_match_arg(obj, cls, i):
    if cls in _SELF_MATCHING and i == 0:
        return obj
    names = getattr(cls, '__match_args__', ())
    if i >= len(names):
        raise TypeError('%s() accepts %d positional sub-pattern%s (%d given)' % (
            cls.__name__, len(names), '' if len(names) == 1 else 's', i + 1))
    return getattr(obj, names[i])


# -- str methods MicroPython lacks ----------------------------------------------

def _ljust(s, width, fill=' '):
    return s + fill * (width - len(s)) if width > len(s) else s


def _rjust(s, width, fill=' '):
    return fill * (width - len(s)) + s if width > len(s) else s


def _center(s, width, fill=' '):
    n = width - len(s)
    if n <= 0:
        return s
    left = n // 2 + (n & width & 1)
    return fill * left + s + fill * (n - left)


def _zfill(s, width):
    if len(s) >= width:
        return s
    sign = s[:1] if s[:1] in ('+', '-') else ''
    return sign + '0' * (width - len(s)) + s[len(sign):]


def _capitalize(s):
    return s[:1].upper() + s[1:].lower()


def _title(s):
    out = []
    prev_cased = False
    for c in s:
        cased = c.isalpha()
        out.append((c.lower() if prev_cased else c.upper()) if cased else c)
        prev_cased = cased
    return ''.join(out)


def _istitle(s):
    return s == _title(s) and any(c.isalpha() for c in s)


def _swapcase(s):
    return ''.join(c.lower() if c.isupper() else c.upper() for c in s)


def _isalnum(s):
    return len(s) > 0 and all(c.isalpha() or c.isdigit() for c in s)


def _isascii(s):
    return all(ord(c) < 128 for c in s)


def _isdigitlike(s):
    return len(s) > 0 and s.isdigit()


def _isidentifier(s):
    if not s or not (s[0].isalpha() or s[0] == '_' or ord(s[0]) > 127):
        return False
    return all(c.isalpha() or c.isdigit() or c == '_' or ord(c) > 127 for c in s)


def _isprintable(s):
    return all(' ' <= c and c != '\x7f' for c in s)


def _removeprefix(s, prefix):
    return s[len(prefix):] if prefix and s.startswith(prefix) else s[:]


def _removesuffix(s, suffix):
    return s[:len(s) - len(suffix)] if suffix and s.endswith(suffix) else s[:]


def _expandtabs(s, tabsize=8):
    out = []
    col = 0
    for c in s:
        if c == '\t':
            n = tabsize - col % tabsize if tabsize > 0 else 0
            out.append(' ' * n)
            col += n
        elif c in '\n\r':
            out.append(c)
            col = 0
        else:
            out.append(c)
            col += 1
    return ''.join(out)


def _format_map(s, mapping):
    # Looks keys up in the mapping itself (so __missing__ applies), as CPython.
    return _lazy('_wasmbox_text').vformat(s, (), None, mapping)


def _maketrans(x, y=None, z=None):
    table = {}
    if y is None:
        for k, v in x.items():
            table[ord(k) if isinstance(k, str) else k] = v
        return table
    if len(x) != len(y):
        raise ValueError('the first two maketrans arguments must have equal length')
    for a, b in zip(x, y):
        table[ord(a)] = ord(b)
    for c in z or '':
        table[ord(c)] = None
    return table


def _translate(s, table):
    out = []
    for c in s:
        try:
            v = table[ord(c)]
        except (KeyError, IndexError, LookupError):
            out.append(c)
            continue
        if v is None:
            continue
        out.append(chr(v) if isinstance(v, int) else v)
    return ''.join(out)


_STR = {
    'ljust': _ljust, 'rjust': _rjust, 'center': _center, 'zfill': _zfill,
    'capitalize': _capitalize, 'title': _title, 'istitle': _istitle, 'swapcase': _swapcase,
    'casefold': lambda s: s.lower(), 'isalnum': _isalnum, 'isascii': _isascii,
    'isdecimal': _isdigitlike, 'isnumeric': _isdigitlike, 'isidentifier': _isidentifier,
    'isprintable': _isprintable, 'removeprefix': _removeprefix, 'removesuffix': _removesuffix,
    'expandtabs': _expandtabs, 'format_map': _format_map, 'translate': _translate,
}


def _bytes_via_str(name):
    def method(b, *args):
        args = [a.decode('latin-1') if isinstance(a, (bytes, bytearray)) else a for a in args]
        return type(b)(_STR[name](b.decode('latin-1'), *args).encode('latin-1'))
    return method


_BYTES = {n: _bytes_via_str(n) for n in (
    'ljust', 'rjust', 'center', 'zfill', 'capitalize', 'title', 'swapcase',
    'removeprefix', 'removesuffix', 'expandtabs')}
_BYTES['isalnum'] = lambda b: _isalnum(b.decode('latin-1'))
_BYTES['isascii'] = lambda b: all(x < 128 for x in b)
_BYTES['istitle'] = lambda b: _istitle(b.decode('latin-1'))

# Keyword arguments MicroPython's methods reject, in positional order.
_KW = {
    'split': ('sep', 'maxsplit'), 'rsplit': ('sep', 'maxsplit'), 'splitlines': ('keepends',),
    'encode': ('encoding', 'errors'), 'decode': ('encoding', 'errors'),
    'index': ('sub', 'start', 'end'), 'find': ('sub', 'start', 'end'),
}
_KW_DEFAULTS = {'sep': None, 'maxsplit': -1, 'keepends': False, 'encoding': 'utf-8',
                'errors': 'strict', 'start': 0, 'end': None}


def _bit_length(n):
    n = -n if n < 0 else n
    length = 0
    while n:
        n >>= 1
        length += 1
    return length


def _ratio(x):
    if isinstance(x, int):
        return (x, 1)
    if x != x or x in (float('inf'), float('-inf')):
        raise ValueError('cannot convert NaN or infinity to integer ratio')
    den = 1
    while x != int(x):
        x *= 2
        den *= 2
    return (int(x), den)


def _stable_sort(lst, key=None, reverse=False):
    lst[:] = _stable_sorted(lst, key=key, reverse=reverse)


# str methods that depend on Unicode data: non-ASCII text goes to _wasmbox_ucd.
_UNI = {'upper', 'lower', 'casefold', 'swapcase', 'title', 'capitalize', 'isalpha',
        'isdigit', 'isdecimal', 'isnumeric', 'isalnum', 'isspace', 'isupper', 'islower',
        'istitle', 'isidentifier', 'isprintable'}


def __wb_u(obj, name):
    # s.upper(), s.isalpha()...: MicroPython's own know only ASCII.
    if type(obj) is str and not _ascii(obj):
        return getattr(_lazy('_wasmbox_ucd'), name)(obj)
    return getattr(obj, name)()


def __wb_call(obj, name, *args, **kwargs):
    if isinstance(obj, str) and name in _STR:
        if name in _UNI and not args and not _ascii(obj):
            return getattr(_lazy('_wasmbox_ucd'), name)(obj)
        return _STR[name](obj, *args, **kwargs)
    if (name == 'encode' or name == 'decode') and isinstance(obj, (str, bytes, bytearray)):
        try:
            return _lazy('_wasmbox_text').codec(obj, name, *args, **kwargs)
        except UnicodeError as e:
            _lazy('_wasmbox_exc').unicode_error(e, obj)  # e.object, as CPython
            raise
    if isinstance(obj, (bytes, bytearray)) and name in _BYTES:
        return _BYTES[name](obj, *args, **kwargs)
    if name == 'sort' and isinstance(obj, list):
        return _stable_sort(obj, *args, **kwargs)
    if kwargs and name in _KW and isinstance(obj, (str, bytes, bytearray)):
        order = _KW[name]
        values = list(args)
        for param in order[len(values):]:
            if param in kwargs:
                values.append(kwargs.pop(param))
            elif kwargs:
                values.append(_KW_DEFAULTS[param])
        if kwargs:
            raise TypeError("%s() got an unexpected keyword argument '%s'" % (name, list(kwargs)[0]))
        while values and len(values) > len(args) and values[-1] is None:
            values.pop()
        return getattr(obj, name)(*values)
    if obj is str and name == 'maketrans':
        return _maketrans(*args, **kwargs)
    if isinstance(obj, int) and not isinstance(obj, bool) or obj is True or obj is False:
        if name == 'bit_length':
            return _bit_length(obj)
        if name == 'bit_count':
            return bin(obj).count('1')
        if name == 'as_integer_ratio':
            return _ratio(int(obj))
    if name == 'conjugate' and (isinstance(obj, (int, float, complex)) or obj is True
                                or obj is False):
        return complex(obj.real, -obj.imag) if isinstance(obj, complex) else obj + 0
    if obj is float and (name == 'fromhex' or name == 'hex'):
        return getattr(_lazy('_wasmbox_text'), 'float_' + name)(*args)
    if isinstance(obj, float):
        if name == 'hex':
            return _lazy('_wasmbox_text').float_hex(obj)
        if name == 'is_integer':
            return obj == int(obj) if obj == obj and obj not in (float('inf'), float('-inf')) else False
        if name == 'as_integer_ratio':
            return _ratio(obj)
    if name == 'writelines' and not hasattr(obj, 'writelines'):
        # MicroPython's StringIO/BytesIO and files have write() only.
        for line in args[0]:
            obj.write(line)
        return None
    return getattr(obj, name)(*args, **kwargs)


# -- built-in functions MicroPython lacks ---------------------------------------

# -- text and number formatting -------------------------------------------------
# Rewritten f-string fields with a spec or conversion, format() and str.format
# calls come here. MicroPython formats floats from inexact float arithmetic
# (0.125 -> '0.13' at two places), pads strings by bytes, lacks ',' on floats:
# what MicroPython gets right goes to it at once, the rest to _wasmbox_text
# (exact digits; imported on first need). Non-ASCII case methods and
# character classes go to _wasmbox_ucd (Unicode tables; ditto).

_mods = {}


def _lazy(name):
    m = _mods.get(name)
    if m is None:
        m = _mods[name] = __import__(name)
    return m


def _ascii(s):
    return len(s) == len(memoryview(s))


_KINDS = {}  # spec -> (template, right for ASCII str, right for int, float scale)


def _kind(spec):
    # Which values MicroPython formats right with this spec. A float spec gets
    # 10**precision ('.2f', '>10.1f'; negative for '%'): right unless the
    # value is near a tie, which __wb_fmt checks.
    n = len(spec)
    i = 2 if n > 1 and spec[1] in '<>=^' else 1 if spec[0] in '<>=^' else 0
    align = spec[i - 1] if i else ''
    fill = spec[0] if i == 2 else ''
    j = i
    while j < n and spec[j] in '+- z#':
        j += 1
    flags = spec[i:j]
    zero = j < n and spec[j] == '0'
    while j < n and '0' <= spec[j] <= '9':
        j += 1
    group = spec[j] if j < n and spec[j] in ',_' else ''
    j += len(group)
    prec = ''
    dot = j < n and spec[j] == '.'
    if dot:
        k = j + 1
        while k < n and '0' <= spec[k] <= '9':
            k += 1
        prec = spec[j + 1:k]
        j = k
    typ = spec[j:]
    ok = fill < '\x80' and len(typ) < 2 and 'z' not in flags and (prec or not dot)
    str_ok = ok and not (flags or group) and align != '=' and typ in ('', 's')
    int_ok = ok and not prec and typ in ('', 'd', 'x', 'X', 'o', 'b') and not (
        group and (zero or fill == '0' or (group == ',' and typ not in ('', 'd'))))
    scale = 0
    p = int(prec) if prec else 6
    if ok and (prec or typ) and p < 100 and not group and '#' not in flags:
        if typ in ('f', '%'):
            scale = 10 ** p * (-1 if typ == '%' else 1)
        elif typ in ('e', 'E') and p < 8:
            scale = 0.5 + p  # 'e': p.5, for the precision p (see _ftie)
    if len(_KINDS) > 256:
        _KINDS.clear()
    k = _KINDS[spec] = ('{:' + spec + '}', str_ok, int_ok, scale)
    return k


def __wb_fmt(v, spec='', conv=None):
    # format(v, spec) after the conversion conv ('r', 's', 'a' or None). Few
    # locals on purpose: past 11 slots MicroPython puts the frame on the heap.
    if conv is not None:
        v = repr(v) if conv == 'r' else str(v) if conv == 's' else ascii(v)
    if not spec:
        return _fmt0(v)
    k = _KINDS.get(spec) or _kind(spec)
    t = type(v)
    if t is float:
        t = k[3]
        # MicroPython is right unless the first digit dropped is near a tie.
        if t and _ftie(v, t if t > 0 else -100.0 * t):
            return k[0].format(v)
    elif t is int:
        if k[2]:
            return k[0].format(v)
    elif t is str:
        if k[1] and _ascii(v):
            return k[0].format(v)
    return _lazy('_wasmbox_text').fmt(v, spec)


def __wb_f(template, kinds, *args):
    # An f-string with format specs or conversions, as a native format
    # template: formatted by MicroPython at once when every field is one it
    # gets right (kinds: (spec, conversion) per field, None for fields that
    # need no check), else by _wasmbox_text, exactly.
    i = len(kinds)
    while i:  # (a for loop calling _fok costs twice as much in MicroPython)
        i -= 1
        k = kinds[i]
        if k is not None and not _fok(args[i], k[0], k[1]):
            return _lazy('_wasmbox_text').vformat(template, args, {})
    return template.format(*args)


def _fok(v, spec, conv):
    # Whether MicroPython formats v with this spec and conversion as CPython.
    t = type(v)
    if conv is not None:
        if conv == 'a' or not (t is int or (t is str and _ascii(v))):
            return False  # (MicroPython has no '!a')
        if not spec:
            return True
        t = str
    k = _KINDS.get(spec) or _kind(spec)
    if t is float:
        t = k[3]
        if t and t % 1.0 == 0:
            # '.2f' (t: 100) or '.1%' (t: -10): _ftie inlined, calls cost.
            v = v * t if t > 0 else v * -100.0 * t
            if v < 0:
                v = -v
            if v < 1e15:
                t = v * 4e-16 + 1e-8
                v %= 1.0
                return v < 0.5 - t or v > 0.5 + t
            return False
        return t and _ftie(v, t)
    if t is int:
        return k[2]
    return t is str and k[1] and (conv is not None or _ascii(v))


def _fmt0(v):
    # format(v, '')
    t = type(v)
    if t is str:
        return v
    if t is int:
        return str(v)
    if t is float:
        t = _repr(v)
        if len(t) < 17:
            return t
    return _lazy('_wasmbox_text').fmt(v, '')


def format(value, spec=''):
    return __wb_fmt(value, spec)


_str = str


def _out(v):
    # v, or the text CPython prints for it where MicroPython's differs: its
    # float reprs can run a digit long (0.07 -> 0.07000000000000001), its
    # reprs of non-ASCII strings escape printable characters.
    t = type(v)
    if t is str or t is int or t is bool or v is None:
        return v
    if t is float:
        r = _repr(v)
        return r if len(r) < 17 else _lazy('_wasmbox_text').repr_float(v)
    s = _str(v)
    if ',)' in s and (t is list or t is tuple or t is _dict or t is _od_new or t is set):
        return _lazy('_wasmbox_exc').container_repr(v)  # [ValueError('x',)], as CPython
    # Only the built-in containers: other objects print what their own
    # __str__ makes (a Decimal's 28 digits are no float repr).
    if (t is list or t is tuple or t is _dict or t is _od_new or t is set) and (
            '000000' in s or '999999' in s or '\\x' in s or '\\u' in s or '\\U' in s):
        return _lazy('_wasmbox_text').fix_out(s)
    return s


def __wb_s(v):
    # An f-string field with no format spec: format(v, '').
    t = type(v)
    if t is str or t is int:
        return v
    if t is not float:
        f = getattr(t, '__format__', None)
        if f is not None:
            return f(v, '')
    return _out(v)


def __wb_str(v):
    # str(v) with one argument.
    t = type(v)
    return v if t is str else _str(v) if t is int else _str(_out(v))


_print = print


def __wb_print(*args, **kwargs):
    _print(*[_out(a) for a in args], **kwargs)


def __wb_vformat(template, *args, **kwargs):
    # template.format(...) with fields MicroPython lacks ('{0.attr}', '{0[k]}')
    # or that are errors (CPython's message).
    return _lazy('_wasmbox_text').vformat(template, args, kwargs)


def __wb_sformat(template, *args, **kwargs):
    # template.format(...) where the template is not a plain literal.
    if type(template) is not str:
        return template.format(*args, **kwargs)
    if not ('{' in template and (':' in template or '!' in template or '.' in template
                                 or '[' in template)):
        return template.format(*args, **kwargs)
    return _lazy('_wasmbox_text').vformat(template, args, kwargs)


_round = round


def round(number, ndigits=None):
    if ndigits is None:
        return _round(number)
    if type(number) is float:
        return _lazy('_wasmbox_text').round_float(number, ndigits)
    return _round(number, ndigits)


_repr = repr


def repr(obj):
    # MicroPython escapes every non-ASCII character; CPython the unprintable ones.
    r = _repr(obj)
    t = type(obj)
    if t is float:
        return r if len(r) < 17 else _lazy('_wasmbox_text').repr_float(obj)
    if t is str or t is list or t is tuple or t is _dict or t is _od_new or t is set:
        if ',)' in r and t is not str:
            return _lazy('_wasmbox_exc').container_repr(obj)  # [ValueError('x',)], as CPython
        if '000000' in r or '999999' in r or '\\x' in r or '\\u' in r or '\\U' in r:
            return _lazy('_wasmbox_text').fix_out(r)
    elif t is not int and isinstance(obj, BaseException):
        return _lazy('_wasmbox_exc').exc_repr(obj)  # ValueError('x'), not ValueError('x',)
    return r


def vars(*obj):
    if not obj:
        raise TypeError('vars() without an argument is not supported here')
    try:
        return obj[0].__dict__
    except AttributeError:
        raise TypeError('vars() argument must have __dict__ attribute')


def ascii(obj):
    r = repr(obj)
    out = []
    for c in r:
        o = ord(c)
        if o < 128:
            out.append(c)
        elif o < 0x100:
            out.append('\\x%02x' % o)
        elif o < 0x10000:
            out.append('\\u%04x' % o)
        else:
            out.append('\\U%08x' % o)
    return ''.join(out)


def exit(code=None):
    raise SystemExit(code)


_open = open


def open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
         closefd=True, opener=None):
    # MicroPython's open() rejects newline= and friends; text here is always
    # UTF-8 with '\n' line endings, which is what those arguments usually ask.
    if encoding is not None and encoding.lower().replace('-', '').replace('_', '') not in (
            'utf8', 'ascii', 'latin1', 'utf8sig'):
        raise LookupError('unknown encoding: ' + encoding)
    if not isinstance(file, (str, int)) and hasattr(file, '__fspath__'):
        file = file.__fspath__()  # os.PathLike, e.g. a pathlib.Path
    try:
        return _open(file, mode)
    except OSError as e:
        # FileNotFoundError(2, 'No such file or directory', file), as CPython.
        raise __wb_oserror(e, file)


class _SliceMaker:
    def __getitem__(self, key):
        return key


_slicer = _SliceMaker()


def __wb_mkslice(*args):
    # slice(...): MicroPython cannot call its slice type, but makes slices.
    n = len(args)
    if n == 1:
        return _slicer[:args[0]]
    if n == 2:
        return _slicer[args[0]:args[1]]
    if n == 3:
        return _slicer[args[0]:args[1]:args[2]]
    if n:
        raise TypeError('slice expected at most 3 arguments, got %d' % n)
    raise TypeError('slice expected at least 1 argument, got 0')


# -- classes and functions ---------------------------------------------------------
# MicroPython functions carry no attributes: what rewritten code stores on one
# (f.calls = 0), and the docstrings and annotations it records (__wb_fmeta),
# live in _FATTR, by function. The bulk (MRO, super(), class fixes...) is in
# _wasmbox_cls, imported on first need through __wb_cls.

def _fn():
    pass


def _gen():
    yield


_FTYPES = (type(_fn), type(_gen), type((lambda x: lambda: x)(0)))
_FATTR = {}
_SPECIAL = {'__doc__', '__annotations__', '__mro__', 'mro', '__closure__', '__qualname__',
            '__module__'}


def __wb_cls(name, *args, **kwargs):
    import _wasmbox_cls
    return getattr(_wasmbox_cls, name)(*args, **kwargs)


def __wb_getattr(obj, name):
    if type(obj) in _FTYPES:
        a = _FATTR.get(obj)
        if a is not None and name in a:
            return a[name]
    if name not in _SPECIAL:
        try:
            return getattr(obj, name)
        except AttributeError:
            if name[:2] != '__':
                if type(obj) in _FTYPES:  # MicroPython says 'closure' object
                    raise AttributeError("'function' object has no attribute '%s'" % name)
                raise
    return __wb_cls('attr', obj, name)


def __wb_setattr(obj, name, value):
    if type(obj) in _FTYPES:
        a = _FATTR.get(obj)
        if a is None:
            a = _FATTR[obj] = {}
        a[name] = value
    else:
        setattr(obj, name, value)
    return value


def __wb_fmeta(deco, doc, ann, qual):
    # A decorator recording a function's docstring, annotations and qualified
    # name, then applying deco (the innermost decorator in the source), if any.
    def apply(f):
        if type(f) in _FTYPES:
            a = _FATTR.get(f)
            if a is None:
                a = _FATTR[f] = {}
            if doc is not None:
                a['__doc__'] = doc
            if ann is not None:
                a['__annotations__'] = __wb_od(ann)
            if qual is not None:
                a['__qualname__'] = qual
        return f if deco is None else deco(f)
    return apply


def _has_int(spec):
    return spec is int or (spec.__class__ is tuple and int in spec)


def __wb_isinst(obj, spec):
    # MicroPython's bool is not a subclass of int.
    return isinstance(obj, spec) or (obj.__class__ is bool and _has_int(spec))


def __wb_issub(cls, spec):
    return issubclass(cls, spec) or (cls is bool and _has_int(spec))


_pow = pow


def __wb_pow(base, exp, mod):
    if exp < 0:
        return __wb_cls('pow3', base, exp, mod)
    return _pow(base, exp, mod)


_bc = builtins.__build_class__
from sys import modules as _modules
_NATIVE = (list, tuple, _dict, int, float, set, frozenset)  # no __str__ of their own


def _build_class(_wb_body, _wb_name, *bases, **kw):
    # Class creation as CPython's type() does it: class keywords, then
    # __init_subclass__, reflected comparisons, __missing__, __slots__.
    # (Reading builtins.__build_class__ gives the native one: _compat_a, whose
    # hook calls this one, finds it as __wb_build_class, and then calls
    # __init_subclass__ itself.)
    if kw:
        return __wb_cls('build', _wb_body, _wb_name, bases, kw)
    cls = _bc(_wb_body, _wb_name, *bases)
    d = cls.__dict__
    n = ('__lt__' in d) + ('__gt__' in d) + ('__le__' in d) + ('__ge__' in d)
    fix = (0 < n < 4 or ('__slots__' in d and '__setattr__' not in d)
           or ('__missing__' in d and '__getitem__' not in d)
           or ('__repr__' in d and '__str__' not in d and bases and issubclass(cls, _NATIVE)))
    if not fix:
        for b in bases:
            if getattr(b, '__init_subclass__', None) is not None:
                fix = True
                break
    if fix:
        return __wb_cls('fix', cls, kw, '_compat_a' not in _modules)
    return cls


for _name, _value in (
    ('__wb_cls', __wb_cls), ('__wb_getattr', __wb_getattr), ('__wb_setattr', __wb_setattr),
    ('__wb_fmeta', __wb_fmeta), ('__wb_isinst', __wb_isinst), ('__wb_issub', __wb_issub),
    ('__wb_pow', __wb_pow), ('__wb_odict', dict), ('__build_class__', _build_class),
    ('__wb_build_class', _build_class),
):
    setattr(builtins, _name, _value)


for _name, _value in (
    ('__wb_fmt', __wb_fmt), ('__wb_f', __wb_f), ('__wb_sformat', __wb_sformat), ('__wb_u', __wb_u),
    ('__wb_vformat', __wb_vformat),
    ('__wb_mkslice', __wb_mkslice), ('__wb_fromkeys', dict.fromkeys),
    ('__wb_setslice', __wb_setslice), ('__wb_delslice', __wb_delslice),
    ('round', round), ('repr', repr), ('__wb_s', __wb_s), ('__wb_str', __wb_str),
    ('__wb_print', __wb_print),
    ('__wb_slice', __wb_slice), ('__wb_dict', __wb_dict), ('__wb_od', __wb_od),
    ('__wb_type', __wb_type), ('__wb_mod', __wb_mod), ('__wb_exec', __wb_exec),
    ('__wb_ior', __wb_ior),
    ('__wb_eval', __wb_eval),
    ('__wb_concat', __wb_concat),
    ('__wb_is_seq', __wb_is_seq), ('__wb_match_arg', __wb_match_arg), ('__wb_call', __wb_call),
    ('format', format), ('vars', vars), ('ascii', ascii), ('exit', exit), ('quit', exit),
    ('sorted', _stable_sorted), ('open', open),
):
    setattr(builtins, _name, _value)

# -- exceptions ----------------------------------------------------------------
# CPython's exception classes MicroPython lacks, as real classes (their names,
# their place in the hierarchy). What MicroPython raises natively (OSError(44)
# for a missing file) still matches them: rewritten `except` clauses that name
# them go through __wb_match. Rewritten code also builds and subclasses
# "shadows" of the native classes (__wb_shadow: same name, CPython's str and
# attributes). The common cases are here; the rest, and the methods, are in
# _wasmbox_exc, imported on first need (the stubs below import it, and it
# replaces them in builtins with the real functions).

_NATIVE_OF = {}  # shadow class -> native class
_VIRTUAL = {}  # name -> class, for the classes below
_HANDLED = [None]  # the exception the latest rewritten handler took
_NATIVE_EXC = {
    ArithmeticError, AssertionError, AttributeError, BaseException, EOFError, Exception,
    GeneratorExit, ImportError, IndentationError, IndexError, KeyError, KeyboardInterrupt,
    LookupError, MemoryError, NameError, NotImplementedError, OSError, OverflowError,
    RuntimeError, StopAsyncIteration, StopIteration, SyntaxError, SystemExit, TypeError,
    UnicodeError, ValueError, ZeroDivisionError,
}


def _vmethod(name):
    def method(self, *args):
        import _wasmbox_exc
        return getattr(_wasmbox_exc, name)(self, *args)
    return method


_VDICT = (
    ('__init__', _vmethod('init')), ('__str__', _vmethod('str_')), ('__cause__', None),
    ('__context__', None), ('__suppress_context__', False),
    ('with_traceback', _vmethod('with_traceback')), ('add_note', _vmethod('add_note')),
)


for _name, _base in (
    ('ConnectionError', OSError), ('BlockingIOError', OSError), ('ChildProcessError', OSError),
    ('FileExistsError', OSError), ('FileNotFoundError', OSError),
    ('InterruptedError', OSError), ('IsADirectoryError', OSError),
    ('NotADirectoryError', OSError), ('PermissionError', OSError),
    ('ProcessLookupError', OSError), ('TimeoutError', OSError),
    ('BrokenPipeError', 'ConnectionError'), ('ConnectionAbortedError', 'ConnectionError'),
    ('ConnectionRefusedError', 'ConnectionError'), ('ConnectionResetError', 'ConnectionError'),
    ('ModuleNotFoundError', ImportError), ('RecursionError', RuntimeError),
    ('UnboundLocalError', NameError), ('TabError', IndentationError),
    ('UnicodeDecodeError', UnicodeError), ('UnicodeEncodeError', UnicodeError),
    ('UnicodeTranslateError', UnicodeError), ('FloatingPointError', ArithmeticError),
    ('BufferError', Exception), ('ReferenceError', Exception), ('SystemError', Exception),
    ('BaseExceptionGroup', BaseException), ('ExceptionGroup', Exception),
    ('Warning', Exception), ('UserWarning', 'Warning'), ('DeprecationWarning', 'Warning'),
    ('PendingDeprecationWarning', 'Warning'), ('SyntaxWarning', 'Warning'),
    ('RuntimeWarning', 'Warning'), ('FutureWarning', 'Warning'), ('ImportWarning', 'Warning'),
    ('UnicodeWarning', 'Warning'), ('BytesWarning', 'Warning'),
    ('ResourceWarning', 'Warning'), ('EncodingWarning', 'Warning'),
):
    # (Names set on builtins resolve in code, but getattr(builtins, ...) does
    # not see them: _VIRTUAL is how other modules find these classes.)
    _value = _dict(_VDICT)
    _value['__module__'] = 'builtins'
    _value['__qualname__'] = _name
    _VIRTUAL[_name] = _value = _type(_name, (_VIRTUAL.get(_base, _base),), _value)
    setattr(builtins, _name, _value)
builtins.IOError = builtins.EnvironmentError = OSError


def __wb_native(x):
    # The native class for a shadow (`exc_type is KeyError` in an __exit__).
    return _NATIVE_OF.get(x, x) if _NATIVE_OF and isinstance(x, _type) else x


builtins.__wb_native = __wb_native


_SHADOW = {}


def __wb_shadow(cls):
    # ValueError('x') and class E(ValueError) in rewritten code: a subclass
    # with CPython's str() and attributes; type() reports the native class.
    if not isinstance(cls, _type):
        return cls
    s = _SHADOW.get(cls)
    if s is not None or cls not in _NATIVE_EXC:
        return s or cls
    d = _dict(_VDICT)
    del d['__init__'], d['__str__']  # MicroPython's are right but for these:
    if _issubclass(cls, (KeyError, OSError, UnicodeError)):
        d['__init__'] = _vmethod('init')
        d['__str__'] = _vmethod('str_')
    elif _issubclass(cls, SystemExit):
        d['code'] = property(_vmethod('exit_code'))
    elif _issubclass(cls, ImportError):
        d['name'] = d['path'] = None
    d['__module__'] = 'builtins'
    d['__qualname__'] = cls.__name__
    s = _SHADOW[cls] = _type(cls.__name__, (cls,), d)
    _NATIVE_OF[s] = cls
    return s


def _exc():
    return _lazy('_wasmbox_exc')


def __wb_raise(x, *cause):
    # `raise x [from cause]`: __context__ and __cause__ (_wasmbox_exc) unless
    # x is already CPython-like and raised outside any handler.
    if x.__class__ is _type and _issubclass(x, BaseException):
        x = __wb_shadow(x)()
    if cause or x.__class__ in _NATIVE_EXC or _sys.exc_info()[1] is not None:
        return _exc().raise_(x, *cause)
    return x


def __wb_exc(e):
    # First thing in `except ... as e:`: MicroPython's own exception as CPython's.
    if e.__class__ in _NATIVE_EXC:
        return _exc().exc(e)
    _HANDLED[0] = e
    return e


def _exc_stub(name):
    def stub(*args):
        import _wasmbox_exc  # replaces the stubs in builtins
        return getattr(_wasmbox_exc, name)(*args)
    return stub


for _name in ('match', 'xattr', 'star', 'div0', 'item', 'oserror', 'handling', 'exc_info',
              'new_oserror'):
    setattr(builtins, '__wb_' + _name, _exc_stub(_name))
builtins.__wb_shadow = __wb_shadow
builtins.__wb_raise = __wb_raise
builtins.__wb_exc = __wb_exc


def __wb_float(*args):
    # float(x) with CPython's message for a string it cannot read.
    try:
        return _float(*args)
    except ValueError:
        if len(args) == 1 and isinstance(args[0], (str, bytes, bytearray)):
            raise ValueError('could not convert string to float: %r' % (args[0],))
        raise


def __wb_decode(obj, *args):
    # b.decode() / b.decode('utf-8'): native, but a failure says where (the
    # codec in _wasmbox_text computes the position, _wasmbox_exc the attributes).
    try:
        return obj.decode(*args)
    except UnicodeError:
        if isinstance(obj, (bytes, bytearray)):
            return __wb_call(obj, 'decode', *args)
        raise


_float = float
builtins.__wb_float = __wb_float
builtins.__wb_decode = __wb_decode
_issubclass = issubclass
_VBASES = (OSError, RuntimeError, ImportError, UnicodeError, NameError)


def _vissubclass(cls, spec):
    # issubclass(OSError, FileNotFoundError) is True while MicroPython's
    # OSError(ENOENT) is being handled: contextlib.suppress(FileNotFoundError)
    # and other __exit__ methods get the native class of what was raised.
    if _issubclass(cls, spec):
        return True
    if cls in _VBASES:
        e = _sys.exc_info()[1]
        return e is not None and e.__class__ is cls and __wb_match(spec) is cls
    return False


builtins.issubclass = _vissubclass

# -- overlays installed at boot (sys.modules is searched before built-ins) ------
# `import math` finds MicroPython's built-in before sys.path (math is not an
# "extensible" built-in), so /lib/math.py is imported here under the package
# name `lib.math` (with '/' as the only path) and registered as 'math'. Done at
# boot, it lives in the snapshot: `import math` is a dict lookup, and a run
# that never imports it pays nothing measurable. (os is not loaded here: its
# overlay at boot made every run ~10 us slower; `import os` loads it lazily.)
import sys as _sys
_path = _sys.path
_sys.path = ['/']
try:
    _sys.modules['math'] = __import__('lib.math', None, None, ('pi',))
except ImportError:  # no overlay mounted: keep the built-in
    pass
finally:
    _sys.path = _path
    _sys.modules.pop('lib', None)
    _sys.modules.pop('lib.math', None)
_path = None

# Loaded into the snapshot too: `typing` (most model-written code imports it) and
# _wasmbox_exc (every run that fails, and many that handle exceptions, need it).
# Each costs a run that loads it about a millisecond.
import typing as _typing
import _wasmbox_exc as _x
_typing = _x = None
