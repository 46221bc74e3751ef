"""Gestures through real mouse and key events on the view: each is one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cxmapper.model.document import CardKind, LinkKind
from cxmapper.ui.canvas import JourneyScene, JourneyView
from cxmapper.ui.canvas.interactions import EditTitle

NO_MOD = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def canvas(edit, qtbot):
    editor, stack = edit
    scene = JourneyScene(editor, stack)
    view = JourneyView(scene)
    qtbot.addWidget(view)
    view.resize(1200, 1000)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    yield scene, view
    scene.detach()


def vp(view, scene_point: QPointF) -> QPoint:
    return view.mapFromScene(scene_point)


def click(view, scene_point: QPointF, modifier=NO_MOD) -> None:
    QTest.mouseClick(view.viewport(), LEFT, modifier, vp(view, scene_point))


def drag(view, start: QPointF, end: QPointF, modifier=NO_MOD, steps: int = 5) -> None:
    viewport = view.viewport()
    a, b = vp(view, start), vp(view, end)
    QTest.mousePress(viewport, LEFT, modifier, a)
    for i in range(1, steps + 1):
        p = a + (b - a) * (i / steps)
        QTest.mouseMove(viewport, QPoint(round(p.x()), round(p.y())))
    QTest.mouseRelease(viewport, LEFT, modifier, b)


def type_chinese(view, text: str) -> None:
    """What an input method sends when the user picks a candidate."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(view, event)


def cell_center(scene, lane_id, step_id) -> QPointF:
    r = scene.cell_rect(lane_id, step_id)
    return QPointF(r.center().x(), r.bottom() - 8)  # below the cards, still inside


def test_click_on_an_empty_cell_selects_it(canvas):
    scene, view = canvas
    click(view, cell_center(scene, "l-opp", "t-ad"))
    assert scene.current_cell() == ("l-opp", "t-ad")
    assert scene.cell_mark.isVisible() and scene.cell_mark.rect() == scene.cell_rect("l-opp", "t-ad")
    assert scene.undo_stack.count() == 0


def test_add_card_by_key_then_type_title_and_enter(canvas, qtbot):
    scene, view = canvas
    click(view, cell_center(scene, "l-pain", "t-web"))
    QTest.keyClick(view, Qt.Key.Key_N)
    assert isinstance(scene.interaction(), EditTitle)
    QTest.keyClicks(view, "Slow ")
    type_chinese(view, "页面")
    QTest.keyClick(view, Qt.Key.Key_Return)
    cards = scene.editor.cards_in("l-pain", "t-web")
    assert [c.title for c in cards] == ["Slow 页面"]
    assert cards[0].kind is CardKind.PAIN_POINT  # the lane's default kind
    assert scene.undo_stack.count() == 1
    assert scene.undo_stack.undoText() == "Add pain point"
    assert scene.selected_card_ids() == [cards[0].id]
    scene.undo_stack.undo()
    assert scene.editor.cards_in("l-pain", "t-web") == []


def test_escape_cancels_a_new_card(canvas):
    scene, view = canvas
    click(view, cell_center(scene, "l-opp", "t-ad"))
    QTest.keyClick(view, Qt.Key.Key_N)
    QTest.keyClicks(view, "draft")
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert scene.interaction() is None
    assert scene.undo_stack.count() == 0
    assert scene.editor.cards_in("l-opp", "t-ad") == []


def test_tab_finishes_and_moves_to_the_next_cell(canvas):
    scene, view = canvas
    click(view, cell_center(scene, "l-opp", "t-ad"))
    QTest.keyClick(view, Qt.Key.Key_Return)  # Enter on an empty cell adds too
    QTest.keyClicks(view, "first")
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert scene.current_cell() == ("l-opp", "t-web")
    assert isinstance(scene.interaction(), EditTitle)
    QTest.keyClicks(view, "second")
    QTest.keyClick(view, Qt.Key.Key_Backtab)
    assert scene.current_cell() == ("l-opp", "t-ad")
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert [c.title for c in scene.editor.cards_in("l-opp", "t-ad")] == ["first"]
    assert [c.title for c in scene.editor.cards_in("l-opp", "t-web")] == ["second"]
    assert scene.undo_stack.count() == 2


