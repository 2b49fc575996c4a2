"""The browser sandbox end to end: web/src/wasmbox.js and worker.js in headless Chromium.

Every test drives the real page module in Debian's Chromium against the
assets served by a real uvicorn server (fixtures in tests/browser.py).
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from browser import browser_run
from wasmbox import Sandbox

MiB = 1 << 20
FAST = {"timeoutMs": 1500}


def test_a_cell_prints_and_gives_its_value(page: Any) -> None:
    r = browser_run(page, "x = 6\nprint('hello', x)\nx * 7")
    assert r["status"] == "ok" and r["ok"] is True
    assert r["stdout"] == "hello 6\n"
    assert r["value"] == 42
    assert r["error"] is None and r["exit_code"] == 0
    assert r["duration_ms"] > 0 and r["memory_peak_bytes"] > 0


def test_the_result_has_the_servers_keys(page: Any, sandbox: Sandbox) -> None:
    browser = browser_run(page, "print(1)")
    server = sandbox.run("print(1)").to_dict()
    assert set(browser) == set(server)
    failed = browser_run(page, "1/0")
    assert set(failed["error"]) == set(sandbox.run("1/0").to_dict()["error"])


# Programs whose outcome must be the same on the server engine and in the browser.
PARITY = [
    "print('hi')",
    "x = 2\nx ** 10",
    "import sys; sys.argv",
    "def f(n):\n    return n * g(n)\n\nf(3)",
    "raise ValueError('bad value')",
    "d = {}\nd['missing']",
    "import json\njson.dumps({'a': [1, 2.5, None, True]})",
    "(1, 'two', b'three', {4})",
    "{'b': 1, 'a': [1, 2]}",
    "import sys\nsys.exit(3)",
    "import sys\nsys.exit(0)",
    "print('out')\nimport sys\nprint('err', file=sys.stderr)",
    "for i in range(3):\n    print(i)",
    "a = 1; a + 1",
    "x = [i * i for i in range(10)]\nsum(x)",
    "class A:\n    def __repr__(self):\n        return 'A()'\n\nprint(A())",
    "try:\n    [][1]\nexcept IndexError as e:\n    print('caught', type(e).__name__)",
    "import math\nround(math.pi, 4)",
    "def broken(:\n    pass",
    "'%s-%d' % ('a', 3)",
]


@pytest.mark.parametrize("code", PARITY)
def test_same_outcome_as_the_server_engine(page: Any, sandbox: Sandbox, code: str) -> None:
    browser = browser_run(page, code)
    server = sandbox.run(code).to_dict()
    assert browser["status"] == server["status"]
    assert browser["stdout"] == server["stdout"]
    assert browser["exit_code"] == server["exit_code"]
    assert browser["value"] == server["value"]
    if server["error"]:
        for key in ("type", "line", "summary"):
            assert browser["error"][key] == server["error"][key], key
        if server["error"]["type"] != "SyntaxError":
            assert browser["error"]["traceback"] == server["error"]["traceback"]
            assert browser["stderr"] == server["stderr"]


def test_inputs_become_globals(page: Any) -> None:
    r = browser_run(
        page,
        "(n + 1, name.upper(), sorted(opts), data, blob)",
        run={
            "inputs": {
                "n": 41,
                "name": "ada",
                "opts": {"b": 1, "a": 2},
                "data": [1.5, None],
                "blob": "x",
            }
        },
    )
    assert r["status"] == "ok", r["error"]
    assert r["value"] == {"$t": [42, "ADA", ["a", "b"], [1.5, None], "x"]}


def test_input_names_and_types_are_checked(page: Any) -> None:
    error = page.evaluate(
        """async () => {
          const { createSandbox } = await import('/web/wasmbox.js');
          const s = await createSandbox();
          const out = [];
          for (const inputs of [{'not a name': 1}, {f: () => 1}, {d: new Date()}]) {
            try { await s.run('1', { inputs }); out.push('accepted'); } catch (e) { out.push(e.name); }
          }
          return out;
        }"""
    )
    assert error == ["TypeError", "TypeError", "TypeError"]


def test_limits_are_checked(page: Any) -> None:
    errors = page.evaluate(
        """async () => {
          const { createSandbox } = await import('/web/wasmbox.js');
          const out = [];
          for (const o of [{timeoutMs: -1}, {memoryBytes: 1024}, {maxOutputBytes: NaN}, {timeoutMs: '5'}, {nope: 1}]) {
            try { await createSandbox(o); out.push('accepted'); } catch (e) { out.push(e.name); }
          }
          return out;
        }"""
    )
    assert errors == ["RangeError", "RangeError", "RangeError", "RangeError", "TypeError"]


def test_an_infinite_loop_times_out_and_the_next_run_works(page: Any) -> None:
    started = time.monotonic()
    r = browser_run(
        page, "for i in range(3):\n    print('before', i)\nwhile True:\n    pass", **FAST
    )
    assert r["status"] == "timeout"
    assert r["error"]["type"] == "Timeout"
    assert r["error"]["summary"] == "Time limit exceeded: the code ran for more than 1.5 s."
    assert r["exit_code"] is None
    assert (
        r["stdout"] == "before 0\nbefore 1\nbefore 2\n"
    )  # output streamed before the deadline is kept
    assert time.monotonic() - started < 10
    after = browser_run(page, "'alive'", **FAST)
    assert after["status"] == "ok" and after["value"] == "alive"


def test_sleep_is_bounded_by_the_deadline(page: Any) -> None:
    r = browser_run(page, "import time\ntime.sleep(60)", **FAST)
    assert r["status"] == "timeout"


def test_a_memory_bomb_ends_in_memory_limit(page: Any) -> None:
    r = browser_run(
        page, "a = []\nwhile True:\n    a.append(bytearray(1 << 20))", memoryBytes=24 * MiB, **FAST
    )
    assert r["status"] == "memory_limit", r
    assert r["error"]["type"] == "MemoryError"
    assert r["error"]["line"] == 3
    assert r["memory_peak_bytes"] <= 24 * MiB
    after = browser_run(page, "sum(range(10))", memoryBytes=24 * MiB, **FAST)
    assert after["value"] == 45


def test_memory_error_is_catchable(page: Any) -> None:
    r = browser_run(
        page,
        "try:\n    x = bytearray(64 << 20)\nexcept MemoryError:\n    print('caught')\nlen(bytearray(1000))",
        memoryBytes=24 * MiB,
    )
    assert r["status"] == "ok" and r["stdout"] == "caught\n" and r["value"] == 1000


@pytest.mark.parametrize(
    "code",
    [
        "while True:\n    print('x' * 100)",
        "print('y' * (3 << 20))",  # one huge line: counted inside the line
        "import sys\nwhile True:\n    sys.stdout.write('z')",
        "import sys\nwhile True:\n    sys.stderr.write('e' * 1000)",
        "while True:\n    try:\n        print('w' * 1000)\n    except OSError:\n        pass",
    ],
)
def test_output_floods_stop_at_the_cap(page: Any, code: str) -> None:
    cap = 64 * 1024
    r = browser_run(page, code, maxOutputBytes=cap, **FAST)
    assert r["status"] == "output_limit", r["status"]
    assert r["truncated"] is True
    assert r["error"]["type"] == "OutputLimitExceeded"
    out = r["stdout"] + r["stderr"]
    assert len(out.encode()) == cap  # the first bytes are kept, up to the cap exactly
    assert out[0] in "xyzew"


def test_input_reads_stdin_then_raises_eof(page: Any) -> None:
    r = browser_run(
        page, "a = input('name? ')\nb = input()\nprint(a, b)\ninput()", run={"stdin": "ada\nbob\n"}
    )
    assert r["stdout"] == "name? ada bob\n"
    assert r["status"] == "error" and r["error"]["type"] == "EOFError" and r["error"]["line"] == 4


def test_input_without_stdin_does_not_hang(page: Any) -> None:
    r = browser_run(page, "input()", **FAST)
    assert r["status"] == "error" and r["error"]["type"] == "EOFError"
    r = browser_run(page, "import sys\nlen(sys.stdin.read())", stdin="abc")
    assert r["value"] == 3


def test_files_written_are_returned(page: Any) -> None:
    r = browser_run(
        page, "open('out.txt', 'w').write('hi')\nopen('b.bin', 'wb').write(bytes([255, 0]))"
    )
    assert r["files"] == {"out.txt": "hi", "b.bin": {"base64": "/wA="}}


def test_a_fresh_run_sees_nothing_of_the_last(page: Any) -> None:
    browser_run(page, "secret = 42\nopen('left.txt', 'w').write('x')")
    r = browser_run(page, "import os\n('secret' in globals(), os.listdir())")
    assert r["value"] == {"$t": [False, []]}


#: What a run can see of its interpreter's boot: modules, paths, built-ins, heap.
BOOT_PROBE = (
    "import sys, os, gc, builtins, re\n"
    "print(sorted(sys.modules), sys.path, sys.argv, os.getcwd(), sorted(os.listdir('/lib')))\n"
    "print(sorted(dir(builtins)), gc.mem_alloc(), re.sub('a+', 'b', 'caaat'))\n"
    "print(sorted([(1, 'b'), (0, 'c'), (1, 'a')], key=lambda t: t[0]), format(2 / 3, '.3f'))\n"
    "try:\n    open('/nope')\nexcept FileNotFoundError as e:\n    print(type(e).__name__, e.errno)\n"
    "import _wasmbox_io\nprint(_wasmbox_io._hc('f:fetch', '[[], {}]'))\n"  # the page's host call
    "print(input(), input())"
)

#: Fresh sandboxes until one's worker started from the boot image (the first
#: worker of a page boots in full; another takes the image meanwhile).
_RESTORED = """async ([code, stdin]) => {
  const { createSandbox } = await import('/web/wasmbox.js');
  const booted = await createSandbox();
  const results = [[booted._spare.phases.restored, await booted.run(code, { stdin })]];
  for (let i = 0; i < 200; i++) {
    const s = await createSandbox();
    const restored = s._spare.phases.restored;
    if (restored) {
      results.push([restored, await s.run(code, { stdin })], [restored, await s.run(code, { stdin })]);
      return results;
    }
    s.close();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no worker started from a boot image');
}"""


def test_a_worker_from_the_boot_image_is_a_booted_one(page: Any) -> None:
    """The image replaces the runner's import: nothing a run can see differs."""
    runs = page.evaluate(_RESTORED, [BOOT_PROBE, "a\nb\n"])
    assert [restored for restored, _ in runs] == [False, True, True]
    first = runs[0][1]
    assert first["status"] == "ok", first["error"]
    assert first["stdout"].endswith(
        'FileNotFoundError 2\n.!["PermissionError","this sandbox grants no host functions"]\na b\n'
    )
    for _, r in runs[1:]:
        assert (r["status"], r["stdout"], r["stderr"]) == ("ok", first["stdout"], "")


def test_workers_from_the_boot_image_do_not_share_random_state(page: Any) -> None:
    # The seeds alone, from the overlay's random and MicroPython's own: were the
    # seeded state in the image, every worker started from it would print the same.
    code = (
        "import random, _wasmbox\n"
        "print(random.getrandbits(32), _wasmbox.builtin('random').getrandbits(32))"
    )
    runs = page.evaluate(_RESTORED, [code, ""])
    assert all(r["status"] == "ok" for _, r in runs), runs
    overlay = [r["stdout"].split()[0] for _, r in runs]
    builtin = [r["stdout"].split()[1] for _, r in runs]
    assert len(set(overlay)) == 3 and len(set(builtin)) == 3, runs


def test_a_run_cannot_reach_later_workers_through_the_boot_image(page: Any) -> None:
    """Images are taken by a worker that never runs anything, before it is ready."""
    tamper = (
        "import builtins, sys, os\n"
        "builtins.planted = 1\nsys.modules['planted'] = sys\nsys.path.insert(0, '/work')\n"
        "os.chdir('/tmp')\nimport _wasmbox_web\n_wasmbox_web.run = None\n"
        "open('/lib/planted.py', 'w').write('x = 1')"
    )
    check = (
        "import builtins, sys, os\n"
        "print(hasattr(builtins, 'planted'), 'planted' in sys.modules, sys.path, os.getcwd(),\n"
        "      'planted.py' in os.listdir('/lib'))"
    )
    for _ in range(3):  # the first worker, then workers from the image once there is one
        assert browser_run(page, tamper)["status"] == "ok"
    runs = page.evaluate(_RESTORED, [check, ""])
    for _, r in runs:
        assert r["stdout"] == "False False ['', '/lib', '.frozen'] /work False\n", r


def test_a_session_keeps_state_and_restarts_after_a_timeout(page: Any) -> None:
    assert browser_run(page, "x = 1", session="s", **FAST)["status"] == "ok"
    assert browser_run(page, "x += 1\nx", session="s", **FAST)["value"] == 2
    assert browser_run(page, "while True: pass", session="s", **FAST)["status"] == "timeout"
    r = browser_run(page, "x", session="s", **FAST)
    assert r["status"] == "error" and r["error"]["type"] == "NameError"
    assert page.evaluate("window.__sessions['s'].restarts") == 1


def test_leftover_timers_and_promises_do_not_leak_into_the_next_cell(page: Any) -> None:
    first = browser_run(
        page,
        "import js\n"
        "js.setTimeout(lambda: print('late timer'), 50)\n"
        "js.setInterval(lambda: print('interval'), 20)\n"
        "js.Promise.resolve(1).then(lambda x: print('microtask', x))\n"
        "print('cell 1')",
        session="t",
    )
    assert first["status"] == "ok"
    assert first["stdout"] == "cell 1\nmicrotask 1\n"  # settled within its own cell
    page.wait_for_timeout(300)
    second = browser_run(page, "print('cell 2')", session="t")
    assert second["stdout"] == "cell 2\n"


def test_the_guest_sees_no_host_details(page: Any) -> None:
    r = browser_run(
        page,
        "import js, os\n"
        "names = ['fetch', 'XMLHttpRequest', 'WebSocket', 'navigator', 'location', 'indexedDB',\n"
        "         'caches', 'postMessage', 'importScripts', 'eval', 'Function', 'Worker', 'close',\n"
        "         'BroadcastChannel', 'addEventListener', 'onmessage', 'self', 'performance']\n"
        "[n for n in names if hasattr(js, n)], os.getcwd(), sorted(os.listdir('/'))",
    )
    assert r["status"] == "ok", r["error"]
    present, cwd, root = r["value"]["$t"]
    assert present == []
    assert cwd == "/work"
    # Emscripten's in-memory tree, the overlay library and the workspace: no host paths.
    assert set(root) <= {"dev", "home", "lib", "proc", "tmp", "work"}
