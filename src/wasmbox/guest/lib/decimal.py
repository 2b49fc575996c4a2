# decimal: CPython's decimal module for wasmbox (MicroPython has none).
#
# A condensed port of CPython's _pydecimal (the General Decimal Arithmetic
# specification) on Python ints and digit strings: exact construction from
# str/int/float/tuple, +, -, *, /, //, %, divmod, ** (integer powers and
# fractional ones by libmpdec's algorithms, so that results match CPython's C
# decimal in every rounding mode), sqrt, exp, ln, log10, quantize with the
# eight rounding modes, normalize, to_integral_*, comparisons (also with int,
# float and Fraction), hashes equal to int's for integral values, str/repr/
# format() like CPython, Context (prec, rounding, Emin, Emax, capitals, clamp,
# flags, traps, and its arithmetic methods), getcontext/setcontext/
# localcontext, and the signals, raised with the C version's messages
# ("[<class 'decimal.DivisionByZero'>]"). Costs one module at import time:
# collections loads on the first as_tuple().
# MicroPython limits: an exception class can have only one built-in base, so
# DivisionByZero is a ZeroDivisionError but not a DecimalException (and
# FloatOperation not a TypeError); with a plain number on the left,
# `0 < Decimal(1)` raises TypeError (no reflected comparison), `1.5 * Decimal(1)`
# gives a float (MicroPython converts through __float__), and the built-ins
# round(), pow(x, y, mod) and divmod(int, Decimal) do not reach the Decimal
# methods (call d.__round__(n), d.__pow__(y, mod) or d.quantize()).

ROUND_DOWN = 'ROUND_DOWN'
ROUND_HALF_UP = 'ROUND_HALF_UP'
ROUND_HALF_EVEN = 'ROUND_HALF_EVEN'
ROUND_CEILING = 'ROUND_CEILING'
ROUND_FLOOR = 'ROUND_FLOOR'
ROUND_UP = 'ROUND_UP'
ROUND_HALF_DOWN = 'ROUND_HALF_DOWN'
ROUND_05UP = 'ROUND_05UP'
_ROUNDINGS = (ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_CEILING, ROUND_FLOOR,
              ROUND_UP, ROUND_HALF_DOWN, ROUND_05UP)
HAVE_THREADS = True
HAVE_CONTEXTVAR = True
MAX_PREC = 999999999999999999
MAX_EMAX = 999999999999999999
MIN_EMIN = -999999999999999999
MIN_ETINY = MIN_EMIN - (MAX_PREC - 1)
__version__ = '1.70'
__libmpdec_version__ = '2.5.1'


# -- signals --------------------------------------------------------------------

class DecimalException(ArithmeticError):
    pass


class Clamped(DecimalException):
    pass


class InvalidOperation(DecimalException):
    pass


class ConversionSyntax(InvalidOperation):
    pass


class DivisionByZero(ZeroDivisionError):  # CPython: (DecimalException, ZeroDivisionError)
    pass


class DivisionImpossible(InvalidOperation):
    pass


class DivisionUndefined(InvalidOperation):
    pass


class Inexact(DecimalException):
    pass


class InvalidContext(InvalidOperation):
    pass


class Rounded(DecimalException):
    pass


class Subnormal(DecimalException):
    pass


class Overflow(Inexact):  # CPython: (Inexact, Rounded)
    pass


class Underflow(Inexact):  # CPython: (Inexact, Rounded, Subnormal)
    pass


class FloatOperation(DecimalException):  # CPython: (DecimalException, TypeError)
    pass


# The C implementation's orders: its flags dicts, then its repr() of a context.
_signals = [InvalidOperation, FloatOperation, DivisionByZero, Overflow, Underflow, Subnormal,
            Inexact, Rounded, Clamped]
_REPR_POS = [(0, Clamped), (2, DivisionByZero), (6, Inexact), (10, FloatOperation), (11, Overflow),
             (12, Rounded), (13, Subnormal), (14, Underflow)]
_BAD_SIGNAL = ('valid values for signals are:\n  [InvalidOperation, FloatOperation, '
               'DivisionByZero,\n   Overflow, Underflow, Subnormal, Inexact, Rounded,\n   Clamped]')
_INV_POS = {ConversionSyntax: 1, DivisionImpossible: 3, DivisionUndefined: 4, InvalidContext: 7}
_NAMES = {}
for _c in _signals + [ConversionSyntax, DivisionImpossible, DivisionUndefined, InvalidContext,
                      DecimalException]:
    _NAMES[_c] = _c.__name__
_condition_map = {ConversionSyntax: InvalidOperation, DivisionImpossible: InvalidOperation,
                  DivisionUndefined: InvalidOperation, InvalidContext: InvalidOperation}


def _handle(condition, context, args):
    # The value an untrapped signal gives (the "handle" methods of _pydecimal).
    if condition is InvalidOperation:
        if args:
            return _dec(args[0]._sign, args[0]._int, 'n', True)._fix_nan(context)
        return _NaN
    if condition in (ConversionSyntax, DivisionImpossible, DivisionUndefined, InvalidContext):
        return _NaN
    if condition is DivisionByZero:
        return _SignedInfinity[args[0]]
    if condition is Overflow:
        sign = args[0]
        r = context.rounding
        if r in (ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_UP):
            return _SignedInfinity[sign]
        if (sign == 0 and r == ROUND_CEILING) or (sign == 1 and r == ROUND_FLOOR):
            return _SignedInfinity[sign]
        return _dec(sign, '9' * context.prec, context.Emax - context.prec + 1)
    return None


class _SignalDict:
    # Context.flags / Context.traps: a dict over the signals, in the C order.
    # _inv: which InvalidOperation condition was raised first (its place in
    # libmpdec's flag order decides where a context's repr lists it).
    def __init__(self, on=()):
        self._d = {}
        self._inv = 1
        for s in _signals:
            self._d[s] = s in on

    def __getitem__(self, key):
        if key not in self._d:
            raise KeyError(_BAD_SIGNAL)
        return self._d[key]

    def __setitem__(self, key, value):
        if key not in self._d:
            raise KeyError(_BAD_SIGNAL)
        self._d[key] = bool(value)
        if key is InvalidOperation:
            self._inv = 1

    def _condition(self, condition):
        pos = _INV_POS.get(condition, 8)
        if not self._d[InvalidOperation] or pos < self._inv:
            self._inv = pos
        self._d[InvalidOperation] = True

    def __contains__(self, key):
        return key in self._d

    def __iter__(self):
        return iter(list(_signals))

    def __len__(self):
        return len(_signals)

    def keys(self):
        return list(_signals)

    def values(self):
        return [self._d[s] for s in _signals]

    def items(self):
        return [(s, self._d[s]) for s in _signals]

    def get(self, key, default=None):
        return self._d.get(key, default)

    def copy(self):
        n = _SignalDict()
        n._d = dict(self._d)
        n._inv = self._inv
        return n

    def __eq__(self, other):
        if isinstance(other, _SignalDict):
            return self._d == other._d
        if isinstance(other, dict):
            return self._d == dict(other.items())
        return False

    def _names(self):
        on = [(pos, _NAMES[s]) for pos, s in _REPR_POS if self._d[s]]
        if self._d[InvalidOperation]:
            on.append((self._inv, 'InvalidOperation'))
        on.sort()
        return ', '.join([n for p, n in on])

    def __repr__(self):
        return '{' + ', '.join(["<class 'decimal.%s'>:%s" % (_NAMES[s], self._d[s])
                                for s in _signals]) + '}'


# -- contexts -------------------------------------------------------------------

_current = [None]


def getcontext():
    c = _current[0]
    if c is None:
        c = _current[0] = Context()
    return c


def setcontext(context):
    if not isinstance(context, Context):
        raise TypeError('argument must be a context')
    if context is DefaultContext or context is BasicContext or context is ExtendedContext:
        context = context.copy()
        context.clear_flags()
    _current[0] = context


_CTX_ATTRS = ('prec', 'Emin', 'Emax', 'capitals', 'clamp', 'rounding', 'flags', 'traps')


class _ContextManager:
    def __init__(self, new_context):
        self.new_context = new_context.copy()

    def __enter__(self):
        self.saved_context = getcontext()
        setcontext(self.new_context)
        return self.new_context

    def __exit__(self, t, v, tb):
        setcontext(self.saved_context)


def localcontext(ctx=None, **kwargs):
    if ctx is None:
        ctx = getcontext()
    manager = _ContextManager(ctx)
    for key, value in kwargs.items():
        if key not in _CTX_ATTRS:
            raise TypeError("'%s' is an invalid keyword argument for this function" % key)
        setattr(manager.new_context, key, value)
    return manager


def _signal_dict(value):
    if isinstance(value, _SignalDict):
        return value
    if not isinstance(value, (dict, list, tuple)):
        raise TypeError('argument must be a signal dict')
    if isinstance(value, dict):
        d = _SignalDict()
        for k, v in value.items():
            d[k] = v
        return d
    return _SignalDict(list(value))