def test_shift_n_offers_the_card_kinds(canvas):
    scene, view = canvas
    click(view, cell_center(scene, "l-opp", "t-ad"))
    QTest.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    menu = scene.kind_menu
    assert menu.actions()[0].data() == CardKind.OPPORTUNITY.value
    note = next(a for a in menu.actions() if a.data() == CardKind.NOTE.value)
    note.trigger()
    QTest.keyClicks(view, "memo")
    QTest.keyClick(view, Qt.Key.Key_Enter)
    (card,) = scene.editor.cards_in("l-opp", "t-ad")
    assert card.kind is CardKind.NOTE and card.title == "memo"


def test_double_click_edits_a_title_in_place(canvas):
    scene, view = canvas
    center = scene.card_item("c-see").scene_rect().center()
    QTest.mouseDClick(view.viewport(), LEFT, NO_MOD, vp(view, center))
    assert isinstance(scene.interaction(), EditTitle)
    type_chinese(view, "在公交站看到广告")  # replaces the selected old title
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert scene.editor.card("c-see").title == "在公交站看到广告"
    assert scene.undo_stack.count() == 1
    scene.undo_stack.undo()
    assert scene.editor.card("c-see").title == "在地铁里看到广告"


def test_drag_a_card_to_another_cell_is_one_undo_step(canvas):
    scene, view = canvas
    before = scene.editor.doc.model_dump()
    start = scene.card_item("c-open").scene_rect().center()
    drag(view, start, cell_center(scene, "l-act", "t-ad"))
    card = scene.editor.card("c-open")
    assert (card.lane, card.step) == ("l-act", "t-ad")
    assert [c.id for c in scene.editor.cards_in("l-act", "t-ad")] == ["c-see", "c-open"]
    assert scene.undo_stack.count() == 1 and scene.undo_stack.undoText() == "Move 1 card(s)"
    item = scene.card_item("c-open")
    assert scene.cell_rect("l-act", "t-ad").contains(item.scene_rect())
    assert item.opacity() == 1.0 and not scene.drop_line.isVisible()
    scene.undo_stack.undo()
    assert scene.editor.doc.model_dump() == before


def test_drag_above_a_card_reorders_the_cell(canvas):
    scene, view = canvas
    target = scene.card_item("c-see").scene_rect()
    drag(view, scene.card_item("c-open").scene_rect().center(), QPointF(target.center().x(), target.top() + 3))
    assert [c.id for c in scene.editor.cards_in("l-act", "t-ad")] == ["c-open", "c-see"]


def test_multi_selection_moves_together_as_one_step(canvas):
    scene, view = canvas
    click(view, scene.card_item("c-see").scene_rect().center())
    click(view, scene.card_item("c-open").scene_rect().center(), Qt.KeyboardModifier.ControlModifier)
    assert scene.selected_card_ids() == ["c-see", "c-open"]
    drag(view, scene.card_item("c-open").scene_rect().center(), cell_center(scene, "l-act", "t-pay"))
    assert [c.id for c in scene.editor.cards_in("l-act", "t-pay")] == ["c-pay", "c-see", "c-open"]
    assert scene.undo_stack.count() == 1 and scene.undo_stack.undoText() == "Move 2 card(s)"
    scene.undo_stack.undo()
    assert [c.id for c in scene.editor.cards_in("l-act", "t-ad")] == ["c-see"]


def test_escape_during_a_drag_pushes_nothing(canvas):
    scene, view = canvas
    viewport = view.viewport()
    a = vp(view, scene.card_item("c-open").scene_rect().center())
    QTest.mousePress(viewport, LEFT, NO_MOD, a)
    QTest.mouseMove(viewport, a + QPoint(60, 40))
    QTest.mouseMove(viewport, a + QPoint(120, 80))
    QTest.keyClick(view, Qt.Key.Key_Escape)
    QTest.mouseRelease(viewport, LEFT, NO_MOD, a + QPoint(120, 80))
    assert scene.undo_stack.count() == 0
    assert scene.card_item("c-open").opacity() == 1.0


def test_rubber_band_selects_cards(canvas):
    scene, view = canvas
    top_left = scene.cell_rect("l-act", "t-ad").topLeft() + QPointF(3, 3)
    bottom_right = scene.cell_rect("l-front", "t-web").bottomRight() - QPointF(3, 3)
    drag(view, top_left, bottom_right)
    assert set(scene.selected_card_ids()) == {"c-see", "c-open", "c-site"}
    assert scene.undo_stack.count() == 0


