"""Fast paths over wasmtime's C API, for the few calls made on every run.

wasmtime-py's general API checks types on every call: a host function's
result goes through several ``wasm_valtype`` objects, calling an export asks
for its type, and ``Instance.exports`` wraps every export eagerly. Each of
those is a foreign call that also drops and retakes the GIL, which is what
made two threads slower than one on short runs. The signatures here are
fixed by the MicroPython artifact and checked once when the runtime starts
(:func:`check_signature`), so the unchecked C entry points are safe to use.

wasmtime is pinned (see ``pyproject.toml``); these names are its ctypes
bindings of the stable C API (``wasmtime/func.h``, ``wasmtime/instance.h``).
"""

from __future__ import annotations

import ctypes
import struct
from collections.abc import Callable, Sequence
from typing import Any

import wasmtime
from wasmtime import _ffi as ffi
from wasmtime._extern import wrap_extern

__all__ = [
    "FuelGauge",
    "RawCaller",
    "call",
    "check_signature",
    "deadline_policy",
    "define_bare",
    "define_raw",
    "export",
    "global_i32",
    "hold_gil_for_short_calls",
    "on_epoch_deadline",
]


class RawCaller:
    """Stands in for ``wasmtime.Caller`` inside a raw host function.

    wasmtime-py's objects only need ``_context()`` from a store-like
    argument, so memories and functions accept this directly. Valid only
    during the callback that received it. The context is looked up when
    first asked for: most calls (a write to stdout) never need it.
    """

    __slots__ = ("_caller", "_ctx")

    def __init__(self, caller: int) -> None:
        self._caller = caller
        self._ctx: Any = None

    @classmethod
    def of_context(cls, ctx: Any) -> RawCaller:
        """One made from a store's own context, for host code outside a callback (tests)."""
        if not ctx:
            raise ValueError("a store's context is needed")
        caller = cls(0)
        caller._ctx = ctx
        return caller

    def _context(self) -> Any:
        ctx = self._ctx
        if ctx is None:
            ctx = self._ctx = _caller_context(self._caller)
        return ctx


_I64 = "i64"
#: A host call's arguments and result, ``wasmtime_val_raw_t`` slots of 16 bytes each.
_SLOT = 16
# Keeps the Python functions alive and reachable from the C callback by index:
# the function, its arguments' layout (None without any), whether it returns a value.
_registry: list[tuple[Callable[..., int | None], struct.Struct | None, bool]] = []


def _caller_context_of(lib: ctypes.CDLL) -> Any:
    """``wasmtime_caller_context`` taking a plain address: a function object of its own
    (``lib[name]``, not the one wasmtime-py's bindings use, whose types stay theirs)."""
    fn = lib["wasmtime_caller_context"]
    fn.argtypes = [ctypes.c_void_p]
    fn.restype = ctypes.POINTER(ffi.wasmtime_context_t)
    return fn


_caller_context = _caller_context_of(ffi.dll)  # rebound to a GIL-holding one below


def _fuel_calls_of(lib: ctypes.CDLL) -> tuple[Any, Any]:
    """``wasmtime_context_get_fuel`` and ``_set_fuel`` on plain addresses, function objects
    of their own (see :func:`_caller_context_of`): no pointer objects made per call."""
    get, put = lib["wasmtime_context_get_fuel"], lib["wasmtime_context_set_fuel"]
    get.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    put.argtypes = [ctypes.c_void_p, ctypes.c_uint64]
    get.restype = put.restype = ctypes.c_void_p
    return get, put


_get_fuel, _set_fuel = _fuel_calls_of(ffi.dll)  # rebound to GIL-holding ones below
_i32_at = ctypes.c_int32.from_address


# The C type of an unchecked host function, with the caller and the values as plain
# addresses: ctypes then hands ints to the callback instead of making two pointer
# objects on every call (a write to stdout costs 5 us instead of 9).
_VOID = ctypes.c_void_p


