# The browser worker's half of a run (web/src/worker.js calls run()). Runs inside the
# official MicroPython WebAssembly build. It speaks the WASI bootstrap's
# request and report formats (guest/bootstrap.py, lib/_wasmbox_io.py),
# so the page reads outcomes exactly as the Python host does; what the host
# does in CPython before a run (the value of the last expression) is done
# here, with MicroPython's own compiler.
import sys, builtins


def urandom(n):
    # os.urandom for the overlay's os: this build's own os has none.
    import js
    n = int(n)
    if n < 0:
        raise ValueError('negative argument not allowed')
    out = bytearray()
    while len(out) < n:
        a = js.Uint8Array.new(min(n - len(out), 65536))
        js.crypto.getRandomValues(a)
        out.extend(bytes(a))
    return bytes(out)

# While this runner boots, only /lib: what it imports is there, and every
# name looked up in vain elsewhere (the cwd is / until _setup) costs an
# Emscripten error object. _setup() sets the path programs get.
sys.path[:] = ['/lib']
import _wasmbox
import _wasmbox_io

_VALUE = '__wbv__'  # wasmbox/cell.py's VALUE_NAME
_TRIES = 8
_COMPOUND = ('if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except', 'finally',
             'def', 'class', 'async', 'match', 'case')
_G = {'__name__': '__main__', '__file__': 'main.py'}


def _input(prompt=None):
    # MicroPython's input() would wait for a terminal forever; CPython raises
    # EOFError at the end of stdin.
    if prompt is not None:
        sys.stdout.write(str(prompt))
    l = sys.stdin.readline()
    if not l:
        raise EOFError('EOF when reading a line')
    return l[:-1] if l[-1] == '\n' else l


def _keep(l):
    # Only the user's frames: not this runner's, not the runtime's.
    return 'File "<stdin>"' not in l and '"/lib/_wasmbox' not in l


def _compiles(src, mode):
    try:
        compile(src, 'main.py', mode)
        return True
    except BaseException:
        return False


def capture(code):
    """`code` with its last statement assigned to _VALUE if it is an expression.

    As wasmbox/cell.py does it on the host: candidate starts of the last
    statement (lines at column 0) are tried from the end; the first tail
    that compiles decides.
    """
    lines = code.split('\n')
    tries = 0
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line.strip() or line[0] in ' \t#)]}':
            continue
        tries += 1
        if tries > _TRIES:
            return code
        if tries == 1 and line.startswith('print('):
            return code
        rest = '\n'.join(lines[i + 1:])
        if _compiles(line + '\n' + rest, 'eval'):
            lines[i] = _VALUE + ' = ' + line
            return '\n'.join(lines)
        if _compiles(line + '\n' + rest, 'exec'):
            # Whole statements: the value is the last one's, after a `;`.
            at = _last_semicolon(line, rest)
            if at > 0:
                lines[i] = line[:at + 1] + ' ' + _VALUE + ' = ' + line[at + 1:].lstrip()
                return '\n'.join(lines)
            return code
    return code


def _last_semicolon(line, rest):
    # `import sys; sys.path`: where the last statement starts, if it is an
    # expression (the compiler decides; a `;` inside a string fails to).
    if line.split(None, 1)[0].rstrip(':') in _COMPOUND:
        return -1  # `if x: a; b`: b is inside the if
    at = line.rfind(';')
    while at > 0:
        if _compiles(line[at + 1:].lstrip() + '\n' + rest, 'eval') and _compiles(line[:at], 'exec'):
            return at
        at = line.rfind(';', 0, at)
    return -1


def run(head, code):
    """Run one program; the report the WASI bootstrap would give."""
    # `head` is ' ' (a one-shot run), '!' (a session's) or a JSON header.
    msg = head + capture(code) if len(head) == 1 else head + '\n' + capture(code)
    code = None
    return _wasmbox_io.run(msg, _G, _keep)


def _setup():
    try:
        import _wasmbox_host  # the worker's bridge to the page (fetch)
        _wasmbox_io._hc = _wasmbox_host.call
    except ImportError:
        pass
    _wasmbox.builtin('os').chdir('/work')
    # The overlay's os (urandom, os.path...) is the one the program imports,
    # when it does: nothing here loads it.
    for m in ('os', 'os.path'):
        sys.modules.pop(m, None)
    sys.argv[:] = ['main.py']
    builtins.input = _input
    try:
        import _wasmbox_rt  # helpers for transformed code, missing built-ins
    except ImportError:
        pass
    # The workspace, then the overlay at /lib, then the build's frozen modules.
    sys.path[:] = ['', '/lib', '.frozen']


_setup()
