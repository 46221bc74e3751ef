"""Emotion points by visible means (issue 17, point 4): a "+" with its score follows
the pointer over a step where a persona has no point yet and a click adds it; a
dragged point shows its score live; Edit ▸ Add Emotion Point (Ctrl+Shift+M) adds one at the
current cell's step. Real mouse and key events on the shown window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cxmapper.ui.canvas.emotion_hints import ScoreBadge

from tests.ui.conftest import build_small_map
from tests.ui.shell_support import open_window

LEFT, NO_MOD = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


@pytest.fixture
def shell(qtbot, monkeypatch, tmp_path):
    window, _ = open_window(qtbot, monkeypatch, tmp_path, build_small_map())
    window.resize(1300, 900)
    qtbot.waitExposed(window)
    qtbot.wait(100)
    yield window
    window.undo_stack.setClean()


def badge(window) -> ScoreBadge:
    return next(i for i in window.scene.items() if isinstance(i, ScoreBadge))


def at(window, scene_point: QPointF):
    window.view.ensureVisible(scene_point.x() - 5, scene_point.y() - 5, 10, 10)
    return window.view.mapFromScene(scene_point)


def hover(window, pos) -> None:
    """The pointer moves with no button held (QTest.mouseMove carries the buttons
    another test's QTest press left in its state)."""
    viewport = window.view.viewport()
    local = QPointF(pos)
    QApplication.sendEvent(viewport, QMouseEvent(
        QEvent.Type.MouseMove, local, QPointF(viewport.mapToGlobal(pos)), Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton, NO_MOD))


def tom_points(window):
    return {p.step: p.score for p in window.editor.doc.persona("p-tom").as_is} if hasattr(window.editor.doc, "persona") \
        else {p.step: p.score for p in next(x for x in window.editor.doc.personas if x.id == "p-tom").as_is}


def test_hovering_shows_a_plus_with_its_score_and_a_click_adds_the_point(shell):
    scene, layout = shell.scene, shell.scene.layout
    point = QPointF(layout.step_center_x("t-web"), layout.emotion_y("l-emo", 1))
    assert "t-web" not in tom_points(shell)  # Li has a point there, Tom not
    hover(shell, at(shell, point))
    shown = badge(shell)
    assert shown.isVisible() and shown.plus and shown.text == "+1"
    assert "Tom" in shown.toolTip()
    QTest.mouseClick(shell.view.viewport(), LEFT, NO_MOD, at(shell, point))
    assert tom_points(shell)["t-web"] == 1
    assert shell.undo_stack.count() == 1 and shell.undo_stack.undoText()
    # Away from the emotion lane, the "+" goes.
    hover(shell, at(shell, scene.cell_rect("l-act", "t-web").center()))
    assert not badge(shell).isVisible()


def test_dragging_a_point_shows_its_score_live(shell):
    scene, layout = shell.scene, shell.scene.layout
    li = next(c for c in scene.curve_items() if c.persona_id == "p-li" and c.curve == "as_is")
    handle = next(h for h in li.handles if h.step_id == "t-web")  # no other point there
    start = at(shell, handle.scenePos())
    viewport = shell.view.viewport()
    QTest.mousePress(viewport, LEFT, NO_MOD, start)
    target = shell.view.mapFromScene(QPointF(handle.scenePos().x(), layout.emotion_y("l-emo", -1)))
    for i in range(1, 5):
        QTest.mouseMove(viewport, start + (target - start) * (i / 4))
    shown = badge(shell)
    assert shown.isVisible() and not shown.plus and shown.text == "\u22121"  # while dragging
    QTest.mouseRelease(viewport, LEFT, NO_MOD, target)
    assert not badge(shell).isVisible()
    li_points = {p.step: p.score for p in next(x for x in shell.editor.doc.personas if x.id == "p-li").as_is}
    assert li_points["t-web"] == -1 and shell.undo_stack.count() == 1, (shell.statusBar().currentMessage(), shell.undo_stack.count(), li_points)


def test_add_emotion_point_from_the_menu_at_the_current_cell(shell):
    scene = shell.scene
    cell = scene.cell_rect("l-act", "t-web")
    QTest.mouseClick(shell.view.viewport(), LEFT, NO_MOD, at(shell, QPointF(cell.center().x(), cell.bottom() - 6)))
    assert scene.current_cell() == ("l-act", "t-web")
    action = shell.registry["add_emotion_point"]
    assert action in shell.menuBar().actions()[1].menu().actions()  # Edit menu
    QTest.keyClick(shell.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tom_points(shell)["t-web"] == 0  # the neutral score, for the persona without one
    assert shell.undo_stack.count() == 1
    shell.undo_stack.undo()
    assert "t-web" not in tom_points(shell)
