"""copy for MicroPython.

Supported: copy() and deepcopy() of the built-in containers (list, dict, set,
tuple, bytearray, and dict subclasses with a copy() method such as Counter),
of instances of user classes (their attributes, without calling __init__; frozen
dataclasses too), shared and cyclic references (memo), __copy__ and
__deepcopy__(memo); Error. Not supported: __reduce_ex__/__getstate__/
__setstate__ protocols, copying instances of user subclasses of built-in types
other than dict, list and set.
"""


class Error(Exception):
    pass


error = Error


def _f():
    pass


_ATOMIC = (type(None), int, float, bool, complex, str, bytes, type, range, type(_f),
           type(len), type(Ellipsis), frozenset)


def _instance(x, cls):
    y = object.__new__(cls)
    return y


def copy(x):
    cls = type(x)
    if cls in _ATOMIC or cls is tuple:
        return x
    if cls is list:
        return x[:]
    if cls is dict or cls is set or cls is bytearray:
        return x.copy() if cls is not bytearray else bytearray(x)
    c = getattr(x, '__copy__', None)
    if c is not None:
        return c()
    if isinstance(x, (tuple, frozenset)):
        return x
    if isinstance(x, dict):
        y = cls()
        y.update(x)
        return y
    if isinstance(x, (list, set)):
        return cls(x)
    try:
        d = x.__dict__
    except AttributeError:
        raise Error('un(shallow)copyable object of type %s' % cls)
    y = _instance(x, cls)
    for k in d:
        object.__setattr__(y, k, d[k])
    return y


def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    i = id(x)
    y = memo.get(i, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _ATOMIC:
        return x
    if cls is list:
        y = []
        memo[i] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        if i in memo:
            return memo[i]
        for a, b in zip(x, items):
            if a is not b:
                y = tuple(items)
                break
        else:
            y = x
    elif cls is dict:
        y = {}
        memo[i] = y
        for k in x:
            y[deepcopy(k, memo)] = deepcopy(x[k], memo)
    elif cls is set:
        y = set()
        memo[i] = y
        for a in x:
            y.add(deepcopy(a, memo))
    elif cls is bytearray:
        y = bytearray(x)
    else:
        c = getattr(x, '__deepcopy__', None)
        if c is not None:
            y = c(memo)
        elif isinstance(x, dict):
            y = x.copy()
            memo[i] = y
            for k in list(y):
                y[k] = deepcopy(x[k], memo)
        elif isinstance(x, tuple):
            y = x
        elif isinstance(x, (list, set)):
            y = cls()
            memo[i] = y
            for a in x:
                (y.append if isinstance(x, list) else y.add)(deepcopy(a, memo))
        else:
            try:
                d = x.__dict__
            except AttributeError:
                raise Error('un(deep)copyable object of type %s' % cls)
            y = _instance(x, cls)
            memo[i] = y
            for k in d:
                object.__setattr__(y, k, deepcopy(d[k], memo))
    if y is not x:
        memo[i] = y
        # Keep x alive while memo is used, so that its id is not reused.
        memo.setdefault(id(memo), []).append(x)
    return y


def replace(obj, **changes):
    f = getattr(type(obj), '__replace__', None)
    if f is None:
        raise TypeError('replace() does not support %s objects' % type(obj).__name__)
    return f(obj, **changes)
