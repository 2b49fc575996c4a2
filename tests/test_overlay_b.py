"""Overlay modules, part B (src/wasmbox/guest/lib): random, datetime, statistics,
fractions, base64, uuid, csv, textwrap, bisect, hashlib, zlib, json, math.

Each snippet runs in wasmbox and under CPython 3.11 (all snippets in one CPython
process); the two stdouts must be equal. Snippets avoid what MicroPython cannot
match whatever the overlay does: dict order, float reprs it prints one digit
longer, values that are random by design (random snippets print only shapes,
ranges and reproducibility).
"""

from __future__ import annotations

import textwrap
import zlib

import pytest

from cpython import flatten, reference_outputs
from wasmbox import Sandbox

# `import math` finds MicroPython's built-in before sys.path, so until the
# bootstrap installs the overlay, math snippets install it themselves.

CASES: dict[str, list[str]] = {}

CASES["json"] = [
    """
    import json
    print(json.dumps({"a": [1, 2.5, None, True, False, "x"]}))
    print(json.dumps("caf\\u00e9 \\u2028 \\U0001f600 \\x01\\b\\f\\n\\t\\"\\\\/"))
    print(json.dumps("caf\\u00e9 \\U0001f600", ensure_ascii=False))
    print(json.dumps([float("inf"), float("-inf"), float("nan"), 1e16, 0.1, -0.0, 10**30]))
    """,
    """
    import json
    data = {"b": [1, {"z": None, "a": (1, 2)}], "a": "x", "c": {}, "d": []}
    print(json.dumps(data, sort_keys=True))
    print(json.dumps(data, indent=2, sort_keys=True))
    print(json.dumps(data, indent="\\t", sort_keys=True))
    print(json.dumps(data, indent=0, sort_keys=True))
    """,
    """
    import json
    print(json.dumps([1, {"k": [2, 3]}], separators=(",", ":")), json.dumps({"k": [1, 2], "j": {}}, separators=(" ;", "=>"), sort_keys=True))
    print(json.dumps({"k": 1}, indent=4, separators=(",", " = ")))
    print(json.dumps([[], {}, [[]], [{}]], indent=2))
    print(json.dumps({1: "a"}), json.dumps({2.5: 1}), json.dumps({True: 1, None: 2}, sort_keys=False) in ('{"true": 1, "null": 2}', '{"null": 2, "true": 1}'))
    """,
    """
    import json
    class P:
        def __init__(self, x):
            self.x = x
    print(json.dumps({"p": P(3)}, default=lambda o: {"P": o.x}))
    print(json.dumps([{1, 2}], default=sorted))
    try:
        json.dumps(P(1))
    except TypeError as e:
        print("TypeError:", e)
    try:
        json.dumps({(1, 2): 3}, indent=1)
    except TypeError as e:
        print("TypeError:", e)
    print(json.dumps({(1, 2): 3, "k": 1}, skipkeys=True))
    try:
        json.dumps(float("nan"), allow_nan=False)
    except ValueError as e:
        print("ValueError:", e)
    """,
    """
    import json
    s = '{"name": "Ada", "langs": ["en", "fr"], "age": 36, "x": 1.5, "n": null, "t": true}'
    d = json.loads(s)
    print(sorted(d.items()))
    print(json.loads("[1, 2.0, -3e2, \\"\\\\u00e9\\"]")[:3], json.loads('"\\\\u00e9"'), json.loads(b"[1]"), json.loads(" 7 "))
    try:
        json.loads("{bad")
    except json.JSONDecodeError as e:
        print("JSONDecodeError", isinstance(e, ValueError))
    try:
        json.loads("")
    except ValueError:
        print("ValueError")
    """,
    """
    import json, io
    buf = io.StringIO()
    json.dump({"k": [1, 2]}, buf, indent=1)
    print(repr(buf.getvalue()))
    print(json.load(io.StringIO('{"a": {"b": [true]}}')))
    with open("t.json", "w") as f:
        json.dump([1, "two", 3.0], f)
    with open("t.json") as f:
        print(json.load(f))
    """,
    """
    import json
    print(json.loads('{"a": 1, "b": {"c": 2}}', object_hook=lambda d: sorted(d)))
    print(json.loads('[1.5, 2, "x"]', parse_float=lambda s: "F" + s, parse_int=lambda s: int(s) * 10))
    print(json.loads('{"a": 1}', object_pairs_hook=list))
    """,
    """
    import json
    rows = [{"id": i, "name": "n%d" % i, "score": i * 1.5, "ok": i % 2 == 0} for i in range(3)]
    print(json.dumps(rows, sort_keys=True))
    print(json.dumps(rows, sort_keys=True, indent=2))
    print(json.dumps({"k": "\\u00e9"}, indent=2, ensure_ascii=False))
    print(json.dumps({"k": "\\u00e9"}, sort_keys=True))
    """,
    """
    import json
    print(json.dumps("inf nan -inf"), json.dumps(["nan", "inf,", "[inf]"]))
    print(json.dumps([1.0, 2.5e-8, 123456789.0, 1e300, 1e-300]))
    print(json.dumps(12345678901234567890123), json.dumps(-0), json.dumps(None), json.dumps(True))
    print(json.dumps({"a": {"b": {"c": {"d": [1, [2, [3]]]}}}}, indent=1))
    """,
    """
    import json
    s = json.dumps({"k": [1, 2, {"x": "y"}]}, indent=2)
    print(json.loads(s) == {"k": [1, 2, {"x": "y"}]})
    print(json.dumps("\\x00\\x1f\\x7f\\x80\\xff"))
    print(json.dumps("\\x7f\\x80", ensure_ascii=False) == '"\\x7f\\x80"')
    print(json.dumps(["\\b\\\\u0008", "a\\fb"]))
    """,
]

CASES["json"] += [
    """
    import json
    person = {"name": "Ada", "age": 36, "langs": ["en", "fr"], "address": {"zip": "N1", "city": "London"}}
    print(json.dumps(person))
    print(json.dumps(person, indent=4))
    back = json.loads(json.dumps(person))
    print(back, list(back), list(back["address"].items()), back == person)
    """,
    """
    import json
    src = {"z": 1, "a": {"y": "{:}", "b": "100%s", "c": ["x:y", {"q": 'say "hi" \\\\ ok'}, {}]}, 'm"k': "a\\\\", "e": {}}
    s = json.dumps(src)
    d = json.loads(s)
    print(s)
    print(d, d == src)
    print(json.dumps(d), [k for k in d["a"]], json.loads(' { "b" : 1 , "a" : [ { } ] } '))
    print(json.loads('[{"b": 2, "a": 1}, {"d": 4, "c": 3}]'), json.loads("{}"), json.loads('{"k": {}}'))
    """,
    """
    import json
    from collections import Counter, OrderedDict, defaultdict
    c = Counter("mississippi")
    print(json.dumps(c), json.dumps(OrderedDict([("b", 1), ("a", 2)])))
    dd = defaultdict(list)
    dd["x"].append(1)
    dd["a"].append(2)
    print(json.dumps(dd), json.dumps({"t": (1, 2), "n": [None, True]}))
    for bad in (b"bytes", {1, 2}, object()):
        try:
            json.dumps(bad)
        except TypeError as e:
            print("TypeError", str(e)[:40])
    """,
]

