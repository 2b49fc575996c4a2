"""secrets: CPython 3.11's API over os.urandom (the sandbox's entropy source).
token_bytes, token_hex, token_urlsafe, choice, randbelow, randbits,
compare_digest, DEFAULT_ENTROPY; SystemRandom is random.SystemRandom.
"""
import _wasmbox
import binascii as _binascii

_urandom = _wasmbox.builtin('os')  # not the os overlay: nothing else is needed
# ... except in the browser build (web/), whose os has no urandom.
_urandom = _urandom.urandom if hasattr(_urandom, 'urandom') else __import__('os').urandom
_wasmbox = None

DEFAULT_ENTROPY = 32


def token_bytes(nbytes=None):
    if nbytes is None:
        nbytes = DEFAULT_ENTROPY
    return _urandom(nbytes)


def token_hex(nbytes=None):
    return _binascii.hexlify(token_bytes(nbytes)).decode()


def token_urlsafe(nbytes=None):
    tok = _binascii.b2a_base64(token_bytes(nbytes)).decode()
    return tok.rstrip('\n').rstrip('=').replace('+', '-').replace('/', '_')


def randbits(k):
    if k < 0:
        raise ValueError('number of bits must be non-negative')
    if not k:
        return 0
    n = (k + 7) // 8
    return int.from_bytes(_urandom(n), 'big') >> (8 * n - k)


def randbelow(exclusive_upper_bound):
    if exclusive_upper_bound <= 0:
        raise ValueError('Upper bound must be positive.')
    k = len(bin(exclusive_upper_bound)) - 2
    r = randbits(k)
    while r >= exclusive_upper_bound:
        r = randbits(k)
    return r


def choice(seq):
    if not len(seq):
        raise IndexError('Cannot choose from an empty sequence')
    return seq[randbelow(len(seq))]


def compare_digest(a, b):
    if isinstance(a, str) and isinstance(b, str):
        if any(ord(c) > 127 for c in a) or any(ord(c) > 127 for c in b):
            raise TypeError('comparing strings with non-ASCII characters is not supported')
        a = a.encode()
        b = b.encode()
    else:
        buf_a = isinstance(a, (bytes, bytearray, memoryview))
        buf_b = isinstance(b, (bytes, bytearray, memoryview))
        if not buf_a and not buf_b:
            raise TypeError("unsupported operand types(s) or combination of types: '%s' and '%s'"
                            % (type(a).__name__, type(b).__name__))
        if not buf_a or not buf_b:
            raise TypeError("a bytes-like object is required, not '%s'"
                            % type(b if buf_a else a).__name__)
    # Looks at every byte whatever differs first (no early exit).
    r = len(a) ^ len(b)
    if len(a) != len(b):
        b = a
    for x, y in zip(a, b):
        r |= x ^ y
    return r == 0


def __getattr__(name):
    if name == 'SystemRandom':
        from random import SystemRandom
        return SystemRandom
    raise AttributeError("module 'secrets' has no attribute '%s'" % name)
