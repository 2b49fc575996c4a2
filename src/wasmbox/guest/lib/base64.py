"""base64: b64encode/b64decode (altchars, validate), standard_ and urlsafe_
variants, encodebytes/decodebytes, b32encode/b32decode (casefold, map01),
b32hexencode/b32hexdecode, b16encode/b16decode (casefold), on top of the built-in
binascii. Errors are ValueError (MicroPython has no binascii.Error; CPython's is a
ValueError subclass, so `except ValueError` works in both).
Not supported: a85/b85, encode()/decode() on file objects.
"""
import binascii

_B32 = b'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
_B32H = b'0123456789ABCDEFGHIJKLMNOPQRSTUV'


def _bin(s):
    if isinstance(s, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    return bytes(s)


def _dec(s):
    if isinstance(s, str):
        try:
            return s.encode('ascii')
        except UnicodeError:
            raise ValueError('string argument should contain only ASCII characters')
    return bytes(s)


def b64encode(s, altchars=None):
    r = binascii.b2a_base64(_bin(s), newline=False)
    if altchars is not None:
        r = r.replace(b'+', altchars[0:1]).replace(b'/', altchars[1:2])
    return r


def b64decode(s, altchars=None, validate=False):
    s = _dec(s)
    if altchars is not None:
        a = _dec(altchars)
        s = s.replace(b'+', b'\0').replace(b'/', b'\1')
        s = s.replace(a[0:1], b'+').replace(a[1:2], b'/')
    if validate:
        n = len(s.rstrip(b'='))
        for i in range(len(s)):
            c = s[i]
            if not (c == 43 or 47 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or c == 61 and i >= n):
                raise ValueError('Only base64 data is allowed')
    try:
        return binascii.a2b_base64(s)
    except ValueError:
        raise ValueError('Incorrect padding')


def standard_b64encode(s):
    return b64encode(s)


def standard_b64decode(s):
    return b64decode(s)


def urlsafe_b64encode(s):
    return b64encode(s).replace(b'+', b'-').replace(b'/', b'_')


def urlsafe_b64decode(s):
    return b64decode(_dec(s).replace(b'-', b'+').replace(b'_', b'/'))


def encodebytes(s):
    s = _bin(s)
    return b''.join([binascii.b2a_base64(s[i : i + 57]) for i in range(0, len(s), 57)])


def decodebytes(s):
    return binascii.a2b_base64(_bin(s))


def _b32e(s, alpha):
    s = _bin(s)
    out = []
    for i in range(0, len(s), 5):
        c = s[i : i + 5]
        n = int.from_bytes(c + bytes(5 - len(c)), 'big')
        out.append(bytes([alpha[(n >> k) & 31] for k in range(35, -5, -5)]))
    r = b''.join(out)
    p = (0, 6, 4, 3, 1)[len(s) % 5]
    return r[: len(r) - p] + b'=' * p if p else r


def _b32d(s, alpha, casefold, map01=None):
    s = _dec(s)
    if map01 is not None:
        s = s.replace(b'0', b'O').replace(b'1', _dec(map01)[0:1] or b'L')
    if casefold:
        s = s.upper()
    if len(s) % 8:
        raise ValueError('Incorrect padding')
    b = s.rstrip(b'=')
    p = len(s) - len(b)
    if p not in (0, 1, 3, 4, 6):
        raise ValueError('Incorrect padding')
    out = []
    b += bytes([alpha[0]]) * p
    for i in range(0, len(b), 8):
        n = 0
        for c in b[i : i + 8]:
            v = alpha.find(bytes([c]))
            if v < 0:
                raise ValueError('Non-base32 digit found')
            n = n << 5 | v
        out.append(n.to_bytes(5, 'big'))
    r = b''.join(out)
    return r[: len(r) - (0, 1, 0, 2, 3, 0, 4)[p]] if p else r


def b32encode(s):
    return _b32e(s, _B32)


def b32decode(s, casefold=False, map01=None):
    return _b32d(s, _B32, casefold, map01)


def b32hexencode(s):
    return _b32e(s, _B32H)


def b32hexdecode(s, casefold=False):
    return _b32d(s, _B32H, casefold)


def b16encode(s):
    return binascii.hexlify(_bin(s)).upper()


def b16decode(s, casefold=False):
    s = _dec(s)
    if casefold:
        s = s.upper()
    for c in s:
        if not (48 <= c <= 57 or 65 <= c <= 70):
            raise ValueError('Non-base16 digit found')
    return binascii.unhexlify(s)
