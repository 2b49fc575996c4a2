"""functools for MicroPython.

Supported: reduce, partial (func/args/keywords, nesting, repr), partialmethod,
lru_cache (bare, with maxsize/typed, maxsize=None; cache_info, cache_clear,
cache_parameters, __wrapped__), cache, cached_property, wraps and
update_wrapper, cmp_to_key, total_ordering, singledispatch (register by
argument type, by register(cls) or, when the source transformer recorded the
annotations, plain @register), WRAPPER_ASSIGNMENTS.

MicroPython functions cannot carry attributes, so wraps(f)(wrapper) and the
lru_cache wrappers return callable objects that have __name__, __doc__,
__wrapped__ ... and bind as methods like functions do. A function's docstring,
annotations and attributes come from the runtime's records (__wb_getattr). total_ordering defines
every missing comparison because MicroPython never tries reflected ones.
"""
WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__', '__annotations__')
WRAPPER_UPDATES = ('__dict__',)
_M = object()


def reduce(function, iterable, *initial):
    it = iter(iterable)
    if initial:
        acc = initial[0]
    else:
        acc = next(it, _M)
        if acc is _M:
            raise TypeError('reduce() of empty iterable with no initial value')
    for x in it:
        acc = function(acc, x)
    return acc


class _Bound:
    # A callable object bound to an instance (what a method lookup gives).
    def __init__(self, f, obj):
        self.__func__ = f
        self.__self__ = obj

    def __call__(self, *a, **k):
        return self.__func__(self.__self__, *a, **k)

    def __getattr__(self, name):
        return getattr(self.__func__, name)

    def __repr__(self):
        return '<bound method %s of %r>' % (getattr(self.__func__, '__qualname__', '?'), self.__self__)


class _Wrapper:
    # What update_wrapper returns: calls the wrapper, looks like the wrapped.
    # (MicroPython drops docstrings: __doc__ is None.)
    __doc__ = None

    def __init__(self, fn):
        self._fn = fn

    def __call__(self, *a, **k):
        return self._fn(*a, **k)

    def __get__(self, obj, objtype=None):
        return self if obj is None else _Bound(self, obj)

    def __repr__(self):
        return '<function %s at 0x%x>' % (getattr(self, '__qualname__', '?'), id(self))


def _c(x):
    return lambda: x


_FT = (type(_c), type(_c(1)), type(len), type(''.join))


try:
    _ga = __wb_getattr  # the runtime's: the docstrings, annotations... recorded for functions
except NameError:
    _ga = getattr


def _copy_attrs(w, wrapped, assigned):
    # MicroPython functions have __name__ and __globals__ only: derive the rest.
    for a in assigned:
        try:
            v = _ga(wrapped, a)
        except AttributeError:
            if a == '__qualname__':
                v = getattr(wrapped, '__name__', None)
            elif a == '__module__':
                v = getattr(wrapped, '__globals__', {}).get('__name__')
            elif a == '__doc__':
                v = None
            else:
                continue
            if v is None and a != '__doc__':
                continue
        setattr(w, a, v)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    w = _Wrapper(wrapper) if type(wrapper) in _FT else wrapper
    w.__wrapped__ = wrapped
    _copy_attrs(w, wrapped, assigned)
    for a in updated:
        try:
            getattr(w, a).update(getattr(wrapped, a, {}))
        except (AttributeError, TypeError):
            pass
    if '__dict__' in updated:
        # Attributes rewritten code set on a function (f.calls = 0) live in the runtime.
        try:
            import _wasmbox_rt
            for k, v in _wasmbox_rt._FATTR.get(wrapped, {}).items():
                if k[:2] != '__':
                    setattr(w, k, v)
        except (ImportError, TypeError):
            pass
    return w


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    return lambda wrapper: update_wrapper(wrapper, wrapped, assigned, updated)


class partial:
    def __init__(self, func, *args, **keywords):
        if not callable(func):
            raise TypeError('the first argument must be callable')
        if isinstance(func, partial):
            args = func.args + args
            kw = dict(func.keywords)
            kw.update(keywords)
            keywords = kw
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        if self.keywords:
            kw = dict(self.keywords)
            kw.update(keywords)
            keywords = kw
        f = self.func
        if keywords and (f is int or f is sum):
            # partial(int, base=2): MicroPython's int() and sum() take no keywords.
            name = 'base' if f is int else 'start'
            if name in keywords and len(keywords) == 1:
                return f(*(self.args + args + (keywords[name],)))
        return f(*(self.args + args), **keywords)

    def __repr__(self):
        parts = [repr(self.func)] + [repr(a) for a in self.args]
        parts += ['%s=%r' % kv for kv in self.keywords.items()]
        return 'functools.partial(%s)' % ', '.join(parts)


class partialmethod:
    def __init__(self, func, *args, **keywords):
        self.func = func
        self.args = args
        self.keywords = keywords

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return partial(self.func, obj, *self.args, **self.keywords)


class _CacheInfo(tuple):
    hits = property(lambda s: s[0])
    misses = property(lambda s: s[1])
    maxsize = property(lambda s: s[2])
    currsize = property(lambda s: s[3])

    def __repr__(self):
        return 'CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)' % tuple(self)

    __str__ = __repr__


