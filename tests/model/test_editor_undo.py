"""Undo for random edit sequences: undoing everything gives back the exact original
document, redoing gives back the exact final one, refused edits change nothing, and the
editor's lookups always equal lookups rebuilt from scratch."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from cxmapper.model.document import (
    CardKind,
    EmotionPoint,
    Lane,
    LaneKind,
    Link,
    LinkKind,
    Persona,
    Stage,
    Step,
    make_card,
)
from cxmapper.model.editor import (
    AddCard,
    AddLane,
    AddLink,
    AddPersona,
    AddStage,
    AddStep,
    Batch,
    EditError,
    Editor,
    MoveCard,
    MoveLane,
    MovePersona,
    MoveStage,
    MoveStep,
    RemoveCard,
    RemoveLane,
    RemoveLink,
    RemovePersona,
    RemoveStage,
    RemoveStep,
    SetEmotion,
    SetScale,
    UpdateCard,
    UpdateLane,
    UpdateLink,
    UpdateMeta,
    UpdatePersona,
    UpdateStage,
    UpdateStep,
)
from tests.model.test_editor import Recorder, assert_indexes_fresh, bank_blueprint
from tests.strategies import documents

MISSING = "x-missing"
# Every strategy is built once, here: a strategy built per draw spends the test's time in
# Hypothesis's validation. Ids are chosen by drawing a number and taking it modulo the
# current list (one past the end is a missing id), so shrinking moves toward the first.
texts = st.text(alphabet="认知考虑办理排队表格焦虑满意客户柜台 abcXYZ", max_size=12)
new_ids = st.integers(0, 40).map(lambda n: f"n{n}")  # small pool: collisions make refusals
indexes = st.none() | st.integers(-1, 6)
positions = st.integers(-1, 8)
numbers = st.integers(0, 1000)
card_kinds = st.sampled_from(list(CardKind))
card_changes = st.fixed_dictionaries(
    {},
    optional={
        "title": texts,
        "kind": st.sampled_from([k.value for k in CardKind]),
        "severity": st.integers(0, 6),
        "tags": st.lists(st.sampled_from(["线上", "线下", "vip"]), max_size=2),
        "fail_point": st.booleans(),
        "color": st.sampled_from(["#aa3322", "红色", None]),
        "evidence": st.sampled_from(["observed", "assumed", "guessed"]),
    },
)
link_changes = st.fixed_dictionaries({}, optional={"label": texts, "kind": st.sampled_from(["flow", "blames"])})
lane_changes = st.fixed_dictionaries({}, optional={"name": texts, "kind": st.sampled_from(["notes", "sideways"])})
persona_changes = st.fixed_dictionaries({}, optional={"name": texts, "color": st.sampled_from(["#123456", "blue"])})
emotion = st.tuples(st.none() | st.integers(-3, 3), st.none() | texts, st.sampled_from(["as_is", "to_be"]))


class Draw:
    """Builds one operation from the editor's current state and Hypothesis draws."""

    def __init__(self, draw, editor: Editor):
        self.draw = draw
        doc = editor.doc
        self.cards = [c.id for c in doc.cards]
        self.links = [k.id for k in doc.links]
        self.stages = [s.id for s in doc.stages]
        self.steps = [s.id for s in doc.steps()]
        self.lanes = [lane.id for lane in doc.lanes]
        self.personas = [p.id for p in doc.personas]

    def pick(self, ids: list[str]) -> str:
        n = self.draw(numbers) % (len(ids) + 1)
        return ids[n] if n < len(ids) else MISSING

    def operation(self, batch: bool = True):
        names = sorted(name for name in dir(self) if name.startswith("op_"))
        if batch:
            names.append("batch")
        return getattr(self, self.draw(st.sampled_from(names)))()

    def batch(self):
        count = self.draw(st.integers(1, 3))
        return Batch([self.operation(batch=False) for _ in range(count)], self.draw(texts))

    def op_add_card(self):
        card = make_card(
            self.draw(card_kinds), id=self.draw(new_ids), lane=self.pick(self.lanes),
            step=self.pick(self.steps), title=self.draw(texts),
        )
        return AddCard(card, self.draw(indexes))

    def op_remove_card(self):
        return RemoveCard(self.pick(self.cards))

    def op_update_card(self):
        return UpdateCard(self.pick(self.cards), self.draw(card_changes))

    def op_move_card(self):
        return MoveCard(self.pick(self.cards), self.pick(self.lanes), self.pick(self.steps), self.draw(indexes))

    def op_add_link(self):
        kind = self.draw(st.sampled_from(list(LinkKind)))
        link = Link(id=self.draw(new_ids), kind=kind, source=self.pick(self.cards), target=self.pick(self.cards))
        return AddLink(link)

    def op_remove_link(self):
        return RemoveLink(self.pick(self.links))

    def op_update_link(self):
        changes = self.draw(link_changes)
        if self.draw(st.booleans()):
            changes["target"] = self.pick(self.cards)
        return UpdateLink(self.pick(self.links), changes)

    def op_add_stage(self):
        steps = [Step(id=self.draw(new_ids), name=self.draw(texts)) for _ in range(self.draw(st.integers(1, 2)))]
        return AddStage(Stage(id=self.draw(new_ids), name=self.draw(texts), steps=steps), self.draw(indexes))

    def op_remove_stage(self):
        return RemoveStage(self.pick(self.stages))

    def op_update_stage(self):
        return UpdateStage(self.pick(self.stages), {"name": self.draw(texts)})

    def op_move_stage(self):
        return MoveStage(self.pick(self.stages), self.draw(positions))

    def op_add_step(self):
        return AddStep(self.pick(self.stages), Step(id=self.draw(new_ids), name=self.draw(texts)), self.draw(indexes))

    def op_remove_step(self):
        return RemoveStep(self.pick(self.steps))

    def op_update_step(self):
        return UpdateStep(self.pick(self.steps), {"name": self.draw(texts)})

    def op_move_step(self):
        return MoveStep(self.pick(self.steps), self.pick(self.stages), self.draw(positions))

    def op_add_lane(self):
        lane = Lane(id=self.draw(new_ids), kind=self.draw(st.sampled_from(list(LaneKind))), name="新泳道")
        return AddLane(lane, self.draw(indexes))

    def op_remove_lane(self):
        return RemoveLane(self.pick(self.lanes))

    def op_update_lane(self):
        return UpdateLane(self.pick(self.lanes), self.draw(lane_changes))

    def op_move_lane(self):
        return MoveLane(self.pick(self.lanes), self.draw(positions))

    def op_add_persona(self):
        points = [
            EmotionPoint(step=self.pick(self.steps), score=self.draw(st.integers(-2, 2)), reason=self.draw(texts))
            for _ in range(self.draw(st.integers(0, 3)))
        ]
        persona = Persona(id=self.draw(new_ids), name=self.draw(texts), as_is=points)
        return AddPersona(persona, self.draw(indexes))

    def op_remove_persona(self):
        return RemovePersona(self.pick(self.personas))

    def op_update_persona(self):
        return UpdatePersona(self.pick(self.personas), self.draw(persona_changes))

    def op_move_persona(self):
        return MovePersona(self.pick(self.personas), self.draw(positions))

    def op_set_emotion(self):
        score, reason, curve = self.draw(emotion)
        return SetEmotion(self.pick(self.personas), self.pick(self.steps), score, reason, curve)

    def op_update_meta(self):
        return UpdateMeta({"title": self.draw(texts)})

    def op_set_scale(self):
        return SetScale(self.draw(st.integers(-3, 1)), self.draw(st.integers(1, 5)))


