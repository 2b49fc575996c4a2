"""Rewrite Python that MicroPython cannot run into Python it can, keeping every line number.

The rewriting is done on the source text, span by span, from positions in
CPython's AST: untouched code stays byte-for-byte, and every replacement keeps
the newlines of the text it replaces, so tracebacks still point at the user's
lines. The replacements call helpers (``__wb_*``) that the guest runtime
(``guest/lib/_wasmbox_rt.py``) installs into builtins at boot, which is part of
the snapshot: they cost nothing per run.

What is rewritten:

* slices with a step on anything (``s[::-1]``): MicroPython supports steps on
  lists only;
* calls of ``str``/``bytes``/``int``/``float`` methods MicroPython lacks
  (``ljust``, ``zfill``, ``title``, ``removeprefix``, ``bit_length``...) and
  ``list.sort`` (MicroPython's sort is not stable);
* keyword arguments MicroPython's built-ins reject (``print(flush=)``,
  ``split(sep=, maxsplit=)``, ``int(base=)``, ``round(ndigits=)``,
  ``sum(start=)``, ``zip(strict=)``);
* ``{**a, **b}``, ``[*a, *b]``, ``(*a, x)`` and ``{*a, *b}`` displays;
* dict displays, dict comprehensions and ``dict(...)`` calls, into an
  insertion-ordered dict (MicroPython's own dicts do not keep insertion order,
  so printing or iterating them differs from CPython);
* ``match`` statements, into ``if``/``elif`` chains with the same bindings;
* classes and functions: reads of ``__doc__``, ``__annotations__``, ``__mro__``,
  ``__closure__``, ``__qualname__``... and attributes set on functions
  (``f.calls += 1``) go through the runtime; docstrings, annotations and
  qualified names are recorded where the code reads them; ``super()`` follows
  the C3 MRO when the module uses multiple inheritance; ``return
  NotImplemented`` in operator methods tries the reflected one; ``bool`` is an
  ``int`` for ``isinstance``; ``pow(b, -e, m)``, ``int.to_bytes``/``from_bytes``
  keywords, positional-only ``/``, ``from __future__`` and walrus targets in
  module-level comprehensions (the runtime's ``__build_class__`` hook does the
  class-creation part: ``__init_subclass__``, comparisons, ``__slots__``);
* exceptions (``guest/lib/_wasmbox_exc.py``): ``raise`` (``__context__``,
  ``from``), handlers that use their ``as`` name (CPython's messages, repr and
  attributes for what MicroPython raised), constructors and subclasses of
  built-in exception classes, ``except`` clauses naming a class MicroPython
  lacks (``FileNotFoundError`` also catches its ``OSError(ENOENT)``),
  ``e.__cause__`` and friends, ``except*`` (into a ``with`` block and ``for``
  loops), ``sys.exc_info()``, ``a / b`` by a name (CPython's
  ``ZeroDivisionError`` message; not when the name's scope proves it nonzero,
  as ``j`` in ``for j in range(2, n)``), ``float(s)``, ``bytes.decode()`` and
  ``errno.ENOENT`` (MicroPython's compiler folds it into WASI's number);
* ``lst += [x]`` on a local that is always a list, into ``lst.append(x)``:
  MicroPython grows a list 4 slots at a time on ``+=``, quadratic in a loop.

Code that needs none of this is not even parsed: a substring check decides.
"""

from __future__ import annotations

import ast
import bisect
import re
import string
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["POLYFILLED_METHODS", "transform"]

_PARSE_LOCK = threading.Lock()

#: Methods the runtime provides when the object lacks them (or, for ``sort``,
#: replaces for lists with a stable sort).
POLYFILLED_METHODS = frozenset(
    {
        "capitalize", "casefold", "expandtabs", "format_map", "isalnum", "isascii",
        "isdecimal", "isidentifier", "isnumeric", "isprintable", "istitle", "ljust",
        "maketrans", "removeprefix", "removesuffix", "rjust", "swapcase", "title",
        "translate", "zfill", "bit_length", "bit_count", "is_integer",
        "as_integer_ratio", "sort", "center", "conjugate", "hex", "fromhex", "writelines",
    }
)  # fmt: skip
#: str methods MicroPython has for ASCII only: non-ASCII text goes to Unicode tables.
_UNICODE_METHODS = frozenset(
    {"upper", "lower", "isalpha", "isdigit", "isspace", "isupper", "islower"}
)
#: Encodings MicroPython's own encode/decode implement (it ignores the argument).
_UTF8 = frozenset({"utf-8", "utf8", "UTF-8", "UTF8", "utf_8"})
#: Methods MicroPython has but whose keyword arguments it rejects.
_KW_METHODS = frozenset({"split", "rsplit", "splitlines", "encode", "decode", "index", "find"})
#: Built-in functions whose keyword arguments become positional, in order.
_KW_BUILTINS = {"int": ("base",), "round": ("ndigits",), "sum": ("start",)}

#: Larger sources are left to MicroPython as they are: the rewrite runs on
#: the host, outside the run's budgets, so its cost must stay bounded.
MAX_SOURCE = 64 * 1024


def _word(word: str) -> str:
    """``\\bword`` as a pattern that starts with the word's first letter.

    When every alternative of a pattern starts with a known character, re skips
    ahead to those characters instead of trying each alternative at every
    position: 4x faster on HumanEval's programs.
    """
    return word[0] + r"(?<!\w.)" + word[1:]


def _words(words: str, after: str) -> str:
    return "|".join(_word(w) + after for w in words.split())


# Every alternative scans a bounded distance from where it starts: the check
# is linear in the size of the source, whatever the source holds.
# Exceptions (see _Rewriter.visit_Raise and below): substrings, cheaper than
# more alternatives in the pattern; a false positive only costs a parse.
_EXC_TRIGGER = (
    "raise", "except", "/", "Error", "Exception", "Exit", "Warning", "Interrupt",
    "Iteration", "__cause__", "__context__", "__suppress_context__", "__traceback__",
    "__bases__", "errno.",
)  # fmt: skip
# Each alternative starts with a known character (see _word). Divisions, whose
# floats print through the runtime, are left to _EXC_TRIGGER's "/".
_TRIGGER = re.compile("|".join((
    r":[^:\]\n]{0,80}:",  # maybe a slice with a step
    r"\.(?:" + "|".join(sorted(POLYFILLED_METHODS | _KW_METHODS | _UNICODE_METHODS)) + r")\s*\(",
    r"\.format\(", _word("slice") + r"\(",  # str.format fields MicroPython lacks, slice objects
    r"\d\.\d|\d[eE][-+]?\d", _word("float") + r"\(",  # floats, printed through the runtime
    r"[\[({,]\s*\*",  # unpacking in a display
    _word("match") + r"\b", _words("flush base ndigits start strict", r"\s*="),
    r"\{|%|\|=", _word("dict") + r"\b", _words("type exec eval", r"\("),  # dicts, made ordered
    r"\+=[ \t]*\[",  # lst += [x], an append
    r"\n[ \t]+\w+[ \t]*:[ \t]*\w",  # an annotated name in a class body (line 1 is not indented)
)))  # fmt: skip
# Classes and functions: special attributes, attributes set on functions,
# operator methods, multiple bases or class keywords, built-ins MicroPython
# gets wrong, positional-only parameters, walrus targets. Apart from _TRIGGER,
# and searched in "\n" + source: each alternative starts with a known
# character, which keeps the search fast.
_CLASS_TRIGGER = re.compile(
    r"__(?:doc|annotations|closure|mro|qualname|module|[gs]etitem|delitem|contains|len|iter"
    r"|init_subclass|future)__|__new__\(|\.mro\(|setattr\(|NotImplemented|issubclass\(|pow\(|_bytes\("
    r"|:=|\.register\b|isinstance\([^\n]{0,120}\bint\b|[(,][ \t]*/[ \t]*[,)]"
    r"|\n[ \t]*(?:(?!self\.)\w+\.\w+[ \t]*(?:[-+*/%&|^@]|//|\*\*|<<|>>)?=(?!=)"
    r"|class[ \t]+\w+[ \t]*\([^)\n]*,)"
    # Enum members come in the order the class body gives (see _record_order)
    r"|" + _word("enum") + r"\b"
)


def transform(source: str) -> str:
    """``source`` rewritten for MicroPython; unchanged if it needs nothing or does not parse."""
    if len(source) > MAX_SOURCE:
        return source
    if (
        not any(word in source for word in _EXC_TRIGGER)
        and not _TRIGGER.search(source)
        and not _CLASS_TRIGGER.search("\n" + source)
    ):
        return source
    try:
        # CPython 3.11's AST construction is not thread-safe (gh-106905:
        # "SystemError: AST constructor recursion depth mismatch"): one at a time.
        with _PARSE_LOCK:
            tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError, SystemError):
        return source  # MicroPython reports the error itself, on the right line
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    rewriter = _Rewriter(source, offsets, scan=_scan(tree, source))
    try:
        rewriter.visit(tree)
    except (_Unsupported, RecursionError):
        return source
    return rewriter.apply()


#: Nodes without children the rewriter looks at.
_LEAVES = (ast.Constant, ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)
#: The rewriter's method for each node type (see _Rewriter.visit).
_VISITORS: dict[type[ast.AST], Callable[[_Rewriter, Any], None]] = {}


def _visitor(kind: type[ast.AST]) -> Callable[[_Rewriter, Any], None]:
    if issubclass(kind, _LEAVES):
        return _leaf
    method: Callable[[_Rewriter, Any], None] = getattr(
        _Rewriter, "visit_" + kind.__name__, _Rewriter.generic_visit
    )
    return method


def _leaf(rewriter: _Rewriter, node: ast.AST) -> None:
    pass


class _Unsupported(Exception):
    """A construct this transformer does not handle: leave the source alone."""


@dataclass
class _Edit:
    start: int
    end: int
    text: str


