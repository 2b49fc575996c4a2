"""Fuel spent under a caught exception stays counted: the build tells the host at both ends.

wasmtime keeps a function's fuel count in a register and writes it back to
the store only at calls and returns. When a wasm exception unwinds frames,
their uncommitted counts are lost, and the frame that catches goes on from
the count it wrote back before its call: everything the callees burnt is
forgotten (wasmtime 49; ``tests/test_engine.py`` pins it). MicroPython's
non-local returns are wasm exceptions (clang lowers its ``setjmp`` and
``longjmp`` to them), so a guest could do any amount of work inside ``try``,
raise, catch, and repeat without its fuel running out: only its wall time
stopped it (one round of 20,000 additions counted 0.92M units, not 21M).

clang's lowering has one throw, in ``__wasm_longjmp``, and every handler
first asks ``__wasm_setjmp_test`` whether the jump is its own: if so, it
goes on there; if not, it calls ``__wasm_longjmp`` again to pass the
exception on to the next frame. The transform adds a flag (a wasm global)
and two host imports:

* In ``__wasm_longjmp``, the thrown value goes through ``wasmbox.fuel_note``
  when no exception is in flight yet (the flag is then set). The call commits
  the throwing frame's count, and the host writes down the fuel left.
* ``__wasm_setjmp_test``'s answer goes through ``wasmbox.fuel_restore`` when
  it says the jump is this frame's (the exception stops here) and one is in
  flight (the flag is then cleared): the host sets the fuel back to what was
  written down, and the catching frame reads the count again after the call,
  as after any call.

Both imports return their argument. Passing the values through them leaves
no local alive across the calls, which the GC fix (``--spill-pointers``)
would otherwise spill to the shadow stack in these two hot functions.

Handlers that only pass an exception on (``__wasm_setjmp_test`` says the
jump is not theirs) leave the noted fuel alone; what goes uncounted is the few
instructions they run before passing it on. But MicroPython's VM keeps every
exception for a moment in each Python frame it leaves (its own handler looks
for an ``except`` there, then raises again), so each such frame costs two
host calls.
``__build_class__``'s own handler
(:func:`~wasmbox._artifact.fixes.restore_locals_after_class_body`) catches and
rethrows without either; the next frame that keeps the exception restores
the fuel noted at the original throw.

The shapes are exact: another throw, a handler of another form, or a
``__wasm_setjmp_test`` of another shape fails the build rather than leaving
a hole.
"""

from __future__ import annotations

import re

import wasmtime

from .fixes import FixError, closing_paren, function_spans

__all__ = [
    "FUEL_IMPORTS",
    "FUEL_MODULE",
    "NOTE",
    "RESTORE",
    "count_fuel_across_throws",
    "define_passthrough_fuel_imports",
]

#: The host imports the transform adds, both ``(param i32) (result i32)``: the argument back.
FUEL_MODULE = "wasmbox"
NOTE = "fuel_note"
RESTORE = "fuel_restore"
FUEL_IMPORTS: tuple[tuple[str, str], ...] = ((FUEL_MODULE, NOTE), (FUEL_MODULE, RESTORE))

_TAG = re.compile(r"^ \(tag (\$\S+) \(type \$\w+\) \(param i32\)\)$", re.M)
_THROW = re.compile(r"\(throw (\$\S+)\s")
_CATCH = re.compile(r"\(catch (\$\S+) \(br (\$\S+) \(pop i32\)\)\)")
#: Handlers that would keep an exception without asking ``__wasm_setjmp_test`` (after the
#: rewrite, ``throw_ref`` only wraps blocks that never fall through: dead code).
_OTHER_HANDLERS = re.compile(r"\((?:catch_ref|catch_all_ref|delegate)\b|\(catch_all \(br ")
_IMPORT = re.compile(r"^ \(import .*\)$", re.M)
_GLOBAL = re.compile(r"^ \(global .*\)$", re.M)
_FUNC_NAME = re.compile(r" \(func (\$\S+) ")
#: ``__wasm_setjmp_test(env, func_invocation_id)`` as clang 19 built it (whitespace
#: collapsed): the jump's label when ``env`` was set by this invocation, else 0.
_SETJMP_TEST = re.compile(
    r"\(func (\$\S+) \(param \$0 i32\) \(param \$1 i32\) \(result i32\) \(local \$2 i32\)"
    r" \(block \$block \(br_if \$block \(i32\.eqz \(local\.tee \$2 \(i32\.load offset=4"
    r" \(local\.get \$0\) \) \) \) \) \(br_if \$block \(i32\.eqz \(local\.get \$1\) \) \)"
    r" \(return \(select \(local\.get \$2\) \(i32\.const 0\) \(i32\.eq \(i32\.load"
    r" \(local\.get \$0\) \) \(local\.get \$1\) \) \) \) \) \(unreachable\) \)$"
)
_PENDING = "$wasmbox_fuel_pending"
_NOTE_FUNC = "$wasmbox_fuel_note"
_RESTORE_FUNC = "$wasmbox_fuel_restore"
_INNER = "$wasmbox_setjmp_test_inner"
#: What a thrown value may be computed from: no calls, no stores, nothing set.
_PURE = re.compile(r"\((?:call|i32\.store|i64\.store|local\.set|local\.tee|global\.set)\b")


