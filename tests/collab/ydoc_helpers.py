"""In-process replicas of one shared map, and a network that delays, reorders and
duplicates their Y updates (for the collab-model tests; no sockets)."""

from __future__ import annotations

import random

from pycrdt import Doc

from cxmapper.collab.ydoc import SharedMap
from cxmapper.model.editor import Editor, Operation
from cxmapper.model.fileformat import dumps
from cxmapper.model.validation import validate_references
from cxmapper.model.document import MapDocument


class Replica:
    """One participant: a Y.Doc, a SharedMap and its editor; ``edit`` returns the Y
    update the edit made (what its provider would send)."""

    def __init__(self, shared: SharedMap) -> None:
        self.shared = shared
        self.editor = shared.editor
        self.removed_cards: set[str] = set()  # removed by this participant's own edits
        self.added_cards: set[str] = set()
        self.remote_records = []
        shared.editor.subscribe(self._seen)

    def _seen(self, record) -> None:
        if self.shared._applying:
            self.remote_records.append(record)
        else:
            self.removed_cards |= record.removed["card"]
            self.added_cards |= record.added["card"]

    @classmethod
    def host(cls, doc: MapDocument) -> Replica:
        return cls(SharedMap.host(Editor(doc), Doc()))

    @classmethod
    def joining(cls, host: Replica) -> Replica:
        ydoc = Doc()
        ydoc.apply_update(host.shared.ydoc.get_update())
        shared, repairs = SharedMap.join(ydoc)
        assert repairs == []
        return cls(shared)

    def edit(self, op: Operation) -> tuple[bytes, Operation]:
        """Apply a local edit; the Y update it made (what a provider sends) and its inverse."""
        before = self.shared.ydoc.get_state()
        inverse = self.editor.apply(op)
        return self.shared.ydoc.get_update(before), inverse


def text_of(doc: MapDocument) -> bytes:
    return dumps(doc)


def assert_valid(doc: MapDocument) -> None:
    assert validate_references(doc) == []
    MapDocument.model_validate_json(dumps(doc))


class Network:
    """Messages between replicas, delivered in a random order, some twice."""

    def __init__(self, replicas: list[Replica], rng: random.Random) -> None:
        self.replicas = replicas
        self.rng = rng
        self.pending: list[tuple[int, bytes]] = []

    def send(self, sender: int, update: bytes) -> None:
        for i in range(len(self.replicas)):
            if i != sender:
                self.pending.append((i, update))

    def deliver_some(self, count: int) -> None:
        for _ in range(min(count, len(self.pending))):
            index = self.rng.randrange(len(self.pending))
            target, update = self.pending[index]
            if self.rng.random() < 0.2:  # duplicated: delivered now and again later
                pass
            else:
                self.pending.pop(index)
            self.replicas[target].shared.receive(update)

    def deliver_all(self) -> None:
        while self.pending:
            self.deliver_some(len(self.pending))
