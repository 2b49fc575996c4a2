"""Overlay modules, part D (src/wasmbox/guest/lib): decimal, calendar,
configparser, difflib, pprint.

Each snippet runs in wasmbox and under CPython 3.11 (all snippets in one CPython
process); the two stdouts must be equal. decimal keeps a per-process context, so
every decimal snippet starts from a fresh default one (setcontext(Context())).
Snippets avoid what MicroPython cannot match whatever the overlay does: a plain
number on the left of an ordering comparison with a Decimal (MicroPython tries
no reflected comparison), floats mixed into Decimal arithmetic (MicroPython
converts the Decimal with __float__ instead of raising TypeError), repr() of
exceptions, and the iteration order of small sets.
Guest-only tests pin down what a CPython comparison cannot: the cost of
`import decimal` and exact big operands.
"""

from __future__ import annotations

import textwrap

import pytest

from cpython import flatten, reference_outputs
from wasmbox import Sandbox

CASES: dict[str, list[str]] = {}

_DEC = "\n    import decimal\n    from decimal import *\n    setcontext(Context())"

CASES["decimal"] = [
    _DEC
    + """
    print(Decimal("0.1") + Decimal("0.2"), 0.1 + 0.2)
    price = Decimal("19.99")
    subtotal = price * 3
    tax = (subtotal * Decimal("0.0825")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    print(subtotal, tax, subtotal + tax, sum([Decimal("0.1")] * 10), 3 * price, price - 20)
    print(Decimal(1) / Decimal(7), Decimal(2).sqrt(), Decimal(10) / 4, Decimal("1.00") / 3)
    getcontext().prec = 6
    print(Decimal(1) / Decimal(7), Decimal(2) ** 100, Decimal("123456789"), +Decimal("123456789"))
    print(repr(getcontext()))
    """,
    _DEC
    + """
    for s in ["1.10", "-0", "0.000", "1E+2", "1e-7", "0.000001", "123.456e-10", "12345e3",
              "0.0e9", "-1.5E+3", "  7  ", "1_000.5", "+.5", "5.", "Inf", "-infinity", "nan",
              "-NaN12", "sNaN", "1e999999999", "00012.3400"]:
        d = Decimal(s)
        print(repr(s), repr(d), str(d), d.to_eng_string(), d.as_tuple())
    for bad in ["", ".", "1e", "e5", "1.2.3", "1 2", "nan1.5", "Inf5", "--1", "0x10", "abc"]:
        try:
            Decimal(bad)
        except InvalidOperation as e:
            print(repr(bad), type(e).__name__, e)
    """,
    _DEC
    + """
    print(Decimal(0.1), Decimal(-0.0), Decimal(2.5), Decimal(1e22), Decimal(5e-324) == 5e-324)
    print(Decimal(float("inf")), Decimal(float("nan")), Decimal.from_float(0.25), Decimal(10**30))
    print(Decimal((1, (1, 2, 3), -2)), Decimal((0, (), 0)), Decimal((0, (0, 0, 4), 3)),
          Decimal((1, (4,), "F")), Decimal((0, (1, 2), "n")), Decimal(True), Decimal(Decimal("1.5")))
    for bad in [[1, 2], (2, (1,), 1), (0, (11,), 1), (0, (1,), "x"), (0, (1,), 1.5), None, 1j, "1"]:
        try:
            print(Decimal(*bad) if isinstance(bad, str) else Decimal(bad))
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
    try:
        Decimal("1", 5)
    except TypeError as e:
        print(e)
    """,
    _DEC
    + """
    modes = [ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_UP, ROUND_DOWN,
             ROUND_CEILING, ROUND_FLOOR, ROUND_05UP]
    values = ["2.25", "2.35", "-2.25", "-2.35", "2.21", "-2.29", "2.05", "2.5", "0.04", "-0.05",
              "9.96", "1.15"]
    for m in modes:
        print(m, [str(Decimal(v).quantize(Decimal("0.1"), rounding=m)) for v in values])
        print(" ", [str(Decimal(v).to_integral_value(rounding=m)) for v in values])
    print(Decimal("2.675").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
          Decimal("7.5").quantize(Decimal("1e1")), Decimal("12345").quantize(Decimal("1e2")),
          Decimal("-0.0001").quantize(Decimal("0.01")), Decimal("1.2").quantize(Decimal("0.0000")))
    try:
        Decimal("1e30").quantize(Decimal("0.01"))
    except InvalidOperation as e:
        print("InvalidOperation", e)
    """,
    _DEC
    + """
    D = Decimal
    for prec, rounding in [(28, ROUND_HALF_EVEN), (5, ROUND_HALF_UP), (3, ROUND_DOWN),
                           (4, ROUND_CEILING), (4, ROUND_FLOOR), (4, ROUND_05UP)]:
        with localcontext() as ctx:
            ctx.prec = prec
            ctx.rounding = rounding
            a, b = D("123.456789"), D("-7.0710678")
            print(prec, rounding, a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b))
            print(" ", -a, +b, abs(b), a ** 2, b ** 3, a ** -2, D(2) ** D("0.5"), D(4) ** D("0.5"))
            print(" ", a.sqrt(), D(2).exp(), D(10).ln(), a.log10(), D("0.5").ln(), D(100).log10())
            print(" ", a.remainder_near(b), a.fma(b, 1), a.max(b), a.min(b), b.copy_abs(),
                  a.compare(b), a.next_plus(), b.next_minus(), a.scaleb(3), b.logb())
            print(" ", repr(ctx))
    print(getcontext().prec, D(1) / 3)
    """,
    _DEC
    + """
    D = Decimal
    print(D(7) // -2, D(-7) // 2, D(-7) % 2, D(7) % -2, divmod(D(-7), D(2)), D("5.5") % 2,
          D(10) % D("0.3"), D(-7).__floor__(), D("-7.5").__ceil__(), int(D("-7.9")), int(D("1e3")))
    print(D("1.000").normalize(), D("100").normalize(), D("-0.00").normalize(),
          D("0E+5").normalize(), D("1.20").normalize(), D("123.456").to_integral_value(),
          D("-0.5").to_integral_exact(), D("1.5").as_integer_ratio(), D("-0.75").as_integer_ratio())
    print(D("1.50") == D("1.5"), str(D("1.50")), D("3") ** 2, D(0) ** 5, D("-2") ** 3, D("1.0") ** 5,
          D("2.0") ** 2, D("1.5") ** 2, D(10) ** -2, D("1.1") ** -3, D("0.9") ** 1000)
    print(D(3).__pow__(4, 7), D(-3).__pow__(3, 7), D(1).compare_total(D("1.0")),
          D("12.5").same_quantum(D("0.1")), D("-1").is_signed(), D(0).is_zero(), D("nan").is_nan(),
          D(1).number_class(), D("-0").number_class(), D("-inf").number_class())
    print(float(D("0.1")), float(D("1e-320")), float(D("-1.7976931348623157e308")),
          float(D("1e400")), float(D("123456789.123456789")), complex(D("2.5")))
    print(D("1e5").to_eng_string(), D("123.45e-9").to_eng_string(), D("-0.00E+2").to_eng_string(),
          D("1e-6"), D("1e-7"), D("100E-10"), D("1.2E+3"), D("0.00E-3"))
    """,
    _DEC
    + """
    from fractions import Fraction
    D = Decimal
    print(D("1.5") == Fraction(3, 2), D("0.5") < Fraction(2, 3), D("0.1") == 0.1, D("0.5") == 0.5,
          D(1) == 1.0, D(2) > 1.5, D("1.2") != 1.2, D(1) == "1", D(1) != None, D(2) <= 2, D(3) >= 4)
    print(sorted([D("3"), D("1.5"), D(2), D("-1"), D("0.50")]), max(D(1), D("1.0")),
          min([D(2), D("2.00")]), D("nan") == D("nan"), D("nan") != D("nan"), D("inf") > 10**100)
    print(hash(D("1.0")) == hash(1), hash(D(-12345678901234567890)) == hash(-12345678901234567890),
          hash(D("0.5")) == hash(0.5), hash(D("-0")) == hash(0), D(1) in {1: "x"}, D("1.0") in {1})
    print(len({D("1"), D("1.0"), D("1.00"), 1}), {D("2.5"): "a"}[D("2.50")])
    try:
        D(1) < "a"
    except TypeError as e:
        print(e)
    try:
        D(1) + "1"
    except TypeError as e:
        print(e)
    try:
        D(1) + 1.5
    except TypeError as e:
        print(e)
    try:
        D("nan") < 1
    except InvalidOperation as e:
        print("InvalidOperation", e)
    """,
    _DEC
    + """
    D = Decimal
    for f in ["", ".2f", ",.2f", "10.3", "e", ".3e", "%", ".1%", "+.2f", "010.2f", "^12", "<10",
              "*>12,.1f", "g", ".0f", "n", ",", "z.1f", "E", "G", ".3g", " .1f", "=+10.2f", "0=10", "x<10", "10.2n",
              ".0", ".0e", ".0%"]:
        print(repr(f), [format(D(v), f) for v in ["1234567.891", "-0.000012345", "0", "-0",
                                                   "1e20", "2.5", "NaN", "-Infinity"]])
    for f in ["_.3f", "#.0f", ">010.2f", "c", ".", "5,n"]:
        try:
            format(D(1), f)
        except ValueError as e:
            print(repr(f), "ValueError", e)
    """,
    _DEC
    + """
    D = Decimal
    for expr in ["D(1) / 0", "D(-1) / 0", "D(0) / 0", "D(1) // 0", "D(5) % 0", "D(-1).sqrt()",
                 "D('inf') - D('inf')", "D(0) ** 0", "D('1e999999') * 10", "D(-1).ln()",
                 "divmod(D(1), 0)", "int(D('nan'))", "int(D('-inf'))", "D('nan').__round__()",
                 "D('snan') + 1", "hash(D('snan'))", "D(2) ** D('0.5') * 0 + D('x')"]:
        try:
            print(expr, eval(expr))
        except ZeroDivisionError as e:
            print(expr, "ZeroDivisionError", type(e).__name__, e)
        except ArithmeticError as e:
            print(expr, "ArithmeticError", type(e).__name__, e)
        except (ValueError, TypeError) as e:
            print(expr, type(e).__name__, e)
    print(repr(getcontext()))
    """,
    _DEC
    + """
    D = Decimal
    c = getcontext()
    c.traps[InvalidOperation] = False
    c.traps[DivisionByZero] = False
    c.traps[Overflow] = False
    print(D("abc"), D(0) / 0, D(1) / 0, D(-1) / 0, D("1e999999") * 10, D(-1).sqrt(), divmod(D(1), 0))
    print(c)
    print(c.flags[Inexact], c.flags[InvalidOperation], c.traps[Inexact], len(c.flags))
    c.clear_flags()
    c.traps[Inexact] = True
    try:
        D(1) / 3
    except Inexact as e:
        print("Inexact", e)
    print(D(10) / 4, c)
    c.traps[Rounded] = True
    try:
        D(1) / 3
    except Inexact as e:
        print("Inexact", e)
    try:
        c.traps[ConversionSyntax] = True
    except KeyError as e:
        print("KeyError")
    """,
    _DEC
    + """
    c = getcontext()
    for name, value in [("prec", 0), ("prec", "x"), ("Emin", 1), ("Emax", -1), ("capitals", 2),
                        ("clamp", 5), ("rounding", "ROUND_SIDEWAYS"), ("foo", 1), ("traps", 5)]:
        try:
            setattr(c, name, value)
        except (ValueError, TypeError, AttributeError) as e:
            print(name, type(e).__name__, e)
    print(Context(prec=5), BasicContext, ExtendedContext, DefaultContext)
    print(Context(prec=3, rounding=ROUND_UP, traps=[Inexact], flags=[Rounded]))
    x = Context(prec=5)
    D = Decimal
    print(x.add(1, 2), x.divide(D(1), 3), x.sqrt(D(2)), x.create_decimal("3.14159265"),
          x.power(2, 10), x.quantize(D("1.2345"), D("0.01")), x.compare(1, 2), x.is_zero(D(0)),
          x.to_sci_string(D("1e-9")), x.divmod(7, 2), x.abs(D(-3)), x.minus(D(2)),
          x.multiply(D("1.23456"), 7), x.subtract(1, D("0.000001")), x.create_decimal(0.1))
    try:
        localcontext(foo=1)
    except TypeError as e:
        print(e)
    with localcontext(prec=3, rounding=ROUND_UP) as ctx:
        print(D(2) / 3, ctx.prec)
    print(D(2) / 3, getcontext().prec)
    setcontext(Context(prec=4))
    print(D(1) / 3)
    setcontext(DefaultContext)
    print(D(1) / 3, getcontext() is DefaultContext)
    """,
    _DEC
    + """
    class Money(Decimal):
        pass
    m = Money("1.50")
    print(type(m).__name__, m, repr(m), isinstance(m, Decimal), type(m + 1).__name__,
          Money.from_float(0.5), type(Money.from_float(0.5)).__name__)
    d = Decimal("-1.20")
    t = d.as_tuple()
    print(t, t.sign, t.digits, t.exponent, Decimal(t), d.adjusted(), d.is_finite(),
          d.is_infinite(), d.copy_negate(), d.copy_sign(1), d.real, d.imag, d.conjugate())
    print(Decimal(2) ** 64, Decimal(3) ** 100, Decimal("1.000000001") ** 1000000,
          Decimal(7) ** -5, Decimal("0.5") ** Decimal("2.5"), Decimal(2) ** Decimal(-3))
    with localcontext(prec=50):
        print(Decimal(2).sqrt(), Decimal(1).exp(), Decimal(3).ln())
    import copy
    print(copy.copy(d) is d, copy.deepcopy(d) == d, str(m), bool(Decimal("0.00")), bool(d))
    """,
]

