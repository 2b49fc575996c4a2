"""enum for MicroPython.

Supported: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, EnumMeta
(EnumType); class syntax and the functional API (Enum('Color', 'RED GREEN'));
members in definition order, .name/.value, aliases, lookup by value
(Color(1)), by name (Color['RED']), iteration, len, `in`, __members__,
_missing_, _generate_next_value_, methods/properties/classmethods on enums,
mixins such as (str, Enum), isinstance/issubclass with enum classes, Flag
operations (| & ^ ~, `in`, iteration), the 3.11 str()/repr() forms.

How: MicroPython's metaclasses cannot make classes that isinstance() accepts
or that can be subclassed, so an enum class is a small class-like object (an
EnumMeta instance) standing in front of a plain class that holds the members;
the overlay's isinstance/issubclass know about it. Known gaps: type(member) is
the plain class (its name is the enum's), so `type(m) is Color` is False and
iterating type(m) fails; repr() of str-mixin members is the plain value (that
keeps json.dumps working); members cannot be pickled.
"""
import builtins
import _compat_a

_isinstance = _compat_a._isinstance
_issubclass = _compat_a._issubclass
_T = {}  # enum class (EnumMeta instance) -> its plain class


class auto:
    _n = 0

    def __init__(self, value=None):
        auto._n += 1
        self._order = auto._n
        self.value = value


class _EnumBase:
    def __init__(self, *args, **kw):
        pass

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return '<%s.%s: %r>' % (_cname(self), self._name_, self._value_)

    def __str__(self):
        return '%s.%s' % (_cname(self), self._name_)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                pass
        return start


def _cname(m):
    return type(m).__name__


class _StrBase(str, _EnumBase):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class _FlagBase(_EnumBase):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        hi = 0
        for v in last_values:
            if isinstance(v, int) and v > hi:
                hi = v
        if not hi:
            return start if start else 1
        n = 1
        while n <= hi:
            n <<= 1
        return n

    def _pseudo(self, v):
        return _flag_member(type(self), v)

    def __or__(self, o):
        return self._pseudo(self._value_ | _fv(o))

    def __and__(self, o):
        return self._pseudo(self._value_ & _fv(o))

    def __xor__(self, o):
        return self._pseudo(self._value_ ^ _fv(o))

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return self._pseudo(type(self)._all_bits_ & ~self._value_)

    def __contains__(self, o):
        return o._value_ & self._value_ == o._value_

    def __iter__(self):
        return iter([m for m in _canon(type(self)) if m._value_ & self._value_ == m._value_ and m._value_])

    def __len__(self):
        return len(list(self.__iter__()))

    def __bool__(self):
        return bool(self._value_)

    def __repr__(self):
        if self._name_ is None:
            return '<%s: %r>' % (_cname(self), self._value_)
        return '<%s.%s: %r>' % (_cname(self), self._name_, self._value_)

    def __str__(self):
        if self._name_ is None:
            return '%s(%r)' % (_cname(self), self._value_)
        return '%s.%s' % (_cname(self), self._name_)


def _fv(o):
    return o._value_ if isinstance(o, _EnumBase) else o


class _IntFlagBase(int, _FlagBase):
    def __str__(self):
        return str(self._value_)


def _canon(T):
    return [T._member_map_[n] for n in T._member_names_]


def _flag_member(T, v):
    m = T._value2member_map_.get(v)
    if m is not None:
        return m
    if _issubclass(T, int):
        m = T(v)
    else:
        m = T()
    m._value_ = v
    names = [c._name_ for c in _canon(T) if c._value_ and c._value_ & v == c._value_]
    m._name_ = '|'.join(names) if names else None
    T._value2member_map_[v] = m
    return m


class _Members:
    # Stand-in for CPython's mappingproxy: ordered, read-only.
    def __init__(self, names, map):
        self._n = names
        self._m = map

    def __getitem__(self, k):
        return self._m[k]

    def __contains__(self, k):
        return k in self._m

    def __iter__(self):
        return iter(self._n)

    def __len__(self):
        return len(self._n)

    def keys(self):
        return list(self._n)

    def values(self):
        return [self._m[n] for n in self._n]

    def items(self):
        return [(n, self._m[n]) for n in self._n]

    def get(self, k, d=None):
        return self._m.get(k, d)

    def __repr__(self):
        return 'mappingproxy({%s})' % ', '.join(['%r: %r' % kv for kv in self.items()])


