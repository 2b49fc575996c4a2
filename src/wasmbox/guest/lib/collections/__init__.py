"""collections: CPython's names over MicroPython's built-in module.

Supported: deque (any iterable, maxlen, both ends O(1), indexing, rotate,
extendleft, remove, repr as CPython); namedtuple (_fields, _asdict, _replace,
_make, _field_defaults, defaults=, rename=); Counter (most_common with CPython's
tie order, elements, update/subtract, total, + - & | and unary forms, missing keys
count 0); defaultdict; OrderedDict (move_to_end, popitem(last=)); ChainMap.
Counter, defaultdict and OrderedDict keep insertion order (MicroPython's dict
does not) for iteration, keys/values/items, print() and repr(); _OD, their base,
is also what the runtime's ordered `dict` for transformed user code builds on.
Not supported: isinstance(p, Point) for a namedtuple created with defaults=;
the built-in dict() and {}.update() of MicroPython (untransformed code) reject
these dict subclasses (pass x.items()).
"""
import _wasmbox

_b = _wasmbox.builtin('collections')
from _wasmbox_od import _DEAD, _M, _OD, _View  # noqa: F401


class OrderedDict(_OD):
    def move_to_end(self, key, last=True):
        if key not in self:
            raise KeyError(key)
        if last:
            self._forget(key)
            if self._p is not None:
                self._p[key] = len(self._k)
            self._k.append(key)
        else:
            ks = list(self)
            ks.remove(key)
            self._k = [key] + ks
            self._p = None
            self._nd = 0

    def popitem(self, last=True):
        if not len(self):
            raise KeyError('dictionary is empty')
        k = self._k[-1] if last else next(iter(self))
        return (k, self.pop(k))

    def __eq__(self, o):
        if isinstance(o, OrderedDict) and type(o).__name__ == 'OrderedDict':
            return list(self.items()) == list(o.items())
        return dict(self.items()) == (dict(o.items()) if isinstance(o, dict) else o)

    def __ne__(self, o):
        return not self == o

    def __repr__(self):
        if not self:
            return 'OrderedDict()'
        return 'OrderedDict(%r)' % list(self.items())

    __str__ = __repr__


class defaultdict(_OD):
    def __init__(self, default_factory=None, *a, **kw):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        _OD.__init__(self, *a, **kw)
        self.default_factory = default_factory

    def __getitem__(self, k):
        v = self.get(k, _M)
        if v is _M:
            return self.__missing__(k)
        return v

    def __missing__(self, k):
        if self.default_factory is None:
            raise KeyError(k)
        v = self[k] = self.default_factory()
        return v

    def copy(self):
        return defaultdict(self.default_factory, self)

    __copy__ = copy

    def __repr__(self):
        return 'defaultdict(%r, %s)' % (self.default_factory, self._body())

    __str__ = __repr__


