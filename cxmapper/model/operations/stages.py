"""Operations on stages and steps: add, update, move (``AddStage`` ... ``MoveStep``).

Moving a step reorders the emotion points of every persona with it; the helpers for
that (``_reorder_points``, ``_put_back_personas``) live here. Removing a stage or step
is in ``model/operations/removal.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import TYPE_CHECKING, Any

from cxmapper.model.changes import EMPTY_RECORD, ChangeRecord, EditError
from cxmapper.model.document import Persona, Stage, Step
from cxmapper.model.operations.base import (
    _CURVES,
    Operation,
    _check_index,
    _coerce,
    _frozen,
    _position,
    _Update,
)
from cxmapper.model.operations.removal import RemoveStage, RemoveStep

if TYPE_CHECKING:
    from cxmapper.model.editor import Editor


# --- stages and steps --------------------------------------------------------------------------


def _check_new_stage(editor: Editor, stage: Stage) -> None:
    what = f"stage {stage.id!r} ({stage.name!r})"
    editor.require_free(stage.id, what)
    seen = {stage.id}
    for step in stage.steps:
        if step.id in seen:
            raise EditError(f"{what}: the id {step.id!r} is used twice")
        seen.add(step.id)
        editor.require_free(step.id, f"{what}, step {step.name!r}")


@_frozen
class AddStage(Operation):
    """Insert a stage (with its steps) at ``index``; None = last."""

    stage: Stage
    index: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "stage", _coerce(Stage, self.stage, "new stage"))

    def check(self, editor: Editor) -> None:
        _check_new_stage(editor, self.stage)
        _check_index(self.index, len(editor.doc.stages), f"stage {self.stage.name!r}")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        index = len(editor.doc.stages) if self.index is None else self.index
        editor.insert_stage(index, self.stage)
        record = ChangeRecord(
            added={"stage": {self.stage.id}, "step": {s.id for s in self.stage.steps}}
        )
        return RemoveStage(self.stage.id), record


@_frozen
class UpdateStage(_Update):
    """Change a stage's name, description or colour (its steps have their own operations)."""

    stage_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "stage"
    _fixed = {"id": "ids never change", "steps": "use AddStep, RemoveStep or MoveStep"}


@_frozen
class AddStep(Operation):
    """Insert a step into a stage at ``index``; None = last."""

    stage_id: str
    step: Step
    index: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "step", _coerce(Step, self.step, "new step"))

    def check(self, editor: Editor) -> None:
        stage = editor.require("stage", self.stage_id, f"step {self.step.name!r}")
        editor.require_free(self.step.id, f"step {self.step.name!r}")
        _check_index(self.index, len(stage.steps), f"step {self.step.name!r}")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        stage = editor.stage(self.stage_id)
        index = len(stage.steps) if self.index is None else self.index
        editor.edit_steps(self.stage_id, lambda steps: steps.insert(index, self.step))
        return RemoveStep(self.step.id), ChangeRecord(added={"step": {self.step.id}})


@_frozen
class UpdateStep(_Update):
    """Change a step's name or description."""

    step_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "step"


def _reorder_points(editor: Editor, step_ids: set[str]) -> tuple[tuple[Persona, ...], frozenset]:
    """After steps moved: move their emotion points so that each curve follows step order.

    Only the points of the moved steps move; the others keep their relative order.
    Returns the replaced persona objects (for the inverse) and the touched points.
    """
    old_personas = []
    touched = set()
    for persona in list(editor.doc.personas):
        update = {}
        for curve in _CURVES:
            points = persona.curve(curve)
            if not points or not any(p.step in step_ids for p in points):
                continue
            kept = [p for p in points if p.step not in step_ids]
            moving = sorted((p for p in points if p.step in step_ids), key=lambda p: editor.column_or_last(p.step))
            for point in moving:
                kept.insert(editor.curve_position(kept, point.step), point)
            touched |= {(persona.id, curve, p.step) for p in moving}
            if kept != points:
                update[curve] = kept
        if update:
            old_personas.append(persona)
            editor.replace_item("persona", persona.model_copy(update=update))
    return tuple(old_personas), frozenset(touched)


def _put_back_personas(editor: Editor, personas: tuple[Persona, ...], step_ids: set[str]):
    """Undo of ``_reorder_points``: the given persona objects replace the current ones."""
    replaced = []
    touched = set()
    for persona in personas:
        replaced.append(editor.persona(persona.id))
        editor.replace_item("persona", persona)
        for curve in _CURVES:
            touched |= {(persona.id, curve, p.step) for p in persona.curve(curve) or () if p.step in step_ids}
    return tuple(replaced), frozenset(touched)


def _check_personas_exist(editor: Editor, personas: tuple[Persona, ...], what: str) -> None:
    for persona in personas:
        editor.require("persona", persona.id, what)


@_frozen
class MoveStage(Operation):
    """Move a stage to ``index`` (its position after the move).

    Emotion points of its steps move with it, so that curves stay in step order.
    ``personas`` is undo data: persona objects to put back as they were.
    """

    stage_id: str
    index: int
    personas: tuple[Persona, ...] = ()

    def check(self, editor: Editor) -> None:
        stage = editor.require("stage", self.stage_id)
        _check_index(self.index, len(editor.doc.stages) - 1, f"stage {stage.name!r}")
        _check_personas_exist(editor, self.personas, f"stage {stage.name!r}")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        old_index, stage = editor.pop_stage(self.stage_id)
        editor.insert_stage(self.index, stage)
        step_ids = {s.id for s in stage.steps}
        if self.personas:
            old_personas, touched = _put_back_personas(editor, self.personas, step_ids)
        else:
            old_personas, touched = _reorder_points(editor, step_ids)
        if old_index == self.index:
            return MoveStage(self.stage_id, old_index, old_personas), EMPTY_RECORD
        record = ChangeRecord(moved={"stage": {stage.id}, "step": step_ids}, emotions=touched)
        return MoveStage(self.stage_id, old_index, old_personas), record


@_frozen
class MoveStep(Operation):
    """Move a step to ``index`` in the stage ``stage_id`` (its position after the move).

    Moving the last step out of a stage is refused (remove the stage instead).
    ``personas`` is undo data, as for ``MoveStage``.
    """

    step_id: str
    stage_id: str
    index: int
    personas: tuple[Persona, ...] = ()

    def check(self, editor: Editor) -> None:
        source, step = editor.step(self.step_id) if editor.has("step", self.step_id) else (None, None)
        if step is None:
            raise EditError(f"step {self.step_id!r} does not exist")
        what = f"step {step.name!r}"
        target = editor.require("stage", self.stage_id, what)
        if target.id == source.id:
            _check_index(self.index, len(target.steps) - 1, what)
        else:
            if len(source.steps) == 1:
                raise EditError(f"{what}: it is the only step of stage {source.name!r}; remove the stage instead")
            _check_index(self.index, len(target.steps), what)
        _check_personas_exist(editor, self.personas, what)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        source, step = editor.step(self.step_id)
        old_index = _position(source.steps, step.id)
        editor.edit_steps(source.id, lambda steps: steps.pop(old_index))
        editor.edit_steps(self.stage_id, lambda steps: steps.insert(self.index, step))
        if self.personas:
            old_personas, touched = _put_back_personas(editor, self.personas, {step.id})
        else:
            old_personas, touched = _reorder_points(editor, {step.id})
        inverse = MoveStep(step.id, source.id, old_index, old_personas)
        if source.id == self.stage_id and old_index == self.index:
            return inverse, EMPTY_RECORD
        return inverse, ChangeRecord(moved={"step": {step.id}}, emotions=touched)
