"""Overlay modules, part C (src/wasmbox/guest/lib): math (installed at boot as
sys.modules['math']), struct, os and os.path (posixpath), pathlib, fnmatch,
secrets, html (+ html.entities), shlex, urllib.parse.

Each snippet runs in wasmbox and under CPython 3.11 (all snippets in one CPython
process, each in its own temporary working directory); the two stdouts must be
equal. Snippets avoid what MicroPython cannot match whatever the overlay does:
the repr of subnormal floats and of non-ASCII strings (they print ascii()),
libm's last bit (lgamma), random values (secrets prints shapes only),
directory listing order (sorted) and the host's environment.
Guest-only tests pin down the loading strategy: math at boot, os lazily.
"""

from __future__ import annotations

import textwrap

import pytest

from cpython import assert_same_stdout, flatten, reference_outputs
from wasmbox import Sandbox

CASES: dict[str, list[str]] = {}

CASES["math"] = [
    """
    import math
    from math import *
    print(math.__name__, 'sys' in dir(math), pi, e, tau, inf, -inf, nan)
    print(math.gcd(0), math.gcd(-12), math.gcd(True, 4), math.gcd(12, 18, 30), math.gcd())
    print(math.lcm(3), math.lcm(-3, 0), math.lcm(2**70, 3), math.lcm(4, 6, 10), math.lcm())
    lcm = 1
    for n in range(1, 21):
        lcm = lcm * n // math.gcd(lcm, n)
    print(lcm, math.lcm(*range(1, 21)))
    class Six:
        def __index__(self):
            return 6
    print(math.gcd(Six(), 4), math.comb(Six(), 2), math.factorial(Six()), math.isqrt(Six()))
    """,
    """
    import math
    tests = [(math.gcd, (1.5, 2)), (math.lcm, ('a',)), (math.isqrt, (-1,)), (math.isqrt, (2.0,)),
             (math.comb, (5, -1)), (math.comb, (-5, 1)), (math.perm, (-1,)), (math.perm, (-1, 1)),
             (math.comb, (5.0, 2)), (math.factorial, (-1,)), (math.factorial, (2.5,)),
             (math.factorial, (3.0,)), (math.sqrt, (-1,)), (math.log, (0,)), (math.log, (-1,)),
             (math.dist, ((1, 2), (1,))), (math.fsum, ([float('inf'), float('-inf')],)),
             (math.fsum, ([1e308, 1e308, -1e308],)), (math.hypot, ('a',)), (math.fsum, (['a'],)),
             (math.prod, ([1, 'a'],)), (math.acos, (2,)), (math.remainder, (1, 0)),
             (math.remainder, (float('inf'), 1)), (math.log1p, (-1,))]
    for f, args in tests:
        try:
            print(f(*args))
        except Exception as ex:
            print(type(ex).__name__, ex)
    """,
    """
    import math
    print(math.comb(5, 2), math.comb(52, 5), math.perm(5, 2), math.perm(4), math.perm(3, 4))
    print(math.comb(1000, 500) % 10**9, math.comb(10, 0), math.comb(3, 5), math.perm(10, 0))
    print([math.comb(10, k) for k in range(11)], math.factorial(0), math.factorial(30))
    print(math.isqrt(True), math.isqrt(10**50), math.isqrt(10**20 + 1), math.isqrt(99))
    print([math.isqrt(i) for i in range(26)], math.isqrt(2**200 - 1) == 2**100 - 1)
    print(math.prod([1, 2, 3, 4, 5]), math.prod(range(1, 21)), math.prod([]))
    print(math.prod([2] * 10, start=3), math.prod(x for x in [1.5, 2]), math.prod([[1]], start=2))
    """,
    """
    import math
    print(sum([0.1] * 10), math.fsum([0.1] * 10), math.fsum([0.1, 0.2, 0.3]), math.fsum([]))
    print(math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.fsum(iter([1, 2])))
    print(math.fsum([1e308, -1e308, 1e308]), math.fsum([-0.0]), math.fsum([float('nan'), 1]))
    print(math.fsum([float('inf'), 1.0, float('inf')]), math.fsum([2**60, 1, -2**60]))
    print(math.fsum([1.0, 1e-16, 1e-16]), math.fsum([0.5, 2**-53, 2**-106]))
    x = [1.0 / n for n in range(1, 200)]
    print(math.fsum(x), math.fsum(x + [-y for y in x]))
    """,
    """
    import math
    print(math.hypot(3, 4), math.hypot(3, 4, 12), math.hypot(), math.hypot(-5), math.hypot(-0.0))
    print(math.hypot(1e308, 1e308), math.hypot(1e-200, 1e-200), math.hypot(*range(10)))
    print(math.hypot(0.1, 0.2, 0.3), math.hypot(float('nan'), float('inf')), math.hypot(2, True))
    print(math.dist((0, 0), (6, 8)), math.dist((1.5, 2.5, 3.5), (0, 0, 0)), math.dist([1], [4]))
    """,
    """
    import math
    print(math.remainder(5, 2), math.remainder(7, 2), math.remainder(-5, 2), math.remainder(5.5, 1))
    print(math.remainder(1e300, 3), math.remainder(3, float('inf')), math.remainder(-4, 3))
    print(math.nextafter(1, 2), math.nextafter(1, 0), math.nextafter(-1, -2), math.nextafter(2, 2))
    print(math.nextafter(1.7976931348623157e308, math.inf), math.nextafter(0.5, -1))
    print(math.ulp(1), math.ulp(-1e10), math.ulp(math.inf), math.ulp(1.7976931348623157e308))
    print(math.log1p(0), math.log1p(1e-20), math.log1p(1), math.log1p(-0.5), math.exp2(10))
    print(math.cbrt(-8), math.cbrt(0.0), math.cbrt(64))  # glibc's cbrt(27) is 1 ulp off
    """,
    """
    import math
    print(math.sqrt(144), math.sqrt(2), math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5))
    print(math.floor(10**20), math.ceil(5), type(math.floor(2.0)).__name__, math.pow(2, 10))
    print(math.degrees(math.pi / 2), math.radians(180), round(math.sin(math.pi / 6), 10))
    print(math.log(math.e), math.log10(1000), math.log2(1024), math.log(8, 2), math.exp(0))
    print(math.copysign(2, -0.0), math.fmod(7, -3), math.modf(-2.5), math.frexp(8.0))
    print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1e-10, 0, abs_tol=1e-9))
    print(math.isinf(1e309), math.isnan(float('nan')), math.isfinite(1.0), math.gamma(5))
    """,
    """
    import math
    class Vector:
        def __init__(self, x, y):
            self.x, self.y = x, y
        def __abs__(self):
            return math.hypot(self.x, self.y)
    print(abs(Vector(3, 4)), abs(Vector(-5, 12)), abs(Vector(0, 0)))
    print(f"1 in {math.comb(49, 6):,}")
    """,
]

