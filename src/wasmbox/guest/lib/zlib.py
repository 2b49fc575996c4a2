"""zlib: compress, decompress, crc32, adler32, compressobj, decompressobj, error,
and the usual constants, for zlib (wbits 9..15), raw deflate (-9..-15), gzip
(25..31) and, when decompressing, auto-detect (40..47) and 0 (window from header).
Decompression is MicroPython's deflate module (C). Compression is a small
pure-Python LZ77 + fixed-Huffman encoder (level 0: stored blocks): its output
differs from CPython's (usually larger) but is valid and CPython decompresses it;
expect roughly 100-300 KB/s. Compressed streams are buffered until flush();
decompressobj returns the data at flush() too. zdict is not supported.
"""
import binascii

MAX_WBITS = 15
DEFLATED = 8
DEF_MEM_LEVEL = 8
DEF_BUF_SIZE = 16384
Z_NO_COMPRESSION = 0
Z_BEST_SPEED = 1
Z_BEST_COMPRESSION = 9
Z_DEFAULT_COMPRESSION = -1
Z_DEFAULT_STRATEGY = 0
Z_FILTERED = 1
Z_HUFFMAN_ONLY = 2
Z_RLE = 3
Z_FIXED = 4
Z_NO_FLUSH = 0
Z_PARTIAL_FLUSH = 1
Z_SYNC_FLUSH = 2
Z_FULL_FLUSH = 3
Z_FINISH = 4
Z_BLOCK = 5
ZLIB_VERSION = ZLIB_RUNTIME_VERSION = '1.2.13'


class error(Exception):
    pass


def crc32(data, value=0):
    return binascii.crc32(data, value)


def adler32(data, value=1):
    a = value & 0xFFFF
    b = (value >> 16) & 0xFFFF
    for i in range(0, len(data), 5552):
        for c in data[i : i + 5552]:
            a += c
            b += a
        a %= 65521
        b %= 65521
    return (b << 16) | a


def _rev(c, n):
    r = 0
    for _ in range(n):
        r = (r << 1) | (c & 1)
        c >>= 1
    return r


_T = None


def _tables():
    # Fixed Huffman codes (bit-reversed for the LSB-first stream) and the
    # length -> (code, extra bits, extra value) table.
    global _T
    if _T is None:
        lit = []
        for v in range(288):
            if v < 144:
                lit.append((_rev(0x30 + v, 8), 8))
            elif v < 256:
                lit.append((_rev(0x190 + v - 144, 9), 9))
            elif v < 280:
                lit.append((_rev(v - 256, 7), 7))
            else:
                lit.append((_rev(0xC0 + v - 280, 8), 8))
        lb = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83,
              99, 115, 131, 163, 195, 227, 258]
        le = [0] * 8 + [1] * 4 + [2] * 4 + [3] * 4 + [4] * 4 + [5] * 4 + [0]
        ln = [None] * 259
        for s in range(29):
            for k in range(lb[s], (lb[s] + (1 << le[s])) if s < 28 else 259):
                if k <= 258:
                    ln[k] = (257 + s, le[s], k - lb[s])
        db = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
              1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        dc = [_rev(i, 5) for i in range(30)]
        _T = (lit, ln, db, dc)
    return _T


def _deflate(data, level):
    n = len(data)
    out = bytearray()
    if level == 0:
        for i in range(0, n or 1, 65535):
            blk = data[i : i + 65535]
            k = len(blk)
            out.append(1 if i + 65535 >= n else 0)
            out += bytes((k & 255, k >> 8, ~k & 255, (~k >> 8) & 255))
            out += blk
        return bytes(out)
    lit, ln, db, dc = _tables()
    acc = 3  # BFINAL=1, BTYPE=01 (fixed Huffman)
    nb = 3
    table = {}
    i = 0
    while i < n:
        m = 0
        if i + 2 < n:
            key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]
            j = table.get(key)
            table[key] = i
            if j is not None and i - j <= 32768:
                m = 3
                top = min(258, n - i)
                while m < top and data[j + m] == data[i + m]:
                    m += 1
        if m:
            s, eb, ev = ln[m]
            c, k = lit[s]
            acc |= c << nb
            nb += k
            if eb:
                acc |= ev << nb
                nb += eb
            d = i - j
            s = 29
            while db[s] > d:
                s -= 1
            acc |= dc[s] << nb
            nb += 5
            eb = (s >> 1) - 1 if s >= 4 else 0
            if eb:
                acc |= (d - db[s]) << nb
                nb += eb
            for p in range(i + 1, min(i + m, n - 2)):
                table[(data[p] << 16) | (data[p + 1] << 8) | data[p + 2]] = p
            i += m
        else:
            c, k = lit[data[i]]
            acc |= c << nb
            nb += k
            i += 1
        while nb >= 8:
            out.append(acc & 255)
            acc >>= 8
            nb -= 8
    c, k = lit[256]
    acc |= c << nb
    nb += k
    while nb > 0:
        out.append(acc & 255)
        acc >>= 8
        nb -= 8
    return bytes(out)


