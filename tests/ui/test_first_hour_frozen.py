"""Frozen panes (issue 17, point 3): the lane column and the stage/step header rows
stay in view while the map scrolls and zooms, as a spreadsheet freezes panes, and a
double-click on a frozen header renames the real one. Checked on the screen's pixels
of the shown window, scrolled by real wheel events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cxmapper.model.fileformat import load_file
from cxmapper.ui.canvas.interactions import RenameHeader

from tests.ui.conftest import EXAMPLES
from tests.ui.shell_support import open_window


@pytest.fixture
def bank(qtbot, monkeypatch, tmp_path):
    window, boxes = open_window(qtbot, monkeypatch, tmp_path, load_file(EXAMPLES / "bank-account-opening.zh.cxmap"))
    window.resize(1400, 900)
    qtbot.waitExposed(window)
    window.view.set_zoom(0.8)
    window.view.horizontalScrollBar().setValue(0)
    window.view.verticalScrollBar().setValue(0)
    qtbot.wait(300)  # what the scene prepares in idle time (the emotion axis) is drawn
    yield window
    window.undo_stack.setClean()


def wheel(view, dx: int, dy: int, times: int = 1) -> None:
    viewport = view.viewport()
    at = QPointF(viewport.width() / 2, viewport.height() / 2)
    for _ in range(times):
        event = QWheelEvent(
            at, QPointF(viewport.mapToGlobal(at.toPoint())), QPoint(), QPoint(dx, dy),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
        )
        QApplication.sendEvent(viewport, event)
    QApplication.processEvents()


def screen(view) -> QImage:
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def band(image: QImage, x: int, y: int, w: int, h: int) -> QImage:
    return image.copy(x, y, w, h)


def differing(a: QImage, b: QImage) -> float:
    """The share of pixels that differ (the frozen column is painted item by item:
    its edges may differ by antialiasing from the map's own header)."""
    assert a.size() == b.size()
    changed = sum(1 for y in range(a.height()) for x in range(a.width()) if a.pixel(x, y) != b.pixel(x, y))
    return changed / (a.width() * a.height())


def test_the_lane_column_stays_when_scrolling_sideways(bank):
    view = bank.view
    style = bank.scene.layout.style
    zoom = view.transform().m11()
    origin = view.mapFromScene(QPointF(0, 0))  # the map's top left (a margin around it)
    lane_w, top = int(style.lane_header_width * zoom) - 2, origin.y() + int(style.grid_top * zoom) + 2
    before = band(screen(view), origin.x(), top, lane_w, view.viewport().height() - top - 4)
    wheel(view, -120, 0, times=12)  # sideways, as a touchpad or Shift+wheel does
    assert view.horizontalScrollBar().value() > 300
    after = band(screen(view), 0, top, lane_w, view.viewport().height() - top - 4)
    assert differing(after, before) < 0.03, "the lane names scrolled away"  # sub-pixel edges only


def test_the_header_rows_stay_when_scrolling_down_and_zooming(bank):
    view = bank.view
    style = bank.scene.layout.style
    zoom = view.transform().m11()
    origin = view.mapFromScene(QPointF(0, 0))
    lane_w, header_h = origin.x() + int(style.lane_header_width * zoom) + 2, int(style.grid_top * zoom) - 2
    before = band(screen(view), lane_w, origin.y(), view.viewport().width() - lane_w - 4, header_h)
    wheel(view, 0, -120, times=10)
    assert view.verticalScrollBar().value() > 150
    after = band(screen(view), lane_w, 0, view.viewport().width() - lane_w - 4, header_h)
    assert after == before, "the stage and step headers scrolled away"
    # Zoomed in while scrolled down: the headers are drawn at the new size, still on top.
    view.zoom_in()
    QApplication.processEvents()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.top() > style.grid_top  # the real headers are out of view
    image = screen(view)
    header_h = int(style.grid_top * view.transform().m11())
    # The stage header's colour fills the top band, not the map under it.
    x = int(style.lane_header_width * view.transform().m11()) + 6
    stage_colour = image.pixelColor(x, 4)
    assert stage_colour.saturation() > 60, stage_colour.name()  # a stage's colour, not white paper


def test_double_click_on_a_frozen_step_header_renames_that_step(bank, qtbot):
    view, scene = bank.view, bank.scene
    wheel(view, 0, -120, times=10)
    style = scene.layout.style
    zoom = view.transform().m11()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.top() > style.grid_top
    step = scene.layout.steps[1]
    x = style.lane_header_width + style.column_width * 1.5
    at = QPoint(round((x - shown.left()) * zoom), round((style.stage_header_height + style.step_header_height / 2) * zoom))
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    interaction = scene.interaction()
    assert isinstance(interaction, RenameHeader) and (interaction.kind, interaction.item_id) == ("step", step.id)
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(view, "Renamed")
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert bank.editor.step(step.id)[1].name == "Renamed"
    assert bank.undo_stack.count() == 1


def test_what_is_brought_into_view_is_not_left_under_the_frozen_panes(bank):
    view, scene = bank.view, bank.scene
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    QApplication.processEvents()
    first = bank.editor.doc.cards[0]
    item = scene.card_item(first.id)
    view.ensureVisible(item)  # as Find and the keyboard do
    on_screen = view.mapFromScene(item.scene_rect()).boundingRect()
    style = scene.layout.style
    zoom = view.transform().m11()
    assert on_screen.left() >= style.lane_header_width * zoom
    assert on_screen.top() >= style.grid_top * zoom
