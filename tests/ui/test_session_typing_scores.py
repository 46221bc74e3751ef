"""Typing a comment, a metric or an emotion score is presence too (issue 14).

Two windows in one session (one in-app server on 127.0.0.1) on a map with an emotion
lane, driven by keys and mouse in Bob's window, checked in Alice's:

- the comments panel's typing box (Edit ▸ Comment…, Ctrl+Alt+M, on a card; a click on
  a step's header then points it at the step): Alice sees Bob's frame on the card, then
  on the step's header, and "typing a comment on …" in Who is here; his comment
  arrives; a click on the canvas clears it;
- the inspector's NPS field: the frame on the card, "typing the metrics of card …";
- dragging a persona's point: the frame around that point, "setting 年轻白领’s score at
  开户" while the mouse is down; cleared on release, the new score arrives;
- a persona's score typed in the step's inspector (the step chosen in the outline): the
  same line and frame; a click on a card clears it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from cxmapper.model.document import Lane, LaneKind
from tests.ui import test_session_window as session_window_tests
from tests.ui.shell_support import sample_document
from tests.ui.test_session_window import (  # noqa: F401 (pair is a fixture)
    CTRL,
    LEFT,
    NO_MOD,
    WAIT_MS,
    activate,
    click_card,
    in_session,
    pair,
)

ALT = Qt.KeyboardModifier.AltModifier


def emotion_map():
    doc = sample_document()
    return doc.model_copy(update={"lanes": [*doc.lanes, Lane(id="l-emo", name="情绪", kind=LaneKind.EMOTIONS)]})


@pytest.fixture
def emotion_pair(request, monkeypatch):
    """test_session_window's pair of windows, the host's map with an emotion lane."""
    monkeypatch.setattr(session_window_tests, "sample_document", emotion_map)
    return request.getfixturevalue("pair")


def cells(window) -> list[tuple[str, str, str, str]]:
    return [mark for mark in window.session.overlay.marks if mark[0] == "cell"]


def second_rows(window) -> list[str]:
    """The "typing …" lines under the others' names in Who is here."""
    return [row.split("\n", 1)[1] for row in window.session.presence_list.rows() if "\n" in row]


def test_typing_a_comment_frames_its_card_then_its_step_for_the_others(qtbot, emotion_pair):
    host, guest = in_session(qtbot, emotion_pair, guest_name="Bob 鲍勃")
    activate(qtbot, guest)
    click_card(guest, "c-kyc")
    QTest.keyClick(guest.view, Qt.Key.Key_M, CTRL | ALT)  # Edit ▸ Comment…
    box = guest.comments.panel.box
    qtbot.waitUntil(box.hasFocus, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: cells(host) == [("cell", "c-kyc", "Bob 鲍勃", "#1f77b4")], timeout=WAIT_MS)
    assert second_rows(host) == ["typing a comment on card “身份核验”"]
    QTest.keyClicks(box, "why manual?")
    QTest.keyClick(box, Qt.Key.Key_Return)  # posts; the box keeps the focus
    qtbot.waitUntil(lambda: [c.text for c in host.editor.doc.comments] == ["why manual?"], timeout=WAIT_MS)
    assert host.editor.doc.comments[0].target == "c-kyc"
    assert host.editor.doc.comments[0].author == "Bob 鲍勃"  # signed with his session name: not asked again
    assert box.hasFocus() and cells(host) == [("cell", "c-kyc", "Bob 鲍勃", "#1f77b4")]
    # A click on the step's header points the panel at the step; the box is clicked again.
    header = guest.scene.header_rect("step", "s2")
    QTest.mouseClick(guest.view.viewport(), LEFT, NO_MOD, guest.view.mapFromScene(header.center()))
    assert guest.comments.panel.target_kind == "step"
    QTest.mouseClick(box.viewport(), LEFT, NO_MOD, box.viewport().rect().center())
    qtbot.waitUntil(lambda: cells(host) == [("cell", "step:s2", "Bob 鲍勃", "#1f77b4")], timeout=WAIT_MS)
    assert second_rows(host) == ["typing a comment on step “开户”"]
    # Leaving the box (a card clicked on the canvas) clears it.
    click_card(guest, "c-ad")
    qtbot.waitUntil(lambda: cells(host) == [] and second_rows(host) == [], timeout=WAIT_MS)


def test_typing_a_metric_in_the_inspector_frames_the_card(qtbot, emotion_pair):
    host, guest = in_session(qtbot, emotion_pair, guest_name="Bob")
    activate(qtbot, guest)
    click_card(guest, "c-app")
    nps = guest.inspector.card_nps
    QTest.mouseClick(nps, LEFT, NO_MOD, nps.rect().center())
    qtbot.waitUntil(nps.hasFocus, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: cells(host) == [("cell", "c-app", "Bob", "#1f77b4")], timeout=WAIT_MS)
    assert second_rows(host) == ["typing the metrics of card “下载 APP”"]
    nps.lineEdit().selectAll()
    QTest.keyClicks(nps, "40")
    QTest.keyClick(nps, Qt.Key.Key_Tab)  # the value is taken, the focus moves to CSAT: still metrics
    qtbot.waitUntil(lambda: (host.editor.card("c-app").metrics or 0) and host.editor.card("c-app").metrics.nps == 40,
                    timeout=WAIT_MS)
    assert cells(host) == [("cell", "c-app", "Bob", "#1f77b4")]
    click_card(guest, "c-ad")
    qtbot.waitUntil(lambda: cells(host) == [], timeout=WAIT_MS)


