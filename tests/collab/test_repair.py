"""The merge repair: states no single person made become a valid map, the same on every
replica whatever the delivery order, and each repair is reported."""

from __future__ import annotations

import pytest
from pycrdt import Array, Map

from cxmapper.collab.repair import RECOVERED_LANE, RECOVERED_STAGE, RECOVERED_STEP, Raw, ViewBuilder
from cxmapper.collab.ydoc import read_raw
from cxmapper.model.comments import AddComment, new_comment
from cxmapper.model.document import MAX_NAME, Stage, Step, make_card
from cxmapper.model.editor import (
    AddCard,
    AddLink,
    AddStage,
    EditError,
    MoveCard,
    MoveStage,
    RemoveCard,
    RemoveLane,
    RemoveStage,
    RemoveStep,
    SetEmotion,
    UpdateCard,
)
from cxmapper.model.fileformat import dumps
from tests.collab.ydoc_helpers import Replica, assert_valid
from tests.strategies import small_bank_map


def concurrently(mine, theirs, *, order="ab"):
    """Two people edit at once (A does ``mine``, B ``theirs``), then hear each other.

    Returns both replicas and the repairs each reported when the other's edit came in.
    """
    a = Replica.host(small_bank_map())
    b = Replica.joining(a)
    updates_a = [a.edit(op)[0] for op in mine]
    updates_b = [b.edit(op)[0] for op in theirs]
    repairs = {"a": [], "b": []}
    for update in updates_b:
        repairs["a"] += a.shared.receive(update).repairs
    for update in updates_a if order == "ab" else reversed(updates_a):
        repairs["b"] += b.shared.receive(update).repairs
    a.shared.flush(), b.shared.flush()
    assert dumps(a.editor.doc) == dumps(b.editor.doc)
    for replica in (a, b):
        assert_valid(replica.editor.doc)
        assert replica.shared.view()[0] == replica.editor.doc
    return a, b, repairs


def rules(repairs):
    return {(r.kind, r.id, r.rule) for r in repairs}


def test_a_card_moved_into_a_step_someone_deleted_is_recovered_not_lost():
    a, b, repairs = concurrently([RemoveStep("step-form")], [MoveCard("card-ad", "lane-actions", "step-form")])
    card = a.editor.card("card-ad")
    assert (card.lane, card.step) == ("lane-actions", RECOVERED_STEP)
    stage = a.editor.stage(RECOVERED_STAGE)
    assert [s.id for s in stage.steps] == [RECOVERED_STEP] and stage.name == "Recovered"
    assert ("card", "card-ad", "re-homed") in rules(repairs["a"])  # A is told what happened to B's card
    assert "card-book" not in {c.id for c in a.editor.doc.cards}  # the card A deleted with the step stays deleted


def test_a_card_added_to_a_lane_someone_deleted_goes_to_the_recovered_lane():
    new = make_card("note", id="card-note", lane="lane-pain", step="step-ad", title="新想法")
    a, b, repairs = concurrently([RemoveLane("lane-pain")], [AddCard(new)])
    assert a.editor.card("card-note").lane == RECOVERED_LANE
    assert a.editor.doc.lanes[-1].id == RECOVERED_LANE
    assert ("card", "card-note", "re-homed") in rules(repairs["a"])


def test_a_stage_left_without_steps_is_removed_and_reported():
    a, b, repairs = concurrently([RemoveStep("step-queue")], [RemoveStep("step-form")])
    assert not a.editor.has("stage", "stage-apply")
    assert ("stage", "stage-apply", "dropped") in rules(repairs["a"]) | rules(repairs["b"])


def test_a_link_to_a_card_someone_removed_goes_with_it():
    link = {"id": "link-new", "kind": "flow", "source": "card-queue", "target": "card-book"}
    a, b, repairs = concurrently([RemoveCard("card-book")], [AddLink(link)])
    assert not a.editor.has("link", "link-new")
    assert ("link", "link-new", "dropped") in rules(repairs["a"])


def test_an_emotion_point_on_a_step_someone_removed_is_dropped_and_reported():
    a, b, repairs = concurrently([RemoveStep("step-form")], [SetEmotion("persona-wang", "step-form", 2)])
    persona = a.editor.persona("persona-wang")
    assert all(point.step != "step-form" for point in persona.as_is)
    assert ("persona", "persona-wang", "dropped") in rules(repairs["a"])


def test_two_people_moving_the_same_card_keep_one_copy():
    a, b, repairs = concurrently(
        [MoveCard("card-ad", "lane-pain", "step-form", 0)], [MoveCard("card-ad", "lane-actions", "step-queue", 0)]
    )
    ids = [c.id for c in a.editor.doc.cards]
    assert ids.count("card-ad") == 1 and len(ids) == 4
    order = a.shared.ydoc.get("cards", type=Array).to_py()
    assert order.count("card-ad") == 2  # the Y state holds both moves; the view keeps the first
    assert ("card", "card-ad", "order") in rules(repairs["a"]) | rules(repairs["b"])


def test_two_people_reordering_stages_agree():
    a, b, _ = concurrently(
        [AddStage(Stage(id="stage-use", name="使用", steps=[Step(id="step-use", name="用")])), MoveStage("stage-use", 0)],
        [MoveStage("stage-apply", 0)],
    )
    assert [s.id for s in a.editor.doc.stages] == [s.id for s in b.editor.doc.stages]
    assert {s.id for s in a.editor.doc.stages} == {"stage-use", "stage-apply", "stage-aware"}


