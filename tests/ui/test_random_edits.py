"""Random sequences of UI-level edits through the undo stack, then undo all and redo all.

Each example takes a generated map (Chinese and English text, Kano answers, every lane
kind), pushes a random sequence of edits the way the window does (``push_edit`` on a
``QUndoStack``: retitles that merge like typing, kind changes, moves and multi-card
drags as one ``Batch``, cards and links added and removed, emotion points, steps added
and removed, stages and lanes moved, with an occasional undo in between), then:

- undo all: the document is identical to the start (``model_dump()``, order included);
- redo all: identical to the end.

With the canvas on the branch, a ``JourneyScene`` follows the editor the whole time,
and after each phase its items are compared with a scene built from scratch on the
same document: the same cards, links and positions (so the incremental updates never
drift from a rebuild).
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QUndoStack

from bench.generate import generate_map
from cxmapper.model.document import CardKind, Link, LinkKind, MapDocument, Step, make_card
from cxmapper.model.editor import (
    AddCard,
    AddLink,
    AddStep,
    Batch,
    Editor,
    MoveCard,
    MoveLane,
    MoveStage,
    RemoveCard,
    RemoveLink,
    RemoveStep,
    SetEmotion,
    UpdateCard,
    UpdateLane,
)
from cxmapper.ui.commands import push_edit
from tests.ui.coords import near

BASE = generate_map(50, seed=21)
TEXTS = st.sampled_from(
    ["排队太久", "柜员核对身份证", "Refund takes two weeks", "App 一键开户 📱", "", "表格太复杂，看不懂", "Mix 中文 and English"]
) | st.text(max_size=30)


def fresh_document() -> MapDocument:
    """A copy of ``BASE`` whose lists the editor may change (the objects are frozen)."""
    lists = {name: list(getattr(BASE, name)) for name in ("personas", "stages", "lanes", "cards", "links")}
    return BASE.model_copy(update=lists)


def draw_edit(data, editor: Editor):
    """One edit as the window would push it: (operation, undo text, merge key)."""
    doc = editor.doc
    steps = doc.steps()
    kind = data.draw(st.sampled_from([
        "retitle", "retitle", "describe", "convert", "move", "move", "drag", "add", "remove",
        "link", "unlink", "emotion", "add_step", "remove_step", "move_stage", "rename_lane", "move_lane",
    ]))
    card = data.draw(st.sampled_from(doc.cards)) if doc.cards else None
    if kind in ("retitle", "describe", "convert", "move", "remove", "drag") and card is None:
        kind = "add"
    if kind == "retitle":
        title = data.draw(TEXTS)
        typing = data.draw(st.booleans())
        return UpdateCard(card.id, {"title": title}), "Edit title", ("title", card.id) if typing else None
    if kind == "describe":
        return UpdateCard(card.id, {"description": data.draw(TEXTS)}), "Edit description", None
    if kind == "convert":
        return UpdateCard(card.id, {"kind": data.draw(st.sampled_from(list(CardKind)))}), "Change kind", None
    if kind in ("move", "drag"):
        lane = data.draw(st.sampled_from(doc.lanes))
        step = data.draw(st.sampled_from(steps))
        if kind == "move":
            index = data.draw(st.none() | st.integers(0, len(editor.cards_in(lane.id, step.id))))
            return MoveCard(card.id, lane.id, step.id, index), "Move card", None
        moved = data.draw(st.lists(st.sampled_from(doc.cards), min_size=2, max_size=5, unique_by=lambda c: c.id))
        return Batch([MoveCard(c.id, lane.id, step.id) for c in moved], "Move cards"), "Move cards", None
    if kind == "add":
        lane = data.draw(st.sampled_from(doc.lanes))
        step = data.draw(st.sampled_from(steps))
        new = make_card(data.draw(st.sampled_from(list(CardKind))), lane=lane.id, step=step.id, title=data.draw(TEXTS))
        index = data.draw(st.none() | st.integers(0, len(editor.cards_in(lane.id, step.id))))
        return AddCard(new, index), "Add card", None
    if kind == "remove":
        return RemoveCard(card.id), "Delete card", None
    if kind == "link" and len(doc.cards) >= 2:
        source, target = data.draw(st.lists(st.sampled_from(doc.cards), min_size=2, max_size=2, unique_by=lambda c: c.id))
        link = Link(kind=data.draw(st.sampled_from(list(LinkKind))), source=source.id, target=target.id, label=data.draw(TEXTS))
        return AddLink(link), "Link cards", None
    if kind == "unlink" and doc.links:
        return RemoveLink(data.draw(st.sampled_from(doc.links)).id), "Delete link", None
    if kind == "emotion" and doc.personas:
        persona = data.draw(st.sampled_from(doc.personas))
        score = data.draw(st.none() | st.integers(doc.scale.min, doc.scale.max))
        curve = data.draw(st.sampled_from(["as_is", "to_be"]))
        return SetEmotion(persona.id, data.draw(st.sampled_from(steps)).id, score, curve=curve), "Set emotion", None
    if kind == "add_step":
        stage = data.draw(st.sampled_from(doc.stages))
        index = data.draw(st.none() | st.integers(0, len(stage.steps)))
        return AddStep(stage.id, Step(name=data.draw(TEXTS)), index), "Add step", None
    if kind == "remove_step":
        return RemoveStep(data.draw(st.sampled_from(steps)).id), "Delete step", None
    if kind == "move_stage":
        stage = data.draw(st.sampled_from(doc.stages))
        return MoveStage(stage.id, data.draw(st.integers(0, len(doc.stages) - 1))), "Move stage", None
    if kind == "rename_lane":
        lane = data.draw(st.sampled_from(doc.lanes))
        return UpdateLane(lane.id, {"name": data.draw(TEXTS)}), "Rename lane", None
    lane = data.draw(st.sampled_from(doc.lanes))
    return MoveLane(lane.id, data.draw(st.integers(0, len(doc.lanes) - 1))), "Move lane", None


def run_random_edits(data, editor: Editor, stack: QUndoStack, after_each=None) -> tuple[dict, dict]:
    """Push random edits; return the document's dump at the start and at the end."""
    start = editor.doc.model_dump()
    pushed = 0
    for _ in range(data.draw(st.integers(1, 25), label="edits")):
        if stack.canUndo() and data.draw(st.integers(0, 9)) == 0:
            stack.undo()  # a change of mind; the next push drops the redo branch
        else:
            op, text, merge_key = draw_edit(data, editor)
            pushed += push_edit(stack, editor, op, text, merge_key=merge_key)
        if after_each is not None:
            after_each()
    while stack.canRedo():
        stack.redo()
    return start, editor.doc.model_dump()