def test_dragging_an_emotion_point_frames_it_and_says_whose_score_while_the_mouse_is_down(qtbot, emotion_pair):
    host, guest = in_session(qtbot, emotion_pair, guest_name="Bob")
    activate(qtbot, guest)
    qtbot.wait(50)
    scene, layout = guest.scene, guest.scene.layout
    curve = next(c for c in scene.curve_items() if c.persona_id == "p1" and c.curve == "as_is")
    handle = next(h for h in curve.handles if h.step_id == "s2")
    guest.view.ensureVisible(handle.sceneBoundingRect(), 80, 80)
    viewport = guest.view.viewport()
    start = guest.view.mapFromScene(handle.scenePos())
    QTest.mousePress(viewport, LEFT, NO_MOD, start)
    target = guest.view.mapFromScene(QPointF(handle.scenePos().x(), layout.emotion_y("l-emo", 1)))
    for i in range(1, 5):
        QTest.mouseMove(viewport, start + (target - start) * (i / 4))
    qtbot.waitUntil(lambda: cells(host) == [("cell", "emotion:p1/s2", "Bob", "#1f77b4")], timeout=WAIT_MS)
    assert second_rows(host) == ["setting 年轻白领’s score at 开户"]
    # The frame is around Alice's own point of that persona at that step.
    hosts_handle = next(
        h for c in host.scene.curve_items() if c.persona_id == "p1" and c.curve == "as_is" for h in c.handles
        if h.step_id == "s2"
    )
    frames = [i for i in host.scene.items(hosts_handle.sceneBoundingRect()) if i.zValue() >= 1000]
    assert frames, "a frame around the point in Alice's canvas"
    QTest.mouseRelease(viewport, LEFT, NO_MOD, target)
    qtbot.waitUntil(lambda: cells(host) == [] and second_rows(host) == [], timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: {p.step: p.score for p in host.editor.persona("p1").as_is}.get("s2") == 1, timeout=WAIT_MS
    )


def test_typing_a_score_in_the_step_inspector_says_whose_score(qtbot, emotion_pair):
    host, guest = in_session(qtbot, emotion_pair, guest_name="Bob")
    activate(qtbot, guest)
    tree = guest.outline.tree  # the step chosen in the outline: the inspector shows it
    item = guest.outline.find_item("step", "s1")
    tree.scrollToItem(item)
    QTest.mouseClick(tree.viewport(), LEFT, NO_MOD, tree.visualItemRect(item).center())
    qtbot.waitUntil(lambda: guest.inspector.target_kind == "step", timeout=WAIT_MS)
    spin = guest.inspector._emotion_spins["p0"]
    QTest.mouseClick(spin, LEFT, NO_MOD, spin.rect().center())
    qtbot.waitUntil(spin.hasFocus, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: second_rows(host) == ["setting 中年客户’s score at 下载应用"], timeout=WAIT_MS)
    assert cells(host) == [("cell", "emotion:p0/s1", "Bob", "#1f77b4")]
    QTest.keyClick(spin, Qt.Key.Key_Up)
    qtbot.waitUntil(
        lambda: {p.step: p.score for p in host.editor.persona("p0").as_is}.get("s1") == 1, timeout=WAIT_MS
    )
    click_card(guest, "c-ad")
    qtbot.waitUntil(lambda: cells(host) == [] and second_rows(host) == [], timeout=WAIT_MS)


def test_rating_a_pain_points_severity_frames_the_card(qtbot, emotion_pair):
    host, guest = in_session(qtbot, emotion_pair, guest_name="Bob")
    activate(qtbot, guest)
    click_card(guest, "c-wait")
    severity = guest.inspector.card_severity
    QTest.mouseClick(severity, LEFT, NO_MOD, severity.rect().center())
    qtbot.waitUntil(severity.hasFocus, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: cells(host) == [("cell", "c-wait", "Bob", "#1f77b4")], timeout=WAIT_MS)
    assert second_rows(host) == ["rating the severity of card “等待太久”"]
    QTest.keyClick(severity, Qt.Key.Key_Tab)  # on to frequency: still this card
    qtbot.waitUntil(lambda: second_rows(host) == ["rating the frequency of card “等待太久”"], timeout=WAIT_MS)
    click_card(guest, "c-ad")
    qtbot.waitUntil(lambda: cells(host) == [], timeout=WAIT_MS)
