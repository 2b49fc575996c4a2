"""Code that overlay modules load only when first needed, in '#[name]' sections.

Never imported whole: a module reads this file (one read) and execs just the
section it needs, from its '#[name]' line to the next '#[' line, so that its own
import stays cheap and using one part never compiles the others. Sections:
json (the Python encoder for indent= and values the built-in cannot print, and
loads hooks), random (shuffle, sample, choices, Random, SystemRandom ...),
randomd (the distributions), hashlib (md5, sha1, sha224, sha384, sha512),
strftime, strptime and isoparse (datetime's, run in its namespace).
What a section expects from its loader is noted at its top.
"""
# ruff: noqa

#[json]
# Given: _bd (built-in dumps), _asc (non-ASCII to \u escapes), _OD (the ordered dict).
_INF = float('inf')


def encode(o, ensure_ascii=True, skipkeys=False, check_circular=True, allow_nan=True,
           cls=None, indent=None, separators=None, default=None, sort_keys=False, **kw):
    if indent is not None and not isinstance(indent, str):
        indent = ' ' * indent
    if separators:
        isep, ksep = separators
    else:
        isep, ksep = (', ' if indent is None else ','), ': '
    out = []
    put = out.append

    def fl(x):
        if x != x:
            r = 'NaN'
        elif x == _INF:
            r = 'Infinity'
        elif x == -_INF:
            r = '-Infinity'
        else:
            return repr(x)
        if not allow_nan:
            raise ValueError('Out of range float values are not JSON compliant')
        return r

    def st(s):
        if '\b' in s or '\f' in s:
            r = '"' + '\\f'.join(['\\b'.join([_bd(p)[1:-1] for p in q.split('\b')])
                                  for q in s.split('\f')]) + '"'
        else:
            r = _bd(s)
        return _asc(r) if ensure_ascii else r

    def enc(o, lvl):
        if isinstance(o, str):
            put(st(o))
        elif o is None:
            put('null')
        elif o is True:
            put('true')
        elif o is False:
            put('false')
        elif isinstance(o, int):
            put('%d' % o)
        elif isinstance(o, float):
            put(fl(float(o)))
        elif isinstance(o, (list, tuple, dict)):
            d = isinstance(o, dict)
            if not o:
                put('{}' if d else '[]')
                return
            if indent is None:
                sep = isep
                put('{' if d else '[')
            else:
                lvl += 1
                sep = isep + '\n' + indent * lvl
                put(('{' if d else '[') + '\n' + indent * lvl)
            first = True
            if d:
                for k, v in (sorted(o.items()) if sort_keys else o.items()):
                    if isinstance(k, str):
                        pass
                    elif isinstance(k, float):
                        k = fl(float(k))
                    elif k is True:
                        k = 'true'
                    elif k is False:
                        k = 'false'
                    elif k is None:
                        k = 'null'
                    elif isinstance(k, int):
                        k = '%d' % k
                    elif skipkeys:
                        continue
                    else:
                        raise TypeError('keys must be str, int, float, bool or None, not '
                                        + type(k).__name__)
                    if first:
                        first = False
                    else:
                        put(sep)
                    put(st(k))
                    put(ksep)
                    enc(v, lvl)
            else:
                for v in o:
                    if first:
                        first = False
                    else:
                        put(sep)
                    enc(v, lvl)
            if indent is not None:
                put('\n' + indent * (lvl - 1))
            put('}' if d else ']')
        elif default is not None:
            enc(default(o), lvl)
        else:
            raise TypeError('Object of type %s is not JSON serializable' % type(o).__name__)

    enc(o, 0)
    return ''.join(out)


def hooks(o, object_hook=None, object_pairs_hook=None, parse_float=None, parse_int=None,
          parse_constant=None, cls=None, strict=True):
    def w(o):
        if isinstance(o, dict):
            o = [(k, w(v)) for k, v in o.items()]
            if object_pairs_hook:
                return object_pairs_hook(o)
            d = _OD()
            for k, v in o:
                d[k] = v
            return object_hook(d) if object_hook else d
        if isinstance(o, list):
            return [w(v) for v in o]
        if parse_float and isinstance(o, float):
            return parse_float(repr(o))
        if parse_int and isinstance(o, int) and not isinstance(o, bool):
            return parse_int(repr(o))
        return o

    return w(o)


#[random]
# Given: _r (the built-in random module), getrandbits (the overlay's, any width),
# _sec (loads a section of this file).
import os
from math import floor

_DISTS = ('triangular', 'normalvariate', 'gauss', 'lognormvariate', 'expovariate',
          'vonmisesvariate', 'gammavariate', 'betavariate', 'paretovariate', 'weibullvariate')
_DONE = []


def _bitlen(n):
    return len(bin(n)) - 2 if n > 0 else 0


