"""The stage, step and lane headers, and the blueprint lines between lane groups."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsItem

from cxmapper.model.document import BlueprintLine, Lane, LaneKind
from cxmapper.ui import names
from cxmapper.ui.canvas import style
from cxmapper.ui.canvas.items.base import (
    Z_HEADER,
    Z_LINE,
    _GRID_PEN,
    _LABEL_PEN,
    _MUTED_PEN,
    _STEP_FILL,
    _TEXT_PEN,
    _WHITE_BRUSH,
    _WHITE_PEN,
)


class _TextBoxItem(QGraphicsItem):
    """A rectangle with a title that is elided (with a tooltip) when it does not fit."""

    def __init__(self, rect: QRectF, parent=None):
        super().__init__(parent)
        self._rect = QRectF(rect)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_rect(self, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
            self._relayout()

    def _relayout(self) -> None:  # subclasses recompute their text
        pass

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect


def fit_text(text: str, font, width: float, lines: int) -> tuple[str, bool]:
    """``text`` wrapped into at most ``lines`` lines of ``width``; elided with "…" if not.

    Returns (the text to draw with word wrap, whether it was shortened).
    """
    metrics = QFontMetricsF(font)
    needed = metrics.boundingRect(QRectF(0, 0, width, 1e6), int(Qt.TextFlag.TextWordWrap), text)
    # Lines are counted in the text's own line height: Chinese falls back to a font
    # whose lines are taller than the primary font's (17.6 vs 16.3 px at 14 px), and
    # measured against metrics.height() every Chinese header looked cut.
    line = metrics.boundingRect(QRectF(0, 0, 1e6, 1e6), 0, text).height() or metrics.height()
    if needed.height() <= line * lines + 0.5:
        return text, False
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width * lines - metrics.averageCharWidth() * 2 * (lines - 1)), True


class StageHeaderItem(_TextBoxItem):
    """A stage's name over its steps and, when its cards carry metrics, their aggregate.

    The aggregate line sits under the name; the scene makes the header band taller
    when the map has any metrics, so that both fit.
    """

    def __init__(self, stage_id: str, name: str, color: str, rect: QRectF, fonts):
        self.stage_id = stage_id
        self._name = name
        self._fonts = fonts
        self.color = color
        self._brush = style.brush(color)
        self._text_pen = _header_text_pen(color)
        self._metrics_text = ""
        self.refreshes = 0  # set_stage / set_metrics calls, for tests
        super().__init__(rect)
        self.setZValue(Z_HEADER)
        self._relayout()

    @property
    def name(self) -> str:
        return self._name

    def set_stage(self, name: str, color: str) -> None:
        self.refreshes += 1
        self._name = name
        self.color = color
        self._brush = style.brush(color)
        self._text_pen = _header_text_pen(color)
        self._relayout()
        self.update()

    def set_metrics(self, text: str) -> None:
        """The stage's aggregate figures as one line ("" for none)."""
        if text == self._metrics_text:
            return
        self.refreshes += 1
        self._metrics_text = text
        self._relayout()
        self.update()

    @property
    def metrics_text(self) -> str:
        return self._metrics_text

    def _metrics_height(self) -> float:
        return QFontMetricsF(self._fonts.stage_metrics).height() + 2 if self._metrics_text else 0.0

    def _relayout(self) -> None:
        self._shown, cut = fit_text(self._name, self._fonts.stage, self._rect.width() - 16, 1)
        tip = [self._name] if cut else []
        self._metrics_shown = ""
        if self._metrics_text:
            self._metrics_shown, metrics_cut = fit_text(self._metrics_text, self._fonts.stage_metrics, self._rect.width() - 16, 1)
            if metrics_cut:
                tip.append(self._metrics_text)
        self.setToolTip("\n".join(tip))

    def paint(self, painter, option, widget=None) -> None:
        painter.fillRect(self._rect.adjusted(1, 1, -1, 0), self._brush)
        self._paint_text(painter, self._rect, self._shown, self._metrics_shown)

    def paint_from(self, painter, left: float) -> None:
        """Paint the header again from ``left`` (item x) to its right end, the name and
        figures starting there: a stage that began left of the frozen lane column still
        shows its name at the column's edge, as a spreadsheet's frozen header would
        (before, only the right part of the band showed, with no name)."""
        rect = QRectF(self._rect)
        rect.setLeft(max(rect.left(), left))
        painter.fillRect(rect.adjusted(0, 1, -1, 0), self._brush)
        width = rect.width() - 16
        shown = fit_text(self._name, self._fonts.stage, width, 1)[0] if width > 0 else ""
        metrics = fit_text(self._metrics_text, self._fonts.stage_metrics, width, 1)[0] if width > 0 and self._metrics_text else ""
        self._paint_text(painter, rect, shown, metrics)

    def _paint_text(self, painter, rect: QRectF, name: str, metrics: str) -> None:
        painter.setPen(self._text_pen)
        painter.setFont(self._fonts.stage)
        metrics_h = self._metrics_height()
        name_rect = rect.adjusted(8, 0, -8, -metrics_h)
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name)
        if metrics:
            painter.setFont(self._fonts.stage_metrics)
            painter.drawText(
                QRectF(name_rect.left(), name_rect.bottom() - 2, name_rect.width(), metrics_h),
                Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                metrics,
            )


