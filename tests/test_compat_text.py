"""Text and numbers as CPython 3.11 prints them, and the rewrites behind that.

Covers format() and format specs (exact float digits: ties, huge and tiny
exponents, negative zero, nan/inf; padding, alignment, sign, grouping),
f-strings (conversions, nested specs, '=', nested f-strings), str.format
(attributes, indexes, format_map with __missing__), '%' formatting, round(),
the float reprs that print/str/repr/f-strings show, str methods and repr on
non-ASCII text, slice objects and extended slice assignment, encode/decode with
encodings and error handlers, json decode errors, string.Template's KeyError,
float.hex/fromhex and complex.conjugate. The pieces: the transformer
(src/wasmbox/compat/transform.py), the runtime's fast paths (_wasmbox_rt.py),
guest/lib/_wasmbox_text.py (exact formatting, loaded on need) and
_wasmbox_ucd.py (Unicode tables, loaded for non-ASCII text only).

Each snippet runs in wasmbox and under CPython 3.11; the stdouts must be equal.
Run as a script, this file prints the tables of _wasmbox_ucd.py regenerated
from CPython 3.11 (test_unicode_tables_are_current checks they are current).
"""

from __future__ import annotations

import ast
import importlib.util
import random
import struct
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest

from cpython import assert_same_stdout, flatten, reference_outputs
from wasmbox import Sandbox
from wasmbox.compat import transform

LIB = Path(__file__).resolve().parents[1] / "src" / "wasmbox" / "guest" / "lib"

CASES: dict[str, list[str]] = {}

CASES["format"] = [
    # ties round half-to-even on the exact binary value
    """
    for v, s in [(0.125, '.2f'), (0.375, '.2f'), (2.5, '.0f'), (3.5, '.0f'), (0.5, '.0f'),
                 (1.5, '.0f'), (-0.5, '.0f'), (2.675, '.2f'), (1.005, '.2f'), (0.045, '.2f'),
                 (1e22, '.1f'), (1.5e300, '.3e'), (5e-324, 'e'), (5e-324, ''), (1e-7, '.17g'),
                 (0.1, '.20f'), (123456789012345678.0, 'f'), (2.5, '.0e'), (0.125, '.2g'),
                 (0.125, '.1%'), (0.0125, '.1%'), (9.995, '.2f'), (99.995, '.2f')]:
        print(repr(s), format(v, s))
    """,
    # negative zero, nan, inf
    """
    for v in (0.0, -0.0, float('nan'), float('inf'), float('-inf'), -1e-9):
        print([format(v, s) for s in ('', 'f', '.0f', 'e', 'g', '+', ' .2f', '010.2f', '=+8',
                                      '.1%', 'z.1f', 'E', 'G', 'F', '^9', '08')])
    """,
    # padding, alignment, sign, grouping
    """
    n = 1234567.891
    for s in (',', '_', ',.2f', '_.3f', '015,.2f', '=+15,.1f', '*^20,.0f', '>+12,', '<12_.2e',
              ',g', '012,.0f', '0=20,.2f', ' ,.2%', ',.10g', '#,.0f', ',e'):
        print(repr(s), repr(format(n, s)), repr(format(-n, s)))
    for v in (0, 7, -42, 1234567, 10**20, -10**20, True):
        print([format(v, s) for s in ('', 'd', '+d', ' 5d', '<6', '^7', '=+8', '08', ',', '_',
                                      '012,d', '_x', '#_b', '#010x', '#X', 'o', '#o', 'n',
                                      '.2f', 'e', '%', ',.1f')])
    """,
    # strings, non-ASCII fill and text, 'c', bool
    """
    for v, s in [('héllo', '^9'), ('日本', '*>6'), ('abc', '.2'), ('é', '<3'), ('x', 'é^5'),
                 ('straße', '10.4'), ('', '>3'), ('abc', '05'), ('ab', '0>5')]:
        print(repr(format(v, s)))
    print(format(9731, 'c'), format(65, '^5c'), format(0x1F600, 'c'), format(255, 'c'))
    print(format(True), format(True, ''), format(True, 'd'), format(False, '>5'),
          format(True, '.1f'))
    print(format(42), format('s'), format(None), format([1, 2]), format(1.5))
    """,
    # CPython's errors
    """
    for v, s in [(5, '.2d'), ('a', '=5'), ('a', '+s'), ('a', ' s'), (5, ',x'), (1.5, 'd'),
                 ('a', 'd'), (5, 'x.2f'), (5, '10.'), (5, ',_'), (1.5, ',n'), (5, 'z'),
                 (5, '#c'), (5, '+c'), (-1, 'c'), (0x110000, 'c'), (10**20, 'c'), (None, 'd'),
                 (5, '_c'), ('a', ','), (10**400, 'f')]:
        try:
            print(repr(format(v, s)))
        except Exception as e:
            print(type(e).__name__, e)
    """,
    # __format__ of user classes and datetime, through format(), f-strings and str.format
    """
    from datetime import date
    class Money:
        def __init__(self, v):
            self.v = v
        def __format__(self, spec):
            return '$' + format(self.v, spec or '.2f')
    class Plain:
        def __str__(self):
            return 'plain'
    d = date(2024, 3, 9)
    m = Money(1234.5)
    print(format(m), format(m, ',.1f'), f'{m}', f'{m:>10.0f}', '{:,.3f}'.format(m))
    print(f'{d:%d/%m/%Y}', '{:%b %d}'.format(d), format(d, '%A'), f'{d}')
    print(f'{Plain()}', format(Plain()), '{}'.format(Plain()))
    try:
        format(Plain(), 'x')
    except TypeError as e:
        print('TypeError', e)
    """,
]

