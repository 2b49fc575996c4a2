"""The in-memory filesystem on its own, without a guest."""

from __future__ import annotations

import pytest

from wasmbox.wasi import errno as E
from wasmbox.wasi.fs import FileSystem, FsError, normalise_mount_point, read_host_dir


def make(**kw: object) -> FileSystem:
    return FileSystem(mounts={"/data": {"a.txt": b"A", "sub/b.txt": b"B"}}, **kw)  # type: ignore[arg-type]


def errno_of(fn, *args, **kw) -> int:  # type: ignore[no-untyped-def]
    with pytest.raises(FsError) as info:
        fn(*args, **kw)
    return info.value.errno


def open_(fs: FileSystem, path: str, **kw: bool):  # type: ignore[no-untyped-def]
    """``fs.open`` relative to /work, read-only unless told otherwise."""
    flags = dict(
        create=False,
        exclusive=False,
        truncate=False,
        directory=False,
        read=True,
        write=False,
        append=False,
    )
    flags.update(kw)
    return fs.open(fs.work, path, **flags)


def test_write_read_roundtrip() -> None:
    fs = make()
    h = open_(fs, "f.txt", create=True, write=True)
    fs.write(h, b"hello")
    assert fs.workspace_files() == {"f.txt": b"hello"}
    r = open_(fs, "f.txt")
    assert fs.read(r, 100) == b"hello"


@pytest.mark.parametrize(
    "path", ["../../etc/passwd", "/etc/passwd", "/../../../etc/passwd", "../..", "/work/../.."]
)
def test_nothing_outside_the_tree(path: str) -> None:
    fs = make()
    # The only things above /work are the tree's own root, /dev and mounts.
    try:
        node = fs.lookup(fs.work, path)
    except FsError as exc:
        assert exc.errno in (E.ENOENT, E.ENOTDIR)
    else:
        assert node is fs.root


def test_dotdot_at_root_stays_at_root() -> None:
    fs = make()
    assert fs.lookup(fs.work, "../../../../work") is fs.work


@pytest.mark.parametrize("path", ["/data/a.txt", "../data/a.txt", "/data/sub/b.txt"])
def test_mounts_are_read_only(path: str) -> None:
    fs = make()
    assert errno_of(open_, fs, path, write=True) == E.EROFS
    assert errno_of(open_, fs, path, truncate=True) == E.EROFS
    assert errno_of(fs.unlink, fs.work, path) == E.EROFS
    assert errno_of(fs.rename, fs.work, path, fs.work, "stolen") == E.EROFS


def test_cannot_create_outside_work() -> None:
    fs = make()
    for path in ("/new.txt", "/data/new.txt", "/dev/new"):
        assert errno_of(open_, fs, path, create=True, read=False, write=True) == E.EROFS
    assert errno_of(fs.mkdir, fs.work, "/newdir") == E.EROFS
    assert errno_of(fs.rmdir, fs.work, "/data/sub") == E.EROFS


def test_byte_quota_is_enospc() -> None:
    fs = FileSystem(max_bytes=10, max_files=10)
    h = open_(fs, "f", create=True, write=True)
    fs.write(h, b"x" * 10)
    assert errno_of(fs.write, h, b"y") == E.ENOSPC
    # Truncating gives the bytes back.
    h2 = open_(fs, "f", truncate=True, write=True)
    assert fs.quota.used_bytes == 0
    fs.write(h2, b"z" * 10)
    assert fs.quota.used_bytes == 10


def test_sparse_write_far_past_end_is_refused() -> None:
    fs = FileSystem(max_bytes=1000, max_files=10)
    h = open_(fs, "f", create=True, write=True)
    h.pos = 1 << 40
    assert errno_of(fs.write, h, b"x") in (E.ENOSPC, E.EFBIG)
    assert fs.quota.used_bytes == 0


def test_file_count_quota() -> None:
    fs = FileSystem(max_bytes=1000, max_files=3)
    for name in "abc":
        open_(fs, name, create=True, write=True)
    assert errno_of(open_, fs, "d", create=True, read=False, write=True) == E.ENOSPC
    assert errno_of(fs.mkdir, fs.work, "dir") == E.ENOSPC
    fs.unlink(fs.work, "a")
    fs.mkdir(fs.work, "dir")


def test_unlink_returns_quota_once_closed() -> None:
    fs = FileSystem(max_bytes=200, max_files=10)
    h = open_(fs, "f", create=True, write=True)
    fs.write(h, b"x" * 100)
    fs.unlink(fs.work, "f")
    # Still open: the bytes still count, or unlinked files would escape the quota.
    assert fs.quota.used_bytes == 100 and fs.quota.used_files == 0
    h.pos = 0
    fs.write(h, b"y" * 150)  # the orphan grows by 50 bytes
    assert fs.quota.used_bytes == 150
    fs.close(h)
    assert fs.quota.used_bytes == 0


def test_unlinked_open_files_cannot_hold_more_than_the_quota() -> None:
    fs = FileSystem(max_bytes=1000, max_files=10)
    handles = []
    with pytest.raises(FsError) as info:
        for _ in range(20):
            h = open_(fs, "f", create=True, write=True, truncate=True)
            fs.write(h, b"z" * 300)
            fs.unlink(fs.work, "f")
            handles.append(h)
    assert info.value.errno == E.ENOSPC
    assert sum(len(h.node.data) for h in handles) <= 1000


def test_rename_over_an_open_file_keeps_its_bytes_counted() -> None:
    fs = FileSystem(files={"new": b"n" * 10}, max_bytes=100, max_files=10)
    h = open_(fs, "old", create=True, write=True)
    fs.write(h, b"o" * 50)
    fs.rename(fs.work, "new", fs.work, "old")
    assert fs.quota.used_bytes == 60
    fs.close(h)
    assert fs.quota.used_bytes == 10


