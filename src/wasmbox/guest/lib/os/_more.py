# The less common parts of the os overlay, loaded by os.__getattr__ on first use.
import _wasmbox
from os import fspath, stat
from os import path

_b = _wasmbox.builtin('os')
_wasmbox = None


def makedirs(name, mode=0o777, exist_ok=False):
    name = fspath(name)
    if path.exists(name):
        if exist_ok and path.isdir(name):
            return
        _b.mkdir(name)  # raises FileExistsError (an OSError)
    todo = []
    head = name.rstrip('/') or name
    while head and not path.exists(head):
        todo.append(head)
        head = path.dirname(head)
    for d in reversed(todo):
        _b.mkdir(d)


def removedirs(name):
    name = fspath(name)
    _b.rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            _b.rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def replace(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    src, dst = fspath(src), fspath(dst)
    if src != dst and path.isfile(dst):
        _b.remove(dst)
    _b.rename(src, dst)


def getcwdb():
    return _b.getcwd().encode()


def access(p, mode, **kwargs):
    return path.exists(p)


def getpid():
    return 1


def getppid():
    return 0


def cpu_count():
    return 1


def get_exec_path(env=None):
    return ['/bin', '/usr/bin']


def strerror(code):
    return 'Error %d' % code


class DirEntry:
    def __init__(self, top, name, kind):
        self.name = name
        self.path = path.join(top, name)
        self._kind = kind

    def is_dir(self, *, follow_symlinks=True):
        return self._kind == 0x4000

    def is_file(self, *, follow_symlinks=True):
        return self._kind == 0x8000

    def is_symlink(self):
        return False

    def stat(self, *, follow_symlinks=True):
        return stat(self.path)

    def inode(self):
        return 0

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return '<DirEntry %r>' % self.name


class _ScandirIterator:
    def __init__(self, top):
        self._top = top
        self._it = _b.ilistdir(top)

    def __iter__(self):
        return self

    def __next__(self):
        e = next(self._it)
        return DirEntry(self._top, e[0], e[1])

    def close(self):
        self._it = iter(())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def scandir(p='.'):
    return _ScandirIterator(fspath(p))


def walk(top, topdown=True, onerror=None, followlinks=False):
    # Iterative (a deep tree must not exhaust MicroPython's small call stack).
    stack = [fspath(top)]
    while stack:
        top = stack.pop()
        if isinstance(top, tuple):
            yield top
            continue
        try:
            entries = list(_b.ilistdir(top))
        except OSError as e:
            if onerror is not None:
                onerror(e)
            continue
        dirs = []
        files = []
        for e in entries:
            (dirs if e[1] == 0x4000 else files).append(e[0])
        if topdown:
            yield top, dirs, files
        else:
            stack.append((top, dirs, files))
        for d in reversed(dirs):
            stack.append(path.join(top, d))
