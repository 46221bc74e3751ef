"""The remote path in proportion to what changed, joining with one validation, and
integers in a card's extensions that stay integers (issue 14, collab-speed).

A remote edit of fields only is applied without building the whole view (the build is
watched here: it must not run), and every replica still ends equal to the view read
afresh from its Y.Doc; anything more (a move, a repair) takes the full path, with the
same repairs as before. Joining validates entries as lists; an entry that needs a
repair is still found, cut or left out, and reported by id."""

from __future__ import annotations

import pytest
from pycrdt import Doc, Map

from bench.generate import generate_map
from cxmapper.collab import repair
from cxmapper.collab.repair import RECOVERED_LANE, ViewBuilder
from cxmapper.collab.ydoc import RemotePartEdit, RemoteEdit, RemoteFieldEdit, SharedMap, document_from_ydoc, write_document
from cxmapper.model.document import MAX_NAME
from cxmapper.model.editor import MoveCard, RemoveLane, UpdateCard, UpdateLink
from cxmapper.model.fileformat import dumps, loads
from tests.collab.ydoc_helpers import Replica, assert_valid
from tests.strategies import small_bank_map


@pytest.fixture(scope="module")
def big_map():
    return generate_map(300, seed=3)


class _Builds:
    """Counts ``ViewBuilder.build`` calls (the whole-map path)."""

    def __init__(self, monkeypatch) -> None:
        self.count = 0
        original = ViewBuilder.build

        def build(builder, raw):
            self.count += 1
            return original(builder, raw)

        monkeypatch.setattr(ViewBuilder, "build", build)


def _same_as_view(replica: Replica) -> None:
    view, _ = replica.shared.view()
    assert dumps(replica.editor.doc) == dumps(view)


def test_a_remote_field_edit_does_not_rebuild_the_map(big_map, monkeypatch):
    host = Replica.host(big_map.model_copy(deep=True))
    guest = Replica.joining(host)
    builds = _Builds(monkeypatch)
    applied = []
    guest.shared._apply_remote = lambda op: applied.append(op) or guest.editor.apply(op)
    card = host.editor.doc.cards[123]
    link = host.editor.doc.links[7]
    for update in (
        host.edit(UpdateCard(card.id, {"title": card.title + "，再等等"}))[0],
        host.edit(UpdateCard(card.id, {"tags": ["排队", "queue"]}))[0],
        host.edit(UpdateLink(link.id, {"label": "导致"}))[0],
    ):
        change = guest.shared.receive(update)
        assert change.record is not None and change.repairs == []
    assert builds.count == 0  # the old code built the whole 300-card view for each
    assert [type(op) for op in applied] == [RemoteFieldEdit] * 3
    assert guest.editor.card(card.id).title == card.title + "，再等等"
    assert guest.editor.card(card.id).tags == ["排队", "queue"]
    assert guest.editor.link(link.id).label == "导致"
    record = guest.remote_records[-1]
    assert record.updated["link"] == {link.id} and not any(record.ids(k) for k in ("card", "lane", "step", "stage"))
    _same_as_view(guest)
    _same_as_view(host)  # the host's objects were taken as validated (seed): the same view
    assert dumps(guest.editor.doc) == dumps(host.editor.doc)
    # the remote operation is undoable exactly, like any other
    inverse = guest.editor.apply(RemoteFieldEdit(None, applied[0].changes))
    guest.editor.apply(inverse)
    assert guest.editor.card(card.id).title == card.title + "，再等等"


def test_after_my_own_edit_a_remote_field_edit_still_takes_the_short_path(big_map, monkeypatch):
    a = Replica.host(big_map.model_copy(deep=True))
    b = Replica.joining(a)
    first, second = a.editor.doc.cards[5], a.editor.doc.cards[6]
    mine, _ = b.edit(UpdateCard(first.id, {"title": "我的"}))  # b's entry now differs from its last build
    builds = _Builds(monkeypatch)
    theirs, _ = a.edit(UpdateCard(second.id, {"title": "他们的"}))
    b.shared.receive(theirs)
    a.shared.receive(mine)
    assert builds.count == 0
    assert b.editor.card(first.id).title == "我的" == a.editor.card(first.id).title
    assert b.editor.card(second.id).title == "他们的" == a.editor.card(second.id).title
    _same_as_view(a)
    _same_as_view(b)


