"""dataclasses for MicroPython.

Supported: @dataclass and @dataclass(...) with init, repr, eq, order, frozen
(FrozenInstanceError), unsafe_hash, kw_only, match_args; field() with default,
default_factory, init, repr, compare, hash, kw_only, metadata; __post_init__ and
InitVar; inheritance between dataclasses; fields, asdict, astuple, replace,
is_dataclass, make_dataclass; repr/eq as CPython's.

The catch: MicroPython compiles `x: int` in a class body to nothing (no
__annotations__), and `x: int = 0` to a plain `x = 0`. So, unless the class
namespace has __annotations__ (as CPython sets it, or the source transformer
writes it), the fields are the public non-callable class attributes, in source
order (read from the class body's bytecode, see _compat_a), and a field declared
without a value cannot be seen: calling the class with more arguments than the
visible fields raises a TypeError that says so. Give such fields a default, or
use field(). slots= and weakref_slot= are accepted and ignored.
"""
import _compat_a


class _Missing:
    def __repr__(self):
        return 'MISSING'


MISSING = _Missing()
KW_ONLY = _Missing()


class FrozenInstanceError(AttributeError):
    pass


class _InitVar:
    def __init__(self, type):
        self.type = type

    def __repr__(self):
        return 'dataclasses.InitVar[%s]' % getattr(self.type, '__name__', self.type)


class _InitVarForm:
    def __getitem__(self, t):
        return _InitVar(t)

    def __call__(self, t):
        return _InitVar(t)


InitVar = _InitVarForm()


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = metadata or {}
        self.kw_only = kw_only
        self._iv = False

    def __repr__(self):
        return ('Field(name=%r,type=%r,default=%r,default_factory=%r,init=%r,repr=%r,'
                'hash=%r,compare=%r,metadata=%r,kw_only=%r)') % (
            self.name, self.type, self.default, self.default_factory, self.init, self.repr,
            self.hash, self.compare, self.metadata, self.kw_only)


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


_F = '__dataclass_fields__'
_O = '__wb_field_order__'


def fields(x):
    try:
        fs = getattr(x, _O)
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance')
    return tuple([f for f in fs if not f._iv])


def is_dataclass(x):
    return hasattr(x, _O)


def _ann_is(t, name):
    if isinstance(t, str):
        return t.startswith(name) or t.startswith('typing.' + name) or t.startswith('dataclasses.' + name)
    return getattr(t, '_name', None) == name


def _fields_of(cls, kw_only):
    out = []
    for b in reversed(_compat_a.mro(cls)[1:]):
        for f in getattr(b, _O, ()):
            out = [g for g in out if g.name != f.name] + [f]
    names, ann = _compat_a.fields_of(cls)
    d = cls.__dict__
    kw = kw_only
    for n in names:
        v = d.get(n, MISSING)
        if v is KW_ONLY:
            kw = True
            continue
        t = ann.get(n)
        if _ann_is(t, 'ClassVar'):
            continue
        f = v if isinstance(v, Field) else field(default=v)
        f.name = n
        f.type = t
        if f.kw_only is MISSING:
            f.kw_only = kw
        if isinstance(t, _InitVar) or _ann_is(t, 'InitVar'):
            f._iv = True
        if isinstance(f.default, (list, dict, set)):
            raise ValueError('mutable default %s for field %s is not allowed: use default_factory'
                             % (type(f.default), n))
        if isinstance(v, Field):
            if f.default is MISSING:
                delattr(cls, n)
            else:
                setattr(cls, n, f.default)
        out = [g for g in out if g.name != n] + [f]
    return out


def _set(cls, name, fn):
    if name not in cls.__dict__:
        setattr(cls, name, fn)


