"""Guest semantics: snippets whose stdout must be exactly what CPython 3.11 prints.

Every snippet uses only features on which MicroPython and CPython agree (no
step slicing of str/bytes/tuple, no reliance on dict order or sort stability,
no non-ASCII case mapping, ...). ``test_cpython_agrees`` runs the same table
under the CPython running the tests (3.11 when the table was written), so
every expected output is checked against the reference implementation, not
just against what MicroPython happens to print.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from wasmbox import Limits, RunStatus, Sandbox

LIMITS = Limits(memory=3 * 1024 * 1024)


def case(id: str, code: str, expected: str, *, stdin: str | None = None) -> Any:
    return pytest.param(textwrap.dedent(code).lstrip("\n"), expected, stdin, id=id)


def cpython(
    code: str, tmp: Path, stdin: str | None = None, files: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` as ``main.py`` under the CPython running the tests.

    The script lives outside the working directory, which (like the guest's
    ``/work``) holds only ``files``. Output is decoded without newline
    translation, so a carriage return stays one.
    """
    src, work = tmp / "src", tmp / "work"
    src.mkdir()
    work.mkdir()
    (src / "main.py").write_text(code, encoding="utf-8")
    for name, data in (files or {}).items():
        (work / name).write_text(data, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(src / "main.py")],
        input=(stdin or "").encode(),
        capture_output=True,
        cwd=work,
        env={"PYTHONIOENCODING": "utf-8", "PYTHONHASHSEED": "0", "PATH": ""},
        timeout=30,
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    )


@pytest.fixture(scope="module")
def sb() -> Sandbox:
    return Sandbox()


