"""Typing in the inspector or the outline is presence, as typing on the canvas is (issue 14).

Two windows in one session (one in-app server on 127.0.0.1), driven by mouse and keys:
Bob clicks into a card's description in the inspector and types; Alice sees Bob's frame
with his name on that card and "typing in card …" under his name in "Who is here"; Bob
clicks the canvas: gone. Bob renames a step in the outline (F2 in the tree): Alice sees
the frame on that step's header; Escape: gone. The map's title in the inspector shows
no frame (it is not on the canvas) but the list says it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cxmapper.ui import edits

from tests.ui.test_session_window import (  # noqa: F401 (pair is a fixture)
    LEFT,
    NO_MOD,
    WAIT_MS,
    activate,
    click_card,
    in_session,
    join_session,
    pair,
    start_session,
)


def cells(window) -> list[tuple[str, str, str, str]]:
    return [mark for mark in window.session.overlay.marks if mark[0] == "cell"]


def test_typing_a_description_in_the_inspector_frames_the_card_for_the_others(qtbot, pair):
    host, guest = in_session(qtbot, pair, guest_name="Bob 鲍勃")
    click_card(guest, "c-kyc")
    assert guest.inspector.target_kind == "card" and guest.inspector.target_ids == ("c-kyc",)
    description = guest.inspector.card_description
    QTest.mouseClick(description.viewport(), LEFT, NO_MOD, description.viewport().rect().center())
    qtbot.waitUntil(lambda: description.hasFocus(), timeout=WAIT_MS)
    # Alice sees Bob's frame and name on the card, as when he types on the canvas.
    qtbot.waitUntil(lambda: cells(host) == [("cell", "c-kyc", "Bob 鲍勃", "#1f77b4")], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "typing in card “身份核验”" in "\n".join(host.session.presence_list.rows()), timeout=WAIT_MS)
    description.moveCursor(description.textCursor().MoveOperation.End)
    QTest.keyClicks(description, " ok")
    qtbot.waitUntil(lambda: host.editor.card("c-kyc").description == "人工审核 KYC ok", timeout=WAIT_MS)
    assert cells(host) == [("cell", "c-kyc", "Bob 鲍勃", "#1f77b4")]  # still typing
    # The title field of the same card: still that card, now the title.
    title = guest.inspector.card_title
    QTest.mouseClick(title, LEFT, NO_MOD, title.rect().center())
    qtbot.waitUntil(lambda: title.hasFocus(), timeout=WAIT_MS)
    qtbot.wait(100)
    assert cells(host) == [("cell", "c-kyc", "Bob 鲍勃", "#1f77b4")]
    # Bob leaves the field by clicking another card on the canvas: the frame goes.
    click_card(guest, "c-ad")
    qtbot.waitUntil(lambda: cells(host) == [], timeout=WAIT_MS)
    assert ("selection", "c-ad", "Bob 鲍勃", "#1f77b4") in host.session.overlay.marks
    assert host.session.presence_list.rows() == ["Alice (you)", "Bob 鲍勃"]
    # The map's title (no card, nothing on the canvas to frame): the list says where.
    guest.inspector.show_target("map", ())
    QTest.mouseClick(guest.inspector.map_title, LEFT, NO_MOD, guest.inspector.map_title.rect().center())
    qtbot.waitUntil(lambda: "typing in the map’s details" in "\n".join(host.session.presence_list.rows()), timeout=WAIT_MS)
    assert cells(host) == []


def test_renaming_a_step_in_the_outline_frames_its_header_for_the_others(qtbot, pair):
    host, guest = in_session(qtbot, pair, guest_name="Bob 鲍勃")
    tree = guest.outline.tree
    item = guest.outline.find_item("step", "s2")
    tree.scrollToItem(item)
    QTest.mouseClick(tree.viewport(), LEFT, NO_MOD, tree.visualItemRect(item).center())
    assert guest.outline.current() == ("step", "s2")
    QTest.keyClick(tree, Qt.Key.Key_F2)  # rename in place
    qtbot.waitUntil(lambda: cells(host) == [("cell", "step:s2", "Bob 鲍勃", "#1f77b4")], timeout=WAIT_MS)
    assert any("typing in step “开户”" in row for row in host.session.presence_list.rows())
    header = host.scene.header_rect("step", "s2")
    frames = [i for i in host.scene.items(header) if i.zValue() >= 1000]
    assert frames, "a frame over the step's header in Alice's canvas"
    QTest.keyClick(guest.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: cells(host) == [], timeout=WAIT_MS)
    # Renamed for real (F2, type, Enter): the name arrives, the frame goes.
    QTest.keyClick(tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: cells(host) != [], timeout=WAIT_MS)
    editor = guest.focusWidget()
    editor.selectAll()
    QTest.keyClicks(editor, "Open account")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: host.editor.step("s2")[1].name == "Open account", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: cells(host) == [], timeout=WAIT_MS)


def test_a_long_chinese_name_is_shortened_over_the_frame_and_whole_in_the_list(qtbot, pair):
    host, guest = pair
    link = start_session(qtbot, host, "Alice")
    long_name = "欧阳" + "娜" * 40
    join_session(qtbot, guest, link, long_name)
    qtbot.waitUntil(lambda: guest.session.active, timeout=WAIT_MS)
    click_card(guest, "c-app")
    QTest.keyClick(guest.view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: cells(host) != [], timeout=WAIT_MS)
    assert cells(host)[0][2] == long_name  # who it is: the whole name
    labels = [i for i in host.scene.items() if i.zValue() == 1001 and i.childItems()]
    shown = labels[0].childItems()[0].text()
    assert shown.startswith("欧阳娜") and shown.endswith("…") and len(shown) == 24
    assert long_name in host.session.presence_list.names()
    QTest.keyClick(guest.view, Qt.Key.Key_Escape)


def test_a_remote_rename_does_not_close_the_name_being_typed_in_the_outline(qtbot, pair):
    """Before: the other's change rebuilt the outline and closed Bob's editor, his typing lost."""
    host, guest = in_session(qtbot, pair, guest_name="Bob 鲍勃")
    tree = guest.outline.tree
    item = guest.outline.find_item("step", "s2")
    QTest.mouseClick(tree.viewport(), LEFT, NO_MOD, tree.visualItemRect(item).center())
    QTest.keyClick(tree, Qt.Key.Key_F2)
    editor = guest.focusWidget()
    editor.selectAll()
    QTest.keyClicks(editor, "Open")
    # Meanwhile Alice renames a stage (her edit arrives while Bob types).
    assert host.channel.push_edit(edits.rename("stage", "st-aware", "Awareness"))
    qtbot.waitUntil(lambda: guest.editor.stage("st-aware").name == "Awareness", timeout=WAIT_MS)
    qtbot.wait(50)
    assert guest.focusWidget() is editor and editor.text() == "Open"  # still typing
    QTest.keyClicks(editor, " account")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: host.editor.step("s2")[1].name == "Open account", timeout=WAIT_MS)
    # The outline shows both names once the editor closed.
    qtbot.waitUntil(lambda: guest.outline.find_item("stage", "st-aware").text(0) == "Awareness", timeout=WAIT_MS)
    assert guest.outline.find_item("step", "s2").text(0) == "Open account"


def test_renaming_a_stage_in_its_header_on_the_canvas_frames_it_for_the_others(qtbot, pair):
    host, guest = in_session(qtbot, pair, guest_name="Bob 鲍勃")
    header = guest.scene.header_rect("stage", "st-aware")  # the first: in view, under the frozen top
    QTest.mouseDClick(guest.view.viewport(), LEFT, NO_MOD, guest.view.mapFromScene(header.center()))
    qtbot.waitUntil(lambda: cells(host) == [("cell", "stage:st-aware", "Bob 鲍勃", "#1f77b4")], timeout=WAIT_MS)
    assert any("typing in stage “认知”" in row for row in host.session.presence_list.rows())
    QTest.keyClick(guest.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: cells(host) == [], timeout=WAIT_MS)
    assert guest.editor.stage("st-aware").name == "认知"


def test_two_people_typing_in_one_description_each_keeps_their_cursor(qtbot, pair):
    """Before: each of Alice's keys reset Bob's description field, his cursor jumped to
    the start and his next keys landed there."""
    host, guest = in_session(qtbot, pair)
    fields = {}
    for window in (guest, host):
        activate(qtbot, window)
        click_card(window, "c-kyc")
        field = window.inspector.card_description
        QTest.mouseClick(field.viewport(), LEFT, NO_MOD, field.viewport().rect().center())
        qtbot.waitUntil(field.hasFocus, timeout=WAIT_MS)
        fields[window] = field
    bob, alice = fields[guest], fields[host]
    activate(qtbot, guest)
    QTest.keyClick(bob, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(bob, " B1")
    qtbot.waitUntil(lambda: host.editor.card("c-kyc").description == "人工审核 KYC B1", timeout=WAIT_MS)
    activate(qtbot, host)
    QTest.keyClick(alice, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(alice, "A: ")
    qtbot.waitUntil(lambda: guest.editor.card("c-kyc").description == "A: 人工审核 KYC B1", timeout=WAIT_MS)
    assert bob.toPlainText() == "A: 人工审核 KYC B1" and bob.textCursor().position() == len("A: 人工审核 KYC B1")
    activate(qtbot, guest)
    QTest.keyClicks(bob, " B2")  # where Bob was: at the end
    expected = "A: 人工审核 KYC B1 B2"
    qtbot.waitUntil(lambda: host.editor.card("c-kyc").description == expected, timeout=WAIT_MS)
    assert guest.editor.card("c-kyc").description == expected
    assert alice.textCursor().position() == len("A: ")  # Alice's cursor stayed after her text
    assert [m for m in host.session.overlay.marks if m[0] == "cell"] == [("cell", "c-kyc", "Bob", "#1f77b4")]


def test_cursor_after_change():
    from cxmapper.ui.panels.inspector import cursor_after_change

    assert cursor_after_change("abc", "Xabc", 3) == 4  # inserted before: moves
    assert cursor_after_change("abc", "abcX", 1) == 1  # inserted after: stays
    assert cursor_after_change("abcdef", "abXYef", 3) == 4  # inside a replacement: after it
    assert cursor_after_change("abc", "bc", 2) == 1  # deleted before
    assert cursor_after_change("", "新文字", 0) == 0
