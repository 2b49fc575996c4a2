"""math: every built-in name, plus what MicroPython lacks: gcd, lcm (any number
of args), isqrt, comb, perm, prod, dist, fsum, hypot (any number of args), cbrt,
exp2, log1p, remainder, nextafter, ulp; factorial with CPython's errors.
cbrt and log1p may differ from CPython's libm in the last bit.
`math` is not an extensible built-in: `import math` finds the built-in before
sys.path, so _wasmbox_rt loads this file at boot and installs it as
sys.modules['math']. Not fixed: log/sqrt of huge ints.
"""
import _wasmbox

_b = _wasmbox.builtin('math')
for _k in dir(_b):
    if _k[0] != '_':
        globals()[_k] = getattr(_b, _k)
# Loaded by the runtime as `lib.math` (the name `math` finds the built-in):
# named as CPython names it.
__name__ = 'math'
_k = _wasmbox = None


def _int(n):
    if isinstance(n, int):
        return n
    if isinstance(n, bool):
        return int(n)
    f = getattr(type(n), '__index__', None)
    if f is not None:
        return f(n)
    raise TypeError("'%s' object cannot be interpreted as an integer" % type(n).__name__)


def _real(x):
    if isinstance(x, (int, float, bool)):
        return float(x)
    f = getattr(type(x), '__float__', None)
    if f is None:
        raise TypeError('must be real number, not %s' % type(x).__name__)
    return f(x)


def factorial(n):
    n = _int(n)
    if n < 0:
        raise ValueError('factorial() not defined for negative values')
    return _b.factorial(n)


def gcd(*a):
    g = 0
    for x in a:
        x = _int(x)
        while x:
            g, x = x, g % x
    return abs(g)


def lcm(*a):
    r = 1
    for x in a:
        x = _int(x)
        if not x:
            return 0
        r = abs(r * x) // gcd(r, x)
    return r


def isqrt(n):
    n = _int(n)
    if n < 0:
        raise ValueError('isqrt() argument must be nonnegative')
    if not n:
        return 0
    x = 1 << (len(bin(n)) - 1) // 2  # >= sqrt(n)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def perm(n, k=None):
    if k is None:
        return factorial(n)
    n = _int(n)
    k = _int(k)
    if n < 0 or k < 0:
        raise ValueError(('n' if n < 0 else 'k') + ' must be a non-negative integer')
    if k > n:
        return 0
    r = 1
    for i in range(n - k + 1, n + 1):
        r *= i
    return r


def comb(n, k):
    n = _int(n)
    k = _int(k)
    if n < 0 or k < 0:
        raise ValueError(('n' if n < 0 else 'k') + ' must be a non-negative integer')
    if k > n:
        return 0
    k = min(k, n - k)
    r = 1
    for i in range(1, k + 1):
        r = r * (n - k + i) // i
    return r


def prod(iterable, *, start=1):
    for x in iterable:
        start *= x
    return start


def fsum(iterable):
    # CPython's algorithm: Shewchuk's exact partials, then a correctly rounded sum.
    p = []
    special = 0.0
    inf_sum = 0.0
    for x in iterable:
        x = _real(x)
        xsave = x
        i = 0
        for y in p:
            if abs(x) < abs(y):
                x, y = y, x
            hi = x + y
            lo = y - (hi - x)
            if lo != 0.0:
                p[i] = lo
                i += 1
            x = hi
        del p[i:]
        if x != 0.0:
            if x - x != 0.0:  # inf or nan
                if xsave - xsave == 0.0:
                    raise OverflowError('intermediate overflow in fsum')
                if xsave == inf or xsave == -inf:
                    inf_sum += xsave
                special += xsave
                del p[:]
            else:
                p.append(x)
    if special != 0.0:
        if inf_sum != inf_sum:
            raise ValueError('-inf + inf in fsum')
        return special
    hi = 0.0
    n = len(p)
    if n:
        n -= 1
        hi = p[n]
        lo = 0.0
        while n:
            x = hi
            n -= 1
            y = p[n]
            hi = x + y
            lo = y - (hi - x)
            if lo != 0.0:
                break
        if n and ((lo < 0.0 and p[n - 1] < 0.0) or (lo > 0.0 and p[n - 1] > 0.0)):
            y = lo * 2.0
            x = hi + y
            if y == x - hi:
                hi = x
    return hi


