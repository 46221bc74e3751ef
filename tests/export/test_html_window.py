"""File ▸ Export ▸ Web Page… in the shown window, driven by real key events.

The file dialog is the platform's (it cannot be typed into offscreen): it stands in
as a function that answers the chosen path and records what it was offered.
"""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from tests.ui.shell_support import open_window, sample_document


@pytest.fixture
def shell(qtbot, monkeypatch, tmp_path):
    window, boxes = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    qtbot.waitExposed(window)
    yield window, boxes, qtbot
    window.undo_stack.setClean()


def choose(monkeypatch, target):
    offered = []

    def save(parent, caption, start, filters):
        offered.append((caption, start, filters))
        return (str(target), filters)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    return offered


def open_menu_item(qtbot, window, *keys) -> None:
    """Alt+F, then each mnemonic key in the menu that is open."""
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    for key in keys:
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
        QTest.keyClick(QApplication.activePopupWidget(), key)


def test_export_web_page_from_the_menu(shell, monkeypatch, tmp_path):
    window, boxes, qtbot = shell
    target = tmp_path / "bank.html"
    offered = choose(monkeypatch, target)
    doc_before = window.editor.doc.model_dump_json()
    export = next(a for a in window.menuBar().findChildren(QMenu) if a.title() == window.tr("&Export"))
    assert window.registry["export_html"] in export.actions()
    open_menu_item(qtbot, window, Qt.Key.Key_E, Qt.Key.Key_W)
    qtbot.waitUntil(target.exists, timeout=5000)
    assert offered and offered[0][2].startswith("Web page")
    text = target.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="cxm-data">(.*?)</script>', text, re.S).group(1))
    assert sorted(c["t"] for c in data["cards"]) == sorted(c.title for c in window.editor.doc.cards)
    assert data["lang"] == "zh"
    assert "bank.html" in window.statusBar().currentMessage()
    assert window.editor.doc.model_dump_json() == doc_before and window.undo_stack.count() == 0
    assert boxes.calls == []


def test_a_failed_web_page_export_says_where_and_why(shell, monkeypatch, tmp_path):
    window, boxes, qtbot = shell
    target = tmp_path / "missing-folder" / "map.html"
    choose(monkeypatch, target)
    assert window.export_web_page() is False
    (kind, _title, text), = boxes.calls
    assert kind == "critical" and str(target) in text and "No such file" in text
    assert not target.exists()


def test_the_suggestion_sits_beside_the_map(shell, monkeypatch, tmp_path):
    window, _, _ = shell
    window.path = tmp_path / "journey.cxmap"
    offered = choose(monkeypatch, "")  # cancelled
    assert window.export_web_page() is False
    assert offered[0][1] == str(tmp_path / "journey.html")