CASES["calendar"] = [
    """
    import calendar
    print(calendar.isleap(2024), calendar.isleap(1900), calendar.isleap(2000), calendar.isleap(-4))
    print(calendar.leapdays(2000, 2025), calendar.leapdays(1, 10000), calendar.leapdays(2025, 2000))
    print(calendar.monthrange(2024, 2), calendar.monthrange(1900, 2), calendar.monthrange(2023, 12))
    print(calendar.weekday(2024, 7, 4), calendar.weekday(1, 1, 1), calendar.weekday(9999, 12, 31),
          calendar.weekday(10000, 1, 1), calendar.weekday(0, 3, 1), calendar.weekday(-400, 1, 1))
    print(calendar.month_name[3], calendar.day_abbr[0], list(calendar.month_abbr)[1:4],
          calendar.month_name[-1], calendar.day_name[6], len(calendar.month_name),
          len(calendar.day_name), list(calendar.day_name), calendar.month_abbr[0] == "")
    print(calendar.month_name[1:3], calendar.day_abbr[::2], "May" in calendar.month_name)
    print(calendar.MONDAY, calendar.SUNDAY, calendar.January, calendar.February, calendar.mdays)
    """,
    """
    import calendar
    print(calendar.month(2024, 2))
    print(calendar.month(2023, 10, w=3, l=2))
    calendar.prmonth(1999, 12)
    print(calendar.month(2024, 9, 0, 0))
    print(repr(calendar.month(2021, 2)))
    """,
    """
    import calendar
    cal = calendar.Calendar(firstweekday=0)
    weeks = cal.monthdayscalendar(2024, 9)
    print(len(weeks), weeks[0], weeks[-1])
    print(calendar.monthcalendar(2024, 2))
    cal6 = calendar.Calendar(6)
    print(cal6.firstweekday, list(cal6.iterweekdays()), cal6.monthdayscalendar(2024, 2))
    print(list(cal.itermonthdays2(2024, 2))[:9])
    print(list(cal.itermonthdays3(2024, 1))[:3], list(cal.itermonthdays4(2023, 12))[-2:])
    print(cal.monthdays2calendar(2023, 6)[0], len(cal.yeardayscalendar(2024)),
          len(cal.yeardayscalendar(2024, width=4)[0]))
    print([str(d) for d in cal.monthdatescalendar(2024, 3)[0]], next(cal.itermonthdates(2024, 1)))
    print(calendar.Calendar(9).firstweekday, list(calendar.Calendar(-1).iterweekdays()))
    """,
    """
    import calendar
    tc = calendar.TextCalendar(calendar.SUNDAY)
    print(tc.formatmonth(2024, 5))
    print(tc.formatweekheader(3), "|", tc.formatweekheader(9), "|", tc.formatweekheader(1))
    print(repr(tc.formatweek([(1, 0), (2, 1), (0, 2)], 3)), repr(tc.formatday(7, 2, 4)))
    print(repr(tc.formatmonthname(2024, 5, 30)), repr(tc.formatmonthname(2024, 5, 30, False)))
    print(calendar.calendar(2024))
    print(calendar.TextCalendar().formatyear(2023, 2, 1, 3, 4))
    tc.pryear(2025, m=2)
    calendar.setfirstweekday(calendar.SUNDAY)
    print(calendar.firstweekday(), calendar.weekheader(2))
    print(calendar.month(2024, 3))
    calendar.setfirstweekday(0)
    """,
    """
    import calendar
    for args in [(2024, 13), (2024, 0)]:
        try:
            calendar.monthrange(*args)
        except calendar.IllegalMonthError as e:
            print("IllegalMonthError", e, isinstance(e, ValueError))
    try:
        calendar.setfirstweekday(7)
    except ValueError as e:
        print(type(e).__name__, e)
    for args in [(2024, 2, 30), (2023, 2, 29), (2024, 4, 0)]:
        try:
            calendar.weekday(*args)
        except ValueError as e:
            print(type(e).__name__, e)
    print(calendar.timegm((2024, 1, 1, 0, 0, 0)), calendar.timegm((1970, 1, 1, 0, 0, 1)),
          calendar.timegm((2000, 2, 29, 12, 30, 15, 0, 0, 0)), calendar.timegm((1969, 12, 31, 23, 59, 59)))
    h = calendar.HTMLCalendar()
    print(h.formatmonth(2024, 2))
    print(h.formatyear(2024, 4)[:300])
    print(calendar.HTMLCalendar(6).formatweekheader())
    print(h.formatyearpage(2024)[:120])
    print(calendar.formatstring(["a", "bb"], 5, 2), calendar.LocaleTextCalendar(locale="C").formatmonth(2024, 1))
    """,
]

