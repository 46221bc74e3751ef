"""The map in a Y.Doc: round trip, one Y transaction per local edit, remote changes as
one editor change naming exactly what changed, text merge, a foreign client's card,
offline editing and reconnecting."""

from __future__ import annotations

import pytest
from pycrdt import Doc, Map, Text

from cxmapper.collab.ydoc import SharedMap, document_from_ydoc, write_document
from cxmapper.model.comments import AddComment, UpdateComment, new_comment
from cxmapper.model.document import Step, make_card
from cxmapper.model.editor import (
    AddCard,
    AddLink,
    AddStep,
    Batch,
    Editor,
    MoveCard,
    MoveStage,
    RemoveCard,
    RemoveStage,
    SetEmotion,
    UpdateCard,
    UpdateMeta,
)
from cxmapper.model.fileformat import dumps, load_file
from cxmapper.paths import EXAMPLES as EXAMPLES_DIR
from tests.collab.ydoc_helpers import Replica, assert_valid
from tests.strategies import small_bank_map

EXAMPLES = sorted(EXAMPLES_DIR.glob("*.cxmap"))


def sync(*replicas: Replica) -> None:
    """Every replica sends every other what it lacks (state vectors, as on reconnect)."""
    for source in replicas:
        for target in replicas:
            if source is not target:
                target.shared.receive(source.shared.ydoc.get_update(target.shared.ydoc.get_state()))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_document_to_ydoc_and_back_is_identity(path):
    doc = load_file(path)
    ydoc = Doc()
    write_document(ydoc, doc)
    other = Doc()
    other.apply_update(ydoc.get_update())  # through the wire format too
    back, repairs = document_from_ydoc(other)
    assert repairs == []
    assert dumps(back) == dumps(doc)


def test_the_layout_is_the_shared_contract():
    ydoc = Doc()
    doc = small_bank_map()
    write_document(ydoc, doc)
    assert ydoc.get("cards", type=__import__("pycrdt").Array).to_py() == [c.id for c in doc.cards]
    card = ydoc.get("card", type=Map)["card-wait"]
    assert isinstance(card["title"], Text) and isinstance(card["description"], Text)
    assert card["kind"] == "pain_point" and card["lane"] == "lane-pain" and card["step"] == "step-queue"
    assert isinstance(ydoc.get("meta", type=Map)["title"], Text)
    assert ydoc.get("step", type=Map)["step-form"]["stage"] == "stage-apply"


LOCAL_EDITS = [
    UpdateCard("card-wait", {"title": "排队太久", "severity": 5}),
    MoveCard("card-book", "lane-actions", "step-ad", 0),
    RemoveCard("card-queue"),  # with its link
    AddCard(make_card("note", id="card-new", lane="lane-pain", step="step-form", title="新")),
    RemoveStage("stage-aware"),  # a stage, its step, cards, links and points at once
    MoveStage("stage-apply", 0),
    SetEmotion("persona-wang", "step-form", -1),
    UpdateMeta({"title": "银行开户 v2"}),
    AddComment(new_comment("太慢了", "card-wait", "张伟")),
    Batch((AddStep("stage-apply", Step(id="step-sms", name="短信")), MoveCard("card-wait", "lane-pain", "step-sms")), "move"),
]


@pytest.mark.parametrize("op", LOCAL_EDITS, ids=lambda op: type(op).__name__)
def test_a_local_edit_is_one_y_transaction_and_arrives_as_one_change(op):
    host = Replica.host(small_bank_map())
    guest = Replica.joining(host)
    transactions, local = [], []
    host.shared.ydoc.observe(lambda event: transactions.append(event))
    host.editor.subscribe(local.append)
    update, _ = host.edit(op)
    assert len(transactions) == 1
    remote = guest.shared.receive(update).record
    assert guest.editor.doc == host.editor.doc
    assert guest.remote_records == [remote]
    assert remote == local[0]  # the same ids, added, removed, changed or moved, as the edit itself
    assert host.shared.view()[0] == host.editor.doc


def test_a_remote_change_names_exactly_the_ids_it_touched():
    host = Replica.host(small_bank_map())
    guest = Replica.joining(host)
    update, _ = host.edit(UpdateCard("card-wait", {"title": "等了一小时"}))
    record = guest.shared.receive(update).record
    assert record.updated["card"] == {"card-wait"}
    assert all(not record.ids(kind) for kind in ("stage", "step", "lane", "link", "persona", "comment"))
    assert not any(record.added.values()) and not any(record.removed.values()) and not any(record.moved.values())

    update, _ = host.edit(RemoveCard("card-queue"))
    record = guest.shared.receive(update).record
    assert record.removed["card"] == {"card-queue"} and record.removed["link"] == {"link-flow"}
    assert not any(record.updated.values()) and not any(record.added.values())

    update, _ = host.edit(MoveCard("card-book", "lane-actions", "step-ad", 0))
    record = guest.shared.receive(update).record
    assert record.moved["card"] == {"card-book"} and not any(record.updated.values())


def test_remote_changes_are_applied_with_the_callers_channel_and_are_not_sent_back():
    host = Replica.host(small_bank_map())
    pushed = []
    ydoc = Doc()
    ydoc.apply_update(host.shared.ydoc.get_update())
    editor = Editor(document_from_ydoc(ydoc)[0])
    guest = SharedMap(editor, ydoc, apply_remote=lambda op: pushed.append(op) or editor.apply(op))
    sent = []
    ydoc.observe(lambda event: sent.append(event))
    update, _ = host.edit(UpdateCard("card-ad", {"title": "广告"}))
    guest.receive(update)
    assert len(pushed) == 1  # one operation for one remote transaction, through the channel
    assert len(sent) == 1  # the received update itself; nothing written back
    assert guest.transactions == 0


