"""struct: CPython 3.11's struct in pure Python. MicroPython's built-in lacks
iter_unpack, Struct, error, the codes c ? n N p (and = byte order), range
checks (it wraps silently) and CPython's error messages.
All codes: x c b B ? h H i I l L q Q n N e f d s p P; byte orders @ = < > !.
Native mode (@, the default) uses CPython's x86-64 sizes and alignment (l, L,
n, N, P are 8 bytes), so results match what CPython prints on such machines.
Floats go through the built-in (exact); simple standard-order formats are
unpacked by the built-in in one call.
"""
import _wasmbox

_b = _wasmbox.builtin('struct')
_wasmbox = None


class error(Exception):
    pass


_STD = {'x': 1, 'c': 1, 'b': 1, 'B': 1, '?': 1, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 4,
        'L': 4, 'q': 8, 'Q': 8, 'e': 2, 'f': 4, 'd': 8, 's': 1, 'p': 1}
_NATIVE = dict(_STD)
_NATIVE.update({'l': 8, 'L': 8, 'n': 8, 'N': 8, 'P': 8})
_SIGNED = 'bhilqn'
_UNSIGNED = 'BHILQNP'
_FLOAT = 'efd'
# Codes the built-in unpacks exactly like CPython in a standard byte order.
_BUILTIN_OK = 'xbBhHiIlLqQefds'
_cache = {}


def _parse(fmt):
    # bytes and str keys apart: MicroPython warns when it compares the two.
    key = fmt if isinstance(fmt, str) else ('b', fmt)
    p = _cache.get(key)
    if p is not None:
        return p
    if isinstance(fmt, (bytes, bytearray)):
        fmt = fmt.decode()
    elif not isinstance(fmt, str):
        raise TypeError('Struct() argument 1 must be a str or bytes object, not '
                        + type(fmt).__name__)
    order = 'little'
    native = True
    i = 0
    if fmt[:1] in ('@', '=', '<', '>', '!'):
        c = fmt[0]
        native = c == '@'
        order = 'big' if c in '>!' else 'little'
        i = 1
    sizes = _NATIVE if native else _STD
    items = []  # (code, count or length, offset)
    off = 0
    n = len(fmt)
    nitems = 0
    simple = not native
    while i < n:
        c = fmt[i]
        if c in ' \t\n\r\x0b\x0c':
            i += 1
            continue
        count = 1
        if '0' <= c <= '9':
            j = i
            while i < n and '0' <= fmt[i] <= '9':
                i += 1
            count = int(fmt[j:i])
            if i >= n:
                raise error('repeat count given without format specifier')
            c = fmt[i]
        i += 1
        size = sizes.get(c)
        if size is None:
            raise error('bad char in struct format')
        if native and size > 1 and off % size:
            off += size - off % size
        if c not in _BUILTIN_OK:
            simple = False
        if c in 'sp':
            items.append((c, count, off))
            nitems += 1
            off += count
        elif c == 'x':
            off += count
        else:
            for _ in range(count):
                items.append((c, size, off))
                off += size
            nitems += count
    if simple:  # the built-in takes no '=' and no whitespace
        simple = ('<' if order == 'little' else '>') + ''.join(fmt[1:].split())
    p = (order, items, off, nitems, simple or None)
    if len(_cache) > 200:
        _cache.clear()
    _cache[key] = p
    return p


def _int_arg(v):
    if isinstance(v, (int, bool)):  # MicroPython's bool is no int for isinstance
        return int(v)
    f = getattr(type(v), '__index__', None)
    if f is None:
        raise error('required argument is not an integer')
    return f(v)


def _check_int(c, size, v):
    if c in _SIGNED:
        if not -0x8000000000000000 <= v <= 0x7fffffffffffffff:
            raise error('argument out of range')
        lim = 1 << (8 * size - 1)
        if not -lim <= v < lim:
            name = 'byte' if c == 'b' else 'short' if c == 'h' else "'%s'" % c
            raise error('%s format requires %d <= number <= %d' % (name, -lim, lim - 1))
        return
    if c in 'BH':
        if not -0x8000000000000000 <= v <= 0x7fffffffffffffff:
            raise error('argument out of range')
    elif not 0 <= v <= 0xffffffffffffffff:
        raise error('argument out of range')
    lim = 1 << (8 * size)
    if not 0 <= v < lim:
        name = 'ubyte' if c == 'B' else 'ushort' if c == 'H' else "'%s'" % c
        raise error('%s format requires 0 <= number <= %d' % (name, lim - 1))


def _float_arg(v):
    if isinstance(v, float):
        return v
    if isinstance(v, (int, bool)) or hasattr(type(v), '__float__'):
        return float(v)
    raise error('required argument is not a float')