CASES["random"] = [
    """
    import random
    random.seed(42)
    a = [random.random() for _ in range(5)]
    random.seed(42)
    print(a == [random.random() for _ in range(5)], all(0 <= x < 1 for x in a))
    random.seed("a string seed")
    b = [random.randint(1, 6) for _ in range(20)]
    random.seed("a string seed")
    print(b == [random.randint(1, 6) for _ in range(20)], set(b) <= {1, 2, 3, 4, 5, 6})
    """,
    """
    import random
    random.seed(1)
    xs = list(range(20))
    random.shuffle(xs)
    print(sorted(xs) == list(range(20)), len(xs))
    s = random.sample(range(100), 10)
    print(len(s), len(set(s)), all(0 <= v < 100 for v in s))
    print(sorted(random.sample(["a", "b", "c"], 3)), random.sample([1, 2], 0))
    c = random.sample(["x", "y"], k=4, counts=[2, 2])
    print(sorted(c))
    """,
    """
    import random
    c = random.choices("abc", k=10)
    print(len(c), set(c) <= set("abc"))
    print(random.choices(["x", "y", "z"], weights=[0, 1, 0], k=4))
    print(random.choices(["x", "y", "z"], cum_weights=[0, 0, 5], k=3))
    print(random.choices("q"), len(random.choices(range(5), k=0)))
    for bad in ({"weights": [1], "k": 1}, {"weights": [1, 1], "cum_weights": [1, 2]}):
        try:
            random.choices("ab", **bad)
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
    """,
    """
    import random
    vals = [random.gauss(10, 2) for _ in range(200)]
    print(all(isinstance(v, float) for v in vals), 8 < sum(vals) / len(vals) < 12)
    print(all(random.expovariate(1.5) >= 0 for _ in range(50)))
    print(all(2 <= random.triangular(2, 5, 3) <= 5 for _ in range(50)))
    print(all(0 <= random.betavariate(2, 5) <= 1 for _ in range(20)))
    print(all(-3 < random.normalvariate(0, 0.5) < 3 for _ in range(50)))
    print(all(1.0 <= random.uniform(1.0, 2.0) <= 2.0 for _ in range(50)))
    print(random.gammavariate(2.0, 1.0) > 0, random.lognormvariate(0, 1) > 0, random.paretovariate(2) >= 1)
    """,
    """
    import random
    r1, r2 = random.Random(7), random.Random(7)
    print([r1.random() for _ in range(4)] == [r2.random() for _ in range(4)])
    print(r1.randint(1, 10) == r2.randint(1, 10), r1.choice("abcdef") == r2.choice("abcdef"))
    r3 = random.Random(8)
    print([r3.random() for _ in range(4)] != [r1.random() for _ in range(4)])
    st = r1.getstate()
    x = [r1.random(), r1.gauss(0, 1)]
    r1.setstate(st)
    print(x == [r1.random(), r1.gauss(0, 1)])
    random.seed(3)
    y = random.random()
    random.seed(3)
    r4 = random.Random(99)
    r4.random()
    print(y == random.random())
    """,
    """
    import random
    print(random.getrandbits(0), 0 <= random.getrandbits(8) < 256, 0 <= random.getrandbits(100) < 2**100)
    print(all(10**20 <= random.randrange(10**20, 10**20 + 7) < 10**20 + 7 for _ in range(20)))
    print(all(0 <= random.randint(0, 2**64) <= 2**64 for _ in range(20)))
    print(all(random.randrange(0, 100, 10) % 10 == 0 for _ in range(20)))
    print(all(random.randrange(10, 0, -3) in (10, 7, 4, 1) for _ in range(20)))
    b = random.randbytes(16)
    print(type(b).__name__, len(b))
    """,
    """
    import random
    for f, a in ((random.randrange, (0,)), (random.randrange, (5, 5)), (random.choice, ([],))):
        try:
            f(*a)
        except (ValueError, IndexError) as e:
            print(type(e).__name__, e)
    try:
        random.sample([1, 2], 3)
    except ValueError as e:
        print(e)
    try:
        random.sample({1, 2}, 1)
    except TypeError as e:
        print("TypeError")
    """,
    """
    import random
    r = random.Random()
    print(0 <= r.random() < 1, 1 <= r.randint(1, 3) <= 3, r.choice([5]))
    xs = [1, 2, 3, 4]
    r.shuffle(xs)
    print(sorted(xs), len(r.sample(xs, 2)), len(r.choices(xs, k=3)))
    s = random.SystemRandom()
    print(0 <= s.random() < 1, 0 <= s.randrange(10) < 10, len(s.randbytes(3)))
    print(isinstance(r, random.Random), callable(random.seed))
    """,
]

CASES["hashlib"] = [
    """
    import hashlib
    for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512"):
        print(name, hashlib.new(name, b"abc").hexdigest())
    """,
    """
    import hashlib
    print(hashlib.md5(b"").hexdigest(), hashlib.sha1(b"").hexdigest())
    print(hashlib.sha256(b"").hexdigest())
    print(hashlib.sha512(b"").hexdigest())
    """,
    """
    import hashlib
    data = bytes(range(256)) * 3
    for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512"):
        h = getattr(hashlib, name)()
        for i in range(0, len(data), 100):
            h.update(data[i : i + 100])
        print(name, h.hexdigest() == hashlib.new(name, data).hexdigest(), h.hexdigest()[:16])
    """,
    """
    import hashlib
    for name in ("md5", "sha1", "sha256", "sha512"):
        h = hashlib.new(name, b"hello ")
        c = h.copy()
        c.update(b"world")
        print(name, h.hexdigest()[:12], c.hexdigest()[:12], h.digest_size, h.block_size, h.name)
    """,
    """
    import hashlib
    h = hashlib.sha256(b"ab")
    print(h.hexdigest())
    print(h.digest() == h.digest())
    h.update(b"c")
    print(h.hexdigest() == hashlib.sha256(b"abc").hexdigest())
    m = hashlib.md5()
    m.update(b"a")
    d1 = m.hexdigest()
    m.update(b"b")
    print(d1, m.hexdigest())
    """,
    """
    import hashlib
    for n in (55, 56, 63, 64, 65, 111, 112, 127, 128, 129):
        print(n, hashlib.md5(b"x" * n).hexdigest()[:8], hashlib.sha1(b"x" * n).hexdigest()[:8], hashlib.sha512(b"x" * n).hexdigest()[:8], hashlib.sha224(b"x" * n).hexdigest()[:8])
    """,
    """
    import hashlib
    try:
        hashlib.sha256("text")
    except TypeError as e:
        print(e)
    try:
        hashlib.new("nope")
    except ValueError as e:
        print(type(e).__name__)
    print(hashlib.sha1(bytearray(b"abc")).hexdigest(), hashlib.new("SHA256", b"x").hexdigest()[:10])
    print(sorted(hashlib.algorithms_guaranteed & {"md5", "sha1", "sha256"}))
    """,
    """
    import hashlib
    print(hashlib.md5("The quick brown fox jumps over the lazy dog".encode()).hexdigest())
    print(hashlib.sha1(b"The quick brown fox jumps over the lazy dog").digest().hex())
    print(hashlib.sha384(b"The quick brown fox jumps over the lazy dog").hexdigest())
    print(hashlib.md5(b"a", usedforsecurity=False).hexdigest())
    """,
]

CASES["math"] = [
    """
    import math
    print(math.gcd(12, 18), math.gcd(12, 18, 8), math.gcd(), math.gcd(-4, 6), math.gcd(0, 0))
    print(math.lcm(4, 6, 10), math.lcm(), math.lcm(0, 3), math.lcm(-4, 6))
    """,
    """
    import math
    print(math.isqrt(10), math.isqrt(0), math.isqrt(2**100), math.isqrt(10**40 - 1))
    print([math.isqrt(i) for i in range(20)])
    try:
        math.isqrt(-1)
    except ValueError as e:
        print(e)
    """,
    """
    import math
    print(math.comb(10, 3), math.comb(52, 5), math.comb(100, 50), math.comb(3, 5))
    print(math.perm(5), math.perm(5, 2), math.perm(3, 4), math.factorial(25))
    """,
    """
    import math
    print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([0.5, 4]), math.prod(range(1, 21)), math.prod([2, 3], start=10))
    """,
    """
    import math
    print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
    print(math.fsum([]), math.fsum([1, 2, 3]), math.fsum([float("inf"), 1.0]), math.fsum([float("nan"), 1.0]))
    try:
        math.fsum([float("inf"), float("-inf")])
    except ValueError as e:
        print(e)
    """,
    """
    import math
    print(math.hypot(3, 4), math.hypot(1, 2, 2), math.hypot(), math.hypot(-5), math.hypot(0.1, 0.2, 0.3))
    print(math.hypot(1e200, 1e200), math.hypot(1e-200, 1e-200), math.hypot(float("nan"), float("inf")))
    print(math.dist((0, 0), (3, 4)), math.dist([1, 2, 3], [4, 6, 8]))
    """,
    """
    import math
    print(math.pi, math.e, math.tau, math.inf, math.nan, -math.inf)
    print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1), math.isclose(1, 1.1, rel_tol=0.2))
    print(math.log2(1024), math.floor(-2.5), math.ceil(2.1), math.sqrt(16), math.exp2(10), math.cbrt(-8))
    """,
    """
    import math
    print(math.sin(0), math.cos(0), math.atan2(1, 1), math.degrees(math.pi), math.radians(180))
    print(math.log(100, 10), math.log10(1000), math.trunc(-2.7), math.copysign(1, -0.0), math.fabs(-3))
    print(math.isfinite(1.0), math.isinf(math.inf), math.isnan(math.nan), math.factorial(0))
    """,
]

