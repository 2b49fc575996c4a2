"""The re overlay (src/wasmbox/guest/lib/re.py) against CPython 3.11.

Snippets run in wasmbox and in CPython 3.11 and must print the same. Besides the
hand-written table (API, syntax, flags, errors, sub templates, empty-match
rules), a differential test runs randomly generated patterns (fixed seed) over
small subjects in one guest run and one CPython run. Output goes through E(),
which prints strings with ASCII escapes: MicroPython's repr escapes non-ASCII
characters, which is not what these tests are about.
"""

from __future__ import annotations

import json
import random
import re
import textwrap

import pytest

from cpython import flatten, reference_outputs
from wasmbox import Sandbox

# Prints str values with \\u escapes for anything non-ASCII (the same in both).
PRELUDE = """\
def E(o):
    if o is None:
        return 'N'
    if isinstance(o, str):
        return '"' + ''.join([ch if 32 <= ord(ch) < 127 else '\\\\u%04x' % ord(ch) for ch in o]) + '"'
    if isinstance(o, (list, tuple)):
        return '[' + ','.join([E(x) for x in o]) + ']'
    if isinstance(o, dict):
        return '{' + ','.join([E(k) + ':' + E(o[k]) for k in o]) + '}'
    return repr(o)
"""

CASES: dict[str, list[str]] = {}