CASES = [
    # --- Integers and bigints
    case(
        "int_arith",
        r"""
        print(7 + 3, 7 - 10, 7 * 6, 7 / 2, 7 // 2, 7 % 3, 2 ** 10)
        """,
        "10 -3 42 3.5 3 1 1024\n",
    ),
    case(
        "floor_div_mod_negative",
        r"""
        print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, divmod(-17, 5), divmod(17, -5))
        """,
        "-4 1 -4 -1 (-4, 3) (-4, -3)\n",
    ),
    case(
        "bigint_power",
        r"""
        print(2 ** 100)
        print(-(3 ** 50))
        print(len(str(7 ** 500)))
        """,
        ("1267650600228229401496703205376\n-717897987691852588770249\n423\n"),
    ),
    case(
        "bigint_factorial",
        r"""
        f = 1
        for i in range(1, 31):
            f *= i
        print(f)
        print(f % 1000003, f // 10 ** 20)
        """,
        ("265252859812191058636308480000000\n90317 2652528598121\n"),
    ),
    case(
        "bigint_pow_mod",
        r"""
        print(pow(3, 200, 10 ** 9 + 7), pow(2, 127) - 1)
        """,
        "136318165 170141183460469231731687303715884105727\n",
    ),
    case(
        "bigint_bitops",
        r"""
        a = 1 << 90
        print(a | 5, a & (a - 1), a ^ (a >> 1), a >> 88, len(bin(a)) - 2)
        """,
        "1237940039285380274899124229 0 1856910058928070412348686336 4 91\n",
    ),
    case(
        "bigint_parse_hex",
        r"""
        n = int('123456789012345678901234567890')
        print(n * 3, hex(n), oct(255), bin(10))
        print(int('ff', 16), int('-0b101', 0), int('  42  '))
        """,
        ("370370367037037036703703703670 0x18ee90ff6c373e0ee4e3f0ad2 0o377 0b1010\n255 -5 42\n"),
    ),
    case(
        "bigint_negative_divmod",
        r"""
        print(divmod(-(10 ** 30), 7), (-(10 ** 30)) % 7, -(10 ** 30) // 7)
        """,
        "(-142857142857142857142857142858, 6) 6 -142857142857142857142857142858\n",
    ),
    case(
        "int_bytes_roundtrip",
        r"""
        n = 0x1234
        b = n.to_bytes(4, 'big')
        print(b, int.from_bytes(b, 'big'), int.from_bytes(b'\x01\x02', 'little'))
        """,
        "b'\\x00\\x00\\x124' 4660 513\n",
    ),
    case(
        "abs_min_max_sum",
        r"""
        print(abs(-5), min(3, 1, 2), max([4, 9, 2]), sum(range(101)), min('b', 'a'), max([], default=7))
        """,
        "5 1 9 5050 a 7\n",
    ),
    case(
        "bool_arith",
        r"""
        print(True + True, int(False), bool(0), bool([]), bool('x'), 3 > 2 > 1, 1 < 2 < 2)
        """,
        "2 0 False False True True False\n",
    ),
    case(
        "round_int",
        r"""
        print(round(7), round(-2.5), round(2.5), round(3.5), round(1234, -2))
        """,
        "7 -2 2 4 1200\n",
    ),
    # --- Floats
    case(
        "float_repr",
        r"""
        print(0.1 + 0.2, 1 / 3, 2.0, 1e16, 1.5e-7, -0.0, 100.0)
        """,
        "0.30000000000000004 0.3333333333333333 2.0 1e+16 1.5e-07 -0.0 100.0\n",
    ),
    case(
        "float_format",
        r"""
        x = 3.14159265
        print('%.2f' % x, '%8.3f|' % x, '%e' % 12345.678, '%g' % 0.00001234, '%g' % 123456789.0)
        """,
        "3.14    3.142| 1.234568e+04 1.234e-05 1.23457e+08\n",
    ),
    case(
        "float_ops",
        r"""
        import math
        print(math.sqrt(2), math.floor(-2.5), math.ceil(2.1), math.pi, math.e)
        print(round(3.14159, 2), round(0.5), int(3.99), int(-3.99), float('1.5e3'))
        """,
        ("1.4142135623730951 -3 3 3.141592653589793 2.718281828459045\n3.14 0 3 -3 1500.0\n"),
    ),
    case(
        "float_special",
        r"""
        inf = float('inf')
        print(inf, -inf, inf > 1e308, math_nan := float('nan'), math_nan == math_nan)
        """,
        "inf -inf True nan False\n",
    ),
    case(
        "float_int_compare",
        r"""
        print(1 == 1.0, 2 ** 53 == float(2 ** 53), 0.5 < 1, 7 / 7, 10 ** 20 / 10 ** 10)
        """,
        "True True True 1.0 10000000000.0\n",
    ),
    case(
        "math_funcs",
        r"""
        import math
        print(math.log(math.e), math.log10(1000), math.log2(8), math.exp(0), math.fabs(-2))
        print(math.sin(0), math.cos(0), math.atan2(1, 1) * 4 == math.pi, math.isinf(float('inf')), math.isnan(0.0))
        print(math.trunc(-2.7), math.copysign(3, -1), math.degrees(math.pi), math.fmod(7, 3))
        """,
        ("1.0 3.0 3.0 1.0 2.0\n0.0 1.0 True True False\n-2 -3.0 180.0 1.0\n"),
    ),
    # --- Strings
    case(
        "str_basic_methods",
        r"""
        s = '  Hello, World  '
        print(repr(s.strip()), s.lstrip() + '|', '|' + s.rstrip(), s.upper(), s.lower())
        print(s.strip().split(', '), 'a,b,,c'.split(','), 'a b  c'.split(), 'a-b-c'.rsplit('-', 1))
        """,
        (
            "'Hello, World' Hello, World  | |  Hello, World   HELLO, WORLD     hello, world  \n"
            "['Hello', 'World'] ['a', 'b', '', 'c'] ['a', 'b', 'c'] ['a-b', 'c']\n"
        ),
    ),
    case(
        "str_find_replace",
        r"""
        s = 'banana'
        print(s.find('an'), s.rfind('an'), s.find('x'), s.index('n'), s.count('a'), s.replace('a', 'o'), s.replace('a', '', 2))
        """,
        "1 3 -1 2 3 bonono bnna\n",
    ),
    case(
        "str_predicates",
        r"""
        print('abc'.isalpha(), '123'.isdigit(), ' \t'.isspace(), 'ABC'.isupper(), 'abc'.islower(), 'a1'.isdigit(), ''.isalpha())
        """,
        "True True True True True False False\n",
    ),
    case(
        "str_startswith_partition",
        r"""
        s = 'key=value=x'
        print(s.startswith('key'), s.endswith('x'), s.startswith(('a', 'k')), s.partition('='), s.rpartition('='), s.partition('#'))
        """,
        "True True True ('key', '=', 'value=x') ('key=value', '=', 'x') ('key=value=x', '', '')\n",
    ),
    case(
        "str_join_center",
        r"""
        print('-'.join(['a', 'b', 'c']), ''.join(reversed('abc')), '[' + 'hi'.center(6) + ']', '[' + 'odd'.center(8) + ']')
        """,
        "a-b-c cba [  hi  ] [  odd   ]\n",
    ),
    case(
        "str_splitlines_encode",
        r"""
        t = 'one\ntwo\r\nthree'
        print(t.splitlines(), 'héllo'.encode(), len('héllo'), len('héllo'.encode()), b'caf\xc3\xa9'.decode())
        """,
        "['one', 'two', 'three'] b'h\\xc3\\xa9llo' 5 6 café\n",
    ),
    case(
        "str_slicing",
        r"""
        s = 'abcdefghij'
        print(s[2:5], s[:3], s[-3:], s[5:2], s[-100:3], s[7:100], s[-1], s[3:-3])
        """,
        "cde abc hij  abc hij j defg\n",
    ),
    case(
        "str_multiply_in",
        r"""
        print('ab' * 3, 'x' in 'xyz', 'q' not in 'xyz', 'abc' < 'abd', 'B' < 'a', ord('A'), chr(97), chr(9731))
        """,
        "ababab True True True True 65 a ☃\n",
    ),
    case(
        "str_repr_escapes",
        r"""
        print(repr('it\'s'), repr('a"b'), repr('tab\t'), repr('nl\n'), repr('\x00'), str(b'\x00ab'))
        """,
        "\"it's\" 'a\"b' 'tab\\t' 'nl\\n' '\\x00' b'\\x00ab'\n",
    ),
    case(
        "unicode_strings",
        r"""
        s = 'naïve café ☃'
        print(len(s), s[6:10], s.encode('utf-8')[:8], s.find('☃'))
        """,
        "12 café b'na\\xc3\\xafve c' 11\n",
    ),
    # --- Bytes
    case(
        "bytes_methods",
        r"""
        b = b'hello world'
        print(b.upper(), b.split(), b.find(b'o'), b.replace(b'l', b'L'), b[0], b[-1:], list(b[:3]))
        """,
        "b'HELLO WORLD' [b'hello', b'world'] 4 b'heLLo worLd' 104 b'd' [104, 101, 108]\n",
    ),
    case(
        "bytearray_ops",
        r"""
        ba = bytearray(b'abc')
        ba.append(100)
        ba[0] = 65
        ba.extend(b'ef')
        print(ba, bytes(ba), len(ba), ba[1:3])
        """,
        "bytearray(b'Abcdef') b'Abcdef' 6 bytearray(b'bc')\n",
    ),
    case(
        "bytes_hex_fromhex",
        r"""
        print(b'\x01\xab\xff'.hex(), bytes.fromhex('deadbeef'), bytes(3), bytes([65, 66]), b'%d-%s' % (5, b'x'))
        """,
        "01abff b'\\xde\\xad\\xbe\\xef' b'\\x00\\x00\\x00' b'AB' b'5-x'\n",
    ),
    # --- Formatting
    case(
        "fstring_basic",
        r"""
        name = 'Ada'
        n = 42
        x = 3.14159
        print(f'{name} is {n}', f'{x:.3f}', f'{n:5d}|', f'{n:<5}|', f'{n:>5}|', f'{n:^6}|', f'{name!r}')
        """,
        "Ada is 42 3.142    42| 42   |    42|   42  | 'Ada'\n",
    ),
    case(
        "fstring_numbers",
        r"""
        n = 255
        print(f'{n:x} {n:X} {n:o} {n:b} {n:08b} {n:#x} {-n:+d} {n:+d}')
        print(f'{1234567:,}', f'{0.5:%}', f'{0.25:.1%}', f'{12.5:e}', f'{1e-5:g}')
        """,
        (
            "ff FF 377 11111111 11111111 0xff -255 +255\n"
            "1,234,567 50.000000% 25.0% 1.250000e+01 1e-05\n"
        ),
    ),
    case(
        "fstring_expressions",
        r"""
        items = [1, 2, 3]
        d = {'k': 'v'}
        print(f'{len(items) * 2} {items[-1]} {d["k"]} {"yes" if items else "no"} {{braces}}')
        w = 8
        print(f'{"pad":>{w}}|')
        """,
        ("6 3 v yes {braces}\n     pad|\n"),
    ),
    case(
        "str_format_method",
        r"""
        print('{} + {} = {}'.format(1, 2, 3), '{1}{0}'.format('a', 'b'), '{x}-{y}'.format(x=1, y=2), '{:>6.2f}|'.format(3.14159), '{:*^9}'.format('mid'))
        """,
        "1 + 2 = 3 ba 1-2   3.14| ***mid***\n",
    ),
    case(
        "percent_formatting",
        r"""
        print('%s|%5s|%-5s|%d|%05d|%x|%o|%c|%%' % ('a', 'b', 'c', 42, 42, 255, 8, 65))
        print('%(a)s and %(b)d' % {'a': 'x', 'b': 7}, '%r' % 'q', '%+.1f' % 2.26, '%.3s' % 'abcdef')
        """,
        ("a|    b|c    |42|00042|ff|10|A|%\nx and 7 'q' +2.3 abc\n"),
    ),
    # --- Lists and tuples
    case(
        "list_methods",
        r"""
        l = [3, 1, 2]
        l.append(5)
        l.extend([9, 0])
        l.insert(1, 7)
        print(l, l.pop(), l.pop(0), l)
        l.remove(2)
        print(l, l.index(5), l.count(7), len(l))
        l.reverse()
        print(l, l.copy() == l, l.copy() is l)
        """,
        ("[7, 1, 2, 5, 9] 0 3 [7, 1, 2, 5, 9]\n[7, 1, 5, 9] 2 1 4\n[9, 5, 1, 7] True False\n"),
    ),
    case(
        "list_slicing_assign",
        r"""
        l = list(range(10))
        l[2:5] = ['a', 'b']
        print(l)
        del l[1:3]
        print(l, l[::-2], l[::3], l[-2:])
        l[:] = []
        print(l)
        """,
        (
            "[0, 1, 'a', 'b', 5, 6, 7, 8, 9]\n"
            "[0, 'b', 5, 6, 7, 8, 9] [9, 7, 5, 0] [0, 6, 9] [8, 9]\n"
            "[]\n"
        ),
    ),
    case(
        "list_ops",
        r"""
        a = [1, 2]
        b = a * 3
        print(b, a + [3], [0] * 4, 2 in a, [1, 2] == [1, 2], [1, 2] < [1, 3], [[1]] * 2)
        """,
        "[1, 2, 1, 2, 1, 2] [1, 2, 3] [0, 0, 0, 0] True True True [[1], [1]]\n",
    ),
    case(
        "tuple_unpacking",
        r"""
        a, b, *rest = (1, 2, 3, 4, 5)
        first, *mid, last = 'abcde'
        x, (y, z) = 1, (2, 3)
        print(a, b, rest, first, mid, last, x, y, z)
        a, b = b, a
        print(a, b, (1,), tuple([1, 2]), (1, 2) + (3,))
        """,
        ("1 2 [3, 4, 5] a ['b', 'c', 'd'] e 1 2 3\n2 1 (1,) (1, 2) (1, 2, 3)\n"),
    ),
    case(
        "list_comprehensions",
        r"""
        print([x * x for x in range(6) if x % 2 == 0], [(i, j) for i in range(3) for j in range(i)])
        print([[r * c for c in range(3)] for r in range(3)], [c for c in 'hello' if c not in 'l'])
        """,
        (
            "[0, 4, 16] [(1, 0), (2, 0), (2, 1)]\n"
            "[[0, 0, 0], [0, 1, 2], [0, 2, 4]] ['h', 'e', 'o']\n"
        ),
    ),
    case(
        "nested_list_mutation",
        r"""
        grid = [[0] * 3 for _ in range(3)]
        grid[1][2] = 5
        alias = [[0] * 3] * 3
        alias[1][2] = 5
        print(grid, alias)
        """,
        "[[0, 0, 0], [0, 0, 5], [0, 0, 0]] [[0, 0, 5], [0, 0, 5], [0, 0, 5]]\n",
    ),
    case(
        "builtins_iter",
        r"""
        print(list(zip('abc', range(5))), list(enumerate('xy', start=1)), list(map(str, [1, 2])), list(filter(None, [0, 1, '', 'a'])))
        print(list(reversed([1, 2, 3])), sorted('cba'), any([0, 0, 1]), all([]), list(range(10, 0, -3)))
        """,
        (
            "[('a', 0), ('b', 1), ('c', 2)] [(1, 'x'), (2, 'y')] ['1', '2'] [1, 'a']\n"
            "[3, 2, 1] ['a', 'b', 'c'] True True [10, 7, 4, 1]\n"
        ),
    ),
    # --- Dicts and sets
    case(
        "dict_basics",
        r"""
        d = {'b': 2, 'a': 1}
        d['c'] = 3
        print(sorted(d.items()), len(d), d.get('z'), d.get('z', 0), 'a' in d)
        print(sorted(d.keys()), sorted(d.values()), sorted(d.items()))
        del d['b']
        print(d, d.pop('a'), d.pop('q', None), d)
        """,
        (
            "[('a', 1), ('b', 2), ('c', 3)] 3 None 0 True\n"
            "['a', 'b', 'c'] [1, 2, 3] [('a', 1), ('b', 2), ('c', 3)]\n"
            "{'c': 3} 1 None {'c': 3}\n"
        ),
    ),
    case(
        "dict_methods",
        r"""
        d = dict(x=1, y=2)
        d.update({'z': 3}, w=4)
        print(sorted(d.items()))
        print(d.setdefault('x', 9), d.setdefault('n', 0), sorted(d))
        print(sorted(dict.fromkeys('ab', 0).items()), sorted(dict(zip('pq', [1, 2])).items()), dict([('k', 1)]))
        """,
        (
            "[('w', 4), ('x', 1), ('y', 2), ('z', 3)]\n"
            "1 0 ['n', 'w', 'x', 'y', 'z']\n"
            "[('a', 0), ('b', 0)] [('p', 1), ('q', 2)] {'k': 1}\n"
        ),
    ),
    case(
        "dict_key_types",
        r"""
        d = {1: 'int', 'a': 'str', (1, 2): 'tuple', None: 'none', 2.5: 'float'}
        print(d[1], d['a'], d[(1, 2)], d[None], d[2.5], d.get(True), len(d))
        d[1.0] = 'float one'
        print(d[1], len(d))
        """,
        ("int str tuple none float int 5\nfloat one 5\n"),
    ),
    case(
        "dict_comprehension_counting",
        r"""
        words = 'the cat and the hat and the bat'.split()
        counts = {}
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        print(sorted(counts.items()), {w: len(w) for w in set(words) if len(w) > 2} == {'the': 3, 'cat': 3, 'and': 3, 'hat': 3, 'bat': 3})
        """,
        "[('and', 2), ('bat', 1), ('cat', 1), ('hat', 1), ('the', 3)] True\n",
    ),
    case(
        "set_ops",
        r"""
        a = {1, 2, 3, 4}
        b = {3, 4, 5}
        print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), a <= b, {3} < a, a.isdisjoint({9}))
        a.add(10)
        a.discard(1)
        a.discard(99)
        print(sorted(a), len(a), sorted({x % 3 for x in range(10)}), set() == set([]))
        """,
        (
            "[1, 2, 3, 4, 5] [3, 4] [1, 2] [1, 2, 5] False True True\n"
            "[2, 3, 4, 10] 4 [0, 1, 2] True\n"
        ),
    ),
    case(
        "frozenset_and_hash",
        r"""
        f = frozenset([1, 2, 2, 3])
        d = {f: 'v', (1, 'a'): 'tuple'}
        print(len(f), d[frozenset([3, 2, 1])], d[(1, 'a')], 2 in f, hash(1) == hash(1.0))
        """,
        "3 v tuple True True\n",
    ),
    # --- Control flow and functions
    case(
        "while_else_break",
        r"""
        for n in range(2, 20):
            for d in range(2, n):
                if n % d == 0:
                    break
            else:
                print(n, end=' ')
        print()
        i = 0
        while i < 3:
            i += 1
        else:
            print('done', i)
        """,
        ("2 3 5 7 11 13 17 19 \ndone 3\n"),
    ),
    case(
        "print_sep_end",
        r"""
        print(1, 2, 3, sep='-', end='!\n')
        print('a', 'b', sep='')
        print()
        print('x', end='')
        print('y')
        """,
        ("1-2-3!\nab\n\nxy\n"),
    ),
    case(
        "default_and_kw_args",
        r"""
        def f(a, b=2, *args, c=3, **kw):
            return (a, b, args, c, sorted(kw.items()))
        print(f(1))
        print(f(1, 5, 6, 7, c=8, z=9, y=0))
        print(f(*[1, 2, 3], **{'c': 4}))
        """,
        ("(1, 2, (), 3, [])\n(1, 5, (6, 7), 8, [('y', 0), ('z', 9)])\n(1, 2, (3,), 4, [])\n"),
    ),
    case(
        "closures_nonlocal",
        r"""
        def make_counter():
            n = 0
            def inc(step=1):
                nonlocal n
                n += step
                return n
            return inc
        c1 = make_counter()
        c2 = make_counter()
        print(c1(), c1(), c1(10), c2())
        fns = [lambda x, i=i: x + i for i in range(3)]
        print([f(10) for f in fns])
        """,
        ("1 2 12 1\n[10, 11, 12]\n"),
    ),
    case(
        "global_keyword",
        r"""
        total = 0
        def add(x):
            global total
            total += x
        for i in range(5):
            add(i)
        print(total)
        """,
        "10\n",
    ),
    case(
        "recursion_fib_memo",
        r"""
        memo = {}
        def fib(n):
            if n < 2:
                return n
            if n not in memo:
                memo[n] = fib(n - 1) + fib(n - 2)
            return memo[n]
        print(fib(40), fib(50))
        """,
        "102334155 12586269025\n",
    ),
    case(
        "decorators",
        r"""
        def twice(fn):
            def wrapper(*a):
                return fn(fn(*a))
            return wrapper
        @twice
        def inc(x):
            return x + 1
        def tag(name):
            def deco(fn):
                return lambda: '<%s>%s</%s>' % (name, fn(), name)
            return deco
        @tag('b')
        def hello():
            return 'hi'
        print(inc(5), hello())
        """,
        "7 <b>hi</b>\n",
    ),
    case(
        "lambda_sorting_keys",
        r"""
        people = [('bob', 25), ('alice', 30), ('carol', 27), ('dave', 20)]
        print(sorted(people, key=lambda p: p[1]))
        print(sorted(people, key=lambda p: (-p[1], p[0])))
        print(sorted(people, reverse=True)[0], min(people, key=lambda p: p[1]), max(people, key=lambda p: len(p[0])))
        """,
        (
            "[('dave', 20), ('bob', 25), ('carol', 27), ('alice', 30)]\n"
            "[('alice', 30), ('carol', 27), ('bob', 25), ('dave', 20)]\n"
            "('dave', 20) ('dave', 20) ('alice', 30)\n"
        ),
    ),
    case(
        "sort_stability_inplace",
        r"""
        words = ['bb', 'a', 'cccc', 'ddd', 'eeeee']
        words.sort(key=len)
        print(words)
        words.sort(key=len, reverse=True)
        print(words)
        nums = [5, -3, 2, -8]
        nums.sort(key=abs)
        print(nums, sorted(nums))
        """,
        (
            "['a', 'bb', 'ddd', 'cccc', 'eeeee']\n"
            "['eeeee', 'cccc', 'ddd', 'bb', 'a']\n"
            "[2, -3, 5, -8] [-8, -3, 2, 5]\n"
        ),
    ),
    # --- Generators and iterators
    case(
        "generators_basic",
        r"""
        def gen(n):
            for i in range(n):
                yield i * i
        g = gen(4)
        print(next(g), next(g), list(g), list(g))
        print(sum(x for x in range(10) if x % 2), list(gen(0)))
        """,
        ("0 1 [4, 9] []\n25 []\n"),
    ),
    case(
        "generator_send_yield_from",
        r"""
        def acc():
            total = 0
            while True:
                x = yield total
                if x is None:
                    return total
                total += x
        g = acc()
        next(g)
        print(g.send(5), g.send(10))
        def outer():
            r = yield from inner()
            yield 'inner returned ' + str(r)
        def inner():
            yield 1
            yield 2
            return 3
        print(list(outer()))
        """,
        ("5 15\n[1, 2, 'inner returned 3']\n"),
    ),
    case(
        "generator_stopiteration",
        r"""
        def g():
            yield 1
            return 'end'
        it = g()
        next(it)
        try:
            next(it)
        except StopIteration as e:
            print('stop', e.value)
        print(next(iter([]), 'default'))
        """,
        ("stop end\ndefault\n"),
    ),
    case(
        "iterator_protocol",
        r"""
        class Countdown:
            def __init__(self, n):
                self.n = n
            def __iter__(self):
                return self
            def __next__(self):
                if self.n <= 0:
                    raise StopIteration
                self.n -= 1
                return self.n + 1
        print(list(Countdown(4)), sum(Countdown(10)), 3 in Countdown(5))
        """,
        "[4, 3, 2, 1] 55 True\n",
    ),
    case(
        "lazy_pipeline",
        r"""
        def nums():
            i = 0
            while True:
                yield i
                i += 1
        sq = (n * n for n in nums())
        odd = (n for n in sq if n % 2)
        out = []
        for v in odd:
            if v > 200:
                break
            out.append(v)
        print(out)
        """,
        "[1, 9, 25, 49, 81, 121, 169]\n",
    ),
    # --- Classes
    case(
        "class_inheritance_super",
        r"""
        class Animal:
            sound = '...'
            def __init__(self, name):
                self.name = name
            def speak(self):
                return '%s says %s' % (self.name, self.sound)
        class Dog(Animal):
            sound = 'woof'
            def __init__(self, name, breed):
                super().__init__(name)
                self.breed = breed
            def speak(self):
                return super().speak() + '!'
        d = Dog('rex', 'lab')
        print(d.speak(), d.breed, isinstance(d, Animal), issubclass(Dog, Animal), type(d).__name__, Animal('cat').speak())
        """,
        "rex says woof! lab True True Dog cat says ...\n",
    ),
    case(
        "class_property",
        r"""
        class Temp:
            def __init__(self):
                self._c = 0
            @property
            def f(self):
                return self._c * 9 / 5 + 32
            @f.setter
            def f(self, value):
                self._c = (value - 32) * 5 / 9
        t = Temp()
        print(t.f)
        t.f = 212
        print(t._c, t.f)
        """,
        ("32.0\n100.0 212.0\n"),
    ),
    case(
        "class_static_classmethod",
        r"""
        class C:
            count = 0
            def __init__(self):
                C.count += 1
            @classmethod
            def make(cls):
                return cls()
            @staticmethod
            def double(x):
                return 2 * x
        class D(C):
            pass
        obj = D.make()
        C()
        print(C.count, type(obj).__name__, C.double(21), obj.double(4))
        """,
        "2 D 42 8\n",
    ),
    case(
        "dunder_methods",
        r"""
        class V:
            def __init__(self, x, y):
                self.x, self.y = x, y
            def __add__(self, o):
                return V(self.x + o.x, self.y + o.y)
            def __mul__(self, k):
                return V(self.x * k, self.y * k)
            def __eq__(self, o):
                return (self.x, self.y) == (o.x, o.y)
            def __repr__(self):
                return 'V(%r, %r)' % (self.x, self.y)
            def __len__(self):
                return 2
            def __getitem__(self, i):
                return (self.x, self.y)[i]
            def __bool__(self):
                return bool(self.x or self.y)
        v = V(1, 2) + V(3, 4)
        print(v, v * 2, v == V(4, 6), len(v), v[1], list(v), bool(V(0, 0)), [V(1, 1)])
        """,
        "V(4, 6) V(8, 12) True 2 6 [4, 6] False [V(1, 1)]\n",
    ),
    case(
        "dunder_compare_sort_hash",
        r"""
        class P:
            def __init__(self, n):
                self.n = n
            def __lt__(self, o):
                return self.n < o.n
            def __eq__(self, o):
                return self.n == o.n
            def __gt__(self, o):
                return self.n > o.n
            def __hash__(self):
                return hash(self.n)
            def __str__(self):
                return 'P%d' % self.n
        ps = sorted([P(3), P(1), P(2)])
        print([str(p) for p in ps], P(1) in {P(1)}, len({P(1), P(1), P(2)}), str(max(ps)))
        """,
        "['P1', 'P2', 'P3'] True 2 P3\n",
    ),
    case(
        "dunder_call_contains",
        r"""
        class Poly:
            def __init__(self, *coeffs):
                self.c = coeffs
            def __call__(self, x):
                return sum(k * x ** i for i, k in enumerate(self.c))
            def __contains__(self, k):
                return k in self.c
            def __iter__(self):
                return iter(self.c)
        p = Poly(1, 0, 2)
        print(p(3), 2 in p, 5 in p, list(p), [p(x) for x in range(4)])
        """,
        "19 True False [1, 0, 2] [1, 3, 9, 19]\n",
    ),
    case(
        "class_attrs_getattr",
        r"""
        class Cfg:
            def __init__(self):
                self.a = 1
            def __getattr__(self, name):
                return 'default-' + name
        c = Cfg()
        setattr(c, 'b', 2)
        print(c.a, c.b, c.zzz, getattr(c, 'a'), hasattr(c, 'a'), getattr(c, 'q', None) is None)
        """,
        "1 2 default-zzz 1 True False\n",
    ),
    case(
        "class_str_inherit_builtin",
        r"""
        class Stack(list):
            def push(self, x):
                self.append(x)
            def peek(self):
                return self[-1]
        s = Stack()
        s.push(1)
        s.push(2)
        print(s.peek(), len(s), s, isinstance(s, list))
        class Reg(dict):
            pass
        r = Reg(a=1)
        print(r['a'], sorted(r.items()))
        """,
        ("2 2 [1, 2] True\n1 [('a', 1)]\n"),
    ),
    # --- Exceptions (caught)
    case(
        "try_except_else_finally",
        r"""
        def f(x):
            try:
                r = 10 / x
            except ZeroDivisionError:
                print('div by zero')
                return 'handled'
            else:
                print('no error')
                return r
            finally:
                print('finally', x)
        print(f(2))
        print(f(0))
        """,
        ("no error\nfinally 2\n5.0\ndiv by zero\nfinally 0\nhandled\n"),
    ),
    case(
        "custom_exception_hierarchy",
        r"""
        class AppError(Exception):
            pass
        class NotFound(AppError):
            def __init__(self, key):
                super().__init__('missing: ' + key)
                self.key = key
        def lookup(k):
            raise NotFound(k)
        try:
            lookup('x')
        except AppError as e:
            print(type(e).__name__, e, e.key, e.args, isinstance(e, Exception))
        """,
        "NotFound missing: x x ('missing: x',) True\n",
    ),
    case(
        "exception_messages",
        r"""
        for fn in [lambda: 1 / 0, lambda: [][1], lambda: {}['k'], lambda: int('x'), lambda: None.foo, lambda: undefined_name]:
            try:
                fn()
            except Exception as e:
                print(type(e).__name__)
        try:
            raise ValueError('bad', 42)
        except ValueError as e:
            print(e.args)
        """,
        (
            "ZeroDivisionError\n"
            "IndexError\n"
            "KeyError\n"
            "ValueError\n"
            "AttributeError\n"
            "NameError\n"
            "('bad', 42)\n"
        ),
    ),
    case(
        "reraise_and_nested",
        r"""
        def inner():
            try:
                raise KeyError('k')
            except KeyError:
                print('inner caught')
                raise
        try:
            inner()
        except LookupError as e:
            print('outer caught', type(e).__name__)
        try:
            try:
                raise TypeError('t')
            finally:
                print('cleanup')
        except TypeError as e:
            print('got', e)
        """,
        ("inner caught\nouter caught KeyError\ncleanup\ngot t\n"),
    ),
    case(
        "exception_multiple_types",
        r"""
        def risky(i):
            return [1 / 0, int('z'), [0][5], 'ok'][i] if i == 3 else (1 / 0 if i == 0 else int('z') if i == 1 else [0][5])
        for i in range(4):
            try:
                print(risky(i))
            except (ZeroDivisionError, ValueError) as e:
                print('math/value', type(e).__name__)
            except Exception as e:
                print('other', type(e).__name__)
        """,
        (
            "math/value ZeroDivisionError\n"
            "math/value ValueError\n"
            "other IndexError\n"
            "math/value ZeroDivisionError\n"
        ),
    ),
    case(
        "finally_with_break_return",
        r"""
        def f():
            for i in range(3):
                try:
                    if i == 1:
                        break
                finally:
                    print('fin', i)
            try:
                return 'ret'
            finally:
                print('after return')
        print(f())
        """,
        ("fin 0\nfin 1\nafter return\nret\n"),
    ),
    # --- with statements
    case(
        "context_manager_basic",
        r"""
        class CM:
            def __init__(self, name):
                self.name = name
            def __enter__(self):
                print('enter', self.name)
                return self.name.upper()
            def __exit__(self, et, ev, tb):
                print('exit', self.name, et.__name__ if et else None)
                return False
        with CM('a') as v, CM('b') as w:
            print('body', v, w)
        """,
        ("enter a\nenter b\nbody A B\nexit b None\nexit a None\n"),
    ),
    case(
        "context_manager_suppress",
        r"""
        class Suppress:
            def __init__(self, *types):
                self.types = types
            def __enter__(self):
                return self
            def __exit__(self, et, ev, tb):
                if et is not None and issubclass(et, self.types):
                    print('suppressed', type(ev).__name__)
                    return True
                return False
        with Suppress(KeyError):
            {}['missing']
            print('not reached')
        try:
            with Suppress(KeyError):
                raise ValueError('passes through')
        except ValueError as e:
            print('caught', e)
        """,
        ("suppressed KeyError\ncaught passes through\n"),
    ),
    case(
        "context_manager_generator_style",
        r"""
        class Timer:
            depth = 0
            def __enter__(self):
                Timer.depth += 1
                return Timer.depth
            def __exit__(self, *a):
                Timer.depth -= 1
        log = []
        with Timer() as d1:
            with Timer() as d2:
                log.append((d1, d2, Timer.depth))
        log.append(Timer.depth)
        print(log)
        """,
        "[(1, 2, 2), 0]\n",
    ),
    # --- Standard library
    case(
        "json_dumps_loads",
        r"""
        import json
        data = {'name': 'x', 'vals': [1, 2.5, None, True, False], 'nested': {'k': 'v'}}
        s = json.dumps(data)
        print(s)
        back = json.loads(s)
        print(back == data, back['vals'], json.loads('[1, "two", {"3": 4}]'), json.dumps('tab\t"q"\n'))
        """,
        (
            '{"name": "x", "vals": [1, 2.5, null, true, false], "nested": {"k": "v"}}\n'
            "True [1, 2.5, None, True, False] [1, 'two', {'3': 4}] \"tab\\t\\\"q\\\"\\n\"\n"
        ),
    ),
    case(
        "json_separators_errors",
        r"""
        import json
        print(json.dumps([1, {'a': [2, 3]}], separators=(',', ':')))
        try:
            json.loads('{bad json}')
        except ValueError:
            print('ValueError')
        """,
        ('[1,{"a":[2,3]}]\nValueError\n'),
    ),
    case(
        "re_match_search_groups",
        r"""
        import re
        m = re.match(r'(\w+)@(\w+)\.com', 'alice@example.com')
        print(m.group(0), m.group(1), m.group(2))
        s = re.search(r'\d+', 'abc 123 def 45')
        print(s.group(0), re.match('x', 'yx'), re.search('x$', 'yx').group(0))
        """,
        ("alice@example.com alice example\n123 None x\n"),
    ),
    case(
        "re_sub_split",
        r"""
        import re
        print(re.sub(r'\s+', ' ', 'a   b \t c'), re.sub('[aeiou]', lambda m: m.group(0).upper(), 'education'))
        print(re.sub(r'(\d+)-(\d+)', r'\2-\1', '10-20 30-40'))
        p = re.compile(r'^[a-z]+$')
        print(bool(p.match('hello')), bool(p.match('Hello')))
        """,
        ("a b c EdUcAtIOn\n20-10 40-30\nTrue False\n"),
    ),
    case(
        "struct_pack_unpack",
        r"""
        import struct
        b = struct.pack('<HiB', 513, -2, 255)
        print(b, len(b), struct.calcsize('<HiB'), struct.unpack('<HiB', b))
        print(struct.pack('>I', 1), struct.unpack('>d', struct.pack('>d', 1.5)), struct.pack('<q', -1))
        """,
        (
            "b'\\x01\\x02\\xfe\\xff\\xff\\xff\\xff' 7 7 (513, -2, 255)\n"
            "b'\\x00\\x00\\x00\\x01' (1.5,) b'\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff'\n"
        ),
    ),
    case(
        "collections_ordereddict",
        r"""
        from collections import OrderedDict
        od = OrderedDict()
        od['z'] = 1
        od['a'] = 2
        od['m'] = 3
        print(list(od.keys()), list(od.items()))
        del od['a']
        od['a'] = 4
        print(list(od), od['a'], len(od))
        """,
        ("['z', 'a', 'm'] [('z', 1), ('a', 2), ('m', 3)]\n['z', 'm', 'a'] 4 3\n"),
    ),
    case(
        "collections_deque",
        r"""
        from collections import deque
        q = deque((), 10)
        for i in range(5):
            q.append(i)
        q.appendleft(-1)
        print(q.popleft(), q.pop(), q.popleft(), len(q), list(q))
        bounded = deque((), 3)
        for i in range(6):
            bounded.append(i)
        print(list(bounded))
        """,
        ("-1 4 0 3 [1, 2, 3]\n[3, 4, 5]\n"),
    ),
    case(
        "collections_namedtuple",
        r"""
        from collections import namedtuple
        Point = namedtuple('Point', ['x', 'y'])
        p = Point(3, 4)
        q = Point(x=1, y=2)
        print(p, p.x + p.y, p[0], q, p == (3, 4), len(p))
        x, y = q
        print(x, y, Point(*[9, 4]))
        """,
        ("Point(x=3, y=4) 7 3 Point(x=1, y=2) True 2\n1 2 Point(x=9, y=4)\n"),
    ),
    case(
        "heapq_ops",
        r"""
        import heapq
        h = []
        for v in [5, 1, 8, 3, 2, 9]:
            heapq.heappush(h, v)
        print([heapq.heappop(h) for _ in range(3)], h[0])
        data = [7, 3, 9, 1]
        heapq.heapify(data)
        print(data[0], heapq.heappop(data), sorted(data))
        h2 = []
        for pri, task in [(2, 'b'), (1, 'a'), (3, 'c')]:
            heapq.heappush(h2, (pri, task))
        print(heapq.heappop(h2))
        """,
        ("[1, 2, 3] 5\n1 1 [3, 7, 9]\n(1, 'a')\n"),
    ),
    case(
        "hashlib_sha256",
        r"""
        import hashlib, binascii
        h = hashlib.sha256(b'hello')
        h.update(b' world')
        print(binascii.hexlify(h.digest()).decode())
        print(binascii.hexlify(hashlib.sha256(b'').digest()).decode(), len(hashlib.sha256(b'x' * 1000).digest()))
        """,
        (
            "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 32\n"
        ),
    ),
    case(
        "hashlib_sha256_large",
        r"""
        import hashlib, binascii
        h = hashlib.sha256()
        for i in range(1000):
            h.update(str(i).encode())
        print(binascii.hexlify(h.digest()))
        """,
        "b'14e7fd93e3d8dd8d448b65a1ba7dbec9433c57e554b522831089eb2064ef1f34'\n",
    ),
    case(
        "binascii_funcs",
        r"""
        import binascii
        print(binascii.hexlify(b'\x00\xffab'), binascii.unhexlify('48656c6c6f'), binascii.crc32(b'hello'))
        print(binascii.b2a_base64(b'any carnal pleasure'), binascii.a2b_base64('aGVsbG8='))
        """,
        ("b'00ff6162' b'Hello' 907060870\nb'YW55IGNhcm5hbCBwbGVhc3VyZQ==\\n' b'hello'\n"),
    ),
    case(
        "io_stringio",
        r"""
        import io
        buf = io.StringIO()
        buf.write('line1\n')
        print('line2', file=buf)
        print(repr(buf.getvalue()))
        r = io.StringIO('a\nb\nc')
        print(repr(r.readline()), repr(r.read()), repr(r.read()))
        """,
        ("'line1\\nline2\\n'\n'a\\n' 'b\\nc' ''\n"),
    ),
    case(
        "io_bytesio",
        r"""
        import io
        b = io.BytesIO()
        b.write(b'abc')
        b.write(b'def')
        print(b.getvalue())
        b.seek(2)
        print(b.read(2), b.tell())
        """,
        ("b'abcdef'\nb'cd' 4\n"),
    ),
    case(
        "sys_stdout_write",
        r"""
        import sys
        n = sys.stdout.write('no newline')
        sys.stdout.write('\n')
        print(n, __name__)
        """,
        ("no newline\n10 __main__\n"),
    ),
    case(
        "random_seeded_range",
        r"""
        import random
        random.seed(1)
        vals = [random.randint(1, 6) for _ in range(100)]
        print(all(1 <= v <= 6 for v in vals), len(set(vals)) > 1, 0 <= random.random() < 1)
        """,
        "True True True\n",
    ),
    # --- Small programs
    case(
        "string_building_algorithms",
        r"""
        def rle(s):
            out = []
            i = 0
            while i < len(s):
                j = i
                while j < len(s) and s[j] == s[i]:
                    j += 1
                out.append('%d%s' % (j - i, s[i]))
                i = j
            return ''.join(out)
        print(rle('aaabccddddde'), rle(''), ''.join(sorted('hello world')).strip())
        """,
        "3a1b2c5d1e  dehllloorw\n",
    ),
    case(
        "caesar_and_ord",
        r"""
        def shift(s, k):
            return ''.join(chr((ord(c) - 97 + k) % 26 + 97) if 'a' <= c <= 'z' else c for c in s)
        print(shift('hello, world', 3), shift(shift('abc xyz', 5), -5))
        """,
        "khoor, zruog abc xyz\n",
    ),
    case(
        "matrix_and_zip",
        r"""
        a = [[1, 2], [3, 4]]
        b = [[5, 6], [7, 8]]
        prod = [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]
        print(prod, list(zip(*a)), [list(r) for r in zip(*prod)])
        """,
        "[[19, 22], [43, 50]] [(1, 3), (2, 4)] [[19, 43], [22, 50]]\n",
    ),
    case(
        "primes_sieve",
        r"""
        n = 100
        sieve = [True] * (n + 1)
        sieve[0] = sieve[1] = False
        for i in range(2, int(n ** 0.5) + 1):
            if sieve[i]:
                for j in range(i * i, n + 1, i):
                    sieve[j] = False
        primes = [i for i, p in enumerate(sieve) if p]
        print(len(primes), primes[-5:], sum(primes))
        """,
        "25 [73, 79, 83, 89, 97] 1060\n",
    ),
    case(
        "walrus_and_ternary",
        r"""
        data = [3, 8, 1, 9]
        if (n := len(data)) > 3:
            print('long', n)
        print([y for x in data if (y := x * 2) > 5], 'even' if n % 2 == 0 else 'odd')
        """,
        ("long 4\n[6, 16, 18] even\n"),
    ),
    case(
        "type_conversions",
        r"""
        print(int('12') + 1, float('2.5') * 2, str(12) + '3', list('ab'), tuple([1]), set('aab') == {'a', 'b'}, repr(None), int(True))
        print(type(1).__name__, type(1.0).__name__, type('').__name__, type([]).__name__, type(None).__name__, type(len).__name__ in ('builtin_function_or_method', 'function'))
        """,
        ("13 5.0 123 ['a', 'b'] (1,) True None 1\nint float str list NoneType True\n"),
    ),
    case(
        "id_is_identity",
        r"""
        a = [1]
        b = a
        c = [1]
        print(a is b, a is c, a == c, None is None, id(a) == id(b))
        """,
        "True False True True True\n",
    ),
    case(
        "chained_comparisons_and_logic",
        r"""
        x = 5
        print(1 < x < 10, x == 5 == 5.0, not x, x and 'yes', 0 or 'fallback', None or 0 or [], 'a' if x else 'b')
        """,
        "True True False yes fallback [] a\n",
    ),
    case(
        "star_args_print",
        r"""
        nums = [1, 2, 3]
        print(*nums)
        print(*'abc', sep=',')
        print(*[], 'only')
        """,
        ("1 2 3\na,b,c\nonly\n"),
    ),
    case(
        "list_step_slicing",
        r"""
        l = list(range(10))
        print(l[1:8:2], l[::-1], l[8:1:-3], l[::4])
        """,
        "[1, 3, 5, 7] [9, 8, 7, 6, 5, 4, 3, 2, 1, 0] [8, 5, 2] [0, 4, 8]\n",
    ),
    case(
        "enumerate_dict_iteration",
        r"""
        d = {'x': 1, 'y': 2, 'z': 3}
        for i, (k, v) in enumerate(sorted(d.items())):
            print(i, k, v)
        print(sum(d.values()), max(d, key=d.get))
        """,
        ("0 x 1\n1 y 2\n2 z 3\n6 z\n"),
    ),
    # --- stdin and files
    case(
        "input_stdin",
        r"""
        name = input()
        age = int(input('Age? '))
        print('Hello,', name, 'next year', age + 1)
        """,
        "Age? Hello, Ada next year 37\n",
        stdin="Ada\n36\n",
    ),
    case(
        "input_eof",
        r"""
        lines = []
        try:
            while True:
                lines.append(input())
        except EOFError:
            print('eof after', len(lines), lines)
        """,
        "eof after 3 ['a', 'b', 'c']\n",
        stdin="a\nb\nc",
    ),
    case(
        "sys_stdin_read",
        r"""
        import sys
        data = sys.stdin.read()
        nums = [int(x) for x in data.split()]
        print(len(nums), sum(nums), max(nums))
        """,
        "5 51 40\n",
        stdin="1 2 3\n40 5\n",
    ),
    case(
        "file_write_read",
        r"""
        with open('notes.txt', 'w') as f:
            f.write('first\n')
            f.write('second\n')
        with open('notes.txt', 'a') as f:
            print('third', file=f)
        with open('notes.txt') as f:
            print(repr(f.read()))
        with open('notes.txt') as f:
            print([line.rstrip() for line in f])
        with open('notes.txt') as f:
            print(f.readlines())
        """,
        (
            "'first\\nsecond\\nthird\\n'\n"
            "['first', 'second', 'third']\n"
            "['first\\n', 'second\\n', 'third\\n']\n"
        ),
    ),
    case(
        "file_binary_and_listdir",
        r"""
        import os
        with open('data.bin', 'wb') as f:
            f.write(bytes(range(5)))
        with open('data.bin', 'rb') as f:
            print(f.read(), f.read())
        os.mkdir('sub')
        with open('sub/x.txt', 'w') as f:
            f.write('x')
        print(sorted(os.listdir('.')), os.listdir('sub'))
        os.remove('data.bin')
        os.rename('sub/x.txt', 'sub/y.txt')
        print(sorted(os.listdir('.')), os.listdir('sub'))
        """,
        ("b'\\x00\\x01\\x02\\x03\\x04' b''\n['data.bin', 'sub'] ['x.txt']\n['sub'] ['y.txt']\n"),
    ),
    case(
        "file_missing_error",
        r"""
        try:
            open('does-not-exist.txt')
        except OSError as e:
            import errno
            print('OSError', e.errno == errno.ENOENT, isinstance(e, OSError))
        """,
        "OSError True True\n",
    ),
    # --- Output bytes
    case(
        "output_control_chars",
        r"""
        print('a\x00b', 'c\rd', 'tab\tx', 'bell\x07', 'del\x7f')
        print('no newline at end', end='')
        """,
        ("a\x00b c\rd tab\tx bell\x07 del\x7f\nno newline at end"),
    ),
    case(
        "output_unicode",
        r"""
        s = '☃ é 中文 😀'
        print(s)
        print(len('😀'), '😀'.encode(), len(s.encode()), s.split()[2], ord('中'), chr(0x1F600) == '😀')
        """,
        ("☃ é 中文 😀\n1 b'\\xf0\\x9f\\x98\\x80' 18 中文 20013 True\n"),
    ),
]


