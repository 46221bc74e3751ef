"""The mapping between a ``MapDocument`` and a Y.Doc (pycrdt): the one place that knows both.

Layout (docs/COLLAB.md, "The Y.Doc"): for each kind of thing an id-keyed ``Y.Map`` of
entries (each a ``Y.Map`` of the thing's ``.cxmap`` fields) and a ``Y.Array`` of ids in
the user's order:

=========  ==========  ====================================================================
entries    order       entry fields
=========  ==========  ====================================================================
``card``   ``cards``   the card's fields (flat card order: cell order is list order)
``stage``  ``stages``  id, name, description, color (no steps: each step names its stage)
``step``   ``steps``   id, name, description, ``stage``; ``steps`` is the column order
``lane``   ``lanes``   the lane's fields
``persona`` ``personas`` id, name, description, color, ``to_be_curve`` (bool), ``points``: a
                       ``Y.Map`` "as_is/STEP" or "to_be/STEP" -> {"score", "reason"}
``link``   ``links``   the link's fields
``comment`` ``comments`` the comment's fields
=========  ==========  ====================================================================

``meta`` is a ``Y.Map`` of ``MapMeta``'s fields; ``settings`` holds ``scale``,
``analysis`` and ``extensions`` as JSON values. Fields named in ``TEXT_FIELDS``
(titles, names, descriptions, comment texts) are ``Y.Text``, so two people typing in
one title merge character by character; every other field is a plain JSON value, last
writer wins per field.

``SharedMap`` binds an ``Editor`` to a ``pycrdt.Doc``:

- local: every record the editor announces (while not applying a remote change) is
  written as ONE Y transaction with origin ``LOCAL`` that touches only the entries the
  record names (and only their fields that differ);
- remote: deep observers collect which entries and orders changed; ``flush()`` (called
  by ``receive``, or by the caller after updates applied elsewhere, see ``on_pending``)
  re-reads only those; when only fields of shown cards or links changed and no repair
  is involved, ONE ``RemoteFieldEdit`` of those ``Replace``s (cost: what changed);
  any other change that makes or undoes no repair, ONE ``RemotePartEdit`` (the
  parts that changed: cards, links, lanes, steps, stages, personas, comments, meta,
  settings; no whole-view build); otherwise it builds the repaired view
  (``repair.ViewBuilder``) and hands ONE operation (``RemoteEdit``) that turns the
  editor's document into the view to ``apply_remote`` (by default ``editor.apply``;
  the window passes its edit channel's push with the initiator "remote
  participant"). Its change record names exactly the ids that changed. The
  operations and the proofs that a change needs no whole view live in
  ``collab/remote.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pycrdt import Array, Doc, Map, Text
from pycrdt import get_update as update_diff
from pydantic_core import from_json

from cxmapper.collab.remote import RemoteEdit, RemoteFieldEdit, RemotePartEdit, changed_parts, differs, fields_only
from cxmapper.collab.repair import KINDS, RECOVERED_LANE, RECOVERED_STAGE, Raw, Repair, ViewBuilder
from cxmapper.model.document import MapDocument, Step
from cxmapper.model.fileformat import collector_paused
from cxmapper.model.editor import EMPTY_RECORD, ChangeRecord, Editor, Operation

#: The initiator the window gives a remote change (the edit channel's fan-out tells
#: views who made a change; a remote one is never put on the person's undo history).
REMOTE_PARTICIPANT = "remote participant"

#: Fields kept as Y.Text (concurrent typing merges); all others are last-writer-wins.
TEXT_FIELDS = frozenset({"title", "name", "description", "text"})
#: The Y root names: kind -> (entries map, order array).
ROOTS = {kind: (kind, kind + "s") for kind in KINDS}


class _Local:
    """The origin of the transactions a ``SharedMap`` writes for its own editor."""

    def __repr__(self) -> str:
        return "LOCAL"


# --- document <-> entries ---------------------------------------------------------------------


def entries_of(doc: MapDocument) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Every entry the Y.Doc holds for ``doc``, by kind, in the user's order."""
    result: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    result["stage"] = [(s.id, _stage_entry(s)) for s in doc.stages]
    result["step"] = [(step.id, _step_entry(step, stage.id)) for stage in doc.stages for step in stage.steps]
    result["lane"] = [(lane.id, lane.model_dump(mode="json")) for lane in doc.lanes]
    result["persona"] = [(p.id, _persona_entry(p)) for p in doc.personas]
    result["card"] = [(c.id, _card_entry(c)) for c in doc.cards]
    result["link"] = [(link.id, link.model_dump(mode="json")) for link in doc.links]
    result["comment"] = [(c.id, c.model_dump(mode="json")) for c in doc.comments]
    return result


