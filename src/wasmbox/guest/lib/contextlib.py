"""contextlib for MicroPython.

Supported: contextmanager (also as a decorator), suppress, closing,
nullcontext, ExitStack (enter_context, callback, push, pop_all, close),
redirect_stdout / redirect_stderr, chdir, ContextDecorator,
AbstractContextManager.
Not supported: asynccontextmanager and AsyncExitStack (MicroPython has no
async generators). redirect_stdout/redirect_stderr cannot replace sys.stdout
(MicroPython's sys is read-only): they redirect print() calls, not direct
sys.stdout.write() calls.
"""
import builtins


class AbstractContextManager:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        return None


class ContextDecorator:
    def _recreate_cm(self):
        return self

    def __call__(self, func):
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return inner


class _GeneratorContextManager(ContextDecorator):
    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self._f = (func, args, kwds)

    def _recreate_cm(self):
        f, a, k = self._f
        return self.__class__(f, a, k)

    def __enter__(self):
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield")

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            self.gen.throw(value)
        except StopIteration as exc:
            return exc is not value
        except BaseException as exc:
            if exc is value:
                return False
            raise
        raise RuntimeError("generator didn't stop after throw()")


def contextmanager(func):
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    return helper


class suppress(AbstractContextManager):
    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __exit__(self, exctype, excinst, exctb):
        return exctype is not None and issubclass(exctype, self._exceptions)


class closing(AbstractContextManager):
    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class nullcontext(AbstractContextManager):
    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass


class _Redirect(AbstractContextManager):
    # MicroPython's sys.stdout cannot be replaced: reroute print() instead.
    _stream = 'stdout'

    def __init__(self, new_target):
        self._new_target = new_target
        self._old = []

    def __enter__(self):
        import sys
        old = builtins.print
        target = self._new_target
        out = self._stream == 'stdout'
        stream = getattr(sys, self._stream)

        def print(*args, **kw):
            f = kw.get('file')
            if (f is None and out) or f is stream:
                kw['file'] = target
            old(*args, **kw)
        self._old.append(old)
        builtins.print = print
        return target

    def __exit__(self, *exc):
        builtins.print = self._old.pop()


class redirect_stdout(_Redirect):
    pass


class redirect_stderr(_Redirect):
    _stream = 'stderr'


class chdir(AbstractContextManager):
    def __init__(self, path):
        self.path = path
        self._old = []

    def __enter__(self):
        import os
        self._old.append(os.getcwd())
        os.chdir(self.path)

    def __exit__(self, *excinfo):
        import os
        os.chdir(self._old.pop())


class ExitStack(AbstractContextManager):
    def __init__(self):
        self._cbs = []

    def pop_all(self):
        new = ExitStack()
        new._cbs = self._cbs
        self._cbs = []
        return new

    def push(self, exit):
        cb = getattr(exit, '__exit__', None)
        self._cbs.append(exit if cb is None else cb)
        return exit

    def enter_context(self, cm):
        result = cm.__enter__()
        self._cbs.append(cm.__exit__)
        return result

    def callback(self, callback, *args, **kwds):
        def cb(t, v, tb):
            callback(*args, **kwds)
        self._cbs.append(cb)
        return callback

    def close(self):
        self.__exit__(None, None, None)

    def __exit__(self, t, v, tb):
        pending = v if t is not None else None
        if t is not None and pending is None:
            pending = t()
        original = pending
        while self._cbs:
            cb = self._cbs.pop()
            try:
                if pending is None:
                    r = cb(None, None, None)
                else:
                    r = cb(type(pending), pending, None)
                if r and pending is not None:
                    pending = None
            except BaseException as e:
                pending = e
        if pending is not None and pending is not original:
            raise pending
        return t is not None and pending is None