@pytest.mark.parametrize(("code", "expected", "stdin"), CASES)
def test_guest_output(sb: Sandbox, code: str, expected: str, stdin: str | None) -> None:
    result = sb.run(code, limits=LIMITS, stdin=stdin)
    assert result.status is RunStatus.OK, result.stderr
    assert result.stdout == expected
    assert result.stderr == ""
    assert result.exit_code == 0
    assert result.error is None


@pytest.mark.parametrize(("code", "expected", "stdin"), CASES)
def test_cpython_agrees(tmp_path: Path, code: str, expected: str, stdin: str | None) -> None:
    """The table is honest: CPython prints exactly the expected output too."""
    proc = cpython(code, tmp_path, stdin)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == expected


def test_table_is_broad() -> None:
    ids = [p.id for p in CASES]
    assert len(ids) >= 80
    assert len(set(ids)) == len(ids)


# --- Files: what the guest writes comes back in RunResult.files


def test_written_files_are_returned(sb: Sandbox) -> None:
    code = textwrap.dedent(
        """
        import os
        with open('notes.txt', 'w') as f:
            f.write('first\\n')
        with open('/work/notes.txt', 'a') as f:
            print('second', file=f)
        os.mkdir('out')
        with open('out/data.bin', 'wb') as f:
            f.write(bytes([0, 255, 10]))
        with open('scratch.txt', 'w') as f:
            f.write('gone')
        os.remove('scratch.txt')
        print(sorted(os.listdir('.')))
        """
    )
    result = sb.run(code, limits=LIMITS)
    assert result.ok, result.stderr
    assert result.stdout == "['notes.txt', 'out']\n"
    assert result.files == {"notes.txt": b"first\nsecond\n", "out/data.bin": b"\x00\xff\n"}


