"""Guest code cannot reach the interpreter's memory or the bootstrap's reporting.

``uctypes`` and ``machine`` read and write the interpreter's own linear memory;
the build takes them out of MicroPython's module tables (see
``wasmbox._artifact.fixes.hide_builtin_modules``), so no route imports them.
A filesystem mounted from a Python object could serve ``.mpy`` bytecode that
``import`` runs unverified: the build takes ``vfs`` out the same way and
``mount``/``umount`` out of the built-in ``os`` (see
``wasmbox._artifact.fixes.remove_mount_functions``).
The bootstrap keeps what its loop calls in locals, so guest code that reaches
``__main__`` or the runtime's modules cannot replace what reports a run.
"""

from __future__ import annotations

import ctypes

import pytest

from wasmbox import Limits, RunStatus, Sandbox

ROUTES = {
    "import": "import uctypes",
    "import machine": "import machine",
    "u-prefix alias": "import umachine",
    "double u": "import uuctypes",
    "from import": "from uctypes import bytes_at",
    "import as": "import machine as m",
    "__import__": "__import__('uctypes')",
    "__import__ machine": "__import__('machine')",
    "builtins.__import__": "import builtins\nbuiltins.__import__('machine')",
    "exec": "exec('import uctypes')",
    "del sys.modules": "import sys\nsys.modules.pop('uctypes', None)\nimport uctypes",
    "sys.modules.clear()": "import sys\nsys.modules.clear()\nimport uctypes",
    "empty sys.path": "import sys\nsys.path.clear()\nimport machine",
    "runtime helper": "import _wasmbox\n_wasmbox.builtin('uctypes')",
    "runtime helper machine": "import _wasmbox\n_wasmbox.builtin('machine')",
    "import vfs": "import vfs",
    "from vfs import": "from vfs import mount",
    "runtime helper vfs": "import _wasmbox\n_wasmbox.builtin('vfs')",
    "overridden __import__": (
        "import builtins\n_real = builtins.__import__\n"
        "builtins.__import__ = lambda *a, **k: _real(*a, **k)\nimport uctypes"
    ),
}


@pytest.mark.parametrize("code", ROUTES.values(), ids=ROUTES.keys())
def test_no_route_imports_the_memory_modules(sandbox: Sandbox, code: str) -> None:
    result = sandbox.run(code)
    assert result.status is RunStatus.ERROR, result
    # ImportError when sys.path is empty (the runtime names the other case as CPython does).
    assert result.error is not None
    assert result.error.type in ("ModuleNotFoundError", "ImportError")


def test_a_constant_of_the_module_does_not_fold_without_it(sandbox: Sandbox) -> None:
    # The compiler folded `uctypes.UINT8` to an int from its own table of modules.
    result = sandbox.run("uctypes.UINT8")
    assert result.error is not None and result.error.type == "NameError"


@pytest.mark.parametrize("name", ["uctypes", "machine"])
def test_a_workspace_module_of_that_name_is_the_users_own(sandbox: Sandbox, name: str) -> None:
    files = {f"{name}.py": b"def bytes_at(a, n):\n    return b'mine'\n"}
    result = sandbox.run(f"import {name}\n{name}.bytes_at(0, 4)", files=files)
    assert result.status is RunStatus.OK and result.value == b"mine", result


def test_help_modules_lists_neither(sandbox: Sandbox) -> None:
    result = sandbox.run("help('modules')")
    assert result.status is RunStatus.OK, result
    listed = result.stdout.split()
    assert {"gc", "sys", "math", "json", "os", "re", "time"} <= set(listed)
    assert "uctypes" not in listed and "machine" not in listed and "vfs" not in listed
    assert sandbox.run("print('alive')").stdout == "alive\n"


def test_no_built_in_module_hands_them_out(sandbox: Sandbox) -> None:
    """Every built-in module's attributes, one level down: no memory module, no memory view."""
    listed = sandbox.run("help('modules')").stdout.split()
    names = [n for n in listed if n.isidentifier() and n != "__main__"]
    code = (
        f"seen = []\nfor n in {names!r}:\n"
        "    try:\n"
        "        m = __import__(n)\n"
        "    except Exception:\n"
        "        continue\n"
        "    for a in dir(m):\n"
        "        try:\n"
        "            r = repr(getattr(m, a))\n"
        "        except Exception:\n"
        "            continue\n"
        "        if 'uctypes' in r or \"<module 'machine'\" in r or a in ('mem8', 'mem32', 'bytes_at'):\n"
        "            seen.append(n + '.' + a)\n"
        "seen"
    )
    result = sandbox.run(code)
    assert len(names) > 20 and result.status is RunStatus.OK, result
    assert result.value == []


