"""Autosave of unsaved work, and finding what a crashed session left behind.

Each window that has unsaved changes keeps two files in ``<data dir>/autosave/``:
``KEY.cxmap`` (the document, written atomically) and ``KEY.lock`` (JSON: the pid of
the process that writes it, the file it was opened from, its title, when). Both are
removed when the work is saved, discarded or the window closes. A lock whose process is
gone marks a map a crash left behind: the next start offers to recover it.

A lock or document someone else damaged (a non-numeric ``saved_at``, a pid that is not
a number, text that is not JSON) never blocks the others: the store lists it in
``AutosaveStore.problems`` with where and why, keeps its files, and goes on.

Trap: the process id is the only liveness test (``os.kill(pid, 0)`` on POSIX), so a
new, unrelated process that happens to reuse the pid hides a recovery until it ends;
never the reverse (offering to recover the work of a window that is still open).
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from cxmapper.model.atomic import write_atomic
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
    except (ProcessLookupError, OverflowError):  # OverflowError: no pid is that large
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


class DamagedEntry(ValueError):
    """An autosave lock that cannot be read; the message says why."""


def _finite_number(value) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _whole_number(value) -> int | None:
    number = _finite_number(value)
    return int(number) if number is not None and number == int(number) else None


def _is_date(timestamp: float) -> bool:
    """A time ``datetime.fromtimestamp`` accepts and that is not in the distant past."""
    return 0 < timestamp < 253402300799  # up to 9999-12-31


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
    edits: int = 0  # undo steps since the map was last saved (0: not known)

    @property
    def orphaned(self) -> bool:
        return not pid_alive(self.pid)


class AutosaveStore:
    """The autosave folder: write, list and remove entries."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "autosave"
        self.folder.mkdir(parents=True, exist_ok=True)
        #: What the last ``entries()`` left out and why, one line each.
        self.problems: list[str] = []

    def paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.cxmap", self.folder / f"{key}.lock"

    def write(self, key: str, data: bytes, *, source: str | None, title: str, edits: int = 0) -> AutosaveEntry:
        document, lock = self.paths(key)
        # The one checked writer (model/atomic.py): fsync, folder fsync, the error raised,
        # no temporary left behind, and those of a writer killed mid-write swept.
        write_atomic(document, data, force=True)
        info = {"pid": os.getpid(), "source": source, "title": title, "saved_at": time.time(), "edits": edits}
        # The lock is written after the document, so a lock always names a whole file.
        write_atomic(lock, json.dumps(info, ensure_ascii=False).encode("utf-8"), force=True)
        return AutosaveEntry(key, document, lock, info["pid"], source, title, info["saved_at"], edits)

    def remove(self, key: str) -> None:
        document, lock = self.paths(key)
        lock.unlink(missing_ok=True)
        document.unlink(missing_ok=True)

    def entries(self) -> list[AutosaveEntry]:
        """The entries on disk, oldest first. A damaged one is left out, its files
        kept, and described in ``problems`` (where and why): it never hides the rest."""
        found = []
        self.problems: list[str] = []
        for lock in sorted(self.folder.glob("*.lock")):
            try:
                entry = self._read_entry(lock)
            except DamagedEntry as exc:
                self.problems.append(f"{lock}: {exc}")
                continue
            if entry is not None:
                found.append(entry)
        return sorted(found, key=lambda e: e.saved_at)

    def _read_entry(self, lock: Path) -> AutosaveEntry | None:
        """One lock and its document; None when the document is gone (the lock is then
        removed: it names nothing); ``DamagedEntry`` when the lock cannot be read."""
        key = lock.stem
        document = self.folder / f"{key}.cxmap"
        try:
            raw = lock.read_bytes()
        except OSError as exc:
            raise DamagedEntry(f"cannot be read ({exc.strerror or exc})") from exc
        try:
            info = json.loads(raw.decode("utf-8"))
        except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            raise DamagedEntry(f"is not UTF-8 JSON ({exc})") from exc
        if not isinstance(info, dict):
            raise DamagedEntry("is not a JSON object")
        pid = _whole_number(info.get("pid"))
        if pid is None:
            raise DamagedEntry(f"its process id {info.get('pid')!r} is not a number")
        if not document.exists():
            lock.unlink(missing_ok=True)
            return None
        saved_at = _finite_number(info.get("saved_at"))
        if saved_at is None or not _is_date(saved_at):
            try:  # the document's own time: the map is still offered
                saved_at = document.stat().st_mtime
            except OSError:
                saved_at = 0.0
        source = info.get("source")
        return AutosaveEntry(
            key,
            document,
            lock,
            pid,
            source if isinstance(source, str) and source else None,
            str(info.get("title") or ""),
            saved_at,
            max(0, _whole_number(info.get("edits")) or 0),
        )

    def recoverable(self) -> list[AutosaveEntry]:
        """Entries whose writing process is gone: what a crash left behind."""
        return [entry for entry in self.entries() if entry.orphaned]