CASES["configparser"] = [
    """
    import configparser
    text = '''
    [DEFAULT]
    retries = 3
    ServerAliveInterval = 45

    [server]
    host = example.org
    port = 8443
    secure = yes

    [client]
    timeout = 2.5
    Name: Ann ; not a comment
    # a comment
    ; another comment
    multi = first line
        second line

        third line
    empty =
    '''
    cp = configparser.ConfigParser()
    cp.read_string(text)
    print(cp.sections(), cp.defaults(), list(cp.keys()), len(cp))
    print(cp.get("server", "host"), cp.getint("server", "port") + 1, cp.getboolean("server", "secure"))
    print(cp.getfloat("client", "timeout") * 2, cp["client"]["retries"], cp["client"]["NAME"])
    print(sorted(cp["server"].keys()), list(cp["server"]), list(cp.options("client")))
    print(repr(cp.get("client", "multi")), repr(cp.get("client", "empty")))
    print(cp.items("server"), cp.items("DEFAULT"))
    print(cp.has_section("server"), cp.has_section("DEFAULT"), cp.has_option("server", "HOST"),
          cp.has_option("server", "retries"), cp.has_option("nope", "x"), "server" in cp,
          "DEFAULT" in cp, "retries" in cp["server"], "nope" in cp["server"])
    print(cp.get("server", "missing", fallback="fb"), cp.getint("server", "missing", fallback=7),
          cp.get("nosection", "x", fallback=None), cp["server"].get("missing"),
          cp["server"].getint("port"), cp["server"].getboolean("nope", True),
          cp["server"].get("host", "x"), cp.get("server", "port", vars={"port": "1"}))
    print(cp["server"].name, cp["server"], cp["server"].parser is cp, dict(cp["client"]))
    """,
    """
    import configparser
    cp = configparser.ConfigParser()
    cp.read_string('''
    [paths]
    home = /home/%(user)s
    user = ann
    data = %(home)s/data
    pct = 100%%
    raw = %(nope)s
    bad = %(user
    loop = %(loop2)s
    loop2 = %(loop)s
    ''')
    print(cp.get("paths", "data"), cp.get("paths", "pct"), cp.get("paths", "data", raw=True))
    print(cp.items("paths", raw=True))
    for opt in ["raw", "bad", "loop"]:
        try:
            cp.get("paths", opt)
        except configparser.InterpolationError as e:
            print(type(e).__name__, e)
    try:
        cp.set("paths", "x", "50%")
    except ValueError as e:
        print("ValueError", e)
    raw = configparser.RawConfigParser()
    raw.read_string("[a]\\nx = %(y)s\\ny = 1\\n")
    print(raw.get("a", "x"))
    ext = configparser.ConfigParser(interpolation=configparser.ExtendedInterpolation())
    ext.read_string('''
    [common]
    root = /srv
    [app]
    dir = ${common:root}/app
    log = ${dir}/log
    cost = $$5
    ''')
    print(ext.get("app", "log"), ext.get("app", "cost"), ext["app"]["dir"])
    none = configparser.ConfigParser(interpolation=None)
    none.read_string("[s]\\nv = %(x)s %%\\n")
    print(none.get("s", "v"))
    """,
    """
    import configparser, io
    cp = configparser.ConfigParser()
    cp["DEFAULT"] = {"ServerAliveInterval": "45", "Compression": "yes", "CompressionLevel": "9"}
    cp["forge.example"] = {}
    cp["forge.example"]["User"] = "hg"
    cp["topsecret.server.example"] = {}
    top = cp["topsecret.server.example"]
    top["Port"] = "50022"
    top["ForwardX11"] = "no"
    cp["DEFAULT"]["ForwardX11"] = "yes"
    cp.add_section("zeta")
    cp.set("zeta", "b", "2")
    cp.set("zeta", "a", "1")
    cp.set("zeta", "multi", "one\\ntwo")
    buf = io.StringIO()
    cp.write(buf)
    print(buf.getvalue())
    buf = io.StringIO()
    cp.write(buf, space_around_delimiters=False)
    print(buf.getvalue().splitlines()[:4])
    print(cp.remove_option("zeta", "a"), cp.remove_option("zeta", "a"), cp.remove_section("zeta"),
          cp.remove_section("zeta"), cp.sections())
    del cp["forge.example"]["user"]
    del cp["forge.example"]
    print(cp.sections(), [k for k in cp], cp["topsecret.server.example"].getboolean("ForwardX11"))
    again = configparser.ConfigParser()
    again.read_dict({"s": {"k": 1, "f": 2.5}, "t": {}})
    print(again.sections(), again.items("s"), again.getfloat("s", "f"))
    print(again.popitem()[0], again.sections())
    """,
    """
    import configparser
    for text in ["x = 1\\n[s]\\n", "[s]\\na = 1\\n[s]\\nb = 2\\n", "[s]\\na = 1\\nA = 2\\n",
                 "[s]\\njunk line\\nok = 1\\nmore junk\\n", "[s]\\n= value\\n", "[]\\n",
                 "[s] trailing ]\\na: b = c\\nkey with  spaces  =  v  \\n\\tindented = 1\\n"]:
        cp = configparser.ConfigParser()
        try:
            cp.read_string(text)
            print("ok", cp.sections(), [cp.items(x) for x in cp.sections()])
        except configparser.Error as e:
            print(type(e).__name__, "|", e)
    cp = configparser.ConfigParser(strict=False)
    cp.read_string("[s]\\na = 1\\n[s]\\na = 2\\n")
    print(cp.get("s", "a"))
    cp = configparser.ConfigParser()
    for call in [lambda: cp.get("nope", "x"), lambda: cp.add_section("DEFAULT"),
                 lambda: cp.getint("nope", "x"), lambda: cp["nope"], lambda: cp.options("nope")]:
        try:
            call()
        except (configparser.Error, ValueError, KeyError) as e:
            print(type(e).__name__, e)
    cp.add_section("s")
    for call in [lambda: cp.add_section("s"), lambda: cp.get("s", "x"),
                 lambda: cp.set("s", "x", 5), lambda: cp.add_section(3)]:
        try:
            call()
        except (configparser.Error, ValueError, TypeError) as e:
            print(type(e).__name__, e)
    cp.set("s", "flag", "maybe")
    cp.set("s", "num", "3.5")
    for call in [lambda: cp.getboolean("s", "flag"), lambda: cp.getint("s", "num")]:
        try:
            call()
        except ValueError as e:
            print("ValueError", e)
    e = configparser.NoOptionError("opt", "sec")
    print(e.option, e.section, e.message, configparser.DEFAULTSECT,
          configparser.MAX_INTERPOLATION_DEPTH)
    """,
    """
    import configparser
    cp = configparser.ConfigParser(
        defaults={"Base": "x"}, allow_no_value=True, delimiters=("=>", "="),
        comment_prefixes=("#",), inline_comment_prefixes=(";",), empty_lines_in_values=False,
        default_section="common", converters={"list": lambda v: [p.strip() for p in v.split(",")]})
    cp.read_string('''
    [common]
    shared => yes
    [s]
    skip-bundled
    key => value ; trailing comment
    url = http://x;y
    colors => red, green,blue
    ; not a comment here
    ''')
    print(cp.sections(), cp.items("s"), cp.get("s", "skip-bundled"))
    print(cp.getlist("s", "colors"), cp["s"].getlist("colors"), cp.get("s", "shared"),
          cp.default_section, list(cp.converters))
    cp.optionxform = str
    cp.read_string("[t]\\nMixedCase = 1\\n")
    print(cp.options("t"))
    lines = ["[f]\\n", "a = 1\\n", "  continued\\n", "b=2"]
    cp2 = configparser.ConfigParser()
    cp2.read_file(lines, source="lines")
    print(cp2.items("f"))
    with open("conf.ini", "w") as f:
        f.write("[disk]\\npath = /tmp\\n")
    print(cp2.read(["conf.ini", "missing.ini"]), cp2.read("conf.ini"), cp2.get("disk", "path"))
    with open("conf.ini") as f:
        cp3 = configparser.ConfigParser()
        cp3.read_file(f)
    print(cp3.sections())
    """,
]

