"""Operations on lanes, personas and emotion points (``AddLane`` ... ``SetEmotion``).

Lanes and personas are short ordered lists of the document, added and moved alike
(``_AddItem``, ``_MoveItem``); ``SetEmotion`` sets, changes or clears one point of a
persona's curve. Removing a lane or persona is in ``model/operations/removal.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel

from cxmapper.model.changes import EMPTY_RECORD, ChangeRecord, EditError
from cxmapper.model.document import Curve, EmotionPoint, Lane, Persona
from cxmapper.model.operations.base import (
    _CURVES,
    Operation,
    _check_index,
    _coerce,
    _frozen,
    _Update,
    _validated,
)
from cxmapper.model.operations.removal import RemoveLane, RemovePersona

if TYPE_CHECKING:
    from cxmapper.model.editor import Editor


# --- lanes and personas ------------------------------------------------------------------------


@_frozen
class _AddItem(Operation):
    """Insert a lane or persona at ``index``; None = last. The field is named after the kind."""

    kind = ""
    model: ClassVar[type[BaseModel]] = BaseModel

    def __post_init__(self) -> None:
        object.__setattr__(self, self.kind, _coerce(self.model, self.item, f"new {self.kind}"))

    @property
    def item(self) -> Any:
        return getattr(self, self.kind)  # AddLane.lane, AddPersona.persona

    def check(self, editor: Editor) -> None:
        what = f"{self.kind} {self.item.name!r}"
        editor.require_free(self.item.id, what)
        _check_index(self.index, len(getattr(editor.doc, self.kind + "s")), what)  # type: ignore[attr-defined]
        if self.kind == "persona":
            editor.check_curves(self.item, what)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        index: int | None = self.index  # type: ignore[attr-defined]
        if index is None:
            index = len(getattr(editor.doc, self.kind + "s"))
        editor.insert_item(self.kind, index, self.item)
        inverse = {"lane": RemoveLane, "persona": RemovePersona}[self.kind](self.item.id)
        return inverse, ChangeRecord(added={self.kind: {self.item.id}})


@_frozen
class AddLane(_AddItem):
    """Insert a lane at ``index``; None = last."""

    lane: Lane
    index: int | None = None
    kind = "lane"
    model = Lane


@_frozen
class UpdateLane(_Update):
    """Change a lane's name, kind or description."""

    lane_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "lane"


@_frozen
class _MoveItem(Operation):
    """Move a lane or persona to ``index`` (its position after the move)."""

    kind = ""

    @property
    def item_id(self) -> str:
        return getattr(self, f"{self.kind}_id")  # MoveLane.lane_id, MovePersona.persona_id

    def check(self, editor: Editor) -> None:
        item = editor.require(self.kind, self.item_id)
        size = len(getattr(editor.doc, self.kind + "s")) - 1
        _check_index(self.index, size, f"{self.kind} {item.name!r}")  # type: ignore[attr-defined]

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        index: int = self.index  # type: ignore[attr-defined]
        old_index, item = editor.pop_item(self.kind, self.item_id)
        editor.insert_item(self.kind, index, item)
        inverse = type(self)(self.item_id, old_index)  # type: ignore[call-arg]
        if old_index == index:
            return inverse, EMPTY_RECORD
        return inverse, ChangeRecord(moved={self.kind: {self.item_id}})


@_frozen
class MoveLane(_MoveItem):
    """Move a lane to ``index`` (its position after the move)."""

    lane_id: str
    index: int
    kind = "lane"


@_frozen
class MovePersona(_MoveItem):
    """Reorder the personas: move one to ``index`` (its position after the move)."""

    persona_id: str
    index: int
    kind = "persona"


@_frozen
class AddPersona(_AddItem):
    """Insert a persona (with its curves) at ``index``; None = last."""

    persona: Persona
    index: int | None = None
    kind = "persona"
    model = Persona


@_frozen
class UpdatePersona(_Update):
    """Change a persona's name, description, colour, or whole curves (validated)."""

    persona_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "persona"


@_frozen
class SetEmotion(Operation):
    """Set, change or (score None) clear one emotion point of a persona's curve.

    A new point goes where the step order puts it; a changed point keeps its place;
    ``reason`` None keeps the old reason ("" for a new point). Setting a to-be point when
    the persona has no to-be curve creates the curve. ``position`` and ``drop_curve``
    are undo data: the exact place to put a point back, and whether clearing the last
    to-be point removes the curve again (``to_be=None``).
    """

    persona_id: str
    step_id: str
    score: int | None
    reason: str | None = None
    curve: str = "as_is"
    position: int | None = None
    drop_curve: bool = False

    def check(self, editor: Editor) -> None:
        persona = editor.require("persona", self.persona_id, "emotion point")
        what = f"persona {persona.name!r}"
        if self.curve not in _CURVES:
            raise EditError(f"{what}: unknown curve {self.curve!r}; expected one of {_CURVES}")
        editor.require("step", self.step_id, what)
        what = f"{what}, {self.curve} point at step {editor.item('step', self.step_id).name!r}"
        if self.score is not None:
            if isinstance(self.score, bool) or not isinstance(self.score, int):
                raise EditError(f"{what}: the score must be a whole number, not {self.score!r}")
            scale = editor.doc.scale
            if not scale.contains(self.score):
                raise EditError(f"{what}: score {self.score} is outside the map's scale {scale.min}…{scale.max}")
            _validated(EmotionPoint, {"step": self.step_id, "score": self.score, "reason": self.reason or ""}, what)
            points = persona.curve(self.curve) or []
            exists = any(p.step == self.step_id for p in points)
            _check_index(self.position, len(points) - (1 if exists else 0), what)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        persona = editor.persona(self.persona_id)
        curve_existed = persona.curve(self.curve) is not None
        points = list(persona.curve(self.curve) or [])
        old_position = next((i for i, p in enumerate(points) if p.step == self.step_id), None)
        old = points.pop(old_position) if old_position is not None else None
        if self.score is None:
            if old is None:
                return SetEmotion(self.persona_id, self.step_id, None, curve=self.curve), EMPTY_RECORD
            new_curve: list[EmotionPoint] | None = points
            if self.drop_curve and self.curve == Curve.TO_BE.value and not points:
                new_curve = None
        else:
            reason = self.reason if self.reason is not None else (old.reason if old else "")
            point = EmotionPoint(step=self.step_id, score=self.score, reason=reason)
            if self.position is not None:
                position = self.position
            elif old_position is not None:
                position = old_position
            else:
                position = editor.curve_position(points, self.step_id)
            points.insert(position, point)
            new_curve = points
        editor.replace_item("persona", persona.model_copy(update={self.curve: new_curve}))
        if old is None:
            inverse = SetEmotion(
                self.persona_id, self.step_id, None, curve=self.curve, drop_curve=not curve_existed
            )
        else:
            inverse = SetEmotion(
                self.persona_id, self.step_id, old.score, old.reason, self.curve, position=old_position
            )
        return inverse, ChangeRecord(emotions={(self.persona_id, self.curve, self.step_id)})
