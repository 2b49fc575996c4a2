"""abc for MicroPython.

Supported: ABC, ABCMeta (`class B(metaclass=ABCMeta)` is accepted), abstractmethod
(instantiating a class that leaves one unimplemented raises CPython's
TypeError), register() for virtual subclasses (isinstance/issubclass then
agree), abstractproperty/abstractclassmethod/abstractstaticmethod aliases.
Not enforced: abstract methods wrapped by @property, @classmethod or
@staticmethod (MicroPython cannot look inside those), and classes that
inherit ABC through a built-in type such as dict.
"""
import _compat_a

_abstract = set()
_cache = {}


def abstractmethod(funcobj):
    try:
        _abstract.add(funcobj)
    except TypeError:
        pass
    return funcobj


abstractproperty = property
abstractclassmethod = classmethod
abstractstaticmethod = staticmethod


def _abstracts(cls):
    r = _cache.get(cls)
    if r is None:
        names = set()
        for c in _compat_a.mro(cls):
            for k in getattr(c, '__dict__', ()):
                names.add(k)
        r = []
        for k in names:
            try:
                v = getattr(cls, k)
                if v in _abstract:
                    r.append(k)
            except (AttributeError, TypeError):
                pass
        r.sort()
        _cache[cls] = r
    return r


_virtual = {}


def _register(abc, subclass):
    v = _virtual.get(abc)
    if v is None:
        v = _virtual[abc] = []
        _compat_a.check(
            abc,
            lambda o: _compat_a._isinstance(o, abc) or _compat_a._isinstance(o, tuple(v)),
            lambda c: _compat_a._issubclass(c, abc) or _compat_a._issubclass(c, tuple(v)))
    v.append(subclass)
    return subclass


class ABCMeta(type):
    def register(cls, subclass):
        return _register(cls, subclass)


class ABC:
    def __new__(cls, *args, **kwargs):
        ab = _abstracts(cls)
        if ab:
            raise TypeError("Can't instantiate abstract class %s with abstract method%s %s"
                            % (cls.__name__, 's' if len(ab) > 1 else '', ', '.join(ab)))
        return super().__new__(cls)

    @classmethod
    def register(cls, subclass):
        return _register(cls, subclass)


# `class B(metaclass=ABCMeta)` builds B with ABC as an extra base.
_compat_a.harmless_meta[ABCMeta] = ABC


def get_cache_token():
    return 0


def update_abstractmethods(cls):
    _cache.pop(cls, None)
    return cls