def count_fuel_across_throws(wat: str) -> str:
    """``wat`` (legacy EH text) with the host told of the fuel at each exception's two ends.

    Raises:
        FixError: the module's exceptions are not of the one shape understood.
    """
    tags = _TAG.findall(wat)
    if len(tags) != 1:
        raise FixError(f"expected one exception tag of (param i32), found {len(tags)}")
    (tag,) = tags
    if _OTHER_HANDLERS.search(wat):
        raise FixError("an exception handler of a form the fuel transform does not know")
    throws = list(_THROW.finditer(wat))
    if len(throws) != 1 or throws[0].group(1) != tag:
        raise FixError(f"expected one throw of {tag}, found {len(throws)}")
    catches = list(_CATCH.finditer(wat))
    if not catches or any(m.group(1) != tag for m in catches):
        raise FixError(f"expected catches of {tag} in the legacy form, found {len(catches)}")
    if wat.count("(catch ") != len(catches):
        raise FixError("a catch of a form the fuel transform does not know")
    for at in (m.start() for m in re.finditer(r"\(catch_all\b", wat)):
        # Any other handler must pass the exception on: one that kept it would leave the
        # flag set, and the next exception's fuel would be restored from this one's.
        body = " ".join(wat[at : _closing(wat, at)].split())
        if not re.fullmatch(r"\(catch_all .*\(rethrow \$\S+\) ?\)", body):
            raise FixError(f"a catch_all that does not end in a rethrow: {body[:120]}")

    spans = function_spans(wat)
    tests = [(s, e) for s, e in spans if _SETJMP_TEST.match(" ".join(wat[s:e].split()))]
    if len(tests) != 1:
        raise FixError(f"expected one __wasm_setjmp_test, found {len(tests)}")
    test_start, test_end = tests[0]
    name = _FUNC_NAME.match(wat, test_start)
    assert name is not None  # the shape matched
    test = name.group(1)
    for s, e in spans:
        calls = wat.count(f"(call {test}\n", s, e) + wat.count(f"(call {test} ", s, e)
        if calls != sum(1 for m in catches if s <= m.start() < e):
            raise FixError(f"{test} is called other than once for each exception handler")
    imports, globals_ = list(_IMPORT.finditer(wat)), list(_GLOBAL.finditer(wat))
    if not imports or not globals_:
        raise FixError("the module has no imports or no globals to put the fuel's after")

    edits: list[tuple[int, int, str]] = []
    throw = throws[0]
    end = _closing(wat, throw.start())
    value = " ".join(wat[throw.end() : end - 1].split())
    if _PURE.search(value):
        raise FixError(f"the thrown value is not a pure expression: {value}")
    noted = (
        f"(throw {tag} (if (result i32) (global.get {_PENDING}) (then {value})"
        f" (else (global.set {_PENDING} (i32.const 1)) (call {_NOTE_FUNC} {value}))))"
    )
    edits.append((throw.start(), end, noted))
    edits.append((name.start(1), name.end(1), _INNER))
    wrapper = (
        f"\n (func {test} (param $0 i32) (param $1 i32) (result i32)\n"
        f"  (call $wasmbox_fuel_kept (call {_INNER} (local.get $0) (local.get $1))))\n"
        f" (func $wasmbox_fuel_kept (param $0 i32) (result i32)\n"
        f"  (if (result i32) (i32.and (global.get {_PENDING}) (i32.ne (local.get $0)"
        f" (i32.const 0)))\n"
        f"   (then (global.set {_PENDING} (i32.const 0)) (call {_RESTORE_FUNC} (local.get $0)))\n"
        f"   (else (local.get $0))))"
    )
    edits.append((test_end - 1, test_end - 1, wrapper))
    added = "".join(
        f'\n (import "{FUEL_MODULE}" "{imported}" (func {func} (param i32) (result i32)))'
        for imported, func in ((NOTE, _NOTE_FUNC), (RESTORE, _RESTORE_FUNC))
    )
    edits.append((imports[-1].end(), imports[-1].end(), added))
    flag = f"\n (global {_PENDING} (mut i32) (i32.const 0))"
    edits.append((globals_[-1].end(), globals_[-1].end(), flag))
    out: list[str] = []
    pos = 0
    for start, stop, text in sorted(edits):
        out.append(wat[pos:start])
        out.append(text)
        pos = stop
    out.append(wat[pos:])
    return "".join(out)


def define_passthrough_fuel_imports(linker: wasmtime.Linker) -> None:
    """The fuel imports doing nothing else, for the build's own runs (no guest's fuel counted)."""
    i32 = wasmtime.ValType.i32()
    for _, imported in FUEL_IMPORTS:
        linker.define_func(FUEL_MODULE, imported, wasmtime.FuncType([i32], [i32]), lambda x: x)


def _closing(text: str, start: int) -> int:
    """The index just past the parenthesis that closes the one at ``start``."""
    try:
        return closing_paren(text, start) + 1
    except ValueError as exc:
        raise FixError(f"code the fuel transform reads: {exc}") from exc
