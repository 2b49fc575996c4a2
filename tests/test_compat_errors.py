"""Exceptions as CPython has them: repr and str, messages, chaining, classes
MicroPython lacks, except*, the traceback module (guest/lib/_wasmbox_exc.py,
_wasmbox_group.py, traceback.py, and the rewrites in compat/transform.py).

Every snippet runs in wasmbox and under CPython 3.11 (all in one CPython
process, see tests/cpython.py); the two stdouts must be equal. Then: what the
transformer writes (lines kept, valid Python, nothing rewritten that needs
nothing), how an uncaught exception is reported, and the hints.
"""

from __future__ import annotations

import ast

import pytest

from cpython import assert_same_stdout, flatten, reference_outputs
from wasmbox import Sandbox
from wasmbox.compat import transform
from wasmbox.compat.explain import explain

CASES: dict[str, list[str]] = {}

CASES["repr_str"] = [
    """
    print(repr(ValueError("x")), repr(ValueError()), repr(ValueError("a", 1)))
    print(str(KeyError("k")), repr(KeyError("k")), str(KeyError()), str(KeyError(1, 2)))
    print(str(ValueError()), repr(str(ValueError("a", 1))), f"{ValueError('f')!r}")
    e = IndexError("i")
    print([str(e)], repr(e), e.args, type(e) is IndexError, type(e) == IndexError)
    print(type(e).__name__, isinstance(e, LookupError), e.__class__.__name__)
    """,
    """
    class HttpError(Exception):
        def __init__(self, status, reason):
            super().__init__(status, reason)
            self.status = status

        def __str__(self):
            return f"HTTP {self.status}"

    class Plain(ValueError):
        pass

    class Quiet(KeyError):
        def __init__(self, key):
            super().__init__("missing " + key)

    class WithRepr(Exception):
        def __repr__(self):
            return "<mine>"

    h = HttpError(404, "Not Found")
    print(h, repr(h), h.args, h.status)
    print(repr(Plain("p")), str(Plain("p", 2)), repr(Quiet("k")), str(Quiet("k")))
    print(repr(WithRepr(1)), str(WithRepr(1)), Quiet("z").args)
    print(issubclass(Plain, ValueError), Plain.__bases__ == (ValueError,), Plain.__name__)
    """,
    """
    try:
        raise KeyError("email")
    except LookupError as e:
        print("lookup failed for", e, repr(e), e.args)
    try:
        {}["missing"]
    except KeyError as e:
        print("native:", e, repr(e))
    try:
        [].pop()
    except IndexError as e:
        print(e, repr(e))
    """,
]

CASES["handlers"] = [
    """
    def f(x):
        try:
            return 10 // x
        except ZeroDivisionError as e:
            return str(e)

    def g():
        try:
            int("q")
        except ValueError as e:
            yield str(e)
            yield repr(e)

    class C:
        try:
            {}["k"]
        except KeyError as err:
            msg = str(err)

    print(f(0), f(3), list(g()), C.msg)
    try:
        raise ValueError("outer")
    except ValueError as e:
        try:
            raise TypeError("inner")
        except TypeError as e2:
            print(e2, e2.__context__)
        print(e)
    try:
        1 / 0
    except (ZeroDivisionError, ValueError) as e:
        if e:
            print("if:", e)
    try:
        1 % 0
    except ArithmeticError as e:
        while e:
            print("while:", e)
            e = None
    try:
        raise KeyError("z")
    except KeyError as e:
        fn = lambda: repr(e)
        print(fn())
    """,
    """
    def deep(n):
        if n == 0:
            raise ValueError("bottom")
        try:
            deep(n - 1)
        except ValueError as e:
            raise KeyError(n) from e

    try:
        deep(3)
    except KeyError as e:
        chain = []
        while e is not None:
            chain.append(repr(e))
            e = e.__cause__
        print(chain)

    class MyErr(ValueError):
        def __init__(self, code):
            super().__init__(f"code {code}")
            self.code = code

    try:
        raise MyErr(5)
    except ValueError as e:
        print(e, repr(e), e.code, e.args, type(e).__name__)
    print([ValueError("a"), KeyError("b")], {"k": OSError(2, "x")}, (TypeError(),))
    print(repr([OSError(17, "File exists")]), repr(OSError("plain")), type(OSError(2, "x")).__name__)
    """,
]