#: A card's fields its entry always holds (the others only when not their default).
CARD_KEPT = ("id", "kind", "lane", "step", "title", "description")


def _card_entry(card: Any) -> dict[str, Any]:
    """A card's fields, those at their default left out (a generated 5,000-card map:
    85,000 fields → 46,000, reading the room ~2× as fast, the update a quarter smaller),
    except ``CARD_KEPT`` (the texts stay Y.Text, so typing into an empty title merges).
    Its ``extensions`` as one JSON string: Yjs keeps every JSON number as a double, so
    an integer in a map would come back as a float (``1`` → ``1.0``)."""
    data = card.model_dump(mode="json", exclude_defaults=True)
    for name in CARD_KEPT:
        if name not in data:
            value = getattr(card, name)
            data[name] = value.value if name == "kind" else value
    if card.extensions:
        data["extensions"] = _json_text(data["extensions"])
    return data


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _stage_entry(stage: Any) -> dict[str, Any]:
    data = stage.model_dump(mode="json")
    del data["steps"]
    return data


def _step_entry(step: Step, stage_id: str) -> dict[str, Any]:
    return {**step.model_dump(mode="json"), "stage": stage_id}


def _persona_entry(persona: Any) -> dict[str, Any]:
    points = {}
    for curve in ("as_is", "to_be"):
        for point in persona.curve(curve) or ():
            points[f"{curve}/{point.step}"] = {"score": point.score, "reason": point.reason}
    return {
        "id": persona.id, "name": persona.name, "description": persona.description,
        "color": persona.color, "to_be_curve": persona.to_be is not None, "points": points,
    }


def _settings_of(doc: MapDocument) -> dict[str, Any]:
    return {
        "scale": doc.scale.model_dump(mode="json"),
        "analysis": doc.analysis.model_dump(mode="json"),
        "extensions": _json_text(doc.extensions),
    }


def _prelim(fields: dict[str, Any]) -> Map:
    """A new Y.Map for an entry: texts as Y.Text, persona points as a Y.Map."""
    values = {}
    for key, value in fields.items():
        if key in TEXT_FIELDS and isinstance(value, str):
            values[key] = Text(value)
        elif key == "points" and isinstance(value, dict):
            values[key] = Map(value)
        else:
            values[key] = value
    return Map(values)


def _py(shared: Map | Array) -> Any:
    """A Y.Map or Y.Array as plain data. Through Yrs's JSON (one call into Rust): pycrdt's
    ``to_py`` walks item by item in Python, ~150 times slower on 5,000 ids. Read with
    pydantic-core's JSON reader (Rust; 18 against ``json.loads``'s 46 ms on the 5,000
    cards, the same values). A value nested too deeply to read (a hostile client) gives
    ``UNREADABLE``, which the repair leaves out and reports."""
    try:
        return from_json(str(shared))
    except (RecursionError, ValueError):
        return UNREADABLE


def _entries(root: Map) -> dict[str, Any]:
    """All entries of a root map; when one cannot be read, each entry on its own."""
    value = _py(root)
    if value is UNREADABLE:
        return {key: _py(entry) if isinstance(entry, (Map, Array)) else entry for key, entry in root.items()}
    return value or {}


