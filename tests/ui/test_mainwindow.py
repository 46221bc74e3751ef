"""The main window: title and modified mark, unsaved-changes prompt, actions, panels,
copy/paste, find and workshop mode."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from cxmapper.model import editor as ed
from cxmapper.model.document import LaneKind, make_card
from cxmapper.model.fileformat import save_file
from cxmapper.ui.clipboard import MIME_TYPE, copy_payload, from_mime, paste_plan, to_mime
from cxmapper.ui.find import FindBar, matching_cards

from tests.ui.shell_support import open_window, sample_document

Button = QMessageBox.StandardButton


@pytest.fixture
def shell(qtbot, monkeypatch, tmp_path):
    window, boxes = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    yield window, boxes
    window.undo_stack.setClean()  # nothing left to ask about when the window closes


def type_chinese(widget, text: str) -> None:
    """Type like a Chinese input method: a commit string, not key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _edit(window, title="改过的标题"):
    assert window.push(ed.UpdateCard("c-ad", {"title": title}), "Edit card title")


def test_title_shows_name_and_modified_mark(shell, tmp_path):
    window, _ = shell
    assert window.windowTitle().startswith("银行开户[*]")
    assert not window.isWindowModified()
    _edit(window)
    assert window.isWindowModified()
    window.undo_stack.undo()
    assert not window.isWindowModified()
    window.save_to(tmp_path / "开户.cxmap")
    assert window.windowTitle().startswith("开户.cxmap[*]")


def test_undo_menu_names_the_edit(shell):
    window, _ = shell
    window.push(ed.Batch([ed.RemoveCard("c-ad"), ed.RemoveCard("c-app")], "x"), "Delete 2 cards")
    assert window.registry["undo"].text() == "&Undo Delete 2 cards"
    assert window.registry["undo"].iconText() == "Undo"
    window.undo_stack.undo()
    assert window.registry["redo"].text() == "&Redo Delete 2 cards"


def test_close_with_unsaved_changes_cancel_keeps_the_window(shell):
    window, boxes = shell
    _edit(window)
    boxes.answers["warning"] = Button.Cancel
    assert not window.close()
    assert window.isVisible()
    assert len(boxes.named("warning")) == 1
    assert "银行开户" in boxes.named("warning")[0][2]


def test_close_with_unsaved_changes_discard_closes(shell):
    window, boxes = shell
    _edit(window)
    boxes.answers["warning"] = Button.Discard
    assert window.close()
    assert not window.autosaver.written()


def test_close_with_unsaved_changes_save_writes_the_file(shell, tmp_path):
    window, boxes = shell
    window.save_to(tmp_path / "m.cxmap")
    _edit(window, "保存后关闭")
    boxes.answers["warning"] = Button.Save
    assert window.close()
    assert "保存后关闭" in (tmp_path / "m.cxmap").read_text(encoding="utf-8")


def test_new_with_unsaved_changes_asks_and_cancel_keeps_the_map(shell):
    window, boxes = shell
    _edit(window)
    boxes.answers["warning"] = Button.Cancel
    assert not window.new_document("blueprint")
    assert window.editor.card("c-ad").title == "改过的标题"
    boxes.answers["warning"] = Button.Discard
    assert window.new_document("blueprint")
    kinds = [lane.kind for lane in window.editor.doc.lanes]
    assert LaneKind.BACKSTAGE in kinds and not window.editor.doc.cards
    assert not window.isWindowModified() and window.undo_stack.count() == 0


def test_no_question_when_nothing_changed(shell, tmp_path):
    window, boxes = shell
    path = tmp_path / "另一个.cxmap"
    save_file(sample_document(), path)
    assert window.open_path(path)
    assert boxes.calls == []


