"""Guest code never overflows a small host thread stack (that would kill the process)."""

from __future__ import annotations

import subprocess
import sys
import threading

from wasmbox._hoststack import NEEDED, call_with_stack, thread_stack_size

DEEP = "\n".join(
    [
        "def f(n):",
        "    return f(n + 1)",
        "try:",
        "    f(0)",
        "except RuntimeError as e:",
        "    print('stopped:', e)",
    ]
)

# Runs in a child process: if the guard failed, the child dies with SIGSEGV
# and the test reports it instead of taking pytest down.
CHILD = f"""
import threading
from wasmbox import Sandbox
from wasmbox._hoststack import thread_stack_size
out = []
def go():
    out.append(thread_stack_size())
    out.append(Sandbox().run({DEEP!r}).stdout)
threading.stack_size(512 * 1024)
t = threading.Thread(target=go)
t.start()
t.join()
print(out[0], out[1], end='')
"""


def test_deep_guest_recursion_on_a_small_thread_stack_is_a_clean_error() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    size, _, stdout = proc.stdout.partition(" ")
    assert int(size) == 512 * 1024
    assert stdout == "stopped: maximum recursion depth exceeded\n"


def test_thread_stack_size_reads_the_calling_threads_stack() -> None:
    main = thread_stack_size()
    assert main is not None and main >= NEEDED
    seen: list[int | None] = []
    previous = threading.stack_size(256 * 1024)
    try:
        t = threading.Thread(target=lambda: seen.append(thread_stack_size()))
        t.start()
        t.join()
    finally:
        threading.stack_size(previous)
    assert seen == [256 * 1024]


def test_call_with_stack_moves_work_off_a_small_thread_and_returns_or_raises() -> None:
    results: list[object] = []

    def on_small_thread() -> None:
        here = threading.get_ident()
        results.append(call_with_stack(lambda: threading.get_ident() != here))
        try:
            call_with_stack(lambda: 1 // 0)
        except ZeroDivisionError as exc:
            results.append(type(exc).__name__)

    previous = threading.stack_size(256 * 1024)
    try:
        t = threading.Thread(target=on_small_thread)
        t.start()
        t.join()
    finally:
        threading.stack_size(previous)
    assert results == [True, "ZeroDivisionError"]
    # On a roomy thread the call stays where it is.
    here = threading.get_ident()
    assert call_with_stack(threading.get_ident) == here