class Random:
    """A generator with its own state: SHA-256 of (key, counter), so instances are
    independent of each other and of the module-level functions."""

    def __init__(self, x=None):
        self.seed(x)

    def seed(self, a=None, version=2):
        import hashlib

        if a is None:
            a = os.urandom(32)
        elif isinstance(a, str):
            a = b's' + a.encode()
        elif not isinstance(a, (bytes, bytearray)):
            a = repr(a).encode()
        self._key = hashlib.sha256(bytes(a)).digest()
        self._ctr = 0
        self._buf = b''
        self.gauss_next = None

    def getstate(self):
        return (self._key, self._ctr, self._buf, self.gauss_next)

    def setstate(self, state):
        self._key, self._ctr, self._buf, self.gauss_next = state

    def getrandbits(self, k):
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        n = (k + 7) // 8
        b = self._buf
        if len(b) < n:
            import hashlib

            p = [b]
            while n > len(b):
                h = hashlib.sha256(self._key)
                h.update(self._ctr.to_bytes(8, 'little'))
                self._ctr += 1
                d = h.digest()
                p.append(d)
                b += d
            b = b''.join(p)
        self._buf = b[n:]
        return int.from_bytes(b[:n], 'little') >> (n * 8 - k)

    def random(self):
        return self.getrandbits(53) * 1.1102230246251565e-16

    def _below(self, n):
        k = _bitlen(n)
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r

    def randbytes(self, n):
        return self.getrandbits(n * 8).to_bytes(n, 'little')

    def randrange(self, start, stop=None, step=1):
        if stop is None:
            if start > 0:
                return self._below(start)
            raise ValueError('empty range for randrange()')
        w = stop - start
        if step == 1:
            if w > 0:
                return start + self._below(w)
            raise ValueError('empty range for randrange() (%d, %d, %d)' % (start, stop, w))
        if step > 0:
            n = (w + step - 1) // step
        elif step < 0:
            n = (w + step + 1) // step
        else:
            raise ValueError('zero step for randrange()')
        if n <= 0:
            raise ValueError('empty range for randrange()')
        return start + step * self._below(n)

    def randint(self, a, b):
        return self.randrange(a, b + 1)

    def choice(self, seq):
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[self._below(len(seq))]

    def shuffle(self, x):
        for i in range(len(x) - 1, 0, -1):
            j = self._below(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        if isinstance(population, (set, frozenset, dict)):
            raise TypeError('Population must be a sequence.  For dicts or sets, use sorted(d).')
        if counts is not None:
            population = [x for x, c in zip(population, counts) for _ in range(c)]
        pool = list(population)
        n = len(pool)
        if not 0 <= k <= n:
            raise ValueError('Sample larger than population or is negative')
        res = []
        for i in range(k):
            j = self._below(n - i)
            res.append(pool[j])
            pool[j] = pool[n - i - 1]
        return res

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        n = len(population)
        rnd = self.random
        if cum_weights is None:
            if weights is None:
                n += 0.0
                return [population[floor(rnd() * n)] for _ in range(k)]
            cum_weights = []
            t = 0
            for w in weights:
                t += w
                cum_weights.append(t)
        elif weights is not None:
            raise TypeError('Cannot specify both weights and cumulative weights')
        if len(cum_weights) != n:
            raise ValueError('The number of weights does not match the population')
        total = cum_weights[-1] + 0.0
        if total <= 0.0:
            raise ValueError('Total of weights must be greater than zero')
        if total != total or total == float('inf'):
            raise ValueError('Total of weights must be finite')
        res = []
        for _ in range(k):
            x = rnd() * total
            lo, hi = 0, n - 1
            while lo < hi:
                mid = (lo + hi) // 2
                if x < cum_weights[mid]:
                    hi = mid
                else:
                    lo = mid + 1
            res.append(population[lo])
        return res

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def __getattr__(self, n):
        # The distributions live in the next section, loaded on first use.
        if n in _DISTS and not _DONE:
            _DONE.append(1)
            g = {'Random': Random}
            _sec('randomd', g)
            for k in _DISTS:
                setattr(Random, k, g[k])
            return getattr(self, n)
        raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, n))


class SystemRandom(Random):
    """Random numbers from os.urandom (reproducible only under a wasmbox seed)."""

    def seed(self, *a, **k):
        self.gauss_next = None

    def getrandbits(self, k):
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        n = (k + 7) // 8
        return int.from_bytes(os.urandom(n), 'little') >> (n * 8 - k)

    def getstate(self, *a, **k):
        raise NotImplementedError('System entropy source does not have state.')

    setstate = getstate


class _Global(Random):
    # The module-level functions: MicroPython's built-in generator underneath.
    def __init__(self):
        self.gauss_next = None

    random = staticmethod(_r.random)
    getrandbits = staticmethod(getrandbits)

    def _below(self, n):
        if n <= 0x3FFFFFFF:
            return _r.randrange(n)
        return Random._below(self, n)

    def getstate(self):
        raise NotImplementedError('random.getstate(): the built-in generator hides its state;'
                                  ' use random.Random(seed) for a generator with state')

    setstate = getstate


