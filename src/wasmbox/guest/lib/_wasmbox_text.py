# _wasmbox_text: CPython's formatting of numbers and text, for wasmbox.
#
# The runtime (_wasmbox_rt) imports this module only when its fast paths do
# not apply. MicroPython formats floats from inexact float arithmetic (ties
# round the wrong way: '%.2f' % 0.125 gives '0.13'; digits past the 16th come
# out as zeros; large values switch to exponents), pads and truncates strings
# by bytes instead of characters, and has no ',' grouping for floats, no 'c'
# beyond 255, no '{0.attr}' or '{0[key]}' fields. Here every float is
# formatted from its exact binary value (math.frexp and integer arithmetic),
# so the digits are CPython's, and the format-spec mini-language follows
# CPython 3.11 (Objects/stringlib/unicode_format.h, Python/formatter_unicode.c)
# including its error messages.
#
# Entry points: fmt(value, spec) (format()), vformat(template, args, kwargs)
# (str.format, format_map), percent(template, args) ('%.2f' % x),
# repr_float(x), round_float(x, n), float_hex(x), float_fromhex(s),
# fix_out(text) (what MicroPython printed, with CPython's float reprs and
# printable non-ASCII characters unescaped), codec(obj, 'encode' or 'decode',
# encoding, errors).
from math import frexp, ldexp, log10

_SPECS = {}


def _spec(spec):
    p = _SPECS.get(spec)
    if p is None:
        p = _parse(spec)
        if len(_SPECS) > 256:
            _SPECS.clear()
        _SPECS[spec] = p
    return p


def _parse(spec):
    # -> [fill, align, sign, z, alt, width, group, prec, type, error]
    fill = ''
    align = ''
    sign = ''
    z = alt = False
    width = 0
    group = ''
    prec = -1
    n = len(spec)
    i = 0
    if n >= 2 and spec[1] in '<>=^':
        fill = spec[0]
        align = spec[1]
        i = 2
    elif n >= 1 and spec[0] in '<>=^':
        align = spec[0]
        i = 1
    if i < n and spec[i] in '+- ':
        sign = spec[i]
        i += 1
    if i < n and spec[i] == 'z':
        z = True
        i += 1
    if i < n and spec[i] == '#':
        alt = True
        i += 1
    zero = False
    if not fill and i < n and spec[i] == '0':
        zero = True
        i += 1
    j = i
    while i < n and '0' <= spec[i] <= '9':
        i += 1
    if i > j:
        width = int(spec[j:i])
    if i < n and spec[i] in ',_':
        group = spec[i]
        i += 1
        if i < n and spec[i] in ',_':
            raise ValueError("Cannot specify both ',' and '_'.")
    if i < n and spec[i] == '.':
        i += 1
        j = i
        while i < n and '0' <= spec[i] <= '9':
            i += 1
        if i == j:
            raise ValueError('Format specifier missing precision')
        prec = int(spec[j:i])
    error = n - i > 1
    typ = spec[i] if i < n else ''
    return [fill, align, sign, z, alt, zero, width, group, prec, typ, error]


def _bad(spec, value):
    raise ValueError("Invalid format specifier '%s' for object of type '%s'"
                     % (spec, type(value).__name__))


def _unknown(typ, value):
    raise ValueError("Unknown format code '%s' for object of type '%s'"
                     % (typ, type(value).__name__))


def _group(digits, sep, size):
    n = len(digits)
    if n <= size:
        return digits
    first = n % size or size
    out = [digits[:first]]
    for i in range(first, n, size):
        out.append(digits[i:i + size])
    return sep.join(out)


def _layout(sp, sign, prefix, digits, rest, sep, size):
    # sign + prefix + digits (grouped) + rest, padded per the spec. With '0'
    # padding the grouping runs through the zeros, as in CPython.
    fill, align, width = sp[0], sp[1], sp[6]
    if sp[5]:
        if not fill:
            fill = '0'
        if not align:
            align = '='
    if not fill:
        fill = ' '
    if not align:
        align = '>'
    if align == '=' and fill == '0' and width:
        need = width - len(sign) - len(prefix) - len(rest)
        if sep:
            n = len(digits)
            m = need - need // (size + 1)
            if m < n:
                m = n
            while m + (m - 1) // size < need:
                m += 1
            digits = _group('0' * (m - n) + digits, sep, size)
        elif need > len(digits):
            digits = '0' * (need - len(digits)) + digits
        return sign + prefix + digits + rest
    if sep:
        digits = _group(digits, sep, size)
    body = prefix + digits + rest
    pad = width - len(sign) - len(body)
    if pad <= 0:
        return sign + body
    if align == '=':
        return sign + prefix + fill * pad + digits + rest
    if align == '<':
        return sign + body + fill * pad
    if align == '^':
        left = pad // 2
        return fill * left + sign + body + fill * (pad - left)
    return fill * pad + sign + body


def _sign(neg, sign):
    if neg:
        return '-'
    return '' if sign in ('', '-') else sign


# -- exact decimal digits of floats ------------------------------------------------

def _split(x):
    # x finite and > 0 -> (M, E) with x == M * 2**E exactly.
    m, e = frexp(x)
    M = int(m * 9007199254740992.0)
    E = e - 53
    if E < -1074:
        M >>= -1074 - E
        E = -1074
    return M, E