CASES["difflib"] = [
    """
    import difflib
    words = ["apple", "apply", "ape", "maple", "pineapple", "grape"]
    print(difflib.get_close_matches("appel", words))
    print(difflib.get_close_matches("grap", words, n=1))
    print(difflib.get_close_matches("wheel", ["hello", "while", "wheat", "heel", "x"], n=5, cutoff=0))
    print(difflib.get_close_matches("", ["", "a"]), difflib.get_close_matches("abc", []))
    for n, cutoff in [(0, 0.5), (1, 1.5), (1, -0.1)]:
        try:
            difflib.get_close_matches("a", ["a"], n, cutoff)
        except ValueError as e:
            print("ValueError", e)
    """,
    """
    import difflib
    for a, b in [("kitten", "sitting"), ("abcd", "bcde"), ("", ""), ("a", ""), ("private Thread",
                 "private volatile Thread"), ("qabxcd", "abycdf"), ("abxcd", "abcd")]:
        sm = difflib.SequenceMatcher(None, a, b)
        print(round(sm.ratio(), 4), round(sm.quick_ratio(), 4), round(sm.real_quick_ratio(), 4))
        print(sm.get_matching_blocks())
        print(sm.get_opcodes())
        print(sm.find_longest_match(0, len(a), 0, len(b)), sm.find_longest_match())
    sm = difflib.SequenceMatcher(lambda x: x == " ", "private Thread currentThread;",
                                 "private volatile Thread currentThread;")
    print(round(sm.ratio(), 3), sm.get_opcodes(), sm.bjunk)
    sm.set_seqs("abc", "xbc")
    print(sm.get_opcodes(), sm.a, sm.b)
    sm.set_seq1("xbc")
    print(sm.ratio())
    m = sm.get_matching_blocks()[0]
    print(m.a, m.b, m.size, m == (0, 0, 3), type(m).__name__)
    """,
    """
    import difflib
    a = ["line %d\\n" % i for i in range(40)]
    b = list(a)
    b[3] = "changed 3\\n"
    del b[10:12]
    b.insert(20, "inserted\\n")
    b[35:36] = ["x\\n", "y\\n"]
    print("".join(difflib.unified_diff(a, b, "a.txt", "b.txt", "2024-01-01", "2024-01-02")))
    print("".join(difflib.unified_diff(a, b, n=0)))
    print("".join(difflib.context_diff(a, b, "a.txt", "b.txt")))
    print(list(difflib.unified_diff(["x"], ["x"])), list(difflib.unified_diff([], ["new"], lineterm="")))
    old = ["one", "two", "three", "four"]
    new = ["one", "three", "four", "five"]
    for line in difflib.unified_diff(old, new, "old", "new", lineterm=""):
        print(line)
    for line in difflib.context_diff(old, new, lineterm=""):
        print(line)
    sm = difflib.SequenceMatcher(None, a, b)
    print(list(sm.get_grouped_opcodes(1)))
    try:
        list(difflib.unified_diff([b"x"], ["y"]))
    except TypeError as e:
        print("TypeError", e)
    print(list(difflib.diff_bytes(difflib.unified_diff, [b"a\\n", b"b\\n"], [b"a\\n", b"c\\n"], b"f", b"g")))
    """,
    """
    import difflib
    a = "one\\ntwo\\nthree\\nfour\\nfive\\n".splitlines(True)
    b = "ore\\ntree\\nemu\\nfour\\nfive!\\n".splitlines(True)
    diff = list(difflib.ndiff(a, b))
    print("".join(diff), end="")
    print("".join(difflib.restore(diff, 1)), end="")
    print("".join(difflib.restore(diff, 2)), end="")
    text1 = '''  1. Beautiful is better than ugly.
      2. Explicit is better than implicit.
      3. Simple is better than complex.
      4. Complex is better than complicated.
    '''.splitlines(keepends=True)
    text2 = '''  1. Beautiful is better than ugly.
      3.   Simple is better than complex.
      4. Complicated is better than complex.
      5. Flat is better than nested.
    '''.splitlines(keepends=True)
    print("".join(difflib.Differ().compare(text1, text2)), end="")
    print(list(difflib.ndiff(["abc\\n"], ["abd\\n", "abc\\n"])))
    print(difflib.IS_LINE_JUNK("\\n"), difflib.IS_LINE_JUNK("  #   \\n"), difflib.IS_LINE_JUNK("hello\\n"),
          difflib.IS_CHARACTER_JUNK(" "), difflib.IS_CHARACTER_JUNK("x"))
    print(list(difflib.ndiff(["a\\n", "\\n"], ["a\\n", "  \\n"], linejunk=difflib.IS_LINE_JUNK)))
    try:
        list(difflib.restore([], 3))
    except ValueError as e:
        print("ValueError", e)
    """,
    """
    import difflib
    # b has 200+ elements: the autojunk heuristic drops popular ones.
    a = "ab" * 150 + "xyz"
    b = "ab" * 150 + "xzy"
    for auto in (True, False):
        sm = difflib.SequenceMatcher(None, a, b, autojunk=auto)
        print(auto, round(sm.ratio(), 6), sm.get_matching_blocks()[:3], sorted(sm.bpopular))
    a = [str(i % 7) for i in range(300)]
    b = [str(i % 5) for i in range(250)]
    sm = difflib.SequenceMatcher(None, a, b)
    print(round(sm.ratio(), 6), len(sm.get_opcodes()), sm.get_opcodes()[:4])
    # Many similar lines in one replace block: deep refinement, no recursion error.
    a = ["line number %03d here\\n" % i for i in range(40)]
    b = ["line number %03d hera\\n" % i for i in range(40)]
    out = list(difflib.ndiff(a, b))
    print(len(out), out[:5], out[-4:])
    a = [str(i * 7 % 1000) for i in range(3000)]
    b = [str(i * 7 % 1000) for i in range(100, 3100)]
    sm = difflib.SequenceMatcher(None, a, b)
    print(round(sm.ratio(), 4), sm.get_opcodes(), len(sm.bpopular))
    """,
]