def test_standard_shortcuts_and_every_action_is_reachable(shell):
    window, _ = shell
    key = QKeySequence.StandardKey
    for name, standard in {
        "new": key.New, "open": key.Open, "save": key.Save, "undo": key.Undo, "redo": key.Redo,
        "cut": key.Cut, "copy": key.Copy, "paste": key.Paste, "delete": key.Delete,
        "select_all": key.SelectAll, "zoom_in": key.ZoomIn, "zoom_out": key.ZoomOut, "find": key.Find,
    }.items():
        assert QKeySequence.keyBindings(standard)[0] in window.registry[name].shortcuts(), name
    assert window.registry["zoom_fit"].shortcut() == QKeySequence("Ctrl+0")
    in_menus = set()
    stack = [menu.menu() for menu in window.menuBar().actions() if menu.menu()]
    while stack:
        menu = stack.pop()
        for action in menu.actions():
            if action.menu():
                stack.append(action.menu())
            in_menus.add(action.objectName())
    assert {f"action_{name}" for name in window.registry.names()} <= in_menus
    # The toolbar shows the same QAction objects, not copies.
    assert window.registry["save"] in window.toolbar.actions()


def test_inspector_typing_merges_into_one_step_and_keeps_the_cursor(shell, qtbot):
    window, _ = shell
    window.inspector.show_target("card", ["c-wait"])
    field = window.inspector.card_title
    field.setFocus()
    field.setCursorPosition(2)  # between 等待 and 太久
    type_chinese(field, "非")  # as an input method commits it
    type_chinese(field, "常")
    assert window.editor.card("c-wait").title == "等待非常太久"
    assert field.cursorPosition() == 4
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.editor.card("c-wait").title == "等待太久"
    assert field.text() == "等待太久"  # an undo refreshes the panel


def test_inspector_edits_kano_and_tags(shell):
    window, _ = shell
    inspector = window.inspector
    inspector.show_target("card", ["c-wait"])
    assert inspector.card_kano.isVisibleTo(inspector)
    inspector.card_kano.setCurrentIndex(inspector.card_kano.findData("one_dimensional"))
    inspector.card_kano.activated.emit(inspector.card_kano.currentIndex())
    assert window.editor.card("c-wait").kano == "one_dimensional"
    inspector.card_tags.setText("排队，柜台 , 排队")
    inspector.card_tags.textEdited.emit(inspector.card_tags.text())
    assert window.editor.card("c-wait").tags == ["排队", "柜台"]
    inspector.show_target("card", ["c-ad"])  # an action card: no Kano fields
    assert not inspector.card_kano.isVisibleTo(inspector)


def test_inspector_follows_outline_selection_and_undo(shell):
    window, _ = shell
    window.outline.select("stage", "st-buy")
    assert window.inspector.target_kind == "stage"
    assert window.inspector.stage_name.text() == "决策"
    window.push(ed.UpdateStage("st-buy", {"name": "购买"}), "Rename stage")
    assert window.inspector.stage_name.text() == "购买"
    assert window.outline.find_item("stage", "st-buy").text(0) == "购买"
    window.push(ed.RemoveStage("st-buy"), "Remove stage")
    assert window.inspector.target_kind == "map"  # what it showed is gone


def test_outline_add_move_remove_with_undo(shell, qtbot):
    window, _ = shell
    outline = window.outline
    before = window.editor.doc.model_dump()
    outline.select("stage", "st-aware")
    outline.add_stage()
    doc = window.editor.doc
    assert len(doc.stages) == 4 and doc.stages[1].name == "New stage"
    new_id = doc.stages[1].id
    outline.select("stage", new_id)
    outline.move_current(+1)
    assert [s.id for s in window.editor.doc.stages].index(new_id) == 2
    outline.add_lane(LaneKind.SUPPORT_PROCESSES)
    assert window.editor.doc.lanes[-1].kind == LaneKind.SUPPORT_PROCESSES
    outline.add_persona()
    assert window.editor.doc.personas[-1].name == "Persona 3"
    outline.select("lane", "l-pain")
    outline.remove_current()
    assert "l-pain" not in [lane.id for lane in window.editor.doc.lanes]
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert window.editor.doc.model_dump() == before
    assert outline.find_item("lane", "l-pain") is not None


