"""The in-memory filesystem one run sees, and nothing else.

There is no host path behind any node: the tree is built from bytes the caller
grants, so ``..``, absolute paths and odd names can only ever reach nodes of
this tree. Layout::

    /            read-only
    /work        the writable workspace and working directory, under a quota
    /dev/urandom host entropy (or a seeded stream), so ``random`` works
    /dev/random  the same
    /<mount>     read-only caller data, e.g. /data

Errors are raised as :class:`FsError` carrying a WASI errno; the preview1
layer turns them into return codes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from . import errno as E

__all__ = [
    "Device",
    "Dir",
    "File",
    "FileSystem",
    "FsError",
    "Node",
    "OpenFile",
    "Quota",
    "build_tree",
    "normalise_mount_point",
    "read_host_dir",
]

MAX_NAME = 255
#: Inode numbers of a run's own nodes start here; shared trees (the /lib
#: overlay) are numbered below it when they are built.
_RUN_INO_BASE = 1 << 20
MAX_PATH = 4096
WORK = "work"
RESERVED = frozenset({"work", "dev", "lib"})


_N = TypeVar("_N", bound="Node")


class FsError(Exception):
    """A filesystem operation failed with a WASI errno."""

    def __init__(self, errno: int) -> None:
        super().__init__(errno)
        self.errno = errno


class Node:
    """A file, directory or device; ``writable`` only inside ``/work``.

    Inode numbers come from the filesystem that owns the node (one counter
    per run), so they reveal nothing about other runs.
    """

    __slots__ = ("ino", "writable")

    def __init__(self, writable: bool) -> None:
        self.writable = writable
        self.ino = 0


class File(Node):
    """A regular file. Read-only files hold ``bytes`` so they can never change.

    A file's bytes count against the quota while it is linked in the tree or
    open: removing a file that is still open gives nothing back until the
    last handle closes (otherwise unlinked-but-open files would hold data
    outside any quota).
    """

    __slots__ = ("data", "handles", "linked")

    def __init__(self, data: bytes | bytearray, writable: bool) -> None:
        super().__init__(writable)
        self.data: bytes | bytearray = bytearray(data) if writable else bytes(data)
        self.linked = True
        self.handles = 0


class Dir(Node):
    """A directory: a mapping of names to nodes."""

    __slots__ = ("children",)

    def __init__(self, writable: bool) -> None:
        super().__init__(writable)
        self.children: dict[str, Node] = {}


class Device(Node):
    """A character device that produces bytes on read and swallows writes."""

    __slots__ = ("read",)

    def __init__(self, read: Callable[[int], bytes]) -> None:
        super().__init__(False)
        self.read = read


@dataclass(slots=True)
class Quota:
    """What ``/work`` may hold; exceeding it is ENOSPC, as on a full disk."""

    max_bytes: int
    max_files: int
    used_bytes: int = 0
    used_files: int = 0

    def charge(self, nbytes: int = 0, nfiles: int = 0) -> None:
        if nbytes > 0 and self.used_bytes + nbytes > self.max_bytes:
            raise FsError(E.ENOSPC)
        if nfiles > 0 and self.used_files + nfiles > self.max_files:
            raise FsError(E.ENOSPC)
        self.used_bytes += nbytes
        self.used_files += nfiles


@dataclass(slots=True)
class OpenFile:
    """An open file description: a node, a position and what it may do."""

    node: Node
    readable: bool
    writable: bool
    append: bool = False
    pos: int = 0
    #: directory listings are snapshotted when first read, so that a cookie
    #: stays meaningful while the guest changes the directory.
    listing: list[tuple[str, Node]] | None = field(default=None)


def _split(path: str) -> tuple[list[str], bool]:
    """Split a guest path into components; the flag tells if it ended in a slash."""
    if len(path) > MAX_PATH:
        raise FsError(E.ENAMETOOLONG)
    if "\x00" in path:
        raise FsError(E.EINVAL)
    parts = [p for p in path.split("/") if p and p != "."]
    for part in parts:
        if len(part.encode("utf-8", "surrogateescape")) > MAX_NAME:
            raise FsError(E.ENAMETOOLONG)
    return parts, path.endswith("/") or path.endswith("/.")


class FileSystem:
    """The tree of one run, with the quota of its workspace."""

    def __init__(
        self,
        *,
        files: Mapping[str, bytes] | None = None,
        mounts: Mapping[str, Mapping[str, bytes]] | None = None,
        entropy: Callable[[int], bytes] = os.urandom,
        max_bytes: int = 16 << 20,
        max_files: int = 1000,
        shared: Mapping[str, Dir] | None = None,
        bytecode_suffixes: tuple[str, ...] = (".mpy",),
    ) -> None:
        self.quota = Quota(max_bytes, max_files)
        #: Names guest code may not create, write or rename a file to: MicroPython
        #: imports .mpy bytecode without verifying it, so a crafted file would be
        #: a way to read and write the interpreter's own memory (and forge its
        #: report). Files the caller gives and mounts may still hold them.
        self.bytecode_suffixes = bytecode_suffixes
        self._next_ino = _RUN_INO_BASE
        self.root = self._own(Dir(writable=False))
        # Read-only trees built once and attached to every run (the /lib
        # overlay): nothing ever modifies a read-only node, so sharing is safe.
        self._shared = frozenset(shared or ())
        for name, shared_tree in (shared or {}).items():
            self.root.children[name] = shared_tree
        self.work = self._own(Dir(writable=True))
        self.root.children[WORK] = self.work
        dev = self._own(Dir(writable=False))
        dev.children["urandom"] = self._own(Device(entropy))
        dev.children["random"] = self._own(Device(entropy))
        self.root.children["dev"] = dev
        for point, tree in (mounts or {}).items():
            self._mount(point, tree)
        for name, data in (files or {}).items():
            self._add_initial(name, data)

    # -- building ---------------------------------------------------------

    def _own(self, node: _N) -> _N:
        self._next_ino += 1
        node.ino = self._next_ino
        return node

    def _mount(self, point: str, tree: Mapping[str, bytes]) -> None:
        parts = normalise_mount_point(point).strip("/").split("/")
        if parts[0] in self._shared:
            # A shared tree belongs to every run: nothing may be added to it.
            raise ValueError(f"mount point {point!r} is inside /{parts[0]}, which is reserved")
        directory = self.root
        for part in parts:
            child = directory.children.get(part)
            if child is None:
                child = directory.children[part] = self._own(Dir(writable=False))
            if not isinstance(child, Dir) or child.writable:
                raise ValueError(f"mount point {point!r} clashes with another mount")
            directory = child
        for name, data in tree.items():
            self._place(directory, name, data, writable=False)

    def _add_initial(self, name: str, data: bytes) -> None:
        try:
            self._place(self.work, name, data, writable=True)
        except FsError as exc:
            if exc.errno == E.ENOSPC:
                raise ValueError(
                    "the initial files do not fit in the workspace quota "
                    f"({self.quota.max_bytes} bytes, {self.quota.max_files} files)"
                ) from None
            raise ValueError(f"invalid file name {name!r}") from None

    def _place(self, base: Dir, name: str, data: bytes, *, writable: bool) -> None:
        parts, _ = _split(name)
        if not parts or ".." in parts:
            raise ValueError(f"invalid file name {name!r}")
        directory = base
        for part in parts[:-1]:
            child = directory.children.get(part)
            if child is None:
                if writable:
                    self.quota.charge(nfiles=1)
                child = directory.children[part] = self._own(Dir(writable=writable))
            if not isinstance(child, Dir):
                raise ValueError(f"{name!r}: {part!r} is a file, not a directory")
            directory = child
        if writable:
            self.quota.charge(nbytes=len(data), nfiles=1)
        if isinstance(directory.children.get(parts[-1]), Dir):
            raise ValueError(f"{name!r} is a directory")
        directory.children[parts[-1]] = self._own(File(data, writable=writable))

    # -- lookup -----------------------------------------------------------

    def lookup(self, base: Dir, path: str) -> Node:
        """The node at ``path`` relative to ``base``; ``..`` never climbs above the root."""
        parent, name, trailing = self.lookup_parent(base, path)
        if name is None:
            return parent
        node = parent.children.get(name)
        if node is None:
            raise FsError(E.ENOENT)
        if trailing and not isinstance(node, Dir):
            raise FsError(E.ENOTDIR)
        return node

    def lookup_parent(self, base: Dir, path: str) -> tuple[Dir, str | None, bool]:
        """The directory that holds the last component of ``path``, and that component.

        The name is None when ``path`` names a directory reached through ``..``
        or names ``base`` itself: it then has no entry of its own to create or
        remove.
        """
        parts, trailing = _split(path)
        if path.startswith("/"):
            base = self.root
        stack: list[Dir] = [base]
        parents: dict[int, Dir] | None = None
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if part == "..":
                if len(stack) > 1:
                    stack.pop()
                elif stack[0] is not self.root:
                    # Above where the walk began: one pass over the tree finds every
                    # parent (a pass per '..' let one call of a deep tree take seconds).
                    if parents is None:
                        parents = self._parents()
                    stack[0] = parents.get(id(stack[0]), self.root)
                if last:
                    return stack[-1], None, trailing
                continue
            if last:
                return stack[-1], part, trailing
            child = stack[-1].children.get(part)
            if child is None:
                raise FsError(E.ENOENT)
            if not isinstance(child, Dir):
                raise FsError(E.ENOTDIR)
            stack.append(child)
        return stack[-1], None, trailing

    def _parents(self) -> dict[int, Dir]:
        """Every directory's parent, by the directory's id()."""
        return {
            id(node): directory
            for directory, _name, node in self._walk(self.root)
            if isinstance(node, Dir)
        }

    def _walk(self, directory: Dir) -> Iterator[tuple[Dir, str, Node]]:
        # Iterative: a guest can build trees far deeper than Python's recursion limit.
        stack = [directory]
        while stack:
            current = stack.pop()
            for name, node in list(current.children.items()):
                yield current, name, node
                if isinstance(node, Dir):
                    stack.append(node)

    # -- changes ----------------------------------------------------------

    def open(
        self,
        base: Dir,
        path: str,
        *,
        create: bool,
        exclusive: bool,
        truncate: bool,
        directory: bool,
        read: bool,
        write: bool,
        append: bool,
    ) -> OpenFile:
        """Open (and maybe create) ``path``, with POSIX semantics for the flags."""
        parent, name, trailing = self.lookup_parent(base, path)
        node = parent if name is None else parent.children.get(name)
        if node is None:
            if not create:
                raise FsError(E.ENOENT)
            if directory or trailing:
                raise FsError(E.EISDIR if trailing else E.ENOENT)
            if not parent.writable:
                raise FsError(E.EROFS)
            self._refuse_bytecode(name)  # type: ignore[arg-type]
            self.quota.charge(nfiles=1)
            node = parent.children[name] = self._own(File(b"", writable=True))  # type: ignore[index]
        elif create and exclusive:
            raise FsError(E.EEXIST)
        if trailing and not isinstance(node, Dir):
            raise FsError(E.ENOTDIR)
        if directory and not isinstance(node, Dir):
            raise FsError(E.ENOTDIR)
        if isinstance(node, Dir):
            if write or truncate:
                raise FsError(E.EISDIR)
            return OpenFile(node, readable=True, writable=False)
        if (write or truncate) and not node.writable and not isinstance(node, Device):
            raise FsError(E.EROFS)
        if (write or truncate) and name is not None:
            self._refuse_bytecode(name)
        if truncate and isinstance(node, File):
            self.resize(node, 0)
        if isinstance(node, File):
            node.handles += 1
        return OpenFile(node, readable=read, writable=write, append=append)

    def _refuse_bytecode(self, name: str) -> None:
        if name.endswith(self.bytecode_suffixes):
            raise FsError(E.EACCES)

    def close(self, handle: OpenFile) -> None:
        """Close a handle; the last one on a removed file gives its bytes back."""
        node = handle.node
        if isinstance(node, File) and node.handles > 0:
            node.handles -= 1
            if node.handles == 0 and not node.linked and node.writable:
                self.quota.used_bytes -= len(node.data)

    def resize(self, node: File, size: int) -> None:
        """Grow (with zeros) or shrink a writable file, charging the quota."""
        assert isinstance(node.data, bytearray)
        delta = size - len(node.data)
        if delta > 0:
            self.quota.charge(nbytes=delta)
            node.data.extend(bytes(delta))
        elif delta < 0:
            del node.data[size:]
            self.quota.used_bytes += delta  # the node is counted: linked or open

    def write(self, handle: OpenFile, data: bytes) -> int:
        """Write at the handle's position (or the end when appending)."""
        node = handle.node
        if isinstance(node, Device):
            return len(data)
        if not isinstance(node, File) or not handle.writable:
            raise FsError(E.EBADF)
        assert isinstance(node.data, bytearray)
        pos = len(node.data) if handle.append else handle.pos
        end = pos + len(data)
        if end > len(node.data):
            if end > self.quota.max_bytes:
                raise FsError(E.EFBIG if end > 1 << 31 else E.ENOSPC)
            self.quota.charge(nbytes=end - len(node.data))
            if pos > len(node.data):
                node.data.extend(bytes(pos - len(node.data)))
        node.data[pos:end] = data
        handle.pos = end
        return len(data)

    def read(self, handle: OpenFile, size: int) -> bytes:
        """Read up to ``size`` bytes at the handle's position."""
        node = handle.node
        if isinstance(node, Device):
            return node.read(size)
        if isinstance(node, Dir):
            raise FsError(E.EISDIR)
        if not isinstance(node, File) or not handle.readable:
            raise FsError(E.EBADF)
        chunk = bytes(node.data[handle.pos : handle.pos + size])
        handle.pos += len(chunk)
        return chunk

    def mkdir(self, base: Dir, path: str) -> None:
        parent, name, _ = self.lookup_parent(base, path)
        if name is None or name in parent.children:
            raise FsError(E.EEXIST)
        if not parent.writable:
            raise FsError(E.EROFS)
        self.quota.charge(nfiles=1)
        parent.children[name] = self._own(Dir(writable=True))

    def rmdir(self, base: Dir, path: str) -> None:
        if path.rstrip("/").split("/")[-1] in (".", ".."):
            raise FsError(E.EINVAL)  # POSIX: rmdir("d/.") is EINVAL
        parent, name, _ = self.lookup_parent(base, path)
        if name is None:
            raise FsError(E.EINVAL)
        node = parent.children.get(name)
        if node is None:
            raise FsError(E.ENOENT)
        if not isinstance(node, Dir):
            raise FsError(E.ENOTDIR)
        if not parent.writable or not node.writable:
            raise FsError(E.EROFS)
        if node.children:
            raise FsError(E.ENOTEMPTY)
        del parent.children[name]
        self._release(node)

    def unlink(self, base: Dir, path: str) -> None:
        parent, name, trailing = self.lookup_parent(base, path)
        if name is None:
            raise FsError(E.EISDIR)
        node = parent.children.get(name)
        if node is None:
            raise FsError(E.ENOENT)
        if isinstance(node, Dir):
            raise FsError(E.EISDIR)
        if trailing:
            raise FsError(E.ENOTDIR)
        if not parent.writable or not node.writable:
            raise FsError(E.EROFS)
        del parent.children[name]
        self._release(node)

    def _release(self, node: Node) -> None:
        """Give back the quota of a node that left the tree (its bytes once it is closed)."""
        self.quota.used_files -= 1
        if isinstance(node, File):
            node.linked = False
            if node.handles == 0:
                self.quota.used_bytes -= len(node.data)

    def rename(self, old_base: Dir, old: str, new_base: Dir, new: str) -> None:
        src_parent, src_name, src_trailing = self.lookup_parent(old_base, old)
        dst_parent, dst_name, dst_trailing = self.lookup_parent(new_base, new)
        if src_name is None or dst_name is None:
            raise FsError(E.EINVAL)
        node = src_parent.children.get(src_name)
        if node is None:
            raise FsError(E.ENOENT)
        if src_trailing and not isinstance(node, Dir):
            raise FsError(E.ENOTDIR)
        if not (src_parent.writable and dst_parent.writable and node.writable):
            raise FsError(E.EROFS)
        if dst_trailing and not isinstance(node, Dir):
            raise FsError(E.ENOTDIR)
        if not isinstance(node, Dir):
            self._refuse_bytecode(dst_name)
        if isinstance(node, Dir) and self._contains(node, dst_parent):
            raise FsError(E.EINVAL)
        target = dst_parent.children.get(dst_name)
        if target is node:
            return
        if target is not None:
            if isinstance(target, Dir):
                if not isinstance(node, Dir):
                    raise FsError(E.EISDIR)
                if target.children:
                    raise FsError(E.ENOTEMPTY)
            elif isinstance(node, Dir):
                raise FsError(E.ENOTDIR)
            self._release(target)
        del src_parent.children[src_name]
        dst_parent.children[dst_name] = node

    def _contains(self, directory: Dir, node: Node) -> bool:
        if directory is node:
            return True
        return any(child is node for _, _, child in self._walk(directory))

    # -- results ----------------------------------------------------------

    def workspace_files(self) -> dict[str, bytes]:
        """Every regular file under ``/work``, by path relative to it."""
        out: dict[str, bytes] = {}
        stack: list[tuple[Dir, str]] = [(self.work, "")]
        while stack:
            directory, prefix = stack.pop()
            for name, node in directory.children.items():
                if isinstance(node, File):
                    out[prefix + name] = bytes(node.data)
                elif isinstance(node, Dir):
                    stack.append((node, prefix + name + "/"))
        return dict(sorted(out.items()))


