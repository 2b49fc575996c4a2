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
    if isinstance(obj, list) or step is None or step == 1:
        return obj[start:stop:step] if isinstance(obj, list) else obj[start:stop]
    if step == 0:
        raise ValueError('slice step cannot be zero')
    picked = list(obj)[start:stop:step]
    if isinstance(obj, str):
        return ''.join(picked)
    if isinstance(obj, (bytes, bytearray)):
        return type(obj)(picked)
    if isinstance(obj, tuple):
        return tuple(picked)
    if isinstance(obj, range):
        return range(obj.start, obj.stop, obj.step)[start:stop] if step == 1 else picked
    return obj[start:stop:step]


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
        return _type(obj, *rest)
    kind = _type(obj)
    return _dict if kind is _od_new else kind


def __wb_mod(fmt, args):
    return fmt % (_dict(args.items()) if isinstance(args, _od_new) else args)


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
    return s.format(**mapping)


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


def __wb_call(obj, name, *args, **kwargs):
    if isinstance(obj, str) and name in _STR:
        return _STR[name](obj, *args, **kwargs)
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
    if isinstance(obj, float):
        if name == 'is_integer':
            return obj == int(obj) if obj == obj and obj not in (float('inf'), float('-inf')) else False
        if name == 'as_integer_ratio':
            return _ratio(obj)
    return getattr(obj, name)(*args, **kwargs)


# -- built-in functions MicroPython lacks ---------------------------------------

def format(value, spec=''):
    return ('{:' + spec + '}').format(value) if spec else str(value)


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
    return _open(file, mode)


for _name, _value in (
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

# CPython's finer exception classes, as aliases of what MicroPython raises:
# `except FileNotFoundError:` then catches MicroPython's OSError(ENOENT).
for _name, _base in (
    ('FileNotFoundError', OSError), ('FileExistsError', OSError), ('PermissionError', OSError),
    ('IsADirectoryError', OSError), ('NotADirectoryError', OSError), ('TimeoutError', OSError),
    ('ConnectionError', OSError), ('BrokenPipeError', OSError), ('InterruptedError', OSError),
    ('BlockingIOError', OSError), ('ProcessLookupError', OSError), ('IOError', OSError),
    ('EnvironmentError', OSError), ('ModuleNotFoundError', ImportError),
    ('RecursionError', RuntimeError), ('UnicodeDecodeError', UnicodeError),
    ('UnicodeEncodeError', UnicodeError), ('FloatingPointError', ArithmeticError),
):
    if not hasattr(builtins, _name):
        setattr(builtins, _name, _base)

# -- overlays installed at boot (sys.modules is searched before built-ins) ------
# `import math` finds MicroPython's built-in before sys.path (math is not an
# "extensible" built-in), so /lib/math.py is imported here under the package
# name `lib.math` (with '/' as the only path) and registered as 'math'. os
# (with os.path) is imported here too: both are common, and done at boot they
# live in the snapshot: importing them is a dict lookup, and a run that never
# does pays nothing.
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
if hasattr(_sys.modules.get('math'), '_round'):
    builtins.round = _sys.modules['math']._round  # round(float, ndigits) as CPython
try:
    import os as _os
except ImportError:
    pass
_os = None
