"""The first window: a file given at start is the first map; parts nobody sees yet wait."""

from __future__ import annotations

from pathlib import Path

import cxmapper.ui.mainwindow as mainwindow_module
from cxmapper.paths import EXAMPLES
from cxmapper.ui.mainwindow import MainWindow
from cxmapper.ui.settings import Settings

from tests.ui.shell_support import MessageBoxes, isolated

EXAMPLE = EXAMPLES / "bank-account-opening.zh.cxmap"


def test_a_file_given_at_start_is_the_first_map_and_no_template_is_built(qtbot, monkeypatch, tmp_path):
    isolated(monkeypatch, tmp_path)
    boxes = MessageBoxes(monkeypatch)
    templates = []
    real_new_map = mainwindow_module.new_map
    monkeypatch.setattr(mainwindow_module, "new_map", lambda *a, **k: templates.append(a) or real_new_map(*a, **k))
    window = MainWindow(Settings(), path=EXAMPLE)
    qtbot.addWidget(window)
    assert templates == [] and boxes.calls == []
    assert window.path == EXAMPLE.resolve() and window.editor.doc.meta.title
    assert window.scene.editor is window.editor
    assert window.undo_stack.isClean() and window.undo_stack.count() == 0 and not window.isWindowModified()
    assert EXAMPLE.name in window.windowTitle()
    assert [Path(name).name for name in window.settings.recent_files()] == [EXAMPLE.name]


def test_an_unreadable_file_at_start_says_why_and_shows_a_new_map(qtbot, monkeypatch, tmp_path):
    isolated(monkeypatch, tmp_path)
    boxes = MessageBoxes(monkeypatch)
    broken = tmp_path / "broken.cxmap"
    broken.write_text("{not json", encoding="utf-8")
    window = MainWindow(Settings(), path=broken)
    qtbot.addWidget(window)
    assert [call[0] for call in boxes.calls] == ["critical"]
    assert window.path is None and len(window.editor.doc.lanes) == 6  # the journey template
    assert window.settings.recent_files() == []


def test_the_find_bar_is_built_when_first_used_above_the_canvas(qtbot, monkeypatch, tmp_path):
    from cxmapper.ui.find import FindBar

    from tests.ui.shell_support import open_window

    window, _boxes = open_window(qtbot, monkeypatch, tmp_path)
    qtbot.waitExposed(window)
    assert window.findChild(FindBar) is None
    assert all(not isinstance(w, FindBar) for w in window.presentation_hides())
    window.registry["find"].trigger()
    bar = window.findChild(FindBar)
    assert bar is window.find_bar and bar.isVisible()
    qtbot.waitUntil(lambda: bar.geometry().bottom() < window.view.geometry().top())
    assert bar in window.presentation_hides()
