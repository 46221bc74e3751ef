"""Remote card moves, adds and removes in proportion to what changed (issue 14,
collab-speed2): applied as one ``RemotePartEdit`` without building the whole view (the
build is counted here: it must not run), and host and guest still end equal to the view
read afresh from their Y.Doc. Whatever could need a repair (a linked card removed, a
card put in a lane that is gone, two people moving one card at once) takes the full
path, with its repairs."""

from __future__ import annotations

import pytest
from pycrdt import Map

from bench.generate import generate_map
from cxmapper.collab.repair import RECOVERED_LANE
from cxmapper.collab.ydoc import RemoteEdit, RemotePartEdit
from cxmapper.model.document import Link, NoteCard
from cxmapper.model.editor import AddCard, AddLink, MoveCard, RemoveCard
from cxmapper.model.fileformat import dumps
from tests.collab.test_ydoc_speed import _Builds, _same_as_view
from tests.collab.ydoc_helpers import Replica, assert_valid


@pytest.fixture(scope="module")
def big_map():
    return generate_map(300, seed=5)


def _pair(doc):
    host = Replica.host(doc.model_copy(deep=True))
    guest = Replica.joining(host)
    applied = {"host": [], "guest": []}
    for name, replica in (("host", host), ("guest", guest)):
        replica.shared._apply_remote = (lambda r, a: lambda op: a.append(op) or r.editor.apply(op))(replica, applied[name])
    return host, guest, applied


def test_remote_moves_adds_and_removes_do_not_rebuild_the_map(big_map, monkeypatch):
    host, guest, applied = _pair(big_map)
    builds = _Builds(monkeypatch)
    doc = host.editor.doc
    linked = {link.source for link in doc.links} | {link.target for link in doc.links}
    commented = {comment.target for comment in doc.comments}
    free = [card for card in doc.cards if card.id not in linked | commented]
    lanes = [lane.id for lane in doc.lanes]
    steps = [step.id for stage in doc.stages for step in stage.steps]
    edits = [
        (host, guest, MoveCard(doc.cards[10].id, lanes[-1], steps[-1], 0)),  # to another cell
        (guest, host, MoveCard(doc.cards[200].id, doc.cards[200].lane, doc.cards[200].step, 0)),  # within its cell
        (host, guest, AddCard(NoteCard(id="card-new", title="新的卡片", lane=lanes[0], step=steps[1]), 0)),
        (guest, host, AddCard(NoteCard(id="card-guest", title="guest's", lane=lanes[1], step=steps[0]))),
        (host, guest, RemoveCard(free[0].id)),
        (guest, host, RemoveCard(free[1].id)),
        (guest, host, MoveCard("card-new", lanes[2], steps[2], 1)),
    ]
    for sender, receiver, op in edits:
        update, _ = sender.edit(op)
        before = builds.count
        receiver.shared.receive(update)
        assert builds.count == before, op  # no whole-view build for this change
        _same_as_view(receiver)  # (reads the Y.Doc afresh: one build, not counted above)
    assert [type(op) for op in applied["host"] + applied["guest"]] == [RemotePartEdit] * len(edits)
    assert dumps(host.editor.doc) == dumps(guest.editor.doc)
    assert guest.editor.card("card-new").lane == lanes[2]
    assert not host.editor.has("card", free[1].id) and not guest.editor.has("card", free[0].id)
    # each remote change is one record naming just what changed
    assert host.remote_records[-1].moved["card"] == {"card-new"}  # the last edit was the guest's
    assert_valid(guest.editor.doc)
    _same_as_view(host)
    _same_as_view(guest)


def test_what_could_need_a_repair_still_takes_the_full_path(big_map, monkeypatch):
    host, guest, applied = _pair(big_map)
    doc = host.editor.doc
    # a linked card removed: the sender's RemoveCard removed its links in the same
    # transaction, nothing to repair (collab-remote: the part path)
    link = doc.links[0]
    update, _ = host.edit(RemoveCard(link.source))
    guest.shared.receive(update)
    assert type(applied["guest"][-1]) is RemotePartEdit
    assert not guest.editor.has("link", link.id)
    _same_as_view(guest)
    # a link added by one person to a card another removed at the same time: dropped
    # by the repair on both sides, so the full path
    other = doc.links[1]
    card = next(c for c in doc.cards if c.id not in (other.source, other.target) and guest.editor.has("card", c.id))
    mine, _ = host.edit(RemoveCard(card.id))
    theirs, _ = guest.edit(AddLink(Link(id="link-late", kind="flow", source=card.id, target=other.target)))
    change = host.shared.receive(theirs)
    assert not applied["host"] and change.record is None  # the host never showed it
    assert [(r.id, r.rule) for r in change.repairs] == [("link-late", "dropped")]
    guest.shared.receive(mine)
    assert type(applied["guest"][-1]) is RemoteEdit
    assert not host.editor.has("link", "link-late") and not guest.editor.has("link", "link-late")
    assert dumps(host.editor.doc) == dumps(guest.editor.doc)
    _same_as_view(host)
    _same_as_view(guest)
    # a hostile client moves a card to a lane that does not exist: re-homed, reported
    card = doc.cards[5]
    state = host.shared.ydoc.get_state()
    with host.shared.ydoc.transaction():
        host.shared.ydoc.get("card", type=Map)[card.id]["lane"] = "no-such-lane"
    change = guest.shared.receive(host.shared.ydoc.get_update(state))
    assert type(applied["guest"][-1]) is RemoteEdit
    assert [(r.id, r.rule) for r in change.repairs] == [(card.id, "re-homed")]
    assert guest.editor.card(card.id).lane == RECOVERED_LANE
    _same_as_view(guest)


def test_one_card_moved_by_two_people_at_once_converges(big_map):
    host, guest, applied = _pair(big_map)
    card = host.editor.doc.cards[40]
    lanes = [lane.id for lane in host.editor.doc.lanes]
    steps = [step.id for stage in host.editor.doc.stages for step in stage.steps]
    mine, _ = host.edit(MoveCard(card.id, lanes[0], steps[0], 0))
    theirs, _ = guest.edit(MoveCard(card.id, lanes[-1], steps[-1], 0))
    host.shared.receive(theirs)
    guest.shared.receive(mine)
    # the id is twice in the order: the full path repairs it the same way on both sides
    # (a side whose own move is where the repair puts the card has nothing to apply)
    assert applied["host"] or applied["guest"]
    assert all(type(op) is RemoteEdit for op in applied["host"] + applied["guest"])
    assert dumps(host.editor.doc) == dumps(guest.editor.doc)
    _same_as_view(host)
    _same_as_view(guest)