# -- no filesystem mounted from a Python object ----------------------------------------------

#: A filesystem served by a Python object: it holds one file, ``m.mpy``, whose
#: bytes are not an .mpy header: before the fix, importing it failed with
#: "incompatible .mpy file", proof that the loader read it (any bytes would have
#: been loaded). ``MOUNT`` is replaced by a route.
USER_VFS = """
import io, sys
class UserFS:
    def mount(self, readonly, mkfs): pass
    def umount(self): pass
    def chdir(self, path): pass
    def getcwd(self): return '/'
    def ilistdir(self, path): return iter([('m.mpy', 0x8000, 0, 8)])
    def stat(self, path):
        path = path.strip('/')
        if path == 'm.mpy':
            return (0x8000, 0, 0, 0, 0, 0, 8, 0, 0, 0)
        if not path:
            return (0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        raise OSError(2)
    def statvfs(self, path): return (512, 512, 1, 1, 1, 1, 1, 1, 0, 255)
    def open(self, path, mode): return io.BytesIO(b'XXXXXXXX')
    def remove(self, path): pass
    def mkdir(self, path): pass
sys.path.insert(0, '/userfs')
MOUNT
print('mounted')
import m
"""

#: The vfs module is not found (as ImportError when the runtime does not rename it).
NOT_FOUND = ("ModuleNotFoundError", "ImportError")

MOUNT_ROUTES = {
    "vfs.mount": ("import vfs\nvfs.mount(UserFS(), '/userfs')", NOT_FOUND),
    "from vfs import mount": (
        "from vfs import mount\nmount(UserFS(), '/userfs')",
        NOT_FOUND,
    ),
    "os.mount": ("import os\nos.mount(UserFS(), '/userfs')", ("AttributeError",)),
    "builtin os": (
        "import _wasmbox\n_wasmbox.builtin('os').mount(UserFS(), '/userfs')",
        ("AttributeError",),
    ),
    "builtin vfs": (
        "import _wasmbox\n_wasmbox.builtin('vfs').mount(UserFS(), '/userfs')",
        NOT_FOUND,
    ),
    "the os overlay's built-in": (
        "import os\nos._b.mount(UserFS(), '/userfs')",
        ("AttributeError",),
    ),
    "__dict__, interned": (
        "import _wasmbox\n_wasmbox.builtin('os').__dict__['mount'](UserFS(), '/userfs')",
        ("KeyError",),
    ),
    "__dict__, built string": (
        "import _wasmbox\nd = _wasmbox.builtin('os').__dict__\n"
        "d[''.join(['mo', 'unt'])](UserFS(), '/userfs')",
        ("KeyError",),
    ),
    "getattr, built string": (
        "import _wasmbox\ngetattr(_wasmbox.builtin('os'), 'mo' + 'unt')(UserFS(), '/userfs')",
        ("AttributeError",),
    ),
    "through sys.modules": (
        "import sys, _wasmbox\nsys.modules.pop('os', None)\nsys.path.clear()\n"
        "import os\nos.mount(UserFS(), '/userfs')",
        ("AttributeError",),
    ),
}


@pytest.fixture(scope="module")
def plain() -> Sandbox:
    return Sandbox(compat=False)


@pytest.mark.parametrize("compat", [True, False], ids=["compat", "plain"])
@pytest.mark.parametrize(("route", "error"), MOUNT_ROUTES.values(), ids=MOUNT_ROUTES.keys())
def test_no_route_mounts_a_python_object(
    sandbox: Sandbox, plain: Sandbox, compat: bool, route: str, error: tuple[str, ...]
) -> None:
    result = (sandbox if compat else plain).run(USER_VFS.replace("MOUNT", route))
    assert result.status is RunStatus.ERROR, result
    assert "mounted" not in result.stdout
    assert result.error is not None and result.error.type in error, result.error


def test_no_module_lists_mount_or_umount(plain: Sandbox) -> None:
    code = (
        "import _wasmbox, os\nb = _wasmbox.builtin('os')\nd = b.__dict__\n"
        "k = ''.join(['mo', 'unt'])\n"
        "print([n for n in dir(b) + dir(os) + list(d) if 'mount' in n],"
        " k in d, d.get(k), 'umount' in d, len(d) == len(list(d)), d.get('get' + 'cwd') is b.getcwd)"
    )
    result = plain.run(code)
    assert result.stdout == "[] False None False True True\n", result


