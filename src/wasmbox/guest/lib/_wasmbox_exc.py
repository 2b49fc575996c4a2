# _wasmbox_exc: CPython's exceptions for wasmbox, imported on first need.
#
# What user code sees of MicroPython's exceptions differs from CPython:
# repr(ValueError('x')) is "ValueError('x',)", str(KeyError('k')) is "k", an
# instance of a built-in exception takes no attributes (no __cause__,
# __context__, SystemExit.code, OSError.strerror...), errno values are WASI's,
# messages differ ("divide by zero"), and some classes do not exist (the
# runtime creates them: FileNotFoundError, RecursionError, ExceptionGroup...).
#
# The source transformer (wasmbox/compat/transform.py) rewrites user code to
# call __wb_* helpers. _wasmbox_rt has the common cases of __wb_shadow (the
# class to instantiate or subclass instead of a native one: a "shadow", same
# name, CPython's str() and attributes; type() reports the native class),
# __wb_raise (`raise x [from c]`) and __wb_exc (first thing in `except ... as
# e:`), and stubs for the others, which import this module; it then puts the
# real functions in builtins:
#   __wb_match(t)        an except clause naming a class MicroPython lacks
#   __wb_xattr(o, name)  o.__cause__, __context__, __traceback__, __bases__...
#   __wb_star()          except* (a context manager, see _wasmbox_group)
#   __wb_handling(), __wb_exc_info()  the exception a handler is handling
#   __wb_div0(a, b, op)  a / b, a // b, a % b when b is falsy
#   __wb_item(o, k)      o[k] when k is a list, dict or set display
#   __wb_oserror(e, f)   the CPython OSError for MicroPython's OSError(errno)
#   __wb_new_oserror(*a) OSError(...): OSError(2, 'x') is a FileNotFoundError
# The runtime's classes and some shadows call init() and str_() here for
# their __init__ and __str__; its repr() calls exc_repr() and
# container_repr(). ExceptionGroup and except* are in _wasmbox_group, an
# exception's frames (e.__traceback__) in traceback: both imported on need.
import builtins
import sys
import _wasmbox_rt as _rt

_type = type
_NATIVE_OF = _rt._NATIVE_OF  # shadow -> native class (read by __wb_type)
issubclass = _rt._issubclass  # the native one (builtins' knows of FileNotFoundError...)

# -- the classes ---------------------------------------------------------------

# The runtime's classes by name (getattr(builtins, ...) does not see names set
# on builtins), and MicroPython's own.
_V = _rt._VIRTUAL
_NATIVE = _rt._NATIVE_EXC
_EG = _V['ExceptionGroup']
_BEG = _V['BaseExceptionGroup']
_V['ModuleNotFoundError'].name = _V['ModuleNotFoundError'].path = None
shadow = _rt.__wb_shadow


def _arg_repr(x):
    # repr() of an exception's argument: exceptions in lists and tuples (an
    # ExceptionGroup's) as CPython's too.
    if isinstance(x, BaseException):
        return exc_repr(x)
    if _type(x) is list:
        return '[' + ', '.join([_arg_repr(y) for y in x]) + ']'
    if _type(x) is tuple:
        return '(' + ', '.join([_arg_repr(y) for y in x]) + (',)' if len(x) == 1 else ')')
    return repr(x)


def container_repr(v, depth=0):
    """repr() of a list, tuple, set or dict holding exceptions, as CPython's."""
    t = _type(v)
    if isinstance(v, BaseException):
        return exc_repr(v)
    if depth > 50:
        return repr(v)
    if t is list:
        return '[' + ', '.join([container_repr(x, depth + 1) for x in v]) + ']'
    if t is tuple:
        inner = ', '.join([container_repr(x, depth + 1) for x in v])
        return '(' + inner + (',)' if len(v) == 1 else ')')
    if t is set:
        return '{' + ', '.join([container_repr(x, depth + 1) for x in v]) + '}' if v else 'set()'
    if isinstance(v, dict):
        return '{' + ', '.join([container_repr(k, depth + 1) + ': ' + container_repr(x, depth + 1)
                                for k, x in v.items()]) + '}'
    return repr(v)