def test_a_comment_on_a_card_someone_removed_moves_to_the_map():
    comment = new_comment("这个要改", "card-book", "王芳")
    a, b, repairs = concurrently([RemoveCard("card-book")], [AddComment(comment)])
    [kept] = a.editor.doc.comments
    assert kept.id == comment.id and kept.target is None and kept.text == "这个要改"
    assert ("comment", comment.id, "re-homed") in rules(repairs["a"])


def test_a_title_typed_past_the_limit_by_two_people_is_cut_to_it():
    half = "长" * (MAX_NAME // 2 + 10)
    a, b, repairs = concurrently([UpdateCard("card-ad", {"title": half})], [UpdateCard("card-ad", {"title": "x" + half})])
    assert len(a.editor.card("card-ad").title) == MAX_NAME
    assert ("card", "card-ad", "text-limit") in rules(repairs["a"]) | rules(repairs["b"])


def test_the_repair_does_not_depend_on_the_delivery_order():
    ops_a = [RemoveStep("step-form"), RemoveCard("card-queue")]
    ops_b = [MoveCard("card-ad", "lane-actions", "step-form"), AddLink({"id": "l2", "kind": "flow", "source": "card-queue", "target": "card-ad"})]
    first = concurrently(ops_a, ops_b, order="ab")
    second = concurrently(ops_a, ops_b, order="ba")
    assert dumps(first[0].editor.doc) == dumps(second[0].editor.doc)
    view_one = ViewBuilder().build(read_raw(first[0].shared.ydoc))
    view_two = ViewBuilder().build(read_raw(first[1].shared.ydoc))
    assert view_one[0] == view_two[0] and view_one[1] == view_two[1]


def test_the_recovered_place_becomes_real_when_someone_edits_there():
    a, b, _ = concurrently([RemoveStep("step-form")], [MoveCard("card-ad", "lane-actions", "step-form")])
    update, _ = a.edit(UpdateCard("card-ad", {"title": "找回来了"}))
    b.shared.receive(update)
    assert RECOVERED_STAGE in a.shared.ydoc.get("stage", type=Map)
    assert a.editor.doc == b.editor.doc and a.shared.view() == (a.editor.doc, [])


def test_an_invalid_entry_from_a_hostile_participant_is_left_out_and_reported():
    a = Replica.host(small_bank_map())
    with a.shared.ydoc.transaction():  # a foreign client writes nonsense
        a.shared.ydoc.get("card", type=Map)["bad"] = Map({"id": "bad", "kind": "spaceship", "lane": "lane-pain"})
        a.shared.ydoc.get("cards", type=Array).append("bad")
        a.shared.ydoc.get("card", type=Map)["card-ad"]["severity"] = "very"
    change = a.shared.flush()
    assert not a.editor.has("card", "bad")
    assert {("card", "bad", "invalid"), ("card", "card-ad", "invalid")} <= rules(change.repairs)
    assert_valid(a.editor.doc)


def test_a_raw_state_with_every_problem_at_once_builds_a_valid_map():
    raw = Raw()
    raw.order["stage"] = ["s1", "s1", "gone"]
    raw.entries["stage"] = {"s1": {"id": "s1", "name": "一"}, "s2": {"id": "s2", "name": "空"}}
    raw.entries["step"] = {"p1": {"id": "p1", "stage": "s1"}, "p2": {"id": "p2", "stage": "nowhere"}}
    raw.order["step"] = ["p1", "p2", 7]
    raw.entries["lane"] = {"l1": {"id": "l1", "kind": "notes"}}
    raw.order["lane"] = ["l1"]
    raw.entries["card"] = {
        "c1": {"id": "c1", "kind": "note", "lane": "l1", "step": "p1"},
        "c2": {"id": "c2", "kind": "note", "lane": "lx", "step": "px"},
        "p1": {"id": "p1", "kind": "note", "lane": "l1", "step": "p1"},  # an id a step has
    }
    raw.order["card"] = ["c2", "c1", "c2"]
    raw.entries["link"] = {"k1": {"id": "k1", "kind": "flow", "source": "c1", "target": "zz"}}
    raw.order["link"] = ["k1"]
    doc, repairs = ViewBuilder().build(raw)
    assert_valid(doc)
    assert [c.id for c in doc.cards] == ["c2", "c1"]
    assert doc.card("c2").lane == RECOVERED_LANE and doc.card("c2").step == RECOVERED_STEP
    assert [s.id for s in doc.stages] == ["s1", RECOVERED_STAGE]  # s2 had no steps; p2 re-homed
    assert [s.id for s in doc.stages[1].steps] == ["p2", RECOVERED_STEP]
    assert doc.links == []
    assert ("card", "p1", "id-taken") in rules(repairs)


def test_an_entry_nested_too_deeply_is_refused_without_harm():
    a = Replica.host(small_bank_map())
    b = Replica.joining(a)
    deep: dict = {}
    node = deep
    for _ in range(40):  # deeper than a .cxmap file may nest its extensions
        node["x"] = {}
        node = node["x"]
    state = a.shared.ydoc.get_state()
    with a.shared.ydoc.transaction():  # a hostile client, writing around the editor
        a.shared.ydoc.get("card", type=Map)["card-ad"]["extensions"] = deep
    change = b.shared.receive(a.shared.ydoc.get_update(state))
    assert ("card", "card-ad", "invalid") in rules(change.repairs)
    assert not b.editor.has("card", "card-ad") and "card-queue" in {c.id for c in b.editor.doc.cards}
    assert_valid(b.editor.doc)
    from cxmapper.model.fileformat import loads

    assert loads(dumps(b.editor.doc)) == b.editor.doc  # what the host saves opens again