def test_inode_numbers_belong_to_the_run() -> None:
    first = FileSystem(files={"a": b""})
    for i in range(500):
        FileSystem(files={f"f{i}": b""})
    again = FileSystem(files={"a": b""})
    assert first.lookup(first.work, "a").ino == again.lookup(again.work, "a").ino


def test_posix_dot_and_slash_rules() -> None:
    fs = FileSystem(files={"file": b"1", "d/x": b""})
    assert errno_of(fs.rmdir, fs.work, "d/.") == E.EINVAL
    assert errno_of(fs.rename, fs.work, "file/", fs.work, "g") == E.ENOTDIR


@pytest.mark.parametrize(
    ("path", "errno"),
    [("a\x00b", E.EINVAL), ("x" * 256, E.ENAMETOOLONG), ("d/" * 3000, E.ENAMETOOLONG)],
)
def test_bad_names(path: str, errno: int) -> None:
    fs = make()
    assert errno_of(open_, fs, path, create=True, read=False, write=True) == errno


def test_trailing_slash_on_a_file() -> None:
    fs = FileSystem(files={"f": b"1"})
    assert errno_of(fs.lookup, fs.work, "f/") == E.ENOTDIR
    assert errno_of(open_, fs, "new/", create=True, read=False, write=True) == E.EISDIR


def test_rename_rules() -> None:
    fs = FileSystem(files={"a/x": b"1", "b/y": b"2", "f": b"3"})
    assert errno_of(fs.rename, fs.work, "a", fs.work, "a/inner") == E.EINVAL
    assert errno_of(fs.rename, fs.work, "f", fs.work, "b") == E.EISDIR
    assert errno_of(fs.rename, fs.work, "a", fs.work, "b") == E.ENOTEMPTY
    fs.rename(fs.work, "f", fs.work, "a/x")
    assert fs.workspace_files() == {"a/x": b"3", "b/y": b"2"}
    assert fs.quota.used_files == 4  # a, a/x, b, b/y


def test_rmdir_non_empty() -> None:
    fs = FileSystem(files={"d/f": b""})
    assert errno_of(fs.rmdir, fs.work, "d") == E.ENOTEMPTY
    fs.unlink(fs.work, "d/f")
    fs.rmdir(fs.work, "d")
    assert fs.quota.used_files == 0


def test_initial_files_over_quota_are_host_misuse() -> None:
    with pytest.raises(ValueError, match="quota"):
        FileSystem(files={"big": b"x" * 11}, max_bytes=10)


@pytest.mark.parametrize("point", ["data", "/", "/work", "/dev/x", "/lib", "/a/../b", ""])
def test_bad_mount_points(point: str) -> None:
    with pytest.raises(ValueError):
        normalise_mount_point(point)


def test_read_host_dir_skips_symlinks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "ok.txt").write_text("fine")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "n.txt").write_text("nested")
    (tmp_path / "evil").symlink_to("/etc/passwd")
    (tmp_path / "evildir").symlink_to("/etc")
    assert read_host_dir(tmp_path) == {"ok.txt": b"fine", "sub/n.txt": b"nested"}


def test_guest_code_cannot_make_bytecode_files() -> None:
    # MicroPython imports .mpy bytecode unverified: a crafted file would read and
    # write the interpreter's memory. The caller's own files may still be .mpy.
    fs = FileSystem(files={"given.mpy": b"M", "a.txt": b"x", "d/b.txt": b"y"})
    assert errno_of(open_, fs, "x.mpy", create=True, write=True) == E.EACCES
    assert errno_of(open_, fs, "given.mpy", write=True) == E.EACCES
    assert errno_of(open_, fs, "given.mpy", truncate=True) == E.EACCES
    assert errno_of(fs.rename, fs.work, "a.txt", fs.work, "b.mpy") == E.EACCES
    assert fs.read(open_(fs, "given.mpy"), 10) == b"M"  # reading is fine
    fs.rename(fs.work, "d", fs.work, "d.mpy")  # a directory is not bytecode
    fs.rename(fs.work, "given.mpy", fs.work, "given.txt")  # nor is a .txt
    cpython = FileSystem(bytecode_suffixes=(".pyc",))
    open_(cpython, "x.mpy", create=True, write=True)
    assert errno_of(open_, cpython, "x.pyc", create=True, write=True) == E.EACCES


def test_dot_dot_above_a_deep_directory_costs_one_pass_over_the_tree() -> None:
    # Each '..' above the directory a lookup began in walked the whole tree to find its
    # parent: one call with 1,365 of them, from the bottom of a deep tree, took seconds.
    import time

    fs = FileSystem(max_files=5000)
    deepest = fs.work
    for _ in range(2000):
        fs.mkdir(deepest, "d")
        child = deepest.children["d"]
        assert isinstance(child, type(fs.work))
        deepest = child
    walks = []
    walk = fs._walk
    fs._walk = lambda d: walks.append(d) or walk(d)  # type: ignore[method-assign]
    started = time.monotonic()
    parent, name, _ = fs.lookup_parent(deepest, "../" * 1365 + "x")
    elapsed = time.monotonic() - started
    assert len(walks) == 1  # one pass over the tree, not one per '..'
    assert name == "x" and parent is not deepest
    # 2,000 - 1,365 levels down from /work
    depth, node = 0, fs.work
    while node is not parent:
        node = node.children["d"]  # type: ignore[attr-defined]
        depth += 1
    assert depth == 2000 - 1365
    assert elapsed < 2  # a pass per '..' took 0.6 s here, one pass takes 1-5 ms
    # Above /work and past the root, '..' stays at the root.
    assert fs.lookup_parent(fs.work, "../" * 10 + "x")[0] is fs.root