CASES["api"] = [
    """
    import re
    m = re.search(r"(?P<key>\\w+)=(?P<val>\\d*)", "x  retries=12; y=")
    print(m, bool(m), m.group(), m.group(0), m.group(1, 2), m.group("key", 0))
    print(m.groups(), m.groupdict(), m.span(), m.span(2), m.start("val"), m.end(1))
    print(m.lastindex, m.lastgroup, m.pos, m.endpos, m.string, m.re.pattern, m.regs)
    print(m[0], m["val"], m[1], m.re.groups, m.re.groupindex)
    """,
    """
    import re
    m = re.match(r"(a)(b)?(c)?", "ac")
    print(m.groups(), m.groups("-"), m.group(2), m.span(2), m.start(2), m.lastindex)
    print(re.match(r"(?P<a>x)(?P<b>y)?", "x").groupdict(), re.match(r"(?P<a>x)(?P<b>y)?", "x").groupdict(0))
    for bad in (4, -1, "nope", 1.5):
        try:
            m.group(bad)
        except IndexError as e:
            print("IndexError", e)
    """,
    """
    import re
    p = re.compile(r"\\d+")
    s = "a1b22c333d"
    print(p.match(s), p.match(s, 1), p.search(s, 2), p.search(s, 2, 4), p.fullmatch(s, 4, 6))
    print(p.findall(s), p.findall(s, 3), p.findall(s, 0, 5), p.search(s, 20), p.match(s, -3))
    print([m.span() for m in p.finditer(s)], [m.group() for m in p.finditer(s, 4, 8)])
    print(re.compile("b").match("abc", 1, 100).endpos, re.compile("").match("abc", 2, 1), re.compile("").search("abc", 2, 1))
    """,
    """
    import re
    print(re.findall(r"\\w+", "hello world, foo_bar 42"))
    print(re.findall(r"(\\d+)([dhms])", "1h30m 5s"), re.findall(r"(a)|b", "ab"), re.findall(r"(a)(x)?", "aa"))
    print(re.findall("", "abc"), re.findall(r"x*", "axxb"), re.findall(r"\\b", "ab cd"))
    print(re.findall(r"(?:ab)+", "ababxab"), re.findall(r"[aeiouy]+", "beautiful"))
    """,
    """
    import re
    print(re.split(r"\\s*[,;|]\\s*", "apples, oranges;bananas  |  kiwis,,grapes"))
    print(re.split(r"(\\d+)", "abc12def345g"), re.split(r"(-)|(\\+)", "a-b+c"))
    print(re.split("x*", "axbc"), re.split(r"\\b", "ab cd"), re.split(r"a", "bab", maxsplit=1))
    print(re.split(r",", "a,b,c,d", 2), re.split(r",", "a,b", -1), re.split("", "ab"), re.split(r"\\W+", "...words, words..."))
    """,
    """
    import re
    print(re.sub(r"\\s+", " ", "  too    many   spaces "), re.sub("x*", "-", "abxd"), re.sub("", "-", "ab"))
    print(re.sub(r"(\\d{3})(\\d{3})(\\d{4})", r"(\\1) \\2-\\3", "5551234567"))
    print(re.sub(r"(?P<w>\\w+)@", r"<\\g<w>|\\g<1>|\\g<0>>", "ann@x bo@y"))
    print(re.sub(r"a", r"\\n\\t\\\\x", "bab"), re.sub(r"(a)|b", r"[\\1]", "ab"))
    print(re.subn(r"o", "0", "foo boo", 3), re.sub(r"o", "0", "foo", count=1), re.subn("z", "y", "abc"))
    print(re.sub(r"\\w+", lambda m: m.group().upper() + str(m.start()), "ab cd"))
    print(re.sub(r"(a)(b)?", lambda m: str(m.groups()), "a ab"))
    """,
    """
    import re
    m = re.match(r"(?P<first>\\w+) (?P<last>\\w+)", "Jane Doe")
    print(m.expand(r"\\g<last>, \\g<first> (\\2) \\g<0>"), m.expand("plain"))
    print(re.sub(r"(x)(y)?", r"[\\2]", "x"), re.sub(r"a", r"\\0", "a"), re.sub(r"a", r"\\101", "a"))
    print(re.sub(r"a", "\\\\g<0>\\\\g<0>", "cab"))
    """,
    """
    import re
    print(re.escape("a.b*c?d+e(f)[g]{h}|i^j$k\\\\l m-n#o&p~q\\n"), re.escape("plain_text123"))
    print(re.escape(b"1.5*x"), re.escape("\\u00e9t\\u00e9") == "\\u00e9t\\u00e9")
    print(re.match(re.escape("a.b"), "a.b"), re.match(re.escape("a.b"), "axb"))
    """,
    """
    import re
    p = re.compile(r"(?P<y>\\d{4})-(?P<m>\\d\\d)", re.I | re.M)
    print(p, p.pattern, p.flags, p.groups, p.groupindex, p.groupindex["m"])
    print(re.compile("a"), re.compile(b"a"), re.compile("a", re.A), re.compile("a", re.U).flags, re.compile(b"a").flags)
    print(re.compile("a", re.S | re.X), re.compile("'"), re.compile('"\\''), re.compile("x" * 300) == re.compile("x" * 300))
    print(p == re.compile(r"(?P<y>\\d{4})-(?P<m>\\d\\d)", re.I | re.M), hash(p) == hash(re.compile(p.pattern, p.flags)))
    print(re.compile(p) is p, re.compile(p.pattern, p.flags).pattern)
    """,
    """
    import re
    print(re.I, re.IGNORECASE, repr(re.M), re.I | re.M, re.A | re.I | re.M | re.S | re.X | re.U, int(re.I | re.S))
    print(re.NOFLAG, re.I == 2, re.X + 0, re.DOTALL & re.S, isinstance(re.I, int))
    print(re.match("a.c", "A\\nC", re.I | re.S), re.match("a.c", "A\\nC", flags=re.I))
    """,
    """
    import re
    print(repr(re.match("a*", "a" * 100)), re.match(b"a+", b"aaa"), re.match("", ""))
    print(re.search("caf\\u00e9", "un caf\\u00e9 noir").span(), re.search(r"\\d", "x"))
    it = re.finditer(r"\\d", "a1b2")
    print(next(it).group(), next(it).group(), list(it))
    """,
    """
    import re
    re.purge()
    a = re.compile("x+")
    print(re.compile("x+") is a, re.compile("x+", re.I) is a)
    re.purge()
    print(re.compile("x+") == a, type(a) is re.Pattern, type(a.match("x")) is re.Match)
    print(isinstance(re.error("m"), Exception), re.error("m").msg, re.error("m").pos)
    """,
]

