"""hashlib: the built-in sha256 (C) plus pure-Python md5, sha1, sha224, sha384,
sha512 (loaded on first use; about 100-300 KB/s), all with update, digest,
hexdigest, copy, name, digest_size, block_size; new(name, data).
sha256: copy(), and update() after digest(), work for the first 1 MiB of data.
Not supported: blake2, sha3, shake, pbkdf2_hmac, scrypt, file_digest.
"""
import _wasmbox

_h = _wasmbox.builtin('hashlib')
algorithms_guaranteed = {'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'}
algorithms_available = algorithms_guaranteed
_L = None


class sha256:
    name = 'sha256'
    digest_size = 32
    block_size = 64

    def __init__(self, data=b'', **kw):
        self._h = _h.sha256()
        self._k = []  # the data so far (up to 1 MiB): the built-in cannot copy
        self._n = 0
        self._d = None
        if data:
            self.update(data)

    def update(self, data):
        if isinstance(data, str):
            raise TypeError('Strings must be encoded before hashing')
        data = bytes(data)
        if self._d is not None:
            if self._k is None:
                raise ValueError('sha256: update() after digest() past 1 MiB')
            self._h = _h.sha256()
            for c in self._k:
                self._h.update(c)
            self._d = None
        self._h.update(data)
        if self._k is not None:
            self._n += len(data)
            if self._n > 1 << 20:
                self._k = None
            else:
                self._k.append(data)

    def digest(self):
        if self._d is None:
            self._d = self._h.digest()
        return self._d

    def hexdigest(self):
        return self.digest().hex()

    def copy(self):
        if self._k is None:
            raise ValueError('sha256: copy() past 1 MiB of data')
        c = sha256()
        for x in self._k:
            c.update(x)
        return c


def new(name, data=b'', **kw):
    n = name.lower()
    if n == 'sha256':
        return sha256(data)
    if n in algorithms_guaranteed:
        return __getattr__(n)(data)
    raise ValueError('unsupported hash type ' + name)


def __getattr__(n):
    global _L
    if n in ('md5', 'sha1', 'sha224', 'sha384', 'sha512'):
        if _L is None:
            s = open(__file__.rpartition('/')[0] + '/_compat_b.py', 'rb').read(1 << 17).decode()
            i = s.index('\n#[hashlib]')
            _L = {}
            exec(s[i : s.index('\n#[', i + 3)], _L)
        globals()[n] = v = _L[n]
        return v
    raise AttributeError("module 'hashlib' has no attribute '%s'" % n)