CASES["struct"] = [
    """
    import struct
    print(struct.calcsize('ci'), struct.calcsize('iiic'), struct.calcsize('@ci'),
          struct.calcsize('=ci'), struct.calcsize('qc'), struct.calcsize('cq'),
          struct.calcsize('P'), struct.calcsize('n'), struct.calcsize('e?'),
          struct.calcsize('c0i'), struct.calcsize('<l'), struct.calcsize('l'),
          struct.calcsize('>HIf'), struct.calcsize(b'<4sBBH'), struct.calcsize(''))
    """,
    """
    import struct
    cases = [('<hHiIqQ', (-1, 65535, -2**31, 2**32-1, -2**63, 2**64-1)), ('>bB?', (-128, 255, 7)),
             ('!lL', (-5, 5)), ('=i', (3,)), ('@chq', (b'x', -2, 2**60)),
             ('<4s3p0sx2c', (b'abcdef', b'xyzw', b'', b'a', b'b')), ('<efd', (1.5, 0.1, -2.5e300)),
             ('<2h h', (1, 2, 3)), ('nNP', (-1, 1, 2)), (b'<h', (7,)), ('>HIf', (7, 123456, 1.5)),
             ('<4sBBH', (b'WAVE', 1, 2, 44100)), ('<e', (65504.0,)), ('<f', (float('inf'),)),
             ('<3?', (0, [], 'x')), ('>d', (float('-inf'),))]
    for f, v in cases:
        data = struct.pack(f, *v)
        print(f, data, data.hex(), struct.unpack(f, data))
    """,
    """
    import struct
    points = [(1, 2), (3, 4), (5, 6)]
    blob = b''.join(struct.pack('<hh', *p) for p in points)
    print(list(struct.iter_unpack('<hh', blob)), list(struct.iter_unpack('<bc?', b'\\x01a\\x00\\xffb\\x02')))
    s = struct.Struct('<I2s')
    print(s.format, s.size, s.pack(5, b'ok'), s.unpack(b'\\x05\\x00\\x00\\x00ok'))
    print(s.unpack_from(b'zz\\x05\\x00\\x00\\x00ok', 2), list(s.iter_unpack(b'\\x05\\x00\\x00\\x00ok' * 2)))
    print(struct.Struct(b'>h').format, struct.Struct('3x').size)
    b = bytearray(10)
    struct.pack_into('<hh', b, 2, 1, -1)
    struct.pack_into('<b', b, -1, 9)
    s.pack_into(b, 4, 7, b'zz')
    print(b, struct.unpack_from('<hh', b, offset=2), struct.unpack_from('<b', b, -1))
    print(struct.unpack('<h', memoryview(b'\\x01\\x02')), struct.unpack('<I', bytearray(b'\\x01\\x02\\x03\\x04')))
    print(struct.unpack('<1000B', bytes(range(250)) * 4)[-3:], len(struct.pack('2000q', *range(2000))))
    """,
    """
    import struct
    def err(*a, f=struct.pack):
        try:
            print(f(*a))
        except Exception as e:
            print(type(e).__name__, e)
    for f in ['<b', '<B', '<h', '<H', '<i', '<I', '<q', '<Q', 'b', 'B', 'h', 'H', 'i', 'I', 'l', 'L',
              'q', 'Q', 'n', 'N']:
        for v in [300, -1, -200, 70000, 2**32, 2**63, -2**63 - 1, 2**64]:
            err(f, v)
    """,
    """
    import struct
    def err(*a, f=struct.pack):
        try:
            print(f(*a))
        except Exception as e:
            print(type(e).__name__, e)
    err('<h', 1.5); err('<h', '1'); err('<s', 1); err('<c', 'a'); err('<c', b'ab'); err('<?', [])
    err('<hh', 1); err('<h', 1, 2); err('<3x'); err('<z', 1); err('<d', 'x'); err('<p', b'abc')
    err('<e', 65520.0); err('<f', 1e39); err('<P', 1); err('<3', 1); err(5, 1); err('<d', 3)
    err('<5p', b'abcdefgh'); err(' <h', 1); err('<i', True); err('<d', True); err('<?', None)
    err('<h', b'abc', f=struct.unpack); err('<hh', b'ab', f=struct.unpack)
    err('<h', 'ab', f=struct.unpack); err('<i', b'abc', 1, f=struct.unpack_from)
    err('<i', b'abcdef', -7, f=struct.unpack_from); err('<h', b'abc', f=struct.iter_unpack)
    err('', b'', f=struct.iter_unpack); err('x', f=struct.calcsize)
    err('<i', bytearray(4), 1, 5, f=struct.pack_into); err('<i', bytearray(4), -2, 5, f=struct.pack_into)
    err('<i', bytearray(4), -9, 5, f=struct.pack_into); err('<i', b'abcd', 0, 5, f=struct.pack_into)
    err('<hh', 1, f=struct.Struct('<hh').pack)
    print(struct.error.__name__, issubclass(struct.error, Exception))
    """,
]

