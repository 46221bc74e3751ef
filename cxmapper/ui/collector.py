"""Python's cyclic garbage collector, run between events on the GUI thread only.

Left automatic, the collector starts whenever an allocation fills its youngest
generation, wherever that happens. Two things we saw made us choose the moment:

- **On a worker thread** (a Kano chart drawn by matplotlib, a PDF written by
  reportlab) it freed the PySide wrappers of a closed scene while the GUI thread was
  in ``QCoreApplication::notify``: a segfault (gdb).
- **Inside a Qt call** on the GUI thread: a collection started in Python code that
  ``QObject::disconnect`` reached through a virtual-method lookup
  (``Sbk_GetPyOverride``) destroyed a ``QObject`` whose destructor waited for the
  connection lock ``disconnect`` was holding: the test suite hung (py-spy).

So ``install()`` switches automatic collection off for the process, and a timer on
the GUI thread collects between events (``TICK_MS``) with the interpreter's own policy:
the oldest generation whose count passed its threshold, and a full collection only
once the objects promoted to the oldest generation since the last one reach a quarter
of those that survived it (CPython's guard against quadratic behaviour; a full
collection traverses every object: 80 ms with a 5,000-card map open, 270–320 ms at
20,000). Nothing runs inside a Qt call or on another thread, and cycles wait at most a
tick.

A full collection also waits for a pause: while the person scrolls, zooms, drags or
edits (``activity.touch()``, called by the canvas and the edit commands), a due full collection
is put off until ``QUIET_S`` has passed without any of these, and younger generations
are collected meanwhile. At 20,000 cards a full collection that landed between two
zoom steps made one of them take 257 ms. And a scene just built goes straight to the
oldest generation (``promote_all``): young collections then stay small.

Reference counting is untouched: everything not in a cycle is still freed at once.

**Objects a C++ parent owns** (``shelter``): an undo command pushed on a
``QUndoStack`` belongs to the stack in C++, and Shiboken lists its wrapper as the
stack's child. When a stack owned by Python (one made without a parent: a scene's own
channel, a picture, a test) ends up in cyclic garbage with its commands, the collector
may clear a command's wrapper first; Shiboken's clear gives the command back to Python
(``removeParent``) and the wrapper's deallocation deletes the C++ command the stack
still lists; the stack's destructor then deletes it again: a segfault inside
``QUndoStack::clear`` during ``gc.collect()``, wherever that collection runs (seen in
the picture export's collection after a test whose header drag pushed a command on a
stack patched into a reference cycle). ``shelter`` keeps such wrappers reachable from
this module while their C++ object lives, so they are never garbage: the stack's
destructor deletes them, in C++, as Qt intends.

Code outside the app (the command line, the exports run from it) keeps Python's
automatic collector; ``fileformat.collector_paused`` leaves it off when it finds it
off.
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

from cxmapper.ui import activity

TICK_MS = 200
#: A full collection once the oldest generation grew by this share since the last one.
FULL_GROWTH = 0.25
#: Seconds without scrolling, zooming, dragging or editing before a full collection.
QUIET_S = 1.0


def quiet() -> bool:
    """Whether nobody scrolled, zoomed, dragged or edited for ``QUIET_S`` (``activity``)."""
    return activity.idle_for(QUIET_S)


class _Collector(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.thresholds = gc.get_threshold()
        self.stats = {"young": 0, "middle": 0, "full": 0, "put_off": 0}
        self._full_waiting = False  # due, put off while the person was busy
        # The oldest generation's size after the last full collection; none yet, so the
        # first is due as soon as the counts say so (as in the interpreter, and without
        # counting ~40,000 objects, 4 ms, at start-up).
        self._long_lived = 0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    def tick(self) -> None:
        first, second, third = self.thresholds
        if self._full_waiting and quiet():
            self.collect_all()
            return
        young, middle, old = gc.get_count()
        if not first or young <= first:
            return
        # As the interpreter does: the oldest generation whose count is over its
        # threshold (a generation's count is the collections of the one below since
        # its own last collection); a full one waits for a pause.
        if middle > second and old > third and (self._full_waiting or self._full_is_due()):
            if quiet():
                self.collect_all()
                return
            if not self._full_waiting:
                self._full_waiting = True  # counted once: the oldest generation is not recounted
                self.stats["put_off"] += 1
            gc.collect(1)
            self.stats["middle"] += 1
        elif middle > second:
            gc.collect(1)
            self.stats["middle"] += 1
        else:
            gc.collect(0)
            self.stats["young"] += 1

    def _full_is_due(self) -> bool:
        # Counting the oldest generation costs a list of pointers (~5 ms at 500,000
        # objects), and is done only when its count says a full collection may be due.
        grown = len(gc.get_objects(2)) - self._long_lived
        return grown > self._long_lived * FULL_GROWTH

    def collect_all(self) -> None:
        gc.collect(2)
        self._full_waiting = False
        self.stats["full"] += 1
        self._long_lived = len(gc.get_objects(2))


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
    gc.disable()  # again if a test or a library switched it back on since
    if _collector is None or _collector.parent() is not app:
        _collector = _Collector(app)


def installed() -> bool:
    return _collector is not None and _collector.parent() is QCoreApplication.instance()


def promote_all() -> None:
    """Move every object the collector tracks to the oldest generation, without looking
    at any (``gc.freeze`` then ``gc.unfreeze``: two list splices).

    For what was just built to last, a map's scene: left young, the ~600,000 objects of
    a 20,000-card scene were traversed by the next young collection and again by the
    middle one (~200 ms each, right after the map opened). A full collection, at a
    pause (``QUIET_S``), looks at them when the oldest generation has grown by a
    quarter: the garbage among them (the cycles of a scene closed since) waits for it.
    """
    if installed():
        gc.freeze()
        gc.unfreeze()


def collect_now() -> None:
    """One collection of the young generations now (call at a safe point: the GUI
    thread, no Qt call below on the stack, e.g. between two tests)."""
    if installed():
        gc.collect(1)


def stats() -> dict[str, int]:
    """How many collections of each kind the timer ran (for tests and the benchmark)."""
    return dict(_collector.stats) if installed() else {}


# -- objects a C++ parent owns (see the module docstring) ---------------------------------

#: Wrappers kept out of cyclic garbage, by id, until their C++ object is deleted.
_sheltered: dict[int, object] = {}
#: How many were alive at the last sweep; the next sweep once twice as many are held.
_sheltered_alive = 0
SHELTER_SWEEP_MIN = 256


def shelter(wrapper: object) -> None:
    """Keep ``wrapper`` (a Python subclass of a Qt class whose C++ object a C++ parent
    owns, e.g. an undo command on a stack) out of cyclic garbage while its C++ object
    lives; dropped once Qt deleted it (a stack cleared or gone, a merged command).

    Dead entries are swept when the number held doubles: amortised O(1) a call, and at
    most twice the live commands' wrappers are kept (a wrapper whose C++ object is gone
    holds only its Python attributes). Only for objects handed to their C++ owner at
    once (``EditCommand``: made in ``push``): one never handed over would stay until the
    process ends.
    """
    global _sheltered_alive
    _sheltered[id(wrapper)] = wrapper
    if len(_sheltered) > max(2 * _sheltered_alive, SHELTER_SWEEP_MIN):
        sweep_sheltered()


def sweep_sheltered() -> int:
    """Drop the sheltered wrappers whose C++ object Qt deleted; how many are still held."""
    global _sheltered_alive
    for key in [key for key, obj in _sheltered.items() if not shiboken6.isValid(obj)]:
        del _sheltered[key]
    _sheltered_alive = len(_sheltered)
    return _sheltered_alive
