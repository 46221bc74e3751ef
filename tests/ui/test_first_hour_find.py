"""Find moves to the first match while the person types (issue 17, point 4)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.shell_support import open_window, sample_document
from tests.ui.test_mainwindow import type_chinese


@pytest.fixture
def shell(qtbot, monkeypatch, tmp_path):
    window, boxes = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    window.resize(900, 600)
    yield window, boxes
    window.undo_stack.setClean()


def test_typing_in_find_selects_and_shows_the_first_match(shell, qtbot):
    window, _ = shell
    qtbot.waitExposed(window)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.edit, "kyc")  # real key presses, no Enter
    assert window.selected_card_ids() == ["c-kyc"]
    item = window.scene.card_item("c-kyc")
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert shown.intersects(item.sceneBoundingRect())
    assert window.find_bar.count_label.text() == "1 of 1"
    # The focus stays in the bar: typing goes on narrowing, the match stays.
    assert window.find_bar.edit.hasFocus()
    assert window.undo_stack.count() == 0  # finding edits nothing


def test_narrowing_the_query_keeps_the_current_match_while_it_still_matches(shell, qtbot):
    window, _ = shell
    qtbot.waitExposed(window)
    window.registry["find"].trigger()
    type_chinese(window.find_bar.edit, "线")  # two matches: the first is shown
    assert window.selected_card_ids() == ["c-ad"] and window.find_bar.current == 0
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)  # on to the second
    assert window.selected_card_ids() == ["c-fast"]
    type_chinese(window.find_bar.edit, "上")  # "线上": still matches, it stays
    assert window.selected_card_ids() == ["c-fast"]
    assert window.find_bar.count_label.text() == "1 of 1"
    for _ in range(2):
        qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(window.find_bar.edit, "app")
    assert window.selected_card_ids() == ["c-app"]
