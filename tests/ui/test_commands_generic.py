"""Every editor operation type, pushed as an undo command, undoes and redoes exactly.

For each public ``Operation`` class of ``cxmapper.model.editor`` there is a case below;
a new operation type without a case fails ``test_every_operation_type_has_a_case``.
"""

from __future__ import annotations

import inspect

import pytest
from PySide6.QtGui import QUndoStack

from cxmapper.model import editor as ed
from cxmapper.model.document import EmotionPoint, Lane, LaneKind, Link, LinkKind, Persona, Stage, Step, make_card
from cxmapper.ui.commands import EditCommand, push_edit

from tests.ui.shell_support import sample_document


def _restore_case(editor):
    # A Restore is what undoes a removal: remove first (setup), then restore is the edit.
    return editor.apply(ed.RemoveStage("st-buy"))


CASES = {
    "UpdateMeta": lambda e: ed.UpdateMeta({"title": "新的标题", "authors": ["王芳"]}),
    "SetScale": lambda e: ed.SetScale(-3, 3),
    "UpdateAnalysis": lambda e: ed.UpdateAnalysis({"kano_table": "pouliot", "csat": "mean"}),
    "AddStage": lambda e: ed.AddStage(Stage(id="st-new", name="忠诚", steps=[Step(id="s-new", name="推荐")]), 1),
    "UpdateStage": lambda e: ed.UpdateStage("st-buy", {"name": "购买", "color": "#ff0000"}),
    "MoveStage": lambda e: ed.MoveStage("st-use", 0),
    "AddStep": lambda e: ed.AddStep("st-aware", Step(id="s-x", name="搜索"), 0),
    "UpdateStep": lambda e: ed.UpdateStep("s1", {"name": "安装", "description": "从应用商店"}),
    "MoveStep": lambda e: ed.MoveStep("s1", "st-use", 0),
    "AddLane": lambda e: ed.AddLane(Lane(id="l-sup", name="支持流程", kind=LaneKind.SUPPORT_PROCESSES), 2),
    "UpdateLane": lambda e: ed.UpdateLane("l-back", {"name": "后台系统"}),
    "MoveLane": lambda e: ed.MoveLane("l-pain", 0),
    "AddPersona": lambda e: ed.AddPersona(Persona(id="p2", name="退休教师", as_is=[EmotionPoint(step="s1", score=-1)])),
    "UpdatePersona": lambda e: ed.UpdatePersona("p1", {"name": "学生", "color": "#00aa00"}),
    "MovePersona": lambda e: ed.MovePersona("p1", 1),
    "SetEmotion": lambda e: ed.SetEmotion("p1", "s1", 2, "顺利", "to_be"),
    "AddCard": lambda e: ed.AddCard(make_card("thought", id="c-new", lane="l-act", step="s2", title="好麻烦"), 0),
    "UpdateCard": lambda e: ed.UpdateCard("c-wait", {"kind": "note", "title": "排队"}),
    "MoveCard": lambda e: ed.MoveCard("c-front", "l-act", "s0", 0),
    "AddLink": lambda e: ed.AddLink(Link(id="k-new", kind=LinkKind.CAUSES, source="c-kyc", target="c-wait")),
    "UpdateLink": lambda e: ed.UpdateLink("k1", {"label": "然后"}),
    "RemoveCard": lambda e: ed.RemoveCard("c-kyc"),
    "RemoveLink": lambda e: ed.RemoveLink("k3"),
    "RemoveLane": lambda e: ed.RemoveLane("l-pain"),
    "RemovePersona": lambda e: ed.RemovePersona("p1"),
    "RemoveStep": lambda e: ed.RemoveStep("s2"),
    "RemoveStage": lambda e: ed.RemoveStage("st-buy"),
    "Replace": lambda e: ed.Replace("card", e.card("c-ad").model_copy(update={"title": "看到朋友圈广告"})),
    "Restore": _restore_case,
    "Batch": lambda e: ed.Batch(
        [ed.MoveCard("c-ad", "l-front", "s1"), ed.UpdateCard("c-ad", {"title": "一起移动"}), ed.RemoveLink("k1")],
        "移动",
    ),
}


def _operation_types() -> set[str]:
    return {
        name
        for name, value in vars(ed).items()
        if inspect.isclass(value)
        and issubclass(value, ed.Operation)
        and value is not ed.Operation
        and not name.startswith("_")
        and value.__module__.startswith(("cxmapper.model.editor", "cxmapper.model.operations."))
    }


def test_every_operation_type_has_a_case():
    assert _operation_types() - set(CASES) == set()
    assert set(CASES) <= _operation_types()  # and the filter above still finds them all


@pytest.mark.parametrize("name", sorted(CASES))
def test_push_undo_redo_restores_the_document(qapp, name):
    editor = ed.Editor(sample_document())
    op = CASES[name](editor)  # may change the document (Restore's setup)
    before = editor.doc.model_dump()
    stack = QUndoStack()
    assert push_edit(stack, editor, op, name)
    applied = editor.doc.model_dump()
    assert applied != before, f"{name} changed nothing"
    stack.undo()
    assert editor.doc.model_dump() == before
    stack.redo()
    assert editor.doc.model_dump() == applied
    stack.undo()
    assert editor.doc.model_dump() == before


def test_merged_typing_is_one_step_and_undoes_to_the_original(qapp):
    editor = ed.Editor(sample_document())
    before = editor.doc.model_dump()
    stack = QUndoStack()
    for text in ("等", "等待", "等待很久"):
        stack.push(EditCommand(editor, ed.UpdateCard("c-wait", {"title": text}), "改标题", merge_key=("title", "c-wait")))
    assert stack.count() == 1
    assert editor.card("c-wait").title == "等待很久"
    stack.undo()
    assert editor.doc.model_dump() == before
    stack.redo()
    assert editor.card("c-wait").title == "等待很久"


def test_a_refused_edit_pushes_nothing(qapp):
    editor = ed.Editor(sample_document())
    stack = QUndoStack()
    assert not push_edit(stack, editor, ed.RemoveCard("no-such-card"), "删除")
    assert stack.count() == 0