CASES["os"] = [
    """
    import os.path
    paths = ['/home/ann/docs/report.final.pdf', 'relative/dir/', 'file', '/', 'archive.tar.gz',
             '', '.', '..', '//x//y//', '.bashrc', 'a/.b.c', 'a..b', '///', 'a/b/', '/a/b.']
    for p in paths:
        print(repr(p), os.path.basename(p), os.path.dirname(p), os.path.splitext(p), os.path.split(p))
    print(os.path.join('a', 'b', 'c.txt'), os.path.join('/root', '/abs', 'x'), os.path.join('a/', 'b'))
    print(os.path.join('', 'x'), os.path.join('a', ''), os.path.join('a'), os.path.isabs('/x'), os.path.isabs('x'))
    """,
    """
    import os.path as P
    for p in ['a/./b/../c//d', '', '/..', '//a/b', '///a/b', '../../x', 'a/../..', './', '/./a/', 'a/b/../../..']:
        print(repr(p), P.normpath(p))
    print(P.commonprefix(['/usr/lib', '/usr/local']), P.commonprefix([]), P.commonprefix([[1, 2], [1, 3]]))
    print(P.commonpath(['/a/b/c', '/a/b/d']), P.commonpath(['a/b', 'a/c']), P.commonpath(['/a//b/', '/a/b/c']))
    for bad in [[], ['/a', 'b']]:
        try:
            P.commonpath(bad)
        except ValueError as e:
            print(e)
    print(P.relpath('/a/b/c', '/a/d'), P.relpath('/a', '/a'), P.relpath('/x/y', '/'), P.splitdrive('/a'))
    print(P.normcase('AbC'), P.expanduser('x/~'), P.expandvars('no vars'), P.sep, P.curdir, P.pardir)
    try:
        P.join('a', 3)
    except TypeError:
        print('TypeError')
    """,
    """
    import os
    os.makedirs('a/b/c')
    os.makedirs('a/b/c', exist_ok=True)
    try:
        os.makedirs('a/b/c')
    except FileExistsError:
        print('exists')
    with open('a/b/f.txt', 'w') as f:
        f.write('hi')
    for t in os.walk('a'):
        print(t)
    for t in os.walk('a', topdown=False):
        print(t)
    print(os.stat('a/b/f.txt').st_size, os.path.getsize('a/b/f.txt'), os.path.isfile('a/b/f.txt'))
    print(os.path.isdir('a/b'), os.path.isdir('a/b/f.txt'), os.path.exists('nope'), os.path.isfile('a'))
    with os.scandir('a/b') as it:
        print(sorted([(e.name, e.is_dir(), e.is_file(), e.path) for e in it]))
    print(sorted(os.listdir('a/b')), os.path.abspath('x/../y') == os.path.join(os.getcwd(), 'y'))
    os.rename('a/b/f.txt', 'a/g.txt')
    os.replace('a/g.txt', 'a/h.txt')
    print(sorted(os.listdir('a')), os.path.exists('a/g.txt'))
    os.remove('a/h.txt')
    os.removedirs('a/b/c')
    print(os.listdir('.'), os.path.exists('a'))
    """,
    """
    import os
    print(os.name, os.sep, os.linesep == '\\n', os.curdir, os.pardir, os.extsep, os.pathsep, os.devnull)
    os.environ['WB_TEST_VAR'] = 'v 1'
    print(os.environ['WB_TEST_VAR'], os.getenv('WB_TEST_VAR'), os.environ.get('WB_TEST_VAR'))
    print('WB_TEST_VAR' in os.environ, os.environ.get('WB_NOPE_VAR', 'd'), os.getenv('WB_NOPE_VAR'))
    del os.environ['WB_TEST_VAR']
    print('WB_TEST_VAR' in os.environ, os.environ.pop('WB_TEST_VAR', 'gone'))
    try:
        os.environ['WB_NOPE_VAR']
    except KeyError as e:
        print('KeyError')
    print(os.fspath('x'), os.fsencode('a'), os.fsdecode(b'b'), os.path is __import__('posixpath'))
    class P:
        def __fspath__(self):
            return 'p.txt'
    print(os.fspath(P()), os.path.join(P(), 'q'), os.path.basename(P()))
    try:
        os.fspath(3)
    except TypeError as e:
        print(e)
    try:
        os.no_such_attribute
    except AttributeError as e:
        print(e)
    from os import path, sep
    from os.path import join, splitext
    print(path.join('a', 'b'), sep, join('c', 'd'), splitext('e.f'))
    """,
]