def _plain(shared: Map | Array, kind: type) -> Any:
    """``_py``, or an empty dict or list when that is not what the shared type holds."""
    value = _py(shared)
    return value if isinstance(value, kind) else kind()


#: What an entry too deeply nested to read becomes (not a dict: the repair drops it).
UNREADABLE = "<nested too deeply to read>"


def _set_text(ytext: Text, new: str) -> None:
    """Make ``ytext`` read ``new`` by deleting and inserting only the part that differs,
    so a concurrent edit elsewhere in the same text survives."""
    old = str(ytext)
    if old == new:
        return
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    # Trap: pycrdt's Y.Text indexes are UTF-8 byte offsets, not Python str indexes; an
    # index inside a multi-byte character (any Chinese one) corrupts the update.
    at = len(old[:start].encode("utf-8"))
    if end_old > start:
        del ytext[at : at + len(old[start:end_old].encode("utf-8"))]
    if end_new > start:
        ytext.insert(at, new[start:end_new])


def _update_entry(ymap: Map, fields: dict[str, Any]) -> None:
    """Write into an existing entry only the fields that differ from ``fields``."""
    current = _plain(ymap, dict)
    for key, value in fields.items():
        if key in TEXT_FIELDS and isinstance(value, str):
            existing = ymap.get(key) if key in current else None
            if isinstance(existing, Text):
                _set_text(existing, value)
            else:
                ymap[key] = Text(value)
        elif key == "points" and isinstance(value, dict):
            points = ymap.get(key) if key in current else None
            if not isinstance(points, Map):
                ymap[key] = Map(value)
                continue
            old = current.get(key) or {}
            for point_key in old.keys() - value.keys():
                del points[point_key]
            for point_key, point in value.items():
                if old.get(point_key) != point:
                    points[point_key] = point
        elif current.get(key, _MISSING) != value or key not in current:
            ymap[key] = value
    for key in current.keys() - fields.keys():
        del ymap[key]


_MISSING = object()
_EMPTY_UPDATE = b"\x00\x00"


def write_document(ydoc: Doc, doc: MapDocument) -> None:
    """Put a whole document into an empty Y.Doc, in one transaction (the host, sharing a map)."""
    with ydoc.transaction(origin="share"):
        for kind, entries in entries_of(doc).items():
            ymap, yarray = (ydoc.get(name, type=t) for name, t in zip(ROOTS[kind], (Map, Array)))
            for item_id, fields in entries:
                ymap[item_id] = _prelim(fields)
            yarray.extend([item_id for item_id, _ in entries])
        meta = ydoc.get("meta", type=Map)
        for key, value in doc.meta.model_dump(mode="json").items():
            meta[key] = Text(value) if key in TEXT_FIELDS else value
        settings = ydoc.get("settings", type=Map)
        for key, value in _settings_of(doc).items():
            settings[key] = value


def read_raw(ydoc: Doc) -> Raw:
    """Everything the Y.Doc holds, as plain data."""
    raw = Raw()
    for kind in KINDS:
        map_name, array_name = ROOTS[kind]
        raw.entries[kind] = _entries(ydoc.get(map_name, type=Map))
        raw.order[kind] = _plain(ydoc.get(array_name, type=Array), list)
    raw.meta = _plain(ydoc.get("meta", type=Map), dict)
    raw.settings = _plain(ydoc.get("settings", type=Map), dict)
    return raw


def document_from_ydoc(ydoc: Doc) -> tuple[MapDocument, list[Repair]]:
    """The repaired document a Y.Doc holds, and what was repaired (joining a session)."""
    room = read_room(ydoc)
    return room.doc, room.repairs