def apply_or_refuse(editor: Editor, op):
    """Apply ``op``; if refused, check that nothing changed. Returns the inverse or None."""
    before = editor.doc.model_dump()
    recorder = Recorder(editor)
    try:
        inverse = editor.apply(op)
    except EditError:
        assert editor.doc.model_dump() == before
        assert recorder.records == []
        inverse = None
    finally:
        recorder.stop()
    assert len(recorder.records) <= 1
    assert_indexes_fresh(editor)
    return inverse


def undo_all_then_redo_all(data, editor: Editor) -> None:
    original = editor.doc.model_dump()
    forward, inverses = [], []
    for _ in range(data.draw(st.integers(1, 20), label="edits")):
        op = Draw(data.draw, editor).operation()
        inverse = apply_or_refuse(editor, op)
        if inverse is not None:
            forward.append(op)
            inverses.append(inverse)
    final = editor.doc.model_dump()

    for inverse in reversed(inverses):
        editor.apply(inverse)
    assert editor.doc.model_dump() == original
    assert_indexes_fresh(editor)

    for op in forward:
        editor.apply(op)
    assert editor.doc.model_dump() == final
    assert_indexes_fresh(editor)


@given(st.data())
def test_undo_all_then_redo_all(data):
    undo_all_then_redo_all(data, Editor(bank_blueprint()))


@given(documents(max_cards=12), st.data())
def test_undo_all_then_redo_all_on_generated_maps(doc, data):
    undo_all_then_redo_all(data, Editor(doc))


class UndoStack(RuleBasedStateMachine):
    """Edits, undos and redos interleaved as a user does them; each undo gives back the
    exact document from before that edit, each redo the one after it."""

    def __init__(self):
        super().__init__()
        self.editor = Editor(bank_blueprint())
        self.undo_stack: list = []  # (operation to apply to undo, dump before, dump after)
        self.redo_stack: list = []

    @rule(data=st.data())
    def edit(self, data):
        before = self.editor.doc.model_dump()
        inverse = apply_or_refuse(self.editor, Draw(data.draw, self.editor).operation())
        if inverse is not None:
            self.undo_stack.append((inverse, before, self.editor.doc.model_dump()))
            self.redo_stack.clear()

    @precondition(lambda self: self.undo_stack)
    @rule()
    def undo(self):
        inverse, before, after = self.undo_stack.pop()
        assert self.editor.doc.model_dump() == after
        redo = self.editor.apply(inverse)
        assert self.editor.doc.model_dump() == before
        self.redo_stack.append((redo, before, after))

    @precondition(lambda self: self.redo_stack)
    @rule()
    def redo(self):
        redo, before, after = self.redo_stack.pop()
        inverse = self.editor.apply(redo)
        assert self.editor.doc.model_dump() == after
        self.undo_stack.append((inverse, before, after))

    @invariant()
    def lookups_are_current(self):
        assert_indexes_fresh(self.editor)


TestUndoStack = UndoStack.TestCase
TestUndoStack.settings = settings(stateful_step_count=25)  # the rest from the test profile