CASES["messages"] = [
    """
    def safe_divide(a, b):
        try:
            return a / b
        except ZeroDivisionError as e:
            return str(e)

    print(safe_divide(1, 0), "|", safe_divide(1.5, 0), "|", safe_divide(10, 4))
    for a, b in ((5, 0), (5.0, 0), (5, 0.0)):
        for f in (lambda: a // b, lambda: a % b):
            try:
                f()
            except ZeroDivisionError as e:
                print(repr(e))
    zero = 0
    try:
        print(7 % zero)
    except ArithmeticError as e:
        print(type(e).__name__, e)
    print(10 % 3, 7.5 // 2, "%s-%s" % ("a", "b"), 9 / 3)
    fmt, empty = "plain", ()
    print(fmt % empty)
    """,
    """
    for text in ["42", " 7 ", "3.14", "abc", "", "0x1A"]:
        try:
            print(int(text))
        except ValueError as e:
            print("int:", e)
    for text in ["2.5", "1,5", "nan", " -3e-2 ", "x"]:
        try:
            print(float(text))
        except ValueError as e:
            print("float:", e)
    try:
        float(b"zz")
    except ValueError as e:
        print(e)
    """,
    """
    cases = [
        lambda: "age: " + 30,
        lambda: 1 + "a",
        lambda: [1] + (2,),
        lambda: [1, 2] * "3",
        lambda: undefined_name,
        lambda: {}[[]],
        lambda: {"a": 1}[{}],
        lambda: 3 < "x",
        lambda: None(),
        lambda: iter(5),
        lambda: hash([]),
    ]
    for i, case in enumerate(cases):
        try:
            case()
        except Exception as e:
            print(i, type(e).__name__, e)
    """,
]

CASES["chaining"] = [
    """
    def cleanup():
        raise OSError("cleanup failed")

    try:
        try:
            1 / 0
        except ZeroDivisionError:
            cleanup()
    except OSError as e:
        print("context:", type(e.__context__).__name__, e.__context__, e.__cause__)
        print(e.__suppress_context__, e.__context__.__context__)
    try:
        raise ValueError("plain")
    except ValueError as e:
        print(e.__context__ is None, e.__cause__ is None, e.__suppress_context__)
    """,
    """
    class ConfigError(Exception):
        pass

    def load(settings):
        try:
            return int(settings["port"])
        except KeyError as e:
            raise ConfigError("port is missing") from e
        except ValueError as e:
            raise ConfigError("bad port") from e

    for s in [{"port": "8080"}, {}, {"port": "eighty"}]:
        try:
            print("port:", load(s))
        except ConfigError as e:
            print(e, "| caused by", type(e.__cause__).__name__, e.__cause__)
            print(e.__suppress_context__, e.__context__ is e.__cause__)
    try:
        try:
            raise ValueError("inner")
        except ValueError:
            raise RuntimeError("outer") from None
    except RuntimeError as e:
        print(e, e.__cause__, e.__suppress_context__, type(e.__context__).__name__)
    try:
        raise KeyError("k") from ValueError
    except KeyError as e:
        print(repr(e.__cause__))
    """,
    """
    def lookup(d, key):
        try:
            return d[key]
        except KeyError:
            raise LookupError(f"unknown key {key!r}")

    try:
        lookup({"a": 1}, "b")
    except LookupError as e:
        print(type(e).__name__, e, "| during:", type(e.__context__).__name__, e.__context__)
    try:
        try:
            raise TypeError("t")
        except TypeError as e:
            raise e
    except TypeError as e:
        print(e.__context__)
    a, b = ValueError("a"), TypeError("b")
    try:
        try:
            raise a
        except ValueError:
            try:
                raise b
            except TypeError:
                raise a
    except ValueError as e:
        print(e.__context__ is b, b.__context__)
    try:
        raise 42
    except TypeError as e:
        print("TypeError", "BaseException" in str(e))
    try:
        raise ValueError("v") from 3
    except TypeError as e:
        print("TypeError", e)
    """,
]

CASES["system_exit"] = [
    """
    import sys

    for args in ([], [2], ["fatal"], [0]):
        try:
            sys.exit(*args)
        except SystemExit as e:
            print(repr(e.code), e.args)
    try:
        raise SystemExit(3)
    except SystemExit as e:
        print(e.code, repr(e))
    try:
        exit(4)
    except SystemExit as e:
        print(e.code)
    """,
]

