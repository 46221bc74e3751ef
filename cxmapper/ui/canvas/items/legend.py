"""The legend drawn below the map (card kinds, evidence, link kinds)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsObject

from cxmapper.model.document import Evidence, LinkKind
from cxmapper.ui import names
from cxmapper.ui.canvas import style
from cxmapper.ui.canvas.items.base import _MUTED_PEN, _NO_BRUSH, _TEXT_PEN


class LegendItem(QGraphicsObject):
    """Personas (colour, hidden or not), curve styles, evidence borders and link kinds."""

    def __init__(self, fonts):
        super().__init__()
        self._fonts = fonts
        self._entries: list[tuple[str, object]] = []
        self._rect = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_entries(self, personas: Sequence[tuple[str, QColor, bool]], show_links: bool) -> None:
        """``personas``: (name, colour, hidden). Rebuilds the legend's rows."""
        rows: list[list[tuple[str, object]]] = []
        if personas:
            rows.append([("title", QCoreApplication.translate("Legend", "Personas:"))] + [("persona", p) for p in personas])
            rows.append(
                [
                    ("title", QCoreApplication.translate("Legend", "Emotion curve:")),
                    ("curve", (names.curve_name("as_is"), Qt.PenStyle.SolidLine)),
                    ("curve", (names.curve_name("to_be"), Qt.PenStyle.DashLine)),
                ]
            )
        rows.append(
            [("title", QCoreApplication.translate("Legend", "Evidence:"))]
            + [("evidence", (names.evidence_name(e), style.EVIDENCE_STYLE[e])) for e in Evidence]
        )
        if show_links:
            rows.append(
                [("title", QCoreApplication.translate("Legend", "Links:"))] + [("link", k) for k in LinkKind]
            )
        self.prepareGeometryChange()
        self._rows = rows
        metrics = QFontMetricsF(self._fonts.legend)
        self._row_h = metrics.height() + 8
        width = 0.0
        for row in rows:
            width = max(width, sum(self._entry_width(metrics, e) for e in row))
        self._rect = QRectF(0, 0, width + 16, len(rows) * self._row_h + 8)
        self.update()

    def _entry_width(self, metrics, entry) -> float:
        kind, value = entry
        if kind == "title":
            return metrics.horizontalAdvance(value) + 10
        if kind == "persona":
            label = value[0]
        elif kind == "link":
            label = names.link_kind_name(value)
        else:
            label = value[0]
        return 30 + metrics.horizontalAdvance(label) + 16

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        painter.setFont(self._fonts.legend)
        metrics = QFontMetricsF(self._fonts.legend)
        y = 4.0
        for row in self._rows:
            x = 8.0
            mid = y + self._row_h / 2
            for entry in row:
                kind, value = entry
                w = self._entry_width(metrics, entry)
                text_rect = QRectF(x + 30, y, w - 30, self._row_h)
                if kind == "title":
                    painter.setPen(_TEXT_PEN)
                    painter.drawText(QRectF(x, y, w, self._row_h), Qt.AlignmentFlag.AlignVCenter, value)
                    x += w
                    continue
                if kind == "persona":
                    label, color, hidden = value
                    painter.setPen(QPen(color, 3.0))
                    painter.drawLine(QLineF(x, mid, x + 24, mid))
                    painter.setPen(_MUTED_PEN if hidden else _TEXT_PEN)
                elif kind == "curve":
                    label, dash = value
                    painter.setPen(QPen(style.MUTED_TEXT, 2.0, dash))
                    painter.drawLine(QLineF(x, mid, x + 24, mid))
                    painter.setPen(_TEXT_PEN)
                elif kind == "evidence":
                    label, dash = value
                    painter.setPen(QPen(style.MUTED_TEXT, 1.3, dash))
                    painter.setBrush(_NO_BRUSH)
                    painter.drawRoundedRect(QRectF(x, mid - 7, 24, 14), 3, 3)
                    painter.setPen(_TEXT_PEN)
                else:
                    label = names.link_kind_name(value)
                    painter.setPen(QPen(style.color(style.LINK_COLOR[value]), 2.0, style.LINK_STYLE[value]))
                    painter.drawLine(QLineF(x, mid, x + 24, mid))
                    painter.setPen(_TEXT_PEN)
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, label)
                x += w
            y += self._row_h
