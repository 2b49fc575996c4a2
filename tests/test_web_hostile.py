"""Hostile guests in the browser sandbox: what they do to the worker's own code and to the page.

Beyond the network (test_web_escapes.py): a guest that rewires the worker's
intrinsics or its filesystem functions, starts work that would outlive the
worker or run between cells, fills the in-memory filesystem, or forges what
its results contain. Each must end in a bounded, classified result.
"""

from __future__ import annotations

import time
from typing import Any

from browser import browser_run

MiB = 1 << 20


def test_no_webcrypto_atomics_or_registries_survive(page: Any) -> None:
    r = browser_run(
        page,
        "import js\n"
        "(hasattr(js.crypto, 'subtle'), hasattr(js.crypto, 'randomUUID'), hasattr(js, 'Atomics'),\n"
        " hasattr(js, 'FinalizationRegistry'), hasattr(js, 'SharedArrayBuffer'),\n"
        " len(bytes(js.crypto.getRandomValues(js.Uint8Array.new(4)))))",
    )
    assert r["status"] == "ok", r["error"]
    assert r["value"] == {"$t": [False, False, False, False, False, 4]}
    made = browser_run(
        page, "import js\njs.pyProxyFinalizationRegistry.constructor.new(lambda x: print(x))"
    )
    assert made["error"]["type"] == "JsException"


def test_intrinsics_the_worker_relies_on_cannot_be_replaced(page: Any) -> None:
    for code in [
        "import js\njs.Array.prototype.push = js.Math.abs",
        "import js\njs.Set.prototype.add = js.Math.abs",
        "import js\njs.Uint8Array.prototype.slice = js.Math.abs",
        "import js\nd = js.JSON.parse('{\"value\": 1}')\n"
        "js.Object.defineProperty(js.WebAssembly.Memory.prototype, 'buffer', d)\nNone",
        "import js\njs.Function.prototype.call = js.Math.abs",
    ]:
        r = browser_run(page, code)
        assert r["status"] == "error", code
        assert r["error"]["type"] in ("JsException", "AttributeError"), (code, r["error"])


def test_timers_do_not_run_between_cells(page: Any) -> None:
    first = browser_run(
        page,
        "import js\nn = 0\ndef tick():\n    global n\n    n += 1\njs.setInterval(tick, 5)",
        session="idle",
    )
    assert first["status"] == "ok", first["error"]
    page.wait_for_timeout(400)
    assert browser_run(page, "n", session="idle")["value"] == 0


def test_a_setter_on_object_prototype_cannot_keep_a_timer_past_its_cell(page: Any) -> None:
    # The worker appended each timer at guestTimers[length]: an index past the end is
    # looked up on the prototype chain first, where the guest's setter swallowed it.
    first = browser_run(
        page,
        "import js\nn = 0\ndef tick():\n    global n\n    n += 1\n"
        "d = js.Object.new()\nd.set = lambda v: None\nd.configurable = True\n"
        "for i in range(7):\n    js.setTimeout(lambda: None, 100000)\n"
        "js.Object.defineProperty(js.Object.prototype, '7', d)\n"
        "js.setInterval(tick, 20)\n"
        "js.Reflect.deleteProperty(js.Object.prototype, '7')",
        session="setter",
    )
    assert first["status"] == "ok", first["error"]
    page.wait_for_timeout(400)
    assert browser_run(page, "n", session="setter")["value"] == 0


def test_a_file_view_is_counted_by_the_buffer_behind_it(page: Any) -> None:
    # The budget counted a view's 2 bytes, and the 64 MiB buffer behind each crossed
    # to the page whole.
    r = browser_run(
        page,
        "import js\nfor i in range(4):\n    open('f%d' % i, 'w').close()\n"
        "big = js.ArrayBuffer.new(64 << 20)\n"
        "js.Module.FS.readFile = lambda *a: js.Uint8Array.new(big, 0, 2)",
        maxFilesBytes=1 * MiB,
        timeoutMs=8000,
    )
    assert r["status"] == "ok", r["error"]
    assert r["files"] == {}


