# Runs inside MicroPython as `micropython -c <this file>`: asks the host for
# work, runs it, reports how it ended, and asks again. A request carries the
# program, its inputs and the host functions it may call (see _wasmbox_io);
# an empty request ends the interpreter. Every `wasmbox.program` call after a
# report can park the instance (Asyncify unwinds the wasm stack into `park`,
# whose address the first call gives) until the host has more work: that is
# how a one-shot run starts already booted, and how a session waits between
# calls. The build derives which functions Asyncify instruments from the
# call structure here: change it, and the artifact is rebuilt.
import sys, host
def _input(prompt=None):
    # MicroPython's input() returns '' at end of input; CPython raises EOFError.
    if prompt is not None:
        sys.stdout.write(str(prompt))
    l = sys.stdin.readline()
    if not l:
        raise EOFError('EOF when reading a line')
    return l[:-1] if l[-1] == '\n' else l
def _keep(l):
    # Only the user's frames: not the bootstrap's, not the runtime's.
    return 'File "<stdin>"' not in l and '"/lib/_wasmbox' not in l
def _get(a):
    # Each reply starts with '+' when more of the request follows.
    c = host.call('wasmbox.program', a)
    parts = [c[1:]]
    while c[0] == '+':
        c = host.call('wasmbox.program', '')
        parts.append(c[1:])
    return ''.join(parts)
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
    try:
        import _wasmbox_io
    except ImportError:  # the build's own boots have no /lib: plain programs only
        _wasmbox_io = None
    import uctypes
    park = bytearray(4096)
    msg = _get(str(uctypes.addressof(park)))
    g = {'__name__': '__main__', '__file__': 'main.py'}
    while msg:
        if _wasmbox_io:
            r = _wasmbox_io.run(msg, g, _keep)
        else:
            exec(msg.partition('\n')[2], g)
            r = ''
        msg = None
        host.call('wasmbox.done', r)
        r = None
        msg = _get('')
_wasmbox()