def test_outline_drop_moves_a_step_into_another_stage(shell):
    window, _ = shell
    outline = window.outline
    dragged = outline.find_item("step", "s1")
    target = outline.find_item("step", "s3")
    assert outline.drop(dragged, target, above=True, on_item=False)
    stage, _ = window.editor.step("s1")
    assert stage.id == "st-use" and [s.id for s in stage.steps] == ["s1", "s3"]
    assert outline.drop(outline.find_item("step", "s1"), outline.find_item("stage", "st-aware"), above=False, on_item=True)
    assert [s.id for s in window.editor.stage("st-aware").steps] == ["s0", "s1"]


def test_outline_rename_in_place(shell, qtbot):
    window, _ = shell
    item = window.outline.find_item("lane", "l-back")
    item.setText(0, "后台系统")  # what the in-place editor does on Enter
    assert window.editor.lane("l-back").name == "后台系统"
    qtbot.waitUntil(lambda: window.outline.find_item("lane", "l-back").text(0) == "后台系统")


def test_refused_edit_shows_the_reason(shell):
    window, _ = shell
    assert not window.push(ed.RemoveStep("s0"), "Remove step")  # the last step of its stage
    assert "s0" in window.statusBar().currentMessage() or window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0


# -- clipboard ---------------------------------------------------------------------


def test_copy_payload_round_trips_through_the_clipboard(qapp):
    editor = ed.Editor(sample_document())
    payload = copy_payload(editor, ["c-kyc", "c-front", "c-ad"])
    assert [c["id"] for c in payload["cards"]] == ["c-ad", "c-kyc", "c-front"]
    assert [link["id"] for link in payload["links"]] == ["k2"]  # k1 leads to an uncopied card
    QApplication.clipboard().setMimeData(to_mime(payload))
    mime = QApplication.clipboard().mimeData()
    assert mime.hasFormat(MIME_TYPE)
    assert from_mime(mime) == payload
    text_only = QMimeData()
    text_only.setText(mime.text())
    assert from_mime(text_only) == payload
    plain = QMimeData()
    plain.setText("只是文字")
    assert from_mime(plain) is None


def test_paste_gives_new_ids_keeps_links_and_goes_to_the_cell():
    source = ed.Editor(sample_document())
    payload = copy_payload(source, ["c-kyc", "c-front"])
    target = ed.Editor(sample_document())
    cards, links = paste_plan(target, payload, ("l-pain", "s3"))
    assert {c.id for c in cards}.isdisjoint({"c-kyc", "c-front"})
    assert [c.title for c in cards] == ["身份核验", "柜员协助"]
    assert all((c.lane, c.step) == ("l-pain", "s3") for c in cards)
    assert len(links) == 1 and (links[0].source, links[0].target) == (cards[0].id, cards[1].id)
    target.apply(ed.Batch([ed.AddCard(c) for c in cards] + [ed.AddLink(link) for link in links]))
    assert [c.title for c in target.cards_in("l-pain", "s3")] == ["身份核验", "柜员协助"]


def test_paste_without_a_cell_needs_the_same_cells():
    payload = copy_payload(ed.Editor(sample_document()), ["c-ad"])
    other = ed.Editor(sample_document())
    cards, _ = paste_plan(other, payload, None)
    assert (cards[0].lane, cards[0].step) == ("l-act", "s0")
    from cxmapper.model.templates import new_map
    from cxmapper.ui.clipboard import PasteError

    with pytest.raises(PasteError, match="select a cell"):
        paste_plan(ed.Editor(new_map("journey")), payload, None)
    with pytest.raises(PasteError, match="newer"):
        paste_plan(other, {**payload, "version": 99}, None)


def test_window_paste_and_cut_are_undoable(shell):
    window, _ = shell
    QApplication.clipboard().setMimeData(to_mime(copy_payload(window.editor, ["c-wait", "c-fast"])))
    before = len(window.editor.doc.cards)
    assert window.paste()  # no current cell: back into the cards' own cells
    assert len(window.editor.doc.cards) == before + 2
    assert window.undo_stack.undoText() == "Paste 2 card(s)" or window.undo_stack.undoText().startswith("Paste")
    window.undo_stack.undo()
    assert len(window.editor.doc.cards) == before