CASES["bisect"] = [
    """
    import bisect
    a = [1, 2, 2, 2, 3, 5]
    print([bisect.bisect_left(a, x) for x in range(7)])
    print([bisect.bisect_right(a, x) for x in range(7)])
    print(bisect.bisect(a, 2), bisect.bisect_left(a, 2, 2), bisect.bisect_left(a, 2, 0, 2))
    """,
    """
    import bisect
    a = []
    for x in [5, 1, 4, 1, 3]:
        bisect.insort(a, x)
    print(a)
    bisect.insort_left(a, 4)
    bisect.insort_right(a, 0)
    print(a)
    """,
    """
    import bisect
    recs = [("a", 1), ("b", 3), ("c", 5)]
    print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
    bisect.insort(recs, ("d", 4), key=lambda r: r[1])
    print(recs)
    """,
    """
    import bisect
    def grade(score, breakpoints=[60, 70, 80, 90], grades="FDCBA"):
        return grades[bisect.bisect(breakpoints, score)]
    print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
    """,
    """
    import bisect
    try:
        bisect.bisect_left([1], 1, -1)
    except ValueError as e:
        print(e)
    print(bisect.bisect_left([], 5), bisect.bisect_right([1.5, 2.5], 2))
    """,
    """
    import bisect
    words = sorted(["pear", "apple", "fig", "banana"])
    i = bisect.bisect_left(words, "cherry")
    print(words, i, words[i])
    """,
    """
    import bisect
    a = [10, 20, 30]
    print(bisect.bisect_left(a, 20, hi=1), bisect.bisect_right(a, 20, lo=2), bisect.insort_left(a, 25), a)
    """,
    """
    import bisect
    a = list(range(0, 100, 7))
    print([bisect.bisect_left(a, v) for v in (0, 6, 7, 50, 98, 99, 1000)])
    """,
]

CASES["base64"] = [
    """
    import base64
    for s in (b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"):
        e = base64.b64encode(s)
        print(e, base64.b64decode(e) == s, base64.b32encode(s), base64.b16encode(s))
    """,
    """
    import base64
    print(base64.b64decode("aGVsbG8gd29ybGQ="), base64.b64decode(b"aGVs\\nbG8="))
    print(base64.urlsafe_b64encode(bytes([251, 255, 254])), base64.urlsafe_b64decode("-__-"))
    print(base64.b64encode(bytes([251, 255]), altchars=b"-_"), base64.b64decode(b"-_8=", altchars=b"-_"))
    """,
    """
    import base64
    for s in (b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"):
        print(base64.b32decode(base64.b32encode(s)) == s, base64.b32hexencode(s), base64.b32hexdecode(base64.b32hexencode(s)) == s)
    print(base64.b32decode("mzxw6===", casefold=True))
    """,
    """
    import base64
    print(base64.b16decode("666F6F"), base64.b16decode("666f6f", casefold=True))
    for bad in ("666f6f", "6G"):
        try:
            base64.b16decode(bad)
        except ValueError as e:
            print("ValueError", e)
    """,
    """
    import base64
    data = bytes(range(100))
    e = base64.encodebytes(data)
    print(e)
    print(base64.decodebytes(e) == data)
    """,
    """
    import base64
    for bad in ("abc", "a"):
        try:
            base64.b64decode(bad)
        except ValueError as e:
            print("ValueError")
    try:
        base64.b64decode("ab!c", validate=True)
    except ValueError as e:
        print("ValueError", e)
    print(base64.b64decode("ab!cd"))
    """,
    """
    import base64
    try:
        base64.b64encode("text")
    except TypeError as e:
        print(e)
    print(base64.standard_b64encode(b"\\x00\\xff"), base64.standard_b64decode(b"AP8="))
    print(base64.b64encode(b"hello world").decode("ascii"))
    """,
    """
    import base64, json
    token = base64.urlsafe_b64encode(json.dumps({"user": 1}).encode()).rstrip(b"=")
    print(token)
    pad = b"=" * (-len(token) % 4)
    print(json.loads(base64.urlsafe_b64decode(token + pad)))
    """,
]

CASES["textwrap"] = [
    """
    import textwrap
    text = "The quick brown fox jumps over the lazy dog. " * 4
    print(textwrap.wrap(text, 30))
    print(textwrap.fill(text, width=25))
    """,
    """
    import textwrap
    s = "A well-known, self-evident state-of-the-art mother-in-law re-entered."
    for w in (10, 12, 15, 20):
        print(textwrap.wrap(s, w))
    print(textwrap.wrap(s, 12, break_on_hyphens=False))
    """,
    """
    import textwrap
    print(textwrap.wrap("Supercalifragilisticexpialidocious is long", 10))
    print(textwrap.wrap("Supercalifragilisticexpialidocious is long", 10, break_long_words=False))
    print(textwrap.wrap("  leading and   multiple   spaces  ", 12))
    print(textwrap.wrap("  leading and   multiple   spaces  ", 12, drop_whitespace=False))
    """,
    """
    import textwrap
    code = '''
        def f():
            return 1

          # comment
        '''
    print(repr(textwrap.dedent(code)))
    print(repr(textwrap.dedent("  a\\n\\tb\\n")), repr(textwrap.dedent("    x\\n      \\n    y")))
    print(repr(textwrap.dedent("  a\\n   b\\n  c")))
    """,
    """
    import textwrap
    print(repr(textwrap.indent("a\\n\\nb\\n  \\nc", "> ")))
    print(repr(textwrap.indent("a\\nb", "+ ", lambda line: True)))
    print(repr(textwrap.indent("x\\r\\ny\\n", "  ")))
    """,
    """
    import textwrap
    print(textwrap.shorten("Hello  world!   This is a long sentence.", width=12))
    print(textwrap.shorten("Hello world", width=11))
    print(textwrap.shorten("Hello  world!", width=10, placeholder="..."))
    print(textwrap.shorten("The quick brown fox jumps over the lazy dog", 25))
    """,
    """
    import textwrap
    t = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore."
    print(textwrap.fill(t, 30, initial_indent="* ", subsequent_indent="  "))
    print(textwrap.wrap(t, 20, max_lines=3))
    print(textwrap.wrap(t, 20, max_lines=2, placeholder=" ..."))
    """,
    """
    import textwrap
    print(textwrap.wrap("a\\tb\\tc\\td", 8), textwrap.wrap("a\\tb", 20, expand_tabs=False), textwrap.wrap("x\\ty", 20, tabsize=4))
    print(textwrap.wrap("Hi.  There. Yes! ok", 40, fix_sentence_endings=True))
    print(textwrap.wrap("one\\ntwo\\nthree", 40), textwrap.wrap("one\\ntwo", 40, replace_whitespace=False))
    w = textwrap.TextWrapper(width=15, subsequent_indent="  ")
    print(w.wrap("alpha beta gamma delta epsilon zeta"))
    print(textwrap.wrap("", 10), textwrap.wrap("Use the -b option -- or --long-opt, ok", 8))
    """,
    """
    import textwrap
    try:
        textwrap.wrap("abc", 0)
    except ValueError as e:
        print(e)
    print(textwrap.wrap("foo--bar baz---qux a-b-c-d", 5))
    print(textwrap.wrap("x-y xx-yy xxx-yyy a-bc ab-c 12-34 ab-12", 4))
    """,
]


