"""os.path (posixpath): CPython 3.11's POSIX path functions, over the sandbox's
virtual filesystem. MicroPython has no os.path at all. (The module is os.path,
named posixpath as in CPython; /lib/posixpath.py re-exports it.)

Pure string functions: join, split, splitext, basename, dirname, normpath,
isabs, commonprefix, commonpath, relpath, abspath, realpath, normcase,
splitdrive, expanduser, expandvars. Filesystem queries: exists, lexists,
isfile, isdir, islink, ismount, getsize, getmtime, getatime, getctime,
samefile. Paths are str or os.PathLike (bytes paths are not supported).
There are no symbolic links here: realpath is abspath, islink is False.
"""
import _wasmbox

_os = _wasmbox.builtin('os')
_wasmbox = None
__name__ = 'posixpath'
import sys
sys.modules['posixpath'] = sys.modules['os.path']  # the same module, as in CPython
sys = None

sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
curdir = '.'
pardir = '..'
defpath = '/bin:/usr/bin'
devnull = '/dev/null'
supports_unicode_filenames = False


def _fs(p):
    if isinstance(p, str):
        return p
    f = getattr(type(p), '__fspath__', None)
    if f is not None:
        p = f(p)
        if isinstance(p, str):
            return p
    if isinstance(p, (bytes, bytearray)):
        raise TypeError('bytes paths are not supported here')
    raise TypeError('expected str, bytes or os.PathLike object, not ' + type(p).__name__)


def normcase(s):
    return _fs(s)


def isabs(s):
    return _fs(s).startswith('/')


def join(a, *p):
    path = _fs(a)
    for b in p:
        b = _fs(b)
        if b.startswith('/'):
            path = b
        elif not path or path.endswith('/'):
            path += b
        else:
            path += '/' + b
    return path


def split(p):
    p = _fs(p)
    i = p.rfind('/') + 1
    head, tail = p[:i], p[i:]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head, tail


def splitext(p):
    p = _fs(p)
    s = p.rfind('/')
    d = p.rfind('.')
    if d > s:
        i = s + 1
        while i < d:
            if p[i] != '.':
                return p[:d], p[d:]
            i += 1
    return p, ''


def splitdrive(p):
    return '', _fs(p)


def basename(p):
    p = _fs(p)
    return p[p.rfind('/') + 1:]


def dirname(p):
    p = _fs(p)
    head = p[:p.rfind('/') + 1]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head


def normpath(path):
    path = _fs(path)
    if not path:
        return '.'
    initial = 1 if path.startswith('/') else 0
    if initial and path.startswith('//') and not path.startswith('///'):
        initial = 2
    comps = []
    for comp in path.split('/'):
        if comp in ('', '.'):
            continue
        if comp != '..' or (not initial and not comps) or (comps and comps[-1] == '..'):
            comps.append(comp)
        elif comps:
            comps.pop()
    path = '/' * initial + '/'.join(comps)
    return path or '.'


def abspath(path):
    path = _fs(path)
    if not path.startswith('/'):
        path = join(_os.getcwd(), path)
    return normpath(path)


def realpath(filename, *, strict=False):
    filename = abspath(filename)
    if strict:
        _os.stat(filename)
    return filename


def relpath(path, start=None):
    if not path:
        raise ValueError('no path specified')
    path = _fs(path)
    start = '.' if start is None else _fs(start)
    a = [x for x in abspath(start).split('/') if x]
    b = [x for x in abspath(path).split('/') if x]
    i = len(commonprefix([a, b]))
    rel = ['..'] * (len(a) - i) + b[i:]
    if not rel:
        return '.'
    return join(*rel)


def commonprefix(m):
    if not m:
        return ''
    if not isinstance(m[0], (list, tuple)):
        m = [_fs(x) for x in m]
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def commonpath(paths):
    paths = [_fs(p) for p in paths]
    if not paths:
        raise ValueError('commonpath() arg is an empty sequence')
    absolute = set([p[:1] == '/' for p in paths])
    if len(absolute) != 1:
        raise ValueError("Can't mix absolute and relative paths")
    parts = [[c for c in p.split('/') if c and c != '.'] for p in paths]
    s1 = min(parts)
    s2 = max(parts)
    common = s1
    for i, c in enumerate(s1):
        if c != s2[i]:
            common = s1[:i]
            break
    return ('/' if paths[0][:1] == '/' else '') + '/'.join(common)


def expanduser(path):
    path = _fs(path)
    if not path.startswith('~'):
        return path
    i = path.find('/', 1)
    if i < 0:
        i = len(path)
    if i != 1:
        return path  # ~user: there are no other users here
    home = _os.getenv('HOME') or '/'
    return (home.rstrip('/') + path[i:]) or '/'


def expandvars(path):
    path = _fs(path)
    if '$' not in path:
        return path
    out = []
    i = 0
    n = len(path)
    while i < n:
        c = path[i]
        if c != '$':
            out.append(c)
            i += 1
            continue
        j = i + 1
        if j < n and path[j] == '{':
            k = path.find('}', j)
            name = path[j + 1:k] if k > 0 else ''
            end = k + 1
        else:
            k = j
            while k < n and (path[k].isalpha() or path[k].isdigit() or path[k] == '_'):
                k += 1
            name = path[j:k]
            end = k
        value = _os.getenv(name) if name else None
        if value is None:
            out.append(c)
            i += 1
        else:
            out.append(value)
            i = end
    return ''.join(out)


def _stat(p):
    try:
        return _os.stat(_fs(p))
    except (OSError, ValueError):
        return None


def exists(path):
    return _stat(path) is not None


lexists = exists


def isfile(path):
    s = _stat(path)
    return s is not None and s[0] & 0o170000 == 0o100000


def isdir(s):
    s = _stat(s)
    return s is not None and s[0] & 0o170000 == 0o040000


def islink(path):
    return False


def ismount(path):
    return abspath(path) == '/'


def getsize(filename):
    return _os.stat(filename)[6]


def getatime(filename):
    return float(_os.stat(filename)[7])


def getmtime(filename):
    return float(_os.stat(filename)[8])


def getctime(filename):
    return float(_os.stat(filename)[9])


def samefile(f1, f2):
    _os.stat(f1)
    _os.stat(f2)
    return abspath(f1) == abspath(f2)
