"""Fixes to MicroPython's own code, applied to the artifact's text at build time.

Each fix finds its code by the exact shape clang gave it and fails the build
rather than guess on a different artifact.

1. A class body that raises leaves names in the wrong namespace.
2. Imports read files 25 bytes at a time (see :func:`bigger_import_reads`).

``__build_class__`` runs a class body with the thread's "locals" pointer set
to the new class's namespace and puts the old value back afterwards, but not
when the body raises: the exception unwinds past the restore. Module-level
code then reads and writes names in the dead class's namespace, so after

    try:
        class A:
            raise ValueError
    except ValueError:
        pass
    x = 1

``x`` is stored in ``A``'s namespace and a function reading the global ``x``
gets a ``NameError``. It happens to real code whenever a class body fails (a
validation error in a class body, or the recursion limit reached while a
class statement runs). The fix wraps the body's call in a handler that puts
the old pointer back and rethrows.

The function is found by the exact shape clang gave it (read the old
pointer, store a fresh dict, call the body with ``args[0]``, store the old
pointer back); anything else fails the build rather than guessing.
"""

from __future__ import annotations

import itertools
import re

__all__ = ["FixError", "bigger_import_reads", "function_spans", "restore_locals_after_class_body"]


class FixError(Exception):
    """The artifact does not have the code a fix expects."""


def function_spans(wat: str) -> list[tuple[int, int]]:
    """Where each top-level ``(func`` form of wasm-dis text starts and ends."""
    starts = [m.start() for m in re.finditer(r"^ \(func ", wat, re.MULTILINE)] + [len(wat)]
    return list(itertools.pairwise(starts))


_BUILD_CLASS = re.compile(
    # old = MP_STATE_THREAD(dict_locals)
    r"\(local\.set (?P<old>\$\d+)\n\s+\(i32\.load offset=(?P<off>\d+)\n"
    r"\s+\(i32\.const (?P<base>\d+)\)\n\s+\)\n\s+\)\n"
    # MP_STATE_THREAD(dict_locals) = mp_obj_new_dict(0)
    r"\s+\(i32\.store offset=(?P=off)\n\s+\(i32\.const (?P=base)\)\n"
    r"\s+\(local\.tee \$\d+\n\s+\(call \$\d+\n\s+\(i32\.const 0\)\n\s+\)\n\s+\)\n\s+\)\n"
    # cell = mp_call_function_0(args[0])
    r"(?P<indent>\s+)\(local\.set (?P<cell>\$\d+)\n"
    r"(?P<call>\s+\(call \$\d+\n\s+\(i32\.load\n\s+\(local\.get \$1\)\n\s+\)\n\s+\))\n\s+\)\n"
    # MP_STATE_THREAD(dict_locals) = old
    r"\s+\(i32\.store offset=(?P=off)\n\s+\(i32\.const (?P=base)\)\n\s+\(local\.get (?P=old)\)\n"
)


def restore_locals_after_class_body(wat: str) -> str:
    """``wat`` with ``__build_class__`` restoring the locals pointer when the body raises.

    Expects the legacy exception-handling text (after ``rewrite_try_table``):
    the handler is a legacy ``try``/``catch_all``/``rethrow``, which
    ``--translate-to-exnref`` converts with everything else.
    """
    found = list(_BUILD_CLASS.finditer(wat))
    if len(found) != 1:
        raise FixError(f"expected one __build_class__ body call, found {len(found)}")
    m = found[0]
    restore = f"(i32.store offset={m['off']} (i32.const {m['base']}) (local.get {m['old']}))"
    guarded = (
        f"{m['indent']}(local.set {m['cell']}\n"
        f"{m['indent']} (try $wasmbox_class_body (result i32)\n"
        f"{m['indent']}  (do\n{m['call']}\n{m['indent']}  )\n"
        f"{m['indent']}  (catch_all\n"
        f"{m['indent']}   {restore}\n"
        f"{m['indent']}   (rethrow $wasmbox_class_body)\n"
        f"{m['indent']}  )\n"
        f"{m['indent']} )\n"
        f"{m['indent']})\n"
    )
    start = m.start("indent")
    end = wat.index(")\n", m.end("call")) + 2
    return wat[:start] + guarded + wat[end:]


#: What MicroPython uses when a file cannot say its buffer size: 25 bytes.
_DEFAULT_READ = 25
#: The most its reader can buffer (the buffer's length and position are bytes).
_MAX_READ = 255


def bigger_import_reads(wat: str) -> str:
    """``wat`` with MicroPython reading source and ``.mpy`` files 255 bytes at a time, not 25.

    ``mp_reader_new_file`` asks the file for a buffer size and, when it cannot
    say (our WASI files cannot), uses a 25-byte buffer: importing a 30 KB
    module made 1,300 ``fd_read`` calls, each a host call, and that was most
    of an import's time. 255 is the largest size the reader supports (the
    clamp right next to the default), and the buffer is allocated per open
    file from the GC heap, so it costs 230 bytes while a module loads.
    """
    default = f"(i32.const {_DEFAULT_READ})"
    stream_ioctl = re.compile(
        r"\(call_indirect \$\d+ \(type \$\d+\)\n\s+\(local\.get \$\d+\)\n\s+\(i32\.const 11\)"
    )
    hits = []
    for a, b in function_spans(wat):
        body = wat[a:b]
        if (
            body.count(default) == 1
            and f"(i32.const {_MAX_READ})" in body
            and stream_ioctl.search(body)
        ):
            hits.append((a, b))
    if len(hits) != 1:
        raise FixError(f"expected one mp_reader_new_file, found {len(hits)}")
    a, b = hits[0]
    return wat[:a] + wat[a:b].replace(default, f"(i32.const {_MAX_READ})") + wat[b:]