CASES["fstring"] = [
    """
    name, qty, price, ratio = 'Widget', 42, 1234.5678, 0.8375
    print(f'{name:>10}|{name:<10}|{name:^10}|')
    print(f'{price:.2f} {price:,.2f} {price:10.1f} {price:e} {price:_.3f}')
    print(f'{qty:5d} {qty:05d} {qty:+d} {qty:x} {qty:X} {qty:o} {qty:b} {qty:#x} {qty:c}')
    print(f'{ratio:.1%} {ratio:.3} {1e-7:g} {123456789:,} {0.125:.2f} {2.5:.0f}')
    width, prec = 12, 3
    print(f'[{price:{width}.{prec}f}] [{price:>{width}}] [{name:{"*"}^{width}}]')
    print(f'{{literal}} {qty * 2} {"x" if qty else "y"}')
    """,
    """
    s, t = 'héllo', 'naïve ½'
    print(f'{s!r} {s!s} {s!a} {t!r:>12}|{t!a}')
    x = 10
    print(f'{x=}, {x * 2 = }, {x=:>5}, {s=}, {0.1 + 0.2=}')
    items = {'apples': 3, 'kiwis': 12}
    print(f"{', '.join(f'{k}={v}' for k, v in items.items())}")
    print(f'{[f"{n:02d}" for n in range(3)]}')
    print(f'''multi
    {x:>4}
    {s.upper()}''')
    print(f'{x!r:^7}|{3.0 / 7:.{x // 2}f}|{-0.0:+.1f}|{float("nan"):>5}')
    """,
    # float reprs in plain fields, print, str, repr and containers
    """
    vals = [98.6, 68.04, 0.07, 81.4, 93.4, 0.1 + 0.2, 1 / 3, 1e16, 1e-5, 2.5, 100.0, 9.995]
    print(vals)
    print(*vals)
    print(str(98.6), repr(68.04), f'{81.4}', f'mean={93.4} n={len(vals)}')
    print({'a': 0.07, 'b': [98.6, (68.04, 'x')]}, (0.56,), {94.1})
    print('%s %r' % (98.6, 68.04), '{} {}'.format(98.6, 81.4))
    print([round(x * 0.45359237, 2) for x in (1, 10, 150)])
    print(37 * 9 / 5 + 32, str(0.1 * 3), [-0.07, -1e-300])
    class Exact:
        def __str__(self):
            return '0.1000000000000000055511151231257827'
        __repr__ = __str__
    print(Exact(), str(Exact()), f'{Exact()}', '%s' % Exact())
    """,
]