def _fill(order, items, buf, base, values):
    i = 0
    for c, size, off in items:
        v = values[i]
        i += 1
        off += base
        if c in _SIGNED or c in _UNSIGNED:
            v = _int_arg(v)
            _check_int(c, size, v)
            if v < 0:
                v += 1 << (8 * size)
            buf[off:off + size] = v.to_bytes(size, order)
        elif c in _FLOAT:
            x = _float_arg(v)
            data = _b.pack(('<' if order == 'little' else '>') + c, x)
            if x - x == 0.0 and (c == 'e' and abs(x) >= 65520.0 or c == 'f' and
                                 _b.unpack('<f', _b.pack('<f', x))[0] in (_INF, -_INF)):
                raise OverflowError('float too large to pack with %s format' % c)
            buf[off:off + size] = data
        elif c == '?':
            buf[off] = 1 if v else 0
        elif c == 'c':
            if not isinstance(v, (bytes, bytearray)) or len(v) != 1:
                raise error('char format requires a bytes object of length 1')
            buf[off] = v[0]
        elif c == 's':
            if not isinstance(v, (bytes, bytearray)):
                raise error("argument for 's' must be a bytes object")
            v = v[:size]
            buf[off:off + len(v)] = v
        else:  # 'p': a Pascal string, the length byte first
            if not isinstance(v, (bytes, bytearray)):
                raise error("argument for 'p' must be a bytes object")
            if size:
                n = min(len(v), size - 1, 255)
                buf[off] = n
                buf[off + 1:off + 1 + n] = v[:n]


_INF = float('inf')


def _read(order, items, data, base):
    out = []
    for c, size, off in items:
        off += base
        if c in _SIGNED or c in _UNSIGNED:
            v = int.from_bytes(data[off:off + size], order)
            if c in _SIGNED and v >> (8 * size - 1):
                v -= 1 << (8 * size)
            out.append(v)
        elif c in _FLOAT:
            out.append(_b.unpack(('<' if order == 'little' else '>') + c, data[off:off + size])[0])
        elif c == '?':
            out.append(data[off] != 0)
        elif c == 'c' or c == 's':
            out.append(bytes(data[off:off + size]))
        else:
            n = min(data[off], size - 1) if size else 0
            out.append(bytes(data[off + 1:off + 1 + n]))
    return tuple(out)


def _buffer(buf):
    if isinstance(buf, (bytes, bytearray)):
        return buf
    if isinstance(buf, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    try:
        return bytes(memoryview(buf))
    except TypeError:
        raise TypeError("a bytes-like object is required, not '%s'" % type(buf).__name__)


def calcsize(fmt):
    return _parse(fmt)[2]


def pack(fmt, *v):
    order, items, size, n, simple = _parse(fmt)
    if len(v) != n:
        raise error('pack expected %d items for packing (got %d)' % (n, len(v)))
    buf = bytearray(size)
    _fill(order, items, buf, 0, v)
    return bytes(buf)


def pack_into(fmt, buffer, offset, *v):
    order, items, size, n, simple = _parse(fmt)
    if len(v) != n:
        raise error('pack_into expected %d items for packing (got %d)' % (n, len(v)))
    if not isinstance(buffer, (bytearray, memoryview)) and type(buffer).__name__ != 'array':
        raise TypeError('argument must be read-write bytes-like object, not '
                        + type(buffer).__name__)
    offset = _int_arg(offset)
    length = len(buffer)
    if offset < 0:
        if offset + size > 0:
            raise error('no space to pack %d bytes at offset %d' % (size, offset))
        if offset + length < 0:
            raise error('offset %d out of range for %d-byte buffer' % (offset, length))
        offset += length
    if length - offset < size:
        raise error('pack_into requires a buffer of at least %d bytes for packing %d bytes '
                    'at offset %d (actual buffer size is %d)' % (size + offset, size, offset, length))
    _fill(order, items, buffer, offset, v)


def unpack(fmt, buffer):
    order, items, size, n, simple = _parse(fmt)
    data = _buffer(buffer)
    if len(data) != size:
        raise error('unpack requires a buffer of %d bytes' % size)
    if simple is not None:
        return _b.unpack(simple, data)
    return _read(order, items, data, 0)


def unpack_from(fmt, buffer, offset=0):
    order, items, size, n, simple = _parse(fmt)
    data = _buffer(buffer)
    offset = _int_arg(offset)
    length = len(data)
    if offset < 0:
        if offset + length < 0:
            raise error('offset %d out of range for %d-byte buffer' % (offset, length))
        offset += length
    if length - offset < size:
        raise error('unpack_from requires a buffer of at least %d bytes for unpacking %d bytes '
                    'at offset %d (actual buffer size is %d)' % (size + offset, size, offset, length))
    if simple is not None:
        return _b.unpack_from(simple, data, offset)
    return _read(order, items, data, offset)


def _iter(order, items, size, simple, data):
    for off in range(0, len(data), size):
        if simple is not None:
            yield _b.unpack_from(simple, data, off)
        else:
            yield _read(order, items, data, off)


def iter_unpack(fmt, buffer):
    order, items, size, n, simple = _parse(fmt)
    data = _buffer(buffer)
    if not size:
        raise error('cannot iteratively unpack with a struct of length 0')
    if len(data) % size:
        raise error('iterative unpacking requires a buffer of a multiple of %d bytes' % size)
    return _iter(order, items, size, simple, data)


class Struct:
    def __init__(self, format):
        p = _parse(format)
        self.format = format.decode() if isinstance(format, (bytes, bytearray)) else format
        self.size = p[2]

    def pack(self, *v):
        return pack(self.format, *v)

    def pack_into(self, buffer, offset, *v):
        pack_into(self.format, buffer, offset, *v)

    def unpack(self, buffer):
        return unpack(self.format, buffer)

    def unpack_from(self, buffer, offset=0):
        return unpack_from(self.format, buffer, offset)

    def iter_unpack(self, buffer):
        return iter_unpack(self.format, buffer)

    def __repr__(self):
        return '<_struct.Struct object at 0x%x>' % id(self)