CASES["os_errors"] = [
    """
    import errno, os

    def read(path):
        try:
            with open(path) as f:
                return f.read()
        except FileNotFoundError as e:
            print("missing:", e.errno, e.strerror, e.filename, e.errno == errno.ENOENT)
            print(str(e), repr(e), e.args)
        except OSError as e:
            print("other", type(e).__name__)

    read("no/such/file.txt")
    with open("notes.txt", "w") as f:
        f.write("x")
    print(read("notes.txt"))
    try:
        open("missing.txt")
    except OSError as e:
        print(type(e).__name__, isinstance(e, FileNotFoundError), e.errno == 2)
    try:
        os.remove("nope.txt")
    except FileNotFoundError as e:
        print("remove:", type(e).__name__, e.errno)
    try:
        os.mkdir("made")
        os.mkdir("made")
    except FileExistsError as e:
        print("mkdir:", type(e).__name__, e.errno, e.strerror)
    """,
    """
    import contextlib, os

    with contextlib.suppress(FileNotFoundError):
        os.remove("definitely-not-here.txt")
        print("never printed")
    print("after suppress")
    try:
        with contextlib.suppress(FileExistsError):
            os.remove("still-not-here.txt")
    except OSError as e:
        print("escaped:", type(e).__name__)
    print(issubclass(OSError, FileNotFoundError), issubclass(FileNotFoundError, OSError))
    e = OSError(2, "No such file or directory", "f.txt")
    print(e, e.args, e.errno, e.filename, repr(OSError("plain")), OSError("plain").errno)
    print(str(PermissionError(13, "Permission denied")), IOError is OSError)
    """,
    """
    pairs = [
        (FileNotFoundError, OSError), (IsADirectoryError, OSError), (TimeoutError, OSError),
        (BrokenPipeError, ConnectionError), (ConnectionError, OSError),
        (UnicodeDecodeError, ValueError), (UnicodeEncodeError, UnicodeError),
        (RecursionError, RuntimeError), (ModuleNotFoundError, ImportError),
        (UnboundLocalError, NameError), (KeyboardInterrupt, Exception),
        (ExceptionGroup, Exception), (UserWarning, Warning), (Warning, Exception),
    ]
    for sub, sup in pairs:
        print(f"{sub.__name__:<22} {sup.__name__:<16} {issubclass(sub, sup)}")
    print(BaseException in KeyError.__mro__, [c.__name__ for c in FileNotFoundError.__mro__])
    try:
        import no_such_module_here
    except ModuleNotFoundError as e:
        print(type(e).__name__, e, e.name)
    """,
]

CASES["unicode"] = [
    """
    data = b"caf\\xe9 cr\\xe8me"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        print("at", e.start, e.end, hex(data[e.start]), e.reason, e.encoding)
        print(e)
    try:
        b"ok \\xe2\\x82".decode()
    except UnicodeDecodeError as e:
        print(e.start, e.end, e.reason)
    try:
        "naïve".encode("ascii")
    except UnicodeEncodeError as e:
        print("cannot encode", repr(e.object[e.start]), e.start, e.end, e.reason)
    print("naïve".encode("ascii", errors="ignore"), data.decode("latin-1"))
    """,
]