class EnumMeta(type):
    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1, boundary=None):
        if names is not None:
            return _functional(cls, value, names, type, start)
        m = cls._value2member_map_.get(value) if _hashable(value) else None
        if m is not None:
            return m
        if _isinstance(value, _T.get(cls, ())):
            return value
        for n in cls._member_names_:
            mm = cls._member_map_[n]
            if mm._value_ == value:
                return mm
        if _issubclass(_T[cls], _FlagBase) and isinstance(value, int):
            return _flag_member(_T[cls], value)
        miss = getattr(cls, '_missing_', None)
        if miss is not None:
            r = miss(value)
            if r is not None:
                return r
        raise ValueError('%r is not a valid %s' % (value, cls.__name__))

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return iter(_canon(cls))

    def __reversed__(cls):
        return reversed(_canon(cls))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    def __contains__(cls, x):
        if _isinstance(x, _T[cls]):
            return x._name_ in cls._member_map_
        return _hashable(x) and x in cls._value2member_map_

    def __repr__(cls):
        return "<enum %r>" % cls.__name__

    def __str__(cls):
        return "<enum %r>" % cls.__name__


EnumType = EnumMeta


def _hashable(v):
    try:
        hash(v)
        return True
    except TypeError:
        return False


class _CM:
    # Stand-in for classmethod while an enum body runs, so that the enum's
    # classmethods can be bound to the enum class itself.
    def __init__(self, f):
        self.f = f


def _finish(T, name, items, cms):
    W = EnumMeta(name, (T,), {})
    _T[W] = T
    _compat_a.check(W, lambda o: _isinstance(o, T), lambda c: _issubclass(c, T), T)
    gen = getattr(T, '_generate_next_value_')
    mixin = _issubclass(T, (int, str, float))
    names = []
    alln = []
    mmap = {}
    vmap = {}
    last = []
    for n, v in items:
        if isinstance(v, auto):
            v = v.value if v.value is not None else gen(n, 1, len(names), list(last))
        last.append(v)
        alln.append(n)
        dup = None
        for k in names:
            if mmap[k]._value_ == v:
                dup = mmap[k]
                break
        if dup is not None:
            mmap[n] = dup
            setattr(T, n, dup)
            continue
        args = v if isinstance(v, tuple) and not mixin else (v,)
        m = T(*args)
        if not hasattr(m, '_value_'):
            m._value_ = v
        m._name_ = n
        names.append(n)
        mmap[n] = m
        if _hashable(v):
            vmap[v] = m
        setattr(T, n, m)
    T._member_names_ = names
    T._member_map_ = mmap
    T._value2member_map_ = vmap
    T.__members__ = _Members(alln, mmap)
    if _issubclass(T, _FlagBase):
        bits = 0
        for n in names:
            if isinstance(mmap[n]._value_, int):
                bits |= mmap[n]._value_
        T._all_bits_ = bits
        if _issubclass(T, int):
            for op in ('__or__', '__and__', '__xor__', '__ror__', '__rand__', '__rxor__', '__invert__'):
                setattr(T, op, getattr(_FlagBase, op))
    elif mixin and T.__dict__.get('__str__') is None and not _issubclass(T, (_StrBase, _IntBase)):
        T.__str__ = _EnumBase.__str__
    if mixin:
        _mixin_ops(T)
        if _issubclass(T, int) and '__repr__' not in T.__dict__:
            # (int-based members in json.dumps() print through this too.)
            T.__repr__ = (_FlagBase if _issubclass(T, _FlagBase) else _EnumBase).__repr__
    for k, f in cms:
        setattr(T, k, classmethod(f))
        setattr(W, k, _bind(f, W))
    return W


def _bind(f, W):
    return lambda *a, **k: f(W, *a, **k)


