"""collections.abc for MicroPython.

Supported: the usual ABC names (Iterable, Iterator, Generator, Sized,
Container, Collection, Hashable, Callable, Reversible, Sequence,
MutableSequence, Mapping, MutableMapping, Set, MutableSet, MappingView,
KeysView, ItemsView, ValuesView, ByteString, Awaitable, Coroutine,
AsyncIterable, AsyncIterator, AsyncGenerator, Buffer). isinstance() and
issubclass() answer as in CPython for built-in types, for classes defining
the one-trick methods (__iter__, __len__, __contains__, __call__...), for
subclasses, and for register()ed classes. As base classes they supply the
usual mixin methods (Mapping.get/keys/items/values/__contains__/__eq__,
MutableMapping.pop/update/setdefault..., Sequence.index/count/__iter__...,
MutableSequence.append/extend/pop/remove..., Set operators, Iterator.__iter__).
Not supported: TypeError on instantiating a subclass that leaves abstract
methods unimplemented.
"""
import _compat_a

_isinst = _compat_a._isinstance
_issub = _compat_a._issubclass


def _g():
    yield


_gen = type(_g())
_its = tuple(set([type(iter(x)) for x in ([], (), '', {}, set(), range(0), b'', bytearray())]
                 + [type(zip()), type(map(abs, [])), type(filter(None, [])), type(enumerate([])),
                    type(reversed([]))]))
_view = type({}.keys())
_SEQ = (list, tuple, str, range, bytes, bytearray, memoryview)
_MAP = (dict,)
_SET = (set, frozenset)
_COLL = _SEQ + _MAP + _SET + (_view,)
_ITER = _COLL + (_gen,) + _its


def _has(c, *names):
    for n in names:
        if not hasattr(c, n):
            return False
    return True


class Hashable:
    pass


class Iterable:
    pass


class Iterator(Iterable):
    def __iter__(self):
        return self


class Reversible(Iterable):
    pass


class Generator(Iterator):
    def __next__(self):
        return self.send(None)


class Sized:
    pass


class Container:
    pass


class Collection(Sized, Iterable, Container):
    pass


class Callable:
    pass


class Awaitable:
    pass


class Coroutine(Awaitable):
    pass


class AsyncIterable:
    pass


class AsyncIterator(AsyncIterable):
    def __aiter__(self):
        return self


class AsyncGenerator(AsyncIterator):
    pass


class Buffer:
    pass


class Sequence(Reversible, Collection):
    def __iter__(self):
        i = 0
        try:
            while True:
                yield self[i]
                i += 1
        except IndexError:
            return

    def __contains__(self, value):
        for v in self:
            if v is value or v == value:
                return True
        return False

    def __reversed__(self):
        for i in range(len(self) - 1, -1, -1):
            yield self[i]

    def index(self, value, start=0, stop=None):
        n = len(self)
        if start < 0:
            start = max(n + start, 0)
        if stop is None:
            stop = n
        elif stop < 0:
            stop += n
        for i in range(start, min(stop, n)):
            v = self[i]
            if v is value or v == value:
                return i
        raise ValueError

    def count(self, value):
        return sum([1 for v in self if v is value or v == value])


class ByteString(Sequence):
    pass


class MutableSequence(Sequence):
    def append(self, value):
        self.insert(len(self), value)

    def clear(self):
        try:
            while True:
                self.pop()
        except IndexError:
            pass

    def reverse(self):
        n = len(self)
        for i in range(n // 2):
            self[i], self[n - i - 1] = self[n - i - 1], self[i]

    def extend(self, values):
        if values is self:
            values = list(values)
        for v in values:
            self.append(v)

    def pop(self, index=-1):
        v = self[index]
        del self[index]
        return v

    def remove(self, value):
        del self[self.index(value)]

    def __iadd__(self, values):
        self.extend(values)
        return self


class Set(Collection):
    def __le__(self, other):
        if len(self) > len(other):
            return False
        for e in self:
            if e not in other:
                return False
        return True

    def __lt__(self, other):
        return len(self) < len(other) and self.__le__(other)

    def __gt__(self, other):
        return len(self) > len(other) and self.__ge__(other)

    def __ge__(self, other):
        if len(self) < len(other):
            return False
        for e in other:
            if e not in self:
                return False
        return True

    def __eq__(self, other):
        return len(self) == len(other) and self.__le__(other)

    @classmethod
    def _from_iterable(cls, it):
        return cls(it)

    def __and__(self, other):
        return self._from_iterable([v for v in other if v in self])

    def __or__(self, other):
        return self._from_iterable([e for e in self] + [e for e in other if e not in self])

    def __sub__(self, other):
        return self._from_iterable([v for v in self if v not in other])

    def __xor__(self, other):
        return (self - other) | self._from_iterable([v for v in other if v not in self])

    def isdisjoint(self, other):
        for v in other:
            if v in self:
                return False
        return True


class MutableSet(Set):
    def remove(self, value):
        if value not in self:
            raise KeyError(value)
        self.discard(value)

    def pop(self):
        for v in self:
            self.discard(v)
            return v
        raise KeyError

    def clear(self):
        for v in list(self):
            self.discard(v)

    def __ior__(self, it):
        for v in it:
            self.add(v)
        return self

    def __iand__(self, it):
        for v in list(self):
            if v not in it:
                self.discard(v)
        return self

    def __isub__(self, it):
        for v in it:
            self.discard(v)
        return self


class Mapping(Collection):
    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        return True

    def keys(self):
        return KeysView(self)

    def items(self):
        return ItemsView(self)

    def values(self):
        return ValuesView(self)

    def __eq__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self.items()) == dict(other.items())