CASES["csv"] = [
    """
    import csv, io
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["name", "age", "note"])
    w.writerow(["Ada", 36, 'says "hi"'])
    w.writerow(["Bob, Jr.", 1.5, "line1\\nline2"])
    w.writerow(["", None, True])
    w.writerow([""])
    w.writerow([])
    w.writerows([[1, 2], [3, 4]])
    print(repr(buf.getvalue()))
    """,
    """
    import csv, io
    for q in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC):
        buf = io.StringIO()
        csv.writer(buf, quoting=q).writerow(["a", 1, 2.5, None, "", "x y", True])
        print(q, repr(buf.getvalue()))
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_NONE, escapechar="\\\\")
    w.writerow(["a,b", 'q"q', "e\\\\e", "plain"])
    print(repr(buf.getvalue()))
    try:
        csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(["a,b"])
    except csv.Error as e:
        print("Error:", e)
    """,
    """
    import csv, io
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", quotechar="'", lineterminator="\\n")
    w.writerow(["a;b", "it's", "c"])
    w = csv.writer(buf, delimiter="\\t", doublequote=False, escapechar="\\\\")
    w.writerow(['say "x"', "tab\\there"])
    print(repr(buf.getvalue()))
    """,
    """
    import csv
    lines = ['name,age,city\\r\\n', 'Ada,36,"London, UK"\\r\\n', '\\x22Bob \\x22\\x22B\\x22\\x22\\x22,7,\\r\\n', '\\r\\n', 'x,"multi\\r\\n', 'line",z\\r\\n', 'last,row,no-newline']
    r = csv.reader(lines)
    for row in r:
        print(row, r.line_num)
    """,
    """
    import csv
    print(list(csv.reader(["a, b,  c", ' "q", d'], skipinitialspace=True)))
    print(list(csv.reader(["a\\\\,b,c\\\\\\\\d"], escapechar="\\\\")))
    print(list(csv.reader(["a|b|'c|d'"], delimiter="|", quotechar="'")))
    print(list(csv.reader(['"a"b,c', 'x"y"z,"'])))
    print(list(csv.reader(["1,2.5,\\"x\\",,-3"], quoting=csv.QUOTE_NONNUMERIC)))
    print(list(csv.reader(['a,"b,c', 'd"'], quoting=csv.QUOTE_NONE)))
    print(list(csv.reader(["a\\tb\\tc"], dialect="excel-tab")), list(csv.reader([])), list(csv.reader(["\\n", ","])))
    """,
    """
    import csv
    for bad, kw in ((['a,"b"c'], {"strict": True}), (['"abc'], {"strict": True}), (["a\\rb"], {}), (["a\\x00b", "\\uffff,\\"\\uffff\\n\\"", "x"], {})):
        try:
            print(list(csv.reader(bad, **kw)))
        except csv.Error as e:
            print("Error:", e)
    print(list(csv.reader(['"abc'])))
    """,
    """
    import csv, io
    data = "id,name,score\\n1,Ada,9.5\\n2,Bob,7\\n3,Cy\\n4,Di,8,extra,more\\n"
    r = csv.DictReader(io.StringIO(data), restkey="rest", restval="N/A")
    print(r.fieldnames)
    for row in r:
        print(row["id"], row["name"], row["score"], row.get("rest"), list(row.keys()), r.line_num)
        print(row, dict(row) == row, len(row))
    r = csv.DictReader(["a,b", "1,2"], fieldnames=["x", "y"])
    print([sorted(d.items()) for d in r])
    """,
    """
    import csv, io
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["id", "name", "tags"])
    w.writeheader()
    w.writerow({"id": 1, "name": "Ada", "tags": "a,b"})
    w.writerow({"name": "Bob"})
    w.writerows([{"id": 3, "name": "Cy", "tags": ""}])
    print(repr(buf.getvalue()))
    try:
        w.writerow({"id": 1, "oops": 2})
    except ValueError as e:
        print("ValueError:", e)
    w2 = csv.DictWriter(buf, ["a"], restval="-", extrasaction="ignore")
    w2.writerow({"b": 1})
    print(repr(buf.getvalue()[-3:]))
    """,
    """
    import csv
    with open("people.csv", "w") as f:
        w = csv.writer(f)
        w.writerow(["name", "email"])
        w.writerow(["Ada Lovelace", "ada@example.com"])
        w.writerow(["Grace \\"Amazing\\" Hopper", "grace@example.com"])
    print(open("people.csv", "rb").read())
    with open("people.csv") as f:
        for row in csv.reader(f):
            print(row)
    with open("people.csv") as f:
        print([r["email"] for r in csv.DictReader(f)])
    """,
    """
    import csv, io
    csv.register_dialect("pipes", delimiter="|", quoting=csv.QUOTE_ALL, lineterminator="\\n")
    print(sorted(csv.list_dialects()))
    buf = io.StringIO()
    csv.writer(buf, "pipes").writerow(["a", 1])
    csv.writer(buf, dialect=csv.unix_dialect).writerow(["b", 2])
    csv.writer(buf, dialect=csv.excel_tab).writerow(["c", 3])
    print(repr(buf.getvalue()))
    print(list(csv.reader(['"a"|"b"'], "pipes")), csv.get_dialect("pipes").delimiter)
    class Semi(csv.Dialect):
        delimiter = ";"
        quotechar = '"'
        doublequote = True
        skipinitialspace = False
        lineterminator = "\\n"
        quoting = csv.QUOTE_MINIMAL
    print(list(csv.reader(["x;y"], Semi)))
    csv.unregister_dialect("pipes")
    try:
        csv.get_dialect("pipes")
    except csv.Error as e:
        print("Error:", e)
    print(csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE)
    """,
    """
    import csv, io
    rows = [["x", "y"]] + [[i, i * i] for i in range(4)]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    buf.seek(0)
    back = list(csv.reader(buf))
    print(back)
    print(sum(int(r[1]) for r in back[1:]))
    """,
    """
    import csv
    for kw in ({"delimiter": "ab"}, {"quotechar": None}, {"quoting": 9}, {"bogus": 1}):
        try:
            csv.reader([], **kw)
        except TypeError as e:
            print("TypeError:", e)
    """,
]


