"""Helpers shared by the typing, dataclasses, enum, abc and collections overlays.

MicroPython facts they work around:
- class namespaces are plain dicts, which do not keep insertion order, and class
  bodies drop annotations (`x: int` compiles to nothing; `x: int = 0` to `x = 0`).
  ordered_names(cls, names) puts names in the order the class body stored
  them: the host's source transform records it as the class attribute
  __wb_order__. Where there is no transform (the browser build), order(cls)
  recovers it by reading the body's bytecode with uctypes (STORE_NAME
  operands, and string keys stored by subscript); the server's build has no
  uctypes (guest code must not read memory), so there it gives None, as it
  does for classes built before the hook or anything unexpected in memory,
  and callers keep dict order.
- isinstance()/issubclass() accept only real classes. check(cls, fn) registers a
  test for a class-like object (an Enum class, a collections.abc ABC) and
  installs wrappers that consult the registry.
- class keywords (`metaclass=ABCMeta`, `total=False`) are rejected by MicroPython's
  __build_class__; the hook drops the harmless ones, and calls the bases'
  __init_subclass__ (which MicroPython ignores) with the others. A
  super().__init_subclass__() call inside it ends it early: `object` has none.
"""
import builtins

try:
    _bc = __wb_build_class  # the runtime's hook (builtins.__build_class__ reads as the native one)
except NameError:
    _bc = builtins.__build_class__
_recent = []
builders = []
harmless_meta = {}  # metaclass accepted in class keywords -> base class to add


def _build(_body_, _name_, *bases, **kw):
    # (Odd parameter names: class keywords arrive here as keyword arguments.)
    body = _body_
    name = _name_
    if kw:
        m = kw.pop('metaclass', None)
        if m is not None and m is not type:
            if m not in harmless_meta:
                raise TypeError('metaclass=%s is not supported by MicroPython' % getattr(m, '__name__', m))
            extra = harmless_meta[m]
            for b in bases:
                if _issubclass(b, extra):
                    break
            else:
                bases = bases + (extra,)
    for f in builders:
        r = f(body, name, bases, kw)
        if r is not None:
            return r
    cls = _bc(body, name, *bases)
    remember(cls, body)
    for b in bases:
        if getattr(b, '__init_subclass__', None) is not None:
            _init_subclass(cls, b, kw)
            break
    return cls


def _init_subclass(cls, base, kw):
    # MicroPython never calls __init_subclass__ (an implicit classmethod).
    raw = None
    for c in mro(base):
        raw = getattr(c, '__dict__', {}).get('__init_subclass__')
        if raw is not None:
            break
    if raw is None:
        return
    try:
        if isinstance(raw, classmethod):
            if '__init_subclass__' not in cls.__dict__:
                getattr(cls, '__init_subclass__')(**kw)
        else:
            raw(cls, **kw)
    except AttributeError as e:
        # super().__init_subclass__() finds nothing above: object has none here.
        if '__init_subclass__' not in str(e):
            raise


def remember(cls, body):
    _recent.append((cls, body))
    if len(_recent) > 12:
        _recent.pop(0)


builtins.__build_class__ = _build


def _body(cls):
    for c, b in _recent:
        if c is cls:
            return b
    return None


def order(cls, body=None):
    """qstr numbers of the names cls's body stores (or stores under as a string key), in order, or None."""
    body = body or _body(cls)
    if body is None:
        return None
    try:
        return _scan(body, cls.__name__)
    except Exception:
        return None


def _fun():
    pass


_fun_type = type(_fun)


def _scan(f, name):
    import uctypes, struct
    rd = uctypes.bytes_at
    un = struct.unpack
    if id(name) & 7 != 2:
        return None
    addr = id(f)
    if type(f) is not _fun_type:
        # A closure (the class body uses names of an enclosing function):
        # mp_obj_closure_t is {base, fun, ...}.
        addr = un('<2I', rd(addr, 8))[1]
    _, ctx, _, bc = un('<4I', rd(addr, 16))
    _, glb, qt, _ = un('<4I', rd(ctx, 16))
    g = getattr(f, '__globals__', None)
    if (g is not None and glb != id(g)) or not bc or not qt:
        return None
    buf = bytearray()

    def byte(i):
        # Read up to the 16-byte boundary after byte i: never past the GC
        # block holding the bytecode.
        while i >= len(buf):
            a = bc + len(buf)
            buf.extend(rd(a, ((bc + i + 16) & ~15) - a))
        return buf[i]

    def uint(i):
        v = 0
        while True:
            z = byte(i)
            i += 1
            v = (v << 7) | (z & 0x7f)
            if not z & 0x80:
                return v, i

    def qstr(idx):
        if idx > 4095:
            raise ValueError
        return un('<H', rd(qt + 2 * idx, 2))[0]

    i = 0
    while byte(i) & 0x80:
        i += 1
    i += 1
    n_info = n_cell = n = 0
    while True:
        z = byte(i)
        i += 1
        n_cell |= (z & 1) << n
        n_info |= ((z & 0x7e) >> 1) << (6 * n)
        n += 1
        if not z & 0x80:
            break
    q, _ = uint(i)
    if qstr(q) != id(name) >> 3:
        return None
    i += n_info + n_cell
    out = []
    seen = set()
    key = None
    while i < 65536:
        op = byte(i)
        i += 1
        if op == 0x63:  # RETURN_VALUE: a class body has only the final one
            return out
        if key is not None and op == 0x56:  # STORE_SUBSCR after a string key
            if key not in seen:
                seen.add(key)
                out.append(key)
        key = None
        fmt = (0x3a4 >> (2 * (op >> 4))) & 3
        if fmt == 1 or fmt == 2:
            v, i = uint(i)
            if op == 0x16:  # STORE_NAME
                v = qstr(v)
                if v not in seen:
                    seen.add(v)
                    out.append(v)
            elif op == 0x10:  # LOAD_CONST_STRING
                key = qstr(v)
        elif fmt == 3:
            i += 2 if byte(i) & 0x80 else 1
        if fmt != 1 and not op & 0x9e:
            i += 1
    return None


