"""Autosave of unsaved work, and finding what a crashed session left behind.

Each window that has unsaved changes keeps two files in ``<data dir>/autosave/``:
``KEY.cxmap`` (the document, written atomically) and ``KEY.lock`` (JSON: the pid of
the process that writes it, the file it was opened from, its title, when). Both are
removed when the work is saved, discarded or the window closes. A lock whose process is
gone marks a map a crash left behind: the next start offers to recover it.

Trap: the process id is the only liveness test (``os.kill(pid, 0)`` on POSIX), so a
new, unrelated process that happens to reuse the pid hides a recovery until it ends;
never the reverse (offering to recover the work of a window that is still open).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from cxmapper.ui import activity
from cxmapper.ui.settings import data_dir


def pid_alive(pid: int) -> bool:
    """True when a process with this id exists (ours included)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process there
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside, flush to disk, then replace: a reader sees the old or the new file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class AutosaveEntry:
    """One autosaved map on disk."""

    key: str
    document: Path
    lock: Path
    pid: int
    source: str | None  # the file the work was opened from, None for a new map
    title: str
    saved_at: float

    @property
    def orphaned(self) -> bool:
        return not pid_alive(self.pid)


class AutosaveStore:
    """The autosave folder: write, list and remove entries."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "autosave"
        self.folder.mkdir(parents=True, exist_ok=True)

    def paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.cxmap", self.folder / f"{key}.lock"

    def write(self, key: str, data: bytes, *, source: str | None, title: str) -> AutosaveEntry:
        document, lock = self.paths(key)
        write_atomically(document, data)
        info = {"pid": os.getpid(), "source": source, "title": title, "saved_at": time.time()}
        # The lock is written after the document, so a lock always names a whole file.
        write_atomically(lock, json.dumps(info, ensure_ascii=False).encode("utf-8"))
        return AutosaveEntry(key, document, lock, info["pid"], source, title, info["saved_at"])

    def remove(self, key: str) -> None:
        document, lock = self.paths(key)
        lock.unlink(missing_ok=True)
        document.unlink(missing_ok=True)

    def entries(self) -> list[AutosaveEntry]:
        found = []
        for lock in sorted(self.folder.glob("*.lock")):
            key = lock.stem
            document = self.folder / f"{key}.cxmap"
            try:
                info = json.loads(lock.read_text(encoding="utf-8"))
                pid = int(info["pid"])
            except (OSError, ValueError, KeyError, TypeError):
                continue  # a lock we cannot read names nothing we could recover
            if not document.exists():
                lock.unlink(missing_ok=True)
                continue
            found.append(
                AutosaveEntry(
                    key,
                    document,
                    lock,
                    pid,
                    info.get("source") or None,
                    str(info.get("title") or ""),
                    float(info.get("saved_at") or 0.0),
                )
            )
        return sorted(found, key=lambda e: e.saved_at)

    def recoverable(self) -> list[AutosaveEntry]:
        """Entries whose writing process is gone: what a crash left behind."""
        return [entry for entry in self.entries() if entry.orphaned]


class Autosaver(QObject):
    """Autosaves one window's document while it has unsaved changes.

    ``note_edit()`` is called on every change of the undo stack; the document is
    written after ``every_edits`` undo steps, and by the timer every ``interval_s``
    seconds if anything changed since the last write. ``discard()`` removes the files
    (after a save, on close, when another document replaces this one). A write that
    fails (a full disk) is reported by ``failed`` and retried at the next chance; it
    never interrupts the work.

    A write that took longer than a frame (``SLOW_WRITE_S``: a map of thousands of
    cards, 70–100 ms at 5,000 cards and 250–290 ms at 20,000, every fifth edit) makes
    the next ones wait for a pause of ``PAUSE_S`` in the editing (``activity``), or at
    the latest until ``FORCE_EDITS`` times ``every_edits`` steps or ``FORCE_WAIT_S``
    have passed: the facilitator typing into a large map feels no stutter, and no more
    than that is ever at risk. A small map is written at once, as always.
    """

    #: A write longer than this (seconds) makes later ones wait for a pause.
    SLOW_WRITE_S = 0.016
    #: The pause in the editing (seconds) a slow write waits for.
    PAUSE_S = 0.5
    #: A waiting write is made anyway after this many times ``every_edits`` steps...
    FORCE_EDITS = 4
    #: ... or after waiting this long (seconds).
    FORCE_WAIT_S = 10.0

    failed = Signal(str)

    def __init__(
        self,
        store: AutosaveStore,
        serialize: Callable[[], bytes],
        describe: Callable[[], tuple[str | None, str]],
        *,
        interval_s: int = 30,
        every_edits: int = 5,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.key = uuid.uuid4().hex
        self._serialize = serialize
        self._describe = describe
        self._every_edits = max(1, every_edits)
        self._edits_since_write = 0
        self._pending = False
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, interval_s) * 1000)
        self.timer.timeout.connect(self._due)
        self.timer.start()
        self._slow = False  # the last write took longer than SLOW_WRITE_S
        self._waiting_since: float | None = None  # a due write waiting for a pause
        self._pause = QTimer(self)  # looks for the pause
        self._pause.setInterval(100)
        self._pause.timeout.connect(self._look_for_pause)

    def expect_slow(self, slow: bool) -> None:
        """Say before the first write whether writing will be slow (the window does,
        from how long the map took to load): the first write of a large map waits for
        a pause too."""
        self._slow = slow

    def set_interval(self, seconds: int) -> None:
        self.timer.setInterval(max(1, seconds) * 1000)

    def note_edit(self, unsaved: bool, *, new_step: bool = True) -> None:
        """The document changed. ``new_step`` False: a keystroke merged into the last
        undo step; it is written by the timer, not counted (a write every few
        keystrokes would stutter typing on a large map)."""
        if not unsaved:
            self.discard()  # back at the saved state (undo to clean, or a save)
            return
        self._pending = True
        if not new_step:
            return
        self._edits_since_write += 1
        if self._edits_since_write >= self._every_edits:
            self._due()

    def _due(self) -> None:
        """A write is due (edits or the timer): now, or at the next pause when slow."""
        if not self._pending:
            return
        forced = self._edits_since_write >= self.FORCE_EDITS * self._every_edits
        if not self._slow or forced or activity.idle_for(self.PAUSE_S):
            self.flush()
            return
        if self._waiting_since is None:
            self._waiting_since = time.monotonic()
        self._pause.start()

    def _look_for_pause(self) -> None:
        waited = time.monotonic() - (self._waiting_since or time.monotonic())
        if not self._pending:
            self._stop_waiting()
        elif activity.idle_for(self.PAUSE_S) or waited >= self.FORCE_WAIT_S:
            self.flush()

    def _stop_waiting(self) -> None:
        self._pause.stop()
        self._waiting_since = None

    def flush(self) -> bool:
        """Write now if there is anything unwritten; True when a file was written."""
        if not self._pending:
            return False
        self._stop_waiting()
        source, title = self._describe()
        started = time.monotonic()
        try:
            self.store.write(self.key, self._serialize(), source=source, title=title)
        except OSError as exc:  # a full disk must not interrupt the workshop
            self.failed.emit(str(exc))
            return False
        self._slow = time.monotonic() - started > self.SLOW_WRITE_S
        self._pending = False
        self._edits_since_write = 0
        return True

    def discard(self) -> None:
        self._stop_waiting()
        self._pending = False
        self._edits_since_write = 0
        self.store.remove(self.key)

    def written(self) -> bool:
        return self.store.paths(self.key)[0].exists()