CASES["fractions"] = [
    """
    from fractions import Fraction as F
    a, b = F(1, 3), F(3, 4)
    print(a + b, a - b, a * b, a / b, b // a, b % a, divmod(b, a), -a, +a, abs(F(-2, 5)))
    print(repr(a + b), str(F(6, 3)), repr(F(6, -4)), F(0), F(-0, 5))
    """,
    """
    from fractions import Fraction as F
    for s in ("3/4", " -5/10 ", "1.25", "-0.125", "1e-3", "7", "+2.5E2", "1_000/3", ".5", "2."):
        print(repr(F(s)))
    for bad in ("abc", "1/-2", "1.2.3", "", "1/0"):
        try:
            F(bad)
        except (ValueError, ZeroDivisionError) as e:
            print(type(e).__name__, e)
    """,
    """
    from fractions import Fraction as F
    print(F(0.5), F(0.1), F(-2.75), F(1e20), F(3.0), F.from_float(0.1))
    print(F(0.1).limit_denominator(), F(3.141592653589793).limit_denominator(1000), F(1, 3).limit_denominator(2))
    print(F(0.1).limit_denominator(10), F(-7, 3).limit_denominator(2), F(5).limit_denominator(3))
    print(F(3, 4).as_integer_ratio(), F(6, 3).denominator == 1)
    for bad in (float("nan"), float("inf")):
        try:
            F(bad)
        except (ValueError, OverflowError) as e:
            print(type(e).__name__, e)
    """,
    """
    from fractions import Fraction as F
    a = F(1, 3)
    print(a + 1, 1 + a, a * 2, 2 * a, a - 1, 1 - a, 3 / a, a / 3, a ** 2, a ** -2, F(-2, 3) ** -3, 2 ** F(2), 4 ** F(1, 2), F(4) ** F(1, 2))
    print(a + 0.5, 0.5 + a, a * 1.5, float(a), int(F(-7, 2)), int(F(7, 2)), float(F(10**30 + 1, 3 * 10**29)))
    print(type(a + 0.5).__name__, type(a * 2).__name__, type(b := F(3, 1) // 2).__name__, b)
    """,
    """
    from fractions import Fraction as F
    a = F(1, 3)
    print(a == F(2, 6), a == 1, F(2, 1) == 2, F(1, 2) == 0.5, a == 0.3333, a != F(1, 3))
    print(a < F(1, 2), a > 0, a <= 0.5, a >= F(1, 3), F(-1, 2) < -0.4, a < float("inf"), a > float("nan"))
    print(sorted([F(1, 2), F(1, 3), F(2, 3), F(-1, 5)]), max(F(1, 4), F(1, 5)), min([F(7, 8), F(5, 8)]))
    print(hash(F(2, 1)) == hash(2), hash(F(1, 2)) == hash(0.5), len({F(1, 2), F(2, 4), 0.5}))
    print(bool(F(0)), bool(F(1, 9)), sum([F(1, 2), F(1, 3), F(1, 6)]), sum([F(1, 10)] * 10) == 1)
    """,
    """
    from fractions import Fraction as F
    total = F(0)
    for i in range(1, 11):
        total += F(1, i)
    print(total, float(total))
    print(F(22, 7) - F(355, 113), F(1, 7) * 7 == 1, F(5, 3) // 1, F(-5, 3) // 1, F(-5, 3) % 1)
    print(F(3, 4).numerator, F(3, 4).denominator, F(F(1, 2), F(1, 3)), F(2, F(4, 3)))
    """,
    """
    from fractions import Fraction as F
    import math
    print(math.floor(F(7, 2)), math.ceil(F(7, 2)), math.trunc(F(-7, 2)), round(F(5, 2)), round(F(7, 2)), round(F(-5, 2)))
    try:
        F(1, 0)
    except ZeroDivisionError as e:
        print(e)
    try:
        F(1, 2) / 0
    except ZeroDivisionError as e:
        print(e)
    try:
        F(1.5, 2)
    except TypeError as e:
        print(e)
    """,
    """
    from fractions import Fraction
    probs = [Fraction(1, 6)] * 6
    print(sum(probs), sum(p * k for p, k in zip(probs, range(1, 7))))
    def egypt(f):
        out = []
        while f:
            d = -(-f.denominator // f.numerator)
            out.append(Fraction(1, d))
            f -= Fraction(1, d)
        return out
    print(egypt(Fraction(4, 13)))
    print([str(Fraction(n, 12)) for n in range(0, 13, 3)])
    """,
]

CASES["statistics"] = [
    """
    import statistics as st
    print(st.mean([1, 2, 3, 4, 4]), st.mean([1, 2, 3]), st.mean([1, 2]), st.mean([0.1, 0.2, 0.3]), st.mean([1, 2.5]))
    print(st.mean(range(1, 101)), st.mean([1e50, 1, -1e50] * 3), st.mean(iter([3, 5])))
    print(st.fmean([3.5, 4.0, 5.25]), st.fmean([0.1] * 10), st.fmean([1, 2, 3], weights=[0.25, 0.25, 0.5]))
    """,
    """
    import statistics as st
    print(st.median([1, 3, 5]), st.median([1, 3, 5, 7]), st.median([5, 1, 3, 2]), st.median([1.5, 2.5]))
    print(st.median_low([1, 3, 5, 7]), st.median_high([1, 3, 5, 7]), st.median_low([3]), st.median_high(["b", "a"]))
    print(st.median_grouped([52, 52, 53, 54]), st.median_grouped([1, 3, 3, 5, 7], interval=2), st.median_grouped([1, 2, 2, 3, 4, 4, 4, 4, 4, 5]))
    """,
    """
    import statistics as st
    print(st.mode([1, 1, 2, 3, 3, 3, 3, 4]), st.mode(["red", "blue", "blue", "red", "green", "red"]), st.mode(["a", "b", "b", "a"]))
    print(st.multimode("aabbbbccddddeeffffgg"), st.multimode([]), st.multimode([3, 1, 2]))
    try:
        st.mode([])
    except st.StatisticsError as e:
        print("StatisticsError", e, isinstance(e, ValueError))
    """,
    """
    import statistics as st
    data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
    print(st.variance(data), st.pvariance(data), st.stdev(data), st.pstdev(data))
    print(st.variance([1, 2, 3, 4]), st.pvariance([1, 2, 3, 4]), st.variance([1, 3, 5]), st.stdev([1, 3, 5]), st.pstdev([2, 4, 4, 4, 5, 5, 7, 9]))
    print(st.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), st.pstdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]))
    m = st.mean(data)
    print(st.variance(data, m), st.pvariance([0.0, 0.25, 0.25, 1.25, 1.5, 1.75, 2.75, 3.25], 1.25))
    """,
    """
    import statistics as st
    from fractions import Fraction as F
    print(st.mean([F(3, 7), F(1, 21), F(5, 3), F(1, 3)]), st.variance([F(1, 6), F(1, 2), F(5, 3)]), st.pvariance([F(1, 4), F(5, 4), F(1, 2)]))
    print(repr(st.mean([F(1, 2), 1])), st.mean([F(1, 2), 0.5]), st.stdev([F(1), F(2), F(4)]))
    print(st.median([F(1, 2), F(1, 3)]), st.harmonic_mean([F(1, 2), F(1, 3)]))
    """,
    """
    import statistics as st
    print(st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), ["%.6f" % q for q in st.quantiles(range(1, 11), n=10)], st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], method="inclusive"))
    data = [105, 129, 87, 86, 111, 111, 89, 81, 108, 92, 110, 100, 75, 105, 103, 109, 76, 119, 99, 91, 103, 129, 106, 101, 84, 111, 74, 87, 86, 103, 103, 106, 86, 111, 75, 87, 102, 121, 111, 88, 89, 101, 106, 95, 103, 107, 101, 81, 109, 104]
    print(["%.4f" % q for q in st.quantiles(data, n=10)], st.quantiles([1.5, 2.5], n=3), st.quantiles([1, 5], n=2, method="inclusive"))
    """,
    """
    import statistics as st
    print(st.harmonic_mean([40, 60]), st.harmonic_mean([40, 60], weights=[5, 30]), st.harmonic_mean([2.5, 3, 10]), st.harmonic_mean([0, 5]), st.harmonic_mean([7]))
    print(round(st.geometric_mean([54, 24, 36]), 9), st.geometric_mean([1, 10, 100]) > 9.99)
    x = [1, 2, 3, 4, 5, 6, 7, 8, 9]
    y = [1, 2, 3, 1, 2, 3, 1, 2, 3]
    print(st.covariance(x, y), st.correlation(x, x), st.correlation(x, [9, 8, 7, 6, 5, 4, 3, 2, 1]), st.correlation(x, y))
    r = st.linear_regression([1, 2, 3, 4, 5], [3, 5, 7, 9, 11.5])
    print(r, r.slope, r.intercept, st.linear_regression([1, 2, 3], [2, 4, 6.5], proportional=True))
    """,
    """
    import statistics as st
    for f, a in ((st.mean, []), (st.median, []), (st.variance, [1]), (st.stdev, [1]), (st.pvariance, []), (st.quantiles, [1]), (st.fmean, []), (st.harmonic_mean, [-1, 2]), (st.geometric_mean, [0, 1])):
        try:
            f(a)
        except st.StatisticsError as e:
            print(f.__name__, e)
    try:
        st.correlation([1, 1, 1], [1, 2, 3])
    except st.StatisticsError as e:
        print(e)
    try:
        st.mean(["a"])
    except TypeError as e:
        print("TypeError", e)
    """,
    """
    import statistics as st
    scores = [88, 92, 79, 93, 85, 92, 71, 92, 85]
    print(st.mean(scores), st.median(scores), st.mode(scores), st.stdev(scores), st.variance(scores), st.pstdev(scores))
    print(round(st.mean(scores), 2), f"{st.stdev(scores):.3f}", st.mean([True, False, True]), st.variance([1.0, 1.0, 1.0]))
    print(st.mean([float("inf"), 1.0]), st.mean([float("nan"), 1.0]), st.pvariance([1e150, -1e150]))
    """,
]


