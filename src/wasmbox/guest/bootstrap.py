# Runs inside MicroPython as `micropython -c <this file>`: asks the host for
# work, runs it, reports how it ended and asks again, in one call. A request
# carries the program, its inputs and the host functions it may call (see
# _wasmbox_io); an empty request ends the interpreter. The host can park the
# instance in any of these calls (Asyncify unwinds the wasm stack into `park`,
# whose id() the first call gives) until it has work. It accepts them only at
# the depth of `call(...)` in _wasmbox's own frame, where guest code never
# runs; guest code can reach this module (`import __main__`), so the loop uses
# only locals bound before any request. Asyncify's onlylist is derived from
# this call structure: change it, and the artifact is rebuilt. Every line here
# is compiled at every boot: keep it short.
def _wasmbox():
    import sys, os, builtins, host
    call = host.call
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
        run, io = _wasmbox_io.run, _wasmbox_io.__dict__
    except ImportError:  # the build's own boots have no /lib: plain programs only
        run = None
    park = bytearray(4096)
    g = {'__name__': '__main__', '__file__': 'main.py'}
    n, a = 'wasmbox.program', str(id(park))
    while True:
        # `wasmbox.program` first, then `wasmbox.done` with the last report;
        # each reply starts with '+' when more of the request follows.
        c = call(n, a)
        msg = c[1:]
        while c.startswith('+'):
            c = call('wasmbox.program', '')
            msg += c[1:]
        c = None
        if not msg:
            return
        if run:
            r = run(msg, g, _keep)
            if r == 'o' and io.get('once') is True:
                return  # a plain success: ending cleanly says it all
        else:
            exec(msg[1:], g)
            r = ''
        msg = None
        n, a = 'wasmbox.done', r
_wasmbox()