CASES["syntax"] = [
    """
    import re
    t = "The year 1999, tel 555-1234; id=A7 x\\ty"
    for p in [r"\\d+", r"\\D+", r"\\w+", r"\\W+", r"\\s", r"\\S+", r"[a-z]+", r"[^a-z ]+", r"[A-Z]\\d",
              r"\\d{3}-\\d{4}", r"\\d{2,3}", r"\\d{,2}", r"\\d{3,}", r"[\\d-]+", r"[-.\\w]+", r"[]a]", r"[a-]+",
              r"\\x41", r"\\u0041", r"\\101", r"\\t", r"e\\b", r"\\Bea", r"\\d(?=\\d{3}\\b)", r"(?<!\\d)\\d\\d(?!\\d)",
              r"(?<=id=)\\w+", r"(?<![a-z])[a-z]{3}\\b", r"a{2}", r"x{}", r"x{a}", r"y{1,2", r"{", r"}"]:
        print(p, re.findall(p, t))
    """,
    """
    import re
    for p, s in [(r"^a", "ba\\na"), (r"a$", "a\\na\\n"), (r"a$", "a\\n"), (r"a\\Z", "a\\n"), (r"\\Aa", "ba"),
                 (r"(?m)^a", "ba\\na"), (r"(?m)a$", "a\\nba\\n"), (r"^", "ab"), (r"$", "ab\\n"), (r"(?m)$", "a\\nb\\n"),
                 (r".", "a\\nb"), (r"(?s).", "a\\nb"), (r"(?s:.)(.)", "\\n\\n\\nx"), (r"\\b", ""), (r"\\B", ""), (r"\\B", "ab")]:
        print(repr(p), [m.span() for m in re.finditer(p, s)])
    """,
    """
    import re
    print(re.match(r"(a+)+b", "aaab").groups(), re.match(r"(a|b)*c", "abac").groups())
    print(re.match(r"(a*)*", "b").groups(), re.match(r"(a*)+", "b").groups(), re.match(r"(a|)*", "b").groups())
    print(re.match(r"(?:(a)|b)*", "ab").groups(), re.match(r"(?:(a)|(b))+", "ab").groups())
    print(re.match(r"(a)*?b|(c)", "aab").groups(), re.match(r"((a)|b)+", "ab").groups())
    print(re.match(r"(a{2})*", "aaaaa").span(), re.match(r"(ab|a)(bc|c)?", "abc").groups())
    print(re.match(r"(\\d+?)(\\d*)", "12345").groups(), re.match(r"(.*?)-(.*)", "a-b-c").groups())
    print(re.match(r"(x?)*?y", "xxy").groups(), re.match(r"(?:x|xy)*?z", "xyxz").span())
    """,
    """
    import re
    print(re.match(r"(a)\\1", "aa"), re.match(r"(a)\\1", "ab"), re.search(r"(\\w)\\1", "hello").group())
    print(re.match(r"(?P<q>['\\"]).*?(?P=q)", "'it''s'").group(), re.search(r"(a)?b\\1", "b"))
    print(re.match(r"(?i)(a)\\1", "aA"), re.match(r"(a)|\\1b", "b"), re.fullmatch(r"(\\w+) \\1", "bye bye"))
    print(re.match(r"(?:(a)|b)(?(1)c|d)", "ac").group(), re.match(r"(?:(a)|b)(?(1)c|d)", "bd").group())
    print(re.match(r"(?P<n><)?\\w+(?(n)>)", "<tag>").group(), re.match(r"(?P<n><)?\\w+(?(n)>)", "tag>").group())
    print(re.match(r"(a)?(?(1)b)c", "c").group())
    """,
    """
    import re
    print(re.search(r"(?=(\\w+))\\w", "abc").groups(), re.search(r"(?!(a))\\w", "ab").groups())
    print(re.findall(r"(?=(\\d\\d))", "12345"), re.search(r"(?<=(a))b", "ab").groups())
    print(re.match(r"(?>a+)b", "aaab"), re.match(r"(?>a+)a", "aaa"), re.match(r"a++a", "aaa"), re.match(r"a*+b", "aab"))
    print(re.match(r"(?>(a)|ab)c", "abc"), re.match(r"(?:a|ab)c", "abc").group(), re.match(r"[ab]?+b", "ab").span())
    print(re.match(r"(a|ab)++c", "ababc"), re.match(r"(?>(?:(a)|b)+)", "ab").groups(), re.match(r"x*+", "xx"))
    """,
    """
    import re
    print(re.findall(r"(?i)[a-c]+", "xABcaBD"), re.findall(r"(?i)[^a-c]+", "xABcaBD"), re.findall(r"[A-z]", "a_B^"))
    print(re.match(r"(?i)stra\\u00dfe", "STRASSE"), re.match(r"(?i)stra\\u00dfe", "STRA\\u00dfE").span())
    print(E(re.findall(r"(?i)k", "k K \\u212a")), E(re.findall(r"(?i)s", "s S \\u017f")), E(re.findall(r"(?ai)k", "k K \\u212a")))
    print(E(re.findall(r"(?i)\\u00e9", "\\u00e9 \\u00c9 e")), E(re.findall(r"(?i)[\\u00e0-\\u00ff]+", "\\u00c0\\u00e9\\u00dc x")))
    print(E(re.findall(r"(?i)\\u03c3", "\\u03c3 \\u03a3 \\u03c2")), E(re.findall(r"(?i)[i]", "i I \\u0130 \\u0131")))
    print(E(re.findall(r"(?i)[\\u0400-\\u04ff]+", "\\u0414\\u0434 \\u1c81")), E(re.findall(r"(?i)\\w+", "\\u00c9t\\u00c9 \\u212a")))
    print(re.match(r"(?i:a)b", "Ab"), re.match(r"(?i:a)b", "AB"), re.match(r"(?i)a(?-i:b)", "AB"), re.match(r"(?i)a(?-i:b)", "Ab"))
    """,
    """
    import re
    t = "na\\u00efve caf\\u00e9 \\u00fcber stra\\u00dfe \\u0434\\u0430 \\u65e5\\u672c 42 \\u0663 \\u00b2 x_y \\u2014 \\u00a0|"
    for p in [r"\\w+", r"\\W+", r"\\d+", r"\\s+", r"[^\\W\\d_]+", r"\\b\\w", r"(?a)\\w+", r"(?a)\\s", r"(?u)\\d"]:
        print(p, [E(x) for x in re.findall(p, t)])
    print(re.findall(rb"\\w+", "caf\\u00e9 x1".encode()), re.findall(rb"(?i)CAF", b"caf Caf"))
    """,
    """
    import re
    p = re.compile(r'''
        (?P<user>[\\w.+-]+)   # user part
        @
        (?P<host>[\\w-]+(?:\\.[\\w-]+)+)  # host
    ''', re.VERBOSE)
    print(p.findall("mail bob.s+x@mail.co.uk and a@b."), p.match("a b@c.d"))
    print(re.findall(r"(?x) a [ ] b \\  c # comment", "a b c"), re.findall(r"(?x)[#]\\#", "##"))
    print(re.match(r"(?x: a b ) c", "ab c"), re.match(r"(?x)a(?-x: b)", "a b"))
    """,
    """
    import re
    print(re.match(r"a|ab|abc", "abc").group(), re.match(r"(a|ab)(c|bcd)(d*)", "abcd").groups())
    print(re.search(r"ab*?c|abx", "abbbc").group(), re.match(r"(?:a|b|c|d)+", "abcdx").span())
    print(re.match(r"x(?#comment)y", "xy"), re.match(r"[\\]\\\\]+", "]\\\\]x"), re.match("[\\\\d]+", "12"))
    print(re.match(r"(?:)", "a").span(), re.match(r"()", "a").groups(), re.match(r"a{0}b", "b"))
    print(re.match(r"\\n\\r\\t\\f\\v\\a\\\\", "\\n\\r\\t\\f\\v\\a\\\\"), re.match(r"[\\b]", "\\b").span(), re.match(r"\\0", "\\0").span())
    print(re.match(r"\\x7f\\177\\u007f\\U0000007f", "\\x7f" * 4).span(), re.match(r"[\\x00-\\x1f]+", "\\n\\t").span())
    """,
]

