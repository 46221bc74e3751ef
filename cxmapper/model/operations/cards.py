"""Operations on cards and links: ``AddCard``, ``UpdateCard``, ``MoveCard``, ``AddLink``, ``UpdateLink``.

Each stays O(cell): a card's place is its cell position and its flat-list index, both
kept by the editor's primitives. Removing a card or link is in
``model/operations/removal.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import TYPE_CHECKING, Any

from cxmapper.model.changes import EMPTY_RECORD, ChangeRecord, EditError
from cxmapper.model.document import CARD_CLASSES, Card, CardKind, Link
from cxmapper.model.operations.base import (
    _CARD_ADAPTER,
    Operation,
    _card_label,
    _check_index,
    _check_link_ends,
    _coerce,
    _frozen,
    _merge,
    _Update,
)
from cxmapper.model.operations.removal import RemoveCard, RemoveLink

if TYPE_CHECKING:
    from cxmapper.model.editor import Editor


# --- cards and links ------------------------------------------------------------------------------


def _check_cell(editor: Editor, lane_id: str, step_id: str, what: str) -> None:
    if not editor.has("lane", lane_id):
        raise EditError(f"{what}: lane {lane_id!r} does not exist")
    if not editor.has("step", step_id):
        raise EditError(f"{what}: step {step_id!r} does not exist")


@_frozen
class AddCard(Operation):
    """Insert a card at ``index`` within its cell (lane, step); None = last in the cell.

    ``flat_index`` is undo data: the card's exact place in ``doc.cards``.
    """

    card: Card
    index: int | None = None
    flat_index: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "card", _coerce(_CARD_ADAPTER, self.card, "new card"))

    def check(self, editor: Editor) -> None:
        card = self.card
        what = _card_label(card)
        editor.require_free(card.id, what)
        _check_cell(editor, card.lane, card.step, what)
        _check_index(self.index, len(editor.cell_ids((card.lane, card.step))), what)
        _check_index(self.flat_index, editor.card_count(), what)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        card = self.card
        key = (card.lane, card.step)
        cell_index = self.index
        if cell_index is None:
            cell_index = (
                len(editor.cell_ids(key))
                if self.flat_index is None
                else editor.cell_for_flat(key, self.flat_index)
            )
        flat_index = editor.flat_for_cell(key, cell_index) if self.flat_index is None else self.flat_index
        editor.insert_card(flat_index, cell_index, card)
        return RemoveCard(card.id), ChangeRecord(added={"card": {card.id}})


@_frozen
class UpdateCard(_Update):
    """Change a card's fields; ``{"kind": ...}`` converts it to another kind.

    Converting keeps the fields both kinds have and drops those the new kind lacks (a
    pain point's Kano category when it becomes a note). The cell is changed by
    ``MoveCard``, never here.
    """

    card_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "card"
    _fixed = {"id": "ids never change", "lane": "use MoveCard", "step": "use MoveCard"}

    def _what(self, old: Any) -> str:
        return _card_label(old)

    def _new(self, editor: Editor) -> Any:
        old = self._target(editor)
        what = _card_label(old)
        if "kind" not in self.changes or self.changes["kind"] == old.kind:
            return _merge(old, self.changes, what, self._fixed)
        try:
            new_class = CARD_CLASSES[CardKind(self.changes["kind"])]
        except ValueError:
            raise EditError(
                f"{what}: field 'kind': unknown card kind {self.changes['kind']!r}; "
                f"expected one of {[k.value for k in CardKind]}"
            ) from None
        return _merge(old, self.changes, what, self._fixed, new_class)


@_frozen
class MoveCard(Operation):
    """Move a card to ``index`` in the cell (lane_id, step_id); None = last.

    ``index`` is the card's position in the target cell after the move. ``flat_index``
    is undo data: the card's exact place in ``doc.cards`` after the move.
    """

    card_id: str
    lane_id: str
    step_id: str
    index: int | None = None
    flat_index: int | None = None

    def check(self, editor: Editor) -> None:
        card = editor.require("card", self.card_id)
        what = _card_label(card)
        _check_cell(editor, self.lane_id, self.step_id, what)
        cell = editor.cell_ids((self.lane_id, self.step_id))
        size = len(cell) - (1 if (card.lane, card.step) == (self.lane_id, self.step_id) else 0)
        _check_index(self.index, size, what)
        _check_index(self.flat_index, editor.card_count() - 1, what)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        old_flat, old_cell_index, card = editor.pop_card(self.card_id)
        inverse = MoveCard(card.id, card.lane, card.step, old_cell_index, old_flat)
        moved = card.model_copy(update={"lane": self.lane_id, "step": self.step_id})
        key = (self.lane_id, self.step_id)
        cell_index = self.index
        if cell_index is None:
            cell_index = (
                len(editor.cell_ids(key))
                if self.flat_index is None
                else editor.cell_for_flat(key, self.flat_index)
            )
        flat = editor.flat_for_cell(key, cell_index) if self.flat_index is None else self.flat_index
        editor.insert_card(flat, cell_index, moved)
        if (flat, card.lane, card.step) == (old_flat, self.lane_id, self.step_id):
            return inverse, EMPTY_RECORD
        return inverse, ChangeRecord(moved={"card": {card.id}})


@_frozen
class AddLink(Operation):
    """Add a link between two existing, different cards at ``index`` in ``doc.links``; None = last."""

    link: Link
    index: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "link", _coerce(Link, self.link, "new link"))

    def check(self, editor: Editor) -> None:
        editor.require_free(self.link.id, f"link {self.link.id!r}")
        _check_link_ends(editor, self.link)
        _check_index(self.index, editor.link_count(), f"link {self.link.id!r}")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        index = editor.link_count() if self.index is None else self.index
        editor.insert_link(index, self.link)
        return RemoveLink(self.link.id), ChangeRecord(added={"link": {self.link.id}})


@_frozen
class UpdateLink(_Update):
    """Change a link's kind, label, source or target (both ends must exist and differ)."""

    link_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "link"
