"""fractions: CPython 3.11's Fraction: from int, Fraction, float (exact), str
('3/4', '-1.25e-2', ' 7 ') or (numerator, denominator); + - * / // % ** divmod,
abs, neg, comparisons and == with int, float and Fraction, hash, float(), int(),
limit_denominator, from_float, as_integer_ratio, is_integer; str/repr as CPython;
float() is correctly rounded (big numerators too).
MicroPython limits: `1 < Fraction(...)` (an int on the left of <, >, <=, >=)
raises TypeError (no reflected comparisons; put the Fraction on the left);
round(f, n) and math.floor(f) go through float; no format specs; no Decimal.
"""
import _wasmbox
from math import frexp as _frexp, ldexp as _ldexp


def _gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)


_bl = _wasmbox.bit_length


def _ratio(x):
    # A finite float as an exact (numerator, denominator) in lowest terms.
    m, e = _frexp(x)
    n = int(m * 9007199254740992.0)
    e -= 53
    if e >= 0:
        return n << e, 1
    d = 1 << -e
    while not n & 1 and d > 1:
        n >>= 1
        d >>= 1
    return n, d


_div = _wasmbox.div_float


def _parse(s):
    t = s.strip().replace('_', '')
    sign = 1
    if t[:1] in ('+', '-'):
        sign = -1 if t[0] == '-' else 1
        t = t[1:]
    if '/' in t:
        a, b = t.split('/')
        a = a.rstrip()
        b = b.lstrip()
        if a.isdigit() and b.isdigit():
            return sign * int(a), int(b)
        raise ValueError
    exp = 0
    for c in 'eE':
        if c in t:
            t, x = t.split(c)
            if x[:1] in ('+', '-'):
                if not x[1:].isdigit():
                    raise ValueError
            elif not x.isdigit():
                raise ValueError
            exp = int(x)
    i, _, f = t.partition('.')
    if not (i + f) or (i and not i.isdigit()) or (f and not f.isdigit()):
        raise ValueError
    n = int(i + f) if i + f else 0
    exp -= len(f)
    if exp >= 0:
        return sign * n * 10**exp, 1
    return sign * n, 10**-exp


def _conv(b):
    # The other operand as (numerator, denominator), or None.
    if isinstance(b, Fraction):
        return b.numerator, b.denominator
    if isinstance(b, int):
        return b, 1
    if isinstance(b, bool):
        return int(b), 1
    return None


