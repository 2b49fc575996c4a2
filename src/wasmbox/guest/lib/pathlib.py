"""pathlib: CPython 3.11's POSIX paths (MicroPython has no pathlib).

PurePath / PurePosixPath: / and joinpath, parts, root, anchor, name, stem,
suffix, suffixes, parent, parents (indexes, negative indexes, slices),
with_name, with_stem, with_suffix, relative_to, is_relative_to,
is_absolute, match, as_posix, as_uri, comparison and hashing.
Path / PosixPath (over the sandbox's virtual filesystem): cwd, home, exists,
is_file, is_dir, is_symlink, stat, open, read_text, write_text, read_bytes,
write_bytes, mkdir (parents, exist_ok), rmdir, unlink (missing_ok), touch,
rename, replace, iterdir, glob and rglob (*, ?, [seq], **), resolve,
absolute, expanduser, samefile. There are no Windows paths and no symlinks.
"""
import os
from fnmatch import fnmatchcase as _fnmatch


def _parse(args):
    # -> (root, parts): root is '', '/' or '//' (POSIX keeps exactly two).
    root = ''
    parts = []
    for a in args:
        if isinstance(a, PurePath):
            a = str(a)
        elif not isinstance(a, str):
            f = getattr(type(a), '__fspath__', None)
            a = f(a) if f is not None else a
            if not isinstance(a, str):
                raise TypeError('argument should be a str object or an os.PathLike object '
                                'returning str, not %r' % (type(a),))
        if a.startswith('/'):
            root = '//' if a.startswith('//') and not a.startswith('///') else '/'
            parts = []
        for p in a.split('/'):
            if p and p != '.':
                parts.append(p)
    return root, parts