@ctypes.CFUNCTYPE(ctypes.c_size_t, _VOID, _VOID, _VOID, ctypes.c_size_t)  # type: ignore[untyped-decorator]
def _raw_trampoline(env: int | None, caller: int, values: int, count: int) -> int:
    try:  # nothing may escape into wasm: ctypes would leave the return value unset
        fn, layout, has_result = _registry[env or 0]
        try:
            if layout is None:
                result = fn(RawCaller(caller))
            else:
                slots = (ctypes.c_char * (_SLOT * count)).from_address(values)
                result = fn(RawCaller(caller), *layout.unpack_from(slots))
        except BaseException:  # the callee stops the guest itself
            result = -1
        if has_result:
            _i32_at(values).value = result if isinstance(result, int) else -1
    except BaseException:
        pass
    return 0


_trampoline = ctypes.cast(_raw_trampoline, ffi.wasmtime_func_unchecked_callback_t)


def _layout(params: Sequence[str]) -> struct.Struct | None:
    """How a host function's arguments lie in its value slots (signed, as wasm's i32/i64)."""
    if not params:
        return None
    return struct.Struct("<" + "".join("q8x" if p == _I64 else "i12x" for p in params))


@ctypes.CFUNCTYPE(None, ctypes.c_void_p)  # type: ignore[untyped-decorator]
def _no_finalizer(_env: int | None) -> None:
    """Host functions live as long as the process: nothing to free."""


def define_raw(
    linker: wasmtime.Linker,
    module: str,
    name: str,
    params: Sequence[str],
    results: Sequence[str],
    fn: Callable[..., int | None],
) -> None:
    """Define a host function whose arguments arrive as plain ints, without type checks.

    ``fn(caller, *args)`` must not raise (an exception becomes -1 / a no-op).
    """
    types = {"i32": wasmtime.ValType.i32(), "i64": wasmtime.ValType.i64()}
    ty = wasmtime.FuncType([types[p] for p in params], [types[r] for r in results])
    _registry.append((fn, _layout(params), bool(results)))
    _define_unchecked(linker, module, name, ty, _trampoline, len(_registry) - 1)


def _define_unchecked(
    linker: wasmtime.Linker,
    module: str,
    name: str,
    ty: wasmtime.FuncType,
    callback: Any,
    env: int,
) -> None:
    mod, nm = module.encode(), name.encode()
    error = ffi.wasmtime_linker_define_func_unchecked(
        linker.ptr(), mod, len(mod), nm, len(nm), ty.ptr(), callback, env, _no_finalizer
    )
    if error:
        raise wasmtime.WasmtimeError._from_ptr(error)


#: The C type of a host function's callback: (env, caller, values, count) -> error.
BareCallback = ctypes.CFUNCTYPE(ctypes.c_size_t, _VOID, _VOID, _VOID, ctypes.c_size_t)
_bare: list[Any] = []  # their callbacks, alive as long as the process


def define_bare(linker: wasmtime.Linker, module: str, name: str, callback: Any) -> None:
    """Define a host function ``(param i32) (result i32)`` that returns its argument.

    ``callback`` is the function itself, called for its effect: no trampoline,
    no argument unpacking, the caller as a plain address (the argument's slot
    is also the result's, so leaving it alone returns it). For the hottest,
    simplest imports. ``callback`` is a :data:`BareCallback` and must never
    raise.
    """
    if not any(known is callback for known in _bare):
        _bare.append(callback)
    i32 = wasmtime.ValType.i32()
    ty = wasmtime.FuncType([i32], [i32])
    _define_unchecked(
        linker, module, name, ty, ctypes.cast(callback, ffi.wasmtime_func_unchecked_callback_t), 0
    )


def address(ctx: Any) -> int:
    """A store context's address, for :class:`FuelGauge`."""
    return ctypes.cast(ctx, ctypes.c_void_p).value or 0