def _wrap(raw, data, level, wbits):
    if -15 <= wbits <= -9:
        return raw
    if 25 <= wbits <= 31:
        return (b'\x1f\x8b\x08\x00\x00\x00\x00\x00' + (b'\x04' if level == 1 else b'\x00')
                + b'\x03' + raw + crc32(data).to_bytes(4, 'little')
                + (len(data) & 0xFFFFFFFF).to_bytes(4, 'little'))
    if 9 <= wbits <= 15:
        lv = 2 if level in (6, -1) else 0 if level < 2 else 1 if level < 6 else 3
        cmf = ((wbits - 8) << 4) | 8
        flg = lv << 6
        flg += (31 - (cmf * 256 + flg) % 31) % 31
        return bytes((cmf, flg)) + raw + adler32(data).to_bytes(4, 'big')
    raise ValueError('Invalid initialization option')


def _data(data):
    if isinstance(data, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    return bytes(data)


def compress(data, level=-1, wbits=MAX_WBITS):
    if not -1 <= level <= 9:
        raise error('Bad compression level')
    data = _data(data)
    return _wrap(_deflate(data, level), data, level, wbits)


def decompress(data, wbits=MAX_WBITS, bufsize=DEF_BUF_SIZE):
    import deflate
    import io

    data = _data(data)
    if wbits == 0 or 8 <= wbits <= 15:
        fmt, w = deflate.ZLIB, 0
    elif -15 <= wbits <= -8:
        fmt, w = deflate.RAW, 15
    elif 24 <= wbits <= 31:
        fmt, w = deflate.GZIP, 0
    elif 40 <= wbits <= 47:
        fmt, w = deflate.AUTO, 0
    else:
        raise ValueError('Invalid initialization option')
    try:
        return deflate.DeflateIO(io.BytesIO(data), fmt, w).read()
    except (OSError, ValueError, EOFError) as e:
        raise error('Error -3 while decompressing data: %s' % (e,))


class _Compress:
    def __init__(self, level, wbits):
        self._a = []
        self._l = level
        self._w = wbits

    def compress(self, data):
        self._a.append(_data(data))
        return b''

    def flush(self, mode=Z_FINISH):
        if mode == Z_NO_FLUSH:
            return b''
        d = b''.join(self._a)
        self._a = []
        return _wrap(_deflate(d, self._l), d, self._l, self._w)


class _Decompress:
    def __init__(self, wbits):
        self._a = []
        self._w = wbits
        self.unused_data = b''
        self.unconsumed_tail = b''
        self.eof = False

    def decompress(self, data, max_length=0):
        self._a.append(_data(data))
        return b''

    def flush(self, length=DEF_BUF_SIZE):
        d = b''.join(self._a)
        self._a = []
        r = decompress(d, self._w) if d else b''
        self.eof = bool(d)
        return r


def compressobj(level=-1, method=DEFLATED, wbits=MAX_WBITS, memLevel=DEF_MEM_LEVEL,
                strategy=Z_DEFAULT_STRATEGY, zdict=None):
    if not -1 <= level <= 9:
        raise error('Bad compression level')
    _wrap(b'', b'', level, wbits)
    return _Compress(level, wbits)


def decompressobj(wbits=MAX_WBITS, zdict=b''):
    return _Decompress(wbits)
