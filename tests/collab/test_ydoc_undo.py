"""Undo per person in a session: my Ctrl+Z undoes my last edit, never someone else's,
and an edit someone has changed since is skipped with a message."""

from __future__ import annotations

from cxmapper.collab.undo import PersonalUndo
from cxmapper.model.document import make_card
from cxmapper.model.editor import AddCard, MoveCard, RemoveCard, RemoveStep, UpdateCard
from tests.collab.ydoc_helpers import Replica
from tests.strategies import small_bank_map


def session():
    a = Replica.host(small_bank_map())
    b = Replica.joining(a)
    undo_a = PersonalUndo(a.editor, lambda: a.shared.remote_changes)
    undo_b = PersonalUndo(b.editor, lambda: b.shared.remote_changes)
    return a, b, undo_a, undo_b


def send(source: Replica, target: Replica) -> None:
    target.shared.receive(source.shared.ydoc.get_update(target.shared.ydoc.get_state()))


def test_undo_undoes_my_last_edit_not_the_last_edit():
    a, b, undo_a, undo_b = session()
    undo_a.apply(UpdateCard("card-ad", {"title": "A 改的"}), "Retitle")
    send(a, b)
    undo_b.apply(UpdateCard("card-wait", {"title": "B 改的"}), "Retitle")
    send(b, a)
    result = undo_a.undo()  # A's last edit, although B's came later
    assert result.done and result.record.updated["card"] == {"card-ad"}
    send(a, b)
    for replica in (a, b):
        assert replica.editor.card("card-ad").title == "在地铁看到开户广告"
        assert replica.editor.card("card-wait").title == "B 改的"
    assert not undo_a.can_undo and undo_a.can_redo
    assert undo_a.redo().done
    send(a, b)
    assert b.editor.card("card-ad").title == "A 改的"


def test_an_edit_someone_changed_since_is_skipped_with_a_message():
    a, b, undo_a, _ = session()
    undo_a.apply(UpdateCard("card-wait", {"severity": 1}), "Set severity")
    send(a, b)
    b.edit(UpdateCard("card-wait", {"title": "B 又改了"}))
    send(b, a)
    result = undo_a.undo()
    assert not result.done
    assert "Set severity was not undone" in result.message and "changed by someone else" in result.message
    assert a.editor.card("card-wait").severity == 1 and a.editor.card("card-wait").title == "B 又改了"
    assert not undo_a.can_undo  # dropped: the next Ctrl+Z goes further back


def test_undoing_a_card_someone_removed_says_so():
    a, b, undo_a, _ = session()
    undo_a.apply(AddCard(make_card("note", id="n1", lane="lane-pain", step="step-ad", title="新")), "Add note")
    send(a, b)
    b.edit(RemoveCard("n1"))
    send(b, a)
    result = undo_a.undo()
    assert not result.done and "removed by someone else" in result.message


def test_undoing_a_removal_after_others_edited_puts_things_back_where_they_fit():
    a, b, undo_a, _ = session()
    undo_a.apply(RemoveStep("step-queue"), "Remove step")  # takes card-queue, card-wait and two links
    send(a, b)
    for i in range(3):  # others add cards meanwhile: the old flat indexes mean nothing now
        b.edit(AddCard(make_card("note", id=f"b{i}", lane="lane-actions", step="step-ad", title=str(i))))
    send(b, a)
    result = undo_a.undo()
    assert result.done
    send(a, b)
    assert a.editor.doc == b.editor.doc
    ids = {c.id for c in a.editor.doc.cards}
    assert {"card-queue", "card-wait", "b0", "b1", "b2"} <= ids
    assert {link.id for link in a.editor.doc.links} == {"link-flow", "link-fix"}
    assert [c.id for c in a.editor.cards_in("lane-actions", "step-queue")] == ["card-queue"]


def test_undoing_a_move_after_others_edited_the_cell_clamps_the_place():
    a, b, undo_a, _ = session()
    undo_a.apply(MoveCard("card-wait", "lane-actions", "step-ad", 0), "Move")
    send(a, b)
    b.edit(RemoveCard("card-book"))
    send(b, a)
    assert undo_a.undo().done
    card = a.editor.card("card-wait")
    assert (card.lane, card.step) == ("lane-pain", "step-queue")