def _dlmul(x, y):
    # Dekker: hi + lo == x * y exactly.
    t = 134217729.0 * x
    xh = t - (t - x)
    xl = x - xh
    t = 134217729.0 * y
    yh = t - (t - y)
    yl = y - yh
    hi = x * y
    return hi, (((xh * yh - hi) + xh * yl) + xl * yh) + xl * yl


def hypot(*c):
    # CPython 3.11's vector_norm: exact scaling and squaring, one correction.
    c = [abs(_real(x)) for x in c]
    if inf in c:
        return inf
    for x in c:
        if x != x:
            return x
    m = max(c) if c else 0.0
    if m == 0.0 or len(c) <= 1:
        return m
    e = frexp(m)[1]
    if e < -1023:
        return 2.2250738585072014e-308 * hypot(*[x / 2.2250738585072014e-308 for x in c])
    sc = ldexp(1.0, -e)
    cs = 1.0
    f1 = f2 = 0.0
    for x in c:
        hi, lo = _dlmul(x * sc, x * sc)
        t = cs + hi
        f2 += (cs - t) + hi
        cs = t
        f1 += lo
    h = sqrt(cs - 1.0 + (f1 + f2))
    hi, lo = _dlmul(-h, h)
    t = cs + hi
    f2 += (cs - t) + hi
    f1 += lo
    return (h + (t - 1.0 + (f1 + f2)) / (2.0 * h)) / sc


def dist(p, q):
    if len(p) != len(q):
        raise ValueError('both points must have the same number of dimensions')
    return hypot(*[a - b for a, b in zip(p, q)])


def cbrt(x):
    r = abs(x) ** (1.0 / 3.0)
    if 0.0 < r < inf:
        r -= (r * r * r - abs(x)) / (3.0 * r * r)
    return copysign(r, x)


def exp2(x):
    return 2.0**x


def log1p(x):
    x = _real(x)
    u = 1.0 + x
    if u == 1.0:
        return x
    if x <= -1.0:
        raise ValueError('math domain error')
    if u == inf:
        return u
    return log(u) * (x / (u - 1.0))


def remainder(x, y):
    x = _real(x)
    y = _real(y)
    if x - x == 0.0 and y - y == 0.0:
        if y == 0.0:
            raise ValueError('math domain error')
        ax = abs(x)
        ay = abs(y)
        m = fmod(ax, ay)
        c = ay - m
        if m < c:
            r = m
        elif m > c:
            r = -c
        else:  # half-way: the even multiple
            r = m - 2.0 * fmod(0.5 * (ax - m), ay)
        return copysign(1.0, x) * r
    if x != x:
        return x
    if y != y:
        return y
    if x == inf or x == -inf:
        raise ValueError('math domain error')
    return x


def _bits(x):
    return _st().unpack('<q', _st().pack('<d', x))[0]


def _float(b):
    return _st().unpack('<d', _st().pack('<q', b))[0]


_struct = None


def _st():
    global _struct
    if _struct is None:
        import _wasmbox
        _struct = _wasmbox.builtin('struct')
    return _struct


def nextafter(x, y):
    x = _real(x)
    y = _real(y)
    if x != x:
        return x
    if y != y:
        return y
    if x == y:
        return y
    if x == 0.0:
        return copysign(5e-324, y)
    b = _bits(x)
    if (y > x) == (x > 0.0):
        b += 1
    else:
        b -= 1
    return _float(b)


def ulp(x):
    x = _real(x)
    if x != x:
        return x
    x = abs(x)
    if x == inf:
        return x
    x2 = nextafter(x, inf)
    if x2 == inf:
        x2 = nextafter(x, -inf)
        return x - x2
    return x2 - x
