"""os: MicroPython's built-in os (getcwd, chdir, listdir, mkdir, remove, rename,
rmdir, stat, getenv, putenv, unsetenv, urandom, ...) with CPython's additions:
os.path (the package's path module, loaded on first use; `import os.path`
works too), name, sep, linesep, curdir, pardir, extsep, pathsep, devnull,
stat_result (st_* attributes), fspath, fsencode, fsdecode, error; and, loaded
on first use from os/_environ.py and os/_more.py: environ, makedirs,
removedirs, walk, scandir, DirEntry, replace, access, getpid, getppid,
cpu_count, get_exec_path, strerror, getcwdb. All over the sandbox's virtual
filesystem.
os.environ reads and writes the real environment, but cannot list variables
it was not given in this run: iterating it shows only what was set through it.
Kept small: every run that imports os loads this file.
"""
import _wasmbox

_b = _wasmbox.builtin('os')
getcwd = _b.getcwd
try:
    urandom = _b.urandom
except AttributeError:  # the browser build (web/) has none; its runner has one
    from _wasmbox_web import urandom
ilistdir = _b.ilistdir
_wasmbox = None

name = 'posix'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
linesep = '\n'
curdir = '.'
pardir = '..'
defpath = '/bin:/usr/bin'
devnull = '/dev/null'
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
F_OK = 0
R_OK = 4
W_OK = 2
X_OK = 1
error = OSError
supports_bytes_environ = False


def __getattr__(attr):
    # os.path and the rarer functions load on first use.
    if attr == 'path':
        import os.path
        return os.path
    if attr == 'environ':
        import os._environ
        v = globals()['environ'] = globals()['_environ'].environ
        return v
    if attr[:1] != '_':
        import os._more
        v = getattr(globals()['_more'], attr, None)
        if v is not None:
            globals()[attr] = v
            return v
    raise AttributeError("module 'os' has no attribute '%s'" % attr)


def fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    f = getattr(type(p), '__fspath__', None)
    if f is not None:
        r = f(p)
        if isinstance(r, (str, bytes)):
            return r
        raise TypeError('expected %s.__fspath__() to return str or bytes, not %s'
                        % (type(p).__name__, type(r).__name__))
    raise TypeError('expected str, bytes or os.PathLike object, not ' + type(p).__name__)


def fsencode(filename):
    filename = fspath(filename)
    return filename.encode() if isinstance(filename, str) else filename


def fsdecode(filename):
    filename = fspath(filename)
    return filename.decode() if isinstance(filename, bytes) else filename


class PathLike:
    pass


class stat_result(tuple):
    # CPython's 10 fields; the st_*time attributes are floats.
    st_mode = property(lambda s: s[0])
    st_ino = property(lambda s: s[1])
    st_dev = property(lambda s: s[2])
    st_nlink = property(lambda s: s[3])
    st_uid = property(lambda s: s[4])
    st_gid = property(lambda s: s[5])
    st_size = property(lambda s: s[6])
    st_atime = property(lambda s: float(s[7]))
    st_mtime = property(lambda s: float(s[8]))
    st_ctime = property(lambda s: float(s[9]))

    def __repr__(self):
        return ('os.stat_result(st_mode=%d, st_ino=%d, st_dev=%d, st_nlink=%d, st_uid=%d, '
                'st_gid=%d, st_size=%d, st_atime=%d, st_mtime=%d, st_ctime=%d)' % tuple(self))


def _err(e, *paths):
    # CPython's exception for MicroPython's OSError(errno): FileNotFoundError
    # and friends, Linux errno numbers, the path(s) in filename.
    try:
        return __wb_oserror(e, *paths)
    except NameError:  # no runtime (compat off): MicroPython's own
        return e


def stat(p, *, dir_fd=None, follow_symlinks=True):
    p = fspath(p)
    try:
        return stat_result(_b.stat(p))
    except OSError as e:
        raise _err(e, p)


lstat = stat


def listdir(p='.'):
    p = fspath(p)
    try:
        return _b.listdir(p)
    except OSError as e:
        raise _err(e, p)


def mkdir(p, mode=0o777, *, dir_fd=None):
    p = fspath(p)
    try:
        _b.mkdir(p)
    except OSError as e:
        raise _err(e, p)


def remove(p, *, dir_fd=None):
    p = fspath(p)
    try:
        _b.remove(p)
    except OSError as e:
        raise _err(e, p)


unlink = remove


def rmdir(p, *, dir_fd=None):
    p = fspath(p)
    try:
        _b.rmdir(p)
    except OSError as e:
        raise _err(e, p)


def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    src, dst = fspath(src), fspath(dst)
    try:
        _b.rename(src, dst)
    except OSError as e:
        raise _err(e, src, dst)


def chdir(p):
    p = fspath(p)
    try:
        _b.chdir(p)
    except OSError as e:
        raise _err(e, p)


def getenv(key, default=None):
    v = _b.getenv(key)
    return default if v is None else v


def putenv(key, value):
    _b.putenv(key, value)


def unsetenv(key):
    _b.unsetenv(key)