CASES["except_star"] = [
    """
    def validate(user):
        errors = []
        if not user.get("name"):
            errors.append(ValueError("name is empty"))
        if not isinstance(user.get("age"), int):
            errors.append(TypeError("age must be int"))
        if errors:
            raise ExceptionGroup("invalid user", errors)

    for user in [{"name": "ann", "age": 3}, {"name": "", "age": "x"}, {"name": "", "age": 1}]:
        try:
            validate(user)
            print("valid:", user)
        except* ValueError as eg:
            print("value:", [str(e) for e in eg.exceptions], repr(eg))
        except* TypeError as eg:
            print("type:", eg, eg.message)
    """,
    """
    try:
        try:
            raise ExceptionGroup("g", [KeyError("a"), OSError("b"), ValueError("c")])
        except* KeyError:
            print("keys")
        except* (ValueError, TypeError) as eg:
            print("values", eg.exceptions)
    except ExceptionGroup as rest:
        print("rest:", repr(rest), rest)
    try:
        try:
            raise ValueError("naked")
        except* TypeError:
            print("no")
    except ValueError as e:
        print("naked back:", repr(e))
    try:
        raise ValueError("n2")
    except* ValueError as eg:
        print("wrapped:", repr(eg))
    def f():
        try:
            return "body"
        except* ValueError:
            pass
    print(f())
    """,
    """
    eg = ExceptionGroup("m", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)])])
    match, rest = eg.split(ValueError)
    print(repr(match), repr(rest))
    print(eg.subgroup(lambda e: isinstance(e, TypeError)), eg.subgroup(KeyError))
    print(len(eg.exceptions), eg.message, isinstance(eg, Exception), eg.derive([KeyError(5)]))
    for bad in [("m", []), (1, [ValueError()]), ("m", [1]), ("m", {ValueError()})]:
        try:
            ExceptionGroup(*bad)
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    try:
        try:
            raise ExceptionGroup("x", [ValueError()])
        except* ExceptionGroup:
            pass
    except TypeError as e:
        print(e)
    """,
]

CASES["traceback"] = [
    """
    import sys, traceback

    def level3():
        raise ValueError("deep problem")

    def level2():
        level3()

    def level1():
        level2()

    try:
        level1()
    except ValueError as e:
        print("".join(traceback.format_exception_only(type(e), e)).strip())
        tb = traceback.extract_tb(e.__traceback__)
        print([f.name for f in tb], [f.lineno for f in tb], tb[-1].filename)
        print(traceback.format_exc(), end="")
        traceback.print_exc(file=sys.stdout)
        print(traceback.format_exception_only(e), traceback.format_tb(e.__traceback__)[0])
    """,
    """
    import sys, traceback

    def lookup(d, key):
        try:
            return d[key]
        except KeyError:
            raise LookupError(f"unknown key {key!r}")

    try:
        lookup({}, "b")
    except LookupError:
        traceback.print_exc(file=sys.stdout)
    try:
        try:
            1 / 0
        except ZeroDivisionError as z:
            raise RuntimeError("wrapped") from z
    except RuntimeError as e:
        print("".join(traceback.format_exception(e)), end="")
        te = traceback.TracebackException.from_exception(e)
        print(list(te.format_exception_only()), str(te))
        print("".join(traceback.format_exception(e, chain=False)), end="")
    """,
    """
    import sys, traceback

    class Res:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    try:
        int("zz")
    except Exception:
        with Res():
            pass
        print(traceback.format_exc(limit=0), end="")
        print(sys.exc_info()[0].__name__, sys.exc_info()[1])

    def rec(n):
        return rec(n + 1) if n < 8 else 1 / 0

    try:
        rec(0)
    except ZeroDivisionError:
        traceback.print_exc(file=sys.stdout)
    print(traceback.format_exception_only(None))
    """,
]

CASES["control_flow"] = [
    """
    class Resource:
        log = []

        def __init__(self, name):
            self.name = name

        def __enter__(self):
            return self

        def __exit__(self, exc_type, exc, tb):
            Resource.log.append(f"close {self.name} ({exc_type.__name__ if exc_type else 'ok'})")
            return exc_type is KeyError or exc_type in (IndexError,)

    with Resource("cache"):
        raise KeyError("missing")
    with Resource("list"):
        raise IndexError("i")
    try:
        with Resource("file"):
            raise ValueError("boom")
    except ValueError as e:
        Resource.log.append(f"caught {e}")
    print(Resource.log)
    """,
    """
    class Count:
        def __init__(self):
            self.n = 0

        def __iter__(self):
            return self

        def __next__(self):
            self.n += 1
            if self.n > 3:
                raise StopIteration
            return self.n

    print(list(Count()))

    def gen():
        yield 1
        return "done"

    g = gen()
    next(g)
    try:
        next(g)
    except StopIteration as e:
        print("value:", e.value, repr(e))

    def parse(items):
        for item in items:
            yield int(item)

    collected = []
    try:
        for n in parse(["1", "oops"]):
            collected.append(n)
    except ValueError as e:
        print("stopped:", e, collected)
    """,
    """
    def swallow():
        try:
            raise ValueError("lost")
        finally:
            return "finally wins"

    print(swallow())
    errors = []
    for exc in (ValueError, TypeError, KeyError):
        try:
            raise exc("demo")
        except (ValueError, TypeError) as e:
            errors.append(f"tuple {type(e).__name__} {e}")
        except Exception as e:
            errors.append(f"generic {type(e).__name__} {e}")
    print(errors)
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        print("handled", e)
    e = ValueError("note")
    e.add_note("first note")
    print(e.__notes__, e.with_traceback(None) is e)
    """,
]

