"""The window's wiring of the Kano panel, File ▸ Export and the link display mode."""

from __future__ import annotations

import json

import pytest

import cxmapper.ui.mainwindow as mainwindow_module
from cxmapper.model.fileformat import load_file
from cxmapper.paths import EXAMPLES

from tests.ui.shell_support import open_window, sample_document


@pytest.fixture
def shell(qtbot, monkeypatch, tmp_path):
    window, boxes = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    yield window, boxes
    window.undo_stack.setClean()


def test_the_kano_panel_is_docked_and_follows_the_document(shell):
    window, _ = shell
    assert window.kano_dock.widget() is window.kano
    assert window.kano.editor is window.editor
    window.set_document(load_file(EXAMPLES / "bank-account-opening.zh.cxmap"), None)
    assert window.kano.editor is window.editor  # a replaced document is followed
    assert window.kano_dock in window.presentation_hides()


def test_a_kano_row_selects_the_card_on_the_canvas(shell):
    window, _ = shell
    window.set_document(load_file(EXAMPLES / "bank-account-opening.zh.cxmap"), None)
    card = next(c for c in window.editor.doc.cards if getattr(c, "kano_survey", None))
    window.kano.card_activated.emit(card.id)
    assert window.selected_card_ids() == [card.id]


@pytest.mark.parametrize("kind", ["json", "mermaid"])
def test_file_export_writes_where_the_user_chose(shell, monkeypatch, tmp_path, kind):
    window, _ = shell
    target = tmp_path / f"out.{kind}"
    monkeypatch.setattr(mainwindow_module, "ask_export_path", lambda parent, k, current: target)
    window.registry[f"export_{kind}"].trigger()
    assert target.exists()
    if kind == "json":
        assert json.loads(target.read_text(encoding="utf-8"))["format"] == "cxmapper-flat"
    else:
        lines = target.read_text(encoding="utf-8").splitlines()
        assert "journey" in lines and any(line.strip().startswith("section ") for line in lines)


def test_a_cancelled_export_writes_nothing(shell, monkeypatch):
    window, _ = shell
    monkeypatch.setattr(mainwindow_module, "ask_export_path", lambda parent, k, current: None)
    assert window.export("pdf") is False


def test_link_mode_actions_switch_the_canvas_and_push_no_undo_step(shell):
    window, _ = shell
    for mode in ("none", "selected", "all"):
        window.registry[f"links_{mode}"].trigger()
        assert window.scene.link_mode().value == mode
    assert window.undo_stack.count() == 0


def test_the_side_docks_leave_the_canvas_its_room(shell):
    # A dock area is as wide as its widest tab's minimum: a Kano panel asking ~900 px
    # once squeezed the canvas to a sliver on a 1600-px screen.
    window, _ = shell
    for dock in (window.inspector_dock, window.history_dock, window.kano_dock):
        assert dock.widget().minimumSizeHint().width() <= 450, dock.objectName()


def test_the_kano_panel_tabbed_behind_the_inspector_analyses_a_map_only_once_shown(shell, qtbot):
    # Tabbed behind another dock, the panel is still isVisible(); rebuilding its table
    # for every opened map took a quarter of opening a 500-card map in the window.
    window, _ = shell
    qtbot.waitExposed(window)
    window.inspector_dock.raise_()
    qtbot.wait(10)
    before = window.kano.refresh_count
    window.set_document(load_file(EXAMPLES / "bank-account-opening.zh.cxmap"), None)
    qtbot.wait(10)
    assert window.kano.refresh_count == before and not window.kano.on_screen()
    window.kano_dock.raise_()
    qtbot.waitUntil(lambda: window.kano.refresh_count == before + 1)
    assert window.kano.on_screen() and window.kano.table_model.rowCount() > 0
    window.set_document(load_file(EXAMPLES / "bank-account-opening.zh.cxmap"), None)
    qtbot.waitUntil(lambda: window.kano.refresh_count == before + 2)  # shown: follows at once


def test_the_kano_chart_tabbed_behind_the_inspector_is_drawn_only_once_shown(shell, qtbot):
    # Its render timer (150 ms) started at the window's first show, before the dock's tab
    # went behind: the hidden chart was drawn, matplotlib imported on the render thread.
    window, _ = shell
    qtbot.waitExposed(window)
    window.inspector_dock.raise_()
    window.set_document(load_file(EXAMPLES / "bank-account-opening.zh.cxmap"), None)
    chart = window.kano.chart
    qtbot.wait(400)  # past the render timer
    assert chart.render_count == 0 and not chart._pending and not chart.shown()
    window.kano_dock.raise_()
    qtbot.waitUntil(lambda: chart.render_count >= 1, timeout=60_000)
    assert chart.pixmap is not None and chart.shown()
