"""Writing an export whole or not at all.

Every export builds its file beside the target and renames it over the target only
when complete, so a failure (a full disk, a bug, Ctrl+C) never leaves a half-written
file nor destroys the previous one. The rename is atomic on one file system, which is
why the temporary file lives in the target's own directory.

Trap: ``mkstemp`` creates the file readable by its owner only (0600); before the
rename it gets the permissions of the file it replaces, or those a new file would get
under the process umask, so an export is as readable as any other file the user writes.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[str]:
    """Yield a temporary path beside ``target``; replace ``target`` with it on success."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_atomic(target: str | os.PathLike, data: bytes) -> Path:
    with atomic_path(target) as tmp:
        Path(tmp).write_bytes(data)
    return Path(target)


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


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()