_inst = _Global()
choices = _inst.choices
shuffle = _inst.shuffle
sample = _inst.sample
randbytes = _inst.randbytes
getstate = _inst.getstate
setstate = _inst.setstate
_randrange = _inst.randrange

#[randomd]
# Random's distribution methods (CPython's algorithms). Given: Random.
from math import acos, cos, e, exp, log, pi, sin, sqrt

_TWOPI = 2.0 * pi
_LOG4 = log(4.0)
_SG_MAGICCONST = 1.0 + log(4.5)
_NV_MAGICCONST = 4 * exp(-0.5) / sqrt(2.0)


def triangular(self, low=0.0, high=1.0, mode=None):
    u = self.random()
    try:
        c = 0.5 if mode is None else (mode - low) / (high - low)
    except ZeroDivisionError:
        return low
    if u > c:
        u = 1.0 - u
        c = 1.0 - c
        low, high = high, low
    return low + (high - low) * sqrt(u * c)

def normalvariate(self, mu=0.0, sigma=1.0):
    while True:
        u1 = self.random()
        u2 = 1.0 - self.random()
        z = _NV_MAGICCONST * (u1 - 0.5) / u2
        if z * z / 4.0 <= -log(u2):
            break
    return mu + z * sigma

def gauss(self, mu=0.0, sigma=1.0):
    z = self.gauss_next
    self.gauss_next = None
    if z is None:
        x2pi = self.random() * _TWOPI
        g2rad = sqrt(-2.0 * log(1.0 - self.random()))
        z = cos(x2pi) * g2rad
        self.gauss_next = sin(x2pi) * g2rad
    return mu + z * sigma

def lognormvariate(self, mu, sigma):
    return exp(self.normalvariate(mu, sigma))

def expovariate(self, lambd=1.0):
    return -log(1.0 - self.random()) / lambd

def vonmisesvariate(self, mu, kappa):
    if kappa <= 1e-6:
        return _TWOPI * self.random()
    s = 0.5 / kappa
    r = s + sqrt(1.0 + s * s)
    while True:
        z = cos(pi * self.random())
        d = z / (r + z)
        u = self.random()
        if u < 1.0 - d * d or u <= (1.0 - d) * exp(d):
            break
    q = 1.0 / r
    f = (q + z) / (1.0 + q * z)
    if self.random() > 0.5:
        return (mu + acos(f)) % _TWOPI
    return (mu - acos(f)) % _TWOPI

def gammavariate(self, alpha, beta):
    if alpha <= 0.0 or beta <= 0.0:
        raise ValueError('gammavariate: alpha and beta must be > 0.0')
    rnd = self.random
    if alpha > 1.0:
        ainv = sqrt(2.0 * alpha - 1.0)
        bbb = alpha - _LOG4
        ccc = alpha + ainv
        while True:
            u1 = rnd()
            if not 1e-7 < u1 < 0.9999999:
                continue
            u2 = 1.0 - rnd()
            v = log(u1 / (1.0 - u1)) / ainv
            x = alpha * exp(v)
            z = u1 * u1 * u2
            r = bbb + ccc * v - x
            if r + _SG_MAGICCONST - 4.5 * z >= 0.0 or r >= log(z):
                return x * beta
    if alpha == 1.0:
        return -log(1.0 - rnd()) * beta
    while True:
        u = rnd()
        b = (e + alpha) / e
        p = b * u
        if p <= 1.0:
            x = p ** (1.0 / alpha)
        else:
            x = -log((b - p) / alpha)
        u1 = rnd()
        if p > 1.0:
            if u1 <= x ** (alpha - 1.0):
                break
        elif u1 <= exp(-x):
            break
    return x * beta

def betavariate(self, alpha, beta):
    y = self.gammavariate(alpha, 1.0)
    if y:
        return y / (y + self.gammavariate(beta, 1.0))
    return 0.0

def paretovariate(self, alpha):
    return 1.0 / (1.0 - self.random()) ** (1.0 / alpha)

def weibullvariate(self, alpha, beta):
    return alpha * (-log(1.0 - self.random())) ** (1.0 / beta)


#[hashlib]
# Pure-Python md5, sha1, sha224, sha384, sha512 (slow: tens of KB/s in MicroPython).
import struct
from math import sin


def _primes(n):
    p = []
    k = 2
    while len(p) < n:
        if all(k % q for q in p):
            p.append(k)
        k += 1
    return p