CASES["str_format"] = [
    """
    class P:
        def __init__(self):
            self.name = 'Ann'
            self.tags = ['x', 'y']
    p = P()
    print('{0.name} {0.tags[1]} {p.name!r}'.format(p, p=p))
    print('{0[0]} and {0[1]}'.format(['first', 'second']))
    print('{d[key]} {d[k2]:>5}'.format(d={'key': 'v', 'k2': 7}))
    print('{:>8.2f}|{:<6}|{:^7}'.format(3.14159, 'ab', 'mid'))
    print('{:,} {:_} {:,.2f}'.format(9876543210, 10**6, 1234.5))
    print('{0} {1} {0}'.format('ping', 'pong'), '{name}-{n:03d}'.format(name='a', n=7))
    print('{:{w}.{p}f}|{:{}}'.format(3.14159, 'x', '>4', w=9, p=2))
    tmpl = '{greeting}, {who:>6}!'
    for who in ('world', 'team'):
        print(tmpl.format(greeting='Hello', who=who))
    spec = '{:c}'
    print(spec.format(9731), '{!r}'.format('é'), '{!a}'.format('é'))
    """,
    """
    class Default(dict):
        def __missing__(self, key):
            return '{' + key + '}'
    info = {'name': 'Ann', 'city': 'Oslo'}
    print('{name} lives in {city}'.format_map(info))
    print('{name} works at {company}'.format_map(Default(info)))
    for r in [{'sku': 'A1', 'qty': 3}, {'sku': 'B22', 'qty': 10}]:
        print('{sku:<5}{qty:>4}'.format_map(r))
    for f in (lambda: '{} {0}'.format(1, 2), lambda: '{0} {}'.format(1, 2),
              lambda: '{2}'.format(1), lambda: '{x}'.format(), lambda: '{'.format(),
              lambda: '}'.format(), lambda: '{0.nope}'.format(1), lambda: '{0[5]}'.format([1]),
              lambda: '{:d}'.format('s'), lambda: '{!x}'.format(1)):
        try:
            print(f())
        except Exception as e:
            print(type(e).__name__, e)
    try:
        '{}'.format_map({})
    except ValueError as e:
        print('ValueError', e)
    """,
]

CASES["percent"] = [
    """
    print('%.2f %.2f %.0f %.0f %.1f' % (0.125, 0.375, 2.5, 0.5, 0.05))
    print('%s|%5s|%-5s|%.2s|%r|%a' % ('x', 'ab', 'ab', 'abc', 'é', 'é'))
    print('%d|%5d|%-5d|%05d|%+d|% d|%.3d|%i|%u' % (42, 42, 42, 42, 42, 42, 5, 7, 8))
    print('%x|%X|%#x|%o|%#o|%e|%.3E|%g|%G|%10.4f|%-10.2f|%c|%c' % (
        255, 255, 255, 8, 8, 12345.678, 0.000123, 1e20, 1e-10, 3.14159, 2.5, 65, 'z'))
    print('%(name)s is %(age)d, %(score).1f%%' % {'name': 'Ann', 'age': 30, 'score': 97.25})
    print('%s %s %s' % (98.6, [68.04], 1 / 3), '%*d|%-*d|%.*f' % (5, 1, 4, 2, 2, 0.125))
    print('%d %s' % (3.9, True), '%.1f' % 7, '%s' % 0.1, '%5.1f%%' % 12.345)
    for f in (lambda: '%d' % 'x', lambda: '%d %d' % (1,), lambda: '%d' % (1, 2),
              lambda: '%y' % 1, lambda: '%' % 1, lambda: '%x' % 1.5, lambda: '%c' % 'ab'):
        try:
            print(f())
        except Exception as e:
            print(type(e).__name__, e)
    """,
]

CASES["round"] = [
    """
    print([round(v) for v in [0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001]])
    print([round(v, 1) for v in [1.25, 1.35, 1.45, 0.05, 0.15, 0.25, -0.05]])
    print([round(v, 2) for v in [2.675, 1.005, 0.125, 68.0388555, 0.45359237]])
    print(round(1234.5678, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
    print(round(0.1 + 0.2, 15), round(1e300, 2), round(5e-324, 400), round(1.5e-10, 12))
    print(round(123.456, -1), round(123.456, -5), round(-0.0, 1), round(7), round(7.0))
    print(type(round(7.0)).__name__, type(round(7.0, 1)).__name__, round(7, 1), round(True))
    print(round(float('inf'), 2), round(float('nan'), 2), round(2.5, ndigits=0))
    print(round(10 / 3, 3), round(2 / 3, 10), round(1e22, -21), round(3.14159, 0))
    """,
]

CASES["numbers"] = [
    """
    import math
    for x in [0.5, 0.1, 2.0, -1.25, 3.75, 1e300, 5e-324, -0.0, 2.0**52 + 0.5]:
        print(x.hex(), x.as_integer_ratio(), x.is_integer(), float.fromhex(x.hex()) == x)
    for s in ['0x1.4p+1', '-0x1p-1074', '0x1.fffffffffffffp+1023', 'inf', '-Infinity', 'nan',
              '0X10', '  0x.8p1 ', '0x1.00000000000008p0', '0x1.00000000000018p0']:
        print(s, float.fromhex(s))
    for bad in ['0x', 'x1', '0x1p', '0x1.8p+99999']:
        try:
            float.fromhex(bad)
        except (ValueError, OverflowError) as e:
            print(type(e).__name__, e)
    z = complex(3, 4)
    print(z.conjugate(), (1 - 2j).conjugate(), (5).conjugate(), (2.5).conjugate())
    print((7).bit_length(), (10).as_integer_ratio(), True.conjugate())
    """,
]

