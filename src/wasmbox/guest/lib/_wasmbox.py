# Helpers shared by the overlay modules in /lib (guest code: runs in MicroPython).
import sys


def builtin(name):
    """The built-in MicroPython module `name`, even when an overlay file shadows it."""
    saved = sys.path
    sys.path = []
    try:
        mod = sys.modules.pop(name, None)
        try:
            return __import__(name)
        finally:
            if mod is not None:
                sys.modules[name] = mod
    finally:
        sys.path = saved


def bit_length(n):
    return len(bin(n)) - 2 if n > 0 else (len(bin(n)) - 3 if n else 0)


def div_float(n, d):
    """n / d for ints, correctly rounded (MicroPython divides big ints through floats)."""
    if d < 0:
        n, d = -n, -d
    if -9007199254740992 <= n <= 9007199254740992 and d <= 9007199254740992:
        return n / d
    s = -1.0 if n < 0 else 1.0
    n = abs(n)
    sh = 55 - (bit_length(n) - bit_length(d))
    if sh >= 0:
        q, r = divmod(n << sh, d)
    else:
        q, r = divmod(n, d << -sh)
    x = bit_length(q) - 53
    lo = q & ((1 << x) - 1)
    q >>= x
    h = 1 << (x - 1)
    if lo > h or lo == h and (r or q & 1):
        q += 1
    import math
    return s * math.ldexp(float(q), x - sh)