CASES["bytes"] = [
    """
    import re
    print(re.findall(rb"\\d+", b"a12b3"), re.sub(rb"(\\w)(\\w)", rb"\\2\\1", b"abcd"), re.split(rb",", b"a,b"))
    m = re.match(rb"(?P<k>\\w+)=(\\w*)", b"key=val")
    print(m, m.groups(), m.groupdict(), m.group(0), m.span(2), re.compile(rb"x", re.I))
    print(re.match(rb"[\\x80-\\xff]+", b"\\xe9\\xff!").span(), re.match(rb"(?i)\\xe9", b"\\xc9"), re.search(rb".", bytearray(b"xy")))
    print(re.sub(rb"a", lambda m: b"<" + m.group() + b">", b"banana"), re.escape(b"a.b"), re.fullmatch(rb"\\w+", b"ab"))
    """,
    """
    import re
    for f, a in [(re.match, ("x", b"x")), (re.match, (b"x", "x")), (re.match, ("x", 1)), (re.match, (1, "x")),
                 (re.compile, (re.compile("x"), re.I)), (re.compile, ("x", re.L)), (re.compile, (b"x", re.U)),
                 (re.compile, ("x", re.A | re.U)), (re.sub, ("x", 1, "x")), (re.sub, ("x", b"y", "x"))]:
        try:
            print(f(*a))
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    """,
]

