# Class and function semantics MicroPython lacks (guest code, imported by the
# runtime on first need: never at boot). Rewritten user code and the runtime's
# __build_class__ hook call in here through __wb_cls(name, ...):
# - __mro__ / mro() (C3 linearisation), __doc__, __annotations__, __closure__,
#   __qualname__, __module__ and the dunder methods built-in objects lack
#   (key=lst.__getitem__);
# - super().attr following the instance's C3 MRO (MicroPython searches the
#   bases depth-first: wrong in diamonds), super().__new__(cls, value) for
#   subclasses of float, int, str, tuple...;
# - at class creation: __init_subclass__ with class keywords, reflected
#   comparisons for a class defining some (a > b asks b.__lt__(a) when a has
#   no __gt__, else raises CPython's TypeError), __missing__ for dict
#   subclasses, __slots__ refusing other attributes;
# - NotImplemented returned by a binary operator: the reflected operand's
#   method, then CPython's TypeError message;
# - int.to_bytes/from_bytes keywords and signed from_bytes, pow(b, -e, m),
#   zip(strict=True), walrus targets in module-level comprehensions.
import builtins
import _wasmbox_rt

_bc = _wasmbox_rt._bc  # the native __build_class__, without the hook
_FN = _wasmbox_rt._FTYPES
_FATTR = _wasmbox_rt._FATTR


def _noop():
    pass


# -- MRO ------------------------------------------------------------------------

_MRO = {}


def _bases(c):
    if c is bool:
        return (int,)  # MicroPython: bool.__bases__ == (object,)
    return getattr(c, '__bases__', ())


def mro(cls):
    """cls's C3 method resolution order, as a tuple (cached)."""
    m = _MRO.get(cls)
    if m is not None:
        return m
    todo = [cls]
    while todo:  # bases before the classes built on them, without recursion
        c = todo[-1]
        if c in _MRO:
            todo.pop()
            continue
        bs = _bases(c)
        pending = [b for b in bs if b not in _MRO]
        if pending:
            todo.extend(pending)
            continue
        todo.pop()
        seqs = [list(_MRO[b]) for b in bs] + [list(bs)]
        out = [c]
        while True:
            seqs = [s for s in seqs if s]
            if not seqs:
                break
            for s in seqs:
                head = s[0]
                for t in seqs:
                    if head in t[1:]:
                        break
                else:
                    break
            else:
                raise TypeError('Cannot create a consistent method resolution order (MRO) '
                                'for bases ' + ', '.join([b.__name__ for b in bs]))
            out.append(head)
            for s in seqs:
                if s[0] is head:
                    del s[0]
        _MRO[c] = tuple(out)
    return _MRO[cls]


def _dict(c):
    try:
        return c.__dict__
    except AttributeError:
        return {}


def _user(c):
    return '__module__' in _dict(c)


# -- special attributes -----------------------------------------------------------

class _Cell:
    # What __closure__ holds: MicroPython closures cannot be looked into.
    def __repr__(self):
        return '<cell at 0x%x>' % id(self)


def _meta(obj):
    a = _FATTR.get(obj)
    if a is None:
        a = _FATTR[obj] = {}
    return a


def _bound_dunder(obj, name):
    # The dunder methods MicroPython's built-in objects lack, for key=d.__getitem__ & co.
    if name == '__getitem__':
        return lambda k: obj[k]
    if name == '__contains__':
        return lambda k: k in obj
    if name == '__len__':
        return lambda: len(obj)
    if name == '__iter__':
        return lambda: iter(obj)
    if name == '__setitem__':
        def setitem(k, v):
            obj[k] = v
        return setitem
    if name == '__delitem__':
        def delitem(k):
            del obj[k]
        return delitem
    if name == '__repr__':
        return lambda: repr(obj)
    if name == '__str__':
        return lambda: str(obj)
    if name == '__hash__':
        return lambda: hash(obj)
    if name == '__eq__':
        return lambda o: obj == o
    if name == '__ne__':
        return lambda o: obj != o
    if name == '__lt__':
        return lambda o: obj < o
    if name == '__le__':
        return lambda o: obj <= o
    if name == '__gt__':
        return lambda o: obj > o
    if name == '__ge__':
        return lambda o: obj >= o
    if name == '__add__':
        return lambda o: obj + o
    if name == '__mul__':
        return lambda o: obj * o
    return None