def test_drag_an_emotion_point_snaps_to_the_scale(canvas):
    scene, view = canvas
    curve = next(c for c in scene.curve_items() if c.persona_id == "p-li" and c.curve == "as_is")
    handle = next(h for h in curve.handles if h.step_id == "t-web")
    start = handle.scenePos()
    target_y = scene.layout.emotion_y("l-emo", 2) + 4  # a little off the +2 line
    drag(view, start, QPointF(start.x(), target_y))
    persona = scene.editor.persona("p-li")
    assert [(p.step, p.score) for p in persona.as_is] == [("t-ad", 1), ("t-web", 2), ("t-pay", -2)]
    assert scene.undo_stack.count() == 1
    scene.undo_stack.undo()
    assert [p.score for p in scene.editor.persona("p-li").as_is] == [1, 0, -2]


def test_link_by_shift_drag_and_choose_the_kind(canvas):
    scene, view = canvas
    source = scene.card_item("c-fast").scene_rect().center()
    target = scene.card_item("c-site").scene_rect().center()
    drag(view, source, target, Qt.KeyboardModifier.ShiftModifier)
    menu = scene.link_menu
    kinds = [a.data() for a in menu.actions()]
    assert sorted(kinds) == sorted(k.value for k in LinkKind)
    next(a for a in menu.actions() if a.data() == LinkKind.SUPPORTS.value).trigger()
    new = [l for l in scene.editor.doc.links if (l.source, l.target) == ("c-fast", "c-site")]
    assert len(new) == 1 and new[0].kind is LinkKind.SUPPORTS
    assert scene.link_item(new[0].id) is not None
    assert scene.undo_stack.count() == 1
    scene.undo_stack.undo()
    assert scene.link_item(new[0].id) is None


def test_link_menu_suggests_addresses_from_opportunity_to_pain_point(canvas):
    scene, view = canvas
    drag(view, scene.card_item("c-fast").scene_rect().center(),
         scene.card_item("c-slow").scene_rect().center(), Qt.KeyboardModifier.ShiftModifier)
    assert scene.link_menu.actions()[0].data() == LinkKind.ADDRESSES.value


def test_zoom_keeps_within_limits(canvas):
    scene, view = canvas
    view.zoom_in()
    assert view.zoom() == pytest.approx(1.25)
    view.zoom_reset()
    assert view.zoom() == 1.0
    view.zoom_fit()
    assert scene.itemsBoundingRect().width() * view.zoom() <= view.viewport().width() + 1
    for _ in range(40):
        view.zoom_out()
    assert view.zoom() >= 0.1


def test_double_click_on_a_stage_header_renames_it(canvas):
    scene, view = canvas
    header = scene.header_rect("stage", "s-buy")
    QTest.mouseDClick(view.viewport(), LEFT, NO_MOD, vp(view, header.center()))
    type_chinese(view, "购买阶段")
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert scene.editor.stage("s-buy").name == "购买阶段"
    assert scene.undo_stack.undoText() == "Rename stage"
    assert scene._stage_headers["s-buy"]._name == "购买阶段"


def test_click_on_a_lane_header_reports_it(canvas, qtbot):
    scene, view = canvas
    with qtbot.waitSignal(scene.header_clicked) as blocker:
        click(view, scene.header_rect("lane", "l-pain").center())
    assert blocker.args == ["lane", "l-pain"]
    assert scene.undo_stack.count() == 0


def test_right_click_asks_the_shell_for_a_context_menu(canvas, qtbot):
    scene, view = canvas
    center = vp(view, scene.card_item("c-slow").scene_rect().center())
    with qtbot.waitSignal(scene.context_menu_requested) as blocker:
        from PySide6.QtGui import QContextMenuEvent

        QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, center, view.viewport().mapToGlobal(center)))
    assert blocker.args[1:] == ["c-slow", ("l-pain", "t-pay")]
    assert scene.selected_card_ids() == ["c-slow"]