CASES["errors"] = [
    """
    import re
    bad = ["(", ")", "a)", "(?P<1a>x)", "(?P<a>x)(?P<a>y)", "(?P=b)", "(?P<a>(?P=a))", "[a", "[b-a]", "[\\\\d-z]",
           "a**", "a{2}{3}", "*a", "+", "?", "a|*", "\\\\", "\\\\q", "\\\\1", "(a)\\\\2", "x{3,2}", "(?<=a+)b",
           "(?<=a|bc)d", "(?<!x*)y", "(?z)", "(?P", "(?Px)", "(?<x)", "(?", "(?i", "(?i-", "(?-)", "(?i-i:a)",
           "(?a)(?u)", "(?au)", "a(?i)b", "(?L)", "\\\\x4", "\\\\xg", "\\\\u12", "\\\\U0011ffff", "\\\\400", "[\\\\400]",
           "(?(1)a|b|c)", "(?(x)a)", "(?(0)a)", "(?(-1)a)", "(?(1a)b)", "(?#unterminated", "\\\\N{NOPE}",
           "\\\\N", "(a)(?<=\\\\1)", "(?P<a>a)(?<=(?P=a))", "abc\\n(def", "(?x)(\\n[a", "a{1,2}{3}", "(?<=(a)\\\\1)b"]
    for p in bad:
        try:
            re.compile(p)
            print(repr(p), "compiled")
        except re.error as e:
            print(repr(p), "|", e, "|", e.msg, e.pos, e.lineno, e.colno, e.pattern == p)
        except Exception as e:
            print(repr(p), type(e).__name__, e)
    """,
    """
    import re
    for p in [b"(", b"[\\xe9-\\x41]", b"\\\\u1234", b"(?u)x", b"(?P<\\xe9>x)"]:
        try:
            re.compile(p)
            print(p, "compiled")
        except re.error as e:
            print(p, "|", e, "|", e.pos)
    try:
        re.compile("a{99999999999}")
    except OverflowError as e:
        print("OverflowError", e)
    """,
    """
    import re
    for repl in [r"\\3", r"\\g<3>", r"\\g<x>", r"\\g<1", r"\\g", r"\\g<>", r"\\g<-1>", r"\\q", "\\\\", r"\\g<a b>", r"\\400"]:
        try:
            print(repr(repl), re.sub(r"(a)(?P<n>b)", repl, "ab"))
        except re.error as e:
            print(repr(repl), "error", e)
        except IndexError as e:
            print(repr(repl), "IndexError", e)
    """,
    """
    import re
    try:
        re.compile("(?P<name>a")
    except re.error as err:
        print(err, repr(err), err.args)
    try:
        raise re.error("custom", "pat\\nx", 4)
    except re.error as err:
        print(err, err.lineno, err.colno)
    """,
]