class PurePath:
    def __new__(cls, *args):
        if cls is PurePath:
            cls = PurePosixPath
        self = object.__new__(cls)
        self._root, self._parts = _parse(args)
        return self

    def __init__(self, *args):
        pass

    @classmethod
    def _make(cls, root, parts):
        self = object.__new__(cls)
        self._root = root
        self._parts = parts
        return self

    def __str__(self):
        return (self._root + '/'.join(self._parts)) or '.'

    def __fspath__(self):
        return str(self)

    def as_posix(self):
        return str(self)

    def __bytes__(self):
        return str(self).encode()

    def __repr__(self):
        return '%s(%r)' % (type(self).__name__, self.as_posix())

    def as_uri(self):
        if not self._root:
            raise ValueError("relative path can't be expressed as a file URI")
        from urllib.parse import quote_from_bytes
        return 'file://' + quote_from_bytes(str(self).encode())

    def _key(self):
        return [self._root] + self._parts if self._root else self._parts

    def __eq__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._key() == other._key()

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __hash__(self):
        return hash(tuple(self._key()))

    def _cmp(self, other):
        if not isinstance(other, PurePath):
            raise TypeError
        return self._key(), other._key()

    def __lt__(self, other):
        a, b = self._cmp(other)
        return a < b

    def __le__(self, other):
        a, b = self._cmp(other)
        return a <= b

    def __gt__(self, other):
        a, b = self._cmp(other)
        return a > b

    def __ge__(self, other):
        a, b = self._cmp(other)
        return a >= b

    @property
    def drive(self):
        return ''

    @property
    def root(self):
        return self._root

    @property
    def anchor(self):
        return self._root

    @property
    def parts(self):
        return tuple(self._key())

    @property
    def name(self):
        return self._parts[-1] if self._parts else ''

    @property
    def suffix(self):
        name = self.name
        i = name.rfind('.')
        return name[i:] if 0 < i < len(name) - 1 else ''

    @property
    def suffixes(self):
        name = self.name
        if name.endswith('.'):
            return []
        return ['.' + s for s in name.lstrip('.').split('.')[1:]]

    @property
    def stem(self):
        name = self.name
        i = name.rfind('.')
        return name[:i] if 0 < i < len(name) - 1 else name

    @property
    def parent(self):
        if not self._parts:
            return self
        return self._make(self._root, self._parts[:-1])

    @property
    def parents(self):
        return _Parents(self)

    def with_name(self, name):
        if not self.name:
            raise ValueError('%r has an empty name' % (self,))
        if not name or '/' in name or name == '.':
            raise ValueError('Invalid name %r' % (name,))
        return self._make(self._root, self._parts[:-1] + [name])

    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)

    def with_suffix(self, suffix):
        if '/' in suffix or suffix and (not suffix.startswith('.') or suffix == '.'):
            raise ValueError('Invalid suffix %r' % (suffix,))
        name = self.name
        if not name:
            raise ValueError('%r has an empty name' % (self,))
        old = self.suffix
        name = (name[:len(name) - len(old)] if old else name) + suffix
        return self._make(self._root, self._parts[:-1] + [name])

    def joinpath(self, *args):
        root, parts = _parse([self] + list(args))
        return self._make(root, parts)

    def __truediv__(self, key):
        try:
            root, parts = _parse((self, key))
        except TypeError:
            return NotImplemented
        return self._make(root, parts)

    def __rtruediv__(self, key):
        try:
            root, parts = _parse((key, self))
        except TypeError:
            return NotImplemented
        return self._make(root, parts)

    def is_absolute(self):
        return bool(self._root)

    def is_reserved(self):
        return False

    def relative_to(self, *other):
        if not other:
            raise TypeError('need at least one argument')
        root, parts = _parse(other)
        mine = self._key()
        to = [root] + parts if root else parts
        n = len(to)
        if (self._root if n == 0 else mine[:n] != to):
            raise ValueError('{!r} is not in the subpath of {!r} OR one path is relative and '
                             'the other is absolute.'.format(str(self), (root + '/'.join(parts))))
        return self._make('', mine[n:])

    def is_relative_to(self, *other):
        try:
            self.relative_to(*other)
            return True
        except ValueError:
            return False

    def match(self, path_pattern):
        root, pat = _parse((path_pattern,))
        if not pat and not root:
            raise ValueError('empty pattern')
        if root and root != self._root:
            return False
        parts = self._parts
        if root:
            if len(pat) != len(parts):
                return False
        elif len(pat) > len(parts):
            return False
        for part, p in zip(reversed(parts), reversed(pat)):
            if not _fnmatch(part, p):
                return False
        return True


class _Parents:
    def __init__(self, path):
        self._path = path

    def __len__(self):
        return len(self._path._parts)

    def __getitem__(self, idx):
        n = len(self)
        if isinstance(idx, slice):
            return tuple([self[i] for i in range(*idx.indices(n))])
        if idx >= n or idx < -n:
            raise IndexError(idx)
        if idx < 0:
            idx += n
        p = self._path
        return p._make(p._root, p._parts[:n - idx - 1])

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __repr__(self):
        return '<%s.parents>' % type(self._path).__name__


class PurePosixPath(PurePath):
    pass


