"""Two windows in one live session (issue 14, collab-remote): a person links two cards
(click, Ctrl+L, the dialog), renames a lane (double-click its header, type, Enter) and
adds a step (Ctrl+Shift+T, type, Enter) in one window; the other window shows each,
its change record (initiator: the remote participant) names only what was made, no
whole repaired view is built, and its canvas keeps every card item it had: the link
and the lane name are drawn without a scene rebuild. A new step changes the grid,
which the scene follows without a rebuild too (``JourneyScene._follow_grid``).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtTest import QTest

from cxmapper.model.fileformat import dumps
from cxmapper.ui.edit_channel import RemoteInitiator
from tests.collab.test_remote import _named
from tests.collab.test_ydoc_speed import _Builds
from tests.ui.test_edit_channel import type_chinese
from tests.ui.test_session_window import (  # noqa: F401 (pair: the two windows' fixture)
    CTRL,
    LEFT,
    NO_MOD,
    WAIT_MS,
    activate,
    click_card,
    join_session,
    pair,
    start_session,
)

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _double_click_header(window, kind: str, item_id: str) -> None:
    rect = window.scene.header_rect(kind, item_id)
    window.view.ensureVisible(rect)
    QTest.mouseDClick(window.view.viewport(), LEFT, NO_MOD, window.view.mapFromScene(rect.center()))


def _click_cell(window, lane_id: str, step_id: str) -> None:
    rect = window.scene.cell_rect(lane_id, step_id)
    window.view.ensureVisible(rect)
    point = window.view.mapFromScene(QPointF(rect.center().x(), rect.bottom() - 6))
    QTest.mouseClick(window.view.viewport(), LEFT, NO_MOD, point)


def test_a_link_a_lane_name_and_a_step_redraw_only_themselves_in_the_other_window(qtbot, pair, monkeypatch):
    host, guest = pair
    link = start_session(qtbot, host, "Alice")
    join_session(qtbot, guest, link, "李雷")
    qtbot.waitUntil(lambda: guest.session.active, timeout=WAIT_MS)
    builds = _Builds(monkeypatch)
    seen = []
    guest.channel.observe(lambda record, initiator: seen.append((record, initiator)))
    scene = guest.scene
    items = {card.id: scene.card_item(card.id) for card in guest.editor.doc.cards}
    rebuilds, created = scene.stats["rebuilds"], scene.stats["cards_created"]

    def only(part: str, kind: str, item_id: str) -> tuple:
        named = [{}, {}, {}, {}, set()]
        named[("added", "removed", "updated", "moved").index(part)] = {kind: {item_id}}
        return tuple(named)

    def cards_kept() -> bool:
        return all(scene.card_item(card_id) is item for card_id, item in items.items())

    # A link: click the card, Ctrl+L, filter the dialog by the target's title, Enter.
    activate(qtbot, host)
    click_card(host, "c-fast")

    def choose() -> None:
        dialog = host.edit_actions.last_dialog
        type_chinese(dialog.filter, "身份")
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose)
    QTest.keyClick(host.view, Qt.Key.Key_L, CTRL)
    made = [k for k in host.editor.doc.links if (k.source, k.target) == ("c-fast", "c-kyc")]
    assert len(made) == 1
    link_id = made[0].id
    qtbot.waitUntil(lambda: guest.editor.has("link", link_id), timeout=WAIT_MS)
    record, initiator = seen[-1]
    assert isinstance(initiator, RemoteInitiator) and initiator.participant == "Alice"
    assert _named(record) == only("added", "link", link_id)
    assert scene.link_item(link_id) is not None
    assert scene.stats["rebuilds"] == rebuilds and scene.stats["cards_created"] == created and cards_kept()
    assert builds.count == 0

    # A lane renamed on its header: double-click, type, Enter.
    _double_click_header(host, "lane", "l-back")
    type_chinese(host.view, "后台支持")
    QTest.keyClick(host.view, Qt.Key.Key_Return)
    assert host.editor.lane("l-back").name == "后台支持"
    qtbot.waitUntil(lambda: guest.editor.lane("l-back").name == "后台支持", timeout=WAIT_MS)
    assert _named(seen[-1][0]) == only("updated", "lane", "l-back")
    assert scene.stats["rebuilds"] == rebuilds and scene.stats["cards_created"] == created and cards_kept()

    # A step after the current one: click a cell, Ctrl+Shift+T, type its name, Enter.
    before = len(seen)
    activate(qtbot, host)
    _click_cell(host, "l-front", "s1")
    QTest.keyClick(host.view, Qt.Key.Key_T, CTRL | SHIFT)
    type_chinese(host.view, "填写资料")
    QTest.keyClick(host.view, Qt.Key.Key_Return)
    step = host.editor.stage("st-buy").steps[1]
    assert step.name == "填写资料"
    qtbot.waitUntil(lambda: guest.editor.has("step", step.id) and guest.editor.step(step.id)[1].name == "填写资料",
                    timeout=WAIT_MS)
    # one or two records (the add and the rename, or both in one flush): this step only
    records = [record for record, _ in seen[before:]]
    assert records and _named(records[0]) == only("added", "step", step.id)
    assert all(_named(r) == only("updated", "step", step.id) for r in records[1:])
    assert [s.id for s in guest.editor.stage("st-buy").steps] == [s.id for s in host.editor.stage("st-buy").steps]
    assert scene.stats["rebuilds"] == rebuilds  # the grid changed: followed, not rebuilt (canvas-grid)
    assert builds.count == 0  # no whole repaired view in either window, for any of the three edits
    assert dumps(guest.editor.doc) == dumps(host.editor.doc)
    assert guest.undo_stack.count() == 0  # someone else's edits are not on my history