CASES["programs"] = [
    """
    import re
    LOG = '''2024-03-01 10:15:02 INFO  server started on port 8000
    2024-03-01 10:15:07 WARN  disk usage at 85%
    2024-03-01 10:16:11 ERROR failed to connect to db (timeout=30s)'''
    pat = re.compile(r"^(?P<date>\\S+) (?P<time>[\\d:]+) (?P<level>[A-Z]+)\\s+(?P<msg>.*)$", re.M)
    for m in pat.finditer(LOG):
        print(m.group("level"), m["time"], m.group("msg")[:12], m.span("msg"))
    print(pat.findall(LOG)[1], len(re.findall(r"^\\s*\\d", LOG, re.M)))
    """,
    """
    import re
    TOKEN = re.compile(r"\\s*(?:(?P<num>\\d+(?:\\.\\d*)?)|(?P<name>[A-Za-z_]\\w*)|(?P<op>\\*\\*|[-+*/()=]))")
    def tokens(s):
        pos = 0
        out = []
        while pos < len(s):
            m = TOKEN.match(s, pos)
            if not m or m.end() == pos:
                out.append(("ERR", s[pos:]))
                break
            out.append((m.lastgroup, m.group(m.lastgroup)))
            pos = m.end()
        return out
    print(tokens("x1 = 3.5 ** (y - 42)/z"))
    print(tokens("a $ b"))
    """,
    """
    import re
    def camel_to_snake(name):
        s = re.sub(r"(.)([A-Z][a-z]+)", r"\\1_\\2", name)
        return re.sub(r"([a-z0-9])([A-Z])", r"\\1_\\2", s).lower()
    print([camel_to_snake(n) for n in ["getHTTPResponseCode", "userId", "SimpleXMLParser", "v2Api"]])
    print(re.sub(r"_([a-z])", lambda m: m.group(1).upper(), "max_retry_count"))
    words = re.findall(r"[A-Za-z']+", "It's the best of times; it's the worst.")
    print(words, re.split(r"[.!?]+\\s*", "One. Two! Three? "))
    print(re.sub(r"(?<=\\d)(?=(\\d{3})+(?!\\d))", ",", "1234567 and 1000"))
    """,
    """
    import re
    html = '<a href="x.html">X</a> <A HREF=\\'y.htm\\'>Y</A> <img src="z.png">'
    print(re.findall(r'<a\\s+href=["\\'](.*?)["\\']', html, re.I))
    print(re.sub(r"<[^>]+>", "", html), re.findall(r"<(\\w+)[^>]*>(.*?)</\\1>", html, re.I))
    print(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", "12345678-1234-4234-9234-123456789abc"))
    print(re.match(r"^\\+?1?[-. (]*(\\d{3})[-. )]*(\\d{3})[-. ]*(\\d{4})$", "+1 (555) 123-4567").groups())
    ip = re.compile(r"^(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)$")
    print([bool(ip.match(a)) for a in ["192.168.0.1", "256.1.1.1", "1.2.3", "0.0.0.0"]])
    """,
    """
    import re
    words = ["w%dx%d" % (i, i % 7) for i in range(300)] + ["alpha", "beta", "al", "b"]
    big = re.compile(r"\\b(?:" + "|".join(words) + r")\\b", re.I)
    text = " ".join(["W%dX%d" % (i * 7 % 311, i % 7) for i in range(400)]) + " alpha al beta b bet"
    found = big.findall(text)
    print(len(found), found[:5], found[-4:], big.search(text, 2000).span())
    print(re.findall(r"(a|ab|abc|b)(c?)", "abcabcb"), re.findall(r"(?:x|xy|y|z)+", "xyzzy xz"))
    """,
    """
    import re
    sc = re.Scanner([(r"\\d+", lambda s, t: ("INT", int(t))), (r"[a-z]+", lambda s, t: ("ID", t)), (r"\\s+", None)])
    print(sc.scan("abc 12 de 3 !x"))
    s = re.compile(r"\\w").scanner("ab c")
    print(s.match().group(), s.match().group(), s.match(), s.search())
    """,
]