def _user_repr(t):
    # Whether a class between t and its native base defines __repr__.
    while t not in _NATIVE and t is not object:
        if '__repr__' in t.__dict__:
            return True
        t = t.__bases__[0]
    return False


def exc_repr(e):
    """repr(e) as CPython's: ValueError('x'), not MicroPython's ValueError('x',).

    (Not the classes' __repr__: MicroPython prints an uncaught exception
    with __repr__ when there is one; the runtime's repr() calls this.)
    """
    t = _type(e)
    if _user_repr(t):
        return t.__repr__(e)
    a = e.args
    if len(a) == 1:
        return '%s(%s)' % (t.__name__, _arg_repr(a[0]))
    return t.__name__ + '(' + ', '.join([_arg_repr(x) for x in a]) + ')'


def _str(self):
    a = self.args
    if not a:
        return ''
    return str(a[0]) if len(a) == 1 else str(a)


def _key_str(self):
    a = self.args
    return repr(a[0]) if len(a) == 1 else _str(self)


def _direct(c):
    # The class in c's bases that derives from a native class directly.
    while c.__bases__[0] not in _NATIVE:
        c = c.__bases__[0]
    return c


def _display(self, text):
    # MicroPython prints an uncaught exception from its native arguments:
    # those become str(self); self.args keeps the real ones.
    a = self.args
    super(_direct(_type(self)), self).__init__(text)
    self.args = a


def _key_init(self, *a):
    self.args = a
    if len(a) == 1:
        _display(self, repr(a[0]))


def _with_traceback(self, tb):
    self.__traceback__ = tb
    return self


def _add_note(self, note):
    if not isinstance(note, str):
        raise TypeError('note must be a str, not %s' % _type(note).__name__)
    notes = self.__dict__.get('__notes__')
    if notes is None:
        notes = self.__notes__ = []
    notes.append(note)


# The __init__ below set self.args: MicroPython keeps the constructor's
# arguments natively and super().__init__(...) from a subclass would not
# change them.

def _os_init(self, *a):
    if 2 <= len(a) <= 5:
        self.errno, self.strerror = a[0], a[1]
        self.filename = a[2] if len(a) > 2 else None
        self.filename2 = a[4] if len(a) > 4 else None
        self.args = a[:2]
        _display(self, _os_str(self))
    else:
        self.errno = self.strerror = self.filename = self.filename2 = None
        self.args = a


def _os_str(self):
    d = self.__dict__
    e, s, f, f2 = d.get('errno'), d.get('strerror'), d.get('filename'), d.get('filename2')
    if f is not None:
        if f2 is not None:
            return '[Errno %s] %s: %r -> %r' % (e, s, f, f2)
        return '[Errno %s] %s: %r' % (e, s, f)
    if e is not None and s is not None:
        return '[Errno %s] %s' % (e, s)
    return _str(self)


def _uni_init(self, *a):
    self.args = a
    if len(a) == 5:
        self.encoding, self.object, self.start, self.end, self.reason = a
        _display(self, _uni_str(self))
    elif len(a) == 1 and isinstance(a[0], str):
        # A codec's message in CPython's words ("'utf-8' codec can't decode
        # byte 0xe9 in position 3: invalid continuation byte"): its parts.
        m = a[0]
        i = m.find(' in position ')
        if m[:1] == "'" and i > 0 and " codec can't " in m:
            pos, _, why = m[i + 13:].partition(': ')
            first, _, last = pos.partition('-')
            try:
                start, end = int(first), int(last or first) + 1
            except ValueError:
                return
            self.encoding = m[1:m.index("'", 1)]
            self.start, self.end, self.reason, self.object = start, end, why, None


def _uni_str(self):
    if len(self.args) != 5:
        return _str(self)
    enc, obj, st, en, why = self.encoding, self.object, self.start, self.end, self.reason
    if isinstance(obj, str):
        if en == st + 1 and st < len(obj):
            o = ord(obj[st])
            ch = '\\x%02x' % o if o < 0x100 else '\\u%04x' % o if o < 0x10000 else '\\U%08x' % o
            return "'%s' codec can't encode character '%s' in position %d: %s" % (enc, ch, st, why)
        return "'%s' codec can't encode characters in position %d-%d: %s" % (enc, st, en - 1, why)
    if en == st + 1 and st < len(obj):
        return "'%s' codec can't decode byte 0x%02x in position %d: %s" % (enc, obj[st], st, why)
    return "'%s' codec can't decode bytes in position %d-%d: %s" % (enc, st, en - 1, why)


