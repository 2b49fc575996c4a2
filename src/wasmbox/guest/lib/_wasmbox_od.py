"""The insertion-ordered dict behind wasmbox's runtime and collections (guest code).

Kept apart from collections so that the runtime, which builds every dict of
transformed user code on it, loads only this at boot (into the snapshot).
MicroPython's own dicts do not keep insertion order; its OrderedDict deletes
in O(n). _OD keeps order with O(1) deletes.
"""
_M = object()


class _View:
    def __init__(self, d, kind):
        self._d = d
        self._kind = kind

    def __iter__(self):
        d = self._d
        if self._kind == 0:
            return iter(list(d))
        g = d.get
        if self._kind == 1:
            return iter([g(k) for k in d])
        return iter([(k, g(k)) for k in d])

    def __len__(self):
        return len(self._d)

    def __contains__(self, x):
        if self._kind == 0:
            return x in self._d
        return x in list(self)

    def __reversed__(self):
        return reversed(list(self))

    def __eq__(self, o):
        if self._kind == 1:
            return self is o
        return set(self) == set(o)

    def __and__(self, o):
        return set(self) & set(o)

    def __or__(self, o):
        return set(self) | set(o)

    def __sub__(self, o):
        return set(self) - set(o)

    def __xor__(self, o):
        return set(self) ^ set(o)

    def isdisjoint(self, o):
        return not (set(self) & set(o))

    def __repr__(self):
        return '%s_%s(%r)' % ('odict' if type(self._d).__name__ == 'OrderedDict' else 'dict',
                              ('keys', 'values', 'items')[self._kind], list(self))


_DEAD = object()


class _OD(dict):
    # A dict that remembers insertion order: _k lists the keys in order, with
    # deleted ones replaced by _DEAD (and _p, built on the first deletion,
    # giving each key's index) so that deleting stays O(1).
    # Class-level defaults: an instance stores only _k until a key is deleted.
    _p = None
    _nd = 0

    def __init__(self, *a, **kw):
        super().__init__()
        self._k = []
        if a or kw:
            _OD.update(self, *a, **kw)

    def __setitem__(self, k, v):
        if k not in self:
            if self._p is not None:
                self._p[k] = len(self._k)
            self._k.append(k)
        super().__setitem__(k, v)

    def _forget(self, k):
        ks = self._k
        if ks and ks[-1] is k or (ks and ks[-1] == k):
            ks.pop()
            if self._p is not None:
                del self._p[k]
            while ks and ks[-1] is _DEAD:
                ks.pop()
                self._nd -= 1
            return
        p = self._p
        if p is None:
            p = self._p = {}
            for i in range(len(ks)):
                if ks[i] is not _DEAD:
                    p[ks[i]] = i
        ks[p.pop(k)] = _DEAD
        self._nd += 1
        if self._nd > 8 and 2 * self._nd > len(ks):
            self._k = [x for x in ks if x is not _DEAD]
            self._nd = 0
            self._p = None

    def __delitem__(self, k):
        super().__delitem__(k)
        self._forget(k)

    def _live(self):
        for k in self._k:
            if k is not _DEAD:
                yield k

    def __iter__(self):
        return self._live() if self._nd else iter(self._k)

    def __reversed__(self):
        return reversed(list(self))

    def keys(self):
        return _View(self, 0)

    def values(self):
        return _View(self, 1)

    def items(self):
        return _View(self, 2)

    def pop(self, k, *d):
        if k in self:
            v = super().pop(k)
            self._forget(k)
            return v
        if d:
            return d[0]
        raise KeyError(k)

    def popitem(self):
        ks = self._k
        if not len(self):
            raise KeyError('popitem(): dictionary is empty')
        k = ks[-1]
        return (k, self.pop(k))

    def clear(self):
        super().clear()
        self._k = []
        if self._p is not None:
            self._p = None
            self._nd = 0

    def setdefault(self, k, d=None):
        if k not in self:
            self[k] = d
            return d
        return self.get(k)

    def update(self, *a, **kw):
        if a:
            o = a[0]
            if isinstance(o, dict) or hasattr(o, 'keys'):
                for k in o.keys():
                    self[k] = o[k]
            else:
                for k, v in o:
                    self[k] = v
        for k in kw:
            self[k] = kw[k]

    def copy(self):
        return self.__class__(self)

    __copy__ = copy

    def __or__(self, o):
        n = self.copy()
        n.update(o)
        return n

    def __ior__(self, o):
        self.update(o)
        return self

    @classmethod
    def fromkeys(cls, it, v=None):
        d = cls()
        for k in it:
            d[k] = v
        return d

    def _body(self, pairs=None):
        return '{' + ', '.join(['%r: %r' % kv for kv in (pairs or self.items())]) + '}'

    def __repr__(self):
        return self._body()

    __str__ = __repr__