CASES["unicode"] = [
    """
    words = ['Hello', 'WORLD', 'Straße', 'ǅungla', 'ΑΣ ΟΔΟΣ', 'ΌΣΟΣ Σ', 'İstanbul', 'ﬁsh',
             'élodie durand', 'ÉCOLE', 'ﬀ', 'ŉ', 'Привет мир', 'ǈ', 'ß', 'Σ', 'aΣ', 'aΣb']
    for w in words:
        print(w.upper(), w.lower(), w.casefold(), w.swapcase(), w.title(), w.capitalize())
    print('STRASSE'.casefold() == 'Straße'.casefold(), 'ǅ'.isupper(), 'ǅ'.istitle())
    """,
    """
    samples = ['123', 'abc', 'ÀÉÎ', 'àéî', '½', '٣', '²', 'Ⅻ', '日本語', 'x_y', ' ', '\\xa0',
               '\\u2003', '\\u200b', 'é1', 'Ǆ', 'ǅ', 'Éa', 'éA', '_é', '1é', '𝒳', '😀', '']
    for s in samples:
        print(ascii(s), [s.isalpha(), s.isdigit(), s.isnumeric(), s.isdecimal(), s.isalnum(),
                         s.isspace(), s.isupper(), s.islower(), s.istitle(),
                         s.isidentifier(), s.isprintable(), s.isascii()])
    """,
    """
    vals = ['é', 'plain', '日本', '\\xa0', '\\u200b', '\\x85', 'tab\\t', 'a\\'b"c', 'back\\\\',
            '\\U0001f600', '\\ud800', 'ß€']
    for v in vals:
        print(repr(v), ascii(v), f'{v!r}', '%r' % (v,))
    print(vals)
    print(['café', ('naïve', {'clé': 'é'})], [b'caf\\xc3\\xa9', 'café'])
    print(str(['é']), repr(('ñ',)), '{}'.format(['ü']), f'{["ø"]}')
    """,
    """
    def dedupe(s):
        return ''.join(dict.fromkeys(s))
    print([dedupe(w) for w in ['mississippi', 'banana', 'aAbBaA', 'héhé', '']])
    print(dict.fromkeys('cab', 0), list(dict.fromkeys([3, 1, 3, 2])))
    """,
]

CASES["slices"] = [
    """
    s = 'abcdefghijklmnopqrstuvwxyz'
    print(s[slice(2, 10, 2)], s[slice(5)], s[slice(20, None)], s[slice(None, None, -3)])
    sl = slice(1, None, 2)
    print(sl, sl.start, sl.stop, sl.step, sl.indices(10), list(range(10))[sl])
    print(slice(3), slice(1, 2), [1, 2, 3, 4][slice(1, 3)], (1, 2, 3)[slice(None, None, -1)])
    nums = list(range(10))
    nums[1::2] = [0] * 5
    print(nums)
    del nums[::3]
    print(nums)
    b = bytearray(b'abcdef')
    b[::2] = b'XYZ'
    print(b, range(10)[::3], b'abcd'[::-2])
    try:
        nums[::2] = [1]
    except ValueError as e:
        print('ValueError', e)
    try:
        nums[::0]
    except ValueError as e:
        print('ValueError', e)
    class C:
        def __getitem__(self, k):
            return k
    print(C()[1:2:3], C()[::2])
    """,
]

CASES["codecs"] = [
    """
    data = 'café'.encode('utf-8')
    print(data.decode('utf-8'), data.decode('latin-1'), data.decode('ascii', 'replace'))
    print('bad \\xff'.encode('ascii', errors='replace'), 'naïve'.encode('ascii', 'ignore'))
    print('naïve €'.encode('ascii', 'backslashreplace'), 'é€'.encode('latin-1', 'xmlcharrefreplace'))
    print(b'caf\\xe9 cr\\xe8me'.decode('utf-8', errors='replace'), b'a\\xffb'.decode('utf-8', 'ignore'))
    print('é'.encode('latin-1'), b'\\xe9'.decode('iso-8859-1'), 'x'.encode('UTF8'), 'é'.encode('utf-8-sig'))
    for obj, args in [('naïve', ('ascii',)), (b'caf\\xe9', ('utf-8',)), (b'\\xe6\\x97', ('utf-8',)),
                      ('€', ('latin-1',)), (b'ok\\x80', ('ascii',)), ('x', ('klingon',))]:
        try:
            print(obj.encode(*args) if isinstance(obj, str) else obj.decode(*args))
        except (UnicodeError, LookupError) as e:
            print(type(e).__name__, e)
    """,
]