CASES["pprint"] = [
    """
    from pprint import pformat, pprint
    data = {
        "users": [
            {"name": "ann", "roles": ["admin", "dev"], "active": True},
            {"name": "bob", "roles": [], "active": False},
        ],
        "meta": {"count": 2, "version": "1.4.2", "tags": ("beta", "internal")},
    }
    pprint(data)
    pprint(data, width=40)
    print(pformat(list(range(30)), width=50))
    pprint({"z": 1, "a": 2, "m": 3})
    pprint(data, sort_dicts=False, width=60)
    pprint(data, indent=4, width=50)
    pprint(data, depth=2)
    pprint(data, depth=1)
    print(pformat(list(range(40)), compact=True, width=40))
    print(pformat([[1, 2, 3]] * 6 + [list(range(20))], compact=True, width=30))
    """,
    """
    import pprint
    print(pprint.pformat(("a",)), pprint.pformat(()), pprint.pformat([]), pprint.pformat({}))
    print(pprint.pformat(("only-one-element-in-this-tuple-but-long-enough",), width=20))
    long_words = "The quick brown fox jumps over the lazy dog. " * 4
    pprint.pprint(long_words)
    pprint.pprint({"text": long_words, "lines": "first line\\nsecond line\\n" * 3}, width=50)
    pprint.pprint([long_words[:60]], width=30)
    pprint.pprint(b"0123456789" * 10, width=40)
    pprint.pprint([b"abcdefgh" * 6], width=30)
    pprint.pprint(bytearray(b"xyz" * 30), width=40)
    pprint.pprint(set(range(30)), width=40)
    pprint.pprint(frozenset(range(20, 50)), width=60)
    pprint.pprint({(1, 2): [3, 4], (0, 9): None, (1, 0): "x" * 70})
    pprint.pprint([1, "a", 2.5, None, True, 3 + 4j, -0.0] * 5)
    print(pprint.pformat({1: "a", "b": 2, None: 3, 2.5: 4, (1,): 5}))
    pprint.pprint({"k%02d" % i: "v" * i for i in range(12)}, width=30, sort_dicts=False)
    pprint.pprint([{"a": 1}, {"a": {"b": [1, 2, {"c": "x" * 30}]}}], indent=3, width=25)
    """,
    """
    import pprint
    a = [1, 2]
    a.append(a)
    d = {"self": None}
    d["self"] = d
    print(pprint.pformat(a).startswith("[1, 2, <Recursion on list with id="), pprint.saferepr(a).startswith("[1, 2, <Recursion on list"))
    print(pprint.isrecursive(a), pprint.isreadable(a), pprint.isreadable([1, "x"]),
          pprint.isreadable(object()), pprint.isrecursive({"a": [1]}))
    print(pprint.pformat(d).startswith("{'self': <Recursion on dict"))
    pp = pprint.PrettyPrinter(indent=2, width=30, depth=3, compact=True)
    print(pp.pformat([[[[["deep"]]]], list(range(15))]))
    print(pp.isreadable([1, 2]), pp.isrecursive([1, 2]))
    print(pprint.saferepr({"b": 2, "a": [1, {"c": (3,)}]}), pprint.pformat(10**30, underscore_numbers=True))
    print(pprint.pformat([10**9, -123456789, {1234567: 7654321}], underscore_numbers=True))
    for kwargs in [{"indent": -1}, {"depth": 0}, {"width": 0}]:
        try:
            pprint.PrettyPrinter(**kwargs)
        except ValueError as e:
            print("ValueError", e)
    pprint.pp({"b": 1, "a": [2] * 40})
    import io
    buf = io.StringIO()
    pprint.pprint({"x": 1}, stream=buf)
    pprint.PrettyPrinter(stream=buf, width=10).pprint([1, 2, 3, 4, 5])
    print(repr(buf.getvalue()))
    """,
    """
    import pprint
    from collections import OrderedDict, defaultdict, Counter, deque, ChainMap
    from dataclasses import dataclass, field
    od = OrderedDict((k, k * 3) for k in "zyxwvutsrqponm")
    pprint.pprint(od, width=40)
    pprint.pprint(OrderedDict(), width=10)
    dd = defaultdict(list, {"k%d" % i: list(range(i)) for i in range(6)})
    pprint.pprint(dd, width=40)
    pprint.pprint(Counter("abracadabra-simsalabim"), width=40)
    pprint.pprint(deque(range(30)), width=40)
    pprint.pprint(deque(range(30), maxlen=32), width=40)
    pprint.pprint(ChainMap({"a": 1, "b": list(range(10))}, {"c": "x" * 40}), width=40)
    @dataclass
    class Point:
        x: int
        y: int
        tags: list = field(default_factory=list)
    pprint.pprint([Point(1, 2, ["t"] * 12), Point(3, 4)], width=40)
    class MyList(list):
        pass
    class Shown(list):
        def __repr__(self):
            return "Shown!"
    pprint.pprint(MyList(range(30)), width=40)
    pprint.pprint(Shown(range(30)), width=40)
    """,
    """
    import pprint
    # Nested far deeper than MicroPython's ~60 nested calls.
    deep = []
    cur = deep
    for i in range(150):
        nxt = [i]
        cur.append(nxt)
        cur = nxt
    s = pprint.pformat(deep, width=60)
    print(len(s), s[:80], s[-20:])
    print(pprint.saferepr(deep)[:40], pprint.isreadable(deep))
    d = {}
    cur = d
    for i in range(100):
        cur["k"] = {"v": i}
        cur = cur["k"]
    print(len(pprint.pformat(d)), pprint.pformat(d, depth=3))
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


def _run(sandbox: Sandbox, code: str) -> str:
    r = sandbox.run(textwrap.dedent(code))
    assert r.status == "ok", f"{r.status}: {r.stderr}"
    return r.stdout


def test_decimal_imports_lean(sandbox: Sandbox) -> None:
    # `import decimal` compiles one module: collections (for as_tuple's
    # DecimalTuple) and math load only when needed.
    out = _run(
        sandbox,
        """
        import sys
        before = set(sys.modules)
        import decimal
        print(sorted(set(sys.modules) - before))
        decimal.Decimal(1).as_tuple()
        print('collections' in sys.modules)
        """,
    )
    assert out == "['decimal']\nTrue\n"


def test_decimal_big_operands_stay_exact(sandbox: Sandbox) -> None:
    out = _run(
        sandbox,
        """
        from decimal import Decimal, localcontext
        with localcontext(prec=200):
            x = Decimal(2) ** 600
            print(x == Decimal(2 ** 600), len(str(x.to_integral_value())))
        print(Decimal('1e999999') > Decimal('9' * 500), Decimal(10) ** 999998)
        """,
    )
    assert out == "True 181\nTrue 1.000000000000000000000000000E+999998\n"