SNIPPETS = flatten(CASES)


@pytest.fixture(scope="module")
def reference() -> dict[str, str]:
    return reference_outputs(SNIPPETS)


@pytest.mark.parametrize("key", list(SNIPPETS))
def test_same_stdout_as_cpython(sandbox: Sandbox, reference: dict[str, str], key: str) -> None:
    assert_same_stdout(sandbox, SNIPPETS[key], reference[key])


# -- the transformer ------------------------------------------------------------

REWRITTEN = {
    "raise from": "try:\n    x = 1\nexcept KeyError as e:\n    raise ValueError(\n        'v'\n    ) from e\n",
    "handler if": "try:\n    pass\nexcept OSError as err:\n    if err.errno:\n        print(err)\n",
    "handler for": "try:\n    pass\nexcept OSError as err:\n    for a in err.args:\n        print(a)\n",
    "handler with": "try:\n    pass\nexcept OSError as err:\n    with open('f') as f:\n        f.write(str(err))\n",
    "handler while": "try:\n    pass\nexcept OSError as err:\n    while err:\n        err = None\n",
    "handler try": "try:\n    pass\nexcept OSError as err:\n    try:\n        print(err)\n    finally:\n        pass\n",
    "one line": "try: pass\nexcept ValueError as e: print(e); x = e\n",
    "virtual": "try:\n    pass\nexcept (FileNotFoundError,\n        PermissionError):\n    pass\n",
    "except star": (
        "try:\n    f()\nexcept* (ValueError,\n         TypeError) as eg:\n    print(eg)\n"
        "except* KeyError:\n    pass\n"
    ),
    "attributes": "print(e.__cause__, e.__context__, e.__suppress_context__, e.__traceback__)",
    "subclass": "class E(Exception, metaclass=type):\n    pass\nprint(repr(KeyError('k')))",
    "division": "print(a / b, a // 0, a % n, 1 / 2.0)",
    "compare": "print(t is KeyError, t in (KeyError, ValueError), t == IndexError)",
    "sys": "import sys\ntry:\n    pass\nexcept:\n    print(sys.exc_info(), sys.exception())",
    "traceback call": "import traceback\ntry:\n    pass\nexcept ValueError:\n    traceback.print_exc()",
    "errno": "import errno\nprint(errno.ENOENT, errno.errorcode)",
}


@pytest.mark.parametrize("source", REWRITTEN.values(), ids=REWRITTEN.keys())
def test_exception_rewrites_keep_lines_and_compile(source: str) -> None:
    out = transform(source)
    assert out != source
    assert out.count("\n") == source.count("\n")
    ast.parse(out)
    for old, new in zip(source.splitlines(), out.splitlines(), strict=True):
        # Nothing moves to another line: each line's rewrite starts where it did.
        assert (old.strip() == "") == (new.strip() == "")


def test_what_the_rewrites_look_like() -> None:
    out = transform(
        "try:\n    x = a / b\nexcept ZeroDivisionError as e:\n    raise ValueError() from e\n"
    )
    assert out.splitlines() == [
        "try:",
        "    x = ((a) / b if b else __wb_div0(a, b, 0))",
        "except ZeroDivisionError as e:",
        "    e = __wb_exc(e); raise __wb_raise(__wb_shadow(ValueError)(), e)",
    ]
    star = transform("try:\n    f()\nexcept* ValueError as eg:\n    g(eg)\n")
    assert star.splitlines() == [
        "with __wb_star() as __wb_x1:",
        "    f()",
        "for eg in __wb_x1.clause(ValueError, True):",
        "    g(eg)",
    ]
    assert "__wb_match((FileNotFoundError, KeyError))" in transform(
        "try:\n    pass\nexcept (FileNotFoundError, KeyError):\n    pass"
    )
    assert transform("x = e.__cause__") == "x = __wb_xattr(e, '__cause__')"
    assert transform("print(f'{e.__cause__}')").count('"__cause__"') == 1  # no quote clash