def _iroot(n, r):
    # floor(n ** (1/r)) for an int 0 < n < 2 ** 1000: Newton's method from a
    # float estimate just above the root.
    x = int(float(n) ** (1.0 / r) * 1.000001) + 2
    while True:
        y = ((r - 1) * x + n // x ** (r - 1)) // r
        if y >= x:
            return x
        x = y


_M32 = 0xFFFFFFFF
_M64 = 0xFFFFFFFFFFFFFFFF
_C = {}


def _sha2k():
    # SHA-2 constants from their definitions: roots of the first primes.
    if not _C:
        P = _primes(80)
        _C[32] = [_iroot(p << 96, 3) & _M32 for p in P[:64]]
        _C[64] = [_iroot(p << 192, 3) & _M64 for p in P]
        _C[0] = [_iroot(p << 128, 2) & _M64 for p in P[:16]]
    return _C


_KMD5 = [int(abs(sin(i + 1)) * 4294967296) for i in range(64)]
_RMD5 = [7, 12, 17, 22] * 4 + [5, 9, 14, 20] * 4 + [4, 11, 16, 23] * 4 + [6, 10, 15, 21] * 4


class _H:
    def __init__(self, data=b'', **kw):
        self._s = list(self._iv())
        self._b = b''
        self._n = 0
        if data:
            self.update(data)

    def update(self, data):
        if isinstance(data, str):
            raise TypeError('Strings must be encoded before hashing')
        d = self._b + bytes(data)
        self._n += len(d) - len(self._b)
        B = self.block_size
        e = len(d) - len(d) % B
        for i in range(0, e, B):
            self._f(d[i : i + B])
        self._b = d[e:]

    def copy(self):
        c = type(self)()
        c._s = list(self._s)
        c._b = self._b
        c._n = self._n
        return c

    def digest(self):
        B = self.block_size
        L = B // 8
        c = self.copy()
        c.update(b'\x80' + bytes((B - L - 1 - len(self._b)) % B) + (self._n * 8).to_bytes(L, self._e))
        return b''.join([x.to_bytes(self._w, self._e) for x in c._s])[: self.digest_size]

    def hexdigest(self):
        return self.digest().hex()


def _fmd5(self, blk):
    X = struct.unpack('<16I', blk)
    a, b, c, d = self._s
    for i in range(64):
        if i < 16:
            f = (b & c) | (~b & d)
            g = i
        elif i < 32:
            f = (d & b) | (~d & c)
            g = (5 * i + 1) & 15
        elif i < 48:
            f = b ^ c ^ d
            g = (3 * i + 5) & 15
        else:
            f = c ^ (b | ~d)
            g = (7 * i) & 15
        f = (f + a + _KMD5[i] + X[g]) & _M32
        r = _RMD5[i]
        a, d, c = d, c, b
        b = (b + ((f << r) | (f >> (32 - r)))) & _M32
    self._s = [(x + y) & _M32 for x, y in zip(self._s, (a, b, c, d))]


def _fsha1(self, blk):
    w = list(struct.unpack('>16I', blk))
    for i in range(16, 80):
        x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
        w.append(((x << 1) | (x >> 31)) & _M32)
    a, b, c, d, e = self._s
    for i in range(80):
        if i < 20:
            f = (b & c) | (~b & d)
            k = 0x5A827999
        elif i < 40:
            f = b ^ c ^ d
            k = 0x6ED9EBA1
        elif i < 60:
            f = (b & c) | (b & d) | (c & d)
            k = 0x8F1BBCDC
        else:
            f = b ^ c ^ d
            k = 0xCA62C1D6
        t = (((a << 5) | (a >> 27)) + f + e + k + w[i]) & _M32
        e, d, c, b, a = d, c, ((b << 30) | (b >> 2)) & _M32, a, t
    self._s = [(x + y) & _M32 for x, y in zip(self._s, (a, b, c, d, e))]


def _fsha2(self, blk):
    # SHA-256 and SHA-512 compression; rotations leave bits above the word
    # size, which the additions carry upward and the final masks drop.
    W = self._w * 8
    M = _M32 if W == 32 else _M64
    K = _C[W]
    A0, A1, A2, E0, E1, E2, S0, S1, S2, T0, T1, T2 = self._r
    w = list(struct.unpack(self._fmt, blk))
    for i in range(16, len(K)):
        x = w[i - 15]
        y = w[i - 2]
        s0 = (x >> S0 | x << W - S0) ^ (x >> S1 | x << W - S1) ^ (x >> S2)
        s1 = (y >> T0 | y << W - T0) ^ (y >> T1 | y << W - T1) ^ (y >> T2)
        w.append((w[i - 16] + s0 + w[i - 7] + s1) & M)
    a, b, c, d, e, f, g, h = self._s
    for i in range(len(K)):
        t1 = h + ((e >> E0 | e << W - E0) ^ (e >> E1 | e << W - E1) ^ (e >> E2 | e << W - E2)) \
            + ((e & f) ^ (~e & g)) + K[i] + w[i]
        t2 = ((a >> A0 | a << W - A0) ^ (a >> A1 | a << W - A1) ^ (a >> A2 | a << W - A2)) \
            + ((a & b) ^ (a & c) ^ (b & c))
        h, g, f, e, d, c, b, a = g, f, e, (d + t1) & M, c, b, a, (t1 + t2) & M
    self._s = [(x + y) & M for x, y in zip(self._s, (a, b, c, d, e, f, g, h))]


class md5(_H):
    name = 'md5'
    digest_size = 16
    block_size = 64
    _e = 'little'
    _w = 4
    _f = _fmd5

    def _iv(self):
        return (0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476)


class sha1(_H):
    name = 'sha1'
    digest_size = 20
    block_size = 64
    _e = 'big'
    _w = 4
    _f = _fsha1

    def _iv(self):
        return (0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0)


class sha224(_H):
    name = 'sha224'
    digest_size = 28
    block_size = 64
    _e = 'big'
    _w = 4
    _r = (2, 13, 22, 6, 11, 25, 7, 18, 3, 17, 19, 10)
    _fmt = '>16I'
    _f = _fsha2

    def _iv(self):
        return [x & _M32 for x in _sha2k()[0][8:]]


class sha512(_H):
    name = 'sha512'
    digest_size = 64
    block_size = 128
    _e = 'big'
    _w = 8
    _r = (28, 34, 39, 14, 18, 41, 1, 8, 7, 19, 61, 6)
    _fmt = '>16Q'
    _f = _fsha2

    def _iv(self):
        return _sha2k()[0][:8]


class sha384(sha512):
    name = 'sha384'
    digest_size = 48

    def _iv(self):
        return _sha2k()[0][8:]


#[strptime]
# datetime.strptime, as CPython's _strptime (C locale, local zone UTC). CPython
# turns the format into a regular expression; MicroPython's re cannot hold it, so
# this matches the same alternatives, in the same order, with backtracking.
# Runs in the datetime module's namespace (date, timedelta, timezone, _MN, ...).
_9 = '0123456789'
_19 = '123456789'
# Each directive's alternatives, in the regular expression's order; an
# alternative is one string of allowed characters per position.
_NUM = {
    'd': (('3', '01'), ('12', _9), ('0', _19), (_19,), (' ', _19)),
    'H': (('2', '0123'), ('01', _9), (_9,)),
    'I': (('1', '012'), ('0', _19), (_19,)),
    'G': ((_9, _9, _9, _9),),
    'j': (('3', '6', '0123456'), ('3', '012345', _9), ('12', _9, _9), ('0', _19, _9),
          ('0', '0', _19), (_19, _9), ('0', _19), (_19,)),
    'm': (('1', '012'), ('0', _19), (_19,)),
    'M': (('012345', _9), (_9,)),
    'S': (('6', '01'), ('012345', _9), (_9,)),
    'U': (('5', '0123'), ('01234', _9), (_9,)),
    'W': (('5', '0123'), ('01234', _9), (_9,)),
    'w': (('0123456',),),
    'u': (('1234567',),),
    'V': (('5', '0123'), ('0', _19), ('1234', _9), (_9,)),
    'y': ((_9, _9),),
    'Y': ((_9, _9, _9, _9),),
}
_NAMES = {'A': _DF, 'a': _DN, 'B': _MF, 'b': _MN, 'p': ('AM', 'PM'), 'Z': ('UTC', 'GMT')}
_WS = ' \t\n\r\x0b\x0c'
_COMPOSITE = {'c': '%a %b %d %H:%M:%S %Y', 'x': '%m/%d/%y', 'X': '%H:%M:%S'}
_CACHE = {}


def _digits(s, p, lo, hi):
    # Greedy [0-9]{lo,hi} at p: the possible ends, longest first.
    k = 0
    while k < hi and p + k < len(s) and s[p + k] in _9:
        k += 1
    return [p + n for n in range(k, lo - 1, -1)]


def _ends(s, p, t):
    # Where token t, matched at p, may end, in the regular expression's order.
    kind, v = t
    if kind == 'l':
        return [p + len(v)] if s[p : p + len(v)] == v else []
    if kind == 's':
        k = p
        while k < len(s) and s[k] in _WS:
            k += 1
        return list(range(k, p, -1))
    if v in _NUM:
        out = []
        for alt in _NUM[v]:
            if len(s) - p >= len(alt) and all(s[p + k] in c for k, c in enumerate(alt)):
                out.append(p + len(alt))
        return out
    if v == 'f':
        return _digits(s, p, 1, 6)
    if v == 'z':
        if s[p : p + 1] == 'z':
            return [p + 1]
        if s[p : p + 1] not in ('+', '-') or len(_digits(s, p + 1, 2, 2)) != 1:
            return []
        out = []
        for c1 in (1, 0):
            q = p + 3
            if c1:
                if s[q : q + 1] != ':':
                    continue
                q += 1
            if not (s[q : q + 1] and s[q] in '012345' and s[q + 1 : q + 2] and s[q + 1] in _9):
                continue
            q += 2
            for c2 in (1, 0):
                r = q
                if c2:
                    if s[r : r + 1] != ':':
                        continue
                    r += 1
                if s[r : r + 1] and s[r] in '012345' and s[r + 1 : r + 2] and s[r + 1] in _9:
                    r += 2
                    if s[r : r + 1] == '.':
                        out += _digits(s, r + 1, 1, 6)
                    out.append(r)
            out.append(q)
        return out
    names = sorted([x.lower() for x in _NAMES[v] if x], key=len, reverse=True)
    return [p + len(x) for x in names if s[p : p + len(x)] == x]


def _compile(fmt):
    c = _CACHE.get(fmt)
    if c:
        return c
    toks = []
    i = 0
    f = fmt
    n = len(f)
    while i < n:
        ch = f[i]
        i += 1
        if ch == '%':
            if i == n:
                raise ValueError("stray %% in format '%s'" % fmt)
            d = f[i]
            i += 1
            if d in _COMPOSITE:
                f = f[: i - 2] + _COMPOSITE[d] + f[i:]
                n = len(f)
                i -= 2
            elif d == '%':
                toks.append(('l', '%'))
            elif d in _NUM or d in _NAMES or d in 'fz':
                toks.append(('d', d))
            else:
                raise ValueError("'%s' is a bad directive in format '%s'" % (d, fmt))
        elif ch in _WS:
            while i < n and f[i] in _WS:
                i += 1
            toks.append(('s', None))
        else:
            toks.append(('l', ch.lower()))
    _CACHE[fmt] = toks
    return toks


def _match(s, toks):
    # Depth-first over the tokens: [(end, [(key, text)...])] or None.
    if not toks:
        return 0, []
    stack = [(0, 0, _ends(s, 0, toks[0]))]
    ends = [0] * len(toks)
    while stack:
        k, p, cands = stack[-1]
        if not cands:
            stack.pop()
            continue
        e = cands.pop(0)
        ends[k] = e
        if k + 1 == len(toks):
            found = []
            q = 0
            for t, e2 in zip(toks, ends):
                if t[0] == 'd':
                    found.append((t[1], s[q:e2]))
                q = e2
            return e, found
        stack.append((k + 1, e, _ends(s, e, toks[k + 1])))
    return None


def _strptime(cls, data_string, format):
    for a, what in ((data_string, 1), (format, 2)):
        if not isinstance(a, str):
            raise TypeError('strptime() argument %d must be str, not %s' % (what, type(a).__name__))
    r = _match(data_string.lower(), _compile(format))
    if r is None:
        raise ValueError('time data %r does not match format %r' % (data_string, format))
    end, pairs = r
    if end != len(data_string):
        raise ValueError('unconverted data remains: %s' % data_string[end:])
    found = {}
    keys = []
    for key, v in pairs:
        found[key] = v
        keys.append(key)
    year = None
    month = day = 1
    hour = minute = second = fraction = 0
    gmtoff = None
    gmtoff_fraction = 0
    iso_year = iso_week = None
    week_of_year = None
    week_of_year_start = None
    weekday = julian = None
    for key in keys:
        v = found[key]
        if key == 'y':
            year = int(v)
            year += 2000 if year <= 68 else 1900
        elif key == 'Y':
            year = int(v)
        elif key == 'G':
            iso_year = int(v)
        elif key == 'm':
            month = int(v)
        elif key == 'B':
            month = [x.lower() for x in _MF[1:]].index(v) + 1
        elif key == 'b':
            month = [x.lower() for x in _MN[1:]].index(v) + 1
        elif key == 'd':
            day = int(v)
        elif key == 'H':
            hour = int(v)
        elif key == 'I':
            hour = int(v)
            ampm = found.get('p', '')
            if ampm in ('', 'am'):
                if hour == 12:
                    hour = 0
            elif ampm == 'pm' and hour != 12:
                hour += 12
        elif key == 'M':
            minute = int(v)
        elif key == 'S':
            second = int(v)
        elif key == 'f':
            fraction = int(v + '0' * (6 - len(v)))
        elif key == 'A':
            weekday = [x.lower() for x in _DF[1:]].index(v)
        elif key == 'a':
            weekday = [x.lower() for x in _DN[1:]].index(v)
        elif key == 'w':
            weekday = int(v)
            weekday = 6 if weekday == 0 else weekday - 1
        elif key == 'u':
            weekday = int(v) - 1
        elif key == 'j':
            julian = int(v)
        elif key in ('U', 'W'):
            week_of_year = int(v)
            week_of_year_start = 6 if key == 'U' else 0
        elif key == 'V':
            iso_week = int(v)
        elif key == 'z':
            z = v
            if z == 'z':
                gmtoff = 0
            else:
                if z[3] == ':':
                    z = z[:3] + z[4:]
                    if len(z) > 5:
                        if z[5] != ':':
                            raise ValueError('Inconsistent use of : in %s' % v)
                        z = z[:5] + z[6:]
                hours = int(z[1:3])
                minutes = int(z[3:5])
                seconds = int(z[5:7] or 0)
                gmtoff = hours * 3600 + minutes * 60 + seconds
                rem = z[8:]
                gmtoff_fraction = int(rem + '0' * (6 - len(rem)))
                if z[0] == '-':
                    gmtoff = -gmtoff
                    gmtoff_fraction = -gmtoff_fraction
    if year is None and iso_year is not None:
        if iso_week is None or weekday is None:
            raise ValueError("ISO year directive '%G' must be used with the ISO week directive "
                             "'%V' and a weekday directive ('%A', '%a', '%w', or '%u').")
        if julian is not None:
            raise ValueError("Day of the year directive '%j' is not compatible with ISO year "
                             "directive '%G'. Use '%Y' instead.")
    elif week_of_year is None and iso_week is not None:
        if weekday is None:
            raise ValueError("ISO week directive '%V' must be used with the ISO year directive "
                             "'%G' and a weekday directive ('%A', '%a', '%w', or '%u').")
        raise ValueError("ISO week directive '%V' is incompatible with the year directive "
                         "'%Y'. Use the ISO year '%G' instead.")
    leap_fix = False
    if year is None and month == 2 and day == 29:
        year = 1904
        leap_fix = True
    elif year is None:
        year = 1900
    if julian is None and weekday is not None:
        if week_of_year is not None:
            first = date(year, 1, 1).weekday()
            if week_of_year_start == 6:
                first = (first + 1) % 7
                wd = (weekday + 1) % 7
            else:
                wd = weekday
            wk0 = (7 - first) % 7
            if week_of_year == 0:
                julian = 1 + wd - first
            else:
                julian = wk0 + (week_of_year - 1) * 7 + wd + 1
        elif iso_year is not None and iso_week is not None:
            y, month, day = _fromisocal(iso_year, iso_week, weekday + 1)
            year = y
            julian = date(year, month, day).toordinal() - date(year, 1, 1).toordinal() + 1
        if julian is not None and julian <= 0:
            year -= 1
            julian += 366 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 365
    if julian is not None:
        d = date.fromordinal(julian - 1 + date(year, 1, 1).toordinal())
        year, month, day = d.year, d.month, d.day
    if leap_fix:
        year = 1900
    tz = None
    if gmtoff is not None:
        delta = timedelta(seconds=gmtoff, microseconds=gmtoff_fraction)
        tzname = found.get('Z')
        if tzname:
            tzname = tzname.upper()
        tz = timezone(delta, tzname) if tzname else timezone(delta)
    return cls(year, month, day, hour, minute, second, fraction, tz)

#[isoparse]
# datetime's fromisoformat parsers (CPython 3.11's rules); runs in the datetime
# module's namespace.
def _parse_date(s):
    # CPython 3.11's _parse_isoformat_date: YYYY-MM-DD, YYYYMMDD, YYYY-Www[-D], YYYYWww[D].
    year = _int(s[0:4])
    sep = s[4] == '-'
    pos = 4 + sep
    if s[pos : pos + 1] == 'W':
        pos += 1
        week = _int(s[pos : pos + 2])
        pos += 2
        day = 1
        if len(s) > pos:
            if (s[pos : pos + 1] == '-') != sep:
                raise ValueError('Inconsistent use of dash separator')
            pos += sep
            day = _int(s[pos : pos + 1])
        return list(_fromisocal(year, week, day))
    month = _int(s[pos : pos + 2])
    pos += 2
    if (s[pos : pos + 1] == '-') != sep:
        raise ValueError('Inconsistent use of dash separator')
    pos += sep
    return [year, month, _int(s[pos : pos + 2])]


def _date_sep(s):
    # Where the date part of an ISO datetime string ends (CPython's rules).
    n = len(s)
    if n == 7:
        return 7
    if s[4] == '-':
        if s[5] == 'W':
            if n > 8 and s[8] == '-':
                if n == 9:
                    raise ValueError('Invalid ISO string')
                if n > 10 and s[10].isdigit():
                    return 8
                return 10
            return 8
        return 10
    if s[4] == 'W':
        idx = 7
        while idx < n and s[idx].isdigit():
            idx += 1
        if idx < 9:
            return idx
        return 7 if idx % 2 == 0 else 8
    return 8


def _parse_time(s):
    # CPython 3.11's _parse_isoformat_time: HH[:MM[:SS[.f]]] then Z or +HH[:MM[:SS[.f]]].
    if len(s) < 2:
        raise ValueError('Isoformat time too short')
    p = s.find('-') + 1 or s.find('+') + 1 or s.find('Z') + 1
    comps = _parse_hms(s[: p - 1] if p > 0 else s)
    tzi = None
    if p == len(s) and s[-1] == 'Z':
        tzi = timezone.utc
    elif p > 0:
        tzs = s[p:]
        if len(tzs) in (0, 1, 3):
            raise ValueError('Malformed time zone string')
        tc = _parse_hms(tzs)
        if tc == [0, 0, 0, 0]:
            tzi = timezone.utc
        else:
            td = timedelta(hours=tc[0], minutes=tc[1], seconds=tc[2], microseconds=tc[3])
            tzi = timezone(-td if s[p - 1] == '-' else td)
    comps.append(tzi)
    return comps


def _parse_hms(s):
    n = len(s)
    comps = [0, 0, 0, 0]
    pos = 0
    sep = False
    for k in range(3):
        if n - pos < 2:
            raise ValueError('Incomplete time component')
        comps[k] = _int(s[pos : pos + 2])
        pos += 2
        c = s[pos : pos + 1]
        if k == 0:
            sep = c == ':'
        if not c or k >= 2:
            break
        if sep and c != ':':
            raise ValueError('Invalid time separator: %s' % c)
        pos += sep
    if pos < n:
        if s[pos] not in '.,':
            raise ValueError('Invalid microsecond component')
        pos += 1
        f = s[pos : pos + 6]
        comps[3] = _int(f) * 10 ** (6 - len(f))
        if not (s[pos + 6 :].isdigit() or pos + 6 >= n):
            raise ValueError('Non-digit values in unparsed fraction')
    return comps

#[strftime]
# datetime's strftime (CPython on Linux, C locale); runs in the datetime module's
# namespace.
def _strftime(obj, fmt):
    # A date, time or datetime formatted like CPython on Linux (C locale).
    if not isinstance(fmt, str):
        raise TypeError('strftime() argument 1 must be str, not %s' % type(fmt).__name__)
    if isinstance(obj, time):
        y, mo, d = 1900, 1, 1
    else:
        y, mo, d = obj.year, obj.month, obj.day
    hh = getattr(obj, 'hour', 0)
    mi = getattr(obj, 'minute', 0)
    ss = getattr(obj, 'second', 0)
    us = getattr(obj, 'microsecond', 0)
    wd = _ymd2ord(y, mo, d) % 7 or 7  # ISO weekday
    yd = _DBM[mo] + (mo > 2 and _leap(y)) + d
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        i += 1
        if c != '%' or i == n:
            out.append(c)
            continue
        c = fmt[i]
        i += 1
        if c == 'Y':
            r = str(y)
        elif c == 'm':
            r = '%02d' % mo
        elif c == 'd':
            r = '%02d' % d
        elif c == 'H':
            r = '%02d' % hh
        elif c == 'M':
            r = '%02d' % mi
        elif c == 'S':
            r = '%02d' % ss
        elif c == 'f':
            r = '%06d' % us
        elif c == 'y':
            r = '%02d' % (y % 100)
        elif c == 'j':
            r = '%03d' % yd
        elif c == 'a':
            r = _DN[wd]
        elif c == 'A':
            r = _DF[wd]
        elif c in 'bh':
            r = _MN[mo]
        elif c == 'B':
            r = _MF[mo]
        elif c == 'p':
            r = 'AM' if hh < 12 else 'PM'
        elif c == 'I':
            r = '%02d' % (hh % 12 or 12)
        elif c == 'z':
            r = _fmt_offset(obj.utcoffset(), '') if hasattr(obj, 'utcoffset') else ''
        elif c == 'Z':
            r = (obj.tzname() or '') if hasattr(obj, 'tzname') else ''
        elif c == '%':
            r = '%'
        elif c == 'c':
            r = '%s %s %2d %02d:%02d:%02d %d' % (_DN[wd], _MN[mo], d, hh, mi, ss, y)
        elif c in 'xD':
            r = '%02d/%02d/%02d' % (mo, d, y % 100)
        elif c in 'XT':
            r = '%02d:%02d:%02d' % (hh, mi, ss)
        elif c == 'F':
            r = '%d-%02d-%02d' % (y, mo, d)
        elif c == 'R':
            r = '%02d:%02d' % (hh, mi)
        elif c == 'r':
            r = '%02d:%02d:%02d %s' % (hh % 12 or 12, mi, ss, 'AM' if hh < 12 else 'PM')
        elif c == 'e':
            r = '%2d' % d
        elif c == 'k':
            r = '%2d' % hh
        elif c == 'l':
            r = '%2d' % (hh % 12 or 12)
        elif c == 'P':
            r = 'am' if hh < 12 else 'pm'
        elif c == 'u':
            r = str(wd)
        elif c == 'w':
            r = str(wd % 7)
        elif c == 'U':
            r = '%02d' % ((yd + 6 - wd % 7) // 7)
        elif c == 'W':
            r = '%02d' % ((yd + 6 - (wd - 1)) // 7)
        elif c in 'GV':
            iy, iw, _ = _isocal(y, mo, d)
            r = str(iy) if c == 'G' else '%02d' % iw
        elif c == 'C':
            r = '%02d' % (y // 100)
        elif c == 'n':
            r = '\n'
        elif c == 't':
            r = '\t'
        else:
            r = '%' + c
        out.append(r)
    return ''.join(out)

#[end]
