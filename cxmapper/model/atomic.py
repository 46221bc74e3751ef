"""Writing a file whole or not at all: every map save and every export goes through here.

The bytes go to a temporary file beside the target, are flushed and fsynced, and the
temporary file is renamed over the target (``os.replace``, atomic on one file system,
which is why the temporary lives in the target's own folder); then the folder is
fsynced so the rename itself survives a power cut. Any failure (a full disk, a
read-only folder, a kill) leaves the previous file untouched, removes the temporary
and raises ``OSError`` with the reason; callers turn it into their message and a
non-zero exit.

Also here, because every writer needs the same answer:

- Read-only targets are refused (``ReadOnlyTarget``) unless the person confirmed:
  ``force=True`` or, for the command line's ``--force``, ``forcing()``.
- A target with other hard links: the rename gives it a new inode, so the other
  names keep the old bytes. That is said (``notes``), not done silently.
- Long names: a temporary name is ``.`` + at most ``_NAME_BUDGET`` bytes of the
  target's name + a random token + ``.tmp``, so a 255-byte file name still saves.
- Temporaries of a killed writer (``kill -9`` cannot clean up) are removed by the
  next write of the same target once they are older than ``STALE_SECONDS``.

Trap: ``mkstemp`` creates the file readable by its owner only (0600); before the
rename it gets the permissions of the file it replaces, or those a new file would get
under the process umask, so an export is as readable as any other file the user writes.
"""

from __future__ import annotations

import contextvars
import errno
import os
import stat
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: Bytes of the target's name kept in a temporary's name (255 is the usual limit).
_NAME_BUDGET = 200
#: A temporary older than this is a leftover of a killed writer.
STALE_SECONDS = 120.0
#: Most file systems: the longest name of one folder entry, in bytes.
NAME_MAX = 255

_force: contextvars.ContextVar[bool] = contextvars.ContextVar("cxmapper_force", default=False)
#: Callbacks that receive notes about a write (a hard link broken); the CLI prints them.
note_handlers: list[Callable[[str], None]] = []


class ReadOnlyTarget(PermissionError):
    """The target exists and is read-only; replacing it needs the person's confirmation."""

    def __init__(self, target: str | os.PathLike) -> None:
        super().__init__(
            errno.EACCES,
            "the file is read-only; not replaced (confirm to replace it: --force on the command line)",
            os.fspath(target),
        )


@contextmanager
def forcing(enabled: bool = True) -> Iterator[None]:
    """Within this block, read-only targets are replaced (the person confirmed)."""
    token = _force.set(enabled)
    try:
        yield
    finally:
        _force.reset(token)


def note(message: str) -> None:
    for handler in list(note_handlers):
        handler(message)


def short_name(name: str, budget: int) -> str:
    """``name`` cut to at most ``budget`` bytes as the file system encodes it, whole characters only."""
    while len(os.fsencode(name)) > budget:
        name = name[:-1]
    return name


def temp_path(target: Path, kind: str = "tmp") -> Path:
    """A fresh temporary name beside ``target``: ``.NAME.TOKEN.KIND`` within NAME_MAX."""
    return target.with_name(f".{short_name(target.name, _NAME_BUDGET)}.{uuid.uuid4().hex[:8]}.{kind}")


def remove_stale_temporaries(target: Path, *, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove temporaries of ``target`` left by killed writers; return what was removed."""
    prefix = f".{short_name(target.name, _NAME_BUDGET)}."
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        token = name[len(prefix):-len(".tmp")].split(".", 1)[0]
        if len(token) != 8 or not (token.isascii() and token.replace("_", "").isalnum()):
            continue  # not one of ours (mkstemp's or uuid's 8 characters)
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def is_read_only(info: os.stat_result, path: Path) -> bool:
    """Whether a person marked the file read-only (checked by its bits too: root may write anything)."""
    return not (info.st_mode & stat.S_IWUSR) or not os.access(path, os.W_OK)


def _existing(target: Path, force: bool | None) -> os.stat_result | None:
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "this is a folder", os.fspath(target))
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file; not replaced", os.fspath(target))
    if is_read_only(info, target) and not (force if force is not None else _force.get()):
        raise ReadOnlyTarget(target)
    if info.st_nlink > 1:
        note(
            f"{target}: had {info.st_nlink - 1} other hard link(s); they keep the previous "
            "version (the new version is a new file under this name)"
        )
    return info


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # never for a regular file, but a loop must end
            raise OSError(errno.EIO, "the disk accepted no bytes")
        view = view[written:]


@contextmanager
def atomic_path(target: str | os.PathLike, *, force: bool | None = None) -> Iterator[str]:
    """Yield a temporary path beside ``target``; replace ``target`` with it on success.

    For writers that need a file name (Qt, reportlab). The file written there is
    fsynced before the rename; a writer that may ignore write errors should write its
    bytes through ``write_atomic`` instead.
    """
    target = Path(os.path.realpath(target))
    old = _existing(target, force)
    remove_stale_temporaries(target)
    tmp = temp_path(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    os.close(fd)
    try:
        yield os.fspath(tmp)
        _fsync_file(tmp)
        os.chmod(tmp, _mode_for(old))
        os.replace(tmp, target)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    fsync_directory(target.parent)


def write_atomic(
    target: str | os.PathLike,
    data: bytes,
    *,
    backup: Path | None = None,
    force: bool | None = None,
) -> Path:
    """Write ``data`` to ``target`` whole or not at all; return ``target``.

    With ``backup``, the file being replaced is kept under that name (itself replaced
    atomically: a hard link when the file system has them, else a copy).
    Raises ``OSError`` (``ReadOnlyTarget`` for a read-only target); the old file is
    then untouched and no temporary remains.
    """
    shown = Path(target)
    target = Path(os.path.realpath(target))
    old = _existing(target, force)
    remove_stale_temporaries(target)
    tmp = temp_path(target)
    tmp_backup = temp_path(target, "bak.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, _mode_for(old))
        if backup is not None and old is not None:
            _keep_backup(target, tmp_backup, backup)
        os.replace(tmp, target)
    except BaseException:
        _unlink_quietly(tmp)
        _unlink_quietly(tmp_backup)
        raise
    fsync_directory(target.parent)
    return shown


def _keep_backup(target: Path, tmp_backup: Path, backup: Path) -> None:
    try:
        os.link(target, tmp_backup)  # cheap: the old bytes stay where they are
    except OSError:  # file systems without hard links
        import shutil

        shutil.copy2(target, tmp_backup)
    os.replace(tmp_backup, backup)


def _fsync_file(path: str | Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_directory(directory: Path) -> None:
    """Make a rename durable. Not possible on Windows, where it is not needed."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def os_reason(exc: OSError) -> str:
    """An ``OSError`` in words, naming the file that means something to the user."""
    reason = exc.strerror or str(exc)
    name = exc.filename2 or exc.filename
    if name:
        reason += f" ({os.fsdecode(name)})"
    return reason


def _umask() -> int:
    """The process umask, read without setting it (``os.umask`` would race other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _mode_for(old: os.stat_result | None) -> int:
    if old is not None:
        return stat.S_IMODE(old.st_mode)
    return 0o666 & ~_umask()
