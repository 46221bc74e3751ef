"""The inspector builds a page when it is first shown, and scrolls only the page shown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea

from cxmapper.model.fileformat import load_file
from cxmapper.paths import EXAMPLES

from tests.ui.shell_support import open_window


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    window, _boxes = open_window(qtbot, monkeypatch, tmp_path, load_file(EXAMPLES / "bank-account-opening.zh.cxmap"))
    qtbot.waitExposed(window)
    yield window
    window.undo_stack.setClean()


def test_only_the_map_page_is_built_until_another_is_shown(window):
    inspector = window.inspector
    assert inspector.pages.count() == 1 and inspector.pages.currentWidget() is inspector.page("map")
    card = window.editor.doc.cards[0]
    inspector.show_target("card", [card.id])
    assert inspector.pages.count() == 2 and inspector.pages.currentWidget() is inspector.page("card")
    assert inspector.card_title.text() == card.title
    inspector.show_target("map", ())
    inspector.show_target("card", [card.id])
    assert inspector.pages.count() == 2  # built once


def test_the_scroll_range_follows_the_page_shown(window, qtbot):
    inspector = window.inspector
    window.inspector_dock.raise_()
    window.inspector_dock.resize(window.inspector_dock.width(), 400)
    scroll = inspector.findChild(QScrollArea)
    qtbot.wait(10)
    heights = {}
    for kind, ids in (("card", [window.editor.doc.cards[0].id]), ("map", ()), ("stage", [window.editor.doc.stages[0].id])):
        inspector.show_target(kind, ids)
        qtbot.wait(10)
        heights[kind] = inspector.pages.height()
        # The stack is as tall as the viewport or the page shown, not the tallest page built.
        expected = max(scroll.viewport().height(), inspector.page(kind).heightForWidth(inspector.pages.width()))
        assert heights[kind] == expected, kind
    assert heights["stage"] < heights["card"]
