"""The cyclic garbage collector never runs on a worker thread (cxmapper.ui.worker_gc)."""

from __future__ import annotations

import gc
import threading

import pytest

from cxmapper.ui import worker_gc


@pytest.fixture(autouse=True)
def no_jobs_running(qtbot):
    """Earlier tests' Kano charts may still be drawing (they hold the collector)."""
    qtbot.waitUntil(lambda: worker_gc.holds() == 0, timeout=300_000)
    assert gc.isenabled()


def test_holds_nest_and_resume_only_what_they_paused():
    worker_gc.hold_collector()
    worker_gc.hold_collector()
    assert not gc.isenabled()
    worker_gc.release_collector()
    assert not gc.isenabled()  # one job still runs
    worker_gc.release_collector()
    assert gc.isenabled()
    gc.disable()  # someone else's pause (the loader's) is left to its owner
    try:
        worker_gc.hold_collector()
        worker_gc.release_collector()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(RuntimeError):
        worker_gc.release_collector()


def test_a_future_holds_the_collector_until_done_even_without_its_widget(qtbot):
    from concurrent.futures import Future

    future: Future = Future()
    worker_gc.hold_collector()
    worker_gc.release_when_done(future)
    qtbot.wait(3 * worker_gc.POLL_MS)
    assert not gc.isenabled() and worker_gc.holds() == 1
    future.set_result(None)
    qtbot.waitUntil(lambda: worker_gc.holds() == 0, timeout=5_000)
    assert gc.isenabled()


def test_the_kano_chart_draws_with_the_collector_paused(qtbot, monkeypatch):
    from cxmapper.ui.panels import kano_panel

    seen = []
    gate = threading.Event()

    def render(*args):
        seen.append(gc.isenabled())
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
    qtbot.waitUntil(lambda: worker_gc.holds() == 0, timeout=5_000)
    assert seen == [False] and gc.isenabled()


def test_an_export_runs_with_the_collector_paused(qtbot, monkeypatch, tmp_path):
    from cxmapper.model.templates import new_map
    from cxmapper.ui import export_dialog

    seen = []

    def run(doc, kind, path, options, progress=None):
        seen.append((threading.current_thread() is threading.main_thread(), gc.isenabled()))
        return path

    monkeypatch.setattr(export_dialog, "_run_export", run)
    assert export_dialog.export_with_progress(None, new_map("journey"), "pdf", tmp_path / "x.pdf")
    assert seen == [(False, False)]
    assert gc.isenabled() and worker_gc.holds() == 0