def _exit_code(self):
    a = self.args
    return None if not a else a[0] if len(a) == 1 else a


def init(self, *a):
    """__init__ of the classes the runtime creates (FileNotFoundError...) and
    of the shadows of KeyError, OSError and UnicodeError."""
    if isinstance(self, KeyError):
        _key_init(self, *a)
    elif isinstance(self, OSError):
        _os_init(self, *a)
    elif isinstance(self, UnicodeError):
        _uni_init(self, *a)
    elif isinstance(self, (_EG, _BEG)):
        _group().init(self, *a)
    else:
        self.args = a


def str_(self):
    """__str__ of the classes the runtime creates, and of some shadows."""
    if isinstance(self, KeyError):
        return _key_str(self)
    if isinstance(self, OSError):
        return _os_str(self)
    if isinstance(self, UnicodeError):
        return _uni_str(self)
    if isinstance(self, (_EG, _BEG)):
        return _group().str_(self)
    return _str(self)


with_traceback = _with_traceback
add_note = _add_note
exit_code = _exit_code


def _group():
    # ExceptionGroup and except*: in their own module, imported on first use.
    import _wasmbox_group
    return _wasmbox_group


def star():
    return _group().star()


def _tb():
    import traceback
    return traceback


# -- CPython's errors for MicroPython's ----------------------------------------

_TABLES = []


def _os_tables():
    # Built on first need: (WASI errno -> Linux errno, Linux errno -> strerror,
    # Linux errno -> the OSError subclass CPython raises for it).
    if _TABLES:
        return _TABLES
    # WASI errno -> Linux errno (what CPython reports on Linux).
    wasi = {
        1: 7, 2: 13, 3: 98, 4: 99, 5: 97, 6: 11, 7: 114, 8: 9, 9: 74, 10: 16, 11: 125, 12: 10,
        13: 103, 14: 111, 15: 104, 16: 35, 17: 89, 18: 33, 19: 122, 20: 17, 21: 14, 22: 27,
        23: 113, 24: 43, 25: 84, 26: 115, 27: 4, 28: 22, 29: 5, 30: 106, 31: 21, 32: 40, 33: 24,
        34: 31, 35: 90, 36: 72, 37: 36, 38: 100, 39: 102, 40: 101, 41: 23, 42: 105, 43: 19,
        44: 2, 45: 8, 46: 37, 47: 67, 48: 12, 49: 42, 50: 92, 51: 28, 52: 38, 53: 107, 54: 20,
        55: 39, 56: 131, 57: 88, 58: 95, 59: 25, 60: 6, 61: 75, 62: 130, 63: 1, 64: 32, 65: 71,
        66: 93, 67: 91, 68: 34, 69: 30, 70: 29, 71: 3, 72: 116, 73: 110, 74: 26, 75: 18,
    }
    messages = {
        1: 'Operation not permitted', 2: 'No such file or directory', 3: 'No such process',
        4: 'Interrupted system call', 5: 'Input/output error', 6: 'No such device or address',
        7: 'Argument list too long', 8: 'Exec format error', 9: 'Bad file descriptor',
        10: 'No child processes', 11: 'Resource temporarily unavailable',
        12: 'Cannot allocate memory', 13: 'Permission denied', 14: 'Bad address',
        16: 'Device or resource busy', 17: 'File exists', 18: 'Invalid cross-device link',
        19: 'No such device', 20: 'Not a directory', 21: 'Is a directory', 22: 'Invalid argument',
        23: 'Too many open files in system', 24: 'Too many open files',
        25: 'Inappropriate ioctl for device', 26: 'Text file busy', 27: 'File too large',
        28: 'No space left on device', 29: 'Illegal seek', 30: 'Read-only file system',
        31: 'Too many links', 32: 'Broken pipe', 33: 'Numerical argument out of domain',
        34: 'Numerical result out of range', 35: 'Resource deadlock avoided',
        36: 'File name too long', 37: 'No locks available', 38: 'Function not implemented',
        39: 'Directory not empty', 40: 'Too many levels of symbolic links',
        42: 'No message of desired type', 43: 'Identifier removed', 67: 'Link has been severed',
        71: 'Protocol error', 72: 'Multihop attempted', 74: 'Bad message',
        75: 'Value too large for defined data type',
        84: 'Invalid or incomplete multibyte or wide character',
        88: 'Socket operation on non-socket', 89: 'Destination address required',
        90: 'Message too long', 91: 'Protocol wrong type for socket',
        92: 'Protocol not available', 93: 'Protocol not supported', 95: 'Operation not supported',
        97: 'Address family not supported by protocol', 98: 'Address already in use',
        99: 'Cannot assign requested address', 100: 'Network is down',
        101: 'Network is unreachable', 102: 'Network dropped connection on reset',
        103: 'Software caused connection abort', 104: 'Connection reset by peer',
        105: 'No buffer space available', 106: 'Transport endpoint is already connected',
        107: 'Transport endpoint is not connected', 110: 'Connection timed out',
        111: 'Connection refused', 113: 'No route to host', 114: 'Operation already in progress',
        115: 'Operation now in progress', 116: 'Stale file handle', 122: 'Disk quota exceeded',
        125: 'Operation canceled', 130: 'Owner died', 131: 'State not recoverable',
    }
    # Linux errno -> the OSError subclass CPython raises for it.
    classes = {}
    for n, codes in (
        ('BlockingIOError', (11, 114, 115)), ('ChildProcessError', (10,)),
        ('BrokenPipeError', (32,)), ('ConnectionAbortedError', (103,)),
        ('ConnectionRefusedError', (111,)), ('ConnectionResetError', (104,)),
        ('FileExistsError', (17,)), ('FileNotFoundError', (2,)), ('InterruptedError', (4,)),
        ('IsADirectoryError', (21,)), ('NotADirectoryError', (20,)),
        ('PermissionError', (1, 13)), ('ProcessLookupError', (3,)), ('TimeoutError', (110,)),
    ):
        for e in codes:
            classes[e] = _V[n]
    _TABLES[:] = [wasi, messages, classes]
    return _TABLES


