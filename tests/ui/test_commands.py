"""EditCommand/push_edit: the bridge between QUndoStack and the model's editor."""

from PySide6.QtGui import QUndoStack

from cxmapper.model.document import Lane, LaneKind, MapDocument, Stage, Step, make_card
from cxmapper.model.editor import Editor, MoveCard, UpdateCard
from cxmapper.ui.commands import push_edit
from cxmapper.ui.edit_channel import EditChannel


def _editor():
    doc = MapDocument(
        stages=[Stage(id="s", name="办理", steps=[Step(id="a", name="排队"), Step(id="b", name="填表")])],
        lanes=[Lane(id="l", name="顾客行为", kind=LaneKind.CUSTOMER_ACTIONS)],
        cards=[
            make_card("action", id="c1", lane="l", step="a", title="取号"),
            make_card("action", id="c2", lane="l", step="a", title="等待"),
        ],
    )
    return Editor(doc)


def test_push_undo_redo_round_trip(qapp):
    editor, stack = _editor(), QUndoStack()
    before = editor.doc.model_dump()
    assert push_edit(stack, editor, MoveCard("c1", "l", "b"), "Move card")
    after = editor.doc.model_dump()
    assert editor.card("c1").step == "b" and stack.undoText() == "Move card"
    stack.undo()
    assert editor.doc.model_dump() == before
    stack.redo()
    assert editor.doc.model_dump() == after


def test_typing_in_one_field_merges_into_one_step(qapp):
    editor, stack = _editor(), QUndoStack()
    before = editor.doc.model_dump()
    for text in ("取", "取号", "取号机", "取号机坏了"):
        push_edit(stack, editor, UpdateCard("c1", {"title": text}), "Edit title", merge_key=("title", "c1"))
    push_edit(stack, editor, UpdateCard("c2", {"title": "等"}), "Edit title", merge_key=("title", "c2"))
    assert stack.count() == 2
    stack.undo()
    assert editor.card("c2").title == "等待" and editor.card("c1").title == "取号机坏了"
    stack.undo()
    assert editor.doc.model_dump() == before
    stack.redo()
    assert editor.card("c1").title == "取号机坏了"


def test_refused_edit_pushes_nothing(qapp):
    editor, stack = _editor(), QUndoStack()
    channel = EditChannel(editor, stack)
    reasons = []
    channel.refused.connect(reasons.append)
    assert not channel.push(MoveCard("c1", "no-such-lane", "a"), "Move card")
    assert len(reasons) == 1 and "no-such-lane" in reasons[0]
    assert stack.count() == 0
    assert not push_edit(stack, editor, UpdateCard("c1", {"title": "x" * 10_000}), "Edit title")
    assert stack.count() == 0 and editor.card("c1").title == "取号"
