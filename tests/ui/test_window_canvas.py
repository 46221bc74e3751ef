"""The window around the real canvas: selection drives the inspector, the window's
actions act on the canvas's selection and current cell, and the canvas's own edits
land on the window's undo stack."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from cxmapper.model import editor as ed
from cxmapper.model.document import LaneKind
from cxmapper.ui.canvas import JourneyScene, JourneyView

from tests.ui.shell_support import open_window, sample_document


@pytest.fixture
def shell(qtbot, monkeypatch, tmp_path):
    window, boxes = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    yield window, boxes
    window.undo_stack.setClean()


def test_the_centre_is_the_canvas(shell):
    window, _ = shell
    assert isinstance(window.scene, JourneyScene) and isinstance(window.view, JourneyView)
    assert window.view.scene() is window.scene
    assert window.scene.card_item("c-wait") is not None


def test_selecting_cards_shows_them_in_the_inspector(shell):
    window, _ = shell
    window.scene.select_cards(["c-wait"])
    assert window.inspector.target_kind == "card" and window.inspector.card_title.text() == "等待太久"
    window.scene.select_cards(["c-wait", "c-fast"])
    assert window.inspector.target_kind == "cards"
    assert window.registry["copy"].isEnabled()
    window.scene.select_cards([])
    assert window.inspector.target_kind == "map"
    assert not window.registry["copy"].isEnabled()


def test_inspector_edit_updates_the_card_item(shell):
    window, _ = shell
    window.scene.select_cards(["c-ad"])
    window.inspector.card_title.setText("看到公交广告")
    window.inspector.card_title.textEdited.emit("看到公交广告")
    assert window.scene.card_item("c-ad").card.title == "看到公交广告"


def test_copy_paste_into_the_current_cell_and_between_windows(shell, qtbot, monkeypatch, tmp_path):
    window, _ = shell
    window.scene.select_cards(["c-kyc", "c-front"])
    assert window.copy()
    window.scene.select_cards([])
    window.scene.set_current_cell(("l-pain", "s0"))
    assert window.paste()
    pasted = window.editor.cards_in("l-pain", "s0")
    assert [c.title for c in pasted] == ["身份核验", "柜员协助"]
    assert window.selected_card_ids() == [c.id for c in pasted]
    assert window.undo_stack.undoText() == "Paste 2 card(s)"
    # Another window, another map: the same clipboard pastes there too.
    other, _ = open_window(qtbot, monkeypatch, tmp_path / "other")
    lane, step = other.editor.doc.lanes[0].id, other.editor.doc.steps()[0].id
    other.scene.set_current_cell((lane, step))
    assert other.paste()
    assert [c.title for c in other.editor.cards_in(lane, step)] == ["身份核验", "柜员协助"]
    assert len(other.editor.doc.links) == 1
    other.undo_stack.setClean()


def test_cut_removes_and_undo_puts_back(shell):
    window, _ = shell
    before = window.editor.doc.model_dump()
    window.scene.select_cards(["c-ad", "c-app"])
    window.registry["cut"].trigger()
    assert {"c-ad", "c-app"}.isdisjoint(c.id for c in window.editor.doc.cards)
    assert window.scene.card_item("c-ad") is None
    window.undo_stack.undo()
    assert window.editor.doc.model_dump() == before
    assert window.scene.card_item("c-ad") is not None


def test_delete_and_select_all(shell):
    window, _ = shell
    window.view.setFocus()
    window.registry["select_all"].trigger()
    assert set(window.selected_card_ids()) == {c.id for c in window.editor.doc.cards}
    window.registry["delete"].trigger()
    assert window.editor.doc.cards == []
    assert window.undo_stack.undoText() == "Delete 6 card(s)"


def test_find_highlights_on_the_canvas(shell, qtbot):
    window, _ = shell
    window.registry["find"].trigger()
    window.find_bar.edit.setText("线")
    assert window.scene.highlighted_card_ids() == {"c-ad", "c-fast"}
    assert window.selected_card_ids() == ["c-ad"]  # typing shows the first match
    window.find_bar.next_match()
    assert window.selected_card_ids() == ["c-fast"]
    window.find_bar.close_bar()
    assert window.scene.highlighted_card_ids() == frozenset()


def test_canvas_edits_are_on_the_window_undo_stack(shell):
    window, _ = shell
    assert window.scene.add_card(("l-act", "s3"), "去网点")
    assert window.isWindowModified()
    assert window.outline is not None and window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert not window.isWindowModified()


def test_workshop_mode_drives_the_canvas_presentation(shell):
    window, _ = shell
    window.workshop.enter()
    focus, hidden, scale = window.scene.presentation()
    assert focus == "st-aware" and hidden == frozenset() and scale > 1
    window.workshop.set_lane_filter("customer")
    assert window.scene.presentation()[1] == {LaneKind.BACKSTAGE, LaneKind.SUPPORT_PROCESSES}
    window.workshop.leave()
    assert window.scene.presentation() == (None, frozenset(), 1.0)


def test_personas_menu_hides_a_curve(shell):
    window, _ = shell
    window._fill_personas_menu()
    actions = window.personas_menu.actions()
    assert [a.text() for a in actions] == ["年轻白领", "中年客户"]
    actions[0].setChecked(False)
    assert window.scene.hidden_personas() == {"p1"}
    assert window.undo_stack.count() == 0  # a view setting, not an edit


def test_opening_another_map_replaces_the_scene(shell, tmp_path):
    from cxmapper.model.fileformat import save_file
    from cxmapper.model.templates import new_map

    window, _ = shell
    old_scene = window.scene
    path = tmp_path / "空白.cxmap"
    save_file(new_map("blueprint", locale="zh_CN"), path)
    assert window.open_path(path)
    assert window.scene is not old_scene and window.view.scene() is window.scene
    window.push(ed.UpdateMeta({"title": "x"}), "Edit")  # the old scene no longer listens
    QApplication.processEvents()


def test_window_shortcuts_leave_the_title_editor_alone(shell, qtbot):
    from PySide6.QtCore import Qt

    window, _ = shell
    qtbot.waitExposed(window)
    window.view.setFocus()
    window.scene.select_cards(["c-ad"])
    assert window.scene.edit_title("c-ad")
    viewport = window.view.viewport()
    qtbot.keyClick(viewport, Qt.Key.Key_End)
    qtbot.keyClick(viewport, Qt.Key.Key_Backspace)
    qtbot.keyClick(viewport, Qt.Key.Key_Home)
    qtbot.keyClick(viewport, Qt.Key.Key_Delete)  # the window's Delete would remove the card
    qtbot.keyClick(viewport, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(window.editor.doc.cards) == 6
    qtbot.keyClick(viewport, Qt.Key.Key_Return)
    assert window.editor.card("c-ad").title == "到地铁广"
    assert window.undo_stack.count() == 1


def test_a_file_dragged_over_the_canvas_reaches_the_window(shell):
    window, _ = shell
    assert window.acceptDrops()
    assert not window.view.acceptDrops() and not window.view.viewport().acceptDrops()
