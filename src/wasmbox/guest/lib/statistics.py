"""statistics: CPython 3.11's mean, fmean, geometric_mean, harmonic_mean, median,
median_low, median_high, median_grouped, mode, multimode, quantiles, variance,
pvariance, stdev, pstdev, covariance, correlation, linear_regression and
StatisticsError, with CPython's exact arithmetic (sums of floats are exact, then
correctly rounded), so results equal CPython's for int, float and Fraction data.
Not supported: NormalDist, Decimal data.
"""
from collections import namedtuple
import _wasmbox
from math import exp, frexp, ldexp, log, sqrt


class StatisticsError(ValueError):
    pass


LinearRegression = namedtuple('LinearRegression', ('slope', 'intercept'))
_F = None


def _frac():
    global _F
    if _F is None:
        from fractions import Fraction

        _F = Fraction
    return _F


_bl = _wasmbox.bit_length


def _gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)


_div = _wasmbox.div_float


def _typ(x):
    t = type(x)
    return int if t is bool else t


def _exact(x):
    # (numerator, denominator) of x, or (x, None) for a float inf/NaN.
    if isinstance(x, float):
        if x - x != 0.0:
            return x, None
        m, e = frexp(x)
        n = int(m * 9007199254740992.0)
        e -= 53
        if e >= 0:
            return n << e, 1
        return n, 1 << -e
    if isinstance(x, int):
        return x, 1
    if isinstance(x, bool):
        return int(x), 1
    try:
        return x.numerator, x.denominator
    except AttributeError:
        raise TypeError("can't convert type '%s' to numerator/denominator" % type(x).__name__)


def _coerce(T, S):
    if T is S or S is int:
        return T
    if T is int:
        return S
    F = _F
    if F and (T is F and S is float or T is float and S is F):
        return float
    raise TypeError("don't know how to coerce %s and %s" % (T.__name__, S.__name__))


class _Q:
    # An exact rational n/d (d > 0), or a non-finite float in n (d None).
    def __init__(self, n, d=1):
        self.n = n
        self.d = d

    def add(self, n, d):
        if d is None or self.d is None:
            self.n = (self.n if self.d is None else 0.0) + (n if d is None else 0.0)
            self.d = None
        elif d == self.d:
            self.n += n
        else:
            self.n = self.n * d + n * self.d
            self.d *= d

    def norm(self):
        if self.d is not None:
            g = _gcd(self.n, self.d)
            if g > 1:
                self.n //= g
                self.d //= g
        return self


def _sum(data):
    T = int
    q = _Q(0)
    count = 0
    for x in data:
        t = _typ(x)
        if t is not T:
            if _F is None and t.__name__ == 'Fraction':
                _frac()
            T = _coerce(T, t)
        n, d = _exact(x)
        q.add(n, d)
        count += 1
    return T, q.norm(), count


def _convert(q, T, div=1):
    # The rational q.n / (q.d * div) as type T (CPython's _convert).
    if q.d is None:
        return q.n / div
    n, d = q.n, q.d * div
    g = _gcd(n, d)
    if g > 1:
        n //= g
        d //= g
    if T is int:
        if d == 1:
            return n
        T = float
    if T is float:
        return _div(n, d)
    return T(n, d)


def _ss(data, c=None):
    if c is not None:
        T, q, count = _sum((x - c) * (x - c) for x in data)
        return T, q, count
    T = int
    count = 0
    sx = _Q(0)
    sxx = _Q(0)
    for x in data:
        t = _typ(x)
        if t is not T:
            if _F is None and t.__name__ == 'Fraction':
                _frac()
            T = _coerce(T, t)
        n, d = _exact(x)
        count += 1
        sx.add(n, d)
        sxx.add(n * n if d else n, d * d if d else None)
    if sx.d is None:
        return T, sx, count
    sx.norm()
    sxx.norm()
    # ssd = (count * sxx - sx * sx) / count, exactly
    n = count * sxx.n * sx.d * sx.d - sx.n * sx.n * sxx.d
    d = sxx.d * sx.d * sx.d * (count or 1)
    return T, _Q(n, d).norm(), count