CASES["pathlib"] = [
    """
    from pathlib import PurePosixPath
    p = PurePosixPath('/srv/app/static/css/main.min.css')
    print(p.name, p.stem, p.suffix, p.suffixes)
    print(p.parent, p.parents[2], p.parts[:3])
    print(p.with_suffix('.map'), p.with_name('theme.css'))
    print(PurePosixPath('docs') / 'guide' / 'intro.md')
    print(p.relative_to('/srv/app'), p.is_absolute(), p.match('*.css'))
    """,
    """
    from pathlib import PurePosixPath as P, PurePath, Path, PosixPath
    print(repr(P('/a/b').relative_to('/')), repr(P('a/b').relative_to('a')), repr(P('a/b').relative_to('')))
    for a, b in [('/a/b', 'a'), ('a/b', '/a'), ('/a/b', '/c'), ('/a', '')]:
        try:
            P(a).relative_to(b)
        except ValueError as e:
            print(e)
    print(repr(P('//a/b')), repr(P('///a/b')), repr(P('a//b/./c/..')), repr(P('')), repr(P()), repr(P('/')))
    print(P('/').name, P('/').parent, P('.').parent, P('a').parent, P('/a').parent, P('a', 'b', '/c', 'd'))
    p = P('/srv/app/x.tar.gz')
    print(p.parents, list(p.parents), p.parents[-1], p.parents[0:2], len(p.parents))
    print(p.parts, p.root, p.anchor, repr(p.drive), p.as_posix(), P('/a b').as_uri())
    print(P('a/.hidden').suffix, P('a/.hidden').stem, P('a/b.').suffix, P('a/b.').suffixes, P('a/..b.c').suffixes, P('x.').stem)
    print(type(Path('a')).__name__, type(PurePath('a')).__name__, repr(Path('x')), isinstance(Path('a'), P))
    print(Path('a') == P('a'), P('a') == P('a/'), P('a') < P('b'), sorted([P('b'), P('a/c'), P('a')]))
    print(hash(P('a')) == hash(P('a/.')), P('a') / 'b' / P('/c'), 'x' / P('y'), P('a').joinpath('b', 'c'))
    print(P('/a').with_stem('zz'), P('a').is_reserved(), P('/a/b').is_relative_to('/a'), P('/a/b').is_relative_to('/c'))
    """,
    """
    from pathlib import PurePosixPath as P
    for s in ['', '.txt', 'txt', '.', '/x', '.a.b']:
        try:
            print(repr(P('a/b.c').with_suffix(s)))
        except ValueError as e:
            print(e)
    for s in ['', 'x', 'a/b', '.']:
        try:
            print(repr(P('a/b.c').with_name(s)))
        except ValueError as e:
            print(e)
    for bad in [lambda: P('/').with_name('x'), lambda: P('a').parents[1], lambda: P(b'a'), lambda: P('a') / 3]:
        try:
            bad()
        except (ValueError, IndexError, TypeError) as e:
            print(type(e).__name__)
    pats = ['*.py', 'b/*.py', '/*.py', '/a/*/*.py', '*.PY', 'a/*.py', '[bc]/?.py', '**/c.py', '*']
    for q in ['/a/b/c.py', 'c.py', 'b/c.py']:
        print(q, [P(q).match(pat) for pat in pats])
    """,
    """
    from pathlib import Path
    base = Path('proj')
    (base / 'src' / 'pkg').mkdir(parents=True)
    (base / 'src' / 'pkg').mkdir(parents=True, exist_ok=True)
    try:
        (base / 'src').mkdir()
    except FileExistsError:
        print('exists')
    try:
        (base / 'x' / 'y').mkdir()
    except FileNotFoundError:
        print('missing parent')
    print((base / 'src' / 'a.py').write_text('print(1)\\n'), (base / 'README.md').write_bytes(b'# hi'))
    (base / 'src' / 'pkg' / 'b.py').write_text('x')
    (base / 'src' / 'pkg' / '.hidden.py').write_text('')
    print((base / 'src' / 'a.py').read_text(), (base / 'README.md').read_bytes())
    print((base / 'README.md').exists(), (base / 'nope').exists(), base.is_dir(), (base / 'README.md').is_file())
    print(sorted(str(p) for p in base.iterdir()), sorted(str(p) for p in base.glob('*')))
    print(sorted(str(p) for p in base.glob('src/*.py')), sorted(str(p) for p in base.glob('**/*.py')))
    print(sorted(str(p) for p in base.rglob('*.py')), sorted(str(p) for p in base.glob('**')))
    print(sorted(str(p) for p in base.glob('*/p?g')), sorted(str(p) for p in base.glob('[rs]*')))
    with (base / 'notes.txt').open('w') as f:
        f.write('line1\\nline2\\n')
    with open(base / 'notes.txt') as f:
        print(f.read().splitlines())
    print(Path('proj/../proj/./src').resolve() == Path.cwd() / 'proj' / 'src', (base / 'README.md').stat().st_size)
    print(Path('x').absolute() == Path.cwd() / 'x', Path.cwd().is_absolute())
    new = (base / 'notes.txt').rename(base / 'n2.txt')
    print(repr(new), new.exists(), (base / 'notes.txt').exists())
    new.unlink()
    new.unlink(missing_ok=True)
    try:
        new.unlink()
    except FileNotFoundError:
        print('gone')
    (base / 't').touch()
    print((base / 't').exists(), (base / 't').read_bytes())
    try:
        Path('a').write_text(b'x')
    except TypeError as e:
        print(e)
    """,
]

