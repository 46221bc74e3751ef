"""The layout's plain rectangles (``model.layout.Rect``) as Qt's, for the canvas modules."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from cxmapper.model.layout import Rect


def qrect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)
