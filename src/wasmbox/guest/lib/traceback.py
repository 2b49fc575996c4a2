# traceback: CPython's traceback module for wasmbox.
#
# MicroPython has no traceback module and no frame objects: an exception's
# frames (file, line, function) come from sys.print_exception, read here
# (also for e.__traceback__: a chain of small traceback objects);
# _wasmbox_exc gives CPython's messages and chaining (__cause__, __context__).
# Covered: print_exc, format_exc, print_exception, format_exception,
# format_exception_only, extract_tb, format_tb, print_tb, format_list,
# walk_tb, FrameSummary, StackSummary, TracebackException (basics),
# clear_frames. Source lines are shown for files that exist (never for the
# main program, which is not a file here: as in CPython for code run from a
# string). Limits: no column carets, no frame locals; extract_stack,
# format_stack and print_stack know nothing of the callers (no frames in
# MicroPython) and return an empty stack; exception groups are printed as
# plain exceptions.
import io
import sys
import _wasmbox_exc as _x

__all__ = ['extract_stack', 'extract_tb', 'format_exception', 'format_exception_only',
           'format_list', 'format_stack', 'format_tb', 'print_exc', 'format_exc',
           'print_exception', 'print_last', 'print_stack', 'print_tb', 'clear_frames',
           'FrameSummary', 'StackSummary', 'TracebackException', 'walk_stack', 'walk_tb']

# -- an exception's frames, as e.__traceback__ (_wasmbox_exc gets it here) ----

def _skip(filename):
    return filename == '<stdin>' or filename.startswith('/lib/_wasmbox')


def _frames_of(e, out):
    b = io.StringIO()
    sys.print_exception(e, b)
    for line in b.getvalue().split('\n'):
        if not line.startswith('  File "'):
            continue
        rest = line[8:]
        q = rest.find('"')
        filename = rest[:q]
        rest = rest[q + 1:]
        lineno, _, name = rest.partition(', in ')
        lineno = lineno.strip(', ')
        if lineno.startswith('line '):
            lineno = int(lineno[5:])
        else:
            lineno = None
        if not _skip(filename):
            out.append((filename, lineno, name))
    return out


def _frames(e):
    """[(filename, lineno, function)] that `e` went through, outermost first."""
    out = _frames_of(e, [])
    orig = getattr(e, '_wb_orig', None)
    if orig is not None:
        _frames_of(orig, out)
    return out


class _Code:
    def __init__(self, filename, name):
        self.co_filename = filename
        self.co_name = name
        self.co_qualname = name


class _Frame:
    def __init__(self, filename, lineno, name):
        self.f_code = _Code(filename, name)
        self.f_lineno = lineno
        self.f_globals = {}
        self.f_locals = {}
        self.f_back = None


class _Traceback:
    # What e.__traceback__ gives: the frames, linked innermost-last.
    def __init__(self, frame, lineno, nxt):
        self.tb_frame = frame
        self.tb_lineno = lineno
        self.tb_lasti = -1
        self.tb_next = nxt

    def __repr__(self):
        return '<traceback object>'


def _traceback_of(e):
    tb = None
    for filename, lineno, name in reversed(_frames(e)):
        tb = _Traceback(_Frame(filename, lineno, name), lineno, tb)
    return tb


# -- the module ------------------------------------------------------------------

_SENTINEL = object()
_CAUSE = '\nThe above exception was the direct cause of the following exception:\n\n'
_CONTEXT = '\nDuring handling of the above exception, another exception occurred:\n\n'
_LINES = {}


def _exists(filename):
    # Without catching an exception: in MicroPython that would end the
    # handling of the one being formatted (sys.exc_info() would be empty).
    import _wasmbox
    os = _wasmbox.builtin('os')
    d, _, name = filename.rpartition('/')
    if d and d != '.':
        parent, _, base = d.rpartition('/')
        if base not in os.listdir(parent or '/'):
            return False
    return name in os.listdir(d or '.')


def _getline(filename, lineno):
    if not filename or filename[0] == '<' or lineno is None:
        return ''
    lines = _LINES.get(filename)
    if lines is None:
        lines = []
        if _exists(filename):
            with open(filename) as f:
                lines = f.read().split('\n')
        _LINES[filename] = lines
    return lines[lineno - 1] if 0 < lineno <= len(lines) else ''