CASES["fnmatch"] = [
    """
    from fnmatch import fnmatch, fnmatchcase, filter
    names = ['a.py', 'b.PY', '.x.py', 'data1.csv', 'data22.csv', '[x].txt', 'a*b', 'ab', 'a\\nb', '']
    pats = ['*.py', '*', '?.py', 'data?.csv', 'data[0-9]*.csv', '[!a]*', '[[]x].txt', 'a[*]b', 'a*b',
            '*[', '[a-', '[]]', '[!]]', 'a?b', '']
    for p in pats:
        print(repr(p), filter(names, p), fnmatch('A.py', p), fnmatchcase('ab', p))
    print(fnmatch('a' * 60, '*a*a*a*a*a*b'), fnmatch('a' * 60 + 'b', '*a*a*a*a*a*b'))
    """,
]

CASES["secrets"] = [
    """
    import secrets, string
    t = secrets.token_hex(16)
    print(len(t), all(c in '0123456789abcdef' for c in t), len(secrets.token_hex()), len(secrets.token_hex(0)))
    for n in (0, 1, 2, 3, 16, 24, 32, None):
        u = secrets.token_urlsafe(n)
        print(len(u), all(c.isalnum() or c in '-_' for c in u))
    print(len(secrets.token_bytes()), type(secrets.token_bytes(3)).__name__, secrets.token_bytes(0))
    alphabet = string.ascii_letters + string.digits
    password = ''.join(secrets.choice(alphabet) for _ in range(12))
    print(len(password), set(password) <= set(alphabet))
    print(all(0 <= secrets.randbelow(7) < 7 for _ in range(200)), sorted(set(secrets.randbelow(3) for _ in range(300))))
    print(secrets.randbelow(1), all(0 <= secrets.randbits(5) < 32 for _ in range(100)), secrets.randbits(0))
    print(set(secrets.choice('ab') for _ in range(100)) == {'a', 'b'}, secrets.choice([7]), secrets.DEFAULT_ENTROPY)
    print(secrets.token_hex(8) != secrets.token_hex(8), isinstance(secrets.SystemRandom().random(), float))
    """,
    """
    import secrets
    for bad in [lambda: secrets.randbelow(0), lambda: secrets.randbelow(-3), lambda: secrets.choice([]),
                lambda: secrets.compare_digest('\\xe9', '\\xe9')]:
        try:
            bad()
            print('no error')
        except Exception as e:
            print(type(e).__name__, e)
    for a, b in [(b'a', 'a'), ('a', b'a'), (1, b'a'), (b'a', 1), ('a', 1), (1, 'a'), ([], [])]:
        try:
            secrets.compare_digest(a, b)
        except TypeError as e:
            print(e)
    print(secrets.compare_digest('abc', 'abc'), secrets.compare_digest('abc', 'abd'), secrets.compare_digest(b'x', b'xy'))
    print(secrets.compare_digest(b'', b''), secrets.compare_digest(bytearray(b'k'), b'k'), secrets.compare_digest('', 'a'))
    """,
]

