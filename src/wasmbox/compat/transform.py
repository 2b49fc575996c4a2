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
* ``match`` statements, into ``if``/``elif`` chains with the same bindings.

Code that needs none of this is not even parsed: a substring check decides.
"""

from __future__ import annotations

import ast
import bisect
import re
from dataclasses import dataclass, field

__all__ = ["POLYFILLED_METHODS", "transform"]

#: Methods the runtime provides when the object lacks them (or, for ``sort``,
#: replaces for lists with a stable sort).
POLYFILLED_METHODS = frozenset(
    {
        "capitalize", "casefold", "expandtabs", "format_map", "isalnum", "isascii",
        "isdecimal", "isidentifier", "isnumeric", "isprintable", "istitle", "ljust",
        "maketrans", "removeprefix", "removesuffix", "rjust", "swapcase", "title",
        "translate", "zfill", "bit_length", "bit_count", "is_integer",
        "as_integer_ratio", "sort", "center",
    }
)  # fmt: skip
#: Methods MicroPython has but whose keyword arguments it rejects.
_KW_METHODS = frozenset({"split", "rsplit", "splitlines", "encode", "decode", "index", "find"})
#: Built-in functions whose keyword arguments become positional, in order.
_KW_BUILTINS = {"int": ("base",), "round": ("ndigits",), "sum": ("start",)}

#: Larger sources are left to MicroPython as they are: the rewrite runs on
#: the host, outside the run's budgets, so its cost must stay bounded.
MAX_SOURCE = 64 * 1024

# Every alternative scans a bounded distance from where it starts: the check
# is linear in the size of the source, whatever the source holds.
_TRIGGER = re.compile(
    r":[^:\]\n]{0,80}:"  # maybe a slice with a step
    r"|\.(?:" + "|".join(sorted(POLYFILLED_METHODS | _KW_METHODS)) + r")\s*\("
    r"|[\[({,]\s*\*"  # unpacking in a display
    r"|\bmatch\b|\bflush\s*=|\bbase\s*=|\bndigits\s*=|\bstart\s*=|\bstrict\s*="
    r"|\{|\bdict\b|\btype\(|\bexec\(|\beval\(|%|\|="  # dicts, made insertion-ordered
    r"|^[ \t]+\w+[ \t]*:[ \t]*\w",  # an annotated name in a class body
    re.MULTILINE,
)


def transform(source: str) -> str:
    """``source`` rewritten for MicroPython; unchanged if it needs nothing or does not parse."""
    if len(source) > MAX_SOURCE or not _TRIGGER.search(source):
        return source
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return source  # MicroPython reports the error itself, on the right line
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    rewriter = _Rewriter(source, offsets)
    try:
        rewriter.visit(tree)
    except (_Unsupported, RecursionError):
        return source
    return rewriter.apply()


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
        self.generic_visit(node)
        sl = node.slice
        if isinstance(node.ctx, ast.Load) and isinstance(sl, ast.Slice) and sl.step is not None:
            bounds = [
                self.text(p) if p is not None else "None" for p in (sl.lower, sl.upper, sl.step)
            ]
            self.replace(node, f"__wb_slice({self.text(node.value)}, {', '.join(bounds)})")

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        func = node.func
        kw_names = {kw.arg for kw in node.keywords}
        if isinstance(func, ast.Attribute) and (
            func.attr in POLYFILLED_METHODS or (func.attr in _KW_METHODS and kw_names - {None})
        ):
            args = ", ".join([self.text(func.value), repr(func.attr), *self.args_text(node)])
            self.replace(node, f"__wb_call({args})")
        elif isinstance(func, ast.Name):
            if func.id == "print" and "flush" in kw_names:
                args = ", ".join(self.args_text(node, drop=("flush",)))
                self.replace(node, f"print({args})")
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

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.generic_visit(node)
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

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.generic_visit(node)
        if isinstance(node.op, ast.BitOr) and isinstance(node.target, ast.Name):
            # MicroPython does not send d |= x to an ordered dict's __ior__.
            name = node.target.id
            self.replace(node, f"{name} = __wb_ior({name}, {self.text(node.value)})")

    def visit_BinOp(self, node: ast.BinOp) -> None:
        self.generic_visit(node)
        left = node.left
        is_text = isinstance(left, ast.JoinedStr) or (
            isinstance(left, ast.Constant) and isinstance(left.value, str)
        )
        if isinstance(node.op, ast.Mod) and is_text:
            # '%(name)s' % mapping: MicroPython wants a real dict there.
            self.replace(node, f"__wb_mod({self.text(node.left)}, {self.text(node.right)})")

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