class FuelGauge:
    """Reads and sets a store's fuel through its context's address, one C call each.

    One per run's state: the C call writes into this gauge's own buffer, which
    another thread's run could otherwise overwrite before it is read.
    """

    __slots__ = ("_at", "_box")

    def __init__(self) -> None:
        self._box = ctypes.c_uint64()
        self._at = ctypes.addressof(self._box)

    def read(self, ctx: int) -> int | None:
        """The fuel left in the store whose context is at ``ctx``; None when it counts none."""
        error = _get_fuel(ctx, self._at)
        if error:
            ffi.wasmtime_error_delete(error)
            return None
        return self._box.value

    def set(self, ctx: int, fuel: int) -> None:
        """Set the fuel left in the store whose context is at ``ctx`` (if it counts any)."""
        error = _set_fuel(ctx, fuel)
        if error:
            ffi.wasmtime_error_delete(error)


#: How to wrap the kinds of export a run looks up (``wrap_extern`` imports its classes on
#: every call, a few microseconds each, and a run looks up five exports).
_WRAPS: dict[int, Callable[[Any], Any]] = {
    ffi.WASMTIME_EXTERN_FUNC.value: lambda of: wasmtime.Func._from_raw(of.func),
    ffi.WASMTIME_EXTERN_MEMORY.value: lambda of: wasmtime.Memory._from_raw(of.memory),
    ffi.WASMTIME_EXTERN_GLOBAL.value: lambda of: wasmtime.Global._from_raw(of.global_),
}


def export(store: wasmtime.Store, instance: wasmtime.Instance, name: str) -> Any:
    """One export of ``instance``, without wrapping all the others."""
    raw = name.encode()
    item = ffi.wasmtime_extern_t()
    found = ffi.wasmtime_instance_export_get(
        store._context(), ctypes.byref(instance._instance), raw, len(raw), ctypes.byref(item)
    )
    if not found:
        return None
    wrap = _WRAPS.get(int(item.kind))
    return wrap(item.of) if wrap is not None else wrap_extern(item)


def global_i32(store: Any, glob: wasmtime.Global) -> int:
    """The value of an i32 global, without wasmtime-py's ``Val`` round trip."""
    raw = ffi.wasmtime_val_t()
    ffi.wasmtime_global_get(store._context(), ctypes.byref(glob._global), ctypes.byref(raw))
    return int(raw.of.i32)


def call(store: Any, func: wasmtime.Func, *args: int, short: bool = False) -> None:
    """Call an export that takes i32s and returns nothing, with no type checks.

    ``short`` keeps the GIL for calls known to return at once (Asyncify's
    bookkeeping exports): releasing it costs more than the call. Raises
    ``wasmtime.Trap`` or ``wasmtime.WasmtimeError`` as wasmtime-py does.
    """
    values = (ffi.wasmtime_val_raw_t * max(1, len(args)))()
    for i, arg in enumerate(args):
        values[i].i32 = arg
    trap = ctypes.POINTER(ffi.wasm_trap_t)()
    entry = _short_call if short and _short_call is not None else ffi.wasmtime_func_call_unchecked
    error = entry(
        store._context(), ctypes.byref(func._func), values, len(values), ctypes.byref(trap)
    )
    if error:
        raise wasmtime.WasmtimeError._from_ptr(error)
    if trap:
        raise wasmtime.Trap._from_ptr(trap)


#: wasmtime's epoch-deadline callback: ``(context, data, *delta, *kind) -> wasmtime_error_t*``.
_DeadlineFn = ctypes.CFUNCTYPE(
    ctypes.c_size_t,
    ctypes.POINTER(ffi.wasmtime_context_t),
    ctypes.c_void_p,
    ctypes.POINTER(ctypes.c_uint64),
    ctypes.POINTER(ffi.wasmtime_update_deadline_kind_t),
)
_CONTINUE = 0  # WASMTIME_UPDATE_DEADLINE_CONTINUE
_deadline_policies: list[Callable[[], int]] = []


def _on_deadline(_context: Any, _data: Any, delta: Any, kind: Any) -> int:
    try:
        more = _deadline_policies[0]()
        if more > 0:
            delta[0] = more
            kind[0] = _CONTINUE
            return 0
    except BaseException:  # a callback must never raise into wasmtime
        pass
    error = ffi.wasmtime_error_new(b"wasmbox: the host stopped the run")
    return ctypes.cast(error, ctypes.c_void_p).value or 0