CASES["html"] = [
    """
    import html
    snippet = '<a href="x?a=1&b=2">Tom & Jerry\\'s</a>'
    escaped = html.escape(snippet)
    print(escaped, html.escape(snippet, quote=False), html.escape(''))
    print(html.unescape(escaped) == snippet, ascii(html.unescape('&lt;3 &amp; &copy; &#169;')))
    for s in ['&amp;amp;', '&#x41;&#65;&#0;&#x110000;&#128;&#xD800;', '&notit; &notin; &noti', '&AMP &amp',
              '&#', '&#x;', '&#65', '&lt', '&unknown;', '&Eacute;&eacute;&hellip;&nbsp;|', 'a&b', '&', '&&lt;;',
              '&#9;&#13;&#1;&#x80;&#x9F;&#xFFFE;&#x10FFFF;&#11;', '&#X4a;&#x4A', '&' + 'a' * 40 + ';',
              '&ThickSpace;&NewLine;&fjlig;&bne;', 'no amp', '&zwj;\\x01\\u200d\\x00zwnj; &x\\x00y;', '&#0000065;',
              '&#99999999999999999999;', '&copy&copy;&copysr;&amp;lt;']:
        print(ascii(html.unescape(s)))
    """,
    """
    import html
    seed = 12345
    def rnd(n):
        global seed
        seed = (seed * 1103515245 + 12345) % 2147483648
        return seed % n
    pieces = ['&', '#', 'x', 'X', '1', '0', '9', 'f', 'amp', 'not', 'in', ';', ' ', 'a', 'lt', 'copy',
              'E', 'acute', '\\n', '\\xe9', 'zz', 'sup', '2', 'frac12', 'AElig']
    out = []
    for _ in range(400):
        s = ''.join(pieces[rnd(len(pieces))] for _ in range(rnd(14)))
        out.append(ascii(html.unescape(s)))
    print('\\n'.join(out))
    """,
    """
    import html.entities as E
    from html.entities import name2codepoint, codepoint2name, entitydefs, html5
    print(len(E.html5), len(html5), E.html5['amp;'], ascii(E.html5['NewLine;']), ascii(html5['fjlig;']))
    print(len(name2codepoint), name2codepoint['amp'], codepoint2name[38], ascii(entitydefs['copy']))
    print(len(codepoint2name), len(entitydefs), 'amp' in html5, 'amp;' in html5, 'ampx' in html5)
    """,
]

CASES["shlex"] = [
    """
    import shlex
    cmd = "grep -r \\"hello world\\" --include=*.py ./src 'single quoted'"
    print(shlex.split(cmd))
    print(shlex.quote('file name.txt'), shlex.quote('safe.txt'), shlex.join(['echo', 'a b', 'c']))
    print(shlex.split('a "b c" d\\\\ e \\'f g\\' "h\\\\"i" #c'), shlex.split('a #b', comments=True), shlex.split('x="1 2"y'))
    print(shlex.split('"a\\\\b" \\'c\\\\d\\' e\\\\\\\\f "" \\'\\' g"" "\\\\\\\\"'), shlex.split('  lead  trail  '), shlex.split(''))
    print(shlex.split('a#b c', comments=True), shlex.split('a\\n#c\\nb', comments=True), shlex.split('a\\tb\\nc'))
    for q in ['', 'abc', 'a b', "it's", 'a$b', '@%+=:,./-_', '\\xe9', '"', 'a\\nb', '*']:
        print(ascii(shlex.quote(q)))
    for bad in ['"abc', "'abc", 'abc\\\\']:
        try:
            print(shlex.split(bad))
        except ValueError as e:
            print('ValueError', e)
    print(shlex.split('a "b c"', posix=False), shlex.join(['echo', 'a b', "c'd", '']))
    print(shlex.split('x ' * 2000)[-2:], len(shlex.split('"' + 'y ' * 3000 + '"')[0]))
    """,
    """
    import shlex
    print(list(shlex.shlex('foo = bar(1, "two") # comment\\nnext')))
    lex = shlex.shlex('a b,c', posix=True)
    lex.whitespace_split = True
    print(list(lex))
    lex = shlex.shlex("x 'y z' \\"w\\"", posix=True)
    print(lex.get_token(), lex.get_token(), lex.get_token(), lex.get_token())
    lex = shlex.shlex("x 'y z'")
    print(lex.get_token(), lex.get_token(), repr(lex.get_token()))
    lex = shlex.shlex('a b')
    lex.push_token('z')
    print(list(lex), lex.lineno)
    """,
]