@dataclass
class _Rewriter(ast.NodeVisitor):
    source: str
    offsets: list[int]
    edits: list[_Edit] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    counter: int = 0
    scan: _Scan = field(default_factory=lambda: _Scan())
    #: The names the module binds anywhere (computed when first needed).
    bound: set[str] | None = None
    #: What the module's scopes prove unneeded (computed when first needed).
    proofs: _Proofs | None = None
    claimed: set[int] = field(default_factory=set)  # blank lines given a statement
    inserts: list[tuple[int, str]] = field(default_factory=list)  # (where, text) to add

    # -- traversal -------------------------------------------------------------
    # ast.NodeVisitor's, without its costs per node (a method looked up by name,
    # generators, the visit_Constant shim): the rewrite of a HumanEval program
    # takes 0.25 ms instead of 0.34.

    def visit(self, node: ast.AST) -> None:
        method = _VISITORS.get(type(node))
        if method is None:
            method = _VISITORS[type(node)] = _visitor(type(node))
        method(self, node)

    def generic_visit(self, node: ast.AST) -> None:
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                self.visit(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        self.visit(item)

    # -- positions -------------------------------------------------------------

    def pos(self, lineno: int, col: int) -> int:
        # ast columns count UTF-8 bytes; convert to a character offset.
        line_start = self.offsets[lineno - 1]
        line = self.source[line_start : self.offsets[lineno]]
        return line_start + len(line.encode("utf-8")[:col].decode("utf-8", "ignore"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        start = self.pos(node.lineno, node.col_offset)  # type: ignore[attr-defined]
        end = self.pos(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]
        return start, end

    def text(self, node: ast.AST) -> str:
        """The node's source, with the edits inside it applied (and taken out of the list).

        Edits are kept sorted by position and never overlap, so the ones
        inside a node are one contiguous run, found by bisection.
        """
        start, end = self.span(node)
        lo = bisect.bisect_left(self.starts, start)
        hi = lo
        while hi < len(self.edits) and self.edits[hi].end <= end:
            hi += 1
        inner = self.edits[lo:hi]
        del self.edits[lo:hi]
        del self.starts[lo:hi]
        parts = []
        pos = start
        for edit in inner:
            parts.append(self.source[pos : edit.start])
            parts.append(edit.text)
            pos = edit.end
        parts.append(self.source[pos:end])
        return "".join(parts)

    def add(self, edit: _Edit) -> None:
        index = bisect.bisect_left(self.starts, edit.start)
        self.starts.insert(index, edit.start)
        self.edits.insert(index, edit)

    def replace(self, node: ast.AST, text: str) -> None:
        start, end = self.span(node)
        # Keep the line count: newlines dropped with the old text go inside the
        # new expression's parentheses, where Python allows them.
        missing = self.source[start:end].count("\n") - text.count("\n")
        if missing > 0:
            if not text.endswith(")"):
                raise _Unsupported
            text = text[:-1] + "\n" * missing + ")"
        self.add(_Edit(start, end, text))

    def apply(self) -> str:
        for at, text in self.inserts:
            # Before any edit starting there; never inside a rewritten span.
            index = bisect.bisect_left(self.starts, at)
            if index == 0 or self.edits[index - 1].end <= at:
                self.starts.insert(index, at)
                self.edits.insert(index, _Edit(at, at, text))
        parts = []
        pos = 0
        for edit in self.edits:
            parts.append(self.source[pos : edit.start])
            parts.append(edit.text)
            pos = edit.end
        parts.append(self.source[pos:])
        return "".join(parts)

    def args_text(self, call: ast.Call, drop: tuple[str, ...] = ()) -> list[str]:
        parts = [self.text(a) for a in call.args]
        for kw in call.keywords:
            if kw.arg in drop:
                continue
            value = self.text(kw.value)
            parts.append(f"**{value}" if kw.arg is None else f"{kw.arg}={value}")
        return parts

    # -- expressions -----------------------------------------------------------

    def visit_Subscript(self, node: ast.Subscript) -> None:
        sl = node.slice
        if (
            isinstance(node.ctx, ast.Load)
            and isinstance(sl, ast.Call)
            and isinstance(sl.func, ast.Name)
            and sl.func.id == "slice"
            and self._builtin("slice")
            and not sl.keywords
            and 1 <= len(sl.args) <= 3
            and not any(isinstance(a, ast.Starred) for a in sl.args)
        ):
            # s[slice(a, b, c)]: as s[a:b:c] (MicroPython cannot call slice()).
            self.visit(node.value)
            for arg in sl.args:
                self.visit(arg)
            bounds = [self.text(a) for a in sl.args]
            if len(bounds) == 1:
                bounds.insert(0, "None")
            bounds += ["None"] * (3 - len(bounds))
            self.replace(node, f"__wb_slice({self.text(node.value)}, {', '.join(bounds)})")
            return
        self.generic_visit(node)
        if isinstance(node.ctx, ast.Load) and isinstance(sl, _UNHASHABLE_DISPLAYS):
            # d[[1]]: CPython's TypeError (MicroPython: KeyError for an empty dict).
            self.replace(node, f"__wb_item({self.text(node.value)}, {self.text(sl)})")
        if isinstance(node.ctx, ast.Load) and isinstance(sl, ast.Slice) and sl.step is not None:
            bounds = [
                self.text(p) if p is not None else "None" for p in (sl.lower, sl.upper, sl.step)
            ]
            self.replace(node, f"__wb_slice({self.text(node.value)}, {', '.join(bounds)})")

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        if self._call_fix(node) or self._exc_call(node):
            return
        func = node.func
        kw_names = {kw.arg for kw in node.keywords}
        if isinstance(func, ast.Attribute) and (
            func.attr in POLYFILLED_METHODS or (func.attr in _KW_METHODS and kw_names - {None})
        ):
            name = self._lit(node, func.attr)
            args = ", ".join([self.text(func.value), name, *self.args_text(node)])
            self.replace(node, f"__wb_call({args})")
        elif isinstance(func, ast.Attribute) and func.attr in ("encode", "decode") and node.args:
            # An encoding other than UTF-8, or an errors handler: MicroPython ignores both.
            first = node.args[0]
            if len(node.args) > 1 or not (isinstance(first, ast.Constant) and first.value in _UTF8):
                name = self._lit(node, func.attr)
                args = ", ".join([self.text(func.value), name, *self.args_text(node)])
                self.replace(node, f"__wb_call({args})")
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in _UNICODE_METHODS
            and not node.args
            and not node.keywords
        ):
            self.replace(node, f"__wb_u({self.text(func.value)}, {self._lit(node, func.attr)})")
        elif isinstance(func, ast.Attribute) and func.attr == "format":
            self._str_format(node, func)
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "fromkeys"
            and isinstance(func.value, ast.Name)
            and func.value.id == "dict"
        ):
            self.replace(node, f"__wb_fromkeys({', '.join(self.args_text(node))})")
        elif isinstance(func, ast.Name) and func.id == "slice" and self._builtin("slice"):
            self.replace(node, f"__wb_mkslice({', '.join(self.args_text(node))})")
        elif isinstance(func, ast.Name):
            if func.id == "print" and (
                "flush" in kw_names or not all(_is_text(a) for a in node.args)
            ):
                # __wb_print: what MicroPython prints differently (float reprs a
                # digit long, escaped non-ASCII in reprs) comes out as in CPython.
                plain = all(_is_text(a) for a in node.args) or not self._builtin("print")
                args = ", ".join(self.args_text(node, drop=("flush",)))
                self.replace(node, f"{'print' if plain else '__wb_print'}({args})")
            elif (
                func.id == "str"
                and len(node.args) == 1
                and not node.keywords
                and not isinstance(node.args[0], ast.Starred)
                and not _is_text(node.args[0])
                and self._builtin("str")
            ):
                self.replace(node, f"__wb_str({self.text(node.args[0])})")
            elif func.id in _KW_BUILTINS and kw_names & set(_KW_BUILTINS[func.id]):
                positional = [self.text(a) for a in node.args]
                by_name = {kw.arg: self.text(kw.value) for kw in node.keywords}
                for name in _KW_BUILTINS[func.id]:
                    if name in by_name:
                        positional.append(by_name.pop(name))
                if by_name:
                    raise _Unsupported
                self.replace(node, f"{func.id}({', '.join(positional)})")
            elif func.id == "zip" and "strict" in kw_names:
                self.replace(node, f"zip({', '.join(self.args_text(node, drop=('strict',)))})")
            elif func.id == "dict":
                self.replace(node, f"__wb_od({', '.join(self.args_text(node))})")
            elif func.id in ("type", "exec", "eval") and node.args:
                # The ordered dicts must look like, and stand in for, real ones.
                self.replace(node, f"__wb_{func.id}({', '.join(self.args_text(node))})")

    def _builtin(self, name: str) -> bool:
        """Whether the module never binds ``name`` (so it is the built-in)."""
        if self.bound is None:
            self.bound = _bound_names(self.scan.tree)
        return name not in self.bound

    def _proven(self) -> _Proofs:
        if self.proofs is None:
            tree = self.scan.tree
            self.proofs = _prove(tree, self.source) if tree is not None else _Proofs()
        return self.proofs

    # -- formatting ------------------------------------------------------------
    # MicroPython compiles f-strings to str.format, whose float digits, string
    # padding, ',' on floats, 'c', '!r' of non-ASCII text and '{0.attr}' fields
    # differ from CPython's. Fields with a format spec or a conversion go
    # through __wb_fmt (the native path when that is right); the others, and
    # the literal text, stay a native str.format call.

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        # Every field goes through a helper, but for strings and ints known as
        # such; rewriting also avoids MicroPython's mis-compiling of f-strings
        # nested in a field's expression.
        fields = [v for v in node.values if isinstance(v, ast.FormattedValue)]
        for f in fields:
            self.visit(f.value)
            for sub in _spec_values(f):
                if isinstance(sub, ast.FormattedValue):
                    self.visit(sub.value)
        # MicroPython also mis-compiles an f-string nested in another's expression.
        plain = all(_is_text(f.value) and not _formatted(f) for f in fields)
        if plain or not self._located(node):
            return
        template, kinds, args = self._fields(node.values)
        if any(kinds):
            # One native str.format when every field is right (checked by __wb_f).
            args = [repr(template), repr(tuple(kinds)), *args]
            self.replace(node, f"__wb_f({', '.join(args)})")
        elif template == "{}" and args[0].startswith("__wb_fmt("):
            self.replace(node, args[0])  # a str already
        else:
            self.replace(node, f"{template!r}.format({', '.join(args)})")

    def _located(self, node: ast.JoinedStr) -> bool:
        """Whether the positions of the f-string's expressions can be trusted."""
        for f in node.values:
            if not isinstance(f, ast.FormattedValue):
                continue
            exprs = [f.value]
            exprs += [s.value for s in _spec_values(f) if isinstance(s, ast.FormattedValue)]
            for expr in exprs:
                start, end = self.span(expr)
                try:
                    parsed = ast.parse(f"({self.source[start:end]})", mode="eval").body
                except SyntaxError:
                    return False
                if ast.dump(parsed) != ast.dump(expr):
                    return False
        return True

    def _fields(
        self, values: list[ast.expr]
    ) -> tuple[str, list[tuple[str, str | None] | None], list[str]]:
        """A native format template for an f-string, the (spec, conversion) of each
        field MicroPython might format differently (None for the others), the arguments."""
        parts = []
        kinds: list[tuple[str, str | None] | None] = []
        args = []
        for v in values:
            if isinstance(v, ast.Constant):
                parts.append(str(v.value).replace("{", "{{").replace("}", "}}"))
                continue
            if not isinstance(v, ast.FormattedValue):
                raise _Unsupported
            expr = f"({self.text(v.value)})"
            conv = None if v.conversion == -1 else chr(v.conversion)
            spec_values = _spec_values(v)
            static = all(isinstance(c, ast.Constant) for c in spec_values)
            spec = "".join(str(c.value) for c in spec_values if isinstance(c, ast.Constant))
            if not _formatted(v):
                # No spec: native str(), but for what MicroPython prints differently.
                parts.append("{}")
                kinds.append(None)
                args.append(expr if _is_text(v.value) else f"__wb_s{expr}")
            elif static and not ("{" in spec or "}" in spec):
                field = (f"!{conv}" if conv else "") + (f":{spec}" if spec else "")
                parts.append("{" + field + "}")
                kinds.append((spec, conv))
                args.append(expr)
            else:  # a spec with fields of its own: formatted at run time
                spec_template, _, spec_args = self._fields(spec_values)
                spec_text = repr(spec_template)
                if spec_args:
                    spec_text += f".format({', '.join(spec_args)})"
                parts.append("{}")
                kinds.append(None)
                args.append(f"__wb_fmt({expr}, {spec_text}" + (f", {conv!r})" if conv else ")"))
        return "".join(parts), kinds, args

    def _str_format(self, node: ast.Call, func: ast.Attribute) -> None:
        """``template.format(...)``: rewritten unless MicroPython gets it right."""
        recv = func.value
        if not (isinstance(recv, ast.Constant) and isinstance(recv.value, str)):
            args = ", ".join([self.text(recv), *self.args_text(node)])
            self.replace(node, f"__wb_sformat({args})")
            return
        kinds = _auto_kinds(recv.value, node)
        if kinds is not None and any(kinds):
            # '{:>8.2f}|{:<6}'.format(a, b): one native call when every field is right.
            parts = [
                self.text(a) if k is not None or _is_text(a) else f"__wb_s({self.text(a)})"
                for a, k in zip(node.args, kinds, strict=True)
            ]
            call = ", ".join([repr(recv.value), repr(tuple(kinds)), *parts])
            self.replace(node, f"__wb_f({call})")
            return
        plan = _format_plan(recv.value, node)
        if plan is True:
            # Plain fields: MicroPython's str(), but for what it prints differently.
            if all(_is_text(a) for a in node.args) and all(
                kw.arg is None or _is_text(kw.value) for kw in node.keywords
            ):
                return
            parts = [self.text(a) if _is_text(a) or isinstance(a, ast.Starred)
                     else f"__wb_s({self.text(a)})" for a in node.args]  # fmt: skip
            for kw in node.keywords:
                value = self.text(kw.value)
                if kw.arg is None:
                    parts.append(f"**{value}")
                else:
                    parts.append(f"{kw.arg}={value if _is_text(kw.value) else f'__wb_s({value})'}")
            self.replace(node, f"{recv.value!r}.format({', '.join(parts)})")
            return
        if plan is False:
            args = ", ".join([self.text(recv), *self.args_text(node)])
            self.replace(node, f"__wb_vformat({args})")
            return
        template, wrap = plan
        parts = [_wrap(self.text(a), wrap.get(i)) for i, a in enumerate(node.args)]
        for kw in node.keywords:
            name = kw.arg or ""
            parts.append(f"{name}={_wrap(self.text(kw.value), wrap.get(name))}")
        self.replace(node, f"{template!r}.format({', '.join(parts)})")

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.generic_visit(node)
        self._class_meta(node)
        for base in node.bases:
            if isinstance(base, ast.Name) and base.id in _EXC_NAMES:
                # class AppError(Exception): CPython's repr, str and attributes.
                self.replace(base, f"__wb_shadow({base.id})")
        # MicroPython compiles `x: int` in a class body to nothing, and keeps no
        # annotations at all: dataclasses and NamedTuple need them, in order.
        # A body that manages __annotations__ itself keeps its own dict.
        first = not any(
            isinstance(t, ast.Name) and t.id == "__annotations__"
            for stmt in node.body
            if isinstance(stmt, ast.Assign)
            for t in stmt.targets
        )
        for stmt in node.body:
            if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)):
                continue
            name = stmt.target.id
            annotation = self.text(stmt.annotation)
            if "\n" in annotation:
                raise _Unsupported
            record = f"__annotations__[{name!r}] = {annotation!r}"
            if first:
                record = f"__annotations__ = __wb_od(); {record}"
                first = False
            if stmt.value is not None:
                record += f"; {name} = {self.text(stmt.value)}"
            start, end = self.span(stmt)
            self.add(_Edit(start, end, record))
        self._record_order(node)

    def _record_order(self, node: ast.ClassDef) -> None:
        """Give the class the order its body stores names in, as ``__wb_order__``.

        MicroPython's class namespaces keep no order, and Enum members, and
        anything else read from a class body in order, need it. The record goes
        in front of the body's first simple statement (on its line: line numbers
        stay), before anything could read it.
        """
        names = _stored_names(node.body)
        # Only where something reads it (a base such as Enum, a decorator such as
        # dataclass, fields written into __annotations__): it shows in vars(cls).
        wanted = node.bases or node.keywords or node.decorator_list or "__annotations__" in names
        if len(names) < 2 or not wanted:
            return
        docstring = ast.get_docstring(node, clean=False) is not None
        for index, stmt in enumerate(node.body):
            if index == 0 and docstring:
                continue
            if isinstance(stmt, _SIMPLE_STATEMENTS):
                start, _ = self.span(stmt)
                self.add(_Edit(start, start, f"__wb_order__ = {tuple(names)!r}; "))
                return

    def visit_Assign(self, node: ast.Assign) -> None:
        self.generic_visit(node)
        target = node.targets[0]
        if len(node.targets) == 1 and _stepped(target):
            # lst[::2] = values: MicroPython assigns to slices with no step only.
            assert isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Slice)
            args = self._slice_args(target, target.slice)
            self.replace(node, f"__wb_setslice({args}, {self.text(node.value)})")
        elif self.scan.fattrs:
            self._store_attr(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        self.generic_visit(node)
        target = node.targets[0]
        if len(node.targets) == 1 and _stepped(target):
            assert isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Slice)
            self.replace(node, f"__wb_delslice({self._slice_args(target, target.slice)})")

    def _slice_args(self, target: ast.Subscript, sl: ast.Slice) -> str:
        bounds = [self.text(p) if p is not None else "None" for p in (sl.lower, sl.upper, sl.step)]
        return ", ".join([self.text(target.value), *bounds])

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.generic_visit(node)
        if self._aug_attr(node):
            return
        if isinstance(node.op, ast.BitOr) and isinstance(node.target, ast.Name):
            # MicroPython does not send d |= x to an ordered dict's __ior__.
            name = node.target.id
            self.replace(node, f"{name} = __wb_ior({name}, {self.text(node.value)})")
        elif _appends_one(node) and id(node) in self._proven().appends:
            # lst += [x] on a list: MicroPython's extend grows a list by 4 slots at
            # a time (quadratic in a loop), append by half its size.
            items = self.text(node.value)
            if items.startswith("[") and items.endswith("]"):
                self.replace(node, f"{self.text(node.target)}.append({items[1:-1]})")
            else:
                self.replace(node.value, items)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        self.generic_visit(node)
        left = node.left
        is_text = isinstance(left, ast.JoinedStr) or (
            isinstance(left, ast.Constant) and isinstance(left.value, str)
        )
        if isinstance(node.op, ast.Mod) and is_text:
            # '%(name)s' % mapping: MicroPython wants a real dict there.
            self.replace(node, f"__wb_mod({self.text(node.left)}, {self.text(node.right)})")
        else:
            self._division(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        self.generic_visit(node)
        if any(k is None for k in node.keys):
            parts = []
            for key, value in zip(node.keys, node.values, strict=True):
                v = self.text(value)
                parts.append(v if key is None else f"(({self.text(key)}, {v}),)")
            self.replace(node, f"__wb_dict({', '.join(parts)})")
        else:
            # Pairs in a tuple: keys and values are evaluated in source order.
            pairs = [
                f"({self.text(k)}, {self.text(v)})"  # type: ignore[arg-type]
                for k, v in zip(node.keys, node.values, strict=True)
            ]
            inner = ", ".join(pairs) + ("," if len(pairs) == 1 else "")
            self.replace(node, f"__wb_od(({inner}))" if pairs else "__wb_od()")

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self.generic_visit(node)
        generators = " ".join(self._comprehension(g) for g in node.generators)
        pair = f"({self.text(node.key)}, {self.text(node.value)})"
        self.replace(node, f"__wb_od({pair} {generators})")

    def _comprehension(self, g: ast.comprehension) -> str:
        head = "async for" if g.is_async else "for"
        text = f"{head} {self.text(g.target)} in {self.text(g.iter)}"
        return text + "".join(f" if {self.text(cond)}" for cond in g.ifs)

    def _starred_display(self, node: ast.List | ast.Tuple | ast.Set, kind: str) -> None:
        self.generic_visit(node)
        if isinstance(getattr(node, "ctx", ast.Load()), ast.Load) and any(
            isinstance(e, ast.Starred) for e in node.elts
        ):
            parts = [
                self.text(e.value) if isinstance(e, ast.Starred) else f"({self.text(e)},)"
                for e in node.elts
            ]
            self.replace(node, f"__wb_concat({kind!r}, {', '.join(parts)})")

    def visit_List(self, node: ast.List) -> None:
        self._starred_display(node, "list")

    def visit_Tuple(self, node: ast.Tuple) -> None:
        self._starred_display(node, "tuple")

    def visit_Set(self, node: ast.Set) -> None:
        self._starred_display(node, "set")

    # -- match statements --------------------------------------------------------

    def visit_Match(self, node: ast.Match) -> None:
        self.generic_visit(node)
        self.counter += 1
        subject = f"__wb_s{self.counter}"
        # "match subject:" -> "if ((s := subject),):" : a block header binding the subject.
        header_end = self.pos(node.subject.end_lineno, node.subject.end_col_offset)  # type: ignore[arg-type]
        colon = self.source.index(":", header_end)
        start = self.pos(node.lineno, node.col_offset)
        subject_text = self.text(node.subject)
        old = self.source[start : colon + 1]
        pad = "\n" * (old.count("\n") - subject_text.count("\n"))
        self.add(_Edit(start, colon + 1, f"if (({subject} := ({subject_text}{pad})),):"))
        for i, case in enumerate(node.cases):
            keyword = "if" if i == 0 else "elif"
            condition = self.pattern(case.pattern, subject)
            if case.guard is not None:
                condition = f"({condition}) and ({self.text(case.guard)})"
            case_start = self.pos(case.pattern.lineno, case.pattern.col_offset)
            case_start = self.source.rindex("case", 0, case_start)
            body_start = self.pos(case.body[0].lineno, case.body[0].col_offset)
            colon = self.source.rindex(":", case_start, body_start)
            old = self.source[case_start : colon + 1]
            pad = "\n" * (old.count("\n") - condition.count("\n"))
            self.add(_Edit(case_start, colon + 1, f"{keyword} ({condition}{pad}):"))

    def pattern(self, p: ast.pattern, s: str) -> str:
        if isinstance(p, ast.MatchValue):
            return f"{s} == ({self.text(p.value)})"
        if isinstance(p, ast.MatchSingleton):
            return f"{s} is {p.value!r}"
        if isinstance(p, ast.MatchAs):
            if p.pattern is None:
                return "True" if p.name is None else f"(({p.name} := {s}),)"
            inner = self.pattern(p.pattern, s)
            return inner if p.name is None else f"({inner}) and (({p.name} := {s}),)"
        if isinstance(p, ast.MatchOr):
            return " or ".join(f"({self.pattern(q, s)})" for q in p.patterns)
        if isinstance(p, ast.MatchSequence):
            return self.sequence(p, s)
        if isinstance(p, ast.MatchMapping):
            conds = [f"isinstance({s}, dict)"]
            for key, value in zip(p.keys, p.patterns, strict=True):
                k = self.text(key)
                conds.append(f"({k}) in {s}")
                conds.append(f"({self.pattern(value, f'{s}[{k}]')})")
            if p.rest is not None:
                keys = ", ".join(self.text(k) for k in p.keys)
                conds.append(
                    f"(({p.rest} := {{k: v for k, v in {s}.items() if k not in ({keys},)}}),)"
                )
            return " and ".join(conds)
        if isinstance(p, ast.MatchClass):
            cls = self.text(p.cls)
            conds = [f"isinstance({s}, {cls})"]
            for i, sub in enumerate(p.patterns):
                conds.append(f"({self.pattern(sub, f'__wb_match_arg({s}, {cls}, {i})')})")
            for name, sub in zip(p.kwd_attrs, p.kwd_patterns, strict=True):
                conds.append(f"hasattr({s}, {name!r})")
                conds.append(f"({self.pattern(sub, f'{s}.{name}')})")
            return " and ".join(conds)
        if isinstance(p, ast.MatchStar):  # handled by sequence()
            raise _Unsupported
        raise _Unsupported

    def sequence(self, p: ast.MatchSequence, s: str) -> str:
        stars = [i for i, q in enumerate(p.patterns) if isinstance(q, ast.MatchStar)]
        n = len(p.patterns)
        conds = [f"__wb_is_seq({s})"]
        if not stars:
            conds.append(f"len({s}) == {n}")
            conds += [f"({self.pattern(q, f'{s}[{i}]')})" for i, q in enumerate(p.patterns)]
            return " and ".join(conds)
        star = stars[0]
        after = n - star - 1
        conds.append(f"len({s}) >= {n - 1}")
        for i, q in enumerate(p.patterns):
            if i < star:
                conds.append(f"({self.pattern(q, f'{s}[{i}]')})")
            elif i > star:
                conds.append(f"({self.pattern(q, f'{s}[len({s}) - {n - i}]')})")
        name = p.patterns[star].name  # type: ignore[attr-defined]
        if name is not None:
            conds.append(f"(({name} := list({s}[{star}:len({s}) - {after}])),)")
        return " and ".join(conds)

    # -- exceptions --------------------------------------------------------------
    # MicroPython's exceptions lack CPython's repr, attributes (__cause__,
    # __context__, SystemExit.code...), some classes and messages. Raise
    # statements, handlers that bind a name, constructors and subclasses of
    # built-in exception classes, except clauses naming classes MicroPython
    # lacks, and except* go through the runtime (guest/lib/_wasmbox_exc.py).

    def visit_Raise(self, node: ast.Raise) -> None:
        self.generic_visit(node)
        if node.exc is not None:
            # __context__ and __cause__ (MicroPython warns on `from` and drops it).
            args = [self.text(node.exc)]
            if node.cause is not None:
                args.append(self.text(node.cause))
            self.replace(node, f"raise __wb_raise({', '.join(args)})")

    def visit_Try(self, node: ast.Try) -> None:
        self.generic_visit(node)
        for h in node.handlers:
            if h.type is not None and any(
                isinstance(n, ast.Name) and n.id in _VIRTUAL_EXC for n in ast.walk(h.type)
            ):
                # `except FileNotFoundError` also catches MicroPython's OSError(ENOENT).
                self.replace(h.type, f"__wb_match({self.text(h.type)})")
            names = {
                n.id if isinstance(n, ast.Name) else n.attr
                for s in h.body
                for n in ast.walk(s)
                if isinstance(n, (ast.Name, ast.Attribute))
            }
            if h.name is not None and h.name in names:
                # The bound exception as CPython's: repr, messages, attributes.
                name = h.name
                self._prefix(h.body, f"{name} = __wb_exc({name})", f"({name} := __wb_exc({name}))")
            elif names & _HANDLING_CALLS:
                # traceback.print_exc() after a with or finally block: MicroPython
                # has forgotten the exception by then (sys.exc_info() is empty).
                self._prefix(h.body, "__wb_handling()", "__wb_handling()")

    def _prefix(self, body: list[ast.stmt], stmt_code: str, expr_code: str) -> None:
        """Run some code first in body, on the first statement's line."""
        stmt = body[0]
        if isinstance(stmt, _SIMPLE_STMTS):
            self.replace(stmt, f"{stmt_code}; {self.text(stmt)}")
        elif isinstance(stmt, (ast.If, ast.While)):
            self.replace(stmt.test, f"[{expr_code}] and ({self.text(stmt.test)})")
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            self.replace(stmt.iter, f"[{expr_code}] and ({self.text(stmt.iter)})")
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            expr = stmt.items[0].context_expr
            self.replace(expr, f"[{expr_code}] and ({self.text(expr)})")
        elif isinstance(stmt, ast.Try):
            self._prefix(stmt.body, stmt_code, expr_code)
        # Anything else (a def, a match...) keeps MicroPython's exception.

    def visit_TryStar(self, node: ast.TryStar) -> None:
        # try: ... except* T as eg: ...  ->  with __wb_star() as s: ...
        # for eg in s.clause(T, last): ...  (the with block keeps the exception,
        # each clause takes its part of the group, the last raises the rest;
        # except* bodies cannot break, continue or return, so a loop is safe).
        self.generic_visit(node)
        if node.orelse or node.finalbody:
            raise _Unsupported
        self.counter += 1
        state = f"__wb_x{self.counter}"
        start = self.pos(node.lineno, node.col_offset)
        colon = self.source.index(":", start + 3)
        self.add(_Edit(start, colon + 1, f"with __wb_star() as {state}:"))
        for i, h in enumerate(node.handlers):
            assert h.type is not None
            begin = self.pos(h.lineno, h.col_offset)
            colon = self.source.index(":", self.span(h.type)[1])
            old = self.source[begin : colon + 1]
            last = i == len(node.handlers) - 1
            text = f"for {h.name or state + '_'} in {state}.clause({self.text(h.type)}, {last}):"
            if text.count("\n") != old.count("\n"):
                raise _Unsupported
            self.add(_Edit(begin, colon + 1, text))

    def visit_Compare(self, node: ast.Compare) -> None:
        self.generic_visit(node)
        # exc_type is KeyError (in __exit__), e.__class__ == ValueError: the
        # class of what was raised may be a shadow (see __wb_shadow).
        if len(node.ops) != 1 or not isinstance(node.ops[0], _IDENTITY_OPS):
            return
        left, right = node.left, node.comparators[0]
        if _names_exc(right) and not _names_exc(left):
            self.replace(left, f"__wb_native({self.text(left)})")
        elif _names_exc(left) and not _names_exc(right):
            self.replace(right, f"__wb_native({self.text(right)})")

    def _exc_call(self, node: ast.Call) -> bool:
        """Calls of built-in exception classes, bytes.decode, float(); True when done."""
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("OSError", "IOError", "EnvironmentError"):
            # OSError(2, 'msg') is a FileNotFoundError in CPython.
            self.replace(func, "__wb_new_oserror")
            return True
        if isinstance(func, ast.Name) and func.id in _EXC_NAMES:
            # ValueError('x'): CPython's str and attributes (see __wb_shadow).
            self.replace(func, f"__wb_shadow({func.id})")
            return True
        args = node.args
        if (
            isinstance(func, ast.Attribute)
            and func.attr in ("exc_info", "exception")
            and isinstance(func.value, ast.Name)
            and func.value.id == "sys"
            and not args
            and not node.keywords
        ):
            # CPython's exception, even after a with or finally block in the handler.
            self.replace(node, "__wb_exc_info()" + ("[1]" if func.attr == "exception" else ""))
            return True
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "decode"
            and not node.keywords
            and len(args) <= 1
            and all(isinstance(a, ast.Constant) and a.value in _UTF8 for a in args)
        ):
            # UTF-8 natively, but a failure tells where (UnicodeDecodeError.start...).
            parts = [self.text(func.value), *self.args_text(node)]
            self.replace(node, f"__wb_decode({', '.join(parts)})")
            return True
        if (
            isinstance(func, ast.Name)
            and func.id == "float"
            and len(args) == 1
            and not node.keywords
            and not isinstance(args[0], ast.Starred)
            and not (isinstance(args[0], ast.Constant) and _reads_as_float(args[0].value))
        ):
            # CPython's message: could not convert string to float: '1,5'.
            self.replace(node, f"__wb_float({self.text(args[0])})")
            return True
        return False

    def _division(self, node: ast.BinOp) -> None:
        """a / b, a // b, a % b by a name or a zero: CPython's ZeroDivisionError message.

        The native operation runs when b is true; when b is false the runtime
        does it, and words a division by zero as CPython ("integer modulo by
        zero"). a is evaluated once either way; it appears twice in the text,
        so only when short, on one line, and without a rewrite inside.
        """
        op = _DIVISIONS.get(type(node.op))
        right = node.right
        if op is None or not (
            isinstance(right, ast.Name)
            or (isinstance(right, ast.Constant) and right.value == 0 and right.value is not False)
        ):
            return
        if (
            isinstance(right, ast.Name)
            and re.search(rf"\bfor[ \t]+{right.id}[ \t]+in[ \t]+range\([ \t]*[1-9]", self.source)
            and id(right) in self._proven().positive
        ):
            return  # for j in range(1, n): j is never zero (the search saves most proofs)
        start, end = self.span(node.left)
        lo = bisect.bisect_left(self.starts, start)
        if lo < len(self.edits) and self.edits[lo].start < end:
            return
        a, b = self.source[start:end], self.text(right)
        if len(a) > 200 or "\n" in a:
            return
        if isinstance(node.left, (ast.NamedExpr, ast.Yield, ast.YieldFrom, ast.Await)):
            return
        code = _DIVISION_CODES[op]  # a number: no quotes to clash with an f-string's
        self.replace(node, f"(({a}) {op} {b} if {b} else __wb_div0({a}, {b}, {code}))")

    # -- classes and functions -------------------------------------------------
    # MicroPython functions carry no attributes and keep no docstrings or
    # annotations; classes have no __mro__, super() searches the bases depth
    # first, and class creation skips __init_subclass__ (the runtime's
    # __build_class__ hook does that part, and comparisons, __missing__ and
    # __slots__). What only the source knows is recorded here.

    def _lit(self, node: ast.AST, value: str) -> str:
        """A string literal for value, quoted unlike any f-string around node."""
        text = repr(value)
        line = getattr(node, "lineno", 0)
        for start, end, quote in self.scan.fstrings(self.source):
            if start > line:
                break
            if end >= line and text[0] == quote and value.isidentifier():
                other = '"' if quote == "'" else "'"
                text = other + value + other
        return text

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self.generic_visit(node)
        value = node.value
        if not isinstance(node.ctx, ast.Load):
            return
        is_super = (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id == "super"
        )
        if is_super and id(value) in self.scan.supers and node.attr not in _RESERVED:
            first = self.scan.supers[id(value)]
            name = self._lit(node, node.attr)
            self.replace(node, f"__wb_cls('sup', __class__, {first}, {name})")
        elif (node.attr in _SPECIAL_ATTRS or node.attr in self.scan.fattrs) and not is_super:
            name = self._lit(node, node.attr)
            self.replace(node, f"__wb_getattr({self.text(value)}, {name})")
        elif node.attr in _EXC_ATTRS:
            # e.__cause__, e.__context__...: MicroPython's exceptions have none.
            self.replace(node, f"__wb_xattr({self.text(value)}, {self._lit(node, node.attr)})")
        elif isinstance(value, ast.Name) and value.id == "errno" and node.attr.isupper():
            # MicroPython's compiler folds errno.ENOENT into its WASI number (44);
            # the errno overlay has CPython's (2), as OSError.errno here.
            self.replace(node, f"getattr(errno, {self._lit(node, node.attr)})")

    def visit_Return(self, node: ast.Return) -> None:
        self.generic_visit(node)
        ni = self.scan.not_implemented.get(id(node))
        if ni is not None and node.value is not None:
            me, other, name = ni
            self.replace(node.value, f"__wb_cls('ni', {me}, {other}, {name!r})")

    def visit_Module(self, node: ast.Module) -> None:
        self.generic_visit(node)
        if self.scan.need_doc and ast.get_docstring(node, clean=False) is not None:
            doc = node.body[0]  # MicroPython drops it: the module's __doc__ is a global
            self.replace(doc, f"__doc__ = {self.text(doc)}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module == "__future__":
            # MicroPython has no __future__ module; what it imports is a no-op here.
            start, end = self.span(node)
            self.add(_Edit(start, end, "pass" + "\n" * self.source.count("\n", start, end)))

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.generic_visit(node)
        if id(node) in self.scan.walrus:
            # (x := v) in a module-level comprehension: MicroPython's compiler
            # refuses a name both read there and bound in the module by it.
            name = node.target.id
            self.replace(node, f"__wb_cls('walrus', globals(), {name!r}, {self.text(node.value)})")

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.generic_visit(node)
        self._positional_only(node.args)
        self._record_meta(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.generic_visit(node)
        self._positional_only(node.args)

    def _positional_only(self, args: ast.arguments) -> None:
        """Drop the `/` of positional-only parameters (MicroPython has none)."""
        if not args.posonlyargs:
            return
        last: ast.AST = args.posonlyargs[-1]
        n_plain = len(args.posonlyargs) + len(args.args)
        defaults_start = n_plain - len(args.defaults)
        if len(args.posonlyargs) - 1 >= defaults_start:
            last = args.defaults[len(args.posonlyargs) - 1 - defaults_start]
        _, end = self.span(last)
        slash = self._next_token(end, "/")
        if slash is None:
            return  # not where expected: MicroPython reports the syntax it lacks
        # ", /" -> "" (keeping newlines and comments' line breaks)
        gap = self.source[end : slash + 1]
        self.add(_Edit(end, slash + 1, "\n" * gap.count("\n")))

    def _next_token(self, pos: int, token: str) -> int | None:
        """Where token is, after pos, past blanks, commas, comments and line continuations."""
        src = self.source
        while pos < len(src):
            c = src[pos]
            if c == token:
                return pos
            if c == "#":
                pos = src.find("\n", pos)
                if pos < 0:
                    return None
            elif c not in " \t\r\n\\,":
                return None
            pos += 1
        return None

    def _record_meta(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """Record the docstring, annotations and qualified name the code reads."""
        scan = self.scan
        doc = ast.get_docstring(node, clean=False) if scan.need_doc else None
        ann = None
        if scan.need_ann:
            a = node.args
            params = [*a.posonlyargs, *a.args, *([a.vararg] if a.vararg else [])]
            params += [*a.kwonlyargs, *([a.kwarg] if a.kwarg else [])]
            pairs = [(p.arg, p.annotation) for p in params if p.annotation is not None]
            if node.returns is not None:
                pairs.append(("return", node.returns))
            if pairs:
                texts = [f"({name!r}, {_annotation(e, scan)})" for name, e in pairs]
                ann = "(" + ", ".join(texts) + ",)"
        qual = scan.qualnames.get(id(node)) if scan.need_qual else None
        if qual == node.name:
            qual = None
        if doc is None and ann is None and qual is None:
            return
        meta = f"{self._lit(node, doc) if doc is not None else None}, {ann}, {qual!r}"
        if "\n" in meta:
            return
        if node.decorator_list:
            inner = node.decorator_list[-1]
            self.replace(inner, f"__wb_fmeta({self.text(inner)}, {meta})")
            return
        before = node.lineno - 2  # the line above `def`, as an index
        if self._claim_blank(before):
            self._put_line(before, f"{self._indent(node.lineno)}@__wb_fmeta(None, {meta})")
            return
        self._after(node, f"__wb_fmeta(None, {meta})", node.name)

    def _after(self, node: ast.stmt, call: str, ref: str) -> None:
        """Run call(ref) once the def or class statement node has run: on the
        blank line below it, before the next simple statement of its block
        (past other defs and classes), at the end of the module, or after the
        class holding it (as Class.name). Nowhere else: then not at all."""
        while True:
            after = node.end_lineno or node.lineno  # the line below it, as an index
            if self._claim_blank(after):
                self._put_line(after, f"{self._indent(node.lineno)}{call}({ref})")
                return
            place = self.scan.places.get(id(node))
            if place is None:
                return
            container, body, index = place
            names = {ref.partition(".")[0]}
            for stmt in body[index + 1 : index + 41]:  # (bounded: many defs stay linear)
                if isinstance(stmt, (*_FUNCS, ast.ClassDef)):
                    if stmt.name in names:
                        return  # the name is bound again before anything runs
                    continue
                if isinstance(stmt, _COMPOUND):
                    return
                self.inserts.append((self.pos(stmt.lineno, stmt.col_offset), f"{call}({ref}); "))
                return
            if index + 41 < len(body):
                return
            if isinstance(container, ast.Module):
                self._append(f"{self._indent(node.lineno)}{call}({ref})")
                return
            if not isinstance(container, ast.ClassDef):
                return
            node, ref = container, f"{container.name}.{ref}"

    def _indent(self, lineno: int) -> str:
        line = self.source[self.offsets[lineno - 1] : self.offsets[lineno]]
        return line[: len(line) - len(line.lstrip(" \t"))]

    def _claim_blank(self, index: int) -> bool:
        if index < 0 or index >= len(self.offsets) - 1 or index in self.claimed:
            return False
        line = self.source[self.offsets[index] : self.offsets[index + 1]]
        if line.strip(" \t\r\n\f"):
            return False
        self.claimed.add(index)
        return True

    def _put_line(self, index: int, text: str) -> None:
        start = self.offsets[index]
        line = self.source[start : self.offsets[index + 1]]
        self.add(_Edit(start, start + len(line.rstrip("\r\n")), text))

    def _append(self, text: str) -> None:
        sep = "" if self.source.endswith("\n") else "\n"
        self.inserts.append((len(self.source), f"{sep}{text}\n"))

    def _class_meta(self, node: ast.ClassDef) -> None:
        body = node.body
        if self.scan.need_doc and ast.get_docstring(node, clean=False) is not None:
            doc = body[0]
            self.replace(doc, f"__doc__ = {self.text(doc)}")
        for base in node.bases:
            if isinstance(base, ast.Name) and base.id == "dict" and _inits_dict(node):
                # An insertion-ordered dict, like the ones dict displays become.
                self.replace(base, "__wb_odict")

    def _store_attr(self, node: ast.Assign) -> None:
        """f.attr = value on a function: the runtime keeps it (MicroPython cannot)."""
        targets = node.targets
        if not all(self._fattr_target(t) for t in targets):
            return
        text = self.text(node.value)
        for t in reversed(targets):
            assert isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
            text = f"__wb_setattr({t.value.id}, {self._lit(t, t.attr)}, {text})"
        self.replace(node, text)

    def _fattr_target(self, t: ast.expr) -> bool:
        return (
            isinstance(t, ast.Attribute)
            and isinstance(t.value, ast.Name)
            and t.value.id in self.scan.defnames
            and t.attr in self.scan.fattrs
        )

    def _aug_attr(self, node: ast.AugAssign) -> bool:
        t = node.target
        op = _AUG_OPS.get(type(node.op))
        if op is None or not self._fattr_target(t):
            return False
        assert isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
        obj, name = t.value.id, self._lit(t, t.attr)
        new = f"__wb_getattr({obj}, {name}) {op} ({self.text(node.value)})"
        self.replace(node, f"__wb_setattr({obj}, {name}, {new})")
        return True

    def _call_fix(self, node: ast.Call) -> bool:
        """Calls of built-ins MicroPython gets wrong; True when rewritten."""
        func = node.func
        args = node.args
        starred = any(isinstance(a, ast.Starred) for a in args)
        if isinstance(func, ast.Name):
            name = func.id
            if name in ("isinstance", "issubclass") and len(args) == 2 and not node.keywords:
                # MicroPython's bool is not a subclass of int. (isinstance is
                # common in loops: only when int is named.)
                if name == "issubclass" or any(
                    isinstance(n, ast.Name) and n.id == "int" for n in ast.walk(args[1])
                ):
                    kind = "isinst" if name == "isinstance" else "issub"
                    self.replace(node, f"__wb_{kind}({self.text(args[0])}, {self.text(args[1])})")
                    return True
            elif name == "pow" and len(args) == 3 and not node.keywords and not starred:
                exp = args[1]
                if not (isinstance(exp, ast.Constant) and isinstance(exp.value, int)):
                    self.replace(node, f"__wb_pow({', '.join(self.args_text(node))})")
                    return True
            elif name == "setattr" and len(args) == 3 and not starred:
                if isinstance(args[0], ast.Name) and args[0].id in self.scan.defnames:
                    self.replace(node, f"__wb_setattr({', '.join(self.args_text(node))})")
                    return True
            elif name == "zip" and any(kw.arg == "strict" for kw in node.keywords):
                strict = next(kw.value for kw in node.keywords if kw.arg == "strict")
                rest = self.args_text(node, drop=("strict",))
                if isinstance(strict, ast.Constant) and not strict.value:
                    self.replace(node, f"zip({', '.join(rest)})")
                else:
                    its = ", ".join([self.text(strict), *rest])
                    self.replace(node, f"__wb_cls('zip_strict', {its})")
                return True
        elif isinstance(func, ast.Attribute) and func.attr in ("to_bytes", "from_bytes"):
            # Keywords (signed=, byteorder=) and from_bytes(signed) MicroPython ignores.
            parts = [self.text(func.value), *self.args_text(node)]
            self.replace(node, f"__wb_cls({func.attr!r}, {', '.join(parts)})")
            return True
        return False


def _reads_as_float(value: object) -> bool:
    try:
        float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def _names_exc(e: ast.expr) -> bool:
    """Whether e is a built-in exception class's name, or a display of some."""
    if isinstance(e, (ast.Tuple, ast.List, ast.Set)):
        return bool(e.elts) and all(_names_exc(x) for x in e.elts)
    return isinstance(e, ast.Name) and e.id in _EXC_NAMES


#: Calls that give a str or an int (printed by MicroPython as by CPython).
_TEXT_FUNCS = frozenset(
    {"str", "repr", "ascii", "format", "len", "chr", "ord", "hex", "oct", "bin", "input"}
)
_TEXT_METHODS = frozenset(
    {"format", "join", "upper", "lower", "strip", "lstrip", "rstrip", "replace", "title",
     "capitalize", "center", "ljust", "rjust", "zfill", "count", "index", "find"}
)  # fmt: skip


def _is_text(e: ast.expr) -> bool:
    """Whether an expression is a str or int MicroPython prints as CPython does."""
    if isinstance(e, ast.Constant):
        return isinstance(e.value, (str, int)) and not isinstance(e.value, bool)
    if isinstance(e, ast.Call):
        f = e.func
        if isinstance(f, ast.Name):
            return f.id in _TEXT_FUNCS
        return isinstance(f, ast.Attribute) and f.attr in _TEXT_METHODS
    if isinstance(e, ast.BinOp) and isinstance(e.op, (ast.Add, ast.Mod)):
        left = e.left  # 'text' + x, 'text' % x
        return isinstance(left, ast.JoinedStr) or (
            isinstance(left, ast.Constant) and isinstance(left.value, str)
        )
    return isinstance(e, ast.JoinedStr)


def _bound_names(tree: ast.Module | None) -> set[str]:
    """Every name bound anywhere in the module: assigned, defined, imported, a parameter."""
    names: set[str] = set()
    for n in ast.walk(tree) if tree is not None else ():
        if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
            names.add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(n.name)
        elif isinstance(n, ast.arg):
            names.add(n.arg)
        elif isinstance(n, ast.alias):
            names.add((n.asname or n.name).split(".")[0])
        elif isinstance(n, (ast.Global, ast.Nonlocal)):
            names.update(n.names)
        elif isinstance(n, ast.MatchAs) and n.name:
            names.add(n.name)
    return names


def _stepped(target: ast.expr) -> bool:
    """Whether an assignment or deletion target is a slice with a step."""
    return (
        isinstance(target, ast.Subscript)
        and isinstance(target.slice, ast.Slice)
        and target.slice.step is not None
    )


def _spec_values(f: ast.FormattedValue) -> list[ast.expr]:
    spec = f.format_spec
    return spec.values if isinstance(spec, ast.JoinedStr) else []


def _formatted(f: ast.FormattedValue) -> bool:
    """Whether a replacement field has a conversion or a non-empty format spec."""
    return f.conversion != -1 or bool(_spec_values(f))


def _wrap(text: str, field: tuple[str, str | None] | None) -> str:
    if field is None:
        return text
    spec, conv = field
    return f"__wb_fmt({text}, {spec!r}" + (f", {conv!r})" if conv else ")")


def _auto_kinds(template: str, call: ast.Call) -> list[tuple[str, str | None] | None] | None:
    """(spec, conversion) per field (None: plain) of a template whose fields are
    all automatic ('{}', '{:>5}'), one per positional argument; else None."""
    if call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    kinds: list[tuple[str, str | None] | None] = []
    for _, name, spec, conv in parsed:
        if name is None:
            continue
        if name != "" or "{" in (spec or "") or conv not in (None, "r", "s", "a"):
            return None
        kinds.append((spec or "", conv) if spec or conv else None)
    return kinds if len(kinds) == len(call.args) else None


def _format_plan(
    template: str, call: ast.Call
) -> tuple[str, dict[int | str, tuple[str, str | None]]] | bool:
    """How to rewrite ``template.format(...)`` with a literal template.

    True: every field is plain, MicroPython's str.format is right. False: the
    runtime must format it (attributes, indexes, nested specs, starred
    arguments, errors). Otherwise the template with plain fields and, per
    argument (index or keyword), the spec and conversion to apply to it.
    """
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return False
    fields = [(name, spec or "", conv) for _, name, spec, conv in parsed if name is not None]
    names = [name for name, _, _ in fields]
    if "" in names and any(name.isdigit() for name in names):
        return False  # automatic and manual numbering mixed: the runtime raises
    keywords = {kw.arg for kw in call.keywords}
    starred = any(isinstance(a, ast.Starred) for a in call.args) or None in keywords
    auto = 0
    for field_name, _, field_conv in fields:
        first = field_name.split(".")[0].split("[")[0]
        if field_conv not in (None, "r", "s", "a"):
            return False  # an unknown conversion: the runtime raises
        if not starred and (
            (first == "" and auto >= len(call.args))
            or (first.isdigit() and int(first) >= len(call.args))
            or (first and not first.isdigit() and first not in keywords)
        ):
            return False  # a missing argument: the runtime raises
        auto += first == ""
    if not any(spec or conv or "." in name or "[" in name for name, spec, conv in fields):
        return True
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        kw.arg is None for kw in call.keywords
    ):
        return False
    uses: dict[int | str, int] = {}
    wrap: dict[int | str, tuple[str, str | None]] = {}
    auto = 0
    parts = []
    for literal, name, spec, conv in parsed:
        parts.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is None:
            continue
        if "." in name or "[" in name or "{" in (spec or ""):
            return False
        key: int | str
        if name == "":
            key = auto
            auto += 1
        elif name.isdigit():
            key = int(name)
        else:
            key = name
        if isinstance(key, int) and key >= len(call.args):
            return False
        if isinstance(key, str) and key not in keywords:
            return False
        uses[key] = uses.get(key, 0) + 1
        if spec or conv:
            wrap[key] = (spec or "", conv)
        parts.append("{" + name + "}")
    if any(uses[key] > 1 for key in wrap):
        return False
    return "".join(parts), wrap


# -- classes and functions: what the whole module tells ------------------------

#: Attributes read through the runtime (__wb_getattr): MicroPython lacks them on
#: functions, classes or built-in objects, or gets them wrong.
#: MicroPython's exception classes: constructing or subclassing one goes
#: through __wb_shadow (a subclass with CPython's str and attributes).
_NATIVE_EXC = frozenset(
    {
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "EOFError",
        "Exception", "GeneratorExit", "ImportError", "IndentationError", "IndexError",
        "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError", "NameError",
        "NotImplementedError", "OSError", "OverflowError", "RuntimeError",
        "StopAsyncIteration", "StopIteration", "SyntaxError", "SystemExit", "TypeError",
        "UnicodeError", "ValueError", "ZeroDivisionError", "IOError", "EnvironmentError",
    }
)  # fmt: skip
#: The classes MicroPython lacks (the runtime creates them): an except clause
#: naming one also catches what MicroPython raises in its place.
_VIRTUAL_EXC = frozenset(
    {
        "BlockingIOError", "BrokenPipeError", "ChildProcessError", "ConnectionAbortedError",
        "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
        "FileExistsError", "FileNotFoundError", "InterruptedError", "IsADirectoryError",
        "NotADirectoryError", "PermissionError", "ProcessLookupError", "TimeoutError",
        "ModuleNotFoundError", "RecursionError", "UnboundLocalError", "UnicodeDecodeError",
        "UnicodeEncodeError", "BaseExceptionGroup",
    }
)  # fmt: skip
_EXC_NAMES = _NATIVE_EXC  # (the runtime's own classes need no shadow)
#: Exception attributes MicroPython lacks (and __bases__, hiding the shadows).
_EXC_ATTRS = frozenset(
    {"__cause__", "__context__", "__suppress_context__", "__traceback__", "__bases__"}
)
_SIMPLE_STMTS = (
    ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Raise, ast.Pass,
    ast.Break, ast.Continue, ast.Delete, ast.Import, ast.ImportFrom, ast.Assert,
)  # fmt: skip
_IDENTITY_OPS = (ast.Is, ast.IsNot, ast.Eq, ast.NotEq, ast.In, ast.NotIn)
#: Calls in a handler that look for the exception being handled.
_HANDLING_CALLS = frozenset(
    {"format_exc", "print_exc", "exc_info", "exception", "print_exception", "format_exception"}
)
_DIVISIONS: dict[type[ast.operator], str] = {ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%"}
_DIVISION_CODES = {"/": 0, "//": 1, "%": 2}
_UNHASHABLE_DISPLAYS = (ast.List, ast.ListComp, ast.Dict, ast.DictComp, ast.Set, ast.SetComp)
_SPECIAL_ATTRS = frozenset(
    {
        "__doc__", "__annotations__", "__mro__", "mro", "__closure__", "__qualname__",
        "__module__", "__getitem__", "__setitem__", "__delitem__", "__contains__", "__len__",
        "__iter__",
    }
)  # fmt: skip
#: Operator methods whose `return NotImplemented` goes to the runtime, which
#: tries the reflected method and raises CPython's TypeError.
_OPERATOR_METHODS = frozenset(
    {
        f"__{r}{op}__"
        for op in (
            "add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or",
            "xor", "lshift", "rshift", "divmod",
        )
        for r in ("", "r")
    }
    | {"__lt__", "__le__", "__gt__", "__ge__"}
)  # fmt: skip
_AUG_OPS: dict[type[ast.operator], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
    ast.Pow: "**", ast.BitOr: "|", ast.BitAnd: "&", ast.BitXor: "^", ast.LShift: "<<",
    ast.RShift: ">>", ast.MatMult: "@",
}  # fmt: skip
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_DEF_NAME = re.compile(_word("def") + r"[ \t]+(\w+)")
# f.attr = ..., f.attr += ... at the start of a statement (also after ; : or =)
_ATTR_STORE = re.compile(
    r"(?:^|(?<=[;:=]))[ \t]*(\w+)\.(\w+)[ \t]*(?:[-+*/%&|^@]|//|\*\*|<<|>>)?=(?!=)", re.MULTILINE
)
_SETATTR = re.compile(_word("setattr") + r"\([ \t]*(\w+)[ \t]*,[ \t]*['\"](\w+)['\"]")
#: super().<name>: MicroPython's object and built-in types have none of these.
_SUPER_ATTRS = frozenset(
    {
        "__init_subclass__", "__contains__", "__len__", "__iter__", "__repr__", "__str__",
        "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__getitem__",
    }
)  # fmt: skip
#: Method names other rewrites of calls handle: never rewritten as attributes.
_RESERVED = POLYFILLED_METHODS | _KW_METHODS | _UNICODE_METHODS | {"format", "fromkeys"}
_COMPS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
#: Statements that hold others (a registration cannot go on their line).
_COMPOUND: tuple[type[ast.stmt], ...] = tuple(
    getattr(ast, name)
    for name in (
        "If", "For", "AsyncFor", "While", "With", "AsyncWith", "Try", "TryStar", "Match",
        "FunctionDef", "AsyncFunctionDef", "ClassDef",
    )
    if hasattr(ast, name)
)  # fmt: skip


@dataclass
class _Scan:
    """Facts about the whole module that single rewrites depend on."""

    #: Names bound by def statements, and the attributes code stores on them.
    defnames: set[str] = field(default_factory=set)
    fattrs: set[str] = field(default_factory=set)
    #: What function metadata must be recorded (only what the code reads).
    need_doc: bool = False
    need_ann: bool = False
    need_qual: bool = False
    future_annotations: bool = False
    qualnames: dict[int, str] = field(default_factory=dict)
    #: super() calls to send to the runtime, with the method's first parameter.
    supers: dict[int, str] = field(default_factory=dict)
    #: `return NotImplemented` statements: (self, other, method name).
    not_implemented: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    #: Walrus targets in comprehensions at module level (MicroPython refuses them).
    walrus: set[int] = field(default_factory=set)
    tree: ast.Module | None = None
    #: (start line, end line, quote) of each f-string (rewrites inside use the
    #: other quote), or None until first asked for.
    fstring_spans: list[tuple[int, int, str]] | None = None
    #: Where each def and class statement is: (the node holding it, its body, index).
    places: dict[int, tuple[ast.AST, list[ast.stmt], int]] = field(default_factory=dict)

    def fstrings(self, source: str) -> list[tuple[int, int, str]]:
        if self.fstring_spans is None:
            self.fstring_spans = []
            lines = source.splitlines()
            for node in ast.walk(self.tree) if self.tree is not None else ():
                if isinstance(node, ast.JoinedStr):
                    line = lines[node.lineno - 1].encode("utf-8")[node.col_offset :]
                    quote = line.decode("utf-8", "ignore").lstrip("rRfFbBuU")[:1]
                    self.fstring_spans.append((node.lineno, node.end_lineno or node.lineno, quote))
            self.fstring_spans.sort()
        return self.fstring_spans


def _scan(tree: ast.Module, source: str) -> _Scan:
    s = _Scan(tree=tree)
    s.need_doc = "__doc__" in source
    s.need_ann = "__annotations__" in source or ".register" in source or "get_type_hints" in source
    s.need_qual = "__qualname__" in source
    for stmt in tree.body[:8]:  # future imports come first
        if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__":
            s.future_annotations |= any(a.name == "annotations" for a in stmt.names)
    # Attributes stored on functions, from the text: a superset is harmless.
    s.defnames = set(_DEF_NAME.findall(source))
    stores = _SETATTR.findall(source)
    if any(f"{name}." in source for name in s.defnames):  # (_ATTR_STORE is slow to search)
        stores += _ATTR_STORE.findall(source)
    s.fattrs = {attr for name, attr in stores if name in s.defnames} - _RESERVED
    if s.need_doc or s.need_ann or s.need_qual:
        for parent in ast.walk(tree):
            for name in ("body", "orelse", "finalbody"):
                body = getattr(parent, name, None)
                if not isinstance(body, list):
                    continue
                for i, stmt in enumerate(body):
                    if isinstance(stmt, (*_FUNCS, ast.ClassDef)):
                        s.places[id(stmt)] = (parent, body, i)
    want_super = "super()" in source
    want_ni = "NotImplemented" in source
    want_walrus = ":=" in source
    if not (want_super or want_ni or want_walrus or s.need_qual):
        return s
    has_mi = False
    super_calls: list[tuple[ast.Call, str, str]] = []  # (call, first parameter, attribute)
    # (node, qualname prefix, the class whose body holds it, the method it is
    # in as (def, first parameter), whether it is in a comprehension)
    todo: list[tuple[ast.AST, str, ast.ClassDef | None, tuple[ast.AST, str] | None, bool]]
    todo = [(tree, "", None, None, False)]
    while todo:
        node, qual, cls, method, comp = todo.pop()
        if isinstance(node, _FUNCS):
            s.qualnames[id(node)] = qual + node.name
            params = [*node.args.posonlyargs, *node.args.args]
            inner: tuple[ast.AST, str] | None = None
            if cls is not None and params:
                inner = (node, params[0].arg)
                if want_ni and node.name in _OPERATOR_METHODS and len(params) >= 2:
                    for sub in ast.walk(node):
                        if (
                            isinstance(sub, ast.Return)
                            and isinstance(sub.value, ast.Name)
                            and sub.value.id == "NotImplemented"
                        ):
                            s.not_implemented[id(sub)] = (params[0].arg, params[1].arg, node.name)
            outer = [*node.decorator_list, node.args, *([node.returns] if node.returns else [])]
            for child in outer:
                todo.append((child, qual, cls, method, comp))
            for child in node.body:
                todo.append((child, f"{qual}{node.name}.<locals>.", None, inner, False))
            continue
        if isinstance(node, ast.ClassDef):
            bases = [b for b in node.bases if not isinstance(b, ast.Starred)]
            has_mi = has_mi or len(bases) > 1
            for child in (*node.decorator_list, *node.bases, *node.keywords):
                todo.append((child, qual, cls, method, comp))
            for child in node.body:
                todo.append((child, f"{qual}{node.name}.", node, None, False))
            continue
        if isinstance(node, ast.Lambda):
            method = None
        elif isinstance(node, _COMPS):
            comp = True
        elif isinstance(node, ast.NamedExpr):
            if comp and method is None and qual == "":
                s.walrus.add(id(node))
        elif want_super and isinstance(node, ast.Attribute):
            value = node.value
            if (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name)
                and value.func.id == "super"
                and not value.args
                and not value.keywords
                and method is not None
                and not comp
            ):
                super_calls.append((value, method[1], node.attr))
        elif want_super and isinstance(node, ast.Call):
            f = node.func
            if (
                isinstance(f, ast.Attribute)
                and f.attr == "__new__"
                and isinstance(f.value, ast.Call)
                and isinstance(f.value.func, ast.Name)
                and f.value.func.id == "super"
                and (len(node.args) > 1 or node.keywords)
            ):
                s.supers[id(f.value)] = ""  # marked: decided below
        for child in ast.iter_child_nodes(node):
            todo.append((child, qual, cls, method, comp))
    marked = set(s.supers)
    s.supers = {
        id(call): first
        for call, first, attr in super_calls
        if has_mi or attr in _SUPER_ATTRS or id(call) in marked
    }
    return s


def _inits_dict(node: ast.ClassDef) -> bool:
    """Whether the class can take the ordered dict as base: it leaves __init__
    alone or calls super().__init__ / dict.__init__ in it."""
    for stmt in node.body:
        if isinstance(stmt, _FUNCS) and stmt.name == "__init__":
            return any(
                isinstance(n, ast.Attribute) and n.attr == "__init__" for n in ast.walk(stmt)
            )
    return True


#: Statements that may share their line with another (``a = 1; b = 2``).
_SIMPLE_STATEMENTS = (
    ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr, ast.Pass, ast.Import, ast.ImportFrom,
    ast.Global, ast.Nonlocal, ast.Delete, ast.Assert, ast.Raise,
)  # fmt: skip


def _stored_names(body: list[ast.stmt]) -> list[str]:
    """The names a class body binds, in the order it first binds them."""
    out: list[str] = []

    def bind(target: ast.expr) -> None:
        if isinstance(target, ast.Name):
            if target.id not in out:
                out.append(target.id)
        elif isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                bind(element.value if isinstance(element, ast.Starred) else element)

    def walk(stmts: list[ast.stmt]) -> None:
        for stmt in stmts:
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    bind(target)
                    # __annotations__['x'] = ...: a field declared by hand, in its place.
                    key = target.slice if isinstance(target, ast.Subscript) else None
                    is_name = isinstance(key, ast.Constant) and isinstance(key.value, str)
                    if is_name and key.value not in out:  # type: ignore[union-attr]
                        out.append(key.value)  # type: ignore[union-attr]
            elif isinstance(stmt, ast.AnnAssign | ast.AugAssign):
                bind(stmt.target)  # `x: int` too: a field, in its place
            elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                if stmt.name not in out:
                    out.append(stmt.name)
            elif isinstance(stmt, ast.For | ast.AsyncFor | ast.While | ast.If):
                if isinstance(stmt, ast.For | ast.AsyncFor):
                    bind(stmt.target)
                walk(stmt.body)
                walk(stmt.orelse)
            elif isinstance(stmt, ast.With | ast.AsyncWith):
                walk(stmt.body)
            elif isinstance(stmt, ast.Try):
                walk(stmt.body)
                for handler in stmt.handlers:
                    walk(handler.body)
                walk(stmt.orelse)
                walk(stmt.finalbody)

    walk(body)
    return out


def _annotation(e: ast.expr, scan: _Scan) -> str:
    """An annotation as the function's __annotations__ holds it: the value, or
    its source under `from __future__ import annotations`."""
    text = ast.unparse(e)
    return repr(text) if scan.future_annotations else text


# -- proofs: rewrites that a name's bindings make unneeded ---------------------
# A rewrite is skipped (or a faster form used) only where every binding of the
# name, in the scope a read finds it in, proves it safe. Function scopes only:
# a module's globals can be rebound from anywhere (globals(), another function).


@dataclass
class _Scope:
    """One scope and what binds each of its names."""

    kind: str  # "module", "function" (lambdas too), "class" or "comprehension"
    parent: _Scope | None
    #: name -> what binds it here: the For, comprehension, Assign, AnnAssign or
    #: AugAssign whose (whole) target it is, or for any other binding the node itself.
    binds: dict[str, list[ast.AST]] = field(default_factory=dict)
    declared: set[str] = field(default_factory=set)  # global and nonlocal


@dataclass
class _Proofs:
    """What the rewriter need not guard, found by :func:`_prove`."""

    #: Reads (ids of ast.Name) of a name that is a positive int whenever it has
    #: a value: ``j`` in ``for j in range(2, n)`` with nothing else binding it.
    positive: set[int] = field(default_factory=set)
    #: ``lst += [x]`` statements (ids) on a local that is always a list.
    appends: set[int] = field(default_factory=set)


def _prove(tree: ast.Module, source: str) -> _Proofs:
    """Which division guards and list extensions the module's scopes make unneeded."""
    scopes = _Scopes(tree)
    proofs = _Proofs()
    known: dict[tuple[int, str], bool] = {}
    # range is the built-in unless bound (import *, or builtins.range = ...).
    if "range" not in scopes.bound and not scopes.star_import and "builtins" not in source:
        for read, scope in scopes.reads:
            home = scopes.resolve(scope, read.id)
            if home is None:
                continue
            key = (id(home), read.id)
            if key not in known:
                known[key] = scopes.free(home, read.id) and all(
                    _positive_loop(how) for how in home.binds[read.id]
                )
            if known[key]:
                proofs.positive.add(id(read))
    for aug, scope in scopes.augs:
        name = aug.target.id if isinstance(aug.target, ast.Name) else ""
        if (
            scope.kind == "function"
            and _appends_one(aug)
            and scopes.free(scope, name)
            and _always_list(scope.binds[name])
        ):
            proofs.appends.add(id(aug))
    return proofs


def _appends_one(node: ast.AugAssign) -> bool:
    """Whether a statement is ``name += [x]``."""
    value = node.value
    return (
        isinstance(node.target, ast.Name)
        and isinstance(node.op, ast.Add)
        and isinstance(value, ast.List)
        and len(value.elts) == 1
        and not isinstance(value.elts[0], ast.Starred)
    )


def _positive_loop(how: ast.AST) -> bool:
    """Whether a binding is a loop over ``range(c, stop)`` or ``range(c, stop, step)``
    with constants c, step >= 1: its values are positive ints."""
    if isinstance(how, ast.comprehension) and how.is_async:
        return False
    if not isinstance(how, ast.For | ast.comprehension):
        return False
    call = how.iter
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "range"
        and not call.keywords
        and len(call.args) in (2, 3)
        and not isinstance(call.args[1], ast.Starred)
    ):
        return False
    return all(
        isinstance(c, ast.Constant) and type(c.value) is int and c.value >= 1
        for c in call.args[::2]
    )


def _always_list(hows: list[ast.AST]) -> bool:
    """Whether bindings keep a name a list: assignments of list displays, and
    ``+=`` (a list's ``+=`` extends it in place, or raises)."""
    assigned = False
    for how in hows:
        if isinstance(how, ast.AugAssign) and isinstance(how.op, ast.Add):
            continue
        value = how.value if isinstance(how, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.ListComp) or (
            isinstance(value, ast.List) and not any(isinstance(e, ast.Starred) for e in value.elts)
        ):
            assigned = True
            continue
        return False
    return assigned


class _Scopes:
    """The module's scopes, every read of a name, and every ``name op= value``."""

    def __init__(self, tree: ast.Module) -> None:
        #: Every name bound in any scope, declared global or nonlocal included.
        self.bound: set[str] = set()
        self.module = _Scope("module", None)
        self.reads: list[tuple[ast.Name, _Scope]] = []
        self.augs: list[tuple[ast.AugAssign, _Scope]] = []
        self.nonlocals: set[str] = set()  # declared nonlocal anywhere
        self.star_import = False
        for stmt in tree.body:
            self.visit(stmt, self.module)

    def bind(self, scope: _Scope, name: str, how: ast.AST) -> None:
        scope.binds.setdefault(name, []).append(how)
        self.bound.add(name)

    def free(self, scope: _Scope, name: str) -> bool:
        """Whether only the bindings in the scope itself can give ``name`` its value there."""
        return name not in scope.declared and name not in self.nonlocals and name in scope.binds

    def resolve(self, scope: _Scope, name: str) -> _Scope | None:
        """The function or comprehension scope whose ``name`` a read in ``scope``
        gets; None for any other (a global, a class attribute) or when in doubt."""
        if scope.kind == "class":
            return None  # a class body reads its namespace first, which __prepare__ may fill
        here: _Scope | None = scope
        while here is not None and here.kind != "module":
            if name in here.declared:
                return None
            if here.kind != "class" and name in here.binds:
                return here
            here = here.parent
        return None

    def target(self, target: ast.expr, how: ast.AST, scope: _Scope) -> None:
        if isinstance(target, ast.Name):
            self.bind(scope, target.id, how)
        else:
            self.visit(target, scope)

    def visit(self, node: ast.AST, scope: _Scope) -> None:
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                self.reads.append((node, scope))
            else:
                self.bind(scope, node.id, node)
        elif isinstance(node, (*_FUNCS, ast.Lambda)):
            self.function(node, scope)
        elif isinstance(node, ast.ClassDef):
            self.bind(scope, node.name, node)
            for child in (*node.decorator_list, *node.bases, *node.keywords):
                self.visit(child, scope)
            inner = _Scope("class", scope)
            for stmt in node.body:
                self.visit(stmt, inner)
        elif isinstance(node, _COMPS):
            self.comprehension(node, scope)
        elif isinstance(node, ast.For | ast.AsyncFor | ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                self.target(target, node, scope)
            for child in ast.iter_child_nodes(node):
                if child not in targets:
                    self.visit(child, scope)
        elif isinstance(node, ast.AugAssign):
            if isinstance(node.target, ast.Name):
                self.bind(scope, node.target.id, node)
                self.augs.append((node, scope))
            else:
                self.visit(node.target, scope)
            self.visit(node.value, scope)
        elif isinstance(node, ast.NamedExpr):
            # Binds in the nearest scope that is not a comprehension: every one
            # on the way counts it too (a conservative over-approximation).
            here: _Scope | None = scope
            while here is not None:
                self.bind(here, node.target.id, node)
                if here.kind != "comprehension":
                    break
                here = here.parent
            self.visit(node.value, scope)
        else:
            if isinstance(node, ast.Global | ast.Nonlocal):
                scope.declared.update(node.names)
                self.bound.update(node.names)
                if isinstance(node, ast.Nonlocal):
                    self.nonlocals.update(node.names)
            elif isinstance(node, ast.alias):
                self.star_import |= node.name == "*"
                self.bind(scope, (node.asname or node.name).split(".")[0], node)
            elif isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and node.name:
                self.bind(scope, node.name, node)
            elif isinstance(node, ast.MatchMapping) and node.rest:
                self.bind(scope, node.rest, node)
            for child in ast.iter_child_nodes(node):
                self.visit(child, scope)

    def function(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, scope: _Scope
    ) -> None:
        args = node.args
        outer: list[ast.AST] = [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
        params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        outer += [p.annotation for p in params if p is not None and p.annotation is not None]
        if isinstance(node, ast.Lambda):
            body: list[ast.AST] = [node.body]
        else:
            self.bind(scope, node.name, node)
            outer += [*node.decorator_list, *([node.returns] if node.returns else [])]
            body = list(node.body)
        for child in outer:
            self.visit(child, scope)
        inner = _Scope("function", scope)
        for param in params:
            if param is not None:
                self.bind(inner, param.arg, param)
        for child in body:
            self.visit(child, inner)

    def comprehension(self, node: ast.expr, scope: _Scope) -> None:
        generators: list[ast.comprehension] = node.generators  # type: ignore[attr-defined]
        self.visit(generators[0].iter, scope)  # the first iterable is the enclosing scope's
        inner = _Scope("comprehension", scope)
        for i, g in enumerate(generators):
            if i:
                self.visit(g.iter, inner)
            self.target(g.target, g, inner)
            for cond in g.ifs:
                self.visit(cond, inner)
        parts = (node.key, node.value) if isinstance(node, ast.DictComp) else (node.elt,)  # type: ignore[attr-defined]
        for part in parts:
            self.visit(part, inner)
