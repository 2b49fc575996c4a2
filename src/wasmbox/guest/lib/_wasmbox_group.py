# _wasmbox_group: ExceptionGroup, BaseExceptionGroup and except* for wasmbox.
#
# MicroPython has neither: the runtime creates the two classes (as subclasses
# of Exception and BaseException: MicroPython refuses a class with two native
# bases, so ExceptionGroup is no BaseExceptionGroup here), _wasmbox_exc
# routes their __init__ and __str__ here, and the source transformer turns
#     try:                      with __wb_star() as s:
#         ...                       ...
#     except* T as eg:          for eg in s.clause(T, last):
#         ...                       ...
# (see _Star). Imported on first use: never at boot.
import _wasmbox_exc as _x

_type = _x._type
issubclass = _x.issubclass
_display = _x._display
_EG = _x._EG
_BEG = _x._BEG


def _is_group(x):
    return isinstance(x, (_EG, _BEG))


def _group_class(excs):
    for x in excs:
        if not isinstance(x, Exception):
            return _BEG
    return _EG


def init(self, message, exceptions):
    if not isinstance(message, str):
        raise TypeError('BaseExceptionGroup.__new__() argument 1 must be str, not %s'
                        % _type(message).__name__)
    if not isinstance(exceptions, (list, tuple)) and (
            isinstance(exceptions, (set, frozenset, dict, str))
            or not hasattr(_type(exceptions), '__getitem__')):
        raise TypeError('second argument (exceptions) must be a sequence')
    excs = tuple(exceptions)
    if not excs:
        raise ValueError('second argument (exceptions) must be a non-empty sequence')
    for i, x in enumerate(excs):
        if not isinstance(x, BaseException):
            raise ValueError('Item %d of second argument (exceptions) is not an exception' % i)
        if issubclass(_type(self), Exception) and not isinstance(x, Exception):
            raise TypeError('Cannot nest BaseExceptions in an ExceptionGroup')
    self.message = message
    self.exceptions = excs
    self.args = (message, exceptions)
    _display(self, str_(self))


def str_(self):
    n = len(self.exceptions)
    return '%s (%d sub-exception%s)' % (self.message, n, '' if n == 1 else 's')


def _derive_method(self, excs):
    return _group_class(excs)(self.message, excs)


def _split_method(self, cond):
    return _split(self, _matcher(cond))


def _subgroup_method(self, cond):
    return _split(self, _matcher(cond))[0]


def _matcher(cond):
    if isinstance(cond, _type) and issubclass(cond, BaseException):
        return lambda e: isinstance(e, cond)
    if isinstance(cond, tuple) and all([isinstance(c, _type) and issubclass(c, BaseException)
                                        for c in cond]):
        return lambda e: isinstance(e, cond)
    if callable(cond) and not isinstance(cond, _type):
        return cond
    raise TypeError('expected a function, exception type or tuple of exception types')


def _derive(eg, excs):
    n = eg.derive(excs)
    for k in ('__cause__', '__context__', '__notes__'):
        v = eg.__dict__.get(k)
        if v is not None:
            setattr(n, k, v)
    n._wb_orig = eg
    return n


def _split(eg, pred):
    # Nested groups keep their structure (depth is small: recursion is fine).
    if pred(eg):
        return eg, None
    matched, rest = [], []
    for x in eg.exceptions:
        if _is_group(x):
            m, r = _split(x, pred)
        elif pred(x):
            m, r = x, None
        else:
            m, r = None, x
        if m is not None:
            matched.append(m)
        if r is not None:
            rest.append(r)
    if not matched:
        return None, eg
    if not rest:
        return eg, None
    return _derive(eg, matched), _derive(eg, rest)


class _Star:
    # `try:` ... `except* T as eg:` becomes
    # `with __wb_star() as s:` ... `for eg in s.clause(T, last):`: the with
    # block keeps the exception; each clause takes its part of the group; the
    # last one raises what no clause took.
    def __init__(self):
        self.rest = None
        self.naked = None

    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        if v is None:
            return False
        v = _x.cpython(v)
        if _is_group(v):
            self.rest = v
        else:
            self.naked = v
            self.rest = _group_class((v,))('', (v,))
        return True

    def clause(self, t, last):
        if self.rest is not None:
            for c in _x._flat(t, []):
                if isinstance(c, _type) and (issubclass(c, _EG) or issubclass(c, _BEG)):
                    raise TypeError('catching ExceptionGroup with except* is not allowed. '
                                    'Use except instead.')
            m, self.rest = _split(self.rest, _matcher(t))
            if m is not None:
                yield m
        if last and self.rest is not None:
            rest, self.rest = self.rest, None
            raise self.naked if self.naked is not None else rest


def star():
    return _Star()


for _c in (_EG, _BEG):
    _c.derive = _derive_method
    _c.split = _split_method
    _c.subgroup = _subgroup_method
_c = None
