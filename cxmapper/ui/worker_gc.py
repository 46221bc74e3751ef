"""Keep Python's cyclic garbage collector off worker threads.

The collector runs on whichever thread happens to allocate when a generation fills
up. When that is a worker (a Kano chart drawn by matplotlib, a PDF written by
reportlab) and the garbage holds PySide wrappers — a closed window's scene, its items
in reference cycles — their Qt objects are destroyed on the worker while the GUI thread
uses Qt: a crash (seen with gdb: a generation-2 collection on the chart thread freeing
shiboken wrappers while the GUI thread was in ``QCoreApplication::notify``).

So while any worker job runs, the collector is paused, and it is resumed on the GUI
thread once every job has finished. Reference counting still frees everything that is
not in a cycle; cycles wait for the next collection on the GUI thread. The pause is
counted, and composes with other pauses: the collector is resumed only if this module
switched it off (``fileformat.collector_paused`` does the same).
"""

from __future__ import annotations

import gc
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from concurrent.futures import Future  # imported by the first job, not at start-up

_lock = threading.Lock()
_holds = 0
_resume = False
_watched: list[Future] = []
POLL_MS = 20


def hold_collector() -> None:
    """Pause the collector for one worker job (call on the GUI thread, before it starts)."""
    global _holds, _resume
    with _lock:
        if _holds == 0:
            _resume = gc.isenabled()
            gc.disable()
        _holds += 1


def release_collector() -> None:
    """End one job's pause (call on the GUI thread, after its result was taken)."""
    global _holds, _resume
    with _lock:
        if _holds == 0:
            raise RuntimeError("release_collector() without hold_collector()")
        _holds -= 1
        if _holds == 0 and _resume:
            _resume = False
            gc.enable()


def release_when_done(future: Future) -> None:
    """End a hold (taken before the job was submitted) once ``future`` is done, on the
    GUI thread.

    Polled by a timer that belongs to no widget, so the pause ends even when the widget
    that started the job is deleted before the job finishes.
    """
    _watched.append(future)
    if len(_watched) == 1:
        QTimer.singleShot(POLL_MS, _release_finished)


def _release_finished() -> None:
    waiting = [f for f in _watched if not f.done()]
    for _ in range(len(_watched) - len(waiting)):
        release_collector()
    _watched[:] = waiting
    if waiting:
        QTimer.singleShot(POLL_MS, _release_finished)


def holds() -> int:
    """How many worker jobs hold the collector paused (for tests)."""
    return _holds