INPUT_FILES = {"numbers.txt": "3\n4\n5\n", "names.csv": "id,name\n1,ada\n2,grace\n"}
READ_FILES = textwrap.dedent(
    """
    total = sum(int(line) for line in open('numbers.txt'))
    with open('names.csv') as f:
        header = f.readline().strip().split(',')
        rows = [dict(zip(header, line.strip().split(','))) for line in f]
    print(total, [r['name'] for r in rows], rows[1]['id'])
    with open('numbers.txt', 'a') as f:
        f.write('6\\n')
    print(open('numbers.txt').read().split())
    """
)


def test_initial_files_are_readable_and_updated(sb: Sandbox, tmp_path: Path) -> None:
    expected = "12 ['ada', 'grace'] 2\n['3', '4', '5', '6']\n"
    assert cpython(READ_FILES, tmp_path, files=INPUT_FILES).stdout == expected
    result = sb.run(READ_FILES, limits=LIMITS, files=INPUT_FILES)
    assert result.ok, result.stderr
    assert result.stdout == expected
    assert result.files["numbers.txt"] == b"3\n4\n5\n6\n"
    assert result.files["names.csv"] == INPUT_FILES["names.csv"].encode()


def test_large_output_matches_cpython(sb: Sandbox, tmp_path: Path) -> None:
    code = "for i in range(4000):\n    print(i, i * i, 'x' * (i % 7))\n"
    expected = cpython(code, tmp_path).stdout
    assert len(expected) > 50_000
    result = sb.run(code, limits=LIMITS)
    assert result.ok, result.stderr
    assert result.stdout == expected