CASES["datetime"] = [
    """
    from datetime import date, datetime, time, timedelta, timezone
    d = date(2024, 1, 5)
    print(d, repr(d), d.isoformat(), d.weekday(), d.isoweekday(), d.isocalendar(), d.toordinal(), d.ctime())
    print(d.isocalendar().week, d.isocalendar()[0], tuple(date(2021, 1, 1).isocalendar()), date(2020, 12, 31).isocalendar())
    print(date.fromordinal(738890), date.fromisocalendar(2024, 1, 1), d.replace(day=31), d.replace(year=2023, month=2))
    print(date.min, date.max, date.resolution, d.year, d.month, d.day)
    """,
    """
    from datetime import datetime, timezone, timedelta
    dt = datetime(2024, 1, 5, 13, 45, 30, 123456)
    print(dt, repr(dt), repr(datetime(2024, 1, 5)), repr(datetime(2024, 1, 5, 0, 0, 7)), repr(datetime(2024, 1, 5, 1, 2, 0, 5)))
    print(dt.isoformat(), dt.isoformat(sep=" "), dt.isoformat(timespec="minutes"), dt.isoformat(timespec="milliseconds"), datetime(2024, 1, 5, 1).isoformat())
    print(dt.date(), dt.time(), repr(dt.time()), dt.timetz(), dt.ctime(), dt.weekday(), dt.toordinal())
    print(dt.replace(hour=0, microsecond=0), dt.replace(tzinfo=timezone.utc), repr(dt.replace(tzinfo=timezone(timedelta(hours=2), "CEST"))))
    """,
    """
    from datetime import datetime
    dt = datetime(2024, 3, 9, 7, 5, 3, 42)
    for f in ("%Y-%m-%d", "%H:%M:%S.%f", "%a %A %b %B", "%j %U %W %w %u", "%I %p", "%y %%", "%c", "%x %X", "%G-W%V-%u", "%D %F %T %R %e %C", "%z|%Z|", "%d/%m/%Y, %H:%M", "literal text", "%Y%m%dT%H%M%S"):
        print(repr(dt.strftime(f)))
    print(datetime(2024, 1, 1, 0, 0).strftime("%I:%M %p"), datetime(2024, 1, 1, 12, 30).strftime("%I:%M %p"), datetime(2024, 1, 1, 23).strftime("%I %p"))
    print([datetime(2024, 1, d).strftime("%U %W") for d in (1, 6, 7, 8, 14)], datetime(2023, 1, 1).strftime("%U %W %V %G"))
    """,
    """
    from datetime import date, datetime, timedelta
    d = date(2024, 2, 28)
    print(d + timedelta(days=1), d + timedelta(days=2), d - timedelta(weeks=9), date(2024, 12, 25) - date(2024, 1, 1), (date(2025, 1, 1) - d).days)
    dt = datetime(2024, 12, 31, 23, 59, 59)
    print(dt + timedelta(seconds=1), dt - timedelta(days=366), dt - datetime(2024, 1, 1), datetime(2024, 1, 1) - dt)
    print(dt + timedelta(microseconds=1), timedelta(hours=1) + dt, dt - timedelta(hours=0.5))
    try:
        date.max + timedelta(days=1)
    except OverflowError as e:
        print("OverflowError", e)
    """,
    """
    from datetime import timedelta
    td = timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=5)
    print(td, repr(td), td.days, td.seconds, td.microseconds, td.total_seconds() == 93784.000005, timedelta(hours=1.5).total_seconds())
    print(timedelta(0), repr(timedelta(0)), timedelta(days=-1), repr(timedelta(hours=-1)), timedelta(seconds=-1), -td, abs(-td))
    print(timedelta(days=2), timedelta(weeks=1, days=1), timedelta(milliseconds=1500), timedelta(minutes=90), timedelta(hours=36))
    print(timedelta(seconds=0.1), timedelta(days=0.5), timedelta(microseconds=0.5), timedelta(microseconds=1.5), timedelta(seconds=1e-7), repr(timedelta(minutes=1.25)))
    print(td * 2, 3 * td, td * 0.5, td / 2, td / td, td // timedelta(hours=1), td // 3, td % timedelta(hours=1), divmod(td, timedelta(hours=5)))
    print(timedelta.min, timedelta.max, timedelta.resolution, td > timedelta(days=1), td == timedelta(seconds=93784, microseconds=5), bool(timedelta(0)))
    print(sum([timedelta(minutes=m) for m in (15, 30, 45)], timedelta()), sorted([timedelta(hours=2), timedelta(minutes=5), -td])[0])
    """,
    """
    from datetime import datetime, timezone, timedelta, UTC
    tz = timezone(timedelta(hours=5, minutes=30))
    dt = datetime(2024, 1, 5, 12, 0, tzinfo=tz)
    print(dt, repr(dt), dt.utcoffset(), dt.tzname(), dt.dst(), dt.isoformat(), dt.strftime("%z %Z"))
    print(dt.astimezone(timezone.utc), dt.astimezone(timezone(timedelta(hours=-8), "PST")), dt.timestamp())
    print(repr(timezone.utc), str(timezone.utc), repr(tz), str(tz), repr(timezone(timedelta(hours=-3), "X")), timezone(timedelta(0)) == timezone.utc, UTC is timezone.utc)
    print(timezone(timedelta(seconds=5400)), timezone(timedelta(hours=-1, seconds=-30)), timezone.min, timezone.max)
    a = datetime(2024, 1, 5, 12, tzinfo=timezone.utc)
    b = datetime(2024, 1, 5, 17, 30, tzinfo=tz)
    print(a == b, a - b, b - a, a < b, hash(a) == hash(b))
    try:
        timezone(timedelta(hours=24))
    except ValueError as e:
        print("ValueError", e)
    """,
    """
    from datetime import datetime, timezone
    naive = datetime(2024, 1, 5)
    aware = datetime(2024, 1, 5, tzinfo=timezone.utc)
    print(naive == aware, naive != aware)
    for f in (lambda: naive < aware, lambda: aware - naive, lambda: naive < 5, lambda: naive - 5):
        try:
            f()
        except TypeError as e:
            print("TypeError", e)
    from datetime import date
    print(date(2024, 1, 5) == datetime(2024, 1, 5), datetime(2024, 1, 5) == date(2024, 1, 5))
    try:
        date(2024, 1, 5) < datetime(2024, 1, 6)
    except TypeError as e:
        print("TypeError", e)
    """,
    """
    from datetime import date, datetime, time, timezone
    for s in ("2024-01-05", "20240105", "2024-W01-5", "2024W015", "2024-W01"):
        print(repr(date.fromisoformat(s)))
    for s in ("2024-01-05T10:20:30", "2024-01-05 10:20", "2024-01-05T10:20:30.5", "2024-01-05T10:20:30.123456789", "2024-01-05T10:20:30Z", "2024-01-05T10:20:30+05:30", "2024-01-05T10:20:30-0800", "20240105T102030", "2024-01-05T10", "2024-01-05", "2024-01-05T10:20:30,25+01:00:30"):
        print(repr(datetime.fromisoformat(s)))
    for s in ("10:20", "10:20:30.000001", "T102030", "10:20:30+00:00", "23:59:59.999999-03:30"):
        print(repr(time.fromisoformat(s)))
    for bad in ("2024-1-5", "2024/01/05", "", "2024-01-05T25:00", "2024-02-30", "x"):
        try:
            datetime.fromisoformat(bad)
        except ValueError as e:
            print("ValueError", e)
    """,
    """
    from datetime import datetime
    cases = [("2024-01-05 13:45:30", "%Y-%m-%d %H:%M:%S"), ("05/Jan/2024:01:02:03 +0530", "%d/%b/%Y:%H:%M:%S %z"),
             ("Friday, January 5, 2024 1:05 PM", "%A, %B %d, %Y %I:%M %p"), ("24", "%y"), ("69", "%y"), ("2024-123", "%Y-%j"),
             ("2024-01-05T10:00:00.5Z", "%Y-%m-%dT%H:%M:%S.%f%z"), ("12:00 am", "%I:%M %p"), ("  7/4/2024", " %m/%d/%Y"),
             ("JAN 5 2024", "%b %d %Y"), ("2024 1 3", "%Y %W %w"), ("2024 0 0", "%Y %U %w"), ("2024-W01-1", "%G-W%V-%u"),
             ("10:20:30 -07:00", "%H:%M:%S %z"), ("Fri Jan  5 13:45:30 2024", "%c"), ("01/05/24 13:45:30", "%x %X"), ("29 Feb 2024", "%d %b %Y"),
             ("2024-01-05 13:45 UTC +0000", "%Y-%m-%d %H:%M %Z %z"), ("20240105", "%Y%m%d"), ("10%", "%d%%")]
    for s, f in cases:
        print(repr(datetime.strptime(s, f)))
    """,
    """
    from datetime import datetime
    for s, f in (("2024-13-01", "%Y-%m-%d"), ("2024-01-05 extra", "%Y-%m-%d"), ("2024-02-30", "%Y-%m-%d"), ("x", "%Q"), ("5", "%d%"), ("2024", "%G"), ("abc", "%Y")):
        try:
            datetime.strptime(s, f)
        except ValueError as e:
            print("ValueError", e)
    try:
        datetime.strptime(20240105, "%Y%m%d")
    except TypeError as e:
        print("TypeError", e)
    """,
    """
    from datetime import date, datetime, time, timedelta, timezone
    t = time(13, 5, 9, 25, tzinfo=timezone.utc)
    print(t, repr(t), repr(time(1, 2)), repr(time(1, 2, 3)), t.isoformat(timespec="seconds"), t.strftime("%H-%M-%S %p %z"), t.utcoffset(), t.tzname())
    print(time(12) < time(13), time(12) == time(12, 0), time.min, time.max, repr(time(0, 0, fold=1)), t.replace(hour=1, tzinfo=None))
    print(datetime.combine(date(2024, 1, 5), time(8, 30)), datetime.combine(date(2024, 1, 5), t), repr(datetime.combine(date(2024, 1, 5), time(1), tzinfo=None)))
    for args in ((2024, 13, 1), (2024, 2, 30), (0, 1, 1), (2024, 1, 1, 24), (2024, 1, 1, 0, 60), (2024, 1, 1, 0, 0, 0, 1000000)):
        try:
            datetime(*args)
        except ValueError as e:
            print("ValueError", e)
    try:
        date(2024.0, 1, 1)
    except TypeError as e:
        print("TypeError", e)
    """,
    """
    from datetime import datetime, date, timezone, timedelta
    print(datetime.fromtimestamp(0), datetime.utcfromtimestamp(86400 * 365.25), datetime.fromtimestamp(1700000000.5, tz=timezone.utc), repr(datetime.fromtimestamp(-1.5, timezone.utc)))
    print(datetime(2024, 1, 1, tzinfo=timezone.utc).timestamp(), datetime(1970, 1, 2).timestamp(), datetime(2024, 1, 1, 12, tzinfo=timezone(timedelta(hours=2))).timestamp())
    print(date.fromtimestamp(1e9), datetime.fromtimestamp(1e9, timezone(timedelta(hours=-5))))
    now = datetime.now()
    utc = datetime.now(timezone.utc)
    print(type(now).__name__, now.tzinfo, utc.tzinfo, 2024 <= now.year <= 2100, isinstance(date.today(), date), abs((utc.replace(tzinfo=None) - datetime.utcnow()).total_seconds()) < 5)
    print(abs(datetime.now().timestamp() - datetime.now(timezone.utc).timestamp()) < 5, datetime.today().date() == date.today())
    tt = datetime(2024, 3, 1, 12, 30).timetuple()
    print(tt.tm_year, tt.tm_mon, tt.tm_mday, tt.tm_hour, tt.tm_yday, tt.tm_wday, tt[0:3])
    """,
    """
    from datetime import datetime, timedelta
    start = datetime(2024, 1, 29, 9, 0)
    slots = [start + timedelta(minutes=45 * i) for i in range(4)]
    print([s.strftime("%a %H:%M") for s in slots])
    deadline = datetime(2024, 3, 1)
    left = deadline - start
    print(left, left.days, left.seconds // 3600, left.total_seconds())
    days = {}
    for i in range(10):
        d = (start + timedelta(days=i)).date()
        days[d.strftime("%A")] = days.get(d.strftime("%A"), 0) + 1
    print(sorted(days.items()))
    print(max(slots), min(slots), sorted(slots, reverse=True)[0] == slots[-1], len({s.date() for s in slots}))
    """,
]

