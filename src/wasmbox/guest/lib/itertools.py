"""itertools for MicroPython (which has none built in), as generators.

Supported: count, cycle, repeat, accumulate (func, initial), chain and
chain.from_iterable, compress, dropwhile, takewhile, filterfalse, groupby,
islice, starmap, tee, zip_longest, product (repeat), permutations,
combinations, combinations_with_replacement, pairwise, batched.
Not supported: the objects' reprs (count(5) prints as a generator) and
pickling; the results are generators, not instances of classes named like the
functions (chain is the exception, for chain.from_iterable).
"""


def count(start=0, step=1):
    n = start
    while True:
        yield n
        n += step


def cycle(iterable):
    saved = []
    for x in iterable:
        yield x
        saved.append(x)
    while saved:
        for x in saved:
            yield x


def repeat(obj, times=None):
    if times is None:
        while True:
            yield obj
    else:
        for _ in range(times):
            yield obj


def _add(a, b):
    return a + b


def accumulate(iterable, func=None, *, initial=None):
    f = _add if func is None else func
    it = iter(iterable)
    total = initial
    if initial is None:
        for total in it:
            break
        else:
            return
    yield total
    for x in it:
        total = f(total, x)
        yield total


def _chain(iterables):
    for it in iterables:
        for x in it:
            yield x


class chain:
    def __init__(self, *iterables):
        self._g = _chain(iterables)

    @classmethod
    def from_iterable(cls, iterables):
        c = cls()
        c._g = _chain(iterables)
        return c

    def __iter__(self):
        return self._g

    def __next__(self):
        return next(self._g)


def compress(data, selectors):
    for d, s in zip(data, selectors):
        if s:
            yield d


def dropwhile(predicate, iterable):
    it = iter(iterable)
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


def takewhile(predicate, iterable):
    for x in iterable:
        if not predicate(x):
            return
        yield x


def filterfalse(predicate, iterable):
    if predicate is None:
        predicate = bool
    for x in iterable:
        if not predicate(x):
            yield x


def groupby(iterable, key=None):
    kf = key or (lambda x: x)
    it = iter(iterable)
    # st: [current value, current key, exhausted]
    st = [None, None, False]
    for v in it:
        st[0] = v
        st[1] = kf(v)
        break
    else:
        return

    def grouper(target):
        yield st[0]
        for v in it:
            k = kf(v)
            st[0] = v
            st[1] = k
            if k != target:
                return
            yield v
        st[2] = True

    while not st[2]:
        target = st[1]
        g = grouper(target)
        yield target, g
        if st[1] == target and not st[2]:
            for _ in g:
                pass


def _ints(args):
    for a in args:
        if a is not None and (not isinstance(a, int) or a < 0):
            raise ValueError('Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.')


def islice(iterable, *args):
    if len(args) == 1:
        start, stop, step = 0, args[0], 1
    elif len(args) in (2, 3):
        start, stop = args[0], args[1]
        step = args[2] if len(args) == 3 else 1
    else:
        raise TypeError('islice expected 2 to 4 arguments, got %d' % (len(args) + 1))
    _ints((start, stop, step))
    start = start or 0
    step = 1 if step is None else step
    if step == 0:
        raise ValueError('Step for islice() must be a positive integer or None.')
    it = iter(iterable)
    i = 0
    nxt = start
    if stop is not None and nxt >= stop:
        for _ in zip(range(start), it):
            pass
        return
    for x in it:
        if i == nxt:
            yield x
            nxt += step
            if stop is not None and nxt >= stop:
                for _ in zip(range(stop - i - 1), it):
                    pass
                return
        i += 1


def starmap(function, iterable):
    for args in iterable:
        yield function(*args)


def tee(iterable, n=2):
    it = iter(iterable)
    bufs = [[] for _ in range(n)]

    def gen(mine):
        while True:
            if not mine:
                for x in it:
                    for b in bufs:
                        b.append(x)
                    break
                else:
                    return
            yield mine.pop(0)
    return tuple([gen(b) for b in bufs])


def zip_longest(*iterables, fillvalue=None):
    its = [iter(x) for x in iterables]
    left = len(its)
    if not left:
        return
    m = object()
    while True:
        row = []
        for j, it in enumerate(its):
            v = next(it, m)
            if v is m:
                left -= 1
                if not left:
                    return
                its[j] = repeat(fillvalue)
                v = fillvalue
            row.append(v)
        yield tuple(row)


def product(*iterables, repeat=1):
    pools = [tuple(p) for p in iterables] * repeat
    n = len(pools)
    for p in pools:
        if not p:
            return
    idx = [0] * n
    while True:
        yield tuple([pools[i][idx[i]] for i in range(n)])
        i = n - 1
        while i >= 0:
            idx[i] += 1
            if idx[i] < len(pools[i]):
                break
            idx[i] = 0
            i -= 1
        if i < 0:
            return


def permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple([pool[i] for i in indices[:r]])
    while n:
        for i in range(r - 1, -1, -1):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple([pool[i] for i in indices[:r]])
                break
        else:
            return


def combinations(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple([pool[i] for i in indices])
    while True:
        for i in range(r - 1, -1, -1):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple([pool[i] for i in indices])


def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple([pool[i] for i in indices])
    while True:
        for i in range(r - 1, -1, -1):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple([pool[i] for i in indices])


def pairwise(iterable):
    it = iter(iterable)
    for a in it:
        for b in it:
            yield a, b
            a = b
        return


def batched(iterable, n):
    if n < 1:
        raise ValueError('n must be at least one')
    it = iter(iterable)
    while True:
        b = tuple(islice(it, n))
        if not b:
            return
        yield b