def strerror(code):
    return _os_tables()[1].get(code, 'Unknown error %d' % code)


def oserror(e, filename=None, filename2=None):
    """CPython's OSError (subclass, Linux errno, strerror, filename) for MicroPython's."""
    a = e.args
    if _type(e) is not OSError or len(a) != 1 or _type(a[0]) is not int:
        return cpython(e)
    wasi, _, classes = _os_tables()
    code = wasi.get(a[0], a[0])
    cls = classes.get(code, shadow(OSError))
    if filename2 is not None:
        return cls(code, strerror(code), filename, None, filename2)
    if filename is not None:
        return cls(code, strerror(code), filename)
    return cls(code, strerror(code))


def new_oserror(*a, **kw):
    """OSError(...) in rewritten code: OSError(2, 'x') is a FileNotFoundError."""
    if 2 <= len(a) <= 5 and _type(a[0]) is int:
        cls = _os_tables()[2].get(a[0])
        if cls is not None:
            return cls(*a, **kw)
    return shadow(OSError)(*a, **kw)


_BINOPS = {
    '__add__': '+', '__sub__': '-', '__mul__': '*', '__truediv__': '/', '__floordiv__': '//',
    '__mod__': '%', '__pow__': '** or pow()', '__lshift__': '<<', '__rshift__': '>>',
    '__and__': '&', '__or__': '|', '__xor__': '^', '__matmul__': '@', '__divmod__': 'divmod()',
    '__iadd__': '+=', '__isub__': '-=', '__imul__': '*=', '__itruediv__': '/=',
    '__ifloordiv__': '//=', '__imod__': '%=', '__ipow__': '**=', '__ilshift__': '<<=',
    '__irshift__': '>>=', '__iand__': '&=', '__ior__': '|=', '__ixor__': '^=',
}
_CMPOPS = {'__lt__': '<', '__le__': '<=', '__gt__': '>', '__ge__': '>='}
_SEQS = ('str', 'list', 'tuple', 'bytearray')