def test_what_is_more_than_fields_takes_the_full_path_with_its_repairs(monkeypatch):
    host = Replica.host(small_bank_map())
    guest = Replica.joining(host)
    applied = []
    guest.shared._apply_remote = lambda op: applied.append(op) or guest.editor.apply(op)
    # a move with nothing to repair: the card path (test_ydoc_speed_cards.py)
    update, _ = host.edit(MoveCard("card-book", "lane-actions", "step-ad", 0))
    guest.shared.receive(update)
    assert type(applied[-1]) is RemotePartEdit
    _same_as_view(guest)
    # a hostile client gives a card a lane that does not exist: re-homed, reported
    state = host.shared.ydoc.get_state()
    with host.shared.ydoc.transaction():
        host.shared.ydoc.get("card", type=Map)["card-ad"]["lane"] = "no-such-lane"
    change = guest.shared.receive(host.shared.ydoc.get_update(state))
    assert [(r.id, r.rule) for r in change.repairs] == [("card-ad", "re-homed")]
    assert guest.editor.card("card-ad").lane == RECOVERED_LANE
    assert type(applied[-1]) is RemoteEdit
    # then only its title changes: the card is shown repaired, so the whole view decides
    state = host.shared.ydoc.get_state()
    with host.shared.ydoc.transaction():
        title = host.shared.ydoc.get("card", type=Map)["card-ad"]["title"]
        title.insert(0, "新")
    change = guest.shared.receive(host.shared.ydoc.get_update(state))
    assert guest.editor.card("card-ad").lane == RECOVERED_LANE
    assert guest.editor.card("card-ad").title.startswith("新")
    # a title too long after merging: cut to the limit and reported, not applied as is
    state = host.shared.ydoc.get_state()
    with host.shared.ydoc.transaction():
        host.shared.ydoc.get("card", type=Map)["card-wait"]["title"].insert(0, "长" * MAX_NAME)
    change = guest.shared.receive(host.shared.ydoc.get_update(state))
    assert ("card-wait", "text-limit") in [(r.id, r.rule) for r in change.repairs]
    assert len(guest.editor.card("card-wait").title) == MAX_NAME
    _same_as_view(guest)
    assert_valid(guest.editor.doc)
    # and a lane removed under a card: the full path again, the same document everywhere
    update, _ = host.edit(RemoveLane("lane-pain"))
    guest.shared.receive(update)
    _same_as_view(guest)


def test_joining_validates_in_bulk_and_still_finds_each_bad_entry(big_map, monkeypatch):
    ydoc = Doc()
    write_document(ydoc, big_map)
    cards = ydoc.get("card", type=Map)
    ids = [card.id for card in big_map.cards]
    with ydoc.transaction():  # what a hostile or careless client could leave in a room
        cards[ids[10]]["kind"] = "no-such-kind"
        cards[ids[200]]["title"].insert(0, "长" * MAX_NAME)
        cards[ids[250]]["severity"] = "catastrophic"
    calls = []
    original = repair._list_adapter

    def adapter(kind):
        found = original(kind)
        if found is None:
            return None

        class Watched:
            def validate_python(self, items):
                calls.append((kind, len(items)))
                return found.validate_python(items)

        return Watched()

    monkeypatch.setattr(repair, "_list_adapter", adapter)
    joined = Doc()
    joined.apply_update(ydoc.get_update())
    shared, repairs = SharedMap.join(joined)
    found = {(r.id, r.rule) for r in repairs}
    assert (ids[10], "invalid") in found and (ids[250], "invalid") in found and (ids[200], "text-limit") in found
    assert len([r for r in repairs if r.kind == "card"]) == 3
    doc = shared.editor.doc
    assert {c.id for c in doc.cards} == set(ids) - {ids[10], ids[250]}
    assert len(doc.card(ids[200]).title) == MAX_NAME
    assert_valid(doc)
    # the cards went through as a few lists, not one call each
    card_calls = [n for kind, n in calls if kind == "card"]
    assert card_calls[0] == len(ids) and len(card_calls) < 40
    # the same document as entry-by-entry validation gives
    monkeypatch.setattr(repair, "_list_adapter", lambda kind: None)
    alone, alone_repairs = document_from_ydoc(joined)
    assert dumps(alone) == dumps(doc) and set(alone_repairs) == set(repairs)