CASES["urllib"] = [
    """
    from urllib.parse import parse_qs, unquote, urlencode, urlparse
    url = 'https://shop.example.com/search?q=red%20shoes&size=42&size=43&sort=price&page=2'
    parts = urlparse(url)
    print(parts.scheme, parts.netloc, parts.path)
    params = parse_qs(parts.query)
    for key in sorted(params):
        print(key, params[key])
    manual = {}
    for pair in parts.query.split('&'):
        k, _, v = pair.partition('=')
        manual.setdefault(k, []).append(unquote(v))
    print(manual == params, params)
    print(urlencode({'q': 'blue hat', 'page': 3}))
    """,
    """
    from urllib.parse import urlparse, urlsplit
    for u in ['https://user:pw@Shop.Example.com:8080/a/b;p=1?q=red%20shoes&x=1#frag', 'http://[::1]:80/x',
              'mailto:someone@example.com', '//host/path', '/just/path?q', 'path/only', 'HTTP://EX.com',
              'file:///etc/passwd', 'a1+b.c:rest', '1a:b', ' \\thttp://x.com/\\n ', 'http://x.com/p;a;b',
              'foo:bar;baz', 'http://x.com?q#f', 'ftp://u@h', 'http://h:abc/', '', 'http://h:/', 'tel:+1-555;ext=1',
              'http://[fe80::1%25eth0]:8080/', 'HTTPS://User@HOST.com']:
        r = urlparse(u)
        s = urlsplit(u)
        print(r)
        print(s, r.geturl(), s.geturl())
        try:
            print(r.username, r.password, r.hostname, r.port)
        except ValueError as e:
            print('ValueError', e)
    """,
    """
    from urllib.parse import urljoin, urlparse, urlunparse, urlunsplit, urldefrag, urlsplit
    print(urlparse('x', 'https'), urlparse('http://a/b#c', allow_fragments=False))
    print(urlunparse(('http', 'h', '/p', 'a', 'q=1', 'f')), urlunsplit(('', '', 'p', '', '')))
    print(urlunsplit(('https', '', 'p', '', '')), urlunsplit(('mailto', '', 'x@y', '', '')))
    base = 'http://a/b/c/d;p?q'
    for rel in ['g:h', 'g', './g', 'g/', '/g', '//g', '?y', 'g?y', '#s', 'g#s', 'g?y#s', ';x', 'g;x',
                'g;x?y#s', '', '.', './', '..', '../', '../g', '../..', '../../', '../../g', '../../../g',
                '../../../../g', '/./g', '/../g', 'g.', '.g', 'g..', '..g', './../g', './g/.', 'g/./h',
                'g/../h', 'g;x=1/./y', 'g;x=1/../y', 'http:g', 'https://other/x']:
        print(repr(rel), urljoin(base, rel))
    print(urljoin('http://a/b/', 'c'), urljoin('', 'x'), urljoin('mailto:a', 'b'), urljoin(b'http://a/b', b'c'))
    print(urldefrag('http://a/b#c'), urldefrag('http://a/b'), urldefrag('http://a/b#c').geturl())
    r = urlparse('http://h/p?q')
    print(r._replace(query='z').geturl(), r.scheme, r[0], tuple(r), r == ('http', 'h', '/p', '', 'q', ''))
    print(type(r).__name__, urlsplit(b'http://h/p'), urlsplit(b'http://u@H:1/p').hostname, urlsplit(b'http://u@H:1/p').port)
    print(urlparse('http://h/p').encode(), urlsplit(b'http://h/p').decode(), r._asdict())
    for bad in ['http://[::1/x', 'http://h]/']:
        try:
            urlsplit(bad)
        except ValueError as e:
            print(e)
    try:
        urlparse('http://h:99999/').port
    except ValueError as e:
        print(e)
    try:
        urljoin('http://a', b'b')
    except TypeError as e:
        print(e)
    """,
    """
    from urllib.parse import quote, quote_plus, quote_from_bytes, unquote, unquote_plus, unquote_to_bytes
    for s in ['a b&c=d/\\xe9', '', '~-._', '/path with/slash', '\\xfc\\u20ac\\U0001f600', '%', 'a+b']:
        print(quote(s), quote(s, safe=''), quote_plus(s), quote_plus(s, safe='/'))
    print(quote(b'\\xff\\x00 a'), quote_from_bytes(b'a/b c', safe=''), quote('a&b', safe='&'), quote_plus(b'a b'))
    for s in ['a%20b', '%e2%82%ac', '%E2%82', '%zz%4', '%', 'a+b', '%ff%fe', '%c3%28', '%f0%9f%98%80',
              '%ed%a0%80', '%e0%80%af', '%f4%90%80%80', '%c0%af', 'plain', '%41%4a%4A', '%e2%82%ac%e2%82']:
        print(ascii(unquote(s)), ascii(unquote_plus(s)), unquote_to_bytes(s))
    print(unquote(b'a%20b'), ascii(unquote('%ff', errors='ignore')), unquote_to_bytes(''), unquote(''))
    try:
        unquote('%ff', errors='strict')
    except UnicodeError:
        print('UnicodeError')
    try:
        quote_from_bytes('x')
    except TypeError as e:
        print(e)
    print(len(unquote('%41' * 5000)), len(quote('\\xe9' * 3000)))
    """,
    """
    from urllib.parse import parse_qs, parse_qsl, urlencode, quote
    qs = 'q=red%20shoes&size=42&size=43&sort=price&page=2&empty=&novalue&a+b=c+d&%3D=%26'
    print(parse_qs(qs))
    print(parse_qs(qs, keep_blank_values=True))
    print(parse_qsl(qs), parse_qsl(qs, keep_blank_values=True))
    print(parse_qsl('a=1;b=2', separator=';'), parse_qsl(b'a=1&b=%20'), parse_qs(''), parse_qsl('&&a=1&&'))
    for kw in [{'strict_parsing': True}, {'max_num_fields': 2}, {'separator': ''}]:
        try:
            parse_qsl('a&b=1&c=3', **kw)
        except ValueError as e:
            print(e)
    print(urlencode({'q': 'blue hat', 'page': 3}), urlencode([('a', '1'), ('a', '2')]), urlencode({'x': [1, 2]}))
    print(urlencode({'x': [1, 2]}, doseq=True), urlencode({'s': 'a/b c'}, safe='/'), urlencode({'s': 'a b'}, quote_via=quote))
    print(urlencode({b'k': b'v w'}), urlencode({'t': (1,)}, True), urlencode({}), urlencode({'n': None, 'e': ''}))
    try:
        urlencode('abc')
    except TypeError as e:
        print(e)
    """,
]