class Counter(_OD):
    def __init__(self, iterable=None, **kw):
        _OD.__init__(self)
        self.update(iterable, **kw)

    def __getitem__(self, k):
        return self.get(k, 0)

    def __missing__(self, k):
        return 0

    def __delitem__(self, k):
        if k in self:
            _OD.__delitem__(self, k)

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        items = list(self.items())
        idx = sorted(range(len(items)), key=lambda i: (-items[i][1], i))
        if n is not None:
            idx = idx[:max(n, 0)]
        return [items[i] for i in idx]

    def elements(self):
        for k, v in self.items():
            for _ in range(v):
                yield k

    @classmethod
    def fromkeys(cls, it, v=None):
        raise NotImplementedError('Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

    def update(self, iterable=None, **kw):
        if iterable is not None:
            if isinstance(iterable, dict):
                for k in iterable:
                    self[k] = self[k] + iterable[k]
            else:
                g = self.get
                for k in iterable:
                    self[k] = g(k, 0) + 1
        if kw:
            self.update(kw)

    def subtract(self, iterable=None, **kw):
        if iterable is not None:
            if isinstance(iterable, dict):
                for k in iterable:
                    self[k] = self[k] - iterable[k]
            else:
                for k in iterable:
                    self[k] = self[k] - 1
        if kw:
            self.subtract(kw)

    def copy(self):
        return Counter(self)

    __copy__ = copy

    def __repr__(self):
        if not self:
            return 'Counter()'
        return 'Counter(%s)' % self._body(self.most_common())

    __str__ = __repr__

    def _keep(self, pairs):
        r = Counter()
        for k, v in pairs:
            if v > 0:
                r[k] = v
        return r

    def __add__(self, o):
        return self._keep([(k, self[k] + o[k]) for k in self] + [(k, o[k]) for k in o if k not in self])

    def __sub__(self, o):
        return self._keep([(k, self[k] - o[k]) for k in self] + [(k, -o[k]) for k in o if k not in self])

    def __or__(self, o):
        return self._keep([(k, max(self[k], o[k])) for k in self] + [(k, o[k]) for k in o if k not in self])

    def __and__(self, o):
        return self._keep([(k, min(self[k], o[k])) for k in self])

    def __pos__(self):
        return self._keep(self.items())

    def __neg__(self):
        return self._keep([(k, -v) for k, v in self.items()])

    def _inplace(self, r):
        self.clear()
        for k in r:
            self[k] = r[k]
        return self

    def __iadd__(self, o):
        return self._inplace(self + o)

    def __isub__(self, o):
        return self._inplace(self - o)

    def __ior__(self, o):
        return self._inplace(self | o)

    def __iand__(self, o):
        return self._inplace(self & o)


class ChainMap:
    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __getitem__(self, k):
        for m in self.maps:
            if k in m:
                return m[k]
        return self.__missing__(k)

    def __missing__(self, k):
        raise KeyError(k)

    def get(self, k, d=None):
        return self[k] if k in self else d

    def __contains__(self, k):
        for m in self.maps:
            if k in m:
                return True
        return False

    def _keys(self):
        out = []
        seen = set()
        for m in reversed(self.maps):
            for k in m:
                if k not in seen:
                    seen.add(k)
                    out.append(k)
        return out

    def __iter__(self):
        return iter(self._keys())

    def __len__(self):
        return len(self._keys())

    def __bool__(self):
        return any(self.maps)

    def keys(self):
        return self._keys()

    def values(self):
        return [self[k] for k in self._keys()]

    def items(self):
        return [(k, self[k]) for k in self._keys()]

    def __setitem__(self, k, v):
        self.maps[0][k] = v

    def __delitem__(self, k):
        try:
            del self.maps[0][k]
        except KeyError:
            raise KeyError('Key not found in the first mapping: %r' % (k,))

    def pop(self, k, *d):
        try:
            return self.maps[0].pop(k, *d)
        except KeyError:
            raise KeyError('Key not found in the first mapping: %r' % (k,))

    def setdefault(self, k, d=None):
        if k not in self:
            self[k] = d
        return self[k]

    def update(self, *a, **kw):
        self.maps[0].update(*a, **kw)

    def clear(self):
        self.maps[0].clear()

    def new_child(self, m=None):
        return self.__class__({} if m is None else m, *self.maps)

    @property
    def parents(self):
        return self.__class__(*self.maps[1:])

    def copy(self):
        return self.__class__(self.maps[0].copy(), *self.maps[1:])

    def __eq__(self, o):
        return dict(self.items()) == (dict(o.items()) if isinstance(o, ChainMap) else o)

    def __repr__(self):
        return 'ChainMap(%s)' % ', '.join([str(m) for m in self.maps])


class deque:
    # Two lists back to back: the left one reversed. Amortised O(1) at both ends.
    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None and maxlen < 0:
            raise ValueError('maxlen must be non-negative')
        self._l = []
        self._r = list(iterable)
        self._m = maxlen
        if maxlen is not None and len(self._r) > maxlen:
            del self._r[:len(self._r) - maxlen]

    @property
    def maxlen(self):
        return self._m

    def __len__(self):
        return len(self._l) + len(self._r)

    def __bool__(self):
        return bool(self._l or self._r)

    def append(self, x):
        self._r.append(x)
        if self._m is not None and len(self._l) + len(self._r) > self._m:
            self.popleft()

    def appendleft(self, x):
        self._l.append(x)
        if self._m is not None and len(self._l) + len(self._r) > self._m:
            self.pop()

    def pop(self):
        if not self._r:
            l = self._l
            if not l:
                raise IndexError('pop from an empty deque')
            h = (len(l) + 1) // 2
            r = l[:h]
            r.reverse()
            self._r = r
            self._l = l[h:]
        return self._r.pop()

    def popleft(self):
        if not self._l:
            r = self._r
            if not r:
                raise IndexError('pop from an empty deque')
            h = (len(r) + 1) // 2
            l = r[:h]
            l.reverse()
            self._l = l
            self._r = r[h:]
        return self._l.pop()

    def extend(self, it):
        if it is self:
            it = list(it)
        for x in it:
            self.append(x)

    def extendleft(self, it):
        if it is self:
            it = list(it)
        for x in it:
            self.appendleft(x)

    def _set(self, items):
        self._l = []
        self._r = items

    def rotate(self, n=1):
        k = len(self)
        if k:
            n %= k
            if n:
                a = list(self)
                self._set(a[k - n:] + a[:k - n])

    def clear(self):
        self._set([])

    def copy(self):
        return deque(self, self._m)

    __copy__ = copy

    def count(self, x):
        return self._l.count(x) + self._r.count(x)

    def index(self, x, start=0, stop=None):
        a = list(self)
        return a.index(x, start, len(a) if stop is None else stop)

    def remove(self, x):
        a = list(self)
        a.remove(x)
        self._set(a)

    def reverse(self):
        a = list(self)
        a.reverse()
        self._set(a)

    def insert(self, i, x):
        if self._m is not None and len(self) >= self._m:
            raise IndexError('deque already at its maximum size')
        a = list(self)
        a.insert(i, x)
        self._set(a)

    def _i(self, i):
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError('deque index out of range')
        return i

    def __getitem__(self, i):
        if isinstance(i, slice):
            raise TypeError('sequence index must be integer, not \'slice\'')
        i = self._i(i)
        l = self._l
        return l[len(l) - 1 - i] if i < len(l) else self._r[i - len(l)]

    def __setitem__(self, i, v):
        i = self._i(i)
        l = self._l
        if i < len(l):
            l[len(l) - 1 - i] = v
        else:
            self._r[i - len(l)] = v

    def __delitem__(self, i):
        a = list(self)
        del a[self._i(i)]
        self._set(a)

    def __iter__(self):
        l = self._l
        for i in range(len(l) - 1, -1, -1):
            yield l[i]
        for x in self._r:
            yield x

    def __reversed__(self):
        r = self._r
        for i in range(len(r) - 1, -1, -1):
            yield r[i]
        for x in self._l:
            yield x

    def __contains__(self, x):
        return x in self._l or x in self._r

    def __eq__(self, o):
        return isinstance(o, deque) and list(self) == list(o)

    def __lt__(self, o):
        return list(self) < list(o)

    def __le__(self, o):
        return list(self) <= list(o)

    def __gt__(self, o):
        return list(self) > list(o)

    def __ge__(self, o):
        return list(self) >= list(o)

    def __add__(self, o):
        d = deque(self, self._m)
        d.extend(o)
        return d

    def __iadd__(self, o):
        self.extend(o)
        return self

    def __repr__(self):
        if self._m is None:
            return 'deque(%r)' % list(self)
        return 'deque(%r, maxlen=%d)' % (list(self), self._m)


def _asdict(self):
    d = _odict()
    for k, v in zip(self._fields, self):
        d[k] = v
    return d


def _odict():
    # The insertion-ordered dict that transformed user code gets for {}
    # (installed into builtins by _wasmbox_rt; only name lookup sees it).
    try:
        return __wb_od()
    except NameError:
        return {}


def _replace(self, **kw):
    r = self._make([kw.pop(f) if f in kw else getattr(self, f) for f in self._fields])
    if kw:
        raise ValueError('Got unexpected field names: %r' % list(kw))
    return r


def _make(cls, iterable):
    return cls._n1(*iterable)


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None, _ns=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    names = [str(f) for f in field_names]
    seen = set()
    for i, n in enumerate(names):
        bad = not _ident(n) or n[:1] == '_' or n in seen or n in (
            'def', 'class', 'if', 'else', 'for', 'while', 'return', 'import', 'from', 'in',
            'is', 'not', 'and', 'or', 'None', 'True', 'False', 'lambda', 'pass', 'yield')
        if bad:
            if not rename:
                raise ValueError('Invalid field name: %r' % n)
            names[i] = '_%d' % i
        seen.add(names[i])
    fields = tuple(names)
    ns = {'_fields': fields, '__match_args__': fields, '_asdict': _asdict,
          '_replace': _replace, '_make': classmethod(_make), '_field_defaults': _odict()}
    if _ns:
        ns.update(_ns)
    cls = type(typename, (_b.namedtuple(typename, fields),), ns)
    cls._n1 = cls
    if defaults:
        defaults = tuple(defaults)
        if len(defaults) > len(fields):
            raise TypeError('Got more default values than field names')
        fd = _odict()
        for k, v in zip(fields[len(fields) - len(defaults):], defaults):
            fd[k] = v
        cls._field_defaults = fd
        n1 = cls

        def __new__(c, *a, **kw):
            a = list(a)
            for f in fields[len(a):]:
                a.append(kw.pop(f) if f in kw else fd[f] if f in fd else _missing(f))
            if kw:
                raise TypeError('unexpected keyword argument %r' % list(kw)[0])
            return n1(*a)
        cls = type(typename, (n1,), {'__new__': __new__})
        cls._n1 = n1
    return cls


def _ident(s):
    return s != '' and not s[0].isdigit() and all([c == '_' or c.isalpha() or c.isdigit() for c in s])


def _missing(f):
    raise TypeError("missing required argument: '%s'" % f)
