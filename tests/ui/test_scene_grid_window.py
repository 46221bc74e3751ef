"""A person changes the grid in the shown window, with real keys and mouse: adds a step
with Ctrl+Shift+T (typing its Chinese name), drags a stage header to another place,
drags a step header into another stage, drags a lane header down, removes a step from
the outline with Delete, and undoes with Ctrl+Z. Each time the document, the history
and the canvas agree, the canvas equals a fresh build, the card items are the ones it
had (not recreated) and the scene was not rebuilt; the frozen panes paint scrolled.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from cxmapper.model.fileformat import load_file
from cxmapper.ui.canvas import frozen
from tests.ui.shell_support import open_window
from tests.ui.test_edit_channel import CTRL, SHIFT, click_cell, drag, key, type_chinese
from tests.ui.test_scene_grid import BANK, EXAMPLES, assert_same


def test_grid_gestures_in_the_window_follow_without_a_rebuild(qtbot, monkeypatch, tmp_path):
    doc = load_file(EXAMPLES / BANK)
    window, _boxes = open_window(qtbot, monkeypatch, tmp_path, doc)
    window.resize(1600, 1000)
    qtbot.waitExposed(window)
    window.activateWindow()
    window.view.zoom_reset()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus, timeout=2000)
    scene, view, editor = window.scene, window.view, window.editor
    doc = editor.doc
    items = dict(scene._cards)
    rebuilds = scene.stats["rebuilds"]

    def still_the_same_items() -> None:
        assert all(scene._cards[c] is item for c, item in items.items() if c in scene._cards)
        assert scene.stats["rebuilds"] == rebuilds

    # 1. Ctrl+Shift+T after the first step, its name typed in Chinese.
    stage = doc.stages[0]
    first, second = stage.steps[0].id, stage.steps[1].id if len(stage.steps) > 1 else None
    lane = doc.lanes[0].id
    x_before = {c: item.scene_rect().x() for c, item in items.items()}
    click_cell(window, lane, first)
    assert scene.current_cell() == (lane, first), (scene.current_cell(), [s.name for s in editor.stage(stage.id).steps])
    key(view, Qt.Key.Key_T, CTRL | SHIFT)
    type_chinese(view, "核对身份")
    key(view, Qt.Key.Key_Return)
    new_id = editor.stage(stage.id).steps[1].id
    assert editor.stage(stage.id).steps[1].name == "核对身份"
    assert scene.header_item("step", new_id).name == "核对身份"
    assert scene.current_cell() == (lane, new_id)
    width = scene.layout.style.column_width
    for card_id, item in items.items():  # the cards right of the new column moved one column
        card = editor.card(card_id)
        moved = scene.layout.step_index(card.step) > scene.layout.step_index(new_id)
        assert item.scene_rect().x() == x_before[card_id] + (width if moved else 0), card_id
    still_the_same_items()
    assert_same(scene, "step added")

    # 2. The first stage's header dragged past the third stage.
    headers = scene._stage_headers
    start = headers[stage.id].boundingRect().center()
    third = headers[doc.stages[2].id].boundingRect()
    drag(window, start, QPointF(third.right() - 5, start.y()))
    assert [s.id for s in editor.doc.stages].index(stage.id) == 2
    assert list(scene._stage_headers) == [s.id for s in editor.doc.stages]
    still_the_same_items()
    assert_same(scene, "stage moved")

    # 3. The new step's header dragged into the first stage (now the one at the left).
    target = editor.doc.stages[0]
    left = scene.header_rect("step", target.steps[0].id)
    drag(window, scene.header_rect("step", new_id).center(), QPointF(left.left() + 5, left.center().y()))
    assert editor.step(new_id)[0].id == target.id and editor.stage(target.id).steps[0].id == new_id
    still_the_same_items()
    assert_same(scene, "step moved across stages")

    # 4. The first lane's header dragged below the third lane.
    lanes = [lane.id for lane in scene.layout.lanes]
    third_row = scene.layout.row(lanes[2])
    drag(window, scene.header_rect("lane", lanes[0]).center(), QPointF(60, third_row.bottom - 3))
    assert [lane.id for lane in editor.doc.lanes].index(lanes[0]) == 2
    still_the_same_items()
    assert_same(scene, "lane moved")

    # 5. A step with cards removed from the outline (Delete), then Ctrl+Z on the canvas.
    busy = max(editor.step_ids(), key=lambda s: sum(len(editor.cards_in(lane, s)) for lane in editor.lane_ids()))
    gone = {c for lane in editor.lane_ids() for c in (card.id for card in editor.cards_in(lane, busy))}
    assert gone
    outline = window.outline
    outline.tree.setCurrentItem(outline.find_item("step", busy))
    outline.tree.setFocus()
    qtbot.waitUntil(outline.tree.hasFocus, timeout=2000)
    key(outline.tree, Qt.Key.Key_Delete)
    assert not editor.has("step", busy) and busy not in scene._step_headers
    assert not gone & scene._cards.keys()
    still_the_same_items()
    assert_same(scene, "step removed")
    view.setFocus()
    key(view, Qt.Key.Key_Z, CTRL)
    assert editor.has("step", busy) and gone <= scene._cards.keys()
    assert_same(scene, "removal undone")
    assert scene.stats["rebuilds"] == rebuilds
    stack = window.undo_stack
    labels = [stack.text(i) for i in range(stack.count())]
    assert labels[:5] == ["Add step", "Rename step", "Move stage", "Move step", "Move lane"]
    assert len(labels) == 6 and labels[5].startswith("Remove step") and stack.index() == 5

    # 6. Scrolled right and down: the frozen panes paint the moved headers.
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum() // 2)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    assert frozen.bands(view) is not None
    picture = view.viewport().grab()
    assert not picture.isNull()
    window.undo_stack.setClean()


def test_comment_badges_come_back_with_a_removed_stage_and_step(qtbot, monkeypatch, tmp_path):
    """Threads on a stage and a step, the stage removed, then Ctrl+Z: the headers made
    anew carry their badges again (the window's comment marks follow the record)."""
    from cxmapper.model.comments import AddComment, new_comment
    from cxmapper.model.editor import RemoveStage
    from cxmapper.ui.canvas.items.comment_badge import badge_of
    from cxmapper.ui.commands import push_edit

    doc = load_file(EXAMPLES / BANK)
    window, _boxes = open_window(qtbot, monkeypatch, tmp_path, doc)
    qtbot.waitExposed(window)
    editor, scene, stack = window.editor, window.scene, window.undo_stack
    stage = doc.stages[1]
    step_id = stage.steps[-1].id
    for target in (stage.id, step_id):
        assert push_edit(stack, editor, AddComment(new_comment("要拆开吗？", target, "Ann")), "Add comment")
    assert badge_of(scene.header_item("stage", stage.id)).count == 1
    assert push_edit(stack, editor, RemoveStage(stage.id), "Remove stage")
    assert scene.header_item("stage", stage.id) is None
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus, timeout=2000)
    key(window.view, Qt.Key.Key_Z, CTRL)
    assert editor.has("stage", stage.id)
    assert scene.stats["rebuilds"] == 1  # the first build only
    assert badge_of(scene.header_item("stage", stage.id)).count == 1
    assert badge_of(scene.header_item("step", step_id)).count == 1
    assert_same(scene, "stage back")
    stack.setClean()