_deadline_callback = _DeadlineFn(_on_deadline)


def deadline_policy(policy: Callable[[], int]) -> None:
    """Set, once per process, what :func:`on_epoch_deadline` stores ask on their deadline.

    ``policy`` runs on the guest's thread (where the host knows which run it
    is) and takes no arguments. A positive number: the deadline moves that many
    epoch increments on and the guest continues. 0, or an exception: the call
    returns with a ``wasmtime.WasmtimeError`` (not an ``INTERRUPT`` trap).
    """
    if _deadline_policies:
        raise RuntimeError("the epoch-deadline policy is already set")
    _deadline_policies.append(policy)


def on_epoch_deadline(store: wasmtime.Store) -> None:
    """Have ``store`` ask the policy of :func:`deadline_policy` instead of trapping."""
    ffi.wasmtime_store_epoch_deadline_callback(store.ptr(), _deadline_callback, None, _no_finalizer)


def check_signature(module: wasmtime.Module, name: str, params: int) -> None:
    """Fail unless export ``name`` is a function of ``params`` i32s returning nothing."""
    for item in module.exports:
        if item.name == name:
            ty = item.type
            ok = (
                isinstance(ty, wasmtime.FuncType)
                and [str(p) for p in ty.params] == ["i32"] * params
                and not ty.results
            )
            if not ok:
                raise wasmtime.WasmtimeError(f"export {name} has an unexpected type {ty}")
            return


#: C functions that return in microseconds and never run guest code or call
#: back into Python. ctypes drops the GIL around every foreign call; for these
#: that only hands the GIL to another thread and makes the caller wait to get
#: it back (a convoy: two threads ran short runs slower than one). Calls that
#: run guest code (``wasmtime_func_call*``) keep releasing it, which is what
#: lets runs on several threads execute in parallel. Instantiation and store
#: deletion map and unmap memory for tens of microseconds, with no guest code
#: (wasmbox's modules have no start function); holding the GIL through them
#: measured better than handing it over.
_SHORT_CALLS = (
    "wasmtime_store_new",
    "wasmtime_store_delete",
    "wasmtime_instance_pre_instantiate",
    "wasmtime_store_context",
    "wasmtime_store_limiter",
    "wasmtime_context_set_fuel",
    "wasmtime_context_get_fuel",
    "wasmtime_context_set_epoch_deadline",
    "wasmtime_store_epoch_deadline_callback",
    "wasmtime_caller_context",
    "wasmtime_memory_data",
    "wasmtime_memory_data_size",
    "wasmtime_instance_export_get",
    "wasmtime_global_get",
    "wasm_trap_delete",
    "wasmtime_error_delete",
)
_held = False
_short_call: Any = None


def hold_gil_for_short_calls() -> None:
    """Rebind the short wasmtime C calls to a ``PyDLL`` view of the same library.

    Same symbols, same signatures, same library handle; only the GIL policy
    differs. Idempotent.
    """
    global _held, _short_call, _caller_context, _get_fuel, _set_fuel
    if _held:
        return
    from wasmtime import _bindings

    pydll = ctypes.PyDLL(ffi.dll._name, handle=ffi.dll._handle)
    for name in _SHORT_CALLS:
        original = getattr(_bindings, "_" + name, None)
        if original is None:
            continue
        fast = getattr(pydll, name)
        fast.argtypes = original.argtypes
        fast.restype = original.restype
        setattr(_bindings, "_" + name, fast)
    _caller_context = _caller_context_of(pydll)
    _get_fuel, _set_fuel = _fuel_calls_of(pydll)
    original = _bindings._wasmtime_func_call_unchecked
    _short_call = pydll.wasmtime_func_call_unchecked
    _short_call.argtypes = original.argtypes
    _short_call.restype = original.restype
    _held = True