class Autosaver(QObject):
    """Autosaves one window's document while it has unsaved changes.

    ``note_edit()`` is called on every change of the undo stack. The document is
    written ``DEBOUNCE_S`` after the first edit not yet on disk (later edits in that
    time go into the same write), at once after ``every_edits`` undo steps, and by the
    timer every ``interval_s`` seconds as a last resort. So a crash loses at most the
    last ~2 seconds of work (issue 17: it was 30 s or 5 edits). ``discard()`` removes
    the files (after a save, on close, when another document replaces this one).

    A write that took longer than a frame (``SLOW_WRITE_S``: a map of thousands of
    cards, 80–200 ms at 5,000 cards, 250–290 ms at 20,000) makes the next ones wait for
    a pause of ``PAUSE_S`` in the editing (``activity``), or at the latest until
    ``FORCE_EDITS`` times ``every_edits`` steps or ``FORCE_WAIT_S`` have passed: the
    facilitator typing without a pause into a 5,000-card map feels one write every
    ~1.7 s, and no more than that is ever at risk (``bench``: autosave group).

    A write that fails for any reason (a full disk, a string that cannot be encoded)
    never escapes: ``failed`` says why (once per new reason), the work stays pending
    and is tried again ``RETRY_S`` later and at every edit, until it succeeds.
    """

    #: Seconds from the first unwritten edit to its write.
    DEBOUNCE_S = 0.5
    #: A write longer than this (seconds) makes later ones wait for a pause.
    SLOW_WRITE_S = 0.016
    #: The pause in the editing (seconds) a slow write waits for.
    PAUSE_S = 0.5
    #: A waiting write is made anyway after this many times ``every_edits`` steps...
    FORCE_EDITS = 4
    #: ... or after waiting this long (seconds): with DEBOUNCE_S, under 2 s at risk.
    FORCE_WAIT_S = 1.0
    #: Seconds between two tries after a failed write.
    RETRY_S = 5.0

    failed = Signal(str)
    #: A write succeeded after one or more failed.
    recovered = Signal()

    def __init__(
        self,
        store: AutosaveStore,
        serialize: Callable[[], bytes],
        describe: Callable[[], tuple[str | None, str]],
        *,
        interval_s: int = 30,
        every_edits: int = 5,
        count_edits: Callable[[], int] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.key = uuid.uuid4().hex
        self._serialize = serialize
        self._describe = describe
        self._count_edits = count_edits
        self._every_edits = max(1, every_edits)
        self._edits_since_write = 0
        self._unsaved_steps = 0  # when the window does not count (count_edits None)
        self._pending = False
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, interval_s) * 1000)
        self.timer.timeout.connect(self._due)
        self.timer.start()
        self.debounce = QTimer(self)  # the first unwritten edit starts it; not restarted
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(round(self.DEBOUNCE_S * 1000))
        self.debounce.timeout.connect(self._due)
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(round(self.RETRY_S * 1000))
        self.retry.timeout.connect(self._due)
        self._slow = False  # the last write took longer than SLOW_WRITE_S
        self._waiting_since: float | None = None  # a due write waiting for a pause
        self._pause = QTimer(self)  # looks for the pause
        self._pause.setInterval(100)
        self._pause.timeout.connect(self._look_for_pause)
        self.last_error: str | None = None  # why the last write failed; None after a success

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
        if not self.debounce.isActive():
            self.debounce.start()
        if not new_step:
            return
        self._unsaved_steps += 1
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
        """Write now if there is anything unwritten; True when a file was written.

        Never raises: any failure is reported by ``failed`` and tried again."""
        if not self._pending:
            return False
        self._stop_waiting()
        self.debounce.stop()
        started = time.monotonic()
        try:
            source, title = self._describe()
            edits = self._count_edits() if self._count_edits is not None else self._unsaved_steps
            self.store.write(self.key, self._serialize(), source=source, title=title, edits=edits)
        except Exception as exc:  # noqa: BLE001 (a full disk, an unencodable string: the workshop goes on)
            reason = f"{exc.strerror} ({exc.filename})" if isinstance(exc, OSError) and exc.strerror and exc.filename else str(exc) or type(exc).__name__
            if reason != self.last_error:
                self.last_error = reason
                self.failed.emit(reason)
            self.retry.start()
            return False
        self._slow = time.monotonic() - started > self.SLOW_WRITE_S
        self._pending = False
        self._edits_since_write = 0
        self.retry.stop()
        if self.last_error is not None:
            self.last_error = None
            self.recovered.emit()
        return True

    def discard(self) -> None:
        self._stop_waiting()
        self.debounce.stop()
        self.retry.stop()
        self._pending = False
        self._edits_since_write = 0
        self._unsaved_steps = 0
        self.store.remove(self.key)

    def written(self) -> bool:
        return self.store.paths(self.key)[0].exists()