def test_a_card_added_by_a_foreign_client_shows_up():
    host = Replica.host(small_bank_map())
    foreign = Doc()  # as the JavaScript client does it: a Y.Map with a Y.Text title
    foreign.apply_update(host.shared.ydoc.get_update())
    state = foreign.get_state()
    with foreign.transaction():
        foreign.get("card", type=Map)["js-card-1"] = Map(
            {"id": "js-card-1", "kind": "pain_point", "lane": "lane-pain", "step": "step-form", "title": Text("表格太复杂")}
        )
        foreign.get("cards", type=__import__("pycrdt").Array).append("js-card-1")
    record = host.shared.receive(foreign.get_update(state)).record
    assert record.added["card"] == {"js-card-1"}
    card = host.editor.card("js-card-1")
    assert (card.kind, card.title, card.lane, card.step, card.severity) == ("pain_point", "表格太复杂", "lane-pain", "step-form", None)
    assert host.editor.doc.cards[-1].id == "js-card-1"
    assert_valid(host.editor.doc)


@pytest.mark.parametrize(
    ("start", "mine", "theirs", "merged"),
    [
        ("Login", "Login page", "User Login", "User Login page"),
        ("排队", "排队太久", "网点排队", "网点排队太久"),
        ("表格😀", "表格很长😀", "填表格😀", "填表格很长😀"),
    ],
)
def test_two_people_typing_in_one_title_merge_character_by_character(start, mine, theirs, merged):
    host = Replica.host(small_bank_map())
    guest = Replica.joining(host)
    setup, _ = host.edit(UpdateCard("card-ad", {"title": start}))
    guest.shared.receive(setup)
    a, _ = host.edit(UpdateCard("card-ad", {"title": mine}))
    b, _ = guest.edit(UpdateCard("card-ad", {"title": theirs}))
    host.shared.receive(b)
    guest.shared.receive(a)
    assert host.editor.card("card-ad").title == guest.editor.card("card-ad").title == merged


def test_other_fields_are_last_writer_wins_per_field():
    host = Replica.host(small_bank_map())
    guest = Replica.joining(host)
    a, _ = host.edit(UpdateCard("card-wait", {"severity": 2}))
    b, _ = guest.edit(UpdateCard("card-wait", {"frequency": 1, "severity": 3}))
    host.shared.receive(b)
    guest.shared.receive(a)
    card = host.editor.card("card-wait")
    assert card == guest.editor.card("card-wait")
    assert card.frequency == 1 and card.severity in (2, 3)


def test_a_replica_offline_keeps_editing_and_nothing_is_lost_on_reconnect():
    host = Replica.host(small_bank_map())
    online = Replica.joining(host)
    offline = Replica.joining(host)
    made = []
    for i in range(5):  # offline: its updates go nowhere, it hears nothing
        offline.edit(AddCard(make_card("note", id=f"off-{i}", lane="lane-pain", step="step-ad", title=f"离线 {i}")))
        update, _ = host.edit(AddCard(make_card("note", id=f"on-{i}", lane="lane-actions", step="step-form", title=f"在线 {i}")))
        online.shared.receive(update)
        made += [f"off-{i}", f"on-{i}"]
    offline.edit(UpdateCard("card-wait", {"title": "离线改的标题"}))
    update, _ = online.edit(RemoveCard("card-ad"))
    host.shared.receive(update)
    sync(host, online, offline)  # reconnect: state vectors exchanged, the missing updates sent
    docs = [dumps(r.editor.doc) for r in (host, online, offline)]
    assert docs[0] == docs[1] == docs[2]
    ids = {card.id for card in host.editor.doc.cards}
    assert set(made) <= ids and "card-ad" not in ids
    assert host.editor.card("card-wait").title == "离线改的标题"


def test_comments_are_live_in_a_session():
    host = Replica.host(small_bank_map())
    guest = Replica.joining(host)
    comment = new_comment("为什么要排队？", "card-wait", "王芳")
    update, _ = host.edit(AddComment(comment))
    record = guest.shared.receive(update).record
    assert record.added["comment"] == {comment.id}
    update, _ = guest.edit(UpdateComment(comment.id, {"resolved": True}))
    host.shared.receive(update)
    assert host.editor.doc.comments[0].resolved and host.editor.doc.comments == guest.editor.doc.comments


def test_updates_taken_from_a_transport_wait_for_flush_and_close_detaches():
    host = Replica.host(small_bank_map())
    ydoc = Doc()
    ydoc.apply_update(host.shared.ydoc.get_update())
    pending, remote = [], []
    guest, _ = SharedMap.join(ydoc, on_pending=lambda: pending.append(1), on_remote=remote.append)
    update, _ = host.edit(UpdateCard("card-ad", {"title": "等 flush"}))
    guest.apply_update(update)  # what a provider's receive loop calls
    assert pending == [1] and guest.editor.card("card-ad").title != "等 flush"
    change = guest.flush()  # what the window's event loop runs when told
    assert guest.editor.card("card-ad").title == "等 flush" and remote == [change]
    assert guest.flush().record is None  # nothing more to do
    guest.close()
    guest.editor.apply(UpdateCard("card-ad", {"title": "离开以后"}))
    assert str(ydoc.get("card", type=Map)["card-ad"]["title"]) == "等 flush"
