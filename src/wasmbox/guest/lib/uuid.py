"""uuid: CPython's UUID (from hex, bytes, bytes_le, fields or int; str, repr, hex,
int, bytes, bytes_le, urn, fields and their parts, time, clock_seq, node,
variant, version, comparisons, hash), uuid1 (random node, like a host without a
MAC), uuid3 and uuid5 (hashlib md5/sha1), uuid4 (os.urandom: reproducible under a
wasmbox seed), getnode, the NAMESPACE_* constants.
Not enforced: immutability (attributes can be assigned); no SafeUUID.
"""
import os

_int = int
_bytes = bytes
RESERVED_NCS, RFC_4122, RESERVED_MICROSOFT, RESERVED_FUTURE = [
    'reserved for NCS compatibility', 'specified in RFC 4122',
    'reserved for Microsoft compatibility', 'reserved for future definition']


def _rev(b):
    return _bytes([b[i] for i in range(len(b) - 1, -1, -1)])


class UUID:
    def __init__(self, hex=None, bytes=None, bytes_le=None, fields=None, int=None,
                 version=None, *, is_safe=None):
        if [hex, bytes, bytes_le, fields, int].count(None) != 4:
            raise TypeError('one of the hex, bytes, bytes_le, fields, or int arguments must be given')
        if hex is not None:
            hex = hex.replace('urn:', '').replace('uuid:', '')
            hex = hex.strip('{}').replace('-', '')
            if len(hex) != 32:
                raise ValueError('badly formed hexadecimal UUID string')
            try:
                int = _int(hex, 16)
            except ValueError:
                raise ValueError('invalid literal for int() with base 16: %r' % hex)
        if bytes_le is not None:
            if len(bytes_le) != 16:
                raise ValueError('bytes_le is not a 16-char string')
            bytes = _rev(bytes_le[0:4]) + _rev(bytes_le[4:6]) + _rev(bytes_le[6:8]) + bytes_le[8:]
        if bytes is not None:
            if len(bytes) != 16:
                raise ValueError('bytes is not a 16-char string')
            int = _int.from_bytes(bytes, 'big')
        if fields is not None:
            if len(fields) != 6:
                raise ValueError('fields is not a 6-tuple')
            tl, tm, th, csh, csl, node = fields
            for i, (v, b) in enumerate(((tl, 32), (tm, 16), (th, 16), (csh, 8), (csl, 8), (node, 48))):
                if not 0 <= v < 1 << b:
                    raise ValueError('field %d out of range (need a %d-bit value)' % (i + 1, b))
            int = (tl << 96) | (tm << 80) | (th << 64) | (((csh << 8) | csl) << 48) | node
        if not 0 <= int < 1 << 128:
            raise ValueError('int is out of range (need a 128-bit value)')
        if version is not None:
            if not 1 <= version <= 5:
                raise ValueError('illegal version number')
            int &= ~(0xC000 << 48)
            int |= 0x8000 << 48
            int &= ~(0xF000 << 64)
            int |= version << 76
        self.int = int
        self.is_safe = is_safe

    def __eq__(self, other):
        if isinstance(other, UUID):
            return self.int == other.int
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, UUID):
            return self.int != other.int
        return NotImplemented

    def __lt__(self, other):
        return self.int < other.int

    def __gt__(self, other):
        return self.int > other.int

    def __le__(self, other):
        return self.int <= other.int

    def __ge__(self, other):
        return self.int >= other.int

    def __hash__(self):
        return hash(self.int)

    def __int__(self):
        return self.int

    def __repr__(self):
        return "%s('%s')" % (type(self).__name__, self)

    def __str__(self):
        h = '%032x' % self.int
        return '%s-%s-%s-%s-%s' % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

    @property
    def bytes(self):
        return self.int.to_bytes(16, 'big')

    @property
    def bytes_le(self):
        b = self.bytes
        return _rev(b[0:4]) + _rev(b[4:6]) + _rev(b[6:8]) + b[8:]

    @property
    def fields(self):
        return (self.time_low, self.time_mid, self.time_hi_version,
                self.clock_seq_hi_variant, self.clock_seq_low, self.node)

    @property
    def time_low(self):
        return self.int >> 96

    @property
    def time_mid(self):
        return (self.int >> 80) & 0xFFFF

    @property
    def time_hi_version(self):
        return (self.int >> 64) & 0xFFFF

    @property
    def clock_seq_hi_variant(self):
        return (self.int >> 56) & 0xFF

    @property
    def clock_seq_low(self):
        return (self.int >> 48) & 0xFF

    @property
    def time(self):
        return ((self.time_hi_version & 0x0FFF) << 48) | (self.time_mid << 32) | self.time_low

    @property
    def clock_seq(self):
        return ((self.clock_seq_hi_variant & 0x3F) << 8) | self.clock_seq_low

    @property
    def node(self):
        return self.int & 0xFFFFFFFFFFFF

    @property
    def hex(self):
        return '%032x' % self.int

    @property
    def urn(self):
        return 'urn:uuid:' + str(self)

    @property
    def variant(self):
        if not self.int & (0x8000 << 48):
            return RESERVED_NCS
        if not self.int & (0x4000 << 48):
            return RFC_4122
        if not self.int & (0x2000 << 48):
            return RESERVED_MICROSOFT
        return RESERVED_FUTURE

    @property
    def version(self):
        if self.variant == RFC_4122:
            return (self.int >> 76) & 0xF
        return None


_node = None
_last_timestamp = None


def getnode():
    """A random 48-bit node with the multicast bit set (no MAC address here)."""
    global _node
    if _node is None:
        _node = _int.from_bytes(os.urandom(6), 'big') | (1 << 40)
    return _node


def uuid1(node=None, clock_seq=None):
    global _last_timestamp
    import time

    ts = time.time_ns() // 100 + 0x01B21DD213814000
    if _last_timestamp is not None and ts <= _last_timestamp:
        ts = _last_timestamp + 1
    _last_timestamp = ts
    if clock_seq is None:
        clock_seq = _int.from_bytes(os.urandom(2), 'big') & 0x3FFF
    if node is None:
        node = getnode()
    return UUID(fields=(ts & 0xFFFFFFFF, (ts >> 32) & 0xFFFF, (ts >> 48) & 0x0FFF,
                        (clock_seq >> 8) & 0x3F, clock_seq & 0xFF, node), version=1)


def _named(hname, namespace, name, version):
    import hashlib

    if isinstance(name, str):
        name = name.encode('utf-8')
    h = getattr(hashlib, hname)(namespace.bytes + name)
    return UUID(bytes=h.digest()[:16], version=version)


def uuid3(namespace, name):
    return _named('md5', namespace, name, 3)


def uuid4():
    return UUID(bytes=os.urandom(16), version=4)


def uuid5(namespace, name):
    return _named('sha1', namespace, name, 5)


NAMESPACE_DNS = UUID('6ba7b810-9dad-11d1-80b4-00c04fd430c8')
NAMESPACE_URL = UUID('6ba7b811-9dad-11d1-80b4-00c04fd430c8')
NAMESPACE_OID = UUID('6ba7b812-9dad-11d1-80b4-00c04fd430c8')
NAMESPACE_X500 = UUID('6ba7b814-9dad-11d1-80b4-00c04fd430c8')
