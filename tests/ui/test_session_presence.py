"""Presence from other participants is input from the network: whatever a buggy or
hostile client puts in its awareness state, the list and the canvas marks stay bounded
and the window does not fail."""

from __future__ import annotations

from cxmapper.ui.session_presence import MAX_SHOWN, PresenceList, PresenceOverlay
from tests.ui.shell_support import open_window, sample_document


def test_hostile_presence_states_are_shown_bounded_or_left_out(qtbot, monkeypatch, tmp_path):
    window, _ = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    overlay = PresenceOverlay(window.scene)
    many = [card.id for card in window.editor.doc.cards] * 1000  # 6,000 ids
    overlay.show({
        1: {"name": "x" * 10_000, "colour": "red; background: url(evil)", "selection": many},
        2: {"name": 42, "colour": None, "selection": "c-ad", "cell": {"lane": "no-such-lane", "step": "s0"}},
        3: {"name": "李雷", "colour": "#2ca02c", "selection": [None, 7, "c-wait"], "cell": {"card": ["c-ad"]}},
        4: {"name": "Anna", "colour": "#1f77b4", "cell": {"lane": "l-pain", "step": "s2"}},
        5: "not a state",
    })
    selections = [m for m in overlay.marks if m[0] == "selection"]
    assert len([m for m in selections if m[2] == "x" * 80]) == MAX_SHOWN  # name cut, outlines bounded
    assert all(m[3] == "#808080" for m in selections if m[2] == "x" * 80)  # unusable colour: grey
    assert ("selection", "c-wait", "李雷", "#2ca02c") in overlay.marks
    assert [m for m in overlay.marks if m[0] == "cell"] == [("cell", "l-pain/s2", "Anna", "#1f77b4")]
    people = PresenceList()
    qtbot.addWidget(people)
    people.show_people({1: {"name": "x" * 10_000}, 2: {"name": "  "}, 3: {"name": "Me"}, 4: ["junk"]}, me=3)
    assert people.names() == ["Me (you)", "Participant 2", "x" * 80]
    overlay.show({})
    assert overlay.marks == []
    window.undo_stack.setClean()
