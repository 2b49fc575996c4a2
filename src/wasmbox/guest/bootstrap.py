# Runs inside MicroPython as `micropython -c <this file>`: asks the host for
# work, runs it, reports how it ended and asks again, in one call. A request
# carries the program, its inputs and the host functions it may call (see
# _wasmbox_io); an empty request ends the interpreter. The host can park the
# instance in any of these calls (Asyncify unwinds the wasm stack into `park`,
# whose address the first call gives) until it has work: that is how a
# one-shot run starts already booted, and how a session waits between calls. The build derives which functions Asyncify instruments from the
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
def _get(n, a):
    # Asks for a request (`wasmbox.program` first, then `wasmbox.done` with
    # the last one's report); each reply starts with '+' when more follows.
    # Every call is made from here: the host accepts the protocol's calls
    # only at this stack depth, which guest code never runs at.
    c = host.call(n, a)
    if not c.startswith('+'):
        return c[1:]
    parts = [c[1:]]
    while c.startswith('+'):
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
    msg = _get('wasmbox.program', str(uctypes.addressof(park)))
    g = {'__name__': '__main__', '__file__': 'main.py'}
    while msg:
        if _wasmbox_io:
            r = _wasmbox_io.run(msg, g, _keep)
            if r == 'o' and _wasmbox_io.once:
                return  # a plain success: ending cleanly says it all
        else:
            exec(msg[1:], g)
            r = ''
        msg = None
        msg = _get('wasmbox.done', r)
_wasmbox()
