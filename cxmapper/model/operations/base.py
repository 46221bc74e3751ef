"""What every operation shares: ``Operation``, ``Replace``, the ``Update*`` base and helpers.

- ``_Frozen``/``_frozen``: operations are frozen values, equal by class and fields.
- ``Operation``: ``check`` then ``_apply``, returning ``(inverse, record)``.
- The validation helpers that turn a dict or a changed field into a checked model
  object, or an ``EditError`` naming the thing and why.
- ``Replace`` (the inverse of every ``Update*``), ``_Update``, and the map-level edits
  (``UpdateMeta``, ``UpdateAnalysis``, ``SetScale``).

The contract between operations and the editor is in ``model/editor.py``'s docstring;
import the public names from ``cxmapper.model.editor``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from cxmapper.model.changes import EMPTY_RECORD, ChangeRecord, EditError
from cxmapper.model.document import (
    CARD_CLASSES,
    AnalysisSettings,
    Card,
    Curve,
    EmotionScale,
    Lane,
    Link,
    MapMeta,
    Persona,
    Stage,
    Step,
)
from cxmapper.model.validation import UNSAVABLE_REASON, unsavable

if TYPE_CHECKING:
    from cxmapper.model.editor import Editor


_CURVES = (Curve.AS_IS.value, Curve.TO_BE.value)
# Built on its first validation (a card given as a dict), not at import.
_CARD_ADAPTER: TypeAdapter[Card] = TypeAdapter(Card, config=ConfigDict(defer_build=True))


# --- validation helpers -----------------------------------------------------------------


def _explain(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"]) or "value"
        parts.append(f"field {where!r}: {error['msg']}")
    return "; ".join(parts)


def _validated(model: type[BaseModel], data: Any, what: str) -> Any:
    try:
        return _savable(model.model_validate(data), what)
    except ValidationError as exc:
        raise EditError(f"{what}: {_explain(exc)}") from None


def _savable(value: Any, what: str) -> Any:
    """``value``, unless it holds text no file can hold (validation.unsavable)."""
    where = unsavable(value)
    if where is not None:
        raise EditError(f"{what}: {where.removeprefix('$.') or 'the text'} {UNSAVABLE_REASON}")
    return value


def _coerce(model: type[BaseModel] | TypeAdapter, value: Any, what: str) -> Any:
    """A model instance as given, or one validated from a dict."""
    if isinstance(model, TypeAdapter):
        if isinstance(value, tuple(CARD_CLASSES.values())):
            return _savable(value, what)
        try:
            return _savable(model.validate_python(value), what)
        except ValidationError as exc:
            raise EditError(f"{what}: {_explain(exc)}") from None
    if isinstance(value, model):
        return _savable(value, what)
    if isinstance(value, Mapping):
        return _validated(model, value, what)
    raise EditError(f"{what}: expected a {model.__name__}, got {type(value).__name__}")


def _merge(
    old: BaseModel,
    changes: Mapping[str, Any],
    what: str,
    fixed: Mapping[str, str],
    model: type[BaseModel] | None = None,
) -> Any:
    """``old`` with ``changes`` applied, validated by ``model`` (default: old's own).

    ``fixed`` maps fields that may not change here to the hint saying what to use.
    Fields of ``old`` that ``model`` lacks are dropped (a card converted to another kind).
    """
    for name, hint in fixed.items():
        if name in changes and changes[name] != getattr(old, name, None):
            raise EditError(f"{what}: field {name!r} cannot be changed here; {hint}")
    model = model or type(old)
    data = {name: getattr(old, name) for name in type(old).model_fields if name in model.model_fields}
    data.update(changes)
    return _validated(model, data, what)


def _card_label(card: Any) -> str:
    return f"card {card.id!r} ({card.title!r})" if card.title else f"card {card.id!r}"


def _check_index(index: int | None, size: int, what: str) -> None:
    if index is None:
        return
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= size:
        raise EditError(f"{what}: index {index!r} is outside 0…{size}")


def _position(items: list[Any], item_id: str) -> int:
    """Index of the object with that id in a short list (stages, lanes, personas)."""
    for i, item in enumerate(items):
        if item.id == item_id:
            return i
    raise KeyError(item_id)


# --- operations -----------------------------------------------------------------------------


class _Frozen:
    """``__eq__``, ``__hash__`` and ``__repr__`` of a frozen dataclass, written once.

    ``@dataclass`` writes these three (with ``exec``) for every class it decorates: for
    the 34 operation classes, about 7 of the ~24 ms the module took to import at each
    start. ``@_frozen`` (a frozen dataclass without them) plus this base give the same
    results: equal when of the same class with equal fields, hashed by the fields.
    """

    __slots__ = ()

    def _field_values(self) -> tuple:
        return tuple(getattr(self, f.name) for f in fields(self))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._field_values() == other._field_values()

    def __hash__(self) -> int:
        return hash(self._field_values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{self.__class__.__qualname__}({shown})"


_frozen = dataclass(frozen=True, eq=False, repr=False)


class Operation(_Frozen):
    """One checked, invertible edit. Subclasses are frozen dataclasses (``@_frozen``).

    ``check`` raises ``EditError`` and changes nothing; ``apply`` checks, changes the
    document through the editor's primitives and returns ``(inverse, record)``.
    """

    def check(self, editor: Editor) -> None:
        raise NotImplementedError

    def apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        self.check(editor)
        return self._apply(editor)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        raise NotImplementedError


# --- replacing an object in place (the inverse of every Update*) --------------------------


#: The map-level objects, by type, with the MapDocument field (and record id) of each.
_MAP_PARTS: dict[type, str] = {MapMeta: "meta", EmotionScale: "scale", AnalysisSettings: "analysis"}


@_frozen
class Replace(Operation):
    """Put ``item`` in place of the object of that kind with the same id, fields only.

    ``kind`` is one of "stage", "step", "lane", "card", "link", "persona", or "map" with
    a ``MapMeta``, an ``EmotionScale`` or ``AnalysisSettings``. It never moves anything: a card keeps its cell
    and a stage its steps. Every ``Update*`` operation's inverse is a ``Replace`` with
    the old object, so an undo restores it exactly.
    """

    kind: str
    item: Any

    def check(self, editor: Editor) -> None:
        kind, item = self.kind, self.item
        if kind == "map":
            if type(item) not in _MAP_PARTS:
                raise EditError("map: expected a MapMeta, an EmotionScale or AnalysisSettings")
            if isinstance(item, EmotionScale):
                _check_scale_fits(editor, item)
            return
        expected = {
            "stage": Stage, "step": Step, "lane": Lane, "link": Link, "persona": Persona,
            "card": tuple(CARD_CLASSES.values()),
        }.get(kind)
        if expected is None:
            raise EditError(f"cannot replace a {kind!r}")
        if not isinstance(item, expected):
            raise EditError(f"{kind} {getattr(item, 'id', '?')!r}: not a {kind} object")
        old = editor.require(kind, item.id)
        if kind == "card" and (old.lane, old.step) != (item.lane, item.step):
            raise EditError(f"{_card_label(item)}: replacing cannot move a card; use MoveCard")
        if kind == "stage" and [s.id for s in old.steps] != [s.id for s in item.steps]:
            raise EditError(f"stage {item.id!r}: replacing cannot change its steps")
        if kind == "link":
            _check_link_ends(editor, item)
        if kind == "persona":
            editor.check_curves(item, f"persona {item.id!r} ({item.name!r})")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        kind, item = self.kind, self.item
        emotions: frozenset = frozenset()
        if kind == "map":
            name = _MAP_PARTS[type(item)]
            old = getattr(editor.doc, name)
            setattr(editor.doc, name, item)
            return Replace(kind, old), ChangeRecord(updated={"map": {name}})
        if kind == "card":
            old = editor.card(item.id)
            editor.replace_card(item)
        elif kind == "link":
            old = editor.link(item.id)
            editor.replace_link(item)
        elif kind == "stage":
            old = editor.stage(item.id)
            editor.replace_stage(item)
        elif kind == "step":
            stage_id = editor.stage_id_of_step(item.id)
            old = editor.item("step", item.id)

            def put(steps: list[Step]) -> None:
                steps[_position(steps, item.id)] = item

            editor.edit_steps(stage_id, put)
        else:
            old = editor.item(kind, item.id)
            editor.replace_item(kind, item)
            if kind == "persona":
                emotions = _emotion_diff(old, item)
        if old == item and not emotions:
            return Replace(kind, old), EMPTY_RECORD
        return Replace(kind, old), ChangeRecord(updated={kind: {item.id}}, emotions=emotions)


def _emotion_diff(old: Persona, new: Persona) -> frozenset[tuple[str, str, str]]:
    changed = set()
    for curve in _CURVES:
        before = old.curve(curve) or []
        after = new.curve(curve) or []
        if before == after:
            continue
        old_points = {p.step: (i, p) for i, p in enumerate(before)}
        new_points = {p.step: (i, p) for i, p in enumerate(after)}
        for step_id in old_points.keys() | new_points.keys():
            if old_points.get(step_id) != new_points.get(step_id):
                changed.add((new.id, curve, step_id))
    return frozenset(changed)


def _check_scale_fits(editor: Editor, scale: EmotionScale) -> None:
    for persona in editor.doc.personas:
        for curve in _CURVES:
            for point in persona.curve(curve) or ():
                if not scale.contains(point.score):
                    raise EditError(
                        f"scale {scale.min}…{scale.max}: persona {persona.name!r} has the score "
                        f"{point.score} ({curve}) at step {point.step!r}, outside the new scale"
                    )


def _check_link_ends(editor: Editor, link: Link) -> None:
    what = f"link {link.id!r}"
    for end in ("source", "target"):
        card_id = getattr(link, end)
        if not editor.has("card", card_id):
            raise EditError(f"{what}: {end} card {card_id!r} does not exist")
    if link.source == link.target:
        raise EditError(f"{what}: a link cannot join card {link.source!r} to itself")


@_frozen
class _Update(Operation):
    """Change fields of one object: validated by its model, undone by ``Replace``."""

    kind = ""
    _fixed: ClassVar[Mapping[str, str]] = {"id": "ids never change"}  # field -> what to use instead

    def __post_init__(self) -> None:
        # Copy the caller's dict so that changing it afterwards cannot change the operation.
        object.__setattr__(self, "changes", dict(self.changes))  # type: ignore[attr-defined]

    def _target(self, editor: Editor) -> Any:
        # Each subclass names its id field after its kind: UpdateCard.card_id, ...
        return editor.require(self.kind, getattr(self, f"{self.kind}_id"))

    def _what(self, old: Any) -> str:
        return f"{self.kind} {old.id!r}"

    def _new(self, editor: Editor) -> Any:
        old = self._target(editor)
        return _merge(old, self.changes, self._what(old), self._fixed)  # type: ignore[attr-defined]

    def check(self, editor: Editor) -> None:
        Replace(self.kind, self._new(editor)).check(editor)

    def apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        replace = Replace(self.kind, self._new(editor))
        return replace.apply(editor)


# --- map ------------------------------------------------------------------------------------


@_frozen
class _UpdateMapPart(_Update):
    """Change fields of one of the map-level objects (``part`` names the field)."""

    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "map"
    part: ClassVar[str] = ""
    _fixed = {}  # map-level objects have no id

    def _target(self, editor: Editor) -> Any:
        return getattr(editor.doc, self.part)

    def _what(self, old: Any) -> str:
        return f"map {self.part}"


class UpdateMeta(_UpdateMapPart):
    """``UpdateMeta(changes)``: the map's title, description, authors, locale, dates."""

    part = "meta"


class UpdateAnalysis(_UpdateMapPart):
    """``UpdateAnalysis(changes)``: how Kano answers and metrics are evaluated."""

    part = "analysis"


@_frozen
class SetScale(Operation):
    """Change the emotion scale; refused if an existing point would fall outside it."""

    min: int
    max: int

    def _scale(self) -> EmotionScale:
        return _validated(EmotionScale, {"min": self.min, "max": self.max}, "emotion scale")

    def check(self, editor: Editor) -> None:
        Replace("map", self._scale()).check(editor)

    def apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        return Replace("map", self._scale()).apply(editor)