# -- find ----------------------------------------------------------------------------


def test_find_matches_chinese_case_and_width():
    doc = sample_document()
    assert matching_cards(doc, "等待") == ["c-wait"]
    assert matching_cards(doc, "ａｐｐ") == ["c-app"]  # full-width, lower case
    assert matching_cards(doc, "kyc") == ["c-kyc"]  # in the description
    assert matching_cards(doc, "线下") == ["c-ad"]  # a tag
    assert matching_cards(doc, "  ") == []
    # Reading order: by step, then lane.
    assert matching_cards(doc, "线") == ["c-ad", "c-fast"]


def test_find_bar_steps_through_matches(qtbot):
    bar = FindBar()
    qtbot.addWidget(bar)
    doc = sample_document()
    seen = []
    bar.current_changed.connect(seen.append)
    bar.edit.setText("审")
    bar.search(doc)
    assert bar.matches == ["c-kyc", "c-fast"]
    bar.edit.returnPressed.emit()
    bar.next_match()
    bar.next_match()
    assert seen == ["c-kyc", "c-fast", "c-kyc"]
    bar.previous_match()
    assert seen[-1] == "c-fast"
    assert bar.count_label.text() == "2 of 2"


def test_window_find_opens_and_searches(shell, qtbot):
    window, _ = shell
    window.registry["find"].trigger()
    assert window.find_bar.isVisible()
    type_chinese(window.find_bar.edit, "等待")
    assert window.find_bar.matches == ["c-wait"]
    window.push(ed.UpdateCard("c-ad", {"title": "等待广告"}), "Edit")
    assert window.find_bar.matches == ["c-ad", "c-wait"]  # follows edits while open


# -- workshop mode ---------------------------------------------------------------------


def test_workshop_mode_steps_filters_and_leaves(shell, qtbot):
    window, _ = shell
    workshop = window.workshop
    window.registry["workshop"].trigger()
    assert workshop.active and window.isFullScreen()
    assert not window.inspector_dock.isVisible() and not window.toolbar.isVisible()
    assert workshop.focus_stage_id() == "st-aware"
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Right)
    assert workshop.focus_stage_id() == "st-buy"
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_PageDown)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_PageDown)  # stays on the last
    assert workshop.focus_stage_id() == "st-use"
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_C)
    assert workshop.hidden_lane_kinds() == {LaneKind.BACKSTAGE, LaneKind.SUPPORT_PROCESSES}
    assert "使用" in workshop.overlay.text()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
    assert not workshop.active and not window.isFullScreen()
    assert window.inspector_dock.isVisible() and window.toolbar.isVisible()


# -- files dropped on the window ---------------------------------------------------------


def test_dropping_a_cxmap_opens_it(shell, qtbot, tmp_path):
    window, _ = shell
    path = tmp_path / "拖进来.cxmap"
    doc = sample_document()
    doc.meta = doc.meta.model_copy(update={"title": "拖放的地图"})
    doc.cards.append(make_card("note", lane="l-act", step="s3", title="新卡片"))
    save_file(doc, path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.path is not None)
    assert window.editor.doc.meta.title == "拖放的地图"
    assert window.editor.doc.model_dump() == doc.model_dump()


