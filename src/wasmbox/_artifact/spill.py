"""Build step: move ``--spill-pointers``'s stores from each call to each assignment.

Why this exists
---------------
MicroPython's collector finds live objects by scanning linear memory, so a
pointer held only in a wasm local is invisible to it. Binaryen's
``--spill-pointers`` fixes that by giving each function a frame on the shadow
stack with one slot per ``i32`` local, and storing, before *every call*, every
``i32`` local that is live across it. In MicroPython's interpreter loop that is
25 to 30 stores before nearly every call, which made call-heavy Python code
about 65% slower than the unsound build (HumanEval/75: 318 ms unsound, 530 ms
spilled).

The collector only needs one invariant: at any call, the slot of every local
that the pass found live across some call holds that local's current value.
Storing at each assignment keeps that invariant just as well, and a local is
assigned far less often than it is live across a call. So this step keeps the
pass's analysis and frames (which locals, which slots) and moves the stores:

* every store the pass put before a call (``i32.store offset=K (local.get
  $FRAME) (local.get $L)``) is removed;
* every ``local.set $L`` and ``local.tee $L`` of such a local is followed by the
  store of ``$L`` to its slot;
* each such parameter is stored once, right after the frame is made.

A slot may then hold a value after its local is dead, which keeps that object
alive a little longer (the conservative collector already tolerates stale
slots; the pass left them too) and never frees anything in use. Measured: the
same programs 20-25% faster, the GC stress suite exact (``tests/test_gc.py``).

The input is ``wasm-opt --spill-pointers -S`` text, before any optimisation:
the shapes matched below are the ones Binaryen prints for the pass's own code.
A function whose frame is not recognised keeps the pass's stores (correct,
only slower); a build where no function is recognised is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fixes import closing_paren

__all__ = ["SpillRewrite", "SpillRewriteError", "spill_at_assignment"]


class SpillRewriteError(RuntimeError):
    """The spilled text does not have the shape this step relies on."""


@dataclass(frozen=True, slots=True)
class SpillRewrite:
    """What :func:`spill_at_assignment` changed, for the build log and tests."""

    functions: int  # functions with a frame, rewritten
    kept: int  # functions with stores before calls, left as the pass made them
    removed: int  # stores before calls taken out
    added: int  # stores after assignments (and of parameters) put in


_FUNC = "\n (func "
# The pass's frame: the first statement of a function it spilled in.
_FRAME = re.compile(
    r"\A\$\S+[^\n]*\n"
    r"(?:  \((?:param|local|result|type)[^\n]*\n)*"
    r"  \(global\.set \$__stack_pointer\n"
    r"   \(local\.tee \$(?P<frame>\d+)\n"
    r"    \(i32\.sub\n"
    r"     \(global\.get \$__stack_pointer\)\n"
    r"     \(i32\.const \d+\)\n"
    r"    \)\n"
    r"   \)\n"
    r"  \)\n"
)
_ASSIGN = re.compile(r"\(local\.(?P<kind>set|tee) \$(?P<local>\d+)(?=[\s)])")
_PARAM = re.compile(r"\(param \$(\d+) i32\)")
_LOCAL = re.compile(r"^  \((?:param|local) \$", re.MULTILINE)


def _closing(text: str) -> list[int]:
    """For each ``(`` in ``text``, the index of its ``)`` (a list indexed by position)."""
    match = [-1] * len(text)
    stack: list[int] = []
    for i, c in enumerate(text):
        if c == "(":
            stack.append(i)
        elif c == ")":
            if not stack:
                raise SpillRewriteError(f"unbalanced ')' at offset {i}")
            match[stack.pop()] = i
    if stack:
        raise SpillRewriteError(f"unbalanced '(' at offset {stack[-1]}")
    return match


def _function_end(part: str) -> int:
    """Index in ``part`` (the text after ``(func ``) of the function's closing paren."""
    try:
        return closing_paren(part, 0, depth=1)
    except ValueError as exc:
        raise SpillRewriteError(f"a function body: {exc}") from exc


def _declared(func: str) -> int:
    """How many params and locals a function's printed text declares."""
    header, _, rest = func.partition("\n")
    return header.count("(param $") + len(_LOCAL.findall(rest))


def _store(frame: str, offset: int, local: str) -> str:
    off = f" offset={offset}" if offset else ""
    return f"(i32.store{off} (local.get ${frame}) (local.get ${local}))"


def _rewrite_function(func: str, frame: str) -> tuple[str, int, int] | None:
    """Rewrite one function's text (without its closing paren); None if it has no spills."""
    head = _FRAME.match(func)
    if head is None or head.group("frame") != frame:
        return None
    spill = re.compile(
        r"\(i32\.store(?: offset=(\d+))?\n\s*\(local\.get \$"
        + frame
        + r"\)\n\s*\(local\.get \$(\d+)\)\n\s*\)\n?[ \t]*"
    )
    slots: dict[str, int] = {}
    removed = 0

    def take(m: re.Match[str]) -> str:
        nonlocal removed
        offset = int(m.group(1) or 0)
        if slots.setdefault(m.group(2), offset) != offset:
            raise SpillRewriteError(f"local ${m.group(2)} spilled to two slots")
        removed += 1
        return ""

    body = spill.sub(take, func[head.end() :])
    if not slots:
        return None
    closing = _closing(body)
    # (position, order, text, characters replaced): at one position a closing
    # text (order 0) goes before an opening one (order 1).
    edits: list[tuple[int, int, str, int]] = []
    for m in _ASSIGN.finditer(body):
        local = m.group("local")
        if local not in slots:
            continue
        start, end = m.start(), closing[m.start()]
        store = _store(frame, slots[local], local)
        if m.group("kind") == "tee":
            edits.append((start, 1, "(block (result i32) (local.set", len("(local.tee")))
            edits.append((end + 1, 0, f" {store} (local.get ${local}))", 0))
        elif body[m.end() : end].lstrip().startswith("(pop "):
            # A catch's first instruction must stay first: store beside it, not around it.
            edits.append((end + 1, 0, f"\n{store}", 0))
        else:
            edits.append((start, 1, "(block ", 0))
            edits.append((end + 1, 0, f" {store})", 0))
    out: list[str] = []
    pos = 0
    for at, _order, text, replaced in sorted(edits, key=lambda e: (e[0], e[1])):
        out.append(body[pos:at])
        out.append(text)
        pos = at + replaced
    out.append(body[pos:])
    added = sum(1 for edit in edits if edit[1] == 0)
    params = [p for p in _PARAM.findall(func[: head.end()]) if p in slots]
    entry = "".join(f"  {_store(frame, slots[p], p)}\n" for p in params)
    return func[: head.end()] + entry + "".join(out), removed, added + len(params)


def spill_at_assignment(spilled: str, before: str) -> tuple[str, SpillRewrite]:
    """Rewrite ``wasm-opt --spill-pointers -S`` output so locals are stored when assigned.

    ``before`` is the text the pass ran on. The pass's frame local is the first
    local it added, so its index is the number the function declared before:
    that tells the pass's frame from the function's own C stack frame, which
    has the same shape.
    """
    declared = [_declared(part[: _function_end(part)]) for part in before.split(_FUNC)[1:]]
    parts = spilled.split(_FUNC)
    if len(parts) - 1 != len(declared):
        raise SpillRewriteError("the pass changed the number of functions")
    out = [parts[0]]
    functions = kept = removed = added = 0
    for part, count in zip(parts[1:], declared, strict=True):
        end = _function_end(part)
        func, rest = part[:end], part[end:]
        done = _rewrite_function(func, str(count))
        if done is None:
            kept += _declared(func) > count
            out.append(part)
            continue
        text, r, a = done
        functions, removed, added = functions + 1, removed + r, added + a
        out.append(text + rest)
    if functions == 0:
        raise SpillRewriteError("no function had a --spill-pointers frame")
    return _FUNC.join(out), SpillRewrite(functions, kept, removed, added)