def attr(obj, name):
    """obj.name for the special attributes MicroPython lacks or gets wrong."""
    t = type(obj)
    fn = t in _FN
    if name == '__doc__':
        if fn:
            return None
        if isinstance(obj, type):
            return _dict(obj).get('__doc__')
        d = _dict(obj)
        if '__doc__' in d:
            return d['__doc__']
        return _dict(t).get('__doc__')
    if name == '__annotations__':
        if fn:
            a = _meta(obj)
            if '__annotations__' not in a:
                a['__annotations__'] = __wb_od()
            return a['__annotations__']
        d = _dict(obj)
        if '__annotations__' not in d:
            if isinstance(obj, type):
                try:
                    obj.__annotations__ = __wb_od()
                except (AttributeError, TypeError):
                    return __wb_od()
            else:
                return getattr(obj, '__annotations__')
        return d['__annotations__']
    if name == '__mro__':
        if isinstance(obj, type):
            return mro(obj)
    elif name == 'mro':
        if isinstance(obj, type):
            return lambda: list(mro(obj))
    elif name == '__closure__':
        if fn:
            return (_Cell(),) if t.__name__ == 'closure' else None
    elif name == '__qualname__':
        if fn:
            return obj.__name__
    elif name == '__module__':
        if fn:
            return obj.__globals__.get('__name__')
        if isinstance(obj, type) and not _user(obj):
            return 'builtins'
    try:
        return getattr(obj, name)
    except AttributeError:
        m = _bound_dunder(obj, name) if name[:2] == '__' else None
        if m is None:
            if fn:
                raise AttributeError("'function' object has no attribute '%s'" % name)
            raise
        return m


# -- super() ------------------------------------------------------------------------

_SUP = {}  # (class, start, name) -> the class giving name, or None: native super agrees
_nsuper = super


def _dfs(klass, name):
    # Where MicroPython's super(klass, x).name looks: klass's bases, depth first.
    todo = list(_bases(klass))
    while todo:
        c = todo.pop(0)
        if name in _dict(c):
            return c
        todo[0:0] = list(_bases(c))
    return object if name in _dict(object) else None


def _isc_default(**kw):
    if kw:
        raise TypeError('__init_subclass__() takes no keyword arguments')


def sup(klass, obj, name):
    """super(klass, obj).name as CPython finds it, following obj's C3 MRO."""
    start = obj if isinstance(obj, type) and issubclass(obj, klass) else type(obj)
    key = (klass, start, name)
    found = _SUP.get(key, _noop)
    if found is _noop:
        found = None
        m = mro(start)
        if klass in m:
            for c in m[m.index(klass) + 1:]:
                if name in _dict(c):
                    found = c
                    break
        if found is None:
            found = object
        if found is _dfs(klass, name) and not (name == '__new__' and not _user(found)):
            found = None
        if len(_SUP) > 256:
            _SUP.clear()
        _SUP[key] = found
    if found is None:
        try:
            return getattr(_nsuper(klass, obj), name)
        except AttributeError:
            m = _fallback(klass, obj, name)
            if m is None:
                raise
            return m
    if name == '__new__' and not _user(found):
        return new
    if found is object and name not in _dict(object):
        m = _fallback(klass, obj, name)
        if m is None:
            raise AttributeError("'super' object has no attribute '%s'" % name)
        return m
    v = _dict(found)[name]
    if isinstance(v, staticmethod):
        return getattr(found, name)
    if isinstance(v, (classmethod, property)):
        return getattr(_nsuper(klass, obj), name)  # cannot be rebound here
    if callable(v) and not isinstance(v, type):
        return lambda *a, **k: v(obj, *a, **k)
    return v


def _fallback(klass, obj, name):
    # A method CPython's object or built-in base has and MicroPython's lacks:
    # super().__contains__(k) in a dict subclass, super().__repr__()...
    if name == '__init_subclass__':
        return _isc_default
    if isinstance(obj, type):
        return None
    if _native_base(type(obj)) is not None:
        s = _nsuper(klass, obj)
        get = getattr(s, 'get', None)
        if name == '__contains__' and get is not None:
            return lambda k: get(k, _noop) is not _noop
        copy = getattr(s, 'copy', None)
        if copy is not None and name not in ('__setitem__', '__delitem__'):
            return _bound_dunder(copy(), name)
        return None
    if name == '__repr__' or name == '__str__':
        t = type(obj)
        mod = _dict(t).get('__module__', '__main__')
        return lambda: '<%s.%s object at 0x%x>' % (mod, getattr(t, '__qualname__', t.__name__), id(obj))
    if name == '__eq__':
        return lambda o: True if o is obj else NotImplemented
    if name == '__ne__':
        return lambda o: False if o is obj else NotImplemented
    if name in _SYM:
        return lambda o: NotImplemented
    return None