class MutableMapping(Mapping):
    def pop(self, key, *default):
        try:
            v = self[key]
        except KeyError:
            if default:
                return default[0]
            raise
        del self[key]
        return v

    def popitem(self):
        for k in self:
            v = self[k]
            del self[k]
            return k, v
        raise KeyError

    def clear(self):
        for k in list(self):
            del self[k]

    def update(self, other=(), **kw):
        if isinstance(other, Mapping) or hasattr(other, 'keys'):
            for k in other.keys():
                self[k] = other[k]
        else:
            for k, v in other:
                self[k] = v
        for k in kw:
            self[k] = kw[k]

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default


class MappingView(Sized):
    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return '%s(%r)' % (type(self).__name__, self._mapping)


class KeysView(MappingView, Set):
    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        return iter(self._mapping)

    @classmethod
    def _from_iterable(cls, it):
        return set(it)


class ItemsView(MappingView, Set):
    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        return v is value or v == value

    def __iter__(self):
        for key in self._mapping:
            yield (key, self._mapping[key])

    @classmethod
    def _from_iterable(cls, it):
        return set(it)


class ValuesView(MappingView, Collection):
    def __contains__(self, value):
        for key in self._mapping:
            v = self._mapping[key]
            if v is value or v == value:
                return True
        return False

    def __iter__(self):
        for key in self._mapping:
            yield self._mapping[key]


def _hashable(o):
    try:
        hash(o)
        return True
    except TypeError:
        return False


# (abc, native types, methods a class needs to count structurally, instance test)
_RULES = (
    (Iterable, _ITER, ('__iter__',), None),
    (Iterator, (_gen,) + _its, ('__iter__', '__next__'), None),
    (Generator, (_gen,), ('send', 'throw', '__next__'), None),
    (Reversible, _SEQ + _MAP, ('__reversed__', '__iter__'), None),
    (Sized, _COLL, ('__len__',), None),
    (Container, _COLL, ('__contains__',), None),
    (Collection, _COLL, ('__len__', '__iter__', '__contains__'), None),
    (Sequence, _SEQ, None, None),
    (ByteString, (bytes, bytearray), None, None),
    (MutableSequence, (list, bytearray), None, None),
    (Mapping, _MAP, None, None),
    (MutableMapping, _MAP, None, None),
    (Set, _SET, None, None),
    (MutableSet, (set,), None, None),
    (MappingView, (_view,), None, None),
    (Callable, (), ('__call__',), callable),
    (Hashable, (int, float, complex, str, bytes, tuple, frozenset, type(None), bool, type),
     ('__hash__',), _hashable),
    (Awaitable, (), ('__await__',), None),
    (Coroutine, (), ('send', 'throw', 'close', '__await__'), None),
    (AsyncIterable, (), ('__aiter__',), None),
    (AsyncIterator, (), ('__aiter__', '__anext__'), None),
    (AsyncGenerator, (), ('__aiter__', '__anext__', 'asend', 'athrow'), None),
    (Buffer, (bytes, bytearray, memoryview), None, None),
)


def _rule(abc, natives, methods, test):
    reg = []

    def sub(c):
        if _issub(c, abc) or (natives and _issub(c, natives)):
            return True
        if reg and _issub(c, tuple(reg)):
            return True
        return methods is not None and _has(c, *methods)

    def inst(o):
        if test is not None:
            return test(o)
        return sub(type(o))

    def register(c):
        reg.append(c)
        return c
    abc.register = register
    _compat_a.check(abc, inst, sub)


for _r in _RULES:
    _rule(*_r)
del _r