CASES["json"] = [
    """
    import json
    docs = ['{"a": 1}', '[1, 2, 3]', "{'single': 'quotes'}", '{"a": }', '', '42', '"str"',
            '[1,]', '[1 2]', '{"a" 1}', '{"a":1,}', '"abc', '[1]x', 'nul', '01', '1.', '.5', '-',
            '"\\\\x"', '"a\\nb"', '[1,,2]', '{"a":1 "b":2}', 'NaN', '[-Infinity]', '[',
            '"\\\\u12"', '{"a":[1,2}', '  42  ', '[] []', '{,}', '{"a"}', '["a" , ]', '-0',
            '"\\\\ud83d\\\\ude00"', '{"a":1}garbage', '[[[]], [{]}, -1]', '[[]], [}]', '-e10',
            '{"a": "b": "c", "d"}', '{1: 2}', '[1.e5]', '[-.5]', '[00]', '\\n\\n  {"x": [1, 2,\\n 3,, 4]}',
            '{"k": [1, {"z": null, "a": [true, false]}], "e": "\\\\u00e9\\\\/"}', '[1e400, -0.0]']
    for text in docs:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as e:
            print(repr(text), '->', e, '|', e.msg, e.pos, e.lineno, e.colno)
        else:
            print(repr(text), '->', type(value).__name__, value)
    print(json.loads('[' * 200 + ']' * 200) is not None)
    try:
        json.loads(5)
    except TypeError as e:
        print('TypeError', e)
    """,
]

CASES["template"] = [
    """
    from string import Template
    t = Template('Dear $name, your order #$order_id ships on ${day}day.')
    print(t.substitute(name='Ana', order_id=1042, day='Mon'))
    try:
        t.substitute(name='Bo')
    except KeyError as e:
        print('missing key:', e, e.args, type(e).__name__)
    print(t.safe_substitute(name='Bo'))
    print(Template('Total: $$${amount}').substitute(amount='19.99'))
    """,
]


def _bits(x: float) -> int:
    value: int = struct.unpack("<Q", struct.pack("<d", x))[0]
    return value


def _random_float(rng: random.Random) -> float:
    r = rng.random()
    if r < 0.2:  # exact ties at some decimal place
        return (rng.randint(0, 10**6) + 0.5) / 10 ** rng.randint(0, 6)
    if r < 0.3:
        return rng.choice([0.0, -0.0, float("inf"), float("-inf"), float("nan"), 5e-324,
                           1.7976931348623157e308, 2.2250738585072014e-308, 1e16, 9.999999999999999e15,
                           0.1, 1e-5, 1e-4, 123456789012345678901234.0])  # fmt: skip
    if r < 0.6:
        return round(rng.uniform(-1000, 1000), rng.randint(0, 4))
    return rng.uniform(0, 1) * 10 ** rng.randint(-320, 308) * rng.choice((1, -1))


def _random_spec(rng: random.Random, types: str) -> str:
    spec = ""
    if rng.random() < 0.3:
        spec += rng.choice(["", "*", "0", " ", "é"]) + rng.choice("<>=^")
    if rng.random() < 0.3:
        spec += rng.choice("+- ")
    if rng.random() < 0.08:
        spec += "z"
    if rng.random() < 0.15:
        spec += "#"
    if rng.random() < 0.15:
        spec += "0"
    if rng.random() < 0.4:
        spec += str(rng.randint(1, 25))
    if rng.random() < 0.2:
        spec += rng.choice(",_")
    if rng.random() < 0.6:
        spec += "." + str(rng.choice([0, 1, 2, 3, 6, 10, 17]))
    return spec + rng.choice(types)


def _e_tie(rng: random.Random) -> tuple[int, str]:
    # A value whose digit after the last one '.pe' keeps is (near) a 5.
    p = rng.randint(0, 7)
    m = rng.randint(10**p, 10 ** (p + 1) - 1) + 0.5
    x = m * 10.0 ** (rng.randint(-30, 30) - p) * rng.choice((1, -1))
    return _bits(x), rng.choice(["", ">14", "+", "<15"]) + f".{p}" + rng.choice("eE")


