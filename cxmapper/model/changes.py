"""What an edit announces, and how it is refused: ``ChangeRecord``, ``EditError``.

``Editor.apply`` calls its subscribers with the ``ChangeRecord`` that each operation
returns (``merge_records`` makes one record of a ``Batch``'s); an operation refuses a bad
edit with an ``EditError`` before anything changes. These live apart from the editor
(``model/editor.py``) and the operations (``model/operations/``) so that both can import
them without importing each other; everyone else imports them from
``cxmapper.model.editor``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


#: The entity kinds a ChangeRecord names. "map" ids are "meta", "scale" and "analysis".
KINDS = ("map", "stage", "step", "lane", "card", "link", "persona", "comment")
_STRUCTURE_KINDS = ("stage", "step", "lane")
_NO_IDS: frozenset[str] = frozenset()


class EditError(ValueError):
    """An edit refused before anything changed; the message names the thing and why."""


# --- change records ---------------------------------------------------------------------


def _kind_map(entries: Mapping[str, Iterable[str]] | None) -> Mapping[str, frozenset[str]]:
    result = dict.fromkeys(KINDS, _NO_IDS)
    for kind, ids in (entries or {}).items():
        if kind not in result:
            raise ValueError(f"unknown entity kind {kind!r}; expected one of {KINDS}")
        result[kind] = frozenset(ids)
    return MappingProxyType(result)


@dataclass(frozen=True)
class ChangeRecord:
    """What one ``Editor.apply`` changed, so that a view redraws only that.

    Every mapping has all ``KINDS`` as keys (an empty frozenset when untouched), so
    ``record.updated["card"]`` never raises. ``updated`` means fields changed in place;
    ``moved`` means the place or order changed (a card to another cell or position, a
    reordered stage). ``emotions`` lists ``(persona_id, curve, step_id)`` for every
    emotion point set, changed, cleared or reordered.

    Trap: a merged record (a ``Batch``) can name an id whose object no longer exists
    (changed, then removed in the same batch is reported as removed only), so a view
    looks the current object up in the editor.
    """

    added: Mapping[str, frozenset[str]] = field(default_factory=dict)
    removed: Mapping[str, frozenset[str]] = field(default_factory=dict)
    updated: Mapping[str, frozenset[str]] = field(default_factory=dict)
    moved: Mapping[str, frozenset[str]] = field(default_factory=dict)
    emotions: frozenset[tuple[str, str, str]] = frozenset()

    def __post_init__(self) -> None:
        for name in ("added", "removed", "updated", "moved"):
            object.__setattr__(self, name, _kind_map(getattr(self, name)))
        object.__setattr__(self, "emotions", frozenset(self.emotions))

    __hash__ = None  # type: ignore[assignment]  # mappings inside: equal, never hashed

    def ids(self, kind: str) -> frozenset[str]:
        """Every id of that kind touched in any way."""
        return self.added[kind] | self.removed[kind] | self.updated[kind] | self.moved[kind]

    @property
    def structure(self) -> bool:
        """True when a stage, step or lane was added, removed or moved: the grid changed."""
        return any(
            self.added[kind] or self.removed[kind] or self.moved[kind] for kind in _STRUCTURE_KINDS
        )

    @property
    def empty(self) -> bool:
        return not self.emotions and not any(
            ids for part in (self.added, self.removed, self.updated, self.moved) for ids in part.values()
        )

    def merged(self, other: ChangeRecord) -> ChangeRecord:
        """This record followed by ``other``, as one.

        Added then removed cancels out; removed then added again (an undo inside a
        batch) is reported as updated and moved, since the object may differ.
        """
        return merge_records((self, other))


def merge_records(records: Iterable[ChangeRecord]) -> ChangeRecord:
    """Records in the order their edits happened, as one (see ``ChangeRecord.merged``).

    Linear in the total size: a Batch of a thousand card edits merges once, not a
    thousand times over a growing record.
    """
    added = {kind: set() for kind in KINDS}
    removed = {kind: set() for kind in KINDS}
    updated = {kind: set() for kind in KINDS}
    moved = {kind: set() for kind in KINDS}
    emotions: set[tuple[str, str, str]] = set()
    for record in records:
        for kind in KINDS:
            a, r, u, m = added[kind], removed[kind], updated[kind], moved[kind]
            for item in record.removed[kind]:
                u.discard(item)
                m.discard(item)
                if item in a:
                    a.discard(item)
                else:
                    r.add(item)
            for item in record.added[kind]:
                if item in r:
                    r.discard(item)
                    u.add(item)
                    m.add(item)
                else:
                    a.add(item)
            u |= record.updated[kind] - a
            m |= record.moved[kind] - a
        emotions |= record.emotions
    return ChangeRecord(added, removed, updated, moved, emotions)


EMPTY_RECORD = ChangeRecord()