def undo_all_then_redo_all(editor: Editor, stack: QUndoStack, start: dict, end: dict, check=None) -> None:
    while stack.canUndo():
        stack.undo()
    assert editor.doc.model_dump() == start
    if check is not None:
        check()
    while stack.canRedo():
        stack.redo()
    assert editor.doc.model_dump() == end
    if check is not None:
        check()


def edit_undo_redo_checking(data, editor: Editor, stack: QUndoStack, check) -> None:
    """Random edits, then undo all and redo all, with ``check()`` after each phase."""
    start, end = run_random_edits(data, editor, stack)
    check()
    undo_all_then_redo_all(editor, stack, start, end, check=check)


@given(st.data())
@settings(max_examples=40)
def test_undo_all_restores_the_start_and_redo_all_the_end(qapp, data):
    editor, stack = Editor(fresh_document()), QUndoStack()
    start, end = run_random_edits(data, editor, stack)
    undo_all_then_redo_all(editor, stack, start, end)


# --- with the canvas attached ---------------------------------------------------------


def scene_state(scene) -> dict:
    """What must match the document: card items (card, place, size) and link items."""
    cards = {}
    for item in scene.card_items():
        pos = item.scenePos()
        rect = item.rect() if hasattr(item, "rect") else item.boundingRect()
        cards[item.card_id] = (item.card, *near(pos.x(), pos.y(), rect.height()))
    return {"cards": cards, "links": {item.link_id for item in scene.link_items()}}


@given(st.data())
@settings(max_examples=15)
def test_the_scene_follows_random_edits_undo_and_redo(qapp, data):
    scene_module = pytest.importorskip("cxmapper.ui.canvas.scene", reason="the canvas is not on this branch")
    editor, stack = Editor(fresh_document()), QUndoStack()
    scene = scene_module.JourneyScene(editor, stack)

    def matches_a_rebuilt_scene():
        copy = editor.doc.model_copy(update={n: list(getattr(editor.doc, n)) for n in ("personas", "stages", "lanes", "cards", "links")})
        rebuilt = scene_module.JourneyScene(Editor(copy), QUndoStack())
        try:
            assert scene_state(scene) == scene_state(rebuilt)
            visible = {c.id for c in editor.doc.cards if scene.layout.has_card(c.id)}
            assert set(scene_state(scene)["cards"]) == visible
            for card_id, (card, *_place) in scene_state(scene)["cards"].items():
                assert card == editor.card(card_id)
        finally:
            rebuilt.detach()

    try:
        edit_undo_redo_checking(data, editor, stack, matches_a_rebuilt_scene)
    finally:
        scene.detach()


def link_routes(scene) -> dict:
    return {item.link_id: [near(*p) for p in item.route()] for item in scene.link_items()}


@given(st.data())
@settings(max_examples=10)
def test_in_a_small_view_links_routed_in_idle_time_match_a_rebuilt_scene(qapp, data):
    """As above with the scene shown in a view much smaller than the map: links far
    from it are routed in idle time after a row changes height; once idle, every route
    equals a scene built from scratch."""
    from PySide6.QtWidgets import QApplication

    from cxmapper.ui.canvas.scene import JourneyScene
    from cxmapper.ui.canvas.view import JourneyView

    editor, stack = Editor(fresh_document()), QUndoStack()
    scene = JourneyScene(editor, stack)
    view = JourneyView(scene)
    view.resize(320, 240)
    view.show()
    def idle_then_compare():
        deadline = time.monotonic() + 5  # idle turns of a few ms each
        while scene.links_waiting and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.002)
        assert scene.links_waiting == 0
        rebuilt = JourneyScene(Editor(editor.doc), QUndoStack())
        try:
            assert link_routes(scene) == link_routes(rebuilt)
            assert scene_state(scene) == scene_state(rebuilt)
        finally:
            rebuilt.detach()

    try:
        edit_undo_redo_checking(data, editor, stack, idle_then_compare)
    finally:
        view.hide()
        view.setScene(None)
        scene.detach()
        view.deleteLater()