CASES["unicode-tables"] = [
    # re.I folding (simple lowercase + CPython's extra equivalences) across scripts
    """
    import re
    starts = [0x41, 0xb5, 0xc0, 0x100, 0x130, 0x17f, 0x1c4, 0x1f0, 0x345, 0x370, 0x3c2, 0x3d0, 0x400,
              0x460, 0x531, 0x10a0, 0x13a0, 0x1c80, 0x1e00, 0x1e9b, 0x1f00, 0x1fb0, 0x2126, 0x2160,
              0x24b6, 0x2c00, 0xa640, 0xa722, 0xab70, 0xfb00, 0xff21, 0x10400, 0x1e900]
    for c0 in starts:
        window = "".join([chr(d) for d in range(max(c0 - 40, 0), c0 + 80)])
        hits = []
        for c in range(c0, c0 + 40, 3):
            hits.append([ord(x) - c0 for x in re.findall("(?i)" + re.escape(chr(c)), window)])
        print(hex(c0), hits)
        print(len(re.findall("(?i)[%s-%s]" % (chr(c0), chr(c0 + 30)), window)))
    """,
    # \\w \\d \\s and \\b beyond Latin-1
    """
    import re
    cps = list(range(0, 0x3000, 7)) + list(range(0x3000, 0x30000, 331)) + [0x1680, 0x2028, 0x202f, 0x3000, 0x660, 0x6f9, 0xff10, 0x1d7ce]
    text = "".join([chr(c) for c in cps if not 0xd800 <= c < 0xe000])
    for p in [r"\\w", r"\\d", r"\\s", r"\\W", r"[^\\W\\d_]", r"\\b.", r"(?i)[^\\WA-Z]"]:
        found = re.findall(p, text)
        print(p, len(found), sum([ord(x[-1]) for x in found]) % 1000003)
    """,
]

CASES["robustness"] = [
    # Deep user recursion + nested groups, and subjects far longer than the
    # ~60-call MicroPython stack: the matcher keeps its own stack.
    """
    import re
    def deep(n):
        if n:
            return deep(n - 1)
        return re.match(r"((((((a|b)+)c)?)d)*)e", "abcdabcde").groups()
    print(deep(35))
    s = "ab" * 6000 + "c"
    print(re.match(r"(?:a|b)*c", s).end(), re.match(r"(ab)*c", s).span(1), re.match(r"(?:(a)|b)*?c", s).span(1))
    print(re.search(r"(x+x+)+y", "x" * 10), len(re.findall(r"(?:(a)|b)+?", s[:2000])), len(re.split(r"(?<=a)(?=b)", s)))
    print(re.fullmatch(r"(?:[ab](?=[ab]|c))*c", s) is not None, re.search(r"(?<!a)b", s), len(re.sub(r"(a)(b)", r"\\2\\1", s)))
    print(re.match(r"(?s).*", "x\\n" * 20000).end(), re.search(r"c$", s).span(), re.match(r"(a|b)*?c", s).span(1))
    """,
]


# Space-separated building blocks of the random patterns.
FUZZ_ATOMS = r"a b c . \d \w \s \W \D [ab] [^a] [a-c] [^\W\d] \b \B ^ $ \A \Z x \. - \n A B ab aB"
FUZZ_ATOMS += " é É ß k s ſ \u212a [à-ÿ] [^é]"
FUZZ_QUANTIFIERS = "* + ? *? +? ?? {2} {1,3} {,2} {2,} {0} {1,2}? *+ {0,1}"


def _fuzz_patterns(seed: int, n: int) -> list[tuple[str, str, list[str]]]:
    rnd = random.Random(seed)
    atoms = [*FUZZ_ATOMS.split(), " "]
    quants = FUZZ_QUANTIFIERS.split()
    behind = ["a", "\\w", "ab", "[a-c]\\s", "a|b", "(c)"]

    def gen(depth: int, ngroups: list[int]) -> str:
        parts = []
        for _ in range(rnd.randint(1, 4)):
            r = rnd.random()
            if r < 0.5 or depth > 2:
                at = rnd.choice(atoms)
            elif r < 0.64:
                ngroups[0] += 1
                at = "(" + gen(depth + 1, ngroups) + ")"
            elif r < 0.72:
                at = "(?:" + gen(depth + 1, ngroups) + ")"
            elif r < 0.76:
                ngroups[0] += 1
                at = f"(?P<n{ngroups[0]}>" + gen(depth + 1, ngroups) + ")"
            elif r < 0.80:
                at = rnd.choice(["(?=", "(?!"]) + gen(depth + 1, ngroups) + ")"
            elif r < 0.83:
                at = rnd.choice(["(?<=", "(?<!"]) + rnd.choice(behind) + ")"
            elif r < 0.86:
                at = "(?>" + gen(depth + 1, ngroups) + ")"
            elif r < 0.91:
                at = gen(depth + 1, ngroups) + "|" + gen(depth + 1, ngroups)
            elif r < 0.95 and ngroups[0]:
                g = rnd.randint(1, ngroups[0])
                at = rnd.choice([f"\\{g}", f"(?({g})a|b)"])
            else:
                at = rnd.choice(["(?i:a)", "(?-i:a)", "(?s:.)", "(?m:^)", "(?x: a b )", "(?a:\\w)"])
            if rnd.random() < 0.35:
                at += rnd.choice(quants)
            parts.append(at)
        return "".join(parts)

    cases = []
    for _ in range(n):
        pattern = gen(0, [0])
        flags = rnd.choice(["0", "0", "re.I", "re.M", "re.S", "re.A", "re.I|re.M", "re.X"])
        alpha = rnd.choice(["aabbc. x-\nAB1_", "abcABC", "aéÉßkKsſ\u212a ", "ab \n-.", "aaaaab"])
        subjects = ["".join(rnd.choice(alpha) for _ in range(rnd.randint(0, 9))) for _ in range(3)]
        cases.append((pattern, flags, subjects))
    return cases