def build_tree(files: Mapping[str, bytes]) -> Dir:
    """A read-only directory tree from relative paths and contents, to share between runs."""
    holder = FileSystem(max_bytes=0, max_files=0)
    holder._next_ino = 0
    tree = holder._own(Dir(writable=False))
    for name, data in files.items():
        holder._place(tree, name, data, writable=False)
    return tree


def normalise_mount_point(point: str) -> str:
    """Check and normalise a caller's mount point such as ``/data``."""
    if not point.startswith("/"):
        raise ValueError(f"mount point must be an absolute path like /data, not {point!r}")
    parts = [p for p in point.split("/") if p]
    if not parts or any(p in (".", "..") or "\x00" in p for p in parts):
        raise ValueError(f"invalid mount point {point!r}")
    if parts[0] in RESERVED:
        raise ValueError(f"mount point {point!r} is reserved (/work, /dev and /lib are taken)")
    return "/" + "/".join(parts)


def read_host_dir(path: str | os.PathLike[str], *, max_bytes: int = 256 << 20) -> dict[str, bytes]:
    """Read a host directory into memory, for a read-only mount.

    Symbolic links are skipped, not followed: a link inside the directory
    could otherwise point anywhere on the host.
    """
    root = os.fspath(path)
    if not os.path.isdir(root):
        raise ValueError(f"not a directory: {root}")
    out: dict[str, bytes] = {}
    total = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        for name in filenames:
            full = os.path.join(dirpath, name)
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            with open(full, "rb") as fh:
                data = fh.read()
            total += len(data)
            if total > max_bytes:
                raise ValueError(f"{root} holds more than {max_bytes} bytes")
            out[os.path.relpath(full, root).replace(os.sep, "/")] = data
    return out