def test_resetting_a_session_ends_the_cell_it_is_running(page: Any) -> None:
    # reset() only terminated the worker: the cell waited for its deadline, then said
    # 'timeout'. The notebook's Restart button takes this path.
    r = page.evaluate(
        """async () => {
          const { createSandbox } = await import('/web/wasmbox.js');
          const sb = await createSandbox({ timeoutMs: 8000 });
          const s = sb.session();
          await s.run('x = 1');
          const t0 = performance.now();
          const cell = s.run('while True: pass');
          await new Promise((r) => setTimeout(r, 300));
          s.reset();
          const r = await cell;
          const after = await s.run('1 + 1');
          sb.close();
          return { ms: performance.now() - t0, status: r.status, after: after.value };
        }"""
    )
    assert r["status"] == "crashed", r
    assert r["ms"] < 3000, r
    assert r["after"] == 2, r


def test_the_filesystem_is_under_quota(page: Any) -> None:
    big = browser_run(
        page,
        "chunk = b'x' * (1 << 20)\nwith open('/tmp/big', 'wb') as f:\n    for i in range(600):\n"
        "        f.write(chunk)",
        maxFilesBytes=16 * MiB,
    )
    assert big["status"] == "error" and big["error"]["type"] == "OSError"
    assert "Errno 28" in big["error"]["message"]  # ENOSPC
    many = browser_run(
        page, "for i in range(5000):\n    open('f%d' % i, 'w').close()", maxFiles=200
    )
    assert many["status"] == "error" and many["error"]["type"] == "OSError"
    freed = browser_run(
        page,
        "import os\nfor i in range(3):\n    with open('a', 'wb') as f:\n        f.write(b'y' * (6 << 20))\n"
        "    os.remove('a')\n'done'",
        maxFilesBytes=16 * MiB,
    )
    assert freed["value"] == "done", freed["error"]  # removed files give their room back


def test_a_rewired_filesystem_cannot_flood_the_page(page: Any) -> None:
    started = time.monotonic()
    r = browser_run(
        page,
        "import js\n"
        "for i in range(100):\n    open('f%d' % i, 'w').close()\n"
        "big = js.Uint8Array.new(64 << 20)\n"
        "js.Module.FS.readFile = lambda *a: big",
        maxFilesBytes=1 * MiB,
        timeoutMs=8000,
    )
    assert time.monotonic() - started < 8
    assert r["status"] == "ok"
    assert r["files"] == {}  # 64 MiB files are over the 1 MiB budget: none is sent


def test_file_names_from_the_worker_are_checked(page: Any) -> None:
    r = browser_run(
        page,
        "import js\n"
        "js.Module.FS.readdir = lambda p: js.Array.of('__proto__', '..', 'a/../../evil', 'ok.txt')\n"
        'js.Module.FS.stat = lambda p: js.JSON.parse(\'{"mode": 32768, "size": 2}\')\n'
        "js.Module.FS.readFile = lambda *a: js.Uint8Array.of(104, 105)",
    )
    assert r["files"] == {"ok.txt": "hi"}
    assert page.evaluate("Object.prototype.base64") is None


def test_a_forged_value_cannot_carry_a_prototype(page: Any) -> None:
    r = browser_run(
        page,
        "import _wasmbox_io\n"
        '_wasmbox_io.encode = lambda v: \'{"a": 1, "__proto__": {"polluted": true}}\'\n'
        "1",
        session="forged",
    )
    assert r["value"] == {"a": 1}
    polluted = page.evaluate(
        "(() => { const v = window.__last = {}; return Object.keys(Object.prototype).length; })()"
    )
    assert polluted == 0


def test_js_side_allocations_are_a_known_gap_but_end_cleanly(page: Any) -> None:
    """JS memory is outside the wasm cap (documented); the run still ends and the next works."""
    r = browser_run(page, "import js\nkeep = js.ArrayBuffer.new(64 << 20)\nkeep.byteLength")
    assert r["status"] == "ok" and r["value"] == 64 << 20
    assert browser_run(page, "1 + 1")["value"] == 2