FILE_ACCESS = """
import os
os.mkdir('d')
os.chdir('d')
with open('f.txt', 'w') as f:
    f.write('hello')
here = os.getcwd()
os.chdir('..')
with open('d/f.txt') as f:
    text = f.read()
(here.endswith('/d'), text, os.listdir('d'), os.stat('d/f.txt')[6], 'd' in os.listdir())
"""


@pytest.mark.parametrize("compat", [True, False], ids=["compat", "plain"])
def test_ordinary_file_access_still_works(sandbox: Sandbox, plain: Sandbox, compat: bool) -> None:
    result = (sandbox if compat else plain).run(FILE_ACCESS)
    assert result.status is RunStatus.OK, result
    assert result.value == (True, "hello", ["f.txt"], 5, True)


def test_a_workspace_module_still_imports(plain: Sandbox) -> None:
    files = {"mine.py": b"X = 3\n", "pkg/__init__.py": b"Y = 4\n"}
    result = plain.run("import mine, pkg\nmine.X + pkg.Y", files=files)
    assert result.status is RunStatus.OK and result.value == 7, result


# -- the bootstrap's loop cannot be replaced -------------------------------------------------

#: Replaces the bootstrap's old reporting helper with one of the same shape that
#: reports a success whose value is 42, whatever the program did.
FORGE_GET = """
import __main__, host
def _get(n, a):
    c = host.call(n, 'o42')
    if not c.startswith('+'):
        return c[1:]
    parts = [c[1:]]
    while c.startswith('+'):
        c = host.call('wasmbox.program', '')
        parts.append(c[1:])
    return ''.join(parts)
__main__._get = _get
"""

#: Replaces the runtime's `run`, which the bootstrap calls for each request.
FORGE_RUN = """
import _wasmbox_io, host
def run(msg, g, keep):
    host.call('wasmbox.done', 'o42')
    return 'o42'
_wasmbox_io.run = run
"""

#: Makes `_wasmbox_io.once` a call into guest code.
FORGE_ONCE = """
import _wasmbox_io, host
del _wasmbox_io.once
def __getattr__(name):
    host.call('wasmbox.done', 'o42')
    return True
_wasmbox_io.__getattr__ = __getattr__
"""

FORGERIES = {"__main__._get": FORGE_GET, "_wasmbox_io.run": FORGE_RUN, "once": FORGE_ONCE}


@pytest.mark.parametrize("forgery", FORGERIES.values(), ids=FORGERIES.keys())
@pytest.mark.parametrize(
    ("tail", "status", "value"),
    [
        ("7", RunStatus.OK, 7),
        ("1/0", RunStatus.ERROR, None),
        ("import sys\nsys.exit(3)", RunStatus.ERROR, None),
        ("raise SystemExit", RunStatus.OK, None),
    ],
    ids=["value", "error", "exit", "exit0"],
)
def test_a_replaced_reporter_does_not_change_the_result(
    sandbox: Sandbox, forgery: str, tail: str, status: RunStatus, value: object
) -> None:
    result = sandbox.run(forgery + tail)
    assert (result.status, result.value) == (status, value), result


@pytest.mark.parametrize("forgery", FORGERIES.values(), ids=FORGERIES.keys())
def test_a_replaced_reporter_does_not_change_a_sessions_next_results(
    sandbox: Sandbox, forgery: str
) -> None:
    with sandbox.session(limits=Limits(memory=8 << 20)) as s:
        assert s.run(forgery + "5").value == 5
        assert s.run("8").value == 8
        result = s.run("1/0")
        assert result.status is RunStatus.ERROR and result.value is None
        assert s.run("[1, 2]").value == [1, 2]


def test_main_holds_none_of_the_bootstraps_helpers(sandbox: Sandbox) -> None:
    result = sandbox.run(
        "import __main__\nsorted(n for n in dir(__main__) if not n.startswith('__'))"
    )
    assert result.value == ["_wasmbox"], result


def test_calling_the_bootstrap_again_gets_no_request(sandbox: Sandbox) -> None:
    # Its calls come from deeper than the host accepts: the reply is an empty request.
    code = "import __main__\nprint(__main__._wasmbox())\n7"
    result = sandbox.run(code)
    assert (result.status, result.value, result.stdout) == (RunStatus.OK, 7, "None\n")
    with sandbox.session() as s:
        assert s.run(code).value == 7
        assert s.run("8").value == 8


