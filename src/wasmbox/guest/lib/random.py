"""random: MicroPython's built-in generator with CPython's API on top.

seed, random, uniform, randint, randrange, choice, getrandbits (any width) are
the built-in's (fast); shuffle, sample, choices, gauss, normalvariate, expovariate,
triangular, betavariate, gammavariate, lognormvariate, vonmisesvariate,
paretovariate, weibullvariate, randbytes, Random, SystemRandom load on first use.
seed(x) makes runs reproducible, but the numbers differ from CPython's.
Random(x) instances have their own state (getstate/setstate); the module-level
getstate/setstate raise NotImplementedError (the built-in hides its state).
"""
import _wasmbox

_r = _wasmbox.builtin('random')
random = _r.random
uniform = _r.uniform
_L = None


def seed(a=None, version=2):
    if a is None:
        _r.seed()
    else:
        _r.seed(a if isinstance(a, int) else hash(a))
    if _L:
        _L['_inst'].gauss_next = None


def getrandbits(k):
    if k <= 32:
        return _r.getrandbits(k)
    n = 0
    while k > 0:
        b = 32 if k > 32 else k
        n = n << b | _r.getrandbits(b)
        k -= b
    return n


def randrange(*a):
    try:
        return _r.randrange(*a)
    except (OverflowError, ValueError):
        # Wide ranges, and CPython's error messages.
        return __getattr__('_randrange')(*a)


def choice(seq):
    try:
        return _r.choice(seq)
    except IndexError:
        raise IndexError('Cannot choose from an empty sequence')


def randint(a, b):
    try:
        return _r.randint(a, b)
    except (OverflowError, ValueError):
        return __getattr__('_randrange')(a, b + 1)


def _sec(name, g):
    # Exec one '#[name]' section of _compat_b.py into g (one read, one compile).
    s = open(__file__.rpartition('/')[0] + '/_compat_b.py', 'rb').read(1 << 17).decode()
    i = s.index('\n#[' + name + ']')
    exec(s[i : s.index('\n#[', i + 3)], g)


def __getattr__(n):
    global _L
    if _L is None:
        _L = {'_r': _r, 'getrandbits': getrandbits, '_sec': _sec}
        _sec('random', _L)
    v = _L.get(n) if n not in ('_r', 'getrandbits', '_sec', 'os', 'floor') else None
    if v is None and n[0] != '_':
        v = getattr(_L['_inst'], n, None)
    if v is None:
        raise AttributeError("module 'random' has no attribute '%s'" % n)
    globals()[n] = v
    return v