@dataclass
class RoomView:
    """What a synced Y.Doc holds, read and repaired once: the document, the repairs, and
    what ``bind`` needs to keep an editor of exactly this document bound to the Y.Doc
    without reading and validating the room a second time (a window that joins shows
    ``doc``, then binds its editor)."""

    doc: MapDocument
    repairs: list[Repair]
    _builder: ViewBuilder
    _raw: Raw

    def bind(self, editor: Editor, ydoc: Doc, **options: Any) -> SharedMap:
        """A ``SharedMap`` of ``editor`` and ``ydoc`` (the Y.Doc read). The trap: only an
        editor of ``doc`` itself, unchanged, may be bound this way; any other editor is
        bound as ``SharedMap(editor, ydoc)`` binds it, reading the room again."""
        if editor.doc is not self.doc:
            return SharedMap(editor, ydoc, **options)
        return SharedMap(editor, ydoc, _start=(self._builder, self._raw, self.repairs), **options)


def read_room(ydoc: Doc) -> RoomView:
    """Read and repair what a Y.Doc holds, once (joining: ``SharedMap.join``, or a window
    that shows ``doc`` and then ``bind``s its editor)."""
    with collector_paused():  # as load_file: many objects, no cyclic garbage among them
        builder, raw = ViewBuilder(), read_raw(ydoc)
        doc, repairs = builder.build(raw)
    return RoomView(doc, repairs, builder, raw)


# --- the binding ------------------------------------------------------------------------------


@dataclass
class RemoteChange:
    """What one ``flush`` did: the change record (None when nothing changed) and the
    repairs that are new since the last flush (what the window shows)."""

    record: ChangeRecord | None
    repairs: list[Repair] = field(default_factory=list)


