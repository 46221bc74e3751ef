"""Who is here ▸ a person: the canvas goes to where they are (issue 14, a facilitator's "follow").

Two windows in one session. Alice's canvas is zoomed in on its top-left corner. Bob
selects a card far from there: Alice clicks Bob's row in Who is here (the mouse) and
the card is in her view. Bob types in another card's description in the inspector:
Alice scrolls away, then Enter on Bob's row (the keyboard) brings the card he types in
into view. Bob, nothing selected, types in the map's details (no place on the canvas):
the status bar says so and the canvas stays. Alice's own row does nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.test_session_window import (  # noqa: F401 (pair is a fixture)
    LEFT,
    NO_MOD,
    WAIT_MS,
    activate,
    click_card,
    in_session,
    pair,
)


def in_view(window, card_id: str) -> bool:
    """The card's middle is in the canvas's view (a narrow test window at zoom 2.5 has
    less room than one card is wide)."""
    view = window.view
    return view.viewport().rect().contains(view.mapFromScene(window.scene.card_item(card_id).sceneBoundingRect().center()))


def away(window) -> None:
    """Zoomed in on the map's top-left corner: most cards out of view."""
    window.view.set_zoom(2.5)
    window.view.horizontalScrollBar().setValue(0)
    window.view.verticalScrollBar().setValue(0)


def row_of(window, name: str):
    rows = window.session.presence_list.list
    return next(rows.item(i) for i in range(rows.count()) if rows.item(i).text().split("\n")[0] == name)


def test_clicking_or_entering_a_person_in_who_is_here_goes_to_where_they_are(qtbot, pair):
    host, guest = in_session(qtbot, pair, guest_name="Bob 鲍勃")
    activate(qtbot, guest)
    click_card(guest, "c-fast")
    qtbot.waitUntil(lambda: ("selection", "c-fast", "Bob 鲍勃", "#1f77b4") in host.session.overlay.marks, timeout=WAIT_MS)
    activate(qtbot, host)
    away(host)
    assert not in_view(host, "c-fast")
    rows = host.session.presence_list.list
    bob = row_of(host, "Bob 鲍勃")
    QTest.mouseClick(rows.viewport(), LEFT, NO_MOD, rows.visualItemRect(bob).center())
    assert in_view(host, "c-fast")
    assert host.statusBar().currentMessage() == "Showing where Bob 鲍勃 is."
    assert host.view.zoom() == 2.5  # the zoom is Alice's: only the place changes

    # Bob types in another card's description: Enter on his row goes to that card.
    activate(qtbot, guest)
    click_card(guest, "c-ad")
    description = guest.inspector.card_description
    QTest.mouseClick(description.viewport(), LEFT, NO_MOD, description.viewport().rect().center())
    qtbot.waitUntil(lambda: any(m[0] == "cell" and m[1] == "c-ad" for m in host.session.overlay.marks), timeout=WAIT_MS)
    activate(qtbot, host)
    host.view.horizontalScrollBar().setValue(host.view.horizontalScrollBar().maximum())
    host.view.verticalScrollBar().setValue(host.view.verticalScrollBar().maximum())
    assert not in_view(host, "c-ad")
    rows.setFocus()
    rows.setCurrentItem(row_of(host, "Bob 鲍勃"))
    QTest.keyClick(rows, Qt.Key.Key_Return)
    assert in_view(host, "c-ad")

    # The map's details are no place on the canvas: said, and the canvas stays.
    activate(qtbot, guest)
    empty = guest.scene.cell_rect("l-back", "s0").center()  # no card there: nothing selected
    guest.view.ensureVisible(empty.x() - 5, empty.y() - 5, 10, 10)
    QTest.mouseClick(guest.view.viewport(), LEFT, NO_MOD, guest.view.mapFromScene(empty))
    assert guest.selected_card_ids() == []
    guest.inspector.show_target("map", ())
    QTest.mouseClick(guest.inspector.map_title, LEFT, NO_MOD, guest.inspector.map_title.rect().center())
    qtbot.waitUntil(lambda: any("the map’s details" in r for r in host.session.presence_list.rows()), timeout=WAIT_MS)
    activate(qtbot, host)
    before = (host.view.horizontalScrollBar().value(), host.view.verticalScrollBar().value())
    QTest.mouseClick(rows.viewport(), LEFT, NO_MOD, rows.visualItemRect(row_of(host, "Bob 鲍勃")).center())
    assert host.statusBar().currentMessage() == "Bob 鲍勃 is typing in the map’s details: not a place on the canvas."
    assert (host.view.horizontalScrollBar().value(), host.view.verticalScrollBar().value()) == before

    # My own row: nothing happens.
    host.statusBar().clearMessage()
    QTest.mouseClick(rows.viewport(), LEFT, NO_MOD, rows.visualItemRect(row_of(host, "Alice (you)")).center())
    assert host.statusBar().currentMessage() == ""