def test_middle_drag_and_space_drag_pan_without_editing(canvas):
    scene, view = canvas
    view.set_zoom(2.0)
    h, v = view.horizontalScrollBar(), view.verticalScrollBar()
    h.setValue(200)
    v.setValue(200)
    viewport = view.viewport()
    start = (h.value(), v.value())
    QTest.mousePress(viewport, Qt.MouseButton.MiddleButton, NO_MOD, QPoint(400, 400))
    QTest.mouseMove(viewport, QPoint(300, 350))
    QTest.mouseRelease(viewport, Qt.MouseButton.MiddleButton, NO_MOD, QPoint(300, 350))
    assert (h.value(), v.value()) == (start[0] + 100, start[1] + 50)
    # Space held: a drag that starts on a card pans, and moves no card.
    card_at = vp(view, scene.card_item("c-open").scene_rect().center())
    QTest.keyPress(view, Qt.Key.Key_Space)
    before = (h.value(), v.value())
    QTest.mousePress(viewport, LEFT, NO_MOD, card_at)
    QTest.mouseMove(viewport, card_at + QPoint(-80, -60))
    QTest.mouseRelease(viewport, LEFT, NO_MOD, card_at + QPoint(-80, -60))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert (h.value(), v.value()) != before
    assert scene.undo_stack.count() == 0


def test_ctrl_wheel_zooms(canvas):
    scene, view = canvas
    from PySide6.QtGui import QWheelEvent

    pos = QPointF(300, 300)
    event = QWheelEvent(pos, view.viewport().mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom() == pytest.approx(1.25)


def test_right_press_selects_the_card_under_the_mouse(canvas):
    scene, view = canvas
    scene.select_cards(["c-see"])
    point = vp(view, scene.card_item("c-fast").scene_rect().center())
    QTest.mousePress(view.viewport(), Qt.MouseButton.RightButton, NO_MOD, point)
    assert scene.selected_card_ids() == ["c-fast"]
    assert scene.current_cell() == ("l-opp", "t-pay")
    # Released: a button left down in QTest's state makes the next tests' clicks drags.
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.RightButton, NO_MOD, point)


def test_drag_headers_to_reorder_stages_steps_and_lanes(canvas):
    scene, view = canvas
    editor, stack = scene.editor, scene.undo_stack
    before = editor.doc.model_dump()
    # the Purchase stage before Awareness
    buy, aware = scene.header_rect("stage", "s-buy"), scene.header_rect("stage", "s-aware")
    drag(view, buy.center(), QPointF(aware.left() + 10, aware.center().y()))
    assert [s.id for s in editor.doc.stages] == ["s-buy", "s-aware"]
    assert stack.undoText() == "Move stage"
    # the Opportunities lane to the top
    opp, act = scene.header_rect("lane", "l-opp"), scene.header_rect("lane", "l-act")
    drag(view, opp.center(), QPointF(opp.center().x(), act.top() + 3))
    assert editor.doc.lanes[0].id == "l-opp"
    # the step "Visit website" into the Purchase stage, after "支付"
    web, pay = scene.header_rect("step", "t-web"), scene.header_rect("step", "t-pay")
    drag(view, web.center(), QPointF(pay.right() - 5, pay.center().y()))
    assert [s.id for s in editor.stage("s-buy").steps] == ["t-pay", "t-web"]
    assert stack.count() == 3
    for _ in range(3):
        stack.undo()
    assert editor.doc.model_dump() == before


@pytest.mark.parametrize(
    "visible, moving, gap, expected",
    [
        (["a", "b", "c", "d"], "d", 0, 0),  # to the front
        (["a", "b", "c", "d"], "a", 4, 3),  # to the end
        (["a", "b", "c", "d"], "b", 1, None),  # dropped where it is
        (["a", "b", "c", "d"], "b", 2, None),
        (["a", "c", "d"], "d", 1, 2),  # "b" is hidden: d goes before c, after b
        (["a", "c"], "x", 1, 2),  # from another list: before c
    ],
)
def test_index_after_move(visible, moving, gap, expected):
    from cxmapper.ui.canvas.interactions import index_after_move

    assert index_after_move(["a", "b", "c", "d"] if moving != "x" else ["a", "b", "c"], visible, moving, gap) == expected


def test_double_click_in_the_emotion_band_adds_a_point_where_a_persona_has_none(canvas):
    scene, view = canvas
    # Tom has no point at "Visit website"; 李女士 has one everywhere on her as-is curve.
    x = scene.layout.step_center_x("t-web")
    y = scene.layout.emotion_y("l-emo", -1) + 3
    QTest.mouseDClick(view.viewport(), LEFT, NO_MOD, vp(view, QPointF(x + 30, y)))
    tom = scene.editor.persona("p-tom")
    assert [(p.step, p.score) for p in tom.as_is] == [("t-ad", 0), ("t-web", -1), ("t-pay", -1)]
    assert scene.undo_stack.count() == 1 and scene.undo_stack.undoText() == "Add emotion point"
    assert scene.interaction() is None  # no card editor opened