class Fraction:
    def __init__(self, numerator=0, denominator=None, *, _normalize=True):
        if denominator is None:
            if isinstance(numerator, int):
                self.numerator = numerator
                self.denominator = 1
                return
            if isinstance(numerator, Fraction):
                self.numerator = numerator.numerator
                self.denominator = numerator.denominator
                return
            if isinstance(numerator, float):
                if numerator != numerator:
                    raise ValueError('cannot convert NaN to integer ratio')
                if numerator in (float('inf'), float('-inf')):
                    raise OverflowError('cannot convert Infinity to integer ratio')
                self.numerator, self.denominator = _ratio(numerator)
                return
            if isinstance(numerator, bool):
                self.numerator = int(numerator)
                self.denominator = 1
                return
            if isinstance(numerator, str):
                try:
                    numerator, denominator = _parse(numerator)
                except ValueError:
                    raise ValueError('Invalid literal for Fraction: %r' % numerator)
                if denominator == 0:
                    raise ZeroDivisionError('Fraction(%s, 0)' % numerator)
            else:
                raise TypeError('argument should be a string or a Rational instance')
        else:
            a = _conv(numerator)
            b = _conv(denominator)
            if a is None or b is None:
                raise TypeError('both arguments should be Rational instances')
            numerator, denominator = a[0] * b[1], b[0] * a[1]
            if denominator == 0:
                raise ZeroDivisionError('Fraction(%s, 0)' % numerator)
        if _normalize:
            g = _gcd(numerator, denominator)
            if denominator < 0:
                g = -g
            numerator //= g
            denominator //= g
        self.numerator = numerator
        self.denominator = denominator

    @classmethod
    def from_float(cls, f):
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError('%s.from_float() only takes floats, not %r (%s)'
                            % (cls.__name__, f, type(f).__name__))
        return cls(f)

    def limit_denominator(self, max_denominator=1000000):
        if max_denominator < 1:
            raise ValueError('max_denominator should be at least 1')
        if self.denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self.numerator, self.denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        if 2 * d * (q0 + k * q1) <= self.denominator:
            return Fraction(p1, q1, _normalize=False)
        return Fraction(p0 + k * p1, q0 + k * q1, _normalize=False)

    def as_integer_ratio(self):
        return (self.numerator, self.denominator)

    def is_integer(self):
        return self.denominator == 1

    def __repr__(self):
        return 'Fraction(%s, %s)' % (self.numerator, self.denominator)

    def __str__(self):
        if self.denominator == 1:
            return str(self.numerator)
        return '%s/%s' % (self.numerator, self.denominator)

    # Arithmetic: with int and Fraction exact, with float through float.
    def _op(a, b, op, rev=False):
        c = _conv(b)
        if c is None:
            if isinstance(b, (float, complex)):
                x, y = float(a), b
                return _FOPS[op](y, x) if rev else _FOPS[op](x, y)
            return NotImplemented
        if rev:
            return _OPS[op](c[0], c[1], a.numerator, a.denominator)
        return _OPS[op](a.numerator, a.denominator, c[0], c[1])

    def __add__(a, b):
        return a._op(b, 0)

    def __radd__(a, b):
        return a._op(b, 0, True)

    def __sub__(a, b):
        return a._op(b, 1)

    def __rsub__(a, b):
        return a._op(b, 1, True)

    def __mul__(a, b):
        return a._op(b, 2)

    def __rmul__(a, b):
        return a._op(b, 2, True)

    def __truediv__(a, b):
        return a._op(b, 3)

    def __rtruediv__(a, b):
        return a._op(b, 3, True)

    def __floordiv__(a, b):
        return a._op(b, 4)

    def __rfloordiv__(a, b):
        return a._op(b, 4, True)

    def __mod__(a, b):
        return a._op(b, 5)

    def __rmod__(a, b):
        return a._op(b, 5, True)

    def __divmod__(a, b):
        return a._op(b, 6)

    def __rdivmod__(a, b):
        return a._op(b, 6, True)

    def __pow__(a, b):
        c = _conv(b)
        if c is not None and c[1] == 1:
            p = c[0]
            if p >= 0:
                return Fraction(a.numerator**p, a.denominator**p, _normalize=False)
            if a.numerator == 0:
                raise ZeroDivisionError('Fraction(%s, 0)' % a.denominator**-p)
            if a.numerator > 0:
                return Fraction(a.denominator**-p, a.numerator**-p, _normalize=False)
            return Fraction((-a.denominator) ** -p, (-a.numerator) ** -p, _normalize=False)
        if c is not None:
            return float(a) ** _div(c[0], c[1])
        return float(a) ** b

    def __rpow__(b, a):
        if b.denominator == 1 and b.numerator >= 0:
            return a**b.numerator
        c = _conv(a)
        if c is not None:
            return Fraction(c[0], c[1]) ** b
        if b.denominator == 1:
            return a**b.numerator
        return a ** float(b)

    def __pos__(a):
        return Fraction(a.numerator, a.denominator, _normalize=False)

    def __neg__(a):
        return Fraction(-a.numerator, a.denominator, _normalize=False)

    def __abs__(a):
        return Fraction(abs(a.numerator), a.denominator, _normalize=False)

    def __int__(a):
        if a.numerator < 0:
            return -(-a.numerator // a.denominator)
        return a.numerator // a.denominator

    __trunc__ = __int__

    def __floor__(a):
        return a.numerator // a.denominator

    def __ceil__(a):
        return -(-a.numerator // a.denominator)

    def __round__(self, ndigits=None):
        if ndigits is None:
            fl, r = divmod(self.numerator, self.denominator)
            if r * 2 < self.denominator:
                return fl
            if r * 2 > self.denominator:
                return fl + 1
            return fl if fl % 2 == 0 else fl + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction((self * shift).__round__(), shift)
        return Fraction((self / shift).__round__() * shift)

    def __float__(a):
        return _div(a.numerator, a.denominator)

    def __hash__(self):
        if self.denominator == 1:
            return hash(self.numerator)
        return hash(float(self))

    def __eq__(a, b):
        c = _conv(b)
        if c is not None:
            return a.numerator == c[0] and a.denominator == c[1]
        if isinstance(b, complex) and b.imag == 0:
            b = b.real
        if isinstance(b, float):
            if b != b or b in (float('inf'), float('-inf')):
                return False
            return a == Fraction(b)
        return NotImplemented

    def __ne__(a, b):
        r = a.__eq__(b)
        return r if r is NotImplemented else not r

    def _cmp(a, b):
        # The sign of a - b, or a float pair for infinities and NaN.
        c = _conv(b)
        if c is None:
            if not isinstance(b, float):
                raise TypeError("'<' not supported between instances of 'Fraction' and '%s'"
                                % type(b).__name__)
            if b != b or b in (float('inf'), float('-inf')):
                return 0.0, b
            c = _ratio(b)
        x = a.numerator * c[1] - a.denominator * c[0]
        return x, 0

    def __lt__(a, b):
        x, y = a._cmp(b)
        return x < y

    def __gt__(a, b):
        x, y = a._cmp(b)
        return x > y

    def __le__(a, b):
        x, y = a._cmp(b)
        return x <= y

    def __ge__(a, b):
        x, y = a._cmp(b)
        return x >= y

    def __bool__(a):
        return a.numerator != 0

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _add(na, da, nb, db):
    return Fraction(na * db + nb * da, da * db)


def _sub(na, da, nb, db):
    return Fraction(na * db - nb * da, da * db)


def _mul(na, da, nb, db):
    return Fraction(na * nb, da * db)


def _tdiv(na, da, nb, db):
    if nb == 0:
        raise ZeroDivisionError('Fraction(%s, 0)' % (na * db))
    return Fraction(na * db, da * nb)


def _fdiv(na, da, nb, db):
    return (na * db) // (da * nb)


def _mod(na, da, nb, db):
    return Fraction((na * db) % (nb * da), da * db)


def _dm(na, da, nb, db):
    q, r = divmod(na * db, da * nb)
    return q, Fraction(r, da * db)


_OPS = (_add, _sub, _mul, _tdiv, _fdiv, _mod, _dm)
_FOPS = (lambda x, y: x + y, lambda x, y: x - y, lambda x, y: x * y, lambda x, y: x / y,
         lambda x, y: x // y, lambda x, y: x % y, divmod)