# --- Uncaught exceptions: status, type, message, line and traceback

FRAME = re.compile(r'File "[^"]*main\.py", line (\d+), in (\S+)')


def err(
    id: str,
    code: str,
    type: str,
    message: str,
    frames: list[tuple[int, str]],
    *,
    stdout: str = "",
    stderr_before: str = "",
) -> Any:
    code = textwrap.dedent(code).lstrip("\n")
    return pytest.param(code, type, message, frames, stdout, stderr_before, id=id)


ERRORS = [
    err(
        "zero_division_in_function",
        """
        def f(x):
            return 10 / x

        print('before')
        f(0)
        print('not reached')
        """,
        "ZeroDivisionError",
        "division by zero",
        [(5, "<module>"), (2, "f")],
        stdout="before\n",
    ),
    err(
        "custom_exception_from_function",
        """
        class MyError(Exception):
            pass

        def g():
            raise MyError('custom message')

        g()
        """,
        "MyError",
        "custom message",
        [(7, "<module>"), (5, "g")],
    ),
    err(
        "name_error",
        "x = 1\nprint(undefined_thing)\n",
        "NameError",
        "name 'undefined_thing' is not defined",
        [(2, "<module>")],
    ),
    err("key_error", "d = {}\nd['nope']\n", "KeyError", "'nope'", [(2, "<module>")]),
    err(
        "index_error_in_method",
        """
        class A:
            def m(self):
                return [][0]
        A().m()
        """,
        "IndexError",
        "list index out of range",
        [(4, "<module>"), (3, "m")],
    ),
    err(
        "attribute_error_in_lambda",
        "f = lambda v: v.missing\nf(3)\n",
        "AttributeError",
        "'int' object has no attribute 'missing'",
        [(2, "<module>"), (1, "<lambda>")],
    ),
    err(
        "error_inside_generator",
        """
        def gen():
            yield 1
            yield 1 / 0
        for x in gen():
            print('got', x)
        """,
        "ZeroDivisionError",
        "division by zero",
        [(4, "<module>"), (3, "gen")],
        stdout="got 1\n",
    ),
    err(
        "bare_reraise_keeps_origin",
        """
        def f():
            raise KeyError('k')
        try:
            f()
        except KeyError:
            print('logged')
            raise
        """,
        "KeyError",
        "'k'",  # CPython's str() of a KeyError is the key's repr
        [(4, "<module>"), (2, "f")],
        stdout="logged\n",
    ),
    err(
        "error_after_finally",
        """
        def f():
            try:
                return 1 / 0
            finally:
                print('fin')
        f()
        """,
        "ZeroDivisionError",
        "division by zero",
        [(6, "<module>"), (3, "f")],
        stdout="fin\n",
    ),
    err(
        "raise_in_with_body",
        """
        class CM:
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                print('exit', exc[0].__name__)
                return False
        with CM():
            raise RuntimeError('inside')
        """,
        "RuntimeError",
        "inside",
        [(8, "<module>")],
        stdout="exit RuntimeError\n",
    ),
    err(
        "assertion_with_message",
        "x = 1\nassert x == 2, 'math broke'\n",
        "AssertionError",
        "math broke",
        [(2, "<module>")],
    ),
    err(
        "deep_frames",
        """
        def a(n):
            if n == 0:
                raise OverflowError('deep')
            a(n - 1)
        a(3)
        """,
        "OverflowError",
        "deep",
        [(5, "<module>"), *[(4, "a")] * 3, (3, "a")],
    ),
    err(
        "raise_while_handling",
        """
        try:
            1 / 0
        except ZeroDivisionError:
            raise ValueError('during handling')
        """,
        "ValueError",
        "during handling",
        [(4, "<module>")],
    ),
    err(
        "type_error_str_plus_int",
        "def join(a, b):\n    return a + b\njoin('a', 1)\n",
        "TypeError",
        'can only concatenate str (not "int") to str',
        [(3, "<module>"), (2, "join")],
    ),
    err(
        "unicode_message",
        "raise ValueError('héllo ☃')\n",
        "ValueError",
        "héllo ☃",
        [(1, "<module>")],
    ),
    err(
        "stderr_written_before_error",
        """
        import sys
        print('to err', file=sys.stderr)
        print('to out')
        raise TypeError('t')
        """,
        "TypeError",
        "t",
        [(4, "<module>")],
        stdout="to out\n",
        stderr_before="to err\n",
    ),
]


