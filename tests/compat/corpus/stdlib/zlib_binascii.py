import binascii
import zlib

text = b"hello hello hello hello hello world" * 10
packed = zlib.compress(text)
print(len(text), len(packed) < len(text), zlib.decompress(packed) == text)
print(zlib.crc32(b"hello"), hex(zlib.crc32(b"The quick brown fox")))
print(zlib.adler32(b"wikipedia"))
print(binascii.hexlify(b"\x01\xab\xff"), binascii.unhexlify("48656c6c6f"))
print(binascii.crc32(b"hello") == zlib.crc32(b"hello"))
print(binascii.b2a_base64(b"hi there"))