def _type_message(m):
    # "unsupported types for __add__: 'str', 'int'" and friends.
    if m.startswith('unsupported types for '):
        op, _, names = m[22:].partition(': ')
        names = names[1:-1].split("', '")
        if len(names) != 2:
            return m
        a, b = names
        if op in _CMPOPS:
            return "'%s' not supported between instances of '%s' and '%s'" % (_CMPOPS[op], a, b)
        if op in ('__add__', '__iadd__') and a in _SEQS:
            return 'can only concatenate %s (not "%s") to %s' % (a, b, a)
        if op in ('__add__', '__iadd__') and a == 'bytes':
            return "can't concat %s to bytes" % b
        if op in ('__mul__', '__imul__') and (a in _SEQS or a == 'bytes') and b != 'int':
            return "can't multiply sequence by non-int of type '%s'" % b
        if op in _BINOPS:
            return "unsupported operand type(s) for %s: '%s' and '%s'" % (_BINOPS[op], a, b)
        return m
    if m.startswith('unsupported type for __hash__: '):
        return 'unhashable type: ' + m[31:]
    return m.replace(" isn't ", ' is not ').replace(" doesn't support ", ' does not support ')


def _message(t, m):
    if t is ZeroDivisionError and m == 'divide by zero':
        return 'division by zero'
    if t is ValueError and m.startswith('invalid syntax for integer with base '):
        return 'invalid literal for int() with base ' + m[37:]
    if t is TypeError:
        return _type_message(m)
    if t is NameError:
        return m.replace(" isn't defined", ' is not defined')
    return m


# The latest conversions, so that one native exception gets one shadow.
_SEEN = []
# _rt._HANDLED[0]: the exception the latest handler that asked took:
# MicroPython forgets the one being handled (sys.exc_info()) at the end of any
# finally or with block, or of a nested handler.


def handling():
    """At the top of a handler that formats the exception (traceback.print_exc())."""
    e = sys.exc_info()[1]
    if e is not None:
        _rt._HANDLED[0] = cpython(e)


def exc_info():
    """sys.exc_info(), with CPython's exception (and, failing MicroPython, the handler's)."""
    e = sys.exc_info()[1]
    e = cpython(e) if e is not None else _rt._HANDLED[0]
    if e is None:
        return (None, None, None)
    return (_NATIVE_OF.get(_type(e), _type(e)), e, _tb()._traceback_of(e))


def cpython(e):
    """`e` as CPython would have raised it: native instances become shadows."""
    t = _type(e)
    if t not in _NATIVE:
        return e
    for old, new in _SEEN:
        if old is e:
            return new
    a = e.args
    if t is OSError and len(a) == 1 and _type(a[0]) is int:
        n = oserror(e)
    elif t is RuntimeError and a == ('maximum recursion depth exceeded',):
        n = _V['RecursionError'](*a)
    elif t is ImportError and a and str(a[0]).startswith('no module named '):
        n = _V['ModuleNotFoundError']('N' + a[0][1:])
        n.name = a[0][17:-1]
    elif t is UnicodeError:
        n = _V['UnicodeDecodeError'](*a)
    elif t is NameError and a == ('local variable referenced before assignment',):
        n = _V['UnboundLocalError'](*a)
    else:
        if len(a) == 1 and isinstance(a[0], str):
            a = (_message(t, a[0]),)
        n = shadow(t)(*a)
    n._wb_orig = e
    if len(_SEEN) >= 8:
        _SEEN.pop(0)
    _SEEN.append((e, n))
    return n


def exc(e):
    """`e = __wb_exc(e)`, first thing in `except ... as e:`."""
    _rt._HANDLED[0] = e = cpython(e)
    return e


def _instance(x):
    if isinstance(x, _type):
        if issubclass(x, BaseException):
            return shadow(x)()
        return x
    return cpython(x) if isinstance(x, BaseException) else x


