"""Python's cyclic garbage collector, run between events on the GUI thread only.

Left automatic, the collector starts whenever an allocation fills its youngest
generation, wherever that happens. Three things we saw made us choose the moment:

- **On a worker thread** (a Kano chart drawn by matplotlib, a PDF written by
  reportlab) it freed the PySide wrappers of a closed scene while the GUI thread was
  in ``QCoreApplication::notify``: a segfault (gdb).
- **Inside a Qt call** on the GUI thread: a collection started in Python code that
  ``QObject::disconnect`` reached through a virtual-method lookup
  (``Sbk_GetPyOverride``) destroyed a ``QObject`` whose destructor waited for the
  connection lock ``disconnect`` was holding: the test suite hung (py-spy).
- **A full collection traverses every object**: 80 ms with a 5,000-card map open,
  270–320 ms at 20,000, at whatever moment the heuristics pick, in the middle of a drag.

So ``install()`` switches automatic collection off for the process, and a timer on
the GUI thread collects between events (``TICK_MS``), generation by generation with
the interpreter's own thresholds: nothing runs inside a Qt call or on another thread,
and cycles wait at most a tick. ``map_opened()`` asks, a moment after a map is shown
(``SETTLE_MS``, and not while a mouse button is held), for one full collection — the garbage of the map it replaced — after
which everything still alive, the open map above all, is set aside (``gc.freeze``) so
that later full collections look only at what was made since. The next opened map puts
it back (``gc.unfreeze``) before collecting, so nothing frozen outlives its map for
good.

Reference counting is untouched: everything not in a cycle is still freed at once.
Code outside the app (the command line, the exports run from it) keeps Python's
automatic collector; ``fileformat.collector_paused`` leaves it off when it finds it
off.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

TICK_MS = 200
SETTLE_MS = 1000
SETTLE_AT_LATEST_S = 10.0


class _Collector(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.thresholds = gc.get_threshold()
        self.stats = {"young": 0, "middle": 0, "full": 0, "frozen": 0}
        self._settle_at: float | None = None  # when to collect all and freeze
        self._asked_at = 0.0  # when that was first asked for
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    def tick(self) -> None:
        if self._settle_at is not None:
            now = time.monotonic()
            overdue = now - self._asked_at > SETTLE_AT_LATEST_S  # maps opened one after another, a long drag
            if now < self._settle_at and not overdue:
                return  # a full collection is near: the young garbage waits for it
            if overdue or not _button_held():
                self.settle()
                return
            # A drag goes on: the full collection waits, the young ones do not.
        first, second, third = self.thresholds
        young, middle, old = gc.get_count()
        if not first or young <= first:
            return
        # As the interpreter does: the oldest generation whose count is over its
        # threshold (a generation's count is the collections of the one below since
        # its own last collection).
        if middle > second and old > third:
            gc.collect(2)
            self.stats["full"] += 1
        elif middle > second:
            gc.collect(1)
            self.stats["middle"] += 1
        else:
            gc.collect(0)
            self.stats["young"] += 1

    def settle(self) -> None:
        """Collect everything (the frozen objects included), then freeze what lives."""
        self._settle_at = None
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.stats["full"] += 1
        self.stats["frozen"] = gc.get_freeze_count()


def _button_held() -> bool:
    """A mouse button is down (a drag, a rubber band): not the moment for a long pause."""
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() is not None and bool(QGuiApplication.mouseButtons().value)


_collector: _Collector | None = None


def install() -> None:
    """Switch automatic collection off; collect from the GUI thread's event loop.

    Idempotent; call on the GUI thread once a ``QCoreApplication`` exists (``run_app``
    does, and so does anything that starts a worker thread, to be safe when embedded).
    """
    global _collector
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("collector.install() needs a QCoreApplication")
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("collector.install() must be called on the GUI thread")
    if _collector is not None and _collector.parent() is app:
        gc.disable()  # switched back on since (a test, a library): off again
        return
    gc.disable()
    _collector = _Collector(app)


def installed() -> bool:
    return _collector is not None and _collector.parent() is QCoreApplication.instance()


def map_opened() -> None:
    """A map was opened (or replaced the open one): full collection and freeze soon."""
    if installed():
        now = time.monotonic()
        if _collector._settle_at is None:
            _collector._asked_at = now
        _collector._settle_at = now + SETTLE_MS / 1000


def collect_now() -> None:
    """One collection of the young generations now (call at a safe point: the GUI
    thread, no Qt call below on the stack, e.g. between two tests)."""
    if installed():
        gc.collect(1)


def stats() -> dict[str, int]:
    """How many collections of each kind the timer ran (for tests and the benchmark)."""
    return dict(_collector.stats) if installed() else {}