def _header_text_pen(fill: str) -> QPen:
    """White on dark stage colours, near-black on light ones (WCAG relative luminance)."""
    c = QColor(fill)

    def channel(v: float) -> float:
        v /= 255.0
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())
    # The contrast with white beats the contrast with #111827 below ~0.18.
    return _WHITE_PEN if luminance < 0.18 else _TEXT_PEN


class StepHeaderItem(_TextBoxItem):
    def __init__(self, step_id: str, name: str, rect: QRectF, fonts):
        self.step_id = step_id
        self._name = name
        self._fonts = fonts
        super().__init__(rect)
        self.setZValue(Z_HEADER)
        self._relayout()

    @property
    def name(self) -> str:
        return self._name

    def set_name(self, name: str) -> None:
        self._name = name
        self._relayout()
        self.update()

    def _relayout(self) -> None:
        self._shown, cut = fit_text(self._name, self._fonts.step, self._rect.width() - 12, 1)
        self.setToolTip(self._name if cut else "")

    def paint(self, painter, option, widget=None) -> None:
        painter.fillRect(self._rect, _STEP_FILL)
        painter.setPen(_GRID_PEN)
        painter.drawLine(QLineF(self._rect.bottomLeft(), self._rect.bottomRight()))
        painter.drawLine(QLineF(self._rect.topRight(), self._rect.bottomRight()))
        painter.setPen(_TEXT_PEN)
        painter.setFont(self._fonts.step)
        painter.drawText(
            self._rect.adjusted(6, 0, -6, 0),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            self._shown,
        )


class LaneHeaderItem(_TextBoxItem):
    """The lane's name and kind, left of its row (a child of the row)."""

    def __init__(self, lane: Lane, rect: QRectF, fonts, *, reserve_right: float = 0.0, parent=None):
        self._fonts = fonts
        self._reserve = reserve_right
        self.set_lane_fields(lane)
        super().__init__(rect, parent)
        self._relayout()

    def set_lane_fields(self, lane: Lane) -> None:
        self.lane_id = lane.id
        self._name = lane.name or names.lane_kind_name(lane.kind)
        self._kind = names.lane_kind_name(lane.kind)
        self._tint = style.brush(style.LANE_TINT[LaneKind(lane.kind)])

    def set_lane(self, lane: Lane) -> None:
        self.set_lane_fields(lane)
        self._relayout()
        self.update()

    def _text_rect(self) -> QRectF:
        return self._rect.adjusted(10, 8, -8 - self._reserve, -8)

    def _relayout(self) -> None:
        r = self._text_rect()
        kind_h = QFontMetricsF(self._fonts.lane_kind).height()
        lines = max(1, int((r.height() - kind_h) // QFontMetricsF(self._fonts.lane).height()))
        self._shown, cut = fit_text(self._name, self._fonts.lane, r.width(), min(lines, 4))
        self.setToolTip(self._name if cut else "")

    def paint(self, painter, option, widget=None) -> None:
        painter.fillRect(self._rect, self._tint)
        painter.setPen(_GRID_PEN)
        painter.drawLine(QLineF(self._rect.topRight(), self._rect.bottomRight()))
        r = self._text_rect()
        painter.setPen(_TEXT_PEN)
        painter.setFont(self._fonts.lane)
        used = painter.boundingRect(r, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), self._shown)
        painter.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, self._shown)
        if self._kind != self._name:
            painter.setPen(_MUTED_PEN)
            painter.setFont(self._fonts.lane_kind)
            painter.drawText(
                QRectF(r.left(), used.bottom() + 2, r.width(), r.bottom() - used.bottom()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                self._kind,
            )


class BlueprintLineItem(QGraphicsItem):
    """One blueprint line across the grid, labelled in a gap at the start of the grid."""

    def __init__(self, line: BlueprintLine, x0: float, x1: float, y: float, fonts):
        super().__init__()
        self.line = BlueprintLine(line)
        self.label = names.blueprint_line_name(line)
        self._fonts = fonts
        metrics = QFontMetricsF(fonts.line_label)
        w = metrics.horizontalAdvance(self.label) + 14
        h = metrics.height() + 2
        self._x0, self._x1 = x0, x1
        self._label_rect = QRectF(x0 + 10, -h / 2, w, h)
        self._pen = QPen(style.BLUEPRINT_LINE, 2.0, Qt.PenStyle.DashLine)
        self.setZValue(Z_LINE)
        self.setPos(0, y)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_span(self, x0: float, x1: float) -> None:
        self.prepareGeometryChange()
        self._label_rect.moveLeft(x0 + 10)
        self._x0, self._x1 = x0, x1

    def label_rect(self) -> QRectF:
        return self.mapRectToScene(self._label_rect)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(self._x0, self._label_rect.top(), self._x1 - self._x0, self._label_rect.height())

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(self._pen)
        label = self._label_rect
        # The line stops at the label instead of crossing it.
        painter.drawLine(QLineF(self._x0, 0, label.left() - 3, 0))
        painter.drawLine(QLineF(label.right() + 3, 0, self._x1, 0))
        painter.setPen(_LABEL_PEN)
        painter.setBrush(_WHITE_BRUSH)
        painter.drawRoundedRect(label, label.height() / 2, label.height() / 2)
        painter.setFont(self._fonts.line_label)
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter, self.label)
