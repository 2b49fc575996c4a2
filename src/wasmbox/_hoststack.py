"""Guest code runs on a host thread whose stack is big enough for it.

WebAssembly frames live on the calling thread's native stack. wasmtime stops
a guest that uses more than ``MAX_WASM_STACK`` of it with a clean trap, but it
cannot know how big the thread's stack really is: on a thread with less room
than that (``threading.stack_size(1 << 20)``, musl's 128 KiB default) deep
guest recursion runs into the guard page and the whole host process dies with
SIGSEGV. So before entering the guest, a thread's stack size is checked once
(``pthread_getattr_np``, glibc and musl); threads that are too small hand the
call to a worker thread created with enough stack. The check is cached per
thread, so the common case (the main thread and default glibc threads have
8 MiB) costs one attribute lookup per run.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import queue
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

from .engine import MAX_WASM_STACK

__all__ = ["NEEDED", "call_with_stack", "roomy_thread", "thread_stack_size"]

T = TypeVar("T")

_MiB = 1024 * 1024
#: The stack the guest may use plus room for the host frames below and above it.
NEEDED = MAX_WASM_STACK + 1 * _MiB
#: What the worker threads get.
_WORKER_STACK = 8 * _MiB

_local = threading.local()


def _pthread() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.pthread_getattr_np  # noqa: B018 - glibc and musl only
    except (OSError, AttributeError):
        return None
    libc.pthread_self.restype = ctypes.c_ulong
    libc.pthread_getattr_np.argtypes = [ctypes.c_ulong, ctypes.c_void_p]
    libc.pthread_attr_getstack.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    libc.pthread_attr_destroy.argtypes = [ctypes.c_void_p]
    return libc


_LIBC = _pthread()


def thread_stack_size() -> int | None:
    """The calling thread's stack size in bytes, or None where it cannot be read."""
    if _LIBC is None:
        return None
    attr = ctypes.create_string_buffer(256)  # pthread_attr_t is 56 or 64 bytes
    if _LIBC.pthread_getattr_np(_LIBC.pthread_self(), attr) != 0:
        return None
    try:
        addr, size = ctypes.c_void_p(), ctypes.c_size_t()
        if _LIBC.pthread_attr_getstack(attr, ctypes.byref(addr), ctypes.byref(size)) != 0:
            return None
        return size.value
    finally:
        _LIBC.pthread_attr_destroy(attr)


def _roomy() -> bool:
    ok: bool | None = getattr(_local, "ok", None)
    if ok is None:
        size = thread_stack_size()
        ok = size is None or size >= NEEDED
        _local.ok = ok
    return ok


_stack_size_lock = threading.Lock()


def roomy_thread(target: Callable[[], object], *, name: str) -> threading.Thread:
    """A started daemon thread running ``target`` with a stack big enough for guest code."""
    with _stack_size_lock:  # threading.stack_size is process-wide
        previous = threading.stack_size(_WORKER_STACK)
        try:
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    return thread


def call_with_stack(fn: Callable[[], T]) -> T:
    """``fn()``, on this thread if its stack is big enough, else on a roomy worker."""
    if _roomy():
        return fn()
    box: queue.SimpleQueue[tuple[bool, object]] = queue.SimpleQueue()

    def work() -> None:
        try:
            box.put((True, fn()))
        except BaseException as exc:  # handed back to the caller's thread
            box.put((False, exc))

    worker = roomy_thread(work, name="wasmbox-guest")
    worker.join()
    ok, value = box.get()
    if not ok:
        assert isinstance(value, BaseException)
        raise value
    return value  # type: ignore[return-value]