class SharedMap:
    """An ``Editor`` and a ``pycrdt.Doc`` kept equal, edit by edit (see the module docstring).

    Create it with ``SharedMap.host(editor, ydoc)`` (the map goes into an empty Y.Doc)
    or ``SharedMap.join(ydoc)`` (the editor is made from what the Y.Doc holds). The
    contract: the editor's document is always ``view(Y.Doc)``; every local change goes
    through the editor (``editor.apply``, or the edit channel), every remote change
    through ``flush``. ``close()`` detaches both sides.

    ``apply_remote(op) -> ChangeRecord | None`` applies the remote operation (default:
    ``editor.apply``); ``on_pending()`` is called when remote changes are waiting for
    ``flush`` (the window schedules ``flush`` on its event loop); ``on_remote(change)``
    after each flush that changed something.
    """

    def __init__(
        self,
        editor: Editor,
        ydoc: Doc,
        *,
        apply_remote: Callable[[Operation], Any] | None = None,
        on_pending: Callable[[], None] | None = None,
        on_remote: Callable[[RemoteChange], None] | None = None,
        _start: tuple[ViewBuilder, Raw, list[Repair]] | None = None,
        _hosting: bool = False,
    ) -> None:
        hosting = _hosting
        self.editor = editor
        self.ydoc = ydoc
        self.origin = _Local()
        self._apply_remote = apply_remote or editor.apply
        self._on_pending = on_pending
        self._on_remote = on_remote
        if _start is None:  # hosting: the editor's document is the view (checked by the tests)
            self._builder, self._raw = ViewBuilder(), read_raw(ydoc)
            if hosting:
                self._builder.seed(self._raw, editor.doc)
            _, repairs = self._builder.build(self._raw)
            self._builder.adopt(editor.doc)
        else:  # joining: the editor's document was built from this Y.Doc just before, once
            self._builder, self._raw, repairs = _start
        self._repairs: set[Repair] = set(repairs)
        self._dirty: dict[str, set[str]] = {kind: set() for kind in KINDS}
        self._dirty_order: set[str] = set()
        self._dirty_parts: set[str] = set()
        self._remote_pending = False
        self._applying = False
        self._waiting: list[bytes] = []  # updates the inbox has not integrated yet
        # see apply_update; made at the first update given to ``apply_update`` (a copy of
        # 5,000 cards costs ~60 ms, and a transport that applies integrated updates to
        # the Y.Doc itself and calls ``flush``, as the session does, never needs it)
        self._inbox: Doc | None = None
        self._reread = False
        self._orders: set[str] = set()  # the order arrays the last refresh re-read
        self._captured: ChangeRecord | None = None
        self.transactions = 0  # local transactions written (tests count them)
        self.remote_changes = 0  # remote changes applied (undo.py rebases after one)
        self._maps = {kind: ydoc.get(ROOTS[kind][0], type=Map) for kind in KINDS}
        self._arrays = {kind: ydoc.get(ROOTS[kind][1], type=Array) for kind in KINDS}
        self._meta = ydoc.get("meta", type=Map)
        self._settings = ydoc.get("settings", type=Map)
        self._subscriptions = []
        for kind in KINDS:
            self._subscriptions.append((self._maps[kind], self._maps[kind].observe_deep(self._entries_changed(kind))))
            self._subscriptions.append((self._arrays[kind], self._arrays[kind].observe_deep(self._order_changed(kind))))
        for name, root in (("meta", self._meta), ("settings", self._settings)):
            self._subscriptions.append((root, root.observe_deep(self._part_changed(name))))
        self._unsubscribe = editor.subscribe(self._local_change)

    @classmethod
    def host(cls, editor: Editor, ydoc: Doc, **options: Any) -> SharedMap:
        """Share an open map: write it into an empty Y.Doc and bind the two."""
        with collector_paused():
            write_document(ydoc, editor.doc)
            return cls(editor, ydoc, _hosting=True, **options)

    @classmethod
    def join(cls, ydoc: Doc, **options: Any) -> tuple[SharedMap, list[Repair]]:
        """Open what a Y.Doc holds (after the first sync): a new editor bound to it."""
        with collector_paused(lasting=True):  # as load_file; and it lasts the session
            room = read_room(ydoc)
            return room.bind(Editor(room.doc), ydoc, **options), room.repairs

    def close(self) -> None:
        self._unsubscribe()
        for root, subscription in self._subscriptions:
            root.unobserve(subscription)
        self._subscriptions = []

    # -- local: editor -> Y ------------------------------------------------------------------

    def _local_change(self, record: ChangeRecord) -> None:
        if self._applying:  # the remote change being applied: already in the Y.Doc
            self._captured = record
            return
        before = self.ydoc.get_state()
        with self.ydoc.transaction(origin=self.origin):
            self._write(record)
            self._write(self._recovered_places())
        self.transactions += 1
        if self._inbox is not None:
            self._inbox.apply_update(self.ydoc.get_update(before))
        if self._repairs:
            # My edit can undo a repair the editor shows (a step put back: its re-homed
            # cards go home in the view): the next flush checks, as for a remote change.
            self._mark()

    def _recovered_places(self) -> ChangeRecord:
        """The repair's "Recovered" places that the editor shows but the Y.Doc does not
        hold yet, as a record to write: the first local edit after a repair makes them
        real (every replica writes the same ids, so two such writes merge)."""
        doc, added = self.editor.doc, {"stage": set(), "step": set(), "lane": set()}
        if RECOVERED_LANE not in self._maps["lane"] and any(lane.id == RECOVERED_LANE for lane in doc.lanes):
            added["lane"].add(RECOVERED_LANE)
        for stage in doc.stages:
            if stage.id == RECOVERED_STAGE and (
                RECOVERED_STAGE not in self._maps["stage"]
                or any(self._raw_stage_of(step.id) != RECOVERED_STAGE for step in stage.steps)
            ):
                added["stage"].add(RECOVERED_STAGE)
                added["step"] |= {step.id for step in stage.steps}
        return ChangeRecord(added=added) if any(added.values()) else EMPTY_RECORD

    def _raw_stage_of(self, step_id: str) -> str | None:
        entry = self._maps["step"].get(step_id) if step_id in self._maps["step"] else None
        return entry.get("stage") if isinstance(entry, Map) and "stage" in entry else None

    def _write(self, record: ChangeRecord) -> None:
        doc = self.editor.doc
        for name in record.updated["map"]:
            if name == "meta":
                _update_entry(self._meta, doc.meta.model_dump(mode="json"))
            elif name in ("scale", "analysis"):
                value = getattr(doc, name).model_dump(mode="json")
                if self._settings.get(name) != value:
                    self._settings[name] = value
        personas = record.ids("persona") | {persona_id for persona_id, _, _ in record.emotions}
        touched = {kind: record.ids(kind) for kind in KINDS}
        touched["persona"] = personas
        if any(touched.values()):
            current = entries_current(doc, touched)
            for kind in KINDS:
                if touched[kind]:
                    self._write_kind(kind, touched[kind], current[kind], record)

    def _write_kind(self, kind: str, ids: set[str], current: dict[str, tuple[int, dict, str]], record: ChangeRecord) -> None:
        ymap, yarray = self._maps[kind], self._arrays[kind]
        order = _plain(yarray, list)
        placed = record.added[kind] | record.moved[kind]
        for item_id in sorted(ids, key=lambda i: current[i][0] if i in current else -1):
            if item_id not in current:
                if item_id in ymap:
                    del ymap[item_id]
                _remove_all(yarray, order, item_id)
                continue
            _, fields, _ = current[item_id]
            existing = ymap.get(item_id) if item_id in ymap else None
            if isinstance(existing, Map):
                _update_entry(existing, fields)
            else:
                ymap[item_id] = _prelim(fields)
            if item_id in placed or item_id not in order:
                self._place(kind, item_id, current, yarray, order)

    def _place(self, kind: str, item_id: str, current: dict, yarray: Array, order: list) -> None:
        """Put ``item_id`` in the order array right after its predecessor in the editor's
        order (for steps: within its stage), or before its successor, or last."""
        _remove_all(yarray, order, item_id)
        before, after = _neighbours(self.editor.doc, kind, item_id)
        for neighbour in before:
            if neighbour in order:
                index = order.index(neighbour) + 1
                break
        else:
            index = next((order.index(n) for n in after if n in order), len(order))
        yarray.insert(index, item_id)
        order.insert(index, item_id)

    # -- remote: Y -> editor ---------------------------------------------------------------------

    def _mark(self) -> None:
        if not self._remote_pending:
            self._remote_pending = True
            if self._on_pending is not None:
                self._on_pending()

    def _entries_changed(self, kind: str) -> Callable:
        def observe(events: list) -> None:
            dirty = self._dirty[kind]
            remote = False
            for event in events:
                remote = remote or event.transaction.origin is not self.origin
                if event.path:
                    dirty.add(event.path[0])
                    continue
                try:
                    dirty.update(event.keys)
                except BaseException:  # noqa: BLE001 - Yrs 0.28 can panic here (pyo3 PanicException)
                    # seen when an entry arrives late (out-of-order updates): read it all again
                    self._reread = True
            if remote:
                self._mark()

        return observe

    def _order_changed(self, kind: str) -> Callable:
        def observe(events: list) -> None:
            self._dirty_order.add(kind)
            if any(event.transaction.origin is not self.origin for event in events):
                self._mark()

        return observe

    def _part_changed(self, name: str) -> Callable:
        def observe(events: list) -> None:
            self._dirty_parts.add(name)
            if any(event.transaction.origin is not self.origin for event in events):
                self._mark()

        return observe

    def receive(self, update: bytes) -> RemoteChange:
        """Apply an update from another replica and bring the editor up to date."""
        self.apply_update(update)
        return self.flush()

    def apply_update(self, update: bytes) -> None:
        """Take an update from another replica (the transport calls this, or ``receive``).

        Traps of pycrdt 0.14 / Yrs 0.28 met with out-of-order input (an update before
        one it depends on): the early update is kept pending but not always integrated
        when the missing one arrives, and integrating it late can panic inside the
        observers' event (``MapEvent.keys``). So updates go first into an inbox Y.Doc
        without observers, which is given every update again after each later one
        until its state covers them all (applying an update twice changes nothing);
        the shared Y.Doc then receives only the inbox's integrated difference, which
        never depends on anything missing.
        """
        if self._inbox is None:
            self._inbox = Doc()
            self._inbox.apply_update(self.ydoc.get_update())
        inbox = self._inbox
        in_order = not self._waiting
        inbox.apply_update(update)
        if not _covered(inbox, update):
            self._waiting.append(update)
        elif self._waiting:
            # something new arrived: retry the waiting ones while that integrates more
            while True:
                for waiting in self._waiting:
                    inbox.apply_update(waiting)
                left = [waiting for waiting in self._waiting if not _covered(inbox, waiting)]
                if len(left) == len(self._waiting):
                    break
                self._waiting = left
        difference = inbox.get_update(self.ydoc.get_state())
        if difference != _EMPTY_UPDATE:
            if not (in_order and not self._waiting):
                # Out-of-order input: Yrs's events for what integrates late are not
                # reliable (changes inside a new entry, keys of a deletion); the next
                # flush reads the Y.Doc again instead of trusting them.
                self._reread = True
                self._remote_pending = True
            try:
                self.ydoc.apply_update(difference)
            except BaseException as exc:  # noqa: BLE001
                # pyo3's PanicException (a BaseException): Yrs 0.28 can panic while
                # describing a late-integrated change to the observers (MapEvent.keys).
                # The update is integrated by then; read the Y.Doc again.
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                self._reread = True
                self._remote_pending = True

    def flush(self) -> RemoteChange:
        """Bring the editor to the repaired view of the Y.Doc, as one remote operation.

        The common remote edit changes fields of a few cards or links (a title typed, a
        colour, a severity): when that is all that changed, and it changes no repair,
        the operation is those ``Replace``s (``RemoteFieldEdit``), worked out from the
        changed entries alone (even when something elsewhere is shown repaired). Any
        other change that makes or undoes no repair (a card moved, added or removed, a
        link, a lane, a step, a stage, a persona's points, a comment, the meta or the
        settings) is ``RemotePartEdit``: the editor converges to a target holding only
        the parts that changed (``remote.changed_parts`` proves it). Only what could
        need a repair builds the whole repaired view and converges to it."""
        touched = self._refresh_raw()
        if not self._remote_pending:
            return RemoteChange(None)
        self._remote_pending = False
        new_repairs: list[Repair] = []
        operation: RemoteEdit | None = None
        editor, builder, raw = self.editor, self._builder, self._raw
        replaced = target = None
        if touched is not None:
            changed, orders, parts = touched
            if not orders and not parts:
                replaced = fields_only(editor, builder, raw, changed)
            if replaced is None:
                target = changed_parts(editor, builder, raw, self._repairs, changed, orders, parts)
        if replaced is not None:
            if replaced:
                operation = RemoteFieldEdit(None, tuple(replaced))
        elif target is not None:
            if target.differs(editor.doc):
                operation = RemotePartEdit(None, target)
        else:
            view, repairs = self._builder.build(self._raw)
            new_repairs = [r for r in repairs if r not in self._repairs]
            self._repairs = set(repairs)
            if differs(self.editor.doc, view):
                operation = RemoteEdit(view)
        record = None
        if operation is not None:
            self._applying = True
            self._captured = None
            try:
                self._apply_remote(operation)
            finally:
                self._applying = False
            record = self._captured
            self.remote_changes += 1
        change = RemoteChange(record, new_repairs)
        if self._on_remote is not None and (record is not None or new_repairs):
            self._on_remote(change)
        return change

    def _refresh_raw(self) -> tuple[dict[str, set[str]], set[str], set[str]] | None:
        """Re-read what changed into ``self._raw``: the ids of the entries re-read, by
        kind, the order arrays re-read and the parts ("meta", "settings"); None after a
        full re-read (the events were not trusted: nothing is known of what changed)."""
        if self._reread:
            self._reread = False
            self._raw = read_raw(self.ydoc)
            for dirty in self._dirty.values():
                dirty.clear()
            self._dirty_order.clear()
            self._dirty_parts.clear()
            return None
        touched = ({kind: set(self._dirty[kind]) for kind in KINDS}, set(self._dirty_order), set(self._dirty_parts))
        raw = self._raw
        for kind in KINDS:
            ymap = self._maps[kind]
            for item_id in self._dirty[kind]:
                if item_id in ymap:
                    value = ymap.get(item_id)
                    raw.entries[kind][item_id] = _py(value) if isinstance(value, Map) else value
                else:
                    raw.entries[kind].pop(item_id, None)
            self._dirty[kind].clear()
        for kind in self._dirty_order:
            raw.order[kind] = _plain(self._arrays[kind], list)
        self._dirty_order.clear()
        if "meta" in self._dirty_parts:
            raw.meta = _plain(self._meta, dict)
        if "settings" in self._dirty_parts:
            raw.settings = _plain(self._settings, dict)
        self._dirty_parts.clear()
        return touched

    def view(self) -> tuple[MapDocument, list[Repair]]:
        """The repaired document the Y.Doc holds now, read afresh (for tests and checks)."""
        return ViewBuilder().build(read_raw(self.ydoc))