class Context:
    def __init__(self, prec=None, rounding=None, Emin=None, Emax=None, capitals=None, clamp=None,
                 flags=None, traps=None, _ignored_flags=None):
        dc = _DEFAULTS
        self.prec = prec if prec is not None else dc[0]
        self.rounding = rounding if rounding is not None else dc[1]
        self.Emin = Emin if Emin is not None else dc[2]
        self.Emax = Emax if Emax is not None else dc[3]
        self.capitals = capitals if capitals is not None else dc[4]
        self.clamp = clamp if clamp is not None else dc[5]
        self._ignored_flags = [] if _ignored_flags is None else _ignored_flags
        if traps is None:
            traps = DefaultContext.traps.copy() if DefaultContext is not None else \
                _SignalDict([InvalidOperation, DivisionByZero, Overflow])
        self.traps = _signal_dict(traps)
        self.flags = _SignalDict() if flags is None else _signal_dict(flags)

    def _check_int(self, name, value, lo, hi, text):
        if not isinstance(value, int):
            raise TypeError('an integer is required')
        if value < lo or value > hi:
            raise ValueError(text)
        object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        if name == 'prec':
            return self._check_int(name, value, 1, MAX_PREC, 'valid range for prec is [1, MAX_PREC]')
        if name == 'Emin':
            return self._check_int(name, value, MIN_EMIN, 0,
                                   'valid range for Emin is [MIN_EMIN, 0]')
        if name == 'Emax':
            return self._check_int(name, value, 0, MAX_EMAX,
                                   'valid range for Emax is [0, MAX_EMAX]')
        if name in ('capitals', 'clamp'):
            return self._check_int(name, value, 0, 1, 'valid values for %s are 0 or 1' % name)
        if name == 'rounding':
            if value not in _ROUNDINGS:
                raise TypeError('valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, '
                                'ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, '
                                'ROUND_HALF_EVEN,\n   ROUND_05UP]')
            return object.__setattr__(self, name, value)
        if name in ('flags', 'traps'):
            return object.__setattr__(self, name, _signal_dict(value))
        if name == '_ignored_flags':
            return object.__setattr__(self, name, value)
        raise AttributeError("'decimal.Context' object has no attribute '%s'" % name)

    def __repr__(self):
        return ('Context(prec=%d, rounding=%s, Emin=%d, Emax=%d, capitals=%d, clamp=%d, '
                'flags=[%s], traps=[%s])' % (
                    self.prec, self.rounding, self.Emin, self.Emax, self.capitals, self.clamp,
                    self.flags._names(), self.traps._names()))

    def clear_flags(self):
        for s in _signals:
            self.flags[s] = False

    def clear_traps(self):
        for s in _signals:
            self.traps[s] = False

    def _shallow_copy(self):
        return Context(self.prec, self.rounding, self.Emin, self.Emax, self.capitals, self.clamp,
                       self.flags, self.traps, self._ignored_flags)

    def copy(self):
        return Context(self.prec, self.rounding, self.Emin, self.Emax, self.capitals, self.clamp,
                       self.flags.copy(), self.traps.copy(), self._ignored_flags)

    __copy__ = copy

    def _raise_error(self, condition, explanation=None, *args):
        return self._raise_many((condition,), args)

    def _raise_many(self, conditions, args=()):
        # Record every condition of one operation, then raise the first trapped
        # signal (in the C version's order), naming all trapped conditions.
        if conditions[0] is Overflow:  # the C version reports all three at once
            conditions = (Overflow, Inexact, Rounded)
        result = _handle(conditions[0], self, args)
        raised = []
        for condition in conditions:
            error = _condition_map.get(condition, condition)
            if error in self._ignored_flags:
                continue
            if error is InvalidOperation:
                self.flags._condition(condition)
            else:
                self.flags[error] = True
            if self.traps[error]:
                raised.append((condition, error))
        if raised:
            error = None
            for sig in _signals:
                for c, e in raised:
                    if e is sig:
                        error = e
                        break
                if error is not None:
                    break
            names = [c for c in (InvalidOperation, ConversionSyntax, DivisionImpossible,
                                 DivisionUndefined, InvalidContext) for r, e in raised if r is c]
            names += [c for c in _signals[1:] for r, e in raised if r is c]
            raise error('[' + ', '.join(["<class 'decimal.%s'>" % _NAMES[c] for c in names]) + ']')
        return result

    def _ignore_all_flags(self):
        self._ignored_flags = self._ignored_flags + list(_signals)

    def Etiny(self):
        return int(self.Emin - self.prec + 1)

    def Etop(self):
        return int(self.Emax - self.prec + 1)

    def _set_rounding(self, type):
        rounding = self.rounding
        self.rounding = type
        return rounding

    def create_decimal(self, num='0'):
        if isinstance(num, str) and (num != num.strip() or '_' in num):
            return self._raise_error(ConversionSyntax, 'no trailing or leading whitespace and '
                                     'underscores are permitted.')
        d = Decimal(num, context=self)
        if d._isnan() and len(d._int) > self.prec - self.clamp:
            return self._raise_error(ConversionSyntax, 'diagnostic info too long in NaN')
        return d._fix(self)

    def create_decimal_from_float(self, f):
        return Decimal.from_float(f)._fix(self)

    def __hash__(self):
        raise TypeError("unhashable type: 'decimal.Context'")

    def radix(self):
        return Decimal(10)

    def divmod(self, a, b):
        return _convert(a).__divmod__(b, context=self)

    def power(self, a, b, modulo=None):
        return _convert(a).__pow__(b, modulo, context=self)

    def compare(self, a, b):
        return _convert(a).compare(b, context=self)

    def to_sci_string(self, a):
        return _convert(a).__str__(context=self)

    def to_eng_string(self, a):
        return _convert(a).__str__(eng=True, context=self)


def _ctx_method(name, attr, nargs):
    if nargs == 1:
        def method(self, a):
            return getattr(_convert(a), attr)(context=self)
    elif nargs == 2:
        def method(self, a, b):
            return getattr(_convert(a), attr)(_convert(b), context=self)
    else:
        def method(self, a, b, c):
            return getattr(_convert(a), attr)(_convert(b), _convert(c), context=self)
    setattr(Context, name, method)


for _n, _a, _k in (
        ('abs', '__abs__', 1), ('add', '__add__', 2), ('subtract', '__sub__', 2),
        ('multiply', '__mul__', 2), ('divide', '__truediv__', 2), ('divide_int', '__floordiv__', 2),
        ('remainder', '__mod__', 2), ('remainder_near', 'remainder_near', 2),
        ('minus', '__neg__', 1), ('plus', '__pos__', 1), ('sqrt', 'sqrt', 1), ('exp', 'exp', 1),
        ('ln', 'ln', 1), ('log10', 'log10', 1), ('logb', 'logb', 1),
        ('normalize', 'normalize', 1), ('quantize', 'quantize', 2), ('max', 'max', 2),
        ('min', 'min', 2), ('max_mag', 'max_mag', 2), ('min_mag', 'min_mag', 2),
        ('to_integral_value', 'to_integral_value', 1), ('to_integral', 'to_integral_value', 1),
        ('to_integral_exact', 'to_integral_exact', 1), ('fma', 'fma', 3),
        ('compare_signal', 'compare_signal', 2), ('next_plus', 'next_plus', 1),
        ('next_minus', 'next_minus', 1), ('next_toward', 'next_toward', 2),
        ('scaleb', 'scaleb', 2), ('number_class', 'number_class', 1),
        ('is_normal', 'is_normal', 1), ('is_subnormal', 'is_subnormal', 1)):
    _ctx_method(_n, _a, _k)

for _n in ('copy_abs', 'copy_negate', 'is_finite', 'is_infinite', 'is_nan', 'is_qnan',
           'is_snan', 'is_signed', 'is_zero', 'is_canonical', 'canonical'):
    setattr(Context, _n, (lambda attr: lambda self, a: getattr(_convert(a), attr)())(_n))

for _n in ('copy_sign', 'compare_total', 'compare_total_mag', 'same_quantum'):
    setattr(Context, _n, (lambda attr: lambda self, a, b: getattr(_convert(a), attr)(b))(_n))
Context.copy_decimal = lambda self, a: Decimal(_convert(a))


# -- helpers on digit strings and ints -----------------------------------------

_INTS = (int, bool)  # MicroPython's bool is not an int subclass


def _nbits(n):
    return len(bin(n)) - (3 if n < 0 else 2) if n else 0


def _all_zeros(s, i):
    return not s[i:].strip('0')


def _exact_half(s, i):
    return s[i:i + 1] == '5' and not s[i + 1:].strip('0')


def _tname(x):
    t = type(x)
    return 'decimal.Decimal' if t is Decimal else t.__name__


def _parse(s):
    # -> (sign, digits, exp) with exp an int or 'F'/'n'/'N', or None.
    s = s.strip().replace('_', '')
    sign = 0
    if s[:1] in ('+', '-'):
        sign = 1 if s[0] == '-' else 0
        s = s[1:]
    low = s.lower()
    if low in ('inf', 'infinity'):
        return sign, '0', 'F'
    for prefix, kind in (('snan', 'N'), ('nan', 'n')):
        if low.startswith(prefix):
            diag = s[len(prefix):]
            if diag and not all('0' <= ch <= '9' for ch in diag):
                return None
            return sign, str(int(diag)).lstrip('0') if diag else '', kind
    exp = 0
    epos = -1
    for i in range(len(low)):
        if low[i] == 'e':
            epos = i
            break
    if epos >= 0:
        e = s[epos + 1:]
        s = s[:epos]
        esign = 1
        if e[:1] in ('+', '-'):
            esign = -1 if e[0] == '-' else 1
            e = e[1:]
        if not e or not all('0' <= ch <= '9' for ch in e):
            return None
        exp = esign * int(e)
    dot = s.find('.')
    if dot >= 0:
        intpart, frac = s[:dot], s[dot + 1:]
    else:
        intpart, frac = s, ''
    if not intpart and not frac:
        return None
    digits = intpart + frac
    for ch in digits:
        if not '0' <= ch <= '9':
            return None
    return sign, digits.lstrip('0') or '0', exp - len(frac)


def _float_ratio(f):
    # (n, d) with n / d == abs(f) exactly and d a power of two.
    from math import frexp
    m, e = frexp(abs(f))
    n = int(m * 9007199254740992.0)
    e -= 53
    while e < 0 and not n & 1:
        n >>= 1
        e += 1
    if e >= 0:
        return n << e, 1
    return n, 1 << -e


def _to_float(sign, n, d):
    # The float nearest to n / d (n >= 0, d > 0), ties to even, as CPython's float(str).
    from math import ldexp
    if not n:
        return -0.0 if sign else 0.0
    k = _nbits(d) - _nbits(n) + 53
    if k > 1074:
        k = 1074  # subnormal: fewer bits
    q, r = divmod(n << k, d) if k >= 0 else divmod(n, d << -k)
    if q >> 53:
        k -= 1
        q, r = divmod(n << k, d) if k >= 0 else divmod(n, d << -k)
    dd = d << -k if k < 0 else d
    if 2 * r > dd or (2 * r == dd and q & 1):
        q += 1
    if _nbits(q) - k > 1024:
        x = float('inf')
    else:
        x = ldexp(float(q), -k)
    return -x if sign else x


# -- Decimal --------------------------------------------------------------------