@pytest.mark.parametrize(
    "source",
    [
        "try:\n    pass\nexcept ValueError as e:\n    pass\n",  # e unused: no conversion
        "x = a / 2\ny = a % 3\nz = '%s' % a",
        "x = 2.5 / 2 + n // 4",
    ],
)
def test_what_needs_no_exception_rewrite(source: str) -> None:
    out = transform(source)
    assert "__wb_exc" not in out and "__wb_div0" not in out


def test_division_left_operand_is_never_duplicated_when_long_or_rewritten() -> None:
    long = "x = " + " + ".join(["value"] * 40) + " / n"
    assert "__wb_div0" not in transform(long).split("/ n")[0]
    nested = transform("x = a / b / c / d")
    assert nested.count("__wb_div0") == 1  # only the innermost: no exponential growth
    multi = "x = (a +\n     b) / n"
    assert transform(multi).count("\n") == 1


def test_except_star_with_finally_is_left_for_micropython_to_report(sandbox: Sandbox) -> None:
    source = "try:\n    pass\nexcept* ValueError:\n    pass\nfinally:\n    print('f')\n"
    assert transform(source) == source
    result = sandbox.run(source)
    assert result.error is not None and result.error.type == "SyntaxError"
    assert result.error.hint is not None and "except*" in result.error.hint
    assert "else or finally" in result.error.hint


def test_hint_for_attributes_on_micropython_exceptions() -> None:
    from wasmbox.result import GuestError, RunResult, RunStatus

    error = GuestError(
        "AttributeError",
        "'ValueError' object has no attribute 'detail'",
        "AttributeError (line 3): 'ValueError' object has no attribute 'detail'",
        3,
        "",
    )
    result = RunResult(status=RunStatus.ERROR, stdout="", stderr="", error=error)
    hint = explain(result, "e = ValueError()\ne.detail = 1\n").error
    assert hint is not None and hint.hint is not None
    assert "class MyError(ValueError)" in hint.hint


# -- uncaught exceptions --------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind", "message"),
    [
        ("def f(x):\n    return 10 / x\nf(0)\n", "ZeroDivisionError", "division by zero"),
        ("raise KeyError('k')\n", "KeyError", "'k'"),
        (
            "open('missing.txt')\n",
            "FileNotFoundError",
            "[Errno 2] No such file or directory: 'missing.txt'",
        ),
        ("class E(Exception):\n    pass\nraise E('custom')\n", "E", "custom"),
        ("raise ExceptionGroup('g', [ValueError(1)])\n", "ExceptionGroup", "g (1 sub-exception)"),
        (
            "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    raise e\n",
            "ZeroDivisionError",
            "division by zero",
        ),
        ("raise SystemExit('bye')\n", None, None),
    ],
)
def test_uncaught_exceptions_are_reported_as_cpython(
    sandbox: Sandbox, code: str, kind: str | None, message: str | None
) -> None:
    result = sandbox.run(code)
    if kind is None:  # SystemExit: its message on stderr, status 1, as sys.exit() does
        native = sandbox.run("import sys\nsys.exit('bye')\n")
        assert (
            (result.exit_code, result.stderr) == (native.exit_code, native.stderr) == (1, "bye\n")
        )
        return
    error = result.error
    assert error is not None and (error.type, error.message) == (kind, message)
    assert error.traceback.startswith("Traceback (most recent call last):\n")
    assert error.traceback.endswith(f"{kind}: {message}\n")
    assert "_wasmbox" not in error.traceback


def test_a_hostile_exception_does_not_break_the_runtime(sandbox: Sandbox) -> None:
    code = (
        "class Bad(Exception):\n"
        "    def __str__(self):\n"
        "        raise RuntimeError('no str')\n"
        "    @property\n"
        "    def args(self):\n"
        "        raise RuntimeError('no args')\n"
        "try:\n"
        "    raise Bad()\n"
        "except Bad as e:\n"
        "    import traceback\n"
        "    print(traceback.format_exception_only(e))\n"
        "try:\n"
        "    raise ValueError\n"
        "except ValueError as e:\n"
        "    e.args = None\n"
        "    print('survived')\n"
    )
    result = sandbox.run(code)
    assert result.status == "ok", result.stderr
    assert result.stdout == "['Bad: <exception str() failed>\\n']\nsurvived\n"