def _covered(ydoc: Doc, update: bytes) -> bool:
    """Whether ``ydoc`` holds every item ``update`` inserts: the part of the update its
    state vector does not cover has no structs (an update starts with their client count)."""
    return update_diff(update, ydoc.get_state())[:1] == b"\x00"


def _remove_all(yarray: Array, order: list, item_id: str) -> None:
    for index in range(len(order) - 1, -1, -1):
        if order[index] == item_id:
            del yarray[index]
            del order[index]


def entries_current(doc: MapDocument, touched: dict[str, set[str]]) -> dict[str, dict[str, tuple[int, dict, str]]]:
    """For the touched ids that exist in ``doc``: (position in the user's order, entry fields)."""
    result: dict[str, dict[str, tuple[int, dict, str]]] = {kind: {} for kind in KINDS}
    if touched["stage"]:
        for i, stage in enumerate(doc.stages):
            if stage.id in touched["stage"]:
                result["stage"][stage.id] = (i, _stage_entry(stage), "")
    if touched["step"]:
        column = 0
        for stage in doc.stages:
            for step in stage.steps:
                if step.id in touched["step"]:
                    result["step"][step.id] = (column, _step_entry(step, stage.id), stage.id)
                column += 1
    for kind, items, dump in (
        ("lane", doc.lanes, lambda x: x.model_dump(mode="json")),
        ("persona", doc.personas, _persona_entry),
        ("card", doc.cards, _card_entry),
        ("link", doc.links, lambda x: x.model_dump(mode="json")),
        ("comment", doc.comments, lambda x: x.model_dump(mode="json")),
    ):
        ids = touched[kind]
        if ids:
            for i, item in enumerate(items):
                if item.id in ids:
                    result[kind][item.id] = (i, dump(item), "")
    return result


def _neighbours(doc: MapDocument, kind: str, item_id: str) -> tuple[list[str], list[str]]:
    """The ids before ``item_id`` (nearest first) and after it, in the editor's order."""
    if kind == "step":
        for stage in doc.stages:
            ids = [step.id for step in stage.steps]
            if item_id in ids:
                break
        else:
            return [], []
    else:
        items = {"stage": doc.stages, "lane": doc.lanes, "persona": doc.personas, "card": doc.cards,
                 "link": doc.links, "comment": doc.comments}[kind]
        ids = [item.id for item in items]
    index = ids.index(item_id)
    return ids[:index][::-1], ids[index + 1:]


__all__ = [
    "REMOTE_PARTICIPANT",
    "ROOTS",
    "TEXT_FIELDS",
    "RemoteChange",
    "RemoteEdit",
    "RemoteFieldEdit",
    "RemotePartEdit",
    "RoomView",
    "SharedMap",
    "document_from_ydoc",
    "entries_of",
    "read_raw",
    "read_room",
    "write_document",
]