def _build(body, name, bases, kw):
    for b in bases:
        if b in _T:
            break
    else:
        return None
    rb = tuple([_T.get(b, b) for b in bases])
    for b in rb:
        if _issubclass(b, _EnumBase) and getattr(b, '_member_names_', None):
            raise TypeError('%s: cannot extend %s' % (name, b.__name__))
    cm = builtins.classmethod
    builtins.classmethod = _CM
    try:
        T = _compat_a._bc(body, name, *rb)
    finally:
        builtins.classmethod = cm
    _compat_a.remember(T, body)
    d = T.__dict__
    cms = []
    members = []
    for k in d:
        v = d[k]
        if isinstance(v, _CM):
            cms.append((k, v.f))
        elif k[:1] != '_' and not _compat_a.plain_attr_skip(v):
            members.append(k)
    members = _compat_a.ordered_names(T, members)
    return _finish(T, name, [(n, d[n]) for n in members], cms)


_compat_a.builders.append(_build)


def _functional(cls, name, names, mixin, start):
    if isinstance(names, str):
        names = names.replace(',', ' ').split()
    if isinstance(names, dict):
        names = list(names.items())
    items = []
    for i, n in enumerate(names):
        if isinstance(n, str):
            items.append((n, auto(start + i) if cls is not StrEnum else auto(n.lower())))
        else:
            items.append((n[0], n[1]))
    bases = (_T[cls],) if mixin is None else (mixin, _T[cls])
    T = builtins.type(name, bases, {})
    return _finish(T, name, items, [])


# MicroPython's int and str subclasses fail in native operators whose right
# operand is a subclass instance (IntEnum.A < IntEnum.B): give mixed-in enums
# Python-level operators that work on the plain values.
def _raw(x):
    return x._value_ if _isinstance(x, _EnumBase) else x


def _op(f):
    return lambda a, b: f(_raw(a), _raw(b))


def _rop(f):
    return lambda a, b: f(_raw(b), _raw(a))


_CMP = {'__lt__': lambda a, b: a < b, '__le__': lambda a, b: a <= b,
        '__gt__': lambda a, b: a > b, '__ge__': lambda a, b: a >= b,
        '__add__': lambda a, b: a + b}
_NUM = {'__sub__': lambda a, b: a - b, '__mul__': lambda a, b: a * b,
        '__truediv__': lambda a, b: a / b, '__floordiv__': lambda a, b: a // b,
        '__mod__': lambda a, b: a % b, '__pow__': lambda a, b: a ** b,
        '__lshift__': lambda a, b: a << b, '__rshift__': lambda a, b: a >> b}
_BIT = {'__and__': lambda a, b: a & b, '__or__': lambda a, b: a | b,
        '__xor__': lambda a, b: a ^ b}


def _mixin_ops(T):
    num = _issubclass(T, (int, float))
    tables = (_CMP, _NUM) if _issubclass(T, _FlagBase) else (_CMP, _NUM, _BIT) if num else (_CMP,)
    for t in tables:
        for k in t:
            setattr(T, k, _op(t[k]))
            if k not in ('__lt__', '__le__', '__gt__', '__ge__'):
                setattr(T, '__r' + k[2:], _rop(t[k]))
    if num:
        T.__float__ = lambda a: float(a._value_)


class _IntBase(int, _EnumBase):
    pass


def _root(name, base):
    W = EnumMeta(name, (base,), {})
    _T[W] = base
    base._member_names_ = []
    base._member_map_ = {}
    base._value2member_map_ = {}
    base.__members__ = _Members([], {})
    _compat_a.check(W, lambda o: _isinstance(o, base), lambda c: _issubclass(c, base), base)
    return W


Enum = _root('Enum', _EnumBase)
IntEnum = _root('IntEnum', _IntBase)
StrEnum = _root('StrEnum', _StrBase)
Flag = _root('Flag', _FlagBase)
IntFlag = _root('IntFlag', _IntFlagBase)
ReprEnum = IntEnum


def unique(enumeration):
    dups = []
    for n, m in enumeration.__members__.items():
        if n != m._name_:
            dups.append('%s -> %s' % (n, m._name_))
    if dups:
        raise ValueError('duplicate values found in %r: %s' % (enumeration, ', '.join(dups)))
    return enumeration