given_order = {}


def ordered_names(cls, names):
    """names (an iterable of str) sorted into cls's body order where known."""
    names = list(names)
    g = given_order.pop(cls, None)
    if g is None:
        # The order the class body stored its names in, as the host's source
        # transform records it (MicroPython's class namespaces keep none).
        g = cls.__dict__.get('__wb_order__')
    if g is not None:
        return [n for n in g if n in names] + [n for n in names if n not in g]
    qs = order(cls)
    if not qs:
        return names
    pos = {}
    for j, q in enumerate(qs):
        pos[q] = j
    big = len(qs)
    return sorted(names, key=lambda s: pos.get(id(s) >> 3 if id(s) & 7 == 2 else -1, big))


# -- isinstance / issubclass for class-like objects ------------------------------

_inst = {}
_sub = {}
_isinstance = builtins.isinstance
_issubclass = builtins.issubclass


def _isinst(obj, cls):
    if cls.__class__ is tuple:
        for c in cls:
            if _isinst(obj, c):
                return True
        return False
    f = _inst.get(cls)
    if f is not None:
        return f(obj)
    return _isinstance(obj, cls)


def _issub(c, cls):
    if cls.__class__ is tuple:
        for k in cls:
            if _issub(c, k):
                return True
        return False
    real = _real.get(c)
    if real is not None:
        c = real
    f = _sub.get(cls)
    if f is not None:
        return f(c)
    return _issubclass(c, cls)


_real = {}


def check(cls, inst, sub=None, real=None):
    """Make isinstance(x, cls) call inst(x) and issubclass(c, cls) call sub(c).

    real: the plain class standing for cls when cls is itself the first
    argument of issubclass (an Enum class's inner type)."""
    _inst[cls] = inst
    if sub is not None:
        _sub[cls] = sub
    if real is not None:
        _real[cls] = real
    if builtins.isinstance is not _isinst:
        builtins.isinstance = _isinst
        builtins.issubclass = _issub


def mro(cls):
    """cls and its bases, depth first, without repeats (MicroPython has no __mro__)."""
    out = []
    todo = [cls]
    while todo:
        c = todo.pop(0)
        if c not in out:
            out.append(c)
            todo[0:0] = list(getattr(c, '__bases__', ()))
    return out


def fields_of(cls):
    """(names, annotations) of a class body's fields, in declaration order.

    With __annotations__ in the class namespace (CPython semantics, or source
    rewritten so), the annotated names; else every public class attribute that
    is not a function, descriptor or class: MicroPython drops bare `x: int`."""
    d = cls.__dict__
    ann = d.get('__annotations__')
    if isinstance(ann, dict):
        return ordered_names(cls, ann), ann
    names = []
    for k in d:
        if k[:1] != '_' and not plain_attr_skip(d[k]):
            names.append(k)
    return ordered_names(cls, names), {}


def plain_attr_skip(v):
    return callable(v) or isinstance(v, (classmethod, staticmethod, property)) or hasattr(v, '__get__')


# -- typing.NamedTuple / typing.TypedDict ----------------------------------------

def NamedTuple(typename, fields=None, **kw):
    import collections
    if fields is None:
        fields = list(kw.items())
    return collections.namedtuple(typename, [f[0] for f in fields])


class _TD:
    # A TypedDict "class": calling it makes a dict (ordered when the runtime can).
    def __init__(self, name, keys, ann, total=True):
        self.__name__ = name
        self._keys = keys
        self.__annotations__ = ann
        self.__total__ = total

    def __call__(self, *a, **k):
        try:
            d = __wb_od()
        except NameError:
            d = {}
        for m in a:
            for key in m:
                d[key] = m[key]
        for key in self._keys:
            if key in k:
                d[key] = k.pop(key)
        for key in k:
            d[key] = k[key]
        return d

    def __repr__(self):
        return "<class '__main__.%s'>" % self.__name__


def TypedDict(typename, fields=None, total=True, **kw):
    fields = fields or kw
    return _TD(typename, list(fields), dict([(k, fields[k]) for k in fields]), total)


def _forms(body, name, bases, kw):
    td = False
    for b in bases:
        if b is TypedDict or isinstance(b, _TD):
            td = True
    if not td and NamedTuple not in bases:
        return None
    cls = _bc(body, name)
    remember(cls, body)
    names, ann = fields_of(cls)
    if td:
        a = {}
        keys = []
        for b in bases:
            if isinstance(b, _TD):
                keys += b._keys
                a.update(b.__annotations__)
        for n in names:
            a[n] = ann.get(n)
        return _TD(name, keys + names, a, kw.get('total', True))
    d = cls.__dict__
    ns = {}
    defaults = []
    for k in d:
        if k not in names and k not in ('__module__', '__qualname__', '__annotations__', '__dict__'):
            ns[k] = d[k]
    for n in names:
        if n in d:
            defaults.append(d[n])
        elif defaults:
            raise TypeError('Non-default namedtuple field %s cannot follow default field' % n)
    import collections
    return collections.namedtuple(name, names, defaults=defaults or None, _ns=ns)


builders.append(_forms)
