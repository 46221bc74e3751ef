"""Convergence, property-based: 3–5 replicas edit one map concurrently while their Y
updates are delayed, reordered and duplicated; after delivery every replica holds the
same valid document, equal to the repaired view of its Y.Doc, and every card that no
one deleted is there."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxmapper.model.comments import AddComment, RemoveComment, UpdateComment, new_comment
from cxmapper.model.document import Lane, LaneKind, Stage, Step, make_card
from cxmapper.model.editor import (
    AddCard,
    AddLane,
    AddLink,
    AddStage,
    AddStep,
    EditError,
    MoveCard,
    MoveLane,
    MoveStage,
    MoveStep,
    RemoveCard,
    RemoveLane,
    RemoveLink,
    RemoveStage,
    RemoveStep,
    SetEmotion,
    UpdateCard,
    UpdateMeta,
    UpdateStage,
)
from tests.collab.ydoc_helpers import Network, Replica, assert_valid, text_of
from tests.strategies import small_bank_map

_WORDS = ["排队", "Login", "表格", "fast ", "😀", "x"]


def random_op(editor, rng: random.Random):
    """A random edit a person could make on ``editor``'s document now (may be refused)."""
    doc = editor.doc
    steps = doc.steps()
    cards = doc.cards
    choice = rng.randrange(20)
    pick = rng.choice
    if choice <= 2 or not cards:
        if not doc.lanes or not steps:
            return AddLane(Lane(name="新泳道", kind=LaneKind.NOTES))
        lane, step = pick(doc.lanes), pick(steps)
        return AddCard(make_card("note", lane=lane.id, step=step.id, title=pick(_WORDS)), rng.randint(0, 3) if rng.random() < 0.3 else None)
    if choice <= 5:
        card = pick(cards)
        at = rng.randint(0, len(card.title))
        return UpdateCard(card.id, {"title": card.title[:at] + pick(_WORDS) + card.title[at + rng.randint(0, 2):]})
    if choice <= 8 and doc.lanes and steps:
        return MoveCard(pick(cards).id, pick(doc.lanes).id, pick(steps).id, 0 if rng.random() < 0.5 else None)
    if choice == 9:
        return RemoveCard(pick(cards).id)
    if choice == 10 and len(cards) > 1:
        a, b = rng.sample(cards, 2)
        return AddLink({"kind": "flow", "source": a.id, "target": b.id})
    if choice == 11 and doc.links:
        return RemoveLink(pick(doc.links).id)
    if choice == 12 and doc.stages:
        return AddStep(pick(doc.stages).id, Step(name=pick(_WORDS)))
    if choice == 13 and steps:
        return RemoveStep(pick(steps).id)
    if choice == 14 and steps and doc.stages:
        stage = pick(doc.stages)
        return MoveStep(pick(steps).id, stage.id, 0)
    if choice == 15:
        if rng.random() < 0.5 and doc.stages:
            return RemoveStage(pick(doc.stages).id)
        if rng.random() < 0.5 and doc.stages:
            return MoveStage(pick(doc.stages).id, rng.randrange(len(doc.stages)))
        return AddStage(Stage(name="新阶段", steps=[Step(name="新步骤")]))
    if choice == 16 and doc.lanes:
        if rng.random() < 0.3:
            return RemoveLane(pick(doc.lanes).id)
        return MoveLane(pick(doc.lanes).id, rng.randrange(len(doc.lanes)))
    if choice == 17 and doc.personas and steps:
        score = rng.choice([None, -2, -1, 0, 1, 2])
        return SetEmotion(pick(doc.personas).id, pick(steps).id, score, curve=rng.choice(["as_is", "to_be"]))
    if choice == 18:
        targets = [c.id for c in cards] + [s.id for s in steps] + [None]
        threads = [c for c in doc.comments if c.thread is None]
        if threads and rng.random() < 0.3:
            thread = pick(threads)
            return UpdateComment(thread.id, {"resolved": not thread.resolved})
        if threads and rng.random() < 0.3:
            return RemoveComment(pick(threads).id)
        if threads and rng.random() < 0.5:
            thread = pick(threads)
            return AddComment(new_comment("回复 reply", thread.target, "B", thread=thread.id))
        return AddComment(new_comment("评论 comment", pick(targets), "A"))
    if choice == 19 and doc.stages:
        if rng.random() < 0.5:
            return UpdateMeta({"title": doc.meta.title + pick(_WORDS)})
        stage = pick(doc.stages)
        return UpdateStage(stage.id, {"name": stage.name + pick(_WORDS)})
    return None


def random_edit(replicas: list[Replica], network: Network, rng: random.Random) -> None:
    """One participant at random makes a random edit; its update goes to the network."""
    who = rng.randrange(len(replicas))
    op = random_op(replicas[who].editor, rng)
    if op is not None:
        try:
            update, _ = replicas[who].edit(op)
        except EditError:
            return
        network.send(who, update)


def run_session(seed: int, participants: int, rounds: int) -> list[Replica]:
    rng = random.Random(seed)
    host = Replica.host(small_bank_map())
    replicas = [host] + [Replica.joining(host) for _ in range(participants - 1)]
    network = Network(replicas, rng)
    for _ in range(rounds):
        random_edit(replicas, network, rng)
        if rng.random() < 0.4:
            network.deliver_some(rng.randint(1, 4))
    network.deliver_all()
    for replica in replicas:  # what the window does when on_pending tells it to
        replica.shared.flush()
    return replicas


def check_converged(replicas: list[Replica], original_cards: set[str]) -> None:
    first = text_of(replicas[0].editor.doc)
    for replica in replicas:
        doc = replica.editor.doc
        assert text_of(doc) == first
        assert_valid(doc)
        view, _ = replica.shared.view()
        assert view == doc  # the editor holds exactly the repaired Y state
    deleted = set().union(*(r.removed_cards for r in replicas))
    created = original_cards.union(*(r.added_cards for r in replicas))
    present = {card.id for card in replicas[0].editor.doc.cards}
    assert created - deleted <= present


# Yrs 0.28 can panic inside an observer's event when out-of-order updates integrate
# late; SharedMap catches it and reads the Y.Doc again, but PyO3 prints the panic
# through sys.excepthook, which pytest-qt would count as an error of the test.
no_capture = pytest.mark.qt_no_exception_capture


@no_capture
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), participants=st.integers(3, 5), rounds=st.integers(5, 40))
def test_replicas_converge_to_one_valid_map_and_lose_no_card(seed, participants, rounds):
    replicas = run_session(seed, participants, rounds)
    check_converged(replicas, {card.id for card in small_bank_map().cards})


@no_capture
def test_a_long_session_converges():
    replicas = run_session(20261206, 5, 200)
    check_converged(replicas, {card.id for card in small_bank_map().cards})