def raise_(x, *cause):
    """The exception `raise x [from cause]` raises, with CPython's attributes."""
    x = _instance(x)
    if not isinstance(x, BaseException):
        return x  # MicroPython's `raise` reports the TypeError
    ctx = sys.exc_info()[1]
    if ctx is not None:
        ctx = cpython(ctx)
        if ctx is not x:
            # No cycles: cut x out of the chain it is about to head.
            c = ctx
            for _ in range(100):
                nxt = getattr(c, '__context__', None)
                if nxt is None:
                    break
                if nxt is x:
                    c.__context__ = None
                    break
                c = nxt
            x.__context__ = ctx
    if cause:
        c = cause[0]
        if c is not None:
            c = _instance(c)
            if not isinstance(c, BaseException):
                raise TypeError('exception causes must derive from BaseException')
        x.__cause__ = c
        x.__suppress_context__ = True
    return x


def _flat(t, out):
    if isinstance(t, tuple):
        for x in t:
            _flat(x, out)
    else:
        out.append(t)
    return out


def match(t):
    """What an except clause naming `t` must test, for the exception being handled."""
    e = sys.exc_info()[1]
    if e is None:
        return t
    classes = _flat(t, [])
    if _type(e) in _NATIVE:
        v = _type(cpython(e))
        for c in classes:
            if isinstance(c, _type) and issubclass(v, c):
                return _type(e)
    elif isinstance(e, _EG) and _BEG in classes:
        return _type(e)
    return tuple(classes) if isinstance(t, tuple) else t


def _bases(c):
    if c is object:
        return ()
    return tuple([_NATIVE_OF.get(b, b) for b in c.__bases__])


def xattr(o, name):
    """o.<name> for the attributes MicroPython's classes and exceptions lack."""
    if name == '__bases__' and isinstance(o, _type):
        return _bases(_NATIVE_OF.get(o, o))
    if isinstance(o, BaseException):
        d = getattr(o, '__dict__', None)
        if name == '__traceback__':
            if d is not None and '__traceback__' in d:
                return d['__traceback__']
            return _tb()._traceback_of(o)
        if d is not None and name in d:
            return d[name]
        return False if name == '__suppress_context__' else getattr(o, name, None)
    return getattr(o, name)


# -- operators and conversions ---------------------------------------------------

def div0(a, b, op):
    # a / b (op 0), a // b (1) or a % b (2) where b is falsy: the native
    # result, or CPython's message for a division by zero.
    try:
        if op == 0:
            return a / b
        return a // b if op == 1 else a % b
    except ZeroDivisionError as e:
        if e.args != ('divide by zero',):
            raise
        fl = isinstance(a, float) or isinstance(b, float)
        if op == 0:
            cx = isinstance(a, _complex) or isinstance(b, _complex)
            m = ('complex division by zero' if cx else 'float division by zero' if fl
                 else 'division by zero')
        elif op == 1:
            m = 'float floor division by zero' if fl else 'integer division or modulo by zero'
        else:
            m = 'float modulo' if fl else 'integer modulo by zero'
    raise shadow(ZeroDivisionError)(m)


_complex = getattr(builtins, 'complex', float)


def item(o, k):
    # o[k] with a list, dict or set display as the key: CPython tells that it
    # is unhashable, MicroPython may answer KeyError for an empty dict.
    if isinstance(o, dict):
        raise TypeError("unhashable type: '%s'" % _type(k).__name__)
    return o[k]


# -- UnicodeError attributes -----------------------------------------------------

def unicode_error(e, obj):
    """Give a codec's UnicodeError the object it failed on (for e.object)."""
    if isinstance(e, UnicodeError) and _type(e) not in _NATIVE:
        if e.__dict__.get('object') is None:
            e.object = obj if isinstance(obj, str) else bytes(obj)
    return e


for _n, _f in (
    ('__wb_match', match),
    ('__wb_xattr', xattr), ('__wb_star', star), ('__wb_div0', div0), ('__wb_item', item),
    ('__wb_oserror', oserror), ('__wb_handling', handling), ('__wb_exc_info', exc_info),
    ('__wb_new_oserror', new_oserror),
):
    setattr(builtins, _n, _f)
_n = _f = None