def _init(cls, fs, frozen, partial):
    g = {'MISSING': MISSING, '__os': object.__setattr__, '__partial': _partial_error,
         '__cls': cls}
    args = []
    kwo = []
    body = []
    seen_default = False
    for f in fs:
        if f.init:
            a = f.name
            if f.default is not MISSING:
                g['__d_' + a] = f.default
                a += '=__d_' + a
            elif f.default_factory is not MISSING:
                a += '=MISSING'
            if f.kw_only:
                kwo.append(a)
            else:
                if '=' in a:
                    seen_default = True
                elif seen_default:
                    raise TypeError("non-default argument '%s' follows default argument" % f.name)
                args.append(a)
        if f._iv:
            continue
        if f.default_factory is not MISSING:
            g['__f_' + f.name] = f.default_factory
            v = ('__f_%s() if %s is MISSING else %s' % (f.name, f.name, f.name)) if f.init else '__f_%s()' % f.name
        elif f.init:
            v = f.name
        elif f.default is not MISSING:
            v = '__d_' + f.name
            g[v] = f.default
        else:
            continue
        body.append('__os(self, %r, %s)' % (f.name, v) if frozen else 'self.%s = %s' % (f.name, v))
    if hasattr(cls, '__post_init__'):
        body.append('self.__post_init__(%s)' % ', '.join([f.name for f in fs if f._iv]))
    sig = ['self'] + args
    if partial:
        sig.append('*__more')
    if kwo:
        if not partial:
            sig.append('*')
        sig += kwo
    if partial:
        sig.append('**__kw')
        body.insert(0, 'if __more or __kw: __partial(__cls, __more, __kw)')
    src = 'def __init__(%s):\n    %s\n' % (', '.join(sig), '\n    '.join(body or ['pass']))
    exec(src, g)
    return g['__init__']


def _partial_error(cls, more, kw):
    known = [f.name for f in fields(cls) if f.init]
    what = ('%d more positional argument%s' % (len(more), 's' if len(more) > 1 else '')) if more \
        else 'keyword argument %r' % list(kw)[0]
    raise TypeError(
        '%s() got %s than its known fields (%s). MicroPython discards class annotations without '
        'a value (such as `name: str`), so only dataclass fields given a default are visible '
        'here: give each field a default (`name: str = ""`) or use field().'
        % (cls.__name__, what, ', '.join(known) or 'none'))


def _process(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only):
    fs = _fields_of(cls, kw_only)
    partial = not isinstance(cls.__dict__.get('__annotations__'), dict)
    setattr(cls, _O, tuple(fs))
    setattr(cls, _F, dict([(f.name, f) for f in fs]))
    real = [f for f in fs if not f._iv]
    if init:
        _set(cls, '__init__', _init(cls, fs, frozen, partial))
    rnames = [f.name for f in real if f.repr]
    cnames = [f.name for f in real if f.compare]

    def key(self):
        return tuple([getattr(self, n) for n in cnames])

    if repr:
        def __repr__(self):
            c = self.__class__
            return '%s(%s)' % (getattr(c, '__qualname__', c.__name__),
                               ', '.join(['%s=%r' % (n, getattr(self, n)) for n in rnames]))
        _set(cls, '__repr__', __repr__)
    if eq:
        def __eq__(self, o):
            if o.__class__ is self.__class__:
                return key(self) == key(o)
            return NotImplemented

        def __ne__(self, o):
            if o.__class__ is self.__class__:
                return key(self) != key(o)
            return NotImplemented
        _set(cls, '__eq__', __eq__)
        _set(cls, '__ne__', __ne__)
    if order:
        for name in ('__lt__', '__le__', '__gt__', '__ge__'):
            if name in cls.__dict__:
                raise TypeError('Cannot overwrite attribute %s in class %s. Consider using '
                                'functools.total_ordering' % (name, cls.__name__))

        def cmp(op):
            def f(self, o):
                if o.__class__ is self.__class__:
                    return op(key(self), key(o))
                return NotImplemented
            return f
        cls.__lt__ = cmp(lambda a, b: a < b)
        cls.__le__ = cmp(lambda a, b: a <= b)
        cls.__gt__ = cmp(lambda a, b: a > b)
        cls.__ge__ = cmp(lambda a, b: a >= b)
    if frozen:
        def __setattr__(self, name, value):
            raise FrozenInstanceError("cannot assign to field '%s'" % name)

        def __delattr__(self, name):
            raise FrozenInstanceError("cannot delete field '%s'" % name)
        cls.__setattr__ = __setattr__
        cls.__delattr__ = __delattr__
    has_hash = '__hash__' in cls.__dict__ and cls.__dict__['__hash__'] is not None
    hnames = [f.name for f in real if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash or (eq and frozen):
        if not has_hash or unsafe_hash:
            cls.__hash__ = lambda self: hash(tuple([getattr(self, n) for n in hnames]))
    elif eq and not has_hash:
        cls.__hash__ = None
    if match_args:
        _set(cls, '__match_args__', tuple([f.name for f in fs if f.init and not f.kw_only]))
    return cls


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False):
    if order and not eq:
        raise ValueError('eq must be true if order is true')

    def wrap(c):
        return _process(c, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only)
    return wrap if cls is None else wrap(cls)