class Decimal:
    def __new__(cls, value='0', context=None):
        self = object.__new__(cls)
        if context is not None and not isinstance(context, Context):
            raise TypeError('optional argument must be a context')
        if isinstance(value, str):
            p = _parse(value)
            if p is None:
                if context is None:
                    context = getcontext()
                v = context._raise_error(ConversionSyntax, 'Invalid literal for Decimal: %r' % value)
                p = (v._sign, v._int, v._exp)
            self._sign, self._int, self._exp = p
            self._is_special = isinstance(p[2], str)
            return self
        if isinstance(value, _INTS):
            value = int(value)
            self._sign = 1 if value < 0 else 0
            self._exp = 0
            self._int = str(abs(value))
            self._is_special = False
            return self
        if isinstance(value, Decimal):
            self._exp = value._exp
            self._sign = value._sign
            self._int = value._int
            self._is_special = value._is_special
            return self
        if isinstance(value, (list, tuple)):
            if len(value) != 3:
                raise ValueError('argument must be a sequence of length 3')
            if not (isinstance(value[0], int) and value[0] in (0, 1)):
                raise ValueError('sign must be an integer with the value 0 or 1')
            self._sign = value[0]
            if value[2] == 'F':
                self._int = '0'
                self._exp = 'F'
                self._is_special = True
                return self
            if not isinstance(value[1], (list, tuple)):
                raise ValueError('coefficient must be a tuple of digits')
            digits = []
            for digit in value[1]:
                if isinstance(digit, int) and 0 <= digit <= 9:
                    if digits or digit != 0:
                        digits.append(str(digit))
                else:
                    raise ValueError('coefficient must be a tuple of digits')
            if value[2] in ('n', 'N'):
                self._int = ''.join(digits)
                self._exp = value[2]
                self._is_special = True
            elif isinstance(value[2], int) and not isinstance(value[2], bool):
                self._int = ''.join(digits) or '0'
                self._exp = value[2]
                self._is_special = False
            elif isinstance(value[2], str):
                raise ValueError("string argument in the third position must be 'F', 'n' or 'N'")
            else:
                raise ValueError('exponent must be an integer')
            return self
        if isinstance(value, float):
            if context is None:
                context = getcontext()
            context._raise_error(FloatOperation, 'strict semantics for mixing floats and '
                                 'Decimals are enabled')
            value = Decimal.from_float(value)
            self._exp = value._exp
            self._sign = value._sign
            self._int = value._int
            self._is_special = value._is_special
            return self
        raise TypeError('conversion from %s to Decimal is not supported' % type(value).__name__)

    @classmethod
    def from_float(cls, f):
        if isinstance(f, _INTS):
            f = int(f)
            sign = 0 if f >= 0 else 1
            k = 0
            coeff = str(abs(f))
        elif isinstance(f, float):
            if f != f:
                return cls('NaN')
            if f in (float('inf'), float('-inf')):
                return cls('-Infinity' if f < 0 else 'Infinity')
            sign = 0 if str(f)[0] != '-' else 1
            n, d = _float_ratio(f)
            k = _nbits(d) - 1
            coeff = str(n * 5 ** k)
        else:
            raise TypeError('argument must be int or float')
        result = _dec(sign, coeff, -k)
        return result if cls is Decimal else cls(result)

    # -- special values

    def _isnan(self):
        if self._is_special:
            if self._exp == 'n':
                return 1
            if self._exp == 'N':
                return 2
        return 0

    def _isinfinity(self):
        if self._exp == 'F':
            return -1 if self._sign else 1
        return 0

    def _check_nans(self, other=None, context=None):
        self_is_nan = self._isnan()
        other_is_nan = False if other is None else other._isnan()
        if self_is_nan or other_is_nan:
            if context is None:
                context = getcontext()
            if self_is_nan == 2:
                return context._raise_error(InvalidOperation, 'sNaN', self)
            if other_is_nan == 2:
                return context._raise_error(InvalidOperation, 'sNaN', other)
            if self_is_nan:
                return self._fix_nan(context)
            return other._fix_nan(context)
        return 0

    def _compare_check_nans(self, other, context):
        if context is None:
            context = getcontext()
        if self._is_special or other._is_special:
            if self._exp == 'N':
                return context._raise_error(InvalidOperation, 'comparison involving sNaN', self)
            if other._exp == 'N':
                return context._raise_error(InvalidOperation, 'comparison involving sNaN', other)
            if self._exp == 'n':
                return context._raise_error(InvalidOperation, 'comparison involving NaN', self)
            if other._exp == 'n':
                return context._raise_error(InvalidOperation, 'comparison involving NaN', other)
        return 0

    def __bool__(self):
        return self._is_special or self._int != '0'

    # -- comparisons

    def _cmp(self, other):
        if self._is_special or other._is_special:
            a = self._isinfinity()
            b = other._isinfinity()
            return 0 if a == b else (-1 if a < b else 1)
        if not self:
            if not other:
                return 0
            return -1 if not other._sign else 1
        if not other:
            return 1 if not self._sign else -1
        if other._sign < self._sign:
            return -1
        if self._sign < other._sign:
            return 1
        sa = self.adjusted()
        oa = other.adjusted()
        s = 1 if not self._sign else -1
        if sa == oa:
            a = self._int + '0' * (self._exp - other._exp)
            b = other._int + '0' * (other._exp - self._exp)
            if a == b:
                return 0
            return -s if a < b else s
        return s if sa > oa else -s

    def _order(self, other, op, context=None):
        o = _convert_for_comparison(self, other, False)
        if o is None:
            raise TypeError("'%s' not supported between instances of '%s' and '%s'" % (
                op, _tname(self), _tname(other)))
        s, o = o
        if s._compare_check_nans(o, context):
            return None
        return s._cmp(o)

    def __eq__(self, other, context=None):
        o = _convert_for_comparison(self, other, True)
        if o is None:
            return False
        s, o = o
        if s._check_nans(o, context):
            return False
        return s._cmp(o) == 0

    def __ne__(self, other):
        return not self.__eq__(other)

    def __lt__(self, other, context=None):
        c = self._order(other, '<', context)
        return c is not None and c < 0

    def __le__(self, other, context=None):
        c = self._order(other, '<=', context)
        return c is not None and c <= 0

    def __gt__(self, other, context=None):
        c = self._order(other, '>', context)
        return c is not None and c > 0

    def __ge__(self, other, context=None):
        c = self._order(other, '>=', context)
        return c is not None and c >= 0

    def compare(self, other, context=None):
        other = _convert(other)
        if self._is_special or (other and other._is_special):
            ans = self._check_nans(other, context)
            if ans:
                return ans
        return Decimal(self._cmp(other))

    def __hash__(self):
        if self._is_special:
            if self._exp == 'N':
                raise TypeError('Cannot hash a signaling NaN value')
            if self._exp == 'n':
                return id(self) >> 4
            return -314159 if self._sign else 314159
        if self._exp >= 0 or self._isinteger():
            if self.adjusted() < 60:
                return hash(int(self))  # as the equal int's, also in MicroPython
        elif self.adjusted() > -320 and len(self._int) < 40:
            f = float(self)
            if Decimal.from_float(f)._cmp(self) == 0:
                return hash(f)
        M = 2305843009213693951
        if self._exp >= 0:
            exp_hash = pow(10, self._exp, M)
        else:
            exp_hash = pow(2075258708292324556, -self._exp, M)  # 10**-1 mod M
        h = int(self._int) * exp_hash % M
        h = h if not self._sign else -h
        return -2 if h == -1 else h

    # -- conversions

    def as_tuple(self):
        from collections import namedtuple
        global DecimalTuple
        if not isinstance(DecimalTuple, type):
            DecimalTuple = namedtuple('DecimalTuple', 'sign digits exponent')
        return DecimalTuple(self._sign, tuple([int(c) for c in self._int]), self._exp)

    def as_integer_ratio(self):
        if self._is_special:
            if self.is_nan():
                raise ValueError('cannot convert NaN to integer ratio')
            raise OverflowError('cannot convert Infinity to integer ratio')
        if not self:
            return (0, 1)
        n = int(self._int)
        if self._exp >= 0:
            n, d = n * 10 ** self._exp, 1
        else:
            d5 = -self._exp
            while d5 > 0 and n % 5 == 0:
                n //= 5
                d5 -= 1
            d2 = -self._exp
            shift2 = min(_nbits(n & -n) - 1, d2)
            if shift2:
                n >>= shift2
                d2 -= shift2
            d = 5 ** d5 << d2
        if self._sign:
            n = -n
        return (n, d)

    def __repr__(self):
        return "Decimal('%s')" % str(self)

    def __str__(self, eng=False, context=None):
        sign = '-' if self._sign else ''
        if self._is_special:
            if self._exp == 'F':
                return sign + 'Infinity'
            if self._exp == 'n':
                return sign + 'NaN' + self._int
            return sign + 'sNaN' + self._int
        leftdigits = self._exp + len(self._int)
        if self._exp <= 0 and leftdigits > -6:
            dotplace = leftdigits
        elif not eng:
            dotplace = 1
        elif self._int == '0':
            dotplace = (leftdigits + 1) % 3 - 1
        else:
            dotplace = (leftdigits - 1) % 3 + 1
        if dotplace <= 0:
            intpart = '0'
            fracpart = '.' + '0' * -dotplace + self._int
        elif dotplace >= len(self._int):
            intpart = self._int + '0' * (dotplace - len(self._int))
            fracpart = ''
        else:
            intpart = self._int[:dotplace]
            fracpart = '.' + self._int[dotplace:]
        if leftdigits == dotplace:
            exp = ''
        else:
            if context is None:
                context = getcontext()
            exp = ('E' if context.capitals else 'e') + '%+d' % (leftdigits - dotplace)
        return sign + intpart + fracpart + exp

    def to_eng_string(self, context=None):
        return self.__str__(eng=True, context=context)

    def __float__(self):
        if self._isnan():
            if self._exp == 'N':
                raise ValueError('cannot convert signaling NaN to float')
            return float('nan')
        if self._exp == 'F':
            return float('-inf') if self._sign else float('inf')
        adj = self.adjusted()
        if adj > 310:
            return float('-inf') if self._sign else float('inf')
        if adj < -330:
            return -0.0 if self._sign else 0.0
        n = int(self._int)
        if self._exp >= 0:
            return _to_float(self._sign, n * 10 ** self._exp, 1)
        return _to_float(self._sign, n, 10 ** -self._exp)

    def __int__(self):
        if self._is_special:
            if self._isnan():
                raise ValueError('cannot convert NaN to integer')
            raise OverflowError('cannot convert Infinity to integer')
        s = -1 if self._sign else 1
        if self._exp >= 0:
            return s * int(self._int) * 10 ** self._exp
        return s * int(self._int[:self._exp] or '0')

    __trunc__ = __int__

    @property
    def real(self):
        return self

    @property
    def imag(self):
        return Decimal(0)

    def conjugate(self):
        return self

    def __complex__(self):
        return complex(float(self))

    # -- unary operations

    def __neg__(self, context=None):
        if self._is_special:
            ans = self._check_nans(context=context)
            if ans:
                return ans
        if context is None:
            context = getcontext()
        if not self and context.rounding != ROUND_FLOOR:
            ans = self.copy_abs()
        else:
            ans = self.copy_negate()
        return ans._fix(context)

    def __pos__(self, context=None):
        if self._is_special:
            ans = self._check_nans(context=context)
            if ans:
                return ans
        if context is None:
            context = getcontext()
        if not self and context.rounding != ROUND_FLOOR:
            ans = self.copy_abs()
        else:
            ans = Decimal(self)
        return ans._fix(context)

    def __abs__(self, round=True, context=None):
        if not round:
            return self.copy_abs()
        if self._is_special:
            ans = self._check_nans(context=context)
            if ans:
                return ans
        if self._sign:
            return self.__neg__(context=context)
        return self.__pos__(context=context)

    # -- arithmetic

    def __add__(self, other, context=None):
        other = _convert_binop(self, other, '+')
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        if self._is_special or other._is_special:
            ans = self._check_nans(other, context)
            if ans:
                return ans
            if self._isinfinity():
                if self._sign != other._sign and other._isinfinity():
                    return context._raise_error(InvalidOperation, '-INF + INF')
                return Decimal(self)
            if other._isinfinity():
                return Decimal(other)
        exp = min(self._exp, other._exp)
        negativezero = 0
        if context.rounding == ROUND_FLOOR and self._sign != other._sign:
            negativezero = 1
        if not self and not other:
            sign = min(self._sign, other._sign)
            if negativezero:
                sign = 1
            return _dec(sign, '0', exp)._fix(context)
        if not self:
            exp = max(exp, other._exp - context.prec - 1)
            return other._rescale(exp, context.rounding)._fix(context)
        if not other:
            exp = max(exp, self._exp - context.prec - 1)
            return self._rescale(exp, context.rounding)._fix(context)
        op1 = [self._sign, int(self._int), self._exp, len(self._int)]
        op2 = [other._sign, int(other._int), other._exp, len(other._int)]
        _normalize(op1, op2, context.prec)
        if op1[0] != op2[0]:
            if op1[1] == op2[1]:
                return _dec(negativezero, '0', exp)._fix(context)
            if op1[1] < op2[1]:
                op1, op2 = op2, op1
            sign = op1[0]
            total = op1[1] - op2[1]
        else:
            sign = op1[0]
            total = op1[1] + op2[1]
        return _dec(sign, str(total), op1[2])._fix(context)

    def __radd__(self, other, context=None):
        other = _convert_binop(self, other, '+', True)
        if other is NotImplemented:
            return other
        return other.__add__(self, context=context)

    def __sub__(self, other, context=None):
        other = _convert_binop(self, other, '-')
        if other is NotImplemented:
            return other
        if self._is_special or other._is_special:
            ans = self._check_nans(other, context=context)
            if ans:
                return ans
        return self.__add__(other.copy_negate(), context=context)

    def __rsub__(self, other, context=None):
        other = _convert_binop(self, other, '-', True)
        if other is NotImplemented:
            return other
        return other.__sub__(self, context=context)

    def __mul__(self, other, context=None):
        other = _convert_binop(self, other, '*')
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        resultsign = self._sign ^ other._sign
        if self._is_special or other._is_special:
            ans = self._check_nans(other, context)
            if ans:
                return ans
            if self._isinfinity():
                if not other:
                    return context._raise_error(InvalidOperation, '(+-)INF * 0')
                return _SignedInfinity[resultsign]
            if other._isinfinity():
                if not self:
                    return context._raise_error(InvalidOperation, '0 * (+-)INF')
                return _SignedInfinity[resultsign]
        resultexp = self._exp + other._exp
        if not self or not other:
            return _dec(resultsign, '0', resultexp)._fix(context)
        if self._int == '1':
            return _dec(resultsign, other._int, resultexp)._fix(context)
        if other._int == '1':
            return _dec(resultsign, self._int, resultexp)._fix(context)
        return _dec(resultsign, str(int(self._int) * int(other._int)), resultexp)._fix(context)

    def __rmul__(self, other, context=None):
        other = _convert_binop(self, other, '*', True)
        if other is NotImplemented:
            return other
        return other.__mul__(self, context=context)

    def __truediv__(self, other, context=None):
        other = _convert_binop(self, other, '/')
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        sign = self._sign ^ other._sign
        if self._is_special or other._is_special:
            ans = self._check_nans(other, context)
            if ans:
                return ans
            if self._isinfinity() and other._isinfinity():
                return context._raise_error(InvalidOperation, '(+-)INF/(+-)INF')
            if self._isinfinity():
                return _SignedInfinity[sign]
            if other._isinfinity():
                context._raise_error(Clamped, 'Division by infinity')
                return _dec(sign, '0', context.Etiny())
        if not other:
            if not self:
                return context._raise_error(DivisionUndefined, '0 / 0')
            return context._raise_error(DivisionByZero, 'x / 0', sign)
        if not self:
            exp = self._exp - other._exp
            coeff = 0
        else:
            shift = len(other._int) - len(self._int) + context.prec + 1
            exp = self._exp - other._exp - shift
            a = int(self._int)
            b = int(other._int)
            if shift >= 0:
                coeff, remainder = divmod(a * 10 ** shift, b)
            else:
                coeff, remainder = divmod(a, b * 10 ** -shift)
            if remainder:
                if coeff % 5 == 0:
                    coeff += 1
            else:
                ideal_exp = self._exp - other._exp
                while exp < ideal_exp and coeff % 10 == 0:
                    coeff //= 10
                    exp += 1
        return _dec(sign, str(coeff), exp)._fix(context)

    def __rtruediv__(self, other, context=None):
        other = _convert_binop(self, other, '/', True)
        if other is NotImplemented:
            return other
        return other.__truediv__(self, context=context)

    def _divide(self, other, context):
        sign = self._sign ^ other._sign
        if other._isinfinity():
            ideal_exp = self._exp
        else:
            ideal_exp = min(self._exp, other._exp)
        expdiff = self.adjusted() - other.adjusted()
        if not self or other._isinfinity() or expdiff <= -2:
            return (_dec(sign, '0', 0), self._rescale(ideal_exp, context.rounding))
        if expdiff <= context.prec:
            a = int(self._int)
            b = int(other._int)
            if self._exp >= other._exp:
                a *= 10 ** (self._exp - other._exp)
            else:
                b *= 10 ** (other._exp - self._exp)
            q, r = divmod(a, b)
            if q < 10 ** context.prec:
                return (_dec(sign, str(q), 0), _dec(self._sign, str(r), ideal_exp))
        ans = context._raise_error(DivisionImpossible, 'quotient too large in //, % or divmod')
        return (ans, ans)

    def __divmod__(self, other, context=None):
        other = _convert_binop(self, other, 'divmod()')
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        ans = self._check_nans(other, context)
        if ans:
            return (ans, ans)
        sign = self._sign ^ other._sign
        if self._isinfinity():
            if other._isinfinity():
                ans = context._raise_error(InvalidOperation, 'divmod(INF, INF)')
                return (ans, ans)
            return (_SignedInfinity[sign], context._raise_error(InvalidOperation, 'INF % x'))
        if not other:
            if not self:
                ans = context._raise_error(DivisionUndefined, 'divmod(0, 0)')
                return (ans, ans)
            # Both conditions at once, reported together as the C version does.
            context.flags._condition(InvalidOperation)
            context.flags[DivisionByZero] = True
            names = [n for n in ('InvalidOperation', 'DivisionByZero')
                     if context.traps[InvalidOperation if n[0] == 'I' else DivisionByZero]]
            if names:
                raise (InvalidOperation if names[0][0] == 'I' else DivisionByZero)(
                    '[' + ', '.join(["<class 'decimal.%s'>" % n for n in names]) + ']')
            return (_SignedInfinity[sign], _NaN)
        quotient, remainder = self._divide(other, context)
        return (quotient, remainder._fix(context))

    def __rdivmod__(self, other, context=None):
        other = _convert_binop(self, other, 'divmod()', True)
        if other is NotImplemented:
            return other
        return other.__divmod__(self, context=context)

    def __mod__(self, other, context=None):
        other = _convert_binop(self, other, '%')
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        ans = self._check_nans(other, context)
        if ans:
            return ans
        if self._isinfinity():
            return context._raise_error(InvalidOperation, 'INF % x')
        if not other:
            if self:
                return context._raise_error(InvalidOperation, 'x % 0')
            return context._raise_error(DivisionUndefined, '0 % 0')
        return self._divide(other, context)[1]._fix(context)

    def __rmod__(self, other, context=None):
        other = _convert_binop(self, other, '%', True)
        if other is NotImplemented:
            return other
        return other.__mod__(self, context=context)

    def remainder_near(self, other, context=None):
        if context is None:
            context = getcontext()
        other = _convert(other)
        ans = self._check_nans(other, context)
        if ans:
            return ans
        if self._isinfinity():
            return context._raise_error(InvalidOperation, 'remainder_near(infinity, x)')
        if not other:
            if self:
                return context._raise_error(InvalidOperation, 'remainder_near(x, 0)')
            return context._raise_error(DivisionUndefined, 'remainder_near(0, 0)')
        if other._isinfinity():
            return Decimal(self)._fix(context)
        ideal_exponent = min(self._exp, other._exp)
        if not self:
            return _dec(self._sign, '0', ideal_exponent)._fix(context)
        expdiff = self.adjusted() - other.adjusted()
        if expdiff >= context.prec + 1:
            return context._raise_error(DivisionImpossible)
        if expdiff <= -2:
            return self._rescale(ideal_exponent, context.rounding)._fix(context)
        a = int(self._int)
        b = int(other._int)
        if self._exp >= other._exp:
            a *= 10 ** (self._exp - other._exp)
        else:
            b *= 10 ** (other._exp - self._exp)
        q, r = divmod(a, b)
        if 2 * r + (q & 1) > b:
            r -= b
            q += 1
        if q >= 10 ** context.prec:
            return context._raise_error(DivisionImpossible)
        sign = self._sign
        if r < 0:
            sign = 1 - sign
            r = -r
        return _dec(sign, str(r), ideal_exponent)._fix(context)

    def __floordiv__(self, other, context=None):
        other = _convert_binop(self, other, '//')
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        ans = self._check_nans(other, context)
        if ans:
            return ans
        if self._isinfinity():
            if other._isinfinity():
                return context._raise_error(InvalidOperation, 'INF // INF')
            return _SignedInfinity[self._sign ^ other._sign]
        if not other:
            if self:
                return context._raise_error(DivisionByZero, 'x // 0', self._sign ^ other._sign)
            return context._raise_error(DivisionUndefined, '0 // 0')
        return self._divide(other, context)[0]

    def __rfloordiv__(self, other, context=None):
        other = _convert_binop(self, other, '//', True)
        if other is NotImplemented:
            return other
        return other.__floordiv__(self, context=context)

    # -- rounding

    def _fix_nan(self, context):
        payload = self._int
        max_payload_len = context.prec - context.clamp
        if len(payload) > max_payload_len:
            payload = payload[len(payload) - max_payload_len:].lstrip('0')
            return _dec(self._sign, payload, self._exp, True)
        return Decimal(self)

    def _fix(self, context):
        # Round to the context's precision and exponent range.
        if self._is_special:
            if self._isnan():
                return self._fix_nan(context)
            return Decimal(self)
        Etiny = context.Etiny()
        Etop = context.Etop()
        if not self:
            exp_max = Etop if context.clamp else context.Emax
            new_exp = min(max(self._exp, Etiny), exp_max)
            if new_exp != self._exp:
                context._raise_error(Clamped)
                return _dec(self._sign, '0', new_exp)
            return Decimal(self)
        exp_min = len(self._int) + self._exp - context.prec
        if exp_min > Etop:
            return context._raise_error(Overflow, 'above Emax', self._sign)
        self_is_subnormal = exp_min < Etiny
        if self_is_subnormal:
            exp_min = Etiny
        if self._exp < exp_min:
            digits = len(self._int) + self._exp - exp_min
            if digits < 0:
                self = _dec(self._sign, '1', exp_min - 1)
                digits = 0
            changed = _ROUNDERS[context.rounding](self, digits)
            coeff = self._int[:digits] or '0'
            if changed > 0:
                coeff = str(int(coeff) + 1)
                if len(coeff) > context.prec:
                    coeff = coeff[:-1]
                    exp_min += 1
            conds = []
            if exp_min > Etop:
                conds.append(Overflow)
                ans = None
            else:
                ans = _dec(self._sign, coeff, exp_min)
            if changed and self_is_subnormal:
                conds.append(Underflow)
            if self_is_subnormal:
                conds.append(Subnormal)
            if changed:
                conds.append(Inexact)
            conds.append(Rounded)
            if ans is not None and not ans:
                conds.append(Clamped)
            r = context._raise_many(conds, (self._sign,))
            return r if ans is None else ans
        if self_is_subnormal:
            context._raise_error(Subnormal)
        if context.clamp == 1 and self._exp > Etop:
            context._raise_error(Clamped)
            return _dec(self._sign, self._int + '0' * (self._exp - Etop), Etop)
        return Decimal(self)

    def __round__(self, n=None):
        if n is not None:
            if not isinstance(n, int):
                raise TypeError('optional arg must be an integer')
            return self.quantize(_dec(0, '1', -n))
        if self._is_special:
            if self.is_nan():
                raise ValueError('cannot convert NaN to integer')
            raise OverflowError('cannot convert Infinity to integer')
        return int(self._rescale(0, ROUND_HALF_EVEN))

    def __floor__(self):
        if self._is_special:
            if self.is_nan():
                raise ValueError('cannot convert NaN to integer')
            raise OverflowError('cannot convert Infinity to integer')
        return int(self._rescale(0, ROUND_FLOOR))

    def __ceil__(self):
        if self._is_special:
            if self.is_nan():
                raise ValueError('cannot convert NaN to integer')
            raise OverflowError('cannot convert Infinity to integer')
        return int(self._rescale(0, ROUND_CEILING))

    def fma(self, other, third, context=None):
        other = _convert(other)
        third = _convert(third)
        if self._is_special or other._is_special:
            if context is None:
                context = getcontext()
            if self._exp == 'N':
                return context._raise_error(InvalidOperation, 'sNaN', self)
            if other._exp == 'N':
                return context._raise_error(InvalidOperation, 'sNaN', other)
            if self._exp == 'n':
                product = self
            elif other._exp == 'n':
                product = other
            elif self._exp == 'F':
                if not other:
                    return context._raise_error(InvalidOperation, 'INF * 0 in fma')
                product = _SignedInfinity[self._sign ^ other._sign]
            else:
                if not self:
                    return context._raise_error(InvalidOperation, '0 * INF in fma')
                product = _SignedInfinity[self._sign ^ other._sign]
        else:
            product = _dec(self._sign ^ other._sign, str(int(self._int) * int(other._int)),
                           self._exp + other._exp)
        return product.__add__(third, context)

    # -- powers

    def _power_modulo(self, other, modulo, context=None):
        other = _convert(other)
        modulo = _convert(modulo)
        if context is None:
            context = getcontext()
        self_is_nan = self._isnan()
        other_is_nan = other._isnan()
        modulo_is_nan = modulo._isnan()
        if self_is_nan or other_is_nan or modulo_is_nan:
            for x, n in ((self, self_is_nan), (other, other_is_nan), (modulo, modulo_is_nan)):
                if n == 2:
                    return context._raise_error(InvalidOperation, 'sNaN', x)
            for x, n in ((self, self_is_nan), (other, other_is_nan), (modulo, modulo_is_nan)):
                if n:
                    return x._fix_nan(context)
        if not (self._isinteger() and other._isinteger() and modulo._isinteger()):
            return context._raise_error(InvalidOperation, 'pow() 3rd argument not allowed unless '
                                        'all arguments are integers')
        if other < 0:
            return context._raise_error(InvalidOperation, 'pow() 2nd argument cannot be negative '
                                        'when 3rd argument specified')
        if not modulo:
            return context._raise_error(InvalidOperation, 'pow() 3rd argument cannot be 0')
        if modulo.adjusted() >= context.prec:
            return context._raise_error(InvalidOperation, 'insufficient precision: pow() 3rd '
                                        'argument must not have more than precision digits')
        if not other and not self:
            return context._raise_error(InvalidOperation, 'at least one of pow() 1st argument '
                                        'and 2nd argument must be nonzero; 0**0 is not defined')
        sign = 0 if other._iseven() else self._sign
        modulo = abs(int(modulo))
        base = self.to_integral_value()
        exponent = other.to_integral_value()
        b = int(base._int) % modulo * pow(10, base._exp, modulo) % modulo
        for i in range(exponent._exp):
            b = pow(b, 10, modulo)
        b = pow(b, int(exponent._int), modulo)
        return _dec(sign, str(b), 0)

    def __pow__(self, other, modulo=None, context=None):
        if modulo is not None:
            return self._power_modulo(other, modulo, context)
        other = _convert_binop(self, other, '** or pow()')
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        ans = self._check_nans(other, context)
        if ans:
            return ans
        if not other:
            if not self:
                return context._raise_error(InvalidOperation, '0 ** 0')
            return _One
        result_sign = 0
        if self._sign == 1:
            if other._isinteger():
                if not other._iseven():
                    result_sign = 1
            elif self:
                return context._raise_error(InvalidOperation,
                                            'x ** y with x negative and y not an integer')
            self = self.copy_negate()
        if not self:
            if other._sign == 0:
                return _dec(result_sign, '0', 0)
            return _SignedInfinity[result_sign]
        if self._isinfinity():
            if other._sign == 0:
                return _SignedInfinity[result_sign]
            return _dec(result_sign, '0', 0)
        if self == _One:
            if other._isinteger():
                if other._sign == 1:
                    multiplier = 0
                elif other > context.prec:
                    multiplier = context.prec
                else:
                    multiplier = int(other)
                exp = self._exp * multiplier
                if exp < 1 - context.prec:
                    exp = 1 - context.prec
                    context._raise_error(Rounded)
            else:
                context._raise_many((Inexact, Rounded))
                exp = 1 - context.prec
            return _dec(result_sign, '1' + '0' * -exp, exp)
        self_adj = self.adjusted()
        if other._isinfinity():
            if (other._sign == 0) == (self_adj < 0):
                return _dec(result_sign, '0', 0)
            return _SignedInfinity[result_sign]
        bound = self._log10_exp_bound() + other.adjusted()
        if (self_adj >= 0) == (other._sign == 0):
            if bound >= len(str(context.Emax)):
                return _dec(result_sign, '1', context.Emax + 1)._fix(context)
        else:
            Etiny = context.Etiny()
            if bound >= len(str(-Etiny)):
                return _dec(result_sign, '1', Etiny - 1)._fix(context)
        # libmpdec's algorithms (not _pydecimal's), so that results in directed
        # rounding modes match CPython's C decimal to the last digit.
        if other._isinteger():
            wc = Context(prec=context.prec + len(other._int) + other._exp + 2,
                         rounding=ROUND_HALF_EVEN, Emin=context.Emin, Emax=context.Emax,
                         traps=[], flags=[])
            base = self
            if other._sign:
                wc.prec += 1
                base = _One.__truediv__(self, context=wc)
            n = abs(int(other))
            ans = base
            bit = 1 << (_nbits(n) - 1)
            bit >>= 1
            while bit:
                ans = ans.__mul__(ans, context=wc)
                if n & bit:
                    ans = ans.__mul__(base, context=wc)
                if ans._is_special or (not ans and wc.flags[Clamped]):
                    break
                bit >>= 1
            if ans._isinfinity():
                ans = _dec(result_sign, '1', context.Emax + context.prec + 1)
            else:
                ans = _dec(result_sign, ans._int, ans._exp)
            return _fix_reporting(ans, context, wc.flags)
        wc = Context(prec=max(len(self._int), context.prec) + 23, rounding=ROUND_HALF_EVEN,
                     Emin=MIN_EMIN, Emax=MAX_EMAX, traps=[], flags=[])
        ans = self.ln(wc).__mul__(other, context=wc).exp(wc)
        if not ans._is_special and ans._cmp(_One) == 0:
            ans = _dec(0, '1' + '0' * (context.prec - 1), 1 - context.prec)
        if ans._isinfinity():
            ans = _dec(result_sign, '1', context.Emax + context.prec + 1)
        wc.flags[Inexact] = wc.flags[Rounded] = True
        return _fix_reporting(ans, context, wc.flags)

    def __rpow__(self, other, context=None):
        other = _convert_binop(self, other, '** or pow()', True)
        if other is NotImplemented:
            return other
        return other.__pow__(self, context=context)

    # -- quantum and rounding operations

    def normalize(self, context=None):
        if context is None:
            context = getcontext()
        if self._is_special:
            ans = self._check_nans(context=context)
            if ans:
                return ans
        dup = self._fix(context)
        if dup._isinfinity():
            return dup
        if not dup:
            return _dec(dup._sign, '0', 0)
        exp_max = context.Etop() if context.clamp else context.Emax
        end = len(dup._int)
        exp = dup._exp
        while dup._int[end - 1] == '0' and exp < exp_max:
            exp += 1
            end -= 1
        return _dec(dup._sign, dup._int[:end], exp)

    def quantize(self, exp, rounding=None, context=None):
        exp = _convert(exp)
        if context is None:
            context = getcontext()
        if rounding is None:
            rounding = context.rounding
        elif rounding not in _ROUNDINGS:
            raise TypeError('invalid rounding mode')
        if self._is_special or exp._is_special:
            ans = self._check_nans(exp, context)
            if ans:
                return ans
            if exp._isinfinity() or self._isinfinity():
                if exp._isinfinity() and self._isinfinity():
                    return Decimal(self)
                return context._raise_error(InvalidOperation, 'quantize with one INF')
        if not context.Etiny() <= exp._exp <= context.Emax:
            return context._raise_error(InvalidOperation,
                                        'target exponent out of bounds in quantize')
        if not self:
            return _dec(self._sign, '0', exp._exp)._fix(context)
        self_adjusted = self.adjusted()
        if self_adjusted > context.Emax:
            return context._raise_error(InvalidOperation, 'exponent of quantize result too large')
        if self_adjusted - exp._exp + 1 > context.prec:
            return context._raise_error(InvalidOperation, 'quantize result has too many digits')
        ans = self._rescale(exp._exp, rounding)
        if ans.adjusted() > context.Emax:
            return context._raise_error(InvalidOperation, 'exponent of quantize result too large')
        if len(ans._int) > context.prec:
            return context._raise_error(InvalidOperation, 'quantize result has too many digits')
        conds = []
        if ans and ans.adjusted() < context.Emin:
            conds.append(Subnormal)
        if ans._exp > self._exp:
            if ans != self:
                conds.append(Inexact)
            conds.append(Rounded)
        if conds:
            context._raise_many(conds)
        return ans._fix(context)

    def same_quantum(self, other, context=None):
        other = _convert(other)
        if self._is_special or other._is_special:
            return (self.is_nan() and other.is_nan()) or (self.is_infinite() and other.is_infinite())
        return self._exp == other._exp

    def _rescale(self, exp, rounding):
        if self._is_special:
            return Decimal(self)
        if not self:
            return _dec(self._sign, '0', exp)
        if self._exp >= exp:
            return _dec(self._sign, self._int + '0' * (self._exp - exp), exp)
        digits = len(self._int) + self._exp - exp
        if digits < 0:
            self = _dec(self._sign, '1', exp - 1)
            digits = 0
        changed = _ROUNDERS[rounding](self, digits)
        coeff = self._int[:digits] or '0'
        if changed == 1:
            coeff = str(int(coeff) + 1)
        return _dec(self._sign, coeff, exp)

    def _round(self, places, rounding):
        if places <= 0:
            raise ValueError('argument should be at least 1 in _round')
        if self._is_special or not self:
            return Decimal(self)
        ans = self._rescale(self.adjusted() + 1 - places, rounding)
        if ans.adjusted() != self.adjusted():
            ans = ans._rescale(ans.adjusted() + 1 - places, rounding)
        return ans

    def to_integral_exact(self, rounding=None, context=None):
        if self._is_special:
            ans = self._check_nans(context=context)
            if ans:
                return ans
            return Decimal(self)
        if self._exp >= 0:
            return Decimal(self)
        if not self:
            return _dec(self._sign, '0', 0)
        if context is None:
            context = getcontext()
        if rounding is None:
            rounding = context.rounding
        ans = self._rescale(0, rounding)
        context._raise_many((Inexact, Rounded) if ans != self else (Rounded,))
        return ans

    def to_integral_value(self, rounding=None, context=None):
        if context is None:
            context = getcontext()
        if rounding is None:
            rounding = context.rounding
        if self._is_special:
            ans = self._check_nans(context=context)
            if ans:
                return ans
            return Decimal(self)
        if self._exp >= 0:
            return Decimal(self)
        return self._rescale(0, rounding)

    to_integral = to_integral_value

    def sqrt(self, context=None):
        if context is None:
            context = getcontext()
        if self._is_special:
            ans = self._check_nans(context=context)
            if ans:
                return ans
            if self._isinfinity() and self._sign == 0:
                return Decimal(self)
        if not self:
            return _dec(self._sign, '0', self._exp // 2)._fix(context)
        if self._sign == 1:
            return context._raise_error(InvalidOperation, 'sqrt(-x), x > 0')
        prec = context.prec + 1
        opint = int(self._int)
        e = self._exp >> 1
        if self._exp & 1:
            c = opint * 10
            l = (len(self._int) >> 1) + 1
        else:
            c = opint
            l = len(self._int) + 1 >> 1
        shift = prec - l
        if shift >= 0:
            c *= 100 ** shift
            exact = True
        else:
            c, remainder = divmod(c, 100 ** -shift)
            exact = not remainder
        e -= shift
        n = 10 ** prec
        while True:
            q = c // n
            if n <= q:
                break
            n = n + q >> 1
        exact = exact and n * n == c
        if exact:
            if shift >= 0:
                n //= 10 ** shift
            else:
                n *= 10 ** -shift
            e += shift
        elif n % 5 == 0:
            n += 1
        ans = _dec(0, str(n), e)
        context = context._shallow_copy()
        rounding = context._set_rounding(ROUND_HALF_EVEN)
        ans = ans._fix(context)
        context.rounding = rounding
        return ans

    def _minmax(self, other, context, want_max, mag):
        other = _convert(other)
        if context is None:
            context = getcontext()
        if self._is_special or other._is_special:
            sn = self._isnan()
            on = other._isnan()
            if sn or on:
                if on == 1 and sn == 0:
                    return self._fix(context)
                if sn == 1 and on == 0:
                    return other._fix(context)
                return self._check_nans(other, context)
        if mag:
            c = self.copy_abs()._cmp(other.copy_abs())
        else:
            c = self._cmp(other)
        if c == 0:
            c = self.compare_total(other)._cmp(_Zero)
        if want_max:
            ans = other if c == -1 else self
        else:
            ans = self if c == -1 else other
        return ans._fix(context)

    def max(self, other, context=None):
        return self._minmax(other, context, True, False)

    def min(self, other, context=None):
        return self._minmax(other, context, False, False)

    def max_mag(self, other, context=None):
        return self._minmax(other, context, True, True)

    def min_mag(self, other, context=None):
        return self._minmax(other, context, False, True)

    def _isinteger(self):
        if self._is_special:
            return False
        if self._exp >= 0:
            return True
        return not self._int[self._exp:].strip('0')

    def _iseven(self):
        if not self or self._exp > 0:
            return True
        return self._int[-1 + self._exp] in '02468'

    def adjusted(self):
        if self._is_special:
            return 0
        return self._exp + len(self._int) - 1

    def canonical(self):
        return self

    def compare_signal(self, other, context=None):
        other = _convert(other)
        ans = self._compare_check_nans(other, context)
        if ans:
            return ans
        return self.compare(other, context=context)

    def compare_total(self, other, context=None):
        other = _convert(other)
        if self._sign and not other._sign:
            return _NegativeOne
        if not self._sign and other._sign:
            return _One
        sign = self._sign
        self_nan = self._isnan()
        other_nan = other._isnan()
        if self_nan or other_nan:
            if self_nan == other_nan:
                self_key = (len(self._int), self._int)
                other_key = (len(other._int), other._int)
                if self_key < other_key:
                    return _One if sign else _NegativeOne
                if self_key > other_key:
                    return _NegativeOne if sign else _One
                return _Zero
            if sign:
                if self_nan == 1:
                    return _NegativeOne
                if other_nan == 1:
                    return _One
                if self_nan == 2:
                    return _NegativeOne
                if other_nan == 2:
                    return _One
            else:
                if self_nan == 1:
                    return _One
                if other_nan == 1:
                    return _NegativeOne
                if self_nan == 2:
                    return _One
                if other_nan == 2:
                    return _NegativeOne
        c = self._cmp(other)
        if c < 0:
            return _NegativeOne
        if c > 0:
            return _One
        if self._exp < other._exp:
            return _One if sign else _NegativeOne
        if self._exp > other._exp:
            return _NegativeOne if sign else _One
        return _Zero

    def compare_total_mag(self, other, context=None):
        other = _convert(other)
        return self.copy_abs().compare_total(other.copy_abs())

    def copy_abs(self):
        return _dec(0, self._int, self._exp, self._is_special)

    def copy_negate(self):
        return _dec(1 - self._sign, self._int, self._exp, self._is_special)

    def copy_sign(self, other, context=None):
        other = _convert(other)
        return _dec(other._sign, self._int, self._exp, self._is_special)

    # -- exp and logarithms

    def exp(self, context=None):
        if context is None:
            context = getcontext()
        ans = self._check_nans(context=context)
        if ans:
            return ans
        if self._isinfinity() == -1:
            return _Zero
        if not self:
            return _One
        if self._isinfinity() == 1:
            return Decimal(self)
        p = context.prec
        adj = self.adjusted()
        if self._sign == 0 and adj > len(str((context.Emax + 1) * 3)):
            ans = _dec(0, '1', context.Emax + 1)
        elif self._sign == 1 and adj > len(str((-context.Etiny() + 1) * 3)):
            ans = _dec(0, '1', context.Etiny() - 1)
        elif self._sign == 0 and adj < -p:
            ans = _dec(0, '1' + '0' * (p - 1) + '1', -p)
        elif self._sign == 1 and adj < -p - 1:
            ans = _dec(0, '9' * (p + 1), -p - 1)
        else:
            c, e = int(self._int), self._exp
            if self._sign == 1:
                c = -c
            extra = 3
            while True:
                coeff, exp = _dexp(c, e, p + extra)
                if coeff % (5 * 10 ** (len(str(coeff)) - p - 1)):
                    break
                extra += 3
            ans = _dec(0, str(coeff), exp)
        return _fix_half_even(ans, context)

    def _ln_exp_bound(self):
        adj = self._exp + len(self._int) - 1
        if adj >= 1:
            return len(str(adj * 23 // 10)) - 1
        if adj <= -2:
            return len(str((-1 - adj) * 23 // 10)) - 1
        c, e = int(self._int), self._exp
        if adj == 0:
            num = str(c - 10 ** -e)
            den = str(c)
            return len(num) - len(den) - (num < den)
        return e + len(str(10 ** -e - c)) - 1

    def ln(self, context=None):
        if context is None:
            context = getcontext()
        ans = self._check_nans(context=context)
        if ans:
            return ans
        if not self:
            return _NegativeInfinity
        if self._isinfinity() == 1:
            return _Infinity
        if self == _One:
            return _Zero
        if self._sign == 1:
            return context._raise_error(InvalidOperation, 'ln of a negative value')
        c, e = int(self._int), self._exp
        p = context.prec
        places = p - self._ln_exp_bound() + 2
        while True:
            coeff = _dlog(c, e, places)
            if coeff % (5 * 10 ** (len(str(abs(coeff))) - p - 1)):
                break
            places += 3
        ans = _dec(int(coeff < 0), str(abs(coeff)), -places)
        return _fix_half_even(ans, context)

    def _log10_exp_bound(self):
        adj = self._exp + len(self._int) - 1
        if adj >= 1:
            return len(str(adj)) - 1
        if adj <= -2:
            return len(str(-1 - adj)) - 1
        c, e = int(self._int), self._exp
        if adj == 0:
            num = str(c - 10 ** -e)
            den = str(231 * c)
            return len(num) - len(den) - (num < den) + 2
        num = str(10 ** -e - c)
        return len(num) + e - (num < '231') - 1

    def log10(self, context=None):
        if context is None:
            context = getcontext()
        ans = self._check_nans(context=context)
        if ans:
            return ans
        if not self:
            return _NegativeInfinity
        if self._isinfinity() == 1:
            return _Infinity
        if self._sign == 1:
            return context._raise_error(InvalidOperation, 'log10 of a negative value')
        if self._int[0] == '1' and not self._int[1:].strip('0'):
            ans = Decimal(self._exp + len(self._int) - 1)
        else:
            c, e = int(self._int), self._exp
            p = context.prec
            places = p - self._log10_exp_bound() + 2
            while True:
                coeff = _dlog10(c, e, places)
                if coeff % (5 * 10 ** (len(str(abs(coeff))) - p - 1)):
                    break
                places += 3
            ans = _dec(int(coeff < 0), str(abs(coeff)), -places)
        return _fix_half_even(ans, context)

    def logb(self, context=None):
        ans = self._check_nans(context=context)
        if ans:
            return ans
        if context is None:
            context = getcontext()
        if self._isinfinity():
            return _Infinity
        if not self:
            return context._raise_error(DivisionByZero, 'logb(0)', 1)
        return Decimal(self.adjusted())._fix(context)

    # -- predicates and small operations

    def is_canonical(self):
        return True

    def is_finite(self):
        return not self._is_special

    def is_infinite(self):
        return self._exp == 'F'

    def is_nan(self):
        return self._exp in ('n', 'N')

    def is_normal(self, context=None):
        if self._is_special or not self:
            return False
        if context is None:
            context = getcontext()
        return context.Emin <= self.adjusted()

    def is_qnan(self):
        return self._exp == 'n'

    def is_signed(self):
        return self._sign == 1

    def is_snan(self):
        return self._exp == 'N'

    def is_subnormal(self, context=None):
        if self._is_special or not self:
            return False
        if context is None:
            context = getcontext()
        return self.adjusted() < context.Emin

    def is_zero(self):
        return not self._is_special and self._int == '0'

    def next_minus(self, context=None):
        if context is None:
            context = getcontext()
        ans = self._check_nans(context=context)
        if ans:
            return ans
        if self._isinfinity() == -1:
            return _NegativeInfinity
        if self._isinfinity() == 1:
            return _dec(0, '9' * context.prec, context.Etop())
        context = context.copy()
        context._set_rounding(ROUND_FLOOR)
        context._ignore_all_flags()
        new_self = self._fix(context)
        if new_self != self:
            return new_self
        return self.__sub__(_dec(0, '1', context.Etiny() - 1), context)

    def next_plus(self, context=None):
        if context is None:
            context = getcontext()
        ans = self._check_nans(context=context)
        if ans:
            return ans
        if self._isinfinity() == 1:
            return _Infinity
        if self._isinfinity() == -1:
            return _dec(1, '9' * context.prec, context.Etop())
        context = context.copy()
        context._set_rounding(ROUND_CEILING)
        context._ignore_all_flags()
        new_self = self._fix(context)
        if new_self != self:
            return new_self
        return self.__add__(_dec(0, '1', context.Etiny() - 1), context)

    def next_toward(self, other, context=None):
        other = _convert(other)
        if context is None:
            context = getcontext()
        ans = self._check_nans(other, context)
        if ans:
            return ans
        comparison = self._cmp(other)
        if comparison == 0:
            return self.copy_sign(other)
        ans = self.next_plus(context) if comparison == -1 else self.next_minus(context)
        if ans._isinfinity():
            context._raise_error(Overflow, 'Infinite result from next_toward', ans._sign)
        elif ans.adjusted() < context.Emin:
            context._raise_many((Underflow, Subnormal, Inexact, Rounded) + (() if ans else (Clamped,)))
        return ans

    def number_class(self, context=None):
        if self.is_snan():
            return 'sNaN'
        if self.is_qnan():
            return 'NaN'
        inf = self._isinfinity()
        if inf:
            return '+Infinity' if inf == 1 else '-Infinity'
        s = '-' if self._sign else '+'
        if self.is_zero():
            return s + 'Zero'
        if self.is_subnormal(context=context):
            return s + 'Subnormal'
        return s + 'Normal'

    def radix(self):
        return Decimal(10)

    def scaleb(self, other, context=None):
        if context is None:
            context = getcontext()
        other = _convert(other)
        ans = self._check_nans(other, context)
        if ans:
            return ans
        if other._exp != 0:
            return context._raise_error(InvalidOperation)
        liminf = -2 * (context.Emax + context.prec)
        limsup = 2 * (context.Emax + context.prec)
        if not liminf <= int(other) <= limsup:
            return context._raise_error(InvalidOperation)
        if self._isinfinity():
            return Decimal(self)
        return _dec(self._sign, self._int, self._exp + int(other))._fix(context)

    def __reduce__(self):
        return (self.__class__, (str(self),))

    def __copy__(self):
        if type(self) is Decimal:
            return self
        return self.__class__(str(self))

    def __deepcopy__(self, memo):
        if type(self) is Decimal:
            return self
        return self.__class__(str(self))

    def __format__(self, specifier, context=None):
        if context is None:
            context = getcontext()
        spec = _parse_format_specifier(specifier)
        if self._is_special:
            sign = _format_sign(self._sign, spec)
            body = str(self.copy_abs())
            if spec['type'] == '%':
                body += '%'
            return _format_align(sign, body, spec)
        if spec['type'] is None:
            spec['type'] = 'G' if context.capitals else 'g'
        if spec['type'] == '%':
            self = _dec(self._sign, self._int, self._exp + 2)
        rounding = context.rounding
        precision = spec['precision']
        t = spec['type']
        if precision is not None:
            if t in 'eE':
                self = self._round(precision + 1, rounding)
            elif t in 'fF%':
                self = self._rescale(-precision, rounding)
            elif t in 'gG' and len(self._int) > precision:
                self = self._round(precision, rounding)
        if not self and self._exp > 0 and t in 'fF%':
            self = self._rescale(0, rounding)
        if not self and spec['no_neg_0'] and self._sign:
            adjusted_sign = 0
        else:
            adjusted_sign = self._sign
        leftdigits = self._exp + len(self._int)
        if t in 'eE':
            dotplace = 1 - precision if not self and precision is not None else 1
        elif t in 'fF%':
            dotplace = leftdigits
        else:
            dotplace = leftdigits if self._exp <= 0 and leftdigits > -6 else 1
        if dotplace < 0:
            intpart = '0'
            fracpart = '0' * -dotplace + self._int
        elif dotplace > len(self._int):
            intpart = self._int + '0' * (dotplace - len(self._int))
            fracpart = ''
        else:
            intpart = self._int[:dotplace] or '0'
            fracpart = self._int[dotplace:]
        exp = leftdigits - dotplace
        return _format_number(adjusted_sign, intpart, fracpart, exp, spec)


def _dec(sign, coefficient, exponent, special=False):
    self = object.__new__(Decimal)
    self._sign = sign
    self._int = coefficient
    self._exp = exponent
    self._is_special = special
    return self


_dec_from_triple = _dec


def _fix_reporting(ans, context, flags):
    # ans._fix(context), reporting its conditions together with `flags` (those
    # of the intermediate steps), all at once as the C version does.
    quiet = context.copy()
    quiet.clear_flags()
    quiet.clear_traps()
    quiet._ignored_flags = []
    ans = ans._fix(quiet)
    conds = [sig for sig in _signals if sig is not DivisionByZero and sig is not InvalidOperation
             and (flags[sig] or quiet.flags[sig])]
    if conds:
        if Overflow in conds:
            conds.remove(Overflow)
            conds.insert(0, Overflow)
        context._raise_many(conds, (ans._sign,))
    return ans


def _fix_half_even(ans, context):
    context = context._shallow_copy()
    context._set_rounding(ROUND_HALF_EVEN)
    return ans._fix(context)


def _round_down(self, prec):
    return 0 if _all_zeros(self._int, prec) else -1


def _round_up(self, prec):
    return -_round_down(self, prec)


def _round_half_up(self, prec):
    if self._int[prec:prec + 1] in ('5', '6', '7', '8', '9'):
        return 1
    return 0 if _all_zeros(self._int, prec) else -1


def _round_half_down(self, prec):
    if _exact_half(self._int, prec):
        return -1
    return _round_half_up(self, prec)


def _round_half_even(self, prec):
    if _exact_half(self._int, prec) and (prec == 0 or self._int[prec - 1] in '02468'):
        return -1
    return _round_half_up(self, prec)


def _round_ceiling(self, prec):
    return _round_down(self, prec) if self._sign else -_round_down(self, prec)


def _round_floor(self, prec):
    return _round_down(self, prec) if not self._sign else -_round_down(self, prec)


def _round_05up(self, prec):
    if prec and self._int[prec - 1] not in '05':
        return _round_down(self, prec)
    return -_round_down(self, prec)


_ROUNDERS = {ROUND_DOWN: _round_down, ROUND_UP: _round_up, ROUND_HALF_UP: _round_half_up,
             ROUND_HALF_DOWN: _round_half_down, ROUND_HALF_EVEN: _round_half_even,
             ROUND_CEILING: _round_ceiling, ROUND_FLOOR: _round_floor, ROUND_05UP: _round_05up}


# -- operand conversion ---------------------------------------------------------

def _convert(other):
    if isinstance(other, Decimal):
        return other
    if isinstance(other, _INTS):
        return Decimal(other)
    raise TypeError('conversion from %s to Decimal is not supported' % type(other).__name__)


def _convert_binop(self, other, op, reflected=False):
    if isinstance(other, Decimal):
        return other
    if isinstance(other, _INTS):
        return Decimal(other)
    if type(other) in (float, str, bytes, list, tuple, dict, set, complex, type(None)):
        a, b = (_tname(other), _tname(self)) if reflected else (_tname(self), _tname(other))
        if op == 'divmod()' or op == '** or pow()':
            raise TypeError("unsupported operand type(s) for %s: '%s' and '%s'" % (op, a, b))
        raise TypeError("unsupported operand type(s) for %s: '%s' and '%s'" % (op, a, b))
    return NotImplemented


def _convert_for_comparison(self, other, equality_op):
    # -> (self, other) as Decimals, or None when `other` is not a number.
    if isinstance(other, Decimal):
        return self, other
    if isinstance(other, _INTS):
        return self, Decimal(other)
    if isinstance(other, complex) and equality_op:
        if other.imag != 0:
            return None
        other = other.real
    if isinstance(other, float):
        context = getcontext()
        if equality_op:
            context.flags[FloatOperation] = 1
        else:
            context._raise_error(FloatOperation, 'strict semantics for mixing floats and '
                                 'Decimals are enabled')
        return self, Decimal.from_float(other)
    num = getattr(other, 'numerator', None)
    den = getattr(other, 'denominator', None)
    if isinstance(num, int) and isinstance(den, int) and den > 0:  # a Fraction
        if not self._is_special:
            self = _dec(self._sign, str(int(self._int) * den), self._exp)
        return self, Decimal(num)
    return None


# -- integer algorithms of _pydecimal (exp, logarithms, powers) ----------------

def _normalize(op1, op2, prec=0):
    # op = [sign, int, exp, number of digits]: align the exponents, in place.
    if op1[2] < op2[2]:
        tmp, other = op2, op1
    else:
        tmp, other = op1, op2
    tmp_len = tmp[3]
    other_len = other[3]
    exp = tmp[2] + min(-1, tmp_len - prec - 2)
    if other_len + other[2] - 1 < exp:
        other[1] = 1
        other[2] = exp
    tmp[1] *= 10 ** (tmp[2] - other[2])
    tmp[2] = other[2]


def _sqrt_nearest(n, a):
    b = 0
    while a != b:
        b, a = a, a - -n // a >> 1
    return a


def _rshift_nearest(x, shift):
    b, q = 1 << shift, x >> shift
    return q + (2 * (x & b - 1) + (q & 1) > b)


def _div_nearest(a, b):
    q, r = divmod(a, b)
    return q + (2 * r + (q & 1) > b)


def _ilog(x, M, L=8):
    y = x - M
    R = 0
    while (R <= L and abs(y) << L - R >= M) or (R > L and abs(y) >> R - L >= M):
        y = _div_nearest(M * y << 1, M + _sqrt_nearest(M * (M + _rshift_nearest(y, R)), M))
        R += 1
    T = -int(-10 * len(str(M)) // (3 * L))
    yshift = _rshift_nearest(y, R)
    w = _div_nearest(M, T)
    for k in range(T - 1, 0, -1):
        w = _div_nearest(M, k) - _div_nearest(yshift * w, M)
    return _div_nearest(w * y, M)


def _dlog10(c, e, p):
    p += 2
    l = len(str(c))
    f = e + l - (e + l >= 1)
    if p > 0:
        M = 10 ** p
        k = e + p - f
        if k >= 0:
            c *= 10 ** k
        else:
            c = _div_nearest(c, 10 ** -k)
        log_d = _ilog(c, M)
        log_10 = _log10_digits(p)
        log_d = _div_nearest(log_d * M, log_10)
        log_tenpower = f * M
    else:
        log_d = 0
        log_tenpower = _div_nearest(f, 10 ** -p)
    return _div_nearest(log_tenpower + log_d, 100)


def _dlog(c, e, p):
    p += 2
    l = len(str(c))
    f = e + l - (e + l >= 1)
    if p > 0:
        k = e + p - f
        if k >= 0:
            c *= 10 ** k
        else:
            c = _div_nearest(c, 10 ** -k)
        log_d = _ilog(c, 10 ** p)
    else:
        log_d = 0
    if f:
        extra = len(str(abs(f))) - 1
        if p + extra >= 0:
            f_log_ten = _div_nearest(f * _log10_digits(p + extra), 10 ** extra)
        else:
            f_log_ten = 0
    else:
        f_log_ten = 0
    return _div_nearest(f_log_ten + log_d, 100)


_LOG10 = ['23025850929940456840179914546843642076011014886']


def _log10_digits(p):
    # The first p + 1 digits of ln(10), as an int (computed further on demand).
    if p < 0:
        raise ValueError('p should be nonnegative')
    if p >= len(_LOG10[0]):
        extra = 3
        while True:
            M = 10 ** (p + extra + 2)
            digits = str(_div_nearest(_ilog(10 * M, M), 100))
            if digits[-extra:] != '0' * extra:
                break
            extra += 3
        _LOG10[0] = digits.rstrip('0')[:-1]
    return int(_LOG10[0][:p + 1])


def _iexp(x, M, L=8):
    R = _nbits((x << L) // M)
    T = -int(-10 * len(str(M)) // (3 * L))
    y = _div_nearest(x, T)
    Mshift = M << R
    for i in range(T - 1, 0, -1):
        y = _div_nearest(x * (Mshift + y), Mshift * i)
    for k in range(R - 1, -1, -1):
        Mshift = M << k + 2
        y = _div_nearest(y * (y + Mshift), Mshift)
    return M + y


def _dexp(c, e, p):
    p += 2
    extra = max(0, e + len(str(c)) - 1)
    q = p + extra
    shift = e + q
    if shift >= 0:
        cshift = c * 10 ** shift
    else:
        cshift = c // 10 ** -shift
    quot, rem = divmod(cshift, _log10_digits(q))
    rem = _div_nearest(rem, 10 ** extra)
    return (_div_nearest(_iexp(rem, 10 ** p), 1000), quot - p + 3)


# -- format() -------------------------------------------------------------------

def _parse_format_specifier(spec):
    # [[fill]align][sign][z][#][0][width][,|_][.precision][type]
    d = {'fill': None, 'align': None, 'sign': None, 'no_neg_0': False, 'alt': False,
         'zeropad': False, 'minimumwidth': 0, 'thousands_sep': None, 'precision': None,
         'type': None}
    i = 0
    n = len(spec)
    if n >= 2 and spec[1] in '<>=^':
        d['fill'] = spec[0]
        d['align'] = spec[1]
        i = 2
    elif n >= 1 and spec[0] in '<>=^':
        d['align'] = spec[0]
        i = 1
    if i < n and spec[i] in '+- ':
        d['sign'] = spec[i]
        i += 1
    if i < n and spec[i] == 'z':
        d['no_neg_0'] = True
        i += 1
    if i < n and spec[i] == '0':
        d['zeropad'] = True
        i += 1
    j = i
    while j < n and '0' <= spec[j] <= '9':
        j += 1
    if j > i:
        d['minimumwidth'] = int(spec[i:j])
    i = j
    if i < n and spec[i] == ',':
        d['thousands_sep'] = spec[i]
        i += 1
    if i < n and spec[i] == '.':
        j = i + 1
        while j < n and '0' <= spec[j] <= '9':
            j += 1
        if j == i + 1:
            raise ValueError('invalid format string')
        d['precision'] = int(spec[i + 1:j])
        i = j
    if i < n and spec[i] in 'eEfFgGn%':
        d['type'] = spec[i]
        i += 1
    if i != n:
        raise ValueError('invalid format string')
    if d['zeropad'] and (d['fill'] is not None or d['align'] is not None):
        raise ValueError('invalid format string')
    d['fill'] = d['fill'] or ' '
    d['align'] = d['align'] or '>'
    if d['sign'] is None:
        d['sign'] = '-'
    if d['precision'] == 0 and (d['type'] is None or d['type'] in 'gGn'):
        d['precision'] = 1
    if d['type'] == 'n':
        d['type'] = 'g'
        if d['thousands_sep'] is not None:
            raise ValueError('invalid format string')
        d['thousands_sep'] = ''
        d['grouping'] = []
    else:
        if d['thousands_sep'] is None:
            d['thousands_sep'] = ''
        d['grouping'] = [3, 0]
    d['decimal_point'] = '.'
    return d


def _format_align(sign, body, spec):
    minimumwidth = spec['minimumwidth']
    fill = spec['fill']
    padding = fill * (minimumwidth - len(sign) - len(body))
    align = spec['align']
    if align == '<':
        return sign + body + padding
    if align == '>':
        return padding + sign + body
    if align == '=':
        return sign + padding + body
    half = len(padding) // 2
    return padding[:half] + sign + body + padding[half:]


def _insert_thousands_sep(digits, spec, min_width=1):
    sep = spec['thousands_sep']
    grouping = spec['grouping']
    groups = []
    if grouping:
        while True:
            l = min(max(len(digits), min_width, 1), 3)
            groups.append('0' * (l - len(digits)) + digits[-l:])
            digits = digits[:-l]
            min_width -= l
            if not digits and min_width <= 0:
                break
            min_width -= len(sep)
    else:
        l = max(len(digits), min_width, 1)
        groups.append('0' * (l - len(digits)) + digits[-l:])
    groups.reverse()
    return sep.join(groups)


def _format_sign(is_negative, spec):
    if is_negative:
        return '-'
    if spec['sign'] in ' +':
        return spec['sign']
    return ''


def _format_number(is_negative, intpart, fracpart, exp, spec):
    sign = _format_sign(is_negative, spec)
    if fracpart or spec['alt']:
        fracpart = spec['decimal_point'] + fracpart
    if exp != 0 or spec['type'] in 'eE':
        echar = {'E': 'E', 'e': 'e', 'G': 'E', 'g': 'e'}[spec['type']]
        fracpart += echar + '%+d' % exp
    if spec['type'] == '%':
        fracpart += '%'
    if spec['zeropad']:
        min_width = spec['minimumwidth'] - len(fracpart) - len(sign)
    else:
        min_width = 0
    intpart = _insert_thousands_sep(intpart, spec, min_width)
    return _format_align(sign, intpart + fracpart, spec)


# -- module constants -----------------------------------------------------------

DecimalTuple = None  # a namedtuple, made by the first as_tuple() (collections loads then)
_DEFAULTS = (28, ROUND_HALF_EVEN, -999999, 999999, 1, 0)
DefaultContext = None
DefaultContext = Context(traps=[DivisionByZero, Overflow, InvalidOperation], flags=[])
BasicContext = Context(prec=9, rounding=ROUND_HALF_UP,
                       traps=[DivisionByZero, Overflow, InvalidOperation, Clamped, Underflow],
                       flags=[])
ExtendedContext = Context(prec=9, rounding=ROUND_HALF_EVEN, traps=[], flags=[])

_Infinity = Decimal('Inf')
_NegativeInfinity = Decimal('-Inf')
_NaN = Decimal('NaN')
_Zero = Decimal(0)
_One = Decimal(1)
_NegativeOne = Decimal(-1)
_SignedInfinity = (_Infinity, _NegativeInfinity)
_c = _n = _a = _k = None