def _battery(seed: int) -> str:
    """format(), f-strings and str.format on random values and specs, errors included."""
    rng = random.Random(seed)
    floats = [(_bits(_random_float(rng)), _random_spec(rng, ["", "e", "E", "f", "F", "g", "G",
                                                             "%", "n", "f", "g"]))
              for _ in range(400)] + [_e_tie(rng) for _ in range(150)]  # fmt: skip
    others = [
        (
            rng.choice([rng.randint(-(10**6), 10**6), rng.randint(-(10**25), 10**25), 0, True,
                        9731, "", "abc", "héllo", "日本語"]),
            _random_spec(rng, ["", "", "d", "x", "X", "o", "b", "c", "n", "s", "f", "%"]),
        )
        for _ in range(500)
    ]  # fmt: skip
    return (
        "import struct\n"
        f"floats = {floats!r}\n"
        f"others = {others!r}\n"
        "def show(f):\n"
        "    try:\n"
        "        return f()\n"
        "    except Exception as e:\n"
        "        return type(e).__name__ + ': ' + str(e)\n"
        "for bits, s in floats:\n"
        "    v = struct.unpack('<d', struct.pack('<Q', bits))[0]\n"
        "    print(s, show(lambda: format(v, s)), show(lambda: f'{v:{s}}'))\n"
        "for v, s in others:\n"
        "    print(s, show(lambda: format(v, s)), show(lambda: '{:{}}'.format(v, s)))\n"
    )


SNIPPETS = flatten(CASES)
SNIPPETS.update({f"battery-{seed}": _battery(seed) for seed in (1, 2, 3)})


@pytest.fixture(scope="module")
def reference() -> dict[str, str]:
    return reference_outputs(SNIPPETS)


@pytest.mark.parametrize("key", list(SNIPPETS))
def test_same_stdout_as_cpython(sandbox: Sandbox, reference: dict[str, str], key: str) -> None:
    assert_same_stdout(sandbox, SNIPPETS[key], reference[key])


@pytest.mark.parametrize(
    ("code", "needle"),
    [
        ("s = 'abcdef'\nsl = slice(None, None, 2)\nprint(s[sl])", "write s[a:b:c]"),
        ("print('x'.encode('cp1252'))", "utf-8, ascii or latin-1 only, not cp1252"),
        ("print(b'x'.decode('koi8-r'))", "not koi8-r"),
    ],
)
def test_what_cannot_be_matched_is_explained(sandbox: Sandbox, code: str, needle: str) -> None:
    r = sandbox.run(code)
    assert r.error is not None and r.error.hint is not None, r
    assert needle in r.error.hint


# -- the Unicode tables -------------------------------------------------------------

UCD_METHODS = ("upper", "lower", "casefold", "swapcase", "title", "capitalize", "isalpha",
               "isdigit", "isnumeric", "isdecimal", "isalnum", "isspace", "isupper", "islower",
               "istitle", "isidentifier", "isprintable")  # fmt: skip


def _load_ucd() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_wasmbox_ucd", LIB / "_wasmbox_ucd.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _set_runs(pred: object) -> list[tuple[int, int, int]]:
    members = [c for c in range(sys.maxunicode + 1) if pred(chr(c))]  # type: ignore[operator]
    runs = []
    i = 0
    while i < len(members):
        j = i
        while j + 1 < len(members) and members[j + 1] == members[j] + 1:
            j += 1
        k = i
        while k + 1 < len(members) and members[k + 1] == members[k] + 2:
            k += 1
        if k - i + 1 > j - i + 1 and k - i + 1 > 2:
            runs.append((members[i], k - i + 1, 2))
            i = k + 1
        else:
            runs.append((members[i], j - i + 1, 1))
            i = j + 1
    return runs


def _map_runs(mapping: dict[int, int]) -> list[tuple[int, int, int, int]]:
    keys = sorted(mapping)
    runs = []
    i = 0
    while i < len(keys):
        start = keys[i]
        delta = mapping[start] - start
        best = (1, 1)
        for step in (1, 2):
            j = i
            while (
                j + 1 < len(keys)
                and keys[j + 1] == keys[j] + step
                and mapping[keys[j + 1]] - keys[j + 1] == delta
            ):
                j += 1
            if j - i + 1 > best[0]:
                best = (j - i + 1, step)
        runs.append((start, best[0], best[1], delta))
        i += best[0]
    return runs