class Path(PurePosixPath):
    def __new__(cls, *args, **kwargs):
        if cls is Path:
            cls = PosixPath
        return PurePath.__new__(cls, *args)

    @classmethod
    def cwd(cls):
        return cls(os.getcwd())

    @classmethod
    def home(cls):
        return cls(os.path.expanduser('~'))

    def stat(self, *, follow_symlinks=True):
        return os.stat(str(self))

    def lstat(self):
        return os.stat(str(self))

    def exists(self):
        return os.path.exists(str(self))

    def is_file(self):
        return os.path.isfile(str(self))

    def is_dir(self):
        return os.path.isdir(str(self))

    def is_symlink(self):
        return False

    def is_mount(self):
        return str(self.resolve()) == '/'

    def samefile(self, other_path):
        return os.path.samefile(str(self), str(other_path))

    def open(self, mode='r', buffering=-1, encoding=None, errors=None, newline=None):
        return open(str(self), mode, buffering, encoding, errors, newline)

    def read_bytes(self):
        with open(str(self), 'rb') as f:
            return f.read()

    def read_text(self, encoding=None, errors=None):
        with open(str(self), 'r', -1, encoding, errors) as f:
            return f.read()

    def write_bytes(self, data):
        data = memoryview(data)
        with open(str(self), 'wb') as f:
            return f.write(data)

    def write_text(self, data, encoding=None, errors=None, newline=None):
        if not isinstance(data, str):
            raise TypeError('data must be str, not %s' % type(data).__name__)
        with open(str(self), 'w', -1, encoding, errors, newline) as f:
            return f.write(data)

    def touch(self, mode=0o666, exist_ok=True):
        if self.exists():
            if not exist_ok:
                os.mkdir(str(self))  # raises FileExistsError
            return
        open(str(self), 'ab').close()

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        s = str(self)
        if exist_ok and os.path.isdir(s):
            return
        if parents and not os.path.exists(s):
            os.makedirs(s)
        else:
            os.mkdir(s)

    def rmdir(self):
        os.rmdir(str(self))

    def unlink(self, missing_ok=False):
        if missing_ok and not self.exists():
            return
        os.remove(str(self))

    def rename(self, target):
        os.rename(str(self), str(target))
        return type(self)(target)

    def replace(self, target):
        os.replace(str(self), str(target))
        return type(self)(target)

    def iterdir(self):
        for name in os.listdir(str(self)):
            yield self._make(self._root, self._parts + [name])

    def absolute(self):
        if self._root:
            return self
        return type(self)(os.getcwd(), self)

    def resolve(self, strict=False):
        s = os.path.abspath(str(self))
        if strict:
            os.stat(s)
        return type(self)(s)

    def expanduser(self):
        if self._parts and self._parts[0].startswith('~') and not self._root:
            return type(self)(os.path.expanduser(str(self)))
        return self

    def owner(self):
        return 'root'

    def group(self):
        return 'root'

    def chmod(self, mode, *, follow_symlinks=True):
        os.stat(str(self))

    def glob(self, pattern):
        root, pat = _parse((pattern,))
        if root:
            raise NotImplementedError('Non-relative patterns are unsupported')
        if not pat:
            raise ValueError("Unacceptable pattern: {!r}".format(pattern))
        return iter(self._glob(pat))

    def rglob(self, pattern):
        root, pat = _parse((pattern,))
        if root:
            raise NotImplementedError('Non-relative patterns are unsupported')
        return iter(self._glob(['**'] + pat))

    def _glob(self, pat):
        # Level by level (no recursion): the paths matched by the pattern so far.
        current = [self]
        last = len(pat) - 1
        for i, seg in enumerate(pat):
            found = []
            seen = set()
            for base in current:
                if seg == '**':
                    todo = [base]
                    while todo:
                        d = todo.pop(0)
                        if not d.is_dir():
                            continue
                        found.append(d)
                        todo[:0] = [c for c in d.iterdir() if c.is_dir()]
                    continue
                if not base.is_dir():
                    continue
                if '*' in seg or '?' in seg or '[' in seg:
                    for name in os.listdir(str(base)):
                        if _fnmatch(name, seg):
                            p = base._make(base._root, base._parts + [name])
                            if i == last or p.is_dir():
                                found.append(p)
                else:
                    p = base._make(base._root, base._parts + [seg])
                    if p.exists() if i == last else p.is_dir():
                        found.append(p)
            current = []
            for p in found:
                k = str(p)
                if k not in seen:
                    seen.add(k)
                    current.append(p)
        return current


class PosixPath(Path):
    pass


class PureWindowsPath(PurePath):
    def __new__(cls, *args):
        raise NotImplementedError('Windows paths are not supported here')


class WindowsPath(Path):
    def __new__(cls, *args, **kwargs):
        raise NotImplementedError('cannot instantiate %r on your system' % (cls.__name__,))