def _native_base(cls):
    for c in mro(cls):
        if c is not object and not _user(c):
            return c
    return None


def new(cls, *args, **kw):
    """object.__new__(cls), initialising a built-in base (float, str, tuple...) from args."""
    r = object.__new__(cls)
    nb = _native_base(cls)
    if nb is None:
        if args or kw:
            raise TypeError('object.__new__() takes exactly one argument (the type to instantiate)')
        return r
    for c in mro(cls):
        if nb in _bases(c):
            _nsuper(c, r).__init__(*args, **kw)
            break
    return r


# -- class creation ---------------------------------------------------------------

_REFLECT = {'__lt__': ('__gt__', '>'), '__gt__': ('__lt__', '<'),
            '__le__': ('__ge__', '>='), '__ge__': ('__le__', '<=')}
_SYM = {'__lt__': '<', '__gt__': '>', '__le__': '<=', '__ge__': '>='}


def _mk_reflected(name):
    other_name = _REFLECT[name][0]
    sym = _SYM[name]

    def reflected(self, other):
        m = getattr(type(other), other_name, None)
        if m is not None and m not in _REFLECTED:
            r = m(other, self)
            if r is not NotImplemented:
                return r
        raise TypeError("'%s' not supported between instances of '%s' and '%s'" % (
            sym, type(self).__name__, type(other).__name__))
    return reflected


_REFLECTED_BY_NAME = {n: _mk_reflected(n) for n in _REFLECT}
_REFLECTED = list(_REFLECTED_BY_NAME.values())
_SLOTS = {}
# The ordered dicts' __str__ (their __repr__): no __str__ of a user's own.
_IMPLICIT_STR = [getattr(getattr(_wasmbox_rt, n, None), '__str__', None)
                 for n in ('dict', '_OrderedDict')]


def _slots_setattr(self, name, value):
    allowed = _SLOTS.get(type(self))
    if allowed is not None and name not in allowed:
        raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))
    object.__setattr__(self, name, value)


def _missing_getitem_for(cls):
    def getitem(self, key):
        try:
            return _nsuper(cls, self).__getitem__(key)
        except KeyError:
            return self.__missing__(key)
    return getitem


def fix(cls, kw, isc):
    """What CPython's type() does at class creation and MicroPython's does not."""
    d = cls.__dict__
    if '__lt__' in d or '__gt__' in d or '__le__' in d or '__ge__' in d:
        for name in _REFLECT:
            # a > b with no __gt__: b.__lt__(a), else CPython's TypeError message.
            if name not in d and getattr(cls, name, None) is None:
                setattr(cls, name, _REFLECTED_BY_NAME[name])
    if '__repr__' in d and '__str__' not in d:
        # print() of a list or dict subclass: MicroPython finds the built-in
        # base's printing before the class's own __repr__.
        s = getattr(cls, '__str__', None)
        if (s is None or s in _IMPLICIT_STR) and not issubclass(cls, (str, bytes, bytearray)):
            cls.__str__ = d['__repr__']
    if '__missing__' in d and '__getitem__' not in d and issubclass(cls, dict):
        cls.__getitem__ = _missing_getitem_for(cls)
    if '__slots__' in d and '__setattr__' not in d:
        allowed = set()
        for c in mro(cls):
            cd = _dict(c)
            if c is object or not _user(c):
                continue
            if '__slots__' not in cd:
                allowed = None
                break
            s = cd['__slots__']
            allowed.update((s,) if isinstance(s, str) else s)
        if allowed is not None and '__dict__' not in allowed:
            _SLOTS[cls] = allowed
            cls.__setattr__ = _slots_setattr
    if isc:  # (else _compat_a's hook, which calls this one, does it)
        init_subclass(cls, kw)
    return cls


def init_subclass(cls, kw):
    for c in mro(cls)[1:]:
        raw = _dict(c).get('__init_subclass__')
        if raw is None:
            continue
        if isinstance(raw, classmethod):
            getattr(_nsuper(cls, cls), '__init_subclass__')(**kw)
        elif isinstance(raw, staticmethod):
            getattr(c, '__init_subclass__')(**kw)
        else:
            raw(cls, **kw)
        return
    _isc_default(**kw)


def build(body, name, bases, kw):
    """A class statement with keywords (class A(B, flag=1)): MicroPython's takes none."""
    meta = kw.pop('metaclass', None)
    if meta is not None and meta is not type:
        raise TypeError('metaclass=%s is not supported by MicroPython' % getattr(meta, '__name__', meta))
    cls = _bc(body, name, *bases)
    return fix(cls, kw, True)