def _scaled(M, E, p):
    # M * 2**E * 10**p rounded half-to-even to an integer.
    num = M
    den = 1
    if E >= 0:
        num <<= E
    else:
        den <<= -E
    if p >= 0:
        num *= 10 ** p
    else:
        den *= 10 ** -p
    if den == 1:
        return num
    q, r = divmod(num, den)
    r += r
    if r > den or (r == den and q & 1):
        q += 1
    return q


def _below_pow10(M, E, k):
    # M * 2**E < 10**k ?
    a = M
    b = 1
    if E >= 0:
        a <<= E
    else:
        b <<= -E
    if k >= 0:
        b *= 10 ** k
    else:
        a *= 10 ** -k
    return a < b


def _sci(x, M, E, P):
    # (N, k): N has P + 1 digits and x ~ N * 10**(k - P), rounded half-to-even.
    k = int(log10(x) // 1)
    while _below_pow10(M, E, k):
        k -= 1
    while not _below_pow10(M, E, k + 1):
        k += 1
    N = _scaled(M, E, P - k)
    if N >= 10 ** (P + 1):  # rounded up to the next power of ten
        N //= 10
        k += 1
    return N, k


def _exact(N, s, M, E):
    # Does the decimal N * 10**s read back as the float M * 2**E?
    a = N
    b = M
    u = 1
    if s >= 0:
        a *= 10 ** s
    else:
        t = 10 ** -s
        b *= t
        u = t
    if E >= 0:
        b <<= E
        u <<= E
    else:
        a <<= -E
    d = a - b
    if d < 0:
        d = -d
        if M == 4503599627370496 and E > -1074:
            d += d  # the float below is only half an ulp away
    d += d
    return d < u or (d == u and not M & 1)


def _shortest(x):
    # CPython's repr digits: (digits, k) for x > 0, finite.
    M, E = _split(x)
    # 15 significant digits, rounded, are the shortest form whenever that
    # has 15 digits or fewer (an ulp is far below their last digit); not so
    # for subnormals, which have fewer bits: those try every length.
    for P in (14, 15, 16) if M >= 4503599627370496 else range(17):
        N, k = _sci(x, M, E, P)
        if P == 16 or _exact(N, k - P, M, E):
            break
    d = str(N).rstrip('0')
    return d, k


def _render(d, k, exp, alt, prec, upper):
    # Digits d (no trailing zeros needed) with the first one at 10**k.
    # exp: scientific notation; prec: digits wanted after the point
    # (-1: as many as d has).
    if exp:
        tail = d[1:]
        if prec >= 0 and len(tail) < prec:
            tail += '0' * (prec - len(tail))
        s = d[0] + ('.' + tail if tail or alt else '')
        e = 'E' if upper else 'e'
        return s + e + ('-' if k < 0 else '+') + ('%02d' % (k if k >= 0 else -k))
    if k < 0:
        frac = '0' * (-k - 1) + d
        head = '0'
    else:
        head = d[:k + 1]
        if len(head) < k + 1:
            head += '0' * (k + 1 - len(head))
        frac = d[k + 1:]
    if prec >= 0 and len(frac) < prec:
        frac += '0' * (prec - len(frac))
    return head + ('.' + frac if frac or alt else '')


def repr_float(x):
    """CPython's repr() of a float."""
    if x != x:
        return 'nan'
    if x == 0:
        return '-0.0' if str(x)[0] == '-' else '0.0'
    neg = x < 0
    if neg:
        x = -x
    if x == _INF:
        return '-inf' if neg else 'inf'
    d, k = _shortest(x)
    exp = k < -4 or k >= 16
    s = _render(d, k, exp, False, -1, False)
    if not exp and '.' not in s:
        s += '.0'
    return '-' + s if neg else s


_INF = float('inf')
_FLOAT_TYPES = ('', 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%')


_P10 = [1.0, 10.0, 100.0, 1000.0, 1e4, 1e5, 1e6, 1e7, 1e8]


def _fixed(x, p):
    # The digits of x * 10**p rounded half-to-even (x >= 0, finite). Float
    # arithmetic gives them when the product is small and not near a tie.
    if p <= 8:
        y = x * _P10[p]
        if y < 1e8:
            f = y % 1.0
            if f < 0.4999999 or f > 0.5000001:
                return str(int(y + 0.5))
    M, E = _split(x)
    return str(_scaled(M, E, p))


def _sci_digits(x, P):
    # (d, k): the P + 1 significant digits of x > 0 (finite), rounded
    # half-to-even, the first at 10**k.
    k = int(log10(x) // 1)
    if P <= 7 and -290 < P - k < 290:
        y = x * 10.0 ** (P - k)
        if 10 ** P <= y < 10 ** (P + 1) - 1:
            f = y % 1.0
            if f < 0.499999 or f > 0.500001:
                return str(int(y + 0.5)), k
    M, E = _split(x)
    N, k = _sci(x, M, E, P)
    return str(N), k


def _split_body(s):
    # '1234.5e+05' -> ('1234', '.5e+05')
    i = 0
    n = len(s)
    while i < n and '0' <= s[i] <= '9':
        i += 1
    return s[:i], s[i:]


def _float_body(x, typ, prec, alt):
    # x >= 0, finite: (integer digits, the rest) of x formatted per typ/prec.
    if typ in ('f', 'F', '%'):
        p = 6 if prec < 0 else prec
        d = '0' * (p + 1) if x == 0 else _fixed(x, p)
        if len(d) <= p:
            d = '0' * (p + 1 - len(d)) + d
        if not p:
            return d, '.' if alt else ''
        return d[:len(d) - p], '.' + d[len(d) - p:]
    upper = typ in ('E', 'G')
    if typ in ('e', 'E'):
        p = 6 if prec < 0 else prec
        if x == 0:
            return _split_body(_render('0', 0, True, alt, p, upper))
        d, k = _sci_digits(x, p)
        return d[0], _render(d, k, True, alt, p, upper)[1:]
    # 'g', 'G', 'n' and '' (no type)
    if typ == '' and prec < 0:
        if x == 0:
            return '0', '.0'
        r = repr(x)
        if len(r) >= 17:
            r = repr_float(x)
        elif alt and '.' not in r:
            r = r.replace('e', '.e')
        return _split_body(r)
    P = 6 if prec < 0 else (prec or 1)
    if x == 0:
        d = '0'
        k = 0
    else:
        d, k = _sci_digits(x, P - 1)
    if not alt:
        d = d.rstrip('0') or '0'
    limit = P - 1 if typ == '' else P
    exp = k < -4 or k >= limit
    want = -1
    if alt:
        want = P - 1 if exp else P - 1 - k
    s = _render(d, k, exp, alt, want, upper)
    if typ == '' and not exp and '.' not in s:
        s += '.0'
    return _split_body(s)


def _grouped_fixed(x, sp):
    # ',.2f' and the like, when float arithmetic gives the digits (see _fixed):
    # MicroPython groups ints right, so one native format does it. None if not.
    p = sp[8]
    if p < 0:
        p = 6
    if p > 8 or sp[3] or sp[4] or sp[5] or sp[0] == '0' or sp[1] == '=':
        return None
    y = x * _P10[p]
    if not -1e8 < y < 1e8:
        return None
    f = y % 1.0
    if 0.4999999 <= f <= 0.5000001:
        return None
    q = int(y + 0.5) if y >= 0 else -int(-y + 0.5)
    neg = y < 0 or (y == 0 and str(x)[0] == '-')
    if neg:
        q = -q
    sign = '-' if neg else ('' if sp[2] in ('', '-') else sp[2])
    d = 10 ** p
    t = '%s{:%s}%s' % (sign, sp[7], ('.{:0%dd}' % p) if p else '')
    s = t.format(q // d, q % d) if p else t.format(q)
    if sp[9] == '%':
        s += '%'
    pad = sp[6] - len(s)
    if pad <= 0:
        return s
    fill = sp[0] or ' '
    if sp[1] == '<':
        return s + fill * pad
    if sp[1] == '^':
        return fill * (pad // 2) + s + fill * (pad - pad // 2)
    return fill * pad + s


def _ffloat(x, sp, spec):
    typ = sp[9]
    if typ not in _FLOAT_TYPES:
        _unknown(typ, x)
    group = sp[7]
    if typ == '%':
        x = x * 100.0
    if group and (typ == 'f' or typ == 'F' or typ == '%') and x - x == 0:
        s = _grouped_fixed(x, sp)
        if s is not None:
            return s
    neg = x < 0 or (x == 0 and str(x)[0] == '-')
    if neg:
        x = -x
    if x != x or x == _INF:
        head = 'nan' if x != x else 'inf'
        if typ in ('E', 'F', 'G'):
            head = head.upper()
        neg = neg and x == x
        rest = ''
        group = ''
    else:
        head, rest = _float_body(x, typ, sp[8], sp[4])
        if sp[3] and neg and not (head.strip('0') or rest.split('e')[0].split('E')[0].strip('0.')):
            neg = False  # 'z': no negative zero after rounding
    if typ == '%':
        rest += '%'
    return _layout(sp, _sign(neg, sp[2]), '', head, rest, group, 3)


def _fint(v, sp, spec):
    typ = sp[9]
    if typ in _FLOAT_TYPES and typ not in ('', 'n'):
        return _ffloat(int_to_float(v), sp, spec)
    if typ not in ('', 'd', 'n', 'x', 'X', 'o', 'b', 'c'):
        _unknown(typ, v)
    if sp[8] >= 0:
        raise ValueError('Precision not allowed in integer format specifier')
    if sp[3]:
        raise ValueError('Negative zero coercion (z) not allowed in integer format specifier')
    v = int(v)
    group = sp[7]
    size = 4 if typ in ('b', 'x', 'X', 'o') else 3
    if typ == 'c':
        if sp[2]:
            raise ValueError('Sign not allowed with integer format specifier \'c\'')
        if sp[4]:
            raise ValueError("Alternate form (#) not allowed with integer format specifier 'c'")
        if not -9223372036854775808 <= v < 9223372036854775808:
            raise OverflowError('Python int too large to convert to C long')
        if not 0 <= v < 0x110000:
            raise OverflowError('%c arg not in range(0x110000)')
        return _layout(sp, '', '', '', chr(v), '', 3)
    neg = v < 0
    if neg:
        v = -v
    prefix = ''
    if typ in ('', 'd', 'n'):
        digits = str(v)
    elif typ == 'x' or typ == 'X':
        digits = '%x' % v
        if typ == 'X':
            digits = digits.upper()
        prefix = '0' + typ if sp[4] else ''
    elif typ == 'o':
        digits = '%o' % v
        prefix = '0o' if sp[4] else ''
    else:
        digits = bin(v)[2:]
        prefix = '0b' if sp[4] else ''
    return _layout(sp, _sign(neg, sp[2]), prefix, digits, '', group, size)


def _fstr(s, sp, spec):
    typ = sp[9]
    if typ not in ('', 's'):
        _unknown(typ, s)
    if sp[2]:
        raise ValueError('%s not allowed in string format specifier'
                         % ('Space' if sp[2] == ' ' else 'Sign'))
    if sp[3]:
        raise ValueError('Negative zero coercion (z) not allowed in string format specifier')
    if sp[4]:
        raise ValueError('Alternate form (#) not allowed in string format specifier')
    if sp[1] == '=':
        raise ValueError("'=' alignment not allowed in string format specifier")
    if sp[8] >= 0:
        s = s[:sp[8]]
    fill = sp[0] or ('0' if sp[5] else ' ')
    pad = sp[6] - len(s)
    if pad <= 0:
        return s
    align = sp[1] or '<'
    if align == '<':
        return s + fill * pad
    if align == '>':
        return fill * pad + s
    left = pad // 2
    return fill * left + s + fill * (pad - left)


def fmt(v, spec):
    """format(v, spec) as CPython computes it."""
    t = type(v)
    if t is not float and t is not int and t is not str and t is not bool:
        f = getattr(t, '__format__', None)
        if f is not None:
            return f(v, spec)
    if not spec:
        return repr(v) if t is float else __wb_str(v)  # noqa: F821 - the runtime's str()
    if isinstance(v, complex):
        return ('{:' + spec + '}').format(v)
    isint = t is bool or isinstance(v, int)
    if not (isint or isinstance(v, (float, str))):
        raise TypeError('unsupported format string passed to %s.__format__' % t.__name__)
    sp = _spec(spec)
    if sp[10]:
        _bad(spec, v)
    group = sp[7]
    if group:
        # CPython checks the grouping against the type (str: 's', int: 'd'
        # when none is given) before anything else.
        typ = sp[9] or ('s' if isinstance(v, str) else 'd' if isint else '')
        if not (typ in _GROUPED or (group == '_' and typ in ('b', 'o', 'x', 'X'))):
            raise ValueError("Cannot specify '%s' with '%s'." % (group, typ))
    if isinstance(v, float):
        if not (sp[2] or sp[3] or sp[4] or sp[5] or sp[7] or sp[9]) and sp[8] < 0 and sp[1] != '=':
            # '{:>10}': the repr, padded (MicroPython would use 6 digits)
            r = repr(float(v))
            pad = sp[6] - len(r)
            if pad <= 0:
                return r
            fill = sp[0] or ' '
            if sp[1] == '<':
                return r + fill * pad
            if sp[1] == '^':
                return fill * (pad // 2) + r + fill * (pad - pad // 2)
            return fill * pad + r
        return _ffloat(float(v), sp, spec)
    if isint:
        return _fint(v, sp, spec)
    return _fstr(str(v), sp, spec)


_GROUPED = ('', 'd', 'e', 'f', 'g', 'E', 'G', '%', 'F')




# -- str.format ------------------------------------------------------------------

_PLANS = {}


def _plan(template):
    # The template cut into literal text and fields:
    # [text, (name, conversion, spec), text, ...].
    out = []
    lit = []
    i = 0
    n = len(template)
    while i < n:
        c = template[i]
        if c == '}':
            if template[i + 1:i + 2] == '}':
                lit.append('}')
                i += 2
                continue
            raise ValueError("Single '}' encountered in format string")
        if c != '{':
            j = i
            while i < n and template[i] not in '{}':
                i += 1
            lit.append(template[j:i])
            continue
        if template[i + 1:i + 2] == '{':
            lit.append('{')
            i += 2
            continue
        # A field: find its end, counting nested braces (in the spec).
        depth = 1
        j = i + 1
        while j < n:
            c = template[j]
            if c == '{':
                depth += 1
            elif c == '}':
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if j >= n:
            if template.find('}', i) < 0:
                raise ValueError("Single '{' encountered in format string")
            raise ValueError("expected '}' before end of string")
        body = template[i + 1:j]
        i = j + 1
        # name [!conv] [:spec]; '!' and ':' inside [...] belong to the name
        k = 0
        m = len(body)
        while k < m and body[k] not in '!:':
            if body[k] == '[':
                k = body.find(']', k)
                if k < 0:
                    raise ValueError("Missing ']' in format string")
            k += 1
        name = body[:k]
        conv = None
        spec = ''
        if k < m and body[k] == '!':
            if k + 1 >= m:
                raise ValueError('end of string while looking for conversion specifier')
            conv = body[k + 1]
            k += 2
            if k < m and body[k] != ':':
                raise ValueError('expected \':\' after conversion specifier')
        if k < m:
            spec = body[k + 1:]
        out.append(''.join(lit))
        lit = []
        out.append((name, conv, spec))
    out.append(''.join(lit))
    return out


def _get(args, kwargs, name, auto, mapping):
    # The value a field name refers to; auto is [next automatic index, mode].
    i = 0
    n = len(name)
    while i < n and name[i] not in '.[':
        i += 1
    first = name[:i]
    if first == '':
        if auto[1] == 'manual':
            raise ValueError('cannot switch from manual field specification to '
                             'automatic field numbering')
        auto[1] = 'auto'
        key = auto[0]
        auto[0] += 1
    elif first.isdigit():
        if auto[1] == 'auto':
            raise ValueError('cannot switch from automatic field numbering to '
                             'manual field specification')
        auto[1] = 'manual'
        key = int(first)
    else:
        key = first
    if isinstance(key, int):
        if mapping is not None:
            raise ValueError('Format string contains positional fields')
        if key >= len(args):
            raise IndexError('Replacement index %d out of range for positional args tuple'
                             % key)
        v = args[key]
    elif mapping is not None:
        try:
            v = mapping[key]
        except KeyError:
            miss = getattr(type(mapping), '__missing__', None)
            if miss is None:
                raise
            v = miss(mapping, key)
    else:
        v = kwargs[key]
    while i < n:
        if name[i] == '.':
            j = i + 1
            while j < n and name[j] not in '.[':
                j += 1
            attr = name[i + 1:j]
            if not attr:
                raise ValueError('Empty attribute in format string')
            v = getattr(v, attr)
            i = j
        elif name[i] == '[':
            j = name.find(']', i)
            if j < 0:
                raise ValueError("Missing ']' in format string")
            key = name[i + 1:j]
            if not key:
                raise ValueError('Empty attribute in format string')
            v = v[int(key)] if key.isdigit() else v[key]
            i = j + 1
            if i < n and name[i] not in '.[':
                raise ValueError('Only \'.\' or \'[\' may follow \']\' in format field specifier')
        else:
            raise ValueError('Only \'.\' or \'[\' may follow \']\' in format field specifier')
    return v


def _convert(v, conv):
    if conv is None:
        return v
    if conv == 'r':
        return repr(v)
    if conv == 's':
        return str(v)
    if conv == 'a':
        return ascii(v)
    raise ValueError("Unknown conversion specifier %s" % conv)


def vformat(template, args, kwargs, mapping=None):
    """template.format(*args, **kwargs), or template.format_map(mapping)."""
    plan = _PLANS.get(template)
    if plan is None:
        plan = _plan(template)
        if len(_PLANS) > 256:
            _PLANS.clear()
        _PLANS[template] = plan
    auto = [0, '']
    out = []
    for part in plan:
        if type(part) is str:
            out.append(part)
            continue
        name, conv, spec = part
        if name == '' and mapping is None and auto[1] != 'manual' and auto[0] < len(args):
            auto[1] = 'auto'  # '{}' / '{:spec}': the next positional argument
            v = args[auto[0]]
            auto[0] += 1
        else:
            v = _get(args, kwargs, name, auto, mapping)
        if conv is not None:
            v = _convert(v, conv)
        if '{' in spec:
            # Nested fields in the spec, e.g. '{:{width}.{prec}f}' (one level).
            sub = []
            for q in _plan(spec):
                if type(q) is str:
                    sub.append(q)
                else:
                    sub.append(fmt(_convert(_get(args, kwargs, q[0], auto, mapping), q[1]),
                                   q[2]))
            spec = ''.join(sub)
        out.append(fmt(v, spec))
    return ''.join(out)


# -- numbers ---------------------------------------------------------------------

def _bits(n):
    return len(bin(n)) - 2


def _from_ratio(num, den):
    # The float nearest to num / den (both > 0), ties to even.
    e = _bits(num) - _bits(den) - 53
    for _ in range(3):
        if e < -1074:
            e = -1074
        if e >= 0:
            d = den << e
            q, r = divmod(num, d)
        else:
            d = den
            q, r = divmod(num << -e, d)
        if q >= 9007199254740992:
            e += 1
        elif q < 4503599627370496 and e > -1074:
            e -= 1
        else:
            break
    r += r
    if r > d or (r == d and q & 1):
        q += 1
    if e > 971 or (e == 971 and q == 9007199254740992):
        raise OverflowError('int too large to convert to float')
    return ldexp(float(q), e)


def int_to_float(n):
    """float(n), correctly rounded (MicroPython's is not, past 2**53)."""
    n = int(n)
    if -9007199254740992 <= n <= 9007199254740992:
        return float(n)
    r = _from_ratio(-n if n < 0 else n, 1)
    return -r if n < 0 else r


def round_float(x, n):
    """round(x, n) for a float x: the exact value rounded half-to-even."""
    if x != x or x == _INF or x == -_INF or x == 0:
        return x
    neg = x < 0
    a = -x if neg else x
    if n > 330:
        return x
    if n < -330:
        return -0.0 if neg else 0.0
    M, E = _split(a)
    N = _scaled(M, E, n)
    if n >= 0:
        if N >= 9007199254740992:
            return x  # x has no digits that far down: it is its own rounding
        if N == 0:
            return -0.0 if neg else 0.0
        # N / 10**n is correctly rounded when both are exact doubles.
        r = N / (10 ** n) if n <= 22 else _from_ratio(N, 10 ** n)
    else:
        if N == 0:
            return -0.0 if neg else 0.0
        r = int_to_float(N * 10 ** -n)
    return -r if neg else r


def float_hex(x):
    if x != x:
        return 'nan'
    if x == _INF:
        return 'inf'
    if x == -_INF:
        return '-inf'
    sign = '-' if x < 0 or (x == 0 and str(x)[0] == '-') else ''
    if x == 0:
        return sign + '0x0.0p+0'
    M, E = _split(-x if x < 0 else x)
    if M < 4503599627370496:  # subnormal: 0x0.<hex>p-1022
        return sign + '0x0.%013xp-1022' % (M)
    return sign + '0x1.%013xp%+d' % (M - 4503599627370496, E + 52)


def float_fromhex(s):
    t = s.strip().lower()
    neg = t[:1] == '-'
    if t[:1] in '+-':
        t = t[1:]
    if t in ('inf', 'infinity'):
        return -_INF if neg else _INF
    if t == 'nan':
        return float('nan')
    if t[:2] == '0x':
        t = t[2:]
    exp = 0
    if 'p' in t:
        t, _, e = t.partition('p')
        try:
            exp = int(e)
        except ValueError:
            raise ValueError('invalid hexadecimal floating-point string')
    whole, _, frac = t.partition('.')
    digits = whole + frac
    if not digits:
        raise ValueError('invalid hexadecimal floating-point string')
    try:
        m = int(digits, 16)
    except ValueError:
        raise ValueError('invalid hexadecimal floating-point string')
    exp -= 4 * len(frac)
    if m == 0:
        return -0.0 if neg else 0.0
    top = exp + _bits(m)  # the value is below 2**top, at least 2**(top - 1)
    if top > 1025:
        raise OverflowError('hexadecimal value too large to represent as a float')
    if top < -1076:
        return -0.0 if neg else 0.0
    try:
        r = _from_ratio(m << exp, 1) if exp >= 0 else _from_ratio(m, 1 << -exp)
    except OverflowError:
        raise OverflowError('hexadecimal value too large to represent as a float')
    return -r if neg else r


# -- printed text -------------------------------------------------------------------

def _digits_in(tok):
    n = 0
    for c in tok:
        if c == 101 or c == 69:
            break
        if 48 <= c <= 57:
            n += 1
    return n


def fix_out(r):
    """Text MicroPython printed, as CPython prints it. In quoted str literals,
    escapes of printable non-ASCII characters are undone (MicroPython escapes
    every non-ASCII character; bytes literals keep theirs). Outside quotes,
    floats printed with 16 or more digits are printed again, shortest (they
    are MicroPython's inexact reprs: 0.07 shows as 0.07000000000000001).
    Works on the UTF-8 bytes: MicroPython indexes a str from its start."""
    b = r.encode()
    out = []
    i = 0
    n = len(b)
    quote = 0
    is_bytes = False
    start = 0
    printable = None
    while i < n:
        c = b[i]
        if quote:
            if c == 92:  # a backslash
                nxt = b[i + 1] if i + 1 < n else 0
                size = 4 if nxt == 120 else 6 if nxt == 117 else 10 if nxt == 85 else 0
                if size and not is_bytes:
                    try:
                        o = int(b[i + 2:i + size].decode(), 16)
                    except ValueError:
                        o = -1
                    if o >= 0xa0:
                        if printable is None:
                            from _wasmbox_ucd import printable
                        if printable(o):
                            out.append(b[start:i])
                            out.append(chr(o).encode())
                            i += size
                            start = i
                            continue
                i += 2
                continue
            if c == quote:
                quote = 0
            i += 1
            continue
        if c == 39 or c == 34:
            quote = c
            is_bytes = i > 0 and b[i - 1] == 98
            i += 1
            continue
        if 48 <= c <= 57:
            p = b[i - 1] if i else 0
            j = i + 1
            while j < n:
                d = b[j]
                if not (48 <= d <= 57 or d == 46 or d == 101 or d == 69
                        or ((d == 43 or d == 45) and b[j - 1] in (101, 69))):
                    break
                j += 1
            if not (p == 95 or p == 46 or 65 <= p <= 90 or 97 <= p <= 122):
                tok = b[i:j]
                if (46 in tok or 101 in tok) and _digits_in(tok) >= 16:
                    try:
                        v = float(tok.decode())
                    except ValueError:
                        v = None
                    if v is not None:
                        out.append(b[start:i])
                        out.append(repr_float(v).encode())
                        start = j
            i = j
            continue
        i += 1
    if not out:
        return r
    out.append(b[start:])
    return b''.join(out).decode()


fix_repr = fix_out


# -- printf-style formatting: '%.2f' % x ----------------------------------------------

def percent(template, args):
    """template % args as CPython computes it."""
    mapping = None
    if type(args) is tuple:
        items = args
    elif hasattr(args, 'keys') and not isinstance(args, (str, bytes, bytearray)):
        mapping = args
        items = (args,)
    else:
        items = (args,)
    out = []
    i = 0
    n = len(template)
    k = 0
    used_mapping = False
    while True:
        j = template.find('%', i)
        if j < 0:
            out.append(template[i:])
            break
        out.append(template[i:j])
        i = j + 1
        if i >= n:
            raise ValueError('incomplete format')
        key = None
        if template[i] == '(':
            if mapping is None:
                raise TypeError('format requires a mapping')
            depth = 1
            e = i + 1
            while e < n and depth:
                if template[e] == '(':
                    depth += 1
                elif template[e] == ')':
                    depth -= 1
                e += 1
            if depth:
                raise ValueError('incomplete format key')
            key = template[i + 1:e - 1]
            i = e
            used_mapping = True
        flags = ''
        while i < n and template[i] in '-+ #0':
            flags += template[i]
            i += 1
        width = ''
        if i < n and template[i] == '*':
            if k >= len(items):
                raise TypeError('not enough arguments for format string')
            w = items[k]
            k += 1
            if not isinstance(w, int):
                raise TypeError('* wants int')
            if w < 0:
                flags += '-'
                w = -w
            width = str(w)
            i += 1
        else:
            e = i
            while i < n and '0' <= template[i] <= '9':
                i += 1
            width = template[e:i]
        prec = None
        if i < n and template[i] == '.':
            i += 1
            if i < n and template[i] == '*':
                if k >= len(items):
                    raise TypeError('not enough arguments for format string')
                prec = items[k]
                k += 1
                i += 1
            else:
                e = i
                while i < n and '0' <= template[i] <= '9':
                    i += 1
                prec = int(template[e:i] or '0')
        while i < n and template[i] in 'hlL':
            i += 1
        if i >= n:
            raise ValueError('incomplete format')
        conv = template[i]
        i += 1
        if conv == '%':
            out.append('%')
            continue
        if key is not None:
            v = mapping[key]
        else:
            if k >= len(items):
                raise TypeError('not enough arguments for format string')
            v = items[k]
            k += 1
        out.append(_percent1(v, flags, width, prec, conv, i - 1))
    if k < len(items) and not (mapping is not None and (used_mapping or k == 0)):
        raise TypeError('not all arguments converted during string formatting')
    return ''.join(out)


def pct_scales(template):
    """A code per argument of template % args, for the runtime to tell
    whether MicroPython formats it as CPython: 10**precision for %.Nf (a
    float is right unless near a tie), -1 for %d, %i, %u, -2 for %s, %r, %a
    (ASCII strings; floats with a short repr), 0 for the rest (ints only).
    None in place of the tuple for mapping keys, '*' or a malformed template."""
    out = []
    i = 0
    n = len(template)
    while True:
        j = template.find('%', i)
        if j < 0:
            return tuple(out) if out else None
        if j + 1 >= n:
            return None
        i = j + 1
        if template[i] == '%':
            i += 1
            continue
        if template[i] == '(':
            return None
        while i < n and template[i] in '-+ #0123456789':
            i += 1
        prec = 6
        if i < n and template[i] == '.':
            i += 1
            k = i
            while i < n and '0' <= template[i] <= '9':
                i += 1
            prec = int(template[k:i] or '0')
        if i < n and template[i] == '*':
            return None
        c = template[i] if i < n else ''
        i += 1
        if c in ('f', 'F'):
            out.append(10 ** prec if prec <= 8 else 0)
        elif c in ('d', 'i', 'u'):
            out.append(-1)
        elif c in ('s', 'r', 'a'):
            out.append(-2)
        elif c in ('x', 'X', 'o', 'e', 'E', 'g', 'G'):
            out.append(0)
        else:
            return None  # '%c' (an int or a character) or a bad conversion


def _percent1(v, flags, width, prec, conv, pos):
    left = '-' in flags
    if conv in 'sra':
        s = repr(v) if conv == 'r' else ascii(v) if conv == 'a' else __wb_str(v)  # noqa: F821
        if prec is not None:
            s = s[:prec]
        w = int(width or '0')
        if len(s) < w:
            s = s + ' ' * (w - len(s)) if left else ' ' * (w - len(s)) + s
        return s
    if v is True or v is False:
        v = int(v)  # (not an int for MicroPython's isinstance)
    sign = '+' if '+' in flags else ' ' if ' ' in flags else ''
    spec = ('<' if left else '') + sign + ('#' if '#' in flags else '') + (
        '0' if '0' in flags and not left else '') + width
    if conv in 'diu':
        if isinstance(v, float):
            v = int(v)
        elif not isinstance(v, int):
            raise TypeError('%%%s format: a real number is required, not %s'
                            % (conv, type(v).__name__))
        if prec is not None and prec > 0:
            digits = str(-v if v < 0 else v)
            if len(digits) < prec:
                digits = '0' * (prec - len(digits)) + digits
            return fmt(('-' if v < 0 else sign) + digits, ('<' if left else '>') + width)
        return fmt(int(v), spec + 'd')
    if conv in 'xXo':
        if not isinstance(v, int):
            raise TypeError('%%%s format: an integer is required, not %s'
                            % (conv, type(v).__name__))
        return fmt(int(v), spec + conv)
    if conv in 'eEfFgG':
        if not isinstance(v, (int, float)):
            raise TypeError('must be real number, not %s' % type(v).__name__)
        v = float(v) if isinstance(v, float) else int_to_float(v)
        return fmt(v, spec + '.' + str(6 if prec is None else prec) + conv)
    if conv == 'c':
        if isinstance(v, str):
            if len(v) != 1:
                raise TypeError('%c requires int or char')
            c = v
        else:
            c = chr(v)
        return fmt(c, ('<' if left else '>') + width)
    raise ValueError("unsupported format character '%s' (0x%x) at index %d"
                     % (conv, ord(conv), pos))


# -- codecs: str.encode / bytes.decode with an encoding or errors -------------------
# MicroPython knows UTF-8 only, ignores the encoding and errors arguments, and
# raises a bare UnicodeError. Here: utf-8 (and utf-8-sig), ascii, latin-1, with
# the errors handlers strict, ignore, replace, backslashreplace and
# xmlcharrefreplace (encode), and CPython's messages.

_ENC = {'utf8': 'utf-8', 'u8': 'utf-8', 'utf': 'utf-8', 'cp65001': 'utf-8',
        'utf8sig': 'utf-8-sig', 'ascii': 'ascii', 'usascii': 'ascii', '646': 'ascii',
        'latin1': 'latin-1', 'latin': 'latin-1', 'l1': 'latin-1', 'iso88591': 'latin-1',
        '88591': 'latin-1', 'cp819': 'latin-1', 'iso885911987': 'latin-1'}


def _encoding(name):
    key = name.lower().replace('-', '').replace('_', '').replace(' ', '')
    enc = _ENC.get(key)
    if enc is None:
        raise LookupError('unknown encoding: ' + name)
    return enc


def codec(obj, name, encoding='utf-8', errors='strict'):
    enc = _encoding(encoding)
    if name == 'encode':
        if not isinstance(obj, str):
            raise AttributeError("'%s' object has no attribute 'encode'" % type(obj).__name__)
        return _encode(obj, enc, errors)
    if isinstance(obj, str):
        raise AttributeError("'str' object has no attribute 'decode'")
    return _decode(bytes(obj), enc, errors)


def _encode(s, enc, errors):
    if enc == 'utf-8' or enc == 'utf-8-sig':
        b = s.encode()
        return b'\xef\xbb\xbf' + b if enc == 'utf-8-sig' else b
    limit = 128 if enc == 'ascii' else 256
    if len(s) == len(memoryview(s)):
        return s.encode()
    out = bytearray()
    for i in range(len(s)):
        o = ord(s[i])
        if o < limit:
            out.append(o)
        elif errors == 'strict':
            raise UnicodeEncodeError(
                "'%s' codec can't encode character '%s' in position %d: ordinal not in "
                "range(%d)" % (enc, _esc(o), i, limit))
        elif errors == 'replace':
            out.append(63)
        elif errors == 'backslashreplace':
            out.extend(_esc(o).encode())
        elif errors == 'xmlcharrefreplace':
            out.extend(('&#%d;' % o).encode())
        elif errors != 'ignore':
            raise LookupError("unknown error handler name '%s'" % errors)
    return bytes(out)


def _esc(o):
    return '\\x%02x' % o if o < 0x100 else '\\u%04x' % o if o < 0x10000 else '\\U%08x' % o


def _decode(b, enc, errors):
    if enc == 'latin-1':
        return ''.join([chr(x) for x in b])
    if enc == 'ascii':
        for i in range(len(b)):
            if b[i] > 127:
                break
        else:
            return b.decode()
        return _decode_bad(b, enc, errors, _ascii_errors)
    if enc == 'utf-8-sig' and b[:3] == b'\xef\xbb\xbf':
        b = b[3:]
    try:
        return b.decode()
    except UnicodeError:
        return _decode_bad(b, 'utf-8', errors, _utf8_errors)


def _ascii_errors(b):
    # (start, end, reason) of each undecodable run, in order.
    return [(i, i + 1, 'ordinal not in range(128)') for i in range(len(b)) if b[i] > 127]


def _utf8_errors(b):
    out = []
    i = 0
    n = len(b)
    while i < n:
        c = b[i]
        if c < 0x80:
            i += 1
            continue
        if 0xc2 <= c <= 0xdf:
            need, lo, hi = 1, 0x80, 0xbf
        elif c == 0xe0:
            need, lo, hi = 2, 0xa0, 0xbf
        elif 0xe1 <= c <= 0xef:
            need, lo, hi = 2, 0x80, 0x9f if c == 0xed else 0xbf
        elif c == 0xf0:
            need, lo, hi = 3, 0x90, 0xbf
        elif 0xf1 <= c <= 0xf3:
            need, lo, hi = 3, 0x80, 0xbf
        elif c == 0xf4:
            need, lo, hi = 3, 0x80, 0x8f
        else:
            out.append((i, i + 1, 'invalid start byte'))
            i += 1
            continue
        j = i + 1
        bad = ''
        for k in range(need):
            if j >= n:
                bad = 'unexpected end of data'
                break
            d = b[j]
            if not ((lo if k == 0 else 0x80) <= d <= (hi if k == 0 else 0xbf)):
                bad = 'invalid continuation byte'
                break
            j += 1
        if bad:
            out.append((i, j, bad))
        i = j
    return out


def _decode_bad(b, enc, errors, find):
    out = []
    pos = 0
    for start, end, reason in find(b):
        if errors == 'strict':
            if end - start == 1:
                where = 'byte 0x%02x in position %d' % (b[start], start)
            else:
                where = 'bytes in position %d-%d' % (start, end - 1)
            raise UnicodeDecodeError("'%s' codec can't decode %s: %s" % (enc, where, reason))
        out.append(b[pos:start].decode())
        if errors == 'replace':
            out.append('\ufffd')
        elif errors == 'backslashreplace':
            out.append(''.join(['\\x%02x' % x for x in b[start:end]]))
        elif errors == 'surrogateescape':
            out.append(''.join([chr(0xdc00 + x) for x in b[start:end]]))
        elif errors != 'ignore':
            raise LookupError("unknown error handler name '%s'" % errors)
        pos = end
    out.append(b[pos:].decode())
    return ''.join(out)
