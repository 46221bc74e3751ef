"""Workshop mode readable on any map (issue 17, point 2): on the 10-lane blueprint the
current stage's cards show their text, the hint box covers no part of the map and H
hides it, and Esc returns to exactly the zoom and the part of the map the person had.
Driven by real keys on the shown window; checked on the screen's pixels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cxmapper.model.fileformat import load_file
from cxmapper.ui.canvas.items import CARD_DETAIL_LOD

from tests.ui.conftest import EXAMPLES
from tests.ui.shell_support import open_window


@pytest.fixture
def bank(qtbot, monkeypatch, tmp_path):
    window, boxes = open_window(qtbot, monkeypatch, tmp_path, load_file(EXAMPLES / "bank-account-opening.zh.cxmap"))
    window.resize(1400, 900)
    qtbot.waitExposed(window)
    qtbot.wait(200)  # the opening zoom (deferred) is done
    yield window
    if window.workshop.active:
        window.workshop.leave()
    window.undo_stack.setClean()


def enter(window, qtbot) -> None:
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_F5)
    assert window.workshop.active
    qtbot.wait(300)  # full screen, then the zoom follows the new size


def dark_pixels(window, rect: QRect) -> int:
    image = window.view.viewport().grab().toImage()
    rect = rect.intersected(image.rect())
    return sum(
        1 for y in range(rect.top(), rect.bottom(), 2) for x in range(rect.left(), rect.right(), 2)
        if image.pixelColor(x, y).lightness() < 110
    )


def test_the_current_stage_of_a_blueprint_shows_its_card_texts(bank, qtbot):
    enter(bank, qtbot)
    scene, view = bank.scene, bank.view
    assert view.transform().m11() >= CARD_DETAIL_LOD  # cards are drawn with their text
    stage = bank.editor.doc.stages[0]
    steps = {s.id for s in stage.steps}
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    cards = [scene.card_item(c.id) for c in bank.editor.doc.cards if c.step in steps]
    visible = [item for item in cards if shown.contains(item.scene_rect())]
    assert len(visible) >= 4, (view.transform().m11(), shown, scene.stage_rect(stage.id), [i.scene_rect() for i in cards[:3]])
    for item in visible[:4]:
        on_screen = view.mapFromScene(item.scene_rect()).boundingRect().adjusted(8, 4, -4, -4)
        assert dark_pixels(bank, on_screen) > 15, f"{item.card_id} is an empty outline"
    # The whole width of the stage is in view, the headers at the top.
    rect = scene.stage_rect(stage.id)
    assert shown.left() <= rect.left() + 1 and shown.right() >= rect.right() - 1
    QTest.keyClick(view, Qt.Key.Key_Right)  # the next stage, readable too
    assert view.transform().m11() >= CARD_DETAIL_LOD


def test_the_hint_covers_nothing_and_h_hides_it(bank, qtbot):
    enter(bank, qtbot)
    view, overlay = bank.view, bank.workshop.overlay
    assert overlay.isVisible()
    hint = overlay.geometry()  # in the view's coordinates, as the viewport's
    assert not hint.intersects(view.viewport().geometry()), "the hint box lies over the map"
    assert hint.bottom() <= view.height()
    height_with_hint = view.viewport().height()
    QTest.keyClick(view, Qt.Key.Key_H)
    assert not overlay.isVisible()
    assert view.viewport().height() > height_with_hint  # the map takes the band back
    QTest.keyClick(view, Qt.Key.Key_H)
    assert overlay.isVisible() and not overlay.geometry().intersects(view.viewport().geometry())


def test_escape_returns_to_the_zoom_and_place_the_person_had(bank, qtbot):
    view = bank.view
    view.set_zoom(0.6)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum() // 2)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 3)
    QApplication.processEvents()
    before = view.mapToScene(0, 0)
    enter(bank, qtbot)
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_E)
    assert abs(view.zoom() - 0.6) > 0.05
    QTest.keyClick(view, Qt.Key.Key_Escape)
    qtbot.wait(600)  # the window is back at its size
    assert not bank.workshop.active
    assert view.zoom() == pytest.approx(0.6)
    after = view.mapToScene(0, 0)
    assert abs(after.x() - before.x()) <= 2 and abs(after.y() - before.y()) <= 2, (before, after)
    assert bank.undo_stack.count() == 0


def test_the_emotion_view_hides_the_lane_of_the_current_cell_without_error(bank, qtbot):
    scene, view = bank.scene, bank.view
    pain = next(lane.id for lane in bank.editor.doc.lanes if lane.kind == "pain_points")
    step = bank.editor.doc.steps()[0].id
    rect = scene.cell_rect(pain, step)
    view.ensureVisible(rect)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.mapFromScene(QPointF(rect.center().x(), rect.bottom() - 4)))
    assert scene.current_cell() == (pain, step)
    enter(bank, qtbot)
    QTest.keyClick(view, Qt.Key.Key_E)  # raised KeyError in the scene's rebuild before
    assert bank.workshop.lane_filter == "emotion"
    QTest.keyClick(view, Qt.Key.Key_A)
    assert bank.workshop.lane_filter == "all"