def _b36(n: int) -> str:
    if n < 0:
        return "-" + _b36(-n)
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def _cased(ch: str) -> bool:
    return ch.isupper() or ch.islower() or unicodedata.category(ch) == "Lt"


def _case_ignorable(ch: str) -> bool:
    # Case_Ignorable, as CPython's lower() uses it for the final sigma.
    if _cased(ch):
        return (" " + ch + "\u03a3").lower()[-1] == "\u03c3"
    return ("A\u03a3" + ch + "A").lower()[1] == "\u03c3"


def ucd_tables() -> dict[str, str]:
    """The tables of _wasmbox_ucd.py, computed from this CPython's own str methods."""
    sets = {
        "ALPHA": str.isalpha,
        "DECIMAL": str.isdecimal,
        "DIGIT": str.isdigit,
        "NUMERIC": str.isnumeric,
        "SPACE": str.isspace,
        "PRINTABLE": str.isprintable,
        "UPPER": str.isupper,
        "LOWER": str.islower,
        "TITLE": lambda ch: unicodedata.category(ch) == "Lt",
        "IGNORABLE": _case_ignorable,
        "IDSTART": str.isidentifier,
        "IDCONT": lambda ch: ("a" + ch).isidentifier(),
    }
    out = {}
    for name, pred in sets.items():
        parts, end = [], 0
        for start, count, step in _set_runs(pred):
            parts += [_b36(start - end), _b36(count), _b36(step)]
            end = start + (count - 1) * step + 1
        out["S_" + name] = " ".join(parts)
    maps = {"UPPER": str.upper, "LOWER": str.lower, "TITLE": str.title, "FOLD": str.casefold}
    for name, fn in maps.items():
        simple, special = {}, []
        for c in range(sys.maxunicode + 1):
            r = fn(chr(c))
            if r != chr(c):
                if len(r) == 1:
                    simple[c] = ord(r)
                else:
                    special.append(chr(c) + r)
        parts, end = [], 0
        for start, count, step, delta in _map_runs(simple):
            parts += [_b36(start - end), _b36(count), _b36(step), _b36(delta)]
            end = start + (count - 1) * step + 1
        out["M_" + name] = " ".join(parts)
        out["X_" + name] = "\x00".join(special)
    return out


def _needs_311() -> None:
    if sys.version_info[:2] != (3, 11):
        pytest.skip("the tables follow CPython 3.11's Unicode database")


def test_unicode_tables_are_current() -> None:
    _needs_311()
    assert ucd_tables() == _load_ucd()._TABLES


def test_unicode_methods_match_cpython() -> None:
    _needs_311()
    ucd = _load_ucd()
    rng = random.Random(5)
    singles = [chr(c) for c in range(0x3000)] + [
        chr(c) for c in range(0x3000, sys.maxunicode + 1, 97)
    ]
    pool = [chr(c) for c in [*range(0x20, 0x250), *range(0x370, 0x530)]] + [
        "\u03a3", "\u0345", "\u02bc", "'", ".", "\u1fbc", "\u0130", "\u00df", "\ufb01", "\u01c5",
    ] * 4  # fmt: skip
    strings = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 8))) for _ in range(4000)]
    for s in singles + strings:
        for name in UCD_METHODS:
            assert getattr(ucd, name)(s) == getattr(s, name)(), (s, name)


# -- the transformer ----------------------------------------------------------------