def test_integers_in_extensions_stay_integers():
    doc = small_bank_map()
    card = doc.card("card-wait")
    extensions = {"jira": {"issue": 4711, "points": [1, 2, 3.5], "big": 2**60, "done": True}, "n": 0}
    doc = doc.model_copy(update={
        "cards": [c.model_copy(update={"extensions": extensions}) if c.id == card.id else c for c in doc.cards],
        "extensions": {"version": 3, "ratio": 0.5},
    })
    host = Replica.host(doc)
    guest = Replica.joining(host)
    got = guest.editor.card("card-wait").extensions
    assert got == extensions
    assert type(got["jira"]["issue"]) is int and got["jira"]["big"] == 2**60 and type(got["n"]) is int
    assert type(guest.editor.doc.extensions["version"]) is int
    assert dumps(guest.editor.doc) == dumps(host.editor.doc)  # "4711", never "4711.0", in the saved file
    assert b"4711.0" not in dumps(guest.editor.doc)
    # and through a remote edit
    update, _ = host.edit(UpdateCard("card-wait", {"extensions": {"jira": {"issue": 4712}}}))
    guest.shared.receive(update)
    assert type(guest.editor.card("card-wait").extensions["jira"]["issue"]) is int
    assert loads(dumps(guest.editor.doc)) == guest.editor.doc


def test_a_foreign_client_may_still_write_extensions_as_a_map():
    host = Replica.host(small_bank_map())
    guest = Replica.joining(host)
    state = host.shared.ydoc.get_state()
    with host.shared.ydoc.transaction():
        host.shared.ydoc.get("card", type=Map)["card-ad"]["extensions"] = {"tool": "miro"}
    guest.shared.receive(host.shared.ydoc.get_update(state))
    assert guest.editor.card("card-ad").extensions == {"tool": "miro"}
    state = host.shared.ydoc.get_state()
    with host.shared.ydoc.transaction():
        host.shared.ydoc.get("card", type=Map)["card-ad"]["extensions"] = '{"tool": [1, 2'  # not JSON
    change = guest.shared.receive(host.shared.ydoc.get_update(state))
    assert ("card-ad", "invalid") in [(r.id, r.rule) for r in change.repairs]
    assert not guest.editor.has("card", "card-ad")
    assert_valid(guest.editor.doc)


def test_a_field_at_its_default_is_left_out_and_a_concurrent_set_wins_over_a_reset():
    host = Replica.host(small_bank_map())
    guest = Replica.joining(host)
    entry = host.shared.ydoc.get("card", type=Map)["card-wait"]
    assert "tags" not in entry and "extensions" not in entry  # at their default: not stored
    assert {"id", "kind", "lane", "step", "title", "description"} <= set(entry.keys())
    update, _ = host.edit(UpdateCard("card-wait", {"tags": ["排队"]}))
    guest.shared.receive(update)
    assert "tags" in entry
    reset, _ = host.edit(UpdateCard("card-wait", {"tags": []}))  # back to the default: the key goes
    assert "tags" not in entry
    set_, _ = guest.edit(UpdateCard("card-wait", {"tags": ["等待", "queue"]}))  # at the same time
    host.shared.receive(set_)
    guest.shared.receive(reset)
    assert host.editor.card("card-wait").tags == guest.editor.card("card-wait").tags == ["等待", "queue"]
    assert dumps(host.editor.doc) == dumps(guest.editor.doc)
    _same_as_view(host)
    _same_as_view(guest)
