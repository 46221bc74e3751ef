"""Joining a room builds exactly the view entry-by-entry validation builds, hostile or not.

``SharedMap.join`` validates the entries of a kind as lists (``ViewBuilder._prevalidate``,
with the card defaults ``tags`` and ``extensions`` given before pydantic fills them) and
falls back to one entry at a time where a list is refused. The oracle here is the
path with no lists at all (every entry through ``ViewBuilder._object``, the rules of
docs/COLLAB.md): on rooms with random hostile entries among valid ones, both give the
same document, byte for byte, and the same repairs in the same order, and every
replica that joins the same room computes the same.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pycrdt import Array, Doc, Map, Text

from bench.generate import generate_map
from cxmapper.collab import repair
from cxmapper.collab.repair import ViewBuilder
from cxmapper.collab.ydoc import SharedMap, read_raw, write_document
from cxmapper.model.document import MAX_NAME, MAX_TEXT
from cxmapper.model.fileformat import dumps
from tests.collab.ydoc_helpers import assert_valid

MAP = generate_map(120, seed=5)
CARD_IDS = [card.id for card in MAP.cards]
LINK_IDS = [link.id for link in MAP.links]


def _deep(levels: int) -> dict:
    node: dict = {}
    top = node
    for _ in range(levels):
        node["x"] = {}
        node = node["x"]
    return top


#: What a hostile, buggy or foreign client can leave in a card entry: (name, change).
#: Each change gets the card's Y.Map and writes around the editor.
CARD_CHANGES = {
    "unknown kind": lambda m: m.__setitem__("kind", "spaceship"),
    "severity a word": lambda m: m.__setitem__("severity", "very"),
    "title over the limit": lambda m: m["title"].insert(0, "长" * MAX_NAME),
    "description over the limit": lambda m: m.__setitem__("description", Text("d" * (MAX_TEXT + 3))),
    "an empty tag": lambda m: m.__setitem__("tags", ["ok", ""]),
    "tags null": lambda m: m.__setitem__("tags", None),
    "tags given, empty": lambda m: m.__setitem__("tags", []),
    "extensions as JSON text": lambda m: m.__setitem__("extensions", json.dumps({"jira": {"issue": 4711}})),
    "extensions not JSON": lambda m: m.__setitem__("extensions", "{not json"),
    "extensions as a map": lambda m: m.__setitem__("extensions", {"tool": "miro"}),
    "extensions empty map": lambda m: m.__setitem__("extensions", {}),
    "extensions too deep": lambda m: m.__setitem__("extensions", json.dumps(_deep(40))),
    "another id inside": lambda m: m.__setitem__("id", "someone-else"),
    "no id inside": lambda m: "id" in m and m.pop("id"),
    "a wait without its point": lambda m: (m.__setitem__("wait_minutes", 5.0), m.__setitem__("wait_point", False)),
    "metrics with no answers": lambda m: m.__setitem__("metrics", {"nps_answers": [0] * 11}),
    "a colour that is not one": lambda m: m.__setitem__("color", "red"),
    "a field no card has": lambda m: m.__setitem__("spaceship", True),
    "a lane that is gone": lambda m: m.__setitem__("lane", "lane-nowhere"),
}


def _room(card_changes: list[tuple[int, str]], link_breaks: list[int], plain_entries: list[int]) -> Doc:
    """The map's room after a hostile client wrote ``card_changes`` (card index, change),
    broke the links at ``link_breaks`` and replaced cards at ``plain_entries`` by a
    plain value; delivered to a new participant as one update, as a join is."""
    ydoc = Doc()
    write_document(ydoc, MAP)
    cards, links = ydoc.get("card", type=Map), ydoc.get("link", type=Map)
    with ydoc.transaction():
        for index, change in card_changes:
            CARD_CHANGES[change](cards[CARD_IDS[index]])
        for index in link_breaks:
            links[LINK_IDS[index % len(LINK_IDS)]]["kind"] = "telepathy"
        for index in plain_entries:
            cards[CARD_IDS[index]] = "not an entry"
        cards["late-card"] = Map({"id": "late-card", "kind": "note", "lane": MAP.lanes[0].id,
                                  "step": MAP.stages[0].steps[0].id, "title": Text("不在顺序里")})
        ydoc.get("cards", type=Array).append(CARD_IDS[3])  # one id twice in the order
    joined = Doc()
    joined.apply_update(ydoc.get_update())
    return joined


def _one_by_one(ydoc: Doc, monkeypatch) -> tuple[bytes, list]:
    with monkeypatch.context() as patch:
        patch.setattr(repair, "_list_adapter", lambda kind: None)
        doc, repairs = ViewBuilder().build(read_raw(ydoc))
    return dumps(doc), repairs


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    card_changes=st.lists(
        st.tuples(st.integers(0, len(CARD_IDS) - 1), st.sampled_from(sorted(CARD_CHANGES))), max_size=12
    ),
    link_breaks=st.lists(st.integers(0, 10_000), max_size=3),
    plain_entries=st.lists(st.integers(0, len(CARD_IDS) - 1), max_size=2),
)
def test_joining_gives_the_view_and_repairs_of_entry_by_entry_validation(card_changes, link_breaks, plain_entries, monkeypatch):
    room = _room(card_changes, link_breaks, plain_entries)
    expected, expected_repairs = _one_by_one(room, monkeypatch)

    shared, repairs = SharedMap.join(room)
    try:
        assert dumps(shared.editor.doc) == expected
        assert repairs == expected_repairs  # the same repairs, in the same order
        assert_valid(shared.editor.doc)
        # a second participant joining the same room computes the same
        other = Doc()
        other.apply_update(room.get_update())
        second, second_repairs = SharedMap.join(other)
        assert dumps(second.editor.doc) == expected and second_repairs == repairs
        second.close()
        # and the bound replica goes on from there: its view read afresh is the same
        view, view_repairs = shared.view()
        assert dumps(view) == expected and view_repairs == repairs
    finally:
        shared.close()


def test_every_hostile_change_at_once_still_builds_the_same_view(monkeypatch):
    """All the changes on different cards in one room: many lists refused and split."""
    changes = [(i * 5, name) for i, name in enumerate(sorted(CARD_CHANGES))]
    room = _room(changes, [0, 7], [len(CARD_IDS) - 1])
    expected, expected_repairs = _one_by_one(room, monkeypatch)
    shared, repairs = SharedMap.join(room)
    assert dumps(shared.editor.doc) == expected and repairs == expected_repairs
    rules = {(r.id, r.rule) for r in repairs}
    for index, name in changes:
        card_id = CARD_IDS[index]
        if name in ("title over the limit", "description over the limit"):
            assert (card_id, "text-limit") in rules, name
        elif name in ("unknown kind", "severity a word", "an empty tag", "tags null", "extensions not JSON",
                      "extensions too deep", "a wait without its point", "metrics with no answers",
                      "a colour that is not one", "a field no card has"):
            assert (card_id, "invalid") in rules and not shared.editor.has("card", card_id), name
        elif name == "a lane that is gone":
            assert (card_id, "re-homed") in rules, name
        else:  # taken as they are: the id of the key, a foreign client's extensions, defaults given
            assert shared.editor.has("card", card_id) and not any(r.id == card_id for r in repairs), name
    assert shared.editor.card(CARD_IDS[changes[[n for _, n in changes].index("extensions as JSON text")][0]]).extensions == {"jira": {"issue": 4711}}
    assert_valid(shared.editor.doc)
    shared.close()


def test_a_clean_room_is_validated_as_lists_not_entry_by_entry(monkeypatch):
    """The fast path is taken: no card or link of a clean room is validated on its own."""
    singles: list[str] = []
    original = ViewBuilder._validate

    def validate(builder, kind, item_id, fields, notes):
        singles.append(kind)
        return original(builder, kind, item_id, fields, notes)

    monkeypatch.setattr(ViewBuilder, "_validate", validate)
    shared, repairs = SharedMap.join(_room([], [], []))
    assert len(shared.editor.doc.cards) == len(CARD_IDS) + 1 and len(shared.editor.doc.links) == len(LINK_IDS)
    assert "card" not in singles and "link" not in singles
    # only the order: one id twice, one entry missing from the order (put last)
    assert [(r.id, r.rule) for r in repairs] == [(CARD_IDS[3], "order"), ("late-card", "order")]
    shared.close()


def test_a_room_read_once_binds_the_editor_of_its_document_without_reading_again(monkeypatch):
    """A window that joins shows ``read_room``'s document and binds its editor to the
    room: one read of the Y.Doc, one validation; remote edits then reach that editor."""
    from cxmapper.collab import ydoc as ydoc_module
    from cxmapper.collab.ydoc import read_room
    from cxmapper.model.editor import Editor, UpdateCard

    host_doc = Doc()
    write_document(host_doc, MAP)
    host = SharedMap(Editor(MAP), host_doc)
    joined = Doc()
    joined.apply_update(host_doc.get_update())
    reads = []
    original = ydoc_module.read_raw
    monkeypatch.setattr(ydoc_module, "read_raw", lambda doc: reads.append(doc) or original(doc))

    room = read_room(joined)
    editor = Editor(room.doc)  # what the window makes of it
    shared = room.bind(editor, joined)
    assert len(reads) == 1 and shared.editor is editor
    assert dumps(editor.doc) == dumps(MAP)

    before = host_doc.get_state()
    host.editor.apply(UpdateCard(CARD_IDS[0], {"title": "远程改的标题"}))
    shared.receive(host_doc.get_update(before))
    assert editor.card(CARD_IDS[0]).title == "远程改的标题"
    assert dumps(editor.doc) == dumps(shared.view()[0])

    # an editor of another document is bound the ordinary way: the room is read again
    read_so_far = len(reads)
    other = Editor(shared.view()[0])
    again = room.bind(other, joined)
    assert len(reads) == read_so_far + 2 and again.editor is other  # the view, then the bind's own read
    again.close(), shared.close(), host.close()
