"""Markers over the grid: the current cell, the drop line of a drag and the dimming layer."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsItem

from cxmapper.ui.canvas import style
from cxmapper.ui.canvas.items.base import Z_CELL_MARK, Z_DIM, Z_DRAG, _NO_PEN


class CellMarkItem(QGraphicsItem):
    """The current cell (outlined) or a drop target (filled); one item moved around."""

    def __init__(self, fill: QColor, outline: QColor | None):
        super().__init__()
        self._rect = QRectF()
        self._brush = QBrush(fill)
        self._pen = QPen(outline, 2.0) if outline is not None else _NO_PEN
        self.setZValue(Z_CELL_MARK)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def set_rect(self, rect: QRectF | None) -> None:
        if rect is None:
            self.hide()
            return
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
        self.show()

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(self._pen)
        painter.setBrush(self._brush)
        painter.drawRect(self._rect.adjusted(1, 1, -1, -1))


class DropIndicatorItem(QGraphicsItem):
    """A thick line where dragged cards will land."""

    def __init__(self):
        super().__init__()
        self._line = QLineF()
        self._pen = QPen(style.SELECTION, 3.0)
        self._pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.setZValue(Z_DRAG)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def set_line(self, line: QLineF | None) -> None:
        if line is None:
            self.hide()
            return
        self.prepareGeometryChange()
        self._line = QLineF(line)
        self.show()

    def line(self) -> QLineF:
        return QLineF(self._line)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(self._line.p1(), self._line.p2()).normalized().adjusted(-3, -3, 3, 3)

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(self._pen)
        painter.drawLine(self._line)


class DimItem(QGraphicsItem):
    """A translucent veil over the stages the presentation is not focused on."""

    def __init__(self, rect: QRectF):
        super().__init__()
        self._rect = QRectF(rect)
        self._brush = QBrush(style.DIM)
        self.setZValue(Z_DIM)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        painter.fillRect(self._rect, self._brush)
