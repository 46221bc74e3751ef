"""Python's cyclic garbage collector runs between events on the GUI thread only
(cxmapper.ui.collector)."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtCore import QObject

from cxmapper.ui import activity, collector


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

    def collected() -> bool:
        # Freeing tracked objects lowers that count again (a big scene of an earlier
        # test being deleted meanwhile did): keep allocating, as a busy app does.
        alive.append([[] for _ in range(gc.get_threshold()[0])])
        return ref() is None

    qtbot.waitUntil(collected, timeout=5 * collector.TICK_MS + 2000)
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


def test_a_full_collection_waits_until_the_oldest_generation_grew_by_a_quarter(qtbot, monkeypatch):
    """The interpreter's guard, kept: with a big map open, a full collection (80 ms at
    5,000 cards) runs only once the objects that survived into the oldest generation
    grew by ``FULL_GROWTH`` since the last one."""
    collector.install()
    monkeypatch.setattr(activity, "_last", float("-inf"))  # nobody busy
    c = collector._collector
    c.collect_all()
    long_lived = c._long_lived
    assert long_lived == len(gc.get_objects(2))
    assert not c._full_is_due()
    survivors = [[] for _ in range(int(long_lived * collector.FULL_GROWTH) + 1000)]
    gc.collect(1)  # promoted to the oldest generation
    assert c._full_is_due()
    monkeypatch.setattr(gc, "get_count", lambda: (10_000, 11, 11))  # every threshold passed
    before = collector.stats()["full"]
    c.tick()
    assert collector.stats()["full"] == before + 1 and not c._full_is_due()
    c.tick()  # the counts still say so, the growth does not: a middle collection
    assert collector.stats()["full"] == before + 1
    del survivors


def test_a_due_full_collection_waits_for_a_pause_in_scrolling_zooming_and_editing(qtbot, monkeypatch):
    """A full collection (257 ms between two zoom steps at 20,000 cards) is put off
    while the person works, the young generations collected meanwhile, and runs at the
    first tick after ``QUIET_S`` without any."""
    collector.install()
    c = collector._collector
    now = [1000.0]
    monkeypatch.setattr(activity.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(c, "_full_is_due", lambda: True)
    monkeypatch.setattr(gc, "get_count", lambda: (10_000, 11, 11))  # every threshold passed
    before = collector.stats()
    activity.touch()
    now[0] += collector.QUIET_S / 2
    c.tick()
    after = collector.stats()
    assert after["full"] == before["full"] and after["put_off"] == before["put_off"] + 1
    assert after["middle"] == before["middle"] + 1
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, 0))  # nothing new since
    now[0] += collector.QUIET_S / 2 + 0.01
    c.tick()
    assert collector.stats()["full"] == before["full"] + 1
    c.tick()  # done: not again
    assert collector.stats()["full"] == before["full"] + 1


def test_the_canvas_and_edits_say_when_the_person_is_busy(qtbot, monkeypatch):
    from PySide6.QtGui import QUndoStack

    from cxmapper.model.editor import Editor, UpdateCard
    from cxmapper.ui.canvas.scene import JourneyScene
    from cxmapper.ui.canvas.view import JourneyView
    from cxmapper.ui.commands import push_edit
    from tests.ui.shell_support import sample_document

    calls = []
    monkeypatch.setattr(activity, "touch", lambda: calls.append(1))
    editor, stack = Editor(sample_document()), QUndoStack()
    scene = JourneyScene(editor, stack)
    view = JourneyView(scene)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    view.set_zoom(2.0)
    assert calls
    calls.clear()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    assert calls
    calls.clear()
    card = next(c for c in editor.doc.cards)
    push_edit(stack, editor, UpdateCard(card.id, {"title": "改"}), "Retitle")
    stack.undo()
    assert len(calls) == 2
    scene.detach()


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

    monkeypatch.setattr(kano_panel.chart, "render_better_worse_png", render)  # where the chart looks it up
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


def test_a_built_scene_goes_straight_to_the_oldest_generation_and_nothing_stays_frozen(qtbot):
    from PySide6.QtGui import QUndoStack

    from cxmapper.model.editor import Editor
    from cxmapper.ui.canvas.scene import JourneyScene
    from tests.ui.shell_support import sample_document

    collector.install()
    scene = JourneyScene(Editor(sample_document()), QUndoStack())
    young = len(gc.get_objects(0)) + len(gc.get_objects(1))
    item = next(iter(scene.card_items()))
    old = gc.get_objects(2)
    assert young < 500, young  # thousands were made: none left for a young collection
    assert any(o is item for o in old) and gc.get_freeze_count() == 0
    scene.detach()