class _Cached(_Wrapper):
    def __init__(self, fn, maxsize, typed):
        self._fn = fn
        self._max = maxsize
        self._typed = typed
        self._c = {}
        self._order = []
        self.hits = self.misses = 0
        self.__wrapped__ = fn
        _copy_attrs(self, fn, WRAPPER_ASSIGNMENTS)

    def __call__(self, *a, **k):
        key = a
        if k:
            key += (_M,) + tuple(sorted(k.items()))
        if self._typed:
            key += tuple([type(v) for v in a]) + tuple([type(v) for v in k.values()])
        c = self._c
        r = c.get(key, _M)
        if r is not _M:
            self.hits += 1
            if self._max is not None:
                o = self._order
                if o[-1] != key:
                    o.remove(key)
                    o.append(key)
            return r
        self.misses += 1
        r = self._fn(*a, **k)
        if self._max is None:
            c[key] = r
        elif self._max > 0:
            if key not in c:
                if len(c) >= self._max:
                    del c[self._order.pop(0)]
                self._order.append(key)
            c[key] = r
        return r

    def cache_info(self):
        return _CacheInfo((self.hits, self.misses, self._max, len(self._c)))

    def cache_clear(self):
        self._c = {}
        self._order = []
        self.hits = self.misses = 0

    def cache_parameters(self):
        return {'maxsize': self._max, 'typed': self._typed}


def lru_cache(maxsize=128, typed=False):
    if callable(maxsize) and not isinstance(maxsize, int):
        return _Cached(maxsize, 128, False)
    if maxsize is not None and maxsize < 0:
        maxsize = 0
    return lambda f: _Cached(f, maxsize, typed)


def cache(user_function):
    return _Cached(user_function, None, False)


class cached_property:
    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = getattr(func, '__doc__', None)

    def __set_name__(self, owner, name):
        self.attrname = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        v = self.func(obj)
        setattr(obj, self.attrname or self.func.__name__, v)
        return v


def cmp_to_key(mycmp):
    class K:
        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None
    return K


def _given(cls):
    # The comparisons the class defines itself: not the reflected ones that
    # the runtime's class hook adds (_wasmbox_cls).
    d = cls.__dict__
    try:
        import _wasmbox_cls
        ours = _wasmbox_cls._REFLECTED
    except ImportError:
        ours = ()
    return [op for op in ('__lt__', '__le__', '__gt__', '__ge__') if op in d and d[op] not in ours]


def total_ordering(cls):
    roots = _given(cls)
    if not roots:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = roots[0]
    lt, le, gt, ge = '__lt__', '__le__', '__gt__', '__ge__'

    def mk(expr):
        def f(self, other):
            r = getattr(self, root)(other)
            if r is NotImplemented:
                return r
            return expr(self, other, r)
        return f
    eq = lambda s, o: s == o
    table = {
        lt: {gt: lambda s, o, r: not r and not eq(s, o), le: lambda s, o, r: r or eq(s, o),
             ge: lambda s, o, r: not r},
        le: {ge: lambda s, o, r: not r or eq(s, o), lt: lambda s, o, r: r and not eq(s, o),
             gt: lambda s, o, r: not r},
        gt: {lt: lambda s, o, r: not r and not eq(s, o), ge: lambda s, o, r: r or eq(s, o),
             le: lambda s, o, r: not r},
        ge: {le: lambda s, o, r: not r or eq(s, o), gt: lambda s, o, r: r and not eq(s, o),
             lt: lambda s, o, r: not r},
    }
    for name, expr in table[root].items():
        if name not in roots:
            setattr(cls, name, mk(expr))
    return cls


class _Dispatch(_Wrapper):
    def __init__(self, fn):
        self._fn = fn
        self.registry = {object: fn}
        self.__wrapped__ = fn
        _copy_attrs(self, fn, WRAPPER_ASSIGNMENTS)

    def register(self, cls, func=None):
        if func is None:
            if isinstance(cls, type):
                return lambda f: self.register(cls, f)
            # register(func): the class is the first parameter's annotation,
            # which rewritten code records (only when it reads annotations).
            func = cls
            ann = _ga(func, '__annotations__') if callable(func) else {}
            types = [ann[k] for k in ann if k != 'return'][:1]
            if not types:
                raise TypeError('Invalid first argument to `register()`: %r. Use either '
                                '`@register(some_class)` or plain `@register` on an annotated '
                                'function.' % (func,))
            t = types[0]
            for c in (getattr(t, '__args__', None) or (t,)):
                self.registry[c] = func
            return func
        self.registry[cls] = func
        return func

    def dispatch(self, cls):
        r = self.registry
        todo = [cls]
        while todo:
            c = todo.pop(0)
            if c in r:
                return r[c]
            todo.extend(getattr(c, '__bases__', ()))
            if c is bool:
                todo.insert(0, int)  # MicroPython: bool.__bases__ == (object,)
        for c in r:
            if c is not object and issubclass(cls, c):
                return r[c]
        return r[object]

    def __call__(self, *a, **k):
        if not a:
            raise TypeError('%s requires at least 1 positional argument' % getattr(self, '__name__', 'singledispatch function'))
        return self.dispatch(type(a[0]))(*a, **k)


def singledispatch(func):
    return _Dispatch(func)


class singledispatchmethod:
    def __init__(self, func):
        self.d = _Dispatch(func)

    def register(self, cls, method=None):
        return self.d.register(cls, method)

    def __get__(self, obj, cls=None):
        d = self.d

        def f(*a, **k):
            return d.dispatch(type(a[0]))(obj, *a, **k)
        return f