def test_a_map_opens_fitted_when_readable_else_at_a_readable_zoom_in_one_step(shell, qtbot, tmp_path, monkeypatch):
    """The opening zoom: a small map fitted to the window; a big one at READABLE_ZOOM,
    its top left in view, without passing through the fitted zoom (which switched every
    row to its zoomed-out overview and back)."""
    from bench.generate import generate_map
    from cxmapper.ui.canvas.items import CARD_DETAIL_LOD
    from cxmapper.ui.canvas.scene import JourneyScene
    from cxmapper.ui.mainwindow import READABLE_ZOOM

    window, _ = shell
    window.resize(2600, 1600)  # the sample map fits readable
    scales = []
    original = JourneyScene.set_view_scale
    monkeypatch.setattr(JourneyScene, "set_view_scale", lambda self, scale, *a: (scales.append(scale), original(self, scale, *a))[1])
    view = window.view
    for cards, fitted in ((12, True), (400, False)):
        path = tmp_path / f"map-{cards}.cxmap"
        doc = generate_map(cards, seed=5) if cards > 12 else sample_document()
        save_file(doc, path)
        window.open_path(path, ask=False)
        scales.clear()
        QApplication.processEvents()  # the opening zoom comes from the event loop
        whole = view.whole_map()
        if fitted:
            assert view.zoom() == pytest.approx(view.fit_zoom(whole))
            assert view.zoom() >= READABLE_ZOOM
            assert view.mapToScene(view.viewport().rect()).boundingRect().contains(window.scene.itemsBoundingRect())
        else:
            assert view.fit_zoom(whole) < CARD_DETAIL_LOD  # fitted, the cards would be overviews
            assert view.zoom() == READABLE_ZOOM
            assert scales and min(scales) == READABLE_ZOOM  # never zoomed out on the way
            assert view.horizontalScrollBar().value() == view.horizontalScrollBar().minimum()
            assert view.verticalScrollBar().value() == view.verticalScrollBar().minimum()
            assert not any(row.overview for row in window.scene._rows.values())


# -- starting the app ----------------------------------------------------------------------


def test_a_missing_xcb_library_is_named_with_its_package(monkeypatch):
    from cxmapper.ui import app

    monkeypatch.setattr(app, "missing_xcb_libraries", lambda: [("libxcb-cursor.so.0", "libxcb-cursor0")])
    message = app.platform_problem({"DISPLAY": ":0"}, "linux")
    assert "libxcb-cursor.so.0" in message and "apt install libxcb-cursor0" in message
    assert "DISPLAY" in app.platform_problem({}, "linux")
    assert app.platform_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert app.platform_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert app.platform_problem({}, "darwin") is None
    monkeypatch.setattr(app, "missing_xcb_libraries", lambda: [])
    assert app.platform_problem({"DISPLAY": ":0"}, "linux") is None


def test_run_app_refuses_a_missing_file_clearly(capsys, tmp_path):
    from cxmapper.ui.app import run_app

    assert run_app([str(tmp_path / "没有这个.cxmap")]) == 1
    assert "没有这个.cxmap: no such file" in capsys.readouterr().err


def test_inspector_metrics_edit_keeps_answer_distributions(shell):
    from cxmapper.model.document import Metrics

    window, _ = shell
    answers = [0, 0, 1, 0, 0, 2, 3, 5, 10, 20, 9]
    window.push(ed.UpdateCard("c-app", {"metrics": Metrics(nps_answers=answers)}), "Set metrics")
    inspector = window.inspector
    inspector.show_target("card", ["c-app"])
    assert not inspector.card_nps.isEnabled()  # computed from the answers
    inspector.card_csat.setValue(82.5)
    metrics = window.editor.card("c-app").metrics
    assert metrics.csat == 82.5 and metrics.nps_answers == answers
    inspector.card_csat.setValue(inspector.card_csat.minimum())  # back to "not set"
    assert window.editor.card("c-app").metrics.csat is None
    assert window.editor.card("c-app").metrics.nps_answers == answers


def test_outline_drop_event_reorders_lanes(shell, qtbot):
    window, _ = shell
    tree = window.outline.tree
    dragged = window.outline.find_item("lane", "l-pain")
    target = window.outline.find_item("lane", "l-act")
    tree.setCurrentItem(dragged)
    rect = tree.visualItemRect(target)
    mime = QMimeData()
    event = QDropEvent(
        QPoint(rect.center().x(), rect.top() + 1).toPointF(), Qt.DropAction.MoveAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )
    tree.dropEvent(event)
    assert [lane.id for lane in window.editor.doc.lanes] == ["l-pain", "l-act", "l-front", "l-back"]
    qtbot.waitUntil(lambda: tree.topLevelItem(1).child(0).data(0, Qt.ItemDataRole.UserRole + 1) == "l-pain")