def _isqrt(n):
    if n <= 0:
        return 0
    x = 1 << (_bl(n) + 1) // 2
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def _sqrt_frac(n, m):
    # sqrt(n / m) correctly rounded (CPython's _float_sqrt_of_frac).
    def rto(n, m):
        a = _isqrt(n // m)
        return a | (a * a * m != n)

    q = (_bl(n) - _bl(m) - 109) // 2
    if q >= 0:
        return _div(rto(n, m << 2 * q) << q, 1)
    return _div(rto(n << -2 * q, m), 1 << -q)


def _fsum(xs):
    q = _Q(0)
    for x in xs:
        n, d = _exact(float(x))
        q.add(n, d)
    return q.n if q.d is None else _div(q.n, q.d)


def mean(data):
    T, q, n = _sum(data)
    if n < 1:
        raise StatisticsError('mean requires at least one data point')
    return _convert(q, T, n)


def fmean(data, weights=None):
    if weights is None:
        data = list(data)
        n = len(data)
        if not n:
            raise StatisticsError('fmean requires at least one data point')
        return _fsum(data) / n
    data = list(data)
    weights = list(weights)
    if len(data) != len(weights):
        raise StatisticsError('data and weights must be the same length')
    num = _fsum([x * w for x, w in zip(data, weights)])
    den = _fsum(weights)
    if not den:
        raise StatisticsError('sum of weights must be non-zero')
    return num / den


def geometric_mean(data):
    try:
        return exp(fmean([log(x) for x in data]))
    except ValueError:
        raise StatisticsError('geometric mean requires a non-empty dataset '
                              'containing positive numbers')


def _fail_neg(values, errmsg):
    for x in values:
        if x < 0:
            raise StatisticsError(errmsg)
        yield x


def harmonic_mean(data, weights=None):
    data = list(data)
    errmsg = 'harmonic mean does not support negative values'
    n = len(data)
    if n < 1:
        raise StatisticsError('harmonic_mean requires at least one data point')
    if n == 1 and weights is None:
        x = data[0]
        if isinstance(x, (int, float, bool)) or hasattr(x, 'denominator'):
            if x < 0:
                raise StatisticsError(errmsg)
            return x
        raise TypeError('unsupported type')
    if weights is None:
        weights = [1] * n
        sum_weights = _Q(n)
    else:
        weights = list(weights)
        if len(weights) != n:
            raise StatisticsError('Number of weights does not match data size')
        _, sum_weights, _ = _sum(_fail_neg(weights, errmsg))
    try:
        data = _fail_neg(data, errmsg)
        T, total, count = _sum([w / x if w else 0 for w, x in zip(weights, data)])
    except ZeroDivisionError:
        return 0
    if total.n <= 0:
        raise StatisticsError('Weighted sum must be positive')
    if total.d is None:
        return sum_weights.n / total.n
    return _convert(_Q(sum_weights.n * total.d, sum_weights.d * total.n), T)


def median(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    return data[n // 2] if n % 2 == 1 else data[n // 2 - 1]


def median_high(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    return data[n // 2]


def median_grouped(data, interval=1):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n == 1:
        return data[0]
    x = data[n // 2]
    for obj in (x, interval):
        if isinstance(obj, (str, bytes)):
            raise TypeError('expected number but got %r' % obj)
    try:
        L = x - interval / 2
    except TypeError:
        L = float(x) - float(interval) / 2
    l1 = 0
    while data[l1] != x:
        l1 += 1
    l2 = l1
    while l2 + 1 < n and data[l2 + 1] == x:
        l2 += 1
    return L + interval * (n / 2 - l1) / (l2 - l1 + 1)


def _counts(data):
    counts = {}
    order = []
    for x in data:
        if x in counts:
            counts[x] += 1
        else:
            counts[x] = 1
            order.append(x)
    return counts, order


def mode(data):
    counts, order = _counts(data)
    if not order:
        raise StatisticsError('no mode for empty data')
    best = order[0]
    for x in order:
        if counts[x] > counts[best]:
            best = x
    return best


def multimode(data):
    counts, order = _counts(data)
    if not order:
        return []
    m = max(counts.values())
    return [x for x in order if counts[x] == m]


def quantiles(data, *, n=4, method='exclusive'):
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError('must have at least two data points')
    result = []
    if method == 'inclusive':
        m = ld - 1
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            result.append((data[j] * (n - delta) + data[j + 1] * delta) / n)
        return result
    if method == 'exclusive':
        m = ld + 1
        for i in range(1, n):
            j = i * m // n
            j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
            delta = i * m - j * n
            result.append((data[j - 1] * (n - delta) + data[j] * delta) / n)
        return result
    raise ValueError('Unknown method: %r' % (method,))


def variance(data, xbar=None):
    T, ss, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError('variance requires at least two data points')
    return _convert(ss, T, n - 1)


def pvariance(data, mu=None):
    T, ss, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError('pvariance requires at least one data point')
    return _convert(ss, T, n)


def stdev(data, xbar=None):
    T, ss, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError('stdev requires at least two data points')
    if ss.d is None:
        return sqrt(ss.n / (n - 1))
    q = _Q(ss.n, ss.d * (n - 1)).norm()
    return _sqrt_frac(q.n, q.d)


def pstdev(data, mu=None):
    T, ss, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError('pstdev requires at least one data point')
    if ss.d is None:
        return sqrt(ss.n / n)
    q = _Q(ss.n, ss.d * n).norm()
    return _sqrt_frac(q.n, q.d)


def _two(x, y, what):
    n = len(x)
    if len(y) != n:
        raise StatisticsError(what + ' requires that both inputs have same number of data points')
    if n < 2:
        raise StatisticsError(what + ' requires at least two data points')
    return n, _fsum(x) / n, _fsum(y) / n


def covariance(x, y):
    n, xbar, ybar = _two(x, y, 'covariance')
    return _fsum([(xi - xbar) * (yi - ybar) for xi, yi in zip(x, y)]) / (n - 1)


def correlation(x, y):
    n, xbar, ybar = _two(x, y, 'correlation')
    sxy = _fsum([(xi - xbar) * (yi - ybar) for xi, yi in zip(x, y)])
    sxx = _fsum([(xi - xbar) * (xi - xbar) for xi in x])
    syy = _fsum([(yi - ybar) * (yi - ybar) for yi in y])
    try:
        return sxy / sqrt(sxx * syy)
    except ZeroDivisionError:
        raise StatisticsError('at least one of the inputs is constant')


def linear_regression(x, y, *, proportional=False):
    n, xbar, ybar = _two(x, y, 'linear regression')
    if proportional:
        sxy = _fsum([xi * yi for xi, yi in zip(x, y)])
        sxx = _fsum([xi * xi for xi in x])
    else:
        sxy = _fsum([(xi - xbar) * (yi - ybar) for xi, yi in zip(x, y)])
        sxx = _fsum([(xi - xbar) * (xi - xbar) for xi in x])
    try:
        slope = sxy / sxx
    except ZeroDivisionError:
        raise StatisticsError('x is constant')
    return LinearRegression(slope=slope, intercept=0.0 if proportional else ybar - slope * xbar)
