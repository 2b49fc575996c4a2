"""Fixes to MicroPython's own code, applied to the artifact's text at build time.

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

import re

__all__ = ["FixError", "restore_locals_after_class_body"]


class FixError(Exception):
    """The artifact does not have the code a fix expects."""


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