# -- operators ----------------------------------------------------------------------

_BINOPS = {
    '__add__': '+', '__sub__': '-', '__mul__': '*', '__truediv__': '/', '__floordiv__': '//',
    '__mod__': '%', '__pow__': '** or pow()', '__matmul__': '@', '__and__': '&', '__or__': '|',
    '__xor__': '^', '__lshift__': '<<', '__rshift__': '>>', '__divmod__': 'divmod()',
}


def ni(self, other, name):
    """What `return NotImplemented` in self.<name>(other) leads to in CPython."""
    if _busy[0]:
        return NotImplemented  # asked by ni() itself, for the reflected operation
    if name in _SYM:
        rname = _REFLECT[name][0]
        m = getattr(type(other), rname, None)
        if m is not None and m not in _REFLECTED:
            r = _call(m, other, self)
            if r is not NotImplemented:
                return r
        raise TypeError("'%s' not supported between instances of '%s' and '%s'" % (
            _SYM[name], type(self).__name__, type(other).__name__))
    left, right = type(self).__name__, type(other).__name__
    if name[:3] == '__r' and name not in _BINOPS and ('__' + name[3:]) in _BINOPS:
        return _op_error(_BINOPS['__' + name[3:]], right, left)
    sym = _BINOPS.get(name)
    if sym is None:
        return NotImplemented
    if type(other) is not type(self) and _user(type(other)):
        m = getattr(type(other), '__r' + name[2:], None)
        if m is not None:
            r = _call(m, other, self)
            if r is not NotImplemented:
                return r
    return _op_error(sym, left, right)


_busy = [0]


def _call(m, a, b):
    _busy[0] += 1
    try:
        return m(a, b)
    finally:
        _busy[0] -= 1


def _op_error(sym, left, right):
    raise TypeError("unsupported operand type(s) for %s: '%s' and '%s'" % (sym, left, right))


# -- ints, zip ----------------------------------------------------------------------

def to_bytes(n, length=1, byteorder='big', *, signed=False):
    if byteorder not in ('big', 'little'):
        raise ValueError("byteorder must be either 'little' or 'big'")
    if not signed and n < 0:
        raise OverflowError("can't convert negative int to unsigned")
    limit = 1 << (8 * length)
    if (signed and not -(limit >> 1) <= n < (limit >> 1)) or (not signed and n >= limit):
        raise OverflowError('int too big to convert')
    return (n % limit if limit > 1 else 0).to_bytes(length, byteorder) if length else b''


def from_bytes(cls, data, byteorder='big', *, signed=False):
    if byteorder not in ('big', 'little'):
        raise ValueError("byteorder must be either 'little' or 'big'")
    data = bytes(data)
    n = int.from_bytes(data, byteorder) if data else 0
    if signed and data and n >> (8 * len(data) - 1):
        n -= 1 << (8 * len(data))
    return n if cls is int else cls(n)


def pow3(base, exp, mod):
    """pow(base, exp, mod) with a negative exp: the modular inverse, raised."""
    if mod == 0:
        raise ValueError('pow() 3rd argument cannot be 0')
    b = base % mod
    # Extended Euclid, iteratively.
    r0, r1, s0, s1 = mod, b, 0, 1
    while r1:
        q = r0 // r1
        r0, r1 = r1, r0 - q * r1
        s0, s1 = s1, s0 - q * s1
    if r0 not in (1, -1):
        raise ValueError('base is not invertible for the given modulus')
    inv = (s0 * r0) % mod
    return pow(inv, -exp, mod)


def zip_strict(strict, *iterables):
    if not strict:
        return zip(*iterables)
    return _zip_strict(iterables)


def _zip_strict(iterables):
    its = [iter(x) for x in iterables]
    if not its:
        return
    while True:
        out = []
        for i, it in enumerate(its):
            try:
                out.append(next(it))
            except StopIteration:
                if i:
                    raise ValueError('zip() argument %d is shorter than argument%s%d' % (
                        i + 1, 's 1-' if i > 1 else ' ', i))
                for j in range(1, len(its)):
                    try:
                        next(its[j])
                    except StopIteration:
                        continue
                    raise ValueError('zip() argument %d is longer than argument%s%d' % (
                        j + 1, 's 1-' if j > 1 else ' ', j))
                return
        yield tuple(out)


def walrus(g, name, value):
    g[name] = value
    return value