def _odict(pairs):
    # The insertion-ordered dict of transformed user code, when the runtime has it.
    try:
        return __wb_od(pairs)
    except NameError:
        return dict(pairs)


def _inner(x, factory):
    if hasattr(type(x), _O):
        return factory([(f.name, _inner(getattr(x, f.name), factory)) for f in fields(x)])
    if isinstance(x, tuple) and hasattr(x, '_fields'):
        return type(x)(*[_inner(v, factory) for v in x])
    if isinstance(x, (list, tuple)):
        return type(x)([_inner(v, factory) for v in x])
    if isinstance(x, dict):
        pairs = [(_inner(k, factory), _inner(v, factory)) for k, v in x.items()]
        if hasattr(x, 'default_factory'):
            return type(x)(x.default_factory, pairs)
        return type(x)(pairs)
    return x


def asdict(obj, *, dict_factory=None):
    if not hasattr(type(obj), _O):
        raise TypeError('asdict() should be called on dataclass instances')
    return _inner(obj, dict_factory or _odict)


def _tup(x):
    if hasattr(type(x), _O):
        return tuple([_tup(getattr(x, f.name)) for f in fields(x)])
    if isinstance(x, tuple) and hasattr(x, '_fields'):
        return type(x)(*[_tup(v) for v in x])
    if isinstance(x, (list, tuple)):
        return type(x)([_tup(v) for v in x])
    if isinstance(x, dict):
        return type(x)([(_tup(k), _tup(v)) for k, v in x.items()])
    return x


def astuple(obj, *, tuple_factory=tuple):
    if not hasattr(type(obj), _O):
        raise TypeError('astuple() should be called on dataclass instances')
    return tuple_factory(_tup(obj))


def replace(obj, **changes):
    if not hasattr(type(obj), _O):
        raise TypeError('replace() should be called on dataclass instances')
    for f in getattr(obj, _O):
        if not f.init:
            if f.name in changes:
                raise ValueError("field %s is declared with init=False, it cannot be specified with replace()" % f.name)
            continue
        if f.name not in changes:
            if f._iv and f.default is MISSING:
                raise ValueError("InitVar '%s' must be specified with replace()" % f.name)
            if not f._iv:
                changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **kw):
    ns = {}
    for k in namespace or ():
        ns[k] = namespace[k]
    ann = {}
    for spec in fields:
        if isinstance(spec, str):
            ann[spec] = 'typing.Any'
        elif len(spec) == 2:
            ann[spec[0]] = spec[1]
        else:
            ann[spec[0]] = spec[1]
            ns[spec[0]] = spec[2]
    ns['__annotations__'] = ann
    cls = type(cls_name, tuple(bases), ns)
    order = [s if isinstance(s, str) else s[0] for s in fields]
    _compat_a.given_order[cls] = order
    return dataclass(cls, **kw)
