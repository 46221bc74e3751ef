"""Python's cyclic garbage collector runs between events on the GUI thread only
(cxmapper.ui.collector)."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtCore import QObject

from cxmapper.ui import collector


class Node:
    """A Qt object held in a reference cycle: only the cyclic collector can free it."""

    def __init__(self) -> None:
        self.qobject = QObject()
        self.me = self


def cyclic_node() -> weakref.ref:
    node = Node()
    ref = weakref.ref(node)
    del node
    return ref


@pytest.fixture()
def collections():
    """The threads on which collections ran during the test."""
    threads: list[str] = []

    def note(phase, info):
        if phase == "start":
            threads.append(threading.current_thread().name)

    gc.callbacks.append(note)
    yield threads
    gc.callbacks.remove(note)


def test_install_switches_automatic_collection_off_and_is_idempotent(qapp):
    collector.install()
    assert collector.installed() and not gc.isenabled()
    gc.enable()  # a library switched it back on
    collector.install()
    assert not gc.isenabled()


def test_cycles_holding_qt_objects_are_freed_between_events_on_the_gui_thread(qtbot, collections):
    collector.install()
    ref = cyclic_node()
    # The youngest generation's count is allocations minus deallocations: keep enough
    # new objects alive to fill it, as a busy app does.
    alive = [[] for _ in range(20 * gc.get_threshold()[0])]
    assert ref() is not None  # nothing collected inside this test's own code
    qtbot.waitUntil(lambda: ref() is None, timeout=5 * collector.TICK_MS + 2000)
    assert collections and set(collections) == {threading.main_thread().name}
    del alive


def test_a_worker_allocating_cycles_never_collects(qtbot, collections):
    collector.install()

    def churn():
        for _ in range(200_000):
            a = []
            a.append(a)

    worker = threading.Thread(target=churn, name="churn")
    worker.start()
    worker.join()
    assert "churn" not in collections
    assert gc.get_count()[0] > gc.get_threshold()[0]  # it would have collected many times
    qtbot.waitUntil(lambda: bool(collections), timeout=5 * collector.TICK_MS + 2000)
    assert set(collections) == {threading.main_thread().name}


def test_a_map_opened_is_frozen_after_one_full_collection_and_thawed_by_the_next(qtbot, monkeypatch):
    collector.install()
    monkeypatch.setattr(collector, "SETTLE_MS", 50)
    garbage = cyclic_node()
    alive = Node()  # lives through the freeze: stands for the open map's objects
    before = collector.stats()["full"]
    collector.map_opened()
    qtbot.waitUntil(lambda: collector.stats()["full"] > before, timeout=5_000)
    assert garbage() is None  # collected before freezing, not frozen
    assert gc.get_freeze_count() > 0
    stale = weakref.ref(alive)
    del alive  # now cyclic garbage, but frozen: out of the collector's sight
    gc.collect()
    assert stale() is not None
    collector.map_opened()  # the next map: the old one's objects are collected
    qtbot.waitUntil(lambda: stale() is None, timeout=5_000)
    gc.unfreeze()


def test_the_kano_chart_draws_with_no_collection_on_its_thread(qtbot, monkeypatch, collections):
    from cxmapper.ui.panels import kano_panel

    seen = []
    gate = threading.Event()

    def render(*args):
        for _ in range(50_000):  # cycles enough to trigger automatic collections
            a = []
            a.append(a)
        seen.append((threading.current_thread().name, gc.isenabled()))
        gate.wait(10)
        return b""

    monkeypatch.setattr(kano_panel, "render_better_worse_png", render)
    chart = kano_panel.BetterWorseChart()
    qtbot.addWidget(chart)
    chart.resize(400, 300)
    chart.show()
    chart.render_now()
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    gate.set()
    name, enabled = seen[0]
    assert not enabled and name not in collections


def test_an_export_runs_with_no_collection_on_its_thread(qtbot, monkeypatch, tmp_path, collections):
    from cxmapper.model.templates import new_map
    from cxmapper.ui import export_dialog

    seen = []

    def run(doc, kind, path, options, progress=None):
        for _ in range(50_000):
            a = []
            a.append(a)
        seen.append((threading.current_thread().name, gc.isenabled()))
        return path

    monkeypatch.setattr(export_dialog, "_run_export", run)
    assert export_dialog.export_with_progress(None, new_map("journey"), "pdf", tmp_path / "x.pdf")
    name, enabled = seen[0]
    assert name != threading.main_thread().name and not enabled and name not in collections


def test_the_full_collection_waits_for_a_drag_but_not_for_ever(qtbot, monkeypatch):
    collector.install()
    monkeypatch.setattr(collector, "SETTLE_MS", 50)
    monkeypatch.setattr(collector, "SETTLE_AT_LATEST_S", 1.0)
    monkeypatch.setattr(collector, "_button_held", lambda: True)
    before = collector.stats()["full"]
    collector.map_opened()
    qtbot.wait(5 * collector.TICK_MS // 2)  # past SETTLE_MS, a button still held
    assert collector.stats()["full"] == before
    qtbot.waitUntil(lambda: collector.stats()["full"] > before, timeout=5_000)  # at the latest
    gc.unfreeze()
