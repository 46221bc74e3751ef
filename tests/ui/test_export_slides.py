"""File ▸ Export ▸ Slides… in the shown window: the File menu opened with a click on the
menu bar, Export and Slides chosen by their accelerator keys, as a person would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pptx import Presentation

import cxmapper.ui.mainwindow as mainwindow_module
from tests.ui.shell_support import open_window, sample_document


def _popup(qtbot, title_part: str) -> QMenu:
    def shown():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu) and title_part in menu.title().replace("&", "")

    qtbot.waitUntil(shown, timeout=3000)
    return QApplication.activePopupWidget()


def test_file_export_slides_writes_a_deck_of_the_open_map(qtbot, monkeypatch, tmp_path):
    window, boxes = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    qtbot.waitExposed(window)
    target = tmp_path / "workshop.pptx"
    asked = []
    monkeypatch.setattr(mainwindow_module, "ask_export_path", lambda parent, kind, current: asked.append(kind) or target)
    bar = window.menuBar()
    [file_action] = [a for a in bar.actions() if a.text().replace("&", "") == "File"]
    QTest.mouseClick(bar, Qt.LeftButton, pos=bar.actionGeometry(file_action).center())  # the File menu
    file_menu = _popup(qtbot, "File")
    QTest.keyClick(file_menu, Qt.Key_E)  # Export ▸
    export_menu = _popup(qtbot, "Export")
    assert "Slides…" in [a.text().replace("&", "") for a in export_menu.actions()]
    QTest.keyClick(export_menu, Qt.Key_L)  # S&lides…
    qtbot.waitUntil(target.exists, timeout=20000)
    assert asked == ["pptx"]
    deck = Presentation(str(target))
    text = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert all(card.title in text for card in window.editor.doc.cards)
    assert boxes.calls == []
    assert window.undo_stack.count() == 0  # exporting is not an edit