@pytest.mark.parametrize(("code", "type", "message", "frames", "stdout", "stderr_before"), ERRORS)
def test_uncaught_exception(
    sb: Sandbox,
    code: str,
    type: str,
    message: str,
    frames: list[tuple[int, str]],
    stdout: str,
    stderr_before: str,
) -> None:
    result = sb.run(code, limits=LIMITS)
    assert result.status is RunStatus.ERROR
    assert result.exit_code == 1
    assert result.stdout == stdout
    error = result.error
    assert error is not None
    assert (error.type, error.message, error.line) == (type, message, frames[-1][0])
    assert error.summary == f"{type} (line {frames[-1][0]}): {message}"
    assert result.stderr == stderr_before + error.traceback
    assert error.traceback.startswith("Traceback (most recent call last):\n")
    assert error.traceback.endswith(f"{type}: {message}\n")
    found = [(int(n), name) for n, name in FRAME.findall(error.traceback)]
    assert found == frames


@pytest.mark.parametrize(("code", "type", "message", "frames", "stdout", "stderr_before"), ERRORS)
def test_cpython_error_agrees(
    tmp_path: Path,
    code: str,
    type: str,
    message: str,
    frames: list[tuple[int, str]],
    stdout: str,
    stderr_before: str,
) -> None:
    """Same exception type, same frames and lines under CPython (messages may differ)."""
    proc = cpython(code, tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == stdout
    assert proc.stderr.startswith(stderr_before)
    last = proc.stderr.rsplit("Traceback (most recent call last):\n", 1)[1]
    assert [(int(n), name) for n, name in FRAME.findall(last)] == frames
    assert last.rstrip("\n").splitlines()[-1].startswith(type)


SYNTAX_ERRORS = [
    pytest.param("print('never runs')\nx = 1\nif x\n    print(x)\n", 3, id="missing_colon"),
    pytest.param("print('unterminated)\n", 1, id="unterminated_string"),
    pytest.param("x = 1\ny = x +\nprint(y)\n", 2, id="dangling_operator"),
    pytest.param("def f(:\n    pass\n", 1, id="bad_parameter_list"),
]


@pytest.mark.parametrize(("code", "line"), SYNTAX_ERRORS)
def test_syntax_error(sb: Sandbox, code: str, line: int) -> None:
    result = sb.run(code, limits=LIMITS)
    assert result.status is RunStatus.ERROR
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.error is not None
    assert result.error.type == "SyntaxError"
    assert result.error.line == line
    assert f'File "main.py", line {line}\n' in result.stderr
    assert result.stderr.endswith("SyntaxError: invalid syntax\n")


@pytest.mark.parametrize(("code", "line"), SYNTAX_ERRORS)
def test_cpython_syntax_error_agrees(tmp_path: Path, code: str, line: int) -> None:
    proc = cpython(code, tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert re.search(rf'File "[^"]*main\.py", line {line}\n', proc.stderr)
    assert proc.stderr.rstrip("\n").splitlines()[-1].startswith("SyntaxError")


# --- sys.exit and SystemExit

EXITS = [
    pytest.param(
        "import sys\nprint('bye')\nsys.exit(3)\nprint('no')\n", 3, "bye\n", "", id="exit_3"
    ),
    pytest.param("import sys\nprint('a')\nsys.exit(0)\nprint('b')\n", 0, "a\n", "", id="exit_0"),
    pytest.param("import sys\nsys.exit()\n", 0, "", "", id="exit_no_argument"),
    pytest.param("import sys\nsys.exit(None)\n", 0, "", "", id="exit_none"),
    pytest.param("raise SystemExit(5)\n", 5, "", "", id="raise_systemexit"),
    pytest.param(
        "import sys\nsys.exit('fatal: bad input')\n", 1, "", "fatal: bad input\n", id="exit_message"
    ),
    pytest.param(
        "import sys\ntry:\n    sys.exit(4)\nfinally:\n    print('cleanup')\n",
        4,
        "cleanup\n",
        "",
        id="exit_runs_finally",
    ),
    pytest.param(
        "import sys\ndef main():\n    print('working')\n    return 2\nsys.exit(main())\n",
        2,
        "working\n",
        "",
        id="exit_from_main_function",
    ),
    pytest.param(
        "import sys\ntry:\n    sys.exit(2)\nexcept SystemExit as e:\n    print('caught', e.args)\n"
        "print('after')\n",
        0,
        "caught (2,)\nafter\n",
        "",
        id="systemexit_caught",
    ),
]


@pytest.mark.parametrize(("code", "exit_code", "stdout", "stderr"), EXITS)
def test_exit(sb: Sandbox, code: str, exit_code: int, stdout: str, stderr: str) -> None:
    result = sb.run(code, limits=LIMITS)
    assert result.exit_code == exit_code
    assert (result.stdout, result.stderr) == (stdout, stderr)
    if exit_code == 0:
        assert result.status is RunStatus.OK
        assert result.error is None
    else:
        assert result.status is RunStatus.ERROR
        assert result.error is not None
        assert result.error.type == "SystemExit"
        assert result.error.summary == f"The code exited with status {exit_code}."


@pytest.mark.parametrize(("code", "exit_code", "stdout", "stderr"), EXITS)
def test_cpython_exit_agrees(
    tmp_path: Path, code: str, exit_code: int, stdout: str, stderr: str
) -> None:
    proc = cpython(code, tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (exit_code, stdout, stderr)


# --- Regressions: bugs this suite found in the bootstrap, now fixed


def test_exit_false_is_success(sb: Sandbox) -> None:
    result = sb.run("import sys\nsys.exit(False)\n", limits=LIMITS)
    assert (result.status, result.exit_code, result.stderr) == (RunStatus.OK, 0, "")


def test_exit_true_is_status_1_without_output(sb: Sandbox) -> None:
    result = sb.run("import sys\nsys.exit(True)\n", limits=LIMITS)
    assert (result.status, result.exit_code, result.stderr) == (RunStatus.ERROR, 1, "")


def test_nul_in_exception_message_is_kept(sb: Sandbox) -> None:
    result = sb.run("raise ValueError('a\\x00b')\n", limits=LIMITS)
    assert result.error is not None
    assert result.error.message == "a\x00b"
    assert result.error.traceback == result.stderr
