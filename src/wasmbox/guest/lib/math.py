"""math: every built-in name, plus what MicroPython lacks: gcd, lcm (any number
of args), isqrt, comb, perm, prod, dist, fsum, hypot (any number of args), cbrt,
exp2. cbrt may differ from CPython's libm in the last bit.
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
    raise TypeError("'%s' object cannot be interpreted as an integer" % type(n).__name__)


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
    n = _int(n)
    k = n if k is None else _int(k)
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
    # Shewchuk's exact partials, then CPython's correctly rounded final sum.
    p = []
    sp = 0.0
    hn = False
    for x in iterable:
        x = float(x)
        if x - x != 0.0:
            sp += x
            hn = hn or x != x
            continue
        i = 0
        for y in p:
            if abs(x) < abs(y):
                x, y = y, x
            hi = x + y
            lo = y - (hi - x)
            if lo:
                p[i] = lo
                i += 1
            x = hi
        p[i:] = [x]
    if sp:
        if sp != sp and not hn:
            raise ValueError('-inf + inf in fsum')
        return sp
    hi = 0.0
    if p:
        hi = p.pop()
        lo = 0.0
        while p:
            x = hi
            y = p.pop()
            hi = x + y
            lo = y - (hi - x)
            if lo:
                break
        if p and ((lo < 0.0 and p[-1] < 0.0) or (lo > 0.0 and p[-1] > 0.0)):
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
    c = [abs(float(x)) for x in c]
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


# -- round(float, ndigits), installed as builtins.round by _wasmbox_rt ----------
# MicroPython scales by 10**ndigits in floating point (round(2.675, 2) gives
# 2.68, large ndigits give nan). CPython rounds the float's exact binary value,
# half to even, then takes the nearest float: done here with integers.
_native_round = round


def _blen(n):
    return len(bin(n)) - 2


def _div_to_float(a, b):
    # The float nearest to a / b (a >= 0, b > 0), ties to even.
    if not a:
        return 0.0
    k = _blen(b) - _blen(a) + 53
    q, r = divmod(a << k, b) if k >= 0 else divmod(a, b << -k)
    if q >> 53:
        k -= 1
        q, r = divmod(a << k, b) if k >= 0 else divmod(a, b << -k)
    d = b << -k if k < 0 else b
    if 2 * r > d or (2 * r == d and q & 1):
        q += 1
    return ldexp(float(q), -k)


def _round(number, *ndigits):
    if not ndigits or type(number) is not float or ndigits[0] is None:
        return _native_round(number, *ndigits)
    n = ndigits[0]
    if not isinstance(n, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(n).__name__)
    x = number
    if x != x or x in (inf, -inf) or x == 0.0 or n > 330:
        return x
    if n < -330:
        return 0.0 * x
    m, e = frexp(abs(x))
    m = int(m * 9007199254740992.0)  # exact: 53 bits
    e -= 53
    num = m << e if e > 0 else m
    den = 1 << -e if e < 0 else 1
    if n >= 0:
        num *= 10 ** n
    else:
        den *= 10 ** -n
    q, r = divmod(num, den)
    if 2 * r > den or (2 * r == den and q & 1):
        q += 1
    y = _div_to_float(q, 10 ** n) if n >= 0 else _div_to_float(q * 10 ** -n, 1)
    if y == inf:
        raise OverflowError('rounded value too large to represent')
    return -y if x < 0 else y