class FrameSummary:
    def __init__(self, filename, lineno, name, lookup_line=True, locals=None, line=None,
                 end_lineno=None, colno=None, end_colno=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self._line = line
        self.locals = None if locals is None else dict([(k, repr(v)) for k, v in locals.items()])
        self.end_lineno = end_lineno
        self.colno = colno
        self.end_colno = end_colno
        if lookup_line:
            self.line

    @property
    def line(self):
        if self._line is None:
            self._line = _getline(self.filename, self.lineno).strip()
        return self._line

    def _tuple(self):
        return (self.filename, self.lineno, self.name, self.line)

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return self._tuple() == other._tuple() and self.locals == other.locals
        if isinstance(other, tuple):
            return self._tuple() == other
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __getitem__(self, pos):
        return self._tuple()[pos]

    def __iter__(self):
        return iter(self._tuple())

    def __len__(self):
        return 4

    def __repr__(self):
        return '<FrameSummary file %s, line %s in %s>' % (self.filename, self.lineno, self.name)


class StackSummary(list):
    @classmethod
    def extract(klass, frame_gen, limit=None, lookup_lines=True, capture_locals=False):
        out = klass()
        for f, lineno in frame_gen:
            code = f.f_code
            out.append(FrameSummary(code.co_filename, lineno, code.co_name,
                                    lookup_line=lookup_lines))
        return klass(_limited(out, limit))

    @classmethod
    def from_list(klass, a_list):
        out = klass()
        for f in a_list:
            out.append(f if isinstance(f, FrameSummary) else FrameSummary(*f[:3], line=f[3]))
        return out

    def format_frame_summary(self, frame_summary):
        f = frame_summary
        row = '  File "%s", line %s, in %s\n' % (f.filename, f.lineno, f.name)
        if f.line:
            row += '    %s\n' % f.line.strip()
        return row

    def format(self):
        # Like CPython: the same frame more than 3 times in a row is counted.
        result = []
        last = None
        count = 0
        for f in self:
            key = (f.filename, f.lineno, f.name)
            if key == last:
                count += 1
                if count > 3:
                    continue
            else:
                if count > 3:
                    n = count - 3
                    result.append('  [Previous line repeated %d more time%s]\n'
                                  % (n, '' if n == 1 else 's'))
                last, count = key, 1
            result.append(self.format_frame_summary(f))
        if count > 3:
            n = count - 3
            result.append('  [Previous line repeated %d more time%s]\n'
                          % (n, '' if n == 1 else 's'))
        return result


def _limited(frames, limit):
    if limit is None:
        limit = getattr(sys, 'tracebacklimit', None)
        if limit is not None and limit < 0:
            limit = 0
    if limit is None:
        return frames
    if limit >= 0:
        return frames[:limit]
    return frames[len(frames) + limit:]


def walk_tb(tb):
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def walk_stack(f):
    return iter(())


def extract_tb(tb, limit=None):
    return StackSummary.extract(walk_tb(tb), limit=limit)


def extract_stack(f=None, limit=None):
    return StackSummary()


def format_list(extracted_list):
    return StackSummary.from_list(extracted_list).format()


def format_tb(tb, limit=None):
    return extract_tb(tb, limit=limit).format()


def format_stack(f=None, limit=None):
    return []


def _file(file):
    return sys.stderr if file is None else file


def print_list(extracted_list, file=None):
    for item in format_list(extracted_list):
        _file(file).write(item)


def print_tb(tb, limit=None, file=None):
    print_list(extract_tb(tb, limit=limit), file=file)


def print_stack(f=None, limit=None, file=None):
    pass


def clear_frames(tb):
    pass


def _type_name(t):
    name = getattr(t, '__qualname__', None) or t.__name__
    mod = getattr(t, '__module__', None)
    if mod not in (None, '__main__', 'builtins'):
        name = mod + '.' + name
    return name


def _value_str(value):
    try:
        return str(value)
    except Exception:
        return '<exception str() failed>'


def _only(etype, value):
    if etype is None:
        return ['NoneType: None\n'] if value is None else [_value_str(value) + '\n']
    stype = _type_name(etype)
    if value is None:
        return [stype + '\n']
    if isinstance(value, SyntaxError) and len(value.args) > 1:
        return _syntax_error(stype, value)
    text = _value_str(value)
    out = ['%s: %s\n' % (stype, text) if text else stype + '\n']
    notes = value.__dict__.get('__notes__') if hasattr(value, '__dict__') else None
    if isinstance(notes, (list, tuple)):
        for note in notes:
            out.append(_value_str(note) + '\n')
    return out


def _syntax_error(stype, value):
    msg = value.args[0]
    info = value.args[1] if isinstance(value.args[1], tuple) else ()
    filename = info[0] if len(info) > 0 else None
    lineno = info[1] if len(info) > 1 else None
    offset = info[2] if len(info) > 2 else None
    text = info[3] if len(info) > 3 else None
    out = []
    if filename is not None or lineno is not None:
        out.append('  File "%s", line %s\n' % (filename or '<string>', lineno))
    if text:
        stripped = text.rstrip('\n').lstrip()
        out.append('    %s\n' % stripped)
        if offset is not None:
            caret = offset - 1 - (len(text.rstrip('\n')) - len(stripped))
            out.append('    %s^\n' % (' ' * max(caret, 0)))
    out.append('%s: %s\n' % (stype, msg or '<no detail available>'))
    return out


def _resolve(exc, value, tb):
    # The 3.10+ single-argument form, or the old (type, value, tb) one.
    if value is _SENTINEL:
        value = exc
    if isinstance(value, BaseException):
        value = _x.cpython(value)
    if tb is _SENTINEL:
        tb = None if value is None else _x.xattr(value, '__traceback__')
    return value, tb


def format_exception_only(exc, value=_SENTINEL):
    if value is _SENTINEL:
        value = exc
        exc = None if value is None else type(value)
    if isinstance(value, BaseException):
        value = _x.cpython(value)
        exc = _x._NATIVE_OF.get(type(value), type(value))
    return _only(exc, value)


def _format_one(value, tb, limit):
    out = []
    frames = extract_tb(tb, limit=limit)
    if frames:
        out.append('Traceback (most recent call last):\n')
        out.extend(frames.format())
    t = None if value is None else _x._NATIVE_OF.get(type(value), type(value))
    out.extend(_only(t, value))
    return out


def format_exception(exc, value=_SENTINEL, tb=_SENTINEL, limit=None, chain=True):
    value, tb = _resolve(exc, value, tb)
    if value is None:
        return ['NoneType: None\n']
    # The chain, oldest first: causes and contexts, each printed once.
    chain_list = [(value, tb, None)]
    seen = [value]
    cur = value
    while chain:
        cause = _x.xattr(cur, '__cause__')
        link = None
        if cause is not None:
            nxt, link = cause, _CAUSE
        else:
            ctx = _x.xattr(cur, '__context__')
            if ctx is None or _x.xattr(cur, '__suppress_context__'):
                break
            nxt, link = ctx, _CONTEXT
        nxt = _x.cpython(nxt)
        if any([nxt is s for s in seen]) or len(seen) > 100:
            break
        seen.append(nxt)
        chain_list.append((nxt, _x.xattr(nxt, '__traceback__'), link))
        cur = nxt
    out = []
    for i in range(len(chain_list) - 1, -1, -1):
        v, t, _ = chain_list[i]
        out.extend(_format_one(v, t, limit))
        if i > 0:
            out.append(chain_list[i][2])  # how this one led to the next
    return out


def print_exception(exc, value=_SENTINEL, tb=_SENTINEL, limit=None, file=None, chain=True):
    f = _file(file)
    for line in format_exception(exc, value, tb, limit=limit, chain=chain):
        f.write(line)


def format_exc(limit=None, chain=True):
    return ''.join(format_exception(_x.exc_info()[1], limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    print_exception(_x.exc_info()[1], limit=limit, file=file, chain=chain)


def print_last(limit=None, file=None, chain=True):
    value = getattr(sys, 'last_value', None)
    if value is None:
        raise ValueError('no last exception')
    print_exception(value, limit=limit, file=file, chain=chain)


class TracebackException:
    def __init__(self, exc_type, exc_value, exc_traceback, limit=None, lookup_lines=True,
                 capture_locals=False, compact=False, max_group_width=15,
                 max_group_depth=10, _seen=None):
        self._value = _x.cpython(exc_value) if isinstance(exc_value, BaseException) else exc_value
        self._limit = limit
        self.exc_type = exc_type
        self.stack = extract_tb(exc_traceback, limit=limit)
        self._str = _value_str(self._value)
        self.__notes__ = None
        self.__cause__ = self.__context__ = None
        self.__suppress_context__ = False
        if isinstance(self._value, BaseException):
            self.__suppress_context__ = _x.xattr(self._value, '__suppress_context__')
            for name in ('__cause__', '__context__'):
                other = _x.xattr(self._value, name)
                if other is not None:
                    other = _x.cpython(other)
                    setattr(self, name, TracebackException(
                        type(other), other, _x.xattr(other, '__traceback__'), limit=limit))
        if isinstance(exc_value, SyntaxError) and len(exc_value.args) > 1:
            info = exc_value.args[1]
            self.filename, self.lineno, self.offset, self.text = (tuple(info) + (None,) * 4)[:4]
            self.msg = exc_value.args[0]

    @classmethod
    def from_exception(cls, exc, *args, **kwargs):
        exc = _x.cpython(exc)
        return cls(type(exc), exc, _x.xattr(exc, '__traceback__'), *args, **kwargs)

    def __eq__(self, other):
        if isinstance(other, TracebackException):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __str__(self):
        return self._str

    def format_exception_only(self):
        t = self.exc_type
        yield from _only(None if t is None else _x._NATIVE_OF.get(t, t), self._value)

    def format(self, chain=True):
        if self._value is None and self.exc_type is None:
            yield 'NoneType: None\n'
            return
        if isinstance(self._value, BaseException):
            yield from format_exception(self._value, limit=self._limit, chain=chain)
            return
        if self.stack:
            yield 'Traceback (most recent call last):\n'
            yield from self.stack.format()
        yield from self.format_exception_only()

    def print(self, file=None, chain=True):
        f = _file(file)
        for line in self.format(chain=chain):
            f.write(line)