def _rewrites(source: str) -> str:
    out = transform(source)
    assert out.count("\n") == source.count("\n")
    compile(out, "main.py", "exec")
    return out


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = 1.5\ny = f'{x:.2f}!'", "__wb_f('{:.2f}!', (('.2f', None),), (x))"),
        ("x = 1\ny = f'{x!r:>5}'", "__wb_f('{!r:>5}', (('>5', 'r'),), (x))"),
        (
            "x = y = 1\nz = f'{x:{y}.{y}f}'",
            "z = __wb_fmt((x), '{}.{}f'.format(__wb_s(y), __wb_s(y)))",
        ),
        ("x = 2\ny = f'{x} {{}}'", "'{} {{}}'.format(__wb_s(x))"),
        ("x = 2\ny = f'{x=}'", "__wb_f('x={!r}', (('', 'r'),), (x))"),
        ("y = 'a{:>5}b'.format(1)", "__wb_f('a{:>5}b', (('>5', None),), 1)"),
        (
            "x = 1.5\ny = '{:.1f}|{}'.format(x, x)",
            "__wb_f('{:.1f}|{}', (('.1f', None), None), x, __wb_s(x))",
        ),
        ("y = '{0:.1f}'.format(2.5)", "'{0}'.format(__wb_fmt(2.5, '.1f'))"),
        ("y = '{x:,}'.format(x=10)", "'{x}'.format(x=__wb_fmt(10, ','))"),
        ("p = 1\ny = '{0.real}'.format(p)", "__wb_vformat('{0.real}', p)"),
        ("t = '{}'\ny = t.format(1)", "__wb_sformat(t, 1)"),
        ("s = 'x'\nprint(s.upper(), s.isalpha())", "__wb_u(s, 'upper'), __wb_u(s, 'isalpha')"),
        ("s = 'abc'\nprint(s[slice(1, None, 2)])", "__wb_slice(s, 1, None, 2)"),
        ("sl = slice(3)", "sl = __wb_mkslice(3)"),
        ("a = [1, 2]\na[::2] = [0]", "__wb_setslice(a, None, None, 2, [0])"),
        ("a = [1, 2]\ndel a[::2]", "__wb_delslice(a, None, None, 2)"),
        ("d = dict.fromkeys('ab')", "__wb_fromkeys('ab')"),
        ("x = 0.5\nprint(x)", "__wb_print(x)"),
        ("x = 0.5\ny = str(x)", "__wb_str(x)"),
        ("b = 'x'.encode('latin-1')", "__wb_call('x', 'encode', 'latin-1')"),
        ("b = b'x'.decode('ascii', 'ignore')", "__wb_call(b'x', 'decode', 'ascii', 'ignore')"),
        ("z = 1j\nprint(z.conjugate())", "__wb_call(z, 'conjugate')"),
        ("print(float.fromhex('0x1p0'))", "__wb_call(float, 'fromhex', '0x1p0')"),
    ],
)
def test_formatting_rewrites(source: str, expected: str) -> None:
    assert expected in _rewrites(source)


@pytest.mark.parametrize(
    "source",
    [
        "print('a', 'b')\ny = f'{\"x\"} {3}' + '{'",  # only text: MicroPython prints it right
        "y = '{} {}'.format(1, 'a')",  # plain fields, text arguments
        "b = 'x'.encode('utf-8') + b'{'",  # MicroPython's own encoding
        "d = {'k': 1}\nprint(str(7), 'x')",
    ],
)
def test_what_micropython_gets_right_stays(source: str) -> None:
    out = transform(source)  # parsed: the '{' triggers
    for helper in ("__wb_fmt", "__wb_print", "__wb_s(", "__wb_str", "__wb_sformat", "__wb_call"):
        assert helper not in out, out


@pytest.mark.parametrize(
    "source",
    [
        "def print(*a):\n    pass\nx = 0.5\nprint(x)",
        "import logging\nprint = logging.info\nprint(1.5)",
        "def f(str):\n    return str(2.5)",
        "from builtins import str as str\ny = str(0.5)",
        "slice = lambda *a: a\ns = 'abc'\nx = (s[slice(1)], slice(2))",
    ],
)
def test_names_the_code_rebinds_are_not_rewritten(source: str) -> None:
    out = _rewrites(source)
    for helper in ("__wb_print", "__wb_str", "__wb_mkslice", "__wb_slice"):
        assert helper not in out, out


def test_print_of_a_name_goes_through_the_runtime_only_when_parsed() -> None:
    # The trigger decides: a program with nothing to rewrite is not even parsed.
    plain = "total = 0\nfor i in range(10):\n    total += i\nprint(total)"
    assert transform(plain) is plain
    assert "__wb_print(x)" in transform("x = 1 / 3\nprint(x)")


def test_multiline_fstring_keeps_lines_and_nested_fstrings_compile() -> None:
    source = "x = 3\ny = f'''a\n{x:>4}\n{[f'{i:02d}' for i in range(x)]}'''\nz = 1\n"
    out = _rewrites(source)
    tree = ast.parse(out)
    assert [n.lineno for n in tree.body] == [1, 2, 5]


def test_format_plan_falls_back_to_the_runtime() -> None:
    for source in (
        "y = '{} {0}'.format(1, 2)",  # numbering mixed: the runtime raises CPython's error
        "y = '{0:>3} {0}'.format(1)",  # one argument, two fields
        "y = '{:{}}'.format(1, 3)",  # nested spec
        "a = [1]\ny = '{:>3}'.format(*a)",  # starred arguments
        "y = '{'.format()",  # malformed
    ):
        assert "__wb_vformat(" in _rewrites(source), source


if __name__ == "__main__":
    for key, value in ucd_tables().items():
        print(f"    {key!r}: {value!r},")
