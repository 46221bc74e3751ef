"""The persona legend inside the emotion lane, and curves with equal scores kept apart.

The legend is drawn in the emotion lane's header, under its name: a line sample in
each persona's colour (dashed too when she has a to-be curve) and her name, elided to
the column (the whole name in the tooltip). Being in the lane column, it stays in view
with the frozen panes while the map scrolls, in the editor and in workshop mode
(issue 17, point 6: the legend was only below the whole map).

Two personas with the same score at a step drew one point over the other, so one
seemed missing while the legend listed her. ``spread_coinciding`` moves the points
that coincide (same step, same score) apart vertically by ``SPREAD`` pixels around
the true level, in the order of the personas; points alone at their level stay exact.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsItem

#: Pixels between two curves' points that would coincide.
SPREAD = 4.0
#: The legend's line sample, and its rows.
SAMPLE = 16.0
ROW = 15.0


def spread_coinciding(curves: list[list[tuple | None]]) -> list[list[tuple | None]]:
    """``curves``: for each curve, its points (step id, x, y, score, reason) or None.
    Returns them with the points that coincide with another curve's spread apart."""
    groups: dict[tuple[str, float], list[tuple[int, int]]] = defaultdict(list)
    for c, points in enumerate(curves):
        for i, point in enumerate(points):
            if point is not None:
                groups[(point[0], round(point[2], 3))].append((c, i))
    out = [list(points) for points in curves]
    for members in groups.values():
        if len(members) < 2:
            continue
        for rank, (c, i) in enumerate(members):
            step_id, x, y, score, reason = out[c][i]
            out[c][i] = (step_id, x, y + (rank - (len(members) - 1) / 2) * SPREAD, score, reason)
    return out


class EmotionLegendItem(QGraphicsItem):
    """The personas of the emotion curves, in the emotion lane's header (a child of
    the lane's row). ``set_entries`` takes what the map's legend shows: (name, colour,
    hidden) per persona, and which ones have a to-be curve."""

    def __init__(self, rect: QRectF, font, parent) -> None:
        super().__init__(parent)
        self._rect = QRectF(rect)
        self._font = font
        self._entries: list[tuple[str, object, bool]] = []  # (shown name, colour, to-be)
        self.names: list[str] = []  # the full names shown, in order
        self.setZValue(3.0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def set_entries(self, personas, to_be: set[str] | frozenset[str] = frozenset()) -> None:
        metrics = QFontMetricsF(self._font)
        room = max(10.0, self._rect.width() - SAMPLE - 6)
        rows = max(0, int(self._rect.height() // ROW))
        shown = [(name, color) for name, color, hidden in personas if not hidden]
        entries = []
        for n, (name, color) in enumerate(shown):
            if n == rows - 1 and len(shown) > rows:  # the last row says how many more
                entries.append((f"+{len(shown) - n}", None, False))
                break
            entries.append((metrics.elidedText(name, Qt.TextElideMode.ElideRight, room), color, name in to_be))
        self._entries = entries
        self.names = [name for name, _ in shown]
        self.setToolTip("\n".join(self.names))
        self.update()

    def paint(self, painter, option, widget=None) -> None:
        painter.setFont(self._font)
        x, y = self._rect.left(), self._rect.top()
        for text, color, to_be in self._entries:
            middle = y + ROW / 2
            if color is not None:
                if to_be:  # solid half, dashed half: as-is and to-be
                    painter.setPen(QPen(color, 2.0))
                    painter.drawLine(QLineF(x, middle, x + SAMPLE / 2 - 1, middle))
                    painter.setPen(QPen(color, 2.0, Qt.PenStyle.DashLine))
                    painter.drawLine(QLineF(x + SAMPLE / 2 + 1, middle, x + SAMPLE, middle))
                else:
                    painter.setPen(QPen(color, 2.0))
                    painter.drawLine(QLineF(x, middle, x + SAMPLE, middle))
                painter.setPen(QPen(color.darker(140)))
            else:
                painter.setPen(Qt.GlobalColor.darkGray)
            painter.drawText(
                QRectF(x + SAMPLE + 4, y, self._rect.width() - SAMPLE - 4, ROW),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            y += ROW


def add_to_row(row, lane_header_width: float, row_height: float, fonts, reserve_right: float) -> EmotionLegendItem:
    """The legend item in an emotion row's header, under the lane's name and kind."""
    top = 8 + QFontMetricsF(fonts.lane).height() + 2 + QFontMetricsF(fonts.lane_kind).height() + 8
    rect = QRectF(10, top, lane_header_width - 18 - reserve_right, max(0.0, row_height - top - 6))
    return EmotionLegendItem(rect, fonts.lane_kind, row)