CASES["uuid"] = [
    """
    import uuid
    u = uuid.UUID("12345678-1234-5678-1234-567812345678")
    print(u, repr(u), u.hex, u.int, u.bytes, u.urn, u.version, u.variant)
    print(u.fields, u.time_low, u.time_mid, u.time_hi_version, u.clock_seq_hi_variant, u.clock_seq_low, u.node, u.time, u.clock_seq)
    print(u.bytes_le, uuid.UUID(bytes_le=u.bytes_le) == u, uuid.UUID(bytes=u.bytes) == u, uuid.UUID(int=u.int) == u, uuid.UUID(fields=u.fields) == u)
    """,
    """
    import uuid
    for s in ("{12345678-1234-5678-1234-567812345678}", "urn:uuid:12345678-1234-5678-1234-567812345678", "12345678123456781234567812345678", "12345678-1234-5678-1234-56781234567X"):
        try:
            print(uuid.UUID(s))
        except ValueError as e:
            print("ValueError", e)
    print(uuid.UUID(int=0), uuid.UUID(int=2**128 - 1), uuid.UUID(int=5, version=4))
    """,
    """
    import uuid
    print(uuid.uuid3(uuid.NAMESPACE_DNS, "python.org"), uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))
    print(uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com/a"), uuid.uuid3(uuid.NAMESPACE_OID, "1.2.3"), uuid.uuid5(uuid.NAMESPACE_X500, "cn=x"))
    print(uuid.NAMESPACE_DNS, uuid.NAMESPACE_URL, uuid.NAMESPACE_OID, uuid.NAMESPACE_X500)
    """,
    """
    import uuid
    u = uuid.uuid4()
    print(type(u).__name__, u.version, u.variant, len(str(u)), str(u)[14], len(u.hex), 0 <= u.int < 2**128)
    print(len({uuid.uuid4() for _ in range(50)}), uuid.UUID(str(u)) == u, uuid.UUID(u.hex) == u)
    """,
    """
    import uuid
    u1 = uuid.uuid1()
    print(u1.version, u1.variant, len(str(u1)), uuid.uuid1() != u1, uuid.uuid1(node=0x123456789ABC, clock_seq=5).node == 0x123456789ABC)
    print(isinstance(uuid.getnode(), int), uuid.getnode() == uuid.getnode())
    """,
    """
    import uuid
    a = uuid.UUID(int=1)
    b = uuid.UUID(int=2)
    print(a < b, a > b, a <= a, b >= a, a == uuid.UUID(int=1), a != b, sorted([b, a]), int(b), hash(a) == hash(uuid.UUID(int=1)))
    print(a == 1, {a: "x"}[uuid.UUID(int=1)])
    """,
    """
    import uuid
    for kw in ({}, {"hex": "00" * 16, "int": 0}, {"bytes": b"x"}, {"int": -1}, {"int": 0, "version": 9}, {"fields": (1, 2, 3)}, {"fields": (2**32, 0, 0, 0, 0, 0)}):
        try:
            uuid.UUID(**kw)
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    """,
    """
    import uuid
    names = ["alice", "bob", "carol"]
    ids = {n: uuid.uuid5(uuid.NAMESPACE_DNS, n + ".example.com") for n in names}
    for n in names:
        print(n, ids[n], ids[n].hex[:8])
    print(uuid.RFC_4122, uuid.RESERVED_NCS, uuid.UUID(int=0).variant, uuid.UUID("00000000-0000-0000-c000-000000000000").variant, uuid.UUID("00000000-0000-0000-e000-000000000000").variant)
    """,
]

