"""A stage scrolled half under the frozen lane column keeps its name in view: the band
is painted again from the column's edge with the name there (before, only the right
part of the band showed, without its name). Checked on the shown window's pixels, in
the editor with the header rows in place and frozen, and in workshop mode."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from tests.ui.test_first_hour_frozen import bank, screen  # noqa: F401  (the fixture)


def _scroll_stage_under_the_column(window, stage_index: int, share: float) -> tuple:
    """Scroll sideways until ``share`` of stage ``stage_index``'s band is under the lane
    column; the stage's header item and the column's width on screen."""
    view, scene = window.view, window.scene
    zoom = view.transform().m11()
    lane_w = scene.layout.style.lane_header_width * zoom
    stage = window.editor.doc.stages[stage_index]
    header = scene._stage_headers[stage.id]
    rect = header.sceneBoundingRect()
    target = QPointF(rect.left() + rect.width() * share, rect.center().y())
    for _ in range(3):  # the scroll bar's range settles after the first move
        bar = view.horizontalScrollBar()
        bar.setValue(bar.value() + round(view.mapFromScene(target).x() - lane_w))
    return header, lane_w


def _ink(image, x0: int, x1: int, y0: int, y1: int) -> int:
    """Pixels in the box that are clearly not the band's fill (its most common colour):
    the name's glyphs."""
    colours = Counter(image.pixel(x, y) for y in range(y0, y1) for x in range(x0, x1))
    fill = QColor(colours.most_common(1)[0][0])
    count = 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            c = QColor(image.pixel(x, y))
            if abs(c.red() - fill.red()) + abs(c.green() - fill.green()) + abs(c.blue() - fill.blue()) > 50:
                count += 1
    return count


def _name_row(window, header) -> tuple[int, int]:
    view = window.view
    if view.verticalScrollBar().value() > 0:  # frozen rows: the scene's top at the viewport's top
        zoom = view.transform().m11()
        return int(header.sceneBoundingRect().top() * zoom) + 3, int(header.sceneBoundingRect().bottom() * zoom) - 3
    rect = view.mapFromScene(header.sceneBoundingRect()).boundingRect()
    return rect.top() + 3, rect.bottom() - 3


def _name_line(window, header) -> tuple[int, int]:
    """The upper part of the band: the stage's name (its figures are on the line below)."""
    top, bottom = _name_row(window, header)
    return top, top + (bottom - top) * 9 // 20


@pytest.mark.parametrize("down", [False, True], ids=["rows-in-place", "rows-frozen"])
def test_a_stage_half_under_the_lane_column_shows_its_name_at_the_edge(bank, down):
    window = bank
    if down:
        window.view.verticalScrollBar().setValue(400)
    header, lane_w = _scroll_stage_under_the_column(window, 2, 0.4)  # 办理: three steps wide
    image = screen(window.view)
    top, bottom = _name_line(window, header)
    left = int(lane_w) + 3
    assert _ink(image, left, left + 60, top, bottom) > 25, "no name at the lane column's edge"
    # the band's own place still draws it too when the stage starts in view: nothing doubled
    header2, lane_w = _scroll_stage_under_the_column(window, 2, 0.0)
    image = screen(window.view)
    assert _ink(image, int(lane_w) + 3, int(lane_w) + 60, top, bottom) > 25


def test_workshop_mode_shows_the_stage_name_of_a_stage_scrolled_half_away(bank, qtbot):
    window = bank
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_F5)  # workshop mode
    qtbot.wait(200)
    try:
        header, lane_w = _scroll_stage_under_the_column(window, 2, 0.5)
        image = screen(window.view)
        top, bottom = _name_line(window, header)
        left = int(lane_w) + 3
        assert _ink(image, left, left + 60, top, bottom) > 25
        # painted again under the same veil as the rest of the band (the stage is not in focus)
        right = window.view.mapFromScene(QPointF(header.sceneBoundingRect().right() - 6, 0)).x()
        again = QColor(image.pixel(left + 1, top + 1))
        rest = QColor(image.pixel(right, top + 1))
        assert abs(again.red() - rest.red()) + abs(again.green() - rest.green()) + abs(again.blue() - rest.blue()) < 12
    finally:
        QTest.keyClick(window.view, Qt.Key.Key_Escape)