SNIPPETS = flatten(CASES)


@pytest.fixture(scope="module")
def reference() -> dict[str, str]:
    return reference_outputs(SNIPPETS)


@pytest.mark.parametrize("key", list(SNIPPETS))
def test_same_stdout_as_cpython(sandbox: Sandbox, reference: dict[str, str], key: str) -> None:
    assert_same_stdout(sandbox, SNIPPETS[key], reference[key])


def _run(sandbox: Sandbox, code: str) -> str:
    r = sandbox.run(textwrap.dedent(code))
    assert r.status == "ok", r.stderr
    return r.stdout


def test_math_is_the_overlay_from_boot(sandbox: Sandbox) -> None:
    # Installed in sys.modules at boot (the built-in would otherwise win), so
    # it is there before any import, and a workspace math.py cannot shadow it.
    out = _run(
        sandbox,
        """
        import sys
        print('math' in sys.modules, sys.modules['math'].gcd(4, 6))
        import math
        print(math is sys.modules['math'], math.lcm(4, 6), math.__name__)
        """,
    )
    assert out == "True 2\nTrue 12 math\n"
    r = sandbox.run("import math\nprint(math.comb(4, 2))", files={"math.py": b"comb = None\n"})
    assert r.stdout == "6\n"


def test_typing_and_the_exception_runtime_come_with_the_snapshot(sandbox: Sandbox) -> None:
    # Loaded at boot, so a run that imports typing or raises pays a dict lookup,
    # not a millisecond of loading; what they do is unchanged.
    out = _run(
        sandbox,
        """
        import sys
        print('typing' in sys.modules, '_wasmbox_exc' in sys.modules)
        from typing import List, Optional
        def f(x: List[int]) -> Optional[int]:
            return x[0] if x else None
        print(f([3]), f([]))
        try:
            {}['k']
        except KeyError as e:
            print(repr(e), e.__context__)
        """,
    )
    assert out == "True True\n3 None\nKeyError('k') None\n"


def test_os_loads_lazily(sandbox: Sandbox) -> None:
    # A run that never imports os pays nothing; `import os` loads only the
    # small core, os.path and the rest load on first use.
    out = _run(
        sandbox,
        """
        import sys
        print(sorted(k for k in sys.modules if k.split('.')[0] in ('os', 'posixpath')))
        import os
        print(sorted(k for k in sys.modules if k.split('.')[0] in ('os', 'posixpath')))
        os.getcwd(), os.sep
        print(sorted(k for k in sys.modules if k.split('.')[0] in ('os', 'posixpath')))
        os.path.join('a', 'b')
        print(sorted(k for k in sys.modules if k.split('.')[0] in ('os', 'posixpath')))
        os.walk, os.environ
        print(sorted(k for k in sys.modules if k.split('.')[0] in ('os', 'posixpath')))
        """,
    )
    assert out.splitlines() == [
        "[]",
        "['os']",
        "['os']",
        "['os', 'os.path', 'posixpath']",
        "['os', 'os._environ', 'os._more', 'os.path', 'posixpath']",
    ]


def test_deep_trees_need_no_recursion(sandbox: Sandbox) -> None:
    # os.walk, makedirs, pathlib's glob and parents are iterative: a tree far
    # deeper than MicroPython's call stack is fine.
    out = _run(
        sandbox,
        """
        import os
        from pathlib import Path
        deep = '/'.join(['d'] * 300)
        os.makedirs(deep)
        Path(deep, 'leaf.txt').write_text('x')
        walked = list(os.walk('d'))
        print(len(walked), walked[-1][0].count('/'), walked[-1][2])
        print(len(list(os.walk('d', topdown=False))), len(Path(deep).parents))
        print([str(p).count('/') for p in Path('d').glob('**/leaf.txt')])
        print(len(list(Path('d').rglob('*'))))
        """,
    )
    assert out == "300 299 ['leaf.txt']\n300 300\n[300]\n300\n"


def test_pathlib_reaches_the_host_files(sandbox: Sandbox) -> None:
    r = sandbox.run(
        "from pathlib import Path\n"
        "p = Path('data') / 'in.csv'\n"
        "print(p.read_text().split(), p.stat().st_size, sorted(x.name for x in Path('data').iterdir()))\n",
        files={"data/in.csv": b"a,b\n1,2\n", "data/other.txt": b""},
    )
    assert r.status == "ok", r.stderr
    assert r.stdout == "['a,b', '1,2'] 8 ['in.csv', 'other.txt']\n"