def test_input_still_reads_stdin_and_ends_with_eof(sandbox: Sandbox) -> None:
    code = "print(input('> '))\ntry:\n    input()\nexcept EOFError as e:\n    print('eof', e)"
    result = sandbox.run(code, stdin=b"hello\n")
    assert result.stdout == "> hello\neof EOF when reading a line\n", result


def test_a_long_program_arrives_in_chunks(sandbox: Sandbox) -> None:
    """Programs longer than one host reply are gathered by the bootstrap's loop."""
    code = "x = '" + "é" * 40_000 + "'\nlen(x)"
    assert sandbox.run(code).value == 40_000
    with sandbox.session() as s:
        assert s.run(code).value == 40_000
        assert s.run("len(x) + 1").value == 40_001


STALE_VIEW = r"""
import struct
b = bytearray(256)
m = memoryview(b)
b.extend(bytes(8192))  # b moves; m still points at the old, freed buffer
x = [bytearray(b'Q' * 20) for i in range(40)]
s = bytes(m)
found = False
for off in range(0, len(s) - 16, 4):
    t, tc, ln, it = struct.unpack_from('<IIII', s, off)
    if tc == 1 and ln == 20 and it:
        m[off + 8:off + 16] = struct.pack('<II', 1 << 24, 0)  # a bytearray over all memory
        big = [y for y in x if len(y) != 20][0]
        found = big.find(b'MAR' + b'KER-TAIL') >= 0
        break
found
"""


@pytest.mark.xfail(
    strict=True,
    reason="known limit: MicroPython is not memory-safe against its own code; a memoryview "
    "of a bytearray that has grown reads and writes freed memory (inside the guest only)",
)
def test_a_stale_memoryview_cannot_reach_the_interpreters_memory() -> None:
    result = Sandbox(compat=False).run(STALE_VIEW + "Z = 'MARKER-TAIL'\n")
    assert result.status is not RunStatus.OK or result.value is False


#: Leaves 64 KiB of 0xA5 twice: just past where a short run allocates (in the pages a
#: freed slot keeps and copies back) and 3 MB further (in the pages it gives back).
LEAVE_PATTERN = (
    "pad = bytearray(100_000)\n"
    "near = bytearray(b'\\xa5' * 65536)\n"
    "far_pad = bytearray(3_000_000)\n"
    "far = bytearray(b'\\xa5' * 65536)\n"
)
#: With the stale view's bytearray over 16 MiB of memory, counts the runs of 0xA5
#: longer than its own 256-byte key (which is in memory too, but ends where it ends).
FIND_PATTERN = (
    STALE_VIEW.replace("\nfound\n", "\n") + "key = b'\\xa5' * 256\n"
    "p = big.find(key)\n"
    "runs = 0\n"
    "while p >= 0:\n"
    "    if big.find(key, p + 1) == p + 1:\n"
    "        runs += 1\n"
    "        p = big.find(key, p + 65536)\n"
    "    else:\n"
    "        p = big.find(key, p + 1)\n"
    "print(len(big), runs)\n"
)


def test_a_run_reading_all_memory_finds_nothing_of_the_run_before_in_its_slot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The guest reads freed memory through a stale view (the known limit above) and
    # looks for what the previous run in the same pooled slot left: the slot's reset
    # (pages kept are copied back from the image, the rest given back) leaves nothing.
    from wasmbox import runner

    bases: list[int] = []
    real_close = runner.close

    def close(parked: runner.Parked) -> None:
        if parked.store is not None and parked.state.memory is not None:
            pointer = parked.state.memory.data_ptr(parked.store)
            bases.append(ctypes.cast(pointer, ctypes.c_void_p).value or 0)
        real_close(parked)

    sandbox = Sandbox(compat=False)
    control = sandbox.run(LEAVE_PATTERN + FIND_PATTERN)  # the search finds a run's own
    assert control.stdout.split()[0] == str(1 << 24) and int(control.stdout.split()[1]) >= 2
    with sandbox.session() as session:  # and what a session's earlier call freed: its heap
        assert session.run(LEAVE_PATTERN + "del pad, near, far_pad, far\n").ok  # lives on
        assert int(session.run(FIND_PATTERN).stdout.split()[1]) >= 2
    monkeypatch.setattr(runner, "close", close)
    left = sandbox.run(LEAVE_PATTERN)
    after = sandbox.run(FIND_PATTERN)
    assert left.ok and after.ok, (left, after)
    assert bases[0] == bases[-1], "the second run did not get the first one's slot"
    assert after.stdout == f"{1 << 24} 0\n"