def test_a_new_window_holds_a_journey_map_from_the_template(qtbot, monkeypatch, tmp_path):
    window, boxes = open_window(qtbot, monkeypatch, tmp_path)
    kinds = [lane.kind for lane in window.editor.doc.lanes]
    assert LaneKind.EMOTIONS in kinds and LaneKind.BACKSTAGE not in kinds
    assert window.editor.doc.stages and window.editor.doc.personas
    assert window.is_pristine() and not window.isWindowModified()
    assert window.close() and boxes.calls == []


def test_recent_files_menu_lists_and_opens(shell, tmp_path):
    window, _ = shell
    paths = []
    for name in ("一.cxmap", "二.cxmap"):
        path = tmp_path / name
        save_file(sample_document(), path)
        window.settings.add_recent_file(path)
        paths.append(path)
    window._fill_recent_menu()
    entries = [a for a in window.recent_menu.actions() if not a.isSeparator()]
    assert "二.cxmap" in entries[0].text() and "一.cxmap" in entries[1].text()
    entries[1].trigger()
    assert window.path == paths[0].resolve()
    assert window.settings.recent_files()[0] == str(paths[0].resolve())


def test_inspector_map_page_sets_analysis_conventions(shell):
    window, _ = shell
    inspector = window.inspector
    inspector.show_target("map", ())
    combo = inspector.analysis["csat"]
    combo.setCurrentIndex(combo.findData("mean"))
    combo.activated.emit(combo.currentIndex())
    assert window.editor.doc.analysis.csat == "mean"
    window.undo_stack.undo()
    assert combo.currentData() == "top2_percent"


def test_inspector_sets_evidence_of_several_cards_in_one_step(shell):
    window, _ = shell
    inspector = window.inspector
    inspector.show_target("card", ["c-ad", "c-kyc", "c-wait"])
    assert inspector.target_kind == "cards"
    assert inspector.cards_evidence.currentData() == "assumed"
    inspector.cards_evidence.setCurrentIndex(inspector.cards_evidence.findData("observed"))
    inspector.cards_evidence.activated.emit(inspector.cards_evidence.currentIndex())
    assert {window.editor.card(i).evidence for i in ("c-ad", "c-kyc", "c-wait")} == {"observed"}
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert inspector.cards_evidence.currentData() == "assumed"


def test_f3_steps_through_matches_while_typing_in_the_find_bar(shell, qtbot):
    window, _ = shell
    qtbot.waitExposed(window)
    window.registry["find"].trigger()
    seen = []
    window.find_bar.current_changed.connect(seen.append)
    type_chinese(window.find_bar.edit, "审")  # typing shows the first match at once
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_F3)
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_F3)
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert seen == ["c-kyc", "c-fast", "c-kyc", "c-fast", "c-kyc"]
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_inspector_lists_changes_and_removes_a_cards_links(shell):
    window, _ = shell
    inspector = window.inspector
    inspector.show_target("card", ["c-wait"])
    assert [inspector.card_links.item(i).text() for i in range(inspector.card_links.count())] == [
        "← 线上预审 (Addresses)"
    ]
    inspector.card_links.setCurrentRow(0)
    inspector.link_kind.setCurrentIndex(inspector.link_kind.findData("causes"))
    inspector.link_kind.activated.emit(inspector.link_kind.currentIndex())
    assert window.editor.link("k3").kind == "causes"
    assert inspector.card_links.item(0).text() == "← 线上预审 (Causes)"
    inspector.link_remove.click()
    assert "k3" not in {link.id for link in window.editor.doc.links}
    assert inspector.card_links.count() == 0
    window.undo_stack.undo()  # the panel follows undo too
    assert inspector.card_links.count() == 1