CASES["zlib"] = [
    """
    import zlib
    data = b"hello hello hello hello " * 50
    c = zlib.compress(data)
    print(len(c) < len(data), zlib.decompress(c) == data, c[:2] == b"x\\x9c")
    for level in (0, 1, 6, 9, -1):
        print(level, zlib.decompress(zlib.compress(data, level)) == data, zlib.compress(data, level)[:2].hex())
    """,
    """
    import zlib
    print(zlib.crc32(b"hello world"), zlib.crc32(b""), zlib.crc32(b"world", zlib.crc32(b"hello ")), zlib.crc32(b"a" * 1000))
    print(zlib.adler32(b"hello world"), zlib.adler32(b""), zlib.adler32(b"world", zlib.adler32(b"hello ")), zlib.adler32(bytes(range(256)) * 100))
    """,
    """
    import zlib
    data = bytes(range(256)) * 20 + b"tail"
    for wbits in (15, -15, 31, 9, -9, 25):
        c = zlib.compress(data, 6, wbits)
        print(wbits, zlib.decompress(c, wbits) == data)
    print(zlib.decompress(zlib.compress(data, 9, 31), 47) == data, zlib.decompress(zlib.compress(data), 0) == data, zlib.decompress(zlib.compress(data), 32 + 15) == data)
    """,
    """
    import zlib
    print(zlib.decompress(bytes.fromhex("789ccb48cdc9c95728cf2fca4901001a0b045d")))
    print(zlib.decompress(bytes.fromhex("cb48cdc9c95728cf2fca490100"), -15))
    print(zlib.decompress(bytes.fromhex("1f8b0800000000000003cb48cdc9c95728cf2fca49010085114a0d0b000000"), 31))
    print(zlib.decompress(bytes.fromhex("1f8b0800000000000003cb48cdc9c95728cf2fca49010085114a0d0b000000"), 47))
    """,
    """
    import zlib
    c = zlib.compressobj()
    parts = [c.compress(b"chunk %d " % i) for i in range(20)]
    parts.append(c.flush())
    blob = b"".join(parts)
    d = zlib.decompressobj()
    out = d.decompress(blob[:10]) + d.decompress(blob[10:]) + d.flush()
    print(out == b"".join(b"chunk %d " % i for i in range(20)), d.eof)
    g = zlib.compressobj(9, zlib.DEFLATED, 31)
    gz = g.compress(b"gzip me") + g.flush()
    print(zlib.decompress(gz, 31), gz[:3].hex())
    """,
    """
    import zlib
    for bad in (b"not compressed", b"x\\x9c\\x00\\x00"):
        try:
            zlib.decompress(bad)
        except zlib.error:
            print("zlib.error")
    try:
        zlib.compress("text")
    except TypeError as e:
        print("TypeError", e)
    try:
        zlib.compress(b"x", 11)
    except zlib.error as e:
        print("zlib.error", e)
    print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.Z_BEST_COMPRESSION, zlib.Z_DEFAULT_COMPRESSION, zlib.Z_FINISH)
    """,
    """
    import zlib, json
    payload = json.dumps({"rows": [[i, i * i, "name%d" % i] for i in range(200)]}, sort_keys=True).encode()
    z = zlib.compress(payload, 9)
    print(len(payload), len(z) < len(payload) // 2, json.loads(zlib.decompress(z))["rows"][150])
    """,
    """
    import zlib
    for data in (b"", b"a", b"ab" * 3, bytes(70000), bytes(range(256)) * 300):
        c = zlib.compress(data)
        print(len(data), zlib.decompress(c) == data, zlib.decompress(zlib.compress(data, 0)) == data, zlib.crc32(data), zlib.adler32(data))
    """,
]


SNIPPETS = flatten(CASES)


@pytest.fixture(scope="module")
def reference() -> dict[str, str]:
    return reference_outputs(SNIPPETS)


def _guest(sandbox: Sandbox, key: str) -> str:
    r = sandbox.run(SNIPPETS[key])
    assert r.status == "ok", f"{r.status}: {r.stderr}"
    return r.stdout


@pytest.mark.parametrize("key", list(SNIPPETS))
def test_same_stdout_as_cpython(sandbox: Sandbox, reference: dict[str, str], key: str) -> None:
    assert "UNCAUGHT" not in reference[key], reference[key]
    assert _guest(sandbox, key) == reference[key]


def test_zlib_output_decompresses_in_cpython(sandbox: Sandbox) -> None:
    code = textwrap.dedent(
        """
        import zlib
        data = [b"", b"x", b"abc" * 500, bytes(range(256)) * 40, b"The quick brown fox. " * 300]
        for d in data:
            for level in (0, 1, 6, 9):
                for wbits in (15, -15, 31, 9):
                    print(wbits, zlib.compress(d, level, wbits).hex())
        """
    )
    r = sandbox.run(code)
    assert r.status == "ok", r.stderr
    data = [b"", b"x", b"abc" * 500, bytes(range(256)) * 40, b"The quick brown fox. " * 300]
    lines = iter(r.stdout.split())
    for d in data:
        for _level in (0, 1, 6, 9):
            for _wbits in (15, -15, 31, 9):
                wbits, blob = int(next(lines)), bytes.fromhex(next(lines))
                assert zlib.decompress(blob, wbits) == d


def test_zlib_decompresses_cpython_output(sandbox: Sandbox) -> None:
    data = b"".join(b"line %d: %s\n" % (i, b"ab" * (i % 7)) for i in range(300))
    blobs = [zlib.compress(data, level) for level in (0, 1, 6, 9)]
    blobs.append(zlib.compress(data, 9, -15))
    blobs.append(zlib.compress(data, 6, 31))
    code = (
        "import zlib\n"
        f"blobs = {[b.hex() for b in blobs]!r}\n"
        "for b, w in zip(blobs, (15, 15, 15, 15, -15, 31)):\n"
        "    d = zlib.decompress(bytes.fromhex(b), w)\n"
        "    print(len(d), zlib.crc32(d))\n"
    )
    r = sandbox.run(code)
    assert r.status == "ok", r.stderr
    assert r.stdout == f"{len(data)} {zlib.crc32(data)}\n" * 6


def test_common_paths_stay_lazy(sandbox: Sandbox) -> None:
    # The shadowing modules load their _compat_b sections only when needed.
    code = textwrap.dedent(
        """
        import json, random, hashlib
        json.loads(json.dumps({"a": [1, 2.5, "x"]}))
        random.seed(1)
        random.randint(1, 6), random.choice("ab"), random.random()
        hashlib.sha256(b"x").hexdigest()
        print(json._E is None, random._L is None, hashlib._L is None)
        json.dumps([1], indent=2)
        random.shuffle([1, 2])
        print(json._E is None, random._L is None, hashlib._L is None)
        """
    )
    r = sandbox.run(code)
    assert r.status == "ok", r.stderr
    assert r.stdout == "True True True\nFalse False True\n"
