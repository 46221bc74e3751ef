"""A row that grows or shrinks moves the rows below it: their links are translated,
not re-routed, and the scene still equals a fresh build (issue 6: one edit costs the
same whatever the map's size)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from bench.generate import generate_map
from cxmapper.model.editor import Editor, MoveCard
from cxmapper.ui.canvas import JourneyScene
from cxmapper.ui.commands import push_edit
from tests.ui.test_scene import snapshot


def shown(scene) -> dict:
    return {
        **snapshot(scene),
        "routes": {i.link_id: [tuple(round(v, 3) for v in p) for p in i.route()] for i in scene.link_items()},
        "paths": {i.link_id: tuple(round(v, 3) for v in i.path().boundingRect().getRect()) for i in scene.link_items()},
    }


def fresh(editor) -> dict:
    built = JourneyScene(editor, QUndoStack())
    built.detach()
    return shown(built)


@pytest.fixture
def generated(qapp):
    editor = Editor(generate_map(400, seed=3))
    stack = QUndoStack()
    scene = JourneyScene(editor, stack)
    yield scene
    scene.detach()


def test_links_below_a_resized_row_are_translated_and_match_a_fresh_build(generated):
    scene = generated
    editor, stack, layout = scene.editor, scene.undo_stack, scene.layout
    steps = [s.id for s in layout.steps]
    moves = 0
    for lane in layout.lanes[:-2]:
        count, step_id = max((len(layout.card_ids(lane.id, s.id)), s.id) for s in layout.steps)
        if count < 2:
            continue
        card_id = layout.card_ids(lane.id, step_id)[-1]
        target = steps[(steps.index(step_id) + 1) % len(steps)]
        height = layout.row(lane.id).h
        assert push_edit(stack, editor, MoveCard(card_id, lane.id, target), "移动卡片 move")
        if layout.row(lane.id).h == height:
            continue  # the row kept its height: nothing below moved
        moves += 1
        assert shown(scene) == fresh(editor)
        stack.undo()
        assert shown(scene) == fresh(editor)
        stack.redo()
        assert shown(scene) == fresh(editor)
    assert moves >= 2
    assert scene.stats["links_translated"] > 100  # most links below were only moved
