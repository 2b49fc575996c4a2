# Runs inside MicroPython as `micropython -c <this file>`: asks the host for
# the user's program, runs it as __main__, and reports how it ended.
# The first host.call parks the instance (Asyncify unwinds the wasm stack into
# `park`, whose address it is given) until a program arrives; everything
# before it runs ahead of time. The build derives which functions Asyncify
# instruments from this file's call structure: change it, and the artifact is
# rebuilt.
import sys, host
def _input(prompt=None):
    # MicroPython's input() returns '' at end of input; CPython raises EOFError.
    if prompt is not None:
        sys.stdout.write(str(prompt))
    l = sys.stdin.readline()
    if not l:
        raise EOFError('EOF when reading a line')
    return l[:-1] if l[-1] == '\n' else l
def _wasmbox():
    import os, builtins
    os.chdir('/work')
    sys.argv[:] = ['main.py']
    # The workspace, then the overlay of standard-library modules at /lib.
    sys.path[:] = ['', '/lib', '.frozen']
    builtins.input = _input
    try:
        import _wasmbox_rt  # helpers for transformed code, missing built-ins
    except ImportError:
        pass
    import uctypes
    park = bytearray(4096)
    c = host.call('wasmbox.program', str(uctypes.addressof(park)))
    park = None
    # Each reply starts with '+' when more of the program follows.
    parts = [c[1:]]
    while c[0] == '+':
        c = host.call('wasmbox.program', '')
        parts.append(c[1:])
    src = ''.join(parts)
    parts = None
    g = {'__name__': '__main__', '__file__': 'main.py'}
    try:
        exec(compile(src, 'main.py', 'exec'), g)
    except SystemExit as e:
        a = e.args
        c = a[0] if a else None
        if c is None or c is False:
            c = 0
        elif c is True:
            c = 1
        elif not isinstance(c, int):
            sys.stderr.write(str(c) + '\n')
            c = 1
        if c:
            host.call('wasmbox.exit', str(c))
        return
    except BaseException as e:
        src = g = None
        n = type(e).__name__
        try:
            m = str(e)
        except BaseException:
            m = '<exception str() failed>'
        t = ''
        try:
            import io
            b = io.StringIO()
            sys.print_exception(e, b)
            # Only the user's frames: not the bootstrap's, not the compat runtime's.
            t = '\n'.join([l for l in b.getvalue().split('\n')
                           if 'File "<stdin>"' not in l and '"/lib/_wasmbox' not in l])
            sys.stderr.write(t)
        except BaseException:
            pass
        # Length-prefixed: the message itself may hold any character.
        host.call('wasmbox.error', '%d:%s%d:%s%s' % (len(n), n, len(m), m, t))
# Success needs no report: _start returns normally only when _wasmbox() did
# (an exception escaping it makes MicroPython exit 1 through proc_exit).
_wasmbox()