FUZZ_DRIVER = """
import re
def M(m):
    if m is None:
        return 'N'
    return E([m.span(), m.groups(), m.lastindex, m.lastgroup, [m.span(g) for g in range(m.re.groups + 1)]])
for idx, (p, flags, subjects) in enumerate(CASES):
    try:
        c = re.compile(p, eval(flags))
    except Exception as e:
        print(idx, 'compile', type(e).__name__, e)
        continue
    for s in subjects:
        print(idx, E(s), M(c.match(s)), M(c.search(s)), M(c.fullmatch(s)), E(c.findall(s)), E(c.split(s)),
              E(c.sub('<\\\\g<0>>', s)), M(c.search(s, 1, len(s) - 1)), E([m.span() for m in c.finditer(s)]),
              E(c.subn(lambda m: '[' + m.group() + ']', s, 2)))
"""


def _fuzz_snippet(seed: int, n: int) -> str:
    cases = json.dumps(_fuzz_patterns(seed, n))
    return PRELUDE + "import json\nCASES = json.loads(" + repr(cases) + ")\n" + FUZZ_DRIVER


SNIPPETS = {key: PRELUDE + code for key, code in flatten(CASES).items()}
FUZZ = {f"fuzz-{seed}": _fuzz_snippet(seed, 120) for seed in (1, 2, 3)}


@pytest.fixture(scope="module")
def reference() -> dict[str, str]:
    return reference_outputs({**SNIPPETS, **FUZZ})


def _guest(sandbox: Sandbox, code: str) -> str:
    r = sandbox.run(code)
    assert r.status == "ok", f"{r.status}: {r.stderr}"
    return r.stdout


@pytest.mark.parametrize("key", list(SNIPPETS))
def test_same_stdout_as_cpython(sandbox: Sandbox, reference: dict[str, str], key: str) -> None:
    assert "UNCAUGHT" not in reference[key], reference[key]
    assert _guest(sandbox, SNIPPETS[key]) == reference[key]


@pytest.mark.parametrize("key", list(FUZZ))
def test_random_patterns_match_cpython(
    sandbox: Sandbox, reference: dict[str, str], key: str
) -> None:
    expected = reference[key]
    assert "UNCAUGHT" not in expected, expected
    assert expected.count("\n") > 250
    got = _guest(sandbox, FUZZ[key])
    assert got.splitlines() == expected.splitlines()


def test_findall_speed(sandbox: Sandbox) -> None:
    code = textwrap.dedent(
        """
        import re, time
        text = ("The quick brown fox jumps over the lazy dog; it's 12:30, mail bob@example.com! " * 130)[:10000]
        t0 = time.time_ns()
        words = re.findall(r"\\w+", text)
        t1 = time.time_ns()
        print(len(words), (t1 - t0) // 1000000)
        """
    )
    out = _guest(sandbox, code).split()
    text = (
        "The quick brown fox jumps over the lazy dog; it's 12:30, mail bob@example.com! " * 130
    )[:10000]
    assert int(out[0]) == len(re.findall(r"\w+", text))
    assert int(out[1]) < 500, f"findall(r'\\w+') on 10 KB took {out[1]} ms"
